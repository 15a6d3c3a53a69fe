//! Reading the evaluation group's review back from the previous evaluation workbook.
//!
//! The 定性目标 sheet has four review columns (评估组审核结论 with a dropdown, 审核意见, 审核人, 审核日期).
//! Before `evaluate --out DIR` replaces the workbook, it reads them: every filled conclusion becomes an
//! override of that objective for the workbook's as-of year, with the reviewer as who (评估组 when
//! left empty) and the review date as when — or, without a date, the workbook's modification time.
//! An emptied conclusion withdraws the review shown there. The sheet and its columns are found by their
//! headers in either language, so a reviewer may reorder columns or the workbook may be an English one.
//!
//! Problems never stop the run; they come back as diagnostics (E001–E004) with file!sheet!cell.

use super::messages::{answer_key, Msg};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::i18n::diagnostics::DiagText;
use crate::intake::read::{cell_name, SheetGrid};
use crate::intake::value::{is_blank, raw_text};
use crate::intake::{open_workbook, IntakeOptions};
use crate::store::overrides::OverrideRecord;
use calamine::Data;
use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone};
use std::path::Path;

/// Who a review is recorded as when 审核人 is left empty.
pub const DEFAULT_REVIEWER: &str = "评估组";

/// What the review columns of one workbook say.
#[derive(Debug, Clone, Default)]
pub struct ReviewRead {
    /// File name of the workbook read.
    pub workbook: String,
    pub records: Vec<OverrideRecord>,
    /// Objectives whose conclusion cell is empty.
    pub emptied: Vec<String>,
    /// Conclusions that could not be used (E001), as typed: the rewritten workbook shows them again,
    /// marked, so the reviewer corrects them in place instead of typing the review anew.
    pub rejected: Vec<RejectedReview>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A review row whose conclusion is not one of the options, with everything typed beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedReview {
    pub objective: String,
    pub typed: String,
    pub comment: String,
    pub reviewer: String,
    pub date: String,
    /// Why it was not used, for the note on the cell.
    pub message: String,
}

/// Reads the review columns of `path` (an evaluation workbook for as-of `year`). `is_objective` says
/// whether a code is a qualitative objective of the plan; `now` is the recording time, RFC 3339.
pub fn read_reviews(
    path: &Path,
    year: i32,
    is_objective: &dyn Fn(&str) -> bool,
    now: &str,
) -> ReviewRead {
    let workbook = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = ReviewRead {
        workbook: workbook.clone(),
        ..ReviewRead::default()
    };
    let display = path.display().to_string();
    let unreadable = |reason: String| {
        Diagnostic::said(
            Code::ReviewWorkbookUnreadable,
            Location::File {
                file: display.clone(),
            },
            None,
            DiagText::ReviewUnreadable,
            DiagText::HintReviewUnreadable,
            &[("reason", &reason)],
        )
    };
    // Through intake's own opening: the size limit, the format sniffer and the cell limits hold for
    // this workbook as for any return (it is a file a person edited and sent back).
    let wb = match open_workbook(path, &IntakeOptions::default()) {
        Ok(wb) => wb,
        Err(problem) => {
            out.diagnostics.push(unreadable(problem.message));
            return out;
        }
    };
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| minute(chrono::DateTime::<Local>::from(t)))
        .unwrap_or_else(|| now.to_string());
    let Some((grid, cols)) = wb
        .sheets
        .iter()
        .find_map(|g| locate(g).map(|cols| (g, cols)))
    else {
        out.diagnostics
            .push(unreadable("找不到含“评估组审核结论”列的定性目标表".into()));
        return out;
    };
    let sheet = grid.name.clone();
    let cell = |row: u32, col: u32| -> Option<&Data> { grid.get(row, col).map(|c| &c.data) };
    let text = |row: u32, col: Option<u32>| -> String {
        col.and_then(|c| cell(row, c))
            .map(|d| raw_text(d).trim().to_string())
            .unwrap_or_default()
    };
    let last_row = grid.rows().last().copied().unwrap_or(0);
    for row in cols.header_row + 1..=last_row {
        let code = text(row, Some(cols.code));
        if code.is_empty() {
            continue;
        }
        let location = |col: u32| Location::Cell {
            file: display.clone(),
            sheet: sheet.clone(),
            cell: cell_name(row, col),
        };
        let source = format!("{workbook}!{sheet}!{}", cell_name(row, cols.review));
        let answer_cell = cell(row, cols.review);
        if answer_cell.is_none_or(is_blank) {
            out.emptied.push(code);
            continue;
        }
        let typed = text(row, Some(cols.review));
        if !is_objective(&code) {
            out.diagnostics.push(Diagnostic::said(
                Code::ReviewUnknownObjective,
                location(cols.code),
                Some(code.clone()),
                DiagText::ReviewUnknownObjective,
                DiagText::HintKeepObjectiveCodes,
                &[("code", &code), ("typed", &typed)],
            ));
            continue;
        }
        let Some(answer) = answer_key(&typed) else {
            let options = ["已完成", "基本完成", "部分完成", "未完成"];
            let (zh_options, en_options) = (options.join("、"), options.join(", "));
            let d = Diagnostic::said_each(
                Code::ReviewNotAnOption,
                location(cols.review),
                Some(typed.clone()),
                (DiagText::ReviewNotAnOption, DiagText::HintPickOption),
                &[("code", &code), ("typed", &typed), ("options", &zh_options)],
                &[("code", &code), ("typed", &typed), ("options", &en_options)],
            );
            out.rejected.push(RejectedReview {
                objective: code.clone(),
                typed: typed.clone(),
                comment: text(row, cols.comment),
                reviewer: text(row, cols.reviewer),
                date: text(row, cols.date),
                message: format!("{}\n{}", d.message, d.hint),
            });
            out.diagnostics.push(d);
            continue;
        };
        let date_text = text(row, cols.date);
        let at = if date_text.is_empty() {
            modified.clone()
        } else {
            match parse_date(&date_text) {
                Some(t) => t,
                None => {
                    out.diagnostics.push(Diagnostic::said(
                        Code::ReviewBadDate,
                        location(cols.date.unwrap_or(cols.review)),
                        Some(date_text.clone()),
                        DiagText::ReviewBadDate,
                        DiagText::HintReviewDate,
                        &[
                            ("code", &code),
                            ("date", &date_text),
                            ("modified", &modified),
                        ],
                    ));
                    modified.clone()
                }
            }
        };
        let reviewer = match text(row, cols.reviewer) {
            r if r.is_empty() => DEFAULT_REVIEWER.to_string(),
            r => r,
        };
        out.records.push(OverrideRecord {
            objective: code,
            year,
            answer: answer.to_string(),
            reviewer,
            at,
            comment: text(row, cols.comment),
            source,
            recorded_at: now.to_string(),
            area: None,
        });
    }
    out
}

/// Where the review columns are (absolute, 0-based).
#[derive(Debug, Clone, Copy)]
struct Columns {
    header_row: u32,
    code: u32,
    review: u32,
    comment: Option<u32>,
    reviewer: Option<u32>,
    date: Option<u32>,
}

fn locate(grid: &SheetGrid) -> Option<Columns> {
    let is = |d: &Data, m: Msg| {
        let t = raw_text(d);
        let t = t.trim();
        t == m.zh() || t.eq_ignore_ascii_case(m.en())
    };
    for row in grid.rows().into_iter().take(12) {
        let find = |m: Msg| {
            grid.row_cells(row)
                .find(|(_, c)| is(&c.data, m))
                .map(|(col, _)| col)
        };
        if let (Some(code), Some(review)) = (find(Msg::ColObjectiveCode), find(Msg::ColReview)) {
            return Some(Columns {
                header_row: row,
                code,
                review,
                comment: find(Msg::ColReviewComment),
                reviewer: find(Msg::ColReviewer),
                date: find(Msg::ColReviewDate),
            });
        }
    }
    None
}

fn minute<Tz: TimeZone>(t: chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    use chrono::Timelike;
    let t = t
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t);
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// A review date as people type it (or as a date cell reads): RFC 3339, `2024-03-01`, `2024/3/1`,
/// `2024年3月1日`, with an optional `HH:MM[:SS]`; local time, to the minute.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(minute(t));
    }
    let normalised = s
        .replace(['/', '.'], "-")
        .replace(['年', '月'], "-")
        .replace('日', "")
        .replace('T', " ");
    let normalised = normalised.trim();
    let naive = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(normalised, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(normalised, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    let local = Local.from_local_datetime(&naive).earliest()?;
    Some(minute(local))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_people_type_them() {
        let d = parse_date("2024-03-01").unwrap();
        assert!(d.starts_with("2024-03-01T00:00:00"), "{d}");
        assert!(parse_date("2024/3/1 10:30")
            .unwrap()
            .starts_with("2024-03-01T10:30:00"));
        assert!(parse_date("2024年3月1日")
            .unwrap()
            .starts_with("2024-03-01T00:00:00"));
        assert_eq!(
            parse_date("2024-03-01T10:30:45+08:00").as_deref(),
            Some("2024-03-01T10:30:00+08:00")
        );
        assert_eq!(parse_date("下周"), None);
        // What the workbook shows is read back to the same time.
        let at = parse_date("2024-03-01 10:30").unwrap();
        assert_eq!(
            parse_date(&super::super::evaluation::review_date_text(&at)).unwrap(),
            at
        );
    }

    /// The reviewed workbook is opened through intake's limits: a zip bomb or a workbook declaring a
    /// huge sheet put where the previous evaluation workbook was is one E003 warning, not a run that
    /// inflates gigabytes or dies.
    #[test]
    fn a_hostile_review_workbook_is_one_warning() {
        for name in [
            "zip-bomb.xlsx",
            "huge-dimension.xlsx",
            "encrypted.xlsx",
            "truncated.xlsx",
        ] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/bad")
                .join(name);
            let read = read_reviews(&path, 2023, &|_| true, "2024-03-01T10:00:00+08:00");
            let codes: Vec<&str> = read.diagnostics.iter().map(|d| d.code.id()).collect();
            assert_eq!(codes, ["E003"], "{name}: {:?}", read.diagnostics);
            assert!(
                read.records.is_empty() && read.rejected.is_empty(),
                "{name}"
            );
        }
    }
}
