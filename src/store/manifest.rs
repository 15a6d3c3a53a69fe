//! The manifest (`manifest.json`): the single source of truth of what the store holds.
//!
//! It lists every Parquet part file that belongs to the store and every file ever ingested (with its
//! SHA-256, so a second ingest of the same bytes is recognised). Readers read only the parts listed here;
//! a writer adds parts first and switches the manifest last, in one atomic rename, so the store is always
//! either the old state or the new one. The schema version guards against a newer planeval's store.

use super::panel::SCHEMA_VERSION;
use crate::error::Error;
use crate::i18n::diagnostics::DiagText;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const MANIFEST_FILE: &str = "manifest.json";
/// Written into every manifest so that a stray JSON file is not mistaken for a store.
pub const FORMAT: &str = "planeval-store";

/// Which table a part file belongs to; also its top folder in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    /// Accepted values: `panel/year=YYYY/part-R.parquet`.
    Panel,
    /// Rejected or flagged cells: `quarantine/year=YYYY/part-R.parquet`.
    Quarantine,
    /// Self-assessments of qualitative objectives: `assessments/year=YYYY/part-R.parquet`.
    Assessments,
}

impl Table {
    pub const ALL: [Table; 3] = [Table::Panel, Table::Quarantine, Table::Assessments];

    pub fn dir(self) -> &'static str {
        match self {
            Table::Panel => "panel",
            Table::Quarantine => "quarantine",
            Table::Assessments => "assessments",
        }
    }
}

/// One Parquet file of the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub table: Table,
    pub year: i32,
    /// Relative to the store folder, `/`-separated, e.g. `panel/year=2023/part-000003.parquet`.
    pub path: String,
    pub rows: usize,
    /// The first revision of the run that wrote it.
    pub revision: u32,
}

impl Part {
    /// The path of a new part: unique because revisions only grow.
    pub fn path_for(table: Table, year: i32, revision: u32) -> String {
        format!("{}/year={year}/part-{revision:06}.parquet", table.dir())
    }
}

/// What kind of file was ingested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// A department's returned workbook.
    Return,
    /// A long-format sheet of baseline and earlier years (`ingest --baseline`).
    Baseline,
}

/// A file that was ingested, with what it brought.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestedFile {
    pub sha256: String,
    /// File name only.
    pub name: String,
    pub kind: FileKind,
    pub plan_id: Option<String>,
    /// The responsible unit that returned it, when known.
    pub unit: Option<String>,
    pub org: Option<String>,
    /// The reporting year of a return.
    pub year: Option<i32>,
    /// Every year the file holds values for (one for a return, several for a baseline sheet).
    pub years: Vec<i32>,
    pub revision: u32,
    /// RFC 3339.
    pub ingested_at: String,
    /// Values taken into the panel.
    pub values: usize,
    /// Typed cells rejected (quarantined, not in the panel). The quarantine also holds findings without a
    /// typed value (a required value left empty, an unreadable file).
    pub rejected: usize,
    pub assessments: usize,
    /// Earlier values this file superseded with a different number.
    pub superseded: usize,
    pub errors: usize,
    pub warnings: usize,
    /// The package that brought the file, when it came from another store (`ingest --package`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<PackageRef>,
}

impl IngestedFile {
    /// A file of `kind` named `name` with these bytes, before anything is known of its contents:
    /// no plan, unit, area or years, nothing counted, not yet ingested (revision 0). The places that
    /// learn more set it with struct update syntax.
    pub fn new(kind: FileKind, name: impl Into<String>, sha256: impl Into<String>) -> IngestedFile {
        IngestedFile {
            sha256: sha256.into(),
            name: name.into(),
            kind,
            plan_id: None,
            unit: None,
            org: None,
            year: None,
            years: Vec::new(),
            revision: 0,
            ingested_at: String::new(),
            values: 0,
            rejected: 0,
            assessments: 0,
            superseded: 0,
            errors: 0,
            warnings: 0,
            package: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub schema_version: u32,
    pub created_at: String,
    pub updated_at: String,
    /// The revision the next ingested file gets.
    pub next_revision: u32,
    pub parts: Vec<Part>,
    pub files: Vec<IngestedFile>,
}

impl Manifest {
    pub fn empty(now: &str) -> Manifest {
        Manifest {
            format: FORMAT.to_string(),
            schema_version: SCHEMA_VERSION,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            next_revision: 1,
            parts: Vec::new(),
            files: Vec::new(),
        }
    }

    /// Reads `dir/manifest.json`; `None` when there is none (an empty or new store).
    pub fn load(dir: &Path) -> Result<Option<Manifest>, Error> {
        Ok(Self::load_fingerprinted(dir)?.map(|(m, _)| m))
    }

    /// [`Manifest::load`] with the SHA-256 of the file's bytes, which tells whether the manifest is still
    /// the one a run started from (see `parts::InFlight`).
    pub fn load_fingerprinted(dir: &Path) -> Result<Option<(Manifest, String)>, Error> {
        let path = dir.join(MANIFEST_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let manifest = Self::parse(&bytes, &path)?;
        Ok(Some((manifest, super::sha256_hex(&bytes))))
    }

    /// The SHA-256 of `dir/manifest.json` as it is now; `None` when there is none or it cannot be read.
    pub fn fingerprint(dir: &Path) -> Option<String> {
        std::fs::read(dir.join(MANIFEST_FILE))
            .ok()
            .map(|b| super::sha256_hex(&b))
    }

    /// Parses a manifest, checking the schema version before anything else so that a newer store gives
    /// a clear "too new" error rather than a parse error.
    pub fn parse(bytes: &[u8], path: &Path) -> Result<Manifest, Error> {
        let corrupt = |text: DiagText, args: &[(&str, &str)]| Error::StoreCorrupt {
            path: path.to_path_buf(),
            reason: crate::error::Reason::said(text, args),
        };
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
            corrupt(
                DiagText::StoreManifestNotJson,
                &[("detail", &e.to_string())],
            )
        })?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(corrupt(
                DiagText::StoreManifestNotOurs,
                &[("format", FORMAT)],
            ));
        }
        let version = value
            .get("schema_version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| corrupt(DiagText::StoreNoSchemaVersion, &[]))?;
        if version > u64::from(SCHEMA_VERSION) {
            return Err(Error::StoreTooNew {
                path: path.parent().unwrap_or(path).to_path_buf(),
                found: u32::try_from(version).unwrap_or(u32::MAX),
                supported: SCHEMA_VERSION,
            });
        }
        serde_json::from_value(value).map_err(|e| {
            corrupt(
                DiagText::StoreManifestIncomplete,
                &[("detail", &e.to_string())],
            )
        })
    }

    pub fn to_json(&self) -> Vec<u8> {
        // Plain strings and numbers: serialising cannot fail.
        let mut s = serde_json::to_vec_pretty(self).unwrap_or_default();
        s.push(b'\n');
        s
    }

    /// The ingested file with these bytes, if any.
    pub fn file_by_sha(&self, sha256: &str) -> Option<&IngestedFile> {
        self.files.iter().find(|f| f.sha256 == sha256)
    }

    pub fn parts_of(&self, table: Table) -> impl Iterator<Item = &Part> {
        self.parts.iter().filter(move |p| p.table == table)
    }

    pub fn is_listed(&self, relative: &str) -> bool {
        self.parts.iter().any(|p| p.path == relative)
    }
}

/// Where a package came from, recorded on every file entry it brought into a store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageRef {
    /// The package's file name (never a machine path).
    pub name: String,
    /// Its identity (`content_sha256`).
    pub content_sha256: String,
    pub area_code: String,
    pub year: i32,
    pub created_at: String,
    /// The file's revision in the sending store.
    pub sender_revision: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_a_newer_schema() {
        let m = Manifest::empty("2024-01-01T00:00:00+08:00");
        let back = Manifest::parse(&m.to_json(), Path::new("s/manifest.json")).unwrap();
        assert_eq!(back, m);

        let mut v: serde_json::Value = serde_json::from_slice(&m.to_json()).unwrap();
        v["schema_version"] = (SCHEMA_VERSION + 1).into();
        v["something_new"] = 1.into();
        let err =
            Manifest::parse(v.to_string().as_bytes(), Path::new("s/manifest.json")).unwrap_err();
        assert!(
            matches!(err, Error::StoreTooNew { found, .. } if found == SCHEMA_VERSION + 1),
            "{err}"
        );
    }

    #[test]
    fn a_foreign_json_is_not_a_manifest() {
        let err = Manifest::parse(br#"{"a": 1}"#, Path::new("m.json")).unwrap_err();
        assert!(matches!(err, Error::StoreCorrupt { .. }));
    }

    #[test]
    fn part_paths_are_hive_style_and_sortable() {
        assert_eq!(
            Part::path_for(Table::Panel, 2023, 7),
            "panel/year=2023/part-000007.parquet"
        );
    }
}
