//! The rows of a long (baseline and past-years) sheet: each value cell's indicator, year, reporting
//! unit and breakdown identified, its number read, and every problem reported at its cell.

// The sheet's vocabulary (fields, keys, the sheet being filled) is the parent module's.
use super::*;

/// (area, indicator, year, sex, area breakdown, item, reporting unit): one value of a long sheet.
type RowKey<'a> = (String, String, i32, &'a str, &'a str, &'a str, String);

pub(super) fn read_rows(
    out: &mut LongSheet,
    sheet: &SheetGrid,
    header_row: u32,
    columns: &BTreeMap<LongField, u32>,
    cat: &Catalog,
) {
    let by_name: HashMap<String, &Indicator> = cat
        .indicators()
        .map(|(_, _, i)| (name_key(&i.name), i))
        .collect();
    // The number columns: the value (its item from the 项目 column) and a yearly target column.
    let value_columns: Vec<(u32, Option<&'static str>)> = [
        (LongField::Value, None),
        (LongField::Target, Some("target")),
    ]
    .into_iter()
    .filter_map(|(f, forced)| columns.get(&f).map(|c| (*c, forced)))
    .collect();
    let cells: Vec<(u32, u32, Option<&'static str>)> = sheet
        .rows()
        .into_iter()
        .filter(|r| *r > header_row)
        .flat_map(|r| value_columns.iter().map(move |&(c, f)| (r, c, f)))
        .collect();
    let row_text = |row: u32, f: LongField| {
        columns
            .get(&f)
            .map(|c| sheet.text(row, *c))
            .unwrap_or_default()
    };
    let mut seen: HashMap<RowKey, String> = HashMap::new();

    for (row, value_col, forced) in cells {
        let Some(cell) = sheet.get(row, value_col) else {
            continue;
        };
        if value::is_blank(&cell.data) && cell.formula.is_none() {
            continue;
        }
        out.cells_nonempty += 1;
        let raw = value::raw_text(&cell.data);
        let org = Some(row_text(row, LongField::Org).trim().to_string()).filter(|o| !o.is_empty());
        let mut cx = RowContext {
            org: org.clone(),
            ..Default::default()
        };
        let at = LongCell {
            sheet,
            row,
            value_col,
            columns,
        };
        let id = match identify(&at, forced, cat, &by_name, &raw, &mut cx) {
            Ok(id) => id,
            Err(p) => {
                out.report(&at, p, &cx);
                continue;
            }
        };
        let (reading, value, problems) = read_value(&at, &cell.data, cell.formula.as_deref(), &id);
        for p in problems {
            out.report(&at, p, &cx);
        }
        let Some(v) = value else {
            continue;
        };
        let key = (
            org.clone().unwrap_or_default(),
            id.ind.code.clone(),
            id.year,
            id.sex,
            id.area,
            id.field,
            id.unit.clone(),
        );
        if let Some(first) = seen.get(&key) {
            let p = Problem::new(
                value_col,
                Code::DuplicateRow,
                reading.raw.clone(),
                (DiagText::LongDuplicate, DiagText::HintDeleteRepeat),
            )
            .about(&id)
            .arg("first", first);
            out.report(&at, p, &cx);
            continue;
        }
        let cell = cell_name(row, value_col);
        seen.insert(key, cell.clone());
        let opt = |f: LongField| Some(row_text(row, f)).filter(|s| !s.is_empty());
        out.rows.push(LongRow {
            read: AcceptedValue {
                indicator: id.ind.code.clone(),
                year: Some(id.year),
                sex: id.sex,
                area: id.area,
                field: id.field,
                value: v,
                sheet: sheet.name.clone(),
                cell,
                raw: reading.raw,
                rules: reading.rules,
                source: opt(LongField::Source),
                remarks: opt(LongField::Remarks),
            },
            reporting_unit: id.unit,
            org,
        });
    }
}

/// The value cell of a long row being read, and how to find the row's other columns.
struct LongCell<'s> {
    sheet: &'s SheetGrid,
    row: u32,
    value_col: u32,
    columns: &'s BTreeMap<LongField, u32>,
}

impl LongCell<'_> {
    fn col(&self, f: LongField) -> Option<u32> {
        self.columns.get(&f).copied()
    }

    /// The column of `f`, or the value's when the sheet has none (a problem is said somewhere).
    fn col_or_value(&self, f: LongField) -> u32 {
        self.col(f).unwrap_or(self.value_col)
    }

    fn text(&self, f: LongField) -> String {
        self.col(f)
            .map(|c| self.sheet.text(self.row, c))
            .unwrap_or_default()
    }
}

/// What a long row is about once read: its indicator, year, reporting unit, breakdown and item.
struct RowIdentity<'c> {
    ind: &'c Indicator,
    year: i32,
    unit: String,
    sex: &'static str,
    area: &'static str,
    field: &'static str,
}

/// One problem of a long row: the column it is at, its code, the raw text, its message and hint, and
/// their arguments in each language.
struct Problem {
    col: u32,
    code: Code,
    raw: String,
    texts: (DiagText, DiagText),
    zh: Vec<(&'static str, String)>,
    en: Vec<(&'static str, String)>,
}

impl Problem {
    fn new(col: u32, code: Code, raw: String, texts: (DiagText, DiagText)) -> Problem {
        Problem {
            col,
            code,
            raw,
            texts,
            zh: Vec::new(),
            en: Vec::new(),
        }
    }

    /// An argument the same in both languages.
    fn arg(self, key: &'static str, value: &str) -> Problem {
        self.arg_each(key, value, value)
    }

    /// An argument said in each language.
    fn arg_each(mut self, key: &'static str, zh: &str, en: &str) -> Problem {
        self.zh.push((key, zh.to_string()));
        self.en.push((key, en.to_string()));
        self
    }

    /// The indicator's name in each language.
    fn named(self, ind: &Indicator) -> Problem {
        self.arg_each("name", ind.name_in(Lang::Zh), ind.name_in(Lang::En))
    }

    /// The indicator's name, the year and the breakdown of a row.
    fn about(self, id: &RowIdentity) -> Problem {
        let (zh, en) = (
            describe(Lang::Zh, id.sex, id.area, id.field),
            describe(Lang::En, id.sex, id.area, id.field),
        );
        self.named(id.ind)
            .arg("year", &id.year.to_string())
            .arg_each("group", &zh, &en)
    }
}

impl LongSheet {
    /// Records a row's problem at its cell, with what is known of the row (for the quarantine).
    fn report(&mut self, at: &LongCell, p: Problem, cx: &RowContext) {
        let zh: Vec<(&str, &str)> = p.zh.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let en: Vec<(&str, &str)> = p.en.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let location = Location::Cell {
            file: self.path.clone(),
            sheet: at.sheet.name.clone(),
            cell: cell_name(at.row, p.col),
        };
        self.diagnostics.push(Diagnostic::said_each(
            p.code,
            location,
            Some(p.raw),
            p.texts,
            &zh,
            &en,
        ));
        self.context
            .insert((at.sheet.name.clone(), at.row), cx.clone());
    }
}

/// Which indicator, year, reporting unit, breakdown and item a long row is of; the first that cannot
/// be read is the row's problem. `cx` learns each as it is read.
fn identify<'c>(
    at: &LongCell,
    forced: Option<&'static str>,
    cat: &'c Catalog,
    by_name: &HashMap<String, &'c Indicator>,
    raw: &str,
    cx: &mut RowContext,
) -> Result<RowIdentity<'c>, Problem> {
    let code_text = at.text(LongField::Indicator);
    let name_text = at.text(LongField::Name);
    let indicator = cat
        .indicator(&code_text)
        .or_else(|| by_name.get(&name_key(&name_text)).copied());
    let Some(ind) = indicator else {
        let (c, what) = match (at.col(LongField::Indicator), code_text.is_empty()) {
            (Some(c), false) => (c, code_text),
            _ => (at.col_or_value(LongField::Name), name_text),
        };
        let texts = (DiagText::LongUnknownIndicator, DiagText::HintLongIndicator);
        return Err(Problem::new(c, Code::UnknownIndicator, what.clone(), texts)
            .arg("what", &what)
            .arg("raw", raw));
    };
    cx.indicator = Some(ind.code.clone());

    let year_col = at.col_or_value(LongField::Year);
    let year_cell = at.sheet.get(at.row, year_col);
    let year_raw = year_cell
        .map(|c| value::raw_text(&c.data))
        .unwrap_or_default();
    let year = year_cell.and_then(|c| parse_year(&c.data));
    let Some(year) = year.filter(|y| (1949..=cat.plan.period_end).contains(y)) else {
        let texts = (DiagText::LongBadYear, DiagText::HintLongYear);
        return Err(
            Problem::new(year_col, Code::StoreBadYear, year_raw.clone(), texts)
                .named(ind)
                .arg("year", &year_raw)
                .arg("raw", raw),
        );
    };
    cx.year = Some(year);

    let unit_text = at.text(LongField::ReportingUnit);
    let unit = if unit_text.is_empty() {
        ind.lead_unit.clone()
    } else if let Some(u) = cat.resolve_unit(&unit_text) {
        u.name.clone()
    } else {
        let c = at.col_or_value(LongField::ReportingUnit);
        let texts = (DiagText::LongBadUnit, DiagText::HintLongUnit);
        return Err(
            Problem::new(c, Code::UnitMismatch, unit_text.clone(), texts)
                .arg("unit", &unit_text)
                .arg("raw", raw),
        );
    };
    cx.unit = Some(unit.clone());

    let category = |f: LongField, parse: fn(&str) -> Option<&'static str>| {
        let t = at.text(f);
        parse(&t).ok_or_else(|| {
            let texts = (DiagText::LongBadCategory, DiagText::HintLongCategory);
            Problem::new(at.col_or_value(f), Code::StoreBadCategory, t.clone(), texts)
                .named(ind)
                .arg("text", &t)
                .arg("raw", raw)
        })
    };
    let sex = category(LongField::Sex, sex_key)?;
    let area = category(LongField::Area, area_key)?;
    let field = match forced {
        Some(f) => f,
        None => category(LongField::Item, field_key)?,
    };
    let id = RowIdentity {
        ind,
        year,
        unit,
        sex,
        area,
        field,
    };
    if let Some(problem) = breakdown_problem(ind, sex, area, field) {
        let texts = (DiagText::LongBreakdownMismatch, DiagText::HintLongBreakdown);
        return Err(
            Problem::new(at.value_col, Code::StoreBadCategory, raw.to_string(), texts)
                .about(&id)
                .arg_each("problem", problem.zh(), problem.en()),
        );
    }
    Ok(id)
}

/// The number of a long row's value cell: its reading, the number when it is admitted, and the
/// problems said of it (the reader's notes, a value outside its unit's range).
fn read_value(
    at: &LongCell,
    data: &Data,
    formula: Option<&str>,
    id: &RowIdentity,
) -> (value::Reading, Option<f64>, Vec<Problem>) {
    let is_part = matches!(id.field, "numerator" | "denominator");
    let vcx = ValueContext {
        unit: if is_part {
            MeasureUnit::Count
        } else {
            id.ind.unit
        },
        expected_magnitude: if is_part { None } else { id.ind.target.value },
    };
    let reading = value::read_number(data, formula, &vcx);
    let mut problems: Vec<Problem> = reading
        .notes
        .iter()
        .map(|n| {
            let (note_en, hint_en) = n.en.clone().unwrap_or_default();
            let texts = (DiagText::LongNote, DiagText::Verbatim);
            Problem::new(at.value_col, n.code, reading.raw.clone(), texts)
                .about(id)
                .arg_each("note", &n.message, &note_en)
                .arg_each("text", &n.hint, &hint_en)
        })
        .collect();
    let Outcome::Number(v) = reading.outcome else {
        return (reading, None, problems);
    };
    let admitted = if is_part {
        v >= 0.0 && v.is_finite()
    } else {
        id.ind.unit.admits(v)
    };
    if !admitted {
        let (lo, hi) = vcx.unit.range();
        let high = if hi.is_finite() {
            crate::catalog::target::fmt_num(hi)
        } else {
            "∞".into()
        };
        let texts = (DiagText::LongOutOfRange, DiagText::HintLongRange);
        problems.push(
            Problem::new(at.value_col, Code::OutOfRange, reading.raw.clone(), texts)
                .about(id)
                .arg("raw", &reading.raw)
                .arg("low", &crate::catalog::target::fmt_num(lo))
                .arg("high", &high)
                .arg_each("unit", vcx.unit.symbol_zh(), vcx.unit.symbol_en()),
        );
        return (reading, None, problems);
    }
    (reading, Some(v), problems)
}
