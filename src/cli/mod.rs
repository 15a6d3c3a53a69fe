//! The command line: clap definitions turned into plain settings, one file per subcommand.
//!
//! Exit codes are defined here once: 0 clean (or warnings only), 1 data problems found, 2 the tool could not
//! run (bad arguments, invalid plan, unreadable input), 3 the monitoring store is locked by another writer.

mod areas;
mod catalog;
mod check;
mod demo;
pub mod errors;
mod evaluate;
mod export;
pub mod help;
mod history;
mod ingest;
mod init;
mod panel;
mod progress;
pub mod render;
mod run;
mod status;
mod store;
mod summary;
mod tell;
mod template;

use clap::{Parser, Subcommand};
use planeval::i18n::Lang;
use planeval::Error;
use std::path::{Path, PathBuf};

/// `--lang`: the language of everything a command says and writes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LangArg {
    /// 中文
    #[value(alias = "中文", alias = "zh-CN", alias = "zh_CN")]
    Zh,
    /// English
    #[value(alias = "English", alias = "en-US", alias = "en_US")]
    En,
}

/// What every command takes besides its own arguments: the plan, the areas file, the language.
#[derive(Debug, Clone, Copy)]
pub struct Globals<'a> {
    pub plan: Option<&'a Path>,
    pub areas: Option<&'a Path>,
    pub lang: Lang,
}

/// The outcome of a command, as the process exit code.
pub use planeval::pipeline::Status;

const AFTER_HELP: &str = "\
示例 / Examples:
  planeval demo                                        用演示数据走完整个流程（输出在 ./planeval-demo）
  planeval catalog                                     按领域列出规划的全部目标和指标
  planeval template --year 2024 --out 模板/             生成各责任单位的填报工作簿
  planeval check 收件箱/ --year 2024 --out 反馈/         检查报回的工作簿，为每个文件生成反馈
  planeval ingest 收件箱/ --store 监测数据库 --year 2024  入库
  planeval store repair --store 监测数据库               清单 manifest.json 丢失或被旧版本覆盖时，根据数据文件重建
  planeval evaluate --stage midterm --store 监测数据库 --out 中期评估/
                                                       中期评估：评估工作簿、单位反馈、summary.json、report.md
  planeval --areas 临汾市地区表.csv evaluate --stage annual --year 2024 --store 市监测数据库 --area 临汾市
                                                       市级评估：本级数值，或由各县汇总（注明覆盖率）
  planeval init 作业 && planeval run --config 作业/job.toml
                                                       定期作业（统计局）：只处理新文件

每个命令的用法和示例：planeval <命令> --help
退出码 / Exit codes: 0 正常 · 1 数据有错误 · 2 无法运行（参数、计划文件或输入文件有误）· 3 监测数据库正被另一进程写入";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval demo
      the whole pipeline on the demo data (output in ./planeval-demo)
  planeval catalog
      every objective and indicator of the plan, by domain
  planeval template --year 2024 --out templates/
      a workbook for each responsible unit to fill in
  planeval check inbox/ --year 2024 --out feedback/
      check returned workbooks, a feedback workbook for each
  planeval ingest inbox/ --store store --year 2024
      check them and store their values
  planeval store repair --store store
      rebuild manifest.json from the data files when it is lost or old
  planeval evaluate --stage midterm --store store --out midterm/
      mid-term evaluation: workbook, unit feedback, summary.json, report.md
  planeval --areas areas.csv evaluate --stage annual --year 2024 --store city --area 临汾市
      a prefecture's evaluation: its own values, or rolled up from its counties (with coverage)
  planeval init job && planeval run --config job/job.toml
      the scheduled job (statistics bureau): only new files are processed

Each command's usage and examples: planeval <command> --help
Exit codes: 0 ok · 1 data errors found · 2 cannot run (arguments, plan file or input files) · 3
  the store is being written by another process";

/// planeval — 规划监测评估工具：读取各责任单位报回的 Excel，校验、汇总、评估每项目标。
///
/// Monitoring and evaluation of development plans whose reporting runs on Excel.
#[derive(Debug, Parser)]
#[command(name = "planeval", version, about = "planeval — 规划监测评估：读取各责任单位报回的 Excel，校验、入库、评估每项目标，写出评估工作簿\n[monitoring and evaluation of development plans reported in Excel]", long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// 使用另一个计划文件（TOML），默认使用内置的古县妇女发展“十四五”规划
    /// [use another plan file instead of the built-in plan]
    #[arg(long, global = true, value_name = "FILE")]
    pub plan: Option<PathBuf>,

    /// 使用另一个地区表（CSV：代码,名称,上级代码,级别[,权重列…]），默认使用内置的 山西省 › 临汾市 › 古县
    /// [use another areas file (GB/T 2260 codes, parents, levels, weights) instead of the built-in one]
    #[arg(long, global = true, value_name = "FILE")]
    pub areas: Option<PathBuf>,

    /// 界面和输出的语言：zh 中文（默认）、en 英文；也可用环境变量 PLANEVAL_LANG
    /// [language of messages and outputs: zh (default) or en; or set PLANEVAL_LANG]
    #[arg(
        long,
        global = true,
        value_enum,
        env = "PLANEVAL_LANG",
        value_name = "LANG"
    )]
    pub lang: Option<LangArg>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 列出或检查规划目录：领域、主要目标、指标、目标值、牵头单位
    /// [print or check the plan catalog]
    #[command(after_help = catalog::AFTER_HELP)]
    Catalog(catalog::Args),

    /// 生成各责任单位的空白填报工作簿（Excel），每个单位一个文件
    /// [write the blank department workbooks of a reporting year]
    #[command(after_help = template::AFTER_HELP)]
    Template(template::Args),

    /// 检查报回的工作簿：逐个单元格校验，列出问题（文件!工作表!单元格），可生成反馈工作簿
    /// [check returned workbooks]
    #[command(after_help = check::AFTER_HELP)]
    Check(check::Args),

    /// 检查报回的工作簿并存入监测数据库（Parquet），有误的单元格存入隔离区；同一文件重复入库无变化
    /// [check returned workbooks and append their values to the monitoring store]
    #[command(after_help = ingest::AFTER_HELP)]
    Ingest(ingest::Args),

    /// 生成报送包（.pepkg）：一个地区一个年度的现行数值及来源、隔离区、自评和校验清单，发送给上级入库
    /// [write an area's year as a reporting package for the level above]
    #[command(after_help = export::AFTER_HELP)]
    Export(export::Args),

    /// 查看一个指标每个数值的来历：文件、单元格、入库时间、修订号，以及被更正的历史值
    /// [show how each value of an indicator came to be]
    #[command(after_help = history::AFTER_HELP)]
    History(history::Args),

    /// 查看或导出监测面板：长表（每个数值一行）或宽表（指标 × 年份），xlsx / csv / parquet
    /// [print or export the monitoring panel]
    #[command(after_help = panel::AFTER_HELP)]
    Panel(panel::Args),

    /// 查看一个年度的报送情况：哪些单位已报送、何时入库、缺少哪些必填指标、完整率
    /// [completeness of a reporting year]
    #[command(after_help = status::AFTER_HELP)]
    Status(status::Args),

    /// 地区表：列出地区的代码、名称、上级和级别；加 --store 时列出数据库中的地区及其是否在地区表中
    /// [print the areas file, or the areas a store holds]
    #[command(after_help = areas::AFTER_HELP)]
    Areas(areas::Args),

    /// 维护监测数据库：store repair 根据数据文件重建清单 manifest.json（误删或恢复了旧清单之后），不删除任何文件
    /// [maintain the store: `store repair` rebuilds manifest.json from the part files, deleting nothing]
    Store(store::Args),

    /// 年度监测、中期评估、终期评估：逐项评价指标和目标，给出达标率和预警；可写出评估工作簿、各单位反馈和报告初稿
    /// [score every indicator and objective; write the evaluation workbook, unit feedback and report draft]
    #[command(after_help = evaluate::AFTER_HELP)]
    Evaluate(evaluate::Args),

    /// 生成定期作业文件夹：带注释的 job.toml、收件箱、输出和日志文件夹
    /// [create a job folder for scheduled runs]
    #[command(after_help = init::AFTER_HELP)]
    Init(init::Args),

    /// 定期作业：入库收件箱中的新文件，重新评估，更新输出，写运行日志
    /// [the scheduled job: ingest what is new, re-score, rewrite outputs]
    #[command(after_help = run::AFTER_HELP)]
    Run(run::Args),

    /// 演示：用内置演示数据（2021–2025 年报表和基期数据）走完整个流程
    /// [the whole cycle on the bundled demo data]
    #[command(after_help = demo::AFTER_HELP)]
    Demo(demo::Args),

    /// Internal: parse workbooks sent on stdin in this process, under a memory limit (see
    /// `planeval::intake::worker`). Started by planeval itself, never by users.
    #[command(name = "__read-worker", hide = true)]
    ReadWorker(ReadWorkerArgs),
}

#[derive(Debug, clap::Args)]
pub struct ReadWorkerArgs {
    /// Address-space limit of this process, in bytes.
    #[arg(long)]
    pub memory_bytes: u64,
}

/// The language a command line asks for when clap could not read it (a usage error is said in it):
/// `--lang en`, `--lang=en` or `PLANEVAL_LANG`, Chinese otherwise.
pub fn lang_of_unparsed(args: &[String]) -> Lang {
    let mut given = None;
    for (i, a) in args.iter().enumerate() {
        if let Some(v) = a.strip_prefix("--lang=") {
            given = Some(v.to_string());
        } else if a == "--lang" {
            given = args.get(i + 1).cloned();
        }
    }
    given
        .or_else(|| std::env::var("PLANEVAL_LANG").ok())
        .and_then(|v| Lang::from_key(&v))
        .unwrap_or_default()
}

pub fn run(cli: Cli) -> Result<Status, Error> {
    let g = Globals {
        plan: cli.plan.as_deref(),
        areas: cli.areas.as_deref(),
        lang: match cli.lang {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Zh) | None => Lang::Zh,
        },
    };
    render::set_lang(g.lang);
    match cli.command {
        Command::Catalog(args) => catalog::run(&g, args),
        Command::Template(args) => template::run(&g, args),
        Command::Check(args) => check::run(&g, args),
        Command::Ingest(args) => ingest::run(&g, args),
        Command::Export(args) => export::run(&g, args),
        Command::History(args) => history::run(&g, args),
        Command::Panel(args) => panel::run(&g, args),
        Command::Status(args) => status::run(&g, args),
        Command::Store(args) => store::run(&g, args),
        Command::Evaluate(args) => evaluate::run(&g, args),
        Command::Areas(args) => areas::run(&g, args),
        Command::Init(args) => init::run(&g, args),
        Command::Run(args) => run::run(&g, args),
        Command::Demo(args) => demo::run(&g, args),
        Command::ReadWorker(args) => Ok(match planeval::intake::worker::serve(args.memory_bytes) {
            0 => Status::Ok,
            _ => Status::Failure,
        }),
    }
}
