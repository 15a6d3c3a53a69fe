//! Sheet craft shared by the evaluation workbook and the unit feedback workbooks: the status colours,
//! the formats, column widths and row heights computed for CJK text, status cells coloured by
//! conditional formats (so that a reviewer's edit recolours the cell), and the A4 landscape page.
//!
//! Every text goes through `Grid::text` or `Grid::wrapped`, which write with `write_string`: a
//! department's text that starts with `=`, `+`, `-` or `@` stays text and never becomes a formula; and
//! text longer than a cell holds is cut with a marker and a note (`limits::write_text`; the whole text
//! stays in the store).

use super::messages::{status_label, Lang, Msg};
use crate::limits::{header_text, write_text, TextHome};
use crate::score::{Stage, Status};
use crate::style::{base_format, display_width, FONT, FOOTER_PAGES};
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, Format, FormatAlign, FormatBorder,
    Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// (fill, text, chart) colours of a status: green for success, amber and orange for "behind", red for
/// a shortfall, grey for no data.
pub fn status_colors(s: Status) -> (u32, u32, u32) {
    match s {
        Status::Met | Status::Achieved => (0xC6EFCE, 0x006100, 0x2E8B3E),
        Status::OnTrack | Status::BasicallyAchieved => (0xE2EFDA, 0x375623, 0x9BCB7C),
        Status::NeedsAcceleration => (0xFFEB9C, 0x7F6000, 0xFFC000),
        Status::SlowProgress => (0xFCD5B4, 0x974706, 0xED7D31),
        Status::Regressing | Status::NotAchieved => (0xFFC7CE, 0x9C0006, 0xC00000),
        Status::NoData => (0xEDEDED, 0x404040, 0xA6A6A6),
        Status::NotScored => (0xF7F7F7, 0x7F7F7F, 0xD9D9D9),
    }
}

pub const HEADER_FILL: u32 = 0xD9E1F2;
pub const INPUT_FILL: u32 = 0xFFF2CC;
pub const GREEN: (u32, u32) = (0xC6EFCE, 0x006100);
pub const AMBER: (u32, u32) = (0xFFEB9C, 0x7F6000);
pub const RED: (u32, u32) = (0xFFC7CE, 0x9C0006);

/// The page header's share of Excel's 255 units for the title (the rest is the font code).
const HEADER_TITLE_MAX: usize = 200;

/// Points per line of 11-point text, with the cell's padding.
const LINE_HEIGHT: f64 = 16.0;

/// The formats every sheet uses.
pub struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub text: Format,
    pub wrap: Format,
    pub center: Format,
    /// Centred and wrapped: statuses in narrow columns.
    pub center_wrap: Format,
    pub input: Format,
    /// An input cell whose content could not be used (a review conclusion outside the options).
    pub rejected: Format,
    pub bold: Format,
    pub percent: Format,
    pub plain: Format,
}

impl Styles {
    pub fn new() -> Styles {
        let cell = base_format()
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF));
        Styles {
            title: base_format().set_bold().set_font_size(16),
            subtitle: base_format().set_font_color(Color::RGB(0x595959)),
            header: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            wrap: cell.clone().set_text_wrap().set_align(FormatAlign::Top),
            center: cell.clone().set_align(FormatAlign::Center),
            center_wrap: cell.clone().set_align(FormatAlign::Center).set_text_wrap(),
            input: cell
                .clone()
                .set_background_color(Color::RGB(INPUT_FILL))
                .set_text_wrap()
                .set_unlocked(),
            rejected: cell
                .clone()
                .set_background_color(Color::RGB(0xFFC7CE))
                .set_font_color(Color::RGB(0x9C0006))
                .set_bold()
                .set_unlocked(),
            bold: cell.clone().set_bold(),
            percent: cell
                .clone()
                .set_num_format("0.0%")
                .set_align(FormatAlign::Center),
            text: cell,
            plain: base_format(),
        }
    }

    /// A number format with the indicator's decimals (thousands separators for counts of people).
    pub fn number(&self, decimals: u8, thousands: bool) -> Format {
        let int = if thousands { "#,##0" } else { "0" };
        let fmt = match decimals {
            0 => int.to_string(),
            d => format!("{int}.{}", "0".repeat(usize::from(d))),
        };
        self.text
            .clone()
            .set_num_format(fmt)
            .set_align(FormatAlign::Right)
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// Writes cells while keeping track of the widest text of every column, so that widths are computed
/// for CJK text (a Chinese character counts two cells; rust_xlsxwriter's autofit counts one).
pub struct Grid<'w> {
    pub ws: &'w mut Worksheet,
    /// The language of the marker and note on text cut to fit a cell.
    lang: Lang,
    widths: BTreeMap<u16, usize>,
    /// Wrapped cells per row: (column, text), for row heights.
    wrapped: BTreeMap<u32, Vec<(u16, String)>>,
}

impl<'w> Grid<'w> {
    /// A grid of a Chinese sheet.
    pub fn new(ws: &'w mut Worksheet) -> Grid<'w> {
        Grid::with_lang(ws, Lang::Zh)
    }

    /// A grid of a sheet in `lang`.
    pub fn with_lang(ws: &'w mut Worksheet, lang: Lang) -> Grid<'w> {
        Grid {
            ws,
            lang,
            widths: BTreeMap::new(),
            wrapped: BTreeMap::new(),
        }
    }

    /// Text, always as text (never a formula), cut to fit the cell.
    pub fn text(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<(), XlsxError> {
        write_text(self.ws, row, col, s, f, self.lang, TextHome::Store)?;
        self.see(col, s);
        Ok(())
    }

    /// Text that spans columns (titles): cut to fit, not counted for any column's width.
    pub fn title(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<(), XlsxError> {
        write_text(self.ws, row, col, s, f, self.lang, TextHome::Store)?;
        Ok(())
    }

    /// A header row: each message in the grid's language, from column 0 on.
    pub fn headers(&mut self, row: u32, columns: &[Msg], f: &Format) -> Result<(), XlsxError> {
        for (i, m) in columns.iter().enumerate() {
            self.text(row, i as u16, m.text(self.lang), f)?;
        }
        Ok(())
    }

    /// Text in a cell that wraps: counted for the row height rather than the column width.
    pub fn wrapped(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<(), XlsxError> {
        write_text(self.ws, row, col, s, f, self.lang, TextHome::Store)?;
        self.wrapped
            .entry(row)
            .or_default()
            .push((col, s.to_string()));
        Ok(())
    }

    pub fn number(
        &mut self,
        row: u32,
        col: u16,
        v: f64,
        shown: &str,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.ws
            .write_number_with_format(row, col, crate::style::clean_number(v), f)?;
        self.see(col, shown);
        Ok(())
    }

    pub fn blank(&mut self, row: u32, col: u16, f: &Format) -> Result<(), XlsxError> {
        self.ws.write_blank(row, col, f)?;
        Ok(())
    }

    /// Counts a text towards its column's width without writing it (titles that span columns are
    /// not counted).
    pub fn see(&mut self, col: u16, s: &str) {
        let w = self.widths.entry(col).or_default();
        *w = (*w).max(display_width(s));
    }

    /// Sets every seen column to its widest text (plus padding), within `min..=max`; `fixed` columns
    /// (wrapped text) get their given width.
    pub fn finish(
        &mut self,
        min: usize,
        max: usize,
        fixed: &[(u16, f64)],
    ) -> Result<(), XlsxError> {
        let mut widths: BTreeMap<u16, f64> = self
            .widths
            .iter()
            .map(|(c, w)| (*c, ((*w).clamp(min, max) + 2) as f64))
            .collect();
        for (c, w) in fixed {
            widths.insert(*c, *w);
        }
        for (c, w) in &widths {
            self.ws.set_column_width(*c, *w)?;
        }
        for (row, cells) in &self.wrapped {
            let lines = cells
                .iter()
                .map(|(c, s)| {
                    let width = widths.get(c).copied().unwrap_or(8.43);
                    lines_needed(s, width)
                })
                .max()
                .unwrap_or(1);
            if lines > 1 {
                self.ws.set_row_height(*row, row_height(lines))?;
            }
        }
        Ok(())
    }
}

/// The tallest row Excel allows (points).
const ROW_HEIGHT_MAX: f64 = 409.0;

/// The height (points) of a row showing `lines` lines of wrapped text, at most Excel's limit (a
/// cell of several thousand characters shows its start; the rest is in the cell).
pub fn row_height(lines: usize) -> f64 {
    (LINE_HEIGHT * lines as f64 + 2.0).min(ROW_HEIGHT_MAX)
}

/// How many lines a text takes in a column of `width` character cells.
pub fn lines_needed(s: &str, width: f64) -> usize {
    // Spreadsheet programs break lines at punctuation and word boundaries, not at the last cell that
    // fits: count a tenth of the width as lost to ragged line ends.
    let usable = ((width - 1.0) * 0.9).max(1.0);
    s.lines()
        .map(|l| ((display_width(l) as f64) / usable).ceil().max(1.0) as usize)
        .sum::<usize>()
        .max(1)
}

/// Widths of the columns that hold names, which wrap rather than widen the page: (domain, status,
/// responsible unit), in character cells. English names are longer than Chinese ones.
pub fn name_widths(lang: Lang) -> (f64, f64, f64) {
    match lang {
        Lang::Zh => (14.0, 10.0, 14.0),
        Lang::En => (22.0, 15.0, 24.0),
    }
}

/// A4 landscape, one page wide, the title in the page header, page numbers in the footer, and the
/// header rows repeated on every page.
pub fn page(
    ws: &mut Worksheet,
    title: &str,
    repeat: Option<(u32, u32)>,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_print_fit_to_pages(1, 0);
    page_frame(ws, title, repeat, lang)
}

/// For a matrix wider than any page (areas × every indicator): A4 landscape at 80%, as many pages
/// across as the columns need, the first `fixed_columns` and the header rows repeated on every page,
/// so that each printed page still says which area and which indicator a cell is. Fitting it to one
/// page wide would print sixty columns too small to read.
pub fn wide_page(
    ws: &mut Worksheet,
    title: &str,
    repeat: Option<(u32, u32)>,
    fixed_columns: u16,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_print_scale(80);
    if fixed_columns > 0 {
        ws.set_repeat_columns(0, fixed_columns - 1)?;
    }
    page_frame(ws, title, repeat, lang)
}

fn page_frame(
    ws: &mut Worksheet,
    title: &str,
    repeat: Option<(u32, u32)>,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    if let Some((first, last)) = repeat {
        ws.set_repeat_rows(first, last)?;
    }
    let style = lang.pick("常规", "Regular");
    ws.set_header(format!(
        "&L&\"{FONT},{style}\"&9{}",
        header_text(title, HEADER_TITLE_MAX)
    ));
    ws.set_footer(match lang {
        Lang::Zh => FOOTER_PAGES,
        Lang::En => Msg::FooterPages.en(),
    });
    Ok(())
}

/// Colours the status cells of a column by what they say: one conditional format per status of the
/// stage, in the language, so that a reviewer who types another status sees it recoloured.
pub fn status_formats(
    ws: &mut Worksheet,
    first_row: u32,
    last_row: u32,
    col: u16,
    stage: Stage,
    lang: Lang,
) -> Result<(), XlsxError> {
    if last_row < first_row {
        return Ok(());
    }
    for s in stage.statuses() {
        let (fill, font, _) = status_colors(*s);
        let cf = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(status_label(*s, lang)))
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(font)),
            );
        ws.add_conditional_format(first_row, col, last_row, col, &cf)?;
    }
    Ok(())
}

/// Traffic-light colours of attainment-rate cells (fractions): ≥ 0.8 green, 0.6–0.8 amber, < 0.6 red.
pub fn rate_formats(
    ws: &mut Worksheet,
    first_row: u32,
    last_row: u32,
    col: u16,
) -> Result<(), XlsxError> {
    let light = |(fill, font): (u32, u32)| {
        Format::new()
            .set_background_color(Color::RGB(fill))
            .set_font_color(Color::RGB(font))
            .set_bold()
    };
    let rules = [
        (ConditionalFormatCellRule::GreaterThanOrEqualTo(0.8), GREEN),
        (ConditionalFormatCellRule::Between(0.6, 0.799_999), AMBER),
        (ConditionalFormatCellRule::LessThan(0.6), RED),
    ];
    for (rule, colors) in rules {
        let cf = ConditionalFormatCell::new()
            .set_rule(rule)
            .set_format(light(colors));
        ws.add_conditional_format(first_row, col, last_row, col, &cf)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_text_needs_lines_by_display_width() {
        assert_eq!(lines_needed("短", 20.0), 1);
        // 30 CJK characters are 60 cells: four lines of 17 usable cells.
        assert_eq!(lines_needed(&"字".repeat(30), 20.0), 4);
        assert_eq!(lines_needed(&"字".repeat(26), 20.0), 4);
        assert_eq!(lines_needed("a\nb", 20.0), 2);
    }
}
