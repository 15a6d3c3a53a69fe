//! The `planeval-bench` binary: `data` writes synthetic returns, `run` times every stage on them,
//! `isolation` what parsing in worker processes costs intake.

mod cli_data;
mod cli_isolation;
mod cli_run;

use clap::Parser;
use planeval::Error;
use std::path::PathBuf;
use std::process::ExitCode;

/// planeval 性能测试 [benchmark of planeval against the calamine parse floor]
#[derive(Debug, Parser)]
#[command(name = "planeval-bench", version)]
struct Cli {
    /// 规划目录文件 (plan.toml)；默认用内置的古县妇女发展规划 [plan catalog; default: the bundled plan]
    #[arg(long, global = true, value_name = "FILE")]
    plan: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// 生成模拟报表：N 个单位（地区）× 责任单位 × 年度，含一定比例的典型错误，同一种子结果相同
    /// [write synthetic returned workbooks, deterministic by seed]
    #[command(after_help = cli_data::AFTER_HELP)]
    Data(cli_data::Args),

    /// 各阶段（读取、校验、入库、评估、写出）用时，与 calamine 解析下限之比，峰值内存
    /// [time every stage against the calamine parse floor, with peak memory]
    #[command(after_help = cli_run::AFTER_HELP)]
    Run(cli_run::Args),

    /// 读取子进程隔离的代价：同一次运行中交替在本进程内和在读取子进程中读取全部文件
    /// [what reader isolation costs intake: in process and in workers, alternating in one run]
    #[command(after_help = cli_isolation::AFTER_HELP)]
    Isolation(cli_isolation::Args),

    /// Internal: a reader worker (`planeval::intake::worker`), started by this binary itself.
    #[command(name = "__read-worker", hide = true)]
    ReadWorker {
        #[arg(long)]
        memory_bytes: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Intake parses workbooks in worker processes of the running binary, as the product does, unless
    // `run --in-process` (or an isolation pass in process) asks to measure without them.
    let in_process = match &cli.command {
        Command::Run(a) => a.in_process,
        Command::Isolation(a) => a.only.as_deref() == Some("in-process"),
        _ => false,
    };
    if !in_process {
        if let Ok(exe) = std::env::current_exe() {
            planeval::intake::worker::use_executable(exe);
        }
    }
    let result: Result<(), Error> = match cli.command {
        Command::Data(args) => cli_data::run(cli.plan.as_deref(), args),
        Command::Run(args) => cli_run::run(cli.plan.as_deref(), args),
        Command::Isolation(args) => cli_isolation::run(cli.plan.as_deref(), args),
        Command::ReadWorker { memory_bytes } => {
            return ExitCode::from(planeval::intake::worker::serve(memory_bytes).clamp(0, 255) as u8)
        }
    };
    planeval::intake::worker::shutdown();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("planeval-bench: {e}");
            ExitCode::from(2)
        }
    }
}
