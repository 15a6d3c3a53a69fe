//! What `planeval evaluate` says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of `planeval evaluate`.
    pub enum EvaluateText {
    }
}
