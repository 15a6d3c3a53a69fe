//! The evaluation group's reviewed answers for qualitative objectives (`overrides.json` in the store).
//!
//! The group writes its conclusion into the review column (评估组审核结论) of the evaluation workbook's
//! 定性目标 sheet; the next `evaluate` reads it back and records it here, so that a review survives even
//! when the workbook is deleted, and is shown pre-filled in the next workbook. One record per area,
//! objective and as-of year (the latest review wins); every record keeps who, when, the comment and the
//! cell it was read from. A review of one area's objective never applies to another area's evaluation
//! (records written before areas were recorded belong to the store's own area).
//!
//! The file sits beside `manifest.json` and is not listed in it: it holds no panel data, and engines that
//! read the Parquet folders never see it. It is replaced atomically, and only under the store's writer
//! lock (`lock::StoreLock`), so a concurrent `ingest` or `evaluate` never interleaves with it.

use crate::error::Error;
use crate::fsutil::write_atomic;
use crate::i18n::diagnostics::DiagText;
use crate::score::Override;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const OVERRIDES_FILE: &str = "overrides.json";
/// Written into the file so that a stray JSON is not mistaken for it.
pub const FORMAT: &str = "planeval-overrides";

/// One reviewed answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverrideRecord {
    /// The objective's code, e.g. `7.2`.
    pub objective: String,
    /// The as-of year of the evaluation it was given in.
    pub year: i32,
    /// 已完成 / 基本完成 / 部分完成 / 未完成.
    pub answer: String,
    pub reviewer: String,
    /// When the review was made, RFC 3339 (审核日期, else the workbook's modification time).
    pub at: String,
    pub comment: String,
    /// Where it was read: `中期评估-2023.xlsx!定性目标!H5`.
    pub source: String,
    /// When planeval recorded it, RFC 3339.
    pub recorded_at: String,
    /// The area whose evaluation it was given in (its code, or its name when the areas file does not
    /// know it); `None` in records written before areas were recorded: the store's own area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
}

impl OverrideRecord {
    pub fn to_override(&self) -> Override {
        Override {
            objective: self.objective.clone(),
            year: self.year,
            answer: self.answer.clone(),
            reviewer: self.reviewer.clone(),
            at: self.at.clone(),
            comment: self.comment.clone(),
        }
    }

    /// Whether two records say the same thing (ignoring where and when they were recorded).
    pub fn same_review(&self, other: &OverrideRecord) -> bool {
        self.objective == other.objective
            && self.year == other.year
            && self.area == other.area
            && self.answer == other.answer
            && self.reviewer == other.reviewer
            && self.at == other.at
            && self.comment == other.comment
    }

    /// The file-name part of `source`.
    pub fn source_file(&self) -> &str {
        self.source.split('!').next().unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overrides {
    pub format: String,
    pub updated_at: String,
    pub overrides: Vec<OverrideRecord>,
}

impl Default for Overrides {
    fn default() -> Self {
        Overrides {
            format: FORMAT.to_string(),
            updated_at: String::new(),
            overrides: Vec::new(),
        }
    }
}

/// What applying a workbook's review column changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OverrideChanges {
    /// New or changed reviews.
    pub recorded: Vec<OverrideRecord>,
    /// Reviews whose cell was emptied in the workbook they were shown in.
    pub withdrawn: Vec<OverrideRecord>,
}

impl OverrideChanges {
    pub fn is_empty(&self) -> bool {
        self.recorded.is_empty() && self.withdrawn.is_empty()
    }
}

impl Overrides {
    /// Reads `dir/overrides.json`; an empty set when there is none.
    pub fn load(dir: &Path) -> Result<Overrides, Error> {
        let path = dir.join(OVERRIDES_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Overrides::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let parsed: Overrides =
            serde_json::from_slice(&bytes).map_err(|e| Error::StoreCorrupt {
                path: path.clone(),
                reason: crate::error::Reason::said(
                    DiagText::StoreReviewsInvalid,
                    &[("detail", &e.to_string())],
                ),
            })?;
        if parsed.format != FORMAT {
            return Err(Error::StoreCorrupt {
                path,
                reason: crate::error::Reason::said(
                    DiagText::StoreReviewsNotOurs,
                    &[("format", FORMAT)],
                ),
            });
        }
        Ok(parsed)
    }

    /// Writes `dir/overrides.json` atomically. The caller holds the store's writer lock.
    pub fn save(&self, dir: &Path) -> Result<(), Error> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        write_atomic(&dir.join(OVERRIDES_FILE), &bytes)
    }

    /// The reviews of one area (`area`; `legacy` also takes records without an area, i.e. the area is
    /// the store's own).
    pub fn of_area(&self, area: &str, legacy: bool) -> Overrides {
        Overrides {
            format: self.format.clone(),
            updated_at: self.updated_at.clone(),
            overrides: self
                .overrides
                .iter()
                .filter(|o| match &o.area {
                    Some(a) => a == area,
                    None => legacy,
                })
                .cloned()
                .collect(),
        }
    }

    /// The reviews in the form scoring reads.
    pub fn to_overrides(&self) -> Vec<Override> {
        self.overrides
            .iter()
            .map(OverrideRecord::to_override)
            .collect()
    }

    /// The review of an objective for an as-of year.
    pub fn get(&self, objective: &str, year: i32) -> Option<&OverrideRecord> {
        self.overrides
            .iter()
            .find(|o| o.objective == objective && o.year == year)
    }

    /// Applies what a workbook's review column says. `read` are the filled review cells of the workbook
    /// `workbook` (its file name); `emptied` the objectives whose review cell was empty there. A record
    /// is replaced when the review differs; a record is withdrawn only when it was shown in that same
    /// workbook and its cell is now empty (a review given in another workbook is left alone). Every
    /// record read is given `area`, and only records of that area are replaced or withdrawn (`legacy`:
    /// records without an area count as this area's).
    pub fn apply(
        &mut self,
        year: i32,
        workbook: &str,
        read: Vec<OverrideRecord>,
        emptied: &[String],
        area: Option<&str>,
        legacy: bool,
    ) -> OverrideChanges {
        let mine = |o: &OverrideRecord| match (&o.area, area) {
            (Some(a), Some(b)) => a == b,
            (None, _) => legacy || area.is_none(),
            (Some(_), None) => false,
        };
        let mut changes = OverrideChanges::default();
        for mut r in read {
            r.area = area.map(str::to_string);
            match self
                .overrides
                .iter_mut()
                .find(|o| o.objective == r.objective && o.year == r.year && mine(o))
            {
                Some(o) if o.same_review(&r) => {}
                Some(o) => {
                    *o = r.clone();
                    changes.recorded.push(r);
                }
                None => {
                    self.overrides.push(r.clone());
                    changes.recorded.push(r);
                }
            }
        }
        let (withdrawn, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.overrides)
            .into_iter()
            .partition(|o| {
                o.year == year
                    && o.source_file() == workbook
                    && emptied.contains(&o.objective)
                    && mine(o)
            });
        self.overrides = kept;
        changes.withdrawn = withdrawn;
        self.overrides
            .sort_by(|a, b| (a.year, &a.objective).cmp(&(b.year, &b.objective)));
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(objective: &str, answer: &str, source: &str) -> OverrideRecord {
        OverrideRecord {
            objective: objective.into(),
            year: 2023,
            answer: answer.into(),
            reviewer: "李评估".into(),
            at: "2024-03-01T00:00:00+08:00".into(),
            comment: String::new(),
            source: format!("{source}!定性目标!H5"),
            recorded_at: "2024-03-02T00:00:00+08:00".into(),
            area: None,
        }
    }

    #[test]
    fn reviews_are_recorded_replaced_and_withdrawn_only_from_their_own_workbook() {
        let mut o = Overrides::default();
        let c = o.apply(
            2023,
            "中期评估-2023.xlsx",
            vec![rec("7.2", "部分完成", "中期评估-2023.xlsx")],
            &[],
            None,
            true,
        );
        assert_eq!(c.recorded.len(), 1);
        // The same review read again changes nothing.
        let c = o.apply(
            2023,
            "中期评估-2023.xlsx",
            vec![rec("7.2", "部分完成", "中期评估-2023.xlsx")],
            &[],
            None,
            true,
        );
        assert!(c.is_empty());
        let c = o.apply(
            2023,
            "中期评估-2023.xlsx",
            vec![rec("7.2", "未完成", "中期评估-2023.xlsx")],
            &[],
            None,
            true,
        );
        assert_eq!(c.recorded[0].answer, "未完成");
        assert_eq!(o.overrides.len(), 1);
        // Emptied in another workbook: kept.
        let c = o.apply(
            2023,
            "年度监测-2023.xlsx",
            vec![],
            &["7.2".into()],
            None,
            true,
        );
        assert!(c.is_empty());
        let c = o.apply(
            2023,
            "中期评估-2023.xlsx",
            vec![],
            &["7.2".into()],
            None,
            true,
        );
        assert_eq!(c.withdrawn.len(), 1);
        assert!(o.overrides.is_empty());
    }

    #[test]
    fn a_review_of_one_area_never_touches_another_area_s() {
        let mut o = Overrides::default();
        let wb = "中期评估-2023.xlsx";
        o.apply(
            2023,
            wb,
            vec![rec("7.2", "未完成", wb)],
            &[],
            Some("141025"),
            false,
        );
        let c = o.apply(
            2023,
            wb,
            vec![rec("7.2", "已完成", wb)],
            &[],
            Some("141026"),
            false,
        );
        assert_eq!(c.recorded.len(), 1);
        assert_eq!(o.overrides.len(), 2, "one per area");
        assert_eq!(o.of_area("141025", false).overrides[0].answer, "未完成");
        assert_eq!(o.of_area("141026", false).overrides[0].answer, "已完成");
        let c = o.apply(2023, wb, vec![], &["7.2".into()], Some("141026"), false);
        assert_eq!(c.withdrawn.len(), 1);
        assert_eq!(o.of_area("141025", false).overrides.len(), 1, "kept");
    }

    #[test]
    fn saves_and_loads() {
        let dir = std::env::temp_dir().join(format!("planeval-overrides-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(Overrides::load(&dir).unwrap(), Overrides::default());
        let mut o = Overrides::default();
        o.apply(
            2023,
            "x.xlsx",
            vec![rec("1.10", "已完成", "x.xlsx")],
            &[],
            None,
            true,
        );
        o.save(&dir).unwrap();
        assert_eq!(Overrides::load(&dir).unwrap(), o);
        std::fs::write(dir.join(OVERRIDES_FILE), b"{\"a\":1}").unwrap();
        assert!(Overrides::load(&dir).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
