//! Reports people read: feedback workbooks for departments after `check`, and the outputs of
//! `evaluate --out`: the evaluation workbook, one feedback workbook per responsible unit, summary.json
//! and the report.md draft.
//!
//! - `facts`: what every evaluation output is built from, and the views they share;
//! - `messages`: the one zh/en message table; `english`: English explanations from the numbers;
//! - `sheet`: status colours, CJK column widths, conditional formats, the A4 page;
//! - `evaluation`, `unit_feedback`, `summary`, `narrative`: one output each;
//! - `review`: reading the evaluation group's review column back from the previous workbook.

pub mod english;
pub mod evaluation;
pub mod facts;
pub mod feedback;
pub mod messages;
pub mod narrative;
pub mod review;
pub mod sheet;
pub mod summary;
pub mod unit_feedback;
