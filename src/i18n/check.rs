//! What `planeval check` says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of `planeval check`.
    pub enum CheckText {
    }
}
