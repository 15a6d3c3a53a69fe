//! `planeval catalog`: print the plan as a table or JSON, filter it to one unit, or check a plan file.

use super::render::{diagnostic_summary, diagnostic_text, table, truncate};
use super::Globals;
use super::Status;
use planeval::catalog::{self, Catalog, ObjectiveKind};
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
                        e.to_string(),
                        "确认文件路径正确、可读，并以 UTF-8 编码保存",
                    );
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
    let mut out = format!(
        "{}（{}）\n规划期 {}–{}，基期 {} 年，中期评估 {} 年，终期评估 {} 年\n\n",
        p.name,
        p.document,
        p.period_start,
        p.period_end,
        p.baseline_year,
        p.midterm_year,
        p.final_year
    );
    let mut rows = Vec::new();
    for d in &cat.domains {
        for o in &d.objectives {
            if o.kind == ObjectiveKind::Qualitative {
                rows.push(vec![
                    d.name.clone(),
                    o.code.clone(),
                    "—".into(),
                    truncate(&o.text, 40),
                    String::new(),
                    "定性（自评）".into(),
                    o.lead_unit.clone().unwrap_or_default(),
                ]);
                continue;
            }
            for i in &o.indicators {
                rows.push(vec![
                    d.name.clone(),
                    o.code.clone(),
                    i.code.clone(),
                    truncate(&i.name, 40),
                    i.unit.symbol_zh().to_string(),
                    target_text(cat, &i.target),
                    i.lead_unit.clone(),
                ]);
            }
        }
    }
    out.push_str(&table(
        &[
            "领域",
            "目标",
            "指标编码",
            "指标 / 定性目标",
            "单位",
            "目标值",
            "牵头单位",
        ],
        &rows,
    ));
    let objectives = cat.objectives().count();
    let qualitative = cat
        .objectives()
        .filter(|(_, o)| o.kind == ObjectiveKind::Qualitative)
        .count();
    out.push_str(&format!(
        "\n{}{} 个领域，{} 项主要目标（{} 项定量、{} 项定性），{} 个指标\n",
        if filtered { "筛选后：" } else { "" },
        cat.domains.len(),
        objectives,
        objectives - qualitative,
        qualitative,
        cat.indicators().count()
    ));
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
