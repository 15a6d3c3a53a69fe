//! What `planeval check` says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of `planeval check`.
    pub enum CheckText {
        /// The heading line of one file's result.
        FileLine => "── {file}{facts}  接受 {accepted} 个数值，{errors} 个错误，{warnings} 个警告",
            "── {file}{facts}  {accepted} values accepted, {errors} errors, {warnings} warnings";
        /// The year of a return among the facts of its heading line.
        Year => "{year}年", "{year}";
        Summary => "共检查 {files} 个文件：接受 {accepted} 个数值、{assessments} 项自评；{problems}",
            "{files} files checked: {accepted} values and {assessments} self-assessments accepted; {problems}";
        FeedbackWritten => "反馈工作簿：{file}", "feedback workbook: {file}";
        FeedbackNotNeeded => "另有 {n} 个文件没有错误或警告，未生成反馈工作簿",
            "more files with no errors or warnings, so no feedback workbook: {n}";
    }
}
