//! The hidden `_planeval` metadata sheet: plan, unit, year and layout version, so that intake finds the
//! table without trusting sheet names.

// A sheet of the template: the styles, spec and helpers are the parent module's.
use super::*;

pub(super) fn meta_sheet(
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
