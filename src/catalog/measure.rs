//! Measurement units of indicators: their symbols and the values each can take.
//!
//! The range is what the unit allows at all (a percentage cannot exceed 100), not what is plausible; the plan
//! checker uses it for target values and intake will use it for reported values.

use serde::Serialize;

/// The unit an indicator is measured in. Keys are what plan files write (`unit = "percent"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureUnit {
    Percent,
    PerMille,
    Per100k,
    YearsOfAge,
    Years,
    Persons,
    Count,
    MinutesPerDay,
}

impl MeasureUnit {
    pub const ALL: &'static [MeasureUnit] = &[
        MeasureUnit::Percent,
        MeasureUnit::PerMille,
        MeasureUnit::Per100k,
        MeasureUnit::YearsOfAge,
        MeasureUnit::Years,
        MeasureUnit::Persons,
        MeasureUnit::Count,
        MeasureUnit::MinutesPerDay,
    ];

    /// The key used in plan files.
    pub fn key(self) -> &'static str {
        match self {
            MeasureUnit::Percent => "percent",
            MeasureUnit::PerMille => "per_mille",
            MeasureUnit::Per100k => "per_100k",
            MeasureUnit::YearsOfAge => "years_of_age",
            MeasureUnit::Years => "years",
            MeasureUnit::Persons => "persons",
            MeasureUnit::Count => "count",
            MeasureUnit::MinutesPerDay => "minutes_per_day",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|u| u.key() == key)
    }

    /// The symbol as Chinese statistical tables print it.
    pub fn symbol_zh(self) -> &'static str {
        match self {
            MeasureUnit::Percent => "%",
            MeasureUnit::PerMille => "‰",
            MeasureUnit::Per100k => "1/10万",
            MeasureUnit::YearsOfAge => "岁",
            MeasureUnit::Years => "年",
            MeasureUnit::Persons => "人",
            MeasureUnit::Count => "个",
            MeasureUnit::MinutesPerDay => "分钟/天",
        }
    }

    pub fn symbol_en(self) -> &'static str {
        match self {
            MeasureUnit::Percent => "%",
            MeasureUnit::PerMille => "‰",
            MeasureUnit::Per100k => "per 100,000",
            MeasureUnit::YearsOfAge => "years",
            MeasureUnit::Years => "years",
            MeasureUnit::Persons => "persons",
            MeasureUnit::Count => "count",
            MeasureUnit::MinutesPerDay => "min/day",
        }
    }

    /// The smallest and largest value the unit admits, both inclusive.
    pub fn range(self) -> (f64, f64) {
        match self {
            MeasureUnit::Percent => (0.0, 100.0),
            MeasureUnit::PerMille => (0.0, 1000.0),
            MeasureUnit::Per100k => (0.0, 100_000.0),
            // Nobody's life expectancy exceeds the oldest recorded human.
            MeasureUnit::YearsOfAge => (0.0, 125.0),
            // Years of schooling and similar durations.
            MeasureUnit::Years => (0.0, 30.0),
            MeasureUnit::Persons | MeasureUnit::Count => (0.0, f64::INFINITY),
            MeasureUnit::MinutesPerDay => (0.0, 1440.0),
        }
    }

    pub fn admits(self, value: f64) -> bool {
        let (lo, hi) = self.range();
        value.is_finite() && value >= lo && value <= hi
    }

    /// How many units make the whole when the indicator is a rate (numerator ÷ denominator × scale).
    pub fn rate_scale(self) -> Option<f64> {
        match self {
            MeasureUnit::Percent => Some(100.0),
            MeasureUnit::PerMille => Some(1000.0),
            MeasureUnit::Per100k => Some(100_000.0),
            _ => None,
        }
    }
}

impl Serialize for MeasureUnit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for u in MeasureUnit::ALL {
            assert_eq!(MeasureUnit::from_key(u.key()), Some(*u));
        }
        assert_eq!(MeasureUnit::from_key("percentage"), None);
    }

    #[test]
    fn percent_range_includes_its_ends_and_rejects_120() {
        assert!(MeasureUnit::Percent.admits(0.0));
        assert!(MeasureUnit::Percent.admits(100.0));
        assert!(!MeasureUnit::Percent.admits(120.0));
        assert!(!MeasureUnit::Percent.admits(-0.1));
        assert!(!MeasureUnit::Persons.admits(f64::NAN));
    }
}
