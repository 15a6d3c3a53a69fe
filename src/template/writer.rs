//! The blank department workbook (填报模板) of one responsible unit for one reporting year.
//!
//! Four sheets, in this order: 填报说明 (how to fill, contact fields, colour legend), 指标填报 (one row per
//! reported indicator the unit leads or cooperates on), 定性目标 (self-assessment of qualitative objectives)
//! and the hidden metadata sheet. Everything a department must not change is locked and the sheets are
//! protected without a password; input cells are unlocked, coloured, and carry data validation that fits
//! the indicator's unit. The layout (sheet names, header row, columns, metadata keys) is `layout`'s contract.
//!
//! The workbook is built in memory; writing it to disk is the caller's job (`fsutil::write_atomic`).

use crate::catalog::target::fmt_num;
use crate::catalog::{
    Catalog, Dimension, Domain, Indicator, MeasureUnit, Objective, ObjectiveKind,
};
use crate::fsutil::safe_file_name;
use crate::limits::header_text;
use crate::template::layout::{
    self, meta_key, Field, QualField, FIRST_DATA_ROW, HEADER_ROW, SELF_ASSESSMENT_OPTIONS,
};
use rust_xlsxwriter::{
    ColNum, Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    Format, FormatAlign, FormatBorder, Note, ProtectionOptions, RowNum, Worksheet, XlsxError,
};
use std::collections::HashMap;

pub use crate::style::{display_width, FONT};
use crate::style::{FONT_CHARSET, FONT_SIZE};
/// Widest a column grows, in character widths; longer text wraps.
pub const MAX_COLUMN_WIDTH: usize = 40;

pub const COLOUR_INPUT: u32 = 0xFFF2CC; // light yellow: type here
const COLOUR_OPTIONAL: u32 = 0xFFFFFF; // white: may add to or correct
pub const COLOUR_LOCKED: u32 = 0xF2F2F2; // light grey: pre-filled, locked
const COLOUR_NOT_APPLICABLE: u32 = 0xBFBFBF; // grey: not asked for this indicator
pub const COLOUR_HEADER: u32 = 0xD9E1F2;
pub const COLOUR_SECTION: u32 = 0xE2EFDA;
pub const COLOUR_BORDER: u32 = 0x808080;

/// What one workbook is for.
#[derive(Debug, Clone)]
pub struct TemplateSpec {
    /// The unit's normalised name (as in the plan's `[[units]]`).
    pub unit: String,
    /// The reporting area or organisation (单位（地区）), by default the plan's region.
    pub org: String,
    pub year: i32,
    /// Shown on the instructions sheet; an empty input cell when absent.
    pub deadline: Option<String>,
    /// Indicator code → last year's accepted value.
    pub last_year: HashMap<String, f64>,
    /// Indicator code → baseline value.
    pub baseline: HashMap<String, f64>,
    /// Values typed into input cells, as a department returns the workbook (benchmarks and tests):
    /// (indicator code, field) → what was typed. Empty for a blank template.
    pub fills: HashMap<(String, Field), Fill>,
    /// Qualitative objective code → the self-assessment typed. Empty for a blank template.
    pub assessments: HashMap<String, String>,
    /// A fixed generation time (`YYYY-MM-DDTHH:MM:SS`) for the metadata sheet and the document's
    /// creation date, so that the same spec gives the same bytes; the current time when absent.
    pub generated_at: Option<String>,
}

/// What a department typed into an input cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Fill {
    Number(f64),
    Text(String),
}

impl TemplateSpec {
    /// A spec without deadline or previous values.
    pub fn new(unit: impl Into<String>, org: impl Into<String>, year: i32) -> Self {
        TemplateSpec {
            unit: unit.into(),
            org: org.into(),
            year,
            deadline: None,
            last_year: HashMap::new(),
            baseline: HashMap::new(),
            fills: HashMap::new(),
            assessments: HashMap::new(),
            generated_at: None,
        }
    }
}

/// Whether a unit leads or cooperates on a piece of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Lead,
    Cooperate,
}

impl Role {
    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Cooperate => "配合",
        }
    }
}

/// What one unit reports: the reported indicators it leads, those it cooperates on, and the qualitative
/// objectives it self-assesses (leads first), each in plan order.
#[derive(Debug, Clone)]
pub struct UnitWork<'a> {
    pub lead: Vec<(&'a Domain, &'a Indicator)>,
    pub cooperating: Vec<(&'a Domain, &'a Indicator)>,
    pub qualitative: Vec<(&'a Domain, &'a Objective, Role)>,
}

impl<'a> UnitWork<'a> {
    pub fn of(cat: &'a Catalog, unit: &str) -> UnitWork<'a> {
        let mut work = UnitWork {
            lead: Vec::new(),
            cooperating: Vec::new(),
            qualitative: Vec::new(),
        };
        for (d, _, i) in cat.indicators().filter(|(_, _, i)| i.is_reported()) {
            if i.lead_unit == unit {
                work.lead.push((d, i));
            } else if i.cooperating_units.iter().any(|u| u == unit) {
                work.cooperating.push((d, i));
            }
        }
        let qualitative = || {
            cat.objectives()
                .filter(|(_, o)| o.kind == ObjectiveKind::Qualitative)
        };
        for (d, o) in qualitative() {
            if o.lead_unit.as_deref() == Some(unit) {
                work.qualitative.push((d, o, Role::Lead));
            }
        }
        for (d, o) in qualitative() {
            if o.lead_unit.as_deref() != Some(unit) && o.cooperating_units.iter().any(|u| u == unit)
            {
                work.qualitative.push((d, o, Role::Cooperate));
            }
        }
        work
    }

    /// Indicators on the data sheet (led and cooperated on).
    pub fn indicators(&self) -> usize {
        self.lead.len() + self.cooperating.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indicators() == 0 && self.qualitative.is_empty()
    }
}

/// The units that lead or cooperate on at least one reported indicator or qualitative objective, in the
/// order of the plan's `[[units]]`.
pub fn units_with_work(cat: &Catalog) -> Vec<String> {
    cat.units
        .iter()
        .filter(|u| !UnitWork::of(cat, &u.name).is_empty())
        .map(|u| u.name.clone())
        .collect()
}

/// `填报-{unit}-{year}.xlsx`, safe as a file name whatever the unit is called.
pub fn file_name(unit: &str, year: i32) -> String {
    format!("填报-{}-{year}.xlsx", safe_file_name(unit))
}

/// The header of a data-sheet column as the template writes it. Columns tied to a year carry it in
/// brackets on a second line (intake ignores bracketed parts and line breaks).
pub fn data_header(field: Field, baseline_year: i32, year: i32) -> String {
    match field {
        Field::Baseline => format!("{}\n（{baseline_year}年）", field.header()),
        Field::LastYear => format!("{}\n（{}年）", field.header(), year - 1),
        Field::Value => format!("{}\n（{year}年）", field.header()),
        f => f.header().to_string(),
    }
}

/// A target as a person reads it, naming the other indicator of a relational target.
pub fn target_text(cat: &Catalog, ind: &Indicator) -> String {
    let t = &ind.target;
    let mut s = t.describe_zh();
    if let Some(other) = t.other.as_deref() {
        if let Some(i) = cat.indicator(other) {
            s = s.replace(&format!("[{other}]"), &i.name);
        }
    }
    s
}

/// Whether an input column applies to an indicator (the rest of its row is greyed out and locked).
pub fn applies(field: Field, ind: &Indicator) -> bool {
    match field {
        Field::Female | Field::Male => ind.disaggregation.contains(&Dimension::Sex),
        Field::Urban | Field::Rural => ind.disaggregation.contains(&Dimension::Area),
        Field::Numerator | Field::Denominator => ind.rate.is_some(),
        Field::Value => !ind.gap_of_own_groups(),
        _ => true,
    }
}

/// Builds the workbook of `spec.unit` as xlsx bytes.
pub fn build_template(cat: &Catalog, spec: &TemplateSpec) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let work = UnitWork::of(cat, &spec.unit);
    let mut wb = crate::style::new_workbook();
    // Blank cells, row heights and column units follow the Chinese font, not Calibri.
    wb.set_default_format(&styles.base, 20, 64)?;

    instructions_sheet(wb.add_worksheet(), cat, spec, &work, &styles)?;
    data_sheet(wb.add_worksheet(), cat, spec, &work, &styles)?;
    qualitative_sheet(wb.add_worksheet(), cat, spec, &work, &styles)?;
    meta_sheet(wb.add_worksheet(), cat, spec, &styles)?;

    let mut props = DocProperties::new();
    if let Some(at) = spec.generated_at.as_deref() {
        if let Ok(t) = rust_xlsxwriter::ExcelDateTime::parse_from_str(at) {
            props = props.set_creation_datetime(&t);
        }
    }
    let props = props
        .set_title(format!(
            "{}　{}　{}年度监测数据填报表",
            cat.plan.name, spec.unit, spec.year
        ))
        .set_subject(cat.plan.name.clone())
        .set_author("planeval")
        .set_company(spec.org.clone())
        .set_keywords(format!("{} {} {}", cat.plan.id, spec.unit, spec.year))
        .set_comment(format!(
            "由 planeval {} 生成（模板版本 {}）",
            env!("CARGO_PKG_VERSION"),
            layout::TEMPLATE_VERSION
        ));
    wb.set_properties(&props);
    wb.save_to_buffer()
}

// ---------------------------------------------------------------------------------------------------------
// Formats

/// Every format the workbook uses, all built on one base so the font is the same everywhere.
struct Styles {
    base: Format,
    title: Format,
    subtitle: Format,
    header: Format,
    section: Format,
    locked_wrap: Format,
    locked_center: Format,
    locked_code: Format,
    input: Format,
    input_wrap: Format,
    optional_wrap: Format,
    not_applicable: Format,
    label: Format,
    text_wrap: Format,
    bold: Format,
    swatch_input: Format,
    swatch_optional: Format,
    swatch_locked: Format,
    swatch_not_applicable: Format,
}

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_charset(FONT_CHARSET)
        .set_font_size(FONT_SIZE)
        .set_align(FormatAlign::VerticalCenter)
}

fn cell(fill: u32) -> Format {
    base()
        .set_background_color(Color::RGB(fill))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(COLOUR_BORDER))
}

impl Styles {
    fn new() -> Styles {
        Styles {
            base: base(),
            title: base()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            subtitle: base().set_align(FormatAlign::Left),
            header: cell(COLOUR_HEADER)
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            section: cell(COLOUR_SECTION).set_bold().set_align(FormatAlign::Left),
            locked_wrap: cell(COLOUR_LOCKED).set_text_wrap(),
            locked_center: cell(COLOUR_LOCKED)
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            locked_code: cell(COLOUR_LOCKED)
                .set_font_size(9)
                .set_font_color(Color::RGB(0x595959))
                .set_text_wrap(),
            input: cell(COLOUR_INPUT).set_unlocked(),
            input_wrap: cell(COLOUR_INPUT)
                .set_unlocked()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            optional_wrap: cell(COLOUR_OPTIONAL).set_unlocked().set_text_wrap(),
            not_applicable: cell(COLOUR_NOT_APPLICABLE),
            label: base().set_bold().set_align(FormatAlign::Right),
            text_wrap: base().set_text_wrap().set_indent(1),
            bold: base().set_bold(),
            swatch_input: cell(COLOUR_INPUT),
            swatch_optional: cell(COLOUR_OPTIONAL),
            swatch_locked: cell(COLOUR_LOCKED),
            swatch_not_applicable: cell(COLOUR_NOT_APPLICABLE),
        }
    }

    /// A locked number with the indicator's decimals.
    fn number(&self, ind: &Indicator) -> Format {
        let fmt = match (ind.unit, ind.decimals) {
            (MeasureUnit::Persons | MeasureUnit::Count, 0) => "#,##0".to_string(),
            (_, 0) => "0".to_string(),
            (_, d) => format!("0.{}", "0".repeat(d as usize)),
        };
        cell(COLOUR_LOCKED)
            .set_num_format(fmt)
            .set_align(FormatAlign::Right)
    }
}

// ---------------------------------------------------------------------------------------------------------
// Shared sheet setup

/// The two rows above a sheet's header: the title, and who reports for which year (plus `note`).
fn title_rows(
    ws: &mut Worksheet,
    last_col: ColNum,
    title: &str,
    spec: &TemplateSpec,
    note: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.merge_range(0, 0, 0, last_col, title, &st.title)?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &format!(
            "填报单位：{}　　填报年度：{}　　单位（地区）：{}{note}",
            spec.unit, spec.year, spec.org
        ),
        &st.subtitle,
    )?;
    ws.set_row_height(1, 22)?;
    Ok(())
}

fn protection() -> ProtectionOptions {
    ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::new()
    }
}

/// A4, fit to one page wide, page numbers in the footer, the unit and year in the header.
fn print_setup(ws: &mut Worksheet, spec: &TemplateSpec, landscape: bool) {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    let font = format!("&\"{FONT},常规\"&9");
    ws.set_header(format!(
        "&L{font}{}&R{font}{}　{}年度",
        header_text(&spec.org, 100),
        header_text(&spec.unit, 100),
        spec.year
    ));
    ws.set_footer(format!("&C{font}&P / &N"));
}

/// Cuts text to Excel's limit on validation titles (32) and messages (255), counted in UTF-16 units.
fn clip(s: &str, max_utf16: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    for c in s.chars() {
        n += c.len_utf16();
        if n > max_utf16 {
            break;
        }
        out.push(c);
    }
    out
}

/// Height in points of a row whose wrapped cells hold `cells` (text, column width in characters).
fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>, min_lines: usize) -> f64 {
    let lines = cells
        .into_iter()
        .map(|(text, width)| {
            let usable = (width - 1.0).max(1.0);
            text.lines()
                .map(|l| ((display_width(l) as f64 * 1.08) / usable).ceil().max(1.0) as usize)
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
        .max(min_lines);
    lines as f64 * 14.5 + 5.0
}

/// A column width in Excel character units for cells of the given texts.
fn fit_width<'a>(texts: impl IntoIterator<Item = &'a str>, min: usize, max: usize) -> f64 {
    let w = texts.into_iter().map(display_width).max().unwrap_or(0) + 2;
    w.clamp(min, max.min(MAX_COLUMN_WIDTH)) as f64
}

// ---------------------------------------------------------------------------------------------------------
// 填报说明

fn instructions_sheet(
    ws: &mut Worksheet,
    cat: &Catalog,
    spec: &TemplateSpec,
    work: &UnitWork,
    st: &Styles,
) -> Result<(), XlsxError> {
    let p = &cat.plan;
    ws.set_name(layout::SHEET_INSTRUCTIONS)?;
    ws.set_active(true);
    ws.set_screen_gridlines(false);
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 96)?;

    ws.merge_range(
        0,
        0,
        0,
        1,
        &format!("{}　{}年度监测数据填报说明", p.name, spec.year),
        &st.title,
    )?;
    ws.set_row_height(0, 32)?;

    let lead = work.lead.len();
    let coop = work.cooperating.len();
    let qual = work.qualitative.len();
    let info: [(&str, String); 5] = [
        ("规划名称", format!("{}（{}）", p.name, p.document)),
        ("填报单位", spec.unit.clone()),
        ("填报年度", format!("{} 年", spec.year)),
        ("单位（地区）", spec.org.clone()),
        (
            "填报内容",
            format!(
                "“{}”表：牵头指标 {lead} 项、配合指标 {coop} 项；“{}”表：定性目标 {qual} 项",
                layout::SHEET_DATA,
                layout::SHEET_QUALITATIVE
            ),
        ),
    ];
    let mut row: RowNum = 2;
    for (label, value) in &info {
        ws.write_string_with_format(row, 0, *label, &st.label)?;
        ws.write_string_with_format(row, 1, value, &st.locked_wrap)?;
        ws.set_row_height(row, 20)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "截止日期", &st.label)?;
    match spec.deadline.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => ws.write_string_with_format(row, 1, d, &st.locked_wrap)?,
        None => ws.write_blank(row, 1, &st.input)?,
    };
    ws.set_row_height(row, 20)?;
    row += 1;
    for label in ["填报人", "联系电话", "单位负责人（审核）"] {
        ws.write_string_with_format(row, 0, label, &st.label)?;
        ws.write_blank(row, 1, &st.input)?;
        ws.set_row_height(row, 20)?;
        row += 1;
    }

    row += 1;
    ws.write_string_with_format(row, 0, "填报要求", &st.bold)?;
    row += 1;
    let rule = format!(
        "{}年值是否在规划目标范围内由评估组判断，请如实填报，不要为“达标”而调整数字。",
        spec.year
    );
    let steps: Vec<String> = vec![
        "只在浅黄色（必填）和白色（可补充、可修改）单元格中填写；浅灰色单元格已预先填好并锁定，深灰色单元格表示该指标不分此项，无需填写。".to_string(),
        format!(
            "在“{}”表中，每个指标填一个{}年的数值，按“计量单位”列的单位填写，只填数字，不带单位符号（填 78.4，不填 78.4岁；填 12.5，不填 12.5/10万）。",
            layout::SHEET_DATA,
            spec.year
        ),
        "百分比填百分数本身：95.2% 填 95.2，不要填 0.952，也不要加 % 号；千分率、十万分率同理，填 ‰、1/10万 前面的数字。".to_string(),
        "没有数据或不涉及的，本年值填“无”，并在“备注”中说明原因（如“统计口径调整，数据次年3月发布”）；留空会被视为漏报。不要用 0 代替“没有数据”——0 表示数值就是零。".to_string(),
        "“其中：女 / 男”“其中：城镇 / 农村”列只在浅黄色时填写，填相应人群的值（比率类指标填该人群的比率，人数类指标填人数）；分项能取得多少填多少。".to_string(),
        "比率类指标请同时填写“分子”“分母”（人数或例数，含义见单元格批注及输入提示），便于核对：本年值 ≈ 分子 ÷ 分母 × 100（‰ 为 × 1000，1/10万 为 × 100000）。".to_string(),
        "“数据来源”已按规划预填，如实际来源不同请直接修改；“备注”填写口径变化、数据说明等。第二部分“本单位配合的指标”如掌握数据请填报，供牵头单位核对。".to_string(),
        format!(
            "在“{}”表中，对每项定性目标从下拉列表选择自评结论（{}），并简要填写采取的主要措施、存在的问题和佐证材料名称（佐证材料另附）。",
            layout::SHEET_QUALITATIVE,
            SELF_ASSESSMENT_OPTIONS.join("、")
        ),
        "请勿插入、删除或移动列，勿修改表头和指标编码，勿重命名或删除工作表，勿改动隐藏的工作表；否则汇总程序可能无法识别。如需补充说明，请写在“备注”列或另附材料。".to_string(),
        rule,
        "填写完毕请核对，保存为 Excel 文件（.xlsx），按原文件名报送；如有疑问请联系评估组。".to_string(),
    ];
    for (n, text) in steps.iter().enumerate() {
        ws.write_string_with_format(row, 0, format!("{}.", n + 1), &st.label)?;
        ws.write_string_with_format(row, 1, text, &st.text_wrap)?;
        ws.set_row_height(row, row_height([(text.as_str(), 96.0)], 1))?;
        row += 1;
    }

    row += 1;
    ws.write_string_with_format(row, 0, "颜色说明", &st.bold)?;
    row += 1;
    let legend = [
        (
            &st.swatch_input,
            "浅黄色：请在此填写（本年值、分项、分子分母、联系人、自评结论、措施等）",
        ),
        (
            &st.swatch_optional,
            "白色（带边框）：可补充或修改（数据来源、备注）",
        ),
        (
            &st.swatch_locked,
            "浅灰色：已预填，已锁定，不可修改（指标编码、名称、单位、目标值、基期值、上年值等）",
        ),
        (
            &st.swatch_not_applicable,
            "深灰色：该指标不分此项，无需填写（已锁定）",
        ),
    ];
    for (fmt, text) in legend {
        ws.write_blank(row, 0, fmt)?;
        ws.write_string_with_format(row, 1, text, &st.text_wrap)?;
        ws.set_row_height(row, 20)?;
        row += 1;
    }

    print_setup(ws, spec, false);
    ws.protect_with_options(&protection());
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// 指标填报

/// Column index of a field: the template writes `Field::ALL` in order.
fn col(field: Field) -> ColNum {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0) as ColNum
}

fn qcol(field: QualField) -> ColNum {
    QualField::ALL.iter().position(|f| *f == field).unwrap_or(0) as ColNum
}

/// The pre-filled text of a locked cell of an indicator row.
fn prefilled(field: Field, cat: &Catalog, d: &Domain, ind: &Indicator) -> String {
    match field {
        Field::Code => ind.code.clone(),
        Field::Domain => d.name.clone(),
        Field::Name => ind.name.clone(),
        Field::Unit => ind.unit.symbol_zh().to_string(),
        Field::Target => target_text(cat, ind),
        Field::Source => ind.source.clone(),
        _ => String::new(),
    }
}

fn number_text(v: Option<f64>, ind: &Indicator) -> String {
    v.map(|v| format!("{:.*}", ind.decimals as usize, v))
        .unwrap_or_default()
}

fn data_sheet(
    ws: &mut Worksheet,
    cat: &Catalog,
    spec: &TemplateSpec,
    work: &UnitWork,
    st: &Styles,
) -> Result<(), XlsxError> {
    let p = &cat.plan;
    let last_col = (Field::ALL.len() - 1) as ColNum;
    ws.set_name(layout::SHEET_DATA)?;
    ws.set_default_note_author("planeval");

    // Column widths from the texts the columns will hold.
    let rows: Vec<(&Domain, &Indicator)> = work
        .lead
        .iter()
        .chain(work.cooperating.iter())
        .copied()
        .collect();
    let headers: Vec<String> = Field::ALL
        .iter()
        .map(|f| data_header(*f, p.baseline_year, spec.year))
        .collect();
    let widths: Vec<f64> = Field::ALL
        .iter()
        .zip(&headers)
        .map(|(f, h)| {
            let texts: Vec<String> = rows
                .iter()
                .map(|(d, i)| match f {
                    Field::Baseline => number_text(spec.baseline.get(&i.code).copied(), i),
                    Field::LastYear => number_text(spec.last_year.get(&i.code).copied(), i),
                    f => prefilled(*f, cat, d, i),
                })
                .collect();
            let all = texts.iter().map(String::as_str).chain(h.lines());
            match f {
                // Codes are for the machine: small print, wrapped.
                Field::Code => (fit_width(texts.iter().map(String::as_str), 8, 30) * 0.82).ceil(),
                Field::Domain => fit_width(all, 8, 12),
                Field::Name => fit_width(all, 12, 34),
                Field::Unit => fit_width(all, 6, 10),
                Field::Target => fit_width(all, 10, 18),
                Field::Baseline | Field::LastYear | Field::Value => fit_width(all, 12, 14),
                Field::Female | Field::Male | Field::Urban | Field::Rural => fit_width(all, 10, 12),
                Field::Numerator | Field::Denominator => fit_width(all, 9, 12),
                Field::Source => fit_width(all, 12, 20),
                Field::Remarks => 20.0,
            }
        })
        .collect();
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as ColNum, *w)?;
    }

    // Title, what the form is for, headers.
    title_rows(
        ws,
        last_col,
        &format!("{}　{}年度监测数据填报表", p.name, spec.year),
        spec,
        "",
        st,
    )?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as ColNum, h, &st.header)?;
    }
    let header_height = row_height(
        headers.iter().zip(&widths).map(|(h, w)| (h.as_str(), *w)),
        2,
    );
    ws.set_row_height(HEADER_ROW, header_height)?;
    ws.insert_note(
        HEADER_ROW,
        col(Field::Numerator),
        &Note::new(
            "分子、分母：只在比率类指标（浅黄色）填写人数或例数，各行的具体含义见该单元格的批注。\
             本年值 ≈ 分子 ÷ 分母 × 100（‰ × 1000，1/10万 × 100000）。",
        )
        .add_author_prefix(false)
        .set_font_name(FONT)
        .set_width(260)
        .set_height(90),
    )?;

    let mut row = FIRST_DATA_ROW;
    let sections = [
        ("一、本单位牵头的指标", &work.lead),
        (
            "二、本单位配合的指标（如掌握数据请填报，供牵头单位核对）",
            &work.cooperating,
        ),
    ];
    for (title, inds) in sections {
        let title = if inds.is_empty() {
            format!("{title}（无）")
        } else {
            title.to_string()
        };
        ws.merge_range(row, 0, row, last_col, &title, &st.section)?;
        ws.set_row_height(row, 20)?;
        row += 1;
        for (d, ind) in inds.iter() {
            indicator_row(ws, row, cat, spec, d, ind, &widths, st)?;
            row += 1;
        }
    }

    ws.set_freeze_panes(FIRST_DATA_ROW, col(Field::Name) + 1)?;
    print_setup(ws, spec, true);
    ws.set_repeat_rows(1, HEADER_ROW)?;
    ws.protect_with_options(&protection());
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn indicator_row(
    ws: &mut Worksheet,
    row: RowNum,
    cat: &Catalog,
    spec: &TemplateSpec,
    d: &Domain,
    ind: &Indicator,
    widths: &[f64],
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut wrapped: Vec<(String, f64)> = Vec::new();
    for field in Field::ALL {
        let c = col(field);
        let width = widths[c as usize];
        match field {
            Field::Code => {
                ws.write_string_with_format(row, c, &ind.code, &st.locked_code)?;
                // Small print: about 1.2 code characters per character width.
                wrapped.push((ind.code.clone(), width * 1.2));
            }
            Field::Domain | Field::Name | Field::Target => {
                let text = prefilled(field, cat, d, ind);
                let fmt = if field == Field::Target {
                    &st.locked_center
                } else {
                    &st.locked_wrap
                };
                ws.write_string_with_format(row, c, &text, fmt)?;
                wrapped.push((text, width));
            }
            Field::Unit => {
                ws.write_string_with_format(row, c, ind.unit.symbol_zh(), &st.locked_center)?;
            }
            Field::Baseline | Field::LastYear => {
                let map = if field == Field::Baseline {
                    &spec.baseline
                } else {
                    &spec.last_year
                };
                let fmt = st.number(ind);
                match map.get(&ind.code) {
                    Some(v) if v.is_finite() => ws.write_number_with_format(row, c, *v, &fmt)?,
                    _ => ws.write_blank(row, c, &fmt)?,
                };
            }
            Field::Source => {
                ws.write_string_with_format(row, c, &ind.source, &st.optional_wrap)?;
                wrapped.push((ind.source.clone(), width));
            }
            Field::Remarks => {
                ws.write_blank(row, c, &st.optional_wrap)?;
            }
            f if applies(f, ind) => {
                match spec.fills.get(&(ind.code.clone(), f)) {
                    Some(Fill::Number(v)) => ws.write_number_with_format(row, c, *v, &st.input)?,
                    Some(Fill::Text(t)) => ws.write_string_with_format(row, c, t, &st.input)?,
                    None => ws.write_blank(row, c, &st.input)?,
                };
                ws.add_data_validation(row, c, row, c, &number_validation(f, ind)?)?;
                if let (Some(rate), Field::Numerator | Field::Denominator) = (&ind.rate, f) {
                    let text = if f == Field::Numerator {
                        format!("分子：{}", rate.numerator)
                    } else {
                        format!("分母：{}", rate.denominator)
                    };
                    ws.insert_note(
                        row,
                        c,
                        &Note::new(text)
                            .add_author_prefix(false)
                            .set_font_name(FONT)
                            .set_width(200)
                            .set_height(50),
                    )?;
                }
            }
            _ => {
                ws.write_blank(row, c, &st.not_applicable)?;
            }
        }
    }
    let height = row_height(wrapped.iter().map(|(t, w)| (t.as_str(), *w)), 1);
    ws.set_row_height(row, height)?;
    Ok(())
}

/// The validation of a numeric input cell: the unit's range for values, ≥ 0 for numerators and
/// denominators. Warning style, so that 无 / — can still be confirmed for "no data".
fn number_validation(field: Field, ind: &Indicator) -> Result<DataValidation, XlsxError> {
    let symbol = ind.unit.symbol_zh();
    let (what, lo, hi, unit_text) = match (field, &ind.rate) {
        (Field::Numerator, Some(r)) => (
            format!("分子：{}", r.numerator),
            0.0,
            f64::INFINITY,
            "人数或例数".to_string(),
        ),
        (Field::Denominator, Some(r)) => (
            format!("分母：{}", r.denominator),
            0.0,
            f64::INFINITY,
            "人数或例数".to_string(),
        ),
        _ => {
            let (lo, hi) = ind.unit.range();
            let group = match field {
                Field::Female => "（女）",
                Field::Male => "（男）",
                Field::Urban => "（城镇）",
                Field::Rural => "（农村）",
                _ => "",
            };
            (
                format!("{}{group}", ind.name),
                lo,
                hi,
                format!("单位：{symbol}"),
            )
        }
    };
    let (range, should_be) = if hi.is_finite() {
        let r = format!("{}–{}", fmt_num(lo), fmt_num(hi));
        let s = format!("{r} 之间的数字");
        (r, s)
    } else {
        (
            format!("≥ {}", fmt_num(lo)),
            format!("不小于 {} 的数字", fmt_num(lo)),
        )
    };
    let percent_hint = if ind.unit == MeasureUnit::Percent
        && !matches!(field, Field::Numerator | Field::Denominator)
    {
        "百分比填 95.2，不填 0.952。"
    } else {
        ""
    };
    let header = field.header().trim_start_matches("其中：");
    let title = clip(
        &if matches!(field, Field::Numerator | Field::Denominator) {
            format!("{header}（{unit_text}）")
        } else {
            format!("{header}（{symbol}）")
        },
        32,
    );
    let message = clip(
        &format!(
            "请填写{what}，{unit_text}，范围 {range}。只填数字，不带单位符号。{percent_hint}无数据请填“无”并在备注说明原因。"
        ),
        255,
    );
    let error = clip(
        &format!(
            "{what}应为{should_be}（{unit_text}，不带单位符号）。\n如确无数据，可填“无”或“—”并在备注说明；点“是”保留当前输入，点“否”重新填写。"
        ),
        255,
    );
    let rule = if hi.is_finite() {
        DataValidation::new().allow_decimal_number(DataValidationRule::Between(lo, hi))
    } else {
        DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(lo))
    };
    Ok(rule
        .set_input_title(title)?
        .set_input_message(message)?
        .set_error_title("请核对数值")?
        .set_error_message(error)?
        .set_error_style(DataValidationErrorStyle::Warning)
        .ignore_blank(true))
}

// ---------------------------------------------------------------------------------------------------------
// 定性目标

fn qualitative_sheet(
    ws: &mut Worksheet,
    cat: &Catalog,
    spec: &TemplateSpec,
    work: &UnitWork,
    st: &Styles,
) -> Result<(), XlsxError> {
    let p = &cat.plan;
    let last_col = (QualField::ALL.len() - 1) as ColNum;
    ws.set_name(layout::SHEET_QUALITATIVE)?;

    let widths: Vec<f64> = QualField::ALL
        .iter()
        .map(|f| match f {
            QualField::Code => 8.0,
            QualField::Domain => fit_width(
                work.qualitative
                    .iter()
                    .map(|(d, _, _)| d.name.as_str())
                    .chain([f.header()]),
                8,
                12,
            ),
            QualField::Text => 40.0,
            QualField::Role => 8.0,
            QualField::Assessment => 12.0,
            QualField::Measures => 36.0,
            QualField::Problems => 26.0,
            QualField::Evidence => 22.0,
        })
        .collect();
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as ColNum, *w)?;
    }

    let note = if work.qualitative.is_empty() {
        "　　（本单位没有牵头或配合的定性目标，本表无需填写）"
    } else {
        ""
    };
    title_rows(
        ws,
        last_col,
        &format!("{}　{}年度定性目标自评表", p.name, spec.year),
        spec,
        note,
        st,
    )?;
    for f in QualField::ALL {
        ws.write_string_with_format(HEADER_ROW, qcol(f), f.header(), &st.header)?;
    }
    ws.set_row_height(HEADER_ROW, 34)?;

    let assessment = DataValidation::new()
        .allow_list_strings(&SELF_ASSESSMENT_OPTIONS)?
        .set_input_title("自评结论")?
        .set_input_message(format!(
            "请从下拉列表选择：{}。",
            SELF_ASSESSMENT_OPTIONS.join("、")
        ))?
        .set_error_title("请从列表中选择")?
        .set_error_message(format!(
            "自评结论只能是：{}。请点“重试”后从下拉列表选择。",
            SELF_ASSESSMENT_OPTIONS.join("、")
        ))?
        .set_error_style(DataValidationErrorStyle::Stop);

    for (row, (d, o, role)) in (FIRST_DATA_ROW..).zip(&work.qualitative) {
        for f in QualField::ALL {
            let c = qcol(f);
            match f {
                QualField::Code => {
                    ws.write_string_with_format(row, c, &o.code, &st.locked_center)?
                }
                QualField::Domain => {
                    ws.write_string_with_format(row, c, &d.name, &st.locked_wrap)?
                }
                QualField::Text => ws.write_string_with_format(row, c, &o.text, &st.locked_wrap)?,
                QualField::Role => {
                    ws.write_string_with_format(row, c, role.label_zh(), &st.locked_center)?
                }
                QualField::Assessment => {
                    match spec.assessments.get(&o.code) {
                        Some(t) => ws.write_string_with_format(row, c, t, &st.input)?,
                        None => ws.write_blank(row, c, &st.input)?,
                    };
                    ws.add_data_validation(row, c, row, c, &assessment)?
                }
                QualField::Measures | QualField::Problems | QualField::Evidence => {
                    ws.write_blank(row, c, &st.input_wrap)?
                }
            };
        }
        let height = row_height(
            [
                (o.text.as_str(), widths[qcol(QualField::Text) as usize]),
                (d.name.as_str(), widths[qcol(QualField::Domain) as usize]),
            ],
            4,
        );
        ws.set_row_height(row, height)?;
    }

    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    print_setup(ws, spec, true);
    ws.set_repeat_rows(1, HEADER_ROW)?;
    ws.protect_with_options(&protection());
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// Metadata

fn meta_sheet(
    ws: &mut Worksheet,
    cat: &Catalog,
    spec: &TemplateSpec,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(layout::SHEET_META)?;
    ws.write_string_with_format(0, 0, layout::META_MARKER, &st.base)?;
    let generated_at = spec.generated_at.clone().unwrap_or_else(|| {
        chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    });
    let text_rows = [
        (meta_key::PLAN_ID, cat.plan.id.as_str()),
        (meta_key::UNIT, spec.unit.as_str()),
        (meta_key::ORG, spec.org.as_str()),
    ];
    let mut row: RowNum = 1;
    for (k, v) in text_rows {
        ws.write_string_with_format(row, 0, k, &st.base)?;
        ws.write_string_with_format(row, 1, v, &st.base)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, meta_key::YEAR, &st.base)?;
    ws.write_number_with_format(row, 1, spec.year, &st.base)?;
    row += 1;
    for (k, v) in [
        (meta_key::TEMPLATE_VERSION, layout::TEMPLATE_VERSION),
        (meta_key::GENERATED_AT, generated_at.as_str()),
        (meta_key::TOOL_VERSION, env!("CARGO_PKG_VERSION")),
    ] {
        ws.write_string_with_format(row, 0, k, &st.base)?;
        ws.write_string_with_format(row, 1, v, &st.base)?;
        row += 1;
    }
    ws.set_column_width(0, 20)?;
    ws.set_column_width(1, 40)?;
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_width_counts_cjk_as_two() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("孕产妇死亡率"), 12);
        assert_eq!(display_width("本年值\n（2023年）"), 10);
    }

    #[test]
    fn clip_respects_utf16_limits() {
        let s = "字".repeat(40);
        assert_eq!(clip(&s, 32).chars().count(), 32);
        assert_eq!(clip("short", 32), "short");
    }

    #[test]
    fn year_headers_read_back_as_their_field() {
        for f in Field::ALL {
            assert_eq!(Field::from_header(&data_header(f, 2020, 2023)), Some(f));
        }
    }

    #[test]
    fn every_unit_with_work_gets_a_buildable_workbook() {
        let cat = Catalog::builtin().unwrap();
        let units = units_with_work(&cat);
        assert!(units.iter().any(|u| u == "卫健体局"));
        assert!(!units.iter().any(|u| u == "统计局"));
        for u in &units {
            let bytes = build_template(&cat, &TemplateSpec::new(u, "古县", 2023)).unwrap();
            assert!(bytes.starts_with(b"PK"));
        }
    }
}
