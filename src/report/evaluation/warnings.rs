//! The 预警清单 sheet: every shortfall and every warning that concerns its subject, most severe first.

// A sheet of the workbook: the workbook's styles, facts and helpers are the parent module's.
use super::*;

pub(super) fn warnings(
    ws: &mut Worksheet,
    f: &Facts,
    st: &Styles,
    title: &str,
) -> Result<(), XlsxError> {
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
