//! The scheduled job: a `job.toml` that says which plan, inbox, store, outputs, year and stages a
//! `planeval run` processes, and the run log it appends to.
//!
//! Paths in the file are relative to the file's own folder, so a job folder can be moved or copied as a
//! whole. Unknown keys are errors (a misspelt `stages` must not silently run nothing).

use crate::error::{Error, Reason};
use crate::i18n::diagnostics::DiagText;
use crate::intake::OtherYears;
use crate::score::Stage;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The commented `job.toml` that `planeval init` writes.
pub const JOB_TEMPLATE: &str = r#"# planeval 定期作业配置 / scheduled job configuration
# 由 planeval init 生成。路径相对于本文件所在的文件夹。运行：planeval run --config job.toml

# 计划文件：builtin 为内置的古县妇女发展“十四五”规划；也可写计划文件的路径（TOML）。
plan = "builtin"

# 单位（地区），写入报表和评估结果；数据库中有多个地区（如市级汇总各县）时，评估的就是这个地区。
org = "古县"

# 地区表（CSV：代码,名称,上级代码,级别[,权重列…]）；builtin 为内置的 山西省 › 临汾市 › 古县。
# 市级、省级汇总各县时写上本市（本省）的地区表，如 areas = "临汾市地区表.csv"。
areas = "builtin"

# 收件箱：各责任单位报回的工作簿放在这里（可写多个文件夹）。planeval 只读取，从不移动或修改其中的文件；
# 按内容（SHA-256）判断哪些是新文件。
inbox = ["inbox"]

# 基期及历年数据（长表，xlsx 或 csv）：基期年（2020 年）和规划期内已有年份的数值，评估以此为起点。
# 先用 planeval template --baseline --out 模板/ 生成“基期及历年数据.xlsx”，由统计局填好后放在本文件夹，
# 再写成 baseline = ["基期及历年数据.xlsx"]。为空时 run 会提示：没有基期值的指标无法判断进展。
baseline = []

# 监测数据库（Parquet，按年份分区）。
store = "store"

# 评估结果（工作簿、summary.json、report.md）的输出文件夹；每个阶段一个子文件夹。
out = "outputs"

# 本次处理的填报年度。
year = 2023

# 收件箱中写明其他年度的报表（如上年的文件）：skip 不入库（默认，每次运行都列出），ingest 按其自身年度入库。
other_years = "skip"

# 同时生成本年度各责任单位的填报模板（outputs/填报模板-<年度>/），其中填好监测数据库中的基期值和上年值，
# 供各单位下发使用：true 或 false。
templates = false

# 要生成的评估：annual（年度监测）、midterm（中期评估）、final（终期评估）。
stages = ["annual"]

# 输出语言：zh 或 en。
lang = "zh"

# 运行日志（JSON Lines，每次运行追加一行）。
log = "logs/run.jsonl"
"#;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJob {
    #[serde(default)]
    plan: Option<String>,
    #[serde(default)]
    org: Option<String>,
    #[serde(default)]
    areas: Option<String>,
    inbox: Vec<String>,
    #[serde(default)]
    baseline: Vec<String>,
    store: String,
    out: String,
    year: i32,
    #[serde(default)]
    other_years: Option<String>,
    #[serde(default)]
    templates: bool,
    stages: Vec<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    log: Option<String>,
}

/// A job with every path resolved against the config file's folder.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    pub config: PathBuf,
    /// `None` means the built-in plan.
    pub plan: Option<PathBuf>,
    pub org: Option<String>,
    /// The areas file; `None` means the built-in one.
    pub areas: Option<PathBuf>,
    pub inbox: Vec<PathBuf>,
    pub baseline: Vec<PathBuf>,
    pub store: PathBuf,
    pub out: PathBuf,
    pub year: i32,
    /// What to do with inbox files that say another year.
    pub other_years: OtherYears,
    /// Also write the year's department templates, with baseline and last year's values filled in.
    pub templates: bool,
    pub stages: Vec<Stage>,
    pub lang: String,
    pub log: PathBuf,
}

impl Job {
    pub fn load(path: &Path) -> Result<Job, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let bad = |text: DiagText, args: &[(&str, &str)]| Error::JobConfig {
            path: path.to_path_buf(),
            message: Reason::said(text, args),
        };
        let raw: RawJob = toml::from_str(&text)
            .map_err(|e| bad(DiagText::JobNotToml, &[("detail", e.to_string().trim())]))?;
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let resolve = |p: &str| base.join(p);
        let mut stages = Vec::new();
        for s in &raw.stages {
            match Stage::from_key(s) {
                Some(st) if !stages.contains(&st) => stages.push(st),
                Some(_) => {}
                None => return Err(bad(DiagText::JobBadStage, &[("stage", s)])),
            }
        }
        if stages.is_empty() {
            return Err(bad(DiagText::JobNoStages, &[]));
        }
        if raw.inbox.is_empty() {
            return Err(bad(DiagText::JobNoInbox, &[]));
        }
        let lang = raw.lang.unwrap_or_else(|| "zh".into());
        if lang != "zh" && lang != "en" {
            return Err(bad(DiagText::JobBadLang, &[("lang", &lang)]));
        }
        let other_years = match raw.other_years.as_deref() {
            None | Some("skip") => OtherYears::Skip,
            Some("ingest") => OtherYears::Ingest,
            Some(other) => return Err(bad(DiagText::JobBadOtherYears, &[("value", other)])),
        };
        if !(1900..=2200).contains(&raw.year) {
            return Err(bad(
                DiagText::JobBadYear,
                &[("year", &raw.year.to_string())],
            ));
        }
        Ok(Job {
            config: path.to_path_buf(),
            plan: raw
                .plan
                .filter(|p| p != "builtin" && !p.is_empty())
                .map(|p| resolve(&p)),
            org: raw.org,
            areas: raw
                .areas
                .filter(|p| p != "builtin" && !p.is_empty())
                .map(|p| resolve(&p)),
            inbox: raw.inbox.iter().map(|p| resolve(p)).collect(),
            baseline: raw.baseline.iter().map(|p| resolve(p)).collect(),
            store: resolve(&raw.store),
            out: resolve(&raw.out),
            year: raw.year,
            other_years,
            templates: raw.templates,
            stages,
            lang,
            log: resolve(raw.log.as_deref().unwrap_or("logs/run.jsonl")),
        })
    }
}

impl Job {
    /// The job folder: the folder of job.toml, as an absolute path when it can be resolved.
    pub fn dir(&self) -> PathBuf {
        let base = self
            .config
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf())
    }

    /// How the run log and `run --json` name a path: relative to the job folder when inside it (so a
    /// log reads the same whatever folder cron started in, and after the job folder is moved), absolute
    /// otherwise.
    pub fn log_path(&self, path: &Path) -> String {
        let dir = self.dir();
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| {
            // Not there (yet): resolve the folder it would be in.
            match (path.parent(), path.file_name()) {
                (Some(parent), Some(name)) => std::fs::canonicalize(parent)
                    .map(|p| p.join(name))
                    .unwrap_or_else(|_| path.to_path_buf()),
                _ => path.to_path_buf(),
            }
        });
        match abs.strip_prefix(&dir) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
            Ok(_) => ".".into(),
            Err(_) => abs.display().to_string(),
        }
    }
}

/// One line of the run log. Paths in it are relative to the job folder (`job_dir`), or absolute when
/// outside it.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct RunLogEntry {
    pub started_at: String,
    pub finished_at: String,
    pub duration_ms: u128,
    /// The job folder, absolute: what every other path of the entry is relative to.
    #[serde(default)]
    pub job_dir: String,
    pub config: String,
    pub year: i32,
    pub stages: Vec<String>,
    /// Files new by content hash and ingested in this run.
    pub files_new: Vec<String>,
    /// Files already in the store (unchanged content), left alone.
    pub files_unchanged: usize,
    /// Inbox files that say another year than the job's and were not stored (`other_years = "skip"`).
    #[serde(default)]
    pub files_other_year: Vec<String>,
    /// The store holds no baseline sheet: indicators without a baseline value cannot show progress.
    #[serde(default)]
    pub no_baseline: bool,
    pub values_added: usize,
    pub values_superseded: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Outputs rewritten in this run.
    pub outputs: Vec<String>,
    /// Entries of the inbox not read, and why (a FIFO, a link leading out, other files), or noted;
    /// their errors and warnings are counted in `errors` and `warnings`.
    #[serde(default, skip_deserializing, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<crate::Diagnostic>,
    /// Review conclusions of the evaluation group recorded (or withdrawn) from the previous evaluation
    /// workbooks' review column in this run.
    #[serde(default)]
    pub reviews_recorded: usize,
    /// `ok`, `nothing_new`, `data_problems`, `failed`, `locked`.
    pub outcome: String,
    pub exit_code: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Appends one JSON line to the run log, creating its folder. A log that cannot be written is
/// reported by the caller but never fails the run itself.
pub fn append_log(path: &Path, entry: &RunLogEntry) -> Result<(), Error> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut line = serde_json::to_string(entry).map_err(|e| Error::JobConfig {
        path: path.to_path_buf(),
        message: Reason::said(DiagText::JobLogNotWritten, &[("detail", &e.to_string())]),
    })?;
    line.push('\n');
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    f.write_all(line.as_bytes()).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_loads_with_paths_beside_it() {
        let dir = std::env::temp_dir().join(format!("planeval-job-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cfg = dir.join("job.toml");
        std::fs::write(&cfg, JOB_TEMPLATE).unwrap();
        let job = Job::load(&cfg).unwrap();
        assert_eq!(job.inbox, [dir.join("inbox")]);
        assert_eq!(job.store, dir.join("store"));
        assert_eq!(job.stages, [Stage::Annual]);
        assert!(job.plan.is_none());
        assert!(job.areas.is_none(), "builtin");
        std::fs::write(
            &cfg,
            JOB_TEMPLATE.replace("areas = \"builtin\"", "areas = \"临汾市地区表.csv\""),
        )
        .unwrap();
        assert_eq!(
            Job::load(&cfg).unwrap().areas,
            Some(dir.join("临汾市地区表.csv"))
        );
        std::fs::write(&cfg, JOB_TEMPLATE.replace("stages = [", "stage = [")).unwrap();
        let err = Job::load(&cfg).unwrap_err().to_string();
        assert!(err.contains("stage"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
