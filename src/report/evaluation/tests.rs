//! The workbook's small rules: chart axes and file names.

use super::trends::axis_bounds;
use super::*;

#[test]
fn axis_bounds_show_the_movement_and_respect_the_unit() {
    let (lo, hi) = axis_bounds(77.6, 78.5, (0.0, 125.0));
    assert!(
        lo > 70.0 && lo <= 77.6 && (78.5..80.0).contains(&hi),
        "{lo} {hi}"
    );
    let (lo, hi) = axis_bounds(95.0, 100.0, (0.0, 100.0));
    assert!(hi <= 100.0 && lo < 95.0, "{lo} {hi}");
    assert_eq!(
        axis_bounds(f64::INFINITY, f64::NEG_INFINITY, (0.0, 1.0)),
        (0.0, 1.0)
    );
}

#[test]
fn file_names_follow_the_stage_and_language() {
    assert_eq!(
        file_name(Stage::Midterm, 2023, Lang::Zh),
        "中期评估-2023.xlsx"
    );
    assert_eq!(
        file_name(Stage::Final, 2025, Lang::En),
        "final-evaluation-2025.xlsx"
    );
    assert_eq!(
        review_date_text("2024-03-01T10:05:00+08:00"),
        "2024-03-01 10:05"
    );
}
