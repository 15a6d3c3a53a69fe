//! The scheduled job (`planeval run`): what is new in the inbox is ingested, stale stages re-evaluated,
//! the run logged.
//!
//! "New" is by content (SHA-256), so renaming or touching a file changes nothing, and inbox files are
//! never moved or edited. A run with nothing new, and every output current, leaves store and outputs as
//! they are. A package is taken whole or not at all; one that is refused is a finding (S-code note) and
//! the job goes on. Beside each stage's outputs a stamp records the store revision and the workbook's
//! SHA-256 they were made from, so a run killed before writing, or a reviewer's edit of the workbook,
//! makes the next run rewrite them.

use super::evaluate::write_stage_outputs;
use super::ingest::{
    count_notes, count_packages, ingest_baseline, ingest_package, ingest_returns,
    read_checked_package, summarize, test_pause, Event, FileStatus, PackageStatus,
};
use super::{command_line, Progress, Status};
use crate::error::Reason;
use crate::i18n::diagnostics::DiagText;
use crate::i18n::Lang;
use crate::inputs::{self, collect_inputs, InputFiles};
use crate::intake::IntakeOptions;
use crate::job::{append_log, Job, RunLogEntry};
use crate::score::Stage;
use crate::store::{self, Store, Writer};
use crate::template::previous::previous_values;
use crate::template::set::{write_set, TemplateSet};
use crate::template::writer::units_with_work;
use crate::{Catalog, Diagnostic, Error};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What is told while the job runs, besides what ingest tells.
#[derive(Debug)]
pub enum JobEvent<'a> {
    Ingest(Event<'a>),
    /// The store holds no baseline: indicators without a baseline value cannot show progress.
    NoBaseline,
    /// A stage's outputs were written: the review lines (when reviews changed) and the review column's
    /// problems.
    Reviews {
        lines: &'a [String],
        problems: &'a [Diagnostic],
    },
}

/// One run of a job: the log entry as appended, how it ended, and why it failed.
pub struct JobRun {
    pub job: Job,
    pub entry: RunLogEntry,
    pub status: Status,
    pub error: Option<Error>,
    /// The run log could not be appended to.
    pub log_error: Option<Error>,
}

/// Runs the job of `config` (its plan and areas unless `plan`/`areas` say otherwise) and appends the
/// run to its log. `Err` only when the job file itself cannot be read.
pub fn run(
    plan: Option<&Path>,
    areas: Option<&Path>,
    config: &Path,
    events: &mut dyn FnMut(JobEvent<'_>),
    progress: &mut dyn Progress,
) -> Result<JobRun, Error> {
    let started = Instant::now();
    let job = Job::load(config)?;
    let mut entry = RunLogEntry {
        started_at: store::now(),
        job_dir: job.dir().display().to_string(),
        config: job.log_path(&job.config),
        year: job.year,
        stages: job.stages.iter().map(|s| s.key().to_string()).collect(),
        ..Default::default()
    };
    let result = run_job(plan, areas, &job, &mut entry, events, progress);
    let status = match &result {
        Ok(s) => *s,
        Err(Error::StoreLocked { .. }) => Status::Locked,
        Err(_) => Status::Failure,
    };
    entry.outcome = match (&result, status) {
        (Err(Error::StoreLocked { .. }), _) => "locked",
        (Err(_), _) => "failed",
        (Ok(_), Status::Findings) => "data_problems",
        (Ok(_), _) if entry.files_new.is_empty() && entry.outputs.is_empty() => "nothing_new",
        _ => "ok",
    }
    .into();
    entry.error = result.as_ref().err().map(|e| e.to_string());
    entry.exit_code = status as u8;
    entry.finished_at = store::now();
    entry.duration_ms = started.elapsed().as_millis();
    let log_error = append_log(&job.log, &entry).err();
    Ok(JobRun {
        job,
        entry,
        status,
        error: result.err(),
        log_error,
    })
}

fn run_job(
    plan_flag: Option<&Path>,
    areas_flag: Option<&Path>,
    job: &Job,
    entry: &mut RunLogEntry,
    events: &mut dyn FnMut(JobEvent<'_>),
    progress: &mut dyn Progress,
) -> Result<Status, Error> {
    let (cat, areas) = open_job(plan_flag, areas_flag, job)?;
    let (files, notes, packages) = gather(job, &cat, &areas)?;
    entry.errors = notes.iter().filter(|d| d.is_error()).count();
    entry.warnings = notes
        .iter()
        .filter(|d| d.severity == crate::Severity::Warning)
        .count();
    entry.inputs = notes.clone();
    let findings = |errors: usize| {
        if errors > 0 {
            Status::Findings
        } else {
            Status::Ok
        }
    };

    let new = whats_new(job, &cat, &files, &packages);
    entry.files_unchanged = files.len() - new.files.len() + packages.len() - new.packages.len();
    if new.files.is_empty()
        && new.baselines.is_empty()
        && new.packages.is_empty()
        && new.outputs_current
    {
        return Ok(findings(entry.errors));
    }

    let mut writer = Writer::open(&job.store, &command_line())?;
    events(JobEvent::Ingest(Event::Opened {
        took_over: writer.took_over(),
        tidied: writer.tidied(),
    }));
    let opts = IntakeOptions {
        year: Some(job.year),
        other_years: job.other_years,
        ..Default::default()
    };
    progress.start(new.files.len() + new.baselines.len());
    // Read in parallel, added in order: the same store as one file after another.
    let mut outcomes = ingest_returns(
        &mut writer,
        &new.files,
        &cat,
        &opts,
        &mut |e| events(JobEvent::Ingest(e)),
        progress,
    );
    // A file repeated in the inbox is added once; the bar counts it all the same.
    progress.position(new.files.len());
    for path in &new.baselines {
        let display = path.display().to_string();
        let mut outcome = None;
        progress.step(&display, &mut || {
            outcome = Some(ingest_baseline(
                &mut writer,
                path,
                &display,
                &cat,
                &mut |e| events(JobEvent::Ingest(e)),
            ));
        });
        outcomes.extend(outcome);
    }
    progress.finish();
    let package_outcomes: Vec<_> = new
        .packages
        .iter()
        .map(|&i| {
            let (display, p) = &packages[i];
            ingest_package(&mut writer, display, p, &mut |e| {
                events(JobEvent::Ingest(e))
            })
        })
        .collect();
    let committed = writer.commit(&mut test_pause)?;
    let mut summary = summarize(&outcomes, &committed.revisions);
    count_packages(&mut summary, &package_outcomes);
    count_notes(&mut summary, &notes);
    let paths_of = |status: FileStatus| -> Vec<String> {
        outcomes
            .iter()
            .filter(|o| o.status == status)
            .map(|o| job.log_path(Path::new(&o.path)))
            .collect()
    };
    entry.files_new = paths_of(FileStatus::Ingested);
    entry.files_new.extend(
        package_outcomes
            .iter()
            .filter(|o| o.status == PackageStatus::Ingested)
            .map(|o| job.log_path(Path::new(&o.path))),
    );
    entry.files_other_year = paths_of(FileStatus::OtherYear);
    entry.values_added = summary.values_added;
    entry.values_superseded = summary.values_superseded;
    entry.errors = summary.errors;
    entry.warnings = summary.warnings;
    // Nothing stored (only other years' files, or an empty first inbox): outputs that are current, or a
    // store that holds nothing to evaluate yet, stay as they are.
    let store_now = Store::open(&job.store)?;
    if committed.revisions.is_empty()
        && (new.outputs_current || store_now.manifest().files.is_empty())
    {
        return Ok(findings(entry.errors));
    }
    entry.no_baseline = !store_now
        .manifest()
        .files
        .iter()
        .any(|f| f.kind == store::FileKind::Baseline);
    if entry.no_baseline {
        events(JobEvent::NoBaseline);
    }
    let review_errors = write_outputs(job, &cat, &areas, &store_now, entry, events)?;
    entry.errors += review_errors;
    Ok(findings(summary.errors + review_errors))
}

/// The job's plan and areas (a flag before the job file's own), and whether its year and inboxes can
/// be used.
fn open_job(
    plan_flag: Option<&Path>,
    areas_flag: Option<&Path>,
    job: &Job,
) -> Result<(Catalog, crate::areas::Areas), Error> {
    let plan = plan_flag
        .map(Path::to_path_buf)
        .or_else(|| job.plan.clone());
    let cat = Catalog::load(plan.as_deref())?;
    let areas_file = areas_flag
        .map(Path::to_path_buf)
        .or_else(|| job.areas.clone());
    let areas = crate::areas::Areas::load(areas_file.as_deref())?;
    cat.check_reporting_year(job.year).map_err(|e| {
        let year = job.year.to_string();
        Error::JobConfig {
            path: job.config.clone(),
            message: Reason::said_each(
                DiagText::JobYearOutsidePlan,
                &[("year", &year), ("detail", &e.text(Lang::Zh))],
                &[("year", &year), ("detail", &e.text(Lang::En))],
            ),
        }
    })?;
    for dir in &job.inbox {
        if !dir.is_dir() {
            return Err(Error::JobConfig {
                path: job.config.clone(),
                message: Reason::said(
                    DiagText::JobInboxMissing,
                    &[("dir", &dir.display().to_string())],
                ),
            });
        }
    }
    Ok((cat, areas))
}

/// The inbox's returns (in ingest order), what its walk noted, and its packages that could be read
/// whole: a package that is refused is a note, and the job goes on.
type Gathered = (
    Vec<(PathBuf, String)>,
    Vec<Diagnostic>,
    Vec<(String, store::package::Package)>,
);

fn gather(job: &Job, cat: &Catalog, areas: &crate::areas::Areas) -> Result<Gathered, Error> {
    let InputFiles {
        mut files,
        mut notes,
        packages: package_paths,
    } = collect_inputs(&job.inbox)?;
    inputs::order_for_ingest(&mut files);
    let mut packages = Vec::new();
    for (path, display) in &package_paths {
        match read_checked_package(path, display, cat, areas) {
            Ok(p) => packages.push(p),
            Err(e) => {
                let hint = DiagText::HintPackageRefused;
                notes.push(
                    crate::Diagnostic::new(
                        crate::Code::PackageRefused,
                        crate::Location::File {
                            file: display.clone(),
                        },
                        None,
                        e.text(Lang::Zh),
                        hint.zh(),
                    )
                    .with_en(e.text(Lang::En), hint.en()),
                )
            }
        }
    }
    Ok((files, notes, packages))
}

/// What of the inbox the store does not hold yet, by content, and whether every output is current.
struct New {
    files: Vec<(PathBuf, String)>,
    baselines: Vec<PathBuf>,
    /// Indices into the job's packages.
    packages: Vec<usize>,
    outputs_current: bool,
}

fn whats_new(
    job: &Job,
    cat: &Catalog,
    files: &[(PathBuf, String)],
    packages: &[(String, store::package::Package)],
) -> New {
    let known: Option<Store> = Store::open(&job.store).ok();
    let limits = crate::intake::sniff::Limits::default();
    let is_known = |p: &Path| {
        known.as_ref().is_some_and(|s| {
            inputs::hash_input(p, &limits)
                .map(|sha| s.manifest().file_by_sha(&sha).is_some())
                .unwrap_or(false)
        })
    };
    let stored = known
        .as_ref()
        .map(|s| s.manifest().files.as_slice())
        .unwrap_or(&[]);
    let new_packages = packages
        .iter()
        .enumerate()
        .filter(|(_, (display, p))| {
            let name = store::file_name_of(display);
            matches!(
                store::package::intake(p, &name, stored.iter()),
                store::package::Intake::Add(_)
            )
        })
        .map(|(i, _)| i)
        .collect();
    let revision = known.as_ref().map(|s| s.manifest().next_revision);
    let outputs_current = job.stages.iter().all(|s| {
        revision.is_some_and(|r| stamp_is_current(&stage_dir(job, cat, *s), *s, job, cat, r))
    });
    // Templates are rewritten with the outputs; a deleted template folder is written again.
    let outputs_current = outputs_current
        && (!job.templates || job.out.join(format!("填报模板-{}", job.year)).is_dir());
    New {
        files: files
            .iter()
            .filter(|(p, _)| !is_known(p))
            .cloned()
            .collect(),
        baselines: job
            .baseline
            .iter()
            .filter(|p| !is_known(p))
            .cloned()
            .collect(),
        packages: new_packages,
        outputs_current,
    }
}

/// Every stage's outputs (and the year's templates, when the job asks for them) from the store as it
/// now is, each stage stamped; the number of review conclusions that could not be used (E001, data
/// problems as in `evaluate`).
fn write_outputs(
    job: &Job,
    cat: &Catalog,
    areas: &crate::areas::Areas,
    store_now: &Store,
    entry: &mut RunLogEntry,
    events: &mut dyn FnMut(JobEvent<'_>),
) -> Result<usize, Error> {
    let mut review_errors = 0;
    for stage in &job.stages {
        let dir = stage_dir(job, cat, *stage);
        let year = stage_year(job, cat, *stage);
        // A run killed while writing leaves hidden temp files beside the outputs, never a half workbook.
        crate::fsutil::remove_stale_temp_files(&dir, store::lock::pid_alive);
        let written = write_stage_outputs(
            cat,
            areas,
            &job.store,
            *stage,
            year,
            &dir,
            &job.lang,
            job.org.as_deref(),
        )?;
        entry
            .outputs
            .extend(written.paths.iter().map(|p| job.log_path(p)));
        entry.reviews_recorded += written.reviews_changed;
        events(JobEvent::Reviews {
            lines: if written.reviews_changed > 0 {
                &written.review_lines
            } else {
                &[]
            },
            problems: &written.review_problems,
        });
        review_errors += written
            .review_problems
            .iter()
            .filter(|d| d.is_error())
            .count();
        write_stamp(&dir, *stage, job, cat, committed_revision(&job.store))?;
    }
    if job.templates {
        let dir = job.out.join(format!("填报模板-{}", job.year));
        crate::fsutil::remove_stale_temp_files(&dir, store::lock::pid_alive);
        let org = job.org.clone().unwrap_or_else(|| cat.plan.region.clone());
        let previous = previous_values(cat, &store_now.current_panel_of(&org)?, &org, job.year);
        let set = TemplateSet {
            year: job.year,
            org: &org,
            units: units_with_work(cat),
            deadline: None,
            previous: &previous,
        };
        let written = write_set(cat, &set, &dir)?;
        entry
            .outputs
            .extend(written.iter().map(|t| job.log_path(&t.path)));
    }
    Ok(review_errors)
}

/// The year a stage is evaluated as of: the plan's mid-term or final year, the job's year for annual.
pub fn stage_year(job: &Job, cat: &Catalog, stage: Stage) -> i32 {
    stage.default_year(&cat.plan).unwrap_or(job.year)
}

/// Where a stage's outputs go: `outputs/中期评估-2023/`.
pub fn stage_dir(job: &Job, cat: &Catalog, stage: Stage) -> PathBuf {
    let year = stage_year(job, cat, stage);
    job.out.join(format!("{}-{year}", stage.label_zh()))
}

/// Beside each stage's outputs: the store state they were computed from and the evaluation workbook as
/// written, so a run killed after ingesting but before writing (or a reviewer's edit of the workbook)
/// makes the next run rewrite them even when the inbox holds nothing new.
const STAMP: &str = ".planeval-outputs.json";

#[derive(Serialize, serde::Deserialize, PartialEq)]
struct Stamp {
    store_revision: u32,
    workbook_sha256: String,
}

fn committed_revision(store_dir: &Path) -> u32 {
    Store::open(store_dir)
        .map(|s| s.manifest().next_revision)
        .unwrap_or(0)
}

fn workbook_path(dir: &Path, stage: Stage, year: i32) -> PathBuf {
    dir.join(format!("{}-{year}.xlsx", stage.label_zh()))
}

fn workbook_sha(dir: &Path, stage: Stage, job: &Job, cat: &Catalog) -> String {
    std::fs::read(workbook_path(dir, stage, stage_year(job, cat, stage)))
        .map(|b| store::sha256_hex(&b))
        .unwrap_or_default()
}

fn write_stamp(
    dir: &Path,
    stage: Stage,
    job: &Job,
    cat: &Catalog,
    revision: u32,
) -> Result<(), Error> {
    let stamp = Stamp {
        store_revision: revision,
        workbook_sha256: workbook_sha(dir, stage, job, cat),
    };
    let bytes = serde_json::to_vec_pretty(&stamp).unwrap_or_default();
    crate::fsutil::write_atomic(&dir.join(STAMP), &bytes)
}

fn stamp_is_current(dir: &Path, stage: Stage, job: &Job, cat: &Catalog, revision: u32) -> bool {
    let Ok(bytes) = std::fs::read(dir.join(STAMP)) else {
        return false;
    };
    let Ok(stamp) = serde_json::from_slice::<Stamp>(&bytes) else {
        return false;
    };
    stamp.store_revision == revision && stamp.workbook_sha256 == workbook_sha(dir, stage, job, cat)
}
