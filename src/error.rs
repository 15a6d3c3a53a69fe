//! Failures that stop a run: unreadable configuration, an invalid plan, an unwritable output.
//!
//! Problems in the data departments send are not errors of this kind; they are `Diagnostic`s and the run
//! goes on. Each variant's message is Chinese first and names the fix.

use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("无法读写 {path}：{source}（could not access the file）")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("计划文件 {file} 有 {} 个错误，无法使用；运行 planeval catalog --check {file} 查看每个问题", diagnostics.len())]
    InvalidPlan {
        file: String,
        diagnostics: Vec<Diagnostic>,
    },

    #[error("计划文件 {path} 过大（{bytes} 字节），不像是计划文件；请确认路径")]
    PlanTooLarge { path: PathBuf, bytes: u64 },

    #[error("计划文件 {path} 不是 UTF-8 文本；请用 UTF-8 编码另存")]
    PlanNotUtf8 { path: PathBuf },

    #[error("计划中没有责任单位“{name}”；可用的单位：{known}")]
    UnknownUnit { name: String, known: String },

    #[error("填报年度 {year} 不在规划期内；可用的年度：{start}–{end} 年（规划期）或 {baseline} 年（基期）")]
    BadYear {
        year: i32,
        start: i32,
        end: i32,
        baseline: i32,
    },

    #[error("无法生成 Excel 工作簿：{0}（could not build the workbook）")]
    Xlsx(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
