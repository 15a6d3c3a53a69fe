//! `planeval ingest`: check returned workbooks (and baseline sheets) as `check` does, then append every
//! accepted value to the monitoring store, with rejected cells in its quarantine.
//!
//! Re-ingesting a file already in the store (same SHA-256) is a no-op that says which revision had it.
//! The store is written atomically and locked while this runs; a second writer exits with code 3.

use super::check::{print_file, reading_order, severity_rank};
use super::render::{diagnostic_summary, diagnostic_text, input_notes_text, shown};
use super::Globals;
use super::Status;
use planeval::areas::Areas;
use planeval::inputs::{self, collect_inputs, InputFiles};
use planeval::intake::{self, FileReport, IntakeOptions, OtherYears};
use planeval::store::baseline::{self, LongSheet};
use planeval::store::{self, package, Added, Batch, CommitPoint, Writer};
use planeval::{Catalog, Diagnostic, Error, Severity};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval ingest returns/ --store 监测数据库 --year 2023     检查并入库文件夹中所有报回的工作簿
  planeval ingest returns/卫健体局-更正.xlsx --store 监测数据库  入库一份更正后的报表（取代同一单位同一年度的原值）
  planeval ingest --store 监测数据库 --baseline 基期及历年数据.xlsx
                                                          入库基期（2020年）及历年数据（长表，xlsx 或 csv）
  planeval ingest returns/ --store 监测数据库 --json         以 JSON 输出入库结果
  planeval --areas 临汾市地区表.csv ingest --package 古县-2023.pepkg --store 市监测数据库
                                                          市级入库县级报送包（数值保留原始文件!工作表!单元格）

同一文件（SHA-256 相同）、同一内容的报送包重复入库不会产生任何变化；同一地区同一年度较新的报送包取代较旧的
（原值保留在历史中）。改动过或损坏的报送包、另一规划的报送包会被拒绝，数据库不作任何改动。
数据库正被另一进程写入时拒绝运行。
退出码 / Exit codes: 0 正常 · 1 有文件存在数据错误（其余数值已入库）· 2 无法运行 · 3 数据库正被另一进程写入";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 报回的工作簿或文件夹（文件夹中的 xlsx/xlsm/xls/xlsb/ods 都会入库）
    /// [returned workbooks or folders]
    #[arg(value_name = "INPUT", required_unless_present_any = ["baseline", "package"])]
    inputs: Vec<PathBuf>,

    /// 监测数据库文件夹，不存在时自动创建 [the store folder, created if missing]
    #[arg(long, value_name = "DIR")]
    store: PathBuf,

    /// 本次处理的填报年度（规划期内或基期年）；文件未写明年度时以此为准 [the reporting year]
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,

    /// 文件写明的年度与 --year 不同时：skip 不入库（默认，逐个列出），ingest 按文件自身的年度入库
    /// [a file saying another year than --year: skip it (default) or ingest it under its own year]
    #[arg(
        long,
        value_name = "WHAT",
        value_enum,
        default_value = "skip",
        requires = "year"
    )]
    other_years: OtherYearsArg,

    /// 基期及历年数据表（长表：指标编码、年份、性别、城乡、数值、数据来源；xlsx 或 csv），可多次指定
    /// [long-format sheet of baseline and earlier years; repeatable]
    #[arg(long, value_name = "FILE")]
    baseline: Vec<PathBuf>,

    /// 下级地区的报送包（planeval export 生成的 .pepkg），可多次指定；文件夹中的 .pepkg 也会入库
    /// [a lower level's reporting package; repeatable]
    #[arg(long, value_name = "FILE")]
    package: Vec<PathBuf>,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,

    /// 同时列出提示级别的信息 [also list info-level notes]
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum OtherYearsArg {
    Skip,
    Ingest,
}

impl From<OtherYearsArg> for OtherYears {
    fn from(a: OtherYearsArg) -> OtherYears {
        match a {
            OtherYearsArg::Skip => OtherYears::Skip,
            OtherYearsArg::Ingest => OtherYears::Ingest,
        }
    }
}

/// What to print while ingesting (nothing for `--json` or a quiet scheduled run).
#[derive(Debug, Clone, Copy)]
pub(super) struct Printing {
    pub print: bool,
    pub verbose: bool,
}

/// What happened to one input file.
#[derive(Serialize)]
pub(super) struct FileOutcome {
    pub(super) path: String,
    pub(super) kind: store::FileKind,
    sha256: Option<String>,
    /// `ingested`, `already_ingested`, `other_year` (the file says another year than the run's and
    /// was not stored: `--other-years ingest` stores it under its own year) or `unreadable`.
    pub(super) status: &'static str,
    pub(super) unit: Option<String>,
    pub(super) year: Option<i32>,
    pub(super) revision: Option<u32>,
    /// For `already_ingested`: when the earlier ingest was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) ingested_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) added: Option<Added>,
    pub(super) errors: usize,
    pub(super) warnings: usize,
    pub(super) diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize, Default)]
pub(super) struct Summary {
    pub(super) files: usize,
    pub(super) ingested: usize,
    pub(super) already_ingested: usize,
    /// Files that say another year than the run's and were not stored.
    pub(super) other_year: usize,
    pub(super) values_added: usize,
    pub(super) values_superseded: usize,
    pub(super) values_unchanged: usize,
    pub(super) rejected: usize,
    pub(super) errors: usize,
    pub(super) warnings: usize,
    pub(super) revisions: Vec<u32>,
    /// 报送包 given or found.
    pub(super) packages: usize,
    /// Of those, the ones that brought files.
    pub(super) packages_ingested: usize,
}

#[derive(Serialize)]
struct Report<'a> {
    store: String,
    files: &'a [FileOutcome],
    /// What the folder walk did not read, and why, or noted.
    inputs: &'a [Diagnostic],
    summary: &'a Summary,
    packages: &'a [PackageOutcome],
    #[serde(skip_serializing_if = "Option::is_none")]
    took_over_lock: Option<planeval::store::lock::LockInfo>,
    tidied: &'a [String],
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let (plan, areas) = (g.plan, g.areas);
    match ingest(plan, areas, &args) {
        Err(err @ Error::StoreLocked { .. }) => {
            eprintln!("planeval: 错误：{err}");
            Ok(Status::Locked)
        }
        other => other,
    }
}

fn ingest(plan: Option<&Path>, areas: Option<&Path>, args: &Args) -> Result<Status, Error> {
    let cat = Catalog::load(plan)?;
    let areas = Areas::load(areas)?;
    if let Some(year) = args.year {
        cat.check_reporting_year(year)?;
    }
    let InputFiles {
        mut files,
        notes,
        packages: found_packages,
    } = collect_inputs(&args.inputs)?;
    // Every package is read and checked before the store is opened: a refused one leaves the store
    // exactly as it was.
    let mut package_paths: Vec<(PathBuf, String)> = args
        .package
        .iter()
        .map(|p| (p.clone(), p.display().to_string()))
        .collect();
    package_paths.extend(found_packages);
    // Every package is checked whole first and then dropped (a country's year is dozens of province
    // packages: only one is held at a time); the areas they hold decide what the writer reads.
    let mut package_orgs = std::collections::BTreeSet::new();
    for (path, display) in &package_paths {
        let (_, p) = read_checked_package(path, display, &cat, &areas)?;
        package_orgs.extend(orgs_of(&p));
    }
    let package_orgs: Vec<String> = package_orgs.into_iter().collect();
    // Oldest first, so that when a return and its correction arrive in the same run the correction
    // (saved later) gets the higher revision and supersedes, whatever the file names.
    inputs::order_for_ingest(&mut files);
    let command: Vec<String> = std::env::args().collect();
    let mut writer = if files.is_empty() && args.baseline.is_empty() && !package_paths.is_empty() {
        // Only packages: their areas are known, and only those areas' rows are read.
        Writer::open_scoped(&args.store, &command.join(" "), &package_orgs)?
    } else {
        Writer::open(&args.store, &command.join(" "))?
    };
    if let Some(dead) = writer.took_over() {
        eprintln!(
            "planeval: 警告：监测数据库的锁属于已不存在的进程 {}（自 {} 起，命令：{}），该进程可能被中断；已接管",
            dead.pid, dead.started_at, dead.command
        );
    }
    if !writer.tidied().is_empty() {
        eprintln!(
            "planeval: 提示：清理了上次中断的入库留下的未登记文件：{}",
            writer.tidied().join("、")
        );
    }
    let took_over = writer.took_over().cloned();
    let tidied = writer.tidied().to_vec();

    let opts = IntakeOptions {
        year: args.year,
        other_years: args.other_years.into(),
        ..Default::default()
    };
    let printing = Printing {
        print: !args.json,
        verbose: args.verbose,
    };
    let mut outcomes = ingest_returns(&mut writer, &files, &cat, &opts, printing, &mut |_, f| f());
    for path in &args.baseline {
        let display = path.display().to_string();
        outcomes.push(ingest_baseline(&mut writer, path, &display, &cat, printing));
    }
    // Read again, one at a time, and checked again: a file changed since the first pass is refused
    // before the commit, so nothing is written.
    let mut package_outcomes: Vec<PackageOutcome> = Vec::with_capacity(package_paths.len());
    for (path, display) in &package_paths {
        let (_, package) = read_checked_package(path, display, &cat, &areas)?;
        package_outcomes.push(ingest_package(&mut writer, display, &package, printing));
    }

    let committed = writer.commit(&mut test_pause)?;
    let mut summary = summarize(&outcomes, &committed.revisions);
    count_packages(&mut summary, &package_outcomes);
    count_notes(&mut summary, &notes);
    if outcomes.is_empty() && package_outcomes.is_empty() && notes.is_empty() && !args.json {
        let inputs: Vec<String> = args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        println!(
            "{} 中没有找到报表文件（xlsx、xlsm、xls、xlsb、ods），没有入库任何数值；监测数据库已就绪：{}",
            inputs.join("、"),
            args.store.display()
        );
        return Ok(Status::Ok);
    }

    if args.json {
        let report = Report {
            store: args.store.display().to_string(),
            files: &outcomes,
            inputs: &notes,
            summary: &summary,
            packages: &package_outcomes,
            took_over_lock: took_over,
            tidied: &tidied,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&report)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
    } else {
        print!("{}", input_notes_text(&notes, args.verbose));
        let all: Vec<Diagnostic> = outcomes
            .iter()
            .flat_map(|o| o.diagnostics.iter().cloned())
            .chain(notes.iter().cloned())
            .collect();
        let revisions = match (committed.revisions.first(), committed.revisions.last()) {
            (Some(a), Some(b)) if a == b => format!("，修订号 {a}"),
            (Some(a), Some(b)) => format!("，修订号 {a}–{b}"),
            _ => String::new(),
        };
        let other_year = if summary.other_year > 0 {
            format!("，属于其他年度而未入库 {} 个", summary.other_year)
        } else {
            String::new()
        };
        let packages = if summary.packages > 0 {
            format!(
                "（其中报送包 {} 个，入库 {} 个）",
                summary.packages, summary.packages_ingested
            )
        } else {
            String::new()
        };
        println!(
            "共 {} 个文件{packages}：入库 {} 个{}，已入库过而跳过 {} 个{other_year}；新增 {} 个数值，更正 {} 个，与原值相同 {} 个，隔离 {} 个单元格；{}",
            summary.files + summary.packages,
            summary.ingested + summary.packages_ingested,
            revisions,
            summary.already_ingested + summary.packages - summary.packages_ingested,
            summary.values_added,
            summary.values_superseded,
            summary.values_unchanged,
            summary.rejected,
            diagnostic_summary(&all)
        );
        println!("监测数据库：{}", args.store.display());
    }
    Ok(if summary.errors > 0 {
        Status::Findings
    } else {
        Status::Ok
    })
}

/// What happened to one 报送包.
#[derive(Serialize)]
pub(super) struct PackageOutcome {
    pub(super) path: String,
    pub(super) area: String,
    pub(super) area_code: String,
    pub(super) year: i32,
    pub(super) created_at: String,
    pub(super) content_sha256: String,
    /// `ingested`; `nothing_new` (the same content, or every file it holds, is in the store already);
    /// `older_than_stored` (the store has a newer package of the area and year; nothing taken).
    pub(super) status: &'static str,
    /// Files of the package the store did not have, each with its revision here.
    pub(super) files_added: usize,
    pub(super) revisions: Vec<u32>,
    pub(super) values_added: usize,
    pub(super) values_superseded: usize,
    pub(super) values_unchanged: usize,
    pub(super) rejected: usize,
}

/// Reads a package and checks it whole — zip, manifest seal, parts' SHA-256, rows — and against the
/// plan and areas this run works with; any failure refuses the run before anything is written.
pub(super) fn read_checked_package(
    path: &Path,
    display: &str,
    cat: &Catalog,
    areas: &Areas,
) -> Result<(String, package::Package), Error> {
    let limits = intake::sniff::Limits {
        max_file_bytes: package::MAX_PACKAGE_BYTES,
        ..Default::default()
    };
    let bytes = inputs::read_input(path, &limits).map_err(|p| Error::PackageUnreadable {
        path: display.to_string(),
        reason: p.message,
    })?;
    let package = package::read_package(&bytes, display)?;
    package::check_fits(&package, cat, areas, display)?;
    Ok((display.to_string(), package))
}

/// Every area (`org` text) a package's rows and files name.
fn orgs_of(p: &package::Package) -> std::collections::BTreeSet<String> {
    let mut orgs = std::collections::BTreeSet::new();
    orgs.extend(p.panel.iter().map(|r| r.org.clone()));
    orgs.extend(p.quarantine.iter().map(|r| r.org.clone()));
    orgs.extend(p.assessments.iter().map(|r| r.org.clone()));
    orgs.extend(p.manifest.files.iter().filter_map(|f| f.org.clone()));
    orgs
}

/// Adds a checked package's new files to the store (see `package::intake`).
pub(super) fn ingest_package(
    writer: &mut Writer,
    display: &str,
    package: &package::Package,
    printing: Printing,
) -> PackageOutcome {
    let m = &package.manifest;
    let mut outcome = PackageOutcome {
        path: display.to_string(),
        area: m.area.name.clone(),
        area_code: m.area.code.clone(),
        year: m.year,
        created_at: m.created_at.clone(),
        content_sha256: m.content_sha256.clone(),
        status: "nothing_new",
        files_added: 0,
        revisions: Vec::new(),
        values_added: 0,
        values_superseded: 0,
        values_unchanged: 0,
        rejected: 0,
    };
    let name = store::file_name_of(display);
    let decision = package::intake(package, &name, writer.files());
    let head = format!(
        "── {display}  [报送包 · {}（{}） · {} 年 · 导出于 {}]",
        m.area.name, m.area.code, m.year, m.created_at
    );
    match decision {
        package::Intake::NothingNew(earlier) => {
            if printing.print {
                match earlier {
                    Some(e) => println!(
                        "{head}\n   内容相同的报送包已于 {} 入库（修订号 {}），跳过\n",
                        e.ingested_at, e.revision
                    ),
                    None => println!("{head}\n   包中的文件都已入库，跳过\n"),
                }
            }
        }
        package::Intake::OlderThanStored(newer) => {
            outcome.status = "older_than_stored";
            if printing.print {
                println!(
                    "{head}\n   数据库中已有该地区该年度较新的报送包（导出于 {newer}），此包较旧，未入库\n"
                );
            }
        }
        package::Intake::Add(batches) => {
            outcome.status = "ingested";
            if printing.print {
                println!("{head}");
            }
            for batch in batches {
                let file = batch.file.name.clone();
                let added = writer.add(batch);
                outcome.files_added += 1;
                outcome.revisions.push(added.revision);
                outcome.values_added += added.added;
                outcome.values_superseded += added.superseded.len();
                outcome.values_unchanged += added.unchanged;
                outcome.rejected += added.rejected;
                // A province's package holds thousands of files: one line each only with -v.
                if printing.print && printing.verbose {
                    println!("   {file}");
                    print_added(&added);
                }
            }
            if printing.print {
                let revisions = match (outcome.revisions.first(), outcome.revisions.last()) {
                    (Some(a), Some(b)) if a == b => format!("修订号 {a}"),
                    (Some(a), Some(b)) => format!("修订号 {a}–{b}"),
                    _ => String::new(),
                };
                println!(
                    "   入库包中 {} 个文件（{revisions}）：新增 {} 个数值，更正 {} 个（原值保留在历史中），与原值相同 {} 个；包中其余 {} 个文件此前已入库\n",
                    outcome.files_added,
                    outcome.values_added,
                    outcome.values_superseded,
                    outcome.values_unchanged,
                    m.files.len() - outcome.files_added
                );
            }
        }
    }
    outcome
}

/// Adds the packages' counts to the totals.
pub(super) fn count_packages(summary: &mut Summary, outcomes: &[PackageOutcome]) {
    for o in outcomes {
        summary.packages += 1;
        if o.status == "ingested" {
            summary.packages_ingested += 1;
        }
        summary.values_added += o.values_added;
        summary.values_superseded += o.values_superseded;
        summary.values_unchanged += o.values_unchanged;
        summary.rejected += o.rejected;
        summary.revisions.extend(o.revisions.iter().copied());
    }
    summary.revisions.sort_unstable();
    summary.revisions.dedup();
}

/// Adds the folder walk's errors and warnings to the totals (a folder that cannot be read is an error).
pub(super) fn count_notes(summary: &mut Summary, notes: &[Diagnostic]) {
    for d in notes {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => {}
        }
    }
}

/// Totals over the files of one ingest.
pub(super) fn summarize(outcomes: &[FileOutcome], revisions: &[u32]) -> Summary {
    let mut summary = Summary {
        files: outcomes.len(),
        revisions: revisions.to_vec(),
        ..Default::default()
    };
    for o in outcomes {
        match o.status {
            "ingested" => summary.ingested += 1,
            "already_ingested" => summary.already_ingested += 1,
            "other_year" => summary.other_year += 1,
            _ => {}
        }
        if let Some(a) = &o.added {
            summary.values_added += a.added;
            summary.values_superseded += a.superseded.len();
            summary.values_unchanged += a.unchanged;
            summary.rejected += a.rejected;
        }
        summary.errors += o.errors;
        summary.warnings += o.warnings;
    }
    summary
}

fn sort_diagnostics(d: &mut [Diagnostic]) {
    d.sort_by_key(|d| (severity_rank(d.severity), reading_order(&d.location)));
}

/// The SHA-256 of an input, streamed, with the reader's refusals (not a regular file, too large);
/// `None` when it cannot be hashed, and intake then says why.
fn hash_of(path: &Path) -> Option<String> {
    inputs::hash_input(path, &intake::sniff::Limits::default()).ok()
}

fn skipped_outcome(
    path: &str,
    kind: store::FileKind,
    sha: &str,
    earlier: &store::IngestedFile,
    json: bool,
) -> FileOutcome {
    if !json {
        println!(
            "── {path}  已于 {} 入库（修订号 {}，文件 {}），内容相同，跳过\n",
            earlier.ingested_at, earlier.revision, earlier.name
        );
    }
    FileOutcome {
        path: path.to_string(),
        kind,
        sha256: Some(sha.to_string()),
        status: "already_ingested",
        unit: earlier.unit.clone(),
        year: earlier.year,
        revision: Some(earlier.revision),
        ingested_at: Some(earlier.ingested_at.clone()),
        added: None,
        errors: 0,
        warnings: 0,
        diagnostics: Vec::new(),
    }
}

pub(super) fn ingest_return(
    writer: &mut Writer,
    path: &Path,
    display: &str,
    cat: &Catalog,
    opts: &IntakeOptions,
    printing: Printing,
) -> FileOutcome {
    let sha = hash_of(path);
    if let Some(sha) = &sha {
        if let Some(earlier) = writer.already_ingested(sha) {
            return skipped_outcome(
                display,
                store::FileKind::Return,
                sha,
                earlier,
                !printing.print,
            );
        }
    }
    let intake = intake::intake_file(path, display, cat, opts);
    let batch = sha
        .as_ref()
        .map(|sha| Batch::from_intake(&intake, display, sha, cat));
    finish_return(writer, display, sha, intake.report, batch, printing, opts)
}

/// `ingest_return` over many files: the workbooks are read in parallel (each file's cell grid is
/// dropped on its worker thread once its batch is made), and added to the store in input order, so
/// revisions, printing and outcomes are exactly those of one file after another. `each` wraps the
/// adding (and printing) of every file that is read, on the calling thread: a progress bar steps there.
pub(super) fn ingest_returns(
    writer: &mut Writer,
    files: &[(PathBuf, String)],
    cat: &Catalog,
    opts: &IntakeOptions,
    printing: Printing,
    each: &mut dyn FnMut(&str, &mut dyn FnMut()),
) -> Vec<FileOutcome> {
    use rayon::prelude::*;
    let shas: Vec<Option<String>> = files.par_iter().map(|(path, _)| hash_of(path)).collect();
    // Files whose bytes are already stored, or appear earlier in this run, are not read again.
    let mut seen = std::collections::HashSet::new();
    let todo: Vec<usize> = (0..files.len())
        .filter(|&i| match &shas[i] {
            None => true,
            Some(sha) => writer.already_ingested(sha).is_none() && seen.insert(sha.clone()),
        })
        .collect();
    let todo_files: Vec<(PathBuf, String)> = todo.iter().map(|&i| files[i].clone()).collect();
    let mut outcomes = Vec::with_capacity(files.len());
    let mut next = 0usize;
    // Outcomes of the skipped files before `upto`, in order.
    let skip_until =
        |upto: usize, next: &mut usize, writer: &mut Writer, outcomes: &mut Vec<FileOutcome>| {
            while *next < upto {
                let i = *next;
                *next += 1;
                if todo.binary_search(&i).is_ok() {
                    continue;
                }
                let sha = shas[i].as_deref().unwrap_or_default();
                if let Some(earlier) = writer.already_ingested(sha) {
                    outcomes.push(skipped_outcome(
                        &files[i].1,
                        store::FileKind::Return,
                        sha,
                        earlier,
                        !printing.print,
                    ));
                }
            }
        };
    intake::intake_files_with(
        &todo_files,
        cat,
        opts,
        |j, intake| {
            let i = todo[j];
            let batch = shas[i]
                .as_ref()
                .map(|sha| Batch::from_intake(&intake, &files[i].1, sha, cat));
            (intake.report, batch)
        },
        |j, (report, batch)| {
            let i = todo[j];
            skip_until(i, &mut next, writer, &mut outcomes);
            next = i + 1;
            let mut done = Some((report, batch));
            each(&files[i].1, &mut || {
                if let Some((report, batch)) = done.take() {
                    outcomes.push(finish_return(
                        writer,
                        &files[i].1,
                        shas[i].clone(),
                        report,
                        batch,
                        printing,
                        opts,
                    ));
                }
            });
        },
    );
    skip_until(files.len(), &mut next, writer, &mut outcomes);
    outcomes
}

fn finish_return(
    writer: &mut Writer,
    display: &str,
    sha: Option<String>,
    mut report: FileReport,
    batch: Option<Batch>,
    printing: Printing,
    opts: &IntakeOptions,
) -> FileOutcome {
    if let (Some(own), OtherYears::Skip) = (report.other_year(opts.year), opts.other_years) {
        // Last year's file in this year's inbox: not this year's return, and nothing for the
        // department to correct. Not stored, so a later run with `--other-years ingest` (or `--year
        // {own}`) can still take it.
        sort_diagnostics(&mut report.diagnostics);
        if printing.print {
            println!(
                "── {}  属于 {own} 年度（本次为 {} 年度），未入库；按其自身年度入库请加 --other-years ingest\n",
                shown(display),
                opts.year.unwrap_or_default()
            );
        }
        return FileOutcome {
            path: display.to_string(),
            kind: store::FileKind::Return,
            sha256: sha,
            status: "other_year",
            unit: report.unit.clone(),
            year: Some(own),
            revision: None,
            ingested_at: None,
            added: None,
            errors: 0,
            warnings: report.warnings(),
            diagnostics: report
                .diagnostics
                .into_iter()
                .filter(|d| d.code == planeval::Code::YearMismatch)
                .collect(),
        };
    }
    let (Some(sha), Some(batch)) = (sha, batch) else {
        // Unreadable: intake has said why; nothing can be recorded without the bytes.
        sort_diagnostics(&mut report.diagnostics);
        if printing.print {
            print_file(&report, printing.verbose);
        }
        return FileOutcome {
            path: display.to_string(),
            kind: store::FileKind::Return,
            sha256: None,
            status: "unreadable",
            unit: None,
            year: None,
            revision: None,
            ingested_at: None,
            added: None,
            errors: report.errors(),
            warnings: report.warnings(),
            diagnostics: report.diagnostics,
        };
    };
    report.diagnostics.extend(batch.diagnostics.iter().cloned());
    sort_diagnostics(&mut report.diagnostics);
    let (unit, year) = (batch.file.unit.clone(), batch.file.year);
    let added = writer.add(batch);
    if printing.print {
        print_file(&report, printing.verbose);
        print_added(&added);
    }
    FileOutcome {
        path: display.to_string(),
        kind: store::FileKind::Return,
        sha256: Some(sha),
        status: "ingested",
        unit,
        year,
        revision: Some(added.revision),
        ingested_at: None,
        errors: report.errors(),
        warnings: report.warnings(),
        added: Some(added),
        diagnostics: report.diagnostics,
    }
}

pub(super) fn ingest_baseline(
    writer: &mut Writer,
    path: &Path,
    display: &str,
    cat: &Catalog,
    printing: Printing,
) -> FileOutcome {
    let bytes = match inputs::read_input(path, &intake::sniff::Limits::default()) {
        Ok(b) => b,
        Err(p) => {
            let d = Diagnostic::new(
                p.code,
                planeval::Location::File {
                    file: display.to_string(),
                },
                None,
                p.message,
                p.hint,
            );
            if printing.print {
                println!("── {}  无法读取\n{}\n", shown(display), diagnostic_text(&d));
            }
            return FileOutcome {
                path: display.to_string(),
                kind: store::FileKind::Baseline,
                sha256: None,
                status: "unreadable",
                unit: None,
                year: None,
                revision: None,
                ingested_at: None,
                added: None,
                errors: 1,
                warnings: 0,
                diagnostics: vec![d],
            };
        }
    };
    let sha = store::sha256_hex(&bytes);
    if let Some(earlier) = writer.already_ingested(&sha) {
        return skipped_outcome(
            display,
            store::FileKind::Baseline,
            &sha,
            earlier,
            !printing.print,
        );
    }
    let mut sheet = baseline::read_long_sheet(&bytes, display, cat);
    sort_diagnostics(&mut sheet.diagnostics);
    let batch = Batch::from_long_sheet(&sheet, &sha, cat);
    let years = batch.file.years.clone();
    let added = writer.add(batch);
    if printing.print {
        print_long_sheet(&sheet, &years, printing.verbose);
        print_added(&added);
    }
    FileOutcome {
        path: display.to_string(),
        kind: store::FileKind::Baseline,
        sha256: Some(sha),
        status: "ingested",
        unit: None,
        year: None,
        revision: Some(added.revision),
        ingested_at: None,
        errors: sheet.errors(),
        warnings: sheet.warnings(),
        added: Some(added),
        diagnostics: sheet.diagnostics,
    }
}

fn print_long_sheet(s: &LongSheet, years: &[i32], verbose: bool) {
    let years = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => format!("{a}年"),
        (Some(a), Some(b)) => format!("{a}–{b}年"),
        _ => "无数据".into(),
    };
    println!(
        "── {}  [{} · 基期及历年数据 · {years}]  接受 {} 个数值，{} 个错误，{} 个警告",
        shown(&s.path),
        if s.format.is_empty() { "?" } else { &s.format },
        s.rows.len(),
        s.errors(),
        s.warnings()
    );
    for d in &s.diagnostics {
        if d.severity == Severity::Info && !verbose {
            continue;
        }
        println!("{}\n", diagnostic_text(d));
    }
}

fn print_added(a: &Added) {
    let mut parts = vec![format!("新增 {} 个数值", a.added)];
    if !a.superseded.is_empty() {
        parts.push(format!(
            "更正 {} 个（原值保留在历史中）",
            a.superseded.len()
        ));
    }
    if a.unchanged > 0 {
        parts.push(format!("与原值相同 {} 个", a.unchanged));
    }
    if a.rejected > 0 {
        parts.push(format!("隔离 {} 个有误的单元格", a.rejected));
    }
    if a.assessments > 0 {
        parts.push(format!("自评 {} 项", a.assessments));
    }
    println!("   入库（修订号 {}）：{}", a.revision, parts.join("，"));
    for c in &a.superseded {
        println!(
            "   更正 {} {}年 {}：{} → {}（原值来自 {}!{}，修订号 {}）",
            c.indicator,
            c.year,
            breakdown(&c.sex, &c.area, &c.field),
            planeval::catalog::target::fmt_num(c.old_value),
            planeval::catalog::target::fmt_num(c.new_value),
            shown(&c.old_file),
            c.old_cell,
            c.old_revision
        );
    }
    if a.kept_from_earlier > 0 {
        println!(
            "   提示：本单位本年度此前报送的 {} 个数值在本文件中没有出现，仍保留原值",
            a.kept_from_earlier
        );
    }
    println!();
}

/// `合计`, `女`, `城镇·分子` …
pub fn breakdown(sex: &str, area: &str, field: &str) -> String {
    let group = if sex != "total" {
        baseline::sex_label(sex)
    } else {
        baseline::area_label(area)
    };
    if field == "value" {
        group.to_string()
    } else {
        format!("{group}·{}", baseline::field_label(field))
    }
}

/// Test hook, not a user feature: with `PLANEVAL_TEST_PAUSE_AT=after-parts|before-manifest|after-manifest`
/// ingest stops at that point of the commit, creates the file named by `PLANEVAL_TEST_PAUSE_MARKER` (so
/// the test knows it got there) and sleeps, so that tests can kill the process at that exact point and
/// check that the store is still whole. Without the variable it does nothing.
pub(super) fn test_pause(point: CommitPoint) {
    planeval::fsutil::test_pause(point.name());
}
