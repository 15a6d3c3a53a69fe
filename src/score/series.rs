//! The arithmetic of scoring, on plain yearly series: the straight path, the progress ratio, the
//! least-squares projection, the robust (repeated-median) line and the robust outlier score. Every formula here
//! is stated in docs/METHOD.md.

use std::collections::BTreeMap;

/// Values by year. Years are calendar years; a missing year is simply absent.
pub type Series = BTreeMap<i32, f64>;

/// A value and the year it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct YearValue {
    pub year: i32,
    pub value: f64,
}

/// The latest value of a series.
pub fn latest(s: &Series) -> Option<YearValue> {
    s.iter().next_back().map(|(y, v)| YearValue {
        year: *y,
        value: *v,
    })
}

/// The value of the straight path from `(base_year, base)` to `(final_year, target)` in `year`.
///
/// `final_year` must differ from `base_year`; the catalog guarantees the baseline precedes the final year.
pub fn straight_path(base: f64, target: f64, base_year: i32, final_year: i32, year: i32) -> f64 {
    let span = f64::from(final_year - base_year);
    base + (target - base) * f64::from(year - base_year) / span
}

/// Actual change since the baseline ÷ the change the straight path requires by the same year.
/// `None` when the path requires no change (the year is the baseline year, or the target equals it).
pub fn progress_ratio(
    base: f64,
    actual: f64,
    target: f64,
    base_year: i32,
    final_year: i32,
    year: i32,
) -> Option<f64> {
    let required = straight_path(base, target, base_year, final_year, year) - base;
    if required.abs() < 1e-12 {
        return None;
    }
    Some((actual - base) / required)
}

/// Ordinary least squares of value on year: `(intercept at year 0, slope per year)`. Needs at least two
/// distinct years. Years are centred before fitting so that calendar-year magnitudes cost no precision.
pub fn least_squares(points: &[(i32, f64)]) -> Option<(f64, f64)> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|(x, _)| f64::from(*x)).sum::<f64>() / n;
    let mean_y = points.iter().map(|(_, y)| *y).sum::<f64>() / n;
    let (mut sxx, mut sxy) = (0.0, 0.0);
    for (x, y) in points {
        let dx = f64::from(*x) - mean_x;
        sxx += dx * dx;
        sxy += dx * (y - mean_y);
    }
    if sxx < 1e-12 {
        return None;
    }
    let slope = sxy / sxx;
    Some((mean_y - slope * mean_x, slope))
}

/// The least-squares line through `points`, evaluated at `year`.
pub fn project(points: &[(i32, f64)], year: i32) -> Option<f64> {
    let (intercept, slope) = least_squares(points)?;
    Some(intercept + slope * f64::from(year))
}

/// Siegel's repeated-median line through `points`: the slope is the median over the points of each
/// point's median slope to the others, the intercept (at year 0) the median of `vᵢ − slope·yᵢ`. `None`
/// with fewer than two distinct years.
///
/// A robust line of the Theil–Sen family that stays robust on the handful of years a plan has: with four
/// years and one of them wild, half of the Theil–Sen pairs involve the wild year and its median slope
/// breaks, while every point's own median still ignores it (a breakdown point of 50%).
pub fn repeated_median(points: &[(i32, f64)]) -> Option<(f64, f64)> {
    let own: Vec<f64> = points
        .iter()
        .filter_map(|(xi, yi)| {
            let slopes: Vec<f64> = points
                .iter()
                .filter(|(xj, _)| xj != xi)
                .map(|(xj, yj)| (yj - yi) / f64::from(xj - xi))
                .collect();
            median(&slopes)
        })
        .collect();
    let slope = median(&own)?;
    let intercepts: Vec<f64> = points
        .iter()
        .map(|(x, y)| y - slope * f64::from(*x))
        .collect();
    Some((median(&intercepts)?, slope))
}

/// Change per year between successive available years, each tagged with the later year.
pub fn yearly_changes(s: &Series) -> Vec<(i32, f64)> {
    let pts: Vec<(i32, f64)> = s.iter().map(|(y, v)| (*y, *v)).collect();
    pts.windows(2)
        .map(|w| (w[1].0, (w[1].1 - w[0].1) / f64::from(w[1].0 - w[0].0)))
        .collect()
}

pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

/// A robust outlier score of `x` against `history`, with the centre and spread it used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RobustScore {
    pub z: f64,
    pub median: f64,
    /// The median absolute deviation, or the mean absolute deviation when the MAD is 0.
    pub spread: f64,
    /// Whether the spread is the mean absolute deviation (the MAD was 0).
    pub mean_ad: bool,
}

/// The modified z-score of Iglewicz and Hoaglin as DHIS2 uses it: `0.6745·|x − median| / MAD`.
///
/// When the MAD is 0 (more than half of the history identical), the score falls back to
/// `|x − median| / (1.253314·MeanAD)`, the mean-absolute-deviation form (IBM SPSS Modeler's rule). `None`
/// when the history is empty or has no spread at all.
pub fn modified_z(x: f64, history: &[f64]) -> Option<RobustScore> {
    let m = median(history)?;
    let deviations: Vec<f64> = history.iter().map(|h| (h - m).abs()).collect();
    let mad = median(&deviations)?;
    if mad > 1e-12 {
        return Some(RobustScore {
            z: 0.6745 * (x - m).abs() / mad,
            median: m,
            spread: mad,
            mean_ad: false,
        });
    }
    let mean_ad = deviations.iter().sum::<f64>() / deviations.len() as f64;
    if mean_ad > 1e-12 {
        return Some(RobustScore {
            z: (x - m).abs() / (1.253314 * mean_ad),
            median: m,
            spread: mean_ad,
            mean_ad: true,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_path_runs_from_baseline_to_target() {
        assert_eq!(straight_path(18.0, 12.5, 2020, 2025, 2020), 18.0);
        assert!((straight_path(18.0, 12.5, 2020, 2025, 2023) - 14.7).abs() < 1e-12);
        assert!((straight_path(18.0, 12.5, 2020, 2025, 2025) - 12.5).abs() < 1e-12);
    }

    #[test]
    fn progress_ratio_of_the_worked_example_is_0_91() {
        let pr = progress_ratio(18.0, 15.0, 12.5, 2020, 2025, 2023).unwrap();
        assert!((pr - 3.0 / 3.3).abs() < 1e-12, "{pr}");
        assert_eq!(progress_ratio(18.0, 15.0, 12.5, 2020, 2025, 2020), None);
    }

    #[test]
    fn least_squares_recovers_a_line_and_projects_it() {
        let pts = [(2020, 18.0), (2023, 15.0)];
        let p = project(&pts, 2025).unwrap();
        assert!((p - 13.0).abs() < 1e-9, "{p}");
        let pts = [(2020, 1.0), (2021, 3.0), (2022, 2.0), (2023, 4.0)];
        let (_, slope) = least_squares(&pts).unwrap();
        assert!((slope - 0.8).abs() < 1e-12);
        assert_eq!(least_squares(&[(2020, 1.0)]), None);
        assert_eq!(least_squares(&[(2020, 1.0), (2020, 2.0)]), None);
    }

    #[test]
    fn yearly_changes_are_per_year_across_missing_years() {
        let s: Series = [(2020, 10.0), (2021, 11.0), (2023, 15.0)].into();
        assert_eq!(yearly_changes(&s), vec![(2021, 1.0), (2023, 2.0)]);
    }

    #[test]
    fn modified_z_follows_dhis2_and_falls_back_to_mean_ad() {
        // history 1,2,3,4,5: median 3, MAD 1 → z(10) = 0.6745 · 7 / 1
        let s = modified_z(10.0, &[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert!((s.z - 0.6745 * 7.0).abs() < 1e-12);
        assert!(!s.mean_ad);
        // more than half identical: MAD 0, MeanAD = (0+0+0+2)/4 = 0.5
        let s = modified_z(4.0, &[1.0, 1.0, 1.0, 3.0]).unwrap();
        assert!(s.mean_ad);
        assert!((s.z - 3.0 / (1.253314 * 0.5)).abs() < 1e-9);
        assert_eq!(modified_z(4.0, &[1.0, 1.0, 1.0]), None);
        assert_eq!(modified_z(4.0, &[]), None);
    }

    /// 1236, 1268, 1301, 1335, 1402 (2020–2023, 2025): each point's median slope to the others is
    /// 32.75, 33.25, 33.33, 33.5 and 33.5; their median 33.33 puts 2024 at 1368.33 — where a wild 2046
    /// should have been. With four years of which one is wild (1236, 1268, 1301 and 2046 in 2024) the
    /// slope is still 33.0 and 2023 is expected at 1334.5, while Theil–Sen's median of the six pairwise
    /// slopes (32, 32.5, 33, 202.5, 259.3, 372.5) would be 117.75.
    #[test]
    fn the_repeated_median_line_ignores_one_wild_year() {
        let pts = [
            (2020, 1236.0),
            (2021, 1268.0),
            (2022, 1301.0),
            (2023, 1335.0),
            (2025, 1402.0),
        ];
        let (a, b) = repeated_median(&pts).unwrap();
        assert!((b - 100.0 / 3.0).abs() < 1e-9, "{b}");
        assert!((a + b * 2024.0 - 1_368.333_333).abs() < 1e-3);
        let (a, b) = repeated_median(&[
            (2020, 1236.0),
            (2021, 1268.0),
            (2022, 1301.0),
            (2024, 2046.0),
        ])
        .unwrap();
        assert!((b - 33.0).abs() < 1e-9, "{b}");
        assert!((a + b * 2023.0 - 1334.5).abs() < 1e-6);
        assert_eq!(repeated_median(&[(2020, 1.0)]), None);
    }

    #[test]
    fn median_of_even_and_odd_lengths() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }
}
