//! Parsing workbooks in worker processes, so that a reader bug costs one file and never the run.
//!
//! The spreadsheet readers (calamine and the zip and XML crates under it) trust what they read: a few
//! kilobytes crafted the wrong way make them reserve terabytes (an abort, not a panic), loop, or index
//! out of bounds. `sniff` refuses what it can see cheaply; everything it lets through is parsed here, in
//! a child process of the same binary (`planeval __read-worker`), under a memory limit (`RLIMIT_AS` on
//! Unix) and a time limit enforced by the parent. A worker that aborts, is killed by a signal, runs out
//! of memory or time, or panics becomes one `F010` problem for that file ([`ReadFailure::Worker`]);
//! a dead worker is replaced on the next file, and the rest of the run goes on.
//!
//! The workers are a pool: each intake thread takes an idle worker (or starts one) and gives it back,
//! so a run starts as many processes as it has threads, not one per file. Small files share a round
//! trip ([`read_workbooks`], [`FILES_PER_TRIP`]): the hand-off, not the parse, is what a county return's
//! isolation costs; a shared trip that fails is read again file by file, so that what failed is still
//! told of one file.
//!
//! The parent sends files' bytes (already read and sniffed, see `crate::inputs`) and receives their
//! cell grids as length-prefixed frames over the child's stdin and stdout, in a small binary encoding
//! defined here ([`wire`]): the grid holds calamine's cell values, which have no serde form.
//!
//! Where no planeval executable is known ([`use_executable`] was never called: the library's unit tests,
//! a program embedding the library), files are parsed in-process, as before. The binary always names
//! itself at start, so users never run without isolation.

mod pool;
mod serve;
#[cfg(test)]
mod tests;
mod watchdog;
pub mod wire;

pub use pool::{idle_workers, shutdown, workers_peak_rss_bytes};
pub use serve::{answer, serve};

use super::read::{self, ReadLimits, WorkbookGrid};
use super::sniff::{FileProblem, Format};
use crate::diagnostic::Code;
use crate::i18n::diagnostics::DiagText;
use pool::{give_back, take_worker};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

/// The hidden subcommand a worker is started with.
pub const SUBCOMMAND: &str = "__read-worker";

/// What one file may cost a worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerLimits {
    /// Address space of a worker process (`RLIMIT_AS`), in bytes (default 1 GiB). It counts virtual
    /// memory: the mapped binary (~100 MB release, ~160 MB debug), the one thread's stack and the heap.
    /// A worker is single-threaded and parses one file at a time, so the heap gets what the mapping
    /// leaves: over 800 MB, where a county return takes a few megabytes (the benchmark's two workers
    /// peak at ~30 MB together). Files near the 64 MiB size limit were not measured against it.
    pub memory_bytes: u64,
    /// Wall time for parsing one file (default 20 s; a county return takes milliseconds).
    pub time: Duration,
}

impl Default for WorkerLimits {
    fn default() -> Self {
        WorkerLimits {
            memory_bytes: 1 << 30,
            time: Duration::from_secs(20),
        }
    }
}

/// Why a file's cells could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadFailure {
    /// The reader refused the file with an error (calamine's message): a damaged or foreign file.
    Reader(String),
    /// The reader did not come back: what was seen of the worker.
    Worker(WorkerFailure),
}

/// What happened to a worker that did not return a file's cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerFailure {
    /// The reader asked for more memory than the limit (bytes).
    MemoryLimit(u64),
    /// Parsing took longer than the limit; the worker was killed.
    TimeLimit(Duration),
    /// Killed by a signal (Unix): number and name.
    Signal(i32, &'static str),
    /// Ended with an exit code (on Windows, a crash shows as an NTSTATUS code here).
    Exit(i32),
    /// The reader panicked (the worker survived it); the panic's message.
    Panic(String),
    /// The worker could not be started or answered nonsense.
    Protocol(String),
}

impl WorkerFailure {
    /// What was seen, in Chinese, for the diagnostic's message.
    pub fn describe_zh(&self) -> String {
        match self {
            WorkerFailure::MemoryLimit(limit) => {
                format!("读取时所需内存超过上限 {} MB", limit / (1024 * 1024))
            }
            WorkerFailure::TimeLimit(t) => format!("读取超过时间上限 {} 秒", t.as_secs()),
            WorkerFailure::Signal(n, name) => format!("读取进程被信号 {n}（{name}）终止"),
            WorkerFailure::Exit(code) => format!("读取进程异常退出，退出码 {code}（0x{code:08X}）"),
            WorkerFailure::Panic(msg) => format!("读取程序内部错误：{}", truncate(msg, 200)),
            WorkerFailure::Protocol(msg) => format!("读取进程无法运行：{}", truncate(msg, 200)),
        }
    }

    /// The same in English.
    pub fn describe_en(&self) -> String {
        match self {
            WorkerFailure::MemoryLimit(limit) => {
                format!("memory limit of {} MB reached", limit / (1024 * 1024))
            }
            WorkerFailure::TimeLimit(t) => format!("time limit of {} s reached", t.as_secs()),
            WorkerFailure::Signal(n, name) => format!("reader killed by signal {n} ({name})"),
            WorkerFailure::Exit(code) => format!("reader exited with code {code}"),
            WorkerFailure::Panic(msg) => format!("reader panicked: {}", truncate(msg, 200)),
            WorkerFailure::Protocol(msg) => format!("reader could not run: {}", truncate(msg, 200)),
        }
    }
}

/// The `F010` problem of a file on which the reader itself failed (crashed, ran out of memory or time):
/// what was seen, for the department and for whoever reports the reader's bug.
pub fn reader_failed(seen: &WorkerFailure, format: Format) -> FileProblem {
    use crate::i18n::fill;
    // What was seen is said in each language: the two texts are filled apart.
    let zh = [("format", format.name()), ("seen", &seen.describe_zh())];
    let en = [("format", format.name()), ("seen", &seen.describe_en())];
    FileProblem {
        code: Code::ReaderFailed,
        message: fill(DiagText::ReaderFailed.zh(), &zh),
        hint: DiagText::HintReaderFailed.zh().to_string(),
        en: Some((
            fill(DiagText::ReaderFailed.en(), &en),
            DiagText::HintReaderFailed.en().to_string(),
        )),
    }
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

static EXECUTABLE: OnceLock<PathBuf> = OnceLock::new();

/// Parse workbooks in workers started from `exe` (the planeval binary, `std::env::current_exe()`).
/// Called once by the binary at start; later calls are ignored.
pub fn use_executable(exe: PathBuf) {
    let _ = EXECUTABLE.set(exe);
}

/// Whether workbooks are parsed in worker processes (an executable is known).
pub fn in_use() -> bool {
    EXECUTABLE.get().is_some()
}

/// Parses a workbook's bytes into cell grids: in a worker process when an executable is known,
/// in-process otherwise.
pub fn read_workbook(
    bytes: Vec<u8>,
    format: Format,
    limits: &ReadLimits,
    worker: &WorkerLimits,
) -> Result<WorkbookGrid, ReadFailure> {
    read_workbooks(vec![(bytes, format)], limits, worker)
        .pop()
        .unwrap_or_else(|| Err(protocol("no answer".into())))
}

/// How many files an intake thread hands a worker at once: one round trip (one write, one wake-up
/// each way) for all of them instead of one each, which is most of what isolation costs a county
/// return (docs/PERFORMANCE.md, "Reader isolation").
pub const FILES_PER_TRIP: usize = 4;

/// Files up to this size share a round trip; a larger one has its own (its parse outweighs the trip).
const SHARED_TRIP_FILE_BYTES: usize = 256 * 1024;

/// How long a shared round trip may take before its files are read again one by one: far more than
/// a few small files take, and short, because a file that hangs is then read once more on its own.
const SHARED_TRIP_TIME: Duration = Duration::from_secs(2);

/// Parses several workbooks, answering for each in order: [`read_workbook`] for many files, with the
/// small ones sharing one round trip to a worker. When a shared trip fails (the worker died, ran out
/// of memory or time), each of its files is read again on its own, so that the failure is told of the
/// one file that caused it and the others are read as usual.
pub fn read_workbooks(
    files: Vec<(Vec<u8>, Format)>,
    limits: &ReadLimits,
    worker: &WorkerLimits,
) -> Vec<Result<WorkbookGrid, ReadFailure>> {
    let Some(exe) = EXECUTABLE.get() else {
        return files
            .into_iter()
            .map(|(bytes, format)| {
                read::read_workbook(bytes, format, limits).map_err(ReadFailure::Reader)
            })
            .collect();
    };
    let mut out: Vec<Option<Result<WorkbookGrid, ReadFailure>>> =
        (0..files.len()).map(|_| None).collect();
    let shared: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].0.len() <= SHARED_TRIP_FILE_BYTES)
        .collect();
    if shared.len() > 1 {
        let batch: Vec<(&[u8], Format)> = shared
            .iter()
            .map(|&i| (files[i].0.as_slice(), files[i].1))
            .collect();
        let time = worker.time.min(SHARED_TRIP_TIME);
        if let Ok(answers) = round_trip(exe, &batch, limits, worker.memory_bytes, time) {
            for (i, answer) in shared.into_iter().zip(answers) {
                out[i] = Some(answer);
            }
        }
    }
    files
        .into_iter()
        .zip(out)
        .map(|((bytes, format), answered)| {
            answered.unwrap_or_else(|| {
                round_trip(
                    exe,
                    &[(&bytes, format)],
                    limits,
                    worker.memory_bytes,
                    worker.time,
                )
                .map_err(ReadFailure::Worker)
                .and_then(|mut answers| {
                    answers
                        .pop()
                        .unwrap_or_else(|| Err(protocol("no answer".into())))
                })
            })
        })
        .collect()
}

/// One request to an idle worker (started if there is none) and its answers, one per file; the
/// worker goes back to the pool unless it failed, in which case what was seen of it is the error.
fn round_trip(
    exe: &std::path::Path,
    files: &[(&[u8], Format)],
    limits: &ReadLimits,
    memory_bytes: u64,
    time: Duration,
) -> Result<Vec<Result<WorkbookGrid, ReadFailure>>, WorkerFailure> {
    let mut w = take_worker(exe, memory_bytes)
        .map_err(|e| WorkerFailure::Protocol(format!("{}: {e}", exe.display())))?;
    let answer = w.ask(files, limits, time)?;
    give_back(w);
    let responses = wire::decode_answers(&answer, files.len()).map_err(WorkerFailure::Protocol)?;
    Ok(responses
        .into_iter()
        .map(|response| match response {
            wire::Response::Grid(grid) => Ok(grid),
            wire::Response::ReaderError(msg) => Err(ReadFailure::Reader(msg)),
            wire::Response::Panic(msg) => Err(ReadFailure::Worker(WorkerFailure::Panic(msg))),
        })
        .collect())
}

fn protocol(msg: String) -> ReadFailure {
    ReadFailure::Worker(WorkerFailure::Protocol(msg))
}
