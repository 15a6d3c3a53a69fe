//! `planeval run --config job.toml`: the scheduled job — ingest what is new in the inbox, re-score, rewrite
//! the configured stages' outputs, append to the run log.
//!
//! "New" is by content (SHA-256), so renaming or touching a file changes nothing, and inbox files are
//! never moved or edited. A run with nothing new leaves store and outputs as they are and says so.
//! Exit codes: 0 ok, 1 data problems in the new files, 2 could not run, 3 another run holds the lock.

use super::progress::Bar;
use super::render::{diagnostic_text, error_line, input_notes_text, lang, shown, shown_text};
use super::tell::Teller;
use super::Globals;
use super::Status;
use planeval::i18n::{commands::CommandText, run::RunText};
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

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval init women-plan
      a job folder and a commented job.toml
  planeval run --config women-plan/job.toml
      store the inbox's new files, evaluate again, update the outputs
  planeval run --config job.toml --json --quiet
      for scheduled runs: a JSON summary only

A cron entry: every day at 7:30; cron mails when the exit code is not 0
  30 7 * * *  cd /srv/monitoring && planeval run --config job.toml --quiet --json >> logs/cron.json

Exit codes: 0 ok · 1 data errors in new files (the other values are stored) · 2 cannot run (job
  file, plan file …) · 3 another run is writing the store";

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
    let mut tell = |e: JobEvent<'_>| match e {
        JobEvent::Ingest(e) => teller.tell(e),
        JobEvent::NoBaseline if !json => eprintln!("{}", RunText::NoBaseline.text(lang())),
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
    };
    let mut bar = Bar::new(RunText::BarIngest.text(lang()), quiet || json);
    let done = scheduled::run(g.plan, g.areas, &args.config, &mut tell, &mut bar)?;
    let (job, entry) = (&done.job, &done.entry);
    if let Some(e) = &done.log_error {
        eprintln!(
            "{}",
            RunText::LogUnwritable.say(lang(), &[("error", &e.to_string())])
        );
    }
    if let Some(e) = &done.error {
        eprintln!("{}", error_line(e));
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
    let l = lang();
    let count = |n: usize| n.to_string();
    if !entry.files_other_year.is_empty() {
        let files = entry
            .files_other_year
            .join(CommandText::ListSeparator.text(l));
        println!(
            "{}",
            RunText::OtherYearFiles.say(
                l,
                &[
                    ("n", &count(entry.files_other_year.len())),
                    ("year", &entry.year.to_string()),
                    ("files", &shown(&files)),
                ]
            )
        );
    }
    if entry.outcome == "nothing_new" {
        if entry.files_unchanged == 0 && entry.files_other_year.is_empty() {
            let store = job.store.display().to_string();
            println!("{}", RunText::InboxEmpty.say(l, &[("store", &store)]));
        } else {
            let n = count(entry.files_unchanged);
            println!("{}", RunText::NothingNew.say(l, &[("n", &n)]));
        }
        return;
    }
    println!(
        "{}",
        RunText::Ingested.say(
            l,
            &[
                ("files", &count(entry.files_new.len())),
                ("unchanged", &count(entry.files_unchanged)),
                ("added", &count(entry.values_added)),
                ("superseded", &count(entry.values_superseded)),
                ("errors", &count(entry.errors)),
                ("warnings", &count(entry.warnings)),
            ]
        )
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
        let feedback = names.iter().filter(|n| is_feedback(n)).count();
        let templates = names.iter().filter(|n| is_template(n)).count();
        let main: Vec<&str> = names
            .iter()
            .filter(|n| !is_feedback(n) && !is_template(n))
            .map(String::as_str)
            .collect();
        if main.is_empty() {
            println!(
                "{}",
                RunText::OutputTemplates.say(l, &[("dir", dir), ("n", &count(templates))])
            );
        } else {
            let files = main.join(CommandText::ListSeparator.text(l));
            println!(
                "{}",
                RunText::OutputFiles.say(
                    l,
                    &[("dir", dir), ("files", &files), ("n", &count(feedback))]
                )
            );
        }
    }
    if entry.errors > 0 {
        // The files are in the store now, so `run -v` would not show them again: point at what does.
        let inbox: Vec<String> = job.inbox.iter().map(|p| p.display().to_string()).collect();
        println!(
            "{}",
            RunText::ErrorsLeft.say(
                l,
                &[("inbox", &inbox.join(" ")), ("year", &job.year.to_string())]
            )
        );
    }
    println!(
        "{}",
        RunText::StoreAndLog.say(
            l,
            &[
                ("store", &job.store.display().to_string()),
                ("log", &job.log.display().to_string()),
            ]
        )
    );
}

/// A unit's feedback workbook, whichever language named it.
pub fn is_feedback(name: &str) -> bool {
    planeval::report::unit_feedback::is_file_name(name)
}

fn is_template(name: &str) -> bool {
    planeval::template::writer::is_file_name(name)
}
