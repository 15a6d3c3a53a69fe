//! What scoring reads, as plain data independent of how it is stored: observations (one number of one
//! indicator, year and breakdown), the departments' self-assessments of qualitative objectives, and the
//! evaluation group's overrides of them.

use super::series::Series;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The sex breakdown of an observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Total,
    Female,
    Male,
}

/// The urban–rural breakdown of an observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Total,
    Urban,
    Rural,
}

/// What an observation's number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The indicator's value.
    Value,
    /// The year's target supplied with the data (`external` targets: 国家下达的指标).
    Target,
}

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
