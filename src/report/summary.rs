//! `summary.json`: the evaluation in a few numbers for scripts and scheduled jobs. The field names are
//! stable and documented in README ("summary.json"); new fields may be added, none renamed or removed.

use super::facts::Facts;
use super::messages::{domain_name, stage_label, Lang};
use crate::score::{Stage, StatusCounts, WarningCounts};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub plan: String,
    pub plan_name: String,
    pub stage: Stage,
    pub stage_label: String,
    /// The as-of year.
    pub year: i32,
    pub lang: Lang,
    pub generated_at: String,
    pub tool_version: String,
    /// 达标率, a fraction (0.7679), `null` when no indicator is monitorable.
    pub attainment_rate: Option<f64>,
    pub indicators: usize,
    pub monitorable: usize,
    pub attained: usize,
    /// Indicators per status, every status of the stage present.
    pub counts: StatusCounts,
    /// Main objectives per status.
    pub objective_counts: StatusCounts,
    /// Warnings of indicators and objectives.
    pub warnings: usize,
    pub warning_counts: WarningCounts,
    pub domains: Vec<DomainSummary>,
    /// Ingested files with data in the plan years up to the as-of year.
    pub files_processed: usize,
    /// Values (and supplied yearly targets) scoring read.
    pub values_processed: usize,
    /// Quarantined errors not corrected since (the 数据质量 sheet lists them).
    pub outstanding_errors: usize,
    /// Reviews of the evaluation group applied to qualitative objectives.
    pub overrides_applied: usize,
    /// Files written to the output folder, the evaluation workbook first.
    pub outputs: Vec<String>,
    /// The area evaluated: `name`, `code`, `level`, its coverage in the as-of year and its values by
    /// source (`null` when the evaluation was not made for an area).
    pub area: Option<crate::rollup::AreaReport>,
    /// With `evaluate --by-area`: each area below with its 达标率 and rank (`areas`), and the comparison
    /// workbook and the areas' feedback workbooks written (`comparison_outputs`); absent otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<super::compare::AreaRate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comparison_outputs: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainSummary {
    pub code: String,
    pub name: String,
    pub attainment_rate: Option<f64>,
    pub monitorable: usize,
    pub attained: usize,
    pub counts: StatusCounts,
    pub warnings: usize,
}

pub fn summary(f: &Facts, outputs: Vec<String>) -> Summary {
    let ev = f.ev;
    let warnings_of = |c: &WarningCounts| {
        crate::score::WarningCode::ALL
            .iter()
            .map(|w| c.get(*w))
            .sum::<usize>()
    };
    Summary {
        plan: f.cat.plan.id.clone(),
        plan_name: f.cat.plan.name.clone(),
        stage: ev.stage,
        stage_label: stage_label(ev.stage, f.lang).to_string(),
        year: ev.year,
        lang: f.lang,
        generated_at: f.run.generated_at.clone(),
        tool_version: f.run.tool_version.clone(),
        attainment_rate: ev.attainment_rate,
        indicators: ev.indicators.len(),
        monitorable: ev.monitorable,
        attained: ev.attained,
        counts: ev.counts.clone(),
        objective_counts: ev.objective_counts.clone(),
        warnings: f.warning_total(),
        warning_counts: ev.warning_counts.clone(),
        domains: ev
            .domains
            .iter()
            .map(|d| DomainSummary {
                code: d.code.clone(),
                name: domain_name(f.cat, &d.code, f.lang),
                attainment_rate: d.attainment_rate,
                monitorable: d.monitorable,
                attained: d.attained,
                counts: d.counts.clone(),
                warnings: warnings_of(&d.warning_counts),
            })
            .collect(),
        files_processed: f.run.files,
        values_processed: f.run.values,
        outstanding_errors: f.outstanding.len(),
        overrides_applied: ev
            .objectives
            .iter()
            .filter(|o| o.override_used.is_some())
            .count(),
        outputs,
        area: f.run.area.as_ref().map(|a| a.summary()),
        areas: f
            .run
            .compared
            .as_ref()
            .map(|c| c.areas.clone())
            .unwrap_or_default(),
        comparison_outputs: f
            .run
            .compared
            .as_ref()
            .map(|c| c.outputs.clone())
            .unwrap_or_default(),
    }
}

/// Pretty JSON with a final newline.
pub fn to_json(s: &Summary) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(s).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
