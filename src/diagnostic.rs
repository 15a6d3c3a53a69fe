//! Diagnostics as data: every problem found in a plan file or a returned workbook, with a stable code.
//!
//! This module is the one place where diagnostic codes are defined. A code never changes meaning once
//! released; new problems get new codes. Diagnostics never abort a run: the caller collects them and goes on.
//! Rendering (text or JSON) belongs to the binary, not here.

use serde::Serialize;
use std::fmt;

/// How bad a problem is. `Error` means the value or file cannot be used as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// Errors first.
    pub fn rank(self) -> u8 {
        match self {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
    /// The label in `lang`.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::Zh => self.label_zh(),
            crate::i18n::Lang::En => self.label_en(),
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $name:literal, $sev:ident, $zh:literal, $en:literal; )*) => {
        /// Every diagnostic code planeval emits: `P` plan files, `F` whole workbooks, `V` typed values, `R` rules,
        /// `S` the store, `A` the areas file and the areas of a store, `E` the evaluation workbook's review column.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $(#[$doc])* $variant, )* }

        impl Code {
            /// All codes, in definition order (for documentation and tests).
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];
            /// The stable identifier, e.g. `P003`.
            pub fn id(self) -> &'static str { match self { $( Code::$variant => $id, )* } }
            /// A short kebab-case name, e.g. `duplicate-code`.
            pub fn name(self) -> &'static str { match self { $( Code::$variant => $name, )* } }
            /// The severity a diagnostic with this code carries.
            pub fn severity(self) -> Severity { match self { $( Code::$variant => Severity::$sev, )* } }
            /// One-line summary in Chinese.
            pub fn summary_zh(self) -> &'static str { match self { $( Code::$variant => $zh, )* } }
            /// One-line summary in English.
            pub fn summary_en(self) -> &'static str { match self { $( Code::$variant => $en, )* } }
            /// One-line summary in `lang`.
            pub fn summary(self, lang: $crate::i18n::Lang) -> &'static str {
                match lang {
                    $crate::i18n::Lang::Zh => self.summary_zh(),
                    $crate::i18n::Lang::En => self.summary_en(),
                }
            }
            /// Every code's summary as message-table entries (gathered by the i18n tests).
            pub fn entries() -> Vec<$crate::i18n::Entry> {
                Self::ALL
                    .iter()
                    .map(|c| $crate::i18n::Entry { table: "Code", key: c.id(), zh: c.summary_zh(), en: c.summary_en() })
                    .collect()
            }
        }
    };
}

codes! {
    /// The plan file is not valid TOML; nothing after the error can be read.
    PlanSyntax = "P001", "toml-syntax", Error, "计划文件不是有效的 TOML", "plan file is not valid TOML";
    /// A target `kind` that the target grammar does not know.
    PlanUnknownTargetKind = "P002", "unknown-target-kind", Error, "未知的目标类型", "unknown target kind";
    /// Two domains, objectives, indicators or units share a code or name.
    PlanDuplicateCode = "P003", "duplicate-code", Error, "编码重复", "duplicate code";
    /// A relational or gap target names an indicator the plan does not have.
    PlanUnknownIndicatorRef = "P004", "unknown-indicator-ref", Error, "引用了不存在的指标", "reference to an unknown indicator";
    /// An indicator without a measurement unit.
    PlanMissingMeasureUnit = "P005", "missing-measure-unit", Error, "指标缺少计量单位", "indicator has no measurement unit";
    /// A measurement unit that planeval does not know.
    PlanUnknownMeasureUnit = "P006", "unknown-measure-unit", Error, "未知的计量单位", "unknown measurement unit";
    /// A lead or cooperating unit that is not in the plan's list of responsible units.
    PlanUnknownResponsibleUnit = "P007", "unknown-responsible-unit", Error, "责任单位不在单位名录中", "responsible unit not in the unit list";
    /// A target value the measurement unit cannot take (e.g. 120%).
    PlanImpossibleTargetValue = "P008", "impossible-target-value", Error, "目标值超出计量单位的取值范围", "target value impossible for the unit";
    /// A field the plan file must have is missing or has the wrong type.
    PlanMissingField = "P009", "missing-field", Error, "缺少必填字段", "required field missing";
    /// A key planeval does not read (usually a typo).
    PlanUnknownField = "P010", "unknown-field", Warning, "无法识别的字段", "unknown field";
    /// The target's kind or value disagrees with the plan's wording quoted beside it.
    PlanWordingMismatch = "P011", "wording-mismatch", Warning, "目标类型与规划原文表述不一致", "target disagrees with the plan's wording";
    /// Baseline, mid-term and final years that do not fit the plan period.
    PlanBadYears = "P012", "bad-plan-years", Error, "规划期、基期、中期或终期年份不一致", "plan years are inconsistent";
    /// A qualitative objective without a lead unit to self-assess it.
    PlanObjectiveWithoutLead = "P013", "objective-without-lead", Error, "定性目标缺少牵头单位", "qualitative objective has no lead unit";
    /// A gap target whose indicator is not disaggregated along the gap's dimension.
    PlanGapWithoutDisaggregation = "P014", "gap-without-disaggregation", Error, "差距类目标缺少对应的分组（性别/城乡）", "gap target lacks the matching disaggregation";
    /// An invalid number: decimals out of range, tolerance not positive.
    PlanBadNumber = "P015", "bad-number", Error, "数值设置无效", "invalid number";
    /// A lead unit that is not among its domain's responsible units.
    PlanLeadOutsideDomain = "P016", "lead-outside-domain", Warning, "牵头单位不在本领域责任单位之列", "lead unit is not a responsible unit of the domain";
    /// A value that is not one of the allowed words (direction, dimension, objective kind).
    PlanBadValue = "P017", "bad-value", Error, "字段取值无效", "invalid field value";
    /// The plan file cannot be read at all.
    PlanUnreadable = "P018", "plan-unreadable", Error, "无法读取计划文件", "plan file cannot be read";
    /// An aggregation over areas that does not fit the indicator: an unknown method, a sum of rates or
    /// averages, a ratio without numerator and denominator, a weighted mean without a weight.
    PlanBadAggregation = "P019", "bad-aggregation", Error, "指标的汇总方式与指标不符", "aggregation does not fit the indicator";

    // ── Files (F): the workbook as a whole ──────────────────────────────────────────────────────
    /// Not a spreadsheet at all, or truncated so that no reader can open it.
    FileUnreadable = "F001", "file-unreadable", Error, "文件无法作为电子表格读取", "file is not a readable spreadsheet";
    /// Password-protected (encrypted) workbook.
    FileEncrypted = "F002", "file-encrypted", Error, "工作簿已加密（设置了打开密码）", "workbook is encrypted";
    /// Inflates beyond the size limit, or declares more rows or columns than a return can have.
    FileTooLarge = "F003", "file-too-large", Error, "文件解压后或声明的行列数超出限制", "file exceeds size limits";
    /// Zero bytes, or a workbook without any cell.
    FileEmpty = "F004", "file-empty", Error, "文件为空", "file is empty";
    /// No sheet of the workbook holds the indicator table.
    NoDataSheet = "F005", "no-data-sheet", Error, "找不到指标填报表", "no indicator table found";
    /// The extension says one format, the content another (read by content).
    FormatMismatch = "F006", "format-mismatch", Info, "文件扩展名与实际格式不符，已按实际格式读取", "extension does not match the content";
    /// No hidden metadata sheet: the table was located by its header or by indicator names.
    NoMetadata = "F007", "no-metadata", Warning, "缺少模板元数据表，已按表头或指标名称定位数据", "template metadata sheet missing";
    /// The reader failed on this file: it crashed, ran out of its memory or time limit, or panicked
    /// (in its worker process, so the run goes on with the other files). The message says what was seen.
    ReaderFailed = "F010", "reader-failed", Error, "读取程序在读取该文件时失败（崩溃、超出内存或时间上限）", "the reader failed on this file (crash, memory or time limit)";
    /// A table without a header whose columns of numbers cannot be told apart: which is this year's?
    ValueColumnAmbiguous = "F011", "value-column-ambiguous", Error, "无法判断哪一列是本年值，未读取", "cannot tell which column holds this year's value";
    /// A file inside a folder given to `check` that is not a spreadsheet (skipped).
    NotASpreadsheet = "F008", "not-a-spreadsheet", Info, "不是电子表格文件，已跳过", "not a spreadsheet, skipped";

    // ── Input folders (F02x): what a folder walk finds besides returns ─────────────────────────
    /// A FIFO, socket or device (or a link to one): never opened, so it cannot block or stream forever.
    NotARegularFile = "F020", "not-a-regular-file", Warning, "不是普通文件（命名管道、设备或套接字），未读取", "not a regular file (pipe, device or socket), not read";
    /// A symbolic link in an input folder that leads outside it, or nowhere: not followed.
    LinkNotFollowed = "F021", "link-not-followed", Warning, "符号链接指向输入文件夹之外或无法解析，未读取", "symbolic link leads outside the input folder or nowhere, not followed";
    /// The same file or folder reached a second time (a link back, a hard link): read once.
    AlreadyRead = "F022", "already-read", Info, "同一文件或文件夹经链接再次出现，只读取一次", "same file or folder reached again, read once";
    /// A file name that is not UTF-8 (as unzip writes names from zips made on Chinese Windows): read all
    /// the same, its name shown decoded as GBK (GB18030).
    NameNotUtf8 = "F023", "name-not-utf8", Info, "文件名不是 UTF-8 编码，已按 GBK（GB18030）解码显示", "file name is not UTF-8, shown decoded as GBK (GB18030)";
    /// A folder that cannot be listed (no permission) or lies too deep: its files are not checked.
    FolderNotRead = "F024", "folder-not-read", Error, "文件夹无法读取或层级过深，其中的文件未检查", "folder cannot be read or lies too deep, its files not checked";

    // ── Values (V): what people type into a number cell ────────────────────────────────────────
    /// Text that cannot be read as a number.
    ValueNotANumber = "V101", "not-a-number", Error, "无法识别为数值", "value is not a number";
    /// Written with an approximation word (约, 大约, 左右): accepted, but not an exact figure.
    ValueApproximate = "V102", "approximate-value", Warning, "数值带有“约”等估计字样", "approximate value";
    /// A fraction (0.95) where a percentage (95) is expected: never rescaled silently.
    ValueFractionForPercent = "V103", "fraction-for-percent", Error, "疑似把百分比填成了小数", "fraction where a percentage is expected";
    /// An Excel error value such as #DIV/0!.
    ValueExcelError = "V104", "excel-error", Error, "单元格是 Excel 错误值", "cell holds an Excel error";
    /// A formula whose result was never calculated and saved.
    ValueFormulaWithoutResult = "V105", "formula-without-result", Error, "公式没有计算结果", "formula has no cached result";
    /// A date (or time) where a number belongs.
    ValueDate = "V106", "date-for-number", Error, "数值单元格中填了日期", "date where a number belongs";
    /// A unit written beside the number that is not the indicator's unit.
    ValueWrongUnit = "V107", "wrong-unit", Error, "数值所带单位与指标计量单位不符", "unit does not match the indicator";
    /// 无 / — / 不适用: not reported, kept apart from zero.
    ValueNotReported = "V108", "not-reported", Info, "标为未报告（不等于 0）", "marked as not reported";
    /// TRUE/FALSE where a number belongs.
    ValueBoolean = "V109", "boolean-for-number", Error, "数值单元格中填了逻辑值", "boolean where a number belongs";
    /// The value of a formula was taken from its saved result.
    ValueFromFormula = "V110", "value-from-formula", Info, "数值取自公式的计算结果", "value taken from a formula result";
    /// More decimals than the indicator declares (78.06 for a one-decimal indicator): accepted and judged
    /// as typed, never rounded, so a verdict may turn on a digit the indicator does not keep.
    ValueMoreDecimals = "V111", "more-decimals-than-declared", Warning, "数值的小数位数多于指标规定", "more decimals than the indicator declares";

    // ── Rules (R): values that parse but do not make sense ─────────────────────────────────────
    /// A row whose indicator code or name is not in the plan.
    UnknownIndicator = "R201", "unknown-indicator", Error, "计划中没有该指标", "indicator not in the plan";
    /// The same indicator reported twice in one file.
    DuplicateRow = "R202", "duplicate-row", Error, "同一指标重复填报", "indicator reported twice";
    /// A value the unit cannot take (negative count, 120%).
    OutOfRange = "R203", "out-of-range", Error, "数值超出计量单位允许的范围", "value outside what the unit allows";
    /// A female (or urban/rural) count larger than the total.
    PartExceedsTotal = "R204", "part-exceeds-total", Error, "分组数大于合计数", "part exceeds the total";
    /// Female + male (urban + rural) differs from the total beyond rounding.
    PartsDoNotAddUp = "R205", "parts-do-not-add-up", Error, "分组数之和与合计数不符", "parts do not add up to the total";
    /// Numerator ÷ denominator disagrees with the reported rate.
    RateMismatch = "R206", "rate-mismatch", Error, "分子除以分母与填报的比率不符", "numerator/denominator disagree with the rate";
    /// The file belongs to another plan.
    PlanMismatch = "R207", "plan-mismatch", Error, "文件所属规划与本次运行不一致", "file belongs to another plan";
    /// The file's unit is not a responsible unit of the plan, or not the one expected.
    UnitMismatch = "R208", "unit-mismatch", Error, "文件的填报单位与本次运行不一致", "reporting unit does not match";
    /// The file reports another year than the run: it belongs to that year, and is not taken as this
    /// year's return (a warning, not an error: last year's correct file is not the department's mistake).
    YearMismatch = "R209", "year-mismatch", Warning, "文件属于另一年度，未按本年度处理", "file belongs to another year";
    /// A required indicator left empty.
    RequiredMissing = "R210", "required-missing", Error, "必填指标未填报", "required indicator left empty";
    /// A change against last year beyond the threshold: worth a second look.
    JumpAgainstLastYear = "R211", "jump-against-last-year", Warning, "与上年相比变化过大", "large change against last year";
    /// A template made by another version of planeval.
    TemplateVersionMismatch = "R212", "template-version-mismatch", Warning, "模板版本与当前版本不一致", "template version mismatch";
    /// A rate whose parts (or a breakdown) lie outside the range the total allows, e.g. total rate not between female and male.
    BreakdownInconsistent = "R213", "breakdown-inconsistent", Warning, "分组比率与合计比率不协调", "breakdown rates inconsistent with the total";
    /// A cell outside the known columns of the table, holding something.
    UnmappedCell = "R214", "unmapped-cell", Warning, "该列不是模板中的填报列，内容未读取", "cell outside the template's input columns";
    /// An indicator this unit neither leads nor cooperates on.
    NotAssignedToUnit = "R215", "not-assigned-to-unit", Warning, "该指标不由本单位牵头或配合", "indicator not assigned to this unit";
    /// A value with more decimals than the indicator keeps, or a breakdown without its total.
    TotalMissing = "R216", "total-missing", Warning, "填了分组数但未填合计数", "breakdown given without the total";
    /// A qualitative self-assessment that is not one of the four words.
    BadSelfAssessment = "R217", "bad-self-assessment", Error, "自评结论不是规定的选项", "self-assessment is not one of the options";
    /// Two or more returns of one unit, area and year in one run (a correction, a copy): the one stored
    /// last counts.
    DuplicateReturn = "R218", "duplicate-return", Warning, "同一单位同一年度有多份报表", "several returns of one unit and year";

    // ── Store (S): what the monitoring store cannot take in ─────────────────────────────────────
    /// The file does not say which year it reports (no metadata, no year in the header, no `--year`): its
    /// values have no place in the panel and are quarantined.
    StoreYearUnknown = "S001", "year-unknown", Error, "无法确定填报年度，数值未入库", "reporting year unknown, values not stored";
    /// A row of a baseline (long) sheet whose year is not a year (or lies after the plan period).
    StoreBadYear = "S002", "bad-year", Error, "年份无效或晚于规划期", "year is invalid or after the plan period";
    /// A sex / area / item word of a long sheet that is not known, or a breakdown the indicator does not have.
    StoreBadCategory = "S003", "bad-category", Error, "性别、城乡或项目取值无效，或该指标不分此项", "unknown breakdown or item for the indicator";

    // ── Areas (A): the areas file (地区表) and the areas of a store ───────────────────────────────
    /// The areas file cannot be read as CSV text (binary, an unknown encoding, far too long).
    AreasUnreadable = "A001", "areas-unreadable", Error, "地区表无法作为 CSV 文本读取", "areas file is not readable CSV text";
    /// The header lacks one of 代码, 名称, 上级代码, 级别 (or names a column twice), or there is no row.
    AreasBadHeader = "A002", "areas-bad-header", Error, "地区表的表头缺少必需的列", "areas file header lacks a required column";
    /// A code that is not a GB/T 2260 code (six digits) or 12-digit 统计用区划代码, or a row without a name.
    AreaBadCode = "A003", "area-bad-code", Error, "行政区划代码无效或缺少名称", "invalid division code or missing name";
    /// The same code on two rows.
    AreaDuplicate = "A004", "area-duplicate", Error, "同一代码出现两次", "division code listed twice";
    /// A parent code that is not in the file.
    AreaUnknownParent = "A005", "area-unknown-parent", Error, "上级代码不在地区表中", "parent code not in the areas file";
    /// A level word that is not 省/市/县, or a level not below its parent's.
    AreaBadLevel = "A006", "area-bad-level", Error, "级别无效，或不低于上级的级别", "invalid level, or not below the parent's";
    /// A weight cell that is not a non-negative number.
    AreaBadWeight = "A007", "area-bad-weight", Error, "权重不是非负数", "weight is not a non-negative number";
    /// A code whose GB/T 2260 structure disagrees with its level or its parent's code.
    AreaCodeMismatch = "A008", "area-code-mismatch", Warning, "代码结构与级别或上级代码不一致", "code disagrees with its level or parent";
    /// An area in the store that the areas file does not know (or cannot place): evaluated on its own
    /// when asked for, never rolled up into a parent.
    AreaNotInFile = "A010", "area-not-in-file", Warning, "数据库中的地区不在地区表中，不参与汇总", "area in the store not in the areas file, not rolled up";
    /// A 报送包 in a job's inbox that cannot be taken in as a whole — unreadable, altered after export,
    /// of another plan, or of an area that does not fit: none of it is ingested, the run goes on.
    PackageRefused = "A011", "package-refused", Error, "报送包被拒绝，未入库任何数据", "reporting package refused, nothing of it ingested";

    // ── Evaluation (E): the review column of the evaluation workbook, read back by `evaluate` ───
    /// A review conclusion that is not one of 已完成 / 基本完成 / 部分完成 / 未完成: not used.
    ReviewNotAnOption = "E001", "review-not-an-option", Error, "审核结论不是规定选项，未采用", "review conclusion is not one of the options";
    /// A review date that cannot be read as a date: the workbook's modification time is used instead.
    ReviewBadDate = "E002", "review-bad-date", Warning, "审核日期无法识别，已改用文件修改时间", "review date unreadable, the file's modification time is used";
    /// The previous evaluation workbook cannot be read: its reviews are not read back.
    ReviewWorkbookUnreadable = "E003", "review-workbook-unreadable", Warning, "上次的评估工作簿无法读取，其中的审核结论未读回", "previous evaluation workbook unreadable, its reviews not read";
    /// A reviewed row whose objective code is not a qualitative objective of the plan.
    ReviewUnknownObjective = "E004", "review-unknown-objective", Warning, "审核行的目标编码不是本规划的定性目标，未采用", "reviewed row names no qualitative objective of the plan";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// Where a problem is: a cell of a workbook, a line of a text file, or a whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Location {
    Cell {
        file: String,
        sheet: String,
        cell: String,
    },
    Line {
        file: String,
        line: usize,
        column: usize,
    },
    File {
        file: String,
    },
}

impl Location {
    /// (sheet, row, column) of a cell; locations that are not cells come first.
    fn reading_order(&self) -> (String, u32, u32) {
        match self {
            Location::Cell { sheet, cell, .. } => {
                let (r, c) = crate::cellref::parse_cell_name(cell).unwrap_or((0, 0));
                (sheet.clone(), r, c)
            }
            _ => (String::new(), 0, 0),
        }
    }

    pub fn file(&self) -> &str {
        match self {
            Location::Cell { file, .. } | Location::Line { file, .. } | Location::File { file } => {
                file
            }
        }
    }
}

impl fmt::Display for Location {
    /// `returns/卫健体局.xlsx!指标填报!H7`, `plan.toml:12:5` or just the file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Cell { file, sheet, cell } => write!(f, "{file}!{sheet}!{cell}"),
            Location::Line { file, line, column } => write!(f, "{file}:{line}:{column}"),
            Location::File { file } => f.write_str(file),
        }
    }
}

/// One problem: what, where, the raw text found there, what it means (Chinese) and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub location: Location,
    /// The text exactly as found in the input, when there is one.
    pub raw: Option<String>,
    pub message: String,
    pub hint: String,
    /// The message in English, where the diagnostic's text comes from the message table
    /// (`i18n::diagnostics`); without it, English output shows the code's English summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint_en: Option<String>,
    /// The plan's indicator the problem is about, when the reader knew it (the row's indicator):
    /// the store files the quarantined cell under it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's own severity.
    pub fn new(
        code: Code,
        location: Location,
        raw: Option<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            location,
            raw,
            message: message.into(),
            hint: hint.into(),
            message_en: None,
            hint_en: None,
            indicator: None,
        }
    }

    /// The same diagnostic with its English message and hint.
    /// The same diagnostic, said to be about `indicator`.
    pub fn about(mut self, indicator: Option<String>) -> Self {
        self.indicator = indicator;
        self
    }

    pub fn with_en(mut self, message: impl Into<String>, hint: impl Into<String>) -> Self {
        self.message_en = Some(message.into());
        self.hint_en = Some(hint.into());
        self
    }

    /// A diagnostic whose message and hint come from the message table, in both languages.
    pub fn said(
        code: Code,
        location: Location,
        raw: Option<String>,
        message: crate::i18n::diagnostics::DiagText,
        hint: crate::i18n::diagnostics::DiagText,
        args: &[(&str, &str)],
    ) -> Self {
        Diagnostic::said_each(code, location, raw, (message, hint), args, args)
    }

    /// A diagnostic from the message table whose arguments differ by language (names the plan or an
    /// areas file gives in both languages, lists joined as each language joins them).
    pub fn said_each(
        code: Code,
        location: Location,
        raw: Option<String>,
        (message, hint): (
            crate::i18n::diagnostics::DiagText,
            crate::i18n::diagnostics::DiagText,
        ),
        zh: &[(&str, &str)],
        en: &[(&str, &str)],
    ) -> Self {
        use crate::i18n::Lang;
        Diagnostic::new(
            code,
            location,
            raw,
            message.say(Lang::Zh, zh),
            hint.say(Lang::Zh, zh),
        )
        .with_en(message.say(Lang::En, en), hint.say(Lang::En, en))
    }

    /// Message and hint in `lang`; `None` for English when the text has no English yet (the caller
    /// shows the code's English summary and the Chinese text as the detail).
    pub fn text_in(&self, lang: crate::i18n::Lang) -> Option<(&str, &str)> {
        match lang {
            crate::i18n::Lang::Zh => Some((&self.message, &self.hint)),
            crate::i18n::Lang::En => Some((
                self.message_en.as_deref()?,
                self.hint_en.as_deref().unwrap_or(""),
            )),
        }
    }

    /// Errors first, then warnings, then notes; within each, in the workbook's reading order (sheet,
    /// then row, then column), so a department reads its problems as it reads its sheet.
    pub fn sort_for_reading(diagnostics: &mut [Diagnostic]) {
        diagnostics.sort_by_key(|d| (d.severity.rank(), d.location.reading_order()));
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique() {
        let ids: HashSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        let names: HashSet<_> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        assert_eq!(names.len(), Code::ALL.len());
    }

    #[test]
    fn cell_location_renders_as_file_sheet_cell() {
        let loc = Location::Cell {
            file: "returns/卫健体局.xlsx".into(),
            sheet: "指标填报".into(),
            cell: "H7".into(),
        };
        assert_eq!(loc.to_string(), "returns/卫健体局.xlsx!指标填报!H7");
    }
}
