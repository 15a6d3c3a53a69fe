//! `planeval check` over a folder holding every kind of bad file next to a good return: each bad file
//! gives its one diagnostic, nothing panics, and the good file is still read.


use crate::common::{fill_template, planeval, temp_dir, Typed};
use planeval::template::layout::Field;

#[test]
fn each_bad_file_gets_its_diagnostic_and_the_good_file_is_still_read() {
    let dir = temp_dir("bad-files");
    let inbox = dir.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let bad = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bad");
    let expected = [
        ("empty.xlsx", "F004"),
        ("truncated.xlsx", "F001"),
        ("not-a-spreadsheet.xlsx", "F001"),
        ("html-table.xls", "F001"),
        ("word-document.xlsx", "F001"),
        ("encrypted.xlsx", "F002"),
        ("zip-bomb.xlsx", "F003"),
        ("huge-dimension.xlsx", "F003"),
        ("million-rows.xlsx", "F003"),
        ("wrong-extension.ods", "F006"),
    ];
    for (name, _) in expected {
        std::fs::copy(format!("{bad}/{name}"), inbox.join(name)).unwrap();
    }
    // A folder may hold other files too: they are skipped, not read.
    std::fs::write(inbox.join("说明.txt"), "随表附上的说明").unwrap();

    let tpl = dir.join("tpl");
    let out = planeval(&[
        "template",
        "--year",
        "2023",
        "--unit",
        "医保局",
        "--out",
        tpl.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    fill_template(
        &tpl.join("填报-医保局-2023.xlsx"),
        &inbox.join("zz-医保局-2023.xlsx"),
        &[
            (
                "medical_insurance_coverage_female",
                Field::Value,
                Typed::Num(96.5),
            ),
            (
                "maternity_insurance_coverage",
                Field::Value,
                Typed::Num(88.0),
            ),
        ],
    );

    let out = planeval(&["check", inbox.to_str().unwrap(), "--json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "bad files are data errors, not a tool failure"
    );
    let report = crate::common::json(&out);
    let files = report["files"].as_array().unwrap();
    assert_eq!(
        files.len(),
        expected.len() + 1,
        "every spreadsheet-named file is reported, the .txt skipped"
    );
    for (name, code) in expected {
        let f = files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} not reported"));
        let codes: Vec<&str> = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert!(
            codes.contains(&code),
            "{name}: expected {code}, got {codes:?}"
        );
        let d = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .unwrap();
        assert!(
            !d["message"].as_str().unwrap().is_empty() && !d["hint"].as_str().unwrap().is_empty()
        );
    }
    // Unreadable files give exactly one diagnostic, at file level.
    for name in [
        "empty.xlsx",
        "truncated.xlsx",
        "encrypted.xlsx",
        "zip-bomb.xlsx",
        "html-table.xls",
    ] {
        let f = files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        assert_eq!(
            f["diagnostics"].as_array().unwrap().len(),
            1,
            "{name}: {f:#}"
        );
        assert_eq!(f["diagnostics"][0]["location"]["kind"], "file");
    }
    // The far cell of a huge sheet is named, not allocated.
    let huge = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("huge-dimension.xlsx"))
        .unwrap();
    let d = huge["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "F003")
        .unwrap();
    assert_eq!(d["location"]["cell"], "XFD1048576");

    let good = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("zz-医保局-2023.xlsx"))
        .unwrap();
    assert_eq!(good["unit"], "医保局");
    let values: Vec<f64> = good["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [96.5, 88.0]);
}
