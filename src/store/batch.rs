//! One file's contribution to the store: its rows, quarantined cells and self-assessments, with where each came from.

use super::*;
use crate::i18n::diagnostics::DiagText;
/// What one input file brings to the store, before it is given a revision.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The file's manifest entry; `revision`, `ingested_at` and `superseded` are set when it is added.
    pub file: IngestedFile,
    pub values: Vec<PanelRow>,
    pub quarantine: Vec<QuarantineRow>,
    pub assessments: Vec<AssessmentRow>,
    /// Problems the store found on top of intake's (the file's year unknown); quarantined as well.
    pub diagnostics: Vec<Diagnostic>,
}

/// Provenance shared by every row of one file.
pub(super) struct Origin {
    plan_id: String,
    org: String,
    unit: String,
    source_file: String,
    sha256: String,
}

impl Origin {
    fn quarantine(
        &self,
        year: i32,
        indicator: Option<String>,
        d: &Diagnostic,
        kept: bool,
    ) -> QuarantineRow {
        let (sheet, cell) = match &d.location {
            Location::Cell { sheet, cell, .. } => (sheet.clone(), cell.clone()),
            _ => (String::new(), String::new()),
        };
        QuarantineRow {
            plan_id: self.plan_id.clone(),
            org: self.org.clone(),
            reporting_unit: self.unit.clone(),
            year,
            indicator,
            code: d.code.id().to_string(),
            severity: d.severity.label_en().to_string(),
            message: d.message.clone(),
            hint: d.hint.clone(),
            raw: d.raw.clone(),
            source_file: self.source_file.clone(),
            sha256: self.sha256.clone(),
            sheet,
            cell,
            kept,
            ingested_at: String::new(),
            revision: 0,
        }
    }
}

impl Batch {
    /// The contribution of a returned workbook: its accepted values, every error diagnostic (quarantine)
    /// and its self-assessments. `display` is the path as the user gave it (only its file name is kept).
    pub fn from_intake(intake: &Intake, display: &str, sha256: &str, cat: &Catalog) -> Batch {
        let report = &intake.report;
        let origin = Origin {
            plan_id: report
                .plan_id
                .clone()
                .unwrap_or_else(|| cat.plan.id.clone()),
            org: report
                .org
                .clone()
                .unwrap_or_else(|| cat.plan.region.clone()),
            unit: report.unit.clone().unwrap_or_default(),
            source_file: file_name_of(display),
            sha256: sha256.to_string(),
        };
        let year = report
            .year
            .or_else(|| report.accepted.iter().find_map(|a| a.year));
        let accepted_cells: HashSet<(&str, &str)> = report
            .accepted
            .iter()
            .map(|a| (a.sheet.as_str(), a.cell.as_str()))
            .collect();

        let mut batch = Batch {
            file: IngestedFile {
                plan_id: report.plan_id.clone(),
                unit: report.unit.clone(),
                org: report.org.clone(),
                year,
                // A department's own table may carry earlier years' columns too.
                years: {
                    let mut years: Vec<i32> = year
                        .into_iter()
                        .chain(report.accepted.iter().filter_map(|a| a.year))
                        .collect();
                    years.sort_unstable();
                    years.dedup();
                    years
                },
                ..IngestedFile::new(
                    FileKind::Return,
                    origin.source_file.clone(),
                    sha256.to_string(),
                )
            },
            values: Vec::new(),
            quarantine: Vec::new(),
            assessments: Vec::new(),
            diagnostics: Vec::new(),
        };

        for d in report.diagnostics.iter().filter(|d| d.is_error()) {
            let (indicator, kept) = match &d.location {
                Location::Cell { sheet, cell, .. } => (
                    d.indicator.clone(),
                    accepted_cells.contains(&(sheet.as_str(), cell.as_str())),
                ),
                _ => (None, false),
            };
            batch
                .quarantine
                .push(origin.quarantine(year.unwrap_or(0), indicator, d, kept));
        }

        match year {
            Some(year) => {
                let values = FileProvenance {
                    plan_id: &origin.plan_id,
                    org: &origin.org,
                    reporting_unit: &origin.unit,
                    source_file: &origin.source_file,
                    sha256: &origin.sha256,
                };
                for a in &report.accepted {
                    let year = a.year.unwrap_or(year);
                    batch
                        .values
                        .push(PanelRow::from_value(a, year, &values, cat));
                }
                for s in &report.assessments {
                    batch.assessments.push(AssessmentRow {
                        plan_id: origin.plan_id.clone(),
                        org: origin.org.clone(),
                        objective: s.objective.clone(),
                        year,
                        reporting_unit: origin.unit.clone(),
                        assessment: s.assessment.clone(),
                        measures: s.measures.clone(),
                        problems: s.problems.clone(),
                        evidence: s.evidence.clone(),
                        source_file: origin.source_file.clone(),
                        sha256: origin.sha256.clone(),
                        sheet: s.sheet.clone(),
                        cell: s.cell.clone(),
                        ingested_at: String::new(),
                        revision: 0,
                    });
                }
            }
            None if !report.accepted.is_empty() || !report.assessments.is_empty() => {
                // Without a year a value has no place in the panel: every one is quarantined, at its cell.
                let file = Location::File {
                    file: display.to_string(),
                };
                let summary = Diagnostic::said(
                    Code::StoreYearUnknown,
                    file,
                    None,
                    DiagText::YearUnknownFile,
                    DiagText::HintYearUnknownFile,
                    &[
                        ("values", &report.accepted.len().to_string()),
                        ("assessments", &report.assessments.len().to_string()),
                    ],
                );
                for a in &report.accepted {
                    let d = Diagnostic::said(
                        Code::StoreYearUnknown,
                        Location::Cell {
                            file: display.to_string(),
                            sheet: a.sheet.clone(),
                            cell: a.cell.clone(),
                        },
                        Some(a.raw.clone()),
                        DiagText::YearUnknownValue,
                        DiagText::HintGiveYear,
                        &[("indicator", &a.indicator), ("raw", &a.raw)],
                    );
                    batch.quarantine.push(origin.quarantine(
                        0,
                        Some(a.indicator.clone()),
                        &d,
                        false,
                    ));
                }
                for s in &report.assessments {
                    let d = Diagnostic::said(
                        Code::StoreYearUnknown,
                        Location::Cell {
                            file: display.to_string(),
                            sheet: s.sheet.clone(),
                            cell: s.cell.clone(),
                        },
                        Some(s.assessment.clone()),
                        DiagText::YearUnknownAssessment,
                        DiagText::HintGiveYear,
                        &[("objective", &s.objective)],
                    );
                    batch.quarantine.push(origin.quarantine(0, None, &d, false));
                }
                batch
                    .quarantine
                    .push(origin.quarantine(0, None, &summary, false));
                batch.diagnostics.push(summary);
            }
            None => {}
        }
        let all: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .chain(batch.diagnostics.iter())
            .collect();
        let counts = severity_counts(all.into_iter());
        batch.count(counts);
        batch
    }

    /// Fills the counts of the manifest entry.
    pub(crate) fn count(&mut self, (errors, warnings): (usize, usize)) {
        self.file.values = self.values.len();
        self.file.assessments = self.assessments.len();
        // Typed cells that did not make it into the panel (a required value left empty is quarantined as
        // a finding, but nothing was typed there).
        self.file.rejected = self
            .quarantine
            .iter()
            .filter(|q| !q.kept && q.raw.as_deref().is_some_and(|r| !r.is_empty()))
            .count();
        self.file.errors = errors;
        self.file.warnings = warnings;
        let mut years: BTreeSet<i32> = self.values.iter().map(|v| v.year).collect();
        years.extend(self.file.year);
        self.file.years = years.into_iter().collect();
    }
}

/// (errors, warnings) among diagnostics.
pub(crate) fn severity_counts<'a>(
    diagnostics: impl Iterator<Item = &'a Diagnostic>,
) -> (usize, usize) {
    let (mut errors, mut warnings) = (0, 0);
    for d in diagnostics {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => {}
        }
    }
    (errors, warnings)
}
