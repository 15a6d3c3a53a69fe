//! What the store's part files say about themselves, and what the folders hold against what the manifest
//! lists: the guard that lets tidying delete only what it can prove is an orphan.
//!
//! - Every part carries its own description in the Parquet file's key-value metadata
//!   ([`PART_METADATA_KEY`]): table, year, the run's first revision, and the manifest entries of the
//!   files whose rows it holds, so that `planeval store repair` can rebuild a lost manifest.
//! - Before a run moves its parts into their partition folders it records them in
//!   `.staging/in-flight.json`, with the fingerprint (SHA-256) of the manifest it started from. A part
//!   the manifest does not list is an orphan only if that record names it and the manifest is still
//!   the one the run started from (the run died before switching it). Anything else unlisted — after a
//!   manifest was deleted or an older one restored from a backup — is unaccounted for: the store is
//!   refused with a recovery message, and nothing is deleted.

use super::manifest::{IngestedFile, Manifest, Table};
use super::panel::SCHEMA_VERSION;
use super::STAGING_DIR;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

/// The key of a part's own description in its Parquet key-value metadata.
pub const PART_METADATA_KEY: &str = "planeval.part";
/// Written into every part description, so that foreign metadata is not mistaken for ours.
pub const PART_FORMAT: &str = "planeval-part";
/// The record of the parts a run is moving into place, inside the staging folder.
pub const IN_FLIGHT_FILE: &str = "in-flight.json";

/// A part file's description of itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartMeta {
    pub format: String,
    pub schema_version: u32,
    pub table: Table,
    pub year: i32,
    /// The first revision of the run that wrote it (also in its file name).
    pub revision: u32,
    /// The manifest entries of the files whose rows this part holds; the run's first part also carries
    /// the files that brought no row at all.
    pub files: Vec<IngestedFile>,
}

impl PartMeta {
    pub fn new(table: Table, year: i32, revision: u32, files: Vec<IngestedFile>) -> PartMeta {
        PartMeta {
            format: PART_FORMAT.to_string(),
            schema_version: SCHEMA_VERSION,
            table,
            year,
            revision,
            files,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses a description; `None` when it is not ours.
    pub fn parse(text: &str) -> Option<PartMeta> {
        let meta: PartMeta = serde_json::from_str(text).ok()?;
        (meta.format == PART_FORMAT).then_some(meta)
    }
}

/// The parts a run is moving into place, and the manifest it started from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InFlight {
    /// SHA-256 of `manifest.json` when the run took the lock; `None` when there was none yet.
    pub base_manifest: Option<String>,
    /// Relative paths of the parts, as the manifest will list them.
    pub parts: Vec<String>,
    pub pid: u32,
    pub started_at: String,
}

impl InFlight {
    /// Reads the record left in the staging folder; `None` when there is none or it is unreadable (then
    /// nothing is proven an orphan).
    pub fn load(dir: &Path) -> Option<InFlight> {
        let bytes = std::fs::read(dir.join(STAGING_DIR).join(IN_FLIGHT_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

/// Every part file in the store's table folders (`table/year=Y/part-R.parquet`, relative, `/`-separated),
/// sorted. Other files there are neither parts nor ever touched.
pub fn parts_on_disk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for table in Table::ALL {
        let Ok(years) = std::fs::read_dir(dir.join(table.dir())) else {
            continue;
        };
        for year_dir in years.flatten() {
            let year_name = year_dir.file_name().to_string_lossy().into_owned();
            if !year_name.starts_with("year=") {
                continue;
            }
            let Ok(files) = std::fs::read_dir(year_dir.path()) else {
                continue;
            };
            for f in files.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                if name.starts_with("part-") && name.ends_with(".parquet") {
                    found.push(format!("{}/{year_name}/{name}", table.dir()));
                }
            }
        }
    }
    found.sort();
    found
}

/// The folders against the manifest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Audit {
    /// Parts the manifest lists.
    pub listed: usize,
    /// Part files on disk.
    pub on_disk: usize,
    /// Unlisted parts a killed run left: recorded in flight against this very manifest. Safe to delete.
    pub orphans: Vec<String>,
    /// Unlisted parts nothing accounts for: the manifest was lost or replaced. Never deleted.
    pub unaccounted: Vec<String>,
}

/// Compares the part files on disk with `manifest` (`None`: there is none), whose file had the
/// fingerprint `fingerprint`.
pub fn audit(dir: &Path, manifest: Option<&Manifest>, fingerprint: Option<&str>) -> Audit {
    let on_disk = parts_on_disk(dir);
    let listed: BTreeSet<&str> = manifest
        .map(|m| m.parts.iter().map(|p| p.path.as_str()).collect())
        .unwrap_or_default();
    let in_flight: BTreeSet<String> = InFlight::load(dir)
        .filter(|r| r.base_manifest.as_deref() == fingerprint)
        .map(|r| r.parts.into_iter().collect())
        .unwrap_or_default();
    let mut audit = Audit {
        listed: listed.len(),
        on_disk: on_disk.len(),
        ..Default::default()
    };
    for p in on_disk {
        if listed.contains(p.as_str()) {
            continue;
        }
        if in_flight.contains(&p) {
            audit.orphans.push(p);
        } else {
            audit.unaccounted.push(p);
        }
    }
    audit
}

impl Audit {
    /// The refusal for a store whose folders hold parts nothing accounts for, if any.
    pub fn refusal(&self, dir: &Path, has_manifest: bool) -> Option<crate::Error> {
        let example = self.unaccounted.first()?.clone();
        Some(if has_manifest {
            crate::Error::StoreUnlistedParts {
                path: dir.to_path_buf(),
                listed: self.listed,
                unlisted: self.unaccounted.len(),
                example,
            }
        } else {
            crate::Error::StoreManifestMissing {
                path: dir.to_path_buf(),
                parts: self.unaccounted.len(),
                example,
            }
        })
    }
}
