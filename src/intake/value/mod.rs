//! Reading one number cell: the rules that turn what a department typed into a value — or into a diagnostic.
//!
//! Departments type numbers the way they would write them in a report: with units, full-width digits from a
//! Chinese input method, thousands separators, "约" in front, "—" for "no data". Every such habit is either
//! read (and recorded in [`Reading::rules`] for provenance), read with a warning, or rejected with a
//! diagnostic that quotes the text and says how to fix it. Nothing is ever guessed: a value that could mean
//! two things (0.95 for 95%?) is rejected, not rescaled.
//!
//! All functions here are pure: no I/O, no printing, and no panic on any input.
//!
//! # Rules, in the order they are tried
//!
//! | # | Rule (code, rule name) | Example | Outcome | Why |
//! |---|---|---|---|---|
//! | 1 | number cell | `95.2` (Int or Float) | `Number(95.2)` | the normal case |
//! | 2 | formula with a saved result (V110, Info) | `=B7/C7*100` saved as 95.2 | `Number(95.2)` + note | the value is what the department saw; the note keeps the provenance |
//! | 3 | formula without a saved result (V105) | `=B7/C7` with no cached value, or one whose result is empty text | `Rejected` | files written by scripts carry formulas nobody calculated; there is no value to read |
//! | 4 | Excel error (V104) | `#DIV/0!`, `#N/A`, also typed as text | `Rejected` | a broken formula is not a value |
//! | 5 | date or time (V106) | a date cell shown `2023-05-04`; text `2023/5/4`, `2023年5月4日`, `5月4日`, `10:30` | `Rejected` | Excel turns some inputs into dates silently; a date is never a figure |
//! | 6 | boolean (V109) | `TRUE`, or the text `FALSE` | `Rejected` | not a number |
//! | 7 | not reported (V108, Info) | `无`, `—`, `——`, `-`, `/`, `不适用`, `暂无`, `N/A` (see `NOT_REPORTED_MARKERS`; matched after trimming and full-width normalisation, latin letters in any case) | `NotReported` + note | "no data" must stay apart from 0; `0` is a number |
//! | 8 | number as text (`number-as-text`) | `"95.2"`, `" 95.2 "`, `"+3"`, `"-1.5"`, `"1e3"`, `".5"` | `Number` | a text-formatted cell still holds the figure typed |
//! | 9 | full-width forms (`full-width`) | `９５．２`, `９５．２％`, `－５`, `＋３`, ideographic space, `１，２３４` | `Number` | Chinese input methods produce U+FF01–U+FF5E and U+3000; they are mapped to ASCII and space |
//! | 10 | Unicode minus (`unicode-minus`) | `−5` (U+2212), `﹣5` (U+FE63) | `Number(-5)` | word processors replace `-` with a typographic minus |
//! | 11 | ideographic full stop as decimal point (`full-stop-decimal`) | `95。2` | `Number(95.2)` | typed with a Chinese keyboard; only a `。` *between two digits* is read as a point, `95。` stays text |
//! | 12 | thousands separators (`thousands-separator`) | `1,234`, `1,234.5`, `12,345,678`, `1，234` | `Number` | the separator must group by three; `1,23` is rejected (V101) because it may be a European decimal comma |
//! | 13 | approximation words (V102, Warning) | `约45%`, `大约45`, `45左右`, `近45`, `约 45 %`, `≈45` | `Number(45)` + warning | the figure is usable but is an estimate; the reviewer should know |
//! | 14 | unit written beside the number (`unit-suffix`, `unit-prefix`, `percent-sign`) | `95%`, `95 %`, `3.2‰`, `12.5/10万`, `12.5/10万人`, `12.5/100000`, `12.5per100k`, `每10万人12.5`, `78.1岁`, `11.6年`, `1234人`, `12个`, `12家`, `120分钟` | `Number` | the unit repeats what the template says; it is stripped when it is the indicator's own |
//! | 15 | 万 multiplier (`wan-multiplier`) | `1.2万人`, `1.2万` for persons or counts | `Number(12000)` | 万 = 10,000 is how Chinese tables write large counts; only for persons and counts |
//! | 16 | wrong unit (V107) | `12.5%` for a per-100,000 rate, `78岁` for a percentage, `95%` for persons, `2小时` for minutes per day, `5万元` | `Rejected` | a different unit means the figure is in another scale; it is never converted |
//! | 17 | fraction for a percentage (V103) | `0.952` for a percentage whose target or last year's value is 95 | `Rejected` | 0.952 may be 95.2% or 0.952%; never rescaled. Applies only to values in (0, 1] without a `%` sign when `expected_magnitude` > 5; `0.95%` (with the sign) is read as 0.95 |
//! | 18 | not finite (V101) | `1e999`, a stored NaN/∞ | `Rejected` | not a usable figure |
//! | 19 | anything else (V101) | `不详`, `见附件`, `12.5 15.0`, `40-50`, `abc`, `1.2.3`, `%`, `约` | `Rejected` | the hint asks for a bare number in the indicator's unit, or `无` with a remark |
//!
//! Negative numbers are read as numbers; whether the unit admits them is a later validation step (R203).
//!
//! A blank cell (empty, or text of only whitespace) is not diagnosed here: [`read_number`] returns
//! `NotReported` *without any note* for it, and whether it was required is the caller's business (R210).
//! A blank cell holding a formula is rule 3.
//!
//! Cells formatted as percentages store the fraction: a department typing `95.2%` into such a cell leaves
//! 0.952 in the file, and calamine does not report the number format, so rule 17 rejects it too — the
//! hint tells the department what to type instead.
//!
//! Display text ([`raw_text`]) follows Excel's General format: at most 15 significant digits in the
//! shortest form (`95.2`, not `95.200000000000003`; `1234`, not `1234.0`), scientific notation
//! (`1.5E+20`) at 1E+15 and above or below 1E-9; dates as `2023-05-04` (`2023-05-04 10:30:00` with a time).
//!
//! Parts: `words` (markers, Excel errors, approximation and unit words), `dates` (a date typed as a
//! value), `display` (General format), `notes` (each problem and rule applied, as a note); this module
//! holds the entry points and the parser.

use crate::catalog::measure::MeasureUnit;
use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::template::layout::NOT_REPORTED_MARKERS;
use calamine::{Data, ExcelDateTime};
use serde::Serialize;

mod dates;
mod display;
mod notes;
#[cfg(test)]
mod tests;
mod words;

use dates::*;
use display::*;
use notes::*;
use words::*;

/// Names of the rules recorded in [`Reading::rules`] when a value is accepted.
pub mod rule {
    /// The cell held text, read as a number.
    pub const NUMBER_AS_TEXT: &str = "number-as-text";
    /// Full-width characters or the ideographic space were mapped to ASCII.
    pub const FULL_WIDTH: &str = "full-width";
    /// A typographic minus (U+2212, U+FE63) was read as `-`.
    pub const UNICODE_MINUS: &str = "unicode-minus";
    /// A `。` between two digits was read as a decimal point.
    pub const FULL_STOP_DECIMAL: &str = "full-stop-decimal";
    /// Thousands separators (grouped by three) were removed.
    pub const THOUSANDS_SEPARATOR: &str = "thousands-separator";
    /// The indicator's unit written after the number was removed.
    pub const UNIT_SUFFIX: &str = "unit-suffix";
    /// The indicator's unit written before the number (每10万人 …) was removed.
    pub const UNIT_PREFIX: &str = "unit-prefix";
    /// The number carried a `%` sign (so it is a percentage, not a fraction).
    pub const PERCENT_SIGN: &str = "percent-sign";
    /// 万 multiplied the number by 10,000.
    pub const WAN_MULTIPLIER: &str = "wan-multiplier";
}

/// What the cell is expected to hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueContext {
    pub unit: MeasureUnit,
    /// a magnitude the value should be near (the target value, last year's value) — used only to recognise 0.95 typed for 95%
    pub expected_magnitude: Option<f64>,
}

impl ValueContext {
    /// A context without an expected magnitude.
    pub fn new(unit: MeasureUnit) -> Self {
        ValueContext {
            unit,
            expected_magnitude: None,
        }
    }
}

/// What the cell amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A finite number (never -0.0).
    Number(f64),
    /// Explicitly marked as not reported (with a V108 note), or blank (without notes).
    NotReported,
    /// Not usable; the reading carries exactly one error note saying why.
    Rejected,
}

/// How a value was read: a warning, an error or a piece of information, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub code: Code,
    /// Chinese, quotes the raw text.
    pub message: String,
    /// Chinese, says how to fix.
    pub hint: String,
    /// The message and hint in English.
    #[serde(skip)]
    pub en: Option<(String, String)>,
}

impl Note {
    /// The severity of the note's code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

/// The result of reading one cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    pub outcome: Outcome,
    /// the cell exactly as typed (strings verbatim; numbers as Excel would show them, e.g. 95.2 not 95.200000001; errors as #DIV/0!)
    pub raw: String,
    /// how the value was read (rules applied; warnings and errors)
    pub notes: Vec<Note>,
    /// rule names applied silently when accepted (e.g. "number-as-text", "unit-suffix", "full-width", "thousands-separator", "percent-sign") for provenance
    pub rules: Vec<&'static str>,
}

impl Reading {
    /// The number, when the cell was accepted.
    pub fn number(&self) -> Option<f64> {
        match self.outcome {
            Outcome::Number(v) => Some(v),
            _ => None,
        }
    }

    /// The notes as diagnostics at `location`, quoting the raw text.
    pub fn diagnostics(&self, location: &Location) -> Vec<Diagnostic> {
        self.notes
            .iter()
            .map(|n| {
                let d = Diagnostic::new(
                    n.code,
                    location.clone(),
                    Some(self.raw.clone()),
                    n.message.clone(),
                    n.hint.clone(),
                );
                match &n.en {
                    Some((m, h)) => d.with_en(m.clone(), h.clone()),
                    None => d,
                }
            })
            .collect()
    }
}

/// Reads a number cell: `cell` is the value (the cached result for a formula), `formula` the formula text
/// if the cell has one. See the module documentation for the rules.
pub fn read_number(cell: &Data, formula: Option<&str>, cx: &ValueContext) -> Reading {
    let raw = raw_text(cell);
    let formula = formula.map(str::trim).filter(|f| !f.is_empty());
    let verdict = match cell {
        _ if is_blank(cell) => match formula {
            Some(f) => Verdict::Rejected(formula_without_result(f, matches!(cell, Data::Empty))),
            None => Verdict::Blank,
        },
        Data::Int(i) => Verdict::Number(Num::plain(*i as f64)),
        Data::Float(f) => Verdict::Number(Num::plain(*f)),
        Data::Bool(_) => Verdict::Rejected(boolean(&raw, cx)),
        Data::Error(_) => Verdict::Rejected(excel_error(&raw, formula, false)),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            Verdict::Rejected(date(&raw, cx))
        }
        Data::String(s) => parse_text(s, &raw, cx),
        // Unreachable: Empty is blank.
        Data::Empty => Verdict::Blank,
    };
    finish(verdict, raw, formula, cx)
}

/// Raw display text of any cell (used also for diagnostics quoting non-number cells).
pub fn raw_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => general(*f),
        Data::Bool(true) => "TRUE".to_string(),
        Data::Bool(false) => "FALSE".to_string(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(dt) => datetime_text(dt),
        Data::DateTimeIso(s) => s
            .strip_suffix("T00:00:00")
            .filter(|d| !d.is_empty())
            .unwrap_or(s)
            .to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// Is the cell empty for intake purposes (Empty, or a string of only whitespace, zero-width characters
/// included). A cell holding a formula should be read with [`read_number`] even when this is true.
pub fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.chars().all(|c| c.is_whitespace() || is_zero_width(c)),
        _ => false,
    }
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────────

/// A number on its way to acceptance.
#[derive(Debug)]
struct Num {
    value: f64,
    /// Written with `%`: a percentage, not a fraction.
    explicit_percent: bool,
    /// The approximation word, if any.
    approx: Option<&'static str>,
    rules: Vec<&'static str>,
}

impl Num {
    fn plain(value: f64) -> Self {
        Num {
            value,
            explicit_percent: false,
            approx: None,
            rules: Vec::new(),
        }
    }
}

#[derive(Debug)]
enum Verdict {
    Blank,
    NotReported,
    Number(Num),
    Rejected(Note),
}

fn finish(verdict: Verdict, raw: String, formula: Option<&str>, cx: &ValueContext) -> Reading {
    let rejected = |raw: String, note: Note| Reading {
        outcome: Outcome::Rejected,
        raw,
        notes: vec![note],
        rules: Vec::new(),
    };
    match verdict {
        Verdict::Blank => Reading {
            outcome: Outcome::NotReported,
            raw,
            notes: Vec::new(),
            rules: Vec::new(),
        },
        Verdict::NotReported => {
            let note = not_reported(&raw);
            Reading {
                outcome: Outcome::NotReported,
                raw,
                notes: vec![note],
                rules: Vec::new(),
            }
        }
        Verdict::Rejected(note) => rejected(raw, note),
        Verdict::Number(n) => {
            if !n.value.is_finite() {
                let note = non_finite(&raw, cx);
                return rejected(raw, note);
            }
            if let Some(m) = fraction_suspected(&n, cx) {
                let note = fraction_for_percent(&raw, n.value, m);
                return rejected(raw, note);
            }
            // Never hand out -0.0.
            let value = if n.value == 0.0 { 0.0 } else { n.value };
            let mut notes = Vec::new();
            if let Some(word) = n.approx {
                notes.push(approximate(&raw, word, value));
            }
            if let Some(f) = formula {
                notes.push(from_formula(f, value));
            }
            Reading {
                outcome: Outcome::Number(value),
                raw,
                notes,
                rules: n.rules,
            }
        }
    }
}

/// The expected magnitude when a percentage looks typed as a fraction.
fn fraction_suspected(n: &Num, cx: &ValueContext) -> Option<f64> {
    if cx.unit != MeasureUnit::Percent || n.explicit_percent {
        return None;
    }
    if !(n.value > 0.0 && n.value <= 1.0) {
        return None;
    }
    cx.expected_magnitude.filter(|m| m.is_finite() && *m > 5.0)
}

fn add_rule(rules: &mut Vec<&'static str>, r: &'static str) {
    if !rules.contains(&r) {
        rules.push(r);
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Full-width → ASCII, ideographic and other spaces → ' ', typographic minus → '-', zero-width characters
/// dropped, `。` between digits → '.', trimmed.
fn normalise(s: &str, rules: &mut Vec<&'static str>) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if (0xFF01..=0xFF5E).contains(&u) {
            match char::from_u32(u - 0xFEE0) {
                Some(a) => out.push(a),
                None => out.push(c),
            }
            add_rule(rules, rule::FULL_WIDTH);
        } else if c == '\u{3000}' {
            out.push(' ');
            add_rule(rules, rule::FULL_WIDTH);
        } else if matches!(c, '\u{2212}' | '\u{FE63}') {
            out.push('-');
            add_rule(rules, rule::UNICODE_MINUS);
        } else if is_zero_width(c) {
        } else if c.is_whitespace() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    if out.contains('。') {
        let chars: Vec<char> = out.chars().collect();
        let mut with_points = String::with_capacity(out.len());
        for (i, &c) in chars.iter().enumerate() {
            let digit_at = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|d| d.is_ascii_digit())
            };
            if c == '。' && digit_at(i.checked_sub(1)) && digit_at(i.checked_add(1)) {
                with_points.push('.');
                add_rule(rules, rule::FULL_STOP_DECIMAL);
            } else {
                with_points.push(c);
            }
        }
        out = with_points;
    }
    out.trim().to_string()
}

enum NumError {
    Invalid,
    BadGrouping,
}

/// Parses `[+-]digits[.digits][e[+-]digits]`, with optional thousands separators grouped by three,
/// multiplied by 10,000 when `wan`.
fn parse_decimal(tok: &str, wan: bool, rules: &mut Vec<&'static str>) -> Result<f64, NumError> {
    let (sign, body) = if let Some(b) = tok.strip_prefix('+') {
        ("", b)
    } else if let Some(b) = tok.strip_prefix('-') {
        ("-", b)
    } else {
        ("", tok)
    };
    let (mant, exp) = match body.find(['e', 'E']) {
        Some(i) => (
            body.get(..i).unwrap_or(""),
            Some(body.get(i + 1..).unwrap_or("")),
        ),
        None => (body, None),
    };
    let mut mant = mant.to_string();
    if mant.contains(',') {
        if exp.is_some() {
            return Err(NumError::Invalid);
        }
        let (int, frac) = match mant.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (mant.as_str(), None),
        };
        let groups: Vec<&str> = int.split(',').collect();
        let all_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
        let grouped = groups.len() >= 2
            && groups.iter().enumerate().all(|(i, g)| {
                all_digits(g)
                    && if i == 0 {
                        (1..=3).contains(&g.len())
                    } else {
                        g.len() == 3
                    }
            })
            && frac.is_none_or(all_digits);
        if !grouped {
            return Err(NumError::BadGrouping);
        }
        mant = mant.replace(',', "");
        add_rule(rules, rule::THOUSANDS_SEPARATOR);
    }
    let digits = mant.bytes().filter(|b| b.is_ascii_digit()).count();
    let points = mant.bytes().filter(|b| *b == b'.').count();
    if digits == 0 || points > 1 || digits + points != mant.len() {
        return Err(NumError::Invalid);
    }
    if mant.starts_with('.') {
        mant.insert(0, '0');
    }
    if mant.ends_with('.') {
        mant.pop();
    }
    let mut exp_val: i64 = 0;
    if let Some(e) = exp {
        let (neg, digits) = match e.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, e.strip_prefix('+').unwrap_or(e)),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumError::Invalid);
        }
        // Far beyond any f64 exponent either way: saturate.
        let magnitude: i64 = if digits.len() > 9 {
            999_999_999
        } else {
            digits.parse().map_err(|_| NumError::Invalid)?
        };
        exp_val = if neg { -magnitude } else { magnitude };
    }
    if wan {
        exp_val += 4;
    }
    format!("{sign}{mant}e{exp_val}")
        .parse::<f64>()
        .map_err(|_| NumError::Invalid)
}

/// Reads text typed into a number cell.
fn parse_text(s: &str, raw: &str, cx: &ValueContext) -> Verdict {
    let mut rules = vec![rule::NUMBER_AS_TEXT];
    let norm = normalise(s, &mut rules);
    let t = norm.as_str();
    if t.is_empty() {
        return Verdict::Blank;
    }
    if is_not_reported_marker(t) {
        return Verdict::NotReported;
    }
    if EXCEL_ERRORS.iter().any(|e| e.eq_ignore_ascii_case(t)) {
        return Verdict::Rejected(excel_error(raw, None, true));
    }
    if t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false") {
        return Verdict::Rejected(boolean(raw, cx));
    }
    if looks_like_date_or_time(t) {
        return Verdict::Rejected(date(raw, cx));
    }

    // Approximation words around everything, then a unit before the number.
    let mut approx = None;
    let mut t = t;
    if let Some((w, rest)) = strip_approx_prefix(t) {
        approx = Some(w);
        t = rest;
    }
    if let Some((w, rest)) = strip_approx_suffix(t) {
        approx = approx.or(Some(w));
        t = rest;
    }
    let mut prefix: Option<&Affix> = None;
    for p in PREFIXES {
        if let Some(rest) = strip_prefix_loose(t, p.text) {
            prefix = Some(p);
            t = rest.trim_start();
            break;
        }
    }
    if approx.is_none() {
        if let Some((w, rest)) = strip_approx_prefix(t) {
            approx = Some(w);
            t = rest;
        }
    }

    // The number, then whatever follows it.
    let end = t
        .char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-' | 'e' | 'E' | ' '))
        })
        .map_or(t.len(), |(i, _)| i);
    let token = t.get(..end).unwrap_or("").trim();
    let suffix_text = t.get(end..).unwrap_or("").trim();
    if !token.bytes().any(|b| b.is_ascii_digit()) {
        return Verdict::Rejected(not_a_number(raw, cx));
    }

    let suffix = if suffix_text.is_empty() {
        None
    } else {
        let key = compact(suffix_text);
        match SUFFIXES.iter().find(|a| a.text == key) {
            Some(a) => Some(a),
            None => return Verdict::Rejected(not_a_number(raw, cx)),
        }
    };
    for (a, shown) in [(prefix, None), (suffix, Some(suffix_text))] {
        let Some(a) = a else { continue };
        if !a.units.contains(&cx.unit) {
            let shown = shown.unwrap_or(a.text);
            return Verdict::Rejected(wrong_unit(raw, shown, cx));
        }
    }
    if prefix.is_some() {
        add_rule(&mut rules, rule::UNIT_PREFIX);
    }
    let wan = suffix.is_some_and(|a| a.wan);
    let explicit_percent = suffix.is_some_and(|a| a.text == "%");
    if let Some(a) = suffix {
        if a.text != "万" {
            add_rule(&mut rules, rule::UNIT_SUFFIX);
        }
    }
    if explicit_percent {
        add_rule(&mut rules, rule::PERCENT_SIGN);
    }
    let value = match parse_decimal(token, wan, &mut rules) {
        Ok(v) => v,
        Err(NumError::Invalid) => return Verdict::Rejected(not_a_number(raw, cx)),
        Err(NumError::BadGrouping) => return Verdict::Rejected(bad_grouping(raw)),
    };
    if wan {
        add_rule(&mut rules, rule::WAN_MULTIPLIER);
    }
    Verdict::Number(Num {
        value,
        explicit_percent,
        approx,
        rules,
    })
}
