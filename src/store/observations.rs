//! What scoring reads, taken from the store: the current panel as `score::Observation`s and the current
//! self-assessments as `score::Assessment`s.
//!
//! Pure functions over rows already read. The store keeps every unit's report of a key side by side
//! (a cooperating unit may report an indicator its lead unit also reports); scoring wants one number
//! per indicator, year and breakdown, so one is chosen here, by the same rule the wide panel uses: the
//! indicator's lead unit, else the latest revision. Rows scoring has no use for are left out: numerator
//! and denominator rows (parts of a rate, not observations), rows of another plan, indicators the plan
//! does not have, and breakdown words outside the store's vocabulary (which ingest never writes).

use super::panel::{current_assessments, AssessmentRow, PanelRow};
use crate::catalog::Catalog;
use crate::score::{Area, Assessment, Field, Observation, Sex};
use std::collections::BTreeMap;

/// The sex breakdown of a panel row's `sex` column.
pub fn sex_of(key: &str) -> Option<Sex> {
    match key {
        "total" => Some(Sex::Total),
        "female" => Some(Sex::Female),
        "male" => Some(Sex::Male),
        _ => None,
    }
}

/// The urban–rural breakdown of a panel row's `area` column.
pub fn area_of(key: &str) -> Option<Area> {
    match key {
        "total" => Some(Area::Total),
        "urban" => Some(Area::Urban),
        "rural" => Some(Area::Rural),
        _ => None,
    }
}

/// What a panel row's `field` column means to scoring; `None` for numerator and denominator rows.
pub fn field_of(key: &str) -> Option<Field> {
    match key {
        "value" => Some(Field::Value),
        "target" => Some(Field::Target),
        _ => None,
    }
}

/// (indicator, year, sex, area, field): one observation.
type ObsKey = (String, i32, Sex, Area, Field);
/// (reported by the lead unit, from the plan's own region, revision): higher wins.
type Rank = (bool, bool, u32);

/// One observation per indicator, year and breakdown from current panel rows (`Store::current_panel`).
///
/// When several reporting units (or areas) report the same key, the row reported by the indicator's
/// lead unit wins, then a row of the plan's own region (`org`), then the highest revision. The result is
/// sorted by key, so the same store always gives the same input to scoring.
pub fn observations(cat: &Catalog, rows: &[PanelRow]) -> Vec<Observation> {
    let mut chosen: BTreeMap<ObsKey, (Rank, f64)> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.plan_id == cat.plan.id) {
        let Some(ind) = cat.indicator(&r.indicator) else {
            continue;
        };
        let (Some(sex), Some(area), Some(field)) =
            (sex_of(&r.sex), area_of(&r.area), field_of(&r.field))
        else {
            continue;
        };
        let lead = cat
            .resolve_unit(&r.reporting_unit)
            .map_or(r.reporting_unit.as_str(), |u| u.name.as_str())
            == ind.lead_unit;
        let rank = (lead, r.org == cat.plan.region, r.revision);
        let key = (r.indicator.clone(), r.year, sex, area, field);
        match chosen.get(&key) {
            Some((best, _)) if *best >= rank => {}
            _ => {
                chosen.insert(key, (rank, r.value));
            }
        }
    }
    chosen
        .into_iter()
        .map(
            |((indicator, year, sex, area, field), (_, value))| Observation {
                indicator,
                year,
                sex,
                area,
                field,
                value,
            },
        )
        .collect()
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
        let obs = observations(&cat, &rows);
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
        let obs = observations(&cat, &[numerator, other_plan, unknown, target]);
        assert_eq!(obs.len(), 1);
        assert_eq!(
            (obs[0].field, obs[0].area, obs[0].value),
            (Field::Target, Area::Rural, 12.5)
        );
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
