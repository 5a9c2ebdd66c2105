//! Typed errors: what went wrong, in which file, at which position.
//!
//! Problems inside a notice that still parses are not errors but
//! [`crate::model::Diagnostic`]s; an [`Error`] means no notice could be made.

use std::path::PathBuf;

/// Why a notice could not be parsed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input is a known format gongwen does not read (a legacy `.doc`,
    /// a PDF …); `hint` says what to do instead.
    #[error("{path}: {what} is not supported; {hint}")]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What the file is, e.g. `a Word 97-2003 document (.doc)`.
        what: String,
        /// What to do, e.g. `save it as .docx and try again`.
        hint: String,
    },
    /// The file is password-protected (an encrypted OOXML package).
    #[error("{path}: the file is encrypted (password-protected); save an unprotected copy and try again")]
    Encrypted {
        /// The file.
        path: PathBuf,
    },
    /// The file is damaged or is not what its format says: a truncated ZIP,
    /// a missing document part, malformed XML.
    #[error("{path}: {part}: {message}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Where in the file: a ZIP member such as `word/document.xml`, with
        /// a byte offset when known (`word/document.xml at byte 1024`).
        part: String,
        /// What is wrong.
        message: String,
    },
    /// The file exceeds a resource limit (size, compression ratio, cell
    /// count, nesting depth); see [`crate::read::Limits`].
    #[error("{path}: {what} exceeds the limit of {limit}")]
    Limit {
        /// The file.
        path: PathBuf,
        /// What was too large, e.g. `uncompressed size of word/document.xml (2 GiB)`.
        what: String,
        /// The limit.
        limit: u64,
    },
    /// The input is binary data, not a notice in a supported format.
    #[error("{path}: not a text notice: binary data ({what}) at offset {offset}")]
    Binary {
        /// The file.
        path: PathBuf,
        /// What was found, e.g. `a NUL byte` or `a ZIP archive`.
        what: String,
        /// Byte offset where it was found.
        offset: usize,
    },
}

impl Error {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            Error::Io { path, .. }
            | Error::Binary { path, .. }
            | Error::Unsupported { path, .. }
            | Error::Encrypted { path }
            | Error::Corrupt { path, .. }
            | Error::Limit { path, .. } => path,
        }
    }

    /// Where in the file the error is, when known: `byte N` (with the line
    /// for text), or the damaged part (`word/document.xml at byte 1024`).
    pub fn position(&self) -> Option<String> {
        match self {
            Error::Binary { offset, .. } => Some(format!("byte {offset}")),
            Error::Corrupt { part, .. } => Some(part.clone()),
            _ => None,
        }
    }

    /// A short, stable name of the error's kind (for error logs and bindings).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::Binary { .. } => "binary",
            Error::Unsupported { .. } => "unsupported_format",
            Error::Encrypted { .. } => "encrypted",
            Error::Corrupt { .. } => "corrupt",
            Error::Limit { .. } => "limit_exceeded",
        }
    }
}

/// A `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
