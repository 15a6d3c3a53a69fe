//! The plan file's sections other than indicators: `[plan]`, `[rollup]`, the `aggregation` keys and
//! the objectives, each read with every problem reported at its line.

// The reading context (spans, fields, diagnostics) is the parent module's.
use super::*;

pub(super) fn read_plan(cx: &mut Cx, t: &DeTable, span: Range<usize>) -> PlanMeta {
    let mut f = Fields::new(t, span.clone(), "[plan]");
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
        let mut bad = |cond: bool, what: String| {
            if cond {
                cx.push(
                    Code::PlanBadYears,
                    span.clone(),
                    None,
                    what,
                    "规划期应满足：基期年 < 起始年 ≤ 中期年 ≤ 终期年 = 结束年",
                );
            }
        };
        bad(s > e, format!("规划起始年 {s} 晚于结束年 {e}"));
        bad(b >= s, format!("基期年 {b} 不早于规划起始年 {s}"));
        bad(
            m < s || m > e,
            format!("中期评估年 {m} 不在规划期 {s}–{e} 内"),
        );
        bad(fy != e, format!("终期评估年 {fy} 不等于规划结束年 {e}"));
        bad(m > fy, format!("中期评估年 {m} 晚于终期评估年 {fy}"));
    }
    let around_tolerance = match around_tolerance {
        Some(t) if !(t.get_ref().is_finite() && *t.get_ref() > 0.0) => {
            cx.push(
                Code::PlanBadNumber,
                t.span(),
                Some(t.get_ref().to_string()),
                "around_tolerance 必须是正数",
                "写成例如 around_tolerance = 2.0",
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
    let mut f = Fields::new(t, span, "[rollup]");
    let weight_share = f.number(cx, "min_weight_share");
    let area_share = f.number(cx, "min_area_share");
    let weight = f.string(cx, "weight", false);
    f.finish(cx);
    let mut policy = RollupPolicy::default();
    let share = |cx: &mut Cx, v: Option<Spanned<f64>>, key: &str, default: f64| match v {
        Some(s) if !(s.get_ref().is_finite() && (0.0..=1.0).contains(s.get_ref())) => {
            cx.push(
                Code::PlanBadNumber,
                s.span(),
                Some(s.get_ref().to_string()),
                format!("{key} 应为 0 到 1 之间的比例"),
                format!("写成比例，例如 {key} = {default}"),
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
    what: &str,
    unit: Option<super::MeasureUnit>,
    has_rate: bool,
    plan_weight: Option<&str>,
) -> Option<Aggregation> {
    let hint = "aggregation 可写 \"sum\"（求和）、\"ratio\"（分子分母汇总后重算）、\"none\"（不汇总），或 { method = \"weighted_mean\", weight = \"地区表中的权重列，如 女性人口\" }";
    let (method, weight, span) = match v.get_ref() {
        DeValue::String(s) => (Spanned::new(v.span(), s.trim().to_string()), None, v.span()),
        DeValue::Table(t) => {
            let mut f = Fields::new(t, v.span(), format!("{what} 的 aggregation"));
            let method = f.string(cx, "method", true);
            let weight = f.string(cx, "weight", false);
            f.finish(cx);
            (method?, weight, v.span())
        }
        other => {
            cx.push(
                Code::PlanBadAggregation,
                v.span(),
                Some(describe_value(other)),
                format!("{what} 的 aggregation 应为字符串或表"),
                hint,
            );
            return None;
        }
    };
    let Some(m) = AggregationMethod::from_key(method.get_ref()) else {
        cx.push(
            Code::PlanBadAggregation,
            method.span(),
            Some(method.get_ref().clone()),
            format!("{what} 的汇总方式“{}”无法识别", method.get_ref()),
            hint,
        );
        return None;
    };
    let mut bad = |message: String, fix: &str| {
        cx.push(
            Code::PlanBadAggregation,
            span.clone(),
            Some(m.key().to_string()),
            message,
            fix.to_string(),
        );
    };
    match (m, unit) {
        (AggregationMethod::Sum, Some(u)) if !AggregationMethod::is_additive(u) => bad(
            format!("{what} 的计量单位是{}，比率和平均数不能相加", u.symbol_zh()),
            "比率写 \"ratio\"（并给出 rate 分子分母），平均数（如预期寿命）写 weighted_mean 并指定权重，或写 \"none\"",
        ),
        (AggregationMethod::Ratio, Some(u)) if u.rate_scale().is_none() => bad(
            format!("{what} 的计量单位是{}，不是比率", u.symbol_zh()),
            "ratio 只用于 %、‰、1/10万 的比率；人数写 \"sum\"",
        ),
        (AggregationMethod::Ratio, _) if !has_rate => bad(
            format!("{what} 没有 rate 分子分母，无法由分子、分母汇总后重算"),
            "加上 rate = { numerator = \"…\", denominator = \"…\" }，或改用 weighted_mean / \"none\"",
        ),
        (AggregationMethod::WeightedMean, _) if weight.is_none() && plan_weight.is_none() => bad(
            format!("{what} 按加权平均汇总，但没有指定权重"),
            "写成 aggregation = { method = \"weighted_mean\", weight = \"女性人口\" }（地区表中的权重列），或在 [rollup] 中写 weight",
        ),
        _ => {}
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
    refs: &mut Vec<(Spanned<String>, &'static str)>,
    indicator_index: &mut HashMap<String, Vec<Dimension>>,
    gap_checks: &mut Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)>,
) -> Option<Objective> {
    let mut f = Fields::new(t, span.clone(), "主要目标");
    let code = f.string(cx, "code", true);
    let text = f.string(cx, "text", true);
    let kind = f.string(cx, "kind", false);
    let lead = f.string(cx, "lead_unit", false);
    let coop = f.strings(cx, "cooperating_units");
    let indicator_tables = f.tables(cx, "indicators");
    f.finish(cx);
    let code = code?;
    unique(cx, codes, &code, "主要目标");
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
            cx.push(
                Code::PlanBadValue,
                k.span(),
                Some(k.get_ref().clone()),
                format!("目标类型 kind = \"{}\" 无效", k.get_ref()),
                "kind 只能是 \"quantitative\"（有量化指标）或 \"qualitative\"（定性目标）",
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
            cx.push(
                Code::PlanBadValue,
                k.span(),
                Some(k.get_ref().clone()),
                format!(
                    "目标 {} 标为 {}，但{}",
                    code.get_ref(),
                    k.get_ref(),
                    if indicators.is_empty() {
                        "没有任何指标"
                    } else {
                        "列有量化指标"
                    }
                ),
                "有指标的目标写 kind = \"quantitative\"，没有指标的写 kind = \"qualitative\"",
            );
        }
    }
    for u in lead.iter().chain(coop.iter()) {
        check_unit(cx, known_unit, u, "责任单位");
    }
    if derived == ObjectiveKind::Qualitative && lead.is_none() {
        cx.push(
            Code::PlanObjectiveWithoutLead,
            code.span(),
            Some(code.get_ref().clone()),
            format!("定性目标 {} 没有牵头单位，无人填报自评", code.get_ref()),
            "加上 lead_unit = \"…\"（本领域责任单位之一）",
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
