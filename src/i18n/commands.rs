//! What the other commands (catalog, template, panel, status, history, areas, export, store) says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of the other commands (catalog, template, panel, status, history, areas, export, store).
    pub enum CommandText {
        /// A failure that stops a command.
        ErrorLine => "planeval: 错误：{error}", "planeval: error: {error}";
        WarningLine => "planeval: 警告：{warning}", "planeval: warning: {warning}";
        NoteLine => "planeval: 提示：{note}", "planeval: note: {note}";
        MorePlanProblems => "……另有 {n} 个问题：planeval catalog --check {file}", "… {n} more problems: planeval catalog --check {file}";
        /// Between the items of a list within a sentence.
        ListSeparator => "、", ", ";
    }
}
