//! The text reader: turns pasted text into a [`Document`] of paragraphs and
//! tables, in one pass over the lines.
//!
//! It knows nothing of notices: it only finds which lines form tables and
//! splits them into cells. Every other non-blank line is a paragraph.
//!
//! # What it recognises
//!
//! Line breaks are `\n`, `\r\n` or a lone `\r`; a leading BOM (`U+FEFF`) is
//! skipped. Lines are numbered from 1. A line is *blank* when it holds only
//! white space (tabs and the ideographic space `U+3000` included); blank
//! lines end tables and produce nothing. The kind of a run of lines is
//! decided by its first line, trying the kinds in this order:
//!
//! 1. **Tab-separated rows**, as spreadsheet programs (Excel, WPS,
//!    LibreOffice) put them on the clipboard: cells separated by `\t`; a cell
//!    that *starts* with an ASCII `"` is quoted, holds `""` for a quote and
//!    may span several lines (joined with `\n`). A quoted cell must close
//!    with a `"` followed by a tab or the end of a line, within
//!    [`MAX_QUOTED_LINES`] lines; otherwise its opening quote is literal text
//!    (so an unterminated quote never swallows the rest of the input).
//!    Chinese quotation marks `“”` are ordinary text. Consecutive records
//!    that hold at least one tab outside quotes form a run; the run is a
//!    [`TableLayout::TextGrid`] table only if some record has at least two
//!    non-empty cells, so prose with a stray or indenting tab stays prose.
//!    Every cell is kept, empty ones included, at its true column. Records
//!    made only of empty cells at the end of a run are dropped (they are
//!    blank lines); inside a run they are empty rows.
//! 2. **Markdown pipe tables**: a line with a pipe followed by a delimiter
//!    row such as `|---|:---:|` (one or more cells of dashes with optional
//!    colons). The delimiter row is skipped; the header and body rows give a
//!    [`TableLayout::TextGrid`] table; one leading and one trailing border pipe
//!    are dropped and `\|` is a literal pipe. Rows are kept as written (no
//!    padding to the header's width, nothing cut off).
//! 3. **Flattened pipe tables** (cells joined with ` | `, as in the seed):
//!    a run of consecutive lines holding `|` or the full-width `｜`. A lone
//!    line is a table only if it is *strong*: it has at least two
//!    separators, or it ends with one; a run of two or more lines is a table
//!    whatever its lines (each is adjacent to another table line). Merged
//!    cells were dropped or padded with `||` by the flattener, so the table
//!    is [`TableLayout::Flattened`]: a row's cells are the pieces between
//!    separators, trimmed, trailing empty pieces removed (inner empty pieces
//!    stay as empty cells). When every line of the run starts with a
//!    separator (a bordered table) that leading separator is dropped.
//!
//! 4. **Box-drawn tables** (`┌─┬─┐ │ ├─┼─┤`, as law databases and "save as
//!    text" write a word processor's table): a run of lines starting with a
//!    box-drawing char, the first a border. Merges are read from the rules
//!    and strokes, so the table is a [`TableLayout::Grid`] with spans (see
//!    [`boxed`](self::boxed) for the rules).
//!
//! Both separators (`|`, `｜`) are accepted in Markdown and flattened tables.
//! A pipe table none of whose cells holds text (say a line `|||`) is not a
//! table: its lines are paragraphs. Anything else is a paragraph: one
//! [`Paragraph`] per non-blank line, trimmed of surrounding white space and
//! of a lost indent (up to four `?` starting a line of Chinese text: the
//! ideographic spaces of an indent, written as `?` by a conversion that
//! could not encode them).
//! A line without a separator ends a pipe table, so two tables separated by
//! a blank line or a paragraph are two tables; tables are numbered from 0 in
//! reading order.
//!
//! Positions: paragraphs and rows carry [`Position::Line`] (the line where
//! the row starts); each cell carries [`Position::Cell`] with its table
//! index, 0-based row index in its table, `col` (equal to [`Cell::col`]) and
//! the line where the cell starts.
//!
//! # What it does not do
//!
//! - It does not undo merges: every cell is 1×1, and in a flattened table a
//!   cell's `col` is only its index in its row (the interpreter aligns such
//!   rows by content).
//! - A flattened cell that held a line break cannot be told apart from a new
//!   row: its continuation line is just another row (or, without any
//!   separator, a paragraph that splits the table).
//! - No comma-separated values, space-aligned tables, HTML
//!   tables, or inline Markdown; no escapes other than `\|`, `\｜` and `""`.
//! - It does not decode bytes (see [`crate::read::decode`]).
//!
//! It never fails and runs in time linear in the input: each line is looked
//! at a bounded number of times, and a quoted cell's scan stops at the next
//! cell that could open another quote.

use crate::document::{Block, Cell, Document, Paragraph, Position, Row, Table, TableLayout};

mod boxed;

/// The most physical lines one quoted tab-separated cell may span. A quote
/// still open after that many lines is taken as literal text, so a stray
/// `"` cannot turn a long stretch of the input into one cell.
pub const MAX_QUOTED_LINES: usize = 64;

/// Reads pasted text into blocks. Never fails: text with no table is a
/// document of paragraphs. See the [module documentation](self) for the
/// rules.
pub fn read_text(text: &str) -> Document {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lines = split_lines(text);
    let mut reader = Reader {
        lines: &lines,
        blocks: Vec::new(),
        tables: 0,
    };
    reader.read();
    Document {
        blocks: reader.blocks,
    }
}

/// The reader's state: the input lines and the blocks produced so far.
struct Reader<'a> {
    /// Physical lines without their line breaks; index `i` is line `i + 1`.
    lines: &'a [&'a str],
    /// Blocks produced so far, in reading order.
    blocks: Vec<Block>,
    /// Number of tables produced so far (the next table's index).
    tables: u32,
}

/// One tab-separated record: a row that may span several lines.
struct Record {
    /// The record as a row of the table being read.
    row: Row,
    /// 0-based index of the first line after the record.
    next: usize,
}

/// What became of a run of tab-separated records.
enum Tsv {
    /// The line does not start a tab-separated record.
    No,
    /// A table was emitted; reading goes on at this line index.
    Table(usize),
    /// The run is prose with stray tabs: read the lines before this index
    /// again without looking for tabs.
    Prose(usize),
}

impl Reader<'_> {
    /// Reads all lines into blocks.
    fn read(&mut self) {
        let n = self.lines.len();
        let mut i = 0;
        // Lines before this index are not tried as tab-separated records.
        let mut tsv_from = 0;
        while i < n {
            let line = self.lines[i];
            if line.trim().is_empty() {
                i += 1;
                continue;
            }
            if i >= tsv_from {
                match self.try_tsv(i) {
                    Tsv::Table(end) => {
                        i = end;
                        continue;
                    }
                    Tsv::Prose(end) => tsv_from = end,
                    Tsv::No => {}
                }
            }
            if boxed::is_box_line(line) {
                match boxed::read_box(self.lines, i, self.tables) {
                    Some(boxed::BoxRun::Table(rows, end)) => {
                        self.table(TableLayout::Grid, rows);
                        i = end;
                        continue;
                    }
                    Some(boxed::BoxRun::Text(end)) => {
                        for k in i..end {
                            self.paragraph(k);
                        }
                        i = end;
                        continue;
                    }
                    None => {}
                }
            }
            if has_sep(line) {
                i = self.pipe_run(i);
            } else {
                self.paragraph(i);
                i += 1;
            }
        }
    }

    /// Emits line `i` as a paragraph unless it is blank.
    fn paragraph(&mut self, i: usize) {
        let Some(text) = self.lines.get(i).map(|l| lost_indent(l.trim()).trim()) else {
            return;
        };
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph(Paragraph {
                text: text.to_owned(),
                pos: line_pos(i),
            }));
        }
    }

    /// Emits a table made of `rows`, whose cells were numbered for table
    /// index `self.tables`.
    fn table(&mut self, layout: TableLayout, rows: Vec<Row>) {
        let index = self.tables;
        self.tables = self.tables.saturating_add(1);
        self.blocks.push(Block::Table(Table {
            index,
            layout,
            rows,
        }));
    }

    /// Tries the run of tab-separated records starting at line `i`,
    /// emitting it as a table when it qualifies.
    fn try_tsv(&mut self, i: usize) -> Tsv {
        let Some(first) = self.tsv_record(i, 0) else {
            return Tsv::No;
        };
        let mut end = first.next;
        let mut records = vec![first];
        while let Some(record) = self.tsv_record(end, records.len()) {
            end = record.next;
            records.push(record);
        }
        while records.last().is_some_and(|r| is_empty_row(&r.row)) {
            records.pop();
        }
        if !records.iter().any(|r| has_two_cells(&r.row)) {
            return Tsv::Prose(end);
        }
        let end = records.last().map_or(end, |r| r.next);
        self.table(
            TableLayout::TextGrid,
            records.into_iter().map(|r| r.row).collect(),
        );
        Tsv::Table(end)
    }

    /// Reads the tab-separated record starting at line `i` as row `row` of
    /// the next table, or `None` when it has no tab outside quotes.
    fn tsv_record(&self, i: usize, row: usize) -> Option<Record> {
        let first = self.lines.get(i)?;
        if !first.contains('\t') && !first.starts_with('"') {
            return None;
        }
        let mut cells = Vec::new();
        let mut l = i;
        let mut p = 0;
        let mut tabs = false;
        loop {
            let start = l;
            let line = self.lines.get(l)?;
            let mut quoted = None;
            if line.as_bytes().get(p) == Some(&b'"') {
                if let Some((text, end_line, end)) = self.scan_quoted(l, p + 1) {
                    quoted = Some(text.trim().to_owned());
                    l = end_line;
                    p = end;
                }
            }
            let text = match quoted {
                Some(text) => text,
                None => {
                    let rest = line.get(p..).unwrap_or("");
                    let len = rest.find('\t').unwrap_or(rest.len());
                    p += len;
                    rest.get(..len).unwrap_or("").trim().to_owned()
                }
            };
            cells.push(new_cell(text, self.tables, row, cells.len(), start));
            let line = self.lines.get(l)?;
            if line.as_bytes().get(p) == Some(&b'\t') {
                tabs = true;
                p += 1;
            } else {
                break;
            }
        }
        tabs.then_some(Record {
            row: Row {
                cells,
                pos: line_pos(i),
            },
            next: l + 1,
        })
    }

    /// Scans a quoted cell whose text starts at byte `p` of line `l` (just
    /// after the opening quote). Returns the unquoted text and the line and
    /// byte just after the closing quote, or `None` when the quote does not
    /// close properly (a lone `"` followed by anything but a tab or the end
    /// of a line, or no closing quote within [`MAX_QUOTED_LINES`] lines).
    fn scan_quoted(&self, mut l: usize, mut p: usize) -> Option<(String, usize, usize)> {
        let limit = l.saturating_add(MAX_QUOTED_LINES).min(self.lines.len());
        let mut text = String::new();
        loop {
            let line = self.lines.get(l)?;
            let rest = line.get(p..)?;
            match rest.find('"') {
                Some(k) => {
                    text.push_str(rest.get(..k)?);
                    let q = p + k;
                    match line.as_bytes().get(q + 1) {
                        Some(b'"') => {
                            text.push('"');
                            p = q + 2;
                        }
                        None | Some(b'\t') => return Some((text, l, q + 1)),
                        Some(_) => return None,
                    }
                }
                None => {
                    text.push_str(rest);
                    l += 1;
                    if l >= limit {
                        return None;
                    }
                    text.push('\n');
                    p = 0;
                }
            }
        }
    }

    /// Reads the run of pipe lines starting at line `i` (which holds a
    /// separator) as a Markdown or flattened table, or as paragraphs when it
    /// does not qualify. Returns the index of the first line after the run.
    fn pipe_run(&mut self, i: usize) -> usize {
        let n = self.lines.len();
        let is_delimiter_at = |j: usize| self.lines.get(j).is_some_and(|l| is_delimiter_row(l));
        let markdown = is_delimiter_at(i + 1);
        let mut end = if markdown { i + 2 } else { i + 1 };
        // A line followed by a delimiter row is the header of another table.
        while end < n && has_sep(self.lines[end]) && !is_delimiter_at(end + 1) {
            end += 1;
        }
        let lines = self.lines.get(i..end).unwrap_or(&[]);
        let table = self.tables;
        let rows: Vec<Row> = if markdown {
            lines
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != 1)
                .enumerate()
                .map(|(r, (k, l))| markdown_row(l, table, r, i + k))
                .collect()
        } else {
            let bordered = lines.iter().all(|l| l.trim_start().starts_with(is_sep));
            lines
                .iter()
                .enumerate()
                .map(|(k, l)| flattened_row(l, bordered, table, k, i + k))
                .collect()
        };
        let qualifies = markdown || end - i >= 2 || lines.first().is_some_and(|l| is_strong(l));
        if qualifies && rows.iter().any(|r| !is_empty_row(r)) {
            let layout = if markdown {
                TableLayout::TextGrid
            } else {
                TableLayout::Flattened
            };
            self.table(layout, rows);
        } else {
            for k in i..end {
                self.paragraph(k);
            }
        }
        end
    }
}

/// A 1×1 cell of table `table` at row `row` and column `col`, starting at
/// line index `line`.
fn new_cell(text: String, table: u32, row: usize, col: usize, line: usize) -> Cell {
    Cell::new(
        text,
        to_u32(col),
        Position::Cell {
            table,
            row: to_u32(row),
            col: to_u32(col),
            line: Some(line_no(line)),
        },
    )
}

/// The position of line index `i`.
fn line_pos(i: usize) -> Position {
    Position::Line { line: line_no(i) }
}

/// Most `?` a lost indent may have.
const MAX_LOST_INDENT: usize = 4;

/// A line without its lost indent: the ideographic spaces (U+3000) that
/// indent a paragraph, written as `?` by a conversion to an encoding that
/// lacks them (`??一、…`, `??1.加强…`): up to [`MAX_LOST_INDENT`] `?` at
/// the start of a line that holds chars other than ASCII.
fn lost_indent(line: &str) -> &str {
    let rest = line.trim_start_matches('?');
    let marks = line.len() - rest.len();
    if (1..=MAX_LOST_INDENT).contains(&marks) && !rest.is_ascii() {
        rest
    } else {
        line
    }
}

/// Whether every cell of `row` is empty.
fn is_empty_row(row: &Row) -> bool {
    row.cells.iter().all(|c| c.text.is_empty())
}

/// Whether `row` has at least two non-empty cells.
fn has_two_cells(row: &Row) -> bool {
    row.cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .nth(1)
        .is_some()
}

/// Splits `text` into lines at `\n`, `\r\n` and lone `\r`. A final line
/// break does not start another line. (Single-character splits use fast
/// byte searches; `\r` is only looked for in the pieces that hold one.)
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut pieces = text.split('\n').peekable();
    while let Some(piece) = pieces.next() {
        let last = pieces.peek().is_none();
        if last && piece.is_empty() {
            break;
        }
        if !piece.contains('\r') {
            lines.push(piece);
            continue;
        }
        // A `\r` just before the `\n` belongs to it; any other is a break.
        let piece = if last {
            piece
        } else {
            piece.strip_suffix('\r').unwrap_or(piece)
        };
        let mut parts = piece.split('\r').peekable();
        while let Some(part) = parts.next() {
            if last && part.is_empty() && parts.peek().is_none() {
                break;
            }
            lines.push(part);
        }
    }
    lines
}

/// Whether `c` separates cells of a pipe table: `|` or the full-width `｜`.
fn is_sep(c: char) -> bool {
    c == '|' || c == '｜'
}

/// Whether `line` holds a cell separator. (Two single-character searches
/// are much faster than one search with a character predicate.)
fn has_sep(line: &str) -> bool {
    line.contains('|') || line.contains('｜')
}

/// Calls `f` on each piece of `line` between separators.
fn for_each_piece(line: &str, mut f: impl FnMut(&str)) {
    if line.contains('｜') {
        line.split(is_sep).for_each(&mut f);
    } else {
        line.split('|').for_each(&mut f);
    }
}

/// Whether `line` is a table line even on its own: at least two
/// separators, or one at its end.
fn is_strong(line: &str) -> bool {
    let line = line.trim();
    line.ends_with(is_sep) || line.chars().filter(|&c| is_sep(c)).nth(1).is_some()
}

/// Whether `line` is a Markdown delimiter row such as `|---|:---:|`: at
/// least one separator, and every cell is dashes with optional colons at
/// either end.
fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    // Quick rejection of ordinary lines: a delimiter row starts with a
    // separator, a colon or a dash.
    if !line.starts_with(|c: char| is_sep(c) || c == ':' || c == '-')
        || !has_sep(line)
        || !line.contains('-')
    {
        return false;
    }
    let inner = line.strip_prefix(is_sep).unwrap_or(line);
    let inner = inner.strip_suffix(is_sep).unwrap_or(inner);
    inner.split(is_sep).all(|cell| {
        let cell = cell.trim();
        let cell = cell.strip_prefix(':').unwrap_or(cell);
        let cell = cell.strip_suffix(':').unwrap_or(cell);
        !cell.is_empty() && cell.bytes().all(|b| b == b'-')
    })
}

/// Splits a Markdown table row into trimmed cells: one leading and one
/// trailing border separator are dropped, `\|` (or `\｜`) is a literal
/// separator character and an HTML line break (`<br>`, `<br/>`, `<br />`),
/// the only way to break a line inside a Markdown cell, becomes `\n`.
fn split_markdown(line: &str) -> Vec<String> {
    split_markdown_raw(line)
        .into_iter()
        .map(|cell| {
            if cell.contains('<') {
                break_tags(&cell)
            } else {
                cell
            }
        })
        .collect()
}

/// Replaces `<br>`-style tags (any case, optional `/`) with `\n`.
fn break_tags(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let tag_len = tail
            .find('>')
            .filter(|&end| {
                let inner: String = tail[1..end]
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '/')
                    .collect();
                inner.eq_ignore_ascii_case("br")
            })
            .map(|end| end + 1);
        match tag_len {
            Some(n) => {
                out.push('\n');
                rest = &tail[n..];
            }
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn split_markdown_raw(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix(is_sep).unwrap_or(line);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut ended_with_sep = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        ended_with_sep = false;
        if c == '\\' {
            match chars.next_if(|&d| is_sep(d)) {
                Some(d) => cell.push(d),
                None => cell.push(c),
            }
        } else if is_sep(c) {
            cells.push(cell.trim().to_owned());
            cell.clear();
            ended_with_sep = true;
        } else {
            cell.push(c);
        }
    }
    if !ended_with_sep {
        cells.push(cell.trim().to_owned());
    }
    cells
}

/// Reads line index `line` as row `row` of Markdown table `table`.
fn markdown_row(text: &str, table: u32, row: usize, line: usize) -> Row {
    Row {
        cells: split_markdown(text)
            .into_iter()
            .enumerate()
            .map(|(col, cell)| new_cell(cell, table, row, col, line))
            .collect(),
        pos: line_pos(line),
    }
}

/// Reads line index `line` as row `row` of flattened table `table`: the
/// trimmed pieces between separators, trailing empty ones dropped and, for
/// a `bordered` table, the leading separator too.
fn flattened_row(text: &str, bordered: bool, table: u32, row: usize, line: usize) -> Row {
    let text = text.trim();
    let text = if bordered {
        text.strip_prefix(is_sep).unwrap_or(text)
    } else {
        text
    };
    let mut cells = Vec::new();
    for_each_piece(text, |piece| {
        let col = cells.len();
        cells.push(new_cell(piece.trim().to_owned(), table, row, col, line));
    });
    while cells.last().is_some_and(|c| c.text.is_empty()) {
        cells.pop();
    }
    Row {
        cells,
        pos: line_pos(line),
    }
}

/// The 1-based line number of line index `i`.
fn line_no(i: usize) -> u32 {
    to_u32(i.saturating_add(1))
}

/// Converts an index to `u32`, saturating.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
