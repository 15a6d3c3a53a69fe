//! Helpers shared by integration tests: run the binary, fill a generated template as a department
//! would, and read workbooks back with calamine.

#![allow(dead_code)]

use calamine::{Data, Reader, Xlsx};
use planeval::template::layout::Field;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn planeval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planeval"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run planeval")
}

/// A fresh, empty folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planeval-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A sheet as read back: its name and its cells by (row, column), 0-based.
pub type NamedSheet = (String, BTreeMap<(u32, u32), Data>);

/// Every sheet of an xlsx as (name, cells), in workbook order.
pub fn read_all(path: &Path) -> Vec<(String, BTreeMap<(u32, u32), Data>)> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|n| {
            let range = wb.worksheet_range(&n).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells = range
                .used_cells()
                .map(|(r, c, d)| ((r0 + r as u32, c0 + c as u32), d.clone()))
                .collect();
            (n, cells)
        })
        .collect()
}

pub fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => format!("{other:?}"),
    }
}

/// What a department types into a cell.
#[derive(Clone, Debug)]
pub enum Typed {
    Num(f64),
    Text(&'static str),
}

/// Where a field of an indicator row sits in a generated template: (row, col), 0-based.
pub struct TemplateMap {
    pub data_sheet: String,
    pub header_row: u32,
    pub columns: BTreeMap<Field, u32>,
    pub rows: BTreeMap<String, u32>,
}

pub fn template_map(sheets: &[(String, BTreeMap<(u32, u32), Data>)]) -> TemplateMap {
    for (name, cells) in sheets {
        for row in 0..10u32 {
            let cols: BTreeMap<Field, u32> = cells
                .iter()
                .filter(|((r, _), _)| *r == row)
                .filter_map(|((_, c), d)| Field::from_header(&text(d)).map(|f| (f, *c)))
                .collect();
            if cols.contains_key(&Field::Code) && cols.contains_key(&Field::Value) {
                let code_col = cols[&Field::Code];
                let rows = cells
                    .iter()
                    .filter(|((r, c), _)| *r > row && *c == code_col)
                    .map(|((r, _), d)| (text(d), *r))
                    .collect();
                return TemplateMap {
                    data_sheet: name.clone(),
                    header_row: row,
                    columns: cols,
                    rows,
                };
            }
        }
    }
    panic!("no data sheet in template");
}

/// Writes a copy of a generated template with `fills` typed in, as a department returns it: every sheet
/// and cell is carried over (the hidden metadata sheet included), then the fills are written.
pub fn fill_template(
    template: &Path,
    out: &Path,
    fills: &[(&str, Field, Typed)],
) -> BTreeMap<(String, Field), String> {
    let sheets = read_all(template);
    let map = template_map(&sheets);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut cells_of = BTreeMap::new();
    for (name, cells) in &sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for ((r, c), d) in cells {
            let c = *c as u16;
            match d {
                Data::Float(f) => {
                    ws.write_number(*r, c, *f).unwrap();
                }
                Data::Int(i) => {
                    ws.write_number(*r, c, *i as f64).unwrap();
                }
                Data::String(s) => {
                    ws.write_string(*r, c, s).unwrap();
                }
                Data::Bool(b) => {
                    ws.write_boolean(*r, c, *b).unwrap();
                }
                _ => {}
            }
        }
        if *name == map.data_sheet {
            for (code, field, typed) in fills {
                let row = *map
                    .rows
                    .get(*code)
                    .unwrap_or_else(|| panic!("{code} not in template"));
                let col = map.columns[field];
                match typed {
                    Typed::Num(v) => {
                        ws.write_number(row, col as u16, *v).unwrap();
                    }
                    Typed::Text(t) => {
                        ws.write_string(row, col as u16, *t).unwrap();
                    }
                }
                cells_of.insert(
                    (code.to_string(), *field),
                    format!("{}{}", col_letters(col), row + 1),
                );
            }
        }
    }
    wb.save(out).unwrap();
    cells_of
}

pub fn col_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push((b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

/// The text of an xlsx part (e.g. `xl/comments1.xml`), for what calamine does not expose.
pub fn zip_part(path: &Path, part: &str) -> Option<String> {
    let f = std::fs::File::open(path).ok()?;
    let mut z = zip::ZipArchive::new(f).ok()?;
    let mut e = z.by_name(part).ok()?;
    let mut s = String::new();
    std::io::Read::read_to_string(&mut e, &mut s).ok()?;
    Some(s)
}

/// All parts whose names start with `prefix`, concatenated.
pub fn zip_parts(path: &Path, prefix: &str) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let names: Vec<String> = (0..z.len())
        .filter_map(|i| {
            z.by_index(i)
                .ok()
                .and_then(|e| e.name().ok().map(|n| n.to_string()))
        })
        .filter(|n| n.starts_with(prefix))
        .collect();
    let mut out = String::new();
    for n in names {
        let mut e = z.by_name(&n).unwrap();
        std::io::Read::read_to_string(&mut e, &mut out).unwrap();
    }
    out
}

/// A finished run of the binary, measured: its output, its own peak resident memory and wall time.
pub struct Measured {
    pub output: Output,
    pub max_rss_bytes: u64,
    pub elapsed: std::time::Duration,
}

/// Runs planeval and waits for it with `wait4`, which reports the child's own peak RSS; a run that takes
/// longer than `guard` is killed and the test fails (so a hang shows as a failure, not a stuck suite).
#[cfg(unix)]
// The child is reaped by wait4 below, which clippy cannot see.
#[allow(clippy::zombie_processes)]
pub fn planeval_measured(args: &[&str], guard: std::time::Duration) -> Measured {
    planeval_measured_with(args, &[], guard)
}

/// [`planeval_measured`] with environment variables set for the child. The peak RSS `wait4` reports
/// covers the children planeval waited for too (its reader workers), as the kernel folds them in.
#[cfg(unix)]
#[allow(clippy::zombie_processes)]
pub fn planeval_measured_with(
    args: &[&str],
    env: &[(&str, &str)],
    guard: std::time::Duration,
) -> Measured {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    use std::time::Instant;
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_planeval"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run planeval");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let pid = child.id() as libc::pid_t;
    let (status, usage) = loop {
        let mut status: libc::c_int = 0;
        // SAFETY: plain out-parameters of the right types for wait4.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break (status, usage);
        }
        assert!(r == 0, "wait4 failed: {}", std::io::Error::last_os_error());
        if start.elapsed() > guard {
            let _ = child.kill();
            let _ = child.wait();
            panic!("planeval {args:?} still running after {guard:?}: killed");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    Measured {
        output: Output {
            status: std::process::ExitStatus::from_raw(status),
            stdout: out.join().unwrap(),
            stderr: err.join().unwrap(),
        },
        // Linux reports kilobytes.
        max_rss_bytes: usage.ru_maxrss as u64 * 1024,
        elapsed,
    }
}

/// 指标明细 of an evaluation workbook: indicator code → (status, warnings, explanation).
pub fn evaluation_detail(path: &Path) -> BTreeMap<String, (String, String, String)> {
    let sheets = read_all(path);
    let (_, cells) = sheets
        .iter()
        .find(|(n, _)| n == "指标明细")
        .expect("指标明细 sheet");
    let header_row = (0..5)
        .find(|r| {
            cells.values().any(|_| true) && cells.get(&(*r, 0)).map(text).as_deref() == Some("领域")
        })
        .expect("header");
    let col = |name: &str| {
        cells
            .iter()
            .find(|((r, _), d)| *r == header_row && text(d) == name)
            .map(|((_, c), _)| *c)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (code, status, warn, expl) = (col("指标编码"), col("状态"), col("预警"), col("说明"));
    let mut out = BTreeMap::new();
    let rows: std::collections::BTreeSet<u32> = cells
        .keys()
        .map(|(r, _)| *r)
        .filter(|r| *r > header_row)
        .collect();
    for r in rows {
        let get = |c: u32| cells.get(&(r, c)).map(text).unwrap_or_default();
        if !get(code).is_empty() {
            out.insert(get(code), (get(status), get(warn), get(expl)));
        }
    }
    out
}
