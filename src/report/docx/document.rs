//! The report as a Word document laid out as GB/T 9704-2012 (党政机关公文格式) lays out official
//! documents: A4, the standard's margins (版心 156 mm × 225 mm: top 37 mm, bottom 35 mm, left 28 mm,
//! right 26 mm), 22 lines of 三号 (16 pt) 仿宋 a page, the title in 二号 (22 pt) 小标宋 (方正小标宋简体,
//! falling back to 宋体), first-level headings in 黑体, second-level in 楷体, page numbers in 四号 宋体
//! between one-character dashes (— 1 —) at the foot, odd pages on the right, even on the left.
//!
//! Every style sets its East Asian font (`w:eastAsia`) as well as the Latin ones: Word and WPS pick
//! the font of a Chinese character from that slot only. Headings are Word's heading styles
//! (`heading 1`, `heading 2`, with outline levels), so the navigation pane and a table of contents
//! work. Wide tables (the annex, data quality) sit in a landscape section of the same text block,
//! turned so that the table's head faces the binding.
//!
//! docx-rs builds the package; what it cannot write (the pictures' alt text, repeated table headers,
//! the font table's fallbacks, the document title) is added by `package`.

use super::charts;
use super::content::{Block, Part, Report, Span};
use super::tables;
use super::words::{
    clean, STYLE_BODY, STYLE_CAPTION, STYLE_FIGURE, STYLE_FOOTER, STYLE_H1, STYLE_H2, STYLE_NOTE,
    STYLE_SUBTITLE, STYLE_TABLE, STYLE_TABLE_HEADER, STYLE_TITLE,
};
use crate::report::messages::Lang;
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum,
    PageOrientationType, Paragraph, Pic, Run, RunFonts, Section, SpecialIndentType, Style,
    StyleType,
};
use rayon::prelude::*;

// ── page geometry (twips: 1/20 pt; 1 mm = 56.69 twips) ───────────────────────────────────────────

/// A4 in twips, portrait.
pub const A4_WIDTH: u32 = 11906;
pub const A4_HEIGHT: u32 = 16838;

fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

/// GB/T 9704-2012 (版心): 天头 37 mm, 订口 28 mm; the 156 × 225 mm text block leaves 26 mm right and 35
/// mm at the foot. The page number's top is 7 mm under the text block (about 23 mm above the edge for
/// a 四号 line).
fn portrait_margin() -> PageMargin {
    PageMargin::new()
        .top(mm(37.0))
        .bottom(mm(35.0))
        .left(mm(28.0))
        .right(mm(26.0))
        .header(mm(15.0))
        .footer(mm(23.0))
        .gutter(0)
}

/// The same text block turned a quarter: the binding edge (28 mm) at the top, where GB/T 9704 puts
/// the head of a landscape table on odd pages.
fn landscape_margin() -> PageMargin {
    PageMargin::new()
        .top(mm(28.0))
        .bottom(mm(26.0))
        .left(mm(35.0))
        .right(mm(37.0))
        .header(mm(12.0))
        .footer(mm(14.0))
        .gutter(0)
}

/// Text widths in twips.
pub fn text_width(landscape: bool) -> usize {
    if landscape {
        (A4_HEIGHT as i32 - mm(35.0) - mm(37.0)) as usize
    } else {
        (A4_WIDTH as i32 - mm(28.0) - mm(26.0)) as usize
    }
}

// ── styles ────────────────────────────────────────────────────────────────────────────────────────

/// 小标宋 is what GB/T 9704 asks for the title; Word falls back to 宋体 where it is not installed (the
/// font table names the fallback, see `package`).
pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_BODY: &str = "仿宋";
pub const FONT_H1: &str = "黑体";
pub const FONT_H2: &str = "楷体";
pub const FONT_SONG: &str = "宋体";
pub const FONT_LATIN: &str = "Times New Roman";

/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
const SIZE_TITLE: usize = 44;
const SIZE_BODY: usize = 32;
const SIZE_FOOTER: usize = 28;
const SIZE_NOTE: usize = 24;
pub const SIZE_TABLE: usize = 21;
/// 22 lines in the 225 mm text block.
const LINE_BODY: i32 = 579;
/// Two characters of 三号 text: the first-line indent of Chinese body text and headings.
const INDENT_2CHARS: i32 = 640;

fn fonts(east_asia: &str, latin: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(latin)
        .hi_ansi(latin)
        .cs(latin)
        .hint("eastAsia")
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
}

fn single() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(240)
        .before(0)
        .after(0)
}

fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next(STYLE_BODY)
}

fn styles(lang: Lang) -> Vec<Style> {
    let zh = lang == Lang::Zh;
    // English text in the Latin slots; Chinese in the same document (plan texts) keeps its fonts.
    let latin_of = |cjk: &'static str| if zh { cjk } else { FONT_LATIN };
    let first_line = || Some(SpecialIndentType::FirstLine(INDENT_2CHARS));
    vec![
        paragraph_style(STYLE_BODY, "Body Text")
            .fonts(fonts(FONT_BODY, FONT_LATIN))
            .size(SIZE_BODY)
            .align(AlignmentType::Both)
            .line_spacing(exact(LINE_BODY))
            .indent(Some(0), first_line(), None, None),
        paragraph_style(STYLE_TITLE, "Title")
            .fonts(fonts(FONT_TITLE, latin_of(FONT_TITLE)))
            .size(SIZE_TITLE)
            .align(AlignmentType::Center)
            .line_spacing(exact(mm(12.5)))
            .indent(Some(0), None, None, None),
        paragraph_style(STYLE_SUBTITLE, "Subtitle")
            .fonts(fonts(FONT_H2, latin_of(FONT_H2)))
            .size(SIZE_BODY)
            .align(AlignmentType::Center)
            .line_spacing(exact(LINE_BODY))
            .indent(Some(0), None, None, None),
        {
            let s = paragraph_style(STYLE_H1, "heading 1")
                .fonts(fonts(FONT_H1, latin_of(FONT_H1)))
                .size(SIZE_BODY)
                .line_spacing(exact(LINE_BODY))
                .indent(Some(0), first_line(), None, None)
                .outline_lvl(0);
            if zh {
                s
            } else {
                s.bold()
            }
        },
        {
            let s = paragraph_style(STYLE_H2, "heading 2")
                .fonts(fonts(FONT_H2, latin_of(FONT_H2)))
                .size(SIZE_BODY)
                .line_spacing(exact(LINE_BODY))
                .indent(Some(0), first_line(), None, None)
                .outline_lvl(1);
            if zh {
                s
            } else {
                s.bold().italic()
            }
        },
        paragraph_style(STYLE_NOTE, "Note")
            .fonts(fonts(FONT_H2, FONT_LATIN))
            .size(SIZE_NOTE)
            .align(AlignmentType::Both)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(276)
                    .before(60)
                    .after(60),
            )
            .indent(Some(0), first_line(), None, None),
        paragraph_style(STYLE_CAPTION, "caption")
            .fonts(fonts(FONT_H1, latin_of(FONT_H1)))
            .size(SIZE_NOTE)
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240)
                    .before(120)
                    .after(120),
            )
            .indent(Some(0), None, None, None),
        // A picture's line must not be exact, or Word and LibreOffice clip it to one line's height.
        paragraph_style(STYLE_FIGURE, "Figure")
            .align(AlignmentType::Center)
            .line_spacing(single().before(120))
            .indent(Some(0), None, None, None),
        paragraph_style(STYLE_TABLE, "Table Text")
            .fonts(fonts(FONT_SONG, FONT_LATIN))
            .size(SIZE_TABLE)
            .line_spacing(single())
            .indent(Some(0), None, None, None),
        paragraph_style(STYLE_TABLE_HEADER, "Table Heading")
            .fonts(fonts(FONT_H1, latin_of(FONT_H1)))
            .size(SIZE_TABLE)
            .align(AlignmentType::Center)
            .line_spacing(single())
            .indent(Some(0), None, None, None),
        paragraph_style(STYLE_FOOTER, "footer")
            .fonts(fonts(FONT_SONG, FONT_LATIN))
            .size(SIZE_FOOTER)
            .line_spacing(single())
            .indent(Some(0), None, None, None),
    ]
}

fn para(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(clean(text)))
}

fn spans(style: &str, spans: &[Span]) -> Paragraph {
    spans.iter().fold(Paragraph::new().style(style), |p, s| {
        let run = Run::new().add_text(clean(&s.text));
        p.add_run(if s.bold { run.bold() } else { run })
    })
}

/// `— 1 —`: the page number between one-character dashes; odd pages right, even pages left, one
/// character in from the edge of the text block (GB/T 9704, 页码).
fn page_footer(odd: bool) -> Footer {
    let one_char = 280;
    let p = Paragraph::new()
        .style(STYLE_FOOTER)
        .add_run(Run::new().add_text("— "))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" —"));
    let p = if odd {
        p.align(AlignmentType::Right)
            .indent(Some(0), None, Some(one_char), None)
    } else {
        p.align(AlignmentType::Left)
            .indent(Some(one_char), None, None, None)
    };
    Footer::new().add_paragraph(p)
}

/// Everything a part renders to, in order; `pngs` are its figures, rendered.
fn render_part(
    part: &Part,
    pngs: &mut impl Iterator<Item = charts::Png>,
    pictures: &mut Vec<(String, String)>,
    out: &mut Vec<Item>,
) -> Result<(), String> {
    out.push(Item::Paragraph(Box::new(
        para(STYLE_H1, &part.heading).keep_next(true),
    )));
    let width = text_width(part.landscape);
    for b in &part.blocks {
        match b {
            Block::Text(s) => out.push(Item::Paragraph(Box::new(spans(STYLE_BODY, s)))),
            Block::Heading(h) => {
                out.push(Item::Paragraph(Box::new(para(STYLE_H2, h).keep_next(true))))
            }
            Block::Placeholder(text) => out.push(Item::Paragraph(Box::new(
                Paragraph::new()
                    .style(STYLE_BODY)
                    .add_run(Run::new().add_text(clean(text)).highlight("yellow")),
            ))),
            Block::Note(text) => out.push(Item::Paragraph(Box::new(para(STYLE_NOTE, text)))),
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    out.push(Item::Paragraph(Box::new(
                        para(STYLE_CAPTION, c).keep_next(true),
                    )));
                }
                out.push(Item::Table(Box::new(tables::to_docx(t, width, SIZE_TABLE))));
                if let Some(n) = &t.note {
                    out.push(Item::Paragraph(Box::new(para(STYLE_NOTE, n))));
                }
            }
            Block::Figure { caption, alt, .. } => {
                let png = pngs
                    .next()
                    .ok_or_else(|| "a figure was not rendered".to_string())?;
                let k = pictures.len() + 1;
                let pic = Pic::new_with_dimensions(png.bytes, png.width_px, png.height_px)
                    .size(emu(png.width_mm), emu(png.height_mm))
                    .id(format!("rIdImage{k}"));
                out.push(Item::Paragraph(Box::new(
                    Paragraph::new()
                        .style(STYLE_FIGURE)
                        .keep_next(true)
                        .add_run(Run::new().add_image(pic)),
                )));
                out.push(Item::Paragraph(Box::new(para(STYLE_CAPTION, caption))));
                pictures.push((caption.clone(), alt.clone()));
            }
        }
    }
    Ok(())
}

/// 1 mm = 36,000 EMU.
fn emu(mm: f64) -> u32 {
    (mm * 36_000.0).round() as u32
}

enum Item {
    Paragraph(Box<Paragraph>),
    Table(Box<docx_rs::Table>),
}

/// A built document and what `package` needs to finish it.
pub struct Built {
    pub docx: Docx,
    /// Per picture in document order: its caption and alt text.
    pub pictures: Vec<(String, String)>,
}

/// Lays the report out.
pub fn build(r: &Report) -> Result<Built, String> {
    let lang = r.lang;
    let mut docx = Docx::new()
        .default_fonts(fonts(FONT_BODY, FONT_LATIN))
        .default_size(SIZE_BODY);
    for s in styles(lang) {
        docx = docx.add_style(s);
    }

    // The title block.
    let mut portrait: Vec<Item> = vec![
        Item::Paragraph(Box::new(
            para(STYLE_SUBTITLE, "").line_spacing(exact(LINE_BODY)),
        )),
        Item::Paragraph(Box::new(para(STYLE_TITLE, &r.title))),
        Item::Paragraph(Box::new(para(STYLE_SUBTITLE, &r.subtitle))),
        Item::Paragraph(Box::new(para(STYLE_SUBTITLE, ""))),
        Item::Paragraph(Box::new(para(STYLE_SUBTITLE, &r.issuer))),
        Item::Paragraph(Box::new(para(STYLE_SUBTITLE, &r.date))),
        Item::Paragraph(Box::new(para(STYLE_SUBTITLE, ""))),
        Item::Paragraph(Box::new(
            Paragraph::new()
                .style(STYLE_NOTE)
                .add_run(Run::new().add_text(clean(&r.note)).highlight("yellow")),
        )),
    ];
    // The charts are the bulk of the work: rendered side by side, laid out in order.
    let figures: Vec<&charts::Figure> = r
        .parts
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Block::Figure { figure, .. } => Some(figure),
            _ => None,
        })
        .collect();
    let pngs: Vec<charts::Png> = figures
        .par_iter()
        .map(|f| charts::render(f))
        .collect::<Result<_, _>>()?;
    let mut pngs = pngs.into_iter();
    let mut landscape: Vec<Item> = Vec::new();
    let mut pictures = Vec::new();
    for part in &r.parts {
        let target = if part.landscape {
            &mut landscape
        } else {
            &mut portrait
        };
        render_part(part, &mut pngs, &mut pictures, target)?;
    }

    let add = |section: Section, items: Vec<Item>| {
        items.into_iter().fold(section, |s, it| match it {
            Item::Paragraph(p) => s.add_paragraph(*p),
            Item::Table(t) => s.add_table(*t),
        })
    };
    if landscape.is_empty() {
        for it in portrait {
            docx = match it {
                Item::Paragraph(p) => docx.add_paragraph(*p),
                Item::Table(t) => docx.add_table(*t),
            };
        }
        docx = docx
            .page_size(A4_WIDTH, A4_HEIGHT)
            .page_margin(portrait_margin());
    } else {
        let first = add(
            Section::new()
                .page_size(docx_rs::PageSize::new().size(A4_WIDTH, A4_HEIGHT))
                .page_margin(portrait_margin()),
            portrait,
        );
        docx = docx.add_section(first);
        for it in landscape {
            docx = match it {
                Item::Paragraph(p) => docx.add_paragraph(*p),
                Item::Table(t) => docx.add_table(*t),
            };
        }
        docx = docx
            .page_size(A4_HEIGHT, A4_WIDTH)
            .page_orient(PageOrientationType::Landscape)
            .page_margin(landscape_margin());
    }
    // The last section's footers; `package` makes the earlier sections use them too.
    docx = docx
        .footer(page_footer(true))
        .even_footer(page_footer(false));
    Ok(Built { docx, pictures })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_block_is_the_standard_s() {
        // 156 mm and 225 mm, to the twip's rounding.
        assert!((text_width(false) as i32 - mm(156.0)).abs() <= 2);
        assert!((text_width(true) as i32 - mm(225.0)).abs() <= 2);
        assert_eq!(mm(37.0), 2098);
        assert_eq!(mm(28.0), 1587);
    }

    #[test]
    fn clean_drops_what_xml_cannot_carry() {
        assert_eq!(clean("a\u{1}b\u{b}c\td"), "abc\td");
        assert_eq!(clean("孕产妇\u{FFFF}"), "孕产妇");
    }
}
