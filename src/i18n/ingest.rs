//! What `planeval ingest` and the demo's ingest steps says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of `planeval ingest` and the demo's ingest steps.
    pub enum IngestText {
    }
}
