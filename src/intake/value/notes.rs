//! The notes a reading leaves: each problem or rule applied, with its code, message and hint.

// Reading a number is one rule set; its parts share the parent's types (context, notes, units).
use super::*;
use crate::i18n::diagnostics::DiagText;
use crate::i18n::fill;

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

/// A note said in both languages: `zh` and `en` fill the same keys (the unit's symbol differs).
fn said(
    code: Code,
    message: DiagText,
    hint: DiagText,
    zh: &[(&str, &str)],
    en: &[(&str, &str)],
) -> Note {
    Note {
        code,
        message: fill(message.zh(), zh),
        hint: fill(hint.zh(), zh),
        en: Some((fill(message.en(), en), fill(hint.en(), en))),
    }
}

/// The same arguments in both languages but the unit, which is `{unit}` in each.
fn with_unit<'a>(
    args: &[(&'a str, &'a str)],
    cx: &ValueContext,
) -> (Vec<(&'a str, &'a str)>, Vec<(&'a str, &'a str)>) {
    let mut zh = args.to_vec();
    let mut en = args.to_vec();
    zh.push(("unit", cx.unit.symbol_zh()));
    en.push(("unit", cx.unit.symbol_en()));
    zh.push(("example", example(cx.unit)));
    en.push(("example", example(cx.unit)));
    (zh, en)
}

fn number_note(code: Code, message: DiagText, raw: &str, cx: &ValueContext) -> Note {
    let q = quote(raw);
    let (zh, en) = with_unit(&[("raw", &q)], cx);
    said(code, message, DiagText::HintNumber, &zh, &en)
}

pub(super) fn not_a_number(raw: &str, cx: &ValueContext) -> Note {
    number_note(Code::ValueNotANumber, DiagText::NotANumber, raw, cx)
}

pub(super) fn non_finite(raw: &str, cx: &ValueContext) -> Note {
    number_note(Code::ValueNotANumber, DiagText::NonFinite, raw, cx)
}

pub(super) fn bad_grouping(raw: &str) -> Note {
    let q = quote(raw);
    let args = [("raw", q.as_str())];
    said(
        Code::ValueNotANumber,
        DiagText::BadGrouping,
        DiagText::HintGrouping,
        &args,
        &args,
    )
}

pub(super) fn wrong_unit(raw: &str, found: &str, cx: &ValueContext) -> Note {
    let (q, f) = (quote(raw), quote(found));
    let (zh, en) = with_unit(&[("raw", &q), ("found", &f)], cx);
    said(
        Code::ValueWrongUnit,
        DiagText::WrongUnit,
        DiagText::HintWrongUnit,
        &zh,
        &en,
    )
}

pub(super) fn excel_error(raw: &str, formula: Option<&str>, typed: bool) -> Note {
    let q = quote(raw);
    let f = formula.map(formula_text).unwrap_or_default();
    let message = match (typed, formula) {
        (true, _) => DiagText::ExcelErrorTyped,
        (false, Some(_)) => DiagText::ExcelErrorFormula,
        (false, None) => DiagText::ExcelErrorCell,
    };
    let args = [("raw", q.as_str()), ("formula", f.as_str())];
    said(
        Code::ValueExcelError,
        message,
        DiagText::HintExcelError,
        &args,
        &args,
    )
}

pub(super) fn formula_without_result(formula: &str, never_calculated: bool) -> Note {
    let f = formula_text(formula);
    let args = [("formula", f.as_str())];
    let message = if never_calculated {
        DiagText::FormulaNotCalculated
    } else {
        DiagText::FormulaEmpty
    };
    said(
        Code::ValueFormulaWithoutResult,
        message,
        DiagText::HintFormula,
        &args,
        &args,
    )
}

pub(super) fn date(raw: &str, cx: &ValueContext) -> Note {
    let q = quote(raw);
    let (zh, en) = with_unit(&[("raw", &q)], cx);
    said(
        Code::ValueDate,
        DiagText::DateNotNumber,
        DiagText::HintDate,
        &zh,
        &en,
    )
}

pub(super) fn boolean(raw: &str, cx: &ValueContext) -> Note {
    number_note(Code::ValueBoolean, DiagText::BooleanNotNumber, raw, cx)
}

pub(super) fn not_reported(raw: &str) -> Note {
    let q = quote(raw);
    let args = [("raw", q.as_str())];
    said(
        Code::ValueNotReported,
        DiagText::NotReported,
        DiagText::HintNotReported,
        &args,
        &args,
    )
}

pub(super) fn approximate(raw: &str, word: &str, value: f64) -> Note {
    let (q, v) = (quote(raw), general(value));
    let args = [("raw", q.as_str()), ("word", word), ("value", v.as_str())];
    said(
        Code::ValueApproximate,
        DiagText::Approximate,
        DiagText::HintApproximate,
        &args,
        &args,
    )
}

pub(super) fn fraction_for_percent(raw: &str, value: f64, expected: f64) -> Note {
    let (q, pct, v, e) = (
        quote(raw),
        general(value * 100.0),
        general(value),
        general(expected),
    );
    let args = [
        ("raw", q.as_str()),
        ("pct", pct.as_str()),
        ("v", v.as_str()),
        ("expected", e.as_str()),
    ];
    said(
        Code::ValueFractionForPercent,
        DiagText::FractionForPercent,
        DiagText::HintFractionForPercent,
        &args,
        &args,
    )
}

pub(super) fn from_formula(formula: &str, value: f64) -> Note {
    let (f, v) = (formula_text(formula), general(value));
    let args = [("formula", f.as_str()), ("value", v.as_str())];
    said(
        Code::ValueFromFormula,
        DiagText::FromFormula,
        DiagText::HintFromFormula,
        &args,
        &args,
    )
}
