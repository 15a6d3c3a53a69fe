//! What `planeval run` (the scheduled job), `init` and `demo` says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of `planeval run` (the scheduled job), `init` and `demo`.
    pub enum RunText {
    }
}
