//! How the ingest events of `ingest`, `run` and `demo` read on the terminal: one block per file, as it is
//! added, and the store's lock and tidying notes on stderr.

use super::check::print_file;
use super::render::{diagnostic_text, shown};
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
        if let Event::Opened { took_over, tidied } = &e {
            if let Some(dead) = took_over {
                eprintln!(
                    "planeval: 警告：监测数据库的锁属于已不存在的进程 {}（自 {} 起，命令：{}），该进程可能被中断；已接管",
                    dead.pid, dead.started_at, dead.command
                );
            }
            if !tidied.is_empty() {
                eprintln!(
                    "planeval: 提示：清理了上次中断的入库留下的未登记文件：{}",
                    tidied.join("、")
                );
            }
            return;
        }
        if !self.print {
            return;
        }
        match e {
            Event::Opened { .. } => {}
            Event::Skipped { path, earlier } => println!(
                "── {path}  已于 {} 入库（修订号 {}，文件 {}），内容相同，跳过\n",
                earlier.ingested_at, earlier.revision, earlier.name
            ),
            Event::OtherYear { path, own, year } => println!(
                "── {}  属于 {own} 年度（本次为 {year} 年度），未入库；按其自身年度入库请加 --other-years ingest\n",
                shown(path)
            ),
            Event::Return { report, added } => {
                print_file(report, self.verbose);
                if let Some(added) = added {
                    print_added(added);
                }
            }
            Event::BaselineUnreadable { path, diagnostic } => {
                println!("── {}  无法读取\n{}\n", shown(path), diagnostic_text(diagnostic))
            }
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
                let head = format!(
                    "── {path}  [报送包 · {}（{}） · {} 年 · 导出于 {}]",
                    m.area.name, m.area.code, m.year, m.created_at
                );
                match decision {
                    PackageDecision::NothingNew(Some(e)) => println!(
                        "{head}\n   内容相同的报送包已于 {} 入库（修订号 {}），跳过\n",
                        e.ingested_at, e.revision
                    ),
                    PackageDecision::NothingNew(None) => {
                        println!("{head}\n   包中的文件都已入库，跳过\n")
                    }
                    PackageDecision::OlderThanStored(newer) => println!(
                        "{head}\n   数据库中已有该地区该年度较新的报送包（导出于 {newer}），此包较旧，未入库\n"
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
                let revisions = match (outcome.revisions.first(), outcome.revisions.last()) {
                    (Some(a), Some(b)) if a == b => format!("修订号 {a}"),
                    (Some(a), Some(b)) => format!("修订号 {a}–{b}"),
                    _ => String::new(),
                };
                println!(
                    "   入库包中 {} 个文件（{revisions}）：新增 {} 个数值，更正 {} 个（原值保留在历史中），与原值相同 {} 个；包中其余 {} 个文件此前已入库\n",
                    outcome.files_added,
                    outcome.values_added,
                    outcome.values_superseded,
                    outcome.values_unchanged,
                    m.files.len() - outcome.files_added
                );
            }
        }
    }
}

fn print_long_sheet(s: &LongSheet, years: &[i32], verbose: bool) {
    let years = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => format!("{a}年"),
        (Some(a), Some(b)) => format!("{a}–{b}年"),
        _ => "无数据".into(),
    };
    println!(
        "── {}  [{} · 基期及历年数据 · {years}]  接受 {} 个数值，{} 个错误，{} 个警告",
        shown(&s.path),
        if s.format.is_empty() { "?" } else { &s.format },
        s.rows.len(),
        s.errors(),
        s.warnings()
    );
    for d in &s.diagnostics {
        if d.severity == Severity::Info && !verbose {
            continue;
        }
        println!("{}\n", diagnostic_text(d));
    }
}

fn print_added(a: &Added) {
    let mut parts = vec![format!("新增 {} 个数值", a.added)];
    if !a.superseded.is_empty() {
        parts.push(format!(
            "更正 {} 个（原值保留在历史中）",
            a.superseded.len()
        ));
    }
    if a.unchanged > 0 {
        parts.push(format!("与原值相同 {} 个", a.unchanged));
    }
    if a.rejected > 0 {
        parts.push(format!("隔离 {} 个有误的单元格", a.rejected));
    }
    if a.assessments > 0 {
        parts.push(format!("自评 {} 项", a.assessments));
    }
    println!("   入库（修订号 {}）：{}", a.revision, parts.join("，"));
    for c in &a.superseded {
        println!(
            "   更正 {} {}年 {}：{} → {}（原值来自 {}!{}，修订号 {}）",
            c.indicator,
            c.year,
            breakdown(&c.sex, &c.area, &c.field),
            planeval::catalog::target::fmt_num(c.old_value),
            planeval::catalog::target::fmt_num(c.new_value),
            shown(&c.old_file),
            c.old_cell,
            c.old_revision
        );
    }
    if a.kept_from_earlier > 0 {
        println!(
            "   提示：本单位本年度此前报送的 {} 个数值在本文件中没有出现，仍保留原值",
            a.kept_from_earlier
        );
    }
    println!();
}

pub use planeval::breakdown::label_zh as breakdown;
