//! The rows of the store and their Parquet schema: panel values, quarantined cells and self-assessments,
//! each as a plain Rust struct and as a polars `DataFrame`, with the conversion both ways.
//!
//! The panel is tidy long form: one row per (plan, org, indicator, year, sex, area, field, reporting unit)
//! and revision. `field` says what the number is: `value` (the indicator's value), `numerator` and
//! `denominator` (the parts of a rate, one row each, `unit = "count"`), or `target` (a yearly target handed
//! down from above, for `external` targets; only baseline/long sheets carry it). Every row keeps its
//! provenance: the file name (never a machine path), its SHA-256, the sheet and cell, the raw text as typed,
//! when it was ingested and the revision that brought it.
//!
//! The column names and types written here are the store's public schema (DuckDB, Spark and plain polars
//! read them); changing them means a new `SCHEMA_VERSION`.

use crate::error::Error;
use crate::i18n::diagnostics::DiagText;
use polars::prelude as pl;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// The version of the store layout and of the columns below. A store written by a newer planeval
/// (higher version) is refused rather than misread.
pub const SCHEMA_VERSION: u32 = 1;

/// `sex` values.
pub const SEXES: [&str; 3] = crate::breakdown::Sex::KEYS;
/// `area` values.
pub const AREAS: [&str; 3] = crate::breakdown::Area::KEYS;
/// `field` values.
pub const FIELDS: [&str; 4] = crate::breakdown::Item::KEYS;
/// The measurement unit of numerator and denominator rows.
pub const PART_UNIT: &str = "count";

/// One value of the monitoring panel with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelRow {
    pub plan_id: String,
    /// The reporting area or organisation (单位（地区）), e.g. 古县.
    pub org: String,
    pub indicator: String,
    pub year: i32,
    /// `total`, `female` or `male`.
    pub sex: String,
    /// `total`, `urban` or `rural`.
    pub area: String,
    /// `value`, `numerator`, `denominator` or `target`.
    pub field: String,
    pub value: f64,
    /// Measurement unit key from the catalog (`percent`, `per_100k`, …), `count` for rate parts.
    pub unit: String,
    /// The responsible unit (责任单位) whose file brought the value.
    pub reporting_unit: String,
    /// File name only, never a machine path.
    pub source_file: String,
    pub sha256: String,
    pub sheet: String,
    pub cell: String,
    /// The cell exactly as typed.
    pub raw: String,
    /// The data source the department named (数据来源).
    pub source: Option<String>,
    pub remarks: Option<String>,
    /// RFC 3339.
    pub ingested_at: String,
    pub revision: u32,
}

/// What one panel value is about; the row with the highest revision for a key is the current value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PanelKey {
    pub plan_id: String,
    pub org: String,
    pub indicator: String,
    pub year: i32,
    pub sex: String,
    pub area: String,
    pub field: String,
    pub reporting_unit: String,
}

/// [`PanelKey`] borrowed from a row, in the same order, for sorting and grouping without copying.
type PanelKeyRef<'a> = (
    &'a str,
    &'a str,
    &'a str,
    i32,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
);

/// Where a file's values come from, the same for every value of it: which plan, area, unit and file.
#[derive(Debug, Clone)]
pub struct FileProvenance<'a> {
    pub plan_id: &'a str,
    pub org: &'a str,
    pub reporting_unit: &'a str,
    pub source_file: &'a str,
    pub sha256: &'a str,
}

impl PanelRow {
    /// The panel row of a value read from a cell (a return's or a long sheet's), in `year`; not yet
    /// ingested (no time, revision 0). Its unit is the indicator's, or [`PART_UNIT`] for a rate's part.
    pub fn from_value(
        v: &crate::intake::AcceptedValue,
        year: i32,
        origin: &FileProvenance<'_>,
        cat: &crate::catalog::Catalog,
    ) -> PanelRow {
        let unit = match v.field {
            "numerator" | "denominator" => PART_UNIT.to_string(),
            _ => cat
                .indicator(&v.indicator)
                .map(|i| i.unit.key().to_string())
                .unwrap_or_default(),
        };
        PanelRow {
            plan_id: origin.plan_id.to_string(),
            org: origin.org.to_string(),
            indicator: v.indicator.clone(),
            year,
            sex: v.sex.to_string(),
            area: v.area.to_string(),
            field: v.field.to_string(),
            value: v.value,
            unit,
            reporting_unit: origin.reporting_unit.to_string(),
            source_file: origin.source_file.to_string(),
            sha256: origin.sha256.to_string(),
            sheet: v.sheet.clone(),
            cell: v.cell.clone(),
            raw: v.raw.clone(),
            source: v.source.clone(),
            remarks: v.remarks.clone(),
            ingested_at: String::new(),
            revision: 0,
        }
    }

    fn key_ref(&self) -> PanelKeyRef<'_> {
        (
            &self.plan_id,
            &self.org,
            &self.indicator,
            self.year,
            &self.sex,
            &self.area,
            &self.field,
            &self.reporting_unit,
        )
    }

    pub fn key(&self) -> PanelKey {
        PanelKey {
            plan_id: self.plan_id.clone(),
            org: self.org.clone(),
            indicator: self.indicator.clone(),
            year: self.year,
            sex: self.sex.clone(),
            area: self.area.clone(),
            field: self.field.clone(),
            reporting_unit: self.reporting_unit.clone(),
        }
    }
}

/// A cell (or a whole file) that was not taken into the panel, or was taken but flagged as an error,
/// kept so that a later correction can be traced to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarantineRow {
    pub plan_id: String,
    pub org: String,
    pub reporting_unit: String,
    /// 0 when the file did not say which year it reports.
    pub year: i32,
    /// The indicator of the cell's row, when it could be told.
    pub indicator: Option<String>,
    /// Diagnostic code, e.g. `V101`.
    pub code: String,
    pub severity: String,
    pub message: String,
    pub hint: String,
    pub raw: Option<String>,
    pub source_file: String,
    pub sha256: String,
    /// Empty for a problem of the whole file.
    pub sheet: String,
    pub cell: String,
    /// Whether the cell's value was nevertheless taken into the panel (rules that relate several cells,
    /// such as parts not adding up, flag the row but keep its values).
    pub kept: bool,
    pub ingested_at: String,
    pub revision: u32,
}

/// A department's self-assessment of a qualitative objective, for scoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentRow {
    pub plan_id: String,
    pub org: String,
    pub objective: String,
    pub year: i32,
    pub reporting_unit: String,
    pub assessment: String,
    pub measures: String,
    pub problems: String,
    pub evidence: String,
    pub source_file: String,
    pub sha256: String,
    pub sheet: String,
    pub cell: String,
    pub ingested_at: String,
    pub revision: u32,
}

impl AssessmentRow {
    /// (plan, org, objective, year, reporting unit): the highest revision is current.
    pub fn key(&self) -> (String, String, String, i32, String) {
        (
            self.plan_id.clone(),
            self.org.clone(),
            self.objective.clone(),
            self.year,
            self.reporting_unit.clone(),
        )
    }
}

/// The current rows of a panel: for each key, the row with the highest revision, sorted by key.
pub fn current(rows: &[PanelRow]) -> Vec<PanelRow> {
    let mut best: HashMap<PanelKeyRef, &PanelRow> = HashMap::with_capacity(rows.len());
    for r in rows {
        let b = best.entry(r.key_ref()).or_insert(r);
        if r.revision > b.revision {
            *b = r;
        }
    }
    let mut out: Vec<&PanelRow> = best.into_values().collect();
    out.sort_unstable_by(|a, b| a.key_ref().cmp(&b.key_ref()));
    out.into_iter().cloned().collect()
}

/// The current self-assessments: for each key, the highest revision.
pub fn current_assessments(rows: &[AssessmentRow]) -> Vec<AssessmentRow> {
    fn key(r: &AssessmentRow) -> (&str, &str, &str, i32, &str) {
        (&r.plan_id, &r.org, &r.objective, r.year, &r.reporting_unit)
    }
    let mut best: HashMap<_, &AssessmentRow> = HashMap::with_capacity(rows.len());
    for r in rows {
        let b = best.entry(key(r)).or_insert(r);
        if r.revision > b.revision {
            *b = r;
        }
    }
    let mut out: Vec<&AssessmentRow> = best.into_values().collect();
    out.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
    out.into_iter().cloned().collect()
}

// ── DataFrame ↔ rows ─────────────────────────────────────────────────────────────────────────────────

fn col_str<'a>(name: &str, v: impl Iterator<Item = &'a str>) -> pl::Column {
    pl::Column::new(name.into(), v.collect::<Vec<&str>>())
}

fn col_opt_str<'a>(name: &str, v: impl Iterator<Item = Option<&'a str>>) -> pl::Column {
    pl::Column::new(name.into(), v.collect::<Vec<Option<&str>>>())
}

fn col_i32(name: &str, v: impl Iterator<Item = i32>) -> pl::Column {
    pl::Column::new(name.into(), v.collect::<Vec<i32>>())
}

fn col_i64(name: &str, v: impl Iterator<Item = i64>) -> pl::Column {
    pl::Column::new(name.into(), v.collect::<Vec<i64>>())
}

fn col_f64(name: &str, v: impl Iterator<Item = f64>) -> pl::Column {
    pl::Column::new(name.into(), v.collect::<Vec<f64>>())
}

fn col_bool(name: &str, v: impl Iterator<Item = bool>) -> pl::Column {
    pl::Column::new(name.into(), v.collect::<Vec<bool>>())
}

fn frame(height: usize, columns: Vec<pl::Column>) -> Result<pl::DataFrame, Error> {
    pl::DataFrame::new(height, columns).map_err(|e| Error::StoreWrite {
        path: Default::default(),
        reason: crate::error::Reason::same(e.to_string()),
    })
}

/// The column names of the panel, in file order.
pub const PANEL_COLUMNS: [&str; 19] = [
    "plan_id",
    "org",
    "indicator",
    "year",
    "sex",
    "area",
    "field",
    "value",
    "unit",
    "reporting_unit",
    "source_file",
    "sha256",
    "sheet",
    "cell",
    "raw",
    "source",
    "remarks",
    "ingested_at",
    "revision",
];

/// A frame as Parquet bytes (Snappy, readable by every engine), for exports and packages; the store's
/// own parts are written to disk by `writer::write_parquet`.
pub fn parquet_bytes(df: &mut pl::DataFrame) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    pl::ParquetWriter::new(&mut buf)
        .with_compression(pl::ParquetCompression::Snappy)
        .finish(df)
        .map_err(|e| Error::StoreWrite {
            path: Default::default(),
            reason: crate::error::Reason::same(e.to_string()),
        })?;
    Ok(buf)
}

/// Panel rows as a DataFrame with the store's schema (`year` Int32, `value` Float64, `revision` Int64,
/// `source` and `remarks` nullable, the rest String).
pub fn panel_frame(rows: &[PanelRow]) -> Result<pl::DataFrame, Error> {
    let s = |f: fn(&PanelRow) -> &str| rows.iter().map(f);
    frame(
        rows.len(),
        vec![
            col_str("plan_id", s(|r| &r.plan_id)),
            col_str("org", s(|r| &r.org)),
            col_str("indicator", s(|r| &r.indicator)),
            col_i32("year", rows.iter().map(|r| r.year)),
            col_str("sex", s(|r| &r.sex)),
            col_str("area", s(|r| &r.area)),
            col_str("field", s(|r| &r.field)),
            col_f64("value", rows.iter().map(|r| r.value)),
            col_str("unit", s(|r| &r.unit)),
            col_str("reporting_unit", s(|r| &r.reporting_unit)),
            col_str("source_file", s(|r| &r.source_file)),
            col_str("sha256", s(|r| &r.sha256)),
            col_str("sheet", s(|r| &r.sheet)),
            col_str("cell", s(|r| &r.cell)),
            col_str("raw", s(|r| &r.raw)),
            col_opt_str("source", rows.iter().map(|r| r.source.as_deref())),
            col_opt_str("remarks", rows.iter().map(|r| r.remarks.as_deref())),
            col_str("ingested_at", s(|r| &r.ingested_at)),
            col_i64("revision", rows.iter().map(|r| i64::from(r.revision))),
        ],
    )
}

/// Panel rows from a DataFrame with the store's columns (extra columns are ignored; types are cast).
pub fn panel_rows(df: &pl::DataFrame, path: &Path) -> Result<Vec<PanelRow>, Error> {
    let c = Columns { df, path };
    let (plan_id, org, indicator, year) = (
        c.strings("plan_id")?,
        c.strings("org")?,
        c.strings("indicator")?,
        c.ints("year")?,
    );
    let (sex, area, field, value) = (
        c.strings("sex")?,
        c.strings("area")?,
        c.strings("field")?,
        c.floats("value")?,
    );
    let (unit, reporting_unit, source_file, sha256) = (
        c.strings("unit")?,
        c.strings("reporting_unit")?,
        c.strings("source_file")?,
        c.strings("sha256")?,
    );
    let (sheet, cell, raw, source, remarks) = (
        c.strings("sheet")?,
        c.strings("cell")?,
        c.strings("raw")?,
        c.strings("source")?,
        c.strings("remarks")?,
    );
    let (ingested_at, revision) = (c.strings("ingested_at")?, c.ints("revision")?);
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        out.push(PanelRow {
            plan_id: c.req(&plan_id, i, "plan_id")?,
            org: c.req(&org, i, "org")?,
            indicator: c.req(&indicator, i, "indicator")?,
            year: c.year(&year, i)?,
            sex: c.req(&sex, i, "sex")?,
            area: c.req(&area, i, "area")?,
            field: c.req(&field, i, "field")?,
            value: value[i].ok_or_else(|| c.bad("value", i))?,
            unit: c.req(&unit, i, "unit")?,
            reporting_unit: c.req(&reporting_unit, i, "reporting_unit")?,
            source_file: c.req(&source_file, i, "source_file")?,
            sha256: c.req(&sha256, i, "sha256")?,
            sheet: c.req(&sheet, i, "sheet")?,
            cell: c.req(&cell, i, "cell")?,
            raw: c.req(&raw, i, "raw")?,
            source: source[i].clone(),
            remarks: remarks[i].clone(),
            ingested_at: c.req(&ingested_at, i, "ingested_at")?,
            revision: c.revision(&revision, i)?,
        });
    }
    Ok(out)
}

pub fn quarantine_frame(rows: &[QuarantineRow]) -> Result<pl::DataFrame, Error> {
    let s = |f: fn(&QuarantineRow) -> &str| rows.iter().map(f);
    frame(
        rows.len(),
        vec![
            col_str("plan_id", s(|r| &r.plan_id)),
            col_str("org", s(|r| &r.org)),
            col_str("reporting_unit", s(|r| &r.reporting_unit)),
            col_i32("year", rows.iter().map(|r| r.year)),
            col_opt_str("indicator", rows.iter().map(|r| r.indicator.as_deref())),
            col_str("code", s(|r| &r.code)),
            col_str("severity", s(|r| &r.severity)),
            col_str("message", s(|r| &r.message)),
            col_str("hint", s(|r| &r.hint)),
            col_opt_str("raw", rows.iter().map(|r| r.raw.as_deref())),
            col_str("source_file", s(|r| &r.source_file)),
            col_str("sha256", s(|r| &r.sha256)),
            col_str("sheet", s(|r| &r.sheet)),
            col_str("cell", s(|r| &r.cell)),
            col_bool("kept", rows.iter().map(|r| r.kept)),
            col_str("ingested_at", s(|r| &r.ingested_at)),
            col_i64("revision", rows.iter().map(|r| i64::from(r.revision))),
        ],
    )
}

pub fn quarantine_rows(df: &pl::DataFrame, path: &Path) -> Result<Vec<QuarantineRow>, Error> {
    let c = Columns { df, path };
    let (plan_id, org, reporting_unit, year, indicator) = (
        c.strings("plan_id")?,
        c.strings("org")?,
        c.strings("reporting_unit")?,
        c.ints("year")?,
        c.strings("indicator")?,
    );
    let (code, severity, message, hint, raw) = (
        c.strings("code")?,
        c.strings("severity")?,
        c.strings("message")?,
        c.strings("hint")?,
        c.strings("raw")?,
    );
    let (source_file, sha256, sheet, cell, kept) = (
        c.strings("source_file")?,
        c.strings("sha256")?,
        c.strings("sheet")?,
        c.strings("cell")?,
        c.bools("kept")?,
    );
    let (ingested_at, revision) = (c.strings("ingested_at")?, c.ints("revision")?);
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        out.push(QuarantineRow {
            plan_id: c.req(&plan_id, i, "plan_id")?,
            org: c.req(&org, i, "org")?,
            reporting_unit: c.req(&reporting_unit, i, "reporting_unit")?,
            year: c.year(&year, i)?,
            indicator: indicator[i].clone(),
            code: c.req(&code, i, "code")?,
            severity: c.req(&severity, i, "severity")?,
            message: c.req(&message, i, "message")?,
            hint: c.req(&hint, i, "hint")?,
            raw: raw[i].clone(),
            source_file: c.req(&source_file, i, "source_file")?,
            sha256: c.req(&sha256, i, "sha256")?,
            sheet: c.req(&sheet, i, "sheet")?,
            cell: c.req(&cell, i, "cell")?,
            kept: kept[i].unwrap_or(false),
            ingested_at: c.req(&ingested_at, i, "ingested_at")?,
            revision: c.revision(&revision, i)?,
        });
    }
    Ok(out)
}

pub fn assessment_frame(rows: &[AssessmentRow]) -> Result<pl::DataFrame, Error> {
    let s = |f: fn(&AssessmentRow) -> &str| rows.iter().map(f);
    frame(
        rows.len(),
        vec![
            col_str("plan_id", s(|r| &r.plan_id)),
            col_str("org", s(|r| &r.org)),
            col_str("objective", s(|r| &r.objective)),
            col_i32("year", rows.iter().map(|r| r.year)),
            col_str("reporting_unit", s(|r| &r.reporting_unit)),
            col_str("assessment", s(|r| &r.assessment)),
            col_str("measures", s(|r| &r.measures)),
            col_str("problems", s(|r| &r.problems)),
            col_str("evidence", s(|r| &r.evidence)),
            col_str("source_file", s(|r| &r.source_file)),
            col_str("sha256", s(|r| &r.sha256)),
            col_str("sheet", s(|r| &r.sheet)),
            col_str("cell", s(|r| &r.cell)),
            col_str("ingested_at", s(|r| &r.ingested_at)),
            col_i64("revision", rows.iter().map(|r| i64::from(r.revision))),
        ],
    )
}

pub fn assessment_rows(df: &pl::DataFrame, path: &Path) -> Result<Vec<AssessmentRow>, Error> {
    let c = Columns { df, path };
    let (plan_id, org, objective, year, reporting_unit) = (
        c.strings("plan_id")?,
        c.strings("org")?,
        c.strings("objective")?,
        c.ints("year")?,
        c.strings("reporting_unit")?,
    );
    let (assessment, measures, problems, evidence) = (
        c.strings("assessment")?,
        c.strings("measures")?,
        c.strings("problems")?,
        c.strings("evidence")?,
    );
    let (source_file, sha256, sheet, cell) = (
        c.strings("source_file")?,
        c.strings("sha256")?,
        c.strings("sheet")?,
        c.strings("cell")?,
    );
    let (ingested_at, revision) = (c.strings("ingested_at")?, c.ints("revision")?);
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        out.push(AssessmentRow {
            plan_id: c.req(&plan_id, i, "plan_id")?,
            org: c.req(&org, i, "org")?,
            objective: c.req(&objective, i, "objective")?,
            year: c.year(&year, i)?,
            reporting_unit: c.req(&reporting_unit, i, "reporting_unit")?,
            assessment: c.req(&assessment, i, "assessment")?,
            measures: measures[i].clone().unwrap_or_default(),
            problems: problems[i].clone().unwrap_or_default(),
            evidence: evidence[i].clone().unwrap_or_default(),
            source_file: c.req(&source_file, i, "source_file")?,
            sha256: c.req(&sha256, i, "sha256")?,
            sheet: c.req(&sheet, i, "sheet")?,
            cell: c.req(&cell, i, "cell")?,
            ingested_at: c.req(&ingested_at, i, "ingested_at")?,
            revision: c.revision(&revision, i)?,
        });
    }
    Ok(out)
}

/// Reads typed columns out of a frame, naming the file and column in every error.
struct Columns<'a> {
    df: &'a pl::DataFrame,
    path: &'a Path,
}

impl Columns<'_> {
    fn corrupt(&self, text: DiagText, args: &[(&str, &str)]) -> Error {
        Error::StoreCorrupt {
            path: self.path.to_path_buf(),
            reason: crate::error::Reason::said(text, args),
        }
    }

    fn bad(&self, name: &str, row: usize) -> Error {
        self.corrupt(
            DiagText::StoreCellInvalid,
            &[("row", &(row + 1).to_string()), ("name", name)],
        )
    }

    fn column(&self, name: &str, dtype: &pl::DataType) -> Result<pl::Column, Error> {
        let col = self
            .df
            .column(name)
            .map_err(|_| self.corrupt(DiagText::StoreColumnMissing, &[("name", name)]))?;
        col.cast(dtype).map_err(|e| {
            self.corrupt(
                DiagText::StoreColumnType,
                &[("name", name), ("detail", &e.to_string())],
            )
        })
    }

    fn strings(&self, name: &str) -> Result<Vec<Option<String>>, Error> {
        let col = self.column(name, &pl::DataType::String)?;
        let ca = col.str().map_err(|e| {
            self.corrupt(
                DiagText::StoreColumn,
                &[("name", name), ("detail", &e.to_string())],
            )
        })?;
        Ok(ca.iter().map(|v| v.map(str::to_string)).collect())
    }

    fn ints(&self, name: &str) -> Result<Vec<Option<i64>>, Error> {
        let col = self.column(name, &pl::DataType::Int64)?;
        let ca = col.i64().map_err(|e| {
            self.corrupt(
                DiagText::StoreColumn,
                &[("name", name), ("detail", &e.to_string())],
            )
        })?;
        Ok(ca.iter().collect())
    }

    fn floats(&self, name: &str) -> Result<Vec<Option<f64>>, Error> {
        let col = self.column(name, &pl::DataType::Float64)?;
        let ca = col.f64().map_err(|e| {
            self.corrupt(
                DiagText::StoreColumn,
                &[("name", name), ("detail", &e.to_string())],
            )
        })?;
        Ok(ca.iter().collect())
    }

    fn bools(&self, name: &str) -> Result<Vec<Option<bool>>, Error> {
        let col = self.column(name, &pl::DataType::Boolean)?;
        let ca = col.bool().map_err(|e| {
            self.corrupt(
                DiagText::StoreColumn,
                &[("name", name), ("detail", &e.to_string())],
            )
        })?;
        Ok(ca.iter().collect())
    }

    fn req(&self, v: &[Option<String>], i: usize, name: &str) -> Result<String, Error> {
        v[i].clone().ok_or_else(|| self.bad(name, i))
    }

    fn year(&self, v: &[Option<i64>], i: usize) -> Result<i32, Error> {
        v[i].and_then(|y| i32::try_from(y).ok())
            .ok_or_else(|| self.bad("year", i))
    }

    fn revision(&self, v: &[Option<i64>], i: usize) -> Result<u32, Error> {
        v[i].and_then(|r| u32::try_from(r).ok())
            .ok_or_else(|| self.bad("revision", i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn row(indicator: &str, value: f64, revision: u32) -> PanelRow {
        PanelRow {
            plan_id: "p".into(),
            org: "古县".into(),
            indicator: indicator.into(),
            year: 2023,
            sex: "total".into(),
            area: "total".into(),
            field: "value".into(),
            value,
            unit: "percent".into(),
            reporting_unit: "卫健体局".into(),
            source_file: "a.xlsx".into(),
            sha256: "00".into(),
            sheet: "指标填报".into(),
            cell: "H5".into(),
            raw: value.to_string(),
            source: None,
            remarks: Some("备注".into()),
            ingested_at: "2024-01-01T00:00:00+08:00".into(),
            revision,
        }
    }

    #[test]
    fn panel_rows_round_trip_through_a_frame() {
        let rows = vec![row("a", 1.5, 1), row("b", 2.0, 2)];
        let df = panel_frame(&rows).unwrap();
        assert_eq!(
            df.get_column_names()
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>(),
            PANEL_COLUMNS
        );
        assert_eq!(panel_rows(&df, Path::new("x")).unwrap(), rows);
    }

    #[test]
    fn the_highest_revision_of_a_key_is_current() {
        let mut other_sex = row("a", 9.0, 1);
        other_sex.sex = "female".into();
        let rows = vec![
            row("a", 1.0, 1),
            row("a", 2.0, 3),
            row("a", 1.5, 2),
            other_sex,
        ];
        let cur = current(&rows);
        assert_eq!(cur.len(), 2);
        assert!(cur.iter().any(|r| r.sex == "total" && r.value == 2.0));
        assert!(cur.iter().any(|r| r.sex == "female" && r.value == 9.0));
    }

    #[test]
    fn a_missing_column_is_a_clear_error() {
        let df = panel_frame(&[row("a", 1.0, 1)])
            .unwrap()
            .drop("cell")
            .unwrap();
        let err = panel_rows(&df, Path::new("part.parquet")).unwrap_err();
        assert!(err.to_string().contains("cell"), "{err}");
    }
}
