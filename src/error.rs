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

    #[error("评估年度 {year} 不在规划期 {start}–{end} 年内；中期评估默认为 {midterm} 年，终期评估默认为 {final_year} 年")]
    BadEvaluationYear {
        year: i32,
        start: i32,
        end: i32,
        midterm: i32,
        final_year: i32,
    },

    #[error("无法生成 Excel 工作簿：{0}（could not build the workbook）")]
    Xlsx(String),

    #[error("无法生成 Word 报告：{0}（could not build the Word report）")]
    Docx(String),

    #[error(
        "{path} 不是监测数据库（没有 manifest.json）；先用 planeval ingest --store {path} 入库"
    )]
    NotAStore { path: PathBuf },

    #[error("监测数据库 {path} 由更新版本的 planeval 写入（结构版本 {found}，本程序支持到 {supported}）；请升级 planeval，不要用旧版本写入")]
    StoreTooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("监测数据库文件 {path} 已损坏或不完整：{reason}；请从备份恢复该文件，或联系维护人员")]
    StoreCorrupt { path: PathBuf, reason: String },

    #[error("无法写入监测数据库 {path}：{reason}")]
    StoreWrite { path: PathBuf, reason: String },

    #[error("不知道导出为什么格式：{path}；文件名请以 .xlsx、.csv 或 .parquet 结尾")]
    UnknownExportFormat { path: PathBuf },

    #[error("监测数据库 {path} 正被另一个进程写入（进程 {pid}，主机 {host}，自 {since} 起，命令：{command}）；请等它结束后再运行。若确认该进程已不存在，删除锁文件 {path}/store.lock")]
    StoreLocked {
        path: PathBuf,
        pid: u32,
        host: String,
        since: String,
        command: String,
    },

    #[error("作业配置 {path} 有误：{message}")]
    JobConfig { path: PathBuf, message: String },

    #[error("演示数据不在 {path}；请在源代码目录中运行 planeval demo，或用 --data 指定 fixtures/demo 文件夹")]
    DemoDataMissing { path: PathBuf },
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
