//! Validation: whether the numbers of one indicator row make sense, alone and together.
//!
//! Intake has already read each cell into a number (or a diagnostic); these rules look at the numbers.
//! A value the unit cannot take (R203) is quarantined: it is reported and not accepted. Rules that
//! relate several cells — a part larger than its total (R204), parts that do not add up (R205),
//! numerator ÷ denominator against the rate (R206) — cannot tell which cell is wrong, so the values stay
//! accepted and the row is flagged as an error for the department to resolve. A large change against
//! last year (R211) is a warning: often real, worth a second look.

use crate::catalog::target::fmt_num;
use crate::catalog::{Indicator, MeasureUnit};
use crate::diagnostic::Code;
use crate::i18n::diagnostics::DiagText;
use crate::i18n::{fill, Lang};
use crate::template::layout::Field;
use std::collections::BTreeMap;

/// Relative change against last year above which R211 warns (50%).
pub const DEFAULT_JUMP_THRESHOLD: f64 = 0.5;

/// One numeric input cell of a row, as intake read it.
#[derive(Debug, Clone)]
pub struct ParsedCell {
    pub col: u32,
    pub raw: String,
    /// The number, when the cell read as one.
    pub value: Option<f64>,
    pub not_reported: bool,
    pub rules: Vec<&'static str>,
}

/// An indicator row of a returned workbook.
#[derive(Debug, Clone)]
pub struct ParsedRow {
    pub indicator: Indicator,
    pub sheet: String,
    pub row: u32,
    /// The column that identifies the row (code, else name), for row-level diagnostics.
    pub code_col: u32,
    /// Last year's value as pre-filled in the template, when there is one.
    pub last_year: Option<f64>,
    pub cells: BTreeMap<Field, ParsedCell>,
    pub source: Option<String>,
    pub remarks: Option<String>,
}

/// A problem found in a row, at one of its cells.
#[derive(Debug, Clone)]
pub struct RowDiagnostic {
    pub code: Code,
    pub col: u32,
    pub raw: String,
    pub message: String,
    pub hint: String,
    /// The message and hint in English.
    pub en: Option<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct RowOutcome {
    pub diagnostics: Vec<RowDiagnostic>,
    /// Cells whose values must not be accepted.
    pub rejected: Vec<Field>,
}

impl ParsedRow {
    fn value(&self, f: Field) -> Option<f64> {
        self.cells.get(&f).and_then(|c| c.value)
    }
}

/// Half a unit of the last kept decimal: the slack rounding leaves between parts and totals.
fn rounding_slack(ind: &Indicator) -> f64 {
    0.5 * 10f64.powi(-(ind.decimals as i32)) + 1e-9
}

/// Every check of one indicator row. Range (R203) and decimals (V111) look at each cell alone; a cell
/// out of range is rejected and left out of the checks across cells (parts against total, the rate
/// against its numerator and denominator, the change against last year), so that one typing error
/// gives one diagnostic.
pub fn check_row(row: &ParsedRow, jump_threshold: f64) -> RowOutcome {
    let mut out = RowOutcome::default();
    let mut found = Vec::new();
    range(row, &mut out.rejected, &mut found);
    decimals(row, &out.rejected, &mut found);
    let accepted = |f: Field| row.value(f).filter(|_| !out.rejected.contains(&f));
    let total = accepted(Field::Value);
    breakdowns(row, &accepted, total, &mut found);
    rate(row, &accepted, total, &mut found);
    jump(row, total, jump_threshold, &mut found);
    for Said {
        code,
        field,
        zh,
        en,
    } in found
    {
        if let Some(c) = row.cells.get(&field) {
            out.diagnostics.push(RowDiagnostic {
                code,
                col: c.col,
                raw: c.raw.clone(),
                message: zh.0,
                hint: zh.1,
                en: Some(en),
            });
        }
    }
    out
}

/// What a check found: the code, the cell's field, message and hint in both languages.
struct Said {
    code: Code,
    field: Field,
    zh: (String, String),
    en: (String, String),
}

type Found = Vec<Said>;

/// Records what a check found; `args(lang)` gives the placeholders' values in each language (the
/// indicator's name, a column's header and a unit's symbol differ).
fn say(
    found: &mut Found,
    code: Code,
    field: Field,
    (message, hint): (DiagText, DiagText),
    args: &dyn Fn(Lang) -> Vec<(&'static str, String)>,
) {
    let text = |lang: Lang| {
        let a = args(lang);
        let a: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
        (fill(message.text(lang), &a), fill(hint.text(lang), &a))
    };
    found.push(Said {
        code,
        field,
        zh: text(Lang::Zh),
        en: text(Lang::En),
    });
}

/// The indicator's name, a column's header and the unit's symbol in `lang`.
fn names(ind: &Indicator, f: Field, lang: Lang) -> Vec<(&'static str, String)> {
    match lang {
        Lang::Zh => vec![
            ("name", ind.name.clone()),
            ("header", f.header().to_string()),
            ("unit", ind.unit.symbol_zh().to_string()),
        ],
        Lang::En => vec![
            (
                "name",
                if ind.name_en.is_empty() {
                    ind.name.clone()
                } else {
                    ind.name_en.clone()
                },
            ),
            ("header", f.header_en().to_string()),
            ("unit", ind.unit.symbol_en().to_string()),
        ],
    }
}

/// R203: what the unit allows. Numerators and denominators are counts. A value out of range is rejected.
fn range(row: &ParsedRow, rejected: &mut Vec<Field>, found: &mut Found) {
    let ind = &row.indicator;
    for (f, c) in &row.cells {
        let Some(v) = c.value else { continue };
        let (ok, range_text) = match f {
            Field::Numerator | Field::Denominator => (v >= 0.0 && v.is_finite(), "≥ 0".to_string()),
            _ => {
                let (lo, hi) = ind.unit.range();
                let text = if hi.is_finite() {
                    format!("{}–{}", fmt_num(lo), fmt_num(hi))
                } else {
                    format!("≥ {}", fmt_num(lo))
                };
                (ind.unit.admits(v), text)
            }
        };
        if !ok {
            rejected.push(*f);
            let f = *f;
            say(
                found,
                Code::OutOfRange,
                f,
                (DiagText::OutOfRange, DiagText::HintOutOfRange),
                &|lang| {
                    let mut a = names(ind, f, lang);
                    a.push(("raw", c.raw.clone()));
                    a.push(("range", range_text.clone()));
                    a
                },
            );
        }
    }
}

/// V111: more decimals than the indicator keeps. Scoring judges the value as typed, so a digit the
/// indicator does not keep may decide a verdict (78.06 against "≥ 78.1"); the department should know.
fn decimals(row: &ParsedRow, rejected: &[Field], found: &mut Found) {
    let ind = &row.indicator;
    for (f, c) in &row.cells {
        if matches!(f, Field::Numerator | Field::Denominator) || rejected.contains(f) {
            continue;
        }
        let Some(v) = c.value else { continue };
        let carried = crate::score::precision::carried_decimals(v);
        if carried > ind.decimals {
            let f = *f;
            say(
                found,
                Code::ValueMoreDecimals,
                f,
                (DiagText::MoreDecimals, DiagText::HintMoreDecimals),
                &|lang| {
                    let mut a = names(ind, f, lang);
                    a.push(("raw", c.raw.clone()));
                    a.push(("carried", carried.to_string()));
                    a.push(("decimals", ind.decimals.to_string()));
                    a.push((
                        "example",
                        crate::score::precision::format_fixed(v, ind.decimals),
                    ));
                    a
                },
            );
        }
    }
}

/// R204/R205/R213/R216: the sex and urban/rural groups against the total — a count's parts add up to
/// it and none exceeds it; a rate of the whole lies between the rates of its two groups.
fn breakdowns(
    row: &ParsedRow,
    accepted: &dyn Fn(Field) -> Option<f64>,
    total: Option<f64>,
    found: &mut Found,
) {
    let ind = &row.indicator;
    let slack = rounding_slack(ind);
    let is_count = matches!(ind.unit, MeasureUnit::Persons | MeasureUnit::Count);
    // A gap indicator reports its two groups and no total: nothing to add up.
    let pairs: &[(Field, Field, [&str; 2])] = if ind.gap_of_own_groups() {
        &[]
    } else {
        &[
            (Field::Female, Field::Male, ["女、男", "female and male"]),
            (
                Field::Urban,
                Field::Rural,
                ["城镇、农村", "urban and rural"],
            ),
        ]
    };
    let groups = |label: [&str; 2], lang: Lang| match lang {
        Lang::Zh => label[0].to_string(),
        Lang::En => label[1].to_string(),
    };
    for &(a, b, label) in pairs {
        let (pa, pb) = (accepted(a), accepted(b));
        if pa.is_none() && pb.is_none() {
            continue;
        }
        let Some(t) = total else {
            // A total that was typed but rejected (or marked not reported) has its own diagnostic:
            // "合计为空" after it would contradict what the department sees in the cell.
            let total_typed = row
                .cells
                .get(&Field::Value)
                .is_some_and(|c| !c.raw.trim().is_empty());
            if total_typed {
                continue;
            }
            let f = if pa.is_some() { a } else { b };
            say(
                found,
                Code::TotalMissing,
                f,
                (DiagText::TotalMissing, DiagText::HintTotalMissing),
                &|lang| {
                    let mut v = names(ind, f, lang);
                    v.push(("groups", groups(label, lang)));
                    v
                },
            );
            continue;
        };
        if is_count {
            for (f, p) in [(a, pa), (b, pb)] {
                if let Some(p) = p {
                    if p > t + slack {
                        say(
                            found,
                            Code::PartExceedsTotal,
                            f,
                            (DiagText::PartExceedsTotal, DiagText::HintPartExceedsTotal),
                            &|lang| {
                                let mut v = names(ind, f, lang);
                                v.push(("part", fmt_num(p)));
                                v.push(("total", fmt_num(t)));
                                v
                            },
                        );
                    }
                }
            }
            if let (Some(x), Some(y)) = (pa, pb) {
                if (x + y - t).abs() > slack {
                    say(
                        found,
                        Code::PartsDoNotAddUp,
                        Field::Value,
                        (DiagText::PartsDoNotAddUp, DiagText::HintPartsDoNotAddUp),
                        &|lang| {
                            let mut v = names(ind, Field::Value, lang);
                            v.push(("groups", groups(label, lang)));
                            v.push(("a", fmt_num(x)));
                            v.push(("b", fmt_num(y)));
                            v.push(("sum", fmt_num(x + y)));
                            v.push(("total", fmt_num(t)));
                            v
                        },
                    );
                }
            }
        } else if let (Some(x), Some(y)) = (pa, pb) {
            // A rate of the whole lies between the rates of its two groups.
            let (lo, hi) = (x.min(y), x.max(y));
            if t < lo - slack || t > hi + slack {
                say(
                    found,
                    Code::BreakdownInconsistent,
                    Field::Value,
                    (
                        DiagText::BreakdownInconsistent,
                        DiagText::HintBreakdownInconsistent,
                    ),
                    &|lang| {
                        let mut v = names(ind, Field::Value, lang);
                        v.push(("groups", groups(label, lang)));
                        v.push(("total", fmt_num(t)));
                        v.push(("lo", fmt_num(lo)));
                        v.push(("hi", fmt_num(hi)));
                        v
                    },
                );
            }
        }
    }
}

/// R206: numerator ÷ denominator × scale against the rate.
fn rate(
    row: &ParsedRow,
    accepted: &dyn Fn(Field) -> Option<f64>,
    total: Option<f64>,
    found: &mut Found,
) {
    let ind = &row.indicator;
    let slack = rounding_slack(ind);
    if let (Some(scale), Some(n), Some(d)) = (
        ind.unit.rate_scale(),
        accepted(Field::Numerator),
        accepted(Field::Denominator),
    ) {
        if ind.unit == MeasureUnit::Percent && n > d + slack {
            // For a share, the numerator counts part of the denominator's people: the rate analogue of a
            // female count larger than the total.
            say(
                found,
                Code::PartExceedsTotal,
                Field::Numerator,
                (
                    DiagText::NumeratorExceedsDenominator,
                    DiagText::HintNumeratorExceedsDenominator,
                ),
                &|lang| {
                    let mut v = names(ind, Field::Numerator, lang);
                    v.push(("n", fmt_num(n)));
                    v.push(("d", fmt_num(d)));
                    v
                },
            );
        }
        if d == 0.0 {
            say(
                found,
                Code::RateMismatch,
                Field::Denominator,
                (DiagText::DenominatorZero, DiagText::HintDenominatorZero),
                &|lang| names(ind, Field::Denominator, lang),
            );
        } else if let Some(t) = total {
            let computed = n / d * scale;
            // Rounding to the indicator's decimals, or half a percent of the value, whichever is larger.
            let tolerance = slack.max(computed.abs() * 0.005);
            if (computed - t).abs() > tolerance {
                say(
                    found,
                    Code::RateMismatch,
                    Field::Value,
                    (DiagText::RateMismatch, DiagText::HintRateMismatch),
                    &|lang| {
                        let mut v = names(ind, Field::Value, lang);
                        v.push(("n", fmt_num(n)));
                        v.push(("d", fmt_num(d)));
                        v.push(("computed", fmt_num((computed * 100.0).round() / 100.0)));
                        v.push(("value", fmt_num(t)));
                        v
                    },
                );
            }
        }
    }
}

/// R211: a large change against last year.
fn jump(row: &ParsedRow, total: Option<f64>, jump_threshold: f64, found: &mut Found) {
    let ind = &row.indicator;
    if let (Some(t), Some(last)) = (total, row.last_year) {
        if last != 0.0 {
            let change = (t - last) / last.abs();
            if change.abs() > jump_threshold {
                say(
                    found,
                    Code::JumpAgainstLastYear,
                    Field::Value,
                    (
                        DiagText::JumpAgainstLastYear,
                        DiagText::HintJumpAgainstLastYear,
                    ),
                    &|lang| {
                        let mut v = names(ind, Field::Value, lang);
                        v.push(("value", fmt_num(t)));
                        v.push(("last", fmt_num(last)));
                        v.push(("change", format!("{:+.0}", change * 100.0)));
                        v.push(("threshold", format!("{:.0}", jump_threshold * 100.0)));
                        v
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, cells: &[(Field, f64)], last_year: Option<f64>) -> ParsedRow {
        let cat = crate::Catalog::builtin().unwrap();
        let indicator = cat.indicator(code).unwrap().clone();
        ParsedRow {
            indicator,
            sheet: "指标填报".into(),
            row: 5,
            code_col: 0,
            last_year,
            cells: cells
                .iter()
                .enumerate()
                .map(|(i, (f, v))| {
                    (
                        *f,
                        ParsedCell {
                            col: 7 + i as u32,
                            raw: fmt_num(*v),
                            value: Some(*v),
                            not_reported: false,
                            rules: vec![],
                        },
                    )
                })
                .collect(),
            source: None,
            remarks: None,
        }
    }

    fn codes(o: &RowOutcome) -> Vec<&'static str> {
        o.diagnostics.iter().map(|d| d.code.id()).collect()
    }

    /// 78.06 typed for the one-decimal life expectancy: accepted (no cell is rejected) with a V111
    /// warning at the cell; 78.1 and 78.10 (the same number) are not warned about.
    #[test]
    fn more_decimals_than_declared_are_kept_with_a_warning() {
        let o = check_row(
            &row("life_expectancy_female", &[(Field::Value, 78.06)], None),
            0.5,
        );
        assert_eq!(codes(&o), vec!["V111"]);
        assert!(o.rejected.is_empty());
        let d = &o.diagnostics[0];
        assert_eq!(d.col, 7);
        assert!(
            d.message
                .contains("78.06，有 2 位小数，多于指标规定的 1 位"),
            "{}",
            d.message
        );
        assert!(d.hint.contains("如 78.1"), "{}", d.hint);
        let o = check_row(
            &row("life_expectancy_female", &[(Field::Value, 78.1)], None),
            0.5,
        );
        assert!(o.diagnostics.is_empty(), "{:?}", o.diagnostics);
        // Counts of a rate's numerator and denominator are not held to the rate's decimals.
        let o = check_row(
            &row(
                "maternal_anemia_prevalence",
                &[
                    (Field::Value, 12.6),
                    (Field::Numerator, 88.0),
                    (Field::Denominator, 698.0),
                ],
                None,
            ),
            0.5,
        );
        assert!(!codes(&o).contains(&"V111"), "{:?}", codes(&o));
    }

    #[test]
    fn percent_above_100_is_quarantined() {
        let o = check_row(
            &row(
                "pension_insurance_coverage_female",
                &[(Field::Value, 120.0)],
                None,
            ),
            0.5,
        );
        assert_eq!(codes(&o), ["R203"]);
        assert_eq!(o.rejected, [Field::Value]);
    }

    #[test]
    fn counts_parts_must_not_exceed_or_miss_the_total() {
        let o = check_row(
            &row("women_regular_exercise", &[(Field::Value, 1000.0)], None),
            0.5,
        );
        assert!(o.diagnostics.is_empty());
        // women_regular_exercise has no breakdown in the plan; use a sex-broken count by hand.
        let mut r = row(
            "women_regular_exercise",
            &[
                (Field::Value, 100.0),
                (Field::Female, 120.0),
                (Field::Male, 30.0),
            ],
            None,
        );
        r.indicator.disaggregation = vec![crate::catalog::Dimension::Sex];
        let o = check_row(&r, 0.5);
        assert_eq!(codes(&o), ["R204", "R205"]);
        assert!(o.rejected.is_empty(), "consistency errors keep the values");
    }

    #[test]
    fn rate_total_must_lie_between_its_groups() {
        let o = check_row(
            &row(
                "maternal_mortality",
                &[
                    (Field::Value, 20.0),
                    (Field::Urban, 10.0),
                    (Field::Rural, 15.0),
                ],
                None,
            ),
            0.5,
        );
        assert_eq!(codes(&o), ["R213"]);
        let o = check_row(
            &row(
                "maternal_mortality",
                &[
                    (Field::Value, 12.0),
                    (Field::Urban, 10.0),
                    (Field::Rural, 15.0),
                ],
                None,
            ),
            0.5,
        );
        assert!(o.diagnostics.is_empty());
    }

    #[test]
    fn numerator_and_denominator_must_give_the_rate() {
        // 3 deaths in 20,000 live births = 15.0 per 100,000.
        let ok = row(
            "maternal_mortality",
            &[
                (Field::Value, 15.0),
                (Field::Numerator, 3.0),
                (Field::Denominator, 20000.0),
            ],
            None,
        );
        assert!(check_row(&ok, 0.5).diagnostics.is_empty());
        let bad = row(
            "maternal_mortality",
            &[
                (Field::Value, 12.0),
                (Field::Numerator, 3.0),
                (Field::Denominator, 20000.0),
            ],
            None,
        );
        let o = check_row(&bad, 0.5);
        assert_eq!(codes(&o), ["R206"]);
        assert!(
            o.diagnostics[0].message.contains("15"),
            "{}",
            o.diagnostics[0].message
        );
        let zero = row(
            "maternal_mortality",
            &[
                (Field::Value, 12.0),
                (Field::Numerator, 3.0),
                (Field::Denominator, 0.0),
            ],
            None,
        );
        assert_eq!(codes(&check_row(&zero, 0.5)), ["R206"]);
    }

    #[test]
    fn a_jump_against_last_year_is_a_warning_with_the_numbers() {
        let o = check_row(
            &row("maternal_mortality", &[(Field::Value, 30.0)], Some(15.0)),
            0.5,
        );
        assert_eq!(codes(&o), ["R211"]);
        assert!(o.diagnostics[0].message.contains("+100%"));
        let o = check_row(
            &row("maternal_mortality", &[(Field::Value, 16.0)], Some(15.0)),
            0.5,
        );
        assert!(o.diagnostics.is_empty());
    }

    /// #18.5: a total typed as 不详 (rejected by intake, V101) used to be followed by R216 "本年值（合计）
    /// 为空" — a warning contradicting the cell the department sees. A typed total silences R216.
    #[test]
    fn a_rejected_total_is_not_called_empty() {
        let mut r = row("maternal_mortality", &[(Field::Urban, 10.0)], None);
        r.cells.insert(
            Field::Value,
            ParsedCell {
                col: 7,
                raw: "不详".into(),
                value: None,
                not_reported: false,
                rules: vec![],
            },
        );
        assert!(codes(&check_row(&r, 0.5)).is_empty());
    }

    #[test]
    fn a_breakdown_without_total_is_flagged() {
        let o = check_row(
            &row("maternal_mortality", &[(Field::Urban, 10.0)], None),
            0.5,
        );
        assert_eq!(codes(&o), ["R216"]);
    }
}
