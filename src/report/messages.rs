//! The one message table of the evaluation outputs: every sheet name, header and fixed sentence of the
//! evaluation workbook, the unit feedback workbooks and report.md, in Chinese and English.
//!
//! Statuses and warning codes keep their labels in `score::status` (defined once there); this file
//! adds what the reports say around them. Sentences with numbers are templates with `{name}`
//! placeholders, filled by `fill`, so that both languages take the same numbers.
//!
//! What the table cannot translate: the plan's own text (objective wording, indicator and unit names
//! in Chinese — the catalog's English names are used where it has them) and the Chinese explanations
//! the scorer writes; `english` renders English explanations from the same numbers instead.

use crate::catalog::target::fmt_num;
use crate::catalog::{Catalog, Dimension, MeasureUnit, Target, TargetKind};
use crate::score::{Stage, Status, WarningCode};

pub use crate::i18n::{fill, Lang};

crate::i18n::table! {
    /// Every fixed text of the evaluation outputs.
    pub enum Msg {
    // ── sheet names (at most 31 characters, no []:*?/\) ──────────────────────────────────────────
    SheetOverview => "总览", "Overview";
    SheetIndicators => "指标明细", "Indicators";
    SheetWarnings => "预警清单", "Warnings";
    /// The main objectives not on course, with the indicators behind them.
    SheetBehind => "滞后目标", "Objectives behind";
    SheetQualitative => "定性目标", "Qualitative objectives";
    SheetDataQuality => "数据质量", "Data quality";
    SheetTrends => "趋势图", "Trends";
    /// Hidden: the numbers the trend charts plot.
    SheetChartData => "_趋势数据", "_chart data";
    SheetUnitSummary => "概况", "Summary";
    SheetUnitIndicators => "指标情况", "Indicators";
    SheetUnitWarnings => "预警", "Warnings";
    SheetUnitProblems => "数据问题", "Data problems";

    /// The print footer; the Chinese one is `style::FOOTER_PAGES`.
    FooterPages => "&C第 &P 页，共 &N 页", "&CPage &P of &N";

    // ── the feedback workbook of one return (`check --out`, `report::feedback`) ─────────────────
    SheetCheckIssues => "问题清单", "Issues";
    /// Their own sheet's name when it cannot be kept (it clashes with the issues sheet).
    SheetCheckOwn => "原表", "Your sheet";
    /// `{name}`: the return's name, made unique among the run's returns.
    FileCheckFeedback => "反馈-{name}.xlsx", "feedback-{name}.xlsx";
    CheckFeedbackTitle => "数据检查反馈：{file}", "Data check feedback: {file}";
    CheckFeedbackAccepted => "已接受数值 {n} 个", "{n} values accepted";
    CheckFeedbackAssessments => "定性自评 {n} 项", "{n} self-assessments";
    CheckFeedbackErrors => "错误 {n} 个（红色，须改正后重新报送）", "{n} errors (red: correct them and send the file again)";
    CheckFeedbackWarnings => "警告 {n} 个（黄色，请核实）", "{n} warnings (yellow: please check them)";
    CheckFeedbackSep => "；", "; ";
    CheckFeedbackNextErrors => "下一步：按下表逐项改正红色问题，保存后重新报送；黄色问题请核实，确有其事请在“备注”列说明。",
        "Next: correct each red problem in the table below, save the file and send it again; check the yellow ones, and where the value is right, say so in the remarks column.";
    CheckFeedbackNextWarnings => "下一步：没有必须改正的错误；请核实黄色提示，必要时在“备注”列说明。",
        "Next: nothing must be corrected; check the yellow notes and, where needed, explain in the remarks column.";
    CheckFeedbackPassed => "数据检查通过，无需修改。", "The data passed the check: nothing to change.";
    CheckColNo => "序号", "No.";
    CheckColSeverity => "严重程度", "Severity";
    CheckColCode => "代码", "Code";
    CheckColLocation => "位置", "Location";
    CheckColRaw => "单元格原文", "Cell text";
    CheckColMessage => "问题说明", "Problem";
    CheckColHint => "修改建议", "How to fix";
    CheckFeedbackNone => "未发现问题", "No problems found";
    /// A flagged cell's note, one per problem.
    CheckCellNote => "[{code}] {message}\n提示：{hint}", "[{code}] {message}\nHint: {hint}";

    // ── file names ──────────────────────────────────────────────────────────────────────────────
    /// `{unit}` and `{year}` are filled in.
    FileFeedback => "反馈-{unit}-{year}.xlsx", "feedback-{unit}-{year}.xlsx";
    /// `{stage}` and `{year}` are filled in.
    FileEvaluation => "{stage}-{year}.xlsx", "{stage}-{year}.xlsx";

    // ── text longer than a cell holds (src/limits.rs) ──────────────────────────────────────────
    /// Ends a cut cell; `{n}` is the whole text's length in characters.
    TextCutMarker => "…〔已截断：全文 {n} 字，见批注〕", "…[cut: {n} characters in full, see the note]";
    TextCutNote => "此单元格的原文共 {n} 个字符，超过 Excel 单元格的上限（{max}），只写入了前 {kept} 个。全文：{home}。", "The text of this cell has {n} characters, more than an Excel cell holds ({max}); the first {kept} are written here. The whole text: {home}.";
    TextCutHomeInput => "见报送的原文件中的同一单元格（原文件未作任何改动）", "in the same cell of the returned file (which is never changed)";
    TextCutHomeStore => "完整保存在监测数据库的 Parquet 文件中（DuckDB、polars 可直接读取）", "kept whole in the monitoring store's Parquet files (DuckDB or polars read them as they are)";

    // ── titles ──────────────────────────────────────────────────────────────────────────────────
    TitleEvaluation => "{plan}　{stage}（截至{year}年）", "{plan}: {stage} (as of {year})";
    TitleFeedback => "{unit}　{stage}反馈（截至{year}年）", "{unit}: {stage} feedback (as of {year})";
    GeneratedBy => "由 planeval {version} 于 {at} 根据监测数据库生成", "Generated by planeval {version} at {at} from the monitoring store";

    // ── overview ────────────────────────────────────────────────────────────────────────────────
    OverallRate => "总体达标率", "Overall attainment rate";
    Monitorable => "可监测指标", "Monitorable indicators";
    Attained => "达标指标", "Indicators attained";
    WarningsTotal => "预警", "Warnings";
    ObjectivesTotal => "主要目标", "Main objectives";
    OutstandingErrors => "未更正的数据错误", "Uncorrected data errors";
    RateNote => "达标率 = 达标指标 ÷ 可监测指标（无数据的指标计入分母，参照指标不计入）；{attained_def}", "Attainment rate = indicators attained ÷ monitorable indicators (no-data indicators count in the denominator, reference indicators do not); {attained_def}";
    AttainedFinal => "终期评估中“已实现”计为达标", "at the final evaluation, achieved counts as attained";
    AttainedFinalWithBasic => "终期评估中“已实现”和“基本实现”计为达标", "at the final evaluation, achieved and basically achieved count as attained";
    AttainedProgress => "年度监测和中期评估中只有“已达标”计为达标", "at the annual monitoring and the mid-term, only met counts as attained";
    LightNote => "达标率着色：≥ 80% 绿、60%–80% 黄、< 60% 红", "Rate colours: ≥ 80% green, 60%–80% amber, < 60% red";
    ObjectivesLine => "{n} 项主要目标：{tally}", "{n} main objectives: {tally}";
    ChartStatusesTitle => "各领域指标状态", "Indicator statuses by domain";
    ColDomain => "领域", "Domain";
    ColIndicatorCount => "指标数", "Indicators";
    ColRate => "达标率", "Attainment rate";
    ColWarnings => "预警", "Warnings";
    Total => "合计", "Total";

    // ── indicator details ──────────────────────────────────────────────────────────────────────
    ColObjective => "主要目标", "Objective";
    ColCode => "指标编码", "Code";
    ColIndicator => "指标", "Indicator";
    ColUnit => "计量单位", "Unit";
    ColTarget => "目标", "Target";
    ColBaseline => "基期值（{year}年）", "Baseline ({year})";
    ColYear => "{year}年", "{year}";
    ColLatest => "最新值", "Latest";
    ColLatestYear => "最新值年份", "Latest year";
    ColProgress => "进展比", "Progress ratio";
    ColProjected => "预测{year}年", "Projected {year}";
    ColStatus => "状态", "Status";
    ColWarningCodes => "预警", "Warnings";
    ColExplanation => "说明", "Explanation";
    ColLeadUnit => "牵头单位", "Lead unit";
    ColRole => "职责", "Role";
    RoleLead => "牵头", "lead";
    RoleCooperate => "配合", "cooperating";
    StatusNoteTitle => "预警：", "Warnings:";

    // ── warnings ───────────────────────────────────────────────────────────────────────────────
    ColNumber => "序号", "No.";
    ColSeverity => "等级", "Severity";
    ColWarningType => "预警类型", "Warning";
    ColSubject => "指标或目标", "Indicator or objective";
    ColMessage => "预警说明", "Details";
    ColResponsible => "责任单位", "Responsible unit";
    SeverityHigh => "高", "high";
    SeverityMedium => "中", "medium";
    NoWarnings => "没有预警", "No warnings";
    /// A warning-list row for a shortfall without a warning.
    ConcernBehind => "进展滞后", "behind the path to the target";

    // ── objectives behind ──────────────────────────────────────────────────────────────────────
    ColBehindIndicators => "滞后的指标", "Indicators behind";
    NothingBehind => "没有滞后的主要目标", "No main objective is behind";
    BehindNote => "主要目标中状态为需加快、进展缓慢、反向变化或未实现的，按状态从差到好排列；“滞后的指标”列出其中未达进度的指标及最新值", "Main objectives that need acceleration, progress slowly, move away from their target or are not achieved, worst first; “Indicators behind” lists those of their indicators that are behind, with the latest value";

    // ── qualitative objectives ─────────────────────────────────────────────────────────────────
    ColObjectiveCode => "目标编码", "Objective";
    ColObjectiveText => "目标内容", "Text of the objective";
    ColSelfAssessment => "自评结论", "Self-assessment";
    ColAssessmentSource => "自评出处", "Self-assessment source";
    ColMeasures => "采取的主要措施", "Main measures taken";
    ColReview => "评估组审核结论", "Review conclusion";
    ColReviewComment => "审核意见", "Review comment";
    ColReviewer => "审核人", "Reviewer";
    ColReviewDate => "审核日期", "Review date";
    ReviewNote => "评估组在此列选择审核结论（已完成/基本完成/部分完成/未完成），并填写审核意见、审核人和审核日期（未填日期时取本文件的修改时间）。下次运行 planeval evaluate --out 同一文件夹时读回，作为该目标的评估结论，并记入监测数据库的 overrides.json；清空此列即撤销。", "The evaluation group picks its conclusion here (已完成 completed / 基本完成 largely / 部分完成 partly / 未完成 not completed) and fills in comment, reviewer and date (without a date, the file's modification time is used). The next planeval evaluate --out into the same folder reads it back as the objective's result and records it in the store's overrides.json; emptying the cell withdraws it.";
    ReviewPrompt => "请选择审核结论", "Pick a review conclusion";
    ReviewError => "请从下拉列表中选择", "Pick one of the options";

    // ── data quality ────────────────────────────────────────────────────────────────────────────
    CompletenessTitle => "各单位各年度报送情况（必填指标已报数 / 必填指标数）", "Returns per unit and year (required indicators reported / required)";
    Returned => "已报送", "returned";
    NotReturned => "未报送", "not returned";
    CompletenessRow => "完整率", "Completeness";
    ProblemsTitle => "尚未更正的数据错误（隔离区中，此后未被更正的）", "Data errors not yet corrected (quarantined, not corrected since)";
    ColYearPlain => "年度", "Year";
    ColDiagCode => "代码", "Code";
    ColLocation => "位置（文件!工作表!单元格）", "Location (file!sheet!cell)";
    ColRaw => "原文", "As typed";
    ColProblem => "问题", "Problem";
    ColHint => "修改建议", "How to fix";
    NoProblems => "没有未更正的数据错误", "No uncorrected data errors";
    UnknownYear => "不明", "unknown";

    // ── trends ──────────────────────────────────────────────────────────────────────────────────
    SeriesActual => "实际值", "Actual";
    SeriesTarget => "目标", "Target";
    SeriesBaselineLevel => "基期水平", "Baseline level";
    SeriesGap => "差距", "Gap";
    TrendsNote => "每项定量指标一图：实线为实际值（差距类指标为两组之差），虚线为目标（无具体数值的目标画基期水平作参照）", "One chart per quantitative indicator: the solid line is the value (for gap targets, the gap between the groups), the dashed line the target (for targets without a number, the baseline level as a reference)";

    // ── unit feedback ──────────────────────────────────────────────────────────────────────────
    FeedbackIntro => "本反馈列出贵单位牵头或配合的指标在本次评估中的状态、预警、尚未更正的数据问题和下一步工作。", "This feedback lists the status of the indicators your unit leads or cooperates on, their warnings, your open data problems and what to do next.";
    NextSteps => "下一步", "Next steps";
    StepFixData => "改正“数据问题”表中的 {n} 处错误（位置指向贵单位报送的文件），保存后重新报送。", "Fix the {n} errors on the Data problems sheet (locations point into your returned files) and send the corrected file again.";
    StepReturn => "报送 {years} 年度的填报表。", "Send your return for {years}.";
    StepBehind => "以下指标进展滞后，请分析原因并说明拟采取的措施：{list}。", "These indicators are behind; explain why and what you will do: {list}.";
    StepWarnings => "核实以下预警并在下次报送时在“备注”中说明：{list}。", "Check these warnings and explain them in the remarks of your next return: {list}.";
    StepSelfAssess => "报送以下定性目标的自评：{list}。", "Send your self-assessment of these qualitative objectives: {list}.";
    StepNone => "各项指标进展正常，请继续按时报送。", "Everything is on course; keep reporting on time.";
    YourIndicators => "贵单位的指标", "Your indicators";
    YourObjectives => "贵单位牵头的定性目标", "Qualitative objectives you lead";
    YourWarnings => "预警", "Warnings";
    YourProblems => "未更正的数据问题", "Open data problems";

    // ── report.md ───────────────────────────────────────────────────────────────────────────────
    ReportTitle => "{plan}{stage}报告（初稿）", "{plan}: {stage} report (draft)";
    ReportDraftNote => "本稿由 planeval 根据监测数据库中截至{year}年的数据自动生成，数字与评估工作簿一致，供评估组修改、补充定性分析后形成正式报告。", "This draft was generated by planeval from the monitoring data up to {year}; its numbers agree with the evaluation workbook. The evaluation group edits it and adds the qualitative analysis before it becomes the report.";
    ReportOverall => "总体情况", "Overall";
    ReportByDomain => "各领域情况", "By domain";
    ReportAchieved => "进展良好", "On course";
    ReportBehind => "进展滞后及原因", "Behind, and why";
    ReportWarned => "预警", "Warnings";
    ReportQualitative => "定性目标", "Qualitative objectives";
    ReportNoData => "缺少数据", "No data";
    ReportDataQuality => "数据质量", "Data quality";
    ReportNextSteps => "下一步工作建议", "Recommended next steps";
    ReportNone => "无", "none";

    // ── the Word report (<阶段>报告-<年度>.docx) ──────────────────────────────────────────────────
    /// `{stage}` and `{year}` are filled in.
    FileDocReport => "{stage}报告-{year}.docx", "{stage}-report-{year}.docx";
    DocTitle => "{plan}{stage}报告", "{plan}: {stage} report";
    DocAsOf => "（数据截至{year}年）", "(data up to {year})";
    DocAsOfAnnual => "（{year}年度）", "(year {year})";
    DocIssuer => "{region}{unit}（{group}）", "{unit}, {region} ({group})";
    GroupEvaluation => "评估组", "evaluation group";
    GroupMonitoring => "监测组", "monitoring group";
    DocDate => "{y}年{m}月{d}日", "{y}-{m}-{d}";
    DocDraftNote => "【说明】本稿由 planeval 根据监测数据库中截至{year}年的数据生成，所有数字与评估工作簿和 summary.json 一致。标有【待填写】的地方请评估组填写，定稿时删除本说明。", "[Note] planeval generated this draft from the monitoring data up to {year}; every number agrees with the evaluation workbook and summary.json. The group fills in the places marked [to be written] and deletes this note before sending the report.";
    DocChineseQuoted => "规划原文和仅有中文名称的单位、指标按中文引用。", "Objective texts and the names of units and indicators the plan gives only in Chinese are quoted in Chinese.";
    DocAbstract => "摘要", "Summary";
    DocOverall => "总体情况", "Overall";
    DocByDomain => "各领域情况", "By domain";
    DocProblems => "存在的主要问题", "Main problems";
    DocSuggestions => "对策建议", "Recommendations";
    DocAnnex => "附表　各项指标监测情况", "Annex table: every indicator";
    DocDataQuality => "数据质量", "Data quality";
    AbsRate => "截至{year}年，规划{indicators}项指标中可监测{monitorable}项，达标{attained}项，达标率{rate}；其中{counts}。", "As of {year}, {monitorable} of the plan's {indicators} indicators are monitorable and {attained} attained, an attainment rate of {rate}: {counts}.";
    AbsGaps => "差距主要在{domains}，{n}项指标{behind}，包括{list}等。", "The main gaps lie in {domains}: {n} indicators {behind}, among them {list}.";
    AbsNoGaps => "没有指标明显滞后。", "No indicator is clearly behind.";
    AbsWarnings => "共有预警{n}条，其中高等级{high}条；{nodata}项指标缺少数据。", "There are {n} warnings, {high} of them high; {nodata} indicators lack data.";
    BehindProgress => "进展滞后", "are behind";
    BehindFinal => "未实现目标", "missed their target";
    OverallObjectives => "{n}项主要目标中，{tally}。", "Of the {n} main objectives: {tally}.";
    OverallRange => "按领域看，{best}达标率最高（{best_rate}），{worst}最低（{worst_rate}）。", "By domain, {best} has the highest attainment rate ({best_rate}) and {worst} the lowest ({worst_rate}).";
    TableDomains => "表{n}　各领域指标状态和达标率", "Table {n}. Indicator statuses and attainment rate by domain";
    DomainIntro => "本领域可监测指标{n}项，达标率{rate}；进展良好{good}项，滞后{behind}项，缺少数据{nodata}项。", "{n} monitorable indicators, attainment rate {rate}: {good} on course, {behind} behind, {nodata} without data.";
    DomainNoIndicators => "本领域没有定量指标，主要目标以定性评估为主。", "This domain has no quantitative indicators; its objectives are assessed qualitatively.";
    FindLatest => "{name}{year}年为{value}", "{name}: {value} in {year}";
    FindSinceBaseline => "比{year}年{change}", "{change} since {year}";
    FindSincePrevious => "比上年{change}", "{change} on the year before";
    FindArea => "城镇{urban}、农村{rural}", "urban {urban}, rural {rural}";
    FindSex => "女性{female}、男性{male}", "women {female}, men {male}";
    FindTarget => "目标{target}", "target {target}";
    FindProjection => "按目前趋势预计{year}年为{value}", "{value} by {year} on the current trend";
    FindNoData => "{name}截至{year}年没有数据（牵头单位：{unit}）", "{name}: no data up to {year} (lead unit: {unit})";
    ChangeFlat => "持平", "unchanged";
    ChangeUp => "上升", "up";
    ChangeDown => "下降", "down";
    ChangeMore => "增加", "up";
    ChangeLess => "减少", "down";
    ChangeWider => "扩大", "wider by";
    ChangeNarrower => "缩小", "narrower by";
    DomainQualitative => "本领域{n}项定性目标：{tally}。", "{n} qualitative objectives: {tally}.";
    DomainQualitativeOpen => "目标{code}（{status}）：{text}", "Objective {code} ({status}): {text}";
    FigureCaption => "图{n}　{domain}主要指标实际值与目标路径{part}", "Figure {n}. {domain}: indicators against their path to target{part}";
    FigurePart => "（{k}/{of}）", " ({k}/{of})";
    DomainNoChart => "本领域暂无可绘图的监测数据。", "No data to chart in this domain yet.";
    ChartTarget => "目标 {target}", "target {target}";
    ChartPath => "基期到目标的直线路径", "Straight path from baseline to target";
    ChartProjection => "按趋势预测至{year}年", "Trend projected to {year}";
    ChartAlt => "{domain}{n}项指标的折线图，每项一小图：{items}。实线为实际值，红色虚线为从基期到目标的直线路径或目标线，灰色虚线为基期水平，蓝色短线为按趋势预测至{final}年。", "Line charts of {n} indicators of {domain}, one panel each: {items}. Solid line: actual values; red dashes: the straight path from the baseline to the target, or the target line; grey dashes: the baseline level; blue dashes: the trend projected to {final}.";
    ProblemsIntro => "共有预警{n}条，按预警类型列示如下，括号内为牵头单位。", "There are {n} warnings, listed by kind; the lead unit is given in brackets.";
    ProblemsNone => "本次{stage}没有预警。", "This {stage} raised no warnings.";
    ProblemGroup => "{label}（{n}条）", "{label} ({n})";
    ProblemUnits => "涉及责任单位：{units}。", "Responsible units: {units}.";
    ObjectiveSubject => "目标{code}", "objective {code}";
    SuggestIntro => "以下逐项列出需要回应的情况。请评估组在标有【待填写】的地方写明对策建议、责任单位和完成时限。", "Each item below lists the facts to respond to. The group writes its recommendation, the responsible units and the deadline where marked [to be written].";
    SuggestOverall => "总体推进", "Overall";
    SuggestData => "数据报送和质量", "Reporting and data quality";
    SuggestFacts => "需回应的情况：{facts}。", "Facts to address: {facts}.";
    SuggestPlaceholder => "【待填写：对策建议、责任单位和完成时限】", "[To be written: recommendation, responsible units, deadline]";
    SuggestOverallFacts => "达标率{rate}，{n}项指标{behind}，高等级预警{high}条", "attainment rate {rate}, {n} indicators {behind}, {high} high-severity warnings";
    SuggestItem => "{name}{status}（{detail}）", "{name}: {status} ({detail})";
    SuggestOutstanding => "{n}处数据错误尚未更正", "{n} data errors not corrected";
    SuggestNotReturned => "{year}年未报送的单位：{units}", "not returned for {year}: {units}";
    SuggestNoData => "{n}项指标缺少数据", "{n} indicators without data";
    AnnexNote => "每项指标一行，按领域排列；各年数值为合计值，差距类指标为两组之差；空白表示该年没有数据。", "One row per indicator, by domain; yearly values are totals (for gap targets, the gap between the groups); blank means no value that year.";
    DqReturns => "{year}年度{returned}/{expected}个责任单位已报送，必填指标完整率{percent}%。", "{year}: {returned} of {expected} responsible units returned; required indicators {percent}% complete.";
    DqNotReturned => "未报送：{units}。", "Not returned: {units}.";
    DqEarlier => "此前年度未报送：{list}。", "Not returned in earlier years: {list}.";
    DqOutstanding => "尚有{n}处数据错误未更正（隔离区中此后未被更正的）：", "{n} data errors are not corrected (quarantined, not corrected since):";
    DqMore => "另有{n}处，见评估工作簿“数据质量”表。", "{n} more on the Data quality sheet of the evaluation workbook.";
    TableOutstanding => "表{n}　尚未更正的数据错误", "Table {n}. Data errors not yet corrected";
    ColReportingUnit => "填报单位", "Reporting unit";

    // ── the command line's summary (`planeval evaluate` without --json) ────────────────────────
    CliStore => "监测数据库：{store}；读取 {files} 个文件、{values} 个数值", "Store: {store}; read {files} files, {values} values";
    CliRate => "总体达标率 {rate}（可监测指标 {monitorable} 项，达标 {attained} 项）", "Overall attainment rate {rate} ({attained} of {monitorable} monitorable indicators attained)";
    CliIndicators => "指标：", "Indicators: ";
    CliObjectives => "主要目标：", "Main objectives: ";
    CliWarnings => "预警 {n} 条：", "{n} warnings:";
    CliOutstanding => "尚有 {n} 处数据错误未更正，其中 {m} 处属于 {year} 年（见“数据质量”表）", "{n} data errors are not corrected, {m} of them in {year} (see the Data quality sheet)";
    CliReviews => "评估组审核结论：从 {workbook} 读回 {read} 条，新记入 {recorded} 条，撤销 {withdrawn} 条（保存在监测数据库的 overrides.json）", "Reviews: {read} read back from {workbook}, {recorded} recorded, {withdrawn} withdrawn (kept in the store's overrides.json)";
    CliWritten => "已写入 {dir}：{files}", "Written to {dir}: {files}";
    CliFeedbackFiles => "{n} 个单位反馈工作簿", "{n} unit feedback workbooks";

    // ── the evaluated area (地区) and its rollups over the areas below ──────────────────────────
    CliArea => "地区：{area}（{level}）· {path}", "Area: {area} ({level}) · {path}";
    CliAreaUnknownLevel => "不在地区表中，级别不详", "not in the areas file, level unknown";
    CliAreaCoverage => "下级地区 {expected} 个，{year} 年有数据的 {reported} 个{weight}{missing}", "{expected} areas below, {reported} with data for {year}{weight}{missing}";
    CliAreaWeight => "（{weight}占 {share}）", " ({share} of {weight})";
    CliAreaMissing => "；无数据：{names}", "; no data: {names}";
    CliAreaSources => "数值来源：本级填报 {own} · 下级汇总 {rollup} · 覆盖率不足未汇总 {withheld} · 不汇总 {none}（明细见 --json 的 area.values 和评估工作簿“汇总说明”表）", "Values: reported by the area {own} · rolled up {rollup} · withheld for coverage {withheld} · not rolled up {none} (details: area.values of --json and the Rollup notes sheet)";
    SheetRollup => "汇总说明", "Rollup notes";
    RollupTitle => "{area}的数值来源：本级填报优先，否则由下级地区汇总（计数求和、比率由分子分母汇总后重算、平均数按权重加权）；覆盖率不足时不汇总", "Where {area}'s values come from: its own report first, else the rollup of the areas below (counts summed, rates recomputed from summed numerators and denominators, means weighted); withheld when coverage is too low";
    ColSource => "来源", "Source";
    ColMethod => "汇总方式", "Aggregation";
    ColCoverageAreas => "报送地区", "Areas reported";
    ColCoverageWeight => "权重覆盖率", "Weight coverage";
    ColValue => "数值", "Value";
    ColBreakdown => "分组", "Breakdown";

    // ── the comparison across areas (地区对比, `evaluate --by-area`) ────────────────────────────
    /// `{stage}` and `{year}` are filled in.
    FileComparison => "地区对比-{stage}-{year}.xlsx", "area-comparison-{stage}-{year}.xlsx";
    /// `{area}`, `{stage}` and `{year}` are filled in.
    FileAreaFeedback => "地区反馈-{area}-{stage}-{year}.xlsx", "area-feedback-{area}-{stage}-{year}.xlsx";
    SheetCompare => "地区对比", "Areas compared";
    SheetCompareRanking => "达标率排名", "Ranking";
    SheetCompareWarnings => "各地区预警", "Warnings by area";
    SheetCompareMissing => "未报送", "Not reported";
    SheetCompareRollup => "汇总及覆盖率", "Rollup and coverage";
    SheetAreaStanding => "本地区对比", "How the area stands";
    CompareTitle => "{area}各下级地区{stage}对比（截至{year}年）", "{area}: {stage} of the areas below compared (as of {year})";
    CompareNote => "{n} 个下级地区；每格为该地区该指标的评估状态，颜色与评估工作簿“指标明细”相同；最后一行为{area}的汇总", "{n} areas below; each cell is the area's status of the indicator, coloured as in the Indicators sheet of the evaluation workbook; the last row is {area} as rolled up";
    AreaFeedbackTitle => "{area}在{parent}各地区中的情况：{stage}（截至{year}年）", "{area} among the areas of {parent}: {stage} (as of {year})";
    AreaFeedbackRank => "达标率 {rate}，在 {n} 个地区中排第 {rank} 位；{parent}汇总达标率 {parent_rate}", "Attainment rate {rate}, ranked {rank} of {n} areas; {parent} as rolled up: {parent_rate}";
    AreaFeedbackNoRank => "没有可监测的指标，未参与排名；{parent}汇总达标率 {parent_rate}", "No monitorable indicator, not ranked; {parent} as rolled up: {parent_rate}";
    ColArea => "地区", "Area";
    ColAreaCode => "区划代码", "Division code";
    ColRank => "排名", "Rank";
    ColAttained => "达标/可监测", "Attained / monitorable";
    ColUnitsReturned => "报送单位", "Units reported";
    ColUnitsMissing => "未报送的单位", "Units not reported";
    ColAreaValue => "本地区数值", "This area";
    ColAreaStatus => "本地区状态", "This area's status";
    ColRollupValue => "汇总值", "Rolled up";
    ColSameStatus => "同状态地区数", "Areas with this status";
    ColAreasMet => "达标地区数", "Areas attained";
    ColWarning => "预警类型", "Warning";
    CompareRollupRow => "{area}（汇总）", "{area} (rolled up)";
    CompareNoData => "{year} 年无任何数据", "no data at all for {year}";
    CliAreaFeedbackFiles => "{n} 个地区对比反馈工作簿", "{n} area feedback workbooks";
    DocAreasLine => "{n} 个下级地区中，达标率最高的是{best}（{best_rate}），最低的是{low}（{low_rate}）。", "Of the {n} areas below, {best} has the highest attainment rate ({best_rate}) and {low} the lowest ({low_rate}).";
    DocAreasMissing => "本年度没有任何数据的地区：{names}。", "Areas with no data for the year: {names}.";
    /// `{n}` is the table number.
    TableAreas => "表{n}　各下级地区达标率排名", "Table {n}. Attainment rate of the areas below, ranked";
    DocAreasNote => "各地区逐项指标的状态、预警和未报送情况见地区对比工作簿 {workbook}。", "Each area's status per indicator, its warnings and what it did not report: the comparison workbook {workbook}.";
    CompareNotInStore => "数据库中没有该地区的数据", "nothing of this area in the store";
}
}

/// `文字（补充）` or `text (aside)`.
pub fn paren(lang: Lang, main: &str, aside: &str) -> String {
    match lang {
        Lang::Zh => format!("{main}（{aside}）"),
        Lang::En => format!("{main} ({aside})"),
    }
}

pub fn status_label(status: Status, lang: Lang) -> &'static str {
    lang.pick(status.label_zh(), status.label_en())
}

pub fn warning_label(code: WarningCode, lang: Lang) -> &'static str {
    lang.pick(code.label_zh(), code.label_en())
}

pub fn stage_label(stage: Stage, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => stage.label_zh(),
        Lang::En => match stage {
            Stage::Annual => "annual monitoring",
            Stage::Midterm => "mid-term evaluation",
            Stage::Final => "final evaluation",
        },
    }
}

/// The stage as a file-name part: `中期评估`, `midterm-evaluation`.
pub fn stage_file_part(stage: Stage, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => stage.label_zh(),
        Lang::En => match stage {
            Stage::Annual => "annual-monitoring",
            Stage::Midterm => "midterm-evaluation",
            Stage::Final => "final-evaluation",
        },
    }
}

/// The self-assessment options in both languages, in `SELF_ASSESSMENT_OPTIONS` order.
pub const ANSWERS_EN: [&str; 4] = [
    "completed",
    "largely completed",
    "partly completed",
    "not completed",
];

/// A self-assessment answer (stored in Chinese) as the language shows it.
pub fn answer_label(answer: &str, lang: Lang) -> String {
    use crate::template::layout::SELF_ASSESSMENT_OPTIONS;
    match lang {
        Lang::Zh => answer.to_string(),
        Lang::En => SELF_ASSESSMENT_OPTIONS
            .iter()
            .position(|o| *o == answer.trim())
            .map_or_else(|| answer.to_string(), |i| ANSWERS_EN[i].to_string()),
    }
}

/// An answer typed in either language, as the Chinese option scoring reads; `None` for other text.
pub fn answer_key(typed: &str) -> Option<&'static str> {
    use crate::template::layout::SELF_ASSESSMENT_OPTIONS;
    let t = typed.trim();
    SELF_ASSESSMENT_OPTIONS
        .iter()
        .zip(ANSWERS_EN)
        .find(|(zh, en)| **zh == t || en.eq_ignore_ascii_case(t))
        .map(|(zh, _)| *zh)
}

/// A domain's name in the language (the catalog's English name when it has one).
pub fn domain_name(cat: &Catalog, code: &str, lang: Lang) -> String {
    cat.domains
        .iter()
        .find(|d| d.code == code)
        .map(|d| match lang {
            Lang::En if !d.name_en.is_empty() => d.name_en.clone(),
            _ => d.name.clone(),
        })
        .unwrap_or_else(|| code.to_string())
}

/// The plan's name in the language.
pub fn plan_name(cat: &Catalog, lang: Lang) -> String {
    match lang {
        Lang::En if !cat.plan.name_en.is_empty() => cat.plan.name_en.clone(),
        _ => cat.plan.name.clone(),
    }
}

/// An indicator's name in the language.
pub fn indicator_name(cat: &Catalog, code: &str, lang: Lang) -> String {
    cat.indicator(code)
        .map(|i| match lang {
            Lang::En if !i.name_en.is_empty() => i.name_en.clone(),
            _ => i.name.clone(),
        })
        .unwrap_or_else(|| code.to_string())
}

/// A responsible unit's name in the language.
pub fn unit_name(cat: &Catalog, name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => cat
            .units
            .iter()
            .find(|u| u.name == name)
            .filter(|u| !u.name_en.is_empty())
            .map_or_else(|| name.to_string(), |u| u.name_en.clone()),
        Lang::Zh => name.to_string(),
    }
}

/// An indicator's measurement unit as the language prints it.
pub fn unit_symbol(cat: &Catalog, code: &str, lang: Lang) -> String {
    cat.indicator(code)
        .map(|i| match lang {
            Lang::Zh => i.unit_symbol.clone(),
            Lang::En => i.unit.symbol_en().to_string(),
        })
        .unwrap_or_default()
}

/// A target as a person reads it, naming the other indicator of a relational target.
pub fn target_text(cat: &Catalog, target: &Target, lang: Lang) -> String {
    let other = || {
        target
            .other
            .as_deref()
            .map(|o| indicator_name(cat, o, lang))
            .unwrap_or_default()
    };
    match lang {
        Lang::Zh => {
            let mut s = target.describe_zh();
            if let Some(o) = target.other.as_deref() {
                s = s.replace(&format!("[{o}]"), &other());
            }
            s
        }
        Lang::En => {
            let v = target.value.map(fmt_num).unwrap_or_default();
            let tol = target.tolerance.map(fmt_num).unwrap_or_default();
            let ge = if target.inclusive { "≥" } else { ">" };
            let le = if target.inclusive { "≤" } else { "<" };
            match target.kind {
                TargetKind::AtLeast => format!("{ge} {v}"),
                TargetKind::AtMost => format!("{le} {v}"),
                TargetKind::Around => format!("{v} ± {tol}"),
                TargetKind::MaintainAtLeast => format!("{ge} {v} every year"),
                TargetKind::Increase => "increase".into(),
                TargetKind::Decrease => "decrease".into(),
                TargetKind::GapNarrows => match target.between {
                    Some(Dimension::Sex) => "gender gap narrows".into(),
                    Some(Dimension::Area) => "urban–rural gap narrows".into(),
                    None => "gap narrows".into(),
                },
                TargetKind::NotBelow => format!("≥ {}", other()),
                TargetKind::Matches => format!("≈ {} ± {tol}", other()),
                TargetKind::GrowthSlows => "rise slows".into(),
                TargetKind::External => "yearly target handed down".into(),
                TargetKind::Reference => "reference (not scored)".into(),
            }
        }
    }
}

/// A value in its measurement unit as a sentence writes it: `15.2/10万`, `78.5岁`, `15.2 per 100,000`.
pub fn amount(unit: MeasureUnit, number: &str, lang: Lang) -> String {
    use MeasureUnit as U;
    match (lang, unit) {
        (Lang::Zh, U::Per100k) => format!("{number}/10万"),
        (Lang::Zh, _) => format!("{number}{}", unit.symbol_zh()),
        (Lang::En, U::Percent | U::PerMille) => format!("{number}{}", unit.symbol_en()),
        (Lang::En, U::Count) => number.to_string(),
        (Lang::En, _) => format!("{number} {}", unit.symbol_en()),
    }
}

/// A change of a value in its unit, as statistical reports write it: `1.2个百分点`, `0.3个十万分点`,
/// `0.8岁`, `1.2 percentage points`.
pub fn change_amount(unit: MeasureUnit, number: &str, lang: Lang) -> String {
    use MeasureUnit as U;
    match (lang, unit) {
        (Lang::Zh, U::Percent) => format!("{number}个百分点"),
        (Lang::Zh, U::PerMille) => format!("{number}个千分点"),
        (Lang::Zh, U::Per100k) => format!("{number}个十万分点"),
        (Lang::Zh, _) => format!("{number}{}", unit.symbol_zh()),
        (Lang::En, U::Percent) => format!("{number} percentage points"),
        (Lang::En, U::PerMille) => format!("{number} points per mille"),
        (Lang::En, _) => amount(unit, number, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_message_has_both_languages_and_sheet_names_fit_excel() {
        for m in Msg::ALL {
            assert!(!m.zh().is_empty() && !m.en().is_empty(), "{m:?}");
        }
        let sheets = [
            Msg::SheetOverview,
            Msg::SheetIndicators,
            Msg::SheetWarnings,
            Msg::SheetBehind,
            Msg::SheetQualitative,
            Msg::SheetDataQuality,
            Msg::SheetRollup,
            Msg::SheetTrends,
            Msg::SheetChartData,
            Msg::SheetUnitSummary,
            Msg::SheetUnitIndicators,
            Msg::SheetUnitWarnings,
            Msg::SheetUnitProblems,
            Msg::SheetCompare,
            Msg::SheetCompareRanking,
            Msg::SheetCompareWarnings,
            Msg::SheetCompareMissing,
            Msg::SheetCompareRollup,
            Msg::SheetAreaStanding,
        ];
        for lang in [Lang::Zh, Lang::En] {
            for s in sheets {
                let name = s.text(lang);
                assert!(name.chars().count() <= 31, "{name}");
                assert!(
                    !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                    "{name}"
                );
            }
        }
        // Placeholders agree between the languages.
        let holes = |s: &str| -> HashSet<String> {
            s.split('{')
                .skip(1)
                .filter_map(|p| p.split('}').next().map(String::from))
                .collect()
        };
        for m in Msg::ALL {
            assert_eq!(holes(m.zh()), holes(m.en()), "{m:?}");
        }
    }

    #[test]
    fn the_chinese_footer_is_the_shared_one() {
        assert_eq!(Msg::FooterPages.zh(), crate::style::FOOTER_PAGES);
    }

    #[test]
    fn amounts_and_changes_read_as_statistical_reports_write_them() {
        assert_eq!(amount(MeasureUnit::Per100k, "12.5", Lang::Zh), "12.5/10万");
        assert_eq!(amount(MeasureUnit::YearsOfAge, "78.1", Lang::Zh), "78.1岁");
        assert_eq!(
            amount(MeasureUnit::Per100k, "12.5", Lang::En),
            "12.5 per 100,000"
        );
        assert_eq!(amount(MeasureUnit::Count, "3", Lang::En), "3");
        assert_eq!(
            change_amount(MeasureUnit::Percent, "1.2", Lang::Zh),
            "1.2个百分点"
        );
        assert_eq!(
            change_amount(MeasureUnit::Per100k, "0.3", Lang::Zh),
            "0.3个十万分点"
        );
        assert_eq!(
            change_amount(MeasureUnit::Persons, "120", Lang::Zh),
            "120人"
        );
        assert_eq!(
            change_amount(MeasureUnit::Percent, "1.2", Lang::En),
            "1.2 percentage points"
        );
    }

    #[test]
    fn answers_read_in_either_language() {
        assert_eq!(answer_key(" 部分完成 "), Some("部分完成"));
        assert_eq!(answer_key("Largely completed"), Some("基本完成"));
        assert_eq!(answer_key("完成"), None);
        assert_eq!(answer_label("未完成", Lang::En), "not completed");
        assert_eq!(fill("{a}-{b}", &[("a", "1"), ("b", "2")]), "1-2");
    }
}
