//! Column roles of a task-division table, found from its header row by
//! synonyms (工作任务, 具体举措, 完成时限, 责任单位, 牵头单位, 序号, 备注 …),
//! and, for a column headed by a word the lexicon does not know (`民生实事`),
//! from its cells: a column of sentences where the header names no task or
//! measure column is the text column.
//!
//! Data rows are read here only for that; what they mean is the business of
//! [`super::table`].

use crate::document::{Cell, Row, Table, TableLayout};
use crate::grammar::deadline::looks_like_deadline;
use crate::grammar::label::{bullet, heading_label_alone, parse_label, LabelKind};
use crate::grammar::lexicon::{header_field, Field};
use crate::grammar::units::looks_like_units;
use crate::model::Role;

use super::cell_text::{bare_year, is_running_number, row_number};
use super::prose::{find_note, NoteFind};

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnRole {
    /// A running number (序号).
    Seq,
    /// Sections: what tasks are grouped under, as a column (类别, 领域).
    Section,
    /// Tasks: the text measures are grouped under (工作任务, 重点任务).
    Task,
    /// Measures (具体举措, 工作措施).
    Measure,
    /// Deadlines (完成时限, 完成时间, 时间节点).
    Deadline,
    /// Responsible units with the role the header gives.
    Units(Role),
    /// Remarks (备注).
    Note,
    /// The officials in charge (责任领导): people, not units.
    Leader,
    /// A column whose header was not recognized.
    Other,
}

/// Classifies one header cell by the lexicon's most specific word.
pub fn role_of_header(text: &str) -> ColumnRole {
    header_role(text).0
}

/// The role a header cell names and how specific its word is (0 for none).
fn header_role(text: &str) -> (ColumnRole, usize) {
    match header_field(text) {
        Some((field, len)) => (
            match field {
                Field::Seq => ColumnRole::Seq,
                Field::Section => ColumnRole::Section,
                Field::Task => ColumnRole::Task,
                Field::Measure => ColumnRole::Measure,
                Field::Deadline => ColumnRole::Deadline,
                Field::Units(role) => ColumnRole::Units(role),
                Field::Note => ColumnRole::Note,
                Field::Leader => ColumnRole::Leader,
                _ => ColumnRole::Other,
            },
            len,
        ),
        None => (ColumnRole::Other, 0),
    }
}

/// The header of a task table: which row it is and each column's role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Index of the header row in the table's rows.
    pub row: usize,
    /// Index of the first data row: the row after the header, or `0` for a
    /// table that continues an earlier table's header ([`Header::continued`]).
    pub data_start: usize,
    /// Role of each grid column.
    pub roles: Vec<ColumnRole>,
    /// Columns the header names as a field the lexicon knows as none of a
    /// measure's ([`Field::Other`]: 进展情况, 完成情况, 检查时间, 问题来源):
    /// read as each row's own text when rows are aligned by content.
    pub row_facts: Vec<bool>,
}

impl Header {
    /// The header of an earlier task table, for a table printed without one
    /// (a table broken by a section line or a page): every row is data.
    pub fn continued(&self) -> Header {
        Header {
            row: 0,
            data_start: 0,
            roles: self.roles.clone(),
            row_facts: self.row_facts.clone(),
        }
    }

    /// The first column with this role.
    pub fn column(&self, role: ColumnRole) -> Option<usize> {
        self.roles.iter().position(|r| *r == role)
    }
}

/// How many rows from the top of a table the header may stand (title rows
/// of a spreadsheet copied with the table come first).
pub const HEADER_SEARCH_ROWS: usize = 12;

/// Finds the header among the first rows of a table: the first row with at
/// least two recognized columns, one of them holding text (task or measure)
/// and one a deadline or units (or none, where the text cells end in notes
/// naming their units). Roles come from the header's words, and,
/// for columns headed by a word the lexicon does not know, from the cells
/// below it ([`roles_by_cells`]). Returns `None` for tables that are not task
/// tables (layout tables, page metadata).
pub fn find_header(table: &Table) -> Option<Header> {
    for (i, row) in table.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let numbers = number_column(table, i);
        let mut roles = header_roles(row, table.width() as usize, numbers);
        counts_are_no_tasks(table, i, &mut roles);
        roles_by_cells(table, i, &mut roles);
        let detail = roles
            .iter()
            .any(|r| matches!(r, ColumnRole::Deadline | ColumnRole::Units(_)));
        let text = roles
            .iter()
            .any(|r| matches!(r, ColumnRole::Task | ColumnRole::Measure));
        // (Or the text cells end in notes that name their units: `…发展。
        // （责任单位：市建设局）` under `目标任务`, beside its progress.)
        // (A header of one cell, where a title may stand, is no such
        // header.)
        let filled = row
            .cells
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .count();
        if text && (detail || (filled >= 2 && notes_in_text(table, i))) {
            // A second header row under a spanning cell (`责任单位` over
            // `牵头单位 | 配合单位`) names those columns more closely.
            let mut data_start = i + 1;
            let sub = table
                .rows
                .get(i + 1)
                // A flattened row keeps its columns only when padded (an
                // empty piece before its last text; trailing ones may be cut).
                .filter(|sub| {
                    let filled = |c: &Cell| !c.text.trim().is_empty();
                    let last = sub.cells.iter().rposition(filled).unwrap_or(0);
                    table.layout != TableLayout::Flattened
                        || sub.cells[..last].iter().any(|c| !filled(c))
                })
                .and_then(|sub| sub_header(row, sub, table.layout != TableLayout::Grid));
            if let Some(sub) = sub {
                for (c, r) in sub {
                    if let Some(slot) = roles.get_mut(c) {
                        *slot = r;
                    }
                }
                data_start = i + 2;
            }
            // Of two text columns the left one groups the right one: a
            // measure column left of a task column (`改革举措 | 主要内容`)
            // names what the task column then details.
            let task = roles.iter().position(|r| *r == ColumnRole::Task);
            let measure = roles.iter().position(|r| *r == ColumnRole::Measure);
            if let (Some(t), Some(m)) = (task, measure) {
                if m < t {
                    roles.swap(t, m);
                }
            }
            // Of two columns the header names as tasks (`工作任务 | 具体要求`)
            // with none named for measures, the left one groups the right
            // one's items where its cells say so.
            if let Some(m) = grouped_task_column(table, i, &roles) {
                roles[m] = ColumnRole::Measure;
            }
            // A table without a measure column lists measures in its text column.
            if !roles.contains(&ColumnRole::Measure) {
                if let Some(t) = roles.iter().position(|r| *r == ColumnRole::Task) {
                    roles[t] = ColumnRole::Measure;
                }
            }
            let mut row_facts = vec![false; roles.len()];
            for cell in table.rows[i..data_start].iter().flat_map(|r| &r.cells) {
                if let Some(fact) = row_facts.get_mut(cell.col as usize) {
                    *fact |= matches!(header_field(&cell.text), Some((Field::Other, _)));
                }
            }
            return Some(Header {
                row: i,
                data_start,
                roles,
                row_facts,
            });
        }
    }
    None
}

/// The roles of a table printed without its header row, read from its
/// cells (see [`super::headerless`]): in the rows with the most cells, a
/// column whose every cell is labelled text holds tasks or measures (of two
/// such columns side by side, the left one the tasks), one whose every cell
/// is a deadline the deadlines, one whose every cell is a unit list the
/// units. `None` unless every column has a role (no two of one field), one
/// or two side by side hold text and one holds units: the table is then no
/// task table this reading can vouch for.
pub fn header_by_content(table: &Table) -> Option<Header> {
    let width = table.rows.iter().map(|r| r.cells.len()).max()?;
    if width < 2 {
        return None;
    }
    let full: Vec<&Row> = table
        .rows
        .iter()
        .filter(|r| r.cells.len() == width)
        .collect();
    let column = |c: usize| {
        full.iter()
            .filter_map(move |r| r.cells.get(c))
            .map(|x| x.text.trim())
    };
    let mut roles = Vec::with_capacity(width);
    for c in 0..width {
        let all = |f: &dyn Fn(&str) -> bool| column(c).all(f);
        let labelled_text = |t: &str| parse_label(t).is_some_and(|l| !l.text_after(t).is_empty());
        let role = if all(&labelled_text) {
            ColumnRole::Measure
        } else if all(&|t| fits_column(t, ColumnRole::Deadline)) {
            ColumnRole::Deadline
        } else if all(&|t| fits_column(t, ColumnRole::Units(Role::Responsible))) {
            ColumnRole::Units(Role::Responsible)
        } else {
            return None;
        };
        // (Two columns of one field: which is which, nothing says.)
        if role != ColumnRole::Measure && roles.contains(&role) {
            return None;
        }
        roles.push(role);
    }
    // (Of text columns side by side, the left one groups the right one.)
    let text: Vec<usize> = (0..width)
        .filter(|&c| roles[c] == ColumnRole::Measure)
        .collect();
    match text[..] {
        [_] => {}
        [task, measure] if task + 1 == measure => roles[task] = ColumnRole::Task,
        _ => return None,
    }
    // (A deadline column alone, a schedule's `一、动员部署阶段 | 3月10日前`,
    // names no one: a task table names its units.)
    if !roles.iter().any(|r| matches!(r, ColumnRole::Units(_))) {
        return None;
    }
    Some(Header {
        row: 0,
        data_start: 0,
        row_facts: vec![false; width],
        roles,
    })
}

/// Whether a header word of `role` read beside `neighbour`, the word read
/// just before it (left of it, or right of it where a header is read from
/// its end), among the words `read` so far, names the measures: a second
/// task word right beside the first, where no measure column is named and
/// no 序号 numbers the rows (`工作任务 | 具体要求`: the left one groups the
/// right one, see [`grouped_task_column`]).
pub fn measures_beside_tasks(
    neighbour: Option<&ColumnRole>,
    read: &[ColumnRole],
    role: ColumnRole,
) -> bool {
    role == ColumnRole::Task
        && neighbour == Some(&ColumnRole::Task)
        && !read.contains(&ColumnRole::Measure)
        && !read.contains(&ColumnRole::Seq)
}

/// Whether, under a header at row `header_row` that names no unit or
/// deadline column, the rows' text ends in notes that name their units, in
/// half of the rows with text at least. (Pasted rows that leave merged
/// cells out hold their text in another column: any cell of a row says.)
fn notes_in_text(table: &Table, header_row: usize) -> bool {
    let rows: Vec<&Row> = table
        .rows
        .iter()
        .skip(header_row + 1)
        .take(ROLE_FROM_CELLS_ROWS)
        .filter(|r| r.cells.iter().filter(|c| !c.text.trim().is_empty()).count() >= 2)
        .collect();
    let noted = rows
        .iter()
        .filter(|r| {
            r.cells
                .iter()
                .any(|c| matches!(find_note(c.text.trim()), NoteFind::Found(_)))
        })
        .count();
    noted > 0 && 2 * noted >= rows.len()
}

/// How many filled cells a pasted row under `header` has when it prints
/// every column but its remarks (a remark column may be left out of any
/// row): one per filled header cell that heads no 备注.
fn cells_a_pasted_row_prints(header: &Row) -> usize {
    header
        .cells
        .iter()
        .filter(|h| !h.text.trim().is_empty() && role_of_header(&h.text) != ColumnRole::Note)
        .count()
}

/// Where the header names no measure column but names tasks in two
/// columns (the right one left without a role by [`header_roles`]), the
/// right one, when it holds sentences and the left one groups it: the two
/// stand side by side (as a task column and its measure column do) with no
/// 序号 numbering the rows, or a cell of the left column is
/// merged over several rows (or repeated in consecutive ones), or its cells
/// carry labels of one form and the right column's cells labels of another
/// (`一、做好… | 1.积极推进…`), or a cell of the right column lists several
/// items, a line each. With none of these (`重点工作 | 责任领导 | 责任科室 |
/// 攻坚目标任务`, each row a record of its own, the right column what the
/// record aims at) the left column stays the records' text.
fn grouped_task_column(table: &Table, header_row: usize, roles: &[ColumnRole]) -> Option<usize> {
    if roles.contains(&ColumnRole::Measure) {
        return None;
    }
    let task = roles.iter().position(|r| *r == ColumnRole::Task)?;
    let header = &table.rows[header_row];
    let right = header.cells.iter().find(|h| {
        let c = h.col as usize;
        c > task
            && roles.get(c) == Some(&ColumnRole::Other)
            && role_of_header(&h.text) == ColumnRole::Task
    })?;
    let right = right.col as usize;
    let cells_in = |col: usize| {
        table
            .rows
            .iter()
            .skip(header_row + 1)
            .take(ROLE_FROM_CELLS_ROWS)
            .flat_map(|r| &r.cells)
            .filter(move |c| c.col as usize == col && !c.text.trim().is_empty())
    };
    // (A count or a target, `任务数` over `9亿元`, is no measure: the
    // right column holds sentences, in half its cells at least; of pasted
    // rows that leave cells out, which hold other columns' cells there, the
    // full ones say where any stand.)
    let filled = |r: &&Row| r.cells.iter().filter(|c| !c.text.trim().is_empty()).count();
    let needed = cells_a_pasted_row_prints(header);
    let rows: Vec<&Row> = table
        .rows
        .iter()
        .skip(header_row + 1)
        .take(ROLE_FROM_CELLS_ROWS)
        .collect();
    let any_full = rows.iter().any(|r| filled(r) >= needed);
    let right_cells: Vec<&str> = rows
        .iter()
        .filter(|r| table.layout == TableLayout::Grid || !any_full || filled(r) >= needed)
        .flat_map(|r| &r.cells)
        .filter(|c| c.col as usize == right && !c.text.trim().is_empty())
        .map(|c| c.text.trim())
        .collect();
    // (A cell ending in a note naming its units, `…力度（责任单位：X）`, is
    // read by what stands before the note.)
    let before_note = |t: &str| -> String {
        match find_note(t) {
            NoteFind::Found(note) => t.chars().take(note.start).collect(),
            _ => t.to_owned(),
        }
    };
    let text: Vec<String> = right_cells
        .iter()
        .map(|t| before_note(t))
        .filter(|t| !is_running_number(t) && fits_column(t, ColumnRole::Measure))
        .filter(|t| t.chars().count() >= MIN_TEXT_CELL_CHARS)
        .collect();
    if text.is_empty() || 2 * text.len() < right_cells.len() {
        return None;
    }
    // (Side by side, the left one groups the right one, as a task column
    // groups the measure column beside it; not where a 序号 numbers the
    // rows, each then a record the left column names: `任务名称 | 指标要求`.)
    let task_end = header
        .cells
        .iter()
        .find(|h| h.col as usize == task)
        .map_or(task + 1, |h| task + h.col_span.max(1) as usize);
    if right == task_end && !roles.contains(&ColumnRole::Seq) {
        return Some(right);
    }
    // (Repeated in consecutive rows, the cell merged all the same.)
    let left: Vec<&Cell> = cells_in(task).collect();
    let merged = left.iter().any(|c| c.row_span > 1)
        || left
            .windows(2)
            .any(|w| w[0].text.trim() == w[1].text.trim());
    let kinds = |col: usize| -> Vec<LabelKind> {
        cells_in(col)
            .filter_map(|c| parse_label(c.text.trim()).map(|l| l.kind))
            .collect()
    };
    let (left_kinds, right_kinds) = (kinds(task), kinds(right));
    // (Pasted rows that leave the left cell out hold the right one's text
    // there: the left column's first label says its form.)
    let labelled_apart = !right_kinds.is_empty()
        && left_kinds
            .first()
            .is_some_and(|first| !right_kinds.contains(first));
    // (A cell listing several items, one a line, details the one beside
    // it.)
    let lists = cells_in(right).any(|c| {
        c.text
            .lines()
            .filter(|l| parse_label(l.trim()).is_some() || bullet(l.trim()).is_some())
            .count()
            >= 2
    });
    (merged || labelled_apart || lists).then_some(right)
}

/// The first column (or the one after a column of sections), where it
/// holds running numbers (`1`, `2`, `2`, `4`:
/// none less than the one above; rows that leave it out or merged skip
/// some), under the header at row `header_row` whose
/// word names no 序号 (a text column's, `任务项`, or one the lexicon does not
/// know, `项目`) where no column is headed 序号 and another column holds
/// the text: the table's 序号 all the same. (Rows of one cell, a section's
/// or a note's, are no record's; nor is a section's label alone.)
fn number_column(table: &Table, header_row: usize) -> Option<usize> {
    let header = &table.rows[header_row].cells;
    let roles: Vec<ColumnRole> = header.iter().map(|h| role_of_header(&h.text)).collect();
    if roles.contains(&ColumnRole::Seq) {
        return None;
    }
    // (An empty header piece, a row's trailing separator, heads nothing;
    // nor does a column no row fills, an empty 配合单位, count, where cells
    // stand in their columns.)
    let in_place: Vec<&Row> = table.rows[header_row + 1..]
        .iter()
        .filter(|r| table.layout != TableLayout::Flattened || r.cells.len() == header.len())
        .collect();
    let filled_below = |col: u32| {
        in_place.is_empty()
            || in_place.iter().any(|r| {
                r.cells
                    .iter()
                    .any(|c| c.col == col && !c.text.trim().is_empty())
            })
    };
    // (Where no row fills every column, an empty 配合 column among them,
    // the fullest rows are full.)
    let fullest = table.rows[header_row + 1..]
        .iter()
        .map(|r| r.cells.iter().filter(|c| !c.text.trim().is_empty()).count())
        .max()
        .unwrap_or(0);
    let full = header
        .iter()
        .zip(&roles)
        .filter(|(h, r)| {
            **r != ColumnRole::Note && !h.text.trim().is_empty() && filled_below(h.col)
        })
        .count()
        .min(fullest);
    // (`step`: each number the one before or the next, rows between counted,
    // as where the column's word might head counts instead: `重点工作 |
    // 任务数 | …` over 2, 3, 5.)
    let running = |col: usize, step: bool| {
        let mut numbers = table
            .rows
            .iter()
            .enumerate()
            .skip(header_row + 1)
            .filter(|(_, r)| r.cells.iter().filter(|c| !c.text.trim().is_empty()).count() > 1)
            // (The header repeated, a table broken over pages or sections,
            // is no record.)
            .filter(|(_, r)| {
                !r.cells
                    .iter()
                    .any(|c| c.col as usize == col && header.iter().any(|h| h.text == c.text))
            })
            // (Pasted rows that leave merged cells out hold theirs out of
            // place: rows with every cell filled alone say, a 备注 or not.)
            .filter(|(_, r)| {
                table.layout == TableLayout::Grid
                    || r.cells.iter().filter(|c| !c.text.trim().is_empty()).count() >= full
                    || r.cells
                        .first()
                        .is_some_and(|c| heading_label_alone(&c.text).is_some())
            })
            .flat_map(|(k, r)| r.cells.iter().map(move |c| (k, c)))
            .filter(|(_, c)| c.col as usize == col && c.col_span <= 1)
            .map(|(k, c)| (k, c.text.trim()))
            .filter(|(_, t)| !t.is_empty());
        // (A section's label in it, `一、`, is no row's number, but no
        // text column holds one alone: with no rows under it, it says.)
        let mut last = 0;
        let mut last_row = 0;
        let mut any = false;
        numbers.all(|(row, t)| {
            if heading_label_alone(t).is_some() {
                any = true;
                return true;
            }
            // (A year, `2024`, is a deadline's cell, no row's number.)
            let n = row_number(t);
            // (With `step`, numbers grow by one a row at most, rows left
            // out counted.)
            match n {
                Some(n)
                    if n >= last && (!step || last == 0 || n - last <= (row - last_row) as u32) =>
                {
                    last = n;
                    last_row = row;
                    any = true;
                    true
                }
                _ => false,
            }
        }) && any
    };
    // (The 序号 stands first, or after a column of sections, `分类 | 序号 |
    // …`, whose word may name tasks, `重点工作 | 任务项 | 重点任务`:
    // numbers further right are counts, areas.)
    let numbers_at = |first: usize, step: bool| {
        header
            .get(first)
            .filter(|h| h.col as usize == first && h.col_span <= 1)?;
        let words: Vec<&str> = header[first..].iter().map(|h| h.text.as_str()).collect();
        (first_column_may_number(&words) && running(first, step)).then_some(first)
    };
    match roles.first() {
        Some(ColumnRole::Section) => numbers_at(1, false),
        Some(ColumnRole::Task) => numbers_at(0, false).or_else(|| numbers_at(1, true)),
        _ => numbers_at(0, false),
    }
}

/// Whether the first of a header's words may head a column of running
/// numbers, the 序号 whatever it says: a text column's word (`任务项`) or
/// one the lexicon does not know (`项目`; no unit's name or date: a row's
/// cells), where another word heads the text or may (the same kinds of
/// word). The one test every reader of running numbers asks.
pub fn first_column_may_number(words: &[&str]) -> bool {
    let text_word = |w: &str| matches!(role_of_header(w), ColumnRole::Task | ColumnRole::Measure);
    let unknown = |w: &str| is_unknown_word(w) && !looks_like_units(w) && !looks_like_deadline(w);
    let may_hold_text = |w: &&str| text_word(w) || unknown(w);
    words.len() >= 2 && may_hold_text(&words[0]) && words[1..].iter().any(may_hold_text)
}

/// Whether a row could head a task table whose rows are yet to be read: a
/// deadline or unit column and a task or measure column, where a column
/// headed by a word the lexicon does not know may stand for either (its
/// cells will say: [`find_header`] reads them once the rows are read).
pub fn could_head_task_table(row: &Row) -> bool {
    let roles = header_roles(row, row.cells.len(), None);
    let detail = roles
        .iter()
        .any(|r| matches!(r, ColumnRole::Deadline | ColumnRole::Units(_)));
    let text = roles
        .iter()
        .any(|r| matches!(r, ColumnRole::Task | ColumnRole::Measure));
    let unknown = row.cells.iter().any(|c| is_unknown_word(&c.text));
    (detail && (text || unknown)) || (text && unknown)
}

/// How many cells a row pasted without its empty or merged cells must
/// have to be complete: one per column but those a row may leave empty
/// (备注, an official, a column the header names as no field) or out (a
/// section merged over the rows of several tasks is printed on the first
/// only). A column headed by a word the lexicon does not know holds text,
/// which a row may not leave empty (`unknown` says which columns those are).
pub fn cells_a_row_needs(roles: &[ColumnRole], unknown: &[bool]) -> usize {
    roles
        .iter()
        .zip(unknown)
        .filter(|(r, u)| {
            **u || !matches!(
                r,
                ColumnRole::Note | ColumnRole::Other | ColumnRole::Leader | ColumnRole::Section
            )
        })
        .count()
}

/// Longest short word, in chars: a header word or a person's name.
const MAX_WORD_CHARS: usize = 4;

/// Whether a text is one short word of letters (`名称`, `民生实事`, `王建国`):
/// as short as header words and people's names are, not a sentence.
pub fn is_short_word(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= MAX_WORD_CHARS
        && text.chars().all(char::is_alphabetic)
}

/// Longest short phrase, in chars.
const MAX_PHRASE_CHARS: usize = 8;

/// Whether a text is a short phrase of letters and digits, no punctuation
/// (`县民生实事`, `新增项目`: what a remark holds; a measure is a sentence
/// or longer). Short words are short phrases too.
pub fn is_short_phrase(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= MAX_PHRASE_CHARS
        && text.chars().all(char::is_alphanumeric)
}

/// A header cell with a word the lexicon does not know, short enough to
/// name a column ([`is_short_word`]).
fn is_unknown_word(text: &str) -> bool {
    header_field(text).is_none() && is_short_word(text)
}

/// How many data rows are read for a column's role.
const ROLE_FROM_CELLS_ROWS: usize = 20;
/// Shortest mean length, in chars, of the cells of a text column found
/// from its cells (a task title or a sentence, not a name or a place).
const MIN_TEXT_CELL_CHARS: usize = 6;

/// Share of a text column's cells that must be text (3 in 4).
const TEXT_SHARE_NUMERATOR: usize = 3;
const TEXT_SHARE_DENOMINATOR: usize = 4;

/// Gives roles to columns headed by a word the lexicon does not know, from
/// their cells (up to [`ROLE_FROM_CELLS_ROWS`] rows below the header): a
/// unit or deadline column the header does not name, where three in four of
/// the column's filled cells are unit lists or deadlines; then the text
/// columns ([`text_columns`]). Only a header made of header words is read
/// so (a data row is not).
fn roles_by_cells(table: &Table, header_row: usize, roles: &mut [ColumnRole]) {
    let Some(header) = table.rows.get(header_row) else {
        return;
    };
    // A header is header words: each cell one the lexicon knows or a
    // short word, one at least no unit name or deadline (a data row is
    // not read as one: `| 每季度 | 法规处 |`).
    let data_word = |t: &str| looks_like_units(t) || looks_like_deadline(t);
    if !header
        .cells
        .iter()
        .any(|h| is_unknown_word(&h.text) && !data_word(&h.text))
        || !header.cells.iter().all(|h| {
            h.text.trim().is_empty() || header_field(&h.text).is_some() || is_unknown_word(&h.text)
        })
    {
        return;
    }
    // In pasted text a row left short by its merged cells holds them out
    // of place: where rows as wide as the header stand, they alone say.
    // (A remark column may be left out of any row.)
    let needed = cells_a_pasted_row_prints(header);
    // The rows read, each with its filled cells counted and its one-column
    // cells by column, once (a wide header asks every row for each of its
    // columns).
    // (The header repeated, a table broken over pages or sections, is no
    // row of cells.)
    let width = roles.len();
    let mut header_text: Vec<&str> = vec![""; width];
    for h in &header.cells {
        if let Some(slot) = header_text.get_mut(h.col as usize) {
            *slot = h.text.trim();
        }
    }
    // Pasted text whose rows never print the remark columns: no row longer
    // than the other columns, and no empty cell kept anywhere (text that keeps
    // an empty piece for an empty cell shows where each one stands).
    let header_cells = header_text.iter().filter(|t| !t.is_empty()).count();
    let data = || table.rows.iter().skip(header_row + 1);
    let remarks_never_printed = table.layout != TableLayout::Grid
        && needed < header_cells
        && data().all(|r| r.cells.len() <= needed)
        && data().all(|r| r.cells.iter().all(|c| !c.text.trim().is_empty()));
    // The columns that are no remark, in order.
    let non_remark: Vec<usize> = header
        .cells
        .iter()
        .filter(|h| !h.text.trim().is_empty() && role_of_header(&h.text) != ColumnRole::Note)
        .map(|h| h.col as usize)
        .filter(|&c| c < width)
        .collect();
    let repeats_header = |r: &Row| {
        r.cells.iter().all(|c| {
            let t = c.text.trim();
            t.is_empty() || header_text.get(c.col as usize) == Some(&t)
        })
    };
    // (Nor is a section numbered in the 序号 column, `一、 | 全面加强…工作`:
    // its label alone, a title, perhaps a score, and no unit or deadline.)
    let section_row = |r: &Row| {
        let filled: Vec<&str> = r
            .cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        // (The title's words may look like anything: `扎实推进数字政府`.)
        filled
            .first()
            .is_some_and(|t| heading_label_alone(t).is_some())
            && filled.len() <= 3
            && filled
                .iter()
                .skip(2)
                .all(|t| !looks_like_units(t) && !looks_like_deadline(t))
    };
    let rows: Vec<(usize, Vec<Option<&Cell>>)> = table
        .rows
        .iter()
        .skip(header_row + 1)
        .filter(|r| !repeats_header(r) && !section_row(r))
        .take(ROLE_FROM_CELLS_ROWS)
        .map(|r| {
            let filled = r.cells.iter().filter(|c| !c.text.trim().is_empty()).count();
            let mut by_col = vec![None; width];
            // (Such a row holds a cell for each of the other columns, in
            // order.)
            let remarks_left_out = remarks_never_printed && r.cells.len() == needed;
            if remarks_left_out {
                for (c, cell) in non_remark.iter().zip(&r.cells) {
                    by_col[*c] = Some(cell);
                }
                return (filled, by_col);
            }
            for c in r.cells.iter().filter(|c| c.col_span <= 1) {
                if let Some(slot) = by_col.get_mut(c.col as usize) {
                    slot.get_or_insert(c);
                }
            }
            (filled, by_col)
        })
        .collect();
    let full = |filled: usize| filled >= needed;
    let any_full = table.layout == TableLayout::Grid || rows.iter().any(|(f, _)| full(*f));
    // A row of one filled cell is a section or a note, not a record.
    let below: Vec<&Vec<Option<&Cell>>> = rows
        .iter()
        .filter(|(filled, _)| *filled >= 2)
        .filter(|(filled, _)| table.layout == TableLayout::Grid || !any_full || full(*filled))
        .map(|(_, by_col)| by_col)
        .collect();
    // The filled cells of column `c` below the header.
    let cells_of = |c: usize| -> Vec<&str> {
        below
            .iter()
            .filter_map(|by_col| by_col.get(c).copied().flatten())
            .map(|x| x.text.trim())
            .filter(|t| !t.is_empty())
            .collect()
    };
    // (A word spanning several columns, `考核项目` over a category and a
    // department, heads each of them: their cells say what each holds.)
    let unknown: Vec<usize> = header
        .cells
        .iter()
        .filter(|h| is_unknown_word(&h.text))
        .flat_map(|h| h.col as usize..(h.col + h.col_span.max(1)) as usize)
        .filter(|&c| roles.get(c) == Some(&ColumnRole::Other))
        .collect();
    for role in [ColumnRole::Units(Role::Responsible), ColumnRole::Deadline] {
        let named = roles
            .iter()
            .any(|r| std::mem::discriminant(r) == std::mem::discriminant(&role));
        if named {
            continue;
        }
        // Of the columns that fit, the one with the most fitting cells (a
        // category merged over many rows, `重点考核部门`, has few); of equals
        // the last (a category stands left of what it groups).
        let found = unknown
            .iter()
            .copied()
            .filter(|&c| roles[c] == ColumnRole::Other)
            .filter_map(|c| {
                let cells = cells_of(c);
                // (A year alone may be any number, `2000` an area: only a
                // header naming the deadline makes it one.)
                let fit = cells
                    .iter()
                    .filter(|t| fits_column(t, role) && bare_year(t).is_none())
                    .count();
                (cells.len() >= MIN_CELLS_FOR_ROLE
                    && fit * TEXT_SHARE_DENOMINATOR >= cells.len() * TEXT_SHARE_NUMERATOR)
                    .then_some((fit, c))
            })
            .max_by_key(|&(fit, c)| (fit, c))
            .map(|(_, c)| c);
        if let Some(c) = found {
            roles[c] = role;
        }
    }
    text_columns(roles, &unknown, &cells_of);
    merged_section_column(roles, &unknown, &below);
}

/// Gives the section role, where the header names none, to the first
/// column headed by a word the lexicon does not know that stands left of
/// the text columns, is still without a role once unit, deadline and text
/// columns are found, and has a cell merged over several rows (a category,
/// `重点考核部门`, over the rows of its tasks; a category of one row may
/// stand among them).
fn merged_section_column(
    roles: &mut [ColumnRole],
    unknown: &[usize],
    below: &[&Vec<Option<&Cell>>],
) {
    if roles.contains(&ColumnRole::Section) {
        return;
    }
    let Some(text) = roles
        .iter()
        .position(|r| matches!(r, ColumnRole::Task | ColumnRole::Measure))
    else {
        return;
    };
    let found = unknown.iter().copied().find(|&c| {
        let cells: Vec<&Cell> = below
            .iter()
            .filter_map(|by_col| by_col.get(c).copied().flatten())
            .filter(|x| !x.text.trim().is_empty())
            .collect();
        c < text && roles.get(c) == Some(&ColumnRole::Other) && cells.iter().any(|x| x.row_span > 1)
    });
    if let Some(c) = found {
        roles[c] = ColumnRole::Section;
    }
}

/// Fewest filled cells a unit or deadline column's role is read from. (A
/// table of one row has one; a column of places, `举办地点` over
/// `市应急管理局`, reads as units: a known risk, noted in issue 12.)
const MIN_CELLS_FOR_ROLE: usize = 1;

/// Gives the text roles the header does not name to the columns `unknown`
/// (headed by a word the lexicon does not know) whose cells are text: of
/// their filled cells (`cells_of`) three in four are no unit list,
/// deadline, running number or header word, and those average at least
/// [`MIN_TEXT_CELL_CHARS`]. Such columns stand for the measure column when
/// the header names none (the last of them; one before it, or left of a
/// named task column, groups it as the task column), for the task column
/// left of a named measure column.
fn text_columns<'a>(
    roles: &mut [ColumnRole],
    unknown: &[usize],
    cells_of: &dyn Fn(usize) -> Vec<&'a str>,
) {
    let named = |roles: &[ColumnRole], role| roles.iter().position(|r| *r == role);
    let (task, measure) = (
        named(roles, ColumnRole::Task),
        named(roles, ColumnRole::Measure),
    );
    if task.is_some() && measure.is_some() {
        return;
    }
    let found: Vec<usize> = unknown
        .iter()
        .copied()
        .filter(|&c| roles.get(c) == Some(&ColumnRole::Other))
        .filter(|&c| {
            let cells = cells_of(c);
            let text: Vec<&&str> = cells
                .iter()
                .filter(|t| !is_running_number(t) && fits_column(t, ColumnRole::Measure))
                .collect();
            let chars: usize = text.iter().map(|t| t.chars().count()).sum();
            // (A pasted row left short by a merge may hold another
            // column's cell here.)
            !text.is_empty()
                && text.len() * TEXT_SHARE_DENOMINATOR >= cells.len() * TEXT_SHARE_NUMERATOR
                && chars >= MIN_TEXT_CELL_CHARS * text.len()
        })
        .collect();
    match (task, measure) {
        (None, Some(m)) => {
            if let Some(&c) = found.iter().rfind(|&&c| c < m) {
                roles[c] = ColumnRole::Task;
            }
        }
        (Some(t), None) => {
            if let Some(&c) = found.iter().find(|&&c| c > t) {
                roles[c] = ColumnRole::Measure;
            }
        }
        (None, None) => {
            if let Some((&last, before)) = found.split_last() {
                roles[last] = ColumnRole::Measure;
                if let Some(&c) = before.last() {
                    roles[c] = ColumnRole::Task;
                }
            }
        }
        (Some(_), Some(_)) => {}
    }
}

/// Whether a cell's text fits a column of this role.
pub fn fits_column(text: &str, role: ColumnRole) -> bool {
    // (A year alone, `2024`, is a deadline column's.)
    let deadline = || looks_like_deadline(text) || bare_year(text).is_some();
    match role {
        // (A list of units may close with a full stop, `区经信局,区农投公司。`;
        // one name with a stop is a sentence, `建成县残疾人综合服务中心。`.)
        ColumnRole::Units(_) => match text.trim_end().strip_suffix('。') {
            Some(list) if list.contains(['、', ',', '，']) => looks_like_units(list),
            _ => looks_like_units(text),
        },
        ColumnRole::Deadline => deadline(),
        ColumnRole::Task | ColumnRole::Measure => {
            role_of_header(text) == ColumnRole::Other && !looks_like_units(text) && !deadline()
        }
        ColumnRole::Seq => is_running_number(text),
        _ => true,
    }
}

/// Longest cell of a second header row, in chars.
const MAX_SUB_HEADER_CHARS: usize = 12;

/// The column roles a second header row states, when `sub` is one: every
/// non-empty cell a short header word, at least one of them under a cell of
/// `header` that spans several columns (in a text grid, which shows no
/// spans, under an empty header cell: the one its left neighbour spans).
fn sub_header(header: &Row, sub: &Row, text: bool) -> Option<Vec<(usize, ColumnRole)>> {
    let mut out = Vec::new();
    let mut under_span = false;
    for cell in sub.cells.iter().filter(|c| !c.text.trim().is_empty()) {
        let role = role_of_header(&cell.text);
        if role == ColumnRole::Other || cell.text.trim().chars().count() > MAX_SUB_HEADER_CHARS {
            return None;
        }
        under_span |= header
            .cells
            .iter()
            .any(|h| h.col_span > 1 && (h.col..h.col + h.col_span).contains(&cell.col));
        under_span |= text
            && cell.col > 0
            && !header
                .cells
                .iter()
                .any(|h| h.col == cell.col && !h.text.trim().is_empty());
        out.push((cell.col as usize, role));
    }
    (under_span && !out.is_empty()).then_some(out)
}

/// A header word may carry at most this many chars per char of the
/// lexicon word it is known by (`牵头责任单位` by `责任单位`, not a table's
/// title by the `工作任务` inside it).
pub const HEADER_CHARS_PER_WORD_CHAR: usize = 3;

/// Whether a cell reads as a header word: one the lexicon knows, no longer
/// than [`HEADER_CHARS_PER_WORD_CHAR`] times that word (`主要目标任务`, not
/// `全面加强营商环境工作`).
pub fn is_header_word(text: &str) -> bool {
    let text = text.trim();
    header_field(text).is_some_and(|(_, n)| text.chars().count() <= n * HEADER_CHARS_PER_WORD_CHAR)
}

/// Whether a column named for tasks holds the sections, given the roles
/// of the columns right of it: three levels of text named left to right,
/// `重点工作 | 主要目标任务 | … | 年度工作措施`, another column named for
/// tasks right of it and one named for measures right of that, where none
/// of them is named for sections (callers check the columns to its left).
pub fn tasks_grouped_by(right: &[ColumnRole]) -> bool {
    !right.contains(&ColumnRole::Section)
        && right
            .iter()
            .position(|r| *r == ColumnRole::Task)
            .is_some_and(|t| right[t..].contains(&ColumnRole::Measure))
}

/// Gives the section role to the first task column of a header's roles
/// where [`tasks_grouped_by`] says so.
pub fn sections_of_tasks(roles: &mut [ColumnRole]) {
    if let Some(t) = roles.iter().position(|r| *r == ColumnRole::Task) {
        if tasks_grouped_by(&roles[t + 1..]) && !roles.contains(&ColumnRole::Section) {
            roles[t] = ColumnRole::Section;
        }
    }
}

/// Where the header's words made sections of a task column for the task
/// column right of it ([`tasks_grouped_by`]) and that one holds nothing but
/// numbers (`重点工作 | 任务数 | 具体措施` over 2, 3, 5: counts), the
/// left one holds the tasks and the counts no field.
fn counts_are_no_tasks(table: &Table, header_row: usize, roles: &mut [ColumnRole]) {
    let (Some(section), Some(task)) = (
        roles.iter().position(|r| *r == ColumnRole::Section),
        roles.iter().position(|r| *r == ColumnRole::Task),
    ) else {
        return;
    };
    let named_task = table.rows[header_row]
        .cells
        .iter()
        .any(|c| c.col as usize == section && role_of_header(&c.text) == ColumnRole::Task);
    let mut cells = table
        .rows
        .iter()
        .skip(header_row + 1)
        .take(ROLE_FROM_CELLS_ROWS)
        .flat_map(|r| &r.cells)
        .filter(|c| c.col as usize == task && !c.text.trim().is_empty())
        .peekable();
    let counts = cells.peek().is_some() && cells.all(|c| c.text.trim().parse::<u32>().is_ok());
    if named_task && counts {
        roles[section] = ColumnRole::Task;
        roles[task] = ColumnRole::Other;
    }
}

/// Gives the section role to the first column the header names for tasks
/// where [`tasks_grouped_by`] says so. `roles` holds each column's role and
/// its word's length, spans filled in.
fn section_of_two_task_columns(row: &Row, roles: &mut [(ColumnRole, usize)]) {
    let Some(first) = row
        .cells
        .iter()
        .find(|c| roles.get(c.col as usize).map(|r| r.0) == Some(ColumnRole::Task))
    else {
        return;
    };
    let (start, span) = (first.col as usize, first.col_span.max(1) as usize);
    let right: Vec<ColumnRole> = roles.iter().skip(start + span).map(|r| r.0).collect();
    if tasks_grouped_by(&right) && !roles.iter().any(|r| r.0 == ColumnRole::Section) {
        for slot in roles.iter_mut().skip(start).take(span) {
            slot.0 = ColumnRole::Section;
        }
    }
}

/// The roles of a header row's columns from its words (the column at
/// `numbers`, running numbers under another word, is the 序号).
fn header_roles(row: &Row, width: usize, numbers: Option<usize>) -> Vec<ColumnRole> {
    let mut roles = vec![(ColumnRole::Other, 0); width.max(row.cells.len())];
    for cell in &row.cells {
        let role = if numbers == Some(cell.col as usize) {
            (ColumnRole::Seq, cell.text.chars().count())
        } else {
            header_role(&cell.text)
        };
        let start = cell.col as usize;
        let end = (start + cell.col_span.max(1) as usize).min(roles.len());
        for slot in roles.iter_mut().take(end).skip(start) {
            *slot = role;
        }
    }
    section_of_two_task_columns(row, &mut roles);
    // Of the columns naming one role, the most specific keeps it (整改责任单位
    // over 检查单位; the first of equals, and the first column of a header
    // spanning two); of task columns the first (the record's name stands
    // left of what details it: `重点工作 | 攻坚目标任务 | 工作任务安排`).
    // Every remark column is a remark.
    // (One pass: the best column of each role so far, by role.)
    let mut best: Vec<(ColumnRole, usize, usize)> = Vec::new();
    for (i, &(role, len)) in roles.iter().enumerate() {
        if role == ColumnRole::Other {
            continue;
        }
        match best.iter_mut().find(|(r, _, _)| *r == role) {
            // (Not so for tasks: the first keeps it, see above.)
            Some(b) if len > b.2 && role != ColumnRole::Task => *b = (role, i, len),
            Some(_) => {}
            None => best.push((role, i, len)),
        }
    }
    let mut out = vec![ColumnRole::Other; roles.len()];
    for (i, (role, _)) in roles.iter().enumerate() {
        if *role == ColumnRole::Note || best.iter().any(|b| b.0 == *role && b.1 == i) {
            out[i] = *role;
        }
    }
    // Tasks group the measures to their right: a text column right of the
    // measure column (改革举措 | 主要内容) tells more of each measure.
    let measure = out.iter().position(|r| *r == ColumnRole::Measure);
    let task = out.iter().position(|r| *r == ColumnRole::Task);
    if let (Some(m), Some(t)) = (measure, task) {
        if t > m {
            out[t] = ColumnRole::Note;
        }
    }
    // Sections group what stands to their right: a section column right
    // of a text column tells more of its rows.
    let text = out
        .iter()
        .position(|r| matches!(r, ColumnRole::Task | ColumnRole::Measure));
    if let (Some(s), Some(t)) = (out.iter().position(|r| *r == ColumnRole::Section), text) {
        if s > t {
            out[s] = ColumnRole::Note;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_synonyms() {
        use ColumnRole::*;
        for (h, r) in [
            ("方案分解的工作任务与责任", Task),
            ("省局贯彻落实具体举措", Measure),
            ("工作措施", Measure),
            ("完成时限", Deadline),
            ("完成時間", Deadline),
            ("时间节点", Deadline),
            ("时限要求", Deadline),
            ("責任單位", Units(Role::Responsible)),
            ("责任部门", Units(Role::Responsible)),
            ("牵头单位", Units(Role::Lead)),
            ("主要责任单位", Units(Role::Lead)),
            ("配合单位", Units(Role::Support)),
            ("协同配合单位", Units(Role::Support)),
            ("序号", Seq),
            ("序　号", Seq),
            ("重点任务", Task),
            ("工作任务", Task),
            ("备注", Note),
            ("推广范围", Note),
            ("指导部门", Units(Role::Guide)),
            ("主办单位", Units(Role::Lead)),
            ("协办单位", Units(Role::Support)),
            ("改革举措", Measure),
            ("主 要 内 容", Task),
            ("", Other),
        ] {
            assert_eq!(role_of_header(h), r, "{h}");
        }
    }

    fn row(cells: &[&str]) -> Row {
        use crate::document::{Cell, Position};
        let pos = Position::Line { line: 1 };
        Row {
            cells: cells
                .iter()
                .enumerate()
                .map(|(i, t)| Cell::new(*t, i as u32, pos.clone()))
                .collect(),
            pos,
        }
    }

    #[test]
    fn a_text_column_right_of_the_measures_is_their_detail() {
        use ColumnRole::*;
        let roles = header_roles(
            &row(&["序号", "改革举措", "主要内容", "指导部门", "推广范围"]),
            5,
            None,
        );
        assert_eq!(roles, [Seq, Measure, Note, Units(Role::Guide), Note]);
        let roles = header_roles(&row(&["重点任务", "具体措施", "责任单位"]), 3, None);
        assert_eq!(roles, [Task, Measure, Units(Role::Responsible)]);
    }

    #[test]
    fn of_two_task_columns_the_left_one_groups_the_right_one_where_it_shows() {
        use ColumnRole::*;
        let table = |rows: &[&[&str]]| Table {
            index: 0,
            layout: TableLayout::Grid,
            rows: rows.iter().map(|r| row(r)).collect(),
        };
        let units = Units(Role::Responsible);
        // Side by side, no 序号: the right one holds the measures.
        let side_by_side = table(&[
            &["工作任务", "具体要求", "责任部门"],
            &["做好财政信息公开", "积极推进本中心预算公开。", "财务科"],
        ]);
        assert_eq!(
            find_header(&side_by_side).expect("a header").roles,
            [Task, Measure, units]
        );
        // Under a 序号 numbering each row, each row is a record its left
        // cell names (the right one a target)…
        let numbered = table(&[
            &["序号", "任务名称", "指标要求", "牵头部门"],
            &["1", "地区生产总值", "增长5.5%(市下达指标)", "区发改局"],
            &["2", "财政收入", "与经济增长基本同步", "区财政局"],
        ]);
        assert_eq!(
            find_header(&numbered).expect("a header").roles,
            [Seq, Measure, Other, Units(Role::Lead)]
        );
        // …unless the left cells are repeated over rows, or labelled
        // apart from the right ones.
        let repeated = table(&[
            &["序号", "任务名称", "指标要求", "牵头部门"],
            &["1", "地区生产总值", "完成季度目标任务分解。", "区发改局"],
            &["2", "地区生产总值", "加强运行监测分析调度。", "区统计局"],
        ]);
        assert_eq!(
            find_header(&repeated).expect("a header").roles,
            [Seq, Task, Measure, Units(Role::Lead)]
        );
        // Apart, nothing grouping: the right one is the record's target.
        let apart = table(&[
            &["重点工作", "责任科室", "攻坚目标任务"],
            &["水库工程政策处理", "乡村振兴办", "完成项目政策处理工作。"],
        ]);
        assert_eq!(
            find_header(&apart).expect("a header").roles,
            [Measure, units, Other]
        );
        // A count beside the tasks is no measure column.
        let count = table(&[
            &["重点工作", "任务数", "责任单位"],
            &["地区生产总值增长", "5%", "区发改局"],
        ]);
        assert_eq!(
            find_header(&count).expect("a header").roles,
            [Measure, Other, units]
        );
    }

    #[test]
    fn a_column_of_running_numbers_is_the_sequence_whatever_its_word() {
        use ColumnRole::*;
        let table = |first: &str, cells: [&str; 3]| Table {
            index: 0,
            layout: TableLayout::Grid,
            rows: vec![
                row(&[first, "重点任务", "具体措施", "责任单位"]),
                row(&["一、", "加强组织领导", "", ""]),
                row(&[cells[0], "甲任务", "开展专项整治行动", "市财政局"]),
                row(&[cells[1], "甲任务", "推进平台建设", "市数据局"]),
                row(&[cells[2], "乙任务", "完善工作机制", "市税务局"]),
            ],
        };
        // A text word (`任务项`, named again by `重点任务`) or one the lexicon
        // does not know (`项目`) over numbers repeated or running.
        for word in ["任务项", "项目"] {
            let header = find_header(&table(word, ["1", "1", "2"])).expect("a header");
            assert_eq!(header.roles, [Seq, Task, Measure, Units(Role::Responsible)]);
        }
        // Numbers that go back (scores) or a text are no 序号.
        let header = find_header(&table("项目", ["5", "3", "2"])).expect("a header");
        assert_eq!(header.roles[0], Other);
        let header = find_header(&table("任务项", ["1", "甲", "2"])).expect("a header");
        assert_eq!(header.roles[0], Section);
    }

    #[test]
    fn unit_and_deadline_columns_from_their_cells() {
        use ColumnRole::*;
        let table = Table {
            index: 0,
            layout: TableLayout::Grid,
            rows: vec![
                row(&["具体措施", "落实主体", "时序"]),
                row(&["开展专项整治行动", "市财政局、市税务局", "2024年底前"]),
                row(&["具体措施", "落实主体", "时序"]),
                row(&["推进平台建设", "市数据局", "长期坚持"]),
            ],
        };
        let header = find_header(&table).expect("a header");
        assert_eq!(header.roles, [Measure, Units(Role::Responsible), Deadline]);
        // Cells that are neither leave the column unknown: no task table.
        let table = Table {
            rows: vec![
                row(&["具体措施", "落实主体", "时序"]),
                row(&["开展专项整治行动", "加强领导，压实责任", "较好"]),
            ],
            ..table
        };
        assert_eq!(find_header(&table), None);
    }

    #[test]
    fn a_row_of_units_and_deadlines_is_no_header() {
        // Its cells are short words the lexicon does not know, but a unit
        // name and a deadline are data: the rows below do not make it a
        // header (its words would be taken as header words, lost).
        let table = Table {
            index: 0,
            layout: TableLayout::TextGrid,
            rows: vec![
                row(&["", "每季度", "法规处"]),
                row(&["1", "加强组织领导，落实各项任务。", "法规处"]),
                row(&["2", "完善工作机制，推进重点工作。", "人事处"]),
            ],
        };
        assert_eq!(find_header(&table), None);
    }
}
