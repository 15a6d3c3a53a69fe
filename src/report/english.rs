//! English explanations for `--lang en`, rendered from the same numbers the scorer's Chinese
//! explanations state (the scorer writes Chinese only).
//!
//! An English line carries the numbers that decide the status — latest value, baseline, target, the
//! straight path and progress ratio, the projection, the shortfall — but not every detail of the
//! Chinese sentence (for example the modified z-score of a fluctuation, or which year's assessment was
//! carried forward); report.md and the workbook say so in their notes.

use super::facts::Facts;
use super::messages::{answer_label, status_label, target_text, Lang};
use crate::catalog::TargetKind;
use crate::score::{
    Area, Field, IndicatorResult, ObjectiveResult, Sex, Status, Warning, WarningCode,
};

const EN: Lang = Lang::En;

/// One line for an indicator.
pub fn indicator(f: &Facts, r: &IndicatorResult) -> String {
    let n = |v: f64| f.num(&r.code, v);
    let Some(ind) = f.indicator_def(&r.code) else {
        return status_label(r.status, EN).to_string();
    };
    let gap = ind.target.kind == TargetKind::GapNarrows;
    let what = if gap { "gap " } else { "" };
    let mut parts = Vec::new();
    match r.latest {
        Some(p) => parts.push(format!("{what}{}: {}", p.year, n(p.value))),
        None => parts.push(format!("no {what}value up to {}", f.ev.year)),
    }
    if let Some(b) = r.baseline {
        parts.push(format!("baseline {}: {}", b.year, n(b.value)));
    }
    if r.status == Status::NotScored {
        parts.push("a reference for another target, not scored".into());
        return parts.join("; ");
    }
    let mut target = format!("target {}", target_text(f.cat, &ind.target, EN));
    if let (Some(p), Some(other)) = (r.latest, ind.target.other.as_deref()) {
        if let Some(v) = f
            .series(other, Sex::Total, Area::Total, Field::Value)
            .get(&p.year)
        {
            target += &format!(" ({} in {}: {})", other, p.year, f.num(other, *v));
        }
    }
    if ind.target.kind == TargetKind::External {
        if let Some(p) = r.latest {
            if let Some(t) = f
                .series(&r.code, Sex::Total, Area::Total, Field::Target)
                .get(&p.year)
            {
                target += &format!(" ({}: {})", p.year, n(*t));
            }
        }
    }
    parts.push(target);
    if let (Some(path), Some(ratio)) = (r.path_value, r.progress_ratio) {
        parts.push(format!("straight path {path}, progress ratio {ratio:.2}"));
    } else if let Some(ratio) = r.progress_ratio {
        parts.push(format!("progress ratio {ratio:.2}"));
    }
    if let Some(g) = r.gap {
        if g > 0.0 {
            parts.push(format!(
                "short of the target by {}",
                crate::catalog::target::fmt_num(g)
            ));
        }
    }
    if let Some(p) = r.projected {
        parts.push(format!(
            "projected {}: {}",
            f.ev.final_year,
            f.computed(&r.code, p)
        ));
    }
    parts.push(format!("→ {}", status_label(r.status, EN)));
    parts.join("; ")
}

/// One line for an objective.
pub fn objective(f: &Facts, o: &ObjectiveResult) -> String {
    if o.assessment.is_some() || o.override_used.is_some() || o.indicators.is_empty() {
        let mut parts = Vec::new();
        match &o.assessment {
            Some(a) => parts.push(format!(
                "{} self-assessed {} “{}” ({})",
                super::messages::unit_name(f.cat, &a.unit, EN),
                a.year,
                answer_label(&a.answer, EN),
                a.source
            )),
            None => parts.push("no self-assessment returned".into()),
        }
        if let Some(r) = &o.override_used {
            let comment = if r.comment.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", r.comment.trim())
            };
            parts.push(format!(
                "reviewed by the evaluation group as “{}” ({}, {}{comment})",
                answer_label(&r.answer, EN),
                r.reviewer,
                r.at
            ));
        }
        return parts.join("; ");
    }
    let tally: Vec<String> = o
        .counts
        .nonzero()
        .filter(|(s, _)| *s != Status::NotScored)
        .map(|(s, n)| format!("{} {n}", status_label(s, EN)))
        .collect();
    let scored: usize = o
        .counts
        .nonzero()
        .filter(|(s, _)| *s != Status::NotScored)
        .map(|(_, n)| n)
        .sum();
    if scored == 0 {
        return "reference indicators only, not scored".into();
    }
    if scored == 1 {
        format!("1 indicator: {}", tally.join(", "))
    } else {
        format!(
            "{scored} indicators: {}; the weakest decides: {}",
            tally.join(", "),
            status_label(o.status, EN)
        )
    }
}

/// A warning, from the numbers of the indicator it is about.
pub fn warning(f: &Facts, w: &Warning, about: Option<&IndicatorResult>) -> String {
    let label = w.code.label_en();
    let Some(r) = about else {
        return match w.code {
            WarningCode::MissingData => {
                format!("no valid self-assessment for {}", f.ev.year)
            }
            _ => label.to_string(),
        };
    };
    let n = |v: f64| f.num(&r.code, v);
    let series = f
        .indicator_def(&r.code)
        .map(|i| f.judged_series(i))
        .unwrap_or_default();
    let path = |k: usize| {
        let last: Vec<String> = series
            .iter()
            .rev()
            .take(k)
            .map(|(y, v)| format!("{y}: {}", n(*v)))
            .collect();
        last.into_iter().rev().collect::<Vec<_>>().join(" → ")
    };
    let target = f
        .indicator_def(&r.code)
        .map(|i| target_text(f.cat, &i.target, EN))
        .unwrap_or_default();
    let detail = match w.code {
        WarningCode::ProjectedMiss => r.projected.map_or(String::new(), |p| {
            format!(
                "projected {}: {} against target {target}",
                f.ev.final_year,
                f.computed(&r.code, p)
            )
        }),
        // The outlying years with their neighbours: 2024: 2046 off the trend of the other years
        // (2023: 1335, 2025: 1402).
        WarningCode::Fluctuation if !w.years.is_empty() => w
            .years
            .iter()
            .map(|y| {
                let value = series.get(y).map_or(String::new(), |v| format!(": {}", n(*v)));
                let around: Vec<String> = series
                    .range(y - 1..=y + 1)
                    .filter(|(x, _)| *x != y)
                    .map(|(x, v)| format!("{x}: {}", n(*v)))
                    .collect();
                let around = if around.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", around.join(", "))
                };
                format!("{y}{value} off the trend of the other years{around}")
            })
            .collect::<Vec<_>>()
            .join("; "),
        WarningCode::Fluctuation => path(2),
        WarningCode::MovingAway => path(3),
        WarningCode::GapWidened => match (r.baseline, r.latest) {
            (Some(b), Some(l)) => format!(
                "gap {}: {} → {}: {}",
                b.year,
                n(b.value),
                l.year,
                n(l.value)
            ),
            _ => String::new(),
        },
        WarningCode::MaintainBroken => {
            let bound = f
                .indicator_def(&r.code)
                .and_then(|i| i.target.value)
                .unwrap_or(f64::NAN);
            let below: Vec<String> = series
                .range(f.cat.plan.baseline_year + 1..)
                .filter(|(_, v)| **v < bound)
                .map(|(y, v)| format!("{y}: {}", n(*v)))
                .collect();
            format!(
                "below {} in {}",
                crate::catalog::target::fmt_num(bound),
                below.join(", ")
            )
        }
        WarningCode::BaselineMoved => match (w.years.first(), r.baseline) {
            (Some(y), Some(b)) => format!(
                "no value for the baseline year {}; progress counted from {y} ({}), nothing estimated",
                f.cat.plan.baseline_year,
                n(b.value)
            ),
            _ => format!("no value for the baseline year {}", f.cat.plan.baseline_year),
        },
        WarningCode::EarlierYear => match w.years.first() {
            Some(y) => match series.get(y) {
                Some(v) => format!("nothing newer than {y}: judged on {y}'s {}", n(*v)),
                None => format!("nothing newer than {y}: judged on {y}'s value"),
            },
            None => label.to_string(),
        },
        WarningCode::StaleData => match w.years.first() {
            Some(y) => {
                let age = f.ev.year - y;
                let why = if age > f.ev.config.stale_after_years {
                    format!(
                        "{age} years before {}, beyond the limit of {}",
                        f.ev.year, f.ev.config.stale_after_years
                    )
                } else {
                    "a later figure was rejected and not corrected".to_string()
                };
                format!("judged on {y}'s value, {why}: not counted as attained")
            }
            None => label.to_string(),
        },
        WarningCode::MissingData => {
            if !series.contains_key(&f.ev.year) {
                match series.keys().next_back() {
                    Some(y) => format!("no value for {} (latest {y})", f.ev.year),
                    None => format!("no value up to {}", f.ev.year),
                }
            } else if !series.contains_key(&f.cat.plan.baseline_year) {
                format!("no baseline value for {}", f.cat.plan.baseline_year)
            } else {
                "a supplied target or a breakdown is missing".into()
            }
        }
    };
    // Callers show the warning's label beside the message; the message is the numbers.
    if detail.is_empty() {
        label.to_string()
    } else {
        detail
    }
}
