//! Rollups over areas (汇总): the series of a prefecture or province from its own values and those of
//! the areas below it, with the coverage of every rolled-up number.
//!
//! Pure functions over plain data (no I/O): the store gives each area's observations
//! (`store::observations::AreaObservation`, numerators and denominators included), the areas file the
//! hierarchy and the weights, the plan each indicator's aggregation and the coverage it needs. The
//! result is the one area's observations, ready for `score::evaluate`, and where each number came from.
//!
//! The rules (DHIS2's semantics; docs/METHOD.md "Rollups over areas" gives the sources):
//! - An area's own value (e.g. the prefecture's own survey figure) takes precedence over the rollup of
//!   the areas below it.
//! - Otherwise the value is rolled up from the direct children, each child taking its own value or its
//!   own rollup: counts are summed (`sum`); rates are recomputed from the summed numerators and
//!   denominators (`ratio`; a child that reported the rate without its parts cannot be counted);
//!   non-additive indicators are averaged with a declared weight (`weighted_mean`, a column of the
//!   areas file) and are not rolled up without one; `none` is never rolled up.
//! - A rollup states its coverage: how many of the children the areas file lists reported, and the
//!   share of the weight they carry. It is withheld below the plan's `[rollup]` thresholds (default:
//!   ≥ 90% of the weight — without weights, of the areas — and more than half of the areas), with the
//!   coverage as the reason. A missing area is never imputed.
//! - Areas the areas file does not know are never rolled up into anything (they are listed apart).

use crate::areas::{Areas, Level};
use crate::catalog::{AggregationMethod, Catalog, Indicator, RollupPolicy};
use crate::score::{Area, Observation, Sex};
use crate::store::observations::{AreaObservation, Item};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// (indicator, year, sex, urban–rural breakdown).
type Key = (String, i32, Sex, Area);

/// Where a number of the evaluated area came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 本级填报: reported by the area itself.
    Own,
    /// 下级汇总: rolled up from the areas below.
    Rollup,
    /// 未汇总（覆盖率不足等）: a rollup that could not be shown; the explanation says why.
    Withheld,
    /// 不汇总: the indicator is shown per area only.
    NotRolledUp,
}

impl Source {
    pub fn label_zh(self) -> &'static str {
        match self {
            Source::Own => "本级填报",
            Source::Rollup => "下级汇总",
            Source::Withheld => "未汇总",
            Source::NotRolledUp => "不汇总",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Source::Own => "reported by the area",
            Source::Rollup => "rolled up",
            Source::Withheld => "withheld",
            Source::NotRolledUp => "not rolled up",
        }
    }
}

/// How much of the areas below a rolled-up number rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Direct children the areas file lists.
    pub areas_expected: usize,
    /// Of those, the ones that gave a usable number.
    pub areas_reported: usize,
    /// `areas_reported / areas_expected`.
    pub area_share: f64,
    /// The weight coverage is measured in (an areas-file column), when every child has one.
    pub weight: Option<String>,
    /// The share of that weight the reporting children carry.
    pub weight_share: Option<f64>,
    /// Names of the children without a usable number.
    pub missing: Vec<String>,
    /// Whether the thresholds are met.
    pub sufficient: bool,
}

impl Coverage {
    /// `3 个下级地区中 2 个（66.7%），女性人口占 75.0%`.
    pub fn text_zh(&self) -> String {
        let mut t = format!(
            "{} 个下级地区中 {} 个（{}）",
            self.areas_expected,
            self.areas_reported,
            pct(self.area_share)
        );
        if let (Some(w), Some(s)) = (&self.weight, self.weight_share) {
            t.push_str(&format!("，{w}占 {}", pct(s)));
        }
        t
    }

    pub fn text_en(&self) -> String {
        let mut t = format!(
            "{} of {} areas below ({})",
            self.areas_reported,
            self.areas_expected,
            pct(self.area_share)
        );
        if let (Some(w), Some(s)) = (&self.weight, self.weight_share) {
            t.push_str(&format!(", {} of the weight {w}", pct(s)));
        }
        t
    }
}

/// Where one number of the evaluated area came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueOrigin {
    pub indicator: String,
    pub year: i32,
    pub sex: Sex,
    pub area: Area,
    pub source: Source,
    /// The number scored (`None` when withheld or not rolled up).
    pub value: Option<f64>,
    pub method: AggregationMethod,
    /// For rollups (shown or withheld).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
    pub explanation: String,
    pub explanation_en: String,
}

/// The coverage of a year as a whole: which of the areas below reported anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearCoverage {
    pub year: i32,
    pub areas_expected: usize,
    pub areas_reported: usize,
    pub area_share: f64,
    pub weight: Option<String>,
    pub weight_share: Option<f64>,
    /// Names of the areas below that reported nothing for the year.
    pub missing: Vec<String>,
}

/// The evaluated area's series and where its numbers came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AreaSeries {
    /// What scoring reads, sorted.
    pub observations: Vec<Observation>,
    /// One per (indicator, year, breakdown) value the area has, had or could not have, in plan order.
    pub origins: Vec<ValueOrigin>,
    /// Per year, which areas below reported.
    pub coverage: Vec<YearCoverage>,
}

/// Counts of the evaluated area's values by where they came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SourceCounts {
    pub own: usize,
    pub rollup: usize,
    pub withheld: usize,
    pub not_rolled_up: usize,
}

/// The evaluated area as the outputs state it: which area, its place in the hierarchy, how much of the
/// areas below reported in the as-of year, and (for an area with areas below it) where each value
/// came from. Serialised as `area` in the JSON of `evaluate` and in summary.json.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaReport {
    pub name: String,
    /// GB/T 2260 code; `null` for an area the areas file does not know.
    pub code: Option<String>,
    pub level: Option<Level>,
    /// 省 / 市 / 县.
    pub level_label: Option<String>,
    pub parent: Option<String>,
    /// `山西省 › 临汾市 › 古县`.
    pub path: String,
    /// The areas file the hierarchy came from.
    pub areas_file: String,
    /// Areas directly below it in the areas file.
    pub children: usize,
    /// Of the areas below, which reported in the as-of year (`null` for an area with none below).
    pub coverage: Option<YearCoverage>,
    /// Values scored up to the as-of year, and rollups withheld or not made, by source.
    pub sources: SourceCounts,
    /// Areas of the store the areas file does not know (never rolled up).
    pub unknown_areas: Vec<String>,
    /// Where each value up to the as-of year came from, for an area with areas below it (empty for a
    /// county, whose values are all its own, and in summary.json).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ValueOrigin>,
}

impl AreaReport {
    /// The report without the per-value list (summary.json keeps the numbers).
    pub fn summary(&self) -> AreaReport {
        AreaReport {
            values: Vec::new(),
            ..self.clone()
        }
    }

    /// Whether the area's values may come from areas below it.
    pub fn is_aggregate(&self) -> bool {
        self.children > 0
    }
}

impl AreaSeries {
    /// Counts by source of the origins up to `year`.
    pub fn counts(&self, year: i32) -> SourceCounts {
        let mut c = SourceCounts::default();
        for o in self.origins.iter().filter(|o| o.year <= year) {
            match o.source {
                Source::Own => c.own += 1,
                Source::Rollup => c.rollup += 1,
                Source::Withheld => c.withheld += 1,
                Source::NotRolledUp => c.not_rolled_up += 1,
            }
        }
        c
    }
}

#[derive(Debug, Clone)]
struct Node {
    value: Option<f64>,
    numerator: Option<f64>,
    denominator: Option<f64>,
    source: Source,
    coverage: Option<Coverage>,
    explanation: String,
    explanation_en: String,
}

impl Node {
    fn own(value: f64, numerator: Option<f64>, denominator: Option<f64>) -> Node {
        Node {
            value: Some(value),
            numerator,
            denominator,
            source: Source::Own,
            coverage: None,
            explanation: "本级填报（优先于下级汇总）".into(),
            explanation_en: "reported by the area itself (takes precedence over the rollup)".into(),
        }
    }

    fn without(source: Source, coverage: Option<Coverage>, zh: String, en: String) -> Node {
        Node {
            value: None,
            numerator: None,
            denominator: None,
            source,
            coverage,
            explanation: zh,
            explanation_en: en,
        }
    }
}

/// One area's own numbers: (key, item) → value.
type Own = HashMap<(Key, Item), f64>;

struct Rollup<'a> {
    cat: &'a Catalog,
    areas: &'a Areas,
    policy: &'a RollupPolicy,
    own: HashMap<String, Own>,
    memo: HashMap<String, BTreeMap<Key, Node>>,
}

/// The series of the area `code` from the observations of it and the areas below it (`observations`,
/// whose `org` is the division code). An area without children in the areas file gets its own values.
pub fn area_series(
    cat: &Catalog,
    areas: &Areas,
    code: &str,
    observations: &[AreaObservation],
) -> AreaSeries {
    let mut own: HashMap<String, Own> = HashMap::new();
    for o in observations {
        own.entry(o.org.clone()).or_default().insert(
            ((o.indicator.clone(), o.year, o.sex, o.area), o.item),
            o.value,
        );
    }
    let mut r = Rollup {
        cat,
        areas,
        policy: &cat.plan.rollup,
        own,
        memo: HashMap::new(),
    };
    let nodes = r.nodes(code, 0);

    let mut out = AreaSeries::default();
    for (key, node) in &nodes {
        let Some(ind) = cat.indicator(&key.0) else {
            continue;
        };
        if let Some(v) = node.value {
            out.observations.push(Observation {
                indicator: key.0.clone(),
                year: key.1,
                sex: key.2,
                area: key.3,
                field: crate::score::Field::Value,
                value: v,
            });
        }
        out.origins.push(ValueOrigin {
            indicator: key.0.clone(),
            year: key.1,
            sex: key.2,
            area: key.3,
            source: node.source,
            value: node.value,
            method: ind.aggregation.method,
            coverage: node.coverage.clone(),
            explanation: node.explanation.clone(),
            explanation_en: node.explanation_en.clone(),
        });
    }
    // Yearly targets handed down are the area's own (a prefecture's targets are its own, never a sum).
    if let Some(mine) = r.own.get(code) {
        for ((key, item), v) in mine {
            if *item == Item::Target {
                out.observations.push(Observation {
                    indicator: key.0.clone(),
                    year: key.1,
                    sex: key.2,
                    area: key.3,
                    field: crate::score::Field::Target,
                    value: *v,
                });
            }
        }
    }
    out.observations.sort_by(|a, b| {
        (&a.indicator, a.year, a.sex, a.area, a.field).cmp(&(
            &b.indicator,
            b.year,
            b.sex,
            b.area,
            b.field,
        ))
    });
    let order: HashMap<&str, usize> = cat
        .indicators()
        .enumerate()
        .map(|(i, (_, _, ind))| (ind.code.as_str(), i))
        .collect();
    out.origins.sort_by_key(|o| {
        (
            order
                .get(o.indicator.as_str())
                .copied()
                .unwrap_or(usize::MAX),
            o.year,
            o.sex,
            o.area,
        )
    });
    out.coverage = r.year_coverage(code);
    out
}

impl Rollup<'_> {
    /// Every number of the area `code`, own or rolled up (memoised: a province asks each prefecture
    /// once).
    fn nodes(&mut self, code: &str, depth: usize) -> BTreeMap<Key, Node> {
        if let Some(m) = self.memo.get(code) {
            return m.clone();
        }
        let children: Vec<String> = if depth > Level::ALL.len() + 4 {
            Vec::new() // the hierarchy strictly descends; a guard all the same
        } else {
            self.areas
                .children(code)
                .iter()
                .map(|d| d.code.clone())
                .collect()
        };
        let child_nodes: Vec<(String, BTreeMap<Key, Node>)> = children
            .iter()
            .map(|c| (c.clone(), self.nodes(c, depth + 1)))
            .collect();
        let empty = Own::new();
        let own = self.own.get(code).unwrap_or(&empty);
        let mut keys: BTreeSet<Key> = own
            .keys()
            .filter(|(_, item)| *item == Item::Value)
            .map(|(k, _)| k.clone())
            .collect();
        for (_, m) in &child_nodes {
            keys.extend(m.keys().cloned());
        }
        let mut out = BTreeMap::new();
        for key in keys {
            let Some(ind) = self.cat.indicator(&key.0) else {
                continue;
            };
            let own_item = |item: Item| own.get(&(key.clone(), item)).copied();
            if let Some(v) = own_item(Item::Value) {
                let mut node = Node::own(v, own_item(Item::Numerator), own_item(Item::Denominator));
                // An own rate without its parts is this area's figure; the area above still pools
                // counts, so it gets the parts summed from below when they are complete enough.
                if node.numerator.is_none() && !child_nodes.is_empty() {
                    let below = self.roll_up(ind, &key, &child_nodes);
                    if below.source == Source::Rollup {
                        node.numerator = below.numerator;
                        node.denominator = below.denominator;
                    }
                }
                out.insert(key.clone(), node);
                continue;
            }
            if child_nodes.is_empty() {
                continue;
            }
            out.insert(key.clone(), self.roll_up(ind, &key, &child_nodes));
        }
        self.memo.insert(code.to_string(), out.clone());
        out
    }

    /// The coverage weight of an indicator: its own, else the plan's.
    fn coverage_weight(&self, ind: &Indicator) -> Option<String> {
        ind.aggregation
            .weight
            .clone()
            .or_else(|| self.policy.weight.clone())
    }

    fn coverage(&self, ind: &Indicator, children: &[String], reported: &[bool]) -> Coverage {
        let expected = children.len();
        let n = reported.iter().filter(|r| **r).count();
        let area_share = if expected == 0 {
            0.0
        } else {
            n as f64 / expected as f64
        };
        let weight = self
            .coverage_weight(ind)
            .filter(|w| self.areas.weight_names().contains(w));
        let weights: Option<Vec<f64>> = weight.as_ref().and_then(|w| {
            children
                .iter()
                .map(|c| self.areas.weight(c, w))
                .collect::<Option<Vec<f64>>>()
        });
        let weight_share = weights.as_ref().and_then(|ws| {
            let total: f64 = ws.iter().sum();
            (total > 0.0).then(|| {
                ws.iter()
                    .zip(reported)
                    .filter(|(_, r)| **r)
                    .map(|(w, _)| w)
                    .sum::<f64>()
                    / total
            })
        });
        const EPS: f64 = 1e-9;
        let sufficient = area_share > self.policy.min_area_share + EPS
            && match weight_share {
                Some(s) => s + EPS >= self.policy.min_weight_share,
                None => area_share + EPS >= self.policy.min_weight_share,
            };
        Coverage {
            areas_expected: expected,
            areas_reported: n,
            area_share,
            weight: weight_share.and(weight),
            weight_share,
            missing: children
                .iter()
                .zip(reported)
                .filter(|(_, r)| !**r)
                .map(|(c, _)| self.name(c))
                .collect(),
            sufficient,
        }
    }

    fn name(&self, code: &str) -> String {
        self.areas
            .get(code)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    fn roll_up(
        &self,
        ind: &Indicator,
        key: &Key,
        children: &[(String, BTreeMap<Key, Node>)],
    ) -> Node {
        let method = ind.aggregation.method;
        let codes: Vec<String> = children.iter().map(|(c, _)| c.clone()).collect();
        let at: Vec<Option<&Node>> = children
            .iter()
            .map(|(_, m)| {
                m.get(key)
                    .filter(|n| n.value.is_some() || n.numerator.is_some())
            })
            .collect();
        let withheld = |coverage: Coverage, zh: String, en: String| {
            Node::without(Source::Withheld, Some(coverage), zh, en)
        };
        match method {
            AggregationMethod::None => Node::without(
                Source::NotRolledUp,
                None,
                "该指标不汇总（汇总方式为不汇总），只显示各地区的值".into(),
                "this indicator is not rolled up (aggregation none); shown per area only".into(),
            ),
            AggregationMethod::Sum => {
                let reported: Vec<bool> = at
                    .iter()
                    .map(|n| n.and_then(|n| n.value).is_some())
                    .collect();
                let cov = self.coverage(ind, &codes, &reported);
                let total: f64 = at.iter().filter_map(|n| n.and_then(|n| n.value)).sum();
                if !cov.sufficient {
                    return withheld(
                        cov.clone(),
                        withheld_zh(&cov, self.policy),
                        withheld_en(&cov, self.policy),
                    );
                }
                Node {
                    value: Some(total),
                    numerator: None,
                    denominator: None,
                    source: Source::Rollup,
                    explanation: format!("下级地区求和 {}（覆盖 {}）", num(total), cov.text_zh()),
                    explanation_en: format!(
                        "sum over the areas below, {} (coverage {})",
                        num(total),
                        cov.text_en()
                    ),
                    coverage: Some(cov),
                }
            }
            AggregationMethod::Ratio => {
                let parts: Vec<Option<(f64, f64)>> = at
                    .iter()
                    .map(|n| {
                        n.and_then(|n| match (n.numerator, n.denominator) {
                            (Some(a), Some(b)) if b > 0.0 => Some((a, b)),
                            _ => None,
                        })
                    })
                    .collect();
                let reported: Vec<bool> = parts.iter().map(Option::is_some).collect();
                let rate_only = at
                    .iter()
                    .zip(&parts)
                    .filter(|(n, p)| p.is_none() && n.and_then(|n| n.value).is_some())
                    .count();
                let cov = self.coverage(ind, &codes, &reported);
                let (a, b) = parts
                    .iter()
                    .flatten()
                    .fold((0.0, 0.0), |(x, y), (a, b)| (x + a, y + b));
                let scale = ind.unit.rate_scale().unwrap_or(100.0);
                let parts_note = if rate_only > 0 {
                    format!("；{rate_only} 个地区只报了比率、没有分子和分母，不能计入")
                } else {
                    String::new()
                };
                let parts_note_en = if rate_only > 0 {
                    format!("; {rate_only} area(s) reported the rate without numerator and denominator and cannot be counted")
                } else {
                    String::new()
                };
                if !cov.sufficient || b <= 0.0 {
                    return withheld(
                        cov.clone(),
                        format!("{}{parts_note}", withheld_zh(&cov, self.policy)),
                        format!("{}{parts_note_en}", withheld_en(&cov, self.policy)),
                    );
                }
                let v = a / b * scale;
                Node {
                    value: Some(v),
                    numerator: Some(a),
                    denominator: Some(b),
                    source: Source::Rollup,
                    explanation: format!(
                        "由下级地区的分子、分母汇总后重算：{} ÷ {} × {} = {}（覆盖 {}）{parts_note}",
                        num(a),
                        num(b),
                        num(scale),
                        num(v),
                        cov.text_zh()
                    ),
                    explanation_en: format!(
                        "recomputed from the summed numerators and denominators: {} / {} × {} = {} (coverage {}){parts_note_en}",
                        num(a),
                        num(b),
                        num(scale),
                        num(v),
                        cov.text_en()
                    ),
                    coverage: Some(cov),
                }
            }
            AggregationMethod::WeightedMean => {
                let Some(w) = self.coverage_weight(ind) else {
                    return Node::without(
                        Source::NotRolledUp,
                        None,
                        "按加权平均汇总，但计划文件没有指定权重，不汇总".into(),
                        "a weighted mean without a declared weight: not rolled up".into(),
                    );
                };
                if !self.areas.weight_names().contains(&w) {
                    return Node::without(
                        Source::NotRolledUp,
                        None,
                        format!(
                            "按“{w}”加权平均汇总，但地区表 {} 没有“{w}”列，不汇总（不作简单相加或平均）",
                            self.areas.source
                        ),
                        format!(
                            "a mean weighted by \"{w}\", but the areas file {} has no such column: not rolled up (never summed or averaged unweighted)",
                            self.areas.source
                        ),
                    );
                }
                let values: Vec<Option<(f64, Option<f64>)>> = at
                    .iter()
                    .zip(&codes)
                    .map(|(n, c)| {
                        n.and_then(|n| n.value)
                            .map(|v| (v, self.areas.weight(c, &w)))
                    })
                    .collect();
                let unweighted: Vec<String> = values
                    .iter()
                    .zip(&codes)
                    .filter(|(v, _)| matches!(v, Some((_, None))))
                    .map(|(_, c)| self.name(c))
                    .collect();
                let reported: Vec<bool> = values
                    .iter()
                    .map(|v| matches!(v, Some((_, Some(_)))))
                    .collect();
                let cov = self.coverage(ind, &codes, &reported);
                if !unweighted.is_empty() {
                    return withheld(
                        cov,
                        format!("{} 在地区表中没有“{w}”，无法加权，未汇总", unweighted.join("、")),
                        format!("{} have no \"{w}\" in the areas file: cannot be weighted, not rolled up", unweighted.join(", ")),
                    );
                }
                let (sw, swx) = values
                    .iter()
                    .flatten()
                    .filter_map(|(v, w)| w.map(|w| (w, w * v)))
                    .fold((0.0, 0.0), |(a, b), (w, wx)| (a + w, b + wx));
                if !cov.sufficient || sw <= 0.0 {
                    return withheld(
                        cov.clone(),
                        withheld_zh(&cov, self.policy),
                        withheld_en(&cov, self.policy),
                    );
                }
                let v = swx / sw;
                Node {
                    value: Some(v),
                    numerator: None,
                    denominator: None,
                    source: Source::Rollup,
                    explanation: format!(
                        "下级地区按{w}加权平均 {}（覆盖 {}）",
                        num(v),
                        cov.text_zh()
                    ),
                    explanation_en: format!(
                        "mean of the areas below weighted by {w}, {} (coverage {})",
                        num(v),
                        cov.text_en()
                    ),
                    coverage: Some(cov),
                }
            }
        }
    }

    /// For each year with any number below: which children reported anything (own or rolled up).
    fn year_coverage(&mut self, code: &str) -> Vec<YearCoverage> {
        let children: Vec<String> = self
            .areas
            .children(code)
            .iter()
            .map(|d| d.code.clone())
            .collect();
        if children.is_empty() {
            return Vec::new();
        }
        let per_child: Vec<BTreeSet<i32>> = children
            .iter()
            .map(|c| {
                self.nodes(c, 1)
                    .iter()
                    .filter(|(_, n)| n.value.is_some())
                    .map(|(k, _)| k.1)
                    .collect()
            })
            .collect();
        let years: BTreeSet<i32> = per_child.iter().flatten().copied().collect();
        let weight = self
            .policy
            .weight
            .clone()
            .filter(|w| self.areas.weight_names().contains(w));
        let weights: Option<Vec<f64>> = weight
            .as_ref()
            .and_then(|w| children.iter().map(|c| self.areas.weight(c, w)).collect());
        years
            .into_iter()
            .map(|year| {
                let reported: Vec<bool> = per_child.iter().map(|ys| ys.contains(&year)).collect();
                let n = reported.iter().filter(|r| **r).count();
                let weight_share = weights.as_ref().and_then(|ws| {
                    let total: f64 = ws.iter().sum();
                    (total > 0.0).then(|| {
                        ws.iter()
                            .zip(&reported)
                            .filter(|(_, r)| **r)
                            .map(|(w, _)| w)
                            .sum::<f64>()
                            / total
                    })
                });
                YearCoverage {
                    year,
                    areas_expected: children.len(),
                    areas_reported: n,
                    area_share: n as f64 / children.len() as f64,
                    weight: weight_share.and(weight.clone()),
                    weight_share,
                    missing: children
                        .iter()
                        .zip(&reported)
                        .filter(|(_, r)| !**r)
                        .map(|(c, _)| self.name(c))
                        .collect(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
mod wording;

use wording::{num, pct, withheld_en, withheld_zh};
