//! A small CSV reader for the areas file: text decoded as people save it on Chinese Windows (UTF-8 with
//! or without BOM, or GB18030), records with their line numbers so that every problem points at a line.
//!
//! RFC 4180 quoting (`""` inside quotes is a quote; a quoted field may span lines); comma or tab
//! separated (tab when the first line has tabs and no commas, as Excel's "Unicode text" saves).

use crate::i18n::diagnostics::DiagText;

/// The most bytes an areas file may have: the whole country is about 3,200 divisions, a few hundred KB.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;
/// The most records read; more is not an areas file.
pub const MAX_RECORDS: usize = 200_000;

/// The text of a file, or why it is not text.
pub fn decode(bytes: &[u8]) -> Result<String, DiagText> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).map_err(|_| DiagText::AreasBadBomUtf8);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        return if bad {
            Err(DiagText::AreasBadUtf16)
        } else {
            Ok(text.into_owned())
        };
    }
    if bytes.contains(&0) {
        return Err(DiagText::AreasBinary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => {
            let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
            if bad {
                Err(DiagText::AreasBadEncoding)
            } else {
                Ok(text.into_owned())
            }
        }
    }
}

/// One record: its first line (1-based) and its fields, trimmed.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

impl Record {
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.is_empty())
    }
}

/// Splits CSV text into records; stops after [`MAX_RECORDS`] (the caller reports it).
pub fn records(text: &str) -> Vec<Record> {
    let first_line = text.lines().next().unwrap_or("");
    let sep = if first_line.contains('\t') && !first_line.contains(',') {
        '\t'
    } else {
        ','
    };
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut line, mut start_line) = (1usize, 1usize);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let finish = |fields: &mut Vec<String>, field: &mut String| {
        fields.push(field.trim().to_string());
        field.clear();
    };
    while let Some(c) = chars.next() {
        if out.len() >= MAX_RECORDS {
            return out;
        }
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == sep => finish(&mut fields, &mut field),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                finish(&mut fields, &mut field);
                out.push(Record {
                    line: start_line,
                    fields: std::mem::take(&mut fields),
                });
                line += 1;
                start_line = line;
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        finish(&mut fields, &mut field);
        out.push(Record {
            line: start_line,
            fields,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_line_numbers() {
        let r = records("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,row");
        assert_eq!(r.len(), 4);
        assert_eq!(r[1].fields, ["x,1", "say \"hi\""]);
        assert_eq!((r[2].line, r[2].fields[0].as_str()), (3, "two\nlines"));
        assert_eq!((r[3].line, r[3].fields[1].as_str()), (5, "row"));
    }

    #[test]
    fn gb18030_and_bom_are_decoded_and_binary_refused() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("代码,名称\n141025,古县\n");
        assert_eq!(decode(&gbk).unwrap(), "代码,名称\n141025,古县\n");
        assert_eq!(decode("\u{feff}古县".as_bytes()).unwrap(), "古县");
        assert!(decode(b"PK\x03\x04\x00\x00").is_err());
    }
}
