//! Fuzz target: arbitrary bytes as a returned workbook, through sniffing, parsing and intake, in-process.
//!
//! In-process on purpose: a reader abort or an unbounded allocation is what the fuzzer should find
//! (and the worker processes of the real binary are what contain it). The first byte picks the
//! extension the file is named with, so that the F006 path and each format's checks are reached from
//! any content.

#![no_main]

use libfuzzer_sys::fuzz_target;
use planeval::catalog::Catalog;
use planeval::intake::{intake_bytes, IntakeOptions};
use std::sync::OnceLock;

const EXTENSIONS: [&str; 5] = ["xlsx", "xls", "xlsb", "ods", "xlsm"];

fuzz_target!(|data: &[u8]| {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    let cat = CATALOG.get_or_init(|| Catalog::load(None).expect("the built-in plan"));
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let ext = EXTENSIONS[usize::from(pick) % EXTENSIONS.len()];
    let _ = intake_bytes(bytes.to_vec(), Some(ext), "fuzz", cat, &IntakeOptions::default());
});
