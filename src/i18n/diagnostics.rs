//! What diagnostics (message and hint of every code), run errors and the terminal's rendering of both says to people, in Chinese and English (one key per sentence; `{name}` placeholders).

crate::i18n::table! {
    /// Terminal and message texts of diagnostics (message and hint of every code), run errors and the terminal's rendering of both.
    pub enum DiagText {
        // ── The terminal's rendering ────────────────────────────────────────────────────────────
        /// Label of the raw text found in the input.
        RawLabel => "原文", "raw";
        /// Label of the hint.
        HintLabel => "提示", "hint";
        /// Label of the Chinese text of a diagnostic that has no English text yet.
        DetailLabel => "详情", "detail (Chinese)";
        /// The count of folder entries not listed without `-v`.
        InputNotesHidden => "另有 {n} 个条目未读取或有提示（不是电子表格、隐藏文件、重复的链接、文件名编码等），加 -v 逐个列出",
            "{n} more entries were not read or have notes (not spreadsheets, hidden files, repeated links, file-name encodings); add -v to list them";
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
    }
}
