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
mod tests;
