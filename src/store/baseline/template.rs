//! The pre-filled baseline template (`基期及历年数据.xlsx`): one row per reported indicator, year and
//! breakdown, codes and names locked, value / source / remarks open.

// The sheet's vocabulary (fields, breakdown labels, rows) is the parent module's.
use super::*;

/// The years the baseline template asks for: the baseline year and the plan years before `through`
/// (default: the mid-term year, i.e. the years before template-based monitoring began).
pub fn template_years(cat: &Catalog, through: Option<i32>) -> Vec<i32> {
    let p = &cat.plan;
    let end = through.unwrap_or(p.midterm_year);
    let mut years = vec![p.baseline_year];
    years.extend((p.period_start..end.min(p.period_end + 1)).filter(|y| *y != p.baseline_year));
    years
}

/// One pre-filled row of the template.
struct TemplateRow<'a> {
    domain: &'a str,
    ind: &'a Indicator,
    year: i32,
    sex: &'static str,
    area: &'static str,
    field: &'static str,
}

/// Builds `基期及历年数据.xlsx`: one row per reported indicator, year and breakdown (plus the yearly target
/// rows of `external` targets for every plan year), codes and names locked, value / source / remarks open.
pub fn build_template(cat: &Catalog, years: &[i32]) -> Result<Vec<u8>, XlsxError> {
    let mut rows: Vec<TemplateRow> = Vec::new();
    for (d, _, ind) in cat.indicators().filter(|(_, _, i)| i.is_reported()) {
        let mut breakdowns: Vec<(&'static str, &'static str)> = vec![("total", "total")];
        if ind.disaggregation.contains(&Dimension::Sex) {
            breakdowns.extend([("female", "total"), ("male", "total")]);
        }
        if ind.disaggregation.contains(&Dimension::Area) {
            breakdowns.extend([("total", "urban"), ("total", "rural")]);
        }
        for &year in years {
            for &(sex, area) in &breakdowns {
                rows.push(TemplateRow {
                    domain: &d.name,
                    ind,
                    year,
                    sex,
                    area,
                    field: "value",
                });
            }
        }
        if ind.target.kind == TargetKind::External {
            for year in cat.plan.period_start..=cat.plan.period_end {
                rows.push(TemplateRow {
                    domain: &d.name,
                    ind,
                    year,
                    sex: "total",
                    area: "total",
                    field: "target",
                });
            }
        }
    }

    let base = base_format().set_align(FormatAlign::VerticalCenter);
    let bordered = |fill: u32| {
        base.clone()
            .set_background_color(Color::RGB(fill))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x808080))
    };
    let title = base.clone().set_bold().set_font_size(14);
    let note = base.clone().set_text_wrap().set_align(FormatAlign::Top);
    let header = bordered(0xD9E1F2)
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let locked = bordered(0xF2F2F2);
    let locked_center = bordered(0xF2F2F2).set_align(FormatAlign::Center);
    let input_text = bordered(0xFFFFFF).set_unlocked();
    let number = |ind: &Indicator| {
        let fmt = match ind.decimals {
            0 => "0".to_string(),
            d => format!("0.{}", "0".repeat(usize::from(d))),
        };
        bordered(0xFFF2CC)
            .set_unlocked()
            .set_num_format(fmt)
            .set_align(FormatAlign::Right)
    };

    let mut wb = crate::style::new_workbook();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_NAME)?;
    let p = &cat.plan;
    let years_text = years
        .iter()
        .map(|y| format!("{y}"))
        .collect::<Vec<_>>()
        .join("、");
    ws.write_string_with_format(
        0,
        0,
        format!("{}　基期（{}年）及历年监测数据", p.name, p.baseline_year),
        &title,
    )?;
    ws.set_row_height(0, 26)?;
    let instructions = format!(
        "说明：每行一个数值（年份：{years_text}）。只在浅黄色“数值”列填写数字，不带单位；没有数据的留空，并可在“备注”中说明。\
         “性别”“城乡”为“合计”的行是总体值；“项目”为“目标值”的行填写上级下达的当年目标。数据来源已按规划预填，实际来源不同请修改。\
         请勿修改指标编码、年份、性别、城乡、项目列。填好后运行：planeval ingest --store 数据库文件夹 --baseline {FILE_NAME}"
    );
    ws.merge_range(
        1,
        0,
        1,
        (LongField::WRITTEN.len() - 1) as u16,
        &instructions,
        &note,
    )?;
    ws.set_row_height(1, 62)?;
    const HEADER_ROW: u32 = 2;
    for (c, f) in LongField::WRITTEN.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, f.header(), &header)?;
    }
    ws.set_row_height(HEADER_ROW, 22)?;

    let mut widths: Vec<usize> = LongField::WRITTEN
        .iter()
        .map(|f| display_width(f.header()))
        .collect();
    for (i, r) in rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        for (c, f) in LongField::WRITTEN.iter().enumerate() {
            let c16 = c as u16;
            let text: String = match f {
                LongField::Indicator => r.ind.code.clone(),
                LongField::Domain => r.domain.to_string(),
                LongField::Name => r.ind.name.clone(),
                LongField::Unit => r.ind.unit_symbol.clone(),
                LongField::Year => r.year.to_string(),
                LongField::Sex => sex_label(r.sex).to_string(),
                LongField::Area => area_label(r.area).to_string(),
                LongField::Item => field_label(r.field).to_string(),
                LongField::Source => r.ind.source.clone(),
                LongField::Value
                | LongField::Target
                | LongField::Remarks
                | LongField::ReportingUnit
                | LongField::Org => String::new(),
            };
            match f {
                LongField::Year => {
                    ws.write_number_with_format(row, c16, f64::from(r.year), &locked_center)?;
                }
                LongField::Value => {
                    ws.write_blank(row, c16, &number(r.ind))?;
                }
                LongField::Source | LongField::Remarks => {
                    ws.write_string_with_format(row, c16, &text, &input_text)?;
                }
                LongField::Sex | LongField::Area | LongField::Item => {
                    ws.write_string_with_format(row, c16, &text, &locked_center)?;
                }
                _ => {
                    ws.write_string_with_format(row, c16, &text, &locked)?;
                }
            }
            widths[c] = widths[c].max(display_width(&text));
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let w = match LongField::WRITTEN[c] {
            LongField::Value => 12,
            LongField::Remarks => 24,
            _ => (*w + 2).clamp(6, 44),
        };
        ws.set_column_width(c as u16, w as f64)?;
    }
    let last_row = HEADER_ROW + rows.len().max(1) as u32;
    ws.autofilter(
        HEADER_ROW,
        0,
        last_row,
        (LongField::WRITTEN.len() - 1) as u16,
    )?;
    ws.set_freeze_panes(HEADER_ROW + 1, 3)?;
    ws.protect_with_options(&ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        sort: true,
        ..ProtectionOptions::new()
    });
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_footer(FOOTER_PAGES);

    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{}　基期及历年数据", p.name))
            .set_author("planeval")
            .set_keywords(format!("{} baseline", p.id)),
    );
    wb.save_to_buffer()
}
