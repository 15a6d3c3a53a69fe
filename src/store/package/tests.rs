//! Reporting packages against crafted and altered bytes: seals, parts, plans, areas, supersession.

use super::*;

fn row(org: &str, indicator: &str, value: f64, revision: u32) -> PanelRow {
    PanelRow {
        plan_id: "gu-county-women-2021-2025".into(),
        org: org.into(),
        indicator: indicator.into(),
        year: 2023,
        sex: "total".into(),
        area: "total".into(),
        field: "value".into(),
        value,
        unit: "percent".into(),
        reporting_unit: "妇联".into(),
        source_file: "妇联.xlsx".into(),
        sha256: format!("sha{revision}"),
        sheet: "指标填报".into(),
        cell: "H4".into(),
        raw: value.to_string(),
        source: None,
        remarks: None,
        ingested_at: "2024-01-10T08:00:00+08:00".into(),
        revision,
    }
}

fn file(revision: u32) -> IngestedFile {
    IngestedFile {
        plan_id: Some("gu-county-women-2021-2025".into()),
        unit: Some("妇联".into()),
        org: Some("古县".into()),
        year: Some(2023),
        years: vec![2023],
        revision,
        ingested_at: "2024-01-10T08:00:00+08:00".into(),
        ..IngestedFile::new(FileKind::Return, "妇联.xlsx", format!("sha{revision}"))
    }
}

fn packed(at: &str) -> Packed {
    let cat = Catalog::builtin().unwrap();
    let contents = PackageContents {
        area: PackageArea {
            code: "141025".into(),
            name: "古县".into(),
            level: "county".into(),
        },
        year: 2023,
        panel: vec![row("古县", "x", 1.0, 1), row("古县", "y", 2.0, 2)],
        quarantine: Vec::new(),
        assessments: Vec::new(),
        files: vec![file(2), file(1)],
    };
    write_package(&cat, contents, at).unwrap()
}

/// The zip's entries with one entry's bytes replaced.
fn with_entry(bytes: &[u8], name: &str, edit: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut zout = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).unwrap();
        let entry = e.name().unwrap().to_string();
        let mut b = Vec::new();
        e.read_to_end(&mut b).unwrap();
        if entry == name {
            edit(&mut b);
        }
        zout.start_file(entry.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(&b).unwrap();
    }
    zout.finish().unwrap().into_inner()
}

#[test]
fn a_package_reads_back_with_its_files_in_order_and_the_same_content_is_the_same_identity() {
    let a = packed("2024-02-01T08:00:00+08:00");
    let p = read_package(&a.bytes, "古县.pepkg").unwrap();
    assert_eq!(p.panel.len(), 2);
    let revisions: Vec<u32> = p.manifest.files.iter().map(|f| f.revision).collect();
    assert_eq!(revisions, [1, 2], "files in the sender's revision order");
    assert_eq!(p.manifest.files[0].values, 1);
    // Exported again later: another file, the same identity.
    let b = packed("2024-03-01T08:00:00+08:00");
    assert_ne!(a.bytes, b.bytes);
    assert_eq!(a.manifest.content_sha256, b.manifest.content_sha256);
    let batches = p.batches("古县.pepkg", &|sha| sha == "sha1");
    assert_eq!(batches.len(), 1, "a file the store has is left out");
    assert_eq!(batches[0].values.len(), 1);
    let via = batches[0].file.package.as_ref().unwrap();
    assert_eq!((via.sender_revision, via.area_code.as_str()), (2, "141025"));
}

#[test]
fn an_edited_manifest_or_part_is_refused_as_tampered() {
    let a = packed("2024-02-01T08:00:00+08:00");
    let edited = with_entry(&a.bytes, PACKAGE_MANIFEST, |b| {
        let t = String::from_utf8(b.clone()).unwrap();
        *b = t.replace("\"古县\"", "\"安泽县\"").into_bytes();
    });
    let err = read_package(&edited, "p").unwrap_err();
    assert!(matches!(err, Error::PackageTampered { .. }), "{err}");
    assert!(err.to_string().contains("seal"), "{err}");

    let flipped = with_entry(&a.bytes, "panel.parquet", |b| {
        let mid = b.len() / 2;
        b[mid] ^= 1;
    });
    let err = read_package(&flipped, "p").unwrap_err();
    assert!(err.to_string().contains("SHA-256"), "{err}");

    let extra = {
        let mut zin = zip::ZipArchive::new(Cursor::new(&a.bytes[..])).unwrap();
        let mut zout = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zin.len() {
            zout.raw_copy_file(zin.by_index(i).unwrap()).unwrap();
        }
        zout.start_file("extra.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(b"x").unwrap();
        zout.finish().unwrap().into_inner()
    };
    let err = read_package(&extra, "p").unwrap_err();
    assert!(err.to_string().contains("extra.txt"), "{err}");

    let err = read_package(b"not a zip", "p").unwrap_err();
    assert!(matches!(err, Error::PackageUnreadable { .. }), "{err}");
}

#[test]
fn an_older_package_never_supersedes_a_newer_one() {
    let newer = read_package(&packed("2024-03-01T08:00:00+08:00").bytes, "n").unwrap();
    let mut stored = file(9);
    stored.package = Some(PackageRef {
        name: "n.pepkg".into(),
        content_sha256: "other".into(),
        area_code: "141025".into(),
        year: 2023,
        created_at: newer.manifest.created_at.clone(),
        sender_revision: 9,
    });
    let older = read_package(&packed("2024-02-01T08:00:00+08:00").bytes, "o").unwrap();
    let files = [stored];
    assert!(matches!(
        intake(&older, "o.pepkg", files.iter()),
        Intake::OlderThanStored(_)
    ));
    assert!(matches!(
        intake(&newer, "n.pepkg", files.iter()),
        Intake::Add(_)
    ));
}
