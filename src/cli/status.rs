//! `planeval status`: completeness of one reporting year — which units returned, when, how many values,
//! which required indicators are still missing, and the overall completeness percentage.

use super::render::{table, truncate};
use super::Status;
use planeval::store::completeness::completeness;
use planeval::store::{lock, Store};
use planeval::{Catalog, Error};
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval status --store 监测数据库 --year 2023          各责任单位 2023 年度的报送情况和缺少的必填指标
  planeval status --store 监测数据库 --year 2023 --json   以 JSON 输出，供评估和定时任务使用

完整率 = 已有数值的必填指标 ÷ 全部必填指标（任何来源的现行值都算，包括基期及历年数据表）。";

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
}

pub fn run(plan: Option<&Path>, args: Args) -> Result<Status, Error> {
    let cat = Catalog::load(plan)?;
    let store = Store::open(&args.store)?;
    let current = store.current_panel()?;
    let c = completeness(&cat, store.manifest(), &current, args.year);

    if args.json {
        println!("{}", serde_json::to_string_pretty(&c).unwrap_or_default());
        return Ok(Status::Ok);
    }
    println!(
        "{}　{} 年度报送情况（监测数据库 {}）",
        cat.plan.name,
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
    Ok(Status::Ok)
}
