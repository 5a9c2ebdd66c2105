//! Readers: turn input bytes into a [`Document`].
//!
//! One module per format, each producing the same block model and knowing
//! nothing of notices: [`text`] (pasted text, tab-separated and Markdown
//! tables), [`docx`], [`sheet`] (XLSX, XLS and ODS through calamine) and
//! [`html`]. [`detect`] tells the format from the bytes themselves, so a
//! file's extension is only a tie-breaker. [`Limits`] bounds what a hostile
//! file can make a reader do.

pub mod decode;
pub mod detect;
pub mod docx;
pub mod html;
pub mod sheet;
pub mod text;

use std::path::Path;

use crate::document::Document;
use crate::error::Result;
use crate::model::{Diagnostic, DiagnosticCode, Format};

/// Resource limits for readers. Exceeding one is an
/// [`Error::Limit`](crate::Error::Limit), never a hang or unbounded memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest uncompressed size of one ZIP member (bytes).
    pub max_part_size: u64,
    /// Largest total uncompressed size of the ZIP members read (bytes).
    pub max_total_size: u64,
    /// Largest ratio of uncompressed to compressed size of a ZIP member
    /// (members under 1 MiB are not checked: small XML compresses well).
    pub max_ratio: u64,
    /// Most table cells in one document (all tables and sheets).
    pub max_cells: u64,
    /// Deepest nesting of tables in tables (or HTML elements).
    pub max_depth: u32,
    /// Largest input accepted at all (bytes).
    pub max_input_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_part_size: 256 << 20,
            max_total_size: 512 << 20,
            max_ratio: 200,
            max_cells: 2_000_000,
            max_depth: 32,
            max_input_size: 1 << 30,
        }
    }
}

/// What a reader produced: the document, and what it learned of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOutput {
    /// The blocks.
    pub document: Document,
    /// The format that was read.
    pub format: Format,
    /// The text encoding, for text and HTML inputs.
    pub encoding: Option<String>,
    /// Problems the reader met that did not stop it (undecodable bytes).
    pub diagnostics: Vec<Diagnostic>,
}

/// Options of [`read`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The format to read the input as; `None` detects it from the bytes.
    pub format: Option<Format>,
    /// Resource limits.
    pub limits: Limits,
    /// Whether spreadsheets' hidden sheets are read too.
    pub hidden_sheets: bool,
}

/// Reads `bytes` (named `path` in errors) into a [`Document`].
pub fn read(bytes: &[u8], path: &Path, options: &ReadOptions) -> Result<ReadOutput> {
    if bytes.len() as u64 > options.limits.max_input_size {
        return Err(crate::Error::Limit {
            path: path.to_owned(),
            what: format!("input size ({} bytes)", bytes.len()),
            limit: options.limits.max_input_size,
        });
    }
    let format = match options.format {
        Some(f) => f,
        None => detect::detect(bytes, path)?,
    };
    let mut diagnostics = Vec::new();
    let (document, encoding) = match format {
        Format::Text => {
            let decoded = decode::decode_text(bytes, path)?;
            if let Some((count, offset)) = decoded.replaced {
                diagnostics.push(Diagnostic {
                    code: DiagnosticCode::InvalidText,
                    message: format!(
                        "{count} byte sequence(s) not valid {} replaced by U+FFFD; the first at byte {offset}",
                        decoded.encoding.name()
                    ),
                    position: None,
                    text: None,
                });
            }
            (
                text::read_text(&decoded.text),
                Some(decoded.encoding.name().to_owned()),
            )
        }
        Format::Docx => (docx::read_docx(bytes, path, &options.limits)?, None),
        Format::Xlsx | Format::Xls | Format::Ods => {
            (sheet::read_sheets(bytes, path, format, options)?, None)
        }
        Format::Html => {
            let (doc, enc) = html::read_html(bytes, path, &options.limits)?;
            (doc, Some(enc))
        }
    };
    Ok(ReadOutput {
        document,
        format,
        encoding,
        diagnostics,
    })
}
