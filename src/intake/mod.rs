//! Intake: read a returned workbook of any format, find the indicator table, and turn every non-empty
//! input cell into an accepted value or a diagnostic.
//!
//! The promise is "nothing lost": each non-empty cell of the table's numeric input columns (and of the
//! self-assessment column) is counted in `cells_nonempty` and ends in `accepted` (or `assessments`), in
//! `diagnostics` quoting its raw text, or in both when a warning accompanies an accepted value. A file
//! that cannot be read at all gives one diagnostic and an empty report; the caller goes on with the next.
//!
//! Stages: `sniff` (what the bytes are, and whether what they declare can be true) → `read` (sparse cell
//! grids within limits, in a worker process: `worker`) → `locate` (metadata, table, columns) → `value`
//! (what was typed) → `crate::validate` (whether the values make sense together).

mod cx;
pub mod duplicates;
mod files;
pub mod locate;
pub mod read;
mod rows;
pub mod sniff;
pub mod value;
mod workbook;
pub mod worker;

pub use files::{intake_files, intake_files_with};

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Location};
use crate::validate;
use locate::LocatedBy;
use read::{ReadLimits, SheetGrid, WorkbookGrid};
use serde::Serialize;
use sniff::{Format, Limits};
use std::path::Path;
use workbook::read_grid;

/// What a run expects of the files it reads.
#[derive(Debug, Clone)]
pub struct IntakeOptions {
    /// The reporting year of the run; files saying another year are flagged (R209).
    pub year: Option<i32>,
    /// What `ingest` does with a file that says another year than `year`.
    pub other_years: OtherYears,
    pub limits: Limits,
    pub read_limits: ReadLimits,
    /// Memory and time one file may cost the worker process that parses it.
    pub worker: worker::WorkerLimits,
    /// Relative change against last year above which a value is flagged for a second look.
    pub jump_threshold: f64,
}

impl Default for IntakeOptions {
    fn default() -> Self {
        IntakeOptions {
            year: None,
            other_years: OtherYears::default(),
            limits: Limits::default(),
            read_limits: ReadLimits::default(),
            worker: worker::WorkerLimits::default(),
            jump_threshold: validate::DEFAULT_JUMP_THRESHOLD,
        }
    }
}

/// What a run does with a return whose own year is not the run's year — last year's correct file
/// dropped into this year's inbox. It is never taken as this year's return; the user says whether it is
/// stored under its own year or left out, and either way it is reported (R209, a warning of the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OtherYears {
    /// Not stored; reported as belonging to another year (the default).
    #[default]
    Skip,
    /// Stored under the year the file itself says.
    Ingest,
}

/// One value taken from a cell, with where it came from: what a returned workbook's value and a
/// long (baseline and past-years) sheet's row have in common; the store makes a panel row of either
/// through `PanelRow::from_value`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AcceptedValue {
    pub indicator: String,
    pub year: Option<i32>,
    /// `total`, `female` or `male`.
    pub sex: &'static str,
    /// `total`, `urban` or `rural`.
    pub area: &'static str,
    /// `value`, `numerator` or `denominator`.
    pub field: &'static str,
    pub value: f64,
    pub sheet: String,
    pub cell: String,
    pub raw: String,
    /// How the raw text was read (number-as-text, unit-suffix, …).
    pub rules: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

/// A department's self-assessment of a qualitative objective.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SelfAssessment {
    pub objective: String,
    pub assessment: String,
    pub measures: String,
    pub problems: String,
    pub evidence: String,
    pub sheet: String,
    pub cell: String,
}

/// Everything learnt from one input file.
#[derive(Debug, Clone, Serialize, Default)]
pub struct FileReport {
    pub path: String,
    pub format: Option<Format>,
    pub plan_id: Option<String>,
    pub unit: Option<String>,
    pub org: Option<String>,
    pub year: Option<i32>,
    pub template_version: Option<String>,
    pub located_by: Option<LocatedBy>,
    pub data_sheet: Option<String>,
    pub cells_nonempty: usize,
    pub accepted: Vec<AcceptedValue>,
    pub assessments: Vec<SelfAssessment>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// The file's own year when it says one that differs from the run's year: the file belongs to that
    /// year (`ingest` skips it unless told to store it under its own year).
    pub fn other_year(&self, run_year: Option<i32>) -> Option<i32> {
        match (run_year, self.year) {
            (Some(run), Some(own)) if run != own => Some(own),
            _ => None,
        }
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Warning)
            .count()
    }
}

/// A report plus the data sheet as read, for writing the feedback workbook.
#[derive(Debug, Clone)]
pub struct Intake {
    pub report: FileReport,
    pub data_sheet: Option<SheetGrid>,
}

/// Reads one file. `display` is how diagnostics name it (the path as the user gave it).
pub fn intake_file(path: &Path, display: &str, cat: &Catalog, opts: &IntakeOptions) -> Intake {
    match begin(path, display, opts) {
        Begun::Done(done) => done,
        Begun::Parse(report, sniffed) => {
            let t = timing::start();
            let format = sniffed.seen.format;
            let grid =
                worker::read_workbook(sniffed.bytes, format, &opts.read_limits, &opts.worker);
            timing::stop(t, &timing::PARSE);
            end(report, sniffed.seen, grid, display, cat, opts)
        }
    }
}

/// Reads several files as [`intake_file`] reads each, their cells parsed together
/// ([`worker::read_workbooks`]: the small ones in one round trip to a reader worker). One intake per
/// file, in order.
pub fn intake_batch(
    files: &[(std::path::PathBuf, String)],
    cat: &Catalog,
    opts: &IntakeOptions,
) -> Vec<Intake> {
    let mut to_parse = Vec::with_capacity(files.len());
    let begun: Vec<Begun<Seen>> = files
        .iter()
        .map(|(path, display)| match begin(path, display, opts) {
            Begun::Done(done) => Begun::Done(done),
            Begun::Parse(report, sniffed) => {
                to_parse.push((sniffed.bytes, sniffed.seen.format));
                Begun::Parse(report, sniffed.seen)
            }
        })
        .collect();
    let t = timing::start();
    let grids = worker::read_workbooks(to_parse, &opts.read_limits, &opts.worker);
    timing::stop(t, &timing::PARSE);
    let mut grids = grids.into_iter();
    begun
        .into_iter()
        .zip(files)
        .map(|(begun, (_, display))| match begun {
            Begun::Done(done) => done,
            Begun::Parse(report, seen) => {
                let grid = grids.next().unwrap_or_else(|| {
                    Err(worker::ReadFailure::Worker(
                        worker::WorkerFailure::Protocol("no answer".into()),
                    ))
                });
                end(report, seen, grid, display, cat, opts)
            }
        })
        .collect()
}

/// A file's bytes, sniffed and waiting to be parsed.
struct Sniffed {
    bytes: Vec<u8>,
    seen: Seen,
}

/// What sniffing told of a file that is to be parsed.
struct Seen {
    format: Format,
    /// The sniffer's note (e.g. an extension that lies about the format).
    note: Option<sniff::FileProblem>,
}

/// Intake's first phase: the file read and sniffed, or its finished report when that is all it gets.
fn begin(path: &Path, display: &str, opts: &IntakeOptions) -> Begun {
    let report = FileReport {
        path: display.to_string(),
        ..Default::default()
    };
    match read_and_sniff(path, opts) {
        Ok(sniffed) => Begun::Parse(report, sniffed),
        Err(p) => Begun::Done(unread(report, p, display)),
    }
}

/// Where a file's intake stands after its first phase (`S`: the sniffed file, or what is kept of it
/// once its bytes went to be parsed).
enum Begun<S = Sniffed> {
    /// Nothing is left to do: the report says why the file cannot be read.
    Done(Intake),
    /// Read and sniffed, to be parsed.
    Parse(FileReport, S),
}

/// Intake's last phase: the parsed cells (or why there are none) located and read into the report.
fn end(
    mut report: FileReport,
    Seen { format, note }: Seen,
    grid: Result<WorkbookGrid, worker::ReadFailure>,
    display: &str,
    cat: &Catalog,
    opts: &IntakeOptions,
) -> Intake {
    report.format = Some(format);
    match parsed(grid, format) {
        Ok(wb) => {
            report
                .diagnostics
                .extend(note.map(|p| file_diagnostic(p, display)));
            let t = timing::start();
            let intake = read_grid(wb, display, cat, opts, report);
            timing::stop(t, &timing::LOCATE_AND_READ);
            intake
        }
        Err(p) => unread(report, p, display),
    }
}

/// The report of a file whose cells could not be had: its one problem.
fn unread(mut report: FileReport, p: sniff::FileProblem, display: &str) -> Intake {
    report.diagnostics.push(file_diagnostic(p, display));
    Intake {
        report,
        data_sheet: None,
    }
}

fn file_diagnostic(p: sniff::FileProblem, display: &str) -> Diagnostic {
    p.into_diagnostic(Location::File {
        file: display.to_string(),
    })
}

/// Opens any workbook planeval reads besides returns (the evaluation group's reviewed workbook) the way
/// returns are opened: only a regular file within the size limit, sniffed for its real format, parsed
/// within the cell limits. The error is the one problem that stops it.
pub fn open_workbook(
    path: &Path,
    opts: &IntakeOptions,
) -> Result<WorkbookGrid, sniff::FileProblem> {
    let s = read_and_sniff(path, opts)?;
    let format = s.seen.format;
    let grid = worker::read_workbook(s.bytes, format, &opts.read_limits, &opts.worker);
    parsed(grid, format)
}

/// Reads a file's bytes and sniffs them, or says the one problem that stops it.
fn read_and_sniff(path: &Path, opts: &IntakeOptions) -> Result<Sniffed, sniff::FileProblem> {
    // Only a regular file, its size checked on the open handle before it is read (crate::inputs::open).
    let t = timing::start();
    let bytes = crate::inputs::read_input(path, &opts.limits);
    timing::stop(t, &timing::FILE_READ);
    sniffed(bytes?, path.extension().and_then(|e| e.to_str()), opts)
}

/// What the bytes are, and whether what they declare can be true.
fn sniffed(
    bytes: Vec<u8>,
    ext: Option<&str>,
    opts: &IntakeOptions,
) -> Result<Sniffed, sniff::FileProblem> {
    let t = timing::start();
    let sniffed = sniff::sniff(&bytes, ext, &opts.limits);
    timing::stop(t, &timing::SNIFF);
    let sniffed = sniffed?;
    Ok(Sniffed {
        bytes,
        seen: Seen {
            format: sniffed.format,
            note: sniffed.note,
        },
    })
}

/// A parse's outcome, a failure turned into the file's problem.
fn parsed(
    grid: Result<WorkbookGrid, worker::ReadFailure>,
    format: Format,
) -> Result<WorkbookGrid, sniff::FileProblem> {
    grid.map_err(|failure| match failure {
        worker::ReadFailure::Reader(msg) => sniff::classify_calamine_error(&msg),
        worker::ReadFailure::Worker(seen) => worker::reader_failed(&seen, format),
    })
}

/// Reads a file's bytes into a report, as [`intake_file`] does once they are read: for callers that
/// hold the bytes already (the fuzz target, `fuzz/`).
pub fn intake_bytes(
    bytes: Vec<u8>,
    ext: Option<&str>,
    display: &str,
    cat: &Catalog,
    opts: &IntakeOptions,
) -> Intake {
    let report = FileReport {
        path: display.to_string(),
        ..Default::default()
    };
    match sniffed(bytes, ext, opts) {
        Err(p) => unread(report, p, display),
        Ok(s) => {
            let format = s.seen.format;
            let grid = worker::read_workbook(s.bytes, format, &opts.read_limits, &opts.worker);
            end(report, s.seen, grid, display, cat, opts)
        }
    }
}

/// Cumulative time spent in each step of intake, over all threads, for the benchmark
/// (`bench/`, the `planeval-bench` crate). Compiled in only with the `timing` feature, which the
/// benchmark turns on; the product's build has empty hooks here, and even with the feature they cost
/// nothing unless [`timing::enable`] was called.
#[cfg(feature = "timing")]
pub mod timing {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::time::Instant;

    static ENABLED: AtomicBool = AtomicBool::new(false);
    /// Reading the file's bytes.
    pub static FILE_READ: AtomicU64 = AtomicU64::new(0);
    /// Sniffing the bytes (zip directory checks).
    pub static SNIFF: AtomicU64 = AtomicU64::new(0);
    /// calamine: the cells of every sheet into grids.
    pub static PARSE: AtomicU64 = AtomicU64::new(0);
    /// Locating the tables and reading every cell's value, validation included.
    pub static LOCATE_AND_READ: AtomicU64 = AtomicU64::new(0);
    /// `validate::check_row` alone (a part of `LOCATE_AND_READ`).
    pub static VALIDATE: AtomicU64 = AtomicU64::new(0);
    /// Ingest's own work beside intake: hashing a file, making its store batch.
    pub static PREPARE: AtomicU64 = AtomicU64::new(0);

    /// Nanoseconds per step, summed over threads.
    #[derive(Debug, Clone, Copy, Default, serde::Serialize)]
    pub struct Totals {
        pub file_read: u64,
        pub sniff: u64,
        pub parse: u64,
        pub locate_and_read: u64,
        pub validate: u64,
        pub prepare: u64,
    }

    pub fn enable(on: bool) {
        ENABLED.store(on, Ordering::Relaxed);
    }

    pub fn reset() {
        for a in [
            &FILE_READ,
            &SNIFF,
            &PARSE,
            &LOCATE_AND_READ,
            &VALIDATE,
            &PREPARE,
        ] {
            a.store(0, Ordering::Relaxed);
        }
    }

    pub fn totals() -> Totals {
        Totals {
            file_read: FILE_READ.load(Ordering::Relaxed),
            sniff: SNIFF.load(Ordering::Relaxed),
            parse: PARSE.load(Ordering::Relaxed),
            locate_and_read: LOCATE_AND_READ.load(Ordering::Relaxed),
            validate: VALIDATE.load(Ordering::Relaxed),
            prepare: PREPARE.load(Ordering::Relaxed),
        }
    }

    #[inline]
    pub(crate) fn start() -> Option<Instant> {
        ENABLED.load(Ordering::Relaxed).then(Instant::now)
    }

    #[inline]
    pub(crate) fn stop(t: Option<Instant>, into: &AtomicU64) {
        if let Some(t) = t {
            into.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        }
    }
}

/// The product build's timing hooks: nothing is measured.
#[cfg(not(feature = "timing"))]
pub(crate) mod timing {
    pub(crate) struct Counter;
    pub(crate) static FILE_READ: Counter = Counter;
    pub(crate) static SNIFF: Counter = Counter;
    pub(crate) static PARSE: Counter = Counter;
    pub(crate) static LOCATE_AND_READ: Counter = Counter;
    pub(crate) static VALIDATE: Counter = Counter;
    pub(crate) static PREPARE: Counter = Counter;

    #[inline(always)]
    pub(crate) fn start() -> Option<std::time::Instant> {
        None
    }

    #[inline(always)]
    pub(crate) fn stop(_: Option<std::time::Instant>, _: &Counter) {}
}
