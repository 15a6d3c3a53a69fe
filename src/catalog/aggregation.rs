//! How an indicator's values of several areas combine into the value of the area above them (the
//! aggregation key of a plan file), and the coverage a rollup needs before it is shown.
//!
//! The methods follow DHIS2's semantics: counts are summed; a rate is recomputed from the summed
//! numerators and denominators (never an average of the areas' rates); an indicator that cannot be summed
//! (life expectancy, years of schooling) is averaged only with a declared weight (a column of the areas
//! file, e.g. 女性人口), and otherwise not rolled up at all. The rollup itself is `crate::rollup`; the
//! method and its sources are in docs/METHOD.md ("Rollups over areas").

use super::MeasureUnit;
use serde::Serialize;

/// How an indicator rolls up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregationMethod {
    /// 求和: counts and persons.
    Sum,
    /// 分子分母分别求和后重算: rates with numerator and denominator in the data.
    Ratio,
    /// 加权平均: averages weighted by a column of the areas file.
    WeightedMean,
    /// 不汇总: shown per area only.
    None,
}

impl AggregationMethod {
    pub const ALL: [AggregationMethod; 4] = [
        AggregationMethod::Sum,
        AggregationMethod::Ratio,
        AggregationMethod::WeightedMean,
        AggregationMethod::None,
    ];

    /// `sum`, `ratio`, `weighted_mean`, `none` — as plan files write it.
    pub fn key(self) -> &'static str {
        match self {
            AggregationMethod::Sum => "sum",
            AggregationMethod::Ratio => "ratio",
            AggregationMethod::WeightedMean => "weighted_mean",
            AggregationMethod::None => "none",
        }
    }

    pub fn from_key(key: &str) -> Option<AggregationMethod> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            AggregationMethod::Sum => "求和",
            AggregationMethod::Ratio => "分子、分母分别汇总后重算",
            AggregationMethod::WeightedMean => "加权平均",
            AggregationMethod::None => "不汇总",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            AggregationMethod::Sum => "sum",
            AggregationMethod::Ratio => "recomputed from summed numerators and denominators",
            AggregationMethod::WeightedMean => "weighted mean",
            AggregationMethod::None => "not rolled up",
        }
    }

    /// The method an indicator gets when its plan file does not say: counts and persons are summed,
    /// rates with numerator and denominator recomputed, anything else not rolled up.
    pub fn default_for(unit: MeasureUnit, has_rate_parts: bool) -> AggregationMethod {
        match unit {
            MeasureUnit::Persons | MeasureUnit::Count => AggregationMethod::Sum,
            u if u.rate_scale().is_some() && has_rate_parts => AggregationMethod::Ratio,
            _ => AggregationMethod::None,
        }
    }

    /// Whether values of this unit may be added up at all.
    pub fn is_additive(unit: MeasureUnit) -> bool {
        matches!(unit, MeasureUnit::Persons | MeasureUnit::Count)
    }
}

/// An indicator's aggregation over areas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregation {
    pub method: AggregationMethod,
    /// The areas-file column that weighs a mean, and states the coverage by weight (e.g. 女性人口);
    /// `None`: the plan's `[rollup] weight`, else coverage is the share of areas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
    /// Whether the plan file declared it (else it is the default for the unit).
    pub declared: bool,
}

/// When a rollup is shown: the coverage it needs (`[rollup]` of the plan file).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RollupPolicy {
    /// The share of the weight the reporting areas must carry (with a weight), or the share of areas
    /// that must report (without one). 0.9.
    pub min_weight_share: f64,
    /// The share of areas that must report, exclusive ("more than half"). 0.5.
    pub min_area_share: f64,
    /// The coverage weight of indicators that do not name their own (an areas-file column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
}

/// ≥ 90% of the weight (or of the areas, without weights).
pub const DEFAULT_MIN_WEIGHT_SHARE: f64 = 0.9;
/// More than half of the areas.
pub const DEFAULT_MIN_AREA_SHARE: f64 = 0.5;

impl Default for RollupPolicy {
    fn default() -> Self {
        RollupPolicy {
            min_weight_share: DEFAULT_MIN_WEIGHT_SHARE,
            min_area_share: DEFAULT_MIN_AREA_SHARE,
            weight: None,
        }
    }
}
