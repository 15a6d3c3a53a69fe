//! `planeval export`: an area's year as a 报送包 (reporting package) for the level above: one file with
//! the current values and their provenance, the quarantine, the self-assessments and a manifest with the
//! SHA-256 of every part (see `planeval::store::package`).

use super::Globals;
use super::Status;
use planeval::areas::Areas;
use planeval::i18n::commands::CommandText;
use planeval::store::package::{self, contents_of, write_package};
use planeval::store::{self, Store};
use planeval::{fsutil, Catalog, Error};
use serde::Serialize;
use std::path::PathBuf;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval export --store 监测数据库 --area 古县 --year 2023 --out 古县-2023.pepkg
                                                  古县 2023 年的报送包，发送给临汾市
  planeval --areas 临汾市地区表.csv export --store 市监测数据库 --area 临汾市 --year 2023 --out 临汾市-2023.pepkg
                                                  临汾市及其各县 2023 年的报送包，发送给山西省

报送包含该地区（及其下级地区）该年度的现行数值及其来源（文件!工作表!单元格、原文、SHA-256）、隔离区记录、
自评、规划编号和指标口径、地区代码，以及每个部分的 SHA-256。上级用 planeval ingest --package 入库；
同一内容重复入库不会产生变化，改动过的包会被拒绝。";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval export --store store --area 古县 --year 2023 --out gu-2023.pepkg
      古县's package of 2023, to send to 临汾市
  planeval --areas areas.csv export --store city --area 临汾市 --year 2023 --out linfen.pepkg
      the package of 临汾市 and its counties for 2023, to send to 山西省

A package holds the area's (and the areas below it) current values of the year with their
sources (file!sheet!cell, raw text, SHA-256), the quarantine, the self-assessments, the plan's
id and indicator definitions, the area codes and each part's SHA-256. The level above stores it
with planeval ingest --package; the same content stored twice changes nothing, and an altered
package is refused.";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 监测数据库文件夹 [the store folder]
    #[arg(long, value_name = "DIR")]
    store: PathBuf,

    /// 报送的地区（名称或代码），须在地区表中 [the area to send, by name or code]
    #[arg(long, value_name = "NAME|CODE")]
    area: String,

    /// 报送的年度 [the reporting year]
    #[arg(long, value_name = "YEAR")]
    year: i32,

    /// 报送包文件（.pepkg）[the package file to write]
    #[arg(long, value_name = "FILE")]
    out: PathBuf,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    package: String,
    area: &'a package::PackageArea,
    year: i32,
    plan: &'a package::PlanIdentity,
    content_sha256: &'a str,
    files: usize,
    values: usize,
    quarantine: usize,
    assessments: usize,
    bytes: usize,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let (plan, areas) = (g.plan, g.areas);
    let cat = Catalog::load(plan)?;
    let areas = Areas::load(areas)?;
    let store = Store::open(&args.store)?;
    let contents = contents_of(&store, &cat, &areas, &args.area, args.year)?;
    let packed = write_package(&cat, contents, &store::now())?;
    let mut out = args.out.clone();
    if !package::is_package_name(&out) {
        out.set_extension(package::PACKAGE_EXTENSION);
    }
    fsutil::write_atomic(&out, &packed.bytes)?;
    let m = &packed.manifest;
    let rows = |t: store::Table| {
        m.parts
            .iter()
            .filter(|p| p.table == t)
            .map(|p| p.rows)
            .sum::<usize>()
    };
    let report = Report {
        package: out.display().to_string(),
        area: &m.area,
        year: m.year,
        plan: &m.plan,
        content_sha256: &m.content_sha256,
        files: m.files.len(),
        values: rows(store::Table::Panel),
        quarantine: rows(store::Table::Quarantine),
        assessments: rows(store::Table::Assessments),
        bytes: packed.bytes.len(),
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        let count = |n: usize| n.to_string();
        println!(
            "{}",
            CommandText::ExportDone.say(
                super::render::lang(),
                &[
                    ("package", &report.package.to_string()),
                    ("area", &m.area.name),
                    ("code", &m.area.code),
                    ("year", &m.year.to_string()),
                    ("plan", &m.plan.label()),
                    ("files", &count(report.files)),
                    ("values", &count(report.values)),
                    ("quarantine", &count(report.quarantine)),
                    ("assessments", &count(report.assessments)),
                    ("bytes", &count(report.bytes)),
                    ("sha", &m.content_sha256),
                ]
            )
        );
    }
    Ok(Status::Ok)
}
