//! What each fuzz target feeds to gongwen, by target name.
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`, through the
//! `gongwen_fuzz` library) and by the stable regression test
//! `tests/fuzz_regressions.rs` (which includes this file with `#[path]`), so
//! a file under `fixtures/fuzz-regressions/<target>/` is replayed through
//! exactly the entry point its fuzzer found it with. Needs only `gongwen`
//! and `zip`.

use std::io::{Cursor, Write};
use std::path::Path;

use gongwen::model::Format;
use gongwen::{ParseOptions, Result};

/// Every target name (one folder each under `fuzz/corpus/` and
/// `fixtures/fuzz-regressions/`).
pub const TARGETS: &[&str] = &[
    "text",
    "docx",
    "xlsx",
    "xls",
    "ods",
    "html",
    "pipeline",
    "interpret_text",
    "docx_xml",
    "xlsx_sheet_xml",
];

/// Separates the parts of a `docx_xml` / `xlsx_sheet_xml` input: a byte
/// that never occurs in UTF-8 (so never in well-formed XML).
pub const PART_SEPARATOR: u8 = 0xFF;

/// Extensions the `pipeline` target names its input with (the first byte
/// picks one): detection uses the extension as a tie-breaker only.
const PIPELINE_EXTENSIONS: &[&str] = &[
    "txt", "docx", "xlsx", "xls", "ods", "html", "htm", "md", "tsv", "doc", "pdf", "",
];

/// Runs `data` through the entry point of `target`; `None` for an unknown
/// target. Any `Ok` or typed `Err` is a pass: the fuzzers look for panics,
/// hangs and runaway memory.
pub fn run(target: &str, data: &[u8]) -> Option<Result<()>> {
    Some(match target {
        "text" => forced(data, Format::Text, "fuzz.txt"),
        "docx" => forced(data, Format::Docx, "fuzz.docx"),
        "xlsx" => forced(data, Format::Xlsx, "fuzz.xlsx"),
        "xls" => forced(data, Format::Xls, "fuzz.xls"),
        "ods" => forced(data, Format::Ods, "fuzz.ods"),
        "html" => forced(data, Format::Html, "fuzz.html"),
        "pipeline" => pipeline(data),
        "interpret_text" => {
            interpret_text(data);
            Ok(())
        }
        "docx_xml" => forced(&docx_package(data), Format::Docx, "fuzz.docx"),
        "xlsx_sheet_xml" => forced(&xlsx_package(data), Format::Xlsx, "fuzz.xlsx"),
        _ => return None,
    })
}

/// Reads and interprets `data` as `format` (no detection).
fn forced(data: &[u8], format: Format, name: &str) -> Result<()> {
    let options = ParseOptions {
        format: Some(format),
        ..ParseOptions::default()
    };
    let notice = gongwen::parse_bytes_with(data, Path::new(name), &options)?;
    let _ = gongwen::rows::measure_rows(&notice);
    Ok(())
}

/// Format detection, reading and interpretation, as `parse_bytes` does.
fn pipeline(data: &[u8]) -> Result<()> {
    let ext = PIPELINE_EXTENSIONS
        [usize::from(data.first().copied().unwrap_or(0)) % PIPELINE_EXTENSIONS.len()];
    let name = if ext.is_empty() {
        "fuzz".to_owned()
    } else {
        format!("fuzz.{ext}")
    };
    let notice = gongwen::parse_bytes(data, Path::new(&name))?;
    let _ = gongwen::rows::measure_rows(&notice);
    Ok(())
}

/// The text reader, interpreter and grammars on arbitrary text (bytes that
/// are not UTF-8 are replaced, so every input is text).
fn interpret_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let notice = gongwen::parse_str(&text);
    let _ = gongwen::rows::measure_rows(&notice);
}

/// The parts of `data` split at [`PART_SEPARATOR`], at most `n`.
fn parts(data: &[u8], n: usize) -> Vec<&[u8]> {
    data.splitn(n, |&b| b == PART_SEPARATOR).collect()
}

/// A stored (uncompressed) ZIP of `members`.
fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    for (name, bytes) in members {
        // Writing to a Vec cannot fail but for a member over 4 GiB.
        if w.start_file(*name, options).is_err() || w.write_all(bytes).is_err() {
            break;
        }
    }
    w.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// A minimal Word package around `data`: `word/document.xml`, then (after a
/// [`PART_SEPARATOR`]) `word/numbering.xml`, then `word/styles.xml`.
pub fn docx_package(data: &[u8]) -> Vec<u8> {
    const NAMES: [&str; 3] = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
    let members: Vec<(&str, &[u8])> = NAMES.iter().copied().zip(parts(data, 3)).collect();
    zip_of(&members)
}

/// A minimal workbook around `data`: one sheet `xl/worksheets/sheet1.xml`,
/// then (after a [`PART_SEPARATOR`]) `xl/sharedStrings.xml`, then
/// `xl/workbook.xml` replacing the default one.
pub fn xlsx_package(data: &[u8]) -> Vec<u8> {
    const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WORKBOOK: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
    let p = parts(data, 3);
    let mut members: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/workbook.xml", p.get(2).copied().unwrap_or(WORKBOOK)),
        ("xl/worksheets/sheet1.xml", p[0]),
    ];
    if let Some(shared) = p.get(1) {
        members.push(("xl/sharedStrings.xml", shared));
    }
    zip_of(&members)
}
