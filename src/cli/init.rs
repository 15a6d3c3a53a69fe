//! `planeval init DIR`: a job folder for the scheduled run — a commented job.toml, the inbox, the
//! outputs and logs folders.

use super::render::lang;
use super::Globals;
use super::Status;
use planeval::i18n::run::RunText::*;
use planeval::job::JOB_TEMPLATE;
use planeval::{fsutil, Error};
use std::path::PathBuf;

pub const AFTER_HELP: &str = "\
示例 / Examples:
  planeval init 妇女规划监测                 生成作业文件夹（job.toml、inbox/、outputs/、logs/）
  planeval init 妇女规划监测 --year 2024     指定填报年度
然后把各单位报回的工作簿放进 inbox/，运行：planeval run --config 妇女规划监测/job.toml";

/// [`AFTER_HELP`] in English, for `--lang en` (`help::in_english`).
pub const AFTER_HELP_EN: &str = "\
Examples:
  planeval init women-plan
      a job folder (job.toml, inbox/, outputs/, logs/)
  planeval init women-plan --year 2024
      with the reporting year
Then put the units' returned workbooks in inbox/ and run: planeval run --config
women-plan/job.toml";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 作业文件夹，不存在时创建 [the job folder]
    #[arg(value_name = "DIR")]
    dir: PathBuf,

    /// 填报年度，写入 job.toml（默认为去年）[the reporting year]
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,

    /// 覆盖已有的 job.toml [overwrite an existing job.toml]
    #[arg(long)]
    force: bool,
}

pub fn run(_g: &Globals, args: Args) -> Result<Status, Error> {
    let config = args.dir.join("job.toml");
    if config.exists() && !args.force {
        let config = config.display().to_string();
        eprintln!("{}", InitExists.say(lang(), &[("config", &config)]));
        return Ok(Status::Failure);
    }
    for sub in ["inbox", "outputs", "logs"] {
        let d = args.dir.join(sub);
        std::fs::create_dir_all(&d).map_err(|e| Error::io(&d, e))?;
    }
    let year = args.year.unwrap_or_else(|| {
        chrono::Local::now()
            .format("%Y")
            .to_string()
            .parse::<i32>()
            .unwrap_or(2024)
            - 1
    });
    let text = JOB_TEMPLATE.replace("year = 2023", &format!("year = {year}"));
    fsutil::write_atomic(&config, text.as_bytes())?;
    let l = lang();
    let shown = |p: &std::path::Path| p.display().to_string();
    println!("{}", InitDone.say(l, &[("dir", &shown(&args.dir))]));
    println!("{}", InitConfig.say(l, &[("path", &shown(&config))]));
    println!(
        "{}",
        InitInbox.say(l, &[("path", &shown(&args.dir.join("inbox")))])
    );
    println!(
        "{}",
        InitOutputs.say(l, &[("path", &shown(&args.dir.join("outputs")))])
    );
    println!(
        "{}",
        InitLogs.say(l, &[("path", &shown(&args.dir.join("logs")))])
    );
    println!("{}", InitNext.say(l, &[("config", &shown(&config))]));
    Ok(Status::Ok)
}
