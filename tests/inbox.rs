//! What an input folder may hold besides returns, run beside a good return with `check`, `check --out`,
//! `ingest` and `run`: FIFOs, links to FIFOs and devices, links leading out of the folder, a 6 GB
//! (sparse) file, link cycles and GBK-named files. Every command finishes (guarded by a timeout), the
//! good return's values are accepted, the bad entry gets exactly one diagnostic, and the child's own
//! peak memory (wait4) stays under 1 GiB.

#![cfg(unix)]

use crate::common::{json, planeval, planeval_measured, temp_dir, Measured};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub(crate) const GOOD: &str = "clean-卫健体局-2023.xlsx";
/// Generous: a hang is caught, a slow machine is not failed by it.
const GUARD: Duration = Duration::from_secs(120);
const WALL_LIMIT: Duration = Duration::from_secs(30);
const RSS_LIMIT: u64 = 1 << 30;

pub(crate) fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

pub(crate) fn good_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/returns")
        .join(GOOD)
}

pub(crate) fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// How many values the good return gives when checked alone (so the tests do not hard-code it).
pub(crate) fn accepted_alone() -> usize {
    let out = planeval(&["check", s(&good_fixture()), "--json"]);
    let n = json(&out)["files"][0]["accepted"].as_array().unwrap().len();
    assert!(n > 0);
    n
}

/// A job folder (annual stage, 2023) with the good return in its inbox.
pub(crate) fn job(dir: &Path) -> (PathBuf, PathBuf) {
    let out = planeval(&["init", s(dir), "--year", "2023"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let inbox = dir.join("inbox");
    std::fs::copy(good_fixture(), inbox.join(GOOD)).unwrap();
    (inbox, dir.join("job.toml"))
}

fn measured(args: &[&str]) -> Measured {
    let m = planeval_measured(args, GUARD);
    let code = m.output.status.code();
    assert!(
        matches!(code, Some(0) | Some(1)),
        "{args:?}: exit {code:?}\n{}",
        String::from_utf8_lossy(&m.output.stderr)
    );
    assert!(m.elapsed < WALL_LIMIT, "{args:?} took {:?}", m.elapsed);
    assert!(
        m.max_rss_bytes > 0,
        "{args:?}: the peak memory was measured"
    );
    assert!(
        m.max_rss_bytes < RSS_LIMIT,
        "{args:?} peaked at {} MB",
        m.max_rss_bytes >> 20
    );
    m
}

/// Every diagnostic of a `check --json` or `ingest --json` report: the files' and the folder walk's.
pub(crate) fn all_diagnostics(report: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = report["inputs"].as_array().cloned().unwrap_or_default();
    for f in report["files"].as_array().unwrap() {
        out.extend(f["diagnostics"].as_array().cloned().unwrap_or_default());
    }
    out
}

pub(crate) fn naming(diagnostics: &[Value], bad: &Path) -> Vec<Value> {
    diagnostics
        .iter()
        .filter(|d| d["location"]["file"].as_str() == Some(s(bad)))
        .cloned()
        .collect()
}

pub(crate) fn file_entry<'a>(report: &'a Value, path: &Path) -> &'a Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str() == Some(s(path)))
        .unwrap_or_else(|| panic!("{} not in {report}", path.display()))
}

/// Current panel rows that came from `source_file`.
pub(crate) fn stored_from(store: &Path, source_file: &str) -> usize {
    let out = planeval(&["panel", "--store", s(store), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["source_file"] == source_file)
        .count()
}

/// One bad entry beside the good return, through every command.
fn beside_a_good_return(case: &str, code: &str, make: impl Fn(&Path, &Path) -> String) {
    let accepted = accepted_alone();
    let dir = temp_dir(&format!("inbox-{case}"));
    let (inbox, cfg) = job(&dir);
    let bad = inbox.join(make(&dir, &inbox));
    let good = inbox.join(GOOD);

    // check, and check --out
    for with_out in [false, true] {
        let feedback = dir.join("feedback");
        let mut args = vec!["check", s(&inbox), "--json"];
        if with_out {
            args.extend(["--out", s(&feedback)]);
        }
        let m = measured(&args);
        let report = json(&m.output);
        let g = file_entry(&report, &good);
        assert_eq!(g["accepted"].as_array().unwrap().len(), accepted, "{case}");
        let about = naming(&all_diagnostics(&report), &bad);
        assert_eq!(
            about.len(),
            1,
            "{case}: one diagnostic for the bad entry: {about:?}"
        );
        assert_eq!(about[0]["code"], code, "{case}: {about:?}");
        if with_out {
            let written = std::fs::read_dir(&feedback).unwrap().count();
            assert!(
                feedback.join(format!("反馈-{}", GOOD)).exists(),
                "{case}: the good return's feedback"
            );
            // A feedback workbook only for the good return and for a bad *file* that was read.
            assert!(written <= 2, "{case}: {written} feedback workbooks");
        }
    }

    // ingest
    let store = dir.join("ingest-store");
    let m = measured(&[
        "ingest",
        s(&inbox),
        "--store",
        s(&store),
        "--year",
        "2023",
        "--json",
    ]);
    let report = json(&m.output);
    let g = file_entry(&report, &good);
    assert_eq!(g["status"], "ingested", "{case}");
    assert_eq!(
        g["added"]["added"].as_u64(),
        Some(accepted as u64),
        "{case}"
    );
    let about = naming(&all_diagnostics(&report), &bad);
    assert_eq!(about.len(), 1, "{case}: ingest: {about:?}");
    assert_eq!(about[0]["code"], code, "{case}");
    assert_eq!(stored_from(&store, GOOD), accepted, "{case}");

    // run (-v lists every file's problems and the folder walk's)
    let m = measured(&["run", "--config", s(&cfg), "-v"]);
    let text = String::from_utf8_lossy(&m.output.stdout);
    let prefix = format!("{}: ", bad.display());
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with(&prefix)).collect();
    assert_eq!(
        lines.len(),
        1,
        "{case}: run names the bad entry once:\n{text}"
    );
    assert!(
        lines[0].contains(&format!("[{code}]")),
        "{case}: {}",
        lines[0]
    );
    assert_eq!(
        stored_from(&dir.join("store"), GOOD),
        accepted,
        "{case}: run"
    );
}

#[test]
fn a_fifo_in_the_inbox_never_blocks() {
    beside_a_good_return("fifo", "F020", |_, inbox| {
        mkfifo(&inbox.join("pipe.xlsx"));
        "pipe.xlsx".into()
    });
}

#[test]
fn a_link_to_a_fifo_never_blocks() {
    beside_a_good_return("fifo-link", "F021", |dir, inbox| {
        // The FIFO outside the inbox, so that the link is the only entry about it.
        let fifo = dir.join("pipe");
        mkfifo(&fifo);
        std::os::unix::fs::symlink(&fifo, inbox.join("linked.xlsx")).unwrap();
        "linked.xlsx".into()
    });
}

#[test]
fn a_link_to_a_fifo_inside_the_inbox_is_not_read() {
    beside_a_good_return("fifo-link-inside", "F020", |_, inbox| {
        // A FIFO in a hidden folder (skipped by name), linked from a spreadsheet name.
        let hidden = inbox.join(".pipes");
        std::fs::create_dir_all(&hidden).unwrap();
        mkfifo(&hidden.join("p"));
        std::os::unix::fs::symlink(".pipes/p", inbox.join("linked.xlsx")).unwrap();
        "linked.xlsx".into()
    });
}

#[test]
fn a_link_to_dev_zero_is_never_read() {
    beside_a_good_return("dev-zero", "F021", |_, inbox| {
        std::os::unix::fs::symlink("/dev/zero", inbox.join("zero.xlsx")).unwrap();
        "zero.xlsx".into()
    });
}

#[test]
fn a_link_to_dev_urandom_is_never_read() {
    beside_a_good_return("dev-urandom", "F021", |_, inbox| {
        std::os::unix::fs::symlink("/dev/urandom", inbox.join("random.xlsx")).unwrap();
        "random.xlsx".into()
    });
}

#[test]
fn a_link_leaving_the_inbox_is_not_followed() {
    beside_a_good_return("link-out", "F021", |dir, inbox| {
        // A real return elsewhere: its values must not come in through the link.
        let elsewhere = dir.join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        let other = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/returns/no-metadata-人社局-2023.xlsx");
        std::fs::copy(&other, elsewhere.join("人社局.xlsx")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("人社局.xlsx"), inbox.join("人社局.xlsx"))
            .unwrap();
        "人社局.xlsx".into()
    });
}

#[test]
fn a_6_gb_file_is_refused_by_its_size_before_any_read() {
    beside_a_good_return("six-gb", "F003", |_, inbox| {
        let f = std::fs::File::create(inbox.join("huge.xlsx")).unwrap();
        f.set_len(6 * 1024 * 1024 * 1024).unwrap();
        "huge.xlsx".into()
    });
}

#[test]
fn a_fifo_named_explicitly_is_refused_without_blocking() {
    let accepted = accepted_alone();
    let dir = temp_dir("inbox-fifo-named");
    let fifo = dir.join("pipe.xlsx");
    mkfifo(&fifo);
    let link = dir.join("link.xlsx");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    let good = good_fixture();
    for named in [&fifo, &link] {
        let m = measured(&["check", s(named), s(&good), "--json"]);
        let report = json(&m.output);
        assert_eq!(
            file_entry(&report, &good)["accepted"]
                .as_array()
                .unwrap()
                .len(),
            accepted
        );
        let about = naming(&all_diagnostics(&report), named);
        assert_eq!(about.len(), 1, "{about:?}");
        assert_eq!(about[0]["code"], "F020");
        let store = dir.join(format!(
            "store-{}",
            named.file_name().unwrap().to_str().unwrap()
        ));
        let m = measured(&["ingest", "--store", s(&store), s(named), s(&good), "--json"]);
        let report = json(&m.output);
        assert_eq!(file_entry(&report, named)["status"], "unreadable");
        assert_eq!(file_entry(&report, &good)["status"], "ingested");
    }
}

#[test]
fn link_cycles_finish_and_read_each_file_once() {
    let dir = temp_dir("inbox-cycles");
    let (inbox, cfg) = job(&dir);
    let sub = inbox.join("县001");
    std::fs::create_dir_all(&sub).unwrap();
    let second = "填报-妇联-2023.xlsx";
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/demo/returns/2023")
            .join(second),
        sub.join(second),
    )
    .unwrap();
    std::os::unix::fs::symlink(".", inbox.join("a")).unwrap();
    std::os::unix::fs::symlink(".", inbox.join("b")).unwrap();
    std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
    let expected = [inbox.join(GOOD), sub.join(second)];

    for args in [
        vec!["check", s(&inbox), "--json"],
        vec![
            "check",
            s(&inbox),
            "--json",
            "--out",
            s(&dir.join("feedback")),
        ],
    ] {
        let m = measured(&args);
        let report = json(&m.output);
        let paths: Vec<&str> = report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths, expected.iter().map(|p| s(p)).collect::<Vec<_>>());
        let again: Vec<&str> = report["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "F022")
            .map(|d| d["location"]["file"].as_str().unwrap())
            .collect();
        assert_eq!(
            again,
            [s(&inbox.join("a")), s(&inbox.join("b")), s(&sub.join("up"))],
            "each link back is said once"
        );
    }
    let m = measured(&["ingest", s(&inbox), "--store", s(&dir.join("s")), "--json"]);
    let report = json(&m.output);
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(report["summary"]["ingested"], 2);
    let m = measured(&["run", "--config", s(&cfg), "--json"]);
    let report = json(&m.output);
    assert_eq!(report["files_new"].as_array().unwrap().len(), 2, "{report}");
}

#[test]
fn a_gbk_named_return_is_checked_and_ingested_under_its_decoded_name() {
    use std::os::unix::ffi::OsStrExt;
    let accepted = accepted_alone();
    let dir = temp_dir("inbox-gbk");
    let (inbox, cfg) = job(&dir);
    std::fs::remove_file(inbox.join(GOOD)).unwrap();
    let name = "填报-卫健体局-2023.xlsx";
    let (bytes, _, _) = encoding_rs::GB18030.encode(name);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    let raw = inbox.join(std::ffi::OsStr::from_bytes(&bytes));
    std::fs::copy(good_fixture(), &raw).unwrap();
    let shown = inbox.join(name);

    let feedback = dir.join("feedback");
    let m = measured(&["check", s(&inbox), "--json", "--out", s(&feedback)]);
    let report = json(&m.output);
    let f = file_entry(&report, &shown);
    assert_eq!(f["accepted"].as_array().unwrap().len(), accepted);
    let notes = naming(&all_diagnostics(&report), &shown);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["code"], "F023");
    assert!(
        notes[0]["raw"].as_str().unwrap().starts_with("\\xcc\\xee"),
        "{notes:?}"
    );
    assert!(
        feedback.join("反馈-填报-卫健体局-2023.xlsx").exists(),
        "the feedback carries the decoded name"
    );

    let store = dir.join("s");
    let m = measured(&["ingest", s(&inbox), "--store", s(&store), "--json"]);
    let report = json(&m.output);
    assert_eq!(file_entry(&report, &shown)["status"], "ingested");
    assert_eq!(
        stored_from(&store, name),
        accepted,
        "stored under the decoded name"
    );

    let m = measured(&["run", "--config", s(&cfg), "--json"]);
    let report = json(&m.output);
    // The run log names files relative to the job folder.
    assert_eq!(
        report["files_new"],
        serde_json::json!(["inbox/填报-卫健体局-2023.xlsx"])
    );
    assert_eq!(stored_from(&dir.join("store"), name), accepted);
}
