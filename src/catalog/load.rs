//! Reading a plan file: TOML text → `Catalog`, with every problem reported at its line.
//!
//! The file is parsed into toml's spanned document tree and walked by hand rather than deserialised with
//! serde: serde stops at the first wrong field, while a person fixing a plan file wants every problem at
//! once, each with its line. Loading and `catalog --check` share this one path, so a file that checks clean
//! is exactly a file that loads.

use super::aggregation::{Aggregation, AggregationMethod, RollupPolicy};
use super::measure::MeasureUnit;
use super::target::{read_wording, Dimension, Direction, Target, TargetKind};
use super::{Catalog, Domain, Indicator, Objective, ObjectiveKind, OrgUnit, PlanMeta, RateParts};
use crate::diagnostic::{Code, Diagnostic, Location};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The outcome of reading a plan file: the catalog when there were no errors, and every diagnostic.
#[derive(Debug)]
pub struct Parsed {
    pub catalog: Option<Catalog>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses plan file text. `file` names the source in diagnostics.
pub fn parse(src: &str, file: &str) -> Parsed {
    let mut cx = Cx {
        file,
        lines: LineIndex::new(src),
        diags: Vec::new(),
    };
    let (doc, errors) = DeTable::parse_recoverable(src);
    if !errors.is_empty() {
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            cx.push(
                Code::PlanSyntax,
                span,
                None,
                format!("TOML 语法错误：{}", e.message().trim()),
                "按 TOML 语法修改该行（字符串加引号，表头写成 [[domains]] 等），再运行 planeval catalog --check",
            );
        }
        return Parsed {
            catalog: None,
            diagnostics: cx.diags,
        };
    }
    let doc_span = doc.span();
    let root = doc.into_inner();
    let catalog = build(&mut cx, &root, doc_span);
    let has_errors = cx.diags.iter().any(Diagnostic::is_error);
    Parsed {
        catalog: if has_errors { None } else { Some(catalog) },
        diagnostics: cx.diags,
    }
}

struct LineIndex {
    starts: Vec<usize>,
    src_chars: Vec<(usize, char)>,
}

impl LineIndex {
    fn new(src: &str) -> Self {
        let mut starts = vec![0];
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            src_chars: src.char_indices().collect(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts[line];
        let column = self
            .src_chars
            .iter()
            .filter(|(i, _)| *i >= start && *i < offset)
            .count();
        (line + 1, column + 1)
    }
}

struct Cx<'a> {
    file: &'a str,
    lines: LineIndex,
    diags: Vec<Diagnostic>,
}

impl Cx<'_> {
    fn push(
        &mut self,
        code: Code,
        span: Range<usize>,
        raw: Option<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let (line, column) = self.lines.position(span.start);
        self.diags.push(Diagnostic::new(
            code,
            Location::Line {
                file: self.file.to_string(),
                line,
                column,
            },
            raw,
            message,
            hint,
        ));
    }
}

/// A table being read: remembers which keys were asked for so that the rest can be reported.
struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Range<usize>,
    what: String,
    seen: HashSet<String>,
}

impl<'t, 'i> Fields<'t, 'i> {
    fn new(table: &'t DeTable<'i>, span: Range<usize>, what: impl Into<String>) -> Self {
        Fields {
            table,
            span,
            what: what.into(),
            seen: HashSet::new(),
        }
    }

    fn get(&mut self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.seen.insert(key.to_string());
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    fn missing(&self, cx: &mut Cx, key: &str, hint: &str) {
        cx.push(
            Code::PlanMissingField,
            self.span.clone(),
            None,
            format!("{}缺少字段 {key}", self.what),
            hint.to_string(),
        );
    }

    fn wrong_type(&self, cx: &mut Cx, key: &str, span: Range<usize>, want: &str, got: &DeValue) {
        cx.push(
            Code::PlanMissingField,
            span,
            Some(describe_value(got)),
            format!(
                "{}的字段 {key} 应为{want}，实际是{}",
                self.what,
                got.type_str()
            ),
            format!("把 {key} 改成{want}"),
        );
    }

    fn string(&mut self, cx: &mut Cx, key: &str, required: bool) -> Option<Spanned<String>> {
        let v = match self.get(key) {
            Some(v) => v,
            None => {
                if required {
                    self.missing(cx, key, &format!("加上 {key} = \"…\""));
                }
                return None;
            }
        };
        match v.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => Some(Spanned::new(v.span(), s.trim().to_string())),
            Some(_) => {
                if required {
                    cx.push(
                        Code::PlanMissingField,
                        v.span(),
                        Some(String::new()),
                        format!("{}的字段 {key} 为空", self.what),
                        format!("填写 {key}"),
                    );
                }
                None
            }
            None => {
                self.wrong_type(cx, key, v.span(), "字符串", v.get_ref());
                None
            }
        }
    }

    fn number(&mut self, cx: &mut Cx, key: &str) -> Option<Spanned<f64>> {
        let v = self.get(key)?;
        match as_f64(v.get_ref()) {
            Some(n) => Some(Spanned::new(v.span(), n)),
            None => {
                self.wrong_type(cx, key, v.span(), "数字", v.get_ref());
                None
            }
        }
    }

    fn integer(&mut self, cx: &mut Cx, key: &str, required: bool) -> Option<Spanned<i64>> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(cx, key, &format!("加上 {key} = 整数"));
            }
            return None;
        };
        match as_i64(v.get_ref()) {
            Some(n) => Some(Spanned::new(v.span(), n)),
            None => {
                self.wrong_type(cx, key, v.span(), "整数", v.get_ref());
                None
            }
        }
    }

    fn boolean(&mut self, cx: &mut Cx, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref().as_bool() {
            Some(b) => Some(b),
            None => {
                self.wrong_type(cx, key, v.span(), "true 或 false", v.get_ref());
                None
            }
        }
    }

    fn strings(&mut self, cx: &mut Cx, key: &str) -> Vec<Spanned<String>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.wrong_type(cx, key, v.span(), "字符串数组", v.get_ref());
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in arr.iter() {
            match item.get_ref().as_str() {
                Some(s) => out.push(Spanned::new(item.span(), s.trim().to_string())),
                None => self.wrong_type(cx, key, item.span(), "字符串", item.get_ref()),
            }
        }
        out
    }

    fn tables(&mut self, cx: &mut Cx, key: &str) -> Vec<(Range<usize>, &'t DeTable<'i>)> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.wrong_type(cx, key, v.span(), "表数组（[[…]]）", v.get_ref());
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in arr.iter() {
            match item.get_ref().as_table() {
                Some(t) => out.push((item.span(), t)),
                None => self.wrong_type(cx, key, item.span(), "表", item.get_ref()),
            }
        }
        out
    }

    /// Reports every key that nobody asked for: almost always a typo that would otherwise vanish.
    fn finish(self, cx: &mut Cx) {
        for (k, _) in self.table.iter() {
            let key = k.get_ref().as_ref();
            if !self.seen.contains(key) {
                cx.push(
                    Code::PlanUnknownField,
                    k.span(),
                    Some(key.to_string()),
                    format!("{}中有无法识别的字段 {key}，已忽略", self.what),
                    "检查拼写；可用字段见 templates/plans/ 下的计划文件",
                );
            }
        }
    }
}

fn as_f64(v: &DeValue) -> Option<f64> {
    if let Some(f) = v.as_float() {
        let s = f.as_str().replace('_', "");
        return match s.as_str() {
            "inf" | "+inf" => Some(f64::INFINITY),
            "-inf" => Some(f64::NEG_INFINITY),
            "nan" | "+nan" | "-nan" => Some(f64::NAN),
            _ => s.parse().ok(),
        };
    }
    as_i64(v).map(|i| i as f64)
}

fn as_i64(v: &DeValue) -> Option<i64> {
    let i = v.as_integer()?;
    let s = i.as_str().replace('_', "");
    let digits = s
        .trim_start_matches("0x")
        .trim_start_matches("0o")
        .trim_start_matches("0b");
    i64::from_str_radix(digits, i.radix()).ok()
}

fn describe_value(v: &DeValue) -> String {
    match v {
        DeValue::String(s) => s.to_string(),
        DeValue::Integer(i) => i.as_str().to_string(),
        DeValue::Float(f) => f.as_str().to_string(),
        DeValue::Boolean(b) => b.to_string(),
        other => other.type_str().to_string(),
    }
}

fn build(cx: &mut Cx, root: &DeTable, span: Range<usize>) -> Catalog {
    let mut top = Fields::new(root, span.clone(), "计划文件");
    let mut plan = match top.get("plan") {
        Some(v) => match v.get_ref().as_table() {
            Some(t) => read_plan(cx, t, v.span()),
            None => {
                top.wrong_type(cx, "plan", v.span(), "表（[plan]）", v.get_ref());
                read_plan(cx, &DeTable::default(), v.span())
            }
        },
        None => {
            top.missing(
                cx,
                "plan",
                "在文件开头加上 [plan] 表（id、name、period_start …）",
            );
            read_plan(cx, &DeTable::default(), 0..0)
        }
    };
    if let Some(v) = top.get("rollup") {
        match v.get_ref().as_table() {
            Some(t) => plan.rollup = read_rollup(cx, t, v.span()),
            None => top.wrong_type(cx, "rollup", v.span(), "表（[rollup]）", v.get_ref()),
        }
    }
    let unit_tables = top.tables(cx, "units");
    let domain_tables = top.tables(cx, "domains");
    top.finish(cx);

    let mut units = Vec::new();
    let mut unit_names: HashMap<String, Range<usize>> = HashMap::new();
    for (uspan, t) in unit_tables {
        let mut f = Fields::new(t, uspan.clone(), "责任单位");
        let name = f.string(cx, "name", true);
        let name_en = f.string(cx, "name_en", false);
        let aliases = f.strings(cx, "aliases");
        f.finish(cx);
        let Some(name) = name else { continue };
        for n in std::iter::once(&name).chain(aliases.iter()) {
            let key = super::normalize_unit_name(n.get_ref());
            if let Some(prev) = unit_names.get(&key) {
                let (line, _) = cx.lines.position(prev.start);
                cx.push(
                    Code::PlanDuplicateCode,
                    n.span(),
                    Some(n.get_ref().clone()),
                    format!("单位名称或别名“{}”重复（第 {line} 行已有）", n.get_ref()),
                    "每个单位名称和别名只能出现一次",
                );
            } else {
                unit_names.insert(key, n.span());
            }
        }
        units.push(OrgUnit {
            name: name.into_inner(),
            name_en: name_en.map(Spanned::into_inner).unwrap_or_default(),
            aliases: aliases.into_iter().map(Spanned::into_inner).collect(),
        });
    }
    if units.is_empty() {
        top_level_missing(cx, "units", "加上 [[units]] 表，列出全部责任单位");
    }

    let known_unit = |name: &str| unit_names.contains_key(&super::normalize_unit_name(name));
    let mut refs: Vec<(Spanned<String>, &'static str)> = Vec::new();
    let mut domains = Vec::new();
    let mut codes: HashMap<String, Range<usize>> = HashMap::new();
    let mut indicator_index: HashMap<String, Vec<Dimension>> = HashMap::new();
    let mut gap_checks: Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)> = Vec::new();

    for (dspan, t) in domain_tables {
        let mut f = Fields::new(t, dspan.clone(), "领域");
        let code = f.string(cx, "code", true);
        let number = f.integer(cx, "number", true);
        let name = f.string(cx, "name", true);
        let name_en = f.string(cx, "name_en", false);
        let responsible = f.strings(cx, "responsible_units");
        let objective_tables = f.tables(cx, "objectives");
        f.finish(cx);
        if let Some(c) = &code {
            unique(cx, &mut codes, c, "领域");
        }
        for u in &responsible {
            check_unit(cx, &known_unit, u, "责任单位");
        }
        let responsible: Vec<String> = responsible.into_iter().map(Spanned::into_inner).collect();
        let mut objectives = Vec::new();
        for (ospan, ot) in objective_tables {
            let obj = read_objective(
                cx,
                ot,
                ospan,
                &plan,
                &responsible,
                &known_unit,
                &mut codes,
                &mut refs,
                &mut indicator_index,
                &mut gap_checks,
            );
            if let Some(o) = obj {
                objectives.push(o);
            }
        }
        if objectives.is_empty() {
            cx.push(
                Code::PlanMissingField,
                dspan.clone(),
                None,
                "领域下没有任何主要目标",
                "在该领域下加上 [[domains.objectives]]",
            );
        }
        domains.push(Domain {
            code: code.map(Spanned::into_inner).unwrap_or_default(),
            number: number.map(|n| n.into_inner().max(0) as u32).unwrap_or(0),
            name: name.map(Spanned::into_inner).unwrap_or_default(),
            name_en: name_en.map(Spanned::into_inner).unwrap_or_default(),
            responsible_units: responsible,
            objectives,
        });
    }
    if domains.is_empty() {
        top_level_missing(cx, "domains", "加上 [[domains]] 表");
    }

    for (r, what) in refs {
        if !indicator_index.contains_key(r.get_ref()) {
            cx.push(
                Code::PlanUnknownIndicatorRef,
                r.span(),
                Some(r.get_ref().clone()),
                format!("{what}引用的指标 {} 不存在", r.get_ref()),
                "改成计划中已有的指标编码（planeval catalog 可列出全部指标）",
            );
        }
    }
    for (code, dim, of) in gap_checks {
        let (subject, span) = match &of {
            Some(o) => (o.get_ref().clone(), o.span()),
            None => (code.get_ref().clone(), code.span()),
        };
        if let Some(dims) = indicator_index.get(&subject) {
            if !dims.contains(&dim) {
                cx.push(
                    Code::PlanGapWithoutDisaggregation,
                    span,
                    Some(subject.clone()),
                    format!(
                        "差距目标按{}计算，但指标 {subject} 没有按{}分组填报",
                        dim.label_zh(),
                        dim.label_zh()
                    ),
                    format!("在指标 {subject} 上加 disaggregation = [\"{}\"]", dim.key()),
                );
            }
        }
    }

    Catalog {
        plan,
        units,
        domains,
    }
}

fn top_level_missing(cx: &mut Cx, key: &str, hint: &str) {
    cx.push(
        Code::PlanMissingField,
        0..0,
        None,
        format!("计划文件缺少 {key}"),
        hint.to_string(),
    );
}

fn unique(
    cx: &mut Cx,
    seen: &mut HashMap<String, Range<usize>>,
    code: &Spanned<String>,
    what: &str,
) {
    if let Some(prev) = seen.get(code.get_ref()) {
        let (line, _) = cx.lines.position(prev.start);
        cx.push(
            Code::PlanDuplicateCode,
            code.span(),
            Some(code.get_ref().clone()),
            format!("{what}编码 {} 重复（第 {line} 行已使用）", code.get_ref()),
            "每个领域、目标和指标的编码必须唯一；改用一个新编码",
        );
    } else {
        seen.insert(code.get_ref().clone(), code.span());
    }
}

fn check_unit(cx: &mut Cx, known: &dyn Fn(&str) -> bool, u: &Spanned<String>, role: &str) {
    if !known(u.get_ref()) {
        cx.push(
            Code::PlanUnknownResponsibleUnit,
            u.span(),
            Some(u.get_ref().clone()),
            format!("{role}“{}”不在 [[units]] 单位名录中", u.get_ref()),
            "改成名录中的单位名称，或在 [[units]] 中增加该单位（可附 aliases 别名）",
        );
    }
}

fn read_plan(cx: &mut Cx, t: &DeTable, span: Range<usize>) -> PlanMeta {
    let mut f = Fields::new(t, span.clone(), "[plan]");
    let id = f.string(cx, "id", true);
    let name = f.string(cx, "name", true);
    let name_en = f.string(cx, "name_en", false);
    let issuer = f.string(cx, "issuer", false);
    let document = f.string(cx, "document", false);
    let issued_on = f.string(cx, "issued_on", false);
    let region = f.string(cx, "region", false);
    let mut year = |f: &mut Fields, key: &str| f.integer(cx, key, true);
    let period_start = year(&mut f, "period_start");
    let period_end = year(&mut f, "period_end");
    let baseline_year = year(&mut f, "baseline_year");
    let midterm_year = year(&mut f, "midterm_year");
    let final_year = year(&mut f, "final_year");
    let around_tolerance = f.number(cx, "around_tolerance");
    let monitoring_lead = f.string(cx, "monitoring_lead", false);
    let evaluation_lead = f.string(cx, "evaluation_lead", false);
    f.finish(cx);

    let y = |v: &Option<Spanned<i64>>| v.as_ref().map(|s| *s.get_ref());
    if let (Some(s), Some(e), Some(b), Some(m), Some(fy)) = (
        y(&period_start),
        y(&period_end),
        y(&baseline_year),
        y(&midterm_year),
        y(&final_year),
    ) {
        let mut bad = |cond: bool, what: String| {
            if cond {
                cx.push(
                    Code::PlanBadYears,
                    span.clone(),
                    None,
                    what,
                    "规划期应满足：基期年 < 起始年 ≤ 中期年 ≤ 终期年 = 结束年",
                );
            }
        };
        bad(s > e, format!("规划起始年 {s} 晚于结束年 {e}"));
        bad(b >= s, format!("基期年 {b} 不早于规划起始年 {s}"));
        bad(
            m < s || m > e,
            format!("中期评估年 {m} 不在规划期 {s}–{e} 内"),
        );
        bad(fy != e, format!("终期评估年 {fy} 不等于规划结束年 {e}"));
        bad(m > fy, format!("中期评估年 {m} 晚于终期评估年 {fy}"));
    }
    let around_tolerance = match around_tolerance {
        Some(t) if !(t.get_ref().is_finite() && *t.get_ref() > 0.0) => {
            cx.push(
                Code::PlanBadNumber,
                t.span(),
                Some(t.get_ref().to_string()),
                "around_tolerance 必须是正数",
                "写成例如 around_tolerance = 2.0",
            );
            DEFAULT_AROUND_TOLERANCE
        }
        Some(t) => t.into_inner(),
        None => DEFAULT_AROUND_TOLERANCE,
    };
    let year_of =
        |v: Option<Spanned<i64>>| v.map(|s| s.into_inner().clamp(0, 9999) as i32).unwrap_or(0);
    PlanMeta {
        id: id.map(Spanned::into_inner).unwrap_or_default(),
        name: name.map(Spanned::into_inner).unwrap_or_default(),
        name_en: name_en.map(Spanned::into_inner).unwrap_or_default(),
        issuer: issuer.map(Spanned::into_inner).unwrap_or_default(),
        document: document.map(Spanned::into_inner).unwrap_or_default(),
        issued_on: issued_on.map(Spanned::into_inner),
        region: region.map(Spanned::into_inner).unwrap_or_default(),
        period_start: year_of(period_start),
        period_end: year_of(period_end),
        baseline_year: year_of(baseline_year),
        midterm_year: year_of(midterm_year),
        final_year: year_of(final_year),
        around_tolerance,
        monitoring_lead: monitoring_lead.map(Spanned::into_inner),
        evaluation_lead: evaluation_lead.map(Spanned::into_inner),
        rollup: RollupPolicy::default(),
    }
}

/// `[rollup]`: the coverage a rollup over areas needs, and the default coverage weight.
fn read_rollup(cx: &mut Cx, t: &DeTable, span: Range<usize>) -> RollupPolicy {
    let mut f = Fields::new(t, span, "[rollup]");
    let weight_share = f.number(cx, "min_weight_share");
    let area_share = f.number(cx, "min_area_share");
    let weight = f.string(cx, "weight", false);
    f.finish(cx);
    let mut policy = RollupPolicy::default();
    let share = |cx: &mut Cx, v: Option<Spanned<f64>>, key: &str, default: f64| match v {
        Some(s) if !(s.get_ref().is_finite() && (0.0..=1.0).contains(s.get_ref())) => {
            cx.push(
                Code::PlanBadNumber,
                s.span(),
                Some(s.get_ref().to_string()),
                format!("{key} 应为 0 到 1 之间的比例"),
                format!("写成比例，例如 {key} = {default}"),
            );
            default
        }
        Some(s) => s.into_inner(),
        None => default,
    };
    policy.min_weight_share = share(
        cx,
        weight_share,
        "min_weight_share",
        policy.min_weight_share,
    );
    policy.min_area_share = share(cx, area_share, "min_area_share", policy.min_area_share);
    policy.weight = weight.map(Spanned::into_inner);
    policy
}

/// An indicator's `aggregation`: a method word, or `{ method = "…", weight = "…" }`; checked against
/// the indicator's unit and rate parts. `None` when it is not declared (the caller takes the default).
fn read_aggregation(
    cx: &mut Cx,
    v: &Spanned<DeValue>,
    what: &str,
    unit: Option<super::MeasureUnit>,
    has_rate: bool,
    plan_weight: Option<&str>,
) -> Option<Aggregation> {
    let hint = "aggregation 可写 \"sum\"（求和）、\"ratio\"（分子分母汇总后重算）、\"none\"（不汇总），或 { method = \"weighted_mean\", weight = \"地区表中的权重列，如 女性人口\" }";
    let (method, weight, span) = match v.get_ref() {
        DeValue::String(s) => (Spanned::new(v.span(), s.trim().to_string()), None, v.span()),
        DeValue::Table(t) => {
            let mut f = Fields::new(t, v.span(), format!("{what} 的 aggregation"));
            let method = f.string(cx, "method", true);
            let weight = f.string(cx, "weight", false);
            f.finish(cx);
            (method?, weight, v.span())
        }
        other => {
            cx.push(
                Code::PlanBadAggregation,
                v.span(),
                Some(describe_value(other)),
                format!("{what} 的 aggregation 应为字符串或表"),
                hint,
            );
            return None;
        }
    };
    let Some(m) = AggregationMethod::from_key(method.get_ref()) else {
        cx.push(
            Code::PlanBadAggregation,
            method.span(),
            Some(method.get_ref().clone()),
            format!("{what} 的汇总方式“{}”无法识别", method.get_ref()),
            hint,
        );
        return None;
    };
    let mut bad = |message: String, fix: &str| {
        cx.push(
            Code::PlanBadAggregation,
            span.clone(),
            Some(m.key().to_string()),
            message,
            fix.to_string(),
        );
    };
    match (m, unit) {
        (AggregationMethod::Sum, Some(u)) if !AggregationMethod::is_additive(u) => bad(
            format!("{what} 的计量单位是{}，比率和平均数不能相加", u.symbol_zh()),
            "比率写 \"ratio\"（并给出 rate 分子分母），平均数（如预期寿命）写 weighted_mean 并指定权重，或写 \"none\"",
        ),
        (AggregationMethod::Ratio, Some(u)) if u.rate_scale().is_none() => bad(
            format!("{what} 的计量单位是{}，不是比率", u.symbol_zh()),
            "ratio 只用于 %、‰、1/10万 的比率；人数写 \"sum\"",
        ),
        (AggregationMethod::Ratio, _) if !has_rate => bad(
            format!("{what} 没有 rate 分子分母，无法由分子、分母汇总后重算"),
            "加上 rate = { numerator = \"…\", denominator = \"…\" }，或改用 weighted_mean / \"none\"",
        ),
        (AggregationMethod::WeightedMean, _) if weight.is_none() && plan_weight.is_none() => bad(
            format!("{what} 按加权平均汇总，但没有指定权重"),
            "写成 aggregation = { method = \"weighted_mean\", weight = \"女性人口\" }（地区表中的权重列），或在 [rollup] 中写 weight",
        ),
        _ => {}
    }
    Some(Aggregation {
        method: m,
        weight: weight.map(Spanned::into_inner),
        declared: true,
    })
}

/// The tolerance of `around` targets when neither the target nor `[plan]` gives one: 2 units, i.e. two
/// percentage points for the percentages the plan's 左右 targets are stated in.
pub const DEFAULT_AROUND_TOLERANCE: f64 = 2.0;

#[allow(clippy::too_many_arguments)]
fn read_objective(
    cx: &mut Cx,
    t: &DeTable,
    span: Range<usize>,
    plan: &PlanMeta,
    domain_units: &[String],
    known_unit: &dyn Fn(&str) -> bool,
    codes: &mut HashMap<String, Range<usize>>,
    refs: &mut Vec<(Spanned<String>, &'static str)>,
    indicator_index: &mut HashMap<String, Vec<Dimension>>,
    gap_checks: &mut Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)>,
) -> Option<Objective> {
    let mut f = Fields::new(t, span.clone(), "主要目标");
    let code = f.string(cx, "code", true);
    let text = f.string(cx, "text", true);
    let kind = f.string(cx, "kind", false);
    let lead = f.string(cx, "lead_unit", false);
    let coop = f.strings(cx, "cooperating_units");
    let indicator_tables = f.tables(cx, "indicators");
    f.finish(cx);
    let code = code?;
    unique(cx, codes, &code, "主要目标");
    let number = code
        .get_ref()
        .rsplit('.')
        .next()
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(0);

    let mut indicators = Vec::new();
    for (ispan, it) in indicator_tables {
        if let Some(ind) = read_indicator(
            cx,
            it,
            ispan,
            plan,
            domain_units,
            known_unit,
            codes,
            refs,
            gap_checks,
        ) {
            indicator_index.insert(ind.code.clone(), ind.disaggregation.clone());
            indicators.push(ind);
        }
    }
    let declared = kind.as_ref().map(|k| match k.get_ref().as_str() {
        "quantitative" => Some(ObjectiveKind::Quantitative),
        "qualitative" => Some(ObjectiveKind::Qualitative),
        _ => {
            cx.push(
                Code::PlanBadValue,
                k.span(),
                Some(k.get_ref().clone()),
                format!("目标类型 kind = \"{}\" 无效", k.get_ref()),
                "kind 只能是 \"quantitative\"（有量化指标）或 \"qualitative\"（定性目标）",
            );
            None
        }
    });
    let derived = if indicators.is_empty() {
        ObjectiveKind::Qualitative
    } else {
        ObjectiveKind::Quantitative
    };
    if let (Some(Some(d)), Some(k)) = (declared, &kind) {
        if d != derived {
            cx.push(
                Code::PlanBadValue,
                k.span(),
                Some(k.get_ref().clone()),
                format!(
                    "目标 {} 标为 {}，但{}",
                    code.get_ref(),
                    k.get_ref(),
                    if indicators.is_empty() {
                        "没有任何指标"
                    } else {
                        "列有量化指标"
                    }
                ),
                "有指标的目标写 kind = \"quantitative\"，没有指标的写 kind = \"qualitative\"",
            );
        }
    }
    for u in lead.iter().chain(coop.iter()) {
        check_unit(cx, known_unit, u, "责任单位");
    }
    if derived == ObjectiveKind::Qualitative && lead.is_none() {
        cx.push(
            Code::PlanObjectiveWithoutLead,
            code.span(),
            Some(code.get_ref().clone()),
            format!("定性目标 {} 没有牵头单位，无人填报自评", code.get_ref()),
            "加上 lead_unit = \"…\"（本领域责任单位之一）",
        );
    }
    Some(Objective {
        code: code.into_inner(),
        number,
        text: text.map(Spanned::into_inner).unwrap_or_default(),
        kind: derived,
        lead_unit: lead.map(Spanned::into_inner),
        cooperating_units: coop.into_iter().map(Spanned::into_inner).collect(),
        indicators,
    })
}

#[allow(clippy::too_many_arguments)]
fn read_indicator(
    cx: &mut Cx,
    t: &DeTable,
    span: Range<usize>,
    plan: &PlanMeta,
    domain_units: &[String],
    known_unit: &dyn Fn(&str) -> bool,
    codes: &mut HashMap<String, Range<usize>>,
    refs: &mut Vec<(Spanned<String>, &'static str)>,
    gap_checks: &mut Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)>,
) -> Option<Indicator> {
    let mut f = Fields::new(t, span.clone(), "指标");
    let code = f.string(cx, "code", true);
    let name = f.string(cx, "name", true);
    let name_en = f.string(cx, "name_en", false);
    let unit = f.string(cx, "unit", false);
    let decimals = f.integer(cx, "decimals", false);
    let direction = f.string(cx, "direction", false);
    let target_value = f.get("target");
    let lead = f.string(cx, "lead_unit", false);
    let coop = f.strings(cx, "cooperating_units");
    let source = f.string(cx, "source", false);
    let disaggregation = f.strings(cx, "disaggregation");
    let rate = f.get("rate");
    let required = f.boolean(cx, "required");
    let aggregation = f.get("aggregation");
    let small_counts = f.boolean(cx, "small_counts");
    f.finish(cx);
    let code = code?;
    unique(cx, codes, &code, "指标");
    let what = format!("指标 {}", code.get_ref());

    let unit = match unit {
        None => {
            cx.push(
                Code::PlanMissingMeasureUnit,
                code.span(),
                Some(code.get_ref().clone()),
                format!("{what} 缺少计量单位 unit"),
                unit_hint(),
            );
            None
        }
        Some(u) => match MeasureUnit::from_key(u.get_ref()) {
            Some(m) => Some(m),
            None => {
                cx.push(
                    Code::PlanUnknownMeasureUnit,
                    u.span(),
                    Some(u.get_ref().clone()),
                    format!("{what} 的计量单位 \"{}\" 无法识别", u.get_ref()),
                    unit_hint(),
                );
                None
            }
        },
    };
    let decimals = match decimals {
        Some(d) if !(0..=6).contains(d.get_ref()) => {
            cx.push(
                Code::PlanBadNumber,
                d.span(),
                Some(d.get_ref().to_string()),
                format!("{what} 的小数位数 {} 超出 0–6", d.get_ref()),
                "decimals 写 0 到 6 之间的整数",
            );
            1
        }
        Some(d) => d.into_inner() as u8,
        None => 1,
    };

    let mut dims = Vec::new();
    for d in &disaggregation {
        match Dimension::from_key(d.get_ref()) {
            Some(dim) if !dims.contains(&dim) => dims.push(dim),
            Some(_) => {}
            None => cx.push(
                Code::PlanBadValue,
                d.span(),
                Some(d.get_ref().clone()),
                format!("{what} 的分组 \"{}\" 无效", d.get_ref()),
                "disaggregation 只能包含 \"sex\"（男女）和 \"area\"（城乡）",
            ),
        }
    }
    dims.sort();

    let target = match target_value {
        None => {
            cx.push(
                Code::PlanMissingField,
                code.span(),
                Some(code.get_ref().clone()),
                format!("{what} 缺少目标 target"),
                "加上 target = { kind = \"…\", value = …, wording = \"规划原文\" }",
            );
            None
        }
        Some(v) => match v.get_ref().as_table() {
            Some(tt) => read_target(cx, tt, v.span(), &what, &code, unit, plan, refs, gap_checks),
            None => {
                cx.push(
                    Code::PlanMissingField,
                    v.span(),
                    Some(describe_value(v.get_ref())),
                    format!("{what} 的 target 应为表"),
                    "写成 target = { kind = \"…\", value = …, wording = \"…\" }",
                );
                None
            }
        },
    };

    let direction = match (
        direction,
        target.as_ref().map(|t| t.kind.implied_direction()),
    ) {
        (Some(d), implied) => match Direction::from_key(d.get_ref()) {
            Some(dir) => {
                if let Some(Some(imp)) = implied {
                    if imp != dir {
                        cx.push(
                            Code::PlanBadValue,
                            d.span(),
                            Some(d.get_ref().clone()),
                            format!(
                                "{what} 的方向 {} 与目标类型所隐含的方向 {} 矛盾",
                                dir.key(),
                                imp.key()
                            ),
                            "删去 direction（由目标类型决定），或改正目标类型",
                        );
                    }
                }
                dir
            }
            None => {
                cx.push(
                    Code::PlanBadValue,
                    d.span(),
                    Some(d.get_ref().clone()),
                    format!("{what} 的方向 \"{}\" 无效", d.get_ref()),
                    "direction 只能是 increase、decrease、band 或 none",
                );
                Direction::None
            }
        },
        (None, Some(Some(imp))) => imp,
        (None, Some(None)) => {
            cx.push(
                Code::PlanMissingField,
                code.span(),
                Some(code.get_ref().clone()),
                format!("{what} 的目标类型不决定方向，须写 direction"),
                "加上 direction = \"increase\"（越高越好）或 \"decrease\"（越低越好）",
            );
            Direction::None
        }
        (None, None) => Direction::None,
    };

    let lead_name = match &lead {
        Some(l) => {
            check_unit(cx, known_unit, l, "牵头单位");
            if known_unit(l.get_ref()) && !domain_units.iter().any(|d| d == l.get_ref()) {
                cx.push(
                    Code::PlanLeadOutsideDomain,
                    l.span(),
                    Some(l.get_ref().clone()),
                    format!("{what} 的牵头单位“{}”不在本领域的责任单位之列", l.get_ref()),
                    "确认牵头单位，或把它加入该领域的 responsible_units",
                );
            }
            l.get_ref().clone()
        }
        None => {
            f_missing_lead(cx, &code, &what);
            String::new()
        }
    };
    for c in &coop {
        check_unit(cx, known_unit, c, "配合单位");
    }

    let rate = rate.and_then(|r| {
        let Some(rt) = r.get_ref().as_table() else {
            cx.push(
                Code::PlanMissingField,
                r.span(),
                Some(describe_value(r.get_ref())),
                format!("{what} 的 rate 应为表"),
                "写成 rate = { numerator = \"分子名称\", denominator = \"分母名称\" }",
            );
            return None;
        };
        let mut rf = Fields::new(rt, r.span(), format!("{what} 的 rate"));
        let numerator = rf.string(cx, "numerator", true);
        let denominator = rf.string(cx, "denominator", true);
        rf.finish(cx);
        if unit.is_some_and(|u| u.rate_scale().is_none()) {
            cx.push(
                Code::PlanBadValue,
                r.span(),
                None,
                format!("{what} 不是比率（%、‰、1/10万），不能有分子分母"),
                "删去 rate，或把 unit 改为 percent、per_mille 或 per_100k",
            );
        }
        Some(RateParts {
            numerator: numerator?.into_inner(),
            denominator: denominator?.into_inner(),
        })
    });

    let aggregation = aggregation.and_then(|v| {
        read_aggregation(
            cx,
            v,
            &what,
            unit,
            rate.is_some(),
            plan.rollup.weight.as_deref(),
        )
    });
    let (unit, target) = (unit?, target?);
    let aggregation = aggregation.unwrap_or_else(|| Aggregation {
        method: AggregationMethod::default_for(unit, rate.is_some()),
        weight: None,
        declared: false,
    });
    Some(Indicator {
        code: code.into_inner(),
        name: name.map(Spanned::into_inner).unwrap_or_default(),
        name_en: name_en.map(Spanned::into_inner).unwrap_or_default(),
        unit,
        unit_symbol: unit.symbol_zh().to_string(),
        decimals,
        direction,
        target,
        lead_unit: lead_name,
        cooperating_units: coop.into_iter().map(Spanned::into_inner).collect(),
        source: source.map(Spanned::into_inner).unwrap_or_default(),
        disaggregation: dims,
        rate,
        required: required.unwrap_or(true),
        aggregation,
        small_counts: small_counts.unwrap_or(false),
    })
}

fn f_missing_lead(cx: &mut Cx, code: &Spanned<String>, what: &str) {
    cx.push(
        Code::PlanMissingField,
        code.span(),
        Some(code.get_ref().clone()),
        format!("{what} 缺少牵头单位 lead_unit"),
        "加上 lead_unit = \"…\"（本领域责任单位之一）",
    );
}

fn unit_hint() -> String {
    let keys: Vec<String> = MeasureUnit::ALL
        .iter()
        .map(|u| format!("{}（{}）", u.key(), u.symbol_zh()))
        .collect();
    format!("unit 可用：{}", keys.join("、"))
}

#[allow(clippy::too_many_arguments)]
fn read_target(
    cx: &mut Cx,
    t: &DeTable,
    span: Range<usize>,
    what: &str,
    code: &Spanned<String>,
    unit: Option<MeasureUnit>,
    plan: &PlanMeta,
    refs: &mut Vec<(Spanned<String>, &'static str)>,
    gap_checks: &mut Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)>,
) -> Option<Target> {
    let mut f = Fields::new(t, span.clone(), format!("{what} 的 target"));
    let kind = f.string(cx, "kind", true);
    let value = f.number(cx, "value");
    let tolerance = f.number(cx, "tolerance");
    let inclusive = f.boolean(cx, "inclusive");
    let between = f.string(cx, "between", false);
    let of = f.string(cx, "of", false);
    let other = f.string(cx, "other", false);
    let wording = f.string(cx, "wording", false);
    f.finish(cx);

    let kind_s = kind?;
    let Some(kind) = TargetKind::from_key(kind_s.get_ref()) else {
        let keys: Vec<&str> = TargetKind::ALL.iter().map(|k| k.key()).collect();
        cx.push(
            Code::PlanUnknownTargetKind,
            kind_s.span(),
            Some(kind_s.get_ref().clone()),
            format!("{what} 的目标类型 \"{}\" 无法识别", kind_s.get_ref()),
            format!("kind 可用：{}", keys.join("、")),
        );
        return None;
    };

    let mut ok = true;
    if kind.needs_value() && value.is_none() {
        cx.push(
            Code::PlanMissingField,
            span.clone(),
            None,
            format!("{what} 的目标类型 {} 需要目标值 value", kind.key()),
            "加上 value = 数字（规划原文中的目标值）",
        );
        ok = false;
    }
    if let (Some(v), Some(u)) = (&value, unit) {
        if !u.admits(*v.get_ref()) {
            let (lo, hi) = u.range();
            cx.push(
                Code::PlanImpossibleTargetValue,
                v.span(),
                Some(super::target::fmt_num(*v.get_ref())),
                format!(
                    "{what} 的目标值 {}{} 超出该单位可能的取值范围 {}–{}",
                    super::target::fmt_num(*v.get_ref()),
                    u.symbol_zh(),
                    super::target::fmt_num(lo),
                    if hi.is_finite() {
                        super::target::fmt_num(hi)
                    } else {
                        "∞".into()
                    }
                ),
                "核对规划原文的目标值和计量单位",
            );
        }
    }
    if let Some(tol) = &tolerance {
        if !(tol.get_ref().is_finite() && *tol.get_ref() > 0.0) {
            cx.push(
                Code::PlanBadNumber,
                tol.span(),
                Some(tol.get_ref().to_string()),
                format!("{what} 的容差必须是正数"),
                "写成例如 tolerance = 2",
            );
        }
    }
    let other_ref = other.clone();
    if kind.needs_other() {
        match &other {
            Some(o) => refs.push((o.clone(), "关系目标")),
            None => {
                cx.push(
                    Code::PlanMissingField,
                    span.clone(),
                    None,
                    format!("{what} 的目标类型 {} 需要比较对象 other", kind.key()),
                    "加上 other = \"被比较的指标编码\"",
                );
                ok = false;
            }
        }
    }
    let mut between_dim = None;
    if kind.needs_between() {
        match &between {
            None => {
                cx.push(
                    Code::PlanMissingField,
                    span.clone(),
                    None,
                    format!("{what} 的差距目标需要 between"),
                    "加上 between = \"area\"（城乡）或 \"sex\"（男女）",
                );
                ok = false;
            }
            Some(b) => match Dimension::from_key(b.get_ref()) {
                Some(d) => {
                    between_dim = Some(d);
                    if let Some(o) = &of {
                        refs.push((o.clone(), "差距目标"));
                    }
                    gap_checks.push((code.clone(), d, of.clone()));
                }
                None => {
                    cx.push(
                        Code::PlanBadValue,
                        b.span(),
                        Some(b.get_ref().clone()),
                        format!("{what} 的 between = \"{}\" 无效", b.get_ref()),
                        "between 只能是 \"area\"（城乡）或 \"sex\"（男女）",
                    );
                    ok = false;
                }
            },
        }
    }
    let wording_text = wording
        .as_ref()
        .map(|w| w.get_ref().clone())
        .unwrap_or_default();
    if let Some(w) = &wording {
        if let Some(reading) = read_wording(w.get_ref()) {
            let value_differs = match (reading.value, &value) {
                (Some(a), Some(b)) => (a - *b.get_ref()).abs() > 1e-9,
                _ => false,
            };
            let inclusive_now = inclusive.unwrap_or(true);
            if reading.kind != kind || value_differs || reading.inclusive != inclusive_now {
                cx.push(
                    Code::PlanWordingMismatch,
                    w.span(),
                    Some(w.get_ref().clone()),
                    format!(
                        "{what}：原文“{}”读作 {}{}{}，但目标写的是 {}{}{}",
                        w.get_ref(),
                        reading.kind.key(),
                        reading
                            .value
                            .map(|v| format!(" {}", super::target::fmt_num(v)))
                            .unwrap_or_default(),
                        if reading.inclusive {
                            ""
                        } else {
                            "（不含本数）"
                        },
                        kind.key(),
                        value
                            .as_ref()
                            .map(|v| format!(" {}", super::target::fmt_num(*v.get_ref())))
                            .unwrap_or_default(),
                        if inclusive_now {
                            ""
                        } else {
                            "（不含本数）"
                        },
                    ),
                    "核对目标类型、目标值和 inclusive 是否与规划原文一致",
                );
            }
        }
    }
    if !ok {
        return None;
    }
    let tolerance = match (kind.uses_tolerance(), tolerance) {
        (true, Some(t)) => Some(t.into_inner()),
        (true, None) => Some(plan.around_tolerance),
        (false, _) => None,
    };
    Some(Target {
        kind,
        value: value.map(Spanned::into_inner),
        tolerance,
        inclusive: inclusive.unwrap_or(true),
        between: between_dim,
        of: of.map(Spanned::into_inner),
        other: other_ref.map(Spanned::into_inner),
        wording: wording_text,
    })
}
