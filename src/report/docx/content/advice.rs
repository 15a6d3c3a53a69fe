//! The report's problems (三、存在的主要问题) and suggestions (四、对策建议), drawn from the warnings and the indicators behind.

use super::*;

// ── 三、存在的主要问题 ─────────────────────────────────────────────────────────────────────────────

pub(super) fn problems_part(f: &Facts, n: usize, _numbers: &mut Counters) -> Part {
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

pub(super) fn suggestions_part(f: &Facts, n: usize, _numbers: &mut Counters) -> Part {
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
