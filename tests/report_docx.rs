//! The Word report (`<阶段>报告-<年度>.docx`) read back from its XML: `planeval demo` writes the
//! annual, mid-term and final reports (Chinese), `evaluate --lang en` the English final one on the
//! demo's store. Each is checked against its own summary.json — headings, the 达标率 and the counts of
//! the overview table, a chart with alt text per domain, the annex row per indicator — and for the
//! layout it promises: A4 with GB/T 9704 margins, East Asian fonts in the styles, tables with a column
//! grid, page numbers in the footer.

use crate::common::{json, planeval, temp_dir};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The demo, run once for this module: (its folder, its JSON report).
fn demo() -> &'static (PathBuf, Value) {
    static DEMO: OnceLock<(PathBuf, Value)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = temp_dir("report-docx-demo");
        let out = planeval(&["demo", "--out", dir.to_str().unwrap(), "--json", "--quiet"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (dir, json(&out))
    })
}

fn stage_dir(stage: &str) -> PathBuf {
    let (_, report) = demo();
    let o = report["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["stage"] == stage)
        .unwrap_or_else(|| panic!("no {stage} in {report}"));
    PathBuf::from(o["dir"].as_str().unwrap())
}

fn summary(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap()
}

/// Every part of a zip, by name.
fn parts(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).unwrap();
            let name = e.name().unwrap().to_string();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            (name, bytes)
        })
        .collect()
}

fn text_of(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .clone(),
    )
    .unwrap()
}

/// The XML text between `<w:t …>` and `</w:t>`, unescaped.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:t") {
        let after = &rest[i + 4..];
        // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl…>` or `<w:tc>`.
        if !(after.starts_with('>') || after.starts_with(' ')) {
            rest = after;
            continue;
        }
        let Some(open_end) = after.find('>') else {
            break;
        };
        if after[..open_end].ends_with('/') {
            rest = &after[open_end + 1..];
            continue;
        }
        let body = &after[open_end + 1..];
        let end = body.find("</w:t>").unwrap();
        out.push_str(&body[..end]);
        rest = &body[end..];
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The pieces of the body in order: paragraphs (style, text, whether it holds a picture) and tables
/// (rows of cell texts, the grid).
#[derive(Debug)]
enum Piece {
    Para {
        style: String,
        text: String,
        drawing: Option<String>,
    },
    Table {
        grid: Vec<usize>,
        width: usize,
        rows: Vec<Vec<String>>,
        header_repeats: bool,
    },
}

fn attr<'x>(xml: &'x str, name: &str) -> Option<&'x str> {
    let key = format!("{name}=\"");
    let i = xml.find(&key)? + key.len();
    Some(&xml[i..i + xml[i..].find('"')?])
}

fn body(document: &str) -> Vec<Piece> {
    let start = document.find("<w:body>").unwrap() + "<w:body>".len();
    let mut rest = &document[start..];
    let mut out = Vec::new();
    loop {
        let p = rest.find("<w:p ").or_else(|| rest.find("<w:p>"));
        let t = rest.find("<w:tbl>");
        match (p, t) {
            (Some(p), t) if t.is_none_or(|t| p < t) => {
                let end = rest[p..].find("</w:p>").unwrap() + p + 6;
                let xml = &rest[p..end];
                let style = xml
                    .find("<w:pStyle ")
                    .and_then(|i| attr(&xml[i..], "w:val"))
                    .unwrap_or("")
                    .to_string();
                let drawing = xml
                    .find("<wp:docPr ")
                    .map(|i| attr(&xml[i..], "descr").unwrap_or("").to_string());
                out.push(Piece::Para {
                    style,
                    text: texts(xml),
                    drawing,
                });
                rest = &rest[end..];
            }
            (_, Some(t)) => {
                let end = rest[t..].find("</w:tbl>").unwrap() + t + 8;
                let xml = &rest[t..end];
                assert!(!xml[7..].contains("<w:tbl>"), "nested table");
                let width = xml
                    .find("<w:tblW ")
                    .and_then(|i| attr(&xml[i..], "w:w"))
                    .unwrap()
                    .parse()
                    .unwrap();
                let grid_xml = &xml[xml.find("<w:tblGrid>").expect("w:tblGrid")..];
                let grid_xml = &grid_xml[..grid_xml.find("</w:tblGrid>").unwrap()];
                let grid = grid_xml
                    .split("<w:gridCol ")
                    .skip(1)
                    .map(|g| attr(g, "w:w").unwrap().parse().unwrap())
                    .collect();
                let rows: Vec<&str> = xml.split("<w:tr>").skip(1).collect();
                let header_repeats = rows.first().is_some_and(|r| r.contains("<w:tblHeader/>"));
                let rows = rows
                    .iter()
                    .map(|r| r.split("<w:tc>").skip(1).map(texts).collect())
                    .collect();
                out.push(Piece::Table {
                    grid,
                    width,
                    rows,
                    header_repeats,
                });
                rest = &rest[end..];
            }
            _ => break,
        }
    }
    out
}

fn headings<'p>(pieces: &'p [Piece], style: &str) -> Vec<&'p str> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Para { style: s, text, .. } if s == style => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn rate_text(v: &Value) -> String {
    v.as_f64()
        .map_or_else(|| "—".to_string(), |r| format!("{:.1}%", r * 100.0))
}

/// Status labels as the overview table's header writes them, to their summary.json codes.
fn status_code(label: &str) -> Option<&'static str> {
    Some(match label {
        "已实现" | "achieved" => "achieved",
        "基本实现" | "basically achieved" => "basically_achieved",
        "未实现" | "not achieved" => "not_achieved",
        "已达标" | "met" => "met",
        "进展顺利" | "on track" => "on_track",
        "需加快" | "needs acceleration" => "needs_acceleration",
        "进展缓慢" | "slow progress" => "slow_progress",
        "反向变化" | "moving away from the target" => "regressing",
        "无数据" | "no data" => "no_data",
        _ => return None,
    })
}

/// Everything the issue asks of one report, against its summary.json.
fn check_report(dir: &Path, file: &str, zh: bool) {
    let s = summary(dir);
    let outputs: Vec<&str> = s["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        outputs[1], file,
        "the Word report follows the workbook: {outputs:?}"
    );
    let path = dir.join(file);
    let parts = parts(&path);
    let document = text_of(&parts, "word/document.xml");
    let pieces = body(&document);

    // Headings: Word's heading styles, in the order of the national monitoring reports.
    let h1 = headings(&pieces, "Heading1");
    let expected_h1: &[&str] = if zh {
        &[
            "摘要",
            "一、总体情况",
            "二、各领域情况",
            "三、存在的主要问题",
            "四、对策建议",
            "附表　各项指标监测情况",
            "数据质量",
        ]
    } else {
        &[
            "Summary",
            "1. Overall",
            "2. By domain",
            "3. Main problems",
            "4. Recommendations",
            "Annex table: every indicator",
            "Data quality",
        ]
    };
    assert_eq!(h1, expected_h1);
    assert!(
        !document.contains("地区对比"),
        "no area comparison at a county"
    );
    let domains = s["domains"].as_array().unwrap();
    let h2 = headings(&pieces, "Heading2");
    for (i, d) in domains.iter().enumerate() {
        let name = d["name"].as_str().unwrap();
        let want = if zh {
            format!(
                "（{}）{name}",
                ["一", "二", "三", "四", "五", "六", "七", "八"][i]
            )
        } else {
            format!("2.{} {name}", i + 1)
        };
        assert_eq!(h2[i], want, "{h2:?}");
    }
    let styles = text_of(&parts, "word/styles.xml");
    assert!(
        styles.contains(r#"w:styleId="Heading1""#)
            && styles.contains(r#"<w:name w:val="heading 1""#),
        "{styles}"
    );
    assert!(
        styles.contains(r#"<w:outlineLvl w:val="0""#)
            && styles.contains(r#"<w:outlineLvl w:val="1""#)
    );

    // 摘要: the rate and the counts of summary.json.
    let rate = rate_text(&s["attainment_rate"]);
    let abstract_text = match &pieces[pieces
        .iter()
        .position(|p| matches!(p, Piece::Para { style, .. } if style == "Heading1"))
        .unwrap()
        + 1]
    {
        Piece::Para { text, .. } => text.clone(),
        other => panic!("{other:?}"),
    };
    assert!(abstract_text.contains(&rate), "{abstract_text} / {rate}");
    for key in ["indicators", "monitorable", "attained"] {
        let n = s[key].as_u64().unwrap().to_string();
        assert!(abstract_text.contains(&n), "{key} {n}: {abstract_text}");
    }
    assert!(
        document.contains(r#"<w:b />"#) || document.contains("<w:b/>"),
        "the rate stands out"
    );

    // 一、总体情况: the table by domain equals summary.json, row by row.
    let Some(Piece::Table { rows, .. }) = pieces.iter().find(|p| matches!(p, Piece::Table { .. }))
    else {
        panic!("no table");
    };
    let header = &rows[0];
    assert_eq!(rows.len(), 1 + domains.len() + 1, "{rows:?}");
    let col = |label: &str| header.iter().position(|h| h == label);
    for (r, expect) in rows[1..].iter().zip(domains.iter().chain([&s])) {
        let monitorable = col(if zh {
            "可监测指标"
        } else {
            "Monitorable indicators"
        })
        .unwrap();
        assert_eq!(
            r[monitorable],
            expect["monitorable"].as_u64().unwrap().to_string(),
            "{r:?}"
        );
        let rate_col = col(if zh { "达标率" } else { "Attainment rate" }).unwrap();
        assert_eq!(r[rate_col], rate_text(&expect["attainment_rate"]), "{r:?}");
        let warnings = col(if zh { "预警" } else { "Warnings" }).unwrap();
        assert_eq!(
            r[warnings],
            expect["warnings"].as_u64().unwrap().to_string(),
            "{r:?}"
        );
        let mut statuses = 0;
        for (i, h) in header.iter().enumerate() {
            if let Some(code) = status_code(h) {
                statuses += 1;
                assert_eq!(
                    r[i],
                    expect["counts"][code].as_u64().unwrap().to_string(),
                    "{h} in {r:?}"
                );
            }
        }
        assert_eq!(
            statuses + 1,
            expect["counts"].as_object().unwrap().len(),
            "every status but not_scored: {header:?}"
        );
    }

    // 二、各领域情况: each domain with charted indicators has its chart, with alt text and a caption.
    let mut current: Option<usize> = None;
    let mut charts: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut findings: BTreeMap<usize, usize> = BTreeMap::new();
    let mut in_domains = false;
    for p in &pieces {
        if let Piece::Para {
            style,
            text,
            drawing,
        } = p
        {
            if style == "Heading1" {
                in_domains = text == expected_h1[2];
                current = None;
            } else if style == "Heading2" && in_domains {
                current = h2.iter().position(|h| h == text);
            } else if let (Some(d), Some(alt)) = (current, drawing) {
                charts.entry(d).or_default().push(alt.clone());
            } else if let (Some(d), true) = (current, style == "BodyText") {
                // `12. 孕产妇死亡率…`: a numbered finding.
                let digits = text.chars().take_while(char::is_ascii_digit).count();
                if digits > 0 && text[digits..].starts_with(". ") {
                    *findings.entry(d).or_default() += 1;
                }
            }
        }
    }
    for (i, d) in domains.iter().enumerate() {
        let monitorable = d["monitorable"].as_u64().unwrap() as usize;
        assert_eq!(
            findings.get(&i).copied().unwrap_or(0),
            monitorable,
            "one finding per monitorable indicator in {d}"
        );
        if monitorable > 0 {
            let alts = charts.get(&i).unwrap_or_else(|| panic!("no chart for {d}"));
            for alt in alts {
                assert!(alt.contains(d["name"].as_str().unwrap()), "{alt}");
            }
        } else {
            assert!(!charts.contains_key(&i), "{d}");
        }
    }
    // Every picture: a unique docPr id, its PNG in the package.
    let ids: Vec<&str> = document
        .split("<wp:docPr ")
        .skip(1)
        .map(|x| attr(x, "id").unwrap())
        .collect();
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    let rels = text_of(&parts, "word/_rels/document.xml.rels");
    for embed in document.split("r:embed=\"").skip(1) {
        let id = &embed[..embed.find('"').unwrap()];
        let rel = &rels[rels.find(&format!("Id=\"{id}\"")).unwrap()..];
        let target = attr(rel, "Target").unwrap();
        let png = parts.get(&format!("word/{target}")).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
    assert_eq!(ids.len(), charts.values().map(Vec::len).sum::<usize>());

    // 四、对策建议: marked places for the group, prefilled.
    let placeholder = if zh { "【待填写" } else { "[To be written" };
    assert!(document.matches(placeholder).count() >= 2, "placeholders");
    assert!(
        document.contains(r#"<w:highlight w:val="yellow" />"#)
            || document.contains(r#"<w:highlight w:val="yellow"/>"#)
    );

    // 附表: one row per indicator (and one per domain with indicators), with the header repeated.
    let annex_at = pieces
        .iter()
        .position(|p| matches!(p, Piece::Para { style, text, .. } if style == "Heading1" && text == expected_h1[5]))
        .unwrap();
    let Some(Piece::Table {
        rows,
        header_repeats,
        ..
    }) = pieces[annex_at..]
        .iter()
        .find(|p| matches!(p, Piece::Table { .. }))
    else {
        panic!("no annex table");
    };
    let data_rows = rows[1..].iter().filter(|r| r.len() > 1).count();
    assert_eq!(data_rows as u64, s["indicators"].as_u64().unwrap());
    assert!(*header_repeats, "the annex header repeats on every page");

    // Every table has a real grid: one column per header cell, summing to the table width.
    for p in &pieces {
        if let Piece::Table {
            grid, width, rows, ..
        } = p
        {
            assert_eq!(grid.len(), rows[0].len(), "{rows:?}");
            assert_eq!(grid.iter().sum::<usize>(), *width);
            assert!(grid.iter().all(|w| *w > 300), "{grid:?}");
        }
    }

    // GB/T 9704: A4 portrait text pages with the standard's margins; landscape for the annex.
    let first_sect = &document[document.find("<w:sectPr>").unwrap()..];
    assert!(
        first_sect.starts_with("<w:sectPr><w:footerReference"),
        "{}",
        &first_sect[..200]
    );
    let pg_sz = &first_sect[first_sect.find("<w:pgSz ").unwrap()..];
    assert_eq!(attr(pg_sz, "w:w"), Some("11906"));
    assert_eq!(attr(pg_sz, "w:h"), Some("16838"));
    let pg_mar = &first_sect[first_sect.find("<w:pgMar ").unwrap()..];
    for (side, twips) in [
        ("w:top", "2098"),
        ("w:bottom", "1984"),
        ("w:left", "1587"),
        ("w:right", "1474"),
    ] {
        assert_eq!(attr(pg_mar, side), Some(twips), "{side}");
    }
    assert!(document.contains(r#"w:orient="landscape""#));

    // Fonts: the East Asian slot is set, in the document defaults and in every style that matters.
    let defaults =
        &styles[styles.find("<w:docDefaults>").unwrap()..styles.find("</w:docDefaults>").unwrap()];
    assert!(defaults.contains(r#"w:eastAsia="仿宋""#), "{defaults}");
    assert!(
        defaults.contains("<w:lang ") && defaults.contains(r#"w:eastAsia="zh-CN""#),
        "{defaults}"
    );
    for (style, font) in [
        ("Title", "方正小标宋简体"),
        ("BodyText", "仿宋"),
        ("Heading1", "黑体"),
        ("Heading2", "楷体"),
    ] {
        let at = styles.find(&format!(r#"w:styleId="{style}""#)).unwrap();
        let end = styles[at..].find("</w:style>").unwrap() + at;
        assert!(
            styles[at..end].contains(&format!(r#"w:eastAsia="{font}""#)),
            "{style}: {}",
            &styles[at..end]
        );
    }
    let title_at = styles.find(r#"w:styleId="Title""#).unwrap();
    assert!(styles[title_at..].contains(r#"<w:sz w:val="44""#), "二号");
    let body_at = styles.find(r#"w:styleId="BodyText""#).unwrap();
    assert!(styles[body_at..].contains(r#"<w:sz w:val="32""#), "三号");
    let fonts = text_of(&parts, "word/fontTable.xml");
    assert!(
        fonts.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#),
        "{fonts}"
    );

    // Page numbers at the foot: — PAGE — on odd and even pages.
    let settings = text_of(&parts, "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders"));
    let footers: Vec<String> = parts
        .keys()
        .filter(|k| k.starts_with("word/footer"))
        .map(|k| text_of(&parts, k))
        .collect();
    assert_eq!(footers.len(), 2);
    for f in &footers {
        assert!(f.contains(">PAGE<") && texts(f).starts_with("— "), "{f}");
    }

    // The document properties name it, and the run it comes from.
    let core = text_of(&parts, "docProps/core.xml");
    assert!(
        core.contains(&format!("<dc:title>{}", headings(&pieces, "Title")[0])),
        "{core}"
    );
    let custom = text_of(&parts, "docProps/custom.xml");
    for key in ["stage", "year", "generated_at"] {
        let value = s[key].to_string();
        let value = value.trim_matches('"');
        assert!(
            custom.contains(&format!(r#"name="{key}"><vt:lpwstr>{value}</vt:lpwstr>"#)),
            "{key}: {custom}"
        );
    }
}

#[test]
fn the_demo_writes_a_word_report_per_stage_that_agrees_with_summary_json() {
    for (stage, file) in [
        ("midterm", "中期评估报告-2023.docx"),
        ("final", "终期评估报告-2025.docx"),
        ("annual", "年度监测报告-2024.docx"),
    ] {
        check_report(&stage_dir(stage), file, true);
    }
}

#[test]
fn the_mid_term_report_says_what_the_demo_story_says() {
    let dir = stage_dir("midterm");
    let parts = parts(&dir.join("中期评估报告-2023.docx"));
    let document = text_of(&parts, "word/document.xml");
    let pieces = body(&document);
    let text: Vec<&str> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Para { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    // The title block: plan and stage, the issuing body.
    assert_eq!(
        headings(&pieces, "Title"),
        ["古县妇女发展“十四五”规划中期评估报告"]
    );
    assert!(text.contains(&"古县妇儿工委办公室（评估组）"), "{text:?}");
    // A finding: latest value, change since the baseline and the year before, the plan's urban/rural
    // breakdown, the target and the status — the numbers the workbook shows.
    let finding = text
        .iter()
        .find(|t| t.contains("孕产妇死亡率2023年为"))
        .unwrap();
    for part in [
        "比2020年",
        "比上年",
        "城镇",
        "农村",
        "目标≤12.5",
        "【需加快】",
    ] {
        assert!(finding.contains(part), "{part}: {finding}");
    }
    // 三、存在的主要问题: the warnings by kind, with the responsible unit.
    assert!(
        text.iter()
            .any(|t| t.starts_with("（一）按趋势预计难以按期实现目标")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("孕产妇死亡率（卫健体局）：")),
        "{text:?}"
    );
    // 数据质量: the uncorrected errors with their file!sheet!cell.
    assert!(document.contains("填报-医保局-2023.xlsx!指标填报!H5"));
}

#[test]
fn english_reports_are_english_and_agree_with_their_summary() {
    let (demo_dir, _) = demo();
    let out = temp_dir("report-docx-en");
    let run = planeval(&[
        "evaluate",
        "--stage",
        "final",
        "--store",
        demo_dir.join("store").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    check_report(&out, "final-evaluation-report-2025.docx", false);
}
