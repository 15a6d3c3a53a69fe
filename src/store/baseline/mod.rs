//! Baseline and earlier years (基期及历年数据): a long-format sheet, one value per row, read into the store
//! with the same value rules as a return, and the pre-filled template of that sheet.
//!
//! Columns (found by header, in any order; Chinese or English): 指标编码 `indicator`, 年份 `year`,
//! 性别 `sex` (合计/女/男), 城乡 `area` (合计/城镇/农村), 数值 `value`, 数据来源 `source`; optional
//! 项目 `field` (数值/分子/分母/目标值 — 目标值 carries the yearly target of an `external` target),
//! 指标名称 `name` (used when the code is missing), 填报单位 `reporting_unit` (default: the indicator's
//! lead unit), 单位（地区） `org` (the area a row is of — a prefecture's sheet may carry its counties'
//! baselines; default: the plan's region) and 备注 `remarks`. A 目标值 `target` column (instead of, or beside, 数值) holds yearly
//! targets. The file may be xlsx/xls/ods (read with calamine) or CSV (UTF-8 with or without BOM, or
//! GB18030 as Chinese Excel saves it; comma or tab separated). A CSV is read as one sheet
//! named `csv` with A1-style cells, so every diagnostic still says file!sheet!cell.
//!
//! Every non-empty value cell ends as a stored value or a diagnostic: the number rules are
//! `intake::value::read_number`, the range rule is R203, and the store's own codes say what else is wrong
//! with a row (S002 a year that is not a year of the plan, S003 a sex/area/item word that is not known or
//! not a breakdown of that indicator). Rows whose value is left empty are skipped: they were not filled.
//!
//! This module reads the sheet; `csv` turns a CSV file into the same grid, `batch` hands the rows to the
//! store, `template` writes the pre-filled sheet departments fill in.

use super::manifest::{FileKind, IngestedFile};
use super::panel::{PanelRow, QuarantineRow};
use super::{file_name_of, Batch};
use crate::breakdown::{Area, Item, Sex};
use crate::catalog::{Catalog, Dimension, Indicator, MeasureUnit, TargetKind};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::i18n::diagnostics::DiagText;
use crate::i18n::Lang;
use crate::intake::locate::name_key;
use crate::intake::read::{self, cell_name, ReadLimits, SheetGrid};
use crate::intake::sniff::{self, FileProblem, Limits};
use crate::intake::value::{self, Outcome, ValueContext};
use crate::intake::AcceptedValue;
use crate::style::{base_format, display_width, FOOTER_PAGES};
use crate::template::layout::{normalize_header, META_MARKER};
use calamine::Data;
use rust_xlsxwriter::{
    Color, DocProperties, FormatAlign, FormatBorder, ProtectionOptions, XlsxError,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

mod batch;
mod csv;
mod rows;
mod template;

use csv::{csv_grid, decode_text};
#[cfg(test)]
mod tests;

pub use template::{build_template, template_years};

/// The sheet and file names the template writes.
pub const SHEET_NAME: &str = "基期及历年数据";
pub const FILE_NAME: &str = "基期及历年数据.xlsx";
/// The sheet name diagnostics give a CSV file.
pub const CSV_SHEET: &str = "csv";

/// A column of the long sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LongField {
    Indicator,
    Domain,
    Name,
    Unit,
    Year,
    Sex,
    Area,
    Item,
    Value,
    /// A yearly target handed down (read as a value with `field = target`).
    Target,
    Source,
    Remarks,
    ReportingUnit,
    /// The area (单位（地区）) a row is of.
    Org,
}

impl LongField {
    /// In the order the template writes them (`ReportingUnit` is read, not written).
    pub const WRITTEN: [LongField; 11] = [
        LongField::Indicator,
        LongField::Domain,
        LongField::Name,
        LongField::Unit,
        LongField::Year,
        LongField::Sex,
        LongField::Area,
        LongField::Item,
        LongField::Value,
        LongField::Source,
        LongField::Remarks,
    ];
    const ALL: [LongField; 14] = [
        LongField::Indicator,
        LongField::Domain,
        LongField::Name,
        LongField::Unit,
        LongField::Year,
        LongField::Sex,
        LongField::Area,
        LongField::Item,
        LongField::Value,
        LongField::Source,
        LongField::Remarks,
        LongField::ReportingUnit,
        LongField::Target,
        LongField::Org,
    ];

    pub fn header(self) -> &'static str {
        match self {
            LongField::Indicator => "指标编码",
            LongField::Domain => "领域",
            LongField::Name => "指标名称",
            LongField::Unit => "计量单位",
            LongField::Year => "年份",
            LongField::Sex => "性别",
            LongField::Area => "城乡",
            LongField::Item => "项目",
            LongField::Value => "数值",
            LongField::Target => "目标值",
            LongField::Source => "数据来源",
            LongField::Remarks => "备注",
            LongField::ReportingUnit => "填报单位",
            LongField::Org => "单位（地区）",
        }
    }

    /// Header words, already in `normalize_header` form.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            LongField::Indicator => &[
                "指标编码",
                "编码",
                "指标代码",
                "代码",
                "indicator",
                "code",
                "indicatorcode",
            ],
            LongField::Domain => &["领域", "domain"],
            LongField::Name => &["指标名称", "指标", "名称", "name", "indicatorname"],
            LongField::Unit => &["计量单位", "unit"],
            LongField::Year => &["年份", "年度", "年", "year"],
            LongField::Sex => &["性别", "sex", "gender"],
            LongField::Area => &["城乡", "地区类型", "area"],
            LongField::Item => &["项目", "数据项", "指标项", "field", "item"],
            LongField::Value => &["数值", "值", "数据", "本年值", "value"],
            LongField::Target => &["目标值", "下达目标", "年度目标", "target"],
            LongField::Source => &["数据来源", "来源", "source", "datasource"],
            LongField::Remarks => &["备注", "说明", "remarks", "note", "notes"],
            LongField::ReportingUnit => &["填报单位", "责任单位", "报送单位", "reportingunit"],
            LongField::Org => &["地区", "地区名称", "org"],
        }
    }

    fn from_header(text: &str) -> Option<LongField> {
        // 单位（地区） is the templates' own word for the area; bracketed text is otherwise dropped
        // (and a bare 单位 is a measurement unit), so it is recognised before normalising.
        if name_key(text) == "单位（地区）" {
            return Some(LongField::Org);
        }
        let key = normalize_header(text);
        LongField::ALL
            .into_iter()
            .find(|f| f.synonyms().contains(&key.as_str()))
    }
}

pub use crate::breakdown::{area_label, item_label as field_label, sex_label};

fn sex_key(text: &str) -> Option<&'static str> {
    match normalize_header(text).as_str() {
        "" | "合计" | "总计" | "全部" | "总体" | "小计" | "total" | "all" => {
            Some("total")
        }
        "女" | "女性" | "妇女" | "female" | "f" => Some("female"),
        "男" | "男性" | "male" | "m" => Some("male"),
        _ => None,
    }
}

fn area_key(text: &str) -> Option<&'static str> {
    match normalize_header(text).as_str() {
        "" | "合计" | "总计" | "全部" | "全县" | "小计" | "total" | "all" => {
            Some("total")
        }
        "城镇" | "城市" | "城" | "urban" => Some("urban"),
        "农村" | "乡村" | "乡" | "rural" => Some("rural"),
        _ => None,
    }
}

fn field_key(text: &str) -> Option<&'static str> {
    match normalize_header(text).as_str() {
        "" | "数值" | "值" | "实际值" | "value" => Some("value"),
        "分子" | "numerator" => Some("numerator"),
        "分母" | "denominator" => Some("denominator"),
        "目标" | "目标值" | "下达目标" | "target" => Some("target"),
        _ => None,
    }
}

/// One accepted row of a long sheet: the value as any cell's (its year always known), and who
/// reported it for which area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LongRow {
    /// The value as read from its cell.
    #[serde(flatten)]
    pub read: AcceptedValue,
    pub reporting_unit: String,
    /// The area the row is of, when the sheet says (else the plan's region).
    pub org: Option<String>,
}

impl std::ops::Deref for LongRow {
    type Target = AcceptedValue;
    fn deref(&self) -> &AcceptedValue {
        &self.read
    }
}

/// What a row is about, as far as it could be read (to file its diagnostics in the quarantine).
#[derive(Debug, Clone, Default)]
struct RowContext {
    indicator: Option<String>,
    year: Option<i32>,
    unit: Option<String>,
    org: Option<String>,
}

/// Everything learnt from one long sheet.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LongSheet {
    pub path: String,
    /// `xlsx`, `xls`, `ods`, … or `csv`.
    pub format: String,
    pub sheet: Option<String>,
    pub cells_nonempty: usize,
    pub rows: Vec<LongRow>,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    context: BTreeMap<(String, u32), RowContext>,
}

impl LongSheet {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Warning)
            .count()
    }
}

/// Reads a long sheet from `bytes`. `display` names the file in diagnostics.
pub fn read_long_sheet(bytes: &[u8], display: &str, cat: &Catalog) -> LongSheet {
    let mut out = LongSheet {
        path: display.to_string(),
        ..Default::default()
    };
    let file_diag = |p: FileProblem| {
        p.into_diagnostic(Location::File {
            file: display.to_string(),
        })
    };
    let said = |code: Code, message: DiagText, hint: DiagText| {
        Diagnostic::said(
            code,
            Location::File {
                file: display.to_string(),
            },
            None,
            message,
            hint,
            &[],
        )
    };
    let ext = Path::new(display)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let is_workbook = bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let sheets: Vec<SheetGrid> = if is_workbook || bytes.is_empty() {
        let limits = Limits::default();
        let sniffed = match sniff::sniff(bytes, ext.as_deref(), &limits) {
            Ok(s) => s,
            Err(p) => {
                out.diagnostics.push(file_diag(p));
                return out;
            }
        };
        out.format = sniffed.format.name().to_string();
        // In a worker process, as returns are: a reader crash is this file's F010, not the run's end.
        let read = crate::intake::worker::read_workbook(
            bytes.to_vec(),
            sniffed.format,
            &ReadLimits::default(),
            &crate::intake::worker::WorkerLimits::default(),
        );
        match read {
            Ok(wb) => wb.sheets,
            Err(failure) => {
                let p = match failure {
                    crate::intake::worker::ReadFailure::Reader(msg) => {
                        sniff::classify_calamine_error(&msg)
                    }
                    crate::intake::worker::ReadFailure::Worker(seen) => {
                        crate::intake::worker::reader_failed(&seen, sniffed.format)
                    }
                };
                out.diagnostics.push(file_diag(p));
                return out;
            }
        }
    } else {
        match decode_text(bytes) {
            Some(text) => {
                out.format = "csv".into();
                vec![csv_grid(&text)]
            }
            None => {
                out.diagnostics.push(said(
                    Code::FileUnreadable,
                    DiagText::LongNotSheetOrText,
                    DiagText::HintLongFormats,
                ));
                return out;
            }
        }
    };

    let found = sheets
        .iter()
        .filter(|s| s.text(0, 0) != META_MARKER)
        .find_map(|s| find_header(s).map(|h| (s, h)));
    let Some((sheet, (header_row, columns))) = found else {
        out.diagnostics.push(said(
            Code::NoDataSheet,
            DiagText::LongNoTable,
            DiagText::HintLongTemplate,
        ));
        return out;
    };
    out.sheet = Some(sheet.name.clone());
    rows::read_rows(&mut out, sheet, header_row, &columns, cat);
    out
}

/// The header row and its columns: the first row (within the first 30) naming a code or name column,
/// a year column and a value (or target) column.
fn find_header(sheet: &SheetGrid) -> Option<(u32, BTreeMap<LongField, u32>)> {
    for row in sheet.rows().into_iter().take_while(|r| *r < 30) {
        let mut columns = BTreeMap::new();
        for (col, _) in sheet.row_cells(row) {
            if let Some(f) = LongField::from_header(&sheet.text(row, col)) {
                columns.entry(f).or_insert(col);
            }
        }
        let has_id =
            columns.contains_key(&LongField::Indicator) || columns.contains_key(&LongField::Name);
        if has_id
            && columns.contains_key(&LongField::Year)
            && (columns.contains_key(&LongField::Value) || columns.contains_key(&LongField::Target))
        {
            return Some((row, columns));
        }
    }
    None
}

/// `女·数值`, `合计·分子` …: a long row's breakdown and item, in `lang`.
fn describe(lang: Lang, sex: &str, area: &str, field: &str) -> String {
    let mut parts = Vec::new();
    if sex != "total" {
        parts.push(Sex::from_key(sex).unwrap_or(Sex::Total).label(lang));
    }
    if area != "total" {
        parts.push(Area::from_key(area).unwrap_or(Area::Total).label(lang));
    }
    if parts.is_empty() {
        parts.push(Sex::Total.label(lang));
    }
    parts.push(Item::from_key(field).unwrap_or(Item::Value).label(lang));
    parts.join("·")
}

/// Why a breakdown does not fit an indicator, if it does not.
fn breakdown_problem(ind: &Indicator, sex: &str, area: &str, field: &str) -> Option<DiagText> {
    if sex != "total" && area != "total" {
        return Some(DiagText::BreakdownBoth);
    }
    if sex != "total" && !ind.disaggregation.contains(&Dimension::Sex) {
        return Some(DiagText::BreakdownNoSex);
    }
    if area != "total" && !ind.disaggregation.contains(&Dimension::Area) {
        return Some(DiagText::BreakdownNoArea);
    }
    if matches!(field, "numerator" | "denominator") && ind.rate.is_none() {
        return Some(DiagText::BreakdownNoParts);
    }
    None
}

fn parse_year(data: &Data) -> Option<i32> {
    match data {
        Data::Int(i) => i32::try_from(*i).ok(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 10_000.0 => Some(*f as i32),
        Data::String(s) => {
            let t = s.trim().trim_end_matches('年').trim();
            let t: String = t
                .chars()
                .map(|c| match c {
                    '０'..='９' => {
                        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
                    }
                    c => c,
                })
                .collect();
            (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        }
        _ => None,
    }
}
