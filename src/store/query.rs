//! The store's queries, keyed by area, as polars lazy scans of the Parquet parts the manifest lists.
//!
//! Every query names the areas (`org` texts) it reads; nothing here ever pools the values of several
//! areas into one number. A query scans only the parts the manifest lists (never a glob of the folders),
//! prunes the hive partitions (`year=YYYY`) by the years each part holds, reads only the columns it needs
//! (projection pushdown) and filters by plan, area, year, indicator and unit inside the scan (predicate
//! pushdown into the Parquet row groups), so that a prefecture or province store answers for one area
//! without reading every area's rows. The current value of a key is the row with the highest revision
//! (a window over the key), and the one observation per indicator, year and breakdown that scoring reads
//! is chosen by a join with the plan's lead units and a group-by (see `observations`).
//!
//! Each part is checked against the manifest before it is scanned (its row count and its columns, from
//! the Parquet footer), so that a replaced or truncated part is refused by name rather than misread.

use super::manifest::{Part, Table};
use super::panel::{self, AssessmentRow, PanelRow, QuarantineRow};
use super::Store;
use crate::error::Error;
use crate::i18n::diagnostics::DiagText;
use polars::prelude as pl;
use polars::prelude::{col, lit, IntoLazy, SerReader};
use std::path::Path;

/// The columns of a panel key, in order: the current value of a key is its highest revision.
pub const PANEL_KEY: [&str; 8] = [
    "plan_id",
    "org",
    "indicator",
    "year",
    "sex",
    "area",
    "field",
    "reporting_unit",
];

/// What a query reads. Empty lists mean "all"; `orgs = None` means every area (only for listing the
/// areas themselves, or a store that holds one).
#[derive(Debug, Clone, Default)]
pub struct Filter<'a> {
    pub plan_id: Option<&'a str>,
    /// The `org` texts of the areas to read.
    pub orgs: Option<&'a [String]>,
    pub years: &'a [i32],
    pub indicators: &'a [String],
    pub reporting_unit: Option<&'a str>,
    pub fields: &'a [&'a str],
}

impl Filter<'_> {
    fn wants_year(&self, year: i32) -> bool {
        self.years.is_empty() || self.years.contains(&year)
    }

    /// The predicate, pushed into the scans. Every column named here is a key column, so filtering
    /// before the "current" window gives the same current rows as filtering after it.
    fn predicate(&self, table: Table) -> pl::Expr {
        let mut p = lit(true);
        if let Some(plan) = self.plan_id {
            p = p.and(col("plan_id").eq(lit(plan.to_string())));
        }
        if let Some(orgs) = self.orgs {
            p = p.and(any_of("org", orgs.iter().map(String::as_str)));
        }
        if !self.years.is_empty() {
            p = p.and(any_of_i32("year", self.years));
        }
        if !self.indicators.is_empty() && table != Table::Assessments {
            p = p.and(any_of(
                "indicator",
                self.indicators.iter().map(String::as_str),
            ));
        }
        if let Some(unit) = self.reporting_unit {
            p = p.and(col("reporting_unit").eq(lit(unit.to_string())));
        }
        if !self.fields.is_empty() && table == Table::Panel {
            p = p.and(any_of("field", self.fields.iter().copied()));
        }
        p
    }
}

/// `column ∈ values` as equalities joined by `or` (Parquet statistics can prune on each), as a
/// balanced tree so that a province's hundred-odd areas make an expression a few levels deep.
fn any_of<'v>(column: &str, values: impl Iterator<Item = &'v str>) -> pl::Expr {
    balanced_or(values.map(|v| col(column).eq(lit(v.to_string()))).collect())
}

fn any_of_i32(column: &str, values: &[i32]) -> pl::Expr {
    balanced_or(values.iter().map(|v| col(column).eq(lit(*v))).collect())
}

fn balanced_or(mut terms: Vec<pl::Expr>) -> pl::Expr {
    if terms.is_empty() {
        return lit(false);
    }
    while terms.len() > 1 {
        let mut next = Vec::with_capacity(terms.len().div_ceil(2));
        let mut it = terms.into_iter();
        while let Some(a) = it.next() {
            next.push(match it.next() {
                Some(b) => a.or(b),
                None => a,
            });
        }
        terms = next;
    }
    terms.pop().unwrap_or_else(|| lit(false))
}

/// The columns of each table and the type they are read as (older parts are cast to it).
fn columns_of(table: Table) -> Vec<(&'static str, pl::DataType)> {
    use pl::DataType::{Boolean, Float64, Int32, Int64, String as Str};
    let typed = |name: &'static str| match name {
        "year" => Int32,
        "value" => Float64,
        "revision" => Int64,
        "kept" => Boolean,
        _ => Str,
    };
    let names: Vec<&'static str> = match table {
        Table::Panel => panel::PANEL_COLUMNS.to_vec(),
        Table::Quarantine => vec![
            "plan_id",
            "org",
            "reporting_unit",
            "year",
            "indicator",
            "code",
            "severity",
            "message",
            "hint",
            "raw",
            "source_file",
            "sha256",
            "sheet",
            "cell",
            "kept",
            "ingested_at",
            "revision",
        ],
        Table::Assessments => vec![
            "plan_id",
            "org",
            "objective",
            "year",
            "reporting_unit",
            "assessment",
            "measures",
            "problems",
            "evidence",
            "source_file",
            "sha256",
            "sheet",
            "cell",
            "ingested_at",
            "revision",
        ],
    };
    names.into_iter().map(|n| (n, typed(n))).collect()
}

fn corrupt(path: &Path, text: DiagText, args: &[(&str, &str)]) -> Error {
    Error::StoreCorrupt {
        path: path.to_path_buf(),
        reason: crate::error::Reason::said(text, args),
    }
}

fn polars_error(dir: &Path, e: pl::PolarsError) -> Error {
    corrupt(
        dir,
        DiagText::StoreQueryFailed,
        &[("detail", &e.to_string())],
    )
}

impl Store {
    /// A lazy scan of the listed parts of `table` whose year the filter wants, projected on `columns`
    /// (cast to the store's types). `None` when no part qualifies.
    fn scan(
        &self,
        table: Table,
        filter: &Filter,
        columns: &[&str],
    ) -> Result<Option<pl::LazyFrame>, Error> {
        let all = columns_of(table);
        let wanted: Vec<(&str, pl::DataType)> = all
            .iter()
            .filter(|(n, _)| columns.contains(n))
            .cloned()
            .collect();
        let parts: Vec<&Part> = self
            .manifest()
            .parts_of(table)
            .filter(|p| filter.wants_year(p.year))
            .collect();
        let mut frames = Vec::with_capacity(parts.len());
        for part in parts {
            let path = self.dir().join(&part.path);
            self.check_part(part, &path, &wanted)?;
            let source = pl::PlRefPath::try_from_path(&path).map_err(|e| {
                corrupt(
                    &path,
                    DiagText::StorePathUnreadable,
                    &[("detail", &e.to_string())],
                )
            })?;
            let args = pl::ScanArgsParquet {
                // The manifest names each file: never expand `[`, `*` in a folder name as a glob, and
                // never read `=` in the store's own path as a partition.
                glob: false,
                hive_options: polars::io::HiveOptions::new_disabled(),
                ..Default::default()
            };
            let lf = pl::LazyFrame::scan_parquet(source, args).map_err(|e| {
                corrupt(
                    &path,
                    DiagText::StorePartNotParquet,
                    &[("detail", &e.to_string())],
                )
            })?;
            frames.push(
                lf.select(
                    wanted
                        .iter()
                        .map(|(n, t)| col(*n).cast(t.clone()))
                        .collect::<Vec<_>>(),
                ),
            );
        }
        if frames.is_empty() {
            return Ok(None);
        }
        let lf = pl::concat(frames, pl::UnionArgs::default())
            .map_err(|e| polars_error(self.dir(), e))?;
        Ok(Some(lf.filter(filter.predicate(table))))
    }

    /// The part's footer agrees with the manifest: as many rows, and the columns a query reads.
    fn check_part(
        &self,
        part: &Part,
        path: &Path,
        wanted: &[(&str, pl::DataType)],
    ) -> Result<(), Error> {
        let file = std::fs::File::open(path).map_err(|e| {
            corrupt(
                path,
                DiagText::StorePartUnopenable,
                &[("detail", &e.to_string())],
            )
        })?;
        let mut reader = pl::ParquetReader::new(file);
        let rows = reader.num_rows().map_err(|e| {
            corrupt(
                path,
                DiagText::StorePartNotParquet,
                &[("detail", &e.to_string())],
            )
        })?;
        if rows != part.rows {
            return Err(corrupt(
                path,
                DiagText::StorePartRows,
                &[
                    ("rows", &rows.to_string()),
                    ("listed", &part.rows.to_string()),
                ],
            ));
        }
        let schema = reader.schema().map_err(|e| {
            corrupt(
                path,
                DiagText::StorePartNotParquet,
                &[("detail", &e.to_string())],
            )
        })?;
        for (name, _) in wanted {
            if schema.get(name).is_none() {
                return Err(corrupt(
                    path,
                    DiagText::StoreColumnMissing,
                    &[("name", name)],
                ));
            }
        }
        Ok(())
    }

    fn collect(&self, lf: pl::LazyFrame) -> Result<pl::DataFrame, Error> {
        lf.collect().map_err(|e| polars_error(self.dir(), e))
    }

    /// Panel rows matching `filter`: the current value of each key (`current = true`), else every
    /// revision. Sorted by key (then revision).
    pub fn query_panel(&self, filter: &Filter, current: bool) -> Result<Vec<PanelRow>, Error> {
        let Some(lf) = self.scan(Table::Panel, filter, &panel::PANEL_COLUMNS)? else {
            return Ok(Vec::new());
        };
        let lf = if current {
            let key: Vec<pl::Expr> = PANEL_KEY.iter().map(|c| col(*c)).collect();
            let max = col("revision")
                .max()
                .over(key)
                .map_err(|e| polars_error(self.dir(), e))?;
            lf.filter(col("revision").eq(max))
        } else {
            lf
        };
        let df = self.collect(lf)?;
        let mut rows = panel::panel_rows(&df, self.dir())?;
        if current {
            // Two rows of one key and revision cannot come from one ingest; keep one all the same.
            rows = panel::current(&rows);
        } else {
            rows.sort_by_key(|a| (a.key(), a.revision));
        }
        Ok(rows)
    }

    /// The current panel rows of one area (`org` as stored), every year: e.g. the baseline and last
    /// year's values a template of that area shows.
    pub fn current_panel_of(&self, org: &str) -> Result<Vec<PanelRow>, Error> {
        let orgs = [org.to_string()];
        self.query_panel(
            &Filter {
                orgs: Some(&orgs),
                ..Default::default()
            },
            true,
        )
    }

    /// Quarantined cells matching `filter` (plan, areas, years, indicators, unit), in part order.
    pub fn query_quarantine(&self, filter: &Filter) -> Result<Vec<QuarantineRow>, Error> {
        let names: Vec<&str> = columns_of(Table::Quarantine)
            .iter()
            .map(|(n, _)| *n)
            .collect();
        let Some(lf) = self.scan(Table::Quarantine, filter, &names)? else {
            return Ok(Vec::new());
        };
        let df = self.collect(lf)?;
        panel::quarantine_rows(&df, self.dir())
    }

    /// Self-assessments matching `filter` (plan, areas, years, unit), every revision.
    pub fn query_assessments(&self, filter: &Filter) -> Result<Vec<AssessmentRow>, Error> {
        let names: Vec<&str> = columns_of(Table::Assessments)
            .iter()
            .map(|(n, _)| *n)
            .collect();
        let Some(lf) = self.scan(Table::Assessments, filter, &names)? else {
            return Ok(Vec::new());
        };
        let df = self.collect(lf)?;
        panel::assessment_rows(&df, self.dir())
    }

    /// Every `org` text of the store with its number of rows (values, quarantined cells and
    /// self-assessments, all revisions): one column read from each part, grouped. Files that brought no
    /// row at all count with their manifest entry.
    pub fn org_counts(&self) -> Result<Vec<(String, usize)>, Error> {
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for table in Table::ALL {
            let Some(lf) = self.scan(table, &Filter::default(), &["org"])? else {
                continue;
            };
            let df = self.collect(
                lf.group_by([col("org")])
                    .agg([pl::len().cast(pl::DataType::Int64).alias("rows")]),
            )?;
            let orgs = df
                .column("org")
                .and_then(|c| c.str().cloned())
                .map_err(|e| polars_error(self.dir(), e))?;
            let rows = df
                .column("rows")
                .and_then(|c| c.i64().cloned())
                .map_err(|e| polars_error(self.dir(), e))?;
            for (org, n) in orgs.iter().zip(rows.iter()) {
                if let (Some(org), Some(n)) = (org, n) {
                    *counts.entry(org.to_string()).or_default() += n.max(0) as usize;
                }
            }
        }
        for f in &self.manifest().files {
            if let Some(org) = &f.org {
                counts.entry(org.clone()).or_default();
            }
        }
        Ok(counts.into_iter().collect())
    }

    /// The current panel rows of value, target, numerator and denominator fields of the plan and areas,
    /// as a lazy frame for `observations::choose` (which picks one per key).
    pub(crate) fn current_frame(&self, filter: &Filter) -> Result<Option<pl::LazyFrame>, Error> {
        let Some(lf) = self.scan(
            Table::Panel,
            filter,
            &[
                "plan_id",
                "org",
                "indicator",
                "year",
                "sex",
                "area",
                "field",
                "value",
                "reporting_unit",
                "revision",
            ],
        )?
        else {
            return Ok(None);
        };
        let key: Vec<pl::Expr> = PANEL_KEY.iter().map(|c| col(*c)).collect();
        let max = col("revision")
            .max()
            .over(key)
            .map_err(|e| polars_error(self.dir(), e))?;
        Ok(Some(lf.filter(col("revision").eq(max))))
    }
}

/// A frame's column as strings (for small query results).
pub(crate) fn strings(df: &pl::DataFrame, name: &str) -> Result<Vec<Option<String>>, Error> {
    let c = df
        .column(name)
        .and_then(|c| c.cast(&pl::DataType::String))
        .map_err(|e| Error::StoreCorrupt {
            path: Path::new(name).to_path_buf(),
            reason: crate::error::Reason::same(e.to_string()),
        })?;
    let ca = c.str().map_err(|e| Error::StoreCorrupt {
        path: Path::new(name).to_path_buf(),
        reason: crate::error::Reason::same(e.to_string()),
    })?;
    Ok(ca.iter().map(|v| v.map(str::to_string)).collect())
}

/// A small in-memory frame as a lazy one (the catalog's lookup tables).
pub(crate) fn lazy(columns: Vec<pl::Column>) -> Result<pl::LazyFrame, Error> {
    let height = columns.first().map(|c| c.len()).unwrap_or(0);
    pl::DataFrame::new(height, columns)
        .map(IntoLazy::lazy)
        .map_err(|e| Error::StoreCorrupt {
            path: Path::new("lookup").to_path_buf(),
            reason: crate::error::Reason::same(e.to_string()),
        })
}

#[cfg(test)]
mod tests {
    use super::super::{Batch, FileKind, IngestedFile, Writer};
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("planeval-query-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    fn batch(sha: &str, org: &str, year: i32, values: &[(&str, f64)]) -> Batch {
        let rows: Vec<PanelRow> = values
            .iter()
            .enumerate()
            .map(|(i, (ind, v))| PanelRow {
                plan_id: "p".into(),
                org: org.into(),
                indicator: ind.to_string(),
                year,
                sex: "total".into(),
                area: "total".into(),
                field: "value".into(),
                value: *v,
                unit: "percent".into(),
                reporting_unit: "妇联".into(),
                source_file: format!("{sha}.xlsx"),
                sha256: sha.into(),
                sheet: "指标填报".into(),
                cell: format!("H{}", i + 4),
                raw: v.to_string(),
                source: None,
                remarks: None,
                ingested_at: String::new(),
                revision: 0,
            })
            .collect();
        Batch {
            file: IngestedFile {
                plan_id: Some("p".into()),
                unit: Some("妇联".into()),
                org: Some(org.into()),
                year: Some(year),
                years: vec![year],
                values: rows.len(),
                ..IngestedFile::new(FileKind::Return, format!("{sha}.xlsx"), sha)
            },
            values: rows,
            quarantine: Vec::new(),
            assessments: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    #[test]
    fn queries_are_keyed_by_area_and_give_the_current_value() {
        let dir = temp("keyed");
        let mut w = Writer::open(&dir, "test").unwrap();
        w.add(batch("a1", "古县", 2023, &[("x", 1.0), ("y", 2.0)]));
        w.add(batch("b1", "安泽县", 2023, &[("x", 5.0)]));
        w.add(batch("a0", "古县", 2022, &[("x", 0.5)]));
        w.commit(&mut |_| {}).unwrap();
        let mut w = Writer::open(&dir, "test").unwrap();
        w.add(batch("a2", "古县", 2023, &[("x", 1.5)]));
        w.commit(&mut |_| {}).unwrap();

        let st = Store::open(&dir).unwrap();
        let gu = ["古县".to_string()];
        let rows = st
            .query_panel(
                &Filter {
                    orgs: Some(&gu),
                    years: &[2023],
                    ..Default::default()
                },
                true,
            )
            .unwrap();
        let got: Vec<(&str, &str, f64)> = rows
            .iter()
            .map(|r| (r.org.as_str(), r.indicator.as_str(), r.value))
            .collect();
        assert_eq!(got, [("古县", "x", 1.5), ("古县", "y", 2.0)]);
        let all = st
            .query_panel(
                &Filter {
                    orgs: Some(&gu),
                    ..Default::default()
                },
                false,
            )
            .unwrap();
        assert_eq!(all.len(), 4, "every revision of 古县, 2022 included");
        // A province's worth of areas in one filter.
        let many: Vec<String> = (0..300)
            .map(|i| format!("县{i:03}"))
            .chain(["安泽县".to_string()])
            .collect();
        let rows = st
            .query_panel(
                &Filter {
                    orgs: Some(&many),
                    ..Default::default()
                },
                true,
            )
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].org, "安泽县");
        assert_eq!(
            st.org_counts().unwrap(),
            [("古县".to_string(), 4), ("安泽县".to_string(), 1)]
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_iter()
                .collect::<Vec<_>>()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_part_that_disagrees_with_the_manifest_is_refused_by_name() {
        let dir = temp("disagrees");
        let mut w = Writer::open(&dir, "test").unwrap();
        w.add(batch("a1", "古县", 2023, &[("x", 1.0), ("y", 2.0)]));
        w.commit(&mut |_| {}).unwrap();
        let part = dir.join(Part::path_for(Table::Panel, 2023, 1));
        let mut df = pl::ParquetReader::new(std::fs::File::open(&part).unwrap())
            .finish()
            .unwrap()
            .head(Some(1));
        super::super::write_parquet(&part, &mut df).unwrap();
        let err = Store::open(&dir)
            .unwrap()
            .query_panel(&Filter::default(), true)
            .unwrap_err();
        assert!(
            matches!(&err, Error::StoreCorrupt { path, .. } if *path == part),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
