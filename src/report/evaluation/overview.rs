//! The 总览 sheet: per domain the counts by status and the attainment rate as a traffic light, a
//! chart of statuses per domain, the overall rate and the number of warnings.

// A sheet of the workbook: the workbook's styles, facts and helpers are the parent module's.
use super::*;

pub(super) fn overview(
    ws: &mut Worksheet,
    f: &Facts,
    st: &Styles,
    title: &str,
) -> Result<(), XlsxError> {
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
    let figures = key_figures(&mut g, f, st)?;
    let table = domain_table(&mut g, f, st, &statuses)?;
    let note_row = notes(&mut g, f, st, table.total_row)?;

    // Column A as wide as the longest domain name; the others one width, headers wrapped to fit.
    let width = if lang == Lang::En { 14.0 } else { 10.0 };
    let fixed: Vec<(u16, f64)> = (1..=table.rate_col + 1).map(|c| (c, width)).collect();
    // Column A as `finish` sets it: the widest domain name.
    let first_width = ev
        .domains
        .iter()
        .map(|d| crate::style::display_width(&domain_name(f.cat, &d.code, lang)))
        .max()
        .unwrap_or(10)
        .clamp(10, 44) as f64
        + 2.0;
    // As wide as the table above (about 7 pixels a character cell).
    let table_cells = first_width + width * f64::from(table.rate_col + 1);
    let chart = status_chart(f, &statuses, &table, table_cells);
    g.ws.insert_chart(note_row + 3, 0, &chart)?;

    g.finish(10, 44, &fixed)?;
    let lines = |texts: &[&str]| {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                crate::report::sheet::lines_needed(t, if i == 0 { first_width } else { width })
            })
            .max()
            .unwrap_or(1)
    };
    g.ws.set_row_height(3, 15.0 * lines(&figures) as f64 + 2.0)?;
    let header_refs: Vec<&str> = table.header.iter().map(String::as_str).collect();
    g.ws.set_row_height(table.head, 15.0 * lines(&header_refs) as f64 + 2.0)?;
    page(g.ws, title, None, lang)?;
    g.ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// The key figures (rows 3–4): the overall rate, counts, warnings and uncorrected errors, the last
/// two amber and red when there are any. Their labels, for the row's height.
fn key_figures(g: &mut Grid<'_>, f: &Facts, st: &Styles) -> Result<Vec<&'static str>, XlsxError> {
    let (lang, ev) = (f.lang, f.ev);
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
        // Headers wrap: they do not widen the columns (see the widths in `overview`).
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
    Ok(figures.iter().map(|(m, _)| m.text(lang)).collect())
}

/// Where the per-domain table lies, for the notes, the chart and the row heights.
struct DomainTable {
    /// The header row and its texts.
    head: u32,
    header: Vec<String>,
    /// The column of the attainment rate (the warnings are the next one).
    rate_col: u16,
    last_domain_row: u32,
    total_row: u32,
}

/// Per domain: counts by status, attainment rate, warnings; a total row; the traffic lights (non-zero
/// counts in their status colour, rates green/amber/red).
fn domain_table(
    g: &mut Grid<'_>,
    f: &Facts,
    st: &Styles,
    statuses: &[Status],
) -> Result<DomainTable, XlsxError> {
    let (lang, ev) = (f.lang, f.ev);
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
    Ok(DomainTable {
        head,
        header,
        rate_col,
        last_domain_row,
        total_row,
    })
}

/// Below the table: the objectives' tally, what "attained" means at this stage, how the lights read.
/// The row of the first note.
fn notes(g: &mut Grid<'_>, f: &Facts, st: &Styles, total_row: u32) -> Result<u32, XlsxError> {
    let (lang, ev) = (f.lang, f.ev);
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
    Ok(note_row)
}

/// The statuses per domain as stacked bars, as wide as the table (`table_cells` character cells).
fn status_chart(f: &Facts, statuses: &[Status], table: &DomainTable, table_cells: f64) -> Chart {
    let (lang, ev) = (f.lang, f.ev);
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
            .set_categories((sheet, table.head + 1, 0, table.last_domain_row, 0))
            .set_values((sheet, table.head + 1, c, table.last_domain_row, c))
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
    chart
        .set_width((table_cells * 7.0).clamp(700.0, 1400.0) as u32)
        .set_height(330);
    chart
}

/// Warnings of a roll-up, all codes together.
pub(super) trait WarningTotal {
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
