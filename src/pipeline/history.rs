//! `history`: how each value of one indicator came to be — every revision with its file, cell, raw text
//! and time, which one is current (the store's rule, `panel::current`), and the cells that were rejected
//! on the way, of one area and the areas below it.

use crate::areas::{select::select, Areas};
use crate::store::query::Filter;
use crate::store::{panel, Store};
use crate::{Catalog, Error};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

/// Which values `history` shows.
#[derive(Debug, Clone, Default)]
pub struct HistoryConfig {
    pub store: PathBuf,
    pub indicator: String,
    pub year: Option<i32>,
    /// Only values this unit reported (an alias is accepted).
    pub unit: Option<String>,
    /// The area (name or code); `None`: the store's only area.
    pub area: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct Entry {
    /// The area (单位（地区）) as its return wrote it.
    pub org: String,
    pub year: i32,
    pub sex: String,
    pub area: String,
    pub field: String,
    pub reporting_unit: String,
    pub value: f64,
    pub raw: String,
    pub file: String,
    pub sha256: String,
    pub sheet: String,
    pub cell: String,
    pub source: Option<String>,
    pub ingested_at: String,
    pub revision: u32,
    /// The 报送包 that brought the value, when it came from a lower level's store (its file name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    /// `current` or `superseded`.
    pub status: &'static str,
}

#[derive(Serialize, Debug)]
pub struct Rejected {
    pub org: String,
    pub year: i32,
    pub reporting_unit: String,
    pub code: String,
    pub message: String,
    pub raw: Option<String>,
    pub file: String,
    pub sheet: String,
    pub cell: String,
    pub ingested_at: String,
    pub revision: u32,
}

#[derive(Serialize, Debug)]
pub struct History {
    pub indicator: String,
    pub name: Option<String>,
    pub unit: Option<String>,
    pub values: Vec<Entry>,
    pub rejected: Vec<Rejected>,
}

/// The indicator's history; `None` when the plan does not know the indicator and the store holds
/// nothing of it.
pub fn history(
    cat: &Catalog,
    areas: &Areas,
    cfg: &HistoryConfig,
) -> Result<Option<History>, Error> {
    let store = Store::open(&cfg.store)?;
    let sel = select(
        areas,
        &store.areas(&areas)?,
        cfg.area.as_deref(),
        &cfg.store,
        &cat.plan.region,
    )?;
    let ind = cat.indicator(&cfg.indicator);
    let unit = match &cfg.unit {
        Some(u) => Some(cat.require_unit(u)?),
        None => None,
    };
    let indicators = [cfg.indicator.clone()];
    let years: Vec<i32> = cfg.year.into_iter().collect();
    let filter = Filter {
        orgs: Some(&sel.within),
        years: &years,
        indicators: &indicators,
        reporting_unit: unit.as_deref(),
        ..Default::default()
    };
    // Every revision of the indicator's keys: which is current is decided among them (every column of
    // the filter is a key column).
    let all = if sel.within.is_empty() {
        Vec::new()
    } else {
        store.query_panel(&filter, false)?
    };
    let rows: Vec<_> = all.iter().collect();
    let current: HashMap<panel::PanelKey, u32> = panel::current(&all)
        .into_iter()
        .map(|r| (r.key(), r.revision))
        .collect();
    let quarantine = if sel.within.is_empty() {
        Vec::new()
    } else {
        store.query_quarantine(&Filter {
            orgs: Some(&sel.within),
            ..Default::default()
        })?
    };
    let rejected: Vec<Rejected> = quarantine
        .into_iter()
        .filter(|q| q.indicator.as_deref() == Some(cfg.indicator.as_str()))
        .filter(|q| cfg.year.is_none_or(|y| q.year == y))
        .filter(|q| unit.as_deref().is_none_or(|u| q.reporting_unit == u))
        .map(|q| Rejected {
            org: q.org,
            year: q.year,
            reporting_unit: q.reporting_unit,
            code: q.code,
            message: q.message,
            raw: q.raw,
            file: q.source_file,
            sheet: q.sheet,
            cell: q.cell,
            ingested_at: q.ingested_at,
            revision: q.revision,
        })
        .collect();
    if ind.is_none() && rows.is_empty() && rejected.is_empty() {
        return Ok(None);
    }
    let package_of: std::collections::HashMap<u32, &str> = store
        .manifest()
        .files
        .iter()
        .filter_map(|f| f.package.as_ref().map(|p| (f.revision, p.name.as_str())))
        .collect();
    let mut values: Vec<Entry> = rows
        .into_iter()
        .map(|r| Entry {
            package: package_of.get(&r.revision).map(|p| p.to_string()),
            status: if current.get(&r.key()) == Some(&r.revision) {
                "current"
            } else {
                "superseded"
            },
            org: r.org.clone(),
            year: r.year,
            sex: r.sex.clone(),
            area: r.area.clone(),
            field: r.field.clone(),
            reporting_unit: r.reporting_unit.clone(),
            value: r.value,
            raw: r.raw.clone(),
            file: r.source_file.clone(),
            sha256: r.sha256.clone(),
            sheet: r.sheet.clone(),
            cell: r.cell.clone(),
            source: r.source.clone(),
            ingested_at: r.ingested_at.clone(),
            revision: r.revision,
        })
        .collect();
    let order = |s: &str, all: &[&str]| all.iter().position(|x| *x == s).unwrap_or(all.len());
    values.sort_by(|a, b| {
        (
            &a.org,
            a.year,
            order(&a.field, &panel::FIELDS),
            order(&a.sex, &panel::SEXES),
            order(&a.area, &panel::AREAS),
            &a.reporting_unit,
            a.revision,
        )
            .cmp(&(
                &b.org,
                b.year,
                order(&b.field, &panel::FIELDS),
                order(&b.sex, &panel::SEXES),
                order(&b.area, &panel::AREAS),
                &b.reporting_unit,
                b.revision,
            ))
    });
    Ok(Some(History {
        indicator: cfg.indicator.clone(),
        name: ind.map(|i| i.name.clone()),
        unit: ind.map(|i| i.unit_symbol.clone()),
        values,
        rejected,
    }))
}
