//! Every output survives every input (#12): a 40,000-character 备注, 数据来源, value or 采取的主要措施 is
//! cut to fit its cell with a marker and a note in every workbook (`check --out`, `evaluate --out`,
//! `panel --export`) while the store keeps it whole; feedback names made from deep folders and long
//! file names fit the file system and never collide; a CSV export cannot carry a formula; and control
//! and bidirectional characters typed in a workbook never reach the terminal raw.

use crate::common::{
    fill_template, planeval, read_all, temp_dir, text, zip_parts, NamedSheet, Typed,
};
use crate::evaluate::edit_workbook;
use planeval::template::layout::Field;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The marker a cut cell ends with, for a text of `n` characters.
fn marker(n: usize) -> String {
    format!("…〔已截断：全文 {n} 字，见批注〕")
}

const LONG: usize = 40_000;

/// A text of exactly `LONG` characters that starts with `start`.
fn long_text(start: &str) -> String {
    let mut t = start.to_string();
    let fill = LONG - start.chars().count();
    t.push_str(&"长".repeat(fill));
    t
}

/// 卫健体局's 2023 template.
fn template(dir: &Path) -> PathBuf {
    let tpl_dir = dir.join("templates");
    let out = planeval(&[
        "template",
        "--year",
        "2023",
        "--unit",
        "卫健体局",
        "--out",
        s(&tpl_dir),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    tpl_dir.join("填报-卫健体局-2023.xlsx")
}

/// Rewrites parts of an xlsx: each `(from, to)` replaced in the shared strings and the workbook part
/// (sheet names). This is how a return gets text no rust_xlsxwriter call would write (longer than
/// 32,767 characters, control characters in a sheet name), as other programs and hand-made files do.
fn patch_xlsx(path: &Path, subs: &[(&str, String)]) {
    let bytes = std::fs::read(path).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        if name == "xl/sharedStrings.xml" || name == "xl/workbook.xml" {
            let mut xml = String::from_utf8(data).unwrap();
            for (from, to) in subs {
                xml = xml.replace(from, to);
            }
            data = xml.into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

fn sheet<'a>(sheets: &'a [NamedSheet], name: &str) -> &'a NamedSheet {
    sheets
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

/// Every text cell of a workbook that starts with `start`.
fn cells_starting(sheets: &[NamedSheet], start: &str) -> Vec<(String, String)> {
    sheets
        .iter()
        .flat_map(|(name, cells)| {
            cells
                .values()
                .map(text)
                .filter(|t| t.starts_with(start))
                .map(move |t| (name.clone(), t))
        })
        .collect()
}

/// Asserts that `t` is a cut text: the original start, at most a cell's length, the marker at the end.
fn assert_cut(t: &str, start: &str) {
    assert!(t.starts_with(start));
    let units: usize = t.chars().map(char::len_utf16).sum();
    assert!(units <= 32_767, "{units} UTF-16 units");
    assert!(units > 32_000, "as much as fits is kept: {units}");
    assert!(
        t.ends_with(&marker(LONG)),
        "ends with the marker: …{}",
        t.chars().rev().take(30).collect::<String>()
    );
}

/// (row, column of 采取的主要措施, column of 自评结论) of the first objective on a template's 定性目标 sheet.
fn qualitative_cells(template: &Path) -> (u32, u32, u32) {
    let sheets = read_all(template);
    let (_, cells) = sheet(&sheets, "定性目标");
    let find = |label: &str| {
        cells
            .iter()
            .find(|(_, d)| text(d) == label)
            .map(|((r, c), _)| (*r, *c))
            .unwrap_or_else(|| panic!("no {label} header"))
    };
    let (head, measures) = find("采取的主要措施");
    let (_, assessment) = find("自评结论");
    let (_, code) = find("目标编码");
    assert!(
        cells.contains_key(&(head + 1, code)),
        "卫健体局 leads a qualitative objective"
    );
    (head + 1, measures, assessment)
}

/// A 2023 return of 卫健体局 with a 40,000-character 备注, 数据来源, value and 采取的主要措施.
fn long_return(dir: &Path) -> PathBuf {
    let template = template(dir);
    let returned = dir.join("returns").join("卫健体局-2023.xlsx");
    std::fs::create_dir_all(returned.parent().unwrap()).unwrap();
    use Typed::*;
    fill_template(
        &template,
        &returned,
        &[
            ("maternal_mortality", Field::Value, Num(15.0)),
            (
                "maternal_mortality",
                Field::Remarks,
                Text("@@LONG-REMARKS@@"),
            ),
            ("maternal_mortality", Field::Source, Text("@@LONG-SOURCE@@")),
            (
                "life_expectancy_female",
                Field::Value,
                Text("@@LONG-VALUE@@"),
            ),
        ],
    );
    let (row, measures, assessment) = qualitative_cells(&template);
    edit_workbook(
        &returned,
        &[
            ("定性目标", row, assessment, "已完成"),
            ("定性目标", row, measures, "@@LONG-MEASURES@@"),
        ],
    );
    patch_xlsx(
        &returned,
        &[
            ("@@LONG-REMARKS@@", long_text("备注开头")),
            ("@@LONG-SOURCE@@", long_text("来源开头")),
            ("@@LONG-VALUE@@", long_text("数值开头")),
            ("@@LONG-MEASURES@@", long_text("措施开头")),
        ],
    );
    returned
}

#[test]
fn long_text_is_cut_with_a_marker_and_a_note_in_check_feedback() {
    let dir = temp_dir("limits-check");
    let returned = long_return(&dir);
    let fb_dir = dir.join("feedback");
    let out = planeval(&["check", s(&returned), "--year", "2023", "--out", s(&fb_dir)]);
    // The long value is an error (V101), not a failure of the run.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // The terminal shows the start of the raw text and its length, not 40,000 characters.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("…（共 40000 字）"), "{stdout}");
    assert!(stdout.chars().count() < 10_000);
    let feedback = fb_dir.join("反馈-卫健体局-2023.xlsx");
    let sheets = read_all(&feedback);

    // 问题清单: the raw text of the rejected value, cut.
    let (_, issues) = sheet(&sheets, "问题清单");
    let raw = issues
        .values()
        .map(text)
        .find(|t| t.starts_with("数值开头"))
        .expect("the rejected value's raw text is listed");
    assert_cut(&raw, "数值开头");

    // Their own sheet: 备注, 数据来源 and the value, each cut.
    let (_, own) = sheet(&sheets, "指标填报");
    for start in ["备注开头", "来源开头", "数值开头"] {
        let t = own
            .values()
            .map(text)
            .find(|t| t.starts_with(start))
            .unwrap_or_else(|| panic!("{start}… on the data sheet"));
        assert_cut(&t, start);
    }

    // The notes say how long the text is and where the whole of it is.
    let notes = zip_parts(&feedback, "xl/comments");
    assert!(
        notes.contains("原文共 40000 个字符"),
        "{}",
        &notes[..notes.len().min(2000)]
    );
    assert!(notes.contains("报送的原文件"));
    // The cut value cell keeps its problem note, with the cut said after it.
    assert!(notes.contains("V101"));
    // The input is never changed.
    let again = read_all(&returned);
    assert!(cells_starting(&again, "备注开头")
        .iter()
        .any(|(_, t)| t.chars().count() == LONG));
}

#[test]
fn long_text_survives_ingest_evaluate_and_export_and_the_store_keeps_it_whole() {
    let dir = temp_dir("limits-evaluate");
    let returned = long_return(&dir);
    let store = dir.join("store");
    let out = planeval(&[
        "ingest",
        s(&returned),
        "--store",
        s(&store),
        "--year",
        "2023",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    let eval_dir = dir.join("eval");
    let out = planeval(&[
        "evaluate",
        "--stage",
        "midterm",
        "--store",
        s(&store),
        "--out",
        s(&eval_dir),
    ]);
    // 1: the rejected value is an uncorrected error of 2023.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let workbook = eval_dir.join("中期评估-2023.xlsx");
    let sheets = read_all(&workbook);
    let measures = cells_starting(&sheets, "措施开头");
    assert_eq!(measures.len(), 1, "{measures:?}");
    assert_eq!(measures[0].0, "定性目标");
    assert_cut(&measures[0].1, "措施开头");
    let raw = cells_starting(&sheets, "数值开头");
    assert!(raw.iter().any(|(sheet, _)| sheet == "数据质量"), "{raw:?}");
    for (_, t) in &raw {
        assert_cut(t, "数值开头");
    }
    let notes = zip_parts(&workbook, "xl/comments");
    assert!(notes.contains("原文共 40000 个字符"));
    assert!(notes.contains("监测数据库"));

    // The unit's feedback workbook lists the same problem, cut the same way.
    let unit = read_all(&eval_dir.join("反馈-卫健体局-2023.xlsx"));
    let problems = cells_starting(&unit, "数值开头");
    assert!(!problems.is_empty());
    for (_, t) in &problems {
        assert_cut(t, "数值开头");
    }
    // The Word report lists the problem with the start of the raw text (a table column, not 40,000
    // characters over pages).
    let document = crate::common::zip_part(
        &eval_dir.join("中期评估报告-2023.docx"),
        "word/document.xml",
    )
    .unwrap();
    assert!(document.contains("数值开头"));
    assert!(document.matches('长').count() < 1_000);
    assert!(eval_dir.join("summary.json").is_file());

    // A review comment of 40,000 characters typed into the workbook (LibreOffice saves such cells) is
    // recorded whole and shown cut in the next workbook.
    let (_, q) = sheet(&sheets, "定性目标");
    let header = |label: &str| {
        q.iter()
            .find(|(_, d)| text(d) == label)
            .map(|((_, c), _)| *c)
            .unwrap()
    };
    let row = q
        .iter()
        .find(|(_, d)| text(d).starts_with("措施开头"))
        .map(|((r, _), _)| *r)
        .unwrap();
    edit_workbook(
        &workbook,
        &[
            ("定性目标", row, header("评估组审核结论"), "基本完成"),
            ("定性目标", row, header("审核意见"), "@@LONG-COMMENT@@"),
            ("定性目标", row, header("审核人"), "李评估"),
        ],
    );
    patch_xlsx(&workbook, &[("@@LONG-COMMENT@@", long_text("意见开头"))]);
    let out = planeval(&[
        "evaluate",
        "--stage",
        "midterm",
        "--store",
        s(&store),
        "--out",
        s(&eval_dir),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let overrides = std::fs::read_to_string(store.join("overrides.json")).unwrap();
    assert!(overrides.contains(&long_text("意见开头")), "recorded whole");
    let reviewed = read_all(&workbook);
    let comment = cells_starting(&reviewed, "意见开头");
    assert_eq!(comment.len(), 1);
    assert_cut(&comment[0].1, "意见开头");

    // English outputs cut with the English marker.
    let en_dir = dir.join("eval-en");
    let out = planeval(&[
        "evaluate",
        "--stage",
        "midterm",
        "--store",
        s(&store),
        "--out",
        s(&en_dir),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let en = read_all(&en_dir.join("midterm-evaluation-2023.xlsx"));
    let cut = cells_starting(&en, "措施开头");
    assert!(cut[0]
        .1
        .ends_with(&format!("…[cut: {LONG} characters in full, see the note]")));

    // The long panel workbook: 备注 and 数据来源 cut; the Parquet export keeps them whole.
    let xlsx = dir.join("panel.xlsx");
    let out = planeval(&["panel", "--store", s(&store), "--export", s(&xlsx)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let panel = read_all(&xlsx);
    for start in ["备注开头", "来源开头"] {
        let cells = cells_starting(&panel, start);
        assert_eq!(cells.len(), 1, "{start}");
        assert_cut(&cells[0].1, start);
    }
    let parquet = dir.join("panel.parquet");
    let out = planeval(&["panel", "--store", s(&store), "--export", s(&parquet)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let remarks = parquet_column(&parquet, "remarks");
    assert!(remarks
        .iter()
        .any(|r| r.starts_with("备注开头") && r.chars().count() == LONG));
}

/// The non-null values of a text column of a Parquet file, read with plain polars.
fn parquet_column(path: &Path, column: &str) -> Vec<String> {
    use polars::prelude::*;
    let df = ParquetReader::new(std::fs::File::open(path).unwrap())
        .finish()
        .unwrap();
    df.column(column)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .flatten()
        .map(str::to_string)
        .collect()
}

#[test]
fn feedback_names_fit_the_file_system_and_never_collide() {
    let dir = temp_dir("limits-names");
    let template = template(&dir);
    let inbox = dir.join("inbox");
    // Two folders of 60 characters (180 bytes each, under the 255 a name may have), and file names
    // of 75 characters that differ only at their end: the feedback name would be over 600 bytes.
    let deep = inbox
        .join(format!("县{}", "级".repeat(59)))
        .join(format!("乡{}", "镇".repeat(59)));
    std::fs::create_dir_all(&deep).unwrap();
    let stem = format!("卫健体局{}", "报".repeat(70));
    let first = deep.join(format!("{stem}甲.xlsx"));
    let second = deep.join(format!("{stem}乙.xlsx"));
    let short = inbox.join("卫健体局.xlsx");
    for path in [&first, &second, &short] {
        fill_template(
            &template,
            path,
            &[("maternal_mortality", Field::Value, Typed::Num(15.0))],
        );
    }
    let fb_dir = dir.join("feedback");
    let out = planeval(&["check", s(&inbox), "--year", "2023", "--out", s(&fb_dir)]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(&fb_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    for n in &names {
        assert!(n.len() <= 255, "{} bytes: {n}", n.len());
        assert!(n.starts_with("反馈-") && n.ends_with(".xlsx"), "{n}");
    }
    assert!(names.contains(&"反馈-卫健体局.xlsx".to_string()));
    let long: Vec<&String> = names.iter().filter(|n| n.len() > 100).collect();
    assert_eq!(long.len(), 2);
    for n in &long {
        // The start of the folders is kept; the end is a hash of the whole name.
        assert!(n.starts_with("反馈-县级级级"), "{n}");
        let tag = n.trim_end_matches(".xlsx").rsplit('-').next().unwrap();
        assert_eq!(tag.len(), 8, "{n}");
        assert!(tag.chars().all(|c| c.is_ascii_hexdigit()), "{n}");
    }
    // Each long name holds the feedback of its own return.
    let titles: Vec<String> = long
        .iter()
        .map(|n| {
            let sheets = read_all(&fb_dir.join(n));
            text(&sheet(&sheets, "问题清单").1[&(0, 0)])
        })
        .collect();
    assert!(titles.iter().any(|t| t.ends_with("甲.xlsx")), "{titles:?}");
    assert!(titles.iter().any(|t| t.ends_with("乙.xlsx")), "{titles:?}");

    // The same inputs give the same names on the next run.
    let again = dir.join("feedback-again");
    planeval(&["check", s(&inbox), "--year", "2023", "--out", s(&again)]);
    let mut names_again: Vec<String> = std::fs::read_dir(&again)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names_again.sort();
    assert_eq!(names, names_again);
}

#[test]
fn csv_exports_neutralise_formulas_and_parquet_keeps_the_text() {
    let dir = temp_dir("limits-csv");
    let template = template(&dir);
    let returned = dir.join("returns").join("卫健体局-2023.xlsx");
    std::fs::create_dir_all(returned.parent().unwrap()).unwrap();
    use Typed::*;
    fill_template(
        &template,
        &returned,
        &[
            ("maternal_mortality", Field::Value, Num(15.0)),
            ("maternal_mortality", Field::Remarks, Text("=1+1")),
            ("maternal_mortality", Field::Source, Text("@z")),
            ("life_expectancy_female", Field::Value, Num(78.4)),
            ("life_expectancy_female", Field::Remarks, Text("-y")),
            ("life_expectancy_female", Field::Source, Text("+x")),
            ("induced_abortion_rate", Field::Value, Num(8.5)),
            ("induced_abortion_rate", Field::Remarks, Text("-1.5")),
        ],
    );
    let store = dir.join("store");
    let out = planeval(&[
        "ingest",
        s(&returned),
        "--store",
        s(&store),
        "--year",
        "2023",
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));

    let csv = dir.join("panel.csv");
    let out = planeval(&["panel", "--store", s(&store), "--export", s(&csv)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let body = std::fs::read_to_string(&csv).unwrap();
    let fields: Vec<&str> = body
        .lines()
        .flat_map(|l| l.split(','))
        .map(|f| f.trim_matches('"'))
        .collect();
    for neutralised in ["'=1+1", "'@z", "'-y", "'+x"] {
        assert!(fields.contains(&neutralised), "{neutralised} in\n{body}");
    }
    for raw in ["=1+1", "@z", "-y", "+x"] {
        assert!(!fields.contains(&raw), "{raw} left as it was in\n{body}");
    }
    // A text that is a plain number, and the numbers themselves, stay as they are.
    assert!(fields.contains(&"-1.5"), "{body}");
    assert!(!fields.contains(&"'-1.5"));
    assert!(fields.contains(&"78.4"));

    // Parquet is data: every text as typed.
    let parquet = dir.join("panel.parquet");
    let out = planeval(&["panel", "--store", s(&store), "--export", s(&parquet)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let remarks = parquet_column(&parquet, "remarks");
    for raw in ["=1+1", "-y", "-1.5"] {
        assert!(remarks.iter().any(|r| r == raw), "{raw} in {remarks:?}");
    }
    assert!(parquet_column(&parquet, "source").iter().any(|r| r == "@z"));
}

#[test]
fn control_and_bidi_characters_never_reach_the_terminal_raw() {
    let dir = temp_dir("limits-terminal");
    let template = template(&dir);
    let returned = dir.join("returns").join("卫健体局-2023.xlsx");
    std::fs::create_dir_all(returned.parent().unwrap()).unwrap();
    fill_template(
        &template,
        &returned,
        &[
            ("maternal_mortality", Field::Value, Typed::Num(15.0)),
            (
                "life_expectancy_female",
                Field::Value,
                Typed::Text("@@HOSTILE-VALUE@@"),
            ),
        ],
    );
    // A value that clears the screen and rings the bell, and a sheet name that sets the colour and
    // turns the text right to left.
    patch_xlsx(
        &returned,
        &[
            (
                "@@HOSTILE-VALUE@@",
                "78\u{1b}[2J\u{7}\u{202e}岁".to_string(),
            ),
            (
                "name=\"指标填报\"",
                "name=\"指标\u{1b}[31m填报\u{7}\u{202e}\"".to_string(),
            ),
        ],
    );
    let fb_dir = dir.join("feedback");
    let out = planeval(&["check", s(&returned), "--year", "2023", "--out", s(&fb_dir)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!stdout.contains(raw), "{raw:?} printed raw:\n{stdout}");
        assert!(!stderr(&out).contains(raw));
    }
    // The location names the sheet with its characters made visible, and so does the raw text.
    assert!(
        stdout.contains("!指标<U+001B>[31m填报<U+0007><U+202E>!"),
        "{stdout}"
    );
    assert!(
        stdout.contains("原文: 78<U+001B>[2J<U+0007><U+202E>岁"),
        "{stdout}"
    );

    // The feedback workbook was written, its copy of their sheet named as Excel allows.
    let sheets = read_all(&fb_dir.join("反馈-卫健体局-2023.xlsx"));
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["问题清单", "指标__31m填报_\u{202e}"]);

    // --json is data: the text exactly as typed (JSON escapes the control characters itself).
    let out = planeval(&["check", s(&returned), "--year", "2023", "--json"]);
    let json = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(!json.contains('\u{1b}'), "JSON escapes ESC");
    assert!(json.contains("\\u001b[2J\\u0007"), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let raws: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["raw"].as_str())
        .collect();
    assert!(raws.contains(&"78\u{1b}[2J\u{7}\u{202e}岁"), "{raws:?}");
}
