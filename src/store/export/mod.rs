//! The panel for statisticians: long form (one row per value, every provenance column) or wide form
//! (one row per indicator and breakdown, one column per year), as xlsx, CSV or Parquet.
//!
//! Workbooks have Chinese headers, a frozen header row, an autofilter, CJK-aware column widths and the
//! catalog's decimals as number formats. CSV is UTF-8 with a BOM so that Excel opens Chinese text
//! correctly. Long CSV and Parquet keep the store's own column names, so they load like the store itself.
//! Everything here builds bytes; writing them (atomically) is the caller's job.
//!
//! Text typed by departments is data, not instructions for the program that opens the file: in CSV,
//! a text field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
//! (OWASP's advice against CSV injection), so Excel and LibreOffice show it instead of evaluating it;
//! numbers (`-1.5`) stay numbers. Parquet keeps every text exactly as typed. In workbooks, text is
//! written as text and cut to fit a cell (`limits`), the whole of it staying in the store.

use super::baseline::{area_label, field_label, sex_label};
use super::panel::{self, PanelRow};
use crate::breakdown::Item;
use crate::catalog::{Catalog, Dimension, Indicator};
use crate::error::Error;
use crate::limits::{header_text, write_text, TextHome};
use crate::report::messages::Lang;
use crate::style::{base_format, display_width, FONT, FOOTER_PAGES};
use crate::template::writer::target_text;
use polars::prelude as pl;
use polars::prelude::SerWriter;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, XlsxError};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// What an export file is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
    Parquet,
}

impl ExportFormat {
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("xlsx") => Some(ExportFormat::Xlsx),
            Some("csv") => Some(ExportFormat::Csv),
            Some("parquet") => Some(ExportFormat::Parquet),
            _ => None,
        }
    }
}

/// One row of the wide table: an area's indicator (and breakdown), its value in each year.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WideRow {
    /// The area (单位（地区）), as the caller labels it.
    pub org: String,
    pub indicator: String,
    pub domain: String,
    pub name: String,
    pub sex: String,
    pub area: String,
    /// `value`, or `target` for yearly targets supplied with the data.
    pub field: String,
    pub unit: String,
    #[serde(skip)]
    pub decimals: u8,
    /// Year → value.
    pub values: BTreeMap<i32, f64>,
    pub target: String,
}

impl WideRow {
    /// `合计`, `女`, `城镇`, `目标值（合计）` …
    pub fn breakdown_label(&self) -> String {
        self.breakdown_label_in(Lang::Zh)
    }

    /// [`WideRow::breakdown_label`] in `lang`: `total`, `female`, `target (total)` ….
    pub fn breakdown_label_in(&self, lang: Lang) -> String {
        let group = crate::breakdown::label(lang, &self.sex, &self.area, "value");
        if self.field == "value" {
            return group;
        }
        let item = Item::from_key(&self.field)
            .unwrap_or(Item::Value)
            .label(lang);
        match lang {
            Lang::Zh => format!("{item}（{group}）"),
            Lang::En => format!("{item} ({group})"),
        }
    }
}

/// (indicator, sex, area, field): one row of the wide table.
type WideKey = (String, String, String, String);

/// How many decimals a stored row is shown with: a rate's whole-number parts none, else the
/// indicator's decimals (2 for an indicator the plan does not know).
pub fn shown_decimals(cat: &Catalog, r: &PanelRow) -> u8 {
    let is_part = crate::breakdown::Item::from_key(&r.field).is_some_and(|i| i.is_part());
    if is_part && r.value.fract() == 0.0 {
        0
    } else {
        cat.indicator(&r.indicator).map_or(2, |i| i.decimals)
    }
}

/// The wide table of current rows, one block of rows per area: `areas` gives each block's label and the
/// `org` texts that belong to it, in the order shown (rows of other areas are not shown; areas never
/// share a row). Within an area, rows follow the plan: every reported indicator in `scope` with its
/// total and the breakdowns it is disaggregated by, then rows of any other breakdown the data holds.
/// Each cell is the number scoring reads (`observations::chosen`: when two units reported it, the
/// indicator's lead unit wins, else the latest revision), so the panel and the evaluation agree.
pub fn wide_rows(
    cat: &Catalog,
    current: &[PanelRow],
    scope: &dyn Fn(&Indicator) -> bool,
    areas: &[(String, Vec<String>)],
) -> Vec<WideRow> {
    let mut out = Vec::new();
    for (label, orgs) in areas {
        let map: Vec<(String, String)> = orgs.iter().map(|o| (o.clone(), label.clone())).collect();
        let chosen = super::observations::chosen(cat, current, &map).unwrap_or_default();
        out.extend(area_wide_rows(cat, &chosen, scope, label));
    }
    out
}

fn area_wide_rows(
    cat: &Catalog,
    chosen: &[super::observations::AreaObservation],
    scope: &dyn Fn(&Indicator) -> bool,
    org: &str,
) -> Vec<WideRow> {
    let mut cells: HashMap<WideKey, BTreeMap<i32, f64>> = HashMap::new();
    for o in chosen.iter().filter(|o| o.item.field().is_some()) {
        cells
            .entry((
                o.indicator.clone(),
                o.sex.key().to_string(),
                o.area.key().to_string(),
                o.item.key().to_string(),
            ))
            .or_default()
            .insert(o.year, o.value);
    }
    let mut out = Vec::new();
    let mut take = |key: WideKey,
                    domain: &str,
                    ind: Option<&Indicator>,
                    cells: &mut HashMap<WideKey, BTreeMap<i32, f64>>| {
        let values = cells.remove(&key).unwrap_or_default().into_iter().collect();
        let (indicator, sex, area, field) = key;
        out.push(WideRow {
            org: org.to_string(),
            domain: domain.to_string(),
            name: ind.map(|i| i.name.clone()).unwrap_or_default(),
            unit: ind.map(|i| i.unit_symbol.clone()).unwrap_or_default(),
            decimals: ind.map(|i| i.decimals).unwrap_or(2),
            target: ind.map(|i| target_text(cat, i)).unwrap_or_default(),
            indicator,
            sex,
            area,
            field,
            values,
        });
    };
    let key = |i: &Indicator, sex: &str, area: &str, field: &str| {
        (
            i.code.clone(),
            sex.to_string(),
            area.to_string(),
            field.to_string(),
        )
    };
    for (d, _, ind) in cat
        .indicators()
        .filter(|(_, _, i)| i.is_reported() && scope(i))
    {
        take(
            key(ind, "total", "total", "value"),
            &d.name,
            Some(ind),
            &mut cells,
        );
        if ind.disaggregation.contains(&Dimension::Sex) {
            take(
                key(ind, "female", "total", "value"),
                &d.name,
                Some(ind),
                &mut cells,
            );
            take(
                key(ind, "male", "total", "value"),
                &d.name,
                Some(ind),
                &mut cells,
            );
        }
        if ind.disaggregation.contains(&Dimension::Area) {
            take(
                key(ind, "total", "urban", "value"),
                &d.name,
                Some(ind),
                &mut cells,
            );
            take(
                key(ind, "total", "rural", "value"),
                &d.name,
                Some(ind),
                &mut cells,
            );
        }
        for field_key in cells
            .keys()
            .filter(|k| k.0 == ind.code)
            .cloned()
            .collect::<Vec<_>>()
        {
            take(field_key, &d.name, Some(ind), &mut cells);
        }
    }
    let mut rest: Vec<_> = cells.keys().cloned().collect();
    rest.sort();
    for k in rest {
        let ind = cat.indicator(&k.0).filter(|i| scope(i));
        if cat.indicator(&k.0).is_some() && ind.is_none() {
            continue;
        }
        take(k, "", ind, &mut cells);
    }
    out
}

/// Sorts panel rows as people read them: indicators in plan order (unknown ones after, by code), then
/// year, item (value, numerator, denominator, target), sex (total, female, male), area (total, urban,
/// rural), reporting unit and revision.
pub fn sort_in_plan_order(cat: &Catalog, rows: &mut [PanelRow]) {
    let position: HashMap<&str, usize> = cat
        .indicators()
        .enumerate()
        .map(|(n, (_, _, i))| (i.code.as_str(), n))
        .collect();
    let rank = |s: &str, all: &[&str]| all.iter().position(|x| *x == s).unwrap_or(all.len());
    rows.sort_by_cached_key(|r| {
        (
            position
                .get(r.indicator.as_str())
                .copied()
                .unwrap_or(usize::MAX),
            r.indicator.clone(),
            r.year,
            rank(&r.field, &panel::FIELDS),
            rank(&r.sex, &panel::SEXES),
            rank(&r.area, &panel::AREAS),
            r.reporting_unit.clone(),
            r.revision,
        )
    });
}

/// Years that appear in wide rows, sorted.
pub fn wide_years(rows: &[WideRow]) -> Vec<i32> {
    let mut years: Vec<i32> = rows.iter().flat_map(|r| r.values.keys().copied()).collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// A value rounded to the indicator's decimals, as text (`15.0`, `1234`).
pub fn format_value(v: f64, decimals: u8) -> String {
    format!("{v:.prec$}", prec = usize::from(decimals))
}

fn number_format(decimals: u8, thousands: bool) -> String {
    let int = if thousands { "#,##0" } else { "0" };
    match decimals {
        0 => int.to_string(),
        d => format!("{int}.{}", "0".repeat(usize::from(d))),
    }
}

struct Styles {
    header: Format,
    text: Format,
    center: Format,
}

fn styles() -> Styles {
    let base = base_format()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBFBFBF));
    Styles {
        header: base
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_text_wrap()
            .set_align(FormatAlign::Center),
        center: base.clone().set_align(FormatAlign::Center),
        text: base,
    }
}

/// Column widths from the longest text of each column, CJK counted as two.
fn widths(header: &[String], rows: &[Vec<String>]) -> Vec<f64> {
    header
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let w = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| display_width(s))
                .chain(std::iter::once(display_width(h)))
                .max()
                .unwrap_or(4);
            (w + 2).clamp(6, 48) as f64
        })
        .collect()
}

/// The wide table as a workbook: indicators × years, units, the plan's decimals, frozen header.
pub fn wide_xlsx(
    cat: &Catalog,
    rows: &[WideRow],
    years: &[i32],
    title: &str,
) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = crate::style::new_workbook();
    let ws = wb.add_worksheet();
    ws.set_name("监测面板")?;
    let mut header: Vec<String> = ["指标编码", "领域", "指标名称", "分组", "计量单位"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(years.iter().map(|y| {
        if *y == cat.plan.baseline_year {
            format!("{y}年（基期）")
        } else {
            format!("{y}年")
        }
    }));
    header.push("规划目标".into());
    header.push("单位（地区）".into());
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &st.header)?;
    }
    let year_col0 = 5u16;
    let mut texts = Vec::new();
    let mut formats: HashMap<(u8, bool), Format> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let row = 1 + i as u32;
        let fixed = [
            r.indicator.clone(),
            r.domain.clone(),
            r.name.clone(),
            r.breakdown_label(),
            r.unit.clone(),
        ];
        for (c, t) in fixed.iter().enumerate() {
            let f = if c == 3 || c == 4 {
                &st.center
            } else {
                &st.text
            };
            write_text(ws, row, c as u16, t, f, Lang::Zh, TextHome::Store)?;
        }
        let thousands = r.unit == "人" || r.unit == "个";
        let fmt = formats
            .entry((r.decimals, thousands))
            .or_insert_with(|| {
                st.text
                    .clone()
                    .set_num_format(number_format(r.decimals, thousands))
                    .set_align(FormatAlign::Right)
            })
            .clone();
        let mut line: Vec<String> = fixed.to_vec();
        for (j, y) in years.iter().enumerate() {
            let c = year_col0 + j as u16;
            match r.values.get(y) {
                Some(v) => {
                    ws.write_number_with_format(row, c, *v, &fmt)?;
                    line.push(format_value(*v, r.decimals));
                }
                None => {
                    ws.write_blank(row, c, &st.text)?;
                    line.push(String::new());
                }
            }
        }
        let c = year_col0 + years.len() as u16;
        write_text(ws, row, c, &r.target, &st.text, Lang::Zh, TextHome::Store)?;
        line.push(r.target.clone());
        write_text(ws, row, c + 1, &r.org, &st.text, Lang::Zh, TextHome::Store)?;
        line.push(r.org.clone());
        texts.push(line);
    }
    for (c, w) in widths(&header, &texts).into_iter().enumerate() {
        let w = if (year_col0 as usize..year_col0 as usize + years.len()).contains(&c) {
            w.max(10.0)
        } else {
            w
        };
        ws.set_column_width(c as u16, w)?;
    }
    let last_col = header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len().max(1) as u32, last_col)?;
    ws.set_freeze_panes(1, 3)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_header(format!("&C&\"{FONT},常规\"&10{}", header_text(title, 200)));
    ws.set_footer(FOOTER_PAGES);
    wb.save_to_buffer()
}

/// Chinese headers of the long table, with the store column each comes from.
pub const LONG_HEADERS: [(&str, &str); 20] = [
    ("规划", "plan_id"),
    ("单位（地区）", "org"),
    ("指标编码", "indicator"),
    ("指标名称", ""),
    ("年份", "year"),
    ("性别", "sex"),
    ("城乡", "area"),
    ("项目", "field"),
    ("数值", "value"),
    ("计量单位", "unit"),
    ("填报单位", "reporting_unit"),
    ("来源文件", "source_file"),
    ("工作表", "sheet"),
    ("单元格", "cell"),
    ("原文", "raw"),
    ("数据来源", "source"),
    ("备注", "remarks"),
    ("入库时间", "ingested_at"),
    ("修订号", "revision"),
    ("SHA-256", "sha256"),
];

/// The long table as a workbook (one row per value, every provenance column).
pub fn long_xlsx(cat: &Catalog, rows: &[PanelRow]) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = crate::style::new_workbook();
    let ws = wb.add_worksheet();
    ws.set_name("监测面板（长表）")?;
    let header: Vec<String> = LONG_HEADERS.iter().map(|(h, _)| h.to_string()).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &st.header)?;
    }
    let mut formats: HashMap<u8, Format> = HashMap::new();
    let mut texts = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let row = 1 + i as u32;
        let ind = cat.indicator(&r.indicator);
        let decimals = shown_decimals(cat, r);
        let unit = if r.unit == panel::PART_UNIT {
            "例/人".to_string()
        } else {
            ind.map(|i| i.unit_symbol.clone())
                .unwrap_or_else(|| r.unit.clone())
        };
        let line: Vec<String> = vec![
            r.plan_id.clone(),
            r.org.clone(),
            r.indicator.clone(),
            ind.map(|i| i.name.clone()).unwrap_or_default(),
            r.year.to_string(),
            sex_label(&r.sex).to_string(),
            area_label(&r.area).to_string(),
            field_label(&r.field).to_string(),
            format_value(r.value, decimals),
            unit,
            r.reporting_unit.clone(),
            r.source_file.clone(),
            r.sheet.clone(),
            r.cell.clone(),
            r.raw.clone(),
            r.source.clone().unwrap_or_default(),
            r.remarks.clone().unwrap_or_default(),
            r.ingested_at.clone(),
            r.revision.to_string(),
            r.sha256.clone(),
        ];
        for (c, t) in line.iter().enumerate() {
            let c16 = c as u16;
            match LONG_HEADERS[c].1 {
                "year" => {
                    ws.write_number_with_format(row, c16, f64::from(r.year), &st.center)?;
                }
                "revision" => {
                    ws.write_number_with_format(row, c16, f64::from(r.revision), &st.center)?;
                }
                "value" => {
                    let fmt = formats.entry(decimals).or_insert_with(|| {
                        st.text
                            .clone()
                            .set_num_format(number_format(decimals, false))
                            .set_align(FormatAlign::Right)
                    });
                    ws.write_number_with_format(row, c16, r.value, fmt)?;
                }
                _ => {
                    write_text(ws, row, c16, t, &st.text, Lang::Zh, TextHome::Store)?;
                }
            }
        }
        texts.push(line);
    }
    for (c, w) in widths(&header, &texts).into_iter().enumerate() {
        let w = if LONG_HEADERS[c].1 == "sha256" {
            18.0
        } else {
            w
        };
        ws.set_column_width(c as u16, w)?;
    }
    ws.autofilter(0, 0, rows.len().max(1) as u32, (header.len() - 1) as u16)?;
    ws.set_freeze_panes(1, 3)?;
    wb.save_to_buffer()
}

/// Whether a spreadsheet program opening a CSV would take this text as a formula (OWASP, CSV
/// injection): it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a plain number.
fn acts_as_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(s)
}

/// `-1.5`, `+3`, `-2e-3`: a number as a CSV reader parses it (not `-inf` or `-nan`, which Rust's
/// parser accepts and a spreadsheet would not).
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && s.parse::<f64>().is_ok()
}

/// A text field as it is safe in CSV: `'` before text that would act as a formula.
pub fn csv_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if acts_as_formula(s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Every text column of `df` with formula-leading fields neutralised (`csv_safe`).
fn neutralise_formulas(df: &pl::DataFrame) -> Result<pl::DataFrame, pl::PolarsError> {
    let columns = df
        .columns()
        .iter()
        .map(|col| -> Result<pl::Column, pl::PolarsError> {
            if col.dtype() != &pl::DataType::String {
                return Ok(col.clone());
            }
            let ca = col.str()?;
            if !ca.iter().flatten().any(acts_as_formula) {
                return Ok(col.clone());
            }
            let safe: pl::StringChunked = ca
                .iter()
                .map(|v| v.map(|s| csv_safe(s).into_owned()))
                .collect();
            Ok(pl::IntoColumn::into_column(
                safe.with_name(col.name().clone()),
            ))
        })
        .collect::<Result<Vec<_>, _>>()?;
    pl::DataFrame::new(df.height(), columns)
}

fn csv_bytes(df: &mut pl::DataFrame) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    let mut safe = neutralise_formulas(df).map_err(|e| Error::StoreWrite {
        path: Default::default(),
        reason: crate::error::Reason::same(e.to_string()),
    })?;
    pl::CsvWriter::new(&mut buf)
        .include_bom(true)
        .finish(&mut safe)
        .map_err(|e| Error::StoreWrite {
            path: Default::default(),
            reason: crate::error::Reason::same(e.to_string()),
        })?;
    Ok(buf)
}

/// The long table as CSV (UTF-8 with BOM) with the store's column names.
pub fn long_csv(rows: &[PanelRow]) -> Result<Vec<u8>, Error> {
    csv_bytes(&mut panel::panel_frame(rows)?)
}

/// The long table as Parquet with the store's schema.
pub fn long_parquet(rows: &[PanelRow]) -> Result<Vec<u8>, Error> {
    panel::parquet_bytes(&mut panel::panel_frame(rows)?)
}

/// The wide table as a DataFrame: `indicator, domain, name, sex, area, field, unit`, one Float64 column
/// per year (named by the year), `target`, `org`.
pub fn wide_frame(rows: &[WideRow], years: &[i32]) -> Result<pl::DataFrame, Error> {
    let s = |f: fn(&WideRow) -> &str| rows.iter().map(f).collect::<Vec<&str>>();
    let mut columns = vec![
        pl::Column::new("indicator".into(), s(|r| &r.indicator)),
        pl::Column::new("domain".into(), s(|r| &r.domain)),
        pl::Column::new("name".into(), s(|r| &r.name)),
        pl::Column::new("sex".into(), s(|r| &r.sex)),
        pl::Column::new("area".into(), s(|r| &r.area)),
        pl::Column::new("field".into(), s(|r| &r.field)),
        pl::Column::new("unit".into(), s(|r| &r.unit)),
    ];
    for y in years {
        let values: Vec<Option<f64>> = rows.iter().map(|r| r.values.get(y).copied()).collect();
        columns.push(pl::Column::new(y.to_string().into(), values));
    }
    columns.push(pl::Column::new("target".into(), s(|r| &r.target)));
    columns.push(pl::Column::new("org".into(), s(|r| &r.org)));
    pl::DataFrame::new(rows.len(), columns).map_err(|e| Error::StoreWrite {
        path: Default::default(),
        reason: crate::error::Reason::same(e.to_string()),
    })
}

/// The wide table as CSV (UTF-8 with BOM), Chinese headers, values rounded to the plan's decimals.
pub fn wide_csv(rows: &[WideRow], years: &[i32]) -> Result<Vec<u8>, Error> {
    let text = |v: Vec<String>| v;
    let mut columns = vec![
        pl::Column::new(
            "指标编码".into(),
            text(rows.iter().map(|r| r.indicator.clone()).collect()),
        ),
        pl::Column::new(
            "领域".into(),
            text(rows.iter().map(|r| r.domain.clone()).collect()),
        ),
        pl::Column::new(
            "指标名称".into(),
            text(rows.iter().map(|r| r.name.clone()).collect()),
        ),
        pl::Column::new(
            "分组".into(),
            text(rows.iter().map(|r| r.breakdown_label()).collect()),
        ),
        pl::Column::new(
            "计量单位".into(),
            text(rows.iter().map(|r| r.unit.clone()).collect()),
        ),
    ];
    for y in years {
        let values: Vec<Option<String>> = rows
            .iter()
            .map(|r| r.values.get(y).map(|v| format_value(*v, r.decimals)))
            .collect();
        columns.push(pl::Column::new(format!("{y}年").into(), values));
    }
    columns.push(pl::Column::new(
        "规划目标".into(),
        text(rows.iter().map(|r| r.target.clone()).collect()),
    ));
    columns.push(pl::Column::new(
        "单位（地区）".into(),
        text(rows.iter().map(|r| r.org.clone()).collect()),
    ));
    let mut df = pl::DataFrame::new(rows.len(), columns).map_err(|e| Error::StoreWrite {
        path: Default::default(),
        reason: crate::error::Reason::same(e.to_string()),
    })?;
    csv_bytes(&mut df)
}

/// The wide table as Parquet (see `wide_frame`).
pub fn wide_parquet(rows: &[WideRow], years: &[i32]) -> Result<Vec<u8>, Error> {
    panel::parquet_bytes(&mut wide_frame(rows, years)?)
}

#[cfg(test)]
mod tests;
