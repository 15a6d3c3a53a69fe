//! Errors as the command line reports them: clap's usage errors said in Chinese first (clap speaks only
//! English) with clap's own English text after, and a failure of a run with the details a user needs to
//! fix it (a broken plan file's first problems with file:line:col).

use super::render::{diagnostic_text, error_line, lang, shown_text};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use planeval::i18n::{commands::CommandText, Lang};
use planeval::Error;

/// How many of a broken plan's problems are printed before pointing at `catalog --check`.
const PLAN_PROBLEMS_SHOWN: usize = 5;

/// A usage error in Chinese, then clap's English message (with its suggestion), for stderr. Help and
/// version requests are not errors and are printed as clap prints them.
pub fn usage_error_text(err: &clap::Error) -> String {
    let ctx = |kind: ContextKind| -> Option<String> {
        err.get(kind).map(|v| match v {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(v) => v.join("、"),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(v) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            ContextValue::Number(n) => n.to_string(),
            ContextValue::Bool(b) => b.to_string(),
            _ => String::new(),
        })
    };
    // clap's own message is English: in English, it is the whole message.
    if lang() == Lang::En {
        return shown_text(&err.render().to_string()).into_owned();
    }
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
    let mut zh = match err.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("参数 {arg} 缺少值"),
        ErrorKind::InvalidValue => {
            let mut s = format!("参数 {arg} 的值“{value}”无效");
            if let Some(valid) = ctx(ContextKind::ValidValue) {
                s.push_str(&format!("；可用的值：{valid}"));
            }
            s
        }
        ErrorKind::ValueValidation => format!("参数 {arg} 的值“{value}”无效"),
        ErrorKind::UnknownArgument => format!("不认识的参数 {arg}"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "没有这个命令：{}",
                ctx(ContextKind::InvalidSubcommand).unwrap_or(arg)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令".to_string()
        }
        ErrorKind::ArgumentConflict => {
            let with = ctx(ContextKind::PriorArg).unwrap_or_default();
            format!("参数 {arg} 不能与 {with} 同时使用")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 需要用 = 给出值"),
        ErrorKind::TooManyValues => format!("参数 {arg} 的值太多：“{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        _ => "命令行有误".to_string(),
    };
    if let Some(suggested) = ctx(ContextKind::SuggestedArg).or(ctx(ContextKind::SuggestedValue)) {
        zh.push_str(&format!("；是否要用 {suggested}？"));
    }
    if let Some(sub) = ctx(ContextKind::SuggestedSubcommand) {
        zh.push_str(&format!("；是否要用命令 {sub}？"));
    }
    // The arguments may be file names from anywhere: escaped like any input.
    shown_text(&format!(
        "planeval: 错误：{zh}\n  提示: 用 planeval --help 或 planeval <命令> --help 查看用法和示例\n\n{}",
        err.render()
    ))
    .into_owned()
}

/// A failure of a run as printed on stderr.
pub fn run_error_text(err: &Error) -> String {
    let mut s = shown_text(&error_line(err)).into_owned();
    if let Error::InvalidPlan { diagnostics, file } = err {
        let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
        for d in errors.iter().take(PLAN_PROBLEMS_SHOWN) {
            s.push('\n');
            s.push_str(&diagnostic_text(d));
        }
        if errors.len() > PLAN_PROBLEMS_SHOWN {
            s.push('\n');
            s.push_str(&CommandText::MorePlanProblems.say(
                lang(),
                &[
                    ("n", &(errors.len() - PLAN_PROBLEMS_SHOWN).to_string()),
                    ("file", file),
                ],
            ));
        }
    }
    s
}
