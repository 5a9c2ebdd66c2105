//! OpenDocument spreadsheets: calamine's `Ods`, after a pre-scan of
//! `content.xml` that also finds the merged cells.
//!
//! `Ods::new` parses every table at once, hidden ones too, expanding
//! `table:number-rows-repeated` and `table:number-columns-repeated` (capped
//! at 1 048 576 rows, 16 384 columns and 100 million cells) and cloning a
//! repeated cell's text into every copy; a `<text:s text:c="…"/>` becomes
//! that many spaces. A few kilobytes of XML can so ask for gigabytes. Before
//! calamine runs, this module streams `content.xml` once (after the ZIP
//! check of [`super::package`]) and follows calamine's own rules for
//! repeats, caps and empty cells to sum, over all tables: the area of each
//! table's used range, the cells calamine stores before trimming, and an
//! upper bound of the text it will build (repeats included). Over
//! [`Limits`] is [`Error::Limit`].
//!
//! calamine reports no merged cells for ODS; the same scan reads
//! `table:number-rows-spanned`/`table:number-columns-spanned` at the
//! positions calamine gives the cells (covered cells count as columns, as
//! in calamine), so merged regions become spans as in XLSX. Tables are
//! matched with calamine's sheets by their order (calamine keeps named
//! tables only, in document order).
//!
//! A package whose manifest lists `manifest:encryption-data` is
//! [`Error::Encrypted`] (checked before the scan, as its members are
//! ciphertext).
//!
//! Like calamine it does not read pretty-printed `content.xml` (white
//! space between cells makes calamine fail, which is reported as
//! [`Error::Corrupt`]), annotations or formulas' text.

use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use calamine::{Ods, OdsError, Reader};
use quick_xml::events::{BytesStart, Event};

use super::package::check_package;
use super::{corrupt, guard, range_cells, wanted, Budget, RawSheet, Region};
use crate::error::{Error, Result};
use crate::read::{Limits, ReadOptions};

/// calamine's cap on a table's rows.
const MAX_ROWS: u64 = 1_048_576;
/// calamine's cap on a row's columns.
const MAX_COLUMNS: u64 = 16_384;

/// Reads the wanted sheets of an ODS workbook.
pub(super) fn read(
    bytes: &[u8],
    path: &Path,
    options: &ReadOptions,
    budget: &mut Budget<'_>,
) -> Result<Vec<RawSheet>> {
    if bytes.starts_with(b"PK") {
        check_package(bytes, path, &options.limits)?;
        if encrypted(bytes) {
            return Err(Error::Encrypted {
                path: path.to_owned(),
            });
        }
    }
    let mut spans = guard(path, "content.xml", || {
        prescan(bytes, path, &options.limits, &mut budget.fresh())
    })?;
    guard(path, "workbook", || {
        let mut workbook: Ods<Cursor<&[u8]>> =
            Ods::new(Cursor::new(bytes)).map_err(|e| error(path, "workbook", e))?;
        let sheets = workbook.sheets_metadata().to_vec();
        let mut out = Vec::new();
        for (i, sheet) in sheets.into_iter().enumerate() {
            if !wanted(&sheet.visible, options) {
                continue;
            }
            let name = sheet.name;
            let range = workbook
                .worksheet_range(&name)
                .map_err(|e| error(path, &name, e))?;
            let cells = range_cells(&range, &name, budget)?;
            let merges = spans.get_mut(i).map(std::mem::take).unwrap_or_default();
            out.push(RawSheet {
                name,
                cells,
                merges,
            });
        }
        Ok(out)
    })
}

/// Whether the package's manifest describes encrypted members (their
/// content is ciphertext, so the scan must not read it as XML).
fn encrypted(bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(mut manifest) = archive.by_name("META-INF/manifest.xml") else {
        return false;
    };
    let mut text = Vec::new();
    // The package check bounded the member's size.
    if manifest.read_to_end(&mut text).is_err() {
        return false;
    }
    text.windows(b"encryption-data".len())
        .any(|w| w == b"encryption-data")
}

/// A calamine ODS error as a gongwen error about `part`.
fn error(path: &Path, part: &str, e: OdsError) -> Error {
    match e {
        OdsError::Password => Error::Encrypted {
            path: path.to_owned(),
        },
        e => corrupt(path, part, e),
    }
}

/// What the scan learns of one table.
#[derive(Debug, Default)]
struct TableScan {
    /// Rows seen so far, repeats included and capped as calamine caps them.
    rows: u64,
    /// Absolute rows of the first and last non-empty rows (the last one's
    /// repeats included).
    first_row: Option<u64>,
    /// See `first_row`.
    last_row: u64,
    /// Leftmost and rightmost non-empty columns.
    col_min: Option<u64>,
    /// See `col_min`.
    col_max: u64,
    /// Merged regions: spanned cells at their absolute positions.
    spans: Vec<Region>,
}

/// Scans `content.xml`; returns each named table's merged regions, in
/// document order, after spending what calamine will allocate.
fn prescan(
    bytes: &[u8],
    path: &Path,
    limits: &Limits,
    budget: &mut Budget<'_>,
) -> Result<Vec<Vec<Region>>> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(path, "ZIP archive", e))?;
    // Without content.xml calamine reports the error.
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(Vec::new());
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.expand_empty_elements = true;
    config.trim_text(false);
    let mut scan = Scanner {
        xml,
        buf: Vec::new(),
        path,
        limits,
    };
    let mut tables = Vec::new();
    let mut current: Option<TableScan> = None;
    let mut merges_left = limits.max_cells;
    loop {
        match scan.next()? {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let named = e.try_get_attribute("table:name").ok().flatten().is_some();
                if current.is_none() && named {
                    current = Some(TableScan::default());
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = current.take() {
                    let index = tables.len();
                    if let (Some(first), Some(col_min)) = (t.first_row, t.col_min) {
                        let area = (t.last_row - first + 1)
                            .saturating_mul(t.col_max.saturating_sub(col_min) + 1);
                        budget.cells(area, || {
                            format!(
                                "cells of table {} of content.xml ({area} cells once repeats are expanded)",
                                index + 1
                            )
                        })?;
                    }
                    tables.push(t.spans);
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                if let Some(t) = current.as_mut() {
                    let repeats = number_attr(&e, "table:number-rows-repeated");
                    let repeats = repeats.min(MAX_ROWS.saturating_sub(t.rows));
                    scan.row(t, repeats, budget, &mut merges_left)?;
                    t.rows += repeats;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tables)
}

/// The XML stream of `content.xml` with what the scan needs.
struct Scanner<'p, R: std::io::BufRead> {
    /// The XML reader.
    xml: quick_xml::Reader<R>,
    /// Event buffer.
    buf: Vec<u8>,
    /// The file, for errors.
    path: &'p Path,
    /// The limits.
    limits: &'p Limits,
}

impl<R: std::io::BufRead> Scanner<'_, R> {
    /// The next event, owned.
    fn next(&mut self) -> Result<Event<'static>> {
        self.buf.clear();
        match self.xml.read_event_into(&mut self.buf) {
            Ok(e) => Ok(e.into_owned()),
            Err(e) => Err(corrupt(
                self.path,
                "content.xml",
                format!("malformed XML at byte {}: {e}", self.xml.buffer_position()),
            )),
        }
    }

    /// One `table:table-row` element, repeated `row_repeats` times, as
    /// calamine's `read_row` and `get_range` treat it.
    fn row(
        &mut self,
        t: &mut TableScan,
        row_repeats: u64,
        budget: &mut Budget<'_>,
        merges_left: &mut u64,
    ) -> Result<()> {
        let row = t.rows;
        let mut cols: u64 = 0;
        let mut pending_empty: u64 = 0;
        let mut text: u64 = 0;
        let mut non_empty = false;
        loop {
            let cell = match self.next()? {
                Event::Start(e)
                    if matches!(
                        e.name().as_ref(),
                        "table:table-cell" | "table:covered-table-cell"
                    ) =>
                {
                    e
                }
                Event::End(e) if e.name().as_ref() == "table:table-row" => break,
                Event::Eof => break,
                // calamine fails on anything else inside a row.
                _ => continue,
            };
            let repeats = number_attr(&cell, "table:number-columns-repeated");
            let kind = CellKind::of(&cell);
            let content = self.skip_content()?;
            // Empty cells are pushed only when a later cell follows them.
            let flushed = pending_empty.min(MAX_COLUMNS.saturating_sub(cols));
            cols += flushed;
            pending_empty = 0;
            let repeats = repeats.min(MAX_COLUMNS.saturating_sub(cols));
            let at = cols;
            if kind.has_value {
                if repeats > 0 {
                    non_empty = true;
                    t.col_min = Some(t.col_min.map_or(at, |m| m.min(at)));
                    t.col_max = t.col_max.max(at + repeats - 1);
                }
                text = text.saturating_add(
                    content
                        .saturating_add(kind.text_len)
                        .saturating_mul(repeats),
                );
                cols += repeats;
            } else {
                pending_empty = repeats;
            }
            if kind.row_span > 1 || kind.col_span > 1 {
                let count = repeats.saturating_mul(row_repeats);
                if count > *merges_left {
                    return Err(Error::Limit {
                        path: self.path.to_owned(),
                        what: "merged cells in content.xml".to_owned(),
                        limit: self.limits.max_cells,
                    });
                }
                *merges_left -= count;
                for r in 0..row_repeats {
                    for k in 0..repeats {
                        let (top, left) = (row + r, at + k);
                        let region = Region {
                            top: clamp_u32(top),
                            left: clamp_u32(left),
                            bottom: clamp_u32(top.saturating_add(kind.row_span - 1)),
                            right: clamp_u32(left.saturating_add(kind.col_span - 1)),
                        };
                        t.spans.push(region);
                    }
                }
            }
        }
        budget.store_n(cols, "content.xml")?;
        if non_empty && row_repeats > 0 {
            t.first_row.get_or_insert(row);
            t.last_row = row + row_repeats - 1;
            budget.text(text.saturating_mul(row_repeats))?;
        }
        Ok(())
    }

    /// Consumes a cell's content up to its end tag; returns an upper bound
    /// of the bytes of text calamine can make of it.
    fn skip_content(&mut self) -> Result<u64> {
        let mut depth = 1usize;
        let mut len: u64 = 0;
        while depth > 0 {
            match self.next()? {
                Event::Start(e) => {
                    depth += 1;
                    len = len.saturating_add(match e.name().as_ref() {
                        "text:s" => number_attr(&e, "text:c"),
                        _ => 1,
                    });
                }
                Event::End(_) => depth -= 1,
                Event::Text(t) => len = len.saturating_add(t.len() as u64),
                Event::CData(t) => len = len.saturating_add(t.len() as u64),
                Event::GeneralRef(r) => len = len.saturating_add(r.len() as u64 + 4),
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(len)
    }
}

/// What calamine makes of a cell element's attributes.
struct CellKind {
    /// Whether calamine stores something (a value, a string, a formula).
    has_value: bool,
    /// Bytes of the value and formula attributes.
    text_len: u64,
    /// `table:number-rows-spanned`.
    row_span: u64,
    /// `table:number-columns-spanned`.
    col_span: u64,
}

/// Reading a cell element.
impl CellKind {
    /// Reads a cell's attributes.
    fn of(e: &BytesStart<'_>) -> CellKind {
        let mut kind = CellKind {
            has_value: false,
            text_len: 0,
            row_span: 1,
            col_span: 1,
        };
        for attr in e.attributes().with_checks(false).flatten() {
            let value = attr.value.as_ref();
            match attr.key.as_ref() {
                "office:value"
                | "office:string-value"
                | "office:date-value"
                | "office:time-value"
                | "office:boolean-value" => {
                    kind.has_value = true;
                    kind.text_len = kind.text_len.saturating_add(value.len() as u64 + 32);
                }
                "office:value-type" if value == "string" => kind.has_value = true,
                "table:formula" if !value.is_empty() => {
                    kind.has_value = true;
                    kind.text_len = kind.text_len.saturating_add(value.len() as u64);
                }
                "table:number-rows-spanned" => kind.row_span = parse_count(value).max(1),
                "table:number-columns-spanned" => kind.col_span = parse_count(value).max(1),
                _ => {}
            }
        }
        kind
    }
}

/// A count attribute (`1` when absent or not a number, as a repeat of one).
fn number_attr(e: &BytesStart<'_>, name: &str) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map_or(1, |a| parse_count(a.value.as_ref()))
}

/// A count: a decimal number, saturating; `1` when not a number.
fn parse_count(s: &str) -> u64 {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return 1;
    }
    s.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    })
}

/// A coordinate as `u32`, saturating.
fn clamp_u32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
