//! `report.md`: a narrative draft of the evaluation report in the plan's own structure, generated from
//! the numbers, for the committee's written report. Overall first, then domain by domain (in plan
//! order): what is on course, what is behind and why (the scorer's explanation, with its numbers), what
//! is warned, how the qualitative objectives stand; then data quality and recommended next steps.
//!
//! It is a draft: the evaluation group edits it and adds what numbers cannot say. Every figure in it is
//! the one the evaluation workbook shows.

use super::evaluation::title;
use super::facts::{Facts, Severity};
use super::messages::{
    domain_name, fill, indicator_name, status_label, unit_name, warning_label, Lang, Msg,
};
use crate::catalog::{Domain, ObjectiveKind};
use crate::score::{IndicatorResult, Status};
use std::fmt::Write;

const CHINESE_NUMBERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn section(lang: Lang, n: usize, text: &str) -> String {
    match lang {
        Lang::Zh => format!("## {}、{text}", CHINESE_NUMBERS.get(n).unwrap_or(&"")),
        Lang::En => format!("## {}. {text}", n + 1),
    }
}

fn subsection(lang: Lang, n: usize, text: &str) -> String {
    match lang {
        Lang::Zh => format!("### （{}）{text}", CHINESE_NUMBERS.get(n).unwrap_or(&"")),
        Lang::En => format!("### {}.{} {text}", 2, n + 1),
    }
}

/// The draft as Markdown.
pub fn report(f: &Facts) -> String {
    let lang = f.lang;
    let ev = f.ev;
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", title(f));
    let _ = writeln!(
        md,
        "> {}\n",
        fill(
            Msg::ReportDraftNote.text(lang),
            &[("year", &ev.year.to_string())]
        )
    );

    // A prefecture or province: which area, and how much of the areas below its numbers rest on.
    if let Some(a) = f.run.area.as_ref().filter(|a| a.is_aggregate()) {
        for line in super::rollup_sheet::area_lines(a, lang) {
            let _ = writeln!(md, "> {line}\n");
        }
    }

    overall(f, &mut md);
    by_domain(f, &mut md);
    data_quality(f, &mut md);
    next_steps(f, &mut md);
    md
}

/// 一、总体情况 / Overall: counts by status, the attainment rate, objectives, the table by domain.
fn overall(f: &Facts, md: &mut String) {
    let lang = f.lang;
    let ev = f.ev;
    let zh = lang == Lang::Zh;
    let _ = writeln!(md, "{}\n", section(lang, 0, Msg::ReportOverall.text(lang)));
    let counts: Vec<String> = ev
        .counts
        .nonzero()
        .map(|(s, n)| {
            if zh {
                format!("{} {n} 项", status_label(s, lang))
            } else {
                format!("{} {n}", status_label(s, lang))
            }
        })
        .collect();
    let rate = Facts::rate_text(ev.attainment_rate);
    let _ = if zh {
        writeln!(
            md,
            "规划共 {} 项指标，其中可监测 {} 项，达标 {} 项，**达标率 {rate}**。按状态分：{}。",
            ev.indicators.len(),
            ev.monitorable,
            ev.attained,
            counts.join("，")
        )
    } else {
        writeln!(
            md,
            "Of the plan's {} indicators, {} are monitorable and {} attained: an **attainment rate of {rate}**. By status: {}.",
            ev.indicators.len(),
            ev.monitorable,
            ev.attained,
            counts.join(", ")
        )
    };
    let objective_counts: Vec<String> = ev
        .objective_counts
        .nonzero()
        .map(|(s, n)| format!("{} {n}", status_label(s, lang)))
        .collect();
    let _ = if zh {
        writeln!(
            md,
            "{} 项主要目标中：{}。共有预警 {} 条。\n",
            ev.objectives.len(),
            objective_counts.join("，"),
            f.warning_total()
        )
    } else {
        writeln!(
            md,
            "Of the {} main objectives: {}. Warnings: {}.\n",
            ev.objectives.len(),
            objective_counts.join(", "),
            f.warning_total()
        )
    };
    let _ = writeln!(
        md,
        "| {} | {} | {} | {} |\n| --- | ---: | ---: | ---: |",
        Msg::ColDomain.text(lang),
        Msg::Monitorable.text(lang),
        Msg::ColRate.text(lang),
        Msg::ColWarnings.text(lang)
    );
    for d in &ev.domains {
        let warnings: usize = crate::score::WarningCode::ALL
            .iter()
            .map(|c| d.warning_counts.get(*c))
            .sum();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            domain_name(f.cat, &d.code, lang),
            d.monitorable,
            Facts::rate_text(d.attainment_rate),
            warnings
        );
    }
    md.push('\n');
}

/// 二、分领域情况 / By domain: each domain's rate, what is achieved, behind, without data or warned.
fn by_domain(f: &Facts, md: &mut String) {
    let lang = f.lang;
    let _ = writeln!(md, "{}\n", section(lang, 1, Msg::ReportByDomain.text(lang)));
    for (i, d) in f.cat.domains.iter().enumerate() {
        domain_part(f, md, i, d);
    }
}

/// One domain's subsection: its rate, then what is achieved, behind, without data or warned, and its qualitative objectives.
fn domain_part(f: &Facts, md: &mut String, i: usize, d: &Domain) {
    let lang = f.lang;
    let ev = f.ev;
    let zh = lang == Lang::Zh;
    let colon = lang.pick("：", ": ");
    let comma = lang.pick("，", ", ");
    let paren = |s: &str| match lang {
        Lang::Zh => format!("（{s}）"),
        Lang::En => format!(" ({s})"),
    };
    let roll = ev.domain(&d.code);
    let rate = Facts::rate_text(roll.and_then(|r| r.attainment_rate));
    let _ = writeln!(
        md,
        "{}\n",
        subsection(lang, i, &domain_name(f.cat, &d.code, lang))
    );
    let inds: Vec<&IndicatorResult> = ev
        .indicators
        .iter()
        .filter(|r| r.domain == d.code)
        .collect();
    let scored: Vec<&&IndicatorResult> = inds
        .iter()
        .filter(|r| r.status != Status::NotScored)
        .collect();
    let good: Vec<&&IndicatorResult> = scored
        .iter()
        .copied()
        .filter(|r| Facts::is_good(r.status))
        .collect();
    let behind: Vec<&&IndicatorResult> = scored
        .iter()
        .copied()
        .filter(|r| Facts::is_behind(r.status))
        .collect();
    let no_data: Vec<&&IndicatorResult> = scored
        .iter()
        .copied()
        .filter(|r| r.status == Status::NoData)
        .collect();
    let _ = if zh {
        writeln!(
            md,
            "本领域 {} 项可监测指标，达标率 {rate}；{} 项进展良好，{} 项滞后，{} 项缺少数据。\n",
            scored.len(),
            good.len(),
            behind.len(),
            no_data.len()
        )
    } else {
        writeln!(
            md,
            "{} monitorable indicators, attainment rate {rate}; {} on course, {} behind, {} without data.\n",
            scored.len(),
            good.len(),
            behind.len(),
            no_data.len()
        )
    };
    let bullets: Vec<String> = good
        .iter()
        .map(|r| {
            let latest = r
                .latest
                .map(|p| {
                    if zh {
                        format!("{}年 {}{}", p.year, f.num(&r.code, p.value), r.unit_symbol)
                    } else {
                        format!("{}: {}", p.year, f.num(&r.code, p.value))
                    }
                })
                .unwrap_or_default();
            format!(
                "{}{colon}{}{}",
                indicator_name(f.cat, &r.code, lang),
                f.status(r.status),
                paren(&latest)
            )
        })
        .collect();
    bullet_section(md, Msg::ReportAchieved.text(lang), colon, bullets);
    let bullets: Vec<String> = behind
        .iter()
        .map(|r| {
            format!(
                "{}{}{colon}{}",
                indicator_name(f.cat, &r.code, lang),
                paren(&format!(
                    "{}{comma}{}",
                    f.status(r.status),
                    unit_name(f.cat, &r.lead_unit, lang)
                )),
                f.explanation(r)
            )
        })
        .collect();
    bullet_section(md, Msg::ReportBehind.text(lang), colon, bullets);
    let bullets: Vec<String> = no_data
        .iter()
        .map(|r| {
            format!(
                "{}{colon}{}",
                indicator_name(f.cat, &r.code, lang),
                f.explanation(r)
            )
        })
        .collect();
    bullet_section(md, Msg::ReportNoData.text(lang), colon, bullets);
    let warned: Vec<_> = f
        .warning_rows()
        .into_iter()
        .filter(|w| w.domain == d.code)
        .collect();
    let bullets: Vec<String> = warned
        .iter()
        .map(|w| {
            let subject = match (w.indicator, w.objective) {
                (Some(r), _) => indicator_name(f.cat, &r.code, lang),
                (None, Some(o)) => o.code.clone(),
                _ => w.subject.clone(),
            };
            let mark = if w.severity == Severity::High {
                "⚠ "
            } else {
                ""
            };
            let label = match lang {
                Lang::Zh => format!("【{}】", warning_label(w.warning.code, lang)),
                Lang::En => format!(" [{}] ", warning_label(w.warning.code, lang)),
            };
            format!(
                "{mark}{subject}{label}{}",
                f.warning_message(w.warning, w.indicator)
            )
        })
        .collect();
    bullet_section(md, Msg::ReportWarned.text(lang), colon, bullets);
    let qualitative: Vec<_> = ev
        .objectives
        .iter()
        .filter(|o| {
            o.domain == d.code && (o.kind == ObjectiveKind::Qualitative || o.indicators.is_empty())
        })
        .collect();
    if !qualitative.is_empty() {
        let tally: Vec<String> = {
            let mut c = crate::score::StatusCounts::new(ev.stage);
            for o in &qualitative {
                c.add(o.status);
            }
            c.nonzero()
                .map(|(s, n)| format!("{} {n}", status_label(s, lang)))
                .collect()
        };
        let _ = writeln!(
            md,
            "**{}**{}{colon}{}{}\n",
            Msg::ReportQualitative.text(lang),
            paren(&qualitative.len().to_string()),
            tally.join(comma),
            lang.pick("。", ".")
        );
        for o in qualitative.iter().filter(|o| !Facts::is_good(o.status)) {
            let _ = writeln!(
                md,
                "- {} {}{colon}{}{}",
                o.code,
                o.text,
                f.status(o.status),
                paren(&f.objective_explanation(o))
            );
        }
        if qualitative.iter().any(|o| !Facts::is_good(o.status)) {
            md.push('\n');
        }
    }
}

/// 三、数据质量 / Data quality: what the data problems and the completeness of returns mean for the verdicts.
fn data_quality(f: &Facts, md: &mut String) {
    let lang = f.lang;
    let zh = lang == Lang::Zh;
    let colon = lang.pick("：", ": ");
    let paren = |s: &str| match lang {
        Lang::Zh => format!("（{s}）"),
        Lang::En => format!(" ({s})"),
    };
    let _ = writeln!(
        md,
        "{}\n",
        section(lang, 2, Msg::ReportDataQuality.text(lang))
    );
    if let Some(c) = f.completeness.last() {
        let missing: Vec<String> = c
            .units
            .iter()
            .filter(|u| !u.returned)
            .map(|u| unit_name(f.cat, &u.unit, lang))
            .collect();
        let _ = if zh {
            writeln!(
                md,
                "{} 年度 {}/{} 个责任单位已报送，必填指标完整率 {:.1}%{}。",
                c.year,
                c.units_returned,
                c.units_expected,
                c.percent,
                if missing.is_empty() {
                    String::new()
                } else {
                    format!("；未报送：{}", missing.join("、"))
                }
            )
        } else {
            writeln!(
                md,
                "{}: {}/{} responsible units returned; required indicators {:.1}% complete{}.",
                c.year,
                c.units_returned,
                c.units_expected,
                c.percent,
                if missing.is_empty() {
                    String::new()
                } else {
                    format!("; not returned: {}", missing.join(", "))
                }
            )
        };
    }
    let _ = if zh {
        writeln!(
            md,
            "尚有 {} 处数据错误未更正（见评估工作簿“数据质量”表和各单位反馈工作簿）。\n",
            f.outstanding.len()
        )
    } else {
        writeln!(
            md,
            "{} data errors are not yet corrected (see the Data quality sheet and each unit's feedback workbook).\n",
            f.outstanding.len()
        )
    };
    for q in f.outstanding {
        let _ = writeln!(
            md,
            "- {}{}{colon}{}",
            super::evaluation::location(q),
            paren(&q.code),
            q.message
        );
    }
    if !f.outstanding.is_empty() {
        md.push('\n');
    }
}

/// 四、下一步工作建议 / Next steps: what the units behind should do.
fn next_steps(f: &Facts, md: &mut String) {
    let lang = f.lang;
    let ev = f.ev;
    let zh = lang == Lang::Zh;
    let _ = writeln!(
        md,
        "{}\n",
        section(lang, 3, Msg::ReportNextSteps.text(lang))
    );
    let behind: Vec<&IndicatorResult> = ev
        .indicators
        .iter()
        .filter(|r| Facts::is_behind(r.status))
        .collect();
    let sep = lang.pick("、", ", ");
    let mut steps = Vec::new();
    if !behind.is_empty() {
        let names: Vec<String> = behind
            .iter()
            .map(|r| indicator_name(f.cat, &r.code, lang))
            .collect();
        steps.push(if zh {
            format!(
                "对进展滞后的 {} 项指标（{}），由牵头单位分析原因、提出加快措施。",
                behind.len(),
                names.join(sep)
            )
        } else {
            format!(
                "For the {} indicators behind ({}), the lead units analyse why and propose how to catch up.",
                behind.len(),
                names.join(sep)
            )
        });
    }
    let high = f
        .warning_rows()
        .iter()
        .filter(|w| w.severity == Severity::High)
        .count();
    if high > 0 {
        steps.push(if zh {
            format!("对 {high} 条高等级预警逐条研判，必要时调整工作安排。")
        } else {
            format!("Review the {high} high-severity warnings one by one and adjust plans where needed.")
        });
    }
    if !f.outstanding.is_empty() {
        steps.push(if zh {
            format!(
                "督促有关单位更正 {} 处数据错误并重新报送。",
                f.outstanding.len()
            )
        } else {
            format!(
                "Have the units concerned correct the {} data errors and resubmit.",
                f.outstanding.len()
            )
        });
    }
    steps.push(if zh {
        "评估组在评估工作簿“定性目标”表中审核各单位自评结论，下次运行时将采用审核结论。".to_string()
    } else {
        "The evaluation group reviews the self-assessments on the Qualitative objectives sheet; the next run uses its conclusions.".to_string()
    });
    for (i, s) in steps.iter().enumerate() {
        let _ = writeln!(md, "{}. {s}", i + 1);
    }
    if lang == Lang::En {
        let _ = writeln!(
            md,
            "\n*Objective texts and the names of units and indicators the plan gives only in Chinese are quoted in Chinese.*"
        );
    }
}

/// A bold heading and its bullet list, followed by a blank line; nothing when there are no bullets.
fn bullet_section(md: &mut String, title: &str, colon: &str, bullets: Vec<String>) {
    if bullets.is_empty() {
        return;
    }
    let _ = writeln!(md, "**{title}**{}\n", colon.trim_end());
    for b in bullets {
        let _ = writeln!(md, "- {b}");
    }
    md.push('\n');
}
