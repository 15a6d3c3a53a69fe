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
