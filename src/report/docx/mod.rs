//! The evaluation report as a Word document, `<阶段>报告-<年度>.docx` (e.g. `中期评估报告-2023.docx`), in
//! the structure of the statistical monitoring reports and laid out as Chinese official documents
//! are (GB/T 9704-2012): what the county government receives. report.md is its plain-text twin.
//!
//! - `content`: what the report says, as plain data, from the same `Facts` as the workbook;
//! - `charts`: the per-domain charts, rendered to PNG with the bundled CJK font;
//! - `tables`: tables with a real column grid;
//! - `document`: page, styles, fonts and footers, and the layout of the content;
//! - `package`: what docx-rs cannot write (alt texts, repeated headers, font fallbacks, title);
//! - `words`: what they all share (style ids, text as XML admits it, the target in words).

pub mod charts;
pub mod content;
pub mod document;
pub mod package;
pub mod tables;
pub mod words;

use super::facts::Facts;
use super::messages::{fill, Msg};
use crate::error::Error;
use content::Report;

pub use content::file_name;

/// What the document properties say besides the title.
struct About<'a> {
    subject: &'a str,
    keywords: String,
    description: String,
    created: &'a str,
}

/// Builds the document.
pub fn build(f: &Facts) -> Result<Vec<u8>, Error> {
    let report = content::report(f);
    let about = About {
        subject: &f.cat.plan.name,
        keywords: format!("{}, {}, {}", f.cat.plan.id, f.ev.stage.key(), f.ev.year),
        description: fill(
            Msg::GeneratedBy.text(f.lang),
            &[
                ("version", &f.run.tool_version),
                ("at", &f.run.generated_at),
            ],
        ),
        created: &f.run.generated_at,
    };
    write(&report, &about)
}

fn write(report: &Report, about: &About) -> Result<Vec<u8>, Error> {
    let built = document::build(report).map_err(Error::Docx)?;
    let mut raw = std::io::Cursor::new(Vec::new());
    built
        .docx
        .pack(&mut raw)
        .map_err(|e| Error::Docx(e.to_string()))?;
    package::finish(
        &raw.into_inner(),
        &package::Meta {
            title: &report.title,
            subject: about.subject,
            keywords: &about.keywords,
            description: &about.description,
            language: report.lang.pick("zh-CN", "en"),
            created: about.created,
            pictures: &built.pictures,
            properties: &report.properties,
        },
    )
    .map_err(Error::Docx)
}

#[cfg(test)]
mod tests {
    use super::charts::{Figure, Panel, Reference};
    use super::content::{Block, Part, Span};
    use super::tables::{Align, Cell, Column, Row, Table};
    use super::*;
    use crate::report::messages::Lang;
    use crate::score::Status;
    use std::io::Read;

    /// What a department may type, and what XML cannot carry.
    const CRAFTED: &str =
        "=HYPERLINK(\"x\")<w:p>&amp;'\"\u{1}\u{b}\u{c}\u{1f}\u{FFFE}\u{FFFF}😀 孕产妇\r\n";

    fn crafted_report() -> Report {
        let long = CRAFTED.repeat(20);
        let table = Table {
            caption: Some(CRAFTED.into()),
            columns: vec![
                Column::new(CRAFTED, Align::Left, 20),
                Column::new(CRAFTED, Align::Right, 8),
            ],
            rows: vec![
                Row::Group(CRAFTED.into()),
                Row::Cells(vec![
                    Cell::filled(long.clone(), 0xFFC7CE),
                    Cell::text(CRAFTED),
                ]),
                // A short row: missing cells are blank.
                Row::Total(vec![Cell::text(CRAFTED)]),
            ],
            note: Some(CRAFTED.into()),
        };
        let panel = Panel {
            code: "x".into(),
            title: long.clone(),
            status: Status::NoData,
            status_line: CRAFTED.into(),
            actual: vec![(2020, f64::MAX), (2021, f64::MIN_POSITIVE)],
            reference: vec![],
            reference_kind: Reference::Target,
            projection: None,
            decimals: 2,
            unit_range: (0.0, f64::INFINITY),
        };
        let figure = Figure {
            domain: CRAFTED.into(),
            panels: vec![panel],
            years: (2020, 2025),
            lang: Lang::Zh,
            part: None,
        };
        let blocks = vec![
            Block::Text(vec![Span {
                text: long.clone(),
                bold: true,
            }]),
            Block::Heading(CRAFTED.into()),
            Block::Placeholder(CRAFTED.into()),
            Block::Note(CRAFTED.into()),
            Block::Table(table.clone()),
            Block::Figure {
                figure,
                caption: CRAFTED.into(),
                alt: long,
            },
        ];
        Report {
            lang: Lang::Zh,
            title: CRAFTED.into(),
            subtitle: CRAFTED.into(),
            issuer: CRAFTED.into(),
            date: CRAFTED.into(),
            note: CRAFTED.into(),
            parts: vec![
                Part {
                    heading: CRAFTED.into(),
                    landscape: false,
                    blocks,
                },
                Part {
                    heading: CRAFTED.into(),
                    landscape: true,
                    blocks: vec![Block::Table(table)],
                },
            ],
            properties: vec![(CRAFTED.into(), CRAFTED.into())],
        }
    }

    #[test]
    fn crafted_text_cannot_break_the_package() {
        let about = About {
            subject: CRAFTED,
            keywords: CRAFTED.into(),
            description: CRAFTED.into(),
            created: CRAFTED,
        };
        let bytes = write(&crafted_report(), &about).unwrap();
        // docx-rs's reader parses every part as XML: a forbidden character or a broken escape fails it.
        docx_rs::read_docx(&bytes).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        for i in 0..zip.len() {
            let mut e = zip.by_index(i).unwrap();
            let name = e.name().unwrap().to_string();
            if !name.ends_with(".xml") && !name.ends_with(".rels") {
                continue;
            }
            let mut xml = String::new();
            e.read_to_string(&mut xml).unwrap();
            assert!(
                !xml.chars()
                    .any(|c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}'),
                "{name}"
            );
            assert!(
                !xml.contains("<w:p>&amp;"),
                "{name}: typed markup must stay text: {xml}"
            );
        }
    }
}
