//! `planeval run --config job.toml`: the scheduled job — ingest what is new in the inbox, re-score, rewrite
//! the configured stages' outputs, append to the run log.
//!
//! "New" is by content (SHA-256), so renaming or touching a file changes nothing, and inbox files are
//! never moved or edited. A run with nothing new leaves store and outputs as they are and says so.
//! Exit codes: 0 ok, 1 data problems in the new files, 2 could not run, 3 another run holds the lock.

use super::progress::Bar;
use super::render::{diagnostic_text, input_notes_text, shown_text};
use super::tell::Teller;
use super::Globals;
use super::Status;
use planeval::job::{Job, RunLogEntry};
use planeval::pipeline::scheduled::{self, JobEvent};
use planeval::Error;
use serde::Serialize;
use std::path::PathBuf;

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
    let mut teller = Teller {
        print: args.verbose > 0 && !args.json,
        verbose: args.verbose > 1,
    };
    let (json, quiet) = (args.json, args.quiet);
    let mut tell = |e: JobEvent<'_>| {
        match e {
        JobEvent::Ingest(e) => teller.tell(e),
        JobEvent::NoBaseline if !json => eprintln!(
            "planeval: 警告：监测数据库中没有基期数据，没有基期值的指标无法判断进展；请在 job.toml 的 baseline 中写上基期及历年数据表（planeval template --baseline 生成）"
        ),
        JobEvent::NoBaseline => {}
        JobEvent::Reviews { lines, problems } => {
            if !json && !quiet {
                for line in lines {
                    println!("{}", shown_text(line));
                }
            }
            if !json {
                for d in problems {
                    eprintln!("{}", diagnostic_text(d));
                }
            }
        }
    }
    };
    let mut bar = Bar::new("入库", quiet || json);
    let done = scheduled::run(g.plan, g.areas, &args.config, &mut tell, &mut bar)?;
    let (job, entry) = (&done.job, &done.entry);
    if let Some(e) = &done.log_error {
        eprintln!("planeval: 警告：无法写入运行日志：{e}");
    }
    if let Some(e) = &done.error {
        eprintln!("planeval: 错误：{e}");
    }
    if json {
        let report = RunReport {
            log: entry,
            store: job.log_path(&job.store),
            outputs_dir: job.log_path(&job.out),
        };
        // One line per run (JSON Lines), so `>> logs/cron.json` stays a file a program reads line by line.
        println!(
            "{}",
            serde_json::to_string(&report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
    } else if done.error.is_none() && !quiet {
        print!("{}", input_notes_text(&entry.inputs, args.verbose > 1));
        print_summary(entry, job);
    }
    Ok(done.status)
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
