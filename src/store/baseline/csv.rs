//! A baseline sheet saved as CSV, as one grid named `csv` with A1-style cells, so that every diagnostic
//! still says file!sheet!cell: the text decoded as Excel saves it (UTF-8, UTF-16, GB18030), then split.
use super::CSV_SHEET;
use crate::intake::read::{GridCell, SheetGrid};
use calamine::Data;

/// Text of a CSV file: UTF-8 (BOM optional), UTF-16 with BOM (Excel's "Unicode text"), or GB18030 (what
/// Chinese Excel writes for "CSV (逗号分隔)"). `None` when it is binary.
pub(super) fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).ok();
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        return (!bad).then(|| text.into_owned());
    }
    if bytes.contains(&0) {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s.to_string()),
        Err(_) => {
            let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
            (!bad).then(|| text.into_owned())
        }
    }
}

/// A CSV text as one sheet of string cells. Separator: tab when the first line has tabs and no commas,
/// else comma. Quotes follow RFC 4180 (`""` inside quotes is a quote; quoted fields may span lines).
pub(super) fn csv_grid(text: &str) -> SheetGrid {
    let first_line = text.lines().next().unwrap_or("");
    let sep = if first_line.contains('\t') && !first_line.contains(',') {
        '\t'
    } else {
        ','
    };
    let mut grid = SheetGrid {
        name: CSV_SHEET.to_string(),
        visible: true,
        ..Default::default()
    };
    let (mut row, mut col) = (0u32, 0u32);
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let put = |grid: &mut SheetGrid, row: u32, col: u32, field: &mut String| {
        if !field.is_empty() {
            grid.cells.insert(
                (row, col),
                GridCell {
                    data: Data::String(std::mem::take(field)),
                    formula: None,
                },
            );
            grid.farthest = (grid.farthest.0.max(row), grid.farthest.1.max(col));
        }
        field.clear();
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            c if c == sep => {
                put(&mut grid, row, col, &mut field);
                col += 1;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                put(&mut grid, row, col, &mut field);
                row += 1;
                col = 0;
            }
            c => field.push(c),
        }
    }
    put(&mut grid, row, col, &mut field);
    grid
}
