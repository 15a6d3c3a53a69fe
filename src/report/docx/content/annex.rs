//! The report's annex tables (附表), the areas' comparison (地区对比) and the data quality part (数据质量).

use super::*;

// ── 附表 ─────────────────────────────────────────────────────────────────────────────────────────

pub(super) fn annex_part(f: &Facts) -> Part {
    let lang = f.lang;
    let ev = f.ev;
    let years = f.years();
    let base = f.cat.plan.baseline_year;
    // Caps in display columns: English words are longer than Chinese names.
    let cap = |zh: usize, en: usize| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    let mut columns = vec![
        Column::new(Msg::ColIndicator.text(lang), Align::Left, cap(30, 40)),
        Column::new(Msg::ColTarget.text(lang), Align::Left, cap(12, 16)),
        Column::new(
            fill(Msg::ColBaseline.text(lang), &[("year", &base.to_string())]),
            Align::Right,
            10,
        ),
    ];
    for y in &years {
        columns.push(Column::new(
            fill(Msg::ColYear.text(lang), &[("year", &y.to_string())]),
            Align::Right,
            8,
        ));
    }
    columns.push(Column::new(Msg::ColLatest.text(lang), Align::Right, 14));
    columns.push(Column::new(
        Msg::ColStatus.text(lang),
        Align::Center,
        cap(8, 10),
    ));
    columns.push(Column::new(
        Msg::ColLeadUnit.text(lang),
        Align::Left,
        cap(12, 24),
    ));
    let mut rows = Vec::new();
    for d in &f.cat.domains {
        let inds: Vec<&IndicatorResult> = ev
            .indicators
            .iter()
            .filter(|r| r.domain == d.code)
            .collect();
        if inds.is_empty() {
            continue;
        }
        rows.push(Row::Group(domain_name(f.cat, &d.code, lang)));
        for r in inds {
            let Some(ind) = f.indicator_def(&r.code) else {
                continue;
            };
            let series = f.judged_series(ind);
            let unit = crate::report::messages::unit_symbol(f.cat, &r.code, lang);
            let name = indicator_name(f.cat, &r.code, lang);
            let mut cells = vec![
                Cell::text(if unit.is_empty() {
                    name
                } else {
                    match lang {
                        Lang::Zh => format!("{name}（{unit}）"),
                        Lang::En => format!("{name} ({unit})"),
                    }
                }),
                Cell::text(target_words(f, ind)),
                Cell::text(
                    series
                        .get(&base)
                        .map_or_else(String::new, |v| f.num(&r.code, *v)),
                ),
            ];
            for y in &years {
                cells.push(Cell::text(
                    series
                        .get(y)
                        .map_or_else(String::new, |v| f.num(&r.code, *v)),
                ));
            }
            cells.push(Cell::text(r.latest.map_or_else(String::new, |l| {
                if l.year == ev.year {
                    f.num(&r.code, l.value)
                } else {
                    match lang {
                        Lang::Zh => format!("{}（{}年）", f.num(&r.code, l.value), l.year),
                        Lang::En => format!("{} ({})", f.num(&r.code, l.value), l.year),
                    }
                }
            })));
            cells.push(Cell::filled(
                status_label(r.status, lang),
                status_colors(r.status).0,
            ));
            cells.push(Cell::text(unit_name(f.cat, &r.lead_unit, lang)));
            rows.push(Row::Cells(cells));
        }
    }
    Part {
        heading: Msg::DocAnnex.text(lang).to_string(),
        landscape: true,
        blocks: vec![Block::Table(Table {
            caption: None,
            columns,
            rows,
            note: Some(Msg::AnnexNote.text(lang).to_string()),
        })],
    }
}

// ── 地区对比 ─────────────────────────────────────────────────────────────────────────────────────

/// The areas below compared: the best and the lowest rate, who did not report, and the ranking.
pub(super) fn areas_part(f: &Facts, n: usize, numbers: &mut Counters) -> Part {
    let lang = f.lang;
    let sep = list_sep(lang);
    let Some(c) = &f.run.compared else {
        return Part {
            heading: numbered(lang, n, Msg::SheetCompare.text(lang)),
            landscape: false,
            blocks: Vec::new(),
        };
    };
    let mut order: Vec<&crate::report::compare::AreaRate> = c.areas.iter().collect();
    order.sort_by_key(|r| (r.rank.unwrap_or(usize::MAX), r.code.clone()));
    let ranked: Vec<_> = order.iter().filter(|r| r.rank.is_some()).collect();
    let mut blocks = Vec::new();
    let not_reported: Vec<&str> = c
        .areas
        .iter()
        .filter(|r| !r.reported)
        .map(|r| r.name.as_str())
        .collect();
    if let (Some(best), Some(low)) = (ranked.first(), ranked.last()) {
        blocks.push(plain(fill(
            Msg::DocAreasLine.text(lang),
            &[
                ("n", &c.areas.len().to_string()),
                ("best", &best.name),
                ("best_rate", &Facts::rate_text(best.attainment_rate)),
                ("low", &low.name),
                ("low_rate", &Facts::rate_text(low.attainment_rate)),
            ],
        )));
    }
    if !not_reported.is_empty() {
        blocks.push(plain(fill(
            Msg::DocAreasMissing.text(lang),
            &[("names", &not_reported.join(sep))],
        )));
    }
    let columns = vec![
        Column::new(Msg::ColRank.text(lang), Align::Center, 6),
        Column::new(Msg::ColArea.text(lang), Align::Left, 20),
        Column::new(Msg::ColRate.text(lang), Align::Right, 10),
        Column::new(Msg::ColAttained.text(lang), Align::Center, 12),
        Column::new(Msg::ColWarnings.text(lang), Align::Right, 8),
        Column::new(Msg::ColUnitsReturned.text(lang), Align::Center, 10),
    ];
    let rows = order
        .iter()
        .map(|r| {
            Row::Cells(vec![
                Cell::text(r.rank.map_or("—".to_string(), |k| k.to_string())),
                Cell::text(r.name.clone()),
                Cell::text(Facts::rate_text(r.attainment_rate)),
                Cell::text(format!("{}/{}", r.attained, r.monitorable)),
                Cell::text(r.warnings.to_string()),
                Cell::text(format!("{}/{}", r.units_returned, r.units_expected)),
            ])
        })
        .collect();
    blocks.push(Block::Table(Table {
        caption: Some(fill(
            Msg::TableAreas.text(lang),
            &[("n", &numbers.table().to_string())],
        )),
        columns,
        rows,
        note: Some(
            c.outputs
                .first()
                .map(|w| fill(Msg::DocAreasNote.text(lang), &[("workbook", w)]))
                .unwrap_or_default(),
        ),
    }));
    Part {
        heading: numbered(lang, n, Msg::SheetCompare.text(lang)),
        landscape: false,
        blocks,
    }
}

// ── 数据质量 ──────────────────────────────────────────────────────────────────────────────────────

/// Uncorrected errors listed in the report; the workbook's 数据质量 sheet has all of them.
pub(super) const OUTSTANDING_SHOWN: usize = 50;
/// Characters of a rejected cell's raw text the report shows.
pub(super) const RAW_SHOWN: usize = 100;

pub(super) fn data_quality_part(f: &Facts, numbers: &mut Counters) -> Part {
    let lang = f.lang;
    let sep = list_sep(lang);
    let mut blocks = Vec::new();
    if let Some(c) = f.completeness.last() {
        blocks.push(plain(fill(
            Msg::DqReturns.text(lang),
            &[
                ("year", &c.year.to_string()),
                ("returned", &c.units_returned.to_string()),
                ("expected", &c.units_expected.to_string()),
                ("percent", &format!("{:.1}", c.percent)),
            ],
        )));
        let missing: Vec<String> = c
            .units
            .iter()
            .filter(|u| !u.returned)
            .map(|u| unit_name(f.cat, &u.unit, lang))
            .collect();
        if !missing.is_empty() {
            blocks.push(plain(fill(
                Msg::DqNotReturned.text(lang),
                &[("units", &missing.join(sep))],
            )));
        }
    }
    let earlier: Vec<String> = f
        .completeness
        .iter()
        .rev()
        .skip(1)
        .rev()
        .filter_map(|c| {
            let missing: Vec<String> = c
                .units
                .iter()
                .filter(|u| !u.returned)
                .map(|u| unit_name(f.cat, &u.unit, lang))
                .collect();
            (!missing.is_empty()).then(|| match lang {
                Lang::Zh => format!("{}年 {}", c.year, missing.join(sep)),
                Lang::En => format!("{}: {}", c.year, missing.join(sep)),
            })
        })
        .collect();
    if !earlier.is_empty() {
        blocks.push(plain(fill(
            Msg::DqEarlier.text(lang),
            &[("list", &earlier.join(lang.pick("；", "; ")))],
        )));
    }
    if f.outstanding.is_empty() {
        blocks.push(plain(Msg::NoProblems.text(lang)));
    } else {
        blocks.push(plain(fill(
            Msg::DqOutstanding.text(lang),
            &[("n", &f.outstanding.len().to_string())],
        )));
        let columns = vec![
            Column::new(Msg::ColYearPlain.text(lang), Align::Center, 6),
            Column::new(Msg::ColReportingUnit.text(lang), Align::Left, 16),
            Column::new(Msg::ColLocation.text(lang), Align::Left, 40),
            Column::new(Msg::ColRaw.text(lang), Align::Left, 14),
            Column::new(Msg::ColProblem.text(lang), Align::Left, 40),
        ];
        let rows = f
            .outstanding
            .iter()
            .take(OUTSTANDING_SHOWN)
            .map(|q| {
                Row::Cells(vec![
                    Cell::text(if q.year == 0 {
                        Msg::UnknownYear.text(lang).to_string()
                    } else {
                        q.year.to_string()
                    }),
                    Cell::text(unit_name(f.cat, &q.reporting_unit, lang)),
                    Cell::text(location(q)),
                    // A narrow column of a report: the start of a long text (the workbook's
                    // 数据质量 sheet and the store have more).
                    Cell::text(
                        crate::limits::clip(q.raw.as_deref().unwrap_or_default(), RAW_SHOWN)
                            .into_owned(),
                    ),
                    Cell::text(format!("{} {}", q.code, q.message)),
                ])
            })
            .collect();
        let more = f.outstanding.len().saturating_sub(OUTSTANDING_SHOWN);
        blocks.push(Block::Table(Table {
            caption: Some(fill(
                Msg::TableOutstanding.text(lang),
                &[("n", &numbers.table().to_string())],
            )),
            columns,
            rows,
            note: (more > 0).then(|| fill(Msg::DqMore.text(lang), &[("n", &more.to_string())])),
        }));
    }
    Part {
        heading: Msg::DocDataQuality.text(lang).to_string(),
        landscape: true,
        blocks,
    }
}
