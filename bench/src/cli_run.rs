//! `planeval-bench run`: time every stage of the pipeline on a folder of returned workbooks, against the
//! floor of calamine only opening and parsing the same files (see the `planeval_bench` library).

use planeval::inputs::collect_inputs;
use planeval::score::Stage;
use planeval::{Catalog, Error};
use planeval_bench::{fmt_s, run as run_bench, BenchOptions, BenchReport, StageTime, WriteFloor};
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval-bench data --out /tmp/prefecture --orgs 20
  planeval-bench run --data /tmp/prefecture                   各阶段用时、与 calamine 解析下限之比、峰值内存
  planeval-bench run --data /tmp/prefecture --json            以 JSON 输出
  planeval-bench run --data /tmp/province --no-serial-floor   不测单线程下限（省一半时间）

请使用 release 构建（cargo run --release -p planeval-bench -- run …）。线程数由 RAYON_NUM_THREADS 决定（默认为 CPU 核数）。";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 报回的工作簿所在文件夹（由 bench-data 生成或真实文件）[folder of returned workbooks]
    #[arg(long, value_name = "DIR")]
    data: PathBuf,

    /// 测试用监测数据库文件夹（先清空）；默认在系统临时目录 [scratch store, emptied first]
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,

    /// 反馈和评估工作簿的输出文件夹（先清空）；默认在系统临时目录 [scratch output folder, emptied first]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// 评估阶段 [evaluation stage]
    #[arg(long, default_value = "midterm", value_parser = ["annual", "midterm", "final"])]
    stage: String,

    /// 不测单线程的解析下限 [skip the single-thread floor]
    #[arg(long)]
    no_serial_floor: bool,

    /// 在本进程内解析工作簿，不用读取子进程（量隔离的代价）
    /// [parse workbooks in this process, without reader workers (to measure what isolation costs)]
    #[arg(long)]
    pub in_process: bool,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,
}

pub fn run(plan: Option<&std::path::Path>, args: Args) -> Result<(), Error> {
    let cat = Catalog::load(plan)?;
    let files = collect_inputs(std::slice::from_ref(&args.data))?.files;
    let scratch = std::env::temp_dir().join(format!("planeval-bench-{}", std::process::id()));
    let opts = BenchOptions {
        store: args.store.clone().unwrap_or_else(|| scratch.join("store")),
        out: args.out.clone().unwrap_or_else(|| scratch.join("out")),
        serial_floor: !args.no_serial_floor,
        stage: Stage::from_key(&args.stage).unwrap_or(Stage::Midterm),
        // bench-data's areas file, when the data has one: the packages pass runs on it.
        areas: {
            let file = args.data.join(planeval_bench::generate::AREAS_FILE);
            if file.is_file() {
                Some(planeval::areas::Areas::from_path(&file)?)
            } else {
                None
            }
        },
    };
    let report = run_bench(&cat, &files, &opts);
    if args.store.is_none() && args.out.is_none() {
        let _ = std::fs::remove_dir_all(&scratch);
    }
    let report = report?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print_table(&args.data, &report);
    }
    Ok(())
}

fn row(s: &StageTime) -> String {
    format!(
        "| {} | {} | {:.2}× | {} | {:.0} | {:.0} | {} |",
        s.stage,
        fmt_s(s.seconds),
        s.ratio_to_floor,
        s.ratio_to_write_floor
            .map(|r| format!("{r:.2}×"))
            .unwrap_or_default(),
        s.workbooks_per_s,
        s.cells_per_s,
        s.note
    )
}

fn write_floor_row(what: &str, w: &WriteFloor, floor_s: f64, files: usize) -> String {
    format!(
        "| write floor: {what} | {} | {:.2}× | 1.00× | {:.0} | | {} bare workbooks, {} sheets, one cell each ({:.0} µs a workbook) |",
        fmt_s(w.seconds),
        w.seconds / floor_s.max(1e-9),
        files as f64 / w.seconds.max(1e-9),
        w.workbooks,
        w.sheets,
        w.seconds * 1e6 * rayon::current_num_threads() as f64 / w.workbooks.max(1) as f64
    )
}

fn print_table(data: &Path, r: &BenchReport) {
    println!(
        "{}: {} workbooks, {:.1} MB, {} cells ({} input cells), {} orgs, {} values stored, {} threads, readers {}",
        data.display(),
        r.files,
        r.bytes as f64 / 1e6,
        r.cells,
        r.input_cells,
        r.orgs,
        r.values_stored,
        r.threads,
        if planeval::intake::worker::in_use() { "in worker processes" } else { "in process" }
    );
    println!();
    println!("| stage | time | ÷ floor | ÷ write floor | workbooks/s | cells/s | note |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    if let Some(s) = r.floor_serial_s {
        println!(
            "| floor, 1 thread | {} | {:.2}× | | {:.0} | {:.0} | calamine open + worksheet_range, one thread |",
            fmt_s(s),
            s / r.floor_s.max(1e-9),
            r.files as f64 / s.max(1e-9),
            r.cells as f64 / s.max(1e-9)
        );
    }
    println!(
        "| **floor** | {} | 1.00× | | {:.0} | {:.0} | calamine open + worksheet_range, {} threads |",
        fmt_s(r.floor_s),
        r.files as f64 / r.floor_s.max(1e-9),
        r.cells as f64 / r.floor_s.max(1e-9),
        r.threads
    );
    for s in &r.stages {
        println!("{}", row(s));
    }
    for s in &r.levels {
        println!("{}", row(s));
    }
    println!("{}", row(&r.whole_without_writing));
    let mut whole = r.whole.clone();
    whole.stage = format!("**{}**", whole.stage);
    println!("{}", row(&whole));
    println!("{}", row(&r.per_return_feedback));
    println!("{}", row(&r.whole_with_feedback));
    println!("{}", row(&r.problem_feedback));
    println!("{}", row(&r.whole_with_problem_feedback));
    println!(
        "{}",
        write_floor_row(
            "evaluation outputs",
            &r.write_floor_outputs,
            r.floor_s,
            r.files
        )
    );
    println!(
        "{}",
        write_floor_row(
            "per-return feedback",
            &r.write_floor_feedback,
            r.floor_s,
            r.files
        )
    );
    println!();
    let st = &r.intake_steps_ns;
    let total = (st.file_read + st.sniff + st.parse + st.locate_and_read).max(1) as f64;
    let pct = |n: u64| 100.0 * n as f64 / total;
    println!(
        "intake, thread-summed: file read {:.0}%, sniff {:.0}%, calamine cells {:.0}%, locate + values {:.0}% (of which validation {:.0}%)",
        pct(st.file_read),
        pct(st.sniff),
        pct(st.parse),
        pct(st.locate_and_read),
        pct(st.validate)
    );
    match r.peak_rss_bytes {
        Some(b) => println!("peak memory (VmHWM): {:.0} MB", b as f64 / 1048576.0),
        None => println!("peak memory: n/a"),
    }
    match r.workers_peak_rss_bytes {
        Some(b) => println!(
            "reader workers: {} processes, peak memory (VmHWM) {:.0} MB together",
            r.workers,
            b as f64 / 1048576.0
        ),
        None => println!("reader workers: none (workbooks parsed in-process)"),
    }
}
