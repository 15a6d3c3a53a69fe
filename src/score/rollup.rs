//! Roll-ups: objectives from their indicators, and domains and responsible units from both, with counts per
//! status and the attainment rate (达标率).
//!
//! An objective takes the weakest status of its scored indicators (短板原则): any definite shortfall
//! decides it; otherwise missing data blocks a claim of success; otherwise the weaker of the successes.
//! The attainment rate counts every monitorable indicator in its denominator — no-data ones included,
//! as the statistics bureaus report it — and only reference indicators are left out.

use super::indicator::IndicatorResult;
use super::qualitative::{AssessmentUsed, OverrideUsed};
use super::status::{Status, StatusCounts, Warning, WarningCounts};
use super::{ScoreConfig, Stage};
use crate::catalog::ObjectiveKind;
use serde::Serialize;

/// The score of one main objective (主要目标).
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveResult {
    pub code: String,
    pub kind: ObjectiveKind,
    pub status: Status,
    pub status_zh: &'static str,
    /// Its indicators per status (all zero for a qualitative objective).
    pub counts: StatusCounts,
    pub explanation: String,
    pub domain: String,
    /// The plan's text, verbatim.
    pub text: String,
    pub indicators: Vec<String>,
    pub lead_unit: Option<String>,
    /// The self-assessment used (qualitative objectives).
    pub assessment: Option<AssessmentUsed>,
    /// The evaluation group's override, when one replaced the self-assessment.
    #[serde(rename = "override")]
    pub override_used: Option<OverrideUsed>,
    pub warnings: Vec<Warning>,
}

/// Counts and attainment rate of a domain or a responsible unit.
#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    /// The domain's code, or the unit's name.
    pub code: String,
    pub name: String,
    /// Indicators per status.
    pub counts: StatusCounts,
    /// Indicators that are scored (all but reference indicators), with or without data.
    pub monitorable: usize,
    /// Monitorable indicators that count as attained at this stage.
    pub attained: usize,
    /// `attained ÷ monitorable`; `null` when nothing is monitorable.
    pub attainment_rate: Option<f64>,
    /// Objectives per status (quantitative and qualitative).
    pub objective_counts: StatusCounts,
    pub warning_counts: WarningCounts,
}

/// Whether an indicator's status counts as attained (达标) in the attainment rate.
///
/// Final: 已实现, and 基本实现 when `count_basically_achieved`. Annual and mid-term: 已达标 only — being on
/// track is not attainment.
pub fn counts_as_attained(status: Status, stage: Stage, cfg: &ScoreConfig) -> bool {
    match stage {
        Stage::Final => {
            status == Status::Achieved
                || (status == Status::BasicallyAchieved && cfg.count_basically_achieved)
        }
        Stage::Annual | Stage::Midterm => status == Status::Met,
    }
}

/// The weakest status among scored ones (`not_scored` left out); `None` when nothing is scored.
pub fn weakest(statuses: impl IntoIterator<Item = Status>) -> Option<Status> {
    statuses
        .into_iter()
        .filter(|s| *s != Status::NotScored)
        .min_by_key(|s| s.rank())
}

pub(super) fn quantitative_objective(
    stage: Stage,
    indicators: &[&IndicatorResult],
) -> (Status, StatusCounts, String) {
    let mut counts = StatusCounts::new(stage);
    for i in indicators {
        counts.add(i.status);
    }
    let scored = indicators
        .iter()
        .filter(|i| i.status != Status::NotScored)
        .count();
    let Some(status) = weakest(indicators.iter().map(|i| i.status)) else {
        return (Status::NotScored, counts, "只有参照指标，不单独评价".into());
    };
    let tally = counts
        .nonzero()
        .filter(|(s, _)| *s != Status::NotScored)
        .map(|(s, n)| format!("{} {n}", s.label_zh()))
        .collect::<Vec<_>>()
        .join("、");
    let explanation = if scored == 1 {
        format!("1 项指标：{tally}")
    } else {
        format!(
            "{scored} 项指标：{tally}；按短板原则取最弱者：{}",
            status.label_zh()
        )
    };
    (status, counts, explanation)
}

pub(super) fn rollup<'r>(
    stage: Stage,
    cfg: &ScoreConfig,
    code: &str,
    name: &str,
    indicators: impl IntoIterator<Item = &'r IndicatorResult>,
    objectives: impl IntoIterator<Item = &'r ObjectiveResult>,
) -> Rollup {
    let mut counts = StatusCounts::new(stage);
    let mut objective_counts = StatusCounts::new(stage);
    let mut warning_counts = WarningCounts::default();
    let (mut monitorable, mut attained) = (0, 0);
    for i in indicators {
        counts.add(i.status);
        warning_counts.add_all(&i.warnings);
        if i.status != Status::NotScored {
            monitorable += 1;
            if counts_as_attained(i.status, stage, cfg) {
                attained += 1;
            }
        }
    }
    for o in objectives {
        objective_counts.add(o.status);
        warning_counts.add_all(&o.warnings);
    }
    Rollup {
        code: code.to_string(),
        name: name.to_string(),
        counts,
        monitorable,
        attained,
        attainment_rate: rate(attained, monitorable),
        objective_counts,
        warning_counts,
    }
}

/// A share rounded to four decimals; `None` for an empty denominator.
pub fn rate(numerator: usize, denominator: usize) -> Option<f64> {
    (denominator > 0).then(|| {
        let r = numerator as f64 / denominator as f64;
        (r * 10_000.0).round() / 10_000.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weakest_link_lets_a_shortfall_decide_and_no_data_block_a_claim() {
        use Status::*;
        assert_eq!(weakest([Achieved, NotAchieved, NoData]), Some(NotAchieved));
        assert_eq!(weakest([Achieved, NoData]), Some(NoData));
        assert_eq!(
            weakest([Achieved, BasicallyAchieved]),
            Some(BasicallyAchieved)
        );
        assert_eq!(
            weakest([Met, NeedsAcceleration, NoData]),
            Some(NeedsAcceleration)
        );
        assert_eq!(weakest([Met, OnTrack, NoData]), Some(NoData));
        assert_eq!(weakest([Met, NotScored]), Some(Met));
        assert_eq!(weakest([NotScored]), None);
    }

    #[test]
    fn attainment_counts_basically_achieved_only_when_configured_and_only_at_the_final_stage() {
        let mut cfg = ScoreConfig::default();
        assert!(counts_as_attained(
            Status::BasicallyAchieved,
            Stage::Final,
            &cfg
        ));
        cfg.count_basically_achieved = false;
        assert!(!counts_as_attained(
            Status::BasicallyAchieved,
            Stage::Final,
            &cfg
        ));
        assert!(counts_as_attained(Status::Met, Stage::Midterm, &cfg));
        assert!(!counts_as_attained(Status::OnTrack, Stage::Midterm, &cfg));
    }

    #[test]
    fn rate_rounds_and_refuses_an_empty_denominator() {
        assert_eq!(rate(2, 3), Some(0.6667));
        assert_eq!(rate(0, 0), None);
    }
}
