//! Qualitative objectives (坚持 / 完善 / 加强 … without a number): the lead unit's self-assessment, replaced by
//! the evaluation group's override when there is one, mapped onto the stage's statuses.

use super::input::{Assessment, Override};
use super::status::{Status, Warning, WarningCode};
use super::Stage;
use crate::catalog::{Catalog, Objective};
use crate::template::layout::SELF_ASSESSMENT_OPTIONS;
use serde::Serialize;

/// The self-assessment a qualitative objective's status was taken from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentUsed {
    pub unit: String,
    pub year: i32,
    pub answer: String,
    /// `file!sheet!cell`.
    pub source: String,
}

/// The evaluation group's override that replaced the self-assessment, with who and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverrideUsed {
    pub year: i32,
    pub answer: String,
    pub reviewer: String,
    pub at: String,
    pub comment: String,
}

/// What a self-assessment answer (已完成 / 基本完成 / 部分完成 / 未完成) means at a stage; `None` for any
/// other text.
pub fn answer_status(answer: &str, stage: Stage) -> Option<Status> {
    let index = SELF_ASSESSMENT_OPTIONS
        .iter()
        .position(|o| *o == answer.trim())?;
    let statuses = match stage {
        Stage::Final => [
            Status::Achieved,
            Status::BasicallyAchieved,
            Status::NotAchieved,
            Status::NotAchieved,
        ],
        Stage::Annual | Stage::Midterm => [
            Status::Met,
            Status::OnTrack,
            Status::NeedsAcceleration,
            Status::SlowProgress,
        ],
    };
    statuses.get(index).copied()
}

#[derive(Debug)]
pub(super) struct QualitativeScore {
    pub status: Status,
    pub assessment: Option<AssessmentUsed>,
    pub override_used: Option<OverrideUsed>,
    pub warnings: Vec<Warning>,
    pub explanation: String,
}

pub(super) fn score(
    cat: &Catalog,
    objective: &Objective,
    assessments: &[Assessment],
    overrides: &[Override],
    stage: Stage,
    as_of: i32,
) -> QualitativeScore {
    let mut warnings = Vec::new();
    let unit_key = |name: &str| {
        cat.resolve_unit(name)
            .map_or_else(|| name.trim().to_string(), |u| u.name.clone())
    };
    let lead = objective.lead_unit.as_deref().map(unit_key);
    let mut usable: Vec<(&Assessment, Status)> = Vec::new();
    for a in assessments
        .iter()
        .filter(|a| a.objective == objective.code && a.year <= as_of)
    {
        match answer_status(&a.answer, stage) {
            Some(s) => usable.push((a, s)),
            None => warnings.push(Warning::new(
                WarningCode::MissingData,
                format!(
                    "{} {}年自评结论“{}”不是规定选项（{}），未采用",
                    a.unit, a.year, a.answer, a.source
                ),
            )),
        }
    }
    // The latest year's assessment; within it the lead unit's, else the least favourable.
    let year = usable.iter().map(|(a, _)| a.year).max();
    let chosen = year.and_then(|y| {
        let of_year = usable.iter().filter(|(a, _)| a.year == y);
        of_year
            .clone()
            .rfind(|(a, _)| Some(unit_key(&a.unit)) == lead)
            .or_else(|| of_year.min_by_key(|(_, s)| s.rank()))
            .copied()
    });
    let chosen_override = overrides
        .iter()
        .filter(|o| o.objective == objective.code && o.year == as_of)
        .filter_map(|o| answer_status(&o.answer, stage).map(|s| (o, s)))
        .max_by_key(|(o, _)| chrono::DateTime::parse_from_rfc3339(o.at.trim()).ok());

    let lead_name = objective.lead_unit.as_deref().unwrap_or("牵头单位");
    let mut parts = Vec::new();
    match chosen {
        Some((a, _)) => {
            parts.push(format!(
                "{} {}年自评“{}”（{}）",
                a.unit,
                a.year,
                a.answer.trim(),
                a.source
            ));
            if a.year < as_of && chosen_override.is_none() {
                warnings.push(Warning::new(
                    WarningCode::MissingData,
                    format!("{lead_name}未报送{as_of}年自评，沿用{}年自评", a.year),
                ));
            }
        }
        None => {
            parts.push(format!("{lead_name}未报送自评"));
            if chosen_override.is_none() {
                warnings.push(Warning::new(
                    WarningCode::MissingData,
                    format!("{lead_name}未报送{as_of}年自评"),
                ));
            }
        }
    }
    if let Some((o, _)) = chosen_override {
        let comment = if o.comment.trim().is_empty() {
            String::new()
        } else {
            format!("：{}", o.comment.trim())
        };
        parts.push(format!(
            "评估组复核为“{}”（{}，{}{comment}）",
            o.answer.trim(),
            o.reviewer,
            o.at
        ));
    }
    let status = chosen_override
        .map(|(_, s)| s)
        .or(chosen.map(|(_, s)| s))
        .unwrap_or(Status::NoData);
    QualitativeScore {
        status,
        assessment: chosen.map(|(a, _)| AssessmentUsed {
            unit: a.unit.clone(),
            year: a.year,
            answer: a.answer.trim().to_string(),
            source: a.source.clone(),
        }),
        override_used: chosen_override.map(|(o, _)| OverrideUsed {
            year: o.year,
            answer: o.answer.trim().to_string(),
            reviewer: o.reviewer.clone(),
            at: o.at.clone(),
            comment: o.comment.clone(),
        }),
        warnings,
        explanation: parts.join("；"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Catalog {
        Catalog::builtin().unwrap()
    }

    fn objective<'c>(cat: &'c Catalog, code: &str) -> &'c Objective {
        cat.objectives()
            .map(|(_, o)| o)
            .find(|o| o.code == code)
            .unwrap()
    }

    fn assessment(unit: &str, year: i32, answer: &str) -> Assessment {
        Assessment {
            objective: "1.10".into(),
            unit: unit.into(),
            year,
            answer: answer.into(),
            source: format!("returns/{unit}.xlsx!定性目标!D5"),
        }
    }

    #[test]
    fn answers_map_onto_each_stage() {
        assert_eq!(
            answer_status("已完成", Stage::Final),
            Some(Status::Achieved)
        );
        assert_eq!(
            answer_status("基本完成", Stage::Final),
            Some(Status::BasicallyAchieved)
        );
        assert_eq!(
            answer_status("部分完成", Stage::Final),
            Some(Status::NotAchieved)
        );
        assert_eq!(
            answer_status("未完成", Stage::Final),
            Some(Status::NotAchieved)
        );
        assert_eq!(answer_status(" 已完成 ", Stage::Annual), Some(Status::Met));
        assert_eq!(
            answer_status("基本完成", Stage::Midterm),
            Some(Status::OnTrack)
        );
        assert_eq!(
            answer_status("部分完成", Stage::Midterm),
            Some(Status::NeedsAcceleration)
        );
        assert_eq!(
            answer_status("未完成", Stage::Annual),
            Some(Status::SlowProgress)
        );
        assert_eq!(answer_status("完成", Stage::Annual), None);
    }

    #[test]
    fn the_lead_unit_s_assessment_wins_and_aliases_resolve() {
        let cat = builtin();
        let o = objective(&cat, "1.10"); // lead 卫健体局
        let a = [
            assessment("县医疗集团", 2023, "未完成"),
            assessment("卫健局", 2023, "基本完成"),
        ];
        let q = score(&cat, o, &a, &[], Stage::Midterm, 2023);
        assert_eq!(q.status, Status::OnTrack);
        assert_eq!(q.assessment.unwrap().unit, "卫健局");
        assert!(q.warnings.is_empty(), "{:?}", q.warnings);
    }

    #[test]
    fn without_the_lead_unit_the_least_favourable_answer_counts() {
        let cat = builtin();
        let o = objective(&cat, "1.10");
        let a = [
            assessment("县医疗集团", 2023, "已完成"),
            assessment("妇幼保健计生服务中心", 2023, "部分完成"),
        ];
        let q = score(&cat, o, &a, &[], Stage::Final, 2023);
        assert_eq!(q.status, Status::NotAchieved);
    }

    #[test]
    fn an_override_replaces_the_self_assessment_and_keeps_who_and_when() {
        let cat = builtin();
        let o = objective(&cat, "1.10");
        let a = [assessment("卫健体局", 2025, "已完成")];
        let overrides = [
            Override {
                objective: "1.10".into(),
                year: 2025,
                answer: "部分完成".into(),
                reviewer: "李评估".into(),
                at: "2026-03-01T10:00:00+08:00".into(),
                comment: "佐证材料不足".into(),
            },
            Override {
                objective: "1.10".into(),
                year: 2025,
                answer: "基本完成".into(),
                reviewer: "王组长".into(),
                at: "2026-03-05T09:00:00+08:00".into(),
                comment: "复议后调整".into(),
            },
        ];
        let q = score(&cat, o, &a, &overrides, Stage::Final, 2025);
        assert_eq!(q.status, Status::BasicallyAchieved);
        let used = q.override_used.unwrap();
        assert_eq!(
            (used.reviewer.as_str(), used.at.as_str()),
            ("王组长", "2026-03-05T09:00:00+08:00")
        );
        assert_eq!(q.assessment.unwrap().answer, "已完成");
        assert!(
            q.explanation.contains("评估组复核为“基本完成”（王组长"),
            "{}",
            q.explanation
        );
    }

    #[test]
    fn no_assessment_is_no_data_with_a_warning_and_a_stale_one_is_flagged() {
        let cat = builtin();
        let o = objective(&cat, "1.10");
        let q = score(&cat, o, &[], &[], Stage::Annual, 2022);
        assert_eq!(q.status, Status::NoData);
        assert_eq!(q.warnings[0].code, WarningCode::MissingData);
        let q = score(
            &cat,
            o,
            &[assessment("卫健体局", 2021, "已完成")],
            &[],
            Stage::Annual,
            2022,
        );
        assert_eq!(q.status, Status::Met);
        assert!(q.warnings[0].message.contains("沿用2021年自评"));
        let q = score(
            &cat,
            o,
            &[assessment("卫健体局", 2022, "完成了")],
            &[],
            Stage::Annual,
            2022,
        );
        assert_eq!(q.status, Status::NoData);
        assert!(q
            .warnings
            .iter()
            .any(|w| w.message.contains("不是规定选项")));
    }
}
