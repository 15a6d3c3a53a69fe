//! The precision of reported numbers: how many decimals a value is shown with, so that the number a
//! reader sees is the number that was judged, and how far apart two numbers must be before they differ
//! by more than rounding (docs/METHOD.md §5.3 and §5.4).
//!
//! A reported value is exact to half a unit of its last decimal. A value typed with more decimals than
//! the indicator declares (78.06 for a one-decimal life expectancy) is judged as typed, so it is shown as
//! typed: rounded to 78.1 it would sit on the other side of a "≥ 78.1" target than the verdict says.

/// The most decimals a value is ever shown with: beyond them a value is a formula's floating-point
/// result, not a figure anyone typed.
pub const MAX_SHOWN_DECIMALS: u8 = 6;

/// The fewest decimals at which `v` is exact (up to floating-point noise), at most
/// [`MAX_SHOWN_DECIMALS`]: 78.06 carries 2, 6.699999999999999 (a difference of two one-decimal
/// values) carries 1, 1/3 carries 6.
pub fn carried_decimals(v: f64) -> u8 {
    if !v.is_finite() {
        return 0;
    }
    // Relative noise: a difference of two values near 10,000 carries errors near 1e-12.
    let noise = 1e-9 * v.abs().max(1.0);
    (0..MAX_SHOWN_DECIMALS)
        .find(|d| {
            let f = 10f64.powi(i32::from(*d));
            ((v * f).round() / f - v).abs() <= noise
        })
        .unwrap_or(MAX_SHOWN_DECIMALS)
}

/// The decimals a reported value is shown with: the indicator's `declared` decimals, or more when the
/// value carries more, so that no digit that decided a verdict is rounded away.
pub fn shown_decimals(v: f64, declared: u8) -> u8 {
    declared.max(carried_decimals(v))
}

/// `v` with [`shown_decimals`]; never `-0` (a negative zero after rounding reads as a change that is
/// not there).
pub fn format_shown(v: f64, declared: u8) -> String {
    format_fixed(v, shown_decimals(v, declared))
}

/// `v` with exactly `decimals` decimals, never `-0`.
pub fn format_fixed(v: f64, decimals: u8) -> String {
    let s = format!("{:.*}", usize::from(decimals), v);
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Floating-point noise: 2.86 − 2.71 is 0.15000000000000036, so a comparison at a rounding bound allows
/// this much more.
pub const FLOAT_NOISE: f64 = 1e-9;

/// One unit of the last declared decimal (0.1 for one decimal).
pub fn unit(declared: u8) -> f64 {
    10f64.powi(-i32::from(declared))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 78.06 against "≥ 78.1": one decimal would show 78.1, the value that was judged is 78.06.
    #[test]
    fn a_value_with_more_decimals_than_declared_is_shown_with_them() {
        assert_eq!(carried_decimals(78.06), 2);
        assert_eq!(format_shown(78.06, 1), "78.06");
        assert_eq!(format_shown(78.1, 1), "78.1");
        assert_eq!(format_shown(78.0, 1), "78.0");
        assert_eq!(format_shown(1236.0, 0), "1236");
    }

    /// 11.0 − 4.3 is 6.699999999999999 in floating point: one decimal, not fifteen.
    #[test]
    fn floating_point_noise_is_not_a_decimal() {
        assert_eq!(carried_decimals(11.0 - 4.3), 1);
        assert_eq!(format_shown(11.0 - 4.3, 1), "6.7");
        assert_eq!(carried_decimals(1.0 / 3.0), MAX_SHOWN_DECIMALS);
        assert_eq!(format_fixed(-0.01, 1), "0.0");
        assert_eq!(carried_decimals(f64::NAN), 0);
    }

    #[test]
    fn a_unit_of_the_last_decimal() {
        assert!((unit(2) - 0.01).abs() < 1e-15);
        assert_eq!(unit(0), 1.0);
    }
}
