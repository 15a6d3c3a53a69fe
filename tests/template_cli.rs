//! `planeval template`: one protected, validated workbook per responsible unit, laid out as the layout contract
//! says, readable back by calamine; aliases resolve; years outside the plan are refused with exit code 2.

use calamine::{open_workbook, Data, Reader, SheetVisible, Xlsx};
use planeval::fsutil::safe_file_name;
use planeval::template::layout::{self, meta_key, Field, QualField};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn planeval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planeval"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run planeval")
}

/// A fresh, empty folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planeval-template-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(out: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Writes the 2023 workbook of 卫健体局 into `dir` and returns its path.
fn health_bureau_workbook(dir: &Path) -> PathBuf {
    let out = planeval(&[
        "template",
        "--year",
        "2023",
        "--unit",
        "卫健体局",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let path = dir.join("填报-卫健体局-2023.xlsx");
    assert!(path.is_file(), "{}", text(&out));
    path
}

fn cell_text(v: Option<&Data>) -> String {
    match v {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The XML of a part of the xlsx package.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

fn part_names(path: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

/// The value of `attr="…"` in an XML tag.
fn attr<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let key = format!(" {attr}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// The worksheet XML of the sheet with this name, found through workbook.xml and its relationships.
fn sheet_xml(path: &Path, sheet: &str) -> String {
    let wb = part(path, "xl/workbook.xml");
    let tag_start = wb
        .find(&format!("<sheet name=\"{sheet}\""))
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let tag = &wb[tag_start..tag_start + wb[tag_start..].find('>').unwrap()];
    let rid = attr(tag, "r:id").unwrap();
    let rels = part(path, "xl/_rels/workbook.xml.rels");
    let rel_start = rels.find(&format!("Id=\"{rid}\"")).unwrap();
    let rel_tag_start = rels[..rel_start].rfind('<').unwrap();
    let rel_tag = &rels[rel_tag_start..rel_start + rels[rel_start..].find('>').unwrap()];
    let target = attr(rel_tag, "Target").unwrap();
    part(path, &format!("xl/{target}"))
}

/// The style index of a cell, e.g. `H7`.
fn cell_style(sheet: &str, cell: &str) -> usize {
    let start = sheet
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let tag = &sheet[start..start + sheet[start..].find('>').unwrap()];
    attr(tag, "s").map(|s| s.parse().unwrap()).unwrap_or(0)
}

/// Whether a cell format (index into cellXfs) is unlocked.
fn style_unlocked(styles: &str, index: usize) -> bool {
    let start = styles.find("<cellXfs").unwrap();
    let end = styles.find("</cellXfs>").unwrap();
    let xfs: Vec<&str> = styles[start..end].split("<xf ").skip(1).collect();
    let xf = xfs[index];
    xf.contains("locked=\"0\"")
}

/// The `<dataValidation …>…</dataValidation>` elements of a sheet.
fn validations(sheet: &str) -> Vec<&str> {
    sheet
        .split("<dataValidation ")
        .skip(1)
        .map(|s| &s[..s.find("</dataValidation>").unwrap_or(s.len())])
        .collect()
}

fn validation_for<'a>(sheet: &'a str, cell: &str) -> Option<&'a str> {
    validations(sheet).into_iter().find(|v| {
        attr(&format!(" {v}"), "sqref")
            .map(|r| r.split(' ').any(|c| c == cell))
            .unwrap_or(false)
    })
}

fn col_letter(c: usize) -> char {
    (b'A' + c as u8) as char
}

fn col_of(f: Field) -> usize {
    Field::ALL.iter().position(|x| *x == f).unwrap()
}

#[test]
fn one_workbook_per_unit_with_work_each_named_safely() {
    let dir = temp_dir("all");
    let out = planeval(&[
        "template",
        "--year",
        "2023",
        "--out",
        dir.to_str().unwrap(),
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files = report["files"].as_array().unwrap();
    let units: Vec<&str> = files.iter().map(|f| f["unit"].as_str().unwrap()).collect();
    for u in ["卫健体局", "妇联", "教科局", "人社局", "民政局", "组织部"] {
        assert!(units.contains(&u), "{u} missing from {units:?}");
    }
    // Units with nothing to report get no workbook.
    assert!(!units.contains(&"统计局"));
    let on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(on_disk.len(), files.len(), "{on_disk:?}");
    for f in files {
        let unit = f["unit"].as_str().unwrap();
        let path = PathBuf::from(f["path"].as_str().unwrap());
        assert_eq!(path.parent().unwrap(), dir, "written outside --out");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert_eq!(name, format!("填报-{}-2023.xlsx", safe_file_name(unit)));
        assert!(!name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']));
        assert!(path.is_file());
        let n = f["indicators"].as_u64().unwrap() + f["qualitative"].as_u64().unwrap();
        assert!(n > 0, "{unit} has no work but got a workbook");
    }
    let health = files.iter().find(|f| f["unit"] == "卫健体局").unwrap();
    assert!(health["indicators"].as_u64().unwrap() >= 10);
    assert!(health["qualitative"].as_u64().unwrap() >= 1);

    // The text output names every file and sums up.
    let dir2 = temp_dir("all-text");
    let out = planeval(&[
        "template",
        "--year",
        "2023",
        "--out",
        dir2.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("填报-卫健体局-2023.xlsx"), "{stdout}");
    assert!(
        stdout.contains(&format!("共生成 {} 个", files.len())),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&dir2).unwrap();
}

#[test]
fn workbook_has_four_sheets_in_order_and_a_hidden_meta_sheet() {
    let dir = temp_dir("sheets");
    let path = health_bureau_workbook(&dir);
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            layout::SHEET_INSTRUCTIONS,
            layout::SHEET_DATA,
            layout::SHEET_QUALITATIVE,
            layout::SHEET_META
        ]
    );
    let visibility: HashMap<String, SheetVisible> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    assert_eq!(visibility[layout::SHEET_META], SheetVisible::Hidden);
    assert_eq!(visibility[layout::SHEET_DATA], SheetVisible::Visible);

    let meta = wb.worksheet_range(layout::SHEET_META).unwrap();
    assert_eq!(cell_text(meta.get_value((0, 0))), layout::META_MARKER);
    let mut kv = HashMap::new();
    for r in 1..20u32 {
        let k = cell_text(meta.get_value((r, 0)));
        if !k.is_empty() {
            kv.insert(k, meta.get_value((r, 1)).cloned().unwrap_or(Data::Empty));
        }
    }
    assert_eq!(
        kv[meta_key::PLAN_ID],
        Data::String("gu-county-women-2021-2025".into())
    );
    assert_eq!(kv[meta_key::UNIT], Data::String("卫健体局".into()));
    assert_eq!(kv[meta_key::ORG], Data::String("古县".into()));
    assert_eq!(kv[meta_key::YEAR], Data::Float(2023.0), "year is a number");
    assert_eq!(
        kv[meta_key::TEMPLATE_VERSION],
        Data::String(layout::TEMPLATE_VERSION.into())
    );
    assert_eq!(
        kv[meta_key::TOOL_VERSION],
        Data::String(env!("CARGO_PKG_VERSION").into())
    );
    let generated = cell_text(kv.get(meta_key::GENERATED_AT));
    assert!(
        chrono::DateTime::parse_from_rfc3339(&generated).is_ok(),
        "{generated}"
    );

    // The instructions sheet names the unit, the year and the plan's document.
    let ins = wb.worksheet_range(layout::SHEET_INSTRUCTIONS).unwrap();
    let all: String = ins
        .cells()
        .map(|(_, _, v)| cell_text(Some(v)))
        .collect::<Vec<_>>()
        .join("|");
    for needle in [
        "卫健体局",
        "2023",
        "古政发〔2023〕10号",
        "填报人",
        "联系电话",
        "0.952",
    ] {
        assert!(all.contains(needle), "{needle} missing from instructions");
    }
    // Protected, and the meta sheet too.
    for sheet in [
        layout::SHEET_INSTRUCTIONS,
        layout::SHEET_DATA,
        layout::SHEET_QUALITATIVE,
        layout::SHEET_META,
    ] {
        assert!(
            sheet_xml(&path, sheet).contains("<sheetProtection"),
            "{sheet} not protected"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn data_sheet_headers_read_back_as_the_layout_fields() {
    let dir = temp_dir("headers");
    let path = health_bureau_workbook(&dir);
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let data = wb.worksheet_range(layout::SHEET_DATA).unwrap();
    for (c, f) in Field::ALL.iter().enumerate() {
        let h = cell_text(data.get_value((layout::HEADER_ROW, c as u32)));
        assert_eq!(Field::from_header(&h), Some(*f), "column {c}: {h:?}");
    }
    let header = |f: Field| cell_text(data.get_value((layout::HEADER_ROW, col_of(f) as u32)));
    assert!(header(Field::Baseline).contains("2020"));
    assert!(header(Field::LastYear).contains("2022"));
    assert!(header(Field::Value).contains("2023"));
    let title = cell_text(data.get_value((0, 0)));
    assert!(title.contains("2023年度监测数据填报表"), "{title}");
    let info = cell_text(data.get_value((1, 0)));
    assert!(
        info.contains("填报单位：卫健体局") && info.contains("古县"),
        "{info}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn maternal_mortality_is_led_with_its_target_open_by_area_and_validated() {
    let dir = temp_dir("mmr");
    let path = health_bureau_workbook(&dir);
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let data = wb.worksheet_range(layout::SHEET_DATA).unwrap();
    let code_col = col_of(Field::Code) as u32;
    let rows: Vec<(u32, String)> = (layout::FIRST_DATA_ROW..data.end().unwrap().0 + 1)
        .map(|r| (r, cell_text(data.get_value((r, code_col)))))
        .collect();
    let lead = rows
        .iter()
        .find(|(_, t)| t.starts_with("一、"))
        .expect("lead section")
        .0;
    let coop = rows
        .iter()
        .find(|(_, t)| t.starts_with("二、"))
        .expect("cooperating section")
        .0;
    let row = rows
        .iter()
        .find(|(_, t)| t == "maternal_mortality")
        .expect("maternal_mortality row")
        .0;
    assert!(lead < row && row < coop, "not in the lead section");
    // A derived gap indicator is not asked for.
    assert!(!rows
        .iter()
        .any(|(_, t)| t == "maternal_mortality_urban_rural_gap"));
    // Cooperating indicators are listed in the second section.
    let cervical = rows
        .iter()
        .find(|(_, t)| t == "cervical_cancer_screening_rate")
        .expect("cooperating indicator")
        .0;
    assert!(cervical > coop);

    let get = |f: Field| cell_text(data.get_value((row, col_of(f) as u32)));
    assert_eq!(get(Field::Name), "孕产妇死亡率");
    assert_eq!(get(Field::Target), "≤ 12.5");
    assert_eq!(get(Field::Unit), "1/10万");
    assert_eq!(get(Field::Domain), "妇女与健康");
    assert!(!get(Field::Source).is_empty());

    let sheet = sheet_xml(&path, layout::SHEET_DATA);
    let styles = part(&path, "xl/styles.xml");
    assert!(sheet.contains("<sheetProtection"));
    let cell = |f: Field| format!("{}{}", col_letter(col_of(f)), row + 1);
    let unlocked = |f: Field| style_unlocked(&styles, cell_style(&sheet, &cell(f)));
    for f in [
        Field::Value,
        Field::Urban,
        Field::Rural,
        Field::Numerator,
        Field::Denominator,
        Field::Source,
        Field::Remarks,
    ] {
        assert!(unlocked(f), "{f:?} should be an input cell");
    }
    for f in [
        Field::Code,
        Field::Name,
        Field::Target,
        Field::Baseline,
        Field::Female,
        Field::Male,
    ] {
        assert!(!unlocked(f), "{f:?} should be locked");
    }
    let v = validation_for(&sheet, &cell(Field::Value)).expect("validation on the value cell");
    assert!(v.contains("type=\"decimal\""), "{v}");
    assert!(
        v.contains("<formula1>0</formula1>") && v.contains("<formula2>100000</formula2>"),
        "{v}"
    );
    assert!(v.contains("errorStyle=\"warning\""), "{v}");
    assert!(v.contains("孕产妇死亡率"), "{v}");
    assert!(validation_for(&sheet, &cell(Field::Urban)).is_some());
    assert!(validation_for(&sheet, &cell(Field::Female)).is_none());
    assert!(validation_for(&sheet, &cell(Field::Male)).is_none());

    // The numerator and denominator say what they count.
    let comments: String = part_names(&path)
        .iter()
        .filter(|n| n.starts_with("xl/comments"))
        .map(|n| part(&path, n))
        .collect();
    assert!(comments.contains("孕产妇死亡人数"), "numerator note");
    assert!(comments.contains("活产数"), "denominator note");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn qualitative_objectives_get_a_self_assessment_dropdown() {
    let dir = temp_dir("qual");
    let path = health_bureau_workbook(&dir);
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let q = wb.worksheet_range(layout::SHEET_QUALITATIVE).unwrap();
    for (c, f) in QualField::ALL.iter().enumerate() {
        let h = cell_text(q.get_value((layout::HEADER_ROW, c as u32)));
        assert_eq!(QualField::from_header(&h), Some(*f), "column {c}: {h:?}");
    }
    let qcol = |f: QualField| QualField::ALL.iter().position(|x| *x == f).unwrap() as u32;
    let row = (layout::FIRST_DATA_ROW..q.end().unwrap().0 + 1)
        .find(|r| cell_text(q.get_value((*r, qcol(QualField::Code)))) == "1.10")
        .expect("objective 1.10 (led by 卫健体局)");
    assert_eq!(cell_text(q.get_value((row, qcol(QualField::Role)))), "牵头");
    assert!(cell_text(q.get_value((row, qcol(QualField::Text)))).contains("妇幼健康服务机构"));

    let sheet = sheet_xml(&path, layout::SHEET_QUALITATIVE);
    let cell = format!(
        "{}{}",
        col_letter(qcol(QualField::Assessment) as usize),
        row + 1
    );
    let v = validation_for(&sheet, &cell).expect("dropdown on the assessment cell");
    assert!(v.contains("type=\"list\""), "{v}");
    assert!(
        v.contains(&layout::SELF_ASSESSMENT_OPTIONS.join(",")),
        "{v}"
    );
    let styles = part(&path, "xl/styles.xml");
    assert!(style_unlocked(&styles, cell_style(&sheet, &cell)));
    assert!(sheet.contains("<sheetProtection"));

    // 妇联 cooperates on many qualitative objectives.
    let out = planeval(&[
        "template",
        "--year",
        "2023",
        "--unit",
        "县妇联",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let mut wb: Xlsx<_> = open_workbook(dir.join("填报-妇联-2023.xlsx")).unwrap();
    let q = wb.worksheet_range(layout::SHEET_QUALITATIVE).unwrap();
    let roles: Vec<String> = (layout::FIRST_DATA_ROW..q.end().unwrap().0 + 1)
        .map(|r| cell_text(q.get_value((r, qcol(QualField::Role)))))
        .collect();
    assert!(roles.iter().any(|r| r == "牵头"));
    assert!(roles.iter().any(|r| r == "配合"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_alias_writes_exactly_one_workbook_under_the_normalised_name() {
    let dir = temp_dir("alias");
    let out = planeval(&[
        "template",
        "--year",
        "2023",
        "--unit",
        "卫健局",
        "--org",
        "古县妇儿工委",
        "--deadline",
        "2024年1月31日",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["填报-卫健体局-2023.xlsx"]);
    let mut wb: Xlsx<_> = open_workbook(dir.join(&names[0])).unwrap();
    let ins = wb.worksheet_range(layout::SHEET_INSTRUCTIONS).unwrap();
    let all: Vec<String> = ins.cells().map(|(_, _, v)| cell_text(Some(v))).collect();
    assert!(all.iter().any(|t| t == "2024年1月31日"), "deadline shown");
    let meta = wb.worksheet_range(layout::SHEET_META).unwrap();
    let org = (1..10)
        .find(|r| cell_text(meta.get_value((*r, 0))) == meta_key::ORG)
        .map(|r| cell_text(meta.get_value((r, 1))));
    assert_eq!(org.as_deref(), Some("古县妇儿工委"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_year_outside_the_plan_is_refused_naming_the_valid_years() {
    let dir = temp_dir("badyear");
    let out = planeval(&["template", "--year", "2030", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    for y in ["2030", "2021", "2025", "2020"] {
        assert!(err.contains(y), "{y} missing: {err}");
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing written"
    );

    // The baseline year is allowed.
    let out = planeval(&[
        "template",
        "--year",
        "2020",
        "--unit",
        "妇联",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));

    let out = planeval(&[
        "template",
        "--year",
        "2023",
        "--unit",
        "不存在的局",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不存在的局"));
    std::fs::remove_dir_all(&dir).unwrap();
}
