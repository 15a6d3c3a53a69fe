//! Tables of the Word report: as plain data (a caption, columns, rows), and as docx-rs tables with a
//! real column grid.
//!
//! Word lays a table out from its cells' widths, WPS and LibreOffice from the `w:tblGrid` — a table
//! with only one of them is squeezed, stretched or run off the page in the other programs. So every
//! table gets both, in twips, and a fixed layout whose total is the text width. Column widths follow
//! their content (CJK characters count double), within a cap per column, scaled to fill the width.
//!
//! Header rows repeat on every page of a long table (`w:tblHeader`); docx-rs has no setter for it, so
//! header rows are the only rows written with `w:cantSplit`, and `package` adds `w:tblHeader` beside it.

use super::words::{clean, STYLE_TABLE, STYLE_TABLE_HEADER};
use docx_rs::{
    BreakType, Paragraph, Run, Shading, ShdType, Table as DocxTable, TableAlignmentType, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub align: Align,
    /// The widest content (in display columns, a CJK character counting two) the column grows to;
    /// longer text wraps.
    pub cap: usize,
}

impl Column {
    pub fn new(header: impl Into<String>, align: Align, cap: usize) -> Column {
        Column {
            header: header.into(),
            align,
            cap,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    /// Background, RGB.
    pub fill: Option<u32>,
    pub bold: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    pub fn filled(text: impl Into<String>, fill: u32) -> Cell {
        Cell {
            text: text.into(),
            fill: Some(fill),
            bold: false,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Row {
    Cells(Vec<Cell>),
    /// A heading row across all columns (e.g. a domain in the annex table).
    Group(String),
    /// The total row, bold.
    Total(Vec<Cell>),
}

#[derive(Debug, Clone)]
pub struct Table {
    /// `表1　…`, above the table.
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Small print under the table.
    pub note: Option<String>,
}

const HEADER_FILL: &str = "D9E1F2";
const GROUP_FILL: &str = "F2F2F2";
/// Cell padding left and right, 1.3 mm (Word's default is 1.9 mm): wide tables keep their numbers on
/// one line.
const CELL_MARGIN: usize = 72;
const CELL_PADDING: usize = 2 * CELL_MARGIN + 16;

/// Column widths in twips summing to `total`.
///
/// Each column has a natural width: its widest cell, and its header on one line when short
/// (`2023年`) or on two when long, within the column's cap — but never narrower than its longest
/// word, so that English text wraps between words, not inside them. Numbers and statuses (columns
/// not aligned left) keep their natural width, so that they do not wrap; text columns share the rest
/// in proportion to their natural widths, none below its longest word. When that does not fit, the
/// headers of the number columns wrap; a table whose words and numbers alone are wider than the page
/// scales as a whole.
///
/// Also says whether the table fits comfortably (every text column's longest word and every other
/// column's natural width), so that a crowded table can be set smaller.
pub fn widths(t: &Table, total: usize, font_half_points: usize) -> (Vec<usize>, bool) {
    // A display column (half a CJK character) of text at this size, in twips, with a little slack
    // for the spacing LibreOffice and WPS add.
    let per_col = font_half_points * 5 + 10;
    let twips = |cols: usize| cols * per_col + CELL_PADDING;
    let mut natural = Vec::new();
    // What a column cannot go below: its longest word (text) or its widest number (the rest).
    let mut least = Vec::new();
    for (i, c) in t.columns.iter().enumerate() {
        let cells: Vec<&Cell> = t
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Cells(cells) | Row::Total(cells) => cells.get(i),
                Row::Group(_) => None,
            })
            .collect();
        let widest = cells.iter().map(|c| c.text.width()).max().unwrap_or(0);
        // Bold header text runs wider than the body's: one column of slack.
        let header = match header_lines(&c.header) {
            (first, Some(second)) => first.width().max(second.width()) + 1,
            _ if c.header.width() <= 8 => c.header.width() + 1,
            _ => c.header.width().div_ceil(2) + 1,
        };
        let word = cells
            .iter()
            .map(|c| longest_word(&c.text))
            .chain([longest_word(&c.header) + 1])
            .max()
            .unwrap_or(0)
            .max(4);
        natural.push(twips(widest.max(header).min(c.cap).max(word)));
        least.push(if c.align == Align::Left {
            twips(word)
        } else {
            twips(widest.max(3))
        });
    }
    let flexible: Vec<bool> = t.columns.iter().map(|c| c.align == Align::Left).collect();
    let sum_of = |v: &[usize], flex: bool| -> usize {
        (0..v.len())
            .filter(|i| flexible[*i] == flex)
            .map(|i| v[i])
            .sum()
    };
    let fixed = sum_of(&natural, false);
    let least_flex = sum_of(&least, true);
    let least_fixed = sum_of(&least, false);
    let mut out = natural.clone();
    let comfortable = fixed + least_flex <= total;
    if least_flex + least_fixed > total || !flexible.iter().any(|f| *f) {
        // Nothing fits as it should: everything scales.
        let sum: usize = natural.iter().sum::<usize>().max(1);
        out = natural.iter().map(|w| w * total / sum).collect();
    } else if fixed + least_flex > total {
        // The text columns get their longest words; the others give way down to their numbers
        // (headers wrap), sharing what is left in proportion to what they wanted.
        let others: Vec<usize> = (0..natural.len()).filter(|i| !flexible[*i]).collect();
        for i in (0..natural.len()).filter(|i| flexible[*i]) {
            out[i] = least[i];
        }
        share(&mut out, &natural, &least, &others, total - least_flex);
    } else {
        let text: Vec<usize> = (0..natural.len()).filter(|i| flexible[*i]).collect();
        share(&mut out, &natural, &least, &text, total - fixed);
    }
    // Rounding leftovers go to the first column, so the grid adds up to the text width exactly.
    let used: usize = out.iter().sum();
    if let Some(first) = out.first_mut() {
        *first += total.saturating_sub(used);
    }
    (out, comfortable)
}

/// A long header breaks before its bracket (`基期值` / `（2020年）`), not inside the year.
fn header_lines(text: &str) -> (&str, Option<&str>) {
    match text.find('（') {
        Some(i) if i > 0 && text.width() > 8 => (&text[..i], Some(&text[i..])),
        _ => (text, None),
    }
}

/// The widest unbreakable run of a text, in display columns: Latin words and numbers break at spaces,
/// Chinese text between any two characters.
fn longest_word(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if c.is_whitespace() || w > 1 {
            longest = longest.max(run).max(if c.is_whitespace() { 0 } else { w });
            run = 0;
        } else {
            run += w;
        }
    }
    longest.max(run)
}

/// Shares `room` among the `members` columns in proportion to `weight`, none below its `floor`: a
/// column that would fall below gets its floor and the others share what is left.
fn share(out: &mut [usize], weight: &[usize], floor: &[usize], members: &[usize], room: usize) {
    let mut open = members.to_vec();
    let mut room = room;
    loop {
        let total: usize = open.iter().map(|i| weight[*i]).sum::<usize>().max(1);
        let short: Vec<usize> = open
            .iter()
            .copied()
            .filter(|i| weight[*i] * room / total < floor[*i])
            .collect();
        if short.is_empty() {
            for i in &open {
                out[*i] = weight[*i] * room / total;
            }
            return;
        }
        for i in short {
            out[i] = floor[i];
            room = room.saturating_sub(floor[i]);
            open.retain(|j| *j != i);
        }
    }
}

fn alignment(a: Align) -> docx_rs::AlignmentType {
    match a {
        Align::Left => docx_rs::AlignmentType::Left,
        Align::Center => docx_rs::AlignmentType::Center,
        Align::Right => docx_rs::AlignmentType::Right,
    }
}

fn cell(
    text: &str,
    width: usize,
    style: &str,
    size: Option<usize>,
    align: Align,
    fill: Option<&str>,
    bold: bool,
) -> TableCell {
    let text = clean(text);
    let (first, second) = if style == STYLE_TABLE_HEADER {
        header_lines(&text)
    } else {
        (text.as_str(), None)
    };
    let mut run = Run::new().add_text(first);
    if let Some(rest) = second {
        run = run.add_break(BreakType::TextWrapping).add_text(rest);
    }
    if bold {
        run = run.bold();
    }
    if let Some(size) = size {
        run = run.size(size);
    }
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
        .add_paragraph(
            Paragraph::new()
                .style(style)
                .align(alignment(align))
                .add_run(run),
        );
    if let Some(fill) = fill {
        c = c.shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .color("auto")
                .fill(fill),
        );
    }
    c
}

/// A crowded table's size, in half-points (小五, 9 pt).
const CROWDED_SIZE: usize = 18;

/// The table as docx-rs builds it, `total` twips wide.
pub fn to_docx(t: &Table, total: usize, font_half_points: usize) -> DocxTable {
    let (widths, size) = match widths(t, total, font_half_points) {
        (w, true) => (w, None),
        _ if font_half_points > CROWDED_SIZE => {
            (widths(t, total, CROWDED_SIZE).0, Some(CROWDED_SIZE))
        }
        (w, false) => (w, None),
    };
    let header = TableRow::new(
        t.columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                cell(
                    &c.header,
                    *w,
                    STYLE_TABLE_HEADER,
                    size,
                    Align::Center,
                    Some(HEADER_FILL),
                    false,
                )
            })
            .collect(),
    )
    // The marker `package` turns into a repeated header row.
    .cant_split();
    let mut rows = vec![header];
    for r in &t.rows {
        rows.push(match r {
            Row::Group(text) => TableRow::new(vec![cell(
                text,
                total,
                STYLE_TABLE,
                size,
                Align::Left,
                Some(GROUP_FILL),
                true,
            )
            .grid_span(t.columns.len())]),
            Row::Cells(cells) | Row::Total(cells) => {
                let total_row = matches!(r, Row::Total(_));
                TableRow::new(
                    t.columns
                        .iter()
                        .zip(&widths)
                        .enumerate()
                        .map(|(i, (c, w))| {
                            let data = cells.get(i).cloned().unwrap_or_default();
                            let fill = data.fill.map(|f| format!("{f:06X}"));
                            cell(
                                &data.text,
                                *w,
                                STYLE_TABLE,
                                size,
                                c.align,
                                fill.as_deref(),
                                data.bold || total_row,
                            )
                        })
                        .collect(),
                )
            }
        });
    }
    DocxTable::new(rows)
        .margins(
            TableCellMargins::new()
                .margin_left(CELL_MARGIN, WidthType::Dxa)
                .margin_right(CELL_MARGIN, WidthType::Dxa),
        )
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            caption: None,
            columns: vec![
                Column::new("领域", Align::Left, 16),
                Column::new("达标率", Align::Right, 8),
                Column::new("可监测指标", Align::Right, 6),
            ],
            rows: vec![
                Row::Cells(vec![
                    Cell::text("妇女与健康"),
                    Cell::text("45.5%"),
                    Cell::text("15"),
                ]),
                Row::Group("妇女参与决策和管理".into()),
                Row::Total(vec![
                    Cell::text("合计"),
                    Cell::text("50.0%"),
                    Cell::text("54"),
                ]),
            ],
            note: None,
        }
    }

    #[test]
    fn widths_fill_the_text_width_and_follow_the_content() {
        let (w, comfortable) = widths(&table(), 8844, 21);
        assert!(comfortable);
        assert_eq!(w.iter().sum::<usize>(), 8844);
        assert!(w[0] > w[2], "{w:?}");
        assert!(w.iter().all(|x| *x > 300), "{w:?}");
    }

    #[test]
    fn words_are_latin_runs_and_single_chinese_characters() {
        assert_eq!(longest_word("Maternal and Child Health"), 8);
        assert_eq!(longest_word("妇女体质测定标准合格率（%）"), 2);
        assert_eq!(longest_word("95.8（2022年）"), 4);
        assert_eq!(longest_word(""), 0);
    }

    #[test]
    fn english_words_are_not_broken_and_numbers_keep_their_width() {
        let t = Table {
            caption: None,
            columns: vec![
                Column::new("Indicator", Align::Left, 40),
                Column::new("Lead unit", Align::Left, 24),
                Column::new("2023", Align::Right, 8),
            ],
            rows: vec![Row::Cells(vec![
                Cell::text("Breast cancer screening rate of eligible women (%)"),
                Cell::text("Maternal and Child Health and Family Planning Service Centre"),
                Cell::text("15360"),
            ])],
            note: None,
        };
        let (w, _) = widths(&t, 4000, 21);
        assert_eq!(w.iter().sum::<usize>(), 4000);
        // "Maternal" and "Planning" (8 columns) fit on a line; 15360 keeps its 5 columns plus padding.
        assert!(w[1] >= 8 * (21 * 5 + 10) + CELL_PADDING, "{w:?}");
        assert!(w[2] >= 5 * (21 * 5 + 10) + CELL_PADDING, "{w:?}");
    }

    #[test]
    fn the_docx_table_has_a_grid_and_cell_widths() {
        let t = to_docx(&table(), 8844, 21);
        let xml = String::from_utf8(docx_rs::BuildXML::build(&t)).unwrap();
        assert!(xml.contains("<w:tblGrid>"), "{xml}");
        assert_eq!(xml.matches("<w:gridCol ").count(), 3, "{xml}");
        assert!(xml.contains(r#"<w:tcW w:w=""#), "{xml}");
        assert!(xml.contains(r#"w:type="dxa""#), "{xml}");
        assert!(xml.contains(r#"<w:tblLayout w:type="fixed""#), "{xml}");
        assert!(xml.contains(r#"<w:gridSpan w:val="3""#), "{xml}");
        assert_eq!(
            xml.matches("<w:cantSplit").count(),
            1,
            "only the header row: {xml}"
        );
    }
}
