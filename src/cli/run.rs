//! `planeval run --config job.toml`: the scheduled job — ingest what is new in the inbox, re-score, rewrite
//! the configured stages' outputs, append to the run log.
//!
//! "New" is by content (SHA-256), so renaming or touching a file changes nothing, and inbox files are
//! never moved or edited. A run with nothing new leaves store and outputs as they are and says so.
//! Exit codes: 0 ok, 1 data problems in the new files, 2 could not run, 3 another run holds the lock.

use super::ingest::{
    count_notes, count_packages, ingest_baseline, ingest_package, ingest_returns,
    read_checked_package, summarize, test_pause, Printing,
};
use super::Globals;
use super::Status;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use planeval::inputs::{self, collect_inputs, InputFiles};
use planeval::intake::IntakeOptions;
use planeval::job::{append_log, Job, RunLogEntry};
use planeval::score::Stage;
use planeval::store::{self, Store, Writer};
use planeval::template::previous::previous_values;
use planeval::template::set::{write_set, TemplateSet};
use planeval::template::writer::units_with_work;
use planeval::{Catalog, Error};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval init 妇女规划监测                       生成作业文件夹和带注释的 job.toml
  planeval run --config 妇女规划监测/job.toml       入库收件箱中的新文件，重新评估，更新输出
  planeval run --config job.toml --json --quiet    供定时任务使用：只输出 JSON 摘要

定时任务（cron）示例：每天 7:30 运行，退出码非 0 时由 cron 发邮件
  30 7 * * *  cd /srv/监测 && planeval run --config job.toml --quiet --json >> logs/cron.json

退出码 / Exit codes: 0 正常 · 1 新文件中有数据错误（其余数值已入库）· 2 无法运行（配置、计划文件等）· 3 另一个运行正在写入监测数据库";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 作业配置文件（由 planeval init 生成）[the job file]
    #[arg(long, value_name = "FILE")]
    config: PathBuf,

    /// 以 JSON 输出运行摘要 [print a JSON summary]
    #[arg(long)]
    json: bool,

    /// 不显示进度条和逐个文件的结果 [no progress bar, no per-file output]
    #[arg(short, long)]
    quiet: bool,

    /// 逐个列出文件的问题（-vv 同时列出提示信息）[per-file problems; -vv adds info notes]
    #[arg(short, long, action = clap::ArgAction::Count)]
    verbose: u8,
}

#[derive(Serialize)]
struct RunReport<'a> {
    #[serde(flatten)]
    log: &'a RunLogEntry,
    store: String,
    outputs_dir: String,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let (plan_flag, areas_flag) = (g.plan, g.areas);
    let started = Instant::now();
    let started_at = store::now();
    let job = Job::load(&args.config)?;
    let mut entry = RunLogEntry {
        started_at: started_at.clone(),
        job_dir: job.dir().display().to_string(),
        config: job.log_path(&job.config),
        year: job.year,
        stages: job.stages.iter().map(|s| s.key().to_string()).collect(),
        ..Default::default()
    };
    let result = run_job(plan_flag, areas_flag, &job, &args, &mut entry);
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
    if let Err(e) = append_log(&job.log, &entry) {
        eprintln!("planeval: 警告：无法写入运行日志：{e}");
    }
    if let Err(e) = &result {
        eprintln!("planeval: 错误：{e}");
    }
    if args.json {
        let report = RunReport {
            log: &entry,
            store: job.log_path(&job.store),
            outputs_dir: job.log_path(&job.out),
        };
        // One line per run (JSON Lines), so `>> logs/cron.json` stays a file a program reads line by line.
        println!(
            "{}",
            serde_json::to_string(&report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
    } else if result.is_ok() && !args.quiet {
        print!(
            "{}",
            super::render::input_notes_text(&entry.inputs, args.verbose > 1)
        );
        print_summary(&entry, &job);
    }
    Ok(status)
}

fn print_summary(entry: &RunLogEntry, job: &Job) {
    if !entry.files_other_year.is_empty() {
        println!(
            "收件箱中有 {} 个文件属于其他年度（本作业为 {} 年度），未入库：{}；要按其自身年度入库，在 job.toml 中写 other_years = \"ingest\"。",
            entry.files_other_year.len(),
            entry.year,
            super::render::shown(&entry.files_other_year.join("、"))
        );
    }
    if entry.outcome == "nothing_new" {
        if entry.files_unchanged == 0 && entry.files_other_year.is_empty() {
            println!(
                "收件箱中还没有报表，监测数据库已就绪：{}。报表放入收件箱后再次运行即可入库和评估。",
                job.store.display()
            );
        } else {
            println!(
                "收件箱中没有新文件（{} 个文件已入库），监测数据库和评估结果保持不变。",
                entry.files_unchanged
            );
        }
        return;
    }
    println!(
        "入库新文件 {} 个（已入库过的 {} 个未变）；新增 {} 个数值，更正 {} 个；错误 {} 个，警告 {} 个。",
        entry.files_new.len(),
        entry.files_unchanged,
        entry.values_added,
        entry.values_superseded,
        entry.errors,
        entry.warnings
    );
    // One line per stage folder: the workbook people open first, and how many files beside it.
    let mut dirs: Vec<(String, Vec<String>)> = Vec::new();
    for o in &entry.outputs {
        // The log's paths are relative to the job folder; the terminal names real folders.
        let p = job.dir().join(o);
        let dir = p
            .parent()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match dirs.iter_mut().find(|(d, _)| *d == dir) {
            Some((_, names)) => names.push(name),
            None => dirs.push((dir, vec![name])),
        }
    }
    for (dir, names) in &dirs {
        let feedback = names.iter().filter(|n| n.starts_with("反馈-")).count();
        let templates = names.iter().filter(|n| n.starts_with("填报-")).count();
        let main: Vec<&str> = names
            .iter()
            .filter(|n| !n.starts_with("反馈-") && !n.starts_with("填报-"))
            .map(String::as_str)
            .collect();
        if main.is_empty() {
            println!("输出：{dir}/  {templates} 份填报模板（已填基期值和上年值）");
        } else {
            println!(
                "输出：{dir}/  {}，另有 {feedback} 份单位反馈",
                main.join("、")
            );
        }
    }
    if entry.errors > 0 {
        // The files are in the store now, so `run -v` would not show them again: point at what does.
        let inbox: Vec<String> = job.inbox.iter().map(|p| p.display().to_string()).collect();
        println!(
            "有数据错误的文件已把其余数值入库。逐个文件的问题：planeval check {} --year {}（加 --out 反馈/ 为每个文件生成反馈工作簿）；未更正的错误列在评估工作簿的“数据质量”表。",
            inbox.join(" "),
            job.year
        );
    }
    println!(
        "监测数据库：{}；运行日志：{}",
        job.store.display(),
        job.log.display()
    );
}

fn progress(n: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb
}

fn run_job(
    plan_flag: Option<&Path>,
    areas_flag: Option<&Path>,
    job: &Job,
    args: &Args,
    entry: &mut RunLogEntry,
) -> Result<Status, Error> {
    let plan = plan_flag
        .map(Path::to_path_buf)
        .or_else(|| job.plan.clone());
    let cat = Catalog::load(plan.as_deref())?;
    let areas_file = areas_flag
        .map(Path::to_path_buf)
        .or_else(|| job.areas.clone());
    let areas = planeval::areas::Areas::load(areas_file.as_deref())?;
    cat.check_reporting_year(job.year)
        .map_err(|e| Error::JobConfig {
            path: job.config.clone(),
            message: format!("year = {}：{e}", job.year),
        })?;
    for dir in &job.inbox {
        if !dir.is_dir() {
            return Err(Error::JobConfig {
                path: job.config.clone(),
                message: format!(
                    "收件箱 {} 不存在；请创建该文件夹或修改 inbox",
                    dir.display()
                ),
            });
        }
    }
    let InputFiles {
        mut files,
        mut notes,
        packages: package_paths,
    } = collect_inputs(&job.inbox)?;
    inputs::order_for_ingest(&mut files);
    // A package is taken whole or not at all; one that is refused is a finding, and the job goes on.
    let mut packages = Vec::new();
    for (path, display) in &package_paths {
        match read_checked_package(path, display, &cat, &areas) {
            Ok(p) => packages.push(p),
            Err(e) => notes.push(planeval::Diagnostic::new(
                planeval::Code::PackageRefused,
                planeval::Location::File {
                    file: display.clone(),
                },
                None,
                e.to_string(),
                "请让报送单位用 planeval export 重新导出报送包；该包已跳过，其余文件照常入库",
            )),
        }
    }
    entry.errors = notes.iter().filter(|d| d.is_error()).count();
    entry.warnings = notes
        .iter()
        .filter(|d| d.severity == planeval::Severity::Warning)
        .count();
    entry.inputs = notes.clone();

    // What is new, by content: nothing new and every output present means nothing to do.
    let known: Option<Store> = Store::open(&job.store).ok();
    let limits = planeval::intake::sniff::Limits::default();
    let is_known = |p: &Path| {
        known.as_ref().is_some_and(|s| {
            inputs::hash_input(p, &limits)
                .map(|sha| s.manifest().file_by_sha(&sha).is_some())
                .unwrap_or(false)
        })
    };
    let new_files: Vec<(PathBuf, String)> = files
        .iter()
        .filter(|(p, _)| !is_known(p))
        .cloned()
        .collect();
    let new_baselines: Vec<PathBuf> = job
        .baseline
        .iter()
        .filter(|p| !is_known(p))
        .cloned()
        .collect();
    let new_packages: Vec<&(String, store::package::Package)> = packages
        .iter()
        .filter(|(display, p)| {
            let files = known
                .as_ref()
                .map(|s| s.manifest().files.as_slice())
                .unwrap_or(&[]);
            let name = store::file_name_of(display);
            matches!(
                store::package::intake(p, &name, files.iter()),
                store::package::Intake::Add(_)
            )
        })
        .collect();
    entry.files_unchanged = files.len() - new_files.len() + packages.len() - new_packages.len();
    let revision = known.as_ref().map(|s| s.manifest().next_revision);
    let outputs_current = job.stages.iter().all(|s| {
        stage_dir(job, &cat, *s)
            .is_some_and(|d| revision.is_some_and(|r| stamp_is_current(&d, *s, job, &cat, r)))
    });
    // Templates are rewritten with the outputs; a deleted template folder is written again.
    let outputs_current = outputs_current
        && (!job.templates || job.out.join(format!("填报模板-{}", job.year)).is_dir());
    if new_files.is_empty()
        && new_baselines.is_empty()
        && new_packages.is_empty()
        && outputs_current
    {
        return Ok(if entry.errors > 0 {
            Status::Findings
        } else {
            Status::Ok
        });
    }
    drop(known);

    let command: Vec<String> = std::env::args().collect();
    let mut writer = Writer::open(&job.store, &command.join(" "))?;
    if let Some(dead) = writer.took_over() {
        eprintln!(
            "planeval: 警告：接管了已不存在的进程 {} 留下的锁（自 {} 起）",
            dead.pid, dead.started_at
        );
    }
    let opts = IntakeOptions {
        year: Some(job.year),
        other_years: job.other_years,
        ..Default::default()
    };
    let printing = Printing {
        print: args.verbose > 0 && !args.json,
        verbose: args.verbose > 1,
    };
    let pb = progress(
        new_files.len() + new_baselines.len(),
        args.quiet || args.json,
    );
    pb.set_prefix("入库");
    // Read in parallel, added in order: the same store as one file after another.
    let mut outcomes = ingest_returns(
        &mut writer,
        &new_files,
        &cat,
        &opts,
        printing,
        &mut |display, add| {
            pb.set_message(super::render::shown(display).into_owned());
            pb.suspend(add);
            pb.inc(1);
        },
    );
    // A file repeated in the inbox is added once; the bar counts it all the same.
    pb.set_position(new_files.len() as u64);
    for path in &new_baselines {
        let display = path.display().to_string();
        pb.set_message(super::render::shown(&display).into_owned());
        outcomes.push(pb.suspend(|| ingest_baseline(&mut writer, path, &display, &cat, printing)));
        pb.inc(1);
    }
    pb.finish_and_clear();
    let package_outcomes: Vec<_> = new_packages
        .iter()
        .map(|(display, p)| ingest_package(&mut writer, display, p, printing))
        .collect();
    let committed = writer.commit(&mut test_pause)?;
    let mut summary = summarize(&outcomes, &committed.revisions);
    count_packages(&mut summary, &package_outcomes);
    count_notes(&mut summary, &notes);
    let paths_of = |status: &str| -> Vec<String> {
        outcomes
            .iter()
            .filter(|o| o.status == status)
            .map(|o| job.log_path(Path::new(&o.path)))
            .collect()
    };
    entry.files_new = paths_of("ingested");
    entry.files_new.extend(
        package_outcomes
            .iter()
            .filter(|o| o.status == "ingested")
            .map(|o| job.log_path(Path::new(&o.path))),
    );
    entry.files_other_year = paths_of("other_year");
    entry.values_added = summary.values_added;
    entry.values_superseded = summary.values_superseded;
    entry.errors = summary.errors;
    entry.warnings = summary.warnings;
    // Nothing stored (only other years' files, or an empty first inbox): outputs that are current, or a
    // store that holds nothing to evaluate yet, stay as they are.
    let store_now = Store::open(&job.store)?;
    if committed.revisions.is_empty() && (outputs_current || store_now.manifest().files.is_empty())
    {
        return Ok(if entry.errors > 0 {
            Status::Findings
        } else {
            Status::Ok
        });
    }
    entry.no_baseline = !store_now
        .manifest()
        .files
        .iter()
        .any(|f| f.kind == store::FileKind::Baseline);
    if entry.no_baseline && !args.json {
        eprintln!(
            "planeval: 警告：监测数据库中没有基期数据，没有基期值的指标无法判断进展；请在 job.toml 的 baseline 中写上基期及历年数据表（planeval template --baseline 生成）"
        );
    }

    // Review conclusions that could not be used (E001) are data problems, as in `evaluate`.
    let mut review_errors = 0;
    for stage in &job.stages {
        let Some(dir) = stage_dir(job, &cat, *stage) else {
            continue;
        };
        let year = stage_year(job, &cat, *stage);
        // A run killed while writing leaves hidden temp files beside the outputs, never a half workbook.
        planeval::fsutil::remove_stale_temp_files(&dir, store::lock::pid_alive);
        let written = super::evaluate::write_stage_outputs(
            &cat,
            &areas,
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
        if !args.json && !args.quiet {
            for line in written
                .review_lines
                .iter()
                .filter(|_| written.reviews_changed > 0)
            {
                println!("{}", super::render::shown_text(line));
            }
        }
        if !args.json {
            for d in &written.review_problems {
                eprintln!("{}", super::render::diagnostic_text(d));
            }
        }
        review_errors += written
            .review_problems
            .iter()
            .filter(|d| d.is_error())
            .count();
        write_stamp(&dir, *stage, job, &cat, committed_revision(&job.store))?;
    }
    if job.templates {
        let dir = job.out.join(format!("填报模板-{}", job.year));
        planeval::fsutil::remove_stale_temp_files(&dir, store::lock::pid_alive);
        let org = job.org.clone().unwrap_or_else(|| cat.plan.region.clone());
        let previous = previous_values(&cat, &store_now.current_panel_of(&org)?, &org, job.year);
        let set = TemplateSet {
            year: job.year,
            org: &org,
            units: units_with_work(&cat),
            deadline: None,
            previous: &previous,
        };
        let written = write_set(&cat, &set, &dir)?;
        entry
            .outputs
            .extend(written.iter().map(|t| job.log_path(&t.path)));
    }
    entry.errors += review_errors;
    Ok(if summary.errors + review_errors > 0 {
        Status::Findings
    } else {
        Status::Ok
    })
}

/// The year a stage is evaluated as of: the plan's mid-term or final year, the job's year for annual.
fn stage_year(job: &Job, cat: &Catalog, stage: Stage) -> i32 {
    stage.default_year(&cat.plan).unwrap_or(job.year)
}

/// Where a stage's outputs go: `outputs/中期评估-2023/`.
fn stage_dir(job: &Job, cat: &Catalog, stage: Stage) -> Option<PathBuf> {
    let year = stage_year(job, cat, stage);
    Some(job.out.join(format!("{}-{year}", stage.label_zh())))
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
    planeval::fsutil::write_atomic(&dir.join(STAMP), &bytes)
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
