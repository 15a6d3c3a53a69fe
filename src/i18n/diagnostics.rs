//! What diagnostics (message and hint of every code), run errors and the terminal's rendering of both says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of diagnostics (message and hint of every code), run errors and the terminal's rendering of both.
    pub enum DiagText {
    }
}
