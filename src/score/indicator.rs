//! Scoring one indicator: picks the series its target kind judges, hands it to the kind's rule
//! (`threshold` or `trend`), and adds what every kind shares — the base year (moved to the first reported
//! year when the baseline year has no value), data-missing warnings, the fluctuation test, the
//! projection, the data-age limit and the output rounding.

use super::rule::{baseline_of, missing_values, period_latest, round_to, Ctx, Num, Scored};
use super::series::YearValue;
use super::status::{Status, Warning, WarningCode};
use super::{threshold, trend};
use crate::catalog::{Domain, Indicator, Objective, Target, TargetKind};
use serde::Serialize;

/// The score of one indicator. Serialises to the `indicators[]` entries of `planeval evaluate --json`.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorResult {
    pub code: String,
    pub name: String,
    pub status: Status,
    pub status_zh: &'static str,
    /// Actual change since the baseline ÷ the change the straight path requires by the latest year.
    pub progress_ratio: Option<f64>,
    /// The least-squares trend at the final year (only while the final year lies ahead).
    pub projected: Option<f64>,
    /// How far the latest value is from meeting the target, in the indicator's unit; 0 when met. `None`
    /// for kinds without a threshold (increase, decrease, gap_narrows, growth_slows, reference).
    pub gap: Option<f64>,
    /// The latest value in the plan period (after the baseline year), up to the as-of year.
    pub latest: Option<YearValue>,
    pub target: Target,
    pub warnings: Vec<Warning>,
    /// One line, Chinese, with the numbers that produced the status.
    pub explanation: String,
    /// The base progress is measured from: the baseline year's value, or — when the baseline year has
    /// none — the first reported year's after it (a `baseline_moved` warning says so).
    pub baseline: Option<YearValue>,
    /// Where the straight path from the base to the target stands in the latest year.
    pub path_value: Option<f64>,
    /// The kind's key, e.g. `at_most`.
    pub kind: &'static str,
    pub unit_symbol: String,
    pub lead_unit: String,
    pub domain: String,
    pub objective: String,
}

/// Statuses that claim success at their stage: what an old value must not claim.
fn claims_success(s: Status) -> bool {
    matches!(
        s,
        Status::Met | Status::OnTrack | Status::Achieved | Status::BasicallyAchieved
    )
}

pub(super) fn score_indicator(
    cx: &Ctx,
    domain: &Domain,
    objective: &Objective,
    ind: &Indicator,
) -> IndicatorResult {
    let scored = match ind.target.kind {
        TargetKind::AtLeast
        | TargetKind::AtMost
        | TargetKind::Around
        | TargetKind::MaintainAtLeast => threshold::own(cx, ind),
        TargetKind::NotBelow | TargetKind::Matches => threshold::relational(cx, ind),
        TargetKind::External => threshold::external(cx, ind),
        TargetKind::Increase | TargetKind::Decrease => trend::direction(cx, ind),
        TargetKind::GapNarrows => trend::gap(cx, ind),
        TargetKind::GrowthSlows => trend::growth_slows(cx, ind),
        TargetKind::Reference => reference(cx, ind),
    };
    let mut scored = scored;
    if ind.target.kind != TargetKind::Reference {
        age_limit(cx, ind, &mut scored);
    }
    let status = scored.status.unwrap_or(Status::NoData);
    let places = i32::from(ind.decimals) + 2;
    IndicatorResult {
        code: ind.code.clone(),
        name: ind.name.clone(),
        status,
        status_zh: status.label_zh(),
        progress_ratio: scored.progress_ratio.map(|r| round_to(r, 4)),
        projected: scored.projected.map(|v| round_to(v, places)),
        gap: scored.gap.map(|v| round_to(v, places)),
        latest: scored.latest,
        target: ind.target.clone(),
        warnings: scored.warnings,
        explanation: scored.explanation,
        baseline: scored.baseline,
        path_value: scored.path_value.map(|v| round_to(v, places)),
        kind: ind.target.kind.key(),
        unit_symbol: ind.unit_symbol.clone(),
        lead_unit: ind.lead_unit.clone(),
        domain: domain.code.clone(),
        objective: objective.code.clone(),
    }
}

/// A reference indicator is monitored so that another target can be judged; it is not scored itself.
fn reference(cx: &Ctx, ind: &Indicator) -> Scored {
    let num = Num(ind.decimals);
    let s = cx.panel.values(&ind.code);
    let mut warnings = Vec::new();
    missing_values(cx, ind, &s, "", &mut warnings);
    let users: Vec<&str> = cx
        .cat
        .indicators()
        .filter(|(_, _, i)| i.target.other.as_deref() == Some(ind.code.as_str()))
        .map(|(_, _, i)| i.name.as_str())
        .collect();
    let latest = period_latest(cx, &s);
    let value = latest.map_or(String::new(), |p| {
        format!("{}年 {}；", p.year, num.v(p.value))
    });
    let role = if users.is_empty() {
        "参照指标".to_string()
    } else {
        format!("作为“{}”的比较对象", users.join("”“"))
    };
    Scored {
        status: Some(Status::NotScored),
        latest,
        baseline: baseline_of(cx, &s),
        warnings,
        explanation: format!("{value}{role}，不单独评价，不计入可监测指标"),
        ..Scored::default()
    }
}

/// The data-age limit: a value more than `stale_after_years` before the as-of year, or one followed by a
/// figure of the department that was rejected and not corrected, does not make the indicator attained.
/// A status that claims success becomes `no_data`; a shortfall stands (missing data blocks a claim of
/// success but never hides a shortfall). Either way a `stale_data` warning names the year.
fn age_limit(cx: &Ctx, ind: &Indicator, scored: &mut Scored) {
    let Some(year) = scored.decided_on.or(scored.latest.map(|p| p.year)) else {
        return;
    };
    // A gap of another indicator's groups was reported as that indicator.
    let source = match ind.target.kind {
        TargetKind::GapNarrows => ind.target.of.as_deref().unwrap_or(&ind.code),
        _ => &ind.code,
    };
    let age = cx.as_of - year;
    let rejected = cx.rejected_after(source, year);
    let too_old = age > cx.cfg.stale_after_years;
    if !too_old && rejected.is_empty() {
        return;
    }
    let mut why = Vec::new();
    if too_old {
        why.push(format!(
            "距{}年已{age}年，超过{}年的时限",
            cx.as_of, cx.cfg.stale_after_years
        ));
    }
    if !rejected.is_empty() {
        let years: Vec<String> = rejected.iter().map(|y| format!("{y}年")).collect();
        why.push(format!("其后{}报送的数值被退回且未更正", years.join("、")));
    }
    let why = why.join("，");
    let claimed = scored.status.is_some_and(claims_success);
    scored.warnings.push(
        Warning::new(
            WarningCode::StaleData,
            format!("按{year}年的数据判断，{why}，不作为达标依据"),
        )
        .about([year]),
    );
    if claimed {
        scored.status = Some(Status::NoData);
        scored.explanation += &format!("；但该值为{year}年数据，{why}，不能据以判定达标");
    } else {
        scored.explanation += &format!("；该值为{year}年数据，{why}");
    }
}

#[cfg(test)]
mod kind_tests {
    use super::super::status::{Status, WarningCode};
    use super::super::testkit::{has_warning, one, plan, run, values, x};
    use super::super::Stage;

    #[test]
    fn a_reference_indicator_is_not_scored_and_not_monitorable() {
        let cat = one(r#"{ kind = "reference", wording = "保持合理比例" }"#, "");
        let ev = run(
            &cat,
            &values("x", &[(2020, 30.0), (2023, 31.0)]),
            Stage::Midterm,
            2023,
        );
        let r = ev.indicator("x").unwrap();
        assert_eq!(r.status, Status::NotScored);
        assert!(r.explanation.contains("不单独评价"));
        assert_eq!(ev.monitorable, 0);
        assert_eq!(ev.attainment_rate, None);
        assert_eq!(ev.objective("1.1").unwrap().status, Status::NotScored);
    }

    /// 10.0, 10.5, then 2022: too few years for a spread, so 2022 is set against the trend of 10.0 and
    /// 10.5 (11.0 in 2022). 15.0 is 4.0 off, 36% of 11.0: a fluctuation. 14.0 is 27% off and is not —
    /// the year-on-year rule this replaces flagged it (+3.5 is 33% of last year's 10.5).
    #[test]
    fn fluctuation_on_a_short_history_uses_the_relative_distance_from_the_earlier_trend() {
        let cat = one(r#"{ kind = "increase", wording = "逐步提高" }"#, "");
        let r = x(
            &cat,
            &values("x", &[(2020, 10.0), (2021, 10.5), (2022, 15.0)]),
            Stage::Annual,
            2022,
        );
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::Fluctuation)
            .unwrap();
        assert!(
            w.message.contains(
                "2022年 15.0，按其余年份的趋势约为 11.0，偏离 +4.0，为趋势值的 36%，超过相对阈值 30%"
            ),
            "{}",
            w.message
        );
        assert_eq!(w.years, vec![2022]);
        let r = x(
            &cat,
            &values("x", &[(2020, 10.0), (2021, 10.5), (2022, 14.0)]),
            Stage::Annual,
            2022,
        );
        assert!(!has_warning(&r, WarningCode::Fluctuation));
        // Only the as-of year is judged on a short history: last year's jump is history.
        let r = x(
            &cat,
            &values("x", &[(2020, 10.0), (2021, 14.0)]),
            Stage::Annual,
            2022,
        );
        assert!(!has_warning(&r, WarningCode::Fluctuation));
    }

    /// 50.0, 51.0, 52.2, 53.0, 54.1 (2018–2022), then 2023. The line of the other years rises 1.02 a year
    /// and puts 2023 at 55.1. 75.0 is 19.9 off — 36% of the trend, and with the others' distances
    /// spread by a MAD of 0.03 (floored at one unit, 0.1), z = 0.6745 · 19.9 / 0.1 = 134: a fluctuation.
    /// 56.1 is 1.0 off, 2% of the trend: not one, though the rule on yearly changes this replaces flagged
    /// it (+2.0 against earlier changes near +1.0, z 6.4).
    #[test]
    fn fluctuation_on_a_long_history_is_an_unusual_and_material_distance_from_the_trend() {
        let cat = one(r#"{ kind = "increase", wording = "逐步提高" }"#, "");
        let history = [
            (2018, 50.0),
            (2019, 51.0),
            (2020, 52.2),
            (2021, 53.0),
            (2022, 54.1),
        ];
        let with = |v: f64| {
            let mut obs = values("x", &history);
            obs.extend(values("x", &[(2023, v)]));
            x(&cat, &obs, Stage::Annual, 2023)
        };
        let r = with(75.0);
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::Fluctuation)
            .unwrap();
        assert!(
            w.message.contains(
                "2023年 75.0，按其余年份的趋势约为 55.1，偏离 +19.9，修正Z分数 134.3 超过 3.5"
            ),
            "{}",
            w.message
        );
        assert_eq!(w.years, vec![2023]);
        assert!(!has_warning(&with(56.1), WarningCode::Fluctuation));
    }

    /// Women science and technology professionals 1236, 1268, 1301, 1335, 2046, 1402 (2020–2025), a
    /// count: the final evaluation flags 2024 (678 above the trend of the other years, 1368), and names
    /// it in the warning's years; 2025, back on trend, is not flagged (today the warning is about the
    /// 2024 → 2025 change, and names 2025's fall of −644 as the fluctuation).
    #[test]
    fn the_fluctuation_warning_names_the_outlying_year() {
        let cat = plan(
            r#"
[[domains.objectives.indicators]]
code = "x"
name = "女性科技人才数量"
unit = "persons"
decimals = 0
target = { kind = "increase", wording = "不断增多" }
lead_unit = "卫健体局"
"#,
        );
        let obs = values(
            "x",
            &[
                (2020, 1236.0),
                (2021, 1268.0),
                (2022, 1301.0),
                (2023, 1335.0),
                (2024, 2046.0),
                (2025, 1402.0),
            ],
        );
        let r = x(&cat, &obs, Stage::Final, 2025);
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::Fluctuation)
            .unwrap();
        assert_eq!(w.years, vec![2024]);
        assert!(
            w.message.starts_with(
                "2024年 2046，按其余年份的趋势约为 1368，偏离 +678，修正Z分数 457.1 超过 3.5"
            ),
            "{}",
            w.message
        );
        assert!(!w.message.contains("2025年"), "{}", w.message);
    }

    /// Hepatitis B transmission 1.52, 1.47, 1.39, 0.00, 1.33 (2020–2024): one case a year or none.
    /// Declared `small_counts`, it is tested on pooled three-year values (2020–2021 and 2022–2024: two,
    /// too few), so no year is a fluctuation; undeclared, 2023's 0.00 against a trend near 1.4 is (as
    /// today's rule flags 2024's +1.33 after a zero).
    #[test]
    fn small_counts_declared_in_the_plan_are_not_judged_year_by_year() {
        let indicator = |small: bool| {
            plan(&format!(
                r#"
[[domains.objectives.indicators]]
code = "x"
name = "乙肝母婴传播率"
unit = "percent"
decimals = 2
target = {{ kind = "decrease", wording = "减少" }}
lead_unit = "卫健体局"
small_counts = {small}
"#
            ))
        };
        let obs = values(
            "x",
            &[
                (2020, 1.52),
                (2021, 1.47),
                (2022, 1.39),
                (2023, 0.0),
                (2024, 1.33),
            ],
        );
        let r = x(&indicator(true), &obs, Stage::Annual, 2024);
        assert!(
            !has_warning(&r, WarningCode::Fluctuation),
            "{:?}",
            r.warnings
        );
        let r = x(&indicator(false), &obs, Stage::Annual, 2024);
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::Fluctuation)
            .unwrap();
        assert!(w.years.contains(&2023), "{:?}", w);
    }

    #[test]
    fn a_missing_as_of_value_warns_and_the_latest_earlier_value_is_judged() {
        let cat = one(
            r#"{ kind = "at_least", value = 90, wording = "达到 90%" }"#,
            "",
        );
        let r = x(
            &cat,
            &values("x", &[(2020, 80.0), (2022, 91.0)]),
            Stage::Midterm,
            2023,
        );
        assert_eq!(r.status, Status::Met);
        assert_eq!(r.latest.unwrap().year, 2022);
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::MissingData)
            .unwrap();
        assert_eq!(w.message, "2023年未报送数据（最近一次为2022年）");
    }

    #[test]
    fn projections_stay_within_what_the_unit_admits() {
        let cat = one(
            r#"{ kind = "at_least", value = 99, wording = "达到 99%" }"#,
            "",
        );
        let r = x(
            &cat,
            &values("x", &[(2020, 80.0), (2021, 95.0)]),
            Stage::Annual,
            2021,
        );
        assert_eq!(r.projected, Some(100.0));
    }
}
