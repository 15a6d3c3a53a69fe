//! `planeval store repair`: rebuild a monitoring store's manifest from the part files present (after
//! manifest.json was deleted or an older one restored), never deleting or moving a file.

use super::render::lang;
use super::Globals;
use super::Status;
use planeval::i18n::commands::CommandText::{self, *};
use planeval::store::repair::{self, Repaired};
use planeval::Error;
use std::path::PathBuf;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval store repair --store 监测数据库          根据现有数据文件重建 manifest.json（误删清单、恢复了旧清单之后）
  planeval store repair --store 监测数据库 --json   以 JSON 输出重建结果

repair 只写 manifest.json，从不删除或移动任何文件；清单与数据文件一致时不做任何改动。
退出码 / Exit codes: 0 已重建或无需重建 · 2 无法重建（数据文件无法读取等）· 3 数据库正被另一进程写入";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval store repair --store store
      rebuild manifest.json from the data files (after it was deleted, or an old one restored)
  planeval store repair --store store --json
      print the result as JSON

repair writes manifest.json only and never deletes or moves a file; when the manifest matches
the data files it changes nothing.
Exit codes: 0 rebuilt, or nothing to rebuild · 2 cannot rebuild (a data file cannot be read …) ·
  3 the store is being written by another process";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 根据数据文件（Parquet）重建监测数据库的清单 manifest.json，不删除任何文件
    /// [rebuild manifest.json from the part files present; deletes nothing]
    #[command(after_help = AFTER_HELP)]
    Repair(RepairArgs),
}

#[derive(Debug, clap::Args)]
struct RepairArgs {
    /// 监测数据库文件夹 [the store folder]
    #[arg(long, value_name = "DIR")]
    store: PathBuf,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,
}

pub fn run(_g: &Globals, args: Args) -> Result<Status, Error> {
    let Action::Repair(args) = args.action;
    let command: Vec<String> = std::env::args().collect();
    let repaired = match repair::repair(&args.store, &command.join(" ")) {
        Err(err @ Error::StoreLocked { .. }) => {
            eprintln!("{}", super::render::error_line(&err));
            return Ok(Status::Locked);
        }
        other => other?,
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&repaired)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
    } else {
        print_repaired(&args.store, &repaired);
    }
    Ok(Status::Ok)
}

fn print_repaired(store: &std::path::Path, r: &Repaired) {
    let l = lang();
    let count = |n: usize| n.to_string();
    let store = store.display().to_string();
    let before = match r.manifest_before {
        "missing" => RepairManifestMissing.text(l).to_string(),
        "unreadable" => RepairManifestUnreadable.text(l).to_string(),
        _ => RepairManifestListed.say(l, &[("n", &count(r.parts_listed_before))]),
    };
    if !r.changed {
        println!(
            "{}",
            RepairNotNeeded.say(
                l,
                &[
                    ("store", &store),
                    ("parts", &count(r.parts)),
                    ("files", &count(r.files))
                ]
            )
        );
        return;
    }
    println!(
        "{}",
        RepairDone.say(
            l,
            &[
                ("store", &store),
                ("before", &before),
                ("parts", &count(r.parts)),
                ("files", &count(r.files)),
                ("next", &r.next_revision.to_string()),
            ]
        )
    );
    // A whole store's parts after a lost manifest: the first few say enough (--json lists them all).
    let list = |title: CommandText, items: &[String]| {
        const SHOWN: usize = 8;
        if items.is_empty() {
            return;
        }
        let more = if items.len() > SHOWN {
            RepairListMore.text(l)
        } else {
            ""
        };
        let shown: Vec<&str> = items.iter().take(SHOWN).map(String::as_str).collect();
        let items_text = format!("{}{more}", shown.join(ListSeparator.text(l)));
        println!(
            "{}",
            RepairList.say(
                l,
                &[
                    ("title", title.text(l)),
                    ("n", &count(items.len())),
                    ("items", &items_text)
                ]
            )
        );
    };
    list(RepairPartsAdded, &r.parts_added);
    list(RepairPartsMissing, &r.parts_missing);
    list(RepairPartsFromColumns, &r.parts_from_columns);
    let dropped: Vec<String> = r
        .files_dropped
        .iter()
        .map(|f| {
            RepairDroppedFile.say(
                l,
                &[("name", &f.name), ("revision", &f.revision.to_string())],
            )
        })
        .collect();
    list(RepairFilesDropped, &dropped);
}
