//! ZIP containers — xlsx, xlsm, xlsb, ods — told apart and checked against the limits before anything is inflated.

use super::*;
use std::io::{Cursor, Read};

/// How much of a small metadata entry (`mimetype`, `[Content_Types].xml`, a manifest) is read.
pub(super) const META_READ_BYTES: u64 = 1024 * 1024;

pub(super) const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

pub(super) fn sniff_zip(bytes: &[u8], limits: &Limits) -> Result<Format, FileProblem> {
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
pub(super) fn xlsx_or_xlsm(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, names: &[String]) -> Format {
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
pub(super) fn ods_by_mimetype(
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
pub(super) fn not_a_spreadsheet_zip(
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
pub(super) fn read_prefix(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
) -> Option<Vec<u8>> {
    let file = zip.by_index(index).ok()?;
    let mut buf = Vec::new();
    file.take(META_READ_BYTES).read_to_end(&mut buf).ok()?;
    Some(buf)
}

/// The entry count from the end-of-central-directory record (or its ZIP64 twin), when found.
pub(super) fn eocd_entry_count(bytes: &[u8]) -> Option<u64> {
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

pub(super) fn corrupt_zip() -> FileProblem {
    FileProblem::said(
        Code::FileUnreadable,
        DiagText::CorruptZip,
        DiagText::HintResend,
        &[],
    )
}

pub(super) fn too_many_entries(n: u64, limits: &Limits) -> FileProblem {
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
