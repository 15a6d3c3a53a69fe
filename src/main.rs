//! The `planeval` binary: parse the command line, run the command, map the outcome to an exit code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let status = match cli::run(args) {
        Ok(status) => status,
        Err(err) => {
            eprintln!("planeval: 错误：{err}");
            cli::Status::Failure
        }
    };
    ExitCode::from(status as u8)
}
