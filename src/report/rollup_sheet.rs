//! The evaluation workbook's 汇总说明 (rollup notes) sheet, written for an area with areas below it (a
//! prefecture, a province): for every value, whether it is the area's own report or the rollup of the
//! areas below, how it was aggregated, how many areas and how much of the weight it rests on, and why
//! a rollup was withheld or not made.

use super::facts::Facts;
use super::messages::{fill, indicator_name, Lang, Msg};
use super::sheet::{page, Grid, Styles, AMBER, GREEN};
use crate::rollup::{AreaReport, Source, ValueOrigin};
use crate::score::Sex;
use rust_xlsxwriter::{Color, Worksheet, XlsxError};

/// The area in a few lines, for the terminal and report.md: which area, its level and place; for an
/// area with areas below it, their coverage in the as-of year and the values by source.
pub fn area_lines(a: &AreaReport, lang: Lang) -> Vec<String> {
    let level = match a.level {
        Some(l) => lang.pick(l.label_zh(), l.label_en()).to_string(),
        None => Msg::CliAreaUnknownLevel.text(lang).to_string(),
    };
    let name = match &a.code {
        Some(c) => format!("{} {c}", a.name),
        None => a.name.clone(),
    };
    let mut lines = vec![fill(
        Msg::CliArea.text(lang),
        &[("area", &name), ("level", &level), ("path", &a.path)],
    )];
    if !a.is_aggregate() {
        return lines;
    }
    if let Some(c) = &a.coverage {
        let weight = match (&c.weight, c.weight_share) {
            (Some(w), Some(s)) => fill(
                Msg::CliAreaWeight.text(lang),
                &[("weight", w), ("share", &format!("{:.1}%", s * 100.0))],
            ),
            _ => String::new(),
        };
        let missing = if c.missing.is_empty() {
            String::new()
        } else {
            fill(
                Msg::CliAreaMissing.text(lang),
                &[("names", &c.missing.join(lang.pick("、", ", ")))],
            )
        };
        lines.push(fill(
            Msg::CliAreaCoverage.text(lang),
            &[
                ("expected", &c.areas_expected.to_string()),
                ("reported", &c.areas_reported.to_string()),
                ("year", &c.year.to_string()),
                ("weight", &weight),
                ("missing", &missing),
            ],
        ));
    }
    let n = a.sources;
    lines.push(fill(
        Msg::CliAreaSources.text(lang),
        &[
            ("own", &n.own.to_string()),
            ("rollup", &n.rollup.to_string()),
            ("withheld", &n.withheld.to_string()),
            ("none", &n.not_rolled_up.to_string()),
        ],
    ));
    lines
}

/// Whether the workbook gets the sheet: an evaluated area with areas below it.
pub fn wanted(f: &Facts) -> bool {
    f.run.area.as_ref().is_some_and(AreaReport::is_aggregate)
}

fn breakdown(o: &ValueOrigin, lang: Lang) -> &'static str {
    if o.sex != Sex::Total {
        o.sex.label(lang)
    } else {
        o.area.label(lang)
    }
}

pub fn write(ws: &mut Worksheet, f: &Facts, st: &Styles, title: &str) -> Result<(), XlsxError> {
    let lang = f.lang;
    ws.set_name(Msg::SheetRollup.text(lang))?;
    let Some(area) = f.run.area.as_ref() else {
        return Ok(());
    };
    let mut g = Grid::with_lang(ws, lang);
    g.title(0, 0, title, &st.title)?;
    g.title(
        1,
        0,
        &fill(Msg::RollupTitle.text(lang), &[("area", &area.name)]),
        &st.subtitle,
    )?;
    let head = 3u32;
    let header = [
        Msg::ColIndicator,
        Msg::ColYearPlain,
        Msg::ColBreakdown,
        Msg::ColValue,
        Msg::ColSource,
        Msg::ColMethod,
        Msg::ColCoverageAreas,
        Msg::ColCoverageWeight,
        Msg::ColExplanation,
    ];
    for (c, h) in header.iter().enumerate() {
        g.text(head, c as u16, h.text(lang), &st.header)?;
    }
    let tone = |(fill, font): (u32, u32)| {
        st.center
            .clone()
            .set_background_color(Color::RGB(fill))
            .set_font_color(Color::RGB(font))
    };
    let (own, rolled, withheld) = (tone(GREEN), tone((0xDDEBF7, 0x1F4E79)), tone(AMBER));
    let mut row = head + 1;
    for o in &area.values {
        let decimals = f
            .cat
            .indicator(&o.indicator)
            .map(|i| i.decimals)
            .unwrap_or(1);
        g.text(row, 0, &indicator_name(f.cat, &o.indicator, lang), &st.text)?;
        g.text(row, 1, &o.year.to_string(), &st.center)?;
        g.text(row, 2, breakdown(o, lang), &st.center)?;
        match o.value {
            Some(v) => g.number(
                row,
                3,
                v,
                &format!("{v:.prec$}", prec = usize::from(decimals)),
                &st.number(decimals, false),
            )?,
            None => g.text(row, 3, "—", &st.center)?,
        }
        let fmt = match o.source {
            Source::Own => &own,
            Source::Rollup => &rolled,
            Source::Withheld | Source::NotRolledUp => &withheld,
        };
        g.text(
            row,
            4,
            lang.pick(o.source.label_zh(), o.source.label_en()),
            fmt,
        )?;
        g.text(
            row,
            5,
            lang.pick(o.method.label_zh(), o.method.label_en()),
            &st.text,
        )?;
        match &o.coverage {
            Some(c) => {
                g.text(
                    row,
                    6,
                    &format!("{}/{}", c.areas_reported, c.areas_expected),
                    &st.center,
                )?;
                match c.weight_share {
                    Some(s) => g.number(row, 7, s, &format!("{:.1}%", s * 100.0), &st.percent)?,
                    None => g.text(row, 7, "—", &st.center)?,
                }
            }
            None => {
                g.text(row, 6, "—", &st.center)?;
                g.text(row, 7, "—", &st.center)?;
            }
        }
        let explanation = match lang {
            Lang::Zh => &o.explanation,
            Lang::En => &o.explanation_en,
        };
        g.wrapped(row, 8, explanation, &st.wrap)?;
        row += 1;
    }
    g.ws.autofilter(head, 0, row.saturating_sub(1).max(head), 8)?;
    g.ws.set_freeze_panes(head + 1, 1)?;
    g.finish(6, 30, &[(8, 60.0)])?;
    page(g.ws, title, Some((head, head)), lang)?;
    Ok(())
}
