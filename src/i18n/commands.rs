//! What the other commands (catalog, template, panel, status, history, areas, export, store) says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of the other commands (catalog, template, panel, status, history, areas, export, store).
    pub enum CommandText {
        /// A failure that stops a command.
        ErrorLine => "planeval: 错误：{error}", "planeval: error: {error}";
        WarningLine => "planeval: 警告：{warning}", "planeval: warning: {warning}";
        NoteLine => "planeval: 提示：{note}", "planeval: note: {note}";
        MorePlanProblems => "……另有 {n} 个问题：planeval catalog --check {file}", "… {n} more problems: planeval catalog --check {file}";
        /// Between the items of a list within a sentence.
        ListSeparator => "、", ", ";

        // Column heads of the terminal tables.
        ColArea => "地区", "area";
        ColYear => "年份", "year";
        ColGroup => "分组", "group";
        ColValue => "数值", "value";
        ColStatus => "状态", "status";
        ColReportingUnit => "填报单位", "reported by";
        ColSourceAndPackage => "来源（文件!工作表!单元格，及报送包）", "source (file!sheet!cell, and package)";
        ColSource => "来源", "source";
        ColRaw => "原文", "raw";
        ColIngestedAt => "入库时间", "ingested at";
        ColRevision => "修订号", "revision";
        ColCode => "代码", "code";
        ColLocation => "位置", "location";
        ColProblem => "问题", "problem";
        ColIndicatorCode => "指标编码", "indicator";
        ColIndicatorName => "指标名称", "name";
        ColMeasure => "单位", "unit";
        ColLevel => "级别", "level";
        ColName => "名称", "name";
        ColParent => "上级", "parent";
        ColBelongsTo => "所属", "belongs to";
        ColStoreSpelling => "数据库中的写法", "as the store writes it";
        ColRows => "行数", "rows";
        ColUnitsReturned => "已报送单位", "units reported";
        ColRequiredReported => "必填已报", "required reported";
        ColCompleteness => "完整率", "completeness";
        ColResponsibleUnit => "责任单位", "responsible unit";
        ColReturned => "报送", "reported";
        ColLatestFile => "文件（最近一份）", "file (latest)";
        ColMissingRequired => "缺少的必填指标", "required indicators missing";
        ColDomain => "领域", "domain";
        ColObjective => "目标", "objective";
        ColIndicatorOrObjective => "指标 / 定性目标", "indicator / qualitative objective";
        ColTarget => "目标值", "target";
        ColLead => "牵头单位", "lead unit";
        /// A year as a column head of the wide panel.
        ColYearOf => "{year}年", "{year}";
        // history
        HistoryUnknownIndicator => "计划中没有指标“{code}”，监测数据库中也没有它的数值；指标编码见 planeval catalog",
            "the plan has no indicator “{code}” and the store holds no values of it; planeval catalog lists the indicator codes";
        HistoryHead => "{code} {name}（{unit}）", "{code} {name} ({unit})";
        HistoryNoValues => "监测数据库中没有该指标的数值", "the store holds no values of this indicator";
        HistoryCurrent => "当前", "current";
        HistorySuperseded => "已更正", "superseded";
        HistoryQuarantined => "隔离（有误未入库或被标记）的单元格：", "quarantined cells (faulty, not ingested, or flagged):";
        // panel
        PanelExportedIndicatorRows => "已导出 {n} 个指标行到 {path}", "{n} indicator rows exported to {path}";
        PanelExportedValues => "已导出 {n} 个数值到 {path}", "{n} values exported to {path}";
        PanelNothing => "没有符合条件的数值", "no values match";
        PanelTotal => "共 {n} 个现行数值", "{n} current values";
        // template
        TemplateNeedsYear => "请用 --year 指定填报年度", "give the reporting year with --year";
        TemplatePrevious => "从监测数据库取得 {baseline} 项指标的基期值（{baseline_year} 年）、{last} 项指标的上年值（{last_year} 年）",
            "from the store: baseline values ({baseline_year}) of {baseline} indicators and last year's values ({last_year}) of {last}";
        TemplateEmpty => "{unit} 在规划中没有牵头或配合的指标和定性目标，生成的工作簿没有填报内容",
            "{unit} leads or cooperates on no indicator or qualitative objective of the plan: its workbook has nothing to fill in";
        TemplateWritten => "已生成 {path}（{unit}：指标 {indicators} 项，其中牵头 {lead}、配合 {cooperating}；定性目标 {qualitative} 项）",
            "written {path} ({unit}: {indicators} indicators, {lead} as lead and {cooperating} cooperating; {qualitative} qualitative objectives)";
        TemplateNoUnits => "规划中没有需要填报的责任单位，未生成文件", "no responsible unit of the plan reports anything: no files written";
        TemplateDone => "共生成 {n} 个 {year} 年度填报工作簿，保存在 {dir}", "{n} reporting workbooks for {year} written to {dir}";
        TemplateBaselineWritten => "已生成 {path}（{years} 年；填好后用 planeval ingest --store 数据库 --baseline 该文件 入库）",
            "written {path} ({years}; once filled in, ingest it with planeval ingest --store <store> --baseline <this file>)";
        // catalog
        CatalogPlanUnreadableHint => "确认文件路径正确、可读，并以 UTF-8 编码保存", "check that the path is right and the file readable and saved as UTF-8";
        CatalogHead => "{name}（{document}）\n规划期 {start}–{end}，基期 {baseline} 年，中期评估 {midterm} 年，终期评估 {final} 年",
            "{name} ({document})\nplan period {start}–{end}, baseline {baseline}, mid-term evaluation {midterm}, final evaluation {final}";
        CatalogQualitative => "定性（自评）", "qualitative (self-assessed)";
        CatalogFiltered => "筛选后：", "after the filter: ";
        CatalogTotals => "{filtered}{domains} 个领域，{objectives} 项主要目标（{quantitative} 项定量、{qualitative} 项定性），{indicators} 个指标",
            "{filtered}{domains} domains, {objectives} main objectives ({quantitative} quantitative, {qualitative} qualitative), {indicators} indicators";
        // status
        StatusAreasHead => "{plan}　{area}　{year} 年度各地区报送情况（监测数据库 {store}）",
            "{plan} · {area} · returns of each area for {year} (store {store})";
        StatusNotInStore => "数据库中没有数据的下级地区 {n} 个：{areas}", "{n} areas below have no data in the store: {areas}";
        StatusHead => "{plan}　{area}　{year} 年度报送情况（监测数据库 {store}）", "{plan} · {area} · returns for {year} (store {store})";
        StatusBeingWritten => "注意：进程 {pid}（{host}）自 {since} 起正在写入，以下为写入前的状态",
            "note: process {pid} ({host}) has been writing since {since}; what follows is the state before it";
        StatusNoneMissing => "无", "none";
        StatusMissing => "{n} 项：{list}", "{n}: {list}";
        /// An indicator code and its name in a list.
        CodeAndName => "{code}（{name}）", "{code} ({name})";
        StatusReturned => "已报送", "reported";
        StatusNotReturned => "未报送", "not reported";
        StatusFiles => "{file}（共 {n} 份）", "{file} ({n} in all)";
        StatusTotals => "已报送 {returned}/{expected} 个单位；必填指标 {present}/{required} 项有数值，完整率 {percent}%",
            "{returned}/{expected} units reported; {present}/{required} required indicators have values, {percent}% complete";
        // store repair
        RepairManifestMissing => "原清单缺失", "the manifest was missing";
        RepairManifestUnreadable => "原清单无法读取", "the manifest could not be read";
        RepairManifestListed => "原清单列出 {n} 个数据文件", "the manifest listed {n} data files";
        RepairNotNeeded => "监测数据库 {store} 的清单与数据文件一致（{parts} 个数据文件、{files} 个入库文件），无需重建。",
            "the manifest of the store {store} matches its data files ({parts} data files, {files} ingested files): nothing to rebuild.";
        RepairDone => "已重建监测数据库 {store} 的清单：{before}；现列出 {parts} 个数据文件、{files} 个入库文件，下一修订号 {next}。没有删除任何文件。",
            "rebuilt the manifest of the store {store}: {before}; it now lists {parts} data files and {files} ingested files, next revision {next}. No file was deleted.";
        RepairList => "{title}（{n} 个）：{items}", "{title} ({n}): {items}";
        RepairListMore => " 等", " …";
        RepairPartsAdded => "新列入的数据文件", "data files now listed";
        RepairPartsMissing => "原清单列出但已不存在的数据文件（不再列出）", "data files the manifest listed that no longer exist (no longer listed)";
        RepairPartsFromColumns => "没有自述信息、按列内容重建的数据文件（其入库文件的警告数未知）",
            "data files without their own description, rebuilt from their columns (their ingested files' warning counts are unknown)";
        RepairFilesDropped => "原清单中其数据已不在任何数据文件中的入库文件（不再列出，可重新入库）",
            "ingested files of the manifest whose data is in no data file any more (no longer listed; they can be ingested again)";
        RepairDroppedFile => "{name}（修订号 {revision}）", "{name} (revision {revision})";
        // areas
        /// An area named with its GB/T 2260 code.
        AreaLabel => "{name}（{code}）", "{name} ({code})";
        AreaLabelAmbiguous => "{name}（地区表中有多个同名地区：{names}）", "{name} (the areas file has several areas of this name: {names})";
        AreaLabelUnknown => "{name}（地区表中没有）", "{name} (not in the areas file)";
        StoreAreasNone => "（数据库中还没有数据）", "(the store holds no data yet)";
        StoreAreasMore => "……共 {n} 个（planeval areas --store 列出全部）", "… {n} in all (planeval areas --store lists them all)";
        AreasHead => "地区表 {source}：{n} 个地区{weights}", "areas file {source}: {n} areas{weights}";
        AreasWeights => "，权重：{names}", "; weights: {names}";
        AreasInStore => "监测数据库 {store} 中有 {n} 个地区（地区表 {source}）", "the store {store} holds {n} areas (areas file {source})";
        AreasNotListed => "不在地区表中，不参与汇总", "not in the areas file: left out of rollups";
        AreasUnknownWarning => "警告[A010]：{n} 个地区不在地区表中，不会汇总进任何上级地区；在地区表中加上它们，或用 --area 单独评估",
            "warning[A010]: {n} areas are not in the areas file and are rolled up into no area above; add them to the areas file, or evaluate each alone with --area";
        // export
        ExportDone => "报送包：{package}\n  地区 {area}（{code}） · {year} 年 · 规划 {plan}\n  来自 {files} 个文件：{values} 个数值，{quarantine} 条隔离记录，{assessments} 项自评；{bytes} 字节\n  内容指纹 {sha}",
            "package: {package}\n  area {area} ({code}) · {year} · plan {plan}\n  from {files} files: {values} values, {quarantine} quarantine records, {assessments} self-assessments; {bytes} bytes\n  content fingerprint {sha}";
        /// A source cell and the package it came in.
        SourceInPackage => "{cell}（{package}）", "{cell} ({package})";
    }
}
