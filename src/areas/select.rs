//! Which areas a store holds, and which one a command works on.
//!
//! A store keeps each value's area as the text its return carried (`org`, the 单位（地区）): 古县,
//! 山西省临汾市古县 or 141025 are the same division, found through the areas file; a text the file does
//! not know is an area of its own, listed as unknown (never dropped, never merged with another). A
//! command that reads a store of several areas must be told which one (`--area NAME|CODE`); a store of
//! one area needs nothing.

use super::{name_key, Areas, Division, Found, Level};
use crate::error::{Error, Reason};
use crate::i18n::commands::CommandText;
use crate::i18n::Lang;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// An area found in a store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoreArea {
    /// The division's name, or the stored text when the areas file does not know it.
    pub name: String,
    /// `None` when the areas file does not know the area.
    pub code: Option<String>,
    pub level: Option<Level>,
    pub parent: Option<String>,
    /// The texts it is stored under.
    pub orgs: Vec<String>,
    /// Rows of the store (values, quarantined cells, self-assessments, all revisions) under those texts.
    pub rows: usize,
    /// When the text names several divisions (two 城区), their codes: the area cannot be placed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ambiguous: Vec<String>,
}

impl StoreArea {
    /// `古县（141025）`, or `县001（地区表中没有）`.
    pub fn label(&self) -> String {
        self.label_in(Lang::Zh)
    }

    /// [`label`](Self::label) in `lang`.
    pub fn label_in(&self, lang: Lang) -> String {
        let name = ("name", self.name.as_str());
        match &self.code {
            Some(c) => CommandText::AreaLabel.say(lang, &[name, ("code", c)]),
            None if !self.ambiguous.is_empty() => {
                let names = self.ambiguous.join(CommandText::ListSeparator.text(lang));
                CommandText::AreaLabelAmbiguous.say(lang, &[name, ("names", &names)])
            }
            None => CommandText::AreaLabelUnknown.say(lang, &[name]),
        }
    }
}

/// The areas of a store, resolved against an areas file: known ones in the file's order, then the
/// unknown ones by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoreAreas {
    pub areas: Vec<StoreArea>,
}

impl StoreAreas {
    /// Resolves the stored `org` texts (with their row counts) against the areas file.
    pub fn resolve(areas: &Areas, orgs: &[(String, usize)]) -> StoreAreas {
        let mut known: BTreeMap<String, StoreArea> = BTreeMap::new();
        let mut unknown: BTreeMap<String, StoreArea> = BTreeMap::new();
        for (org, rows) in orgs {
            match areas.find(org) {
                Found::One(d) => {
                    let a = known.entry(d.code.clone()).or_insert_with(|| StoreArea {
                        name: d.name.clone(),
                        code: Some(d.code.clone()),
                        level: Some(d.level),
                        parent: d.parent.clone(),
                        orgs: Vec::new(),
                        rows: 0,
                        ambiguous: Vec::new(),
                    });
                    a.orgs.push(org.clone());
                    a.rows += rows;
                }
                found => {
                    let ambiguous = match found {
                        Found::Many(v) => v.iter().map(|d| d.code.clone()).collect(),
                        _ => Vec::new(),
                    };
                    let a = unknown.entry(name_key(org)).or_insert_with(|| StoreArea {
                        name: org.clone(),
                        code: None,
                        level: None,
                        parent: None,
                        orgs: Vec::new(),
                        rows: 0,
                        ambiguous,
                    });
                    a.orgs.push(org.clone());
                    a.rows += rows;
                }
            }
        }
        let order: BTreeMap<&str, usize> = areas
            .divisions()
            .iter()
            .enumerate()
            .map(|(i, d)| (d.code.as_str(), i))
            .collect();
        let mut list: Vec<StoreArea> = known.into_values().collect();
        list.sort_by_key(|a| a.code.as_deref().and_then(|c| order.get(c).copied()));
        list.extend(unknown.into_values());
        StoreAreas { areas: list }
    }

    /// The areas the areas file does not know (or cannot place).
    pub fn unknown(&self) -> impl Iterator<Item = &StoreArea> {
        self.areas.iter().filter(|a| a.code.is_none())
    }

    /// `古县（141025）、安泽县（141026）、县001（地区表中没有）`, in both languages.
    pub fn list_text(&self) -> Reason {
        Reason {
            zh: self.list_text_in(Lang::Zh),
            en: self.list_text_in(Lang::En),
        }
    }

    fn list_text_in(&self, lang: Lang) -> String {
        if self.areas.is_empty() {
            return CommandText::StoreAreasNone.text(lang).into();
        }
        // A province store holds a hundred counties: name the first ones and how to list the rest.
        const SHOWN: usize = 20;
        let mut text = self
            .areas
            .iter()
            .take(SHOWN)
            .map(|a| a.label_in(lang))
            .collect::<Vec<_>>()
            .join(CommandText::ListSeparator.text(lang));
        if self.areas.len() > SHOWN {
            text.push_str(
                &CommandText::StoreAreasMore.say(lang, &[("n", &self.areas.len().to_string())]),
            );
        }
        text
    }
}

/// The area a command works on, with the store texts that belong to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaSelection {
    pub name: String,
    /// `None` for an area the areas file does not know.
    pub code: Option<String>,
    pub level: Option<Level>,
    pub parent: Option<String>,
    /// `山西省 › 临汾市 › 古县`, or the name alone.
    pub path: String,
    /// The store texts of this area itself.
    pub orgs: Vec<String>,
    /// The store texts of this area and of every area below it (what its rollups and completeness
    /// read).
    pub within: Vec<String>,
    /// Whether the areas file lists areas below this one (then its values may be rolled up).
    pub has_children: bool,
}

impl AreaSelection {
    fn of_division(areas: &Areas, d: &Division, store: &StoreAreas) -> AreaSelection {
        let mut orgs = Vec::new();
        let mut within = Vec::new();
        for a in &store.areas {
            let Some(code) = &a.code else { continue };
            if *code == d.code {
                orgs.extend(a.orgs.iter().cloned());
            }
            if areas.is_within(code, &d.code) {
                within.extend(a.orgs.iter().cloned());
            }
        }
        AreaSelection {
            name: d.name.clone(),
            code: Some(d.code.clone()),
            level: Some(d.level),
            parent: d.parent.clone(),
            path: areas.path_label(&d.code),
            orgs,
            within,
            has_children: !areas.children(&d.code).is_empty(),
        }
    }

    fn of_unknown(a: &StoreArea) -> AreaSelection {
        AreaSelection {
            name: a.name.clone(),
            code: None,
            level: None,
            parent: None,
            path: a.name.clone(),
            orgs: a.orgs.clone(),
            within: a.orgs.clone(),
            has_children: false,
        }
    }

    /// `古县（141025）` or the name alone.
    pub fn label(&self) -> String {
        self.label_in(Lang::Zh)
    }

    /// [`label`](Self::label) in `lang`.
    pub fn label_in(&self, lang: Lang) -> String {
        match &self.code {
            Some(c) => CommandText::AreaLabel.say(lang, &[("name", &self.name), ("code", c)]),
            None => self.name.clone(),
        }
    }

    /// Whether a stored `org` text belongs to this area itself.
    pub fn is_own(&self, org: &str) -> bool {
        self.orgs.iter().any(|o| o == org)
    }

    /// Whether a stored `org` text belongs to this area or one below it.
    pub fn contains(&self, org: &str) -> bool {
        self.within.iter().any(|o| o == org)
    }
}

/// The area a command reads: the one asked for (`wanted`, a name or code), else the store's only area,
/// else — for an empty store — the plan's own region (`default_name`). A store of several areas without
/// `wanted` is refused with the list of its areas, and so is a name neither the areas file nor the store
/// knows.
pub fn select(
    areas: &Areas,
    store: &StoreAreas,
    wanted: Option<&str>,
    store_dir: &Path,
    default_name: &str,
) -> Result<AreaSelection, Error> {
    let Some(wanted) = wanted.map(str::trim).filter(|w| !w.is_empty()) else {
        return match store.areas.as_slice() {
            [] => Ok(match areas.find(default_name) {
                Found::One(d) => AreaSelection::of_division(areas, d, store),
                _ => AreaSelection {
                    name: default_name.to_string(),
                    code: None,
                    level: None,
                    parent: None,
                    path: default_name.to_string(),
                    orgs: Vec::new(),
                    within: Vec::new(),
                    has_children: false,
                },
            }),
            [only] => Ok(match only.code.as_deref().and_then(|c| areas.get(c)) {
                Some(d) => AreaSelection::of_division(areas, d, store),
                None => AreaSelection::of_unknown(only),
            }),
            [first, ..] => Err(Error::AreaRequired {
                store: store_dir.to_path_buf(),
                count: store.areas.len(),
                list: store.list_text(),
                example: first.code.clone().unwrap_or_else(|| first.name.clone()),
            }),
        };
    };
    match areas.find(wanted) {
        Found::One(d) => Ok(AreaSelection::of_division(areas, d, store)),
        Found::Many(many) => Err(Error::AmbiguousArea {
            name: wanted.to_string(),
            candidates: many
                .iter()
                .map(|d| format!("{}（{}）", areas.path_label(&d.code), d.code))
                .collect::<Vec<_>>()
                .join("、"),
        }),
        Found::None => {
            let key = name_key(wanted);
            match store
                .unknown()
                .find(|a| a.orgs.iter().any(|o| name_key(o) == key))
            {
                Some(a) => Ok(AreaSelection::of_unknown(a)),
                // An empty store has no areas to choose from yet: the area named (a job's `org`) is
                // evaluated, with no data, rather than refused.
                None if store.areas.is_empty() => Ok(AreaSelection {
                    name: wanted.to_string(),
                    code: None,
                    level: None,
                    parent: None,
                    path: wanted.to_string(),
                    orgs: Vec::new(),
                    within: Vec::new(),
                    has_children: false,
                }),
                None => Err(Error::UnknownArea {
                    name: wanted.to_string(),
                    areas_file: areas.source.clone(),
                    list: store.list_text(),
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn linfen() -> Areas {
        parse(
            "代码,名称,上级代码,级别\n140000,山西省,,省\n141000,临汾市,140000,市\n141025,古县,141000,县\n\
             141026,安泽县,141000,县\n141027,浮山县,141000,县\n"
                .as_bytes(),
            "linfen.csv",
        )
        .areas
        .unwrap()
    }

    fn store(orgs: &[(&str, usize)]) -> StoreAreas {
        let orgs: Vec<(String, usize)> = orgs.iter().map(|(o, n)| (o.to_string(), *n)).collect();
        StoreAreas::resolve(&linfen(), &orgs)
    }

    #[test]
    fn spellings_of_one_division_are_one_area_and_unknown_texts_are_kept_apart() {
        let s = store(&[
            ("古县", 10),
            ("山西省临汾市古县", 2),
            ("安泽县", 5),
            ("县001", 3),
        ]);
        assert_eq!(s.areas.len(), 3);
        assert_eq!(s.areas[0].orgs, ["古县", "山西省临汾市古县"]);
        assert_eq!(s.areas[0].rows, 12);
        let unknown: Vec<_> = s.unknown().map(|a| a.name.as_str()).collect();
        assert_eq!(unknown, ["县001"]);
        assert_eq!(
            s.list_text().zh,
            "古县（141025）、安泽县（141026）、县001（地区表中没有）"
        );
        assert_eq!(
            s.list_text().en,
            "古县 (141025), 安泽县 (141026), 县001 (not in the areas file)"
        );
    }

    #[test]
    fn several_areas_need_a_choice_one_does_not() {
        let dir = Path::new("监测数据库");
        let one = store(&[("古县", 10)]);
        let sel = select(&linfen(), &one, None, dir, "古县").unwrap();
        assert_eq!(
            (sel.code.as_deref(), sel.level),
            (Some("141025"), Some(Level::County))
        );

        let three = store(&[("古县", 1), ("安泽县", 1), ("浮山县", 1)]);
        let err = select(&linfen(), &three, None, dir, "古县").unwrap_err();
        assert!(matches!(err, Error::AreaRequired { count: 3, .. }), "{err}");
        assert!(err.to_string().contains("安泽县（141026）"), "{err}");

        let pref = select(&linfen(), &three, Some("141000"), dir, "古县").unwrap();
        assert_eq!(pref.name, "临汾市");
        assert!(pref.orgs.is_empty() && pref.has_children);
        assert_eq!(pref.within.len(), 3);
        let gu = select(&linfen(), &three, Some("古县"), dir, "古县").unwrap();
        assert_eq!(
            (gu.orgs.clone(), gu.within.clone()),
            (vec!["古县".to_string()], vec!["古县".to_string()])
        );

        let err = select(&linfen(), &three, Some("太原市"), dir, "古县").unwrap_err();
        assert!(matches!(err, Error::UnknownArea { .. }), "{err}");
    }
}
