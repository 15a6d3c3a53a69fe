//! One area's data, read from the store: what the evaluation of a county, a prefecture or a province
//! reads, without ever mixing areas.
//!
//! The area is chosen among the store's areas (`areas::select`: a store of several areas must be told
//! which). A county reads its own values; an area with areas below it in the areas file reads its own
//! values and theirs, and its series is its own value where it has one, else the rollup of the areas
//! below (`crate::rollup`). Completeness and open data problems cover the area and every area below it;
//! self-assessments of qualitative objectives are the area's own (a prefecture's departments assess the
//! prefecture's objectives; its counties' answers are not rolled up).

use super::panel::{current_assessments, AssessmentRow, PanelRow, QuarantineRow};
use super::query::Filter;
use super::Store;
use crate::areas::{select, AreaSelection, Areas, StoreAreas};
use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::error::Error;
use crate::i18n::diagnostics::DiagText;
use crate::rollup::{area_series, AreaReport, AreaSeries, YearCoverage};

/// What the evaluation of one area reads.
#[derive(Debug, Clone)]
pub struct AreaData {
    pub selection: AreaSelection,
    /// Every area of the store, resolved against the areas file.
    pub store_areas: StoreAreas,
    /// The area's series (own values or rollups) and where each number came from.
    pub series: AreaSeries,
    /// Current panel rows of the area and of every area below it.
    pub current: Vec<PanelRow>,
    /// Current self-assessments of the area itself.
    pub assessments: Vec<AssessmentRow>,
    /// Quarantined cells of the area and of every area below it (every revision).
    pub quarantine: Vec<QuarantineRow>,
    /// Areas of the store the areas file does not know, when they could have belonged below the area
    /// (A010): never rolled up, listed so that nothing is dropped silently.
    pub notes: Vec<Diagnostic>,
}

impl AreaData {
    /// Whether a stored `org` text belongs to the area or an area below it.
    pub fn contains(&self, org: &str) -> bool {
        self.selection.contains(org)
    }

    /// The area as the outputs of an evaluation as of `year` state it.
    pub fn report(&self, areas: &Areas, year: i32) -> AreaReport {
        let s = &self.selection;
        let children = s
            .code
            .as_deref()
            .map(|c| areas.children(c).len())
            .unwrap_or(0);
        AreaReport {
            name: s.name.clone(),
            code: s.code.clone(),
            level: s.level,
            level_label: s.level.map(|l| l.label_zh().to_string()),
            parent: s.parent.clone(),
            path: s.path.clone(),
            areas_file: areas.source.clone(),
            children,
            coverage: self
                .series
                .coverage
                .iter()
                .find(|c| c.year == year)
                .cloned()
                .or_else(|| {
                    // Nothing below reported that year at all: say so rather than stay silent.
                    (children > 0).then(|| YearCoverage {
                        year,
                        areas_expected: children,
                        areas_reported: 0,
                        area_share: 0.0,
                        weight: None,
                        weight_share: None,
                        missing: s
                            .code
                            .as_deref()
                            .map(|c| areas.children(c).iter().map(|d| d.name.clone()).collect())
                            .unwrap_or_default(),
                    })
                }),
            sources: self.series.counts(year),
            unknown_areas: self.store_areas.unknown().map(|a| a.label()).collect(),
            values: if children > 0 {
                self.series
                    .origins
                    .iter()
                    .filter(|o| o.year <= year)
                    .cloned()
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

impl Store {
    /// The store's areas, resolved against the areas file.
    pub fn areas(&self, areas: &Areas) -> Result<StoreAreas, Error> {
        Ok(StoreAreas::resolve(areas, &self.org_counts()?))
    }

    /// The data of the area `wanted` (a name or code; `None`: the store's only area, or the plan's
    /// region in an empty store). A store of several areas without `wanted` is refused with the list.
    pub fn area_data(
        &self,
        cat: &Catalog,
        areas: &Areas,
        wanted: Option<&str>,
    ) -> Result<AreaData, Error> {
        self.area_data_among(cat, areas, self.areas(areas)?, wanted)
    }

    /// [`Store::area_data`] with the store's areas already listed (`evaluate --by-area` scores many
    /// areas of one store: listing them scans every part's `org` column, once is enough).
    pub fn area_data_among(
        &self,
        cat: &Catalog,
        areas: &Areas,
        store_areas: StoreAreas,
        wanted: Option<&str>,
    ) -> Result<AreaData, Error> {
        let selection = select::select(areas, &store_areas, wanted, self.dir(), &cat.plan.region)?;
        let within = selection.within.clone();
        let filter = Filter {
            plan_id: None,
            orgs: Some(&within),
            ..Default::default()
        };
        let current = if within.is_empty() {
            Vec::new()
        } else {
            self.query_panel(&filter, true)?
        };
        let quarantine = if within.is_empty() {
            Vec::new()
        } else {
            self.query_quarantine(&filter)?
        };
        let own_filter = Filter {
            plan_id: None,
            orgs: Some(&selection.orgs),
            ..Default::default()
        };
        let assessments = if selection.orgs.is_empty() {
            Vec::new()
        } else {
            current_assessments(&self.query_assessments(&own_filter)?)
        };

        // Observations keyed by division code (the rollup's key), or by the area's name when the
        // areas file does not know it (then it has nothing below it).
        let id_of = |org: &str| -> String {
            store_areas
                .areas
                .iter()
                .find(|a| a.orgs.iter().any(|o| o == org))
                .and_then(|a| a.code.clone())
                .unwrap_or_else(|| selection.code.clone().unwrap_or(selection.name.clone()))
        };
        let orgs: Vec<(String, String)> = within.iter().map(|o| (o.clone(), id_of(o))).collect();
        let observations = if orgs.is_empty() {
            Vec::new()
        } else {
            self.area_observations(cat, &orgs)?
        };
        let key = selection.code.clone().unwrap_or(selection.name.clone());
        let series = area_series(cat, areas, &key, &observations);

        let mut notes = Vec::new();
        if selection.has_children {
            for a in store_areas.unknown() {
                notes.push(Diagnostic::said(
                    Code::AreaNotInFile,
                    Location::File {
                        file: self.dir().display().to_string(),
                    },
                    Some(a.orgs.join("、")),
                    DiagText::AreaNotInAreasFile,
                    DiagText::HintAddArea,
                    &[
                        ("area", &a.label()),
                        ("source", &areas.source),
                        ("into", &selection.name),
                        ("rows", &a.rows.to_string()),
                    ],
                ));
            }
        }
        Ok(AreaData {
            selection,
            store_areas,
            series,
            current,
            assessments,
            quarantine,
            notes,
        })
    }
}
