//! Finishing the package docx-rs writes, for what it has no API for. Each fix rewrites one part:
//!
//! - `word/document.xml`: docx-rs gives every picture `<wp:docPr id="1" name="Figure"/>` — the same id
//!   for all (Word reports duplicate ids as unreadable content) and no alt text. Each picture gets its
//!   own id, its caption as name and its alt text as `descr`, in document order. Header rows, which
//!   `tables` marks with `w:cantSplit`, get `w:tblHeader` so they repeat on every page. docx-rs drops
//!   a section's even-page footer when it also has a default one (it rebuilds the section after
//!   adding the first and loses the rest), so every section references the footers of the last one
//!   (the same page numbers), placed first in `w:sectPr` as the schema orders it.
//! - `word/fontTable.xml`: docx-rs lists only Times New Roman, Symbol and Arial. The table here names
//!   the CJK fonts the styles use with their charset (GB 2312), panose class and alternate names, so
//!   that Word and WPS substitute 宋体 for a missing 方正小标宋简体 and the English-named installs
//!   (SimSun, FangSong, SimHei, KaiTi) are found.
//! - `word/styles.xml`: the document's languages (`w:lang`, East Asian zh-CN), which Word uses for
//!   line breaking and for the fonts of characters the styles' fonts lack; docx-rs has no setter.
//! - `docProps/core.xml`: the title, subject, creator, dates and language (docx-rs writes none);
//!   `docProps/custom.xml`: the run's details (plan, stage, year …) — docx-rs writes custom properties
//!   without escaping them, so a plan name with `&` or `<` would break the package.
//!
//! The parts are also recompressed: docx-rs stores them uncompressed.

use super::words::clean;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// What the finished package says about itself.
pub struct Meta<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    pub keywords: &'a str,
    pub description: &'a str,
    /// `zh-CN` or `en`.
    pub language: &'a str,
    /// RFC 3339.
    pub created: &'a str,
    /// Per picture in document order: its caption and alt text.
    pub pictures: &'a [(String, String)],
    /// Custom document properties, name and text.
    pub properties: &'a [(String, String)],
}

/// An attribute value: escaped, on one line, without characters XML forbids.
fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Line breaks become spaces before `clean` would drop them with the other control characters.
    let flat = text.replace(['\t', '\n', '\r'], " ");
    for c in clean(&flat).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Replaces each `<{tag} …/>` element in turn with what `with(k)` returns (k from 0).
fn replace_elements(
    xml: &str,
    tag: &str,
    mut with: impl FnMut(usize) -> String,
) -> (String, usize) {
    let open = format!("<{tag} ");
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest = xml;
    let mut k = 0;
    while let Some(start) = rest.find(&open) {
        let Some(len) = rest[start..].find("/>") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&with(k));
        rest = &rest[start + len + 2..];
        k += 1;
    }
    out.push_str(rest);
    (out, k)
}

/// Alt texts, unique ids and repeated header rows in document.xml.
pub fn patch_document(xml: &str, pictures: &[(String, String)]) -> Result<String, String> {
    let (xml, n) = replace_elements(xml, "wp:docPr", |k| {
        let (caption, alt) = pictures.get(k).cloned().unwrap_or_default();
        format!(
            r#"<wp:docPr id="{}" name="{}" descr="{}"/>"#,
            k + 1,
            attr(&caption),
            attr(&alt)
        )
    });
    if n != pictures.len() {
        return Err(format!(
            "{n} pictures in the document, {} alt texts",
            pictures.len()
        ));
    }
    let (xml, _) = replace_elements(&xml, "pic:cNvPr", |k| {
        let (caption, alt) = pictures.get(k).cloned().unwrap_or_default();
        format!(
            r#"<pic:cNvPr id="{}" name="{}" descr="{}"/>"#,
            k + 1,
            attr(&caption),
            attr(&alt)
        )
    });
    let xml = xml
        .replace("<w:cantSplit />", "<w:cantSplit/>")
        .replace("<w:cantSplit/>", "<w:cantSplit/><w:tblHeader/>");
    Ok(share_footers(&xml))
}

/// The `<tag …/>` elements of a fragment.
fn elements<'x>(xml: &'x str, tag: &str) -> Vec<&'x str> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let Some(len) = rest[start..].find("/>") else {
            break;
        };
        out.push(&rest[start..start + len + 2]);
        rest = &rest[start + len + 2..];
    }
    out
}

/// Every section gets the footer references of the last section, first in its `w:sectPr`.
fn share_footers(xml: &str) -> String {
    const OPEN: &str = "<w:sectPr>";
    const CLOSE: &str = "</w:sectPr>";
    let Some(last) = xml.rfind(OPEN) else {
        return xml.to_string();
    };
    let refs: String = xml[last..]
        .find(CLOSE)
        .map(|end| elements(&xml[last..last + end], "w:footerReference").concat())
        .unwrap_or_default();
    if refs.is_empty() {
        return xml.to_string();
    }
    let mut out = String::with_capacity(xml.len() + 512);
    let mut rest = xml;
    while let Some(start) = rest.find(OPEN) {
        let Some(end) = rest[start..].find(CLOSE) else {
            break;
        };
        let body = &rest[start + OPEN.len()..start + end];
        let mut body = body.to_string();
        for r in elements(rest[start..start + end].as_ref(), "w:footerReference") {
            body = body.replacen(r, "", 1);
        }
        out.push_str(&rest[..start]);
        out.push_str(OPEN);
        out.push_str(&refs);
        out.push_str(&body);
        out.push_str(CLOSE);
        rest = &rest[start + end + CLOSE.len()..];
    }
    out.push_str(rest);
    out
}

/// The document defaults' languages: the text's (`zh-CN` or `en-US`) and, for Chinese characters in
/// either, zh-CN.
pub fn languages(styles: &str, language: &str) -> String {
    let latin = if language == "en" { "en-US" } else { language };
    styles.replacen(
        "</w:rPr></w:rPrDefault>",
        &format!(
            r#"<w:lang w:val="{}" w:eastAsia="zh-CN" /></w:rPr></w:rPrDefault>"#,
            attr(latin)
        ),
        1,
    )
}

/// The fonts the styles name, with what Word needs to substitute them.
pub fn font_table() -> String {
    // (name, alternate name, panose, charset, family, pitch)
    let fonts = [
        (
            super::document::FONT_SONG,
            "SimSun",
            "02010600030101010101",
            "86",
            "auto",
            "variable",
        ),
        (
            super::document::FONT_BODY,
            "FangSong",
            "02010609060101010101",
            "86",
            "modern",
            "fixed",
        ),
        (
            super::document::FONT_H1,
            "SimHei",
            "02010609060101010101",
            "86",
            "modern",
            "fixed",
        ),
        (
            super::document::FONT_H2,
            "KaiTi",
            "02010609060101010101",
            "86",
            "modern",
            "fixed",
        ),
        (
            super::document::FONT_TITLE,
            super::document::FONT_SONG,
            "02000000000000000000",
            "86",
            "auto",
            "variable",
        ),
        (
            super::document::FONT_LATIN,
            "",
            "02020603050405020304",
            "00",
            "roman",
            "variable",
        ),
        (
            "Arial",
            "",
            "020B0604020202020204",
            "00",
            "swiss",
            "variable",
        ),
    ];
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    );
    for (name, alt, panose, charset, family, pitch) in fonts {
        xml.push_str(&format!(r#"<w:font w:name="{}">"#, attr(name)));
        if !alt.is_empty() {
            xml.push_str(&format!(r#"<w:altName w:val="{}"/>"#, attr(alt)));
        }
        xml.push_str(&format!(
            r#"<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        ));
    }
    xml.push_str("</w:fonts>");
    xml
}

/// docProps/core.xml.
pub fn core(meta: &Meta) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>planeval</dc:creator><cp:keywords>{}</cp:keywords><dc:description>{}</dc:description><dc:language>{}</dc:language><cp:lastModifiedBy>planeval</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{}</dcterms:modified></cp:coreProperties>"#,
        attr(meta.title),
        attr(meta.subject),
        attr(meta.keywords),
        attr(meta.description),
        attr(meta.language),
        attr(meta.created),
        attr(meta.created),
    )
}

/// docProps/custom.xml.
pub fn custom(properties: &[(String, String)]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
    );
    for (i, (name, value)) in properties.iter().enumerate() {
        // Property ids start at 2 (ECMA-376 reserves 0 and 1).
        xml.push_str(&format!(
            r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{}" name="{}"><vt:lpwstr>{}</vt:lpwstr></property>"#,
            i + 2,
            attr(name),
            attr(value)
        ));
    }
    xml.push_str("</Properties>");
    xml
}

/// Rewrites the package docx-rs wrote.
pub fn finish(raw: &[u8], meta: &Meta) -> Result<Vec<u8>, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let mut zin = ZipArchive::new(Cursor::new(raw)).map_err(|e| err(&e))?;
    let mut zout = ZipWriter::new(Cursor::new(Vec::with_capacity(raw.len() / 2)));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    // PNG is compressed already.
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).map_err(|e| err(&e))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|e| err(&e))?.to_string();
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut bytes).map_err(|e| err(&e))?;
        drop(entry);
        let bytes = match name.as_str() {
            "word/document.xml" => {
                let xml = String::from_utf8(bytes).map_err(|e| err(&e))?;
                patch_document(&xml, meta.pictures)?.into_bytes()
            }
            "word/fontTable.xml" => font_table().into_bytes(),
            "word/styles.xml" => {
                let xml = String::from_utf8(bytes).map_err(|e| err(&e))?;
                languages(&xml, meta.language).into_bytes()
            }
            "docProps/core.xml" => core(meta).into_bytes(),
            "docProps/custom.xml" => custom(meta.properties).into_bytes(),
            _ => bytes,
        };
        let options = if name.ends_with(".png") {
            stored
        } else {
            deflated
        };
        zout.start_file(name.as_str(), options)
            .map_err(|e| err(&e))?;
        zout.write_all(&bytes).map_err(|e| err(&e))?;
    }
    Ok(zout.finish().map_err(|e| err(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_picture_gets_its_own_id_and_alt_text() {
        let xml = r#"<w:p><wp:docPr id="1" name="Figure" /><pic:cNvPr id="0" name="" /></w:p><w:p><wp:docPr id="1" name="Figure" /><pic:cNvPr id="0" name="" /></w:p><w:trPr><w:cantSplit /></w:trPr>"#;
        let pictures = vec![
            ("图1　健康".to_string(), "折线图 <a> & \"b\"".to_string()),
            ("图2".to_string(), "第二\n张".to_string()),
        ];
        let out = patch_document(xml, &pictures).unwrap();
        assert!(out.contains(r#"<wp:docPr id="1" name="图1　健康" descr="折线图 &lt;a&gt; &amp; &quot;b&quot;"/>"#), "{out}");
        assert!(
            out.contains(r#"<wp:docPr id="2" name="图2" descr="第二 张"/>"#),
            "{out}"
        );
        assert!(out.contains(r#"<pic:cNvPr id="2" name="图2""#), "{out}");
        assert_eq!(out.matches("<w:tblHeader/>").count(), 1, "{out}");
        assert!(patch_document(xml, &pictures[..1]).is_err());
    }

    #[test]
    fn every_section_gets_the_page_number_footers() {
        let xml = r#"<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838" /><w:cols w:space="425" /></w:sectPr></w:pPr></w:p><w:sectPr><w:pgSz w:w="16838" /><w:footerReference w:type="default" r:id="rIdFooter1" /><w:footerReference w:type="even" r:id="rIdFooter2" /></w:sectPr>"#;
        let out = share_footers(xml);
        let refs = r#"<w:footerReference w:type="default" r:id="rIdFooter1" /><w:footerReference w:type="even" r:id="rIdFooter2" />"#;
        assert_eq!(
            out.matches(&format!("<w:sectPr>{refs}<w:pgSz")).count(),
            2,
            "{out}"
        );
        assert_eq!(out.matches("<w:footerReference").count(), 4, "{out}");
    }

    #[test]
    fn the_font_table_names_the_fallback_of_the_title_font() {
        let t = font_table();
        assert!(
            t.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#),
            "{t}"
        );
        assert!(
            t.contains(r#"<w:font w:name="仿宋"><w:altName w:val="FangSong"/>"#),
            "{t}"
        );
        assert!(t.contains(r#"<w:charset w:val="86"/>"#));
    }
}
