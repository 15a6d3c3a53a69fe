//! `planeval-bench data`: write synthetic returned workbooks (N organisations × units × years) with a
//! share of typical mistakes, deterministic by seed, for `planeval-bench run` and tests.

use planeval::{Catalog, Error};
use planeval_bench::generate::{generate, GenSpec};
use std::path::PathBuf;
use std::time::Instant;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval-bench data --out /tmp/county --orgs 1                      一个县 5 年的报表（约 25 个工作簿）
  planeval-bench data --out /tmp/prefecture --orgs 20                  一个市（约 500 个工作簿）
  planeval-bench data --out /tmp/province --orgs 120 --mistakes 0.05   一个省（约 3,000 个工作簿）
  planeval-bench data --out /tmp/x --orgs 2 --year 2023 --seed 7      只生成一个年度

文件写入 DIR/<单位（地区）>/填报-<单位>-<年度>.xlsx，另有 DIR/bench-data.json 记录参数和植入的错误数。";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 输出文件夹 [output folder]
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// 单位（地区）个数，如县的个数 [number of organisations]
    #[arg(long, value_name = "N", default_value_t = 1)]
    orgs: usize,

    /// 年度范围，如 2021..2025 [years, e.g. 2021..2025]
    #[arg(long, value_name = "A..B", conflicts_with = "year", value_parser = parse_range)]
    years: Option<(i32, i32)>,

    /// 只生成一个年度 [a single year]
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,

    /// 含典型错误的单元格比例 [share of filled cells with a typical mistake]
    #[arg(long, value_name = "SHARE", default_value_t = 0.05)]
    mistakes: f64,

    /// 随机种子：相同种子生成相同的文件 [seed: the same seed gives the same files]
    #[arg(long, default_value_t = 42)]
    seed: u64,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,
}

fn parse_range(text: &str) -> Result<(i32, i32), String> {
    let bad = || format!("年度范围“{text}”应写成 2021..2025");
    let (a, b) = text.split_once("..").ok_or_else(bad)?;
    let a: i32 = a.trim().parse().map_err(|_| bad())?;
    let b: i32 = b
        .trim()
        .trim_start_matches('=')
        .parse()
        .map_err(|_| bad())?;
    if a > b {
        return Err(bad());
    }
    Ok((a, b))
}

pub fn run(plan: Option<&std::path::Path>, args: Args) -> Result<(), Error> {
    let cat = Catalog::load(plan)?;
    let years: Vec<i32> = match (args.year, args.years) {
        (Some(y), _) => vec![y],
        (None, Some((a, b))) => (a..=b).collect(),
        (None, None) => (cat.plan.baseline_year + 1..=cat.plan.final_year).collect(),
    };
    for y in &years {
        cat.check_reporting_year(*y)?;
    }
    let spec = GenSpec {
        orgs: args.orgs,
        years,
        mistakes: args.mistakes.clamp(0.0, 1.0),
        seed: args.seed,
    };
    let t = Instant::now();
    let summary = generate(&cat, &args.out, &spec)?;
    let took = t.elapsed().as_secs_f64();
    if args.json {
        let out = serde_json::json!({ "out": args.out.display().to_string(), "spec": spec, "summary": summary, "seconds": took });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        println!(
            "已生成 {} 个工作簿（{} 个单位（地区）× {} 个年度），共 {:.1} MB，{} 个填报单元格（数值 {} 个，其中 {} 个含典型错误，{:.1}%）；用时 {:.1} 秒",
            summary.files,
            spec.orgs,
            spec.years.len(),
            summary.bytes as f64 / 1e6,
            summary.cells_filled,
            summary.numeric_cells,
            summary.mistakes,
            100.0 * summary.mistakes as f64 / summary.numeric_cells.max(1) as f64,
            took
        );
        for (k, n) in &summary.mistakes_by_kind {
            println!("  {k}: {n}");
        }
        println!("输出：{}", args.out.display());
    }
    Ok(())
}
