//! What every target kind's rule shares: the context it scores in, what it decided (`Scored`), numbers
//! printed at the indicator's decimals (`Num`), and the helpers for the base year, missing values, the
//! projection and the moving-away test. `indicator` (the dispatcher) and the kinds' rules (`threshold`,
//! `trend`, `fluctuation`) all depend on this module and it on none of them, so the rules never import
//! their dispatcher.

use super::input::{Panel, Rejection};
use super::precision;
use super::series::{self, Series, YearValue};
use super::status::{Status, Warning, WarningCode};
use super::{ScoreConfig, Stage};
use crate::catalog::{Catalog, Indicator, TargetKind};

/// Everything scoring one indicator needs besides the indicator.
pub(super) struct Ctx<'a> {
    pub cat: &'a Catalog,
    pub panel: &'a Panel,
    pub stage: Stage,
    pub as_of: i32,
    pub cfg: &'a ScoreConfig,
    pub rejections: &'a [Rejection],
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
    /// The years after `after`, up to the as-of year, whose figure of `indicator` was rejected and not
    /// corrected.
    pub fn rejected_after(&self, indicator: &str, after: i32) -> Vec<i32> {
        self.rejections
            .iter()
            .filter(|r| r.indicator == indicator && r.year > after && r.year <= self.as_of)
            .map(|r| r.year)
            .collect()
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
    /// The year of the value that decided, when it is not `latest`'s (the baseline year's value when
    /// nothing newer exists; the latest year with a supplied target).
    pub decided_on: Option<i32>,
}

/// Numbers as the indicator's decimals print them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Num(pub u8);

impl Num {
    /// A computed number (a change, a path, a projection) with the indicator's decimals.
    pub fn f(self, v: f64) -> String {
        precision::format_fixed(v, self.0)
    }
    /// A reported value (or a difference of reported values) with the digits it carries, at least the
    /// indicator's: 78.06 stays 78.06 next to "≥ 78.1", so that the number shown is the number judged.
    pub fn v(self, v: f64) -> String {
        precision::format_shown(v, self.0)
    }
    /// With an explicit sign, for computed changes.
    pub fn signed(self, v: f64) -> String {
        with_sign(self.f(v))
    }
    /// With an explicit sign, for a change between two reported values (with the digits it carries).
    pub fn signed_v(self, v: f64) -> String {
        with_sign(self.v(v))
    }
    /// Half a unit of the last kept decimal: what a reported value is exact to. Two reported values
    /// closer than this are the same value rounded differently, not a change.
    pub fn noise(self) -> f64 {
        0.5 * precision::unit(self.0)
    }
    /// One unit of the last kept decimal: what a difference of two reported values (a yearly rise, a gap
    /// between two groups) is exact to. Two such differences closer than this differ only by rounding
    /// (+0.14 and +0.15 on a two-decimal rate).
    pub fn unit(self) -> f64 {
        precision::unit(self.0) + precision::FLOAT_NOISE
    }
}

fn with_sign(s: String) -> String {
    if s.starts_with('-') || s.chars().all(|c| c == '0' || c == '.') {
        s
    } else {
        format!("+{s}")
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

/// The base progress is measured from: the baseline year's value; when the baseline year has none, the
/// first reported year's after it, up to the as-of year (Statistics Canada moves its base year the same
/// way). Nothing is estimated.
pub(super) fn baseline_of(cx: &Ctx, s: &Series) -> Option<YearValue> {
    s.range(cx.base_year()..=cx.as_of)
        .next()
        .map(|(y, v)| YearValue {
            year: *y,
            value: *v,
        })
}

/// `缺少2020年基期值，以2021年为基期；` when the base moved, else nothing: the head of an explanation.
pub(super) fn moved_base_text(cx: &Ctx, base: Option<YearValue>, what: &str) -> String {
    match base {
        Some(b) if b.year != cx.base_year() => format!(
            "缺少{}年{what}基期值，以{}年为基期；",
            cx.base_year(),
            b.year
        ),
        _ => String::new(),
    }
}

/// `missing_data` for a value not returned for the as-of year; `baseline_moved` when the baseline year
/// has no value but a later year does, and `missing_data` when no year from the baseline on does. `what`
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
        // Reported but rejected is not the same as not returned: say which.
        let rejected = cx
            .rejected_after(&ind.code, cx.as_of - 1)
            .contains(&cx.as_of);
        let happened = if rejected {
            format!("报送的{what}数值被退回且未更正")
        } else {
            format!("未报送{what}数据")
        };
        warnings.push(Warning::new(
            WarningCode::MissingData,
            format!("{}年{happened}{last}", cx.as_of),
        ));
    }
    if ind.target.kind != TargetKind::Reference && !s.contains_key(&by) {
        match baseline_of(cx, s) {
            Some(b) => warnings.push(
                Warning::new(
                    WarningCode::BaselineMoved,
                    format!(
                        "缺少{by}年{what}基期值，进展自首个报送年份{}年（{}）起算；基期值不作推算",
                        b.year,
                        Num(ind.decimals).v(b.value)
                    ),
                )
                .about([b.year]),
            ),
            None => warnings.push(Warning::new(
                WarningCode::MissingData,
                format!("缺少{by}年{what}基期值；基期值不作推算"),
            )),
        }
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
                num.v(v0),
                num.v(v1),
                num.v(v2)
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
