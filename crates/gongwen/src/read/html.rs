//! The HTML reader (not written yet).

use std::path::Path;

use super::Limits;
use crate::document::Document;
use crate::error::{Error, Result};

/// Reads a web page; returns the document and the encoding used.
pub fn read_html(bytes: &[u8], path: &Path, limits: &Limits) -> Result<(Document, String)> {
    let _ = (bytes, limits);
    Err(Error::Unsupported {
        path: path.to_owned(),
        what: "a web page (.html)".to_owned(),
        hint: "the HTML reader is not built yet".to_owned(),
    })
}
