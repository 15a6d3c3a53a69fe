//! The comparison across areas (地区对比, `evaluate --by-area`): a prefecture's or province's areas side by
//! side — areas × indicators with their statuses coloured as in the evaluation workbook's 指标明细, the
//! attainment rate (达标率) of every area ranked, the warnings of each, who did not report, and the
//! rollup with its coverage — and one feedback workbook per area below telling it how it stands
//! against the others.
//!
//! Every area is scored by the same evaluation as any other (its own series, `store::area`); this
//! module only sets the results side by side. Ranks are competition ranks (1, 2, 2, 4) by attainment
//! rate; an area without a monitorable indicator is not ranked.

use super::messages::{
    fill, indicator_name, stage_file_part, stage_label, status_label, warning_label, Lang, Msg,
};
use super::sheet::{page, rate_formats, status_formats, wide_page, Grid, Styles};
use crate::catalog::Catalog;
use crate::fsutil::safe_file_name;
use crate::rollup::{AreaReport, Source};
use crate::score::{Evaluation, Stage, Status};
use rust_xlsxwriter::{Workbook, XlsxError};

/// One area below, as evaluated.
#[derive(Debug, Clone)]
pub struct AreaOutcome {
    pub name: String,
    pub code: Option<String>,
    pub ev: Evaluation,
    /// Responsible units expected to report the as-of year, and those that did not.
    pub units_expected: usize,
    pub units_missing: Vec<String>,
    /// Whether the store holds any value of the area for the as-of year.
    pub has_data: bool,
    /// Whether the store holds anything of the area at all.
    pub in_store: bool,
}

impl AreaOutcome {
    pub fn warnings(&self) -> usize {
        self.ev
            .indicators
            .iter()
            .map(|i| i.warnings.len())
            .sum::<usize>()
            + self
                .ev
                .objectives
                .iter()
                .map(|o| o.warnings.len())
                .sum::<usize>()
    }
}

pub use super::facts::{AreaRate, Compared};

/// The areas below one area, evaluated, with the area's own (rolled-up) evaluation.
pub struct Comparison<'a> {
    pub cat: &'a Catalog,
    pub lang: Lang,
    /// The area compared within, as its evaluation states it (coverage, value origins).
    pub parent: &'a AreaReport,
    pub parent_ev: &'a Evaluation,
    pub areas: &'a [AreaOutcome],
}

/// Ranks by attainment rate, best first; ties share a rank; no rate, no rank.
pub fn ranks(rates: &[Option<f64>]) -> Vec<Option<usize>> {
    rates
        .iter()
        .map(|r| {
            r.map(|mine| {
                1 + rates
                    .iter()
                    .filter(|o| o.is_some_and(|other| other > mine + 1e-12))
                    .count()
            })
        })
        .collect()
}

impl Comparison<'_> {
    /// Every area's rate and rank, in the areas file's order.
    pub fn rates(&self) -> Vec<AreaRate> {
        let ranked = ranks(
            &self
                .areas
                .iter()
                .map(|a| a.ev.attainment_rate)
                .collect::<Vec<_>>(),
        );
        self.areas
            .iter()
            .zip(ranked)
            .map(|(a, rank)| AreaRate {
                name: a.name.clone(),
                code: a.code.clone(),
                attainment_rate: a.ev.attainment_rate,
                rank,
                monitorable: a.ev.monitorable,
                attained: a.ev.attained,
                warnings: a.warnings(),
                reported: a.has_data,
                units_expected: a.units_expected,
                units_returned: a.units_expected - a.units_missing.len(),
            })
            .collect()
    }

    fn stage(&self) -> Stage {
        self.parent_ev.stage
    }

    fn year(&self) -> i32 {
        self.parent_ev.year
    }

    /// Indicators scored in at least one area (or the rollup), in plan order.
    fn indicators(&self) -> Vec<&str> {
        self.parent_ev
            .indicators
            .iter()
            .map(|i| i.code.as_str())
            .filter(|code| {
                std::iter::once(self.parent_ev)
                    .chain(self.areas.iter().map(|a| &a.ev))
                    .any(|ev| {
                        ev.indicator(code)
                            .is_some_and(|i| i.status != Status::NotScored)
                    })
            })
            .collect()
    }

    fn title(&self) -> String {
        fill(
            Msg::CompareTitle.text(self.lang),
            &[
                ("area", &self.parent.name),
                ("stage", stage_label(self.stage(), self.lang)),
                ("year", &self.year().to_string()),
            ],
        )
    }
}

/// `地区对比-中期评估-2023.xlsx`.
pub fn file_name(stage: Stage, year: i32, lang: Lang) -> String {
    fill(
        Msg::FileComparison.text(lang),
        &[
            ("stage", stage_file_part(stage, lang)),
            ("year", &year.to_string()),
        ],
    )
}

/// `地区反馈-古县-中期评估-2023.xlsx`.
pub fn feedback_file_name(area: &str, stage: Stage, year: i32, lang: Lang) -> String {
    fill(
        Msg::FileAreaFeedback.text(lang),
        &[
            ("area", &safe_file_name(area)),
            ("stage", stage_file_part(stage, lang)),
            ("year", &year.to_string()),
        ],
    )
}

fn rate_cell(
    g: &mut Grid,
    row: u32,
    col: u16,
    rate: Option<f64>,
    st: &Styles,
) -> Result<(), XlsxError> {
    match rate {
        Some(r) => g.number(row, col, r, &format!("{:.1}%", r * 100.0), &st.percent),
        None => g.text(row, col, "—", &st.center),
    }
}

/// The comparison workbook.
pub fn build(c: &Comparison) -> Result<Vec<u8>, XlsxError> {
    let mut wb: Workbook = crate::style::new_workbook();
    let sheets = Sheets {
        c,
        lang: c.lang,
        st: Styles::new(),
        title: c.title(),
        rates: c.rates(),
        indicators: c.indicators(),
    };
    sheets.areas_by_indicator(&mut wb)?;
    sheets.ranking(&mut wb)?;
    sheets.warnings(&mut wb)?;
    sheets.not_reported(&mut wb)?;
    sheets.rollup(&mut wb)?;
    wb.save_to_buffer()
}

/// What every sheet of the comparison workbook is drawn from: one sheet a method.
struct Sheets<'a> {
    c: &'a Comparison<'a>,
    lang: Lang,
    st: Styles,
    title: String,
    rates: Vec<AreaRate>,
    indicators: Vec<&'a str>,
}

impl Sheets<'_> {
    /// 1. Areas × indicators.
    fn areas_by_indicator(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let c = self.c;
        let lang = self.lang;
        let st = &self.st;
        let title = self.title.as_str();
        let rates = &self.rates;
        let indicators = &self.indicators;
        let rates = rates.as_slice();
        let ws = wb.add_worksheet();
        ws.set_name(Msg::SheetCompare.text(lang))?;
        let mut g = Grid::with_lang(ws, lang);
        g.title(0, 0, &title, &st.title)?;
        let note = fill(
            Msg::CompareNote.text(lang),
            &[("n", &c.areas.len().to_string()), ("area", &c.parent.name)],
        );
        g.title(1, 0, &note, &st.subtitle)?;
        let header_row = 3u32;
        let fixed = [
            Msg::ColArea,
            Msg::ColAreaCode,
            Msg::ColRate,
            Msg::ColRank,
            Msg::ColWarnings,
            Msg::ColUnitsReturned,
        ];
        g.headers(header_row, &fixed, &st.header)?;
        let first_ind = fixed.len() as u16;
        for (j, code) in indicators.iter().enumerate() {
            let head = format!("{}\n{code}", indicator_name(c.cat, code, lang));
            g.wrapped(header_row, first_ind + j as u16, &head, &st.header)?;
        }
        let mut row = header_row + 1;
        for (a, r) in c.areas.iter().zip(rates) {
            g.text(row, 0, &a.name, &st.bold)?;
            g.text(row, 1, a.code.as_deref().unwrap_or("—"), &st.center)?;
            rate_cell(&mut g, row, 2, r.attainment_rate, &st)?;
            match r.rank {
                Some(k) => g.number(row, 3, k as f64, &k.to_string(), &st.center)?,
                None => g.text(row, 3, "—", &st.center)?,
            }
            g.number(
                row,
                4,
                r.warnings as f64,
                &r.warnings.to_string(),
                &st.center,
            )?;
            let returned = format!("{}/{}", r.units_returned, r.units_expected);
            g.text(row, 5, &returned, &st.center)?;
            for (j, code) in indicators.iter().enumerate() {
                let status = a.ev.indicator(code).map_or(Status::NoData, |i| i.status);
                g.text(
                    row,
                    first_ind + j as u16,
                    status_label(status, lang),
                    &st.center,
                )?;
            }
            row += 1;
        }
        // The rollup of the area itself, for reference.
        let rollup_label = fill(
            Msg::CompareRollupRow.text(lang),
            &[("area", &c.parent.name)],
        );
        g.text(row, 0, &rollup_label, &st.bold)?;
        g.text(row, 1, c.parent.code.as_deref().unwrap_or("—"), &st.center)?;
        rate_cell(&mut g, row, 2, c.parent_ev.attainment_rate, &st)?;
        g.text(row, 3, "—", &st.center)?;
        let parent_warnings: usize = c
            .parent_ev
            .indicators
            .iter()
            .map(|i| i.warnings.len())
            .sum();
        g.number(
            row,
            4,
            parent_warnings as f64,
            &parent_warnings.to_string(),
            &st.center,
        )?;
        g.text(row, 5, "—", &st.center)?;
        for (j, code) in indicators.iter().enumerate() {
            let status = c
                .parent_ev
                .indicator(code)
                .map_or(Status::NoData, |i| i.status);
            g.text(
                row,
                first_ind + j as u16,
                status_label(status, lang),
                &st.center,
            )?;
        }
        let last = row;
        g.finish(6, 40, &[])?;
        for j in 0..indicators.len() {
            g.ws.set_column_width(first_ind + j as u16, 12)?;
        }
        rate_formats(g.ws, header_row + 1, last, 2)?;
        for j in 0..indicators.len() {
            status_formats(
                g.ws,
                header_row + 1,
                last,
                first_ind + j as u16,
                c.stage(),
                lang,
            )?;
        }
        g.ws.set_freeze_panes(header_row + 1, 1)?;
        wide_page(g.ws, &title, Some((header_row, header_row)), 1, lang)?;
        Ok(())
    }

    /// 2. The ranking.
    fn ranking(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let lang = self.lang;
        let st = &self.st;
        let title = self.title.as_str();
        let rates = &self.rates;
        let rates = rates.as_slice();
        let ws = wb.add_worksheet();
        ws.set_name(Msg::SheetCompareRanking.text(lang))?;
        let mut g = Grid::with_lang(ws, lang);
        g.title(0, 0, &title, &st.title)?;
        let header_row = 2u32;
        g.headers(
            header_row,
            &[
                Msg::ColRank,
                Msg::ColArea,
                Msg::ColAreaCode,
                Msg::ColRate,
                Msg::ColAttained,
                Msg::ColWarnings,
                Msg::ColUnitsReturned,
            ],
            &st.header,
        )?;
        let mut order: Vec<&AreaRate> = rates.iter().collect();
        order.sort_by_key(|r| (r.rank.unwrap_or(usize::MAX), r.code.clone()));
        let mut row = header_row + 1;
        for r in &order {
            match r.rank {
                Some(k) => g.number(row, 0, k as f64, &k.to_string(), &st.center)?,
                None => g.text(row, 0, "—", &st.center)?,
            }
            g.text(row, 1, &r.name, &st.bold)?;
            g.text(row, 2, r.code.as_deref().unwrap_or("—"), &st.center)?;
            rate_cell(&mut g, row, 3, r.attainment_rate, &st)?;
            g.text(
                row,
                4,
                &format!("{}/{}", r.attained, r.monitorable),
                &st.center,
            )?;
            g.number(
                row,
                5,
                r.warnings as f64,
                &r.warnings.to_string(),
                &st.center,
            )?;
            let returned = format!("{}/{}", r.units_returned, r.units_expected);
            g.text(row, 6, &returned, &st.center)?;
            row += 1;
        }
        g.finish(6, 30, &[])?;
        if row > header_row + 1 {
            rate_formats(g.ws, header_row + 1, row - 1, 3)?;
        }
        page(g.ws, &title, Some((header_row, header_row)), lang)?;
        Ok(())
    }

    /// 3. Warnings per area.
    fn warnings(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let c = self.c;
        let lang = self.lang;
        let st = &self.st;
        let title = self.title.as_str();
        let ws = wb.add_worksheet();
        ws.set_name(Msg::SheetCompareWarnings.text(lang))?;
        let mut g = Grid::with_lang(ws, lang);
        g.title(0, 0, &title, &st.title)?;
        let header_row = 2u32;
        g.headers(
            header_row,
            &[
                Msg::ColArea,
                Msg::ColIndicator,
                Msg::ColWarning,
                Msg::ColExplanation,
            ],
            &st.header,
        )?;
        let mut row = header_row + 1;
        for a in c.areas {
            for i in &a.ev.indicators {
                for w in &i.warnings {
                    g.text(row, 0, &a.name, &st.text)?;
                    let ind = format!("{}（{}）", indicator_name(c.cat, &i.code, lang), i.code);
                    g.text(row, 1, &ind, &st.text)?;
                    g.text(row, 2, warning_label(w.code, lang), &st.center)?;
                    g.wrapped(row, 3, &w.message, &st.wrap)?;
                    row += 1;
                }
            }
        }
        g.finish(6, 40, &[(3, 60.0)])?;
        page(g.ws, &title, Some((header_row, header_row)), lang)?;
        Ok(())
    }

    /// 4. Who did not report.
    fn not_reported(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let c = self.c;
        let lang = self.lang;
        let st = &self.st;
        let title = self.title.as_str();
        let ws = wb.add_worksheet();
        ws.set_name(Msg::SheetCompareMissing.text(lang))?;
        let mut g = Grid::with_lang(ws, lang);
        g.title(0, 0, &title, &st.title)?;
        let header_row = 2u32;
        g.headers(
            header_row,
            &[Msg::ColArea, Msg::ColAreaCode, Msg::ColUnitsMissing],
            &st.header,
        )?;
        let mut row = header_row + 1;
        for a in c.areas {
            let what = if !a.in_store {
                Msg::CompareNotInStore.text(lang).to_string()
            } else if !a.has_data {
                fill(
                    Msg::CompareNoData.text(lang),
                    &[("year", &c.year().to_string())],
                )
            } else if a.units_missing.is_empty() {
                continue;
            } else {
                a.units_missing.join(lang.pick("、", ", "))
            };
            g.text(row, 0, &a.name, &st.bold)?;
            g.text(row, 1, a.code.as_deref().unwrap_or("—"), &st.center)?;
            g.wrapped(row, 2, &what, &st.wrap)?;
            row += 1;
        }
        g.finish(6, 30, &[(2, 60.0)])?;
        page(g.ws, &title, Some((header_row, header_row)), lang)?;
        Ok(())
    }

    /// 5. The rollup with its coverage, as-of year totals.
    fn rollup(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let c = self.c;
        let lang = self.lang;
        let st = &self.st;
        let title = self.title.as_str();
        let ws = wb.add_worksheet();
        ws.set_name(Msg::SheetCompareRollup.text(lang))?;
        let mut g = Grid::with_lang(ws, lang);
        g.title(0, 0, &title, &st.title)?;
        let mut row = 1u32;
        for line in super::rollup_sheet::area_lines(c.parent, lang) {
            g.title(row, 0, &line, &st.subtitle)?;
            row += 1;
        }
        let header_row = row + 1;
        g.headers(
            header_row,
            &[
                Msg::ColIndicator,
                Msg::ColSource,
                Msg::ColRollupValue,
                Msg::ColCoverageAreas,
                Msg::ColCoverageWeight,
                Msg::ColExplanation,
            ],
            &st.header,
        )?;
        let totals = c.parent.values.iter().filter(|o| {
            o.year == c.year()
                && o.sex == crate::score::Sex::Total
                && o.area == crate::score::Area::Total
        });
        for (k, o) in totals.enumerate() {
            let row = header_row + 1 + k as u32;
            let ind = format!(
                "{}（{}）",
                indicator_name(c.cat, &o.indicator, lang),
                o.indicator
            );
            g.text(row, 0, &ind, &st.text)?;
            let source = match lang {
                Lang::Zh => o.source.label_zh(),
                Lang::En => o.source.label_en(),
            };
            g.text(row, 1, source, &st.center)?;
            match o.value {
                Some(v) => g.number(
                    row,
                    2,
                    v,
                    &crate::catalog::target::fmt_num(v),
                    &st.number(
                        c.cat.indicator(&o.indicator).map_or(2, |i| i.decimals),
                        false,
                    ),
                )?,
                None => g.text(row, 2, "—", &st.center)?,
            }
            match &o.coverage {
                Some(cov) => {
                    let areas = format!("{}/{}", cov.areas_reported, cov.areas_expected);
                    g.text(row, 3, &areas, &st.center)?;
                    rate_cell(&mut g, row, 4, cov.weight_share, &st)?;
                }
                None => {
                    let own = o.source == Source::Own;
                    g.text(row, 3, if own { "—" } else { "" }, &st.center)?;
                    g.text(row, 4, "—", &st.center)?;
                }
            }
            let text = match lang {
                Lang::Zh => &o.explanation,
                Lang::En => &o.explanation_en,
            };
            g.wrapped(row, 5, text, &st.wrap)?;
        }
        g.finish(6, 36, &[(5, 60.0)])?;
        page(g.ws, &title, Some((header_row, header_row)), lang)?;
        Ok(())
    }
}

/// The feedback workbook of the area `index`: its rate and rank, and per indicator its status and
/// value beside the rollup's and how many areas have attained it.
pub fn build_feedback(c: &Comparison, index: usize) -> Result<Vec<u8>, XlsxError> {
    let lang = c.lang;
    let st = Styles::new();
    let a = &c.areas[index];
    let rates = c.rates();
    let r = &rates[index];
    let mut wb: Workbook = crate::style::new_workbook();
    let title = fill(
        Msg::AreaFeedbackTitle.text(lang),
        &[
            ("area", &a.name),
            ("parent", &c.parent.name),
            ("stage", stage_label(c.stage(), lang)),
            ("year", &c.year().to_string()),
        ],
    );
    let rate_text = |x: Option<f64>| super::facts::Facts::rate_text(x);
    let standing = match r.rank {
        Some(rank) => fill(
            Msg::AreaFeedbackRank.text(lang),
            &[
                ("rate", &rate_text(r.attainment_rate)),
                ("n", &c.areas.len().to_string()),
                ("rank", &rank.to_string()),
                ("parent", &c.parent.name),
                ("parent_rate", &rate_text(c.parent_ev.attainment_rate)),
            ],
        ),
        None => fill(
            Msg::AreaFeedbackNoRank.text(lang),
            &[
                ("parent", &c.parent.name),
                ("parent_rate", &rate_text(c.parent_ev.attainment_rate)),
            ],
        ),
    };
    let ws = wb.add_worksheet();
    ws.set_name(Msg::SheetAreaStanding.text(lang))?;
    let mut g = Grid::with_lang(ws, lang);
    g.title(0, 0, &title, &st.title)?;
    g.title(1, 0, &standing, &st.subtitle)?;
    let header_row = 3u32;
    g.headers(
        header_row,
        &[
            Msg::ColIndicator,
            Msg::ColAreaStatus,
            Msg::ColAreaValue,
            Msg::ColRollupValue,
            Msg::ColSameStatus,
            Msg::ColAreasMet,
            Msg::ColWarnings,
        ],
        &st.header,
    )?;
    let mut row = header_row + 1;
    for code in c.indicators() {
        let mine = a.ev.indicator(code);
        let status = mine.map_or(Status::NoData, |i| i.status);
        let ind = format!("{}（{}）", indicator_name(c.cat, code, lang), code);
        g.text(row, 0, &ind, &st.text)?;
        g.text(row, 1, status_label(status, lang), &st.center)?;
        let decimals = c.cat.indicator(code).map_or(2, |i| i.decimals);
        let value = |ev: &Evaluation| ev.indicator(code).and_then(|i| i.latest);
        for (col, v) in [(2u16, value(&a.ev)), (3, value(c.parent_ev))] {
            match v {
                Some(v) => {
                    let shown =
                        format!("{}（{}）", crate::catalog::target::fmt_num(v.value), v.year);
                    g.number(row, col, v.value, &shown, &st.number(decimals, false))?
                }
                None => g.text(row, col, "—", &st.center)?,
            }
        }
        let same = c
            .areas
            .iter()
            .filter(|o| o.ev.indicator(code).map_or(Status::NoData, |i| i.status) == status)
            .count();
        let met = c
            .areas
            .iter()
            .filter(|o| {
                o.ev.indicator(code)
                    .is_some_and(|i| matches!(i.status, Status::Met | Status::Achieved))
            })
            .count();
        g.text(row, 4, &format!("{same}/{}", c.areas.len()), &st.center)?;
        g.text(row, 5, &format!("{met}/{}", c.areas.len()), &st.center)?;
        let warnings: Vec<&str> = mine
            .map(|i| {
                i.warnings
                    .iter()
                    .map(|w| warning_label(w.code, lang))
                    .collect()
            })
            .unwrap_or_default();
        g.wrapped(row, 6, &warnings.join(lang.pick("、", ", ")), &st.wrap)?;
        row += 1;
    }
    g.finish(6, 40, &[(6, 30.0)])?;
    if row > header_row + 1 {
        status_formats(g.ws, header_row + 1, row - 1, 1, c.stage(), lang)?;
    }
    g.ws.set_freeze_panes(header_row + 1, 1)?;
    page(g.ws, &title, Some((header_row, header_row)), lang)?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_are_competition_ranks_and_no_rate_is_not_ranked() {
        assert_eq!(
            ranks(&[Some(0.5), Some(0.8), None, Some(0.5), Some(0.2)]),
            [Some(2), Some(1), None, Some(2), Some(4)]
        );
    }
}
