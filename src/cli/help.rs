//! The command line's help in English alone, for `--lang en`: every option's and command's help is
//! written bilingually in place (`中文 [English]`), and the examples after it in each language
//! (`AFTER_HELP`, `AFTER_HELP_EN` of each command's module); this keeps the English of each.

use clap::builder::StyledStr;
use clap::Command;

/// `cmd` with every help text in English: the bracketed English of each bilingual text, and each
/// command's English examples.
pub fn in_english(cmd: Command) -> Command {
    let name = cmd.get_name().to_string();
    let mut cmd = cmd.mut_args(|a| {
        let help = a.get_help().map(english);
        let long = a.get_long_help().map(english);
        let a = match help {
            Some(h) => a.help(h),
            None => a,
        };
        match long {
            Some(h) => a.long_help(h),
            None => a,
        }
    });
    if let Some(about) = cmd.get_about().map(english) {
        cmd = cmd.about(about);
    }
    if let Some(about) = cmd.get_long_about().map(english) {
        cmd = cmd.long_about(about);
    }
    if let Some(examples) = examples_en(&name) {
        cmd = cmd.after_help(examples);
    }
    cmd.mut_subcommands(in_english)
}

/// The English examples of the command called `name`.
fn examples_en(name: &str) -> Option<&'static str> {
    use super::*;
    Some(match name {
        "planeval" => AFTER_HELP_EN,
        "areas" => areas::AFTER_HELP_EN,
        "catalog" => catalog::AFTER_HELP_EN,
        "check" => check::AFTER_HELP_EN,
        "demo" => demo::AFTER_HELP_EN,
        "evaluate" => evaluate::AFTER_HELP_EN,
        "export" => export::AFTER_HELP_EN,
        "history" => history::AFTER_HELP_EN,
        "ingest" => ingest::AFTER_HELP_EN,
        "init" => init::AFTER_HELP_EN,
        "panel" => panel::AFTER_HELP_EN,
        "run" => run::AFTER_HELP_EN,
        "status" => status::AFTER_HELP_EN,
        "repair" => store::AFTER_HELP_EN,
        "template" => template::AFTER_HELP_EN,
        _ => return None,
    })
}

/// The English of a bilingual help text: what its last `[…]` holds, its first letter made capital as
/// clap's own help is; a text without one is kept as it is.
fn english(text: &StyledStr) -> String {
    let text = text.to_string();
    let trimmed = text.trim_end();
    let inner = trimmed
        .strip_suffix(']')
        .and_then(|t| t.rfind('[').map(|i| &t[i + 1..]))
        .filter(|t| !t.trim().is_empty());
    match inner {
        Some(en) => {
            let mut chars = en.trim().chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => text.clone(),
            }
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_of_a_bilingual_text_is_its_last_bracket() {
        let t = |s: &str| english(&StyledStr::from(s.to_string()));
        assert_eq!(t("以 JSON 输出 [print JSON]"), "Print JSON");
        assert_eq!(
            t("报回的工作簿（可用 [] 号）\n[folder of returned workbooks]"),
            "Folder of returned workbooks"
        );
        assert_eq!(t("Print help"), "Print help");
        assert_eq!(t("只有中文"), "只有中文");
    }

    #[test]
    fn every_command_has_english_examples() {
        use clap::CommandFactory;
        fn walk(cmd: &Command, path: &str) {
            let after = cmd
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            // Commands with sub-commands of their own (`store`) keep their examples on those.
            if cmd.get_subcommands().next().is_none() || path == "planeval" {
                assert!(after.starts_with("Examples:"), "{path}: {after}");
            }
            for sub in cmd
                .get_subcommands()
                .filter(|s| !s.is_hide_set() && s.get_name() != "help")
            {
                walk(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        walk(&in_english(super::super::Cli::command()), "planeval");
    }
}
