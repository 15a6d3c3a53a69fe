//! The target grammar: what each kind of target means, when a value meets a bound, and how the plan's
//! own wording maps to a kind.
//!
//! `TargetKind` is the one list of target kinds. Bounds follow Chinese legal usage (民法典 第一千二百五十九条):
//! 以上、以下、以内 include the number itself; 超过、不满、以外 exclude it. A plan file says which with
//! `inclusive` (default true). `read_wording` lets the plan checker catch a target whose kind or value
//! disagrees with the sentence of the plan it was taken from.

use serde::Serialize;

/// Every kind of target an indicator can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// 达到 X (以上) / 不低于 X: the latest value ≥ X.
    AtLeast,
    /// 下降到 X 以内 / 以下: the latest value ≤ X.
    AtMost,
    /// X 左右: the latest value within X ± tolerance.
    Around,
    /// 保持在 / 稳定在 X 以上: every reported year ≥ X.
    MaintainAtLeast,
    /// 逐步提高 / 不断提高 / 持续增加: the trend rises against the baseline.
    Increase,
    /// 减少 / 降低 / 下降: the trend falls against the baseline.
    Decrease,
    /// 城乡差距缩小 / 男女差距缩小: the gap between two groups shrinks against the baseline.
    GapNarrows,
    /// 不少于 another indicator: value ≥ the other indicator in the same year.
    NotBelow,
    /// 与 … 相适应: within tolerance of another indicator in the same year.
    Matches,
    /// 上升趋势减缓: the rise per year falls.
    GrowthSlows,
    /// 确保完成国家下达的指标: each year's target is supplied with the data.
    External,
    /// Monitored as the reference of another target (e.g. 党员总数中的女性比例); not scored on its own.
    Reference,
}

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// Closer to a value (or band) is better.
    Band,
    /// Not judged by direction (reference indicators).
    None,
}

impl Direction {
    pub fn key(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::Band => "band",
            Direction::None => "none",
        }
    }
    pub fn from_key(key: &str) -> Option<Self> {
        [
            Direction::Increase,
            Direction::Decrease,
            Direction::Band,
            Direction::None,
        ]
        .into_iter()
        .find(|d| d.key() == key)
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Direction::Increase => "越高越好",
            Direction::Decrease => "越低越好",
            Direction::Band => "接近目标为好",
            Direction::None => "不评价方向",
        }
    }
}

/// A dimension an indicator is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// 性别: female / male.
    Sex,
    /// 城乡: urban / rural.
    Area,
}

impl Dimension {
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Sex => "sex",
            Dimension::Area => "area",
        }
    }
    pub fn from_key(key: &str) -> Option<Self> {
        [Dimension::Sex, Dimension::Area]
            .into_iter()
            .find(|d| d.key() == key)
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Dimension::Sex => "男女",
            Dimension::Area => "城乡",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Dimension::Sex => "sex",
            Dimension::Area => "urban–rural",
        }
    }
    /// The two groups, Chinese labels, in the order templates list them.
    pub fn groups_zh(self) -> [&'static str; 2] {
        match self {
            Dimension::Sex => ["女", "男"],
            Dimension::Area => ["城镇", "农村"],
        }
    }
}

impl TargetKind {
    pub const ALL: &'static [TargetKind] = &[
        TargetKind::AtLeast,
        TargetKind::AtMost,
        TargetKind::Around,
        TargetKind::MaintainAtLeast,
        TargetKind::Increase,
        TargetKind::Decrease,
        TargetKind::GapNarrows,
        TargetKind::NotBelow,
        TargetKind::Matches,
        TargetKind::GrowthSlows,
        TargetKind::External,
        TargetKind::Reference,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TargetKind::AtLeast => "at_least",
            TargetKind::AtMost => "at_most",
            TargetKind::Around => "around",
            TargetKind::MaintainAtLeast => "maintain_at_least",
            TargetKind::Increase => "increase",
            TargetKind::Decrease => "decrease",
            TargetKind::GapNarrows => "gap_narrows",
            TargetKind::NotBelow => "not_below",
            TargetKind::Matches => "matches",
            TargetKind::GrowthSlows => "growth_slows",
            TargetKind::External => "external",
            TargetKind::Reference => "reference",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.key() == key)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TargetKind::AtLeast => "达到（不低于）",
            TargetKind::AtMost => "控制在（不高于）",
            TargetKind::Around => "左右",
            TargetKind::MaintainAtLeast => "保持在（每年不低于）",
            TargetKind::Increase => "提高",
            TargetKind::Decrease => "降低",
            TargetKind::GapNarrows => "差距缩小",
            TargetKind::NotBelow => "不低于另一指标",
            TargetKind::Matches => "与另一指标相适应",
            TargetKind::GrowthSlows => "上升趋势减缓",
            TargetKind::External => "完成上级下达指标",
            TargetKind::Reference => "参照指标（不单独评价）",
        }
    }

    /// A threshold value `value = X` is required.
    pub fn needs_value(self) -> bool {
        matches!(
            self,
            TargetKind::AtLeast
                | TargetKind::AtMost
                | TargetKind::Around
                | TargetKind::MaintainAtLeast
        )
    }

    /// Another indicator `other = "code"` is required.
    pub fn needs_other(self) -> bool {
        matches!(self, TargetKind::NotBelow | TargetKind::Matches)
    }

    /// A dimension `between = "sex" | "area"` is required.
    pub fn needs_between(self) -> bool {
        self == TargetKind::GapNarrows
    }

    /// A tolerance applies (explicit, or the plan's default).
    pub fn uses_tolerance(self) -> bool {
        matches!(self, TargetKind::Around | TargetKind::Matches)
    }

    /// The direction the kind itself implies; `None` when the plan file must say (external targets).
    pub fn implied_direction(self) -> Option<Direction> {
        match self {
            TargetKind::AtLeast
            | TargetKind::MaintainAtLeast
            | TargetKind::Increase
            | TargetKind::NotBelow => Some(Direction::Increase),
            TargetKind::AtMost
            | TargetKind::Decrease
            | TargetKind::GapNarrows
            | TargetKind::GrowthSlows => Some(Direction::Decrease),
            TargetKind::Around | TargetKind::Matches => Some(Direction::Band),
            TargetKind::Reference => Some(Direction::None),
            TargetKind::External => None,
        }
    }
}

/// An indicator's target as the plan states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub kind: TargetKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Half-width of the accepted band for `around` / `matches`, in the indicator's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
    /// Whether a value equal to the bound meets it (以上/以下/以内: yes; 超过/不满/以外: no).
    pub inclusive: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub between: Option<Dimension>,
    /// For gap targets: the indicator whose disaggregated values form the gap (itself when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// For relational targets: the indicator compared with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// The plan's own words for this target.
    pub wording: String,
}

impl Target {
    /// Whether `value` meets a threshold target. `None` for kinds that are not judged on one value.
    ///
    /// `maintain_at_least` answers for a single year; the scorer asks it of every reported year.
    pub fn bound_met(&self, value: f64) -> Option<bool> {
        let bound = self.value?;
        Some(match self.kind {
            TargetKind::AtLeast | TargetKind::MaintainAtLeast => {
                if self.inclusive {
                    value >= bound
                } else {
                    value > bound
                }
            }
            TargetKind::AtMost => {
                if self.inclusive {
                    value <= bound
                } else {
                    value < bound
                }
            }
            TargetKind::Around => {
                // A value exactly at the edge of the band is within it: 左右 is about closeness, and
                // excluding the edge would make the result depend on floating-point noise.
                let tol = self.tolerance.unwrap_or(0.0);
                (value - bound).abs() <= tol + 1e-9
            }
            _ => return None,
        })
    }

    /// A short Chinese rendering, e.g. `≤ 12.5`, `30 ± 2`, `逐步提高`.
    pub fn describe_zh(&self) -> String {
        let v = self.value.map(fmt_num).unwrap_or_default();
        let tol = self.tolerance.map(fmt_num).unwrap_or_default();
        let ge = if self.inclusive { "≥" } else { ">" };
        let le = if self.inclusive { "≤" } else { "<" };
        match self.kind {
            TargetKind::AtLeast => format!("{ge} {v}"),
            TargetKind::AtMost => format!("{le} {v}"),
            TargetKind::Around => format!("{v} ± {tol}"),
            TargetKind::MaintainAtLeast => format!("每年 {ge} {v}"),
            TargetKind::Increase => "提高".into(),
            TargetKind::Decrease => "降低".into(),
            TargetKind::GapNarrows => {
                let dim = self.between.map(Dimension::label_zh).unwrap_or("");
                format!("{dim}差距缩小")
            }
            TargetKind::NotBelow => {
                format!("≥ [{}]", self.other.as_deref().unwrap_or("?"))
            }
            TargetKind::Matches => {
                format!("≈ [{}] ± {tol}", self.other.as_deref().unwrap_or("?"))
            }
            TargetKind::GrowthSlows => "上升趋势减缓".into(),
            TargetKind::External => "完成上级下达指标".into(),
            TargetKind::Reference => "参照指标".into(),
        }
    }
}

/// Formats a number without trailing zeros (`12.5`, `95`, `99.95`).
pub fn fmt_num(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// What a phrase of the plan says about a target: its kind, the number it names and whether the bound
/// includes that number.
#[derive(Debug, Clone, PartialEq)]
pub struct WordingReading {
    pub kind: TargetKind,
    pub value: Option<f64>,
    pub inclusive: bool,
}

/// Reads a target phrase of the plan (e.g. `下降到 12.5/10 万以内`) into the grammar of DESIGN.md.
///
/// Returns `None` when the phrase names no measurable target (坚持 / 完善 / 加强 …). The order of the rules
/// matters: `保持在 95% 以上` is a maintain target before it is an at-least target.
pub fn read_wording(text: &str) -> Option<WordingReading> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let value = first_quantity(&t);
    let reading = |kind, inclusive| {
        Some(WordingReading {
            kind,
            value: if kind.needs_value() { value } else { None },
            inclusive,
        })
    };
    if t.contains("国家下达") || t.contains("上级下达") {
        return reading(TargetKind::External, true);
    }
    if t.contains("上升趋势减缓") || t.contains("增速放缓") {
        return reading(TargetKind::GrowthSlows, true);
    }
    if t.contains("差距") && t.contains("缩小") {
        return reading(TargetKind::GapNarrows, true);
    }
    if t.contains("相适应") {
        return reading(TargetKind::Matches, true);
    }
    if t.contains("合理比例") || t.contains("参照") {
        return reading(TargetKind::Reference, true);
    }
    if value.is_none() && (t.contains("不少于") || t.contains("不低于")) {
        return reading(TargetKind::NotBelow, true);
    }
    if value.is_some() {
        if t.contains("左右") {
            return reading(TargetKind::Around, true);
        }
        if (t.contains("保持在") || t.contains("稳定在")) && t.contains("以上") {
            return reading(TargetKind::MaintainAtLeast, true);
        }
        if t.contains("以内") || t.contains("以下") || t.contains("不高于") || t.contains("不超过")
        {
            return reading(TargetKind::AtMost, true);
        }
        if t.contains("不满") || t.contains("低于") && !t.contains("不低于") {
            return reading(TargetKind::AtMost, false);
        }
        if t.contains("超过") {
            return reading(TargetKind::AtLeast, false);
        }
        if t.contains("达到") || t.contains("以上") || t.contains("不低于") || t.contains("不少于")
        {
            return reading(TargetKind::AtLeast, true);
        }
    }
    const UP: [&str; 6] = ["提高", "增加", "增多", "提升", "增强", "上升"];
    const DOWN: [&str; 5] = ["减少", "降低", "下降", "消除", "减轻"];
    if DOWN.iter().any(|w| t.contains(w)) {
        return reading(TargetKind::Decrease, true);
    }
    if UP.iter().any(|w| t.contains(w)) {
        return reading(TargetKind::Increase, true);
    }
    None
}

/// The first number in a phrase that is not a calendar year (`2025 年达到 85%` gives 85).
fn first_quantity(text: &str) -> Option<f64> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            let Ok(v) = s.parse::<f64>() else { continue };
            let followed_by_year = chars.get(i) == Some(&'年');
            if followed_by_year && (1900.0..=2100.0).contains(&v) {
                continue;
            }
            return Some(v);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(kind: TargetKind, value: f64, inclusive: bool) -> Target {
        Target {
            kind,
            value: Some(value),
            tolerance: None,
            inclusive,
            between: None,
            of: None,
            other: None,
            wording: String::new(),
        }
    }

    /// Reads a wording and builds the target it implies, as a plan file would state it.
    fn from_wording(w: &str, tolerance: Option<f64>) -> Target {
        let r = read_wording(w).expect(w);
        Target {
            kind: r.kind,
            value: r.value,
            tolerance,
            inclusive: r.inclusive,
            between: None,
            of: None,
            other: None,
            wording: w.into(),
        }
    }

    #[test]
    fn yixia_and_yinei_include_the_bound() {
        // 以下、以内 include the number (民法典 第一千二百五十九条).
        let t = from_wording("艾滋病母婴传播率下降到 2.5% 以下", None);
        assert_eq!(
            (t.kind, t.value, t.inclusive),
            (TargetKind::AtMost, Some(2.5), true)
        );
        assert_eq!(t.bound_met(2.5), Some(true));
        assert_eq!(t.bound_met(2.5001), Some(false));
        let t = from_wording("孕产妇死亡率下降到 12.5/10 万以内", None);
        assert_eq!((t.kind, t.value), (TargetKind::AtMost, Some(12.5)));
        assert_eq!(t.bound_met(12.5), Some(true));
        assert_eq!(t.bound_met(12.6), Some(false));
    }

    #[test]
    fn yishang_and_dadao_include_the_bound() {
        let t = from_wording("高中阶段毛入学率达到95%以上", None);
        assert_eq!(
            (t.kind, t.value, t.inclusive),
            (TargetKind::AtLeast, Some(95.0), true)
        );
        assert_eq!(t.bound_met(95.0), Some(true));
        assert_eq!(t.bound_met(94.99), Some(false));
        let t = from_wording("妇女人均预期寿命达到 78.1 岁", None);
        assert_eq!(t.bound_met(78.1), Some(true));
        assert_eq!(t.bound_met(78.0), Some(false));
    }

    #[test]
    fn chaoguo_and_buman_exclude_the_bound() {
        let t = from_wording("超过 50%", None);
        assert_eq!((t.kind, t.inclusive), (TargetKind::AtLeast, false));
        assert_eq!(t.bound_met(50.0), Some(false));
        assert_eq!(t.bound_met(50.1), Some(true));
        let t = from_wording("不满 10%", None);
        assert_eq!((t.kind, t.inclusive), (TargetKind::AtMost, false));
        assert_eq!(t.bound_met(10.0), Some(false));
        assert_eq!(t.bound_met(9.9), Some(true));
    }

    #[test]
    fn zuoyou_meets_at_the_edge_of_its_tolerance_and_not_beyond() {
        let t = from_wording("村委会成员中女性比例达到30%左右", Some(2.0));
        assert_eq!((t.kind, t.value), (TargetKind::Around, Some(30.0)));
        assert_eq!(t.bound_met(28.0), Some(true));
        assert_eq!(t.bound_met(32.0), Some(true));
        assert_eq!(t.bound_met(27.9), Some(false));
        assert_eq!(t.bound_met(32.1), Some(false));
    }

    #[test]
    fn baochi_zai_yishang_is_a_maintain_target_judged_per_year() {
        let t = from_wording("妇女基本医疗保险参保率稳定在95%以上", None);
        assert_eq!(t.kind, TargetKind::MaintainAtLeast);
        assert_eq!(t.bound_met(95.0), Some(true));
        assert_eq!(t.bound_met(94.9), Some(false));
        let t = from_wording("小学、初中阶段净入学率均保持在99.95%以上", None);
        assert_eq!(
            (t.kind, t.value),
            (TargetKind::MaintainAtLeast, Some(99.95))
        );
    }

    #[test]
    fn years_are_not_taken_for_target_values() {
        let r = read_wording("2025 年达到 85%左右").unwrap();
        assert_eq!((r.kind, r.value), (TargetKind::Around, Some(85.0)));
    }

    #[test]
    fn wordings_without_numbers_map_to_direction_kinds() {
        let k = |w: &str| read_wording(w).map(|r| r.kind);
        assert_eq!(k("逐步提高"), Some(TargetKind::Increase));
        assert_eq!(k("持续增加"), Some(TargetKind::Increase));
        assert_eq!(k("减少非意愿妊娠"), Some(TargetKind::Decrease));
        assert_eq!(k("城乡差距缩小"), Some(TargetKind::GapNarrows));
        assert_eq!(k("上升趋势减缓"), Some(TargetKind::GrowthSlows));
        assert_eq!(
            k("一般不少于本县党员总数中的女性比例"),
            Some(TargetKind::NotBelow)
        );
        assert_eq!(k("与女职工比例相适应"), Some(TargetKind::Matches));
        assert_eq!(
            k("确保完成国家下达的空气质量优良天数比例指标"),
            Some(TargetKind::External)
        );
        assert_eq!(k("坚持男女平等基本国策"), None);
    }

    #[test]
    fn relational_and_trend_kinds_have_no_single_value_bound() {
        let t = target(TargetKind::Increase, 1.0, true);
        assert_eq!(t.bound_met(5.0), None);
    }

    #[test]
    fn numbers_print_without_trailing_zeros() {
        assert_eq!(fmt_num(12.5), "12.5");
        assert_eq!(fmt_num(95.0), "95");
        assert_eq!(fmt_num(99.95), "99.95");
    }
}
