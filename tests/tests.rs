//! The integration tests, one crate of modules so that the suite links once (as ripgrep's tests/tests.rs).

mod common;

mod areas;
mod bad_files;
mod bench;
mod catalog_cli;
mod check_bad_files;
mod check_cli;
mod cycle;
mod demo_data;
mod docs;
mod evaluate;
mod hostile;
mod inbox;
mod intake_fixtures;
mod lang;
mod output_limits;
mod packages;
mod report_docx;
mod run_job;
mod score;
mod store;
mod store_safety;
mod template_cli;
mod verdicts;
