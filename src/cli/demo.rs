//! `planeval demo`: the whole cycle on the bundled demo data — five years of returns from every unit
//! (with the mistakes departments make) and the 2020 baseline go into a fresh store, then the annual,
//! mid-term and final evaluations are written, and the command says where everything is.

use super::progress::Bar;
use super::render::lang;
use super::run::is_feedback;
use super::Globals;
use super::Status;
use planeval::i18n::run::RunText;
use planeval::pipeline::demo::{data_dir, demo};
use planeval::score::Stage;
use planeval::{Catalog, Error};
use std::path::{Path, PathBuf};

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval demo                      在 ./planeval-demo 中演示完整流程
  planeval demo --out /tmp/演示       指定输出文件夹
  planeval demo --json               以 JSON 列出生成的文件

演示数据（fixtures/demo）：2021–2025 年各责任单位报回的工作簿（含常见填报错误、一份更正、一个未报单位、
xls 和 ods 格式各一份）和 2020 年基期数据。";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval demo
      the whole pipeline in ./planeval-demo
  planeval demo --out /tmp/demo
      another output folder
  planeval demo --json
      list the files written as JSON

The demo data (fixtures/demo): the responsible units' returned workbooks of 2021–2025 (with
typical reporting mistakes, one correction, one unit that did not report, one xls and one ods
file) and the 2020 baseline.";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 输出文件夹 [output folder]
    #[arg(long, value_name = "DIR", default_value = "planeval-demo")]
    out: PathBuf,

    /// 演示数据文件夹（默认为源代码中的 fixtures/demo）[the demo data folder]
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,

    /// 以 JSON 输出 [print JSON]
    #[arg(long)]
    json: bool,

    /// 不显示进度条 [no progress bar]
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(g: &Globals, args: Args) -> Result<Status, Error> {
    let cat = Catalog::load(g.plan)?;
    let data = data_dir(args.data.as_deref())?;
    let mut bar = Bar::new(RunText::BarIngest.text(lang()), args.quiet || args.json);
    let done = demo(&cat, &data, &args.out, g.lang, &mut bar)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&done)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
        return Ok(Status::Ok);
    }
    let l = lang();
    let count = |n: usize| n.to_string();
    let (years, outputs) = (&done.years, &done.outputs);
    let data = done.data.display().to_string();
    println!("{}", RunText::DemoData.say(l, &[("dir", &data)]));
    for y in years {
        let label = match y.year {
            Some(y) => RunText::DemoYear.say(l, &[("year", &y.to_string())]),
            None => RunText::DemoBaseline.text(l).into(),
        };
        let problems = if y.errors + y.warnings > 0 {
            RunText::DemoProblems.say(
                l,
                &[
                    ("errors", &count(y.errors)),
                    ("warnings", &count(y.warnings)),
                ],
            )
        } else {
            String::new()
        };
        println!(
            "{}",
            RunText::DemoStep.say(
                l,
                &[
                    ("label", &label),
                    ("files", &count(y.files)),
                    ("added", &count(y.values_added)),
                    ("superseded", &count(y.values_superseded)),
                    ("problems", &problems),
                ]
            )
        );
    }
    println!("{}", RunText::DemoStore.say(l, &[("store", &done.store)]));
    for o in outputs {
        let stage = Stage::from_key(o.stage)
            .map(|s| s.label(l))
            .unwrap_or(o.stage);
        println!(
            "{}",
            RunText::DemoStage.say(
                l,
                &[
                    ("stage", stage),
                    ("year", &o.year.to_string()),
                    ("dir", &o.dir)
                ]
            )
        );
        let feedback = o
            .files
            .iter()
            .filter(|f| is_feedback(&file_name(f)))
            .count();
        for f in o.files.iter().filter(|f| !is_feedback(&file_name(f))) {
            println!("    {}", file_name(f));
        }
        if feedback > 0 {
            println!(
                "{}",
                RunText::DemoFeedback
                    .say(l, &[("year", &o.year.to_string()), ("n", &count(feedback))])
            );
        }
    }
    println!("{}", RunText::DemoOpen.text(l));
    Ok(Status::Ok)
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
