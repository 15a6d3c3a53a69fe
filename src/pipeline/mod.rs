//! The operations users run, as plain functions over plain data: check returns, ingest them, evaluate a
//! stage, run the scheduled job. The commands (`src/cli/`), the demo and the benchmark all call these;
//! a command only turns its arguments into a config, calls one function here and renders the result.
//! Nothing here prints: what happens on the way is told through an event callback, results come back
//! as data.

pub mod check;
pub mod demo;
pub mod evaluate;
pub mod history;
pub mod ingest;
pub mod panel;
pub mod scheduled;
pub mod status;

/// How an operation ended, as the process exit code the commands return and the run log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Status {
    /// Done; at most warnings.
    Ok = 0,
    /// Done, and the data has errors the user must fix.
    Findings = 1,
    /// Could not run: bad arguments, invalid plan, unreadable files.
    Failure = 2,
    /// The monitoring store is being written by another process.
    Locked = 3,
}

impl Status {
    /// `Findings` when there are any errors, else `Ok`.
    pub fn from_errors(errors: usize) -> Status {
        if errors > 0 {
            Status::Findings
        } else {
            Status::Ok
        }
    }
}

/// Steps a progress display while files are processed; the default does nothing.
pub trait Progress {
    /// `total` files are about to be processed.
    fn start(&mut self, _total: usize) {}
    /// Runs `work` (adding one file, and telling about it) for the file shown as `path`.
    fn step(&mut self, _path: &str, work: &mut dyn FnMut()) {
        work()
    }
    /// `done` files are done, counting those that needed no work (a file repeated in the inbox).
    fn position(&mut self, _done: usize) {}
    /// The files are done.
    fn finish(&mut self) {}
}

/// No progress display.
pub struct NoProgress;
impl Progress for NoProgress {}

/// The command line of this process, as the store's lock and revisions record it.
pub fn command_line() -> String {
    std::env::args().collect::<Vec<_>>().join(" ")
}
