//! The interpreter: turns a [`Document`] into a [`Notice`].
//!
//! It finds the notice's front matter (addressees, title, issuer, date,
//! annotation), reads task-division tables into headings and measures, and
//! records anything it cannot place as a diagnostic. It does not read bytes
//! (see [`crate::read`]) and leaves the parsing of single values to
//! [`crate::grammar`].

use crate::document::Document;
use crate::model::{Meta, Notice, SourceInfo, SCHEMA_ID};

/// Interprets a document as a notice.
pub fn interpret(doc: &Document, source: SourceInfo) -> Notice {
    let _ = doc;
    Notice {
        schema: SCHEMA_ID.to_owned(),
        meta: Meta::default(),
        outline: Vec::new(),
        measures: Vec::new(),
        diagnostics: Vec::new(),
        source,
    }
}
