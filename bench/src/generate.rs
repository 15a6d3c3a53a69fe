//! Synthetic returned workbooks for benchmarks and tests: every responsible unit of N organisations
//! (counties, `县001` …) for a span of years, filled with plausible values and a configurable share of
//! the mistakes departments typically make. Deterministic: the same catalog, spec and seed give the same
//! files, byte for byte, whatever the thread count.
//!
//! Each workbook is the unit's real template (`template::writer::build_template`) with its input cells
//! filled (`TemplateSpec::fills`), so intake reads exactly what it reads from a real return: metadata
//! sheet, header row, locked columns, notes and validations included.
//!
//! Values: each (org, indicator) gets a level near the indicator's target (or a typical magnitude of its
//! unit when the target has no number) and a small yearly drift, so last year's pre-filled value and this
//! year's agree within a few per cent; breakdowns bracket the total (rates) or add up to it (counts), and
//! numerator ÷ denominator gives the rate. Mistakes replace a filled cell, at the configured share:
//! a unit typed into the cell (`78.1岁`), an approximation (`约45`), a percentage typed as a fraction
//! (`0.952`), "not reported" (`—`), a required value left empty, an error value typed as text
//! (`#DIV/0!`).

use planeval::catalog::target::fmt_num;
use planeval::catalog::{Catalog, Indicator, MeasureUnit};
use planeval::error::Error;
use planeval::template::layout::{Field, SELF_ASSESSMENT_OPTIONS};
use planeval::template::writer::{
    applies, build_template, file_name, units_with_work, Fill, TemplateSpec, UnitWork,
};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone, Serialize)]
pub struct GenSpec {
    pub orgs: usize,
    pub years: Vec<i32>,
    /// Share of filled cells that carry a typical mistake (0.05 = 5%).
    pub mistakes: f64,
    pub seed: u64,
}

/// The kinds of mistake planted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mistake {
    /// `78.1岁`, `95.2%`: read by rule, with a note.
    UnitSuffix,
    /// `约45`: read by rule, with a warning.
    Approximation,
    /// `0.952` where 95.2% is expected: flagged.
    Fraction,
    /// `—`: not reported (not 0).
    NotReported,
    /// A required value left empty.
    EmptyRequired,
    /// `#DIV/0!` typed or pasted as text: rejected.
    ErrorText,
}

/// What was generated.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GenSummary {
    pub files: usize,
    pub bytes: u64,
    /// Input cells filled (numbers and self-assessments), mistakes included.
    pub cells_filled: usize,
    /// Of those, the numeric cells: where mistakes are planted.
    pub numeric_cells: usize,
    /// Cells that received a mistake (an emptied required cell counts as one).
    pub mistakes: usize,
    pub mistakes_by_kind: BTreeMap<String, usize>,
    pub orgs: Vec<String>,
}

/// The organisation names used: `县001`, `县002`, …
pub fn org_name(i: usize) -> String {
    format!("县{:03}", i + 1)
}

/// Where a generated file goes, relative to the output folder.
pub fn file_path(out: &Path, org: &str, unit: &str, year: i32) -> PathBuf {
    out.join(org).join(file_name(unit, year))
}

/// A small, fast, well-mixed PRNG (SplitMix64); enough for synthetic data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for one purpose, derived from the seed and any number of labels.
    pub fn for_key(seed: u64, key: &[&str]) -> Rng {
        // FNV-1a over the labels, then mixed with the seed.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for k in key {
            for b in k.as_bytes().iter().chain([0xffu8].iter()) {
                h ^= *b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        let mut r = Rng(seed ^ h.rotate_left(17));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi).
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

fn round_to(v: f64, decimals: u8) -> f64 {
    let f = 10f64.powi(decimals as i32);
    (v * f).round() / f
}

fn is_count(u: MeasureUnit) -> bool {
    matches!(u, MeasureUnit::Persons | MeasureUnit::Count)
}

/// The (org, indicator) level, before the yearly drift.
fn level(seed: u64, org: &str, ind: &Indicator) -> (f64, f64) {
    let mut r = Rng::for_key(seed, &["level", org, &ind.code]);
    let (_, hi) = ind.unit.range();
    let typical = match ind.unit {
        MeasureUnit::Percent => r.range(40.0, 95.0),
        MeasureUnit::PerMille => r.range(3.0, 15.0),
        MeasureUnit::Per100k => r.range(5.0, 25.0),
        MeasureUnit::YearsOfAge => r.range(74.0, 82.0),
        MeasureUnit::Years => r.range(8.0, 12.0),
        MeasureUnit::Persons | MeasureUnit::Count => r.range(200.0, 20_000.0),
        MeasureUnit::MinutesPerDay => r.range(30.0, 120.0),
    };
    let base = match ind.target.value {
        Some(t) if t > 0.0 && !is_count(ind.unit) => t * r.range(0.92, 1.06),
        _ => typical,
    };
    let base = if hi.is_finite() {
        base.min(hi * 0.995)
    } else {
        base
    };
    // Yearly drift: within ±1.5% a year.
    (base, r.range(-0.015, 0.015))
}

/// The true value of an indicator for an org and year (before rounding and mistakes).
fn true_value(seed: u64, org: &str, ind: &Indicator, year: i32) -> f64 {
    let (base, drift) = level(seed, org, ind);
    let mut r = Rng::for_key(seed, &["noise", org, &ind.code, &year.to_string()]);
    let v = base * (1.0 + drift * (year - 2020) as f64) * (1.0 + r.range(-0.005, 0.005));
    let (lo, hi) = ind.unit.range();
    let v = v.max(lo);
    let v = if hi.is_finite() { v.min(hi) } else { v };
    if is_count(ind.unit) {
        v.round()
    } else {
        round_to(v, ind.decimals)
    }
}

/// The clean numbers of one indicator row: field → value.
fn row_values(seed: u64, org: &str, ind: &Indicator, year: i32) -> Vec<(Field, f64)> {
    let mut r = Rng::for_key(seed, &["row", org, &ind.code, &year.to_string()]);
    let mut v = true_value(seed, org, ind, year);
    let mut out = Vec::new();
    let (_, hi) = ind.unit.range();
    let clamp = |x: f64| if hi.is_finite() { x.min(hi) } else { x };
    if let (Some(_), Some(scale)) = (&ind.rate, ind.unit.rate_scale()) {
        if applies(Field::Numerator, ind) {
            let den = if ind.unit == MeasureUnit::Per100k {
                r.range(50_000.0, 500_000.0).round()
            } else {
                r.range(2_000.0, 60_000.0).round()
            };
            let num = (v / scale * den).round();
            v = round_to(num / den * scale, ind.decimals);
            out.push((Field::Numerator, num));
            out.push((Field::Denominator, den));
        }
    }
    if applies(Field::Value, ind) {
        out.push((Field::Value, v));
    }
    for (a, b) in [(Field::Female, Field::Male), (Field::Urban, Field::Rural)] {
        if !applies(a, ind) {
            continue;
        }
        if is_count(ind.unit) {
            let x = (v * r.range(0.45, 0.55)).round();
            out.push((a, x));
            out.push((b, v - x));
        } else {
            let d = r.range(0.005, 0.03);
            out.push((a, round_to(clamp(v * (1.0 + d)), ind.decimals)));
            out.push((b, round_to(v * (1.0 - d), ind.decimals)));
        }
    }
    out
}

/// One generated workbook: its bytes, the cells filled (all, numeric) and the mistakes planted.
pub type Built = (Vec<u8>, (usize, usize), Vec<Mistake>);

/// Builds one unit's filled workbook for an org and year; returns the bytes, the cells filled (all,
/// numeric) and the mistakes planted.
pub fn build_return(
    cat: &Catalog,
    spec: &GenSpec,
    org: &str,
    unit: &str,
    year: i32,
) -> Result<Built, Error> {
    let seed = spec.seed;
    let work = UnitWork::of(cat, unit);
    let mut t = TemplateSpec::new(unit, org, year);
    t.generated_at = Some(format!("{year}-12-31T00:00:00"));
    let mut r = Rng::for_key(seed, &["mistakes", org, unit, &year.to_string()]);
    let mut filled = 0usize;
    let mut planted = Vec::new();
    let lead_count = work.lead.len();
    for (k, (_, ind)) in work.lead.iter().chain(work.cooperating.iter()).enumerate() {
        let led = k < lead_count;
        // Cooperating units fill about one row in three.
        if !led
            && Rng::for_key(seed, &["coop", org, unit, &ind.code, &year.to_string()]).unit() > 0.33
        {
            continue;
        }
        t.last_year
            .insert(ind.code.clone(), true_value(seed, org, ind, year - 1));
        t.baseline.insert(
            ind.code.clone(),
            true_value(seed, org, ind, cat.plan.baseline_year),
        );
        for (field, v) in row_values(seed, org, ind, year) {
            filled += 1;
            let fill = if r.unit() < spec.mistakes {
                let (m, fill) = mistake(&mut r, ind, field, v, led);
                planted.push(m);
                match fill {
                    Some(f) => f,
                    None => continue,
                }
            } else {
                Fill::Number(v)
            };
            t.fills.insert((ind.code.clone(), field), fill);
        }
    }
    let numeric = filled;
    for (_, o, _) in &work.qualitative {
        let mut a = Rng::for_key(seed, &["assess", org, unit, &o.code, &year.to_string()]);
        let pick = [0, 0, 1, 1, 1, 2, 3][a.below(7)];
        t.assessments
            .insert(o.code.clone(), SELF_ASSESSMENT_OPTIONS[pick].to_string());
        filled += 1;
    }
    let bytes = build_template(cat, &t).map_err(Error::Xlsx)?;
    Ok((bytes, (filled, numeric), planted))
}

/// One typical mistake in place of `v`; `None` leaves the cell empty.
fn mistake(
    r: &mut Rng,
    ind: &Indicator,
    field: Field,
    v: f64,
    led: bool,
) -> (Mistake, Option<Fill>) {
    let text = fmt_num(v);
    let is_part = matches!(field, Field::Numerator | Field::Denominator);
    let kinds: &[Mistake] = &[
        Mistake::UnitSuffix,
        Mistake::Approximation,
        Mistake::Fraction,
        Mistake::NotReported,
        Mistake::EmptyRequired,
        Mistake::ErrorText,
    ];
    let mut m = kinds[r.below(kinds.len())];
    if m == Mistake::Fraction && (ind.unit != MeasureUnit::Percent || is_part || v < 2.0) {
        m = Mistake::UnitSuffix;
    }
    if m == Mistake::EmptyRequired && !(led && ind.required && field == Field::Value) {
        m = Mistake::ErrorText;
    }
    let fill = match m {
        Mistake::UnitSuffix => {
            let symbol = if is_part { "人" } else { ind.unit.symbol_zh() };
            Some(Fill::Text(format!("{text}{symbol}")))
        }
        Mistake::Approximation => Some(Fill::Text(format!("约{text}"))),
        Mistake::Fraction => Some(Fill::Number(round_to(v / 100.0, ind.decimals + 2))),
        Mistake::NotReported => Some(Fill::Text("—".into())),
        Mistake::EmptyRequired => None,
        Mistake::ErrorText => Some(Fill::Text("#DIV/0!".into())),
    };
    (m, fill)
}

/// Counties per synthetic prefecture in [`areas_csv`] (临汾市 has 17).
pub const COUNTIES_PER_PREFECTURE: usize = 16;
/// Prefectures per synthetic province in [`areas_csv`] (山西省 has 11).
pub const PREFECTURES_PER_PROVINCE: usize = 6;
/// The file name of the synthetic areas file `generate` writes beside the returns: CSV text, named
/// `.txt` so that reading the folder as returns does not take it for a sheet.
pub const AREAS_FILE: &str = "地区表.txt";

/// A synthetic areas file for the orgs: provinces of [`PREFECTURES_PER_PROVINCE`] prefectures
/// (`模拟省` 990000, `模拟省02` 980000 …), prefectures of [`COUNTIES_PER_PREFECTURE`] counties
/// (`模拟市01` 990100 …), the counties `县001` … (990101 …), so that packages, rollups and `--by-area`
/// can be benchmarked on generated returns (94 orgs: one province; 282: three). Codes 99 downwards
/// are no real province of GB/T 2260.
pub fn areas_csv(orgs: &[String]) -> String {
    let mut s = String::from("代码,名称,上级代码,级别\n");
    let per_province = COUNTIES_PER_PREFECTURE * PREFECTURES_PER_PROVINCE;
    let mut prefecture_no = 0;
    for (v, province_orgs) in orgs.chunks(per_province).enumerate() {
        let prov = format!("{:02}", 99 - v.min(88));
        let name = if v == 0 {
            "模拟省".to_string()
        } else {
            format!("模拟省{:02}", v + 1)
        };
        s.push_str(&format!("{prov}0000,{name},,省\n"));
        for (p, chunk) in province_orgs.chunks(COUNTIES_PER_PREFECTURE).enumerate() {
            prefecture_no += 1;
            let pref = format!("{prov}{:02}00", p + 1);
            s.push_str(&format!("{pref},模拟市{prefecture_no:02},{prov}0000,市\n"));
            for (c, org) in chunk.iter().enumerate() {
                s.push_str(&format!("{prov}{:02}{:02},{org},{pref},县\n", p + 1, c + 1));
            }
        }
    }
    s
}

/// Writes every file into `out/<org>/填报-<unit>-<year>.xlsx`, in parallel, `out/bench-data.json`
/// (the spec and the summary) and `out/地区表.txt` (see [`areas_csv`]).
pub fn generate(cat: &Catalog, out: &Path, spec: &GenSpec) -> Result<GenSummary, Error> {
    let units = units_with_work(cat);
    let orgs: Vec<String> = (0..spec.orgs).map(org_name).collect();
    let mut tasks = Vec::new();
    for org in &orgs {
        std::fs::create_dir_all(out.join(org)).map_err(|e| Error::io(out, e))?;
        for &year in &spec.years {
            for unit in &units {
                tasks.push((org.as_str(), unit.as_str(), year));
            }
        }
    }
    type Written = (u64, (usize, usize), Vec<Mistake>);
    let results: Vec<Result<Written, Error>> = tasks
        .par_iter()
        .map(|(org, unit, year)| {
            let (bytes, filled, planted) = build_return(cat, spec, org, unit, *year)?;
            let path = file_path(out, org, unit, *year);
            std::fs::write(&path, &bytes).map_err(|e| Error::io(&path, e))?;
            Ok((bytes.len() as u64, filled, planted))
        })
        .collect();
    let mut summary = GenSummary {
        orgs,
        ..Default::default()
    };
    let mut by_kind: HashMap<Mistake, usize> = HashMap::new();
    for r in results {
        let (bytes, (filled, numeric), planted) = r?;
        summary.files += 1;
        summary.bytes += bytes;
        summary.cells_filled += filled;
        summary.numeric_cells += numeric;
        summary.mistakes += planted.len();
        for m in planted {
            *by_kind.entry(m).or_default() += 1;
        }
    }
    summary.mistakes_by_kind = by_kind
        .into_iter()
        .map(|(k, n)| {
            let key = serde_json::to_value(k)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            (key, n)
        })
        .collect();
    let areas = out.join(AREAS_FILE);
    std::fs::write(&areas, areas_csv(&summary.orgs)).map_err(|e| Error::io(&areas, e))?;
    let json = serde_json::json!({ "spec": spec, "summary": summary });
    let path = out.join("bench-data.json");
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    )
    .map_err(|e| Error::io(&path, e))?;
    Ok(summary)
}
