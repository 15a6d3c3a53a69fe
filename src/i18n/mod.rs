//! The languages planeval speaks and the one way its message tables are written.
//!
//! Chinese is the default everywhere; English is complete. Every user-facing text — the evaluation
//! outputs and `evaluate`'s summary (`report::messages`), diagnostics (`diagnostics`; the plan file's
//! own in `plan`), `check`'s, `ingest`'s, `run`'s and the other commands' terminal lines
//! (`check`, `ingest`, `run`, `commands`) — lives in a table made with [`table!`]: one enum per table, each key with its Chinese and its English text side by
//! side, so that a key cannot exist in one language only. [`entries`] lists every key of every table for
//! the test that proves it. Sentences with numbers are templates with `{name}` placeholders, filled by
//! [`fill`], so both languages take the same numbers.
//!
//! The language of a run comes from `--lang` or the `PLANEVAL_LANG` environment variable (the binary
//! reads them; the library takes a [`Lang`] as an argument and never looks at the environment itself).

pub mod check;
pub mod commands;
pub mod diagnostics;
pub mod ingest;
pub mod plan;
pub mod run;

use serde::Serialize;

/// A language of planeval's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文, the default: the plan's readers.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    pub fn key(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// `zh` / `en` (also `zh-CN`, `en_US.UTF-8`, `中文`, `English`, in any case).
    pub fn from_key(key: &str) -> Option<Lang> {
        let k = key.trim().to_ascii_lowercase();
        let base = k.split(['-', '_', '.']).next().unwrap_or("");
        match base {
            "zh" | "cn" | "中文" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// One key of one table, for tests and documentation.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub table: &'static str,
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// Defines a message table: `table! { /// doc\n pub enum Name { Key => "中文", "English"; … } }`.
/// The enum gets `ALL`, `key()`, `zh()`, `en()`, `text(lang)`, `both(args)` and `entries()`.
macro_rules! table {
    ($(#[$tdoc:meta])* pub enum $name:ident { $( $(#[$doc:meta])* $key:ident => $zh:literal, $en:literal; )* }) => {
        $(#[$tdoc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $( $(#[$doc])* $key, )* }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$key, )* ];
            pub fn key(self) -> &'static str { match self { $( $name::$key => stringify!($key), )* } }
            pub fn zh(self) -> &'static str { match self { $( $name::$key => $zh, )* } }
            pub fn en(self) -> &'static str { match self { $( $name::$key => $en, )* } }
            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                match lang {
                    $crate::i18n::Lang::Zh => self.zh(),
                    $crate::i18n::Lang::En => self.en(),
                }
            }
            /// The text in one language, `{name}` placeholders filled.
            pub fn say(self, lang: $crate::i18n::Lang, args: &[(&str, &str)]) -> String {
                $crate::i18n::fill(self.text(lang), args)
            }
            /// The text in both languages, `{name}` placeholders filled: (Chinese, English).
            pub fn both(self, args: &[(&str, &str)]) -> (String, String) {
                ($crate::i18n::fill(self.zh(), args), $crate::i18n::fill(self.en(), args))
            }
            /// Every key of this table.
            pub fn entries() -> Vec<$crate::i18n::Entry> {
                Self::ALL
                    .iter()
                    .map(|m| $crate::i18n::Entry { table: stringify!($name), key: m.key(), zh: m.zh(), en: m.en() })
                    .collect()
            }
        }
    };
}
pub(crate) use table;

/// English nouns that follow a count in the tables' templates, plural and singular: a count of 1
/// takes the singular ("1 error", not "1 errors"). Chinese has no plural, so only English texts change.
const SINGULAR: &[(&str, &str)] = &[
    ("errors", "error"),
    ("warnings", "warning"),
    ("files", "file"),
    ("data files", "data file"),
    ("values", "value"),
    ("self-assessments", "self-assessment"),
    ("quarantine records", "quarantine record"),
    ("cells", "cell"),
    ("bytes", "byte"),
    ("workbooks", "workbook"),
    ("returns", "return"),
    ("rows", "row"),
    ("sheets", "sheet"),
    ("indicators", "indicator"),
    ("objectives", "objective"),
    ("units", "unit"),
    ("areas", "area"),
    ("counties", "county"),
    ("packages", "package"),
    ("problems", "problem"),
    ("diagnostics", "diagnostic"),
    ("revisions", "revision"),
    ("years", "year"),
    ("days", "day"),
    ("items", "item"),
    ("entries", "entry"),
];

/// The singular of the plural noun that `rest` opens with (after one space), and how much of `rest`
/// it takes, when the noun ends there as a word.
fn singular_after(rest: &str) -> Option<(&'static str, usize)> {
    let words = rest.strip_prefix(' ')?;
    SINGULAR.iter().find_map(|(plural, singular)| {
        let after = words.strip_prefix(plural)?;
        let ends = after
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '_');
        ends.then_some((*singular, 1 + plural.len()))
    })
}

/// Fills `{name}` placeholders of a template in one pass: a value is never read again for
/// placeholders, so text quoted from a workbook (`{note}` typed into a cell) stays as typed. A value of
/// `1` before an English plural noun of the templates takes the singular (`SINGULAR`).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after.find('}').and_then(|end| {
            let name = &after[..end];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, end))
        });
        match value {
            Some((v, end)) => {
                out.push_str(v);
                rest = &after[end + 1..];
                if v == "1" {
                    if let Some((singular, taken)) = singular_after(rest) {
                        out.push(' ');
                        out.push_str(singular);
                        rest = &rest[taken..];
                    }
                }
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashSet};

    /// Every key of every message table. A new table is added here, so that the tests below cover it.
    fn entries() -> Vec<Entry> {
        let mut all = crate::report::messages::Msg::entries();
        all.extend(crate::diagnostic::Code::entries());
        all.extend(super::check::CheckText::entries());
        all.extend(super::commands::CommandText::entries());
        all.extend(super::diagnostics::DiagText::entries());
        all.extend(super::ingest::IngestText::entries());
        all.extend(super::plan::PlanText::entries());
        all.extend(super::run::RunText::entries());
        all
    }

    /// `{name}` placeholders of a template, in order of first use.
    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = s;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            match after.find('}') {
                Some(end) => {
                    let name = &after[..end];
                    if !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        out.insert(name.to_string());
                    }
                    rest = &after[end + 1..];
                }
                None => break,
            }
        }
        out
    }

    /// Keys whose English text names Chinese values that the workbooks really contain.
    const CJK_IN_ENGLISH: &[(&str, &str)] = &[
        ("Msg", "ReviewNote"),
        ("DiagText", "HintRequiredValue"),
        ("DiagText", "HintAddHeaders"),
        ("DiagText", "HintDuplicateReturn"),
        ("DiagText", "LongNoTable"),
        ("DiagText", "HintLongCategory"),
        ("DiagText", "HintAreasCsv"),
        ("DiagText", "HintAreasHeader"),
        ("DiagText", "HintOneWeightColumn"),
        ("DiagText", "HintAreasColumns"),
        ("DiagText", "HintAreaCode"),
        ("DiagText", "HintAreaName"),
        ("DiagText", "HintAreaLevel"),
    ];

    #[test]
    fn every_key_has_both_languages_with_the_same_placeholders() {
        let all = entries();
        assert!(
            all.len() > 300,
            "only {} keys: is a table missing from entries()?",
            all.len()
        );
        let mut seen = HashSet::new();
        let mut bad = Vec::new();
        for e in &all {
            assert!(
                seen.insert((e.table, e.key)),
                "{}::{} twice",
                e.table,
                e.key
            );
            assert!(
                !e.zh.trim().is_empty(),
                "{}::{} has no Chinese text",
                e.table,
                e.key
            );
            assert!(
                !e.en.trim().is_empty(),
                "{}::{} has no English text",
                e.table,
                e.key
            );
            // A few English texts quote the Chinese values a cell or a dropdown really holds.
            let quotes_data = CJK_IN_ENGLISH.contains(&(e.table, e.key));
            let has_cjk = e.en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            if has_cjk != quotes_data {
                bad.push(format!(
                    "{}::{} (Chinese in English: {has_cjk}): {}",
                    e.table, e.key, e.en
                ));
            }
            assert_eq!(
                placeholders(e.zh),
                placeholders(e.en),
                "{}::{}: the two languages take different placeholders",
                e.table,
                e.key
            );
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn a_count_of_one_takes_the_singular_in_english() {
        let t = "{e} errors, {w} warnings; {f} data files, {v} values-ish, {n} errorsome";
        assert_eq!(
            fill(
                t,
                &[("e", "1"), ("w", "2"), ("f", "1"), ("v", "1"), ("n", "1")]
            ),
            "1 error, 2 warnings; 1 data file, 1 values-ish, 1 errorsome"
        );
        // Not a count: quoted text that happens to be "1", and Chinese, are left as they are.
        assert_eq!(fill("{a}个错误", &[("a", "1")]), "1个错误");
        assert_eq!(fill("{e} errors.", &[("e", "11")]), "11 errors.");
        assert_eq!(fill("{e} errors", &[("e", "1")]), "1 error");
    }

    #[test]
    fn placeholders_are_filled_once_and_values_are_not_read_again() {
        let t = "{name}（{field}）：{note}";
        let filled = fill(
            t,
            &[
                ("name", "A"),
                ("field", "本年值"),
                ("note", "“{field} {x}”"),
            ],
        );
        assert_eq!(filled, "A（本年值）：“{field} {x}”");
        assert_eq!(fill("{a}{b}{", &[("a", "1")]), "1{b}{");
        assert_eq!(fill("x {a} {a}", &[("a", "é")]), "x é é");
    }

    #[test]
    fn language_names_are_read_as_people_write_them() {
        for (k, l) in [
            ("zh", Lang::Zh),
            ("zh_CN.UTF-8", Lang::Zh),
            ("EN", Lang::En),
            ("en-US", Lang::En),
        ] {
            assert_eq!(Lang::from_key(k), Some(l), "{k}");
        }
        assert_eq!(Lang::from_key("fr"), None);
    }
}
