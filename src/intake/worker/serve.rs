//! The worker's side: the loop a `planeval __read-worker` process runs, under its memory limit.

use super::super::read;
use super::wire;
use std::io::{self, Write};

/// The worker process: limits its own memory, then answers requests on stdin until it closes.
/// Returns the process exit code.
pub fn serve(memory_bytes: u64) -> i32 {
    limit_memory(memory_bytes);
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut input = stdin.lock();
    let mut output = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    loop {
        let files = match wire::read_request(&mut input, wire::MAX_REQUEST_BYTES) {
            Ok(r) => r,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return 0,
            Err(_) => return 2,
        };
        // Parsed one after another, each file's memory freed before the next; answered together.
        let answers: Vec<Vec<u8>> = files
            .into_iter()
            .map(|(header, bytes)| answer(&header, bytes))
            .collect();
        if wire::write_answers(&mut output, &answers)
            .and_then(|()| output.flush())
            .is_err()
        {
            return 2;
        }
    }
}

/// One request's answer (its header and the file's bytes): the grid, the reader's error, or the
/// panic's message.
pub fn answer(header: &[u8], bytes: Vec<u8>) -> Vec<u8> {
    let Some((format, limits)) = wire::decode_header(header) else {
        return wire::encode_response(&wire::Response::ReaderError("bad request".into()));
    };
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
