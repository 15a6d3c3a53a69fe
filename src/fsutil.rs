//! File-system helpers every writer uses: atomic writes and safe file names.
//!
//! Outputs are written to a temporary file in the destination folder and renamed into place, so a reader
//! (or a crash) never sees half a workbook where a good one was.
//!
//! A name made from an input (a unit, an area, a return's folders and file name) must be a name every
//! file system takes: no separators or characters Windows refuses, no device name (`CON`, `NUL`,
//! `COM1` …), and short enough — file systems allow 255 bytes (ext4, APFS) or 255 UTF-16 units (NTFS)
//! per name, and the temporary name adds a few. A longer part is cut at `NAME_PART_MAX_BYTES` and ends
//! with 8 hex digits of the SHA-256 of the whole name, so two long names that share their start still
//! get two files, and the same input gets the same name on every run.

use crate::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: temp file beside it, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        // e.g. `before-rename:xlsx`, so a test can stop at the first workbook rather than the manifest.
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        test_pause(&format!("before-rename:{ext}"));
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Removes the temporary files a killed writer left in `dir` (`.name.PID.tmp` whose process is gone).
/// Returns the names removed.
pub fn remove_stale_temp_files(dir: &Path, pid_alive: impl Fn(u32) -> bool) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
            continue;
        };
        let Some(pid) = stem.rsplit('.').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !pid_alive(pid) && std::fs::remove_file(e.path()).is_ok() {
            removed.push(name);
        }
    }
    removed
}

/// Test hook for crash-safety tests: when `PLANEVAL_TEST_PAUSE_AT` names this point, write the process
/// id to `PLANEVAL_TEST_PAUSE_MARKER` and sleep, so a test can kill the process exactly here. Costs one
/// environment lookup otherwise.
pub fn test_pause(point: &str) {
    let Ok(at) = std::env::var("PLANEVAL_TEST_PAUSE_AT") else {
        return;
    };
    if at != point {
        return;
    }
    if let Ok(marker) = std::env::var("PLANEVAL_TEST_PAUSE_MARKER") {
        let _ = std::fs::write(marker, std::process::id().to_string());
    }
    std::thread::sleep(std::time::Duration::from_secs(120));
}

/// The longest file-name part made from an input, in UTF-8 bytes: with a prefix such as `反馈-`, an
/// extension and what the temporary name adds (`.NAME.PID.tmp`), the whole name stays under 255 bytes
/// (and so under 255 UTF-16 units).
pub const NAME_PART_MAX_BYTES: usize = 200;

/// Turns a unit, area or file name into a safe file-name part: no path separators, no `..`, no
/// characters Windows refuses, no Windows device name, never empty, at most `NAME_PART_MAX_BYTES`
/// (cut with a stable hash suffix, see the module doc).
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() || is_bidi_control(c) => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').replace("..", "_");
    let cleaned = if cleaned.is_empty() {
        "_".to_string()
    } else if is_windows_device_name(&cleaned) {
        format!("{cleaned}_")
    } else {
        cleaned
    };
    fit_name_part(&cleaned, name)
}

/// Characters that reorder how a name is shown (`报表\u{202E}xslx.exe` reads as `报表exe.xlsx`).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `CON`, `nul.txt`, `COM1`: names Windows reserves for devices, whatever the extension.
fn is_windows_device_name(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end()
        .to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0')
}

/// `part` when it fits `NAME_PART_MAX_BYTES`, else its start (at a character boundary) with `-` and
/// 8 hex digits of the SHA-256 of `whole` (the name as given, before cleaning, so that names cleaned
/// alike still differ).
fn fit_name_part(part: &str, whole: &str) -> String {
    if part.len() <= NAME_PART_MAX_BYTES {
        return part.to_string();
    }
    let hash = short_hash(whole);
    let mut end = NAME_PART_MAX_BYTES - 1 - hash.len();
    while !part.is_char_boundary(end) {
        end -= 1;
    }
    let start = part[..end].trim_end().trim_end_matches('.');
    format!("{start}-{hash}")
}

/// 8 hex digits of the SHA-256 of `s`: a stable tag that tells two names apart.
pub fn short_hash(s: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(s.as_bytes())[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names_cannot_escape_the_folder() {
        assert_eq!(safe_file_name("卫健体局"), "卫健体局");
        assert_eq!(safe_file_name("../etc/passwd"), "_etc_passwd");
        assert_eq!(safe_file_name("a\\b:c"), "a_b_c");
        assert_eq!(safe_file_name(".."), "_");
        assert_eq!(safe_file_name(""), "_");
        assert_eq!(safe_file_name("表\u{202e}xslx"), "表_xslx");
        assert_eq!(safe_file_name("CON"), "CON_");
        assert_eq!(safe_file_name("nul.xlsx"), "nul.xlsx_");
        assert_eq!(safe_file_name("com1"), "com1_");
        assert_eq!(safe_file_name("COM10"), "COM10");
        assert_eq!(safe_file_name("CONTROL"), "CONTROL");
    }

    #[test]
    fn long_names_are_cut_with_a_stable_hash_and_never_collide() {
        let a = format!("{}甲", "很长的单位名称".repeat(30));
        let b = format!("{}乙", "很长的单位名称".repeat(30));
        let (na, nb) = (safe_file_name(&a), safe_file_name(&b));
        assert!(na.len() <= NAME_PART_MAX_BYTES, "{}", na.len());
        assert!(na.starts_with("很长的单位名称很长"));
        assert_ne!(na, nb);
        assert_eq!(na, safe_file_name(&a), "the same name every run");
        assert_eq!(&na[na.len() - 9..], format!("-{}", short_hash(&a)));
        // Names that clean alike differ by their hash once cut.
        let c = format!("{}/x", "x".repeat(300));
        let d = format!("{}:x", "x".repeat(300));
        assert_ne!(safe_file_name(&c), safe_file_name(&d));
        // Short names are as they were.
        assert_eq!(safe_file_name("卫健体局"), "卫健体局");
    }

    #[test]
    fn atomic_write_replaces_the_file_whole() {
        let dir = std::env::temp_dir().join(format!("planeval-fsutil-{}", std::process::id()));
        let path = dir.join("out.bin");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
