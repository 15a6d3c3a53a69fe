//! The rollup rules on the built-in plan and a small prefecture.

use super::*;
use crate::areas;

const PREFECTURE: &str =
    "代码,名称,上级代码,级别,女性人口\n140000,山西省,,省,\n141000,临汾市,140000,市,\n\
    141025,古县,141000,县,40000\n141026,安泽县,141000,县,30000\n141027,浮山县,141000,县,30000\n";

fn areas_with(text: &str) -> Areas {
    areas::parse(text.as_bytes(), "areas.csv").areas.unwrap()
}

fn obs(org: &str, indicator: &str, year: i32, item: Item, value: f64) -> AreaObservation {
    AreaObservation {
        org: org.into(),
        indicator: indicator.into(),
        year,
        sex: Sex::Total,
        area: Area::Total,
        item,
        value,
    }
}

/// A county's maternal mortality with its deaths and live births.
fn maternal(org: &str, year: i32, deaths: f64, births: f64) -> Vec<AreaObservation> {
    vec![
        obs(
            org,
            "maternal_mortality",
            year,
            Item::Value,
            deaths / births * 100_000.0,
        ),
        obs(org, "maternal_mortality", year, Item::Numerator, deaths),
        obs(org, "maternal_mortality", year, Item::Denominator, births),
    ]
}

fn origin<'s>(s: &'s AreaSeries, indicator: &str, year: i32) -> &'s ValueOrigin {
    s.origins
        .iter()
        .find(|o| {
            o.indicator == indicator
                && o.year == year
                && o.sex == Sex::Total
                && o.area == Area::Total
        })
        .unwrap_or_else(|| panic!("no origin for {indicator} {year}: {:?}", s.origins))
}

#[test]
fn a_rate_is_recomputed_from_summed_parts_not_averaged() {
    let cat = Catalog::builtin().unwrap();
    let a = areas_with(PREFECTURE);
    let mut o = maternal("141025", 2023, 1.0, 5000.0);
    o.extend(maternal("141026", 2023, 0.0, 3000.0));
    o.extend(maternal("141027", 2023, 2.0, 8000.0));
    let s = area_series(&cat, &a, "141000", &o);
    let mm = origin(&s, "maternal_mortality", 2023);
    assert_eq!(mm.source, Source::Rollup);
    let pooled = 3.0 / 16000.0 * 100_000.0;
    let mean_of_rates = (20.0 + 0.0 + 25.0) / 3.0;
    assert!((mm.value.unwrap() - pooled).abs() < 1e-9, "{mm:?}");
    assert!((mm.value.unwrap() - mean_of_rates).abs() > 3.0);
    let cov = mm.coverage.as_ref().unwrap();
    assert_eq!((cov.areas_reported, cov.areas_expected), (3, 3));
    assert_eq!(cov.weight_share, Some(1.0));
    assert!(
        mm.explanation.contains("3 ÷ 16000 × 100000"),
        "{}",
        mm.explanation
    );
    assert!(s
        .observations
        .iter()
        .any(|x| x.indicator == "maternal_mortality"
            && x.year == 2023
            && (x.value - pooled).abs() < 1e-9));
}

#[test]
fn a_missing_county_lowers_coverage_and_below_the_threshold_the_rollup_is_withheld() {
    let cat = Catalog::builtin().unwrap();
    let a = areas_with(PREFECTURE);
    let mut o = maternal("141025", 2023, 1.0, 5000.0);
    o.extend(maternal("141026", 2023, 0.0, 3000.0));
    let s = area_series(&cat, &a, "141000", &o);
    let mm = origin(&s, "maternal_mortality", 2023);
    assert_eq!((mm.source, mm.value), (Source::Withheld, None));
    let cov = mm.coverage.as_ref().unwrap();
    assert_eq!((cov.areas_reported, cov.areas_expected), (2, 3));
    assert!((cov.weight_share.unwrap() - 0.7).abs() < 1e-9);
    assert_eq!(cov.missing, ["浮山县"]);
    assert!(mm.explanation.contains("覆盖率不足"), "{}", mm.explanation);
    assert!(mm.explanation.contains("浮山县"), "{}", mm.explanation);
    assert!(!s
        .observations
        .iter()
        .any(|x| x.indicator == "maternal_mortality"));
    let year = s.coverage.iter().find(|c| c.year == 2023).unwrap();
    assert_eq!(
        (year.areas_reported, year.missing.clone()),
        (2, vec!["浮山县".to_string()])
    );
}

#[test]
fn without_weights_the_share_of_areas_decides() {
    let cat = Catalog::builtin().unwrap();
    let no_weights = "代码,名称,上级代码,级别\n141000,临汾市,,市\n141025,古县,141000,县\n\
        141026,安泽县,141000,县\n141027,浮山县,141000,县\n";
    let a = areas_with(no_weights);
    let mut o = maternal("141025", 2023, 1.0, 5000.0);
    o.extend(maternal("141026", 2023, 0.0, 3000.0));
    let s = area_series(&cat, &a, "141000", &o);
    let mm = origin(&s, "maternal_mortality", 2023);
    assert_eq!(mm.source, Source::Withheld, "2/3 of the areas is below 90%");
    assert_eq!(mm.coverage.as_ref().unwrap().weight_share, None);

    // With a lower bar, the same two counties give the pooled rate of the two.
    let mut lenient = cat.clone();
    lenient.plan.rollup.min_weight_share = 0.6;
    let s = area_series(&lenient, &a, "141000", &o);
    let mm = origin(&s, "maternal_mortality", 2023);
    assert_eq!(mm.source, Source::Rollup);
    assert!((mm.value.unwrap() - 1.0 / 8000.0 * 100_000.0).abs() < 1e-9);
}

#[test]
fn life_expectancy_is_averaged_only_with_weights_and_never_summed() {
    let cat = Catalog::builtin().unwrap();
    let le = |org: &str, v: f64| obs(org, "life_expectancy_female", 2023, Item::Value, v);
    let o = vec![le("141025", 78.0), le("141026", 80.0), le("141027", 79.0)];

    let weighted = area_series(&cat, &areas_with(PREFECTURE), "141000", &o);
    let v = origin(&weighted, "life_expectancy_female", 2023);
    assert_eq!(v.source, Source::Rollup);
    let want = (78.0 * 40000.0 + 80.0 * 30000.0 + 79.0 * 30000.0) / 100000.0;
    assert!((v.value.unwrap() - want).abs() < 1e-9, "{v:?}");

    let no_weights = "代码,名称,上级代码,级别\n141000,临汾市,,市\n141025,古县,141000,县\n\
        141026,安泽县,141000,县\n141027,浮山县,141000,县\n";
    let s = area_series(&cat, &areas_with(no_weights), "141000", &o);
    let v = origin(&s, "life_expectancy_female", 2023);
    assert_eq!((v.source, v.value), (Source::NotRolledUp, None));
    assert!(v.explanation.contains("女性人口"), "{}", v.explanation);
    assert!(!s
        .observations
        .iter()
        .any(|x| x.indicator == "life_expectancy_female"));
}

#[test]
fn counts_are_summed_and_an_own_value_takes_precedence() {
    let cat = Catalog::builtin().unwrap();
    let a = areas_with(PREFECTURE);
    let ex = |org: &str, v: f64| obs(org, "women_regular_exercise", 2023, Item::Value, v);
    let mut o = vec![
        ex("141025", 100.0),
        ex("141026", 200.0),
        ex("141027", 300.0),
    ];
    let s = area_series(&cat, &a, "141000", &o);
    assert_eq!(
        origin(&s, "women_regular_exercise", 2023).value,
        Some(600.0)
    );

    o.push(ex("141000", 650.0));
    o.extend(maternal("141000", 2023, 2.0, 15000.0));
    let s = area_series(&cat, &a, "141000", &o);
    let own = origin(&s, "women_regular_exercise", 2023);
    assert_eq!((own.source, own.value), (Source::Own, Some(650.0)));
    assert_eq!(origin(&s, "maternal_mortality", 2023).source, Source::Own);
}

#[test]
fn a_province_rolls_up_its_prefectures_own_or_rolled_up_parts() {
    let cat = Catalog::builtin().unwrap();
    let text = "代码,名称,上级代码,级别\n140000,山西省,,省\n140100,太原市,140000,市\n\
        141000,临汾市,140000,市\n141025,古县,141000,县\n141026,安泽县,141000,县\n";
    let a = areas_with(text);
    // 临汾市 from its two counties, 太原市 its own figure with its parts.
    let mut o = maternal("141025", 2023, 1.0, 5000.0);
    o.extend(maternal("141026", 2023, 1.0, 5000.0));
    o.extend(maternal("140100", 2023, 3.0, 20000.0));
    let s = area_series(&cat, &a, "140000", &o);
    let mm = origin(&s, "maternal_mortality", 2023);
    assert_eq!(mm.source, Source::Rollup);
    assert!(
        (mm.value.unwrap() - 5.0 / 30000.0 * 100_000.0).abs() < 1e-9,
        "{mm:?}"
    );
}

#[test]
fn a_prefecture_s_own_rate_without_parts_passes_its_counties_parts_up() {
    let cat = Catalog::builtin().unwrap();
    let text = "代码,名称,上级代码,级别\n140000,山西省,,省\n140100,太原市,140000,市\n\
        141000,临汾市,140000,市\n141025,古县,141000,县\n141026,安泽县,141000,县\n";
    let a = areas_with(text);
    let mut o = maternal("141025", 2023, 1.0, 5000.0);
    o.extend(maternal("141026", 2023, 1.0, 5000.0));
    // 临汾市's own survey figure, without numerator and denominator.
    o.push(obs("141000", "maternal_mortality", 2023, Item::Value, 19.0));
    o.extend(maternal("140100", 2023, 3.0, 20000.0));
    let pref = area_series(&cat, &a, "141000", &o);
    assert_eq!(origin(&pref, "maternal_mortality", 2023).value, Some(19.0));
    let prov = area_series(&cat, &a, "140000", &o);
    let mm = origin(&prov, "maternal_mortality", 2023);
    assert!(
        (mm.value.unwrap() - 5.0 / 30000.0 * 100_000.0).abs() < 1e-9,
        "{mm:?}"
    );
}

#[test]
fn a_county_gets_its_own_values_and_targets() {
    let cat = Catalog::builtin().unwrap();
    let a = areas_with(PREFECTURE);
    let mut o = maternal("141025", 2023, 1.0, 5000.0);
    o.push(obs(
        "141025",
        "air_quality_good_days_share",
        2023,
        Item::Target,
        80.0,
    ));
    o.extend(maternal("141026", 2023, 5.0, 5000.0));
    let s = area_series(&cat, &a, "141025", &o);
    assert!(s.coverage.is_empty());
    assert!(s.origins.iter().all(|x| x.source == Source::Own));
    let values: Vec<f64> = s.observations.iter().map(|x| x.value).collect();
    assert_eq!(values, [80.0, 20.0], "sorted by indicator code");
}
