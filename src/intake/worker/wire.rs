//! Frames between parent and worker: a little-endian `u32` length, then the payload.
//!
//! Request: how many files (u32), then per file its header — format (u8), max_rows (u32), max_cols
//! (u32), max_cells_per_sheet (u64) — and its bytes (a `u32` length, then the bytes). Answer: how many
//! (u32), then per file, in the request's order, one response (a `u32` length, then the response).
//! Response: a tag (0 grid, 1 reader error, 2 panic) and the grid or the message. A grid is its sheets
//! (count, then name, visible, skipped cells, farthest row and column, cell count) and their cells
//! (row, column, a value tag and value, formula or none). Strings are a `u32` length and UTF-8.

use super::super::read::{GridCell, ReadLimits, SheetGrid, WorkbookGrid};
use super::super::sniff::Format;
use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};
use std::io::{self, Read, Write};

/// A request carries at most a file the size limit allows, with room to spare.
pub const MAX_REQUEST_BYTES: usize = 1 << 30;
/// A grid of 200 000 cells a sheet is well under this.
pub const MAX_RESPONSE_BYTES: usize = 1 << 30;

pub fn write_frame(w: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len()).map_err(|_| io::Error::other("frame too long"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(payload)
}

/// A whole request frame for `files` (length prefix included) into `frame`, which is cleared first: the
/// buffer is the worker's own, kept between requests so that it is allocated once.
pub fn write_request(
    frame: &mut Vec<u8>,
    files: &[(&[u8], Format)],
    limits: &ReadLimits,
) -> io::Result<()> {
    frame.clear();
    let body: usize = files
        .iter()
        .map(|(bytes, _)| REQUEST_HEADER_BYTES + 4 + bytes.len())
        .sum::<usize>()
        + 4;
    let too_long = || io::Error::other("frame too long");
    frame.reserve(4 + body);
    frame.extend_from_slice(&u32::try_from(body).map_err(|_| too_long())?.to_le_bytes());
    frame.extend_from_slice(
        &u32::try_from(files.len())
            .map_err(|_| too_long())?
            .to_le_bytes(),
    );
    for (bytes, format) in files {
        frame.extend_from_slice(&request_header(*format, limits));
        frame.extend_from_slice(
            &u32::try_from(bytes.len())
                .map_err(|_| too_long())?
                .to_le_bytes(),
        );
        frame.extend_from_slice(bytes);
    }
    Ok(())
}

/// A request as the worker reads it: each file's header, then its bytes in a buffer of their own, so
/// that the bytes are neither copied out of the frame nor moved within it. The lengths inside must add
/// up to the frame's.
pub fn read_request(
    r: &mut impl Read,
    max: usize,
) -> io::Result<Vec<([u8; REQUEST_HEADER_BYTES], Vec<u8>)>> {
    let bad = || io::Error::other("bad request frame");
    let mut word = [0u8; 4];
    r.read_exact(&mut word)?;
    let len = u32::from_le_bytes(word) as usize;
    if len > max || len < 4 {
        return Err(bad());
    }
    r.read_exact(&mut word)?;
    let count = u32::from_le_bytes(word) as usize;
    let mut left = len - 4;
    if count.saturating_mul(REQUEST_HEADER_BYTES + 4) > left {
        return Err(bad());
    }
    let mut files = Vec::with_capacity(count);
    for _ in 0..count {
        let mut header = [0u8; REQUEST_HEADER_BYTES];
        r.read_exact(&mut header)?;
        r.read_exact(&mut word)?;
        let n = u32::from_le_bytes(word) as usize;
        left = left
            .checked_sub(REQUEST_HEADER_BYTES + 4)
            .and_then(|l| l.checked_sub(n))
            .ok_or_else(bad)?;
        let mut bytes = vec![0u8; n];
        r.read_exact(&mut bytes)?;
        files.push((header, bytes));
    }
    if left != 0 {
        return Err(bad());
    }
    Ok(files)
}

/// The answers to one request, in its order, as one frame: the worker writes it at once, so that the
/// parent wakes once for all of them.
pub fn write_answers(w: &mut impl Write, answers: &[Vec<u8>]) -> io::Result<()> {
    let body: usize = 4 + answers.iter().map(|a| 4 + a.len()).sum::<usize>();
    let too_long = || io::Error::other("frame too long");
    w.write_all(&u32::try_from(body).map_err(|_| too_long())?.to_le_bytes())?;
    w.write_all(
        &u32::try_from(answers.len())
            .map_err(|_| too_long())?
            .to_le_bytes(),
    )?;
    for a in answers {
        w.write_all(
            &u32::try_from(a.len())
                .map_err(|_| too_long())?
                .to_le_bytes(),
        )?;
        w.write_all(a)?;
    }
    Ok(())
}

/// The `expected` answers of one answer frame's payload, or why it is malformed.
pub fn decode_answers(buf: &[u8], expected: usize) -> Result<Vec<Response>, String> {
    let malformed = || "malformed answer".to_string();
    let mut r = Reader(buf);
    if r.u32().ok_or_else(malformed)? as usize != expected {
        return Err(malformed());
    }
    let mut out = Vec::with_capacity(expected);
    for _ in 0..expected {
        let n = r.u32().ok_or_else(malformed)? as usize;
        out.push(decode_response(r.take(n).ok_or_else(malformed)?)?);
    }
    if r.0.is_empty() {
        Ok(out)
    } else {
        Err(malformed())
    }
}

pub fn read_frame(r: &mut impl Read, max: usize) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    let len = u32::from_le_bytes(len) as usize;
    if len > max {
        return Err(io::Error::other("frame too long"));
    }
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

fn format_tag(f: Format) -> u8 {
    match f {
        Format::Xlsx => 0,
        Format::Xlsm => 1,
        Format::Xlsb => 2,
        Format::Xls => 3,
        Format::Ods => 4,
    }
}

fn format_of(tag: u8) -> Option<Format> {
    Some(match tag {
        0 => Format::Xlsx,
        1 => Format::Xlsm,
        2 => Format::Xlsb,
        3 => Format::Xls,
        4 => Format::Ods,
        _ => return None,
    })
}

/// The length of what precedes the file's bytes in a request.
pub const REQUEST_HEADER_BYTES: usize = 17;

/// What precedes a file's bytes in a request: its format and the limits it is read within.
pub fn request_header(format: Format, limits: &ReadLimits) -> [u8; REQUEST_HEADER_BYTES] {
    let mut out = [0u8; REQUEST_HEADER_BYTES];
    out[0] = format_tag(format);
    out[1..5].copy_from_slice(&limits.max_rows.to_le_bytes());
    out[5..9].copy_from_slice(&limits.max_cols.to_le_bytes());
    out[9..17].copy_from_slice(&(limits.max_cells_per_sheet as u64).to_le_bytes());
    out
}

/// A file's header as the worker reads it back.
pub fn decode_header(header: &[u8]) -> Option<(Format, ReadLimits)> {
    let mut r = Reader(header);
    let format = format_of(r.u8()?)?;
    let limits = ReadLimits {
        max_rows: r.u32()?,
        max_cols: r.u32()?,
        max_cells_per_sheet: usize::try_from(r.u64()?).ok()?,
    };
    r.0.is_empty().then_some((format, limits))
}

/// What a worker answers.
#[derive(Debug)]
pub enum Response {
    Grid(WorkbookGrid),
    ReaderError(String),
    Panic(String),
}

pub fn encode_response(resp: &Response) -> Vec<u8> {
    // About 16 bytes a cell and its text: one allocation for a county return's answer.
    let cells: usize = match resp {
        Response::Grid(g) => g.sheets.iter().map(|s| s.cells.len()).sum(),
        _ => 0,
    };
    let mut out = Vec::with_capacity(64 + cells * 24);
    match resp {
        Response::Grid(g) => {
            out.push(0);
            out.push(format_tag(g.format));
            put_u32(&mut out, g.sheets.len() as u32);
            for s in &g.sheets {
                put_str(&mut out, &s.name);
                out.push(u8::from(s.visible));
                out.extend_from_slice(&(s.skipped_cells as u64).to_le_bytes());
                put_u32(&mut out, s.farthest.0);
                put_u32(&mut out, s.farthest.1);
                put_u32(&mut out, s.cells.len() as u32);
                for ((row, col), cell) in &s.cells {
                    put_u32(&mut out, *row);
                    put_u32(&mut out, *col);
                    put_data(&mut out, &cell.data);
                    match &cell.formula {
                        Some(f) => {
                            out.push(1);
                            put_str(&mut out, f);
                        }
                        None => out.push(0),
                    }
                }
            }
        }
        Response::ReaderError(m) => {
            out.push(1);
            put_str(&mut out, m);
        }
        Response::Panic(m) => {
            out.push(2);
            put_str(&mut out, m);
        }
    }
    out
}

pub fn decode_response(buf: &[u8]) -> Result<Response, String> {
    decode(buf).ok_or_else(|| "malformed answer".to_string())
}

fn decode(buf: &[u8]) -> Option<Response> {
    let mut r = Reader(buf);
    match r.u8()? {
        0 => {
            let format = format_of(r.u8()?)?;
            let n = r.u32()?;
            let mut sheets = Vec::new();
            for _ in 0..n {
                let name = r.str()?;
                let visible = r.u8()? != 0;
                let skipped_cells = usize::try_from(r.u64()?).ok()?;
                let farthest = (r.u32()?, r.u32()?);
                let count = r.u32()?;
                // The worker sends the cells in order: collected first, the map is built in bulk
                // (`BTreeMap::from_iter` on sorted input), not by one search per insert.
                let mut cells = Vec::with_capacity((count as usize).min(r.0.len() / 10));
                for _ in 0..count {
                    let row = r.u32()?;
                    let col = r.u32()?;
                    let data = r.data()?;
                    let formula = match r.u8()? {
                        0 => None,
                        _ => Some(r.str()?),
                    };
                    cells.push(((row, col), GridCell { data, formula }));
                }
                sheets.push(SheetGrid {
                    name,
                    visible,
                    cells: cells.into_iter().collect(),
                    skipped_cells,
                    farthest,
                });
            }
            r.0.is_empty()
                .then_some(Response::Grid(WorkbookGrid { format, sheets }))
        }
        1 => Some(Response::ReaderError(r.str()?)),
        2 => Some(Response::Panic(r.str()?)),
        _ => None,
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn error_tag(e: &CellErrorType) -> u8 {
    match e {
        CellErrorType::Div0 => 0,
        CellErrorType::NA => 1,
        CellErrorType::Name => 2,
        CellErrorType::Null => 3,
        CellErrorType::Num => 4,
        CellErrorType::Ref => 5,
        CellErrorType::Value => 6,
        CellErrorType::GettingData => 7,
    }
}

fn error_of(tag: u8) -> Option<CellErrorType> {
    Some(match tag {
        0 => CellErrorType::Div0,
        1 => CellErrorType::NA,
        2 => CellErrorType::Name,
        3 => CellErrorType::Null,
        4 => CellErrorType::Num,
        5 => CellErrorType::Ref,
        6 => CellErrorType::Value,
        7 => CellErrorType::GettingData,
        _ => return None,
    })
}

fn put_data(out: &mut Vec<u8>, d: &Data) {
    match d {
        Data::Empty => out.push(0),
        Data::Int(i) => {
            out.push(1);
            out.extend_from_slice(&i.to_le_bytes());
        }
        Data::Float(f) => {
            out.push(2);
            out.extend_from_slice(&f.to_le_bytes());
        }
        Data::String(s) => {
            out.push(3);
            put_str(out, s);
        }
        Data::Bool(b) => {
            out.push(4);
            out.push(u8::from(*b));
        }
        Data::DateTime(dt) => {
            out.push(5);
            let v = dt.as_f64();
            let kind = if dt.is_duration() {
                ExcelDateTimeType::TimeDelta
            } else {
                ExcelDateTimeType::DateTime
            };
            // calamine keeps the 1904 flag private; a value equal to its 1900 twin is not 1904.
            let is_1904 = *dt != ExcelDateTime::new(v, kind, false);
            out.extend_from_slice(&v.to_le_bytes());
            out.push(u8::from(dt.is_duration()));
            out.push(u8::from(is_1904));
        }
        Data::DateTimeIso(s) => {
            out.push(6);
            put_str(out, s);
        }
        Data::DurationIso(s) => {
            out.push(7);
            put_str(out, s);
        }
        Data::Error(e) => {
            out.push(8);
            out.push(error_tag(e));
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn data(&mut self) -> Option<Data> {
        Some(match self.u8()? {
            0 => Data::Empty,
            1 => Data::Int(self.u64()? as i64),
            2 => Data::Float(f64::from_bits(self.u64()?)),
            3 => Data::String(self.str()?),
            4 => Data::Bool(self.u8()? != 0),
            5 => {
                let v = f64::from_bits(self.u64()?);
                let kind = if self.u8()? != 0 {
                    ExcelDateTimeType::TimeDelta
                } else {
                    ExcelDateTimeType::DateTime
                };
                let is_1904 = self.u8()? != 0;
                Data::DateTime(ExcelDateTime::new(v, kind, is_1904))
            }
            6 => Data::DateTimeIso(self.str()?),
            7 => Data::DurationIso(self.str()?),
            8 => Data::Error(error_of(self.u8()?)?),
            _ => return None,
        })
    }
}
