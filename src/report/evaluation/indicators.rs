//! The 指标明细 sheet: one row per indicator, by domain and then worst status first.

// A sheet of the workbook: the workbook's styles, facts and helpers are the parent module's.
use super::*;

pub(super) fn indicators(
    ws: &mut Worksheet,
    f: &Facts,
    st: &Styles,
    title: &str,
) -> Result<(), XlsxError> {
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
