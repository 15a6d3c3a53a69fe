//! Failures that stop a run: unreadable configuration, an invalid plan, an unwritable output.
//!
//! Problems in the data departments send are not errors of this kind; they are `Diagnostic`s and the run
//! goes on. Each variant's message is Chinese first and names the fix.

use crate::diagnostic::Diagnostic;
use crate::i18n::diagnostics::DiagText;
use crate::i18n::Lang;
use std::path::{Path, PathBuf};

/// Why something could not be read, in both languages: the Chinese shown by `Display` (the error's
/// Chinese message), the English by [`Error::text`] in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub zh: String,
    pub en: String,
}

impl Reason {
    /// A reason said the same in both languages: a library's own message (polars, serde, io).
    pub fn same(text: impl Into<String>) -> Reason {
        let text = text.into();
        Reason {
            zh: text.clone(),
            en: text,
        }
    }

    /// A reason from the message table.
    pub fn said(text: DiagText, args: &[(&str, &str)]) -> Reason {
        Reason::said_each(text, args, args)
    }

    /// A reason from the message table whose arguments differ by language (a label, a joined list).
    pub fn said_each(text: DiagText, zh: &[(&str, &str)], en: &[(&str, &str)]) -> Reason {
        Reason {
            zh: text.say(Lang::Zh, zh),
            en: text.say(Lang::En, en),
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.zh)
    }
}

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
    StoreCorrupt { path: PathBuf, reason: Reason },

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
    StoreWrite { path: PathBuf, reason: Reason },

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

    #[error(
        "地区表 {file} 有 {count} 个错误，无法使用：\n{}",
        areas_details(errors, Lang::Zh)
    )]
    InvalidAreas {
        file: String,
        count: usize,
        /// The errors (the first few are spelt out in the message).
        errors: Vec<Diagnostic>,
    },

    #[error("监测数据库 {store} 中有 {count} 个地区：{list}。请用 --area 指定地区名称或代码（如 --area {example}），各地区的数据不会混在一起评估 [the store holds several areas: choose one with --area]")]
    AreaRequired {
        store: PathBuf,
        count: usize,
        list: Reason,
        example: String,
    },

    #[error("地区“{name}”既不在地区表 {areas_file} 中，也不在监测数据库中；数据库中的地区：{list}。可用 --areas 指定地区表 [unknown area]")]
    UnknownArea {
        name: String,
        areas_file: String,
        list: Reason,
    },

    #[error("地区表中有多个地区叫“{name}”：{candidates}；请用代码指定，如 --area {example} [ambiguous area name: give the code]", example = candidates.split('（').nth(1).and_then(|s| s.split('）').next()).unwrap_or("代码"))]
    AmbiguousArea { name: String, candidates: String },

    #[error("报送包 {path} 无法读取：{reason}；请让报送单位用 planeval export 重新导出（the package cannot be read: nothing ingested）")]
    PackageUnreadable { path: String, reason: Reason },

    #[error("报送包 {path} 与其清单不符：{reason}。文件在导出后被改动过或在传输中损坏，未入库任何数据；请让报送单位用 planeval export 重新导出并发送 [the package was altered or damaged after export: nothing ingested]")]
    PackageTampered { path: String, reason: Reason },

    #[error("报送包 {path} 由更新版本的 planeval 生成（格式版本 {found}，本程序支持到 {supported}），未入库任何数据；请升级 planeval [the package is newer than this planeval]")]
    PackageTooNew {
        path: String,
        found: u32,
        supported: u32,
    },

    #[error("报送包 {path} 属于另一个规划：{found}；本次使用的规划是 {ours}。两者的指标含义可能不同，未入库任何数据；请用 --plan 指定与报送单位相同的计划文件 [the package belongs to another plan or plan version: nothing ingested]")]
    PackageOtherPlan {
        path: String,
        found: String,
        ours: String,
    },

    #[error("报送包 {path} 的地区 {area} 不能入库：{reason}；未入库任何数据 [the package's area does not fit this store: nothing ingested]")]
    PackageArea {
        path: String,
        area: String,
        reason: Reason,
    },

    #[error("监测数据库 {store} 中没有 {area} {year} 年的数据（数值、隔离记录或自评），没有生成报送包；请先入库该年度的报表 [nothing to export]")]
    ExportNothing {
        store: PathBuf,
        area: String,
        year: i32,
    },

    #[error("地区 {area} 不在地区表 {areas_file} 中，没有行政区划代码，无法生成报送包；请用 --areas 指定含该地区的地区表 [the area needs a GB/T 2260 code]")]
    ExportAreaWithoutCode { area: String, areas_file: String },

    #[error("--by-area 对比的是一个地区的各下级地区，但地区表 {areas_file} 中 {area} 没有下级地区；请用 --area 指定市或省（如 --area 临汾市），或用 --areas 指定含下级地区的地区表 [--by-area needs an area with areas below it]")]
    ByAreaWithoutChildren { area: String, areas_file: String },

    #[error("作业配置 {path} 有误：{message}")]
    JobConfig { path: PathBuf, message: Reason },

    #[error("文件夹 {path} 不是空的，也不是 planeval demo 生成的；请换一个 --out 文件夹")]
    DemoOutNotEmpty { path: PathBuf },

    #[error("演示数据不在 {path}；请在源代码目录中运行 planeval demo，或用 --data 指定 fixtures/demo 文件夹")]
    DemoDataMissing { path: PathBuf },
}

impl Error {
    /// An areas file that cannot be used, with its first problems spelt out (there is no separate
    /// checker command, so the message itself says what to fix).
    pub fn invalid_areas(file: &str, diagnostics: &[Diagnostic]) -> Self {
        let errors: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        Error::InvalidAreas {
            file: file.to_string(),
            count: errors.len(),
            errors,
        }
    }

    /// The message in one language (Chinese is the `Display` text).
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.to_string(),
            Lang::En => self.english(),
        }
    }

    fn english(&self) -> String {
        use Error::*;
        match self {
            Io { path, source } => format!("could not read or write {}: {source}", path.display()),
            InvalidPlan { file, diagnostics } => crate::i18n::fill(
                "the plan file {file} has {n} errors and cannot be used; run planeval catalog --check {file} to see each problem",
                &[("file", file), ("n", &diagnostics.len().to_string())],
            ),
            PlanTooLarge { path, bytes } => format!(
                "the plan file {} is too large ({bytes} bytes) to be a plan file; check the path",
                path.display()
            ),
            PlanNotUtf8 { path } => format!(
                "the plan file {} is not UTF-8 text; save it again as UTF-8",
                path.display()
            ),
            UnknownUnit { name, known } => {
                format!("the plan has no responsible unit “{name}”; units: {known}")
            }
            BadYear { year, start, end, baseline } => format!(
                "the reporting year {year} is not in the plan period; use {start}–{end} (the plan period) or {baseline} (the baseline year)"
            ),
            AnnualNeedsYear { start, end } => format!(
                "annual monitoring needs --year, the year it runs to (plan period {start}–{end}), e.g. --stage annual --year {end}"
            ),
            BadEvaluationYear { year, start, end, midterm, final_year } => format!(
                "the evaluation year {year} is not in the plan period {start}–{end}; the mid-term evaluation defaults to {midterm}, the final one to {final_year}"
            ),
            Xlsx(e) => format!("could not build the Excel workbook: {e}"),
            Docx(e) => format!("could not build the Word report: {e}"),
            NotAStore { path } => format!(
                "{p} is not a monitoring store (it has no manifest.json); create one with planeval ingest --store {p}",
                p = path.display()
            ),
            StoreMissing { path } => format!(
                "the store {p} does not exist; check the --store path (relative to the current folder), or create the store with planeval ingest <returns> --store {p}",
                p = path.display()
            ),
            StoreIsAFile { path } => format!(
                "--store names {}, a file: the store is a folder (with manifest.json, panel/ and so on); give that folder",
                path.display()
            ),
            StoreTooNew { path, found, supported } => format!(
                "the store {} was written by a newer planeval (layout version {found}; this one reads up to {supported}); upgrade planeval and do not write to it with this version",
                path.display()
            ),
            StoreCorrupt { path, reason } => format!(
                "the store file {} is damaged or incomplete: {}; restore it from a backup or ask the maintainer",
                path.display(),
                reason.en
            ),
            StoreManifestMissing { path, parts, example } => format!(
                "the store {p} has no manifest.json, yet its folder holds {parts} data files (e.g. {example}): the manifest was probably deleted or not copied. planeval neither deletes these files nor starts a new store beside them; run planeval store repair --store {p} to rebuild the manifest from them, or restore manifest.json from a backup",
                p = path.display()
            ),
            StoreUnlistedParts { path, listed, unlisted, example } => format!(
                "the store {p}'s manifest.json lists {listed} data files, but the folder holds {unlisted} more (e.g. {example}): the manifest may be an old copy restored from a backup. planeval does not delete unlisted files; run planeval store repair --store {p} to rebuild the manifest from the files there",
                p = path.display()
            ),
            StoreWrite { path, reason } => {
                format!("could not write the store {}: {}", path.display(), reason.en)
            }
            UnknownExportFormat { path } => format!(
                "which format to export is unclear: {}; end the file name with .xlsx, .csv or .parquet",
                path.display()
            ),
            StoreLocked { path, pid, host, since, command } => format!(
                "another process is writing the store {p} (process {pid} on {host}, since {since}, command: {command}); run again when it has finished. If that process surely no longer exists, delete the lock file {p}/store.lock",
                p = path.display()
            ),
            InvalidAreas { file, count, errors } => format!(
                "the areas file {file} has {count} errors and cannot be used:\n{}",
                areas_details(errors, Lang::En)
            ),
            AreaRequired { store, count, list, example } => format!(
                "the store {} holds {count} areas: {}. Choose one with --area, by name or code (e.g. --area {example}); areas are never evaluated together",
                store.display(),
                list.en
            ),
            UnknownArea { name, areas_file, list } => format!(
                "the area “{name}” is neither in the areas file {areas_file} nor in the store; areas in the store: {}. Give an areas file with --areas",
                list.en
            ),
            AmbiguousArea { name, candidates } => format!(
                "several areas of the areas file are called “{name}”: {candidates}; give the code with --area"
            ),
            PackageUnreadable { path, reason } => format!(
                "the package {path} cannot be read: {}; nothing was ingested; ask the sender to export it again with planeval export",
                reason.en
            ),
            PackageTampered { path, reason } => format!(
                "the package {path} does not match its manifest: {}. It was altered after export or damaged in transfer; nothing was ingested; ask the sender to export it again with planeval export and send it",
                reason.en
            ),
            PackageTooNew { path, found, supported } => format!(
                "the package {path} was made by a newer planeval (format version {found}; this one reads up to {supported}); nothing was ingested; upgrade planeval"
            ),
            PackageOtherPlan { path, found, ours } => format!(
                "the package {path} belongs to another plan: {found}; this run uses {ours}. Their indicators may mean different things, so nothing was ingested; give the sender's plan file with --plan"
            ),
            PackageArea { path, area, reason } => format!(
                "the package {path} for the area {area} cannot be ingested: {}; nothing was ingested",
                reason.en
            ),
            ExportNothing { store, area, year } => format!(
                "the store {} holds no data (values, quarantined cells or self-assessments) for {area} in {year}; no package was written; ingest that year's returns first",
                store.display()
            ),
            ExportAreaWithoutCode { area, areas_file } => format!(
                "the area {area} is not in the areas file {areas_file}, so it has no GB/T 2260 code and no package can be written; give an areas file that has it with --areas"
            ),
            ByAreaWithoutChildren { area, areas_file } => format!(
                "--by-area compares the areas below one area, but {area} has none in the areas file {areas_file}; choose a prefecture or province with --area, or give an areas file with the areas below it with --areas"
            ),
            JobConfig { path, message } => {
                format!("the job file {} is wrong: {}", path.display(), message.en)
            }
            DemoOutNotEmpty { path } => format!(
                "the folder {} is not empty and was not made by planeval demo; choose another --out folder",
                path.display()
            ),
            DemoDataMissing { path } => format!(
                "the demo data is not at {}; run planeval demo in the source folder, or point --data at the fixtures/demo folder",
                path.display()
            ),
        }
    }

    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// How many of an areas file's errors its message spells out.
const AREAS_ERRORS_SHOWN: usize = 8;

/// An unusable areas file's first errors, one line each: location, code, message, raw text, hint.
fn areas_details(errors: &[Diagnostic], lang: Lang) -> String {
    let mut lines: Vec<String> = errors
        .iter()
        .take(AREAS_ERRORS_SHOWN)
        .map(|d| {
            let (message, hint) = d.text_in(lang).unwrap_or((&d.message, &d.hint));
            let raw = d
                .raw
                .as_deref()
                .map(|r| DiagText::AreasRaw.say(lang, &[("raw", r)]))
                .unwrap_or_default();
            let sep = DiagText::AreasHintSeparator.text(lang);
            format!(
                "  {}: [{}] {message}{raw}{sep}{hint}",
                d.location,
                d.code.id()
            )
        })
        .collect();
    if errors.len() > AREAS_ERRORS_SHOWN {
        let n = (errors.len() - AREAS_ERRORS_SHOWN).to_string();
        lines.push(format!(
            "  {}",
            DiagText::AreasMoreErrors.say(lang, &[("n", &n)])
        ));
    }
    lines.join("\n")
}
