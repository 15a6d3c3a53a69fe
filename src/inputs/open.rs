//! Opening an input file safely: only a regular file is read, its size is checked on the opened handle
//! before a byte is read, and nothing can block (a FIFO) or stream forever (`/dev/zero`).
//!
//! Every reader of returns and baseline sheets goes through here: `check`, `ingest` (its hashing too),
//! `run`, `bench` and intake. The type is checked twice: on the path, so that a FIFO or a device is never
//! opened at all, and on the handle (`fstat`), because the path may be swapped between the two; the
//! open itself is non-blocking on Unix, so even a FIFO swapped in after the first check cannot hang it.
//! The size comes from the handle too, and reading stops at the limit, so a file that grows while it is
//! read never fills memory.

use crate::diagnostic::Code;
use crate::i18n::diagnostics::DiagText;
use crate::intake::sniff::{check_size, FileProblem, Limits};
use sha2::{Digest, Sha256};
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// What a file that is not a regular file is (its label in both languages); `None` for a regular file.
pub fn special_kind(meta: &Metadata) -> Option<DiagText> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some(DiagText::KindFolder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some(DiagText::KindFifo);
        }
        if ft.is_socket() {
            return Some(DiagText::KindSocket);
        }
        if ft.is_char_device() {
            return Some(DiagText::KindCharDevice);
        }
        if ft.is_block_device() {
            return Some(DiagText::KindBlockDevice);
        }
    }
    Some(DiagText::KindSpecial)
}

/// The problem of a path that is not a regular file (`link`: reached through a symbolic link).
pub fn not_regular(kind: DiagText, link: bool) -> FileProblem {
    let message = if link {
        DiagText::LinkToSpecial
    } else {
        DiagText::NotRegular
    };
    FileProblem::said_each(
        Code::NotARegularFile,
        (message, DiagText::HintOnlyReturns),
        &[("kind", kind.zh())],
        &[("kind", kind.en())],
    )
}

fn unreadable(what: DiagText, e: std::io::Error) -> FileProblem {
    let error = e.to_string();
    let args = [("error", error.as_str())];
    FileProblem::said(Code::FileUnreadable, what, DiagText::HintReadable, &args)
}

fn too_large(limits: &Limits) -> FileProblem {
    // Its size said otherwise when it was opened: the file grew while it was read.
    let mb = format!("{:.1}", limits.max_file_bytes as f64 / (1024.0 * 1024.0));
    let args = [("mb", mb.as_str())];
    FileProblem::said(
        Code::FileTooLarge,
        DiagText::GrewTooLarge,
        DiagText::HintWaitForCopy,
        &args,
    )
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Opens `path` for reading if (and only if) it is a regular file; returns the handle and its size as
/// the handle reports it.
pub fn open_regular(path: &Path) -> Result<(File, u64), FileProblem> {
    let meta = std::fs::metadata(path).map_err(|e| unreadable(DiagText::OpenFailed, e))?;
    if let Some(kind) = special_kind(&meta) {
        return Err(not_regular(kind, false));
    }
    let file = open_nonblocking(path).map_err(|e| unreadable(DiagText::OpenFailed, e))?;
    let meta = file
        .metadata()
        .map_err(|e| unreadable(DiagText::OpenFailed, e))?;
    if let Some(kind) = special_kind(&meta) {
        return Err(not_regular(kind, false));
    }
    Ok((file, meta.len()))
}

/// Reads a whole input file, refusing (before reading) what is not a regular file, is empty or larger
/// than `limits.max_file_bytes`.
pub fn read_input(path: &Path, limits: &Limits) -> Result<Vec<u8>, FileProblem> {
    let (file, len) = open_regular(path)?;
    check_size(len, limits)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(DiagText::ReadFailed, e))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limits.max_file_bytes {
        return Err(too_large(limits));
    }
    check_size(bytes.len() as u64, limits)?;
    Ok(bytes)
}

/// SHA-256 (lower-case hex) of an input file, read in small blocks, with the same refusals as
/// [`read_input`]: the hash of a file is never worth more memory than reading it.
pub fn hash_input(path: &Path, limits: &Limits) -> Result<String, FileProblem> {
    let (mut file, len) = open_regular(path)?;
    check_size(len, limits)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(unreadable(DiagText::ReadFailed, e)),
        };
        total += n as u64;
        if total > limits.max_file_bytes {
            return Err(too_large(limits));
        }
        hasher.update(&buf[..n]);
    }
    check_size(total, limits)?;
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("planeval-open-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_regular_file_is_read_and_hashed_alike() {
        let d = temp("regular");
        let p = d.join("a.xlsx");
        std::fs::write(&p, b"abc").unwrap();
        let limits = Limits::default();
        assert_eq!(read_input(&p, &limits).unwrap(), b"abc");
        assert_eq!(
            hash_input(&p, &limits).unwrap(),
            crate::store::sha256_hex(b"abc")
        );
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn an_oversized_file_is_refused_by_its_size_before_reading() {
        let d = temp("sparse");
        let p = d.join("big.xlsx");
        // Sparse: no disk used, and reading it would take seconds, so a refusal must come from the size.
        std::fs::File::create(&p)
            .unwrap()
            .set_len(6 * 1024 * 1024 * 1024)
            .unwrap();
        let limits = Limits::default();
        assert_eq!(
            read_input(&p, &limits).unwrap_err().code,
            Code::FileTooLarge
        );
        assert_eq!(
            hash_input(&p, &limits).unwrap_err().code,
            Code::FileTooLarge
        );
        let empty = d.join("empty.xlsx");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(
            hash_input(&empty, &limits).unwrap_err().code,
            Code::FileEmpty
        );
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_never_read() {
        let limits = Limits::default();
        for dev in ["/dev/zero", "/dev/urandom"] {
            let e = read_input(Path::new(dev), &limits).unwrap_err();
            assert_eq!(e.code, Code::NotARegularFile, "{dev}");
            assert!(e.message.contains("字符设备"), "{}", e.message);
        }
        let e = hash_input(&std::env::temp_dir(), &limits).unwrap_err();
        assert_eq!(e.code, Code::NotARegularFile);
    }
}
