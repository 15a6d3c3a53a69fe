//! Writing the store: one writer under the lock, batches added in order, committed atomically (parts staged, synced, then the manifest).

use super::*;
use crate::i18n::diagnostics::DiagText;
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
pub(super) type Scope = (String, String, String, i32);

pub(super) fn scope_of(k: &PanelKey) -> Scope {
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
    pub(super) batches: Vec<Batch>,
    /// Files whose rows were already written to the staging folder by a flush (see [`FLUSH_ROWS`]),
    /// and the parts written for them.
    flushed: Vec<IngestedFile>,
    pub(super) staged: Vec<Part>,
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
pub(super) fn stage_parts(staging: &Path, batches: &[Batch]) -> Result<Vec<Part>, Error> {
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
pub(super) fn check_store_path(dir: &Path, creating: bool) -> Result<(), Error> {
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
pub(super) fn write_parquet_described(
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
            reason: crate::error::Reason::same(e.to_string()),
        })?;
    file.sync_all().map_err(|e| Error::io(path, e))
}

/// Writes a small file and fsyncs it (the in-flight record).
pub(super) fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let mut f = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Makes a rename durable on Unix; elsewhere directories cannot be opened and this does nothing.
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A folder without a manifest may become a store only if it holds nothing else (so that a mistyped
/// `--store returns/` never writes into a folder of returns).
pub(super) fn refuse_foreign_folder(dir: &Path) -> Result<(), Error> {
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
                reason: crate::error::Reason::said(
                    DiagText::StoreFolderNotEmpty,
                    &[("name", &name)],
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
pub(super) fn tidy(dir: &Path, audit: &parts::Audit) -> Result<Vec<String>, Error> {
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
