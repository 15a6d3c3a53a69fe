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
//! so a run starts as many processes as it has threads, not one per file. The parent sends a file's
//! bytes (already read and sniffed, see `crate::inputs`) and receives its cell grids as length-prefixed
//! frames over the child's stdin and stdout, in a small binary encoding defined here ([`wire`]): the
//! grid holds calamine's cell values, which have no serde form.
//!
//! Where no planeval executable is known ([`use_executable`] was never called: the library's unit tests,
//! a program embedding the library), files are parsed in-process, as before. The binary always names
//! itself at start, so users never run without isolation.

use super::read::{self, ReadLimits, WorkbookGrid};
use super::sniff::{FileProblem, Format};
use crate::diagnostic::Code;
use std::io::{self, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

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
    FileProblem {
        code: Code::ReaderFailed,
        message: format!(
            "读取 {} 文件时读取程序失败（{}），文件未读取；其他文件不受影响 [the reader failed on this file: {}]",
            format.name(),
            seen.describe_zh(),
            seen.describe_en()
        ),
        hint: "该文件结构异常：请在 Excel 或 WPS 中打开后“另存为”新的 xlsx 文件再报送；如仍出现，请把文件交给技术人员".into(),
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

/// Parses a workbook's bytes into cell grids: in a worker process when an executable is known,
/// in-process otherwise.
pub fn read_workbook(
    bytes: Vec<u8>,
    format: Format,
    limits: &ReadLimits,
    worker: &WorkerLimits,
) -> Result<WorkbookGrid, ReadFailure> {
    let Some(exe) = EXECUTABLE.get() else {
        return read::read_workbook(bytes, format, limits).map_err(ReadFailure::Reader);
    };
    let request = wire::request_header(format, limits);
    let mut w = match take_worker(exe, worker.memory_bytes) {
        Ok(w) => w,
        Err(e) => {
            return Err(ReadFailure::Worker(WorkerFailure::Protocol(format!(
                "{}: {e}",
                exe.display()
            ))))
        }
    };
    let answer = w.ask(&request, &bytes, worker);
    drop(bytes);
    match answer {
        Ok(answer) => {
            give_back(w);
            match wire::decode_response(&answer) {
                Ok(wire::Response::Grid(grid)) => Ok(grid),
                Ok(wire::Response::ReaderError(msg)) => Err(ReadFailure::Reader(msg)),
                Ok(wire::Response::Panic(msg)) => {
                    Err(ReadFailure::Worker(WorkerFailure::Panic(msg)))
                }
                Err(e) => Err(ReadFailure::Worker(WorkerFailure::Protocol(e))),
            }
        }
        Err(failure) => Err(ReadFailure::Worker(failure)),
    }
}

// ── The pool ─────────────────────────────────────────────────────────────────────────────────────

/// Idle workers, by the memory limit they were started with.
static IDLE: Mutex<Vec<(u64, Worker)>> = Mutex::new(Vec::new());

struct Worker {
    child: Arc<Mutex<Child>>,
    /// `None` once closed (a healthy worker then ends).
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    /// The last bytes the worker wrote to stderr (a panic or allocation-failure message).
    stderr_tail: Arc<Mutex<Vec<u8>>>,
    stderr_drain: Option<std::thread::JoinHandle<()>>,
    /// The memory limit it was started with.
    memory_bytes: u64,
}

const STDERR_TAIL_BYTES: usize = 4096;

fn take_worker(exe: &PathBuf, memory_bytes: u64) -> io::Result<Worker> {
    {
        let mut idle = IDLE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = idle.iter().position(|(m, _)| *m == memory_bytes) {
            return Ok(idle.swap_remove(i).1);
        }
    }
    Worker::start(exe, memory_bytes)
}

fn give_back(w: Worker) {
    IDLE.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((w.memory_bytes, w));
}

/// Peak resident memory of the live workers, summed (Linux: VmHWM of each), for `planeval bench`.
pub fn workers_peak_rss_bytes() -> Option<u64> {
    let idle = IDLE.lock().unwrap_or_else(|e| e.into_inner());
    let mut total = None;
    for (_, w) in idle.iter() {
        let pid = w.child.lock().unwrap_or_else(|e| e.into_inner()).id();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok();
        let kb = status.as_deref().and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
        });
        if let Some(kb) = kb {
            total = Some(total.unwrap_or(0) + kb * 1024);
        }
    }
    total
}

/// Ends every idle worker and waits for it (closing its stdin ends its loop), so that none outlives the
/// run and each one's resource use is accounted to this process. Called by the binary before it exits.
pub fn shutdown() {
    let idle = std::mem::take(&mut *IDLE.lock().unwrap_or_else(|e| e.into_inner()));
    drop(idle);
}

/// How many workers are idle in the pool (for tests and the benchmark's note).
pub fn idle_workers() -> usize {
    IDLE.lock().unwrap_or_else(|e| e.into_inner()).len()
}

impl Worker {
    fn start(exe: &PathBuf, memory_bytes: u64) -> io::Result<Worker> {
        let mut child = Command::new(exe)
            .arg(SUBCOMMAND)
            .arg("--memory-bytes")
            .arg(memory_bytes.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| io::Error::other("no stdin"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout"))?;
        let mut stderr = child
            .stderr
            .take()
            .ok_or_else(|| io::Error::other("no stderr"))?;
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr_tail);
        // Drained all the time, so that a chatty reader can never block on a full pipe.
        let stderr_drain = std::thread::Builder::new()
            .name("planeval-worker-stderr".into())
            .spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = stderr.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                    t.extend_from_slice(&buf[..n]);
                    if t.len() > STDERR_TAIL_BYTES {
                        let cut = t.len() - STDERR_TAIL_BYTES;
                        t.drain(..cut);
                    }
                }
            })?;
        Ok(Worker {
            child: Arc::new(Mutex::new(child)),
            stdin: Some(stdin),
            stdout: BufReader::with_capacity(64 * 1024, stdout),
            stderr_tail,
            stderr_drain: Some(stderr_drain),
            memory_bytes,
        })
    }

    /// Sends one request and waits for its answer, the watchdog killing the worker at the time limit.
    /// On any failure the worker is finished (killed and reaped) and what was seen is returned.
    fn ask(
        &mut self,
        header: &[u8],
        bytes: &[u8],
        limits: &WorkerLimits,
    ) -> Result<Vec<u8>, WorkerFailure> {
        let timed_out = Arc::new(AtomicBool::new(false));
        let ticket = watchdog().watch(
            Instant::now() + limits.time,
            Arc::clone(&self.child),
            Arc::clone(&timed_out),
        );
        let Some(stdin) = self.stdin.as_mut() else {
            return Err(WorkerFailure::Protocol("worker closed".into()));
        };
        let answer = without_sigpipe(|| {
            wire::write_frame_parts(stdin, header, bytes).and_then(|()| stdin.flush())
        })
        .and_then(|()| wire::read_frame(&mut self.stdout, wire::MAX_RESPONSE_BYTES));
        watchdog().unwatch(ticket);
        match answer {
            Ok(answer) => Ok(answer),
            Err(e) => Err(self.finish(&timed_out, limits, e)),
        }
    }

    /// Kills and reaps a worker whose answer did not come, and says why it did not.
    fn finish(
        &mut self,
        timed_out: &AtomicBool,
        limits: &WorkerLimits,
        e: io::Error,
    ) -> WorkerFailure {
        let status = {
            let mut child = self.child.lock().unwrap_or_else(|e| e.into_inner());
            // A broken pipe may come before the exit: give a dying worker a moment to end by itself,
            // so that its own signal or exit code is what is reported.
            let deadline = Instant::now() + Duration::from_millis(2000);
            loop {
                match child.try_wait() {
                    Ok(Some(status)) => break Some(status),
                    Ok(None) if Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(5))
                    }
                    _ => {
                        let _ = child.kill();
                        break child.wait().ok();
                    }
                }
            }
        };
        if let Some(drain) = self.stderr_drain.take() {
            let _ = drain.join();
        }
        if timed_out.load(Ordering::SeqCst) {
            return WorkerFailure::TimeLimit(limits.time);
        }
        let stderr =
            String::from_utf8_lossy(&self.stderr_tail.lock().unwrap_or_else(|e| e.into_inner()))
                .into_owned();
        // Rust's allocation-failure handler prints this line, then aborts.
        if stderr.contains("memory allocation of") {
            return WorkerFailure::MemoryLimit(limits.memory_bytes);
        }
        match status {
            Some(status) => describe_status(status),
            None => WorkerFailure::Protocol(e.to_string()),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing stdin ends a healthy worker's loop at once; one that does not end is killed.
        drop(self.stdin.take());
        let mut child = self.child.lock().unwrap_or_else(|e| e.into_inner());
        let deadline = Instant::now() + Duration::from_millis(500);
        loop {
            match child.try_wait() {
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2))
                }
                Ok(None) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                _ => break,
            }
        }
        drop(child);
        if let Some(drain) = self.stderr_drain.take() {
            let _ = drain.join();
        }
    }
}

/// Runs `write` with SIGPIPE blocked on this thread: the binary restores SIGPIPE's default action (so
/// that `planeval … | head` ends quietly), under which writing to a worker that just died would kill
/// the whole run. Blocked, the write fails with `EPIPE` instead; the pending signal is taken before the
/// old mask is restored.
#[cfg(unix)]
fn without_sigpipe<T>(write: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    // SAFETY: plain POSIX signal-mask calls on stack values; only this thread's mask changes.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGPIPE);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old);
        let result = write();
        let mut pending: libc::sigset_t = std::mem::zeroed();
        libc::sigpending(&mut pending);
        if libc::sigismember(&pending, libc::SIGPIPE) == 1
            && libc::sigismember(&old, libc::SIGPIPE) == 0
        {
            let mut sig = 0;
            libc::sigwait(&set, &mut sig);
        }
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
        result
    }
}

#[cfg(not(unix))]
fn without_sigpipe<T>(write: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    write()
}

fn describe_status(status: std::process::ExitStatus) -> WorkerFailure {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return WorkerFailure::Signal(sig, signal_name(sig));
        }
    }
    WorkerFailure::Exit(status.code().unwrap_or(-1))
}

#[cfg(unix)]
fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGABRT => "SIGABRT",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        libc::SIGXCPU => "SIGXCPU",
        _ => "signal",
    }
}

// ── The watchdog: one thread that kills workers past their time limit ──────────────────────────

struct Watch {
    ticket: u64,
    deadline: Instant,
    child: Arc<Mutex<Child>>,
    timed_out: Arc<AtomicBool>,
}

struct Watchdog {
    watches: Mutex<(u64, Vec<Watch>)>,
}

/// How often the watchdog looks at the deadlines: a time limit of seconds is kept to within this, and
/// a file's request costs no wake-up of the watchdog thread.
const WATCHDOG_TICK: Duration = Duration::from_millis(50);

fn watchdog() -> &'static Watchdog {
    static DOG: OnceLock<&'static Watchdog> = OnceLock::new();
    DOG.get_or_init(|| {
        let dog: &'static Watchdog = Box::leak(Box::new(Watchdog {
            watches: Mutex::new((0, Vec::new())),
        }));
        let _ = std::thread::Builder::new()
            .name("planeval-worker-watchdog".into())
            .spawn(move || dog.run());
        dog
    })
}

impl Watchdog {
    fn watch(
        &self,
        deadline: Instant,
        child: Arc<Mutex<Child>>,
        timed_out: Arc<AtomicBool>,
    ) -> u64 {
        let mut w = self.watches.lock().unwrap_or_else(|e| e.into_inner());
        w.0 += 1;
        let ticket = w.0;
        w.1.push(Watch {
            ticket,
            deadline,
            child,
            timed_out,
        });
        ticket
    }

    fn unwatch(&self, ticket: u64) {
        let mut w = self.watches.lock().unwrap_or_else(|e| e.into_inner());
        w.1.retain(|x| x.ticket != ticket);
    }

    fn run(&self) {
        loop {
            std::thread::sleep(WATCHDOG_TICK);
            let now = Instant::now();
            let mut w = self.watches.lock().unwrap_or_else(|e| e.into_inner());
            w.1.retain(|x| {
                if x.deadline > now {
                    return true;
                }
                x.timed_out.store(true, Ordering::SeqCst);
                let _ = x.child.lock().unwrap_or_else(|e| e.into_inner()).kill();
                false
            });
        }
    }
}

// ── The worker's side ────────────────────────────────────────────────────────────────────────────

/// The worker process: limits its own memory, then answers requests on stdin until it closes.
/// Returns the process exit code.
pub fn serve(memory_bytes: u64) -> i32 {
    limit_memory(memory_bytes);
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut input = stdin.lock();
    let mut output = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    loop {
        let request = match wire::read_frame(&mut input, wire::MAX_REQUEST_BYTES) {
            Ok(r) => r,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return 0,
            Err(_) => return 2,
        };
        let response = answer(request);
        if wire::write_frame(&mut output, &response)
            .and_then(|()| output.flush())
            .is_err()
        {
            return 2;
        }
    }
}

/// One request's answer: the grid, the reader's error, or the panic's message.
pub fn answer(request: Vec<u8>) -> Vec<u8> {
    let Some((_, format, limits)) = wire::decode_request(&request) else {
        return wire::encode_response(&wire::Response::ReaderError("bad request".into()));
    };
    // The file's bytes are the request without its header: moved, not copied into a new buffer.
    let mut bytes = request;
    bytes.drain(..wire::REQUEST_HEADER_BYTES);
    let parsed = std::panic::catch_unwind(move || read::read_workbook(bytes, format, &limits));
    let response = match parsed {
        Ok(Ok(grid)) => wire::Response::Grid(grid),
        Ok(Err(msg)) => wire::Response::ReaderError(msg),
        Err(panic) => wire::Response::Panic(
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into()),
        ),
    };
    wire::encode_response(&response)
}

#[cfg(unix)]
fn limit_memory(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit only reads the struct passed; failure leaves the process unlimited, which the
    // parent's time limit still bounds.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn limit_memory(_bytes: u64) {
    // Windows: no per-process memory limit is set (see README: a Job Object would be the mechanism);
    // a worker that crashes or overruns its time is still one diagnostic.
}

// ── The wire format ──────────────────────────────────────────────────────────────────────────────

/// Frames between parent and worker: a little-endian `u32` length, then the payload.
///
/// Request: format (u8), max_rows (u32), max_cols (u32), max_cells_per_sheet (u64), the file's bytes.
/// Response: a tag (0 grid, 1 reader error, 2 panic) and the grid or the message. A grid is its sheets
/// (count, then name, visible, skipped cells, farthest row and column, cell count) and their cells
/// (row, column, a value tag and value, formula or none). Strings are a `u32` length and UTF-8.
pub mod wire {
    use super::super::read::{GridCell, ReadLimits, SheetGrid, WorkbookGrid};
    use super::super::sniff::Format;
    use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};
    use std::io::{self, Read, Write};

    /// A request carries at most a file the size limit allows, with room to spare.
    pub const MAX_REQUEST_BYTES: usize = 1 << 30;
    /// A grid of 200 000 cells a sheet is well under this.
    pub const MAX_RESPONSE_BYTES: usize = 1 << 30;

    pub fn write_frame(w: &mut impl Write, payload: &[u8]) -> io::Result<()> {
        let len = u32::try_from(payload.len()).map_err(|_| io::Error::other("frame too long"))?;
        w.write_all(&len.to_le_bytes())?;
        w.write_all(payload)
    }

    /// One frame whose payload is `head` then `tail`, without joining them first.
    pub fn write_frame_parts(w: &mut impl Write, head: &[u8], tail: &[u8]) -> io::Result<()> {
        let len = u32::try_from(head.len() + tail.len())
            .map_err(|_| io::Error::other("frame too long"))?;
        w.write_all(&len.to_le_bytes())?;
        w.write_all(head)?;
        w.write_all(tail)
    }

    pub fn read_frame(r: &mut impl Read, max: usize) -> io::Result<Vec<u8>> {
        let mut len = [0u8; 4];
        r.read_exact(&mut len)?;
        let len = u32::from_le_bytes(len) as usize;
        if len > max {
            return Err(io::Error::other("frame too long"));
        }
        let mut buf = vec![0u8; len];
        r.read_exact(&mut buf)?;
        Ok(buf)
    }

    fn format_tag(f: Format) -> u8 {
        match f {
            Format::Xlsx => 0,
            Format::Xlsm => 1,
            Format::Xlsb => 2,
            Format::Xls => 3,
            Format::Ods => 4,
        }
    }

    fn format_of(tag: u8) -> Option<Format> {
        Some(match tag {
            0 => Format::Xlsx,
            1 => Format::Xlsm,
            2 => Format::Xlsb,
            3 => Format::Xls,
            4 => Format::Ods,
            _ => return None,
        })
    }

    /// The length of what precedes the file's bytes in a request.
    pub const REQUEST_HEADER_BYTES: usize = 17;

    /// What precedes the file's bytes in a request.
    pub fn request_header(format: Format, limits: &ReadLimits) -> Vec<u8> {
        let mut out = Vec::with_capacity(REQUEST_HEADER_BYTES);
        out.push(format_tag(format));
        out.extend_from_slice(&limits.max_rows.to_le_bytes());
        out.extend_from_slice(&limits.max_cols.to_le_bytes());
        out.extend_from_slice(&(limits.max_cells_per_sheet as u64).to_le_bytes());
        out
    }

    /// A whole request (header and bytes), as the worker receives it.
    pub fn encode_request(bytes: &[u8], format: Format, limits: &ReadLimits) -> Vec<u8> {
        let mut out = request_header(format, limits);
        out.extend_from_slice(bytes);
        out
    }

    pub fn decode_request(req: &[u8]) -> Option<(&[u8], Format, ReadLimits)> {
        let mut r = Reader(req);
        let format = format_of(r.u8()?)?;
        let limits = ReadLimits {
            max_rows: r.u32()?,
            max_cols: r.u32()?,
            max_cells_per_sheet: usize::try_from(r.u64()?).ok()?,
        };
        Some((r.0, format, limits))
    }

    /// What a worker answers.
    #[derive(Debug)]
    pub enum Response {
        Grid(WorkbookGrid),
        ReaderError(String),
        Panic(String),
    }

    pub fn encode_response(resp: &Response) -> Vec<u8> {
        let mut out = Vec::new();
        match resp {
            Response::Grid(g) => {
                out.push(0);
                out.push(format_tag(g.format));
                put_u32(&mut out, g.sheets.len() as u32);
                for s in &g.sheets {
                    put_str(&mut out, &s.name);
                    out.push(u8::from(s.visible));
                    out.extend_from_slice(&(s.skipped_cells as u64).to_le_bytes());
                    put_u32(&mut out, s.farthest.0);
                    put_u32(&mut out, s.farthest.1);
                    put_u32(&mut out, s.cells.len() as u32);
                    for ((row, col), cell) in &s.cells {
                        put_u32(&mut out, *row);
                        put_u32(&mut out, *col);
                        put_data(&mut out, &cell.data);
                        match &cell.formula {
                            Some(f) => {
                                out.push(1);
                                put_str(&mut out, f);
                            }
                            None => out.push(0),
                        }
                    }
                }
            }
            Response::ReaderError(m) => {
                out.push(1);
                put_str(&mut out, m);
            }
            Response::Panic(m) => {
                out.push(2);
                put_str(&mut out, m);
            }
        }
        out
    }

    pub fn decode_response(buf: &[u8]) -> Result<Response, String> {
        decode(buf).ok_or_else(|| "malformed answer".to_string())
    }

    fn decode(buf: &[u8]) -> Option<Response> {
        let mut r = Reader(buf);
        match r.u8()? {
            0 => {
                let format = format_of(r.u8()?)?;
                let n = r.u32()?;
                let mut sheets = Vec::new();
                for _ in 0..n {
                    let name = r.str()?;
                    let visible = r.u8()? != 0;
                    let skipped_cells = usize::try_from(r.u64()?).ok()?;
                    let farthest = (r.u32()?, r.u32()?);
                    let count = r.u32()?;
                    let mut cells = std::collections::BTreeMap::new();
                    for _ in 0..count {
                        let row = r.u32()?;
                        let col = r.u32()?;
                        let data = r.data()?;
                        let formula = match r.u8()? {
                            0 => None,
                            _ => Some(r.str()?),
                        };
                        cells.insert((row, col), GridCell { data, formula });
                    }
                    sheets.push(SheetGrid {
                        name,
                        visible,
                        cells,
                        skipped_cells,
                        farthest,
                    });
                }
                r.0.is_empty()
                    .then_some(Response::Grid(WorkbookGrid { format, sheets }))
            }
            1 => Some(Response::ReaderError(r.str()?)),
            2 => Some(Response::Panic(r.str()?)),
            _ => None,
        }
    }

    fn put_u32(out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&v.to_le_bytes());
    }

    fn put_str(out: &mut Vec<u8>, s: &str) {
        put_u32(out, s.len() as u32);
        out.extend_from_slice(s.as_bytes());
    }

    fn error_tag(e: &CellErrorType) -> u8 {
        match e {
            CellErrorType::Div0 => 0,
            CellErrorType::NA => 1,
            CellErrorType::Name => 2,
            CellErrorType::Null => 3,
            CellErrorType::Num => 4,
            CellErrorType::Ref => 5,
            CellErrorType::Value => 6,
            CellErrorType::GettingData => 7,
        }
    }

    fn error_of(tag: u8) -> Option<CellErrorType> {
        Some(match tag {
            0 => CellErrorType::Div0,
            1 => CellErrorType::NA,
            2 => CellErrorType::Name,
            3 => CellErrorType::Null,
            4 => CellErrorType::Num,
            5 => CellErrorType::Ref,
            6 => CellErrorType::Value,
            7 => CellErrorType::GettingData,
            _ => return None,
        })
    }

    fn put_data(out: &mut Vec<u8>, d: &Data) {
        match d {
            Data::Empty => out.push(0),
            Data::Int(i) => {
                out.push(1);
                out.extend_from_slice(&i.to_le_bytes());
            }
            Data::Float(f) => {
                out.push(2);
                out.extend_from_slice(&f.to_le_bytes());
            }
            Data::String(s) => {
                out.push(3);
                put_str(out, s);
            }
            Data::Bool(b) => {
                out.push(4);
                out.push(u8::from(*b));
            }
            Data::DateTime(dt) => {
                out.push(5);
                let v = dt.as_f64();
                let kind = if dt.is_duration() {
                    ExcelDateTimeType::TimeDelta
                } else {
                    ExcelDateTimeType::DateTime
                };
                // calamine keeps the 1904 flag private; a value equal to its 1900 twin is not 1904.
                let is_1904 = *dt != ExcelDateTime::new(v, kind, false);
                out.extend_from_slice(&v.to_le_bytes());
                out.push(u8::from(dt.is_duration()));
                out.push(u8::from(is_1904));
            }
            Data::DateTimeIso(s) => {
                out.push(6);
                put_str(out, s);
            }
            Data::DurationIso(s) => {
                out.push(7);
                put_str(out, s);
            }
            Data::Error(e) => {
                out.push(8);
                out.push(error_tag(e));
            }
        }
    }

    struct Reader<'a>(&'a [u8]);

    impl<'a> Reader<'a> {
        fn take(&mut self, n: usize) -> Option<&'a [u8]> {
            if self.0.len() < n {
                return None;
            }
            let (a, b) = self.0.split_at(n);
            self.0 = b;
            Some(a)
        }
        fn u8(&mut self) -> Option<u8> {
            self.take(1).map(|b| b[0])
        }
        fn u32(&mut self) -> Option<u32> {
            self.take(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        }
        fn u64(&mut self) -> Option<u64> {
            let b = self.take(8)?;
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            Some(u64::from_le_bytes(a))
        }
        fn str(&mut self) -> Option<String> {
            let n = self.u32()? as usize;
            String::from_utf8(self.take(n)?.to_vec()).ok()
        }
        fn data(&mut self) -> Option<Data> {
            Some(match self.u8()? {
                0 => Data::Empty,
                1 => Data::Int(self.u64()? as i64),
                2 => Data::Float(f64::from_bits(self.u64()?)),
                3 => Data::String(self.str()?),
                4 => Data::Bool(self.u8()? != 0),
                5 => {
                    let v = f64::from_bits(self.u64()?);
                    let kind = if self.u8()? != 0 {
                        ExcelDateTimeType::TimeDelta
                    } else {
                        ExcelDateTimeType::DateTime
                    };
                    let is_1904 = self.u8()? != 0;
                    Data::DateTime(ExcelDateTime::new(v, kind, is_1904))
                }
                6 => Data::DateTimeIso(self.str()?),
                7 => Data::DurationIso(self.str()?),
                8 => Data::Error(error_of(self.u8()?)?),
                _ => return None,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::read::{GridCell, SheetGrid};
    use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn grids_cross_the_wire_unchanged() {
        let mut sheet = SheetGrid {
            name: "指标填报".into(),
            visible: true,
            skipped_cells: 3,
            farthest: (1_048_575, 16_383),
            ..Default::default()
        };
        let values = [
            Data::Empty,
            Data::Int(-7),
            Data::Float(78.1),
            Data::String("９５．２％".into()),
            Data::Bool(true),
            Data::DateTime(ExcelDateTime::new(
                45000.5,
                ExcelDateTimeType::DateTime,
                false,
            )),
            Data::DateTime(ExcelDateTime::new(1.25, ExcelDateTimeType::TimeDelta, true)),
            Data::DateTimeIso("2024-01-01".into()),
            Data::DurationIso("PT1H".into()),
            Data::Error(CellErrorType::Div0),
        ];
        for (i, v) in values.iter().enumerate() {
            sheet.cells.insert(
                (i as u32, 2),
                GridCell {
                    data: v.clone(),
                    formula: (i % 2 == 0).then(|| format!("=A{i}")),
                },
            );
        }
        let grid = WorkbookGrid {
            format: Format::Ods,
            sheets: vec![sheet, SheetGrid::default()],
        };
        let bytes = wire::encode_response(&wire::Response::Grid(grid.clone()));
        let Ok(wire::Response::Grid(back)) = wire::decode_response(&bytes) else {
            panic!("not a grid");
        };
        assert_eq!(back.format, grid.format);
        assert_eq!(back.sheets.len(), 2);
        let (a, b) = (&grid.sheets[0], &back.sheets[0]);
        assert_eq!(
            (&a.name, a.visible, a.skipped_cells, a.farthest),
            (&b.name, b.visible, b.skipped_cells, b.farthest)
        );
        assert_eq!(a.cells, b.cells);
        // A cut answer is malformed, never a shorter grid.
        assert!(wire::decode_response(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn requests_carry_bytes_format_and_limits() {
        let limits = ReadLimits {
            max_rows: 10,
            max_cols: 20,
            max_cells_per_sheet: 30,
        };
        let req = wire::encode_request(b"PK\x03\x04", Format::Xlsb, &limits);
        let (bytes, format, back) = wire::decode_request(&req).unwrap();
        assert_eq!(bytes, b"PK\x03\x04");
        assert_eq!(format, Format::Xlsb);
        assert_eq!(
            (back.max_rows, back.max_cols, back.max_cells_per_sheet),
            (10, 20, 30)
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_watchdog_kills_a_process_past_its_deadline() {
        let child = Command::new("sleep").arg("30").spawn().unwrap();
        let child = Arc::new(Mutex::new(child));
        let timed_out = Arc::new(AtomicBool::new(false));
        let start = Instant::now();
        let kept = watchdog().watch(
            start + Duration::from_secs(3600),
            Arc::clone(&child),
            Arc::new(AtomicBool::new(false)),
        );
        watchdog().watch(
            start + Duration::from_millis(100),
            Arc::clone(&child),
            Arc::clone(&timed_out),
        );
        loop {
            if let Some(status) = child.lock().unwrap().try_wait().unwrap() {
                use std::os::unix::process::ExitStatusExt;
                assert_eq!(status.signal(), Some(libc::SIGKILL));
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "not killed");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(timed_out.load(Ordering::SeqCst));
        watchdog().unwatch(kept);
    }

    #[test]
    fn a_panicking_reader_is_an_answer_not_a_crash() {
        // Garbage bytes as xls: calamine returns an error; the worker answers with it.
        let req = wire::encode_request(b"not a workbook", Format::Xls, &ReadLimits::default());
        let resp = wire::decode_response(&answer(req)).unwrap();
        assert!(matches!(resp, wire::Response::ReaderError(_)), "{resp:?}");
    }
}
