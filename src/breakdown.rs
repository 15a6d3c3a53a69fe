//! The breakdown vocabulary, defined once: sex (合计/女/男), urban–rural area (合计/城镇/农村) and what a
//! stored number is (数值/分子/分母/目标值). The store keeps each as its key (`total`, `female`, …);
//! intake, validation, scoring, rollups and every output read and write them through these types, and
//! their labels in both languages come from here.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The sex breakdown of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Total,
    Female,
    Male,
}

/// The urban–rural breakdown of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Total,
    Urban,
    Rural,
}

/// What a stored number is: the indicator's value, a part of a rate (what a rollup sums), or a
/// yearly target supplied with the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Item {
    Value,
    Numerator,
    Denominator,
    Target,
}

/// What an observation's number is to scoring: a value or a supplied target (rates' parts are not
/// scored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The indicator's value.
    Value,
    /// The year's target supplied with the data (`external` targets: 国家下达的指标).
    Target,
}

macro_rules! vocabulary {
    ($t:ident { $($v:ident = $key:literal, $zh:literal, $en:literal;)* }) => {
        impl $t {
            /// Every word, in the order outputs list them.
            pub const ALL: [$t; [$($key),*].len()] = [$($t::$v),*];
            /// The store's keys, in the same order.
            pub const KEYS: [&'static str; [$($key),*].len()] = [$($key),*];

            /// The store's key (`female`).
            pub fn key(self) -> &'static str {
                match self { $($t::$v => $key,)* }
            }

            /// The word a store key names; `None` for anything else.
            pub fn from_key(key: &str) -> Option<$t> {
                match key { $($key => Some($t::$v),)* _ => None }
            }

            pub fn label_zh(self) -> &'static str {
                match self { $($t::$v => $zh,)* }
            }

            pub fn label_en(self) -> &'static str {
                match self { $($t::$v => $en,)* }
            }

            /// The label in `lang`.
            pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
                match lang {
                    crate::i18n::Lang::Zh => self.label_zh(),
                    crate::i18n::Lang::En => self.label_en(),
                }
            }

            /// Position in [`Self::ALL`] of a store key; unknown keys last.
            pub fn rank_of_key(key: &str) -> usize {
                Self::from_key(key).map_or(Self::ALL.len(), |v| v as usize)
            }
        }
    };
}

vocabulary!(Sex {
    Total = "total", "合计", "total";
    Female = "female", "女", "female";
    Male = "male", "男", "male";
});

vocabulary!(Area {
    Total = "total", "合计", "total";
    Urban = "urban", "城镇", "urban";
    Rural = "rural", "农村", "rural";
});

vocabulary!(Item {
    Value = "value", "数值", "value";
    Numerator = "numerator", "分子", "numerator";
    Denominator = "denominator", "分母", "denominator";
    Target = "target", "目标值", "target";
});

vocabulary!(Field {
    Value = "value", "数值", "value";
    Target = "target", "目标值", "target";
});

impl Item {
    /// What scoring makes of it; `None` for a rate's parts.
    pub fn field(self) -> Option<Field> {
        match self {
            Item::Value => Some(Field::Value),
            Item::Target => Some(Field::Target),
            Item::Numerator | Item::Denominator => None,
        }
    }

    /// A rate's numerator or denominator (counted in persons, not the indicator's unit).
    pub fn is_part(self) -> bool {
        matches!(self, Item::Numerator | Item::Denominator)
    }
}

/// Chinese label of a sex key (`合计` for anything unknown).
pub fn sex_label(key: &str) -> &'static str {
    Sex::from_key(key).unwrap_or(Sex::Total).label_zh()
}

/// Chinese label of an urban–rural key (`合计` for anything unknown).
pub fn area_label(key: &str) -> &'static str {
    Area::from_key(key).unwrap_or(Area::Total).label_zh()
}

/// Chinese label of an item key (`数值` for anything unknown).
pub fn item_label(key: &str) -> &'static str {
    Item::from_key(key).unwrap_or(Item::Value).label_zh()
}

/// The group a stored row's keys name, as a terminal line says it: `合计`, `女`, `城镇·分子` ….
pub fn label_zh(sex: &str, area: &str, item: &str) -> String {
    label(Lang::Zh, sex, area, item)
}

/// The group a stored row's keys name in one language: `合计` / `total`, `城镇·分子` / `urban·numerator`.
/// Unknown keys read as the total and the value.
pub fn label(lang: Lang, sex: &str, area: &str, item: &str) -> String {
    let group = match Sex::from_key(sex) {
        Some(s) if s != Sex::Total => s.label(lang),
        _ => Area::from_key(area).unwrap_or(Area::Total).label(lang),
    };
    match Item::from_key(item) {
        Some(i) if i != Item::Value => format!("{group}·{}", i.label(lang)),
        _ => group.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_rank_in_order() {
        for s in Sex::ALL {
            assert_eq!(Sex::from_key(s.key()), Some(s));
        }
        for i in Item::ALL {
            assert_eq!(Item::from_key(i.key()), Some(i));
        }
        assert_eq!(Sex::KEYS, ["total", "female", "male"]);
        assert_eq!(Item::rank_of_key("target"), 3);
        assert_eq!(Area::rank_of_key("nowhere"), 3);
        assert_eq!(label_zh("total", "urban", "numerator"), "城镇·分子");
        assert_eq!(label_zh("female", "total", "value"), "女");
        assert_eq!(
            label(Lang::En, "total", "urban", "numerator"),
            format!("{}·{}", Area::Urban.label_en(), Item::Numerator.label_en())
        );
    }
}
