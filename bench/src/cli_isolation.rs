//! `planeval-bench isolation`: what parsing in worker processes costs intake, measured in one run by
//! alternating intake in process and through the reader workers over the same files, round after round.

use planeval::inputs::collect_inputs;
use planeval::intake::{intake_files, worker, IntakeOptions};
use planeval::{Catalog, Error};
use planeval_bench::floor;
use std::path::PathBuf;
use std::time::Instant;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval-bench isolation --data /tmp/province               5 轮，每轮依次在本进程内和在读取子进程中读取全部文件
  planeval-bench isolation --data /tmp/province --rounds 9 --json

每轮交替先后次序；报告每轮的 calamine 解析下限、两种读取用时及其比值，和比值的中位数。请使用 release 构建。";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 报回的工作簿所在文件夹 [folder of returned workbooks]
    #[arg(long, value_name = "DIR")]
    data: PathBuf,

    /// 轮数 [rounds]
    #[arg(long, default_value_t = 5)]
    rounds: usize,

    /// 只用一种方式读取（供 perf 等分析用）[read one way only, for profiling]
    #[arg(long, value_parser = ["workers", "in-process"])]
    only: Option<String>,

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
fn intake_pass(files: &[(PathBuf, String)], cat: &Catalog, in_process: bool) -> f64 {
    worker::suspend_for_benchmark(in_process);
    let opts = IntakeOptions::default();
    let t = Instant::now();
    let mut values = 0usize;
    intake_files(files, cat, &opts, |_, intake| {
        values += intake.report.accepted.len();
    });
    let s = t.elapsed().as_secs_f64();
    std::hint::black_box(values);
    worker::suspend_for_benchmark(false);
    s
}

pub fn run(plan: Option<&std::path::Path>, args: Args) -> Result<(), Error> {
    let cat = Catalog::load(plan)?;
    let files = collect_inputs(std::slice::from_ref(&args.data))?.files;
    if !worker::in_use() {
        eprintln!("planeval-bench: no reader workers to measure");
        std::process::exit(2);
    }
    // Warm the page cache and start the workers before anything is timed.
    let _ = floor(&files);
    intake_pass(&files, &cat, false);
    if let Some(only) = &args.only {
        let in_process = only == "in-process";
        for r in 0..args.rounds.max(1) {
            planeval::intake::timing::reset();
            planeval::intake::timing::enable(true);
            let s = intake_pass(&files, &cat, in_process);
            planeval::intake::timing::enable(false);
            let t = planeval::intake::timing::totals();
            let ms = |ns: u64| ns as f64 / 1e6;
            println!(
                "{} {only}: {s:.2} s; thread-summed: read {:.0} ms, sniff {:.0} ms, parse {:.0} ms, locate and read {:.0} ms",
                r + 1,
                ms(t.file_read),
                ms(t.sniff),
                ms(t.parse),
                ms(t.locate_and_read)
            );
        }
        return Ok(());
    }
    let mut rounds = Vec::new();
    for r in 0..args.rounds.max(1) {
        let (floor_s, _) = floor(&files);
        let (in_process_s, workers_s) = if r % 2 == 0 {
            let a = intake_pass(&files, &cat, true);
            (a, intake_pass(&files, &cat, false))
        } else {
            let b = intake_pass(&files, &cat, false);
            (intake_pass(&files, &cat, true), b)
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
