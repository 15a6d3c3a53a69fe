//! Areas as a key and rollups over them, end to end on real workbooks: templates generated for three
//! counties of 临汾市 (`template --org`), filled as the health bureau fills them, ingested into one
//! prefecture store; the prefecture evaluated from its counties, a county evaluated out of the
//! prefecture store, the refusal of a store of several areas without `--area`, and the areas file and
//! the plan's aggregation keys checked.

use crate::common::{fill_template, json, planeval, read_all, temp_dir, text, Typed};
use planeval::template::layout::Field;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const THREE: &str = "fixtures/areas/three-counties.csv";
const THREE_NO_WEIGHTS: &str = "fixtures/areas/three-counties-no-weights.csv";
const LINFEN: &str = "fixtures/areas/linfen.csv";

/// What a county's health bureau reports for a year.
pub(crate) struct Report {
    pub(crate) county: &'static str,
    pub(crate) year: i32,
    pub(crate) deaths: f64,
    pub(crate) births: f64,
    pub(crate) life_expectancy: f64,
    pub(crate) exercising_women: f64,
}

pub(crate) const REPORTS_2023: [Report; 3] = [
    Report {
        county: "古县",
        year: 2023,
        deaths: 1.0,
        births: 5000.0,
        life_expectancy: 78.0,
        exercising_women: 1200.0,
    },
    Report {
        county: "安泽县",
        year: 2023,
        deaths: 0.0,
        births: 3000.0,
        life_expectancy: 80.0,
        exercising_women: 900.0,
    },
    Report {
        county: "浮山县",
        year: 2023,
        deaths: 2.0,
        births: 8000.0,
        life_expectancy: 79.0,
        exercising_women: 1500.0,
    },
];

/// 古县's 2022 return, for a series of more than one year.
const GU_2022: Report = Report {
    county: "古县",
    year: 2022,
    deaths: 1.0,
    births: 4000.0,
    life_expectancy: 77.8,
    exercising_women: 1100.0,
};

/// The county's 卫健体局 return: a template generated with its 单位（地区）, filled in.
pub(crate) fn county_return(dir: &Path, r: &Report) -> PathBuf {
    let tpl = dir.join(format!("模板-{}-{}", r.county, r.year));
    let out = planeval(&[
        "template",
        "--year",
        &r.year.to_string(),
        "--unit",
        "卫健体局",
        "--org",
        r.county,
        "--out",
        s(&tpl),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let returned = dir.join(format!("{}-卫健体局-{}.xlsx", r.county, r.year));
    use Typed::Num;
    fill_template(
        &tpl.join(format!("填报-卫健体局-{}.xlsx", r.year)),
        &returned,
        &[
            (
                "maternal_mortality",
                Field::Value,
                Num(r.deaths / r.births * 100_000.0),
            ),
            ("maternal_mortality", Field::Numerator, Num(r.deaths)),
            ("maternal_mortality", Field::Denominator, Num(r.births)),
            (
                "life_expectancy_female",
                Field::Value,
                Num(r.life_expectancy),
            ),
            (
                "women_regular_exercise",
                Field::Value,
                Num(r.exercising_women),
            ),
        ],
    );
    returned
}

/// The baseline (2020) of the given counties, one sheet with a 单位（地区） column.
fn baseline(dir: &Path, counties: &[&str]) -> PathBuf {
    let mut text = String::from("单位（地区）,指标编码,年份,项目,数值\n");
    for (county, deaths, births, life) in [
        ("古县", 3.0, 10000.0, 77.0),
        ("安泽县", 2.0, 7000.0, 79.0),
        ("浮山县", 3.0, 12000.0, 78.5),
    ] {
        if !counties.contains(&county) {
            continue;
        }
        let rate = deaths / births * 100_000.0;
        text.push_str(&format!(
            "{county},maternal_mortality,2020,数值,{rate}\n{county},maternal_mortality,2020,分子,{deaths}\n\
             {county},maternal_mortality,2020,分母,{births}\n{county},life_expectancy_female,2020,数值,{life}\n"
        ));
    }
    let path = dir.join(format!("基期-{}.csv", counties.join("-")));
    std::fs::write(&path, text).unwrap();
    path
}

fn ingest(store: &Path, files: &[PathBuf], baseline: Option<&Path>) {
    let mut args = vec!["ingest".to_string(), "--store".into(), s(store).into()];
    args.extend(files.iter().map(|p| s(p).to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = planeval(&args);
    // Exit 1: the other required indicators of the bureau were left empty (R210); the values typed
    // are stored all the same.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if let Some(b) = baseline {
        let out = planeval(&["ingest", "--store", s(store), "--baseline", s(b)]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A prefecture store with the 2023 returns of `counties` (and 古县's 2022 return) and their baselines.
fn prefecture_store(name: &str, counties: &[&str]) -> PathBuf {
    let dir = temp_dir(name);
    let mut files = vec![county_return(&dir, &GU_2022)];
    for r in REPORTS_2023.iter().filter(|r| counties.contains(&r.county)) {
        files.push(county_return(&dir, r));
    }
    let store = dir.join("市监测数据库");
    ingest(&store, &files, Some(&baseline(&dir, counties)));
    store
}

fn evaluate_json(areas: &str, store: &Path, area: Option<&str>) -> Value {
    let mut args = vec![
        "--areas",
        areas,
        "evaluate",
        "--stage",
        "annual",
        "--year",
        "2023",
        "--store",
        s(store),
        "--json",
    ];
    if let Some(a) = area {
        args.extend(["--area", a]);
    }
    let out = planeval(&args);
    // Exit 1: the health bureau left required indicators empty (R210, open data errors of 2023).
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut ev = json(&out);
    ev["exit_code"] = out.status.code().unwrap_or(-1).into();
    ev
}

fn indicator<'v>(ev: &'v Value, code: &str) -> &'v Value {
    ev["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no indicator {code}"))
}

/// The area's value origin of an indicator's 2023 total.
fn origin<'v>(ev: &'v Value, code: &str, year: i64) -> &'v Value {
    ev["area"]["values"]
        .as_array()
        .unwrap_or_else(|| panic!("no area.values: {}", ev["area"]))
        .iter()
        .find(|o| {
            o["indicator"] == code
                && o["year"] == year
                && o["sex"] == "total"
                && o["area"] == "total"
        })
        .unwrap_or_else(|| panic!("no origin of {code} {year}"))
}

fn close(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 1e-6)
}

#[test]
fn a_prefecture_s_rate_is_pooled_from_its_counties_and_life_expectancy_needs_weights() {
    let store = prefecture_store("areas-pooled", &["古县", "安泽县", "浮山县"]);
    let ev = evaluate_json(THREE, &store, Some("临汾市"));
    assert_eq!(ev["area"]["name"], "临汾市");
    assert_eq!(ev["area"]["code"], "141000");
    assert_eq!(ev["area"]["level"], "prefecture");
    assert_eq!(ev["area"]["coverage"]["areas_reported"], 3);
    assert_eq!(ev["area"]["coverage"]["areas_expected"], 3);

    // Maternal mortality: 3 deaths in 16,000 live births, not the mean of 20, 0 and 25.
    let pooled = 3.0 / 16000.0 * 100_000.0;
    let mean_of_rates = (20.0 + 0.0 + 25.0) / 3.0;
    let mm = origin(&ev, "maternal_mortality", 2023);
    assert_eq!(mm["source"], "rollup");
    assert_eq!(mm["method"], "ratio");
    assert!(close(&mm["value"], pooled), "{mm}");
    assert!(!close(&mm["value"], mean_of_rates));
    assert!(close(&mm["coverage"]["weight_share"], 1.0), "{mm}");
    let scored = indicator(&ev, "maternal_mortality");
    assert_eq!(scored["latest"]["year"], 2023);
    assert!(close(&scored["latest"]["value"], pooled), "{scored}");
    // The baseline is pooled the same way: 8 deaths in 29,000 births.
    assert!(
        close(&scored["baseline"]["value"], 8.0 / 29000.0 * 100_000.0)
            || close(&scored["baseline"], 8.0 / 29000.0 * 100_000.0),
        "{}",
        scored["baseline"]
    );

    // Counts are summed.
    let ex = origin(&ev, "women_regular_exercise", 2023);
    assert_eq!(ex["source"], "rollup");
    assert!(close(&ex["value"], 3600.0), "{ex}");

    // Life expectancy, weighted by 女性人口 (40%, 30%, 30%).
    let le = origin(&ev, "life_expectancy_female", 2023);
    assert_eq!(le["source"], "rollup");
    assert!(
        close(&le["value"], 0.4 * 78.0 + 0.3 * 80.0 + 0.3 * 79.0),
        "{le}"
    );

    // Without weights it is neither summed nor averaged: shown per area, not rolled up.
    let ev = evaluate_json(THREE_NO_WEIGHTS, &store, Some("141000"));
    let le = origin(&ev, "life_expectancy_female", 2023);
    assert_eq!(le["source"], "not_rolled_up");
    assert!(le["value"].is_null());
    assert!(
        le["explanation"].as_str().unwrap().contains("女性人口"),
        "{le}"
    );
    let scored = indicator(&ev, "life_expectancy_female");
    assert!(scored["latest"].is_null(), "{scored}");
    assert_eq!(scored["status"], "no_data");
    // The rate is pooled all the same; coverage is the share of areas.
    let mm = origin(&ev, "maternal_mortality", 2023);
    assert!(close(&mm["value"], pooled));
    assert!(mm["coverage"]["weight_share"].is_null());
}

#[test]
fn a_county_missing_from_the_year_lowers_coverage_and_the_rollup_is_withheld_with_the_reason() {
    let store = prefecture_store("areas-missing", &["古县", "安泽县"]);
    let ev = evaluate_json(THREE, &store, Some("临汾市"));
    let cov = &ev["area"]["coverage"];
    assert_eq!(
        (
            cov["areas_reported"].as_u64(),
            cov["areas_expected"].as_u64()
        ),
        (Some(2), Some(3))
    );
    assert_eq!(cov["missing"], serde_json::json!(["浮山县"]));
    assert!(close(&cov["weight_share"], 0.7), "{cov}");

    let mm = origin(&ev, "maternal_mortality", 2023);
    assert_eq!(mm["source"], "withheld");
    assert!(mm["value"].is_null());
    assert!(close(&mm["coverage"]["weight_share"], 0.7));
    let why = mm["explanation"].as_str().unwrap();
    assert!(
        why.contains("覆盖率") && why.contains("浮山县") && why.contains("70.0%"),
        "{why}"
    );
    let scored = indicator(&ev, "maternal_mortality");
    assert!(scored["latest"].is_null(), "withheld, not scored: {scored}");

    // With every county of 临汾市 in the areas file, two of seventeen is far from enough.
    let ev = evaluate_json(LINFEN, &store, Some("临汾市"));
    let mm = origin(&ev, "maternal_mortality", 2023);
    assert_eq!(mm["source"], "withheld");
    assert_eq!(mm["coverage"]["areas_expected"], 17);
    assert_eq!(mm["coverage"]["areas_reported"], 2);

    // The workbook says it too: the 汇总说明 sheet and summary.json.
    let out_dir = store.parent().unwrap().join("市评估");
    let out = planeval(&[
        "--areas",
        THREE,
        "evaluate",
        "--stage",
        "annual",
        "--year",
        "2023",
        "--store",
        s(&store),
        "--area",
        "临汾市",
        "--out",
        s(&out_dir),
    ]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("地区：临汾市 141000"), "{stdout}");
    assert!(stdout.contains("无数据：浮山县"), "{stdout}");
    let sheets = read_all(&out_dir.join("年度监测-2023.xlsx"));
    let (_, notes) = sheets
        .iter()
        .find(|(n, _)| n == "汇总说明")
        .expect("a 汇总说明 sheet");
    let row = notes
        .iter()
        .find(|((r, c), d)| {
            *c == 0
                && text(d) == "孕产妇死亡率"
                && notes.get(&(*r, 1)).map(text).as_deref() == Some("2023")
                && notes.get(&(*r, 2)).map(text).as_deref() == Some("合计")
        })
        .map(|((r, _), _)| *r)
        .expect("a row for 孕产妇死亡率 2023");
    assert_eq!(text(&notes[&(row, 4)]), "未汇总");
    assert_eq!(text(&notes[&(row, 6)]), "2/3");
    assert!(text(&notes[&(row, 8)]).contains("覆盖率不足"));
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["area"]["code"], "141000");
    assert_eq!(summary["area"]["level"], "prefecture");
    assert_eq!(summary["area"]["coverage"]["areas_reported"], 2);
    assert!(
        summary["area"]["values"].is_null(),
        "the per-value list is in --json only"
    );
    assert!(summary["area"]["sources"]["withheld"].as_u64().unwrap() >= 1);
    let report = std::fs::read_to_string(out_dir.join("report.md")).unwrap();
    assert!(report.contains("> 地区：临汾市 141000"), "{report}");
    assert!(report.contains("无数据：浮山县"), "{report}");
}

#[test]
fn a_county_out_of_the_prefecture_store_is_exactly_its_own_store() {
    let store = prefecture_store("areas-equal", &["古县", "安泽县", "浮山县"]);
    let dir = store.parent().unwrap();
    let county_store = dir.join("古县监测数据库");
    let gu: Vec<PathBuf> = [GU_2022, REPORTS_2023[0].clone_report()]
        .iter()
        .map(|r| dir.join(format!("{}-卫健体局-{}.xlsx", r.county, r.year)))
        .collect();
    ingest(&county_store, &gu, Some(&baseline(dir, &["古县"])));

    let from_prefecture = evaluate_json(THREE, &store, Some("古县"));
    let own = evaluate_json(THREE, &county_store, None);
    let by_code = |ev: &Value| -> Vec<(Value, Value, Value, Value, Value)> {
        ev["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["code"].clone(),
                    i["status"].clone(),
                    i["latest"].clone(),
                    i["warnings"].clone(),
                    i["explanation"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(by_code(&from_prefecture), by_code(&own));
    for key in [
        "attainment_rate",
        "counts",
        "objective_counts",
        "warning_counts",
        "objectives",
        "exit_code",
    ] {
        assert_eq!(from_prefecture[key], own[key], "{key}");
    }
    assert_eq!(from_prefecture["area"]["code"], "141025");
    assert_eq!(own["area"]["code"], "141025");
    // Not vacuous: 古县 has a series of its own, and it is not the prefecture's.
    let mm = indicator(&own, "maternal_mortality");
    assert!(close(&mm["latest"]["value"], 20.0), "{mm}");
    let prefecture = evaluate_json(THREE, &store, Some("临汾市"));
    assert!(!close(
        &indicator(&prefecture, "maternal_mortality")["latest"]["value"],
        20.0
    ));

    // The terminal summaries read the same numbers of files and values.
    let summary = |store: &Path, area: Option<&str>| {
        let mut args = vec![
            "--areas",
            THREE,
            "evaluate",
            "--stage",
            "annual",
            "--year",
            "2023",
            "--store",
            s(store),
        ];
        if let Some(a) = area {
            args.extend(["--area", a]);
        }
        let out = planeval(&args);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.contains("读取"))
            .map(|l| l.split("；").nth(1).unwrap_or("").to_string())
            .unwrap()
    };
    assert_eq!(
        summary(&store, Some("141025")),
        summary(&county_store, None)
    );
}

#[test]
fn a_store_of_several_areas_is_refused_without_area_and_panel_and_history_show_the_area() {
    let store = prefecture_store("areas-refused", &["古县", "安泽县", "浮山县"]);
    for args in [
        vec!["evaluate", "--stage", "midterm", "--store", s(&store)],
        vec!["status", "--store", s(&store), "--year", "2023"],
        vec!["panel", "--store", s(&store)],
        vec![
            "history",
            "--store",
            s(&store),
            "--indicator",
            "maternal_mortality",
        ],
    ] {
        let mut all = vec!["--areas", THREE];
        all.extend(args.iter().copied());
        let out = planeval(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        for area in [
            "古县（141025）",
            "安泽县（141026）",
            "浮山县（141027）",
            "--area",
        ] {
            assert!(err.contains(area), "{args:?}: {err}");
        }
        assert!(out.stdout.is_empty(), "nothing mixed is printed: {args:?}");
    }

    // panel --area of the prefecture: every county's rows, each with its area.
    let out = planeval(&[
        "--areas",
        THREE,
        "panel",
        "--store",
        s(&store),
        "--area",
        "临汾市",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let rows = json(&out);
    let orgs: std::collections::BTreeSet<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["org"].as_str().unwrap())
        .collect();
    assert_eq!(orgs.len(), 3, "{orgs:?}");

    // The wide export of one county: its values only, its area in the 单位（地区） column.
    let xlsx = store.parent().unwrap().join("安泽县面板.xlsx");
    let out = planeval(&[
        "--areas",
        THREE,
        "panel",
        "--store",
        s(&store),
        "--area",
        "安泽县",
        "--wide",
        "--export",
        s(&xlsx),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sheets = read_all(&xlsx);
    let cells = &sheets[0].1;
    let header: Vec<String> = (0..20)
        .filter_map(|c| cells.get(&(0, c)).map(text))
        .collect();
    let org_col = header.iter().position(|h| h == "单位（地区）").unwrap() as u32;
    let y2023 = header.iter().position(|h| h == "2023年").unwrap() as u32;
    let row = cells
        .iter()
        .find(|((r, c), d)| {
            *c == 0
                && text(d) == "maternal_mortality"
                && cells.get(&(*r, 3)).map(text).as_deref() == Some("合计")
        })
        .map(|((r, _), _)| *r)
        .unwrap();
    assert_eq!(text(&cells[&(row, org_col)]), "安泽县");
    assert_eq!(cells[&(row, y2023)], calamine::Data::Float(0.0));
    assert!(cells
        .iter()
        .filter(|((_, c), _)| *c == org_col)
        .skip(1)
        .all(|(_, d)| text(d) == "安泽县"));

    // history of one county names it.
    let out = planeval(&[
        "--areas",
        THREE,
        "history",
        "--store",
        s(&store),
        "--area",
        "浮山县",
        "--indicator",
        "maternal_mortality",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let h = json(&out);
    let values = h["values"].as_array().unwrap();
    assert!(!values.is_empty());
    assert!(values.iter().all(|v| v["org"] == "浮山县"), "{h}");

    // status of the prefecture: one row per county.
    let out = planeval(&[
        "--areas",
        THREE,
        "status",
        "--store",
        s(&store),
        "--area",
        "临汾市",
        "--year",
        "2023",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let st = json(&out);
    let names: Vec<&str> = st["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["area"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["古县", "安泽县", "浮山县"]);
    assert!(st["areas"][1]["units_returned"].as_u64().unwrap() >= 1);
}

#[test]
fn an_area_the_areas_file_does_not_know_is_reported_never_rolled_up() {
    let dir = temp_dir("areas-unknown");
    let mut files: Vec<PathBuf> = REPORTS_2023
        .iter()
        .map(|r| county_return(&dir, r))
        .collect();
    let stray = Report {
        county: "某开发区",
        ..REPORTS_2023[2].clone_report()
    };
    files.push(county_return(&dir, &stray));
    let store = dir.join("store");
    ingest(&store, &files, None);

    let out = planeval(&["--areas", THREE, "areas", "--store", s(&store), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let listed = json(&out);
    let unknown: Vec<&Value> = listed["store"]["areas"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["code"].is_null())
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0]["name"], "某开发区");

    // Without --area the store's areas are listed, the unknown one said so, in the run's language.
    for (lang, known, stray) in [
        ("zh", "古县（141025）", "某开发区（地区表中没有）"),
        ("en", "古县 (141025)", "某开发区 (not in the areas file)"),
    ] {
        let args = [
            "--lang",
            lang,
            "--areas",
            THREE,
            "status",
            "--store",
            s(&store),
            "--year",
            "2023",
        ];
        let out = planeval(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(known) && err.contains(stray), "{lang}: {err}");
    }

    let out = planeval(&[
        "--areas",
        THREE,
        "evaluate",
        "--stage",
        "annual",
        "--year",
        "2023",
        "--store",
        s(&store),
        "--area",
        "临汾市",
        "--json",
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("A010") && err.contains("某开发区"), "{err}");
    let ev = json(&out);
    assert_eq!(ev["area"]["unknown_areas"][0], "某开发区（地区表中没有）");
    // Its deaths and births are not in the prefecture's rate.
    assert!(close(
        &origin(&ev, "maternal_mortality", 2023)["value"],
        3.0 / 16000.0 * 100_000.0
    ));
    // It can be evaluated on its own, by its name.
    let alone = evaluate_json(THREE, &store, Some("某开发区"));
    assert!(close(
        &indicator(&alone, "maternal_mortality")["latest"]["value"],
        25.0
    ));
    assert!(alone["area"]["code"].is_null());
}

#[test]
fn a_broken_areas_file_and_wrong_aggregation_keys_are_reported_with_their_lines() {
    let out = planeval(&["--areas", "fixtures/areas/broken.csv", "areas"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "fixtures/areas/broken.csv:2:3: [A005]",
        "fixtures/areas/broken.csv:3:4: [A006]",
        "fixtures/areas/broken.csv:5:1: [A004]",
    ] {
        assert!(err.contains(want), "{want} in {err}");
    }

    let out = planeval(&[
        "catalog",
        "--check",
        "fixtures/plans/bad-aggregation-plan.toml",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
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
    assert_eq!(
        found,
        [
            ("P015".to_string(), 14), // min_weight_share = 90
            ("P019".to_string(), 36), // life expectancy summed
            ("P019".to_string(), 44), // weighted mean without a weight
            ("P019".to_string(), 52), // a ratio without numerator and denominator
            ("P019".to_string(), 60), // an unknown method
        ]
    );
}

impl Report {
    fn clone_report(&self) -> Report {
        Report {
            county: self.county,
            year: self.year,
            deaths: self.deaths,
            births: self.births,
            life_expectancy: self.life_expectancy,
            exercising_women: self.exercising_women,
        }
    }
}

#[test]
fn a_prefecture_s_scheduled_job_evaluates_its_org_from_its_areas_file() {
    let dir = temp_dir("areas-job");
    let job = dir.join("临汾市监测");
    assert!(planeval(&["init", s(&job), "--year", "2023"])
        .status
        .success());
    for r in &REPORTS_2023 {
        let f = county_return(&dir, r);
        std::fs::copy(&f, job.join("inbox").join(f.file_name().unwrap())).unwrap();
    }
    std::fs::copy(THREE, job.join("临汾市地区表.csv")).unwrap();
    let cfg = job.join("job.toml");
    let toml = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("org = \"古县\"", "org = \"临汾市\"")
        .replace("areas = \"builtin\"", "areas = \"临汾市地区表.csv\"");
    std::fs::write(&cfg, toml).unwrap();
    let out = planeval(&["run", "--config", s(&cfg), "--json", "--quiet"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(
        &std::fs::read(job.join("outputs/年度监测-2023/summary.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(summary["area"]["code"], "141000");
    assert_eq!(
        summary["area"]["areas_file"],
        s(&job.join("临汾市地区表.csv"))
    );
    assert_eq!(summary["area"]["coverage"]["areas_reported"], 3);
    assert!(summary["area"]["sources"]["rollup"].as_u64().unwrap() >= 3);
}
