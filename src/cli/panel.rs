//! `planeval panel`: the current monitoring panel for statisticians — long (one row per value with its
//! provenance) or wide (indicators × years) — printed, as JSON, or exported to xlsx / csv / parquet.

use super::render::{table, truncate};
use super::tell::breakdown;
use super::Globals;
use super::Status;
use planeval::areas::Areas;
use planeval::pipeline::panel::{export_long, export_wide, panel, PanelConfig};
use planeval::store::export::{self, ExportFormat};
use planeval::store::{panel, PanelRow};
use planeval::{Catalog, Error};
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval panel --store 监测数据库                                  在终端列出全部现行数值（长表）
  planeval panel --store 监测数据库 --wide                           指标 × 年份 的宽表
  planeval panel --store 监测数据库 --wide --export 监测面板.xlsx    导出宽表工作簿（计量单位、小数位、冻结表头）
  planeval panel --store 监测数据库 --year 2022 --year 2023 --export panel.csv
                                                                   导出两个年度的长表（CSV，UTF-8，Excel 可直接打开）
  planeval panel --store 监测数据库 --unit 卫健体局 --export panel.parquet
                                                                   一个单位报送的数值，Parquet 格式
  planeval panel --store 监测数据库 --json                           以 JSON 输出（长表）
  planeval panel --store 市监测数据库 --area 临汾市 --wide --export 各县面板.xlsx
                                                                   临汾市及其下各县的宽表（每个地区一组行）

长表的列与数据库相同：plan_id, org, indicator, year, sex, area, field, value, unit, reporting_unit,
source_file, sha256, sheet, cell, raw, source, remarks, ingested_at, revision。只含现行值；
--all-revisions 同时列出已被更正的历史值。数据库中有多个地区时须用 --area 指定地区（名称或代码），
列出该地区及其下级地区的数值，每行注明地区。";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 监测数据库文件夹 [the store folder]
    #[arg(long, value_name = "DIR")]
    store: PathBuf,

    /// 只看这些年度（可多次指定，或用逗号分隔）[only these years]
    #[arg(long, value_name = "YEAR", value_delimiter = ',')]
    year: Vec<i32>,

    /// 只看该责任单位报送的数值（宽表：该单位牵头或配合的指标；接受别名）[only this unit]
    #[arg(long, value_name = "NAME")]
    unit: Option<String>,

    /// 只看这些指标（可多次指定，或用逗号分隔）[only these indicators]
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    indicator: Vec<String>,

    /// 宽表：每个指标（及分组）一行，每个年度一列 [wide form: indicators × years]
    #[arg(long)]
    wide: bool,

    /// 长表中同时列出已被更正的历史值 [long form: include superseded rows]
    #[arg(long, conflicts_with = "wide")]
    all_revisions: bool,

    /// 导出到文件，按扩展名决定格式：.xlsx、.csv 或 .parquet [export to FILE.xlsx|.csv|.parquet]
    #[arg(long, value_name = "FILE")]
    export: Option<PathBuf>,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,

    /// 地区（名称或代码）：该地区及其下级地区的数值；数据库中只有一个地区时可省略
    /// [the area (and the areas below it); needed when the store holds several]
    #[arg(long, value_name = "NAME|CODE")]
    area: Option<String>,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let cat = Catalog::load(g.plan)?;
    let areas = Areas::load(g.areas)?;
    let format = match &args.export {
        Some(p) => Some(
            ExportFormat::from_path(p)
                .ok_or_else(|| Error::UnknownExportFormat { path: p.clone() })?,
        ),
        None => None,
    };
    let cfg = PanelConfig {
        store: args.store.clone(),
        years: args.year.clone(),
        unit: args.unit.clone(),
        indicators: args.indicator.clone(),
        all_revisions: args.all_revisions,
        area: args.area.clone(),
    };
    let selected = panel(&cat, &areas, &cfg)?;
    if args.wide {
        let (wide, years) = selected.wide(&cat, &cfg);
        if let (Some(path), Some(format)) = (&args.export, format) {
            export_wide(&cat, &wide, &years, format, path)?;
            report_export(path, wide.len(), "个指标行", args.json);
        } else if args.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&wide).unwrap_or_default()
            );
        } else {
            print_wide(&wide, &years);
        }
        return Ok(Status::Ok);
    }
    let selected = &selected.rows;
    if let (Some(path), Some(format)) = (&args.export, format) {
        export_long(&cat, selected, format, path)?;
        report_export(path, selected.len(), "个数值", args.json);
    } else if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(selected).unwrap_or_default()
        );
    } else {
        print_long(&cat, selected);
    }
    Ok(Status::Ok)
}

fn report_export(path: &Path, n: usize, what: &str, json: bool) {
    if json {
        println!(
            "{}",
            serde_json::json!({ "export": path.display().to_string(), "rows": n })
        );
    } else {
        println!("已导出 {n} {what}到 {}", path.display());
    }
}

fn print_long(cat: &Catalog, rows: &[PanelRow]) {
    if rows.is_empty() {
        println!("没有符合条件的数值");
        return;
    }
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let ind = cat.indicator(&r.indicator);
            let decimals = export::shown_decimals(cat, r);
            vec![
                r.org.clone(),
                r.indicator.clone(),
                truncate(ind.map(|i| i.name.as_str()).unwrap_or(""), 24),
                r.year.to_string(),
                breakdown(&r.sex, &r.area, &r.field),
                export::format_value(r.value, decimals),
                if r.unit == panel::PART_UNIT {
                    String::new()
                } else {
                    ind.map(|i| i.unit_symbol.clone()).unwrap_or_default()
                },
                r.reporting_unit.clone(),
                truncate(&format!("{}!{}!{}", r.source_file, r.sheet, r.cell), 44),
                r.revision.to_string(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "地区",
                "指标编码",
                "指标名称",
                "年份",
                "分组",
                "数值",
                "单位",
                "填报单位",
                "来源",
                "修订号"
            ],
            &lines
        )
    );
    println!("共 {} 个现行数值", rows.len());
}

fn print_wide(rows: &[export::WideRow], years: &[i32]) {
    let mut header: Vec<String> = vec![
        "地区".into(),
        "指标编码".into(),
        "指标名称".into(),
        "分组".into(),
        "单位".into(),
    ];
    header.extend(years.iter().map(|y| format!("{y}年")));
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut line = vec![
                r.org.clone(),
                r.indicator.clone(),
                truncate(&r.name, 24),
                r.breakdown_label(),
                r.unit.clone(),
            ];
            line.extend(years.iter().map(|y| {
                r.values
                    .get(y)
                    .map(|v| export::format_value(*v, r.decimals))
                    .unwrap_or_else(|| "—".into())
            }));
            line
        })
        .collect();
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    print!("{}", table(&header_refs, &lines));
}
