//! Verdicts a statistician can defend (docs/METHOD.md): the demo store's verdicts where the rules of the
//! base year, the data-age limit, the basically-achieved allowance, the fluctuation test and rounding
//! decide, read back from `evaluate --json` and the written workbooks; and a value with more decimals
//! than its indicator declares, shown with them in the evaluation workbook and the English line.

use crate::common::{evaluation_detail, json, planeval, read_all, temp_dir, text, zip_part};
use planeval::report::facts::{Facts, RunInfo};
use planeval::report::messages::Lang;
use planeval::score::{evaluate, IndicatorResult, Observation, ScoreConfig, Stage, WarningCode};
use planeval::store::overrides::Overrides;
use planeval::Catalog;
use serde_json::Value;
use std::path::Path;

fn evaluation(store: &Path, args: &[&str]) -> Value {
    let mut all = vec!["evaluate", "--store", store.to_str().unwrap(), "--json"];
    all.extend_from_slice(args);
    json(&planeval(&all))
}

fn indicator<'v>(ev: &'v Value, code: &str) -> &'v Value {
    ev["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no {code}"))
}

fn warnings_of<'v>(i: &'v Value, code: &str) -> Vec<&'v Value> {
    i["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == code)
        .collect()
}

#[test]
fn the_demo_verdicts_follow_the_method() {
    let dir = temp_dir("verdicts-demo");
    let out = planeval(&["demo", "--out", dir.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = dir.join("store");
    let mid = evaluation(&store, &["--stage", "midterm"]);
    let annual = evaluation(&store, &["--stage", "annual", "--year", "2024"]);
    let fin = evaluation(&store, &["--stage", "final"]);

    // 医保局's 2023 value was typed as a fraction (V103) and never corrected: 2022's 95.8 does not make
    // the indicator 已达标 at the mid-term. In 2024 a value is back, and the old rejection is no matter.
    let med = indicator(&mid, "medical_insurance_coverage_female");
    assert_eq!(med["status"], "no_data", "{}", med["explanation"]);
    let stale = warnings_of(med, "stale_data");
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["years"], serde_json::json!([2022]));
    assert!(
        stale[0]["message"]
            .as_str()
            .unwrap()
            .contains("其后2023年报送的数值被退回且未更正"),
        "{}",
        stale[0]["message"]
    );
    assert_eq!(
        indicator(&annual, "medical_insurance_coverage_female")["status"],
        "met"
    );
    let detail = evaluation_detail(&dir.join("outputs/中期评估-2023/中期评估-2023.xlsx"));
    let (status, codes, explanation) = &detail["medical_insurance_coverage_female"];
    assert_eq!(status, "无数据");
    // The workbook names warnings by their labels (stale_data: 数据过旧).
    assert!(codes.contains("数据过旧"), "{codes}");
    assert!(explanation.contains("不能据以判定达标"), "{explanation}");

    // Depression rises +0.14, +0.16, +0.15: within rounding of two decimals, not a faster rise.
    assert_eq!(
        indicator(&mid, "depression_prevalence_female")["status"],
        "slow_progress"
    );

    // Women science and technology professionals: 2024 is the outlier, not the 2025 back on trend.
    for ev in [&annual, &fin] {
        let talent = indicator(ev, "female_sci_tech_talent");
        let w = warnings_of(talent, "fluctuation");
        assert_eq!(w.len(), 1, "{}", talent["warnings"]);
        assert_eq!(w[0]["years"], serde_json::json!([2024]));
    }
    // Mother-to-child transmission with a case a year or none: no fluctuation warning.
    for code in ["syphilis_mtct_rate", "hepatitis_b_mtct_rate"] {
        for ev in [&mid, &annual, &fin] {
            assert!(warnings_of(indicator(ev, code), "fluctuation").is_empty());
        }
    }

    // Residents' committees met 50 ± 2 in 2020 and fell to 44.0: no allowance but rounding.
    let rc = indicator(&fin, "female_share_residents_committees");
    assert_eq!(rc["status"], "not_achieved");
    assert!(
        rc["explanation"]
            .as_str()
            .unwrap()
            .contains("2020年已达标，规划要求保持"),
        "{}",
        rc["explanation"]
    );
    // Rural sanitary toilets 82.6 against 85 ± 2: 0.4 short of the band, 5% of the 14.5 asked for is 0.725.
    assert_eq!(
        indicator(&fin, "rural_sanitary_toilet_coverage")["status"],
        "basically_achieved"
    );
    // The summary counts what the workbook shows.
    let summary: Value = serde_json::from_slice(
        &std::fs::read(dir.join("outputs/中期评估-2023/summary.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(summary["counts"]["no_data"], 1);
    assert_eq!(summary["warning_counts"]["stale_data"], 1);
}

/// The style index of a cell in a worksheet part, and the number format that index carries.
fn number_format(xlsx: &Path, sheet_part: &str, cell: &str) -> String {
    let sheet = zip_part(xlsx, sheet_part).expect("sheet part");
    let at = sheet
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
    let style: usize = tag
        .split("s=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let styles = zip_part(xlsx, "xl/styles.xml").unwrap();
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let id: String = xf
        .split("numFmtId=\"")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let code = styles
        .split("<numFmt ")
        .find(|f| f.contains(&format!("numFmtId=\"{id}\"")))
        .and_then(|f| f.split("formatCode=\"").nth(1))
        .and_then(|f| f.split('"').next())
        .unwrap_or("General");
    code.to_string()
}

/// Life expectancy 77.6 (2020) and 78.06 (2025) against "≥ 78.1": the final evaluation workbook shows
/// 78.06 with two decimals in the latest-value cell and the explanation, and the English line says
/// 78.06 — never 78.1 beside "0.04 short".
#[test]
fn a_value_with_more_decimals_is_shown_with_them_in_the_workbook_and_the_english_line() {
    let cat = Catalog::builtin().unwrap();
    let obs = vec![
        Observation::total("life_expectancy_female", 2020, 77.6),
        Observation::total("life_expectancy_female", 2025, 78.06),
    ];
    let ev = evaluate(
        &cat,
        &obs,
        &[],
        &[],
        Stage::Final,
        2025,
        &ScoreConfig::default(),
    );
    let r: &IndicatorResult = ev.indicator("life_expectancy_female").unwrap();
    assert!(r
        .warnings
        .iter()
        .all(|w| w.code != WarningCode::Fluctuation));
    let overrides = Overrides::default();
    let facts = |lang| Facts {
        cat: &cat,
        ev: &ev,
        obs: &obs,
        assessments: &[],
        overrides: &overrides,
        rejected_reviews: &[],
        completeness: &[],
        outstanding: &[],
        run: RunInfo {
            generated_at: "2026-01-05T00:00:00+08:00".into(),
            tool_version: "test".into(),
            files: 0,
            values: 2,
            area: None,
            compared: None,
        },
        lang,
    };
    let dir = temp_dir("verdicts-digits");
    let path = dir.join("终期评估-2025.xlsx");
    std::fs::write(
        &path,
        planeval::report::evaluation::build(&facts(Lang::Zh)).unwrap(),
    )
    .unwrap();
    let (status, _, explanation) = &evaluation_detail(&path)["life_expectancy_female"];
    assert_eq!(status, "基本实现");
    assert!(
        explanation.starts_with("2025年 78.06，距目标 ≥ 78.1 差 0.04"),
        "{explanation}"
    );

    let sheets = read_all(&path);
    let (index, (_, cells)) = sheets
        .iter()
        .enumerate()
        .find(|(_, (n, _))| n == "指标明细")
        .unwrap();
    let header = (0..6)
        .find(|r| cells.get(&(*r, 0)).map(text).as_deref() == Some("领域"))
        .unwrap();
    let latest_col = cells
        .iter()
        .find(|((r, _), d)| *r == header && text(d) == "最新值")
        .map(|((_, c), _)| *c)
        .unwrap();
    let row = cells
        .iter()
        .find(|(_, d)| text(d) == "life_expectancy_female")
        .map(|((r, _), _)| *r)
        .unwrap();
    assert_eq!(
        cells.get(&(row, latest_col)),
        Some(&calamine::Data::Float(78.06))
    );
    let cell = format!("{}{}", crate::common::col_letters(latest_col), row + 1);
    let part = format!("xl/worksheets/sheet{}.xml", index + 1);
    assert_eq!(number_format(&path, &part, &cell), "0.00");
    // The baseline 77.6 carries one decimal and keeps the indicator's format.
    let base_cell = format!("{}{}", crate::common::col_letters(5), row + 1);
    assert_eq!(number_format(&path, &part, &base_cell), "0.0");

    let en = planeval::report::english::indicator(&facts(Lang::En), r);
    assert!(en.starts_with("2025: 78.06; baseline 2020: 77.6"), "{en}");
}
