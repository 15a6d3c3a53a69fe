//! Reading the located tables row by row: each indicator row's input cells into values and
//! diagnostics, checked by `crate::validate`, and the self-assessments of qualitative objectives.
use super::cx::FileCx;
use super::locate::{self, Table};
use super::read::{cell_name, SheetGrid};
use super::{timing, value, AcceptedValue, FileReport, IntakeOptions, SelfAssessment};
use crate::catalog::{Catalog, Indicator, ObjectiveKind};
use crate::diagnostic::Code;
use crate::i18n::diagnostics::DiagText;
use crate::i18n::Lang;
use crate::template::layout::{Field, QualField, SELF_ASSESSMENT_OPTIONS};
use crate::validate::{self, ParsedCell, ParsedRow};
use calamine::Data;
use std::collections::{BTreeMap, HashSet};

/// The store's keys of the number a data-sheet column holds.
fn field_keys(f: Field) -> (&'static str, &'static str, &'static str) {
    let (sex, area, item) = f.breakdown();
    (sex.key(), area.key(), item.key())
}

/// The text of a cell exactly as typed (empty for no cell).
fn raw_at(sheet: &SheetGrid, row: u32, col: u32) -> String {
    sheet
        .get(row, col)
        .map(|c| value::raw_text(&c.data))
        .unwrap_or_default()
}

/// Is this text shaped like an indicator code (so an unknown one is worth reporting)?
fn looks_like_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

/// A return's data table: each row read (`read_row`), the rows checked and their values accepted
/// (`accept_checked`), then what the unit should have reported and did not, and what it reported that
/// is not its own.
pub(super) fn read_rows(
    cx: &mut FileCx,
    sheet: &SheetGrid,
    t: &Table<Field>,
    cat: &Catalog,
    opts: &IntakeOptions,
    report: &mut FileReport,
) {
    let by_name: BTreeMap<String, &Indicator> = cat
        .indicators()
        .map(|(_, _, i)| (locate::name_key(&i.name), i))
        .collect();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut rows: Vec<ParsedRow> = Vec::new();

    for row in sheet.rows().into_iter().filter(|r| *r >= t.first_data_row) {
        cx.about = None;
        let found = read_row(cx, sheet, t, cat, report, &by_name, &mut seen, row);
        rows.extend(found);
    }

    cx.about = None;
    accept_checked(cx, &rows, opts, report);
    // What this unit leads and should have reported, and what it reported that is not its own.
    if let Some(unit) = report.unit.clone() {
        report_required_missing(cx, &rows, sheet, t, cat, &unit);
        report_not_assigned(cx, &rows, cat, &unit);
    }
    cx.about = None;
}

/// The consistency rules over each row: a value that breaks a hard rule is not accepted, the others
/// are.
fn accept_checked(
    cx: &mut FileCx,
    rows: &[ParsedRow],
    opts: &IntakeOptions,
    report: &mut FileReport,
) {
    let year = report.year.or(opts.year);
    for r in rows {
        cx.about = Some(r.indicator.code.clone());
        let t = timing::start();
        let outcome = validate::check_row(r, opts.jump_threshold);
        timing::stop(t, &timing::VALIDATE);
        for d in outcome.diagnostics {
            cx.at(
                d.code,
                &r.sheet,
                r.row,
                d.col,
                Some(d.raw),
                d.message,
                d.hint,
            );
            cx.last_in_english(d.en);
        }
        for (field, cell) in &r.cells {
            let Some(v) = cell.value else { continue };
            if outcome.rejected.contains(field) {
                continue;
            }
            let (sex, area, kind) = field_keys(*field);
            report.accepted.push(AcceptedValue {
                indicator: r.indicator.code.clone(),
                year,
                sex,
                area,
                field: kind,
                value: v,
                sheet: r.sheet.clone(),
                cell: cell_name(r.row, cell.col),
                raw: cell.raw.clone(),
                rules: cell.rules.clone(),
                source: r.source.clone(),
                remarks: r.remarks.clone(),
            });
        }
    }

    cx.about = None;
}

/// Required indicators `unit` leads that have no value at all: a value left empty, or the row gone.
fn report_required_missing(
    cx: &mut FileCx,
    rows: &[ParsedRow],
    sheet: &SheetGrid,
    t: &Table<Field>,
    cat: &Catalog,
    unit: &str,
) {
    let code_col = t.column_of(Field::Code);
    let name_col = t.column_of(Field::Name);
    let present: HashSet<&str> = rows.iter().map(|r| r.indicator.code.as_str()).collect();
    for (_, _, ind) in cat.indicators() {
        if ind.lead_unit != unit || !ind.is_reported() || !ind.required {
            continue;
        }
        let row = rows.iter().find(|r| r.indicator.code == ind.code);
        let asked: &[Field] = if ind.gap_of_own_groups() {
            &[
                Field::Value,
                Field::Female,
                Field::Male,
                Field::Urban,
                Field::Rural,
            ]
        } else {
            &[Field::Value]
        };
        let missing = !asked.iter().any(|f| {
            row.and_then(|r| r.cells.get(f))
                .is_some_and(|c| !c.raw.trim().is_empty())
        });
        if !missing {
            continue;
        }
        cx.about = Some(ind.code.clone());
        match row {
            Some(r) => {
                let col = t.column_of(Field::Value).unwrap_or(r.code_col);
                let args = |l| [("code", ind.code.as_str()), ("name", ind.name_in(l))];
                cx.at_said_each(
                    Code::RequiredMissing,
                    (&r.sheet, r.row, col),
                    None,
                    (DiagText::RequiredValueMissing, DiagText::HintRequiredValue),
                    &args(Lang::Zh),
                    &args(Lang::En),
                );
            }
            None if !present.contains(ind.code.as_str()) => {
                let args = |l| [("code", ind.code.as_str()), ("name", ind.name_in(l))];
                cx.at_said_each(
                    Code::RequiredMissing,
                    (
                        &sheet.name,
                        t.header_row,
                        code_col.or(name_col).unwrap_or(0),
                    ),
                    None,
                    (DiagText::RequiredRowMissing, DiagText::HintKeepRows),
                    &args(Lang::Zh),
                    &args(Lang::En),
                );
            }
            None => {}
        }
    }
    cx.about = None;
}

/// Rows `unit` filled in for indicators that are neither led by it nor shared with it (read, for checking).
fn report_not_assigned(cx: &mut FileCx, rows: &[ParsedRow], cat: &Catalog, unit: &str) {
    for r in rows {
        cx.about = Some(r.indicator.code.clone());
        if r.indicator.lead_unit != unit
            && !r.indicator.cooperating_units.iter().any(|u| u == unit)
            && !r.cells.is_empty()
        {
            let i = &r.indicator;
            let args = |l| {
                [
                    ("code", i.code.as_str()),
                    ("name", i.name_in(l)),
                    ("lead", cat.unit_name_in(&i.lead_unit, l)),
                    ("unit", cat.unit_name_in(&unit, l)),
                ]
            };
            cx.at_said_each(
                Code::NotAssignedToUnit,
                (&r.sheet, r.row, r.code_col),
                Some(i.code.clone()),
                (DiagText::NotAssignedToUnit, DiagText::HintOwnIndicators),
                &args(Lang::Zh),
                &args(Lang::En),
            );
        }
    }
    cx.about = None;
}

/// Reads one row of the data table: its indicator, its numeric cells and their notes, earlier years'
/// totals (accepted at once); `None` for a row that is no indicator's or repeats one (both reported).
#[allow(clippy::too_many_arguments)]
fn read_row(
    cx: &mut FileCx,
    sheet: &SheetGrid,
    t: &Table<Field>,
    cat: &Catalog,
    report: &mut FileReport,
    by_name: &BTreeMap<String, &Indicator>,
    seen: &mut BTreeMap<String, u32>,
    row: u32,
) -> Option<ParsedRow> {
    let code_col = t.column_of(Field::Code);
    let name_col = t.column_of(Field::Name);
    let code_text = code_col.map(|c| sheet.text(row, c)).unwrap_or_default();
    let name_text = name_col.map(|c| sheet.text(row, c)).unwrap_or_default();
    let indicator = cat
        .indicator(&code_text)
        .or_else(|| by_name.get(&locate::name_key(&name_text)).copied());
    // Every non-empty cell of a numeric input column, and of columns the table does not know.
    let mut inputs: Vec<(u32, Field)> = Vec::new();
    let mut unmapped: Vec<u32> = Vec::new();
    // Values of earlier years, in a table with a column per year: (column, year).
    let mut earlier: Vec<(u32, i32)> = Vec::new();
    for (col, cell) in sheet.row_cells(row) {
        if value::is_blank(&cell.data) && cell.formula.is_none() {
            continue;
        }
        match (t.columns.get(&col), t.years.get(&col)) {
            (Some(f), _) if f.is_numeric_input() => inputs.push((col, *f)),
            (Some(_), _) => {}
            (None, Some(y)) => earlier.push((col, *y)),
            (None, None) => unmapped.push(col),
        }
    }
    // Reported like this year's cells when the row is not read (unknown or repeated indicator).
    let not_read: Vec<(u32, Field)> = inputs
        .iter()
        .copied()
        .chain(earlier.iter().map(|(c, _)| (*c, Field::Value)))
        .collect();
    let Some(ind) = indicator else {
        // Not an indicator row. Report it when it looks like one: a code-shaped first cell or
        // anything typed into the input columns.
        if not_read.is_empty() && !looks_like_code(&code_text) {
            return None;
        }
        let what = if !code_text.is_empty() {
            &code_text
        } else {
            &name_text
        };
        let (anchor_col, anchor_raw) = match code_col.filter(|_| !code_text.is_empty()) {
            Some(c) => (c, code_text.clone()),
            None => (name_col.unwrap_or(0), name_text.clone()),
        };
        cx.at_said(
            Code::UnknownIndicator,
            (&sheet.name, row, anchor_col),
            Some(anchor_raw),
            DiagText::UnknownIndicatorRow,
            DiagText::HintKeepCodes,
            &[("what", &what)],
        );
        for (col, _) in &not_read {
            let raw = raw_at(sheet, row, *col);
            cx.at_said(
                Code::UnknownIndicator,
                (&sheet.name, row, *col),
                Some(raw.clone()),
                DiagText::UnknownIndicatorValue,
                DiagText::HintRightRow,
                &[("what", &what), ("raw", &raw)],
            );
        }
        report.cells_nonempty += not_read.len();
        return None;
    };
    cx.about = Some(ind.code.clone());
    report.cells_nonempty += not_read.len() + unmapped.len();
    for col in &unmapped {
        let raw = raw_at(sheet, row, *col);
        cx.at_said(
            Code::UnmappedCell,
            (&sheet.name, row, *col),
            Some(raw),
            DiagText::UnmappedCellRow,
            DiagText::HintUnmapped,
            &[("code", &ind.code)],
        );
    }
    if let Some(first) = seen.get(&ind.code) {
        for (col, _) in &not_read {
            let raw = raw_at(sheet, row, *col);
            let first = (first + 1).to_string();
            let args = |l| {
                [
                    ("code", ind.code.as_str()),
                    ("name", ind.name_in(l)),
                    ("first", &first),
                ]
            };
            cx.at_said_each(
                Code::DuplicateRow,
                (&sheet.name, row, *col),
                Some(raw),
                (DiagText::DuplicateRowValue, DiagText::HintDuplicateRow),
                &args(Lang::Zh),
                &args(Lang::En),
            );
        }
        if not_read.is_empty() {
            cx.at_said(
                Code::DuplicateRow,
                (&sheet.name, row, code_col.or(name_col).unwrap_or(0)),
                Some(if code_text.is_empty() {
                    name_text.clone()
                } else {
                    code_text.clone()
                }),
                DiagText::DuplicateRowAgain,
                DiagText::HintDeleteRepeat,
                &[("code", &ind.code), ("first", &(first + 1).to_string())],
            );
        }
        return None;
    }
    seen.insert(ind.code.clone(), row);

    let text_of = |f: Field| {
        t.column_of(f)
            .map(|c| sheet.text(row, c))
            .filter(|s| !s.is_empty())
    };
    let last_year = t
        .column_of(Field::LastYear)
        .and_then(|c| sheet.get(row, c))
        .and_then(|c| match c.data {
            Data::Int(i) => Some(i as f64),
            Data::Float(f) => Some(f),
            _ => None,
        });
    let vcx = value::ValueContext {
        unit: ind.unit,
        expected_magnitude: last_year.or(ind.target.value),
    };
    let mut parsed = ParsedRow {
        indicator: ind.clone(),
        sheet: sheet.name.clone(),
        row,
        code_col: code_col.or(name_col).unwrap_or(0),
        last_year,
        cells: BTreeMap::new(),
        source: None,
        remarks: None,
    };
    parsed.cells = read_cells(cx, sheet, row, ind, inputs, vcx);
    parsed.source = text_of(Field::Source);
    parsed.remarks = text_of(Field::Remarks);
    accept_earlier_years(cx, sheet, row, ind, &earlier, vcx, &parsed, report);
    Some(parsed)
}

/// A row's numeric input cells, each read as a number with its notes said at the cell.
fn read_cells(
    cx: &mut FileCx,
    sheet: &SheetGrid,
    row: u32,
    ind: &Indicator,
    mut inputs: Vec<(u32, Field)>,
    vcx: value::ValueContext,
) -> BTreeMap<Field, ParsedCell> {
    let mut cells = BTreeMap::new();
    // The total first: its value is what a breakdown cell typed as a fraction (0.952 for 95.2%)
    // is recognised against when neither last year nor the target gives a magnitude.
    inputs.sort_by_key(|(_, f)| *f != Field::Value);
    let mut row_total = None;
    for (col, field) in inputs {
        let Some(cell) = sheet.get(row, col) else {
            continue;
        };
        let cx_for_field = match field {
            // Numerators and denominators are counts of people or cases, whatever the rate's unit.
            Field::Numerator | Field::Denominator => value::ValueContext {
                unit: crate::catalog::MeasureUnit::Persons,
                expected_magnitude: None,
            },
            Field::Value => vcx,
            _ => value::ValueContext {
                expected_magnitude: vcx.expected_magnitude.or(row_total),
                ..vcx
            },
        };
        let reading = value::read_number(&cell.data, cell.formula.as_deref(), &cx_for_field);
        let place = ("field", field.header(), field.header_en());
        for n in &reading.notes {
            say_note(
                cx,
                n,
                (&sheet.name, row, col),
                &reading.raw,
                ind,
                DiagText::NoteInField,
                place,
            );
        }
        let number = match reading.outcome {
            value::Outcome::Number(v) => Some(v),
            _ => None,
        };
        if field == Field::Value {
            row_total = number;
        }
        cells.insert(
            field,
            ParsedCell {
                col,
                raw: reading.raw,
                value: number,
                not_reported: matches!(reading.outcome, value::Outcome::NotReported),
                rules: reading.rules,
            },
        );
    }
    cells
}

/// Earlier years' totals of a row, each accepted into its own year when it reads as a number without
/// an error.
#[allow(clippy::too_many_arguments)]
fn accept_earlier_years(
    cx: &mut FileCx,
    sheet: &SheetGrid,
    row: u32,
    ind: &Indicator,
    earlier: &[(u32, i32)],
    vcx: value::ValueContext,
    parsed: &ParsedRow,
    report: &mut FileReport,
) {
    // Earlier years' totals, each into its own year (what the department reported for it, as
    // `ingest` of that year would take it; the store's revisions say which came later).
    for &(col, y) in earlier {
        let Some(cell) = sheet.get(row, col) else {
            continue;
        };
        let reading = value::read_number(&cell.data, cell.formula.as_deref(), &vcx);
        let year = y.to_string();
        for n in &reading.notes {
            let place = ("year", year.as_str(), year.as_str());
            say_note(
                cx,
                n,
                (&sheet.name, row, col),
                &reading.raw,
                ind,
                DiagText::NoteInYear,
                place,
            );
        }
        if let value::Outcome::Number(v) = reading.outcome {
            if !reading
                .notes
                .iter()
                .any(|n| n.severity() == crate::Severity::Error)
            {
                report.accepted.push(AcceptedValue {
                    indicator: ind.code.clone(),
                    year: Some(y),
                    sex: "total",
                    area: "total",
                    field: "value",
                    value: v,
                    sheet: sheet.name.clone(),
                    cell: cell_name(row, col),
                    raw: reading.raw.clone(),
                    rules: reading.rules.clone(),
                    source: parsed.source.clone(),
                    remarks: parsed.remarks.clone(),
                });
            }
        }
    }
}

/// A value note said at its cell in both languages, prefixed by the indicator's name and where in the
/// row the cell is (`place`: the placeholder and its Chinese and English value).
fn say_note(
    cx: &mut FileCx,
    n: &value::Note,
    at: (&str, u32, u32),
    raw: &str,
    ind: &Indicator,
    message: DiagText,
    (key, zh, en): (&str, &str, &str),
) {
    let (note_en, hint_en) = n.en.clone().unwrap_or_default();
    cx.at_said_each(
        n.code,
        at,
        Some(raw.to_string()),
        (message, DiagText::Verbatim),
        &[
            ("name", &ind.name),
            (key, zh),
            ("note", &n.message),
            ("text", &n.hint),
        ],
        &[
            ("name", ind.name_in(Lang::En)),
            (key, en),
            ("note", &note_en),
            ("text", &hint_en),
        ],
    );
}

pub(super) fn read_assessments(
    cx: &mut FileCx,
    sheet: &SheetGrid,
    t: &Table<QualField>,
    cat: &Catalog,
    report: &mut FileReport,
) {
    let Some(code_col) = t.column_of(QualField::Code) else {
        return;
    };
    let Some(assess_col) = t.column_of(QualField::Assessment) else {
        return;
    };
    let text = |row: u32, f: QualField| {
        t.column_of(f)
            .map(|c| sheet.text(row, c))
            .unwrap_or_default()
    };
    for row in sheet.rows().into_iter().filter(|r| *r > t.header_row) {
        let Some(cell) = sheet.get(row, assess_col) else {
            continue;
        };
        if value::is_blank(&cell.data) {
            continue;
        }
        report.cells_nonempty += 1;
        let raw = value::raw_text(&cell.data);
        let code = sheet.text(row, code_col);
        let objective = cat
            .objectives()
            .find(|(_, o)| o.code == code && o.kind == ObjectiveKind::Qualitative);
        if objective.is_none() {
            cx.at_said(
                Code::UnknownIndicator,
                (&sheet.name, row, assess_col),
                Some(raw),
                DiagText::UnknownObjective,
                DiagText::HintKeepObjectiveCodes,
                &[("code", &code)],
            );
            continue;
        }
        let answer = raw.trim().to_string();
        if !SELF_ASSESSMENT_OPTIONS.contains(&answer.as_str()) {
            let zh_options = SELF_ASSESSMENT_OPTIONS.join("、");
            let en_options = SELF_ASSESSMENT_OPTIONS.join(", ");
            cx.at_said_each(
                Code::BadSelfAssessment,
                (&sheet.name, row, assess_col),
                Some(raw),
                (DiagText::BadSelfAssessment, DiagText::HintPickOption),
                &[
                    ("code", &code),
                    ("answer", &answer),
                    ("options", &zh_options),
                ],
                &[
                    ("code", &code),
                    ("answer", &answer),
                    ("options", &en_options),
                ],
            );
            continue;
        }
        report.assessments.push(SelfAssessment {
            objective: code,
            assessment: answer,
            measures: text(row, QualField::Measures),
            problems: text(row, QualField::Problems),
            evidence: text(row, QualField::Evidence),
            sheet: sheet.name.clone(),
            cell: cell_name(row, assess_col),
        });
    }
}
