//! What the other commands (catalog, template, panel, status, history, areas, export, store) says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of the other commands (catalog, template, panel, status, history, areas, export, store).
    pub enum CommandText {
    }
}
