//! The spreadsheet reader (not written yet).

use std::path::Path;

use super::ReadOptions;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::model::Format;

/// Reads a workbook's visible sheets.
pub fn read_sheets(
    bytes: &[u8],
    path: &Path,
    format: Format,
    options: &ReadOptions,
) -> Result<Document> {
    let _ = (bytes, options);
    Err(Error::Unsupported {
        path: path.to_owned(),
        what: format!("a spreadsheet (.{})", format.extension()),
        hint: "the spreadsheet reader is not built yet".to_owned(),
    })
}
