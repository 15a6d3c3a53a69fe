//! The areas (地区) a plan is monitored in, as data: the administrative divisions of GB/T 2260 with their
//! codes, names, parents and levels (省 / 市 / 县), read from an areas file, and how a name or code that a
//! user types or a return carries (its 单位（地区）) resolves to one of them.
//!
//! This module is the one place that defines the areas vocabulary: the levels and their words, the columns
//! of the areas file, what a code looks like. "Area" here is always an administrative division (stored in
//! the panel's `org` column); the urban/rural breakdown (the panel's `area` column) is another concept.
//!
//! The areas file is CSV (UTF-8 or GB18030, as Chinese Excel saves it) with the header
//! `代码,名称,上级代码,级别` or `code,name,parent,level`, one division per row; any further column is a
//! weight (e.g. `女性人口`, `常住人口`): a number per division that rollups use to weight averages and
//! to state their coverage (see `crate::rollup`). A small default covering 古县 and its parents is built
//! in (`templates/areas/default.csv`); `--areas FILE` or the job's `areas` key replaces it.
//!
//! Problems of the file are diagnostics with A codes and `file:line:column` locations; any error makes
//! the file unusable (as for a plan file), since a wrong hierarchy would roll values up into the wrong
//! totals.

mod csv;
pub mod select;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::error::Error;
use crate::i18n::commands::CommandText;
use crate::i18n::diagnostics::DiagText;
use crate::i18n::Lang;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub use select::{AreaSelection, StoreArea, StoreAreas};

/// The text of the built-in areas file.
pub const BUILTIN_AREAS_CSV: &str = include_str!("../../templates/areas/default.csv");
/// How diagnostics and outputs name the built-in areas file.
pub const BUILTIN_AREAS_NAME: &str = "templates/areas/default.csv";

/// The level of an administrative division, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 省级（省、自治区、直辖市）.
    Province,
    /// 地级（地级市、地区、自治州、盟）.
    Prefecture,
    /// 县级（县、县级市、市辖区、旗）.
    County,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Province, Level::Prefecture, Level::County];

    /// `province`, `prefecture`, `county` — as files and JSON write it.
    pub fn key(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        }
    }

    /// 省, 市, 县 — the words of the areas file and of Chinese outputs.
    pub fn label_zh(self) -> &'static str {
        match self {
            Level::Province => "省",
            Level::Prefecture => "市",
            Level::County => "县",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        }
    }

    /// A level as the areas file may write it: 省/市/县, 省级/市级/地级/县级, or the English keys.
    pub fn from_word(word: &str) -> Option<Level> {
        let w = word.trim().to_ascii_lowercase();
        Some(match w.as_str() {
            "省" | "省级" | "province" | "provincial" => Level::Province,
            "市" | "市级" | "地级" | "地市" | "地级市" | "prefecture" => {
                Level::Prefecture
            }
            "县" | "县级" | "区县" | "county" | "district" => Level::County,
            _ => return None,
        })
    }

    /// The level a GB/T 2260 code's structure implies: `XX0000` a province, `XXXX00` a prefecture,
    /// anything else a county. `None` for a code that is not six digits (a 12-digit 统计用区划代码 is
    /// accepted in the file but implies nothing here).
    pub fn of_code(code: &str) -> Option<Level> {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(if code.ends_with("0000") {
            Level::Province
        } else if code.ends_with("00") {
            Level::Prefecture
        } else {
            Level::County
        })
    }

    /// How many leading digits of a six-digit code a division of this level shares with its children.
    fn code_prefix(self) -> usize {
        match self {
            Level::Province => 2,
            Level::Prefecture => 4,
            Level::County => 6,
        }
    }
}

/// One administrative division.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Division {
    /// GB/T 2260 code, e.g. `141025`.
    pub code: String,
    /// e.g. 古县.
    pub name: String,
    /// The parent's code; `None` at the top of the file.
    pub parent: Option<String>,
    pub level: Level,
    /// Weight name (the column's header) → value, for the columns this row fills.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<String, f64>,
}

impl Division {
    /// `古县（141025）`.
    pub fn label(&self) -> String {
        self.label_in(Lang::Zh)
    }

    /// `古县（141025）`, in English `古县 (141025)`.
    pub fn label_in(&self, lang: Lang) -> String {
        CommandText::AreaLabel.say(lang, &[("name", &self.name), ("code", &self.code)])
    }
}

/// What a name or code resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum Found<'a> {
    One(&'a Division),
    /// The same name in several places (e.g. two 城区): the user must give the code.
    Many(Vec<&'a Division>),
    None,
}

/// The hierarchy of an areas file.
#[derive(Debug, Clone)]
pub struct Areas {
    /// The file it came from (or the built-in file's name).
    pub source: String,
    divisions: Vec<Division>,
    by_code: HashMap<String, usize>,
    /// Name keys (short names and names with their parents' names before them) → divisions.
    by_name: HashMap<String, Vec<usize>>,
    children: HashMap<String, Vec<usize>>,
    /// The weight columns, in file order.
    weight_names: Vec<String>,
}

/// What reading an areas file gives: the areas when the file has no error, and every problem found.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub areas: Option<Areas>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The key names are compared by: no spaces, full-width brackets and digits as half-width.
pub fn name_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// A column of the areas file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Code,
    Name,
    Parent,
    Level,
}

impl Column {
    const ALL: [Column; 4] = [Column::Code, Column::Name, Column::Parent, Column::Level];

    fn header(self) -> &'static str {
        match self {
            Column::Code => "代码",
            Column::Name => "名称",
            Column::Parent => "上级代码",
            Column::Level => "级别",
        }
    }

    /// Header words, in `name_key` form, lower-case.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Column::Code => &["代码", "区划代码", "行政区划代码", "地区代码", "code"],
            Column::Name => &["名称", "地区", "地区名称", "区划名称", "单位(地区)", "name"],
            Column::Parent => &[
                "上级代码",
                "上级",
                "上级区划代码",
                "上级地区代码",
                "parent",
                "parent_code",
                "parentcode",
            ],
            Column::Level => &["级别", "层级", "级次", "level"],
        }
    }

    fn from_header(text: &str) -> Option<Column> {
        let key = name_key(text).to_lowercase();
        Column::ALL
            .into_iter()
            .find(|c| c.synonyms().contains(&key.as_str()))
    }
}

/// Whether a code is a GB/T 2260 code (six digits) or a 12-digit 统计用区划代码.
fn is_code(code: &str) -> bool {
    (code.len() == 6 || code.len() == 12) && code.bytes().all(|b| b.is_ascii_digit())
}

/// Reads an areas file's bytes. `file` names it in diagnostics.
pub fn parse(bytes: &[u8], file: &str) -> Parsed {
    let mut diagnostics = Vec::new();
    let at = |line: usize, column: usize| Location::Line {
        file: file.to_string(),
        line,
        column,
    };
    let fail = |diagnostics: Vec<Diagnostic>| Parsed {
        areas: None,
        diagnostics,
    };
    let text = match csv::decode(bytes) {
        Ok(t) => t,
        Err(why) => {
            diagnostics.push(Diagnostic::said_each(
                Code::AreasUnreadable,
                Location::File {
                    file: file.to_string(),
                },
                None,
                (DiagText::AreasUnreadable, DiagText::HintAreasCsv),
                &[("why", why.zh())],
                &[("why", why.en())],
            ));
            return fail(diagnostics);
        }
    };
    let records: Vec<_> = csv::records(&text)
        .into_iter()
        .filter(|r| !r.is_blank())
        .collect();
    if records.len() >= csv::MAX_RECORDS {
        diagnostics.push(Diagnostic::said(
            Code::AreasUnreadable,
            Location::File {
                file: file.to_string(),
            },
            None,
            DiagText::AreasTooLong,
            DiagText::HintAreasPath,
            &[("max", &csv::MAX_RECORDS.to_string())],
        ));
        return fail(diagnostics);
    }
    let Some(header) = records.first() else {
        diagnostics.push(Diagnostic::said(
            Code::AreasBadHeader,
            Location::File {
                file: file.to_string(),
            },
            None,
            DiagText::AreasEmpty,
            DiagText::HintAreasHeader,
            &[],
        ));
        return fail(diagnostics);
    };

    // The header: the four columns by name, in any order; every other named column is a weight.
    let mut columns: HashMap<usize, Column> = HashMap::new();
    let mut weights: Vec<(usize, String)> = Vec::new();
    for (i, h) in header.fields.iter().enumerate() {
        let h = h.trim_start_matches('\u{feff}').trim();
        if h.is_empty() {
            continue;
        }
        match Column::from_header(h) {
            Some(c) if columns.values().any(|x| *x == c) => diagnostics.push(Diagnostic::said(
                Code::AreasBadHeader,
                at(header.line, i + 1),
                Some(h.to_string()),
                DiagText::AreasColumnTwice,
                DiagText::HintDeleteColumn,
                &[("column", c.header())],
            )),
            Some(c) => {
                columns.insert(i, c);
            }
            None if weights.iter().any(|(_, w)| w == h) => diagnostics.push(Diagnostic::said(
                Code::AreasBadHeader,
                at(header.line, i + 1),
                Some(h.to_string()),
                DiagText::AreasWeightTwice,
                DiagText::HintOneWeightColumn,
                &[("column", h)],
            )),
            None => weights.push((i, h.to_string())),
        }
    }
    let missing: Vec<&str> = Column::ALL
        .into_iter()
        .filter(|c| !columns.values().any(|x| x == c))
        .map(Column::header)
        .collect();
    if !missing.is_empty() {
        diagnostics.push(Diagnostic::said_each(
            Code::AreasBadHeader,
            at(header.line, 1),
            Some(header.fields.join(",")),
            (DiagText::AreasMissingColumns, DiagText::HintAreasColumns),
            &[("columns", &missing.join("、"))],
            &[("columns", &missing.join(", "))],
        ));
        return fail(diagnostics);
    }
    let col = |c: Column| {
        columns
            .iter()
            .find(|(_, x)| **x == c)
            .map(|(i, _)| *i)
            .unwrap_or(0)
    };
    let (code_col, name_col, parent_col, level_col) = (
        col(Column::Code),
        col(Column::Name),
        col(Column::Parent),
        col(Column::Level),
    );

    let cols = Cols {
        code: code_col,
        name: name_col,
        parent: parent_col,
        level: level_col,
    };
    let (divisions, lines, by_code) =
        read_divisions(&records[1..], &cols, &weights, &at, &mut diagnostics);
    check_hierarchy(&divisions, &lines, &by_code, &cols, &at, &mut diagnostics);
    let line_of = |d: &Diagnostic| match d.location {
        Location::Line { line, column, .. } => (line, column),
        _ => (0, 0),
    };
    diagnostics.sort_by_key(line_of);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return fail(diagnostics);
    }
    if divisions.is_empty() {
        diagnostics.push(Diagnostic::said(
            Code::AreasBadHeader,
            Location::File {
                file: file.to_string(),
            },
            None,
            DiagText::AreasHeaderOnly,
            DiagText::HintAreasRows,
            &[],
        ));
        return fail(diagnostics);
    }
    Parsed {
        areas: Some(Areas::build(
            file.to_string(),
            divisions,
            weights.into_iter().map(|(_, w)| w).collect(),
        )),
        diagnostics,
    }
}

/// The columns of an areas file's four named fields.
struct Cols {
    code: usize,
    name: usize,
    parent: usize,
    level: usize,
}

/// The areas file's rows as divisions, with each one's line and the index of each code; every row
/// that cannot be a division is a diagnostic and left out.
fn read_divisions(
    records: &[csv::Record],
    cols: &Cols,
    weights: &[(usize, String)],
    at: &dyn Fn(usize, usize) -> Location,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Division>, Vec<usize>, HashMap<String, usize>) {
    let mut divisions: Vec<Division> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for r in records {
        let get = |i: usize| r.fields.get(i).map(|s| name_key(s)).unwrap_or_default();
        let code = get(cols.code);
        let name = r
            .fields
            .get(cols.name)
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let parent = get(cols.parent);
        let level_word = r
            .fields
            .get(cols.level)
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let mut ok = true;
        if !is_code(&code) {
            diagnostics.push(Diagnostic::said(
                Code::AreaBadCode,
                at(r.line, cols.code + 1),
                Some(code.clone()),
                DiagText::AreaNotACode,
                DiagText::HintAreaCode,
                &[("code", &code)],
            ));
            ok = false;
        }
        if name.is_empty() {
            diagnostics.push(Diagnostic::said(
                Code::AreaBadCode,
                at(r.line, cols.name + 1),
                None,
                DiagText::AreaNoName,
                DiagText::HintAreaName,
                &[("code", &code)],
            ));
            ok = false;
        }
        if !parent.is_empty() && !is_code(&parent) {
            diagnostics.push(Diagnostic::said(
                Code::AreaBadCode,
                at(r.line, cols.parent + 1),
                Some(parent.clone()),
                DiagText::AreaParentNotACode,
                DiagText::HintAreaParent,
                &[("parent", &parent)],
            ));
            ok = false;
        }
        let level = Level::from_word(&level_word);
        if level.is_none() {
            diagnostics.push(Diagnostic::said(
                Code::AreaBadLevel,
                at(r.line, cols.level + 1),
                Some(level_word.clone()),
                DiagText::AreaLevelUnknown,
                DiagText::HintAreaLevel,
                &[("name", &name), ("code", &code), ("level", &level_word)],
            ));
            ok = false;
        }
        let mut row_weights = BTreeMap::new();
        for (i, w) in weights {
            let raw = r.fields.get(*i).map(|s| s.trim()).unwrap_or("");
            if raw.is_empty() {
                continue;
            }
            match raw.replace([',', '，'], "").parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => {
                    row_weights.insert(w.clone(), v);
                }
                _ => diagnostics.push(Diagnostic::said(
                    Code::AreaBadWeight,
                    at(r.line, i + 1),
                    Some(raw.to_string()),
                    DiagText::AreaBadWeight,
                    DiagText::HintAreaWeight,
                    &[("name", &name), ("code", &code), ("weight", w)],
                )),
            }
        }
        if let Some(&first) = by_code.get(&code) {
            diagnostics.push(Diagnostic::said(
                Code::AreaDuplicate,
                at(r.line, cols.code + 1),
                Some(code.clone()),
                DiagText::AreaDuplicate,
                DiagText::HintOneLinePerArea,
                &[("code", &code), ("first", &lines[first].to_string())],
            ));
            continue;
        }
        if !ok {
            continue;
        }
        by_code.insert(code.clone(), divisions.len());
        lines.push(r.line);
        divisions.push(Division {
            code,
            name,
            parent: Some(parent).filter(|p| !p.is_empty()),
            level: level.unwrap_or(Level::County),
            weights: row_weights,
        });
    }

    (divisions, lines, by_code)
}

/// The hierarchy: every parent in the file and of a higher level; codes that agree with it.
fn check_hierarchy(
    divisions: &[Division],
    lines: &[usize],
    by_code: &HashMap<String, usize>,
    cols: &Cols,
    at: &dyn Fn(usize, usize) -> Location,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (i, d) in divisions.iter().enumerate() {
        let line = lines[i];
        if let Some(implied) = Level::of_code(&d.code) {
            if implied != d.level {
                let area = d.label();
                diagnostics.push(Diagnostic::said_each(
                    Code::AreaCodeMismatch,
                    at(line, cols.level + 1),
                    Some(d.level.label_zh().to_string()),
                    (DiagText::AreaLevelByCode, DiagText::HintCodeAndLevel),
                    &[
                        ("area", &area),
                        ("implied", implied.label_zh()),
                        ("level", d.level.label_zh()),
                    ],
                    &[
                        ("area", &area),
                        ("implied", implied.label_en()),
                        ("level", d.level.label_en()),
                    ],
                ));
            }
        }
        let Some(parent) = &d.parent else {
            continue;
        };
        match by_code.get(parent).map(|&p| &divisions[p]) {
            None => diagnostics.push(Diagnostic::said(
                Code::AreaUnknownParent,
                at(line, cols.parent + 1),
                Some(parent.clone()),
                DiagText::AreaParentMissing,
                DiagText::HintAddParent,
                &[("area", &d.label()), ("parent", parent)],
            )),
            Some(p) if p.level >= d.level => {
                let (area, parent) = (d.label(), p.label());
                diagnostics.push(Diagnostic::said_each(
                    Code::AreaBadLevel,
                    at(line, cols.level + 1),
                    Some(d.level.label_zh().to_string()),
                    (DiagText::AreaParentNotHigher, DiagText::HintLevelAndParent),
                    &[
                        ("area", &area),
                        ("level", d.level.label_zh()),
                        ("parent", &parent),
                        ("parent_level", p.level.label_zh()),
                    ],
                    &[
                        ("area", &area),
                        ("level", d.level.label_en()),
                        ("parent", &parent),
                        ("parent_level", p.level.label_en()),
                    ],
                ))
            }
            Some(p) => {
                let n = p.level.code_prefix();
                if d.code.len() == 6 && p.code.len() == 6 && d.code.get(..n) != p.code.get(..n) {
                    diagnostics.push(Diagnostic::said(
                        Code::AreaCodeMismatch,
                        at(line, cols.code + 1),
                        Some(d.code.clone()),
                        DiagText::AreaPrefixMismatch,
                        DiagText::HintCodePrefix,
                        &[
                            ("area", &d.label()),
                            ("parent", &p.label()),
                            ("n", &n.to_string()),
                        ],
                    ));
                }
            }
        }
    }
}

impl Areas {
    fn build(source: String, divisions: Vec<Division>, weight_names: Vec<String>) -> Areas {
        let by_code: HashMap<String, usize> = divisions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.code.clone(), i))
            .collect();
        let mut children: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in divisions.iter().enumerate() {
            if let Some(p) = &d.parent {
                children.entry(p.clone()).or_default().push(i);
            }
        }
        let mut areas = Areas {
            source,
            divisions,
            by_code,
            by_name: HashMap::new(),
            children,
            weight_names,
        };
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for i in 0..areas.divisions.len() {
            // 古县, 临汾市古县, 山西省临汾市古县: a return's 单位（地区） may carry any of them.
            let chain = areas.ancestors_and_self(&areas.divisions[i].code);
            let mut keys: Vec<String> = (1..=chain.len())
                .map(|len| {
                    let path: String = chain[..len].iter().rev().map(|d| d.name.as_str()).collect();
                    name_key(&path)
                })
                .collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                by_name.entry(k).or_default().push(i);
            }
        }
        areas.by_name = by_name;
        areas
    }

    /// The built-in default: 山西省 › 临汾市 › 古县.
    pub fn builtin() -> Areas {
        parse(BUILTIN_AREAS_CSV.as_bytes(), BUILTIN_AREAS_NAME)
            .areas
            .unwrap_or_else(|| Areas::build(BUILTIN_AREAS_NAME.into(), Vec::new(), Vec::new()))
    }

    /// Reads an areas file; any error makes it unusable.
    pub fn from_path(path: &Path) -> Result<Areas, Error> {
        let file = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if !meta.is_file() || meta.len() > csv::MAX_BYTES {
            let d = Diagnostic::said(
                Code::AreasUnreadable,
                Location::File { file: file.clone() },
                None,
                DiagText::AreasNotRegular,
                DiagText::HintAreasFile,
                &[("mb", &(csv::MAX_BYTES / 1024 / 1024).to_string())],
            );
            return Err(Error::invalid_areas(&file, &[d]));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let Parsed { areas, diagnostics } = parse(&bytes, &file);
        areas.ok_or_else(|| Error::invalid_areas(&file, &diagnostics))
    }

    /// The areas file if one is given, else the built-in default.
    pub fn load(path: Option<&Path>) -> Result<Areas, Error> {
        match path {
            Some(p) => Self::from_path(p),
            None => Ok(Self::builtin()),
        }
    }

    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }

    pub fn weight_names(&self) -> &[String] {
        &self.weight_names
    }

    pub fn get(&self, code: &str) -> Option<&Division> {
        self.by_code.get(code).map(|&i| &self.divisions[i])
    }

    /// What a name or code (as a user types it, or a return's 单位（地区）) resolves to.
    pub fn find(&self, text: &str) -> Found<'_> {
        let key = name_key(text);
        if let Some(d) = self.get(&key) {
            return Found::One(d);
        }
        match self.by_name.get(&key).map(Vec::as_slice) {
            Some([i]) => Found::One(&self.divisions[*i]),
            Some(many) if !many.is_empty() => {
                Found::Many(many.iter().map(|&i| &self.divisions[i]).collect())
            }
            _ => Found::None,
        }
    }

    /// The direct children of a division, in file order.
    pub fn children(&self, code: &str) -> Vec<&Division> {
        self.children
            .get(code)
            .map(|v| v.iter().map(|&i| &self.divisions[i]).collect())
            .unwrap_or_default()
    }

    /// The division and its ancestors, the division first.
    pub fn ancestors_and_self(&self, code: &str) -> Vec<&Division> {
        let mut out = Vec::new();
        let mut at = self.get(code);
        while let Some(d) = at {
            if out.len() > Level::ALL.len() + 8 {
                break; // levels strictly rise, so this cannot loop; a guard all the same
            }
            out.push(d);
            at = d.parent.as_deref().and_then(|p| self.get(p));
        }
        out
    }

    /// Whether `code` is `ancestor` or lies below it.
    pub fn is_within(&self, code: &str, ancestor: &str) -> bool {
        self.ancestors_and_self(code)
            .iter()
            .any(|d| d.code == ancestor)
    }

    /// A division's weight: its own value, else the sum of its children's when every child has one.
    pub fn weight(&self, code: &str, name: &str) -> Option<f64> {
        let d = self.get(code)?;
        if let Some(w) = d.weights.get(name) {
            return Some(*w);
        }
        let children = self.children(code);
        if children.is_empty() {
            return None;
        }
        children
            .iter()
            .map(|c| self.weight(&c.code, name))
            .sum::<Option<f64>>()
    }

    /// `山西省 › 临汾市 › 古县`.
    pub fn path_label(&self, code: &str) -> String {
        let chain = self.ancestors_and_self(code);
        chain
            .iter()
            .rev()
            .map(|d| d.name.as_str())
            .collect::<Vec<_>>()
            .join(" › ")
    }
}

#[cfg(test)]
mod tests;
