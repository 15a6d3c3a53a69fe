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
fn requests_carry_every_files_bytes_format_and_limits() {
    let limits = ReadLimits {
        max_rows: 10,
        max_cols: 20,
        max_cells_per_sheet: 30,
    };
    let files: [(&[u8], Format); 3] = [
        (b"PK\x03\x04", Format::Xlsb),
        (b"", Format::Ods),
        (b"\xD0\xCF\x11\xE0", Format::Xls),
    ];
    let mut frame = vec![9u8; 3];
    wire::write_request(&mut frame, &files, &limits).unwrap();
    let back = wire::read_request(&mut frame.as_slice(), wire::MAX_REQUEST_BYTES).unwrap();
    assert_eq!(back.len(), 3);
    for ((header, bytes), (sent, format)) in back.iter().zip(files) {
        assert_eq!(bytes.as_slice(), sent);
        let (f, l) = wire::decode_header(header).unwrap();
        assert_eq!(f, format);
        assert_eq!(
            (l.max_rows, l.max_cols, l.max_cells_per_sheet),
            (10, 20, 30)
        );
    }
    // A frame whose inner lengths do not add up to its own is refused, not read past or short.
    let mut longer = frame.clone();
    longer[0] += 1;
    longer.push(0);
    assert!(wire::read_request(&mut longer.as_slice(), wire::MAX_REQUEST_BYTES).is_err());
    let mut shorter = frame.clone();
    shorter[4] = 2;
    assert!(wire::read_request(&mut shorter.as_slice(), wire::MAX_REQUEST_BYTES).is_err());
    let mut many = frame.clone();
    many[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(wire::read_request(&mut many.as_slice(), wire::MAX_REQUEST_BYTES).is_err());
}

#[test]
fn answers_come_back_in_the_requests_order_and_count() {
    let answers = vec![
        wire::encode_response(&wire::Response::ReaderError("first".into())),
        wire::encode_response(&wire::Response::Panic("second".into())),
    ];
    let mut frame = Vec::new();
    wire::write_answers(&mut frame, &answers).unwrap();
    let payload = wire::read_frame(&mut frame.as_slice(), wire::MAX_RESPONSE_BYTES).unwrap();
    let back = wire::decode_answers(&payload, 2).unwrap();
    assert!(matches!(&back[0], wire::Response::ReaderError(m) if m == "first"));
    assert!(matches!(&back[1], wire::Response::Panic(m) if m == "second"));
    // Fewer or more answers than files asked for, or a cut one, is a malformed answer.
    assert!(wire::decode_answers(&payload, 3).is_err());
    assert!(wire::decode_answers(&payload, 1).is_err());
    assert!(wire::decode_answers(&payload[..payload.len() - 1], 2).is_err());
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
    let header = wire::request_header(Format::Xls, &ReadLimits::default());
    let resp = wire::decode_response(&answer(&header, b"not a workbook".to_vec())).unwrap();
    assert!(matches!(resp, wire::Response::ReaderError(_)), "{resp:?}");
}
