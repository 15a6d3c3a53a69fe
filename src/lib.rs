//! planeval: monitoring and evaluation of development plans whose reporting runs on Excel.
//!
//! The pipeline runs one way — catalog → template → intake → validate → store → score → report — and
//! each stage is a module with plain data in and out. `areas` (the hierarchy of areas) and `rollup`
//! (values of the areas below an area combined into its own) serve the store and scoring at every level. This library never prints; the `planeval` binary
//! (src/main.rs and src/cli) does all I/O orchestration and rendering.

pub mod areas;
pub mod breakdown;
pub mod catalog;
pub mod cellref;
pub mod diagnostic;
pub mod error;
pub mod fsutil;
pub mod i18n;
pub mod inputs;
pub mod intake;
pub mod job;
pub mod limits;
pub mod pipeline;
pub mod report;
pub mod rollup;
pub mod score;
pub mod store;
pub mod style;
pub mod template;
pub mod validate;

pub use catalog::Catalog;
pub use diagnostic::{Code, Diagnostic, Location, Severity};
pub use error::Error;
