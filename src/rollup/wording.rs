//! How a rollup's coverage and withheld values are said, in Chinese and English.

use super::*;

pub(super) fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

pub(super) fn num(v: f64) -> String {
    crate::catalog::target::fmt_num((v * 1000.0).round() / 1000.0)
}

pub(super) fn withheld_zh(cov: &Coverage, policy: &RollupPolicy) -> String {
    let rule = match cov.weight_share {
        Some(_) => format!(
            "须{}不低于 {} 且报送地区超过 {}",
            cov.weight.as_deref().unwrap_or("权重"),
            pct(policy.min_weight_share),
            pct(policy.min_area_share)
        ),
        None => format!(
            "须报送地区不低于 {} 且超过 {}",
            pct(policy.min_weight_share),
            pct(policy.min_area_share)
        ),
    };
    let mut t = format!("覆盖率不足，未汇总：{}，{rule}", cov.text_zh());
    if !cov.missing.is_empty() {
        t.push_str(&format!("；未报送：{}", cov.missing.join("、")));
    }
    t
}

pub(super) fn withheld_en(cov: &Coverage, policy: &RollupPolicy) -> String {
    let rule = match cov.weight_share {
        Some(_) => format!(
            "needs at least {} of the weight and more than {} of the areas",
            pct(policy.min_weight_share),
            pct(policy.min_area_share)
        ),
        None => format!(
            "needs at least {} and more than {} of the areas",
            pct(policy.min_weight_share),
            pct(policy.min_area_share)
        ),
    };
    let mut t = format!("coverage too low, not rolled up: {}; {rule}", cov.text_en());
    if !cov.missing.is_empty() {
        t.push_str(&format!("; not reported: {}", cov.missing.join(", ")));
    }
    t
}
