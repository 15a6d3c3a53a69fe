//! Input files: which entries of the input folders are read (`walk`), and how a file is opened and read
//! so that no entry, however strange, can block, exhaust memory or be read twice (`open`). Every command
//! that reads returns (`check`, `ingest`, `run`, `bench`, intake itself) goes through here.

pub mod open;
pub mod walk;

pub use open::{hash_input, open_regular, read_input};
pub use walk::{collect_inputs, display_path, InputFiles};

use std::path::{Path, PathBuf};

/// Words in a file name that mark a resubmission (更正 correction, 修订 revision, 修改 amendment).
const CORRECTION_WORDS: [&str; 4] = ["更正", "修订", "修改", "重报"];

/// Puts files in the order they should be stored: oldest first by modification time (to the second),
/// and among files of the same second — as after a copy or a fresh checkout, which stamps them all
/// at once — a name marking a correction after the original, then by name. A correction then gets the
/// higher revision and supersedes, whatever the names sort to.
pub fn order_for_ingest(files: &mut [(PathBuf, String)]) {
    files.sort_by_cached_key(|(path, shown)| {
        let secs = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs());
        (secs, is_correction(Path::new(shown)), shown.clone())
    });
}

/// Whether a file's name (decoded as shown, so that a GBK name counts too) marks it as a resubmission.
pub fn is_correction(path: &Path) -> bool {
    let name = display_path(path);
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
            (original.clone(), original.display().to_string()),
            (correction.clone(), correction.display().to_string()),
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
