//! What diagnostics (message and hint of every code), run errors and the terminal's rendering of both says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of diagnostics (message and hint of every code), run errors and the terminal's rendering of both.
    pub enum DiagText {
        // ── The terminal's rendering ────────────────────────────────────────────────────────────
        /// After the shown start of a raw text too long for the terminal.
        RawCut => "…（共 {n} 字）", "… ({n} characters in all)";
        /// Label of the raw text found in the input.
        RawLabel => "原文", "raw";
        /// Label of the hint.
        HintLabel => "提示", "hint";
        /// Label of the Chinese text of a diagnostic that has no English text yet.
        DetailLabel => "详情", "detail (Chinese)";
        /// The count of folder entries not listed without `-v`.
        InputNotesHidden => "另有 {n} 个条目未读取或有提示（不是电子表格、隐藏文件、重复的链接、文件名编码等），加 -v 逐个列出",
            "more entries not read or with notes: {n} (not spreadsheets, hidden files, repeated links, file-name encodings); add -v to list them";
        NoProblems => "未发现问题", "no problems found";
        ProblemsFound => "发现 {errors} 个错误、{warnings} 个警告", "{errors} errors, {warnings} warnings found";

        // ── Hints shared by file problems ───────────────────────────────────────────────────────
        HintResend => "请重新发送原文件；如仍无法读取，请在 Excel 中打开后“另存为”xlsx 格式再报送",
            "send the original file again; if it still cannot be read, open it in Excel and \"Save As\" .xlsx before sending";
        HintUseTemplate => "请使用下发的模板填写，并以 Excel 工作簿（.xlsx）格式报送",
            "fill in the template that was sent out and return it as an Excel workbook (.xlsx)";
        HintSaveAsXlsx => "请在 Excel 中打开该文件，“另存为”Excel 工作簿（.xlsx）格式后再报送",
            "open the file in Excel and \"Save As\" an Excel workbook (.xlsx) before sending";
        HintPassword => "请取消密码（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存再报送",
            "remove the password (Excel: File → Info → Protect Workbook → Encrypt with Password, clear it), save and send again";
        HintPasswordOds => "请在 WPS 或 LibreOffice 中取消文档密码后另存再报送",
            "remove the document password in WPS or LibreOffice, save and send again";
        HintReexport => "请重新导出或重新发送该文件", "export or send the file again";
        HintShrink => "请删除无关的工作表和图片后重新导出文件",
            "delete unrelated sheets and pictures and export the file again";
        HintRename => "请将文件扩展名改为 .{format}", "rename the file to end in .{format}";
        HintUnzip => "请解压后分别报送其中的工作簿", "unpack the archive and send each workbook in it";
        HintUnzipOne => "请解压后报送其中的 Excel 工作簿", "unpack the archive and send the Excel workbook in it";
        HintNotPdf => "请报送填写后的 Excel 工作簿本身，而不是打印或导出的 PDF",
            "send the filled-in Excel workbook itself, not a printed or exported PDF";
        HintNotImage => "请报送填写后的 Excel 工作簿本身，而不是截图或扫描件",
            "send the filled-in Excel workbook itself, not a screenshot or scan";

        // ── File problems (F) ───────────────────────────────────────────────────────────────────
        FileEmpty => "文件为空（0 字节）", "the file is empty (0 bytes)";
        FileTooBig => "文件大小为 {size}，超过上限 {limit}", "the file is {size}, over the limit of {limit}";
        Encrypted => "工作簿设置了打开密码，无法读取", "the workbook has an opening password and cannot be read";
        ZipEncrypted => "{format} 文件内部的数据设置了压缩密码，无法读取",
            "the data inside the {format} file is password-protected and cannot be read";
        CorruptReader => "文件已损坏或格式异常，无法读取（{detail}）",
            "the file is damaged or malformed and cannot be read ({detail})";
        CorruptZip => "文件已损坏或不完整（可能传输中断）",
            "the file is damaged or incomplete (perhaps cut off in transfer)";
        CorruptCfb => "文件已损坏或不完整（可能传输中断），无法读取其中的工作簿",
            "the file is damaged or incomplete (perhaps cut off in transfer); its workbook cannot be read";
        ExtensionMismatch => "文件扩展名为 .{ext}，但内容是 {format} 工作簿，已按 {format} 格式读取",
            "the file name ends in .{ext} but the content is a {format} workbook; it was read as {format}";
        ZipOfSheets => "这是压缩包（内含 {n} 个表格文件），不是电子表格",
            "this is an archive (holding {n} spreadsheet files), not a spreadsheet";
        NotSheetDocx => "这是 Word 文档（docx），不是电子表格", "this is a Word document (docx), not a spreadsheet";
        NotSheetPptx => "这是 PowerPoint 演示文稿（pptx），不是电子表格", "this is a PowerPoint presentation (pptx), not a spreadsheet";
        NotSheetOdt => "这是 OpenDocument 文字文档（odt），不是电子表格", "this is an OpenDocument text (odt), not a spreadsheet";
        NotSheetOdf => "这是 OpenDocument 文档，但不是电子表格", "this is an OpenDocument file, but not a spreadsheet";
        NotSheetZip => "不是电子表格（可能是 Word 文档或压缩包）", "not a spreadsheet (perhaps a Word document or an archive)";
        NotSheetDoc => "这是 Word 文档（doc），不是电子表格", "this is a Word document (doc), not a spreadsheet";
        NotSheetPpt => "这是 PowerPoint 演示文稿（ppt），不是电子表格", "this is a PowerPoint presentation (ppt), not a spreadsheet";
        NotSheetCfb => "这是 Office 复合文档，但其中没有工作簿，不是电子表格",
            "this is an Office compound document without a workbook, not a spreadsheet";
        NotSheetPdf => "这是 PDF 文件，不是 Excel 工作簿", "this is a PDF file, not an Excel workbook";
        NotSheetImage => "这是图片文件（可能是截图或扫描件），不是 Excel 工作簿",
            "this is a picture (perhaps a screenshot or a scan), not an Excel workbook";
        NotSheetArchive => "这是压缩包（RAR/7z/gz），不是 Excel 工作簿", "this is an archive (RAR/7z/gz), not an Excel workbook";
        AllZeroBytes => "文件内容全是空字节（可能复制、下载或同步未完成）",
            "the file holds only zero bytes (copying, downloading or syncing did not finish)";
        UnknownFormat => "无法识别的文件格式，不是 Excel、WPS 或 OpenDocument 表格",
            "unknown file format: not an Excel, WPS or OpenDocument spreadsheet";
        NotSheetXml2003 => "这是 Excel 2003 XML 表格文件，不是 Excel 工作簿，无法读取",
            "this is an Excel 2003 XML spreadsheet, not an Excel workbook, and cannot be read";
        NotSheetMht => "这是单个文件网页（MHT），不是 Excel 工作簿", "this is a single-file web page (MHT), not an Excel workbook";
        NotSheetHtml => "这是网页（HTML）文件，不是 Excel 工作簿（常见于业务系统“导出 Excel”生成的 .xls 文件）",
            "this is a web page (HTML), not an Excel workbook (common for .xls files from a system's \"export to Excel\")";
        NotSheetXml => "这是 XML 文件，不是 Excel 工作簿", "this is an XML file, not an Excel workbook";
        NotSheetCsv => "这是 CSV 或制表符分隔的文本文件，不是 Excel 工作簿（会丢失模板结构）",
            "this is a CSV or tab-separated text file, not an Excel workbook (the template's structure is lost)";
        NotSheetText => "这是纯文本文件，不是 Excel 工作簿", "this is a plain text file, not an Excel workbook";
        EntryBomb => "文件内部的“{part}”解压后将达到 {size}，压缩比约 {ratio}:1，远超正常工作簿（上限 {limit}:1），可能是异常文件或压缩炸弹",
            "the part \"{part}\" inside the file inflates to {size}, a ratio of about {ratio}:1, far beyond a normal workbook (limit {limit}:1): a malformed file or a zip bomb";
        HintReexportXlsx => "请重新导出文件（在 Excel 中打开后“另存为”新的 xlsx 文件）",
            "export the file again (open it in Excel and \"Save As\" a new .xlsx)";
        TotalBomb => "文件解压后将达到 {size}，超过上限 {limit}，可能是异常文件或压缩炸弹",
            "the file inflates to {size}, over the limit of {limit}: a malformed file or a zip bomb";
        HintReexportSmaller => "请重新导出文件（删除无关的工作表和图片，在 Excel 中“另存为”新的 xlsx 文件）",
            "export the file again (delete unrelated sheets and pictures, \"Save As\" a new .xlsx in Excel)";
        TooManyParts => "文件内部包含 {n} 个部件，超过上限 {limit}，不像正常的工作簿",
            "the file holds {n} parts, over the limit of {limit}: not like a normal workbook";
        HintReexportPlain => "请重新导出文件", "export the file again";
        Damaged => "文件已损坏或被改动，无法读取（{what}）", "the file is damaged or altered and cannot be read ({what})";
        // ── Why the store cannot be read or written (inside the store errors) ──────────────────
        StorePartUnopenable => "清单中列出的文件无法打开：{detail}", "a file the manifest lists cannot be opened: {detail}";
        StorePartNotParquet => "不是可读的 Parquet 文件：{detail}", "not a readable Parquet file: {detail}";
        StorePartRows => "有 {rows} 行，清单记录为 {listed} 行", "it has {rows} rows, the manifest says {listed}";
        StoreReviewsInvalid => "不是有效的审核结论文件：{detail}", "not a valid file of review conclusions: {detail}";
        StoreReviewsNotOurs => "缺少 \"format\": \"{format}\"，不是 planeval 的审核结论文件",
            "it lacks \"format\": \"{format}\", so it is not planeval's file of review conclusions";
        StoreQueryFailed => "查询失败：{detail}", "the query failed: {detail}";
        StorePathUnreadable => "路径无法读取：{detail}", "the path cannot be read: {detail}";
        StoreColumnMissing => "缺少 {name} 列", "the column {name} is missing";
        StoreCellInvalid => "第 {row} 行的 {name} 列为空或无效", "the column {name} is empty or invalid in row {row}";
        StoreColumnType => "{name} 列的类型不对：{detail}", "the column {name} has the wrong type: {detail}";
        StoreColumn => "{name} 列：{detail}", "column {name}: {detail}";
        StoreManifestNotJson => "不是有效的 JSON：{detail}", "not valid JSON: {detail}";
        StoreManifestNotOurs => "缺少 \"format\": \"{format}\"，不是 planeval 的清单文件",
            "it lacks \"format\": \"{format}\", so it is not a planeval manifest";
        StoreNoSchemaVersion => "缺少 schema_version", "schema_version is missing";
        StoreManifestIncomplete => "内容不完整：{detail}", "fields are missing or wrong: {detail}";
        StoreFolderNotEmpty => "文件夹不是空的（有 {name}），也不是监测数据库；请指定一个新的或空的文件夹作为 --store",
            "the folder is not empty (it holds {name}) and is not a store; give a new or empty folder as --store";
        StoreRepairUnreadable => "{n} 个数据文件无法读取，清单未重建：{files}。请把这些文件移出监测数据库文件夹（或从备份恢复）后再运行 planeval store repair",
            "{n} data files cannot be read, so the manifest was not rebuilt: {files}. Move them out of the store's folder (or restore them from a backup), then run planeval store repair again";
        PackageNotWritten => "无法生成报送包：{detail}", "the package could not be made: {detail}";
        // ── What is wrong in a job file (job.toml, inside the job error) ───────────────────────
        JobNotToml => "{detail}（可参考 planeval init 生成的 job.toml）",
            "{detail} (compare with the job.toml that planeval init writes)";
        JobBadStage => "stages 中的“{stage}”无效；可用 annual、midterm、final",
            "\"{stage}\" in stages is not a stage; use annual, midterm or final";
        JobNoStages => "stages 为空；至少写一个：annual、midterm 或 final",
            "stages is empty; write at least one of annual, midterm, final";
        JobNoInbox => "inbox 为空；写上收件箱文件夹，如 inbox = [\"inbox\"]",
            "inbox is empty; name the inbox folder, e.g. inbox = [\"inbox\"]";
        JobBadLang => "lang = \"{lang}\" 无效；可用 zh 或 en", "lang = \"{lang}\" is not a language; use zh or en";
        JobBadOtherYears => "other_years = \"{value}\" 无效；可用 skip（不入库）或 ingest（按文件自身年度入库）",
            "other_years = \"{value}\" is not valid; use skip (not stored) or ingest (stored under the file's own year)";
        JobBadYear => "year = {year} 不是有效年份", "year = {year} is not a valid year";
        JobYearOutsidePlan => "year = {year}：{detail}", "year = {year}: {detail}";
        JobInboxMissing => "收件箱 {dir} 不存在；请创建该文件夹或修改 inbox",
            "the inbox {dir} does not exist; create the folder or change inbox";
        JobLogNotWritten => "运行记录无法写出：{detail}", "the run log entry could not be written: {detail}";
        // ── Why a 报送包 cannot be taken (inside the package errors) ─────────────────────────────
        PackageNotZip => "不是 zip 文件：{detail}", "not a zip file: {detail}";
        PackageNoManifest => "其中没有 {manifest}，不是 planeval export 生成的报送包",
            "it holds no {manifest}, so it is not a package made by planeval export";
        PackageManifestNotJson => "{manifest} 不是有效的 JSON：{detail}", "{manifest} is not valid JSON: {detail}";
        PackageNotOurs => "{manifest} 缺少 \"format\": \"{format}\"，不是 planeval 的报送包",
            "{manifest} lacks \"format\": \"{format}\", so it is not a planeval package";
        PackageManifestIncomplete => "{manifest} 内容不完整：{detail}", "{manifest} is incomplete: {detail}";
        PackageSealBroken => "{manifest} 的校验值（seal）与其内容不符，清单在导出后被改动过",
            "the seal of {manifest} does not match its content: the manifest was changed after export";
        PackageContentHash => "content_sha256 与清单内容不符", "content_sha256 does not match the manifest's content";
        PackageEntryName => "包中的文件名无法读取：{detail}", "a file name in the package cannot be read: {detail}";
        PackageUnlistedEntry => "包中有清单未列出的文件 {name}", "the package holds {name}, which the manifest does not list";
        PackageTableTwice => "清单两次列出 {table} 表", "the manifest lists the {table} table twice";
        PackagePartHash => "{name} 的 SHA-256 为 {sha}，清单记录为 {listed}", "the SHA-256 of {name} is {sha}, the manifest says {listed}";
        PackagePartNotParquet => "{name} 不是可读的 Parquet 文件：{detail}", "{name} is not a readable Parquet file: {detail}";
        PackagePartRows => "{name} 有 {rows} 行，清单记录为 {listed} 行", "{name} has {rows} rows, the manifest says {listed}";
        PackageRevisionTwice => "清单中两个文件的修订号相同", "two files of the manifest have the same revision";
        PackageTablePanel => "数值表", "the values table";
        PackageTableQuarantine => "隔离表", "the quarantine table";
        PackageTableAssessments => "自评表", "the self-assessments table";
        PackageRowOtherPlan => "{what}中有规划 {plan} 的数据，清单所列规划为 {listed}",
            "{what} holds data of plan {plan}, the manifest's plan is {listed}";
        PackageRowOtherYear => "{what}中有 {year} 年的数据，清单所列年度为 {listed}",
            "{what} holds data of {year}, the manifest's year is {listed}";
        PackageRowUnlistedFile => "{what}中有数据的来源文件（修订号 {revision}）不在清单中",
            "{what} holds data from a file (revision {revision}) the manifest does not list";
        PackageFileValues => "文件 {name} 有 {values} 个数值，清单记录为 {listed} 个",
            "the file {name} has {values} values, the manifest says {listed}";
        PackageEntryMissing => "缺少 {name}", "{name} is missing";
        PackageEntryTooLarge => "{name} 解压后过大（超过压缩大小的 {times} 倍）",
            "{name} unpacks too large (over {times} times its packed size)";
        PackageEntryUnreadable => "{name} 无法解压（{detail}）", "{name} cannot be unpacked ({detail})";
        PackageAreaUnknown => "地区表 {areas} 中没有代码 {code}；请用 --areas 指定含该地区及其上级的地区表",
            "the areas file {areas} has no code {code}; give an areas file holding the area and those above it with --areas";
        PackageAreaOutside => "包中有“{org}”的数据，它不是 {area} 或其下级地区",
            "the package holds data of \"{org}\", which is neither {area} nor an area below it";
        DeclaredTooManyCells => "{what}，超出填报表可能的范围（上限 {limit} 个单元格）",
            "{what}, more than a return can hold (at most {limit} cells)";
        HintTrimRange => "删除表格范围之外的内容（或整行整列的格式）后重新保存",
            "delete what lies outside the table (or the formatting of whole rows and columns) and save again";
        /// What a file declares about itself that cannot be true (inside `Damaged` / `DeclaredTooManyCells`).
        DeclaredSharedStrings => "共享字符串表声明 {count} 个字符串，而其内容只有 {size} 字节",
            "the shared-string table declares {count} strings but holds only {size} bytes";
        DeclaredRepeatedCells => "工作表中重复的行和列展开后至少有 {cells} 个非空单元格",
            "the sheet's repeated rows and columns expand to at least {cells} non-empty cells";
        DeclaredShortDimension => "工作表 {sheet} 的范围记录只有 {len} 字节（应为 16 字节）",
            "the dimension record of sheet {sheet} has only {len} bytes (16 expected)";
        DeclaredShortSharedStrings => "共享字符串表的开始记录只有 {len} 字节（应为 8 字节）",
            "the first record of the shared-string table has only {len} bytes (8 expected)";
        DeclaredXlsExtent => "第 {sheet} 个工作表的内容延伸到第 {row} 行、第 {col} 列，按其范围读取需要 {cells} 个单元格",
            "sheet {sheet} reaches row {row}, column {col}; reading its range takes {cells} cells";
        DeclaredXlsDimensions => "第 {sheet} 个工作表的范围记录无效（行 {rf}–{rl}，列 {cf}–{cl}）",
            "the dimension record of sheet {sheet} is invalid (rows {rf}–{rl}, columns {cf}–{cl})";
        DeclaredXlsColumn => "第 {sheet} 个工作表中有第 {col} 列的单元格，xls 格式最多 256 列",
            "sheet {sheet} has a cell in column {col}, but the xls format has at most 256 columns";
        WorkbookEmpty => "工作簿中没有任何内容", "the workbook has no content";
        HintFillTemplate => "请使用下发的模板填写后再报送", "fill in the template that was sent out, then return it";
        SheetBeyondLimits => "工作表“{sheet}”的内容延伸到 {cell}，超出填报表可能的范围（{rows} 行 × {cols} 列），其中 {n} 个单元格未读取",
            "sheet \"{sheet}\" extends to {cell}, beyond what a return can hold ({rows} rows × {cols} columns); {n} cells were not read";
        HintTrimSheet => "删除表格范围之外的内容（或整行整列的格式）后重新保存",
            "delete what lies outside the table (or whole-row and whole-column formatting) and save again";
        NoMetadata => "没有找到模板的隐藏元数据表，已按表头或指标名称定位数据",
            "the template's hidden metadata sheet is missing; the data was located by its headers or indicator names";
        HintKeepMetadata => "请使用 planeval template 生成的模板填报，不要删除隐藏的工作表",
            "fill in the template made by planeval template and do not delete its hidden sheet";
        NoDataSheet => "没有找到指标填报表：任何工作表中都没有“指标编码/指标名称”和“本年值”表头，也没有可识别的指标名称",
            "no indicator table found: no sheet has the \"indicator code/name\" and \"this year's value\" headers or any indicator name planeval knows";
        HintKeepHeaders => "请使用下发的模板填写，保留表头行", "fill in the template that was sent out and keep its header rows";
        UnknownIndicatorRow => "计划中没有指标“{what}”，该行未读取", "the plan has no indicator \"{what}\"; the row was not read";
        HintKeepCodes => "核对指标编码是否被改动；请从模板复制原编码，不要自行增加指标行",
            "check whether the indicator code was changed; copy the original code from the template and do not add indicator rows";
        UnknownIndicatorValue => "该行的指标“{what}”不在计划中，数值 {raw} 未读取",
            "the row's indicator \"{what}\" is not in the plan; the value {raw} was not read";
        HintRightRow => "请把数值填到模板中对应指标的行", "enter the value in the template's row of its indicator";
        NotASpreadsheet => "不是电子表格文件，已跳过", "not a spreadsheet file; skipped";
        HintSpreadsheetsOnly => "只读取 xlsx、xlsm、xls、xlsb、ods 文件", "only xlsx, xlsm, xls, xlsb and ods files are read";
        LinkOutside => "符号链接指向输入文件夹之外，未读取", "the symbolic link leads outside the input folder; not read";
        HintCopyNotLink => "把要检查的文件复制到输入文件夹中，而不是链接到别处",
            "copy the files to check into the input folder instead of linking elsewhere";
        LinkToReadFolder => "该链接指向已读取的文件夹（如指回上级的链接），不再重复读取",
            "the link leads to a folder already read (such as a link back to a parent); not read again";
        SameFileAgain => "与已读取的另一个文件是同一个文件（链接），不再重复读取",
            "the same file as another one already read (a link); not read again";
        NameNotUtf8 => "文件名不是 UTF-8 编码（常见于在中文 Windows 上压缩、在其他系统上解压的文件），已按 GBK 解码显示",
            "the file name is not UTF-8 (common for archives made on Chinese Windows and unpacked elsewhere); shown decoded as GBK";
        HintNameNotUtf8 => "无需处理；如名称显示有误，可将文件改名", "nothing to do; rename the file if its name shows wrongly";
        ReaderFailed => "读取 {format} 文件时读取程序失败（{seen}），文件未读取；其他文件不受影响",
            "the reader failed on this {format} file ({seen}); the file was not read, the other files are not affected";
        HintReaderFailed => "该文件结构异常：请在 Excel 或 WPS 中打开后“另存为”新的 xlsx 文件再报送；如仍出现，请把文件交给技术人员",
            "the file's structure is unusual: open it in Excel or WPS and \"Save As\" a new .xlsx before sending; if this persists, give the file to technical staff";
        // ── Reading a value (V) ─────────────────────────────────────────────────────────────────
        HintNumber => "请只填写数值（不带文字），单位为{unit}，如 {example}；如无法提供数据，请填写“无”并在备注中说明原因",
            "enter the number only (no words), in {unit}, e.g. {example}; if no figure can be given, enter “N/A” and say why in the remarks";
        NotANumber => "“{raw}”无法识别为数值", "“{raw}” cannot be read as a number";
        NonFinite => "“{raw}”超出了可表示的数值范围", "“{raw}” is beyond the range of numbers that can be held";
        BadGrouping => "“{raw}”中的逗号不是有效的千分位分隔（应每三位一组）",
            "the commas in “{raw}” are not valid thousands separators (groups of three digits)";
        HintGrouping => "千分位请写作 1,234 或不加分隔直接填 1234；小数点请用“.”，如 1.23",
            "write thousands as 1,234 or without separators as 1234; use “.” as the decimal point, e.g. 1.23";
        WrongUnit => "“{raw}”所带单位“{found}”与指标计量单位“{unit}”不符",
            "“{raw}” carries the unit “{found}”, but the indicator is measured in {unit}";
        HintWrongUnit => "本指标单位为{unit}：请按{unit}换算后只填写数值（不带单位），如 {example}",
            "this indicator is measured in {unit}: convert to {unit} and enter the number only (no unit), e.g. {example}";
        ExcelErrorTyped => "“{raw}”是 Excel 错误值，不是数值", "“{raw}” is an Excel error value, not a number";
        ExcelErrorFormula => "公式“{formula}”的结果是 Excel 错误值 {raw}",
            "the formula “{formula}” results in the Excel error value {raw}";
        ExcelErrorCell => "单元格是 Excel 错误值 {raw}", "the cell holds the Excel error value {raw}";
        HintExcelError => "请检查公式引用的单元格（如除数为 0、引用的单元格已删除或为空），修正后重新计算并保存；或直接填写数值",
            "check the cells the formula refers to (a divisor of 0, a deleted or empty cell), correct them, recalculate and save; or enter the number itself";
        FormulaNotCalculated => "公式“{formula}”没有保存计算结果", "the formula “{formula}” was saved without its result";
        FormulaEmpty => "公式“{formula}”的计算结果为空", "the formula “{formula}” results in an empty value";
        HintFormula => "请用 Excel 或 WPS 打开文件，重新计算（F9）后保存；或将公式替换为数值（复制 → 选择性粘贴 → 数值）；如无数据请填写“无”",
            "open the file in Excel or WPS, recalculate (F9) and save; or replace the formula by its value (Copy → Paste Special → Values); with no figure, enter “N/A”";
        DateNotNumber => "“{raw}”是日期或时间，不是数值", "“{raw}” is a date or time, not a number";
        HintDate => "Excel 可能把输入自动识别成了日期：请把单元格格式设为“常规”或“数值”，再重新填写数值（单位为{unit}，如 {example}）",
            "Excel may have taken the entry for a date: set the cell's format to “General” or “Number” and enter the number again (in {unit}, e.g. {example})";
        BooleanNotNumber => "“{raw}”是逻辑值，不是数值", "“{raw}” is a logical value (TRUE/FALSE), not a number";
        NotReported => "“{raw}”表示未报告，按未报告处理（不等于 0）",
            "“{raw}” means not reported and is taken as not reported (not as 0)";
        HintNotReported => "如实际数值为 0，请填写 0；未报告的原因请在备注中说明",
            "if the figure really is 0, enter 0; say why it is not reported in the remarks";
        Approximate => "“{raw}”带有估计字样“{word}”，已按 {value} 读取",
            "“{raw}” carries the estimate word “{word}” and was read as {value}";
        HintApproximate => "如有确切数值请改填确切数值（不带“约”等字样）；确为估计值请在备注中说明估计方法",
            "enter the exact figure if there is one (without words such as “about”); if it is an estimate, say how it was estimated in the remarks";
        FractionForPercent => "“{raw}”疑似把百分比填成了小数：本指标单位为 %，参考值约为 {expected}",
            "“{raw}” looks like a fraction entered for a percentage: this indicator is in %, and values near {expected} are expected";
        HintFractionForPercent => "请填写百分数（不带 % 号）：若为 {pct}%，请填 {pct}；若确为 {v}%，请填写“{v}%”（带 % 号）；若单元格设置了百分比格式，请改为“常规”格式后重新填写",
            "enter the percentage (without the % sign): for {pct}% enter {pct}; if it really is {v}%, enter “{v}%” (with the sign); if the cell is formatted as a percentage, set it to “General” and enter it again";
        FromFormula => "数值 {value} 取自公式“{formula}”的计算结果", "the value {value} is the result of the formula “{formula}”";
        HintFromFormula => "请确认公式引用的单元格正确；报送前可将公式转换为数值",
            "make sure the formula refers to the right cells; formulas can be turned into values before sending";
        // ── Checks across a row (V, R) ──────────────────────────────────────────────────────────
        OutOfRange => "{name}（{header}）填报 {raw}，超出允许范围 {range}{unit}",
            "{name} ({header}): {raw} is outside the allowed range {range} {unit}";
        HintOutOfRange => "核对数值和计量单位（{unit}），改正后重新报送",
            "check the number and its unit ({unit}), correct it and send again";
        MoreDecimals => "{name}（{header}）填报 {raw}，有 {carried} 位小数，多于指标规定的 {decimals} 位；评价按填报值计算，不作四舍五入",
            "{name} ({header}): {raw} has {carried} decimals, more than the {decimals} the indicator keeps; it is evaluated as entered, not rounded";
        HintMoreDecimals => "按 {decimals} 位小数填报（如 {example}）；如确需保留更多位数，请在备注中说明",
            "enter {decimals} decimals (e.g. {example}); if more are really needed, say why in the remarks";
        TotalMissing => "{name}填了{groups}分组数，但本年值（合计）为空",
            "{name}: the {groups} figures are filled in, but this year's value (the total) is empty";
        HintTotalMissing => "请同时填写本年值（合计）", "fill in this year's value (the total) as well";
        PartExceedsTotal => "{name}：{header} {part} 大于合计 {total}", "{name}: {header} {part} is larger than the total {total}";
        HintPartExceedsTotal => "分组数不能大于合计数，请核对", "a group's figure cannot exceed the total; please check";
        PartsDoNotAddUp => "{name}：{groups}之和 {a} + {b} = {sum}，与合计 {total} 不符",
            "{name}: the {groups} figures add up to {a} + {b} = {sum}, not the total {total}";
        HintPartsDoNotAddUp => "核对合计数与分组数，使两者一致", "check the total and the groups' figures so that they agree";
        BreakdownInconsistent => "{name}：合计 {total} 不在{groups}分组的 {lo} 与 {hi} 之间",
            "{name}: the total {total} is not between the {groups} rates {lo} and {hi}";
        HintBreakdownInconsistent => "比率的合计值应介于两组之间，请核对", "a rate's total lies between its two groups' rates; please check";
        NumeratorExceedsDenominator => "{name}：分子 {n} 大于分母 {d}", "{name}: the numerator {n} is larger than the denominator {d}";
        HintNumeratorExceedsDenominator => "分子是分母中的一部分，不能大于分母；请核对两者是否填反",
            "the numerator is part of the denominator and cannot exceed it; check whether the two were swapped";
        DenominatorZero => "{name}：分母为 0，无法计算比率", "{name}: the denominator is 0, so the rate cannot be computed";
        HintDenominatorZero => "填写实际的分母人数", "enter the actual denominator";
        RateMismatch => "{name}：分子 {n} ÷ 分母 {d} = {computed}{unit}，与填报的 {value}{unit} 不符",
            "{name}: numerator {n} ÷ denominator {d} = {computed} {unit}, not the {value} {unit} entered";
        HintRateMismatch => "核对分子、分母和比率，三者应一致", "check the numerator, the denominator and the rate so that the three agree";
        JumpAgainstLastYear => "{name}：本年 {value} 比上年 {last} 变化 {change}%，超过 {threshold}% 的提示阈值",
            "{name}: this year's {value} changes by {change}% from last year's {last}, more than the {threshold}% threshold";
        HintJumpAgainstLastYear => "请核实数值；如确有变化，请在备注中说明原因",
            "please verify the number; if the change is real, say why in the remarks";

        // ── Rows, self-assessments and the workbook's own description (intake) ───────────────────
        UnmappedCellRow => "指标 {code} 这一行在模板填报列之外有内容，未读取",
            "the row of indicator {code} has content outside the template's reporting columns: it was not read";
        HintUnmapped => "请把数值填到对应的填报列中；说明文字请写在“备注”列",
            "enter numbers in their reporting columns and write explanations in the remarks column";
        DuplicateRowValue => "指标 {code}（{name}）已在第 {first} 行填报，此行的数值未采用",
            "indicator {code} ({name}) was reported on row {first} already: this row's value was not used";
        HintDuplicateRow => "删除重复的行，或把正确的数值填在同一行", "delete the repeated row, or put the right value in one row";
        DuplicateRowAgain => "指标 {code} 重复出现（首次在第 {first} 行）", "indicator {code} appears again (first on row {first})";
        HintDeleteRepeat => "删除重复的行", "delete the repeated row";
        /// A text already said in each language (a value note's hint).
        Verbatim => "{text}", "{text}";
        /// A value note said of one column of an indicator's row.
        NoteInField => "{name}（{field}）：{note}", "{name} ({field}): {note}";
        /// A value note said of an earlier year's column of an indicator's row.
        NoteInYear => "{name}（{year}年）：{note}", "{name} ({year}): {note}";
        RequiredValueMissing => "必填指标 {code}（{name}）的本年值未填写", "required indicator {code} ({name}) has no value for this year";
        HintRequiredValue => "填写本年值；确实没有数据请填“无”，并在备注中说明原因",
            "enter this year's value; if there really is no data, enter “无” (none) and say why in the remarks";
        RequiredRowMissing => "必填指标 {code}（{name}）的行不在表中（可能被删除）",
            "the row of required indicator {code} ({name}) is not in the sheet (perhaps deleted)";
        HintKeepRows => "请使用下发的模板，不要删除指标行", "use the template as sent and do not delete indicator rows";
        NotAssignedToUnit => "指标 {code}（{name}）由{lead}牵头，不是{unit}的填报指标；数值已读取，供核对",
            "indicator {code} ({name}) is led by {lead} and is not {unit}'s to report: its values were read for checking";
        HintOwnIndicators => "确认是否填错了表；本单位的指标见 planeval catalog --unit 单位名称",
            "check whether the wrong sheet was filled in; planeval catalog --unit <unit> lists a unit's indicators";
        UnknownObjective => "目标编码“{code}”不是本规划的定性目标，自评未读取",
            "“{code}” is not a qualitative objective of this plan: the self-assessment was not read";
        HintKeepObjectiveCodes => "请勿改动目标编码列", "do not change the objective code column";
        BadSelfAssessment => "目标 {code} 的自评结论“{answer}”不是规定选项",
            "the self-assessment “{answer}” of objective {code} is not one of the options";
        HintPickOption => "请从下拉列表中选择：{options}", "choose from the dropdown list: {options}";
        ValueColumnAmbiguous => "工作表“{sheet}”没有可识别的表头，指标名称右边有 {n} 列数字（{cols} 列），无法判断哪一列是本年值，未读取任何数值",
            "the sheet “{sheet}” has no header planeval recognises and {n} columns of numbers right of the indicator names (columns {cols}): which one is this year's value is unclear, so no value was read";
        HintAddHeaders => "请使用下发的模板填报；或在数值列上方加表头，如“本年值”“上年同期”，或“2022年”“2023年”",
            "report in the template as sent, or head the number columns, e.g. “本年值” (this year) and “上年同期” (last year), or “2022年” and “2023年”";
        FoundByNames => "工作表“{sheet}”没有可识别的表头，已按指标名称定位，并把第 {col} 列当作本年值",
            "the sheet “{sheet}” has no header planeval recognises: its rows were found by indicator name and column {col} was taken as this year's value";
        HintRestoreHeaders => "请恢复模板的表头行，以免读错列", "restore the template's header row so that no column is misread";
        OtherYearFile => "文件是 {file_year} 年度的报表，本次处理的是 {run} 年度：未作为 {run} 年度的报表处理",
            "the file is a return for {file_year} and this run is for {run}: it was not taken as a {run} return";
        HintOtherYearFile => "如果这是 {file_year} 年度的报表，入库时加 --other-years ingest 按 {file_year} 年度入库；如果是用旧模板填了 {run} 年的数据，请用 {run} 年度的模板重新填报",
            "if it is the {file_year} return, ingest it under {file_year} with --other-years ingest; if {run} data was entered in an old template, report again in the {run} template";
        PlanMismatch => "文件属于规划“{plan}”，本次运行的规划是“{ours}”", "the file belongs to the plan “{plan}”; this run uses “{ours}”";
        HintPlanTemplate => "请使用本规划的模板重新填报，或运行时用 --plan 指定对应的计划文件",
            "report again in this plan's template, or give the matching plan file with --plan";
        UnitMismatch => "文件的填报单位“{unit}”不是本规划的责任单位", "the file's reporting unit “{unit}” is not a responsible unit of this plan";
        HintUnitTemplate => "请使用为本单位生成的模板（planeval template --unit 单位名称）", "use the template made for the unit (planeval template --unit <unit>)";
        TemplateVersion => "模板版本为 {found}，当前版本为 {current}", "the template is version {found}; the current version is {current}";
        HintNewTemplate => "已尽量按表头读取；下次请使用新下发的模板", "read by its headers as far as possible; use the newly sent template next time";

        // ── Inputs: what is not a regular file, folders, links (inputs::open, inputs::walk) ───────
        KindFolder => "文件夹", "a folder";
        KindFifo => "命名管道（FIFO）", "a named pipe (FIFO)";
        KindSocket => "套接字（socket）", "a socket";
        KindCharDevice => "字符设备", "a character device";
        KindBlockDevice => "块设备", "a block device";
        KindSpecial => "特殊文件", "a special file";
        NotRegular => "这是{kind}，不是普通文件，未读取", "this is {kind}, not a regular file: it was not read";
        LinkToSpecial => "符号链接指向{kind}，不是普通文件，未读取", "the symbolic link points to {kind}, not a regular file: it was not read";
        HintOnlyReturns => "收件箱和报表文件夹中只放报回的工作簿；请删除或移走该条目",
            "keep only returned workbooks in the inbox and the returns folders; delete or move this entry";
        OpenFailed => "无法打开文件：{error}", "the file cannot be opened: {error}";
        ReadFailed => "无法读取文件：{error}", "the file cannot be read: {error}";
        HintReadable => "确认文件存在且有读取权限", "check that the file exists and may be read";
        GrewTooLarge => "文件在读取过程中超过大小上限 {mb} MB", "the file grew beyond the size limit of {mb} MB while it was read";
        HintWaitForCopy => "请等文件复制完成后再运行，或删除无关的工作表和图片后重新导出",
            "run again once the file is copied completely, or export it again without unneeded sheets and pictures";
        FolderAgain => "该文件夹已经读取过，不再重复读取", "this folder was read already and is not read again";
        FileAgain => "该文件已经读取过，不再重复读取", "this file was read already and is not read again";
        TooDeep => "文件夹层级超过 {max} 层，其中的文件未检查", "the folders nest deeper than {max} levels: the files there were not checked";
        HintShallow => "把报表放在层级较浅的文件夹中", "put the returns in less deeply nested folders";
        FolderUnreadable => "无法读取文件夹：{error}", "the folder cannot be read: {error}";
        HintFolderReadable => "确认该文件夹存在且有读取权限", "check that the folder exists and may be read";
        FolderEntryUnreadable => "文件夹中有条目无法读取：{error}", "an entry of the folder cannot be read: {error}";
        HintFolderPermission => "确认该文件夹有读取权限", "check that the folder may be read";
        ExcelLockFile => "Excel 打开工作簿时生成的临时锁文件，已跳过", "a temporary lock file Excel makes while a workbook is open: skipped";
        HiddenEntry => "隐藏的文件或文件夹，已跳过", "a hidden file or folder: skipped";
        EntryUnreadable => "无法读取：{error}", "cannot be read: {error}";
        LinkBroken => "符号链接无法解析（目标不存在或链接循环）：{error}",
            "the symbolic link cannot be resolved (its target is missing or the links loop): {error}";
        LinkUnresolved => "符号链接无法解析：{error}", "the symbolic link cannot be resolved: {error}";
        HintReplaceLink => "删除该链接，或把它指向的文件复制到文件夹中", "delete the link, or copy the file it points to into the folder";

        // ── Store and inbox (store::batch, intake::duplicates, store::area, the scheduled job) ─────
        YearUnknownFile => "无法确定文件的填报年度，{values} 个数值和 {assessments} 项自评未入库（已记入隔离区）",
            "the file's reporting year cannot be told: {values} values and {assessments} self-assessments were not ingested (they are in the quarantine)";
        HintYearUnknownFile => "请使用 planeval template 生成的模板填报，或入库时用 --year 指定年度",
            "report in a template made by planeval template, or give the year with --year when ingesting";
        YearUnknownValue => "指标 {indicator} 的数值 {raw} 因年度不明未入库", "the value {raw} of indicator {indicator} was not ingested: its year is unknown";
        YearUnknownAssessment => "目标 {objective} 的自评因年度不明未入库", "the self-assessment of objective {objective} was not ingested: its year is unknown";
        HintGiveYear => "入库时用 --year 指定年度后重新入库", "ingest again with the year given by --year";
        DuplicateReturnCounts => "{unit} {year} 年度共有 {n} 份报表（{files}）；入库时本文件在最后，其数值为准，覆盖其他各份的同项数值",
            "{unit} has {n} returns for {year} ({files}); this file is ingested last, so its values count and replace the same values of the others";
        DuplicateReturnReplaced => "{unit} {year} 年度共有 {n} 份报表（{files}）；入库时以 {counts} 为准，本文件中它也填了的数值会被其覆盖",
            "{unit} has {n} returns for {year} ({files}); {counts} counts when ingested, and replaces the values of this file that it also holds";
        HintDuplicateReturn => "确认哪一份是最终报表；多余的副本请移出收件箱（以修改时间在后、文件名含“更正”者为准）",
            "make sure which is the final return and move the other copies out of the inbox (the later one, or the one whose name has 更正 (correction), counts)";
        AreaNotInAreasFile => "数据库中的地区 {area} 不在地区表 {source} 中，未汇总进 {into}（{rows} 行数据）",
            "the store's area {area} is not in the areas file {source}: it was not rolled up into {into} ({rows} rows of data)";
        HintAddArea => "在地区表中加上该地区（代码、名称、上级代码、级别），或改正报表的“单位（地区）”后重新入库；用 --area 可单独评估它",
            "add the area to the areas file (code, name, parent code, level), or correct the return's organisation (area) and ingest again; --area evaluates it alone";
        HintPackageRefused => "请让报送单位用 planeval export 重新导出报送包；该包已跳过，其余文件照常入库",
            "ask the sender to export the package again with planeval export; it was skipped and the other files were ingested as usual";

        // ── Baseline and past-years sheets (store::baseline) ──────────────────────────────────────
        LongNotSheetOrText => "文件既不是电子表格，也不是文本（CSV）", "the file is neither a spreadsheet nor text (CSV)";
        HintLongFormats => "请提交 xlsx 工作簿或 CSV 文件（UTF-8 或 Excel 另存的 CSV）", "send an xlsx workbook or a CSV file (UTF-8, or a CSV saved by Excel)";
        LongNoTable => "没有找到基期及历年数据表：任何工作表中都没有“指标编码（或指标名称）”“年份”“数值（或目标值）”表头",
            "no baseline and past-years table found: no sheet has the headers 指标编码 (indicator code) or 指标名称 (name), 年份 (year) and 数值 (value) or 目标值 (target)";
        HintLongTemplate => "请使用 planeval template --baseline 生成的表格，保留表头行", "use the sheet planeval template --baseline makes, and keep its header row";
        LongUnknownIndicator => "计划中没有指标“{what}”，该行数值 {raw} 未入库", "the plan has no indicator “{what}”: the row's value {raw} was not ingested";
        HintLongIndicator => "从模板复制原指标编码；不要自行增加指标", "copy the original indicator code from the template; do not add indicators";
        LongBadYear => "{name}：年份“{year}”无效，该行数值 {raw} 未入库", "{name}: the year “{year}” is not valid: the row's value {raw} was not ingested";
        HintLongYear => "填四位数的年份（如 2020），不晚于规划期末", "enter a four-digit year (e.g. 2020), not later than the plan period's end";
        LongBadUnit => "填报单位“{unit}”不是本规划的责任单位，该行数值 {raw} 未入库",
            "the reporting unit “{unit}” is not a responsible unit of this plan: the row's value {raw} was not ingested";
        HintLongUnit => "填写责任单位名称，或留空（默认为指标的牵头单位）", "enter a responsible unit's name, or leave it empty (the indicator's lead unit)";
        LongBadCategory => "{name}：“{text}”不是可识别的取值，该行数值 {raw} 未入库", "{name}: “{text}” is not a value planeval knows: the row's value {raw} was not ingested";
        HintLongCategory => "性别填 合计/女/男，城乡填 合计/城镇/农村，项目填 数值/分子/分母/目标值",
            "write sex as 合计/女/男 (total/female/male), urban–rural as 合计/城镇/农村 (total/urban/rural), item as 数值/分子/分母/目标值 (value/numerator/denominator/target)";
        LongBreakdownMismatch => "{name}（{year}年，{group}）：{problem}，数值未入库", "{name} ({year}, {group}): {problem}: the value was not ingested";
        HintLongBreakdown => "按模板中已有的行填写；该指标不分的项目请勿填写", "fill in the rows the template has; leave out breakdowns the indicator does not have";
        BreakdownBoth => "不能同时按性别和城乡分组", "it cannot be broken down by sex and by urban–rural at once";
        BreakdownNoSex => "该指标不分性别", "the indicator has no breakdown by sex";
        BreakdownNoArea => "该指标不分城乡", "the indicator has no urban–rural breakdown";
        BreakdownNoParts => "该指标不是比率，没有分子分母", "the indicator is not a rate and has no numerator or denominator";
        LongNote => "{name}（{year}年，{group}）：{note}", "{name} ({year}, {group}): {note}";
        LongOutOfRange => "{name}（{year}年，{group}）：{raw} 超出允许范围 {low}–{high}{unit}", "{name} ({year}, {group}): {raw} is outside the allowed range {low}–{high} {unit}";
        HintLongRange => "核对数值和计量单位，改正后重新入库", "check the number and its unit, correct it and ingest again";
        LongDuplicate => "{name}（{year}年，{group}）已在 {first} 填报，此行数值未采用", "{name} ({year}, {group}) was reported in {first} already: this row's value was not used";

        // ── Areas files (areas) ───────────────────────────────────────────────────────────────────
        AreasBadBomUtf8 => "以 UTF-8 标记开头，但内容不是 UTF-8", "starts with a UTF-8 mark but is not UTF-8";
        AreasBadUtf16 => "UTF-16 编码有误", "has broken UTF-16";
        AreasBinary => "是二进制文件，不是 CSV 文本（若是 Excel 工作簿，请另存为 CSV）", "is a binary file, not CSV text (if it is an Excel workbook, save it as CSV)";
        AreasBadEncoding => "既不是 UTF-8 也不是 GB18030（GBK）编码", "is neither UTF-8 nor GB18030 (GBK)";
        AreasUnreadable => "地区表{why}", "the areas file {why}";
        HintAreasCsv => "用 Excel 或记事本另存为 CSV（UTF-8 或 GBK 编码），表头为 代码,名称,上级代码,级别",
            "save it as CSV (UTF-8 or GBK) from Excel or Notepad, with the header 代码,名称,上级代码,级别 (code, name, parent, level)";
        AreasTooLong => "地区表超过 {max} 行，不像是地区表", "the areas file has more than {max} rows: it does not look like an areas file";
        HintAreasPath => "确认文件路径；全国的县级以上区划约 3,200 个", "check the path; the whole country has about 3,200 divisions at county level and above";
        AreasEmpty => "地区表是空的", "the areas file is empty";
        HintAreasHeader => "第一行写表头 代码,名称,上级代码,级别，以下每行一个地区",
            "write the header 代码,名称,上级代码,级别 (code, name, parent, level) on the first line and one area on each line below";
        AreasColumnTwice => "表头中“{column}”列出现了两次", "the header has the column “{column}” twice";
        HintDeleteColumn => "删去重复的列", "delete the repeated column";
        AreasWeightTwice => "权重列“{column}”出现了两次", "the weight column “{column}” appears twice";
        HintOneWeightColumn => "每个权重（如 女性人口）只写一列", "write each weight (such as 女性人口, female population) in one column only";
        AreasMissingColumns => "表头缺少 {columns} 列", "the header lacks the columns {columns}";
        HintAreasColumns => "第一行写表头 代码,名称,上级代码,级别（或 code,name,parent,level），其后的列是权重（如 女性人口）",
            "write the header 代码,名称,上级代码,级别 (or code,name,parent,level) on the first line; the columns after it are weights (such as 女性人口)";
        AreaNotACode => "“{code}”不是行政区划代码", "“{code}” is not an administrative division code";
        HintAreaCode => "代码写 GB/T 2260 的 6 位数字（如 古县 141025），或 12 位统计用区划代码",
            "write the six-digit GB/T 2260 code (e.g. 141025 for 古县) or the 12-digit statistical division code";
        AreaNoName => "代码 {code} 没有名称", "the code {code} has no name";
        HintAreaName => "填写地区名称，如 古县", "enter the area's name, e.g. 古县";
        AreaParentNotACode => "上级代码“{parent}”不是行政区划代码", "the parent code “{parent}” is not an administrative division code";
        HintAreaParent => "上级代码写上级地区的 6 位代码；最上级留空", "write the six-digit code of the area above; leave it empty for the top area";
        AreaLevelUnknown => "{name}（{code}）的级别“{level}”无法识别", "the level “{level}” of {name} ({code}) is not known";
        HintAreaLevel => "级别写 省、市 或 县（也可写 province、prefecture、county）", "write the level as 省, 市 or 县 (or province, prefecture, county)";
        AreaBadWeight => "{name}（{code}）的“{weight}”不是非负数", "“{weight}” of {name} ({code}) is not a non-negative number";
        HintAreaWeight => "权重写数字（如 人口数 52000），不知道时留空", "write weights as numbers (e.g. a population of 52000); leave them empty when unknown";
        AreaDuplicate => "代码 {code} 已在第 {first} 行出现", "the code {code} is on line {first} already";
        HintOneLinePerArea => "每个地区只写一行", "write each area on one line only";
        AreaLevelByCode => "{area}的代码按 GB/T 2260 是{implied}级，表中写的是{level}级", "by GB/T 2260 the code of {area} is of {implied} level, but the file says {level}";
        HintCodeAndLevel => "核对代码和级别", "check the code and the level";
        AreaParentMissing => "{area}的上级代码 {parent} 不在地区表中", "the parent code {parent} of {area} is not in the areas file";
        HintAddParent => "把上级地区也写进地区表，或把上级代码留空", "add the area above to the areas file too, or leave the parent code empty";
        AreaParentNotHigher => "{area} 是{level}级，其上级 {parent} 却是{parent_level}级：上级必须高一级",
            "{area} is of {level} level but its parent {parent} is of {parent_level} level: the parent must be one level higher";
        HintLevelAndParent => "核对级别和上级代码", "check the level and the parent code";
        AreaPrefixMismatch => "{area}的代码与上级 {parent} 的代码前 {n} 位不同", "the code of {area} differs from its parent {parent}'s in the first {n} digits";
        HintCodePrefix => "核对代码和上级代码（GB/T 2260：县级代码的前 4 位是所属地级的代码）",
            "check the code and the parent code (GB/T 2260: a county's code begins with the four digits of its prefecture)";
        AreasHeaderOnly => "地区表只有表头，没有地区", "the areas file has a header but no areas";
        HintAreasRows => "表头下每行写一个地区：代码,名称,上级代码,级别", "write one area on each line below the header: code, name, parent code, level";
        AreasRaw => "（原文：{raw}）", " (raw: {raw})";
        AreasHintSeparator => "；", "; ";
        AreasMoreErrors => "……另有 {n} 个错误", "… {n} more errors";
        AreasNotRegular => "不是普通文件或超过 {mb} MB", "is not a regular file or is larger than {mb} MB";
        HintAreasFile => "用 --areas 指定地区表（CSV 文件）", "give the areas file (a CSV file) with --areas";

        // ── The evaluation group's review conclusions (report::review) ────────────────────────────
        ReviewUnreadable => "上次的评估工作簿无法读取，其中的审核结论未读回：{reason}",
            "the previous evaluation workbook cannot be read and its review conclusions were not read back: {reason}";
        HintReviewUnreadable => "若评估组在其中填写了审核结论，请用 Excel 另存为 .xlsx 后重新运行；审核结论已记入监测数据库的不受影响",
            "if the evaluation group entered conclusions in it, save it as .xlsx from Excel and run again; conclusions already in the store are not affected";
        ReviewUnknownObjective => "目标编码“{code}”不是本规划的定性目标，该行审核结论“{typed}”未采用",
            "“{code}” is not a qualitative objective of this plan: the row's review conclusion “{typed}” was not used";
        ReviewNotAnOption => "目标 {code} 的审核结论“{typed}”不是规定选项，未采用", "the review conclusion “{typed}” of objective {code} is not one of the options: not used";
        ReviewBadDate => "目标 {code} 的审核日期“{date}”无法识别，已改用文件修改时间 {modified}",
            "the review date “{date}” of objective {code} cannot be read: the file's modification time {modified} was used instead";
        HintReviewDate => "请按 2024-03-01 的格式填写日期", "write the date as 2024-03-01";
    }
}
