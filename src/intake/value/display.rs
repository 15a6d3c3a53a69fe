//! Numbers shown as Excel's General format shows them, so that the raw text of a cell is what the
//! department saw.

/// A number as Excel's General format shows it: 15 significant digits at most, shortest form.
pub(super) fn general(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let a = v.abs();
    // Fast path, the common case: the shortest text that reads back as `v` has at most 15 significant
    // digits, so rounding to 15 digits (below) would give the same number and the same text.
    if (1e-9..1e15).contains(&a) {
        let s = format!("{v}");
        let digits = s
            .bytes()
            .filter(u8::is_ascii_digit)
            .skip_while(|d| *d == b'0')
            .count();
        if digits <= 15 {
            return s;
        }
    }
    let r: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    let a = r.abs();
    if (1e-9..1e15).contains(&a) {
        return format!("{r}");
    }
    let s = format!("{r:e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e),
            };
            format!("{m}E{sign}{digits:0>2}")
        }
        None => s,
    }
}
