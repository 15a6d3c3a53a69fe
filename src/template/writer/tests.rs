//! The template read back: sheets, locked and open cells, validations, metadata.

use super::*;

#[test]
fn display_width_counts_cjk_as_two() {
    assert_eq!(display_width("abc"), 3);
    assert_eq!(display_width("孕产妇死亡率"), 12);
    assert_eq!(display_width("本年值\n（2023年）"), 10);
}

#[test]
fn clip_respects_utf16_limits() {
    let s = "字".repeat(40);
    assert_eq!(clip(&s, 32).chars().count(), 32);
    assert_eq!(clip("short", 32), "short");
}

#[test]
fn year_headers_read_back_as_their_field() {
    for f in Field::ALL {
        assert_eq!(Field::from_header(&data_header(f, 2020, 2023)), Some(f));
    }
}

#[test]
fn every_unit_with_work_gets_a_buildable_workbook() {
    let cat = Catalog::builtin().unwrap();
    let units = units_with_work(&cat);
    assert!(units.iter().any(|u| u == "卫健体局"));
    assert!(!units.iter().any(|u| u == "统计局"));
    for u in &units {
        let bytes = build_template(&cat, &TemplateSpec::new(u, "古县", 2023)).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
