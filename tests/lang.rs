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
