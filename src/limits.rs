//! Excel's limits, kept by every workbook writer, so that no text a department typed can stop an
//! output: a cell holds at most 32,767 characters, a note a little less, a sheet name 31 characters
//! without `[]:*?/\`, a page header or footer 255.
//!
//! Text longer than a cell can hold is cut with a visible marker (`…〔已截断：全文 40000 字，见批注〕`)
//! and a short note on the cell saying how long the text is and where the whole of it is (the returned
//! file itself, or the monitoring store); the full text is never lost, only not repeated in the
//! workbook. Excel and rust_xlsxwriter count length in UTF-16 code units (a character outside the
//! Basic Multilingual Plane counts two), which is never less than the number of characters, so every
//! limit here is counted in UTF-16 units and is safe for both.

use crate::report::messages::{fill, Lang, Msg};
use rust_xlsxwriter::{Format, Note, Worksheet, XlsxError};
use std::borrow::Cow;

/// The most text one cell holds (UTF-16 units): Excel's limit, which rust_xlsxwriter enforces.
pub const CELL_TEXT_MAX: usize = 32_767;
/// Notes are kept far below their own limit (32,767 less the author's prefix): a note is read in a
/// small box, and one that long helps nobody.
pub const NOTE_TEXT_MAX: usize = 2_000;
/// A sheet name (UTF-16 units).
pub const SHEET_NAME_MAX: usize = 31;
/// A page header or footer, with its `&` codes (UTF-16 units); rust_xlsxwriter drops a longer one
/// with a message on stderr.
pub const HEADER_FOOTER_MAX: usize = 255;
/// Document properties (title, subject): Office shows and keeps 255 characters.
pub const PROPERTY_MAX: usize = 255;

/// Where the whole of a cut text can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextHome {
    /// The returned workbook itself (`check` feedback, which has no store): the department's own cell.
    Input,
    /// The monitoring store (evaluation outputs, panel exports).
    Store,
}

/// A text as it fits a cell: the text to write, and when it had to be cut, the note to put on the cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted<'a> {
    pub text: Cow<'a, str>,
    pub note: Option<String>,
}

/// Length as Excel counts it.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The longest start of `s` of at most `max` UTF-16 units (never splitting a character).
fn prefix_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..i];
        }
    }
    s
}

/// `s` as it fits one cell: unchanged when it fits, else its start followed by the marker, with a
/// note that says how long the whole text is and where it is.
pub fn fit_cell(s: &str, lang: Lang, home: TextHome) -> Fitted<'_> {
    if utf16_len(s) <= CELL_TEXT_MAX {
        return Fitted {
            text: Cow::Borrowed(s),
            note: None,
        };
    }
    let total = s.chars().count().to_string();
    let marker = fill(Msg::TextCutMarker.text(lang), &[("n", &total)]);
    let kept = prefix_utf16(s, CELL_TEXT_MAX - utf16_len(&marker));
    let home = match home {
        TextHome::Input => Msg::TextCutHomeInput,
        TextHome::Store => Msg::TextCutHomeStore,
    };
    let note = fill(
        Msg::TextCutNote.text(lang),
        &[
            ("n", &total),
            ("kept", &kept.chars().count().to_string()),
            ("max", &CELL_TEXT_MAX.to_string()),
            ("home", home.text(lang)),
        ],
    );
    Fitted {
        text: Cow::Owned(format!("{kept}{marker}")),
        note: Some(note),
    }
}

/// Writes text as text (never a formula), cut to fit the cell with a note when it is too long.
/// Returns whether it was cut.
pub fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    format: &Format,
    lang: Lang,
    home: TextHome,
) -> Result<bool, XlsxError> {
    let fitted = fit_cell(s, lang, home);
    ws.write_string_with_format(row, col, fitted.text.as_ref(), format)?;
    if let Some(note) = &fitted.note {
        ws.insert_note(row, col, &cut_note(note))?;
    }
    Ok(fitted.note.is_some())
}

/// The note on a cut cell.
pub fn cut_note(text: &str) -> Note {
    Note::new(fit_note(text))
        .set_author("planeval")
        .set_width(300)
        .set_height(90)
}

/// A note's text kept to `NOTE_TEXT_MAX`: notes that quote many messages (a cell with hundreds of
/// problems) end with `…` rather than fail.
pub fn fit_note(s: &str) -> Cow<'_, str> {
    if utf16_len(s) <= NOTE_TEXT_MAX {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(format!("{}…", prefix_utf16(s, NOTE_TEXT_MAX - 1)))
    }
}

/// Text cut to `max` UTF-16 units with `…`: titles in document properties, names in headers.
pub fn clip(s: &str, max: usize) -> Cow<'_, str> {
    if utf16_len(s) <= max {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(format!("{}…", prefix_utf16(s, max.saturating_sub(1))))
    }
}

/// Text for a page header or footer section: cut to `max` UTF-16 units, then `&` doubled (Excel's
/// escape there), so that the section's share of the 255-unit limit is kept whatever it holds.
pub fn header_text(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut units = 0;
    let over = utf16_len(&s.replace('&', "&&")) > max;
    let room = if over { max.saturating_sub(1) } else { max };
    for c in s.chars() {
        let add = if c == '&' { 2 } else { c.len_utf16() };
        if units + add > room {
            break;
        }
        if c == '&' {
            out.push('&');
        }
        out.push(c);
        units += add;
    }
    if over {
        out.push('…');
    }
    out
}

/// A sheet name Excel accepts, made from a name found in an input: characters Excel refuses in sheet
/// names (`[]:*?/\`) and control characters become `_`, leading and trailing apostrophes go, and the
/// name is cut to 31 units. `None` when nothing usable is left, or the result is one of `taken`
/// (compared as Excel does, ignoring case) or `History` (reserved by Excel).
pub fn sheet_name(name: &str, taken: &[&str]) -> Option<String> {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim_matches('\'');
    let cut = prefix_utf16(cleaned, SHEET_NAME_MAX).trim_end_matches('\'');
    let lower = cut.to_lowercase();
    if cut.trim().is_empty()
        || lower == "history"
        || taken.iter().any(|t| t.to_lowercase() == lower)
    {
        return None;
    }
    Some(cut.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_fits_is_left_alone() {
        let f = fit_cell("孕产妇死亡率", Lang::Zh, TextHome::Store);
        assert!(matches!(f.text, Cow::Borrowed("孕产妇死亡率")));
        assert_eq!(f.note, None);
        let exact = "字".repeat(CELL_TEXT_MAX);
        assert_eq!(fit_cell(&exact, Lang::Zh, TextHome::Store).note, None);
    }

    #[test]
    fn long_text_is_cut_with_a_marker_and_a_note() {
        let long = "备".repeat(40_000);
        let f = fit_cell(&long, Lang::Zh, TextHome::Input);
        assert!(utf16_len(&f.text) <= CELL_TEXT_MAX);
        assert!(f.text.starts_with("备备备"));
        assert!(
            f.text.ends_with("〔已截断：全文 40000 字，见批注〕"),
            "{}",
            &f.text[f.text.len() - 60..]
        );
        let note = f.note.unwrap();
        assert!(note.contains("40000"), "{note}");
        assert!(utf16_len(&note) <= NOTE_TEXT_MAX);
        let en = fit_cell(&long, Lang::En, TextHome::Store);
        assert!(en
            .text
            .ends_with("[cut: 40000 characters in full, see the note]"));
    }

    #[test]
    fn characters_outside_the_bmp_count_two_units() {
        // 20,000 emoji are 40,000 UTF-16 units: over the limit although only 20,000 characters.
        let long = "😀".repeat(20_000);
        let f = fit_cell(&long, Lang::Zh, TextHome::Store);
        assert!(f.note.is_some());
        assert!(utf16_len(&f.text) <= CELL_TEXT_MAX);
        assert!(f.text.contains("全文 20000 字"));
    }

    #[test]
    fn a_cut_text_is_written_and_read_as_a_cell() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let cut = write_text(
            ws,
            0,
            0,
            &"x".repeat(40_000),
            &Format::new(),
            Lang::Zh,
            TextHome::Store,
        )
        .unwrap();
        assert!(cut);
        assert!(wb.save_to_buffer().is_ok());
    }

    #[test]
    fn header_sections_keep_their_share_and_escape_ampersands() {
        assert_eq!(header_text("A&B", 10), "A&&B");
        let h = header_text(&"县".repeat(300), 100);
        assert_eq!(utf16_len(&h), 100);
        assert!(h.ends_with('…'));
        // An ampersand is never split from its escape.
        let h = header_text(&"&".repeat(10), 5);
        assert_eq!(h, "&&&&…");
    }

    #[test]
    fn sheet_names_from_inputs_become_valid_or_give_way() {
        assert_eq!(
            sheet_name("指标填报", &["问题清单"]).as_deref(),
            Some("指标填报")
        );
        assert_eq!(sheet_name("a[1]:b", &[]).as_deref(), Some("a_1__b"));
        assert_eq!(sheet_name("x\u{1b}y", &[]).as_deref(), Some("x_y"));
        assert_eq!(sheet_name("'quoted'", &[]).as_deref(), Some("quoted"));
        assert_eq!(
            sheet_name(&"表".repeat(40), &[]).unwrap().chars().count(),
            31
        );
        assert_eq!(sheet_name("问题清单", &["问题清单"]), None);
        assert_eq!(sheet_name("HISTORY", &[]), None);
        assert_eq!(sheet_name("''", &[]), None);
    }

    #[test]
    fn long_notes_end_with_an_ellipsis() {
        let long = "问".repeat(5_000);
        let n = fit_note(&long);
        assert_eq!(utf16_len(&n), NOTE_TEXT_MAX);
        assert!(n.ends_with('…'));
    }
}
