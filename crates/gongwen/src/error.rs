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
    /// The input is not text in a supported encoding.
    #[error("{path}: not UTF-8 text: invalid byte at offset {offset} (line {line})")]
    InvalidEncoding {
        /// The file (`-` for standard input, `<bytes>` for a buffer).
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
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

/// A `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
