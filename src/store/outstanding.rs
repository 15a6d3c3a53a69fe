//! Outstanding data problems: quarantined errors that no later return has corrected.
//!
//! The quarantine keeps every error ever found, so that a correction can be traced to it; the evaluation
//! wants only the ones still open. A problem at an indicator's cell is settled when the same unit has
//! since reported a value of that indicator for that year in a later revision (the current panel holds
//! it); a problem of a whole file, or of a cell whose indicator could not be told, is settled when the
//! same unit has since sent another return for that year. A correction settles only its own area's
//! problems: every map below is keyed by area (`org`; a file that did not say its area belongs to the
//! plan's region, `default_org`, as its values do). Pure: computed from rows already read.

use super::manifest::{FileKind, Manifest};
use super::panel::{PanelRow, QuarantineRow};
use std::collections::HashMap;

/// The quarantined errors of `years` (and of files whose year was unknown, `year = 0`) that are still
/// open, in the order they were ingested. Warnings and flags on values that were kept are included only
/// when their severity is `error`; the quarantine holds nothing else.
pub fn outstanding(
    manifest: &Manifest,
    current: &[PanelRow],
    quarantine: &[QuarantineRow],
    years: impl Fn(i32) -> bool,
    default_org: &str,
) -> Vec<QuarantineRow> {
    // (area, unit, year, indicator) → the latest revision that brought one of its values.
    let mut reported: HashMap<(&str, &str, i32, &str), u32> = HashMap::new();
    for r in current {
        let e = reported
            .entry((&r.org, &r.reporting_unit, r.year, &r.indicator))
            .or_default();
        *e = (*e).max(r.revision);
    }
    // (area, unit, year) → the latest revision of a return.
    let mut returned: HashMap<(&str, &str, i32), u32> = HashMap::new();
    for f in manifest.files.iter().filter(|f| f.kind == FileKind::Return) {
        if let (Some(unit), Some(year)) = (f.unit.as_deref(), f.year) {
            let org = f.org.as_deref().unwrap_or(default_org);
            let e = returned.entry((org, unit, year)).or_default();
            *e = (*e).max(f.revision);
        }
    }
    let mut out: Vec<QuarantineRow> = quarantine
        .iter()
        .filter(|q| q.severity == "error" && (q.year == 0 || years(q.year)))
        .filter(|q| {
            let later_return = returned
                .get(&(q.org.as_str(), q.reporting_unit.as_str(), q.year))
                .is_some_and(|r| *r > q.revision);
            let later_value = q.indicator.as_deref().is_some_and(|ind| {
                reported
                    .get(&(q.org.as_str(), q.reporting_unit.as_str(), q.year, ind))
                    .is_some_and(|r| *r > q.revision)
            });
            match q.indicator {
                Some(_) => !later_value,
                None => !later_return,
            }
        })
        .cloned()
        .collect();
    out.sort_by_key(|q| q.revision);
    out
}

#[cfg(test)]
mod tests {
    use super::super::manifest::IngestedFile;
    use super::*;

    fn q(indicator: Option<&str>, revision: u32) -> QuarantineRow {
        QuarantineRow {
            plan_id: "p".into(),
            org: "古县".into(),
            reporting_unit: "医保局".into(),
            year: 2023,
            indicator: indicator.map(String::from),
            code: "V103".into(),
            severity: "error".into(),
            message: "m".into(),
            hint: "h".into(),
            raw: Some("0.952".into()),
            source_file: "填报-医保局-2023.xlsx".into(),
            sha256: "a".into(),
            sheet: "指标填报".into(),
            cell: "H5".into(),
            kept: false,
            ingested_at: String::new(),
            revision,
        }
    }

    fn value(revision: u32) -> PanelRow {
        PanelRow {
            plan_id: "p".into(),
            org: "古县".into(),
            indicator: "medical_insurance_coverage_female".into(),
            year: 2023,
            sex: "total".into(),
            area: "total".into(),
            field: "value".into(),
            value: 95.2,
            unit: "percent".into(),
            reporting_unit: "医保局".into(),
            source_file: "更正.xlsx".into(),
            sha256: "b".into(),
            sheet: "指标填报".into(),
            cell: "H5".into(),
            raw: "95.2".into(),
            source: None,
            remarks: None,
            ingested_at: String::new(),
            revision,
        }
    }

    fn file(revision: u32) -> IngestedFile {
        IngestedFile {
            unit: Some("医保局".into()),
            year: Some(2023),
            years: vec![2023],
            revision,
            ..IngestedFile::new(FileKind::Return, "f.xlsx", format!("{revision}"))
        }
    }

    #[test]
    fn a_later_value_settles_a_cell_and_a_later_return_settles_a_file() {
        let mut m = Manifest::empty("t");
        m.files.push(file(3));
        let ind = Some("medical_insurance_coverage_female");
        let rows = [q(ind, 3), q(None, 3)];
        assert_eq!(outstanding(&m, &[], &rows, |_| true, "古县").len(), 2);

        m.files.push(file(5));
        let open = outstanding(&m, &[value(5)], &rows, |_| true, "古县");
        assert!(open.is_empty(), "{open:?}");

        // A value of the same revision is the one that was flagged (kept), not a correction.
        let open = outstanding(&m, &[value(3)], &rows[..1], |_| true, "古县");
        assert_eq!(open.len(), 1);
        assert!(outstanding(&m, &[], &rows, |y| y != 2023, "古县").is_empty());

        // Another area's correction settles nothing here.
        let mut elsewhere = value(5);
        elsewhere.org = "安泽县".into();
        let open = outstanding(&m, &[elsewhere], &rows[..1], |_| true, "古县");
        assert_eq!(open.len(), 1);
    }
}
