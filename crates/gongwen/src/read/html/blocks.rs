//! The element tree to blocks: paragraphs line by line, tables on their
//! grid, layout tables taken apart. Every walk uses an explicit stack.
//!
//! See the [parent module](super) for the rules; this module implements
//! them in three steps: [`Metrics`] (one pass over the tree: what is shown
//! and how much text each element holds), the block walk
//! ([`read_blocks`]), and the grid of a data table (`grid`), whose cells
//! are read by [`cell_text`].

use std::path::Path;

use super::tree::{Kind, NodeId, Tag, Tree, ROOT};
use crate::document::{Block, Cell, Paragraph, Position, Row, Table, TableLayout};
use crate::error::{Error, Result};
use crate::read::Limits;

/// A `<form>` with at most this many visible characters is a widget
/// (search box, login) and is dropped; a larger one wraps the page (as
/// ASP.NET pages put the whole body in one form) and is read.
pub const FORM_MAX_WIDGET_CHARS: u32 = 200;

/// The largest `colspan` honoured (as in browsers).
pub const MAX_COLSPAN: u32 = 1000;

/// The largest `rowspan` honoured (as in browsers), before clamping to the
/// row group.
pub const MAX_ROWSPAN: u32 = 65534;

/// What one pass over the tree learns of each node.
pub struct Metrics {
    /// Whether the node is shown.
    pub visible: Vec<bool>,
    /// Visible non-white-space characters in the node.
    pub chars: Vec<u32>,
    /// Block-level elements and line breaks in the node (itself included).
    pub blocks: Vec<u32>,
    /// Whether the node holds a table with visible text.
    pub tables: Vec<bool>,
}

impl Metrics {
    /// Measures every node of `tree`.
    pub fn of(tree: &Tree) -> Metrics {
        let n = tree.nodes.len();
        let mut m = Metrics {
            visible: vec![true; n],
            chars: vec![0; n],
            blocks: vec![0; n],
            tables: vec![false; n],
        };
        // Open `<article>`/`<main>` elements: a `<header>` or `<footer>`
        // inside one belongs to the text, elsewhere to the site.
        let mut articles = 0usize;
        let mut stack = vec![(ROOT, false)];
        while let Some((id, exit)) = stack.pop() {
            let parent = tree.nodes[id].parent;
            match &tree.nodes[id].kind {
                Kind::Root => {
                    if !exit {
                        stack.push((id, true));
                        stack.extend(tree.children(id).map(|c| (c, false)));
                    }
                    continue;
                }
                Kind::Text { text, .. } => {
                    let count = text.chars().filter(|c| !is_invisible(*c)).count();
                    m.chars[id] = u32::try_from(count).unwrap_or(u32::MAX);
                }
                Kind::Break => m.blocks[id] = 1,
                Kind::CellSep => {}
                Kind::Element(e) => {
                    let article = matches!(e.tag, Tag::Article | Tag::Main);
                    if !exit {
                        let site_part = matches!(e.tag, Tag::Header | Tag::Footer) && articles == 0;
                        if e.hidden || site_part {
                            m.visible[id] = false;
                            continue;
                        }
                        articles += usize::from(article);
                        stack.push((id, true));
                        stack.extend(tree.children(id).map(|c| (c, false)));
                        continue;
                    }
                    articles -= usize::from(article);
                    if e.tag == Tag::Form && m.chars[id] <= FORM_MAX_WIDGET_CHARS {
                        m.visible[id] = false;
                        continue;
                    }
                    if e.tag == Tag::Table && m.chars[id] > 0 {
                        m.tables[id] = true;
                    }
                    if !e.tag.is_inline() {
                        m.blocks[id] = m.blocks[id].saturating_add(1);
                    }
                }
            }
            m.chars[parent] = m.chars[parent].saturating_add(m.chars[id]);
            m.blocks[parent] = m.blocks[parent].saturating_add(m.blocks[id]);
            m.tables[parent] |= m.tables[id];
        }
        m
    }
}

/// Characters that do not count as visible text.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{AD}')
}

/// A line being assembled, with white space collapsed as a browser does,
/// and the lines finished so far.
#[derive(Default)]
struct LineBuf {
    /// The line so far.
    text: String,
    /// The source line of its first visible character.
    line: u32,
    /// Whether a visible character has been added.
    started: bool,
    /// Whether collapsed white space waits before the next character.
    pending: bool,
    /// Finished lines (trimmed, non-empty) with their source lines.
    done: Vec<(String, u32)>,
}

impl LineBuf {
    /// Adds a character that is shown.
    fn visible(&mut self, c: char, line: u32) {
        if self.pending && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.pending = false;
        if !self.started && !c.is_whitespace() {
            self.started = true;
            self.line = line;
        }
        self.text.push(c);
    }

    /// Adds collapsible white space.
    fn space(&mut self) {
        if !self.text.is_empty() {
            self.pending = true;
        }
    }

    /// Ends the line: keeps it, trimmed, unless it is blank.
    fn end(&mut self) {
        let text = self.text.trim();
        if !text.is_empty() {
            self.done.push((text.to_owned(), self.line));
        }
        self.text.clear();
        self.started = false;
        self.pending = false;
    }

    /// Adds text that starts on source line `line` (`marks` give the lines
    /// of later pieces). In `pre` text, spaces are kept and a line break
    /// ends the line when `breaks` (otherwise it is a space).
    fn feed(&mut self, text: &str, line: u32, marks: &[(usize, u32)], pre: bool, breaks: bool) {
        let mut line = line;
        let mut marks = marks.iter().peekable();
        for (i, c) in text.char_indices() {
            while let Some(&(_, l)) = marks.next_if(|(at, _)| *at <= i) {
                line = l;
            }
            match c {
                '\n' => {
                    if pre && breaks {
                        self.end();
                    } else {
                        self.space();
                    }
                    line = line.saturating_add(1);
                }
                ' ' | '\t' | '\r' | '\x0C' => {
                    if pre {
                        self.visible(' ', line);
                    } else {
                        self.space();
                    }
                }
                '\u{A0}' => self.visible(' ', line),
                '\u{200B}' | '\u{FEFF}' | '\u{AD}' => {}
                c => self.visible(c, line),
            }
        }
    }
}

/// A step of a walk.
enum Frame {
    /// Visit a node.
    Enter(NodeId),
    /// Leave an element with this tag.
    Leave(Tag),
}

/// Pushes `Enter` frames for the children of `id`, so that the first child
/// is visited first.
fn push_children(stack: &mut Vec<Frame>, tree: &Tree, id: NodeId) {
    let mut child = tree.nodes.get(id).and_then(|n| n.last);
    while let Some(c) = child {
        stack.push(Frame::Enter(c));
        child = tree.nodes[c].prev;
    }
}

/// What the block walk needs besides the tree.
pub struct Context<'a> {
    /// The tree.
    pub tree: &'a Tree,
    /// Its metrics.
    pub metrics: &'a Metrics,
    /// The resource limits.
    pub limits: &'a Limits,
    /// The file, for errors.
    pub path: &'a Path,
}

/// Reads the page's blocks in document order.
pub fn read_blocks(cx: &Context<'_>) -> Result<Vec<Block>> {
    let (tree, m) = (cx.tree, cx.metrics);
    let mut blocks = Vec::new();
    let mut tables = 0u32;
    let mut cells = tree.cells;
    let mut buf = LineBuf::default();
    let mut pre = 0u32;
    let mut stack = vec![Frame::Enter(ROOT)];
    while let Some(frame) = stack.pop() {
        match frame {
            Frame::Enter(id) => match &tree.nodes[id].kind {
                Kind::Root => push_children(&mut stack, tree, id),
                Kind::Text { text, line, marks } => buf.feed(text, *line, marks, pre > 0, true),
                Kind::Break => buf.end(),
                Kind::CellSep => buf.space(),
                Kind::Element(e) => {
                    if !m.visible[id] {
                        continue;
                    }
                    let block = !e.tag.is_inline();
                    if block {
                        buf.end();
                    }
                    if m.chars[id] == 0 {
                        continue;
                    }
                    if e.tag == Tag::Table && !is_layout(tree, m, id) {
                        paragraphs(&mut blocks, &mut buf.done);
                        let (captions, table) = grid(cx, id, tables, &mut cells)?;
                        blocks.extend(captions);
                        blocks.push(Block::Table(table));
                        tables = tables.saturating_add(1);
                        continue;
                    }
                    if e.tag.is_pre() {
                        pre += 1;
                    }
                    if block || e.tag.is_pre() {
                        stack.push(Frame::Leave(e.tag));
                    }
                    push_children(&mut stack, tree, id);
                }
            },
            Frame::Leave(tag) => {
                buf.end();
                if tag.is_pre() {
                    pre = pre.saturating_sub(1);
                }
            }
        }
        paragraphs(&mut blocks, &mut buf.done);
    }
    buf.end();
    paragraphs(&mut blocks, &mut buf.done);
    Ok(blocks)
}

/// Moves finished lines into `blocks` as paragraphs.
fn paragraphs(blocks: &mut Vec<Block>, done: &mut Vec<(String, u32)>) {
    blocks.extend(done.drain(..).map(|(text, line)| {
        Block::Paragraph(Paragraph {
            text,
            pos: Position::Line { line },
        })
    }));
}

/// The visible rows (`<tr>`) of a table.
fn rows(tree: &Tree, m: &Metrics, table: NodeId) -> Vec<NodeId> {
    tree.children(table)
        .filter(|&r| m.visible[r] && tree.element(r).is_some_and(|e| e.tag == Tag::Tr))
        .collect()
}

/// The visible cells (`<td>`, `<th>`) of a row.
fn cells<'a>(tree: &'a Tree, m: &'a Metrics, row: NodeId) -> impl Iterator<Item = NodeId> + 'a {
    let visible = &m.visible;
    tree.children(row).filter(move |&c| {
        visible[c]
            && tree
                .element(c)
                .is_some_and(|e| matches!(e.tag, Tag::Td | Tag::Th))
    })
}

/// Whether a table lays out the page rather than holding data (see the
/// [parent module](super) for the rule and why).
pub fn is_layout(tree: &Tree, m: &Metrics, table: NodeId) -> bool {
    let mut total = 0u64;
    let mut filled = 0usize;
    // The cell with the most text, and how many filled cells its row has.
    let mut biggest: Option<(NodeId, usize)> = None;
    let mut in_tables = 0u64;
    // Rows with two or more filled cells.
    let mut grid_rows = 0usize;
    for row in rows(tree, m, table) {
        let mut row_filled = 0usize;
        let mut row_biggest = None;
        for cell in cells(tree, m, row) {
            let chars = u64::from(m.chars[cell]);
            if chars == 0 {
                continue;
            }
            total += chars;
            filled += 1;
            row_filled += 1;
            if biggest.is_none_or(|(b, _)| m.chars[b] < m.chars[cell])
                && row_biggest.is_none_or(|b: NodeId| m.chars[b] < m.chars[cell])
            {
                row_biggest = Some(cell);
            }
            if m.tables[cell] {
                in_tables += chars;
            }
        }
        if let Some(cell) = row_biggest {
            biggest = Some((cell, row_filled));
        }
        grid_rows += usize::from(row_filled >= 2);
    }
    let Some((big, siblings)) = biggest else {
        return true;
    };
    // `blocks` counts the cell itself.
    let structured = m.blocks[big] >= 3 || m.tables[big];
    let dominant = 2 * u64::from(m.chars[big]) > total;
    filled <= 1
        || (dominant && structured && (siblings == 1 || grid_rows <= 1))
        || 2 * in_tables > total
}

/// A cell placed on the grid.
struct Placed {
    /// The `<td>`/`<th>` node.
    node: NodeId,
    /// Grid row and column.
    row: u32,
    /// Grid column.
    col: u32,
    /// Rows covered.
    row_span: u32,
    /// Columns covered.
    col_span: u32,
}

/// Reads a data table as table number `index`: the paragraphs of its
/// caption, and the table. Cells are placed as a browser places them: a
/// cell goes to the first grid column of its row not covered by a cell
/// from a row above. `rowspan=0` reaches the end of the row group, and
/// spans are clamped to the row group and to the columns where some cell
/// starts. Each grid slot a cell covers counts toward `limits.max_cells`
/// (`cells` already counts each cell once).
fn grid(
    cx: &Context<'_>,
    table: NodeId,
    index: u32,
    cells_seen: &mut u64,
) -> Result<(Vec<Block>, Table)> {
    let (tree, m) = (cx.tree, cx.metrics);
    let mut captions = Vec::new();
    for child in tree.children(table) {
        if m.visible[child] && tree.element(child).is_some_and(|e| e.tag == Tag::Caption) {
            let (mut lines, _) = cell_text(tree, m, child);
            paragraphs(&mut captions, &mut lines);
        }
    }
    let rows = rows(tree, m, table);
    let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    // Where each row's group ends (exclusive row index).
    let mut group_end = vec![n; rows.len()];
    for r in (0..rows.len()).rev() {
        let group = |k: usize| tree.element(rows[k]).map(|e| e.group);
        if r + 1 < rows.len() && group(r) == group(r + 1) {
            group_end[r] = group_end[r + 1];
        } else {
            group_end[r] = u32::try_from(r + 1).unwrap_or(u32::MAX);
        }
    }
    // `until[c]`: the first row not covered by a cell placed in column c.
    let mut until: Vec<u32> = Vec::new();
    let mut placed = Vec::new();
    for (r, &row) in rows.iter().enumerate() {
        let r32 = u32::try_from(r).unwrap_or(u32::MAX);
        let remaining = group_end[r].saturating_sub(r32).max(1);
        let mut col = 0usize;
        for cell in cells(tree, m, row) {
            let Some(e) = tree.element(cell) else {
                continue;
            };
            while until.get(col).is_some_and(|&u| u > r32) {
                col += 1;
            }
            let row_span = match e.rowspan {
                Some(0) => remaining,
                Some(k) => k.min(MAX_ROWSPAN).min(remaining),
                None => 1,
            }
            .max(1);
            let col_span = match e.colspan {
                Some(k) if k > 0 => k.min(MAX_COLSPAN),
                _ => 1,
            };
            *cells_seen = cells_seen
                .saturating_add(u64::from(row_span) * u64::from(col_span))
                .saturating_sub(1);
            if *cells_seen > cx.limits.max_cells {
                return Err(Error::Limit {
                    path: cx.path.to_owned(),
                    what: format!(
                        "number of table cells (over {}, counting each grid slot a merged cell covers)",
                        cx.limits.max_cells
                    ),
                    limit: cx.limits.max_cells,
                });
            }
            let end = col + col_span as usize;
            if until.len() < end {
                until.resize(end, 0);
            }
            for u in &mut until[col..end] {
                *u = (*u).max(r32.saturating_add(row_span));
            }
            placed.push(Placed {
                node: cell,
                row: r32,
                col: u32::try_from(col).unwrap_or(u32::MAX),
                row_span,
                col_span,
            });
            col = end;
        }
    }
    // Columns where no cell starts hold nothing: spans stop at the last
    // column where one does.
    let width = placed.iter().map(|p| p.col + 1).max().unwrap_or(0);
    let mut grid_rows: Vec<Row> = rows
        .iter()
        .map(|&row| Row {
            cells: Vec::new(),
            pos: Position::Line {
                line: tree.element(row).map_or(1, |e| e.line),
            },
        })
        .collect();
    let mut last_filled = None;
    for p in placed {
        let (lines, line) = cell_text(tree, m, p.node);
        let text = lines
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        if !text.is_empty() {
            last_filled = Some(p.row);
        }
        let line = line.or_else(|| tree.element(p.node).map(|e| e.line));
        if let Some(row) = grid_rows.get_mut(p.row as usize) {
            row.cells.push(Cell {
                text,
                col: p.col,
                row_span: p.row_span,
                col_span: p.col_span.min(width - p.col).max(1),
                pos: Position::Cell {
                    table: index,
                    row: p.row,
                    col: p.col,
                    line,
                },
            });
        }
    }
    // Rows after the last one with text are dropped.
    let keep = last_filled.map_or(0, |r| r + 1);
    grid_rows.truncate(keep as usize);
    for (r, row) in grid_rows.iter_mut().enumerate() {
        let left = keep.saturating_sub(u32::try_from(r).unwrap_or(u32::MAX));
        for cell in &mut row.cells {
            cell.row_span = cell.row_span.min(left).max(1);
        }
    }
    Ok((
        captions,
        Table {
            index,
            layout: TableLayout::Grid,
            rows: grid_rows,
        },
    ))
}

/// The lines of a cell (or caption) and the source line of its first
/// visible character. Paragraphs, blocks and `<br>` inside start new
/// lines; a table inside is read as text, one line per row, its cells
/// separated by spaces.
pub fn cell_text(tree: &Tree, m: &Metrics, cell: NodeId) -> (Vec<(String, u32)>, Option<u32>) {
    let mut buf = LineBuf::default();
    let mut pre = 0u32;
    let mut nested = 0u32;
    let mut stack = Vec::new();
    push_children(&mut stack, tree, cell);
    // A block boundary: a new line, or inside a nested table a space
    // (except between its rows).
    let boundary = |buf: &mut LineBuf, tag: Tag, nested: u32| {
        if nested == 0 || matches!(tag, Tag::Tr | Tag::Table) {
            buf.end();
        } else {
            buf.space();
        }
    };
    while let Some(frame) = stack.pop() {
        match frame {
            Frame::Enter(id) => match &tree.nodes[id].kind {
                Kind::Root => {}
                Kind::Text { text, line, marks } => {
                    buf.feed(text, *line, marks, pre > 0, nested == 0);
                }
                Kind::Break => boundary(&mut buf, Tag::Br, nested),
                Kind::CellSep => buf.space(),
                Kind::Element(e) => {
                    if !m.visible[id] {
                        continue;
                    }
                    let block = !e.tag.is_inline();
                    if block {
                        boundary(&mut buf, e.tag, nested);
                    }
                    if m.chars[id] == 0 {
                        continue;
                    }
                    if e.tag == Tag::Table {
                        nested += 1;
                    }
                    if e.tag.is_pre() {
                        pre += 1;
                    }
                    if block {
                        stack.push(Frame::Leave(e.tag));
                    }
                    push_children(&mut stack, tree, id);
                }
            },
            Frame::Leave(tag) => {
                if tag == Tag::Table {
                    nested = nested.saturating_sub(1);
                }
                if tag.is_pre() {
                    pre = pre.saturating_sub(1);
                }
                boundary(&mut buf, tag, nested);
            }
        }
    }
    buf.end();
    let first = buf.done.first().map(|(_, line)| *line);
    (buf.done, first)
}
