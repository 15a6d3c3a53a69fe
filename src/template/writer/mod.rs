//! The blank department workbook (填报模板) of one responsible unit for one reporting year.
//!
//! Four sheets, in this order: 填报说明 (how to fill, contact fields, colour legend), 指标填报 (one row per
//! reported indicator the unit leads or cooperates on), 定性目标 (self-assessment of qualitative objectives)
//! and the hidden metadata sheet. Everything a department must not change is locked and the sheets are
//! protected without a password; input cells are unlocked, coloured, and carry data validation that fits
//! the indicator's unit. The layout (sheet names, header row, columns, metadata keys) is `layout`'s contract.
//!
//! The workbook is built in memory; writing it to disk is the caller's job (`fsutil::write_atomic`).
//!
//! One file per sheet: `instructions`, `data`, `qualitative`, `meta`; this module holds the spec, the
//! styles and the helpers they share.

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

mod data;
mod instructions;
mod meta;
mod qualitative;
#[cfg(test)]
mod tests;

use data::data_sheet;
use instructions::instructions_sheet;
use meta::meta_sheet;
use qualitative::qualitative_sheet;
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

/// What every template's file name starts with.
const FILE_PREFIX: &str = "填报-";

/// `填报-{unit}-{year}.xlsx`, safe as a file name whatever the unit is called.
pub fn file_name(unit: &str, year: i32) -> String {
    format!("{FILE_PREFIX}{}-{year}.xlsx", safe_file_name(unit))
}

/// Whether `name` is a reporting template as [`file_name`] names it.
pub fn is_file_name(name: &str) -> bool {
    name.starts_with(FILE_PREFIX)
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
