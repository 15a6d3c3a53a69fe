//! Telling a date or a time typed into a value cell from a number, and how a date cell is shown.

// Reading a number is one rule set; its parts share the parent's types (context, notes, units).
use super::*;

pub(super) fn digits_in(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub(super) fn is_month(s: &str) -> bool {
    digits_in(s, 1, 2).is_some_and(|m| (1..=12).contains(&m))
}

pub(super) fn is_day(s: &str) -> bool {
    digits_in(s, 1, 2).is_some_and(|d| (1..=31).contains(&d))
}

pub(super) fn is_year(s: &str) -> bool {
    digits_in(s, 4, 4).is_some_and(|y| (1900..=2100).contains(&y))
}

/// `2023-05-04`, `2023/5/4`, `2023.5.4`, `2023-05`, `2023/5`, `4/5/2023`, `04.05.2023`.
pub(super) fn is_numeric_date(d: &str) -> bool {
    for sep in ['-', '/', '.'] {
        let parts: Vec<&str> = d.split(sep).collect();
        match parts.as_slice() {
            [y, m, day] if is_year(y) && is_month(m) && is_day(day) => return true,
            [y, m] if sep != '.' && is_year(y) && is_month(m) => return true,
            [a, b, y] if is_year(y) && is_day(a) && is_day(b) && (is_month(a) || is_month(b)) => {
                return true
            }
            _ => {}
        }
    }
    false
}

/// `2023年5月4日`, `2023年5月`, `5月4日`, `5月4号`, `5月` (spaces ignored).
pub(super) fn is_cjk_date(d: &str) -> bool {
    let d = compact(d);
    let rest = match d.split_once('年') {
        Some((y, rest)) => {
            if digits_in(y, 2, 4).is_none() {
                return false;
            }
            rest
        }
        None => d.as_str(),
    };
    let Some((m, rest)) = rest.split_once('月') else {
        return false;
    };
    if !is_month(m) {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    match rest.strip_suffix('日').or_else(|| rest.strip_suffix('号')) {
        Some(day) => is_day(day),
        None => false,
    }
}

/// `10:30`, `10:30:15`.
pub(super) fn is_time(t: &str) -> bool {
    let parts: Vec<&str> = t.split(':').collect();
    let hour = |h: &str| digits_in(h, 1, 2).is_some_and(|h| h <= 23);
    let sixty = |m: &str| m.len() == 2 && digits_in(m, 2, 2).is_some_and(|m| m <= 59);
    match parts.as_slice() {
        [h, m] => hour(h) && sixty(m),
        [h, m, s] => hour(h) && sixty(m) && sixty(s),
        _ => false,
    }
}

pub(super) fn looks_like_date_or_time(t: &str) -> bool {
    if is_time(t) || is_cjk_date(t) {
        return true;
    }
    let (date, time) = match t.split_once([' ', 'T']) {
        Some((d, rest)) => (d, Some(rest.trim())),
        None => (t, None),
    };
    if let Some(time) = time {
        let time = time.split('.').next().unwrap_or(time);
        if !is_time(time) {
            return false;
        }
    }
    is_numeric_date(date)
}

pub(super) fn datetime_text(dt: &ExcelDateTime) -> String {
    let v = dt.as_f64();
    if !v.is_finite() || !(0.0..2_958_466.0).contains(&v) {
        return general(v);
    }
    if dt.is_duration() {
        let secs = (v * 86_400.0).round() as u64;
        return format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if v < 1.0 {
        format!("{h:02}:{mi:02}:{s:02}")
    } else if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}
