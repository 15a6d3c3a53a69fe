//! What every part of the Word report shares: the ids of its paragraph styles, text as XML admits it,
//! and a target in the words of the report. A leaf: the document, its tables, its charts and its
//! content all use it, and it uses none of them.

use crate::catalog::Indicator;
use crate::report::facts::Facts;
use crate::report::messages::{target_text, Lang};

pub const STYLE_TITLE: &str = "Title";
pub const STYLE_SUBTITLE: &str = "Subtitle";
pub const STYLE_H1: &str = "Heading1";
pub const STYLE_H2: &str = "Heading2";
pub const STYLE_BODY: &str = "BodyText";
pub const STYLE_NOTE: &str = "Note";
pub const STYLE_CAPTION: &str = "Caption";
pub const STYLE_FIGURE: &str = "Figure";
pub const STYLE_TABLE: &str = "TableText";
pub const STYLE_TABLE_HEADER: &str = "TableHeading";
pub const STYLE_FOOTER: &str = "Footer";

/// Text as XML admits it: a department's typing may carry control characters XML 1.0 forbids.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| {
            matches!(*c, '\t' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        })
        .collect()
}

/// The target in the language; Chinese sets comparison signs tight to their number (`≥95`).
pub fn target_words(f: &Facts, ind: &Indicator) -> String {
    let t = target_text(f.cat, &ind.target, f.lang);
    match f.lang {
        Lang::Zh => ["≥", "≤", ">", "<", "≈"]
            .iter()
            .fold(t, |t, sign| t.replace(&format!("{sign} "), sign)),
        Lang::En => t,
    }
}
