//! `planeval store repair`: rebuild `manifest.json` from the part files present, after the manifest was
//! deleted, lost in a copy, or replaced by an older one from a backup. It never deletes or moves a file.
//!
//! Every part describes itself in its Parquet key-value metadata (`parts::PartMeta`: table, year,
//! revision, the manifest entries of its files). A part written before parts described themselves is
//! read from its columns instead (`revision`, `sha256`, `source_file`, …); its files' warning counts are
//! then unknown (0). The rebuilt manifest lists every readable part found, sorted as the runs wrote
//! them, and every file those parts name; an entry of the previous manifest is kept only when it
//! brought no row at all (so no part could name it). A part that cannot be read stops the repair with
//! its name, before anything is written: the user moves it aside or restores it, and runs repair again.

use super::lock::StoreLock;
use super::manifest::{FileKind, IngestedFile, Manifest, Part, Table, MANIFEST_FILE};
use super::panel::{self, SCHEMA_VERSION};
use super::parts::{self, PartMeta};
use crate::error::Error;
use crate::i18n::diagnostics::DiagText;
use polars::prelude as pl;
use polars::prelude::SerReader;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// An ingested file the repaired manifest no longer lists: its name and revision.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DroppedFile {
    pub name: String,
    pub revision: u32,
}

/// What a repair found and wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Repaired {
    /// `missing`, `readable` or `unreadable`: the manifest before the repair.
    pub manifest_before: &'static str,
    /// Parts the previous manifest listed (0 when it was missing or unreadable).
    pub parts_listed_before: usize,
    /// Parts the rebuilt manifest lists.
    pub parts: usize,
    /// Ingested files it lists.
    pub files: usize,
    pub next_revision: u32,
    /// Parts the previous manifest did not list, now listed.
    pub parts_added: Vec<String>,
    /// Parts the previous manifest listed that are not on disk, no longer listed.
    pub parts_missing: Vec<String>,
    /// Parts without their own description, rebuilt from their columns.
    pub parts_from_columns: Vec<String>,
    /// Files of the previous manifest whose rows no part holds any more, no longer listed.
    pub files_dropped: Vec<DroppedFile>,
    /// Whether the manifest written differs from the one before (parts or files).
    pub changed: bool,
}

/// Rebuilds the manifest of the store in `dir` from its parts, under the writer's lock.
pub fn repair(dir: &Path, command: &str) -> Result<Repaired, Error> {
    let on_disk = parts::parts_on_disk(dir);
    let has_manifest = match Manifest::load(dir) {
        // A newer planeval's store is never rewritten by this one.
        Err(e @ Error::StoreTooNew { .. }) => return Err(e),
        loaded => matches!(loaded, Ok(Some(_))),
    };
    if on_disk.is_empty() && !has_manifest {
        return Err(Error::NotAStore {
            path: dir.to_path_buf(),
        });
    }
    let started = super::now();
    let _lock = StoreLock::acquire(dir, command, &started)?;
    // Again under the lock: a writer may have committed meanwhile.
    let on_disk = parts::parts_on_disk(dir);
    let (before, manifest_before) = match Manifest::load(dir) {
        Ok(Some(m)) => (Some(m), "readable"),
        Ok(None) => (None, "missing"),
        Err(e @ Error::StoreTooNew { .. }) => return Err(e),
        Err(_) => (None, "unreadable"),
    };

    let mut found: Vec<(Part, PartMeta, bool)> = Vec::new();
    let mut unreadable = Vec::new();
    for relative in &on_disk {
        match read_description(dir, relative) {
            Ok(Described {
                part,
                meta,
                from_columns,
            }) => {
                if meta.schema_version > SCHEMA_VERSION {
                    return Err(Error::StoreTooNew {
                        path: dir.to_path_buf(),
                        found: meta.schema_version,
                        supported: SCHEMA_VERSION,
                    });
                }
                found.push((part, meta, from_columns));
            }
            Err(reason) => unreadable.push(format!("{relative}（{reason}）")),
        }
    }
    if !unreadable.is_empty() {
        return Err(Error::StoreCorrupt {
            path: dir.to_path_buf(),
            reason: crate::error::Reason::said_each(
                DiagText::StoreRepairUnreadable,
                &[
                    ("n", &unreadable.len().to_string()),
                    ("files", &unreadable.join("、")),
                ],
                &[
                    ("n", &unreadable.len().to_string()),
                    ("files", &unreadable.join(", ")),
                ],
            ),
        });
    }
    // As the runs wrote them: by revision, then panel, quarantine, assessments, then year.
    found.sort_by_key(|(p, _, _)| (p.revision, p.table, p.year));

    let mut files: BTreeMap<u32, IngestedFile> = BTreeMap::new();
    // A part's own description holds its files' whole entries; descriptions rebuilt from columns hold
    // each only what its rows show, so those of one file are added up across parts.
    let mut summed: BTreeSet<u32> = BTreeSet::new();
    for (_, meta, from_columns) in &found {
        for f in &meta.files {
            match files.get_mut(&f.revision) {
                None => {
                    if *from_columns {
                        summed.insert(f.revision);
                    }
                    files.insert(f.revision, f.clone());
                }
                Some(known) if *from_columns && summed.contains(&f.revision) => {
                    known.values += f.values;
                    known.rejected += f.rejected;
                    known.assessments += f.assessments;
                    known.errors += f.errors;
                    for y in &f.years {
                        if !known.years.contains(y) {
                            known.years.push(*y);
                        }
                    }
                    known.years.sort_unstable();
                    known.year = match known.years.as_slice() {
                        [y] => Some(*y),
                        _ => None,
                    };
                    if known.years.len() > 1 {
                        known.kind = FileKind::Baseline;
                    }
                }
                Some(_) => {}
            }
        }
    }
    let mut files_dropped = Vec::new();
    if let Some(m) = &before {
        for f in &m.files {
            if files.contains_key(&f.revision) {
                continue;
            }
            if f.values + f.rejected + f.assessments == 0 {
                files.insert(f.revision, f.clone());
            } else {
                files_dropped.push(DroppedFile {
                    name: f.name.clone(),
                    revision: f.revision,
                });
            }
        }
    }

    let max_revision = found
        .iter()
        .map(|(p, _, _)| p.revision)
        .chain(files.keys().copied())
        .max()
        .unwrap_or(0);
    let next_revision = before
        .as_ref()
        .map_or(1, |m| m.next_revision)
        .max(max_revision + 1);
    let listed_before: BTreeSet<String> = before
        .as_ref()
        .map(|m| m.parts.iter().map(|p| p.path.clone()).collect())
        .unwrap_or_default();
    let now = super::now();
    let created_at = before
        .as_ref()
        .map(|m| m.created_at.clone())
        .or_else(|| files.values().map(|f| f.ingested_at.clone()).min())
        .unwrap_or_else(|| now.clone());
    let rebuilt = Manifest {
        updated_at: now,
        next_revision,
        parts: found.iter().map(|(p, _, _)| p.clone()).collect(),
        files: files.into_values().collect(),
        ..Manifest::empty(&created_at)
    };
    let changed = before
        .as_ref()
        .is_none_or(|m| m.parts != rebuilt.parts || m.files != rebuilt.files);
    let report = Repaired {
        manifest_before,
        parts_listed_before: listed_before.len(),
        parts: rebuilt.parts.len(),
        files: rebuilt.files.len(),
        next_revision,
        parts_added: rebuilt
            .parts
            .iter()
            .filter(|p| !listed_before.contains(&p.path))
            .map(|p| p.path.clone())
            .collect(),
        parts_missing: listed_before
            .iter()
            .filter(|p| !on_disk.contains(p))
            .cloned()
            .collect(),
        parts_from_columns: found
            .iter()
            .filter(|(_, _, c)| *c)
            .map(|(p, _, _)| p.path.clone())
            .collect(),
        files_dropped,
        changed,
    };
    if changed {
        crate::fsutil::write_atomic(&dir.join(MANIFEST_FILE), &rebuilt.to_json())?;
    }
    Ok(report)
}

struct Described {
    part: Part,
    meta: PartMeta,
    from_columns: bool,
}

/// A part's entry and description: from its key-value metadata, or else from its columns. The path
/// says the table and year; a description that disagrees with it is not trusted.
fn read_description(dir: &Path, relative: &str) -> Result<Described, String> {
    let (table, year) =
        table_and_year(relative).ok_or("路径不是 表/year=年份/part-修订号.parquet")?;
    let path = dir.join(relative);
    let file = std::fs::File::open(&path).map_err(|e| e.to_string())?;
    let mut reader = pl::ParquetReader::new(file);
    let metadata = reader.get_metadata().map_err(|e| e.to_string())?.clone();
    let described = metadata
        .key_value_metadata()
        .as_ref()
        .and_then(|kv| kv.iter().find(|k| k.key == parts::PART_METADATA_KEY))
        .and_then(|k| k.value.as_deref())
        .and_then(PartMeta::parse)
        .filter(|m| m.table == table && m.year == year);
    if let Some(meta) = described {
        return Ok(Described {
            part: Part {
                table,
                year,
                path: relative.to_string(),
                rows: metadata.num_rows,
                revision: meta.revision,
            },
            meta,
            from_columns: false,
        });
    }
    let df = reader.finish().map_err(|e| e.to_string())?;
    let meta = describe_from_columns(&df, &path, table, year).map_err(|e| e.to_string())?;
    Ok(Described {
        part: Part {
            table,
            year,
            path: relative.to_string(),
            rows: df.height(),
            revision: meta.revision,
        },
        meta,
        from_columns: true,
    })
}

fn table_and_year(relative: &str) -> Option<(Table, i32)> {
    let mut it = relative.split('/');
    let first = it.next()?;
    let table = Table::ALL.into_iter().find(|t| t.dir() == first)?;
    let year = it.next()?.strip_prefix("year=")?.parse().ok()?;
    let name = it.next()?;
    (name.starts_with("part-") && it.next().is_none()).then_some((table, year))
}

/// What one row says about the file that brought it.
struct Provenance {
    revision: u32,
    sha256: String,
    source_file: String,
    plan_id: String,
    org: String,
    unit: String,
    year: i32,
    ingested_at: String,
    /// (values, rejected, assessments, errors) this row adds to its file's counts.
    counts: (usize, usize, usize, usize),
}

/// A description of a part written before parts described themselves, from its columns.
fn describe_from_columns(
    df: &pl::DataFrame,
    path: &Path,
    table: Table,
    year: i32,
) -> Result<PartMeta, Error> {
    let rows: Vec<Provenance> = match table {
        Table::Panel => panel::panel_rows(df, path)?
            .into_iter()
            .map(|r| Provenance {
                revision: r.revision,
                sha256: r.sha256,
                source_file: r.source_file,
                plan_id: r.plan_id,
                org: r.org,
                unit: r.reporting_unit,
                year: r.year,
                ingested_at: r.ingested_at,
                counts: (1, 0, 0, 0),
            })
            .collect(),
        Table::Quarantine => panel::quarantine_rows(df, path)?
            .into_iter()
            .map(|r| {
                let rejected = !r.kept && r.raw.as_deref().is_some_and(|t| !t.is_empty());
                Provenance {
                    revision: r.revision,
                    sha256: r.sha256,
                    source_file: r.source_file,
                    plan_id: r.plan_id,
                    org: r.org,
                    unit: r.reporting_unit,
                    year: r.year,
                    ingested_at: r.ingested_at,
                    counts: (
                        0,
                        usize::from(rejected),
                        0,
                        usize::from(r.severity == "error"),
                    ),
                }
            })
            .collect(),
        Table::Assessments => panel::assessment_rows(df, path)?
            .into_iter()
            .map(|r| Provenance {
                revision: r.revision,
                sha256: r.sha256,
                source_file: r.source_file,
                plan_id: r.plan_id,
                org: r.org,
                unit: r.reporting_unit,
                year: r.year,
                ingested_at: r.ingested_at,
                counts: (0, 0, 1, 0),
            })
            .collect(),
    };
    let mut files: BTreeMap<u32, IngestedFile> = BTreeMap::new();
    for p in rows {
        let f = files.entry(p.revision).or_insert_with(|| IngestedFile {
            plan_id: Some(p.plan_id.clone()),
            unit: Some(p.unit.clone()).filter(|u| !u.is_empty()),
            org: Some(p.org.clone()),
            revision: p.revision,
            ingested_at: p.ingested_at.clone(),
            ..IngestedFile::new(FileKind::Return, p.source_file.clone(), p.sha256.clone())
        });
        f.values += p.counts.0;
        f.rejected += p.counts.1;
        f.assessments += p.counts.2;
        f.errors += p.counts.3;
        if p.year != 0 && !f.years.contains(&p.year) {
            f.years.push(p.year);
            f.years.sort_unstable();
        }
    }
    for f in files.values_mut() {
        // One year is a return's; several are a baseline sheet's (kept apart from returns).
        match f.years.as_slice() {
            [y] => f.year = Some(*y),
            [] => {}
            _ => f.kind = FileKind::Baseline,
        }
    }
    let revision = files.keys().next().copied().unwrap_or(0);
    Ok(PartMeta::new(
        table,
        year,
        revision,
        files.into_values().collect(),
    ))
}
