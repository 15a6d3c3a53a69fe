//! What scoring reads, as plain data independent of how it is stored: observations (one number of one
//! indicator, year and breakdown), the departments' self-assessments of qualitative objectives, the
//! evaluation group's overrides of them, and the reported figures that were rejected and not corrected.

use super::series::Series;
use crate::catalog::Catalog;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

pub use crate::breakdown::{Area, Field, Sex};

/// One number of the panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub indicator: String,
    pub year: i32,
    pub sex: Sex,
    pub area: Area,
    pub field: Field,
    pub value: f64,
}

impl Observation {
    /// The total value of an indicator in a year — the common case.
    pub fn total(indicator: impl Into<String>, year: i32, value: f64) -> Self {
        Observation {
            indicator: indicator.into(),
            year,
            sex: Sex::Total,
            area: Area::Total,
            field: Field::Value,
            value,
        }
    }
}

/// A department's self-assessment of a qualitative objective (已完成 / 基本完成 / 部分完成 / 未完成).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub objective: String,
    pub unit: String,
    pub year: i32,
    pub answer: String,
    /// Where it was read: `file!sheet!cell`.
    pub source: String,
}

/// The evaluation group's reviewed answer for a qualitative objective, replacing the self-assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Override {
    pub objective: String,
    pub year: i32,
    pub answer: String,
    pub reviewer: String,
    /// When, RFC 3339.
    pub at: String,
    pub comment: String,
}

/// A figure of an indicator that a department reported for a year and that could not be accepted — a
/// rejected value, or a whole return that could not be read — and that no later return has corrected.
///
/// An older value does not stand for such a year: the department's own newer figure exists, and its
/// correction could contradict any verdict drawn from the older one (docs/METHOD.md §3.1, data age).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rejection {
    pub indicator: String,
    pub year: i32,
}

/// An open (uncorrected) data problem as the store reports it, reduced to what scoring needs.
#[derive(Debug, Clone, Copy)]
pub struct OpenProblem<'a> {
    pub unit: &'a str,
    /// 0 when the file did not say which year it reports.
    pub year: i32,
    /// The indicator of the problem's cell, when it could be told.
    pub indicator: Option<&'a str>,
    /// A problem of the whole file (it could not be read, or belongs to another plan, unit or year).
    pub whole_file: bool,
    /// The cell held a figure that was not taken into the panel.
    pub value_rejected: bool,
}

/// The rejections that open problems amount to: a rejected value of an indicator for its year, and for
/// a whole return that could not be used, every indicator its unit leads for that year. Problems that
/// rejected nothing (a value kept but flagged, an empty required cell, a row of an unknown indicator)
/// and problems of an unknown year are not rejections. Sorted, without duplicates.
pub fn rejections<'a>(
    cat: &Catalog,
    problems: impl IntoIterator<Item = OpenProblem<'a>>,
) -> Vec<Rejection> {
    let mut out = BTreeSet::new();
    for p in problems.into_iter().filter(|p| p.year > 0) {
        match p.indicator {
            Some(code) if p.value_rejected => {
                out.insert(Rejection {
                    indicator: code.to_string(),
                    year: p.year,
                });
            }
            None if p.whole_file => {
                let unit = cat
                    .resolve_unit(p.unit)
                    .map_or_else(|| p.unit.trim().to_string(), |u| u.name.clone());
                for (_, _, ind) in cat.indicators().filter(|(_, _, i)| i.lead_unit == unit) {
                    out.insert(Rejection {
                        indicator: ind.code.clone(),
                        year: p.year,
                    });
                }
            }
            _ => {}
        }
    }
    out.into_iter().collect()
}

type Key = (String, Sex, Area, Field);

/// Observations indexed by indicator and breakdown, cut at the as-of year: scoring never sees a later
/// year, so re-running an old evaluation gives the old answer. Non-finite numbers are ignored; of two
/// observations with the same key and year, the later in input order wins (the store keeps one).
#[derive(Debug, Default)]
pub struct Panel {
    series: HashMap<Key, Series>,
}

impl Panel {
    pub fn new(obs: &[Observation], as_of: i32) -> Self {
        let mut series: HashMap<Key, Series> = HashMap::new();
        for o in obs
            .iter()
            .filter(|o| o.year <= as_of && o.value.is_finite())
        {
            series
                .entry((o.indicator.clone(), o.sex, o.area, o.field))
                .or_default()
                .insert(o.year, o.value);
        }
        Panel { series }
    }

    pub fn series(&self, indicator: &str, sex: Sex, area: Area, field: Field) -> Series {
        self.series
            .get(&(indicator.to_string(), sex, area, field))
            .cloned()
            .unwrap_or_default()
    }

    /// The total values of an indicator.
    pub fn values(&self, indicator: &str) -> Series {
        self.series(indicator, Sex::Total, Area::Total, Field::Value)
    }

    /// The supplied yearly targets of an indicator.
    pub fn targets(&self, indicator: &str) -> Series {
        self.series(indicator, Sex::Total, Area::Total, Field::Target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejected_value_and_an_unreadable_return_are_rejections_and_nothing_else_is() {
        let cat = crate::Catalog::builtin().unwrap();
        let p = |indicator, whole_file, value_rejected| OpenProblem {
            unit: "医保局",
            year: 2023,
            indicator,
            whole_file,
            value_rejected,
        };
        let found = rejections(
            &cat,
            [
                // V103: 0.952 typed for 95.2%, rejected.
                p(Some("medical_insurance_coverage_female"), false, true),
                // R206 on a kept value, R210 on an empty cell: nothing was rejected.
                p(Some("maternity_insurance_coverage"), false, false),
                // R201: a row of an indicator the plan does not have.
                p(None, false, false),
                // The whole 2023 return unreadable: every indicator 医保局 leads.
                p(None, true, false),
                OpenProblem {
                    year: 0,
                    ..p(Some("medical_insurance_coverage_female"), false, true)
                },
            ],
        );
        let led: Vec<&str> = cat
            .indicators()
            .filter(|(_, _, i)| i.lead_unit == "医保局")
            .map(|(_, _, i)| i.code.as_str())
            .collect();
        assert!(led.contains(&"maternity_insurance_coverage"), "{led:?}");
        assert_eq!(found.len(), led.len(), "{found:?}");
        assert!(found.iter().all(|r| r.year == 2023));
        assert!(found
            .iter()
            .any(|r| r.indicator == "medical_insurance_coverage_female"));
    }

    #[test]
    fn panel_ignores_later_years_and_non_finite_values() {
        let obs = vec![
            Observation::total("a", 2020, 1.0),
            Observation::total("a", 2023, 2.0),
            Observation::total("a", 2024, 3.0),
            Observation::total("a", 2021, f64::NAN),
        ];
        let p = Panel::new(&obs, 2023);
        assert_eq!(p.values("a"), [(2020, 1.0), (2023, 2.0)].into());
        assert!(p.values("b").is_empty());
    }

    #[test]
    fn observation_serialises_in_lowercase() {
        let o = Observation {
            field: Field::Target,
            sex: Sex::Female,
            area: Area::Rural,
            ..Observation::total("x", 2021, 1.5)
        };
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(
            json,
            r#"{"indicator":"x","year":2021,"sex":"female","area":"rural","field":"target","value":1.5}"#
        );
    }
}
