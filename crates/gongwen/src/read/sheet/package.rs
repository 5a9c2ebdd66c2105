//! The ZIP check run on XLSX and ODS packages before calamine opens them.
//!
//! calamine reads ZIP members itself and applies none of gongwen's
//! [`Limits`], so every member is first inflated here into a counting sink
//! (nothing is kept) and checked against
//! [`Limits::max_part_size`], [`Limits::max_total_size`] and
//! [`Limits::max_ratio`]. Sizes declared in the ZIP directory are checked
//! first (cheap), then the real inflated sizes (a directory can lie). It
//! does not look inside members.

use std::io::{self, Cursor, Read};
use std::path::Path;

use super::corrupt;
use crate::error::{Error, Result};
use crate::read::Limits;

/// Members under this size are not checked for their compression ratio
/// (small XML compresses very well).
const RATIO_FLOOR: u64 = 1 << 20;

/// Checks every member of the ZIP package `bytes` against `limits`.
pub(super) fn check_package(bytes: &[u8], path: &Path, limits: &Limits) -> Result<()> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        corrupt(
            path,
            "ZIP archive",
            format!("cannot read the archive directory ({e}); the file may be truncated"),
        )
    })?;
    let limit = |what: String, limit: u64| Error::Limit {
        path: path.to_owned(),
        what,
        limit,
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut member = match archive.by_index(i) {
            Ok(m) => m,
            // A member encrypted with a ZIP password.
            Err(e) if e.to_string().to_ascii_lowercase().contains("password") => {
                return Err(Error::Encrypted {
                    path: path.to_owned(),
                })
            }
            Err(e) => {
                return Err(corrupt(
                    path,
                    "ZIP archive",
                    format!("cannot open member {i}: {e}"),
                ))
            }
        };
        if member.is_dir() {
            continue;
        }
        let name = member
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("ZIP member {i}"));
        let declared = member.size();
        if declared > limits.max_part_size {
            return Err(limit(
                format!("uncompressed size of {name} ({declared} bytes)"),
                limits.max_part_size,
            ));
        }
        let compressed = member.compressed_size();
        let mut sink = CountingSink(0);
        let copied = io::copy(&mut (&mut member).take(limits.max_part_size + 1), &mut sink);
        if let Err(e) = copied {
            return Err(corrupt(path, &name, format!("cannot inflate: {e}")));
        }
        let size = sink.0;
        if size > limits.max_part_size {
            return Err(limit(
                format!("uncompressed size of {name} (more than {size} bytes)"),
                limits.max_part_size,
            ));
        }
        total = total.saturating_add(size);
        if total > limits.max_total_size {
            return Err(limit(
                format!("total uncompressed size of the package (more than {total} bytes)"),
                limits.max_total_size,
            ));
        }
        if size >= RATIO_FLOOR && size > compressed.saturating_mul(limits.max_ratio) {
            return Err(limit(
                format!("compression ratio of {name} ({size} bytes from {compressed})"),
                limits.max_ratio,
            ));
        }
    }
    Ok(())
}

/// A writer that only counts bytes.
struct CountingSink(u64);

/// Counts and drops what is written.
impl io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
