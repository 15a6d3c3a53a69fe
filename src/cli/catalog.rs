//! `planeval catalog`: print the plan as a table or JSON, filter it to one unit, or check a plan file.

use super::render::{diagnostic_summary, diagnostic_text, heads, lang, table, truncate};
use super::Globals;
use super::Status;
use planeval::catalog::{self, Catalog, ObjectiveKind};
use planeval::i18n::commands::CommandText::*;
use planeval::i18n::Lang;
use planeval::report::messages::{self, domain_name, indicator_name, plan_name, unit_name};
use planeval::{Code, Diagnostic, Error, Location};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval catalog                          按领域列出全部主要目标和指标
  planeval catalog --unit 妇联               只列妇联牵头或配合的目标和指标（也接受别名，如 县妇联）
  planeval catalog --json > plan.json       以 JSON 输出，供其他程序使用
  planeval catalog --check plans/new.toml   检查计划文件，列出每个问题及其行号；有错误时退出码为 2
  planeval --plan plans/new.toml catalog    用另一个计划文件代替内置规划";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval catalog
      every main objective and indicator, by domain
  planeval catalog --unit 妇联
      only what 妇联 leads or cooperates on (aliases such as 县妇联 work too)
  planeval catalog --json > plan.json
      print JSON for other programs
  planeval catalog --check plans/new.toml
      check a plan file: each problem with its line; exit code 2 on errors
  planeval --plan plans/new.toml catalog
      use another plan file instead of the built-in plan";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,

    /// 只列出该责任单位牵头或配合的目标和指标 [only what this unit leads or cooperates on]
    #[arg(long, value_name = "NAME")]
    unit: Option<String>,

    /// 检查计划文件并列出全部问题（不给文件时检查 --plan 或内置规划）
    /// [check a plan file and report every problem]
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    check: Option<Option<PathBuf>>,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let plan = g.plan;
    if let Some(file) = &args.check {
        return Ok(check(file.as_deref().or(plan), args.json));
    }
    let mut cat = Catalog::load(plan)?;
    if let Some(name) = &args.unit {
        let unit = cat.require_unit(name)?;
        cat = cat.for_unit(&unit);
    }
    if args.json {
        println!("{}", to_json(&cat));
    } else {
        print!("{}", catalog_text(&cat, args.unit.is_some()));
    }
    Ok(Status::Ok)
}

fn to_json<T: Serialize>(v: &T) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

#[derive(Serialize)]
struct CheckReport<'a> {
    file: &'a str,
    ok: bool,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

fn check(path: Option<&Path>, json: bool) -> Status {
    let (file, diagnostics) = match path {
        None => {
            let parsed = catalog::parse(catalog::BUILTIN_PLAN_TOML, catalog::BUILTIN_PLAN_NAME);
            (catalog::BUILTIN_PLAN_NAME.to_string(), parsed.diagnostics)
        }
        Some(p) => {
            let file = p.display().to_string();
            match catalog::read_plan_text(p) {
                Ok(src) => {
                    let parsed = catalog::parse(&src, &file);
                    (file, parsed.diagnostics)
                }
                Err(e) => {
                    let d = Diagnostic::new(
                        Code::PlanUnreadable,
                        Location::File { file: file.clone() },
                        None,
                        e.text(Lang::Zh),
                        CatalogPlanUnreadableHint.zh(),
                    )
                    .with_en(e.text(Lang::En), CatalogPlanUnreadableHint.en());
                    (file, vec![d])
                }
            }
        }
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if json {
        let report = CheckReport {
            file: &file,
            ok: errors == 0,
            errors,
            warnings: diagnostics.len() - errors,
            diagnostics: &diagnostics,
        };
        println!("{}", to_json(&report));
    } else {
        for d in &diagnostics {
            println!("{}\n", diagnostic_text(d));
        }
        println!("{file}: {}", diagnostic_summary(&diagnostics));
    }
    if errors > 0 {
        Status::Failure
    } else {
        Status::Ok
    }
}

/// The plan as a table: one row per indicator, one per qualitative objective.
fn catalog_text(cat: &Catalog, filtered: bool) -> String {
    let p = &cat.plan;
    let l = lang();
    let name = plan_name(cat, l);
    let mut out = CatalogHead.say(
        l,
        &[
            ("name", &name),
            ("document", &p.document),
            ("start", &p.period_start.to_string()),
            ("end", &p.period_end.to_string()),
            ("baseline", &p.baseline_year.to_string()),
            ("midterm", &p.midterm_year.to_string()),
            ("final", &p.final_year.to_string()),
        ],
    );
    out.push_str("\n\n");
    let mut rows = Vec::new();
    for d in &cat.domains {
        for o in &d.objectives {
            if o.kind == ObjectiveKind::Qualitative {
                rows.push(vec![
                    domain_name(cat, &d.code, l),
                    o.code.clone(),
                    "—".into(),
                    truncate(&o.text, 40),
                    String::new(),
                    CatalogQualitative.text(l).into(),
                    o.lead_unit
                        .as_deref()
                        .map(|u| unit_name(cat, u, l))
                        .unwrap_or_default(),
                ]);
                continue;
            }
            for i in &o.indicators {
                rows.push(match l {
                    Lang::Zh => vec![
                        d.name.clone(),
                        o.code.clone(),
                        i.code.clone(),
                        truncate(&i.name, 40),
                        i.unit.symbol_zh().to_string(),
                        target_text(cat, &i.target),
                        i.lead_unit.clone(),
                    ],
                    Lang::En => vec![
                        domain_name(cat, &d.code, l),
                        o.code.clone(),
                        i.code.clone(),
                        truncate(&indicator_name(cat, &i.code, l), 40),
                        i.unit.symbol_en().to_string(),
                        messages::target_text(cat, &i.target, l),
                        unit_name(cat, &i.lead_unit, l),
                    ],
                });
            }
        }
    }
    out.push_str(&table(
        &heads(&[
            ColDomain,
            ColObjective,
            ColIndicatorCode,
            ColIndicatorOrObjective,
            ColMeasure,
            ColTarget,
            ColLead,
        ]),
        &rows,
    ));
    let objectives = cat.objectives().count();
    let qualitative = cat
        .objectives()
        .filter(|(_, o)| o.kind == ObjectiveKind::Qualitative)
        .count();
    let count = |n: usize| n.to_string();
    let totals = CatalogTotals.say(
        l,
        &[
            (
                "filtered",
                if filtered {
                    CatalogFiltered.text(l)
                } else {
                    ""
                },
            ),
            ("domains", &count(cat.domains.len())),
            ("objectives", &count(objectives)),
            ("quantitative", &count(objectives - qualitative)),
            ("qualitative", &count(qualitative)),
            ("indicators", &count(cat.indicators().count())),
        ],
    );
    out.push_str(&format!("\n{totals}\n"));
    out
}

/// A target as the table shows it, naming the other indicator of a relational target.
fn target_text(cat: &Catalog, t: &catalog::Target) -> String {
    let mut s = t.describe_zh();
    if let Some(other) = t.other.as_deref() {
        if let Some(i) = cat.indicator(other) {
            s = s.replace(&format!("[{other}]"), &i.name);
        }
    }
    s
}
