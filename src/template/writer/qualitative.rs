//! The 定性目标自评 sheet: the qualitative objectives the unit leads, with the self-assessment dropdown.

// A sheet of the template: the styles, spec and helpers are the parent module's.
use super::*;

pub(super) fn qcol(field: QualField) -> ColNum {
    QualField::ALL.iter().position(|f| *f == field).unwrap_or(0) as ColNum
}

pub(super) fn qualitative_sheet(
    ws: &mut Worksheet,
    cat: &Catalog,
    spec: &TemplateSpec,
    work: &UnitWork,
    st: &Styles,
) -> Result<(), XlsxError> {
    let p = &cat.plan;
    let last_col = (QualField::ALL.len() - 1) as ColNum;
    ws.set_name(layout::SHEET_QUALITATIVE)?;

    let widths: Vec<f64> = QualField::ALL
        .iter()
        .map(|f| match f {
            QualField::Code => 8.0,
            QualField::Domain => fit_width(
                work.qualitative
                    .iter()
                    .map(|(d, _, _)| d.name.as_str())
                    .chain([f.header()]),
                8,
                12,
            ),
            QualField::Text => 40.0,
            QualField::Role => 8.0,
            QualField::Assessment => 12.0,
            QualField::Measures => 36.0,
            QualField::Problems => 26.0,
            QualField::Evidence => 22.0,
        })
        .collect();
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as ColNum, *w)?;
    }

    let note = if work.qualitative.is_empty() {
        "　　（本单位没有牵头或配合的定性目标，本表无需填写）"
    } else {
        ""
    };
    title_rows(
        ws,
        last_col,
        &format!("{}　{}年度定性目标自评表", p.name, spec.year),
        spec,
        note,
        st,
    )?;
    for f in QualField::ALL {
        ws.write_string_with_format(HEADER_ROW, qcol(f), f.header(), &st.header)?;
    }
    ws.set_row_height(HEADER_ROW, 34)?;

    let assessment = DataValidation::new()
        .allow_list_strings(&SELF_ASSESSMENT_OPTIONS)?
        .set_input_title("自评结论")?
        .set_input_message(format!(
            "请从下拉列表选择：{}。",
            SELF_ASSESSMENT_OPTIONS.join("、")
        ))?
        .set_error_title("请从列表中选择")?
        .set_error_message(format!(
            "自评结论只能是：{}。请点“重试”后从下拉列表选择。",
            SELF_ASSESSMENT_OPTIONS.join("、")
        ))?
        .set_error_style(DataValidationErrorStyle::Stop);

    for (row, (d, o, role)) in (FIRST_DATA_ROW..).zip(&work.qualitative) {
        for f in QualField::ALL {
            let c = qcol(f);
            match f {
                QualField::Code => {
                    ws.write_string_with_format(row, c, &o.code, &st.locked_center)?
                }
                QualField::Domain => {
                    ws.write_string_with_format(row, c, &d.name, &st.locked_wrap)?
                }
                QualField::Text => ws.write_string_with_format(row, c, &o.text, &st.locked_wrap)?,
                QualField::Role => {
                    ws.write_string_with_format(row, c, role.label_zh(), &st.locked_center)?
                }
                QualField::Assessment => {
                    match spec.assessments.get(&o.code) {
                        Some(t) => ws.write_string_with_format(row, c, t, &st.input)?,
                        None => ws.write_blank(row, c, &st.input)?,
                    };
                    ws.add_data_validation(row, c, row, c, &assessment)?
                }
                QualField::Measures | QualField::Problems | QualField::Evidence => {
                    ws.write_blank(row, c, &st.input_wrap)?
                }
            };
        }
        let height = row_height(
            [
                (o.text.as_str(), widths[qcol(QualField::Text) as usize]),
                (d.name.as_str(), widths[qcol(QualField::Domain) as usize]),
            ],
            4,
        );
        ws.set_row_height(row, height)?;
    }

    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    print_setup(ws, spec, true);
    ws.set_repeat_rows(1, HEADER_ROW)?;
    ws.protect_with_options(&protection());
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// Metadata
