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
            eprintln!("{}", cli::errors::usage_error_text(&err));
            return ExitCode::from(cli::Status::Failure as u8);
        }
    };
    let status = match cli::run(args) {
        Ok(status) => status,
        Err(err) => {
            eprintln!("{}", cli::errors::run_error_text(&err));
            cli::Status::Failure
        }
    };
    ExitCode::from(status as u8)
}
