//! `planeval demo`: the whole cycle on the bundled demo data — five years of returns from every unit
//! (with the mistakes departments make) and the 2020 baseline go into a fresh store, then the annual,
//! mid-term and final evaluations are written, and the command says where everything is.

use super::ingest::{ingest_baseline, ingest_return, summarize, test_pause, Printing};
use super::Globals;
use super::Status;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use planeval::inputs::{self, collect_inputs};
use planeval::intake::IntakeOptions;
use planeval::score::Stage;
use planeval::store::Writer;
use planeval::{Catalog, Error};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval demo                      在 ./planeval-demo 中演示完整流程
  planeval demo --out /tmp/演示       指定输出文件夹
  planeval demo --json               以 JSON 列出生成的文件

演示数据（fixtures/demo）：2021–2025 年各责任单位报回的工作簿（含常见填报错误、一份更正、一个未报单位、
xls 和 ods 格式各一份）和 2020 年基期数据。";

/// Marks a folder as made by `demo`, so a rerun may replace it and nothing else is ever deleted.
const MARKER: &str = ".planeval-demo";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 输出文件夹 [output folder]
    #[arg(long, value_name = "DIR", default_value = "planeval-demo")]
    out: PathBuf,

    /// 演示数据文件夹（默认为源代码中的 fixtures/demo）[the demo data folder]
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,

    /// 不显示进度条 [no progress bar]
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Serialize)]
struct DemoReport {
    store: String,
    years: Vec<YearIngest>,
    outputs: Vec<StageOutput>,
}

#[derive(Serialize)]
struct YearIngest {
    year: Option<i32>,
    files: usize,
    values_added: usize,
    values_superseded: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct StageOutput {
    stage: &'static str,
    year: i32,
    dir: String,
    files: Vec<String>,
}

fn data_dir(args: &Args) -> Result<PathBuf, Error> {
    let candidates = match &args.data {
        Some(d) => vec![d.clone()],
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
            return Err(Error::JobConfig {
                path: out.to_path_buf(),
                message: "文件夹不是空的，也不是 planeval demo 生成的；请换一个 --out 文件夹"
                    .into(),
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

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let plan = g.plan;
    let cat = Catalog::load(plan)?;
    let data = data_dir(&args)?;
    prepare_out(&args.out)?;
    let store_dir = args.out.join("store");
    let quiet = args.quiet || args.json || !std::io::stderr().is_terminal();
    let printing = Printing {
        print: false,
        verbose: false,
    };

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
    let pb = if quiet {
        ProgressBar::hidden()
    } else {
        let pb = ProgressBar::with_draw_target(
            Some(total_files as u64 + 1),
            ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}")
        {
            pb.set_style(style.progress_chars("=> "));
        }
        pb.set_prefix("入库");
        pb
    };

    let command: Vec<String> = std::env::args().collect();
    {
        let mut writer = Writer::open(&store_dir, &command.join(" "))?;
        let mut outcomes = Vec::new();
        for name in ["baseline.csv", "external-targets.csv"] {
            let p = data.join(name);
            if p.is_file() {
                pb.set_message(name);
                outcomes.push(ingest_baseline(
                    &mut writer,
                    &p,
                    &p.display().to_string(),
                    &cat,
                    printing,
                ));
            }
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
        pb.inc(1);
    }
    for (year, dir) in &year_dirs {
        let mut files = collect_inputs(std::slice::from_ref(dir))?.files;
        // Bundled data: modification times mean nothing, names decide (corrections last).
        files.sort_by_key(|(p, _)| (inputs::is_correction(p), p.clone()));
        let mut writer = Writer::open(&store_dir, &command.join(" "))?;
        let opts = IntakeOptions {
            year: Some(*year),
            ..Default::default()
        };
        let mut outcomes = Vec::new();
        for (path, display) in &files {
            pb.set_message(display.clone());
            outcomes.push(ingest_return(
                &mut writer,
                path,
                display,
                &cat,
                &opts,
                printing,
            ));
            pb.inc(1);
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
    pb.finish_and_clear();

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
        let dir = args
            .out
            .join("outputs")
            .join(format!("{}-{year}", stage.label_zh()));
        let files = super::evaluate::write_stage_outputs(
            &cat,
            &planeval::areas::Areas::builtin(),
            &store_dir,
            stage,
            year,
            &dir,
            "zh",
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

    if args.json {
        let report = DemoReport {
            store: store_dir.display().to_string(),
            years,
            outputs,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&report)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
        return Ok(Status::Ok);
    }
    println!("演示数据：{}", data.display());
    for y in &years {
        let label = y
            .year
            .map(|y| format!("{y} 年报表"))
            .unwrap_or_else(|| "基期及目标数据".into());
        let problems = if y.errors + y.warnings > 0 {
            format!(
                "；错误 {} 个、警告 {} 个（演示中故意保留的填报错误，已隔离或提示）",
                y.errors, y.warnings
            )
        } else {
            String::new()
        };
        println!(
            "  {label}：{} 个文件，新增 {} 个数值，更正 {} 个{problems}",
            y.files, y.values_added, y.values_superseded
        );
    }
    println!("监测数据库：{}", store_dir.display());
    for o in &outputs {
        let stage = Stage::from_key(o.stage)
            .map(|s| s.label_zh())
            .unwrap_or(o.stage);
        println!("{stage}（{} 年）：{}", o.year, o.dir);
        let feedback = o
            .files
            .iter()
            .filter(|f| file_name(f).starts_with("反馈-"))
            .count();
        for f in o
            .files
            .iter()
            .filter(|f| !file_name(f).starts_with("反馈-"))
        {
            println!("    {}", file_name(f));
        }
        if feedback > 0 {
            println!(
                "    反馈-<单位>-{}.xlsx（{feedback} 个责任单位各一份）",
                o.year
            );
        }
    }
    println!("用 Excel 或 WPS 打开上面的工作簿，用 Word 或 WPS 打开评估报告（.docx）；planeval --help 列出全部命令。");
    Ok(Status::Ok)
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
