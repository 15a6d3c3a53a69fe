//! 报送包 (reporting package): one area's year as a single file a person can e-mail upward, and its
//! verification before a prefecture's or province's store takes it in.
//!
//! A package is a zip (`.pepkg`) holding `manifest.json` and three Parquet parts with the store's own
//! columns: the current panel rows of the area (and of every area below it) for the year, with their
//! original provenance (file, SHA-256, sheet, cell, raw text), the quarantine and the self-assessments.
//! The manifest names the plan (id, issuing document, and a fingerprint of its indicators' codes and
//! units: values are comparable only under the same indicators), the area (GB/T 2260 code and name),
//! the year, when and by which planeval it was made, the store's entries of the files the rows came from
//! (each row's `revision` is its file's revision in the sending store), and every part with its SHA-256
//! and row count.
//!
//! Two fingerprints make a package checkable without trusting its sender's software:
//! - `content_sha256` is the package's identity: the plan, area, year and the files with what each
//!   brings, but not when it was exported, so the same data exported twice is recognised as the same;
//! - `seal` is the SHA-256 of the manifest itself (with an empty seal), so that an edited manifest is
//!   told apart from a damaged part; a part's bytes are checked against its SHA-256.
//!
//! Nothing here writes to a store: [`read_package`] either returns a package whose every part and row
//! has been checked, or an error saying why it is refused; the store then adds its files as batches.

pub use super::manifest::PackageRef;
use super::manifest::{FileKind, IngestedFile};
use super::panel::{self, AssessmentRow, PanelRow, QuarantineRow};
use super::{sha256_hex, Batch};
use crate::catalog::Catalog;
use crate::error::{Error, Reason};
use crate::i18n::diagnostics::DiagText;
use polars::prelude as pl;
use polars::prelude::SerReader;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};
use std::path::Path;

/// The file extension of a package.
pub const PACKAGE_EXTENSION: &str = "pepkg";
/// Written into every package manifest, so that another zip is not mistaken for a package.
pub const PACKAGE_FORMAT: &str = "planeval-package";
/// The version of the package layout this planeval writes and reads.
pub const PACKAGE_FORMAT_VERSION: u32 = 1;
/// The manifest's name inside the zip.
pub const PACKAGE_MANIFEST: &str = "manifest.json";
/// A package larger than this is refused before it is opened (a province's year is far below it).
pub const MAX_PACKAGE_BYTES: u64 = 2 << 30;
/// An entry may not unpack to more than this many times its packed size (zip bombs).
const MAX_INFLATION: u64 = 1000;

/// Whether a file name says it is a package.
pub fn is_package_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(PACKAGE_EXTENSION))
}

/// The plan a package's values were reported under, as far as comparing values needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanIdentity {
    pub id: String,
    pub name: String,
    /// The issuing document (文号), as the plan file states it.
    pub document: String,
    /// SHA-256 of the indicators' codes and measurement units, in plan order: two plan files with the
    /// same fingerprint give every value the same meaning.
    pub indicators_sha256: String,
}

impl PlanIdentity {
    pub fn of(cat: &Catalog) -> PlanIdentity {
        let mut text = String::new();
        for (_, _, i) in cat.indicators() {
            text.push_str(&i.code);
            text.push('\t');
            text.push_str(i.unit.key());
            text.push('\n');
        }
        PlanIdentity {
            id: cat.plan.id.clone(),
            name: cat.plan.name.clone(),
            document: cat.plan.document.clone(),
            indicators_sha256: sha256_hex(text.as_bytes()),
        }
    }

    /// `gu-county-women-2021-2025（古政发〔2023〕10号，指标口径 1a2b3c4d）`.
    pub fn label(&self) -> String {
        let short: String = self.indicators_sha256.chars().take(8).collect();
        format!("{}（{}，指标口径 {short}）", self.id, self.document)
    }
}

/// One Parquet part of a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackagePart {
    /// Entry name inside the zip: `panel.parquet`, `quarantine.parquet` or `assessments.parquet`.
    pub name: String,
    pub table: super::Table,
    pub rows: usize,
    pub sha256: String,
}

/// The area a package reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageArea {
    /// GB/T 2260 code.
    pub code: String,
    pub name: String,
    /// `county`, `prefecture` or `province`.
    pub level: String,
}

/// `manifest.json` of a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageManifest {
    pub format: String,
    pub format_version: u32,
    pub plan: PlanIdentity,
    pub area: PackageArea,
    pub year: i32,
    /// RFC 3339; of two packages of one area and year, the later one is the newer.
    pub created_at: String,
    /// `planeval 0.1.0`.
    pub producer: String,
    /// The sending store's entries of the files the rows came from; each row's `revision` names one.
    pub files: Vec<IngestedFile>,
    pub parts: Vec<PackagePart>,
    /// The package's identity (see the module docs).
    pub content_sha256: String,
    /// SHA-256 of this manifest as JSON with `seal` empty.
    pub seal: String,
}

impl PackageManifest {
    fn sealed_json(&self) -> Vec<u8> {
        let mut unsealed = self.clone();
        unsealed.seal = String::new();
        serde_json::to_vec(&unsealed).unwrap_or_default()
    }

    fn compute_seal(&self) -> String {
        sha256_hex(&self.sealed_json())
    }

    /// The package's identity from what it holds, without its creation time.
    fn compute_content(&self) -> String {
        #[derive(Serialize)]
        struct Content<'a> {
            plan: &'a PlanIdentity,
            area: &'a str,
            year: i32,
            files: Vec<(&'a str, FileKind, usize, usize, usize)>,
            parts: Vec<(&'a str, usize)>,
        }
        let content = Content {
            plan: &self.plan,
            area: &self.area.code,
            year: self.year,
            files: self
                .files
                .iter()
                .map(|f| {
                    (
                        f.sha256.as_str(),
                        f.kind,
                        f.values,
                        f.rejected,
                        f.assessments,
                    )
                })
                .collect(),
            parts: self
                .parts
                .iter()
                .map(|p| (p.name.as_str(), p.rows))
                .collect(),
        };
        sha256_hex(&serde_json::to_vec(&content).unwrap_or_default())
    }
}

/// What a store holds of one area's year, to be packed.
#[derive(Debug, Clone)]
pub struct PackageContents {
    pub area: PackageArea,
    pub year: i32,
    /// Current panel rows of the area (and the areas below it) for the year.
    pub panel: Vec<PanelRow>,
    pub quarantine: Vec<QuarantineRow>,
    /// Current self-assessments.
    pub assessments: Vec<AssessmentRow>,
    /// The store's entries of every file the rows came from, and of the area's returns of the year
    /// that brought no current row (so that the receiver counts them as returned).
    pub files: Vec<IngestedFile>,
}

/// A package as written, with what it says.
#[derive(Debug, Clone)]
pub struct Packed {
    pub bytes: Vec<u8>,
    pub manifest: PackageManifest,
}

/// How many rows each revision has.
fn count_by_revision(revisions: impl Iterator<Item = u32>) -> BTreeMap<u32, usize> {
    let mut counts = BTreeMap::new();
    for r in revisions {
        *counts.entry(r).or_insert(0) += 1;
    }
    counts
}

/// Packs an area's year. Each file entry's counts are those of the rows packed, so the receiver's
/// manifest says what the package brought.
pub fn write_package(cat: &Catalog, contents: PackageContents, now: &str) -> Result<Packed, Error> {
    let PackageContents {
        area,
        year,
        panel: panel_rows,
        quarantine,
        assessments,
        mut files,
    } = contents;
    files.sort_by_key(|f| f.revision);
    // Counted in one pass each (a province's package holds thousands of files).
    let values = count_by_revision(panel_rows.iter().map(|r| r.revision));
    let assessed = count_by_revision(assessments.iter().map(|r| r.revision));
    for f in &mut files {
        f.values = values.get(&f.revision).copied().unwrap_or(0);
        f.assessments = assessed.get(&f.revision).copied().unwrap_or(0);
    }
    let tables = [
        (
            "panel.parquet",
            super::Table::Panel,
            panel_rows.len(),
            panel::parquet_bytes(&mut panel::panel_frame(&panel_rows)?)?,
        ),
        (
            "quarantine.parquet",
            super::Table::Quarantine,
            quarantine.len(),
            panel::parquet_bytes(&mut panel::quarantine_frame(&quarantine)?)?,
        ),
        (
            "assessments.parquet",
            super::Table::Assessments,
            assessments.len(),
            panel::parquet_bytes(&mut panel::assessment_frame(&assessments)?)?,
        ),
    ];
    let mut manifest = PackageManifest {
        format: PACKAGE_FORMAT.to_string(),
        format_version: PACKAGE_FORMAT_VERSION,
        plan: PlanIdentity::of(cat),
        area,
        year,
        created_at: now.to_string(),
        producer: format!("planeval {}", env!("CARGO_PKG_VERSION")),
        files,
        parts: tables
            .iter()
            .map(|(name, table, rows, bytes)| PackagePart {
                name: name.to_string(),
                table: *table,
                rows: *rows,
                sha256: sha256_hex(bytes),
            })
            .collect(),
        content_sha256: String::new(),
        seal: String::new(),
    };
    manifest.content_sha256 = manifest.compute_content();
    manifest.seal = manifest.compute_seal();

    use zip::write::SimpleFileOptions;
    let err = |e: &dyn std::fmt::Display| Error::StoreWrite {
        path: Default::default(),
        reason: Reason::said(DiagText::PackageNotWritten, &[("detail", &e.to_string())]),
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut manifest_json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    manifest_json.push(b'\n');
    zip.start_file(PACKAGE_MANIFEST, deflated)
        .map_err(|e| err(&e))?;
    zip.write_all(&manifest_json).map_err(|e| err(&e))?;
    // Parquet is compressed already; stored entries keep a part's bytes as they are hashed.
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, _, _, bytes) in &tables {
        zip.start_file(*name, stored).map_err(|e| err(&e))?;
        zip.write_all(bytes).map_err(|e| err(&e))?;
    }
    let bytes = zip.finish().map_err(|e| err(&e))?.into_inner();
    Ok(Packed { bytes, manifest })
}

/// A package whose every part and row has been checked against its manifest.
#[derive(Debug, Clone)]
pub struct Package {
    pub manifest: PackageManifest,
    pub panel: Vec<PanelRow>,
    pub quarantine: Vec<QuarantineRow>,
    pub assessments: Vec<AssessmentRow>,
}

impl Package {
    /// The package's files as batches for the receiving store, oldest first (the sending store's
    /// revision order, so that a correction still supersedes what it corrected). Files whose bytes
    /// the receiving store already has (`known`) are left out: their rows are there already.
    pub fn batches(&self, name: &str, known: &dyn Fn(&str) -> bool) -> Vec<Batch> {
        let m = &self.manifest;
        let mut by_revision: BTreeMap<u32, Batch> = BTreeMap::new();
        for f in &m.files {
            if known(&f.sha256) {
                continue;
            }
            let mut file = f.clone();
            file.package = Some(PackageRef {
                name: name.to_string(),
                content_sha256: m.content_sha256.clone(),
                area_code: m.area.code.clone(),
                year: m.year,
                created_at: m.created_at.clone(),
                sender_revision: f.revision,
            });
            by_revision.insert(
                f.revision,
                Batch {
                    file,
                    values: Vec::new(),
                    quarantine: Vec::new(),
                    assessments: Vec::new(),
                    diagnostics: Vec::new(),
                },
            );
        }
        for r in &self.panel {
            if let Some(b) = by_revision.get_mut(&r.revision) {
                b.values.push(r.clone());
            }
        }
        for r in &self.quarantine {
            if let Some(b) = by_revision.get_mut(&r.revision) {
                b.quarantine.push(r.clone());
            }
        }
        for r in &self.assessments {
            if let Some(b) = by_revision.get_mut(&r.revision) {
                b.assessments.push(r.clone());
            }
        }
        by_revision
            .into_values()
            .map(|mut b| {
                let counts = (b.file.errors, b.file.warnings);
                let rejected = b.file.rejected;
                b.count(counts);
                // The quarantine travels whole; what the sender counted as rejected stays.
                b.file.rejected = rejected;
                b
            })
            .collect()
    }
}

// ── Exporting and taking in ───────────────────────────────────────────────────────────────────────

/// What a store holds of the area `wanted` (a name or code) and everything below it for `year`: the
/// current panel rows, the quarantine, the current self-assessments, and the store's entries of the
/// files they came from and of the area's returns of the year.
pub fn contents_of(
    store: &super::Store,
    cat: &Catalog,
    areas: &crate::areas::Areas,
    wanted: &str,
    year: i32,
) -> Result<PackageContents, Error> {
    use super::query::Filter;
    cat.check_reporting_year(year)?;
    let store_areas = store.areas(areas)?;
    let sel = crate::areas::select::select(
        areas,
        &store_areas,
        Some(wanted),
        store.dir(),
        &cat.plan.region,
    )?;
    let (Some(code), Some(level)) = (sel.code.clone(), sel.level) else {
        return Err(Error::ExportAreaWithoutCode {
            area: sel.name.clone(),
            areas_file: areas.source.clone(),
        });
    };
    let years = [year];
    let filter = Filter {
        plan_id: Some(&cat.plan.id),
        orgs: Some(&sel.within),
        years: &years,
        ..Default::default()
    };
    let (panel_rows, quarantine, assessments) = if sel.within.is_empty() {
        (Vec::new(), Vec::new(), Vec::new())
    } else {
        (
            store.query_panel(&filter, true)?,
            store.query_quarantine(&filter)?,
            panel::current_assessments(&store.query_assessments(&filter)?),
        )
    };
    let revisions: BTreeSet<u32> = panel_rows
        .iter()
        .map(|r| r.revision)
        .chain(quarantine.iter().map(|r| r.revision))
        .chain(assessments.iter().map(|r| r.revision))
        .collect();
    let files: Vec<IngestedFile> = store
        .manifest()
        .files
        .iter()
        .filter(|f| {
            revisions.contains(&f.revision)
                || (f.kind == FileKind::Return
                    && f.year == Some(year)
                    && f.plan_id.as_deref().is_none_or(|p| p == cat.plan.id)
                    && sel.contains(f.org.as_deref().unwrap_or(&cat.plan.region)))
        })
        .cloned()
        .collect();
    if files.is_empty() {
        return Err(Error::ExportNothing {
            store: store.dir().to_path_buf(),
            area: sel.label(),
            year,
        });
    }
    Ok(PackageContents {
        area: PackageArea {
            code,
            name: sel.name.clone(),
            level: level.key().to_string(),
        },
        year,
        panel: panel_rows,
        quarantine,
        assessments,
        files,
    })
}

/// Checks a verified package against the plan and areas the receiving store works with: the same plan
/// (id and indicators), a reporting year of the plan, an area the areas file knows, and every row's
/// area that area or one below it. (A store does not record whose it is: a package taken back into the
/// store it came from brings nothing new, as its files are there already; provinces' packages gathered
/// in one national store sit side by side, each evaluated with `--area`.)
pub fn check_fits(
    package: &Package,
    cat: &Catalog,
    areas: &crate::areas::Areas,
    display: &str,
) -> Result<(), Error> {
    let m = &package.manifest;
    let ours = PlanIdentity::of(cat);
    if m.plan.id != ours.id || m.plan.indicators_sha256 != ours.indicators_sha256 {
        return Err(Error::PackageOtherPlan {
            path: display.to_string(),
            found: m.plan.label(),
            ours: ours.label(),
        });
    }
    cat.check_reporting_year(m.year)?;
    let area_err = |text: DiagText, args: &[(&str, &str)]| Error::PackageArea {
        path: display.to_string(),
        area: format!("{}（{}）", m.area.name, m.area.code),
        reason: Reason::said(text, args),
    };
    if areas.get(&m.area.code).is_none() {
        return Err(area_err(
            DiagText::PackageAreaUnknown,
            &[("areas", &areas.source), ("code", &m.area.code)],
        ));
    }
    let mut checked: BTreeSet<&str> = BTreeSet::new();
    let orgs = package
        .panel
        .iter()
        .map(|r| r.org.as_str())
        .chain(package.quarantine.iter().map(|r| r.org.as_str()))
        .chain(package.assessments.iter().map(|r| r.org.as_str()));
    for org in orgs {
        if !checked.insert(org) {
            continue;
        }
        let inside = match areas.find(org) {
            crate::areas::Found::One(d) => areas.is_within(&d.code, &m.area.code),
            _ => false,
        };
        if !inside {
            return Err(area_err(
                DiagText::PackageAreaOutside,
                &[("org", org), ("area", &m.area.name)],
            ));
        }
    }
    Ok(())
}

/// What taking a package into a store comes to.
#[derive(Debug, Clone)]
pub enum Intake {
    /// Files to add, oldest first.
    Add(Vec<Batch>),
    /// The same content is in the store already (the earlier package's entry), or every file it holds.
    NothingNew(Option<Box<IngestedFile>>),
    /// The store holds a newer package of the same area and year (its creation time).
    OlderThanStored(String),
}

/// Decides what a verified package brings to a store whose files so far are `files` (the manifest's
/// and this run's): nothing when its content is there already; nothing when a package of the same
/// area and year made later is there (an older package never supersedes a newer one); else the files
/// the store does not have yet.
pub fn intake<'a>(
    package: &Package,
    name: &str,
    files: impl Iterator<Item = &'a IngestedFile> + Clone,
) -> Intake {
    let m = &package.manifest;
    if let Some(earlier) = files.clone().find(|f| {
        f.package
            .as_ref()
            .is_some_and(|p| p.content_sha256 == m.content_sha256)
    }) {
        return Intake::NothingNew(Some(Box::new(earlier.clone())));
    }
    let created = chrono::DateTime::parse_from_rfc3339(&m.created_at).ok();
    let newer = files.clone().filter_map(|f| f.package.as_ref()).find(|p| {
        p.area_code == m.area.code
            && p.year == m.year
            && match (
                chrono::DateTime::parse_from_rfc3339(&p.created_at).ok(),
                created,
            ) {
                (Some(stored), Some(this)) => stored > this,
                _ => false,
            }
    });
    if let Some(newer) = newer {
        return Intake::OlderThanStored(newer.created_at.clone());
    }
    let known: BTreeSet<&str> = files.map(|f| f.sha256.as_str()).collect();
    let batches = package.batches(name, &|sha| known.contains(sha));
    if batches.is_empty() {
        Intake::NothingNew(None)
    } else {
        Intake::Add(batches)
    }
}

mod read;
#[cfg(test)]
mod tests;

pub use read::read_package;
