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

// ── 总览 ──────────────────────────────────────────────────────────────────────────────────────────

fn overview(ws: &mut Worksheet, f: &Facts, st: &Styles, title: &str) -> Result<(), XlsxError> {
    let lang = f.lang;
    ws.set_name(Msg::SheetOverview.text(lang))?;
    let ev = f.ev;
    let statuses: Vec<Status> = ev.stage.statuses().to_vec();
    let mut g = Grid::with_lang(ws, lang);
    g.title(0, 0, title, &st.title)?;
    g.ws.write_string_with_format(
        1,
        0,
        fill(
            Msg::GeneratedBy.text(lang),
            &[
                ("version", &f.run.tool_version),
                ("at", &f.run.generated_at),
            ],
        ),
        &st.subtitle,
    )?;

    // Key figures.
    let figures: [(Msg, String); 6] = [
        (Msg::OverallRate, Facts::rate_text(ev.attainment_rate)),
        (Msg::Monitorable, ev.monitorable.to_string()),
        (Msg::Attained, ev.attained.to_string()),
        (Msg::WarningsTotal, f.warning_total().to_string()),
        (Msg::ObjectivesTotal, ev.objectives.len().to_string()),
        (Msg::OutstandingErrors, f.outstanding.len().to_string()),
    ];
    let big = st.center.clone().set_bold().set_font_size(14);
    for (i, (label, value)) in figures.iter().enumerate() {
        let c = i as u16;
        // Headers wrap: they do not widen the columns (see the widths below).
        g.ws.write_string_with_format(3, c, label.text(lang), &st.header)?;
        if i == 0 {
            match ev.attainment_rate {
                Some(r) => g.number(4, c, r, value, &big.clone().set_num_format("0.0%"))?,
                None => g.text(4, c, value, &big)?,
            }
        } else {
            let n: f64 = value.parse().unwrap_or_default();
            g.number(4, c, n, value, &big)?;
        }
    }
    rate_formats(g.ws, 4, 4, 0)?;
    // Warnings and uncorrected errors: amber and red when there are any.
    for (col, (fill_c, font)) in [(3u16, AMBER), (5u16, RED)] {
        let cf = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::GreaterThan(0))
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(fill_c))
                    .set_font_color(Color::RGB(font)),
            );
        g.ws.add_conditional_format(4, col, 4, col, &cf)?;
    }
    g.ws.set_row_height(4, 24)?;

    // Per domain: counts by status, attainment rate, warnings.
    let head = 6u32;
    let mut header: Vec<String> = vec![
        Msg::ColDomain.text(lang).into(),
        Msg::ColIndicatorCount.text(lang).into(),
    ];
    header.extend(statuses.iter().map(|s| status_label(*s, lang).to_string()));
    header.push(Msg::ColRate.text(lang).into());
    header.push(Msg::ColWarnings.text(lang).into());
    for (c, h) in header.iter().enumerate() {
        let fmt = match statuses.get(c.wrapping_sub(2)) {
            Some(s) if c >= 2 => {
                let (fill_c, font, _) = status_colors(*s);
                st.header
                    .clone()
                    .set_background_color(Color::RGB(fill_c))
                    .set_font_color(Color::RGB(font))
            }
            _ => st.header.clone(),
        };
        if c == 0 {
            g.text(head, 0, h, &fmt)?;
        } else {
            g.ws.write_string_with_format(head, c as u16, h, &fmt)?;
        }
    }
    let rate_col = 2 + statuses.len() as u16;
    let mut row = head + 1;
    for d in &ev.domains {
        let warnings: usize = d.warning_counts_total();
        g.text(row, 0, &domain_name(f.cat, &d.code, lang), &st.text)?;
        g.number(
            row,
            1,
            d.counts.total() as f64,
            &d.counts.total().to_string(),
            &st.center,
        )?;
        for (i, s) in statuses.iter().enumerate() {
            let n = d.counts.get(*s);
            g.number(row, 2 + i as u16, n as f64, &n.to_string(), &st.center)?;
        }
        match d.attainment_rate {
            Some(r) => g.number(row, rate_col, r, "100.0%", &st.percent)?,
            None => g.text(row, rate_col, "—", &st.center)?,
        }
        g.number(
            row,
            rate_col + 1,
            warnings as f64,
            &warnings.to_string(),
            &st.center,
        )?;
        row += 1;
    }
    let last_domain_row = row - 1;
    // Totals.
    let bold_center = st.center.clone().set_bold();
    g.text(row, 0, Msg::Total.text(lang), &st.bold)?;
    g.number(
        row,
        1,
        ev.counts.total() as f64,
        &ev.counts.total().to_string(),
        &bold_center,
    )?;
    for (i, s) in statuses.iter().enumerate() {
        let n = ev.counts.get(*s);
        g.number(row, 2 + i as u16, n as f64, &n.to_string(), &bold_center)?;
    }
    match ev.attainment_rate {
        Some(r) => g.number(row, rate_col, r, "100.0%", &st.percent.clone().set_bold())?,
        None => g.text(row, rate_col, "—", &bold_center)?,
    }
    let total_warnings: usize = ev.domains.iter().map(|d| d.warning_counts_total()).sum();
    g.number(
        row,
        rate_col + 1,
        total_warnings as f64,
        &total_warnings.to_string(),
        &bold_center,
    )?;
    let total_row = row;

    // Traffic lights: non-zero counts in their status colour, rates green/amber/red.
    for (i, s) in statuses.iter().enumerate() {
        let (fill_c, font, _) = status_colors(*s);
        let cf = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::GreaterThan(0))
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(fill_c))
                    .set_font_color(Color::RGB(font)),
            );
        let c = 2 + i as u16;
        g.ws.add_conditional_format(head + 1, c, total_row, c, &cf)?;
    }
    rate_formats(g.ws, head + 1, total_row, rate_col)?;

    // Notes.
    let attained_def = match ev.stage {
        Stage::Final if ev.config.count_basically_achieved => Msg::AttainedFinalWithBasic,
        Stage::Final => Msg::AttainedFinal,
        _ => Msg::AttainedProgress,
    };
    let note_row = total_row + 2;
    let objectives: Vec<String> = ev
        .objective_counts
        .nonzero()
        .map(|(s, n)| format!("{} {n}", status_label(s, lang)))
        .collect();
    g.ws.write_string_with_format(
        total_row + 1,
        0,
        fill(
            Msg::ObjectivesLine.text(lang),
            &[
                ("n", &ev.objectives.len().to_string()),
                ("tally", &objectives.join(lang.pick("、", ", "))),
            ],
        ),
        &st.plain.clone().set_bold(),
    )?;
    g.ws.write_string_with_format(
        note_row,
        0,
        fill(
            Msg::RateNote.text(lang),
            &[("attained_def", attained_def.text(lang))],
        ),
        &st.subtitle,
    )?;
    g.ws.write_string_with_format(note_row + 1, 0, Msg::LightNote.text(lang), &st.subtitle)?;

    // Column A as wide as the longest domain name; the others one width, headers wrapped to fit.
    let width = if lang == Lang::En { 14.0 } else { 10.0 };
    let fixed: Vec<(u16, f64)> = (1..=rate_col + 1).map(|c| (c, width)).collect();
    // Column A as `finish` sets it: the widest domain name.
    let first_width = ev
        .domains
        .iter()
        .map(|d| crate::style::display_width(&domain_name(f.cat, &d.code, lang)))
        .max()
        .unwrap_or(10)
        .clamp(10, 44) as f64
        + 2.0;

    // Chart: statuses per domain, stacked.
    let sheet = Msg::SheetOverview.text(lang);
    let mut chart = Chart::new(ChartType::BarStacked);
    for (i, s) in statuses.iter().enumerate() {
        if *s == Status::NotScored && ev.counts.get(*s) == 0 {
            continue;
        }
        let c = 2 + i as u16;
        let (_, _, solid) = status_colors(*s);
        chart
            .add_series()
            .set_categories((sheet, head + 1, 0, last_domain_row, 0))
            .set_values((sheet, head + 1, c, last_domain_row, c))
            .set_name(status_label(*s, lang))
            .set_format(
                ChartFormat::new()
                    .set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(solid)))
                    .set_border(ChartLine::new().set_color(Color::White)),
            )
            .set_gap(60);
    }
    chart
        .title()
        .set_name(Msg::ChartStatusesTitle.text(lang))
        .set_font(&chart_font(12.0, true));
    // A bar chart's y axis holds the categories: reversed, the domains read top down in plan order.
    chart
        .y_axis()
        .set_reverse()
        .set_font(&chart_font(9.0, false));
    chart
        .x_axis()
        .set_font(&chart_font(9.0, false))
        .set_major_unit(2)
        .set_min(0);
    chart
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(&chart_font(9.0, false));
    // As wide as the table above (about 7 pixels a character cell).
    let table_cells = first_width + width * f64::from(rate_col + 1);
    chart
        .set_width((table_cells * 7.0).clamp(700.0, 1400.0) as u32)
        .set_height(330);
    g.ws.insert_chart(note_row + 3, 0, &chart)?;

    g.finish(10, 44, &fixed)?;
    let lines = |texts: &[&str]| {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| super::sheet::lines_needed(t, if i == 0 { first_width } else { width }))
            .max()
            .unwrap_or(1)
    };
    let figure_labels: Vec<&str> = figures.iter().map(|(m, _)| m.text(lang)).collect();
    g.ws.set_row_height(3, 15.0 * lines(&figure_labels) as f64 + 2.0)?;
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    g.ws.set_row_height(head, 15.0 * lines(&header_refs) as f64 + 2.0)?;
    page(g.ws, title, None, lang)?;
    g.ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// Warnings of a roll-up, all codes together.
trait WarningTotal {
    fn warning_counts_total(&self) -> usize;
}

impl WarningTotal for crate::score::Rollup {
    fn warning_counts_total(&self) -> usize {
        crate::score::WarningCode::ALL
            .iter()
            .map(|c| self.warning_counts.get(*c))
            .sum()
    }
}

// ── 指标明细 ──────────────────────────────────────────────────────────────────────────────────────

fn indicators(ws: &mut Worksheet, f: &Facts, st: &Styles, title: &str) -> Result<(), XlsxError> {
    let lang = f.lang;
    ws.set_name(Msg::SheetIndicators.text(lang))?;
    let ev = f.ev;
    let years = f.years();
    let by = f.cat.plan.baseline_year;
    let projecting = ev.year < ev.final_year;
    let mut header: Vec<String> = vec![
        Msg::ColDomain.text(lang).into(),
        Msg::ColObjective.text(lang).into(),
        Msg::ColIndicator.text(lang).into(),
        Msg::ColUnit.text(lang).into(),
        Msg::ColTarget.text(lang).into(),
        fill(Msg::ColBaseline.text(lang), &[("year", &by.to_string())]),
    ];
    header.extend(
        years
            .iter()
            .map(|y| fill(Msg::ColYear.text(lang), &[("year", &y.to_string())])),
    );
    header.push(Msg::ColLatest.text(lang).into());
    header.push(Msg::ColProgress.text(lang).into());
    if projecting {
        header.push(fill(
            Msg::ColProjected.text(lang),
            &[("year", &ev.final_year.to_string())],
        ));
    }
    let status_col = header.len() as u16;
    header.push(Msg::ColStatus.text(lang).into());
    header.push(Msg::ColWarningCodes.text(lang).into());
    let explanation_col = header.len() as u16;
    header.push(Msg::ColExplanation.text(lang).into());
    header.push(Msg::ColLeadUnit.text(lang).into());
    // The code last: for joins and lookups, not for reading.
    header.push(Msg::ColCode.text(lang).into());
    let warnings_col = status_col + 1;

    let mut g = Grid::with_lang(ws, lang);
    g.title(0, 0, title, &st.title)?;
    for (c, h) in header.iter().enumerate() {
        g.text(HEADER_ROW, c as u16, h, &st.header)?;
    }
    let ratio = st.number(2, false);
    let mut row = HEADER_ROW + 1;
    // By domain in plan order, then worst status first, then plan order: what is behind in a domain
    // is at the top of its block.
    let domain_order = |code: &str| f.cat.domains.iter().position(|d| d.code == code);
    let mut sorted: Vec<(usize, &crate::score::IndicatorResult)> =
        ev.indicators.iter().enumerate().collect();
    sorted.sort_by_key(|(i, r)| (domain_order(&r.domain), r.status.rank(), *i));
    for (_, r) in sorted {
        let Some(ind) = f.indicator_def(&r.code) else {
            continue;
        };
        let thousands = matches!(
            ind.unit,
            crate::catalog::MeasureUnit::Persons | crate::catalog::MeasureUnit::Count
        );
        let numf = st.number(ind.decimals, thousands);
        let series = f.judged_series(ind);
        let mut c = 0u16;
        let put_text = |g: &mut Grid, c: &mut u16, s: &str, fmt: &Format| {
            let r = g.text(row, *c, s, fmt);
            *c += 1;
            r
        };
        g.wrapped(row, c, &domain_name(f.cat, &r.domain, lang), &st.wrap)?;
        c += 1;
        put_text(&mut g, &mut c, &r.objective, &st.center)?;
        g.wrapped(row, c, &indicator_name(f.cat, &r.code, lang), &st.wrap)?;
        c += 1;
        put_text(
            &mut g,
            &mut c,
            &unit_symbol(f.cat, &r.code, lang),
            &st.center,
        )?;
        g.wrapped(row, c, &target_text(f.cat, &ind.target, lang), &st.wrap)?;
        c += 1;
        // A reported value with more decimals than the indicator declares is shown with them (the
        // verdict judged them); computed numbers (the projection) keep the indicator's decimals.
        let value = |g: &mut Grid, c: &mut u16, v: Option<f64>| {
            let r = match v {
                Some(v) => {
                    let shown = f.shown_decimals(&r.code, v);
                    let fmt = if shown == ind.decimals {
                        numf.clone()
                    } else {
                        st.number(shown, thousands)
                    };
                    g.number(row, *c, v, &f.num(&r.code, v), &fmt)
                }
                None => g.blank(row, *c, &st.text),
            };
            *c += 1;
            r
        };
        let computed = |g: &mut Grid, c: &mut u16, v: Option<f64>| {
            let r = match v {
                Some(v) => g.number(row, *c, v, &f.computed(&r.code, v), &numf),
                None => g.blank(row, *c, &st.text),
            };
            *c += 1;
            r
        };
        value(&mut g, &mut c, series.get(&by).copied())?;
        for y in &years {
            value(&mut g, &mut c, series.get(y).copied())?;
        }
        value(&mut g, &mut c, r.latest.map(|p| p.value))?;
        match r.progress_ratio {
            Some(p) => g.number(row, c, p, &format!("{p:.2}"), &ratio)?,
            None => g.blank(row, c, &st.text)?,
        }
        c += 1;
        if projecting {
            computed(&mut g, &mut c, r.projected)?;
        }
        debug_assert_eq!(c, status_col);
        g.wrapped(row, c, f.status(r.status), &st.center_wrap)?;
        if !r.warnings.is_empty() {
            let lines: Vec<String> = r
                .warnings
                .iter()
                .map(|w| {
                    format!(
                        "• {}{}{}",
                        messages::warning_label(w.code, lang),
                        lang.pick("：", ": "),
                        f.warning_message(w, Some(r))
                    )
                })
                .collect();
            let note = Note::new(fit_note(&format!(
                "{}\n{}",
                Msg::StatusNoteTitle.text(lang),
                lines.join("\n")
            )))
            .set_author("planeval")
            .set_width(420)
            .set_height(40 + 36 * lines.len() as u32)
            .add_author_prefix(false);
            g.ws.insert_note(row, c, &note)?;
        }
        c += 1;
        // The labels in the workbook's language; the codes are in summary.json and --json.
        let labels: Vec<&str> = r
            .warnings
            .iter()
            .map(|w| messages::warning_label(w.code, lang))
            .collect();
        g.wrapped(row, c, &labels.join(lang.pick("；", "; ")), &st.wrap)?;
        c += 1;
        g.wrapped(row, c, &f.explanation(r), &st.wrap)?;
        c += 1;
        g.wrapped(row, c, &unit_name(f.cat, &r.lead_unit, lang), &st.wrap)?;
        c += 1;
        g.text(row, c, &r.code, &st.text)?;
        row += 1;
    }
    let last = row.saturating_sub(1).max(HEADER_ROW + 1);
    status_formats(g.ws, HEADER_ROW + 1, last, status_col, ev.stage, lang)?;
    let labels: Vec<&str> = ev
        .stage
        .statuses()
        .iter()
        .map(|s| status_label(*s, lang))
        .collect();
    let dv = DataValidation::new()
        .allow_list_strings(&labels)?
        .set_error_style(DataValidationErrorStyle::Warning);
    g.ws.add_data_validation(HEADER_ROW + 1, status_col, last, status_col, &dv)?;
    let (domain_w, status_w, unit_w) = name_widths(lang);
    let target_w = if lang == Lang::En { 22.0 } else { 16.0 };
    g.finish(
        4,
        30,
        &[
            (0, domain_w),
            (2, 26.0),
            (4, target_w),
            (status_col, status_w),
            (warnings_col, 22.0),
            (explanation_col, 56.0),
            (explanation_col + 1, unit_w),
        ],
    )?;
    g.ws.set_row_height(HEADER_ROW, 30)?;
    g.ws.set_freeze_panes(HEADER_ROW + 1, 3)?;
    g.ws.autofilter(HEADER_ROW, 0, last, header.len() as u16 - 1)?;
    page(g.ws, title, Some((HEADER_ROW, HEADER_ROW)), lang)?;
    // The printed page leaves out the code column.
    g.ws.set_print_area(0, 0, last, header.len() as u16 - 2)?;
    Ok(())
}

// ── 滞后目标 ──────────────────────────────────────────────────────────────────────────────────────

/// The main objectives not on course: status, the indicators behind them, why, and who leads.
fn objectives_behind(
    ws: &mut Worksheet,
    f: &Facts,
    st: &Styles,
    title: &str,
) -> Result<(), XlsxError> {
    let lang = f.lang;
    ws.set_name(Msg::SheetBehind.text(lang))?;
    let header = [
        Msg::ColNumber,
        Msg::ColDomain,
        Msg::ColObjectiveCode,
        Msg::ColObjectiveText,
        Msg::ColStatus,
        Msg::ColBehindIndicators,
        Msg::ColExplanation,
        Msg::ColLeadUnit,
    ];
    let mut g = Grid::with_lang(ws, lang);
    g.title(0, 0, title, &st.title)?;
    for (c, h) in header.iter().enumerate() {
        g.text(HEADER_ROW, c as u16, h.text(lang), &st.header)?;
    }
    let rows = f.objectives_behind();
    let mut row = HEADER_ROW + 1;
    for (i, (o, behind)) in rows.iter().enumerate() {
        g.number(row, 0, (i + 1) as f64, &(i + 1).to_string(), &st.center)?;
        g.wrapped(row, 1, &domain_name(f.cat, &o.domain, lang), &st.wrap)?;
        g.text(row, 2, &o.code, &st.center)?;
        g.wrapped(row, 3, &o.text, &st.wrap)?;
        g.wrapped(row, 4, f.status(o.status), &st.center_wrap)?;
        let sep = lang.pick("：", ": ");
        let indicators: Vec<String> = behind
            .iter()
            .map(|r| {
                let latest = r
                    .latest
                    .map(|p| messages::paren(lang, &f.num(&r.code, p.value), &p.year.to_string()))
                    .unwrap_or_default();
                format!(
                    "• {}{sep}{} {latest}",
                    indicator_name(f.cat, &r.code, lang),
                    f.status(r.status)
                )
            })
            .collect();
        g.wrapped(row, 5, &indicators.join("\n"), &st.wrap)?;
        let mut why = vec![f.objective_explanation(o)];
        why.extend(behind.iter().map(|r| {
            format!(
                "{}{sep}{}",
                indicator_name(f.cat, &r.code, lang),
                f.explanation(r)
            )
        }));
        g.wrapped(row, 6, &why.join("\n"), &st.wrap)?;
        // Who answers for it: the objective's lead unit, else the lead units of the indicators behind.
        let mut leads: Vec<String> = Vec::new();
        for u in o
            .lead_unit
            .iter()
            .chain(behind.iter().map(|r| &r.lead_unit))
        {
            let name = unit_name(f.cat, u, lang);
            if !leads.contains(&name) {
                leads.push(name);
            }
        }
        g.wrapped(row, 7, &leads.join(lang.pick("、", ", ")), &st.wrap)?;
        row += 1;
    }
    if rows.is_empty() {
        g.ws.write_string_with_format(row, 0, Msg::NothingBehind.text(lang), &st.plain)?;
        row += 1;
    }
    let last = row.saturating_sub(1).max(HEADER_ROW + 1);
    status_formats(g.ws, HEADER_ROW + 1, last, 4, f.ev.stage, lang)?;
    g.ws.write_string_with_format(row + 1, 0, Msg::BehindNote.text(lang), &st.plain)?;
    let (domain_w, status_w, unit_w) = name_widths(lang);
    g.finish(
        4,
        28,
        &[
            (1, domain_w),
            (3, 40.0),
            (4, status_w),
            (5, 36.0),
            (6, 60.0),
            (7, unit_w),
        ],
    )?;
    g.ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    page(g.ws, title, Some((HEADER_ROW, HEADER_ROW)), lang)?;
    Ok(())
}

// ── 预警清单 ──────────────────────────────────────────────────────────────────────────────────────

fn warnings(ws: &mut Worksheet, f: &Facts, st: &Styles, title: &str) -> Result<(), XlsxError> {
    let lang = f.lang;
    ws.set_name(Msg::SheetWarnings.text(lang))?;
    let header = [
        Msg::ColNumber,
        Msg::ColSeverity,
        Msg::ColWarningType,
        Msg::ColDomain,
        Msg::ColSubject,
        Msg::ColLatest,
        Msg::ColTarget,
        Msg::ColStatus,
        Msg::ColMessage,
        Msg::ColResponsible,
    ];
    let mut g = Grid::with_lang(ws, lang);
    g.title(0, 0, title, &st.title)?;
    for (c, h) in header.iter().enumerate() {
        g.text(HEADER_ROW, c as u16, h.text(lang), &st.header)?;
    }
    let rows = f.watch_list();
    let mut row = HEADER_ROW + 1;
    for (i, w) in rows.iter().enumerate() {
        g.number(row, 0, (i + 1) as f64, &(i + 1).to_string(), &st.center)?;
        g.text(row, 1, w.severity.label(lang), &st.center)?;
        g.text(row, 2, w.kind_label(lang), &st.text)?;
        g.wrapped(row, 3, &domain_name(f.cat, &w.domain, lang), &st.wrap)?;
        match (w.indicator, w.objective) {
            (Some(r), _) => {
                g.wrapped(row, 4, &indicator_name(f.cat, &r.code, lang), &st.wrap)?;
                match r.latest {
                    Some(p) => g.text(
                        row,
                        5,
                        &messages::paren(lang, &f.num(&r.code, p.value), &p.year.to_string()),
                        &st.text,
                    )?,
                    None => g.blank(row, 5, &st.text)?,
                }
                g.wrapped(row, 6, &target_text(f.cat, &r.target, lang), &st.wrap)?;
                g.wrapped(row, 7, f.status(r.status), &st.center_wrap)?;
            }
            (None, Some(o)) => {
                g.wrapped(row, 4, &format!("{} {}", o.code, o.text), &st.wrap)?;
                g.blank(row, 5, &st.text)?;
                g.blank(row, 6, &st.text)?;
                g.wrapped(row, 7, f.status(o.status), &st.center_wrap)?;
            }
            (None, None) => {}
        }
        let message = match (w.concern, w.indicator, w.objective) {
            (Concern::Warning(warning), ..) => f.warning_message(warning, w.indicator),
            (Concern::Behind, Some(r), _) => f.explanation(r),
            (Concern::Behind, None, Some(o)) => f.objective_explanation(o),
            (Concern::Behind, None, None) => String::new(),
        };
        g.wrapped(row, 8, &message, &st.wrap)?;
        g.wrapped(row, 9, &unit_name(f.cat, &w.responsible, lang), &st.wrap)?;
        row += 1;
    }
    if rows.is_empty() {
        g.ws.write_string_with_format(row, 0, Msg::NoWarnings.text(lang), &st.plain)?;
    }
    let last = row.saturating_sub(1).max(HEADER_ROW + 1);
    for (text, (fill_c, font)) in [
        (Severity::High.label(lang), RED),
        (Severity::Medium.label(lang), AMBER),
    ] {
        let cf = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(text))
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(fill_c))
                    .set_font_color(Color::RGB(font)),
            );
        g.ws.add_conditional_format(HEADER_ROW + 1, 1, last, 1, &cf)?;
    }
    status_formats(g.ws, HEADER_ROW + 1, last, 7, f.ev.stage, lang)?;
    let (domain_w, status_w, unit_w) = name_widths(lang);
    let target_w = if lang == Lang::En { 22.0 } else { 16.0 };
    g.finish(
        4,
        28,
        &[
            (3, domain_w),
            (4, 30.0),
            (6, target_w),
            (7, status_w),
            (8, 64.0),
            (9, unit_w),
        ],
    )?;
    g.ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    if !rows.is_empty() {
        g.ws.autofilter(HEADER_ROW, 0, last, header.len() as u16 - 1)?;
    }
    page(g.ws, title, Some((HEADER_ROW, HEADER_ROW)), lang)?;
    Ok(())
}

// ── 定性目标 ──────────────────────────────────────────────────────────────────────────────────────

/// The columns of the 定性目标 sheet, in order; `review` finds the review columns by these headers.
pub const QUALITATIVE_COLUMNS: [Msg; 13] = [
    Msg::ColDomain,
    Msg::ColObjectiveCode,
    Msg::ColObjectiveText,
    Msg::ColLeadUnit,
    Msg::ColSelfAssessment,
    Msg::ColAssessmentSource,
    Msg::ColMeasures,
    Msg::ColStatus,
    Msg::ColExplanation,
    Msg::ColReview,
    Msg::ColReviewComment,
    Msg::ColReviewer,
    Msg::ColReviewDate,
];

fn column_of(m: Msg) -> u16 {
    QUALITATIVE_COLUMNS
        .iter()
        .position(|c| *c == m)
        .unwrap_or_default() as u16
}

/// A review time as the 审核日期 cell shows it (and `review` reads it back): `2024-03-01 10:00`.
pub fn review_date_text(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at.trim())
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

fn qualitative(ws: &mut Worksheet, f: &Facts, st: &Styles, title: &str) -> Result<(), XlsxError> {
    let lang = f.lang;
    ws.set_name(Msg::SheetQualitative.text(lang))?;
    let mut g = Grid::with_lang(ws, lang);
    g.title(0, 0, title, &st.title)?;
    for (c, h) in QUALITATIVE_COLUMNS.iter().enumerate() {
        let fmt = if c >= column_of(Msg::ColReview) as usize {
            st.header.clone().set_background_color(Color::RGB(0xFFD966))
        } else {
            st.header.clone()
        };
        g.text(HEADER_ROW, c as u16, h.text(lang), &fmt)?;
    }
    let note = Note::new(Msg::ReviewNote.text(lang))
        .set_author("planeval")
        .set_width(460)
        .set_height(170)
        .add_author_prefix(false);
    g.ws.insert_note(HEADER_ROW, column_of(Msg::ColReview), &note)?;

    let mut row = HEADER_ROW + 1;
    for o in
        f.ev.objectives
            .iter()
            .filter(|o| o.kind == ObjectiveKind::Qualitative || o.indicators.is_empty())
    {
        let a = o.assessment.as_ref();
        let measures = f
            .assessment_row(o)
            .map(|r| r.measures.clone())
            .unwrap_or_default();
        g.wrapped(row, 0, &domain_name(f.cat, &o.domain, lang), &st.wrap)?;
        g.text(row, 1, &o.code, &st.center)?;
        g.wrapped(row, 2, &o.text, &st.wrap)?;
        g.text(
            row,
            3,
            &o.lead_unit
                .as_deref()
                .map(|u| unit_name(f.cat, u, lang))
                .unwrap_or_default(),
            &st.text,
        )?;
        g.text(
            row,
            4,
            &a.map(|a| answer_label(&a.answer, lang)).unwrap_or_default(),
            &st.center,
        )?;
        g.text(
            row,
            5,
            &a.map(|a| a.source.clone()).unwrap_or_default(),
            &st.text,
        )?;
        g.wrapped(row, 6, &measures, &st.wrap)?;
        g.wrapped(row, 7, f.status(o.status), &st.center_wrap)?;
        g.wrapped(row, 8, &f.objective_explanation(o), &st.wrap)?;
        // The review columns, pre-filled with the review on record — or, when the reviewer typed a
        // conclusion that could not be used, with what they typed, red and with a note, to correct in
        // place.
        let review = f.overrides.get(&o.code, f.ev.year);
        let rejected = f
            .rejected_reviews
            .iter()
            .find(|r| r.objective == o.code)
            .filter(|_| review.is_none());
        let cells = match rejected {
            Some(r) => [
                r.typed.clone(),
                r.comment.clone(),
                r.reviewer.clone(),
                r.date.clone(),
            ],
            None => [
                review
                    .map(|r| answer_label(&r.answer, lang))
                    .unwrap_or_default(),
                review.map(|r| r.comment.clone()).unwrap_or_default(),
                review.map(|r| r.reviewer.clone()).unwrap_or_default(),
                review.map(|r| review_date_text(&r.at)).unwrap_or_default(),
            ],
        };
        if let Some(r) = rejected {
            let c = column_of(Msg::ColReview);
            g.text(row, c, &r.typed, &st.rejected)?;
            let note = Note::new(fit_note(&r.message))
                .set_author("planeval")
                .set_width(320)
                .set_height(90)
                .add_author_prefix(false);
            g.ws.insert_note(row, c, &note)?;
        }
        for (i, text) in cells.iter().enumerate() {
            let c = column_of(Msg::ColReview) + i as u16;
            if i == 0 && rejected.is_some() {
                continue;
            }
            if text.is_empty() {
                g.blank(row, c, &st.input)?;
                g.see(c, QUALITATIVE_COLUMNS[c as usize].text(lang));
            } else if i == 1 {
                g.wrapped(row, c, text, &st.input)?;
            } else {
                g.text(row, c, text, &st.input)?;
            }
        }
        row += 1;
    }
    let last = row.saturating_sub(1).max(HEADER_ROW + 1);
    status_formats(g.ws, HEADER_ROW + 1, last, 7, f.ev.stage, lang)?;
    let options: Vec<&str> = match lang {
        Lang::Zh => SELF_ASSESSMENT_OPTIONS.to_vec(),
        Lang::En => ANSWERS_EN.to_vec(),
    };
    let review_col = column_of(Msg::ColReview);
    let dv = DataValidation::new()
        .allow_list_strings(&options)?
        .set_input_title(Msg::ColReview.text(lang))?
        .set_input_message(Msg::ReviewPrompt.text(lang))?
        .set_error_message(Msg::ReviewError.text(lang))?
        .set_error_style(DataValidationErrorStyle::Stop);
    g.ws.add_data_validation(
        HEADER_ROW + 1,
        review_col,
        last.max(HEADER_ROW + 60),
        review_col,
        &dv,
    )?;
    let (domain_w, status_w, unit_w) = name_widths(lang);
    g.finish(
        4,
        36,
        &[
            (0, domain_w),
            (2, 40.0),
            (3, unit_w),
            (6, 30.0),
            (7, status_w),
            (8, 40.0),
            (review_col + 1, 30.0),
        ],
    )?;
    g.ws.set_row_height(HEADER_ROW, 30)?;
    g.ws.set_freeze_panes(HEADER_ROW + 1, 2)?;
    g.ws.autofilter(HEADER_ROW, 0, last, QUALITATIVE_COLUMNS.len() as u16 - 1)?;
    page(g.ws, title, Some((HEADER_ROW, HEADER_ROW)), lang)?;
    Ok(())
}

// ── 数据质量 ──────────────────────────────────────────────────────────────────────────────────────

fn data_quality(ws: &mut Worksheet, f: &Facts, st: &Styles, title: &str) -> Result<(), XlsxError> {
    let lang = f.lang;
    ws.set_name(Msg::SheetDataQuality.text(lang))?;
    let mut g = Grid::with_lang(ws, lang);
    g.title(0, 0, title, &st.title)?;
    g.ws.write_string_with_format(
        2,
        0,
        Msg::CompletenessTitle.text(lang),
        &st.bold
            .clone()
            .set_border(rust_xlsxwriter::FormatBorder::None),
    )?;
    let head = 3u32;
    g.text(head, 0, Msg::ColResponsible.text(lang), &st.header)?;
    for (i, c) in f.completeness.iter().enumerate() {
        g.text(
            head,
            1 + i as u16,
            &fill(Msg::ColYear.text(lang), &[("year", &c.year.to_string())]),
            &st.header,
        )?;
    }
    let good = st
        .center
        .clone()
        .set_background_color(Color::RGB(super::sheet::GREEN.0))
        .set_font_color(Color::RGB(super::sheet::GREEN.1));
    let partial = st
        .center
        .clone()
        .set_background_color(Color::RGB(AMBER.0))
        .set_font_color(Color::RGB(AMBER.1));
    let missing = st
        .center
        .clone()
        .set_background_color(Color::RGB(RED.0))
        .set_font_color(Color::RGB(RED.1));
    let units: Vec<String> = f
        .completeness
        .first()
        .map(|c| c.units.iter().map(|u| u.unit.clone()).collect())
        .unwrap_or_default();
    let mut row = head + 1;
    for unit in &units {
        g.text(row, 0, &unit_name(f.cat, unit, lang), &st.text)?;
        for (i, c) in f.completeness.iter().enumerate() {
            let col = 1 + i as u16;
            let Some(u) = c.units.iter().find(|u| &u.unit == unit) else {
                g.blank(row, col, &st.text)?;
                continue;
            };
            let present = u.required - u.missing.len();
            let word = if u.returned {
                Msg::Returned
            } else {
                Msg::NotReturned
            };
            let text = if u.required > 0 {
                format!("{} {present}/{}", word.text(lang), u.required)
            } else {
                word.text(lang).to_string()
            };
            let fmt = if !u.returned {
                &missing
            } else if u.missing.is_empty() {
                &good
            } else {
                &partial
            };
            g.text(row, col, &text, fmt)?;
        }
        row += 1;
    }
    g.text(row, 0, Msg::CompletenessRow.text(lang), &st.bold)?;
    for (i, c) in f.completeness.iter().enumerate() {
        let text = format!("{:.1}%", c.percent);
        g.number(
            row,
            1 + i as u16,
            c.percent / 100.0,
            &text,
            &st.percent.clone().set_bold(),
        )?;
    }
    rate_formats(g.ws, row, row, 1)?;
    if f.completeness.len() > 1 {
        rate_formats(g.ws, row, row, f.completeness.len() as u16)?;
        for i in 2..f.completeness.len() {
            rate_formats(g.ws, row, row, i as u16)?;
        }
    }
    row += 2;

    // Outstanding problems.
    g.ws.write_string_with_format(
        row,
        0,
        Msg::ProblemsTitle.text(lang),
        &st.bold
            .clone()
            .set_border(rust_xlsxwriter::FormatBorder::None),
    )?;
    row += 1;
    let header = [
        Msg::ColYearPlain,
        Msg::ColResponsible,
        Msg::ColDiagCode,
        Msg::ColIndicator,
        Msg::ColLocation,
        Msg::ColRaw,
        Msg::ColProblem,
        Msg::ColHint,
    ];
    // The problems table starts at column A and shares widths with the grid above; keep its own
    // widths for the long columns.
    for (c, h) in header.iter().enumerate() {
        g.text(row, c as u16, h.text(lang), &st.header)?;
    }
    row += 1;
    if f.outstanding.is_empty() {
        g.ws.write_string_with_format(row, 0, Msg::NoProblems.text(lang), &st.plain)?;
    }
    for q in f.outstanding {
        let year = if q.year == 0 {
            Msg::UnknownYear.text(lang).to_string()
        } else {
            q.year.to_string()
        };
        g.text(row, 0, &year, &st.center)?;
        let unit = unit_name(f.cat, &q.reporting_unit, lang);
        // A prefecture's problems are its counties': say whose.
        let unit = if super::rollup_sheet::wanted(f) {
            format!("{}·{unit}", q.org)
        } else {
            unit
        };
        g.text(row, 1, &unit, &st.text)?;
        g.text(row, 2, &q.code, &st.center)?;
        g.text(
            row,
            3,
            &q.indicator
                .as_deref()
                .map(|i| indicator_name(f.cat, i, lang))
                .unwrap_or_default(),
            &st.text,
        )?;
        g.wrapped(row, 4, &location(q), &st.wrap)?;
        g.text(row, 5, q.raw.as_deref().unwrap_or_default(), &st.text)?;
        g.wrapped(row, 6, &q.message, &st.wrap)?;
        g.wrapped(row, 7, &q.hint, &st.wrap)?;
        row += 1;
    }
    g.finish(6, 26, &[(4, 34.0), (6, 40.0), (7, 40.0)])?;
    page(g.ws, title, None, lang)?;
    Ok(())
}

/// `file!sheet!cell`, or the file alone for a problem of the whole file.
pub fn location(q: &crate::store::QuarantineRow) -> String {
    if q.sheet.is_empty() {
        q.source_file.clone()
    } else {
        format!("{}!{}!{}", q.source_file, q.sheet, q.cell)
    }
}

// ── 趋势图 ────────────────────────────────────────────────────────────────────────────────────────

/// One charted indicator: its row pair on the hidden data sheet.
struct Charted {
    code: String,
    status: Status,
    /// Whether the second line is the baseline level rather than a target.
    baseline_level: bool,
    gap: bool,
    has_target: bool,
    min: f64,
    max: f64,
}

fn chart_years(f: &Facts) -> Vec<i32> {
    (f.cat.plan.baseline_year..=f.cat.plan.final_year).collect()
}

fn chart_data(f: &Facts) -> Vec<Charted> {
    f.ev.indicators
        .iter()
        .filter(|r| r.status != Status::NotScored)
        .filter_map(|r| {
            let ind = f.indicator_def(&r.code)?;
            let actual = f.judged_series(ind);
            let (target, baseline_level) = f.target_line(ind);
            let all: Vec<f64> = actual.values().chain(target.values()).copied().collect();
            let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let (min, max) = axis_bounds(lo, hi, ind.unit.range());
            Some(Charted {
                code: r.code.clone(),
                status: r.status,
                baseline_level,
                gap: ind.target.kind == TargetKind::GapNarrows,
                has_target: !target.is_empty(),
                min,
                max,
            })
        })
        .collect()
}

/// Axis bounds that show the movement: a tenth of the range (or of the value) of padding, kept within
/// what the unit admits.
fn axis_bounds(lo: f64, hi: f64, (unit_lo, unit_hi): (f64, f64)) -> (f64, f64) {
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0);
    }
    let span = (hi - lo).max(hi.abs() * 0.02).max(1e-6);
    let pad = span * 0.25;
    let step = nice_step(span + 2.0 * pad);
    let min = ((lo - pad) / step).floor() * step;
    let max = ((hi + pad) / step).ceil() * step;
    (min.max(unit_lo), max.min(unit_hi))
}

fn nice_step(span: f64) -> f64 {
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

fn chart_data_sheet(ws: &mut Worksheet, f: &Facts, charted: &[Charted]) -> Result<(), XlsxError> {
    ws.set_name(Msg::SheetChartData.text(f.lang))?;
    let years = chart_years(f);
    for (i, y) in years.iter().enumerate() {
        ws.write_number(0, 1 + i as u16, f64::from(*y))?;
    }
    for (k, c) in charted.iter().enumerate() {
        let Some(ind) = f.indicator_def(&c.code) else {
            continue;
        };
        let (r1, r2) = (1 + 2 * k as u32, 2 + 2 * k as u32);
        ws.write_string(r1, 0, &c.code)?;
        ws.write_string(r2, 0, format!("{} target", c.code))?;
        let actual = f.judged_series(ind);
        let (target, _) = f.target_line(ind);
        for (i, y) in years.iter().enumerate() {
            let col = 1 + i as u16;
            if let Some(v) = actual.get(y) {
                ws.write_number(r1, col, crate::style::clean_number(*v))?;
            }
            if let Some(v) = target.get(y) {
                ws.write_number(r2, col, crate::style::clean_number(*v))?;
            }
        }
    }
    ws.set_hidden(true);
    Ok(())
}

fn trends(
    ws: &mut Worksheet,
    f: &Facts,
    st: &Styles,
    title: &str,
    charted: &[Charted],
) -> Result<(), XlsxError> {
    let lang = f.lang;
    ws.set_name(Msg::SheetTrends.text(lang))?;
    write_text(ws, 0, 0, title, &st.title, lang, TextHome::Store)?;
    ws.write_string_with_format(1, 0, Msg::TrendsNote.text(lang), &st.subtitle)?;
    let data = Msg::SheetChartData.text(lang);
    let last_col = chart_years(f).len() as u16;
    // Two charts a row, 16 rows (320 px) apart, two chart rows to a printed page.
    const ROWS_PER_CHART: u32 = 17;
    const FIRST_ROW: u32 = 3;
    let mut breaks = Vec::new();
    for (k, c) in charted.iter().enumerate() {
        let (r1, r2) = (1 + 2 * k as u32, 2 + 2 * k as u32);
        let mut chart = Chart::new(ChartType::Line);
        let (_, _, solid) = status_colors(c.status);
        let actual_name = if c.gap {
            Msg::SeriesGap
        } else {
            Msg::SeriesActual
        };
        chart
            .add_series()
            .set_categories((data, 0, 1, 0, last_col))
            .set_values((data, r1, 1, r1, last_col))
            .set_name(actual_name.text(lang))
            .set_format(
                ChartFormat::new().set_line(
                    ChartLine::new()
                        .set_color(Color::RGB(0x1F4E79))
                        .set_width(2.25),
                ),
            )
            .set_marker(
                ChartMarker::new()
                    .set_type(ChartMarkerType::Circle)
                    .set_size(6)
                    .set_format(
                        ChartFormat::new()
                            .set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(solid)))
                            .set_border(ChartLine::new().set_color(Color::RGB(0x1F4E79))),
                    ),
            );
        if c.has_target {
            let name = if c.baseline_level {
                Msg::SeriesBaselineLevel
            } else {
                Msg::SeriesTarget
            };
            let color = if c.baseline_level { 0x808080 } else { 0xC00000 };
            chart
                .add_series()
                .set_categories((data, 0, 1, 0, last_col))
                .set_values((data, r2, 1, r2, last_col))
                .set_name(name.text(lang))
                .set_format(
                    ChartFormat::new().set_line(
                        ChartLine::new()
                            .set_color(Color::RGB(color))
                            .set_width(1.5)
                            .set_dash_type(ChartLineDashType::Dash),
                    ),
                )
                .set_marker(ChartMarker::new().set_none());
        }
        let name = format!(
            "{}（{}）",
            indicator_name(f.cat, &c.code, lang),
            f.status(c.status)
        );
        chart
            .title()
            .set_name(&name)
            .set_font(&chart_font(10.0, true));
        chart.x_axis().set_font(&chart_font(8.0, false));
        chart
            .y_axis()
            .set_min(c.min)
            .set_max(c.max)
            .set_font(&chart_font(8.0, false))
            .set_name(&unit_symbol(f.cat, &c.code, lang))
            .set_name_font(&chart_font(8.0, false));
        chart
            .legend()
            .set_position(ChartLegendPosition::Bottom)
            .set_font(&chart_font(8.0, false));
        chart.show_empty_cells_as(ChartEmptyCells::Gaps);
        chart.set_width(520).set_height(320);
        let grid_row = k as u32 / 2;
        let row = FIRST_ROW + grid_row * ROWS_PER_CHART;
        let col = if k % 2 == 0 { 0 } else { 8 };
        ws.insert_chart(row, col, &chart)?;
        if k % 4 == 0 && k > 0 {
            breaks.push(row);
        }
    }
    if !breaks.is_empty() {
        ws.set_page_breaks(&breaks)?;
    }
    page(ws, title, None, lang)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_bounds_show_the_movement_and_respect_the_unit() {
        let (lo, hi) = axis_bounds(77.6, 78.5, (0.0, 125.0));
        assert!(
            lo > 70.0 && lo <= 77.6 && (78.5..80.0).contains(&hi),
            "{lo} {hi}"
        );
        let (lo, hi) = axis_bounds(95.0, 100.0, (0.0, 100.0));
        assert!(hi <= 100.0 && lo < 95.0, "{lo} {hi}");
        assert_eq!(
            axis_bounds(f64::INFINITY, f64::NEG_INFINITY, (0.0, 1.0)),
            (0.0, 1.0)
        );
    }

    #[test]
    fn file_names_follow_the_stage_and_language() {
        assert_eq!(
            file_name(Stage::Midterm, 2023, Lang::Zh),
            "中期评估-2023.xlsx"
        );
        assert_eq!(
            file_name(Stage::Final, 2025, Lang::En),
            "final-evaluation-2025.xlsx"
        );
        assert_eq!(
            review_date_text("2024-03-01T10:05:00+08:00"),
            "2024-03-01 10:05"
        );
    }
}
