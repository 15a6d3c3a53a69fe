//! The writer's lock (`store.lock`): one writer at a time, a clear message for the second, and recovery
//! from a writer that died.
//!
//! The lock file is created with `create_new` (atomic: exactly one process succeeds) and holds JSON
//! `{pid, host, started_at, command}`. A second writer reads it and is refused with the holder's pid and
//! start time. A lock whose process no longer exists on this machine is stale (the writer was killed): it
//! is taken over, and the caller is told so it can warn. Liveness is checked through `/proc/PID` on Linux;
//! elsewhere, and for a lock taken on another host, the holder is assumed alive (refusing is safe, taking
//! over a live writer's lock is not). The lock is released when the `StoreLock` is dropped.

use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub const LOCK_FILE: &str = "store.lock";

/// An unreadable lock file younger than this may be one being written right now.
const UNREADABLE_GRACE: Duration = Duration::from_secs(30);

/// Who holds the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub pid: u32,
    pub host: String,
    /// RFC 3339.
    pub started_at: String,
    pub command: String,
}

/// A held lock; released on drop.
#[derive(Debug)]
pub struct StoreLock {
    path: PathBuf,
    info: LockInfo,
    took_over: Option<LockInfo>,
}

impl StoreLock {
    /// Takes the lock of the store in `dir` for `command`, taking over a stale one.
    pub fn acquire(dir: &Path, command: &str, now: &str) -> Result<StoreLock, Error> {
        let path = dir.join(LOCK_FILE);
        let info = LockInfo {
            pid: std::process::id(),
            host: host_name(),
            started_at: now.to_string(),
            command: command.to_string(),
        };
        let body = serde_json::to_vec(&info).unwrap_or_default();
        let mut took_over = None;
        // A few rounds: another process may take over or release between our steps.
        for _ in 0..5 {
            match create_lock_file(&path, &body) {
                Ok(()) => {
                    return Ok(StoreLock {
                        path,
                        info,
                        took_over,
                    })
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
            let (holder, raw) = read_holder(&path);
            match staleness(&path, holder.as_ref()) {
                Liveness::Gone => continue, // released meanwhile: try again
                Liveness::Alive => return Err(locked_error(dir, holder)),
                Liveness::Stale => {
                    if take_over(&path, &raw)? {
                        took_over = holder.or(Some(LockInfo {
                            pid: 0,
                            host: String::new(),
                            started_at: String::new(),
                            command: "（锁文件内容无法读取）".into(),
                        }));
                    }
                }
            }
        }
        let (holder, _) = read_holder(&path);
        Err(locked_error(dir, holder))
    }

    pub fn info(&self) -> &LockInfo {
        &self.info
    }

    /// The dead writer whose lock was taken over, if any.
    pub fn took_over(&self) -> Option<&LockInfo> {
        self.took_over.as_ref()
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        // Remove the lock only if it is still ours (nobody should have taken it, but never delete
        // another writer's lock).
        if let (Some(holder), _) = read_holder(&self.path) {
            if holder == self.info {
                let _ = std::fs::remove_file(&self.path);
            }
        }
    }
}

/// The current holder of a store's lock, if the store is locked (for messages of readers).
pub fn holder(dir: &Path) -> Option<LockInfo> {
    read_holder(&dir.join(LOCK_FILE)).0
}

fn create_lock_file(path: &Path, body: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let written = f.write_all(body).and_then(|_| f.sync_all());
    if let Err(e) = written {
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    Ok(())
}

fn read_holder(path: &Path) -> (Option<LockInfo>, Vec<u8>) {
    match std::fs::read(path) {
        Ok(raw) => (serde_json::from_slice(&raw).ok(), raw),
        Err(_) => (None, Vec::new()),
    }
}

enum Liveness {
    Alive,
    Stale,
    /// The lock file is gone.
    Gone,
}

fn staleness(path: &Path, holder: Option<&LockInfo>) -> Liveness {
    let Ok(meta) = std::fs::metadata(path) else {
        return Liveness::Gone;
    };
    match holder {
        Some(h) if h.host == host_name() && !pid_alive(h.pid) => Liveness::Stale,
        Some(_) => Liveness::Alive,
        // Created but never written (killed in between), or garbage: stale once it is old enough.
        None => {
            let age = meta
                .modified()
                .ok()
                .and_then(|m| SystemTime::now().duration_since(m).ok())
                .unwrap_or_default();
            if age > UNREADABLE_GRACE {
                Liveness::Stale
            } else {
                Liveness::Alive
            }
        }
    }
}

/// Moves a stale lock aside and removes it. If what was moved is not the stale lock we judged (another
/// process replaced it in between), it is put back. Returns whether a stale lock was removed.
fn take_over(path: &Path, stale_raw: &[u8]) -> Result<bool, Error> {
    let aside = path.with_file_name(format!(
        "{LOCK_FILE}.stale-{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    match std::fs::rename(path, &aside) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io(path, e)),
    }
    let moved = std::fs::read(&aside).unwrap_or_default();
    if moved != stale_raw {
        // A live lock: restore it unless someone holds the lock again already.
        let _ = std::fs::hard_link(&aside, path);
        let _ = std::fs::remove_file(&aside);
        return Ok(false);
    }
    let _ = std::fs::remove_file(&aside);
    Ok(true)
}

fn locked_error(dir: &Path, holder: Option<LockInfo>) -> Error {
    let h = holder.unwrap_or(LockInfo {
        pid: 0,
        host: "?".into(),
        started_at: "?".into(),
        command: "（锁文件正在写入或无法读取）".into(),
    });
    Error::StoreLocked {
        path: dir.to_path_buf(),
        pid: h.pid,
        host: h.host,
        since: h.started_at,
        command: h.command,
    }
}

/// Whether a process with this id exists on this machine. Only Linux can tell (through /proc);
/// elsewhere every holder is taken as alive.
pub fn pid_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        if pid == 0 {
            return false;
        }
        let proc_dir = Path::new("/proc").join(pid.to_string());
        match std::fs::read_to_string(proc_dir.join("stat")) {
            // A zombie (killed, not yet reaped by its parent) holds nothing: it will never release.
            Ok(stat) => !stat
                .rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
                .unwrap_or(false),
            Err(_) => proc_dir.exists(),
        }
    } else {
        true
    }
}

/// This machine's name, for the lock file (and to tell whether a holder's pid can be checked here).
pub fn host_name() -> String {
    let from_file = ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    from_file
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("planeval-lock-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_second_writer_is_refused_with_the_holder() {
        let d = dir("second");
        let first = StoreLock::acquire(&d, "ingest a", "t0").unwrap();
        let err = StoreLock::acquire(&d, "ingest b", "t1").unwrap_err();
        match err {
            Error::StoreLocked { pid, since, .. } => {
                assert_eq!(pid, std::process::id());
                assert_eq!(since, "t0");
            }
            e => panic!("{e}"),
        }
        drop(first);
        assert!(!d.join(LOCK_FILE).exists(), "released on drop");
        let again = StoreLock::acquire(&d, "ingest c", "t2").unwrap();
        assert!(again.took_over().is_none());
    }

    #[test]
    fn a_dead_writers_lock_is_taken_over() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let d = dir("stale");
        // A pid that cannot exist (above pid_max).
        let dead = LockInfo {
            pid: 4_194_304 + 7,
            host: host_name(),
            started_at: "yesterday".into(),
            command: "ingest".into(),
        };
        std::fs::write(d.join(LOCK_FILE), serde_json::to_vec(&dead).unwrap()).unwrap();
        let lock = StoreLock::acquire(&d, "ingest", "now").unwrap();
        assert_eq!(lock.took_over(), Some(&dead));
        assert_eq!(holder(&d).unwrap().pid, std::process::id());
    }

    #[test]
    fn a_fresh_unreadable_lock_counts_as_held() {
        let d = dir("unreadable");
        std::fs::write(d.join(LOCK_FILE), b"").unwrap();
        assert!(matches!(
            StoreLock::acquire(&d, "ingest", "now"),
            Err(Error::StoreLocked { .. })
        ));
    }
}
