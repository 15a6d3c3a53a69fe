//! Reports people read: feedback workbooks for departments after `check`, and the outputs of
//! `evaluate --out`: the evaluation workbook, the Word report, one feedback workbook per responsible
//! unit, summary.json and the report.md draft.
//!
//! - `facts`: what every evaluation output is built from, and the views they share; `watch`: what needs
//!   attention (the warning list, the objectives behind);
//! - `messages`: the one zh/en message table; `english`: English explanations from the numbers;
//!   `explain`: each explanation in the output's language;
//! - `sheet`: status colours, CJK column widths, conditional formats, the A4 page;
//! - `evaluation`, `unit_feedback`, `summary`, `narrative`, `docx` (the Word report): one output each;
//! - `review`: reading the evaluation group's review column back from the previous workbook;
//! - [`write_outputs`]: everything `evaluate --out` writes for one evaluation, in one place, so that the
//!   commands and the benchmark write exactly the same files.

pub mod docx;
pub mod english;
pub mod evaluation;
mod explain;
pub mod facts;
pub mod feedback;
pub mod messages;
pub mod narrative;
pub mod review;
pub mod rollup_sheet;
pub mod sheet;
pub mod summary;
pub mod unit_feedback;
pub mod watch;

use crate::error::Error;
use facts::Facts;
use rayon::prelude::*;

/// Builds every output of one evaluation — the evaluation workbook, the Word report, one feedback
/// workbook per unit, summary.json and report.md — and hands each to `write` (file name, bytes);
/// returns the file names in that order. The unit workbooks are built in parallel (one per unit: the bulk of the writing), each
/// dropped as soon as it is written.
pub fn write_outputs(
    f: &Facts,
    write: &(dyn Fn(&str, &[u8]) -> Result<(), Error> + Sync),
) -> Result<Vec<String>, Error> {
    let mut written = Vec::new();
    let name = evaluation::file_name(f.ev.stage, f.ev.year, f.lang);
    write(&name, &evaluation::build(f).map_err(Error::Xlsx)?)?;
    written.push(name);
    let name = docx::file_name(f.ev.stage, f.ev.year, f.lang);
    write(&name, &docx::build(f)?)?;
    written.push(name);
    let units: Result<Vec<String>, Error> = unit_feedback::units(f)
        .par_iter()
        .map(|unit| {
            let name = unit_feedback::file_name(f, unit);
            write(&name, &unit_feedback::build(f, unit).map_err(Error::Xlsx)?)?;
            Ok(name)
        })
        .collect();
    written.extend(units?);
    let report = "report.md".to_string();
    let summary_name = "summary.json".to_string();
    let mut outputs = written.clone();
    outputs.push(summary_name.clone());
    outputs.push(report.clone());
    let s = summary::summary(f, outputs);
    write(&summary_name, &summary::to_json(&s))?;
    write(&report, narrative::report(f).as_bytes())?;
    written.push(summary_name);
    written.push(report);
    Ok(written)
}
