//! Targets with a threshold: `at_least`, `at_most`, `around`, `maintain_at_least` on the indicator's own
//! value; `not_below` and `matches` on its difference from another indicator in the same year; `external`
//! on each year's supplied target.
//!
//! Annual and mid-term: a value meeting the threshold is `met`; otherwise the progress ratio against the
//! straight path from the baseline to the target places it in the Eurostat bands. Final: the latest value
//! meets the threshold (`achieved`), or falls short by no more than the basically-achieved allowance.

use super::fluctuation::warning as fluctuation;
use super::rule::{
    baseline_of, missing_values, moved_base_text, moving_away, period_latest, projection, Ctx, Num,
    Scored,
};
use super::series::{self, Series, YearValue};
use super::status::{Status, Warning, WarningCode};
use super::ScoreConfig;
use crate::catalog::target::fmt_num;
use crate::catalog::{Direction, Indicator, Target, TargetKind};

/// Ties at a band boundary go to the better band; floating-point noise must not decide a status.
const EPS: f64 = 1e-9;

/// How far `v` is from meeting a threshold, in the indicator's unit; 0 when it meets it.
pub(super) fn shortfall(t: &Target, v: f64) -> f64 {
    if t.bound_met(v) == Some(true) {
        return 0.0;
    }
    let bound = t.value.unwrap_or(0.0);
    match t.kind {
        TargetKind::AtLeast | TargetKind::MaintainAtLeast => (bound - v).max(0.0),
        TargetKind::AtMost => (v - bound).max(0.0),
        TargetKind::Around => ((v - bound).abs() - t.tolerance.unwrap_or(0.0)).max(0.0),
        _ => 0.0,
    }
}

/// The Eurostat bands of the progress ratio.
pub(super) fn band(ratio: f64, cfg: &ScoreConfig) -> Status {
    if ratio >= cfg.on_track_ratio - EPS {
        Status::OnTrack
    } else if ratio >= cfg.slow_ratio - EPS {
        Status::NeedsAcceleration
    } else if ratio >= -EPS {
        Status::SlowProgress
    } else {
        Status::Regressing
    }
}

/// The progress ratio of a threshold. For `around` the progress is the distance to the target value
/// closed, so that overshooting past the band does not count as progress.
fn ratio(t: &Target, base: f64, v: f64, base_year: i32, final_year: i32, year: i32) -> Option<f64> {
    if year <= base_year {
        return None;
    }
    let target = t.value?;
    if t.kind == TargetKind::Around {
        let frac = f64::from(year - base_year) / f64::from(final_year - base_year);
        let required = (base - target).abs() * frac;
        if required < 1e-12 {
            return None;
        }
        return Some(((base - target).abs() - (v - target).abs()) / required);
    }
    series::progress_ratio(base, v, target, base_year, final_year, year)
}

/// How a threshold judged on some series reads.
struct Reading<'a> {
    num: Num,
    /// The bound the judged series must meet.
    bound: Target,
    /// `目标 ≤ 12.5`, `不低于“本县党员总数中的女性比例”`.
    goal: String,
    /// How a point of the judged series reads: `2023年 15.0`.
    point: &'a dyn Fn(i32, f64) -> String,
    /// What the judged numbers are exact to, and how that reads: half a unit of the last decimal for a
    /// reported value, one unit for a difference of two reported values (docs/METHOD.md §5.3).
    rounding: Rounding,
    show_path: bool,
    maintain: bool,
}

/// What a judged number is exact to, with its reading for explanations.
#[derive(Debug, Clone)]
pub(super) struct Rounding {
    pub within: f64,
    pub text: String,
}

impl Rounding {
    /// A reported value: half a unit of its last decimal.
    pub fn value(num: Num) -> Self {
        Rounding {
            within: num.noise(),
            text: format!("指标保留{}位小数的舍入范围", num.0),
        }
    }
    /// A difference of two reported values: one unit of the last decimal.
    pub fn difference(num: Num) -> Self {
        Rounding {
            within: num.unit(),
            text: format!("两个数值各保留{}位小数的舍入范围", num.0),
        }
    }
}

#[derive(Debug)]
struct Judged {
    status: Status,
    ratio: Option<f64>,
    path: Option<f64>,
    gap: Option<f64>,
    explanation: String,
    /// The baseline year, when the baseline's value alone decided (nothing newer exists).
    decided_on: Option<i32>,
    warnings: Vec<Warning>,
}

impl Judged {
    fn no_data(explanation: String) -> Self {
        Judged {
            status: Status::NoData,
            ratio: None,
            path: None,
            gap: None,
            explanation,
            decided_on: None,
            warnings: Vec::new(),
        }
    }
}

/// The basically-achieved allowance and how it reads: `tolerance × the base year's shortfall` (the change
/// the plan asked for), never less than half a unit of the last decimal (rounding). When the base
/// already met the threshold the plan asked for no change, and when the base is the latest value itself
/// nothing is known of the change made: rounding is then the whole allowance, so a target met at the
/// base that falls clearly below it is 未实现.
pub(super) fn allowance(
    cfg: &ScoreConfig,
    num: Num,
    rounding: &Rounding,
    base_shortfall: Option<f64>,
    no_change_why: &str,
) -> (f64, String) {
    let pct = fmt_num(cfg.basically_achieved_tolerance * 100.0);
    let rounding_text = &rounding.text;
    let rounding = rounding.within;
    match base_shortfall.filter(|s| *s > EPS) {
        Some(b) if cfg.basically_achieved_tolerance * b >= rounding => (
            cfg.basically_achieved_tolerance * b,
            format!("基期差距 {} 的 {pct}%", precise(num, b)),
        ),
        Some(b) => (
            rounding,
            format!(
                "基期差距 {} 的 {pct}% 小于{rounding_text}，按舍入范围计",
                precise(num, b)
            ),
        ),
        None => (rounding, format!("{no_change_why}，仅容{rounding_text}")),
    }
}

fn judge(cx: &Ctx, s: &Series, r: &Reading) -> Judged {
    let (by, fy) = (cx.base_year(), cx.final_year());
    let met = |v: f64| r.bound.bound_met(v) == Some(true);
    let goal = &r.goal;
    // The baseline year's value, else the first reported year's after it (the base moves; nothing is
    // estimated).
    let base = baseline_of(cx, s);
    let Some(latest) = period_latest(cx, s) else {
        // Nothing after the baseline year: a census, survey or baseline year's value alone says whether
        // the threshold is met (Statistics Canada: a target met is met), never how progress goes.
        let Some(b) = base else {
            return Judged::no_data(format!("截至{}年无数据", cx.as_of));
        };
        let then = (r.point)(b.year, b.value);
        if !met(b.value) {
            return Judged::no_data(format!(
                "仅有{by}年（基期）数据：{then}，未达到{goal}；基期后尚未报送，无法判断进展"
            ));
        }
        let status = if cx.is_final() {
            Status::Achieved
        } else {
            Status::Met
        };
        return Judged {
            status,
            ratio: None,
            path: None,
            gap: Some(0.0),
            explanation: format!("仅有{by}年（基期）数据：{then}，已达到{goal}，按该年数据判断"),
            decided_on: Some(by),
            warnings: vec![Warning::new(
                WarningCode::EarlierYear,
                format!(
                    "截至{}年只有{by}年（基期）的数值 {}，按该年判断已达到{goal}",
                    cx.as_of,
                    r.num.v(b.value)
                ),
            )
            .about([by])],
        };
    };
    let base = base.filter(|b| b.year < latest.year);
    let now = (r.point)(latest.year, latest.value);
    let moved = moved_base_text(cx, base, "");
    let base_text = base.map(|b| format!("{moved}{}", (r.point)(b.year, b.value)));
    let ratio = base
        .filter(|b| !met(b.value) && b.year < fy)
        .and_then(|b| ratio(&r.bound, b.value, latest.value, b.year, fy, latest.year));
    let path = match (base, r.bound.value) {
        (Some(b), Some(t)) if r.show_path && !met(b.value) && b.year < fy => {
            Some(series::straight_path(b.value, t, b.year, fy, latest.year))
        }
        _ => None,
    };
    let gap = Some(shortfall(&r.bound, latest.value));
    let judged = |status, explanation| Judged {
        status,
        ratio,
        path,
        gap,
        explanation,
        decided_on: None,
        warnings: Vec::new(),
    };
    let broken: Vec<(i32, f64)> = if r.maintain {
        s.range(by + 1..)
            .filter(|(_, v)| !met(**v))
            .map(|(y, v)| (*y, *v))
            .collect()
    } else {
        Vec::new()
    };
    let broken_text = broken
        .iter()
        .map(|(y, v)| (r.point)(*y, *v))
        .collect::<Vec<_>>()
        .join("、");
    let with_base = base_text
        .as_ref()
        .map_or(String::new(), |t| format!("（{t}）"));

    if cx.is_final() {
        if met(latest.value) && broken.is_empty() {
            let text = if r.maintain {
                let first = s.range(by + 1..).next().map_or(latest.year, |(y, _)| *y);
                format!("{first}–{}年每个报送年份均达到{goal}，{now}", latest.year)
            } else {
                format!("{now}，已达到{goal}{with_base}")
            };
            return judged(Status::Achieved, text);
        }
        if met(latest.value) {
            return judged(
                Status::BasicallyAchieved,
                format!("{broken_text} 未达到{goal}，{now} 已恢复达标"),
            );
        }
        let short = shortfall(&r.bound, latest.value);
        let (why, base_short) = match base {
            Some(b) if met(b.value) => (format!("{}年已达标，规划要求保持", b.year), None),
            Some(b) => (String::new(), Some(shortfall(&r.bound, b.value))),
            None => (
                format!(
                    "缺少{by}年基期值，仅有{}年一个数值，无从比较变化",
                    latest.year
                ),
                None,
            ),
        };
        let (allowance, basis) = allowance(cx.cfg, r.num, &r.rounding, base_short, &why);
        let earlier: Vec<String> = broken
            .iter()
            .filter(|(y, _)| *y != latest.year)
            .map(|(y, v)| (r.point)(*y, *v))
            .collect();
        let lead = if earlier.is_empty() {
            String::new()
        } else {
            format!("{} 未达到{goal}；", earlier.join("、"))
        };
        let head = format!("{lead}{moved}{now}，距{goal} 差 {}", precise(r.num, short));
        return if short <= allowance + EPS {
            judged(
                Status::BasicallyAchieved,
                format!(
                    "{head}，在基本实现容差 {}（{basis}）以内",
                    precise(r.num, allowance)
                ),
            )
        } else {
            judged(
                Status::NotAchieved,
                format!(
                    "{head}，超出基本实现容差 {}（{basis}）",
                    precise(r.num, allowance)
                ),
            )
        };
    }

    if met(latest.value) {
        let tail = if broken.is_empty() {
            String::new()
        } else {
            format!("；{broken_text} 曾未达到")
        };
        return judged(Status::Met, format!("{now}，已达到{goal}{with_base}{tail}"));
    }
    if r.maintain {
        // A maintain target that held in an earlier year and no longer does has gone backwards,
        // whatever the baseline.
        let held = s
            .range(..latest.year)
            .rev()
            .find(|(y, v)| **y >= by && met(**v));
        if let Some((y, v)) = held {
            return judged(
                Status::Regressing,
                format!("{} 曾达到{goal}，{now} 未达到", (r.point)(*y, *v)),
            );
        }
    }
    let (Some(b), Some(base_text)) = (base, base_text) else {
        return judged(
            Status::NoData,
            format!(
                "{now}，未达到{goal}；缺少{by}年基期值，仅有{}年一个数值，无法计算进展",
                latest.year
            ),
        );
    };
    if met(b.value) {
        return judged(
            Status::Regressing,
            format!("{base_text} 已达到{goal}，{now} 未达到"),
        );
    }
    let unchanged = (latest.value - b.value).abs() <= r.rounding.within;
    let path_text = path.map_or(String::new(), |p| {
        format!("按直线路径{}年应达 {}，", latest.year, r.num.f(p))
    });
    match ratio {
        Some(q) => {
            let status = if unchanged {
                Status::SlowProgress
            } else {
                band(q, cx.cfg)
            };
            judged(
                status,
                format!("{base_text} → {now}，{path_text}进展比 {q:.2}"),
            )
        }
        // Only a strict bound equal to the base requires no change; any move is then judged by sign.
        None => judged(
            if unchanged {
                Status::SlowProgress
            } else {
                Status::Regressing
            },
            format!("{base_text} → {now}，未达到{goal}"),
        ),
    }
}

/// A difference below display precision printed with two more decimals, so that `差 0.275` and
/// `容差 0.28` do not both read `0.3`.
fn precise(num: Num, v: f64) -> String {
    fmt_num(super::rule::round_to(v, i32::from(num.0) + 2))
}

/// How a projected value misses a threshold, e.g. `高于目标 12.5`.
fn miss_phrase(t: &Target) -> String {
    let bound = t.value.map(fmt_num).unwrap_or_default();
    if !t.inclusive {
        return format!("未达到目标 {}", t.describe_zh());
    }
    match t.kind {
        TargetKind::AtLeast | TargetKind::MaintainAtLeast => format!("低于目标 {bound}"),
        TargetKind::AtMost => format!("高于目标 {bound}"),
        _ => format!("超出目标 {} 的范围", t.describe_zh()),
    }
}

/// `at_least`, `at_most`, `around`, `maintain_at_least` on the indicator's own value.
pub(super) fn own(cx: &Ctx, ind: &Indicator) -> Scored {
    let t = &ind.target;
    let num = Num(ind.decimals);
    let s = cx.panel.values(&ind.code);
    let mut warnings = Vec::new();
    missing_values(cx, ind, &s, "", &mut warnings);
    let Some(target) = t.value else {
        return Scored {
            status: Some(Status::NoData),
            warnings,
            explanation: "计划文件中该目标缺少目标值".into(),
            ..Scored::default()
        };
    };
    let maintain = t.kind == TargetKind::MaintainAtLeast;
    let point = |y: i32, v: f64| format!("{y}年 {}", num.v(v));
    let reading = Reading {
        num,
        bound: t.clone(),
        goal: format!("目标 {}", t.describe_zh()),
        point: &point,
        rounding: Rounding::value(num),
        show_path: !maintain,
        maintain,
    };
    let judged = judge(cx, &s, &reading);
    let mut explanation = judged.explanation;
    warnings.extend(judged.warnings);
    let met = |v: f64| t.bound_met(v) == Some(true);
    let latest = period_latest(cx, &s);
    // A census or survey indicator is not reported every year: say which year decided, as the
    // missing-data warning does for one that is.
    if let Some(p) = latest.filter(|p| !ind.required && p.year < cx.as_of) {
        warnings.push(
            Warning::new(
                WarningCode::EarlierYear,
                format!(
                    "{}年没有新的数值，按{}年（最近一次调查或统计年份）的 {} 判断",
                    cx.as_of,
                    p.year,
                    num.v(p.value)
                ),
            )
            .about([p.year]),
        );
    }

    let projected = projection(cx, &s, Some(ind.unit.range()));
    if let Some(p) = projected {
        let fy = cx.final_year();
        if met(p.value) {
            explanation += &format!("；按趋势预计{fy}年 {}，可达到目标", num.f(p.value));
        } else {
            let miss = miss_phrase(t);
            explanation += &format!("；按趋势预计{fy}年 {}，{miss}", num.f(p.value));
            warnings.push(Warning::new(
                WarningCode::ProjectedMiss,
                format!("{}预计{fy}年为 {}，{miss}", p.basis(), num.f(p.value)),
            ));
        }
    }
    if maintain {
        let broken: Vec<String> = s
            .range(cx.base_year() + 1..)
            .filter(|(_, v)| !met(**v))
            .map(|(y, v)| point(*y, *v))
            .collect();
        if !broken.is_empty() {
            warnings.push(Warning::new(
                WarningCode::MaintainBroken,
                format!(
                    "{} 低于应保持的水平 {}（{}）",
                    broken.join("、"),
                    fmt_num(target),
                    t.wording
                ),
            ));
        }
    }
    if latest.is_some_and(|p| !met(p.value)) {
        // Levels are compared at the indicator's precision: a step counts beyond half a unit.
        let noise = num.noise();
        let away = moving_away(&s, num, "", |prev, cur| match t.kind {
            TargetKind::AtMost => cur > prev + noise,
            TargetKind::Around => (cur - target).abs() > (prev - target).abs() + noise,
            _ => cur < prev - noise,
        });
        warnings.extend(away);
    }
    warnings.extend(fluctuation(cx, &s, num, "", ind.small_counts));
    Scored {
        status: Some(judged.status),
        progress_ratio: judged.ratio,
        projected: projected.map(|p| p.value),
        gap: judged.gap,
        latest,
        baseline: baseline_of(cx, &s),
        path_value: judged.path,
        warnings,
        explanation,
        decided_on: judged.decided_on,
    }
}

/// `not_below` and `matches`: the difference from the other indicator in the same year is judged as an
/// `at_least 0` or `around 0 ± tolerance` target.
pub(super) fn relational(cx: &Ctx, ind: &Indicator) -> Scored {
    let t = &ind.target;
    let num = Num(ind.decimals);
    let own = cx.panel.values(&ind.code);
    let mut warnings = Vec::new();
    missing_values(cx, ind, &own, "", &mut warnings);
    let Some(other_code) = t.other.as_deref() else {
        return Scored {
            status: Some(Status::NoData),
            warnings,
            explanation: "计划文件中该目标缺少比较对象".into(),
            ..Scored::default()
        };
    };
    let other_name = cx.name_of(other_code);
    let other = cx.panel.values(other_code);
    let by = cx.base_year();
    if !other.contains_key(&cx.as_of) && cx.as_of > by {
        warnings.push(Warning::new(
            WarningCode::MissingData,
            format!("比较对象“{other_name}”{}年无数据", cx.as_of),
        ));
    }
    if !other.contains_key(&by) {
        warnings.push(Warning::new(
            WarningCode::MissingData,
            format!("比较对象“{other_name}”缺少{by}年基期值"),
        ));
    }
    let diff: Series = own
        .iter()
        .filter_map(|(y, v)| other.get(y).map(|o| (*y, v - o)))
        .collect();
    let (bound, goal) = if t.kind == TargetKind::Matches {
        let tol = t.tolerance.unwrap_or(cx.cat.plan.around_tolerance);
        (
            Target {
                kind: TargetKind::Around,
                value: Some(0.0),
                tolerance: Some(tol),
                ..t.clone()
            },
            format!("与“{other_name}”相差不超过 {}", fmt_num(tol)),
        )
    } else {
        (
            Target {
                kind: TargetKind::AtLeast,
                value: Some(0.0),
                tolerance: None,
                ..t.clone()
            },
            format!("不低于“{other_name}”"),
        )
    };
    let point = |y: i32, _: f64| {
        let v = own.get(&y).copied().unwrap_or(f64::NAN);
        let o = other.get(&y).copied().unwrap_or(f64::NAN);
        format!("{y}年 {}（{other_name} {}）", num.v(v), num.v(o))
    };
    let reading = Reading {
        num,
        bound: bound.clone(),
        goal,
        point: &point,
        rounding: Rounding::difference(num),
        show_path: false,
        maintain: false,
    };
    let judged = judge(cx, &diff, &reading);
    let mut explanation = judged.explanation;
    warnings.extend(judged.warnings);
    let range = Some(ind.unit.range());
    let projected_own = projection(cx, &own, range);
    if let Some(p) = projection(cx, &diff, None) {
        if bound.bound_met(p.value) != Some(true) {
            let fy = cx.final_year();
            let values = match (projected_own, projection(cx, &other, range)) {
                (Some(a), Some(b)) => {
                    format!("{}，{other_name} {}", num.f(a.value), num.f(b.value))
                }
                _ => format!("差值 {}", num.signed(p.value)),
            };
            let miss = format!("预计{fy}年 {values}，仍未达到{}", reading.goal);
            explanation += &format!("；按趋势{miss}");
            warnings.push(Warning::new(
                WarningCode::ProjectedMiss,
                format!("{}{miss}", p.basis()),
            ));
        }
    }
    let latest_diff = period_latest(cx, &diff);
    if latest_diff.is_some_and(|p| bound.bound_met(p.value) != Some(true)) {
        // A difference of two reported values is exact to one unit of the last decimal.
        let noise = num.unit();
        let matches = t.kind == TargetKind::Matches;
        warnings.extend(moving_away(
            &diff,
            num,
            "与比较对象的差值 ",
            |prev, cur| {
                if matches {
                    cur.abs() > prev.abs() + noise
                } else {
                    cur < prev - noise
                }
            },
        ));
    }
    warnings.extend(fluctuation(cx, &own, num, "", ind.small_counts));
    let own_at = |p: YearValue| {
        own.get(&p.year).map(|v| YearValue {
            year: p.year,
            value: *v,
        })
    };
    Scored {
        status: Some(judged.status),
        progress_ratio: judged.ratio,
        projected: projected_own.map(|p| p.value),
        gap: judged.gap,
        latest: latest_diff.and_then(own_at),
        baseline: baseline_of(cx, &diff).and_then(own_at),
        path_value: None,
        warnings,
        explanation,
        decided_on: judged.decided_on,
    }
}

/// `external`: each year's value against that year's supplied target (`Field::Target`), in the direction
/// the indicator states.
pub(super) fn external(cx: &Ctx, ind: &Indicator) -> Scored {
    let num = Num(ind.decimals);
    let values = cx.panel.values(&ind.code);
    let targets = cx.panel.targets(&ind.code);
    let by = cx.base_year();
    let mut warnings = Vec::new();
    missing_values(cx, ind, &values, "", &mut warnings);
    if cx.as_of > by && !targets.contains_key(&cx.as_of) {
        warnings.push(Warning::new(
            WarningCode::MissingData,
            format!("{}年未提供上级下达的目标值", cx.as_of),
        ));
    }
    let kind = if ind.direction == Direction::Decrease {
        TargetKind::AtMost
    } else {
        TargetKind::AtLeast
    };
    let bound_of = |t: f64| Target {
        kind,
        value: Some(t),
        tolerance: None,
        ..ind.target.clone()
    };
    // (year, value, target) for the plan years that have both.
    let pairs: Vec<(i32, f64, f64)> = values
        .range(by + 1..)
        .filter_map(|(y, v)| targets.get(y).map(|t| (*y, *v, *t)))
        .collect();
    let latest = period_latest(cx, &values);
    let mut scored = Scored {
        latest,
        baseline: baseline_of(cx, &values),
        ..Scored::default()
    };
    warnings.extend(fluctuation(cx, &values, num, "", ind.small_counts));
    let projected = projection(cx, &values, Some(ind.unit.range()));
    scored.projected = projected.map(|p| p.value);

    let Some(&(year, value, target)) = pairs.last() else {
        scored.status = Some(Status::NoData);
        scored.explanation = match latest {
            Some(p) => format!(
                "{}年 {}，但没有该年上级下达的目标值，无法评价",
                p.year,
                num.v(p.value)
            ),
            None => format!("截至{}年无数据", cx.as_of),
        };
        scored.warnings = warnings;
        return scored;
    };
    scored.decided_on = Some(year);
    let bound = bound_of(target);
    let met = bound.bound_met(value) == Some(true);
    let short = shortfall(&bound, value);
    // As for the plan's own thresholds: the allowance is a share of the change the base was short of
    // this target; when the base already met it, or is this year itself, only rounding.
    let (why, base_short) = match scored.baseline.filter(|b| b.year < year) {
        Some(b) if bound.bound_met(b.value) == Some(true) => {
            (format!("{}年已达到该目标", b.year), None)
        }
        Some(b) => (String::new(), Some(shortfall(&bound, b.value))),
        None => (format!("{year}年之前没有可比较的数值"), None),
    };
    let (allowance, basis) = allowance(cx.cfg, num, &Rounding::value(num), base_short, &why);
    let now = format!(
        "{year}年 {}，上级下达目标 {} {}",
        num.v(value),
        if kind == TargetKind::AtMost {
            "≤"
        } else {
            "≥"
        },
        num.v(target)
    );
    let within = format!("基本实现容差 {}（{basis}）", precise(num, allowance));
    let (status, text) = if met {
        (
            if cx.is_final() {
                Status::Achieved
            } else {
                Status::Met
            },
            format!("{now}，已完成"),
        )
    } else if cx.is_final() {
        if short <= allowance + EPS {
            (
                Status::BasicallyAchieved,
                format!("{now}，差 {}，在{within}以内", precise(num, short)),
            )
        } else {
            (
                Status::NotAchieved,
                format!("{now}，差 {}，超出{within}", precise(num, short)),
            )
        }
    } else {
        let previous = pairs
            .iter()
            .rev()
            .nth(1)
            .map(|&(y, v, t)| (y, shortfall(&bound_of(t), v)));
        let noise = num.noise();
        match previous {
            Some((py, ps)) if short > ps + noise => (
                Status::Regressing,
                format!(
                    "{now}，差距由{py}年的 {} 扩大到 {}",
                    precise(num, ps),
                    precise(num, short)
                ),
            ),
            Some((py, ps)) if short < ps - noise => (
                Status::NeedsAcceleration,
                format!(
                    "{now}，差距由{py}年的 {} 缩小到 {}",
                    precise(num, ps),
                    precise(num, short)
                ),
            ),
            _ if short <= allowance + EPS => (
                Status::NeedsAcceleration,
                format!("{now}，差 {}，在{within}以内", precise(num, short)),
            ),
            _ => (
                Status::SlowProgress,
                format!("{now}，差 {}", precise(num, short)),
            ),
        }
    };
    let mut explanation = text;
    if let Some(p) = projected {
        // The final year's own target when it is known, else the latest one stands in for it.
        let fy = cx.final_year();
        let (ty, t) = targets.get(&fy).map(|t| (fy, *t)).unwrap_or((year, target));
        if bound_of(t).bound_met(p.value) != Some(true) {
            let miss = format!(
                "预计{fy}年为 {}，未达到{ty}年下达目标 {}",
                num.f(p.value),
                num.v(t)
            );
            explanation += &format!("；按趋势{miss}");
            warnings.push(Warning::new(
                WarningCode::ProjectedMiss,
                format!("{}{miss}", p.basis()),
            ));
        }
    }
    if !met {
        let noise = num.noise();
        warnings.extend(moving_away(&values, num, "", |prev, cur| {
            if kind == TargetKind::AtMost {
                cur > prev + noise
            } else {
                cur < prev - noise
            }
        }));
    }
    scored.status = Some(status);
    scored.gap = Some(short);
    scored.explanation = explanation;
    scored.warnings = warnings;
    scored
}

#[cfg(test)]
mod tests {
    use super::super::status::{Status, WarningCode};
    use super::super::testkit::{has_warning, one, plan, targets, values, x, x_rejected};
    use super::super::Stage;
    use crate::catalog::Catalog;

    fn at_most_12_5() -> Catalog {
        one(
            r#"{ kind = "at_most", value = 12.5, wording = "下降到 12.5 以下" }"#,
            "",
        )
    }

    fn at_least_100() -> Catalog {
        one(
            r#"{ kind = "at_least", value = 100, wording = "达到 100%" }"#,
            "",
        )
    }

    #[test]
    fn a_value_exactly_on_a_yixia_bound_meets_it() {
        let cat = at_most_12_5();
        let obs = values("x", &[(2020, 18.0), (2023, 12.5)]);
        assert_eq!(x(&cat, &obs, Stage::Midterm, 2023).status, Status::Met);
        let obs = values("x", &[(2020, 18.0), (2025, 12.5)]);
        let r = x(&cat, &obs, Stage::Final, 2025);
        assert_eq!(r.status, Status::Achieved);
        assert_eq!(r.gap, Some(0.0));
        let obs = values("x", &[(2020, 18.0), (2025, 12.51)]);
        assert_ne!(x(&cat, &obs, Stage::Final, 2025).status, Status::Achieved);
    }

    #[test]
    fn a_strict_bound_excludes_its_number() {
        let cat = one(
            r#"{ kind = "at_most", value = 10, inclusive = false, wording = "不满 10%" }"#,
            "",
        );
        let obs = values("x", &[(2020, 14.0), (2025, 10.0)]);
        assert_ne!(x(&cat, &obs, Stage::Final, 2025).status, Status::Achieved);
        let obs = values("x", &[(2020, 14.0), (2025, 9.9)]);
        assert_eq!(x(&cat, &obs, Stage::Final, 2025).status, Status::Achieved);
    }

    #[test]
    fn progress_ratio_band_boundaries_follow_eurostat() {
        // Baseline 50 → target 100 in 2025: by 2023 the path requires +30.
        let cat = at_least_100();
        let at = |v: f64| {
            let r = x(
                &cat,
                &values("x", &[(2020, 50.0), (2023, v)]),
                Stage::Midterm,
                2023,
            );
            (r.status, r.progress_ratio)
        };
        assert_eq!(at(80.0), (Status::OnTrack, Some(1.0)));
        assert_eq!(at(78.5), (Status::OnTrack, Some(0.95)));
        assert_eq!(at(78.4).0, Status::NeedsAcceleration);
        assert_eq!(at(68.0), (Status::NeedsAcceleration, Some(0.6)));
        assert_eq!(at(67.9).0, Status::SlowProgress);
        assert_eq!(at(50.0), (Status::SlowProgress, Some(0.0)));
        assert_eq!(at(49.0).0, Status::Regressing);
        // A change below the indicator's precision is no change, not regress.
        assert_eq!(at(49.96).0, Status::SlowProgress);
    }

    #[test]
    fn straight_path_and_progress_ratio_are_reported_with_the_explanation() {
        let cat = at_most_12_5();
        let r = x(
            &cat,
            &values("x", &[(2020, 18.0), (2023, 15.0)]),
            Stage::Midterm,
            2023,
        );
        assert_eq!(r.status, Status::NeedsAcceleration);
        assert_eq!(r.path_value, Some(14.7));
        assert_eq!(r.gap, Some(2.5));
        assert!(
            r.explanation
                .starts_with("2020年 18.0 → 2023年 15.0，按直线路径2023年应达 14.7，进展比 0.91"),
            "{}",
            r.explanation
        );
    }

    #[test]
    fn basically_achieved_is_within_five_percent_of_the_required_change() {
        // Required change 18 → 12.5 is 5.5; 5% of it is 0.275.
        let cat = at_most_12_5();
        let fin = |v: f64| {
            x(
                &cat,
                &values("x", &[(2020, 18.0), (2025, v)]),
                Stage::Final,
                2025,
            )
        };
        assert_eq!(fin(12.775).status, Status::BasicallyAchieved);
        let r = fin(12.8);
        assert_eq!(r.status, Status::NotAchieved);
        assert!(
            r.explanation
                .contains("超出基本实现容差 0.275（基期差距 5.5 的 5%）"),
            "{}",
            r.explanation
        );
    }

    /// Maternal mortality against "≤ 12.5" with no 2020 value. 12.0 (2022), 12.4 (2023): met, whatever
    /// the base. 15.0 (2022), 14.0 (2023): the base moves to 2022 — the straight path from 15.0 in 2022
    /// to 12.5 in 2025 asks for 14.17 by 2023, so the progress ratio is −1.0 / −0.83 = 1.20, on track.
    /// Today this is `no_data`, though the projection already uses those years.
    #[test]
    fn without_a_baseline_progress_is_counted_from_the_first_reported_year() {
        let cat = at_most_12_5();
        let r = x(
            &cat,
            &values("x", &[(2022, 12.0), (2023, 12.4)]),
            Stage::Midterm,
            2023,
        );
        assert_eq!(r.status, Status::Met);
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::BaselineMoved)
            .unwrap();
        assert!(
            w.message
                .contains("缺少2020年基期值，进展自首个报送年份2022年（12.0）起算"),
            "{}",
            w.message
        );
        assert_eq!(w.years, vec![2022]);
        let r = x(
            &cat,
            &values("x", &[(2022, 15.0), (2023, 14.0)]),
            Stage::Midterm,
            2023,
        );
        assert_eq!(r.status, Status::OnTrack, "{}", r.explanation);
        assert_eq!(r.progress_ratio, Some(1.2));
        assert_eq!(r.path_value, Some(14.167));
        assert_eq!(r.baseline.unwrap().year, 2022);
        assert!(
            r.explanation.starts_with(
                "缺少2020年基期值，以2022年为基期；2022年 15.0 → 2023年 14.0，按直线路径2023年应达 14.2，进展比 1.20"
            ),
            "{}",
            r.explanation
        );
        assert!(
            !has_warning(&r, WarningCode::MissingData),
            "{:?}",
            r.warnings
        );
    }

    /// A single final value of 13.0 against "≤ 12.5", with no earlier value: nothing is known of the
    /// change made, so only rounding (0.05) is allowed and 0.5 short is 未实现. Today the fallback of 5%
    /// of the target (0.625) makes it 基本实现.
    #[test]
    fn a_single_final_value_short_of_the_target_is_not_basically_achieved() {
        let cat = at_most_12_5();
        let r = x(&cat, &values("x", &[(2025, 13.0)]), Stage::Final, 2025);
        assert_eq!(r.status, Status::NotAchieved, "{}", r.explanation);
        assert!(
            r.explanation
                .contains("超出基本实现容差 0.05（缺少2020年基期值，仅有2025年一个数值"),
            "{}",
            r.explanation
        );
    }

    /// "≥ 95" (e.g. pension insurance coverage). 91 in 2025 with no earlier value: 4.0 short, only
    /// rounding allowed — 未实现 (today 5% of 95 = 4.75 lets it pass). From 96 in 2020 (met) to 91: the
    /// plan asked to keep ≥ 95, so falling clearly below it is 未实现 too; 94.96 is within rounding of
    /// one decimal (0.04 ≤ 0.05) and is 基本实现. From 91 in 2020, the change asked is 4.0 and 5% of it
    /// is 0.2: 94.8 is 基本实现, 94.7 未实现.
    #[test]
    fn the_basically_achieved_allowance_near_a_ceiling_is_a_share_of_the_change_asked_for() {
        let cat = one(
            r#"{ kind = "at_least", value = 95, wording = "达到95%以上" }"#,
            "",
        );
        let fin = |pts: &[(i32, f64)]| x(&cat, &values("x", pts), Stage::Final, 2025);
        assert_eq!(fin(&[(2025, 91.0)]).status, Status::NotAchieved);
        let r = fin(&[(2020, 96.0), (2025, 91.0)]);
        assert_eq!(r.status, Status::NotAchieved, "{}", r.explanation);
        assert!(
            r.explanation.contains("2020年已达标，规划要求保持"),
            "{}",
            r.explanation
        );
        assert_eq!(
            fin(&[(2020, 96.0), (2025, 94.96)]).status,
            Status::BasicallyAchieved
        );
        assert_eq!(
            fin(&[(2020, 91.0), (2025, 94.8)]).status,
            Status::BasicallyAchieved
        );
        assert_eq!(
            fin(&[(2020, 91.0), (2025, 94.7)]).status,
            Status::NotAchieved
        );
    }

    #[test]
    fn a_baseline_that_met_the_target_and_a_latest_value_that_does_not_is_regress() {
        let cat = at_least_100();
        let r = x(
            &cat,
            &values("x", &[(2020, 100.0), (2022, 99.0)]),
            Stage::Annual,
            2022,
        );
        assert_eq!(r.status, Status::Regressing);
        assert_eq!(r.progress_ratio, None);
    }

    #[test]
    fn no_value_after_the_baseline_is_no_data_with_a_warning() {
        let cat = at_least_100();
        let r = x(&cat, &values("x", &[(2020, 80.0)]), Stage::Annual, 2021);
        assert_eq!(r.status, Status::NoData);
        // The explanation names the value, so it does not say 无数据.
        assert_eq!(
            r.explanation,
            "仅有2020年（基期）数据：2020年 80.0，未达到目标 ≥ 100；基期后尚未报送，无法判断进展"
        );
        assert!(has_warning(&r, WarningCode::MissingData));
        let r = x(&cat, &[], Stage::Annual, 2021);
        assert_eq!(r.status, Status::NoData);
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    }

    #[test]
    fn zuoyou_meets_at_the_edge_of_its_tolerance() {
        let cat = one(
            r#"{ kind = "around", value = 30, tolerance = 2, wording = "达到30%左右" }"#,
            "",
        );
        let mid = |v: f64| {
            x(
                &cat,
                &values("x", &[(2020, 20.0), (2023, v)]),
                Stage::Midterm,
                2023,
            )
        };
        assert_eq!(mid(28.0).status, Status::Met);
        assert_eq!(mid(32.0).status, Status::Met);
        assert_ne!(mid(27.9).status, Status::Met);
        // Overshooting past the band is not progress: 20 → 40 is as far from 30 as the baseline.
        assert_eq!(mid(40.0).status, Status::SlowProgress);
        let fin = |v: f64| {
            x(
                &cat,
                &values("x", &[(2020, 20.0), (2025, v)]),
                Stage::Final,
                2025,
            )
        };
        assert_eq!(fin(28.0).status, Status::Achieved);
        // Baseline shortfall to the band is 8; 5% of it is 0.4.
        assert_eq!(fin(27.6).status, Status::BasicallyAchieved);
        assert_eq!(fin(27.5).status, Status::NotAchieved);
    }

    #[test]
    fn maintain_checks_every_reported_year() {
        let cat = one(
            r#"{ kind = "maintain_at_least", value = 96, wording = "稳定在96%以上" }"#,
            "",
        );
        let steady = values(
            "x",
            &[(2020, 96.5), (2021, 97.0), (2022, 96.0), (2023, 96.2)],
        );
        let r = x(&cat, &steady, Stage::Annual, 2023);
        assert_eq!(r.status, Status::Met);
        assert!(!has_warning(&r, WarningCode::MaintainBroken));

        let broke = values(
            "x",
            &[(2020, 96.5), (2021, 97.0), (2022, 95.1), (2023, 96.2)],
        );
        let r = x(&cat, &broke, Stage::Annual, 2023);
        assert_eq!(r.status, Status::Met);
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::MaintainBroken)
            .unwrap();
        assert!(w.message.contains("2022年 95.1"), "{}", w.message);

        let now_broken = values("x", &[(2020, 96.5), (2021, 97.0), (2022, 95.1)]);
        assert_eq!(
            x(&cat, &now_broken, Stage::Annual, 2022).status,
            Status::Regressing
        );

        let mut all = broke.clone();
        all.extend(values("x", &[(2024, 96.3), (2025, 96.4)]));
        assert_eq!(
            x(&cat, &all, Stage::Final, 2025).status,
            Status::BasicallyAchieved
        );
        let mut all = steady.clone();
        all.extend(values("x", &[(2024, 96.3), (2025, 96.4)]));
        assert_eq!(x(&cat, &all, Stage::Final, 2025).status, Status::Achieved);
        let mut all = steady;
        all.extend(values("x", &[(2024, 96.3), (2025, 90.0)]));
        assert_eq!(
            x(&cat, &all, Stage::Final, 2025).status,
            Status::NotAchieved
        );
    }

    fn party() -> Catalog {
        one(
            r#"{ kind = "not_below", other = "ref", wording = "不少于党员中的女性比例" }"#,
            r#"
[[domains.objectives.indicators]]
code = "ref"
name = "党员中的女性比例"
unit = "percent"
decimals = 1
target = { kind = "reference", wording = "保持合理比例" }
lead_unit = "卫健体局"
"#,
        )
    }

    #[test]
    fn not_below_compares_with_the_other_indicator_in_the_same_year() {
        let cat = party();
        let mut obs = values("x", &[(2020, 24.0), (2023, 28.0)]);
        obs.extend(values("ref", &[(2020, 28.0), (2023, 28.0)]));
        let r = x(&cat, &obs, Stage::Midterm, 2023);
        assert_eq!(r.status, Status::Met, "{}", r.explanation);
        assert_eq!(r.latest.unwrap().value, 28.0);

        let mut obs = values("x", &[(2020, 24.0), (2023, 26.0)]);
        obs.extend(values("ref", &[(2020, 28.0), (2023, 29.0)]));
        let r = x(&cat, &obs, Stage::Midterm, 2023);
        // Shortfall 4.0 → 3.0; the path requires closing 60% of 4.0 = 2.4 by 2023: ratio 1.0 / 2.4.
        assert_eq!(r.status, Status::SlowProgress, "{}", r.explanation);
        assert_eq!(r.gap, Some(3.0));
        assert!(
            r.explanation
                .contains("2023年 26.0（党员中的女性比例 29.0）"),
            "{}",
            r.explanation
        );

        let mut obs = values("x", &[(2020, 24.0), (2025, 26.0)]);
        obs.extend(values("ref", &[(2025, 28.0)]));
        let r = x(&cat, &obs, Stage::Final, 2025);
        assert_eq!(r.status, Status::NotAchieved);
        assert!(r.warnings.iter().any(|w| w.message.contains("比较对象")));
    }

    #[test]
    fn matches_accepts_the_other_indicator_within_its_tolerance() {
        let cat = one(
            r#"{ kind = "matches", other = "ref", tolerance = 5, wording = "与女职工比例相适应" }"#,
            r#"
[[domains.objectives.indicators]]
code = "ref"
name = "女职工比例"
unit = "percent"
decimals = 1
target = { kind = "reference", wording = "女职工比例（参照）" }
lead_unit = "卫健体局"
"#,
        );
        let fin = |v: f64| {
            let mut obs = values("x", &[(2020, 30.0), (2025, v)]);
            obs.extend(values("ref", &[(2020, 45.0), (2025, 45.0)]));
            x(&cat, &obs, Stage::Final, 2025).status
        };
        assert_eq!(fin(40.0), Status::Achieved);
        assert_eq!(fin(50.0), Status::Achieved);
        assert_eq!(fin(39.0), Status::NotAchieved);
    }

    fn air() -> Catalog {
        one(
            r#"{ kind = "external", wording = "确保完成国家下达的指标" }
direction = "increase""#,
            "",
        )
    }

    #[test]
    fn external_reads_each_year_s_supplied_target() {
        let cat = air();
        let mut obs = values("x", &[(2020, 75.0), (2022, 80.0), (2023, 82.0)]);
        obs.extend(targets("x", &[(2022, 80.0), (2023, 81.0)]));
        let r = x(&cat, &obs, Stage::Annual, 2023);
        assert_eq!(r.status, Status::Met, "{}", r.explanation);

        let mut obs = values("x", &[(2022, 78.0), (2023, 79.5)]);
        obs.extend(targets("x", &[(2022, 80.0), (2023, 81.0)]));
        let r = x(&cat, &obs, Stage::Annual, 2023);
        assert_eq!(r.status, Status::NeedsAcceleration, "{}", r.explanation);
        assert_eq!(r.gap, Some(1.5));

        // 78.0 against 81.0 in 2025 with no earlier value: only rounding is allowed, 3.0 short is 未实现
        // (5% of the target, 4.05, let it pass before).
        let mut obs = values("x", &[(2025, 78.0)]);
        obs.extend(targets("x", &[(2025, 81.0)]));
        assert_eq!(
            x(&cat, &obs, Stage::Final, 2025).status,
            Status::NotAchieved
        );
        // From 75.0 in 2020 the change asked is 6.0; 5% of it is 0.3: 80.8 is 基本实现, 80.6 未实现.
        let fin = |v: f64| {
            let mut obs = values("x", &[(2020, 75.0), (2025, v)]);
            obs.extend(targets("x", &[(2025, 81.0)]));
            x(&cat, &obs, Stage::Final, 2025)
        };
        let r = fin(80.8);
        assert_eq!(r.status, Status::BasicallyAchieved, "{}", r.explanation);
        assert!(
            r.explanation
                .contains("基本实现容差 0.3（基期差距 6 的 5%）"),
            "{}",
            r.explanation
        );
        assert_eq!(fin(80.6).status, Status::NotAchieved);

        let r = x(&cat, &values("x", &[(2023, 82.0)]), Stage::Annual, 2023);
        assert_eq!(r.status, Status::NoData);
        assert!(r.warnings.iter().any(|w| w.message.contains("上级下达")));
    }

    fn warning(r: &crate::score::IndicatorResult, code: WarningCode) -> crate::score::Warning {
        match r.warnings.iter().find(|w| w.code == code) {
            Some(w) => w.clone(),
            None => panic!("no {code:?} in {:?}", r.warnings),
        }
    }

    fn at_least_90() -> Catalog {
        one(
            r#"{ kind = "at_least", value = 90, wording = "达到90%以上" }"#,
            "",
        )
    }

    /// A census-year value alone: 78.5 in 2020 against "≥ 78.1", nothing since. As of 2022 it decides:
    /// 已达标, with an `earlier_year` warning naming 2020 (today `no_data`). As of the 2023 mid-term it is
    /// three years old, beyond the two-year limit: not 已达标, a `stale_data` warning, and an explanation
    /// that names the value without saying 无数据.
    #[test]
    fn a_threshold_met_in_the_baseline_year_alone_is_met_within_the_age_limit() {
        let cat = one(
            r#"{ kind = "at_least", value = 78.1, wording = "达到78.1以上" }"#,
            "",
        );
        let obs = values("x", &[(2020, 78.5)]);
        let r = x(&cat, &obs, Stage::Annual, 2022);
        assert_eq!(r.status, Status::Met, "{}", r.explanation);
        assert_eq!(
            r.explanation,
            "仅有2020年（基期）数据：2020年 78.5，已达到目标 ≥ 78.1，按该年数据判断"
        );
        let w = warning(&r, WarningCode::EarlierYear);
        assert_eq!(w.years, vec![2020]);
        assert!(
            w.message
                .contains("截至2022年只有2020年（基期）的数值 78.5"),
            "{}",
            w.message
        );
        assert!(!has_warning(&r, WarningCode::StaleData));

        let r = x(&cat, &obs, Stage::Midterm, 2023);
        assert_eq!(r.status, Status::NoData);
        assert!(
            r.explanation
                .ends_with("但该值为2020年数据，距2023年已3年，超过2年的时限，不能据以判定达标"),
            "{}",
            r.explanation
        );
        assert!(!r.explanation.contains("无数据"), "{}", r.explanation);
        assert_eq!(warning(&r, WarningCode::StaleData).years, vec![2020]);
    }

    /// "≥ 90": 80 in 2020, 91 in 2021, and the returns of 2022 and 2023 rejected and not corrected. At
    /// the 2023 mid-term 91 is two years old — within the age limit — but the department's own newer
    /// figures exist: it does not make the indicator 已达标 (today it does). Without the rejections it
    /// does; as of 2024, three years old, it does not. A rejection before the deciding year is no
    /// matter.
    #[test]
    fn a_value_followed_by_rejected_returns_or_too_old_does_not_make_an_indicator_met() {
        let cat = at_least_90();
        let obs = values("x", &[(2020, 80.0), (2021, 91.0)]);
        let rejected = [("x", 2022), ("x", 2023)];
        let r = x_rejected(&cat, &obs, &rejected, Stage::Midterm, 2023);
        assert_eq!(r.status, Status::NoData, "{}", r.explanation);
        let w = warning(&r, WarningCode::StaleData);
        assert_eq!(
            w.message,
            "按2021年的数据判断，其后2022年、2023年报送的数值被退回且未更正，不作为达标依据"
        );
        assert_eq!(
            warning(&r, WarningCode::MissingData).message,
            "2023年报送的数值被退回且未更正（最近一次为2021年）"
        );
        assert_eq!(x(&cat, &obs, Stage::Midterm, 2023).status, Status::Met);
        let r = x(&cat, &obs, Stage::Annual, 2024);
        assert_eq!(r.status, Status::NoData);
        assert!(warning(&r, WarningCode::StaleData)
            .message
            .contains("距2024年已3年"));
        let obs = values("x", &[(2020, 80.0), (2023, 91.0)]);
        let r = x_rejected(&cat, &obs, &[("x", 2022)], Stage::Midterm, 2023);
        assert_eq!(r.status, Status::Met);
        assert!(!has_warning(&r, WarningCode::StaleData));
    }

    /// "≥ 90": 80 in 2020, 82 in 2022, nothing since, final 2025. The value is three years old, so it
    /// cannot claim anything — but it is the latest evidence of a shortfall: 8 short against an
    /// allowance of 5% of 10 = 0.5 stays 未实现, with a `stale_data` warning.
    #[test]
    fn an_old_shortfall_stands_with_a_warning() {
        let cat = at_least_90();
        let r = x(
            &cat,
            &values("x", &[(2020, 80.0), (2022, 82.0)]),
            Stage::Final,
            2025,
        );
        assert_eq!(r.status, Status::NotAchieved);
        assert!(
            r.explanation
                .ends_with("；该值为2022年数据，距2025年已3年，超过2年的时限"),
            "{}",
            r.explanation
        );
        assert!(has_warning(&r, WarningCode::StaleData));
    }

    /// A survey indicator (`required = false`) with 92 in its 2021 survey year, against "≥ 90": at the
    /// 2023 mid-term it is 已达标 on the 2021 value, and an `earlier_year` warning names 2021 (no
    /// missing-data warning: it is not due every year). Today no warning names the year.
    #[test]
    fn a_survey_year_value_decides_with_a_warning_naming_the_year() {
        let cat = plan(
            r#"
[[domains.objectives.indicators]]
code = "x"
name = "妇女健康素养水平"
unit = "percent"
decimals = 1
target = { kind = "at_least", value = 90, wording = "达到90%以上" }
lead_unit = "卫健体局"
required = false
"#,
        );
        let r = x(
            &cat,
            &values("x", &[(2020, 70.0), (2021, 92.0)]),
            Stage::Midterm,
            2023,
        );
        assert_eq!(r.status, Status::Met);
        let w = warning(&r, WarningCode::EarlierYear);
        assert_eq!(w.years, vec![2021]);
        assert_eq!(
            w.message,
            "2023年没有新的数值，按2021年（最近一次调查或统计年份）的 92.0 判断"
        );
        assert!(!has_warning(&r, WarningCode::MissingData));
    }

    /// Life expectancy typed as 78.06 for a one-decimal indicator, against "≥ 78.1", from 77.6 in 2020.
    /// The explanation shows 78.06 — the number that was judged — not 78.1 next to "差 0.04" (today's
    /// text). 0.04 short is within the rounding of one decimal (0.05), which is larger than 5% of the
    /// 0.5 asked for (0.025): 基本实现. At the mid-term 78.06 against the path's 77.9: on track, shown as
    /// 78.06.
    #[test]
    fn a_value_with_more_decimals_than_declared_is_shown_with_the_digits_that_decide() {
        let cat = one(
            r#"{ kind = "at_least", value = 78.1, wording = "达到78.1以上" }"#,
            "",
        );
        let r = x(
            &cat,
            &values("x", &[(2020, 77.6), (2025, 78.06)]),
            Stage::Final,
            2025,
        );
        assert_eq!(r.status, Status::BasicallyAchieved, "{}", r.explanation);
        assert_eq!(
            r.explanation,
            "2025年 78.06，距目标 ≥ 78.1 差 0.04，在基本实现容差 0.05（基期差距 0.5 的 5% 小于指标保留1位小数的舍入范围，按舍入范围计）以内"
        );
        let r = x(
            &cat,
            &values("x", &[(2020, 77.6), (2023, 78.06)]),
            Stage::Midterm,
            2023,
        );
        assert_eq!(r.status, Status::OnTrack);
        assert!(
            r.explanation
                .starts_with("2020年 77.6 → 2023年 78.06，按直线路径2023年应达 77.9，进展比 1.53"),
            "{}",
            r.explanation
        );
    }
}
