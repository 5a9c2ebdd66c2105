//! Column roles of a task-division table, found from its header row by
//! synonyms (工作任务, 具体举措, 完成时限, 责任单位, 牵头单位, 序号, 备注 …).
//!
//! Only the header is read here; data rows are the business of
//! [`super::table`].

use crate::document::{Cell, Row, Table, TableLayout};
use crate::grammar::lexicon::{header_field, Field};
use crate::model::Role;

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnRole {
    /// A running number (序号).
    Seq,
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
                Field::Task => ColumnRole::Task,
                Field::Measure => ColumnRole::Measure,
                Field::Deadline => ColumnRole::Deadline,
                Field::Units(role) => ColumnRole::Units(role),
                Field::Note => ColumnRole::Note,
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
}

impl Header {
    /// The header of an earlier task table, for a table printed without one
    /// (a table broken by a section line or a page): every row is data.
    pub fn continued(&self) -> Header {
        Header {
            row: 0,
            data_start: 0,
            roles: self.roles.clone(),
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
/// and one a deadline or units. Returns `None` for tables that are not task
/// tables (layout tables, page metadata).
pub fn find_header(table: &Table) -> Option<Header> {
    for (i, row) in table.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let roles = header_roles(row, table.width() as usize);
        let text = roles
            .iter()
            .any(|r| matches!(r, ColumnRole::Task | ColumnRole::Measure));
        let detail = roles
            .iter()
            .any(|r| matches!(r, ColumnRole::Deadline | ColumnRole::Units(_)));
        if text && detail {
            let mut roles = roles;
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
            // A table without a measure column lists measures in its text column.
            if !roles.contains(&ColumnRole::Measure) {
                if let Some(t) = roles.iter().position(|r| *r == ColumnRole::Task) {
                    roles[t] = ColumnRole::Measure;
                }
            }
            return Some(Header {
                row: i,
                data_start,
                roles,
            });
        }
    }
    None
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

fn header_roles(row: &Row, width: usize) -> Vec<ColumnRole> {
    let mut roles = vec![(ColumnRole::Other, 0); width.max(row.cells.len())];
    for cell in &row.cells {
        let role = header_role(&cell.text);
        let start = cell.col as usize;
        let end = (start + cell.col_span.max(1) as usize).min(roles.len());
        for slot in roles.iter_mut().take(end).skip(start) {
            *slot = role;
        }
    }
    // Of the columns naming one role, the most specific keeps it (整改责任单位
    // over 检查单位; the first of equals, and the first column of a header
    // spanning two). Every remark column is a remark.
    let mut out = vec![ColumnRole::Other; roles.len()];
    for (i, (role, _)) in roles.iter().enumerate() {
        if *role == ColumnRole::Other {
            continue;
        }
        let best = roles
            .iter()
            .enumerate()
            .filter(|(_, (r, _))| r == role)
            .max_by(|(a, (_, la)), (b, (_, lb))| la.cmp(lb).then(b.cmp(a)))
            .map(|(j, _)| j);
        if best == Some(i) || *role == ColumnRole::Note {
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
        );
        assert_eq!(roles, [Seq, Measure, Note, Units(Role::Guide), Note]);
        let roles = header_roles(&row(&["重点任务", "具体措施", "责任单位"]), 3);
        assert_eq!(roles, [Task, Measure, Units(Role::Responsible)]);
    }
}
