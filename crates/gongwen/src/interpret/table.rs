//! Task-division tables: rows to section headings, tasks and measures.
//!
//! Each data row is first laid on the header's columns as slots — a cell
//! of its own, a cell covered by a merge from above, or nothing. Grid tables
//! take their columns from the reader; flattened text rows, which lost their
//! merged cells, are aligned by content (see `align_by_content`). Then a small
//! state machine reads the slots: a labelled row spanning the table opens a
//! section, a labelled task cell opens a task, a labelled measure cell starts
//! a measure; a deadline or unit cell that is empty or covered inherits the
//! value above; unlabelled text continues the task or measure above.
//!
//! Deadline and unit texts are handed to [`crate::grammar`]; headings and
//! measures go to the [`OutlineBuilder`].

use crate::document::{Cell, Position, Table, TableLayout};
use crate::grammar::label::{parse_label, Label, LabelKind};
use crate::model::{Deadline, Diagnostic, DiagnosticCode, Measure, Role};
use crate::normalize::{byte_offset, fold_width};

use super::columns::{find_header, ColumnRole, Header};
use super::memo::GrammarMemo;
use super::outline::OutlineBuilder;

/// What sits in one column of one row.
#[derive(Debug, Clone, Copy)]
enum Slot<'a> {
    /// Nothing: an empty cell, or a cell a flattened row dropped.
    Empty,
    /// A cell that starts in this row.
    Own(&'a Cell),
    /// A cell merged down from an earlier row.
    Covered(&'a Cell),
}

impl<'a> Slot<'a> {
    fn own_text(&self) -> Option<&'a Cell> {
        match self {
            Slot::Own(c) if !c.text.trim().is_empty() => Some(c),
            _ => None,
        }
    }
}

/// Settings the table interpreter needs from the rest of the notice.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableContext {
    /// The year of the notice's date, for deadlines without a year.
    pub notice_year: Option<i32>,
    /// Whether the notice has said, before the table, that where no unit
    /// leads the responsible units lead (`无牵头单位的，责任单位即为牵头单位`).
    pub responsible_leads: bool,
}

/// Reads a table into `out` and returns the header it was read with.
///
/// A table without a task-table header of its own continues `previous`
/// (the header of the task table before it) when it has as many columns:
/// a flattened table broken by a section line (`一、…` between its rows) or
/// a table split at a page break. Otherwise returns `None` and reads
/// nothing.
pub fn interpret_table(
    table: &Table,
    ctx: TableContext,
    previous: Option<&Header>,
    out: &mut OutlineBuilder,
    diags: &mut Vec<Diagnostic>,
) -> Option<Header> {
    let header = find_header(table).or_else(|| {
        previous
            .filter(|h| h.roles.len() == table.width() as usize)
            .map(Header::continued)
    })?;
    let width = header.roles.len();
    let mut memo = GrammarMemo::new(ctx.notice_year);
    let grid = match table.layout {
        TableLayout::Flattened => flattened_slots(table, &header, &mut memo, diags),
        _ => grid_slots(table, width),
    };
    // A table under an open prose heading (`一、…` then the table) nests
    // its sections and tasks under it; what follows the table goes back to
    // that heading.
    let base = out.depth();
    let mut machine = RowMachine::new(&header, memo, base);
    machine.responsible_leads = ctx.responsible_leads;
    for (r, slots) in grid.iter().enumerate().skip(header.data_start) {
        machine.row(slots, table.rows[r].pos.clone(), out, diags);
    }
    machine.finish_measure(out, diags);
    out.close_to(base as usize);
    Some(header)
}

/// Lays grid rows on their columns, expanding merges.
fn grid_slots(table: &Table, width: usize) -> Vec<Vec<Slot<'_>>> {
    let mut grid: Vec<Vec<Slot<'_>>> = vec![vec![Slot::Empty; width]; table.rows.len()];
    for (r, row) in table.rows.iter().enumerate() {
        for cell in &row.cells {
            let c0 = cell.col as usize;
            let rows = cell.row_span.max(1) as usize;
            let cols = cell.col_span.max(1) as usize;
            for (dr, grid_row) in grid.iter_mut().skip(r).take(rows).enumerate() {
                for slot in grid_row.iter_mut().skip(c0).take(cols) {
                    *slot = if dr == 0 {
                        Slot::Own(cell)
                    } else {
                        Slot::Covered(cell)
                    };
                }
            }
        }
    }
    grid
}

/// Lays flattened rows on the header's columns by content.
fn flattened_slots<'a>(
    table: &'a Table,
    header: &Header,
    memo: &mut GrammarMemo,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<Slot<'a>>> {
    let width = header.roles.len();
    let kinds = label_kinds_by_column(table, header);
    table
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let mut slots = vec![Slot::Empty; width];
            if r < header.data_start {
                return slots;
            }
            // A row that kept an empty piece for each merged cell
            // (`2 | | 开展… | 市生态环境局 | | 2024年6月底前`) has every cell at
            // its own column.
            if row.cells.len() == width && row.cells.iter().any(|c| c.text.trim().is_empty()) {
                for (slot, cell) in slots.iter_mut().zip(&row.cells) {
                    *slot = Slot::Own(cell);
                }
                return slots;
            }
            let cells: Vec<&Cell> = row
                .cells
                .iter()
                .filter(|c| !c.text.trim().is_empty())
                .collect();
            let (placed, extra) = cells.split_at(cells.len().min(width));
            for (cell, col) in
                placed
                    .iter()
                    .zip(align_by_content(placed, &header.roles, &kinds, memo))
            {
                slots[col] = Slot::Own(cell);
            }
            for cell in extra {
                diags.push(Diagnostic {
                    code: DiagnosticCode::TextNotPlaced,
                    message: "the row has more cells than the table header".to_owned(),
                    position: Some(cell.pos.clone()),
                    text: Some(cell.text.clone()),
                });
            }
            slots
        })
        .collect()
}

/// The label forms seen in each column on rows that have every column
/// filled (so that their cells certainly sit at their own columns).
fn label_kinds_by_column(table: &Table, header: &Header) -> Vec<Vec<LabelKind>> {
    let width = header.roles.len();
    let mut kinds = vec![Vec::new(); width];
    for row in table.rows.iter().skip(header.data_start) {
        let filled: Vec<&Cell> = row
            .cells
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        if filled.len() != width {
            continue;
        }
        for (col, cell) in filled.iter().enumerate() {
            if let Some(label) = parse_label(&cell.text) {
                if !kinds[col].contains(&label.kind) {
                    kinds[col].push(label.kind);
                }
            }
        }
    }
    kinds
}

/// What a cell's text looks like, for alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellShape {
    Labelled(LabelKind),
    Deadline,
    Units,
    Number,
    Prose,
}

fn shape_of(text: &str, memo: &mut GrammarMemo) -> CellShape {
    if let Some(label) = parse_label(text) {
        return CellShape::Labelled(label.kind);
    }
    let t = text.trim();
    if !t.is_empty() && t.chars().all(|c| fold_width(c).is_ascii_digit()) {
        CellShape::Number
    } else if memo.looks_like_deadline(t) {
        CellShape::Deadline
    } else if memo.looks_like_units(t) {
        CellShape::Units
    } else {
        CellShape::Prose
    }
}

/// How well a cell of `shape` fits a column of `role` whose labelled cells
/// have had the forms `kinds`.
fn fit(shape: CellShape, role: ColumnRole, kinds: &[LabelKind]) -> f32 {
    use ColumnRole as R;
    match (shape, role) {
        (CellShape::Labelled(k), R::Task | R::Measure) => {
            if kinds.contains(&k) {
                3.0
            } else if kinds.is_empty() {
                // No evidence: deeper forms are measures, shallower ones tasks.
                let deep = matches!(k, LabelKind::ArabicParen | LabelKind::Circled);
                if deep == (role == R::Measure) {
                    1.5
                } else {
                    0.5
                }
            } else {
                0.5
            }
        }
        (CellShape::Labelled(_), _) => -3.0,
        (CellShape::Deadline, R::Deadline) => 3.0,
        (CellShape::Deadline, R::Note) => 0.5,
        (CellShape::Deadline, _) => -2.0,
        (CellShape::Units, R::Units(_)) => 3.0,
        (CellShape::Units, R::Task | R::Measure | R::Note) => 0.0,
        (CellShape::Units, _) => -3.0,
        (CellShape::Number, R::Seq) => 3.0,
        (CellShape::Number, _) => -1.0,
        (CellShape::Prose, R::Task | R::Measure) => 1.0,
        (CellShape::Prose, R::Note | R::Other) => 0.5,
        (CellShape::Prose, R::Units(_)) => -0.5,
        (CellShape::Prose, _) => -2.0,
    }
}

/// The alignment labels alone decide: each labelled cell goes to the one
/// column where its label form was seen, and every stretch of unlabelled
/// cells between them either is empty or exactly fills the columns of its
/// stretch. `None` when contents must decide.
fn forced_alignment(cells: &[&Cell], kinds: &[Vec<LabelKind>]) -> Option<Vec<usize>> {
    let n = kinds.len();
    let mut anchors = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        if let Some(label) = parse_label(&cell.text) {
            let mut cols = (0..n).filter(|j| kinds[*j].contains(&label.kind));
            match (cols.next(), cols.next()) {
                (Some(col), None) => anchors.push((i, col)),
                _ => return None,
            }
        }
    }
    if anchors.is_empty() {
        return None;
    }
    anchors.push((cells.len(), n));
    let mut out = Vec::with_capacity(cells.len());
    let (mut next_cell, mut next_col) = (0, 0);
    for (i, col) in anchors {
        if col < next_col {
            return None;
        }
        let gap_cells = i - next_cell;
        if gap_cells != 0 && gap_cells != col - next_col {
            return None;
        }
        out.extend(next_col..next_col + gap_cells);
        if i < cells.len() {
            out.push(col);
        }
        (next_cell, next_col) = (i + 1, col + 1);
    }
    Some(out)
}

/// Assigns each of `cells` (in order) a distinct, increasing column,
/// maximizing how well contents fit the columns' roles; a small bonus keeps
/// cells at their own index when contents do not decide.
fn align_by_content(
    cells: &[&Cell],
    roles: &[ColumnRole],
    kinds: &[Vec<LabelKind>],
    memo: &mut GrammarMemo,
) -> Vec<usize> {
    let k = cells.len();
    let n = roles.len();
    // A full row (or an over-full one) has nothing to align.
    if k == 0 || k >= n {
        return (0..k).collect();
    }
    if let Some(cols) = forced_alignment(cells, kinds) {
        return cols;
    }
    let shapes: Vec<CellShape> = cells.iter().map(|c| shape_of(&c.text, memo)).collect();
    let score =
        |i: usize, j: usize| fit(shapes[i], roles[j], &kinds[j]) + if i == j { 0.2 } else { 0.0 };
    // best[i][j]: best total placing cells i.. in columns j..
    let neg = f32::NEG_INFINITY;
    let mut best = vec![vec![neg; n + 1]; k + 1];
    for cell in best[k].iter_mut() {
        *cell = 0.0;
    }
    for i in (0..k).rev() {
        for j in (0..n).rev() {
            let skip = best[i][j + 1];
            let take = if best[i + 1][j + 1] > neg {
                score(i, j) + best[i + 1][j + 1]
            } else {
                neg
            };
            best[i][j] = skip.max(take);
        }
    }
    let mut cols = Vec::with_capacity(k);
    let (mut i, mut j) = (0, 0);
    while i < k && j < n {
        let take = if best[i + 1][j + 1] > neg {
            score(i, j) + best[i + 1][j + 1]
        } else {
            neg
        };
        if take >= best[i][j + 1] {
            cols.push(j);
            i += 1;
        }
        j += 1;
    }
    cols
}

/// A measure being read; it may gain text from the rows below.
#[derive(Debug)]
struct MeasureDraft {
    label: Option<Label>,
    text: String,
    position: Position,
    deadline: Option<Inheritable>,
    units: Vec<(Inheritable, Role)>,
    note: Option<String>,
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
    /// The outline depth the table started at (its sections open one deeper).
    base: u8,
    task_col: Option<usize>,
    measure_col: Option<usize>,
    deadline_col: Option<usize>,
    unit_cols: Vec<(usize, Role)>,
    note_col: Option<usize>,
    /// Whether a section heading is open (tasks then sit at level 2).
    in_section: bool,
    /// Whether a task heading is open.
    in_task: bool,
    /// Whether the measures of this table carry labels.
    labelled_measures: bool,
    /// Whether a task in the task column carried a label (then unlabelled
    /// task text continues the task above).
    labelled_tasks: bool,
    last_deadline: Option<Inheritable>,
    last_units: Vec<Option<Inheritable>>,
    draft: Option<MeasureDraft>,
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
            memo,
            base,
            task_col: header.column(ColumnRole::Task),
            measure_col: header.column(ColumnRole::Measure),
            deadline_col: header.column(ColumnRole::Deadline),
            last_units: vec![None; unit_cols.len()],
            unit_cols,
            note_col: header.column(ColumnRole::Note),
            in_section: false,
            in_task: false,
            labelled_measures: false,
            labelled_tasks: false,
            last_deadline: None,
            draft: None,
        }
    }

    fn task_level(&self) -> u8 {
        self.base + if self.in_section { 2 } else { 1 }
    }

    fn row(
        &mut self,
        slots: &[Slot<'_>],
        row_pos: Position,
        out: &mut OutlineBuilder,
        diags: &mut Vec<Diagnostic>,
    ) {
        // A cell spanning several columns fills each of their slots; it
        // counts once, at its first column.
        let mut owned: Vec<(usize, &Cell)> = Vec::with_capacity(slots.len());
        for (i, slot) in slots.iter().enumerate() {
            if let Some(c) = slot.own_text() {
                if !owned.last().is_some_and(|(_, prev)| std::ptr::eq(*prev, c)) {
                    owned.push((i, c));
                }
            }
        }
        if owned.is_empty() {
            return;
        }
        if let Some(section) = self.section_row(&owned, slots) {
            self.finish_measure(out, diags);
            let (label, cell) = section;
            let text = after_label(&cell.text, &label);
            out.open_heading(self.base + 1, &label, &text, cell.pos.clone());
            self.in_section = true;
            self.in_task = false;
            self.last_deadline = None;
            self.last_units.iter_mut().for_each(|u| *u = None);
            return;
        }

        // Task column.
        let mut new_task_text = None;
        if let Some(cell) = self.task_col.and_then(|c| slots[c].own_text()) {
            match parse_label(&cell.text) {
                Some(label) => {
                    self.finish_measure(out, diags);
                    let text = after_label(&cell.text, &label);
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
                if label.is_none() && self.labelled_measures && self.draft.is_some() {
                    if let Some(d) = self.draft.as_mut() {
                        d.text.push_str(cell.text.trim());
                    }
                } else {
                    self.finish_measure(out, diags);
                    self.labelled_measures |= label.is_some();
                    let text = match &label {
                        Some(l) => after_label(&cell.text, l),
                        None => cell.text.trim().to_owned(),
                    };
                    self.start_measure(label, text, cell.pos.clone());
                    new_measure = true;
                }
            }
            _ => {
                // A task row with its own deadline or units but no measure
                // cell is a measure of its own.
                if let Some((text, pos)) = new_task_text {
                    let has_detail = self
                        .deadline_col
                        .iter()
                        .chain(self.unit_cols.iter().map(|(c, _)| c))
                        .any(|c| slots[*c].own_text().is_some());
                    if has_detail {
                        self.finish_measure(out, diags);
                        self.start_measure(None, text, pos);
                        new_measure = true;
                    }
                }
            }
        }

        // A row starts a task of its own with its task cell, or with its
        // measure in a table without a task column.
        let new_task = own_task || (self.task_col.is_none() && new_measure);
        // An unlabelled measure takes its row's running number (序号) as its label.
        if new_measure {
            self.number_from_seq(slots);
        }

        // Deadline and units: a new measure takes its own cell or inherits;
        // a row with no new measure continues the measure above.
        if let Some(c) = self.deadline_col {
            let value =
                self.cell_value(slots[c], self.last_deadline.as_ref(), new_measure, new_task);
            if let Some(v) = value {
                self.take_deadline(v, new_measure, diags);
            }
        }
        for k in 0..self.unit_cols.len() {
            let (c, role) = self.unit_cols[k];
            let value =
                self.cell_value(slots[c], self.last_units[k].as_ref(), new_measure, new_task);
            if let Some(v) = value {
                self.take_units(k, v, role, new_measure, diags);
            }
        }
        if let Some(cell) = self.note_col.and_then(|c| slots[c].own_text()) {
            match self.draft.as_mut() {
                Some(d) => append_line(&mut d.note, &cell.text),
                None => not_placed(diags, cell, "remark with no measure"),
            }
        }
        for (i, cell) in &owned {
            let used = Some(*i) == self.task_col
                || Some(*i) == self.measure_col
                || Some(*i) == self.deadline_col
                || Some(*i) == self.note_col
                || self.unit_cols.iter().any(|(c, _)| c == i);
            let seq = self.header.roles.get(*i) == Some(&ColumnRole::Seq);
            if seq && !is_running_number(&cell.text) {
                not_placed(diags, cell, "text in the sequence number column");
            } else if !used && !seq {
                not_placed(diags, cell, "cell in a column with no known role");
            }
        }
        let _ = row_pos;
    }

    /// The value a deadline or unit column gives this row: its own text,
    /// or (for a new measure) the value above when the cell is empty or
    /// merged.
    fn cell_value(
        &self,
        slot: Slot<'_>,
        above: Option<&Inheritable>,
        new_measure: bool,
        new_task: bool,
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
            // An empty cell of a row that starts a task of its own states
            // nothing (`表中无牵头单位的…`); a missing cell, or an empty one
            // under the same task, was merged with the one above.
            Slot::Own(_) if new_task => None,
            _ if new_measure => above.map(|a| Inheritable {
                inherited: true,
                ..a.clone()
            }),
            _ => None,
        }
    }

    fn take_deadline(&mut self, v: Inheritable, new_measure: bool, diags: &mut Vec<Diagnostic>) {
        match self.draft.as_mut() {
            Some(d) if new_measure || d.deadline.is_none() => {
                d.deadline = Some(v.clone());
            }
            Some(d) => {
                if let Some(dl) = d.deadline.as_mut() {
                    dl.text.push('\n');
                    dl.text.push_str(&v.text);
                }
            }
            None => not_placed_text(diags, &v, "deadline with no measure"),
        }
        if !v.inherited {
            self.last_deadline = self.draft.as_ref().and_then(|d| d.deadline.clone());
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

    /// Gives the measure being read the number in its row's 序号 cell, when
    /// the measure has no label of its own.
    fn number_from_seq(&mut self, slots: &[Slot<'_>]) {
        let Some(c) = self.header.column(ColumnRole::Seq) else {
            return;
        };
        let Some(cell) = slots.get(c).and_then(|s| s.own_text()) else {
            return;
        };
        let Some(d) = self.draft.as_mut().filter(|d| d.label.is_none()) else {
            return;
        };
        let text = cell.text.trim();
        if let Some(ordinal) = crate::grammar::numeral::parse_number(text) {
            d.label = Some(Label {
                kind: LabelKind::ArabicDot,
                ordinal,
                text: text.to_owned(),
                len: 0,
            });
        }
    }

    fn start_measure(&mut self, label: Option<Label>, text: String, position: Position) {
        self.draft = Some(MeasureDraft {
            label,
            text,
            position,
            deadline: None,
            units: Vec::new(),
            note: None,
        });
    }

    /// A row that is a section heading: one labelled cell of a form no
    /// task or measure cell uses, or a grid cell spanning the whole row.
    fn section_row<'c>(
        &self,
        owned: &[(usize, &'c Cell)],
        slots: &[Slot<'_>],
    ) -> Option<(Label, &'c Cell)> {
        let [(col, cell)] = owned else {
            return None;
        };
        if Some(*col) != self.task_col && Some(*col) != self.measure_col {
            return None;
        }
        let label = parse_label(&cell.text)?;
        let spans_row = cell.col_span as usize >= slots.len() && slots.len() > 1;
        let section_form = label.kind == LabelKind::ChineseComma;
        (spans_row || section_form).then_some((label, *cell))
    }

    fn finish_measure(&mut self, out: &mut OutlineBuilder, diags: &mut Vec<Diagnostic>) {
        let Some(d) = self.draft.take() else {
            return;
        };
        let deadline = d.deadline.map(|v| {
            let term = self.memo.deadline(&v.text);
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
        let mut units = Vec::new();
        let mut note = d.note;
        let mut raws = Vec::new();
        let mut all_inherited = !d.units.is_empty();
        for (v, role) in &d.units {
            let list = self.memo.units(&v.text, Some(*role));
            units.extend(list.units);
            if !v.inherited {
                if let Some(n) = list.note {
                    append_line(&mut note, &n);
                }
            }
            all_inherited &= v.inherited;
            raws.push(v.text.clone());
        }
        if self.responsible_leads && !units.iter().any(|u| u.role == Some(Role::Lead)) {
            for u in &mut units {
                if u.role == Some(Role::Responsible) {
                    u.role = Some(Role::Lead);
                }
            }
        }
        if units.is_empty() {
            diags.push(Diagnostic {
                code: DiagnosticCode::MeasureWithoutUnits,
                message: "measure has no responsible unit".to_owned(),
                position: Some(d.position.clone()),
                text: None,
            });
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
            leader: None,
            position: Some(d.position),
        };
        out.push_measure(measure, d.label.as_ref());
    }
}

/// Whether a cell of the sequence number column holds only a running
/// number (digits of any width, maybe followed by `.` or `、`), which the
/// model does not keep.
pub fn is_running_number(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_suffix(['.', '．', '、']).unwrap_or(t);
    !t.is_empty() && t.chars().all(|c| fold_width(c).is_ascii_digit())
}

/// The text after a label, trimmed.
fn after_label(text: &str, label: &Label) -> String {
    text[byte_offset(text, label.len)..].trim().to_owned()
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
