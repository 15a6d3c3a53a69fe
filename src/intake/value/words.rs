//! The words around a number that intake understands: markers of a value not reported, Excel's error
//! texts, approximation words (约, 左右) and the unit words and symbols each measurement unit admits.

// Reading a number is one rule set; its parts share the parent's types (context, notes, units).
use super::*;

pub(super) fn is_not_reported_marker(t: &str) -> bool {
    NOT_REPORTED_MARKERS.iter().any(|m| {
        let mut ignored = Vec::new();
        normalise(m, &mut ignored).eq_ignore_ascii_case(t)
    })
}

/// Excel's error values, as they display (and as people copy them into text).
pub(super) const EXCEL_ERRORS: &[&str] = &[
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
pub(super) const APPROX_PREFIXES: &[&str] = &[
    "大约", "大概", "约为", "约合", "将近", "接近", "约", "近", "≈", "~",
];
/// Approximation words after the number (and after its unit).
pub(super) const APPROX_SUFFIXES: &[&str] = &["左右", "上下"];

/// A unit written beside the number, and the indicator units it belongs to.
pub(super) struct Affix {
    /// Compact form: no spaces, latin in lower case.
    pub(super) text: &'static str,
    /// Empty: a unit none of planeval's indicators use (元, 小时 …).
    pub(super) units: &'static [MeasureUnit],
    /// 万: × 10,000.
    pub(super) wan: bool,
}

pub(super) const fn affix(text: &'static str, units: &'static [MeasureUnit]) -> Affix {
    Affix {
        text,
        units,
        wan: false,
    }
}

pub(super) const fn wan(text: &'static str, units: &'static [MeasureUnit]) -> Affix {
    Affix {
        text,
        units,
        wan: true,
    }
}

use MeasureUnit as U;
pub(super) const PCT: &[MeasureUnit] = &[U::Percent];
pub(super) const PML: &[MeasureUnit] = &[U::PerMille];
pub(super) const P1E5: &[MeasureUnit] = &[U::Per100k];
pub(super) const AGE: &[MeasureUnit] = &[U::YearsOfAge];
pub(super) const YRS: &[MeasureUnit] = &[U::Years];
pub(super) const PERS: &[MeasureUnit] = &[U::Persons];
pub(super) const CNT: &[MeasureUnit] = &[U::Count];
pub(super) const PERS_CNT: &[MeasureUnit] = &[U::Persons, U::Count];
pub(super) const MIN: &[MeasureUnit] = &[U::MinutesPerDay];
pub(super) const NONE: &[MeasureUnit] = &[];

/// Units after the number. Matched on the compact form of everything after the number.
pub(super) const SUFFIXES: &[Affix] = &[
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
pub(super) const PREFIXES: &[Affix] = &[
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

pub(super) fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `t` without the prefix `p` (which has no spaces), ignoring spaces in `t` and the case of latin letters.
pub(super) fn strip_prefix_loose<'a>(t: &'a str, p: &str) -> Option<&'a str> {
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

pub(super) fn strip_approx_prefix(t: &str) -> Option<(&'static str, &str)> {
    APPROX_PREFIXES
        .iter()
        .find_map(|w| t.strip_prefix(w).map(|rest| (*w, rest.trim_start())))
}

pub(super) fn strip_approx_suffix(t: &str) -> Option<(&'static str, &str)> {
    APPROX_SUFFIXES
        .iter()
        .find_map(|w| t.strip_suffix(w).map(|rest| (*w, rest.trim_end())))
}
