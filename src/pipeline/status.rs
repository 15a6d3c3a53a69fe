//! `status`: who has returned what for a year — per responsible unit of an area, or, for a prefecture
//! or province, per area below it (and the areas below with nothing in the store).

use crate::areas::{select::select, Areas};
use crate::i18n::Lang;
use crate::store::completeness::{completeness, Completeness};
use crate::store::query::Filter;
use crate::store::Store;
use crate::{Catalog, Error};
use serde::Serialize;
use std::path::Path;

/// One area's completeness, as `status --json` prints it.
#[derive(Serialize)]
pub struct AreaCompleteness {
    pub area: String,
    pub code: Option<String>,
    #[serde(flatten)]
    pub completeness: Completeness,
}

/// `status --json` of an area with areas below it: each of them, and the area's own returns.
#[derive(Serialize)]
pub struct AreasCompleteness {
    pub area: String,
    pub code: Option<String>,
    pub year: i32,
    pub areas: Vec<AreaCompleteness>,
    /// Areas below it in the areas file with nothing in the store.
    pub not_in_store: Vec<String>,
}

/// The completeness of an area: its units', or its areas' below.
pub enum Returns {
    /// A county (an area without areas below it): its units; `label` names the area.
    Area {
        label: String,
        returns: AreaCompleteness,
    },
    /// A prefecture or province: one entry per area below it (and itself, when it reports).
    Areas {
        label: String,
        returns: AreasCompleteness,
    },
}

/// What the store says of `year`'s returns of `area` (`None`: the store's only area).
pub fn returns(
    cat: &Catalog,
    areas: &Areas,
    store_dir: &Path,
    area: Option<&str>,
    year: i32,
    lang: Lang,
) -> Result<Returns, Error> {
    let store = Store::open(&store_dir)?;
    let store_areas = store.areas(&areas)?;
    let sel = select(areas, &store_areas, area, &store_dir, &cat.plan.region)?;
    let current = if sel.within.is_empty() {
        Vec::new()
    } else {
        store.query_panel(
            &Filter {
                plan_id: Some(&cat.plan.id),
                orgs: Some(&sel.within),
                years: &[year],
                ..Default::default()
            },
            true,
        )?
    };

    if sel.has_children {
        // A prefecture or province: one line per area below it (and itself, when it reports).
        let below: Vec<&crate::areas::StoreArea> = store_areas
            .areas
            .iter()
            .filter(|a| a.orgs.iter().any(|o| sel.contains(o)))
            .collect();
        let list: Vec<AreaCompleteness> = below
            .iter()
            .map(|a| AreaCompleteness {
                area: a.name.clone(),
                code: a.code.clone(),
                completeness: completeness(cat, store.manifest(), &current, year, &|o| {
                    a.orgs.iter().any(|x| x == o)
                }),
            })
            .collect();
        let not_in_store: Vec<String> = sel
            .code
            .as_deref()
            .map(|c| {
                areas
                    .children(c)
                    .iter()
                    .filter(|d| !below.iter().any(|a| a.code.as_deref() == Some(&d.code)))
                    .map(|d| d.label())
                    .collect()
            })
            .unwrap_or_default();
        return Ok(Returns::Areas {
            label: sel.label_in(lang),
            returns: AreasCompleteness {
                area: sel.name.clone(),
                code: sel.code.clone(),
                year,
                areas: list,
                not_in_store,
            },
        });
    }
    let c = completeness(cat, store.manifest(), &current, year, &|o| sel.contains(o));
    Ok(Returns::Area {
        label: sel.label_in(lang),
        returns: AreaCompleteness {
            area: sel.name.clone(),
            code: sel.code.clone(),
            completeness: c,
        },
    })
}
