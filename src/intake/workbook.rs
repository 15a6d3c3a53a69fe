//! What one workbook's grid says: its metadata, where its tables are, its unit and year, and the
//! file-level problems; the rows themselves are read by `rows`.
use super::cx::FileCx;
use super::locate::{self, LocatedBy, Meta, Table};
use super::read::{cell_name, SheetGrid, WorkbookGrid};
use super::rows::{read_assessments, read_rows};
use super::{FileReport, Intake, IntakeOptions};
use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::i18n::diagnostics::DiagText;
use crate::template::layout::{self, meta_key, Field};
use std::path::Path;

/// Everything intake learns from one file's grid, once parsed.
pub(super) fn read_grid(
    wb: WorkbookGrid,
    file: &str,
    cat: &Catalog,
    opts: &IntakeOptions,
    mut report: FileReport,
) -> Intake {
    let mut cx = FileCx {
        file,
        diags: Vec::new(),
        about: None,
    };
    if wb.sheets.iter().all(|s| s.cells.is_empty()) {
        cx.file_said(
            Code::FileEmpty,
            DiagText::WorkbookEmpty,
            DiagText::HintFillTemplate,
            &[],
        );
        report.diagnostics = cx.diags;
        return Intake {
            report,
            data_sheet: None,
        };
    }
    for s in &wb.sheets {
        if s.skipped_cells > 0 {
            let (r, c) = s.farthest;
            cx.at_said(
                Code::FileTooLarge,
                (&s.name, r, c),
                None,
                DiagText::SheetBeyondLimits,
                DiagText::HintTrimSheet,
                &[
                    ("sheet", &s.name),
                    ("cell", &cell_name(r, c)),
                    ("rows", &opts.read_limits.max_rows.to_string()),
                    ("cols", &opts.read_limits.max_cols.to_string()),
                    ("n", &s.skipped_cells.to_string()),
                ],
            );
        }
    }

    let meta = locate::find_meta(&wb);
    let meta_sheet = meta.as_ref().map(|m| m.sheet.clone());
    match &meta {
        Some(m) => check_meta(&mut cx, m, cat, &mut report),
        None => cx.file_said(
            Code::NoMetadata,
            DiagText::NoMetadata,
            DiagText::HintKeepMetadata,
            &[],
        ),
    }

    let mut table = locate::find_data_table(&wb, cat, meta_sheet.as_deref());
    if let Some(t) = table.as_mut() {
        if !t.years.is_empty() && t.column_of(Field::Value).is_none() {
            let year = report.year.or(opts.year);
            let current = choose_year_column(t, year);
            if report.year.is_none() {
                report.year = current.map(|(_, y)| y);
            }
        }
    }
    let ambiguous = table
        .as_ref()
        .filter(|t| t.located_by == LocatedBy::IndicatorNames && t.value_candidates.len() > 1)
        .map(|t| (t.sheet, t.value_candidates.clone()));
    if let Some((si, cols)) = ambiguous {
        let sheet = &wb.sheets[si];
        let names: Vec<String> = cols
            .iter()
            .map(|c| cell_name(0, *c).trim_end_matches('1').to_string())
            .collect();
        let n = cols.len().to_string();
        let (zh_cols, en_cols) = (names.join("、"), names.join(", "));
        cx.file_said_each(
            Code::ValueColumnAmbiguous,
            (DiagText::ValueColumnAmbiguous, DiagText::HintAddHeaders),
            &[("sheet", &sheet.name), ("n", &n), ("cols", &zh_cols)],
            &[("sheet", &sheet.name), ("n", &n), ("cols", &en_cols)],
        );
        report.data_sheet = Some(sheet.name.clone());
        report.diagnostics.extend(cx.diags);
        return Intake {
            report,
            data_sheet: Some(sheet.clone()),
        };
    }
    let table = table;
    if report.unit.is_none() {
        report.unit = guess_unit(&wb, table.as_ref().map(|t| t.sheet), file, cat);
    }
    let mut data_sheet = None;
    match &table {
        None => cx.file_said(
            Code::NoDataSheet,
            DiagText::NoDataSheet,
            DiagText::HintKeepHeaders,
            &[],
        ),
        Some(t) => {
            let sheet = &wb.sheets[t.sheet];
            report.located_by = Some(t.located_by);
            report.data_sheet = Some(sheet.name.clone());
            if report.year.is_none() {
                report.year = header_year(sheet, t).or(opts.year);
            }
            if t.located_by == LocatedBy::IndicatorNames {
                let col = t
                    .column_of(Field::Value)
                    .map(|c| cell_name(0, c).trim_end_matches('1').to_string())
                    .unwrap_or_default();
                cx.file_said(
                    Code::NoMetadata,
                    DiagText::FoundByNames,
                    DiagText::HintRestoreHeaders,
                    &[("sheet", &sheet.name), ("col", &col)],
                );
            }
            read_rows(&mut cx, sheet, t, cat, opts, &mut report);
            data_sheet = Some(sheet.clone());
        }
    }
    if let Some(qt) = locate::find_qualitative_table(&wb, meta_sheet.as_deref()) {
        read_assessments(&mut cx, &wb.sheets[qt.sheet], &qt, cat, &mut report);
    }
    if let Some(file_year) = report.other_year(opts.year) {
        let run = opts.year.unwrap_or_default();
        // Said of the whole file, not of the hidden cell that holds the year: nothing in the file is
        // wrong for its own year, so nothing here is for the department to correct.
        let (file_year, run) = (file_year.to_string(), run.to_string());
        cx.diags.push(Diagnostic::said(
            Code::YearMismatch,
            Location::File {
                file: file.to_string(),
            },
            Some(file_year.clone()),
            DiagText::OtherYearFile,
            DiagText::HintOtherYearFile,
            &[("file_year", &file_year), ("run", &run)],
        ));
    }
    report.diagnostics.extend(cx.diags);
    Intake { report, data_sheet }
}

fn check_meta(cx: &mut FileCx, m: &Meta, cat: &Catalog, report: &mut FileReport) {
    if let Some((plan, row)) = m.get(meta_key::PLAN_ID) {
        report.plan_id = Some(plan.to_string());
        if plan != cat.plan.id {
            cx.at_said(
                Code::PlanMismatch,
                (&m.sheet, row, 1),
                Some(plan.to_string()),
                DiagText::PlanMismatch,
                DiagText::HintPlanTemplate,
                &[("plan", plan), ("ours", &cat.plan.id)],
            );
        }
    }
    if let Some((unit, row)) = m.get(meta_key::UNIT) {
        match cat.resolve_unit(unit) {
            Some(u) => report.unit = Some(u.name.clone()),
            None => cx.at_said(
                Code::UnitMismatch,
                (&m.sheet, row, 1),
                Some(unit.to_string()),
                DiagText::UnitMismatch,
                DiagText::HintUnitTemplate,
                &[("unit", unit)],
            ),
        }
    }
    if let Some((org, _)) = m.get(meta_key::ORG) {
        report.org = Some(org.to_string()).filter(|o| !o.is_empty());
    }
    report.year = m.year();
    if let Some((v, row)) = m.get(meta_key::TEMPLATE_VERSION) {
        report.template_version = Some(v.to_string());
        if v != layout::TEMPLATE_VERSION {
            cx.at_said(
                Code::TemplateVersionMismatch,
                (&m.sheet, row, 1),
                Some(v.to_string()),
                DiagText::TemplateVersion,
                DiagText::HintNewTemplate,
                &[("found", v), ("current", layout::TEMPLATE_VERSION)],
            );
        }
    }
}

/// In a table whose value columns are headed by year: the column of this year's value becomes
/// `Field::Value`; earlier years stay in `years` (read into their own years); later years are dropped
/// from it, so their cells are reported as outside the input columns (R214), not read as this year's.
/// This year is the file's or run's `year`, else the latest year heading a column.
fn choose_year_column(t: &mut Table<Field>, year: Option<i32>) -> Option<(u32, i32)> {
    let latest = t
        .years
        .iter()
        .max_by_key(|(_, y)| **y)
        .map(|(c, y)| (*c, *y));
    let chosen = match year {
        Some(y) => t
            .years
            .iter()
            .find(|(_, yy)| **yy == y)
            .map(|(c, y)| (*c, *y))
            .or(latest),
        None => latest,
    }?;
    t.columns.insert(chosen.0, Field::Value);
    t.years.retain(|_, y| *y < chosen.1);
    Some(chosen)
}

/// The year in a header such as `本年值（2023年）`.
fn header_year(sheet: &SheetGrid, t: &Table<Field>) -> Option<i32> {
    let col = t.column_of(Field::Value)?;
    let text = sheet.text(t.header_row, col);
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok().filter(|y| (1900..=2200).contains(y))
}

/// The unit from a `填报单位：…` line above the table, else from the file name.
fn guess_unit(
    wb: &WorkbookGrid,
    sheet: Option<usize>,
    file: &str,
    cat: &Catalog,
) -> Option<String> {
    if let Some(s) = sheet.map(|i| &wb.sheets[i]) {
        for (&(r, c), _) in s.cells.range((0, 0)..(6, 0)) {
            let text = s.text(r, c);
            if let Some(pos) = text.find("填报单位") {
                let after = &text[pos + "填报单位".len()..];
                let name: String = after
                    .trim_start_matches([':', '：', ' ', '\u{3000}'])
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '\u{3000}')
                    .collect();
                if let Some(u) = cat.resolve_unit(&name) {
                    return Some(u.name.clone());
                }
            }
        }
    }
    let stem = Path::new(file).file_stem()?.to_string_lossy().into_owned();
    let mut best: Option<(usize, &str)> = None;
    for u in &cat.units {
        for n in std::iter::once(&u.name).chain(u.aliases.iter()) {
            if stem.contains(n.as_str()) && best.is_none_or(|(l, _)| n.len() > l) {
                best = Some((n.len(), u.name.as_str()));
            }
        }
    }
    best.map(|(_, n)| n.to_string())
}
