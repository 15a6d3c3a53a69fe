//! The feedback workbook a department gets back from `check --out`: its own data sheet with every
//! flagged cell coloured (red error, amber warning) and a note holding the message and hint, and a sheet
//! listing every issue with its location and how to fix it. Everything planeval writes in it is in the
//! run's language (`report::messages`, the diagnostics' own English); the department's sheet keeps its
//! own text.
//!
//! The department's sheet is rebuilt from the values intake read (formulas as their results). Text is
//! always written as text, so a cell someone typed as `=HYPERLINK(…)` or `+86…` can never become a
//! formula in the workbook we send back; text longer than a cell holds is cut with a marker and a
//! note pointing at their own file (`limits`), and a sheet name Excel would refuse is made valid.

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::intake::read::{parse_cell_name, SheetGrid};
use crate::intake::{value, Intake};
use crate::limits::{self, clip, fit_cell, fit_note, write_text, TextHome, PROPERTY_MAX};
use crate::report::messages::{fill, Lang, Msg};
use crate::report::sheet::{lines_needed, row_height};
use crate::style::display_width;
use crate::template::layout::Field;
use crate::template::writer::{COLOUR_BORDER, COLOUR_HEADER, COLOUR_INPUT, COLOUR_LOCKED};
use calamine::Data;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Note, Worksheet, XlsxError};
use std::collections::BTreeMap;

/// Excel's grid: 1,048,576 rows, 16,384 columns (XFD).
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u32 = 16_384;

const RED_FILL: u32 = 0xFFC7CE;
const RED_TEXT: u32 = 0x9C0006;
const AMBER_FILL: u32 = 0xFFEB9C;
const AMBER_TEXT: u32 = 0x9C5700;

fn base() -> Format {
    crate::style::base_format()
}

/// The feedback workbook of one return, in `lang` (the department's own sheet keeps its own text).
pub fn build_feedback(cat: &Catalog, intake: &Intake, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let report = &intake.report;
    let mut wb = crate::style::new_workbook();
    let title = fill(
        Msg::CheckFeedbackTitle.text(lang),
        &[("file", &report.path)],
    );
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(clip(&title, PROPERTY_MAX))
            .set_subject(cat.plan.name.as_str())
            .set_author("planeval"),
    );

    let mut issues = report.diagnostics.clone();
    issues.sort_by_key(|d| match d.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    });
    issue_sheet(wb.add_worksheet(), report, &issues, lang)?;
    if let Some(grid) = &intake.data_sheet {
        let ws = wb.add_worksheet();
        data_sheet(ws, grid, &report.diagnostics, lang)?;
    }
    wb.save_to_buffer()
}

fn issue_sheet(
    ws: &mut Worksheet,
    report: &crate::intake::FileReport,
    issues: &[Diagnostic],
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_name(Msg::SheetCheckIssues.text(lang))?;
    let title = base().set_bold().set_font_size(14);
    let header = base()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let cell = base()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let err = cell
        .clone()
        .set_background_color(Color::RGB(RED_FILL))
        .set_font_color(Color::RGB(RED_TEXT));
    let warn = cell
        .clone()
        .set_background_color(Color::RGB(AMBER_FILL))
        .set_font_color(Color::RGB(AMBER_TEXT));

    let heading = fill(
        Msg::CheckFeedbackTitle.text(lang),
        &[("file", &report.path)],
    );
    write_text(ws, 0, 0, &heading, &title, lang, TextHome::Input)?;
    let errors = report.errors();
    let warnings = report.warnings();
    let count = |m: Msg, n: usize| fill(m.text(lang), &[("n", &n.to_string())]);
    let mut facts = vec![count(Msg::CheckFeedbackAccepted, report.accepted.len())];
    if !report.assessments.is_empty() {
        facts.push(count(
            Msg::CheckFeedbackAssessments,
            report.assessments.len(),
        ));
    }
    facts.push(count(Msg::CheckFeedbackErrors, errors));
    facts.push(count(Msg::CheckFeedbackWarnings, warnings));
    ws.write_string_with_format(1, 0, facts.join(Msg::CheckFeedbackSep.text(lang)), &base())?;
    let next = if errors > 0 {
        Msg::CheckFeedbackNextErrors
    } else if warnings > 0 {
        Msg::CheckFeedbackNextWarnings
    } else {
        Msg::CheckFeedbackPassed
    };
    ws.write_string_with_format(2, 0, next.text(lang), &base())?;

    let headers = [
        Msg::CheckColNo,
        Msg::CheckColSeverity,
        Msg::CheckColCode,
        Msg::CheckColLocation,
        Msg::CheckColRaw,
        Msg::CheckColMessage,
        Msg::CheckColHint,
    ]
    .map(|m| m.text(lang));
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(4, c as u16, *h, &header)?;
    }
    let mut rows: Vec<[String; 7]> = Vec::with_capacity(issues.len());
    for (i, d) in issues.iter().enumerate() {
        let row = 5 + i as u32;
        let fmt = match d.severity {
            Severity::Error => &err,
            Severity::Warning => &warn,
            Severity::Info => &cell,
        };
        let (message, hint) = said(d, lang);
        let values = [
            (i + 1).to_string(),
            d.severity.label(lang).to_string(),
            // The code with its summary in the workbook's language (the kebab name is for JSON).
            format!("{} {}", d.code.id(), d.code.summary(lang)),
            d.location.to_string(),
            d.raw.clone().unwrap_or_default(),
            message,
            hint,
        ];
        for (c, v) in values.iter().enumerate() {
            // As text: a raw text starting with '=' stays text; cut if longer than a cell holds.
            write_text(ws, row, c as u16, v, fmt, lang, TextHome::Input)?;
            widths[c] = widths[c].max(display_width(v));
        }
        rows.push(values);
    }
    if issues.is_empty() {
        ws.write_string_with_format(5, 0, Msg::CheckFeedbackNone.text(lang), &cell)?;
    }
    let widths: Vec<f64> = widths
        .iter()
        .enumerate()
        .map(|(c, w)| {
            let cap = if c >= 5 { 60 } else { 48 };
            (*w).clamp(6, cap) as f64 + 2.0
        })
        .collect();
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    // Excel grows a wrapped row when it opens the file; LibreOffice and WPS keep the default height
    // and cut the text. So every row gets the height its longest wrapped cell needs.
    for (i, values) in rows.iter().enumerate() {
        let lines = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| lines_needed(v, *w))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(5 + i as u32, row_height(lines))?;
        }
    }
    ws.set_freeze_panes(5, 0)?;
    if !issues.is_empty() {
        ws.autofilter(4, 0, 4 + issues.len() as u32, headers.len() as u16 - 1)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(4, 4)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer(Msg::FooterPages.text(lang));
    Ok(())
}

/// The table's header row: the first row with at least three cells that read as template headers.
fn header_row_of(grid: &SheetGrid) -> Option<u32> {
    grid.rows().into_iter().find(|r| {
        grid.row_cells(*r)
            .filter(|(_, c)| Field::from_header(&value::raw_text(&c.data)).is_some())
            .count()
            >= 3
    })
}

fn data_sheet(
    ws: &mut Worksheet,
    grid: &SheetGrid,
    diags: &[Diagnostic],
    lang: Lang,
) -> Result<(), XlsxError> {
    // The name of their own sheet, made valid for Excel, unless it clashes with ours.
    let name = limits::sheet_name(&grid.name, &[Msg::SheetCheckIssues.text(lang)])
        .unwrap_or_else(|| Msg::SheetCheckOwn.text(lang).into());
    ws.set_name(&name)?;
    let mut flagged: BTreeMap<(u32, u32), (Severity, Vec<String>)> = BTreeMap::new();
    for d in diags {
        let Location::Cell { sheet, cell, .. } = &d.location else {
            continue;
        };
        if sheet != &grid.name || d.severity == Severity::Info {
            continue;
        }
        let Some(pos) = parse_cell_name(cell) else {
            continue;
        };
        let e = flagged.entry(pos).or_insert((d.severity, Vec::new()));
        e.0 = e.0.min(d.severity);
        let (message, hint) = said(d, lang);
        e.1.push(fill(
            Msg::CheckCellNote.text(lang),
            &[
                ("code", d.code.id()),
                ("message", &message),
                ("hint", &hint),
            ],
        ));
    }
    // Their sheet as the template laid it out: the header row styled and tall enough for its two-line
    // labels, input columns light yellow, other table cells light grey, each with a border; the
    // problem cells red or amber over that. (Other programs than Excel show only what is written.)
    let header_row = header_row_of(grid);
    let input_cols: Vec<u32> = header_row
        .map(|h| {
            grid.row_cells(h)
                .filter(|(_, c)| {
                    Field::from_header(&value::raw_text(&c.data)).is_some_and(Field::is_input)
                })
                .map(|(col, _)| col)
                .collect()
        })
        .unwrap_or_default();
    let bordered = |fill: u32| {
        base()
            .set_background_color(Color::RGB(fill))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(COLOUR_BORDER))
            .set_align(FormatAlign::VerticalCenter)
    };
    let plain = base();
    let title = base().set_bold();
    let header = bordered(COLOUR_HEADER)
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let input = bordered(COLOUR_INPUT);
    let locked = bordered(COLOUR_LOCKED);
    let err = bordered(RED_FILL)
        .set_font_color(Color::RGB(RED_TEXT))
        .set_bold();
    let warn = bordered(AMBER_FILL).set_font_color(Color::RGB(AMBER_TEXT));
    let mut widths: BTreeMap<u32, usize> = BTreeMap::new();
    let mut header_lines = 1;
    let mut positions: Vec<(u32, u32)> = grid.cells.keys().copied().collect();
    positions.extend(flagged.keys().copied());
    positions.sort();
    positions.dedup();
    for (row, col) in positions {
        // A hand-made file may hold cells beyond Excel's grid (XFD1048576), which no workbook can
        // show; their problems are on 问题清单 all the same.
        let Ok(c16) = u16::try_from(col) else {
            continue;
        };
        if row >= EXCEL_ROWS || col >= EXCEL_COLUMNS {
            continue;
        }
        let fmt = match (flagged.get(&(row, col)).map(|f| f.0), header_row) {
            (Some(Severity::Error), _) => &err,
            (Some(Severity::Warning), _) => &warn,
            (_, Some(h)) if row == h => &header,
            (_, Some(h)) if row < h => &title,
            (_, Some(_)) if input_cols.contains(&col) => &input,
            (_, Some(_)) => &locked,
            (_, None) => &plain,
        };
        let mut cut_note = None;
        let text = match grid.get(row, col).map(|c| &c.data) {
            Some(Data::Int(i)) => {
                ws.write_number_with_format(row, c16, *i as f64, fmt)?;
                i.to_string()
            }
            Some(Data::Float(f)) => {
                ws.write_number_with_format(row, c16, *f, fmt)?;
                value::raw_text(&Data::Float(*f))
            }
            Some(data) => {
                let t = value::raw_text(data);
                let fitted = fit_cell(&t, lang, TextHome::Input);
                ws.write_string_with_format(row, c16, fitted.text.as_ref(), fmt)?;
                cut_note = fitted.note;
                t
            }
            None => {
                ws.write_blank(row, c16, fmt)?;
                String::new()
            }
        };
        // Titles run across the columns; they do not set a column's width.
        if header_row.is_none_or(|h| row >= h) {
            let w = widths.entry(col).or_default();
            *w = (*w).max(display_width(&text));
        }
        if Some(row) == header_row {
            header_lines = header_lines.max(text.lines().count());
        }
        let messages = flagged.get(&(row, col)).map(|(_, m)| m.join("\n\n"));
        match (messages, cut_note) {
            (Some(messages), cut) => {
                // The cut, if any, is said after the problems: the note is for what to fix.
                let text = match cut {
                    Some(cut) => format!("{messages}\n\n{cut}"),
                    None => messages,
                };
                let note = Note::new(fit_note(&text))
                    .set_author("planeval")
                    .set_width(360)
                    .set_height(140);
                ws.insert_note(row, c16, &note)?;
            }
            (None, Some(cut)) => {
                ws.insert_note(row, c16, &limits::cut_note(&cut))?;
            }
            (None, None) => {}
        }
    }
    if let Some(h) = header_row.filter(|h| h + 1 < EXCEL_ROWS) {
        ws.set_row_height(h, row_height(header_lines))?;
        ws.set_freeze_panes(h + 1, 0)?;
        // The empty input cells of each table row, yellow as in the template, so the department sees
        // where values go (the grid holds only cells that have something).
        // (Indicator rows have several cells; a section title like 一、本单位牵头的指标 has one.)
        for row in grid
            .rows()
            .into_iter()
            .filter(|r| *r > h && *r < EXCEL_ROWS && grid.row_cells(*r).count() >= 2)
        {
            for &col in input_cols.iter().filter(|c| **c < EXCEL_COLUMNS) {
                if grid.get(row, col).is_none() && !flagged.contains_key(&(row, col)) {
                    if let Ok(c16) = u16::try_from(col) {
                        ws.write_blank(row, c16, &input)?;
                    }
                }
            }
        }
    }
    for (col, w) in widths {
        if let Ok(c16) = u16::try_from(col) {
            ws.set_column_width(c16, (w.clamp(4, 40) + 2) as f64)?;
        }
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer(Msg::FooterPages.text(lang));
    Ok(())
}

/// A diagnostic's message and hint in `lang`. A text without English (none is made today) shows as
/// its code's English summary, the Chinese as the detail, as on the terminal.
fn said(d: &Diagnostic, lang: Lang) -> (String, String) {
    match d.text_in(lang) {
        Some((message, hint)) => (message.to_string(), hint.to_string()),
        None => (
            format!("{} ({})", d.code.summary_en(), d.message),
            d.hint.clone(),
        ),
    }
}
