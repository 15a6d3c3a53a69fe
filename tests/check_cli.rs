//! `planeval check` on a generated template filled the way departments fill it: every typed cell is
//! accounted for, each mistake is reported at its cell, and the feedback workbook marks them.

use crate::common::{fill_template, planeval, read_all, temp_dir, text, Typed};
use planeval::template::layout::Field;
use serde_json::Value;

#[test]
fn filled_template_round_trip_accounts_for_every_cell_and_feeds_back() {
    let dir = temp_dir("round-trip");
    let tpl_dir = dir.join("templates");
    let out = planeval(&[
        "template",
        "--year",
        "2023",
        "--unit",
        "卫健体局",
        "--out",
        tpl_dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let template = tpl_dir.join("填报-卫健体局-2023.xlsx");

    let returned = dir.join("returns").join("卫健体局-2023.xlsx");
    std::fs::create_dir_all(returned.parent().unwrap()).unwrap();
    use Typed::*;
    let fills = [
        ("maternal_mortality", Field::Value, Num(15.0)),
        ("maternal_mortality", Field::Urban, Num(13.2)),
        ("maternal_mortality", Field::Rural, Num(16.8)),
        ("maternal_mortality", Field::Numerator, Num(3.0)),
        ("maternal_mortality", Field::Denominator, Num(20000.0)),
        ("life_expectancy_female", Field::Value, Text("78.4岁")),
        ("healthy_life_expectancy_female", Field::Value, Text("不详")),
        ("induced_abortion_rate", Field::Value, Num(1200.0)),
        ("anxiety_prevalence_female", Field::Value, Text("无")),
        ("health_literacy_female", Field::Value, Text("约25%")),
        ("women_regular_exercise", Field::Value, Text("1,234")),
        ("sports_population_share_female", Field::Value, Num(0.52)),
        (
            "physical_fitness_pass_rate_female",
            Field::Value,
            Text("#DIV/0!"),
        ),
        (
            "physical_fitness_pass_rate_female",
            Field::Remarks,
            Text("=HYPERLINK(\"http://example.invalid\")"),
        ),
    ];
    let cells = fill_template(&template, &returned, &fills);
    let cell = |code: &str, f: Field| cells[&(code.to_string(), f)].clone();

    let fb_dir = dir.join("feedback");
    let out = planeval(&[
        "check",
        returned.to_str().unwrap(),
        "--year",
        "2023",
        "--json",
        "--out",
        fb_dir.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "data errors give exit code 1\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = crate::common::json(&out);
    let file = &report["files"][0];
    assert_eq!(file["unit"], "卫健体局");
    assert_eq!(file["year"], 2023);
    assert_eq!(file["format"], "xlsx");
    let accepted = file["accepted"].as_array().unwrap();
    let diags = file["diagnostics"].as_array().unwrap();

    let accepted_at = |c: &str| accepted.iter().find(|a| a["cell"] == c).cloned();
    let codes_at = |c: &str| -> Vec<String> {
        diags
            .iter()
            .filter(|d| d["location"]["cell"] == c)
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };

    // Nothing lost: every typed numeric cell is accepted or diagnosed, and counted.
    let numeric: Vec<_> = fills
        .iter()
        .filter(|(_, f, _)| f.is_numeric_input())
        .collect();
    for (code, f, _) in &numeric {
        let c = cell(code, *f);
        assert!(
            accepted_at(&c).is_some() || !codes_at(&c).is_empty(),
            "{code} {f:?} at {c} is in neither list"
        );
    }
    assert_eq!(
        file["cells_nonempty"].as_u64().unwrap() as usize,
        numeric.len()
    );

    // Clean values with their breakdowns and rate parts.
    let mm = accepted_at(&cell("maternal_mortality", Field::Value)).unwrap();
    assert_eq!(
        (
            mm["indicator"].as_str(),
            mm["value"].as_f64(),
            mm["sex"].as_str(),
            mm["area"].as_str()
        ),
        (
            Some("maternal_mortality"),
            Some(15.0),
            Some("total"),
            Some("total")
        )
    );
    assert_eq!(
        accepted_at(&cell("maternal_mortality", Field::Urban)).unwrap()["area"],
        "urban"
    );
    assert_eq!(
        accepted_at(&cell("maternal_mortality", Field::Numerator)).unwrap()["field"],
        "numerator"
    );
    assert!(
        codes_at(&cell("maternal_mortality", Field::Value)).is_empty(),
        "3/20000 = 15.0 per 100k agrees"
    );

    // Typed forms read by their rules.
    let le = accepted_at(&cell("life_expectancy_female", Field::Value)).unwrap();
    assert_eq!(
        (le["value"].as_f64(), le["raw"].as_str()),
        (Some(78.4), Some("78.4岁"))
    );
    assert_eq!(
        accepted_at(&cell("women_regular_exercise", Field::Value)).unwrap()["value"],
        1234.0
    );
    let hl = cell("health_literacy_female", Field::Value);
    assert_eq!(
        accepted_at(&hl).unwrap()["value"],
        25.0,
        "约25% is accepted…"
    );
    assert_eq!(codes_at(&hl), ["V102"], "…and flagged as approximate");

    // Each mistake at its cell.
    assert_eq!(
        codes_at(&cell("healthy_life_expectancy_female", Field::Value)),
        ["V101"]
    );
    assert_eq!(
        codes_at(&cell("induced_abortion_rate", Field::Value)),
        ["R203"]
    );
    assert!(
        accepted_at(&cell("induced_abortion_rate", Field::Value)).is_none(),
        "out-of-range values are quarantined"
    );
    assert_eq!(
        codes_at(&cell("anxiety_prevalence_female", Field::Value)),
        ["V108"]
    );
    assert_eq!(
        codes_at(&cell("sports_population_share_female", Field::Value)),
        ["V103"]
    );
    assert_eq!(
        codes_at(&cell("physical_fitness_pass_rate_female", Field::Value)),
        ["V104"]
    );
    let dep = diags
        .iter()
        .find(|d| {
            d["code"] == "R210"
                && d["message"]
                    .as_str()
                    .unwrap()
                    .contains("depression_prevalence_female")
        })
        .expect("R210 for the empty required indicator");
    assert_eq!(dep["location"]["sheet"], "指标填报");
    for d in diags {
        assert!(
            !d["message"].as_str().unwrap().is_empty() && !d["hint"].as_str().unwrap().is_empty(),
            "{d}"
        );
        assert!(d["location"]["file"]
            .as_str()
            .unwrap()
            .ends_with("卫健体局-2023.xlsx"));
    }
    let raw_of = |code: &str| {
        diags
            .iter()
            .find(|d| d["code"] == code)
            .map(|d| d["raw"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(raw_of("V101"), "不详");
    assert_eq!(raw_of("V103"), "0.52");

    // The feedback workbook: issue list and the department's own sheet with notes.
    let fb = fb_dir.join("反馈-卫健体局-2023.xlsx");
    let sheets = read_all(&fb);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["问题清单", "指标填报"]);
    let issues = &sheets[0].1;
    let v103_cell = cell("sports_population_share_female", Field::Value);
    let issue_row = issues
        .iter()
        .find(|((_, c), d)| *c == 3 && text(d).ends_with(&format!("!指标填报!{v103_cell}")))
        .map(|((r, _), _)| *r)
        .expect("issue list names the V103 cell");
    assert!(text(&issues[&(issue_row, 2)]).starts_with("V103"));
    assert_eq!(text(&issues[&(issue_row, 4)]), "0.52");
    assert!(
        !text(&issues[&(issue_row, 6)]).is_empty(),
        "a hint on how to fix"
    );
    let own = &sheets[1].1;
    let (r, c) = planeval::intake::read::parse_cell_name(&hl).unwrap();
    assert_eq!(
        text(&own[&(r, c)]),
        "约25%",
        "their raw text is kept as typed"
    );
    let (r, c) = planeval::intake::read::parse_cell_name(&cell(
        "physical_fitness_pass_rate_female",
        Field::Remarks,
    ))
    .unwrap();
    assert_eq!(
        own[&(r, c)],
        calamine::Data::String("=HYPERLINK(\"http://example.invalid\")".into()),
        "typed formulas come back as text"
    );
    let notes = crate::common::zip_parts(&fb, "xl/comments");
    assert!(
        notes.contains("[V103]") && notes.contains("[R203]") && notes.contains("[V104]"),
        "notes hold the messages"
    );
    assert!(
        !notes.contains("[V108]"),
        "info notes are listed, not painted"
    );
}

#[test]
fn clean_file_exits_0_and_year_mismatch_is_reported() {
    let dir = temp_dir("clean");
    let out = planeval(&[
        "template",
        "--year",
        "2023",
        "--unit",
        "妇联",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let template = dir.join("填报-妇联-2023.xlsx");
    let returned = dir.join("妇联-returned.xlsx");
    let sheets = read_all(&template);
    let map = crate::common::template_map(&sheets);
    let cat = planeval::Catalog::builtin().unwrap();
    // Fill every lead indicator of 妇联 with a value in range.
    let fills: Vec<(&str, Field, Typed)> = map
        .rows
        .keys()
        .filter_map(|code| cat.indicator(code))
        .filter(|i| i.lead_unit == "妇联")
        .map(|i| {
            (
                i.code.as_str(),
                Field::Value,
                Typed::Num(if i.unit == planeval::catalog::MeasureUnit::Percent {
                    50.0
                } else {
                    30.0
                }),
            )
        })
        .collect();
    assert!(!fills.is_empty());
    fill_template(&template, &returned, &fills);
    let out = planeval(&["check", returned.to_str().unwrap(), "--json"]);
    let report = crate::common::json(&out);
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(
        report["files"][0]["accepted"].as_array().unwrap().len(),
        fills.len()
    );

    let out = planeval(&[
        "check",
        returned.to_str().unwrap(),
        "--year",
        "2024",
        "--json",
    ]);
    // Another year's file is reported as such (a warning of the whole file), not charged as an error.
    assert_eq!(out.status.code(), Some(0));
    let report = crate::common::json(&out);
    let d = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "R209")
        .expect("year mismatch");
    assert_eq!(d["raw"], "2023");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["location"]["kind"], "file");
}

/// `--only-problems`: a feedback workbook for exactly the files with errors or warnings; a clean file's
/// feedback left from an earlier run is removed, so the folder never points at fixed problems.
#[test]
fn only_problems_writes_feedback_for_exactly_the_files_that_need_it() {
    let dir = temp_dir("only-problems");
    let fb = dir.join("feedback");
    std::fs::create_dir_all(&fb).unwrap();
    // Inputs differing only by extension get it in their feedback's name.
    let stale = fb.join("反馈-clean-卫健体局-2023-xlsx.xlsx");
    std::fs::write(&stale, b"an earlier feedback").unwrap();
    let inputs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/returns");
    let out = planeval(&[
        "check",
        inputs.to_str().unwrap(),
        "--year",
        "2023",
        "--out",
        fb.to_str().unwrap(),
        "--only-problems",
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let (mut needing, mut clean) = (Vec::new(), Vec::new());
    let files = report["files"].as_array().unwrap();
    let stem_of = |f: &Value| {
        let path = std::path::Path::new(f["path"].as_str().unwrap());
        path.file_stem().unwrap().to_string_lossy().into_owned()
    };
    for f in files {
        let path = std::path::Path::new(f["path"].as_str().unwrap());
        let mut stem = stem_of(f);
        if files.iter().filter(|g| stem_of(g) == stem).count() > 1 {
            stem = format!("{stem}-{}", path.extension().unwrap().to_string_lossy());
        }
        let problems = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] != "info")
            .count();
        let feedback = fb.join(format!("反馈-{stem}.xlsx"));
        if problems > 0 {
            assert!(feedback.exists(), "{stem} has problems: feedback expected");
            needing.push(stem);
        } else {
            assert!(!feedback.exists(), "{stem} is clean: no feedback expected");
            clean.push(stem);
        }
    }
    assert!(
        !needing.is_empty() && !clean.is_empty(),
        "{needing:?} {clean:?}"
    );
    assert!(
        !stale.exists(),
        "the stale feedback of a clean file is removed"
    );
    let summary = &report["summary"];
    assert_eq!(summary["feedback"].as_array().unwrap().len(), needing.len());
    assert_eq!(summary["feedback_not_needed"], clean.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same file name in two counties' folders gets two feedback workbooks, named by the folders.
#[test]
fn feedback_names_keep_same_named_returns_of_different_folders_apart() {
    let dir = temp_dir("same-names");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/returns/rule-violations-人社局-2023.xlsx");
    for county in ["县001", "县002"] {
        std::fs::create_dir_all(dir.join("returns").join(county)).unwrap();
        std::fs::copy(
            &fixture,
            dir.join("returns").join(county).join("人社局.xlsx"),
        )
        .unwrap();
    }
    let fb = dir.join("feedback");
    let out = planeval(&[
        "check",
        dir.join("returns").to_str().unwrap(),
        "--year",
        "2023",
        "--out",
        fb.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let mut names: Vec<String> = std::fs::read_dir(&fb)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["反馈-县001-人社局.xlsx", "反馈-县002-人社局.xlsx"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_row_problem_names_its_indicator_and_the_quarantine_files_it_there() {
    let file = "fixtures/returns/rule-violations-人社局-2023.xlsx";
    let out = planeval(&["check", "--json", file]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags: Vec<&Value> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    let at = |cell: &str, code: &str| {
        diags
            .iter()
            .find(|d| d["location"]["cell"] == cell && d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} at {cell} in {v}"))
    };
    // A rule broken within a row, a value left empty, a repeated row: each about its row's indicator.
    assert_eq!(at("M6", "R204")["indicator"], "female_share_employed");
    assert_eq!(
        at("H8", "R210")["indicator"],
        "female_share_senior_professionals"
    );
    assert_eq!(
        at("H17", "R202")["indicator"],
        "skills_training_participation_female"
    );
    // A row whose code the plan does not know is about no indicator.
    assert!(at("A18", "R201").get("indicator").is_none());

    let dir = temp_dir("indicator-on-diagnostics");
    let store = dir.join("store");
    let out = planeval(&[
        "ingest",
        file,
        "--store",
        store.to_str().unwrap(),
        "--year",
        "2023",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = planeval(&[
        "history",
        "--store",
        store.to_str().unwrap(),
        "--indicator",
        "female_share_employed",
        "--json",
    ]);
    let h: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cells: Vec<&str> = h["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["cell"].as_str().unwrap())
        .collect();
    assert!(cells.contains(&"M6"), "{h}");
}

#[test]
fn a_file_nothing_was_learnt_of_has_a_plain_header_line() {
    // An unreadable file: its line names it and its counts, with no empty "[]" where the format, unit
    // and year of a readable file go; a readable one keeps them.
    let dir = temp_dir("plain-header");
    let broken = dir.join("坏文件.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really a workbook").unwrap();
    let good = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/returns/clean-卫健体局-2023.xlsx");
    for (lang, counts, facts) in [
        (
            "zh",
            "接受 0 个数值，1 个错误",
            "  [xlsx · 卫健体局 · 2023年]  ",
        ),
        (
            "en",
            "0 values accepted, 1 error,",
            "  [xlsx · 卫健体局 · 2023]  ",
        ),
    ] {
        let out = planeval(&[
            "--lang",
            lang,
            "check",
            broken.to_str().unwrap(),
            good.to_str().unwrap(),
        ]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let line = stdout
            .lines()
            .find(|l| l.starts_with("── ") && l.contains("坏文件.xlsx"))
            .unwrap_or_else(|| panic!("{stdout}"));
        assert!(!line.contains("[]"), "{line}");
        assert!(line.contains(&format!("坏文件.xlsx  {counts}")), "{line}");
        let good_line = stdout
            .lines()
            .find(|l| l.starts_with("── ") && l.contains("clean-卫健体局-2023.xlsx"))
            .unwrap_or_else(|| panic!("{stdout}"));
        assert!(good_line.contains(facts), "{good_line}");
    }
}

#[test]
fn check_out_in_english_writes_english_feedback() {
    // A return with typed mistakes, checked with --lang en: the feedback is named, titled, headed and
    // explained in English (sheet, facts, columns, severity, code summary, message, hint, cell notes);
    // the department's own sheet keeps its own text, and the Chinese run's workbook stays Chinese.
    let dir = temp_dir("feedback-en");
    let returned = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/returns/typed-values-妇幼保健计生服务中心-2023.xlsx");
    let (en_dir, zh_dir) = (dir.join("en"), dir.join("zh"));
    for (lang, out) in [("en", &en_dir), ("zh", &zh_dir)] {
        let run = planeval(&[
            "--lang",
            lang,
            "check",
            returned.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(
            matches!(run.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let fb = en_dir.join("feedback-typed-values-妇幼保健计生服务中心-2023.xlsx");
    let sheets = read_all(&fb);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "Issues", "{names:?}");
    let issues = &sheets[0].1;
    assert!(text(&issues[&(0, 0)]).starts_with("Data check feedback: "));
    assert!(
        text(&issues[&(1, 0)]).contains(" values accepted; "),
        "{:?}",
        issues[&(1, 0)]
    );
    let heads: Vec<String> = (0..7).map(|c| text(&issues[&(4, c)])).collect();
    assert_eq!(
        heads,
        [
            "No.",
            "Severity",
            "Code",
            "Location",
            "Cell text",
            "Problem",
            "How to fix"
        ]
    );
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let rows: Vec<u32> = issues
        .keys()
        .filter(|(r, c)| *r > 4 && *c == 0)
        .map(|(r, _)| *r)
        .collect();
    assert!(!rows.is_empty(), "the return has problems to list");
    let mut listed = Vec::new();
    for r in rows {
        let severity = text(&issues[&(r, 1)]);
        assert!(
            ["error", "warning", "info"].contains(&severity.as_str()),
            "{severity}"
        );
        let code = text(&issues[&(r, 2)]);
        assert!(!han(&code), "the code's English summary: {code}");
        listed.push((text(&issues[&(r, 5)]), text(&issues[&(r, 6)])));
    }
    // Message and hint are each diagnostic's English text, as `--json` gives it.
    let report = crate::common::json(&planeval(&[
        "--lang",
        "en",
        "check",
        "--json",
        returned.to_str().unwrap(),
    ]));
    let mut english: Vec<(String, String)> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["message_en"].as_str().unwrap().to_string(),
                d["hint_en"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    english.sort();
    listed.sort();
    assert_eq!(listed, english);
    for part in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        let xml = crate::common::zip_part(&fb, part).unwrap();
        assert!(
            xml.contains("Page &amp;P of &amp;N"),
            "{part}: the print footer in English"
        );
    }
    let notes = crate::common::zip_parts(&fb, "xl/comments");
    assert!(notes.contains("Hint: "), "{notes}");
    assert!(!notes.contains("提示："), "{notes}");
    // The Chinese run: the same workbook in Chinese.
    let zh = read_all(&zh_dir.join("反馈-typed-values-妇幼保健计生服务中心-2023.xlsx"));
    assert_eq!(zh[0].0, "问题清单");
    assert_eq!(text(&zh[0].1[&(4, 5)]), "问题说明");
    assert_eq!(sheets.len(), zh.len());
    assert_eq!(sheets[1].0, zh[1].0, "their own sheet keeps its name");
}
