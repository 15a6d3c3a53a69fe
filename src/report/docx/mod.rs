//! The evaluation report as a Word document, `<阶段>报告-<年度>.docx` (e.g. `中期评估报告-2023.docx`), in
//! the structure of the statistical monitoring reports and laid out as Chinese official documents
//! are (GB/T 9704-2012): what the county government receives. report.md is its plain-text twin.
//!
//! - `content`: what the report says, as plain data, from the same `Facts` as the workbook;
//! - `charts`: the per-domain charts, rendered to PNG with the bundled CJK font;
//! - `tables`: tables with a real column grid;
//! - `document`: page, styles, fonts and footers, and the layout of the content;
//! - `package`: what docx-rs cannot write (alt texts, repeated headers, font fallbacks, title).

pub mod charts;
pub mod content;
pub mod document;
pub mod package;
pub mod tables;

use super::facts::Facts;
use crate::error::Error;

pub use content::file_name;

/// Builds the document.
pub fn build(f: &Facts) -> Result<Vec<u8>, Error> {
    let report = content::report(f);
    let built = document::build(&report).map_err(Error::Docx)?;
    let mut raw = std::io::Cursor::new(Vec::new());
    built
        .docx
        .pack(&mut raw)
        .map_err(|e| Error::Docx(e.to_string()))?;
    let keywords = format!("{}, {}, {}", f.cat.plan.id, f.ev.stage.key(), f.ev.year);
    let description = super::messages::fill(
        super::messages::Msg::GeneratedBy.text(f.lang),
        &[
            ("version", &f.run.tool_version),
            ("at", &f.run.generated_at),
        ],
    );
    package::finish(
        &raw.into_inner(),
        &package::Meta {
            title: &report.title,
            subject: &f.cat.plan.name,
            keywords: &keywords,
            description: &description,
            language: f.lang.pick("zh-CN", "en"),
            created: &f.run.generated_at,
            pictures: &built.pictures,
        },
    )
    .map_err(Error::Docx)
}
