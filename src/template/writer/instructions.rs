//! The 填报说明 sheet: what to fill in, how, by when, and what each colour means.

// A sheet of the template: the styles, spec and helpers are the parent module's.
use super::*;

pub(super) fn instructions_sheet(
    ws: &mut Worksheet,
    cat: &Catalog,
    spec: &TemplateSpec,
    work: &UnitWork,
    st: &Styles,
) -> Result<(), XlsxError> {
    let p = &cat.plan;
    ws.set_name(layout::SHEET_INSTRUCTIONS)?;
    ws.set_active(true);
    ws.set_screen_gridlines(false);
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 96)?;

    ws.merge_range(
        0,
        0,
        0,
        1,
        &format!("{}　{}年度监测数据填报说明", p.name, spec.year),
        &st.title,
    )?;
    ws.set_row_height(0, 32)?;

    let lead = work.lead.len();
    let coop = work.cooperating.len();
    let qual = work.qualitative.len();
    let info: [(&str, String); 5] = [
        ("规划名称", format!("{}（{}）", p.name, p.document)),
        ("填报单位", spec.unit.clone()),
        ("填报年度", format!("{} 年", spec.year)),
        ("单位（地区）", spec.org.clone()),
        (
            "填报内容",
            format!(
                "“{}”表：牵头指标 {lead} 项、配合指标 {coop} 项；“{}”表：定性目标 {qual} 项",
                layout::SHEET_DATA,
                layout::SHEET_QUALITATIVE
            ),
        ),
    ];
    let mut row: RowNum = 2;
    for (label, value) in &info {
        ws.write_string_with_format(row, 0, *label, &st.label)?;
        ws.write_string_with_format(row, 1, value, &st.locked_wrap)?;
        ws.set_row_height(row, 20)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "截止日期", &st.label)?;
    match spec.deadline.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => ws.write_string_with_format(row, 1, d, &st.locked_wrap)?,
        None => ws.write_blank(row, 1, &st.input)?,
    };
    ws.set_row_height(row, 20)?;
    row += 1;
    for label in ["填报人", "联系电话", "单位负责人（审核）"] {
        ws.write_string_with_format(row, 0, label, &st.label)?;
        ws.write_blank(row, 1, &st.input)?;
        ws.set_row_height(row, 20)?;
        row += 1;
    }

    row += 1;
    ws.write_string_with_format(row, 0, "填报要求", &st.bold)?;
    row += 1;
    let rule = format!(
        "{}年值是否在规划目标范围内由评估组判断，请如实填报，不要为“达标”而调整数字。",
        spec.year
    );
    let steps: Vec<String> = vec![
        "只在浅黄色（必填）和白色（可补充、可修改）单元格中填写；浅灰色单元格已预先填好并锁定，深灰色单元格表示该指标不分此项，无需填写。".to_string(),
        format!(
            "在“{}”表中，每个指标填一个{}年的数值，按“计量单位”列的单位填写，只填数字，不带单位符号（填 78.4，不填 78.4岁；填 12.5，不填 12.5/10万）。",
            layout::SHEET_DATA,
            spec.year
        ),
        "百分比填百分数本身：95.2% 填 95.2，不要填 0.952，也不要加 % 号；千分率、十万分率同理，填 ‰、1/10万 前面的数字。".to_string(),
        "没有数据或不涉及的，本年值填“无”，并在“备注”中说明原因（如“统计口径调整，数据次年3月发布”）；留空会被视为漏报。不要用 0 代替“没有数据”——0 表示数值就是零。".to_string(),
        "“其中：女 / 男”“其中：城镇 / 农村”列只在浅黄色时填写，填相应人群的值（比率类指标填该人群的比率，人数类指标填人数）；分项能取得多少填多少。".to_string(),
        "比率类指标请同时填写“分子”“分母”（人数或例数，含义见单元格批注及输入提示），便于核对：本年值 ≈ 分子 ÷ 分母 × 100（‰ 为 × 1000，1/10万 为 × 100000）。".to_string(),
        "“数据来源”已按规划预填，如实际来源不同请直接修改；“备注”填写口径变化、数据说明等。第二部分“本单位配合的指标”如掌握数据请填报，供牵头单位核对。".to_string(),
        format!(
            "在“{}”表中，对每项定性目标从下拉列表选择自评结论（{}），并简要填写采取的主要措施、存在的问题和佐证材料名称（佐证材料另附）。",
            layout::SHEET_QUALITATIVE,
            SELF_ASSESSMENT_OPTIONS.join("、")
        ),
        "请勿插入、删除或移动列，勿修改表头和指标编码，勿重命名或删除工作表，勿改动隐藏的工作表；否则汇总程序可能无法识别。如需补充说明，请写在“备注”列或另附材料。".to_string(),
        rule,
        "填写完毕请核对，保存为 Excel 文件（.xlsx），按原文件名报送；如有疑问请联系评估组。".to_string(),
    ];
    for (n, text) in steps.iter().enumerate() {
        ws.write_string_with_format(row, 0, format!("{}.", n + 1), &st.label)?;
        ws.write_string_with_format(row, 1, text, &st.text_wrap)?;
        ws.set_row_height(row, row_height([(text.as_str(), 96.0)], 1))?;
        row += 1;
    }

    row += 1;
    ws.write_string_with_format(row, 0, "颜色说明", &st.bold)?;
    row += 1;
    let legend = [
        (
            &st.swatch_input,
            "浅黄色：请在此填写（本年值、分项、分子分母、联系人、自评结论、措施等）",
        ),
        (
            &st.swatch_optional,
            "白色（带边框）：可补充或修改（数据来源、备注）",
        ),
        (
            &st.swatch_locked,
            "浅灰色：已预填，已锁定，不可修改（指标编码、名称、单位、目标值、基期值、上年值等）",
        ),
        (
            &st.swatch_not_applicable,
            "深灰色：该指标不分此项，无需填写（已锁定）",
        ),
    ];
    for (fmt, text) in legend {
        ws.write_blank(row, 0, fmt)?;
        ws.write_string_with_format(row, 1, text, &st.text_wrap)?;
        ws.set_row_height(row, 20)?;
        row += 1;
    }

    print_setup(ws, spec, false);
    ws.protect_with_options(&protection());
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// 指标填报
