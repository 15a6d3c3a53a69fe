//! Completeness of a reporting year: which responsible units returned their workbook, when it arrived,
//! how many values it brought, and which required indicators still have no value.
//!
//! Pure: computed from the catalog, the manifest and the current panel, for one area (`in_area` tells
//! which `org` texts belong to it: a county's own, or a prefecture's and its counties'). A file that did
//! not say its area belongs to the plan's region, as its values do. The `status` command prints it; the
//! evaluation uses it to tell "no data" apart from "not returned".

use super::manifest::{FileKind, Manifest};
use super::panel::PanelRow;
use crate::catalog::Catalog;
use crate::template::writer::units_with_work;
use serde::Serialize;
use std::collections::HashSet;

/// A file a unit returned for the year.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Arrival {
    pub file: String,
    pub ingested_at: String,
    pub revision: u32,
    pub values: usize,
    pub rejected: usize,
    pub errors: usize,
}

/// A required indicator without a value.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Missing {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnitCompleteness {
    pub unit: String,
    pub returned: bool,
    /// Every return of the year, oldest first (a resubmission adds one).
    pub files: Vec<Arrival>,
    /// Current panel values reported by this unit for the year.
    pub values: usize,
    /// Required indicators the unit leads.
    pub required: usize,
    /// Of those, the ones without a current value (from any source: return or baseline sheet).
    pub missing: Vec<Missing>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Completeness {
    pub year: i32,
    pub units: Vec<UnitCompleteness>,
    pub units_expected: usize,
    pub units_returned: usize,
    pub required: usize,
    pub required_present: usize,
    /// Required indicators with a value, as a percentage of all required indicators (100 when none).
    pub percent: f64,
}

/// Completeness of `year` for the catalog's plan in the area whose `org` texts `in_area` accepts.
/// `current` is the current panel (any years, any areas: rows of other areas are not counted).
pub fn completeness(
    cat: &Catalog,
    manifest: &Manifest,
    current: &[PanelRow],
    year: i32,
    in_area: &dyn Fn(&str) -> bool,
) -> Completeness {
    let present: HashSet<&str> = current
        .iter()
        .filter(|r| {
            in_area(&r.org)
                && r.plan_id == cat.plan.id
                && r.year == year
                && r.field == "value"
                && r.sex == "total"
                && r.area == "total"
        })
        .map(|r| r.indicator.as_str())
        .collect();
    let mut units = Vec::new();
    for unit in units_with_work(cat) {
        let files: Vec<Arrival> = manifest
            .files
            .iter()
            .filter(|f| {
                f.kind == FileKind::Return
                    && in_area(f.org.as_deref().unwrap_or(&cat.plan.region))
                    && f.year == Some(year)
                    && f.unit.as_deref() == Some(unit.as_str())
                    && f.plan_id.as_deref().is_none_or(|p| p == cat.plan.id)
            })
            .map(|f| Arrival {
                file: f.name.clone(),
                ingested_at: f.ingested_at.clone(),
                revision: f.revision,
                values: f.values,
                rejected: f.rejected,
                errors: f.errors,
            })
            .collect();
        let required: Vec<_> = cat
            .indicators()
            .map(|(_, _, i)| i)
            .filter(|i| i.lead_unit == unit && i.is_reported() && i.required)
            .collect();
        let missing = required
            .iter()
            .filter(|i| !present.contains(i.code.as_str()))
            .map(|i| Missing {
                code: i.code.clone(),
                name: i.name.clone(),
            })
            .collect();
        let values = current
            .iter()
            .filter(|r| {
                in_area(&r.org)
                    && r.plan_id == cat.plan.id
                    && r.year == year
                    && r.reporting_unit == unit
            })
            .count();
        units.push(UnitCompleteness {
            returned: !files.is_empty(),
            unit,
            files,
            values,
            required: required.len(),
            missing,
        });
    }
    let required: usize = units.iter().map(|u| u.required).sum();
    let missing: usize = units.iter().map(|u| u.missing.len()).sum();
    let required_present = required - missing;
    Completeness {
        year,
        units_expected: units.len(),
        units_returned: units.iter().filter(|u| u.returned).count(),
        percent: if required == 0 {
            100.0
        } else {
            (required_present as f64 * 1000.0 / required as f64).round() / 10.0
        },
        required,
        required_present,
        units,
    }
}
