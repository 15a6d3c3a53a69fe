//! Targets without a number: `increase` and `decrease` (the latest value against the baseline),
//! `gap_narrows` (the gap between two groups against the baseline gap) and `growth_slows` (each year's
//! rise against the rise at the start).
//!
//! There is no straight path to a number here, so no progress ratio: a change counts when it exceeds
//! the unchanged band, `max(unchanged_relative × |baseline|, half a unit of the last decimal)`.

use super::indicator::{
    baseline_of, fluctuation, missing_values, moving_away, period_latest, projection, Ctx, Num,
    Scored,
};
use super::input::{Area, Field, Sex};
use super::series::{self, Series};
use super::status::{Status, Warning, WarningCode};
use crate::catalog::target::fmt_num;
use crate::catalog::{Dimension, Indicator, TargetKind};

/// The words of a direction: what better and worse are called for this series.
struct Words {
    /// Names the series in explanations (`城乡差距`), empty for the indicator's own value.
    what: String,
    better: &'static str,
    worse: &'static str,
}

/// The band within which a change from the baseline counts as no change.
fn unchanged_band(cx: &Ctx, num: Num, base: f64) -> f64 {
    (cx.cfg.unchanged_relative * base.abs()).max(num.noise())
}

/// Judges the latest value against the baseline in the better direction (`up` or down).
fn judge(cx: &Ctx, s: &Series, num: Num, up: bool, words: &Words) -> (Status, String) {
    let by = cx.base_year();
    let what = &words.what;
    let base = s.get(&by).copied();
    let Some(latest) = period_latest(cx, s) else {
        return (
            Status::NoData,
            match base {
                Some(b) => format!("{what}{by}年 {}，基期后尚无数据", num.f(b)),
                None => format!("截至{}年无{what}数据", cx.as_of),
            },
        );
    };
    let now = format!("{what}{}年 {}", latest.year, num.f(latest.value));
    let Some(b) = base else {
        return (
            Status::NoData,
            format!(
                "{now}；缺少{by}年基期值，无法判断是否{}",
                words.better
            ),
        );
    };
    let head = format!("{what}{by}年 {} → {}年 {}", num.f(b), latest.year, num.f(latest.value));
    let change = latest.value - b;
    let gain = if up { change } else { -change };
    let band = unchanged_band(cx, num, b);
    let pct = fmt_num(cx.cfg.unchanged_relative * 100.0);
    // Nothing can fall below zero: a decrease target that stays at zero has done all it can.
    if !up && b.abs() < 1e-12 && latest.value.abs() < 1e-12 {
        let status = if cx.is_final() {
            Status::Achieved
        } else {
            Status::Met
        };
        return (status, format!("{head}，保持为 0"));
    }
    let size = num.f(change.abs());
    if cx.is_final() {
        if gain > band {
            (
                Status::Achieved,
                format!("{head}，较基期{} {size}", words.better),
            )
        } else if gain > 0.0 {
            (
                Status::BasicallyAchieved,
                format!(
                    "{head}，较基期{} {size}，幅度在不变区间 ±{}（基期值的 {pct}%）以内",
                    words.better,
                    num.f(band)
                ),
            )
        } else {
            (
                Status::NotAchieved,
                format!(
                    "{head}，较基期{}{}",
                    if gain < 0.0 { words.worse } else { "未变" },
                    if gain < 0.0 { format!(" {size}") } else { String::new() }
                ),
            )
        }
    } else if gain > band {
        (
            Status::Met,
            format!("{head}，较基期{} {size}", words.better),
        )
    } else if gain >= -band {
        (
            Status::SlowProgress,
            format!(
                "{head}，变化 {}，在不变区间 ±{}（基期值的 {pct}%）以内，视为基本未变",
                num.signed(change),
                num.f(band)
            ),
        )
    } else {
        (
            Status::Regressing,
            format!("{head}，较基期{} {size}，与目标方向相反", words.worse),
        )
    }
}

/// A projected value that would not count as an improvement over the baseline.
fn projected_miss(
    cx: &Ctx,
    s: &Series,
    num: Num,
    up: bool,
    words: &Words,
    clamp: Option<(f64, f64)>,
    explanation: &mut String,
    warnings: &mut Vec<Warning>,
) -> Option<f64> {
    let p = projection(cx, s, clamp)?;
    let fy = cx.final_year();
    let text = format!("预计{fy}年{} {}", words.what, num.f(p.value));
    match s.get(&cx.base_year()) {
        Some(b) => {
            let gain = if up { p.value - b } else { b - p.value };
            if gain > unchanged_band(cx, num, *b) {
                *explanation += &format!("；按趋势{text}");
            } else {
                let miss = format!("{text}，未较基期 {} {}", num.f(*b), words.better);
                *explanation += &format!("；按趋势{miss}");
                warnings.push(Warning::new(
                    WarningCode::ProjectedMiss,
                    format!("{}{miss}", p.basis()),
                ));
            }
        }
        None => *explanation += &format!("；按趋势{text}"),
    }
    Some(p.value)
}

/// `increase` / `decrease`.
pub(super) fn direction(cx: &Ctx, ind: &Indicator) -> Scored {
    let num = Num(ind.decimals);
    let up = ind.target.kind == TargetKind::Increase;
    let s = cx.panel.values(&ind.code);
    let mut warnings = Vec::new();
    missing_values(cx, ind, &s, "", &mut warnings);
    let words = Words {
        what: String::new(),
        better: if up { "提高" } else { "降低" },
        worse: if up { "下降" } else { "上升" },
    };
    let (status, mut explanation) = judge(cx, &s, num, up, &words);
    if !ind.target.wording.is_empty() {
        explanation += &format!("（目标：{}）", ind.target.wording);
    }
    let projected = projected_miss(
        cx,
        &s,
        num,
        up,
        &words,
        Some(ind.unit.range()),
        &mut explanation,
        &mut warnings,
    );
    let noise = num.noise();
    warnings.extend(moving_away(&s, num, "", |prev, cur| {
        if up {
            cur < prev - noise
        } else {
            cur > prev + noise
        }
    }));
    warnings.extend(fluctuation(cx, &s, num, ""));
    Scored {
        status: Some(status),
        projected,
        latest: period_latest(cx, &s),
        baseline: baseline_of(cx, &s),
        warnings,
        explanation,
        ..Scored::default()
    }
}

/// `gap_narrows`: |female − male| or |urban − rural| of the `of` indicator (or the indicator's own
/// breakdown), judged like a `decrease` target.
pub(super) fn gap(cx: &Ctx, ind: &Indicator) -> Scored {
    let num = Num(ind.decimals);
    let Some(dim) = ind.target.between else {
        return Scored {
            status: Some(Status::NoData),
            explanation: "计划文件中该差距目标缺少 between（男女或城乡）".into(),
            ..Scored::default()
        };
    };
    let source = ind.target.of.as_deref().unwrap_or(&ind.code);
    let [first_zh, second_zh] = dim.groups_zh();
    let (first, second) = match dim {
        Dimension::Sex => (
            cx.panel.series(source, Sex::Female, Area::Total, Field::Value),
            cx.panel.series(source, Sex::Male, Area::Total, Field::Value),
        ),
        Dimension::Area => (
            cx.panel.series(source, Sex::Total, Area::Urban, Field::Value),
            cx.panel.series(source, Sex::Total, Area::Rural, Field::Value),
        ),
    };
    let gaps: Series = first
        .iter()
        .filter_map(|(y, a)| second.get(y).map(|b| (*y, (a - b).abs())))
        .collect();
    let mut warnings = Vec::new();
    missing_values(
        cx,
        ind,
        &gaps,
        &format!("{first_zh}、{second_zh}分组"),
        &mut warnings,
    );
    let words = Words {
        what: format!("{}差距", dim.label_zh()),
        better: "缩小",
        worse: "扩大",
    };
    let (status, mut explanation) = judge(cx, &gaps, num, false, &words);
    let latest = period_latest(cx, &gaps);
    if let Some(p) = latest {
        if let (Some(a), Some(b)) = (first.get(&p.year), second.get(&p.year)) {
            explanation += &format!(
                "（{}年 {first_zh} {}、{second_zh} {}）",
                p.year,
                num.f(*a),
                num.f(*b)
            );
        }
    }
    let projected = projected_miss(
        cx,
        &gaps,
        num,
        false,
        &words,
        Some((0.0, f64::INFINITY)),
        &mut explanation,
        &mut warnings,
    );
    if let Some(p) = latest {
        let noise = num.noise();
        let previous = gaps.range(..p.year).next_back();
        let base = gaps.get(&cx.base_year()).filter(|_| p.year > cx.base_year());
        let mut widened = Vec::new();
        if let Some((py, pv)) = previous.filter(|(_, v)| p.value > **v + noise) {
            widened.push(format!("较{py}年的 {} 扩大", num.f(*pv)));
        }
        if let Some(b) = base.filter(|b| p.value > **b + noise) {
            widened.push(format!("较{}年基期的 {} 扩大", cx.base_year(), num.f(*b)));
        }
        if !widened.is_empty() {
            warnings.push(Warning::new(
                WarningCode::GapWidened,
                format!(
                    "{}{}年为 {}，{}",
                    words.what,
                    p.year,
                    num.f(p.value),
                    widened.join("，")
                ),
            ));
        }
        warnings.extend(moving_away(&gaps, num, &words.what, |prev, cur| {
            cur > prev + noise
        }));
    }
    warnings.extend(fluctuation(cx, &gaps, num, &words.what));
    Scored {
        status: Some(status),
        projected,
        latest,
        baseline: baseline_of(cx, &gaps),
        warnings,
        explanation,
        ..Scored::default()
    }
}

/// `growth_slows`: the yearly rise must shrink. The reference is the rise into the baseline year when
/// earlier data exist, else the first rise of the plan period.
pub(super) fn growth_slows(cx: &Ctx, ind: &Indicator) -> Scored {
    let num = Num(ind.decimals);
    let s = cx.panel.values(&ind.code);
    let mut warnings = Vec::new();
    missing_values(cx, ind, &s, "", &mut warnings);
    let by = cx.base_year();
    let rises: Vec<(i32, f64)> = series::yearly_changes(&s)
        .into_iter()
        .filter(|(y, _)| *y >= by)
        .collect();
    let noise = num.noise();
    let list = rises
        .iter()
        .map(|(y, r)| format!("{y}年 {}", num.signed(*r)))
        .collect::<Vec<_>>()
        .join("、");
    let mut scored = Scored {
        latest: period_latest(cx, &s),
        baseline: baseline_of(cx, &s),
        ..Scored::default()
    };
    let (status, verdict) = match rises.as_slice() {
        [] => (
            Status::NoData,
            "需至少两个年份的数据才能计算年增幅".to_string(),
        ),
        [(y, r)] if *r <= noise => (
            if cx.is_final() {
                Status::Achieved
            } else {
                Status::Met
            },
            format!("{y}年不再上升"),
        ),
        [_] => (
            Status::NoData,
            "只有一个年增幅，需至少三个年份的数据才能比较增幅是否减缓".to_string(),
        ),
        [(y0, r0), .., (yl, rl)] => {
            let slowed = *rl <= noise || *rl < r0 - noise;
            let sped_up = rises
                .windows(2)
                .filter(|w| w[1].1 > w[0].1 + noise)
                .map(|w| w[1].0)
                .collect::<Vec<_>>();
            let change = format!("年增幅由{y0}年的 {} 变为{yl}年的 {}", num.signed(*r0), num.signed(*rl));
            if cx.is_final() {
                if slowed && sped_up.is_empty() {
                    (Status::Achieved, format!("{change}，逐年未扩大，上升趋势减缓"))
                } else if slowed {
                    let years = sped_up.iter().map(|y| format!("{y}年")).collect::<Vec<_>>().join("、");
                    (
                        Status::BasicallyAchieved,
                        format!("{change}，总体减缓，但{years}增幅较上年扩大"),
                    )
                } else {
                    (Status::NotAchieved, format!("{change}，上升趋势未减缓"))
                }
            } else if slowed {
                (Status::Met, format!("{change}，上升趋势减缓"))
            } else if (rl - r0).abs() <= noise {
                (Status::SlowProgress, format!("{change}，基本未减缓"))
            } else {
                (Status::Regressing, format!("{change}，上升加快"))
            }
        }
    };
    scored.explanation = if list.is_empty() {
        verdict
    } else {
        format!("年增幅：{list}；{verdict}")
    };
    if let [.., (_, a), (_, b), (y, c)] = rises.as_slice() {
        if *b > a + noise && *c > b + noise {
            warnings.push(Warning::new(
                WarningCode::MovingAway,
                format!(
                    "年增幅连续两年扩大：{} → {} → {}（{y}年）",
                    num.signed(*a),
                    num.signed(*b),
                    num.signed(*c)
                ),
            ));
        }
    }
    warnings.extend(fluctuation(cx, &s, num, ""));
    scored.projected = projection(cx, &s, Some(ind.unit.range())).map(|p| p.value);
    scored.status = Some(status);
    scored.warnings = warnings;
    scored
}
