//! The plan file's sections other than indicators: `[plan]`, `[rollup]`, the `aggregation` keys and
//! the objectives, each read with every problem reported at its line.

// The reading context (spans, fields, diagnostics) is the parent module's.
use super::*;

pub(super) fn read_plan(cx: &mut Cx, t: &DeTable, span: Range<usize>) -> PlanMeta {
    let mut f = Fields::new(t, span.clone(), Label::of(WhatPlan));
    let id = f.string(cx, "id", true);
    let name = f.string(cx, "name", true);
    let name_en = f.string(cx, "name_en", false);
    let issuer = f.string(cx, "issuer", false);
    let document = f.string(cx, "document", false);
    let issued_on = f.string(cx, "issued_on", false);
    let region = f.string(cx, "region", false);
    let mut year = |f: &mut Fields, key: &str| f.integer(cx, key, true);
    let period_start = year(&mut f, "period_start");
    let period_end = year(&mut f, "period_end");
    let baseline_year = year(&mut f, "baseline_year");
    let midterm_year = year(&mut f, "midterm_year");
    let final_year = year(&mut f, "final_year");
    let around_tolerance = f.number(cx, "around_tolerance");
    let monitoring_lead = f.string(cx, "monitoring_lead", false);
    let evaluation_lead = f.string(cx, "evaluation_lead", false);
    f.finish(cx);

    let y = |v: &Option<Spanned<i64>>| v.as_ref().map(|s| *s.get_ref());
    if let (Some(s), Some(e), Some(b), Some(m), Some(fy)) = (
        y(&period_start),
        y(&period_end),
        y(&baseline_year),
        y(&midterm_year),
        y(&final_year),
    ) {
        let years = [s, e, b, m, fy].map(|y| y.to_string());
        let [start, end, baseline, midterm, final_] = years.each_ref().map(String::as_str);
        let args = [
            ("start", start),
            ("end", end),
            ("baseline", baseline),
            ("midterm", midterm),
            ("final", final_),
        ];
        for (wrong, message) in [
            (s > e, StartAfterEnd),
            (b >= s, BaselineNotBefore),
            (m < s || m > e, MidtermOutside),
            (fy != e, FinalNotEnd),
            (m > fy, MidtermAfterFinal),
        ] {
            if wrong {
                cx.say(
                    Code::PlanBadYears,
                    span.clone(),
                    None,
                    (message, HintYears),
                    &args,
                );
            }
        }
    }
    let around_tolerance = match around_tolerance {
        Some(t) if !(t.get_ref().is_finite() && *t.get_ref() > 0.0) => {
            cx.say(
                Code::PlanBadNumber,
                t.span(),
                Some(t.get_ref().to_string()),
                (AroundToleranceNotPositive, HintAroundTolerance),
                &[],
            );
            DEFAULT_AROUND_TOLERANCE
        }
        Some(t) => t.into_inner(),
        None => DEFAULT_AROUND_TOLERANCE,
    };
    let year_of =
        |v: Option<Spanned<i64>>| v.map(|s| s.into_inner().clamp(0, 9999) as i32).unwrap_or(0);
    PlanMeta {
        id: id.map(Spanned::into_inner).unwrap_or_default(),
        name: name.map(Spanned::into_inner).unwrap_or_default(),
        name_en: name_en.map(Spanned::into_inner).unwrap_or_default(),
        issuer: issuer.map(Spanned::into_inner).unwrap_or_default(),
        document: document.map(Spanned::into_inner).unwrap_or_default(),
        issued_on: issued_on.map(Spanned::into_inner),
        region: region.map(Spanned::into_inner).unwrap_or_default(),
        period_start: year_of(period_start),
        period_end: year_of(period_end),
        baseline_year: year_of(baseline_year),
        midterm_year: year_of(midterm_year),
        final_year: year_of(final_year),
        around_tolerance,
        monitoring_lead: monitoring_lead.map(Spanned::into_inner),
        evaluation_lead: evaluation_lead.map(Spanned::into_inner),
        rollup: RollupPolicy::default(),
    }
}

/// `[rollup]`: the coverage a rollup over areas needs, and the default coverage weight.
pub(super) fn read_rollup(cx: &mut Cx, t: &DeTable, span: Range<usize>) -> RollupPolicy {
    let mut f = Fields::new(t, span, Label::of(WhatRollup));
    let weight_share = f.number(cx, "min_weight_share");
    let area_share = f.number(cx, "min_area_share");
    let weight = f.string(cx, "weight", false);
    f.finish(cx);
    let mut policy = RollupPolicy::default();
    let share = |cx: &mut Cx, v: Option<Spanned<f64>>, key: &str, default: f64| match v {
        Some(s) if !(s.get_ref().is_finite() && (0.0..=1.0).contains(s.get_ref())) => {
            cx.say(
                Code::PlanBadNumber,
                s.span(),
                Some(s.get_ref().to_string()),
                (ShareOutside, HintShare),
                &[("key", key), ("default", &default.to_string())],
            );
            default
        }
        Some(s) => s.into_inner(),
        None => default,
    };
    policy.min_weight_share = share(
        cx,
        weight_share,
        "min_weight_share",
        policy.min_weight_share,
    );
    policy.min_area_share = share(cx, area_share, "min_area_share", policy.min_area_share);
    policy.weight = weight.map(Spanned::into_inner);
    policy
}

/// An indicator's `aggregation`: a method word, or `{ method = "…", weight = "…" }`; checked against
/// the indicator's unit and rate parts. `None` when it is not declared (the caller takes the default).
pub(super) fn read_aggregation(
    cx: &mut Cx,
    v: &Spanned<DeValue>,
    what: &Label,
    unit: Option<super::MeasureUnit>,
    has_rate: bool,
    plan_weight: Option<&str>,
) -> Option<Aggregation> {
    let (method, weight, span) = match v.get_ref() {
        DeValue::String(s) => (Spanned::new(v.span(), s.trim().to_string()), None, v.span()),
        DeValue::Table(t) => {
            let mut f = Fields::new(t, v.span(), what.part("aggregation"));
            let method = f.string(cx, "method", true);
            let weight = f.string(cx, "weight", false);
            f.finish(cx);
            (method?, weight, v.span())
        }
        other => {
            cx.about(
                Code::PlanBadAggregation,
                v.span(),
                Some(describe_value(other)),
                (AggregationNotStringOrTable, HintAggregation),
                what,
                &[],
            );
            return None;
        }
    };
    let Some(m) = AggregationMethod::from_key(method.get_ref()) else {
        cx.about(
            Code::PlanBadAggregation,
            method.span(),
            Some(method.get_ref().clone()),
            (AggregationUnknown, HintAggregation),
            what,
            &[("method", method.get_ref())],
        );
        return None;
    };
    let wrong = match (m, unit) {
        (AggregationMethod::Sum, Some(u)) if !AggregationMethod::is_additive(u) => {
            Some((SumOfRates, HintSumOfRates, Some(u)))
        }
        (AggregationMethod::Ratio, Some(u)) if u.rate_scale().is_none() => {
            Some((RatioOfNonRate, HintRatioOfNonRate, Some(u)))
        }
        (AggregationMethod::Ratio, _) if !has_rate => {
            Some((RatioWithoutParts, HintRatioWithoutParts, None))
        }
        (AggregationMethod::WeightedMean, _) if weight.is_none() && plan_weight.is_none() => {
            Some((
                WeightedMeanWithoutWeight,
                HintWeightedMeanWithoutWeight,
                None,
            ))
        }
        _ => None,
    };
    if let Some((message, hint, unit)) = wrong {
        let symbol = |lang: Lang| unit.map_or("", |u| lang.pick(u.symbol_zh(), u.symbol_en()));
        cx.say_each(
            Code::PlanBadAggregation,
            span.clone(),
            Some(m.key().to_string()),
            (message, hint),
            &what.args(Lang::Zh, &[("unit", symbol(Lang::Zh))]),
            &what.args(Lang::En, &[("unit", symbol(Lang::En))]),
        );
    }
    Some(Aggregation {
        method: m,
        weight: weight.map(Spanned::into_inner),
        declared: true,
    })
}

#[allow(clippy::too_many_arguments)]
pub(super) fn read_objective(
    cx: &mut Cx,
    t: &DeTable,
    span: Range<usize>,
    plan: &PlanMeta,
    domain_units: &[String],
    known_unit: &dyn Fn(&str) -> bool,
    codes: &mut HashMap<String, Range<usize>>,
    refs: &mut Vec<(Spanned<String>, PlanText)>,
    indicator_index: &mut HashMap<String, Vec<Dimension>>,
    gap_checks: &mut Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)>,
) -> Option<Objective> {
    let mut f = Fields::new(t, span.clone(), Label::of(WhatObjective));
    let code = f.string(cx, "code", true);
    let text = f.string(cx, "text", true);
    let kind = f.string(cx, "kind", false);
    let lead = f.string(cx, "lead_unit", false);
    let coop = f.strings(cx, "cooperating_units");
    let indicator_tables = f.tables(cx, "indicators");
    f.finish(cx);
    let code = code?;
    unique(cx, codes, &code, KindObjective);
    let number = code
        .get_ref()
        .rsplit('.')
        .next()
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(0);

    let mut indicators = Vec::new();
    for (ispan, it) in indicator_tables {
        if let Some(ind) = read_indicator(
            cx,
            it,
            ispan,
            plan,
            domain_units,
            known_unit,
            codes,
            refs,
            gap_checks,
        ) {
            indicator_index.insert(ind.code.clone(), ind.disaggregation.clone());
            indicators.push(ind);
        }
    }
    let declared = kind.as_ref().map(|k| match k.get_ref().as_str() {
        "quantitative" => Some(ObjectiveKind::Quantitative),
        "qualitative" => Some(ObjectiveKind::Qualitative),
        _ => {
            cx.say(
                Code::PlanBadValue,
                k.span(),
                Some(k.get_ref().clone()),
                (ObjectiveKindBad, HintObjectiveKind),
                &[("kind", k.get_ref())],
            );
            None
        }
    });
    let derived = if indicators.is_empty() {
        ObjectiveKind::Qualitative
    } else {
        ObjectiveKind::Quantitative
    };
    if let (Some(Some(d)), Some(k)) = (declared, &kind) {
        if d != derived {
            let message = if indicators.is_empty() {
                ObjectiveMarkedWithoutIndicators
            } else {
                ObjectiveMarkedWithIndicators
            };
            cx.say(
                Code::PlanBadValue,
                k.span(),
                Some(k.get_ref().clone()),
                (message, HintObjectiveMarked),
                &[("code", code.get_ref()), ("kind", k.get_ref())],
            );
        }
    }
    for u in lead.iter().chain(coop.iter()) {
        check_unit(cx, known_unit, u, RoleResponsible);
    }
    if derived == ObjectiveKind::Qualitative && lead.is_none() {
        cx.say(
            Code::PlanObjectiveWithoutLead,
            code.span(),
            Some(code.get_ref().clone()),
            (QualitativeWithoutLead, HintAddLead),
            &[("code", code.get_ref())],
        );
    }
    Some(Objective {
        code: code.into_inner(),
        number,
        text: text.map(Spanned::into_inner).unwrap_or_default(),
        kind: derived,
        lead_unit: lead.map(Spanned::into_inner),
        cooperating_units: coop.into_iter().map(Spanned::into_inner).collect(),
        indicators,
    })
}
