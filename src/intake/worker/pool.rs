//! The pool of worker processes: starting one, asking it for a file's grid, and telling what happened
//! when it did not answer (its exit status, signal or last words on stderr).

use super::super::read::ReadLimits;
use super::super::sniff::Format;
use super::watchdog::watchdog;
use super::SUBCOMMAND;
use super::{wire, WorkerFailure};
use std::io::{self, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Idle workers, by the memory limit they were started with.
static IDLE: Mutex<Vec<(u64, Worker)>> = Mutex::new(Vec::new());

pub(super) struct Worker {
    child: Arc<Mutex<Child>>,
    /// `None` once closed (a healthy worker then ends).
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    /// The last bytes the worker wrote to stderr (a panic or allocation-failure message).
    stderr_tail: Arc<Mutex<Vec<u8>>>,
    stderr_drain: Option<std::thread::JoinHandle<()>>,
    /// The memory limit it was started with.
    memory_bytes: u64,
    /// The request being sent, kept between files so that its buffer is allocated once.
    frame: Vec<u8>,
}

const STDERR_TAIL_BYTES: usize = 4096;

pub(super) fn take_worker(exe: &Path, memory_bytes: u64) -> io::Result<Worker> {
    {
        let mut idle = IDLE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = idle.iter().position(|(m, _)| *m == memory_bytes) {
            return Ok(idle.swap_remove(i).1);
        }
    }
    Worker::start(exe, memory_bytes)
}

pub(super) fn give_back(w: Worker) {
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
    fn start(exe: &Path, memory_bytes: u64) -> io::Result<Worker> {
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
            frame: Vec::new(),
        })
    }

    /// Sends one request for `files` and waits for its answer frame, the watchdog killing the worker
    /// after `time`. On any failure the worker is finished (killed and reaped) and what was seen is
    /// returned.
    pub(super) fn ask(
        &mut self,
        files: &[(&[u8], Format)],
        read_limits: &ReadLimits,
        time: Duration,
    ) -> Result<Vec<u8>, WorkerFailure> {
        let timed_out = Arc::new(AtomicBool::new(false));
        let ticket = watchdog().watch(
            Instant::now() + time,
            Arc::clone(&self.child),
            Arc::clone(&timed_out),
        );
        let Some(stdin) = self.stdin.as_mut() else {
            return Err(WorkerFailure::Protocol("worker closed".into()));
        };
        // One write for the whole frame: written in parts, the worker woke for the length alone and
        // slept again, a context switch or two a file more (docs/PERFORMANCE.md, "Reader isolation").
        let frame = &mut self.frame;
        let answer = wire::write_request(frame, files, read_limits)
            .and_then(|()| without_sigpipe(|| stdin.write_all(frame).and_then(|()| stdin.flush())))
            .and_then(|()| wire::read_frame(&mut self.stdout, wire::MAX_RESPONSE_BYTES));
        watchdog().unwatch(ticket);
        match answer {
            Ok(answer) => Ok(answer),
            Err(e) => Err(self.finish(&timed_out, time, e)),
        }
    }

    /// Kills and reaps a worker whose answer did not come, and says why it did not.
    fn finish(&mut self, timed_out: &AtomicBool, time: Duration, e: io::Error) -> WorkerFailure {
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
            return WorkerFailure::TimeLimit(time);
        }
        let stderr =
            String::from_utf8_lossy(&self.stderr_tail.lock().unwrap_or_else(|e| e.into_inner()))
                .into_owned();
        // Rust's allocation-failure handler prints this line, then aborts.
        if stderr.contains("memory allocation of") {
            return WorkerFailure::MemoryLimit(self.memory_bytes);
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
