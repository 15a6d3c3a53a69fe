//! Rendering for the terminal: diagnostics in the `file!sheet!cell: error[CODE]: …` form and aligned
//! tables whose column widths count a CJK character as two cells.
//!
//! Text that comes from an input (file and sheet names, raw cell text, unit and area names, messages
//! quoting them) is escaped before it is printed, so a workbook cannot drive the terminal: control
//! characters (C0 but for line feed and tab in messages, DEL, C1: ESC sequences, BEL, carriage
//! return) and the bidirectional controls that reorder what is shown (U+202A–U+202E, U+2066–U+2069,
//! U+200E, U+200F, U+061C; with U+2028 and U+2029, which break lines) are shown as `<U+001B>`.
//! `--json` output is data and carries the text exactly: JSON escapes the C0 controls itself, and
//! programs reading it get the value as typed.

use planeval::i18n::{commands::CommandText, diagnostics::DiagText, fill, Lang};
use planeval::{Diagnostic, Severity};
use std::borrow::Cow;
use std::sync::OnceLock;

static LANG: OnceLock<Lang> = OnceLock::new();

/// The language the terminal speaks (`--lang`), set once when the command line is read: rendering
/// helpers are called from deep in every command, and the language never changes within a run.
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

/// `planeval: 错误：…` for a failure that stops the command, in the terminal's language.
pub fn error_line(err: &planeval::Error) -> String {
    CommandText::ErrorLine.say(lang(), &[("error", &err.text(lang()))])
}

/// Column heads of a terminal table in the terminal's language.
pub fn heads(keys: &[CommandText]) -> Vec<&'static str> {
    keys.iter().map(|k| k.text(lang())).collect()
}

/// The language set by [`set_lang`] (Chinese before it is).
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}
use unicode_width::UnicodeWidthStr;

/// Whether a character must not reach the terminal as it is (`keep_lines`: line feed and tab may).
fn acts_on_terminal(c: char, keep_lines: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_lines,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            true
        }
        '\u{2028}' | '\u{2029}' => true,
        _ => false,
    }
}

fn escape(s: &str, keep_lines: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| acts_on_terminal(c, keep_lines)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if acts_on_terminal(c, keep_lines) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One value from an input, on one line: every control and bidirectional character escaped, line
/// breaks too.
pub fn shown(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// Text of several lines that may quote an input (messages, errors): escaped as `shown`, but line
/// feeds and tabs kept.
pub fn shown_text(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// How much of a raw text the terminal shows: a 40,000-character cell would bury every other line
/// (`--json` and the feedback workbook have it whole).
const RAW_SHOWN: usize = 200;

/// The start of a raw text as the terminal shows it: `…（共 40000 字）` after the first `RAW_SHOWN`
/// characters of a longer one.
fn raw_start(raw: &str) -> Cow<'_, str> {
    match raw.char_indices().nth(RAW_SHOWN) {
        None => Cow::Borrowed(raw),
        Some((end, _)) => {
            let n = raw.chars().count().to_string();
            Cow::Owned(format!(
                "{}{}",
                &raw[..end],
                DiagText::RawCut.say(lang(), &[("n", &n)])
            ))
        }
    }
}

/// One diagnostic as a person reads it, with its hint and the raw text found, in the terminal's
/// language. English for a diagnostic whose text has no English yet: the code's English summary,
/// with the Chinese text as its detail.
pub fn diagnostic_text(d: &Diagnostic) -> String {
    let lang = lang();
    let severity = d.severity.label(lang);
    let (message, hint, detail) = match d.text_in(lang) {
        Some((m, h)) => (m, h, None),
        None => (d.code.summary_en(), "", Some(d.message.as_str())),
    };
    let mut s = format!(
        "{}: {}[{}]: {}",
        shown(&d.location.to_string()),
        severity,
        d.code.id(),
        shown_text(message)
    );
    if let Some(detail) = detail {
        s.push_str(&format!(
            "\n  {}: {}",
            DiagText::DetailLabel.text(lang),
            shown_text(detail)
        ));
    }
    if let Some(raw) = d.raw.as_deref().filter(|r| !r.is_empty()) {
        s.push_str(&format!(
            "\n  {}: {}",
            DiagText::RawLabel.text(lang),
            shown(&raw_start(raw))
        ));
    }
    let hint = if hint.is_empty() && detail.is_some() {
        d.hint.as_str()
    } else {
        hint
    };
    if !hint.is_empty() {
        s.push_str(&format!(
            "\n  {}: {}",
            DiagText::HintLabel.text(lang),
            shown_text(hint)
        ));
    }
    s
}

/// The folder walk's notes for the terminal: errors and warnings always (a FIFO, a link leading out),
/// info notes (other files skipped, links back) with `-v`, else one line counting them, so that nothing
/// in an input folder goes unmentioned.
pub fn input_notes_text(notes: &[Diagnostic], verbose: bool) -> String {
    let mut s = String::new();
    let mut hidden = 0;
    for d in notes {
        if d.severity == Severity::Info && !verbose {
            hidden += 1;
            continue;
        }
        s.push_str(&diagnostic_text(d));
        s.push_str("\n\n");
    }
    if hidden > 0 {
        s.push_str(&fill(
            DiagText::InputNotesHidden.text(lang()),
            &[("n", &hidden.to_string())],
        ));
        s.push('\n');
    }
    s
}

/// `发现 2 个错误、1 个警告` for a set of diagnostics.
pub fn diagnostic_summary(diags: &[Diagnostic]) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if errors == 0 && warnings == 0 {
        DiagText::NoProblems.text(lang()).to_string()
    } else {
        fill(
            DiagText::ProblemsFound.text(lang()),
            &[
                ("errors", &errors.to_string()),
                ("warnings", &warnings.to_string()),
            ],
        )
    }
}

/// Truncates to at most `max` display cells, marking the cut with `…`.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Lays out rows in columns padded to the widest cell (display width), two spaces apart; cells are
/// escaped (`shown`), as they may hold names from inputs.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| shown(c).into_owned()).collect())
        .collect();
    let rows = &rows;
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.width());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[i] - c.width() + 2));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(header.to_vec());
    out.push('\n');
    let total: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    out.push_str(&"─".repeat(total));
    out.push('\n');
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;
