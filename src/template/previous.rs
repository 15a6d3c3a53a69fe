//! The numbers a department checks its own return against, printed in its template: the indicator's
//! baseline value and last year's value, as the monitoring store holds them now.
//!
//! Taken from the store's current values of the template's area only (areas never mix), with the
//! value scoring would read (`store::observations`: the lead unit's report wins), so the template, the
//! jump check against last year (R211) and the evaluation agree on what "last year" was.

use crate::catalog::Catalog;
use crate::score::{Area, Field, Sex};
use crate::store::observations::observations;
use crate::store::panel::PanelRow;
use std::collections::HashMap;

/// Indicator code → value, for the baseline year and for the year before `year`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PreviousValues {
    pub baseline: HashMap<String, f64>,
    pub last_year: HashMap<String, f64>,
}

/// The totals of `org` in the plan's baseline year and in `year - 1`, from current panel rows (rows of
/// other areas are ignored; `Store::current_panel_of` reads only this area's).
pub fn previous_values(
    cat: &Catalog,
    current: &[PanelRow],
    org: &str,
    year: i32,
) -> PreviousValues {
    let rows: Vec<PanelRow> = current.iter().filter(|r| r.org == org).cloned().collect();
    let mut out = PreviousValues::default();
    for o in observations(cat, &rows).remove(org).unwrap_or_default() {
        if (o.sex, o.area, o.field) != (Sex::Total, Area::Total, Field::Value) {
            continue;
        }
        if o.year == cat.plan.baseline_year {
            out.baseline.insert(o.indicator.clone(), o.value);
        }
        // In the baseline year's own template, last year is the year before the baseline.
        if o.year == year - 1 {
            out.last_year.insert(o.indicator, o.value);
        }
    }
    out
}
