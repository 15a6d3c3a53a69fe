//! Several returns of one unit, area and year in one run — a correction beside its original, or a
//! "- 副本" copy — and which of them counts: the one `ingest` stores last (by `inputs::order_for_ingest`:
//! the later file, and among files of the same second the one named as a correction), whose values
//! supersede the others'. `check` says so, so the evaluation group knows before it ingests.

use super::FileReport;
use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::i18n::diagnostics::DiagText;
use crate::i18n::Lang;
use crate::inputs::order_for_ingest;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// For each file that shares its unit, area and year with another: (index into `files`, a warning
/// naming the others and the one that counts). `reports[i]` is the intake of `files[i]`.
pub fn duplicate_returns(
    cat: &Catalog,
    files: &[(PathBuf, String)],
    reports: &[&FileReport],
) -> Vec<(usize, Diagnostic)> {
    let mut groups: BTreeMap<(&str, &str, i32), Vec<usize>> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        if let (Some(unit), Some(year)) = (r.unit.as_deref(), r.year) {
            let org = r.org.as_deref().unwrap_or("");
            groups.entry((unit, org, year)).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for ((unit, _, year), members) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
        let mut ordered: Vec<(PathBuf, String)> =
            members.iter().map(|&i| files[i].clone()).collect();
        order_for_ingest(&mut ordered);
        let Some((_, counts)) = ordered.last() else {
            continue;
        };
        let names: Vec<&str> = ordered.iter().map(|(_, shown)| shown.as_str()).collect();
        for &i in &members {
            let shown = &files[i].1;
            let message = if shown == counts {
                DiagText::DuplicateReturnCounts
            } else {
                DiagText::DuplicateReturnReplaced
            };
            let (n, year) = (names.len().to_string(), year.to_string());
            let (zh_files, en_files) = (names.join("、"), names.join(", "));
            let args = |files, lang| {
                [
                    ("unit", cat.unit_name_in(unit, lang)),
                    ("year", year.as_str()),
                    ("n", n.as_str()),
                    ("files", files),
                    ("counts", counts.as_str()),
                ]
            };
            let hint = DiagText::HintDuplicateReturn;
            out.push((
                i,
                Diagnostic::new(
                    Code::DuplicateReturn,
                    Location::File {
                        file: shown.clone(),
                    },
                    None,
                    message.say(Lang::Zh, &args(&zh_files, Lang::Zh)),
                    hint.zh(),
                )
                .with_en(message.say(Lang::En, &args(&en_files, Lang::En)), hint.en()),
            ));
        }
    }
    out
}
