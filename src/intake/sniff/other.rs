//! Everything that is not a spreadsheet container: name what it is (PDF, image, HTML table, CSV …).

use super::*;

/// How much of the start of a file is looked at to tell text formats apart.
pub(super) const TEXT_SAMPLE_BYTES: usize = 8 * 1024;

pub(super) fn sniff_other(bytes: &[u8]) -> FileProblem {
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
pub(super) fn sample_as_text(sample: &[u8]) -> Option<String> {
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
pub(super) fn looks_delimited(text: &str) -> bool {
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
