//! Task-division tables: rows to section headings, tasks and measures.
//!
//! Three steps, each a function of the one before: `grid` lays
//! each data row on the header's columns as slots (a cell of its own, a
//! cell covered by a merge from above, or nothing); `segment`
//! says what each row is (blank, the header again, a section, a note under
//! the table, a record) and what the 序号 column numbers; the row machine
//! here builds: a section row opens a section (under the section rows open
//! above it where its label form is another: `一、` over `（一）`, an
//! unlabelled one over both), a task cell of its own (not
//! the same task repeated) opens a task, a measure cell starts a measure; a
//! deadline or unit cell that is covered, or empty where merges do not
//! show, inherits the value above; unlabelled text continues the task or
//! measure above.
//!
//! Deadline and unit texts are handed to [`crate::grammar`]; headings and
//! measures go to the [`OutlineBuilder`]. It does not read prose.

use crate::document::{Block, Cell, Position, Table, TableLayout};
use crate::grammar::label::{bullet, parse_label, Label, LabelKind};
use crate::grammar::units::one_per_name;
use crate::interpret::cell_items::{split_items, Mark};
use crate::model::{Deadline, Diagnostic, DiagnosticCode, Measure, Role};
use crate::normalize::comparable;

use super::cell_text::{bare_year, is_running_number};
use super::columns::{find_header, header_by_content, ColumnRole, Header};
use super::grid::{flattened_slots, grid_slots, Slot};
use super::memo::GrammarMemo;
use super::outline::OutlineBuilder;
use super::prose::{find_note, NoteFind, ProseReader};
use super::segment::{owned_cells, segment, RowKind};

/// Settings the table interpreter needs from the rest of the notice.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableContext {
    /// The year of the notice's date, for deadlines without a year.
    pub notice_year: Option<i32>,
    /// Whether the notice has said, before the table, that where no unit
    /// leads the responsible units lead (`无牵头单位的，责任单位即为牵头单位`).
    pub responsible_leads: bool,
    /// Whether nothing but section lines stands between this table and the
    /// task table before it (see [`header_of`]).
    pub adjacent: bool,
}

/// Reads a table into `out` and returns the header it was read with.
///
/// A table without a task-table header of its own continues `previous`
/// (the header of the task table before it) when it has as many columns:
/// a flattened table broken by a section line (`一、…` between its rows) or
/// a table split at a page break; pasted as text, it may have fewer (a
/// column no row fills, its merged cells left out), its rows then aligned
/// by content. Otherwise returns `None` and reads nothing.
pub fn interpret_table(
    table: &Table,
    ctx: TableContext,
    previous: Option<&Header>,
    next: Option<&Table>,
    out: &mut OutlineBuilder,
    diags: &mut Vec<Diagnostic>,
) -> Option<Header> {
    let header = header_of(table, previous, ctx.adjacent, next)?;
    let width = header.roles.len();
    let mut memo = GrammarMemo::new(ctx.notice_year);
    // A text grid some of whose rows lost cells (merged cells left out,
    // not left empty) is aligned by content like a flattened table.
    let ragged = || {
        table
            .rows
            .iter()
            .skip(header.data_start)
            .any(|r| r.cells.len() < width && r.cells.iter().any(|c| !c.text.trim().is_empty()))
    };
    let grid = match table.layout {
        TableLayout::Flattened => flattened_slots(table, &header, &mut memo, diags),
        TableLayout::TextGrid if ragged() => flattened_slots(table, &header, &mut memo, diags),
        _ => grid_slots(table, width),
    };
    // A table under an open prose heading (`一、…` then the table) nests
    // its sections and tasks under it; what follows the table goes back to
    // that heading.
    let base = out.depth();
    let mut machine = RowMachine::new(&header, memo, base);
    machine.responsible_leads = ctx.responsible_leads;
    machine.merges_known = table.layout == TableLayout::Grid;
    let segments = segment(table, &grid, &header);
    machine.seq_numbers_tasks = segments.seq_numbers_tasks;
    for (slots, kind) in grid.iter().zip(&segments.kinds).skip(header.data_start) {
        machine.row(slots, kind, out, diags);
        machine.rows_seen += 1;
    }
    machine.finish_measure(out, diags);
    out.close_to(base as usize);
    Some(header)
}

/// The header a table is read with: its own, or that of the task table
/// before it, which it continues (see [`interpret_table`]); a narrower one
/// only when `adjacent` (nothing but section lines between the two, see
/// [`keeps_tables_adjacent`]). A table of nothing but a header whose
/// columns its own cells cannot name (a word the lexicon does not know,
/// `民生实事`) is read with the cells of `next`, the table it heads (broken
/// from it by a section line, see [`next_adjacent_table`]).
pub fn header_of(
    table: &Table,
    previous: Option<&Header>,
    adjacent: bool,
    next: Option<&Table>,
) -> Option<Header> {
    let own = find_header(table);
    let rows_under = own.as_ref().map_or(0, |h| table.rows.len() - h.data_start);
    let read_with_next = next.filter(|_| rows_under == 0).and_then(|next| {
        let probe = Table {
            index: table.index,
            layout: table.layout,
            rows: table.rows.iter().chain(&next.rows).cloned().collect(),
        };
        // The header in this table, its rows all in the next.
        find_header(&probe).filter(|h| h.row < table.rows.len() && h.data_start >= table.rows.len())
    });
    read_with_next
        .or(own)
        .or_else(|| {
            let width = table.width() as usize;
            let pasted = table.layout != TableLayout::Grid;
            previous
                .filter(|h| {
                    h.roles.len() == width
                        || (adjacent && pasted && width >= 2 && width < h.roles.len())
                })
                .map(Header::continued)
        })
        // (A table printed without its header: its cells say.)
        .or_else(|| header_by_content(table))
}

/// The table that follows at the start of `blocks` with nothing but
/// section lines before it (see [`keeps_tables_adjacent`]).
pub fn next_adjacent_table(blocks: &[Block]) -> Option<&Table> {
    for block in blocks {
        match block {
            Block::Table(t) => return Some(t),
            Block::Paragraph(p) if keeps_tables_adjacent(&p.text) => {}
            _ => return None,
        }
    }
    None
}

/// Longest section line that keeps two tables adjacent, in chars.
const MAX_SECTION_LINE_CHARS: usize = 60;

/// Whether a paragraph between two tables leaves them adjacent: blank, or a
/// short labelled section line (`一、…(11项)`), as a table broken by its
/// section rows has.
pub fn keeps_tables_adjacent(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || (t.chars().count() <= MAX_SECTION_LINE_CHARS && parse_label(t).is_some())
}

/// Whether `text` reads as `folded` (a [`comparable`] text) without
/// folding all of it: chars are folded one by one until they differ.
fn same_comparable(folded: &str, text: &str) -> bool {
    let mut a = folded.chars();
    let mut b = text
        .chars()
        .map(crate::normalize::fold_char)
        .filter(|c| !c.is_whitespace());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// A measure being read; it may gain text from the rows below.
#[derive(Debug)]
struct MeasureDraft {
    label: Option<Label>,
    /// The label is a number merged over several rows (not counted again
    /// in the numbering).
    label_shared: bool,
    text: String,
    /// The first item's mark, read from the measure cell itself: its text
    /// may list more items (`（1）…⏎（2）…`).
    mark: Option<Mark>,
    /// The row it started on (counted as [`RowMachine::rows_seen`]).
    row: usize,
    position: Position,
    deadline: Option<Inheritable>,
    units: Vec<(Inheritable, Role)>,
    note: Option<String>,
    /// The officials in charge (a 责任领导 cell).
    leader: Option<Inheritable>,
}

/// A cell value that may have come from above.
#[derive(Debug, Clone)]
struct Inheritable {
    text: String,
    position: Position,
    inherited: bool,
}

/// Reads the rows of one table.
struct RowMachine<'h> {
    header: &'h Header,
    memo: GrammarMemo,
    /// See [`TableContext::responsible_leads`].
    responsible_leads: bool,
    /// Whether the table states its merges (a word-processor, spreadsheet
    /// or web table): an empty cell of its own is then empty.
    merges_known: bool,
    /// Whether the 序号 column numbers tasks (else measure rows).
    seq_numbers_tasks: bool,
    /// The outline depth the table started at (its sections open one deeper).
    base: u8,
    section_col: Option<usize>,
    task_col: Option<usize>,
    measure_col: Option<usize>,
    deadline_col: Option<usize>,
    leader_col: Option<usize>,
    unit_cols: Vec<(usize, Role)>,
    /// Remark columns (备注, and a measure's detail column).
    note_cols: Vec<usize>,
    /// The label forms of the section rows open above the current row,
    /// outermost first (`None`: a section printed without a label); a
    /// section row of a form not open goes under them, one of an open form
    /// closes those under it. (A section column's cells open sections
    /// under them.)
    section_forms: Vec<Option<LabelKind>>,
    /// Whether a section column's heading is open.
    column_section_open: bool,
    /// Whether a task heading is open.
    in_task: bool,
    /// The text of the task cell that opened the current task, compared
    /// loosely (a cell repeating it is the same task).
    task_cell: Option<String>,
    /// The same for the section column's cell.
    section_cell: Option<String>,
    /// Whether the measures of this table carry labels.
    labelled_measures: bool,
    /// Whether a task in the task column carried a label (then unlabelled
    /// task text continues the task above).
    labelled_tasks: bool,
    last_deadline: Option<Inheritable>,
    last_leader: Option<Inheritable>,
    /// The last running number a row printed.
    last_seq: Option<Label>,
    last_units: Vec<Option<Inheritable>>,
    draft: Option<MeasureDraft>,
    /// Rows read so far (the index of the row being read).
    rows_seen: usize,
    /// Whether the open task heading is an unmarked row heading marked
    /// items ([`RowMachine::heads_items`]).
    item_group: bool,
}

impl<'h> RowMachine<'h> {
    fn new(header: &'h Header, memo: GrammarMemo, base: u8) -> Self {
        let unit_cols: Vec<(usize, Role)> = header
            .roles
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                ColumnRole::Units(role) => Some((i, *role)),
                _ => None,
            })
            .collect();
        RowMachine {
            header,
            responsible_leads: false,
            merges_known: false,
            seq_numbers_tasks: false,
            memo,
            base,
            section_col: header.column(ColumnRole::Section),
            task_col: header.column(ColumnRole::Task),
            measure_col: header.column(ColumnRole::Measure),
            deadline_col: header.column(ColumnRole::Deadline),
            leader_col: header.column(ColumnRole::Leader),
            last_units: vec![None; unit_cols.len()],
            unit_cols,
            note_cols: (0..header.roles.len())
                .filter(|&i| header.roles[i] == ColumnRole::Note)
                .collect(),
            section_forms: Vec::new(),
            column_section_open: false,
            in_task: false,
            task_cell: None,
            section_cell: None,
            labelled_measures: false,
            labelled_tasks: false,
            last_deadline: None,
            last_leader: None,
            last_seq: None,
            draft: None,
            rows_seen: 0,
            item_group: false,
        }
    }

    /// Resets what a section does not take over from the rows above it.
    fn section_opened(&mut self) {
        self.in_task = false;
        self.task_cell = None;
        self.section_cell = None;
        self.last_deadline = None;
        self.last_leader = None;
        self.last_seq = None;
        self.last_units.iter_mut().for_each(|u| *u = None);
    }

    /// The level a section column's cell opens at: under a section row
    /// open above it, else the table's first.
    fn section_level(&self) -> u8 {
        self.base + 1 + self.section_forms.len() as u8
    }

    fn task_level(&self) -> u8 {
        self.section_level() + u8::from(self.column_section_open)
    }

    fn row(
        &mut self,
        slots: &[Slot<'_>],
        kind: &RowKind,
        out: &mut OutlineBuilder,
        diags: &mut Vec<Diagnostic>,
    ) {
        let owned = owned_cells(slots);
        match kind {
            RowKind::Blank | RowKind::Header => return,
            RowKind::Note(_) => {
                for (_, cell) in &owned {
                    not_placed(diags, cell, "note under the table");
                }
                return;
            }
            RowKind::Section(label, col) => {
                self.finish_measure(out, diags);
                let Some(cell) = slots[*col].own_text() else {
                    return;
                };
                // A section labelled like a heading the table stands under
                // is that heading's sibling; the table's rows go under it.
                if let Some(level) = label
                    .as_ref()
                    .and_then(|l| out.open_level_of(l.kind))
                    .filter(|&l| l <= self.base)
                {
                    self.base = level - 1;
                    self.section_forms.clear();
                }
                let form = label.as_ref().map(|l| l.kind);
                if let Some(at) = self.section_forms.iter().position(|f| *f == form) {
                    self.section_forms.truncate(at);
                }
                let level = self.base + 1 + self.section_forms.len() as u8;
                match label {
                    Some(label) => {
                        // (A label printed in the 序号 column is not in the
                        // title's cell.)
                        let text = match parse_label(&cell.text) {
                            Some(own) if own == *label => label.text_after(&cell.text),
                            _ => cell.text.trim(),
                        }
                        .to_owned();
                        out.open_heading(level, label, &text, cell.pos.clone());
                    }
                    None => out.open_unlabelled_heading(level, &cell.text, cell.pos.clone()),
                }
                // (A score or remark beside a section numbered in the 序号
                // column has no place.)
                let seq = self.header.column(ColumnRole::Seq);
                for (c, other) in &owned {
                    if *c != *col && Some(*c) != seq {
                        not_placed(diags, other, "cell beside a section's title");
                    }
                }
                self.section_opened();
                self.section_forms.push(form);
                self.column_section_open = false;
                return;
            }
            RowKind::Record => {}
        }

        // Section column (类别): a cell of its own with other text than the
        // open section's (a merged or repeated cell is the same section)
        // opens a section.
        // (A cell spanning on into a column of another field is not the
        // section's: it is reported below.)
        let section_cell = self
            .section_col
            .and_then(|c| slots[c].own_text())
            .filter(|c| !self.spans_fields(c))
            .filter(|c| {
                !self
                    .section_cell
                    .as_deref()
                    .is_some_and(|t| same_comparable(t, &c.text))
            });
        if let Some(cell) = section_cell {
            self.finish_measure(out, diags);
            match parse_label(&cell.text) {
                Some(label) => {
                    let text = label.text_after(&cell.text).to_owned();
                    out.open_heading(self.section_level(), &label, &text, cell.pos.clone());
                }
                None => {
                    out.open_unlabelled_heading(self.section_level(), &cell.text, cell.pos.clone())
                }
            }
            self.section_opened();
            self.column_section_open = true;
            self.section_cell = Some(comparable(&cell.text));
        }

        // Task column.
        let mut new_task_text = None;
        let task_cell = self.task_col.and_then(|c| slots[c].own_text());
        // A row with a measure cell of its own (not one cell spanning the
        // task and measure columns).
        let own_measure = self
            .measure_col
            .and_then(|c| slots[c].own_text())
            .is_some_and(|m| !task_cell.is_some_and(|t| std::ptr::eq(t, m)));
        // A task cell repeated on each row of its task (not merged) is the
        // same task, on a row of one of its measures; a row without a
        // measure cell is a record of its own, not a repeat.
        let task_cell = task_cell.filter(|c| {
            !own_measure
                || !self
                    .task_cell
                    .as_deref()
                    .is_some_and(|t| same_comparable(t, &c.text))
        });
        if let Some(cell) = task_cell {
            self.task_cell = Some(comparable(&cell.text));
            let label = parse_label(&cell.text).map(|l| (l.text_after(&cell.text).to_owned(), l));
            let label = label.or_else(|| {
                let number = self.seq_label(slots).filter(|_| self.seq_numbers_tasks)?;
                Some((cell.text.trim().to_owned(), number))
            });
            match label {
                Some((text, label)) => {
                    self.finish_measure(out, diags);
                    out.open_heading(self.task_level(), &label, &text, cell.pos.clone());
                    self.in_task = true;
                    self.labelled_tasks = true;
                    new_task_text = Some((text, cell.pos.clone()));
                }
                None => {
                    // Unlabelled task text continues the task above in a
                    // table whose tasks are numbered (a task cell broken
                    // over rows, each with its own measure). Where tasks
                    // are not numbered it is a new task when its row starts
                    // a measure too or no task is open.
                    let level = self.task_level();
                    let starts_measure = self
                        .measure_col
                        .and_then(|c| slots[c].own_text())
                        .is_some_and(|m| !std::ptr::eq(m, cell));
                    let continues = self.in_task
                        && (self.labelled_tasks || !starts_measure)
                        && out.continue_heading(level, &cell.text);
                    if !continues {
                        self.finish_measure(out, diags);
                        out.open_unlabelled_heading(level, &cell.text, cell.pos.clone());
                        self.in_task = true;
                        new_task_text = Some((cell.text.trim().to_owned(), cell.pos.clone()));
                    }
                }
            }
        }

        // Whether this row starts a task (its own task cell).
        let own_task = new_task_text.is_some();
        // Measure column.
        let mut new_measure = false;
        // A cell spanning the task and measure columns was read as a task.
        let task_cell = self.task_col.and_then(|c| slots[c].own_text());
        match self.measure_col.map(|c| slots[c]) {
            Some(Slot::Own(cell))
                if !cell.text.trim().is_empty()
                    && !task_cell.is_some_and(|t| std::ptr::eq(t, cell)) =>
            {
                let label = parse_label(&cell.text);
                // An unlabelled measure cell in a table of labelled ones
                // continues the measure above, unless its row holds a unit
                // or deadline cell of its own: a row is one record.
                let own_detail = self.has_own_detail(slots);
                if label.is_none() && self.labelled_measures && self.draft.is_some() && !own_detail
                {
                    if let Some(d) = self.draft.as_mut() {
                        d.text.push_str(cell.text.trim());
                    }
                } else {
                    let mark = label
                        .clone()
                        .map(Mark::Label)
                        .or_else(|| bullet(&cell.text).map(Mark::Bullet));
                    if mark.is_some() && self.heads_items(slots) {
                        // The unmarked row above heads this row's items.
                        if let Some(d) = self.draft.take() {
                            out.open_unlabelled_heading(self.task_level(), &d.text, d.position);
                            self.in_task = true;
                            self.item_group = true;
                        }
                    } else if mark.is_none() && self.item_group {
                        // An unmarked row after a group's items is the
                        // group's sibling, not one of its items.
                        self.finish_measure(out, diags);
                        out.close_to(usize::from(self.task_level().saturating_sub(1)));
                        self.item_group = false;
                        self.in_task = false;
                    }
                    self.finish_measure(out, diags);
                    self.labelled_measures |= label.is_some();
                    let text = match &mark {
                        Some(Mark::Label(l)) => l.text_after(&cell.text).to_owned(),
                        Some(Mark::Bullet(b)) => {
                            let t = cell.text.trim_start();
                            t.strip_prefix(*b).unwrap_or(t).trim().to_owned()
                        }
                        None => cell.text.trim().to_owned(),
                    };
                    self.start_measure(label, text, cell.pos.clone());
                    if let Some(d) = self.draft.as_mut() {
                        d.mark = mark;
                    }
                    new_measure = true;
                }
            }
            _ => {
                // A task row with its own deadline or units but no measure
                // cell is a measure of its own.
                if let Some((text, pos)) = new_task_text {
                    let has_detail = self.has_own_detail(slots);
                    if has_detail {
                        self.finish_measure(out, diags);
                        self.start_measure(None, text, pos);
                        new_measure = true;
                    }
                }
            }
        }

        // A row starts a task of its own with its task cell.
        let new_task = own_task;
        // An unlabelled measure takes its row's running number (序号) as its
        // label; in a table without a task column, a number merged over
        // several rows (or, in text, left out below its first row) numbers
        // each of them.
        if new_measure && !self.seq_numbers_tasks {
            let own = self.seq_label(slots);
            if own.is_some() {
                self.last_seq = own.clone();
            }
            let merged = || {
                let c = self.header.column(ColumnRole::Seq)?;
                // (A merge the grid states numbers each row it covers,
                // with a task column too: the numbers do not number tasks
                // here; a cell left empty in text does so only without one.)
                let covered = match slots.get(c)? {
                    Slot::Covered(_) => true,
                    Slot::Empty => !self.merges_known && self.task_col.is_none(),
                    Slot::Own(cell) => {
                        !self.merges_known && self.task_col.is_none() && cell.text.trim().is_empty()
                    }
                };
                covered.then(|| self.last_seq.clone()).flatten()
            };
            let shared = own.is_none();
            if let Some(label) = own.or_else(merged) {
                if let Some(d) = self.draft.as_mut().filter(|d| d.label.is_none()) {
                    d.label = Some(label);
                    d.label_shared = shared;
                }
            }
        }

        // Deadline and units: a new measure takes its own cell or inherits;
        // a row with no new measure continues the measure above.
        if let Some(c) = self.deadline_col {
            let value = self.cell_value(
                self.field_slot(slots, c),
                self.last_deadline.as_ref(),
                new_measure,
                new_task,
            );
            if let Some(v) = value {
                self.take_deadline(v, new_measure, diags);
            }
        }
        if let Some(c) = self.leader_col {
            let value = self.cell_value(
                self.field_slot(slots, c),
                self.last_leader.as_ref(),
                new_measure,
                new_task,
            );
            if let Some(v) = value {
                self.take_leader(v, new_measure, diags);
            }
        }
        for k in 0..self.unit_cols.len() {
            let (c, role) = self.unit_cols[k];
            // Where the notice says a row without a lead unit is led by its
            // responsible units, an empty lead cell is empty, not merged.
            // An empty 配合 cell beside a 牵头 cell of its own names no
            // unit: support units are often none, and a merge takes both.
            let lead_own = self
                .unit_cols
                .iter()
                .any(|(c, r)| *r == Role::Lead && slots[*c].own_text().is_some());
            let blank = new_task
                || (role == Role::Lead && self.responsible_leads)
                || (role == Role::Support && lead_own);
            let value = self.cell_value(
                self.field_slot(slots, c),
                self.last_units[k].as_ref(),
                new_measure,
                blank,
            );
            if let Some(v) = value {
                self.take_units(k, v, role, new_measure, diags);
            }
        }
        for cell in self.note_cols.iter().filter_map(|&c| slots[c].own_text()) {
            match self.draft.as_mut() {
                Some(d) => append_line(&mut d.note, &cell.text),
                None => not_placed(diags, cell, "remark with no measure"),
            }
        }
        for (i, cell) in &owned {
            let used = Some(*i) == self.task_col
                || (Some(*i) == self.section_col && !self.spans_fields(cell))
                || Some(*i) == self.measure_col
                || Some(*i) == self.deadline_col
                || Some(*i) == self.leader_col
                || self.note_cols.contains(i)
                || self.unit_cols.iter().any(|(c, _)| c == i);
            let seq = self.header.roles.get(*i) == Some(&ColumnRole::Seq);
            if seq && !is_running_number(&cell.text) {
                not_placed(diags, cell, "text in the sequence number column");
            } else if seq && !new_measure && !new_task && self.draft.is_none() {
                not_placed(diags, cell, "running number of a row with no measure");
            } else if !used && !seq {
                not_placed(diags, cell, "cell in a column with no known role");
            }
        }
    }

    /// The field of column `c` (roles of one kind, `牵头` or `配合` units
    /// alike, are one field).
    fn field_at(&self, c: usize) -> Option<std::mem::Discriminant<ColumnRole>> {
        self.header.roles.get(c).map(std::mem::discriminant)
    }

    /// Whether a cell spans columns of different fields.
    fn spans_fields(&self, cell: &Cell) -> bool {
        let first = cell.col as usize;
        (first + 1..first + cell.col_span.max(1) as usize)
            .any(|c| self.field_at(c) != self.field_at(first))
    }

    /// What column `c` holds in this row for its field: nothing where a
    /// cell spanning into it starts in a column of another field (a title
    /// spanning a category and a unit column names no unit).
    fn field_slot<'a>(&self, slots: &[Slot<'a>], c: usize) -> Slot<'a> {
        match slots[c] {
            Slot::Own(cell) | Slot::Covered(cell)
                if cell.col_span > 1
                    && (cell.col as usize) < c
                    && self.field_at(cell.col as usize) != self.field_at(c) =>
            {
                Slot::Empty
            }
            slot => slot,
        }
    }

    /// The value a deadline or unit column gives this row: its own text,
    /// or (for a new measure) the value above when the cell is empty or
    /// merged.
    fn cell_value(
        &self,
        slot: Slot<'_>,
        above: Option<&Inheritable>,
        new_measure: bool,
        blank: bool,
    ) -> Option<Inheritable> {
        match slot {
            Slot::Own(cell) if !cell.text.trim().is_empty() => Some(Inheritable {
                text: cell.text.trim().to_owned(),
                position: cell.pos.clone(),
                inherited: false,
            }),
            Slot::Covered(cell) if new_measure && !cell.text.trim().is_empty() => {
                Some(Inheritable {
                    text: cell.text.trim().to_owned(),
                    position: cell.pos.clone(),
                    inherited: true,
                })
            }
            // An empty cell of a table that states its merges is empty,
            // and so is one the caller says is blank (a row starting a task
            // of its own; a lead cell under `表中无牵头单位的…`); in text, a
            // missing or empty cell was merged with the one above.
            Slot::Own(_) if blank => None,
            Slot::Own(_) | Slot::Empty if self.merges_known => None,
            _ if new_measure => above.map(|a| Inheritable {
                inherited: true,
                ..a.clone()
            }),
            _ => None,
        }
    }

    fn take_deadline(&mut self, v: Inheritable, new_measure: bool, diags: &mut Vec<Diagnostic>) {
        let (last, unplaced) = take_field(&mut self.draft, |d| &mut d.deadline, v, new_measure);
        if let Some(v) = unplaced {
            not_placed_text(diags, &v, "deadline with no measure");
        }
        if let Some(last) = last {
            self.last_deadline = last;
        }
    }

    fn take_leader(&mut self, v: Inheritable, new_measure: bool, diags: &mut Vec<Diagnostic>) {
        let (last, unplaced) = take_field(&mut self.draft, |d| &mut d.leader, v, new_measure);
        if let Some(v) = unplaced {
            not_placed_text(diags, &v, "official with no measure");
        }
        if let Some(last) = last {
            self.last_leader = last;
        }
    }

    fn take_units(
        &mut self,
        k: usize,
        v: Inheritable,
        role: Role,
        new_measure: bool,
        diags: &mut Vec<Diagnostic>,
    ) {
        let Some(d) = self.draft.as_mut() else {
            not_placed_text(diags, &v, "units with no measure");
            return;
        };
        let existing = d.units.iter_mut().find(|(_, r)| *r == role);
        match existing {
            Some((u, _)) if !new_measure => {
                u.text.push('\n');
                u.text.push_str(&v.text);
            }
            Some((u, _)) => *u = v.clone(),
            None => d.units.push((v.clone(), role)),
        }
        if !v.inherited {
            self.last_units[k] = d
                .units
                .iter()
                .find(|(_, r)| *r == role)
                .map(|(u, _)| u.clone());
        }
    }

    /// The number in this row's 序号 cell, as a label.
    fn seq_label(&self, slots: &[Slot<'_>]) -> Option<Label> {
        let c = self.header.column(ColumnRole::Seq)?;
        let text = slots.get(c)?.own_text()?.text.trim();
        let ordinal = crate::grammar::numeral::parse_number(text)?;
        Some(Label {
            kind: LabelKind::ArabicDot,
            ordinal,
            text: text.to_owned(),
            len: 0,
        })
    }

    /// Whether the row has a deadline or unit cell of its own.
    fn has_own_detail(&self, slots: &[Slot<'_>]) -> bool {
        self.deadline_col
            .iter()
            .chain(self.unit_cols.iter().map(|(c, _)| c))
            .any(|c| slots[*c].own_text().is_some())
            // (Where no column holds units, a note ending the row's text
            // names its own: `…发展。（责任单位：市建设局）`.)
            || (self.unit_cols.is_empty()
                && slots
                    .iter()
                    .filter_map(Slot::own_text)
                    .any(|c| matches!(find_note(&c.text), NoteFind::Found(_))))
    }

    /// Whether the measure drafted on the row above heads the items of the
    /// marked row `slots` starts (`抓好财税金融工作` over `△…` rows): the
    /// table has no task column, the draft's text has no mark and no number,
    /// it started on the row just above, and every unit, deadline or leader
    /// cell of this row is merged down from it (none of its own).
    fn heads_items(&self, slots: &[Slot<'_>]) -> bool {
        let Some(d) = self.draft.as_ref() else {
            return false;
        };
        let details: Vec<&Slot<'_>> = self
            .deadline_col
            .iter()
            .chain(self.leader_col.iter())
            .chain(self.unit_cols.iter().map(|(c, _)| c))
            .filter_map(|&c| slots.get(c))
            .collect();
        self.task_col.is_none()
            && d.mark.is_none()
            && d.label.is_none()
            && d.row + 1 == self.rows_seen
            && details.iter().any(|s| matches!(s, Slot::Covered(_)))
            && details
                .iter()
                .all(|s| matches!(s, Slot::Covered(_) | Slot::Empty))
    }

    fn start_measure(&mut self, label: Option<Label>, text: String, position: Position) {
        self.draft = Some(MeasureDraft {
            label,
            label_shared: false,
            text,
            mark: None,
            row: self.rows_seen,
            position,
            deadline: None,
            units: Vec::new(),
            note: None,
            leader: None,
        });
    }

    /// A measure of a table with no unit column whose text ends in a note
    /// naming its units (`…发展。（责任单位：市建设局）`): the text before the
    /// note, the note's units, and its deadline where no deadline cell gave
    /// one (else it is kept in the measure's note), as prose reads such a
    /// note. Any other measure as it is.
    fn with_note_in_text(&self, measure: Measure, diags: &mut Vec<Diagnostic>) -> Measure {
        if !self.unit_cols.is_empty() {
            return measure;
        }
        let (found, Some(position)) = (find_note(&measure.text), measure.position.clone()) else {
            return measure;
        };
        let note = match found {
            NoteFind::Found(note) => note,
            NoteFind::NotUnderstood(raw) => {
                diags.push(Diagnostic {
                    code: DiagnosticCode::TextNotPlaced,
                    message: "responsibility note not understood".to_owned(),
                    position: Some(position),
                    text: Some(raw),
                });
                return measure;
            }
            NoteFind::None => return measure,
        };
        let mut reader = ProseReader::new(self.memo.notice_year());
        let from_note = reader.measure(None, &measure.text, note, position);
        diags.append(&mut reader.diagnostics);
        // (A deadline cell and the note's deadline both: the cell's is the
        // measure's, the note's kept in its note.)
        let mut note = measure.note;
        let deadline = match (measure.deadline, from_note.deadline) {
            (Some(cell), Some(noted)) => {
                append_line(&mut note, &noted.raw);
                Some(cell)
            }
            (cell, noted) => cell.or(noted),
        };
        if let Some(aside) = &from_note.note {
            append_line(&mut note, aside);
        }
        Measure {
            text: from_note.text,
            units: from_note.units,
            units_raw: from_note.units_raw,
            deadline,
            leader: measure.leader.or(from_note.leader),
            note,
            ..measure
        }
    }

    fn finish_measure(&mut self, out: &mut OutlineBuilder, diags: &mut Vec<Diagnostic>) {
        let Some(d) = self.draft.take() else {
            return;
        };
        let deadline = d.deadline.map(|v| {
            // (A deadline column's cell that is only a year, `2024`, names
            // that year: text elsewhere, it may be any number.)
            let term = self
                .memo
                .deadline(&v.text)
                .or_else(|| bare_year(&v.text).and_then(|y| self.memo.deadline(&format!("{y}年"))));
            if term.is_none() {
                diags.push(Diagnostic {
                    code: DiagnosticCode::DeadlineNotUnderstood,
                    message: format!("deadline not understood: {}", v.text),
                    position: Some(v.position.clone()),
                    text: Some(v.text.clone()),
                });
            }
            let term = term.unwrap_or_default();
            Deadline {
                raw: v.text,
                due: term.due,
                precision: term.precision,
                ongoing: term.ongoing,
                recurrence: term.recurrence,
                event: term.event,
                inherited: v.inherited,
                position: Some(v.position),
            }
        });
        let mut lists = Vec::new();
        let mut note = d.note;
        let mut raws = Vec::new();
        let mut all_inherited = !d.units.is_empty();
        for (v, role) in &d.units {
            let list = self.memo.units(&v.text, Some(*role));
            lists.push(list.units);
            if !v.inherited {
                if let Some(n) = list.note {
                    append_line(&mut note, &n);
                }
            }
            all_inherited &= v.inherited;
            raws.push(v.text.clone());
        }
        let mut units = one_per_name(lists);
        if self.responsible_leads && !units.iter().any(|u| u.role == Some(Role::Lead)) {
            for u in &mut units {
                if u.role == Some(Role::Responsible) {
                    u.role = Some(Role::Lead);
                }
            }
        }
        let measure = Measure {
            label: d.label.as_ref().map(|l| l.text.clone()),
            ordinal: d.label.as_ref().map(|l| l.ordinal),
            text: d.text,
            deadline,
            units,
            units_raw: (!raws.is_empty()).then(|| raws.join("\n")),
            units_inherited: all_inherited,
            note,
            leader: d.leader.map(|v| v.text),
            position: Some(d.position),
        };
        let measure = self.with_note_in_text(measure, diags);
        if measure.units.is_empty() {
            diags.push(Diagnostic {
                code: DiagnosticCode::MeasureWithoutUnits,
                message: "measure has no responsible unit".to_owned(),
                position: measure.position.clone(),
                text: None,
            });
        }
        // A cell listing several items gives a measure per item, each with
        // the row's units and deadline.
        // (One line holds one item; a numbered one is the draft's label.)
        let one_line = !measure.text.contains('\n');
        let Some(mark) = d.mark.filter(|m| !one_line || matches!(m, Mark::Bullet(_))) else {
            out.push_measure(measure, d.label.as_ref().filter(|_| !d.label_shared));
            return;
        };
        for item in split_items(mark, &measure.text) {
            let (label, ordinal, own) = match &item.mark {
                Mark::Label(l) => (Some(l.text.clone()), Some(l.ordinal), Some(l)),
                Mark::Bullet(b) => (Some(b.to_string()), None, None),
            };
            let one = Measure {
                label,
                ordinal,
                text: item.text,
                ..measure.clone()
            };
            out.push_measure(one, own.filter(|_| !d.label_shared));
        }
    }
}

/// Puts a deadline or leader cell's value in the draft's `field`: a new
/// measure's, or a line appended to the one the row continues. Returns what
/// rows after it inherit when the value is the row's own (`None` when
/// inherited: what they inherit stays), and the value back when no measure
/// is being built (it is then placed nowhere).
fn take_field(
    draft: &mut Option<MeasureDraft>,
    field: fn(&mut MeasureDraft) -> &mut Option<Inheritable>,
    v: Inheritable,
    new_measure: bool,
) -> (Option<Option<Inheritable>>, Option<Inheritable>) {
    let own = !v.inherited;
    let unplaced = match draft.as_mut().map(field) {
        None => Some(v),
        Some(Some(old)) if !new_measure => {
            old.text.push('\n');
            old.text.push_str(&v.text);
            None
        }
        Some(f) => {
            *f = Some(v);
            None
        }
    };
    let last = own.then(|| draft.as_mut().and_then(|d| field(d).clone()));
    (last, unplaced)
}

fn append_line(to: &mut Option<String>, text: &str) {
    match to {
        Some(s) => {
            s.push('\n');
            s.push_str(text.trim());
        }
        None => *to = Some(text.trim().to_owned()),
    }
}

fn not_placed(diags: &mut Vec<Diagnostic>, cell: &Cell, why: &str) {
    diags.push(Diagnostic {
        code: DiagnosticCode::TextNotPlaced,
        message: why.to_owned(),
        position: Some(cell.pos.clone()),
        text: Some(cell.text.clone()),
    });
}

fn not_placed_text(diags: &mut Vec<Diagnostic>, v: &Inheritable, why: &str) {
    if v.inherited {
        return;
    }
    diags.push(Diagnostic {
        code: DiagnosticCode::TextNotPlaced,
        message: why.to_owned(),
        position: Some(v.position.clone()),
        text: Some(v.text.clone()),
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_table_without_unit_columns_reads_the_notes_in_its_text() {
        // A progress table: each task's units in a note at its end.
        let text = "序号 | 目标任务 | 推进情况\n\
                    1 | 促进市场平稳健康发展。（责任单位：市建设局；完成时限：2024年6月底前） | 已完成 |\n\
                    2 | 发展装配式建筑。（责任单位：市建设局、市人行） | 正常推进 |\n";
        let notice = crate::parse_str(text);
        let measures = notice.measures_with_path();
        let read: Vec<(&str, Vec<&str>, Option<&str>)> = measures
            .iter()
            .map(|(_, m)| {
                (
                    m.text.as_str(),
                    m.units.iter().map(|u| u.name.as_str()).collect(),
                    m.deadline.as_ref().map(|d| d.raw.as_str()),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    "促进市场平稳健康发展。",
                    vec!["市建设局"],
                    Some("2024年6月底前")
                ),
                ("发展装配式建筑。", vec!["市建设局", "市人行"], None),
            ]
        );
    }

    #[test]
    fn a_row_labelled_like_the_measures_is_a_measure_under_a_merge() {
        // Its unit and deadline merged from the row above: no section.
        let text = "具体措施 | 责任单位 | 完成时限\n\
                    （一）做甲工作。 | 市财政局 | 年底前\n\
                    （二）做乙工作。 |  | \n\
                    （三）做丙工作。 | 市商务局 | 年底前\n";
        let notice = crate::parse_str(text);
        let measures = notice.measures_with_path();
        assert_eq!(measures.len(), 3);
        assert!(measures.iter().all(|(path, _)| path.is_empty()));
        assert_eq!(measures[1].1.units[0].name, "市财政局");
    }

    #[test]
    fn section_rows_of_another_label_form_nest() {
        // A section row `一、`, sections `（一）` under it.
        let text = "具体措施 | 责任单位 | 完成时限\n\
                    一、强化科技创新支撑能力 |  | \n\
                    （一）加强战略科技力量建设 |  | \n\
                    建设科技创新轴。 | 市科技局 | 6月底前\n\
                    （二）壮大新兴产业 |  | \n\
                    建设国家实验室。 | 市财政局 | 年底前\n";
        let notice = crate::parse_str(text);
        let paths: Vec<Vec<String>> = notice
            .measures_with_path()
            .iter()
            .map(|(path, _)| path.iter().map(|h| h.title.clone()).collect())
            .collect();
        assert_eq!(
            paths,
            [
                ["强化科技创新支撑能力", "加强战略科技力量建设"],
                ["强化科技创新支撑能力", "壮大新兴产业"],
            ]
        );
    }
}
