//! `planeval check`: read returned workbooks, report every problem by file!sheet!cell, and optionally
//! write one annotated feedback workbook per input.

use super::render::{diagnostic_summary, diagnostic_text, input_notes_text, lang, shown};
use super::Globals;
use super::Status;
use planeval::i18n::{check::CheckText, fill, Lang};
use planeval::intake::FileReport;
use planeval::pipeline::check::{check, CheckConfig};
use planeval::{Catalog, Error, Severity};
use std::path::PathBuf;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval check returns/                         检查文件夹中所有报回的工作簿
  planeval check returns/卫健体局.xlsx --year 2023  检查一个文件，并核对填报年度
  planeval check returns/ --out feedback/          同时为每个文件生成反馈工作簿（标出有问题的单元格）
  planeval check returns/ --out feedback/ --only-problems
                                                  只为有错误或警告的文件生成反馈工作簿
  planeval check returns/ --json > check.json      以 JSON 输出，供其他程序使用

退出码 / Exit codes: 0 没有错误（可能有警告）· 1 数据有错误 · 2 无法运行";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval check returns/
      check every returned workbook in a folder
  planeval check returns/卫健体局.xlsx --year 2023
      check one file and the reporting year it states
  planeval check returns/ --out feedback/
      also write a feedback workbook for each file (problem cells marked)
  planeval check returns/ --out feedback/ --only-problems
      feedback workbooks only for files with errors or warnings
  planeval check returns/ --json > check.json
      print JSON for other programs

Exit codes: 0 no errors (there may be warnings) · 1 data errors found · 2 cannot run";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 要检查的文件或文件夹（文件夹中的 xlsx/xlsm/xls/xlsb/ods 都会检查）
    /// [files or folders to check]
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// 本次处理的填报年度；文件中的年度不同时报错 [the reporting year]
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,

    /// 为每个输入文件生成反馈工作簿，写入该文件夹 [write feedback workbooks here]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// 只为有错误或警告的文件生成反馈工作簿；没有问题的文件不生成，该文件夹中它们以前的反馈会被删除
    /// [with --out: feedback only for files with errors or warnings; older feedback of clean files is removed]
    #[arg(long, requires = "out")]
    only_problems: bool,

    /// 同时列出提示级别的信息 [also list info-level notes]
    #[arg(short, long)]
    verbose: bool,
}

impl Args {
    fn config(self, lang: Lang) -> CheckConfig {
        CheckConfig {
            inputs: self.inputs,
            year: self.year,
            out: self.out,
            only_problems: self.only_problems,
            lang,
        }
    }
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let cat = Catalog::load(g.plan)?;
    let (json, verbose) = (args.json, args.verbose);
    let checked = check(&cat, &args.config(g.lang))?;
    if json {
        let out = serde_json::to_string_pretty(&checked)
            .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
        println!("{out}");
        return Ok(checked.status());
    }
    for r in &checked.files {
        print_file(r, verbose);
    }
    print!("{}", input_notes_text(&checked.inputs, verbose));
    let summary = &checked.summary;
    let lang = g.lang;
    println!(
        "{}",
        fill(
            CheckText::Summary.text(lang),
            &[
                ("files", &summary.files.to_string()),
                ("accepted", &summary.accepted.to_string()),
                ("assessments", &summary.assessments.to_string()),
                ("problems", &diagnostic_summary(&checked.all_diagnostics())),
            ]
        )
    );
    for f in &summary.feedback {
        println!(
            "{}",
            fill(
                CheckText::FeedbackWritten.text(lang),
                &[("file", &shown(f))]
            )
        );
    }
    if summary.feedback_not_needed > 0 {
        println!(
            "{}",
            fill(
                CheckText::FeedbackNotNeeded.text(lang),
                &[("n", &summary.feedback_not_needed.to_string())]
            )
        );
    }
    Ok(checked.status())
}

/// One file's line and its problems (notes only with `verbose`).
pub(super) fn print_file(r: &FileReport, verbose: bool) {
    let mut facts = Vec::new();
    if let Some(f) = r.format {
        facts.push(f.name().to_string());
    }
    if let Some(u) = &r.unit {
        facts.push(shown(u).into_owned());
    }
    if let Some(y) = r.year {
        facts.push(fill(
            CheckText::Year.text(lang()),
            &[("year", &y.to_string())],
        ));
    }
    println!(
        "{}",
        fill(
            CheckText::FileLine.text(lang()),
            &[
                ("file", &shown(&r.path)),
                // A file nothing could be learnt of (unreadable) has no bracket at all.
                (
                    "facts",
                    &if facts.is_empty() {
                        String::new()
                    } else {
                        format!("  [{}]", facts.join(" · "))
                    }
                ),
                ("accepted", &r.accepted.len().to_string()),
                ("errors", &r.errors().to_string()),
                ("warnings", &r.warnings().to_string()),
            ]
        )
    );
    for d in &r.diagnostics {
        if d.severity == Severity::Info && !verbose {
            continue;
        }
        println!("{}\n", diagnostic_text(d));
    }
}
