//! The whole cycle behind one command: `demo` tells the demo story in its workbooks; `run` ingests only
//! what is new, is a no-op the second time, refuses to run beside another run (exit 3), and a kill while
//! writing never leaves a half-written workbook in place of a good one.

use crate::common::{evaluation_detail as detail, json, planeval, read_all, temp_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn demo_tells_its_story_in_the_workbooks() {
    let dir = temp_dir("demo");
    let out = planeval(&["demo", "--out", dir.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(
        report["outputs"].as_array().unwrap().len(),
        3,
        "annual, mid-term and final"
    );

    let mid = detail(&dir.join("outputs/中期评估-2023/中期评估-2023.xlsx"));
    let (status, warnings, explanation) = &mid["maternal_mortality"];
    assert_eq!(status, "需加快");
    assert!(
        warnings.contains("按趋势预计难以按期实现目标"),
        "{warnings}"
    );
    assert!(explanation.contains("0.91"), "{explanation}");
    assert_eq!(mid["life_expectancy_female"].0, "已达标");
    assert_eq!(mid["female_share_residents_committees"].0, "反向变化");

    let fin = detail(&dir.join("outputs/终期评估-2025/终期评估-2025.xlsx"));
    assert_eq!(fin["maternal_mortality"].0, "未实现");
    assert_eq!(fin["life_expectancy_female"].0, "已实现");
    assert!(fin["rural_tap_water_coverage"]
        .1
        .contains("有年份未保持在目标水平"));
    assert!(fin["housework_time_gender_gap"].1.contains("差距扩大"));
    // Some achieved, some behind: a story, not a wall of green.
    let achieved = fin.values().filter(|(s, _, _)| s == "已实现").count();
    let missed = fin.values().filter(|(s, _, _)| s == "未实现").count();
    assert!(
        achieved >= 10 && missed >= 3,
        "{achieved} achieved, {missed} missed"
    );

    // A second demo into the same folder rebuilds it rather than piling up revisions.
    let again = planeval(&["demo", "--out", dir.to_str().unwrap(), "--json"]);
    assert!(again.status.success());
    assert_eq!(json(&again)["years"], report["years"]);
}

/// A job folder with a few of the demo's 2023 returns in its inbox.
fn job_with_inbox(name: &str, files: &[&str]) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let out = planeval(&["init", dir.to_str().unwrap(), "--year", "2023"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    for f in files {
        std::fs::copy(demo.join("returns/2023").join(f), dir.join("inbox").join(f)).unwrap();
    }
    std::fs::copy(demo.join("baseline.csv"), dir.join("baseline.csv")).unwrap();
    let cfg = dir.join("job.toml");
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("baseline = []", "baseline = [\"baseline.csv\"]");
    std::fs::write(&cfg, text).unwrap();
    (dir, cfg)
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn a_second_run_with_nothing_new_changes_nothing_and_says_so() {
    let (dir, cfg) = job_with_inbox(
        "run-twice",
        &["填报-卫健体局-2023.xlsx", "填报-妇联-2023.xlsx"],
    );
    let first = planeval(&["run", "--config", cfg.to_str().unwrap(), "--json"]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let r1 = json(&first);
    assert_eq!(r1["outcome"], "ok");
    assert_eq!(
        r1["files_new"].as_array().unwrap().len(),
        3,
        "two returns and the baseline"
    );
    assert!(dir
        .join("outputs/年度监测-2023/年度监测-2023.xlsx")
        .is_file());
    let inbox_before = snapshot(&dir.join("inbox"));
    let store_before = snapshot(&dir.join("store"));
    let outputs_before = snapshot(&dir.join("outputs"));

    let second = planeval(&["run", "--config", cfg.to_str().unwrap(), "--json"]);
    assert_eq!(second.status.code(), Some(0));
    let r2 = json(&second);
    assert_eq!(r2["outcome"], "nothing_new");
    assert_eq!(r2["files_unchanged"], 2);
    assert_eq!(
        snapshot(&dir.join("store")),
        store_before,
        "store untouched"
    );
    assert_eq!(
        snapshot(&dir.join("outputs")),
        outputs_before,
        "outputs untouched"
    );
    assert_eq!(
        snapshot(&dir.join("inbox")),
        inbox_before,
        "inbox files are never moved or edited"
    );
    let human = planeval(&["run", "--config", cfg.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("没有新文件"));

    let log = std::fs::read_to_string(dir.join("logs/run.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["outcome"], "ok");
    assert_eq!(lines[1]["outcome"], "nothing_new");
    assert!(lines[0]["duration_ms"].is_u64());
}

/// Starts a run that stops at `point` and waits until it is there.
fn paused_run(cfg: &Path, point: &str, marker: &Path) -> std::process::Child {
    let child = Command::new(env!("CARGO_BIN_EXE_planeval"))
        .args(["run", "--config", cfg.to_str().unwrap(), "--quiet"])
        .env("PLANEVAL_TEST_PAUSE_AT", point)
        .env("PLANEVAL_TEST_PAUSE_MARKER", marker)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !marker.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "run never reached {point}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

#[test]
fn a_run_beside_another_run_exits_3() {
    let (dir, cfg) = job_with_inbox("run-locked", &["填报-医保局-2023.xlsx"]);
    let marker = dir.join("paused");
    let mut first = paused_run(&cfg, "before-manifest", &marker);
    let second = planeval(&["run", "--config", cfg.to_str().unwrap(), "--json"]);
    first.kill().unwrap();
    first.wait().unwrap();
    assert_eq!(
        second.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let holder = std::fs::read_to_string(&marker).unwrap();
    assert!(
        String::from_utf8_lossy(&second.stderr).contains(holder.trim()),
        "the message names the holder"
    );
    assert_eq!(json(&second)["outcome"], "locked");
    // The killed run left a stale lock; the next run takes it over and completes.
    let third = planeval(&["run", "--config", cfg.to_str().unwrap(), "--json"]);
    assert!(
        matches!(third.status.code(), Some(0) | Some(1)),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );
}

#[test]
fn killing_a_run_while_it_writes_leaves_the_previous_workbooks_whole() {
    let (dir, cfg) = job_with_inbox("run-killed", &["填报-卫健体局-2023.xlsx"]);
    let first = planeval(&["run", "--config", cfg.to_str().unwrap(), "--quiet"]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = snapshot(&dir.join("outputs"));
    assert!(before
        .keys()
        .any(|p| p.extension().is_some_and(|e| e == "xlsx")));

    // New data arrives; this run is killed just before its first workbook would replace the old one.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/demo/returns/2023/填报-妇联-2023.xlsx"),
        dir.join("inbox/填报-妇联-2023.xlsx"),
    )
    .unwrap();
    let marker = dir.join("paused");
    let mut killed = paused_run(&cfg, "before-rename:xlsx", &marker);
    killed.kill().unwrap();
    killed.wait().unwrap();
    let after = snapshot(&dir.join("outputs"));
    for (path, bytes) in &before {
        assert_eq!(
            after.get(path),
            Some(bytes),
            "{} changed or vanished",
            path.display()
        );
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with('.') && name.ends_with(".tmp"),
            "only hidden temp files may appear: {name}"
        );
    }
    for path in before
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
    {
        read_all(path); // still a whole workbook
    }

    // The killed run had already stored the new file; the next run sees outputs older than the store,
    // rewrites them and tidies the leftovers.
    let next = planeval(&["run", "--config", cfg.to_str().unwrap(), "--json"]);
    assert_eq!(
        next.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&next.stderr)
    );
    let r = json(&next);
    assert_eq!(r["files_new"].as_array().unwrap().len(), 0);
    assert!(
        !r["outputs"].as_array().unwrap().is_empty(),
        "stale outputs are rewritten"
    );
    let rerun = json(&planeval(&[
        "run",
        "--config",
        cfg.to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(rerun["outcome"], "nothing_new");
    let tidy = snapshot(&dir.join("outputs"));
    assert!(
        tidy.keys().all(|p| !p.to_string_lossy().ends_with(".tmp")),
        "stale temp files removed"
    );
}
