//! Reading a plan file: TOML text → `Catalog`, with every problem reported at its line.
//!
//! The file is parsed into toml's spanned document tree and walked by hand rather than deserialised with
//! serde: serde stops at the first wrong field, while a person fixing a plan file wants every problem at
//! once, each with its line. Loading and `catalog --check` share this one path, so a file that checks clean
//! is exactly a file that loads.
//!
//! This module holds the reading context (line index, field access, diagnostics) and the file's frame;
//! `sections` reads `[plan]`, `[rollup]`, aggregation keys and objectives, `indicator` one indicator
//! with its target.

use super::aggregation::{Aggregation, AggregationMethod, RollupPolicy};
use super::measure::MeasureUnit;
use super::target::{read_wording, Dimension, Direction, Target, TargetKind};
use super::{Catalog, Domain, Indicator, Objective, ObjectiveKind, OrgUnit, PlanMeta, RateParts};
use crate::diagnostic::{Code, Diagnostic, Location};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

mod indicator;
mod sections;

use indicator::read_indicator;
use sections::{read_aggregation, read_objective, read_plan, read_rollup};

/// The tolerance of `around` targets when neither the target nor `[plan]` gives one: 2 units, i.e. two
/// percentage points for the percentages the plan's 左右 targets are stated in.
pub const DEFAULT_AROUND_TOLERANCE: f64 = 2.0;

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
