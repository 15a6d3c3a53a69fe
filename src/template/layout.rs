//! The layout contract of a department workbook: sheet names, metadata keys, columns and the words in
//! their headers — shared by the template writer and by intake, so that both agree by construction.
//!
//! Intake never relies on a sheet's name or a column's position: it finds the metadata sheet by its marker
//! in A1, the data table by a header row whose cells match `Field::synonyms`, and each row by its indicator
//! code (or name). The names here are what the template writes; the synonyms are what people rename them to.

use crate::breakdown::{Area, Item, Sex};

/// Bumped whenever the layout changes in a way an older intake could misread.
pub const TEMPLATE_VERSION: &str = "1";

pub const SHEET_INSTRUCTIONS: &str = "填报说明";
pub const SHEET_DATA: &str = "指标填报";
pub const SHEET_QUALITATIVE: &str = "定性目标";
/// The hidden metadata sheet. Found by `META_MARKER` in A1, not by this name.
pub const SHEET_META: &str = "_planeval";
pub const META_MARKER: &str = "planeval-template";

/// Keys of the metadata sheet: column A holds the key, column B the value, from row 2 on.
pub mod meta_key {
    pub const PLAN_ID: &str = "plan_id";
    pub const UNIT: &str = "unit";
    pub const ORG: &str = "org";
    pub const YEAR: &str = "year";
    pub const TEMPLATE_VERSION: &str = "template_version";
    pub const GENERATED_AT: &str = "generated_at";
    pub const TOOL_VERSION: &str = "tool_version";
}

/// 0-based row of the header in the data and qualitative sheets as written (intake searches for it).
pub const HEADER_ROW: u32 = 2;
/// 0-based first data row as written.
pub const FIRST_DATA_ROW: u32 = 3;

/// The self-assessment options of a qualitative objective, best first.
pub const SELF_ASSESSMENT_OPTIONS: [&str; 4] = ["已完成", "基本完成", "部分完成", "未完成"];

/// Words that mean "not reported" (distinct from 0), as departments type them.
pub const NOT_REPORTED_MARKERS: [&str; 12] = [
    "—",
    "——",
    "-",
    "--",
    "－",
    "/",
    "／",
    "无",
    "不适用",
    "暂无",
    "无数据",
    "N/A",
];

/// A column of the data sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Code,
    Domain,
    Name,
    Unit,
    Target,
    Baseline,
    LastYear,
    Value,
    Female,
    Male,
    Urban,
    Rural,
    Numerator,
    Denominator,
    Source,
    Remarks,
}

impl Field {
    /// The breakdown and item of the number this column holds (columns that hold no number: the
    /// total value, which is what they describe).
    pub fn breakdown(self) -> (Sex, Area, Item) {
        match self {
            Field::Female => (Sex::Female, Area::Total, Item::Value),
            Field::Male => (Sex::Male, Area::Total, Item::Value),
            Field::Urban => (Sex::Total, Area::Urban, Item::Value),
            Field::Rural => (Sex::Total, Area::Rural, Item::Value),
            Field::Numerator => (Sex::Total, Area::Total, Item::Numerator),
            Field::Denominator => (Sex::Total, Area::Total, Item::Denominator),
            _ => (Sex::Total, Area::Total, Item::Value),
        }
    }

    /// Columns in the order the template writes them.
    pub const ALL: [Field; 16] = [
        Field::Code,
        Field::Domain,
        Field::Name,
        Field::Unit,
        Field::Target,
        Field::Baseline,
        Field::LastYear,
        Field::Value,
        Field::Female,
        Field::Male,
        Field::Urban,
        Field::Rural,
        Field::Numerator,
        Field::Denominator,
        Field::Source,
        Field::Remarks,
    ];

    /// The header the template writes (Chinese), `{year}` / `{baseline}` / `{last}` filled in by the writer.
    pub fn header(self) -> &'static str {
        match self {
            Field::Code => "指标编码",
            Field::Domain => "领域",
            Field::Name => "指标名称",
            Field::Unit => "计量单位",
            Field::Target => "规划目标",
            Field::Baseline => "基期值",
            Field::LastYear => "上年值",
            Field::Value => "本年值",
            Field::Female => "其中：女",
            Field::Male => "其中：男",
            Field::Urban => "其中：城镇",
            Field::Rural => "其中：农村",
            Field::Numerator => "分子",
            Field::Denominator => "分母",
            Field::Source => "数据来源",
            Field::Remarks => "备注",
        }
    }

    pub fn header_en(self) -> &'static str {
        match self {
            Field::Code => "Indicator code",
            Field::Domain => "Domain",
            Field::Name => "Indicator",
            Field::Unit => "Unit",
            Field::Target => "Plan target",
            Field::Baseline => "Baseline",
            Field::LastYear => "Last year",
            Field::Value => "This year",
            Field::Female => "Of which: female",
            Field::Male => "Of which: male",
            Field::Urban => "Of which: urban",
            Field::Rural => "Of which: rural",
            Field::Numerator => "Numerator",
            Field::Denominator => "Denominator",
            Field::Source => "Data source",
            Field::Remarks => "Remarks",
        }
    }

    /// Header texts that identify this column after people rename it. Matched after removing spaces,
    /// line breaks, brackets and anything in brackets (so `本年值（2023年）` is `本年值`).
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Code => &[
                "指标编码",
                "编码",
                "指标代码",
                "代码",
                "code",
                "indicatorcode",
            ],
            Field::Domain => &["领域", "所属领域", "domain"],
            Field::Name => &["指标名称", "指标", "名称", "监测指标", "indicator", "name"],
            Field::Unit => &["计量单位", "单位", "unit"],
            Field::Target => &["规划目标", "目标值", "目标", "target", "plantarget"],
            Field::Baseline => &["基期值", "基期", "基线值", "baseline"],
            Field::LastYear => &[
                "上年值",
                "上年",
                "上年数",
                "上年度值",
                "上年同期",
                "上年实际",
                "去年同期",
                "lastyear",
            ],
            Field::Value => &[
                "本年值",
                "本年",
                "本年数",
                "本年度值",
                "填报值",
                "数值",
                "本期值",
                "本年实际",
                "本期实际",
                "thisyear",
                "value",
            ],
            Field::Female => &["其中女", "女", "女性", "female", "ofwhichfemale"],
            Field::Male => &["其中男", "男", "男性", "male", "ofwhichmale"],
            Field::Urban => &["其中城镇", "城镇", "城市", "urban", "ofwhichurban"],
            Field::Rural => &["其中农村", "农村", "乡村", "rural", "ofwhichrural"],
            Field::Numerator => &["分子", "numerator"],
            Field::Denominator => &["分母", "denominator"],
            Field::Source => &["数据来源", "来源", "source", "datasource"],
            Field::Remarks => &["备注", "说明", "remarks", "note", "notes"],
        }
    }

    /// Whether departments type into this column (the rest is locked and pre-filled).
    pub fn is_input(self) -> bool {
        matches!(
            self,
            Field::Value
                | Field::Female
                | Field::Male
                | Field::Urban
                | Field::Rural
                | Field::Numerator
                | Field::Denominator
                | Field::Source
                | Field::Remarks
        )
    }

    /// Whether the column holds numbers that intake parses and keeps (every non-empty cell of these
    /// columns ends as an accepted value or a diagnostic).
    pub fn is_numeric_input(self) -> bool {
        self.is_input() && !matches!(self, Field::Source | Field::Remarks)
    }

    /// Which field a header cell names, if any.
    pub fn from_header(text: &str) -> Option<Field> {
        with_header_key(text, |key| {
            Field::ALL
                .into_iter()
                .find(|f| f.synonyms().iter().any(|s| *s == key))
        })
    }
}

/// A column of the qualitative-objectives sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QualField {
    Code,
    Domain,
    Text,
    Role,
    Assessment,
    Measures,
    Problems,
    Evidence,
}

impl QualField {
    pub const ALL: [QualField; 8] = [
        QualField::Code,
        QualField::Domain,
        QualField::Text,
        QualField::Role,
        QualField::Assessment,
        QualField::Measures,
        QualField::Problems,
        QualField::Evidence,
    ];

    pub fn header(self) -> &'static str {
        match self {
            QualField::Code => "目标编码",
            QualField::Domain => "领域",
            QualField::Text => "主要目标",
            QualField::Role => "本单位职责",
            QualField::Assessment => "自评结论",
            QualField::Measures => "采取的主要措施",
            QualField::Problems => "存在的问题",
            QualField::Evidence => "佐证材料",
        }
    }

    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            QualField::Code => &["目标编码", "编码", "目标序号", "序号", "code"],
            QualField::Domain => &["领域", "domain"],
            QualField::Text => &["主要目标", "目标", "目标内容", "objective"],
            QualField::Role => &["本单位职责", "职责", "牵头配合", "role"],
            QualField::Assessment => &[
                "自评结论",
                "自评",
                "完成情况",
                "selfassessment",
                "assessment",
            ],
            QualField::Measures => &["采取的主要措施", "主要措施", "措施", "measures"],
            QualField::Problems => &["存在的问题", "问题", "problems"],
            QualField::Evidence => &["佐证材料", "佐证", "evidence"],
        }
    }

    pub fn is_input(self) -> bool {
        matches!(
            self,
            QualField::Assessment | QualField::Measures | QualField::Problems | QualField::Evidence
        )
    }

    pub fn from_header(text: &str) -> Option<QualField> {
        with_header_key(text, |key| {
            QualField::ALL
                .into_iter()
                .find(|f| f.synonyms().iter().any(|s| *s == key))
        })
    }
}

/// Header text reduced to what identifies it: bracketed parts, spaces, punctuation and case removed.
pub fn normalize_header(text: &str) -> String {
    let mut out = String::new();
    normalize_header_into(text, usize::MAX, &mut out);
    out
}

/// The longest normalised synonym of any column, in bytes: a cell that normalises to more cannot be a
/// header, so matching stops reading it there (instruction paragraphs, indicator names).
const MAX_SYNONYM_BYTES: usize = 24;

/// `normalize_header` into a reused buffer, giving up (false) once the key is longer than `max` bytes.
/// Header matching runs on every text cell near the top of every sheet, so it must not allocate per cell.
fn normalize_header_into(text: &str, max: usize, out: &mut String) -> bool {
    out.clear();
    let mut depth = 0u32;
    for c in text.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() => {}
            '：' | ':' | '*' | '＊' | '_' | '-' | '—' | '、' | '/' => {}
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            // CJK symbols, kana and ideographs have no case: skip the lookup, they are most of the text.
            c @ '\u{3000}'..='\u{9fff}' => out.push(c),
            c => out.extend(c.to_lowercase()),
        }
        if out.len() > max {
            return false;
        }
    }
    true
}

/// Calls `f` with the header key of a cell's text, when it could be a column header (not empty, not too
/// long). The key lives in a per-thread buffer, so matching allocates nothing.
fn with_header_key<T>(text: &str, f: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|buf| {
        let mut buf = buf.borrow_mut();
        (normalize_header_into(text, MAX_SYNONYM_BYTES, &mut buf) && !buf.is_empty())
            .then(|| f(&buf))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_synonym_fits_the_header_key_limit() {
        let fields = Field::ALL.iter().flat_map(|f| f.synonyms());
        let qual = QualField::ALL.iter().flat_map(|f| f.synonyms());
        for s in fields.chain(qual) {
            assert!(s.len() <= MAX_SYNONYM_BYTES, "{s}");
            assert_eq!(normalize_header(s), *s, "synonyms are stored normalised");
        }
        assert_eq!(Field::from_header("本年值（2023年）"), Some(Field::Value));
        assert_eq!(Field::from_header(&"本年值".repeat(3)), None);
    }

    #[test]
    fn written_headers_read_back_as_their_field() {
        for f in Field::ALL {
            assert_eq!(Field::from_header(f.header()), Some(f), "{:?}", f);
            assert_eq!(Field::from_header(f.header_en()), Some(f), "{:?}", f);
        }
        for f in QualField::ALL {
            assert_eq!(QualField::from_header(f.header()), Some(f), "{:?}", f);
        }
    }

    #[test]
    fn renamed_headers_are_recognised() {
        assert_eq!(Field::from_header("本年值（2023年）"), Some(Field::Value));
        assert_eq!(Field::from_header(" 指标\n编码 "), Some(Field::Code));
        assert_eq!(Field::from_header("女性"), Some(Field::Female));
        assert_eq!(Field::from_header("填报人"), None);
    }
}
