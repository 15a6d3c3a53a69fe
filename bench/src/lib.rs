//! Benchmarks of planeval's whole pipeline against the calamine parse floor (`planeval-bench run`), and
//! the synthetic returns they run on (`generate`, `planeval-bench data`).
//!
//! One run times, on the same files and with the same thread count, the passes the real commands make:
//!
//! 0. **floor**: every file only opened and parsed by calamine (`open_workbook_auto_from_rs`, then
//!    `worksheet_range` of every sheet), in parallel over files, and optionally on one thread;
//! 1. **intake**, **validation**, **store** — one pass as `ingest` makes it: each file read, sniffed,
//!    streamed (calamine), located, its values read and validated, hashed and turned into its store
//!    batch on a worker; `Writer::add` in input order on the caller; then the Parquet commit;
//! 2. **scoring**: the current panel read back, `score::evaluate` for every organisation;
//! 3. **evaluation outputs**: for every organisation what `evaluate --out` writes
//!    (`report::write_outputs`: evaluation workbook, Word report, one feedback workbook per unit,
//!    summary.json, report.md);
//! 4. **per-return feedback**: a second pass as `check --out` makes it: each file read again and its
//!    feedback workbook written; the share of the returns with errors or warnings is what
//!    `check --out --only-problems` would write.
//!
//! Two floors: the parse floor (0), and the **write floor**: as many bare rust_xlsxwriter workbooks as
//! each writing stage wrote, with as many sheets each and one cell per sheet — the part of writing no
//! writer using rust_xlsxwriter can avoid. Inside a pass, the pass's wall-clock time is apportioned to
//! its stages by the time each took summed over threads; sequential parts are timed directly. Peak
//! memory is the process's high-water mark (VmHWM, Linux only), and beside it the reader workers' own
//! (intake parses every workbook in worker processes, `intake::worker`, as the real commands do).

pub mod generate;

use planeval::catalog::Catalog;
use planeval::error::Error;
use planeval::intake::{self, timing, IntakeOptions};
use planeval::pipeline::evaluate::{gather_from, Gathered};
use planeval::pipeline::ingest::{ingest_returns, Event};
use planeval::pipeline::Progress;
use planeval::report;
use planeval::report::messages::Lang;
use planeval::score::Stage;
use planeval::store::{self, Store, Writer};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How to run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// A fresh folder for the store (removed first when it exists).
    pub store: PathBuf,
    /// Where feedback and evaluation workbooks are written (removed first when it exists).
    pub out: PathBuf,
    /// Also time the floor on one thread.
    pub serial_floor: bool,
    pub stage: Stage,
    /// The areas file of the data (`planeval-bench data` writes one): with it, every org's year is also exported
    /// as a 报送包 and the packages ingested into a second store (the `levels` pass).
    pub areas: Option<planeval::areas::Areas>,
}

/// One stage's time.
#[derive(Debug, Clone, Serialize)]
pub struct StageTime {
    pub stage: String,
    pub seconds: f64,
    /// `seconds` ÷ the parallel parse floor.
    pub ratio_to_floor: f64,
    /// For stages that write workbooks: `seconds` ÷ the write floor of the same workbooks.
    pub ratio_to_write_floor: Option<f64>,
    pub workbooks_per_s: f64,
    pub cells_per_s: f64,
    pub note: String,
}

/// The bare cost of writing workbooks with rust_xlsxwriter: the same number of workbooks and sheets,
/// one cell per sheet, zip level 1, in parallel, into memory.
#[derive(Debug, Clone, Serialize)]
pub struct WriteFloor {
    pub workbooks: usize,
    pub sheets: usize,
    pub seconds: f64,
}

/// The measurements of one run.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub files: usize,
    pub bytes: u64,
    /// Non-empty cells of all sheets, as calamine's ranges hold them (the floor's count).
    pub cells: usize,
    /// Non-empty input cells intake read (the values and self-assessments departments typed).
    pub input_cells: usize,
    pub values_stored: usize,
    pub orgs: usize,
    pub threads: usize,
    /// Whether intake parsed the workbooks in reader worker processes (the product's way) or in this
    /// process (`run --in-process`).
    pub reader_workers: bool,
    pub floor_serial_s: Option<f64>,
    pub floor_s: f64,
    /// intake, validation, store, scoring, evaluation outputs.
    pub stages: Vec<StageTime>,
    /// Intake, validation, store and scoring: the pipeline without the files it writes.
    pub whole_without_writing: StageTime,
    /// The whole pipeline: `ingest` then `evaluate --out` for every organisation.
    pub whole: StageTime,
    /// One feedback workbook per returned file (`check --out`).
    pub per_return_feedback: StageTime,
    /// `whole` plus the per-return feedback.
    pub whole_with_feedback: StageTime,
    /// Feedback only for the returns with errors or warnings (`check --out --only-problems`).
    pub problem_feedback: StageTime,
    /// `whole` plus that feedback.
    pub whole_with_problem_feedback: StageTime,
    pub write_floor_outputs: WriteFloor,
    pub write_floor_feedback: WriteFloor,
    /// Thread-summed nanoseconds of intake's steps in the ingest pass, for the profile.
    pub intake_steps_ns: timing::Totals,
    /// Inside the pipeline: calamine's share, wall-clock (apportioned), for comparison with the floor.
    pub pipeline_parse_s: f64,
    pub peak_rss_bytes: Option<u64>,
    /// With an areas file: every org's year exported as a package from the store just built, and the
    /// packages checked and ingested into a fresh store, as `export` and `ingest --package` do.
    pub levels: Vec<StageTime>,
    /// The reader worker processes' peaks, summed (VmHWM of each; `None` when intake ran in-process).
    pub workers_peak_rss_bytes: Option<u64>,
    /// How many reader worker processes the run kept.
    pub workers: usize,
}

/// What the packages pass measured.
struct LevelsMeasured {
    packages: usize,
    bytes: u64,
    values: usize,
    export_s: f64,
    check_s: f64,
    /// Checking, adding and committing.
    ingest_s: f64,
}

/// Exports every org's `year` from `st` as a package (in parallel), then checks them all (in
/// parallel) and adds them in order to a fresh store beside `store_dir`, as `ingest --package` does
/// (which reads each package a second time while adding, to hold one at a time).
fn packages_pass(
    cat: &Catalog,
    areas: &planeval::areas::Areas,
    st: &Store,
    orgs: &[String],
    year: i32,
    store_dir: &Path,
) -> Result<LevelsMeasured, Error> {
    use store::package::{check_fits, contents_of, intake, read_package, write_package, Intake};
    let t = Instant::now();
    let packed: Vec<Vec<u8>> = orgs
        .par_iter()
        .map(|org| {
            let contents = contents_of(st, cat, areas, org, year)?;
            Ok(write_package(cat, contents, &store::now())?.bytes)
        })
        .collect::<Result<_, Error>>()?;
    let export_s = t.elapsed().as_secs_f64();
    let dir = store_dir.with_extension("packages");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    }
    let t = Instant::now();
    let checked: Vec<store::package::Package> = packed
        .par_iter()
        .zip(orgs.par_iter())
        .map(|(bytes, org)| {
            let p = read_package(bytes, org)?;
            check_fits(&p, cat, areas, org)?;
            Ok(p)
        })
        .collect::<Result<_, Error>>()?;
    let check_s = t.elapsed().as_secs_f64();
    let mut writer = Writer::open_scoped(&dir, "planeval-bench", orgs)?;
    let mut values = 0;
    for (p, org) in checked.iter().zip(orgs) {
        if let Intake::Add(batches) = intake(p, &format!("{org}.pepkg"), writer.files()) {
            for b in batches {
                values += writer.add(b).added;
            }
        }
    }
    writer.commit(&mut |_| {})?;
    let ingest_s = t.elapsed().as_secs_f64();
    Ok(LevelsMeasured {
        packages: packed.len(),
        bytes: packed.iter().map(|b| b.len() as u64).sum(),
        values,
        export_s,
        check_s,
        ingest_s,
    })
}

/// The process's peak resident memory (VmHWM), where the OS tells it.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Opens and parses one file with calamine alone; the number of non-empty cells.
pub fn parse_only(path: &Path) -> usize {
    use calamine::Reader;
    let Ok(bytes) = planeval::inputs::read_input(path, &planeval::intake::sniff::Limits::default())
    else {
        return 0;
    };
    let Ok(mut wb) = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) else {
        return 0;
    };
    let names = wb.sheet_names().to_vec();
    names
        .iter()
        .filter_map(|n| wb.worksheet_range(n).ok())
        .map(|r| r.used_cells().count())
        .sum()
}

/// The parse floor: every file opened and parsed, in parallel over files. (seconds, cells)
pub fn floor(files: &[(PathBuf, String)]) -> (f64, usize) {
    let t = Instant::now();
    let cells = files.par_iter().map(|(p, _)| parse_only(p)).sum();
    (t.elapsed().as_secs_f64(), cells)
}

/// The number of worksheets in an xlsx, from its zip directory (for the write floor).
fn sheets_in(xlsx: &[u8]) -> usize {
    zip::ZipArchive::new(Cursor::new(xlsx))
        .map(|z| {
            z.file_names()
                .filter_map(Result::ok)
                .filter(|n| n.starts_with("xl/worksheets/sheet") && n.ends_with(".xml"))
                .count()
        })
        .unwrap_or(1)
        .max(1)
}

/// Times bare workbooks: one per entry of `sheets`, with that many sheets of one cell each.
fn write_floor(sheets: &[usize]) -> WriteFloor {
    let t = Instant::now();
    sheets.par_iter().for_each(|&n| {
        let mut wb = planeval::style::new_workbook();
        for _ in 0..n {
            let _ = wb.add_worksheet().write_string(0, 0, "x");
        }
        let _ = std::hint::black_box(wb.save_to_buffer());
    });
    WriteFloor {
        workbooks: sheets.len(),
        sheets: sheets.iter().sum(),
        seconds: t.elapsed().as_secs_f64(),
    }
}

/// Runs every stage over `files` and measures it.
pub fn run(
    cat: &Catalog,
    files: &[(PathBuf, String)],
    opts: &BenchOptions,
) -> Result<BenchReport, Error> {
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
    use std::sync::Mutex;
    let threads = rayon::current_num_threads();
    let bytes: u64 = files
        .iter()
        .filter_map(|(p, _)| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    for dir in [&opts.store, &opts.out] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
    }
    let feedback_dir = opts.out.join("per-return");
    std::fs::create_dir_all(&feedback_dir).map_err(|e| Error::io(&feedback_dir, e))?;

    // Warm the page cache so that the first timed pass does not pay for the disk.
    let _ = floor(files);

    // 0. The floor.
    let floor_serial_s = if opts.serial_floor {
        let t = Instant::now();
        let _: usize = files.iter().map(|(p, _)| parse_only(p)).sum();
        Some(t.elapsed().as_secs_f64())
    } else {
        None
    };
    let (floor_s, cells) = floor(files);

    // 1. Intake, validation, store: the ingest pass.
    timing::reset();
    timing::enable(true);
    let mut input_cells = 0usize;
    let pass = Instant::now();
    let t = Instant::now();
    let mut writer = Writer::open(&opts.store, "planeval-bench")?;
    let open_s = t.elapsed().as_secs_f64();
    let iopts = IntakeOptions::default();
    // The ingest the product runs (`pipeline::ingest`): read in parallel, added in order; the time
    // of each file's adding is the progress step's.
    let mut adding = Adding::default();
    ingest_returns(
        &mut writer,
        files,
        cat,
        &iopts,
        &mut |e| {
            if let Event::Return { report, .. } = e {
                input_cells += report.cells_nonempty;
            }
        },
        &mut adding,
    );
    let add_s = adding.seconds;
    let t = Instant::now();
    let committed = writer.commit(&mut |_| {})?;
    let commit_s = t.elapsed().as_secs_f64();
    let pass_s = pass.elapsed().as_secs_f64();
    timing::enable(false);
    let steps = timing::totals();

    // Apportion the parallel part of the pass by thread-summed time.
    let parallel_s = (pass_s - open_s - add_s - commit_s).max(0.0);
    let intake_all = steps.file_read + steps.sniff + steps.parse + steps.locate_and_read;
    let prep = steps.prepare;
    let busy = (intake_all + prep).max(1) as f64;
    let share = |ns: u64| parallel_s * ns as f64 / busy;
    let validate_s = share(steps.validate);
    let intake_s = share(intake_all - steps.validate.min(intake_all));
    let store_s = share(prep) + open_s + add_s + commit_s;
    let pipeline_parse_s = share(steps.parse);

    // 2. Scoring: the current panel read back, every organisation evaluated.
    let t = Instant::now();
    let st = Store::open(&opts.store)?;
    let current = st.current_panel()?;
    let values_stored = current.len();
    let orgs: Vec<String> = current
        .iter()
        .map(|r| r.org.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let as_of = current
        .iter()
        .map(|r| r.year)
        .max()
        .unwrap_or(cat.plan.final_year);
    let read_back_s = t.elapsed().as_secs_f64();
    // Every organisation gathered and scored as `evaluate --area` does it (`pipeline::evaluate`).
    let builtin;
    let areas = match &opts.areas {
        Some(a) => a,
        None => {
            builtin = planeval::areas::Areas::builtin();
            &builtin
        }
    };
    let store_areas = st.areas(areas)?;
    let scored: Vec<Gathered> = orgs
        .par_iter()
        .map(|org| {
            gather_from(
                cat,
                areas,
                &st,
                &store_areas,
                opts.stage,
                as_of,
                None,
                Lang::Zh,
                Some(org),
            )
        })
        .collect::<Result<_, Error>>()?;
    let scoring_s = t.elapsed().as_secs_f64();

    // 2b. Packages between levels: every org's year exported from the store, then checked and
    // ingested into a fresh store (what a prefecture or province does with its counties' packages).
    let levels_measured = match &opts.areas {
        Some(areas) => Some(packages_pass(cat, areas, &st, &orgs, as_of, &opts.store)?),
        None => None,
    };

    // 3. What `evaluate --out` writes, for every organisation.
    let t = Instant::now();
    let output_sheets = Mutex::new(Vec::new());
    let written: Result<Vec<usize>, Error> = scored
        .par_iter()
        .zip(orgs.par_iter())
        .map(|(g, org)| {
            let facts = g.facts(cat, Lang::Zh);
            let dir = opts.out.join(planeval::fsutil::safe_file_name(org));
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            let names = report::write_outputs(&facts, &|name, bytes| {
                if name.ends_with(".xlsx") {
                    let n = sheets_in(bytes);
                    output_sheets
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(n);
                }
                let p = dir.join(name);
                std::fs::write(&p, bytes).map_err(|e| Error::io(&p, e))
            })?;
            Ok(names.len())
        })
        .collect();
    let output_files: usize = written?.iter().sum();
    let outputs_s = t.elapsed().as_secs_f64();
    drop(scored);
    let output_sheets = output_sheets.into_inner().unwrap_or_default();

    // 4. One feedback workbook per returned file: the check --out pass.
    timing::reset();
    timing::enable(true);
    let feedback_ns = AtomicU64::new(0);
    let problem_feedback_ns = AtomicU64::new(0);
    let problem_files = AtomicU64::new(0);
    let feedback_sheets = Mutex::new(Vec::new());
    let mut failure: Option<Error> = None;
    let pass = Instant::now();
    intake::intake_files_with(
        files,
        cat,
        &iopts,
        |i, intake| {
            let t = Instant::now();
            let problems = intake.report.errors() + intake.report.warnings() > 0;
            let done = report::feedback::build_feedback(cat, &intake, planeval::i18n::Lang::Zh)
                .map_err(Error::Xlsx)
                .and_then(|b| {
                    let n = sheets_in(&b);
                    feedback_sheets
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(n);
                    let p = feedback_dir.join(format!("反馈-{i:06}.xlsx"));
                    std::fs::write(&p, b).map_err(|e| Error::io(&p, e))
                });
            let ns = t.elapsed().as_nanos() as u64;
            feedback_ns.fetch_add(ns, Relaxed);
            if problems {
                problem_feedback_ns.fetch_add(ns, Relaxed);
                problem_files.fetch_add(1, Relaxed);
            }
            done
        },
        |_, done| {
            if let Err(e) = done {
                failure.get_or_insert(e);
            }
        },
    );
    if let Some(e) = failure {
        return Err(e);
    }
    let check_pass_s = pass.elapsed().as_secs_f64();
    timing::enable(false);
    let check_steps = timing::totals();
    let check_intake =
        check_steps.file_read + check_steps.sniff + check_steps.parse + check_steps.locate_and_read;
    let fb = feedback_ns.into_inner();
    let feedback_s = check_pass_s * fb as f64 / (fb + check_intake).max(1) as f64;
    // `check --out --only-problems` writes the same workbooks for the files with errors or warnings
    // only; its share is theirs of the same pass.
    let problem_feedback_s =
        check_pass_s * problem_feedback_ns.into_inner() as f64 / (fb + check_intake).max(1) as f64;
    let problem_files = problem_files.into_inner();
    let feedback_sheets = feedback_sheets.into_inner().unwrap_or_default();

    // The write floors of both writing stages, measured now, in the same run.
    let write_floor_outputs = write_floor(&output_sheets);
    let write_floor_feedback = write_floor(&feedback_sheets);

    let n = files.len() as f64;
    let stage =
        |name: &str, seconds: f64, write_floor: Option<&WriteFloor>, note: String| StageTime {
            stage: name.to_string(),
            seconds,
            ratio_to_floor: seconds / floor_s.max(1e-9),
            ratio_to_write_floor: write_floor.map(|w| seconds / w.seconds.max(1e-9)),
            workbooks_per_s: n / seconds.max(1e-9),
            cells_per_s: cells as f64 / seconds.max(1e-9),
            note,
        };
    let stages = vec![
        stage(
            "intake",
            intake_s,
            None,
            format!(
                "read+sniff+parse+locate+values; calamine streaming inside it ≈ {:.2} s",
                pipeline_parse_s
            ),
        ),
        stage("validation", validate_s, None, "validate::check_row".into()),
        stage(
            "store",
            store_s,
            None,
            format!(
                "sha256+batch {:.2} s (parallel share), add {:.2} s, commit {:.2} s; {} revisions",
                share(prep),
                add_s,
                commit_s,
                committed.revisions.len()
            ),
        ),
        stage(
            "scoring",
            scoring_s,
            None,
            format!(
                "read panel back {:.2} s + evaluate {} orgs {:.2} s",
                read_back_s,
                orgs.len(),
                scoring_s - read_back_s
            ),
        ),
        stage(
            "evaluation outputs",
            outputs_s,
            Some(&write_floor_outputs),
            format!(
                "{} files for {} orgs: per org the evaluation workbook, the Word report, {} unit feedback workbooks, summary.json, report.md",
                output_files,
                orgs.len(),
                output_sheets.len().saturating_sub(orgs.len()) / orgs.len().max(1)
            ),
        ),
    ];
    let without = intake_s + validate_s + store_s + scoring_s;
    let whole_s = without + outputs_s;
    Ok(BenchReport {
        files: files.len(),
        bytes,
        cells,
        input_cells,
        values_stored,
        orgs: orgs.len(),
        threads,
        reader_workers: planeval::intake::worker::in_use(),
        floor_serial_s,
        floor_s,
        whole_without_writing: stage(
            "whole without writing",
            without,
            None,
            "intake + validation + store + scoring".into(),
        ),
        whole: stage(
            "whole: ingest → evaluate --out",
            whole_s,
            None,
            "intake + validation + store + scoring + evaluation outputs".into(),
        ),
        per_return_feedback: stage(
            "per-return feedback (check --out)",
            feedback_s,
            Some(&write_floor_feedback),
            format!(
                "{} feedback workbooks, {} sheets (share of a {:.2} s pass that reads every file again)",
                feedback_sheets.len(),
                feedback_sheets.iter().sum::<usize>(),
                check_pass_s
            ),
        ),
        problem_feedback: stage(
            "per-return feedback, problems only (--only-problems)",
            problem_feedback_s,
            None,
            format!(
                "{problem_files} of {} returns have errors or warnings",
                files.len()
            ),
        ),
        whole_with_problem_feedback: stage(
            "whole with feedback for problems only",
            whole_s + problem_feedback_s,
            None,
            "the whole, and a feedback workbook for each return with errors or warnings".into(),
        ),
        whole_with_feedback: stage(
            "whole with per-return feedback",
            whole_s + feedback_s,
            None,
            "the whole, and one feedback workbook per returned file".into(),
        ),
        stages,
        write_floor_outputs,
        write_floor_feedback,
        intake_steps_ns: steps,
        pipeline_parse_s,
        peak_rss_bytes: peak_rss_bytes(),
        levels: levels_measured
            .map(|m| {
                vec![
                    stage(
                        "packages: export",
                        m.export_s,
                        None,
                        format!(
                            "{} packages ({:.1} MB) from the store just built (a county exports from its own, smaller store)",
                            m.packages,
                            m.bytes as f64 / 1e6
                        ),
                    ),
                    stage(
                        "packages: ingest --package",
                        m.ingest_s,
                        None,
                        format!(
                            "every package checked (seal, parts' SHA-256, rows, plan, areas) {:.2} s, added and committed {:.2} s; {} values",
                            m.check_s,
                            m.ingest_s - m.check_s,
                            m.values
                        ),
                    ),
                ]
            })
            .unwrap_or_default(),
        workers_peak_rss_bytes: intake::worker::workers_peak_rss_bytes(),
        workers: intake::worker::idle_workers(),
    })
}

/// Human-readable seconds for tables.
pub fn fmt_s(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{s:.2} s")
    }
}

/// Sums the time of each file's adding to the store (the step `ingest_returns` runs on the calling
/// thread, in input order).
#[derive(Default)]
struct Adding {
    seconds: f64,
}

impl Progress for Adding {
    fn step(&mut self, _path: &str, work: &mut dyn FnMut()) {
        let t = Instant::now();
        work();
        self.seconds += t.elapsed().as_secs_f64();
    }
}
