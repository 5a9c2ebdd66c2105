//! Format detection by content: a ZIP package is told apart by the parts it
//! holds (`word/document.xml`, `xl/workbook.xml`, an OpenDocument
//! `mimetype`), an OLE2 compound file by its streams (`Workbook`,
//! `WordDocument`, `EncryptedPackage`), a web page by its first tags. The
//! file's extension only breaks ties (a text file named `.html`).
//!
//! Formats gongwen does not read get a typed error saying what the file is
//! and what to do ([`Error::Unsupported`], [`Error::Encrypted`]). Detection
//! reads ZIP and OLE2 directories only, never whole members.

use std::io::Cursor;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Format;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Detects the format of `bytes`; `path` gives the extension used to break
/// ties and names the file in errors.
pub fn detect(bytes: &[u8], path: &Path) -> Result<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension);
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY_MAGIC) {
        return detect_zip(bytes, path, ext);
    }
    if bytes.starts_with(OLE2_MAGIC) {
        return detect_ole2(bytes, path);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(unsupported(
            path,
            "a PDF file",
            "open it in a PDF reader and save or copy its text, or convert it to .docx",
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(unsupported(
            path,
            "a Rich Text Format document (.rtf)",
            "save it as .docx and try again",
        ));
    }
    if looks_like_html(bytes) || (ext == Some(Format::Html) && !bytes.contains(&0)) {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

fn unsupported(path: &Path, what: &str, hint: &str) -> Error {
    Error::Unsupported {
        path: path.to_owned(),
        what: what.to_owned(),
        hint: hint.to_owned(),
    }
}

fn detect_zip(bytes: &[u8], path: &Path, ext: Option<Format>) -> Result<Format> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::Corrupt {
        path: path.to_owned(),
        part: "ZIP archive".to_owned(),
        message: format!("cannot read the archive directory ({e}); the file may be truncated"),
    })?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("word/document.xml") {
        return Ok(Format::Docx);
    }
    if has("xl/workbook.xml") {
        return Ok(Format::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Err(unsupported(
            path,
            "an Excel binary workbook (.xlsb)",
            "save it as .xlsx and try again",
        ));
    }
    if has("content.xml") {
        let mime = odf_mimetype(bytes);
        return match mime.as_deref() {
            Some("application/vnd.oasis.opendocument.spreadsheet") => Ok(Format::Ods),
            Some("application/vnd.oasis.opendocument.text") => Err(unsupported(
                path,
                "an OpenDocument text (.odt)",
                "save it as .docx and try again",
            )),
            _ => Err(unsupported(
                path,
                "an OpenDocument file other than a spreadsheet",
                "save it as .docx or .xlsx and try again",
            )),
        };
    }
    if has("ppt/presentation.xml") {
        return Err(unsupported(
            path,
            "a PowerPoint presentation (.pptx)",
            "copy the notice into a .docx or text file",
        ));
    }
    match ext {
        Some(f @ (Format::Docx | Format::Xlsx | Format::Ods)) => Err(Error::Corrupt {
            path: path.to_owned(),
            part: "ZIP archive".to_owned(),
            message: format!(
                "a ZIP archive without the parts of a .{} file (no {})",
                f.extension(),
                match f {
                    Format::Docx => "word/document.xml",
                    Format::Xlsx => "xl/workbook.xml",
                    _ => "content.xml",
                }
            ),
        }),
        _ => Err(unsupported(
            path,
            "a ZIP archive",
            "unpack it and parse the notices inside",
        )),
    }
}

/// The `mimetype` member of an OpenDocument package: by convention stored
/// uncompressed as the first member, so it is read from the local header.
fn odf_mimetype(bytes: &[u8]) -> Option<String> {
    let name = bytes.get(30..38)?;
    if name != b"mimetype" {
        return None;
    }
    let start = 38 + usize::from(u16::from_le_bytes([*bytes.get(28)?, *bytes.get(29)?]));
    let rest = bytes.get(start..start.checked_add(80)?.min(bytes.len()))?;
    let end = rest.iter().position(|&b| b == b'P').unwrap_or(rest.len());
    std::str::from_utf8(&rest[..end])
        .ok()
        .map(|s| s.trim().to_owned())
}

fn detect_ole2(bytes: &[u8], path: &Path) -> Result<Format> {
    let file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| Error::Corrupt {
        path: path.to_owned(),
        part: "OLE2 compound file".to_owned(),
        message: format!("cannot read its directory ({e})"),
    })?;
    let mut names: Vec<String> = Vec::new();
    for entry in file.read_root_storage() {
        names.push(entry.name().to_owned());
    }
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("EncryptedPackage") || has("EncryptionInfo") {
        return Err(Error::Encrypted {
            path: path.to_owned(),
        });
    }
    if has("Workbook") || has("Book") {
        return Ok(Format::Xls);
    }
    if has("WordDocument") {
        return Err(unsupported(
            path,
            "a Word 97-2003 document (.doc)",
            "open it in Word or LibreOffice and save it as .docx",
        ));
    }
    if has("PowerPoint Document") {
        return Err(unsupported(
            path,
            "a PowerPoint 97-2003 presentation (.ppt)",
            "copy the notice into a .docx or text file",
        ));
    }
    Err(unsupported(
        path,
        "an OLE2 compound file of unknown kind",
        "save the notice as .docx, .xlsx or text",
    ))
}

/// Whether the first bytes look like HTML: after a BOM and white space,
/// a doctype, `<html>`, `<head>`, `<body>`, `<meta>` or an HTML comment,
/// or a `<table>`/`<p>`/`<div>` near the start.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.first() != Some(&b'<') {
        return false;
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let starts = |p: &[u8]| lower.starts_with(p);
    let contains = |p: &[u8]| lower.windows(p.len()).any(|w| w == p);
    starts(b"<!doctype html")
        || starts(b"<html")
        || starts(b"<head")
        || starts(b"<body")
        || starts(b"<meta")
        || ((starts(b"<!--") || starts(b"<?xml")) && contains(b"<html"))
        || contains(b"<table")
        || contains(b"<p>")
        || contains(b"<p ")
        || contains(b"<div")
        || contains(b"<br")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures")
            .join(name);
        std::fs::read(p).unwrap_or_default()
    }

    #[test]
    fn detects_fixture_formats_by_content() {
        let p = Path::new("no-extension");
        assert_eq!(
            detect(&fixture("seed/seed.docx"), p).ok(),
            Some(Format::Docx)
        );
        assert_eq!(
            detect(&fixture("seed/seed.xlsx"), p).ok(),
            Some(Format::Xlsx)
        );
        assert_eq!(
            detect(&fixture("real/govcn_guofa_2018_39_jiuye.html"), p).ok(),
            Some(Format::Html)
        );
        assert_eq!(
            detect(&fixture("seed/seed-hans.txt"), p).ok(),
            Some(Format::Text)
        );
        // The extension does not override the content.
        assert_eq!(
            detect(&fixture("seed/seed.docx"), Path::new("x.xlsx")).ok(),
            Some(Format::Docx)
        );
    }

    #[test]
    fn unsupported_and_broken_inputs_are_typed_errors() {
        let p = Path::new("notice.docx");
        assert!(matches!(
            detect(b"%PDF-1.7 ...", p),
            Err(Error::Unsupported { .. })
        ));
        let truncated = &fixture("seed/seed.docx")[..2000];
        assert!(matches!(detect(truncated, p), Err(Error::Corrupt { .. })));
        assert!(matches!(
            detect(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage", p),
            Err(Error::Corrupt { .. })
        ));
        assert_eq!(detect(b"", p).ok(), Some(Format::Text));
        assert_eq!(
            detect(b"plain text", Path::new("a.html")).ok(),
            Some(Format::Html)
        );
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<TABLE><tr><td>x</td></tr></TABLE>"));
        assert!(looks_like_html(
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"x\"><html xmlns=\"http://www.w3.org/1999/xhtml\">"
        ));
        assert!(!looks_like_html(b"<?xml version=\"1.0\"?><w:document/>"));
        assert!(!looks_like_html(b"<<not html>> just text"));
        assert!(!looks_like_html(b"plain"));
    }
}
