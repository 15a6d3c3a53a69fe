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

use crate::catalog::measure::MeasureUnit;
use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::template::layout::NOT_REPORTED_MARKERS;
use calamine::{Data, ExcelDateTime};
use serde::Serialize;

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
}

impl Note {
    fn new(code: Code, message: String, hint: String) -> Self {
        Note {
            code,
            message,
            hint,
        }
    }

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
                Diagnostic::new(
                    n.code,
                    location.clone(),
                    Some(self.raw.clone()),
                    n.message.clone(),
                    n.hint.clone(),
                )
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

fn is_not_reported_marker(t: &str) -> bool {
    NOT_REPORTED_MARKERS.iter().any(|m| {
        let mut ignored = Vec::new();
        normalise(m, &mut ignored).eq_ignore_ascii_case(t)
    })
}

/// Excel's error values, as they display (and as people copy them into text).
const EXCEL_ERRORS: &[&str] = &[
    "#DIV/0!",
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#DATA!",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
];

/// Approximation words before the number, longest first.
const APPROX_PREFIXES: &[&str] = &[
    "大约", "大概", "约为", "约合", "将近", "接近", "约", "近", "≈", "~",
];
/// Approximation words after the number (and after its unit).
const APPROX_SUFFIXES: &[&str] = &["左右", "上下"];

/// A unit written beside the number, and the indicator units it belongs to.
struct Affix {
    /// Compact form: no spaces, latin in lower case.
    text: &'static str,
    /// Empty: a unit none of planeval's indicators use (元, 小时 …).
    units: &'static [MeasureUnit],
    /// 万: × 10,000.
    wan: bool,
}

const fn affix(text: &'static str, units: &'static [MeasureUnit]) -> Affix {
    Affix {
        text,
        units,
        wan: false,
    }
}

const fn wan(text: &'static str, units: &'static [MeasureUnit]) -> Affix {
    Affix {
        text,
        units,
        wan: true,
    }
}

use MeasureUnit as U;
const PCT: &[MeasureUnit] = &[U::Percent];
const PML: &[MeasureUnit] = &[U::PerMille];
const P1E5: &[MeasureUnit] = &[U::Per100k];
const AGE: &[MeasureUnit] = &[U::YearsOfAge];
const YRS: &[MeasureUnit] = &[U::Years];
const PERS: &[MeasureUnit] = &[U::Persons];
const CNT: &[MeasureUnit] = &[U::Count];
const PERS_CNT: &[MeasureUnit] = &[U::Persons, U::Count];
const MIN: &[MeasureUnit] = &[U::MinutesPerDay];
const NONE: &[MeasureUnit] = &[];

/// Units after the number. Matched on the compact form of everything after the number.
const SUFFIXES: &[Affix] = &[
    affix("%", PCT),
    affix("‰", PML),
    affix("/10万", P1E5),
    affix("/10万人", P1E5),
    affix("/10万人口", P1E5),
    affix("/十万", P1E5),
    affix("/十万人", P1E5),
    affix("/十万人口", P1E5),
    affix("/100000", P1E5),
    affix("/100,000", P1E5),
    affix("/100k", P1E5),
    affix("/10^5", P1E5),
    affix("per100k", P1E5),
    affix("per100000", P1E5),
    affix("per100,000", P1E5),
    affix("岁", AGE),
    affix("周岁", AGE),
    affix("年", YRS),
    affix("人", PERS),
    affix("名", PERS),
    affix("位", PERS),
    wan("万人", PERS),
    wan("万", PERS_CNT),
    affix("个", CNT),
    affix("家", CNT),
    affix("所", CNT),
    affix("项", CNT),
    affix("次", CNT),
    affix("人次", CNT),
    // Cases (例), as numerators of health rates are counted: "3例".
    affix("例", PERS_CNT),
    affix("件", CNT),
    affix("处", CNT),
    affix("座", CNT),
    affix("户", CNT),
    affix("间", CNT),
    affix("张", CNT),
    affix("台", CNT),
    affix("支", CNT),
    affix("场", CNT),
    wan("万个", CNT),
    wan("万户", CNT),
    wan("万次", CNT),
    wan("万人次", CNT),
    affix("分钟", MIN),
    affix("分钟/天", MIN),
    affix("分钟/日", MIN),
    affix("分钟每天", MIN),
    affix("分/天", MIN),
    affix("分/日", MIN),
    affix("min", MIN),
    affix("min/d", MIN),
    affix("min/day", MIN),
    affix("分钟/人/天", MIN),
    affix("分钟/人·天", MIN),
    // Units of no planeval indicator: always a wrong unit.
    affix("元", NONE),
    affix("万元", NONE),
    affix("亿元", NONE),
    affix("亿", NONE),
    affix("小时", NONE),
    affix("小时/天", NONE),
    affix("小时/日", NONE),
    affix("h", NONE),
    affix("天", NONE),
    affix("日", NONE),
    affix("月", NONE),
    affix("个月", NONE),
    affix("周", NONE),
    affix("岁以上", NONE),
    affix("公斤", NONE),
    affix("kg", NONE),
    affix("千克", NONE),
    affix("斤", NONE),
    affix("米", NONE),
    affix("公里", NONE),
    affix("km", NONE),
    affix("平方米", NONE),
    affix("㎡", NONE),
    affix("m2", NONE),
    affix("亩", NONE),
    affix("倍", NONE),
    affix("个百分点", NONE),
    affix("百分点", NONE),
    affix("‱", NONE),
];

/// Units before the number, longest first. Matched ignoring spaces.
const PREFIXES: &[Affix] = &[
    affix("每10万人口", P1E5),
    affix("每十万人口", P1E5),
    affix("每10万人", P1E5),
    affix("每十万人", P1E5),
    affix("每10万", P1E5),
    affix("每十万", P1E5),
    affix("¥", NONE),
    affix("￥", NONE),
    affix("$", NONE),
    affix("rmb", NONE),
];

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `t` without the prefix `p` (which has no spaces), ignoring spaces in `t` and the case of latin letters.
fn strip_prefix_loose<'a>(t: &'a str, p: &str) -> Option<&'a str> {
    let mut it = t.char_indices().peekable();
    for pc in p.chars() {
        loop {
            match it.next() {
                None => return None,
                Some((_, ' ')) => continue,
                Some((_, c)) if c.eq_ignore_ascii_case(&pc) => break,
                Some(_) => return None,
            }
        }
    }
    Some(match it.peek() {
        Some((i, _)) => t.get(*i..).unwrap_or(""),
        None => "",
    })
}

fn strip_approx_prefix(t: &str) -> Option<(&'static str, &str)> {
    APPROX_PREFIXES
        .iter()
        .find_map(|w| t.strip_prefix(w).map(|rest| (*w, rest.trim_start())))
}

fn strip_approx_suffix(t: &str) -> Option<(&'static str, &str)> {
    APPROX_SUFFIXES
        .iter()
        .find_map(|w| t.strip_suffix(w).map(|rest| (*w, rest.trim_end())))
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

// ── Dates ───────────────────────────────────────────────────────────────────────────────────────────

fn digits_in(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_month(s: &str) -> bool {
    digits_in(s, 1, 2).is_some_and(|m| (1..=12).contains(&m))
}

fn is_day(s: &str) -> bool {
    digits_in(s, 1, 2).is_some_and(|d| (1..=31).contains(&d))
}

fn is_year(s: &str) -> bool {
    digits_in(s, 4, 4).is_some_and(|y| (1900..=2100).contains(&y))
}

/// `2023-05-04`, `2023/5/4`, `2023.5.4`, `2023-05`, `2023/5`, `4/5/2023`, `04.05.2023`.
fn is_numeric_date(d: &str) -> bool {
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
fn is_cjk_date(d: &str) -> bool {
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
fn is_time(t: &str) -> bool {
    let parts: Vec<&str> = t.split(':').collect();
    let hour = |h: &str| digits_in(h, 1, 2).is_some_and(|h| h <= 23);
    let sixty = |m: &str| m.len() == 2 && digits_in(m, 2, 2).is_some_and(|m| m <= 59);
    match parts.as_slice() {
        [h, m] => hour(h) && sixty(m),
        [h, m, s] => hour(h) && sixty(m) && sixty(s),
        _ => false,
    }
}

fn looks_like_date_or_time(t: &str) -> bool {
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

fn datetime_text(dt: &ExcelDateTime) -> String {
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

// ── Display of numbers ──────────────────────────────────────────────────────────────────────────────

/// A number as Excel's General format shows it: 15 significant digits at most, shortest form.
fn general(v: f64) -> String {
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

// ── Notes ───────────────────────────────────────────────────────────────────────────────────────────

/// The raw text for a message: at most 40 characters.
fn quote(raw: &str) -> String {
    const MAX: usize = 40;
    let mut q: String = raw.chars().take(MAX).collect();
    if raw.chars().nth(MAX).is_some() {
        q.push('…');
    }
    q
}

fn formula_text(f: &str) -> String {
    let f = quote(f);
    if f.starts_with('=') {
        f
    } else {
        format!("={f}")
    }
}

/// An example of a bare value in the unit.
fn example(unit: MeasureUnit) -> &'static str {
    match unit {
        MeasureUnit::Percent => "95.2",
        MeasureUnit::PerMille => "3.2",
        MeasureUnit::Per100k => "12.5",
        MeasureUnit::YearsOfAge => "78.1",
        MeasureUnit::Years => "11.6",
        MeasureUnit::Persons => "1234",
        MeasureUnit::Count => "12",
        MeasureUnit::MinutesPerDay => "120",
    }
}

fn number_hint(cx: &ValueContext) -> String {
    format!(
        "请只填写数值（不带文字），单位为{}，如 {}；如无法提供数据，请填写“无”并在备注中说明原因",
        cx.unit.symbol_zh(),
        example(cx.unit)
    )
}

fn not_a_number(raw: &str, cx: &ValueContext) -> Note {
    Note::new(
        Code::ValueNotANumber,
        format!("“{}”无法识别为数值", quote(raw)),
        number_hint(cx),
    )
}

fn non_finite(raw: &str, cx: &ValueContext) -> Note {
    Note::new(
        Code::ValueNotANumber,
        format!("“{}”超出了可表示的数值范围", quote(raw)),
        number_hint(cx),
    )
}

fn bad_grouping(raw: &str) -> Note {
    Note::new(
        Code::ValueNotANumber,
        format!(
            "“{}”中的逗号不是有效的千分位分隔（应每三位一组）",
            quote(raw)
        ),
        "千分位请写作 1,234 或不加分隔直接填 1234；小数点请用“.”，如 1.23".to_string(),
    )
}

fn wrong_unit(raw: &str, found: &str, cx: &ValueContext) -> Note {
    Note::new(
        Code::ValueWrongUnit,
        format!(
            "“{}”所带单位“{}”与指标计量单位“{}”不符",
            quote(raw),
            quote(found),
            cx.unit.symbol_zh()
        ),
        format!(
            "本指标单位为{}：请按{}换算后只填写数值（不带单位），如 {}",
            cx.unit.symbol_zh(),
            cx.unit.symbol_zh(),
            example(cx.unit)
        ),
    )
}

fn excel_error(raw: &str, formula: Option<&str>, typed: bool) -> Note {
    let message = match (typed, formula) {
        (true, _) => format!("“{}”是 Excel 错误值，不是数值", quote(raw)),
        (false, Some(f)) => format!(
            "公式“{}”的结果是 Excel 错误值 {}",
            formula_text(f),
            quote(raw)
        ),
        (false, None) => format!("单元格是 Excel 错误值 {}", quote(raw)),
    };
    Note::new(
        Code::ValueExcelError,
        message,
        "请检查公式引用的单元格（如除数为 0、引用的单元格已删除或为空），修正后重新计算并保存；或直接填写数值"
            .to_string(),
    )
}

fn formula_without_result(formula: &str, never_calculated: bool) -> Note {
    let message = if never_calculated {
        format!("公式“{}”没有保存计算结果", formula_text(formula))
    } else {
        format!("公式“{}”的计算结果为空", formula_text(formula))
    };
    Note::new(
        Code::ValueFormulaWithoutResult,
        message,
        "请用 Excel 或 WPS 打开文件，重新计算（F9）后保存；或将公式替换为数值（复制 → 选择性粘贴 → 数值）；如无数据请填写“无”"
            .to_string(),
    )
}

fn date(raw: &str, cx: &ValueContext) -> Note {
    Note::new(
        Code::ValueDate,
        format!("“{}”是日期或时间，不是数值", quote(raw)),
        format!(
            "Excel 可能把输入自动识别成了日期：请把单元格格式设为“常规”或“数值”，再重新填写数值（单位为{}，如 {}）",
            cx.unit.symbol_zh(),
            example(cx.unit)
        ),
    )
}

fn boolean(raw: &str, cx: &ValueContext) -> Note {
    Note::new(
        Code::ValueBoolean,
        format!("“{}”是逻辑值，不是数值", quote(raw)),
        number_hint(cx),
    )
}

fn not_reported(raw: &str) -> Note {
    Note::new(
        Code::ValueNotReported,
        format!("“{}”表示未报告，按未报告处理（不等于 0）", quote(raw)),
        "如实际数值为 0，请填写 0；未报告的原因请在备注中说明".to_string(),
    )
}

fn approximate(raw: &str, word: &str, value: f64) -> Note {
    Note::new(
        Code::ValueApproximate,
        format!(
            "“{}”带有估计字样“{}”，已按 {} 读取",
            quote(raw),
            word,
            general(value)
        ),
        "如有确切数值请改填确切数值（不带“约”等字样）；确为估计值请在备注中说明估计方法"
            .to_string(),
    )
}

fn fraction_for_percent(raw: &str, value: f64, expected: f64) -> Note {
    let pct = general(value * 100.0);
    let v = general(value);
    Note::new(
        Code::ValueFractionForPercent,
        format!(
            "“{}”疑似把百分比填成了小数：本指标单位为 %，参考值约为 {}",
            quote(raw),
            general(expected)
        ),
        format!(
            "请填写百分数（不带 % 号）：若为 {pct}%，请填 {pct}；若确为 {v}%，请填写“{v}%”（带 % 号）；若单元格设置了百分比格式，请改为“常规”格式后重新填写"
        ),
    )
}

fn from_formula(formula: &str, value: f64) -> Note {
    Note::new(
        Code::ValueFromFormula,
        format!(
            "数值 {} 取自公式“{}”的计算结果",
            general(value),
            formula_text(formula)
        ),
        "请确认公式引用的单元格正确；报送前可将公式转换为数值".to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_shows_numbers_as_excel_does() {
        // The slow path alone: round to 15 significant digits, then the shortest text.
        let slow = |v: f64| {
            let r: f64 = format!("{v:.14e}").parse().unwrap();
            format!("{r}")
        };
        let tricky = [
            0.1 + 0.2,
            78.1,
            1.0 / 3.0,
            2.675,
            16.8 - 7.0,
            123456789012345.0,
            99999999999999.99,
            0.000123,
            1e-9,
            -45.25,
            1e14 + 0.5,
            0.95199999999999996,
        ];
        for v in tricky {
            assert_eq!(general(v), slow(v), "{v:e}");
        }
        assert_eq!(general(0.1 + 0.2), "0.3");
        assert_eq!(general(1e15), "1E+15");
        assert_eq!(general(0.0), "0");
    }
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn cx(unit: MeasureUnit) -> ValueContext {
        ValueContext::new(unit)
    }

    fn cxm(unit: MeasureUnit, m: f64) -> ValueContext {
        ValueContext {
            unit,
            expected_magnitude: Some(m),
        }
    }

    fn text(s: &str, c: &ValueContext) -> Reading {
        read_number(&Data::String(s.to_string()), None, c)
    }

    fn codes(r: &Reading) -> Vec<Code> {
        r.notes.iter().map(|n| n.code).collect()
    }

    /// Every reading obeys the same shape, whatever the input.
    fn check_invariants(r: &Reading) {
        match r.outcome {
            Outcome::Number(v) => {
                assert!(v.is_finite(), "{r:?}");
                assert!(!(v == 0.0 && v.is_sign_negative()), "{r:?}");
                assert!(
                    r.notes.iter().all(|n| n.severity() != Severity::Error),
                    "{r:?}"
                );
            }
            Outcome::NotReported => {
                assert!(r.rules.is_empty(), "{r:?}");
                assert!(
                    r.notes.iter().all(|n| n.code == Code::ValueNotReported),
                    "{r:?}"
                );
            }
            Outcome::Rejected => {
                assert_eq!(r.notes.len(), 1, "{r:?}");
                assert_eq!(r.notes[0].severity(), Severity::Error, "{r:?}");
                assert!(r.rules.is_empty(), "{r:?}");
            }
        }
        for n in &r.notes {
            assert!(!n.message.is_empty() && !n.hint.is_empty(), "{r:?}");
        }
    }

    fn assert_number(s: &str, c: &ValueContext, want: f64, rules: &[&str]) {
        let r = text(s, c);
        check_invariants(&r);
        assert_eq!(r.outcome, Outcome::Number(want), "{s:?} → {r:?}");
        assert_eq!(r.raw, s);
        for rule in rules {
            assert!(
                r.rules.contains(rule),
                "{s:?}: rule {rule} missing in {:?}",
                r.rules
            );
        }
    }

    fn assert_rejected(s: &str, c: &ValueContext, code: Code) -> Reading {
        let r = text(s, c);
        check_invariants(&r);
        assert_eq!(r.outcome, Outcome::Rejected, "{s:?} → {r:?}");
        assert_eq!(codes(&r), vec![code], "{s:?} → {r:?}");
        r
    }

    // ── number cells ──

    #[test]
    fn number_cells_are_numbers_without_notes() {
        let c = cx(U::Percent);
        for (cell, want, raw) in [
            (Data::Int(95), 95.0, "95"),
            (Data::Int(0), 0.0, "0"),
            (Data::Int(-3), -3.0, "-3"),
            (Data::Float(95.2), 95.2, "95.2"),
            (Data::Float(1234.0), 1234.0, "1234"),
            (Data::Float(-0.0), 0.0, "0"),
        ] {
            let r = read_number(&cell, None, &c);
            check_invariants(&r);
            assert_eq!(r.outcome, Outcome::Number(want), "{cell:?}");
            assert_eq!(r.raw, raw);
            assert!(r.notes.is_empty() && r.rules.is_empty(), "{r:?}");
        }
    }

    #[test]
    fn raw_text_of_numbers_is_what_excel_shows() {
        for (v, want) in [
            (95.2, "95.2"),
            (0.1 + 0.2, "0.3"),
            (1234.0, "1234"),
            (12345678.0, "12345678"),
            (-1.5, "-1.5"),
            (0.0, "0"),
            (1e20, "1E+20"),
            (1.5e20, "1.5E+20"),
            (1e-10, "1E-10"),
            (0.001, "0.001"),
            (95.200000001, "95.200000001"),
        ] {
            assert_eq!(raw_text(&Data::Float(v)), want, "{v}");
        }
        // As stored in the XML of a workbook.
        let stored: f64 = "95.200000000000003".parse().unwrap();
        assert_eq!(raw_text(&Data::Float(stored)), "95.2");
        assert_eq!(raw_text(&Data::Int(-42)), "-42");
        assert_eq!(raw_text(&Data::Empty), "");
        assert_eq!(raw_text(&Data::Bool(true)), "TRUE");
        assert_eq!(raw_text(&Data::Bool(false)), "FALSE");
        assert_eq!(raw_text(&Data::String(" 95.2 ".into())), " 95.2 ");
    }

    // ── formulas ──

    #[test]
    fn formula_with_cached_number_is_a_number_with_an_info_note() {
        let r = read_number(&Data::Float(95.2), Some("B7/C7*100"), &cx(U::Percent));
        check_invariants(&r);
        assert_eq!(r.outcome, Outcome::Number(95.2));
        assert_eq!(codes(&r), vec![Code::ValueFromFormula]);
        assert!(r.notes[0].message.contains("=B7/C7*100"), "{r:?}");
        assert!(r.notes[0].message.contains("95.2"), "{r:?}");
        // A blank formula is no formula.
        let r = read_number(&Data::Float(95.2), Some("  "), &cx(U::Percent));
        assert!(r.notes.is_empty());
        // A formula's text result goes through the text rules.
        let r = read_number(
            &Data::String("95.2%".into()),
            Some("=TEXT(A1,\"0.0%\")"),
            &cx(U::Percent),
        );
        check_invariants(&r);
        assert_eq!(r.outcome, Outcome::Number(95.2));
        assert_eq!(codes(&r), vec![Code::ValueFromFormula]);
        assert!(r.rules.contains(&rule::PERCENT_SIGN));
    }

    #[test]
    fn formula_without_result_is_rejected() {
        let c = cx(U::Persons);
        for cell in [
            Data::Empty,
            Data::String(String::new()),
            Data::String("  ".into()),
        ] {
            let r = read_number(&cell, Some("SUM(B2:B9)"), &c);
            check_invariants(&r);
            assert_eq!(r.outcome, Outcome::Rejected, "{cell:?}");
            assert_eq!(codes(&r), vec![Code::ValueFormulaWithoutResult]);
            assert!(r.notes[0].message.contains("=SUM(B2:B9)"), "{r:?}");
        }
    }

    #[test]
    fn formula_results_that_are_not_numbers_keep_their_own_code() {
        let c = cx(U::Percent);
        let r = read_number(&Data::Error(CellErrorType::Div0), Some("B7/C7"), &c);
        check_invariants(&r);
        assert_eq!(codes(&r), vec![Code::ValueExcelError]);
        assert_eq!(r.raw, "#DIV/0!");
        assert!(r.notes[0].message.contains("=B7/C7") && r.notes[0].message.contains("#DIV/0!"));
        let r = read_number(&Data::Bool(true), Some("A1>0"), &c);
        assert_eq!(codes(&r), vec![Code::ValueBoolean]);
        // A fraction computed by a formula is still a fraction.
        let r = read_number(&Data::Float(0.952), Some("B7/C7"), &cxm(U::Percent, 95.0));
        check_invariants(&r);
        assert_eq!(codes(&r), vec![Code::ValueFractionForPercent]);
    }

    // ── text ──

    #[test]
    fn numbers_stored_as_text() {
        let c = cx(U::Count);
        for (s, want) in [
            ("95.2", 95.2),
            (" 95.2 ", 95.2),
            ("\t95.2\n", 95.2),
            ("+3", 3.0),
            ("-1.5", -1.5),
            ("1e3", 1000.0),
            ("1E-2", 0.01),
            ("1.5e+2", 150.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("007", 7.0),
            ("0", 0.0),
            ("-0", 0.0),
            ("95.20", 95.2),
        ] {
            assert_number(s, &c, want, &[rule::NUMBER_AS_TEXT]);
        }
    }

    #[test]
    fn full_width_forms_are_normalised() {
        let c = cx(U::Percent);
        for (s, want) in [
            ("９５．２", 95.2),
            ("９５．２％", 95.2),
            ("－５", -5.0),
            ("＋３", 3.0),
            ("\u{3000}95.2\u{3000}", 95.2),
            ("95.2\u{3000}%", 95.2),
        ] {
            assert_number(s, &c, want, &[rule::NUMBER_AS_TEXT, rule::FULL_WIDTH]);
        }
        assert_number(
            "１，２３４",
            &cx(U::Persons),
            1234.0,
            &[rule::FULL_WIDTH, rule::THOUSANDS_SEPARATOR],
        );
        // No full-width rule when there was nothing full-width.
        assert!(!text("95.2", &c).rules.contains(&rule::FULL_WIDTH));
        // Zero-width characters and non-breaking spaces are dropped.
        assert_number("\u{FEFF}95.2\u{00A0}", &c, 95.2, &[]);
    }

    #[test]
    fn unicode_minus_is_normalised() {
        let c = cx(U::Count);
        assert_number("−5", &c, -5.0, &[rule::UNICODE_MINUS]);
        assert_number("﹣5.5", &c, -5.5, &[rule::UNICODE_MINUS]);
        assert_number("-5", &c, -5.0, &[rule::NUMBER_AS_TEXT]);
        assert_eq!(
            read_number(&Data::Float(-5.0), None, &c).outcome,
            Outcome::Number(-5.0)
        );
    }

    #[test]
    fn ideographic_full_stop_only_between_digits() {
        let c = cx(U::Percent);
        assert_number("95。2", &c, 95.2, &[rule::FULL_STOP_DECIMAL]);
        assert_number(
            "９５。２％",
            &c,
            95.2,
            &[rule::FULL_STOP_DECIMAL, rule::FULL_WIDTH],
        );
        for s in ["95。", "。5", "9。5。2"] {
            assert_rejected(s, &c, Code::ValueNotANumber);
        }
    }

    #[test]
    fn thousands_separators() {
        let c = cx(U::Persons);
        for (s, want) in [
            ("1,234", 1234.0),
            ("1,234.5", 1234.5),
            ("12,345,678", 12_345_678.0),
            ("-1,234", -1234.0),
            ("1，234", 1234.0),
            ("1,234人", 1234.0),
        ] {
            assert_number(s, &c, want, &[rule::THOUSANDS_SEPARATOR]);
        }
        for s in [
            "1,23",
            "1,2345",
            ",123",
            "1,234,5",
            "1234,567",
            "1,234.5,6",
            "1，23",
            "1,,234",
            "1,234e3",
        ] {
            let r = text(s, &c);
            check_invariants(&r);
            assert_eq!(codes(&r), vec![Code::ValueNotANumber], "{s}");
        }
        let r = assert_rejected("1,23", &c, Code::ValueNotANumber);
        assert!(r.notes[0].hint.contains("1,234"), "{r:?}");
        assert!(r.notes[0].message.contains("“1,23”"), "{r:?}");
    }

    #[test]
    fn units_of_the_indicator_are_stripped() {
        let table: &[(MeasureUnit, &str, f64)] = &[
            (U::Percent, "95%", 95.0),
            (U::Percent, "95 %", 95.0),
            (U::Percent, "95％", 95.0),
            (U::Percent, "95.2 %", 95.2),
            (U::Percent, "0%", 0.0),
            (U::Percent, "100%", 100.0),
            (U::PerMille, "3.2‰", 3.2),
            (U::Per100k, "12.5/10万", 12.5),
            (U::Per100k, "12.5/10万人", 12.5),
            (U::Per100k, "12.5/100000", 12.5),
            (U::Per100k, "12.5 /10 万", 12.5),
            (U::Per100k, "12.5per100k", 12.5),
            (U::Per100k, "12.5 Per 100k", 12.5),
            (U::Per100k, "12.5／10万", 12.5),
            (U::YearsOfAge, "78.1岁", 78.1),
            (U::YearsOfAge, "78.1 周岁", 78.1),
            (U::Years, "11.6年", 11.6),
            (U::Persons, "1234人", 1234.0),
            (U::Persons, "1,234人", 1234.0),
            (U::Persons, "1234名", 1234.0),
            (U::Count, "12个", 12.0),
            (U::Count, "12家", 12.0),
            (U::Count, "3所", 3.0),
            (U::MinutesPerDay, "120分钟", 120.0),
            (U::MinutesPerDay, "120 分钟/天", 120.0),
            (U::MinutesPerDay, "120min", 120.0),
        ];
        for (unit, s, want) in table {
            assert_number(s, &cx(*unit), *want, &[rule::UNIT_SUFFIX]);
        }
        assert_number("95%", &cx(U::Percent), 95.0, &[rule::PERCENT_SIGN]);
        assert_number("每10万人 12.5", &cx(U::Per100k), 12.5, &[rule::UNIT_PREFIX]);
        assert_number(
            "每十万人口12.5",
            &cx(U::Per100k),
            12.5,
            &[rule::UNIT_PREFIX],
        );
    }

    #[test]
    fn wan_multiplies_persons_and_counts() {
        for (unit, s, want) in [
            (U::Persons, "1.2万人", 12_000.0),
            (U::Persons, "1.2万", 12_000.0),
            (U::Persons, "0.0003万人", 3.0),
            (U::Count, "2.5万", 25_000.0),
            (U::Count, "1.2万户", 12_000.0),
        ] {
            assert_number(s, &cx(unit), want, &[rule::WAN_MULTIPLIER]);
        }
        assert_rejected("1.2万", &cx(U::Percent), Code::ValueWrongUnit);
        assert_rejected("1.2万人", &cx(U::Count), Code::ValueWrongUnit);
    }

    #[test]
    fn units_of_other_indicators_are_rejected() {
        for (unit, s) in [
            (U::Per100k, "12.5%"),
            (U::Percent, "78岁"),
            (U::Persons, "95%"),
            (U::Percent, "3.2‰"),
            (U::PerMille, "3.2%"),
            (U::YearsOfAge, "78.1年"),
            (U::Years, "11.6岁"),
            (U::Count, "12人"),
            (U::Persons, "12个"),
            (U::MinutesPerDay, "2小时"),
            (U::Percent, "5万元"),
            (U::Percent, "3个百分点"),
            (U::Percent, "每10万人12.5"),
            (U::Persons, "¥12"),
            (U::Percent, "约12.5/10万"),
        ] {
            let r = assert_rejected(s, &cx(unit), Code::ValueWrongUnit);
            assert!(r.notes[0].hint.contains(unit.symbol_zh()), "{s}: {r:?}");
            assert!(r.notes[0].message.contains(&format!("“{s}”")), "{s}: {r:?}");
        }
    }

    #[test]
    fn approximation_words_are_read_with_a_warning() {
        let c = cx(U::Percent);
        for (s, word) in [
            ("约45%", "约"),
            ("大约45", "大约"),
            ("45左右", "左右"),
            ("近45", "近"),
            ("约 45 %", "约"),
            ("45%左右", "左右"),
            ("约45左右", "约"),
            ("≈45", "≈"),
            ("～45", "~"),
        ] {
            let r = text(s, &c);
            check_invariants(&r);
            assert_eq!(r.outcome, Outcome::Number(45.0), "{s}");
            assert_eq!(codes(&r), vec![Code::ValueApproximate], "{s}");
            assert_eq!(r.notes[0].severity(), Severity::Warning);
            assert!(r.notes[0].message.contains(&format!("“{s}”")), "{r:?}");
            assert!(r.notes[0].message.contains(word), "{r:?}");
        }
        assert_rejected("约", &c, Code::ValueNotANumber);
        assert_rejected("左右", &c, Code::ValueNotANumber);
        assert_number(
            "约1.2万人",
            &cx(U::Persons),
            12_000.0,
            &[rule::WAN_MULTIPLIER],
        );
    }

    #[test]
    fn fractions_for_percentages_are_rejected_only_when_the_scale_says_so() {
        let expect95 = cxm(U::Percent, 95.0);
        for cell in [
            Data::Float(0.952),
            Data::Float(1.0),
            Data::Int(1),
            Data::String("0.952".into()),
            Data::String("约0.95".into()),
        ] {
            let r = read_number(&cell, None, &expect95);
            check_invariants(&r);
            assert_eq!(codes(&r), vec![Code::ValueFractionForPercent], "{cell:?}");
        }
        let r = read_number(&Data::Float(0.952), None, &expect95);
        assert!(r.notes[0].hint.contains("若为 95.2%，请填 95.2"), "{r:?}");
        assert!(r.notes[0].message.contains("“0.952”"), "{r:?}");
        // Accepted: explicit % sign, no expectation, small expectation, 0, above 1, other units.
        for (cell, c, want) in [
            (Data::String("0.95%".into()), expect95, 0.95),
            (Data::Float(0.952), cx(U::Percent), 0.952),
            (Data::Float(0.952), cxm(U::Percent, 5.0), 0.952),
            (Data::Float(0.952), cxm(U::Percent, 1.2), 0.952),
            (Data::Float(0.952), cxm(U::Percent, f64::NAN), 0.952),
            (Data::Int(0), expect95, 0.0),
            (Data::Float(1.5), expect95, 1.5),
            (Data::Float(-0.5), expect95, -0.5),
            (Data::Float(0.952), cxm(U::PerMille, 95.0), 0.952),
        ] {
            let r = read_number(&cell, None, &c);
            check_invariants(&r);
            assert_eq!(r.outcome, Outcome::Number(want), "{cell:?} {c:?}");
        }
    }

    #[test]
    fn excel_errors_are_rejected() {
        let c = cx(U::Percent);
        for (e, shown) in [
            (CellErrorType::Div0, "#DIV/0!"),
            (CellErrorType::NA, "#N/A"),
            (CellErrorType::Value, "#VALUE!"),
            (CellErrorType::Ref, "#REF!"),
            (CellErrorType::Name, "#NAME?"),
            (CellErrorType::Num, "#NUM!"),
            (CellErrorType::Null, "#NULL!"),
            (CellErrorType::GettingData, "#DATA!"),
        ] {
            let r = read_number(&Data::Error(e), None, &c);
            check_invariants(&r);
            assert_eq!(codes(&r), vec![Code::ValueExcelError]);
            assert_eq!(r.raw, shown);
            assert!(r.notes[0].message.contains(shown));
            assert!(r.notes[0].hint.contains("公式"));
            // Typed (or pasted) as text.
            let r = assert_rejected(shown, &c, Code::ValueExcelError);
            assert!(r.notes[0].message.contains(shown));
        }
        assert_rejected(" #div/0! ", &c, Code::ValueExcelError);
    }

    #[test]
    fn dates_are_rejected() {
        let c = cx(U::Percent);
        // 45050 is 2023-05-04 in the 1900 system.
        for (dt, shown) in [
            (
                ExcelDateTime::new(45050.0, ExcelDateTimeType::DateTime, false),
                "2023-05-04",
            ),
            (
                ExcelDateTime::new(45050.5, ExcelDateTimeType::DateTime, false),
                "2023-05-04 12:00:00",
            ),
            (
                ExcelDateTime::new(0.4375, ExcelDateTimeType::DateTime, false),
                "10:30:00",
            ),
            (
                ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false),
                "36:00:00",
            ),
            (
                ExcelDateTime::new(f64::NAN, ExcelDateTimeType::DateTime, false),
                "NaN",
            ),
            (
                ExcelDateTime::new(-3.0, ExcelDateTimeType::DateTime, false),
                "-3",
            ),
            (
                ExcelDateTime::new(1e300, ExcelDateTimeType::DateTime, false),
                "1E+300",
            ),
        ] {
            let r = read_number(&Data::DateTime(dt), None, &c);
            check_invariants(&r);
            assert_eq!(codes(&r), vec![Code::ValueDate]);
            assert_eq!(r.raw, shown);
        }
        for (cell, shown) in [
            (
                Data::DateTimeIso("2023-05-04T00:00:00".into()),
                "2023-05-04",
            ),
            (
                Data::DateTimeIso("2023-05-04T10:30:00".into()),
                "2023-05-04T10:30:00",
            ),
            (Data::DurationIso("PT1H".into()), "PT1H"),
        ] {
            let r = read_number(&cell, None, &c);
            check_invariants(&r);
            assert_eq!(codes(&r), vec![Code::ValueDate]);
            assert_eq!(r.raw, shown);
        }
        for s in [
            "2023-05-04",
            "2023/5/4",
            "2023.5.4",
            "2023-05",
            "2023年5月4日",
            "2023年5月",
            "2023 年 5 月 4 日",
            "5月4日",
            "5月4号",
            "２０２３年５月４日",
            "4/5/2023",
            "2023-05-04 10:30",
            "2023-05-04T10:30:00",
            "10:30",
            "10:30:15",
        ] {
            let r = assert_rejected(s, &c, Code::ValueDate);
            assert!(r.notes[0].message.contains(&format!("“{s}”")));
        }
        // Not dates: numbers that merely resemble one.
        assert_number("2023.5", &cx(U::Count), 2023.5, &[]);
        assert_number("2023年", &cx(U::Years), 2023.0, &[rule::UNIT_SUFFIX]);
        assert_rejected("1.2.3", &c, Code::ValueNotANumber);
    }

    #[test]
    fn not_reported_markers_are_not_zero() {
        let c = cx(U::Percent);
        for m in NOT_REPORTED_MARKERS {
            for s in [m.to_string(), format!("  {m} "), format!("\u{3000}{m}")] {
                let r = text(&s, &c);
                check_invariants(&r);
                assert_eq!(r.outcome, Outcome::NotReported, "{s:?}");
                assert_eq!(codes(&r), vec![Code::ValueNotReported], "{s:?}");
                assert_eq!(r.notes[0].severity(), Severity::Info);
                assert!(r.notes[0].message.contains(&format!("“{s}”")));
            }
        }
        for s in ["n/a", "N/a", "Ｎ／Ａ", "−"] {
            assert_eq!(text(s, &c).outcome, Outcome::NotReported, "{s}");
        }
        assert_eq!(text("0", &c).outcome, Outcome::Number(0.0));
        assert_eq!(text("０", &c).outcome, Outcome::Number(0.0));
    }

    #[test]
    fn booleans_are_rejected() {
        let c = cx(U::Count);
        for cell in [
            Data::Bool(true),
            Data::Bool(false),
            Data::String("TRUE".into()),
            Data::String("false".into()),
        ] {
            let r = read_number(&cell, None, &c);
            check_invariants(&r);
            assert_eq!(codes(&r), vec![Code::ValueBoolean], "{cell:?}");
        }
    }

    #[test]
    fn anything_else_is_not_a_number() {
        let c = cx(U::Percent);
        for s in [
            "不详",
            "见附件",
            "见附件3",
            "12.5 15.0",
            "40-50",
            "40~50",
            "abc",
            "1.2.3",
            "%",
            "％",
            "约",
            "+",
            ".",
            "e5",
            "1e",
            "1e+",
            "--5",
            "- 5",
            "inf",
            "NaN",
            "infinity",
            "0x1A",
            "95%%",
            "百分之九十五",
            "95（估计）",
            "(5)",
            ">95",
            "95.2 abc",
            "1/2",
        ] {
            let r = assert_rejected(s, &c, Code::ValueNotANumber);
            let n = &r.notes[0];
            assert!(n.message.contains(&format!("“{s}”")), "{s}: {n:?}");
            assert!(
                n.hint.contains("单位为%") && n.hint.contains("“无”"),
                "{s}: {n:?}"
            );
        }
    }

    #[test]
    fn non_finite_values_are_rejected() {
        let c = cx(U::Count);
        for cell in [
            Data::Float(f64::INFINITY),
            Data::Float(f64::NEG_INFINITY),
            Data::Float(f64::NAN),
            Data::String("1e999".into()),
            Data::String("-1e999".into()),
            Data::String("1e99999999999999999999".into()),
            Data::String("1e400万".into()),
        ] {
            let r = read_number(&cell, None, &c);
            check_invariants(&r);
            assert_eq!(codes(&r), vec![Code::ValueNotANumber], "{cell:?}");
        }
        // Tiny exponents underflow to zero, which is finite.
        assert_number("1e-99999999999", &c, 0.0, &[]);
    }

    #[test]
    fn blanks() {
        for (cell, blank) in [
            (Data::Empty, true),
            (Data::String(String::new()), true),
            (Data::String("   ".into()), true),
            (Data::String("\u{3000}\t\n".into()), true),
            (Data::String("\u{200B}".into()), true),
            (Data::String("0".into()), false),
            (Data::String("无".into()), false),
            (Data::Int(0), false),
            (Data::Float(0.0), false),
            (Data::Bool(false), false),
            (Data::Error(CellErrorType::NA), false),
        ] {
            assert_eq!(is_blank(&cell), blank, "{cell:?}");
        }
        // A blank cell without a formula is not diagnosed here.
        for cell in [Data::Empty, Data::String(" ".into())] {
            let r = read_number(&cell, None, &cx(U::Percent));
            check_invariants(&r);
            assert_eq!(r.outcome, Outcome::NotReported);
            assert!(r.notes.is_empty());
        }
    }

    #[test]
    fn long_and_odd_inputs_do_not_blow_up() {
        let c = cxm(U::Percent, 95.0);
        let long_digits = "9".repeat(10_000);
        let long_text = "约".repeat(10_000);
        let long_mixed = "1,".repeat(5_000);
        let long_dates = "2023-05-04 ".repeat(1_000);
        let long_full = "９".repeat(10_000);
        for s in [
            &long_digits,
            &long_text,
            &long_mixed,
            &long_dates,
            &long_full,
        ] {
            let r = text(s, &c);
            check_invariants(&r);
            assert_eq!(r.raw, *s);
            for n in &r.notes {
                assert!(n.message.chars().count() < 200, "message not truncated");
            }
        }
        // 10,000 nines is beyond f64.
        assert_eq!(codes(&text(&long_digits, &c)), vec![Code::ValueNotANumber]);
    }

    #[test]
    fn no_input_breaks_the_invariants() {
        // Every string of up to three characters over an alphabet of the troublesome ones.
        let alphabet = [
            "", "0", "1", "9", ".", ",", "-", "+", "e", "%", "％", "万", "人", "约", "左右", "。",
            "/", " ", "\u{3000}", "：", ":", "年", "月", "日", "−", "—", "无", "#", "‰", "１",
        ];
        for unit in MeasureUnit::ALL {
            let c = cxm(*unit, 95.0);
            for a in alphabet {
                for b in alphabet {
                    for d in alphabet {
                        let s = format!("{a}{b}{d}");
                        let r = text(&s, &c);
                        check_invariants(&r);
                        assert_eq!(r.raw, s);
                    }
                }
            }
        }
    }

    #[test]
    fn every_value_code_is_reachable() {
        let c = cxm(U::Percent, 95.0);
        let mut seen = std::collections::HashSet::new();
        let cases: Vec<(Data, Option<&str>)> = vec![
            (Data::String("abc".into()), None),
            (Data::String("约45".into()), None),
            (Data::Float(0.9), None),
            (Data::Error(CellErrorType::Ref), None),
            (Data::Empty, Some("A1")),
            (Data::String("2023-05-04".into()), None),
            (Data::String("45岁".into()), None),
            (Data::String("无".into()), None),
            (Data::Bool(true), None),
            (Data::Float(45.0), Some("A1")),
        ];
        for (cell, f) in &cases {
            for n in read_number(cell, *f, &c).notes {
                seen.insert(n.code);
            }
        }
        // V111 (more decimals than the indicator declares) needs the indicator's decimals, which the
        // cell reader does not know: validate::check_row emits it (tested there).
        let value_codes: Vec<Code> = Code::ALL
            .iter()
            .copied()
            .filter(|c| c.id().starts_with('V') && *c != Code::ValueMoreDecimals)
            .collect();
        for code in value_codes {
            assert!(seen.contains(&code), "{code:?} never emitted");
        }
    }

    #[test]
    fn diagnostics_carry_location_and_raw() {
        let r = text("约45%", &cx(U::Percent));
        let loc = Location::Cell {
            file: "a.xlsx".into(),
            sheet: "指标填报".into(),
            cell: "H7".into(),
        };
        let d = r.diagnostics(&loc);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::ValueApproximate);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].raw.as_deref(), Some("约45%"));
        assert_eq!(d[0].location, loc);
        assert_eq!(r.number(), Some(45.0));
        assert_eq!(text("无", &cx(U::Percent)).number(), None);
    }
}
