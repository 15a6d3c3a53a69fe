//! The 定性目标 sheet: self-assessments of qualitative objectives with the review columns the group fills
//! in and the next `evaluate` reads back (`report::review` finds them by these headers).

// A sheet of the workbook: the workbook's styles, facts and helpers are the parent module's.
use super::*;

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

pub(super) fn column_of(m: Msg) -> u16 {
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

pub(super) fn qualitative(
    ws: &mut Worksheet,
    f: &Facts,
    st: &Styles,
    title: &str,
) -> Result<(), XlsxError> {
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
