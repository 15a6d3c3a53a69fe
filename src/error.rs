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

    #[error("年度监测须用 --year 指定截至年度（规划期 {start}–{end} 年），如 --stage annual --year {end}（annual monitoring needs --year）")]
    AnnualNeedsYear { start: i32, end: i32 },

    #[error("评估年度 {year} 不在规划期 {start}–{end} 年内；中期评估默认为 {midterm} 年，终期评估默认为 {final_year} 年")]
    BadEvaluationYear {
        year: i32,
        start: i32,
        end: i32,
        midterm: i32,
        final_year: i32,
    },

    #[error("无法生成 Excel 工作簿：{0}（could not build the workbook）")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),

    #[error("无法生成 Word 报告：{0}（could not build the Word report）")]
    Docx(String),

    #[error(
        "{path} 不是监测数据库（没有 manifest.json）；先用 planeval ingest --store {path} 入库"
    )]
    NotAStore { path: PathBuf },

    #[error("监测数据库 {path} 不存在；请检查 --store 的路径（相对于当前文件夹），或先用 planeval ingest <报表> --store {path} 建立数据库（could not find the store folder）")]
    StoreMissing { path: PathBuf },

    #[error("--store 指向的 {path} 是一个文件，不是文件夹：监测数据库是一个文件夹（内有 manifest.json、panel/ 等），请指定该文件夹（the store is a folder, not a file）")]
    StoreIsAFile { path: PathBuf },

    #[error("监测数据库 {path} 由更新版本的 planeval 写入（结构版本 {found}，本程序支持到 {supported}）；请升级 planeval，不要用旧版本写入")]
    StoreTooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("监测数据库文件 {path} 已损坏或不完整：{reason}；请从备份恢复该文件，或联系维护人员")]
    StoreCorrupt { path: PathBuf, reason: String },

    #[error("监测数据库 {path} 没有 manifest.json，文件夹中却有 {parts} 个数据文件（如 {example}）：清单可能被误删或未能复制。planeval 不会删除这些文件，也不会在它们旁边新建数据库；运行 planeval store repair --store {path} 根据这些文件重建清单，或从备份恢复 manifest.json [manifest.json is missing but data files exist: run `planeval store repair`]")]
    StoreManifestMissing {
        path: PathBuf,
        parts: usize,
        example: String,
    },

    #[error("监测数据库 {path} 的 manifest.json 只列出 {listed} 个数据文件，文件夹中还有 {unlisted} 个未列出的（如 {example}）：清单可能是从备份恢复的旧版本。planeval 不会删除未列出的文件；运行 planeval store repair --store {path} 根据现有文件重建清单 [the manifest lists fewer parts than exist: run `planeval store repair`]")]
    StoreUnlistedParts {
        path: PathBuf,
        listed: usize,
        unlisted: usize,
        example: String,
    },

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

    #[error("地区表 {file} 有 {count} 个错误，无法使用：\n{details}")]
    InvalidAreas {
        file: String,
        count: usize,
        details: String,
    },

    #[error("监测数据库 {store} 中有 {count} 个地区：{list}。请用 --area 指定地区名称或代码（如 --area {example}），各地区的数据不会混在一起评估 [the store holds several areas: choose one with --area]")]
    AreaRequired {
        store: PathBuf,
        count: usize,
        list: String,
        example: String,
    },

    #[error("地区“{name}”既不在地区表 {areas_file} 中，也不在监测数据库中；数据库中的地区：{list}。可用 --areas 指定地区表 [unknown area]")]
    UnknownArea {
        name: String,
        areas_file: String,
        list: String,
    },

    #[error("地区表中有多个地区叫“{name}”：{candidates}；请用代码指定，如 --area {example} [ambiguous area name: give the code]", example = candidates.split('（').nth(1).and_then(|s| s.split('）').next()).unwrap_or("代码"))]
    AmbiguousArea { name: String, candidates: String },

    #[error("作业配置 {path} 有误：{message}")]
    JobConfig { path: PathBuf, message: String },

    #[error("演示数据不在 {path}；请在源代码目录中运行 planeval demo，或用 --data 指定 fixtures/demo 文件夹")]
    DemoDataMissing { path: PathBuf },
}

impl Error {
    /// An areas file that cannot be used, with its first problems spelt out (there is no separate
    /// checker command, so the message itself says what to fix).
    pub fn invalid_areas(file: &str, diagnostics: &[Diagnostic]) -> Self {
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
        let mut details: Vec<String> = errors
            .iter()
            .take(8)
            .map(|d| {
                format!(
                    "  {}: [{}] {}{}；{}",
                    d.location,
                    d.code.id(),
                    d.message,
                    d.raw
                        .as_deref()
                        .map(|r| format!("（原文：{r}）"))
                        .unwrap_or_default(),
                    d.hint
                )
            })
            .collect();
        if errors.len() > 8 {
            details.push(format!("  ……另有 {} 个错误", errors.len() - 8));
        }
        Error::InvalidAreas {
            file: file.to_string(),
            count: errors.len(),
            details: details.join("\n"),
        }
    }

    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
