//! `demo`: the whole cycle on the bundled demo data — five years of returns from every unit (with the
//! mistakes departments make) and the 2020 baseline go into a fresh store, then the annual, mid-term and
//! final evaluations are written.
//!
//! Baseline first, then each year's returns in name order with corrections (更正) last, so they
//! supersede; the annual monitoring is of the last year before the final one. A folder is replaced only
//! when an earlier demo made it.

use super::evaluate::write_stage_outputs;
use super::ingest::{ingest_baseline, ingest_return, summarize, test_pause};
use super::{command_line, Progress};
use crate::i18n::Lang;
use crate::inputs::{self, collect_inputs};
use crate::intake::IntakeOptions;
use crate::score::Stage;
use crate::store::Writer;
use crate::{Catalog, Error};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Marks a folder as made by `demo`, so a rerun may replace it and nothing else is ever deleted.
const MARKER: &str = ".planeval-demo";

#[derive(Serialize)]
pub struct DemoRun {
    /// The demo data read.
    #[serde(skip)]
    pub data: PathBuf,
    pub store: String,
    pub years: Vec<YearIngest>,
    pub outputs: Vec<StageOutput>,
}

#[derive(Serialize)]
pub struct YearIngest {
    pub year: Option<i32>,
    pub files: usize,
    pub values_added: usize,
    pub values_superseded: usize,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Serialize)]
pub struct StageOutput {
    pub stage: &'static str,
    pub year: i32,
    pub dir: String,
    pub files: Vec<String>,
}

/// The demo data folder: `data`, or the source tree's `fixtures/demo`.
pub fn data_dir(data: Option<&Path>) -> Result<PathBuf, Error> {
    let candidates = match data {
        Some(d) => vec![d.to_path_buf()],
        None => vec![
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/demo")),
            PathBuf::from("fixtures/demo"),
        ],
    };
    candidates
        .iter()
        .find(|d| d.join("returns").is_dir())
        .cloned()
        .ok_or_else(|| Error::DemoDataMissing {
            path: candidates[0].clone(),
        })
}
/// Empties a previous demo folder; refuses a non-empty folder that is not one.
fn prepare_out(out: &Path) -> Result<(), Error> {
    if out.exists() {
        let empty = std::fs::read_dir(out)
            .map_err(|e| Error::io(out, e))?
            .next()
            .is_none();
        if !empty && !out.join(MARKER).exists() {
            return Err(Error::DemoOutNotEmpty {
                path: out.to_path_buf(),
            });
        }
        for sub in ["store", "outputs"] {
            let d = out.join(sub);
            if d.exists() {
                std::fs::remove_dir_all(&d).map_err(|e| Error::io(&d, e))?;
            }
        }
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    std::fs::write(out.join(MARKER), "planeval demo\n").map_err(|e| Error::io(out, e))
}

/// Runs the demo on `data` into `out` (emptied first when an earlier demo made it); the evaluation
/// outputs and their folders are written in `lang`.
pub fn demo(
    cat: &Catalog,
    data: &Path,
    out: &Path,
    lang: Lang,
    progress: &mut dyn Progress,
) -> Result<DemoRun, Error> {
    prepare_out(out)?;
    let store_dir = out.join("store");
    // Baseline first, then each year's returns, corrections (更正) last so they supersede.
    let mut years = Vec::new();
    let mut year_dirs: Vec<(i32, PathBuf)> = std::fs::read_dir(data.join("returns"))
        .map_err(|e| Error::io(&data, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let y = e.file_name().to_string_lossy().parse::<i32>().ok()?;
            Some((y, e.path()))
        })
        .collect();
    year_dirs.sort();
    let total_files: usize = year_dirs
        .iter()
        .map(|(_, d)| {
            collect_inputs(std::slice::from_ref(d))
                .map(|i| i.files.len())
                .unwrap_or(0)
        })
        .sum();
    let baselines: Vec<PathBuf> = ["baseline.csv", "external-targets.csv"]
        .iter()
        .map(|name| data.join(name))
        .filter(|p| p.is_file())
        .collect();
    progress.start(total_files + baselines.len());
    let command = command_line();
    {
        let mut writer = Writer::open(&store_dir, &command)?;
        let mut outcomes = Vec::new();
        for p in &baselines {
            let display = p.display().to_string();
            progress.step(&display, &mut || {
                outcomes.push(ingest_baseline(&mut writer, p, &display, cat, &mut |_| {}));
            });
        }
        let committed = writer.commit(&mut test_pause)?;
        let s = summarize(&outcomes, &committed.revisions);
        years.push(YearIngest {
            year: None,
            files: s.files,
            values_added: s.values_added,
            values_superseded: s.values_superseded,
            errors: s.errors,
            warnings: s.warnings,
        });
    }
    for (year, dir) in &year_dirs {
        let mut files = collect_inputs(std::slice::from_ref(dir))?.files;
        // Bundled data: modification times mean nothing, names decide (corrections last).
        files.sort_by_key(|(p, _)| (inputs::is_correction(p), p.clone()));
        let mut writer = Writer::open(&store_dir, &command)?;
        let opts = IntakeOptions {
            year: Some(*year),
            ..Default::default()
        };
        let mut outcomes = Vec::new();
        for (path, display) in &files {
            progress.step(display, &mut || {
                outcomes.push(ingest_return(
                    &mut writer,
                    path,
                    display,
                    cat,
                    &opts,
                    &mut |_| {},
                ));
            });
        }
        let committed = writer.commit(&mut test_pause)?;
        let s = summarize(&outcomes, &committed.revisions);
        years.push(YearIngest {
            year: Some(*year),
            files: s.files,
            values_added: s.values_added,
            values_superseded: s.values_superseded,
            errors: s.errors,
            warnings: s.warnings,
        });
    }
    progress.finish();

    let last = year_dirs
        .last()
        .map(|(y, _)| *y)
        .unwrap_or(cat.plan.final_year);
    let stages = [
        (
            Stage::Annual,
            last.min(cat.plan.final_year - 1).max(cat.plan.period_start),
        ),
        (Stage::Midterm, cat.plan.midterm_year),
        (Stage::Final, cat.plan.final_year),
    ];
    let mut outputs = Vec::new();
    for (stage, year) in stages {
        let dir = out.join("outputs").join(format!(
            "{}-{year}",
            lang.pick(stage.label_zh(), stage.key())
        ));
        let files = write_stage_outputs(
            cat,
            &crate::areas::Areas::builtin(),
            &store_dir,
            stage,
            year,
            &dir,
            lang.key(),
            None,
        )?;
        outputs.push(StageOutput {
            stage: stage.key(),
            year,
            dir: dir.display().to_string(),
            files: files
                .paths
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        });
    }

    Ok(DemoRun {
        data: data.to_path_buf(),
        store: store_dir.display().to_string(),
        years,
        outputs,
    })
}
