//! `ingest`: returns, baseline sheets and packages into the store — which files are new, corrections
//! superseding originals, packages taken whole or refused.
//!
//! A file is new by content (SHA-256): re-ingesting one the store has is a no-op that says which revision
//! had it. Returns are added oldest first, so that when a return and its correction arrive in the same
//! run the correction (saved later) gets the higher revision and supersedes, whatever the file names. A
//! file saying another year than the run's is, by default, not stored (nothing for the department to
//! correct; a later run can still take it). Every package is read and checked whole before the store is
//! opened, so a refused one leaves the store exactly as it was.
//!
//! What happens to each file is told through [`Event`]s as it happens (the command prints them); the
//! outcomes come back as data.

use super::{command_line, NoProgress, Progress};
use crate::areas::Areas;
use crate::inputs::{self, collect_inputs, InputFiles};
use crate::intake::{self, FileReport, IntakeOptions, OtherYears};
use crate::store::baseline::{self, LongSheet};
use crate::store::lock::LockInfo;
use crate::store::{self, package, Added, Batch, CommitPoint, IngestedFile, Writer};
use crate::{Catalog, Code, Diagnostic, Error, Location, Severity};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What `ingest` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct IngestConfig {
    /// Returned workbooks or folders (folders' `.pepkg` files are packages).
    pub inputs: Vec<PathBuf>,
    pub store: PathBuf,
    /// The reporting year; a file stating none is taken as of it.
    pub year: Option<i32>,
    pub other_years: OtherYears,
    /// Long-format sheets of baseline and earlier years.
    pub baseline: Vec<PathBuf>,
    /// Lower levels' reporting packages.
    pub packages: Vec<PathBuf>,
}

/// What became of one input file.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Ingested,
    /// Its bytes are in the store already (or earlier in this run).
    AlreadyIngested,
    /// It says another year than the run's and was not stored (`OtherYears::Ingest` stores it under
    /// its own year).
    OtherYear,
    Unreadable,
}

/// What happened to one input file.
#[derive(Serialize, Debug)]
pub struct FileOutcome {
    pub path: String,
    pub kind: store::FileKind,
    pub sha256: Option<String>,
    pub status: FileStatus,
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub revision: Option<u32>,
    /// For `already_ingested`: when the earlier ingest was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingested_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<Added>,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// What became of one 报送包.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PackageStatus {
    Ingested,
    /// The same content, or every file it holds, is in the store already.
    NothingNew,
    /// The store has a newer package of the area and year; nothing taken.
    OlderThanStored,
}

/// What happened to one 报送包.
#[derive(Serialize, Debug)]
pub struct PackageOutcome {
    pub path: String,
    pub area: String,
    pub area_code: String,
    pub year: i32,
    pub created_at: String,
    pub content_sha256: String,
    pub status: PackageStatus,
    /// Files of the package the store did not have, each with its revision here.
    pub files_added: usize,
    pub revisions: Vec<u32>,
    pub values_added: usize,
    pub values_superseded: usize,
    pub values_unchanged: usize,
    pub rejected: usize,
}

/// Totals over one ingest.
#[derive(Serialize, Default, Debug)]
pub struct Summary {
    pub files: usize,
    pub ingested: usize,
    pub already_ingested: usize,
    /// Files that say another year than the run's and were not stored.
    pub other_year: usize,
    pub values_added: usize,
    pub values_superseded: usize,
    pub values_unchanged: usize,
    pub rejected: usize,
    pub errors: usize,
    pub warnings: usize,
    pub revisions: Vec<u32>,
    /// 报送包 given or found.
    pub packages: usize,
    /// Of those, the ones that brought files.
    pub packages_ingested: usize,
}

/// What an ingest did; serialised as `ingest --json` prints it.
#[derive(Serialize, Debug)]
pub struct Ingested {
    pub store: String,
    pub files: Vec<FileOutcome>,
    /// What the folder walk did not read, and why, or noted.
    pub inputs: Vec<Diagnostic>,
    pub summary: Summary,
    pub packages: Vec<PackageOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub took_over_lock: Option<LockInfo>,
    pub tidied: Vec<String>,
}

impl Ingested {
    pub fn status(&self) -> super::Status {
        super::Status::from_errors(self.summary.errors)
    }

    /// Nothing was found to ingest: no file, no package, no note on the inputs.
    pub fn found_nothing(&self) -> bool {
        self.files.is_empty() && self.packages.is_empty() && self.inputs.is_empty()
    }

    /// Every diagnostic, the files' then the inputs'.
    pub fn all_diagnostics(&self) -> Vec<Diagnostic> {
        self.files
            .iter()
            .flat_map(|o| o.diagnostics.iter().cloned())
            .chain(self.inputs.iter().cloned())
            .collect()
    }
}

/// What is told while ingesting, in order, as it happens.
#[derive(Debug)]
pub enum Event<'a> {
    /// The store is open: a dead process's lock was taken over, or files an interrupted ingest left
    /// were tidied away.
    Opened {
        took_over: Option<&'a LockInfo>,
        tidied: &'a [String],
    },
    /// The file's bytes are in the store already.
    Skipped {
        path: &'a str,
        earlier: &'a IngestedFile,
    },
    /// The file says year `own`, the run is of `year`; not stored.
    OtherYear { path: &'a str, own: i32, year: i32 },
    /// A return was read: `added` is what the store took (`None`: unreadable, nothing recorded).
    Return {
        report: &'a FileReport,
        added: Option<&'a Added>,
    },
    /// A baseline sheet could not be read.
    BaselineUnreadable {
        path: &'a str,
        diagnostic: &'a Diagnostic,
    },
    /// A baseline sheet was read and added.
    Baseline {
        sheet: &'a LongSheet,
        years: &'a [i32],
        added: &'a Added,
    },
    /// A package was looked at: what it is and what is done with it.
    Package {
        path: &'a str,
        manifest: &'a package::PackageManifest,
        decision: PackageDecision<'a>,
    },
    /// One file of a package was added.
    PackageFile { name: &'a str, added: &'a Added },
    /// A package's files are all added.
    PackageDone {
        outcome: &'a PackageOutcome,
        manifest: &'a package::PackageManifest,
    },
}

/// What is done with a package.
#[derive(Debug)]
pub enum PackageDecision<'a> {
    /// Nothing new: the same content was ingested (then), or every file it holds is in the store.
    NothingNew(Option<&'a IngestedFile>),
    /// The store has a newer package of the area and year, exported then.
    OlderThanStored(&'a str),
    /// Its new files are added next.
    Adding,
}

/// `ingest`: every input checked as `check` checks it, every accepted value appended to the store, rejected
/// cells in its quarantine; committed atomically under the store's writer lock.
pub fn ingest(
    cat: &Catalog,
    areas: &Areas,
    cfg: &IngestConfig,
    events: &mut dyn FnMut(Event<'_>),
) -> Result<Ingested, Error> {
    if let Some(year) = cfg.year {
        cat.check_reporting_year(year)?;
    }
    let InputFiles {
        mut files,
        notes,
        packages: found_packages,
    } = collect_inputs(&cfg.inputs)?;
    let mut package_paths: Vec<(PathBuf, String)> = cfg
        .packages
        .iter()
        .map(|p| (p.clone(), p.display().to_string()))
        .collect();
    package_paths.extend(found_packages);
    // Every package is checked whole first and then dropped (a country's year is dozens of province
    // packages: only one is held at a time); the areas they hold decide what the writer reads.
    let mut package_orgs = std::collections::BTreeSet::new();
    for (path, display) in &package_paths {
        let (_, p) = read_checked_package(path, display, cat, areas)?;
        package_orgs.extend(orgs_of(&p));
    }
    let package_orgs: Vec<String> = package_orgs.into_iter().collect();
    inputs::order_for_ingest(&mut files);
    let command = command_line();
    let mut writer = if files.is_empty() && cfg.baseline.is_empty() && !package_paths.is_empty() {
        // Only packages: their areas are known, and only those areas' rows are read.
        Writer::open_scoped(&cfg.store, &command, &package_orgs)?
    } else {
        Writer::open(&cfg.store, &command)?
    };
    events(Event::Opened {
        took_over: writer.took_over(),
        tidied: writer.tidied(),
    });
    let took_over = writer.took_over().cloned();
    let tidied = writer.tidied().to_vec();

    let opts = IntakeOptions {
        year: cfg.year,
        other_years: cfg.other_years,
        ..Default::default()
    };
    let mut outcomes = ingest_returns(&mut writer, &files, cat, &opts, events, &mut NoProgress);
    for path in &cfg.baseline {
        let display = path.display().to_string();
        outcomes.push(ingest_baseline(&mut writer, path, &display, cat, events));
    }
    // Read again, one at a time, and checked again: a file changed since the first pass is refused
    // before the commit, so nothing is written.
    let mut package_outcomes: Vec<PackageOutcome> = Vec::with_capacity(package_paths.len());
    for (path, display) in &package_paths {
        let (_, package) = read_checked_package(path, display, cat, areas)?;
        package_outcomes.push(ingest_package(&mut writer, display, &package, events));
    }

    let committed = writer.commit(&mut test_pause)?;
    let mut summary = summarize(&outcomes, &committed.revisions);
    count_packages(&mut summary, &package_outcomes);
    count_notes(&mut summary, &notes);
    Ok(Ingested {
        store: cfg.store.display().to_string(),
        files: outcomes,
        inputs: notes,
        summary,
        packages: package_outcomes,
        took_over_lock: took_over,
        tidied,
    })
}

/// Reads a package and checks it whole — zip, manifest seal, parts' SHA-256, rows — and against the
/// plan and areas this run works with; any failure refuses the run before anything is written.
pub fn read_checked_package(
    path: &Path,
    display: &str,
    cat: &Catalog,
    areas: &Areas,
) -> Result<(String, package::Package), Error> {
    let limits = intake::sniff::Limits {
        max_file_bytes: package::MAX_PACKAGE_BYTES,
        ..Default::default()
    };
    let bytes = inputs::read_input(path, &limits).map_err(|p| Error::PackageUnreadable {
        path: display.to_string(),
        reason: crate::error::Reason {
            en: p.en.map_or_else(|| p.message.clone(), |(m, _)| m),
            zh: p.message,
        },
    })?;
    let package = package::read_package(&bytes, display)?;
    package::check_fits(&package, cat, areas, display)?;
    Ok((display.to_string(), package))
}

/// Every area (`org` text) a package's rows and files name.
fn orgs_of(p: &package::Package) -> std::collections::BTreeSet<String> {
    let mut orgs = std::collections::BTreeSet::new();
    orgs.extend(p.panel.iter().map(|r| r.org.clone()));
    orgs.extend(p.quarantine.iter().map(|r| r.org.clone()));
    orgs.extend(p.assessments.iter().map(|r| r.org.clone()));
    orgs.extend(p.manifest.files.iter().filter_map(|f| f.org.clone()));
    orgs
}

/// Adds a checked package's new files to the store (see `package::intake`).
pub fn ingest_package(
    writer: &mut Writer,
    display: &str,
    package: &package::Package,
    events: &mut dyn FnMut(Event<'_>),
) -> PackageOutcome {
    let m = &package.manifest;
    let mut outcome = PackageOutcome {
        path: display.to_string(),
        area: m.area.name.clone(),
        area_code: m.area.code.clone(),
        year: m.year,
        created_at: m.created_at.clone(),
        content_sha256: m.content_sha256.clone(),
        status: PackageStatus::NothingNew,
        files_added: 0,
        revisions: Vec::new(),
        values_added: 0,
        values_superseded: 0,
        values_unchanged: 0,
        rejected: 0,
    };
    let name = store::file_name_of(display);
    let decision = package::intake(package, &name, writer.files());
    let tell = |events: &mut dyn FnMut(Event<'_>), decision| {
        events(Event::Package {
            path: display,
            manifest: m,
            decision,
        })
    };
    match decision {
        package::Intake::NothingNew(earlier) => {
            tell(events, PackageDecision::NothingNew(earlier.as_deref()));
        }
        package::Intake::OlderThanStored(newer) => {
            outcome.status = PackageStatus::OlderThanStored;
            tell(events, PackageDecision::OlderThanStored(&newer));
        }
        package::Intake::Add(batches) => {
            outcome.status = PackageStatus::Ingested;
            tell(events, PackageDecision::Adding);
            for batch in batches {
                let file = batch.file.name.clone();
                let added = writer.add(batch);
                outcome.files_added += 1;
                outcome.revisions.push(added.revision);
                outcome.values_added += added.added;
                outcome.values_superseded += added.superseded.len();
                outcome.values_unchanged += added.unchanged;
                outcome.rejected += added.rejected;
                events(Event::PackageFile {
                    name: &file,
                    added: &added,
                });
            }
            events(Event::PackageDone {
                outcome: &outcome,
                manifest: m,
            });
        }
    }
    outcome
}

/// Adds the packages' counts to the totals.
pub fn count_packages(summary: &mut Summary, outcomes: &[PackageOutcome]) {
    for o in outcomes {
        summary.packages += 1;
        if o.status == PackageStatus::Ingested {
            summary.packages_ingested += 1;
        }
        summary.values_added += o.values_added;
        summary.values_superseded += o.values_superseded;
        summary.values_unchanged += o.values_unchanged;
        summary.rejected += o.rejected;
        summary.revisions.extend(o.revisions.iter().copied());
    }
    summary.revisions.sort_unstable();
    summary.revisions.dedup();
}

/// Adds the folder walk's errors and warnings to the totals (a folder that cannot be read is an error).
pub fn count_notes(summary: &mut Summary, notes: &[Diagnostic]) {
    for d in notes {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => {}
        }
    }
}

/// Totals over the files of one ingest.
pub fn summarize(outcomes: &[FileOutcome], revisions: &[u32]) -> Summary {
    let mut summary = Summary {
        files: outcomes.len(),
        revisions: revisions.to_vec(),
        ..Default::default()
    };
    for o in outcomes {
        match o.status {
            FileStatus::Ingested => summary.ingested += 1,
            FileStatus::AlreadyIngested => summary.already_ingested += 1,
            FileStatus::OtherYear => summary.other_year += 1,
            FileStatus::Unreadable => {}
        }
        if let Some(a) = &o.added {
            summary.values_added += a.added;
            summary.values_superseded += a.superseded.len();
            summary.values_unchanged += a.unchanged;
            summary.rejected += a.rejected;
        }
        summary.errors += o.errors;
        summary.warnings += o.warnings;
    }
    summary
}

/// The SHA-256 of an input, streamed, with the reader's refusals (not a regular file, too large);
/// `None` when it cannot be hashed, and intake then says why.
fn hash_of(path: &Path) -> Option<String> {
    let t = intake::timing::start();
    let sha = inputs::hash_input(path, &intake::sniff::Limits::default()).ok();
    intake::timing::stop(t, &intake::timing::PREPARE);
    sha
}

fn skipped_outcome(
    path: &str,
    kind: store::FileKind,
    sha: &str,
    earlier: &IngestedFile,
    events: &mut dyn FnMut(Event<'_>),
) -> FileOutcome {
    events(Event::Skipped { path, earlier });
    FileOutcome {
        path: path.to_string(),
        kind,
        sha256: Some(sha.to_string()),
        status: FileStatus::AlreadyIngested,
        unit: earlier.unit.clone(),
        year: earlier.year,
        revision: Some(earlier.revision),
        ingested_at: Some(earlier.ingested_at.clone()),
        added: None,
        errors: 0,
        warnings: 0,
        diagnostics: Vec::new(),
    }
}

/// One return into the store (or skipped when its bytes are there already).
pub fn ingest_return(
    writer: &mut Writer,
    path: &Path,
    display: &str,
    cat: &Catalog,
    opts: &IntakeOptions,
    events: &mut dyn FnMut(Event<'_>),
) -> FileOutcome {
    let sha = hash_of(path);
    if let Some(sha) = &sha {
        if let Some(earlier) = writer.already_ingested(sha) {
            let earlier = earlier.clone();
            return skipped_outcome(display, store::FileKind::Return, sha, &earlier, events);
        }
    }
    let intake = intake::intake_file(path, display, cat, opts);
    let batch = sha
        .as_ref()
        .map(|sha| Batch::from_intake(&intake, display, sha, cat));
    finish_return(writer, display, sha, intake.report, batch, opts, events)
}

/// [`ingest_return`] over many files: the workbooks are read in parallel (each file's cell grid is
/// dropped on its worker thread once its batch is made), and added to the store in input order, so
/// revisions, events and outcomes are exactly those of one file after another. `progress` steps
/// around the adding (and telling) of every file that is read, on the calling thread.
pub fn ingest_returns(
    writer: &mut Writer,
    files: &[(PathBuf, String)],
    cat: &Catalog,
    opts: &IntakeOptions,
    events: &mut dyn FnMut(Event<'_>),
    progress: &mut dyn Progress,
) -> Vec<FileOutcome> {
    use rayon::prelude::*;
    let shas: Vec<Option<String>> = files.par_iter().map(|(path, _)| hash_of(path)).collect();
    // Files whose bytes are already stored, or appear earlier in this run, are not read again.
    let mut seen = std::collections::HashSet::new();
    let todo: Vec<usize> = (0..files.len())
        .filter(|&i| match &shas[i] {
            None => true,
            Some(sha) => writer.already_ingested(sha).is_none() && seen.insert(sha.clone()),
        })
        .collect();
    let todo_files: Vec<(PathBuf, String)> = todo.iter().map(|&i| files[i].clone()).collect();
    let mut outcomes = Vec::with_capacity(files.len());
    let mut next = 0usize;
    // Outcomes of the skipped files before `upto`, in order.
    let skip_until = |upto: usize,
                      next: &mut usize,
                      writer: &mut Writer,
                      outcomes: &mut Vec<FileOutcome>,
                      events: &mut dyn FnMut(Event<'_>)| {
        while *next < upto {
            let i = *next;
            *next += 1;
            if todo.binary_search(&i).is_ok() {
                continue;
            }
            let sha = shas[i].as_deref().unwrap_or_default();
            if let Some(earlier) = writer.already_ingested(sha) {
                let earlier = earlier.clone();
                outcomes.push(skipped_outcome(
                    &files[i].1,
                    store::FileKind::Return,
                    sha,
                    &earlier,
                    events,
                ));
            }
        }
    };
    intake::intake_files_with(
        &todo_files,
        cat,
        opts,
        |j, intake| {
            let i = todo[j];
            let t = crate::intake::timing::start();
            let batch = shas[i]
                .as_ref()
                .map(|sha| Batch::from_intake(&intake, &files[i].1, sha, cat));
            crate::intake::timing::stop(t, &crate::intake::timing::PREPARE);
            (intake.report, batch)
        },
        |j, (report, batch)| {
            let i = todo[j];
            skip_until(i, &mut next, writer, &mut outcomes, events);
            next = i + 1;
            let mut done = Some((report, batch));
            progress.step(&files[i].1, &mut || {
                if let Some((report, batch)) = done.take() {
                    outcomes.push(finish_return(
                        writer,
                        &files[i].1,
                        shas[i].clone(),
                        report,
                        batch,
                        opts,
                        events,
                    ));
                }
            });
        },
    );
    skip_until(files.len(), &mut next, writer, &mut outcomes, events);
    outcomes
}

fn finish_return(
    writer: &mut Writer,
    display: &str,
    sha: Option<String>,
    mut report: FileReport,
    batch: Option<Batch>,
    opts: &IntakeOptions,
    events: &mut dyn FnMut(Event<'_>),
) -> FileOutcome {
    if let (Some(own), OtherYears::Skip) = (report.other_year(opts.year), opts.other_years) {
        // Last year's file in this year's inbox: not this year's return, and nothing for the
        // department to correct. Not stored, so a later run with `--other-years ingest` (or `--year
        // {own}`) can still take it.
        Diagnostic::sort_for_reading(&mut report.diagnostics);
        events(Event::OtherYear {
            path: display,
            own,
            year: opts.year.unwrap_or_default(),
        });
        return FileOutcome {
            path: display.to_string(),
            kind: store::FileKind::Return,
            sha256: sha,
            status: FileStatus::OtherYear,
            unit: report.unit.clone(),
            year: Some(own),
            revision: None,
            ingested_at: None,
            added: None,
            errors: 0,
            warnings: report.warnings(),
            diagnostics: report
                .diagnostics
                .into_iter()
                .filter(|d| d.code == Code::YearMismatch)
                .collect(),
        };
    }
    let (Some(sha), Some(batch)) = (sha, batch) else {
        // Unreadable: intake has said why; nothing can be recorded without the bytes.
        Diagnostic::sort_for_reading(&mut report.diagnostics);
        events(Event::Return {
            report: &report,
            added: None,
        });
        return FileOutcome {
            path: display.to_string(),
            kind: store::FileKind::Return,
            sha256: None,
            status: FileStatus::Unreadable,
            unit: None,
            year: None,
            revision: None,
            ingested_at: None,
            added: None,
            errors: report.errors(),
            warnings: report.warnings(),
            diagnostics: report.diagnostics,
        };
    };
    report.diagnostics.extend(batch.diagnostics.iter().cloned());
    Diagnostic::sort_for_reading(&mut report.diagnostics);
    let (unit, year) = (batch.file.unit.clone(), batch.file.year);
    let added = writer.add(batch);
    events(Event::Return {
        report: &report,
        added: Some(&added),
    });
    FileOutcome {
        path: display.to_string(),
        kind: store::FileKind::Return,
        sha256: Some(sha),
        status: FileStatus::Ingested,
        unit,
        year,
        revision: Some(added.revision),
        ingested_at: None,
        errors: report.errors(),
        warnings: report.warnings(),
        added: Some(added),
        diagnostics: report.diagnostics,
    }
}

/// One baseline sheet (long format, xlsx or csv) into the store.
pub fn ingest_baseline(
    writer: &mut Writer,
    path: &Path,
    display: &str,
    cat: &Catalog,
    events: &mut dyn FnMut(Event<'_>),
) -> FileOutcome {
    let bytes = match inputs::read_input(path, &intake::sniff::Limits::default()) {
        Ok(b) => b,
        Err(p) => {
            let d = p.into_diagnostic(Location::File {
                file: display.to_string(),
            });
            events(Event::BaselineUnreadable {
                path: display,
                diagnostic: &d,
            });
            return FileOutcome {
                path: display.to_string(),
                kind: store::FileKind::Baseline,
                sha256: None,
                status: FileStatus::Unreadable,
                unit: None,
                year: None,
                revision: None,
                ingested_at: None,
                added: None,
                errors: 1,
                warnings: 0,
                diagnostics: vec![d],
            };
        }
    };
    let sha = store::sha256_hex(&bytes);
    if let Some(earlier) = writer.already_ingested(&sha) {
        let earlier = earlier.clone();
        return skipped_outcome(display, store::FileKind::Baseline, &sha, &earlier, events);
    }
    let mut sheet = baseline::read_long_sheet(&bytes, display, cat);
    Diagnostic::sort_for_reading(&mut sheet.diagnostics);
    let batch = Batch::from_long_sheet(&sheet, &sha, cat);
    let years = batch.file.years.clone();
    let added = writer.add(batch);
    events(Event::Baseline {
        sheet: &sheet,
        years: &years,
        added: &added,
    });
    FileOutcome {
        path: display.to_string(),
        kind: store::FileKind::Baseline,
        sha256: Some(sha),
        status: FileStatus::Ingested,
        unit: None,
        year: None,
        revision: Some(added.revision),
        ingested_at: None,
        errors: sheet.errors(),
        warnings: sheet.warnings(),
        added: Some(added),
        diagnostics: sheet.diagnostics,
    }
}

/// Test hook, not a user feature: with `PLANEVAL_TEST_PAUSE_AT=after-parts|before-manifest|after-manifest`
/// a commit stops at that point, creates the file named by `PLANEVAL_TEST_PAUSE_MARKER` (so the test
/// knows it got there) and sleeps, so that tests can kill the process at that exact point and check
/// that the store is still whole. Without the variable it does nothing.
pub fn test_pause(point: CommitPoint) {
    crate::fsutil::test_pause(point.name());
}
