//! The body of `word/document.xml`, streamed into blocks by a recursive
//! descent over quick-xml events (recursion only for tables and text boxes,
//! whose depth is bounded by [`Limits::max_depth`]; everything else is
//! skipped or descended iteratively).
//!
//! # Text
//!
//! A paragraph's text is the text of its runs (`w:t`), with `w:tab` and
//! `w:ptab` as `\t`, `w:br` (any type) and `w:cr` as `\n`, and
//! `w:noBreakHyphen` as `-`; it is trimmed of surrounding white space
//! (U+3000 included). Runs are read through every inline wrapper:
//! `w:hyperlink`, `w:fldSimple`, `w:sdt`/`w:sdtContent`, `w:ins`, `w:moveTo`,
//! `w:smartTag`, `w:customXml`, `w:dir`, `w:bdo`. Not read:
//!
//! - deleted and moved-away text (`w:del`, `w:delText`, `w:moveFrom`): the
//!   reader shows the document with tracked changes accepted;
//! - field instructions: of a complex field (`w:fldChar` begin … separate …
//!   end) only the result, between separate and end, is kept; nested fields
//!   inside an instruction are part of it. A field result may span
//!   paragraphs (a table of contents); a field still in its instruction when
//!   a paragraph ends is closed there, so a field without `separate` cannot
//!   hide the rest of the document;
//! - `mc:Choice`: of an `mc:AlternateContent` only the `mc:Fallback` is
//!   read, so a text box Word writes twice (DrawingML and VML) counts once;
//!   an `mc:AlternateContent` with no fallback gives nothing;
//! - ruby text (`w:rt`, the phonetic guide; the base text is kept), content
//!   control properties (`w:sdtPr`), footnote and comment references,
//!   `w:sym` glyphs.
//!
//! Paragraphs inside a paragraph (text boxes: `w:txbxContent`) are not
//! blocks: their text is appended to the paragraph that anchors them, each
//! on its own line, after the anchor's own text. A table in a text box is
//! appended the same way, as nested tables are.
//!
//! Automatic numbering (see [`super::numbering`]) is prepended to the
//! trimmed text. A numbered paragraph with no text still advances its list
//! (as in Word) but is skipped like any empty paragraph.
//!
//! # Tables
//!
//! Rows (`w:tr`) of cells (`w:tc`) are placed on the table grid: a row starts
//! at grid column `w:gridBefore` (`w:gridAfter` needs nothing), each cell
//! covers `w:gridSpan` columns (1 to 4096). A cell with `w:vMerge`
//! `continue` (or no value) under a merge started (`restart`) in the same
//! grid column of the row above is not emitted: the starting cell's
//! `row_span` grows, and any text the continuing cell holds is appended to
//! it. A continuing cell with nothing to continue is an ordinary cell.
//! WPS's `w:hMerge` `continue` widens the cell to its left the same way.
//! Rows deleted as a tracked change (`w:trPr/w:del`) are dropped; rows
//! whose cells all continue merges are kept, empty, so row indexes stay
//! grid rows. Every `w:tc` (nested ones included) counts against
//! [`Limits::max_cells`].
//!
//! A cell's non-empty paragraphs are joined with `\n`. A table inside a
//! cell is not a block: its text joins the cell's text in its place, rows
//! on separate lines and the non-empty cells of a row separated by a space.
//! Tables nested deeper than [`Limits::max_depth`] are an
//! [`Error::Limit`](crate::Error::Limit), not silently cut.
//!
//! # What it does not do
//!
//! It knows nothing of notices (headings, measures and units are the
//! interpreter's business), keeps no formatting (bold, hidden text, fonts,
//! alignment), reads nothing outside `w:body`, and gives no position finer
//! than a body paragraph or a table cell (text boxes and nested tables take
//! the position of the block or cell holding them).

use std::collections::BTreeMap;

use super::numbering::{Numbering, ParaNumbering};
use super::{Ns, Tok, Vocabulary, XmlPart};
use crate::document::{Block, Cell, Document, Paragraph, Position, Row, Table, TableLayout};
use crate::error::Result;
use crate::read::Limits;

/// The widest `w:gridSpan` or `w:gridBefore` taken (Word allows 63 columns).
const MAX_SPAN: u32 = 4096;
/// The largest grid column; keeps `col + col_span` within `u32`.
const MAX_COL: u32 = u32::MAX / 2;

/// Reads the body of `word/document.xml`.
pub(crate) fn read_body<'a>(
    xml: XmlPart<'_, 'a>,
    numbering: Numbering<'a>,
    limits: &Limits,
) -> Result<Document> {
    let mut reader = BodyReader {
        xml,
        numbering,
        limits,
        cells: 0,
        fields: Vec::new(),
        hidden: 0,
    };
    loop {
        match reader.xml.next::<Tag>()? {
            Tok::Start(Tag::Body) => break,
            Tok::Empty(Tag::Body) => return Ok(Document::default()),
            Tok::Eof => return Err(reader.xml.corrupt("the part has no <w:body>")),
            _ => {}
        }
    }
    Ok(Document {
        blocks: reader.blocks()?,
    })
}

/// The elements of the body that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// `w:body`.
    Body,
    /// `w:p`.
    P,
    /// `w:pPr`.
    PPr,
    /// `w:pStyle`.
    PStyle,
    /// `w:numPr`.
    NumPr,
    /// `w:numId`.
    NumId,
    /// `w:ilvl`.
    Ilvl,
    /// `w:t`.
    T,
    /// `w:tab` and `w:ptab`.
    Tab,
    /// `w:br` and `w:cr`.
    Break,
    /// `w:noBreakHyphen`.
    Hyphen,
    /// `w:fldChar`.
    FldChar,
    /// `w:tbl`.
    Tbl,
    /// `w:tr`.
    Tr,
    /// `w:trPr`.
    TrPr,
    /// `w:gridBefore`.
    GridBefore,
    /// `w:tc`.
    Tc,
    /// `w:tcPr`.
    TcPr,
    /// `w:gridSpan`.
    GridSpan,
    /// `w:vMerge`.
    VMerge,
    /// `w:hMerge`.
    HMerge,
    /// `w:del` (deleted runs; in `w:trPr`, a deleted row).
    Del,
    /// Wrappers whose content is read as if they were not there.
    Transparent,
    /// Subtrees never read (see the module documentation).
    Skipped,
    /// Anything else: descended into inside paragraphs, skipped between
    /// blocks.
    Other,
}

impl Vocabulary for Tag {
    fn classify(ns: Ns, local: &str) -> Self {
        match ns {
            Ns::W => match local {
                "p" => Tag::P,
                "r" => Tag::Transparent,
                "t" => Tag::T,
                "pPr" => Tag::PPr,
                "rPr" => Tag::Skipped,
                "tc" => Tag::Tc,
                "tcPr" => Tag::TcPr,
                "tr" => Tag::Tr,
                "trPr" => Tag::TrPr,
                "tbl" => Tag::Tbl,
                "body" => Tag::Body,
                "pStyle" => Tag::PStyle,
                "numPr" => Tag::NumPr,
                "numId" => Tag::NumId,
                "ilvl" => Tag::Ilvl,
                "tab" | "ptab" => Tag::Tab,
                "br" | "cr" => Tag::Break,
                "noBreakHyphen" => Tag::Hyphen,
                "fldChar" => Tag::FldChar,
                "gridBefore" => Tag::GridBefore,
                "gridSpan" => Tag::GridSpan,
                "vMerge" => Tag::VMerge,
                "hMerge" => Tag::HMerge,
                "del" => Tag::Del,
                "hyperlink" | "fldSimple" | "sdt" | "sdtContent" | "ins" | "moveTo"
                | "smartTag" | "customXml" | "dir" | "bdo" => Tag::Transparent,
                "sdtPr" | "sdtEndPr" | "moveFrom" | "rt" | "customXmlPr" | "smartTagPr"
                | "sectPr" | "tblPr" | "tblGrid" | "tblPrEx" | "instrText" | "delText"
                | "delInstrText" | "fldData" | "ffData" | "footnoteReference"
                | "endnoteReference" | "commentReference" => Tag::Skipped,
                _ => Tag::Other,
            },
            Ns::Mc => match local {
                "AlternateContent" | "Fallback" => Tag::Transparent,
                "Choice" => Tag::Skipped,
                _ => Tag::Other,
            },
            Ns::Other => Tag::Other,
        }
    }

    fn attribute(self) -> Option<&'static str> {
        match self {
            Tag::PStyle
            | Tag::NumId
            | Tag::Ilvl
            | Tag::GridBefore
            | Tag::GridSpan
            | Tag::VMerge
            | Tag::HMerge => Some("val"),
            Tag::FldChar => Some("fldCharType"),
            _ => None,
        }
    }
}

/// A merge mark of a cell (`w:vMerge`, `w:hMerge`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Merge {
    /// Not merged.
    #[default]
    None,
    /// `restart`: the first cell of a merge.
    Restart,
    /// `continue` or no value: covered by the merge before it.
    Continue,
}

impl Merge {
    /// The mark given by a `w:val`.
    fn parse(val: Option<&str>) -> Self {
        match val {
            Some("restart") => Merge::Restart,
            _ => Merge::Continue,
        }
    }
}

/// A row as read, before merges are resolved.
#[derive(Debug, Default)]
struct RawRow {
    /// `w:gridBefore`.
    before: u32,
    /// Deleted as a tracked change.
    deleted: bool,
    /// The cells in order.
    cells: Vec<RawCell>,
}

/// A cell as read.
#[derive(Debug)]
struct RawCell {
    /// The cell's text (paragraphs joined with `\n`).
    text: String,
    /// `w:gridSpan`.
    span: u32,
    /// `w:vMerge`.
    vmerge: Merge,
    /// `w:hMerge`.
    hmerge: Merge,
}

/// A paragraph's direct properties that matter: its style and numbering.
#[derive(Debug, Default)]
struct Props {
    /// `w:pStyle`.
    style: Option<String>,
    /// `w:numPr/w:numId`.
    num_id: Option<u32>,
    /// `w:numPr/w:ilvl`.
    ilvl: Option<u32>,
}

/// The state of the body reader.
struct BodyReader<'z, 'a, 'l> {
    /// The streamed part.
    xml: XmlPart<'z, 'a>,
    /// Numbering definitions and counters.
    numbering: Numbering<'a>,
    /// The limits.
    limits: &'l Limits,
    /// Cells read so far.
    cells: u64,
    /// Open complex fields, innermost last: `true` once past `separate`.
    fields: Vec<bool>,
    /// How many open fields are still in their instruction (text hidden).
    hidden: usize,
}

impl BodyReader<'_, '_, '_> {
    /// Reads the blocks of `w:body` after its start tag.
    fn blocks(&mut self) -> Result<Vec<Block>> {
        let mut blocks = Vec::new();
        let mut paragraphs = 0u32;
        let mut tables = 0u32;
        let mut depth = 0usize;
        loop {
            match self.xml.next::<Tag>()? {
                Tok::Start(Tag::P) => {
                    let index = paragraphs;
                    paragraphs = paragraphs.saturating_add(1);
                    let text = self.paragraph(0)?;
                    if !text.is_empty() {
                        blocks.push(Block::Paragraph(Paragraph {
                            text,
                            pos: Position::Paragraph { index },
                        }));
                    }
                }
                Tok::Empty(Tag::P) => paragraphs = paragraphs.saturating_add(1),
                Tok::Start(Tag::Tbl) => {
                    let rows = self.table(1)?;
                    let rows = grid_rows(rows, tables);
                    if !rows.is_empty() {
                        blocks.push(Block::Table(Table {
                            index: tables,
                            layout: TableLayout::Grid,
                            rows,
                        }));
                        tables = tables.saturating_add(1);
                    }
                }
                Tok::Start(Tag::Transparent) => depth += 1,
                Tok::Start(_) => self.xml.skip()?,
                Tok::End(_) if depth == 0 => return Ok(blocks),
                Tok::End(_) => depth -= 1,
                Tok::Eof => return Err(self.xml.truncated("<w:body>")),
                Tok::Empty(_) | Tok::Other => {}
            }
        }
    }

    /// Reads a paragraph after its start tag; returns its text with its
    /// numbering label, or `""` when it has no text. `nest` is the number
    /// of tables and text boxes around it.
    fn paragraph(&mut self, nest: u32) -> Result<String> {
        let host = std::mem::take(&mut self.xml.text);
        let capture = std::mem::replace(&mut self.xml.capture, false);
        let mut extras = Vec::new();
        let read = self.paragraph_content(nest, &mut extras);
        let own = std::mem::replace(&mut self.xml.text, host);
        self.xml.capture = capture;
        // A field cannot be in its instruction across paragraphs.
        if self.hidden > 0 {
            self.fields.retain(|&past_separate| past_separate);
            self.hidden = 0;
        }
        let label = read?;
        let own = own.trim();
        if own.is_empty() && extras.is_empty() {
            return Ok(String::new());
        }
        let mut text = label.unwrap_or_default();
        text.push_str(own);
        for extra in extras {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&extra);
        }
        Ok(text)
    }

    /// Reads a paragraph's content into `self.xml.text` (text boxes into
    /// `extras`); returns its numbering label.
    fn paragraph_content(&mut self, nest: u32, extras: &mut Vec<String>) -> Result<Option<String>> {
        let mut label = None;
        let mut depth = 0usize;
        loop {
            match self.xml.next::<Tag>()? {
                Tok::Start(tag) => match tag {
                    Tag::PPr if depth == 0 => {
                        let props = self.props()?;
                        label = self.numbering.label(ParaNumbering {
                            style: props.style.as_deref(),
                            num_id: props.num_id,
                            ilvl: props.ilvl,
                        })?;
                    }
                    Tag::T => {
                        self.xml.capture = self.hidden == 0;
                        depth += 1;
                    }
                    Tag::P => {
                        let inner = nest + 1;
                        if inner > self.limits.max_depth {
                            return Err(self.depth_error());
                        }
                        let text = self.paragraph(inner)?;
                        if !text.is_empty() {
                            extras.push(text);
                        }
                    }
                    Tag::Tbl => {
                        let rows = self.table(nest + 1)?;
                        let text = grid_text(rows);
                        if !text.is_empty() {
                            extras.push(text);
                        }
                    }
                    Tag::Skipped | Tag::Del => self.xml.skip()?,
                    other => {
                        self.inline(other);
                        depth += 1;
                    }
                },
                Tok::Empty(tag) => self.inline(tag),
                Tok::End(_) if depth == 0 => return Ok(label),
                Tok::End(_) => {
                    depth -= 1;
                    self.xml.capture = false;
                }
                Tok::Eof => return Err(self.xml.truncated("<w:p>")),
                Tok::Other => {}
            }
        }
    }

    /// Acts on an inline element that produces a character or moves a
    /// complex field along.
    fn inline(&mut self, tag: Tag) {
        let c = match tag {
            Tag::Tab => '\t',
            Tag::Break => '\n',
            Tag::Hyphen => '-',
            Tag::FldChar => {
                match self.xml.val() {
                    Some("begin") => {
                        self.fields.push(false);
                        self.hidden += 1;
                    }
                    Some("separate") => {
                        // Only a field still in its instruction moves on.
                        let top = self.fields.last_mut().filter(|past| !**past);
                        let moved = top.map(|past| *past = true).is_some();
                        self.hidden -= usize::from(moved);
                    }
                    Some("end") => {
                        let popped = self.fields.pop();
                        self.hidden -= usize::from(popped == Some(false));
                    }
                    _ => {}
                }
                return;
            }
            _ => return,
        };
        if self.hidden == 0 {
            self.xml.text.push(c);
        }
    }

    /// Reads `w:pPr` after its start tag: the style and `w:numPr`.
    fn props(&mut self) -> Result<Props> {
        let mut props = Props::default();
        let mut in_numpr = false;
        loop {
            let (tag, opened) = match self.xml.next::<Tag>()? {
                Tok::Start(t) => (t, true),
                Tok::Empty(t) => (t, false),
                Tok::End(_) if in_numpr => {
                    in_numpr = false;
                    continue;
                }
                Tok::End(_) => return Ok(props),
                Tok::Eof => return Err(self.xml.truncated("<w:pPr>")),
                Tok::Other => continue,
            };
            match tag {
                Tag::NumPr if opened && !in_numpr => {
                    in_numpr = true;
                    continue;
                }
                Tag::PStyle if !in_numpr => props.style = self.xml.val().map(str::to_owned),
                Tag::NumId if in_numpr => props.num_id = self.xml.val_u32(),
                Tag::Ilvl if in_numpr => props.ilvl = self.xml.val_u32(),
                _ => {}
            }
            if opened {
                self.xml.skip()?;
            }
        }
    }

    /// Reads a table after its start tag. `nest` counts it and the tables
    /// and text boxes around it.
    fn table(&mut self, nest: u32) -> Result<Vec<RawRow>> {
        if nest > self.limits.max_depth {
            return Err(self.depth_error());
        }
        let mut rows = Vec::new();
        let mut depth = 0usize;
        loop {
            match self.xml.next::<Tag>()? {
                Tok::Start(Tag::Tr) => {
                    let row = self.row(nest)?;
                    if !row.deleted {
                        rows.push(row);
                    }
                }
                Tok::Start(Tag::Transparent) => depth += 1,
                Tok::Start(_) => self.xml.skip()?,
                Tok::End(_) if depth == 0 => return Ok(rows),
                Tok::End(_) => depth -= 1,
                Tok::Eof => return Err(self.xml.truncated("<w:tbl>")),
                Tok::Empty(_) | Tok::Other => {}
            }
        }
    }

    /// Reads a row after its start tag.
    fn row(&mut self, nest: u32) -> Result<RawRow> {
        let mut row = RawRow::default();
        let mut depth = 0usize;
        loop {
            match self.xml.next::<Tag>()? {
                Tok::Start(Tag::TrPr) => {
                    self.cell_props(|tag, val| match tag {
                        Tag::GridBefore => {
                            row.before = val.and_then(|v| v.parse().ok()).unwrap_or(0)
                        }
                        Tag::Del => row.deleted = true,
                        _ => {}
                    })?;
                }
                Tok::Start(Tag::Tc) => {
                    let cell = self.cell(nest)?;
                    row.cells.push(cell);
                }
                Tok::Start(Tag::Transparent) => depth += 1,
                Tok::Start(_) => self.xml.skip()?,
                Tok::End(_) if depth == 0 => return Ok(row),
                Tok::End(_) => depth -= 1,
                Tok::Eof => return Err(self.xml.truncated("<w:tr>")),
                Tok::Empty(_) | Tok::Other => {}
            }
        }
    }

    /// Reads a cell after its start tag.
    fn cell(&mut self, nest: u32) -> Result<RawCell> {
        self.cells += 1;
        if self.cells > self.limits.max_cells {
            return Err(self
                .xml
                .limit("number of table cells".to_owned(), self.limits.max_cells));
        }
        let mut cell = RawCell {
            text: String::new(),
            span: 1,
            vmerge: Merge::None,
            hmerge: Merge::None,
        };
        let mut depth = 0usize;
        loop {
            let text = match self.xml.next::<Tag>()? {
                Tok::Start(Tag::TcPr) => {
                    self.cell_props(|tag, val| match tag {
                        Tag::GridSpan => cell.span = val.and_then(|v| v.parse().ok()).unwrap_or(1),
                        Tag::VMerge => cell.vmerge = Merge::parse(val),
                        Tag::HMerge => cell.hmerge = Merge::parse(val),
                        _ => {}
                    })?;
                    continue;
                }
                Tok::Start(Tag::P) => self.paragraph(nest)?,
                Tok::Start(Tag::Tbl) => grid_text(self.table(nest + 1)?),
                Tok::Start(Tag::Transparent) => {
                    depth += 1;
                    continue;
                }
                Tok::Start(_) => {
                    self.xml.skip()?;
                    continue;
                }
                Tok::End(_) if depth == 0 => return Ok(cell),
                Tok::End(_) => {
                    depth -= 1;
                    continue;
                }
                Tok::Eof => return Err(self.xml.truncated("<w:tc>")),
                Tok::Empty(_) | Tok::Other => continue,
            };
            push_line(&mut cell.text, &text);
        }
    }

    /// Reads `w:tcPr` or `w:trPr` after its start tag, passing each direct
    /// child's tag and value to `f`.
    fn cell_props(&mut self, mut f: impl FnMut(Tag, Option<&str>)) -> Result<()> {
        loop {
            match self.xml.next::<Tag>()? {
                Tok::Start(tag) => {
                    f(tag, self.xml.val());
                    self.xml.skip()?;
                }
                Tok::Empty(tag) => f(tag, self.xml.val()),
                Tok::End(_) => return Ok(()),
                Tok::Eof => return Err(self.xml.truncated("cell properties")),
                Tok::Other => {}
            }
        }
    }

    /// The error for tables (and text boxes) nested too deep.
    fn depth_error(&self) -> crate::Error {
        self.xml.limit(
            "nesting depth of tables and text boxes".to_owned(),
            u64::from(self.limits.max_depth),
        )
    }
}

/// Appends `line` to `text` on a new line, if it is not empty.
fn push_line(text: &mut String, line: &str) {
    if line.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(line);
}

/// Places rows on the grid and resolves merges (see the module
/// documentation). `table` is the table's index, for positions.
fn grid_rows(raw: Vec<RawRow>, table: u32) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::with_capacity(raw.len());
    // Grid column → (row, index in row) of the cell a vertical merge started.
    let mut open: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    for raw_row in raw {
        let r = rows.len();
        let row = u32::try_from(r).unwrap_or(u32::MAX);
        let mut cells: Vec<Cell> = Vec::with_capacity(raw_row.cells.len());
        let mut still_open = BTreeMap::new();
        let mut col = raw_row.before.min(MAX_SPAN);
        for c in raw_row.cells {
            let span = c.span.clamp(1, MAX_SPAN);
            let next = col.saturating_add(span).min(MAX_COL);
            if c.hmerge == Merge::Continue {
                if let Some(left) = cells.last_mut().filter(|l| l.col + l.col_span == col) {
                    left.col_span = next - left.col;
                    push_line(&mut left.text, &c.text);
                    col = next;
                    continue;
                }
            }
            if c.vmerge == Merge::Continue {
                if let Some(&(sr, si)) = open.get(&col) {
                    if let Some(start) = rows.get_mut(sr).and_then(|x| x.cells.get_mut(si)) {
                        start.row_span = start.row_span.saturating_add(1);
                        push_line(&mut start.text, &c.text);
                        still_open.insert(col, (sr, si));
                        col = next;
                        continue;
                    }
                }
            }
            if c.vmerge != Merge::None {
                still_open.insert(col, (r, cells.len()));
            }
            cells.push(Cell {
                text: c.text,
                col,
                row_span: 1,
                col_span: span.min(next - col).max(1),
                pos: Position::Cell {
                    table,
                    row,
                    col,
                    line: None,
                },
            });
            col = next;
        }
        open = still_open;
        rows.push(Row {
            cells,
            pos: Position::Cell {
                table,
                row,
                col: 0,
                line: None,
            },
        });
    }
    rows
}

/// The text of a nested table: rows on separate lines, the non-empty cells
/// of a row separated by a space.
fn grid_text(raw: Vec<RawRow>) -> String {
    let mut text = String::new();
    for row in grid_rows(raw, 0) {
        let mut line = String::new();
        for cell in row.cells.iter().filter(|c| !c.text.is_empty()) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&cell.text);
        }
        push_line(&mut text, &line);
    }
    text
}
