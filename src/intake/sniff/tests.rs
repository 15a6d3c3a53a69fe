//! The sniffer against crafted bytes: every format, every refusal, every limit.

use super::cfb::*;
use super::zipped::*;
use super::*;
use std::io::{Cursor, Write};
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
    let p =
        classify_calamine_error("Xlsx error: Zip error: invalid Zip archive: Could not find EOCD");
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
