//! 报送包 end to end with the real binary: three county stores of 临汾市 built from filled templates,
//! each county's 2023 exported as a package, the packages ingested into a prefecture store (twice: the
//! second time changes nothing), values keeping the county file!sheet!cell they came from, a county's
//! later correction superseding through a newer package with the old value kept as history, and
//! packages that were altered after export or belong to another plan refused with the store unchanged.

use crate::areas::{county_return, Report, REPORTS_2023};
use crate::common::{fill_template, json, planeval, temp_dir, Typed};
use planeval::template::layout::Field;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Output;

const THREE: &str = "fixtures/areas/three-counties.csv";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir` by relative path, with its SHA-256: equal before and after means untouched.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(
                    rel,
                    planeval::store::sha256_hex(&std::fs::read(&p).unwrap()),
                );
            }
        }
    }
    out
}

/// A county's own store with its 2023 return of the health bureau.
fn county_store(dir: &Path, r: &Report) -> PathBuf {
    let returned = county_return(dir, r);
    let store = dir.join(format!("县库-{}", r.county));
    let out = planeval(&[
        "--areas",
        THREE,
        "ingest",
        "--store",
        s(&store),
        s(&returned),
    ]);
    // Exit 1: the bureau left its other required indicators empty (R210); the typed values are stored.
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    store
}

fn export(store: &Path, area: &str, out: &Path, plan: Option<&Path>) -> Value {
    let mut args: Vec<&str> = Vec::new();
    if let Some(p) = plan {
        args.extend(["--plan", s(p)]);
    }
    args.extend([
        "--areas",
        THREE,
        "export",
        "--store",
        s(store),
        "--area",
        area,
        "--year",
        "2023",
        "--out",
        s(out),
        "--json",
    ]);
    let o = planeval(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    json(&o)
}

fn ingest_package(store: &Path, package: &Path) -> Output {
    planeval(&[
        "--areas",
        THREE,
        "ingest",
        "--store",
        s(store),
        "--package",
        s(package),
        "--json",
    ])
}

/// The current panel of the prefecture store, as `panel --json` prints it.
fn panel_rows(store: &Path, all: bool) -> Vec<Value> {
    let mut args = vec![
        "--areas",
        THREE,
        "panel",
        "--store",
        s(store),
        "--area",
        "临汾市",
        "--json",
    ];
    if all {
        args.push("--all-revisions");
    }
    let o = planeval(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    v.as_array()
        .cloned()
        .or_else(|| v["rows"].as_array().cloned())
        .unwrap_or_else(|| panic!("panel --json: {v}"))
}

fn row<'v>(rows: &'v [Value], org: &str, indicator: &str) -> Vec<&'v Value> {
    rows.iter()
        .filter(|r| {
            r["org"] == org
                && r["indicator"] == indicator
                && r["field"] == "value"
                && r["sex"] == "total"
                && r["area"] == "total"
        })
        .collect()
}

/// Rewrites a zip with one entry's bytes changed by `edit`.
fn rewrite_entry(from: &Path, to: &Path, entry: &str, edit: &dyn Fn(&mut Vec<u8>)) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        if name == entry {
            edit(&mut bytes);
        }
        zout.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(&bytes).unwrap();
    }
    zout.finish().unwrap();
}

/// A plan file that is the built-in plan under another id.
fn other_plan(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string("templates/plans/gu-county-women-2021-2025.toml").unwrap();
    let text = text.replacen(
        "id = \"gu-county-women-2021-2025\"",
        "id = \"anze-county-women-2021-2025\"",
        1,
    );
    assert!(text.contains("anze-county-women"), "plan id line not found");
    let path = dir.join("另一规划.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn county_packages_flow_into_a_prefecture_once_with_their_provenance_and_bad_ones_are_refused() {
    let dir = temp_dir("packages-round-trip");
    let mut packages = Vec::new();
    for r in &REPORTS_2023 {
        let store = county_store(&dir, r);
        let pkg = dir.join(format!("{}-2023.pepkg", r.county));
        let summary = export(&store, r.county, &pkg, None);
        assert_eq!(summary["area"]["name"], r.county);
        assert_eq!(summary["year"], 2023);
        assert_eq!(summary["plan"]["id"], "gu-county-women-2021-2025");
        assert_eq!(summary["values"], 5, "{summary}");
        packages.push((r, pkg, summary));
    }
    assert_eq!(packages[0].2["area"]["code"], "141025");

    // The prefecture takes the three packages in.
    let pref = dir.join("市监测数据库");
    for (_, pkg, _) in &packages {
        let o = ingest_package(&pref, pkg);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["packages"][0]["status"], "ingested", "{v}");
        assert_eq!(v["summary"]["values_added"], 5, "{v}");
    }
    let after_first = tree(&pref);

    // Twice: nothing new, nothing written.
    let o = ingest_package(&pref, &packages[0].1);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["packages"][0]["status"], "nothing_new", "{v}");
    assert_eq!(v["summary"]["values_added"], 0);
    assert_eq!(
        tree(&pref),
        after_first,
        "a package ingested twice changes nothing"
    );

    // Exported again without a change: the same content, recognised although made later.
    let gu_store = dir.join("县库-古县");
    let again = dir.join("古县-2023-再次导出.pepkg");
    let summary = export(&gu_store, "古县", &again, None);
    assert_eq!(summary["content_sha256"], packages[0].2["content_sha256"]);
    let o = ingest_package(&pref, &again);
    assert_eq!(json(&o)["packages"][0]["status"], "nothing_new");
    assert_eq!(tree(&pref), after_first);

    // Provenance: each value names the county's own file and cell, and the package that brought it.
    let rows = panel_rows(&pref, false);
    let life = row(&rows, "古县", "life_expectancy_female");
    assert_eq!(life.len(), 1, "{rows:?}");
    assert_eq!(life[0]["value"], 78.0);
    assert_eq!(life[0]["source_file"], "古县-卫健体局-2023.xlsx");
    assert_eq!(life[0]["sheet"], "指标填报");
    assert!(
        life[0]["cell"]
            .as_str()
            .unwrap()
            .starts_with(|c: char| c.is_ascii_uppercase()),
        "{}",
        life[0]
    );
    for county in ["古县", "安泽县", "浮山县"] {
        assert_eq!(
            row(&rows, county, "women_regular_exercise").len(),
            1,
            "{county}"
        );
    }
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(pref.join("manifest.json")).unwrap()).unwrap();
    let gu_file = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "古县-卫健体局-2023.xlsx")
        .expect("the county's return is listed");
    assert_eq!(gu_file["package"]["name"], "古县-2023.pepkg");
    assert_eq!(gu_file["package"]["area_code"], "141025");
    assert_eq!(gu_file["org"], "古县");
    assert_eq!(gu_file["unit"], "卫健体局");
    assert_eq!(
        gu_file["package"]["content_sha256"],
        packages[0].2["content_sha256"]
    );

    // Altered after export: a byte of a part, the manifest edited, the file damaged in transit.
    let gu_pkg = &packages[0].1;
    let flipped = dir.join("改动-数值.pepkg");
    rewrite_entry(gu_pkg, &flipped, "panel.parquet", &|b| {
        let mid = b.len() / 2;
        b[mid] ^= 0x5a;
    });
    let edited = dir.join("改动-清单.pepkg");
    rewrite_entry(gu_pkg, &edited, "manifest.json", &|b| {
        let text = String::from_utf8(b.clone()).unwrap();
        *b = text
            .replacen("\"year\": 2023", "\"year\": 2022", 1)
            .into_bytes();
    });
    let damaged = dir.join("损坏.pepkg");
    let mut bytes = std::fs::read(gu_pkg).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0xff;
    std::fs::write(&damaged, bytes).unwrap();
    for (pkg, says) in [
        (&flipped, "panel.parquet 的 SHA-256"),
        (&edited, "seal"),
        (&damaged, "报送包"),
    ] {
        let o = ingest_package(&pref, pkg);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{}: {}",
            pkg.display(),
            stderr(&o)
        );
        let err = stderr(&o);
        assert!(err.contains(says), "{}: {err}", pkg.display());
        assert!(err.contains("未入库任何数据"), "{err}");
        assert_eq!(
            tree(&pref),
            after_first,
            "{}: store unchanged",
            pkg.display()
        );
    }
    // The same refusals in English, the reason included.
    for (pkg, says) in [
        (&flipped, "the SHA-256 of panel.parquet is"),
        (
            &edited,
            "the seal of manifest.json does not match its content",
        ),
    ] {
        let o = planeval(&[
            "--lang",
            "en",
            "--areas",
            THREE,
            "ingest",
            "--store",
            s(&pref),
            "--package",
            s(pkg),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(says), "{}: {err}", pkg.display());
        assert!(err.contains("nothing was ingested"), "{err}");
        let name = pkg.file_name().unwrap().to_str().unwrap();
        assert!(
            !err.replace(name, "")
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "Chinese in English: {err}"
        );
    }

    // Another plan: a county that reports under another plan file is refused by the prefecture.
    let plan = other_plan(&dir);
    let other_dir = dir.join("另一规划");
    std::fs::create_dir_all(&other_dir).unwrap();
    let tpl = other_dir.join("模板");
    let o = planeval(&[
        "--plan",
        s(&plan),
        "template",
        "--year",
        "2023",
        "--unit",
        "卫健体局",
        "--org",
        "安泽县",
        "--out",
        s(&tpl),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let returned = other_dir.join("安泽县-卫健体局-2023.xlsx");
    fill_template(
        &tpl.join("填报-卫健体局-2023.xlsx"),
        &returned,
        &[("life_expectancy_female", Field::Value, Typed::Num(80.5))],
    );
    let other_store = other_dir.join("县库");
    let o = planeval(&[
        "--plan",
        s(&plan),
        "--areas",
        THREE,
        "ingest",
        "--store",
        s(&other_store),
        s(&returned),
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let other_pkg = other_dir.join("安泽县-2023.pepkg");
    export(&other_store, "安泽县", &other_pkg, Some(&plan));
    let o = ingest_package(&pref, &other_pkg);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("另一个规划"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("anze-county-women-2021-2025"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(&pref), after_first, "other plan: store unchanged");

    // A correction in the county reaches the prefecture through a newer package: it supersedes, and
    // the earlier value stays as history.
    let gu = &REPORTS_2023[0];
    let corrected = Report {
        life_expectancy: 78.4,
        ..*gu
    };
    let corr_dir = dir.join("更正");
    std::fs::create_dir_all(&corr_dir).unwrap();
    let corr = county_return(&corr_dir, &corrected);
    let renamed = corr_dir.join("古县-卫健体局-2023-更正.xlsx");
    std::fs::rename(&corr, &renamed).unwrap();
    let o = planeval(&[
        "--areas",
        THREE,
        "ingest",
        "--store",
        s(&gu_store),
        s(&renamed),
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let newer = dir.join("古县-2023-更正后.pepkg");
    let summary = export(&gu_store, "古县", &newer, None);
    assert_ne!(summary["content_sha256"], packages[0].2["content_sha256"]);
    let o = ingest_package(&pref, &newer);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["packages"][0]["status"], "ingested", "{v}");
    assert_eq!(
        v["packages"][0]["files_added"], 1,
        "only the correction is new: {v}"
    );
    assert_eq!(v["summary"]["values_superseded"], 1, "{v}");
    let rows = panel_rows(&pref, false);
    let life = row(&rows, "古县", "life_expectancy_female");
    assert_eq!(life[0]["value"], 78.4);
    assert_eq!(life[0]["source_file"], "古县-卫健体局-2023-更正.xlsx");
    // history names the original cell and the package that brought each value.
    let o = planeval(&[
        "--areas",
        THREE,
        "history",
        "--indicator",
        "life_expectancy_female",
        "--store",
        s(&pref),
        "--area",
        "古县",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let h = json(&o);
    let entries = h["values"].as_array().unwrap();
    let current = entries
        .iter()
        .find(|e| e["status"] == "current" && e["field"] == "value" && e["sex"] == "total")
        .unwrap_or_else(|| panic!("{h}"));
    assert_eq!(current["package"], "古县-2023-更正后.pepkg", "{current}");
    assert_eq!(current["file"], "古县-卫健体局-2023-更正.xlsx");
    let earlier = entries
        .iter()
        .find(|e| e["status"] == "superseded" && e["field"] == "value" && e["sex"] == "total")
        .unwrap_or_else(|| panic!("{h}"));
    assert_eq!(earlier["package"], "古县-2023.pepkg", "{earlier}");
    let history = panel_rows(&pref, true);
    let both: Vec<f64> = row(&history, "古县", "life_expectancy_female")
        .iter()
        .map(|r| r["value"].as_f64().unwrap())
        .collect();
    assert!(both.contains(&78.0) && both.contains(&78.4), "{both:?}");

    // The older package, arriving late, does not undo the correction.
    let before = tree(&pref);
    let o = ingest_package(&pref, &packages[0].1);
    let v = json(&o);
    assert_ne!(v["packages"][0]["status"], "ingested", "{v}");
    assert_eq!(tree(&pref), before);

    compare_areas(&pref, &dir.join("市级评估"));
    scheduled_job_takes_packages(&dir, &packages[1].1, &flipped);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `run` with packages in its inbox: the good one is ingested, the altered one is a finding (A011) and
/// the job goes on.
fn scheduled_job_takes_packages(dir: &Path, good: &Path, altered: &Path) {
    let job = dir.join("市级作业");
    let o = planeval(&["init", s(&job), "--year", "2023"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let areas = Path::new(env!("CARGO_MANIFEST_DIR")).join(THREE);
    let cfg = job.join("job.toml");
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("org = \"古县\"", "org = \"临汾市\"")
        .replace("areas = \"builtin\"", &format!("areas = {:?}", s(&areas)));
    std::fs::write(&cfg, text).unwrap();
    std::fs::copy(good, job.join("inbox").join("安泽县-2023.pepkg")).unwrap();
    std::fs::copy(altered, job.join("inbox").join("改动.pepkg")).unwrap();
    let o = planeval(&["run", "--config", s(&cfg), "--json", "--quiet"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("A011"), "{out}");
    assert!(out.contains("改动.pepkg"), "{out}");
    let store = job.join("store");
    let panel = planeval(&[
        "--areas",
        THREE,
        "panel",
        "--store",
        s(&store),
        "--area",
        "安泽县",
        "--json",
    ]);
    assert_eq!(panel.status.code(), Some(0), "{}", stderr(&panel));
    let rows = json(&panel);
    assert_eq!(rows.as_array().unwrap().len(), 5, "{rows}");
    // Run again: nothing new, nothing written.
    let before = tree(&store);
    let o = planeval(&["run", "--config", s(&cfg), "--json", "--quiet"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert_eq!(tree(&store), before);
}

/// `evaluate --area 临汾市 --by-area --out`: the comparison workbook has one row per county, with the
/// rates summary.json states, and every county gets its feedback workbook.
fn compare_areas(pref: &Path, out: &Path) {
    let o = planeval(&[
        "--areas",
        THREE,
        "evaluate",
        "--stage",
        "annual",
        "--year",
        "2023",
        "--store",
        s(pref),
        "--area",
        "临汾市",
        "--by-area",
        "--out",
        s(out),
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let rates = summary["areas"].as_array().expect("summary.json areas");
    assert_eq!(rates.len(), 3, "{rates:?}");
    let by_name: BTreeMap<String, &Value> = rates
        .iter()
        .map(|r| (r["name"].as_str().unwrap().to_string(), r))
        .collect();
    let workbook = out.join("地区对比-年度监测-2023.xlsx");
    assert_eq!(
        summary["comparison_outputs"][0], "地区对比-年度监测-2023.xlsx",
        "{}",
        summary["comparison_outputs"]
    );
    let sheets = crate::common::read_all(&workbook);
    let (name, cells) = &sheets[0];
    assert_eq!(name, "地区对比");
    let header_row = (0..10)
        .find(|r| cells.get(&(*r, 0)).map(crate::common::text).as_deref() == Some("地区"))
        .expect("header row");
    let rate_col = (0..10)
        .find(|c| {
            cells
                .get(&(header_row, *c))
                .map(crate::common::text)
                .as_deref()
                == Some("达标率")
        })
        .expect("rate column");
    let mut counties = Vec::new();
    for r in header_row + 1.. {
        let Some(area) = cells.get(&(r, 0)).map(crate::common::text) else {
            break;
        };
        if area.contains("汇总") {
            break;
        }
        let want = by_name
            .get(&area)
            .unwrap_or_else(|| panic!("{area} not in summary.json"));
        match (cells.get(&(r, rate_col)), want["attainment_rate"].as_f64()) {
            (Some(calamine::Data::Float(got)), Some(want)) => {
                assert!((got - want).abs() < 1e-9, "{area}: {got} vs {want}")
            }
            (got, want) => assert!(want.is_none(), "{area}: {got:?} vs {want:?}"),
        }
        counties.push((r, area));
    }
    // Each county's status of an indicator is the one its own evaluation gives, and the status cells
    // are coloured by conditional formats as in 指标明细.
    let life_col = (0..60)
        .find(|c| {
            cells
                .get(&(header_row, *c))
                .map(crate::common::text)
                .is_some_and(|t| t.contains("life_expectancy_female"))
        })
        .expect("a column per indicator");
    for (r, county) in &counties {
        let o = planeval(&[
            "--areas",
            THREE,
            "evaluate",
            "--stage",
            "annual",
            "--year",
            "2023",
            "--store",
            s(pref),
            "--area",
            county,
            "--json",
        ]);
        let ev = json(&o);
        let own = ev["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["code"] == "life_expectancy_female")
            .unwrap()["status_zh"]
            .clone();
        let shown = cells.get(&(*r, life_col)).map(crate::common::text);
        assert_eq!(shown.as_deref(), own.as_str(), "{county}");
    }
    let sheet_xml = crate::common::zip_part(&workbook, "xl/worksheets/sheet1.xml").unwrap();
    assert!(
        sheet_xml.contains("<conditionalFormatting"),
        "statuses coloured"
    );
    let mut names: Vec<String> = counties.into_iter().map(|(_, a)| a).collect();
    names.sort();
    let mut want: Vec<String> = ["古县", "安泽县", "浮山县"].map(String::from).to_vec();
    want.sort();
    assert_eq!(names, want, "one row per county");
    // The Word report has its 地区对比 part with the ranking.
    let document =
        crate::common::zip_part(&out.join("年度监测报告-2023.docx"), "word/document.xml")
            .expect("the Word report");
    assert!(document.contains("地区对比"), "no 地区对比 part");
    assert!(document.contains("各下级地区达标率排名"));
    for county in ["古县", "安泽县", "浮山县"] {
        let feedback = out.join(format!("地区反馈-{county}-年度监测-2023.xlsx"));
        let sheets = crate::common::read_all(&feedback);
        assert_eq!(sheets[0].0, "本地区对比");
    }
}
