//! Workbook craft shared by every writer (templates, feedback, exports, evaluation workbooks): the
//! Chinese font, display widths that count a CJK character as two cells, and the print footer.
//!
//! rust_xlsxwriter's autofit counts a CJK character as one narrow cell, so column widths are computed
//! here instead.

use rust_xlsxwriter::Format;
use unicode_width::UnicodeWidthStr;

/// The font of every cell: present on every Chinese Windows and in WPS.
pub const FONT: &str = "宋体";
/// GB2312 character set, so Excel picks the Chinese face of the font.
pub const FONT_CHARSET: u8 = 134;
pub const FONT_SIZE: f64 = 11.0;
/// Page numbers centred in the footer, Chinese style.
pub const FOOTER_PAGES: &str = "&C第 &P 页，共 &N 页";

/// Display width of text in character cells: a CJK character counts two, as in Excel's column widths.
/// For multi-line text, the widest line.
pub fn display_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// A new workbook as every writer starts it. Deflate level 1 instead of the default 6: the workbooks are
/// small, compressing them dominated writing time in the benchmark (docs/PERFORMANCE.md), and level 1
/// makes them only slightly larger.
pub fn new_workbook() -> rust_xlsxwriter::Workbook {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.set_zip_compression_level(1);
    wb
}

/// A computed number as it should be stored in a cell: differences of decimals (16.8 − 7.0) carry binary
/// noise (9.799999999999999) that a reviewer would see in the formula bar; 12 significant digits is far
/// beyond any indicator's precision.
pub fn clean_number(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    let magnitude = v.abs().log10().floor() as i32;
    let scale = 10f64.powi(11 - magnitude);
    if !scale.is_finite() || scale == 0.0 {
        return v;
    }
    (v * scale).round() / scale
}

/// The base format every writer starts from.
pub fn base_format() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_charset(FONT_CHARSET)
        .set_font_size(FONT_SIZE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_numbers_lose_their_binary_noise() {
        assert_eq!(clean_number(16.8 - 7.0), 9.8);
        assert_eq!(clean_number(0.1 + 0.2), 0.3);
        assert_eq!(clean_number(78.4), 78.4);
        assert_eq!(clean_number(123456.0), 123456.0);
        assert_eq!(clean_number(0.0), 0.0);
    }

    #[test]
    fn cjk_counts_double_and_lines_take_the_widest() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("孕产妇死亡率"), 12);
        assert_eq!(display_width("基期值\n（2020年）"), 10);
    }
}
