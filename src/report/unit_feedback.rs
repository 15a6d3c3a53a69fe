//! The feedback workbook each responsible unit gets after an evaluation (`反馈-<单位>-<年度>.xlsx`):
//! 概况 (how its indicators stand and what to do next), 指标情况 (every indicator it leads or cooperates
//! on, with status and explanation), 预警 (the warnings on what it leads), 数据问题 (its uncorrected data
//! errors, pointing into its own returned files as file!sheet!cell) and 定性目标 (the qualitative
//! objectives it leads).
//!
//! A unit reads only this file, so everything it needs to act on is here, in its own terms.

use super::evaluation::{location, plan_name, properties, HEADER_ROW};
use super::facts::{Facts, Severity};
use super::messages::{
    domain_name, fill, indicator_name, stage_label, status_label, target_text, unit_name, Lang, Msg,
};
use super::sheet::{page, status_formats, Grid, Styles};
use crate::catalog::ObjectiveKind;
use crate::fsutil::safe_file_name;
use crate::score::{IndicatorResult, ObjectiveResult, Status};
use crate::store::QuarantineRow;
use crate::template::writer::units_with_work;
use rust_xlsxwriter::{Workbook, XlsxError};

/// The units that get a feedback workbook: every unit with work in the plan, in the plan's order.
pub fn units(f: &Facts) -> Vec<String> {
    units_with_work(f.cat)
}

/// `反馈-卫健体局-2023.xlsx`; the unit's name made safe as a file name.
pub fn file_name(f: &Facts, unit: &str) -> String {
    fill(
        Msg::FileFeedback.text(f.lang),
        &[
            ("unit", &safe_file_name(&unit_name(f.cat, unit, f.lang))),
            ("year", &f.ev.year.to_string()),
        ],
    )
}

/// Whether `name` is a unit's feedback workbook as [`file_name`] names it, in either language.
pub fn is_file_name(name: &str) -> bool {
    [Msg::FileFeedback.zh(), Msg::FileFeedback.en()]
        .iter()
        .filter_map(|t| t.split('{').next())
        .any(|prefix| !prefix.is_empty() && name.starts_with(prefix))
}

/// What one unit is told.
struct UnitView<'e> {
    /// (role is lead, indicator).
    indicators: Vec<(bool, &'e IndicatorResult)>,
    objectives: Vec<&'e ObjectiveResult>,
    problems: Vec<&'e QuarantineRow>,
    not_returned: Vec<i32>,
}

fn view<'e>(f: &'e Facts, unit: &str) -> UnitView<'e> {
    let indicators =
        f.ev.indicators
            .iter()
            .filter_map(|r| {
                let ind = f.indicator_def(&r.code)?;
                if ind.lead_unit == unit {
                    Some((true, r))
                } else if ind.cooperating_units.iter().any(|u| u == unit) {
                    Some((false, r))
                } else {
                    None
                }
            })
            .collect();
    let objectives =
        f.ev.objectives
            .iter()
            .filter(|o| {
                (o.kind == ObjectiveKind::Qualitative || o.indicators.is_empty())
                    && o.lead_unit.as_deref() == Some(unit)
            })
            .collect();
    let problems = f
        .outstanding
        .iter()
        .filter(|q| q.reporting_unit == unit)
        .collect();
    let not_returned = f
        .completeness
        .iter()
        .filter(|c| c.units.iter().any(|u| u.unit == unit && !u.returned))
        .map(|c| c.year)
        .collect();
    UnitView {
        indicators,
        objectives,
        problems,
        not_returned,
    }
}

/// The next steps of a unit, one line each.
fn next_steps(f: &Facts, v: &UnitView) -> Vec<String> {
    let lang = f.lang;
    let sep = lang.pick("、", ", ");
    let names = |rs: Vec<&IndicatorResult>| {
        rs.iter()
            .map(|r| indicator_name(f.cat, &r.code, lang))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let mut steps = Vec::new();
    if !v.problems.is_empty() {
        steps.push(fill(
            Msg::StepFixData.text(lang),
            &[("n", &v.problems.len().to_string())],
        ));
    }
    if !v.not_returned.is_empty() {
        let years: Vec<String> = v.not_returned.iter().map(|y| y.to_string()).collect();
        steps.push(fill(
            Msg::StepReturn.text(lang),
            &[("years", &years.join(sep))],
        ));
    }
    let led = || {
        v.indicators
            .iter()
            .filter(|(lead, _)| *lead)
            .map(|(_, r)| *r)
    };
    let behind: Vec<&IndicatorResult> = led().filter(|r| Facts::is_behind(r.status)).collect();
    if !behind.is_empty() {
        steps.push(fill(
            Msg::StepBehind.text(lang),
            &[("list", &names(behind))],
        ));
    }
    let check: Vec<&IndicatorResult> = led()
        .filter(|r| {
            r.warnings
                .iter()
                .any(|w| Severity::of(w.code) == Severity::Medium)
        })
        .collect();
    if !check.is_empty() {
        steps.push(fill(
            Msg::StepWarnings.text(lang),
            &[("list", &names(check))],
        ));
    }
    let unassessed: Vec<String> = v
        .objectives
        .iter()
        .filter(|o| o.status == Status::NoData)
        .map(|o| o.code.clone())
        .collect();
    if !unassessed.is_empty() {
        steps.push(fill(
            Msg::StepSelfAssess.text(lang),
            &[("list", &unassessed.join(sep))],
        ));
    }
    if steps.is_empty() {
        steps.push(Msg::StepNone.text(lang).to_string());
    }
    steps
}

/// Builds one unit's feedback workbook.
pub fn build(f: &Facts, unit: &str) -> Result<Vec<u8>, XlsxError> {
    let lang = f.lang;
    let st = Styles::new();
    let v = view(f, unit);
    let title = fill(
        Msg::TitleFeedback.text(lang),
        &[
            ("unit", &unit_name(f.cat, unit, lang)),
            ("stage", stage_label(f.ev.stage, lang)),
            ("year", &f.ev.year.to_string()),
        ],
    );
    let mut wb = crate::style::new_workbook();
    wb.set_properties(&properties(f, &title).set_custom_property("unit", unit));
    let sheets = Sheets {
        f,
        unit,
        lang,
        st,
        v,
        title,
    };
    sheets.overview(&mut wb)?;
    sheets.indicators(&mut wb)?;
    sheets.warnings(&mut wb)?;
    sheets.data_problems(&mut wb)?;
    sheets.qualitative(&mut wb)?;

    wb.save_to_buffer()
}

/// What every sheet of a unit's feedback workbook is drawn from: one sheet a method.
struct Sheets<'a> {
    f: &'a Facts<'a>,
    unit: &'a str,
    lang: Lang,
    st: Styles,
    v: UnitView<'a>,
    title: String,
}

impl Sheets<'_> {
    /// The sheet 概况.
    fn overview(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let f = self.f;
        let lang = self.lang;
        let st = &self.st;
        let v = &self.v;
        let title = self.title.as_str();
        let ws = wb.add_worksheet();
        ws.set_name(Msg::SheetUnitSummary.text(lang))?;
        let mut g = Grid::with_lang(ws, lang);
        g.title(0, 0, &title, &st.title)?;
        g.title(1, 0, plan_name(f), &st.subtitle)?;
        g.ws.write_string_with_format(
            2,
            0,
            fill(
                Msg::GeneratedBy.text(lang),
                &[
                    ("version", &f.run.tool_version),
                    ("at", &f.run.generated_at),
                ],
            ),
            &st.subtitle,
        )?;
        let intro_row = 4;
        // Counts of the indicators it leads.
        let mut row = 6;
        g.text(row, 0, Msg::YourIndicators.text(lang), &st.header)?;
        g.text(row, 1, Msg::ColIndicatorCount.text(lang), &st.header)?;
        row += 1;
        let first = row;
        for s in f.ev.stage.statuses() {
            let n = v
                .indicators
                .iter()
                .filter(|(lead, r)| *lead && r.status == *s)
                .count();
            if n == 0 {
                continue;
            }
            g.text(row, 0, status_label(*s, lang), &st.center)?;
            g.number(row, 1, n as f64, &n.to_string(), &st.center)?;
            row += 1;
        }
        status_formats(
            g.ws,
            first,
            row.saturating_sub(1).max(first),
            0,
            f.ev.stage,
            lang,
        )?;
        row += 1;
        g.ws.write_string_with_format(
            row,
            0,
            Msg::NextSteps.text(lang),
            &st.bold
                .clone()
                .set_border(rust_xlsxwriter::FormatBorder::None),
        )?;
        row += 1;
        // Text rows span the six columns (24 + 5 × 14 characters wide), merged and wrapped.
        const WIDTHS: [f64; 6] = [24.0, 14.0, 14.0, 14.0, 14.0, 14.0];
        let merged: f64 = WIDTHS.iter().sum();
        let para = st
            .plain
            .clone()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top);
        let paragraph = |g: &mut Grid, row: u32, text: &str| -> Result<(), XlsxError> {
            g.ws.merge_range(row, 0, row, 5, text, &para)?;
            let lines = super::sheet::lines_needed(text, merged);
            g.ws.set_row_height(row, 15.0 * lines as f64 + 3.0)?;
            Ok(())
        };
        paragraph(&mut g, intro_row, Msg::FeedbackIntro.text(lang))?;
        for (i, step) in next_steps(f, &v).iter().enumerate() {
            paragraph(&mut g, row, &format!("{}. {step}", i + 1))?;
            row += 1;
        }
        let fixed: Vec<(u16, f64)> = WIDTHS
            .iter()
            .enumerate()
            .map(|(c, w)| (c as u16, *w))
            .collect();
        g.finish(4, 24, &fixed)?;
        page(g.ws, &title, None, lang)?;
        Ok(())
    }

    /// The sheet 指标情况.
    fn indicators(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let f = self.f;
        let lang = self.lang;
        let st = &self.st;
        let v = &self.v;
        let title = self.title.as_str();
        let ws = wb.add_worksheet();
        ws.set_name(Msg::SheetUnitIndicators.text(lang))?;
        let header = [
            Msg::ColRole,
            Msg::ColDomain,
            Msg::ColIndicator,
            Msg::ColTarget,
            Msg::ColLatest,
            Msg::ColStatus,
            Msg::ColWarningCodes,
            Msg::ColExplanation,
            Msg::ColCode,
        ];
        let mut g = Grid::with_lang(ws, lang);
        g.title(0, 0, &title, &st.title)?;
        for (c, h) in header.iter().enumerate() {
            g.text(HEADER_ROW, c as u16, h.text(lang), &st.header)?;
        }
        let mut row = HEADER_ROW + 1;
        for (lead, r) in &v.indicators {
            let role = if *lead {
                Msg::RoleLead
            } else {
                Msg::RoleCooperate
            };
            g.text(row, 0, role.text(lang), &st.center)?;
            g.wrapped(row, 1, &domain_name(f.cat, &r.domain, lang), &st.wrap)?;
            g.wrapped(row, 2, &indicator_name(f.cat, &r.code, lang), &st.wrap)?;
            g.wrapped(row, 3, &target_text(f.cat, &r.target, lang), &st.wrap)?;
            match r.latest {
                Some(p) => g.text(
                    row,
                    4,
                    &super::messages::paren(lang, &f.num(&r.code, p.value), &p.year.to_string()),
                    &st.text,
                )?,
                None => g.blank(row, 4, &st.text)?,
            }
            g.wrapped(row, 5, f.status(r.status), &st.center_wrap)?;
            let labels: Vec<&str> = r
                .warnings
                .iter()
                .map(|w| super::messages::warning_label(w.code, lang))
                .collect();
            g.wrapped(row, 6, &labels.join(lang.pick("；", "; ")), &st.wrap)?;
            g.wrapped(row, 7, &f.explanation(r), &st.wrap)?;
            g.text(row, 8, &r.code, &st.text)?;
            row += 1;
        }
        let last = row.saturating_sub(1).max(HEADER_ROW + 1);
        status_formats(g.ws, HEADER_ROW + 1, last, 5, f.ev.stage, lang)?;
        let (domain_w, status_w, _) = super::sheet::name_widths(lang);
        g.finish(
            4,
            24,
            &[
                (1, domain_w),
                (2, 26.0),
                (3, if lang == Lang::En { 22.0 } else { 16.0 }),
                (5, status_w),
                (6, 24.0),
                (7, 54.0),
            ],
        )?;
        g.ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
        if !v.indicators.is_empty() {
            g.ws.autofilter(HEADER_ROW, 0, last, header.len() as u16 - 1)?;
        }
        page(g.ws, &title, Some((HEADER_ROW, HEADER_ROW)), lang)?;
        // The printed page leaves out the code column.
        g.ws.set_print_area(0, 0, last, header.len() as u16 - 2)?;
        Ok(())
    }

    /// The sheet 预警.
    fn warnings(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let f = self.f;
        let unit = self.unit;
        let lang = self.lang;
        let st = &self.st;
        let title = self.title.as_str();
        let ws = wb.add_worksheet();
        ws.set_name(Msg::SheetUnitWarnings.text(lang))?;
        let header = [
            Msg::ColSeverity,
            Msg::ColWarningType,
            Msg::ColSubject,
            Msg::ColMessage,
        ];
        let mut g = Grid::with_lang(ws, lang);
        g.title(0, 0, &title, &st.title)?;
        for (c, h) in header.iter().enumerate() {
            g.text(HEADER_ROW, c as u16, h.text(lang), &st.header)?;
        }
        let rows: Vec<_> = f
            .warning_rows()
            .into_iter()
            .filter(|w| w.responsible == unit)
            .collect();
        let mut row = HEADER_ROW + 1;
        for w in &rows {
            g.text(row, 0, w.severity.label(lang), &st.center)?;
            g.text(
                row,
                1,
                super::messages::warning_label(w.warning.code, lang),
                &st.text,
            )?;
            let subject = match (w.indicator, w.objective) {
                (Some(r), _) => {
                    super::messages::paren(lang, &indicator_name(f.cat, &r.code, lang), &r.code)
                }
                (None, Some(o)) => format!("{} {}", o.code, o.text),
                _ => w.subject.clone(),
            };
            g.wrapped(row, 2, &subject, &st.wrap)?;
            g.wrapped(row, 3, &f.warning_message(w.warning, w.indicator), &st.wrap)?;
            row += 1;
        }
        if rows.is_empty() {
            g.ws.write_string_with_format(row, 0, Msg::NoWarnings.text(lang), &st.plain)?;
        }
        g.finish(4, 24, &[(2, 30.0), (3, 70.0)])?;
        page(g.ws, &title, Some((HEADER_ROW, HEADER_ROW)), lang)?;
        Ok(())
    }

    /// The sheet 数据问题.
    fn data_problems(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let f = self.f;
        let lang = self.lang;
        let st = &self.st;
        let v = &self.v;
        let title = self.title.as_str();
        let ws = wb.add_worksheet();
        ws.set_name(Msg::SheetUnitProblems.text(lang))?;
        let header = [
            Msg::ColYearPlain,
            Msg::ColDiagCode,
            Msg::ColIndicator,
            Msg::ColLocation,
            Msg::ColRaw,
            Msg::ColProblem,
            Msg::ColHint,
        ];
        let mut g = Grid::with_lang(ws, lang);
        g.title(0, 0, &title, &st.title)?;
        for (c, h) in header.iter().enumerate() {
            g.text(HEADER_ROW, c as u16, h.text(lang), &st.header)?;
        }
        let mut row = HEADER_ROW + 1;
        for q in &v.problems {
            let year = if q.year == 0 {
                Msg::UnknownYear.text(lang).to_string()
            } else {
                q.year.to_string()
            };
            g.text(row, 0, &year, &st.center)?;
            g.text(row, 1, &q.code, &st.center)?;
            g.text(
                row,
                2,
                &q.indicator
                    .as_deref()
                    .map(|i| indicator_name(f.cat, i, lang))
                    .unwrap_or_default(),
                &st.text,
            )?;
            g.wrapped(row, 3, &location(q), &st.wrap)?;
            // What the department typed, as text: `=…` stays text.
            g.text(row, 4, q.raw.as_deref().unwrap_or_default(), &st.text)?;
            g.wrapped(row, 5, &q.message, &st.wrap)?;
            g.wrapped(row, 6, &q.hint, &st.wrap)?;
            row += 1;
        }
        if v.problems.is_empty() {
            g.ws.write_string_with_format(row, 0, Msg::NoProblems.text(lang), &st.plain)?;
        }
        g.finish(4, 24, &[(3, 34.0), (5, 40.0), (6, 40.0)])?;
        page(g.ws, &title, Some((HEADER_ROW, HEADER_ROW)), lang)?;
        Ok(())
    }

    /// The sheet 定性目标.
    fn qualitative(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let f = self.f;
        let lang = self.lang;
        let st = &self.st;
        let v = &self.v;
        let title = self.title.as_str();
        let ws = wb.add_worksheet();
        ws.set_name(Msg::SheetQualitative.text(lang))?;
        let header = [
            Msg::ColObjectiveCode,
            Msg::ColObjectiveText,
            Msg::ColStatus,
            Msg::ColExplanation,
        ];
        let mut g = Grid::with_lang(ws, lang);
        g.title(0, 0, &title, &st.title)?;
        for (c, h) in header.iter().enumerate() {
            g.text(HEADER_ROW, c as u16, h.text(lang), &st.header)?;
        }
        let mut row = HEADER_ROW + 1;
        for o in &v.objectives {
            g.text(row, 0, &o.code, &st.center)?;
            g.wrapped(row, 1, &o.text, &st.wrap)?;
            g.wrapped(row, 2, f.status(o.status), &st.center_wrap)?;
            g.wrapped(row, 3, &f.objective_explanation(o), &st.wrap)?;
            row += 1;
        }
        let last = row.saturating_sub(1).max(HEADER_ROW + 1);
        status_formats(g.ws, HEADER_ROW + 1, last, 2, f.ev.stage, lang)?;
        let (_, status_w, _) = super::sheet::name_widths(lang);
        g.finish(6, 20, &[(1, 50.0), (2, status_w), (3, 60.0)])?;
        page(g.ws, &title, Some((HEADER_ROW, HEADER_ROW)), lang)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::score::{evaluate, ScoreConfig, Stage};
    use crate::store::overrides::Overrides;

    #[test]
    fn unit_names_become_safe_file_names_and_an_empty_store_still_builds() {
        let cat = Catalog::builtin().unwrap();
        let ev = evaluate(
            &cat,
            &[],
            &[],
            &[],
            Stage::Midterm,
            2023,
            &ScoreConfig::default(),
        );
        let overrides = Overrides::default();
        let f = Facts {
            cat: &cat,
            ev: &ev,
            obs: &[],
            assessments: &[],
            overrides: &overrides,
            rejected_reviews: &[],
            completeness: &[],
            outstanding: &[],
            run: super::super::facts::RunInfo {
                generated_at: "2024-01-01T00:00:00+08:00".into(),
                tool_version: "0".into(),
                files: 0,
                values: 0,
                area: None,
                compared: None,
            },
            lang: crate::report::messages::Lang::Zh,
        };
        assert_eq!(file_name(&f, "../etc/passwd"), "反馈-_etc_passwd-2023.xlsx");
        assert_eq!(file_name(&f, "卫健体局"), "反馈-卫健体局-2023.xlsx");
        // Nothing scored: every workbook and the draft are still written.
        assert!(build(&f, "卫健体局").is_ok());
        assert!(super::super::evaluation::build(&f).is_ok());
        assert!(super::super::narrative::report(&f).contains("无数据"));
    }
}
