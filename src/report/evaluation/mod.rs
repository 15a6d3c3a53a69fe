//! The evaluation workbook (e.g. `中期评估-2023.xlsx`) the evaluation group reviews and the committee
//! reads: 总览 (per domain the counts by status and the attainment rate as a traffic light, a chart of
//! statuses per domain, the overall rate and the number of warnings), 指标明细 (one row per indicator),
//! 预警清单 (every warning, most severe first), 定性目标 (self-assessments with the review columns the
//! group fills in and the next `evaluate` reads back — see `review`), 数据质量 (returns per unit and
//! year, uncorrected errors with file!sheet!cell) and 趋势图 (a line chart per quantitative indicator
//! with its target as a line; the numbers sit on a hidden sheet).
//!
//! Layout facts that `review` relies on: the 定性目标 sheet has its header in row 2 (0-based row 1) with
//! the objective code and the four review columns; `review` finds them by header text, in either
//! language.
//!
//! One file per sheet: `overview`, `behind`, `indicators`, `warnings`, `qualitative`, `data_quality`,
//! `trends` (with its hidden data sheet); 汇总说明 is `report::rollup_sheet`.

use super::facts::{Facts, Severity};
use super::messages::{
    self, answer_label, domain_name, fill, indicator_name, stage_file_part, stage_label,
    status_label, target_text, unit_name, unit_symbol, Lang, Msg, ANSWERS_EN,
};
use super::sheet::{
    name_widths, page, rate_formats, status_colors, status_formats, Grid, Styles, AMBER, RED,
};
use super::watch::Concern;
use crate::catalog::{ObjectiveKind, TargetKind};
use crate::limits::{fit_note, write_text, TextHome};
use crate::score::{Stage, Status};
use crate::style::FONT;
use crate::template::layout::SELF_ASSESSMENT_OPTIONS;
use rust_xlsxwriter::{
    Chart, ChartEmptyCells, ChartFont, ChartFormat, ChartLegendPosition, ChartLine,
    ChartLineDashType, ChartMarker, ChartMarkerType, ChartSolidFill, ChartType, Color,
    ConditionalFormatCell, ConditionalFormatCellRule, DataValidation, DataValidationErrorStyle,
    DocProperties, Format, Note, Worksheet, XlsxError,
};

mod behind;
mod data_quality;
mod indicators;
mod overview;
mod qualitative;
#[cfg(test)]
mod tests;
mod trends;
mod warnings;

use behind::objectives_behind;
use data_quality::data_quality;
pub use data_quality::location;
use indicators::indicators;
use overview::overview;
use qualitative::qualitative;
pub use qualitative::{review_date_text, QUALITATIVE_COLUMNS};
use trends::{chart_data, chart_data_sheet, trends};
use warnings::warnings;

/// Header row (0-based) of the table sheets.
pub const HEADER_ROW: u32 = 1;

/// The file name of the evaluation workbook: `中期评估-2023.xlsx`, `midterm-evaluation-2023.xlsx`.
pub fn file_name(stage: Stage, year: i32, lang: Lang) -> String {
    fill(
        Msg::FileEvaluation.text(lang),
        &[
            ("stage", stage_file_part(stage, lang)),
            ("year", &year.to_string()),
        ],
    )
}

/// The title of the evaluation, as the workbook and report.md print it.
pub fn title(f: &Facts) -> String {
    fill(
        Msg::TitleEvaluation.text(f.lang),
        &[
            ("plan", plan_name(f)),
            ("stage", stage_label(f.ev.stage, f.lang)),
            ("year", &f.ev.year.to_string()),
        ],
    )
}

pub fn plan_name<'a>(f: &Facts<'a>) -> &'a str {
    match f.lang {
        Lang::En if !f.cat.plan.name_en.is_empty() => &f.cat.plan.name_en,
        _ => &f.cat.plan.name,
    }
}

/// Document properties shared by every workbook of a run: plan, stage, year, generated at, version.
pub fn properties(f: &Facts, title: &str) -> DocProperties {
    DocProperties::new()
        .set_title(title)
        .set_subject(f.cat.plan.name.as_str())
        .set_author("planeval")
        .set_company(f.cat.plan.evaluation_lead.clone().unwrap_or_default())
        .set_keywords(format!(
            "{}, {}, {}",
            f.cat.plan.id,
            f.ev.stage.key(),
            f.ev.year
        ))
        .set_comment(fill(
            Msg::GeneratedBy.text(f.lang),
            &[
                ("version", &f.run.tool_version),
                ("at", &f.run.generated_at),
            ],
        ))
        .set_custom_property("plan", f.cat.plan.id.as_str())
        .set_custom_property("plan_name", f.cat.plan.name.as_str())
        .set_custom_property("stage", f.ev.stage.key())
        .set_custom_property("year", f.ev.year)
        .set_custom_property("generated_at", f.run.generated_at.as_str())
        .set_custom_property("tool_version", f.run.tool_version.as_str())
        .set_custom_property("lang", f.lang.key())
}

/// Builds the evaluation workbook.
pub fn build(f: &Facts) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let title = title(f);
    let mut wb = crate::style::new_workbook();
    wb.set_properties(&properties(f, &title));

    overview(wb.add_worksheet(), f, &st, &title)?;
    objectives_behind(wb.add_worksheet(), f, &st, &title)?;
    indicators(wb.add_worksheet(), f, &st, &title)?;
    warnings(wb.add_worksheet(), f, &st, &title)?;
    qualitative(wb.add_worksheet(), f, &st, &title)?;
    data_quality(wb.add_worksheet(), f, &st, &title)?;
    if super::rollup_sheet::wanted(f) {
        super::rollup_sheet::write(wb.add_worksheet(), f, &st, &title)?;
    }
    let charted = chart_data(f);
    trends(wb.add_worksheet(), f, &st, &title, &charted)?;
    chart_data_sheet(wb.add_worksheet(), f, &charted)?;
    wb.save_to_buffer()
}

fn chart_font(size: f64, bold: bool) -> ChartFont {
    let mut font = ChartFont::new();
    font.set_name(FONT).set_size(size);
    if bold {
        font.set_bold();
    }
    font
}
