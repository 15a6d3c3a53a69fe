//! What `planeval run` (the scheduled job), `init` and `demo` says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of `planeval run` (the scheduled job), `init` and `demo`.
    pub enum RunText {
        /// The progress bar's label while returns are ingested.
        BarIngest => "入库", "ingest";
        NoBaseline => "planeval: 警告：监测数据库中没有基期数据，没有基期值的指标无法判断进展；请在 job.toml 的 baseline 中写上基期及历年数据表（planeval template --baseline 生成）",
            "planeval: warning: the store holds no baseline data, so indicators without a baseline value cannot be judged; name the baseline and past-years sheet in job.toml's baseline (planeval template --baseline writes one)";
        LogUnwritable => "planeval: 警告：无法写入运行日志：{error}", "planeval: warning: could not write the run log: {error}";
        OtherYearFiles => "收件箱中有 {n} 个文件属于其他年度（本作业为 {year} 年度），未入库：{files}；要按其自身年度入库，在 job.toml 中写 other_years = \"ingest\"。",
            "{n} files in the inbox belong to other years (this job is for {year}) and were not ingested: {files}; to ingest them under their own years, write other_years = \"ingest\" in job.toml.";
        InboxEmpty => "收件箱中还没有报表，监测数据库已就绪：{store}。报表放入收件箱后再次运行即可入库和评估。",
            "the inbox holds no returns yet; the store is ready: {store}. Put returns in the inbox and run again to ingest and evaluate them.";
        NothingNew => "收件箱中没有新文件（{n} 个文件已入库），监测数据库和评估结果保持不变。",
            "no new files in the inbox ({n} files ingested before): the store and the evaluation stay as they were.";
        Ingested => "入库新文件 {files} 个（已入库过的 {unchanged} 个未变）；新增 {added} 个数值，更正 {superseded} 个；错误 {errors} 个，警告 {warnings} 个。",
            "{files} new files ingested ({unchanged} ingested before, unchanged); {added} values added, {superseded} corrected; {errors} errors, {warnings} warnings.";
        OutputTemplates => "输出：{dir}/  {n} 份填报模板（已填基期值和上年值）",
            "outputs: {dir}/  {n} reporting templates (with baseline and last year's values filled in)";
        OutputFiles => "输出：{dir}/  {files}，另有 {n} 份单位反馈", "outputs: {dir}/  {files}, and {n} unit feedback workbooks";
        ErrorsLeft => "有数据错误的文件已把其余数值入库。逐个文件的问题：planeval check {inbox} --year {year}（加 --out 反馈/ 为每个文件生成反馈工作簿）；未更正的错误列在评估工作簿的“数据质量”表。",
            "files with data errors had their other values ingested. Each file's problems: planeval check {inbox} --year {year} (add --out feedback/ for a feedback workbook per file); errors not yet corrected are listed on the evaluation workbook's data-quality sheet.";
        StoreAndLog => "监测数据库：{store}；运行日志：{log}", "store: {store}; run log: {log}";
        InitExists => "planeval: {config} 已存在，未改动；要重新生成请加 --force", "planeval: {config} exists and was left as it is; add --force to write it again";
        InitDone => "已生成作业文件夹 {dir}：", "job folder written: {dir}";
        InitConfig => "  {path}  作业配置（带注释，按需修改）", "  {path}  the job's configuration (commented; edit as needed)";
        InitInbox => "  {path}  收件箱：放入各单位报回的工作簿", "  {path}  the inbox: put the units' returned workbooks here";
        InitOutputs => "  {path}  评估结果", "  {path}  evaluation results";
        InitLogs => "  {path}  运行日志", "  {path}  run logs";
        InitNext => "下一步：planeval run --config {config}", "next: planeval run --config {config}";
        DemoData => "演示数据：{dir}", "demo data: {dir}";
        DemoYear => "{year} 年报表", "returns for {year}";
        DemoBaseline => "基期及目标数据", "baseline and target data";
        DemoProblems => "；错误 {errors} 个、警告 {warnings} 个（演示中故意保留的填报错误，已隔离或提示）",
            "; {errors} errors, {warnings} warnings (reporting mistakes the demo keeps on purpose, quarantined or flagged)";
        DemoStep => "  {label}：{files} 个文件，新增 {added} 个数值，更正 {superseded} 个{problems}",
            "  {label}: {files} files, {added} values added, {superseded} corrected{problems}";
        DemoStore => "监测数据库：{store}", "store: {store}";
        DemoStage => "{stage}（{year} 年）：{dir}", "{stage} ({year}): {dir}";
        DemoFeedback => "    反馈-<单位>-{year}.xlsx（{n} 个责任单位各一份）", "    feedback-<unit>-{year}.xlsx (one for each of {n} responsible units)";
        DemoOpen => "用 Excel 或 WPS 打开上面的工作簿，用 Word 或 WPS 打开评估报告（.docx）；planeval --help 列出全部命令。",
            "open the workbooks above in Excel or WPS and the evaluation report (.docx) in Word or WPS; planeval --help lists every command.";
    }
}
