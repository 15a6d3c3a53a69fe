//! `fluctuation` (波动较大): the years of a series that lie off the trend of the other years.
//!
//! Each year from the baseline on is set against the robust (repeated-median) line through every other
//! reported year. It is a fluctuation when its distance from that line is both unusual — a modified
//! z-score (Iglewicz and Hoaglin) above 3.5 against the other years' own distances from the line — and
//! material — more than 30% of the line's value, the share the short-history rule uses. Testing a year
//! against the *others* is what lets the outlying year be named: a wild 2024 followed by a 2025 back on
//! trend flags 2024, and 2025 — on the line of the others — is not flagged; a steady trend (0.10, 0.08,
//! 0.06, 0.04) lies on its own line and is never flagged, and neither is a step (an election year) or a
//! curve that a straight line fits only roughly. With too few other years for a spread, only the as-of
//! year is tested, by its relative distance from the trend of the earlier years.
//!
//! Rates built on a case or two a year (`small_counts` in the plan) are tested on pooled three-year
//! values instead: one case more or less moves such a rate by its whole level, which no test of single
//! years can tell from a data error. docs/METHOD.md §5.1 has the numbers and the sources.

use super::rule::{Ctx, Num};
use super::series::{self, Series};
use super::status::{Warning, WarningCode};
use super::ScoreConfig;
use crate::catalog::target::fmt_num;

/// The consistency constant of the modified z-score: 0.6745·(x − median)/MAD has the scale of a
/// standard normal z for normal data (Iglewicz and Hoaglin 1993).
const MAD_TO_Z: f64 = 0.6745;

/// How many reported years are pooled into one value of a small-count indicator.
pub(super) const POOLED_YEARS: i32 = 3;

/// A year that lies off the trend of the others.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Outlier {
    pub year: i32,
    pub value: f64,
    /// Where the trend of the other years puts it.
    pub expected: f64,
    /// The modified z-score; `None` when a short series was judged by the relative rule.
    pub z: Option<f64>,
    /// The spread the z-score divided by: the median absolute deviation of the other years' distances
    /// from their line, never less than one unit of the last decimal.
    pub spread: f64,
    /// How many other years the trend was drawn through.
    pub others: usize,
}

/// The outlying years among `points` (year, value), testing the years from `first_tested` on. `unit` is
/// one unit of the series' last decimal (the smallest spread a reported series can show). `short` allows
/// the relative rule for the as-of year when there are too few years for a spread; pooled small counts
/// never use it (it would compare one block of a few cases with the one before).
pub(super) fn outliers(
    points: &[(i32, f64)],
    first_tested: i32,
    as_of: i32,
    unit: f64,
    short: bool,
    cfg: &ScoreConfig,
) -> Vec<Outlier> {
    let mut found = Vec::new();
    for &(year, value) in points.iter().filter(|(y, _)| *y >= first_tested) {
        let others: Vec<(i32, f64)> = points.iter().copied().filter(|(y, _)| *y != year).collect();
        if others.len() >= cfg.fluctuation_min_years {
            let Some((a, b)) = series::repeated_median(&others) else {
                continue;
            };
            let line = |y: i32| a + b * f64::from(y);
            let expected = line(year);
            let distances: Vec<f64> = others.iter().map(|(y, v)| v - line(*y)).collect();
            let Some(centre) = series::median(&distances) else {
                continue;
            };
            let deviations: Vec<f64> = distances.iter().map(|d| (d - centre).abs()).collect();
            // A reported series cannot show a spread below one unit of its last decimal.
            let spread = series::median(&deviations).unwrap_or(0.0).max(unit);
            let z = MAD_TO_Z * ((value - expected) - centre).abs() / spread;
            let material = (value - expected).abs() > cfg.fluctuation_relative * expected.abs();
            if z > cfg.fluctuation_z && material {
                found.push(Outlier {
                    year,
                    value,
                    expected,
                    z: Some(z),
                    spread,
                    others: others.len(),
                });
            }
        } else if short && year == as_of {
            // Too few years for a spread: the newest year against the trend of the earlier ones.
            let earlier: Vec<(i32, f64)> =
                others.iter().copied().filter(|(y, _)| *y < year).collect();
            let expected = match earlier.as_slice() {
                [] => continue,
                [(_, v)] => *v,
                _ => match series::repeated_median(&earlier) {
                    Some((a, b)) => a + b * f64::from(year),
                    None => continue,
                },
            };
            let off = (value - expected).abs();
            let outlying = if expected.abs() > 1e-12 {
                off / expected.abs() > cfg.fluctuation_relative
            } else {
                off > unit / 2.0
            };
            if outlying {
                found.push(Outlier {
                    year,
                    value,
                    expected,
                    z: None,
                    spread: 0.0,
                    others: earlier.len(),
                });
            }
        }
    }
    found
}

/// Non-overlapping pooled values ending in the as-of year (as-of − 2 … as-of, the three years before,
/// …), each the mean of the reported years in it and dated by its last year; a block needs two reported
/// years. The mean of the rates is the pooled rate when the yearly denominators are alike, which is the
/// case for the births of one county.
pub(super) fn pooled(s: &Series, as_of: i32) -> Vec<(i32, f64)> {
    let Some(first) = s.keys().next().copied() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut end = as_of;
    while end >= first {
        let block: Vec<f64> = s
            .range(end - POOLED_YEARS + 1..=end)
            .map(|(_, v)| *v)
            .collect();
        if block.len() >= 2 {
            out.push((end, block.iter().sum::<f64>() / block.len() as f64));
        }
        end -= POOLED_YEARS;
    }
    out.reverse();
    out
}

/// The `fluctuation` warning of a judged series, naming every outlying year; `None` when no year is.
pub(super) fn warning(
    cx: &Ctx,
    s: &Series,
    num: Num,
    what: &str,
    small_counts: bool,
) -> Option<Warning> {
    let points: Vec<(i32, f64)> = if small_counts {
        pooled(s, cx.as_of)
    } else {
        s.iter().map(|(y, v)| (*y, *v)).collect()
    };
    let found = outliers(
        &points,
        cx.base_year(),
        cx.as_of,
        num.unit(),
        !small_counts,
        cx.cfg,
    );
    if found.is_empty() {
        return None;
    }
    let pooled_what = if small_counts {
        format!("三年合并值（截至该年的{POOLED_YEARS}年）")
    } else {
        String::new()
    };
    let parts: Vec<String> = found
        .iter()
        .map(|o| {
            let head = format!(
                "{what}{}年{pooled_what} {}，按其余年份的趋势约为 {}，偏离 {}",
                o.year,
                num.v(o.value),
                num.f(o.expected),
                num.signed(o.value - o.expected)
            );
            match o.z {
                Some(z) => format!(
                    "{head}，修正Z分数 {z:.1} 超过 {}（其余{}个年份偏离趋势的离散度 {}）",
                    fmt_num(cx.cfg.fluctuation_z),
                    o.others,
                    num.f(o.spread)
                ),
                None if o.expected.abs() > 1e-12 => format!(
                    "{head}，为趋势值的 {:.0}%，超过相对阈值 {:.0}%（此前仅{}个年份，不足以计算修正Z分数）",
                    (o.value - o.expected).abs() / o.expected.abs() * 100.0,
                    cx.cfg.fluctuation_relative * 100.0,
                    o.others
                ),
                None => format!("{head}，此前趋势为 0，视为大幅波动"),
            }
        })
        .collect();
    Some(
        Warning::new(WarningCode::Fluctuation, parts.join("；"))
            .about(found.iter().map(|o| o.year)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> ScoreConfig {
        ScoreConfig::default()
    }

    fn years(found: &[Outlier]) -> Vec<i32> {
        found.iter().map(|o| o.year).collect()
    }

    /// Women science and technology professionals 1236, 1268, 1301, 1335, 2046, 1402 (2020–2025).
    /// 2024 against the line of the other five (33.33 a year) is expected at 1368.3: 677.7 off, 50% of
    /// it, and with the others' distances spread by less than one unit (floored at 1),
    /// z = 0.6745 · 677.7 / 1 = 457. 2025 against the line of the others — 2046 among them, which the
    /// repeated median ignores — is expected at 1402.0: on it. Today's year-on-year rule flags 2025 (a
    /// −644 change, z 457 against earlier changes) in the final evaluation, and not 2024.
    #[test]
    fn the_outlying_year_is_flagged_and_the_year_back_on_trend_is_not() {
        let pts = [
            (2020, 1236.0),
            (2021, 1268.0),
            (2022, 1301.0),
            (2023, 1335.0),
            (2024, 2046.0),
            (2025, 1402.0),
        ];
        let found = outliers(&pts, 2020, 2025, 1.0, true, &cfg());
        assert_eq!(years(&found), vec![2024]);
        let o = found[0];
        assert!((o.expected - 1368.33).abs() < 0.01, "{o:?}");
        assert!((o.z.unwrap() - 457.1).abs() < 0.1, "{o:?}");
        assert_eq!(o.others, 5);
        // As of 2024 the wild year is the newest one, and is flagged the same way.
        assert_eq!(
            years(&outliers(&pts[..5], 2020, 2024, 1.0, true, &cfg())),
            vec![2024]
        );
    }

    /// A small rate falling steadily, 0.10, 0.08, 0.06, 0.04: every year lies on the line of the others
    /// (−0.02 a year), so no year is off it. Today's rule flags 2023, whose change −0.02 is 33% of last
    /// year's 0.06, above the 30% relative threshold.
    #[test]
    fn a_steady_decline_of_a_small_rate_is_not_a_fluctuation() {
        let pts = [(2020, 0.10), (2021, 0.08), (2022, 0.06), (2023, 0.04)];
        assert!(outliers(&pts, 2020, 2023, 0.01, true, &cfg()).is_empty());
        // The same decline as of 2022 (too short for a spread): 0.06 is where 0.10, 0.08 lead.
        assert!(outliers(&pts[..3], 2020, 2022, 0.01, true, &cfg()).is_empty());
    }

    /// 50.0, 50.1, 49.9, 50.0 and then 2024: the line of the first four puts 2024 at 49.94. 56.0 is
    /// unusual for so smooth a history (z = 108 with the spread floored at 0.1) but only 12% off the
    /// trend: not material, not a fluctuation. 66.0 is 32% off: a fluctuation.
    #[test]
    fn a_fluctuation_is_unusual_and_material() {
        let mut pts = vec![
            (2020, 50.0),
            (2021, 50.1),
            (2022, 49.9),
            (2023, 50.0),
            (2024, 56.0),
        ];
        assert!(outliers(&pts, 2020, 2024, 0.1, true, &cfg()).is_empty());
        pts[4].1 = 66.0;
        let found = outliers(&pts, 2020, 2024, 0.1, true, &cfg());
        assert_eq!(years(&found), vec![2024]);
        assert!((found[0].expected - 49.94).abs() < 0.01, "{:?}", found[0]);
    }

    /// A volatile count, 100, 130, 95, 125, 90, 128, 100 (2018–2024), then 135 in 2025: 36% above the
    /// line of the others (99.4), but the others swing about it by a MAD of 11.3, so z = 0.6745 · 35.6 /
    /// 11.3 = 2.1 — this series' ordinary swing, not a fluctuation.
    #[test]
    fn a_volatile_series_ordinary_swing_is_not_a_fluctuation() {
        let pts = [
            (2018, 100.0),
            (2019, 130.0),
            (2020, 95.0),
            (2021, 125.0),
            (2022, 90.0),
            (2023, 128.0),
            (2024, 100.0),
            (2025, 135.0),
        ];
        assert!(outliers(&pts, 2020, 2025, 1.0, true, &cfg()).is_empty());
    }

    /// 10.0, 10.5, 14.0 (2020–2022): too few years for a spread; 2022 is tested against the trend of
    /// 10.0 and 10.5 (11.0 in 2022): 3.0 off, 27% of 11.0 — under the 30% threshold. 15.0 is 36% off.
    #[test]
    fn a_short_series_tests_only_its_newest_year_against_the_earlier_trend() {
        let pts = [(2020, 10.0), (2021, 10.5), (2022, 14.0)];
        assert!(outliers(&pts, 2020, 2022, 0.1, true, &cfg()).is_empty());
        let pts = [(2020, 10.0), (2021, 10.5), (2022, 15.0)];
        let found = outliers(&pts, 2020, 2022, 0.1, true, &cfg());
        assert_eq!(years(&found), vec![2022]);
        assert_eq!(found[0].z, None);
        assert!((found[0].expected - 11.0).abs() < 1e-9);
        // A year that is not the newest is never judged on a short series.
        assert!(outliers(&pts, 2020, 2023, 0.1, true, &cfg()).is_empty());
    }

    /// Hepatitis B transmission 1.52, 1.47, 1.39, 0.00, 1.33, 0.00 (one case a year or none): pooled
    /// into 2020–2022 (1.46) and 2023–2025 (0.44), two values — too few to test, so no year is flagged.
    /// Tested year by year, 2023 (0.00 against a trend of 1.38) would be.
    #[test]
    fn small_counts_are_pooled_over_three_years() {
        let s: Series = [
            (2020, 1.52),
            (2021, 1.47),
            (2022, 1.39),
            (2023, 0.0),
            (2024, 1.33),
            (2025, 0.0),
        ]
        .into();
        let p = pooled(&s, 2025);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].0, 2022);
        assert!((p[0].1 - 1.46).abs() < 1e-9);
        assert!((p[1].1 - 1.33 / 3.0).abs() < 1e-9);
        assert!(outliers(&p, 2020, 2025, 0.01, false, &cfg()).is_empty());
        let single: Vec<(i32, f64)> = s.iter().map(|(y, v)| (*y, *v)).collect();
        assert!(years(&outliers(&single, 2020, 2025, 0.01, true, &cfg())).contains(&2023));
        // A block with one reported year is left out.
        let s: Series = [(2018, 1.0), (2021, 1.0), (2023, 1.0), (2024, 2.0)].into();
        assert_eq!(pooled(&s, 2024), vec![(2024, 1.5)]);
    }
}
