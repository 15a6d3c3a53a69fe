//! `panel`: the monitoring panel of an area for statisticians — long (one row per value with its
//! provenance) or wide (indicators × years) — and its export to xlsx / csv / parquet.
//!
//! One block per area of the store within the selection (a county: itself), in the areas file's order;
//! rows of different areas never share a block.

use crate::areas::{select::select, Areas};
use crate::store::export::{self, ExportFormat, WideRow};
use crate::store::query::Filter;
use crate::store::{PanelRow, Store};
use crate::{fsutil, Catalog, Error};
use std::path::PathBuf;

/// Which rows `panel` shows.
#[derive(Debug, Clone, Default)]
pub struct PanelConfig {
    pub store: PathBuf,
    /// Only these years (empty: all).
    pub years: Vec<i32>,
    /// Only values this unit reported (an alias is accepted); wide: the indicators it leads or joins.
    pub unit: Option<String>,
    /// Only these indicators (empty: all).
    pub indicators: Vec<String>,
    /// Long form: superseded rows too.
    pub all_revisions: bool,
    /// The area (name or code); `None`: the store's only area.
    pub area: Option<String>,
}

/// The selected rows, in plan order within each area's block.
pub struct Panel {
    pub rows: Vec<PanelRow>,
    /// (area name, the `org` texts of its rows), in the areas file's order.
    pub blocks: Vec<(String, Vec<String>)>,
    /// The unit asked for, by its canonical name.
    pub unit: Option<String>,
}

/// The rows of the configured selection.
pub fn panel(cat: &Catalog, areas: &Areas, cfg: &PanelConfig) -> Result<Panel, Error> {
    let unit = match &cfg.unit {
        Some(u) => Some(cat.require_unit(u)?),
        None => None,
    };
    let store = Store::open(&cfg.store)?;
    let store_areas = store.areas(&areas)?;
    let sel = select(
        areas,
        &store_areas,
        cfg.area.as_deref(),
        &cfg.store,
        &cat.plan.region,
    )?;
    // One block per area of the store within the selection (a county: itself), in the areas file's
    // order; rows of different areas never share a block.
    let mut blocks: Vec<(String, Vec<String>)> = store_areas
        .areas
        .iter()
        .filter(|a| a.orgs.iter().any(|o| sel.contains(o)))
        .map(|a| (a.name.clone(), a.orgs.clone()))
        .collect();
    if blocks.is_empty() {
        blocks.push((sel.name.clone(), sel.orgs.clone()));
    }
    let mut selected: Vec<PanelRow> = if sel.within.is_empty() {
        Vec::new()
    } else {
        store.query_panel(
            &Filter {
                plan_id: Some(&cat.plan.id),
                orgs: Some(&sel.within),
                years: &cfg.years,
                indicators: &cfg.indicators,
                reporting_unit: unit.as_deref(),
                fields: &[],
            },
            !cfg.all_revisions,
        )?
    };
    let block_of = |org: &str| {
        blocks
            .iter()
            .position(|(_, orgs)| orgs.iter().any(|o| o == org))
    };
    export::sort_in_plan_order(cat, &mut selected);
    selected.sort_by_key(|r| block_of(&r.org));

    Ok(Panel {
        rows: selected,
        blocks,
        unit,
    })
}

impl Panel {
    /// The wide form: one row per indicator (and breakdown) of the selection, one column per year (the
    /// years asked for, or those with values).
    pub fn wide(&self, cat: &Catalog, cfg: &PanelConfig) -> (Vec<WideRow>, Vec<i32>) {
        let scope = |i: &crate::catalog::Indicator| {
            self.unit.as_deref().is_none_or(|u| i.involves(u))
                && (cfg.indicators.is_empty() || cfg.indicators.contains(&i.code))
        };
        let wide = export::wide_rows(cat, &self.rows, &scope, &self.blocks);
        let years = if cfg.years.is_empty() {
            export::wide_years(&wide)
        } else {
            let mut y = cfg.years.clone();
            y.sort_unstable();
            y.dedup();
            y
        };
        (wide, years)
    }
}

/// Writes the wide form to `path` in `format`, atomically.
pub fn export_wide(
    cat: &Catalog,
    wide: &[WideRow],
    years: &[i32],
    format: ExportFormat,
    path: &std::path::Path,
) -> Result<(), Error> {
    let title = format!("{}　监测数据（宽表）", cat.plan.name);
    let bytes = match format {
        ExportFormat::Xlsx => export::wide_xlsx(cat, wide, years, &title).map_err(Error::Xlsx)?,
        ExportFormat::Csv => export::wide_csv(wide, years)?,
        ExportFormat::Parquet => export::wide_parquet(wide, years)?,
    };
    fsutil::write_atomic(path, &bytes)
}

/// Writes the long form to `path` in `format`, atomically.
pub fn export_long(
    cat: &Catalog,
    rows: &[PanelRow],
    format: ExportFormat,
    path: &std::path::Path,
) -> Result<(), Error> {
    let bytes = match format {
        ExportFormat::Xlsx => export::long_xlsx(cat, rows).map_err(Error::Xlsx)?,
        ExportFormat::Csv => export::long_csv(rows)?,
        ExportFormat::Parquet => export::long_parquet(rows)?,
    };
    fsutil::write_atomic(path, &bytes)
}
