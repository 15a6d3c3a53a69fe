//! The yearly cycle as its users live it: a wrong year refused, another year's file left out and not
//! blamed, templates that carry last year's numbers, a first scheduled run that works, job output a
//! program reads line by line. Each test names the defect it pins.

use crate::common::{json, planeval, temp_dir, Typed};
use planeval::template::layout::Field;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/returns")
        .join(name)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// #18.1: `--year 24` and `--year 2042` used to be accepted by `check` and `ingest` (and every file then
/// charged with R209); now they are refused up front, as `template` and `evaluate` refuse them.
#[test]
fn a_year_outside_the_plan_is_refused_up_front() {
    let dir = temp_dir("cycle-bad-year");
    let store = dir.join("store");
    let ret = fixture("clean-卫健体局-2023.xlsx");
    for year in ["24", "2042"] {
        let out = planeval(&["check", s(&ret), "--year", year]);
        assert_eq!(out.status.code(), Some(2), "check --year {year}");
        assert!(stderr(&out).contains("2021–2025"), "{}", stderr(&out));
        let out = planeval(&["ingest", s(&ret), "--store", s(&store), "--year", year]);
        assert_eq!(out.status.code(), Some(2), "ingest --year {year}");
        assert!(!store.join("manifest.json").exists(), "nothing stored");
    }
}

/// #18.1: last year's file in this year's inbox used to be stored, with an R209 error at the hidden
/// `_planeval!B5` that stayed outstanding forever. Now it is not stored (reported as another year's,
/// no error), and `--other-years ingest` stores it under its own year without any error.
#[test]
fn another_years_file_is_left_out_and_not_blamed() {
    let dir = temp_dir("cycle-other-year");
    let store = dir.join("store");
    let wrong = fixture("wrong-year-民政局-2023.xlsx");
    let clean = fixture("clean-卫健体局-2023.xlsx");
    let out = planeval(&[
        "ingest",
        s(&wrong),
        s(&clean),
        "--store",
        s(&store),
        "--year",
        "2023",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let files = report["files"].as_array().unwrap();
    let other = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().contains("wrong-year"))
        .unwrap();
    assert_eq!(other["status"], "other_year");
    assert_eq!(other["year"], 2022);
    assert_eq!(other["errors"], 0);
    assert_eq!(other["diagnostics"][0]["code"], "R209");
    assert_eq!(other["diagnostics"][0]["location"]["kind"], "file");
    assert_eq!(report["summary"]["other_year"], 1);
    assert_eq!(report["summary"]["ingested"], 1);

    // Nothing of the file in the store: no values, no quarantined error, and so nothing outstanding.
    let panel = planeval(&["panel", "--store", s(&store), "--json"]);
    let rows: Value = json(&panel);
    let rows = rows.as_array().expect("panel rows");
    assert!(rows.iter().all(|r| r["reporting_unit"] != "民政局"));
    let status = planeval(&["status", "--store", s(&store), "--year", "2023", "--json"]);
    assert!(!stdout(&status).contains("R209"));

    // Asked explicitly: stored as 2022, still without an error.
    let out = planeval(&[
        "ingest",
        s(&wrong),
        "--store",
        s(&store),
        "--year",
        "2023",
        "--other-years",
        "ingest",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["files"][0]["status"], "ingested");
    assert_eq!(report["files"][0]["year"], 2022);
    let panel = json(&planeval(&[
        "panel", "--store", s(&store), "--year", "2022", "--json",
    ]));
    let rows = panel.as_array().unwrap();
    assert!(rows
        .iter()
        .any(|r| r["reporting_unit"] == "民政局" && r["year"] == 2022));
    let eval = planeval(&[
        "evaluate", "--stage", "annual", "--year", "2022", "--store", s(&store), "--json",
    ]);
    assert_eq!(eval.status.code(), Some(0), "no outstanding error: {}", stderr(&eval));
}

/// #18.3: `init` → `run` on an empty inbox used to fail ("run ingest first"); now it is `nothing_new`,
/// exit 0, with a valid empty store that every reader accepts; `ingest` of an empty folder says so.
#[test]
fn the_first_scheduled_run_on_an_empty_inbox_works() {
    let dir = temp_dir("cycle-first-run");
    let job = dir.join("job");
    assert!(planeval(&["init", s(&job), "--year", "2024"]).status.success());
    let cfg = job.join("job.toml");
    let toml = std::fs::read_to_string(&cfg).unwrap();
    assert!(
        toml.contains("planeval template --baseline"),
        "job.toml says where the baseline comes from"
    );
    let out = planeval(&["run", "--config", s(&cfg), "--json", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = json(&out);
    assert_eq!(line["outcome"], "nothing_new");
    assert!(job.join("store/manifest.json").is_file());
    let status = planeval(&["status", "--store", s(&job.join("store")), "--year", "2024"]);
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));

    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let store = dir.join("store2");
    let out = planeval(&["ingest", s(&empty), "--store", s(&store)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("没有找到报表文件"), "{}", stdout(&out));
    assert!(store.join("manifest.json").is_file());
}

/// #18.3: a run that evaluates a store without any baseline warns once, and the run log says so.
#[test]
fn a_run_without_a_baseline_warns_once() {
    let dir = temp_dir("cycle-no-baseline");
    let job = dir.join("job");
    assert!(planeval(&["init", s(&job), "--year", "2023"]).status.success());
    std::fs::copy(
        fixture("clean-卫健体局-2023.xlsx"),
        job.join("inbox/clean-卫健体局-2023.xlsx"),
    )
    .unwrap();
    let cfg = job.join("job.toml");
    let out = planeval(&["run", "--config", s(&cfg), "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out).matches("没有基期数据").count(), 1, "{}", stderr(&out));
    let log = std::fs::read_to_string(job.join("logs/run.jsonl")).unwrap();
    let last: Value = serde_json::from_str(log.lines().last().unwrap()).unwrap();
    assert_eq!(last["no_baseline"], true);
}

/// #18.8: `run --json` used to print pretty JSON over many lines, so `>> logs/cron.json` was no JSON
/// Lines file; paths depended on the folder cron started in. Now: one line per run, paths relative to
/// the job folder (given absolute as `job_dir`), and another year's file is listed apart.
#[test]
fn run_json_is_one_line_per_run_with_paths_relative_to_the_job() {
    let dir = temp_dir("cycle-jsonl");
    let job = dir.join("job");
    assert!(planeval(&["init", s(&job), "--year", "2023"]).status.success());
    for f in ["clean-卫健体局-2023.xlsx", "wrong-year-民政局-2023.xlsx"] {
        std::fs::copy(fixture(f), job.join("inbox").join(f)).unwrap();
    }
    let cfg = job.join("job.toml");
    let mut lines = Vec::new();
    for _ in 0..2 {
        let out = planeval(&["run", "--config", s(&cfg), "--json", "--quiet"]);
        assert!(out.status.code().unwrap() <= 1, "{}", stderr(&out));
        let printed = stdout(&out);
        assert_eq!(printed.trim_end().lines().count(), 1, "{printed}");
        lines.push(serde_json::from_str::<Value>(printed.trim_end()).unwrap());
    }
    let first = &lines[0];
    assert_eq!(first["files_new"][0], "inbox/clean-卫健体局-2023.xlsx");
    assert_eq!(
        first["files_other_year"][0],
        "inbox/wrong-year-民政局-2023.xlsx"
    );
    assert_eq!(first["store"], "store");
    assert!(first["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o.as_str().unwrap().starts_with("outputs/")));
    assert!(Path::new(first["job_dir"].as_str().unwrap()).is_absolute());
    // The second run: the other year's file is still reported, nothing else is new.
    assert_eq!(lines[1]["outcome"], "nothing_new");
    assert_eq!(
        lines[1]["files_other_year"][0],
        "inbox/wrong-year-民政局-2023.xlsx"
    );
}


/// #18.2: README promised baseline and last year's value on the data sheet, but `template` could not
/// read the store and left both empty, so the jump check (R211) never fired in the real cycle. Now
/// `template --store` prints them (the area's current values, the lead unit's report), and a return
/// filled from such a template is checked against last year.
#[test]
fn templates_carry_baseline_and_last_years_value_from_the_store() {
    let dir = temp_dir("cycle-template-store");
    let demo = dir.join("demo");
    let out = planeval(&["demo", "--out", s(&demo), "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let store = demo.join("store");
    let tpl = dir.join("templates");
    let out = planeval(&[
        "template", "--year", "2024", "--unit", "卫健体局", "--store", s(&store), "--out", s(&tpl),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));

    // What the store holds for 古县's maternal mortality in 2020 and 2023.
    let panel = json(&planeval(&["panel", "--store", s(&store), "--json"]));
    let value_of = |year: i64| {
        panel
            .as_array()
            .unwrap()
            .iter()
            .find(|r| {
                r["indicator"] == "maternal_mortality"
                    && r["year"] == year
                    && r["sex"] == "total"
                    && r["area"] == "total"
                    && r["field"] == "value"
            })
            .and_then(|r| r["value"].as_f64())
            .unwrap_or_else(|| panic!("no {year} value"))
    };
    let path = tpl.join("填报-卫健体局-2024.xlsx");
    let sheets = crate::common::read_all(&path);
    let map = crate::common::template_map(&sheets);
    let cells = &sheets.iter().find(|(n, _)| *n == map.data_sheet).unwrap().1;
    let row = map.rows["maternal_mortality"];
    let at = |f: Field| cells.get(&(row, map.columns[&f])).map(crate::common::text);
    assert_eq!(at(Field::Baseline), Some(value_of(2020).to_string()));
    assert_eq!(at(Field::LastYear), Some(value_of(2023).to_string()));

    // A value three times last year's in the returned template: R211 at its cell.
    let returned = dir.join("填报-卫健体局-2024.xlsx");
    crate::common::fill_template(
        &path,
        &returned,
        &[("maternal_mortality", Field::Value, Typed::Num(value_of(2023) * 3.0))],
    );
    let report = json(&planeval(&["check", s(&returned), "--year", "2024", "--json"]));
    let cell = planeval::intake::read::cell_name(row, map.columns[&Field::Value]);
    assert!(report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "R211" && d["location"]["cell"] == cell));
}

/// The cells of one sheet of a workbook, by name.
fn sheet_cells(
    sheets: &[(String, std::collections::BTreeMap<(u32, u32), calamine::Data>)],
    name: &str,
) -> std::collections::BTreeMap<(u32, u32), String> {
    sheets
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
        .iter()
        .map(|(k, d)| (*k, crate::common::text(d)))
        .collect()
}

/// Header text → column of the header row `row`.
fn header_columns(
    cells: &std::collections::BTreeMap<(u32, u32), String>,
    row: u32,
) -> std::collections::BTreeMap<String, u32> {
    cells
        .iter()
        .filter(|((r, _), _)| *r == row)
        .map(|((_, c), t)| (t.clone(), *c))
        .collect()
}

/// #18.4: the workbook did not answer "what is behind, why, who": 预警清单 listed warnings only (an
/// indicator behind without a warning was missing, a met one with a projection warning was listed),
/// 指标明细 was in plan order, and its 预警 column showed English codes in a Chinese workbook. Now a
/// 滞后目标 sheet lists every main objective not on course with the indicators behind it, the reason
/// and the lead unit; 预警清单 holds every shortfall and only the warnings that concern a met
/// indicator; 指标明细 is by domain, then worst first; the 预警 column speaks Chinese.
#[test]
fn the_evaluation_workbook_says_what_is_behind_why_and_who() {
    let dir = temp_dir("cycle-behind");
    let demo = dir.join("demo");
    assert!(planeval(&["demo", "--out", s(&demo), "--quiet"]).status.success());
    let store = demo.join("store");
    let ev = json(&planeval(&[
        "evaluate", "--stage", "midterm", "--store", s(&store), "--json",
    ]));
    let behind = |st: &str| {
        ["needs_acceleration", "slow_progress", "regressing", "not_achieved"].contains(&st)
    };
    let book = demo.join("outputs/中期评估-2023/中期评估-2023.xlsx");
    let sheets = crate::common::read_all(&book);
    assert_eq!(sheets[1].0, "滞后目标", "second sheet, right after 总览");

    // 滞后目标: exactly the objectives behind, each with its behind indicators and a lead unit.
    let b = sheet_cells(&sheets, "滞后目标");
    let bc = header_columns(&b, 1);
    let listed: Vec<String> = b
        .iter()
        .filter(|((r, c), _)| *r > 1 && *c == bc["目标编码"])
        .map(|(_, t)| t.clone())
        .collect();
    let expected: Vec<&Value> = ev["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| behind(o["status"].as_str().unwrap()))
        .collect();
    assert_eq!(listed.len(), expected.len());
    for o in &expected {
        let code = o["code"].as_str().unwrap();
        let row = b
            .iter()
            .find(|((r, c), t)| *r > 1 && *c == bc["目标编码"] && t.as_str() == code)
            .map(|((r, _), _)| *r)
            .unwrap_or_else(|| panic!("objective {code} not listed"));
        assert_eq!(b[&(row, bc["状态"])], o["status_zh"].as_str().unwrap());
        assert!(!b[&(row, bc["牵头单位"])].is_empty(), "{code}: who");
        assert!(!b[&(row, bc["说明"])].is_empty(), "{code}: why");
        for ind in ev["indicators"].as_array().unwrap().iter().filter(|i| {
            o["indicators"].as_array().unwrap().contains(&i["code"])
                && behind(i["status"].as_str().unwrap())
        }) {
            assert!(
                b.get(&(row, bc["滞后的指标"]))
                    .is_some_and(|t| t.contains(ind["name"].as_str().unwrap())),
                "{code}: {}",
                ind["name"]
            );
        }
    }

    // 预警清单: (indicator name, type) pairs.
    let w = sheet_cells(&sheets, "预警清单");
    let wc = header_columns(&w, 1);
    let pairs: Vec<(String, String)> = w
        .keys()
        .filter(|(r, c)| *r > 1 && *c == 0)
        .map(|(r, _)| {
            (
                w.get(&(*r, wc["指标或目标"])).cloned().unwrap_or_default(),
                w.get(&(*r, wc["预警类型"])).cloned().unwrap_or_default(),
            )
        })
        .collect();
    let mut checked_behind = 0;
    let mut checked_met = 0;
    for i in ev["indicators"].as_array().unwrap() {
        let name = i["name"].as_str().unwrap().to_string();
        let warnings = i["warnings"].as_array().unwrap();
        if behind(i["status"].as_str().unwrap()) && warnings.is_empty() {
            assert!(pairs.contains(&(name.clone(), "进展滞后".into())), "{name}");
            checked_behind += 1;
        }
        if i["status"] == "met" {
            for wn in warnings {
                let label = match wn["code"].as_str().unwrap() {
                    "projected_miss" => "按趋势预计难以按期实现目标",
                    "fluctuation" => "波动较大",
                    _ => continue,
                };
                assert!(!pairs.contains(&(name.clone(), label.into())), "{name}: {label}");
                checked_met += 1;
            }
        }
    }
    assert!(checked_behind > 0 && checked_met > 0, "the demo has both cases");

    // 指标明细: by domain in plan order, worst status first within a domain; Chinese warning labels.
    let d = sheet_cells(&sheets, "指标明细");
    let dc = header_columns(&d, 1);
    let rank = |label: &str| {
        ["反向变化", "进展缓慢", "需加快", "无数据", "进展顺利", "已达标", "不单独评价"]
            .iter()
            .position(|l| *l == label)
            .unwrap_or_else(|| panic!("status {label}"))
    };
    let rows: Vec<(String, usize)> = d
        .keys()
        .filter(|(r, c)| *r > 1 && *c == dc["状态"])
        .map(|(r, _)| (d[&(*r, dc["领域"])].clone(), rank(&d[&(*r, dc["状态"])])))
        .collect();
    for pair in rows.windows(2) {
        if pair[0].0 == pair[1].0 {
            assert!(pair[0].1 <= pair[1].1, "{pair:?}");
        }
    }
    for ((r, c), t) in &d {
        if *r > 1 && *c == dc["预警"] {
            assert!(!t.chars().any(|ch| ch == '_'), "an English code: {t}");
        }
    }
}

/// The `<row>` elements of a worksheet's XML: row number (1-based) → its height, when set.
fn row_heights(xml: &str) -> std::collections::BTreeMap<u32, f64> {
    let mut out = std::collections::BTreeMap::new();
    for part in xml.split("<row ").skip(1) {
        let tag = &part[..part.find('>').unwrap_or(part.len())];
        let attr = |name: &str| {
            tag.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .map(str::to_string)
        };
        if let (Some(r), Some(ht)) = (attr("r"), attr("ht")) {
            out.insert(r.parse().unwrap(), ht.parse().unwrap());
        }
    }
    out
}

/// #18.5: feedback workbooks relied on Excel's autofit: in LibreOffice and WPS the wrapped rows of 问题清单
/// stayed one line high and cut the text; the department's own sheet came back without the template's
/// header style and fills; the code column showed English names; and a rejected total was followed by
/// R216 "合计为空". Now: computed row heights, the header row styled and tall, input cells yellow, the
/// code with its Chinese summary.
#[test]
fn feedback_workbooks_read_well_outside_excel() {
    let dir = temp_dir("cycle-feedback");
    let fb = dir.join("fb");
    let out = planeval(&[
        "check",
        s(&fixture("rule-violations-人社局-2023.xlsx")),
        "--year",
        "2023",
        "--out",
        s(&fb),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let book = fb.join("反馈-rule-violations-人社局-2023.xlsx");
    let sheets = crate::common::read_all(&book);
    let issues = sheet_cells(&sheets, "问题清单");
    let ic = header_columns(&issues, 4);
    let codes: Vec<&String> = issues
        .iter()
        .filter(|((r, c), _)| *r > 4 && *c == ic["代码"])
        .map(|(_, t)| t)
        .collect();
    assert!(codes.contains(&&"R202 同一指标重复填报".to_string()), "{codes:?}");
    assert!(codes.iter().all(|c| !c.contains("duplicate-row")));

    // 问题清单: every row whose message wraps has a height of more than one line (16 pt).
    let xml = crate::common::zip_part(&book, "xl/worksheets/sheet1.xml").unwrap();
    let heights = row_heights(&xml);
    let message_col = ic["问题说明"];
    let long_rows: Vec<u32> = issues
        .iter()
        .filter(|((r, c), t)| *r > 4 && *c == message_col && planeval::style::display_width(t) > 62)
        .map(|((r, _), _)| *r + 1)
        .collect();
    assert!(!long_rows.is_empty(), "the fixture has long messages");
    for r in long_rows {
        assert!(heights.get(&r).is_some_and(|h| *h > 20.0), "row {r}: {heights:?}");
    }

    // Their own sheet: the header row (row 3) is two lines high; the template's colours are there.
    let data_xml = crate::common::zip_part(&book, "xl/worksheets/sheet2.xml").unwrap();
    assert!(row_heights(&data_xml).get(&3).is_some_and(|h| *h > 30.0));
    let styles = crate::common::zip_part(&book, "xl/styles.xml").unwrap();
    for fill in ["FFD9E1F2", "FFFFF2CC", "FFFFC7CE"] {
        assert!(styles.contains(fill), "no fill {fill}");
    }
}

/// #18.6: a conclusion outside the options (E001) used to vanish from the rewritten workbook, so the
/// reviewer had to find and type the whole review again; `run` never said it recorded reviews. Now the
/// typed conclusion comes back red with a note, beside its comment, reviewer and date, and stays until
/// corrected in place; `run` prints what it recorded and logs `reviews_recorded`.
#[test]
fn a_review_that_cannot_be_used_stays_in_the_workbook_and_run_says_what_it_recorded() {
    use crate::evaluate::{copy_dir, demo_store, edit_workbook};
    let dir = temp_dir("cycle-reviews");
    let job = dir.join("job");
    assert!(planeval(&["init", s(&job), "--year", "2023"]).status.success());
    copy_dir(demo_store(), &job.join("store"));
    let cfg = job.join("job.toml");
    let toml = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("stages = [\"annual\"]", "stages = [\"midterm\"]");
    std::fs::write(&cfg, toml).unwrap();
    let first = planeval(&["run", "--config", s(&cfg)]);
    assert!(first.status.code().unwrap() <= 1, "{}", stderr(&first));
    let book = job.join("outputs/中期评估-2023/中期评估-2023.xlsx");

    let sheets = crate::common::read_all(&book);
    let q = sheet_cells(&sheets, "定性目标");
    let qc = header_columns(&q, 1);
    let row_of = |q: &std::collections::BTreeMap<(u32, u32), String>, code: &str| {
        q.iter()
            .find(|((r, c), t)| *r > 1 && *c == qc["目标编码"] && t.as_str() == code)
            .map(|((r, _), _)| *r)
            .unwrap()
    };
    let row = row_of(&q, "7.3");
    edit_workbook(
        &book,
        &[
            ("定性目标", row, qc["评估组审核结论"], "完成了"),
            ("定性目标", row, qc["审核意见"], "已核实培训台账"),
            ("定性目标", row, qc["审核人"], "王评估"),
        ],
    );
    let stage_dir = job.join("outputs/中期评估-2023");
    let store_dir = job.join("store");
    let evaluate_again = [
        "evaluate",
        "--stage",
        "midterm",
        "--store",
        s(&store_dir),
        "--out",
        s(&stage_dir),
    ];
    for i in 0..2 {
        // Twice (run, then evaluate): the typed text survives every rewrite until it is corrected.
        let out = if i == 0 {
            planeval(&["run", "--config", s(&cfg)])
        } else {
            planeval(&evaluate_again)
        };
        assert_eq!(out.status.code(), Some(1), "E001 is a finding");
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert!(said.contains("E001"), "{said}");
        let sheets = crate::common::read_all(&book);
        let q = sheet_cells(&sheets, "定性目标");
        let row = row_of(&q, "7.3");
        assert_eq!(q[&(row, qc["评估组审核结论"])], "完成了");
        assert_eq!(q[&(row, qc["审核意见"])], "已核实培训台账");
        assert_eq!(q[&(row, qc["审核人"])], "王评估");
        let notes = crate::common::zip_parts(&book, "xl/comments");
        assert!(notes.contains("不是规定选项"), "a note says why");
    }

    // Corrected in place: recorded, and run says so.
    let sheets = crate::common::read_all(&book);
    let q = sheet_cells(&sheets, "定性目标");
    let row = row_of(&q, "7.3");
    edit_workbook(&book, &[("定性目标", row, qc["评估组审核结论"], "已完成")]);
    let out = planeval(&["run", "--config", s(&cfg)]);
    assert!(out.status.code().unwrap() <= 1, "{}", stderr(&out));
    assert!(stdout(&out).contains("审核结论"), "{}", stdout(&out));
    let log = std::fs::read_to_string(job.join("logs/run.jsonl")).unwrap();
    let last: Value = serde_json::from_str(log.lines().last().unwrap()).unwrap();
    assert_eq!(last["reviews_recorded"], 1, "{last}");
    let recorded: Value =
        serde_json::from_slice(&std::fs::read(job.join("store/overrides.json")).unwrap()).unwrap();
    assert!(recorded["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["objective"] == "7.3" && o["reviewer"] == "王评估"));
}
