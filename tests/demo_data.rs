//! The bundled demo data (fixtures/demo/, made by scripts/make-demo-data.py and described in its
//! README.md): every return reads with its unit and year, the planted mistakes are reported with their
//! codes at their cells, and every other file checks clean — in .xlsx, .xls and .ods alike.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// `planeval check fixtures/demo/returns/YEAR --year YEAR --json`, with its exit code.
fn check(year: i32) -> (Value, i32) {
    let dir = format!("fixtures/demo/returns/{year}");
    let out = Command::new(env!("CARGO_BIN_EXE_planeval"))
        .args(["check", &dir, "--year", &year.to_string(), "--json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run planeval");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (json, out.status.code().unwrap_or(-1))
}

/// File name → its report.
fn files(report: &Value) -> BTreeMap<String, &Value> {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let name = path.rsplit(['/', '\\']).next().unwrap().to_string();
            (name, f)
        })
        .collect()
}

/// The unit named in `填报-<unit>-<year>[-更正].<ext>`.
fn unit_of(name: &str, year: i32) -> &str {
    let stem = name
        .strip_prefix("填报-")
        .expect("file name starts with 填报-");
    let (unit, _) = stem
        .split_once(&format!("-{year}"))
        .expect("file name has the year");
    unit
}

/// (code, cell) of every warning and error of a file.
fn problems(file: &Value) -> BTreeSet<(String, String)> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn accepted<'a>(file: &'a Value, indicator: &str, field: &str, cell: &str) -> Option<&'a Value> {
    file["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["indicator"] == indicator && a["field"] == field && a["cell"] == cell)
}

/// Every file has its unit (from the hidden metadata sheet, matching its name), the year and the
/// expected format; its warnings and errors are exactly `planted` (none for the rest).
fn assert_returns(
    year: i32,
    report: &Value,
    formats: &[(&str, &str)],
    planted: &[(&str, &str, &str)],
) {
    let files = files(report);
    for (name, f) in &files {
        assert_eq!(
            f["unit"].as_str(),
            Some(unit_of(name, year)),
            "{name}: unit"
        );
        assert_eq!(f["year"].as_i64(), Some(year as i64), "{name}: year");
        assert_eq!(f["plan_id"], "gu-county-women-2021-2025", "{name}: plan");
        assert_eq!(f["template_version"], "1", "{name}: metadata sheet read");
        assert_eq!(f["data_sheet"], "指标填报", "{name}: data sheet");
        let format = formats
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, fmt)| *fmt)
            .unwrap_or("xlsx");
        assert_eq!(f["format"], format, "{name}: format");
        let expected: BTreeSet<(String, String)> = planted
            .iter()
            .filter(|(n, _, _)| n == name)
            .map(|(_, code, cell)| (code.to_string(), cell.to_string()))
            .collect();
        assert_eq!(problems(f), expected, "{name}: warnings and errors");
        // Every assessment is one of the options (R217 would be among the problems otherwise).
        for a in f["assessments"].as_array().unwrap() {
            assert!(
                ["已完成", "基本完成", "部分完成", "未完成"]
                    .contains(&a["assessment"].as_str().unwrap()),
                "{name}: {a}"
            );
            assert!(
                !a["measures"].as_str().unwrap().is_empty(),
                "{name}: measures of {a}"
            );
        }
    }
    for (name, _, _) in planted {
        assert!(files.contains_key(*name), "planted file {name} missing");
    }
}

#[test]
fn demo_2023_reads_every_return_and_finds_the_planted_mistakes() {
    let (report, code) = check(2023);
    assert_eq!(code, 1, "2023 has planted errors");
    let files = files(&report);
    assert_eq!(files.len(), 32, "{:?}", files.keys());
    assert_returns(
        2023,
        &report,
        &[],
        &[
            ("填报-人社局-2023.xlsx", "V102", "H6"),
            ("填报-医保局-2023.xlsx", "V103", "H5"),
            ("填报-医保局-2023.xlsx", "V103", "K5"),
            ("填报-医保局-2023.xlsx", "V103", "L5"),
            ("填报-教科局-2023.xlsx", "R210", "H12"),
        ],
    );
    assert_eq!(report["summary"]["errors"], 4);
    assert_eq!(report["summary"]["warnings"], 1);

    // “约45%”: accepted as 45, with the warning.
    let hr = files["填报-人社局-2023.xlsx"];
    let v = accepted(hr, "female_share_employed", "value", "H6").expect("约45% accepted");
    assert_eq!(v["value"], 45.0);
    assert_eq!(v["raw"], "约45%");
    // “78.4岁”: read as 78.4 by the unit-suffix rule, no diagnostic.
    let health = files["填报-卫健体局-2023.xlsx"];
    let v = accepted(health, "life_expectancy_female", "value", "H5").expect("78.4岁 accepted");
    assert_eq!(v["value"], 78.4);
    assert!(
        v["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "unit-suffix"),
        "{v}"
    );
    // 0.952 is rejected, never rescaled; the numerator and denominator of the row are kept.
    let ins = files["填报-医保局-2023.xlsx"];
    let rows: Vec<&Value> = ins["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["indicator"] == "medical_insurance_coverage_female")
        .collect();
    assert!(rows.iter().all(|a| a["field"] != "value"), "{rows:?}");
    assert_eq!(rows.len(), 2, "numerator and denominator: {rows:?}");

    // The qualitative mix: mostly 已完成/基本完成, a few 部分完成, one 未完成 (宣传部, 7.2).
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for f in files.values() {
        for a in f["assessments"].as_array().unwrap() {
            *counts
                .entry(a["assessment"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    assert_eq!(counts.get("未完成"), Some(&1), "{counts:?}");
    assert!(counts["部分完成"] >= 2, "{counts:?}");
    assert!(
        counts["已完成"] + counts["基本完成"] > 4 * counts["部分完成"],
        "{counts:?}"
    );
}

#[test]
fn demo_2025_reads_xls_and_ods_like_xlsx_and_checks_clean() {
    let (report, code) = check(2025);
    assert_eq!(code, 0, "2025 checks clean");
    let files = files(&report);
    assert_eq!(
        files.len(),
        31,
        "统战部 did not return 2025: {:?}",
        files.keys()
    );
    assert!(files.keys().all(|n| !n.contains("统战部")));
    assert_returns(
        2025,
        &report,
        &[
            ("填报-组织部-2025.xls", "xls"),
            ("填报-妇联-2025.ods", "ods"),
        ],
        &[],
    );
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["warnings"], 0);

    // The converted files carry their numbers and self-assessments through.
    let org = files["填报-组织部-2025.xls"];
    let v =
        accepted(org, "female_share_party_congress_delegates", "value", "H6").expect("xls value");
    assert_eq!(v["value"], 29.4);
    assert!(org["accepted"].as_array().unwrap().len() >= 15, "{org}");
    assert!(!org["assessments"].as_array().unwrap().is_empty());
    let wf = files["填报-妇联-2025.ods"];
    let gap: BTreeMap<&str, f64> = wf["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["indicator"] == "housework_time_gender_gap")
        .map(|a| (a["sex"].as_str().unwrap(), a["value"].as_f64().unwrap()))
        .collect();
    assert_eq!(gap.get("female"), Some(&146.0));
    assert_eq!(gap.get("male"), Some(&49.0));
    assert_eq!(wf["assessments"].as_array().unwrap().len(), 23);

    // No data is “无” (not reported, an info), not an empty required cell.
    let health = files["填报-卫健体局-2025.xlsx"];
    let notes: Vec<&Value> = health["diagnostics"].as_array().unwrap().iter().collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["code"], "V108");
    assert_eq!(notes[0]["location"]["cell"], "H6");
}

#[test]
fn demo_2022_resubmission_fixes_the_rate_mismatch() {
    let (report, _) = check(2022);
    let files = files(&report);
    assert_eq!(files.len(), 33);
    assert_returns(
        2022,
        &report,
        &[],
        &[("填报-民政局-2022.xlsx", "R206", "H6")],
    );
    let fixed = files["填报-民政局-2022-更正.xlsx"];
    let n =
        accepted(fixed, "female_share_village_committees", "numerator", "M6").expect("numerator");
    assert_eq!(n["value"], 148.0);
    let first = files["填报-民政局-2022.xlsx"];
    let n =
        accepted(first, "female_share_village_committees", "numerator", "M6").expect("numerator");
    assert_eq!(n["value"], 158.0);
}
