//! The store's own rules: supersession, history, quarantine, commits that survive being killed.

use super::*;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("planeval-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn batch(sha: &str, values: &[(&str, f64)]) -> Batch {
    let rows = values
        .iter()
        .map(|(ind, v)| PanelRow {
            plan_id: "p".into(),
            org: "古县".into(),
            indicator: ind.to_string(),
            year: 2023,
            sex: "total".into(),
            area: "total".into(),
            field: "value".into(),
            value: *v,
            unit: "percent".into(),
            reporting_unit: "妇联".into(),
            source_file: format!("{sha}.xlsx"),
            sha256: sha.into(),
            sheet: "指标填报".into(),
            cell: "H4".into(),
            raw: v.to_string(),
            source: None,
            remarks: None,
            ingested_at: String::new(),
            revision: 0,
        })
        .collect::<Vec<_>>();
    Batch {
        file: IngestedFile {
            plan_id: Some("p".into()),
            unit: Some("妇联".into()),
            year: Some(2023),
            years: vec![2023],
            values: rows.len(),
            ..IngestedFile::new(FileKind::Return, format!("{sha}.xlsx"), sha)
        },
        values: rows,
        quarantine: Vec::new(),
        assessments: Vec::new(),
        diagnostics: Vec::new(),
    }
}

#[test]
fn a_resubmission_supersedes_and_keeps_history() {
    let dir = temp("resubmit");
    let mut w = Writer::open(&dir, "test").unwrap();
    let a = w.add(batch("aa", &[("x", 1.0), ("y", 2.0)]));
    assert_eq!((a.revision, a.added), (1, 2));
    w.commit(&mut |_| {}).unwrap();

    let mut w = Writer::open(&dir, "test").unwrap();
    assert!(w.already_ingested("aa").is_some());
    let b = w.add(batch("bb", &[("x", 1.5)]));
    assert_eq!(b.revision, 2);
    assert_eq!(b.superseded.len(), 1);
    assert_eq!(b.kept_from_earlier, 1, "y stays current");
    w.commit(&mut |_| {}).unwrap();

    let store = Store::open(&dir).unwrap();
    assert_eq!(store.panel().unwrap().len(), 3, "the old x is history");
    let cur = store.current_panel().unwrap();
    let x = cur.iter().find(|r| r.indicator == "x").unwrap();
    assert_eq!((x.value, x.revision, x.sha256.as_str()), (1.5, 2, "bb"));
    assert_eq!(store.manifest().files.len(), 2);
    assert!(!dir.join(lock::LOCK_FILE).exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_run_flushed_in_parts_reads_back_as_one_and_is_repaired_the_same() {
    let dir = temp("flushed");
    let mut w = Writer::open(&dir, "test").unwrap().with_flush_rows(2);
    w.add(batch("aa", &[("x", 1.0), ("y", 2.0)]));
    assert!(w.batches.is_empty(), "two rows held: flushed");
    assert_eq!(w.staged.len(), 1);
    w.add(batch("bb", &[("x", 1.5)]));
    w.add(batch("cc", &[("z", 3.0), ("w", 4.0)]));
    assert!(
        w.already_ingested("aa").is_some(),
        "a flushed file is still known"
    );
    let c = w.commit(&mut |_| {}).unwrap();
    assert_eq!(c.revisions, [1, 2, 3]);
    let paths: Vec<&str> = c.parts.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "panel/year=2023/part-000001.parquet",
            "panel/year=2023/part-000002.parquet"
        ]
    );
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.panel().unwrap().len(), 5);
    let cur = store.current_panel().unwrap();
    let x = cur.iter().find(|r| r.indicator == "x").unwrap();
    assert_eq!((x.value, x.revision), (1.5, 2));
    assert!(!dir.join(STAGING_DIR).exists());

    let complete = Manifest::load(&dir).unwrap().unwrap();
    std::fs::remove_file(dir.join(manifest::MANIFEST_FILE)).unwrap();
    repair::repair(&dir, "test").unwrap();
    let rebuilt = Manifest::load(&dir).unwrap().unwrap();
    assert_eq!(rebuilt.parts, complete.parts);
    assert_eq!(rebuilt.files, complete.files);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_interrupted_commit_leaves_the_previous_state_and_is_tidied() {
    let dir = temp("interrupted");
    let mut w = Writer::open(&dir, "test").unwrap();
    w.add(batch("aa", &[("x", 1.0)]));
    w.commit(&mut |_| {}).unwrap();
    let before = std::fs::read(dir.join("manifest.json")).unwrap();

    // Simulate a run killed before the manifest switch: its part is in place but unlisted, and
    // recorded in flight against this manifest.
    let stray_rel = Part::path_for(Table::Panel, 2023, 2);
    let stray = dir.join(&stray_rel);
    std::fs::copy(dir.join(Part::path_for(Table::Panel, 2023, 1)), &stray).unwrap();
    let record = parts::InFlight {
        base_manifest: Some(sha256_hex(&before)),
        parts: vec![stray_rel.clone()],
        pid: 0,
        started_at: now(),
    };
    write_synced(
        &dir.join(STAGING_DIR).join(parts::IN_FLIGHT_FILE),
        &serde_json::to_vec(&record).unwrap(),
    )
    .unwrap();
    let store = Store::open(&dir).unwrap();
    assert_eq!(
        store.panel().unwrap().len(),
        1,
        "readers see only listed parts"
    );

    let w = Writer::open(&dir, "test").unwrap();
    assert_eq!(w.tidied(), [stray_rel, format!("{STAGING_DIR}/")]);
    assert!(!stray.exists());
    w.commit(&mut |_| {}).unwrap();
    assert_eq!(
        std::fs::read(dir.join("manifest.json")).unwrap(),
        before,
        "a run without files writes nothing"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unlisted_part_nothing_accounts_for_is_refused_never_deleted_and_repaired() {
    let dir = temp("unaccounted");
    let mut w = Writer::open(&dir, "test").unwrap();
    w.add(batch("aa", &[("x", 1.0)]));
    w.commit(&mut |_| {}).unwrap();
    let old = std::fs::read(dir.join("manifest.json")).unwrap();
    let mut w = Writer::open(&dir, "test").unwrap();
    w.add(batch("bb", &[("x", 2.0), ("y", 3.0)]));
    w.commit(&mut |_| {}).unwrap();
    let complete = Manifest::load(&dir).unwrap().unwrap();

    // An older manifest restored: the newer part is unlisted, and a record of a run that started
    // from another manifest proves nothing.
    std::fs::write(dir.join("manifest.json"), &old).unwrap();
    let newer = dir.join(Part::path_for(Table::Panel, 2023, 2));
    let record = parts::InFlight {
        base_manifest: Some("another".into()),
        parts: vec![Part::path_for(Table::Panel, 2023, 2)],
        pid: 0,
        started_at: now(),
    };
    write_synced(
        &dir.join(STAGING_DIR).join(parts::IN_FLIGHT_FILE),
        &serde_json::to_vec(&record).unwrap(),
    )
    .unwrap();
    assert!(matches!(
        Writer::open(&dir, "test"),
        Err(Error::StoreUnlistedParts {
            listed: 1,
            unlisted: 1,
            ..
        })
    ));
    assert!(matches!(
        Store::open(&dir),
        Err(Error::StoreUnlistedParts { .. })
    ));
    assert!(newer.exists(), "never deleted");
    assert!(
        dir.join(STAGING_DIR).exists(),
        "nothing tidied when refused"
    );

    let r = repair::repair(&dir, "test").unwrap();
    assert!(r.changed);
    assert_eq!(r.parts_added, [Part::path_for(Table::Panel, 2023, 2)]);
    let rebuilt = Manifest::load(&dir).unwrap().unwrap();
    assert_eq!(rebuilt.parts, complete.parts);
    assert_eq!(rebuilt.files, complete.files);
    assert_eq!(rebuilt.next_revision, complete.next_revision);
    let cur = Store::open(&dir).unwrap().current_panel().unwrap();
    assert_eq!(cur.len(), 2);

    // Without any manifest: refused, then rebuilt the same.
    std::fs::remove_file(dir.join("manifest.json")).unwrap();
    assert!(matches!(
        Writer::open(&dir, "test"),
        Err(Error::StoreManifestMissing { parts: 2, .. })
    ));
    let r = repair::repair(&dir, "test").unwrap();
    assert_eq!(r.manifest_before, "missing");
    let rebuilt = Manifest::load(&dir).unwrap().unwrap();
    assert_eq!(rebuilt.parts, complete.parts);
    assert_eq!(rebuilt.files, complete.files);
    let again = repair::repair(&dir, "test").unwrap();
    assert!(!again.changed, "a complete manifest is left as it is");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_part_without_its_description_is_rebuilt_from_its_columns() {
    let dir = temp("from-columns");
    let mut w = Writer::open(&dir, "test").unwrap();
    w.add(batch("aa", &[("x", 1.0), ("y", 2.0)]));
    w.commit(&mut |_| {}).unwrap();
    let complete = Manifest::load(&dir).unwrap().unwrap();
    // As an older planeval wrote it: the same rows, no key-value metadata.
    let part = dir.join(Part::path_for(Table::Panel, 2023, 1));
    let mut df = pl::ParquetReader::new(std::fs::File::open(&part).unwrap())
        .finish()
        .unwrap();
    write_parquet(&part, &mut df).unwrap();
    std::fs::remove_file(dir.join(manifest::MANIFEST_FILE)).unwrap();

    let r = repair::repair(&dir, "test").unwrap();
    assert_eq!(
        r.parts_from_columns,
        [Part::path_for(Table::Panel, 2023, 1)]
    );
    let rebuilt = Manifest::load(&dir).unwrap().unwrap();
    assert_eq!(rebuilt.parts, complete.parts);
    let (f, g) = (&rebuilt.files[0], &complete.files[0]);
    assert_eq!(
        (&f.sha256, &f.name, f.revision, f.values, f.year, &f.unit),
        (&g.sha256, &g.name, g.revision, g.values, g.year, &g.unit)
    );
    assert_eq!(Store::open(&dir).unwrap().current_panel().unwrap().len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_with_other_files_is_not_made_a_store() {
    let dir = temp("foreign");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("卫健体局.xlsx"), b"x").unwrap();
    assert!(matches!(
        Writer::open(&dir, "test"),
        Err(Error::StoreWrite { .. })
    ));
    assert!(matches!(Store::open(&dir), Err(Error::NotAStore { .. })));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sha256_is_lower_hex() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
