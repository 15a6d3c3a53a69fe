//! `evaluate`: gather what a stage of an area reads from the store (and its children), score it, write
//! its outputs.
//!
//! An area's series is its own values or, for an area with areas below it, their rollup
//! (`store::area`); completeness and open data problems cover the area and the areas below it; reviews
//! are the area's own. With an output folder, the evaluation group's review column of the previous
//! evaluation workbook there is read back first and recorded in the store's overrides.json (under the
//! store's writer lock), so that this evaluation uses it and the new workbook shows it pre-filled.
//! Findings: data errors of the as-of year that no later return has corrected, or a review conclusion
//! that could not be used.

use super::{command_line, Status};
use crate::areas::Areas;
use crate::fsutil::write_atomic;
use crate::report::compare::{self, AreaOutcome, Compared, Comparison};
use crate::report::evaluation;
use crate::report::facts::{Facts, RunInfo};
use crate::report::messages::{fill, unit_name, Lang, Msg};
use crate::report::review::{read_reviews, RejectedReview, ReviewRead};
use crate::rollup::AreaReport;
use crate::score::{
    evaluate_inputs, rejections, Evaluation, Inputs, Observation, OpenProblem, ScoreConfig, Stage,
};
use crate::store::completeness::{completeness, Completeness};
use crate::store::lock::StoreLock;
use crate::store::observations::assessments;
use crate::store::outstanding::outstanding;
use crate::store::overrides::{OverrideChanges, Overrides};
use crate::store::{self, AssessmentRow, QuarantineRow, Store};
use crate::{Catalog, Diagnostic, Error, Severity as DiagSeverity};
use std::path::{Path, PathBuf};

/// What `evaluate` is asked to do, checked ([`EvaluateConfig::new`]) before any work.
#[derive(Debug, Clone)]
pub struct EvaluateConfig {
    pub stage: Stage,
    /// The as-of year, within the plan period.
    pub year: i32,
    pub store: PathBuf,
    /// Write the outputs (and read back the previous workbook's reviews) here.
    pub out: Option<PathBuf>,
    pub lang: Lang,
    /// The area, by name or code; `None`: the store's only area.
    pub area: Option<String>,
    /// Also score every area directly below and write the comparison.
    pub by_area: bool,
}

impl EvaluateConfig {
    /// The stage's year: as given, or the plan's mid-term or final year; the annual stage needs one.
    pub fn new(
        cat: &Catalog,
        stage: Stage,
        year: Option<i32>,
        store: PathBuf,
        lang: Lang,
    ) -> Result<EvaluateConfig, Error> {
        if stage == Stage::Annual && year.is_none() {
            return Err(Error::AnnualNeedsYear {
                start: cat.plan.period_start,
                end: cat.plan.period_end,
            });
        }
        let year = year
            .or_else(|| stage.default_year(&cat.plan))
            .unwrap_or(cat.plan.period_end);
        check_year(cat, year)?;
        Ok(EvaluateConfig {
            stage,
            year,
            store,
            out: None,
            lang,
            area: None,
            by_area: false,
        })
    }
}

/// What an evaluation made: the evaluated area's evaluation and inputs, the areas below (with
/// `by_area`), and the files written (evaluation workbook and Word report first, summary.json and
/// report.md last).
pub struct Evaluated {
    pub gathered: Gathered,
    pub children: Vec<AreaOutcome>,
    pub written: Vec<String>,
}

/// An evaluation is as of a year of the plan period.
pub fn check_year(cat: &Catalog, year: i32) -> Result<(), Error> {
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

/// Everything an evaluation's outputs are made from, owned (`Facts` borrows it).
pub struct Gathered {
    pub ev: Evaluation,
    pub obs: Vec<Observation>,
    pub assessment_rows: Vec<AssessmentRow>,
    pub overrides: Overrides,
    pub completeness: Vec<Completeness>,
    pub outstanding: Vec<QuarantineRow>,
    pub run: RunInfo,
    /// Problems of the review columns read back.
    pub diagnostics: Vec<Diagnostic>,
    /// One line per workbook whose reviews were read.
    pub review_lines: Vec<String>,
    /// Review conclusions that could not be used, to show again in the rewritten workbook.
    pub rejected_reviews: Vec<RejectedReview>,
    /// Reviews recorded in or withdrawn from overrides.json by this evaluation.
    pub reviews_changed: usize,
    /// The area evaluated, as the outputs state it.
    pub area: AreaReport,
}

impl Gathered {
    pub fn facts<'a>(&'a self, cat: &'a Catalog, lang: Lang) -> Facts<'a> {
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
    pub fn status(&self) -> Status {
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
pub fn gather(
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
pub fn gather_from(
    cat: &Catalog,
    areas: &Areas,
    st: &Store,
    store_areas: &crate::areas::StoreAreas,
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

/// Evaluates the configured stage of the area, and the areas below with `by_area`; with `out`, writes
/// every output atomically (the comparison workbook and the areas' feedback before summary.json and
/// report.md).
pub fn evaluate(cat: &Catalog, areas: &Areas, cfg: &EvaluateConfig) -> Result<Evaluated, Error> {
    let mut g = gather(
        cat,
        areas,
        &cfg.store,
        cfg.stage,
        cfg.year,
        cfg.out.as_deref(),
        cfg.lang,
        cfg.area.as_deref(),
    )?;
    let children = if cfg.by_area {
        gather_children(cat, areas, cfg, &g.area)?
    } else {
        Vec::new()
    };
    if cfg.by_area {
        let cmp = Comparison {
            cat,
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
    let mut written = match &cfg.out {
        Some(out) => write_outputs(&g.facts(cat, cfg.lang), out)?,
        None => Vec::new(),
    };
    if let (Some(out), Some(compared)) = (&cfg.out, &g.run.compared) {
        let cmp = Comparison {
            cat,
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
    Ok(Evaluated {
        gathered: g,
        children,
        written,
    })
}

/// Every area directly below the evaluated one, scored as `evaluate --area` scores it (in parallel:
/// each reads only its own rows), with what the comparison shows of it.
fn gather_children(
    cat: &Catalog,
    areas: &Areas,
    cfg: &EvaluateConfig,
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
                && (o.kind == crate::catalog::ObjectiveKind::Qualitative || o.indicators.is_empty())
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
    let _lock = StoreLock::acquire(dir, &command_line(), &store::now())?;
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
    crate::report::write_outputs(f, &|name, bytes| write_atomic(&out.join(name), bytes))
}
