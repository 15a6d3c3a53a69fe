//! How the ingest events of `ingest`, `run` and `demo` read on the terminal: one block per file, as it is
//! added, and the store's lock and tidying notes on stderr.

use super::check::print_file;
use super::render::{diagnostic_text, lang, shown};
use planeval::catalog::target::fmt_num;
use planeval::i18n::{check::CheckText, commands::CommandText, ingest::IngestText};
use planeval::pipeline::ingest::{Event, PackageDecision};
use planeval::store::baseline::LongSheet;
use planeval::store::Added;
use planeval::Severity;

/// Prints ingest events: per file only with `print`, info notes and a package's files only with
/// `verbose`; the lock and tidying notes always (on stderr).
pub struct Teller {
    pub print: bool,
    pub verbose: bool,
}

impl Teller {
    pub fn tell(&mut self, e: Event<'_>) {
        let l = lang();
        if let Event::Opened { took_over, tidied } = &e {
            if let Some(dead) = took_over {
                eprintln!(
                    "{}",
                    IngestText::LockTakenOver.say(
                        l,
                        &[
                            ("pid", &dead.pid.to_string()),
                            ("since", &dead.started_at),
                            ("command", &dead.command)
                        ]
                    )
                );
            }
            if !tidied.is_empty() {
                let files = tidied.join(CommandText::ListSeparator.text(l));
                eprintln!("{}", IngestText::Tidied.say(l, &[("files", &files)]));
            }
            return;
        }
        if !self.print {
            return;
        }
        match e {
            Event::Opened { .. } => {}
            Event::Skipped { path, earlier } => println!(
                "{}\n",
                IngestText::Skipped.say(
                    l,
                    &[
                        ("path", path),
                        ("at", &earlier.ingested_at),
                        ("revision", &earlier.revision.to_string()),
                        ("name", &earlier.name)
                    ]
                )
            ),
            Event::OtherYear { path, own, year } => println!(
                "{}\n",
                IngestText::OtherYear.say(
                    l,
                    &[
                        ("path", &shown(path)),
                        ("own", &own.to_string()),
                        ("year", &year.to_string())
                    ]
                )
            ),
            Event::Return { report, added } => {
                print_file(report, self.verbose);
                if let Some(added) = added {
                    print_added(added);
                }
            }
            Event::BaselineUnreadable { path, diagnostic } => println!(
                "{}\n{}\n",
                IngestText::Unreadable.say(l, &[("path", &shown(path))]),
                diagnostic_text(diagnostic)
            ),
            Event::Baseline {
                sheet,
                years,
                added,
            } => {
                print_long_sheet(sheet, years, self.verbose);
                print_added(added);
            }
            Event::Package {
                path,
                manifest: m,
                decision,
            } => {
                let head = IngestText::PackageHead.say(
                    l,
                    &[
                        ("path", path),
                        ("area", &m.area.name),
                        ("code", &m.area.code),
                        ("year", &m.year.to_string()),
                        ("at", &m.created_at),
                    ],
                );
                match decision {
                    PackageDecision::NothingNew(Some(e)) => println!(
                        "{head}\n{}\n",
                        IngestText::PackageSame.say(
                            l,
                            &[
                                ("at", &e.ingested_at),
                                ("revision", &e.revision.to_string())
                            ]
                        )
                    ),
                    PackageDecision::NothingNew(None) => {
                        println!("{head}\n{}\n", IngestText::PackageFilesKnown.text(l))
                    }
                    PackageDecision::OlderThanStored(newer) => println!(
                        "{head}\n{}\n",
                        IngestText::PackageOlder.say(l, &[("newer", newer)])
                    ),
                    PackageDecision::Adding => println!("{head}"),
                }
            }
            // A province's package holds thousands of files: one line each only with -v.
            Event::PackageFile { name, added } => {
                if self.verbose {
                    println!("   {name}");
                    print_added(added);
                }
            }
            Event::PackageDone {
                outcome,
                manifest: m,
            } => {
                println!(
                    "{}\n",
                    IngestText::PackageDone.say(
                        l,
                        &[
                            ("files", &outcome.files_added.to_string()),
                            ("revisions", &revisions(&outcome.revisions)),
                            ("added", &outcome.values_added.to_string()),
                            ("superseded", &outcome.values_superseded.to_string()),
                            ("unchanged", &outcome.values_unchanged.to_string()),
                            ("known", &(m.files.len() - outcome.files_added).to_string()),
                        ]
                    )
                );
            }
        }
    }
}

/// `修订号 3` or `修订号 3–7` (empty for none): which revisions a step wrote.
pub fn revisions(list: &[u32]) -> String {
    match (list.first(), list.last()) {
        (Some(a), Some(b)) if a == b => IngestText::Revision.say(lang(), &[("n", &a.to_string())]),
        (Some(a), Some(b)) => IngestText::Revisions.say(
            lang(),
            &[("first", &a.to_string()), ("last", &b.to_string())],
        ),
        _ => String::new(),
    }
}

fn print_long_sheet(s: &LongSheet, years: &[i32], verbose: bool) {
    let l = lang();
    let years = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => CheckText::Year.say(l, &[("year", &a.to_string())]),
        (Some(a), Some(b)) => {
            IngestText::YearRange.say(l, &[("first", &a.to_string()), ("last", &b.to_string())])
        }
        _ => IngestText::NoData.text(l).into(),
    };
    println!(
        "{}",
        IngestText::LongSheetLine.say(
            l,
            &[
                ("path", &shown(&s.path)),
                ("format", if s.format.is_empty() { "?" } else { &s.format }),
                ("years", &years),
                ("accepted", &s.rows.len().to_string()),
                ("errors", &s.errors().to_string()),
                ("warnings", &s.warnings().to_string()),
            ]
        )
    );
    for d in &s.diagnostics {
        if d.severity == Severity::Info && !verbose {
            continue;
        }
        println!("{}\n", diagnostic_text(d));
    }
}

fn print_added(a: &Added) {
    let l = lang();
    let n = |t: IngestText, n: usize| t.say(l, &[("n", &n.to_string())]);
    let mut parts = vec![n(IngestText::AddedValues, a.added)];
    if !a.superseded.is_empty() {
        parts.push(n(IngestText::AddedCorrected, a.superseded.len()));
    }
    if a.unchanged > 0 {
        parts.push(n(IngestText::AddedUnchanged, a.unchanged));
    }
    if a.rejected > 0 {
        parts.push(n(IngestText::AddedRejected, a.rejected));
    }
    if a.assessments > 0 {
        parts.push(n(IngestText::AddedAssessments, a.assessments));
    }
    println!(
        "{}",
        IngestText::AddedLine.say(
            l,
            &[
                ("revision", &a.revision.to_string()),
                ("parts", &parts.join(IngestText::Comma.text(l)))
            ]
        )
    );
    for c in &a.superseded {
        println!(
            "{}",
            IngestText::Correction.say(
                l,
                &[
                    ("indicator", &c.indicator),
                    ("year", &c.year.to_string()),
                    ("group", &breakdown(&c.sex, &c.area, &c.field)),
                    ("old", &fmt_num(c.old_value)),
                    ("new", &fmt_num(c.new_value)),
                    ("file", &shown(&c.old_file)),
                    ("cell", &c.old_cell),
                    ("revision", &c.old_revision.to_string()),
                ]
            )
        );
    }
    if a.kept_from_earlier > 0 {
        println!("{}", n(IngestText::KeptFromEarlier, a.kept_from_earlier));
    }
    println!();
}

/// The group a stored row's keys name, in the terminal's language.
pub fn breakdown(sex: &str, area: &str, item: &str) -> String {
    planeval::breakdown::label(lang(), sex, area, item)
}
