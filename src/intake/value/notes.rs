//! The notes a reading leaves: each problem or rule applied, with its code, message and hint.

// Reading a number is one rule set; its parts share the parent's types (context, notes, units).
use super::*;

/// The raw text for a message: at most 40 characters.
pub(super) fn quote(raw: &str) -> String {
    const MAX: usize = 40;
    let mut q: String = raw.chars().take(MAX).collect();
    if raw.chars().nth(MAX).is_some() {
        q.push('…');
    }
    q
}

pub(super) fn formula_text(f: &str) -> String {
    let f = quote(f);
    if f.starts_with('=') {
        f
    } else {
        format!("={f}")
    }
}

/// An example of a bare value in the unit.
pub(super) fn example(unit: MeasureUnit) -> &'static str {
    match unit {
        MeasureUnit::Percent => "95.2",
        MeasureUnit::PerMille => "3.2",
        MeasureUnit::Per100k => "12.5",
        MeasureUnit::YearsOfAge => "78.1",
        MeasureUnit::Years => "11.6",
        MeasureUnit::Persons => "1234",
        MeasureUnit::Count => "12",
        MeasureUnit::MinutesPerDay => "120",
    }
}

pub(super) fn number_hint(cx: &ValueContext) -> String {
    format!(
        "请只填写数值（不带文字），单位为{}，如 {}；如无法提供数据，请填写“无”并在备注中说明原因",
        cx.unit.symbol_zh(),
        example(cx.unit)
    )
}

pub(super) fn not_a_number(raw: &str, cx: &ValueContext) -> Note {
    Note::new(
        Code::ValueNotANumber,
        format!("“{}”无法识别为数值", quote(raw)),
        number_hint(cx),
    )
}

pub(super) fn non_finite(raw: &str, cx: &ValueContext) -> Note {
    Note::new(
        Code::ValueNotANumber,
        format!("“{}”超出了可表示的数值范围", quote(raw)),
        number_hint(cx),
    )
}

pub(super) fn bad_grouping(raw: &str) -> Note {
    Note::new(
        Code::ValueNotANumber,
        format!(
            "“{}”中的逗号不是有效的千分位分隔（应每三位一组）",
            quote(raw)
        ),
        "千分位请写作 1,234 或不加分隔直接填 1234；小数点请用“.”，如 1.23".to_string(),
    )
}

pub(super) fn wrong_unit(raw: &str, found: &str, cx: &ValueContext) -> Note {
    Note::new(
        Code::ValueWrongUnit,
        format!(
            "“{}”所带单位“{}”与指标计量单位“{}”不符",
            quote(raw),
            quote(found),
            cx.unit.symbol_zh()
        ),
        format!(
            "本指标单位为{}：请按{}换算后只填写数值（不带单位），如 {}",
            cx.unit.symbol_zh(),
            cx.unit.symbol_zh(),
            example(cx.unit)
        ),
    )
}

pub(super) fn excel_error(raw: &str, formula: Option<&str>, typed: bool) -> Note {
    let message = match (typed, formula) {
        (true, _) => format!("“{}”是 Excel 错误值，不是数值", quote(raw)),
        (false, Some(f)) => format!(
            "公式“{}”的结果是 Excel 错误值 {}",
            formula_text(f),
            quote(raw)
        ),
        (false, None) => format!("单元格是 Excel 错误值 {}", quote(raw)),
    };
    Note::new(
        Code::ValueExcelError,
        message,
        "请检查公式引用的单元格（如除数为 0、引用的单元格已删除或为空），修正后重新计算并保存；或直接填写数值"
            .to_string(),
    )
}

pub(super) fn formula_without_result(formula: &str, never_calculated: bool) -> Note {
    let message = if never_calculated {
        format!("公式“{}”没有保存计算结果", formula_text(formula))
    } else {
        format!("公式“{}”的计算结果为空", formula_text(formula))
    };
    Note::new(
        Code::ValueFormulaWithoutResult,
        message,
        "请用 Excel 或 WPS 打开文件，重新计算（F9）后保存；或将公式替换为数值（复制 → 选择性粘贴 → 数值）；如无数据请填写“无”"
            .to_string(),
    )
}

pub(super) fn date(raw: &str, cx: &ValueContext) -> Note {
    Note::new(
        Code::ValueDate,
        format!("“{}”是日期或时间，不是数值", quote(raw)),
        format!(
            "Excel 可能把输入自动识别成了日期：请把单元格格式设为“常规”或“数值”，再重新填写数值（单位为{}，如 {}）",
            cx.unit.symbol_zh(),
            example(cx.unit)
        ),
    )
}

pub(super) fn boolean(raw: &str, cx: &ValueContext) -> Note {
    Note::new(
        Code::ValueBoolean,
        format!("“{}”是逻辑值，不是数值", quote(raw)),
        number_hint(cx),
    )
}

pub(super) fn not_reported(raw: &str) -> Note {
    Note::new(
        Code::ValueNotReported,
        format!("“{}”表示未报告，按未报告处理（不等于 0）", quote(raw)),
        "如实际数值为 0，请填写 0；未报告的原因请在备注中说明".to_string(),
    )
}

pub(super) fn approximate(raw: &str, word: &str, value: f64) -> Note {
    Note::new(
        Code::ValueApproximate,
        format!(
            "“{}”带有估计字样“{}”，已按 {} 读取",
            quote(raw),
            word,
            general(value)
        ),
        "如有确切数值请改填确切数值（不带“约”等字样）；确为估计值请在备注中说明估计方法"
            .to_string(),
    )
}

pub(super) fn fraction_for_percent(raw: &str, value: f64, expected: f64) -> Note {
    let pct = general(value * 100.0);
    let v = general(value);
    Note::new(
        Code::ValueFractionForPercent,
        format!(
            "“{}”疑似把百分比填成了小数：本指标单位为 %，参考值约为 {}",
            quote(raw),
            general(expected)
        ),
        format!(
            "请填写百分数（不带 % 号）：若为 {pct}%，请填 {pct}；若确为 {v}%，请填写“{v}%”（带 % 号）；若单元格设置了百分比格式，请改为“常规”格式后重新填写"
        ),
    )
}

pub(super) fn from_formula(formula: &str, value: f64) -> Note {
    Note::new(
        Code::ValueFromFormula,
        format!(
            "数值 {} 取自公式“{}”的计算结果",
            general(value),
            formula_text(formula)
        ),
        "请确认公式引用的单元格正确；报送前可将公式转换为数值".to_string(),
    )
}
