//! `check`: read returned workbooks and collect every problem, with feedback workbooks optionally.
//!
//! Workbooks are read in parallel; each file's feedback workbook is written on its worker thread and its
//! cell grid dropped there, so memory does not grow with the number of files. Which of several returns of
//! one unit and year counts is said of the set of inputs, beside the folder walk's notes, not charged to
//! any one file or its feedback.

use crate::inputs::{collect_inputs, InputFiles};
use crate::intake::{self, FileReport, IntakeOptions};
use crate::report::feedback;
use crate::report::messages::{fill, Lang, Msg};
use crate::{fsutil, Catalog, Diagnostic, Error, Severity};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What `check` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct CheckConfig {
    /// Files or folders.
    pub inputs: Vec<PathBuf>,
    /// The reporting year every file must state.
    pub year: Option<i32>,
    /// Write one feedback workbook per input here.
    pub out: Option<PathBuf>,
    /// With `out`: feedback only for files with errors or warnings (older feedback of clean files removed).
    pub only_problems: bool,
    /// The language of the feedback workbooks and their names.
    pub lang: Lang,
}

/// Totals over the files checked.
#[derive(Serialize, Default, Debug)]
pub struct CheckSummary {
    pub files: usize,
    pub files_with_errors: usize,
    pub cells_nonempty: usize,
    pub accepted: usize,
    pub assessments: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub feedback: Vec<String>,
    /// With `only_problems`: files without errors or warnings, which got no feedback workbook.
    pub feedback_not_needed: usize,
}

/// What `check` found: one report per file (diagnostics in reading order), the notes on the inputs as a
/// set (folder walk, duplicate returns), the totals. Serialised as `check --json` prints it.
#[derive(Serialize, Debug)]
pub struct Checked {
    pub files: Vec<FileReport>,
    /// What the folder walk did not read, and why (special files, links, other files), or noted.
    pub inputs: Vec<Diagnostic>,
    pub summary: CheckSummary,
}

impl Checked {
    pub fn status(&self) -> super::Status {
        super::Status::from_errors(self.summary.errors)
    }

    /// Every diagnostic, the files' then the inputs'.
    pub fn all_diagnostics(&self) -> Vec<Diagnostic> {
        self.files
            .iter()
            .flat_map(|r| r.diagnostics.iter().cloned())
            .chain(self.inputs.iter().cloned())
            .collect()
    }
}

/// Reads and checks every input; with `cfg.out`, writes the feedback workbooks.
pub fn check(cat: &Catalog, cfg: &CheckConfig) -> Result<Checked, Error> {
    if let Some(year) = cfg.year {
        cat.check_reporting_year(year)?;
    }
    let InputFiles {
        files, mut notes, ..
    } = collect_inputs(&cfg.inputs)?;
    let opts = IntakeOptions {
        year: cfg.year,
        ..Default::default()
    };
    let names = feedback_names(&files, cfg.lang);
    let mut reports = Vec::new();
    let mut summary = CheckSummary::default();
    let mut failure = None;
    intake::intake_files_with(
        &files,
        cat,
        &opts,
        |i, intake| -> Result<(FileReport, Option<String>, bool), Error> {
            let mut written = None;
            if let Some(dir) = &cfg.out {
                let out = dir.join(&names[i]);
                let clean = intake.report.errors() + intake.report.warnings() == 0;
                if cfg.only_problems && clean {
                    // The folder shows this run: a feedback left from an earlier, faulty version of
                    // the file would send the department after problems it has fixed.
                    match std::fs::remove_file(&out) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            return Err(Error::io(&out, e))
                        }
                        _ => {}
                    }
                    return Ok((intake.report, None, true));
                }
                let bytes =
                    feedback::build_feedback(cat, &intake, cfg.lang).map_err(Error::Xlsx)?;
                fsutil::write_atomic(&out, &bytes)?;
                written = Some(out.display().to_string());
            }
            Ok((intake.report, written, false))
        },
        |_, done| match done {
            Ok((report, written, not_needed)) => {
                summary.feedback.extend(written);
                summary.feedback_not_needed += usize::from(not_needed);
                reports.push(report);
            }
            Err(e) => {
                failure.get_or_insert(e);
            }
        },
    );
    if let Some(e) = failure {
        return Err(e);
    }
    let by_ref: Vec<&FileReport> = reports.iter().collect();
    notes.extend(
        intake::duplicates::duplicate_returns(cat, &files, &by_ref)
            .into_iter()
            .map(|(_, d)| d),
    );
    for r in &mut reports {
        Diagnostic::sort_for_reading(&mut r.diagnostics);
    }
    summary.files = reports.len();
    for r in &reports {
        summary.files_with_errors += usize::from(r.errors() > 0);
        summary.cells_nonempty += r.cells_nonempty;
        summary.accepted += r.accepted.len();
        summary.assessments += r.assessments.len();
        summary.errors += r.errors();
        summary.warnings += r.warnings();
        summary.infos += r.diagnostics.len() - r.errors() - r.warnings();
    }
    for d in &notes {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    Ok(Checked {
        files: reports,
        inputs: notes,
        summary,
    })
}

/// The feedback workbook's name for each input: `反馈-<path below the inputs' common folder>.xlsx`, the
/// folders joined by `-` (`县001/填报-人社局-2023.xlsx` → `反馈-县001-填报-人社局-2023.xlsx`), so that the
/// same file name in two counties' folders gets two workbooks; the extension is added only where two
/// inputs differ by nothing else (`x.xlsx`, `x.ods`). A name too long for a file system is cut with a
/// hash of the whole (`fsutil::safe_file_name`).
pub fn feedback_names(files: &[(PathBuf, String)], lang: Lang) -> Vec<String> {
    let parts: Vec<Vec<String>> = files
        .iter()
        // By the names as shown, so that a GBK-named file gets a readable feedback name.
        .map(|(_, shown)| {
            Path::new(shown)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .collect();
    // Folders every input lies in (never the file name itself).
    let common = parts.first().map_or(0, |first| {
        let mut n = first.len().saturating_sub(1);
        for other in &parts[1..] {
            n = n.min(other.len().saturating_sub(1));
            n = (0..n).find(|&k| first[k] != other[k]).unwrap_or(n);
        }
        n
    });
    let label = |i: usize| {
        let path = Path::new(&files[i].1);
        let mut rel = parts[i][common..].to_vec();
        if let (Some(last), Some(stem)) = (rel.last_mut(), path.file_stem()) {
            *last = stem.to_string_lossy().into_owned();
        }
        rel.join("-")
    };
    let labels: Vec<String> = (0..files.len()).map(label).collect();
    let mut seen = std::collections::HashMap::new();
    for l in &labels {
        *seen.entry(l.as_str()).or_insert(0usize) += 1;
    }
    let names: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut name = l.clone();
            if seen[l.as_str()] > 1 {
                if let Some(ext) = Path::new(&files[i].1).extension() {
                    name = format!("{name}-{}", ext.to_string_lossy());
                }
            }
            fsutil::safe_file_name(&name)
        })
        .collect();
    // Names that still coincide — made alike by cleaning (`a:b`, `a_b`) or by case on a file system
    // that ignores it — get a hash of their input's path, so no feedback overwrites another.
    let mut count = std::collections::HashMap::new();
    for n in &names {
        *count.entry(n.to_lowercase()).or_insert(0usize) += 1;
    }
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let name = if count[&n.to_lowercase()] > 1 {
                format!("{n}-{}", fsutil::short_hash(&files[i].1))
            } else {
                n.clone()
            };
            fill(Msg::FileCheckFeedback.text(lang), &[("name", &name)])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(shown: &[&str]) -> Vec<String> {
        let files: Vec<(PathBuf, String)> = shown
            .iter()
            .map(|s| (PathBuf::from(s), s.to_string()))
            .collect();
        feedback_names(&files, Lang::Zh)
    }

    #[test]
    fn feedback_names_never_coincide() {
        assert_eq!(
            names(&["in/县001/人社局.xlsx", "in/县002/人社局.xlsx"]),
            ["反馈-县001-人社局.xlsx", "反馈-县002-人社局.xlsx"]
        );
        // Made alike by cleaning, or differing only by case: each gets its path's hash.
        for pair in [["in/a:b.xlsx", "in/a_b.xlsx"], ["in/Ab.xlsx", "in/aB.xlsx"]] {
            let n = names(&pair);
            assert_ne!(n[0].to_lowercase(), n[1].to_lowercase(), "{n:?}");
            assert!(n[0].ends_with(&format!("-{}.xlsx", fsutil::short_hash(pair[0]))));
        }
    }
}
