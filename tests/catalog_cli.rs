//! `planeval catalog`: the built-in plan is complete and faithful to the plan's text, filters work, and a
//! broken plan file yields every problem with its line and exit code 2.


use crate::common::{json, planeval};
use serde_json::Value;
use std::collections::BTreeMap;

fn plan_text() -> String {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/plan-text-gu-county-women-2021-2025.txt"
    );
    std::fs::read_to_string(p).expect("plan text fixture")
}

/// The plan text with line breaks and page-break blank lines removed, as objective texts span pages.
fn plan_text_joined() -> String {
    plan_text().lines().map(str::trim).collect()
}

fn indicators(cat: &Value) -> Vec<(Value, Value)> {
    let mut out = Vec::new();
    for d in cat["domains"].as_array().unwrap() {
        for o in d["objectives"].as_array().unwrap() {
            for i in o["indicators"].as_array().unwrap() {
                out.push((o.clone(), i.clone()));
            }
        }
    }
    out
}

#[test]
fn json_lists_8_domains_and_65_objectives_numbered_and_verbatim() {
    let out = planeval(&["catalog", "--json"]);
    assert!(out.status.success());
    let cat = json(&out);
    assert_eq!(cat["plan"]["document"], "古政发〔2023〕10号");
    assert_eq!(cat["plan"]["period_start"], 2021);
    assert_eq!(cat["plan"]["period_end"], 2025);
    assert_eq!(cat["plan"]["baseline_year"], 2020);
    assert_eq!(cat["plan"]["midterm_year"], 2023);
    assert_eq!(cat["plan"]["final_year"], 2025);

    let domains = cat["domains"].as_array().unwrap();
    let names: Vec<&str> = domains
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "妇女与健康",
            "妇女与教育",
            "妇女与经济",
            "妇女参与决策和管理",
            "妇女与社会保障",
            "妇女与家庭建设",
            "妇女与环境",
            "妇女与法律"
        ]
    );
    let counts: Vec<usize> = domains
        .iter()
        .map(|d| d["objectives"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, [10, 8, 9, 6, 8, 7, 9, 8]);
    assert_eq!(counts.iter().sum::<usize>(), 65);

    let text = plan_text_joined();
    for (di, d) in domains.iter().enumerate() {
        for (oi, o) in d["objectives"].as_array().unwrap().iter().enumerate() {
            assert_eq!(o["code"], format!("{}.{}", di + 1, oi + 1));
            let t = o["text"].as_str().unwrap();
            // Numbered as in the plan and quoted verbatim: "N. text" occurs in the plan.
            assert!(
                text.contains(&format!("{}.{t}", oi + 1))
                    || text.contains(&format!("{}. {t}", oi + 1)),
                "objective {} is not verbatim: {t}",
                o["code"]
            );
            let kind = o["kind"].as_str().unwrap();
            let n = o["indicators"].as_array().unwrap().len();
            assert_eq!(
                kind == "quantitative",
                n > 0,
                "objective {} kind {kind} with {n} indicators",
                o["code"]
            );
            if kind == "qualitative" {
                assert!(
                    o["lead_unit"].is_string(),
                    "qualitative objective {} has a lead unit",
                    o["code"]
                );
            }
        }
    }
}

/// Every quantified target of the plan, as the plan words it: (indicator, kind, value, tolerance).
const QUANTIFIED: &[(&str, &str, f64)] = &[
    ("life_expectancy_female", "at_least", 78.1),
    ("maternal_mortality", "at_most", 12.5),
    ("hiv_mtct_rate", "at_most", 2.5),
    ("sports_population_share_female", "at_least", 50.0),
    ("physical_fitness_pass_rate_female", "at_least", 90.0),
    ("primary_net_enrolment_girls", "maintain_at_least", 99.95),
    (
        "junior_secondary_net_enrolment_girls",
        "maintain_at_least",
        99.95,
    ),
    ("senior_secondary_gross_enrolment", "at_least", 95.0),
    ("skills_training_participation_female", "at_least", 80.0),
    ("schooling_years_working_age_female", "at_least", 11.6),
    ("female_share_employed", "around", 45.0),
    ("female_share_urban_unit_employed", "around", 40.0),
    ("female_share_village_committees", "around", 30.0),
    ("female_share_residents_committees", "around", 50.0),
    (
        "medical_insurance_coverage_female",
        "maintain_at_least",
        95.0,
    ),
    ("pension_insurance_coverage_female", "at_least", 95.0),
    ("rural_tap_water_coverage", "maintain_at_least", 96.0),
    ("rural_sanitary_toilet_coverage", "around", 85.0),
];

#[test]
fn every_quantified_target_matches_the_plans_wording() {
    let cat = json(&planeval(&["catalog", "--json"]));
    let by_code: BTreeMap<String, (Value, Value)> = indicators(&cat)
        .into_iter()
        .map(|(o, i)| (i["code"].as_str().unwrap().to_string(), (o, i)))
        .collect();
    for (code, kind, value) in QUANTIFIED {
        let (o, i) = by_code
            .get(*code)
            .unwrap_or_else(|| panic!("indicator {code} missing"));
        let t = &i["target"];
        assert_eq!(t["kind"], *kind, "{code}");
        assert_eq!(t["value"].as_f64(), Some(*value), "{code}");
        assert_eq!(
            t["inclusive"], true,
            "{code}: 以上/以下/以内 include the bound"
        );
        if *kind == "around" {
            assert!(
                t["tolerance"].as_f64().unwrap() > 0.0,
                "{code}: 左右 has an explicit tolerance"
            );
        }
        // The wording the target was read from is the plan's own, in this objective.
        let wording: String = t["wording"].as_str().unwrap().split_whitespace().collect();
        let objective: String = o["text"].as_str().unwrap().split_whitespace().collect();
        assert!(
            objective.contains(&wording),
            "{code}: wording {wording} not in {objective}"
        );
    }
    // The units the issue names.
    assert_eq!(by_code["maternal_mortality"].1["unit"], "per_100k");
    assert_eq!(
        by_code["female_share_village_committees"].1["unit"],
        "percent"
    );

    // No quantified target left out: every number an objective states (other than years and the
    // "/10 万" of a rate) is the target value of one of its indicators.
    let quantified: BTreeMap<&str, f64> = QUANTIFIED.iter().map(|(c, _, v)| (*c, *v)).collect();
    for d in cat["domains"].as_array().unwrap() {
        for o in d["objectives"].as_array().unwrap() {
            let text = o["text"].as_str().unwrap();
            let values: Vec<f64> = o["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|i| i["target"]["value"].as_f64())
                .collect();
            for n in numbers_in(text) {
                assert!(
                    values.contains(&n),
                    "objective {}: {n} has no target ({text})",
                    o["code"]
                );
            }
            for i in o["indicators"].as_array().unwrap() {
                if let Some(v) = i["target"]["value"].as_f64() {
                    assert_eq!(
                        quantified.get(i["code"].as_str().unwrap()),
                        Some(&v),
                        "{} is quantified but not in the list",
                        i["code"]
                    );
                }
            }
        }
    }
}

/// Numbers stated in an objective's text, without years and without the denominator of "/10 万".
fn numbers_in(text: &str) -> Vec<f64> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            let v: f64 = s.parse().unwrap();
            let after_slash = start > 0 && chars[start - 1] == '/';
            let is_year = chars.get(i) == Some(&'年') && v >= 1900.0;
            if !after_slash && !is_year {
                out.push(v);
            }
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn named_indicators_are_split_and_unnumbered_ones_get_direction_targets() {
    let cat = json(&planeval(&["catalog", "--json"]));
    let by_code: BTreeMap<String, Value> = indicators(&cat)
        .into_iter()
        .map(|(_, i)| (i["code"].as_str().unwrap().to_string(), i))
        .collect();
    let kind = |c: &str| {
        by_code.get(c).unwrap_or_else(|| panic!("{c} missing"))["target"]["kind"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Split where one objective names several.
    for c in [
        "cervical_cancer_screening_rate",
        "breast_cancer_screening_rate",
        "female_share_peoples_congress_deputies",
        "female_share_cppcc_members",
        "female_share_village_committees",
        "female_share_residents_committees",
        "sports_population_share_female",
        "physical_fitness_pass_rate_female",
    ] {
        assert!(by_code.contains_key(c), "{c}");
    }
    assert_eq!(kind("cervical_cancer_screening_rate"), "increase");
    assert_eq!(kind("healthy_life_expectancy_female"), "increase");
    assert_eq!(kind("maternal_anemia_prevalence"), "decrease");
    assert_eq!(kind("anxiety_prevalence_female"), "growth_slows");
    assert_eq!(kind("maternal_mortality_urban_rural_gap"), "gap_narrows");
    assert_eq!(kind("housework_time_gender_gap"), "gap_narrows");
    assert_eq!(kind("female_share_party_congress_delegates"), "not_below");
    assert_eq!(
        by_code["female_share_party_congress_delegates"]["target"]["other"],
        "female_share_party_members"
    );
    assert_eq!(kind("female_share_workers_congress"), "matches");
    assert_eq!(kind("air_quality_good_days_share"), "external");
    assert_eq!(
        by_code["air_quality_good_days_share"]["direction"],
        "increase"
    );
    // 城乡差距: the base indicator is reported by area.
    assert_eq!(
        by_code["maternal_mortality"]["disaggregation"],
        serde_json::json!(["area"])
    );
    assert_eq!(by_code["maternal_mortality"]["lead_unit"], "卫健体局");
    // Every lead unit is one of the plan's units.
    let units: Vec<String> = cat["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_string())
        .collect();
    for i in by_code.values() {
        assert!(
            units.contains(&i["lead_unit"].as_str().unwrap().to_string()),
            "{}",
            i["code"]
        );
    }
}

#[test]
fn builtin_plan_checks_clean() {
    let out = planeval(&["catalog", "--check", "--json"]);
    let report = json(&out);
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{report:#}");
    assert!(out.status.success());
}

#[test]
fn unit_filter_accepts_aliases_and_keeps_only_that_units_work() {
    let out = planeval(&["catalog", "--unit", "县妇联", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cat = json(&out);
    let mut n = 0;
    for d in cat["domains"].as_array().unwrap() {
        for o in d["objectives"].as_array().unwrap() {
            n += 1;
            let involved = |v: &Value| {
                v["lead_unit"] == "妇联"
                    || v["cooperating_units"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|u| u == "妇联"))
            };
            let inds = o["indicators"].as_array().unwrap();
            assert!(
                involved(o) || inds.iter().any(involved),
                "objective {} does not involve 妇联",
                o["code"]
            );
            assert!(inds.iter().all(involved));
        }
    }
    assert!(n > 5 && n < 65, "{n} objectives");

    let out = planeval(&["catalog", "--unit", "不存在的局"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("不存在的局") && err.contains("卫健体局"),
        "{err}"
    );
}

#[test]
fn table_shows_targets_and_lead_units() {
    let out = planeval(&["catalog"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("maternal_mortality "))
        .expect("maternal mortality row");
    assert!(
        line.contains("孕产妇死亡率") && line.contains("≤ 12.5") && line.contains("卫健体局"),
        "{line}"
    );
    let line = text
        .lines()
        .find(|l| l.contains("female_share_village_committees"))
        .unwrap();
    assert!(line.contains("30 ± 2"), "{line}");
    assert!(text.contains("8 个领域，65 项主要目标"), "{text}");
}

#[test]
fn broken_plan_reports_every_problem_with_its_line_and_exits_2() {
    let out = planeval(&[
        "catalog",
        "--check",
        "fixtures/plans/broken-plan.toml",
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let found: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("P003", 39), // duplicate indicator code
        ("P002", 49), // unknown target kind
        ("P008", 56), // 120% is impossible
        ("P007", 57), // lead unit not in the unit list
        ("P004", 63), // relational target names an unknown indicator
        ("P005", 67), // missing measurement unit
        ("P011", 76), // at_least where the plan says 以下
        ("P010", 78), // a misspelt key
        ("P013", 81), // qualitative objective without a lead unit
    ];
    for (code, line) in expected {
        assert!(
            found.contains(&(code.to_string(), line)),
            "missing {code} at line {line}; found {found:?}"
        );
    }
    assert_eq!(
        found.len(),
        expected.len(),
        "unexpected extra diagnostics: {found:?}"
    );
    for d in report["diagnostics"].as_array().unwrap() {
        assert!(
            !d["message"].as_str().unwrap().is_empty() && !d["hint"].as_str().unwrap().is_empty()
        );
        assert_eq!(d["location"]["file"], "fixtures/plans/broken-plan.toml");
    }

    // The human form names file:line:column and the code.
    let out = planeval(&["catalog", "--check", "fixtures/plans/broken-plan.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("fixtures/plans/broken-plan.toml:49:"),
        "{text}"
    );
    assert!(
        text.contains("错误[P002]") && text.contains("go_up"),
        "{text}"
    );

    // Loading the broken plan for real refuses it, also with exit code 2.
    let out = planeval(&["--plan", "fixtures/plans/broken-plan.toml", "catalog"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("catalog --check"));
}

#[test]
fn syntax_error_and_unreadable_files_are_diagnostics_not_panics() {
    let out = planeval(&[
        "catalog",
        "--check",
        "fixtures/plans/syntax-error-plan.toml",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let report = json(&out);
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "P001");
    assert_eq!(d["location"]["line"], 5);

    for path in [
        "fixtures/plans/does-not-exist.toml",
        "fixtures/plan-text-gu-county-women-2021-2025.txt",
        "Cargo.lock",
    ] {
        let out = planeval(&["catalog", "--check", path, "--json"]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        let report = json(&out);
        assert!(report["errors"].as_u64().unwrap() >= 1, "{path}: {report}");
    }
}
