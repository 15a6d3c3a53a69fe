//! The 滞后目标 sheet: the main objectives not on course, the indicators behind them, why, and who leads.

// A sheet of the workbook: the workbook's styles, facts and helpers are the parent module's.
use super::*;

/// The main objectives not on course: status, the indicators behind them, why, and who leads.
pub(super) fn objectives_behind(
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
