//! A year's set of department workbooks: one template per responsible unit, written into a folder, as
//! `planeval template` and the scheduled job (`templates = true`) hand them out.

use super::previous::PreviousValues;
use super::writer::{build_template, file_name, TemplateSpec, UnitWork};
use crate::catalog::Catalog;
use crate::error::Error;
use crate::fsutil::write_atomic;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What a set of templates is made of.
#[derive(Debug, Clone)]
pub struct TemplateSet<'a> {
    pub year: i32,
    /// The reporting area (单位（地区）) written into every template.
    pub org: &'a str,
    /// The units to write a template for (normalised names).
    pub units: Vec<String>,
    pub deadline: Option<String>,
    /// Baseline and last year's values printed beside the input cells.
    pub previous: &'a PreviousValues,
}

/// One template written.
#[derive(Debug, Clone, Serialize)]
pub struct WrittenTemplate {
    pub path: PathBuf,
    pub unit: String,
    pub lead: usize,
    pub cooperating: usize,
    pub qualitative: usize,
}

impl WrittenTemplate {
    /// A unit without any indicator or qualitative objective gets a workbook without input rows.
    pub fn is_empty(&self) -> bool {
        self.lead + self.cooperating + self.qualitative == 0
    }
}

/// Writes `填报-<单位>-<年度>.xlsx` for every unit of the set into `out`, each atomically.
pub fn write_set(
    cat: &Catalog,
    set: &TemplateSet,
    out: &Path,
) -> Result<Vec<WrittenTemplate>, Error> {
    let mut written = Vec::new();
    for unit in &set.units {
        let work = UnitWork::of(cat, unit);
        let spec = TemplateSpec {
            deadline: set.deadline.clone(),
            baseline: set.previous.baseline.clone(),
            last_year: set.previous.last_year.clone(),
            ..TemplateSpec::new(unit, set.org, set.year)
        };
        let bytes = build_template(cat, &spec).map_err(Error::Xlsx)?;
        let path = out.join(file_name(unit, set.year));
        write_atomic(&path, &bytes)?;
        written.push(WrittenTemplate {
            path,
            unit: unit.clone(),
            lead: work.lead.len(),
            cooperating: work.cooperating.len(),
            qualitative: work.qualitative.len(),
        });
    }
    Ok(written)
}
