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
use crate::i18n::plan::PlanText::{self, *};
use crate::i18n::Lang;
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
            cx.say(
                Code::PlanSyntax,
                span,
                None,
                (Syntax, HintSyntax),
                &[("detail", e.message().trim())],
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
    /// One diagnostic at `span`, its message and hint from the table with the same arguments in both
    /// languages.
    fn say(
        &mut self,
        code: Code,
        span: Range<usize>,
        raw: Option<String>,
        keys: (PlanText, PlanText),
        args: &[(&str, &str)],
    ) {
        self.say_each(code, span, raw, keys, args, args);
    }

    /// One diagnostic about a part of the file (`{what}`), with further arguments the same in both
    /// languages.
    fn about(
        &mut self,
        code: Code,
        span: Range<usize>,
        raw: Option<String>,
        keys: (PlanText, PlanText),
        what: &Label,
        args: &[(&str, &str)],
    ) {
        let zh = what.args(Lang::Zh, args);
        let en = what.args(Lang::En, args);
        self.say_each(code, span, raw, keys, &zh, &en);
    }

    /// One diagnostic whose arguments differ by language (units' symbols, labels, lists).
    fn say_each(
        &mut self,
        code: Code,
        span: Range<usize>,
        raw: Option<String>,
        (message, hint): (PlanText, PlanText),
        zh: &[(&str, &str)],
        en: &[(&str, &str)],
    ) {
        let (line, column) = self.lines.position(span.start);
        self.diags.push(
            Diagnostic::new(
                code,
                Location::Line {
                    file: self.file.to_string(),
                    line,
                    column,
                },
                raw,
                message.say(Lang::Zh, zh),
                hint.say(Lang::Zh, zh),
            )
            .with_en(message.say(Lang::En, en), hint.say(Lang::En, en)),
        );
    }
}

/// A part of the plan file as a sentence names it (`[plan]`, 指标 b 的 rate / the rate of indicator b),
/// in both languages.
#[derive(Debug, Clone)]
struct Label {
    zh: String,
    en: String,
}

impl Label {
    fn of(text: PlanText) -> Label {
        Label::with(text, &[])
    }

    fn with(text: PlanText, args: &[(&str, &str)]) -> Label {
        let (zh, en) = text.both(args);
        Label { zh, en }
    }

    fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }

    /// The table `key` inside this part: 指标 b 的 rate / the rate of indicator b.
    fn part(&self, key: &str) -> Label {
        Label {
            zh: WhatPartOf.say(Lang::Zh, &[("what", &self.zh), ("key", key)]),
            en: WhatPartOf.say(Lang::En, &[("what", &self.en), ("key", key)]),
        }
    }

    /// `args` with this label as `{what}`, in `lang`.
    fn args<'a>(&'a self, lang: Lang, args: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let mut all = args.to_vec();
        all.push(("what", self.text(lang)));
        all
    }
}

/// A table being read: remembers which keys were asked for so that the rest can be reported.
struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Range<usize>,
    what: Label,
    seen: HashSet<String>,
}

impl<'t, 'i> Fields<'t, 'i> {
    fn new(table: &'t DeTable<'i>, span: Range<usize>, what: Label) -> Self {
        Fields {
            table,
            span,
            what,
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

    /// The field `key` is missing; `hint` may name it as `{key}`.
    fn missing(&self, cx: &mut Cx, key: &str, hint: PlanText) {
        cx.about(
            Code::PlanMissingField,
            self.span.clone(),
            None,
            (MissingField, hint),
            &self.what,
            &[("key", key)],
        );
    }

    fn wrong_type(
        &self,
        cx: &mut Cx,
        key: &str,
        span: Range<usize>,
        want: PlanText,
        got: &DeValue,
    ) {
        let args = |lang: Lang| {
            self.what.args(
                lang,
                &[
                    ("key", key),
                    ("want", want.text(lang)),
                    ("got", got.type_str()),
                ],
            )
        };
        cx.say_each(
            Code::PlanMissingField,
            span,
            Some(describe_value(got)),
            (WrongType, HintWrongType),
            &args(Lang::Zh),
            &args(Lang::En),
        );
    }

    fn string(&mut self, cx: &mut Cx, key: &str, required: bool) -> Option<Spanned<String>> {
        let v = match self.get(key) {
            Some(v) => v,
            None => {
                if required {
                    self.missing(cx, key, HintAddString);
                }
                return None;
            }
        };
        match v.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => Some(Spanned::new(v.span(), s.trim().to_string())),
            Some(_) => {
                if required {
                    cx.about(
                        Code::PlanMissingField,
                        v.span(),
                        Some(String::new()),
                        (EmptyField, HintFillIn),
                        &self.what,
                        &[("key", key)],
                    );
                }
                None
            }
            None => {
                self.wrong_type(cx, key, v.span(), WantString, v.get_ref());
                None
            }
        }
    }

    fn number(&mut self, cx: &mut Cx, key: &str) -> Option<Spanned<f64>> {
        let v = self.get(key)?;
        match as_f64(v.get_ref()) {
            Some(n) => Some(Spanned::new(v.span(), n)),
            None => {
                self.wrong_type(cx, key, v.span(), WantNumber, v.get_ref());
                None
            }
        }
    }

    fn integer(&mut self, cx: &mut Cx, key: &str, required: bool) -> Option<Spanned<i64>> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(cx, key, HintAddInteger);
            }
            return None;
        };
        match as_i64(v.get_ref()) {
            Some(n) => Some(Spanned::new(v.span(), n)),
            None => {
                self.wrong_type(cx, key, v.span(), WantInteger, v.get_ref());
                None
            }
        }
    }

    fn boolean(&mut self, cx: &mut Cx, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref().as_bool() {
            Some(b) => Some(b),
            None => {
                self.wrong_type(cx, key, v.span(), WantBool, v.get_ref());
                None
            }
        }
    }

    fn strings(&mut self, cx: &mut Cx, key: &str) -> Vec<Spanned<String>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.wrong_type(cx, key, v.span(), WantStrings, v.get_ref());
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in arr.iter() {
            match item.get_ref().as_str() {
                Some(s) => out.push(Spanned::new(item.span(), s.trim().to_string())),
                None => self.wrong_type(cx, key, item.span(), WantString, item.get_ref()),
            }
        }
        out
    }

    fn tables(&mut self, cx: &mut Cx, key: &str) -> Vec<(Range<usize>, &'t DeTable<'i>)> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.wrong_type(cx, key, v.span(), WantTables, v.get_ref());
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in arr.iter() {
            match item.get_ref().as_table() {
                Some(t) => out.push((item.span(), t)),
                None => self.wrong_type(cx, key, item.span(), WantTable, item.get_ref()),
            }
        }
        out
    }

    /// Reports every key that nobody asked for: almost always a typo that would otherwise vanish.
    fn finish(self, cx: &mut Cx) {
        for (k, _) in self.table.iter() {
            let key = k.get_ref().as_ref();
            if !self.seen.contains(key) {
                cx.about(
                    Code::PlanUnknownField,
                    k.span(),
                    Some(key.to_string()),
                    (UnknownField, HintUnknownField),
                    &self.what,
                    &[("key", key)],
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
    let mut top = Fields::new(root, span.clone(), Label::of(WhatPlanFile));
    let mut plan = match top.get("plan") {
        Some(v) => match v.get_ref().as_table() {
            Some(t) => read_plan(cx, t, v.span()),
            None => {
                top.wrong_type(cx, "plan", v.span(), WantPlanTable, v.get_ref());
                read_plan(cx, &DeTable::default(), v.span())
            }
        },
        None => {
            top.missing(cx, "plan", HintAddPlan);
            read_plan(cx, &DeTable::default(), 0..0)
        }
    };
    if let Some(v) = top.get("rollup") {
        match v.get_ref().as_table() {
            Some(t) => plan.rollup = read_rollup(cx, t, v.span()),
            None => top.wrong_type(cx, "rollup", v.span(), WantRollupTable, v.get_ref()),
        }
    }
    let unit_tables = top.tables(cx, "units");
    let domain_tables = top.tables(cx, "domains");
    top.finish(cx);

    let mut units = Vec::new();
    let mut unit_names: HashMap<String, Range<usize>> = HashMap::new();
    for (uspan, t) in unit_tables {
        let mut f = Fields::new(t, uspan.clone(), Label::of(WhatUnit));
        let name = f.string(cx, "name", true);
        let name_en = f.string(cx, "name_en", false);
        let aliases = f.strings(cx, "aliases");
        f.finish(cx);
        let Some(name) = name else { continue };
        for n in std::iter::once(&name).chain(aliases.iter()) {
            let key = super::normalize_unit_name(n.get_ref());
            if let Some(prev) = unit_names.get(&key) {
                let (line, _) = cx.lines.position(prev.start);
                cx.say(
                    Code::PlanDuplicateCode,
                    n.span(),
                    Some(n.get_ref().clone()),
                    (UnitNameTwice, HintUnitNameTwice),
                    &[("name", n.get_ref()), ("line", &line.to_string())],
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
        top_level_missing(cx, "units", HintAddUnits);
    }

    let known_unit = |name: &str| unit_names.contains_key(&super::normalize_unit_name(name));
    let mut refs: Vec<(Spanned<String>, PlanText)> = Vec::new();
    let mut domains = Vec::new();
    let mut codes: HashMap<String, Range<usize>> = HashMap::new();
    let mut indicator_index: HashMap<String, Vec<Dimension>> = HashMap::new();
    let mut gap_checks: Vec<(Spanned<String>, Dimension, Option<Spanned<String>>)> = Vec::new();

    for (dspan, t) in domain_tables {
        let mut f = Fields::new(t, dspan.clone(), Label::of(WhatDomain));
        let code = f.string(cx, "code", true);
        let number = f.integer(cx, "number", true);
        let name = f.string(cx, "name", true);
        let name_en = f.string(cx, "name_en", false);
        let responsible = f.strings(cx, "responsible_units");
        let objective_tables = f.tables(cx, "objectives");
        f.finish(cx);
        if let Some(c) = &code {
            unique(cx, &mut codes, c, KindDomain);
        }
        for u in &responsible {
            check_unit(cx, &known_unit, u, RoleResponsible);
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
            cx.say(
                Code::PlanMissingField,
                dspan.clone(),
                None,
                (DomainWithoutObjectives, HintAddObjectives),
                &[],
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
        top_level_missing(cx, "domains", HintAddDomains);
    }

    for (r, what) in refs {
        if !indicator_index.contains_key(r.get_ref()) {
            cx.about(
                Code::PlanUnknownIndicatorRef,
                r.span(),
                Some(r.get_ref().clone()),
                (UnknownRef, HintUnknownRef),
                &Label::of(what),
                &[("code", r.get_ref())],
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
                let args = |dim_label: &'static str| {
                    [
                        ("dim", dim_label),
                        ("code", subject.as_str()),
                        ("key", dim.key()),
                    ]
                };
                cx.say_each(
                    Code::PlanGapWithoutDisaggregation,
                    span,
                    Some(subject.clone()),
                    (GapWithoutBreakdown, HintAddBreakdown),
                    &args(dim.label_zh()),
                    &args(dim.label_en()),
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

fn top_level_missing(cx: &mut Cx, key: &str, hint: PlanText) {
    cx.say(
        Code::PlanMissingField,
        0..0,
        None,
        (TopLevelMissing, hint),
        &[("key", key)],
    );
}

fn unique(
    cx: &mut Cx,
    seen: &mut HashMap<String, Range<usize>>,
    code: &Spanned<String>,
    kind: PlanText,
) {
    if let Some(prev) = seen.get(code.get_ref()) {
        let (line, _) = cx.lines.position(prev.start);
        let line = line.to_string();
        let args = |lang| {
            [
                ("kind", kind.text(lang)),
                ("code", code.get_ref()),
                ("line", &line),
            ]
        };
        cx.say_each(
            Code::PlanDuplicateCode,
            code.span(),
            Some(code.get_ref().clone()),
            (DuplicateCode, HintDuplicateCode),
            &args(Lang::Zh),
            &args(Lang::En),
        );
    } else {
        seen.insert(code.get_ref().clone(), code.span());
    }
}

fn check_unit(cx: &mut Cx, known: &dyn Fn(&str) -> bool, u: &Spanned<String>, role: PlanText) {
    if !known(u.get_ref()) {
        let args = |lang| [("role", role.text(lang)), ("name", u.get_ref())];
        cx.say_each(
            Code::PlanUnknownResponsibleUnit,
            u.span(),
            Some(u.get_ref().clone()),
            (UnitNotListed, HintUnitNotListed),
            &args(Lang::Zh),
            &args(Lang::En),
        );
    }
}
