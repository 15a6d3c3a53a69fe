//! The value rules, case by case: what a department typed and what planeval makes of it.

use super::*;
use MeasureUnit as U;

#[test]
fn general_shows_numbers_as_excel_does() {
    // The slow path alone: round to 15 significant digits, then the shortest text.
    let slow = |v: f64| {
        let r: f64 = format!("{v:.14e}").parse().unwrap();
        format!("{r}")
    };
    let tricky = [
        0.1 + 0.2,
        78.1,
        1.0 / 3.0,
        2.675,
        16.8 - 7.0,
        123456789012345.0,
        99999999999999.99,
        0.000123,
        1e-9,
        -45.25,
        1e14 + 0.5,
        0.95199999999999996,
    ];
    for v in tricky {
        assert_eq!(general(v), slow(v), "{v:e}");
    }
    assert_eq!(general(0.1 + 0.2), "0.3");
    assert_eq!(general(1e15), "1E+15");
    assert_eq!(general(0.0), "0");
}
use calamine::{CellErrorType, ExcelDateTimeType};

fn cx(unit: MeasureUnit) -> ValueContext {
    ValueContext::new(unit)
}

fn cxm(unit: MeasureUnit, m: f64) -> ValueContext {
    ValueContext {
        unit,
        expected_magnitude: Some(m),
    }
}

fn text(s: &str, c: &ValueContext) -> Reading {
    read_number(&Data::String(s.to_string()), None, c)
}

fn codes(r: &Reading) -> Vec<Code> {
    r.notes.iter().map(|n| n.code).collect()
}

/// Every reading obeys the same shape, whatever the input.
fn check_invariants(r: &Reading) {
    match r.outcome {
        Outcome::Number(v) => {
            assert!(v.is_finite(), "{r:?}");
            assert!(!(v == 0.0 && v.is_sign_negative()), "{r:?}");
            assert!(
                r.notes.iter().all(|n| n.severity() != Severity::Error),
                "{r:?}"
            );
        }
        Outcome::NotReported => {
            assert!(r.rules.is_empty(), "{r:?}");
            assert!(
                r.notes.iter().all(|n| n.code == Code::ValueNotReported),
                "{r:?}"
            );
        }
        Outcome::Rejected => {
            assert_eq!(r.notes.len(), 1, "{r:?}");
            assert_eq!(r.notes[0].severity(), Severity::Error, "{r:?}");
            assert!(r.rules.is_empty(), "{r:?}");
        }
    }
    for n in &r.notes {
        assert!(!n.message.is_empty() && !n.hint.is_empty(), "{r:?}");
    }
}

fn assert_number(s: &str, c: &ValueContext, want: f64, rules: &[&str]) {
    let r = text(s, c);
    check_invariants(&r);
    assert_eq!(r.outcome, Outcome::Number(want), "{s:?} → {r:?}");
    assert_eq!(r.raw, s);
    for rule in rules {
        assert!(
            r.rules.contains(rule),
            "{s:?}: rule {rule} missing in {:?}",
            r.rules
        );
    }
}

fn assert_rejected(s: &str, c: &ValueContext, code: Code) -> Reading {
    let r = text(s, c);
    check_invariants(&r);
    assert_eq!(r.outcome, Outcome::Rejected, "{s:?} → {r:?}");
    assert_eq!(codes(&r), vec![code], "{s:?} → {r:?}");
    r
}

// ── number cells ──

#[test]
fn number_cells_are_numbers_without_notes() {
    let c = cx(U::Percent);
    for (cell, want, raw) in [
        (Data::Int(95), 95.0, "95"),
        (Data::Int(0), 0.0, "0"),
        (Data::Int(-3), -3.0, "-3"),
        (Data::Float(95.2), 95.2, "95.2"),
        (Data::Float(1234.0), 1234.0, "1234"),
        (Data::Float(-0.0), 0.0, "0"),
    ] {
        let r = read_number(&cell, None, &c);
        check_invariants(&r);
        assert_eq!(r.outcome, Outcome::Number(want), "{cell:?}");
        assert_eq!(r.raw, raw);
        assert!(r.notes.is_empty() && r.rules.is_empty(), "{r:?}");
    }
}

#[test]
fn raw_text_of_numbers_is_what_excel_shows() {
    for (v, want) in [
        (95.2, "95.2"),
        (0.1 + 0.2, "0.3"),
        (1234.0, "1234"),
        (12345678.0, "12345678"),
        (-1.5, "-1.5"),
        (0.0, "0"),
        (1e20, "1E+20"),
        (1.5e20, "1.5E+20"),
        (1e-10, "1E-10"),
        (0.001, "0.001"),
        (95.200000001, "95.200000001"),
    ] {
        assert_eq!(raw_text(&Data::Float(v)), want, "{v}");
    }
    // As stored in the XML of a workbook.
    let stored: f64 = "95.200000000000003".parse().unwrap();
    assert_eq!(raw_text(&Data::Float(stored)), "95.2");
    assert_eq!(raw_text(&Data::Int(-42)), "-42");
    assert_eq!(raw_text(&Data::Empty), "");
    assert_eq!(raw_text(&Data::Bool(true)), "TRUE");
    assert_eq!(raw_text(&Data::Bool(false)), "FALSE");
    assert_eq!(raw_text(&Data::String(" 95.2 ".into())), " 95.2 ");
}

// ── formulas ──

#[test]
fn formula_with_cached_number_is_a_number_with_an_info_note() {
    let r = read_number(&Data::Float(95.2), Some("B7/C7*100"), &cx(U::Percent));
    check_invariants(&r);
    assert_eq!(r.outcome, Outcome::Number(95.2));
    assert_eq!(codes(&r), vec![Code::ValueFromFormula]);
    assert!(r.notes[0].message.contains("=B7/C7*100"), "{r:?}");
    assert!(r.notes[0].message.contains("95.2"), "{r:?}");
    // A blank formula is no formula.
    let r = read_number(&Data::Float(95.2), Some("  "), &cx(U::Percent));
    assert!(r.notes.is_empty());
    // A formula's text result goes through the text rules.
    let r = read_number(
        &Data::String("95.2%".into()),
        Some("=TEXT(A1,\"0.0%\")"),
        &cx(U::Percent),
    );
    check_invariants(&r);
    assert_eq!(r.outcome, Outcome::Number(95.2));
    assert_eq!(codes(&r), vec![Code::ValueFromFormula]);
    assert!(r.rules.contains(&rule::PERCENT_SIGN));
}

#[test]
fn formula_without_result_is_rejected() {
    let c = cx(U::Persons);
    for cell in [
        Data::Empty,
        Data::String(String::new()),
        Data::String("  ".into()),
    ] {
        let r = read_number(&cell, Some("SUM(B2:B9)"), &c);
        check_invariants(&r);
        assert_eq!(r.outcome, Outcome::Rejected, "{cell:?}");
        assert_eq!(codes(&r), vec![Code::ValueFormulaWithoutResult]);
        assert!(r.notes[0].message.contains("=SUM(B2:B9)"), "{r:?}");
    }
}

#[test]
fn formula_results_that_are_not_numbers_keep_their_own_code() {
    let c = cx(U::Percent);
    let r = read_number(&Data::Error(CellErrorType::Div0), Some("B7/C7"), &c);
    check_invariants(&r);
    assert_eq!(codes(&r), vec![Code::ValueExcelError]);
    assert_eq!(r.raw, "#DIV/0!");
    assert!(r.notes[0].message.contains("=B7/C7") && r.notes[0].message.contains("#DIV/0!"));
    let r = read_number(&Data::Bool(true), Some("A1>0"), &c);
    assert_eq!(codes(&r), vec![Code::ValueBoolean]);
    // A fraction computed by a formula is still a fraction.
    let r = read_number(&Data::Float(0.952), Some("B7/C7"), &cxm(U::Percent, 95.0));
    check_invariants(&r);
    assert_eq!(codes(&r), vec![Code::ValueFractionForPercent]);
}

// ── text ──

#[test]
fn numbers_stored_as_text() {
    let c = cx(U::Count);
    for (s, want) in [
        ("95.2", 95.2),
        (" 95.2 ", 95.2),
        ("\t95.2\n", 95.2),
        ("+3", 3.0),
        ("-1.5", -1.5),
        ("1e3", 1000.0),
        ("1E-2", 0.01),
        ("1.5e+2", 150.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("007", 7.0),
        ("0", 0.0),
        ("-0", 0.0),
        ("95.20", 95.2),
    ] {
        assert_number(s, &c, want, &[rule::NUMBER_AS_TEXT]);
    }
}

#[test]
fn full_width_forms_are_normalised() {
    let c = cx(U::Percent);
    for (s, want) in [
        ("９５．２", 95.2),
        ("９５．２％", 95.2),
        ("－５", -5.0),
        ("＋３", 3.0),
        ("\u{3000}95.2\u{3000}", 95.2),
        ("95.2\u{3000}%", 95.2),
    ] {
        assert_number(s, &c, want, &[rule::NUMBER_AS_TEXT, rule::FULL_WIDTH]);
    }
    assert_number(
        "１，２３４",
        &cx(U::Persons),
        1234.0,
        &[rule::FULL_WIDTH, rule::THOUSANDS_SEPARATOR],
    );
    // No full-width rule when there was nothing full-width.
    assert!(!text("95.2", &c).rules.contains(&rule::FULL_WIDTH));
    // Zero-width characters and non-breaking spaces are dropped.
    assert_number("\u{FEFF}95.2\u{00A0}", &c, 95.2, &[]);
}

#[test]
fn unicode_minus_is_normalised() {
    let c = cx(U::Count);
    assert_number("−5", &c, -5.0, &[rule::UNICODE_MINUS]);
    assert_number("﹣5.5", &c, -5.5, &[rule::UNICODE_MINUS]);
    assert_number("-5", &c, -5.0, &[rule::NUMBER_AS_TEXT]);
    assert_eq!(
        read_number(&Data::Float(-5.0), None, &c).outcome,
        Outcome::Number(-5.0)
    );
}

#[test]
fn ideographic_full_stop_only_between_digits() {
    let c = cx(U::Percent);
    assert_number("95。2", &c, 95.2, &[rule::FULL_STOP_DECIMAL]);
    assert_number(
        "９５。２％",
        &c,
        95.2,
        &[rule::FULL_STOP_DECIMAL, rule::FULL_WIDTH],
    );
    for s in ["95。", "。5", "9。5。2"] {
        assert_rejected(s, &c, Code::ValueNotANumber);
    }
}

#[test]
fn thousands_separators() {
    let c = cx(U::Persons);
    for (s, want) in [
        ("1,234", 1234.0),
        ("1,234.5", 1234.5),
        ("12,345,678", 12_345_678.0),
        ("-1,234", -1234.0),
        ("1，234", 1234.0),
        ("1,234人", 1234.0),
    ] {
        assert_number(s, &c, want, &[rule::THOUSANDS_SEPARATOR]);
    }
    for s in [
        "1,23",
        "1,2345",
        ",123",
        "1,234,5",
        "1234,567",
        "1,234.5,6",
        "1，23",
        "1,,234",
        "1,234e3",
    ] {
        let r = text(s, &c);
        check_invariants(&r);
        assert_eq!(codes(&r), vec![Code::ValueNotANumber], "{s}");
    }
    let r = assert_rejected("1,23", &c, Code::ValueNotANumber);
    assert!(r.notes[0].hint.contains("1,234"), "{r:?}");
    assert!(r.notes[0].message.contains("“1,23”"), "{r:?}");
}

#[test]
fn units_of_the_indicator_are_stripped() {
    let table: &[(MeasureUnit, &str, f64)] = &[
        (U::Percent, "95%", 95.0),
        (U::Percent, "95 %", 95.0),
        (U::Percent, "95％", 95.0),
        (U::Percent, "95.2 %", 95.2),
        (U::Percent, "0%", 0.0),
        (U::Percent, "100%", 100.0),
        (U::PerMille, "3.2‰", 3.2),
        (U::Per100k, "12.5/10万", 12.5),
        (U::Per100k, "12.5/10万人", 12.5),
        (U::Per100k, "12.5/100000", 12.5),
        (U::Per100k, "12.5 /10 万", 12.5),
        (U::Per100k, "12.5per100k", 12.5),
        (U::Per100k, "12.5 Per 100k", 12.5),
        (U::Per100k, "12.5／10万", 12.5),
        (U::YearsOfAge, "78.1岁", 78.1),
        (U::YearsOfAge, "78.1 周岁", 78.1),
        (U::Years, "11.6年", 11.6),
        (U::Persons, "1234人", 1234.0),
        (U::Persons, "1,234人", 1234.0),
        (U::Persons, "1234名", 1234.0),
        (U::Count, "12个", 12.0),
        (U::Count, "12家", 12.0),
        (U::Count, "3所", 3.0),
        (U::MinutesPerDay, "120分钟", 120.0),
        (U::MinutesPerDay, "120 分钟/天", 120.0),
        (U::MinutesPerDay, "120min", 120.0),
    ];
    for (unit, s, want) in table {
        assert_number(s, &cx(*unit), *want, &[rule::UNIT_SUFFIX]);
    }
    assert_number("95%", &cx(U::Percent), 95.0, &[rule::PERCENT_SIGN]);
    assert_number("每10万人 12.5", &cx(U::Per100k), 12.5, &[rule::UNIT_PREFIX]);
    assert_number(
        "每十万人口12.5",
        &cx(U::Per100k),
        12.5,
        &[rule::UNIT_PREFIX],
    );
}

#[test]
fn wan_multiplies_persons_and_counts() {
    for (unit, s, want) in [
        (U::Persons, "1.2万人", 12_000.0),
        (U::Persons, "1.2万", 12_000.0),
        (U::Persons, "0.0003万人", 3.0),
        (U::Count, "2.5万", 25_000.0),
        (U::Count, "1.2万户", 12_000.0),
    ] {
        assert_number(s, &cx(unit), want, &[rule::WAN_MULTIPLIER]);
    }
    assert_rejected("1.2万", &cx(U::Percent), Code::ValueWrongUnit);
    assert_rejected("1.2万人", &cx(U::Count), Code::ValueWrongUnit);
}

#[test]
fn units_of_other_indicators_are_rejected() {
    for (unit, s) in [
        (U::Per100k, "12.5%"),
        (U::Percent, "78岁"),
        (U::Persons, "95%"),
        (U::Percent, "3.2‰"),
        (U::PerMille, "3.2%"),
        (U::YearsOfAge, "78.1年"),
        (U::Years, "11.6岁"),
        (U::Count, "12人"),
        (U::Persons, "12个"),
        (U::MinutesPerDay, "2小时"),
        (U::Percent, "5万元"),
        (U::Percent, "3个百分点"),
        (U::Percent, "每10万人12.5"),
        (U::Persons, "¥12"),
        (U::Percent, "约12.5/10万"),
    ] {
        let r = assert_rejected(s, &cx(unit), Code::ValueWrongUnit);
        assert!(r.notes[0].hint.contains(unit.symbol_zh()), "{s}: {r:?}");
        assert!(r.notes[0].message.contains(&format!("“{s}”")), "{s}: {r:?}");
    }
}

#[test]
fn approximation_words_are_read_with_a_warning() {
    let c = cx(U::Percent);
    for (s, word) in [
        ("约45%", "约"),
        ("大约45", "大约"),
        ("45左右", "左右"),
        ("近45", "近"),
        ("约 45 %", "约"),
        ("45%左右", "左右"),
        ("约45左右", "约"),
        ("≈45", "≈"),
        ("～45", "~"),
    ] {
        let r = text(s, &c);
        check_invariants(&r);
        assert_eq!(r.outcome, Outcome::Number(45.0), "{s}");
        assert_eq!(codes(&r), vec![Code::ValueApproximate], "{s}");
        assert_eq!(r.notes[0].severity(), Severity::Warning);
        assert!(r.notes[0].message.contains(&format!("“{s}”")), "{r:?}");
        assert!(r.notes[0].message.contains(word), "{r:?}");
    }
    assert_rejected("约", &c, Code::ValueNotANumber);
    assert_rejected("左右", &c, Code::ValueNotANumber);
    assert_number(
        "约1.2万人",
        &cx(U::Persons),
        12_000.0,
        &[rule::WAN_MULTIPLIER],
    );
}

#[test]
fn fractions_for_percentages_are_rejected_only_when_the_scale_says_so() {
    let expect95 = cxm(U::Percent, 95.0);
    for cell in [
        Data::Float(0.952),
        Data::Float(1.0),
        Data::Int(1),
        Data::String("0.952".into()),
        Data::String("约0.95".into()),
    ] {
        let r = read_number(&cell, None, &expect95);
        check_invariants(&r);
        assert_eq!(codes(&r), vec![Code::ValueFractionForPercent], "{cell:?}");
    }
    let r = read_number(&Data::Float(0.952), None, &expect95);
    assert!(r.notes[0].hint.contains("若为 95.2%，请填 95.2"), "{r:?}");
    assert!(r.notes[0].message.contains("“0.952”"), "{r:?}");
    // Accepted: explicit % sign, no expectation, small expectation, 0, above 1, other units.
    for (cell, c, want) in [
        (Data::String("0.95%".into()), expect95, 0.95),
        (Data::Float(0.952), cx(U::Percent), 0.952),
        (Data::Float(0.952), cxm(U::Percent, 5.0), 0.952),
        (Data::Float(0.952), cxm(U::Percent, 1.2), 0.952),
        (Data::Float(0.952), cxm(U::Percent, f64::NAN), 0.952),
        (Data::Int(0), expect95, 0.0),
        (Data::Float(1.5), expect95, 1.5),
        (Data::Float(-0.5), expect95, -0.5),
        (Data::Float(0.952), cxm(U::PerMille, 95.0), 0.952),
    ] {
        let r = read_number(&cell, None, &c);
        check_invariants(&r);
        assert_eq!(r.outcome, Outcome::Number(want), "{cell:?} {c:?}");
    }
}

#[test]
fn excel_errors_are_rejected() {
    let c = cx(U::Percent);
    for (e, shown) in [
        (CellErrorType::Div0, "#DIV/0!"),
        (CellErrorType::NA, "#N/A"),
        (CellErrorType::Value, "#VALUE!"),
        (CellErrorType::Ref, "#REF!"),
        (CellErrorType::Name, "#NAME?"),
        (CellErrorType::Num, "#NUM!"),
        (CellErrorType::Null, "#NULL!"),
        (CellErrorType::GettingData, "#DATA!"),
    ] {
        let r = read_number(&Data::Error(e), None, &c);
        check_invariants(&r);
        assert_eq!(codes(&r), vec![Code::ValueExcelError]);
        assert_eq!(r.raw, shown);
        assert!(r.notes[0].message.contains(shown));
        assert!(r.notes[0].hint.contains("公式"));
        // Typed (or pasted) as text.
        let r = assert_rejected(shown, &c, Code::ValueExcelError);
        assert!(r.notes[0].message.contains(shown));
    }
    assert_rejected(" #div/0! ", &c, Code::ValueExcelError);
}

#[test]
fn dates_are_rejected() {
    let c = cx(U::Percent);
    // 45050 is 2023-05-04 in the 1900 system.
    for (dt, shown) in [
        (
            ExcelDateTime::new(45050.0, ExcelDateTimeType::DateTime, false),
            "2023-05-04",
        ),
        (
            ExcelDateTime::new(45050.5, ExcelDateTimeType::DateTime, false),
            "2023-05-04 12:00:00",
        ),
        (
            ExcelDateTime::new(0.4375, ExcelDateTimeType::DateTime, false),
            "10:30:00",
        ),
        (
            ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false),
            "36:00:00",
        ),
        (
            ExcelDateTime::new(f64::NAN, ExcelDateTimeType::DateTime, false),
            "NaN",
        ),
        (
            ExcelDateTime::new(-3.0, ExcelDateTimeType::DateTime, false),
            "-3",
        ),
        (
            ExcelDateTime::new(1e300, ExcelDateTimeType::DateTime, false),
            "1E+300",
        ),
    ] {
        let r = read_number(&Data::DateTime(dt), None, &c);
        check_invariants(&r);
        assert_eq!(codes(&r), vec![Code::ValueDate]);
        assert_eq!(r.raw, shown);
    }
    for (cell, shown) in [
        (
            Data::DateTimeIso("2023-05-04T00:00:00".into()),
            "2023-05-04",
        ),
        (
            Data::DateTimeIso("2023-05-04T10:30:00".into()),
            "2023-05-04T10:30:00",
        ),
        (Data::DurationIso("PT1H".into()), "PT1H"),
    ] {
        let r = read_number(&cell, None, &c);
        check_invariants(&r);
        assert_eq!(codes(&r), vec![Code::ValueDate]);
        assert_eq!(r.raw, shown);
    }
    for s in [
        "2023-05-04",
        "2023/5/4",
        "2023.5.4",
        "2023-05",
        "2023年5月4日",
        "2023年5月",
        "2023 年 5 月 4 日",
        "5月4日",
        "5月4号",
        "２０２３年５月４日",
        "4/5/2023",
        "2023-05-04 10:30",
        "2023-05-04T10:30:00",
        "10:30",
        "10:30:15",
    ] {
        let r = assert_rejected(s, &c, Code::ValueDate);
        assert!(r.notes[0].message.contains(&format!("“{s}”")));
    }
    // Not dates: numbers that merely resemble one.
    assert_number("2023.5", &cx(U::Count), 2023.5, &[]);
    assert_number("2023年", &cx(U::Years), 2023.0, &[rule::UNIT_SUFFIX]);
    assert_rejected("1.2.3", &c, Code::ValueNotANumber);
}

#[test]
fn not_reported_markers_are_not_zero() {
    let c = cx(U::Percent);
    for m in NOT_REPORTED_MARKERS {
        for s in [m.to_string(), format!("  {m} "), format!("\u{3000}{m}")] {
            let r = text(&s, &c);
            check_invariants(&r);
            assert_eq!(r.outcome, Outcome::NotReported, "{s:?}");
            assert_eq!(codes(&r), vec![Code::ValueNotReported], "{s:?}");
            assert_eq!(r.notes[0].severity(), Severity::Info);
            assert!(r.notes[0].message.contains(&format!("“{s}”")));
        }
    }
    for s in ["n/a", "N/a", "Ｎ／Ａ", "−"] {
        assert_eq!(text(s, &c).outcome, Outcome::NotReported, "{s}");
    }
    assert_eq!(text("0", &c).outcome, Outcome::Number(0.0));
    assert_eq!(text("０", &c).outcome, Outcome::Number(0.0));
}

#[test]
fn booleans_are_rejected() {
    let c = cx(U::Count);
    for cell in [
        Data::Bool(true),
        Data::Bool(false),
        Data::String("TRUE".into()),
        Data::String("false".into()),
    ] {
        let r = read_number(&cell, None, &c);
        check_invariants(&r);
        assert_eq!(codes(&r), vec![Code::ValueBoolean], "{cell:?}");
    }
}

#[test]
fn anything_else_is_not_a_number() {
    let c = cx(U::Percent);
    for s in [
        "不详",
        "见附件",
        "见附件3",
        "12.5 15.0",
        "40-50",
        "40~50",
        "abc",
        "1.2.3",
        "%",
        "％",
        "约",
        "+",
        ".",
        "e5",
        "1e",
        "1e+",
        "--5",
        "- 5",
        "inf",
        "NaN",
        "infinity",
        "0x1A",
        "95%%",
        "百分之九十五",
        "95（估计）",
        "(5)",
        ">95",
        "95.2 abc",
        "1/2",
    ] {
        let r = assert_rejected(s, &c, Code::ValueNotANumber);
        let n = &r.notes[0];
        assert!(n.message.contains(&format!("“{s}”")), "{s}: {n:?}");
        assert!(
            n.hint.contains("单位为%") && n.hint.contains("“无”"),
            "{s}: {n:?}"
        );
    }
}

#[test]
fn non_finite_values_are_rejected() {
    let c = cx(U::Count);
    for cell in [
        Data::Float(f64::INFINITY),
        Data::Float(f64::NEG_INFINITY),
        Data::Float(f64::NAN),
        Data::String("1e999".into()),
        Data::String("-1e999".into()),
        Data::String("1e99999999999999999999".into()),
        Data::String("1e400万".into()),
    ] {
        let r = read_number(&cell, None, &c);
        check_invariants(&r);
        assert_eq!(codes(&r), vec![Code::ValueNotANumber], "{cell:?}");
    }
    // Tiny exponents underflow to zero, which is finite.
    assert_number("1e-99999999999", &c, 0.0, &[]);
}

#[test]
fn blanks() {
    for (cell, blank) in [
        (Data::Empty, true),
        (Data::String(String::new()), true),
        (Data::String("   ".into()), true),
        (Data::String("\u{3000}\t\n".into()), true),
        (Data::String("\u{200B}".into()), true),
        (Data::String("0".into()), false),
        (Data::String("无".into()), false),
        (Data::Int(0), false),
        (Data::Float(0.0), false),
        (Data::Bool(false), false),
        (Data::Error(CellErrorType::NA), false),
    ] {
        assert_eq!(is_blank(&cell), blank, "{cell:?}");
    }
    // A blank cell without a formula is not diagnosed here.
    for cell in [Data::Empty, Data::String(" ".into())] {
        let r = read_number(&cell, None, &cx(U::Percent));
        check_invariants(&r);
        assert_eq!(r.outcome, Outcome::NotReported);
        assert!(r.notes.is_empty());
    }
}

#[test]
fn long_and_odd_inputs_do_not_blow_up() {
    let c = cxm(U::Percent, 95.0);
    let long_digits = "9".repeat(10_000);
    let long_text = "约".repeat(10_000);
    let long_mixed = "1,".repeat(5_000);
    let long_dates = "2023-05-04 ".repeat(1_000);
    let long_full = "９".repeat(10_000);
    for s in [
        &long_digits,
        &long_text,
        &long_mixed,
        &long_dates,
        &long_full,
    ] {
        let r = text(s, &c);
        check_invariants(&r);
        assert_eq!(r.raw, *s);
        for n in &r.notes {
            assert!(n.message.chars().count() < 200, "message not truncated");
        }
    }
    // 10,000 nines is beyond f64.
    assert_eq!(codes(&text(&long_digits, &c)), vec![Code::ValueNotANumber]);
}

#[test]
fn no_input_breaks_the_invariants() {
    // Every string of up to three characters over an alphabet of the troublesome ones.
    let alphabet = [
        "", "0", "1", "9", ".", ",", "-", "+", "e", "%", "％", "万", "人", "约", "左右", "。", "/",
        " ", "\u{3000}", "：", ":", "年", "月", "日", "−", "—", "无", "#", "‰", "１",
    ];
    for unit in MeasureUnit::ALL {
        let c = cxm(*unit, 95.0);
        for a in alphabet {
            for b in alphabet {
                for d in alphabet {
                    let s = format!("{a}{b}{d}");
                    let r = text(&s, &c);
                    check_invariants(&r);
                    assert_eq!(r.raw, s);
                }
            }
        }
    }
}

#[test]
fn every_value_code_is_reachable() {
    let c = cxm(U::Percent, 95.0);
    let mut seen = std::collections::HashSet::new();
    let cases: Vec<(Data, Option<&str>)> = vec![
        (Data::String("abc".into()), None),
        (Data::String("约45".into()), None),
        (Data::Float(0.9), None),
        (Data::Error(CellErrorType::Ref), None),
        (Data::Empty, Some("A1")),
        (Data::String("2023-05-04".into()), None),
        (Data::String("45岁".into()), None),
        (Data::String("无".into()), None),
        (Data::Bool(true), None),
        (Data::Float(45.0), Some("A1")),
    ];
    for (cell, f) in &cases {
        for n in read_number(cell, *f, &c).notes {
            seen.insert(n.code);
        }
    }
    // V111 (more decimals than the indicator declares) needs the indicator's decimals, which the
    // cell reader does not know: validate::check_row emits it (tested there).
    let value_codes: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| c.id().starts_with('V') && *c != Code::ValueMoreDecimals)
        .collect();
    for code in value_codes {
        assert!(seen.contains(&code), "{code:?} never emitted");
    }
}

#[test]
fn diagnostics_carry_location_and_raw() {
    let r = text("约45%", &cx(U::Percent));
    let loc = Location::Cell {
        file: "a.xlsx".into(),
        sheet: "指标填报".into(),
        cell: "H7".into(),
    };
    let d = r.diagnostics(&loc);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::ValueApproximate);
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(d[0].raw.as_deref(), Some("约45%"));
    assert_eq!(d[0].location, loc);
    assert_eq!(r.number(), Some(45.0));
    assert_eq!(text("无", &cx(U::Percent)).number(), None);
}
