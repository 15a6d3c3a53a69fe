//! Intake: read a returned workbook of any format, find the indicator table, and turn every non-empty
//! input cell into an accepted value or a diagnostic.

pub mod sniff;
pub mod value;
