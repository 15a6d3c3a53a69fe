//! The baseline sheet: reading it (xlsx and CSV), into the store, and its template.

use super::*;

fn cat() -> Catalog {
    Catalog::builtin().unwrap()
}

fn some_sex_indicator(cat: &Catalog) -> &Indicator {
    cat.indicators()
        .map(|(_, _, i)| i)
        .find(|i| i.is_reported() && i.disaggregation.contains(&Dimension::Sex))
        .unwrap()
}

#[test]
fn an_area_column_keeps_each_area_s_rows_apart() {
    let cat = cat();
    let text = "单位（地区）,指标编码,年份,数值\n古县,maternal_mortality,2020,16.2\n\
        安泽县,maternal_mortality,2020,20.0\n,maternal_mortality,2021,15.0\n\
        安泽县,maternal_mortality,2020,21.0\n";
    let sheet = read_long_sheet(text.as_bytes(), "基期.csv", &cat);
    assert_eq!(sheet.rows.len(), 3, "{:#?}", sheet.diagnostics);
    assert_eq!(
        sheet.diagnostics.len(),
        1,
        "the second 安泽县 2020 is a duplicate"
    );
    assert_eq!(sheet.diagnostics[0].code, Code::DuplicateRow);
    let batch = Batch::from_long_sheet(&sheet, "00", &cat);
    let orgs: Vec<&str> = batch.values.iter().map(|v| v.org.as_str()).collect();
    assert_eq!(
        orgs,
        ["古县", "安泽县", "古县"],
        "an empty cell is the plan's region"
    );
    assert_eq!(batch.file.org, None, "a sheet of several areas");
}

#[test]
fn csv_reads_with_chinese_words_and_cells() {
    let cat = cat();
    let ind = some_sex_indicator(&cat);
    let text = format!(
        "指标编码,年份,性别,城乡,数值,数据来源\n{code},2020,合计,合计,50.5,统计年鉴\n{code},2020,女,,\"49.0\",\n{code},2020年,男,合计,不详,\n{code},1800,合计,合计,3,\n",
        code = ind.code
    );
    let sheet = read_long_sheet(text.as_bytes(), "b/基期.csv", &cat);
    assert_eq!(sheet.format, "csv");
    assert_eq!(sheet.rows.len(), 2, "{:#?}", sheet.diagnostics);
    assert_eq!(sheet.rows[0].cell, "E2");
    assert_eq!(sheet.rows[0].source.as_deref(), Some("统计年鉴"));
    assert_eq!((sheet.rows[1].sex, sheet.rows[1].value), ("female", 49.0));
    let at = |cell: &str| {
        sheet
            .diagnostics
            .iter()
            .filter(|d| matches!(&d.location, Location::Cell { cell: c, sheet: s, .. } if c == cell && s == "csv"))
            .map(|d| d.code.id())
            .collect::<Vec<_>>()
    };
    assert_eq!(at("E4"), ["V101"]);
    assert_eq!(at("B5"), ["S002"]);
    assert_eq!(sheet.cells_nonempty, 4);
}

#[test]
fn a_target_column_gives_target_rows() {
    let cat = cat();
    let text = "indicator,year,target\nair_quality_good_days_share,2021,80.0\nair_quality_good_days_share,2022,80.5\n";
    let sheet = read_long_sheet(text.as_bytes(), "targets.csv", &cat);
    assert_eq!(sheet.rows.len(), 2, "{:#?}", sheet.diagnostics);
    assert_eq!(
        (sheet.rows[1].field, sheet.rows[1].year, sheet.rows[1].value),
        ("target", Some(2022), 80.5)
    );
    assert_eq!(sheet.rows[1].cell, "C3");
}

#[test]
fn gb18030_csv_is_decoded() {
    let cat = cat();
    let ind = some_sex_indicator(&cat);
    let text = format!("指标编码,年份,数值\n{},2020,12\n", ind.code);
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let sheet = read_long_sheet(&bytes, "gbk.csv", &cat);
    assert_eq!(sheet.rows.len(), 1, "{:#?}", sheet.diagnostics);
}

#[test]
fn breakdowns_must_fit_the_indicator() {
    let cat = cat();
    let plain = cat
        .indicators()
        .map(|(_, _, i)| i)
        .find(|i| i.is_reported() && i.disaggregation.is_empty())
        .unwrap();
    assert!(breakdown_problem(plain, "female", "total", "value").is_some());
    assert!(breakdown_problem(plain, "total", "total", "value").is_none());
    assert!(breakdown_problem(some_sex_indicator(&cat), "female", "urban", "value").is_some());
}

#[test]
fn template_reads_back_as_a_long_sheet_without_values() {
    let cat = cat();
    let years = template_years(&cat, None);
    assert_eq!(years, [2020, 2021, 2022]);
    let bytes = build_template(&cat, &years).unwrap();
    let sheet = read_long_sheet(&bytes, FILE_NAME, &cat);
    assert_eq!(sheet.sheet.as_deref(), Some(SHEET_NAME));
    assert!(sheet.diagnostics.is_empty(), "{:#?}", sheet.diagnostics);
    assert!(sheet.rows.is_empty(), "nothing filled, nothing read");
}
