//! The wire format's round trips, the watchdog, and a worker's answer to a file it cannot read.

use super::watchdog::watchdog;
use super::*;
use crate::intake::read::{GridCell, SheetGrid};
use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

#[test]
fn grids_cross_the_wire_unchanged() {
    let mut sheet = SheetGrid {
        name: "指标填报".into(),
        visible: true,
        skipped_cells: 3,
        farthest: (1_048_575, 16_383),
        ..Default::default()
    };
    let values = [
        Data::Empty,
        Data::Int(-7),
        Data::Float(78.1),
        Data::String("９５．２％".into()),
        Data::Bool(true),
        Data::DateTime(ExcelDateTime::new(
            45000.5,
            ExcelDateTimeType::DateTime,
            false,
        )),
        Data::DateTime(ExcelDateTime::new(1.25, ExcelDateTimeType::TimeDelta, true)),
        Data::DateTimeIso("2024-01-01".into()),
        Data::DurationIso("PT1H".into()),
        Data::Error(CellErrorType::Div0),
    ];
    for (i, v) in values.iter().enumerate() {
        sheet.cells.insert(
            (i as u32, 2),
            GridCell {
                data: v.clone(),
                formula: (i % 2 == 0).then(|| format!("=A{i}")),
            },
        );
    }
    let grid = WorkbookGrid {
        format: Format::Ods,
        sheets: vec![sheet, SheetGrid::default()],
    };
    let bytes = wire::encode_response(&wire::Response::Grid(grid.clone()));
    let Ok(wire::Response::Grid(back)) = wire::decode_response(&bytes) else {
        panic!("not a grid");
    };
    assert_eq!(back.format, grid.format);
    assert_eq!(back.sheets.len(), 2);
    let (a, b) = (&grid.sheets[0], &back.sheets[0]);
    assert_eq!(
        (&a.name, a.visible, a.skipped_cells, a.farthest),
        (&b.name, b.visible, b.skipped_cells, b.farthest)
    );
    assert_eq!(a.cells, b.cells);
    // A cut answer is malformed, never a shorter grid.
    assert!(wire::decode_response(&bytes[..bytes.len() - 1]).is_err());
}

#[test]
fn requests_carry_bytes_format_and_limits() {
    let limits = ReadLimits {
        max_rows: 10,
        max_cols: 20,
        max_cells_per_sheet: 30,
    };
    let req = wire::encode_request(b"PK\x03\x04", Format::Xlsb, &limits);
    let (bytes, format, back) = wire::decode_request(&req).unwrap();
    assert_eq!(bytes, b"PK\x03\x04");
    assert_eq!(format, Format::Xlsb);
    assert_eq!(
        (back.max_rows, back.max_cols, back.max_cells_per_sheet),
        (10, 20, 30)
    );
}

#[cfg(unix)]
#[test]
fn the_watchdog_kills_a_process_past_its_deadline() {
    let child = Command::new("sleep").arg("30").spawn().unwrap();
    let child = Arc::new(Mutex::new(child));
    let timed_out = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let kept = watchdog().watch(
        start + Duration::from_secs(3600),
        Arc::clone(&child),
        Arc::new(AtomicBool::new(false)),
    );
    watchdog().watch(
        start + Duration::from_millis(100),
        Arc::clone(&child),
        Arc::clone(&timed_out),
    );
    loop {
        if let Some(status) = child.lock().unwrap().try_wait().unwrap() {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(libc::SIGKILL));
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "not killed");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(timed_out.load(Ordering::SeqCst));
    watchdog().unwatch(kept);
}

#[test]
fn a_panicking_reader_is_an_answer_not_a_crash() {
    // Garbage bytes as xls: calamine returns an error; the worker answers with it.
    let req = wire::encode_request(b"not a workbook", Format::Xls, &ReadLimits::default());
    let (header, bytes) = req.split_at(wire::REQUEST_HEADER_BYTES);
    let resp = wire::decode_response(&answer(header, bytes.to_vec())).unwrap();
    assert!(matches!(resp, wire::Response::ReaderError(_)), "{resp:?}");
}
