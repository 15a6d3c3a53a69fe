//! Finding things in a returned workbook without trusting sheet names or column positions.
//!
//! Three ways, tried in order: (1) the hidden metadata sheet, found by its marker in A1, gives plan, unit,
//! year and template version; (2) the data table is the sheet and row whose cells best match the known
//! column headers (renamed, reordered, merged or shifted columns still match by `Field::synonyms`), with
//! a second header row above or below merged in; (3) without any header, the column holding the most
//! indicator names is the name column and the first mostly-numeric column right of it the value column.

use super::read::{SheetGrid, WorkbookGrid};
use crate::catalog::Catalog;
use crate::template::layout::{meta_key, Field, QualField, META_MARKER};
use std::collections::BTreeMap;

/// What the metadata sheet says, with where each value sits (for diagnostics).
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub sheet: String,
    pub values: BTreeMap<String, (String, u32)>,
}

impl Meta {
    /// The value for a key and its 0-based row (column B).
    pub fn get(&self, key: &str) -> Option<(&str, u32)> {
        self.values.get(key).map(|(v, r)| (v.as_str(), *r))
    }
}

pub fn find_meta(wb: &WorkbookGrid) -> Option<Meta> {
    let sheet = wb.sheets.iter().find(|s| s.text(0, 0) == META_MARKER)?;
    let mut values = BTreeMap::new();
    for row in sheet.rows() {
        if row == 0 {
            continue;
        }
        let key = sheet.text(row, 0);
        if !key.is_empty() {
            values.insert(key, (sheet.text(row, 1), row));
        }
    }
    Some(Meta {
        sheet: sheet.name.clone(),
        values,
    })
}

impl Meta {
    pub fn year(&self) -> Option<i32> {
        self.get(meta_key::YEAR)
            .and_then(|(v, _)| v.trim().parse::<f64>().ok())
            .filter(|y| y.fract() == 0.0 && (1900.0..=2200.0).contains(y))
            .map(|y| y as i32)
    }
}

/// How the data table was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LocatedBy {
    Header,
    IndicatorNames,
}

/// Where the indicator table is: sheet, header rows, and which column holds which field.
#[derive(Debug, Clone)]
pub struct Table<F> {
    pub sheet: usize,
    /// The (last) header row, or the row above the first named row when found by names.
    pub header_row: u32,
    pub first_data_row: u32,
    pub columns: BTreeMap<u32, F>,
    pub located_by: LocatedBy,
    /// Columns headed by a year (`2022年 | 2023年`, as departments lay out their own tables): column →
    /// year. Intake decides which one is this year's value (`Field::Value`); the others are read into
    /// their own years.
    pub years: BTreeMap<u32, i32>,
    /// Found by indicator names only: every column right of the names holding numbers. More than one
    /// means this year's value cannot be told apart, which intake reports instead of guessing.
    pub value_candidates: Vec<u32>,
}

impl<F: Copy + PartialEq> Table<F> {
    pub fn column_of(&self, field: F) -> Option<u32> {
        self.columns
            .iter()
            .find(|(_, f)| **f == field)
            .map(|(c, _)| *c)
    }
}

/// How many rows from the top of a sheet a header may sit (people insert title rows above it).
const HEADER_SEARCH_ROWS: u32 = 60;

/// The fields named by the header cells of every row near the top of a sheet, by row then column. Only
/// text cells can be headers (no synonym holds a digit), and each row is matched once although it is
/// looked at three times (as a header row, and as the row above or below another).
fn header_rows<F: Copy + Ord>(
    sheet: &SheetGrid,
    from_header: fn(&str) -> Option<F>,
) -> BTreeMap<u32, BTreeMap<u32, F>> {
    let mut rows: BTreeMap<u32, BTreeMap<u32, F>> = BTreeMap::new();
    // Row HEADER_SEARCH_ROWS itself may be the second row of a header that starts just above it.
    for (&(row, col), cell) in sheet.cells.range(..(HEADER_SEARCH_ROWS + 1, 0)) {
        let calamine::Data::String(text) = &cell.data else {
            continue;
        };
        if let Some(f) = from_header(text) {
            let found = rows.entry(row).or_default();
            // The first column with a header wins; a repeated header is left unmapped.
            if !found.values().any(|v| *v == f) {
                found.insert(col, f);
            }
        }
    }
    rows
}

/// Finds the best header row over all sheets for a set of fields; `required` must all be present.
fn find_header<F: Copy + Ord + PartialEq>(
    wb: &WorkbookGrid,
    skip_sheet: Option<&str>,
    from_header: fn(&str) -> Option<F>,
    required_any: &[F],
    required_all: &[F],
) -> Option<Table<F>> {
    let mut best: Option<(usize, Table<F>)> = None;
    for (si, sheet) in wb.sheets.iter().enumerate() {
        if Some(sheet.name.as_str()) == skip_sheet {
            continue;
        }
        let matched = header_rows(sheet, from_header);
        for (&row, cols) in matched.range(..HEADER_SEARCH_ROWS) {
            if cols.len() < 2 {
                continue;
            }
            let mut cols = cols.clone();
            let mut header_row = row;
            // A two-row header: fields named in the row below (e.g. 女 / 男 under a merged 其中) or
            // above (a merged group title) fill the columns this row leaves unnamed.
            for other in [row + 1, row.saturating_sub(1)] {
                if other == row {
                    continue;
                }
                for (&c, &f) in matched.get(&other).into_iter().flatten() {
                    if !cols.contains_key(&c) && !cols.values().any(|v| *v == f) {
                        cols.insert(c, f);
                        if other > row {
                            header_row = other;
                        }
                    }
                }
            }
            let has_any = required_any.iter().any(|f| cols.values().any(|v| v == f));
            let has_all = required_all.iter().all(|f| cols.values().any(|v| v == f));
            if !(has_any && has_all) {
                continue;
            }
            let score = cols.len();
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((
                    score,
                    Table {
                        sheet: si,
                        header_row,
                        first_data_row: header_row + 1,
                        columns: cols,
                        located_by: LocatedBy::Header,
                        years: BTreeMap::new(),
                        value_candidates: Vec::new(),
                    },
                ));
            }
        }
    }
    best.map(|(_, t)| t)
}

/// Finds the indicator table by its headers, else by indicator names.
pub fn find_data_table(
    wb: &WorkbookGrid,
    cat: &Catalog,
    meta_sheet: Option<&str>,
) -> Option<Table<Field>> {
    find_header(
        wb,
        meta_sheet,
        Field::from_header,
        &[Field::Code, Field::Name],
        &[Field::Value],
    )
    .or_else(|| find_year_header(wb, meta_sheet))
    .or_else(|| find_by_names(wb, cat, meta_sheet))
}

/// The year a header cell names on its own — `2023`, `2023年`, `2023年度`, `2023年实际` — as the
/// columns of a department's own table are headed. (The template's `本年值（2023年）` names a field and
/// is not a year column.)
pub fn year_of_header(text: &str) -> Option<i32> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() != 4 {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    if !(1949..=2100).contains(&year) {
        return None;
    }
    let rest = &t[digits.len()..];
    const SUFFIXES: [&str; 9] = [
        "",
        "年",
        "年度",
        "年数",
        "年值",
        "年实际",
        "年实际值",
        "年度值",
        "年数值",
    ];
    SUFFIXES.contains(&rest).then_some(year)
}

/// A header row that names the indicators (code or name) and heads value columns by year, as a
/// department's own table does: `序号 | 指标名称 | 单位 | 2022年 | 2023年`.
fn find_year_header(wb: &WorkbookGrid, skip_sheet: Option<&str>) -> Option<Table<Field>> {
    let mut best: Option<(usize, Table<Field>)> = None;
    for (si, sheet) in wb.sheets.iter().enumerate() {
        if Some(sheet.name.as_str()) == skip_sheet {
            continue;
        }
        let fields = header_rows(sheet, Field::from_header);
        for row in sheet.rows().into_iter().filter(|r| *r < HEADER_SEARCH_ROWS) {
            let years: BTreeMap<u32, i32> = sheet
                .row_cells(row)
                .filter_map(|(c, cell)| match &cell.data {
                    calamine::Data::String(s) => year_of_header(s).map(|y| (c, y)),
                    calamine::Data::Int(i) => year_of_header(&i.to_string()).map(|y| (c, y)),
                    calamine::Data::Float(f) if f.fract() == 0.0 => {
                        year_of_header(&(*f as i64).to_string()).map(|y| (c, y))
                    }
                    _ => None,
                })
                .collect();
            let cols = fields.get(&row).cloned().unwrap_or_default();
            let names_rows = cols
                .values()
                .any(|f| matches!(f, Field::Code | Field::Name));
            if years.is_empty() || !names_rows {
                continue;
            }
            // The fields a year column stands for are the year's value; a text header on the same
            // column (none in practice) would be dropped.
            let mut columns = cols;
            columns.retain(|c, f| !years.contains_key(c) && *f != Field::Value);
            let score = columns.len() + years.len();
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((
                    score,
                    Table {
                        sheet: si,
                        header_row: row,
                        first_data_row: row + 1,
                        columns,
                        located_by: LocatedBy::Header,
                        years,
                        value_candidates: Vec::new(),
                    },
                ));
            }
        }
    }
    best.map(|(_, t)| t)
}

pub fn find_qualitative_table(
    wb: &WorkbookGrid,
    meta_sheet: Option<&str>,
) -> Option<Table<QualField>> {
    find_header(
        wb,
        meta_sheet,
        QualField::from_header,
        &[QualField::Code],
        &[QualField::Assessment],
    )
}

/// Normalises an indicator name for matching: no spaces or brackets' content differences.
pub fn name_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

fn find_by_names(
    wb: &WorkbookGrid,
    cat: &Catalog,
    meta_sheet: Option<&str>,
) -> Option<Table<Field>> {
    let names: Vec<String> = cat
        .indicators()
        .map(|(_, _, i)| name_key(&i.name))
        .collect();
    let mut best: Option<(usize, usize, u32, u32)> = None; // (hits, sheet, column, first row)
    for (si, sheet) in wb.sheets.iter().enumerate() {
        if Some(sheet.name.as_str()) == meta_sheet {
            continue;
        }
        let mut hits: BTreeMap<u32, (usize, u32)> = BTreeMap::new();
        for (&(row, col), _) in sheet.cells.iter() {
            if names.contains(&name_key(&sheet.text(row, col))) {
                let e = hits.entry(col).or_insert((0, row));
                e.0 += 1;
                e.1 = e.1.min(row);
            }
        }
        for (col, (n, first)) in hits {
            if n >= 2 && best.is_none_or(|b| n > b.0) {
                best = Some((n, si, col, first));
            }
        }
    }
    let (_, si, name_col, first_row) = best?;
    let sheet = &wb.sheets[si];
    // The value column: right of the names, the column with the most numbers in the named rows.
    let named_rows: Vec<u32> = sheet
        .rows()
        .into_iter()
        .filter(|r| names.contains(&name_key(&sheet.text(*r, name_col))))
        .collect();
    let mut numeric: BTreeMap<u32, usize> = BTreeMap::new();
    for r in &named_rows {
        for (c, cell) in sheet.row_cells(*r) {
            if c > name_col && looks_numeric(&cell.data) {
                *numeric.entry(c).or_default() += 1;
            }
        }
    }
    let value_col = numeric
        .iter()
        .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
        .map(|(c, _)| *c)?;
    let mut columns = BTreeMap::new();
    columns.insert(name_col, Field::Name);
    columns.insert(value_col, Field::Value);
    Some(Table {
        sheet: si,
        header_row: first_row.saturating_sub(1),
        first_data_row: first_row,
        columns,
        located_by: LocatedBy::IndicatorNames,
        years: BTreeMap::new(),
        value_candidates: numeric.keys().copied().collect(),
    })
}

/// A cell that holds a number or text that reads as one (used only to guess the value column).
fn looks_numeric(data: &calamine::Data) -> bool {
    match data {
        calamine::Data::Int(_) | calamine::Data::Float(_) => true,
        calamine::Data::String(s) => s
            .trim()
            .trim_end_matches(['%', '％'])
            .replace(',', "")
            .parse::<f64>()
            .is_ok(),
        _ => false,
    }
}
