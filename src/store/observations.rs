//! What scoring reads, taken from the store: one observation per area, indicator, year, breakdown and
//! item, and the current self-assessments as `score::Assessment`s.
//!
//! The store keeps every unit's report of a key side by side (a cooperating unit may report an
//! indicator its lead unit also reports); scoring wants one number per indicator, year and breakdown of
//! one area, so one is chosen here, by the same rule the wide panel uses: the indicator's lead unit,
//! else the latest revision. Areas never mix: the choice is made within an area, and an area's values
//! are never ranked against another area's. The rule is one polars query (`choose`: a join with the
//! plan's lead units, a group-by over the key) that serves both a store scan and rows already read.
//! Rows scoring has no use for are left out: rows of another plan, indicators the plan does not have,
//! and breakdown words outside the store's vocabulary (which ingest never writes). Numerators and
//! denominators are kept as items of their own: rollups over areas recompute rates from them.

use super::panel::{current_assessments, panel_frame, AssessmentRow, PanelRow};
use super::query::{lazy, strings, Filter};
use super::Store;
#[cfg(test)]
use crate::breakdown::Field;
use crate::breakdown::{Area, Sex};
use crate::catalog::Catalog;
use crate::error::Error;
use crate::i18n::diagnostics::DiagText;
use crate::score::{Assessment, Observation};
use polars::prelude as pl;
use polars::prelude::{col, lit, IntoLazy};
use std::collections::{BTreeMap, BTreeSet};

pub use crate::breakdown::Item;

/// One number of one area.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaObservation {
    /// The area it belongs to (the id given with its `org` texts to [`Store::area_observations`]).
    pub org: String,
    pub indicator: String,
    pub year: i32,
    pub sex: Sex,
    pub area: Area,
    pub item: Item,
    pub value: f64,
}

impl AreaObservation {
    /// As scoring reads it; `None` for numerators and denominators.
    pub fn observation(&self) -> Option<Observation> {
        Some(Observation {
            indicator: self.indicator.clone(),
            year: self.year,
            sex: self.sex,
            area: self.area,
            field: self.item.field()?,
            value: self.value,
        })
    }
}

/// (indicator, unit spelling): every spelling of each indicator's lead unit (`Catalog::lead_unit_spellings`).
fn lead_units(cat: &Catalog) -> Result<pl::LazyFrame, Error> {
    let pairs = cat.lead_unit_spellings();
    let (inds, units): (Vec<String>, Vec<String>) = pairs.into_iter().unzip();
    let n = inds.len();
    lazy(vec![
        pl::Column::new("lead_indicator".into(), inds),
        pl::Column::new("lead_unit".into(), units),
        pl::Column::new("is_lead".into(), vec![true; n]),
    ])
}

/// The one number per area, indicator, year, breakdown and item among current panel rows (`current`,
/// with at least `plan_id, org, indicator, year, sex, area, field, value, reporting_unit, revision`):
/// the lead unit's, else the latest revision's. `orgs` maps each stored `org` text to its area id;
/// rows of other texts are left out.
fn choose(
    cat: &Catalog,
    current: pl::LazyFrame,
    orgs: &[(String, String)],
) -> Result<Vec<AreaObservation>, Error> {
    let (texts, ids): (Vec<String>, Vec<String>) = orgs.iter().cloned().unzip();
    let areas = lazy(vec![
        pl::Column::new("org_text".into(), texts),
        pl::Column::new("area_id".into(), ids),
    ])?;
    let items = Item::KEYS;
    let lf = current
        .filter(
            col("plan_id").eq(lit(cat.plan.id.clone())).and(
                items
                    .iter()
                    .fold(lit(false), |acc, f| acc.or(col("field").eq(lit(*f)))),
            ),
        )
        .join(
            areas,
            [col("org")],
            [col("org_text")],
            pl::JoinArgs::new(pl::JoinType::Inner),
        )
        .join(
            lead_units(cat)?,
            [col("indicator"), col("reporting_unit")],
            [col("lead_indicator"), col("lead_unit")],
            pl::JoinArgs::new(pl::JoinType::Left),
        )
        .with_column(col("is_lead").fill_null(lit(false)))
        .group_by([
            col("area_id"),
            col("indicator"),
            col("year"),
            col("sex"),
            col("area"),
            col("field"),
        ])
        .agg([col("value")
            .sort_by(
                [col("is_lead"), col("revision")],
                pl::SortMultipleOptions::default().with_order_descending(true),
            )
            .first()]);
    let df = lf.collect().map_err(|e| Error::StoreCorrupt {
        path: Default::default(),
        reason: crate::error::Reason::said(
            DiagText::StoreQueryFailed,
            &[("detail", &e.to_string())],
        ),
    })?;
    let (org, indicator, sex, area, field) = (
        strings(&df, "area_id")?,
        strings(&df, "indicator")?,
        strings(&df, "sex")?,
        strings(&df, "area")?,
        strings(&df, "field")?,
    );
    let num = |name: &str| -> Result<Vec<Option<f64>>, Error> {
        let c = df
            .column(name)
            .and_then(|c| c.cast(&pl::DataType::Float64))
            .map_err(|e| Error::StoreCorrupt {
                path: Default::default(),
                reason: crate::error::Reason::same(e.to_string()),
            })?;
        Ok(c.f64().map(|ca| ca.iter().collect()).unwrap_or_default())
    };
    let (year, value) = (num("year")?, num("value")?);
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(o), Some(ind), Some(y), Some(v)) = (&org[i], &indicator[i], year[i], value[i])
        else {
            continue;
        };
        if cat.indicator(ind).is_none() {
            continue;
        }
        let (Some(sex), Some(area), Some(item)) = (
            sex[i].as_deref().and_then(Sex::from_key),
            area[i].as_deref().and_then(Area::from_key),
            field[i].as_deref().and_then(Item::from_key),
        ) else {
            continue;
        };
        out.push(AreaObservation {
            org: o.clone(),
            indicator: ind.clone(),
            year: y as i32,
            sex,
            area,
            item,
            value: v,
        });
    }
    // The same store always gives scoring the same input.
    out.sort_by(|a, b| {
        (&a.org, &a.indicator, a.year, a.sex, a.area, a.item).cmp(&(
            &b.org,
            &b.indicator,
            b.year,
            b.sex,
            b.area,
            b.item,
        ))
    });
    Ok(out)
}

impl Store {
    /// The observations of the plan's areas given as (`org` text, area id): one number per area,
    /// indicator, year, breakdown and item, read with one scan of the listed parts.
    pub fn area_observations(
        &self,
        cat: &Catalog,
        orgs: &[(String, String)],
    ) -> Result<Vec<AreaObservation>, Error> {
        let texts: Vec<String> = orgs.iter().map(|(t, _)| t.clone()).collect();
        let filter = Filter {
            plan_id: Some(&cat.plan.id),
            orgs: Some(&texts),
            ..Default::default()
        };
        match self.current_frame(&filter)? {
            Some(lf) => choose(cat, lf, orgs),
            None => Ok(Vec::new()),
        }
    }
}

/// The one number per area, indicator, year, breakdown and item among current panel `rows`, by the
/// store's rule (the lead unit's, else the latest revision's): what scoring and the wide panel both
/// show. `orgs` maps each `org` text to its area id; rows of other texts are left out.
pub fn chosen(
    cat: &Catalog,
    rows: &[PanelRow],
    orgs: &[(String, String)],
) -> Result<Vec<AreaObservation>, Error> {
    choose(cat, panel_frame(rows)?.lazy(), orgs)
}

/// One observation per indicator, year and breakdown of each area (`org`), from current panel rows
/// (e.g. `Store::current_panel`): what scoring reads, area by area. Numerator and denominator rows are
/// not observations.
pub fn observations(cat: &Catalog, rows: &[PanelRow]) -> BTreeMap<String, Vec<Observation>> {
    let orgs: BTreeSet<&str> = rows.iter().map(|r| r.org.as_str()).collect();
    let map: Vec<(String, String)> = orgs
        .iter()
        .map(|o| (o.to_string(), o.to_string()))
        .collect();
    let chosen = chosen(cat, rows, &map).unwrap_or_default();
    let mut out: BTreeMap<String, Vec<Observation>> = BTreeMap::new();
    for o in chosen {
        if let Some(obs) = o.observation() {
            out.entry(o.org).or_default().push(obs);
        }
    }
    out
}

/// The current self-assessments of the plan's objectives (the highest revision of each unit's answer
/// for an objective and year), with `file!sheet!cell` as their source.
pub fn assessments(cat: &Catalog, rows: &[AssessmentRow]) -> Vec<Assessment> {
    current_assessments(rows)
        .into_iter()
        .filter(|r| r.plan_id == cat.plan.id)
        .map(|r| Assessment {
            source: format!("{}!{}!{}", r.source_file, r.sheet, r.cell),
            objective: r.objective,
            unit: r.reporting_unit,
            year: r.year,
            answer: r.assessment,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(indicator: &str, year: i32, unit: &str, revision: u32, value: f64) -> PanelRow {
        PanelRow {
            plan_id: Catalog::builtin().unwrap().plan.id,
            org: "古县".into(),
            indicator: indicator.into(),
            year,
            sex: "total".into(),
            area: "total".into(),
            field: "value".into(),
            value,
            unit: "percent".into(),
            reporting_unit: unit.into(),
            source_file: format!("{unit}.xlsx"),
            sha256: "x".into(),
            sheet: "指标填报".into(),
            cell: "H5".into(),
            raw: value.to_string(),
            source: None,
            remarks: None,
            ingested_at: String::new(),
            revision,
        }
    }

    #[test]
    fn the_lead_unit_s_value_wins_over_a_later_one_of_a_cooperating_unit() {
        let cat = Catalog::builtin().unwrap();
        let ind = cat.indicator("maternal_mortality").unwrap();
        let lead = ind.lead_unit.clone();
        let rows = vec![
            row("maternal_mortality", 2023, &lead, 3, 15.0),
            row("maternal_mortality", 2023, "县医疗集团", 9, 14.0),
            row("maternal_mortality", 2022, "县医疗集团", 2, 16.1),
        ];
        let obs = observations(&cat, &rows).remove("古县").unwrap();
        assert_eq!(
            obs,
            vec![
                Observation::total("maternal_mortality", 2022, 16.1),
                Observation::total("maternal_mortality", 2023, 15.0),
            ]
        );
    }

    #[test]
    fn parts_of_rates_other_plans_and_unknown_indicators_are_not_observations() {
        let cat = Catalog::builtin().unwrap();
        let lead = cat
            .indicator("maternal_mortality")
            .unwrap()
            .lead_unit
            .clone();
        let mut numerator = row("maternal_mortality", 2023, &lead, 1, 1.0);
        numerator.field = "numerator".into();
        let mut other_plan = row("maternal_mortality", 2023, &lead, 1, 1.0);
        other_plan.plan_id = "another-plan".into();
        let unknown = row("no_such_indicator", 2023, &lead, 1, 1.0);
        let mut target = row("maternal_mortality", 2023, &lead, 1, 12.5);
        target.field = "target".into();
        target.area = "rural".into();
        let obs = observations(&cat, &[numerator, other_plan, unknown, target])
            .remove("古县")
            .unwrap();
        assert_eq!(obs.len(), 1);
        assert_eq!(
            (obs[0].field, obs[0].area, obs[0].value),
            (Field::Target, Area::Rural, 12.5)
        );
    }

    #[test]
    fn areas_never_mix_whatever_the_plan_s_region() {
        let cat = Catalog::builtin().unwrap();
        let lead = cat
            .indicator("maternal_mortality")
            .unwrap()
            .lead_unit
            .clone();
        let gu = row("maternal_mortality", 2023, &lead, 1, 15.0);
        let mut other = row("maternal_mortality", 2023, &lead, 2, 30.0);
        other.org = "安泽县".into();
        let obs = observations(&cat, &[gu, other]);
        assert_eq!(obs.len(), 2);
        assert_eq!(obs["古县"][0].value, 15.0);
        assert_eq!(obs["安泽县"][0].value, 30.0);
    }

    #[test]
    fn assessments_name_their_cell_and_take_the_latest_revision() {
        let cat = Catalog::builtin().unwrap();
        let a = |revision: u32, answer: &str| AssessmentRow {
            plan_id: cat.plan.id.clone(),
            org: "古县".into(),
            objective: "1.10".into(),
            year: 2023,
            reporting_unit: "卫健体局".into(),
            assessment: answer.into(),
            measures: String::new(),
            problems: String::new(),
            evidence: String::new(),
            source_file: format!("填报-卫健体局-2023-{revision}.xlsx"),
            sha256: "x".into(),
            sheet: "定性目标".into(),
            cell: "E5".into(),
            ingested_at: String::new(),
            revision,
        };
        let got = assessments(&cat, &[a(1, "部分完成"), a(2, "基本完成")]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].answer, "基本完成");
        assert_eq!(got[0].source, "填报-卫健体局-2023-2.xlsx!定性目标!E5");
    }
}
