//! The spreadsheet reader: XLSX, XLS and ODS workbooks, through `calamine`,
//! to one [`TableLayout::Grid`] table per visible worksheet.
//!
//! # What it does
//!
//! * Every worksheet that is visible (hidden and "very hidden" sheets only
//!   with [`ReadOptions::hidden_sheets`]), in workbook order, becomes one
//!   [`Block::Table`]; `index` numbers the tables across sheets from 0. A
//!   sheet with no non-empty cell gives nothing. Chart, dialog and macro
//!   sheets are skipped.
//! * The grid is the sheet's *used range*: the bounding box of its
//!   non-empty cells (a cell whose displayed text is empty counts as empty).
//!   Row and column numbers in the table are relative to the used range's
//!   top-left cell; every row of the used range is a [`Row`], empty ones
//!   included, so row numbers stay true. **Empty cells are omitted** from
//!   [`Row::cells`] (the interpreter treats a missing column as empty);
//!   each [`Cell`] carries its true column. Positions are
//!   [`Position::SheetCell`] with the sheet's name and the absolute A1
//!   reference (`B12`), whatever the used range's origin; a row's position
//!   is the A1 reference of its first column.
//! * Merged regions (XLSX and XLS from the workbook, ODS from
//!   `table:number-rows-spanned`/`table:number-columns-spanned`) become
//!   `row_span`/`col_span` on the region's top-left cell, which holds the
//!   top-left cell's value (an empty merged region is still emitted, with
//!   empty text, so the merge stays visible); the cells it covers are not
//!   emitted, whatever they hold. Regions are clamped to the used range
//!   (a merge over a whole sheet costs no more than the sheet's cells); a
//!   region whose top-left cell lies outside the used range (so is empty)
//!   is emitted empty at the used range's edge, covering what is under it,
//!   as a spreadsheet shows it.
//!   Overlapping regions are invalid in every format: the first region in
//!   the file wins and any later region overlapping an earlier one is
//!   ignored as a whole.
//! * Values are shown as a spreadsheet displays them, so far as the cell
//!   type says (see the `value` submodule): strings as stored, numbers
//!   without a spurious `.0`, dates as `2024年6月30日`. Formulas are never
//!   evaluated; the value cached in the file is read.
//!
//! # Limits
//!
//! [`Limits::max_cells`](super::Limits::max_cells) bounds the sum, over the
//! sheets read, of the used ranges' *areas* (rows × columns: what the grid
//! and the interpreter's column slots cost), checked before any row is
//! built; text of the cells is bounded by
//! [`Limits::max_total_size`](super::Limits::max_total_size) bytes. ZIP
//! packages (XLSX, ODS) are checked member by member against the size and
//! ratio limits by actually inflating them before calamine opens them.
//! calamine materializes a sheet densely over its used range (XLS and ODS
//! at open time, for every sheet, hidden ones too), so those formats are
//! pre-scanned first (see the `xls` and `ods` submodules) and refused with
//! [`Error::Limit`] before calamine allocates (that count includes hidden
//! sheets, which calamine builds whether or not they are read); XLSX sheets
//! are streamed cell by cell and never materialized densely (see the
//! `xlsx` submodule). Sorting out overlapping merged regions may visit at
//! most four cells per cell of the used range (only crafted files overlap
//! that much; beyond it, [`Error::Limit`]).
//!
//! # Errors
//!
//! calamine errors become [`Error::Corrupt`] with `part` `workbook` (or the
//! sheet's name when one sheet fails); a password-protected workbook is
//! [`Error::Encrypted`]. calamine panics on some malformed XLS records and,
//! in builds with overflow checks, on out-of-range cell references in XLSX
//! and XLS (see `guard`); those panics are caught and reported as
//! [`Error::Corrupt`].
//!
//! # What it does not do
//!
//! It does not apply number formats other than dates, times and durations
//! (`0.00`, percentages, thousands separators and currency are shown as the
//! bare number), does not evaluate formulas, read comments, hyperlinks,
//! images or charts, and knows nothing of notices.

/// ODS: calamine after a pre-scan of `content.xml` (repeats, spans).
mod ods;
/// The ZIP size and ratio check of XLSX and ODS packages.
mod package;
/// Cell values as displayed.
mod value;
/// XLS: calamine after a pre-scan of the BIFF records.
mod xls;
/// XLSX: calamine's cell stream.
mod xlsx;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use super::{Limits, ReadOptions};
use crate::document::{Block, Cell, Document, Position, Row, Table, TableLayout};
use crate::error::{Error, Result};
use crate::model::Format;

/// Reads a workbook's visible worksheets (hidden ones too with
/// [`ReadOptions::hidden_sheets`]) into one grid table each, in workbook
/// order; `path` names the file in errors.
pub fn read_sheets(
    bytes: &[u8],
    path: &Path,
    format: Format,
    options: &ReadOptions,
) -> Result<Document> {
    let mut budget = Budget::new(path, &options.limits);
    let sheets = match format {
        Format::Xlsx => xlsx::read(bytes, path, options, &mut budget)?,
        Format::Xls => xls::read(bytes, path, options, &mut budget)?,
        Format::Ods => ods::read(bytes, path, options, &mut budget)?,
        other => {
            return Err(Error::Unsupported {
                path: path.to_owned(),
                what: format!("a .{} file", other.extension()),
                hint: "the spreadsheet reader reads .xlsx, .xls and .ods only".to_owned(),
            })
        }
    };
    let mut blocks = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let index = blocks.len() as u32;
        if let Some(table) = build_table(sheet, index, &mut budget)? {
            blocks.push(Block::Table(table));
        }
    }
    Ok(Document { blocks })
}

/// One sheet as a format reader hands it over: its name, its non-empty
/// cells (absolute 0-based coordinates, any order, duplicates allowed: the
/// last one wins) and its merged regions in file order.
#[derive(Debug, Clone, Default, PartialEq)]
struct RawSheet {
    /// The sheet's name.
    name: String,
    /// The cells with a value; text is already the displayed text.
    cells: Vec<RawCell>,
    /// Merged regions, in the order the file lists them.
    merges: Vec<Region>,
}

/// One cell with a value, at absolute 0-based coordinates.
#[derive(Debug, Clone, PartialEq)]
struct RawCell {
    /// 0-based sheet row.
    row: u32,
    /// 0-based sheet column.
    col: u32,
    /// The displayed text.
    text: String,
}

/// A rectangle of cells, inclusive, in absolute 0-based coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Region {
    /// First row.
    top: u32,
    /// First column.
    left: u32,
    /// Last row (inclusive).
    bottom: u32,
    /// Last column (inclusive).
    right: u32,
}

/// Corners, sizes and A1 form of a region.
impl Region {
    /// A region from calamine's inclusive `(row, col)` corners; `None` when
    /// the corners are the wrong way round.
    fn from_corners(start: (u32, u32), end: (u32, u32)) -> Option<Region> {
        (start.0 <= end.0 && start.1 <= end.1).then_some(Region {
            top: start.0,
            left: start.1,
            bottom: end.0,
            right: end.1,
        })
    }

    /// The part of `self` inside `within`, if any.
    fn clamp(self, within: Region) -> Option<Region> {
        let r = Region {
            top: self.top.max(within.top),
            left: self.left.max(within.left),
            bottom: self.bottom.min(within.bottom),
            right: self.right.min(within.right),
        };
        (r.top <= r.bottom && r.left <= r.right).then_some(r)
    }

    /// Number of rows.
    fn height(self) -> u64 {
        u64::from(self.bottom - self.top) + 1
    }

    /// Number of columns.
    fn width(self) -> u64 {
        u64::from(self.right - self.left) + 1
    }

    /// Number of cells.
    fn area(self) -> u64 {
        self.height() * self.width()
    }

    /// The region as an A1 range such as `B3:D7`.
    fn a1(self) -> String {
        format!(
            "{}:{}",
            a1_ref(self.top, self.left),
            a1_ref(self.bottom, self.right)
        )
    }
}

/// The non-empty cells of a calamine range, in absolute sheet coordinates,
/// counted against the budget (XLS and ODS; XLSX streams its cells).
fn range_cells(
    range: &calamine::Range<calamine::Data>,
    name: &str,
    budget: &mut Budget<'_>,
) -> Result<Vec<RawCell>> {
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut cells = Vec::new();
    for (r, c, value) in range.used_cells() {
        let text = value::display_data(value);
        if text.is_empty() {
            continue;
        }
        budget.text(text.len() as u64)?;
        budget.store(name)?;
        cells.push(RawCell {
            row: top.saturating_add(r as u32),
            col: left.saturating_add(c as u32),
            text: text.into_owned(),
        });
    }
    Ok(cells)
}

/// What a read may still spend: grid cells and text bytes, each checked
/// against [`Limits`] with a typed error naming the culprit.
#[derive(Debug)]
struct Budget<'a> {
    /// The file, for errors.
    path: &'a Path,
    /// The limits.
    limits: &'a Limits,
    /// Grid cells spent so far (used-range areas).
    cells: u64,
    /// Cells stored so far while reading, before the grid is known.
    stored: u64,
    /// Text bytes spent so far.
    text: u64,
}

impl<'a> Budget<'a> {
    /// A fresh budget.
    fn new(path: &'a Path, limits: &'a Limits) -> Self {
        Budget {
            path,
            limits,
            cells: 0,
            stored: 0,
            text: 0,
        }
    }

    /// Spends `n` cells; `what` describes them for the error.
    fn cells(&mut self, n: u64, what: impl FnOnce() -> String) -> Result<()> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > self.limits.max_cells {
            return Err(Error::Limit {
                path: self.path.to_owned(),
                what: what(),
                limit: self.limits.max_cells,
            });
        }
        Ok(())
    }

    /// Counts one more stored cell of sheet `sheet` (a used range holds at
    /// least as many cells as are stored, so more than
    /// [`Limits::max_cells`] can never make a grid).
    fn store(&mut self, sheet: &str) -> Result<()> {
        self.stored += 1;
        if self.stored > self.limits.max_cells {
            return Err(Error::Limit {
                path: self.path.to_owned(),
                what: format!("cells with a value (sheet {sheet} and those before it)"),
                limit: self.limits.max_cells,
            });
        }
        Ok(())
    }

    /// Counts `n` more stored cells (see [`Budget::store`]).
    fn store_n(&mut self, n: u64, sheet: &str) -> Result<()> {
        if n == 0 {
            return Ok(());
        }
        self.stored = self.stored.saturating_add(n.saturating_sub(1));
        self.store(sheet)
    }

    /// Spends `n` bytes of cell text.
    fn text(&mut self, n: u64) -> Result<()> {
        self.text = self.text.saturating_add(n);
        if self.text > self.limits.max_total_size {
            return Err(Error::Limit {
                path: self.path.to_owned(),
                what: format!("text of the cells (more than {} bytes)", self.text),
                limit: self.limits.max_total_size,
            });
        }
        Ok(())
    }

    /// The same limits with nothing spent (for a separate count, such as a
    /// pre-scan of what calamine will allocate).
    fn fresh(&self) -> Budget<'a> {
        Budget::new(self.path, self.limits)
    }
}

/// How much work sorting out overlapping merged regions may take, in
/// visited cells, per cell of the used range (non-overlapping regions,
/// the only kind a valid file has, cost at most one visit per cell).
const MERGE_WORK_PER_CELL: u64 = 4;

/// Turns a sheet into a grid table; `None` when it has no non-empty cell.
fn build_table(sheet: RawSheet, index: u32, budget: &mut Budget<'_>) -> Result<Option<Table>> {
    let RawSheet {
        name,
        mut cells,
        merges,
    } = sheet;
    cells.retain(|c| !c.text.is_empty());
    let Some(used) = bounding_box(&cells) else {
        return Ok(None);
    };
    budget.cells(used.area(), || {
        format!(
            "cells of sheet {name} (used range {}, {} cells)",
            used.a1(),
            used.area()
        )
    })?;
    // Stable sort, then keep the last of cells at the same position.
    cells.sort_by_key(|c| (c.row, c.col));
    let mut deduped: Vec<RawCell> = Vec::with_capacity(cells.len());
    for cell in cells {
        match deduped.last_mut() {
            Some(last) if (last.row, last.col) == (cell.row, cell.col) => *last = cell,
            _ => deduped.push(cell),
        }
    }
    let merged = accept_merges(&merges, used, budget.path, &name)?;

    let width = used.width() as usize;
    let mut rows: Vec<Row> = (0..used.height())
        .map(|i| Row {
            cells: Vec::new(),
            pos: sheet_pos(&name, used.top + i as u32, used.left),
        })
        .collect();
    let mut anchors = merged.anchors;
    let mut place = |row: u32, col: u32, text: String, span: Option<(u32, u32)>| {
        let (row_span, col_span) = span.unwrap_or((1, 1));
        rows[(row - used.top) as usize].cells.push(Cell {
            text,
            col: col - used.left,
            row_span,
            col_span,
            pos: sheet_pos(&name, row, col),
        });
    };
    for cell in deduped {
        let at = (cell.row - used.top) as usize * width + (cell.col - used.left) as usize;
        match anchors.get(&(cell.row, cell.col)) {
            Some(a) if a.own_value => {
                let span = Some((a.rows, a.cols));
                anchors.remove(&(cell.row, cell.col));
                place(cell.row, cell.col, cell.text, span);
            }
            _ if merged.covered.get(at) => {}
            _ => place(cell.row, cell.col, cell.text, None),
        }
    }
    // Merged regions whose top-left cell is empty (or was cut off).
    for ((row, col), a) in anchors {
        place(row, col, String::new(), Some((a.rows, a.cols)));
    }
    for row in &mut rows {
        row.cells.sort_by_key(|c| c.col);
    }
    Ok(Some(Table {
        index,
        layout: TableLayout::Grid,
        rows,
    }))
}

/// The smallest region holding every cell.
fn bounding_box(cells: &[RawCell]) -> Option<Region> {
    let first = cells.first()?;
    let mut r = Region {
        top: first.row,
        left: first.col,
        bottom: first.row,
        right: first.col,
    };
    for c in cells {
        r.top = r.top.min(c.row);
        r.bottom = r.bottom.max(c.row);
        r.left = r.left.min(c.col);
        r.right = r.right.max(c.col);
    }
    Some(r)
}

/// A kept merged region, at its (clamped) top-left cell.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    /// Rows spanned.
    rows: u32,
    /// Columns spanned.
    cols: u32,
    /// Whether the cell here is the region's own top-left cell (else the
    /// region was clamped: its value, outside the used range, was empty,
    /// and the cell here is covered like any other).
    own_value: bool,
}

/// The merged regions kept, clamped to the used range.
struct Merged {
    /// Top-left cell of each kept region (absolute, after clamping).
    anchors: HashMap<(u32, u32), Anchor>,
    /// Cells of the used range covered by a kept region (anchors included).
    covered: BitGrid,
}

/// Clamps regions to `used`, drops those that shrink to one cell, and keeps
/// each one that overlaps no region kept before it.
fn accept_merges(merges: &[Region], used: Region, path: &Path, sheet: &str) -> Result<Merged> {
    let width = used.width() as usize;
    let mut covered = BitGrid::new(used.area() as usize);
    let mut anchors = HashMap::new();
    let mut work_left = used
        .area()
        .saturating_mul(MERGE_WORK_PER_CELL)
        .saturating_add(merges.len() as u64);
    for region in merges {
        let Some(r) = region.clamp(used) else {
            continue;
        };
        if r.area() < 2 {
            continue;
        }
        let index =
            |row: u32, col: u32| (row - used.top) as usize * width + (col - used.left) as usize;
        // Corners first: the cheap way to see most overlaps.
        let corners = [
            (r.top, r.left),
            (r.top, r.right),
            (r.bottom, r.left),
            (r.bottom, r.right),
        ];
        if corners
            .iter()
            .any(|&(row, col)| covered.get(index(row, col)))
        {
            continue;
        }
        let mut overlaps = false;
        'scan: for row in r.top..=r.bottom {
            if work_left < r.width() {
                return Err(Error::Limit {
                    path: path.to_owned(),
                    what: format!(
                        "work to sort out the overlapping merged regions of sheet {sheet} \
                         (more than {} cell visits)",
                        used.area().saturating_mul(MERGE_WORK_PER_CELL)
                    ),
                    limit: used.area().saturating_mul(MERGE_WORK_PER_CELL),
                });
            }
            work_left -= r.width();
            let start = index(row, r.left);
            if covered.any(start, start + r.width() as usize) {
                overlaps = true;
                break 'scan;
            }
        }
        if overlaps {
            continue;
        }
        for row in r.top..=r.bottom {
            let start = index(row, r.left);
            covered.set_range(start, start + r.width() as usize);
        }
        anchors.insert(
            (r.top, r.left),
            Anchor {
                rows: r.height() as u32,
                cols: r.width() as u32,
                own_value: (r.top, r.left) == (region.top, region.left),
            },
        );
    }
    Ok(Merged { anchors, covered })
}

/// A fixed-size set of bits.
#[derive(Debug, Clone)]
struct BitGrid {
    /// The bits, 64 to a word.
    words: Vec<u64>,
}

/// Reads and writes of bits and ranges of bits.
impl BitGrid {
    /// `n` clear bits.
    fn new(n: usize) -> Self {
        BitGrid {
            words: vec![0; n.div_ceil(64)],
        }
    }

    /// Bit `i`.
    fn get(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }

    /// Whether any bit in `start..end` is set (a word at a time).
    fn any(&self, start: usize, end: usize) -> bool {
        let mut i = start;
        while i < end {
            let (w, b) = (i / 64, i % 64);
            let n = (64 - b).min(end - i);
            let mask = if n == 64 {
                u64::MAX
            } else {
                ((1u64 << n) - 1) << b
            };
            if self.words.get(w).is_some_and(|word| word & mask != 0) {
                return true;
            }
            i += n;
        }
        false
    }

    /// Sets the bits `start..end`.
    fn set_range(&mut self, start: usize, end: usize) {
        let mut i = start;
        while i < end {
            let (w, b) = (i / 64, i % 64);
            let n = (64 - b).min(end - i);
            let mask = if n == 64 {
                u64::MAX
            } else {
                ((1u64 << n) - 1) << b
            };
            if let Some(word) = self.words.get_mut(w) {
                *word |= mask;
            }
            i += n;
        }
    }
}

/// A [`Position::SheetCell`] for an absolute 0-based cell.
fn sheet_pos(sheet: &str, row: u32, col: u32) -> Position {
    Position::SheetCell {
        sheet: sheet.to_owned(),
        cell: a1_ref(row, col),
    }
}

/// The A1 reference of an absolute 0-based cell: `(11, 1)` → `B12`.
pub fn a1_ref(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    let mut s = String::from_utf8(letters).unwrap_or_default();
    s.push_str(&(u64::from(row) + 1).to_string());
    s
}

/// Runs a calamine call, turning a panic into [`Error::Corrupt`] with
/// `part`.
///
/// calamine 0.38 panics, rather than returning an error, on some malformed
/// input: in XLS, a `BoundSheet8` record pointing past the end of the
/// workbook stream (slice index), a `MergeCells` record whose count exceeds
/// its data, and short `SST`/`BoundSheet8` records; in builds with overflow
/// checks (debug builds), an XLSX `<dimension>` or `<mergeCell>` reference
/// whose end precedes its start (`B2:A1`) or a cell reference too long for
/// 32 bits. The workbook is dropped after a panic, never used again.
/// (A build with `panic = "abort"` cannot catch these.)
fn guard<T>(path: &Path, part: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".to_owned());
            Err(Error::Corrupt {
                path: path.to_owned(),
                part: part.to_owned(),
                message: format!("malformed spreadsheet data (the reader failed: {why})"),
            })
        }
    }
}

/// An [`Error::Corrupt`] for `part` of `path`.
fn corrupt(path: &Path, part: &str, message: impl std::fmt::Display) -> Error {
    Error::Corrupt {
        path: path.to_owned(),
        part: part.to_owned(),
        message: message.to_string(),
    }
}

/// Whether a sheet of this visibility is read.
fn wanted(visible: &calamine::SheetVisible, options: &ReadOptions) -> bool {
    options.hidden_sheets || matches!(visible, calamine::SheetVisible::Visible)
}
