//! The monitoring store (县级妇女发展统计监测数据库): the panel of every accepted value with its provenance
//! and its history, for one county or for all the counties of a prefecture or province (each value keyed
//! by its area, `org`), persisted as Parquet that DuckDB, Spark or plain polars read as it is.
//!
//! Layout of a store folder:
//!
//! ```text
//! manifest.json                              what the store holds: schema version, part files, ingested files
//! store.lock                                 present while a writer runs (see `lock`)
//! panel/year=2023/part-000003.parquet        accepted values (see `panel::PanelRow`)
//! quarantine/year=2023/part-000003.parquet   rejected or flagged cells with raw text and location
//! assessments/year=2023/part-000003.parquet  self-assessments of qualitative objectives
//! overrides.json                             the evaluation group's reviews (see `overrides`)
//! .staging/                                  part files of a run in progress (never read), in-flight.json
//! ```
//!
//! Parts of this module:
//! - `query`: the area-keyed queries, as polars lazy scans of the listed parts;
//! - `area`: one area's data for its evaluation (own values, or the rollup of the areas below it);
//! - `panel`: the row types, their DataFrame/Parquet schema, and which row of a key is current;
//! - `manifest`: the list of parts and ingested files, switched atomically at the end of every write;
//! - `lock`: one writer at a time, stale locks of killed writers taken over;
//! - `baseline`: the long-format sheet of baseline and earlier years (reader and template writer);
//! - `completeness`: which units returned which years, and which required indicators are missing;
//! - `export`: the panel as a workbook for statisticians (long or wide);
//! - `observations`: the current panel and self-assessments as scoring's input;
//! - `outstanding`: quarantined errors not yet corrected by a later return;
//! - `overrides`: the evaluation group's reviewed answers (`overrides.json`);
//! - `parts`: each part's own description, the in-flight record, the audit of folders against manifest;
//! - `repair`: rebuilding a lost or outdated manifest from the parts present.
//!
//! Writing is append-only and atomic. Every ingested file gets the next revision number; a run writes its
//! rows as new part files (staged under `.staging/`, fsynced, then renamed into their partition folders)
//! and then replaces `manifest.json` in one rename. Readers read only the parts the manifest lists, so a
//! crash at any point leaves the previous state. The next writer removes only what it can prove a killed
//! run left (the staging folder; parts recorded in flight against the very manifest it finds); any other
//! unlisted part means the manifest was lost or replaced, and the store is refused until `repair`
//! rebuilds the manifest from the parts, which describe themselves (see `parts`). A resubmission never
//! rewrites old files: the current value of a key is the row with the highest revision, and the older
//! rows stay as history.
//!
//! This module never prints; the CLI reports what `Writer::add` and `Writer::commit` return.

pub mod area;
pub mod baseline;
mod batch;
pub mod completeness;
pub mod export;
pub mod lock;
pub mod manifest;
pub mod observations;
pub mod outstanding;
pub mod overrides;
pub mod package;
pub mod panel;
pub mod parts;
pub mod query;
pub mod repair;
#[cfg(test)]
mod tests;
mod writer;

pub use batch::Batch;
pub use writer::*;

use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::error::Error;
use crate::i18n::diagnostics::DiagText;
use crate::intake::Intake;
use lock::{LockInfo, StoreLock};
pub use manifest::{FileKind, IngestedFile, Manifest, Part, Table};
pub use panel::{AssessmentRow, FileProvenance, PanelKey, PanelRow, QuarantineRow, SCHEMA_VERSION};
use polars::prelude as pl;
use polars::prelude::SerReader;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Folder of a run's part files before they are moved into place.
pub const STAGING_DIR: &str = ".staging";

/// The current time as RFC 3339 with the local offset, to the second.
pub fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// SHA-256 of bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The file-name part of a path as the user gave it (the store never keeps machine paths).
pub fn file_name_of(display: &str) -> String {
    Path::new(display)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| display.to_string())
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────────

/// A store opened for reading: the manifest, and the part files it lists read on demand.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    manifest: Manifest,
}

impl Store {
    /// Opens an existing store; a folder without `manifest.json` is not a store. A store whose folders
    /// hold parts the manifest does not list (and no killed run accounts for) is refused: its manifest
    /// was lost or replaced by an older one, and reading it would silently show less than it holds.
    pub fn open(dir: &Path) -> Result<Store, Error> {
        check_store_path(dir, false)?;
        let (loaded, audit) = consistent_audit(dir)?;
        if let Some(refusal) = audit.refusal(dir, loaded.is_some()) {
            return Err(refusal);
        }
        match loaded {
            Some((manifest, _)) => Ok(Store {
                dir: dir.to_path_buf(),
                manifest,
            }),
            None => Err(Error::NotAStore {
                path: dir.to_path_buf(),
            }),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    fn read_part(&self, part: &Part) -> Result<pl::DataFrame, Error> {
        let path = self.dir.join(&part.path);
        let file = std::fs::File::open(&path).map_err(|e| Error::StoreCorrupt {
            path: path.clone(),
            reason: crate::error::Reason::said(
                DiagText::StorePartUnopenable,
                &[("detail", &e.to_string())],
            ),
        })?;
        let df = pl::ParquetReader::new(file)
            .finish()
            .map_err(|e| Error::StoreCorrupt {
                path: path.clone(),
                reason: crate::error::Reason::said(
                    DiagText::StorePartNotParquet,
                    &[("detail", &e.to_string())],
                ),
            })?;
        if df.height() != part.rows {
            return Err(Error::StoreCorrupt {
                path,
                reason: crate::error::Reason::said(
                    DiagText::StorePartRows,
                    &[
                        ("rows", &df.height().to_string()),
                        ("listed", &part.rows.to_string()),
                    ],
                ),
            });
        }
        Ok(df)
    }

    fn read_table<T>(
        &self,
        table: Table,
        convert: fn(&pl::DataFrame, &Path) -> Result<Vec<T>, Error>,
    ) -> Result<Vec<T>, Error> {
        let mut out = Vec::new();
        for part in self.manifest.parts_of(table) {
            let df = self.read_part(part)?;
            out.extend(convert(&df, &self.dir.join(&part.path))?);
        }
        Ok(out)
    }

    /// Every panel row of every revision, superseded ones included, in part order.
    pub fn panel(&self) -> Result<Vec<PanelRow>, Error> {
        self.read_table(Table::Panel, panel::panel_rows)
    }

    /// The whole panel (all revisions) as one DataFrame with the store's schema.
    pub fn panel_frame(&self) -> Result<pl::DataFrame, Error> {
        panel::panel_frame(&self.panel()?)
    }

    /// The current value of every key, sorted by key.
    pub fn current_panel(&self) -> Result<Vec<PanelRow>, Error> {
        Ok(panel::current(&self.panel()?))
    }

    pub fn quarantine(&self) -> Result<Vec<QuarantineRow>, Error> {
        self.read_table(Table::Quarantine, panel::quarantine_rows)
    }

    pub fn assessments(&self) -> Result<Vec<AssessmentRow>, Error> {
        self.read_table(Table::Assessments, panel::assessment_rows)
    }
}

/// The manifest (with its fingerprint) and the audit of the folders against it, taken without the lock:
/// a writer may switch the manifest while the folders are listed, so the listing counts only if the
/// manifest is the same before and after it (a few rounds, then the last one is taken).
fn consistent_audit(dir: &Path) -> Result<(Option<(Manifest, String)>, parts::Audit), Error> {
    let mut rounds = 0;
    loop {
        rounds += 1;
        let loaded = Manifest::load_fingerprinted(dir)?;
        let fingerprint = loaded.as_ref().map(|(_, f)| f.clone());
        let audit = parts::audit(dir, loaded.as_ref().map(|(m, _)| m), fingerprint.as_deref());
        if Manifest::fingerprint(dir) == fingerprint || rounds >= 5 {
            return Ok((loaded, audit));
        }
    }
}
