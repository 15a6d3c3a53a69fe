//! `--lang en` / `PLANEVAL_LANG=en`: `check` speaks English (diagnostics, hints, its own lines), the
//! default stays Chinese, and `--json` carries both languages of a diagnostic's text.

use crate::common::{json, planeval};
use std::process::Command;

/// Whether a line has CJK ideographs outside the text quoted from the input (file and sheet names in
/// the location, `raw:` lines, and "…" quotes).
fn cjk_outside_quotes(line: &str) -> bool {
    if line.trim_start().starts_with("raw:") {
        return false;
    }
    // The location (before `: error[`/`: warning[`) names the input's own file and sheet.
    let text = match line.find(": error[").or_else(|| line.find(": warning[")) {
        Some(i) => &line[i..],
        None => line,
    };
    let mut quoted = false;
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && ('\u{4e00}'..='\u{9fff}').contains(&c) {
            return true;
        }
    }
    false
}

#[test]
fn check_in_english_prints_english_diagnostics_for_file_problems() {
    let out = planeval(&["--lang", "en", "check", "-v", "fixtures/bad"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for (file, code, words) in [
        ("empty.xlsx", "F004", "the file is empty (0 bytes)"),
        ("encrypted.xlsx", "F002", "has an opening password"),
        ("html-table.xls", "F001", "this is a web page (HTML)"),
        ("zip-bomb.xlsx", "F003", "zip bomb"),
        ("word-document.xlsx", "F001", "Word document"),
        ("wrong-extension.ods", "F006", "was read as"),
        ("huge-dimension.xlsx", "F005", "no indicator table found"),
    ] {
        let line = text
            .lines()
            .find(|l| l.contains(file) && l.contains(&format!("[{code}]")))
            .unwrap_or_else(|| panic!("no {code} line for {file} in:\n{text}"));
        assert!(line.contains(words), "{line}");
        assert!(
            line.contains("error[") || line.contains("warning[") || line.contains("info["),
            "{line}"
        );
    }
    // The file problems, their hints and check's own lines are English through and through.
    for line in text
        .lines()
        .filter(|l| l.contains("[F00") || l.starts_with("  hint:") || l.starts_with("──"))
    {
        if line.contains("million-rows") {
            continue; // its rows quote the workbook's own indicator names
        }
        assert!(
            !cjk_outside_quotes(line),
            "Chinese in English output: {line}"
        );
    }
    assert!(text.contains("files checked:"), "{text}");
    assert!(!text.contains("错误["), "{text}");
}

#[test]
fn the_environment_sets_the_language_and_chinese_stays_the_default() {
    let en = Command::new(env!("CARGO_BIN_EXE_planeval"))
        .args(["check", "fixtures/bad/empty.xlsx"])
        .env("PLANEVAL_LANG", "en")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let en = String::from_utf8_lossy(&en.stdout);
    assert!(
        en.contains("error[F004]: the file is empty (0 bytes)"),
        "{en}"
    );
    assert!(en.contains("hint: export or send the file again"), "{en}");

    let zh = Command::new(env!("CARGO_BIN_EXE_planeval"))
        .args(["check", "fixtures/bad/empty.xlsx"])
        .env_remove("PLANEVAL_LANG")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let zh = String::from_utf8_lossy(&zh.stdout);
    assert!(zh.contains("错误[F004]: 文件为空（0 字节）"), "{zh}");
    assert!(zh.contains("提示: 请重新导出或重新发送该文件"), "{zh}");
}

#[test]
fn json_diagnostics_carry_both_languages() {
    let out = planeval(&["check", "--json", "fixtures/bad/encrypted.xlsx"]);
    let v = json(&out);
    let text = v.to_string();
    let d = find_code(&v, "F002").unwrap_or_else(|| panic!("no F002 in {text}"));
    assert_eq!(d["message"], "工作簿设置了打开密码，无法读取");
    assert_eq!(
        d["message_en"],
        "the workbook has an opening password and cannot be read"
    );
    assert!(
        d["hint_en"]
            .as_str()
            .unwrap()
            .starts_with("remove the password"),
        "{d}"
    );
}

/// The first diagnostic object with `code` anywhere in a JSON value.
fn find_code<'a>(v: &'a serde_json::Value, code: &str) -> Option<&'a serde_json::Value> {
    match v {
        serde_json::Value::Object(m) => {
            if m.get("code").and_then(|c| c.as_str()) == Some(code) && m.contains_key("message") {
                return Some(v);
            }
            m.values().find_map(|x| find_code(x, code))
        }
        serde_json::Value::Array(a) => a.iter().find_map(|x| find_code(x, code)),
        _ => None,
    }
}

/// `dir/inbox` holding one clean return (a copy: the fixture is never touched).
fn inbox_with_a_clean_return(dir: &std::path::Path) -> std::path::PathBuf {
    let inbox = dir.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::copy(
        "fixtures/returns/clean-卫健体局-2023.xlsx",
        inbox.join("clean.xlsx"),
    )
    .unwrap();
    inbox
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn demo_in_english_says_everything_in_english_and_writes_english_outputs() {
    let out_dir = crate::common::temp_dir("demo-en");
    let out = planeval(&["--lang", "en", "demo", "--out", out_dir.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in stdout.lines() {
        assert!(!has_cjk(line), "Chinese in English demo output: {line}");
    }
    assert!(stdout.contains("returns for 2023:"), "{stdout}");
    assert!(stdout.contains("mid-term evaluation (2023):"), "{stdout}");
    assert!(
        stdout.contains("(reporting mistakes the demo keeps on purpose"),
        "{stdout}"
    );
    // The outputs are the English ones, in folders named by the stage's key.
    let midterm = out_dir.join("outputs").join("midterm-2023");
    assert!(
        midterm.join("midterm-evaluation-2023.xlsx").is_file(),
        "{stdout}"
    );
    let feedback = std::fs::read_dir(&midterm)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("feedback-"))
        .count();
    assert!(feedback > 20, "{feedback} feedback workbooks");
    assert!(
        stdout.contains(&format!("(one for each of {feedback} responsible units)")),
        "{stdout}"
    );
}

#[test]
fn ingest_in_english_reports_each_file_and_the_totals_in_english() {
    let dir = crate::common::temp_dir("ingest-en");
    let inbox = inbox_with_a_clean_return(&dir);
    let store = dir.join("store");
    let args = [
        "--lang",
        "en",
        "ingest",
        inbox.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--year",
        "2023",
    ];
    let first = planeval(&args);
    let text = String::from_utf8_lossy(&first.stdout);
    assert_eq!(first.status.code(), Some(0), "{text}");
    assert!(
        text.contains("ingested (revision 1): 18 values added"),
        "{text}"
    );
    assert!(
        text.contains(
            "1 file: 1 ingested, revision 1, 0 skipped as ingested before; 18 values added"
        ),
        "{text}"
    );
    assert!(
        text.contains(&format!("store: {}", store.display())),
        "{text}"
    );
    let again = planeval(&args);
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains("with the same content: skipped"), "{text}");
    // A skipped file is named by its path alone: nothing of the workbook is quoted.
    for line in text.lines() {
        assert!(!has_cjk(line), "Chinese in English ingest output: {line}");
    }
}

#[test]
fn usage_errors_and_failures_are_said_in_english() {
    let out = planeval(&["--lang", "en", "frobnicate"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("unrecognized subcommand 'frobnicate'"),
        "{err}"
    );
    assert!(!has_cjk(&err), "{err}");

    let missing = std::env::temp_dir().join("planeval-no-such-store");
    let out = planeval(&[
        "--lang=en",
        "status",
        "--store",
        missing.to_str().unwrap(),
        "--year",
        "2023",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.starts_with("planeval: error: the store "), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(!has_cjk(&err), "{err}");

    // Chinese stays the default for both.
    let out = planeval(&["frobnicate"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有这个命令"));
}

#[test]
fn the_other_commands_speak_english_too() {
    // catalog: the plan's English names; only the plan's own text of qualitative objectives and its
    // document number stay as the plan wrote them.
    let out = planeval(&["--lang", "en", "catalog"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("plan period 2021–2025, baseline 2020"),
        "{text}"
    );
    assert!(text.contains("lead unit"), "{text}");
    assert!(text.contains("main objectives ("), "{text}");
    let indicator_rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("maternal_mortality") || l.contains("life_expectancy_female"))
        .collect();
    assert!(indicator_rows.len() >= 3, "{text}");
    for line in indicator_rows {
        assert!(!has_cjk(line), "Chinese in an English catalog row: {line}");
    }

    // init, ingest, status, history and panel on one small store.
    let dir = crate::common::temp_dir("commands-en");
    let job = dir.join("job");
    let out = planeval(&[
        "--lang",
        "en",
        "init",
        job.to_str().unwrap(),
        "--year",
        "2023",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("next: planeval run --config"), "{text}");
    assert!(!has_cjk(&text), "{text}");

    let inbox = inbox_with_a_clean_return(&dir);
    let store = dir.join("store");
    let store = store.to_str().unwrap();
    let out = planeval(&[
        "ingest",
        inbox.to_str().unwrap(),
        "--store",
        store,
        "--year",
        "2023",
    ]);
    assert_eq!(out.status.code(), Some(0));

    let out = planeval(&["--lang", "en", "status", "--store", store, "--year", "2023"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("responsible unit"), "{text}");
    assert!(text.contains("Health and Sports Bureau"), "{text}");
    assert!(text.contains("units reported;"), "{text}");
    assert!(text.contains("% complete"), "{text}");
    // The area's name (a place name) is the only Chinese left.
    for line in text.lines().skip(1) {
        assert!(!has_cjk(line), "Chinese in English status output: {line}");
    }

    let out = planeval(&[
        "--lang",
        "en",
        "history",
        "--store",
        store,
        "--indicator",
        "maternal_mortality",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("maternal_mortality Maternal mortality ratio"),
        "{text}"
    );
    assert!(text.contains("current"), "{text}");

    let out = planeval(&[
        "--lang",
        "en",
        "panel",
        "--store",
        store,
        "--indicator",
        "maternal_mortality",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("current values"), "{text}");
    assert!(text.contains("Maternal mortality ratio"), "{text}");
}

#[test]
fn a_broken_areas_file_is_explained_in_english() {
    let out = planeval(&[
        "--lang",
        "en",
        "--areas",
        "fixtures/areas/broken.csv",
        "areas",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("planeval: error: the areas file fixtures/areas/broken.csv has 3 errors"),
        "{err}"
    );
    for (location, code, words) in [
        ("broken.csv:2:3", "A005", "is not in the areas file"),
        ("broken.csv:3:4", "A006", "is not known"),
        ("broken.csv:5:1", "A004", "is on line 4 already"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(location) && l.contains(&format!("[{code}]")))
            .unwrap_or_else(|| panic!("no {code} at {location} in:\n{err}"));
        assert!(line.contains(words), "{line}");
    }
    // The same file in Chinese, as before.
    let out = planeval(&["--areas", "fixtures/areas/broken.csv", "areas"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("已在第 4 行出现"), "{err}");
}

#[test]
fn a_plan_files_problems_are_said_in_english() {
    let plan = "fixtures/plans/every-problem-plan.toml";
    // --json: every diagnostic of the plan file carries its English message and hint.
    let out = planeval(&["catalog", "--json", "--check", plan]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert!(diags.len() >= 50, "{} diagnostics", diags.len());
    for d in diags {
        let en = d["message_en"].as_str().unwrap_or("");
        let hint = d["hint_en"].as_str().unwrap_or("");
        assert!(!en.is_empty() && !hint.is_empty(), "no English: {d}");
        assert!(
            !cjk_outside_quotes(en) && !cjk_outside_quotes(hint),
            "Chinese in English: {d}"
        );
        assert!(has_cjk(d["message"].as_str().unwrap()), "{d}");
    }

    // The terminal in English: no Chinese but what the file itself says, and no Chinese detail line.
    let out = planeval(&["--lang", "en", "catalog", "--check", plan]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    for line in text.lines() {
        assert!(!cjk_outside_quotes(line), "Chinese in English: {line}");
        assert!(!line.trim_start().starts_with("detail"), "{line}");
    }
    for (at, words) in [
        (
            "every-problem-plan.toml:4:1: error[P012]",
            "the mid-term year 2027 is outside the plan period 2021–2025",
        ),
        (
            "every-problem-plan.toml:68:39: error[P008]",
            "the target value 101% of indicator c is outside the range 0–100 its unit admits",
        ),
        (
            "every-problem-plan.toml:70:8: error[P009]",
            "the rate of indicator c lacks the field denominator",
        ),
        (
            "every-problem-plan.toml:80:15: error[P019]",
            "indicator d is measured in persons, which is not a rate",
        ),
        (
            "every-problem-plan.toml:122:8: error[P014]",
            "the gap target is the urban–rural gap, but indicator j has no urban–rural breakdown",
        ),
        (
            "every-problem-plan.toml:132:72: warning[P011]",
            "read as at_most 2.5, but the target says at_most 2.5 (exclusive)",
        ),
        (
            "every-problem-plan.toml:141:8: error[P003]",
            "the indicator code a is used twice (already on line 46)",
        ),
        (
            "every-problem-plan.toml:53:22: error[P007]",
            "the cooperating unit \"文旅局\" is not in the [[units]] list",
        ),
    ] {
        assert!(
            text.lines().any(|l| l.contains(at) && l.contains(words)),
            "no `{at}` saying `{words}` in\n{text}"
        );
    }
    // Chinese stays the default, word for word.
    let out = planeval(&["catalog", "--check", plan]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("every-problem-plan.toml:132:72: 警告[P011]: 指标 k：原文“控制在 2.5% 以内”读作 at_most 2.5，但目标写的是 at_most 2.5（不含本数）"),
        "{text}"
    );
    assert!(
        text.contains("every-problem-plan.toml: 发现 53 个错误、5 个警告"),
        "{text}"
    );
}

#[test]
fn hostile_files_are_explained_in_english() {
    // What a hostile file declares about itself (counts, ranges, dimensions) is said in English too.
    let out = planeval(&["--lang", "en", "check", "-v", "fixtures/hostile"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let diagnostics: Vec<&str> = text.lines().filter(|l| l.contains(": error[")).collect();
    assert!(diagnostics.len() >= 14, "{text}");
    for line in text.lines() {
        assert!(!cjk_outside_quotes(line), "Chinese in English: {line}");
    }
    for (file, words) in [
        (
            "xls-dimensions-inverted.xls",
            "the file is damaged or altered and cannot be read (the dimension record of sheet 1 is invalid",
        ),
        (
            "ods-repeated-16m-cells.ods",
            "the sheet's repeated rows and columns expand to at least 16777216 non-empty cells, more than a return can hold (at most 1000000 cells)",
        ),
        (
            "xlsx-shared-strings-unique-count.xlsx",
            "the shared-string table declares",
        ),
        ("xlsb-empty-dimension.xlsb", "the dimension record of sheet"),
    ] {
        assert!(
            diagnostics
                .iter()
                .any(|l| l.contains(file) && l.contains(words)),
            "{file}: no `{words}` in\n{text}"
        );
    }
}

#[test]
fn a_damaged_store_is_explained_in_english() {
    let dir = crate::common::temp_dir("store-en");
    let inbox = inbox_with_a_clean_return(&dir);
    let store = dir.join("store");
    let out = planeval(&[
        "ingest",
        "--store",
        store.to_str().unwrap(),
        "--year",
        "2023",
        inbox.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A manifest that says it is one but lacks its fields, and one that is not ours at all.
    for (manifest, says_en, says_zh) in [
        (
            r#"{"format": "planeval-store", "schema_version": 1}"#,
            "is damaged or incomplete: fields are missing or wrong: missing field",
            "已损坏或不完整：内容不完整：missing field",
        ),
        (
            r#"{"format": "other"}"#,
            "it lacks \"format\": \"planeval-store\", so it is not a planeval manifest",
            "缺少 \"format\": \"planeval-store\"，不是 planeval 的清单文件",
        ),
    ] {
        std::fs::write(store.join("manifest.json"), manifest).unwrap();
        let args = [
            "status",
            "--store",
            store.to_str().unwrap(),
            "--year",
            "2023",
        ];
        let en = planeval(&[&["--lang", "en"][..], &args[..]].concat());
        let text = String::from_utf8_lossy(&en.stderr);
        assert_eq!(en.status.code(), Some(2), "{text}");
        assert!(text.contains(says_en), "{text}");
        assert!(!has_cjk(&text), "{text}");
        let zh = planeval(&args);
        let text = String::from_utf8_lossy(&zh.stderr);
        assert!(text.contains(says_zh), "{text}");
    }
}

#[test]
fn a_wrong_job_file_is_explained_in_the_runs_language() {
    // Each mistake a job.toml can hold, written into the file `planeval init` made: `run` refuses it
    // (exit 2) saying what is wrong, in Chinese by default and wholly in English with --lang en.
    let dir = crate::common::temp_dir("job-en");
    let init = planeval(&["init", dir.to_str().unwrap(), "--year", "2023"]);
    assert!(init.status.success());
    let cfg = dir.join("job.toml");
    let good = std::fs::read_to_string(&cfg).unwrap();
    let line_of = |key: &str| {
        good.lines()
            .find(|l| l.starts_with(&format!("{key} =")))
            .unwrap_or_else(|| panic!("no {key} in {good}"))
            .to_string()
    };
    let cases: [(&str, String, &str, &str); 6] = [
        (
            "stages",
            "stages = [\"yearly\"]".into(),
            "“yearly”无效",
            "\"yearly\" in stages is not a stage; use annual, midterm or final",
        ),
        (
            "stages",
            "stages = []".into(),
            "stages 为空",
            "stages is empty; write at least one of annual, midterm, final",
        ),
        (
            "inbox",
            "inbox = []".into(),
            "inbox 为空",
            "inbox is empty; name the inbox folder",
        ),
        (
            "year",
            "year = 99999".into(),
            "year = 99999 不是有效年份",
            "year = 99999 is not a valid year",
        ),
        (
            "year",
            "year = 2030".into(),
            "year = 2030：",
            "year = 2030: the reporting year 2030",
        ),
        (
            "inbox",
            "inbox = [\"no-such-inbox\"]".into(),
            "不存在；请创建该文件夹或修改 inbox",
            "does not exist; create the folder or change inbox",
        ),
    ];
    for (key, line, zh, en) in &cases {
        std::fs::write(&cfg, good.replace(&line_of(key), line)).unwrap();
        let args = ["run", "--config", cfg.to_str().unwrap()];
        let out = planeval(&args);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{line}: {said}");
        assert!(said.contains(zh), "{line}: {said}");
        let out = planeval(&[&["--lang", "en"][..], &args[..]].concat());
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{line}: {said}");
        assert!(said.contains("the job file"), "{line}: {said}");
        assert!(said.contains(en), "{line}: {said}");
        let outside_paths: String = said.replace(dir.to_str().unwrap(), "");
        assert!(
            !outside_paths
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{line}: Chinese in the English error: {said}"
        );
    }
}

#[test]
fn help_is_english_alone_with_lang_en_and_bilingual_by_default() {
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    // Names of the plan's units and areas in the examples are data, as are the language names.
    let data = [
        "卫健体局",
        "临汾市",
        "古县",
        "山西省",
        "妇联",
        "县妇联",
        "卫健局",
        "中文",
        "代码,名称,上级代码,级别",
        "省, 市 or 县",
        "填报-",
        "基期及历年数据",
        "2024年1月31日",
        "年度监测",
        "中期评估",
        "终期评估",
    ];
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["evaluate", "--help"],
        vec!["store", "repair", "--help"],
        vec!["run", "--help"],
    ] {
        let en = planeval(&[&["--lang", "en"][..], &args[..]].concat());
        assert_eq!(en.status.code(), Some(0));
        let text = String::from_utf8_lossy(&en.stdout);
        assert!(text.contains("Examples:"), "{args:?}: {text}");
        assert!(!text.contains("示例"), "{args:?}: {text}");
        for line in text.lines() {
            let mut rest = line.to_string();
            for d in data {
                rest = rest.replace(d, "");
            }
            assert!(!han(&rest), "{args:?}: Chinese in English help: {line}");
        }
        let zh = planeval(&args);
        let text = String::from_utf8_lossy(&zh.stdout);
        assert!(text.contains("示例 / Examples:"), "{args:?}: {text}");
    }
    let en = planeval(&["--lang", "en", "check", "--help"]);
    let text = String::from_utf8_lossy(&en.stdout);
    assert!(text.contains("Files or folders to check"), "{text}");
    assert!(text.contains("Print JSON"), "{text}");
    // PLANEVAL_LANG does the same, and the Chinese help keeps both languages in place.
    let env = std::process::Command::new(env!("CARGO_BIN_EXE_planeval"))
        .args(["check", "--help"])
        .env("PLANEVAL_LANG", "en")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&env.stdout).contains("Files or folders to check"));
    let zh = planeval(&["check", "--help"]);
    let text = String::from_utf8_lossy(&zh.stdout);
    assert!(
        text.contains("要检查的文件或文件夹") && text.contains("[files or folders to check]"),
        "{text}"
    );
}
