//! Benchmarks of the whole pipeline against the calamine parse floor (`planeval bench`), and the
//! synthetic returns they run on (`generate`, `planeval bench-data`).
//!
//! One run times, on the same files and with the same thread count:
//!
//! 0. **floor**: every file only opened and parsed by calamine (`open_workbook_auto_from_rs`, then
//!    `worksheet_range` of every sheet), in parallel over files, and optionally on one thread;
//! 1. **intake**: read, sniff, stream the cells (calamine), locate the tables, read every value;
//! 2. **validation**: `validate::check_row` over every indicator row;
//! 3. **store**: SHA-256, `Batch::from_intake`, `Writer::add` and the Parquet commit into a fresh store;
//! 4. **scoring**: read the current panel back and `score::evaluate` every organisation;
//! 5. **writing**: one feedback workbook per file, and one evaluation workbook per organisation.
//!
//! Stages 1–3 and the feedback workbooks run in one parallel pass over the files (as `ingest` and
//! `check --out` do: each file is read, checked, turned into its feedback workbook and its store batch
//! on a worker thread, and dropped). Its wall-clock time is apportioned to the stages by the time each
//! took summed over threads; the sequential parts (`Writer::add`, the commit) are timed directly.
//! Peak memory is the process's high-water mark (VmHWM, Linux only).

pub mod generate;

use crate::catalog::Catalog;
use crate::error::Error;
use crate::intake::{self, timing, IntakeOptions};
use crate::report;
use crate::score::{self, ScoreConfig, Stage};
use crate::store::{self, Batch, Store, Writer};
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
}

/// One stage's time.
#[derive(Debug, Clone, Serialize)]
pub struct StageTime {
    pub stage: String,
    pub seconds: f64,
    /// `seconds` ÷ the parallel parse floor.
    pub ratio_to_floor: f64,
    pub workbooks_per_s: f64,
    pub cells_per_s: f64,
    pub note: String,
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
    pub floor_serial_s: Option<f64>,
    pub floor_s: f64,
    pub stages: Vec<StageTime>,
    /// All stages.
    pub whole: StageTime,
    /// Intake, validation, store and scoring: the pipeline without the workbooks it writes.
    pub whole_without_writing: StageTime,
    /// Thread-summed nanoseconds of intake's steps, for the profile.
    pub intake_steps_ns: timing::Totals,
    /// Inside the pipeline: calamine's share, wall-clock (apportioned), for comparison with the floor.
    pub pipeline_parse_s: f64,
    pub peak_rss_bytes: Option<u64>,
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
    let Ok(bytes) = std::fs::read(path) else {
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

/// Runs every stage over `files` and measures it.
pub fn run(
    cat: &Catalog,
    files: &[(PathBuf, String)],
    opts: &BenchOptions,
) -> Result<BenchReport, Error> {
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
    std::fs::create_dir_all(&opts.out).map_err(|e| Error::io(&opts.out, e))?;

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

    // 1–3 and the feedback workbooks: one parallel pass.
    timing::reset();
    timing::enable(true);
    let feedback_ns = std::sync::atomic::AtomicU64::new(0);
    let prep_ns = std::sync::atomic::AtomicU64::new(0);
    let add = std::cell::Cell::new(0f64);
    let mut input_cells = 0usize;
    let mut failure: Option<Error> = None;
    let pass = Instant::now();
    let t = Instant::now();
    let mut writer = Writer::open(&opts.store, "planeval bench")?;
    let open_s = t.elapsed().as_secs_f64();
    let iopts = IntakeOptions::default();
    intake::intake_files_with(
        files,
        cat,
        &iopts,
        |i, intake| {
            use std::sync::atomic::Ordering::Relaxed;
            let t = Instant::now();
            let fb = report::feedback::build_feedback(cat, &intake)
                .map_err(|e| Error::Xlsx(e.to_string()))
                .and_then(|b| {
                    let p = opts.out.join(format!("反馈-{i:06}.xlsx"));
                    std::fs::write(&p, b).map_err(|e| Error::io(&p, e))
                });
            feedback_ns.fetch_add(t.elapsed().as_nanos() as u64, Relaxed);
            let t = Instant::now();
            let (path, display) = &files[i];
            let batch = std::fs::read(path)
                .map_err(|e| Error::io(path, e))
                .map(|b| {
                    let sha = store::sha256_hex(&b);
                    Batch::from_intake(&intake, display, &sha, cat)
                });
            prep_ns.fetch_add(t.elapsed().as_nanos() as u64, Relaxed);
            (fb.and(batch), intake.report.cells_nonempty)
        },
        |_, (batch, n)| {
            input_cells += n;
            match batch {
                Ok(b) => {
                    let t = Instant::now();
                    writer.add(b);
                    add.set(add.get() + t.elapsed().as_secs_f64());
                }
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        },
    );
    if let Some(e) = failure {
        return Err(e);
    }
    let t = Instant::now();
    let committed = writer.commit(&mut |_| {})?;
    let commit_s = t.elapsed().as_secs_f64();
    let pass_s = pass.elapsed().as_secs_f64();
    timing::enable(false);
    let steps = timing::totals();
    let add_s = add.get();

    // Apportion the parallel part of the pass by thread-summed time.
    let parallel_s = (pass_s - open_s - add_s - commit_s).max(0.0);
    let intake_all = steps.file_read + steps.sniff + steps.parse + steps.locate_and_read;
    let fb = feedback_ns.into_inner();
    let prep = prep_ns.into_inner();
    let busy = (intake_all + fb + prep).max(1) as f64;
    let share = |ns: u64| parallel_s * ns as f64 / busy;
    let validate_s = share(steps.validate);
    let intake_s = share(intake_all - steps.validate.min(intake_all));
    let feedback_s = share(fb);
    let store_s = share(prep) + open_s + add_s + commit_s;
    let pipeline_parse_s = share(steps.parse);

    // 4. Scoring: the current panel read back, every organisation evaluated.
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
    let assessment_rows = store::panel::current_assessments(&st.assessments()?);
    let quarantine = st.quarantine()?;
    let scored: Vec<_> = orgs
        .par_iter()
        .map(|org| {
            let rows: Vec<_> = current.iter().filter(|r| &r.org == org).cloned().collect();
            let obs = store::observations::observations(cat, &rows);
            let ar: Vec<_> = assessment_rows
                .iter()
                .filter(|r| &r.org == org)
                .cloned()
                .collect();
            let sa = store::observations::assessments(cat, &ar);
            let ev = score::evaluate(
                cat,
                &obs,
                &sa,
                &[],
                opts.stage,
                as_of,
                &ScoreConfig::default(),
            );
            (org, rows, obs, ar, ev)
        })
        .collect();
    let scoring_s = t.elapsed().as_secs_f64();

    // 5b. One evaluation workbook per organisation.
    let t = Instant::now();
    let overrides = store::overrides::Overrides::default();
    let written: Result<Vec<()>, Error> = scored
        .par_iter()
        .map(|(org, rows, obs, ar, ev)| {
            let completeness: Vec<_> = (cat.plan.baseline_year + 1..=as_of)
                .map(|y| store::completeness::completeness(cat, st.manifest(), rows, y))
                .collect();
            let q: Vec<_> = quarantine
                .iter()
                .filter(|q| &q.org == *org)
                .cloned()
                .collect();
            let open = store::outstanding::outstanding(st.manifest(), rows, &q, |y| {
                (cat.plan.baseline_year..=as_of).contains(&y)
            });
            let facts = report::facts::Facts {
                cat,
                ev,
                obs,
                assessments: ar,
                overrides: &overrides,
                completeness: &completeness,
                outstanding: &open,
                run: report::facts::RunInfo {
                    generated_at: store::now(),
                    tool_version: env!("CARGO_PKG_VERSION").to_string(),
                    files: files.len(),
                    values: obs.len(),
                },
                lang: report::messages::Lang::Zh,
            };
            let bytes =
                report::evaluation::build(&facts).map_err(|e| Error::Xlsx(e.to_string()))?;
            let p = opts.out.join(format!("评估-{org}.xlsx"));
            std::fs::write(&p, bytes).map_err(|e| Error::io(&p, e))
        })
        .collect();
    written?;
    let evaluation_s = t.elapsed().as_secs_f64();
    drop(scored);

    let n = files.len() as f64;
    let stage = |name: &str, seconds: f64, note: String| StageTime {
        stage: name.to_string(),
        seconds,
        ratio_to_floor: seconds / floor_s.max(1e-9),
        workbooks_per_s: n / seconds.max(1e-9),
        cells_per_s: cells as f64 / seconds.max(1e-9),
        note,
    };
    let stages = vec![
        stage(
            "intake",
            intake_s,
            format!(
                "read+sniff+parse+locate+values; calamine streaming inside it ≈ {:.2} s",
                pipeline_parse_s
            ),
        ),
        stage("validation", validate_s, "validate::check_row".into()),
        stage(
            "store",
            store_s,
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
            format!("read panel back + evaluate {} orgs", orgs.len()),
        ),
        stage(
            "writing",
            feedback_s + evaluation_s,
            format!(
                "{} feedback workbooks {:.2} s + {} evaluation workbooks {:.2} s",
                files.len(),
                feedback_s,
                orgs.len(),
                evaluation_s
            ),
        ),
    ];
    let total: f64 = stages.iter().map(|s| s.seconds).sum();
    let without = total - feedback_s - evaluation_s;
    Ok(BenchReport {
        files: files.len(),
        bytes,
        cells,
        input_cells,
        values_stored,
        orgs: orgs.len(),
        threads,
        floor_serial_s,
        floor_s,
        whole: stage("whole", total, "all stages".into()),
        whole_without_writing: stage(
            "whole without writing",
            without,
            "intake + validation + store + scoring".into(),
        ),
        stages,
        intake_steps_ns: steps,
        pipeline_parse_s,
        peak_rss_bytes: peak_rss_bytes(),
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
