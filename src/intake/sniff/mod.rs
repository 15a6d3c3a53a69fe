//! Sniffing: decide from a file's bytes which spreadsheet reader can open it, or why none can, before any parser touches it.
//!
//! Departments return whatever their office software, business system or mail client produced: real
//! workbooks, but also HTML tables saved as `.xls`, Word documents, PDFs, CSV exports, half-copied files,
//! password-protected workbooks and, in the worst case, files crafted to exhaust memory. The parsers
//! (calamine) trust what they read; this module looks first, using nothing but the bytes, and answers
//! either "use this reader" ([`Sniffed`]) or "no reader can, and here is what to tell the department"
//! ([`FileProblem`]).
//!
//! The checks, in order (see [`sniff`]):
//!
//! 1. **Size.** Zero bytes is `F004`; more than [`Limits::max_file_bytes`] is `F003`. A caller that has
//!    not read the file yet should call [`check_size`] on its length first, so that a huge file is never
//!    read into memory at all.
//! 2. **ZIP container** (`PK\x03\x04`, or `PK\x05\x06` for an empty archive) — xlsx, xlsm, xlsb and ods
//!    are all ZIP archives. The central directory is checked against [`Limits`] *before* anything is
//!    inflated: entry count, the sum of declared uncompressed sizes, and each entry's compression ratio.
//!    The declared sizes can be trusted for this because the zip crate (which calamine uses too) refuses
//!    to inflate an entry beyond its declared size, so a lying directory makes the read fail instead of
//!    exhausting memory. Then the entries say what the archive is: `xl/workbook.xml` (xlsx, or xlsm with
//!    macros), `xl/workbook.bin` (xlsb), the OpenDocument `mimetype` (ods), or something else (docx, odt,
//!    a plain archive), which is `F001`.
//! 3. **OLE compound file** (`D0 CF 11 E0 A1 B1 1A E1`) — the legacy binary container. Its directory is
//!    walked (bounded, cycle-safe) to list the streams at the root: `EncryptionInfo`/`EncryptedPackage` is
//!    an xlsx/xlsm with an opening password (`F002`); `Workbook` or `Book` is an xls, unless the workbook
//!    stream starts with a FILEPASS record (an encrypted xls, `F002`); `WordDocument` is a Word `.doc`
//!    (`F001`).
//!    Sector chains that loop (directory, mini FAT, mini stream, the workbook stream) are `F001`
//!    before any reader follows them.
//! 4. **Anything else** is `F001`, with the message naming what the file really is when that can be
//!    told: PDF, image, RAR/7z/gzip archive, HTML table (a very common "Excel export" of business
//!    systems), single-file web page (MHT), Excel 2003 XML spreadsheet, CSV or plain text, a file full of
//!    zero bytes (an interrupted copy), or unknown binary data.
//!
//! Once the format is known, the counts and dimensions the file declares are checked against what its
//! bytes can hold ([`declared`]: shared strings, xls DIMENSIONS and farthest cells, ods repeats, xlsb
//! records), which turns the inputs known to crash or exhaust the readers into `F001`/`F003`.
//!
//! When the content is a readable workbook but the extension says something else (an xlsx named `.ods`),
//! the file is read by its content and [`Sniffed::note`] carries an informational `F006`.
//!
//! Everything here is pure: no I/O, no printing, no panics, and memory and time bounded by the input
//! size and [`Limits`] whatever the bytes are. A few problems can only be seen while parsing (an xls
//! whose FILEPASS record is not where the format puts it, a part that fails to inflate); map the reader's
//! error with [`classify_calamine_error`].

mod cfb;
pub mod declared;
mod other;
#[cfg(test)]
mod tests;
mod zipped;

use cfb::sniff_cfb;
use cfb::CFB_MAGIC;
use other::sniff_other;
use zipped::sniff_zip;

use crate::diagnostic::Code;
use crate::i18n::diagnostics::DiagText;
use serde::Serialize;
use std::path::Path;

/// A spreadsheet format, i.e. which reader opens the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Office Open XML workbook without macros.
    Xlsx,
    /// Office Open XML workbook with macros (read like xlsx; the macros are never run).
    Xlsm,
    /// Excel binary workbook (ZIP of BIFF12 parts).
    Xlsb,
    /// Excel 97–2003 binary workbook (BIFF8 in an OLE compound file); also WPS `.et`.
    Xls,
    /// OpenDocument spreadsheet (LibreOffice, WPS).
    Ods,
}

impl Format {
    /// The usual extension, without the dot: `"xlsx"`, `"xlsm"`, `"xlsb"`, `"xls"`, `"ods"`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }

    /// The format an extension claims, case-insensitive, with or without the leading dot. Templates
    /// and add-ins map to the format they share (`xltx` → xlsx, `xltm`/`xlam` → xlsm, `xlt`/`xla` →
    /// xls, `ots` → ods), as do the WPS Spreadsheets extensions `et`/`ett` (xls). `None` for anything
    /// else, including `csv`.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.trim().trim_start_matches('.').to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xltx" => Some(Format::Xlsx),
            "xlsm" | "xltm" | "xlam" => Some(Format::Xlsm),
            "xlsb" => Some(Format::Xlsb),
            "xls" | "xlt" | "xla" | "et" | "ett" => Some(Format::Xls),
            "ods" | "ots" => Some(Format::Ods),
            _ => None,
        }
    }
}

/// Bounds on what a returned workbook may cost to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes (default 64 MiB). A return form is a few hundred kilobytes.
    pub max_file_bytes: u64,
    /// Largest total of the declared uncompressed sizes of all ZIP entries (default 256 MiB).
    pub max_uncompressed_bytes: u64,
    /// An entry that inflates to more than [`RATIO_FLOOR_BYTES`] and more than this many times its
    /// compressed size is treated as a zip bomb (default 200; real sheet XML compresses 10–50 times).
    pub max_entry_ratio: u64,
    /// Most ZIP entries accepted (default 10 000; a workbook has a few dozen parts).
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * MIB,
            max_uncompressed_bytes: 256 * MIB,
            max_entry_ratio: 200,
            max_entries: 10_000,
        }
    }
}

/// Entries smaller than this (8 MiB) are never called bombs, whatever their ratio: a small, highly
/// repetitive part (a blank styles sheet, an empty drawing) compresses very well and costs nothing.
pub const RATIO_FLOOR_BYTES: u64 = 8 * MIB;

const MIB: u64 = 1024 * 1024;

/// Why a file cannot be read (or, in [`Sniffed::note`], something worth saying about it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileProblem {
    pub code: Code,
    /// What is wrong, in Chinese, for the department.
    pub message: String,
    /// How to fix it, in Chinese.
    pub hint: String,
    /// Message and hint in English, where the text comes from the message table.
    pub en: Option<(String, String)>,
}

impl FileProblem {
    /// A problem whose message and hint come from the message table, in both languages.
    pub(crate) fn said(
        code: Code,
        message: DiagText,
        hint: DiagText,
        args: &[(&str, &str)],
    ) -> Self {
        FileProblem::said_each(code, (message, hint), args, args)
    }

    /// [`FileProblem::said`] with arguments that differ by language.
    pub(crate) fn said_each(
        code: Code,
        (message, hint): (DiagText, DiagText),
        zh: &[(&str, &str)],
        en: &[(&str, &str)],
    ) -> Self {
        FileProblem {
            code,
            message: message.say(crate::i18n::Lang::Zh, zh),
            hint: hint.say(crate::i18n::Lang::Zh, zh),
            en: Some((
                message.say(crate::i18n::Lang::En, en),
                hint.say(crate::i18n::Lang::En, en),
            )),
        }
    }

    /// The problem as a diagnostic at `location`, with its English text when it has one.
    pub fn into_diagnostic(
        self,
        location: crate::diagnostic::Location,
    ) -> crate::diagnostic::Diagnostic {
        let d =
            crate::diagnostic::Diagnostic::new(self.code, location, None, self.message, self.hint);
        match self.en {
            Some((m, h)) => d.with_en(m, h),
            None => d,
        }
    }
}

/// The reader to use for a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sniffed {
    pub format: Format,
    /// Info-level F006 when the extension says another format
    pub note: Option<FileProblem>,
}

/// Checks a file's length before its bytes are read: zero bytes is `F004`, more than
/// [`Limits::max_file_bytes`] is `F003`. [`sniff`] applies the same check to the bytes it is given.
pub fn check_size(len: u64, limits: &Limits) -> Result<(), FileProblem> {
    if len == 0 {
        return Err(FileProblem::said(
            Code::FileEmpty,
            DiagText::FileEmpty,
            DiagText::HintReexport,
            &[],
        ));
    }
    if len > limits.max_file_bytes {
        return Err(FileProblem::said(
            Code::FileTooLarge,
            DiagText::FileTooBig,
            DiagText::HintShrink,
            &[("size", &mib(len)), ("limit", &mib(limits.max_file_bytes))],
        ));
    }
    Ok(())
}

/// Reads the file's content and says which reader to use, or why none can.
///
/// `ext` is the file's extension as named (with or without the dot, any case), used only to add the
/// F006 note when it disagrees with the content; the content decides the format.
pub fn sniff(bytes: &[u8], ext: Option<&str>, limits: &Limits) -> Result<Sniffed, FileProblem> {
    check_size(u64::try_from(bytes.len()).unwrap_or(u64::MAX), limits)?;
    let format = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        sniff_zip(bytes, limits)?
    } else if bytes.starts_with(&CFB_MAGIC) {
        sniff_cfb(bytes)?
    } else {
        return Err(sniff_other(bytes));
    };
    Ok(Sniffed {
        format,
        note: ext.and_then(|e| extension_note(e, format)),
    })
}

/// Whether a path's extension looks like a spreadsheet (for skipping other files in folders).
///
/// True for every extension [`Format::from_extension`] knows, and for `.csv`: a department that
/// returned a CSV should be told why it cannot be used rather than see it skipped. False for the owner
/// files Office and WPS leave beside an open workbook (`~$name.xlsx`) and for the `._name.xlsx`
/// resource forks macOS writes on USB sticks and shared drives: neither is a workbook.
pub fn looks_like_spreadsheet_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with("~$") || name.starts_with("._") {
        return false;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => Format::from_extension(ext).is_some() || ext.eq_ignore_ascii_case("csv"),
        None => false,
    }
}

/// Maps the text of a calamine error (opening or reading a workbook that [`sniff`] accepted) to a
/// problem: texts mentioning a password or encryption are `F002` (an xls encrypted with RC4 is only
/// seen here when its FILEPASS record is not at the start of the workbook stream), anything else is
/// `F001` with the reader's text in the message.
pub fn classify_calamine_error(msg: &str) -> FileProblem {
    let lower = msg.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        return FileProblem::said(
            Code::FileEncrypted,
            DiagText::Encrypted,
            DiagText::HintPassword,
            &[],
        );
    }
    FileProblem::said(
        Code::FileUnreadable,
        DiagText::CorruptReader,
        DiagText::HintResend,
        &[("detail", &truncate_chars(msg, 300))],
    )
}

// ── The F006 note ───────────────────────────────────────────────────────────────────────────────

/// F006 when the named extension is not one of `format`'s own (a file without extension gets none).
fn extension_note(ext: &str, format: Format) -> Option<FileProblem> {
    let shown = ext.trim().trim_start_matches('.');
    if shown.is_empty() || Format::from_extension(shown) == Some(format) {
        return None;
    }
    Some(FileProblem::said(
        Code::FormatMismatch,
        DiagText::ExtensionMismatch,
        DiagText::HintRename,
        &[
            ("ext", &truncate_chars(shown, 20)),
            ("format", format.name()),
        ],
    ))
}

// ── Small helpers ───────────────────────────────────────────────────────────────────────────────

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let lo = u64::from(u32_at(b, at)?);
    let hi = u64::from(u32_at(b, at.checked_add(4)?)?);
    Some(lo | (hi << 32))
}

fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// A size in MiB for messages, e.g. `300.0 MB`.
fn mib(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / MIB as f64)
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
