//! The report's charts: per domain, one small panel per indicator with its actual values, the straight
//! path from the baseline to the target (or the target line, or the baseline level for targets without
//! a number), and the projection to the final year — drawn with plotters into a bitmap and encoded as
//! PNG.
//!
//! The labels are drawn with the font compiled into the binary (assets/fonts, a subset of Noto Sans CJK
//! SC made by scripts/make-chart-font.py), not with system fonts, so a chart shows its Chinese labels
//! the same on a server without any Chinese font. A label with a character the subset lacks falls back
//! to the indicator code rather than printing boxes.
//!
//! Sizes are in millimetres at print size (the figure fills the 156 mm text width of a GB/T 9704 page)
//! and rendered at `PX_PER_MM`, so text is 7–8 pt on paper whatever the viewer's zoom.

use super::super::facts::Facts;
use super::super::messages::{fill, indicator_name, status_label, Lang, Msg};
use super::super::sheet::status_colors;
use crate::catalog::{Indicator, TargetKind};
use crate::score::{IndicatorResult, Status};
use ab_glyph::{Font, FontRef};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::sync::OnceLock;

/// The bundled chart font (OFL 1.1, see assets/fonts/OFL.txt).
const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/planeval-cjk-subset.otf");
/// The family name the font is registered under with plotters.
const FAMILY: &str = "planeval-cjk";

/// Rendering resolution: 10 px per mm is 254 dpi, sharp on paper and small enough to embed.
const PX_PER_MM: f64 = 10.0;
/// The figure's width on paper: the text width of a portrait GB/T 9704 page.
pub const WIDTH_MM: f64 = 156.0;
const LEGEND_MM: f64 = 9.0;
/// At most this many panels in one figure (3 × 2): small figures break across pages with the text
/// instead of leaving half a page empty before a tall one.
pub const PANELS_PER_FIGURE: usize = 6;

const INK: RGBColor = RGBColor(0x26, 0x26, 0x26);
const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
const AXIS: RGBColor = RGBColor(0x80, 0x80, 0x80);
const ACTUAL: RGBColor = RGBColor(0x1F, 0x4E, 0x79);
const PATH: RGBColor = RGBColor(0xC0, 0x00, 0x00);
const LEVEL: RGBColor = RGBColor(0x80, 0x80, 0x80);
const PROJECTION: RGBColor = RGBColor(0x5B, 0x9B, 0xD5);

/// What the second line of a panel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// The straight path from the baseline to the target value in the final year.
    Path,
    /// The target itself: supplied yearly targets, or the other indicator of a relational target, or a
    /// constant target without a baseline to start a path from.
    Target,
    /// The baseline level, for targets without a number (increase, decrease, gap narrows …).
    BaselineLevel,
}

/// One indicator's panel.
#[derive(Debug, Clone)]
pub struct Panel {
    pub code: String,
    /// The indicator's name in the language (the code when the font cannot draw it).
    pub title: String,
    pub status: Status,
    /// Status and target, e.g. `需加快　目标 ≤ 12.5`.
    pub status_line: String,
    /// The judged values (for a gap target, the gap), baseline year to as-of year.
    pub actual: Vec<(i32, f64)>,
    pub reference: Vec<(i32, f64)>,
    pub reference_kind: Reference,
    /// From the latest value to the trend's value in the final year, while the final year lies ahead.
    pub projection: Option<[(i32, f64); 2]>,
    pub decimals: u8,
    /// What the unit admits, to keep the axis within it (no 105%).
    pub unit_range: (f64, f64),
}

/// One figure: up to `PANELS_PER_FIGURE` panels of one domain.
#[derive(Debug, Clone)]
pub struct Figure {
    pub domain: String,
    pub panels: Vec<Panel>,
    /// The baseline year and the final year: every panel's x axis.
    pub years: (i32, i32),
    pub lang: Lang,
    /// Part k of n when a domain needs more than one figure.
    pub part: Option<(usize, usize)>,
}

/// A rendered figure.
#[derive(Debug, Clone)]
pub struct Png {
    pub bytes: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
    pub width_mm: f64,
    pub height_mm: f64,
}

/// The figures of one domain: a panel for every scored indicator with at least one value in the plan
/// years, in plan order, split into figures of at most `PANELS_PER_FIGURE`.
pub fn domain_figures(f: &Facts, domain: &str) -> Vec<Figure> {
    let panels: Vec<Panel> =
        f.ev.indicators
            .iter()
            .filter(|r| r.domain == domain && r.status != Status::NotScored)
            .filter_map(|r| panel(f, r))
            .collect();
    let years = (f.cat.plan.baseline_year, f.cat.plan.final_year);
    let name = super::super::messages::domain_name(f.cat, domain, f.lang);
    let chunks: Vec<Vec<Panel>> = panels
        .chunks(PANELS_PER_FIGURE)
        .map(<[Panel]>::to_vec)
        .collect();
    let n = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, panels)| Figure {
            domain: name.clone(),
            panels,
            years,
            lang: f.lang,
            part: (n > 1).then_some((i + 1, n)),
        })
        .collect()
}

fn panel(f: &Facts, r: &IndicatorResult) -> Option<Panel> {
    let ind: &Indicator = f.indicator_def(&r.code)?;
    let (first, last) = (f.cat.plan.baseline_year, f.cat.plan.final_year);
    let in_plan = |y: &i32| (first..=last).contains(y);
    let actual: Vec<(i32, f64)> = f
        .judged_series(ind)
        .into_iter()
        .filter(|(y, v)| in_plan(y) && v.is_finite())
        .collect();
    if actual.is_empty() {
        return None;
    }
    let (line, baseline_level) = f.target_line(ind);
    let threshold = matches!(
        ind.target.kind,
        TargetKind::AtLeast | TargetKind::AtMost | TargetKind::Around | TargetKind::MaintainAtLeast
    );
    // A path leads from where the baseline stood to the target; a baseline that already met the
    // target has no path to walk, and the target itself is the line to stay on.
    let met_at_baseline = |b: f64, t: f64| match ind.target.kind {
        TargetKind::AtMost => b <= t,
        TargetKind::AtLeast | TargetKind::MaintainAtLeast => b >= t,
        _ => false,
    };
    let (reference, reference_kind) = match (threshold, ind.target.value, r.baseline) {
        (true, Some(target), Some(b))
            if b.value.is_finite() && target.is_finite() && !met_at_baseline(b.value, target) =>
        {
            (
                vec![(b.year.max(first), b.value), (last, target)],
                Reference::Path,
            )
        }
        _ => (
            line.into_iter()
                .filter(|(y, v)| in_plan(y) && v.is_finite())
                .collect(),
            if baseline_level {
                Reference::BaselineLevel
            } else {
                Reference::Target
            },
        ),
    };
    let projection = match (r.latest, r.projected) {
        (Some(l), Some(p)) if l.year < last && l.value.is_finite() && p.is_finite() => {
            Some([(l.year, l.value), (last, p)])
        }
        _ => None,
    };
    let name = indicator_name(f.cat, &r.code, f.lang);
    let title = if drawable(&name) {
        name
    } else {
        r.code.clone()
    };
    let target = super::words::target_words(f, ind);
    let status_line = format!(
        "{}{}{}",
        status_label(r.status, f.lang),
        f.lang.pick("　", " · "),
        fill(Msg::ChartTarget.text(f.lang), &[("target", &target)])
    );
    let status_line = if drawable(&status_line) {
        status_line
    } else {
        status_label(r.status, f.lang).to_string()
    };
    Some(Panel {
        code: r.code.clone(),
        title,
        status: r.status,
        status_line,
        actual,
        reference,
        reference_kind,
        projection,
        decimals: ind.decimals,
        unit_range: ind.unit.range(),
    })
}

/// The caption's and the alt text's words for a figure, filled by the document.
pub fn alt_text(fig: &Figure) -> String {
    let lang = fig.lang;
    let items: Vec<String> = fig
        .panels
        .iter()
        .map(|p| {
            let latest = p.actual.last().map_or_else(String::new, |(y, v)| {
                format!("{y}{}{}", lang.pick("年 ", ": "), fmt(*v, p.decimals))
            });
            match lang {
                Lang::Zh => format!("{}（{}，{latest}）", p.title, status_label(p.status, lang)),
                Lang::En => format!("{} ({}, {latest})", p.title, status_label(p.status, lang)),
            }
        })
        .collect();
    fill(
        Msg::ChartAlt.text(lang),
        &[
            ("domain", &fig.domain),
            ("n", &fig.panels.len().to_string()),
            ("items", &items.join(lang.pick("；", "; "))),
            ("final", &fig.years.1.to_string()),
        ],
    )
}

/// Whether the bundled font has a glyph for every character of `text` (spaces need none).
pub fn drawable(text: &str) -> bool {
    match chart_font() {
        Some(font) => text
            .chars()
            .all(|c| c.is_whitespace() || font.glyph_id(c).0 != 0),
        None => false,
    }
}

fn chart_font() -> Option<&'static FontRef<'static>> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).ok())
        .as_ref()
}

/// Registers the bundled font with plotters once per process; also as `sans-serif`, the family
/// plotters falls back to for any style we do not set, so that no text ever needs a system font.
fn register_font() -> Result<(), String> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        [FAMILY, "sans-serif"]
            .iter()
            .all(|name| plotters::style::register_font(name, FontStyle::Normal, FONT_BYTES).is_ok())
    });
    if ok {
        Ok(())
    } else {
        Err("the bundled chart font could not be loaded".into())
    }
}

fn px(mm: f64) -> u32 {
    (mm * PX_PER_MM).round() as u32
}

/// A font size in points on paper, as pixels of the bitmap.
fn pt(points: f64) -> f64 {
    points * 25.4 / 72.0 * PX_PER_MM
}

/// A number at `decimals`, without a minus sign on zero.
fn fmt(v: f64, decimals: u8) -> String {
    let s = format!("{v:.prec$}", prec = usize::from(decimals));
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Columns and the panel height (mm) for `n` panels.
fn grid(n: usize) -> (usize, f64) {
    if n <= 4 {
        (2, 60.0)
    } else {
        (3, 41.0)
    }
}

/// The figure's size on paper (mm).
pub fn size_mm(fig: &Figure) -> (f64, f64) {
    let (cols, panel_h) = grid(fig.panels.len());
    let rows = fig.panels.len().div_ceil(cols).max(1);
    (WIDTH_MM, LEGEND_MM + rows as f64 * panel_h)
}

/// Renders a figure to PNG.
pub fn render(fig: &Figure) -> Result<Png, String> {
    register_font()?;
    let (w_mm, h_mm) = size_mm(fig);
    let (w, h) = (px(w_mm), px(h_mm));
    let mut buf = vec![255u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        draw(&root, fig).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    let bytes = encode_png(&buf, w, h)?;
    Ok(Png {
        bytes,
        width_px: w,
        height_px: h,
        width_mm: w_mm,
        height_mm: h_mm,
    })
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        // A third of the size of the fast setting for half as long again: reports travel by email.
        enc.set_compression(png::Compression::Balanced);
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: (PX_PER_MM * 1000.0) as u32,
            yppu: (PX_PER_MM * 1000.0) as u32,
            unit: png::Unit::Meter,
        }));
        let mut writer = enc.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(rgb).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;
type DrawResult<'a> =
    Result<(), DrawingAreaErrorKind<<BitMapBackend<'a> as DrawingBackend>::ErrorType>>;

fn text_style(points: f64, color: RGBColor) -> TextStyle<'static> {
    (FAMILY, pt(points)).into_font().color(&color)
}

fn draw<'a>(root: &Area<'a>, fig: &Figure) -> DrawResult<'a> {
    // The buffer starts white: no fill.
    let (legend, body) = root.split_vertically(px(LEGEND_MM));
    draw_legend(&legend, fig)?;
    let (cols, _) = grid(fig.panels.len());
    let rows = fig.panels.len().div_ceil(cols).max(1);
    // A lone panel keeps the size of its siblings in other figures, centred.
    let body = if fig.panels.len() == 1 {
        let quarter = body.dim_in_pixel().0 / 4;
        body.margin(0, 0, quarter, quarter)
    } else {
        body
    };
    let cols = if fig.panels.len() == 1 { 1 } else { cols };
    let cells = body.split_evenly((rows, cols));
    for (cell, p) in cells.iter().zip(&fig.panels) {
        draw_panel(cell, p, fig.years)?;
    }
    Ok(())
}

/// One legend for the whole figure: the line styles are the same in every panel.
fn draw_legend<'a>(area: &Area<'a>, fig: &Figure) -> DrawResult<'a> {
    let lang = fig.lang;
    let style = text_style(8.0, INK);
    let kinds: Vec<Reference> = [Reference::Path, Reference::Target, Reference::BaselineLevel]
        .into_iter()
        .filter(|k| {
            fig.panels
                .iter()
                .any(|p| p.reference_kind == *k && !p.reference.is_empty())
        })
        .collect();
    let mut entries: Vec<(String, RGBColor, u8)> =
        vec![(Msg::SeriesActual.text(lang).to_string(), ACTUAL, 0)];
    for k in kinds {
        let (label, color) = match k {
            Reference::Path => (Msg::ChartPath, PATH),
            Reference::Target => (Msg::SeriesTarget, PATH),
            Reference::BaselineLevel => (Msg::SeriesBaselineLevel, LEVEL),
        };
        entries.push((label.text(lang).to_string(), color, 1));
    }
    if fig.panels.iter().any(|p| p.projection.is_some()) {
        entries.push((
            fill(
                Msg::ChartProjection.text(lang),
                &[("year", &fig.years.1.to_string())],
            ),
            PROJECTION,
            2,
        ));
    }
    let y = (px(LEGEND_MM) / 2) as i32;
    let mut x = px(3.0) as i32;
    let seg = px(9.0) as i32;
    for (label, color, kind) in entries {
        let from = (x, y);
        let to = (x + seg, y);
        match kind {
            0 => {
                area.draw(&PathElement::new(vec![from, to], color.stroke_width(4)))?;
                area.draw(&Circle::new(
                    (x + seg / 2, y),
                    px(0.7) as i32,
                    color.filled(),
                ))?;
            }
            1 => dashed(area, from, to, color, 3, px(1.6) as i32, px(1.0) as i32)?,
            _ => dashed(area, from, to, color, 3, px(0.6) as i32, px(0.8) as i32)?,
        }
        x += seg + px(2.0) as i32;
        area.draw(&Text::new(
            label.clone(),
            (x, y - (pt(8.0) * 0.5) as i32),
            style.clone(),
        ))?;
        let (tw, _) = area
            .estimate_text_size(&label, &style)
            .unwrap_or((px(20.0), 0));
        x += tw as i32 + px(6.0) as i32;
    }
    Ok(())
}

/// A dashed segment in pixel coordinates (for the legend).
fn dashed<'a>(
    area: &Area<'a>,
    (x0, y): (i32, i32),
    (x1, _): (i32, i32),
    color: RGBColor,
    width: u32,
    dash: i32,
    gap: i32,
) -> DrawResult<'a> {
    let mut x = x0;
    while x < x1 {
        let end = (x + dash).min(x1);
        area.draw(&PathElement::new(
            vec![(x, y), (end, y)],
            color.stroke_width(width),
        ))?;
        x = end + gap;
    }
    Ok(())
}

/// Splits `text` into lines no wider than `width` px, at most `max_lines` (the last one shortened
/// with an ellipsis).
fn wrap(area: &Area, text: &str, style: &TextStyle, width: u32, max_lines: usize) -> Vec<String> {
    let fits = |s: &str| {
        area.estimate_text_size(s, style)
            .map_or(true, |(w, _)| w <= width)
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        let mut next = line.clone();
        next.push(c);
        if !line.is_empty() && !fits(&next) {
            lines.push(std::mem::take(&mut line));
            line.push(c);
        } else {
            line = next;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && !fits(&format!("{last}…")) {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// Beyond any indicator's value, and small enough that spans and steps stay finite: plotters loops
/// forever laying out an axis whose span overflows.
const PLOTTABLE: f64 = 1e15;

/// Axis bounds that show the movement: padding around the values, nice round ends, within the unit,
/// finite whatever was typed.
fn y_bounds(values: impl Iterator<Item = f64>, (unit_lo, unit_hi): (f64, f64)) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        let v = v.clamp(-PLOTTABLE, PLOTTABLE);
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let span = (hi - lo).max(hi.abs().max(lo.abs()) * 0.04).max(1e-6);
    let step = nice_step(span * 1.4 / 4.0);
    let mut min = ((lo - span * 0.15) / step).floor() * step;
    let mut max = ((hi + span * 0.15) / step).ceil() * step;
    min = min.max(unit_lo).max(-2.0 * PLOTTABLE);
    max = max.min(unit_hi).min(2.0 * PLOTTABLE);
    if !(max - min).is_finite() || max - min < 1e-9 {
        max = min + step.clamp(1e-6, PLOTTABLE);
    }
    (min, max)
}

fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Decimals for axis labels at a step.
fn step_decimals(step: f64) -> usize {
    if step >= 1.0 || step <= 0.0 || !step.is_finite() {
        0
    } else {
        (-step.log10().floor()) as usize
    }
}

fn draw_panel<'a>(cell: &Area<'a>, p: &Panel, (x0, x1): (i32, i32)) -> DrawResult<'a> {
    let (w, _) = cell.dim_in_pixel();
    let inner = cell.margin(px(1.5), px(1.5), px(2.0), px(2.0));
    let title_style = text_style(8.0, INK);
    let (_, _, solid) = status_colors(p.status);
    let status_color = RGBColor((solid >> 16) as u8, (solid >> 8) as u8, solid as u8);
    let status_style = text_style(7.0, darker(status_color));
    let marker = px(2.2) as i32;
    let text_x = marker + px(1.2) as i32;
    let title_w = w.saturating_sub(px(4.0) + text_x as u32);
    let lines = wrap(&inner, &p.title, &title_style, title_w, 2);
    let line_h = (pt(8.0) * 1.25) as i32;
    inner.draw(&Rectangle::new(
        [(0, px(0.6) as i32), (marker, px(0.6) as i32 + marker)],
        status_color.filled(),
    ))?;
    let mut y = 0;
    for l in &lines {
        inner.draw(&Text::new(l.clone(), (text_x, y), title_style.clone()))?;
        y += line_h;
    }
    let status_lines = wrap(&inner, &p.status_line, &status_style, title_w, 1);
    for l in &status_lines {
        inner.draw(&Text::new(l.clone(), (text_x, y), status_style.clone()))?;
        y += (pt(7.0) * 1.25) as i32;
    }
    let title_h = (2 * line_h + (pt(7.0) * 1.35) as i32) as u32;
    let (_, plot) = inner.split_vertically(title_h);

    let values = p.actual.iter().chain(&p.reference).map(|(_, v)| *v).chain(
        p.projection
            .iter()
            .flat_map(|pr| pr.iter().map(|(_, v)| *v)),
    );
    let (lo, hi) = y_bounds(values, p.unit_range);
    let step = nice_step((hi - lo) / 4.0);
    let decimals = step_decimals(step).min(usize::from(p.decimals.max(1)));
    let label_style = text_style(7.0, INK);
    let widest = [lo, hi]
        .iter()
        .map(|v| {
            plot.estimate_text_size(&format!("{v:.decimals$}"), &label_style)
                .map_or(px(8.0), |(w, _)| w)
        })
        .max()
        .unwrap_or(px(8.0));
    let mut chart = ChartBuilder::on(&plot)
        .margin_right(px(2.5))
        .margin_top(px(1.0))
        .x_label_area_size(px(5.0))
        .y_label_area_size(widest + px(2.0))
        .build_cartesian_2d(f64::from(x0) - 0.35..f64::from(x1) + 0.35, lo..hi)?;
    let years = (x1 - x0 + 1).max(1) as usize;
    let plot_w = plot.dim_in_pixel().0.saturating_sub(widest + px(4.5));
    let year_w = plot
        .estimate_text_size("2025", &label_style)
        .map_or(px(6.0), |(w, _)| w + px(1.5));
    let every = if year_w as usize * years > plot_w as usize {
        2
    } else {
        1
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID.stroke_width(1))
        .axis_style(AXIS.stroke_width(2))
        .x_labels(years + 2)
        .y_labels(5)
        .x_label_formatter(&|x| {
            let y = x.round();
            if (x - y).abs() < 1e-6 && (y as i32 - x0) % every == 0 {
                format!("{}", y as i32)
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|v| format!("{v:.decimals$}"))
        .label_style(label_style.clone())
        .axis_desc_style(label_style.clone())
        .draw()?;

    // Within the axis: a point far outside it (a value beyond the unit's range) would make the
    // backend walk millions of pixels of line; at the edge it still shows where it went.
    let pts = |s: &[(i32, f64)]| -> Vec<(f64, f64)> {
        s.iter()
            .filter(|(_, v)| v.is_finite())
            .map(|(y, v)| (f64::from(*y), v.clamp(lo, hi)))
            .collect()
    };
    if !p.reference.is_empty() {
        let color = if p.reference_kind == Reference::BaselineLevel {
            LEVEL
        } else {
            PATH
        };
        chart.draw_series(DashedLineSeries::new(
            pts(&p.reference),
            px(1.6),
            px(1.0),
            color.stroke_width(3),
        ))?;
    }
    if let Some(pr) = &p.projection {
        chart.draw_series(DashedLineSeries::new(
            pts(pr),
            px(0.6),
            px(0.8),
            PROJECTION.stroke_width(3),
        ))?;
    }
    let actual = pts(&p.actual);
    chart.draw_series(LineSeries::new(actual.clone(), ACTUAL.stroke_width(4)))?;
    chart.draw_series(
        actual
            .iter()
            .map(|pt| Circle::new(*pt, px(0.6) as i32, ACTUAL.filled())),
    )?;
    // The latest value, written beside its point: what a reader looks for first.
    if let Some(&(x, v)) = actual.last() {
        let label = fmt(v, p.decimals);
        let (px_x, px_y) = chart.backend_coord(&(x, v));
        let (tw, _) = plot
            .estimate_text_size(&label, &label_style)
            .unwrap_or((0, 0));
        let right_edge = plot.dim_in_pixel().0 as i32 - px(1.0) as i32;
        let (ox, oy) = plot.get_base_pixel();
        let lx = (px_x - ox + px(1.2) as i32).min(right_edge - tw as i32);
        let ly = (px_y - oy - (pt(7.0) * 1.3) as i32).max(0);
        plot.draw(&Text::new(label, (lx, ly), text_style(7.0, ACTUAL).clone()))?;
    }
    Ok(())
}

/// A status colour dark enough for text on white.
fn darker(c: RGBColor) -> RGBColor {
    let f = |v: u8| (f64::from(v) * 0.62) as u8;
    RGBColor(f(c.0), f(c.1), f(c.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panel(n: usize, status: Status) -> Panel {
        Panel {
            code: format!("ind{n}"),
            title: "担任正职的女干部占同级正职干部的比例（%）".into(),
            status,
            status_line: "需加快　目标 ≤ 12.5".into(),
            actual: vec![(2020, 17.2), (2021, 16.0), (2022, 15.1), (2023, 14.8)],
            reference: vec![(2020, 17.2), (2025, 12.5)],
            reference_kind: Reference::Path,
            projection: Some([(2023, 14.8), (2025, 13.9)]),
            decimals: 1,
            unit_range: (0.0, 100.0),
        }
    }

    fn figure(panels: Vec<Panel>) -> Figure {
        Figure {
            domain: "妇女与健康".into(),
            panels,
            years: (2020, 2025),
            lang: Lang::Zh,
            part: None,
        }
    }

    #[test]
    fn the_bundled_font_draws_the_plan_s_words_and_not_unknown_ones() {
        assert!(drawable("孕产妇死亡率城乡差距 需加快 ≤ 12.5‰"));
        assert!(drawable("Maternal mortality ratio (per 100,000)"));
        // CJK Extension B, which the source font (Noto Sans CJK SC) does not cover, so the subset
        // cannot have it even though the script reads this file.
        assert!(!drawable("𠀀"));
    }

    #[test]
    fn a_figure_renders_to_a_png_of_its_print_size() {
        let fig = figure(
            (0..5)
                .map(|i| panel(i, Status::NeedsAcceleration))
                .collect(),
        );
        let png = render(&fig).unwrap();
        assert_eq!(&png.bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(png.width_px, 1560);
        // 5 panels: 3 columns, 2 rows of 41 mm under the 9 mm legend.
        assert_eq!(png.height_px, px(9.0 + 2.0 * 41.0));
        assert_eq!(png.width_mm, WIDTH_MM);
    }

    #[test]
    fn degenerate_series_still_render() {
        let mut flat = panel(0, Status::Met);
        flat.actual = vec![(2023, 100.0)];
        flat.reference = vec![];
        flat.projection = None;
        let mut huge = panel(1, Status::NoData);
        huge.actual = vec![(2020, f64::MAX), (2021, -f64::MAX), (2022, 1e300)];
        huge.unit_range = (0.0, f64::INFINITY);
        let mut outside = panel(3, Status::Met);
        // Beyond what the unit admits (a percentage of 5000): drawn at the axis' edge.
        outside.actual = vec![(2020, 50.0), (2021, 5000.0)];
        let mut zero = panel(2, Status::OnTrack);
        zero.actual = vec![(2020, 0.0), (2021, 0.0), (2022, 0.0)];
        zero.reference = vec![(2020, 0.0), (2025, 0.0)];
        zero.title = String::new();
        for p in [flat, huge, zero, outside] {
            let png = render(&figure(vec![p])).unwrap();
            assert!(png.bytes.len() > 100);
        }
    }

    #[test]
    fn axis_bounds_pad_the_values_and_stay_within_the_unit() {
        let (lo, hi) = y_bounds([95.0, 99.5].into_iter(), (0.0, 100.0));
        assert!(lo < 95.0 && hi <= 100.0, "{lo} {hi}");
        let (lo, hi) = y_bounds([12.5, 17.2].into_iter(), (0.0, 100_000.0));
        assert!(lo <= 12.5 && hi >= 17.2 && lo >= 0.0, "{lo} {hi}");
        assert_eq!(y_bounds(std::iter::empty(), (0.0, 1.0)), (0.0, 1.0));
        let (lo, hi) = y_bounds([f64::MAX, -f64::MAX].into_iter(), (f64::MIN, f64::INFINITY));
        assert!(
            lo.is_finite() && hi.is_finite() && (hi - lo).is_finite(),
            "{lo} {hi}"
        );
        let (lo, hi) = y_bounds([0.0].into_iter(), (0.0, 100.0));
        assert!(hi > lo, "{lo} {hi}");
    }
}
