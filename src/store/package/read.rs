//! Reading a 报送包: the zip, its manifest and seal, every part's SHA-256 and row count, and every row
//! against the manifest, before anything of it may reach a store.

use super::*;

/// Reads and checks a package: a zip with our manifest, the manifest's seal, every part's SHA-256 and
/// row count, and every row against the manifest (plan, year, a file the manifest lists). `display` is
/// the path as the user gave it.
pub fn read_package(bytes: &[u8], display: &str) -> Result<Package, Error> {
    let unreadable = |text: DiagText, args: &[(&str, &str)]| Error::PackageUnreadable {
        path: display.to_string(),
        reason: Reason::said(text, args),
    };
    let tampered = |text: DiagText, args: &[(&str, &str)]| Error::PackageTampered {
        path: display.to_string(),
        reason: Reason::said(text, args),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| unreadable(DiagText::PackageNotZip, &[("detail", &e.to_string())]))?;
    let manifest_bytes = read_entry(&mut zip, PACKAGE_MANIFEST, display).map_err(|e| match e {
        Error::PackageTampered { .. } => unreadable(
            DiagText::PackageNoManifest,
            &[("manifest", PACKAGE_MANIFEST)],
        ),
        other => other,
    })?;
    let value: serde_json::Value = serde_json::from_slice(&manifest_bytes).map_err(|e| {
        tampered(
            DiagText::PackageManifestNotJson,
            &[("manifest", PACKAGE_MANIFEST), ("detail", &e.to_string())],
        )
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(PACKAGE_FORMAT) {
        return Err(unreadable(
            DiagText::PackageNotOurs,
            &[("manifest", PACKAGE_MANIFEST), ("format", PACKAGE_FORMAT)],
        ));
    }
    let version = value
        .get("format_version")
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    if version > u64::from(PACKAGE_FORMAT_VERSION) {
        return Err(Error::PackageTooNew {
            path: display.to_string(),
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: PACKAGE_FORMAT_VERSION,
        });
    }
    let manifest: PackageManifest = serde_json::from_value(value).map_err(|e| {
        tampered(
            DiagText::PackageManifestIncomplete,
            &[("manifest", PACKAGE_MANIFEST), ("detail", &e.to_string())],
        )
    })?;
    if manifest.compute_seal() != manifest.seal {
        return Err(tampered(
            DiagText::PackageSealBroken,
            &[("manifest", PACKAGE_MANIFEST)],
        ));
    }
    if manifest.compute_content() != manifest.content_sha256 {
        return Err(tampered(DiagText::PackageContentHash, &[]));
    }
    let listed: BTreeSet<&str> = manifest.parts.iter().map(|p| p.name.as_str()).collect();
    for name in zip.file_names() {
        let name =
            name.map_err(|e| tampered(DiagText::PackageEntryName, &[("detail", &e.to_string())]))?;
        if name != PACKAGE_MANIFEST && !listed.contains(name.as_ref()) {
            return Err(tampered(DiagText::PackageUnlistedEntry, &[("name", &name)]));
        }
    }

    let mut package = Package {
        manifest: manifest.clone(),
        panel: Vec::new(),
        quarantine: Vec::new(),
        assessments: Vec::new(),
    };
    let mut seen_tables = BTreeSet::new();
    for part in &manifest.parts {
        if !seen_tables.insert(part.table) {
            return Err(tampered(
                DiagText::PackageTableTwice,
                &[("table", part.table.dir())],
            ));
        }
        let bytes = read_entry(&mut zip, &part.name, display)?;
        let sha = sha256_hex(&bytes);
        if sha != part.sha256 {
            let listed: String = part.sha256.chars().take(12).collect();
            return Err(tampered(
                DiagText::PackagePartHash,
                &[
                    ("name", &part.name),
                    ("sha", &sha[..12]),
                    ("listed", &listed),
                ],
            ));
        }
        let df = pl::ParquetReader::new(Cursor::new(bytes))
            .finish()
            .map_err(|e| {
                tampered(
                    DiagText::PackagePartNotParquet,
                    &[("name", &part.name), ("detail", &e.to_string())],
                )
            })?;
        if df.height() != part.rows {
            return Err(tampered(
                DiagText::PackagePartRows,
                &[
                    ("name", &part.name),
                    ("rows", &df.height().to_string()),
                    ("listed", &part.rows.to_string()),
                ],
            ));
        }
        let at = Path::new(display).join(&part.name);
        match part.table {
            crate::store::Table::Panel => package.panel = panel::panel_rows(&df, &at)?,
            crate::store::Table::Quarantine => {
                package.quarantine = panel::quarantine_rows(&df, &at)?
            }
            crate::store::Table::Assessments => {
                package.assessments = panel::assessment_rows(&df, &at)?
            }
        }
    }

    // Every row belongs to the plan and year the manifest states, and to a file it lists.
    let revisions: BTreeSet<u32> = manifest.files.iter().map(|f| f.revision).collect();
    if revisions.len() != manifest.files.len() {
        return Err(tampered(DiagText::PackageRevisionTwice, &[]));
    }
    let check = |what: DiagText, plan: &str, year: i32, revision: u32| -> Result<(), Error> {
        // The table's name inside the sentence, in each language.
        let said = |text: DiagText, args: &[(&str, &str)]| {
            let (zh, en) = what.both(&[]);
            let mut zh_args = args.to_vec();
            zh_args.push(("what", &zh));
            let mut en_args = args.to_vec();
            en_args.push(("what", &en));
            Error::PackageTampered {
                path: display.to_string(),
                reason: Reason::said_each(text, &zh_args, &en_args),
            }
        };
        if plan != manifest.plan.id {
            return Err(said(
                DiagText::PackageRowOtherPlan,
                &[("plan", plan), ("listed", &manifest.plan.id)],
            ));
        }
        if year != manifest.year {
            return Err(said(
                DiagText::PackageRowOtherYear,
                &[
                    ("year", &year.to_string()),
                    ("listed", &manifest.year.to_string()),
                ],
            ));
        }
        if !revisions.contains(&revision) {
            return Err(said(
                DiagText::PackageRowUnlistedFile,
                &[("revision", &revision.to_string())],
            ));
        }
        Ok(())
    };
    for r in &package.panel {
        check(DiagText::PackageTablePanel, &r.plan_id, r.year, r.revision)?;
    }
    for r in &package.quarantine {
        // A problem of a file whose year could not be told is stored under year 0.
        let year = if r.year == 0 { manifest.year } else { r.year };
        check(
            DiagText::PackageTableQuarantine,
            &r.plan_id,
            year,
            r.revision,
        )?;
    }
    for r in &package.assessments {
        check(
            DiagText::PackageTableAssessments,
            &r.plan_id,
            r.year,
            r.revision,
        )?;
    }
    let counted = count_by_revision(package.panel.iter().map(|r| r.revision));
    for f in &manifest.files {
        let values = counted.get(&f.revision).copied().unwrap_or(0);
        if values != f.values {
            return Err(tampered(
                DiagText::PackageFileValues,
                &[
                    ("name", &f.name),
                    ("values", &values.to_string()),
                    ("listed", &f.values.to_string()),
                ],
            ));
        }
    }
    Ok(package)
}

/// One entry of the zip, its unpacked size bounded by its packed size (zip bombs).
fn read_entry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    display: &str,
) -> Result<Vec<u8>, Error> {
    let mut f = zip.by_name(name).map_err(|_| Error::PackageTampered {
        path: display.to_string(),
        reason: Reason::said(DiagText::PackageEntryMissing, &[("name", name)]),
    })?;
    let too_large = || Error::PackageUnreadable {
        path: display.to_string(),
        reason: Reason::said(
            DiagText::PackageEntryTooLarge,
            &[("name", name), ("times", &MAX_INFLATION.to_string())],
        ),
    };
    let limit = f
        .compressed_size()
        .saturating_mul(MAX_INFLATION)
        .clamp(1 << 20, MAX_PACKAGE_BYTES * 4);
    if f.size() > limit {
        return Err(too_large());
    }
    let mut out = Vec::with_capacity(usize::try_from(f.size()).unwrap_or(0).min(1 << 28));
    Read::take(&mut f, limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::PackageTampered {
            path: display.to_string(),
            reason: Reason::said(
                DiagText::PackageEntryUnreadable,
                &[("name", name), ("detail", &e.to_string())],
            ),
        })?;
    if out.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(out)
}
