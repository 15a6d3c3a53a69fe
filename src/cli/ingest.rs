//! `planeval ingest`: check returned workbooks (and baseline sheets) as `check` does, then append every
//! accepted value to the monitoring store, with rejected cells in its quarantine.
//!
//! Re-ingesting a file already in the store (same SHA-256) is a no-op that says which revision had it.
//! The store is written atomically and locked while this runs; a second writer exits with code 3.

use super::render::{diagnostic_summary, error_line, input_notes_text, lang};
use super::tell::{revisions, Teller};
use super::Globals;
use super::Status;
use planeval::areas::Areas;
use planeval::i18n::{commands::CommandText, ingest::IngestText};
use planeval::intake::OtherYears;
use planeval::pipeline::ingest::{ingest, IngestConfig, Ingested};
use planeval::{Catalog, Error};
use std::path::PathBuf;

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

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval ingest returns/ --store store --year 2023
      check and store every returned workbook in a folder
  planeval ingest returns/卫健体局-更正.xlsx --store store
      store a corrected return (it replaces the unit's values of that year)
  planeval ingest --store store --baseline baseline.xlsx
      store the baseline (2020) and past years (long form, xlsx or csv)
  planeval ingest returns/ --store store --json
      print the result as JSON
  planeval --areas areas.csv ingest --package gu-2023.pepkg --store city
      a prefecture stores a county's package (values keep their file!sheet!cell)

The same file (same SHA-256), or a package of the same content, stored again changes nothing; a
newer package of the same area and year replaces an older one (the old values stay in the
history). An altered or damaged package, or one of another plan, is refused and the store is
left as it was. A store being written by another process is not touched.
Exit codes: 0 ok · 1 some files have data errors (the other values are stored) · 2 cannot run ·
  3 the store is being written by another process";

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

impl Args {
    fn config(&self) -> IngestConfig {
        IngestConfig {
            inputs: self.inputs.clone(),
            store: self.store.clone(),
            year: self.year,
            other_years: self.other_years.into(),
            baseline: self.baseline.clone(),
            packages: self.package.clone(),
        }
    }
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let cat = Catalog::load(g.plan)?;
    let areas = Areas::load(g.areas)?;
    let mut teller = Teller {
        print: !args.json,
        verbose: args.verbose,
    };
    let done = match ingest(&cat, &areas, &args.config(), &mut |e| teller.tell(e)) {
        Err(err @ Error::StoreLocked { .. }) => {
            eprintln!("{}", error_line(&err));
            return Ok(Status::Locked);
        }
        other => other?,
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&done)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
    } else if done.found_nothing() {
        let inputs: Vec<String> = args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let l = lang();
        println!(
            "{}",
            IngestText::NothingFound.say(
                l,
                &[
                    ("inputs", &inputs.join(CommandText::ListSeparator.text(l))),
                    ("store", &args.store.display().to_string())
                ]
            )
        );
    } else {
        print!("{}", input_notes_text(&done.inputs, args.verbose));
        print_totals(&done);
    }
    Ok(done.status())
}

/// The closing line: files, revisions, values, problems.
fn print_totals(done: &Ingested) {
    let l = lang();
    let summary = &done.summary;
    let revisions = match revisions(&summary.revisions) {
        r if r.is_empty() => r,
        r => format!("{}{r}", IngestText::Comma.text(l)),
    };
    let other_year = if summary.other_year > 0 {
        IngestText::TotalsOtherYear.say(l, &[("n", &summary.other_year.to_string())])
    } else {
        String::new()
    };
    let packages = if summary.packages > 0 {
        IngestText::TotalsPackages.say(
            l,
            &[
                ("packages", &summary.packages.to_string()),
                ("ingested", &summary.packages_ingested.to_string()),
            ],
        )
    } else {
        String::new()
    };
    let count = |n: usize| n.to_string();
    println!(
        "{}",
        IngestText::Totals.say(
            l,
            &[
                ("files", &count(summary.files + summary.packages)),
                ("packages", &packages),
                (
                    "ingested",
                    &count(summary.ingested + summary.packages_ingested)
                ),
                ("revisions", &revisions),
                (
                    "skipped",
                    &count(summary.already_ingested + summary.packages - summary.packages_ingested)
                ),
                ("other_year", &other_year),
                ("added", &count(summary.values_added)),
                ("superseded", &count(summary.values_superseded)),
                ("unchanged", &count(summary.values_unchanged)),
                ("rejected", &count(summary.rejected)),
                ("problems", &diagnostic_summary(&done.all_diagnostics())),
            ]
        )
    );
    println!(
        "{}",
        IngestText::StoreLine.say(l, &[("store", &done.store)])
    );
}
