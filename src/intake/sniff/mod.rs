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

pub mod declared;

use crate::diagnostic::Code;
use crate::i18n::diagnostics::DiagText;
use serde::Serialize;
use std::io::{Cursor, Read};
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
    pub(crate) fn new(code: Code, message: impl Into<String>, hint: impl Into<String>) -> Self {
        FileProblem {
            code,
            message: message.into(),
            hint: hint.into(),
            en: None,
        }
    }

    /// A problem whose message and hint come from the message table, in both languages.
    pub(crate) fn said(
        code: Code,
        message: DiagText,
        hint: DiagText,
        args: &[(&str, &str)],
    ) -> Self {
        let (m_zh, m_en) = message.both(args);
        let (h_zh, h_en) = hint.both(args);
        FileProblem {
            code,
            message: m_zh,
            hint: h_zh,
            en: Some((m_en, h_en)),
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

// ── ZIP: xlsx, xlsm, xlsb, ods ──────────────────────────────────────────────────────────────────

/// How much of a small metadata entry (`mimetype`, `[Content_Types].xml`, a manifest) is read.
const META_READ_BYTES: u64 = 1024 * 1024;

const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

fn sniff_zip(bytes: &[u8], limits: &Limits) -> Result<Format, FileProblem> {
    // The end-of-central-directory record says how many entries there are; refusing a huge count here
    // keeps ZipArchive from building an index of a million entries first.
    if let Some(n) = eocd_entry_count(bytes) {
        if n > limits.max_entries as u64 {
            return Err(too_many_entries(n, limits));
        }
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| corrupt_zip())?;
    if zip.len() > limits.max_entries {
        return Err(too_many_entries(zip.len() as u64, limits));
    }

    // Bomb checks over the central directory only: nothing is inflated yet.
    let mut total: u64 = 0;
    let mut names: Vec<String> = Vec::with_capacity(zip.len());
    let mut any_encrypted = false;
    for i in 0..zip.len() {
        let entry = zip.by_index_data(i).map_err(|_| corrupt_zip())?;
        let size = entry.size();
        let packed = entry.compressed_size();
        if size > RATIO_FLOOR_BYTES && size > packed.saturating_mul(limits.max_entry_ratio) {
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            return Err(FileProblem::said(
                Code::FileTooLarge,
                DiagText::EntryBomb,
                DiagText::HintReexportXlsx,
                &[
                    ("part", &truncate_chars(&name, 80)),
                    ("size", &mib(size)),
                    ("ratio", &(size / packed.max(1)).to_string()),
                    ("limit", &limits.max_entry_ratio.to_string()),
                ],
            ));
        }
        total = total.saturating_add(size);
        any_encrypted |= entry.encrypted();
        // Calamine looks parts up case-insensitively with `\` read as `/`; so does this module.
        names.push(
            String::from_utf8_lossy(entry.name_raw())
                .replace('\\', "/")
                .to_ascii_lowercase(),
        );
    }
    if total > limits.max_uncompressed_bytes {
        return Err(FileProblem::said(
            Code::FileTooLarge,
            DiagText::TotalBomb,
            DiagText::HintReexportSmaller,
            &[
                ("size", &mib(total)),
                ("limit", &mib(limits.max_uncompressed_bytes)),
            ],
        ));
    }

    let index_of = |wanted: &str| names.iter().position(|n| n == wanted);
    let format = if index_of("xl/workbook.xml").is_some() {
        Some(xlsx_or_xlsm(&mut zip, &names))
    } else if index_of("xl/workbook.bin").is_some() {
        Some(Format::Xlsb)
    } else if let Some(f) = ods_by_mimetype(&mut zip, &names)? {
        Some(f)
    } else {
        // No part at the usual place: the content types still say what the package is (calamine
        // finds the workbook through `_rels/.rels`, wherever it is).
        let types = index_of("[content_types].xml")
            .and_then(|i| read_prefix(&mut zip, i))
            .map(|b| String::from_utf8_lossy(&b).to_ascii_lowercase())
            .unwrap_or_default();
        if types.contains("ms-excel.sheet.binary.macroenabled.main") {
            Some(Format::Xlsb)
        } else if types.contains("spreadsheetml.sheet.main")
            || types.contains("spreadsheetml.template.main")
            || types.contains("ms-excel.sheet.macroenabled.main")
            || types.contains("ms-excel.template.macroenabled.main")
        {
            Some(xlsx_or_xlsm(&mut zip, &names))
        } else {
            None
        }
    };

    match format {
        Some(f) if any_encrypted => Err(FileProblem::said(
            Code::FileEncrypted,
            DiagText::ZipEncrypted,
            DiagText::HintPassword,
            &[("format", f.name())],
        )),
        Some(f) => {
            // Counts the part states about itself, against what its bytes can hold.
            match f {
                _ if !declared::enabled() => {}
                Format::Xlsx | Format::Xlsm => declared::check_xlsx(&mut zip, &names)?,
                Format::Xlsb => declared::check_xlsb(&mut zip, &names)?,
                Format::Ods => declared::check_ods(&mut zip, &names)?,
                Format::Xls => {}
            }
            Ok(f)
        }
        None => Err(not_a_spreadsheet_zip(&mut zip, &names)),
    }
}

/// `xl/vbaProject.bin` or a macro-enabled content type makes an xlsx an xlsm.
fn xlsx_or_xlsm(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, names: &[String]) -> Format {
    if names.iter().any(|n| n.ends_with("vbaproject.bin")) {
        return Format::Xlsm;
    }
    let macro_enabled = names
        .iter()
        .position(|n| n == "[content_types].xml")
        .and_then(|i| read_prefix(zip, i))
        .is_some_and(|b| contains_ignore_ascii_case(&b, b"macroenabled"));
    if macro_enabled {
        Format::Xlsm
    } else {
        Format::Xlsx
    }
}

/// OpenDocument: the `mimetype` entry, or (when it is missing) the manifest's media type for the
/// root. A manifest that lists encryption data means the content is password-protected (`F002`).
fn ods_by_mimetype(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    names: &[String],
) -> Result<Option<Format>, FileProblem> {
    let mimetype = names
        .iter()
        .position(|n| n == "mimetype")
        .and_then(|i| read_prefix(zip, i))
        .map(|b| String::from_utf8_lossy(&b).trim().to_ascii_lowercase());
    let manifest = names
        .iter()
        .position(|n| n == "meta-inf/manifest.xml")
        .and_then(|i| read_prefix(zip, i));
    let is_ods = match &mimetype {
        Some(m) => m.starts_with(ODS_MIMETYPE),
        None => {
            names.iter().any(|n| n == "content.xml")
                && manifest
                    .as_deref()
                    .is_some_and(|m| contains_ignore_ascii_case(m, ODS_MIMETYPE.as_bytes()))
        }
    };
    if !is_ods {
        return Ok(None);
    }
    if manifest
        .as_deref()
        .is_some_and(|m| contains_ignore_ascii_case(m, b"encryption-data"))
    {
        return Err(FileProblem::said(
            Code::FileEncrypted,
            DiagText::Encrypted,
            DiagText::HintPasswordOds,
            &[],
        ));
    }
    Ok(Some(Format::Ods))
}

/// The F001 for a ZIP archive that holds no workbook, naming what it is when it can.
fn not_a_spreadsheet_zip(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    names: &[String],
) -> FileProblem {
    let has = |n: &str| names.iter().any(|x| x == n);
    let mimetype = names
        .iter()
        .position(|n| n == "mimetype")
        .and_then(|i| read_prefix(zip, i))
        .map(|b| String::from_utf8_lossy(&b).trim().to_ascii_lowercase())
        .unwrap_or_default();
    let what = if has("word/document.xml") {
        DiagText::NotSheetDocx
    } else if has("ppt/presentation.xml") {
        DiagText::NotSheetPptx
    } else if mimetype.starts_with("application/vnd.oasis.opendocument.text") {
        DiagText::NotSheetOdt
    } else if mimetype.starts_with("application/vnd.oasis.opendocument.") {
        DiagText::NotSheetOdf
    } else {
        let inner = names
            .iter()
            .filter(|n| looks_like_spreadsheet_name(Path::new(n.as_str())))
            .count();
        if inner > 0 {
            return FileProblem::said(
                Code::FileUnreadable,
                DiagText::ZipOfSheets,
                DiagText::HintUnzip,
                &[("n", &inner.to_string())],
            );
        }
        DiagText::NotSheetZip
    };
    FileProblem::said(Code::FileUnreadable, what, DiagText::HintUseTemplate, &[])
}

/// The first [`META_READ_BYTES`] of an entry, inflated; `None` when it cannot be read.
fn read_prefix(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, index: usize) -> Option<Vec<u8>> {
    let file = zip.by_index(index).ok()?;
    let mut buf = Vec::new();
    file.take(META_READ_BYTES).read_to_end(&mut buf).ok()?;
    Some(buf)
}

/// The entry count from the end-of-central-directory record (or its ZIP64 twin), when found.
fn eocd_entry_count(bytes: &[u8]) -> Option<u64> {
    // The record is 22 bytes plus a comment of at most 65 535 bytes, at the very end.
    let start = bytes.len().saturating_sub(22 + 65_535);
    let tail = bytes.get(start..)?;
    let pos = (0..=tail.len().checked_sub(22)?)
        .rev()
        .find(|&i| tail.get(i..i + 4) == Some(b"PK\x05\x06"))?;
    let eocd = start + pos;
    let count = u16_at(bytes, eocd + 10)?;
    if count != 0xFFFF {
        return Some(u64::from(count));
    }
    let locator = eocd.checked_sub(20)?;
    if bytes.get(locator..locator + 4) != Some(b"PK\x06\x07") {
        return None;
    }
    let record = usize::try_from(u64_at(bytes, locator + 8)?).ok()?;
    if bytes.get(record..record.checked_add(4)?) != Some(b"PK\x06\x06") {
        return None;
    }
    u64_at(bytes, record.checked_add(32)?)
}

fn corrupt_zip() -> FileProblem {
    FileProblem::said(
        Code::FileUnreadable,
        DiagText::CorruptZip,
        DiagText::HintResend,
        &[],
    )
}

fn too_many_entries(n: u64, limits: &Limits) -> FileProblem {
    FileProblem::said(
        Code::FileTooLarge,
        DiagText::TooManyParts,
        DiagText::HintReexportPlain,
        &[
            ("n", &n.to_string()),
            ("limit", &limits.max_entries.to_string()),
        ],
    )
}

// ── OLE compound file: xls, encrypted xlsx, doc ─────────────────────────────────────────────────

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector numbers at or above this are markers (free, end of chain, FAT, DIFAT), not sectors.
const MAX_REG_SECT: u32 = 0xFFFF_FFFA;
/// Streams smaller than the header's cutoff (4096) live in 64-byte sectors of the mini stream.
const MINI_SECTOR_SIZE: usize = 64;
/// More directory entries than this (a real file has a few dozen) are not read.
const MAX_DIR_ENTRIES: usize = 65_536;

/// One directory entry of a compound file, as far as sniffing needs it.
struct DirEntry {
    name: String,
    /// 1 storage, 2 stream, 5 root.
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: u64,
}

/// A compound file's header values and FAT, enough to follow sector chains.
struct Cfb<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    mini_cutoff: u64,
    fat_sectors: Vec<u32>,
    /// Upper bound on the number of sectors in the file: no chain can be longer.
    sector_count: usize,
}

impl<'a> Cfb<'a> {
    /// Parses the header and collects the FAT's sector numbers (header DIFAT, then the DIFAT chain).
    fn parse(bytes: &'a [u8]) -> Option<Cfb<'a>> {
        let shift = u16_at(bytes, 0x1E)?;
        if shift != 9 && shift != 12 {
            return None;
        }
        let sector_size = 1usize << shift;
        let sector_count = bytes.len() / sector_size + 1;
        let fat_count = (u32_at(bytes, 0x2C)? as usize).min(sector_count);
        let mini_cutoff = u64::from(u32_at(bytes, 0x38)?);
        let mut fat_sectors = Vec::with_capacity(fat_count.min(109));
        for i in 0..109 {
            if fat_sectors.len() >= fat_count {
                break;
            }
            let s = u32_at(bytes, 0x4C + 4 * i)?;
            if s >= MAX_REG_SECT {
                break;
            }
            fat_sectors.push(s);
        }
        let mut cfb = Cfb {
            bytes,
            sector_size,
            mini_cutoff,
            fat_sectors,
            sector_count,
        };
        let per_difat = sector_size / 4 - 1;
        let mut difat = u32_at(bytes, 0x44)?;
        let mut steps = 0;
        while cfb.fat_sectors.len() < fat_count && difat < MAX_REG_SECT && steps < sector_count {
            let Some(sector) = cfb.sector(difat) else {
                break;
            };
            for j in 0..per_difat {
                if cfb.fat_sectors.len() >= fat_count {
                    break;
                }
                match u32_at(sector, 4 * j) {
                    Some(s) if s < MAX_REG_SECT => cfb.fat_sectors.push(s),
                    _ => break,
                }
            }
            difat = u32_at(sector, 4 * per_difat).unwrap_or(u32::MAX);
            steps += 1;
        }
        Some(cfb)
    }

    /// The bytes of sector `n` (shorter at the end of a truncated file, `None` past it).
    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(self.sector_size)?;
        let end = start.checked_add(self.sector_size)?.min(self.bytes.len());
        self.bytes.get(start..end).filter(|s| !s.is_empty())
    }

    /// The sector after `n` in its chain.
    fn next(&self, n: u32) -> Option<u32> {
        let per = self.sector_size / 4;
        let fat_sector = *self.fat_sectors.get(n as usize / per)?;
        u32_at(self.sector(fat_sector)?, (n as usize % per) * 4)
    }

    /// All directory entries, following the directory chain from the header; `complete` is false when
    /// the chain broke off (truncated or damaged file).
    fn directory(&self) -> (Vec<DirEntry>, bool) {
        let mut entries = Vec::new();
        let Some(mut s) = u32_at(self.bytes, 0x30) else {
            return (entries, false);
        };
        let major = u16_at(self.bytes, 0x1A).unwrap_or(3);
        let mut steps = 0;
        while s < MAX_REG_SECT {
            steps += 1;
            if steps > self.sector_count || entries.len() >= MAX_DIR_ENTRIES {
                return (entries, false);
            }
            let Some(sector) = self.sector(s) else {
                return (entries, false);
            };
            for raw in sector.chunks_exact(128) {
                entries.push(parse_dir_entry(raw, major));
            }
            if sector.len() < self.sector_size {
                return (entries, false);
            }
            match self.next(s) {
                Some(n) => s = n,
                None => return (entries, false),
            }
        }
        (entries, s == 0xFFFF_FFFE)
    }

    /// Whether the sector chain from `start` comes back to a sector it passed: readers that follow
    /// chains without counting (calamine's directory reader, #714 class) then loop, growing a buffer
    /// until memory runs out. A chain leaving the file is not a loop (a truncated file).
    fn chain_loops(&self, start: u32) -> bool {
        let mut seen = vec![false; self.sector_count + 1];
        let mut s = start;
        while s < MAX_REG_SECT {
            let Some(slot) = seen.get_mut(s as usize) else {
                return false;
            };
            if *slot {
                return true;
            }
            *slot = true;
            match self.next(s) {
                Some(n) => s = n,
                None => return false,
            }
        }
        false
    }

    /// The bytes of a stream held in regular sectors (at least the mini-stream cutoff): `Err` when its
    /// chain loops, `Ok(None)` when it ends before the stream's size (a truncated file, left to the
    /// reader to refuse).
    fn regular_stream(&self, entry: &DirEntry) -> Result<Option<Vec<u8>>, ()> {
        let Ok(size) = usize::try_from(entry.size) else {
            return Ok(None);
        };
        let mut out = Vec::with_capacity(size.min(self.bytes.len()));
        let mut seen = vec![false; self.sector_count + 1];
        let mut s = entry.start;
        while out.len() < size {
            if s >= MAX_REG_SECT {
                return Ok(None);
            }
            let Some(slot) = seen.get_mut(s as usize) else {
                return Ok(None);
            };
            if *slot {
                return Err(());
            }
            *slot = true;
            let Some(sector) = self.sector(s) else {
                return Ok(None);
            };
            let take = (size - out.len()).min(sector.len());
            out.extend_from_slice(&sector[..take]);
            match self.next(s) {
                Some(n) => s = n,
                None if out.len() >= size => break,
                None => return Ok(None),
            }
        }
        Ok(Some(out))
    }

    /// The first bytes of a stream: its first sector, or for a stream smaller than the mini-stream
    /// cutoff (most small xls files), its first 64-byte mini sector, found in the mini stream that
    /// the root entry's chain holds. Enough to see the records at the start of a workbook stream.
    fn stream_start(&self, entry: &DirEntry, root: &DirEntry) -> Option<&'a [u8]> {
        if entry.start >= MAX_REG_SECT {
            return None;
        }
        if entry.size >= self.mini_cutoff {
            return self.sector(entry.start);
        }
        let offset = (entry.start as usize).checked_mul(MINI_SECTOR_SIZE)?;
        let hops = offset / self.sector_size;
        if hops > self.sector_count {
            return None;
        }
        let mut s = root.start;
        for _ in 0..hops {
            s = self.next(s)?;
        }
        let within = offset % self.sector_size;
        let sector = self.sector(s)?;
        sector.get(within..(within + MINI_SECTOR_SIZE).min(sector.len()))
    }
}

fn parse_dir_entry(raw: &[u8], major: u16) -> DirEntry {
    let name_len = usize::from(u16_at(raw, 64).unwrap_or(0)).min(64);
    let units: Vec<u16> = raw
        .get(..name_len.saturating_sub(2))
        .unwrap_or_default()
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let size = if major >= 4 {
        u64_at(raw, 120).unwrap_or(0)
    } else {
        u64::from(u32_at(raw, 120).unwrap_or(0))
    };
    DirEntry {
        name: String::from_utf16_lossy(&units),
        kind: raw.get(66).copied().unwrap_or(0),
        left: u32_at(raw, 68).unwrap_or(u32::MAX),
        right: u32_at(raw, 72).unwrap_or(u32::MAX),
        child: u32_at(raw, 76).unwrap_or(u32::MAX),
        start: u32_at(raw, 116).unwrap_or(u32::MAX),
        size,
    }
}

/// Indices of the root storage's direct children: the sibling tree hanging off the root's child
/// pointer. Visiting each entry at most once makes loops in a damaged tree harmless.
fn root_children(entries: &[DirEntry]) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(root) = entries.first().filter(|e| e.kind == 5) else {
        return out;
    };
    let mut seen = vec![false; entries.len()];
    let mut stack = vec![root.child];
    while let Some(id) = stack.pop() {
        let i = id as usize;
        if id >= MAX_REG_SECT || i >= entries.len() || seen[i] {
            continue;
        }
        seen[i] = true;
        let e = &entries[i];
        if e.kind != 0 {
            out.push(i);
        }
        stack.push(e.left);
        stack.push(e.right);
    }
    out
}

fn sniff_cfb(bytes: &[u8]) -> Result<Format, FileProblem> {
    let Some(cfb) = Cfb::parse(bytes) else {
        return Err(corrupt_cfb());
    };
    // Chains that loop (directory, mini FAT, the mini stream under the root): refused before any
    // reader follows them.
    let checks = declared::enabled();
    let looping = |at: usize| u32_at(bytes, at).is_some_and(|s| cfb.chain_loops(s));
    if checks && (looping(0x30) || looping(0x3C)) {
        return Err(corrupt_cfb());
    }
    let (entries, complete) = cfb.directory();
    if checks
        && entries
            .first()
            .is_some_and(|root| root.kind == 5 && cfb.chain_loops(root.start))
    {
        return Err(corrupt_cfb());
    }
    let top = root_children(&entries);
    let find = |name: &str| {
        top.iter()
            .map(|&i| &entries[i])
            .find(|e| e.name.eq_ignore_ascii_case(name))
    };

    // An xlsx/xlsm with an opening password: the package is encrypted into these two streams.
    if find("EncryptionInfo").is_some() || find("EncryptedPackage").is_some() {
        return Err(FileProblem::said(
            Code::FileEncrypted,
            DiagText::Encrypted,
            DiagText::HintPassword,
            &[],
        ));
    }
    if let Some(book) = find("Workbook").or_else(|| find("Book")) {
        let encrypted = entries
            .first()
            .and_then(|root| cfb.stream_start(book, root))
            .is_some_and(starts_with_filepass);
        if encrypted {
            return Err(FileProblem::said(
                Code::FileEncrypted,
                DiagText::Encrypted,
                DiagText::HintPassword,
                &[],
            ));
        }
        // The sheets' dimensions and farthest cells (a workbook stream in the mini stream, under
        // 4 KB, is left to the reader in its worker).
        if checks && book.size >= cfb.mini_cutoff {
            match cfb.regular_stream(book) {
                Err(()) => return Err(corrupt_cfb()),
                Ok(Some(stream)) => declared::check_biff(&stream)?,
                Ok(None) => {}
            }
        }
        return Ok(Format::Xls);
    }
    let what = if find("WordDocument").is_some() {
        DiagText::NotSheetDoc
    } else if find("PowerPoint Document").is_some() {
        DiagText::NotSheetPpt
    } else if !complete || top.is_empty() {
        return Err(corrupt_cfb());
    } else {
        DiagText::NotSheetCfb
    };
    Err(FileProblem::said(
        Code::FileUnreadable,
        what,
        DiagText::HintUseTemplate,
        &[],
    ))
}

/// Whether a BIFF workbook stream begins with BOF followed by FILEPASS (0x002F), i.e. the workbook
/// is encrypted. FILEPASS must immediately follow the globals' BOF, so the first 24 bytes are enough.
fn starts_with_filepass(stream: &[u8]) -> bool {
    let (Some(bof), Some(len)) = (u16_at(stream, 0), u16_at(stream, 2)) else {
        return false;
    };
    // BOF is 0x0809 in BIFF5/8 (0x0409 etc. in older BIFF, which has no FILEPASS of this kind).
    bof == 0x0809 && u16_at(stream, 4 + usize::from(len)) == Some(0x002F)
}

fn corrupt_cfb() -> FileProblem {
    FileProblem::said(
        Code::FileUnreadable,
        DiagText::CorruptCfb,
        DiagText::HintResend,
        &[],
    )
}

// ── Everything else: name what it is ───────────────────────────────────────────────────────────

/// How much of the start of a file is looked at to tell text formats apart.
const TEXT_SAMPLE_BYTES: usize = 8 * 1024;

fn sniff_other(bytes: &[u8]) -> FileProblem {
    let not =
        |what: DiagText, hint: DiagText| FileProblem::said(Code::FileUnreadable, what, hint, &[]);
    if bytes.starts_with(b"%PDF") {
        return not(DiagText::NotSheetPdf, DiagText::HintNotPdf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF87a")
        || bytes.starts_with(b"GIF89a")
    {
        return not(DiagText::NotSheetImage, DiagText::HintNotImage);
    }
    if bytes.starts_with(b"Rar!\x1a\x07")
        || bytes.starts_with(b"7z\xBC\xAF\x27\x1C")
        || bytes.starts_with(&[0x1F, 0x8B])
    {
        return not(DiagText::NotSheetArchive, DiagText::HintUnzipOne);
    }
    if bytes.iter().all(|&b| b == 0) {
        return not(DiagText::AllZeroBytes, DiagText::HintResend);
    }

    let sample = &bytes[..bytes.len().min(TEXT_SAMPLE_BYTES)];
    let Some(text) = sample_as_text(sample) else {
        return not(DiagText::UnknownFormat, DiagText::HintUseTemplate);
    };
    let lower = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .to_lowercase();

    if lower.contains("urn:schemas-microsoft-com:office:spreadsheet")
        || lower.contains("progid=\"excel.sheet\"")
    {
        return not(DiagText::NotSheetXml2003, DiagText::HintSaveAsXlsx);
    }
    if lower.starts_with("mime-version:") || lower.contains("content-type: multipart/related") {
        return not(DiagText::NotSheetMht, DiagText::HintSaveAsXlsx);
    }
    if lower.starts_with("<!doctype html") || lower.contains("<html") || lower.contains("<table") {
        return not(DiagText::NotSheetHtml, DiagText::HintSaveAsXlsx);
    }
    if lower.starts_with("<?xml") {
        return not(DiagText::NotSheetXml, DiagText::HintUseTemplate);
    }
    if looks_delimited(&lower) {
        return not(DiagText::NotSheetCsv, DiagText::HintUseTemplate);
    }
    not(DiagText::NotSheetText, DiagText::HintUseTemplate)
}

/// The sample as text when it looks like text: UTF-16 with a byte-order mark, or bytes without NUL
/// and with few control characters (UTF-8 or GBK; invalid UTF-8 is replaced, ASCII markup survives).
fn sample_as_text(sample: &[u8]) -> Option<String> {
    let utf16 = |big: bool| {
        let units: Vec<u16> = sample
            .get(2..)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(|c| {
                if big {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if sample.starts_with(&[0xFF, 0xFE]) {
        return Some(utf16(false));
    }
    if sample.starts_with(&[0xFE, 0xFF]) {
        return Some(utf16(true));
    }
    if sample.contains(&0) {
        return None;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    if control * 100 > sample.len() {
        return None;
    }
    Some(String::from_utf8_lossy(sample).into_owned())
}

/// Whether most of the first lines hold a comma, tab or semicolon (full-width comma included).
fn looks_delimited(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(10)
        .collect();
    if lines.is_empty() {
        return false;
    }
    let delimited = lines
        .iter()
        .filter(|l| l.contains([',', '\t', ';', '，']))
        .count();
    delimited * 2 > lines.len()
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    // ── Builders ────────────────────────────────────────────────────────────────────────────────

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const CT_XLSX: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
    const CT_XLSM: &[u8] = br#"<?xml version="1.0"?><Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>"#;

    fn xlsx() -> Vec<u8> {
        zip_of(&[
            ("[Content_Types].xml", CT_XLSX),
            ("_rels/.rels", b"<Relationships/>"),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", b"<worksheet/>"),
        ])
    }

    /// A node of a compound file built for tests: a stream (with data) or a storage (with children).
    enum Node {
        Stream(&'static str, Vec<u8>),
        Storage(&'static str, Vec<Node>),
    }

    /// A version-3 compound file (512-byte sectors) whose streams are padded to 4096 bytes, so that
    /// none lives in the mini stream.
    fn cfb_of(children: Vec<Node>) -> Vec<u8> {
        build_cfb(children, false)
    }

    /// The same with the streams under 4096 bytes in the mini stream, as small xls files have them.
    fn cfb_mini_of(children: Vec<Node>) -> Vec<u8> {
        build_cfb(children, true)
    }

    /// Sector 0 is the FAT, then the directory, then (with `mini`) one mini FAT sector and the mini
    /// stream's sectors, then the regular streams.
    fn build_cfb(children: Vec<Node>, mini: bool) -> Vec<u8> {
        const END: u32 = 0xFFFF_FFFE;
        const FREE: u32 = 0xFFFF_FFFF;
        struct Flat {
            name: &'static str,
            kind: u8,
            right: u32,
            child: u32,
            data: Vec<u8>,
        }
        fn flatten(nodes: Vec<Node>, out: &mut Vec<Flat>) -> u32 {
            let mut ids = Vec::new();
            for node in nodes {
                let id = out.len() as u32;
                ids.push(id);
                let (name, kind, data, kids) = match node {
                    Node::Stream(name, data) => (name, 2, data, Vec::new()),
                    Node::Storage(name, kids) => (name, 1, Vec::new(), kids),
                };
                out.push(Flat {
                    name,
                    kind,
                    right: FREE,
                    child: FREE,
                    data,
                });
                if kind == 1 {
                    out[id as usize].child = flatten(kids, out);
                }
            }
            for pair in ids.windows(2) {
                out[pair[0] as usize].right = pair[1];
            }
            ids.first().copied().unwrap_or(FREE)
        }
        /// Appends a chain of `n` entries to a FAT (or mini FAT) and returns its first index.
        fn chain(fat: &mut Vec<u32>, n: usize) -> u32 {
            let start = fat.len() as u32;
            for k in 0..n as u32 {
                fat.push(if k + 1 == n as u32 {
                    END
                } else {
                    start + k + 1
                });
            }
            start
        }
        let mut flat = vec![Flat {
            name: "Root Entry",
            kind: 5,
            right: FREE,
            child: FREE,
            data: Vec::new(),
        }];
        flat[0].child = flatten(children, &mut flat);
        for f in flat.iter_mut().filter(|f| f.kind == 2 && !mini) {
            if f.data.len() < 4096 {
                f.data.resize(4096, 0);
            }
        }
        let is_small = |f: &Flat| f.kind == 2 && f.data.len() < 4096;

        let mut fat: Vec<u32> = vec![0xFFFF_FFFD];
        let dir_sectors = flat.len().div_ceil(4);
        chain(&mut fat, dir_sectors);
        let mut starts = vec![END; flat.len()];
        let mut minifat = Vec::new();
        let mut mini_data = Vec::new();
        for (i, f) in flat.iter().enumerate().filter(|(_, f)| is_small(f)) {
            let n = f.data.len().div_ceil(64).max(1);
            starts[i] = chain(&mut minifat, n);
            let mut d = f.data.clone();
            d.resize(n * 64, 0);
            mini_data.extend_from_slice(&d);
        }
        let (minifat_start, root_start) = if minifat.is_empty() {
            (END, END)
        } else {
            (
                chain(&mut fat, 1),
                chain(&mut fat, mini_data.len().div_ceil(512)),
            )
        };
        starts[0] = root_start;
        let mut data_area = Vec::new();
        for (i, f) in flat
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == 2 && !is_small(f))
        {
            let n = f.data.len().div_ceil(512);
            starts[i] = chain(&mut fat, n);
            let mut d = f.data.clone();
            d.resize(n * 512, 0);
            data_area.extend_from_slice(&d);
        }
        assert!(
            fat.len() <= 128 && minifat.len() <= 128,
            "test builder supports one FAT sector"
        );
        fat.resize(128, FREE);

        let mut out = vec![0u8; 512];
        let mut put = |at: usize, v: &[u8]| out[at..at + v.len()].copy_from_slice(v);
        put(0, &CFB_MAGIC);
        put(0x18, &0x3Eu16.to_le_bytes());
        put(0x1A, &3u16.to_le_bytes());
        put(0x1C, &0xFFFEu16.to_le_bytes());
        put(0x1E, &9u16.to_le_bytes());
        put(0x20, &6u16.to_le_bytes());
        put(0x2C, &1u32.to_le_bytes());
        put(0x30, &1u32.to_le_bytes());
        put(0x38, &4096u32.to_le_bytes());
        put(0x3C, &minifat_start.to_le_bytes());
        put(0x40, &u32::from(!minifat.is_empty()).to_le_bytes());
        put(0x44, &END.to_le_bytes());
        for i in 0..109 {
            put(0x4C + 4 * i, &(if i == 0 { 0 } else { FREE }).to_le_bytes());
        }
        for v in &fat {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let mut dir = Vec::new();
        for (i, f) in flat.iter().enumerate() {
            let mut e = [0u8; 128];
            let units: Vec<u16> = f.name.encode_utf16().collect();
            for (k, u) in units.iter().enumerate() {
                e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
            e[66] = f.kind;
            e[67] = 1;
            e[68..72].copy_from_slice(&FREE.to_le_bytes());
            e[72..76].copy_from_slice(&f.right.to_le_bytes());
            e[76..80].copy_from_slice(&f.child.to_le_bytes());
            let size = if i == 0 {
                mini_data.len()
            } else {
                f.data.len()
            };
            e[116..120].copy_from_slice(&starts[i].to_le_bytes());
            e[120..124].copy_from_slice(&(size as u32).to_le_bytes());
            dir.extend_from_slice(&e);
        }
        dir.resize(dir_sectors * 512, 0);
        out.extend_from_slice(&dir);
        if !minifat.is_empty() {
            minifat.resize(128, FREE);
            for v in &minifat {
                out.extend_from_slice(&v.to_le_bytes());
            }
            mini_data.resize(mini_data.len().div_ceil(512) * 512, 0);
            out.extend_from_slice(&mini_data);
        }
        out.extend_from_slice(&data_area);
        out
    }

    /// A BIFF8 workbook stream: BOF, optionally FILEPASS, then EOF.
    fn biff(encrypted: bool) -> Vec<u8> {
        let mut s = vec![0x09, 0x08, 16, 0, 0x00, 0x06, 0x05, 0x00];
        s.resize(4 + 16, 0);
        if encrypted {
            s.extend_from_slice(&[0x2F, 0x00, 2, 0, 1, 0]);
        }
        s.extend_from_slice(&[0x0A, 0x00, 0, 0]);
        s
    }

    fn err(bytes: &[u8]) -> FileProblem {
        sniff(bytes, None, &Limits::default()).unwrap_err()
    }

    fn ok(bytes: &[u8]) -> Format {
        sniff(bytes, None, &Limits::default()).unwrap().format
    }

    // ── Size ────────────────────────────────────────────────────────────────────────────────────

    #[test]
    fn zero_bytes_is_empty() {
        assert_eq!(err(b"").code, Code::FileEmpty);
    }

    #[test]
    fn more_than_the_file_limit_is_too_large() {
        let limits = Limits {
            max_file_bytes: 100,
            ..Limits::default()
        };
        let p = sniff(&xlsx(), Some("xlsx"), &limits).unwrap_err();
        assert_eq!(p.code, Code::FileTooLarge);
        assert_eq!(
            check_size(101, &limits).unwrap_err().code,
            Code::FileTooLarge
        );
        assert!(check_size(100, &limits).is_ok());
        assert_eq!(check_size(0, &limits).unwrap_err().code, Code::FileEmpty);
    }

    // ── ZIP ─────────────────────────────────────────────────────────────────────────────────────

    #[test]
    fn workbook_xml_is_xlsx() {
        let s = sniff(&xlsx(), Some("xlsx"), &Limits::default()).unwrap();
        assert_eq!(
            s,
            Sniffed {
                format: Format::Xlsx,
                note: None
            }
        );
    }

    #[test]
    fn vba_project_or_macro_content_type_is_xlsm() {
        let with_vba = zip_of(&[
            ("[Content_Types].xml", CT_XLSX),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/vbaProject.bin", b"vba"),
        ]);
        assert_eq!(ok(&with_vba), Format::Xlsm);
        let with_type = zip_of(&[
            ("[Content_Types].xml", CT_XLSM),
            ("xl/workbook.xml", b"<workbook/>"),
        ]);
        assert_eq!(ok(&with_type), Format::Xlsm);
    }

    #[test]
    fn part_names_are_matched_like_calamine_does() {
        let odd = zip_of(&[
            ("[Content_Types].xml", CT_XLSX),
            ("XL\\Workbook.xml", b"<workbook/>"),
        ]);
        assert_eq!(ok(&odd), Format::Xlsx);
        // Workbook elsewhere: the content types still say spreadsheet.
        let moved = zip_of(&[
            ("[Content_Types].xml", CT_XLSX),
            ("book/main.xml", b"<workbook/>"),
        ]);
        assert_eq!(ok(&moved), Format::Xlsx);
    }

    #[test]
    fn workbook_bin_is_xlsb() {
        assert_eq!(
            ok(&zip_of(&[
                ("[Content_Types].xml", b"<Types/>"),
                ("xl/workbook.bin", b"\x83\x01\x00")
            ])),
            Format::Xlsb
        );
    }

    #[test]
    fn opendocument_spreadsheet_is_ods() {
        let ods = zip_of(&[
            ("mimetype", ODS_MIMETYPE.as_bytes()),
            ("content.xml", b"<office:document-content/>"),
        ]);
        assert_eq!(ok(&ods), Format::Ods);
        let manifest = format!(
            r#"<manifest:manifest><manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/></manifest:manifest>"#
        );
        let no_mimetype = zip_of(&[
            ("content.xml", b"<x/>"),
            ("META-INF/manifest.xml", manifest.as_bytes()),
        ]);
        assert_eq!(ok(&no_mimetype), Format::Ods);
    }

    #[test]
    fn ods_with_encryption_data_is_encrypted() {
        let manifest = br#"<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"#;
        let ods = zip_of(&[
            ("mimetype", ODS_MIMETYPE.as_bytes()),
            ("content.xml", b"\x01\x02"),
            ("META-INF/manifest.xml", manifest),
        ]);
        assert_eq!(err(&ods).code, Code::FileEncrypted);
    }

    #[test]
    fn other_zips_are_not_spreadsheets() {
        let docx = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
        ]);
        let p = err(&docx);
        assert_eq!(p.code, Code::FileUnreadable);
        assert!(p.message.contains("Word"), "{}", p.message);

        let odt = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<x/>"),
        ]);
        let p = err(&odt);
        assert_eq!(p.code, Code::FileUnreadable);
        assert!(p.message.contains("odt"), "{}", p.message);

        let bundle = zip_of(&[
            ("卫健局.xlsx", b"PK"),
            ("教育局.xls", b"x"),
            ("说明.txt", b"x"),
        ]);
        let p = err(&bundle);
        assert_eq!(p.code, Code::FileUnreadable);
        assert!(p.message.contains("内含 2 个表格文件"), "{}", p.message);

        let plain = zip_of(&[("a.txt", b"hello")]);
        assert!(err(&plain).message.contains("不是电子表格"));
    }

    #[test]
    fn truncated_zip_is_unreadable() {
        let full = xlsx();
        let p = err(&full[..full.len() * 6 / 10]);
        assert_eq!(p.code, Code::FileUnreadable);
        assert!(p.message.contains("损坏或不完整"));
    }

    #[test]
    fn zip_bomb_entry_is_too_large() {
        // 9 MiB of zeros deflates to about 9 KB: above the 8 MiB floor and about 1000:1.
        let zeros = vec![0u8; 9 * MIB as usize];
        let bomb = zip_of(&[
            ("[Content_Types].xml", CT_XLSX),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", &zeros),
        ]);
        assert!(bomb.len() < 100_000);
        let p = err(&bomb);
        assert_eq!(p.code, Code::FileTooLarge);
        assert!(
            p.message.contains("sheet1.xml") && p.message.contains("9.0 MB"),
            "{}",
            p.message
        );
        // Below the floor, a high ratio is fine.
        let small = zip_of(&[
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/styles.xml", &zeros[..MIB as usize]),
        ]);
        assert_eq!(ok(&small), Format::Xlsx);
    }

    #[test]
    fn total_uncompressed_size_and_entry_count_are_limited() {
        let limits = Limits {
            max_uncompressed_bytes: 20,
            ..Limits::default()
        };
        let p = sniff(&xlsx(), None, &limits).unwrap_err();
        assert_eq!(p.code, Code::FileTooLarge);
        assert!(p.message.contains("解压后"), "{}", p.message);

        let limits = Limits {
            max_entries: 3,
            ..Limits::default()
        };
        let p = sniff(&xlsx(), None, &limits).unwrap_err();
        assert_eq!(p.code, Code::FileTooLarge);
        assert!(p.message.contains("4 个部件"), "{}", p.message);
        assert_eq!(eocd_entry_count(&xlsx()), Some(4));
    }

    #[test]
    fn zip_encrypted_workbook_is_encrypted() {
        let mut bytes = xlsx();
        // Set the "encrypted" flag bit of every central directory header.
        let mut i = 0;
        while let Some(w) = bytes.get(i..i + 4) {
            if w == b"PK\x01\x02" {
                bytes[i + 8] |= 1;
            }
            i += 1;
        }
        assert_eq!(err(&bytes).code, Code::FileEncrypted);
    }

    // ── Extension versus content ────────────────────────────────────────────────────────────────

    #[test]
    fn extension_mismatch_gives_an_info_note_and_reads_by_content() {
        let s = sniff(&xlsx(), Some("ods"), &Limits::default()).unwrap();
        assert_eq!(s.format, Format::Xlsx);
        let note = s.note.unwrap();
        assert_eq!(note.code, Code::FormatMismatch);
        assert_eq!(note.code.severity(), crate::diagnostic::Severity::Info);
        assert!(
            note.message.contains(".ods") && note.hint.contains(".xlsx"),
            "{note:?}"
        );

        for same in ["xlsx", ".XLSX", "xltx", ""] {
            assert_eq!(
                sniff(&xlsx(), Some(same), &Limits::default()).unwrap().note,
                None,
                "{same}"
            );
        }
        assert!(sniff(&xlsx(), Some("dat"), &Limits::default())
            .unwrap()
            .note
            .is_some());
    }

    // ── OLE compound files ──────────────────────────────────────────────────────────────────────

    #[test]
    fn workbook_or_book_stream_is_xls() {
        let xls = cfb_of(vec![
            Node::Stream("\u{5}SummaryInformation", vec![1; 100]),
            Node::Stream("Workbook", biff(false)),
        ]);
        assert_eq!(ok(&xls), Format::Xls);
        let s = sniff(&xls, Some("xlsx"), &Limits::default()).unwrap();
        assert_eq!(s.note.map(|n| n.code), Some(Code::FormatMismatch));
        let biff5 = cfb_of(vec![Node::Stream("Book", biff(false))]);
        assert_eq!(ok(&biff5), Format::Xls);
    }

    #[test]
    fn xls_with_filepass_is_encrypted() {
        let xls = cfb_of(vec![Node::Stream("Workbook", biff(true))]);
        let p = err(&xls);
        assert_eq!(p.code, Code::FileEncrypted);
        assert_eq!(p.message, DiagText::Encrypted.zh());
    }

    #[test]
    fn small_xls_in_the_mini_stream_is_read_too() {
        let small = |encrypted| {
            cfb_mini_of(vec![
                Node::Stream("\u{5}SummaryInformation", vec![7; 200]),
                Node::Stream("Workbook", biff(encrypted)),
            ])
        };
        assert_eq!(ok(&small(false)), Format::Xls);
        assert_eq!(err(&small(true)).code, Code::FileEncrypted);
    }

    #[test]
    fn encrypted_ooxml_package_is_encrypted() {
        let enc = cfb_of(vec![
            Node::Storage(
                "\u{6}DataSpaces",
                vec![Node::Stream("Version", vec![0; 10])],
            ),
            Node::Stream("EncryptionInfo", vec![4, 0, 4, 0]),
            Node::Stream("EncryptedPackage", vec![0xAB; 5000]),
        ]);
        let p = err(&enc);
        assert_eq!(p.code, Code::FileEncrypted);
        assert!(p.hint.contains("取消密码"));
    }

    #[test]
    fn word_doc_is_not_a_spreadsheet_even_with_an_embedded_workbook() {
        let doc = cfb_of(vec![
            Node::Stream("WordDocument", vec![0xEC, 0xA5]),
            Node::Storage(
                "ObjectPool",
                vec![Node::Storage(
                    "_123",
                    vec![Node::Stream("Workbook", biff(false))],
                )],
            ),
        ]);
        let p = err(&doc);
        assert_eq!(p.code, Code::FileUnreadable);
        assert!(p.message.contains("Word"), "{}", p.message);
        // And the other way round: a workbook with an embedded Word document is a workbook.
        let xls = cfb_of(vec![
            Node::Storage("MBD0001", vec![Node::Stream("WordDocument", vec![1])]),
            Node::Stream("Workbook", biff(false)),
        ]);
        assert_eq!(ok(&xls), Format::Xls);
    }

    #[test]
    fn damaged_compound_files_are_unreadable_and_never_loop() {
        let xls = cfb_of(vec![Node::Stream("Workbook", biff(false))]);
        assert_eq!(err(&xls[..600]).code, Code::FileUnreadable);
        assert_eq!(err(&CFB_MAGIC).code, Code::FileUnreadable);
        // A directory chain that points to itself.
        let mut looped = xls.clone();
        looped[512 + 4..512 + 8].copy_from_slice(&1u32.to_le_bytes());
        let _ = sniff(&looped, None, &Limits::default());
        // A sibling tree that points back to the root.
        let mut cyclic = xls.clone();
        cyclic[1024 + 128 + 72..1024 + 128 + 76].copy_from_slice(&1u32.to_le_bytes());
        cyclic[1024 + 128 + 68..1024 + 128 + 72].copy_from_slice(&0u32.to_le_bytes());
        assert_eq!(ok(&cyclic), Format::Xls);
    }

    // ── Everything else ─────────────────────────────────────────────────────────────────────────

    fn message_of(bytes: &[u8]) -> String {
        let p = err(bytes);
        assert_eq!(p.code, Code::FileUnreadable, "{}", p.message);
        p.message
    }

    #[test]
    fn other_files_are_named() {
        assert!(message_of(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj").contains("PDF"));
        assert!(message_of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").contains("图片"));
        assert!(message_of(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F']).contains("图片"));
        assert!(message_of(b"Rar!\x1a\x07\x01\x00").contains("压缩包"));
        assert!(message_of(&[0u8; 4096]).contains("空字节"));
        assert!(message_of(&[0x01, 0x02, 0x03, 0x04, 0x00, 0x9F, 0x80, 0x11]).contains("无法识别"));
    }

    #[test]
    fn html_saved_as_xls_is_named() {
        let html = "\u{feff}<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\n<head><meta charset=\"utf-8\"></head><body><table><tr><td>指标</td></tr></table></body></html>";
        let p = err(html.as_bytes());
        assert!(
            p.message.contains("HTML") && p.message.contains("网页"),
            "{}",
            p.message
        );
        assert!(p.hint.contains("另存为"));
        assert!(message_of(b"  <!DOCTYPE html><p>x</p>").contains("HTML"));
        assert!(
            message_of(b"<meta charset=gbk>\r\n<table border=1><tr><td>1</td></tr></table>")
                .contains("HTML")
        );
        assert!(message_of(b"MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary=\"x\"").contains("MHT"));
    }

    #[test]
    fn excel_2003_xml_is_named() {
        let xml = br#"<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>"#;
        assert!(message_of(xml).contains("2003 XML"));
        assert!(message_of(br#"<?xml version="1.0"?><root/>"#).contains("XML"));
    }

    #[test]
    fn csv_and_text_are_named() {
        assert!(message_of("指标,2023,2024\n孕产妇死亡率,8.1,7.9\n".as_bytes()).contains("CSV"));
        // GBK bytes are not UTF-8 but still text.
        assert!(message_of(b"\xd6\xb8\xb1\xea,2023\r\n\xc2\xca,8.1\r\n").contains("CSV"));
        // Excel's "Unicode text": UTF-16LE with BOM, tab-separated.
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "指标\t2023\r\n比例\t8.1\r\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert!(message_of(&utf16).contains("CSV"));
        assert!(message_of("请见附件。\n谢谢\n".as_bytes()).contains("纯文本"));
    }

    #[test]
    fn calamine_errors_are_classified() {
        assert_eq!(
            classify_calamine_error("Xls error: Workbook is password protected").code,
            Code::FileEncrypted
        );
        assert_eq!(
            classify_calamine_error("file is Encrypted").code,
            Code::FileEncrypted
        );
        let p = classify_calamine_error(
            "Xlsx error: Zip error: invalid Zip archive: Could not find EOCD",
        );
        assert_eq!(p.code, Code::FileUnreadable);
        assert!(p.message.contains("invalid Zip archive"));
        let long = "x".repeat(10_000);
        assert!(classify_calamine_error(&long).message.chars().count() < 400);
    }

    // ── Names ───────────────────────────────────────────────────────────────────────────────────

    #[test]
    fn format_names_and_extensions() {
        for f in [
            Format::Xlsx,
            Format::Xlsm,
            Format::Xlsb,
            Format::Xls,
            Format::Ods,
        ] {
            assert_eq!(Format::from_extension(f.name()), Some(f));
            assert_eq!(
                serde_json::to_value(f).unwrap(),
                serde_json::Value::String(f.name().into())
            );
        }
        assert_eq!(Format::from_extension(".XLSX"), Some(Format::Xlsx));
        assert_eq!(Format::from_extension("et"), Some(Format::Xls));
        assert_eq!(Format::from_extension("csv"), None);
        assert_eq!(Format::from_extension(""), None);
    }

    #[test]
    fn spreadsheet_names() {
        for yes in [
            "a.xlsx",
            "dir/卫健局.XLS",
            "b.xlsm",
            "c.xlsb",
            "d.ods",
            "e.et",
            "f.csv",
        ] {
            assert!(looks_like_spreadsheet_name(Path::new(yes)), "{yes}");
        }
        for no in [
            "a.docx",
            "b.pdf",
            "xlsx",
            "~$卫健局.xlsx",
            "._卫健局.xlsx",
            ".~lock.a.xlsx#",
            "c.xlsx.bak",
        ] {
            assert!(!looks_like_spreadsheet_name(Path::new(no)), "{no}");
        }
    }

    // ── Robustness ──────────────────────────────────────────────────────────────────────────────

    #[test]
    fn every_prefix_and_single_byte_damage_is_handled() {
        let inputs = [
            xlsx(),
            cfb_of(vec![Node::Stream("Workbook", biff(true))]),
            cfb_mini_of(vec![
                Node::Stream("Book", biff(true)),
                Node::Stream("x", vec![1; 100]),
            ]),
        ];
        for input in &inputs {
            for len in 0..input.len() {
                let _ = sniff(&input[..len], Some("xlsx"), &Limits::default());
            }
            for at in (0..input.len()).step_by(7) {
                for v in [0x00, 0xFF, 0x7F] {
                    let mut damaged = input.clone();
                    damaged[at] = v;
                    let _ = sniff(&damaged, Some("xls"), &Limits::default());
                }
            }
        }
    }
}
