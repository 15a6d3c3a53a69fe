//! Exports read back: wide and long forms, formats, formula-leading text neutralised.

use super::*;

fn row(ind: &Indicator, year: i32, value: f64, unit: &str, revision: u32) -> PanelRow {
    PanelRow {
        // The plan the rows are of: the wide panel, like scoring, reads only its own plan's rows.
        plan_id: Catalog::builtin().unwrap().plan.id,
        org: "古县".into(),
        indicator: ind.code.clone(),
        year,
        sex: "total".into(),
        area: "total".into(),
        field: "value".into(),
        value,
        unit: ind.unit.key().into(),
        reporting_unit: unit.into(),
        source_file: "f.xlsx".into(),
        sha256: "00".into(),
        sheet: "s".into(),
        cell: "A1".into(),
        raw: value.to_string(),
        source: None,
        remarks: None,
        ingested_at: "t".into(),
        revision,
    }
}

#[test]
fn wide_rows_follow_the_plan_and_prefer_the_lead_unit() {
    let cat = Catalog::builtin().unwrap();
    let ind = cat
        .indicators()
        .map(|(_, _, i)| i)
        .find(|i| i.is_reported())
        .unwrap();
    let rows = vec![
        row(ind, 2020, 10.0, &ind.lead_unit, 1),
        row(ind, 2021, 11.0, &ind.lead_unit, 2),
        row(ind, 2021, 99.0, "某配合单位", 3),
    ];
    let wide = wide_rows(
        &cat,
        &rows,
        &|_| true,
        &[("古县".into(), vec!["古县".into()])],
    );
    assert_eq!(wide[0].indicator, ind.code);
    assert_eq!(wide[0].values, BTreeMap::from([(2020, 10.0), (2021, 11.0)]));
    assert_eq!(wide_years(&wide), [2020, 2021]);
    assert!(wide.len() > 10, "every reported indicator has a row");
    assert!(wide.iter().all(|r| r.org == "古县"));

    // Another area's rows are a block of their own, never a value in 古县's row.
    let mut other = row(ind, 2021, 50.0, &ind.lead_unit, 9);
    other.org = "安泽县".into();
    let mut with_other = rows.clone();
    with_other.push(other);
    let areas = [
        ("古县".to_string(), vec!["古县".to_string()]),
        ("安泽县".to_string(), vec!["安泽县".to_string()]),
    ];
    let both = wide_rows(&cat, &with_other, &|_| true, &areas);
    let of = |org: &str| {
        both.iter()
            .find(|r| {
                r.org == org && r.indicator == ind.code && r.sex == "total" && r.area == "total"
            })
            .unwrap()
            .values
            .clone()
    };
    assert_eq!(of("古县"), BTreeMap::from([(2020, 10.0), (2021, 11.0)]));
    assert_eq!(of("安泽县"), BTreeMap::from([(2021, 50.0)]));
}

/// A return may name the lead unit by an alias (卫健局 for 卫健体局): the wide panel and scoring's
/// observations both follow `Catalog::lead_unit_spellings`, so the alias's value still wins over a
/// cooperating unit's later one. The wide panel compared the plan's exact text before.
#[test]
fn the_lead_unit_under_an_alias_still_wins_the_wide_panel() {
    let cat = Catalog::builtin().unwrap();
    let (ind, alias) = cat
        .indicators()
        .map(|(_, _, i)| i)
        .filter(|i| i.is_reported())
        .find_map(|i| {
            let unit = cat.resolve_unit(&i.lead_unit)?;
            let alias = unit.aliases.iter().find(|a| **a != i.lead_unit)?;
            Some((i, alias.clone()))
        })
        .unwrap();
    let rows = vec![
        row(ind, 2021, 11.0, &alias, 1),
        row(ind, 2021, 99.0, "某配合单位", 2),
    ];
    let wide = wide_rows(
        &cat,
        &rows,
        &|_| true,
        &[("古县".into(), vec!["古县".into()])],
    );
    let mine = wide
        .iter()
        .find(|r| r.indicator == ind.code && r.sex == "total" && r.area == "total")
        .unwrap();
    assert_eq!(mine.values, BTreeMap::from([(2021, 11.0)]));
}

#[test]
fn csv_fields_that_would_act_as_formulas_get_a_quote() {
    for (typed, written) in [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("-y", "'-y"),
        ("@z", "'@z"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-inf", "'-inf"),
        ("-", "'-"),
        ("-1.5", "-1.5"),
        ("+3", "+3"),
        ("-2e-3", "-2e-3"),
        ("1+1", "1+1"),
        ("卫健体局", "卫健体局"),
        ("", ""),
    ] {
        assert_eq!(csv_safe(typed), written, "{typed:?}");
    }
    let cat = Catalog::builtin().unwrap();
    let ind = cat.indicators().map(|(_, _, i)| i).next().unwrap();
    let mut r = row(ind, 2020, -1.5, "x", 1);
    r.remarks = Some("=HYPERLINK(\"http://example.invalid\")".into());
    r.raw = "-1.5".into();
    let csv = String::from_utf8(long_csv(&[r]).unwrap()).unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\")\""),
        "{csv}"
    );
    assert!(
        csv.contains(",-1.5,"),
        "the value and the raw text stay numbers: {csv}"
    );
    assert!(!csv.contains("'-1.5"));
}

#[test]
fn csv_starts_with_a_bom() {
    let cat = Catalog::builtin().unwrap();
    let ind = cat.indicators().map(|(_, _, i)| i).next().unwrap();
    let bytes = long_csv(&[row(ind, 2020, 1.5, "x", 1)]).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFplan_id,"));
}
