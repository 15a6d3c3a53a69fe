//! `planeval check`: read returned workbooks, report every problem by file!sheet!cell, and optionally
//! write one annotated feedback workbook per input.

use super::render::{diagnostic_summary, diagnostic_text, input_notes_text, lang, shown};
use super::Globals;
use super::Status;
use planeval::i18n::{check::CheckText, fill};
use planeval::inputs::{collect_inputs, InputFiles};
use planeval::intake::{self, FileReport, IntakeOptions};
use planeval::report::feedback;
use planeval::{fsutil, Catalog, Diagnostic, Error, Location, Severity};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval check returns/                         检查文件夹中所有报回的工作簿
  planeval check returns/卫健体局.xlsx --year 2023  检查一个文件，并核对填报年度
  planeval check returns/ --out feedback/          同时为每个文件生成反馈工作簿（标出有问题的单元格）
  planeval check returns/ --out feedback/ --only-problems
                                                  只为有错误或警告的文件生成反馈工作簿
  planeval check returns/ --json > check.json      以 JSON 输出，供其他程序使用

退出码 / Exit codes: 0 没有错误（可能有警告）· 1 数据有错误 · 2 无法运行";

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

#[derive(Serialize, Default)]
struct Summary {
    files: usize,
    files_with_errors: usize,
    cells_nonempty: usize,
    accepted: usize,
    assessments: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    feedback: Vec<String>,
    /// With `--only-problems`: files without errors or warnings, which got no feedback workbook.
    feedback_not_needed: usize,
}

#[derive(Serialize)]
struct Report<'a> {
    files: &'a [FileReport],
    /// What the folder walk did not read, and why (special files, links, other files), or noted.
    inputs: &'a [Diagnostic],
    summary: &'a Summary,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let plan = g.plan;
    let cat = Catalog::load(plan)?;
    if let Some(year) = args.year {
        cat.check_reporting_year(year)?;
    }
    let InputFiles {
        files, mut notes, ..
    } = collect_inputs(&args.inputs)?;
    let opts = IntakeOptions {
        year: args.year,
        ..Default::default()
    };
    let names = feedback_names(&files);
    let mut reports = Vec::new();
    let mut summary = Summary::default();
    let mut failure = None;
    // In parallel over files; each file's feedback workbook is written on its worker thread and its
    // cell grid dropped there, so memory does not grow with the number of files.
    intake::intake_files_with(
        &files,
        &cat,
        &opts,
        |i, intake| -> Result<(FileReport, Option<String>, bool), Error> {
            let mut written = None;
            if let Some(dir) = &args.out {
                let out = dir.join(&names[i]);
                let clean = intake.report.errors() + intake.report.warnings() == 0;
                if args.only_problems && clean {
                    // The folder shows this run: a feedback left from an earlier, faulty version of
                    // the file would send the department after problems it has fixed.
                    match std::fs::remove_file(&out) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            return Err(Error::io(&out, e))
                        }
                        _ => {}
                    }
                    return Ok((intake.report, None, true));
                }
                let bytes = feedback::build_feedback(&cat, &intake).map_err(Error::Xlsx)?;
                fsutil::write_atomic(&out, &bytes)?;
                written = Some(out.display().to_string());
            }
            Ok((intake.report, written, false))
        },
        |_, done| match done {
            Ok((report, written, not_needed)) => {
                summary.feedback.extend(written);
                summary.feedback_not_needed += usize::from(not_needed);
                reports.push(report);
            }
            Err(e) => {
                failure.get_or_insert(e);
            }
        },
    );
    if let Some(e) = failure {
        return Err(e);
    }
    // Which of several returns of one unit and year counts: said of the set of inputs (beside the
    // folder walk's notes), not charged to any one file or its feedback.
    let by_ref: Vec<&FileReport> = reports.iter().collect();
    notes.extend(
        intake::duplicates::duplicate_returns(&files, &by_ref)
            .into_iter()
            .map(|(_, d)| d),
    );
    for r in &mut reports {
        // Errors first, then warnings; within each, in reading order of the workbook.
        r.diagnostics
            .sort_by_key(|d| (severity_rank(d.severity), reading_order(&d.location)));
    }
    summary.files = reports.len();
    for r in &reports {
        summary.files_with_errors += usize::from(r.errors() > 0);
        summary.cells_nonempty += r.cells_nonempty;
        summary.accepted += r.accepted.len();
        summary.assessments += r.assessments.len();
        summary.errors += r.errors();
        summary.warnings += r.warnings();
        summary.infos += r.diagnostics.len() - r.errors() - r.warnings();
    }
    for d in &notes {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }

    if args.json {
        let out = serde_json::to_string_pretty(&Report {
            files: &reports,
            inputs: &notes,
            summary: &summary,
        })
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
        println!("{out}");
    } else {
        for r in &reports {
            print_file(r, args.verbose);
        }
        print!("{}", input_notes_text(&notes, args.verbose));
        let all: Vec<Diagnostic> = reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().cloned())
            .chain(notes.iter().cloned())
            .collect();
        let lang = g.lang;
        println!(
            "{}",
            fill(
                CheckText::Summary.text(lang),
                &[
                    ("files", &summary.files.to_string()),
                    ("accepted", &summary.accepted.to_string()),
                    ("assessments", &summary.assessments.to_string()),
                    ("problems", &diagnostic_summary(&all)),
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
    }
    Ok(if summary.errors > 0 {
        Status::Findings
    } else {
        Status::Ok
    })
}

/// The feedback workbook's name for each input: `反馈-<path below the inputs' common folder>.xlsx`, the
/// folders joined by `-` (`县001/填报-人社局-2023.xlsx` → `反馈-县001-填报-人社局-2023.xlsx`), so that the
/// same file name in two counties' folders gets two workbooks; the extension is added only where two
/// inputs differ by nothing else (`x.xlsx`, `x.ods`). A name too long for a file system is cut with a
/// hash of the whole (`fsutil::safe_file_name`).
fn feedback_names(files: &[(PathBuf, String)]) -> Vec<String> {
    let parts: Vec<Vec<String>> = files
        .iter()
        // By the names as shown, so that a GBK-named file gets a readable feedback name.
        .map(|(_, shown)| {
            Path::new(shown)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .collect();
    // Folders every input lies in (never the file name itself).
    let common = parts.first().map_or(0, |first| {
        let mut n = first.len().saturating_sub(1);
        for other in &parts[1..] {
            n = n.min(other.len().saturating_sub(1));
            n = (0..n).find(|&k| first[k] != other[k]).unwrap_or(n);
        }
        n
    });
    let label = |i: usize| {
        let path = Path::new(&files[i].1);
        let mut rel = parts[i][common..].to_vec();
        if let (Some(last), Some(stem)) = (rel.last_mut(), path.file_stem()) {
            *last = stem.to_string_lossy().into_owned();
        }
        rel.join("-")
    };
    let labels: Vec<String> = (0..files.len()).map(label).collect();
    let mut seen = std::collections::HashMap::new();
    for l in &labels {
        *seen.entry(l.as_str()).or_insert(0usize) += 1;
    }
    let names: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut name = l.clone();
            if seen[l.as_str()] > 1 {
                if let Some(ext) = Path::new(&files[i].1).extension() {
                    name = format!("{name}-{}", ext.to_string_lossy());
                }
            }
            fsutil::safe_file_name(&name)
        })
        .collect();
    // Names that still coincide — made alike by cleaning (`a:b`, `a_b`) or by case on a file system
    // that ignores it — get a hash of their input's path, so no feedback overwrites another.
    let mut count = std::collections::HashMap::new();
    for n in &names {
        *count.entry(n.to_lowercase()).or_insert(0usize) += 1;
    }
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if count[&n.to_lowercase()] > 1 {
                format!("反馈-{n}-{}.xlsx", fsutil::short_hash(&files[i].1))
            } else {
                format!("反馈-{n}.xlsx")
            }
        })
        .collect()
}

pub(super) fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

pub(super) fn reading_order(loc: &Location) -> (String, u32, u32) {
    match loc {
        Location::Cell { sheet, cell, .. } => {
            let (r, c) = planeval::intake::read::parse_cell_name(cell).unwrap_or((0, 0));
            (sheet.clone(), r, c)
        }
        _ => (String::new(), 0, 0),
    }
}

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
                ("facts", &facts.join(" · ")),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(shown: &[&str]) -> Vec<String> {
        let files: Vec<(PathBuf, String)> = shown
            .iter()
            .map(|s| (PathBuf::from(s), s.to_string()))
            .collect();
        feedback_names(&files)
    }

    #[test]
    fn feedback_names_never_coincide() {
        assert_eq!(
            names(&["in/县001/人社局.xlsx", "in/县002/人社局.xlsx"]),
            ["反馈-县001-人社局.xlsx", "反馈-县002-人社局.xlsx"]
        );
        // Made alike by cleaning, or differing only by case: each gets its path's hash.
        for pair in [["in/a:b.xlsx", "in/a_b.xlsx"], ["in/Ab.xlsx", "in/aB.xlsx"]] {
            let n = names(&pair);
            assert_ne!(n[0].to_lowercase(), n[1].to_lowercase(), "{n:?}");
            assert!(n[0].ends_with(&format!("-{}.xlsx", fsutil::short_hash(pair[0]))));
        }
    }
}
