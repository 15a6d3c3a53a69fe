//! Tests of the areas file reader and the area tree.
use super::*;

const LINFEN: &str =
    "代码,名称,上级代码,级别,女性人口\n140000,山西省,,省,\n141000,临汾市,140000,市,\n\
    141025,古县,141000,县,42000\n141026,安泽县,141000,县,37000\n141027,浮山县,141000,县,\n";

#[test]
fn the_builtin_file_covers_gu_county_and_its_parents() {
    let a = Areas::builtin();
    let gu = a.get("141025").unwrap();
    assert_eq!((gu.name.as_str(), gu.level), ("古县", Level::County));
    assert_eq!(a.path_label("141025"), "山西省 › 临汾市 › 古县");
    assert_eq!(a.find("临汾市"), Found::One(a.get("141000").unwrap()));
    assert_eq!(a.find("山西省临汾市古县"), Found::One(gu));
    assert_eq!(a.find("１４１０２５"), Found::One(gu));
    assert_eq!(a.find("太原市"), Found::None);
}

#[test]
fn weights_are_columns_and_a_parent_sums_its_children_only_when_all_are_known() {
    let a = parse(LINFEN.as_bytes(), "areas.csv").areas.unwrap();
    assert_eq!(a.weight_names(), ["女性人口"]);
    assert_eq!(a.weight("141025", "女性人口"), Some(42000.0));
    assert_eq!(a.weight("141000", "女性人口"), None, "浮山县 has none");
    assert_eq!(a.children("141000").len(), 3);
    assert!(a.is_within("141026", "140000"));
    assert!(!a.is_within("140000", "141026"));
}

#[test]
fn english_headers_and_gb18030_are_read() {
    let text = "level,code,name,parent\nprovince,140000,山西省,\ncounty,141025,古县,140000\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let p = parse(&gbk, "a.csv");
    let a = p.areas.expect("readable");
    assert_eq!(a.get("141025").unwrap().parent.as_deref(), Some("140000"));
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn every_problem_is_a_diagnostic_with_its_line() {
    let text = "代码,名称,上级代码,级别,人口\n140000,山西省,,省,\n141025,古县,149900,县,abc\n\
        14102X,某县,140000,县,\n141026,安泽县,140000,镇,\n140000,又一个,,省,\n141000,临汾市,141025,市,\n";
    let p = parse(text.as_bytes(), "a.csv");
    assert!(p.areas.is_none());
    let got: Vec<(Code, String)> = p
        .diagnostics
        .iter()
        .map(|d| (d.code, d.location.to_string()))
        .collect();
    for want in [
        (Code::AreaBadWeight, "a.csv:3:5"),
        (Code::AreaUnknownParent, "a.csv:3:3"),
        (Code::AreaBadCode, "a.csv:4:1"),
        (Code::AreaBadLevel, "a.csv:5:4"),
        (Code::AreaDuplicate, "a.csv:6:1"),
        (Code::AreaBadLevel, "a.csv:7:4"),
    ] {
        assert!(
            got.contains(&(want.0, want.1.to_string())),
            "{want:?} not in {got:?}"
        );
    }
    let missing = parse("名称,级别\n古县,县\n".as_bytes(), "b.csv");
    assert_eq!(missing.diagnostics[0].code, Code::AreasBadHeader);
    assert!(missing.diagnostics[0].message.contains("代码"));
    let binary = parse(b"PK\x03\x04\x00", "c.csv");
    assert_eq!(binary.diagnostics[0].code, Code::AreasUnreadable);
}

#[test]
fn a_code_that_disagrees_with_its_parent_is_a_warning() {
    let text = "代码,名称,上级代码,级别\n141000,临汾市,,市\n140105,小店区,141000,县\n";
    let p = parse(text.as_bytes(), "a.csv");
    assert!(p.areas.is_some());
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(p.diagnostics[0].code, Code::AreaCodeMismatch);
}

#[test]
fn a_name_in_two_places_is_ambiguous() {
    let text = "代码,名称,上级代码,级别\n140000,山西省,,省\n140100,太原市,140000,市\n\
        140105,城区,140100,县\n140400,长治市,140000,市\n140402,城区,140400,县\n";
    let a = parse(text.as_bytes(), "a.csv").areas.unwrap();
    assert!(matches!(a.find("城区"), Found::Many(v) if v.len() == 2));
    assert_eq!(
        a.find("长治市城区").clone(),
        Found::One(a.get("140402").unwrap())
    );
}
