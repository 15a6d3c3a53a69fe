//! The `planeval` binary: parse the command line, run the command, map the outcome to an exit code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // `planeval … | head` ends quietly, as other command-line tools do, instead of panicking on the
    // closed pipe.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(err) if !err.use_stderr() => {
            // --help, --version: what was asked for, on stdout.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            let argv: Vec<String> = std::env::args().collect();
            cli::render::set_lang(cli::lang_of_unparsed(&argv));
            eprintln!("{}", cli::errors::usage_error_text(&err));
            return ExitCode::from(cli::Status::Failure as u8);
        }
    };
    // Workbooks are parsed in worker processes of this same binary, so that a reader crash costs one
    // file (planeval::intake::worker). Without a path to itself, this binary cannot isolate them.
    match std::env::current_exe() {
        Ok(exe) => planeval::intake::worker::use_executable(exe),
        Err(e) => {
            eprintln!("planeval: 无法确定本程序的路径，工作簿将在本进程内读取（读取程序崩溃会中止运行）[cannot find own executable, parsing in-process]: {e}");
        }
    }
    let status = match cli::run(args) {
        Ok(status) => status,
        Err(err) => {
            eprintln!("{}", cli::errors::run_error_text(&err));
            cli::Status::Failure
        }
    };
    planeval::intake::worker::shutdown();
    ExitCode::from(status as u8)
}
