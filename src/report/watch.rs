//! What needs attention, as the evaluation workbook lists it: the warning list (预警清单) and the main
//! objectives that are not on course (滞后目标) — "what is behind, why, who" in one minute.
//!
//! The warning list is every warning, plus every indicator or objective that is behind without one (a
//! shortfall needs no warning to be worth a line), minus the warnings on a subject that already meets
//! its target unless the warning puts that into question (a maintain target broken in some year, a
//! move away from the target, a widening gap, missing data: a met status resting on old numbers).

use super::facts::{Facts, Severity};
use super::messages::{Lang, Msg};
use crate::score::{IndicatorResult, ObjectiveResult, Status, Warning, WarningCode};

/// Whether a status is a shortfall: the target is not met and progress is short of the path
/// (需加快, 进展缓慢, 反向变化, 未实现). `no_data` is not a shortfall but a data problem.
pub fn is_behind(s: Status) -> bool {
    matches!(
        s,
        Status::NeedsAcceleration | Status::SlowProgress | Status::Regressing | Status::NotAchieved
    )
}

/// Whether a status says the target is already met (已达标, 已实现).
fn is_met(s: Status) -> bool {
    matches!(s, Status::Met | Status::Achieved)
}

/// Whether a warning still matters for a subject that meets its target.
fn concerns_a_met_subject(code: WarningCode) -> bool {
    match code {
        WarningCode::MaintainBroken
        | WarningCode::MovingAway
        | WarningCode::GapWidened
        | WarningCode::MissingData
        // Met on an old census or survey figure, or on a value too old to count: worth a line.
        | WarningCode::EarlierYear
        | WarningCode::StaleData => true,
        // A trend projected below a target already met, or one odd year, does not put the met
        // status into question; 指标明细 still shows them.
        // Nor does a base moved to the first reported year (said on the indicator's line).
        WarningCode::ProjectedMiss | WarningCode::Fluctuation | WarningCode::BaselineMoved => false,
    }
}

/// Why a row is on the list.
#[derive(Debug, Clone, Copy)]
pub enum Concern<'e> {
    Warning(&'e Warning),
    /// Behind the path to the target, without a warning.
    Behind,
}

/// One row of the warning list.
#[derive(Debug, Clone)]
pub struct WatchRow<'e> {
    pub severity: Severity,
    pub concern: Concern<'e>,
    pub indicator: Option<&'e IndicatorResult>,
    pub objective: Option<&'e ObjectiveResult>,
    pub domain: String,
    pub responsible: String,
    rank: u8,
    order: usize,
}

impl WatchRow<'_> {
    /// The type column: the warning's label, or "behind".
    pub fn kind_label(&self, lang: Lang) -> &'static str {
        match self.concern {
            Concern::Warning(w) => super::messages::warning_label(w.code, lang),
            Concern::Behind => Msg::ConcernBehind.text(lang),
        }
    }
}

/// The severity of a shortfall without a warning: moving away or not achieved is high.
fn behind_severity(s: Status) -> Severity {
    match s {
        Status::Regressing | Status::NotAchieved => Severity::High,
        _ => Severity::Medium,
    }
}

impl<'a> Facts<'a> {
    /// The warning list, most severe first; within a severity the worse status first, then plan order.
    pub fn watch_list(&self) -> Vec<WatchRow<'a>> {
        let ev = self.ev;
        let mut rows = Vec::new();
        for (order, r) in ev.indicators.iter().enumerate() {
            let met = is_met(r.status);
            for w in r
                .warnings
                .iter()
                .filter(|w| !met || concerns_a_met_subject(w.code))
            {
                rows.push(WatchRow {
                    severity: Severity::of(w.code),
                    concern: Concern::Warning(w),
                    indicator: Some(r),
                    objective: None,
                    domain: r.domain.clone(),
                    responsible: r.lead_unit.clone(),
                    rank: r.status.rank(),
                    order,
                });
            }
            if r.warnings.is_empty() && is_behind(r.status) {
                rows.push(WatchRow {
                    severity: behind_severity(r.status),
                    concern: Concern::Behind,
                    indicator: Some(r),
                    objective: None,
                    domain: r.domain.clone(),
                    responsible: r.lead_unit.clone(),
                    rank: r.status.rank(),
                    order,
                });
            }
        }
        let offset = ev.indicators.len();
        for (i, o) in ev.objectives.iter().enumerate() {
            let met = is_met(o.status);
            let responsible = o.lead_unit.clone().unwrap_or_default();
            for w in o
                .warnings
                .iter()
                .filter(|w| !met || concerns_a_met_subject(w.code))
            {
                rows.push(WatchRow {
                    severity: Severity::of(w.code),
                    concern: Concern::Warning(w),
                    indicator: None,
                    objective: Some(o),
                    domain: o.domain.clone(),
                    responsible: responsible.clone(),
                    rank: o.status.rank(),
                    order: offset + i,
                });
            }
            // A quantitative objective is behind through its indicators, which are listed already;
            // a qualitative one has no other row.
            if o.warnings.is_empty() && o.indicators.is_empty() && is_behind(o.status) {
                rows.push(WatchRow {
                    severity: behind_severity(o.status),
                    concern: Concern::Behind,
                    indicator: None,
                    objective: Some(o),
                    domain: o.domain.clone(),
                    responsible,
                    rank: o.status.rank(),
                    order: offset + i,
                });
            }
        }
        rows.sort_by_key(|r| {
            let code = match r.concern {
                Concern::Warning(w) => Some(w.code),
                Concern::Behind => None,
            };
            (r.severity, r.rank, r.order, code)
        });
        rows
    }

    /// The main objectives not on course, worst first, then in plan order, each with the indicators
    /// behind it (worst first).
    pub fn objectives_behind(&self) -> Vec<(&'a ObjectiveResult, Vec<&'a IndicatorResult>)> {
        let ev = self.ev;
        let mut out: Vec<(usize, &ObjectiveResult, Vec<&IndicatorResult>)> = ev
            .objectives
            .iter()
            .enumerate()
            .filter(|(_, o)| is_behind(o.status))
            .map(|(i, o)| {
                let mut behind: Vec<&IndicatorResult> = ev
                    .indicators
                    .iter()
                    .filter(|r| o.indicators.contains(&r.code) && is_behind(r.status))
                    .collect();
                behind.sort_by_key(|r| r.status.rank());
                (i, o, behind)
            })
            .collect();
        out.sort_by_key(|(i, o, _)| (o.status.rank(), *i));
        out.into_iter().map(|(_, o, b)| (o, b)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortfalls_are_behind_and_no_data_is_not() {
        assert!(is_behind(Status::NeedsAcceleration));
        assert!(is_behind(Status::NotAchieved));
        assert!(!is_behind(Status::NoData));
        assert!(!is_behind(Status::Met));
        assert!(!is_behind(Status::BasicallyAchieved));
        assert!(!is_behind(Status::OnTrack));
    }

    #[test]
    fn a_met_subject_keeps_only_the_warnings_that_question_it() {
        assert!(concerns_a_met_subject(WarningCode::MaintainBroken));
        assert!(concerns_a_met_subject(WarningCode::MissingData));
        assert!(!concerns_a_met_subject(WarningCode::ProjectedMiss));
    }
}
