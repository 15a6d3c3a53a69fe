//! Scoring one indicator: picks the series its target kind judges, hands it to the kind's rule
//! (`threshold` or `trend`), and adds what every kind shares — data-missing warnings, the fluctuation
//! test, the projection and the output rounding.

use super::input::Panel;
use super::series::{self, Series, YearValue};
use super::status::{Status, Warning, WarningCode};
use super::{threshold, trend, ScoreConfig, Stage};
use crate::catalog::target::fmt_num;
use crate::catalog::{Catalog, Domain, Indicator, Objective, Target, TargetKind};
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
    pub baseline: Option<YearValue>,
    /// Where the straight path from the baseline to the target stands in the latest year.
    pub path_value: Option<f64>,
    /// The kind's key, e.g. `at_most`.
    pub kind: &'static str,
    pub unit_symbol: String,
    pub lead_unit: String,
    pub domain: String,
    pub objective: String,
}

/// Everything scoring one indicator needs besides the indicator.
pub(super) struct Ctx<'a> {
    pub cat: &'a Catalog,
    pub panel: &'a Panel,
    pub stage: Stage,
    pub as_of: i32,
    pub cfg: &'a ScoreConfig,
}

impl Ctx<'_> {
    pub fn base_year(&self) -> i32 {
        self.cat.plan.baseline_year
    }
    pub fn final_year(&self) -> i32 {
        self.cat.plan.final_year
    }
    pub fn is_final(&self) -> bool {
        self.stage == Stage::Final
    }
    /// The name of an indicator for explanations, its code when the catalog lacks it.
    pub fn name_of<'s>(&'s self, code: &'s str) -> &'s str {
        self.cat.indicator(code).map_or(code, |i| i.name.as_str())
    }
}

/// What a kind's rule decided, before rounding and packaging.
#[derive(Debug, Default)]
pub(super) struct Scored {
    pub status: Option<Status>,
    pub progress_ratio: Option<f64>,
    pub projected: Option<f64>,
    pub gap: Option<f64>,
    pub latest: Option<YearValue>,
    pub baseline: Option<YearValue>,
    pub path_value: Option<f64>,
    pub warnings: Vec<Warning>,
    pub explanation: String,
}

/// Numbers as the indicator's decimals print them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Num(pub u8);

impl Num {
    pub fn f(self, v: f64) -> String {
        let s = format!("{:.*}", usize::from(self.0), v);
        // -0.0 after rounding reads as a change that is not there.
        if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
            s[1..].to_string()
        } else {
            s
        }
    }
    /// With an explicit sign, for changes.
    pub fn signed(self, v: f64) -> String {
        let s = self.f(v);
        if s.starts_with('-') || s.chars().all(|c| c == '0' || c == '.') {
            s
        } else {
            format!("+{s}")
        }
    }
    /// Half a unit of the last kept decimal: differences below it are rounding, not change.
    pub fn noise(self) -> f64 {
        0.5 * 10f64.powi(-i32::from(self.0))
    }
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
        format!("{}年 {}；", p.year, num.f(p.value))
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

/// The latest value after the baseline year: statuses judge the plan period, not the baseline.
pub(super) fn period_latest(cx: &Ctx, s: &Series) -> Option<YearValue> {
    s.range(cx.base_year() + 1..)
        .next_back()
        .map(|(y, v)| YearValue {
            year: *y,
            value: *v,
        })
}

pub(super) fn baseline_of(cx: &Ctx, s: &Series) -> Option<YearValue> {
    s.get(&cx.base_year()).map(|v| YearValue {
        year: cx.base_year(),
        value: *v,
    })
}

/// `missing_data` for a value not returned for the as-of year, and for a missing baseline. `what`
/// names the series when it is not the indicator's own value (e.g. `城镇、农村分组`).
pub(super) fn missing_values(
    cx: &Ctx,
    ind: &Indicator,
    s: &Series,
    what: &str,
    warnings: &mut Vec<Warning>,
) {
    let by = cx.base_year();
    if s.is_empty() {
        warnings.push(Warning::new(
            WarningCode::MissingData,
            format!("截至{}年没有{what}数据", cx.as_of),
        ));
        return;
    }
    if ind.required && cx.as_of > by && !s.contains_key(&cx.as_of) {
        let last = s
            .keys()
            .next_back()
            .map_or(String::new(), |y| format!("（最近一次为{y}年）"));
        warnings.push(Warning::new(
            WarningCode::MissingData,
            format!("{}年未报送{what}数据{last}", cx.as_of),
        ));
    }
    if ind.target.kind != TargetKind::Reference && !s.contains_key(&by) {
        warnings.push(Warning::new(
            WarningCode::MissingData,
            format!("缺少{by}年{what}基期值；基期值不作推算"),
        ));
    }
}

/// The least-squares projection to the final year, from the values of the baseline year on.
#[derive(Debug, Clone, Copy)]
pub(super) struct Projection {
    pub value: f64,
    pub from: i32,
    pub to: i32,
    pub points: usize,
}

impl Projection {
    /// `按 2020–2023 年 2 个年份的趋势（最小二乘）`
    pub fn basis(&self) -> String {
        format!(
            "按{}–{}年{}个年份的趋势（最小二乘）",
            self.from, self.to, self.points
        )
    }
}

/// Only while the final year lies ahead of the as-of year, and from at least two years. `clamp` keeps a
/// projected rate within what its unit admits (a coverage cannot be projected beyond 100%).
pub(super) fn projection(cx: &Ctx, s: &Series, clamp: Option<(f64, f64)>) -> Option<Projection> {
    if cx.as_of >= cx.final_year() {
        return None;
    }
    let points: Vec<(i32, f64)> = s
        .range(cx.base_year()..=cx.as_of)
        .map(|(y, v)| (*y, *v))
        .collect();
    let mut value = series::project(&points, cx.final_year())?;
    if let Some((lo, hi)) = clamp {
        value = value.clamp(lo, hi);
    }
    Some(Projection {
        value,
        from: points.first()?.0,
        to: points.last()?.0,
        points: points.len(),
    })
}

/// `fluctuation`: the as-of year's change per year is an outlier by the modified z-score over the earlier
/// changes (when there are at least `fluctuation_min_history` of them), else beyond the relative threshold.
pub(super) fn fluctuation(cx: &Ctx, s: &Series, num: Num, what: &str) -> Option<Warning> {
    let changes = series::yearly_changes(s);
    let ((year, change), history) = changes.split_last()?;
    if *year != cx.as_of {
        return None;
    }
    let (prev_year, prev) = s.range(..*year).next_back()?;
    let current = *s.get(year)?;
    let history: Vec<f64> = history.iter().map(|(_, c)| *c).collect();
    let head = format!(
        "{what}{prev_year}年 {} → {year}年 {}，年均变化 {}",
        num.f(*prev),
        num.f(current),
        num.signed(*change)
    );
    if history.len() >= cx.cfg.fluctuation_min_history {
        if let Some(score) = series::modified_z(*change, &history) {
            if score.z > cx.cfg.fluctuation_z {
                let spread = if score.mean_ad {
                    "平均绝对偏差"
                } else {
                    "MAD"
                };
                return Some(Warning::new(
                    WarningCode::Fluctuation,
                    format!(
                        "{head}，修正Z分数 {:.1} 超过 {}（此前{}次变化的中位数 {}，{spread} {}）",
                        score.z,
                        fmt_num(cx.cfg.fluctuation_z),
                        history.len(),
                        num.f(score.median),
                        num.f(score.spread)
                    ),
                ));
            }
            return None;
        }
        // The history has no spread at all: judge by the relative threshold below.
    }
    if prev.abs() > 1e-12 {
        let relative = change.abs() / prev.abs();
        if relative > cx.cfg.fluctuation_relative {
            return Some(Warning::new(
                WarningCode::Fluctuation,
                format!(
                    "{head}，为上年值的 {:.0}%，超过相对阈值 {:.0}%",
                    relative * 100.0,
                    cx.cfg.fluctuation_relative * 100.0
                ),
            ));
        }
    } else if change.abs() > num.noise() {
        return Some(Warning::new(
            WarningCode::Fluctuation,
            format!("{head}，上年为 0，无法按相对阈值衡量，视为大幅波动"),
        ));
    }
    None
}

/// `moving_away`: the last two changes of the series both worse, as `worse(previous, current)` says.
pub(super) fn moving_away(
    s: &Series,
    num: Num,
    what: &str,
    worse: impl Fn(f64, f64) -> bool,
) -> Option<Warning> {
    let last: Vec<(i32, f64)> = s.iter().rev().take(3).map(|(y, v)| (*y, *v)).collect();
    let [(y2, v2), (y1, v1), (y0, v0)] = last[..] else {
        return None;
    };
    (worse(v0, v1) && worse(v1, v2)).then(|| {
        Warning::new(
            WarningCode::MovingAway,
            format!(
                "{what}{y0}年 {} → {y1}年 {} → {y2}年 {}，连续两年偏离目标方向",
                num.f(v0),
                num.f(v1),
                num.f(v2)
            ),
        )
    })
}

pub(super) fn round_to(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    let r = (v * f).round() / f;
    if r.is_finite() {
        r
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_with_the_indicator_s_decimals_and_no_negative_zero() {
        assert_eq!(Num(1).f(14.7), "14.7");
        assert_eq!(Num(1).f(-0.01), "0.0");
        assert_eq!(Num(2).signed(0.5), "+0.50");
        assert_eq!(Num(1).signed(-1.25), "-1.2");
        assert_eq!(Num(0).signed(0.0), "0");
        assert!((Num(1).noise() - 0.05).abs() < 1e-15);
    }

    #[test]
    fn round_to_keeps_places() {
        assert_eq!(round_to(0.909_090_9, 4), 0.9091);
        assert_eq!(round_to(13.000_000_000_002, 3), 13.0);
    }
}

#[cfg(test)]
mod kind_tests {
    use super::super::status::{Status, WarningCode};
    use super::super::testkit::{has_warning, one, run, values, x};
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

    #[test]
    fn fluctuation_uses_the_relative_threshold_on_a_short_history() {
        let cat = one(r#"{ kind = "increase", wording = "逐步提高" }"#, "");
        let r = x(
            &cat,
            &values("x", &[(2020, 10.0), (2021, 10.5), (2022, 14.0)]),
            Stage::Annual,
            2022,
        );
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::Fluctuation)
            .unwrap();
        assert!(
            w.message.contains("为上年值的 33%，超过相对阈值 30%"),
            "{}",
            w.message
        );
        let r = x(
            &cat,
            &values("x", &[(2020, 10.0), (2021, 10.5), (2022, 13.0)]),
            Stage::Annual,
            2022,
        );
        assert!(!has_warning(&r, WarningCode::Fluctuation));
        // Only this year's change is tested: last year's jump is history.
        let r = x(
            &cat,
            &values("x", &[(2020, 10.0), (2021, 14.0)]),
            Stage::Annual,
            2022,
        );
        assert!(!has_warning(&r, WarningCode::Fluctuation));
    }

    #[test]
    fn fluctuation_uses_the_modified_z_score_on_a_long_history() {
        let cat = one(r#"{ kind = "increase", wording = "逐步提高" }"#, "");
        // Changes before 2023: +1.0, +1.2, +0.8, +1.1 (median 1.05, MAD 0.1). A +2.0 change: z = 6.4.
        let mut obs = values(
            "x",
            &[
                (2018, 50.0),
                (2019, 51.0),
                (2020, 52.2),
                (2021, 53.0),
                (2022, 54.1),
            ],
        );
        obs.extend(values("x", &[(2023, 56.1)]));
        let r = x(&cat, &obs, Stage::Annual, 2023);
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::Fluctuation)
            .unwrap();
        assert!(
            w.message.contains("修正Z分数 6.4 超过 3.5"),
            "{}",
            w.message
        );
        // +1.3 is within the spread of the history (z = 1.7), though a relative test would not see either.
        let mut obs = values(
            "x",
            &[
                (2018, 50.0),
                (2019, 51.0),
                (2020, 52.2),
                (2021, 53.0),
                (2022, 54.1),
            ],
        );
        obs.extend(values("x", &[(2023, 55.4)]));
        assert!(!has_warning(
            &x(&cat, &obs, Stage::Annual, 2023),
            WarningCode::Fluctuation
        ));
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
