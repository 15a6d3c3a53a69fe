//! Small plans for the unit tests of scoring: one objective whose indicators are given as TOML, read by
//! the real plan loader, so the tests exercise targets exactly as plan files state them.

use super::input::{Area, Field, Observation, Rejection, Sex};
use super::{evaluate, evaluate_inputs, Evaluation, IndicatorResult, Inputs, ScoreConfig, Stage};
use crate::catalog::Catalog;

const HEAD: &str = r#"
[plan]
id = "test-plan"
name = "测试规划"
period_start = 2021
period_end = 2025
baseline_year = 2020
midterm_year = 2023
final_year = 2025
around_tolerance = 2.0

[[units]]
name = "卫健体局"

[[units]]
name = "妇联"

[[domains]]
code = "health"
number = 1
name = "妇女与健康"
responsible_units = ["卫健体局", "妇联"]

[[domains.objectives]]
code = "1.1"
text = "测试目标。"
kind = "quantitative"
"#;

/// A plan whose one objective holds the given `[[domains.objectives.indicators]]` tables.
pub fn plan(indicators: &str) -> Catalog {
    let src = format!("{HEAD}\n{indicators}");
    match Catalog::from_str(&src, "test.toml") {
        Ok(c) => c,
        Err(e) => panic!("test plan does not load: {e:?}"),
    }
}

/// One indicator `x` (percent, one decimal) with the given inline target, plus any extra indicator tables.
pub fn one(target: &str, extra: &str) -> Catalog {
    plan(&format!(
        r#"
[[domains.objectives.indicators]]
code = "x"
name = "测试指标"
unit = "percent"
decimals = 1
target = {target}
lead_unit = "卫健体局"
disaggregation = ["sex", "area"]
{extra}
"#
    ))
}

/// Total values of an indicator by year.
pub fn values(indicator: &str, points: &[(i32, f64)]) -> Vec<Observation> {
    points
        .iter()
        .map(|(y, v)| Observation::total(indicator, *y, *v))
        .collect()
}

pub fn breakdown(indicator: &str, sex: Sex, area: Area, points: &[(i32, f64)]) -> Vec<Observation> {
    points
        .iter()
        .map(|(y, v)| Observation {
            sex,
            area,
            ..Observation::total(indicator, *y, *v)
        })
        .collect()
}

pub fn targets(indicator: &str, points: &[(i32, f64)]) -> Vec<Observation> {
    points
        .iter()
        .map(|(y, v)| Observation {
            field: Field::Target,
            ..Observation::total(indicator, *y, *v)
        })
        .collect()
}

pub fn run(cat: &Catalog, obs: &[Observation], stage: Stage, as_of: i32) -> Evaluation {
    evaluate(cat, obs, &[], &[], stage, as_of, &ScoreConfig::default())
}

/// The result of indicator `x` when the figures of `rejected` (indicator, year) were rejected and not
/// corrected.
pub fn x_rejected(
    cat: &Catalog,
    obs: &[Observation],
    rejected: &[(&str, i32)],
    stage: Stage,
    as_of: i32,
) -> IndicatorResult {
    let rejections: Vec<Rejection> = rejected
        .iter()
        .map(|(i, y)| Rejection {
            indicator: i.to_string(),
            year: *y,
        })
        .collect();
    let inputs = Inputs {
        observations: obs,
        rejections: &rejections,
        ..Inputs::default()
    };
    let ev = evaluate_inputs(cat, &inputs, stage, as_of, &ScoreConfig::default());
    match ev.indicator("x") {
        Some(r) => r.clone(),
        None => panic!("no indicator x"),
    }
}

/// The result of indicator `x`.
pub fn x(cat: &Catalog, obs: &[Observation], stage: Stage, as_of: i32) -> IndicatorResult {
    match run(cat, obs, stage, as_of).indicator("x") {
        Some(r) => r.clone(),
        None => panic!("no indicator x"),
    }
}

pub fn has_warning(r: &IndicatorResult, code: super::WarningCode) -> bool {
    r.warnings.iter().any(|w| w.code == code)
}
