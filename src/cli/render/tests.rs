//! Tests of the terminal rendering.
use super::*;

#[test]
fn cjk_cells_align_by_display_width() {
    let t = table(
        &["a", "b"],
        &[
            vec!["卫健体局".into(), "x".into()],
            vec!["ab".into(), "y".into()],
        ],
    );
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines[2], "卫健体局  x");
    assert_eq!(lines[3], "ab        y");
}

#[test]
fn controls_and_bidi_overrides_never_reach_the_terminal() {
    assert_eq!(shown("卫健体局"), "卫健体局");
    assert_eq!(shown("a\u{1b}[31mb\u{7}"), "a<U+001B>[31mb<U+0007>");
    assert_eq!(shown("x\u{202e}cod.exe"), "x<U+202E>cod.exe");
    assert_eq!(shown("two\nlines\r"), "two<U+000A>lines<U+000D>");
    assert_eq!(shown_text("two\nlines\u{9b}"), "two\nlines<U+009B>");
    let t = table(&["a"], &[vec!["\u{1b}]0;title\u{7}".into()]]);
    assert!(!t.contains('\u{1b}') && t.contains("<U+001B>]0;title<U+0007>"));
}

#[test]
fn a_long_raw_text_shows_its_start_and_its_length() {
    let d = Diagnostic::new(
        planeval::Code::ValueNotANumber,
        planeval::Location::File {
            file: "a.xlsx".into(),
        },
        Some("长".repeat(40_000)),
        "x",
        "",
    );
    let t = diagnostic_text(&d);
    assert!(
        t.contains(&format!("原文: {}…（共 40000 字）", "长".repeat(200))),
        "{t}"
    );
    assert!(t.chars().count() < 300);
}

#[test]
fn truncation_counts_wide_characters() {
    assert_eq!(truncate("妇女人均预期寿命", 7), "妇女人…");
    assert_eq!(truncate("short", 10), "short");
}
