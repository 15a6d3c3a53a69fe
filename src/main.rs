//! The `planeval` binary: parse the command line, run the command, map the outcome to an exit code.

mod cli;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

fn main() -> ExitCode {
    // `planeval … | head` ends quietly, as other command-line tools do, instead of panicking on the
    // closed pipe.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // As the OS gives them: a path need not be UTF-8 (a GBK-named folder); the language is read lossily.
    let argv_os: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let argv: Vec<String> = argv_os
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    // --help in the language asked for: bilingual in Chinese (the default), English alone with
    // --lang en or PLANEVAL_LANG=en (cli::help).
    let command = match cli::lang_of_unparsed(&argv) {
        planeval::i18n::Lang::En => cli::help::in_english(cli::Cli::command()),
        planeval::i18n::Lang::Zh => cli::Cli::command(),
    };
    let parsed = command
        .try_get_matches_from(&argv_os)
        .and_then(|m| cli::Cli::from_arg_matches(&m));
    let args = match parsed {
        Ok(args) => args,
        Err(err) if !err.use_stderr() => {
            // --help, --version: what was asked for, on stdout.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
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
