//! What the Word report says, as plain data: its title block and its parts, each a heading with
//! paragraphs, tables and figures — built from the same `Facts` as the workbook and summary.json (the
//! scored evaluation), never from another output's text.
//!
//! The parts follow the national statistical monitoring reports of the women's development outline
//! and county evaluation reports: 摘要; 一、总体情况 (a table by domain); 二、各领域情况 (per domain
//! numbered findings — latest value, change since the baseline and the year before, the plan's
//! breakdown, target and status — and the chart); 三、存在的主要问题 (warnings by kind, with the
//! responsible units); 四、对策建议 (marked places for the group to write, each prefilled with the
//! facts it answers); 附表 (every indicator) and 数据质量 (who did not report, uncorrected errors).

use super::charts::{self, Figure};
use super::tables::{Align, Cell, Column, Row, Table};
use super::words::target_words;
use crate::catalog::{Dimension, Indicator, ObjectiveKind, TargetKind};
use crate::report::evaluation::{location, plan_name};
use crate::report::facts::{Facts, Severity};
use crate::report::messages::{
    amount, change_amount, domain_name, fill, indicator_name, stage_label, status_label, unit_name,
    warning_label, Lang, Msg,
};
use crate::report::sheet::status_colors;
use crate::score::{Area, Field, IndicatorResult, Sex, Stage, Status, StatusCounts, WarningCode};
use std::collections::BTreeMap;

/// The whole report.
#[derive(Debug, Clone)]
pub struct Report {
    pub lang: Lang,
    pub title: String,
    /// `（数据截至2023年）`.
    pub subtitle: String,
    /// Who submits it: `古县妇儿工委办公室（评估组）`.
    pub issuer: String,
    pub date: String,
    /// The draft note the group deletes before sending.
    pub note: String,
    pub parts: Vec<Part>,
    /// Custom document properties (plan, stage, year, …).
    pub properties: Vec<(String, String)>,
}

/// A first-level part: its heading and what follows it.
#[derive(Debug, Clone)]
pub struct Part {
    pub heading: String,
    /// Laid out on landscape pages (wide tables).
    pub landscape: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// A body paragraph; bold spans for what the reader should find at a glance.
    Text(Vec<Span>),
    /// A second-level heading.
    Heading(String),
    /// A place the group writes, prefilled with a prompt; highlighted so it cannot be missed.
    Placeholder(String),
    Table(Table),
    /// A chart, its caption and alt text.
    Figure {
        figure: Figure,
        caption: String,
        alt: String,
    },
    /// Small print (notes under tables, the English quoting note).
    Note(String),
}

#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub bold: bool,
}

fn plain(text: impl Into<String>) -> Block {
    Block::Text(vec![Span {
        text: text.into(),
        bold: false,
    }])
}

const CHINESE_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99).
pub fn chinese_number(n: usize) -> String {
    match n {
        0..=9 => CHINESE_DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { CHINESE_DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            CHINESE_DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                CHINESE_DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// A first-level heading: `一、总体情况`, `1. Overall`.
fn numbered(lang: Lang, n: usize, text: &str) -> String {
    match lang {
        Lang::Zh => format!("{}、{text}", chinese_number(n)),
        Lang::En => format!("{n}. {text}"),
    }
}

/// A second-level heading: `（一）妇女与健康`, `2.1 Health`.
fn sub_numbered(lang: Lang, part: usize, n: usize, text: &str) -> String {
    match lang {
        Lang::Zh => format!("（{}）{text}", chinese_number(n)),
        Lang::En => format!("{part}.{n} {text}"),
    }
}

/// Counts of a stage's statuses as a phrase: `已实现12项、基本实现3项`, `12 achieved, 3 basically achieved`.
fn tally(counts: &StatusCounts, lang: Lang) -> String {
    let parts: Vec<String> = counts
        .nonzero()
        .filter(|(s, _)| *s != Status::NotScored)
        .map(|(s, n)| match lang {
            Lang::Zh => format!("{}{n}项", status_label(s, lang)),
            Lang::En => format!("{n} {}", status_label(s, lang)),
        })
        .collect();
    if parts.is_empty() {
        Msg::ReportNone.text(lang).to_string()
    } else {
        parts.join(lang.pick("、", ", "))
    }
}

fn list_sep(lang: Lang) -> &'static str {
    lang.pick("、", ", ")
}

/// The file name: `中期评估报告-2023.docx`, `midterm-evaluation-report-2023.docx`.
pub fn file_name(stage: Stage, year: i32, lang: Lang) -> String {
    fill(
        Msg::FileDocReport.text(lang),
        &[
            (
                "stage",
                crate::report::messages::stage_file_part(stage, lang),
            ),
            ("year", &year.to_string()),
        ],
    )
}

/// Builds the report's content.
pub fn report(f: &Facts) -> Report {
    let lang = f.lang;
    let ev = f.ev;
    let mut numbers = Counters::default();
    let mut parts = vec![abstract_part(f)];
    // Numbered parts; a part inserted here is numbered in turn. The 地区对比 part (areas compared, at a
    // prefecture or province) belongs after 各领域情况 once the facts carry several areas' rollups.
    let numbered_parts: Vec<fn(&Facts, usize, &mut Counters) -> Part> =
        vec![overall_part, domains_part, problems_part, suggestions_part];
    for (i, build) in numbered_parts.into_iter().enumerate() {
        parts.push(build(f, i + 1, &mut numbers));
    }
    parts.push(annex_part(f));
    parts.push(data_quality_part(f, &mut numbers));

    let (lead, group) = match ev.stage {
        Stage::Annual => (&f.cat.plan.monitoring_lead, Msg::GroupMonitoring),
        Stage::Midterm | Stage::Final => (&f.cat.plan.evaluation_lead, Msg::GroupEvaluation),
    };
    let lead = lead
        .as_deref()
        .map(|u| unit_name(f.cat, u, lang))
        .unwrap_or_default();
    let issuer = fill(
        Msg::DocIssuer.text(lang),
        &[
            ("region", &f.cat.plan.region),
            ("unit", &lead),
            ("group", group.text(lang)),
        ],
    );
    let subtitle = fill(
        match ev.stage {
            Stage::Annual => Msg::DocAsOfAnnual.text(lang),
            _ => Msg::DocAsOf.text(lang),
        },
        &[("year", &ev.year.to_string())],
    );
    let mut note = fill(
        Msg::DocDraftNote.text(lang),
        &[("year", &ev.year.to_string())],
    );
    if lang == Lang::En {
        note = format!("{note} {}", Msg::DocChineseQuoted.text(lang));
    }
    Report {
        lang,
        title: fill(
            Msg::DocTitle.text(lang),
            &[
                ("plan", plan_name(f)),
                ("stage", stage_title(ev.stage, lang)),
            ],
        ),
        subtitle,
        issuer,
        date: date_text(&f.run.generated_at, lang),
        note,
        parts,
        properties: vec![
            ("plan".into(), f.cat.plan.id.clone()),
            ("plan_name".into(), f.cat.plan.name.clone()),
            ("stage".into(), ev.stage.key().into()),
            ("year".into(), ev.year.to_string()),
            ("generated_at".into(), f.run.generated_at.clone()),
            ("tool_version".into(), f.run.tool_version.clone()),
            ("lang".into(), lang.key().into()),
            (
                "attainment_rate".into(),
                ev.attainment_rate
                    .map_or_else(String::new, |r| format!("{r:.4}")),
            ),
        ],
    }
}

/// The stage in a title: `中期评估`, `Mid-term evaluation`.
fn stage_title(stage: Stage, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => stage_label(stage, lang),
        Lang::En => match stage {
            Stage::Annual => "Annual monitoring",
            Stage::Midterm => "Mid-term evaluation",
            Stage::Final => "Final evaluation",
        },
    }
}

/// `2024年3月1日` / `2024-03-01` from an RFC 3339 time.
fn date_text(at: &str, lang: Lang) -> String {
    let mut it = at.get(..10).unwrap_or("").split('-');
    let (Some(y), Some(m), Some(d)) = (it.next(), it.next(), it.next()) else {
        return String::new();
    };
    let (m, d) = match lang {
        Lang::Zh => (
            m.trim_start_matches('0').to_string(),
            d.trim_start_matches('0').to_string(),
        ),
        Lang::En => (m.to_string(), d.to_string()),
    };
    fill(Msg::DocDate.text(lang), &[("y", y), ("m", &m), ("d", &d)])
}

/// Running numbers of tables and figures.
#[derive(Default)]
pub struct Counters {
    tables: usize,
    figures: usize,
}

impl Counters {
    fn table(&mut self) -> usize {
        self.tables += 1;
        self.tables
    }
    fn figure(&mut self) -> usize {
        self.figures += 1;
        self.figures
    }
}

// ── shared views ─────────────────────────────────────────────────────────────────────────────────

fn scored<'e>(f: &Facts<'e>) -> impl Iterator<Item = &'e IndicatorResult> {
    f.ev.indicators
        .iter()
        .filter(|r| r.status != Status::NotScored)
}

/// The shortfall word of the stage: 进展滞后 / 未实现目标.
fn behind_word(stage: Stage) -> Msg {
    match stage {
        Stage::Final => Msg::BehindFinal,
        _ => Msg::BehindProgress,
    }
}

/// A value of an indicator with its unit: `15.2/10万` (a reported value with the digits it carries).
fn value_text(f: &Facts, ind: &Indicator, v: f64) -> String {
    amount(ind.unit, &f.num(&ind.code, v), f.lang)
}

/// A computed value (a projection) with its unit, at the indicator's decimals.
fn computed_text(f: &Facts, ind: &Indicator, v: f64) -> String {
    amount(ind.unit, &f.computed(&ind.code, v), f.lang)
}

/// A change of an indicator's value: `下降2.1个十万分点`, `持平`, `up 1.2 percentage points`.
fn change_text(f: &Facts, ind: &Indicator, delta: f64) -> String {
    let lang = f.lang;
    let magnitude = f.computed(&ind.code, delta.abs());
    if magnitude.chars().all(|c| c == '0' || c == '.') {
        return Msg::ChangeFlat.text(lang).to_string();
    }
    let gap = ind.target.kind == TargetKind::GapNarrows;
    let counted = matches!(
        ind.unit,
        crate::catalog::MeasureUnit::Persons | crate::catalog::MeasureUnit::Count
    );
    let word = match (gap, counted, delta > 0.0) {
        (true, _, true) => Msg::ChangeWider,
        (true, _, false) => Msg::ChangeNarrower,
        (false, true, true) => Msg::ChangeMore,
        (false, true, false) => Msg::ChangeLess,
        (false, false, true) => Msg::ChangeUp,
        (false, false, false) => Msg::ChangeDown,
    };
    let sep = lang.pick("", " ");
    format!(
        "{}{sep}{}",
        word.text(lang),
        change_amount(ind.unit, &magnitude, lang)
    )
}

/// A sentence ends with its stop: the scorer's messages leave it off.
fn sentence(text: String, lang: Lang) -> String {
    let stops = ['。', '.', '！', '？', '!', '?', '）', ')'];
    if text.ends_with(stops) {
        text
    } else {
        format!("{text}{}", lang.pick("。", "."))
    }
}

/// The target as a finding states it, with the year's number for targets that move.
fn target_phrase(f: &Facts, ind: &Indicator, year: i32) -> String {
    let mut t = target_words(f, ind);
    let sep = f.lang.pick("", " ");
    let of_year = |code: &str, field: Field| {
        f.series(code, Sex::Total, Area::Total, field)
            .get(&year)
            .map(|v| f.num(code, *v))
    };
    let extra = match ind.target.kind {
        TargetKind::External => of_year(&ind.code, Field::Target),
        TargetKind::NotBelow | TargetKind::Matches => ind
            .target
            .other
            .as_deref()
            .and_then(|o| of_year(o, Field::Value)),
        _ => None,
    };
    if let Some(v) = extra {
        t = match f.lang {
            Lang::Zh => format!("{t}（{year}年{sep}{v}）"),
            Lang::En => format!("{t} ({year}: {v})"),
        };
    }
    t
}

/// The plan's breakdown of the latest year: `城镇12.1/10万、农村17.9/10万`, or `None` when the plan
/// does not break the indicator down or the groups were not reported.
fn breakdown(f: &Facts, ind: &Indicator, year: i32) -> Option<String> {
    let gap = ind.target.kind == TargetKind::GapNarrows;
    let source_code = if gap {
        ind.target.of.as_deref().unwrap_or(&ind.code)
    } else {
        &ind.code
    };
    let source = f.indicator_def(source_code)?;
    let dims: Vec<Dimension> = if gap {
        ind.target.between.into_iter().collect()
    } else {
        source.disaggregation.clone()
    };
    let at = |sex, area| {
        f.series(source_code, sex, area, Field::Value)
            .get(&year)
            .map(|v| value_text(f, source, *v))
    };
    let phrases: Vec<String> = dims
        .iter()
        .filter_map(|d| match d {
            Dimension::Area => {
                let (u, r) = (at(Sex::Total, Area::Urban)?, at(Sex::Total, Area::Rural)?);
                Some(fill(
                    Msg::FindArea.text(f.lang),
                    &[("urban", &u), ("rural", &r)],
                ))
            }
            Dimension::Sex => {
                let (w, m) = (at(Sex::Female, Area::Total)?, at(Sex::Male, Area::Total)?);
                Some(fill(
                    Msg::FindSex.text(f.lang),
                    &[("female", &w), ("male", &m)],
                ))
            }
        })
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(f.lang.pick("，", "; ")))
}

/// One numbered finding: the headline sentence and the status.
fn finding(f: &Facts, r: &IndicatorResult, n: usize) -> Block {
    let lang = f.lang;
    let name = indicator_name(f.cat, &r.code, lang);
    let status = match lang {
        Lang::Zh => format!("【{}】", status_label(r.status, lang)),
        Lang::En => format!(" [{}]", status_label(r.status, lang)),
    };
    let (Some(ind), Some(latest)) = (f.indicator_def(&r.code), r.latest) else {
        let text = fill(
            Msg::FindNoData.text(lang),
            &[
                ("name", &name),
                ("year", &f.ev.year.to_string()),
                ("unit", &unit_name(f.cat, &r.lead_unit, lang)),
            ],
        );
        return Block::Text(vec![
            Span {
                text: format!("{n}. {text}{}", lang.pick("。", ".")),
                bold: false,
            },
            Span {
                text: status,
                bold: true,
            },
        ]);
    };
    let series = f.judged_series(ind);
    let mut facts = vec![fill(
        Msg::FindLatest.text(lang),
        &[
            ("name", &name),
            ("year", &latest.year.to_string()),
            ("value", &value_text(f, ind, latest.value)),
        ],
    )];
    if let Some(b) = r.baseline.filter(|b| b.year < latest.year) {
        facts.push(fill(
            Msg::FindSinceBaseline.text(lang),
            &[
                ("year", &b.year.to_string()),
                ("change", &change_text(f, ind, latest.value - b.value)),
            ],
        ));
    }
    if let Some(prev) = series.get(&(latest.year - 1)) {
        facts.push(fill(
            Msg::FindSincePrevious.text(lang),
            &[("change", &change_text(f, ind, latest.value - prev))],
        ));
    }
    if let Some(b) = breakdown(f, ind, latest.year) {
        facts.push(b);
    }
    let mut tail = vec![fill(
        Msg::FindTarget.text(lang),
        &[("target", &target_phrase(f, ind, latest.year))],
    )];
    if let Some(p) = r.projected {
        tail.push(fill(
            Msg::FindProjection.text(lang),
            &[
                ("year", &f.ev.final_year.to_string()),
                ("value", &computed_text(f, ind, p)),
            ],
        ));
    }
    let text = format!(
        "{n}. {}{}{}{}",
        facts.join(lang.pick("，", ", ")),
        lang.pick("；", "; "),
        tail.join(lang.pick("，", "; ")),
        lang.pick("。", ".")
    );
    Block::Text(vec![
        Span { text, bold: false },
        Span {
            text: status,
            bold: true,
        },
    ])
}

// ── 摘要 ─────────────────────────────────────────────────────────────────────────────────────────

fn abstract_part(f: &Facts) -> Part {
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

fn overall_part(f: &Facts, n: usize, numbers: &mut Counters) -> Part {
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

fn domains_part(f: &Facts, n: usize, numbers: &mut Counters) -> Part {
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
fn first_sentence(text: &str) -> &str {
    match text.find('。') {
        Some(i) => &text[..i + '。'.len_utf8()],
        None => text,
    }
}

// ── 三、存在的主要问题 ─────────────────────────────────────────────────────────────────────────────

fn problems_part(f: &Facts, n: usize, _numbers: &mut Counters) -> Part {
    let lang = f.lang;
    let rows = f.warning_rows();
    let mut blocks = Vec::new();
    if rows.is_empty() {
        blocks.push(plain(fill(
            Msg::ProblemsNone.text(lang),
            &[("stage", stage_label(f.ev.stage, lang))],
        )));
    } else {
        blocks.push(plain(fill(
            Msg::ProblemsIntro.text(lang),
            &[("n", &rows.len().to_string())],
        )));
        // Kinds of the target at risk first, then those asking for a look at the data.
        let mut kinds: Vec<WarningCode> = WarningCode::ALL.to_vec();
        kinds.sort_by_key(|c| Severity::of(*c));
        let mut k = 0;
        for code in kinds {
            let group: Vec<_> = rows.iter().filter(|w| w.warning.code == code).collect();
            if group.is_empty() {
                continue;
            }
            k += 1;
            blocks.push(Block::Heading(sub_numbered(
                lang,
                n,
                k,
                &fill(
                    Msg::ProblemGroup.text(lang),
                    &[
                        ("label", crate::report::messages::warning_label(code, lang)),
                        ("n", &group.len().to_string()),
                    ],
                ),
            )));
            let mut units: BTreeMap<String, usize> = BTreeMap::new();
            for w in &group {
                if !w.responsible.is_empty() {
                    *units
                        .entry(unit_name(f.cat, &w.responsible, lang))
                        .or_default() += 1;
                }
            }
            let mut units: Vec<(String, usize)> = units.into_iter().collect();
            units.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            if !units.is_empty() {
                let list: Vec<String> = units
                    .iter()
                    .map(|(u, c)| match lang {
                        Lang::Zh => format!("{u}（{c}）"),
                        Lang::En => format!("{u} ({c})"),
                    })
                    .collect();
                blocks.push(plain(fill(
                    Msg::ProblemUnits.text(lang),
                    &[("units", &list.join(list_sep(lang)))],
                )));
            }
            for (i, w) in group.iter().enumerate() {
                let subject = match (w.indicator, w.objective) {
                    (Some(r), _) => indicator_name(f.cat, &r.code, lang),
                    (None, Some(o)) => fill(Msg::ObjectiveSubject.text(lang), &[("code", &o.code)]),
                    _ => w.subject.clone(),
                };
                let unit = if w.responsible.is_empty() {
                    String::new()
                } else {
                    match lang {
                        Lang::Zh => format!("（{}）", unit_name(f.cat, &w.responsible, lang)),
                        Lang::En => format!(" ({})", unit_name(f.cat, &w.responsible, lang)),
                    }
                };
                blocks.push(plain(sentence(
                    format!(
                        "{}. {subject}{unit}{}{}",
                        i + 1,
                        lang.pick("：", ": "),
                        f.warning_message(w.warning, w.indicator)
                    ),
                    lang,
                )));
            }
        }
    }
    Part {
        heading: numbered(lang, n, Msg::DocProblems.text(lang)),
        landscape: false,
        blocks,
    }
}

// ── 四、对策建议 ───────────────────────────────────────────────────────────────────────────────────

fn suggestions_part(f: &Facts, n: usize, _numbers: &mut Counters) -> Part {
    let lang = f.lang;
    let ev = f.ev;
    let sep = lang.pick("；", "; ");
    let mut blocks = vec![Block::Placeholder(Msg::SuggestIntro.text(lang).to_string())];
    let mut k = 0;
    let mut item = |blocks: &mut Vec<Block>, heading: &str, facts: Vec<String>| {
        k += 1;
        blocks.push(Block::Heading(sub_numbered(lang, n, k, heading)));
        blocks.push(plain(fill(
            Msg::SuggestFacts.text(lang),
            &[("facts", &facts.join(sep))],
        )));
        blocks.push(Block::Placeholder(
            Msg::SuggestPlaceholder.text(lang).to_string(),
        ));
    };

    let behind: Vec<&IndicatorResult> = scored(f).filter(|r| Facts::is_behind(r.status)).collect();
    let high_rows: Vec<_> = f
        .warning_rows()
        .into_iter()
        .filter(|w| w.severity == Severity::High)
        .collect();
    item(
        &mut blocks,
        Msg::SuggestOverall.text(lang),
        vec![fill(
            Msg::SuggestOverallFacts.text(lang),
            &[
                ("rate", &Facts::rate_text(ev.attainment_rate)),
                ("n", &behind.len().to_string()),
                ("behind", behind_word(ev.stage).text(lang)),
                ("high", &high_rows.len().to_string()),
            ],
        )],
    );

    for d in &f.cat.domains {
        let mut facts: Vec<String> = Vec::new();
        for r in behind.iter().filter(|r| r.domain == d.code) {
            let mut detail = Vec::new();
            if let (Some(l), Some(ind)) = (r.latest, f.indicator_def(&r.code)) {
                detail.push(match lang {
                    Lang::Zh => format!("{}年{}", l.year, value_text(f, ind, l.value)),
                    Lang::En => format!("{} in {}", value_text(f, ind, l.value), l.year),
                });
                detail.push(fill(
                    Msg::FindTarget.text(lang),
                    &[("target", &target_phrase(f, ind, l.year))],
                ));
            }
            detail.push(unit_name(f.cat, &r.lead_unit, lang));
            facts.push(fill(
                Msg::SuggestItem.text(lang),
                &[
                    ("name", &indicator_name(f.cat, &r.code, lang)),
                    ("status", status_label(r.status, lang)),
                    ("detail", &detail.join(lang.pick("，", ", "))),
                ],
            ));
        }
        // High warnings on indicators that are not behind (behind ones are listed already).
        for w in high_rows.iter().filter(|w| {
            w.domain == d.code && w.indicator.is_none_or(|r| !Facts::is_behind(r.status))
        }) {
            let subject = match (w.indicator, w.objective) {
                (Some(r), _) => indicator_name(f.cat, &r.code, lang),
                (None, Some(o)) => fill(Msg::ObjectiveSubject.text(lang), &[("code", &o.code)]),
                _ => w.subject.clone(),
            };
            facts.push(format!(
                "{subject}{}{}",
                lang.pick("：", ": "),
                warning_label(w.warning.code, lang)
            ));
        }
        for o in ev.objectives.iter().filter(|o| {
            o.domain == d.code
                && (o.kind == ObjectiveKind::Qualitative || o.indicators.is_empty())
                && Facts::is_behind(o.status)
        }) {
            facts.push(fill(
                Msg::DomainQualitativeOpen.text(lang),
                &[
                    ("code", &o.code),
                    ("status", status_label(o.status, lang)),
                    ("text", first_sentence(&o.text).trim_end_matches('。')),
                ],
            ));
        }
        if !facts.is_empty() {
            item(&mut blocks, &domain_name(f.cat, &d.code, lang), facts);
        }
    }

    let mut data = Vec::new();
    let no_data = ev.counts.get(Status::NoData);
    if no_data > 0 {
        data.push(fill(
            Msg::SuggestNoData.text(lang),
            &[("n", &no_data.to_string())],
        ));
    }
    if let Some(c) = f.completeness.last() {
        let missing: Vec<String> = c
            .units
            .iter()
            .filter(|u| !u.returned)
            .map(|u| unit_name(f.cat, &u.unit, lang))
            .collect();
        if !missing.is_empty() {
            data.push(fill(
                Msg::SuggestNotReturned.text(lang),
                &[
                    ("year", &c.year.to_string()),
                    ("units", &missing.join(list_sep(lang))),
                ],
            ));
        }
    }
    if !f.outstanding.is_empty() {
        data.push(fill(
            Msg::SuggestOutstanding.text(lang),
            &[("n", &f.outstanding.len().to_string())],
        ));
    }
    if !data.is_empty() {
        item(&mut blocks, Msg::SuggestData.text(lang), data);
    }
    Part {
        heading: numbered(lang, n, Msg::DocSuggestions.text(lang)),
        landscape: false,
        blocks,
    }
}

// ── 附表 ─────────────────────────────────────────────────────────────────────────────────────────

fn annex_part(f: &Facts) -> Part {
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

// ── 数据质量 ──────────────────────────────────────────────────────────────────────────────────────

/// Uncorrected errors listed in the report; the workbook's 数据质量 sheet has all of them.
const OUTSTANDING_SHOWN: usize = 50;
/// Characters of a rejected cell's raw text the report shows.
const RAW_SHOWN: usize = 100;

fn data_quality_part(f: &Facts, numbers: &mut Counters) -> Part {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_read_as_written() {
        let got: Vec<String> = [1, 4, 10, 11, 20, 23, 99]
            .iter()
            .map(|n| chinese_number(*n))
            .collect();
        assert_eq!(got, ["一", "四", "十", "十一", "二十", "二十三", "九十九"]);
        assert_eq!(numbered(Lang::Zh, 2, "各领域情况"), "二、各领域情况");
        assert_eq!(
            sub_numbered(Lang::Zh, 2, 3, "妇女与经济"),
            "（三）妇女与经济"
        );
        assert_eq!(sub_numbered(Lang::En, 2, 3, "Economy"), "2.3 Economy");
    }

    #[test]
    fn file_names_and_dates_follow_the_language() {
        assert_eq!(
            file_name(Stage::Midterm, 2023, Lang::Zh),
            "中期评估报告-2023.docx"
        );
        assert_eq!(
            file_name(Stage::Annual, 2024, Lang::Zh),
            "年度监测报告-2024.docx"
        );
        assert_eq!(
            file_name(Stage::Final, 2025, Lang::En),
            "final-evaluation-report-2025.docx"
        );
        assert_eq!(
            date_text("2024-03-01T10:05:00+08:00", Lang::Zh),
            "2024年3月1日"
        );
        assert_eq!(
            date_text("2024-03-01T10:05:00+08:00", Lang::En),
            "2024-03-01"
        );
        assert_eq!(date_text("bad", Lang::Zh), "");
        assert_eq!(first_sentence("一二。三四。"), "一二。");
    }
}
