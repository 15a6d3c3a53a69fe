//! `planeval evaluate` end to end on the demo data (fixtures/demo: five years of returns, the baseline
//! and the yearly external targets, ingested once per test binary): the demo story as scored, the JSON
//! shape, every written workbook read back with calamine (sheet names, a status cell and its
//! explanation, a warning row, a note), summary.json against the workbook, report.md, English output,
//! and the review round trip through the 定性目标 sheet.


use calamine::Data;
use crate::common::{json, planeval, read_all, temp_dir, text, zip_part, zip_parts};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

type Sheet = BTreeMap<(u32, u32), Data>;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The demo store, built once for this test binary: every return of 2021–2025 (the 2022 correction of
/// 民政局 last, so that it supersedes its original whatever the files' times), then the baseline and
/// the external targets.
fn demo_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = temp_dir("evaluate-demo-store");
        let store = dir.join("store");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
        let mut returns = Vec::new();
        let mut corrections = Vec::new();
        for year in 2021..=2025 {
            let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(format!("returns/{year}")))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            for f in files {
                if f.to_string_lossy().contains("更正") {
                    corrections.push(f);
                } else {
                    returns.push(f);
                }
            }
        }
        for batch in [returns, corrections] {
            let mut args = vec!["ingest".to_string(), "--store".into(), s(&store).into()];
            args.extend(batch.iter().map(|p| s(p).to_string()));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = planeval(&args);
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "ingest failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let out = planeval(&[
            "ingest",
            "--store",
            s(&store),
            "--baseline",
            s(&root.join("baseline.csv")),
            "--baseline",
            s(&root.join("external-targets.csv")),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        store
    })
}

fn evaluate(args: &[&str]) -> std::process::Output {
    let mut all = vec!["evaluate", "--store", s(demo_store())];
    all.extend_from_slice(args);
    planeval(&all)
}

fn indicator<'v>(ev: &'v Value, code: &str) -> &'v Value {
    ev["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no indicator {code}"))
}

fn warning_codes(i: &Value) -> Vec<&str> {
    i["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect()
}

fn sheet<'a>(sheets: &'a [(String, Sheet)], name: &str) -> &'a Sheet {
    &sheets
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

/// The header row (row 2, 0-based 1) of a table sheet: header text → column.
fn columns(sheet: &Sheet, header_row: u32) -> BTreeMap<String, u32> {
    sheet
        .iter()
        .filter(|((r, _), _)| *r == header_row)
        .map(|((_, c), d)| (text(d), *c))
        .collect()
}

/// The row whose cell in `col` is `value`.
fn row_where(sheet: &Sheet, col: u32, value: &str) -> Option<u32> {
    sheet
        .iter()
        .find(|((_, c), d)| *c == col && text(d) == value)
        .map(|((r, _), _)| *r)
}

fn cell(sheet: &Sheet, row: u32, col: u32) -> String {
    sheet.get(&(row, col)).map(text).unwrap_or_default()
}

// ── The demo story, as scored ─────────────────────────────────────────────────────────────────────

#[test]
fn the_mid_term_tells_the_demo_story_in_the_evaluation_json() {
    let out = evaluate(&["--stage", "midterm", "--json"]);
    // Uncorrected 2023 errors (医保局's fractions, 教科局's empty value): done, with findings.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ev = json(&out);
    assert_eq!(ev["stage"], "midterm");
    assert_eq!(ev["year"], 2023, "the mid-term year is the default");
    assert!(ev["attainment_rate"].as_f64().unwrap() > 0.5);
    for key in ["indicators", "objectives", "domains", "units"] {
        assert!(ev[key].as_array().is_some_and(|a| !a.is_empty()), "{key}");
    }

    let mmr = indicator(&ev, "maternal_mortality");
    assert_eq!(mmr["status"], "needs_acceleration");
    assert_eq!(mmr["status_zh"], "需加快");
    assert!(warning_codes(mmr).contains(&"projected_miss"), "{mmr}");
    assert_eq!(mmr["latest"]["year"], 2023);
    assert_eq!(mmr["latest"]["value"], 15.0);
    assert_eq!(mmr["target"]["kind"], "at_most");
    assert!(mmr["progress_ratio"].as_f64().is_some());
    assert!(mmr["projected"].as_f64().is_some());
    assert!(mmr["gap"].as_f64().is_some());
    assert!(mmr["warnings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("12.5"));
    assert!(mmr["explanation"].as_str().unwrap().contains("进展比 0.91"));

    assert_eq!(indicator(&ev, "life_expectancy_female")["status"], "met");
    let residents = indicator(&ev, "female_share_residents_committees");
    assert_eq!(residents["status"], "regressing");
    assert!(warning_codes(residents).contains(&"moving_away"));
    // 医保局's 2023 values were rejected (typed as fractions): the latest is 2022, with a warning.
    let medical = indicator(&ev, "medical_insurance_coverage_female");
    assert_eq!(medical["latest"]["year"], 2022);
    assert!(warning_codes(medical).contains(&"missing_data"));
}

#[test]
fn the_final_evaluation_tells_the_demo_story() {
    let out = evaluate(&["--stage", "final", "--json"]);
    // The 2023 errors are still uncorrected, but none of 2025: exit 0.
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ev = json(&out);
    assert_eq!(ev["year"], 2025);
    let water = indicator(&ev, "rural_tap_water_coverage");
    assert!(warning_codes(water).contains(&"maintain_broken"), "{water}");
    // Broken in 2022 only and recovered: basically achieved by the scorer's rule (the story's
    // "broken" is the warning).
    assert_eq!(water["status"], "basically_achieved");
    let housework = indicator(&ev, "housework_time_gender_gap");
    assert!(
        warning_codes(housework).contains(&"gap_widened"),
        "{housework}"
    );
    assert_eq!(housework["status"], "not_achieved");
    assert_eq!(
        indicator(&ev, "maternal_mortality")["status"],
        "not_achieved"
    );
    // 统战部 returned nothing for 2025: its indicators keep 2024 with a missing-data warning.
    let cppcc = indicator(&ev, "female_share_cppcc_members");
    assert_eq!(cppcc["latest"]["year"], 2024);
    assert!(warning_codes(cppcc).contains(&"missing_data"));
}

#[test]
fn annual_monitoring_needs_a_year_and_years_outside_the_plan_are_refused() {
    let out = evaluate(&["--stage", "annual"]);
    assert_eq!(out.status.code(), Some(2));
    let out = evaluate(&["--stage", "annual", "--year", "2030"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2030"));
    let out = evaluate(&["--stage", "annual", "--year", "2024", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["stage"], "annual");
    let not_a_store = temp_dir("evaluate-not-a-store");
    let out = planeval(&["evaluate", "--stage", "final", "--store", s(&not_a_store)]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_text_summary_names_the_rate_the_domains_and_the_warnings() {
    let out = evaluate(&["--stage", "midterm"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("总体达标率"), "{text}");
    assert!(text.contains("妇女与健康"), "{text}");
    assert!(
        text.contains("孕产妇死亡率（maternal_mortality）"),
        "{text}"
    );
    assert!(text.contains("填报-医保局-2023.xlsx!指标填报!H5"), "{text}");
}

// ── The workbooks people read ─────────────────────────────────────────────────────────────────────

#[test]
fn the_mid_term_outputs_read_back_and_agree_with_summary_json() {
    let out_dir = temp_dir("evaluate-midterm-out");
    let out = evaluate(&["--stage", "midterm", "--out", s(&out_dir)]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let summary: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("summary.json")).unwrap()).unwrap();
    let outputs: Vec<&str> = summary["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(outputs[0], "中期评估-2023.xlsx");
    assert!(outputs.contains(&"反馈-卫健体局-2023.xlsx"));
    assert_eq!(outputs[outputs.len() - 2..], ["summary.json", "report.md"]);
    for name in &outputs {
        assert!(
            out_dir.join(name).is_file(),
            "{name} listed but not written"
        );
    }
    // Every workbook reads back with calamine, with its sheets.
    for name in outputs.iter().filter(|n| n.ends_with(".xlsx")) {
        let sheets = read_all(&out_dir.join(name));
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        if name.starts_with("反馈-") {
            assert_eq!(
                names,
                ["概况", "指标情况", "预警", "数据问题", "定性目标"],
                "{name}"
            );
        } else {
            assert_eq!(
                names,
                [
                    "总览",
                    "指标明细",
                    "预警清单",
                    "定性目标",
                    "数据质量",
                    "趋势图",
                    "_趋势数据"
                ]
            );
        }
    }

    let book = out_dir.join("中期评估-2023.xlsx");
    let sheets = read_all(&book);

    // 指标明细: a status cell and its explanation.
    let details = sheet(&sheets, "指标明细");
    let cols = columns(details, 1);
    let mmr =
        row_where(details, cols["指标编码"], "maternal_mortality").expect("maternal_mortality row");
    assert_eq!(cell(details, mmr, cols["指标"]), "孕产妇死亡率");
    assert_eq!(cell(details, mmr, cols["状态"]), "需加快");
    assert!(cell(details, mmr, cols["说明"]).contains("进展比 0.91"));
    assert_eq!(cell(details, mmr, cols["预警"]), "projected_miss");
    assert_eq!(cell(details, mmr, cols["2023年"]), "15");
    assert_eq!(cell(details, mmr, cols["基期值（2020年）"]), "18");
    assert_eq!(cell(details, mmr, cols["牵头单位"]), "卫健体局");
    // One row per indicator; statuses agree with summary.json.
    let status_col = cols["状态"];
    let statuses: Vec<String> = details
        .iter()
        .filter(|((r, c), _)| *r > 1 && *c == status_col)
        .map(|(_, d)| text(d))
        .collect();
    assert_eq!(
        statuses.len() as u64,
        summary["indicators"].as_u64().unwrap()
    );
    assert_eq!(
        statuses.iter().filter(|s| *s == "已达标").count() as u64,
        summary["counts"]["met"].as_u64().unwrap()
    );
    assert_eq!(
        statuses.iter().filter(|s| *s == "需加快").count() as u64,
        summary["counts"]["needs_acceleration"].as_u64().unwrap()
    );

    // 总览: the overall rate and each domain's counts as in summary.json.
    let overview = sheet(&sheets, "总览");
    assert_eq!(cell(overview, 3, 0), "总体达标率");
    assert_eq!(
        overview.get(&(4, 0)),
        Some(&Data::Float(summary["attainment_rate"].as_f64().unwrap()))
    );
    assert_eq!(cell(overview, 3, 3), "预警");
    assert_eq!(cell(overview, 4, 3), summary["warnings"].to_string());
    let ocols = columns(overview, 6);
    for d in summary["domains"].as_array().unwrap() {
        let row = row_where(overview, 0, d["name"].as_str().unwrap()).expect("domain row");
        assert_eq!(
            cell(overview, row, ocols["已达标"]),
            d["counts"]["met"].to_string(),
            "{}",
            d["name"]
        );
        assert_eq!(
            cell(overview, row, ocols["预警"]),
            d["warnings"].to_string()
        );
    }

    // 预警清单: every warning once, the most severe first; a warning row with its numbers and unit.
    let warnings = sheet(&sheets, "预警清单");
    let wcols = columns(warnings, 1);
    let rows: Vec<u32> = warnings
        .keys()
        .filter(|(r, c)| *r > 1 && *c == 0)
        .map(|(r, _)| *r)
        .collect();
    assert_eq!(rows.len() as u64, summary["warnings"].as_u64().unwrap());
    assert_eq!(cell(warnings, 2, wcols["等级"]), "高");
    let mmr_warning = rows
        .iter()
        .find(|r| cell(warnings, **r, wcols["指标或目标"]) == "孕产妇死亡率")
        .expect("a warning row for maternal mortality");
    assert_eq!(
        cell(warnings, *mmr_warning, wcols["预警类型"]),
        "按趋势预计难以按期实现目标"
    );
    assert!(cell(warnings, *mmr_warning, wcols["预警说明"]).contains("高于目标 12.5"));
    assert_eq!(cell(warnings, *mmr_warning, wcols["责任单位"]), "卫健体局");
    assert_eq!(
        cell(warnings, *mmr_warning, wcols["最新值"]),
        "15.0（2023）"
    );

    // Notes: the warnings on a status cell, how to review on the review column's header.
    let comments = zip_parts(&book, "xl/comments");
    assert!(
        comments.contains("按趋势预计难以按期实现目标"),
        "no note with the warnings"
    );
    assert!(
        comments.contains("overrides.json"),
        "no note on the review column"
    );

    // 定性目标: self-assessments with their source cell and the review columns.
    let qualitative = sheet(&sheets, "定性目标");
    let qcols = columns(qualitative, 1);
    for h in [
        "评估组审核结论",
        "审核意见",
        "审核人",
        "审核日期",
        "自评出处",
    ] {
        assert!(qcols.contains_key(h), "{h}");
    }
    let media = row_where(qualitative, qcols["目标编码"], "7.2").expect("objective 7.2");
    assert_eq!(cell(qualitative, media, qcols["自评结论"]), "未完成");
    assert_eq!(cell(qualitative, media, qcols["状态"]), "进展缓慢");
    assert!(
        cell(qualitative, media, qcols["自评出处"]).starts_with("填报-宣传部-2023.xlsx!定性目标!")
    );

    // 数据质量: the uncorrected errors with file!sheet!cell.
    let quality = sheet(&sheets, "数据质量");
    let locations: Vec<String> = quality.values().map(text).collect();
    assert!(locations
        .iter()
        .any(|l| l == "填报-医保局-2023.xlsx!指标填报!H5"));
    assert!(locations
        .iter()
        .any(|l| l == "填报-教科局-2023.xlsx!指标填报!H12"));
    assert_eq!(summary["outstanding_errors"], 4);

    // Craft: A4 landscape, repeated header rows, page numbers, conditional formats on statuses,
    // frozen header and autofilter, document properties.
    let details_xml = zip_part(&book, "xl/worksheets/sheet2.xml").unwrap();
    assert!(
        details_xml.contains(r#"paperSize="9""#)
            && details_xml.contains(r#"orientation="landscape""#)
    );
    assert!(
        details_xml.contains("&amp;P") && details_xml.contains("&amp;N"),
        "page numbers"
    );
    assert!(
        details_xml.contains("<conditionalFormatting"),
        "status colours"
    );
    assert!(details_xml.contains(r#"state="frozen""#) && details_xml.contains("<autoFilter"));
    let workbook_xml = zip_part(&book, "xl/workbook.xml").unwrap();
    assert!(
        workbook_xml.contains("_xlnm.Print_Titles"),
        "repeated header rows"
    );
    let custom = zip_part(&book, "docProps/custom.xml").unwrap();
    assert!(custom.contains("midterm") && custom.contains(env!("CARGO_PKG_VERSION")));
    let core = zip_part(&book, "docProps/core.xml").unwrap();
    assert!(core.contains("中期评估"), "{core}");
    // Column widths count CJK characters double: the overview's domain column is wider than the
    // longest domain name in characters (9) — as wide as its display width (18).
    let overview_xml = zip_part(&book, "xl/worksheets/sheet1.xml").unwrap();
    let width = overview_xml
        .split("<col ")
        .find(|c| c.contains(r#"min="1""#))
        .and_then(|c| c.split(r#"width=""#).nth(1))
        .and_then(|w| w.split('"').next())
        .and_then(|w| w.parse::<f64>().ok())
        .expect("a width for column A");
    assert!(width >= 18.0, "column A is {width} wide");

    // One unit's feedback: its indicators with status and explanation, its data problems in its file.
    let feedback = read_all(&out_dir.join("反馈-卫健体局-2023.xlsx"));
    let ind = sheet(&feedback, "指标情况");
    let fcols = columns(ind, 1);
    let row = row_where(ind, fcols["指标编码"], "maternal_mortality").unwrap();
    assert_eq!(cell(ind, row, fcols["状态"]), "需加快");
    assert_eq!(cell(ind, row, fcols["职责"]), "牵头");
    assert!(cell(ind, row, fcols["说明"]).contains("进展比 0.91"));
    let steps: Vec<String> = sheet(&feedback, "概况").values().map(text).collect();
    assert!(
        steps
            .iter()
            .any(|s| s.contains("进展滞后") && s.contains("孕产妇死亡率")),
        "{steps:?}"
    );
    let medical = read_all(&out_dir.join("反馈-医保局-2023.xlsx"));
    let problems = sheet(&medical, "数据问题");
    let pcols = columns(problems, 1);
    let h5 = row_where(
        problems,
        pcols["位置（文件!工作表!单元格）"],
        "填报-医保局-2023.xlsx!指标填报!H5",
    )
    .expect("医保局's own problem");
    assert_eq!(cell(problems, h5, pcols["原文"]), "0.952");
    assert_eq!(cell(problems, h5, pcols["代码"]), "V103");

    // report.md: the plan's structure, from the numbers.
    let report = std::fs::read_to_string(out_dir.join("report.md")).unwrap();
    assert!(
        report.starts_with("# 古县妇女发展“十四五”规划　中期评估（截至2023年）"),
        "{report}"
    );
    assert!(report.contains("## 二、各领域情况") && report.contains("### （一）妇女与健康"));
    assert!(
        report.contains("**达标率 76.8%**")
            || report.contains(&format!(
                "**达标率 {:.1}%**",
                summary["attainment_rate"].as_f64().unwrap() * 100.0
            ))
    );
    let behind = report
        .split("**进展滞后及原因**")
        .nth(1)
        .expect("a behind section");
    assert!(
        behind.contains("孕产妇死亡率（需加快，卫健体局）：2020年 18.0 → 2023年 15.0"),
        "{behind}"
    );
}

#[test]
fn english_outputs_render_every_sheet_status_and_message_in_english() {
    let out_dir = temp_dir("evaluate-english-out");
    let out = evaluate(&["--stage", "midterm", "--out", s(&out_dir), "--lang", "en"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Overall attainment rate"), "{stdout}");
    let book = out_dir.join("midterm-evaluation-2023.xlsx");
    let sheets = read_all(&book);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Overview",
            "Indicators",
            "Warnings",
            "Qualitative objectives",
            "Data quality",
            "Trends",
            "_chart data"
        ]
    );
    let details = sheet(&sheets, "Indicators");
    let cols = columns(details, 1);
    let mmr = row_where(details, cols["Code"], "maternal_mortality").unwrap();
    assert_eq!(
        cell(details, mmr, cols["Indicator"]),
        "Maternal mortality ratio"
    );
    assert_eq!(cell(details, mmr, cols["Status"]), "needs acceleration");
    let explanation = cell(details, mmr, cols["Explanation"]);
    assert!(explanation.contains("progress ratio 0.91"), "{explanation}");
    assert!(
        explanation.contains("projected 2025: 13.0"),
        "{explanation}"
    );
    // No Chinese in the headers of any English sheet.
    for (name, cells) in &sheets {
        for ((r, _), d) in cells {
            if *r == 1 && name != "_chart data" && name != "Overview" && name != "Data quality" {
                let t = text(d);
                assert!(
                    !t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{name}: {t}"
                );
            }
        }
    }
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["lang"], "en");
    assert_eq!(summary["stage_label"], "mid-term evaluation");
    let feedback = out_dir.join("feedback-Health and Sports Bureau-2023.xlsx");
    assert!(feedback.is_file(), "{:?}", summary["outputs"]);
    let report = std::fs::read_to_string(out_dir.join("report.md")).unwrap();
    assert!(report.contains("## 2. By domain"), "{report}");
}

// ── The review round trip ─────────────────────────────────────────────────────────────────────────

/// Copies a folder tree.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Rewrites a workbook as the evaluation group saves it after filling review cells: every sheet and
/// cell carried over, then `edits` ((sheet, row, col) → text) written.
fn edit_workbook(path: &Path, edits: &[(&str, u32, u32, &str)]) {
    let sheets = read_all(path);
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, cells) in &sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for ((r, c), d) in cells {
            let c = *c as u16;
            match d {
                Data::Float(f) => {
                    ws.write_number(*r, c, *f).unwrap();
                }
                Data::Int(i) => {
                    ws.write_number(*r, c, *i as f64).unwrap();
                }
                Data::String(s) => {
                    ws.write_string(*r, c, s).unwrap();
                }
                _ => {}
            }
        }
        for (sheet, r, c, t) in edits.iter().filter(|e| e.0 == name) {
            let _ = sheet;
            ws.write_string(*r, *c as u16, *t).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn objective<'v>(ev: &'v Value, code: &str) -> &'v Value {
    ev["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == code)
        .unwrap()
}

#[test]
fn a_review_typed_into_the_workbook_becomes_the_override_of_the_next_evaluate() {
    let dir = temp_dir("evaluate-review");
    let store = dir.join("store");
    copy_dir(demo_store(), &store);
    let out_dir = dir.join("out");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "evaluate",
            "--stage",
            "midterm",
            "--store",
            s(&store),
            "--out",
            s(&out_dir),
        ];
        args.extend_from_slice(extra);
        planeval(&args)
    };
    let first = run(&["--json"]);
    assert_eq!(objective(&json(&first), "7.2")["status"], "slow_progress");

    // The evaluation group reviews objective 7.2 (宣传部 self-assessed 未完成) as 基本完成; its comment
    // starts with '=' and must stay text.
    let book = out_dir.join("中期评估-2023.xlsx");
    let sheets = read_all(&book);
    let q = sheet(&sheets, "定性目标");
    let cols = columns(q, 1);
    let row = row_where(q, cols["目标编码"], "7.2").unwrap();
    let comment = "=HYPERLINK(\"http://x\") 佐证材料已补充";
    edit_workbook(
        &book,
        &[
            ("定性目标", row, cols["评估组审核结论"], "基本完成"),
            ("定性目标", row, cols["审核意见"], comment),
            ("定性目标", row, cols["审核人"], "李评估"),
            ("定性目标", row, cols["审核日期"], "2024-03-01"),
        ],
    );

    let second = run(&["--json"]);
    let ev = json(&second);
    let media = objective(&ev, "7.2");
    assert_eq!(media["status"], "on_track", "{media}");
    assert_eq!(media["override"]["answer"], "基本完成");
    assert_eq!(media["override"]["reviewer"], "李评估");
    assert!(media["override"]["at"]
        .as_str()
        .unwrap()
        .starts_with("2024-03-01T00:00:00"));
    assert_eq!(media["override"]["comment"], comment);
    assert!(media["explanation"]
        .as_str()
        .unwrap()
        .contains("评估组复核为“基本完成”（李评估"));

    // Persisted in the store, with where it was read.
    let recorded: Value =
        serde_json::from_slice(&std::fs::read(store.join("overrides.json")).unwrap()).unwrap();
    let r = &recorded["overrides"][0];
    assert_eq!(r["objective"], "7.2");
    assert_eq!(r["year"], 2023);
    assert!(
        r["source"]
            .as_str()
            .unwrap()
            .starts_with("中期评估-2023.xlsx!定性目标!J"),
        "{r}"
    );

    // The new workbook shows it pre-filled, the comment as text (not a formula).
    let sheets = read_all(&book);
    let q = sheet(&sheets, "定性目标");
    let row = row_where(q, cols["目标编码"], "7.2").unwrap();
    assert_eq!(cell(q, row, cols["评估组审核结论"]), "基本完成");
    assert_eq!(cell(q, row, cols["审核人"]), "李评估");
    assert_eq!(cell(q, row, cols["审核日期"]), "2024-03-01 00:00");
    assert_eq!(
        q.get(&(row, cols["审核意见"])),
        Some(&Data::String(comment.into()))
    );
    assert_eq!(cell(q, row, cols["状态"]), "进展顺利");
    let sheet_xml = zip_part(&book, "xl/worksheets/sheet4.xml").unwrap();
    assert!(!sheet_xml.contains("<f>"), "a typed '=' became a formula");

    // The review survives the workbook: deleted, the next evaluate still uses it.
    std::fs::remove_file(&book).unwrap();
    let third = json(&run(&["--json"]));
    assert_eq!(objective(&third, "7.2")["status"], "on_track");

    // A conclusion outside the options is not used: a diagnostic at its cell and exit 1.
    let sheets = read_all(&book);
    let q = sheet(&sheets, "定性目标");
    let row = row_where(q, cols["目标编码"], "7.2").unwrap();
    let other = row_where(q, cols["目标编码"], "7.3").unwrap();
    edit_workbook(
        &book,
        &[("定性目标", other, cols["评估组审核结论"], "完成了")],
    );
    let fourth = run(&[]);
    assert_eq!(fourth.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&fourth.stdout);
    assert!(
        stdout.contains("[E001]") && stdout.contains("完成了"),
        "{stdout}"
    );

    // Emptying the cell withdraws the review.
    edit_workbook(&book, &[]);
    let sheets = read_all(&book);
    let q = sheet(&sheets, "定性目标");
    assert_eq!(cell(q, row, cols["评估组审核结论"]), "基本完成");
    let mut edited = read_all(&book);
    for (name, cells) in edited.iter_mut() {
        if name == "定性目标" {
            cells.remove(&(row, cols["评估组审核结论"]));
        }
    }
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, cells) in &edited {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for ((r, c), d) in cells {
            if let Data::String(t) = d {
                ws.write_string(*r, *c as u16, t).unwrap();
            } else if let Data::Float(f) = d {
                ws.write_number(*r, *c as u16, *f).unwrap();
            }
        }
    }
    wb.save(&book).unwrap();
    let fifth = json(&run(&["--json"]));
    assert_eq!(objective(&fifth, "7.2")["status"], "slow_progress");
    let recorded: Value =
        serde_json::from_slice(&std::fs::read(store.join("overrides.json")).unwrap()).unwrap();
    assert!(
        recorded["overrides"].as_array().unwrap().is_empty(),
        "{recorded}"
    );
}
