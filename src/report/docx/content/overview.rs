//! The report's first parts: the abstract (摘要), the overall picture (一、总体情况), each domain (二、各领域情况).

use super::*;

// ── 摘要 ─────────────────────────────────────────────────────────────────────────────────────────

pub(super) fn abstract_part(f: &Facts) -> Part {
    let lang = f.lang;
    let ev = f.ev;
    let rate = Facts::rate_text(ev.attainment_rate);
    let first = fill(
        Msg::AbsRate.text(lang),
        &[
            ("year", &ev.year.to_string()),
            ("indicators", &ev.indicators.len().to_string()),
            ("monitorable", &ev.monitorable.to_string()),
            ("attained", &ev.attained.to_string()),
            ("rate", &rate),
            ("counts", &tally(&ev.counts, lang)),
        ],
    );
    let behind: Vec<&IndicatorResult> = scored(f).filter(|r| Facts::is_behind(r.status)).collect();
    let second = if behind.is_empty() {
        Msg::AbsNoGaps.text(lang).to_string()
    } else {
        // The domains with the most indicators behind, then the lowest rate.
        let mut by_domain: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &behind {
            *by_domain.entry(r.domain.as_str()).or_default() += 1;
        }
        let mut domains: Vec<(&str, usize)> = by_domain.into_iter().collect();
        let rate_of = |d: &str| ev.domain(d).and_then(|r| r.attainment_rate).unwrap_or(0.0);
        domains.sort_by(|a, b| b.1.cmp(&a.1).then(rate_of(a.0).total_cmp(&rate_of(b.0))));
        let names: Vec<String> = domains
            .iter()
            .take(3)
            .map(|(d, _)| domain_name(f.cat, d, lang))
            .collect();
        let mut worst = behind.clone();
        worst.sort_by_key(|r| r.status.rank());
        let list: Vec<String> = worst
            .iter()
            .take(3)
            .map(|r| indicator_name(f.cat, &r.code, lang))
            .collect();
        fill(
            Msg::AbsGaps.text(lang),
            &[
                ("domains", &names.join(list_sep(lang))),
                ("n", &behind.len().to_string()),
                ("behind", behind_word(ev.stage).text(lang)),
                ("list", &list.join(list_sep(lang))),
            ],
        )
    };
    let high = f
        .warning_rows()
        .iter()
        .filter(|w| w.severity == Severity::High)
        .count();
    let third = fill(
        Msg::AbsWarnings.text(lang),
        &[
            ("n", &f.warning_total().to_string()),
            ("high", &high.to_string()),
            ("nodata", &ev.counts.get(Status::NoData).to_string()),
        ],
    );
    // The rate is what the reader looks for: it stands out.
    let space = lang.pick("", " ");
    let rest = format!("{space}{second}{space}{third}");
    let span = |text: String, bold| Span { text, bold };
    let spans = match first.split_once(rate.as_str()) {
        Some((before, after)) => vec![
            span(before.to_string(), false),
            span(rate.clone(), true),
            span(format!("{after}{rest}"), false),
        ],
        None => vec![span(format!("{first}{rest}"), false)],
    };
    Part {
        heading: Msg::DocAbstract.text(lang).to_string(),
        landscape: false,
        blocks: vec![Block::Text(spans)],
    }
}

// ── 一、总体情况 ───────────────────────────────────────────────────────────────────────────────────

pub(super) fn overall_part(f: &Facts, n: usize, numbers: &mut Counters) -> Part {
    let lang = f.lang;
    let ev = f.ev;
    let mut blocks = vec![plain(fill(
        Msg::OverallObjectives.text(lang),
        &[
            ("n", &ev.objectives.len().to_string()),
            ("tally", &tally(&ev.objective_counts, lang)),
        ],
    ))];
    let rated: Vec<(&str, f64)> = ev
        .domains
        .iter()
        .filter_map(|d| d.attainment_rate.map(|r| (d.code.as_str(), r)))
        .collect();
    let best = rated
        .iter()
        .copied()
        .reduce(|a, b| if b.1 > a.1 { b } else { a });
    let worst = rated
        .iter()
        .copied()
        .reduce(|a, b| if b.1 < a.1 { b } else { a });
    if let (Some(best), Some(worst)) = (best, worst) {
        if best.1 > worst.1 {
            blocks.push(plain(fill(
                Msg::OverallRange.text(lang),
                &[
                    ("best", &domain_name(f.cat, best.0, lang)),
                    ("best_rate", &Facts::rate_text(Some(best.1))),
                    ("worst", &domain_name(f.cat, worst.0, lang)),
                    ("worst_rate", &Facts::rate_text(Some(worst.1))),
                ],
            )));
        }
    }
    let statuses: Vec<Status> = ev
        .stage
        .statuses()
        .iter()
        .copied()
        .filter(|s| *s != Status::NotScored)
        .collect();
    let mut columns = vec![
        Column::new(Msg::ColDomain.text(lang), Align::Left, 18),
        Column::new(Msg::Monitorable.text(lang), Align::Center, 6),
    ];
    for s in &statuses {
        columns.push(Column::new(status_label(*s, lang), Align::Center, 6));
    }
    columns.push(Column::new(Msg::ColRate.text(lang), Align::Center, 7));
    columns.push(Column::new(Msg::ColWarnings.text(lang), Align::Center, 5));
    let warnings_of =
        |c: &crate::score::WarningCounts| WarningCode::ALL.iter().map(|w| c.get(*w)).sum::<usize>();
    let mut rows = Vec::new();
    for d in &ev.domains {
        let mut cells = vec![
            Cell::text(domain_name(f.cat, &d.code, lang)),
            Cell::text(d.monitorable.to_string()),
        ];
        cells.extend(
            statuses
                .iter()
                .map(|s| Cell::text(d.counts.get(*s).to_string())),
        );
        cells.push(Cell::text(Facts::rate_text(d.attainment_rate)));
        cells.push(Cell::text(warnings_of(&d.warning_counts).to_string()));
        rows.push(Row::Cells(cells));
    }
    let mut total = vec![
        Cell::text(Msg::Total.text(lang)),
        Cell::text(ev.monitorable.to_string()),
    ];
    total.extend(
        statuses
            .iter()
            .map(|s| Cell::text(ev.counts.get(*s).to_string())),
    );
    total.push(Cell::text(Facts::rate_text(ev.attainment_rate)));
    total.push(Cell::text(f.warning_total().to_string()));
    rows.push(Row::Total(total));
    let attained_def = match ev.stage {
        Stage::Final if ev.config.count_basically_achieved => Msg::AttainedFinalWithBasic,
        Stage::Final => Msg::AttainedFinal,
        _ => Msg::AttainedProgress,
    };
    blocks.push(Block::Table(Table {
        caption: Some(fill(
            Msg::TableDomains.text(lang),
            &[("n", &numbers.table().to_string())],
        )),
        columns,
        rows,
        note: Some(fill(
            Msg::RateNote.text(lang),
            &[("attained_def", attained_def.text(lang))],
        )),
    }));
    Part {
        heading: numbered(lang, n, Msg::DocOverall.text(lang)),
        landscape: false,
        blocks,
    }
}

// ── 二、各领域情况 ─────────────────────────────────────────────────────────────────────────────────

pub(super) fn domains_part(f: &Facts, n: usize, numbers: &mut Counters) -> Part {
    let lang = f.lang;
    let ev = f.ev;
    let mut blocks = Vec::new();
    for (i, d) in f.cat.domains.iter().enumerate() {
        let name = domain_name(f.cat, &d.code, lang);
        blocks.push(Block::Heading(sub_numbered(lang, n, i + 1, &name)));
        let inds: Vec<&IndicatorResult> = scored(f).filter(|r| r.domain == d.code).collect();
        if inds.is_empty() {
            blocks.push(plain(Msg::DomainNoIndicators.text(lang)));
        } else {
            let count = |p: fn(Status) -> bool| inds.iter().filter(|r| p(r.status)).count();
            let rate = Facts::rate_text(ev.domain(&d.code).and_then(|r| r.attainment_rate));
            blocks.push(plain(fill(
                Msg::DomainIntro.text(lang),
                &[
                    ("n", &inds.len().to_string()),
                    ("rate", &rate),
                    ("good", &count(Facts::is_good).to_string()),
                    ("behind", &count(Facts::is_behind).to_string()),
                    ("nodata", &count(|s| s == Status::NoData).to_string()),
                ],
            )));
            for (k, r) in inds.iter().enumerate() {
                blocks.push(finding(f, r, k + 1));
            }
        }
        let qualitative: Vec<_> = ev
            .objectives
            .iter()
            .filter(|o| {
                o.domain == d.code
                    && (o.kind == ObjectiveKind::Qualitative || o.indicators.is_empty())
            })
            .collect();
        if !qualitative.is_empty() {
            let mut c = StatusCounts::new(ev.stage);
            for o in &qualitative {
                c.add(o.status);
            }
            blocks.push(plain(fill(
                Msg::DomainQualitative.text(lang),
                &[
                    ("n", &qualitative.len().to_string()),
                    ("tally", &tally(&c, lang)),
                ],
            )));
            for o in qualitative.iter().filter(|o| !Facts::is_good(o.status)) {
                blocks.push(Block::Note(fill(
                    Msg::DomainQualitativeOpen.text(lang),
                    &[
                        ("code", &o.code),
                        ("status", status_label(o.status, lang)),
                        ("text", first_sentence(&o.text)),
                    ],
                )));
            }
        }
        if !inds.is_empty() {
            let figures = charts::domain_figures(f, &d.code);
            if figures.is_empty() {
                blocks.push(plain(Msg::DomainNoChart.text(lang)));
            }
            for figure in figures {
                let part = figure.part.map_or_else(String::new, |(k, of)| {
                    fill(
                        Msg::FigurePart.text(lang),
                        &[("k", &k.to_string()), ("of", &of.to_string())],
                    )
                });
                let caption = fill(
                    Msg::FigureCaption.text(lang),
                    &[
                        ("n", &numbers.figure().to_string()),
                        ("domain", &name),
                        ("part", &part),
                    ],
                );
                let alt = charts::alt_text(&figure);
                blocks.push(Block::Figure {
                    figure,
                    caption,
                    alt,
                });
            }
        }
    }
    Part {
        heading: numbered(lang, n, Msg::DocByDomain.text(lang)),
        landscape: false,
        blocks,
    }
}

/// The first sentence of a plan text (objective texts run to several).
pub(super) fn first_sentence(text: &str) -> &str {
    match text.find('。') {
        Some(i) => &text[..i + '。'.len_utf8()],
        None => text,
    }
}
