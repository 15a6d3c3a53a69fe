//! `planeval template`: write the blank department workbooks (填报模板) of a reporting year, one per
//! responsible unit.

use super::render::lang;
use super::Globals;
use super::Status;
use planeval::catalog::Catalog;
use planeval::fsutil::write_atomic;
use planeval::i18n::commands::CommandText::*;
use planeval::report::messages::unit_name;
use planeval::template::previous::{previous_values, PreviousValues};
use planeval::template::set::{write_set, TemplateSet};
use planeval::template::writer::units_with_work;
use planeval::Error;
use serde::Serialize;
use std::path::PathBuf;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval template --year 2023 --out 模板2023                 为每个有填报任务的责任单位各生成一个工作簿
  planeval template --year 2023 --out 模板2023 --unit 卫健局    只生成一个单位的（也接受别名）
  planeval template --year 2023 --out 模板2023 --deadline 2024年1月31日
                                                              在“填报说明”中写明报送截止日期
  planeval template --year 2023 --out 模板2023 --json          以 JSON 列出生成的文件
  planeval template --year 2024 --out 模板2024 --store 监测数据库  填入基期值和上年值（2023 年），供单位自行核对
  planeval template --baseline --out 模板                      基期及历年数据表（长表），用 ingest --baseline 入库
  planeval template --baseline --year 2024 --out 模板          同上，含基期年和 2021–2023 年

文件名为 填报-{单位}-{年度}.xlsx；年度须在规划期内或为基期年。
--baseline 生成 基期及历年数据.xlsx：基期年及规划期内 --year 之前各年（默认到中期评估年之前）。";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval template --year 2023 --out templates-2023
      one workbook for each unit with indicators to report
  planeval template --year 2023 --out templates-2023 --unit 卫健局
      one unit's only (aliases work too)
  planeval template --year 2023 --out templates-2023 --deadline 2024年1月31日
      the deadline written in the instructions
  planeval template --year 2023 --out templates-2023 --json
      list the files written as JSON
  planeval template --year 2024 --out templates-2024 --store store
      with the baseline and last year's (2023) values filled in for the units to check
  planeval template --baseline --out templates
      the baseline and past-years sheet (long form), stored with ingest --baseline
  planeval template --baseline --year 2024 --out templates
      the same, with the baseline year and 2021–2023

Files are named 填报-{unit}-{year}.xlsx; the year must be in the plan period or the baseline year.
--baseline writes 基期及历年数据.xlsx: the baseline year and the plan years before --year (by default,
up to the mid-term year).";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 填报年度（规划期内的年份或基期年）；与 --baseline 同用时，表中含该年之前的各年
    /// [reporting year: within the plan period, or the baseline year; with --baseline, the years before it]
    #[arg(long, value_name = "YEAR", required_unless_present = "baseline")]
    year: Option<i32>,

    /// 生成基期及历年数据表（长表：指标 × 年份 × 分组，每行一个数值）而不是各单位的填报工作簿
    /// [write the long-format sheet of baseline and earlier years instead]
    #[arg(long, conflicts_with_all = ["unit", "org", "deadline"])]
    baseline: bool,

    /// 输出目录，不存在时自动创建 [output folder, created if missing]
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// 只生成该责任单位的工作簿（接受别名）[only this unit's workbook; aliases work]
    #[arg(long, value_name = "NAME")]
    unit: Option<String>,

    /// 表头中的“单位（地区）”，默认为规划的地区 [organisation or area in the header; default: the plan's region]
    #[arg(long, value_name = "NAME")]
    org: Option<String>,

    /// 报送截止日期，写入“填报说明”，如 2024年1月31日 [deadline shown on the instructions sheet]
    #[arg(long, value_name = "TEXT")]
    deadline: Option<String>,

    /// 监测数据库：从中取基期值和上年值填入模板，供填报单位自行核对（与上年相比变化过大时会提示）
    /// [the monitoring store: fill in each indicator's baseline and last year's value]
    #[arg(long, value_name = "DIR", conflicts_with = "baseline")]
    store: Option<PathBuf>,

    /// 以 JSON 输出生成的文件列表 [print JSON]
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Written {
    path: String,
    unit: String,
    indicators: usize,
    qualitative: usize,
}

#[derive(Serialize)]
struct Report {
    files: Vec<Written>,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let plan = g.plan;
    let cat = Catalog::load(plan)?;
    if args.baseline {
        return run_baseline(&cat, &args);
    }
    let Some(year) = args.year else {
        // clap asks for --year unless --baseline is given.
        let error = TemplateNeedsYear.text(lang());
        eprintln!("{}", ErrorLine.say(lang(), &[("error", error)]));
        return Ok(Status::Failure);
    };
    cat.check_reporting_year(year)?;
    let units = match &args.unit {
        Some(name) => vec![cat.require_unit(name)?],
        None => units_with_work(&cat),
    };
    let org = args.org.clone().unwrap_or_else(|| cat.plan.region.clone());
    let previous = match &args.store {
        Some(dir) => {
            let store = planeval::store::Store::open(dir)?;
            previous_values(&cat, &store.current_panel_of(&org)?, &org, year)
        }
        None => PreviousValues::default(),
    };
    if args.store.is_some() && !args.json {
        println!(
            "{}",
            TemplatePrevious.say(
                lang(),
                &[
                    ("baseline", &previous.baseline.len().to_string()),
                    ("baseline_year", &cat.plan.baseline_year.to_string()),
                    ("last", &previous.last_year.len().to_string()),
                    ("last_year", &(year - 1).to_string()),
                ]
            )
        );
    }

    let set = TemplateSet {
        year,
        org: &org,
        units,
        deadline: args.deadline.clone(),
        previous: &previous,
    };
    let mut files = Vec::new();
    for t in write_set(&cat, &set, &args.out)? {
        if !args.json {
            if t.is_empty() {
                let note = TemplateEmpty.say(lang(), &[("unit", &t.unit)]);
                eprintln!("{}", NoteLine.say(lang(), &[("note", &note)]));
            }
            let count = |n: usize| n.to_string();
            println!(
                "{}",
                TemplateWritten.say(
                    lang(),
                    &[
                        ("path", &t.path.display().to_string()),
                        ("unit", &unit_name(&cat, &t.unit, lang())),
                        ("indicators", &count(t.lead + t.cooperating)),
                        ("lead", &count(t.lead)),
                        ("cooperating", &count(t.cooperating)),
                        ("qualitative", &count(t.qualitative)),
                    ]
                )
            );
        }
        files.push(Written {
            path: t.path.display().to_string(),
            indicators: t.lead + t.cooperating,
            qualitative: t.qualitative,
            unit: t.unit,
        });
    }

    if args.json {
        let report = Report { files };
        // Plain strings and numbers: serialising cannot fail.
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else if files.is_empty() {
        println!("{}", TemplateNoUnits.text(lang()));
    } else {
        println!(
            "{}",
            TemplateDone.say(
                lang(),
                &[
                    ("n", &files.len().to_string()),
                    ("year", &year.to_string()),
                    ("dir", &args.out.display().to_string()),
                ]
            )
        );
    }
    Ok(Status::Ok)
}

/// `--baseline`: the long-format sheet of the baseline year and the plan years before `--year`.
fn run_baseline(cat: &Catalog, args: &Args) -> Result<Status, Error> {
    use planeval::store::baseline;
    if let Some(y) = args.year {
        cat.check_reporting_year(y)?;
    }
    let years = baseline::template_years(cat, args.year);
    let bytes = baseline::build_template(cat, &years).map_err(Error::Xlsx)?;
    let path = args.out.join(baseline::FILE_NAME);
    write_atomic(&path, &bytes)?;
    let years_text = years
        .iter()
        .map(|y| format!("{y}"))
        .collect::<Vec<_>>()
        .join(ListSeparator.text(lang()));
    if args.json {
        let report = serde_json::json!({ "files": [{ "path": path.display().to_string(), "years": years }] });
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        println!(
            "{}",
            TemplateBaselineWritten.say(
                lang(),
                &[
                    ("path", &path.display().to_string()),
                    ("years", &years_text)
                ]
            )
        );
    }
    Ok(Status::Ok)
}
