//! The per-file diagnostic collector that the workbook and row readers share (its own module so neither depends on the other).

use super::read::cell_name;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::i18n::diagnostics::DiagText;

pub(super) struct FileCx<'a> {
    pub(super) file: &'a str,
    pub(super) diags: Vec<Diagnostic>,
    /// The indicator of the row being read: every cell diagnostic recorded meanwhile is about it.
    pub(super) about: Option<String>,
}

impl FileCx<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn at(
        &mut self,
        code: Code,
        sheet: &str,
        row: u32,
        col: u32,
        raw: Option<String>,
        message: String,
        hint: String,
    ) {
        self.diags.push(
            Diagnostic::new(
                code,
                Location::Cell {
                    file: self.file.to_string(),
                    sheet: sheet.to_string(),
                    cell: cell_name(row, col),
                },
                raw,
                message,
                hint,
            )
            .about(self.about.clone()),
        );
    }
}

impl FileCx<'_> {
    /// Gives the last diagnostic recorded its English message and hint.
    pub(super) fn last_in_english(&mut self, en: Option<(String, String)>) {
        if let (Some((m, h)), Some(d)) = (en, self.diags.pop()) {
            self.diags.push(d.with_en(m, h));
        }
    }

    /// A file-level diagnostic whose text comes from the message table (both languages).
    pub(super) fn file_said(
        &mut self,
        code: Code,
        message: DiagText,
        hint: DiagText,
        args: &[(&str, &str)],
    ) {
        self.file_said_each(code, (message, hint), args, args);
    }

    /// A file-level diagnostic from the message table whose arguments differ by language.
    pub(super) fn file_said_each(
        &mut self,
        code: Code,
        (message, hint): (DiagText, DiagText),
        zh: &[(&str, &str)],
        en: &[(&str, &str)],
    ) {
        let location = Location::File {
            file: self.file.to_string(),
        };
        self.diags.push(Diagnostic::said_each(
            code,
            location,
            None,
            (message, hint),
            zh,
            en,
        ));
    }

    /// A diagnostic at a cell from the message table whose arguments differ by language (names the
    /// plan gives in both, notes already said in both).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn at_said_each(
        &mut self,
        code: Code,
        (sheet, row, col): (&str, u32, u32),
        raw: Option<String>,
        (message, hint): (DiagText, DiagText),
        zh: &[(&str, &str)],
        en: &[(&str, &str)],
    ) {
        let location = Location::Cell {
            file: self.file.to_string(),
            sheet: sheet.to_string(),
            cell: cell_name(row, col),
        };
        let d = Diagnostic::said_each(code, location, raw, (message, hint), zh, en);
        self.diags.push(d.about(self.about.clone()));
    }

    /// A diagnostic at a cell whose text comes from the message table (both languages).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn at_said(
        &mut self,
        code: Code,
        at: (&str, u32, u32),
        raw: Option<String>,
        message: DiagText,
        hint: DiagText,
        args: &[(&str, &str)],
    ) {
        self.at_said_each(code, at, raw, (message, hint), args, args);
    }
}
