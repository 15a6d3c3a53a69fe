//! The 趋势图 sheet: a line chart per quantitative indicator with its target as a line; the numbers sit on
//! a hidden sheet.

// A sheet of the workbook: the workbook's styles, facts and helpers are the parent module's.
use super::*;

/// One charted indicator: its row pair on the hidden data sheet.
pub(super) struct Charted {
    code: String,
    status: Status,
    /// Whether the second line is the baseline level rather than a target.
    baseline_level: bool,
    gap: bool,
    has_target: bool,
    min: f64,
    max: f64,
}

pub(super) fn chart_years(f: &Facts) -> Vec<i32> {
    (f.cat.plan.baseline_year..=f.cat.plan.final_year).collect()
}

pub(super) fn chart_data(f: &Facts) -> Vec<Charted> {
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
pub(super) fn axis_bounds(lo: f64, hi: f64, (unit_lo, unit_hi): (f64, f64)) -> (f64, f64) {
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

pub(super) fn nice_step(span: f64) -> f64 {
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

pub(super) fn chart_data_sheet(
    ws: &mut Worksheet,
    f: &Facts,
    charted: &[Charted],
) -> Result<(), XlsxError> {
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

pub(super) fn trends(
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
