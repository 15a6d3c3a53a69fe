//! Many files at once: intake on several threads, results handed to the caller in input order.

use super::{intake_batch, Intake, IntakeOptions};
use crate::catalog::Catalog;
use std::path::PathBuf;

/// Reads many files in parallel and hands each result to `on_each` on the calling thread, in input
/// order: at most a few files per thread are held at a time, so memory does not grow with the number of
/// files. `on_each` gets the index into `files`.
pub fn intake_files(
    files: &[(PathBuf, String)],
    cat: &Catalog,
    opts: &IntakeOptions,
    on_each: impl FnMut(usize, Intake),
) {
    intake_files_with(files, cat, opts, |_, intake| intake, on_each);
}

/// [`intake_files`] with a step run on the worker thread right after each file's intake (`then`, e.g.
/// building its feedback workbook or its store batch, so that the grid is dropped there), whose result
/// goes to `on_each` on the calling thread, in input order.
///
/// As many threads as rayon's pool has (`RAYON_NUM_THREADS`) take the next file from a shared
/// counter, so a slow file never leaves the others idle (fixed chunks did: every chunk waited for its
/// slowest file), and results arrive nearly in order. A worker more than `WINDOW` files ahead of the
/// caller waits, which bounds what is held however slow one file or the caller is. With reader workers
/// a thread takes [`worker::FILES_PER_TRIP`](super::worker::FILES_PER_TRIP) files at a time, parsed in
/// one round trip to its worker.
pub fn intake_files_with<T: Send>(
    files: &[(PathBuf, String)],
    cat: &Catalog,
    opts: &IntakeOptions,
    then: impl Fn(usize, Intake) -> T + Sync,
    mut on_each: impl FnMut(usize, T),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{mpsc, Condvar, Mutex};
    // With reader workers, a thread spends much of a file waiting for its worker's answer (the hand-off
    // between processes, not the parse): two threads per core keep the cores busy (measured in
    // docs/PERFORMANCE.md, "Reader isolation").
    let (per_core, per_take) = if super::worker::in_use() {
        (2, super::worker::FILES_PER_TRIP)
    } else {
        (1, 1)
    };
    let threads = rayon::current_num_threads().max(1) * per_core;
    let window = threads * per_take * 4;
    let next = AtomicUsize::new(0);
    // How many results the caller has taken, and whether it stopped early (a panic in `on_each`).
    let taken = Mutex::new((0usize, false));
    let moved = Condvar::new();
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, T)>();
        for _ in 0..threads.min(files.len()) {
            let tx = tx.clone();
            let (next, taken, moved, then) = (&next, &taken, &moved, &then);
            scope.spawn(move || loop {
                let _release = Release(taken, moved);
                let i = next.fetch_add(per_take, Ordering::Relaxed);
                let taken_files = files.get(i..(i + per_take).min(files.len())).unwrap_or(&[]);
                if taken_files.is_empty() {
                    return;
                }
                {
                    let last = i + taken_files.len() - 1;
                    let mut t = taken.lock().unwrap_or_else(|e| e.into_inner());
                    while last >= t.0 + window && !t.1 {
                        t = moved.wait(t).unwrap_or_else(|e| e.into_inner());
                    }
                    if t.1 {
                        return;
                    }
                }
                for (k, intake) in intake_batch(taken_files, cat, opts).into_iter().enumerate() {
                    if tx.send((i + k, then(i + k, intake))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let _release = Release(&taken, &moved);
        let mut pending = std::collections::BTreeMap::new();
        let mut expected = 0usize;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&expected) {
                on_each(expected, result);
                expected += 1;
                taken.lock().unwrap_or_else(|e| e.into_inner()).0 = expected;
                moved.notify_all();
            }
        }
    });
}

/// Stops every worker of [`intake_files_with`] when a worker or the caller unwinds (a bug), so that no
/// thread waits forever for a file that will never come and the panic reaches the caller.
struct Release<'a>(&'a std::sync::Mutex<(usize, bool)>, &'a std::sync::Condvar);

impl Drop for Release<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
            self.1.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_intake_hands_every_file_over_once_in_input_order() {
        let cat = Catalog::load(None).unwrap();
        // Missing files: intake reports them unreadable, quickly, which is all this needs.
        let files: Vec<(PathBuf, String)> = (0..203)
            .map(|i| {
                let p = PathBuf::from(format!("/nonexistent-planeval-test/{i}.xlsx"));
                (p, format!("{i}.xlsx"))
            })
            .collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = Vec::new();
        pool.install(|| {
            intake_files_with(
                &files,
                &cat,
                &IntakeOptions::default(),
                |i, intake| {
                    calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    (i, intake.report.path.clone())
                },
                |i, (j, path)| {
                    assert_eq!(i, j);
                    seen.push((i, path));
                },
            )
        });
        assert_eq!(calls.into_inner(), files.len());
        assert_eq!(seen.len(), files.len());
        for (k, (i, path)) in seen.iter().enumerate() {
            assert_eq!(*i, k);
            assert_eq!(*path, files[k].1);
        }
        let mut none = 0;
        intake_files(&[], &cat, &IntakeOptions::default(), |_, _| none += 1);
        assert_eq!(none, 0);
    }

    #[test]
    fn a_batch_reads_each_file_as_it_is_read_alone() {
        let cat = Catalog::load(None).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let files: Vec<(PathBuf, String)> = [
            "returns/clean-卫健体局-2023.xlsx",
            "no/such/file.xlsx",
            "returns/typed-values-妇幼保健计生服务中心-2023.ods",
            "hostile/xls-dimensions-inverted.xls",
            "returns/clean-卫健体局-2023.xls",
        ]
        .iter()
        .map(|f| (root.join(f), f.to_string()))
        .collect();
        let opts = IntakeOptions::default();
        let batch = intake_batch(&files, &cat, &opts);
        assert_eq!(batch.len(), files.len());
        for ((path, display), got) in files.iter().zip(&batch) {
            let alone = super::super::intake_file(path, display, &cat, &opts);
            assert_eq!(
                serde_json::to_value(&got.report).unwrap(),
                serde_json::to_value(&alone.report).unwrap(),
                "{display}"
            );
            assert_eq!(got.data_sheet.is_some(), alone.data_sheet.is_some());
        }
        assert!(!batch[0].report.accepted.is_empty());
        assert_eq!(batch[1].report.diagnostics.len(), 1);
        assert!(batch[3].report.accepted.is_empty());
    }
}
