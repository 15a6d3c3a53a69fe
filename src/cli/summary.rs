//! The terminal summary of `evaluate`: title, area, rates, the domains' table, early warnings, open
//! data problems; with `--by-area`, the areas' ranking.

use super::render::{shown_text, table, truncate};
use planeval::report::compare::{self, Compared};
use planeval::report::evaluation;
use planeval::report::facts::{Facts, Severity};
use planeval::report::messages::{
    domain_name, fill, indicator_name, status_label, warning_label, Lang, Msg,
};
use planeval::rollup::AreaReport;
use std::path::Path;

/// The areas below, best rate first, on the terminal.
pub fn print_ranking(c: &Compared, lang: Lang) {
    let header = [
        Msg::ColRank.text(lang),
        Msg::ColArea.text(lang),
        Msg::ColRate.text(lang),
        Msg::ColAttained.text(lang),
        Msg::ColWarnings.text(lang),
        Msg::ColUnitsReturned.text(lang),
    ];
    let mut order: Vec<&compare::AreaRate> = c.areas.iter().collect();
    order.sort_by_key(|r| (r.rank.unwrap_or(usize::MAX), r.code.clone()));
    let rows: Vec<Vec<String>> = order
        .iter()
        .map(|r| {
            vec![
                r.rank.map_or("—".into(), |k| k.to_string()),
                r.name.clone(),
                Facts::rate_text(r.attainment_rate),
                format!("{}/{}", r.attained, r.monitorable),
                r.warnings.to_string(),
                format!("{}/{}", r.units_returned, r.units_expected),
            ]
        })
        .collect();
    println!();
    print!("{}", table(&header, &rows));
}

/// Which area, where it sits, and — for an area with areas below it — their coverage in the as-of year
/// and where its values came from.
fn print_area(a: &AreaReport, lang: Lang) {
    for line in planeval::report::rollup_sheet::area_lines(a, lang) {
        println!("{}", shown_text(&line));
    }
}

pub fn print_summary(f: &Facts, store: &Path) {
    let lang = f.lang;
    let ev = f.ev;
    println!("{}", shown_text(&evaluation::title(f)));
    if let Some(a) = &f.run.area {
        print_area(a, lang);
    }
    println!(
        "{}",
        fill(
            Msg::CliStore.text(lang),
            &[
                ("store", &store.display().to_string()),
                ("files", &f.run.files.to_string()),
                ("values", &f.run.values.to_string()),
            ]
        )
    );
    println!(
        "{}",
        fill(
            Msg::CliRate.text(lang),
            &[
                ("rate", &Facts::rate_text(ev.attainment_rate)),
                ("monitorable", &ev.monitorable.to_string()),
                ("attained", &ev.attained.to_string()),
            ]
        )
    );
    let tally = |c: &planeval::score::StatusCounts| {
        c.nonzero()
            .map(|(s, n)| format!("{} {n}", status_label(s, lang)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    println!("{}{}", Msg::CliIndicators.text(lang), tally(&ev.counts));
    println!(
        "{}{}",
        Msg::CliObjectives.text(lang),
        tally(&ev.objective_counts)
    );
    println!();

    let statuses = ev.stage.statuses();
    let mut header: Vec<&str> = vec![Msg::ColDomain.text(lang), Msg::ColRate.text(lang)];
    header.extend(statuses.iter().map(|s| status_label(*s, lang)));
    header.push(Msg::ColWarnings.text(lang));
    let rows: Vec<Vec<String>> = ev
        .domains
        .iter()
        .map(|d| {
            let mut row = vec![
                domain_name(f.cat, &d.code, lang),
                Facts::rate_text(d.attainment_rate),
            ];
            row.extend(statuses.iter().map(|s| d.counts.get(*s).to_string()));
            row.push(
                planeval::score::WarningCode::ALL
                    .iter()
                    .map(|c| d.warning_counts.get(*c))
                    .sum::<usize>()
                    .to_string(),
            );
            row
        })
        .collect();
    print!("{}", table(&header, &rows));
    println!();

    let warnings = f.warning_rows();
    println!(
        "{}",
        fill(
            Msg::CliWarnings.text(lang),
            &[("n", &warnings.len().to_string())]
        )
    );
    for w in &warnings {
        let subject = match (w.indicator, w.objective) {
            (Some(r), _) => match lang {
                Lang::Zh => format!("{}（{}）", indicator_name(f.cat, &r.code, lang), r.code),
                Lang::En => format!("{} ({})", indicator_name(f.cat, &r.code, lang), r.code),
            },
            (None, Some(o)) => format!("{} {}", o.code, truncate(&o.text, 30)),
            _ => w.subject.clone(),
        };
        let mark = match w.severity {
            Severity::High => "!",
            Severity::Medium => "·",
        };
        println!(
            "  {mark} [{}] {subject}{}{}",
            warning_label(w.warning.code, lang),
            lang.pick("：", ": "),
            f.warning_message(w.warning, w.indicator)
        );
    }
    if !f.outstanding.is_empty() {
        let m = f.outstanding.iter().filter(|q| q.year == ev.year).count();
        println!();
        println!(
            "{}",
            fill(
                Msg::CliOutstanding.text(lang),
                &[
                    ("n", &f.outstanding.len().to_string()),
                    ("m", &m.to_string()),
                    ("year", &ev.year.to_string()),
                ]
            )
        );
        for q in f.outstanding {
            println!(
                "  {}: {}[{}]: {}",
                evaluation::location(q),
                planeval::Severity::Error.label_zh(),
                q.code,
                q.message
            );
        }
    }
}
