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

pub mod duplicates;
pub mod locate;
pub mod read;
pub mod sniff;
pub mod value;
pub mod worker;

use crate::catalog::{Catalog, Indicator, ObjectiveKind};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::template::layout::{self, meta_key, Field, QualField, SELF_ASSESSMENT_OPTIONS};
use crate::validate::{self, ParsedCell, ParsedRow};
use calamine::Data;
use locate::{LocatedBy, Meta, Table};
use read::{cell_name, ReadLimits, SheetGrid, WorkbookGrid};
use serde::Serialize;
use sniff::{Format, Limits};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

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

/// One value taken from a returned workbook, with where it came from.
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
    let mut report = FileReport {
        path: display.to_string(),
        ..Default::default()
    };
    let file_diag = |p: sniff::FileProblem| {
        Diagnostic::new(
            p.code,
            Location::File {
                file: display.to_string(),
            },
            None,
            p.message,
            p.hint,
        )
    };
    let opened = open_grid(path, opts, &mut report);
    match opened {
        Ok((wb, note)) => {
            report.diagnostics.extend(note.map(&file_diag));
            let t = timing::start();
            let intake = read_grid(wb, display, cat, opts, report);
            timing::stop(t, &timing::LOCATE_AND_READ);
            intake
        }
        Err(p) => {
            report.diagnostics.push(file_diag(p));
            Intake {
                report,
                data_sheet: None,
            }
        }
    }
}

/// Opens any workbook planeval reads besides returns (the evaluation group's reviewed workbook) the way
/// returns are opened: only a regular file within the size limit, sniffed for its real format, parsed
/// within the cell limits. The error is the one problem that stops it.
pub fn open_workbook(
    path: &Path,
    opts: &IntakeOptions,
) -> Result<WorkbookGrid, sniff::FileProblem> {
    open_grid(path, opts, &mut FileReport::default()).map(|(wb, _)| wb)
}

/// Reads, sniffs and parses a file into cell grids, or says the one problem that stops it. The `Ok` side
/// carries the sniffer's note (e.g. an extension that lies about the format).
fn open_grid(
    path: &Path,
    opts: &IntakeOptions,
    report: &mut FileReport,
) -> Result<(WorkbookGrid, Option<sniff::FileProblem>), sniff::FileProblem> {
    // Only a regular file, its size checked on the open handle before it is read (crate::inputs::open).
    let t = timing::start();
    let bytes = crate::inputs::read_input(path, &opts.limits);
    timing::stop(t, &timing::FILE_READ);
    let bytes = bytes?;
    let ext = path.extension().and_then(|e| e.to_str());
    grid_of_bytes(bytes, ext, opts, report)
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
    let mut report = FileReport {
        path: display.to_string(),
        ..Default::default()
    };
    let file_diag = |p: sniff::FileProblem| {
        Diagnostic::new(
            p.code,
            Location::File {
                file: display.to_string(),
            },
            None,
            p.message,
            p.hint,
        )
    };
    match grid_of_bytes(bytes, ext, opts, &mut report) {
        Ok((wb, note)) => {
            report.diagnostics.extend(note.map(&file_diag));
            read_grid(wb, display, cat, opts, report)
        }
        Err(p) => {
            report.diagnostics.push(file_diag(p));
            Intake {
                report,
                data_sheet: None,
            }
        }
    }
}

/// Sniffs and parses bytes into cell grids (in a worker process where one is set up).
fn grid_of_bytes(
    bytes: Vec<u8>,
    ext: Option<&str>,
    opts: &IntakeOptions,
    report: &mut FileReport,
) -> Result<(WorkbookGrid, Option<sniff::FileProblem>), sniff::FileProblem> {
    let t = timing::start();
    let sniffed = sniff::sniff(&bytes, ext, &opts.limits);
    timing::stop(t, &timing::SNIFF);
    let sniffed = sniffed?;
    report.format = Some(sniffed.format);
    let t = timing::start();
    let wb = worker::read_workbook(bytes, sniffed.format, &opts.read_limits, &opts.worker);
    timing::stop(t, &timing::PARSE);
    let wb = wb.map_err(|failure| match failure {
        worker::ReadFailure::Reader(msg) => sniff::classify_calamine_error(&msg),
        worker::ReadFailure::Worker(seen) => worker::reader_failed(&seen, sniffed.format),
    })?;
    Ok((wb, sniffed.note))
}

/// Reads many files in parallel and hands each result to `on_each` on the calling thread, in input
/// order: at most a few files per thread are held at a time, so memory does not grow with the number of
/// files. `on_each` gets the index into `files`.
pub fn intake_files(
    files: &[(PathBuf, String)],
    cat: &Catalog,
    opts: &IntakeOptions,
    on_each: impl FnMut(usize, Intake),
) {
    intake_files_with(files, cat, opts, |_, intake| intake, on_each);
}

/// [`intake_files`] with a step run on the worker thread right after each file's intake (`then`, e.g.
/// building its feedback workbook or its store batch, so that the grid is dropped there), whose result
/// goes to `on_each` on the calling thread, in input order.
///
/// As many workers as rayon's pool has threads (`RAYON_NUM_THREADS`) take the next file from a shared
/// counter, so a slow file never leaves the others idle (fixed chunks did: every chunk waited for its
/// slowest file), and results arrive nearly in order. A worker more than `WINDOW` files ahead of the
/// caller waits, which bounds what is held however slow one file or the caller is.
pub fn intake_files_with<T: Send>(
    files: &[(PathBuf, String)],
    cat: &Catalog,
    opts: &IntakeOptions,
    then: impl Fn(usize, Intake) -> T + Sync,
    mut on_each: impl FnMut(usize, T),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{mpsc, Condvar, Mutex};
    let threads = rayon::current_num_threads().max(1);
    let window = threads * 4;
    let next = AtomicUsize::new(0);
    // How many results the caller has taken, and whether it stopped early (a panic in `on_each`).
    let taken = Mutex::new((0usize, false));
    let moved = Condvar::new();
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, T)>();
        for _ in 0..threads.min(files.len()) {
            let tx = tx.clone();
            let (next, taken, moved, then) = (&next, &taken, &moved, &then);
            scope.spawn(move || loop {
                let _release = Release(taken, moved);
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((path, display)) = files.get(i) else {
                    return;
                };
                {
                    let mut t = taken.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= t.0 + window && !t.1 {
                        t = moved.wait(t).unwrap_or_else(|e| e.into_inner());
                    }
                    if t.1 {
                        return;
                    }
                }
                let result = then(i, intake_file(path, display, cat, opts));
                if tx.send((i, result)).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        let _release = Release(&taken, &moved);
        let mut pending = std::collections::BTreeMap::new();
        let mut expected = 0usize;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&expected) {
                on_each(expected, result);
                expected += 1;
                taken.lock().unwrap_or_else(|e| e.into_inner()).0 = expected;
                moved.notify_all();
            }
        }
    });
}

/// Stops every worker of [`intake_files_with`] when a worker or the caller unwinds (a bug), so that no
/// thread waits forever for a file that will never come and the panic reaches the caller.
struct Release<'a>(&'a std::sync::Mutex<(usize, bool)>, &'a std::sync::Condvar);

impl Drop for Release<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
            self.1.notify_all();
        }
    }
}

/// Cumulative time spent in each step of intake, over all threads, for `planeval bench`. Off (free)
/// unless [`timing::enable`] was called.
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

    /// Nanoseconds per step, summed over threads.
    #[derive(Debug, Clone, Copy, Default, serde::Serialize)]
    pub struct Totals {
        pub file_read: u64,
        pub sniff: u64,
        pub parse: u64,
        pub locate_and_read: u64,
        pub validate: u64,
    }

    pub fn enable(on: bool) {
        ENABLED.store(on, Ordering::Relaxed);
    }

    pub fn reset() {
        for a in [&FILE_READ, &SNIFF, &PARSE, &LOCATE_AND_READ, &VALIDATE] {
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

fn read_grid(
    wb: WorkbookGrid,
    file: &str,
    cat: &Catalog,
    opts: &IntakeOptions,
    mut report: FileReport,
) -> Intake {
    let mut cx = FileCx {
        file,
        diags: Vec::new(),
    };
    if wb.sheets.iter().all(|s| s.cells.is_empty()) {
        cx.file_level(
            Code::FileEmpty,
            "工作簿中没有任何内容".into(),
            "请使用下发的模板填写后再报送".into(),
        );
        report.diagnostics = cx.diags;
        return Intake {
            report,
            data_sheet: None,
        };
    }
    for s in &wb.sheets {
        if s.skipped_cells > 0 {
            let (r, c) = s.farthest;
            cx.at(
                Code::FileTooLarge,
                &s.name,
                r,
                c,
                None,
                format!(
                    "工作表“{}”的内容延伸到 {}，超出填报表可能的范围（{} 行 × {} 列），其中 {} 个单元格未读取",
                    s.name,
                    cell_name(r, c),
                    opts.read_limits.max_rows,
                    opts.read_limits.max_cols,
                    s.skipped_cells
                ),
                "删除表格范围之外的内容（或整行整列的格式）后重新保存".into(),
            );
        }
    }

    let meta = locate::find_meta(&wb);
    let meta_sheet = meta.as_ref().map(|m| m.sheet.clone());
    match &meta {
        Some(m) => check_meta(&mut cx, m, cat, &mut report),
        None => cx.file_level(
            Code::NoMetadata,
            "没有找到模板的隐藏元数据表，已按表头或指标名称定位数据".into(),
            "请使用 planeval template 生成的模板填报，不要删除隐藏的工作表".into(),
        ),
    }

    let mut table = locate::find_data_table(&wb, cat, meta_sheet.as_deref());
    if let Some(t) = table.as_mut() {
        if !t.years.is_empty() && t.column_of(Field::Value).is_none() {
            let year = report.year.or(opts.year);
            let current = choose_year_column(t, year);
            if report.year.is_none() {
                report.year = current.map(|(_, y)| y);
            }
        }
    }
    let ambiguous = table
        .as_ref()
        .filter(|t| t.located_by == LocatedBy::IndicatorNames && t.value_candidates.len() > 1)
        .map(|t| (t.sheet, t.value_candidates.clone()));
    if let Some((si, cols)) = ambiguous {
        let sheet = &wb.sheets[si];
        let names: Vec<String> = cols
            .iter()
            .map(|c| cell_name(0, *c).trim_end_matches('1').to_string())
            .collect();
        cx.file_level(
            Code::ValueColumnAmbiguous,
            format!(
                "工作表“{}”没有可识别的表头，指标名称右边有 {} 列数字（{} 列），无法判断哪一列是本年值，未读取任何数值",
                sheet.name,
                cols.len(),
                names.join("、")
            ),
            "请使用下发的模板填报；或在数值列上方加表头，如“本年值”“上年同期”，或“2022年”“2023年”".into(),
        );
        report.data_sheet = Some(sheet.name.clone());
        report.diagnostics.extend(cx.diags);
        return Intake {
            report,
            data_sheet: Some(sheet.clone()),
        };
    }
    let table = table;
    if report.unit.is_none() {
        report.unit = guess_unit(&wb, table.as_ref().map(|t| t.sheet), file, cat);
    }
    let mut data_sheet = None;
    match &table {
        None => cx.file_level(
            Code::NoDataSheet,
            "没有找到指标填报表：任何工作表中都没有“指标编码/指标名称”和“本年值”表头，也没有可识别的指标名称".into(),
            "请使用下发的模板填写，保留表头行".into(),
        ),
        Some(t) => {
            let sheet = &wb.sheets[t.sheet];
            report.located_by = Some(t.located_by);
            report.data_sheet = Some(sheet.name.clone());
            if report.year.is_none() {
                report.year = header_year(sheet, t).or(opts.year);
            }
            if t.located_by == LocatedBy::IndicatorNames {
                cx.file_level(
                    Code::NoMetadata,
                    format!(
                        "工作表“{}”没有可识别的表头，已按指标名称定位，并把第 {} 列当作本年值",
                        sheet.name,
                        t.column_of(Field::Value).map(|c| cell_name(0, c).trim_end_matches('1').to_string()).unwrap_or_default()
                    ),
                    "请恢复模板的表头行，以免读错列".into(),
                );
            }
            read_rows(&mut cx, sheet, t, cat, opts, &mut report);
            data_sheet = Some(sheet.clone());
        }
    }
    if let Some(qt) = locate::find_qualitative_table(&wb, meta_sheet.as_deref()) {
        read_assessments(&mut cx, &wb.sheets[qt.sheet], &qt, cat, &mut report);
    }
    if let Some(file_year) = report.other_year(opts.year) {
        let run = opts.year.unwrap_or_default();
        // Said of the whole file, not of the hidden cell that holds the year: nothing in the file is
        // wrong for its own year, so nothing here is for the department to correct.
        cx.diags.push(Diagnostic::new(
            Code::YearMismatch,
            Location::File {
                file: file.to_string(),
            },
            Some(file_year.to_string()),
            format!("文件是 {file_year} 年度的报表，本次处理的是 {run} 年度：未作为 {run} 年度的报表处理"),
            format!("如果这是 {file_year} 年度的报表，入库时加 --other-years ingest 按 {file_year} 年度入库；如果是用旧模板填了 {run} 年的数据，请用 {run} 年度的模板重新填报"),
        ));
    }
    report.diagnostics.extend(cx.diags);
    Intake { report, data_sheet }
}

struct FileCx<'a> {
    file: &'a str,
    diags: Vec<Diagnostic>,
}

impl FileCx<'_> {
    fn file_level(&mut self, code: Code, message: String, hint: String) {
        self.diags.push(Diagnostic::new(
            code,
            Location::File {
                file: self.file.to_string(),
            },
            None,
            message,
            hint,
        ));
    }

    #[allow(clippy::too_many_arguments)]
    fn at(
        &mut self,
        code: Code,
        sheet: &str,
        row: u32,
        col: u32,
        raw: Option<String>,
        message: String,
        hint: String,
    ) {
        self.diags.push(Diagnostic::new(
            code,
            Location::Cell {
                file: self.file.to_string(),
                sheet: sheet.to_string(),
                cell: cell_name(row, col),
            },
            raw,
            message,
            hint,
        ));
    }
}

fn check_meta(cx: &mut FileCx, m: &Meta, cat: &Catalog, report: &mut FileReport) {
    if let Some((plan, row)) = m.get(meta_key::PLAN_ID) {
        report.plan_id = Some(plan.to_string());
        if plan != cat.plan.id {
            cx.at(
                Code::PlanMismatch,
                &m.sheet,
                row,
                1,
                Some(plan.to_string()),
                format!("文件属于规划“{plan}”，本次运行的规划是“{}”", cat.plan.id),
                "请使用本规划的模板重新填报，或运行时用 --plan 指定对应的计划文件".into(),
            );
        }
    }
    if let Some((unit, row)) = m.get(meta_key::UNIT) {
        match cat.resolve_unit(unit) {
            Some(u) => report.unit = Some(u.name.clone()),
            None => cx.at(
                Code::UnitMismatch,
                &m.sheet,
                row,
                1,
                Some(unit.to_string()),
                format!("文件的填报单位“{unit}”不是本规划的责任单位"),
                "请使用为本单位生成的模板（planeval template --unit 单位名称）".into(),
            ),
        }
    }
    if let Some((org, _)) = m.get(meta_key::ORG) {
        report.org = Some(org.to_string()).filter(|o| !o.is_empty());
    }
    report.year = m.year();
    if let Some((v, row)) = m.get(meta_key::TEMPLATE_VERSION) {
        report.template_version = Some(v.to_string());
        if v != layout::TEMPLATE_VERSION {
            cx.at(
                Code::TemplateVersionMismatch,
                &m.sheet,
                row,
                1,
                Some(v.to_string()),
                format!("模板版本为 {v}，当前版本为 {}", layout::TEMPLATE_VERSION),
                "已尽量按表头读取；下次请使用新下发的模板".into(),
            );
        }
    }
}

/// In a table whose value columns are headed by year: the column of this year's value becomes
/// `Field::Value`; earlier years stay in `years` (read into their own years); later years are dropped
/// from it, so their cells are reported as outside the input columns (R214), not read as this year's.
/// This year is the file's or run's `year`, else the latest year heading a column.
fn choose_year_column(t: &mut Table<Field>, year: Option<i32>) -> Option<(u32, i32)> {
    let latest = t
        .years
        .iter()
        .max_by_key(|(_, y)| **y)
        .map(|(c, y)| (*c, *y));
    let chosen = match year {
        Some(y) => t
            .years
            .iter()
            .find(|(_, yy)| **yy == y)
            .map(|(c, y)| (*c, *y))
            .or(latest),
        None => latest,
    }?;
    t.columns.insert(chosen.0, Field::Value);
    t.years.retain(|_, y| *y < chosen.1);
    Some(chosen)
}

/// The year in a header such as `本年值（2023年）`.
fn header_year(sheet: &SheetGrid, t: &Table<Field>) -> Option<i32> {
    let col = t.column_of(Field::Value)?;
    let text = sheet.text(t.header_row, col);
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok().filter(|y| (1900..=2200).contains(y))
}

/// The unit from a `填报单位：…` line above the table, else from the file name.
fn guess_unit(
    wb: &WorkbookGrid,
    sheet: Option<usize>,
    file: &str,
    cat: &Catalog,
) -> Option<String> {
    if let Some(s) = sheet.map(|i| &wb.sheets[i]) {
        for (&(r, c), _) in s.cells.range((0, 0)..(6, 0)) {
            let text = s.text(r, c);
            if let Some(pos) = text.find("填报单位") {
                let after = &text[pos + "填报单位".len()..];
                let name: String = after
                    .trim_start_matches([':', '：', ' ', '\u{3000}'])
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '\u{3000}')
                    .collect();
                if let Some(u) = cat.resolve_unit(&name) {
                    return Some(u.name.clone());
                }
            }
        }
    }
    let stem = Path::new(file).file_stem()?.to_string_lossy().into_owned();
    let mut best: Option<(usize, &str)> = None;
    for u in &cat.units {
        for n in std::iter::once(&u.name).chain(u.aliases.iter()) {
            if stem.contains(n.as_str()) && best.is_none_or(|(l, _)| n.len() > l) {
                best = Some((n.len(), u.name.as_str()));
            }
        }
    }
    best.map(|(_, n)| n.to_string())
}

fn field_keys(f: Field) -> (&'static str, &'static str, &'static str) {
    match f {
        Field::Female => ("female", "total", "value"),
        Field::Male => ("male", "total", "value"),
        Field::Urban => ("total", "urban", "value"),
        Field::Rural => ("total", "rural", "value"),
        Field::Numerator => ("total", "total", "numerator"),
        Field::Denominator => ("total", "total", "denominator"),
        _ => ("total", "total", "value"),
    }
}

/// Is this text shaped like an indicator code (so an unknown one is worth reporting)?
fn looks_like_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

fn read_rows(
    cx: &mut FileCx,
    sheet: &SheetGrid,
    t: &Table<Field>,
    cat: &Catalog,
    opts: &IntakeOptions,
    report: &mut FileReport,
) {
    let by_name: BTreeMap<String, &Indicator> = cat
        .indicators()
        .map(|(_, _, i)| (locate::name_key(&i.name), i))
        .collect();
    let code_col = t.column_of(Field::Code);
    let name_col = t.column_of(Field::Name);
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut rows: Vec<ParsedRow> = Vec::new();

    for row in sheet.rows().into_iter().filter(|r| *r >= t.first_data_row) {
        let code_text = code_col.map(|c| sheet.text(row, c)).unwrap_or_default();
        let name_text = name_col.map(|c| sheet.text(row, c)).unwrap_or_default();
        let indicator = cat
            .indicator(&code_text)
            .or_else(|| by_name.get(&locate::name_key(&name_text)).copied());
        // Every non-empty cell of a numeric input column, and of columns the table does not know.
        let mut inputs: Vec<(u32, Field)> = Vec::new();
        let mut unmapped: Vec<u32> = Vec::new();
        // Values of earlier years, in a table with a column per year: (column, year).
        let mut earlier: Vec<(u32, i32)> = Vec::new();
        for (col, cell) in sheet.row_cells(row) {
            if value::is_blank(&cell.data) && cell.formula.is_none() {
                continue;
            }
            match (t.columns.get(&col), t.years.get(&col)) {
                (Some(f), _) if f.is_numeric_input() => inputs.push((col, *f)),
                (Some(_), _) => {}
                (None, Some(y)) => earlier.push((col, *y)),
                (None, None) => unmapped.push(col),
            }
        }
        // Reported like this year's cells when the row is not read (unknown or repeated indicator).
        let not_read: Vec<(u32, Field)> = inputs
            .iter()
            .copied()
            .chain(earlier.iter().map(|(c, _)| (*c, Field::Value)))
            .collect();
        let Some(ind) = indicator else {
            // Not an indicator row. Report it when it looks like one: a code-shaped first cell or
            // anything typed into the input columns.
            if not_read.is_empty() && !looks_like_code(&code_text) {
                continue;
            }
            let what = if !code_text.is_empty() {
                &code_text
            } else {
                &name_text
            };
            let (anchor_col, anchor_raw) = match code_col.filter(|_| !code_text.is_empty()) {
                Some(c) => (c, code_text.clone()),
                None => (name_col.unwrap_or(0), name_text.clone()),
            };
            cx.at(
                Code::UnknownIndicator,
                &sheet.name,
                row,
                anchor_col,
                Some(anchor_raw),
                format!("计划中没有指标“{what}”，该行未读取"),
                "核对指标编码是否被改动；请从模板复制原编码，不要自行增加指标行".into(),
            );
            for (col, _) in &not_read {
                let raw = sheet
                    .get(row, *col)
                    .map(|c| value::raw_text(&c.data))
                    .unwrap_or_default();
                cx.at(
                    Code::UnknownIndicator,
                    &sheet.name,
                    row,
                    *col,
                    Some(raw.clone()),
                    format!("该行的指标“{what}”不在计划中，数值 {raw} 未读取"),
                    "请把数值填到模板中对应指标的行".into(),
                );
            }
            report.cells_nonempty += not_read.len();
            continue;
        };
        report.cells_nonempty += not_read.len() + unmapped.len();
        for col in &unmapped {
            let raw = sheet
                .get(row, *col)
                .map(|c| value::raw_text(&c.data))
                .unwrap_or_default();
            cx.at(
                Code::UnmappedCell,
                &sheet.name,
                row,
                *col,
                Some(raw),
                format!("指标 {} 这一行在模板填报列之外有内容，未读取", ind.code),
                "请把数值填到对应的填报列中；说明文字请写在“备注”列".into(),
            );
        }
        if let Some(first) = seen.get(&ind.code) {
            for (col, _) in &not_read {
                let raw = sheet
                    .get(row, *col)
                    .map(|c| value::raw_text(&c.data))
                    .unwrap_or_default();
                cx.at(
                    Code::DuplicateRow,
                    &sheet.name,
                    row,
                    *col,
                    Some(raw),
                    format!(
                        "指标 {}（{}）已在第 {} 行填报，此行的数值未采用",
                        ind.code,
                        ind.name,
                        first + 1
                    ),
                    "删除重复的行，或把正确的数值填在同一行".into(),
                );
            }
            if not_read.is_empty() {
                cx.at(
                    Code::DuplicateRow,
                    &sheet.name,
                    row,
                    code_col.or(name_col).unwrap_or(0),
                    Some(if code_text.is_empty() {
                        name_text.clone()
                    } else {
                        code_text.clone()
                    }),
                    format!("指标 {} 重复出现（首次在第 {} 行）", ind.code, first + 1),
                    "删除重复的行".into(),
                );
            }
            continue;
        }
        seen.insert(ind.code.clone(), row);

        let text_of = |f: Field| {
            t.column_of(f)
                .map(|c| sheet.text(row, c))
                .filter(|s| !s.is_empty())
        };
        let last_year = t
            .column_of(Field::LastYear)
            .and_then(|c| sheet.get(row, c))
            .and_then(|c| match c.data {
                Data::Int(i) => Some(i as f64),
                Data::Float(f) => Some(f),
                _ => None,
            });
        let vcx = value::ValueContext {
            unit: ind.unit,
            expected_magnitude: last_year.or(ind.target.value),
        };
        let mut parsed = ParsedRow {
            indicator: ind.clone(),
            sheet: sheet.name.clone(),
            row,
            code_col: code_col.or(name_col).unwrap_or(0),
            last_year,
            cells: BTreeMap::new(),
            source: None,
            remarks: None,
        };
        // The total first: its value is what a breakdown cell typed as a fraction (0.952 for 95.2%)
        // is recognised against when neither last year nor the target gives a magnitude.
        inputs.sort_by_key(|(_, f)| *f != Field::Value);
        let mut row_total = None;
        for (col, field) in inputs {
            let Some(cell) = sheet.get(row, col) else {
                continue;
            };
            let cx_for_field = match field {
                // Numerators and denominators are counts of people or cases, whatever the rate's unit.
                Field::Numerator | Field::Denominator => value::ValueContext {
                    unit: crate::catalog::MeasureUnit::Persons,
                    expected_magnitude: None,
                },
                Field::Value => vcx,
                _ => value::ValueContext {
                    expected_magnitude: vcx.expected_magnitude.or(row_total),
                    ..vcx
                },
            };
            let reading = value::read_number(&cell.data, cell.formula.as_deref(), &cx_for_field);
            for n in &reading.notes {
                cx.at(
                    n.code,
                    &sheet.name,
                    row,
                    col,
                    Some(reading.raw.clone()),
                    format!("{}（{}）：{}", ind.name, field.header(), n.message),
                    n.hint.clone(),
                );
            }
            let number = match reading.outcome {
                value::Outcome::Number(v) => Some(v),
                _ => None,
            };
            if field == Field::Value {
                row_total = number;
            }
            parsed.cells.insert(
                field,
                ParsedCell {
                    col,
                    raw: reading.raw,
                    value: number,
                    not_reported: matches!(reading.outcome, value::Outcome::NotReported),
                    rules: reading.rules,
                },
            );
        }
        parsed.source = text_of(Field::Source);
        parsed.remarks = text_of(Field::Remarks);
        // Earlier years' totals, each into its own year (what the department reported for it, as
        // `ingest` of that year would take it; the store's revisions say which came later).
        for (col, y) in earlier {
            let Some(cell) = sheet.get(row, col) else {
                continue;
            };
            let reading = value::read_number(&cell.data, cell.formula.as_deref(), &vcx);
            for n in &reading.notes {
                cx.at(
                    n.code,
                    &sheet.name,
                    row,
                    col,
                    Some(reading.raw.clone()),
                    format!("{}（{y}年）：{}", ind.name, n.message),
                    n.hint.clone(),
                );
            }
            if let value::Outcome::Number(v) = reading.outcome {
                if !reading
                    .notes
                    .iter()
                    .any(|n| n.severity() == crate::Severity::Error)
                {
                    report.accepted.push(AcceptedValue {
                        indicator: ind.code.clone(),
                        year: Some(y),
                        sex: "total",
                        area: "total",
                        field: "value",
                        value: v,
                        sheet: sheet.name.clone(),
                        cell: cell_name(row, col),
                        raw: reading.raw.clone(),
                        rules: reading.rules.clone(),
                        source: parsed.source.clone(),
                        remarks: parsed.remarks.clone(),
                    });
                }
            }
        }
        rows.push(parsed);
    }

    // Consistency rules over each row; a value that breaks a hard rule is not accepted.
    let year = report.year.or(opts.year);
    for r in &rows {
        let t = timing::start();
        let outcome = validate::check_row(r, opts.jump_threshold);
        timing::stop(t, &timing::VALIDATE);
        for d in outcome.diagnostics {
            cx.at(
                d.code,
                &r.sheet,
                r.row,
                d.col,
                Some(d.raw),
                d.message,
                d.hint,
            );
        }
        for (field, cell) in &r.cells {
            let Some(v) = cell.value else { continue };
            if outcome.rejected.contains(field) {
                continue;
            }
            let (sex, area, kind) = field_keys(*field);
            report.accepted.push(AcceptedValue {
                indicator: r.indicator.code.clone(),
                year,
                sex,
                area,
                field: kind,
                value: v,
                sheet: r.sheet.clone(),
                cell: cell_name(r.row, cell.col),
                raw: cell.raw.clone(),
                rules: cell.rules.clone(),
                source: r.source.clone(),
                remarks: r.remarks.clone(),
            });
        }
    }

    // Required indicators this unit leads that have no value at all.
    let Some(unit) = report.unit.clone() else {
        return;
    };
    let present: HashSet<&str> = rows.iter().map(|r| r.indicator.code.as_str()).collect();
    for (_, _, ind) in cat.indicators() {
        if ind.lead_unit != unit || !ind.is_reported() || !ind.required {
            continue;
        }
        let row = rows.iter().find(|r| r.indicator.code == ind.code);
        let asked: &[Field] = if ind.gap_of_own_groups() {
            &[
                Field::Value,
                Field::Female,
                Field::Male,
                Field::Urban,
                Field::Rural,
            ]
        } else {
            &[Field::Value]
        };
        let missing = !asked.iter().any(|f| {
            row.and_then(|r| r.cells.get(f))
                .is_some_and(|c| !c.raw.trim().is_empty())
        });
        if !missing {
            continue;
        }
        match row {
            Some(r) => {
                let col = t.column_of(Field::Value).unwrap_or(r.code_col);
                cx.at(
                    Code::RequiredMissing,
                    &r.sheet,
                    r.row,
                    col,
                    None,
                    format!("必填指标 {}（{}）的本年值未填写", ind.code, ind.name),
                    "填写本年值；确实没有数据请填“无”，并在备注中说明原因".into(),
                );
            }
            None if !present.contains(ind.code.as_str()) => {
                cx.at(
                    Code::RequiredMissing,
                    &sheet.name,
                    t.header_row,
                    code_col.or(name_col).unwrap_or(0),
                    None,
                    format!(
                        "必填指标 {}（{}）的行不在表中（可能被删除）",
                        ind.code, ind.name
                    ),
                    "请使用下发的模板，不要删除指标行".into(),
                );
            }
            None => {}
        }
    }
    for r in &rows {
        if r.indicator.lead_unit != unit
            && !r.indicator.cooperating_units.contains(&unit)
            && !r.cells.is_empty()
        {
            cx.at(
                Code::NotAssignedToUnit,
                &r.sheet,
                r.row,
                r.code_col,
                Some(r.indicator.code.clone()),
                format!(
                    "指标 {}（{}）由{}牵头，不是{}的填报指标；数值已读取，供核对",
                    r.indicator.code, r.indicator.name, r.indicator.lead_unit, unit
                ),
                "确认是否填错了表；本单位的指标见 planeval catalog --unit 单位名称".into(),
            );
        }
    }
}

fn read_assessments(
    cx: &mut FileCx,
    sheet: &SheetGrid,
    t: &Table<QualField>,
    cat: &Catalog,
    report: &mut FileReport,
) {
    let Some(code_col) = t.column_of(QualField::Code) else {
        return;
    };
    let Some(assess_col) = t.column_of(QualField::Assessment) else {
        return;
    };
    let text = |row: u32, f: QualField| {
        t.column_of(f)
            .map(|c| sheet.text(row, c))
            .unwrap_or_default()
    };
    for row in sheet.rows().into_iter().filter(|r| *r > t.header_row) {
        let Some(cell) = sheet.get(row, assess_col) else {
            continue;
        };
        if value::is_blank(&cell.data) {
            continue;
        }
        report.cells_nonempty += 1;
        let raw = value::raw_text(&cell.data);
        let code = sheet.text(row, code_col);
        let objective = cat
            .objectives()
            .find(|(_, o)| o.code == code && o.kind == ObjectiveKind::Qualitative);
        if objective.is_none() {
            cx.at(
                Code::UnknownIndicator,
                &sheet.name,
                row,
                assess_col,
                Some(raw),
                format!("目标编码“{code}”不是本规划的定性目标，自评未读取"),
                "请勿改动目标编码列".into(),
            );
            continue;
        }
        let answer = raw.trim().to_string();
        if !SELF_ASSESSMENT_OPTIONS.contains(&answer.as_str()) {
            cx.at(
                Code::BadSelfAssessment,
                &sheet.name,
                row,
                assess_col,
                Some(raw),
                format!("目标 {code} 的自评结论“{answer}”不是规定选项"),
                format!("请从下拉列表中选择：{}", SELF_ASSESSMENT_OPTIONS.join("、")),
            );
            continue;
        }
        report.assessments.push(SelfAssessment {
            objective: code,
            assessment: answer,
            measures: text(row, QualField::Measures),
            problems: text(row, QualField::Problems),
            evidence: text(row, QualField::Evidence),
            sheet: sheet.name.clone(),
            cell: cell_name(row, assess_col),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_intake_hands_every_file_over_once_in_input_order() {
        let cat = Catalog::load(None).unwrap();
        // Missing files: intake reports them unreadable, quickly, which is all this needs.
        let files: Vec<(PathBuf, String)> = (0..203)
            .map(|i| {
                let p = PathBuf::from(format!("/nonexistent-planeval-test/{i}.xlsx"));
                (p, format!("{i}.xlsx"))
            })
            .collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = Vec::new();
        pool.install(|| {
            intake_files_with(
                &files,
                &cat,
                &IntakeOptions::default(),
                |i, intake| {
                    calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    (i, intake.report.path.clone())
                },
                |i, (j, path)| {
                    assert_eq!(i, j);
                    seen.push((i, path));
                },
            )
        });
        assert_eq!(calls.into_inner(), files.len());
        assert_eq!(seen.len(), files.len());
        for (k, (i, path)) in seen.iter().enumerate() {
            assert_eq!(*i, k);
            assert_eq!(*path, files[k].1);
        }
        let mut none = 0;
        intake_files(&[], &cat, &IntakeOptions::default(), |_, _| none += 1);
        assert_eq!(none, 0);
    }
}
