//! `planeval history`: how each value of one indicator came to be — every revision with its file, cell,
//! raw text and time, which one is current, and the cells that were rejected on the way.

use super::render::{table, truncate};
use super::tell::breakdown;
use super::Globals;
use super::Status;
use planeval::areas::{select::select, Areas};
use planeval::catalog::target::fmt_num;
use planeval::store::query::Filter;
use planeval::store::{panel, Store};
use planeval::{Catalog, Error};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval history --store 监测数据库 --indicator maternal_mortality             一个指标历年的每个数值及其来历
  planeval history --store 监测数据库 --indicator maternal_mortality --year 2023 只看一个年度
  planeval history --store 监测数据库 --indicator maternal_mortality --json      以 JSON 输出
  planeval history --store 市监测数据库 --area 古县 --indicator maternal_mortality
                                                                         多地区的数据库：一个地区（名称或代码）的数值

“当前”是该数值的现行值；“已更正”是被后来的报表取代、保留在历史中的值；“隔离”是有误未入库的单元格。";

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

#[derive(Serialize)]
struct Entry {
    /// The area (单位（地区）) as its return wrote it.
    org: String,
    year: i32,
    sex: String,
    area: String,
    field: String,
    reporting_unit: String,
    value: f64,
    raw: String,
    file: String,
    sha256: String,
    sheet: String,
    cell: String,
    source: Option<String>,
    ingested_at: String,
    revision: u32,
    /// The 报送包 that brought the value, when it came from a lower level's store (its file name).
    #[serde(skip_serializing_if = "Option::is_none")]
    package: Option<String>,
    /// `current` or `superseded`.
    status: &'static str,
}

#[derive(Serialize)]
struct Rejected {
    org: String,
    year: i32,
    reporting_unit: String,
    code: String,
    message: String,
    raw: Option<String>,
    file: String,
    sheet: String,
    cell: String,
    ingested_at: String,
    revision: u32,
}

#[derive(Serialize)]
struct History {
    indicator: String,
    name: Option<String>,
    unit: Option<String>,
    values: Vec<Entry>,
    rejected: Vec<Rejected>,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let (plan, areas) = (g.plan, g.areas);
    let cat = Catalog::load(plan)?;
    let areas = Areas::load(areas)?;
    let store = Store::open(&args.store)?;
    let sel = select(
        &areas,
        &store.areas(&areas)?,
        args.area.as_deref(),
        &args.store,
        &cat.plan.region,
    )?;
    let ind = cat.indicator(&args.indicator);
    let unit = match &args.unit {
        Some(u) => Some(cat.require_unit(u)?),
        None => None,
    };
    let indicators = [args.indicator.clone()];
    let years: Vec<i32> = args.year.into_iter().collect();
    let filter = Filter {
        orgs: Some(&sel.within),
        years: &years,
        indicators: &indicators,
        reporting_unit: unit.as_deref(),
        ..Default::default()
    };
    // Every revision of the indicator's keys: which is current is decided among them (every column of
    // the filter is a key column).
    let all = if sel.within.is_empty() {
        Vec::new()
    } else {
        store.query_panel(&filter, false)?
    };
    let rows: Vec<_> = all.iter().collect();
    let current: HashMap<panel::PanelKey, u32> = panel::current(&all)
        .into_iter()
        .map(|r| (r.key(), r.revision))
        .collect();
    let quarantine = if sel.within.is_empty() {
        Vec::new()
    } else {
        store.query_quarantine(&Filter {
            orgs: Some(&sel.within),
            ..Default::default()
        })?
    };
    let rejected: Vec<Rejected> = quarantine
        .into_iter()
        .filter(|q| q.indicator.as_deref() == Some(args.indicator.as_str()))
        .filter(|q| args.year.is_none_or(|y| q.year == y))
        .filter(|q| unit.as_deref().is_none_or(|u| q.reporting_unit == u))
        .map(|q| Rejected {
            org: q.org,
            year: q.year,
            reporting_unit: q.reporting_unit,
            code: q.code,
            message: q.message,
            raw: q.raw,
            file: q.source_file,
            sheet: q.sheet,
            cell: q.cell,
            ingested_at: q.ingested_at,
            revision: q.revision,
        })
        .collect();
    if ind.is_none() && rows.is_empty() && rejected.is_empty() {
        eprintln!(
            "planeval: 错误：计划中没有指标“{}”，监测数据库中也没有它的数值；指标编码见 planeval catalog",
            args.indicator
        );
        return Ok(Status::Failure);
    }
    let package_of: std::collections::HashMap<u32, &str> = store
        .manifest()
        .files
        .iter()
        .filter_map(|f| f.package.as_ref().map(|p| (f.revision, p.name.as_str())))
        .collect();
    let mut values: Vec<Entry> = rows
        .into_iter()
        .map(|r| Entry {
            package: package_of.get(&r.revision).map(|p| p.to_string()),
            status: if current.get(&r.key()) == Some(&r.revision) {
                "current"
            } else {
                "superseded"
            },
            org: r.org.clone(),
            year: r.year,
            sex: r.sex.clone(),
            area: r.area.clone(),
            field: r.field.clone(),
            reporting_unit: r.reporting_unit.clone(),
            value: r.value,
            raw: r.raw.clone(),
            file: r.source_file.clone(),
            sha256: r.sha256.clone(),
            sheet: r.sheet.clone(),
            cell: r.cell.clone(),
            source: r.source.clone(),
            ingested_at: r.ingested_at.clone(),
            revision: r.revision,
        })
        .collect();
    let order = |s: &str, all: &[&str]| all.iter().position(|x| *x == s).unwrap_or(all.len());
    values.sort_by(|a, b| {
        (
            &a.org,
            a.year,
            order(&a.field, &panel::FIELDS),
            order(&a.sex, &panel::SEXES),
            order(&a.area, &panel::AREAS),
            &a.reporting_unit,
            a.revision,
        )
            .cmp(&(
                &b.org,
                b.year,
                order(&b.field, &panel::FIELDS),
                order(&b.sex, &panel::SEXES),
                order(&b.area, &panel::AREAS),
                &b.reporting_unit,
                b.revision,
            ))
    });
    let history = History {
        indicator: args.indicator.clone(),
        name: ind.map(|i| i.name.clone()),
        unit: ind.map(|i| i.unit_symbol.clone()),
        values,
        rejected,
    };

    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&history)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
        return Ok(Status::Ok);
    }
    println!(
        "{} {}（{}）",
        history.indicator,
        history.name.as_deref().unwrap_or(""),
        history.unit.as_deref().unwrap_or("")
    );
    if history.values.is_empty() {
        println!("监测数据库中没有该指标的数值");
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
                        "当前".into()
                    } else {
                        "已更正".into()
                    },
                    e.reporting_unit.clone(),
                    truncate(
                        &match &e.package {
                            Some(p) => format!("{}!{}!{}（{p}）", e.file, e.sheet, e.cell),
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
                &[
                    "地区",
                    "年份",
                    "分组",
                    "数值",
                    "状态",
                    "填报单位",
                    "来源（文件!工作表!单元格，及报送包）",
                    "原文",
                    "入库时间",
                    "修订号"
                ],
                &rows
            )
        );
    }
    if !history.rejected.is_empty() {
        println!("\n隔离（有误未入库或被标记）的单元格：");
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
                &[
                    "地区",
                    "年份",
                    "代码",
                    "原文",
                    "位置",
                    "入库时间",
                    "修订号",
                    "问题"
                ],
                &rows
            )
        );
    }
    Ok(Status::Ok)
}
