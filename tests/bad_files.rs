//! The bad-file fixtures (fixtures/bad/, made by scripts/make-bad-fixtures.py) through the sniffer.
//!
//! Every file must be classified without a parser touching it. Bounded memory is asserted simply by
//! these tests completing: zip-bomb.xlsx inflates to 300 MB and huge-dimension.xlsx declares 17 billion
//! cells, and sniffing either must cost next to nothing. No timing assertions.

use planeval::intake::sniff::{sniff, FileProblem, Format, Limits, Sniffed};
use planeval::{Code, Severity};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("bad")
        .join(name)
}

fn sniff_fixture(name: &str) -> Result<Sniffed, FileProblem> {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let ext = path.extension().and_then(|e| e.to_str());
    sniff(&bytes, ext, &Limits::default())
}

fn problem(name: &str) -> FileProblem {
    match sniff_fixture(name) {
        Ok(s) => panic!("{name}: expected a problem, sniffed {s:?}"),
        Err(p) => {
            assert!(!p.message.is_empty() && !p.hint.is_empty(), "{name}: {p:?}");
            p
        }
    }
}

fn readable(name: &str) -> Sniffed {
    sniff_fixture(name).unwrap_or_else(|p| panic!("{name}: expected readable, got {p:?}"))
}

#[test]
fn empty_file_is_f004() {
    assert_eq!(problem("empty.xlsx").code, Code::FileEmpty);
}

#[test]
fn truncated_xlsx_is_f001() {
    let p = problem("truncated.xlsx");
    assert_eq!(p.code, Code::FileUnreadable);
    assert!(p.message.contains("不完整"), "{}", p.message);
}

#[test]
fn pdf_renamed_to_xlsx_is_f001() {
    let p = problem("not-a-spreadsheet.xlsx");
    assert_eq!(p.code, Code::FileUnreadable);
    assert!(p.message.contains("PDF"), "{}", p.message);
}

#[test]
fn html_table_saved_as_xls_is_f001_naming_html() {
    let p = problem("html-table.xls");
    assert_eq!(p.code, Code::FileUnreadable);
    assert!(
        p.message.contains("HTML") && p.message.contains("网页"),
        "{}",
        p.message
    );
    assert!(p.hint.contains("另存为"), "{}", p.hint);
}

#[test]
fn word_document_renamed_to_xlsx_is_f001() {
    let p = problem("word-document.xlsx");
    assert_eq!(p.code, Code::FileUnreadable);
    assert!(p.message.contains("Word"), "{}", p.message);
}

#[test]
fn password_protected_xlsx_is_f002() {
    let p = problem("encrypted.xlsx");
    assert_eq!(p.code, Code::FileEncrypted);
    assert!(p.message.contains("密码"), "{}", p.message);
}

#[test]
fn zip_bomb_is_f003() {
    let p = problem("zip-bomb.xlsx");
    assert_eq!(p.code, Code::FileTooLarge);
    assert!(p.hint.contains("重新导出"), "{}", p.hint);
}

#[test]
fn xlsx_named_ods_is_read_as_xlsx_with_an_f006_note() {
    let s = readable("wrong-extension.ods");
    assert_eq!(s.format, Format::Xlsx);
    let note = s.note.expect("an F006 note");
    assert_eq!(note.code, Code::FormatMismatch);
    assert_eq!(note.code.severity(), Severity::Info);
}

#[test]
fn ok_xlsx_is_xlsx_without_note() {
    let s = readable("ok.xlsx");
    assert_eq!(s.format, Format::Xlsx);
    assert_eq!(s.note, None);
}

#[test]
fn declared_dimensions_are_not_the_sniffers_business() {
    // Their A1:XFD1048576 and A1:B1048576 dimensions are caught by the reader, not here.
    for name in ["huge-dimension.xlsx", "million-rows.xlsx"] {
        let s = readable(name);
        assert_eq!(s.format, Format::Xlsx, "{name}");
        assert_eq!(s.note, None, "{name}");
    }
}

#[test]
fn every_fixture_is_covered() {
    let mut names: Vec<String> = std::fs::read_dir(fixture(""))
        .expect("fixtures/bad")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "empty.xlsx",
            "encrypted.xlsx",
            "html-table.xls",
            "huge-dimension.xlsx",
            "million-rows.xlsx",
            "not-a-spreadsheet.xlsx",
            "ok.xlsx",
            "truncated.xlsx",
            "word-document.xlsx",
            "wrong-extension.ods",
            "zip-bomb.xlsx",
        ],
        "a fixture was added or removed: cover it here and in fixtures/bad/README.md"
    );
}
