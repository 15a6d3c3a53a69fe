//! The 指标填报 sheet: one row per indicator the unit reports, its locked pre-filled columns, the input
//! cells with their validations, and the numbers the department checks its return against.

// A sheet of the template: the styles, spec and helpers are the parent module's.
use super::*;

/// Column index of a field: the template writes `Field::ALL` in order.
pub(super) fn col(field: Field) -> ColNum {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0) as ColNum
}

/// The pre-filled text of a locked cell of an indicator row.
pub(super) fn prefilled(field: Field, cat: &Catalog, d: &Domain, ind: &Indicator) -> String {
    match field {
        Field::Code => ind.code.clone(),
        Field::Domain => d.name.clone(),
        Field::Name => ind.name.clone(),
        Field::Unit => ind.unit.symbol_zh().to_string(),
        Field::Target => target_text(cat, ind),
        Field::Source => ind.source.clone(),
        _ => String::new(),
    }
}

pub(super) fn number_text(v: Option<f64>, ind: &Indicator) -> String {
    v.map(|v| format!("{:.*}", ind.decimals as usize, v))
        .unwrap_or_default()
}

pub(super) fn data_sheet(
    ws: &mut Worksheet,
    cat: &Catalog,
    spec: &TemplateSpec,
    work: &UnitWork,
    st: &Styles,
) -> Result<(), XlsxError> {
    let p = &cat.plan;
    let last_col = (Field::ALL.len() - 1) as ColNum;
    ws.set_name(layout::SHEET_DATA)?;
    ws.set_default_note_author("planeval");

    // Column widths from the texts the columns will hold.
    let rows: Vec<(&Domain, &Indicator)> = work
        .lead
        .iter()
        .chain(work.cooperating.iter())
        .copied()
        .collect();
    let headers: Vec<String> = Field::ALL
        .iter()
        .map(|f| data_header(*f, p.baseline_year, spec.year))
        .collect();
    let widths: Vec<f64> = Field::ALL
        .iter()
        .zip(&headers)
        .map(|(f, h)| {
            let texts: Vec<String> = rows
                .iter()
                .map(|(d, i)| match f {
                    Field::Baseline => number_text(spec.baseline.get(&i.code).copied(), i),
                    Field::LastYear => number_text(spec.last_year.get(&i.code).copied(), i),
                    f => prefilled(*f, cat, d, i),
                })
                .collect();
            let all = texts.iter().map(String::as_str).chain(h.lines());
            match f {
                // Codes are for the machine: small print, wrapped.
                Field::Code => (fit_width(texts.iter().map(String::as_str), 8, 30) * 0.82).ceil(),
                Field::Domain => fit_width(all, 8, 12),
                Field::Name => fit_width(all, 12, 34),
                Field::Unit => fit_width(all, 6, 10),
                Field::Target => fit_width(all, 10, 18),
                Field::Baseline | Field::LastYear | Field::Value => fit_width(all, 12, 14),
                Field::Female | Field::Male | Field::Urban | Field::Rural => fit_width(all, 10, 12),
                Field::Numerator | Field::Denominator => fit_width(all, 9, 12),
                Field::Source => fit_width(all, 12, 20),
                Field::Remarks => 20.0,
            }
        })
        .collect();
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as ColNum, *w)?;
    }

    // Title, what the form is for, headers.
    title_rows(
        ws,
        last_col,
        &format!("{}　{}年度监测数据填报表", p.name, spec.year),
        spec,
        "",
        st,
    )?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as ColNum, h, &st.header)?;
    }
    let header_height = row_height(
        headers.iter().zip(&widths).map(|(h, w)| (h.as_str(), *w)),
        2,
    );
    ws.set_row_height(HEADER_ROW, header_height)?;
    ws.insert_note(
        HEADER_ROW,
        col(Field::Numerator),
        &Note::new(
            "分子、分母：只在比率类指标（浅黄色）填写人数或例数，各行的具体含义见该单元格的批注。\
             本年值 ≈ 分子 ÷ 分母 × 100（‰ × 1000，1/10万 × 100000）。",
        )
        .add_author_prefix(false)
        .set_font_name(FONT)
        .set_width(260)
        .set_height(90),
    )?;

    let mut row = FIRST_DATA_ROW;
    let sections = [
        ("一、本单位牵头的指标", &work.lead),
        (
            "二、本单位配合的指标（如掌握数据请填报，供牵头单位核对）",
            &work.cooperating,
        ),
    ];
    for (title, inds) in sections {
        let title = if inds.is_empty() {
            format!("{title}（无）")
        } else {
            title.to_string()
        };
        ws.merge_range(row, 0, row, last_col, &title, &st.section)?;
        ws.set_row_height(row, 20)?;
        row += 1;
        for (d, ind) in inds.iter() {
            indicator_row(ws, row, cat, spec, d, ind, &widths, st)?;
            row += 1;
        }
    }

    ws.set_freeze_panes(FIRST_DATA_ROW, col(Field::Name) + 1)?;
    print_setup(ws, spec, true);
    ws.set_repeat_rows(1, HEADER_ROW)?;
    ws.protect_with_options(&protection());
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn indicator_row(
    ws: &mut Worksheet,
    row: RowNum,
    cat: &Catalog,
    spec: &TemplateSpec,
    d: &Domain,
    ind: &Indicator,
    widths: &[f64],
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut wrapped: Vec<(String, f64)> = Vec::new();
    for field in Field::ALL {
        let c = col(field);
        let width = widths[c as usize];
        match field {
            Field::Code => {
                ws.write_string_with_format(row, c, &ind.code, &st.locked_code)?;
                // Small print: about 1.2 code characters per character width.
                wrapped.push((ind.code.clone(), width * 1.2));
            }
            Field::Domain | Field::Name | Field::Target => {
                let text = prefilled(field, cat, d, ind);
                let fmt = if field == Field::Target {
                    &st.locked_center
                } else {
                    &st.locked_wrap
                };
                ws.write_string_with_format(row, c, &text, fmt)?;
                wrapped.push((text, width));
            }
            Field::Unit => {
                ws.write_string_with_format(row, c, ind.unit.symbol_zh(), &st.locked_center)?;
            }
            Field::Baseline | Field::LastYear => {
                let map = if field == Field::Baseline {
                    &spec.baseline
                } else {
                    &spec.last_year
                };
                let fmt = st.number(ind);
                match map.get(&ind.code) {
                    Some(v) if v.is_finite() => ws.write_number_with_format(row, c, *v, &fmt)?,
                    _ => ws.write_blank(row, c, &fmt)?,
                };
            }
            Field::Source => {
                ws.write_string_with_format(row, c, &ind.source, &st.optional_wrap)?;
                wrapped.push((ind.source.clone(), width));
            }
            Field::Remarks => {
                ws.write_blank(row, c, &st.optional_wrap)?;
            }
            f if applies(f, ind) => {
                match spec.fills.get(&(ind.code.clone(), f)) {
                    Some(Fill::Number(v)) => ws.write_number_with_format(row, c, *v, &st.input)?,
                    Some(Fill::Text(t)) => ws.write_string_with_format(row, c, t, &st.input)?,
                    None => ws.write_blank(row, c, &st.input)?,
                };
                ws.add_data_validation(row, c, row, c, &number_validation(f, ind)?)?;
                if let (Some(rate), Field::Numerator | Field::Denominator) = (&ind.rate, f) {
                    let text = if f == Field::Numerator {
                        format!("分子：{}", rate.numerator)
                    } else {
                        format!("分母：{}", rate.denominator)
                    };
                    ws.insert_note(
                        row,
                        c,
                        &Note::new(text)
                            .add_author_prefix(false)
                            .set_font_name(FONT)
                            .set_width(200)
                            .set_height(50),
                    )?;
                }
            }
            _ => {
                ws.write_blank(row, c, &st.not_applicable)?;
            }
        }
    }
    let height = row_height(wrapped.iter().map(|(t, w)| (t.as_str(), *w)), 1);
    ws.set_row_height(row, height)?;
    Ok(())
}

/// The validation of a numeric input cell: the unit's range for values, ≥ 0 for numerators and
/// denominators. Warning style, so that 无 / — can still be confirmed for "no data".
pub(super) fn number_validation(
    field: Field,
    ind: &Indicator,
) -> Result<DataValidation, XlsxError> {
    let symbol = ind.unit.symbol_zh();
    let (what, lo, hi, unit_text) = match (field, &ind.rate) {
        (Field::Numerator, Some(r)) => (
            format!("分子：{}", r.numerator),
            0.0,
            f64::INFINITY,
            "人数或例数".to_string(),
        ),
        (Field::Denominator, Some(r)) => (
            format!("分母：{}", r.denominator),
            0.0,
            f64::INFINITY,
            "人数或例数".to_string(),
        ),
        _ => {
            let (lo, hi) = ind.unit.range();
            let group = match field {
                Field::Female => "（女）",
                Field::Male => "（男）",
                Field::Urban => "（城镇）",
                Field::Rural => "（农村）",
                _ => "",
            };
            (
                format!("{}{group}", ind.name),
                lo,
                hi,
                format!("单位：{symbol}"),
            )
        }
    };
    let (range, should_be) = if hi.is_finite() {
        let r = format!("{}–{}", fmt_num(lo), fmt_num(hi));
        let s = format!("{r} 之间的数字");
        (r, s)
    } else {
        (
            format!("≥ {}", fmt_num(lo)),
            format!("不小于 {} 的数字", fmt_num(lo)),
        )
    };
    let percent_hint = if ind.unit == MeasureUnit::Percent
        && !matches!(field, Field::Numerator | Field::Denominator)
    {
        "百分比填 95.2，不填 0.952。"
    } else {
        ""
    };
    let header = field.header().trim_start_matches("其中：");
    let title = clip(
        &if matches!(field, Field::Numerator | Field::Denominator) {
            format!("{header}（{unit_text}）")
        } else {
            format!("{header}（{symbol}）")
        },
        32,
    );
    let message = clip(
        &format!(
            "请填写{what}，{unit_text}，范围 {range}。只填数字，不带单位符号。{percent_hint}无数据请填“无”并在备注说明原因。"
        ),
        255,
    );
    let error = clip(
        &format!(
            "{what}应为{should_be}（{unit_text}，不带单位符号）。\n如确无数据，可填“无”或“—”并在备注说明；点“是”保留当前输入，点“否”重新填写。"
        ),
        255,
    );
    let rule = if hi.is_finite() {
        DataValidation::new().allow_decimal_number(DataValidationRule::Between(lo, hi))
    } else {
        DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(lo))
    };
    Ok(rule
        .set_input_title(title)?
        .set_input_message(message)?
        .set_error_title("请核对数值")?
        .set_error_message(error)?
        .set_error_style(DataValidationErrorStyle::Warning)
        .ignore_blank(true))
}

// ---------------------------------------------------------------------------------------------------------
// 定性目标
