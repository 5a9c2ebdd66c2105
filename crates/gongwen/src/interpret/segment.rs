//! Segmenting a task table: what each of its rows is, decided from the grid
//! (which cells a row owns, which columns they cover, the header's column
//! roles and label forms), before anything is built.
//!
//! A row is blank, a repeated header (a table broken over pages), a section
//! (one cell covering the data columns, or one `一、` cell alone), a note
//! under the table (`注：…`, `填表说明：…`) or a record. It also tells what
//! the 序号 column numbers: tasks, when its numbers change only where a
//! task starts, or else measure rows. It reads no deadline or unit and
//! builds nothing: [`super::table`] does.

use crate::document::{Cell, Table};
use crate::grammar::label::{heading_label_alone, parse_label, Label, LabelKind};
use crate::normalize::comparable;

use super::cell_text::is_furniture;
use super::columns::{ColumnRole, Header};
use super::grid::Slot;

/// What one row of a task table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RowKind {
    /// No text.
    Blank,
    /// The header printed again (a table broken over pages).
    Header,
    /// A section heading: its label (an empty one when unlabelled) and the
    /// grid column of its cell.
    Section(Option<Label>, usize),
    /// A note under the table (`注：…`): no record.
    Note(usize),
    /// A record: a task, a measure, or both.
    Record,
}

/// What a table's rows are, and what its 序号 column numbers.
#[derive(Debug)]
pub(crate) struct Segments {
    /// One kind per row of the table (header rows are `Blank`).
    pub kinds: Vec<RowKind>,
    /// The 序号 column numbers tasks rather than measure rows.
    pub seq_numbers_tasks: bool,
}

/// The cells a row owns, each once, with the column it starts in.
pub(crate) fn owned_cells<'a>(slots: &[Slot<'a>]) -> Vec<(usize, &'a Cell)> {
    let mut owned: Vec<(usize, &Cell)> = Vec::with_capacity(slots.len());
    for (i, slot) in slots.iter().enumerate() {
        if let Some(c) = slot.own_text() {
            if !owned.last().is_some_and(|(_, prev)| std::ptr::eq(*prev, c)) {
                owned.push((i, c));
            }
        }
    }
    owned
}

/// Segments the rows of a table laid out as `grid` under `header`.
pub(crate) fn segment(table: &Table, grid: &[Vec<Slot<'_>>], header: &Header) -> Segments {
    let width = header.roles.len();
    let text_cols: Vec<usize> = header
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, ColumnRole::Task | ColumnRole::Measure | ColumnRole::Seq))
        .map(|(i, _)| i)
        .collect();
    let mut kinds: Vec<RowKind> = grid
        .iter()
        .enumerate()
        .map(|(r, slots)| {
            if r < header.data_start {
                return RowKind::Blank;
            }
            let owned = owned_cells(slots);
            match owned.as_slice() {
                [] => RowKind::Blank,
                [(col, cell)] => single_cell_row(*col, cell, width, &text_cols, header),
                _ if is_header_again(&owned, table, header) => RowKind::Header,
                _ => numbered_section(slots, &owned, header).unwrap_or(RowKind::Record),
            }
        })
        .collect();
    // A note stands under the table: a note row followed by records is
    // read as a section where its cell spans the row, else as a record.
    if let Some(last_record) = kinds.iter().rposition(|k| *k == RowKind::Record) {
        for (r, k) in kinds.iter_mut().enumerate().take(last_record) {
            if let RowKind::Note(col) = *k {
                let spans = grid[r]
                    .get(col)
                    .and_then(|s| s.own_text())
                    .is_some_and(|c| width > 1 && c.col_span as usize >= data_width(header));
                *k = if spans {
                    RowKind::Section(None, col)
                } else {
                    RowKind::Record
                };
            }
        }
    }
    // A row of one `（二）…` cell is a section only where no record labels
    // its cell in that column so (there it is a measure whose other cells a
    // merge took: `（一）做甲。 | 市财政局 | 年底前` / `（二）做乙。 |  | `).
    // (Each column asked once: which hold such labels in records.)
    let mut paren_in_records = vec![false; width];
    let candidates = kinds
        .iter()
        .any(|k| matches!(k, RowKind::Section(Some(l), _) if l.kind == LabelKind::ChineseParen));
    for (_, slots) in kinds
        .iter()
        .zip(grid)
        .filter(|(k, _)| candidates && **k == RowKind::Record)
    {
        for (col, slot) in slots.iter().enumerate().take(width) {
            if !paren_in_records[col] {
                paren_in_records[col] = slot
                    .own_text()
                    .and_then(|c| parse_label(&c.text))
                    .is_some_and(|l| l.kind == LabelKind::ChineseParen);
            }
        }
    }
    let demoted: Vec<usize> = kinds
        .iter()
        .enumerate()
        .filter_map(|(r, k)| match k {
            RowKind::Section(Some(l), col) if l.kind == LabelKind::ChineseParen => {
                let spans = grid[r]
                    .get(*col)
                    .and_then(|s| s.own_text())
                    .is_some_and(|c| width > 1 && c.col_span as usize >= data_width(header));
                (!spans && paren_in_records.get(*col) == Some(&true)).then_some(r)
            }
            _ => None,
        })
        .collect();
    for r in demoted {
        kinds[r] = RowKind::Record;
    }
    let seq_numbers_tasks = seq_numbers_tasks(grid, header, &kinds);
    Segments {
        kinds,
        seq_numbers_tasks,
    }
}

/// A row with one cell of text: a section, a note, or a record.
fn single_cell_row(
    col: usize,
    cell: &Cell,
    width: usize,
    text_cols: &[usize],
    header: &Header,
) -> RowKind {
    let spans = width > 1 && cell.col_span as usize >= data_width(header);
    let label = parse_label(&cell.text);
    // A note row: across the table, or its one cell (text tables do not
    // show spans); one followed by records is no note (see above).
    if is_furniture(&cell.text) {
        return RowKind::Note(col);
    }
    // (`（一）…` heads a section too where no task column could hold it.)
    let section_form = label.as_ref().is_some_and(|l| {
        l.kind == LabelKind::ChineseComma
            || (l.kind == LabelKind::ChineseParen && !header.roles.contains(&ColumnRole::Task))
    });
    if spans && (label.is_some() || !header.roles.contains(&ColumnRole::Task)) {
        return RowKind::Section(label, col);
    }
    if spans {
        // An unlabelled row across a table with a task column: a section
        // title printed without a number.
        return RowKind::Section(None, col);
    }
    if section_form && text_cols.contains(&col) {
        return RowKind::Section(label, col);
    }
    RowKind::Record
}

/// A section numbered in the 序号 column (`一、 | 加强组织领导 | 40`): the
/// 序号 cell is a heading's label alone (`一、`, `（一）`, not a running
/// number), the next cell is the title (words, in no unit or deadline
/// column), and no other cell starts in
/// a text, unit or deadline column (a score or a remark may stand beside).
fn numbered_section(
    slots: &[Slot<'_>],
    owned: &[(usize, &Cell)],
    header: &Header,
) -> Option<RowKind> {
    let seq = header.column(ColumnRole::Seq)?;
    let (_, seq_cell) = owned.iter().find(|(c, _)| *c == seq)?;
    let label = heading_label_alone(&seq_cell.text)?;
    // (A row whose unit or deadline a merge from above covers is a record
    // numbered `二、`, not a section.)
    let covered = slots.iter().zip(&header.roles).any(|(slot, role)| {
        matches!(slot, Slot::Covered(_))
            && matches!(
                role,
                ColumnRole::Units(_)
                    | ColumnRole::Deadline
                    | ColumnRole::Task
                    | ColumnRole::Measure
            )
    });
    if covered {
        return None;
    }
    let mut rest = owned.iter().filter(|(c, _)| *c != seq);
    let (title_col, title) = rest.next()?;
    let detail = matches!(
        header.roles.get(*title_col),
        Some(ColumnRole::Units(_) | ColumnRole::Deadline)
    );
    if detail || !title.text.chars().any(char::is_alphabetic) {
        return None;
    }
    let quiet = rest.all(|(c, _)| {
        matches!(
            header.roles.get(*c),
            Some(ColumnRole::Other | ColumnRole::Note)
        )
    });
    quiet.then_some(RowKind::Section(Some(label), *title_col))
}

/// How many columns a cell must cover to stand for the whole row: all but
/// a trailing remark column may be left out.
fn data_width(header: &Header) -> usize {
    let mut w = header.roles.len();
    while w > 2 && matches!(header.roles[w - 1], ColumnRole::Note | ColumnRole::Other) {
        w -= 1;
    }
    w
}

/// Whether a row prints the header again (a table continued over a page):
/// at least two of its cells, and every one, repeat the header's cell of
/// their column.
fn is_header_again(owned: &[(usize, &Cell)], table: &Table, header: &Header) -> bool {
    let header_rows = table.rows.get(header.row..header.data_start).unwrap_or(&[]);
    let longest = header_rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|h| h.text.chars().count())
        .max()
        .unwrap_or(0);
    let repeats = |col: usize, cell: &Cell| {
        // A cell longer than every header cell repeats none (white space
        // aside, which folding removes: the test is only a shortcut).
        if cell.text.chars().filter(|c| !c.is_whitespace()).count() > longest {
            return false;
        }
        let text = comparable(&cell.text);
        header_rows.iter().flat_map(|r| &r.cells).any(|h| {
            let cols = h.col as usize..(h.col as usize + h.col_span.max(1) as usize);
            cols.contains(&col) && comparable(&h.text) == text
        })
    };
    owned.len() >= 2 && owned.iter().all(|(col, cell)| repeats(*col, cell))
}

/// Whether the 序号 column numbers tasks: every number stands on a row
/// that starts a task (a task cell of its own, with other text than the
/// task above), and some task has several measure rows. A table without a
/// task column numbers its measure rows.
fn seq_numbers_tasks(grid: &[Vec<Slot<'_>>], header: &Header, kinds: &[RowKind]) -> bool {
    let (Some(seq), Some(task)) = (
        header.column(ColumnRole::Seq),
        header.column(ColumnRole::Task),
    ) else {
        return false;
    };
    let mut prev_task: Option<String> = None;
    let mut prev_number: Option<String> = None;
    let mut rows_in_task = 0usize;
    let mut some_task_has_several = false;
    let mut any_number = false;
    for (slots, kind) in grid.iter().zip(kinds) {
        match kind {
            RowKind::Record => {}
            RowKind::Section(..) => {
                prev_task = None;
                continue;
            }
            _ => continue,
        }
        let task_text = slots[task].own_text().map(|c| comparable(&c.text));
        let starts_task = task_text.is_some() && task_text != prev_task;
        if starts_task {
            some_task_has_several |= rows_in_task > 1;
            rows_in_task = 0;
            prev_task = task_text;
        }
        rows_in_task += 1;
        if let Some(cell) = slots[seq].own_text() {
            any_number = true;
            let number = comparable(&cell.text);
            // A number repeated on every row of its task still numbers
            // the task.
            if !starts_task && prev_number.as_ref() != Some(&number) {
                return false;
            }
            prev_number = Some(number);
        }
    }
    some_task_has_several |= rows_in_task > 1;
    any_number && some_task_has_several
}
