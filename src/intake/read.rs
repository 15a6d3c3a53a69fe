//! Reading a workbook's cells into sparse grids, within limits, whatever its format.
//!
//! xlsx and xlsb are streamed cell by cell (calamine's cell readers), so a sheet declaring a million rows
//! or a stray cell at XFD1048576 costs nothing: cells beyond `ReadLimits` are counted, skipped and reported
//! once per sheet. xls and ods have no streaming reader in calamine; xls is bounded by its format
//! (65,536 × 256) and ods by the zip limits checked in `sniff` before any parsing.

use super::sniff::Format;
use calamine::{Data, Reader, SheetVisible};
use std::collections::BTreeMap;
use std::io::Cursor;

/// How far a returned workbook may reach. A county return has a few hundred rows and under 30 columns.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    pub max_rows: u32,
    pub max_cols: u32,
    /// Cells kept per sheet; past this the sheet is cut and reported.
    pub max_cells_per_sheet: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_rows: 20_000,
            max_cols: 200,
            max_cells_per_sheet: 200_000,
        }
    }
}

/// One cell: the value (cached result for formulas) and the formula text when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub data: Data,
    pub formula: Option<String>,
}

/// The non-empty cells of one sheet, by absolute 0-based (row, column).
#[derive(Debug, Clone, Default)]
pub struct SheetGrid {
    pub name: String,
    pub visible: bool,
    pub cells: BTreeMap<(u32, u32), GridCell>,
    /// Cells skipped for lying beyond the limits (or past the cell cap).
    pub skipped_cells: usize,
    /// The farthest (row, column) seen, including skipped cells, for the diagnostic.
    pub farthest: (u32, u32),
}

impl SheetGrid {
    pub fn get(&self, row: u32, col: u32) -> Option<&GridCell> {
        self.cells.get(&(row, col))
    }

    /// The cell's text, trimmed, for header and code matching ("" when empty or not text-like).
    pub fn text(&self, row: u32, col: u32) -> String {
        match self.get(row, col).map(|c| &c.data) {
            Some(Data::String(s)) => s.trim().to_string(),
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Float(f)) => super::value::raw_text(&Data::Float(*f)),
            _ => String::new(),
        }
    }

    /// Rows that hold at least one cell, in order.
    pub fn rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self.cells.keys().map(|(r, _)| *r).collect();
        rows.dedup();
        rows
    }

    pub fn row_cells(&self, row: u32) -> impl Iterator<Item = (u32, &GridCell)> {
        self.cells
            .range((row, 0)..(row, u32::MAX))
            .map(|((_, c), cell)| (*c, cell))
    }

    fn insert(&mut self, row: u32, col: u32, cell: GridCell, limits: &ReadLimits) {
        if matches!(cell.data, Data::Empty) && cell.formula.is_none() {
            return;
        }
        if row >= limits.max_rows
            || col >= limits.max_cols
            || self.cells.len() >= limits.max_cells_per_sheet
        {
            self.skipped_cells += 1;
            self.farthest = (self.farthest.0.max(row), self.farthest.1.max(col));
            return;
        }
        self.farthest = (self.farthest.0.max(row), self.farthest.1.max(col));
        self.cells.insert((row, col), cell);
    }
}

/// All sheets of a workbook.
#[derive(Debug, Clone)]
pub struct WorkbookGrid {
    pub format: Format,
    pub sheets: Vec<SheetGrid>,
}

/// Reads every sheet. The error is calamine's message, for `sniff::classify_calamine_error`.
pub fn read_workbook(
    bytes: Vec<u8>,
    format: Format,
    limits: &ReadLimits,
) -> Result<WorkbookGrid, String> {
    let sheets = match format {
        Format::Xlsx | Format::Xlsm => read_xlsx(bytes, limits),
        Format::Xlsb => read_xlsb(bytes, limits),
        Format::Xls => {
            let wb = calamine::Xls::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
            read_ranges(wb, limits)
        }
        Format::Ods => {
            let wb = calamine::Ods::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
            read_ranges(wb, limits)
        }
    }?;
    Ok(WorkbookGrid { format, sheets })
}

fn visibility<R: Reader<Cursor<Vec<u8>>>>(wb: &R) -> Vec<(String, bool)> {
    wb.sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect()
}

fn read_xlsx(bytes: Vec<u8>, limits: &ReadLimits) -> Result<Vec<SheetGrid>, String> {
    let mut wb = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (name, visible) in visibility(&wb) {
        let mut grid = SheetGrid {
            name: name.clone(),
            visible,
            ..Default::default()
        };
        let mut reader = wb
            .worksheet_cells_reader(&name)
            .map_err(|e| e.to_string())?;
        // Hard stop on the number of records read, kept or not, so that a sheet of millions of
        // cells costs bounded time too.
        let mut records = 0usize;
        let budget = limits.max_cells_per_sheet * 4;
        while let Some(cell) = reader.next_cell_with_formula().map_err(|e| e.to_string())? {
            records += 1;
            let (row, col) = cell.pos;
            let formula = cell.formula.filter(|f| !f.trim().is_empty());
            grid.insert(
                row,
                col,
                GridCell {
                    data: Data::from(cell.value),
                    formula,
                },
                limits,
            );
            if records >= budget {
                grid.skipped_cells += 1;
                break;
            }
        }
        out.push(grid);
    }
    Ok(out)
}

fn read_xlsb(bytes: Vec<u8>, limits: &ReadLimits) -> Result<Vec<SheetGrid>, String> {
    let mut wb = calamine::Xlsb::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (name, visible) in visibility(&wb) {
        let mut grid = SheetGrid {
            name: name.clone(),
            visible,
            ..Default::default()
        };
        let budget = limits.max_cells_per_sheet * 4;
        {
            let mut reader = wb
                .worksheet_cells_reader(&name)
                .map_err(|e| e.to_string())?;
            let mut records = 0usize;
            while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                records += 1;
                let (row, col) = cell.get_position();
                let data = Data::from(cell.get_value().clone());
                grid.insert(
                    row,
                    col,
                    GridCell {
                        data,
                        formula: None,
                    },
                    limits,
                );
                if records >= budget {
                    grid.skipped_cells += 1;
                    break;
                }
            }
        }
        {
            let mut reader = wb
                .worksheet_cells_reader(&name)
                .map_err(|e| e.to_string())?;
            let mut records = 0usize;
            while let Some(f) = reader.next_formula().map_err(|e| e.to_string())? {
                records += 1;
                let (row, col) = f.get_position();
                let text = f.get_value().trim().to_string();
                if !text.is_empty() {
                    match grid.cells.get_mut(&(row, col)) {
                        Some(c) => c.formula = Some(text),
                        None => grid.insert(
                            row,
                            col,
                            GridCell {
                                data: Data::Empty,
                                formula: Some(text),
                            },
                            limits,
                        ),
                    }
                }
                if records >= budget {
                    break;
                }
            }
        }
        out.push(grid);
    }
    Ok(out)
}

fn read_ranges<R>(mut wb: R, limits: &ReadLimits) -> Result<Vec<SheetGrid>, String>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let mut out = Vec::new();
    for (name, visible) in visibility(&wb) {
        let mut grid = SheetGrid {
            name: name.clone(),
            visible,
            ..Default::default()
        };
        let range = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
        for (r, c, data) in range.used_cells() {
            let (row, col) = absolute(range.start(), r, c);
            grid.insert(
                row,
                col,
                GridCell {
                    data: data.clone(),
                    formula: None,
                },
                limits,
            );
        }
        // Formulas are a second range over the same sheet; a missing one is not an error.
        if let Ok(formulas) = wb.worksheet_formula(&name) {
            for (r, c, f) in formulas.used_cells() {
                let (row, col) = absolute(formulas.start(), r, c);
                let text = f.trim();
                if text.is_empty() {
                    continue;
                }
                match grid.cells.get_mut(&(row, col)) {
                    Some(cell) => cell.formula = Some(text.to_string()),
                    None => grid.insert(
                        row,
                        col,
                        GridCell {
                            data: Data::Empty,
                            formula: Some(text.to_string()),
                        },
                        limits,
                    ),
                }
            }
        }
        out.push(grid);
    }
    Ok(out)
}

fn absolute(start: Option<(u32, u32)>, r: usize, c: usize) -> (u32, u32) {
    let (r0, c0) = start.unwrap_or((0, 0));
    (
        r0.saturating_add(r.min(u32::MAX as usize) as u32),
        c0.saturating_add(c.min(u32::MAX as usize) as u32),
    )
}

pub use crate::cellref::{cell_name, parse_cell_name};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_are_a1_form() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 7), "H7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        for (r, c) in [(0, 0), (6, 7), (0, 26), (99, 701), (1_048_575, 16_383)] {
            assert_eq!(parse_cell_name(&cell_name(r, c)), Some((r, c)));
        }
        assert_eq!(parse_cell_name("7H"), None);
        assert_eq!(parse_cell_name("A0"), None);
    }

    #[test]
    fn cells_beyond_limits_are_counted_not_kept() {
        let limits = ReadLimits {
            max_rows: 10,
            max_cols: 5,
            max_cells_per_sheet: 100,
        };
        let mut g = SheetGrid::default();
        let cell = GridCell {
            data: Data::Int(1),
            formula: None,
        };
        g.insert(0, 0, cell.clone(), &limits);
        g.insert(1_048_575, 16_383, cell.clone(), &limits);
        g.insert(
            2,
            2,
            GridCell {
                data: Data::Empty,
                formula: None,
            },
            &limits,
        );
        assert_eq!(g.cells.len(), 1);
        assert_eq!(g.skipped_cells, 1);
        assert_eq!(g.farthest, (1_048_575, 16_383));
    }
}
