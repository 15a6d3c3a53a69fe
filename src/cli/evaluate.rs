//! `planeval evaluate`: the annual monitoring, mid-term or final evaluation of every indicator and
//! objective from the monitoring store; a summary on the terminal or the evaluation as JSON, and with
//! `--out` the workbooks people read (evaluation workbook, one feedback workbook per unit, summary.json,
//! report.md), each written atomically.
//!
//! With `--out`, the evaluation group's review column of the previous evaluation workbook in that folder
//! is read back first and recorded in the store's overrides.json (under the store's writer lock), so
//! that this evaluation uses it and the new workbook shows it pre-filled.
//!
//! Exit codes: 0 done; 1 done, but the store holds data errors of the as-of year that no later return
//! has corrected, or a review conclusion could not be used; 2 could not run; 3 the store is locked by a
//! writer while reviews needed recording.

use super::render::{diagnostic_text, shown_text};
use super::summary::{print_ranking, print_summary};
use super::Globals;
use super::Status;
use planeval::areas::Areas;
use planeval::pipeline::evaluate::{evaluate, EvaluateConfig};
use planeval::report::compare::Compared;
use planeval::report::messages::{fill, Msg};
use planeval::rollup::AreaReport;
use planeval::score::{Evaluation, Stage};
use planeval::{Catalog, Error};
use std::path::PathBuf;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval evaluate --stage midterm --store 监测数据库                 中期评估（默认截至规划中期年 2023 年），在终端显示摘要
  planeval evaluate --stage final --store 监测数据库 --out 终期评估/    终期评估，写出评估工作簿、各单位反馈、summary.json 和 report.md
  planeval evaluate --stage annual --year 2024 --store 监测数据库 --json
                                                                  2024 年度监测，以 JSON 输出全部评估结果
  planeval evaluate --stage midterm --store 监测数据库 --out 中期评估/ --lang en
                                                                  英文版工作簿和报告
  planeval --areas 临汾市地区表.csv evaluate --stage annual --year 2024 --store 市监测数据库 --area 临汾市
                                                                  市级年度监测：本级填报的数值优先，否则由各县汇总
  planeval evaluate --stage annual --year 2024 --store 市监测数据库 --area 古县
                                                                  从市级数据库中单独评估一个县（与该县自己的数据库结果相同）
  planeval --areas 临汾市地区表.csv evaluate --stage midterm --store 市监测数据库 --area 临汾市 --by-area --out 中期评估/
                                                                  另写出地区对比工作簿和各县的对比反馈

监测数据库中有多个地区时须用 --area 指定（名称或代码），各地区的数据不会混在一起评估。

评估组在评估工作簿“定性目标”表的“评估组审核结论”列填写审核结论后，再次运行同一命令（--out 同一文件夹）即读回并采用，
审核结论同时存入监测数据库的 overrides.json。
退出码 / Exit codes: 0 正常 · 1 评估年度尚有未更正的数据错误，或有审核结论无法采用 · 2 无法运行 · 3 数据库正被另一进程写入";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval evaluate --stage midterm --store store
      mid-term evaluation (as of the plan's mid-term year, 2023), a summary on the terminal
  planeval evaluate --stage final --store store --out final/
      final evaluation: workbook, unit feedback, summary.json and report.md
  planeval evaluate --stage annual --year 2024 --store store --json
      the 2024 annual monitoring, every result as JSON
  planeval evaluate --stage midterm --store store --out midterm/ --lang en
      the workbooks and report in English
  planeval --areas areas.csv evaluate --stage annual --year 2024 --store city --area 临汾市
      a prefecture's annual monitoring: its own values first, else rolled up from its counties
  planeval evaluate --stage annual --year 2024 --store city --area 古县
      one county out of a prefecture's store (the same result as the county's own store)
  planeval --areas areas.csv evaluate --stage midterm --store city --area 临汾市 --by-area --out cmp/
      also a comparison workbook of the areas and a comparison feedback for each county

A store of several areas needs --area (name or code): areas are never evaluated together.

Once the evaluation group has written its conclusions in the review column of the workbook's
qualitative sheet, running the same command again (--out the same folder) reads them back and
applies them; they are also kept in the store's overrides.json.
Exit codes: 0 ok · 1 the evaluated year has uncorrected data errors, or a review conclusion
  cannot be applied · 2 cannot run · 3 the store is being written by another process";

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum StageArg {
    /// 年度监测 [annual monitoring]
    #[value(alias = "年度", alias = "年度监测")]
    Annual,
    /// 中期评估 [mid-term evaluation]
    #[value(alias = "中期", alias = "中期评估")]
    Midterm,
    /// 终期评估 [final evaluation]
    #[value(alias = "终期", alias = "终期评估")]
    Final,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 评估类型：annual 年度监测、midterm 中期评估、final 终期评估 [the stage]
    #[arg(long, value_enum)]
    stage: StageArg,

    /// 评估截至年度；中期评估、终期评估默认为规划的中期年、终期年，年度监测必须指定 [the as-of year]
    #[arg(long, value_name = "YEAR", required_if_eq("stage", "annual"))]
    year: Option<i32>,

    /// 监测数据库文件夹 [the store folder]
    #[arg(long, value_name = "DIR")]
    store: PathBuf,

    /// 以 JSON 输出全部评估结果 [print the evaluation as JSON]
    #[arg(long)]
    json: bool,

    /// 写出评估工作簿、各单位反馈工作簿、summary.json 和 report.md 的文件夹
    /// [write the evaluation outputs into this folder]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// 评估哪个地区（名称或 GB/T 2260 代码，如 古县、141025、临汾市）；数据库中只有一个地区时可省略
    /// [the area to evaluate, by name or code; needed when the store holds several]
    #[arg(long, value_name = "NAME|CODE")]
    area: Option<String>,

    /// 地区对比：同时评估 --area 的每个下级地区，写出地区对比工作簿（地区 × 指标、达标率排名、预警、未报送、
    /// 汇总覆盖率）和每个下级地区的对比反馈；summary.json 增加各地区达标率
    /// [also compare the areas below --area: comparison workbook, one feedback workbook per area]
    #[arg(long)]
    by_area: bool,
}

impl Args {
    /// The command line, checked, before any work.
    fn config(self, cat: &Catalog, lang: planeval::i18n::Lang) -> Result<EvaluateConfig, Error> {
        let stage = match self.stage {
            StageArg::Annual => Stage::Annual,
            StageArg::Midterm => Stage::Midterm,
            StageArg::Final => Stage::Final,
        };
        // clap requires --year for `--stage annual`, but not for its Chinese aliases (年度): the
        // config checks it.
        let mut cfg = EvaluateConfig::new(cat, stage, self.year, self.store, lang)?;
        cfg.out = self.out;
        cfg.area = self.area;
        cfg.by_area = self.by_area;
        Ok(cfg)
    }
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    match run_checked(g, args) {
        Err(err @ Error::StoreLocked { .. }) => {
            eprintln!("{}", super::render::error_line(&err));
            Ok(Status::Locked)
        }
        other => other,
    }
}

fn run_checked(gl: &Globals, args: Args) -> Result<Status, Error> {
    let cat = Catalog::load(gl.plan)?;
    let areas = Areas::load(gl.areas)?;
    let json = args.json;
    let cfg = args.config(&cat, gl.lang)?;
    let done = evaluate(&cat, &areas, &cfg)?;
    let (g, written) = (&done.gathered, &done.written);
    let facts = g.facts(&cat, cfg.lang);

    if json {
        let json = EvaluationJson {
            area: &g.area,
            compared: g.run.compared.as_ref(),
            ev: &g.ev,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&json)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
        for d in &g.diagnostics {
            eprintln!("{}", diagnostic_text(d));
        }
    } else {
        print_summary(&facts, &cfg.store);
        if let Some(c) = &g.run.compared {
            print_ranking(c, cfg.lang);
        }
        for d in &g.diagnostics {
            println!("{}", diagnostic_text(d));
        }
        for line in &g.review_lines {
            println!("{}", shown_text(line));
        }
        if let Some(out) = &cfg.out {
            // The workbook and the Word report first, summary.json and report.md last.
            let comparison = g.run.compared.as_ref().map_or(0, |c| c.outputs.len());
            let feedback = written.len().saturating_sub(4 + comparison);
            let mut shown: Vec<String> = written.iter().take(2).cloned().collect();
            shown.push(fill(
                Msg::CliFeedbackFiles.text(cfg.lang),
                &[("n", &feedback.to_string())],
            ));
            if let Some(c) = &g.run.compared {
                shown.push(c.outputs[0].clone());
                shown.push(fill(
                    Msg::CliAreaFeedbackFiles.text(cfg.lang),
                    &[("n", &(c.outputs.len() - 1).to_string())],
                ));
            }
            shown.extend(written.iter().rev().take(2).rev().cloned());
            println!(
                "{}",
                fill(
                    Msg::CliWritten.text(cfg.lang),
                    &[
                        ("dir", &out.display().to_string()),
                        ("files", &shown.join(cfg.lang.pick("、", ", ")))
                    ]
                )
            );
        }
    }
    Ok(g.status())
}

/// The JSON of `evaluate --json`: the evaluation exactly as scored, and the area it is of (with its
/// coverage and, for an area with areas below it, where each value came from).
#[derive(serde::Serialize)]
struct EvaluationJson<'a> {
    area: &'a AreaReport,
    /// With `--by-area`: the areas below, their rates and ranks.
    #[serde(skip_serializing_if = "Option::is_none")]
    compared: Option<&'a Compared>,
    #[serde(flatten)]
    ev: &'a Evaluation,
}
