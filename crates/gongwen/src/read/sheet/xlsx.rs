//! XLSX workbooks: calamine's `Xlsx`, with sheets streamed cell by cell.
//!
//! calamine's `worksheet_range` builds a dense `Range` over the bounding
//! box of a sheet's non-empty cells (`Range::from_sparse`; the
//! `<dimension>` element only sizes a reservation, and only below 100 000
//! cells), so a sheet with values at `A1` and `XFD1048576` would ask for
//! 17 billion cells. This reader never calls it: it streams the sheet with
//! `worksheet_cells_reader`, keeps only cells with a value (at most
//! [`Limits::max_cells`](crate::read::Limits::max_cells) of them, and at
//! most `max_total_size` bytes of text, both checked before a cell is
//! stored), and lets the grid builder check the used range's area before
//! any row exists. A hostile `<dimension ref="A1:XFD1048576"/>` costs
//! nothing. Merged regions come from `merge_cells_by_sheet_name`.
//!
//! It reads cached values only (formulas are not evaluated) and does not
//! read XLSB.

use std::io::Cursor;
use std::path::Path;

use calamine::{DataRef, Reader, SheetType, Xlsx, XlsxError};

use super::package::check_package;
use super::value::{display_len_hint, display_ref};
use super::{corrupt, guard, wanted, Budget, RawCell, RawSheet, Region};
use crate::error::{Error, Result};
use crate::read::ReadOptions;

/// The first bytes of a ZIP archive.
const ZIP_MAGIC: &[u8] = b"PK";

/// Reads the wanted sheets of an XLSX workbook.
pub(super) fn read(
    bytes: &[u8],
    path: &Path,
    options: &ReadOptions,
    budget: &mut Budget<'_>,
) -> Result<Vec<RawSheet>> {
    if !bytes.starts_with(ZIP_MAGIC) {
        return Err(not_a_package(bytes, path));
    }
    check_package(bytes, path, &options.limits)?;
    guard(path, "workbook", || {
        let mut workbook: Xlsx<Cursor<&[u8]>> =
            Xlsx::new(Cursor::new(bytes)).map_err(|e| error(path, "workbook", e))?;
        let sheets = workbook.sheets_metadata().to_vec();
        let mut out = Vec::new();
        for sheet in sheets {
            if sheet.typ != SheetType::WorkSheet || !wanted(&sheet.visible, options) {
                continue;
            }
            let raw = guard(path, &sheet.name, || {
                read_sheet(&mut workbook, &sheet.name, path, budget)
            })?;
            out.extend(raw);
        }
        Ok(out)
    })
}

/// Streams one sheet's cells and reads its merged regions; `None` when the
/// part is not a worksheet after all.
fn read_sheet(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    path: &Path,
    budget: &mut Budget<'_>,
) -> Result<Option<RawSheet>> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(r) => r,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(error(path, name, e)),
    };
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| error(path, name, e))? {
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            continue;
        }
        budget.text(display_len_hint(value) as u64)?;
        let text = display_ref(value);
        if text.is_empty() {
            continue;
        }
        budget.store(name)?;
        let (row, col) = cell.get_position();
        cells.push(RawCell {
            row,
            col,
            text: text.into_owned(),
        });
    }
    drop(reader);
    let merges = workbook
        .merge_cells_by_sheet_name(name)
        .map_err(|e| error(path, name, e))?
        .into_iter()
        .filter_map(|d| Region::from_corners(d.start, d.end))
        .collect();
    Ok(Some(RawSheet {
        name: name.to_owned(),
        cells,
        merges,
    }))
}

/// Why input read as XLSX is not a ZIP package: an encrypted workbook (an
/// OLE2 compound file holding the package encrypted, as Office writes it
/// with a password) or damage. Checked with the `cfb` crate, as the XLS
/// reader does, and never with calamine: `Xlsx::new` runs any input that is
/// not a ZIP through calamine's own compound-file reader, which panics on a
/// malformed sector table (a FAT index out of range, a DIFAT sector not a
/// multiple of four bytes) and follows a looping sector chain until memory
/// runs out (found by fuzzing: `fixtures/fuzz-regressions/xlsx/`).
fn not_a_package(bytes: &[u8], path: &Path) -> Error {
    let encrypted = cfb::CompoundFile::open(Cursor::new(bytes))
        .map(|f| f.is_stream("/EncryptedPackage") || f.is_stream("/EncryptionInfo"))
        .unwrap_or(false);
    if encrypted {
        Error::Encrypted {
            path: path.to_owned(),
        }
    } else {
        corrupt(
            path,
            "ZIP archive",
            "not a ZIP package (no ZIP signature); the file may be damaged or not an XLSX workbook",
        )
    }
}

/// A calamine XLSX error as a gongwen error about `part`.
fn error(path: &Path, part: &str, e: XlsxError) -> Error {
    match e {
        XlsxError::Password => Error::Encrypted {
            path: path.to_owned(),
        },
        e => corrupt(path, part, e),
    }
}
