//! One indicator of the plan file and its target, read with every problem reported at its line.

// The reading context (spans, fields, diagnostics) is the parent module's.
use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn read_indicator(
    cx: &mut Cx,
    t: &DeTable,
    span: Range<usize>,
    plan: &PlanMeta,
    domain_units: &[String],
    known_unit: &dyn Fn(&str) -> bool,
    codes: &mut HashMap<String, Range<usize>>,
    refs: &mut Vec<(Spanned<String>, &'static str)>,
    gap_checks: &mut Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)>,
) -> Option<Indicator> {
    let mut f = Fields::new(t, span.clone(), "指标");
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
    unique(cx, codes, &code, "指标");
    let what = format!("指标 {}", code.get_ref());

    let unit = match unit {
        None => {
            cx.push(
                Code::PlanMissingMeasureUnit,
                code.span(),
                Some(code.get_ref().clone()),
                format!("{what} 缺少计量单位 unit"),
                unit_hint(),
            );
            None
        }
        Some(u) => match MeasureUnit::from_key(u.get_ref()) {
            Some(m) => Some(m),
            None => {
                cx.push(
                    Code::PlanUnknownMeasureUnit,
                    u.span(),
                    Some(u.get_ref().clone()),
                    format!("{what} 的计量单位 \"{}\" 无法识别", u.get_ref()),
                    unit_hint(),
                );
                None
            }
        },
    };
    let decimals = match decimals {
        Some(d) if !(0..=6).contains(d.get_ref()) => {
            cx.push(
                Code::PlanBadNumber,
                d.span(),
                Some(d.get_ref().to_string()),
                format!("{what} 的小数位数 {} 超出 0–6", d.get_ref()),
                "decimals 写 0 到 6 之间的整数",
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
            None => cx.push(
                Code::PlanBadValue,
                d.span(),
                Some(d.get_ref().clone()),
                format!("{what} 的分组 \"{}\" 无效", d.get_ref()),
                "disaggregation 只能包含 \"sex\"（男女）和 \"area\"（城乡）",
            ),
        }
    }
    dims.sort();

    let target = match target_value {
        None => {
            cx.push(
                Code::PlanMissingField,
                code.span(),
                Some(code.get_ref().clone()),
                format!("{what} 缺少目标 target"),
                "加上 target = { kind = \"…\", value = …, wording = \"规划原文\" }",
            );
            None
        }
        Some(v) => match v.get_ref().as_table() {
            Some(tt) => read_target(cx, tt, v.span(), &what, &code, unit, plan, refs, gap_checks),
            None => {
                cx.push(
                    Code::PlanMissingField,
                    v.span(),
                    Some(describe_value(v.get_ref())),
                    format!("{what} 的 target 应为表"),
                    "写成 target = { kind = \"…\", value = …, wording = \"…\" }",
                );
                None
            }
        },
    };

    let direction = match (
        direction,
        target.as_ref().map(|t| t.kind.implied_direction()),
    ) {
        (Some(d), implied) => match Direction::from_key(d.get_ref()) {
            Some(dir) => {
                if let Some(Some(imp)) = implied {
                    if imp != dir {
                        cx.push(
                            Code::PlanBadValue,
                            d.span(),
                            Some(d.get_ref().clone()),
                            format!(
                                "{what} 的方向 {} 与目标类型所隐含的方向 {} 矛盾",
                                dir.key(),
                                imp.key()
                            ),
                            "删去 direction（由目标类型决定），或改正目标类型",
                        );
                    }
                }
                dir
            }
            None => {
                cx.push(
                    Code::PlanBadValue,
                    d.span(),
                    Some(d.get_ref().clone()),
                    format!("{what} 的方向 \"{}\" 无效", d.get_ref()),
                    "direction 只能是 increase、decrease、band 或 none",
                );
                Direction::None
            }
        },
        (None, Some(Some(imp))) => imp,
        (None, Some(None)) => {
            cx.push(
                Code::PlanMissingField,
                code.span(),
                Some(code.get_ref().clone()),
                format!("{what} 的目标类型不决定方向，须写 direction"),
                "加上 direction = \"increase\"（越高越好）或 \"decrease\"（越低越好）",
            );
            Direction::None
        }
        (None, None) => Direction::None,
    };

    let lead_name = match &lead {
        Some(l) => {
            check_unit(cx, known_unit, l, "牵头单位");
            if known_unit(l.get_ref()) && !domain_units.iter().any(|d| d == l.get_ref()) {
                cx.push(
                    Code::PlanLeadOutsideDomain,
                    l.span(),
                    Some(l.get_ref().clone()),
                    format!("{what} 的牵头单位“{}”不在本领域的责任单位之列", l.get_ref()),
                    "确认牵头单位，或把它加入该领域的 responsible_units",
                );
            }
            l.get_ref().clone()
        }
        None => {
            f_missing_lead(cx, &code, &what);
            String::new()
        }
    };
    for c in &coop {
        check_unit(cx, known_unit, c, "配合单位");
    }

    let rate = rate.and_then(|r| {
        let Some(rt) = r.get_ref().as_table() else {
            cx.push(
                Code::PlanMissingField,
                r.span(),
                Some(describe_value(r.get_ref())),
                format!("{what} 的 rate 应为表"),
                "写成 rate = { numerator = \"分子名称\", denominator = \"分母名称\" }",
            );
            return None;
        };
        let mut rf = Fields::new(rt, r.span(), format!("{what} 的 rate"));
        let numerator = rf.string(cx, "numerator", true);
        let denominator = rf.string(cx, "denominator", true);
        rf.finish(cx);
        if unit.is_some_and(|u| u.rate_scale().is_none()) {
            cx.push(
                Code::PlanBadValue,
                r.span(),
                None,
                format!("{what} 不是比率（%、‰、1/10万），不能有分子分母"),
                "删去 rate，或把 unit 改为 percent、per_mille 或 per_100k",
            );
        }
        Some(RateParts {
            numerator: numerator?.into_inner(),
            denominator: denominator?.into_inner(),
        })
    });

    let aggregation = aggregation.and_then(|v| {
        read_aggregation(
            cx,
            v,
            &what,
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

fn f_missing_lead(cx: &mut Cx, code: &Spanned<String>, what: &str) {
    cx.push(
        Code::PlanMissingField,
        code.span(),
        Some(code.get_ref().clone()),
        format!("{what} 缺少牵头单位 lead_unit"),
        "加上 lead_unit = \"…\"（本领域责任单位之一）",
    );
}

fn unit_hint() -> String {
    let keys: Vec<String> = MeasureUnit::ALL
        .iter()
        .map(|u| format!("{}（{}）", u.key(), u.symbol_zh()))
        .collect();
    format!("unit 可用：{}", keys.join("、"))
}

#[allow(clippy::too_many_arguments)]
fn read_target(
    cx: &mut Cx,
    t: &DeTable,
    span: Range<usize>,
    what: &str,
    code: &Spanned<String>,
    unit: Option<MeasureUnit>,
    plan: &PlanMeta,
    refs: &mut Vec<(Spanned<String>, &'static str)>,
    gap_checks: &mut Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)>,
) -> Option<Target> {
    let mut f = Fields::new(t, span.clone(), format!("{what} 的 target"));
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
        cx.push(
            Code::PlanUnknownTargetKind,
            kind_s.span(),
            Some(kind_s.get_ref().clone()),
            format!("{what} 的目标类型 \"{}\" 无法识别", kind_s.get_ref()),
            format!("kind 可用：{}", keys.join("、")),
        );
        return None;
    };

    let mut ok = true;
    if kind.needs_value() && value.is_none() {
        cx.push(
            Code::PlanMissingField,
            span.clone(),
            None,
            format!("{what} 的目标类型 {} 需要目标值 value", kind.key()),
            "加上 value = 数字（规划原文中的目标值）",
        );
        ok = false;
    }
    if let (Some(v), Some(u)) = (&value, unit) {
        if !u.admits(*v.get_ref()) {
            let (lo, hi) = u.range();
            cx.push(
                Code::PlanImpossibleTargetValue,
                v.span(),
                Some(crate::catalog::target::fmt_num(*v.get_ref())),
                format!(
                    "{what} 的目标值 {}{} 超出该单位可能的取值范围 {}–{}",
                    crate::catalog::target::fmt_num(*v.get_ref()),
                    u.symbol_zh(),
                    crate::catalog::target::fmt_num(lo),
                    if hi.is_finite() {
                        crate::catalog::target::fmt_num(hi)
                    } else {
                        "∞".into()
                    }
                ),
                "核对规划原文的目标值和计量单位",
            );
        }
    }
    if let Some(tol) = &tolerance {
        if !(tol.get_ref().is_finite() && *tol.get_ref() > 0.0) {
            cx.push(
                Code::PlanBadNumber,
                tol.span(),
                Some(tol.get_ref().to_string()),
                format!("{what} 的容差必须是正数"),
                "写成例如 tolerance = 2",
            );
        }
    }
    let other_ref = other.clone();
    if kind.needs_other() {
        match &other {
            Some(o) => refs.push((o.clone(), "关系目标")),
            None => {
                cx.push(
                    Code::PlanMissingField,
                    span.clone(),
                    None,
                    format!("{what} 的目标类型 {} 需要比较对象 other", kind.key()),
                    "加上 other = \"被比较的指标编码\"",
                );
                ok = false;
            }
        }
    }
    let mut between_dim = None;
    if kind.needs_between() {
        match &between {
            None => {
                cx.push(
                    Code::PlanMissingField,
                    span.clone(),
                    None,
                    format!("{what} 的差距目标需要 between"),
                    "加上 between = \"area\"（城乡）或 \"sex\"（男女）",
                );
                ok = false;
            }
            Some(b) => match Dimension::from_key(b.get_ref()) {
                Some(d) => {
                    between_dim = Some(d);
                    if let Some(o) = &of {
                        refs.push((o.clone(), "差距目标"));
                    }
                    gap_checks.push((code.clone(), d, of.clone()));
                }
                None => {
                    cx.push(
                        Code::PlanBadValue,
                        b.span(),
                        Some(b.get_ref().clone()),
                        format!("{what} 的 between = \"{}\" 无效", b.get_ref()),
                        "between 只能是 \"area\"（城乡）或 \"sex\"（男女）",
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
                cx.push(
                    Code::PlanWordingMismatch,
                    w.span(),
                    Some(w.get_ref().clone()),
                    format!(
                        "{what}：原文“{}”读作 {}{}{}，但目标写的是 {}{}{}",
                        w.get_ref(),
                        reading.kind.key(),
                        reading
                            .value
                            .map(|v| format!(" {}", crate::catalog::target::fmt_num(v)))
                            .unwrap_or_default(),
                        if reading.inclusive {
                            ""
                        } else {
                            "（不含本数）"
                        },
                        kind.key(),
                        value
                            .as_ref()
                            .map(|v| format!(" {}", crate::catalog::target::fmt_num(*v.get_ref())))
                            .unwrap_or_default(),
                        if inclusive_now {
                            ""
                        } else {
                            "（不含本数）"
                        },
                    ),
                    "核对目标类型、目标值和 inclusive 是否与规划原文一致",
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
