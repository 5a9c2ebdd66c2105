//! Legacy XLS (BIFF) workbooks: calamine's `Xls`, after a pre-scan.
//!
//! `Xls::new` parses every sheet at once, hidden ones included, and builds
//! each densely (`Range::from_sparse`) over the bounding box of its cell
//! records, reserving first what a sheet's `Dimensions` record declares.
//! BIFF positions are 16-bit but unchecked, so two cells at `(0, 0)` and
//! `(65535, 65535)` would make calamine ask for 4 billion cells, and a
//! `Dimensions` record with its end before its start makes it reserve an
//! absurd capacity (the process aborts; it cannot be caught). Shared
//! strings are cloned into every cell that uses them. So before calamine
//! sees the file, this module:
//!
//! 1. opens the OLE2 container with the `cfb` crate (an encrypted OOXML
//!    package inside is [`Error::Encrypted`]) and reads the `Workbook` (or
//!    BIFF5 `Book`) stream;
//! 2. walks the stream's records as calamine will (same record boundaries,
//!    `CONTINUE` records joined, the same sheet substreams from each
//!    `BoundSheet8` offset), summing over all sheets the area of each
//!    sheet's cell bounding box, the cell records, the capacity each
//!    `Dimensions` record reserves, and an upper bound of the text
//!    calamine will build (3 bytes per character; shared strings counted
//!    once per cell that uses them, with lengths read from the `SST` the way
//!    calamine splits it; formulas' text, which calamine builds too, is
//!    estimated at `FORMULA_TEXT_PER_BYTE` bytes per record byte); any of
//!    them over [`Limits`] is
//!    [`Error::Limit`], sheet substreams that overlap so much that walking
//!    them costs more than twice the stream are [`Error::Corrupt`];
//! 3. hands calamine a fresh compound file, written by the `cfb` crate,
//!    that holds only that stream, so calamine parses exactly the bytes
//!    that were checked, whatever tricks the original container plays.
//!
//! A `FilePass` record (an encrypted workbook) is [`Error::Encrypted`].
//! Merged regions come from calamine (`MergeCells` records).
//!
//! It does not read charts, pictures or formulas' text.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use calamine::{Reader, SheetType, Xls, XlsError};

use super::{corrupt, guard, range_cells, wanted, Budget, RawSheet, Region};
use crate::error::{Error, Result};
use crate::read::{Limits, ReadOptions};

/// Reads the wanted sheets of an XLS workbook.
pub(super) fn read(
    bytes: &[u8],
    path: &Path,
    options: &ReadOptions,
    budget: &mut Budget<'_>,
) -> Result<Vec<RawSheet>> {
    let stream = guard(path, "OLE2 compound file", || workbook_stream(bytes, path))?;
    prescan(&stream, path, &options.limits, &mut budget.fresh())?;
    let clean = guard(path, "OLE2 compound file", || rebuild(&stream, path))?;
    drop(stream);
    guard(path, "workbook", || {
        let mut workbook: Xls<Cursor<Vec<u8>>> =
            Xls::new(Cursor::new(clean)).map_err(|e| error(path, "workbook", e))?;
        let sheets = workbook.sheets_metadata().to_vec();
        let mut out = Vec::new();
        for sheet in sheets {
            if sheet.typ != SheetType::WorkSheet || !wanted(&sheet.visible, options) {
                continue;
            }
            let name = sheet.name;
            let range = workbook
                .worksheet_range(&name)
                .map_err(|e| error(path, &name, e))?;
            let merges = workbook
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| error(path, &name, e))?
                .into_iter()
                .filter_map(|d| Region::from_corners(d.start, d.end))
                .collect();
            let cells = range_cells(&range, &name, budget)?;
            out.push(RawSheet {
                name,
                cells,
                merges,
            });
        }
        Ok(out)
    })
}

/// The workbook stream of an OLE2 file.
fn workbook_stream(bytes: &[u8], path: &Path) -> Result<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
        corrupt(
            path,
            "OLE2 compound file",
            format!("cannot read its directory ({e})"),
        )
    })?;
    if file.is_stream("/EncryptedPackage") || file.is_stream("/EncryptionInfo") {
        return Err(Error::Encrypted {
            path: path.to_owned(),
        });
    }
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| {
            corrupt(
                path,
                "OLE2 compound file",
                "no Workbook stream: not an Excel workbook",
            )
        })?;
    let mut data = Vec::new();
    file.open_stream(name)
        .and_then(|s| s.take(bytes.len() as u64).read_to_end(&mut data))
        .map_err(|e| corrupt(path, &name[1..], format!("cannot read the stream ({e})")))?;
    Ok(data)
}

/// A new compound file holding only `stream` as `Workbook`.
fn rebuild(stream: &[u8], path: &Path) -> Result<Vec<u8>> {
    let fail =
        |e: std::io::Error| corrupt(path, "Workbook", format!("cannot copy the stream ({e})"));
    // Version 3 (512-byte sectors), as Excel writes: calamine's own
    // compound-file reader fails on the crate's default version 4 files
    // once the stream outgrows the mini stream.
    let mut out = cfb::CompoundFile::create_with_version(
        cfb::Version::V3,
        Cursor::new(Vec::with_capacity(stream.len() + 4096)),
    )
    .map_err(fail)?;
    {
        let mut s = out.create_stream("/Workbook").map_err(fail)?;
        s.write_all(stream).map_err(fail)?;
    }
    out.flush().map_err(fail)?;
    Ok(out.into_inner().into_inner())
}

/// A calamine XLS error as a gongwen error about `part`.
fn error(path: &Path, part: &str, e: XlsError) -> Error {
    match e {
        XlsError::Password => Error::Encrypted {
            path: path.to_owned(),
        },
        e => corrupt(path, part, e),
    }
}

/// BIFF record types the pre-scan looks at (numbers from MS-XLS 2.3).
mod rt {
    /// Beginning of a substream.
    pub const BOF: u16 = 0x0809;
    /// End of a substream.
    pub const EOF: u16 = 0x000A;
    /// More data of the record before.
    pub const CONTINUE: u16 = 0x003C;
    /// The workbook is encrypted (type 1 is RC4).
    pub const FILE_PASS: u16 = 0x002F;
    /// A sheet: its substream's offset, state and name.
    pub const BOUND_SHEET: u16 = 0x0085;
    /// The shared string table.
    pub const SST: u16 = 0x00FC;
    /// A sheet's declared used range.
    pub const DIMENSIONS: u16 = 0x0200;
    /// A float cell.
    pub const NUMBER: u16 = 0x0203;
    /// A string cell.
    pub const LABEL: u16 = 0x0204;
    /// A rich string cell.
    pub const RSTRING: u16 = 0x00D6;
    /// A boolean or error cell.
    pub const BOOL_ERR: u16 = 0x0205;
    /// The string value of the formula before.
    pub const STRING: u16 = 0x0207;
    /// A compressed number cell.
    pub const RK: u16 = 0x027E;
    /// A shared string cell.
    pub const LABEL_SST: u16 = 0x00FD;
    /// Several compressed number cells in a row.
    pub const MUL_RK: u16 = 0x00BD;
    /// A formula cell with its cached value.
    pub const FORMULA: u16 = 0x0006;
}

/// One BIFF record with the `CONTINUE` records that follow it, as
/// calamine's record iterator yields it.
struct Record<'a> {
    /// Record type.
    typ: u16,
    /// Record data.
    data: &'a [u8],
    /// Data of the `CONTINUE` records joined to it.
    cont: Vec<&'a [u8]>,
}

/// calamine's record iterator: stops at the end of the stream or at a
/// record running past it (calamine then fails with an error).
struct Records<'a> {
    /// What is left of the stream.
    stream: &'a [u8],
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        if self.stream.len() < 4 {
            return None;
        }
        let typ = u16_at(self.stream, 0)?;
        let len = usize::from(u16_at(self.stream, 2)?);
        if self.stream.len() < len + 4 {
            self.stream = &[];
            return None;
        }
        let (head, next) = self.stream.split_at(len + 4);
        self.stream = next;
        let mut cont = Vec::new();
        while self.stream.len() > 4 && u16_at(self.stream, 0) == Some(rt::CONTINUE) {
            let len = usize::from(u16_at(self.stream, 2)?);
            if self.stream.len() < len + 4 {
                self.stream = &[];
                return None;
            }
            let (c, rest) = self.stream.split_at(len + 4);
            cont.push(&c[4..]);
            self.stream = rest;
        }
        Some(Record {
            typ,
            data: &head[4..],
            cont,
        })
    }
}

/// A little-endian `u16` at `at`.
fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

/// A little-endian `u32` at `at`.
fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

/// Bytes of formula text calamine builds per byte of a FORMULA record, as
/// estimated: a reference token of 3 to 11 bytes gives a few characters,
/// but a 5-byte name token gives the defined name (up to 255 characters),
/// so a workbook crafted around long names can exceed the estimate (by a
/// factor of at most about 50); ordinary formulas stay well below it.
const FORMULA_TEXT_PER_BYTE: u64 = 8;

/// Walks the workbook stream as calamine will and spends what calamine
/// will allocate from `budget` (a separate count from the output's).
fn prescan(stream: &[u8], path: &Path, limits: &Limits, budget: &mut Budget<'_>) -> Result<()> {
    let mut sheet_offsets = Vec::new();
    let mut sst: Vec<u32> = Vec::new();
    for r in (Records { stream }) {
        match r.typ {
            rt::FILE_PASS if u16_at(r.data, 0).is_some_and(|t| t != 0) => {
                return Err(Error::Encrypted {
                    path: path.to_owned(),
                })
            }
            rt::BOUND_SHEET => sheet_offsets.extend(u32_at(r.data, 0)),
            rt::SST => sst = sst_lengths(&r),
            rt::EOF => break,
            _ => {}
        }
    }
    let mut walked: u64 = 0;
    let walk_limit = (stream.len() as u64)
        .saturating_mul(2)
        .saturating_add(1 << 16);
    for (i, &offset) in sheet_offsets.iter().enumerate() {
        let sheet = format!("sheet {}", i + 1);
        let Some(sub) = stream.get(offset as usize..) else {
            return Err(corrupt(
                path,
                "Workbook",
                format!("{sheet} starts at byte {offset}, past the end of the stream"),
            ));
        };
        let mut extent: Option<Region> = None;
        let mut depth = 0usize;
        let mut seen_bof = false;
        let mut records = Records { stream: sub };
        let before = records.stream.len();
        let mut add = |row: u32, col: u32, budget: &mut Budget<'_>| -> Result<()> {
            budget.store(&sheet)?;
            let e = extent.get_or_insert(Region {
                top: row,
                left: col,
                bottom: row,
                right: col,
            });
            e.top = e.top.min(row);
            e.left = e.left.min(col);
            e.bottom = e.bottom.max(row);
            e.right = e.right.max(col);
            Ok(())
        };
        for r in records.by_ref() {
            if depth > 0 {
                match r.typ {
                    rt::BOF => depth += 1,
                    rt::EOF => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let d = r.data;
            let pos = || Some((u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?)));
            match r.typ {
                rt::BOF if seen_bof => depth += 1,
                rt::BOF => seen_bof = true,
                rt::EOF => break,
                rt::DIMENSIONS => {
                    let reserve = dimensions_reserve(d);
                    if reserve > limits.max_cells {
                        return Err(Error::Limit {
                            path: path.to_owned(),
                            what: format!("used range declared by {sheet} ({reserve} cells)"),
                            limit: limits.max_cells,
                        });
                    }
                }
                rt::NUMBER | rt::LABEL | rt::RSTRING | rt::BOOL_ERR | rt::RK | rt::FORMULA => {
                    if let Some((row, col)) = pos() {
                        add(row, col, budget)?;
                    }
                    match r.typ {
                        rt::LABEL | rt::RSTRING => budget.text(3 * d.len() as u64)?,
                        // calamine also builds the formula's text (unused).
                        rt::FORMULA => budget.text(FORMULA_TEXT_PER_BYTE * d.len() as u64)?,
                        _ => {}
                    }
                }
                rt::STRING => budget.text(3 * d.len() as u64)?,
                rt::LABEL_SST => {
                    if let (Some((row, col)), Some(i)) = (pos(), u32_at(d, 6)) {
                        add(row, col, budget)?;
                        let chars = sst.get(i as usize).copied().unwrap_or(0);
                        budget.text(3 * u64::from(chars))?;
                    }
                }
                rt::MUL_RK if d.len() >= 6 => {
                    if let Some((row, first)) = pos() {
                        let n = ((d.len() - 6) / 6) as u32;
                        if n > 0 {
                            add(row, first, budget)?;
                            add(row, first + n - 1, budget)?;
                            for _ in 2..n {
                                budget.store(&sheet)?;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        walked += (before - records.stream.len()) as u64;
        if walked > walk_limit {
            return Err(corrupt(
                path,
                "Workbook",
                "the sheets' substreams overlap (a sheet offset points into another sheet)",
            ));
        }
        if let Some(e) = extent {
            budget.cells(e.area(), || {
                format!(
                    "cells of {sheet} (its cells span {}, {} cells)",
                    e.a1(),
                    e.area()
                )
            })?;
        }
    }
    Ok(())
}

/// How many cells calamine reserves for a `Dimensions` record: its parse
/// of the record, then `(last - first + 1)` rows times columns in 32-bit
/// arithmetic that wraps (in builds without overflow checks; with them it
/// panics, which [`guard`] catches).
fn dimensions_reserve(d: &[u8]) -> u64 {
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0).unwrap_or(0)),
            u32::from(u16_at(d, 2).unwrap_or(0)),
            u32::from(u16_at(d, 4).unwrap_or(0)),
            u32::from(u16_at(d, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(d, 0).unwrap_or(0),
            u32_at(d, 4).unwrap_or(0),
            u32::from(u16_at(d, 8).unwrap_or(0)),
            u32::from(u16_at(d, 10).unwrap_or(0)),
        ),
        // calamine fails on other lengths.
        _ => return 0,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let ((r0, c0), (r1, c1)) = if 1 <= rl && 1 <= cl {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = u64::from(r1.wrapping_sub(r0).wrapping_add(1));
    let cols = u64::from(c1.wrapping_sub(c0).wrapping_add(1));
    rows.saturating_mul(cols)
}

/// The character count of each string of an `SST` record, found by
/// walking it exactly as calamine's `parse_sst` does (a string's characters
/// may continue in a `CONTINUE` record that starts with a new flags byte;
/// formatting runs and phonetic data continue without one). Stops where
/// calamine would fail.
fn sst_lengths(r: &Record<'_>) -> Vec<u32> {
    let mut out = Vec::new();
    let Some(mut data) = r.data.get(8..) else {
        return out;
    };
    let mut cont = r.cont.iter();
    loop {
        if data.is_empty() {
            match cont.next() {
                Some(next) => data = next,
                None => break,
            }
            if data.is_empty() {
                out.push(0);
                continue;
            }
        }
        let (Some(cch), Some(&flags)) = (u16_at(data, 0), data.get(2)) else {
            break;
        };
        data = &data[3..];
        let mut runs = 0usize;
        let mut ext = 0usize;
        if flags & 0x8 != 0 {
            let Some(n) = u16_at(data, 0) else { break };
            runs = usize::from(n);
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            let Some(n) = u32_at(data, 0) else { break };
            // calamine reads an i32 and casts it to usize.
            ext = n as i32 as usize;
            data = &data[4..];
        }
        // The characters.
        let mut high = flags & 0x1 != 0;
        let mut left = usize::from(cch);
        let mut ok = true;
        while left > 0 {
            let width = if high { 2 } else { 1 };
            let n = (data.len() / width).min(left);
            data = &data[n * width..];
            left -= n;
            if left > 0 {
                match cont.next() {
                    Some(next) if !next.is_empty() => {
                        high = next[0] & 0x1 != 0;
                        data = &next[1..];
                    }
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
        }
        if !ok {
            break;
        }
        out.push(u32::from(cch));
        // Formatting runs and phonetic data, across CONTINUE records.
        let mut skip = runs.saturating_mul(4).saturating_add(ext);
        while skip > 0 {
            if data.is_empty() {
                match cont.next() {
                    Some(next) => data = next,
                    None => return out,
                }
            }
            let n = skip.min(data.len());
            data = &data[n..];
            skip -= n;
        }
    }
    out
}

/// The pre-scan's arithmetic, for the unit tests.
#[cfg(test)]
pub(super) mod tests_api {
    /// See [`super::dimensions_reserve`].
    pub(in crate::read::sheet) fn dimensions_reserve(d: &[u8]) -> u64 {
        super::dimensions_reserve(d)
    }

    /// [`super::sst_lengths`] of an `SST` record with `data` and `cont`.
    pub(in crate::read::sheet) fn sst_lengths(data: &[u8], cont: &[&[u8]]) -> Vec<u32> {
        super::sst_lengths(&super::Record {
            typ: super::rt::SST,
            data,
            cont: cont.to_vec(),
        })
    }
}
