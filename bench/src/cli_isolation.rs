//! `planeval-bench isolation`: what parsing in worker processes costs intake, measured in one run by
//! alternating intake in process and through the reader workers over the same files, round after round.
//!
//! Each pass runs in a child process of this binary (`--only workers|in-process --rounds 1`), so that
//! the product library needs no switch between the two: a child started for in-process reading never
//! names its executable to `intake::worker`, as `run --in-process` does. A child warms up with one
//! untimed pass (page cache, workers started) and then times one.

use planeval::inputs::collect_inputs;
use planeval::intake::{intake_files, IntakeOptions};
use planeval::{Catalog, Error};
use planeval_bench::floor;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval-bench isolation --data /tmp/province               5 轮，每轮依次在本进程内和在读取子进程中读取全部文件
  planeval-bench isolation --data /tmp/province --rounds 15 --json
  planeval-bench isolation --data /tmp/province --only workers --rounds 6   只用一种方式读取（供 perf 分析）

每轮交替先后次序；报告每轮的 calamine 解析下限、两种读取用时及其比值，和比值的中位数。请使用 release 构建。";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 报回的工作簿所在文件夹 [folder of returned workbooks]
    #[arg(long, value_name = "DIR")]
    data: PathBuf,

    /// 轮数 [rounds]
    #[arg(long, default_value_t = 5)]
    rounds: usize,

    /// 只用一种方式读取，每轮打印用时（供 perf 等分析用）[read one way only and print each pass, for profiling]
    #[arg(long, value_parser = ["workers", "in-process"])]
    pub only: Option<String>,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,
}

#[derive(Debug, serde::Serialize)]
struct Round {
    floor_s: f64,
    in_process_s: f64,
    workers_s: f64,
    /// Workers ÷ in process.
    ratio: f64,
}

/// One intake pass over every file, as `check` reads them; seconds.
fn intake_pass(files: &[(PathBuf, String)], cat: &Catalog) -> f64 {
    let opts = IntakeOptions::default();
    let t = Instant::now();
    let mut values = 0usize;
    intake_files(files, cat, &opts, |_, intake| {
        values += intake.report.accepted.len();
    });
    let s = t.elapsed().as_secs_f64();
    std::hint::black_box(values);
    s
}

/// One timed pass in a child process reading one way; its seconds.
fn child_pass(data: &Path, plan: Option<&Path>, how: &str) -> Result<f64, Error> {
    let exe = std::env::current_exe().map_err(|e| Error::io(Path::new("planeval-bench"), e))?;
    let mut cmd = std::process::Command::new(&exe);
    if let Some(plan) = plan {
        cmd.arg("--plan").arg(plan);
    }
    cmd.args([
        "isolation",
        "--rounds",
        "1",
        "--json",
        "--only",
        how,
        "--data",
    ])
    .arg(data);
    let out = cmd.output().map_err(|e| Error::io(&exe, e))?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    v["passes"][0].as_f64().ok_or_else(|| {
        Error::io(
            &exe,
            std::io::Error::other(String::from_utf8_lossy(&out.stderr).into_owned()),
        )
    })
}

pub fn run(plan: Option<&Path>, args: Args) -> Result<(), Error> {
    let cat = Catalog::load(plan)?;
    let files = collect_inputs(std::slice::from_ref(&args.data))?.files;
    let _ = floor(&files);
    if let Some(only) = &args.only {
        let _ = intake_pass(&files, &cat);
        let passes: Vec<f64> = (0..args.rounds.max(1))
            .map(|_| intake_pass(&files, &cat))
            .collect();
        if args.json {
            println!("{}", serde_json::json!({ "only": only, "passes": passes }));
        } else {
            for (i, s) in passes.iter().enumerate() {
                println!("{} {only}: {s:.2} s", i + 1);
            }
        }
        return Ok(());
    }
    let mut rounds = Vec::new();
    for r in 0..args.rounds.max(1) {
        let (floor_s, _) = floor(&files);
        let pass = |how| child_pass(&args.data, plan, how);
        let (in_process_s, workers_s) = if r % 2 == 0 {
            let a = pass("in-process")?;
            (a, pass("workers")?)
        } else {
            let b = pass("workers")?;
            (pass("in-process")?, b)
        };
        rounds.push(Round {
            floor_s,
            in_process_s,
            workers_s,
            ratio: workers_s / in_process_s.max(1e-9),
        });
    }
    let mut ratios: Vec<f64> = rounds.iter().map(|r| r.ratio).collect();
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    if args.json {
        let out = serde_json::json!({
            "files": files.len(),
            "threads": rayon::current_num_threads(),
            "rounds": rounds,
            "median_ratio": median,
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Ok(());
    }
    println!(
        "{}: {} workbooks, {} threads",
        args.data.display(),
        files.len(),
        rayon::current_num_threads()
    );
    println!("| round | floor | in process | ÷ floor | workers | ÷ floor | workers ÷ in process |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (i, r) in rounds.iter().enumerate() {
        println!(
            "| {} | {:.2} s | {:.2} s | {:.2}× | {:.2} s | {:.2}× | {:.2}× |",
            i + 1,
            r.floor_s,
            r.in_process_s,
            r.in_process_s / r.floor_s,
            r.workers_s,
            r.workers_s / r.floor_s,
            r.ratio
        );
    }
    println!("median workers ÷ in process: {median:.2}×");
    Ok(())
}
