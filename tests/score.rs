//! Scoring against the built-in plan: the worked example of docs/METHOD.md, the JSON shape of
//! `planeval evaluate --json`, the roll-ups, and property tests over generated series.

use planeval::score::{
    evaluate, Area, Assessment, Evaluation, IndicatorResult, Observation, Override, ScoreConfig,
    Sex, Stage, Status, WarningCode,
};
use planeval::Catalog;

fn builtin() -> Catalog {
    Catalog::builtin().expect("the built-in plan loads")
}

fn run(cat: &Catalog, obs: &[Observation], stage: Stage, as_of: i32) -> Evaluation {
    evaluate(cat, obs, &[], &[], stage, as_of, &ScoreConfig::default())
}

fn series(code: &str, points: &[(i32, f64)]) -> Vec<Observation> {
    points
        .iter()
        .map(|(y, v)| Observation::total(code, *y, *v))
        .collect()
}

fn indicator<'e>(ev: &'e Evaluation, code: &str) -> &'e IndicatorResult {
    ev.indicator(code)
        .unwrap_or_else(|| panic!("no indicator {code}"))
}

// ── The worked example ──────────────────────────────────────────────────────────────────────────

#[test]
fn worked_example_maternal_mortality_needs_acceleration_at_the_mid_term() {
    // 孕产妇死亡率 18.0/10万 (2020) → 15.0 (2023), target ≤ 12.5 in 2025.
    let cat = builtin();
    let obs = series("maternal_mortality", &[(2020, 18.0), (2023, 15.0)]);
    let ev = run(&cat, &obs, Stage::Midterm, 2023);
    let mmr = indicator(&ev, "maternal_mortality");

    assert_eq!(mmr.status, Status::NeedsAcceleration);
    assert_eq!(mmr.status_zh, "需加快");
    // Actual change −3.0 ÷ required change by 2023 (18 − 3/5 × 5.5 = 14.7, i.e. −3.3) = 0.909.
    let ratio = mmr.progress_ratio.expect("a progress ratio");
    assert!((ratio - 0.91).abs() < 0.005, "{ratio}");
    assert_eq!(mmr.path_value, Some(14.7));
    // Least squares through (2020, 18.0) and (2023, 15.0): −1 a year, 13.0 in 2025.
    assert_eq!(mmr.projected, Some(13.0));
    assert_eq!(mmr.gap, Some(2.5));
    let miss = mmr
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::ProjectedMiss)
        .expect("a projected_miss warning");
    assert!(
        miss.message.contains("预计2025年为 13.0，高于目标 12.5"),
        "{}",
        miss.message
    );
    assert_eq!(
        mmr.explanation,
        "2020年 18.0 → 2023年 15.0，按直线路径2023年应达 14.7，进展比 0.91；按趋势预计2025年 13.0，高于目标 12.5"
    );
}

#[test]
fn worked_example_serialises_to_the_evaluate_json_shape() {
    let cat = builtin();
    let obs = series("maternal_mortality", &[(2020, 18.0), (2023, 15.0)]);
    let json = serde_json::to_value(run(&cat, &obs, Stage::Midterm, 2023)).unwrap();

    assert_eq!(json["stage"], "midterm");
    assert_eq!(json["year"], 2023);
    assert!(json["attainment_rate"].is_number());
    for key in ["indicators", "objectives", "domains", "units"] {
        assert!(json[key].is_array(), "{key}");
    }
    let mmr = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "maternal_mortality")
        .unwrap();
    for key in [
        "code",
        "name",
        "status",
        "status_zh",
        "progress_ratio",
        "projected",
        "gap",
        "latest",
        "target",
        "warnings",
        "explanation",
    ] {
        assert!(mmr.get(key).is_some(), "indicator lacks {key}");
    }
    assert_eq!(mmr["status"], "needs_acceleration");
    assert_eq!(
        mmr["latest"],
        serde_json::json!({"year": 2023, "value": 15.0})
    );
    assert_eq!(mmr["target"]["kind"], "at_most");
    assert_eq!(mmr["target"]["value"], 12.5);
    assert_eq!(mmr["warnings"][0]["code"], "projected_miss");
    assert!(mmr["warnings"][0]["message"].is_string());

    let objective = &json["objectives"][0];
    for key in ["code", "kind", "status", "counts", "explanation"] {
        assert!(objective.get(key).is_some(), "objective lacks {key}");
    }
    let domain = &json["domains"][0];
    for key in ["code", "name", "counts", "monitorable", "attainment_rate"] {
        assert!(domain.get(key).is_some(), "domain lacks {key}");
    }
    assert_eq!(domain["counts"]["needs_acceleration"], 1);
    assert!(json["units"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["code"] == "卫健体局"));
}

// ── Roll-ups ────────────────────────────────────────────────────────────────────────────────────

#[test]
fn attainment_rate_keeps_no_data_indicators_in_the_denominator() {
    let cat = builtin();
    let references = cat
        .indicators()
        .filter(|(_, _, i)| i.target.kind == planeval::catalog::TargetKind::Reference)
        .count();
    let total = cat.indicators().count();
    assert_eq!((total, references), (58, 2));

    let mut obs = series("maternal_mortality", &[(2020, 18.0), (2025, 12.0)]);
    obs.extend(series(
        "life_expectancy_female",
        &[(2020, 77.0), (2025, 78.3)],
    ));
    obs.extend(series("hiv_mtct_rate", &[(2020, 3.0), (2025, 2.52)]));
    let ev = run(&cat, &obs, Stage::Final, 2025);
    assert_eq!(ev.monitorable, 56);
    assert_eq!(ev.counts.get(Status::Achieved), 2);
    // 2.52 against ≤ 2.5: short 0.02, within 5% of the baseline shortfall 0.5 (0.025) → 基本实现.
    assert_eq!(ev.counts.get(Status::BasicallyAchieved), 1);
    assert_eq!(ev.counts.get(Status::NoData), 53);
    assert_eq!(ev.counts.get(Status::NotScored), 2);
    assert_eq!(ev.attained, 3);
    assert_eq!(ev.attainment_rate, Some(0.0536)); // 3 / 56

    let strict = ScoreConfig {
        count_basically_achieved: false,
        ..ScoreConfig::default()
    };
    let ev = evaluate(&cat, &obs, &[], &[], Stage::Final, 2025, &strict);
    assert_eq!(ev.attained, 2);

    let health = ev.domain("health").unwrap();
    assert_eq!(health.attained, 2);
    assert_eq!(health.monitorable, 17);
}

#[test]
fn an_objective_takes_the_weakest_status_of_its_indicators() {
    let cat = builtin();
    // Objective 1.2: maternal mortality and its urban-rural gap.
    let mut obs = series("maternal_mortality", &[(2020, 18.0), (2025, 12.0)]);
    let ev = run(&cat, &obs, Stage::Final, 2025);
    let o = ev.objective("1.2").unwrap();
    assert_eq!(o.status, Status::NoData, "{}", o.explanation);
    assert_eq!(o.counts.get(Status::Achieved), 1);

    let rural = |y, v| Observation {
        area: Area::Rural,
        ..Observation::total("maternal_mortality", y, v)
    };
    let urban = |y, v| Observation {
        area: Area::Urban,
        ..Observation::total("maternal_mortality", y, v)
    };
    obs.extend([
        urban(2020, 10.0),
        rural(2020, 20.0),
        urban(2025, 9.0),
        rural(2025, 22.0),
    ]);
    let ev = run(&cat, &obs, Stage::Final, 2025);
    assert_eq!(
        indicator(&ev, "maternal_mortality_urban_rural_gap").status,
        Status::NotAchieved
    );
    let o = ev.objective("1.2").unwrap();
    assert_eq!(o.status, Status::NotAchieved);
    assert_eq!(
        o.explanation,
        "2 项指标：已实现 1、未实现 1；按短板原则取最弱者：未实现"
    );
}

#[test]
fn qualitative_objectives_take_the_self_assessment_or_the_override() {
    let cat = builtin();
    let assessments = [Assessment {
        objective: "2.1".into(),
        unit: "县妇联".into(),
        year: 2023,
        answer: "部分完成".into(),
        source: "returns/妇联.xlsx!定性目标!D4".into(),
    }];
    let overrides = [Override {
        objective: "2.2".into(),
        year: 2023,
        answer: "已完成".into(),
        reviewer: "评估组 张三".into(),
        at: "2024-02-01T09:30:00+08:00".into(),
        comment: "核实了课程标准修订材料".into(),
    }];
    let ev = evaluate(
        &cat,
        &[],
        &assessments,
        &overrides,
        Stage::Midterm,
        2023,
        &ScoreConfig::default(),
    );
    let o = ev.objective("2.1").unwrap();
    assert_eq!(o.status, Status::NeedsAcceleration);
    assert_eq!(
        o.assessment.as_ref().unwrap().source,
        "returns/妇联.xlsx!定性目标!D4"
    );
    let o = ev.objective("2.2").unwrap();
    assert_eq!(o.status, Status::Met);
    let used = o.override_used.as_ref().unwrap();
    assert_eq!(used.reviewer, "评估组 张三");
    let json = serde_json::to_value(o).unwrap();
    assert_eq!(json["override"]["at"], "2024-02-01T09:30:00+08:00");
    let o = ev.objective("3.1").unwrap();
    assert_eq!(o.status, Status::NoData);
    assert_eq!(o.warnings[0].code, WarningCode::MissingData);
    // Qualitative objectives count among the objectives of their lead unit.
    let unit = ev.unit("妇联").unwrap();
    assert!(unit.objective_counts.get(Status::NeedsAcceleration) >= 1);
}

#[test]
fn observations_after_the_as_of_year_are_not_seen() {
    let cat = builtin();
    let obs = series(
        "maternal_mortality",
        &[(2020, 18.0), (2023, 15.0), (2024, 12.0)],
    );
    let ev = run(&cat, &obs, Stage::Midterm, 2023);
    assert_eq!(
        indicator(&ev, "maternal_mortality").status,
        Status::NeedsAcceleration
    );
    let ev = run(&cat, &obs, Stage::Annual, 2024);
    assert_eq!(indicator(&ev, "maternal_mortality").status, Status::Met);
}

#[test]
fn stage_keys_and_default_years() {
    let cat = builtin();
    assert_eq!(Stage::from_key("midterm"), Some(Stage::Midterm));
    assert_eq!(Stage::Midterm.default_year(&cat.plan), Some(2023));
    assert_eq!(Stage::Final.default_year(&cat.plan), Some(2025));
    assert_eq!(Stage::Annual.default_year(&cat.plan), None);
    assert_eq!(serde_json::to_string(&Stage::Final).unwrap(), "\"final\"");
}

// ── Property tests ──────────────────────────────────────────────────────────────────────────────
//
// A small deterministic generator (SplitMix64) instead of a property-testing crate: the cases are the
// same on every run, and a failure prints the case that broke.

struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [lo, hi), rounded to one decimal as departments report.
    fn value(&mut self, lo: f64, hi: f64) -> f64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((lo + u * (hi - lo)) * 10.0).round() / 10.0
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    AtLeast,
    AtMost,
    Around,
}

/// A one-indicator plan with the given target, read by the real loader.
fn plan_with(target: &str) -> Catalog {
    let src = format!(
        r#"
[plan]
id = "prop"
name = "性质测试"
period_start = 2021
period_end = 2025
baseline_year = 2020
midterm_year = 2023
final_year = 2025

[[units]]
name = "统计局"

[[domains]]
code = "d"
number = 1
name = "领域"
responsible_units = ["统计局"]

[[domains.objectives]]
code = "1.1"
text = "目标。"

[[domains.objectives.indicators]]
code = "x"
name = "指标"
unit = "per_100k"
decimals = 1
target = {target}
lead_unit = "统计局"
disaggregation = ["sex"]
"#
    );
    Catalog::from_str(&src, "prop.toml").expect("property plan loads")
}

/// A random threshold target and a baseline that does not meet it, at least 5 units away.
fn threshold_case(g: &mut Gen) -> (Kind, Catalog, f64, f64) {
    let kind = g.pick(&[Kind::AtLeast, Kind::AtMost, Kind::Around]);
    let target = g.value(20.0, 80.0);
    let gap = g.value(5.0, 15.0);
    let (src, base) = match kind {
        Kind::AtLeast => (
            format!(r#"{{ kind = "at_least", value = {target} }}"#),
            target - gap,
        ),
        Kind::AtMost => (
            format!(r#"{{ kind = "at_most", value = {target} }}"#),
            target + gap,
        ),
        Kind::Around => {
            let side = g.pick(&[-1.0, 1.0]);
            (
                format!(r#"{{ kind = "around", value = {target}, tolerance = 2 }}"#),
                target + side * (gap + 2.0),
            )
        }
    };
    (kind, plan_with(&src), target, base)
}

fn x(ev: &Evaluation) -> &IndicatorResult {
    indicator(ev, "x")
}

#[test]
fn property_a_series_on_the_straight_path_is_on_track_at_every_as_of_year() {
    let mut g = Gen(20_250_101);
    for case in 0..200 {
        let (kind, cat, target, base) = threshold_case(&mut g);
        let path = |y: i32| base + (target - base) * f64::from(y - 2020) / 5.0;
        let obs = series(
            "x",
            &(2020..=2025).map(|y| (y, path(y))).collect::<Vec<_>>(),
        );
        for as_of in 2021..=2025 {
            let stage = if as_of == 2023 {
                Stage::Midterm
            } else {
                Stage::Annual
            };
            let ev = run(&cat, &obs, stage, as_of);
            let r = x(&ev);
            let on_bound = cat.indicator("x").unwrap().target.bound_met(path(as_of)) == Some(true);
            let expected = if on_bound {
                Status::Met
            } else {
                Status::OnTrack
            };
            assert_eq!(
                r.status, expected,
                "case {case} {kind:?} base {base} target {target} as of {as_of}: {}",
                r.explanation
            );
            if !on_bound {
                let ratio = r.progress_ratio.unwrap();
                assert!((ratio - 1.0).abs() < 1e-6, "case {case}: ratio {ratio}");
            }
        }
        // At and before the final year the path reaches the target: met, and achieved at the end.
        assert_eq!(x(&run(&cat, &obs, Stage::Annual, 2025)).status, Status::Met);
        assert_eq!(
            x(&run(&cat, &obs, Stage::Final, 2025)).status,
            Status::Achieved
        );
    }
}

#[test]
fn property_a_series_that_meets_its_target_is_met_whatever_its_path() {
    let mut g = Gen(7);
    for case in 0..300 {
        let (kind, cat, target, _) = threshold_case(&mut g);
        let as_of = g.pick(&[2021, 2022, 2023, 2024, 2025]);
        // Any path, any missing years, any baseline (or none) …
        let mut points: Vec<(i32, f64)> = Vec::new();
        for y in 2020..as_of {
            if !g.next().is_multiple_of(3) {
                points.push((y, g.value(0.0, 100.0)));
            }
        }
        // … ending on a value that meets the target (exactly on the bound one time in four).
        let last = match (kind, g.next() % 4) {
            (Kind::AtLeast, 0) | (Kind::AtMost, 0) => target,
            (Kind::Around, 0) => target + g.pick(&[-2.0, 2.0]),
            (Kind::AtLeast, _) => g.value(target, target + 20.0),
            (Kind::AtMost, _) => g.value(target - 15.0, target),
            (Kind::Around, _) => g.value(target - 2.0, target + 2.0),
        };
        points.push((as_of, last));
        let obs = series("x", &points);
        let stage = if as_of == 2023 {
            Stage::Midterm
        } else {
            Stage::Annual
        };
        let r = x(&run(&cat, &obs, stage, as_of)).clone();
        assert_eq!(
            r.status,
            Status::Met,
            "case {case} {kind:?} {points:?}: {}",
            r.explanation
        );
        assert_eq!(r.gap, Some(0.0));
        if as_of == 2025 {
            let r = x(&run(&cat, &obs, Stage::Final, 2025)).clone();
            assert_eq!(r.status, Status::Achieved, "case {case}: {}", r.explanation);
        }
    }
}

#[test]
fn property_a_maintain_target_held_every_year_is_met_and_achieved() {
    let mut g = Gen(96);
    for case in 0..100 {
        let level = g.value(80.0, 99.0);
        let cat = plan_with(&format!(
            r#"{{ kind = "maintain_at_least", value = {level} }}"#
        ));
        let points: Vec<(i32, f64)> = (2020..=2025)
            .map(|y| {
                let on_the_level = g.next().is_multiple_of(5);
                (
                    y,
                    if on_the_level {
                        level
                    } else {
                        g.value(level, 100.0)
                    },
                )
            })
            .collect();
        let obs = series("x", &points);
        for as_of in 2021..=2025 {
            let r = x(&run(&cat, &obs, Stage::Annual, as_of)).clone();
            assert_eq!(
                r.status,
                Status::Met,
                "case {case} {points:?}: {}",
                r.explanation
            );
            assert!(r
                .warnings
                .iter()
                .all(|w| w.code != WarningCode::MaintainBroken));
        }
        assert_eq!(
            x(&run(&cat, &obs, Stage::Final, 2025)).status,
            Status::Achieved
        );
    }
}

#[test]
fn property_a_series_moving_away_is_regressing() {
    let mut g = Gen(404);
    let direction_kinds = [r#"{ kind = "increase" }"#, r#"{ kind = "decrease" }"#];
    for case in 0..200 {
        // Threshold targets: a baseline short of the target, then every year further away.
        let (kind, cat, target, base) = threshold_case(&mut g);
        let away = match kind {
            Kind::AtLeast => -1.0,
            Kind::AtMost => 1.0,
            Kind::Around => (base - target).signum(),
        };
        let mut points = vec![(2020, base)];
        let mut v = base;
        for y in 2021..=2025 {
            v += away * g.value(0.2, 3.0);
            points.push((y, v));
        }
        let obs = series("x", &points);
        for as_of in 2021..=2025 {
            let stage = if as_of == 2023 {
                Stage::Midterm
            } else {
                Stage::Annual
            };
            let r = x(&run(&cat, &obs, stage, as_of)).clone();
            assert_eq!(
                r.status,
                Status::Regressing,
                "case {case} {kind:?} target {target} {points:?} as of {as_of}: {}",
                r.explanation
            );
            if as_of >= 2022 {
                assert!(
                    r.warnings.iter().any(|w| w.code == WarningCode::MovingAway),
                    "case {case} as of {as_of}: {:?}",
                    r.warnings
                );
            }
        }
        assert_eq!(
            x(&run(&cat, &obs, Stage::Final, 2025)).status,
            Status::NotAchieved
        );

        // Direction targets: every year worse than the one before, beyond the unchanged band.
        let src = g.pick(&direction_kinds);
        let cat = plan_with(src);
        let up = src.contains("increase");
        let base = g.value(30.0, 70.0);
        let mut points = vec![(2020, base)];
        let mut v = base;
        for y in 2021..=2025 {
            v += if up { -1.0 } else { 1.0 } * g.value(1.0, 3.0);
            points.push((y, v));
        }
        let obs = series("x", &points);
        for as_of in 2021..=2025 {
            let r = x(&run(&cat, &obs, Stage::Annual, as_of)).clone();
            assert_eq!(
                r.status,
                Status::Regressing,
                "case {case} {src} {points:?}: {}",
                r.explanation
            );
        }
        assert_eq!(
            x(&run(&cat, &obs, Stage::Final, 2025)).status,
            Status::NotAchieved
        );
    }
}

#[test]
fn property_a_widening_gap_is_regressing_with_a_gap_widened_warning() {
    let mut g = Gen(1_2_3);
    let cat = plan_with(r#"{ kind = "gap_narrows", between = "sex" }"#);
    for case in 0..100 {
        let male = g.value(40.0, 60.0);
        let mut gap = g.value(2.0, 10.0);
        let mut obs = Vec::new();
        for y in 2020..=2025 {
            obs.push(Observation {
                sex: Sex::Male,
                ..Observation::total("x", y, male)
            });
            obs.push(Observation {
                sex: Sex::Female,
                ..Observation::total("x", y, male - gap)
            });
            gap += g.value(0.5, 2.0);
        }
        for as_of in 2021..=2025 {
            let r = x(&run(&cat, &obs, Stage::Annual, as_of)).clone();
            assert_eq!(
                r.status,
                Status::Regressing,
                "case {case}: {}",
                r.explanation
            );
            assert!(r.warnings.iter().any(|w| w.code == WarningCode::GapWidened));
        }
    }
}

// ── The method document keeps up with the code ──────────────────────────────────────────────────

#[test]
fn method_doc_names_every_status_warning_and_setting() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/METHOD.md"))
        .expect("docs/METHOD.md");
    for s in Status::ALL {
        let row = format!("| `{}` | {} |", s.code(), s.label_zh());
        assert!(doc.contains(&row), "METHOD.md lacks the status row {row}");
    }
    for w in WarningCode::ALL {
        let row = format!("| `{}` | {} |", w.code(), w.label_zh());
        assert!(doc.contains(&row), "METHOD.md lacks the warning row {row}");
    }
    let cfg = serde_json::to_value(ScoreConfig::default()).unwrap();
    for (field, value) in cfg.as_object().unwrap() {
        let row = format!("| `{field}` | {value} |");
        assert!(doc.contains(&row), "METHOD.md lacks the setting row {row}");
    }
}
