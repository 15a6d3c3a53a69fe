//! Turning the INPUT arguments of `check` and `ingest` into the files to read: folders are walked
//! recursively in sorted order, keeping spreadsheet-named files; files named explicitly are always read.

use planeval::intake::sniff;
use planeval::Error;
use std::path::{Path, PathBuf};

/// The files to read as (path, path as displayed), and the files skipped in folders.
pub type Inputs = (Vec<(PathBuf, String)>, Vec<String>);

/// Expands folders (recursively, sorted) into spreadsheet files; other files in folders are skipped.
/// Files named explicitly are always read, whatever their extension: content decides.
/// Returns (path, path as displayed) pairs and the skipped files.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Inputs, Error> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
        if meta.is_dir() {
            walk(input, &mut files, &mut skipped)?;
        } else {
            files.push((input.clone(), input.display().to_string()));
        }
    }
    Ok((files, skipped))
}

fn walk(
    dir: &Path,
    files: &mut Vec<(PathBuf, String)>,
    skipped: &mut Vec<String>,
) -> Result<(), Error> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Hidden files and Excel's lock files (~$…) are never returns.
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, skipped)?;
        } else if sniff::looks_like_spreadsheet_name(&p) {
            files.push((p.clone(), p.display().to_string()));
        } else {
            skipped.push(p.display().to_string());
        }
    }
    Ok(())
}

/// Words in a file name that mark a resubmission (更正 correction, 修订 revision, 修改 amendment).
const CORRECTION_WORDS: [&str; 4] = ["更正", "修订", "修改", "重报"];

/// Puts files in the order they should be stored: oldest first by modification time (to the second),
/// and among files of the same second — as after a copy or a fresh checkout, which stamps them all
/// at once — a name marking a correction after the original, then by name. A correction then gets the
/// higher revision and supersedes, whatever the names sort to.
pub fn order_for_ingest(files: &mut [(PathBuf, String)]) {
    files.sort_by_cached_key(|(path, _)| {
        let secs = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs());
        let name = path.to_string_lossy().into_owned();
        (secs, is_correction(path), name)
    });
}

/// Whether a file's name marks it as a resubmission.
pub fn is_correction(path: &Path) -> bool {
    let name = path.to_string_lossy();
    CORRECTION_WORDS.iter().any(|w| name.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_correction_of_the_same_second_comes_after_its_original() {
        let dir = std::env::temp_dir().join(format!("planeval-order-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let original = dir.join("填报-民政局-2022.xlsx");
        let correction = dir.join("填报-民政局-2022-更正.xlsx");
        // The correction sorts first by name ('-' < '.'); both get the same second, different nanos,
        // the correction's earlier — as a checkout writing files in name order does.
        std::fs::write(&correction, b"b").unwrap();
        std::fs::write(&original, b"a").unwrap();
        let second = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        for (path, nanos) in [(&correction, 100), (&original, 900)] {
            let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
            f.set_modified(second + std::time::Duration::from_nanos(nanos))
                .unwrap();
        }
        let mut files = vec![
            (original.clone(), String::new()),
            (correction.clone(), String::new()),
        ];
        order_for_ingest(&mut files);
        assert_eq!(files[0].0, original);
        assert_eq!(files[1].0, correction);
        // A later second still wins over the name.
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&original)
            .unwrap();
        f.set_modified(second + std::time::Duration::from_secs(5))
            .unwrap();
        order_for_ingest(&mut files);
        assert_eq!(files[0].0, correction);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
