//! The monitoring store end to end: `ingest` of generated templates filled as departments fill them,
//! re-ingest as a no-op, corrections that supersede and keep history, kills at every commit point,
//! a second writer refused, Parquet read back with plain polars, baseline sheets, exports and status.


use crate::common::{fill_template, json, planeval, read_all, temp_dir, text, Typed};
use planeval::template::layout::Field;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const UNIT: &str = "妇联";
/// The indicator 妇联 leads (minutes per day) and one it cooperates on (percent, by area).
const LEAD: &str = "housework_time_gender_gap";
const COOP: &str = "health_literacy_female";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// 妇联's 2023 template in `dir`, filled with `fills`, saved as `dir/name`.
fn filled_return(
    dir: &Path,
    name: &str,
    fills: &[(&str, Field, Typed)],
) -> (PathBuf, std::collections::BTreeMap<(String, Field), String>) {
    let tpl = dir.join("templates").join(format!("填报-{UNIT}-2023.xlsx"));
    if !tpl.exists() {
        let out = planeval(&[
            "template",
            "--year",
            "2023",
            "--unit",
            UNIT,
            "--out",
            s(&dir.join("templates")),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let path = dir.join("returns").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let cells = fill_template(&tpl, &path, fills);
    (path, cells)
}

fn first_return(dir: &Path) -> PathBuf {
    filled_return(
        dir,
        "妇联-2023.xlsx",
        &[
            (LEAD, Field::Value, Typed::Num(60.0)),
            (COOP, Field::Value, Typed::Num(30.5)),
        ],
    )
    .0
}

fn corrected_return(dir: &Path) -> PathBuf {
    filled_return(
        dir,
        "妇联-2023-更正.xlsx",
        &[
            (LEAD, Field::Value, Typed::Num(55.0)),
            (COOP, Field::Value, Typed::Num(30.5)),
        ],
    )
    .0
}

fn ingest(store: &Path, inputs: &[&Path]) -> std::process::Output {
    let mut args = vec!["ingest", "--store", s(store), "--json"];
    args.extend(inputs.iter().map(|p| s(p)));
    planeval(&args)
}

/// Everything a reader can see of a store: the manifest as written, and every row of every revision.
fn state(store: &Path) -> (String, Value) {
    let manifest = std::fs::read_to_string(store.join("manifest.json")).unwrap();
    let out = planeval(&["panel", "--store", s(store), "--all-revisions", "--json"]);
    assert!(
        out.status.success(),
        "the store loads: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (manifest, json(&out))
}

/// Every file under a folder, relative, sorted.
fn files_under(dir: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

fn current_value(store: &Path, indicator: &str) -> Option<f64> {
    let out = planeval(&[
        "panel",
        "--store",
        s(store),
        "--indicator",
        indicator,
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["sex"] == "total" && r["area"] == "total" && r["field"] == "value")
        .and_then(|r| r["value"].as_f64())
}

#[test]
fn ingesting_the_same_file_twice_changes_nothing() {
    let dir = temp_dir("store-twice");
    let store = dir.join("store");
    let file = first_return(&dir);
    let out = ingest(&store, &[&file]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = json(&out);
    assert_eq!(first["files"][0]["status"], "ingested");
    assert_eq!(first["files"][0]["added"]["added"], 2);
    let before = (state(&store), files_under(&store));

    // The same bytes again, and under another name: both are recognised by their SHA-256.
    let copy = dir.join("returns").join("妇联-2023（再次发送）.xlsx");
    std::fs::copy(&file, &copy).unwrap();
    let out = ingest(&store, &[&file, &copy]);
    assert_eq!(out.status.code(), Some(0));
    let again = json(&out);
    for f in again["files"].as_array().unwrap() {
        assert_eq!(f["status"], "already_ingested", "{f}");
        assert_eq!(f["revision"], 1, "says which revision had it");
    }
    assert_eq!(
        (state(&store), files_under(&store)),
        before,
        "manifest, parts and rows identical"
    );

    let text_out = planeval(&["ingest", "--store", s(&store), s(&file)]);
    assert!(
        String::from_utf8_lossy(&text_out.stdout).contains("修订号 1"),
        "the text output names the revision"
    );
}

#[test]
fn a_resubmission_supersedes_and_history_shows_every_value_with_its_cell() {
    let dir = temp_dir("store-resubmit");
    let store = dir.join("store");
    // First a return with a value that cannot be read, then a clean one, then a correction.
    let (bad, bad_cells) = filled_return(
        &dir,
        "妇联-2023-初稿.xlsx",
        &[(LEAD, Field::Value, Typed::Text("约一小时"))],
    );
    let (first, first_cells) = filled_return(
        &dir,
        "妇联-2023.xlsx",
        &[
            (LEAD, Field::Value, Typed::Num(60.0)),
            (COOP, Field::Value, Typed::Num(30.5)),
        ],
    );
    let second = corrected_return(&dir);
    assert_eq!(
        ingest(&store, &[&bad]).status.code(),
        Some(1),
        "the unreadable value is a data error"
    );
    assert_eq!(ingest(&store, &[&first]).status.code(), Some(0));
    let out = ingest(&store, &[&second]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    let added = &report["files"][0]["added"];
    assert_eq!(added["revision"], 3);
    assert_eq!(added["superseded"].as_array().unwrap().len(), 1);
    assert_eq!(added["superseded"][0]["old_value"], 60.0);
    assert_eq!(added["superseded"][0]["new_value"], 55.0);
    assert_eq!(
        added["unchanged"], 1,
        "the cooperating indicator was restated unchanged"
    );

    assert_eq!(
        current_value(&store, LEAD),
        Some(55.0),
        "panel shows the corrected value"
    );

    let out = planeval(&[
        "history",
        "--store",
        s(&store),
        "--indicator",
        LEAD,
        "--year",
        "2023",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let h = json(&out);
    let values = h["values"].as_array().unwrap();
    assert_eq!(values.len(), 2, "{h:#}");
    let cell = first_cells[&(LEAD.to_string(), Field::Value)].clone();
    assert_eq!(
        (values[0]["value"].as_f64(), values[0]["status"].as_str()),
        (Some(60.0), Some("superseded"))
    );
    assert_eq!(
        (values[0]["file"].as_str(), values[0]["cell"].as_str()),
        (Some("妇联-2023.xlsx"), Some(cell.as_str()))
    );
    assert_eq!(values[0]["sheet"], "指标填报");
    assert_eq!(values[0]["revision"], 2);
    assert_eq!(
        (values[1]["value"].as_f64(), values[1]["status"].as_str()),
        (Some(55.0), Some("current"))
    );
    assert_eq!(values[1]["file"], "妇联-2023-更正.xlsx");
    assert_eq!(values[1]["revision"], 3);
    for v in values {
        assert!(
            v["ingested_at"].as_str().unwrap().starts_with("20"),
            "an RFC 3339 time: {v}"
        );
        assert_eq!(v["sha256"].as_str().unwrap().len(), 64);
    }
    // The rejected first draft is traceable to its cell and raw text.
    let rejected = h["rejected"].as_array().unwrap();
    let v101 = rejected
        .iter()
        .find(|q| q["code"] == "V101")
        .expect("quarantined cell in history");
    assert_eq!(v101["raw"], "约一小时");
    assert_eq!(v101["file"], "妇联-2023-初稿.xlsx");
    assert_eq!(
        v101["cell"].as_str(),
        Some(bad_cells[&(LEAD.to_string(), Field::Value)].as_str())
    );
    assert_eq!(v101["revision"], 1);

    let text_out = planeval(&["history", "--store", s(&store), "--indicator", LEAD]);
    let t = String::from_utf8_lossy(&text_out.stdout);
    assert!(
        t.contains("已更正")
            && t.contains("当前")
            && t.contains(&format!("妇联-2023.xlsx!指标填报!{cell}")),
        "{t}"
    );
}

fn spawn_paused(store: &Path, file: &Path, point: &str, marker: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_planeval"))
        .args(["ingest", "--store", s(store), s(file)])
        .env("PLANEVAL_TEST_PAUSE_AT", point)
        .env("PLANEVAL_TEST_PAUSE_MARKER", marker)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn planeval")
}

fn wait_for_marker(child: &mut Child, marker: &Path) {
    let start = Instant::now();
    while !marker.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest ended ({status}) before reaching the pause point");
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "ingest never reached the pause point"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn killing_ingest_at_any_point_leaves_a_whole_store() {
    let dir = temp_dir("store-kill");
    let a = first_return(&dir);
    let b = corrected_return(&dir);
    for point in ["after-parts", "before-manifest", "after-manifest"] {
        let store = dir.join(format!("store-{point}"));
        assert_eq!(ingest(&store, &[&a]).status.code(), Some(0));
        let before = state(&store);
        let before_files = files_under(&store);

        let marker = dir.join(format!("reached-{point}"));
        let mut child = spawn_paused(&store, &b, point, &marker);
        wait_for_marker(&mut child, &marker);
        child.kill().unwrap(); // SIGKILL: no destructor runs, the lock stays behind
        child.wait().unwrap();
        assert!(
            store.join("store.lock").exists(),
            "{point}: the killed writer's lock is left"
        );

        let after_kill = state(&store);
        if point == "after-manifest" {
            assert_ne!(
                after_kill.0, before.0,
                "the manifest was switched: the run is complete"
            );
            assert_eq!(current_value(&store, LEAD), Some(55.0));
        } else {
            assert_eq!(
                after_kill, before,
                "{point}: readers see exactly the state before"
            );
            assert_eq!(current_value(&store, LEAD), Some(60.0));
        }
        if point == "before-manifest" {
            let stray: Vec<_> = files_under(&store)
                .difference(&before_files)
                .cloned()
                .collect();
            assert!(
                stray.iter().any(|f| f.starts_with("panel/year=2023/part-")),
                "an unlisted part is in place: {stray:?}"
            );
        }

        // The next writer takes over the stale lock, tidies, and works.
        let out = planeval(&["ingest", "--store", s(&store), "--json", s(&b)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{point}: {stderr}");
        assert!(
            stderr.contains("已不存在的进程"),
            "{point}: warns about the stale lock: {stderr}"
        );
        let report = json(&out);
        assert_eq!(report["took_over_lock"]["pid"], child.id(), "{point}");
        if point == "after-manifest" {
            assert_eq!(report["files"][0]["status"], "already_ingested");
        } else {
            assert_eq!(report["files"][0]["status"], "ingested");
            assert!(
                !report["tidied"].as_array().unwrap().is_empty(),
                "{point}: leftovers removed"
            );
        }
        assert!(!store.join("store.lock").exists());
        assert!(!store.join(".staging").exists());
        assert_eq!(current_value(&store, LEAD), Some(55.0));
        // Only listed parts are on disk again.
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(store.join("manifest.json")).unwrap())
                .unwrap();
        let listed: BTreeSet<String> = manifest["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["path"].as_str().unwrap().to_string())
            .collect();
        let on_disk: BTreeSet<String> = files_under(&store)
            .into_iter()
            .filter(|f| f.ends_with(".parquet"))
            .collect();
        assert_eq!(on_disk, listed, "{point}");
    }
}

#[test]
fn a_second_concurrent_ingest_is_refused_with_exit_3() {
    let dir = temp_dir("store-concurrent");
    let store = dir.join("store");
    let a = first_return(&dir);
    let b = corrected_return(&dir);
    let marker = dir.join("holding");
    let mut holder = spawn_paused(&store, &a, "after-parts", &marker);
    wait_for_marker(&mut holder, &marker);

    let out = planeval(&["ingest", "--store", s(&store), s(&b)]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!("进程 {}", holder.id())),
        "names the holder: {stderr}"
    );
    assert!(stderr.contains("自 20"), "says since when: {stderr}");
    assert!(
        !store.join("manifest.json").exists(),
        "the refused writer wrote nothing"
    );
}

#[test]
fn parquet_parts_read_back_with_plain_polars() {
    use polars::prelude::*;
    let dir = temp_dir("store-polars");
    let store = dir.join("store");
    assert_eq!(
        ingest(&store, &[&first_return(&dir)]).status.code(),
        Some(0)
    );
    assert_eq!(
        ingest(&store, &[&corrected_return(&dir)]).status.code(),
        Some(0)
    );

    // No planeval code: a hive-partitioned scan of every part on disk, as DuckDB or Spark would do it.
    let glob = format!("{}/panel/**/*.parquet", s(&store));
    let args = ScanArgsParquet {
        hive_options: HiveOptions::new_enabled(),
        ..Default::default()
    };
    let df = LazyFrame::scan_parquet(PlRefPath::new(glob.as_str()), args)
        .unwrap()
        .collect()
        .unwrap();
    assert_eq!(df.height(), 4, "two values in each of two revisions");
    let col = |name: &str| df.column(name).unwrap().cast(&DataType::String).unwrap();
    let rows: BTreeSet<RowText> = (0..df.height())
        .map(|i| {
            let get = |n: &str| col(n).str().unwrap().get(i).unwrap_or("").to_string();
            (
                get("indicator"),
                get("year"),
                get("sex"),
                get("area"),
                get("field"),
                get("value"),
                get("cell"),
                get("revision"),
            )
        })
        .collect();

    // The same rows through planeval.
    let all = json(&planeval(&[
        "panel",
        "--store",
        s(&store),
        "--all-revisions",
        "--json",
    ]));
    let as_tuple = |r: &Value| {
        (
            r["indicator"].as_str().unwrap().to_string(),
            r["year"].to_string(),
            r["sex"].as_str().unwrap().to_string(),
            r["area"].as_str().unwrap().to_string(),
            r["field"].as_str().unwrap().to_string(),
            format!("{:?}", r["value"].as_f64().unwrap())
                .trim_end_matches(".0")
                .to_string(),
            r["cell"].as_str().unwrap().to_string(),
            r["revision"].to_string(),
        )
    };
    let normalise = |t: &RowText| {
        let mut t = t.clone();
        t.5 = t.5.trim_end_matches(".0").to_string();
        t
    };
    let from_planeval: BTreeSet<_> = all.as_array().unwrap().iter().map(as_tuple).collect();
    assert_eq!(
        rows.iter().map(normalise).collect::<BTreeSet<_>>(),
        from_planeval
    );

    // Current values: the highest revision of each key, computed with plain polars, equal `panel --export`.
    let current = df
        .lazy()
        .sort(
            ["revision"],
            SortMultipleOptions::default().with_order_descending(true),
        )
        .group_by([
            col_expr("plan_id"),
            col_expr("org"),
            col_expr("indicator"),
            col_expr("year"),
            col_expr("sex"),
            col_expr("area"),
            col_expr("field"),
            col_expr("reporting_unit"),
        ])
        .agg([col_expr("value").first(), col_expr("revision").first()])
        .collect()
        .unwrap();
    let csv = dir.join("panel.csv");
    let out = planeval(&["panel", "--store", s(&store), "--export", s(&csv)]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "CSV has a BOM for Excel");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len() - 1, current.height(), "{text}");
    let header: Vec<&str> = lines[0].split(',').collect();
    let at = |line: &str, name: &str| {
        line.split(',')
            .nth(header.iter().position(|h| *h == name).unwrap())
            .unwrap()
            .to_string()
    };
    let lead = lines.iter().find(|l| at(l, "indicator") == LEAD).unwrap();
    assert_eq!(
        (
            at(lead, "value").parse::<f64>().unwrap(),
            at(lead, "revision")
        ),
        (55.0, "2".to_string())
    );
    let polars_lead = current
        .lazy()
        .filter(col_expr("indicator").eq(lit(LEAD)))
        .collect()
        .unwrap();
    assert_eq!(
        polars_lead.column("value").unwrap().f64().unwrap().get(0),
        Some(55.0)
    );
}

/// indicator, year, sex, area, field, value, cell, revision — as text.
type RowText = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

fn col_expr(name: &str) -> polars::prelude::Expr {
    polars::prelude::col(name)
}

#[test]
fn baseline_sheets_from_csv_and_xlsx_with_bad_rows_in_quarantine() {
    let dir = temp_dir("store-baseline");
    let store = dir.join("store");
    let out = planeval(&[
        "ingest",
        "--store",
        s(&store),
        "--json",
        "--baseline",
        "fixtures/baseline/基期及历年数据.csv",
        "--baseline",
        "fixtures/baseline/基期及历年数据.xlsx",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "bad rows are data errors: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["files"][0]["kind"], "baseline");
    assert_eq!(report["files"][0]["added"]["added"], 6);
    assert_eq!(report["files"][1]["added"]["added"], 4);

    let panel = json(&planeval(&["panel", "--store", s(&store), "--json"]));
    let find = |ind: &str, year: i64, field: &str| {
        panel
            .as_array()
            .unwrap()
            .iter()
            .find(|r| {
                r["indicator"] == ind
                    && r["year"] == year
                    && r["field"] == field
                    && r["sex"] == "total"
                    && r["area"] == "total"
            })
            .cloned()
    };
    let le = find("life_expectancy_female", 2020, "value").unwrap();
    assert_eq!(
        (
            le["value"].as_f64(),
            le["sheet"].as_str(),
            le["cell"].as_str()
        ),
        (Some(78.1), Some("csv"), Some("F2"))
    );
    assert_eq!(le["source"], "第七次全国人口普查");
    assert_eq!(
        le["reporting_unit"], "卫健体局",
        "defaults to the lead unit"
    );
    let target = find("air_quality_good_days_share", 2021, "target")
        .expect("external targets come in with field=target");
    assert_eq!(target["value"], 84.0);
    assert_eq!(
        find("female_share_employed", 2020, "value").unwrap()["raw"],
        "45.2%"
    );
    let female = panel
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"] == "senior_secondary_gross_enrolment" && r["sex"] == "female")
        .unwrap();
    assert_eq!(female["value"], 91.5);

    let h = json(&planeval(&[
        "history",
        "--store",
        s(&store),
        "--indicator",
        "health_literacy_female",
        "--json",
    ]));
    let q = &h["rejected"][0];
    assert_eq!(
        (
            q["code"].as_str(),
            q["sheet"].as_str(),
            q["cell"].as_str(),
            q["raw"].as_str()
        ),
        (Some("V101"), Some("csv"), Some("F8"), Some("不详"))
    );
    assert_eq!(q["year"], 2020);
    let h = json(&planeval(&[
        "history",
        "--store",
        s(&store),
        "--indicator",
        "primary_net_enrolment_girls",
        "--json",
    ]));
    let q = &h["rejected"][0];
    assert_eq!(
        (q["code"].as_str(), q["sheet"].as_str(), q["cell"].as_str()),
        (Some("S003"), Some("历年数据"), Some("F7"))
    );
}

#[test]
fn wide_export_is_a_formatted_workbook_of_indicators_by_years() {
    let dir = temp_dir("store-wide");
    let store = dir.join("store");
    planeval(&[
        "ingest",
        "--store",
        s(&store),
        "--baseline",
        "fixtures/baseline/基期及历年数据.csv",
    ]);
    assert_eq!(
        ingest(&store, &[&first_return(&dir)]).status.code(),
        Some(0)
    );
    let xlsx = dir.join("监测面板.xlsx");
    let out = planeval(&[
        "panel",
        "--store",
        s(&store),
        "--wide",
        "--export",
        s(&xlsx),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let sheets = read_all(&xlsx);
    let cells = &sheets[0].1;
    let header: Vec<String> = (0..12)
        .filter_map(|c| cells.get(&(0, c)).map(text))
        .collect();
    assert_eq!(
        &header[..5],
        ["指标编码", "领域", "指标名称", "分组", "计量单位"]
    );
    let col_of = |h: &str| {
        header
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h} in {header:?}")) as u32
    };
    let (y2020, y2021, y2023) = (col_of("2020年（基期）"), col_of("2021年"), col_of("2023年"));
    assert!(y2020 < y2021 && y2021 < y2023);
    let row_of = |code: &str, group: &str| {
        cells
            .iter()
            .find(|((r, c), d)| {
                *c == 0
                    && text(d) == code
                    && cells.get(&(*r, 3)).map(text).as_deref() == Some(group)
            })
            .map(|((r, _), _)| *r)
            .unwrap()
    };
    let mm = row_of("maternal_mortality", "合计");
    assert_eq!(cells[&(mm, y2020)], calamine::Data::Float(16.2));
    assert_eq!(text(&cells[&(mm, 4)]), "1/10万");
    assert_eq!(
        text(&cells[&(row_of("maternal_mortality", "农村"), y2020)]),
        "18.5"
    );
    assert_eq!(
        cells[&(row_of(LEAD, "合计"), y2023)],
        calamine::Data::Float(60.0)
    );

    let sheet_xml = crate::common::zip_part(&xlsx, "xl/worksheets/sheet1.xml").unwrap();
    assert!(
        sheet_xml.contains("<pane") && sheet_xml.contains("state=\"frozen\""),
        "frozen header"
    );
    assert!(sheet_xml.contains("<autoFilter"), "autofilter");
    let styles = crate::common::zip_part(&xlsx, "xl/styles.xml").unwrap();
    assert!(
        styles.contains("formatCode=\"0.0\""),
        "decimals from the catalog"
    );
}

#[test]
fn status_lists_units_that_did_not_return() {
    let dir = temp_dir("store-status");
    let store = dir.join("store");
    assert_eq!(
        ingest(&store, &[&first_return(&dir)]).status.code(),
        Some(0)
    );
    let out = planeval(&["status", "--store", s(&store), "--year", "2023", "--json"]);
    assert!(out.status.success());
    let st = json(&out);
    let unit = |name: &str| {
        st["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit"] == name)
            .cloned()
            .unwrap()
    };
    let fl = unit(UNIT);
    assert_eq!(fl["returned"], true);
    assert_eq!(fl["files"][0]["file"], "妇联-2023.xlsx");
    assert!(fl["files"][0]["ingested_at"]
        .as_str()
        .unwrap()
        .starts_with("20"));
    assert_eq!(fl["missing"].as_array().unwrap().len(), 0);
    let health = unit("卫健体局");
    assert_eq!(health["returned"], false);
    assert!(health["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["code"] == "life_expectancy_female" && m["name"] == "妇女人均预期寿命"));
    let pct = st["percent"].as_f64().unwrap();
    assert!(pct > 0.0 && pct < 100.0, "{pct}");

    let text_out = String::from_utf8_lossy(
        &planeval(&["status", "--store", s(&store), "--year", "2023"]).stdout,
    )
    .to_string();
    assert!(
        text_out.contains("未报送") && text_out.contains("完整率"),
        "{text_out}"
    );
}

#[test]
fn baseline_template_lists_indicators_years_and_breakdowns() {
    let dir = temp_dir("store-baseline-template");
    let out = planeval(&["template", "--baseline", "--out", s(&dir)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.join("基期及历年数据.xlsx");
    let sheets = read_all(&path);
    assert_eq!(sheets[0].0, "基期及历年数据");
    let cells = &sheets[0].1;
    let header: Vec<String> = (0..11).map(|c| text(&cells[&(2, c)])).collect();
    assert_eq!(
        header,
        [
            "指标编码",
            "领域",
            "指标名称",
            "计量单位",
            "年份",
            "性别",
            "城乡",
            "项目",
            "数值",
            "数据来源",
            "备注"
        ]
    );
    let rows_of = |code: &str| -> Vec<(String, String, String, String)> {
        cells
            .iter()
            .filter(|((r, c), d)| *r > 2 && *c == 0 && text(d) == code)
            .map(|((r, _), _)| {
                (
                    text(&cells[&(*r, 4)]),
                    text(&cells[&(*r, 5)]),
                    text(&cells[&(*r, 6)]),
                    text(&cells[&(*r, 7)]),
                )
            })
            .collect()
    };
    let le = rows_of("life_expectancy_female");
    assert_eq!(
        le.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        ["2020", "2021", "2022"],
        "baseline year and the years before the mid-term"
    );
    let by_sex = rows_of("senior_secondary_gross_enrolment");
    assert!(by_sex.contains(&("2020".into(), "女".into(), "合计".into(), "数值".into())));
    assert_eq!(by_sex.len(), 9, "total, female, male for three years");
    assert_eq!(
        rows_of("air_quality_good_days_share")
            .iter()
            .filter(|r| r.3 == "目标值")
            .count(),
        5,
        "a yearly target row for each plan year"
    );
    let xml = crate::common::zip_part(&path, "xl/worksheets/sheet1.xml").unwrap();
    assert!(
        xml.contains("<sheetProtection") && xml.contains("<pane"),
        "codes locked, header frozen"
    );
}

#[test]
fn a_correction_in_the_same_run_supersedes_by_arrival_not_by_name() {
    let dir = temp_dir("store-same-run");
    let store = dir.join("store");
    let original = first_return(&dir); // 妇联-2023.xlsx
    let correction = corrected_return(&dir); // 妇联-2023-更正.xlsx sorts before it by name
    let set_mtime = |p: &Path, secs: u64| {
        let f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
        f.set_modified(std::time::UNIX_EPOCH + Duration::from_secs(secs))
            .unwrap();
    };
    set_mtime(&original, 1_700_000_000);
    set_mtime(&correction, 1_700_000_600);
    let out = ingest(&store, &[&dir.join("returns")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert!(
        report["files"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("妇联-2023.xlsx"),
        "oldest first: {report:#}"
    );
    assert_eq!(
        current_value(&store, LEAD),
        Some(55.0),
        "the later correction is current"
    );
}
