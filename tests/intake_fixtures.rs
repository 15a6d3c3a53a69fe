//! Intake on the returned-workbook fixtures (fixtures/returns, see its README for every planted cell):
//! formats, edited layouts, typed values and rule violations, each asserted at its cell.


use crate::common::{json, planeval};
use serde_json::Value;

fn check(file: &str, extra: &[&str]) -> (Option<i32>, Value) {
    let path = format!("fixtures/returns/{file}");
    let mut args = vec!["check", path.as_str(), "--json"];
    args.extend_from_slice(extra);
    let out = planeval(&args);
    let report = json(&out);
    (out.status.code(), report["files"][0].clone())
}

fn codes_at(file: &Value, sheet: &str, cell: &str) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["location"]["sheet"] == sheet && d["location"]["cell"] == cell)
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn accepted_at(file: &Value, sheet: &str, cell: &str) -> Option<f64> {
    file["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["sheet"] == sheet && a["cell"] == cell)
        .and_then(|a| a["value"].as_f64())
}

fn non_info(file: &Value) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| format!("{} {}", d["code"], d["location"]))
        .collect()
}

#[test]
fn clean_return_reads_the_same_from_xlsx_xls_and_ods() {
    for (ext, format) in [("xlsx", "xlsx"), ("xls", "xls"), ("ods", "ods")] {
        let (code, f) = check(&format!("clean-卫健体局-2023.{ext}"), &["--year", "2023"]);
        assert_eq!(code, Some(0), "{ext}: {f:#}");
        assert_eq!(f["format"], format);
        assert_eq!(f["unit"], "卫健体局");
        assert_eq!(f["year"], 2023);
        assert_eq!(f["accepted"].as_array().unwrap().len(), 18, "{ext}");
        assert_eq!(f["assessments"].as_array().unwrap().len(), 1, "{ext}");
        assert!(non_info(&f).is_empty(), "{ext}: {:?}", non_info(&f));
        assert_eq!(
            accepted_at(&f, "指标填报", "H7"),
            Some(15.0),
            "{ext}: maternal mortality"
        );
        assert_eq!(accepted_at(&f, "指标填报", "K7"), Some(13.2));
        assert_eq!(accepted_at(&f, "指标填报", "N7"), Some(20000.0));
        assert_eq!(f["assessments"][0]["objective"], "1.10");
        assert_eq!(f["assessments"][0]["assessment"], "基本完成");
    }
}

#[test]
fn typed_values_are_read_by_their_rules_or_diagnosed_at_their_cells() {
    let (code, f) = check(
        "typed-values-妇幼保健计生服务中心-2023.xlsx",
        &["--year", "2023"],
    );
    assert_eq!(code, Some(1));
    let s = "指标填报";
    for (cell, v) in [
        ("H5", 95.0),
        ("K5", 95.2),
        ("L5", 94.6),
        ("M5", 11400.0),
        ("N5", 12000.0),
        ("H6", 95.0),
        ("L6", 94.7),
        ("H7", 12.5),
        ("H9", 12.5),
        ("M9", 3.0),
        ("N9", 24000.0),
    ] {
        assert_eq!(accepted_at(&f, s, cell), Some(v), "{cell}");
    }
    for (cell, code) in [
        ("L5", "V102"),
        ("K6", "V103"),
        ("H7", "V110"),
        ("K9", "V108"),
        ("L9", "V108"),
        ("H10", "V104"),
        ("M10", "V105"),
        ("H11", "V108"),
        ("H12", "V108"),
        ("H13", "V106"),
    ] {
        assert!(
            codes_at(&f, s, cell).contains(&code.to_string()),
            "{cell}: expected {code}, got {:?}",
            codes_at(&f, s, cell)
        );
    }
    assert_eq!(
        accepted_at(&f, s, "K6"),
        None,
        "a fraction for a percentage is never rescaled or kept"
    );
    // LibreOffice recalculated the formula without a saved result.
    for ext in ["xls", "ods"] {
        let (_, f) = check(
            &format!("typed-values-妇幼保健计生服务中心-2023.{ext}"),
            &[],
        );
        assert_eq!(accepted_at(&f, s, "M10"), Some(430.0), "{ext}");
        assert!(
            codes_at(&f, s, "H13").contains(&"V106".to_string()),
            "{ext}: date"
        );
        assert!(
            codes_at(&f, s, "H10").contains(&"V104".to_string()),
            "{ext}: #DIV/0!"
        );
    }
}

#[test]
fn edited_layout_is_found_by_headers_wherever_it_moved() {
    let (code, f) = check("edited-layout-教科局-2023.xlsx", &["--year", "2023"]);
    assert_eq!(code, Some(0), "{:?}", non_info(&f));
    assert_eq!(f["data_sheet"], "教科局数据");
    assert_eq!(f["located_by"], "header");
    assert_eq!(f["accepted"].as_array().unwrap().len(), 19);
    assert_eq!(f["assessments"].as_array().unwrap().len(), 2);
    let s = "教科局数据";
    assert_eq!(accepted_at(&f, s, "H8"), Some(99.97));
    // The swapped columns are read by their headers: N holds the numerator now.
    let n8 = f["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["cell"] == "N8")
        .unwrap();
    assert_eq!(
        (n8["field"].as_str(), n8["value"].as_f64()),
        (Some("numerator"), Some(5998.0))
    );
    let m8 = f["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["cell"] == "M8")
        .unwrap();
    assert_eq!(m8["field"], "denominator");
}

#[test]
fn without_metadata_rows_are_matched_by_indicator_name() {
    let (code, f) = check("no-metadata-人社局-2023.xlsx", &[]);
    assert_eq!(code, Some(0), "{:?}", non_info(&f));
    assert!(f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "F007"));
    assert_eq!(f["unit"], "人社局", "unit from the title row");
    assert_eq!(f["year"], 2023, "year from the header");
    assert_eq!(f["accepted"].as_array().unwrap().len(), 22);
    let g5 = f["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["cell"] == "G5")
        .unwrap();
    assert_eq!(
        (g5["indicator"].as_str(), g5["value"].as_f64()),
        (Some("skills_training_participation_female"), Some(83.5))
    );
}

#[test]
fn rule_violations_are_reported_at_their_cells() {
    let (code, f) = check("rule-violations-人社局-2023.xlsx", &["--year", "2023"]);
    assert_eq!(code, Some(1));
    let s = "指标填报";
    for (cell, code) in [
        ("H6", "R206"),
        ("M6", "R204"),
        ("H7", "R206"),
        ("H8", "R210"),
        ("H9", "R203"),
        ("H10", "R213"),
        ("H17", "R202"),
        ("M17", "R202"),
        ("N17", "R202"),
        ("A18", "R201"),
        ("H18", "R201"),
    ] {
        assert!(
            codes_at(&f, s, cell).contains(&code.to_string()),
            "{cell}: expected {code}, got {:?}",
            codes_at(&f, s, cell)
        );
    }
    assert_eq!(
        accepted_at(&f, s, "H9"),
        None,
        "out of range is quarantined"
    );
    assert_eq!(
        accepted_at(&f, s, "H17"),
        None,
        "the duplicate row is not taken"
    );
    assert_eq!(accepted_at(&f, s, "H5"), Some(83.5), "the first row is");
    // Nothing lost: every non-empty numeric input cell is accepted or diagnosed.
    let cells: std::collections::BTreeSet<String> = f["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["cell"].as_str().unwrap().to_string())
        .chain(
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|d| d["location"]["cell"].as_str().map(String::from)),
        )
        .collect();
    for cell in [
        "H5", "M5", "N5", "H6", "M6", "N6", "H7", "M7", "N7", "H9", "H10", "K10", "L10", "H11",
        "H12", "H17", "M17", "N17", "H18",
    ] {
        assert!(cells.contains(cell), "{cell} is in neither list");
    }
}

#[test]
fn wrong_year_and_old_template_version_are_flagged_in_the_metadata() {
    let (code, f) = check("wrong-year-民政局-2023.xlsx", &["--year", "2023"]);
    assert_eq!(code, Some(1));
    assert_eq!(codes_at(&f, "_planeval", "B5"), ["R209"]);
    let (code, f) = check("old-version-民政局-2023.xlsx", &["--year", "2023"]);
    assert_eq!(code, Some(0), "a version mismatch is a warning");
    assert_eq!(codes_at(&f, "_planeval", "B6"), ["R212"]);
    assert!(!f["accepted"].as_array().unwrap().is_empty());
}
