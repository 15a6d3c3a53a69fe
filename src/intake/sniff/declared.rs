//! Declared counts and dimensions checked against what the bytes can hold, before any reader sees them.
//!
//! The readers size their buffers from numbers the file states: the shared-string count of an xlsx
//! (calamine #684 reserves it), the DIMENSIONS record of an xls sheet and the farthest cell it holds
//! (calamine builds a dense range from them), the repeat counts of an ods row and cell (expanded cell
//! by cell), the dimension and shared-string records of an xlsb (sliced without a length check). A few
//! kilobytes can state terabytes. Each check here reads only small prefixes or streams one part, costs
//! well under the parse it protects, and turns a lie into a precise `F001` or `F003`; whatever gets past
//! them is parsed in a worker process (`crate::intake::worker`), where it can cost only its own file.

use super::{truncate_chars, FileProblem};
use crate::diagnostic::Code;
use crate::i18n::diagnostics::DiagText;
use std::io::{BufRead, BufReader, Cursor, Read};

/// Non-empty cells one sheet may declare: five times what intake keeps of a sheet (200 000), fifty
/// times a county return. A dense reader materialises every one of them.
pub const MAX_DECLARED_CELLS: u64 = 1_000_000;

/// The smallest a shared string can take in `sharedStrings.xml`: `<si><t/></si>` is 13 bytes; `<si/>`
/// (5) is not valid but is allowed for here.
const MIN_SHARED_STRING_BYTES: u64 = 5;

/// Cells of the dense range an xls sheet's used area makes (calamine allocates every one): the 20 000
/// rows × 200 columns intake reads at most, about 150 MB to build.
pub const MAX_DENSE_XLS_CELLS: u64 = 4_000_000;

/// Whether these checks run: always, unless `PLANEVAL_SKIP_DECLARED_CHECKS` is set — which only the
/// hostile-input suite does, to show that the worker processes alone hold when a check misses.
pub(super) fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("PLANEVAL_SKIP_DECLARED_CHECKS").is_none())
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The file lies about itself: `what` (a detail key with its arguments) says how.
fn damaged(what: DiagText, args: &[(&str, &str)]) -> FileProblem {
    let (zh, en) = what.both(args);
    FileProblem::said_each(
        Code::FileUnreadable,
        (DiagText::Damaged, DiagText::HintResend),
        &[("what", &zh)],
        &[("what", &en)],
    )
}

/// The file declares more cells than a return can hold: `what` says where.
fn too_many_cells(what: DiagText, args: &[(&str, &str)], limit: u64) -> FileProblem {
    let (zh, en) = what.both(args);
    let limit = limit.to_string();
    FileProblem::said_each(
        Code::FileTooLarge,
        (DiagText::DeclaredTooManyCells, DiagText::HintTrimRange),
        &[("what", &zh), ("limit", &limit)],
        &[("what", &en), ("limit", &limit)],
    )
}

/// The first `max` bytes of an entry, inflated; `None` when it is missing or cannot be read.
fn prefix(zip: &mut Zip, names: &[String], name: &str, max: u64) -> Option<(Vec<u8>, u64)> {
    let i = names.iter().position(|n| n == name)?;
    let file = zip.by_index(i).ok()?;
    let size = file.size();
    let mut buf = Vec::new();
    file.take(max).read_to_end(&mut buf).ok()?;
    Some((buf, size))
}

// ── xlsx ─────────────────────────────────────────────────────────────────────────────────────────

/// `uniqueCount` of `xl/sharedStrings.xml` against the part's inflated size: every string takes
/// bytes, so a count above size ÷ 5 is a lie (calamine #684 reserves that many `String`s up front).
pub fn check_xlsx(zip: &mut Zip, names: &[String]) -> Result<(), FileProblem> {
    let Some((head, size)) = prefix(zip, names, "xl/sharedstrings.xml", 4096) else {
        return Ok(());
    };
    let Some(count) = attribute_u64(&head, b"<sst", b"uniqueCount") else {
        return Ok(());
    };
    if count > size / MIN_SHARED_STRING_BYTES + 1 {
        return Err(damaged(
            DiagText::DeclaredSharedStrings,
            &[("count", &count.to_string()), ("size", &size.to_string())],
        ));
    }
    Ok(())
}

/// The numeric value of attribute `attr` of the first element `tag` in `xml`.
fn attribute_u64(xml: &[u8], tag: &[u8], attr: &[u8]) -> Option<u64> {
    let start = find(xml, tag)?;
    let end = start + xml[start..].iter().position(|&b| b == b'>')?;
    attribute_in(&xml[start..end], attr)
}

/// An attribute's value in one tag's bytes, as an integer (saturating; `None` when absent or not a number).
fn attribute_in(tag: &[u8], attr: &[u8]) -> Option<u64> {
    let mut from = 0;
    while let Some(at) = find(&tag[from..], attr) {
        let at = from + at;
        from = at + attr.len();
        // A whole attribute name: preceded by a space or a namespace colon, followed by `=`.
        let before = at.checked_sub(1).map(|i| tag[i]);
        if !matches!(before, Some(b' ' | b'\t' | b'\r' | b'\n' | b':')) {
            continue;
        }
        let rest = &tag[from..];
        let rest = rest.strip_prefix(b"=")?;
        let quote = *rest.first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let digits: Vec<u8> = rest[1..]
            .iter()
            .copied()
            .take_while(|b| b.is_ascii_digit())
            .collect();
        if digits.is_empty() {
            return None;
        }
        return Some(digits.iter().fold(0u64, |n, d| {
            n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
        }));
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ── ods ──────────────────────────────────────────────────────────────────────────────────────────

/// The non-empty cells `content.xml` stands for, repeats multiplied out, per sheet: calamine expands
/// `number-rows-repeated` × `number-columns-repeated` cell by cell, so 800 bytes can mean 100 M cells.
/// Empty repeated cells (LibreOffice ends every sheet with a million of them) are not counted. The part
/// is streamed tag by tag; nothing but the current tag is held.
pub fn check_ods(zip: &mut Zip, names: &[String]) -> Result<(), FileProblem> {
    let Some(i) = names.iter().position(|n| n == "content.xml") else {
        return Ok(());
    };
    let Ok(file) = zip.by_index(i) else {
        return Ok(());
    };
    let mut r = BufReader::with_capacity(64 * 1024, file);
    let mut tag = Vec::with_capacity(256);
    let (mut sheet_cells, mut row_repeat, mut row_cells) = (0u64, 1u64, 0u64);
    loop {
        match r.skip_until(b'<') {
            Ok(0) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
        tag.clear();
        // A tag longer than this is not one this check needs; it is skipped.
        match (&mut r).take(16 * 1024).read_until(b'>', &mut tag) {
            Ok(0) | Err(_) => return Ok(()),
            Ok(_) if tag.last() != Some(&b'>') => {
                if r.skip_until(b'>').unwrap_or(0) == 0 {
                    return Ok(());
                }
                continue;
            }
            Ok(_) => {}
        }
        let self_closing = tag.ends_with(b"/>");
        let closing = tag.first() == Some(&b'/');
        let body = if closing { &tag[1..] } else { &tag[..] };
        let name_end = body
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
            .unwrap_or(body.len());
        let name = &body[..name_end];
        if closing {
            if name.ends_with(b":table-row") {
                sheet_cells = sheet_cells.saturating_add(row_repeat.saturating_mul(row_cells));
                if sheet_cells > MAX_DECLARED_CELLS {
                    return Err(too_many_cells(
                        DiagText::DeclaredRepeatedCells,
                        &[("cells", &sheet_cells.to_string())],
                        MAX_DECLARED_CELLS,
                    ));
                }
                row_repeat = 1;
                row_cells = 0;
            } else if name.ends_with(b":table") {
                sheet_cells = 0;
            }
        } else if name.ends_with(b":table-row") && !self_closing {
            row_repeat = attribute_in(&tag, b"number-rows-repeated").unwrap_or(1);
            row_cells = 0;
        } else if (name.ends_with(b":table-cell") || name.ends_with(b":covered-table-cell"))
            && (!self_closing || find(&tag, b"value-type").is_some())
        {
            let repeat = attribute_in(&tag, b"number-columns-repeated").unwrap_or(1);
            row_cells = row_cells.saturating_add(repeat);
        }
    }
}

// ── xlsb ─────────────────────────────────────────────────────────────────────────────────────────

/// The BIFF12 records calamine slices without checking their length: a sheet's BrtWsDim (16 bytes)
/// and the shared-string table's BrtBeginSst (8 bytes). Only each part's first records are read.
pub fn check_xlsb(zip: &mut Zip, names: &[String]) -> Result<(), FileProblem> {
    const BRT_WS_DIM: u16 = 0x0094;
    const BRT_BEGIN_SHEET_DATA: u16 = 0x0091;
    const BRT_BEGIN_SST: u16 = 0x009F;
    let sheets: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".bin"))
        .cloned()
        .collect();
    for sheet in &sheets {
        let Some((head, _)) = prefix(zip, names, sheet, 64 * 1024) else {
            continue;
        };
        for (typ, len) in records(&head) {
            if typ == BRT_WS_DIM && len < 16 {
                return Err(damaged(
                    DiagText::DeclaredShortDimension,
                    &[
                        ("sheet", &truncate_chars(sheet, 60)),
                        ("len", &len.to_string()),
                    ],
                ));
            }
            if typ == BRT_WS_DIM || typ == BRT_BEGIN_SHEET_DATA {
                break;
            }
        }
    }
    if let Some((head, _)) = prefix(zip, names, "xl/sharedstrings.bin", 64 * 1024) {
        if let Some((_, len)) = records(&head).find(|(t, _)| *t == BRT_BEGIN_SST) {
            if len < 8 {
                return Err(damaged(
                    DiagText::DeclaredShortSharedStrings,
                    &[("len", &len.to_string())],
                ));
            }
        }
    }
    Ok(())
}

/// BIFF12 records (type, length) in `buf`, as far as they are whole.
fn records(buf: &[u8]) -> impl Iterator<Item = (u16, usize)> + '_ {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let b = *buf.get(at)?;
        at += 1;
        let mut typ = u16::from(b & 0x7F);
        if b & 0x80 != 0 {
            typ |= u16::from(*buf.get(at)? & 0x7F) << 7;
            at += 1;
        }
        let mut len = 0usize;
        for i in 0..4 {
            let b = *buf.get(at)?;
            at += 1;
            len |= usize::from(b & 0x7F) << (7 * i);
            if b & 0x80 == 0 {
                break;
            }
        }
        // A record cut by the prefix is still reported: its type and length are whole.
        at = at.checked_add(len)?;
        Some((typ, len))
    })
}

// ── xls (BIFF8) ──────────────────────────────────────────────────────────────────────────────────

/// The rows and columns of an xls workbook stream's sheets against what BIFF8 can have and what a
/// dense range of them costs: a DIMENSIONS record inverted or beyond 65 536 × 256, a cell in a column
/// past IV, or a used range of more than [`MAX_DENSE_XLS_CELLS`] (calamine builds every cell of it,
/// so one cell at IV65536 costs 16 M cells).
pub fn check_biff(stream: &[u8]) -> Result<(), FileProblem> {
    const DIMENSIONS: u16 = 0x0200;
    const BOF: u16 = 0x0809;
    // Records that start with (row u16, column u16).
    const CELLS: [u16; 10] = [
        0x0201, 0x0203, 0x0204, 0x0205, 0x0006, 0x027E, 0x00FD, 0x00D6, 0x00BD, 0x00BE,
    ];
    let mut at = 0usize;
    let mut sheet = 0usize;
    let mut used: Option<(u32, u32, u32, u32)> = None;
    let check_used = |used: Option<(u32, u32, u32, u32)>, sheet: usize| {
        if let Some((r0, r1, c0, c1)) = used {
            let cells = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
            if cells > MAX_DENSE_XLS_CELLS {
                return Err(too_many_cells(
                    DiagText::DeclaredXlsExtent,
                    &[
                        ("sheet", &sheet.to_string()),
                        ("row", &(r1 + 1).to_string()),
                        ("col", &(c1 + 1).to_string()),
                        ("cells", &cells.to_string()),
                    ],
                    MAX_DENSE_XLS_CELLS,
                ));
            }
        }
        Ok(())
    };
    while let (Some(typ), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let data = stream
            .get(at + 4..at + 4 + usize::from(len))
            .unwrap_or_default();
        at += 4 + usize::from(len);
        match typ {
            BOF => {
                check_used(used.take(), sheet)?;
                sheet += 1;
            }
            DIMENSIONS if data.len() >= 12 => {
                let rf = u32_at(data, 0).unwrap_or(0);
                let rl = u32_at(data, 4).unwrap_or(0);
                let cf = u32::from(u16_at(data, 8).unwrap_or(0));
                let cl = u32::from(u16_at(data, 10).unwrap_or(0));
                // Last row and column are one past the end; 0 for an empty sheet.
                if rl > 65_536 || cl > 256 || (rl > 0 && rf >= rl) || (cl > 0 && cf >= cl) {
                    let n = |v: u32| v.to_string();
                    return Err(damaged(
                        DiagText::DeclaredXlsDimensions,
                        &[
                            ("sheet", &sheet.saturating_sub(1).to_string()),
                            ("rf", &n(rf)),
                            ("rl", &n(rl)),
                            ("cf", &n(cf)),
                            ("cl", &n(cl)),
                        ],
                    ));
                }
            }
            t if CELLS.contains(&t) && data.len() >= 4 => {
                let row = u32::from(u16_at(data, 0).unwrap_or(0));
                let col = u32::from(u16_at(data, 2).unwrap_or(0));
                if col > 255 {
                    return Err(damaged(
                        DiagText::DeclaredXlsColumn,
                        &[
                            ("sheet", &sheet.saturating_sub(1).to_string()),
                            ("col", &(col + 1).to_string()),
                        ],
                    ));
                }
                used = Some(match used {
                    None => (row, row, col, col),
                    Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
                });
            }
            _ => {}
        }
    }
    check_used(used, sheet.saturating_sub(1))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_by_whole_name() {
        let tag = br#"<sst count="3" xuniqueCount="9" uniqueCount="12">"#;
        assert_eq!(attribute_u64(tag, b"<sst", b"uniqueCount"), Some(12));
        assert_eq!(
            attribute_in(
                br#"<a table:number-rows-repeated="1048576">"#,
                b"number-rows-repeated"
            ),
            Some(1_048_576)
        );
        assert_eq!(attribute_in(b"<a b='x'>", b"b"), None);
    }

    fn biff(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (t, d) in records {
            out.extend_from_slice(&t.to_le_bytes());
            out.extend_from_slice(&(d.len() as u16).to_le_bytes());
            out.extend_from_slice(d);
        }
        out
    }

    fn dims(rf: u32, rl: u32, cf: u16, cl: u16) -> (u16, Vec<u8>) {
        let mut d = Vec::new();
        d.extend_from_slice(&rf.to_le_bytes());
        d.extend_from_slice(&rl.to_le_bytes());
        d.extend_from_slice(&cf.to_le_bytes());
        d.extend_from_slice(&cl.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        (0x0200, d)
    }

    fn number(row: u16, col: u16) -> (u16, Vec<u8>) {
        let mut d = Vec::new();
        d.extend_from_slice(&row.to_le_bytes());
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[0; 10]);
        (0x0203, d)
    }

    #[test]
    fn biff_dimensions_and_cells_are_checked() {
        let bof = (0x0809u16, vec![0u8; 16]);
        let ok = biff(&[
            bof.clone(),
            bof.clone(),
            dims(0, 300, 0, 16),
            number(299, 15),
        ]);
        assert!(check_biff(&ok).is_ok());
        for bad in [
            biff(&[bof.clone(), dims(0, u32::MAX, 0, 256)]),
            biff(&[bof.clone(), dims(60_000, 10, 0, 1)]),
        ] {
            assert_eq!(check_biff(&bad).unwrap_err().code, Code::FileUnreadable);
        }
        let wide = biff(&[bof.clone(), number(0, 0), number(65_535, 65_535)]);
        assert_eq!(check_biff(&wide).unwrap_err().code, Code::FileUnreadable);
        let far = biff(&[bof.clone(), number(0, 0), number(65_535, 255)]);
        assert_eq!(check_biff(&far).unwrap_err().code, Code::FileTooLarge);
    }

    #[test]
    fn biff12_records_are_walked() {
        let buf = [0x81, 0x01, 0x00, 0x94, 0x01, 0x10];
        let got: Vec<_> = records(&buf).collect();
        assert_eq!(got, vec![(0x0081, 0), (0x0094, 16)]);
    }
}
