//! `planeval status`: completeness of one reporting year — which units returned, when, how many values,
//! which required indicators are still missing, and the overall completeness percentage.

use super::render::{shown, table, truncate};
use super::Globals;
use super::Status;
use planeval::areas::Areas;
use planeval::pipeline::status::{returns, AreaCompleteness, AreasCompleteness, Returns};
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
    let found = returns(&cat, &areas, &args.store, args.area.as_deref(), args.year)?;
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
    let (list, not_in_store) = (&r.areas, &r.not_in_store);
    println!(
        "{}　{}　{} 年度各地区报送情况（监测数据库 {}）",
        cat.plan.name,
        label,
        r.year,
        args.store.display()
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
        table(&["地区", "代码", "已报送单位", "必填已报", "完整率"], &rows)
    );
    if !not_in_store.is_empty() {
        println!(
            "数据库中没有数据的下级地区 {} 个：{}",
            not_in_store.len(),
            shown(&not_in_store.join("、"))
        );
    }
}

fn print_area(cat: &Catalog, label: &str, r: &AreaCompleteness, args: &Args) {
    let c = &r.completeness;
    println!(
        "{}　{}　{} 年度报送情况（监测数据库 {}）",
        cat.plan.name,
        shown(label),
        c.year,
        args.store.display()
    );
    if let Some(h) = lock::holder(&args.store) {
        println!(
            "注意：进程 {}（{}）自 {} 起正在写入，以下为写入前的状态",
            h.pid, h.host, h.started_at
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
                    "无".to_string()
                }
            } else {
                truncate(
                    &format!(
                        "{} 项：{}",
                        u.missing.len(),
                        u.missing
                            .iter()
                            .map(|m| format!("{}（{}）", m.code, m.name))
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    70,
                )
            };
            vec![
                u.unit.clone(),
                if u.returned {
                    "已报送".into()
                } else {
                    "未报送".into()
                },
                last.map(|f| {
                    if u.files.len() > 1 {
                        format!("{}（共 {} 份）", truncate(&f.file, 30), u.files.len())
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
            &[
                "责任单位",
                "报送",
                "文件（最近一份）",
                "入库时间",
                "数值",
                "必填已报",
                "缺少的必填指标"
            ],
            &rows
        )
    );
    println!(
        "已报送 {}/{} 个单位；必填指标 {}/{} 项有数值，完整率 {:.1}%",
        c.units_returned, c.units_expected, c.required_present, c.required, c.percent
    );
}
