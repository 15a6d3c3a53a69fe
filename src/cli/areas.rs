//! `planeval areas`: the areas file as a tree (codes, names, levels, weights), or with `--store` the areas
//! a store holds, each with whether the areas file knows it.

use super::render::{heads, lang, table};
use super::Globals;
use super::Status;
use planeval::areas::{Areas, Division};
use planeval::i18n::commands::CommandText::*;
use planeval::store::Store;
use planeval::Error;
use serde::Serialize;
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval areas                                   内置地区表（山西省 › 临汾市 › 古县）
  planeval --areas 临汾市地区表.csv areas            检查并列出一个地区表（有错误时列出每个问题，退出码 2）
  planeval --areas 临汾市地区表.csv areas --store 市监测数据库
                                                   数据库中有哪些地区，是否都在地区表中（不在的不参与汇总）
  planeval areas --json                            以 JSON 输出

地区表为 CSV（UTF-8 或 GBK），表头 代码,名称,上级代码,级别（或 code,name,parent,level），级别写 省、市 或 县；
其后的列是权重（如 女性人口），供加权平均和覆盖率使用。";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval areas
      the built-in areas file (山西省 › 临汾市 › 古县)
  planeval --areas areas.csv areas
      check and list an areas file (each problem listed, exit code 2 on errors)
  planeval --areas areas.csv areas --store city
      the areas a store holds, and whether the areas file knows each (unknown ones are never
      rolled up)
  planeval areas --json
      print JSON

An areas file is CSV (UTF-8 or GBK) with the header 代码,名称,上级代码,级别
(or code,name,parent,level), the level 省, 市 or 县 (province, prefecture, county); further
columns are weights (e.g. female population) for weighted means and coverage.";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 列出该监测数据库中的地区 [list the areas of this store]
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct AreasJson<'a> {
    areas_file: &'a str,
    weights: &'a [String],
    divisions: &'a [Division],
    #[serde(skip_serializing_if = "Option::is_none")]
    store: Option<planeval::areas::StoreAreas>,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let areas_file = g.areas;
    let areas = Areas::load(areas_file)?;
    let store_areas = match &args.store {
        Some(dir) => Some(Store::open(dir)?.areas(&areas)?),
        None => None,
    };
    if args.json {
        let out = AreasJson {
            areas_file: &areas.source,
            weights: areas.weight_names(),
            divisions: areas.divisions(),
            store: store_areas,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
        return Ok(Status::Ok);
    }
    let l = lang();
    match &store_areas {
        None => {
            let weights = if areas.weight_names().is_empty() {
                String::new()
            } else {
                let names = areas.weight_names().join(ListSeparator.text(l));
                AreasWeights.say(l, &[("names", &names)])
            };
            println!(
                "{}",
                AreasHead.say(
                    l,
                    &[
                        ("source", &areas.source),
                        ("n", &areas.divisions().len().to_string()),
                        ("weights", &weights),
                    ]
                )
            );
            let rows: Vec<Vec<String>> = areas
                .divisions()
                .iter()
                .map(|d| {
                    let depth = areas.ancestors_and_self(&d.code).len().saturating_sub(1);
                    let mut row = vec![
                        format!("{}{}", "  ".repeat(depth), d.name),
                        d.code.clone(),
                        l.pick(d.level.label_zh(), d.level.label_en()).to_string(),
                        d.parent
                            .as_deref()
                            .and_then(|p| areas.get(p))
                            .map(Division::label)
                            .unwrap_or_else(|| "—".into()),
                    ];
                    for w in areas.weight_names() {
                        row.push(
                            d.weights
                                .get(w)
                                .map(|v| planeval::catalog::target::fmt_num(*v))
                                .unwrap_or_else(|| "—".into()),
                        );
                    }
                    row
                })
                .collect();
            let mut header = heads(&[ColName, ColCode, ColLevel, ColParent]);
            header.extend(areas.weight_names().iter().map(String::as_str));
            print!("{}", table(&header, &rows));
        }
        Some(s) => {
            let dir = args.store.as_deref().unwrap_or(Path::new("."));
            println!(
                "{}",
                AreasInStore.say(
                    l,
                    &[
                        ("store", &dir.display().to_string()),
                        ("n", &s.areas.len().to_string()),
                        ("source", &areas.source),
                    ]
                )
            );
            let rows: Vec<Vec<String>> = s
                .areas
                .iter()
                .map(|a| {
                    vec![
                        a.name.clone(),
                        a.code.clone().unwrap_or_else(|| "—".into()),
                        a.level
                            .map(|v| l.pick(v.label_zh(), v.label_en()).to_string())
                            .unwrap_or_else(|| "—".into()),
                        a.code
                            .as_deref()
                            .map(|c| areas.path_label(c))
                            .unwrap_or_else(|| AreasNotListed.text(l).into()),
                        a.orgs.join(ListSeparator.text(l)),
                        a.rows.to_string(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(
                    &heads(&[
                        ColArea,
                        ColCode,
                        ColLevel,
                        ColBelongsTo,
                        ColStoreSpelling,
                        ColRows
                    ]),
                    &rows
                )
            );
            let unknown = s.unknown().count();
            if unknown > 0 {
                println!(
                    "{}",
                    AreasUnknownWarning.say(l, &[("n", &unknown.to_string())])
                );
            }
        }
    }
    Ok(Status::Ok)
}
