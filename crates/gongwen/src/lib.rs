//! gongwen (公文) reads Chinese government notices — pasted text today,
//! DOCX and XLSX next — and turns them into a structured, traceable
//! [`Notice`]: headings, measures, deadlines and responsible units, each
//! value with the position it came from.
//!
//! The pipeline has three layers, each in its own module:
//! 1. [`read`]: bytes to a [`Document`] of paragraphs and tables (one
//!    reader per format; readers know nothing of notices);
//! 2. [`interpret`]: blocks to the [`Notice`] model;
//! 3. [`grammar`]: small parsers for labels, deadlines and unit lists.
//!
//! ```
//! let notice = gongwen::parse_str("一、总体要求\n(一)加强领导。(办公室负责)");
//! assert_eq!(notice.schema, gongwen::model::SCHEMA_ID);
//! ```

pub mod document;
pub mod error;
pub mod grammar;
pub mod interpret;
pub mod model;
pub mod normalize;
pub mod read;
pub mod rows;
#[cfg(test)]
mod test_util;
pub mod write;

use std::path::Path;

pub use document::Document;
pub use error::{Error, Result};
pub use model::Notice;

use model::{Format, SourceInfo};

/// Options of [`parse_bytes_with`].
pub type ParseOptions = read::ReadOptions;

/// Parses a notice given as text.
pub fn parse_str(text: &str) -> Notice {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let source = SourceInfo {
        format: Format::Text,
        script: normalize::detect_script(text),
        encoding: None,
        path: None,
    };
    interpret::interpret(&read::text::read_text(text), source)
}

/// Parses a notice from bytes in any supported format, detected from the
/// bytes; `path` names the input in errors and in [`SourceInfo::path`].
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Notice> {
    parse_bytes_with(bytes, path, &ParseOptions::default())
}

/// [`parse_bytes`] with options (a forced format, resource limits).
pub fn parse_bytes_with(bytes: &[u8], path: &Path, options: &ParseOptions) -> Result<Notice> {
    let out = read::read(bytes, path, options)?;
    let source = SourceInfo {
        format: out.format,
        script: normalize::detect_script_of(&out.document),
        encoding: out.encoding,
        path: Some(path.display().to_string()),
    };
    let mut notice = interpret::interpret(&out.document, source);
    if !out.diagnostics.is_empty() {
        let mut diagnostics = out.diagnostics;
        diagnostics.append(&mut notice.diagnostics);
        notice.diagnostics = diagnostics;
    }
    Ok(notice)
}

/// Reads and parses a notice file of any supported format.
pub fn parse_path(path: &Path) -> Result<Notice> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_bytes(&bytes, path)
}

/// The JSON Schema of notice JSON v1, derived from the model types.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Notice)).unwrap_or(serde_json::Value::Null)
}
