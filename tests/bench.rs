//! The benchmark crate (`bench/`, `planeval-bench`), through its library: its data generator is
//! deterministic by seed and its files go through `planeval check` with about the planted share of
//! mistakes; its run goes through every stage and accounts for what it wrote. No timing here: the
//! benchmark measures, tests do not. (Intake runs in-process in this test binary: the reader workers
//! are the product binary's, tested in `hostile`.)

use crate::common::{json, planeval, temp_dir};
use planeval::Catalog;
use planeval_bench::generate::{generate as generate_returns, GenSpec, AREAS_FILE};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for org in std::fs::read_dir(dir).unwrap() {
        let org = org.unwrap().path();
        if !org.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&org).unwrap() {
            let f = f.unwrap().path();
            let key = f.strip_prefix(dir).unwrap().display().to_string();
            out.insert(key, std::fs::read(&f).unwrap());
        }
    }
    out
}

fn generate(dir: &Path, seed: &str) -> serde_json::Value {
    let spec = GenSpec {
        orgs: 2,
        years: vec![2023],
        mistakes: 0.05,
        seed: seed.parse().unwrap(),
    };
    let summary = generate_returns(&Catalog::load(None).unwrap(), dir, &spec).unwrap();
    serde_json::json!({ "spec": spec, "summary": summary })
}

#[test]
fn bench_data_is_deterministic_by_seed_and_checks_with_the_planted_mistakes() {
    let root = temp_dir("bench-data");
    let (a, b, c) = (root.join("a"), root.join("b"), root.join("c"));
    let ga = generate(&a, "7");
    generate(&b, "7");
    generate(&c, "8");
    let (fa, fb, fc) = (files_of(&a), files_of(&b), files_of(&c));
    assert!(fa.len() > 20, "one workbook per unit and org: {}", fa.len());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, bytes) in &fa {
        assert!(
            fb[k] == *bytes,
            "{k} differs between two runs with the same seed"
        );
    }
    assert!(
        fa.iter().any(|(k, v)| fc[k] != *v),
        "another seed gives other values"
    );
    let orgs: BTreeSet<&str> = fa
        .keys()
        .map(|k| k.split(['/', '\\']).next().unwrap())
        .collect();
    assert_eq!(orgs, BTreeSet::from(["县001", "县002"]));

    let summary = &ga["summary"];
    let numeric = summary["numeric_cells"].as_u64().unwrap() as f64;
    let planted = summary["mistakes"].as_u64().unwrap() as f64;
    let share = planted / numeric;
    assert!(
        (0.025..=0.08).contains(&share),
        "planted share {share} for 0.05"
    );

    // Every file goes through check; the cells flagged are about the planted ones.
    let out = planeval(&[
        "check",
        &a.display().to_string(),
        "--year",
        "2023",
        "--json",
    ]);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), fa.len());
    let mut flagged = BTreeSet::new();
    for f in files {
        assert!(f["unit"].is_string(), "unit recognised: {}", f["path"]);
        assert_eq!(f["year"], 2023);
        for d in f["diagnostics"].as_array().unwrap() {
            let code = d["code"].as_str().unwrap();
            assert!(
                !code.starts_with('F'),
                "file-level problem {code} in {}",
                f["path"]
            );
            flagged.insert((f["path"].to_string(), d["location"].to_string()));
        }
    }
    let flagged = flagged.len() as f64;
    assert!(
        flagged >= planted * 0.6 && flagged <= planted * 1.6 + 3.0,
        "{flagged} cells flagged for {planted} planted mistakes"
    );
    let accepted = report["summary"]["accepted"].as_u64().unwrap() as f64;
    assert!(
        accepted >= (numeric - planted) * 0.95,
        "{accepted} values accepted of {numeric} numeric cells"
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// The benchmark runs every stage the real commands run and accounts for every file and workbook it
/// wrote. What it measures is not asserted (speed is measured, not tested); what it counts is.
#[test]
fn bench_runs_every_stage_and_counts_what_it_wrote() {
    let root = temp_dir("bench-run");
    let data = root.join("data");
    generate(&data, "11");
    let files = files_of(&data).len();
    let files_in = planeval::inputs::collect_inputs(std::slice::from_ref(&data))
        .unwrap()
        .files;
    let opts = planeval_bench::BenchOptions {
        store: root.join("store"),
        out: root.join("out"),
        serial_floor: false,
        stage: planeval::score::Stage::Midterm,
        areas: Some(planeval::areas::Areas::from_path(&data.join(AREAS_FILE)).unwrap()),
    };
    let report = planeval_bench::run(&Catalog::load(None).unwrap(), &files_in, &opts).unwrap();
    let r = serde_json::to_value(&report).unwrap();
    assert_eq!(r["files"], files);
    assert_eq!(r["orgs"], 2);
    assert!(r["values_stored"].as_u64().unwrap() > 0);
    assert!(r["floor_serial_s"].is_null());
    // bench-data's areas file: every org's year also goes through a package.
    let levels = r["levels"].as_array().unwrap();
    assert_eq!(levels.len(), 2, "{levels:?}");
    assert_eq!(levels[1]["stage"], "packages: ingest --package");
    let stages: Vec<&str> = r["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "intake",
            "validation",
            "store",
            "scoring",
            "evaluation outputs"
        ]
    );
    for s in r["stages"].as_array().unwrap().iter().chain([
        &r["whole"],
        &r["whole_without_writing"],
        &r["per_return_feedback"],
        &r["whole_with_feedback"],
    ]) {
        let ratio = s["ratio_to_floor"].as_f64().unwrap();
        assert!(ratio.is_finite() && ratio >= 0.0, "{s}");
    }
    assert!(r["per_return_feedback"]["ratio_to_write_floor"].is_f64());

    // One feedback workbook per returned file, each one a workbook calamine opens.
    let per_return: Vec<_> = std::fs::read_dir(root.join("out/per-return"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(per_return.len(), files);
    assert_eq!(r["write_floor_feedback"]["workbooks"], files);
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&per_return[0]).unwrap();
    assert!(wb.sheet_names().len() >= 2);
    assert!(wb.worksheet_range(&wb.sheet_names()[0]).is_ok());

    // Per org what evaluate --out writes: evaluation workbook, unit feedback, summary.json, report.md.
    // bench-data writes one workbook per unit with work, per org, for one year.
    let units = files / 2;
    for org in ["县001", "县002"] {
        let dir = root.join("out").join(org);
        let names: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.contains("summary.json") && names.contains("report.md"),
            "{names:?}"
        );
        assert!(names.iter().any(|n| n.starts_with("中期评估")), "{names:?}");
        let feedback = names.iter().filter(|n| n.starts_with("反馈-")).count();
        assert_eq!(feedback, units, "{names:?}");
    }
    assert_eq!(r["write_floor_outputs"]["workbooks"], 2 * (units + 1));
    let _ = std::fs::remove_dir_all(&root);
}
