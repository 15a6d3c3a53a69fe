//! The operations users run, as plain functions over plain data: check returns, ingest them, evaluate a
//! stage, run the scheduled job. The commands (`src/cli/`), the demo and the benchmark all call these;
//! a command only turns its arguments into a config, calls one function here and renders the result.
//! Nothing here prints: progress goes through a callback, results come back as data.

pub mod check;
pub mod evaluate;
pub mod ingest;
pub mod scheduled;
