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

use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::error::Error;
use crate::intake::read::parse_cell_name;
use crate::intake::Intake;
use lock::{LockInfo, StoreLock};
pub use manifest::{FileKind, IngestedFile, Manifest, Part, Table};
pub use panel::{AssessmentRow, PanelKey, PanelRow, QuarantineRow, SCHEMA_VERSION};
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
            reason: format!("清单中列出的文件无法打开：{e}"),
        })?;
        let df = pl::ParquetReader::new(file)
            .finish()
            .map_err(|e| Error::StoreCorrupt {
                path: path.clone(),
                reason: format!("不是可读的 Parquet 文件：{e}"),
            })?;
        if df.height() != part.rows {
            return Err(Error::StoreCorrupt {
                path,
                reason: format!("有 {} 行，清单记录为 {} 行", df.height(), part.rows),
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

// ── One file's contribution ──────────────────────────────────────────────────────────────────────────

/// What one input file brings to the store, before it is given a revision.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The file's manifest entry; `revision`, `ingested_at` and `superseded` are set when it is added.
    pub file: IngestedFile,
    pub values: Vec<PanelRow>,
    pub quarantine: Vec<QuarantineRow>,
    pub assessments: Vec<AssessmentRow>,
    /// Problems the store found on top of intake's (the file's year unknown); quarantined as well.
    pub diagnostics: Vec<Diagnostic>,
}

/// Provenance shared by every row of one file.
struct Origin {
    plan_id: String,
    org: String,
    unit: String,
    source_file: String,
    sha256: String,
}

impl Origin {
    fn quarantine(
        &self,
        year: i32,
        indicator: Option<String>,
        d: &Diagnostic,
        kept: bool,
    ) -> QuarantineRow {
        let (sheet, cell) = match &d.location {
            Location::Cell { sheet, cell, .. } => (sheet.clone(), cell.clone()),
            _ => (String::new(), String::new()),
        };
        QuarantineRow {
            plan_id: self.plan_id.clone(),
            org: self.org.clone(),
            reporting_unit: self.unit.clone(),
            year,
            indicator,
            code: d.code.id().to_string(),
            severity: d.severity.label_en().to_string(),
            message: d.message.clone(),
            hint: d.hint.clone(),
            raw: d.raw.clone(),
            source_file: self.source_file.clone(),
            sha256: self.sha256.clone(),
            sheet,
            cell,
            kept,
            ingested_at: String::new(),
            revision: 0,
        }
    }
}

impl Batch {
    /// The contribution of a returned workbook: its accepted values, every error diagnostic (quarantine)
    /// and its self-assessments. `display` is the path as the user gave it (only its file name is kept).
    pub fn from_intake(intake: &Intake, display: &str, sha256: &str, cat: &Catalog) -> Batch {
        let report = &intake.report;
        let origin = Origin {
            plan_id: report
                .plan_id
                .clone()
                .unwrap_or_else(|| cat.plan.id.clone()),
            org: report
                .org
                .clone()
                .unwrap_or_else(|| cat.plan.region.clone()),
            unit: report.unit.clone().unwrap_or_default(),
            source_file: file_name_of(display),
            sha256: sha256.to_string(),
        };
        let year = report
            .year
            .or_else(|| report.accepted.iter().find_map(|a| a.year));
        let indicator_at = |sheet: &str, cell: &str| -> Option<String> {
            let grid = intake.data_sheet.as_ref().filter(|g| g.name == sheet)?;
            let (row, _) = parse_cell_name(cell)?;
            grid.row_cells(row)
                .find_map(|(c, _)| cat.indicator(&grid.text(row, c)).map(|i| i.code.clone()))
        };
        let accepted_cells: HashSet<(&str, &str)> = report
            .accepted
            .iter()
            .map(|a| (a.sheet.as_str(), a.cell.as_str()))
            .collect();

        let mut batch = Batch {
            file: IngestedFile {
                sha256: sha256.to_string(),
                name: origin.source_file.clone(),
                kind: FileKind::Return,
                plan_id: report.plan_id.clone(),
                unit: report.unit.clone(),
                org: report.org.clone(),
                year,
                // A department's own table may carry earlier years' columns too.
                years: {
                    let mut years: Vec<i32> = year
                        .into_iter()
                        .chain(report.accepted.iter().filter_map(|a| a.year))
                        .collect();
                    years.sort_unstable();
                    years.dedup();
                    years
                },
                revision: 0,
                ingested_at: String::new(),
                values: 0,
                rejected: 0,
                assessments: 0,
                superseded: 0,
                errors: 0,
                warnings: 0,
                package: None,
            },
            values: Vec::new(),
            quarantine: Vec::new(),
            assessments: Vec::new(),
            diagnostics: Vec::new(),
        };

        for d in report.diagnostics.iter().filter(|d| d.is_error()) {
            let (indicator, kept) = match &d.location {
                Location::Cell { sheet, cell, .. } => (
                    indicator_at(sheet, cell),
                    accepted_cells.contains(&(sheet.as_str(), cell.as_str())),
                ),
                _ => (None, false),
            };
            batch
                .quarantine
                .push(origin.quarantine(year.unwrap_or(0), indicator, d, kept));
        }

        match year {
            Some(year) => {
                for a in &report.accepted {
                    let unit = match a.field {
                        "numerator" | "denominator" => panel::PART_UNIT.to_string(),
                        _ => cat
                            .indicator(&a.indicator)
                            .map(|i| i.unit.key().to_string())
                            .unwrap_or_default(),
                    };
                    batch.values.push(PanelRow {
                        plan_id: origin.plan_id.clone(),
                        org: origin.org.clone(),
                        indicator: a.indicator.clone(),
                        year: a.year.unwrap_or(year),
                        sex: a.sex.to_string(),
                        area: a.area.to_string(),
                        field: a.field.to_string(),
                        value: a.value,
                        unit,
                        reporting_unit: origin.unit.clone(),
                        source_file: origin.source_file.clone(),
                        sha256: origin.sha256.clone(),
                        sheet: a.sheet.clone(),
                        cell: a.cell.clone(),
                        raw: a.raw.clone(),
                        source: a.source.clone(),
                        remarks: a.remarks.clone(),
                        ingested_at: String::new(),
                        revision: 0,
                    });
                }
                for s in &report.assessments {
                    batch.assessments.push(AssessmentRow {
                        plan_id: origin.plan_id.clone(),
                        org: origin.org.clone(),
                        objective: s.objective.clone(),
                        year,
                        reporting_unit: origin.unit.clone(),
                        assessment: s.assessment.clone(),
                        measures: s.measures.clone(),
                        problems: s.problems.clone(),
                        evidence: s.evidence.clone(),
                        source_file: origin.source_file.clone(),
                        sha256: origin.sha256.clone(),
                        sheet: s.sheet.clone(),
                        cell: s.cell.clone(),
                        ingested_at: String::new(),
                        revision: 0,
                    });
                }
            }
            None if !report.accepted.is_empty() || !report.assessments.is_empty() => {
                // Without a year a value has no place in the panel: every one is quarantined, at its cell.
                let file = Location::File {
                    file: display.to_string(),
                };
                let summary = Diagnostic::new(
                    Code::StoreYearUnknown,
                    file,
                    None,
                    format!(
                        "无法确定文件的填报年度，{} 个数值和 {} 项自评未入库（已记入隔离区）",
                        report.accepted.len(),
                        report.assessments.len()
                    ),
                    "请使用 planeval template 生成的模板填报，或入库时用 --year 指定年度",
                );
                for a in &report.accepted {
                    let d = Diagnostic::new(
                        Code::StoreYearUnknown,
                        Location::Cell {
                            file: display.to_string(),
                            sheet: a.sheet.clone(),
                            cell: a.cell.clone(),
                        },
                        Some(a.raw.clone()),
                        format!("指标 {} 的数值 {} 因年度不明未入库", a.indicator, a.raw),
                        "入库时用 --year 指定年度后重新入库",
                    );
                    batch.quarantine.push(origin.quarantine(
                        0,
                        Some(a.indicator.clone()),
                        &d,
                        false,
                    ));
                }
                for s in &report.assessments {
                    let d = Diagnostic::new(
                        Code::StoreYearUnknown,
                        Location::Cell {
                            file: display.to_string(),
                            sheet: s.sheet.clone(),
                            cell: s.cell.clone(),
                        },
                        Some(s.assessment.clone()),
                        format!("目标 {} 的自评因年度不明未入库", s.objective),
                        "入库时用 --year 指定年度后重新入库",
                    );
                    batch.quarantine.push(origin.quarantine(0, None, &d, false));
                }
                batch
                    .quarantine
                    .push(origin.quarantine(0, None, &summary, false));
                batch.diagnostics.push(summary);
            }
            None => {}
        }
        let all: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .chain(batch.diagnostics.iter())
            .collect();
        let counts = severity_counts(all.into_iter());
        batch.count(counts);
        batch
    }

    /// Fills the counts of the manifest entry.
    pub(crate) fn count(&mut self, (errors, warnings): (usize, usize)) {
        self.file.values = self.values.len();
        self.file.assessments = self.assessments.len();
        // Typed cells that did not make it into the panel (a required value left empty is quarantined as
        // a finding, but nothing was typed there).
        self.file.rejected = self
            .quarantine
            .iter()
            .filter(|q| !q.kept && q.raw.as_deref().is_some_and(|r| !r.is_empty()))
            .count();
        self.file.errors = errors;
        self.file.warnings = warnings;
        let mut years: BTreeSet<i32> = self.values.iter().map(|v| v.year).collect();
        years.extend(self.file.year);
        self.file.years = years.into_iter().collect();
    }
}

/// (errors, warnings) among diagnostics.
pub(crate) fn severity_counts<'a>(
    diagnostics: impl Iterator<Item = &'a Diagnostic>,
) -> (usize, usize) {
    let (mut errors, mut warnings) = (0, 0);
    for d in diagnostics {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => {}
        }
    }
    (errors, warnings)
}

// ── Writing ──────────────────────────────────────────────────────────────────────────────────────────

/// Where a commit has got to; the CLI's test hook pauses at these points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitPoint {
    /// New part files written and fsynced under `.staging/`; nothing visible yet.
    AfterParts,
    /// Part files moved into their partition folders; the manifest does not list them yet.
    BeforeManifest,
    /// The new manifest is in place (the lock is still held).
    AfterManifest,
}

impl CommitPoint {
    pub fn name(self) -> &'static str {
        match self {
            CommitPoint::AfterParts => "after-parts",
            CommitPoint::BeforeManifest => "before-manifest",
            CommitPoint::AfterManifest => "after-manifest",
        }
    }
}

/// A value a file changed: the key, the earlier current row and the new value.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub indicator: String,
    pub year: i32,
    pub sex: String,
    pub area: String,
    pub field: String,
    pub old_value: f64,
    pub new_value: f64,
    pub old_file: String,
    pub old_cell: String,
    pub old_revision: u32,
    pub new_cell: String,
}

/// What adding one file did to the panel.
#[derive(Debug, Clone, Serialize)]
pub struct Added {
    pub revision: u32,
    /// Values for keys the panel did not have.
    pub added: usize,
    /// Values that replace a different earlier value (the earlier stays as history).
    pub superseded: Vec<Change>,
    /// Values equal to the current one (stored again, with this file as their latest source).
    pub unchanged: usize,
    /// Current values of the same unit and year from earlier returns that this file does not restate;
    /// they stay current.
    pub kept_from_earlier: usize,
    pub rejected: usize,
    pub assessments: usize,
}

/// The result of a commit.
#[derive(Debug, Clone, Serialize)]
pub struct Committed {
    /// Revisions given in this run (empty when nothing new was ingested).
    pub revisions: Vec<u32>,
    pub parts: Vec<Part>,
}

/// (plan, org, reporting unit, year) of a panel key.
type Scope = (String, String, String, i32);

fn scope_of(k: &PanelKey) -> Scope {
    (
        k.plan_id.clone(),
        k.org.clone(),
        k.reporting_unit.clone(),
        k.year,
    )
}

/// A store opened for writing: holds the lock until dropped (or committed).
#[derive(Debug)]
pub struct Writer {
    store: Store,
    lock: StoreLock,
    current: HashMap<PanelKey, PanelRow>,
    /// The keys of `current` by (plan, org, reporting unit, year): what `add` compares a return with.
    scopes: HashMap<Scope, Vec<PanelKey>>,
    /// SHA-256 of every return in the store or added in this run.
    return_shas: HashSet<String>,
    next_revision: u32,
    batches: Vec<Batch>,
    /// Files whose rows were already written to the staging folder by a flush (see [`FLUSH_ROWS`]),
    /// and the parts written for them.
    flushed: Vec<IngestedFile>,
    staged: Vec<Part>,
    /// Rows held in `batches`.
    held_rows: usize,
    /// A flush that failed: reported by `commit`, which then writes nothing.
    flush_error: Option<Error>,
    /// Rows held before a flush ([`FLUSH_ROWS`]; tests set fewer).
    flush_rows: usize,
    tidied: Vec<String>,
    /// SHA-256 of the manifest as this writer found it (`None`: a new store), for the in-flight record.
    base_manifest: Option<String>,
}

impl Writer {
    /// Opens (or creates) the store in `dir` for writing: takes the lock, checks the schema version and
    /// removes what a killed writer provably left behind (the staging folder, parts it recorded in
    /// flight). A store with parts nothing accounts for — no manifest, or one listing fewer parts than
    /// exist — is refused before anything is written or deleted.
    pub fn open(dir: &Path, command: &str) -> Result<Writer, Error> {
        Self::open_with(dir, command, None)
    }

    /// [`Writer::open`] for a run that adds rows of these areas (`org` texts) only — the packages of
    /// an `ingest --package`, whose areas are known before anything is added: only their current rows
    /// are read, so that a national store taking a province's packages holds that province in memory,
    /// not the country. Adding a row of another area to such a writer is a defect.
    pub fn open_scoped(dir: &Path, command: &str, orgs: &[String]) -> Result<Writer, Error> {
        Self::open_with(dir, command, Some(orgs))
    }

    fn open_with(dir: &Path, command: &str, orgs: Option<&[String]>) -> Result<Writer, Error> {
        check_store_path(dir, true)?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // Checked once before the lock, so that a refused store is left exactly as it was (not even a
        // lock file comes and goes), and again under it.
        let (found, audit) = consistent_audit(dir)?;
        if found.is_none() {
            refuse_foreign_folder(dir)?;
        }
        if let Some(refusal) = audit.refusal(dir, found.is_some()) {
            return Err(refusal);
        }
        let started = now();
        let lock = StoreLock::acquire(dir, command, &started)?;
        // Read the manifest again under the lock: another writer may have committed meanwhile.
        let found = Manifest::load_fingerprinted(dir)?;
        let base_manifest = found.as_ref().map(|(_, f)| f.clone());
        let audit = parts::audit(
            dir,
            found.as_ref().map(|(m, _)| m),
            base_manifest.as_deref(),
        );
        if let Some(refusal) = audit.refusal(dir, found.is_some()) {
            return Err(refusal);
        }
        let manifest = found
            .map(|(m, _)| m)
            .unwrap_or_else(|| Manifest::empty(&started));
        let tidied = tidy(dir, &audit)?;
        let store = Store {
            dir: dir.to_path_buf(),
            manifest,
        };
        let current_rows = match orgs {
            None => panel::current(&store.panel()?),
            Some([]) => Vec::new(),
            Some(orgs) => store.query_panel(
                &query::Filter {
                    orgs: Some(orgs),
                    ..Default::default()
                },
                true,
            )?,
        };
        let current: HashMap<PanelKey, PanelRow> =
            current_rows.into_iter().map(|r| (r.key(), r)).collect();
        let mut scopes: HashMap<Scope, Vec<PanelKey>> = HashMap::new();
        for k in current.keys() {
            scopes.entry(scope_of(k)).or_default().push(k.clone());
        }
        let return_shas = store
            .manifest
            .files
            .iter()
            .filter(|f| f.kind == FileKind::Return)
            .map(|f| f.sha256.clone())
            .collect();
        let next_revision = store.manifest.next_revision;
        Ok(Writer {
            store,
            lock,
            current,
            scopes,
            return_shas,
            next_revision,
            batches: Vec::new(),
            flushed: Vec::new(),
            staged: Vec::new(),
            held_rows: 0,
            flush_error: None,
            flush_rows: FLUSH_ROWS,
            tidied,
            base_manifest,
        })
    }

    /// Flushes held rows to the staging folder whenever `rows` are held (default [`FLUSH_ROWS`]).
    pub fn with_flush_rows(mut self, rows: usize) -> Writer {
        self.flush_rows = rows.max(1);
        self
    }

    /// The state before this run.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The dead writer whose stale lock was taken over, if any.
    pub fn took_over(&self) -> Option<&LockInfo> {
        self.lock.took_over()
    }

    /// Files removed because a killed run left them (relative paths).
    pub fn tidied(&self) -> &[String] {
        &self.tidied
    }

    /// The earlier ingest of these bytes, in the store or earlier in this run.
    pub fn already_ingested(&self, sha256: &str) -> Option<&IngestedFile> {
        self.store.manifest.file_by_sha(sha256).or_else(|| {
            self.flushed
                .iter()
                .chain(self.batches.iter().map(|b| &b.file))
                .find(|f| f.sha256 == sha256)
        })
    }

    /// Every file of the store and of this run so far.
    pub fn files(&self) -> impl Iterator<Item = &IngestedFile> + Clone {
        self.store
            .manifest
            .files
            .iter()
            .chain(self.flushed.iter())
            .chain(self.batches.iter().map(|b| &b.file))
    }

    /// Gives the file the next revision and compares its values with the current panel.
    pub fn add(&mut self, mut batch: Batch) -> Added {
        let revision = self.next_revision;
        self.next_revision += 1;
        let at = now();
        let mut outcome = Added {
            revision,
            added: 0,
            superseded: Vec::new(),
            unchanged: 0,
            kept_from_earlier: 0,
            rejected: batch.file.rejected,
            assessments: batch.assessments.len(),
        };
        let new_keys: HashSet<PanelKey> = batch.values.iter().map(PanelRow::key).collect();
        if batch.file.kind == FileKind::Return {
            // Earlier returns of the same unit and year whose values this file does not restate.
            // (Indexed by scope, so that adding a file costs its own size, not the store's.)
            let scope: HashSet<Scope> = batch.values.iter().map(|v| scope_of(&v.key())).collect();
            outcome.kept_from_earlier = scope
                .iter()
                .filter_map(|s| self.scopes.get(s))
                .flatten()
                .filter(|k| {
                    !new_keys.contains(*k)
                        && self
                            .current
                            .get(*k)
                            .is_some_and(|r| self.return_shas.contains(r.sha256.as_str()))
                })
                .count();
        }
        for v in &mut batch.values {
            v.revision = revision;
            v.ingested_at = at.clone();
            let key = v.key();
            match self.current.get(&key) {
                None => outcome.added += 1,
                Some(old) if old.value == v.value => outcome.unchanged += 1,
                Some(old) => outcome.superseded.push(Change {
                    indicator: key.indicator.clone(),
                    year: key.year,
                    sex: key.sex.clone(),
                    area: key.area.clone(),
                    field: key.field.clone(),
                    old_value: old.value,
                    new_value: v.value,
                    old_file: old.source_file.clone(),
                    old_cell: format!("{}!{}", old.sheet, old.cell),
                    old_revision: old.revision,
                    new_cell: format!("{}!{}", v.sheet, v.cell),
                }),
            }
            if self.current.insert(key.clone(), v.clone()).is_none() {
                self.scopes.entry(scope_of(&key)).or_default().push(key);
            }
        }
        for q in &mut batch.quarantine {
            q.revision = revision;
            q.ingested_at = at.clone();
        }
        for a in &mut batch.assessments {
            a.revision = revision;
            a.ingested_at = at.clone();
        }
        if batch.file.kind == FileKind::Return {
            self.return_shas.insert(batch.file.sha256.clone());
        }
        batch.file.revision = revision;
        batch.file.ingested_at = at;
        batch.file.superseded = outcome.superseded.len();
        self.held_rows += batch.values.len() + batch.quarantine.len() + batch.assessments.len();
        self.batches.push(batch);
        if self.held_rows >= self.flush_rows && self.flush_error.is_none() {
            if let Err(e) = self.flush() {
                self.flush_error = Some(e);
            }
        }
        outcome
    }

    /// Writes the rows held so far as part files under the staging folder (invisible to readers
    /// until the commit moves them and switches the manifest), so that one run's memory stays bounded
    /// by [`FLUSH_ROWS`] rather than growing with the number of files.
    fn flush(&mut self) -> Result<(), Error> {
        let batches = std::mem::take(&mut self.batches);
        self.held_rows = 0;
        let staging = self.store.dir.join(STAGING_DIR);
        let parts = stage_parts(&staging, &batches)?;
        self.staged.extend(parts);
        self.flushed.extend(batches.into_iter().map(|b| b.file));
        Ok(())
    }

    /// Writes the run's part files and switches the manifest; `hook` is called at each point (the CLI's
    /// test hook pauses there). Without any added file, nothing is written. The lock is released when
    /// this returns.
    pub fn commit(self, hook: &mut dyn FnMut(CommitPoint)) -> Result<Committed, Error> {
        let Writer {
            store,
            lock,
            batches,
            flushed,
            mut staged,
            flush_error,
            next_revision,
            base_manifest,
            ..
        } = self;
        if let Some(e) = flush_error {
            // Nothing was moved into place: the staging folder is removed by the next writer.
            return Err(e);
        }
        if batches.is_empty() && flushed.is_empty() {
            // A new store stays a valid (empty) store: the folder a first run creates must be one that
            // every reader accepts, not one they take for a foreign folder.
            let manifest_path = store.dir.join(manifest::MANIFEST_FILE);
            if !manifest_path.exists() {
                crate::fsutil::write_atomic(&manifest_path, &store.manifest.to_json())?;
            }
            drop(lock);
            return Ok(Committed {
                revisions: Vec::new(),
                parts: Vec::new(),
            });
        }
        let dir = store.dir.clone();
        let staging = dir.join(STAGING_DIR);

        // 1. Every part under .staging, fsynced (those of earlier flushes are there already).
        staged.extend(stage_parts(&staging, &batches)?);
        let files: Vec<IngestedFile> = flushed
            .into_iter()
            .chain(batches.into_iter().map(|b| b.file))
            .collect();
        // Recorded before any part leaves the staging folder: what the next writer may remove if this
        // run dies before switching the manifest, and against which manifest.
        let in_flight = parts::InFlight {
            base_manifest: base_manifest.clone(),
            parts: staged.iter().map(|p| p.path.clone()).collect(),
            pid: std::process::id(),
            started_at: now(),
        };
        let record = staging.join(parts::IN_FLIGHT_FILE);
        write_synced(&record, &serde_json::to_vec(&in_flight).unwrap_or_default())?;
        sync_dir(&staging);
        hook(CommitPoint::AfterParts);

        // 2. Move the parts into their partition folders.
        for part in &staged {
            let to = dir.join(&part.path);
            let parent = to.parent().unwrap_or(&dir).to_path_buf();
            std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
            std::fs::rename(staging.join(&part.path), &to).map_err(|e| Error::io(&to, e))?;
            sync_dir(&parent);
        }
        hook(CommitPoint::BeforeManifest);

        // 3. Switch the manifest: the one step that makes the run visible.
        let mut manifest = store.manifest.clone();
        manifest.updated_at = now();
        manifest.next_revision = next_revision;
        manifest.parts.extend(staged.iter().cloned());
        manifest.files.extend(files.iter().cloned());
        crate::fsutil::write_atomic(&dir.join(manifest::MANIFEST_FILE), &manifest.to_json())?;
        sync_dir(&dir);
        hook(CommitPoint::AfterManifest);

        let _ = std::fs::remove_dir_all(&staging);
        drop(lock);
        Ok(Committed {
            revisions: files.iter().map(|f| f.revision).collect(),
            parts: staged,
        })
    }
}

/// Rows a writer holds before it writes them to the staging folder: a province's year of returns
/// (~400,000 rows) is a few flushes, a county's never flushes.
pub const FLUSH_ROWS: usize = 200_000;

/// Writes the rows of `batches` as part files (one per table and year) under `staging`, each fsynced
/// and describing itself; the part paths carry the first revision of the batches, so that the parts of
/// successive flushes never collide. Files without any row are described by the first part.
fn stage_parts(staging: &Path, batches: &[Batch]) -> Result<Vec<Part>, Error> {
    let Some(first) = batches.first().map(|b| b.file.revision) else {
        return Ok(Vec::new());
    };
    // Rows per (table, year).
    let mut panel_by_year: BTreeMap<i32, Vec<&PanelRow>> = BTreeMap::new();
    let mut quarantine_by_year: BTreeMap<i32, Vec<&QuarantineRow>> = BTreeMap::new();
    let mut assessments_by_year: BTreeMap<i32, Vec<&AssessmentRow>> = BTreeMap::new();
    for b in batches {
        for v in &b.values {
            panel_by_year.entry(v.year).or_default().push(v);
        }
        for q in &b.quarantine {
            quarantine_by_year.entry(q.year).or_default().push(q);
        }
        for a in &b.assessments {
            assessments_by_year.entry(a.year).or_default().push(a);
        }
    }
    // Each part describes itself (table, year, revision, the manifest entries of the files whose
    // rows it holds), so that a lost manifest can be rebuilt from the parts (`repair`).
    let file_of: HashMap<u32, &IngestedFile> =
        batches.iter().map(|b| (b.file.revision, &b.file)).collect();
    let mut frames: Vec<(Part, pl::DataFrame, BTreeSet<u32>)> = Vec::new();
    let push = |frames: &mut Vec<_>,
                table: Table,
                year: i32,
                df: pl::DataFrame,
                revisions: BTreeSet<u32>| {
        let part = Part {
            table,
            year,
            path: Part::path_for(table, year, first),
            rows: df.height(),
            revision: first,
        };
        frames.push((part, df, revisions));
    };
    for (year, rows) in panel_by_year {
        let revisions = rows.iter().map(|r| r.revision).collect();
        let rows: Vec<PanelRow> = rows.into_iter().cloned().collect();
        push(
            &mut frames,
            Table::Panel,
            year,
            panel::panel_frame(&rows)?,
            revisions,
        );
    }
    for (year, rows) in quarantine_by_year {
        let revisions = rows.iter().map(|r| r.revision).collect();
        let rows: Vec<QuarantineRow> = rows.into_iter().cloned().collect();
        push(
            &mut frames,
            Table::Quarantine,
            year,
            panel::quarantine_frame(&rows)?,
            revisions,
        );
    }
    for (year, rows) in assessments_by_year {
        let revisions = rows.iter().map(|r| r.revision).collect();
        let rows: Vec<AssessmentRow> = rows.into_iter().cloned().collect();
        push(
            &mut frames,
            Table::Assessments,
            year,
            panel::assessment_frame(&rows)?,
            revisions,
        );
    }
    let described: HashSet<u32> = frames
        .iter()
        .flat_map(|(_, _, r)| r.iter().copied())
        .collect();
    let rowless: Vec<u32> = batches
        .iter()
        .map(|b| b.file.revision)
        .filter(|r| !described.contains(r))
        .collect();
    let mut parts = Vec::with_capacity(frames.len());
    for (i, (part, mut df, revisions)) in frames.into_iter().enumerate() {
        let mut files: Vec<IngestedFile> = revisions
            .iter()
            .filter_map(|r| file_of.get(r).map(|f| (*f).clone()))
            .collect();
        if i == 0 {
            files.extend(
                rowless
                    .iter()
                    .filter_map(|r| file_of.get(r).map(|f| (*f).clone())),
            );
        }
        let meta = parts::PartMeta::new(part.table, part.year, part.revision, files);
        write_parquet_described(&staging.join(&part.path), &mut df, Some(&meta))?;
        parts.push(part);
    }
    Ok(parts)
}

/// A store path that is a file, or (for readers) missing, said as such with what to do, instead of an
/// I/O error about `manifest.json`. A writer creates a missing folder.
fn check_store_path(dir: &Path, creating: bool) -> Result<(), Error> {
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => Err(Error::StoreIsAFile {
            path: dir.to_path_buf(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !creating => {
            Err(Error::StoreMissing {
                path: dir.to_path_buf(),
            })
        }
        _ => Ok(()),
    }
}

/// Writes a frame as one Parquet file (Snappy, readable by every engine) and fsyncs it.
pub fn write_parquet(path: &Path, df: &mut pl::DataFrame) -> Result<(), Error> {
    write_parquet_described(path, df, None)
}

/// [`write_parquet`] with the part's description in the file's key-value metadata.
fn write_parquet_described(
    path: &Path,
    df: &mut pl::DataFrame,
    meta: Option<&parts::PartMeta>,
) -> Result<(), Error> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let mut file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let key_value = meta.map(|m| {
        polars::io::parquet::write::KeyValueMetadata::from_static(vec![(
            parts::PART_METADATA_KEY.to_string(),
            m.to_json(),
        )])
    });
    pl::ParquetWriter::new(&mut file)
        .with_compression(pl::ParquetCompression::Snappy)
        .with_key_value_metadata(key_value)
        .finish(df)
        .map_err(|e| Error::StoreWrite {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    file.sync_all().map_err(|e| Error::io(path, e))
}

/// Writes a small file and fsyncs it (the in-flight record).
fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let mut f = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Makes a rename durable on Unix; elsewhere directories cannot be opened and this does nothing.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A folder without a manifest may become a store only if it holds nothing else (so that a mistyped
/// `--store returns/` never writes into a folder of returns).
fn refuse_foreign_folder(dir: &Path) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = name == lock::LOCK_FILE
            || name == STAGING_DIR
            || Table::ALL.iter().any(|t| t.dir() == name)
            || (name.starts_with(".manifest.json.") && name.ends_with(".tmp"));
        if !ours {
            return Err(Error::StoreWrite {
                path: dir.to_path_buf(),
                reason: format!(
                    "文件夹不是空的（有 {name}），也不是监测数据库；请指定一个新的或空的文件夹作为 --store"
                ),
            });
        }
    }
    Ok(())
}

/// Removes what a killed writer provably left: the staging folder (never read), the parts the audit
/// proved orphans (recorded in flight against this very manifest), temporary manifests. Nothing else:
/// unlisted parts nothing accounts for have made `Writer::open` refuse the store before this is called.
/// Returns the removed paths, relative to the store. Only called while holding the lock.
fn tidy(dir: &Path, audit: &parts::Audit) -> Result<Vec<String>, Error> {
    let mut removed = Vec::new();
    for orphan in &audit.orphans {
        let path = dir.join(orphan);
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        removed.push(orphan.clone());
    }
    let staging = dir.join(STAGING_DIR);
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        removed.push(format!("{STAGING_DIR}/"));
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(".manifest.json.") && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(e.path());
                removed.push(name);
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("planeval-store-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    fn batch(sha: &str, values: &[(&str, f64)]) -> Batch {
        let rows = values
            .iter()
            .map(|(ind, v)| PanelRow {
                plan_id: "p".into(),
                org: "古县".into(),
                indicator: ind.to_string(),
                year: 2023,
                sex: "total".into(),
                area: "total".into(),
                field: "value".into(),
                value: *v,
                unit: "percent".into(),
                reporting_unit: "妇联".into(),
                source_file: format!("{sha}.xlsx"),
                sha256: sha.into(),
                sheet: "指标填报".into(),
                cell: "H4".into(),
                raw: v.to_string(),
                source: None,
                remarks: None,
                ingested_at: String::new(),
                revision: 0,
            })
            .collect::<Vec<_>>();
        Batch {
            file: IngestedFile {
                sha256: sha.into(),
                name: format!("{sha}.xlsx"),
                kind: FileKind::Return,
                plan_id: Some("p".into()),
                unit: Some("妇联".into()),
                org: None,
                year: Some(2023),
                years: vec![2023],
                revision: 0,
                ingested_at: String::new(),
                values: rows.len(),
                rejected: 0,
                assessments: 0,
                superseded: 0,
                errors: 0,
                warnings: 0,
                package: None,
            },
            values: rows,
            quarantine: Vec::new(),
            assessments: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    #[test]
    fn a_resubmission_supersedes_and_keeps_history() {
        let dir = temp("resubmit");
        let mut w = Writer::open(&dir, "test").unwrap();
        let a = w.add(batch("aa", &[("x", 1.0), ("y", 2.0)]));
        assert_eq!((a.revision, a.added), (1, 2));
        w.commit(&mut |_| {}).unwrap();

        let mut w = Writer::open(&dir, "test").unwrap();
        assert!(w.already_ingested("aa").is_some());
        let b = w.add(batch("bb", &[("x", 1.5)]));
        assert_eq!(b.revision, 2);
        assert_eq!(b.superseded.len(), 1);
        assert_eq!(b.kept_from_earlier, 1, "y stays current");
        w.commit(&mut |_| {}).unwrap();

        let store = Store::open(&dir).unwrap();
        assert_eq!(store.panel().unwrap().len(), 3, "the old x is history");
        let cur = store.current_panel().unwrap();
        let x = cur.iter().find(|r| r.indicator == "x").unwrap();
        assert_eq!((x.value, x.revision, x.sha256.as_str()), (1.5, 2, "bb"));
        assert_eq!(store.manifest().files.len(), 2);
        assert!(!dir.join(lock::LOCK_FILE).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_run_flushed_in_parts_reads_back_as_one_and_is_repaired_the_same() {
        let dir = temp("flushed");
        let mut w = Writer::open(&dir, "test").unwrap().with_flush_rows(2);
        w.add(batch("aa", &[("x", 1.0), ("y", 2.0)]));
        assert!(w.batches.is_empty(), "two rows held: flushed");
        assert_eq!(w.staged.len(), 1);
        w.add(batch("bb", &[("x", 1.5)]));
        w.add(batch("cc", &[("z", 3.0), ("w", 4.0)]));
        assert!(
            w.already_ingested("aa").is_some(),
            "a flushed file is still known"
        );
        let c = w.commit(&mut |_| {}).unwrap();
        assert_eq!(c.revisions, [1, 2, 3]);
        let paths: Vec<&str> = c.parts.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "panel/year=2023/part-000001.parquet",
                "panel/year=2023/part-000002.parquet"
            ]
        );
        let store = Store::open(&dir).unwrap();
        assert_eq!(store.panel().unwrap().len(), 5);
        let cur = store.current_panel().unwrap();
        let x = cur.iter().find(|r| r.indicator == "x").unwrap();
        assert_eq!((x.value, x.revision), (1.5, 2));
        assert!(!dir.join(STAGING_DIR).exists());

        let complete = Manifest::load(&dir).unwrap().unwrap();
        std::fs::remove_file(dir.join(manifest::MANIFEST_FILE)).unwrap();
        repair::repair(&dir, "test").unwrap();
        let rebuilt = Manifest::load(&dir).unwrap().unwrap();
        assert_eq!(rebuilt.parts, complete.parts);
        assert_eq!(rebuilt.files, complete.files);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_interrupted_commit_leaves_the_previous_state_and_is_tidied() {
        let dir = temp("interrupted");
        let mut w = Writer::open(&dir, "test").unwrap();
        w.add(batch("aa", &[("x", 1.0)]));
        w.commit(&mut |_| {}).unwrap();
        let before = std::fs::read(dir.join("manifest.json")).unwrap();

        // Simulate a run killed before the manifest switch: its part is in place but unlisted, and
        // recorded in flight against this manifest.
        let stray_rel = Part::path_for(Table::Panel, 2023, 2);
        let stray = dir.join(&stray_rel);
        std::fs::copy(dir.join(Part::path_for(Table::Panel, 2023, 1)), &stray).unwrap();
        let record = parts::InFlight {
            base_manifest: Some(sha256_hex(&before)),
            parts: vec![stray_rel.clone()],
            pid: 0,
            started_at: now(),
        };
        write_synced(
            &dir.join(STAGING_DIR).join(parts::IN_FLIGHT_FILE),
            &serde_json::to_vec(&record).unwrap(),
        )
        .unwrap();
        let store = Store::open(&dir).unwrap();
        assert_eq!(
            store.panel().unwrap().len(),
            1,
            "readers see only listed parts"
        );

        let w = Writer::open(&dir, "test").unwrap();
        assert_eq!(w.tidied(), [stray_rel, format!("{STAGING_DIR}/")]);
        assert!(!stray.exists());
        w.commit(&mut |_| {}).unwrap();
        assert_eq!(
            std::fs::read(dir.join("manifest.json")).unwrap(),
            before,
            "a run without files writes nothing"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_unlisted_part_nothing_accounts_for_is_refused_never_deleted_and_repaired() {
        let dir = temp("unaccounted");
        let mut w = Writer::open(&dir, "test").unwrap();
        w.add(batch("aa", &[("x", 1.0)]));
        w.commit(&mut |_| {}).unwrap();
        let old = std::fs::read(dir.join("manifest.json")).unwrap();
        let mut w = Writer::open(&dir, "test").unwrap();
        w.add(batch("bb", &[("x", 2.0), ("y", 3.0)]));
        w.commit(&mut |_| {}).unwrap();
        let complete = Manifest::load(&dir).unwrap().unwrap();

        // An older manifest restored: the newer part is unlisted, and a record of a run that started
        // from another manifest proves nothing.
        std::fs::write(dir.join("manifest.json"), &old).unwrap();
        let newer = dir.join(Part::path_for(Table::Panel, 2023, 2));
        let record = parts::InFlight {
            base_manifest: Some("another".into()),
            parts: vec![Part::path_for(Table::Panel, 2023, 2)],
            pid: 0,
            started_at: now(),
        };
        write_synced(
            &dir.join(STAGING_DIR).join(parts::IN_FLIGHT_FILE),
            &serde_json::to_vec(&record).unwrap(),
        )
        .unwrap();
        assert!(matches!(
            Writer::open(&dir, "test"),
            Err(Error::StoreUnlistedParts {
                listed: 1,
                unlisted: 1,
                ..
            })
        ));
        assert!(matches!(
            Store::open(&dir),
            Err(Error::StoreUnlistedParts { .. })
        ));
        assert!(newer.exists(), "never deleted");
        assert!(
            dir.join(STAGING_DIR).exists(),
            "nothing tidied when refused"
        );

        let r = repair::repair(&dir, "test").unwrap();
        assert!(r.changed);
        assert_eq!(r.parts_added, [Part::path_for(Table::Panel, 2023, 2)]);
        let rebuilt = Manifest::load(&dir).unwrap().unwrap();
        assert_eq!(rebuilt.parts, complete.parts);
        assert_eq!(rebuilt.files, complete.files);
        assert_eq!(rebuilt.next_revision, complete.next_revision);
        let cur = Store::open(&dir).unwrap().current_panel().unwrap();
        assert_eq!(cur.len(), 2);

        // Without any manifest: refused, then rebuilt the same.
        std::fs::remove_file(dir.join("manifest.json")).unwrap();
        assert!(matches!(
            Writer::open(&dir, "test"),
            Err(Error::StoreManifestMissing { parts: 2, .. })
        ));
        let r = repair::repair(&dir, "test").unwrap();
        assert_eq!(r.manifest_before, "missing");
        let rebuilt = Manifest::load(&dir).unwrap().unwrap();
        assert_eq!(rebuilt.parts, complete.parts);
        assert_eq!(rebuilt.files, complete.files);
        let again = repair::repair(&dir, "test").unwrap();
        assert!(!again.changed, "a complete manifest is left as it is");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_part_without_its_description_is_rebuilt_from_its_columns() {
        let dir = temp("from-columns");
        let mut w = Writer::open(&dir, "test").unwrap();
        w.add(batch("aa", &[("x", 1.0), ("y", 2.0)]));
        w.commit(&mut |_| {}).unwrap();
        let complete = Manifest::load(&dir).unwrap().unwrap();
        // As an older planeval wrote it: the same rows, no key-value metadata.
        let part = dir.join(Part::path_for(Table::Panel, 2023, 1));
        let mut df = pl::ParquetReader::new(std::fs::File::open(&part).unwrap())
            .finish()
            .unwrap();
        write_parquet(&part, &mut df).unwrap();
        std::fs::remove_file(dir.join(manifest::MANIFEST_FILE)).unwrap();

        let r = repair::repair(&dir, "test").unwrap();
        assert_eq!(
            r.parts_from_columns,
            [Part::path_for(Table::Panel, 2023, 1)]
        );
        let rebuilt = Manifest::load(&dir).unwrap().unwrap();
        assert_eq!(rebuilt.parts, complete.parts);
        let (f, g) = (&rebuilt.files[0], &complete.files[0]);
        assert_eq!(
            (&f.sha256, &f.name, f.revision, f.values, f.year, &f.unit),
            (&g.sha256, &g.name, g.revision, g.values, g.year, &g.unit)
        );
        assert_eq!(Store::open(&dir).unwrap().current_panel().unwrap().len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_with_other_files_is_not_made_a_store() {
        let dir = temp("foreign");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("卫健体局.xlsx"), b"x").unwrap();
        assert!(matches!(
            Writer::open(&dir, "test"),
            Err(Error::StoreWrite { .. })
        ));
        assert!(matches!(Store::open(&dir), Err(Error::NotAStore { .. })));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn sha256_is_lower_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
