//! Scoring: the annual monitoring (年度监测), mid-term (中期评估) and final evaluation (终期评估) of every
//! indicator and objective of a plan, rolled up to domains and responsible units.
//!
//! Pure functions over plain data, no I/O: `evaluate_inputs` takes the catalog, the panel's observations,
//! the departments' self-assessments, the evaluation group's overrides and the figures rejected and not
//! corrected, and returns an `Evaluation` that serialises to the JSON of `planeval evaluate --json`. The
//! methods, every formula and threshold and where they come from, are in docs/METHOD.md.
//!
//! - `status`: statuses and warning codes, each defined once;
//! - `input`: observations, assessments, overrides, rejections and the panel index;
//! - `series`: straight path, progress ratio, least squares, repeated-median line, modified z-score;
//! - `precision`: the decimals a value is shown with, and what rounding cannot tell apart;
//! - `indicator`: one indicator, dispatching on its target kind to `threshold` or `trend`, and the
//!   data-age rule; `rule`: what every kind's rule shares (the context, the decided score, numbers at
//!   the indicator's decimals, the base year, missing values, the projection);
//! - `fluctuation`: the years that lie off the trend of the others;
//! - `qualitative`: objectives without a number, from self-assessments and overrides;
//! - `rollup`: objectives from their indicators; domains and units; the attainment rate (达标率).

mod fluctuation;
mod indicator;
pub mod input;
pub mod precision;
pub mod qualitative;
pub mod rollup;
mod rule;
pub mod series;
pub mod status;
#[cfg(test)]
mod testkit;
mod threshold;
mod trend;

pub use indicator::IndicatorResult;
pub use input::{
    rejections, Area, Assessment, Field, Observation, OpenProblem, Override, Panel, Rejection, Sex,
};
pub use qualitative::{answer_status, AssessmentUsed, OverrideUsed};
pub use rollup::{counts_as_attained, ObjectiveResult, Rollup};
pub use series::YearValue;
pub use status::{Status, StatusCounts, Warning, WarningCode, WarningCounts};

use crate::catalog::{Catalog, ObjectiveKind, PlanMeta};
use rule::Ctx;
use serde::{Deserialize, Serialize};

/// Which evaluation is run. The stage chooses the statuses: progress statuses for annual and mid-term,
/// attainment statuses for the final evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// 年度监测: progress as of a year.
    Annual,
    /// 中期评估: progress as of the plan's mid-term year.
    Midterm,
    /// 终期评估: attainment in the final year.
    Final,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Annual, Stage::Midterm, Stage::Final];

    /// `annual`, `midterm`, `final` — as the command line and JSON write it.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Annual => "annual",
            Stage::Midterm => "midterm",
            Stage::Final => "final",
        }
    }

    pub fn from_key(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Stage::Annual => "年度监测",
            Stage::Midterm => "中期评估",
            Stage::Final => "终期评估",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Stage::Annual => "annual monitoring",
            Stage::Midterm => "mid-term evaluation",
            Stage::Final => "final evaluation",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }

    /// The as-of year the stage implies: the plan's mid-term or final year; `None` for annual monitoring,
    /// which needs `--year`.
    pub fn default_year(self, plan: &PlanMeta) -> Option<i32> {
        match self {
            Stage::Annual => None,
            Stage::Midterm => Some(plan.midterm_year),
            Stage::Final => Some(plan.final_year),
        }
    }
}

/// The thresholds of scoring. `Default` gives the documented values (docs/METHOD.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreConfig {
    /// 基本实现: a final value short of its threshold by at most this share of the base year's shortfall
    /// (the change the plan asked for), and never less than half a unit of the indicator's last decimal
    /// (which is all that is left when the plan asked for no change). 0.05.
    pub basically_achieved_tolerance: f64,
    /// Whether 基本实现 counts as attained in the final 达标率. true.
    pub count_basically_achieved: bool,
    /// Progress ratio at and above which a target is on track (Eurostat). 0.95.
    pub on_track_ratio: f64,
    /// Progress ratio at and above which progress is moderate, i.e. needs acceleration (Eurostat). 0.60.
    pub slow_ratio: f64,
    /// Direction and gap targets: a change from the baseline within this share of the baseline value
    /// (and never less than half a unit of the last decimal) counts as no change. 0.01.
    pub unchanged_relative: f64,
    /// Modified z-score of a year's distance from the trend of the other years above which it is unusual
    /// (Iglewicz–Hoaglin's recommendation). 3.5.
    pub fluctuation_z: f64,
    /// A year is a fluctuation only when it also lies further than this share of the trend value from the
    /// trend; with too few years for a z-score, this alone decides for the as-of year. 0.3.
    pub fluctuation_relative: f64,
    /// Other years needed before a year is tested against their trend with the z-score. 3.
    pub fluctuation_min_years: usize,
    /// A value more than this many years before the as-of year does not make an indicator attained. 2.
    pub stale_after_years: i32,
}

impl Default for ScoreConfig {
    fn default() -> Self {
        ScoreConfig {
            basically_achieved_tolerance: 0.05,
            count_basically_achieved: true,
            on_track_ratio: 0.95,
            slow_ratio: 0.60,
            unchanged_relative: 0.01,
            fluctuation_z: 3.5,
            fluctuation_relative: 0.3,
            fluctuation_min_years: 3,
            stale_after_years: 2,
        }
    }
}

/// The result of one evaluation. Serialises to the JSON of `planeval evaluate --json`.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub stage: Stage,
    /// The as-of year.
    pub year: i32,
    /// 达标率 over all monitorable indicators; `null` when none is monitorable.
    pub attainment_rate: Option<f64>,
    pub indicators: Vec<IndicatorResult>,
    pub objectives: Vec<ObjectiveResult>,
    pub domains: Vec<Rollup>,
    pub units: Vec<Rollup>,
    pub stage_zh: &'static str,
    pub plan: String,
    pub baseline_year: i32,
    pub final_year: i32,
    pub monitorable: usize,
    pub attained: usize,
    /// Indicators per status.
    pub counts: StatusCounts,
    /// Objectives per status.
    pub objective_counts: StatusCounts,
    /// Warnings of indicators and objectives per code.
    pub warning_counts: WarningCounts,
    /// The thresholds used, so that a result can be reproduced.
    pub config: ScoreConfig,
}

impl Evaluation {
    pub fn indicator(&self, code: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|i| i.code == code)
    }
    pub fn objective(&self, code: &str) -> Option<&ObjectiveResult> {
        self.objectives.iter().find(|o| o.code == code)
    }
    pub fn domain(&self, code: &str) -> Option<&Rollup> {
        self.domains.iter().find(|d| d.code == code)
    }
    pub fn unit(&self, name: &str) -> Option<&Rollup> {
        self.units.iter().find(|u| u.code == name)
    }
}

/// Everything an evaluation reads besides the catalog.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    pub observations: &'a [Observation],
    pub assessments: &'a [Assessment],
    pub overrides: &'a [Override],
    /// Figures rejected at intake and not corrected since (`rejections`).
    pub rejections: &'a [Rejection],
}

/// Scores every indicator and objective of the plan at `stage`, as of `as_of` (observations of later
/// years are ignored), and rolls them up; no figure is known to have been rejected.
pub fn evaluate(
    cat: &Catalog,
    obs: &[Observation],
    assessments: &[Assessment],
    overrides: &[Override],
    stage: Stage,
    as_of: i32,
    cfg: &ScoreConfig,
) -> Evaluation {
    let inputs = Inputs {
        observations: obs,
        assessments,
        overrides,
        rejections: &[],
    };
    evaluate_inputs(cat, &inputs, stage, as_of, cfg)
}

/// Scores every indicator and objective of the plan at `stage`, as of `as_of`, and rolls them up.
pub fn evaluate_inputs(
    cat: &Catalog,
    inputs: &Inputs,
    stage: Stage,
    as_of: i32,
    cfg: &ScoreConfig,
) -> Evaluation {
    let Inputs {
        observations: obs,
        assessments,
        overrides,
        rejections,
    } = *inputs;
    let panel = Panel::new(obs, as_of);
    let cx = Ctx {
        cat,
        panel: &panel,
        stage,
        as_of,
        cfg,
        rejections,
    };
    let indicators: Vec<IndicatorResult> = cat
        .indicators()
        .map(|(d, o, i)| indicator::score_indicator(&cx, d, o, i))
        .collect();

    let objectives: Vec<ObjectiveResult> = cat
        .objectives()
        .map(|(d, o)| {
            let own: Vec<&IndicatorResult> = indicators
                .iter()
                .filter(|i| i.objective == o.code)
                .collect();
            let base = ObjectiveResult {
                code: o.code.clone(),
                kind: o.kind,
                status: Status::NoData,
                status_zh: Status::NoData.label_zh(),
                counts: StatusCounts::new(stage),
                explanation: String::new(),
                domain: d.code.clone(),
                text: o.text.clone(),
                indicators: own.iter().map(|i| i.code.clone()).collect(),
                lead_unit: o.lead_unit.clone(),
                assessment: None,
                override_used: None,
                warnings: Vec::new(),
            };
            if o.kind == ObjectiveKind::Qualitative || own.is_empty() {
                let q = qualitative::score(cat, o, assessments, overrides, stage, as_of);
                ObjectiveResult {
                    status: q.status,
                    status_zh: q.status.label_zh(),
                    explanation: q.explanation,
                    assessment: q.assessment,
                    override_used: q.override_used,
                    warnings: q.warnings,
                    ..base
                }
            } else {
                let (status, counts, explanation) = rollup::quantitative_objective(stage, &own);
                ObjectiveResult {
                    status,
                    status_zh: status.label_zh(),
                    counts,
                    explanation,
                    ..base
                }
            }
        })
        .collect();

    let domains = cat
        .domains
        .iter()
        .map(|d| {
            rollup::rollup(
                stage,
                cfg,
                &d.code,
                &d.name,
                indicators.iter().filter(|i| i.domain == d.code),
                objectives.iter().filter(|o| o.domain == d.code),
            )
        })
        .collect();

    let units = cat
        .units
        .iter()
        .filter_map(|u| {
            let leads = |lead: Option<&str>| lead == Some(u.name.as_str());
            let inds: Vec<&IndicatorResult> = indicators
                .iter()
                .filter(|i| leads(Some(&i.lead_unit)))
                .collect();
            let objs: Vec<&ObjectiveResult> = objectives
                .iter()
                .filter(|o| leads(o.lead_unit.as_deref()))
                .collect();
            (!inds.is_empty() || !objs.is_empty())
                .then(|| rollup::rollup(stage, cfg, &u.name, &u.name, inds, objs))
        })
        .collect();

    let total = rollup::rollup(
        stage,
        cfg,
        &cat.plan.id,
        &cat.plan.name,
        &indicators,
        &objectives,
    );
    Evaluation {
        stage,
        year: as_of,
        attainment_rate: total.attainment_rate,
        indicators,
        objectives,
        domains,
        units,
        stage_zh: stage.label_zh(),
        plan: cat.plan.id.clone(),
        baseline_year: cat.plan.baseline_year,
        final_year: cat.plan.final_year,
        monitorable: total.monitorable,
        attained: total.attained,
        counts: total.counts,
        objective_counts: total.objective_counts,
        warning_counts: total.warning_counts,
        config: cfg.clone(),
    }
}
