//! The DOCX reader (not written yet).

use std::path::Path;

use super::Limits;
use crate::document::Document;
use crate::error::{Error, Result};

/// Reads a Word document's body.
pub fn read_docx(bytes: &[u8], path: &Path, limits: &Limits) -> Result<Document> {
    let _ = (bytes, limits);
    Err(Error::Unsupported {
        path: path.to_owned(),
        what: "a Word document (.docx)".to_owned(),
        hint: "the DOCX reader is not built yet".to_owned(),
    })
}
