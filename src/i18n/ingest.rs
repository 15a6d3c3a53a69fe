//! What `planeval ingest` and the demo's ingest steps says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of `planeval ingest` and the demo's ingest steps.
    pub enum IngestText {
        LockTakenOver => "planeval: 警告：监测数据库的锁属于已不存在的进程 {pid}（自 {since} 起，命令：{command}），该进程可能被中断；已接管",
            "planeval: warning: the store's lock belonged to process {pid}, which no longer exists (since {since}, command: {command}); it was probably interrupted; the lock was taken over";
        Tidied => "planeval: 提示：清理了上次中断的入库留下的未登记文件：{files}",
            "planeval: note: removed unregistered files left by an interrupted ingest: {files}";
        Skipped => "── {path}  已于 {at} 入库（修订号 {revision}，文件 {name}），内容相同，跳过",
            "── {path}  ingested before on {at} (revision {revision}, file {name}) with the same content: skipped";
        OtherYear => "── {path}  属于 {own} 年度（本次为 {year} 年度），未入库；按其自身年度入库请加 --other-years ingest",
            "── {path}  belongs to {own} (this run is for {year}): not ingested; add --other-years ingest to ingest it under its own year";
        Unreadable => "── {path}  无法读取", "── {path}  cannot be read";
        PackageHead => "── {path}  [报送包 · {area}（{code}） · {year} 年 · 导出于 {at}]",
            "── {path}  [package · {area} ({code}) · {year} · exported {at}]";
        PackageSame => "   内容相同的报送包已于 {at} 入库（修订号 {revision}），跳过",
            "   a package with the same content was ingested on {at} (revision {revision}): skipped";
        PackageFilesKnown => "   包中的文件都已入库，跳过", "   every file of the package is ingested already: skipped";
        PackageOlder => "   数据库中已有该地区该年度较新的报送包（导出于 {newer}），此包较旧，未入库",
            "   the store holds a newer package for this area and year (exported {newer}); this older one was not ingested";
        PackageDone => "   入库包中 {files} 个文件（{revisions}）：新增 {added} 个数值，更正 {superseded} 个（原值保留在历史中），与原值相同 {unchanged} 个；包中其余 {known} 个文件此前已入库",
            "   ingested {files} files of the package ({revisions}): {added} values added, {superseded} corrected (the earlier values stay in the history), {unchanged} unchanged; the package's other {known} files were ingested before";
        Revision => "修订号 {n}", "revision {n}";
        Revisions => "修订号 {first}–{last}", "revisions {first}–{last}";
        YearRange => "{first}–{last}年", "{first}–{last}";
        NoData => "无数据", "no data";
        LongSheetLine => "── {path}  [{format} · 基期及历年数据 · {years}]  接受 {accepted} 个数值，{errors} 个错误，{warnings} 个警告",
            "── {path}  [{format} · baseline and past years · {years}]  {accepted} values accepted, {errors} errors, {warnings} warnings";
        AddedValues => "新增 {n} 个数值", "{n} values added";
        AddedCorrected => "更正 {n} 个（原值保留在历史中）", "{n} corrected (the earlier values stay in the history)";
        AddedUnchanged => "与原值相同 {n} 个", "{n} unchanged";
        AddedRejected => "隔离 {n} 个有误的单元格", "{n} faulty cells quarantined";
        AddedAssessments => "自评 {n} 项", "{n} self-assessments";
        /// Joins the parts of one line.
        Comma => "，", ", ";
        AddedLine => "   入库（修订号 {revision}）：{parts}", "   ingested (revision {revision}): {parts}";
        Correction => "   更正 {indicator} {year}年 {group}：{old} → {new}（原值来自 {file}!{cell}，修订号 {revision}）",
            "   corrected {indicator} {year} {group}: {old} → {new} (earlier value from {file}!{cell}, revision {revision})";
        KeptFromEarlier => "   提示：本单位本年度此前报送的 {n} 个数值在本文件中没有出现，仍保留原值",
            "   note: {n} values this unit reported earlier for this year are not in this file; their earlier values are kept";
        NothingFound => "{inputs} 中没有找到报表文件（xlsx、xlsm、xls、xlsb、ods），没有入库任何数值；监测数据库已就绪：{store}",
            "no report files (xlsx, xlsm, xls, xlsb, ods) found in {inputs}: nothing ingested; the store is ready: {store}";
        TotalsOtherYear => "，属于其他年度而未入库 {n} 个", ", {n} of other years not ingested";
        TotalsPackages => "（其中报送包 {packages} 个，入库 {ingested} 个）", " ({packages} of them packages, {ingested} ingested)";
        Totals => "共 {files} 个文件{packages}：入库 {ingested} 个{revisions}，已入库过而跳过 {skipped} 个{other_year}；新增 {added} 个数值，更正 {superseded} 个，与原值相同 {unchanged} 个，隔离 {rejected} 个单元格；{problems}",
            "{files} files{packages}: {ingested} ingested{revisions}, {skipped} skipped as ingested before{other_year}; {added} values added, {superseded} corrected, {unchanged} unchanged, {rejected} cells quarantined; {problems}";
        StoreLine => "监测数据库：{store}", "store: {store}";
    }
}
