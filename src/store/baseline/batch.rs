//! A read baseline sheet as the store takes it: its rows as panel values, its errors as quarantine.

// The sheet's vocabulary (fields, breakdown labels, rows) is the parent module's.
use super::*;
use crate::store::FileProvenance;

impl Batch {
    /// The contribution of a long sheet: its rows as panel values, its errors as quarantine.
    pub fn from_long_sheet(sheet: &LongSheet, sha256: &str, cat: &Catalog) -> Batch {
        let source_file = file_name_of(&sheet.path);
        let plan_id = cat.plan.id.clone();
        let region = cat.plan.region.clone();
        let org_of = |o: &Option<String>| o.clone().unwrap_or_else(|| region.clone());
        let values: Vec<PanelRow> = sheet
            .rows
            .iter()
            .map(|r| {
                let org = org_of(&r.org);
                let origin = FileProvenance {
                    plan_id: &plan_id,
                    org: &org,
                    reporting_unit: &r.reporting_unit,
                    source_file: &source_file,
                    sha256,
                };
                PanelRow::from_value(&r.read, r.year.unwrap_or_default(), &origin, cat)
            })
            .collect();
        let quarantine = sheet
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let (sheet_name, cell) = match &d.location {
                    Location::Cell { sheet, cell, .. } => (sheet.clone(), cell.clone()),
                    _ => (String::new(), String::new()),
                };
                let row = read::parse_cell_name(&cell).map(|(r, _)| r);
                let cx = row
                    .and_then(|r| sheet.context.get(&(sheet_name.clone(), r)))
                    .cloned()
                    .unwrap_or_default();
                QuarantineRow {
                    plan_id: plan_id.clone(),
                    org: org_of(&cx.org),
                    reporting_unit: cx.unit.unwrap_or_default(),
                    year: cx.year.unwrap_or(0),
                    indicator: cx.indicator,
                    code: d.code.id().to_string(),
                    severity: d.severity.label_en().to_string(),
                    message: d.message.clone(),
                    hint: d.hint.clone(),
                    raw: d.raw.clone(),
                    source_file: source_file.clone(),
                    sha256: sha256.to_string(),
                    sheet: sheet_name,
                    cell,
                    kept: false,
                    ingested_at: String::new(),
                    revision: 0,
                }
            })
            .collect();
        let units: BTreeSet<&str> = sheet
            .rows
            .iter()
            .map(|r| r.reporting_unit.as_str())
            .collect();
        // The file's area: the one its rows are of, or `None` for a sheet of several areas.
        let orgs: BTreeSet<String> = sheet.rows.iter().map(|r| org_of(&r.org)).collect();
        let org = match orgs.len() {
            0 => Some(region.clone()),
            1 => orgs.into_iter().next(),
            _ => None,
        };
        let mut batch = Batch {
            file: IngestedFile {
                plan_id: Some(plan_id),
                unit: (units.len() == 1)
                    .then(|| units.iter().next().map(|u| u.to_string()))
                    .flatten(),
                org,
                ..IngestedFile::new(FileKind::Baseline, source_file, sha256.to_string())
            },
            values,
            quarantine,
            assessments: Vec::new(),
            diagnostics: Vec::new(),
        };
        batch.count((sheet.errors(), sheet.warnings()));
        batch
    }
}
