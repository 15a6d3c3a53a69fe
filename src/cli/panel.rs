//! `planeval panel`: the current monitoring panel for statisticians — long (one row per value with its
//! provenance) or wide (indicators × years) — printed, as JSON, or exported to xlsx / csv / parquet.

use super::render::{heads, lang, table, truncate};
use super::tell::breakdown;
use super::Globals;
use super::Status;
use planeval::areas::Areas;
use planeval::i18n::commands::CommandText::{self, *};
use planeval::i18n::Lang;
use planeval::pipeline::panel::{export_long, export_wide, panel, PanelConfig};
use planeval::report::messages::{indicator_name, unit_symbol};
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

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval panel --store store
      every current value on the terminal (long form)
  planeval panel --store store --wide
      indicators × years
  planeval panel --store store --wide --export panel.xlsx
      the wide table as a workbook (units, decimals, frozen header)
  planeval panel --store store --year 2022 --year 2023 --export panel.csv
      two years in long form (CSV, UTF-8, opens in Excel)
  planeval panel --store store --unit 卫健体局 --export panel.parquet
      one unit's values as Parquet
  planeval panel --store store --json
      print JSON (long form)
  planeval panel --store city --area 临汾市 --wide --export counties.xlsx
      the wide table of 临汾市 and its counties (rows grouped by area)

The long form has the store's columns: plan_id, org, indicator, year, sex, area, field, value,
unit, reporting_unit, source_file, sha256, sheet, cell, raw, source, remarks, ingested_at,
revision. Only current values; --all-revisions lists the corrected ones too. A store of several
areas needs --area (name or code): the area's values and those of the areas below it, each row
naming its area. Exports keep the Chinese column heads in either language.";

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
            report_export(path, wide.len(), PanelExportedIndicatorRows, args.json);
        } else if args.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&wide).unwrap_or_default()
            );
        } else {
            print_wide(&cat, &wide, &years);
        }
        return Ok(Status::Ok);
    }
    let selected = &selected.rows;
    if let (Some(path), Some(format)) = (&args.export, format) {
        export_long(&cat, selected, format, path)?;
        report_export(path, selected.len(), PanelExportedValues, args.json);
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

fn report_export(path: &Path, n: usize, what: CommandText, json: bool) {
    if json {
        println!(
            "{}",
            serde_json::json!({ "export": path.display().to_string(), "rows": n })
        );
    } else {
        let path = path.display().to_string();
        println!(
            "{}",
            what.say(lang(), &[("n", &n.to_string()), ("path", &path)])
        );
    }
}

fn print_long(cat: &Catalog, rows: &[PanelRow]) {
    if rows.is_empty() {
        println!("{}", PanelNothing.text(lang()));
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
                truncate(
                    &ind.map(|_| indicator_name(cat, &r.indicator, lang()))
                        .unwrap_or_default(),
                    24,
                ),
                r.year.to_string(),
                breakdown(&r.sex, &r.area, &r.field),
                export::format_value(r.value, decimals),
                if r.unit == panel::PART_UNIT {
                    String::new()
                } else {
                    ind.map(|_| unit_symbol(cat, &r.indicator, lang()))
                        .unwrap_or_default()
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
            &heads(&[
                ColArea,
                ColIndicatorCode,
                ColIndicatorName,
                ColYear,
                ColGroup,
                ColValue,
                ColMeasure,
                ColReportingUnit,
                ColSource,
                ColRevision
            ]),
            &lines
        )
    );
    println!(
        "{}",
        PanelTotal.say(lang(), &[("n", &rows.len().to_string())])
    );
}

fn print_wide(cat: &Catalog, rows: &[export::WideRow], years: &[i32]) {
    let l = lang();
    let mut header: Vec<String> = [
        ColArea,
        ColIndicatorCode,
        ColIndicatorName,
        ColGroup,
        ColMeasure,
    ]
    .iter()
    .map(|k| k.text(l).to_string())
    .collect();
    header.extend(
        years
            .iter()
            .map(|y| ColYearOf.say(l, &[("year", &y.to_string())])),
    );
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut line = vec![
                r.org.clone(),
                r.indicator.clone(),
                truncate(&indicator_name(cat, &r.indicator, l), 24),
                r.breakdown_label_in(l),
                // A part (numerator, denominator) has its own unit: only the indicator's is translated.
                match cat.indicator(&r.indicator) {
                    Some(i) if l == Lang::En && i.unit_symbol == r.unit => {
                        unit_symbol(cat, &r.indicator, l)
                    }
                    _ => r.unit.clone(),
                },
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
