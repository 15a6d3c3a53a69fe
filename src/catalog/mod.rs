//! The plan as data: domains, main objectives (主要目标), indicators with their targets, and the
//! responsible units (责任单位).
//!
//! Everything downstream — templates, intake, scoring, reports — reads a `Catalog`. The default catalog is
//! 古县妇女发展"十四五"规划, embedded from `templates/plans/`; `--plan FILE` replaces it, so the same binary
//! serves the next plan. See `load` for how a plan file is read and checked.

pub mod aggregation;
pub mod load;
pub mod measure;
pub mod target;

pub use aggregation::{Aggregation, AggregationMethod, RollupPolicy};
pub use load::{parse, Parsed, DEFAULT_AROUND_TOLERANCE};
pub use measure::MeasureUnit;
pub use target::{Dimension, Direction, Target, TargetKind};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use serde::Serialize;
use std::path::Path;

/// The text of the built-in plan file.
pub const BUILTIN_PLAN_TOML: &str =
    include_str!("../../templates/plans/gu-county-women-2021-2025.toml");
/// How diagnostics name the built-in plan file.
pub const BUILTIN_PLAN_NAME: &str = "templates/plans/gu-county-women-2021-2025.toml";

/// A plan with everything needed to monitor and evaluate it.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    pub plan: PlanMeta,
    pub units: Vec<OrgUnit>,
    pub domains: Vec<Domain>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanMeta {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub issuer: String,
    /// The issuing document number, e.g. 古政发〔2023〕10号.
    pub document: String,
    pub issued_on: Option<String>,
    pub region: String,
    pub period_start: i32,
    pub period_end: i32,
    pub baseline_year: i32,
    pub midterm_year: i32,
    pub final_year: i32,
    /// Tolerance of `around` / `matches` targets that do not state their own.
    pub around_tolerance: f64,
    pub monitoring_lead: Option<String>,
    pub evaluation_lead: Option<String>,
    /// When a rollup over areas is shown (`[rollup]`).
    pub rollup: RollupPolicy,
}

/// A responsible unit (责任单位) under its normalised short name.
#[derive(Debug, Clone, Serialize)]
pub struct OrgUnit {
    pub name: String,
    pub name_en: String,
    /// Other spellings departments use (县妇联, 妇女联合会 …), resolved to `name`.
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Domain {
    pub code: String,
    pub number: u32,
    pub name: String,
    pub name_en: String,
    pub responsible_units: Vec<String>,
    pub objectives: Vec<Objective>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveKind {
    /// Has at least one measurable indicator.
    Quantitative,
    /// No number: scored from the departments' self-assessment.
    Qualitative,
}

impl ObjectiveKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            ObjectiveKind::Quantitative => "定量",
            ObjectiveKind::Qualitative => "定性",
        }
    }
}

/// A main objective (主要目标), numbered as in the plan (`2.3` = domain 2, objective 3).
#[derive(Debug, Clone, Serialize)]
pub struct Objective {
    pub code: String,
    pub number: u32,
    /// The plan's text, verbatim.
    pub text: String,
    pub kind: ObjectiveKind,
    /// Who self-assesses a qualitative objective.
    pub lead_unit: Option<String>,
    pub cooperating_units: Vec<String>,
    pub indicators: Vec<Indicator>,
}

/// The parts of a rate, so templates can ask for them and intake can check the rate against them.
#[derive(Debug, Clone, Serialize)]
pub struct RateParts {
    pub numerator: String,
    pub denominator: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub unit: MeasureUnit,
    pub unit_symbol: String,
    pub decimals: u8,
    pub direction: Direction,
    pub target: Target,
    pub lead_unit: String,
    pub cooperating_units: Vec<String>,
    pub source: String,
    pub disaggregation: Vec<Dimension>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateParts>,
    /// Whether a department must report it every year.
    pub required: bool,
    /// How its values of several areas combine into the area above them.
    pub aggregation: Aggregation,
    /// A rate built on a case or two a year (mother-to-child transmission, maternal deaths in a county):
    /// its fluctuation is judged on pooled three-year values, not single years (docs/METHOD.md §5.1).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub small_counts: bool,
}

impl Indicator {
    /// The indicator's name in `lang` (the Chinese name where the plan gives no English one).
    pub fn name_in(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name,
        }
    }

    /// Whether departments report this indicator themselves. A gap target computed from another
    /// indicator's disaggregated values (`of = …`) is derived, not reported.
    pub fn is_reported(&self) -> bool {
        !(self.target.kind == TargetKind::GapNarrows && self.target.of.is_some())
    }

    /// A gap target measured on this indicator's own breakdown: departments report the two groups
    /// (female and male, urban and rural) and the gap is computed; there is no total to report.
    pub fn gap_of_own_groups(&self) -> bool {
        self.target.kind == TargetKind::GapNarrows && self.target.of.is_none()
    }

    pub fn involves(&self, unit: &str) -> bool {
        self.lead_unit == unit || self.cooperating_units.iter().any(|u| u == unit)
    }
}

impl Objective {
    pub fn involves(&self, unit: &str) -> bool {
        self.lead_unit.as_deref() == Some(unit)
            || self.cooperating_units.iter().any(|u| u == unit)
            || self.indicators.iter().any(|i| i.involves(unit))
    }
}

/// Normalises a unit name as departments type it: no spaces, full-width brackets as half-width.
pub fn normalize_unit_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

impl Catalog {
    /// A responsible unit's name in `lang` (as given where the plan has no English name for it).
    pub fn unit_name_in<'a>(&'a self, name: &'a str, lang: crate::i18n::Lang) -> &'a str {
        match lang {
            crate::i18n::Lang::En => self
                .units
                .iter()
                .find(|u| u.name == name && !u.name_en.is_empty())
                .map_or(name, |u| u.name_en.as_str()),
            crate::i18n::Lang::Zh => name,
        }
    }

    /// Years a department can report for (templates, check, ingest, the scheduled job): the plan
    /// period and the baseline year. Anything else — `24` for 2024, `2042` — is refused up front.
    pub fn check_reporting_year(&self, year: i32) -> Result<(), crate::Error> {
        let p = &self.plan;
        if (p.period_start..=p.period_end).contains(&year) || year == p.baseline_year {
            Ok(())
        } else {
            Err(crate::Error::BadYear {
                year,
                start: p.period_start,
                end: p.period_end,
                baseline: p.baseline_year,
            })
        }
    }

    /// The built-in plan. It is checked by the test suite, so failing here is a build defect.
    pub fn builtin() -> Result<Catalog, Error> {
        Self::from_str(BUILTIN_PLAN_TOML, BUILTIN_PLAN_NAME)
    }

    /// Loads a plan file; any error-level problem makes the whole file unusable.
    pub fn from_path(path: &Path) -> Result<Catalog, Error> {
        let src = read_plan_text(path)?;
        Self::from_str(&src, &path.display().to_string())
    }

    /// Loads the plan file if one is given, else the built-in plan.
    pub fn load(path: Option<&Path>) -> Result<Catalog, Error> {
        match path {
            Some(p) => Self::from_path(p),
            None => Self::builtin(),
        }
    }

    pub fn from_str(src: &str, file: &str) -> Result<Catalog, Error> {
        let Parsed {
            catalog,
            diagnostics,
        } = parse(src, file);
        catalog.ok_or_else(|| Error::InvalidPlan {
            file: file.to_string(),
            diagnostics: diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect(),
        })
    }

    /// Every indicator with its domain and objective, in plan order.
    pub fn indicators(&self) -> impl Iterator<Item = (&Domain, &Objective, &Indicator)> {
        self.domains.iter().flat_map(|d| {
            d.objectives
                .iter()
                .flat_map(move |o| o.indicators.iter().map(move |i| (d, o, i)))
        })
    }

    pub fn objectives(&self) -> impl Iterator<Item = (&Domain, &Objective)> {
        self.domains
            .iter()
            .flat_map(|d| d.objectives.iter().map(move |o| (d, o)))
    }

    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators()
            .map(|(_, _, i)| i)
            .find(|i| i.code == code)
    }

    /// Resolves a unit name or alias as a department may type it (`县妇联` → `妇联`).
    pub fn resolve_unit(&self, name: &str) -> Option<&OrgUnit> {
        let key = normalize_unit_name(name);
        self.units.iter().find(|u| {
            normalize_unit_name(&u.name) == key
                || u.aliases.iter().any(|a| normalize_unit_name(a) == key)
        })
    }

    /// (indicator code, unit spelling) for every spelling a return may give an indicator's lead unit in:
    /// the plan's text, the unit's name and its aliases. The one place that says whose value of an
    /// indicator counts when several units report it: the lead unit's (scoring's observations and the
    /// wide panel both ask this).
    pub fn lead_unit_spellings(&self) -> std::collections::BTreeSet<(String, String)> {
        let mut pairs = std::collections::BTreeSet::new();
        for (_, _, ind) in self.indicators() {
            pairs.insert((ind.code.clone(), ind.lead_unit.clone()));
            if let Some(u) = self.resolve_unit(&ind.lead_unit) {
                pairs.insert((ind.code.clone(), u.name.clone()));
                for a in &u.aliases {
                    pairs.insert((ind.code.clone(), a.clone()));
                }
            }
        }
        pairs
    }

    /// Like `resolve_unit`, for a name the user typed on the command line: the normalised name, or an
    /// error listing every unit of the plan.
    pub fn require_unit(&self, name: &str) -> Result<String, Error> {
        self.resolve_unit(name)
            .map(|u| u.name.clone())
            .ok_or_else(|| Error::UnknownUnit {
                name: name.to_string(),
                known: self
                    .units
                    .iter()
                    .map(|u| u.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
            })
    }

    /// The plan cut down to what one unit leads or cooperates on; domains and objectives without any of
    /// its work are dropped.
    pub fn for_unit(&self, unit: &str) -> Catalog {
        let domains = self
            .domains
            .iter()
            .filter_map(|d| {
                let objectives: Vec<Objective> = d
                    .objectives
                    .iter()
                    .filter(|o| o.involves(unit))
                    .map(|o| {
                        let mut o = o.clone();
                        if o.kind == ObjectiveKind::Quantitative {
                            o.indicators.retain(|i| i.involves(unit));
                        }
                        o
                    })
                    .collect();
                (!objectives.is_empty()).then(|| Domain {
                    objectives,
                    ..d.clone()
                })
            })
            .collect();
        Catalog {
            plan: self.plan.clone(),
            units: self
                .units
                .iter()
                .filter(|u| u.name == unit)
                .cloned()
                .collect(),
            domains,
        }
    }
}

/// Reads a plan file, refusing anything that is clearly not one before parsing it.
pub fn read_plan_text(path: &Path) -> Result<String, Error> {
    // A plan file is a few hundred KB at most; refuse to slurp something huge by mistake.
    const MAX_PLAN_BYTES: u64 = 16 * 1024 * 1024;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > MAX_PLAN_BYTES {
        return Err(Error::PlanTooLarge {
            path: path.to_path_buf(),
            bytes: meta.len(),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|_| Error::PlanNotUtf8 {
        path: path.to_path_buf(),
    })
}
