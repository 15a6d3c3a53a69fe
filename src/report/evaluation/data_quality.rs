//! The 数据质量 sheet: returns per unit and year, and uncorrected errors with file!sheet!cell.

// A sheet of the workbook: the workbook's styles, facts and helpers are the parent module's.
use super::*;

pub(super) fn data_quality(
    ws: &mut Worksheet,
    f: &Facts,
    st: &Styles,
    title: &str,
) -> Result<(), XlsxError> {
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
        .set_background_color(Color::RGB(crate::report::sheet::GREEN.0))
        .set_font_color(Color::RGB(crate::report::sheet::GREEN.1));
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
        let unit = if crate::report::rollup_sheet::wanted(f) {
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
