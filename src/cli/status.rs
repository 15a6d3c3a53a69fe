//! `planeval status`: completeness of one reporting year — which units returned, when, how many values,
//! which required indicators are still missing, and the overall completeness percentage.

use super::render::{heads, lang, shown, table, truncate};
use super::Globals;
use super::Status;
use planeval::areas::Areas;
use planeval::i18n::commands::CommandText::*;
use planeval::i18n::Lang;
use planeval::pipeline::status::{returns, AreaCompleteness, AreasCompleteness, Returns};
use planeval::report::messages::{indicator_name, plan_name, unit_name};
use planeval::store::lock;
use planeval::{Catalog, Error};
use std::path::PathBuf;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval status --store 监测数据库 --year 2023          各责任单位 2023 年度的报送情况和缺少的必填指标
  planeval status --store 监测数据库 --year 2023 --json   以 JSON 输出，供评估和定时任务使用

  planeval status --store 市监测数据库 --area 临汾市 --year 2023
                                                        市级数据库：临汾市下各县的报送情况（每个地区一行）

完整率 = 已有数值的必填指标 ÷ 全部必填指标（任何来源的现行值都算，包括基期及历年数据表）。
数据库中有多个地区时须用 --area 指定地区（名称或代码）；指定市或省时按下级地区逐个列出。";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval status --store store --year 2023
      each unit's 2023 returns and the required indicators still missing
  planeval status --store store --year 2023 --json
      print JSON for the evaluation and scheduled jobs

  planeval status --store city --area 临汾市 --year 2023
      a prefecture's store: the returns of each county below 临汾市 (one row an area)

Completeness = required indicators with a value ÷ all required indicators (a current value of
any source counts, the baseline and past-years sheet included). A store of several areas needs
--area (name or code); a prefecture or province lists the areas below it one by one.";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 监测数据库文件夹 [the store folder]
    #[arg(long, value_name = "DIR")]
    store: PathBuf,

    /// 填报年度 [the reporting year]
    #[arg(long, value_name = "YEAR")]
    year: i32,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,

    /// 地区（名称或代码）；数据库中只有一个地区时可省略。市、省：逐个列出其下级地区
    /// [the area; needed when the store holds several; a prefecture or province lists the areas below]
    #[arg(long, value_name = "NAME|CODE")]
    area: Option<String>,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let cat = Catalog::load(g.plan)?;
    let areas = Areas::load(g.areas)?;
    let found = returns(
        &cat,
        &areas,
        &args.store,
        args.area.as_deref(),
        args.year,
        g.lang,
    )?;
    if args.json {
        let json = match &found {
            Returns::Area { returns, .. } => serde_json::to_string_pretty(returns),
            Returns::Areas { returns, .. } => serde_json::to_string_pretty(returns),
        };
        println!("{}", json.unwrap_or_default());
        return Ok(Status::Ok);
    }
    match &found {
        Returns::Areas { label, returns } => print_areas(&cat, label, returns, &args),
        Returns::Area { label, returns } => print_area(&cat, label, returns, &args),
    }
    Ok(Status::Ok)
}

fn print_areas(cat: &Catalog, label: &str, r: &AreasCompleteness, args: &Args) {
    let l = lang();
    let (list, not_in_store) = (&r.areas, &r.not_in_store);
    println!(
        "{}",
        StatusAreasHead.say(
            l,
            &[
                ("plan", &plan_name(cat, l)),
                ("area", label),
                ("year", &r.year.to_string()),
                ("store", &args.store.display().to_string()),
            ]
        )
    );
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|a| {
            let c = &a.completeness;
            vec![
                a.area.clone(),
                a.code.clone().unwrap_or_else(|| "—".into()),
                format!("{}/{}", c.units_returned, c.units_expected),
                format!("{}/{}", c.required_present, c.required),
                format!("{:.1}%", c.percent),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &heads(&[
                ColArea,
                ColCode,
                ColUnitsReturned,
                ColRequiredReported,
                ColCompleteness
            ]),
            &rows
        )
    );
    if !not_in_store.is_empty() {
        let areas = not_in_store.join(ListSeparator.text(l));
        println!(
            "{}",
            StatusNotInStore.say(
                l,
                &[
                    ("n", &not_in_store.len().to_string()),
                    ("areas", &shown(&areas))
                ]
            )
        );
    }
}

fn print_area(cat: &Catalog, label: &str, r: &AreaCompleteness, args: &Args) {
    let l = lang();
    let c = &r.completeness;
    println!(
        "{}",
        StatusHead.say(
            l,
            &[
                ("plan", &plan_name(cat, l)),
                ("area", &shown(label)),
                ("year", &c.year.to_string()),
                ("store", &args.store.display().to_string()),
            ]
        )
    );
    if let Some(h) = lock::holder(&args.store) {
        println!(
            "{}",
            StatusBeingWritten.say(
                l,
                &[
                    ("pid", &h.pid.to_string()),
                    ("host", &h.host),
                    ("since", &h.started_at)
                ]
            )
        );
    }
    let rows: Vec<Vec<String>> = c
        .units
        .iter()
        .map(|u| {
            let last = u.files.last();
            let missing = if u.missing.is_empty() {
                if u.required == 0 {
                    "—".to_string()
                } else {
                    StatusNoneMissing.text(l).to_string()
                }
            } else {
                truncate(
                    &StatusMissing.say(
                        l,
                        &[
                            ("n", &u.missing.len().to_string()),
                            (
                                "list",
                                &u.missing
                                    .iter()
                                    .map(|m| {
                                        let name = match l {
                                            Lang::Zh => m.name.clone(),
                                            Lang::En => indicator_name(cat, &m.code, l),
                                        };
                                        CodeAndName.say(l, &[("code", &m.code), ("name", &name)])
                                    })
                                    .collect::<Vec<_>>()
                                    .join(ListSeparator.text(l)),
                            ),
                        ],
                    ),
                    70,
                )
            };
            vec![
                unit_name(cat, &u.unit, l),
                if u.returned {
                    StatusReturned.text(l).into()
                } else {
                    StatusNotReturned.text(l).into()
                },
                last.map(|f| {
                    if u.files.len() > 1 {
                        StatusFiles.say(
                            l,
                            &[
                                ("file", &truncate(&f.file, 30)),
                                ("n", &u.files.len().to_string()),
                            ],
                        )
                    } else {
                        truncate(&f.file, 36)
                    }
                })
                .unwrap_or_else(|| "—".into()),
                last.map(|f| f.ingested_at.clone())
                    .unwrap_or_else(|| "—".into()),
                u.values.to_string(),
                format!("{}/{}", u.required - u.missing.len(), u.required),
                missing,
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &heads(&[
                ColResponsibleUnit,
                ColReturned,
                ColLatestFile,
                ColIngestedAt,
                ColValue,
                ColRequiredReported,
                ColMissingRequired
            ]),
            &rows
        )
    );
    let count = |n: usize| n.to_string();
    println!(
        "{}",
        StatusTotals.say(
            l,
            &[
                ("returned", &count(c.units_returned)),
                ("expected", &count(c.units_expected)),
                ("present", &count(c.required_present)),
                ("required", &count(c.required)),
                ("percent", &format!("{:.1}", c.percent)),
            ]
        )
    );
}
