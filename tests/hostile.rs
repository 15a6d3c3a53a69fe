//! The hostile-input suite: every case of fixtures/hostile (crafted by scripts/make-hostile-fixtures.py)
//! plus what only a file system can make (a FIFO, a link to one, links to /dev/zero and /dev/urandom, a
//! 6 GB sparse file), all in one inbox beside a good return, through the real binary's `check`,
//! `check --out`, `ingest` and `run`. Each command must end (a guard kills it otherwise) with exit 0 or
//! 1 within 30 s, under 1 GiB of peak memory (its workers included), with the good return's values
//! accepted and exactly one diagnostic naming each bad entry, with the expected code.
//!
//! The suite runs twice: as users run it, where the cheap checks before parsing refuse most cases with
//! a precise F001/F003, and with those checks off (`PLANEVAL_SKIP_DECLARED_CHECKS`), where the readers
//! get every file and only the worker processes stand between a reader's abort and the run.

#![cfg(unix)]

use crate::common::{json, planeval_measured_with, temp_dir, Measured};
use crate::inbox::{
    accepted_alone, all_diagnostics, file_entry, good_fixture, job, mkfifo, naming, s, stored_from,
    GOOD,
};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

const GUARD: Duration = Duration::from_secs(120);
const WALL_LIMIT: Duration = Duration::from_secs(30);
const RSS_LIMIT: u64 = 1 << 30;

/// Each committed case: the code it gets with the checks before parsing on, and with them off (F010:
/// the reader's worker died on it, or panicked).
const CASES: &[(&str, &str, &str)] = &[
    ("xlsx-shared-strings-unique-count.xlsx", "F001", "F010"),
    ("cfb-directory-loop.xls", "F001", "F010"),
    ("cfb-directory-loop.xlsx", "F001", "F010"),
    ("xls-dimensions-huge.xls", "F001", "F010"),
    ("xls-dimensions-inverted.xls", "F001", "F010"),
    ("xls-cell-at-65535-65535.xls", "F001", "F010"),
    ("xls-cell-at-IV65536.xls", "F003", "F010"),
    ("xlsb-empty-dimension.xlsb", "F001", "F010"),
    ("xlsb-empty-shared-strings.xlsb", "F001", "F010"),
    ("ods-repeated-16m-cells.ods", "F003", "F010"),
    ("ods-repeated-98m-cells.ods", "F003", "F010"),
    ("zip-central-directory-overflow.xlsx", "F001", "F001"),
    // Found by the fuzz target (fuzz/): past the checks before parsing, contained by the worker.
    ("fuzz-xls-sparse-range.xls", "F010", "F010"),
];

/// The entries made at run time and their codes (the folder walk's, whatever the checks).
const MADE: &[(&str, &str)] = &[
    ("pipe.xlsx", "F020"),
    ("linked-pipe.xlsx", "F020"),
    ("zero.xlsx", "F021"),
    ("random.xlsx", "F021"),
    ("huge-6gb.xlsx", "F003"),
];

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile")
}

/// Read by the readers, which hold; what is read is not a return: no indicator table (F005, with the
/// F007 warning that no metadata sheet was found either), whether the checks are on or not.
const READ_NOT_A_RETURN: &[&str] = &["xlsx-deeply-nested.xlsx"];

#[test]
fn every_committed_case_is_listed_and_documented() {
    let readme = std::fs::read_to_string(hostile_dir().join("README.md")).unwrap();
    let mut on_disk: Vec<String> = std::fs::read_dir(hostile_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "README.md")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES
        .iter()
        .map(|(n, _, _)| n.to_string())
        .chain(READ_NOT_A_RETURN.iter().map(|n| n.to_string()))
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed, "fixtures/hostile and CASES differ");
    for name in listed {
        assert!(readme.contains(&format!("`{name}`")), "README lacks {name}");
    }
}

/// The job folder with the good return, every committed case and the run-time entries in its inbox.
fn hostile_inbox(dir: &Path) -> (PathBuf, PathBuf) {
    let (inbox, cfg) = job(dir);
    for name in CASES
        .iter()
        .map(|(n, _, _)| *n)
        .chain(READ_NOT_A_RETURN.iter().copied())
    {
        std::fs::copy(hostile_dir().join(name), inbox.join(name)).unwrap();
    }
    mkfifo(&inbox.join("pipe.xlsx"));
    let hidden = inbox.join(".pipes");
    std::fs::create_dir_all(&hidden).unwrap();
    mkfifo(&hidden.join("p"));
    std::os::unix::fs::symlink(".pipes/p", inbox.join("linked-pipe.xlsx")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", inbox.join("zero.xlsx")).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", inbox.join("random.xlsx")).unwrap();
    // Sparse: 6 GB declared, nothing written.
    let f = std::fs::File::create(inbox.join("huge-6gb.xlsx")).unwrap();
    f.set_len(6 * 1024 * 1024 * 1024).unwrap();
    (inbox, cfg)
}

fn measured(args: &[&str], env: &[(&str, &str)]) -> Measured {
    let m = planeval_measured_with(args, env, GUARD);
    let code = m.output.status.code();
    assert!(
        matches!(code, Some(0) | Some(1)),
        "{args:?}: exit {code:?} (signal {:?})\n{}",
        std::os::unix::process::ExitStatusExt::signal(&m.output.status),
        String::from_utf8_lossy(&m.output.stderr)
    );
    assert!(m.elapsed < WALL_LIMIT, "{args:?} took {:?}", m.elapsed);
    assert!(m.max_rss_bytes > 0);
    assert!(
        m.max_rss_bytes < RSS_LIMIT,
        "{args:?} peaked at {} MB",
        m.max_rss_bytes >> 20
    );
    m
}

/// Each bad entry and its code, with the checks before parsing on (`precise`) or off.
fn expected(precise: bool) -> Vec<(&'static str, &'static str)> {
    let committed = CASES
        .iter()
        .map(|(n, checked, workers)| (*n, if precise { *checked } else { *workers }));
    committed.chain(MADE.iter().copied()).collect()
}

/// The one diagnostic that is a problem (an error or warning) naming `bad`; with the checks on, also
/// no informational note beside it.
fn the_one(diags: &[Value], bad: &Path, precise: bool, what: &str) -> Value {
    let about = naming(diags, bad);
    let problems: Vec<&Value> = about.iter().filter(|d| d["severity"] != "info").collect();
    assert_eq!(
        problems.len(),
        1,
        "{what}: one problem for {}: {about:?}",
        bad.display()
    );
    if precise {
        assert_eq!(about.len(), 1, "{what}: {}: {about:?}", bad.display());
    }
    problems[0].clone()
}

fn the_suite(case: &str, env: &[(&str, &str)]) {
    let precise = env.is_empty();
    let accepted = accepted_alone();
    let dir = temp_dir(&format!("hostile-{case}"));
    let (inbox, cfg) = hostile_inbox(&dir);
    let good = inbox.join(GOOD);
    let bad = expected(precise);
    let mut seen_codes = Vec::new();

    for with_out in [false, true] {
        let feedback = dir.join("feedback");
        let mut args = vec!["check", s(&inbox), "--json"];
        if with_out {
            args.extend(["--out", s(&feedback)]);
        }
        let m = measured(&args, env);
        let report = json(&m.output);
        let g = file_entry(&report, &good);
        assert_eq!(g["accepted"].as_array().unwrap().len(), accepted, "{case}");
        let diags = all_diagnostics(&report);
        for (name, code) in &bad {
            let d = the_one(
                &diags,
                &inbox.join(name),
                precise,
                &format!("{case} {args:?}"),
            );
            assert_eq!(d["code"], *code, "{case}: {name}: {d}");
            if !with_out {
                seen_codes.push((name.to_string(), d["code"].as_str().unwrap().to_string()));
            }
        }
        for name in READ_NOT_A_RETURN {
            let mut codes: Vec<String> = naming(&diags, &inbox.join(name))
                .iter()
                .map(|d| d["code"].as_str().unwrap().to_string())
                .collect();
            codes.sort();
            assert_eq!(codes, ["F005", "F007"], "{case}: {name}");
        }
        if with_out {
            assert!(feedback.join(format!("反馈-{GOOD}")).exists());
        }
    }

    let store = dir.join("ingest-store");
    let m = measured(
        &[
            "ingest",
            s(&inbox),
            "--store",
            s(&store),
            "--year",
            "2023",
            "--json",
        ],
        env,
    );
    let report = json(&m.output);
    let g = file_entry(&report, &good);
    assert_eq!(g["status"], "ingested", "{case}");
    assert_eq!(
        g["added"]["added"].as_u64(),
        Some(accepted as u64),
        "{case}"
    );
    let diags = all_diagnostics(&report);
    for (name, code) in &bad {
        let d = the_one(
            &diags,
            &inbox.join(name),
            precise,
            &format!("{case} ingest"),
        );
        assert_eq!(d["code"], *code, "{case}: ingest {name}");
    }
    assert_eq!(stored_from(&store, GOOD), accepted, "{case}");

    let m = measured(&["run", "--config", s(&cfg), "-v"], env);
    let text = String::from_utf8_lossy(&m.output.stdout);
    for (name, code) in &bad {
        let prefix = format!("{}: ", inbox.join(name).display());
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with(&prefix) && !l.contains("[F006]"))
            .collect();
        assert_eq!(lines.len(), 1, "{case}: run names {name} once:\n{text}");
        assert!(
            lines[0].contains(&format!("[{code}]")),
            "{case}: {}",
            lines[0]
        );
    }
    assert_eq!(
        stored_from(&dir.join("store"), GOOD),
        accepted,
        "{case}: run"
    );
    eprintln!("{case}: {seen_codes:?}");
}

#[test]
fn hostile_files_cost_one_diagnostic_each_and_never_the_run() {
    the_suite("checked", &[]);
}

#[test]
fn without_the_checks_before_parsing_the_workers_alone_hold() {
    the_suite("workers-only", &[("PLANEVAL_SKIP_DECLARED_CHECKS", "1")]);
}

#[test]
fn a_reader_crash_is_reported_as_f010_with_what_was_seen() {
    // With the checks off these reach calamine, which aborts or runs out of memory on them: the
    // worker's death is the file's F010, saying what was seen. The four files are small and given in
    // this order, so one intake thread hands them to one worker in one round trip
    // (`worker::FILES_PER_TRIP`): the crash must still cost only the file that caused it, not the good
    // returns on either side of it.
    let dir = temp_dir("hostile-f010");
    let good = good_fixture();
    let other_good = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/returns/typed-values-妇幼保健计生服务中心-2023.xlsx");
    let mut args: Vec<String> = vec!["check".into(), "--json".into(), s(&good).into()];
    let crashing = [
        "xlsx-shared-strings-unique-count.xlsx",
        "cfb-directory-loop.xls",
    ];
    for name in crashing {
        let p = dir.join(name);
        std::fs::copy(hostile_dir().join(name), &p).unwrap();
        args.push(s(&p).into());
    }
    args.push(s(&other_good).into());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let m = measured(&argv, &[("PLANEVAL_SKIP_DECLARED_CHECKS", "1")]);
    let report = json(&m.output);
    for name in crashing {
        let f = file_entry(&report, &dir.join(name));
        let d = &f["diagnostics"][0];
        assert_eq!(d["code"], "F010", "{name}: {f}");
        let msg = d["message"].as_str().unwrap();
        assert!(
            msg.contains("内存") || msg.contains("信号"),
            "{name}: says what was seen: {msg}"
        );
    }
    for good in [&good, &other_good] {
        let f = file_entry(&report, good);
        assert!(!f["accepted"].as_array().unwrap().is_empty(), "{f}");
        let codes: Vec<&str> = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert!(!codes.contains(&"F010"), "{codes:?}");
    }
}
