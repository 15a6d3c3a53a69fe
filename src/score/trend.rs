//! Targets without a number: `increase` and `decrease` (the latest value against the baseline),
//! `gap_narrows` (the gap between two groups against the baseline gap) and `growth_slows` (each year's
//! rise against the rise at the start).
//!
//! There is no straight path to a number here, so no progress ratio: a change counts when it exceeds
//! the unchanged band, `max(unchanged_relative × |base|, what the series is exact to)` — half a unit of
//! the last decimal for a reported value, one unit for a gap between two reported groups.

use super::fluctuation::warning as fluctuation;
use super::input::{Area, Field, Sex};
use super::rule::{
    baseline_of, missing_values, moved_base_text, moving_away, period_latest, projection, Ctx, Num,
    Scored,
};
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
    /// What the series is exact to: half a unit of the last decimal for a reported value, one unit for
    /// a gap (the difference of two reported values).
    precision: f64,
}

/// The band within which a change from the base counts as no change.
fn unchanged_band(cx: &Ctx, words: &Words, base: f64) -> f64 {
    (cx.cfg.unchanged_relative * base.abs()).max(words.precision)
}

/// Judges the latest value against the base in the better direction (`up` or down). The base is the
/// baseline year's value, or the first reported year's after it when the baseline year has none.
fn judge(cx: &Ctx, s: &Series, num: Num, up: bool, words: &Words) -> (Status, String) {
    let by = cx.base_year();
    let what = &words.what;
    let Some(latest) = period_latest(cx, s) else {
        return (
            Status::NoData,
            match s.get(&by) {
                Some(b) => format!(
                    "仅有{what}{by}年（基期）数值 {}，基期后尚未报送，无法判断是否{}",
                    num.v(*b),
                    words.better
                ),
                None => format!("截至{}年无{what}数据", cx.as_of),
            },
        );
    };
    let now = format!("{what}{}年 {}", latest.year, num.v(latest.value));
    let Some(base) = baseline_of(cx, s).filter(|b| b.year < latest.year) else {
        return (
            Status::NoData,
            format!(
                "{now}；缺少{by}年基期值，仅有这一个年份，无法判断是否{}",
                words.better
            ),
        );
    };
    let b = base.value;
    let head = format!(
        "{}{what}{}年 {} → {}年 {}",
        moved_base_text(cx, Some(base), what),
        base.year,
        num.v(b),
        latest.year,
        num.v(latest.value)
    );
    let change = latest.value - b;
    let gain = if up { change } else { -change };
    let band = unchanged_band(cx, words, b);
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
    let size = num.v(change.abs());
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
                    if gain < 0.0 {
                        format!(" {size}")
                    } else {
                        String::new()
                    }
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
                num.signed_v(change),
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

/// The projection of a direction series, the phrase it adds to the explanation, and a `projected_miss`
/// warning when the projected value would not count as an improvement over the baseline.
fn project(
    cx: &Ctx,
    s: &Series,
    num: Num,
    up: bool,
    words: &Words,
    clamp: Option<(f64, f64)>,
) -> Option<(f64, String, Option<Warning>)> {
    let p = projection(cx, s, clamp)?;
    let fy = cx.final_year();
    let text = format!("预计{fy}年{} {}", words.what, num.f(p.value));
    let Some(b) = baseline_of(cx, s).map(|b| b.value) else {
        return Some((p.value, format!("；按趋势{text}"), None));
    };
    let gain = if up { p.value - b } else { b - p.value };
    if gain > unchanged_band(cx, words, b) {
        return Some((p.value, format!("；按趋势{text}"), None));
    }
    let miss = format!("{text}，未较基期 {} {}", num.v(b), words.better);
    let warning = Warning::new(WarningCode::ProjectedMiss, format!("{}{miss}", p.basis()));
    Some((p.value, format!("；按趋势{miss}"), Some(warning)))
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
        precision: num.noise(),
    };
    let (status, mut explanation) = judge(cx, &s, num, up, &words);
    if !ind.target.wording.is_empty() {
        explanation += &format!("（目标：{}）", ind.target.wording);
    }
    let projected =
        project(cx, &s, num, up, &words, Some(ind.unit.range())).map(|(value, text, warning)| {
            explanation += &text;
            warnings.extend(warning);
            value
        });
    let noise = num.noise();
    warnings.extend(moving_away(&s, num, "", |prev, cur| {
        if up {
            cur < prev - noise
        } else {
            cur > prev + noise
        }
    }));
    warnings.extend(fluctuation(cx, &s, num, "", ind.small_counts));
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
            cx.panel
                .series(source, Sex::Female, Area::Total, Field::Value),
            cx.panel
                .series(source, Sex::Male, Area::Total, Field::Value),
        ),
        Dimension::Area => (
            cx.panel
                .series(source, Sex::Total, Area::Urban, Field::Value),
            cx.panel
                .series(source, Sex::Total, Area::Rural, Field::Value),
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
        precision: num.unit(),
    };
    let (status, mut explanation) = judge(cx, &gaps, num, false, &words);
    let latest = period_latest(cx, &gaps);
    // Which group is ahead, year by year, from the base on: when that changes, the size of the gap no
    // longer says which way things went, so every year's two groups are shown.
    let order: Vec<(i32, f64, f64)> = gaps
        .range(cx.base_year()..)
        .filter_map(|(y, _)| Some((*y, *first.get(y)?, *second.get(y)?)))
        .collect();
    let side = |a: f64, b: f64| {
        if a > b + num.unit() {
            1
        } else if b > a + num.unit() {
            -1
        } else {
            0
        }
    };
    let sides: Vec<i32> = order
        .iter()
        .map(|(_, a, b)| side(*a, *b))
        .filter(|s| *s != 0)
        .collect();
    let flipped = sides.windows(2).any(|w| w[0] != w[1]);
    if flipped {
        let years: Vec<String> = order
            .iter()
            .map(|(y, a, b)| format!("{y}年 {first_zh} {}、{second_zh} {}", num.v(*a), num.v(*b)))
            .collect();
        explanation += &format!("（高低位次发生逆转，差距按绝对值计：{}）", years.join("；"));
    } else if let Some(p) = latest {
        if let (Some(a), Some(b)) = (first.get(&p.year), second.get(&p.year)) {
            explanation += &format!(
                "（{}年 {first_zh} {}、{second_zh} {}）",
                p.year,
                num.v(*a),
                num.v(*b)
            );
        }
    }
    let projected = project(cx, &gaps, num, false, &words, Some((0.0, f64::INFINITY))).map(
        |(value, text, warning)| {
            explanation += &text;
            warnings.extend(warning);
            value
        },
    );
    if let Some(p) = latest {
        // A gap is the difference of two reported values: exact to one unit of the last decimal.
        let noise = num.unit();
        let previous = gaps.range(..p.year).next_back();
        let base = baseline_of(cx, &gaps).filter(|b| b.year < p.year);
        let mut widened = Vec::new();
        if let Some((py, pv)) = previous.filter(|(_, v)| p.value > **v + noise) {
            widened.push(format!("较{py}年的 {} 扩大", num.v(*pv)));
        }
        if let Some(b) = base.filter(|b| p.value > b.value + noise) {
            widened.push(format!("较{}年基期的 {} 扩大", b.year, num.v(b.value)));
        }
        if !widened.is_empty() {
            warnings.push(Warning::new(
                WarningCode::GapWidened,
                format!(
                    "{}{}年为 {}，{}",
                    words.what,
                    p.year,
                    num.v(p.value),
                    widened.join("，")
                ),
            ));
        }
        warnings.extend(moving_away(&gaps, num, &words.what, |prev, cur| {
            cur > prev + noise
        }));
    }
    let small_counts = cx.cat.indicator(source).is_some_and(|i| i.small_counts);
    warnings.extend(fluctuation(cx, &gaps, num, &words.what, small_counts));
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
    // A rise is the difference of two reported values, exact to one unit of the last decimal: two rises
    // closer than that (+0.14 and +0.15 on a two-decimal rate) are the same rise, and a rise of at most
    // one unit may be none.
    let noise = num.unit();
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
            let change = format!(
                "年增幅由{y0}年的 {} 变为{yl}年的 {}",
                num.signed(*r0),
                num.signed(*rl)
            );
            if cx.is_final() {
                if slowed && sped_up.is_empty() {
                    (
                        Status::Achieved,
                        format!("{change}，逐年未扩大，上升趋势减缓"),
                    )
                } else if slowed {
                    let years = sped_up
                        .iter()
                        .map(|y| format!("{y}年"))
                        .collect::<Vec<_>>()
                        .join("、");
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
    warnings.extend(fluctuation(cx, &s, num, "", ind.small_counts));
    scored.projected = projection(cx, &s, Some(ind.unit.range())).map(|p| p.value);
    scored.status = Some(status);
    scored.warnings = warnings;
    scored
}

#[cfg(test)]
mod tests {
    use super::super::input::{Area, Sex};
    use super::super::status::{Status, WarningCode};
    use super::super::testkit::{breakdown, has_warning, one, plan, values, x};
    use super::super::Stage;

    #[test]
    fn increase_is_met_when_better_than_the_baseline_beyond_the_unchanged_band() {
        let cat = one(r#"{ kind = "increase", wording = "逐步提高" }"#, "");
        let at = |v: f64, stage, year| {
            x(&cat, &values("x", &[(2020, 50.0), (year, v)]), stage, year).status
        };
        // The unchanged band is 1% of 50 = 0.5.
        assert_eq!(at(51.0, Stage::Annual, 2022), Status::Met);
        assert_eq!(at(50.5, Stage::Annual, 2022), Status::SlowProgress);
        assert_eq!(at(49.5, Stage::Annual, 2022), Status::SlowProgress);
        assert_eq!(at(49.4, Stage::Annual, 2022), Status::Regressing);
        assert_eq!(at(51.0, Stage::Final, 2025), Status::Achieved);
        assert_eq!(at(50.3, Stage::Final, 2025), Status::BasicallyAchieved);
        assert_eq!(at(50.0, Stage::Final, 2025), Status::NotAchieved);
        let r = x(
            &cat,
            &values("x", &[(2020, 50.0), (2023, 52.0)]),
            Stage::Midterm,
            2023,
        );
        assert_eq!(r.progress_ratio, None);
        assert!(
            r.explanation
                .starts_with("2020年 50.0 → 2023年 52.0，较基期提高 2.0"),
            "{}",
            r.explanation
        );
    }

    /// "减少" with no 2020 value: 3.0 (2022) → 2.0 (2023) is judged from 2022, the first reported year
    /// (today `no_data`); a single value is still `no_data`, and its explanation names the value without
    /// saying 无数据.
    #[test]
    fn decrease_without_a_baseline_counts_from_the_first_reported_year_and_zero_kept_at_zero_is_met(
    ) {
        let cat = one(r#"{ kind = "decrease", wording = "减少" }"#, "");
        let r = x(
            &cat,
            &values("x", &[(2022, 3.0), (2023, 2.0)]),
            Stage::Annual,
            2023,
        );
        assert_eq!(r.status, Status::Met, "{}", r.explanation);
        assert!(
            r.explanation.starts_with(
                "缺少2020年基期值，以2022年为基期；2022年 3.0 → 2023年 2.0，较基期降低 1.0"
            ),
            "{}",
            r.explanation
        );
        assert!(has_warning(&r, WarningCode::BaselineMoved));
        let r = x(&cat, &values("x", &[(2023, 2.0)]), Stage::Annual, 2023);
        assert_eq!(r.status, Status::NoData);
        assert!(
            r.explanation.contains("2023年 2.0；缺少2020年基期值"),
            "{}",
            r.explanation
        );
        assert!(!r.explanation.contains("无数据"), "{}", r.explanation);
        let r = x(
            &cat,
            &values("x", &[(2020, 0.0), (2023, 0.0)]),
            Stage::Annual,
            2023,
        );
        assert_eq!(r.status, Status::Met);
        let r = x(
            &cat,
            &values("x", &[(2020, 0.0), (2025, 0.0)]),
            Stage::Final,
            2025,
        );
        assert_eq!(r.status, Status::Achieved);
    }

    #[test]
    fn direction_projection_warns_when_the_trend_does_not_improve() {
        let cat = one(r#"{ kind = "increase", wording = "逐步提高" }"#, "");
        let obs = values(
            "x",
            &[(2020, 50.0), (2021, 52.0), (2022, 50.0), (2023, 49.0)],
        );
        let r = x(&cat, &obs, Stage::Midterm, 2023);
        assert!(
            has_warning(&r, WarningCode::ProjectedMiss),
            "{:?}",
            r.warnings
        );
        assert!(has_warning(&r, WarningCode::MovingAway), "{:?}", r.warnings);
    }

    #[test]
    fn gap_narrows_uses_the_disaggregated_values() {
        let cat = one(
            r#"{ kind = "gap_narrows", between = "sex", wording = "男女差距缩小" }"#,
            "",
        );
        let mut obs = breakdown("x", Sex::Female, Area::Total, &[(2020, 40.0), (2023, 44.0)]);
        obs.extend(breakdown(
            "x",
            Sex::Male,
            Area::Total,
            &[(2020, 50.0), (2023, 50.0)],
        ));
        let r = x(&cat, &obs, Stage::Midterm, 2023);
        assert_eq!(r.status, Status::Met, "{}", r.explanation);
        assert_eq!(r.latest.unwrap().value, 6.0);
        assert_eq!(r.baseline.unwrap().value, 10.0);
        assert!(
            r.explanation
                .contains("男女差距2020年 10.0 → 2023年 6.0，较基期缩小 4.0"),
            "{}",
            r.explanation
        );
        assert!(
            r.explanation.contains("女 44.0、男 50.0"),
            "{}",
            r.explanation
        );

        let mut obs = breakdown(
            "x",
            Sex::Female,
            Area::Total,
            &[(2020, 40.0), (2022, 42.0), (2023, 39.0)],
        );
        obs.extend(breakdown(
            "x",
            Sex::Male,
            Area::Total,
            &[(2020, 50.0), (2022, 50.0), (2023, 50.0)],
        ));
        let r = x(&cat, &obs, Stage::Midterm, 2023);
        assert_eq!(r.status, Status::Regressing);
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::GapWidened)
            .unwrap();
        assert!(w.message.contains("较2022年的 8.0 扩大"), "{}", w.message);
        assert!(
            w.message.contains("较2020年基期的 10.0 扩大"),
            "{}",
            w.message
        );
    }

    /// Women 40.0 and men 44.0 in 2020 (gap 4.0), women 47.0 and men 44.0 in 2023 (gap 3.0): the gap
    /// narrowed in size but women went from behind to ahead, so the explanation lists both groups for
    /// every year, not only the latest (today: only 2023's).
    #[test]
    fn a_gap_whose_sign_flips_shows_both_groups_over_the_years() {
        let cat = one(
            r#"{ kind = "gap_narrows", between = "sex", wording = "男女差距缩小" }"#,
            "",
        );
        let mut obs = breakdown(
            "x",
            Sex::Female,
            Area::Total,
            &[(2020, 40.0), (2022, 43.0), (2023, 47.0)],
        );
        obs.extend(breakdown(
            "x",
            Sex::Male,
            Area::Total,
            &[(2020, 44.0), (2022, 44.0), (2023, 44.0)],
        ));
        let r = x(&cat, &obs, Stage::Midterm, 2023);
        assert_eq!(r.status, Status::Met, "{}", r.explanation);
        assert!(
            r.explanation.contains(
                "（高低位次发生逆转，差距按绝对值计：2020年 女 40.0、男 44.0；2022年 女 43.0、男 44.0；2023年 女 47.0、男 44.0）"
            ),
            "{}",
            r.explanation
        );
        // Without a flip only the latest year's groups are shown.
        let mut obs = breakdown("x", Sex::Female, Area::Total, &[(2020, 40.0), (2023, 42.0)]);
        obs.extend(breakdown(
            "x",
            Sex::Male,
            Area::Total,
            &[(2020, 44.0), (2023, 44.0)],
        ));
        let r = x(&cat, &obs, Stage::Midterm, 2023);
        assert!(
            r.explanation.contains("（2023年 女 42.0、男 44.0）"),
            "{}",
            r.explanation
        );
        assert!(!r.explanation.contains("逆转"), "{}", r.explanation);
    }

    #[test]
    fn gap_narrows_of_another_indicator_reads_its_urban_and_rural_values() {
        let cat = plan(
            r#"
[[domains.objectives.indicators]]
code = "mmr"
name = "孕产妇死亡率"
unit = "per_100k"
decimals = 1
target = { kind = "at_most", value = 12.5, wording = "下降到 12.5/10 万以内" }
lead_unit = "卫健体局"
disaggregation = ["area"]

[[domains.objectives.indicators]]
code = "x"
name = "孕产妇死亡率城乡差距"
unit = "per_100k"
decimals = 1
target = { kind = "gap_narrows", between = "area", of = "mmr", wording = "城乡差距缩小" }
lead_unit = "卫健体局"
"#,
        );
        let mut obs = breakdown(
            "mmr",
            Sex::Total,
            Area::Urban,
            &[(2020, 10.0), (2025, 11.0)],
        );
        obs.extend(breakdown(
            "mmr",
            Sex::Total,
            Area::Rural,
            &[(2020, 20.0), (2025, 14.0)],
        ));
        let r = x(&cat, &obs, Stage::Final, 2025);
        assert_eq!(r.status, Status::Achieved, "{}", r.explanation);
        assert!(r.explanation.contains("城乡差距"));
        let r = x(&cat, &[], Stage::Final, 2025);
        assert_eq!(r.status, Status::NoData);
        assert!(
            r.warnings[0].message.contains("城镇、农村分组"),
            "{:?}",
            r.warnings
        );
    }

    /// Depression prevalence 2.41, 2.55, 2.71, 2.86 (two decimals): rises +0.14, +0.16, +0.15. The last
    /// rise against the first differs by 0.01, one unit of the last decimal — what a difference of two
    /// rounded values is exact to — so the rise did not grow: 基本未减缓 (slow progress), not 反向变化 as
    /// today. Rises +0.1, +0.2, +0.3 on a one-decimal rate: each step is one unit, no `moving_away`
    /// (today raised); +0.1 → +0.3 is two units, and the rise grew.
    #[test]
    fn changes_of_yearly_rises_within_one_unit_of_the_last_decimal_are_not_changes() {
        let cat = plan(
            r#"
[[domains.objectives.indicators]]
code = "x"
name = "妇女抑郁症患病率"
unit = "percent"
decimals = 2
target = { kind = "growth_slows", wording = "上升趋势减缓" }
lead_unit = "卫健体局"
"#,
        );
        let obs = values(
            "x",
            &[(2020, 2.41), (2021, 2.55), (2022, 2.71), (2023, 2.86)],
        );
        let r = x(&cat, &obs, Stage::Midterm, 2023);
        assert_eq!(r.status, Status::SlowProgress, "{}", r.explanation);
        assert!(r.explanation.ends_with("基本未减缓"), "{}", r.explanation);
        let cat = one(r#"{ kind = "growth_slows", wording = "上升趋势减缓" }"#, "");
        let r = x(
            &cat,
            &values("x", &[(2020, 5.0), (2021, 5.1), (2022, 5.3), (2023, 5.6)]),
            Stage::Midterm,
            2023,
        );
        assert_eq!(r.status, Status::Regressing, "{}", r.explanation);
        assert!(
            !has_warning(&r, WarningCode::MovingAway),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn growth_slows_compares_successive_rises() {
        let cat = one(r#"{ kind = "growth_slows", wording = "上升趋势减缓" }"#, "");
        let slowing = values("x", &[(2020, 5.0), (2021, 5.3), (2022, 5.5), (2023, 5.6)]);
        let r = x(&cat, &slowing, Stage::Midterm, 2023);
        assert_eq!(r.status, Status::Met, "{}", r.explanation);
        assert!(
            r.explanation
                .starts_with("年增幅：2021年 +0.3、2022年 +0.2、2023年 +0.1"),
            "{}",
            r.explanation
        );

        // Rises +0.1, +0.3, +0.5: each two units larger than the one before.
        let quickening = values("x", &[(2020, 5.0), (2021, 5.1), (2022, 5.4), (2023, 5.9)]);
        let r = x(&cat, &quickening, Stage::Midterm, 2023);
        assert_eq!(r.status, Status::Regressing);
        assert!(has_warning(&r, WarningCode::MovingAway));

        let bumpy = values(
            "x",
            &[
                (2020, 5.0),
                (2021, 5.4),
                (2022, 5.5),
                (2023, 5.8),
                (2024, 5.9),
                (2025, 6.0),
            ],
        );
        let r = x(&cat, &bumpy, Stage::Final, 2025);
        assert_eq!(r.status, Status::BasicallyAchieved, "{}", r.explanation);

        let smooth = values(
            "x",
            &[
                (2020, 5.0),
                (2021, 5.4),
                (2022, 5.7),
                (2023, 5.9),
                (2024, 6.0),
                (2025, 6.0),
            ],
        );
        assert_eq!(
            x(&cat, &smooth, Stage::Final, 2025).status,
            Status::Achieved
        );

        let falling = values("x", &[(2020, 5.0), (2021, 4.9)]);
        assert_eq!(x(&cat, &falling, Stage::Annual, 2021).status, Status::Met);
        let one_rise = values("x", &[(2020, 5.0), (2021, 5.2)]);
        assert_eq!(
            x(&cat, &one_rise, Stage::Annual, 2021).status,
            Status::NoData
        );
    }
}
