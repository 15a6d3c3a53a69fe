//! The store never deletes what it cannot account for: a store whose manifest.json is gone, or was
//! replaced by an older one from a backup, is refused (exit 2) with the way out, nothing in it changes,
//! and `planeval store repair` rebuilds the manifest from the self-describing parts, so that the panel
//! is exactly the one before.

use crate::common::{json, planeval, temp_dir};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn demo_returns(year: i32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/demo/returns/{year}"))
}

fn ingest(store: &Path, inputs: &[&Path], year: i32) -> std::process::Output {
    let y = year.to_string();
    let mut args = vec!["ingest", "--store", s(store), "--year", &y, "--json"];
    args.extend(inputs.iter().map(|p| s(p)));
    planeval(&args)
}

/// Every file under the store with its bytes: what "nothing changed" means.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Every row of every revision, and the current panel, as readers see them.
fn panels(store: &Path) -> (Value, Value) {
    let all = planeval(&["panel", "--store", s(store), "--all-revisions", "--json"]);
    assert!(
        all.status.success(),
        "{}",
        String::from_utf8_lossy(&all.stderr)
    );
    let current = planeval(&["panel", "--store", s(store), "--json"]);
    (json(&all), json(&current))
}

fn manifest(store: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(store.join("manifest.json")).unwrap()).unwrap()
}

/// A store of two runs (2023, then 2024), the manifest after the first, and the full one.
fn two_runs(name: &str) -> (PathBuf, PathBuf, Vec<u8>) {
    let dir = temp_dir(name);
    let store = dir.join("store");
    let out = ingest(&store, &[&demo_returns(2023)], 2023);
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = std::fs::read(store.join("manifest.json")).unwrap();
    let out = ingest(&store, &[&demo_returns(2024)], 2024);
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, store, first)
}

fn repair(store: &Path) -> Value {
    let out = planeval(&["store", "repair", "--store", s(store), "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

/// The parts, files and next revision of a manifest (not its update time).
fn contents(m: &Value) -> (Value, Value, Value) {
    (
        m["parts"].clone(),
        m["files"].clone(),
        m["next_revision"].clone(),
    )
}

#[test]
fn a_missing_manifest_is_refused_deletes_nothing_and_repair_restores_the_panel() {
    let (_dir, store, _) = two_runs("safety-missing");
    let before = panels(&store);
    let full = manifest(&store);
    assert!(full["parts"].as_array().unwrap().len() >= 4);

    std::fs::remove_file(store.join("manifest.json")).unwrap();
    let untouched = tree(&store);
    let new_file = demo_returns(2025).join("填报-卫健体局-2025.xlsx");
    let out = ingest(&store, &[&new_file], 2025);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("没有 manifest.json") && stderr.contains("planeval store repair"),
        "says what was found and how to recover: {stderr}"
    );
    assert_eq!(
        tree(&store),
        untouched,
        "the refused ingest deleted and wrote nothing"
    );
    let out = planeval(&["panel", "--store", s(&store), "--json"]);
    assert_eq!(out.status.code(), Some(2), "readers refuse too");
    assert!(String::from_utf8_lossy(&out.stderr).contains("store repair"));

    let r = repair(&store);
    assert_eq!(r["manifest_before"], "missing");
    assert_eq!(r["parts"], full["parts"].as_array().unwrap().len());
    assert_eq!(
        r["parts_from_columns"],
        serde_json::json!([]),
        "parts describe themselves"
    );
    assert_eq!(
        panels(&store),
        before,
        "the panel is exactly the one before"
    );
    assert_eq!(contents(&manifest(&store)), contents(&full));
    for (name, bytes) in &untouched {
        assert_eq!(
            std::fs::read(store.join(name)).ok().as_ref(),
            Some(bytes),
            "repair changed {name}"
        );
    }

    // The store works as before: a known file is recognised, a new one gets the next revision.
    let again = demo_returns(2024).join("填报-妇联-2024.xlsx");
    let out = ingest(&store, &[&again, &new_file], 2025);
    let report = json(&out);
    assert_eq!(report["files"][0]["status"], "already_ingested");
    assert_eq!(report["files"][1]["status"], "ingested");
    assert_eq!(report["files"][1]["revision"], full["next_revision"]);
}

#[test]
fn an_older_manifest_restored_never_deletes_the_newer_parts() {
    let (_dir, store, first) = two_runs("safety-older");
    let before = panels(&store);
    let full = manifest(&store);

    // An administrator restores yesterday's backup of manifest.json.
    std::fs::write(store.join("manifest.json"), &first).unwrap();
    let untouched = tree(&store);
    let out = ingest(
        &store,
        &[&demo_returns(2025).join("填报-卫健体局-2025.xlsx")],
        2025,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("只列出") && stderr.contains("planeval store repair"),
        "{stderr}"
    );
    assert_eq!(tree(&store), untouched, "nothing newer deleted");
    let out = planeval(&["status", "--store", s(&store), "--year", "2024"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a reader would show less than the store holds"
    );

    let r = repair(&store);
    assert_eq!(r["manifest_before"], "readable");
    assert!(!r["parts_added"].as_array().unwrap().is_empty());
    assert_eq!(panels(&store), before);
    assert_eq!(contents(&manifest(&store)), contents(&full));
    let r = repair(&store);
    assert_eq!(r["changed"], false, "a second repair changes nothing");
}

#[test]
fn repair_stops_at_an_unreadable_part_and_writes_nothing() {
    let (_dir, store, _) = two_runs("safety-unreadable");
    let full = std::fs::read(store.join("manifest.json")).unwrap();
    let junk = store.join("panel/year=2023/part-000999.parquet");
    std::fs::write(&junk, b"not parquet").unwrap();

    let out = ingest(
        &store,
        &[&demo_returns(2025).join("填报-卫健体局-2025.xlsx")],
        2025,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("只列出") && stderr.contains("part-000999"),
        "{stderr}"
    );
    assert!(junk.exists(), "an unlisted file is never deleted");

    let out = planeval(&["store", "repair", "--store", s(&store)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("part-000999.parquet"),
        "names the file: {stderr}"
    );
    assert_eq!(std::fs::read(store.join("manifest.json")).unwrap(), full);
    assert!(junk.exists());

    std::fs::remove_file(&junk).unwrap();
    let out = ingest(
        &store,
        &[&demo_returns(2025).join("填报-卫健体局-2025.xlsx")],
        2025,
    );
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["files"][0]["status"], "ingested");
}

#[test]
fn repair_names_the_files_it_drops_with_their_revisions_in_either_language() {
    // The 2024 data files are lost (deleted by hand): repair lists them as missing and drops the
    // 2024 returns whose rows were only there, each named with its revision.
    let (_dir, store, _) = two_runs("safety-dropped");
    let listed = manifest(&store);
    let lost: Vec<(String, u64)> = listed["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["year"] == 2024)
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["revision"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(!lost.is_empty());
    for part in listed["parts"].as_array().unwrap() {
        let path = part["path"].as_str().unwrap();
        if path.contains("year=2024") {
            std::fs::remove_file(store.join(path)).unwrap();
        }
    }
    let store_copy = store.with_file_name("store-copy");
    for (rel, bytes) in tree(&store) {
        let p = store_copy.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let r = repair(&store);
    let dropped = r["files_dropped"].as_array().unwrap();
    assert!(!dropped.is_empty());
    for d in dropped {
        let entry = (
            d["name"].as_str().unwrap().to_string(),
            d["revision"].as_u64().unwrap(),
        );
        assert!(lost.contains(&entry), "{d}");
    }
    let (name, revision) = (
        dropped[0]["name"].as_str().unwrap(),
        dropped[0]["revision"].as_u64().unwrap(),
    );
    let out = planeval(&["--lang", "en", "store", "repair", "--store", s(&store_copy)]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(
        said.contains(&format!("{name} (revision {revision})")),
        "{said}"
    );
    assert!(!said.contains("修订号"), "{said}");
}
