//! The facts every evaluation output is built from: the evaluation, the observations it scored, the
//! self-assessments and reviews, completeness and open data problems, and the run's own details — plus
//! the derived views several outputs share (the series an indicator is judged on, its target as a line,
//! the warnings sorted by severity, the texts in the chosen language).
//!
//! The workbook, the unit feedback, summary.json and report.md all read the same `Facts`, so their
//! numbers cannot disagree.

use super::messages::{self, Lang};
use super::review::RejectedReview;
use crate::catalog::{Catalog, Dimension, Indicator, TargetKind};
use crate::score::series::Series;
use crate::score::{
    Area, Evaluation, Field, IndicatorResult, ObjectiveResult, Observation, Sex, Status, Warning,
    WarningCode,
};
use crate::store::completeness::Completeness;
use crate::store::overrides::Overrides;
use crate::store::{AssessmentRow, QuarantineRow};
use std::collections::BTreeMap;

/// Details of the run, for titles, document properties and summary.json.
#[derive(Debug, Clone)]
pub struct RunInfo {
    /// RFC 3339.
    pub generated_at: String,
    pub tool_version: String,
    /// Ingested files whose data lie in the plan years up to the as-of year.
    pub files: usize,
    /// Observations scoring read (values and supplied targets up to the as-of year).
    pub values: usize,
    /// The area evaluated, its place among the areas, its coverage and where its values came from.
    pub area: Option<crate::rollup::AreaReport>,
}

/// Everything the evaluation outputs show.
pub struct Facts<'a> {
    pub cat: &'a Catalog,
    pub ev: &'a Evaluation,
    pub obs: &'a [Observation],
    /// Current self-assessments (for the measures a unit reported beside its answer).
    pub assessments: &'a [AssessmentRow],
    pub overrides: &'a Overrides,
    /// Review conclusions of the previous workbook that could not be used (E001), shown again marked.
    pub rejected_reviews: &'a [RejectedReview],
    /// One per plan year up to the as-of year, oldest first.
    pub completeness: &'a [Completeness],
    /// Quarantined errors not corrected since.
    pub outstanding: &'a [QuarantineRow],
    pub run: RunInfo,
    pub lang: Lang,
}

/// How urgent a warning is, for sorting and colouring the warning list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The target is at risk: projected to miss, moving away, a widening gap, a broken maintain target.
    High,
    /// The data needs a look: a large fluctuation, a missing value.
    Medium,
}

impl Severity {
    pub fn of(code: WarningCode) -> Severity {
        match code {
            WarningCode::ProjectedMiss
            | WarningCode::MovingAway
            | WarningCode::GapWidened
            | WarningCode::MaintainBroken => Severity::High,
            WarningCode::Fluctuation
            | WarningCode::MissingData
            | WarningCode::BaselineMoved
            | WarningCode::EarlierYear
            | WarningCode::StaleData => Severity::Medium,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::High => messages::Msg::SeverityHigh.text(lang),
            Severity::Medium => messages::Msg::SeverityMedium.text(lang),
        }
    }
}

/// One row of the warning list.
#[derive(Debug, Clone)]
pub struct WarningRow<'e> {
    pub severity: Severity,
    pub warning: &'e Warning,
    /// The indicator warned about, or `None` for an objective's warning.
    pub indicator: Option<&'e IndicatorResult>,
    pub objective: Option<&'e ObjectiveResult>,
    pub domain: String,
    /// Indicator or objective code.
    pub subject: String,
    pub responsible: String,
    /// The status rank of the subject (worse first within a severity).
    pub rank: u8,
    /// Position in plan order.
    pub order: usize,
}

impl<'a> Facts<'a> {
    pub fn years(&self) -> Vec<i32> {
        (self.cat.plan.baseline_year + 1..=self.ev.year).collect()
    }

    /// The numbers the indicator is judged on, up to the as-of year: its total values, or for a gap
    /// target the gap between its two groups (as the scorer computes it).
    pub fn judged_series(&self, ind: &Indicator) -> Series {
        if ind.target.kind == TargetKind::GapNarrows {
            let source = ind.target.of.as_deref().unwrap_or(&ind.code);
            let (a, b) = match ind.target.between {
                Some(Dimension::Sex) => (
                    self.series(source, Sex::Female, Area::Total, Field::Value),
                    self.series(source, Sex::Male, Area::Total, Field::Value),
                ),
                _ => (
                    self.series(source, Sex::Total, Area::Urban, Field::Value),
                    self.series(source, Sex::Total, Area::Rural, Field::Value),
                ),
            };
            return a
                .iter()
                .filter_map(|(y, v)| b.get(y).map(|w| (*y, (v - w).abs())))
                .collect();
        }
        self.series(&ind.code, Sex::Total, Area::Total, Field::Value)
    }

    /// One series of the observations, cut at the as-of year.
    pub fn series(&self, indicator: &str, sex: Sex, area: Area, field: Field) -> Series {
        self.obs
            .iter()
            .filter(|o| {
                o.indicator == indicator
                    && o.sex == sex
                    && o.area == area
                    && o.field == field
                    && o.year <= self.ev.year
                    && o.value.is_finite()
            })
            .map(|o| (o.year, o.value))
            .collect()
    }

    /// The target as a line over the baseline year to the final year: a constant for threshold
    /// targets, the supplied yearly targets for `external`, the other indicator for relational targets.
    /// `None` for targets without a number (increase, decrease, gap, growth slows, reference); the
    /// second value says whether the line is the baseline level drawn as a reference instead.
    pub fn target_line(&self, ind: &Indicator) -> (BTreeMap<i32, f64>, bool) {
        let years = self.cat.plan.baseline_year..=self.cat.plan.final_year;
        match ind.target.kind {
            TargetKind::AtLeast
            | TargetKind::AtMost
            | TargetKind::Around
            | TargetKind::MaintainAtLeast => match ind.target.value {
                Some(v) => (years.map(|y| (y, v)).collect(), false),
                None => (BTreeMap::new(), false),
            },
            TargetKind::External => (
                self.obs
                    .iter()
                    .filter(|o| {
                        o.indicator == ind.code
                            && o.field == Field::Target
                            && o.sex == Sex::Total
                            && o.area == Area::Total
                    })
                    .map(|o| (o.year, o.value))
                    .collect(),
                false,
            ),
            TargetKind::NotBelow | TargetKind::Matches => (
                ind.target
                    .other
                    .as_deref()
                    .map(|o| self.series(o, Sex::Total, Area::Total, Field::Value))
                    .unwrap_or_default(),
                false,
            ),
            _ => {
                let judged = self.judged_series(ind);
                match judged.get(&self.cat.plan.baseline_year) {
                    Some(b) => (years.map(|y| (y, *b)).collect(), true),
                    None => (BTreeMap::new(), true),
                }
            }
        }
    }

    pub fn indicator_def(&self, code: &str) -> Option<&'a Indicator> {
        self.cat.indicator(code)
    }

    pub fn decimals(&self, code: &str) -> u8 {
        self.cat.indicator(code).map_or(1, |i| i.decimals)
    }

    /// A reported value at the indicator's decimals, or with the digits it carries when it has more
    /// (78.06 stays 78.06 beside "≥ 78.1": the number shown is the number the verdict judged).
    pub fn num(&self, code: &str, v: f64) -> String {
        crate::score::precision::format_shown(v, self.decimals(code))
    }

    /// A computed number (projection, shortfall, path) at the indicator's decimals.
    pub fn computed(&self, code: &str, v: f64) -> String {
        crate::store::export::format_value(v, self.decimals(code))
    }

    /// The decimals a reported value is shown with (for number formats of cells).
    pub fn shown_decimals(&self, code: &str, v: f64) -> u8 {
        crate::score::precision::shown_decimals(v, self.decimals(code))
    }

    pub fn status(&self, s: Status) -> &'static str {
        messages::status_label(s, self.lang)
    }

    /// Every warning of indicators and objectives, most severe first; within a severity the subject
    /// with the worse status first, then plan order.
    pub fn warning_rows(&self) -> Vec<WarningRow<'a>> {
        let ev: &'a Evaluation = self.ev;
        let mut rows = Vec::new();
        for (order, r) in ev.indicators.iter().enumerate() {
            for w in &r.warnings {
                rows.push(WarningRow {
                    severity: Severity::of(w.code),
                    warning: w,
                    indicator: Some(r),
                    objective: None,
                    domain: r.domain.clone(),
                    subject: r.code.clone(),
                    responsible: r.lead_unit.clone(),
                    rank: r.status.rank(),
                    order,
                });
            }
        }
        let offset = ev.indicators.len();
        for (i, o) in ev.objectives.iter().enumerate() {
            for w in &o.warnings {
                rows.push(WarningRow {
                    severity: Severity::of(w.code),
                    warning: w,
                    indicator: None,
                    objective: Some(o),
                    domain: o.domain.clone(),
                    subject: o.code.clone(),
                    responsible: o.lead_unit.clone().unwrap_or_default(),
                    rank: o.status.rank(),
                    order: offset + i,
                });
            }
        }
        rows.sort_by_key(|r| (r.severity, r.rank, r.order, r.warning.code));
        rows
    }

    /// The number of warnings (indicators and objectives).
    pub fn warning_total(&self) -> usize {
        self.ev
            .indicators
            .iter()
            .map(|i| i.warnings.len())
            .sum::<usize>()
            + self
                .ev
                .objectives
                .iter()
                .map(|o| o.warnings.len())
                .sum::<usize>()
    }

    /// The current self-assessment row an objective's status was taken from.
    pub fn assessment_row(&self, o: &ObjectiveResult) -> Option<&'a AssessmentRow> {
        let used = o.assessment.as_ref()?;
        self.assessments.iter().find(|a| {
            a.objective == o.code
                && a.year == used.year
                && format!("{}!{}!{}", a.source_file, a.sheet, a.cell) == used.source
        })
    }

    /// The attainment rate as a percentage text, `—` when nothing is monitorable.
    pub fn rate_text(rate: Option<f64>) -> String {
        rate.map_or_else(|| "—".to_string(), |r| format!("{:.1}%", r * 100.0))
    }

    /// Whether a status counts as a shortfall (behind or worse) at its stage.
    pub fn is_behind(s: Status) -> bool {
        matches!(
            s,
            Status::NeedsAcceleration
                | Status::SlowProgress
                | Status::Regressing
                | Status::NotAchieved
        )
    }

    /// Whether a status claims success at its stage.
    pub fn is_good(s: Status) -> bool {
        matches!(
            s,
            Status::Met | Status::OnTrack | Status::Achieved | Status::BasicallyAchieved
        )
    }
}
