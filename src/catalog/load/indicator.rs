//! One indicator of the plan file and its target, read with every problem reported at its line.

// The reading context (spans, fields, diagnostics) is the parent module's.
use super::*;
use crate::catalog::target::fmt_num;

#[allow(clippy::too_many_arguments)]
pub(super) fn read_indicator(
    cx: &mut Cx,
    t: &DeTable,
    span: Range<usize>,
    plan: &PlanMeta,
    domain_units: &[String],
    known_unit: &dyn Fn(&str) -> bool,
    codes: &mut HashMap<String, Range<usize>>,
    refs: &mut Vec<(Spanned<String>, PlanText)>,
    gap_checks: &mut Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)>,
) -> Option<Indicator> {
    let mut f = Fields::new(t, span.clone(), Label::of(WhatIndicator));
    let code = f.string(cx, "code", true);
    let name = f.string(cx, "name", true);
    let name_en = f.string(cx, "name_en", false);
    let unit = f.string(cx, "unit", false);
    let decimals = f.integer(cx, "decimals", false);
    let direction = f.string(cx, "direction", false);
    let target_value = f.get("target");
    let lead = f.string(cx, "lead_unit", false);
    let coop = f.strings(cx, "cooperating_units");
    let source = f.string(cx, "source", false);
    let disaggregation = f.strings(cx, "disaggregation");
    let rate = f.get("rate");
    let required = f.boolean(cx, "required");
    let aggregation = f.get("aggregation");
    let small_counts = f.boolean(cx, "small_counts");
    f.finish(cx);
    let code = code?;
    unique(cx, codes, &code, KindIndicator);
    let what = Label::with(WhatIndicatorCode, &[("code", code.get_ref())]);
    let what = &what;

    let unit = match unit {
        None => {
            say_unit_hint(cx, Code::PlanMissingMeasureUnit, &code, MissingUnit, what);
            None
        }
        Some(u) => match MeasureUnit::from_key(u.get_ref()) {
            Some(m) => Some(m),
            None => {
                say_unit_hint(cx, Code::PlanUnknownMeasureUnit, &u, UnknownUnit, what);
                None
            }
        },
    };
    let decimals = match decimals {
        Some(d) if !(0..=6).contains(d.get_ref()) => {
            cx.about(
                Code::PlanBadNumber,
                d.span(),
                Some(d.get_ref().to_string()),
                (DecimalsOutside, HintDecimals),
                what,
                &[("n", &d.get_ref().to_string())],
            );
            1
        }
        Some(d) => d.into_inner() as u8,
        None => 1,
    };

    let mut dims = Vec::new();
    for d in &disaggregation {
        match Dimension::from_key(d.get_ref()) {
            Some(dim) if !dims.contains(&dim) => dims.push(dim),
            Some(_) => {}
            None => cx.about(
                Code::PlanBadValue,
                d.span(),
                Some(d.get_ref().clone()),
                (BadBreakdown, HintBreakdown),
                what,
                &[("key", d.get_ref())],
            ),
        }
    }
    dims.sort();

    let target = match target_value {
        None => {
            cx.about(
                Code::PlanMissingField,
                code.span(),
                Some(code.get_ref().clone()),
                (MissingTarget, HintAddTarget),
                what,
                &[],
            );
            None
        }
        Some(v) => match v.get_ref().as_table() {
            Some(tt) => read_target(cx, tt, v.span(), what, &code, unit, plan, refs, gap_checks),
            None => {
                cx.about(
                    Code::PlanMissingField,
                    v.span(),
                    Some(describe_value(v.get_ref())),
                    (TargetNotTable, HintTargetTable),
                    what,
                    &[],
                );
                None
            }
        },
    };

    let implied = target.as_ref().map(|t| t.kind.implied_direction());
    let direction = read_direction(cx, direction, implied, &code, what);

    let lead_name = match &lead {
        Some(l) => {
            check_unit(cx, known_unit, l, RoleLead);
            if known_unit(l.get_ref()) && !domain_units.iter().any(|d| d == l.get_ref()) {
                cx.about(
                    Code::PlanLeadOutsideDomain,
                    l.span(),
                    Some(l.get_ref().clone()),
                    (LeadOutsideDomain, HintLeadOutsideDomain),
                    what,
                    &[("name", l.get_ref())],
                );
            }
            l.get_ref().clone()
        }
        None => {
            cx.about(
                Code::PlanMissingField,
                code.span(),
                Some(code.get_ref().clone()),
                (MissingLead, HintAddLead),
                what,
                &[],
            );
            String::new()
        }
    };
    for c in &coop {
        check_unit(cx, known_unit, c, RoleCooperating);
    }

    let rate = rate.and_then(|r| read_rate(cx, r, unit, what));

    let aggregation = aggregation.and_then(|v| {
        read_aggregation(
            cx,
            v,
            what,
            unit,
            rate.is_some(),
            plan.rollup.weight.as_deref(),
        )
    });
    let (unit, target) = (unit?, target?);
    let aggregation = aggregation.unwrap_or_else(|| Aggregation {
        method: AggregationMethod::default_for(unit, rate.is_some()),
        weight: None,
        declared: false,
    });
    Some(Indicator {
        code: code.into_inner(),
        name: name.map(Spanned::into_inner).unwrap_or_default(),
        name_en: name_en.map(Spanned::into_inner).unwrap_or_default(),
        unit,
        unit_symbol: unit.symbol_zh().to_string(),
        decimals,
        direction,
        target,
        lead_unit: lead_name,
        cooperating_units: coop.into_iter().map(Spanned::into_inner).collect(),
        source: source.map(Spanned::into_inner).unwrap_or_default(),
        disaggregation: dims,
        rate,
        required: required.unwrap_or(true),
        aggregation,
        small_counts: small_counts.unwrap_or(false),
    })
}

/// The indicator's direction: as written, checked against what its target kind implies, or implied.
fn read_direction(
    cx: &mut Cx,
    direction: Option<Spanned<String>>,
    implied: Option<Option<Direction>>,
    code: &Spanned<String>,
    what: &Label,
) -> Direction {
    match (direction, implied) {
        (Some(d), implied) => match Direction::from_key(d.get_ref()) {
            Some(dir) => {
                if let Some(Some(imp)) = implied {
                    if imp != dir {
                        cx.about(
                            Code::PlanBadValue,
                            d.span(),
                            Some(d.get_ref().clone()),
                            (DirectionContradicts, HintDirectionContradicts),
                            what,
                            &[("direction", dir.key()), ("implied", imp.key())],
                        );
                    }
                }
                dir
            }
            None => {
                cx.about(
                    Code::PlanBadValue,
                    d.span(),
                    Some(d.get_ref().clone()),
                    (DirectionBad, HintDirection),
                    what,
                    &[("direction", d.get_ref())],
                );
                Direction::None
            }
        },
        (None, Some(Some(imp))) => imp,
        (None, Some(None)) => {
            cx.about(
                Code::PlanMissingField,
                code.span(),
                Some(code.get_ref().clone()),
                (DirectionNeeded, HintAddDirection),
                what,
                &[],
            );
            Direction::None
        }
        (None, None) => Direction::None,
    }
}

/// `rate = { numerator, denominator }`: its parts, and whether the unit is a rate at all.
fn read_rate(
    cx: &mut Cx,
    r: &Spanned<DeValue>,
    unit: Option<MeasureUnit>,
    what: &Label,
) -> Option<RateParts> {
    let Some(rt) = r.get_ref().as_table() else {
        cx.about(
            Code::PlanMissingField,
            r.span(),
            Some(describe_value(r.get_ref())),
            (RateNotTable, HintRateTable),
            what,
            &[],
        );
        return None;
    };
    let mut rf = Fields::new(rt, r.span(), what.part("rate"));
    let numerator = rf.string(cx, "numerator", true);
    let denominator = rf.string(cx, "denominator", true);
    rf.finish(cx);
    if unit.is_some_and(|u| u.rate_scale().is_none()) {
        cx.about(
            Code::PlanBadValue,
            r.span(),
            None,
            (RateOfNonRate, HintRateOfNonRate),
            what,
            &[],
        );
    }
    Some(RateParts {
        numerator: numerator?.into_inner(),
        denominator: denominator?.into_inner(),
    })
}

/// The unit as written after a number: 120% and 120人, but 120 persons.
fn unit_after_number(u: MeasureUnit, lang: Lang) -> String {
    match lang {
        Lang::Zh => u.symbol_zh().to_string(),
        Lang::En if u.symbol_en().starts_with(char::is_alphabetic) => format!(" {}", u.symbol_en()),
        Lang::En => u.symbol_en().to_string(),
    }
}

/// A missing or unknown measurement unit, with the units there are as the hint.
fn say_unit_hint(cx: &mut Cx, code: Code, at: &Spanned<String>, message: PlanText, what: &Label) {
    let list = |lang: Lang| {
        let (open, close, sep) = match lang {
            Lang::Zh => ("（", "）", "、"),
            Lang::En => (" (", ")", ", "),
        };
        MeasureUnit::ALL
            .iter()
            .map(|u| {
                format!(
                    "{}{open}{}{close}",
                    u.key(),
                    lang.pick(u.symbol_zh(), u.symbol_en())
                )
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    let (zh, en) = (list(Lang::Zh), list(Lang::En));
    cx.say_each(
        code,
        at.span(),
        Some(at.get_ref().clone()),
        (message, HintUnits),
        &what.args(Lang::Zh, &[("unit", at.get_ref()), ("list", &zh)]),
        &what.args(Lang::En, &[("unit", at.get_ref()), ("list", &en)]),
    );
}

#[allow(clippy::too_many_arguments)]
fn read_target(
    cx: &mut Cx,
    t: &DeTable,
    span: Range<usize>,
    what: &Label,
    code: &Spanned<String>,
    unit: Option<MeasureUnit>,
    plan: &PlanMeta,
    refs: &mut Vec<(Spanned<String>, PlanText)>,
    gap_checks: &mut Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)>,
) -> Option<Target> {
    let mut f = Fields::new(t, span.clone(), what.part("target"));
    let kind = f.string(cx, "kind", true);
    let value = f.number(cx, "value");
    let tolerance = f.number(cx, "tolerance");
    let inclusive = f.boolean(cx, "inclusive");
    let between = f.string(cx, "between", false);
    let of = f.string(cx, "of", false);
    let other = f.string(cx, "other", false);
    let wording = f.string(cx, "wording", false);
    f.finish(cx);

    let kind_s = kind?;
    let Some(kind) = TargetKind::from_key(kind_s.get_ref()) else {
        let keys: Vec<&str> = TargetKind::ALL.iter().map(|k| k.key()).collect();
        let (zh, en) = (keys.join("、"), keys.join(", "));
        cx.say_each(
            Code::PlanUnknownTargetKind,
            kind_s.span(),
            Some(kind_s.get_ref().clone()),
            (UnknownTargetKind, HintTargetKinds),
            &what.args(Lang::Zh, &[("kind", kind_s.get_ref()), ("list", &zh)]),
            &what.args(Lang::En, &[("kind", kind_s.get_ref()), ("list", &en)]),
        );
        return None;
    };

    let mut ok = true;
    if kind.needs_value() && value.is_none() {
        cx.about(
            Code::PlanMissingField,
            span.clone(),
            None,
            (NeedsValue, HintAddValue),
            what,
            &[("kind", kind.key())],
        );
        ok = false;
    }
    if let (Some(v), Some(u)) = (&value, unit) {
        if !u.admits(*v.get_ref()) {
            let (lo, hi) = u.range();
            let value = fmt_num(*v.get_ref());
            let (low, high) = (
                fmt_num(lo),
                if hi.is_finite() {
                    fmt_num(hi)
                } else {
                    "∞".into()
                },
            );
            let [unit_zh, unit_en] = [Lang::Zh, Lang::En].map(|lang| unit_after_number(u, lang));
            let zh = [
                ("value", &*value),
                ("unit", &*unit_zh),
                ("low", &*low),
                ("high", &*high),
            ];
            let en = [
                ("value", &*value),
                ("unit", &*unit_en),
                ("low", &*low),
                ("high", &*high),
            ];
            cx.say_each(
                Code::PlanImpossibleTargetValue,
                v.span(),
                Some(value.clone()),
                (ImpossibleValue, HintImpossibleValue),
                &what.args(Lang::Zh, &zh),
                &what.args(Lang::En, &en),
            );
        }
    }
    if let Some(tol) = &tolerance {
        if !(tol.get_ref().is_finite() && *tol.get_ref() > 0.0) {
            cx.about(
                Code::PlanBadNumber,
                tol.span(),
                Some(tol.get_ref().to_string()),
                (ToleranceNotPositive, HintTolerance),
                what,
                &[],
            );
        }
    }
    let other_ref = other.clone();
    if kind.needs_other() {
        match &other {
            Some(o) => refs.push((o.clone(), RefRelational)),
            None => {
                cx.about(
                    Code::PlanMissingField,
                    span.clone(),
                    None,
                    (NeedsOther, HintAddOther),
                    what,
                    &[("kind", kind.key())],
                );
                ok = false;
            }
        }
    }
    let mut between_dim = None;
    if kind.needs_between() {
        match &between {
            None => {
                cx.about(
                    Code::PlanMissingField,
                    span.clone(),
                    None,
                    (NeedsBetween, HintAddBetween),
                    what,
                    &[],
                );
                ok = false;
            }
            Some(b) => match Dimension::from_key(b.get_ref()) {
                Some(d) => {
                    between_dim = Some(d);
                    if let Some(o) = &of {
                        refs.push((o.clone(), RefGap));
                    }
                    gap_checks.push((code.clone(), d, of.clone()));
                }
                None => {
                    cx.about(
                        Code::PlanBadValue,
                        b.span(),
                        Some(b.get_ref().clone()),
                        (BetweenBad, HintBetween),
                        what,
                        &[("between", b.get_ref())],
                    );
                    ok = false;
                }
            },
        }
    }
    let wording_text = wording
        .as_ref()
        .map(|w| w.get_ref().clone())
        .unwrap_or_default();
    if let Some(w) = &wording {
        if let Some(reading) = read_wording(w.get_ref()) {
            let value_differs = match (reading.value, &value) {
                (Some(a), Some(b)) => (a - *b.get_ref()).abs() > 1e-9,
                _ => false,
            };
            let inclusive_now = inclusive.unwrap_or(true);
            if reading.kind != kind || value_differs || reading.inclusive != inclusive_now {
                // "at_most 2.5" with the exclusive mark, as each language writes it.
                let stated = |kind: TargetKind, value: Option<f64>, inclusive: bool, lang: Lang| {
                    let value = value
                        .map(|v| format!(" {}", fmt_num(v)))
                        .unwrap_or_default();
                    let mark = if inclusive { "" } else { Exclusive.text(lang) };
                    format!("{}{value}{mark}", kind.key())
                };
                let written = value.as_ref().map(|v| *v.get_ref());
                let args = |lang: Lang| {
                    [
                        stated(reading.kind, reading.value, reading.inclusive, lang),
                        stated(kind, written, inclusive_now, lang),
                    ]
                };
                let ([read_zh, written_zh], [read_en, written_en]) =
                    (args(Lang::Zh), args(Lang::En));
                let wording = w.get_ref().as_str();
                cx.say_each(
                    Code::PlanWordingMismatch,
                    w.span(),
                    Some(w.get_ref().clone()),
                    (WordingMismatch, HintWordingMismatch),
                    &what.args(
                        Lang::Zh,
                        &[
                            ("wording", wording),
                            ("read", &read_zh),
                            ("written", &written_zh),
                        ],
                    ),
                    &what.args(
                        Lang::En,
                        &[
                            ("wording", wording),
                            ("read", &read_en),
                            ("written", &written_en),
                        ],
                    ),
                );
            }
        }
    }
    if !ok {
        return None;
    }
    let tolerance = match (kind.uses_tolerance(), tolerance) {
        (true, Some(t)) => Some(t.into_inner()),
        (true, None) => Some(plan.around_tolerance),
        (false, _) => None,
    };
    Some(Target {
        kind,
        value: value.map(Spanned::into_inner),
        tolerance,
        inclusive: inclusive.unwrap_or(true),
        between: between_dim,
        of: of.map(Spanned::into_inner),
        other: other_ref.map(Spanned::into_inner),
        wording: wording_text,
    })
}
