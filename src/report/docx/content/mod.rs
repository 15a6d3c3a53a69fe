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

mod advice;
mod annex;
mod overview;

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
use advice::*;
use annex::*;
use overview::*;
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
    // prefecture or province: `evaluate --by-area`) follows 各领域情况.
    let mut numbered_parts: Vec<fn(&Facts, usize, &mut Counters) -> Part> =
        vec![overall_part, domains_part, problems_part, suggestions_part];
    if f.run.compared.as_ref().is_some_and(|c| !c.areas.is_empty()) {
        numbered_parts.insert(2, areas_part);
    }
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
