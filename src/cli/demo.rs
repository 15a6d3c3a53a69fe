//! `planeval demo`: the whole cycle on the bundled demo data — five years of returns from every unit
//! (with the mistakes departments make) and the 2020 baseline go into a fresh store, then the annual,
//! mid-term and final evaluations are written, and the command says where everything is.

use super::progress::Bar;
use super::Globals;
use super::Status;
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
    let mut bar = Bar::new("入库", args.quiet || args.json);
    let done = demo(&cat, &data, &args.out, &mut bar)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&done)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        );
        return Ok(Status::Ok);
    }
    let (years, outputs) = (&done.years, &done.outputs);
    println!("演示数据：{}", done.data.display());
    for y in years {
        let label = y
            .year
            .map(|y| format!("{y} 年报表"))
            .unwrap_or_else(|| "基期及目标数据".into());
        let problems = if y.errors + y.warnings > 0 {
            format!(
                "；错误 {} 个、警告 {} 个（演示中故意保留的填报错误，已隔离或提示）",
                y.errors, y.warnings
            )
        } else {
            String::new()
        };
        println!(
            "  {label}：{} 个文件，新增 {} 个数值，更正 {} 个{problems}",
            y.files, y.values_added, y.values_superseded
        );
    }
    println!("监测数据库：{}", done.store);
    for o in outputs {
        let stage = Stage::from_key(o.stage)
            .map(|s| s.label_zh())
            .unwrap_or(o.stage);
        println!("{stage}（{} 年）：{}", o.year, o.dir);
        let feedback = o
            .files
            .iter()
            .filter(|f| file_name(f).starts_with("反馈-"))
            .count();
        for f in o
            .files
            .iter()
            .filter(|f| !file_name(f).starts_with("反馈-"))
        {
            println!("    {}", file_name(f));
        }
        if feedback > 0 {
            println!(
                "    反馈-<单位>-{}.xlsx（{feedback} 个责任单位各一份）",
                o.year
            );
        }
    }
    println!("用 Excel 或 WPS 打开上面的工作簿，用 Word 或 WPS 打开评估报告（.docx）；planeval --help 列出全部命令。");
    Ok(Status::Ok)
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
