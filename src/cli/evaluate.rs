//! `planeval evaluate`: the annual monitoring, mid-term or final evaluation of every indicator and
//! objective from the monitoring store; a summary on the terminal or the evaluation as JSON, and with
//! `--out` the workbooks people read (evaluation workbook, one feedback workbook per unit, summary.json,
//! report.md), each written atomically.
//!
//! With `--out`, the evaluation group's review column of the previous evaluation workbook in that folder
//! is read back first and recorded in the store's overrides.json (under the store's writer lock), so
//! that this evaluation uses it and the new workbook shows it pre-filled.
//!
//! Exit codes: 0 done; 1 done, but the store holds data errors of the as-of year that no later return
//! has corrected, or a review conclusion could not be used; 2 could not run; 3 the store is locked by a
//! writer while reviews needed recording.

use super::render::{diagnostic_text, shown_text, table, truncate};
use super::Globals;
use super::Status;
use planeval::areas::Areas;
use planeval::fsutil::write_atomic;
use planeval::report::compare::{self, AreaOutcome, Compared, Comparison};
use planeval::report::evaluation;
use planeval::report::facts::{Facts, RunInfo, Severity};
use planeval::report::messages::{
    domain_name, fill, indicator_name, status_label, unit_name, warning_label, Lang, Msg,
};
use planeval::report::review::{read_reviews, RejectedReview, ReviewRead};
use planeval::rollup::AreaReport;
use planeval::score::{
    evaluate_inputs, rejections, Evaluation, Inputs, Observation, OpenProblem, ScoreConfig, Stage,
};
use planeval::store::completeness::{completeness, Completeness};
use planeval::store::lock::StoreLock;
use planeval::store::observations::assessments;
use planeval::store::outstanding::outstanding;
use planeval::store::overrides::{OverrideChanges, Overrides};
use planeval::store::{self, AssessmentRow, QuarantineRow, Store};
use planeval::{Catalog, Diagnostic, Error, Severity as DiagSeverity};
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval evaluate --stage midterm --store 监测数据库                 中期评估（默认截至规划中期年 2023 年），在终端显示摘要
  planeval evaluate --stage final --store 监测数据库 --out 终期评估/    终期评估，写出评估工作簿、各单位反馈、summary.json 和 report.md
  planeval evaluate --stage annual --year 2024 --store 监测数据库 --json
                                                                  2024 年度监测，以 JSON 输出全部评估结果
  planeval evaluate --stage midterm --store 监测数据库 --out 中期评估/ --lang en
                                                                  英文版工作簿和报告
  planeval --areas 临汾市地区表.csv evaluate --stage annual --year 2024 --store 市监测数据库 --area 临汾市
                                                                  市级年度监测：本级填报的数值优先，否则由各县汇总
  planeval evaluate --stage annual --year 2024 --store 市监测数据库 --area 古县
                                                                  从市级数据库中单独评估一个县（与该县自己的数据库结果相同）
  planeval --areas 临汾市地区表.csv evaluate --stage midterm --store 市监测数据库 --area 临汾市 --by-area --out 中期评估/
                                                                  另写出地区对比工作簿和各县的对比反馈

监测数据库中有多个地区时须用 --area 指定（名称或代码），各地区的数据不会混在一起评估。

评估组在评估工作簿“定性目标”表的“评估组审核结论”列填写审核结论后，再次运行同一命令（--out 同一文件夹）即读回并采用，
审核结论同时存入监测数据库的 overrides.json。
退出码 / Exit codes: 0 正常 · 1 评估年度尚有未更正的数据错误，或有审核结论无法采用 · 2 无法运行 · 3 数据库正被另一进程写入";

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum StageArg {
    /// 年度监测 [annual monitoring]
    #[value(alias = "年度", alias = "年度监测")]
    Annual,
    /// 中期评估 [mid-term evaluation]
    #[value(alias = "中期", alias = "中期评估")]
    Midterm,
    /// 终期评估 [final evaluation]
    #[value(alias = "终期", alias = "终期评估")]
    Final,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 评估类型：annual 年度监测、midterm 中期评估、final 终期评估 [the stage]
    #[arg(long, value_enum)]
    stage: StageArg,

    /// 评估截至年度；中期评估、终期评估默认为规划的中期年、终期年，年度监测必须指定 [the as-of year]
    #[arg(long, value_name = "YEAR", required_if_eq("stage", "annual"))]
    year: Option<i32>,

    /// 监测数据库文件夹 [the store folder]
    #[arg(long, value_name = "DIR")]
    store: PathBuf,

    /// 以 JSON 输出全部评估结果 [print the evaluation as JSON]
    #[arg(long)]
    json: bool,

    /// 写出评估工作簿、各单位反馈工作簿、summary.json 和 report.md 的文件夹
    /// [write the evaluation outputs into this folder]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// 评估哪个地区（名称或 GB/T 2260 代码，如 古县、141025、临汾市）；数据库中只有一个地区时可省略
    /// [the area to evaluate, by name or code; needed when the store holds several]
    #[arg(long, value_name = "NAME|CODE")]
    area: Option<String>,

    /// 地区对比：同时评估 --area 的每个下级地区，写出地区对比工作簿（地区 × 指标、达标率排名、预警、未报送、
    /// 汇总覆盖率）和每个下级地区的对比反馈；summary.json 增加各地区达标率
    /// [also compare the areas below --area: comparison workbook, one feedback workbook per area]
    #[arg(long)]
    by_area: bool,
}

/// The command line, checked, before any work.
struct Config {
    stage: Stage,
    year: i32,
    store: PathBuf,
    json: bool,
    out: Option<PathBuf>,
    lang: Lang,
    area: Option<String>,
    by_area: bool,
}

impl Config {
    fn from_args(cat: &Catalog, args: Args, lang: Lang) -> Result<Config, Error> {
        let stage = match args.stage {
            StageArg::Annual => Stage::Annual,
            StageArg::Midterm => Stage::Midterm,
            StageArg::Final => Stage::Final,
        };
        // clap requires --year for `--stage annual`, but not for its Chinese aliases (年度): checked here.
        if stage == Stage::Annual && args.year.is_none() {
            return Err(Error::AnnualNeedsYear {
                start: cat.plan.period_start,
                end: cat.plan.period_end,
            });
        }
        let year = args
            .year
            .or_else(|| stage.default_year(&cat.plan))
            .unwrap_or(cat.plan.period_end);
        check_year(cat, year)?;
        Ok(Config {
            stage,
            year,
            store: args.store,
            json: args.json,
            out: args.out,
            lang,
            area: args.area,
            by_area: args.by_area,
        })
    }
}

/// An evaluation is as of a year of the plan period.
fn check_year(cat: &Catalog, year: i32) -> Result<(), Error> {
    let p = &cat.plan;
    if (p.period_start..=p.period_end).contains(&year) {
        Ok(())
    } else {
        Err(Error::BadEvaluationYear {
            year,
            start: p.period_start,
            end: p.period_end,
            midterm: p.midterm_year,
            final_year: p.final_year,
        })
    }
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let (plan, areas) = (g.plan, g.areas);
    match run_checked(plan, areas, args, g.lang) {
        Err(err @ Error::StoreLocked { .. }) => {
            eprintln!("planeval: 错误：{err}");
            Ok(Status::Locked)
        }
        other => other,
    }
}

/// Everything an evaluation's outputs are made from, owned (`Facts` borrows it).
struct Gathered {
    ev: Evaluation,
    obs: Vec<Observation>,
    assessment_rows: Vec<AssessmentRow>,
    overrides: Overrides,
    completeness: Vec<Completeness>,
    outstanding: Vec<QuarantineRow>,
    run: RunInfo,
    /// Problems of the review columns read back.
    diagnostics: Vec<Diagnostic>,
    /// One line per workbook whose reviews were read.
    review_lines: Vec<String>,
    /// Review conclusions that could not be used, to show again in the rewritten workbook.
    rejected_reviews: Vec<RejectedReview>,
    /// Reviews recorded in or withdrawn from overrides.json by this evaluation.
    reviews_changed: usize,
    /// The area evaluated, as the outputs state it.
    area: AreaReport,
}

impl Gathered {
    fn facts<'a>(&'a self, cat: &'a Catalog, lang: Lang) -> Facts<'a> {
        Facts {
            cat,
            ev: &self.ev,
            obs: &self.obs,
            assessments: &self.assessment_rows,
            overrides: &self.overrides,
            rejected_reviews: &self.rejected_reviews,
            completeness: &self.completeness,
            outstanding: &self.outstanding,
            run: self.run.clone(),
            lang,
        }
    }

    /// Exit status: findings when data errors of the as-of year are uncorrected or a review could not
    /// be used.
    fn status(&self) -> Status {
        let as_of_errors = self.outstanding.iter().any(|q| q.year == self.ev.year);
        let review_errors = self
            .diagnostics
            .iter()
            .any(|d| d.severity == DiagSeverity::Error);
        if as_of_errors || review_errors {
            Status::Findings
        } else {
            Status::Ok
        }
    }
}

/// Reads the store (and, with `out`, the reviews of the previous workbook there), and evaluates one
/// area (`area`, a name or code; `None`: the store's only area). The area's series is its own values
/// or, for an area with areas below it, their rollup (`store::area`); completeness and open data
/// problems cover the area and the areas below it; reviews are the area's own.
#[allow(clippy::too_many_arguments)]
fn gather(
    cat: &Catalog,
    areas: &Areas,
    store_dir: &Path,
    stage: Stage,
    year: i32,
    out: Option<&Path>,
    lang: Lang,
    area: Option<&str>,
) -> Result<Gathered, Error> {
    check_year(cat, year)?;
    let st = Store::open(store_dir)?;
    let store_areas = st.areas(areas)?;
    gather_from(cat, areas, &st, &store_areas, stage, year, out, lang, area)
}

/// [`gather`] from a store already open (the areas of `--by-area` share one, rather than each
/// reading the manifest again).
#[allow(clippy::too_many_arguments)]
fn gather_from(
    cat: &Catalog,
    areas: &Areas,
    st: &Store,
    store_areas: &planeval::areas::StoreAreas,
    stage: Stage,
    year: i32,
    out: Option<&Path>,
    lang: Lang,
    area: Option<&str>,
) -> Result<Gathered, Error> {
    let store_dir = st.dir();
    let now = store::now();
    let data = st.area_data_among(cat, areas, store_areas.clone(), area)?;
    let sel = &data.selection;
    let area_id = sel.code.clone().unwrap_or_else(|| sel.name.clone());
    // Reviews recorded before areas were: they belong to the store's own area.
    let legacy = data.store_areas.areas.len() <= 1
        || sel.orgs.contains(&cat.plan.region)
        || sel.name == cat.plan.region;

    // Reviews first: this evaluation uses them.
    let mut overrides = Overrides::load(st.dir())?;
    let mut diagnostics: Vec<Diagnostic> = data.notes.clone();
    let mut review_lines = Vec::new();
    let mut rejected_reviews = Vec::new();
    let mut reviews_changed = 0;
    if let Some(out) = out {
        for read in previous_reviews(cat, out, stage, year, &now) {
            diagnostics.extend(read.diagnostics.iter().cloned());
            rejected_reviews.extend(read.rejected.iter().cloned());
            let mut probe = overrides.clone();
            let changes = probe.apply(
                year,
                &read.workbook,
                read.records.clone(),
                &read.emptied,
                Some(&area_id),
                legacy,
            );
            if !changes.is_empty() {
                overrides = record_reviews(store_dir, &read, year, &area_id, legacy)?;
            }
            reviews_changed += changes.recorded.len() + changes.withdrawn.len();
            review_lines.push(review_line(&read, &changes, lang));
        }
    }
    let overrides = overrides.of_area(&area_id, legacy);

    let obs = data.series.observations.clone();
    let assessment_rows = data.assessments.clone();
    let self_assessments = assessments(cat, &assessment_rows);
    // A set: a province's evaluation asks this of every file of the store, against thousands of areas.
    let within: std::collections::HashSet<&str> =
        data.selection.within.iter().map(String::as_str).collect();
    let in_area = |o: &str| within.contains(o);
    // Open data problems first: a figure rejected and not corrected keeps an older value from making
    // an indicator attained.
    let open = outstanding(
        st.manifest(),
        &data.current,
        &data.quarantine,
        |y| (cat.plan.baseline_year..=year).contains(&y),
        &cat.plan.region,
    );
    let rejected = rejections(
        cat,
        open.iter().map(|q| OpenProblem {
            unit: &q.reporting_unit,
            year: q.year,
            indicator: q.indicator.as_deref(),
            whole_file: q.sheet.is_empty(),
            value_rejected: !q.kept && q.raw.as_deref().is_some_and(|r| !r.is_empty()),
        }),
    );
    let overrides_used = overrides.to_overrides();
    let inputs = Inputs {
        observations: &obs,
        assessments: &self_assessments,
        overrides: &overrides_used,
        rejections: &rejected,
    };
    let ev = evaluate_inputs(cat, &inputs, stage, year, &ScoreConfig::default());
    let completeness: Vec<_> = (cat.plan.baseline_year + 1..=year)
        .map(|y| completeness(cat, st.manifest(), &data.current, y, &in_area))
        .collect();
    let plan_years = cat.plan.baseline_year..=year;
    let area_report = data.report(areas, year);
    let run = RunInfo {
        generated_at: now,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        files: st
            .manifest()
            .files
            .iter()
            .filter(|f| in_area(f.org.as_deref().unwrap_or(&cat.plan.region)))
            .filter(|f| f.years.iter().any(|y| plan_years.contains(y)))
            .count(),
        values: obs.iter().filter(|o| o.year <= year).count(),
        area: Some(area_report.clone()),
        compared: None,
    };
    Ok(Gathered {
        ev,
        obs,
        assessment_rows,
        overrides,
        completeness,
        outstanding: open,
        run,
        diagnostics,
        review_lines,
        rejected_reviews,
        reviews_changed,
        area: area_report,
    })
}

/// The outputs of one stage into `out` (reviews of the previous workbook there read back first), for
/// `run` and `demo`: the evaluation workbook, the Word report, the unit feedback workbooks,
/// summary.json and report.md.
/// `lang` is `zh` or `en` (anything else is Chinese). Returns the paths written.
#[allow(clippy::too_many_arguments)]
pub fn write_stage_outputs(
    cat: &Catalog,
    areas: &Areas,
    store_dir: &Path,
    stage: Stage,
    year: i32,
    out: &Path,
    lang: &str,
    area: Option<&str>,
) -> Result<StageOutputs, Error> {
    let lang = Lang::from_key(lang).unwrap_or_default();
    let g = gather(cat, areas, store_dir, stage, year, Some(out), lang, area)?;
    let names = write_outputs(&g.facts(cat, lang), out)?;
    Ok(StageOutputs {
        paths: names.into_iter().map(|n| out.join(n)).collect(),
        reviews_changed: g.reviews_changed,
        review_lines: g.review_lines,
        review_problems: g.diagnostics,
    })
}

/// What [`write_stage_outputs`] did.
pub struct StageOutputs {
    /// Every file written, the evaluation workbook first.
    pub paths: Vec<PathBuf>,
    /// Review conclusions recorded or withdrawn from the previous workbook's review column.
    pub reviews_changed: usize,
    /// One line per workbook whose reviews were read.
    pub review_lines: Vec<String>,
    /// Problems of the review column (E001–E004).
    pub review_problems: Vec<Diagnostic>,
}

fn run_checked(
    plan: Option<&Path>,
    areas: Option<&Path>,
    args: Args,
    lang: Lang,
) -> Result<Status, Error> {
    let cat = Catalog::load(plan)?;
    let areas = Areas::load(areas)?;
    let cfg = Config::from_args(&cat, args, lang)?;
    let mut g = gather(
        &cat,
        &areas,
        &cfg.store,
        cfg.stage,
        cfg.year,
        cfg.out.as_deref(),
        cfg.lang,
        cfg.area.as_deref(),
    )?;
    let children = if cfg.by_area {
        gather_children(&cat, &areas, &cfg, &g.area)?
    } else {
        Vec::new()
    };
    if cfg.by_area {
        let cmp = Comparison {
            cat: &cat,
            lang: cfg.lang,
            parent: &g.area,
            parent_ev: &g.ev,
            areas: &children,
        };
        let mut outputs = vec![compare::file_name(cfg.stage, cfg.year, cfg.lang)];
        outputs.extend(
            children
                .iter()
                .map(|a| compare::feedback_file_name(&a.name, cfg.stage, cfg.year, cfg.lang)),
        );
        g.run.compared = Some(Compared {
            areas: cmp.rates(),
            outputs,
        });
    }
    let facts = g.facts(&cat, cfg.lang);
    let mut written = match &cfg.out {
        Some(out) => write_outputs(&facts, out)?,
        None => Vec::new(),
    };
    if let (Some(out), Some(compared)) = (&cfg.out, &g.run.compared) {
        let cmp = Comparison {
            cat: &cat,
            lang: cfg.lang,
            parent: &g.area,
            parent_ev: &g.ev,
            areas: &children,
        };
        write_atomic(
            &out.join(&compared.outputs[0]),
            &compare::build(&cmp).map_err(Error::Xlsx)?,
        )?;
        for (i, name) in compared.outputs.iter().skip(1).enumerate() {
            write_atomic(
                &out.join(name),
                &compare::build_feedback(&cmp, i).map_err(Error::Xlsx)?,
            )?;
        }
        // Listed before summary.json and report.md, which stay last.
        let at = written.len().saturating_sub(2);
        for (k, name) in compared.outputs.iter().enumerate() {
            written.insert(at + k, name.clone());
        }
    }

    if cfg.json {
        let json = EvaluationJson {
            area: &g.area,
            compared: g.run.compared.as_ref(),
            ev: &g.ev,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&json)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
        for d in &g.diagnostics {
            eprintln!("{}", diagnostic_text(d));
        }
    } else {
        print_summary(&facts, &cfg);
        if let Some(c) = &g.run.compared {
            print_ranking(c, cfg.lang);
        }
        for d in &g.diagnostics {
            println!("{}", diagnostic_text(d));
        }
        for line in &g.review_lines {
            println!("{}", shown_text(line));
        }
        if let Some(out) = &cfg.out {
            // The workbook and the Word report first, summary.json and report.md last.
            let comparison = g.run.compared.as_ref().map_or(0, |c| c.outputs.len());
            let feedback = written.len().saturating_sub(4 + comparison);
            let mut shown: Vec<String> = written.iter().take(2).cloned().collect();
            shown.push(fill(
                Msg::CliFeedbackFiles.text(cfg.lang),
                &[("n", &feedback.to_string())],
            ));
            if let Some(c) = &g.run.compared {
                shown.push(c.outputs[0].clone());
                shown.push(fill(
                    Msg::CliAreaFeedbackFiles.text(cfg.lang),
                    &[("n", &(c.outputs.len() - 1).to_string())],
                ));
            }
            shown.extend(written.iter().rev().take(2).rev().cloned());
            println!(
                "{}",
                fill(
                    Msg::CliWritten.text(cfg.lang),
                    &[
                        ("dir", &out.display().to_string()),
                        ("files", &shown.join(cfg.lang.pick("、", ", ")))
                    ]
                )
            );
        }
    }
    Ok(g.status())
}

/// The JSON of `evaluate --json`: the evaluation exactly as scored, and the area it is of (with its
/// coverage and, for an area with areas below it, where each value came from).
#[derive(serde::Serialize)]
struct EvaluationJson<'a> {
    area: &'a AreaReport,
    /// With `--by-area`: the areas below, their rates and ranks.
    #[serde(skip_serializing_if = "Option::is_none")]
    compared: Option<&'a Compared>,
    #[serde(flatten)]
    ev: &'a Evaluation,
}

/// Every area directly below the evaluated one, scored as `evaluate --area` scores it (in parallel:
/// each reads only its own rows), with what the comparison shows of it.
fn gather_children(
    cat: &Catalog,
    areas: &Areas,
    cfg: &Config,
    parent: &AreaReport,
) -> Result<Vec<AreaOutcome>, Error> {
    use rayon::prelude::*;
    let children = parent
        .code
        .as_deref()
        .map(|c| areas.children(c))
        .unwrap_or_default();
    if children.is_empty() {
        return Err(Error::ByAreaWithoutChildren {
            area: parent.name.clone(),
            areas_file: areas.source.clone(),
        });
    }
    let st = Store::open(&cfg.store)?;
    let store_areas = st.areas(areas)?;
    children
        .par_iter()
        .map(|d| {
            let g = gather_from(
                cat,
                areas,
                &st,
                &store_areas,
                cfg.stage,
                cfg.year,
                None,
                cfg.lang,
                Some(&d.code),
            )?;
            let as_of = g.completeness.iter().find(|c| c.year == cfg.year);
            Ok(AreaOutcome {
                name: d.name.clone(),
                code: Some(d.code.clone()),
                units_expected: as_of.map_or(0, |c| c.units_expected),
                units_missing: as_of
                    .map(|c| {
                        c.units
                            .iter()
                            .filter(|u| !u.returned)
                            .map(|u| unit_name(cat, &u.unit, cfg.lang))
                            .collect()
                    })
                    .unwrap_or_default(),
                has_data: g.obs.iter().any(|o| o.year == cfg.year),
                in_store: g.run.files > 0 || !g.obs.is_empty(),
                ev: g.ev,
            })
        })
        .collect()
}

/// The areas below, best rate first, on the terminal.
fn print_ranking(c: &Compared, lang: Lang) {
    let header = [
        Msg::ColRank.text(lang),
        Msg::ColArea.text(lang),
        Msg::ColRate.text(lang),
        Msg::ColAttained.text(lang),
        Msg::ColWarnings.text(lang),
        Msg::ColUnitsReturned.text(lang),
    ];
    let mut order: Vec<&compare::AreaRate> = c.areas.iter().collect();
    order.sort_by_key(|r| (r.rank.unwrap_or(usize::MAX), r.code.clone()));
    let rows: Vec<Vec<String>> = order
        .iter()
        .map(|r| {
            vec![
                r.rank.map_or("—".into(), |k| k.to_string()),
                r.name.clone(),
                Facts::rate_text(r.attainment_rate),
                format!("{}/{}", r.attained, r.monitorable),
                r.warnings.to_string(),
                format!("{}/{}", r.units_returned, r.units_expected),
            ]
        })
        .collect();
    println!();
    print!("{}", table(&header, &rows));
}

/// The previous evaluation workbooks of this stage and year in the output folder (in either language),
/// oldest first, read.
fn previous_reviews(
    cat: &Catalog,
    out: &Path,
    stage: Stage,
    year: i32,
    now: &str,
) -> Vec<ReviewRead> {
    let is_objective = |code: &str| {
        cat.objectives().any(|(_, o)| {
            o.code == code
                && (o.kind == planeval::catalog::ObjectiveKind::Qualitative
                    || o.indicators.is_empty())
        })
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = [Lang::Zh, Lang::En]
        .iter()
        .map(|l| out.join(evaluation::file_name(stage, year, *l)))
        .filter_map(|p| {
            let modified = std::fs::metadata(&p).and_then(|m| m.modified()).ok()?;
            Some((modified, p))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(_, p)| read_reviews(&p, year, &is_objective, now))
        .collect()
}

/// Records what a workbook's review column says in overrides.json, under the store's writer lock
/// (re-reading the file under the lock, so that a concurrent writer's reviews are kept).
fn record_reviews(
    dir: &Path,
    read: &ReviewRead,
    year: i32,
    area: &str,
    legacy: bool,
) -> Result<Overrides, Error> {
    let command: Vec<String> = std::env::args().collect();
    let _lock = StoreLock::acquire(dir, &command.join(" "), &store::now())?;
    let mut overrides = Overrides::load(dir)?;
    let changes = overrides.apply(
        year,
        &read.workbook,
        read.records.clone(),
        &read.emptied,
        Some(area),
        legacy,
    );
    if !changes.is_empty() {
        overrides.updated_at = store::now();
        overrides.save(dir)?;
    }
    Ok(overrides)
}

fn review_line(read: &ReviewRead, changes: &OverrideChanges, lang: Lang) -> String {
    fill(
        Msg::CliReviews.text(lang),
        &[
            ("workbook", &read.workbook),
            ("read", &read.records.len().to_string()),
            ("recorded", &changes.recorded.len().to_string()),
            ("withdrawn", &changes.withdrawn.len().to_string()),
        ],
    )
}

/// Writes every output atomically; returns the file names, the evaluation workbook and the Word
/// report first and summary.json and report.md last.
fn write_outputs(f: &Facts, out: &Path) -> Result<Vec<String>, Error> {
    planeval::report::write_outputs(f, &|name, bytes| write_atomic(&out.join(name), bytes))
}

/// Which area, where it sits, and — for an area with areas below it — their coverage in the as-of year
/// and where its values came from.
fn print_area(a: &AreaReport, lang: Lang) {
    for line in planeval::report::rollup_sheet::area_lines(a, lang) {
        println!("{}", shown_text(&line));
    }
}

fn print_summary(f: &Facts, cfg: &Config) {
    let lang = cfg.lang;
    let ev = f.ev;
    println!("{}", shown_text(&evaluation::title(f)));
    if let Some(a) = &f.run.area {
        print_area(a, lang);
    }
    println!(
        "{}",
        fill(
            Msg::CliStore.text(lang),
            &[
                ("store", &cfg.store.display().to_string()),
                ("files", &f.run.files.to_string()),
                ("values", &f.run.values.to_string()),
            ]
        )
    );
    println!(
        "{}",
        fill(
            Msg::CliRate.text(lang),
            &[
                ("rate", &Facts::rate_text(ev.attainment_rate)),
                ("monitorable", &ev.monitorable.to_string()),
                ("attained", &ev.attained.to_string()),
            ]
        )
    );
    let tally = |c: &planeval::score::StatusCounts| {
        c.nonzero()
            .map(|(s, n)| format!("{} {n}", status_label(s, lang)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    println!("{}{}", Msg::CliIndicators.text(lang), tally(&ev.counts));
    println!(
        "{}{}",
        Msg::CliObjectives.text(lang),
        tally(&ev.objective_counts)
    );
    println!();

    let statuses = ev.stage.statuses();
    let mut header: Vec<&str> = vec![Msg::ColDomain.text(lang), Msg::ColRate.text(lang)];
    header.extend(statuses.iter().map(|s| status_label(*s, lang)));
    header.push(Msg::ColWarnings.text(lang));
    let rows: Vec<Vec<String>> = ev
        .domains
        .iter()
        .map(|d| {
            let mut row = vec![
                domain_name(f.cat, &d.code, lang),
                Facts::rate_text(d.attainment_rate),
            ];
            row.extend(statuses.iter().map(|s| d.counts.get(*s).to_string()));
            row.push(
                planeval::score::WarningCode::ALL
                    .iter()
                    .map(|c| d.warning_counts.get(*c))
                    .sum::<usize>()
                    .to_string(),
            );
            row
        })
        .collect();
    print!("{}", table(&header, &rows));
    println!();

    let warnings = f.warning_rows();
    println!(
        "{}",
        fill(
            Msg::CliWarnings.text(lang),
            &[("n", &warnings.len().to_string())]
        )
    );
    for w in &warnings {
        let subject = match (w.indicator, w.objective) {
            (Some(r), _) => match lang {
                Lang::Zh => format!("{}（{}）", indicator_name(f.cat, &r.code, lang), r.code),
                Lang::En => format!("{} ({})", indicator_name(f.cat, &r.code, lang), r.code),
            },
            (None, Some(o)) => format!("{} {}", o.code, truncate(&o.text, 30)),
            _ => w.subject.clone(),
        };
        let mark = match w.severity {
            Severity::High => "!",
            Severity::Medium => "·",
        };
        println!(
            "  {mark} [{}] {subject}{}{}",
            warning_label(w.warning.code, lang),
            lang.pick("：", ": "),
            f.warning_message(w.warning, w.indicator)
        );
    }
    if !f.outstanding.is_empty() {
        let m = f.outstanding.iter().filter(|q| q.year == ev.year).count();
        println!();
        println!(
            "{}",
            fill(
                Msg::CliOutstanding.text(lang),
                &[
                    ("n", &f.outstanding.len().to_string()),
                    ("m", &m.to_string()),
                    ("year", &ev.year.to_string()),
                ]
            )
        );
        for q in f.outstanding {
            println!(
                "  {}: {}[{}]: {}",
                evaluation::location(q),
                planeval::Severity::Error.label_zh(),
                q.code,
                q.message
            );
        }
    }
}
