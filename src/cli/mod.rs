//! The command line: clap definitions turned into plain settings, one file per subcommand.
//!
//! Exit codes are defined here once: 0 clean (or warnings only), 1 data problems found, 2 the tool could not
//! run (bad arguments, invalid plan, unreadable input).

mod catalog;
mod check;
mod render;
mod template;

use clap::{Parser, Subcommand};
use planeval::Error;
use std::path::PathBuf;

/// The outcome of a command, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Status {
    /// Done; at most warnings.
    Ok = 0,
    /// Done, and the data has errors the user must fix.
    Findings = 1,
    /// Could not run: bad arguments, invalid plan, unreadable files.
    Failure = 2,
}

const AFTER_HELP: &str = "\
示例 / Examples:
  planeval catalog                      按领域列出规划的全部目标和指标
  planeval catalog --unit 卫健体局       只看一个责任单位牵头或配合的指标
  planeval catalog --json               以 JSON 输出整个规划
  planeval catalog --check my-plan.toml 检查一个计划文件，列出全部问题

退出码 / Exit codes: 0 正常 · 1 数据有错误 · 2 无法运行（参数、计划文件或输入文件有误）";

/// planeval — 规划监测评估工具：读取各责任单位报回的 Excel，校验、汇总、评估每项目标。
///
/// Monitoring and evaluation of development plans whose reporting runs on Excel.
#[derive(Debug, Parser)]
#[command(name = "planeval", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// 使用另一个计划文件（TOML），默认使用内置的古县妇女发展“十四五”规划
    /// [use another plan file instead of the built-in plan]
    #[arg(long, global = true, value_name = "FILE")]
    pub plan: Option<PathBuf>,

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
}

pub fn run(cli: Cli) -> Result<Status, Error> {
    match cli.command {
        Command::Catalog(args) => catalog::run(cli.plan.as_deref(), args),
        Command::Template(args) => template::run(cli.plan.as_deref(), args),
        Command::Check(args) => check::run(cli.plan.as_deref(), args),
    }
}
