//! `planeval history`: how each value of one indicator came to be — every revision with its file, cell,
//! raw text and time, which one is current, and the cells that were rejected on the way.

use super::render::{heads, table, truncate};
use super::tell::breakdown;
use super::Globals;
use super::Status;
use planeval::areas::Areas;
use planeval::catalog::target::fmt_num;
use planeval::i18n::commands::CommandText::{self, *};
use planeval::pipeline::history::{history, HistoryConfig};
use planeval::report::messages::{indicator_name, unit_symbol};
use planeval::{Catalog, Error};
use std::path::PathBuf;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval history --store 监测数据库 --indicator maternal_mortality             一个指标历年的每个数值及其来历
  planeval history --store 监测数据库 --indicator maternal_mortality --year 2023 只看一个年度
  planeval history --store 监测数据库 --indicator maternal_mortality --json      以 JSON 输出
  planeval history --store 市监测数据库 --area 古县 --indicator maternal_mortality
                                                                         多地区的数据库：一个地区（名称或代码）的数值

“当前”是该数值的现行值；“已更正”是被后来的报表取代、保留在历史中的值；“隔离”是有误未入库的单元格。";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval history --store store --indicator maternal_mortality
      every value of an indicator over the years, and where each came from
  planeval history --store store --indicator maternal_mortality --year 2023 one year only
  planeval history --store store --indicator maternal_mortality --json
      print JSON
  planeval history --store city --area 古县 --indicator maternal_mortality
      a store of several areas: one area's values (name or code)

\"current\" is the value in force; \"corrected\" a value a later return replaced, kept in the
history; \"quarantined\" a cell with an error that was not stored.";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 监测数据库文件夹 [the store folder]
    #[arg(long, value_name = "DIR")]
    store: PathBuf,

    /// 指标编码（见 planeval catalog）[indicator code]
    #[arg(long, value_name = "CODE")]
    indicator: String,

    /// 只看该年度 [only this year]
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,

    /// 只看该填报单位报送的数值（接受别名）[only values reported by this unit]
    #[arg(long, value_name = "NAME")]
    unit: Option<String>,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,

    /// 地区（名称或代码）：该地区及其下级地区的数值；数据库中只有一个地区时可省略
    /// [the area (and the areas below it); needed when the store holds several]
    #[arg(long, value_name = "NAME|CODE")]
    area: Option<String>,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let l = g.lang;
    let cat = Catalog::load(g.plan)?;
    let areas = Areas::load(g.areas)?;
    let cfg = HistoryConfig {
        store: args.store,
        indicator: args.indicator,
        year: args.year,
        unit: args.unit,
        area: args.area,
    };
    let Some(history) = history(&cat, &areas, &cfg)? else {
        let error = CommandText::HistoryUnknownIndicator.say(l, &[("code", &cfg.indicator)]);
        eprintln!("{}", CommandText::ErrorLine.say(l, &[("error", &error)]));
        return Ok(Status::Failure);
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&history)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
        return Ok(Status::Ok);
    }
    let (name, unit) = match cat.indicator(&history.indicator) {
        Some(_) => (
            indicator_name(&cat, &history.indicator, l),
            unit_symbol(&cat, &history.indicator, l),
        ),
        None => (
            history.name.clone().unwrap_or_default(),
            history.unit.clone().unwrap_or_default(),
        ),
    };
    println!(
        "{}",
        CommandText::HistoryHead.say(
            l,
            &[
                ("code", &history.indicator),
                ("name", &name),
                ("unit", &unit)
            ]
        )
    );
    if history.values.is_empty() {
        println!("{}", CommandText::HistoryNoValues.text(l));
    } else {
        let rows: Vec<Vec<String>> = history
            .values
            .iter()
            .map(|e| {
                vec![
                    e.org.clone(),
                    e.year.to_string(),
                    breakdown(&e.sex, &e.area, &e.field),
                    fmt_num(e.value),
                    if e.status == "current" {
                        CommandText::HistoryCurrent.text(l).into()
                    } else {
                        CommandText::HistorySuperseded.text(l).into()
                    },
                    e.reporting_unit.clone(),
                    truncate(
                        &match &e.package {
                            Some(p) => CommandText::SourceInPackage.say(
                                l,
                                &[
                                    ("cell", &format!("{}!{}!{}", e.file, e.sheet, e.cell)),
                                    ("package", p),
                                ],
                            ),
                            None => format!("{}!{}!{}", e.file, e.sheet, e.cell),
                        },
                        64,
                    ),
                    truncate(&e.raw, 16),
                    e.ingested_at.clone(),
                    e.revision.to_string(),
                ]
            })
            .collect();
        print!(
            "{}",
            table(
                &heads(&[
                    ColArea,
                    ColYear,
                    ColGroup,
                    ColValue,
                    ColStatus,
                    ColReportingUnit,
                    ColSourceAndPackage,
                    ColRaw,
                    ColIngestedAt,
                    ColRevision
                ]),
                &rows
            )
        );
    }
    if !history.rejected.is_empty() {
        println!("\n{}", CommandText::HistoryQuarantined.text(l));
        let rows: Vec<Vec<String>> = history
            .rejected
            .iter()
            .map(|q| {
                vec![
                    q.org.clone(),
                    q.year.to_string(),
                    q.code.clone(),
                    truncate(q.raw.as_deref().unwrap_or(""), 16),
                    truncate(&format!("{}!{}!{}", q.file, q.sheet, q.cell), 48),
                    q.ingested_at.clone(),
                    q.revision.to_string(),
                    truncate(&q.message, 40),
                ]
            })
            .collect();
        print!(
            "{}",
            table(
                &heads(&[
                    ColArea,
                    ColYear,
                    ColCode,
                    ColRaw,
                    ColLocation,
                    ColIngestedAt,
                    ColRevision,
                    ColProblem
                ]),
                &rows
            )
        );
    }
    Ok(Status::Ok)
}
