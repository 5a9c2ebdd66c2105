//! Task tables whose rows run together between blanks.
//!
//! A page that flattens a table into running text joins every cell with a
//! blank and every row with a blank too: `具体措施 牵头单位 完成时限 加强… 市财政局
//! 2024年6月底前 推进… 市商务局 长期坚持`. Nothing marks where a row ends. The
//! header's words say which columns there are and in what order; this
//! module reads the pieces after it as rows of those columns, each piece in
//! the column it fits (see [`fits_column`]), the columns of a row left to
//! right, so that a row ends where a piece fits only a column left of the
//! one before it.
//!
//! The reading ([`rows_of_pieces`]) is the one that
//! - gives every row a cell in its text column (the measure column, or the
//!   task column where there is none), or makes it a section line (`一、…`,
//!   or a label alone and its title);
//! - leaves empty, in this order of preference, a column no row need fill
//!   (`备注`, an official's), a 配合 column, then any other but the text
//!   column (a page flattening a table keeps every cell it has: an empty
//!   cell is rare and costs);
//! - joins pieces into one cell only where they have the shape of a cell
//!   wrapped at a narrow column's width (`县交通 运输局`, `7月底前制定 扬尘治理方案`),
//!   or, in a column of no known role, where they are all text;
//! - scores the most for cells in columns that say what they hold, less
//!   for each row (a row's cost is less than a cell's worth: where the
//!   columns allow it, a piece fills a cell of its row rather than starting
//!   a row of its own).
//!
//! It is used for a line with more pieces than the header has columns that
//! no single row's reading fits, and for a row line that leaves a cell
//! empty (a row whose 配合单位 is empty). It does not find the header, and it
//! reads no cell's text: the table interpreter does that as for any
//! flattened table.

use crate::grammar::label::heading_label_alone;
use crate::model::Role;

use super::cell_text::running_number;
use super::columns::{fits_column, ColumnRole};
use super::vertical::is_section;

/// What a row costs: a reading prefers fewer, fuller rows.
const ROW_COST: f32 = 0.3;

/// What joining two pieces into one cell costs.
const JOIN_COST: f32 = 0.1;

/// Most pieces read as rows at once (some thousand rows): the reading's
/// table of states grows with their number times the columns'.
const MAX_PIECES: usize = 10_000;

/// Most pieces one cell is read as wrapped over.
const MAX_JOINED: usize = 4;

/// Whether rows may leave a column's cell empty: a column the header names
/// as a remark's, an official's, none (`备注`, `责任领导`), or a 配合 column
/// (not every measure has support); never one headed by a word the
/// lexicon does not know (its cells say what it holds).
pub(super) fn may_stay_empty(role: ColumnRole, unknown: bool) -> bool {
    !unknown
        && matches!(
            role,
            ColumnRole::Note
                | ColumnRole::Other
                | ColumnRole::Leader
                | ColumnRole::Units(Role::Support)
        )
}

/// What leaving a column's cell empty costs: nothing where rows need not
/// fill it ([`may_stay_empty`]), a little for a 配合 column, else more than
/// a row gains by a short cell of its own.
fn empty_cost(role: ColumnRole, unknown: bool) -> f32 {
    match role {
        _ if !may_stay_empty(role, unknown) => 0.7,
        ColumnRole::Units(Role::Support) => 0.2,
        _ => 0.0,
    }
}

/// One row of a reading: a section line, or cells in column order (an
/// empty string where the row leaves a column empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ReadRow {
    /// A section line's pieces (`一、加强…`, or `一、` and its title), and
    /// the index of its first.
    Section(Vec<String>, usize),
    /// A record's cells, one per column, and the index of its first piece.
    Record(Vec<String>, usize),
}

/// The column every record fills: the measure column, else the task
/// column, else the first of no known role (a word the lexicon does not
/// know, `民生实事`, heading the text).
fn text_column(roles: &[ColumnRole]) -> Option<usize> {
    [ColumnRole::Measure, ColumnRole::Task, ColumnRole::Other]
        .iter()
        .find_map(|role| roles.iter().position(|r| r == role))
}

/// Whether pieces have the lengths of one cell wrapped at a column's
/// width: each as long as the first (two chars at least), the last no
/// longer.
pub(super) fn has_wrapped_lengths(run: &[&str]) -> bool {
    let lengths: Vec<usize> = run.iter().map(|t| t.chars().count()).collect();
    let Some((&last, most)) = lengths.split_last() else {
        return false;
    };
    let first = lengths[0];
    first >= 2 && most.iter().all(|&l| l == first) && (1..=first).contains(&last)
}

/// Whether pieces have the shape of one cell wrapped at a column's width
/// ([`has_wrapped_lengths`]), none a running number or a section line.
fn wrapped_shape(run: &[&str]) -> bool {
    has_wrapped_lengths(run)
        && run
            .iter()
            .all(|t| running_number(t).is_none() && !is_section(t))
}

/// A section line at the start of `pieces`: how many pieces it takes.
pub(super) fn section_at(pieces: &[&str]) -> Option<usize> {
    let first = pieces.first()?;
    if heading_label_alone(first).is_some() {
        // (A label alone, then its title.)
        let title = pieces.get(1)?;
        return (running_number(title).is_none() && !is_section(title)).then_some(2);
    }
    is_section(first).then_some(1)
}

/// What a reading needs to know of a piece, asked once: whether it reads
/// as a unit list, as a deadline, as a running number.
struct Facts {
    units: bool,
    deadline: bool,
    number: bool,
}

impl Facts {
    fn of(text: &str) -> Facts {
        Facts {
            units: fits_column(text, ColumnRole::Units(Role::Responsible)),
            deadline: fits_column(text, ColumnRole::Deadline),
            number: running_number(text).is_some(),
        }
    }

    /// A unit list or a deadline of its own.
    fn detail(&self) -> bool {
        self.units || self.deadline
    }
}

/// Most chars a line of a narrow column holds (a deadline's or a unit's
/// wrapped cell, an official's name).
const MAX_NARROW_CHARS: usize = 8;

/// The score of one piece in a column of `role`, where it fits: a text
/// column takes any text that is no unit list or deadline (a measure may
/// name a 领域 or a 工作 in passing, words a header is made of); an
/// official's, a short word that is neither; unit, deadline and 序号
/// columns what [`fits_column`] takes. Fully sure where the column's role
/// says what it holds; in a column of no known role, half (a little more
/// for a unit list or a deadline).
fn piece_score(text: &str, facts: &Facts, role: ColumnRole) -> Option<f32> {
    let short = || text.chars().count() <= MAX_NARROW_CHARS;
    match role {
        ColumnRole::Section | ColumnRole::Task | ColumnRole::Measure => {
            (!facts.detail()).then_some(1.0)
        }
        ColumnRole::Units(_) => facts.units.then_some(1.0),
        ColumnRole::Deadline => facts.deadline.then_some(1.0),
        ColumnRole::Seq => fits_column(text, role).then_some(1.0),
        ColumnRole::Leader => (short() && !facts.detail()).then_some(1.0),
        _ if facts.detail() => Some(0.8),
        _ => Some(0.5),
    }
}

/// The cell pieces `i..j` make in a column of `role`, and its score: one
/// piece that fits ([`piece_score`]), or pieces of a wrapped cell's shape
/// that fit joined by a blank (a deadline's may go on after its first
/// piece: `7月底前制定 扬尘治理方案`); in a column of no known role, any
/// pieces of text (a cell of several paragraphs).
fn cell_of(pieces: &[&str], facts: &[Facts], role: ColumnRole) -> Option<(String, f32)> {
    let first_score = piece_score(pieces[0], &facts[0], role);
    if let [one] = pieces {
        return first_score.map(|score| ((*one).to_owned(), score));
    }
    let cost = JOIN_COST * (pieces.len() - 1) as f32;
    let text = |f: &Facts| !f.detail() && !f.number;
    // (A column of no known role, a progress report's, may hold a cell of
    // several paragraphs, each after a blank: `梳理… 计划… 按月…`.)
    if matches!(role, ColumnRole::Other | ColumnRole::Note) {
        return facts
            .iter()
            .all(text)
            .then(|| (pieces.join(" "), first_score.unwrap_or(0.5) - cost));
    }
    if !wrapped_shape(pieces) {
        return None;
    }
    let narrow = pieces[0].chars().count() <= MAX_NARROW_CHARS;
    let joined = pieces.join(" ");
    let fits = match role {
        ColumnRole::Seq | ColumnRole::Leader => false,
        // (A deadline's words, then what is due, `7月底前制定 扬尘治理方案`;
        // a name wrapped, `县交通 运输局`, its first line no name: in a
        // narrow column.)
        ColumnRole::Deadline => {
            narrow && facts[0].deadline && facts[1..].iter().all(|f| !f.detail())
        }
        ColumnRole::Units(_) => narrow && !facts[0].detail() && fits_column(&pieces.concat(), role),
        _ => facts.iter().all(|f| !f.detail()) && !Facts::of(&joined).detail(),
    };
    fits.then_some((joined, 1.0 - cost))
}

/// How a reading reached a state: from which state, and what it read.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// A cell of pieces `from..` in the column before.
    Cell { from: usize },
    /// The column before left empty.
    Empty,
    /// A row ended (from the last column).
    RowEnd,
    /// A section line of pieces `from..`.
    Section { from: usize },
}

/// The rows `pieces` read as under a header of `roles`: every piece read,
/// the last row complete or cut short; `None` where no reading fits (see
/// the module's page), or there are more than [`MAX_PIECES`].
///
/// `unknown` says which header words the lexicon does not know: their
/// columns' cells say what they hold, and rows fill them.
pub(super) fn rows_of_pieces(
    pieces: &[&str],
    roles: &[ColumnRole],
    unknown: &[bool],
) -> Option<Vec<ReadRow>> {
    if pieces.len() > MAX_PIECES {
        return None;
    }
    let width = roles.len();
    let core = text_column(roles)?;
    let n = pieces.len();
    let facts: Vec<Facts> = pieces.iter().map(|t| Facts::of(t)).collect();
    // best[i][c]: the best score having read pieces[..i] with the current
    // row's columns [..c] decided (c == 0: at a row's start), and how.
    let mut best: Vec<Vec<Option<(f32, Step)>>> = vec![vec![None; width + 1]; n + 1];
    best[0][0] = Some((0.0, Step::RowEnd));
    let better = |slot: &mut Option<(f32, Step)>, score: f32, step: Step| {
        if slot.is_none_or(|(b, _)| score > b) {
            *slot = Some((score, step));
        }
    };
    for i in 0..=n {
        // Columns left empty, a row's end once its columns are all
        // decided, and the empty columns a new row starts with.
        for pass in 0..2 {
            for c in 0..width {
                if let Some((score, _)) = best[i][c].filter(|_| c != core) {
                    better(
                        &mut best[i][c + 1],
                        score - empty_cost(roles[c], unknown.get(c).copied().unwrap_or(false)),
                        Step::Empty,
                    );
                }
            }
            if pass == 0 {
                if let Some((score, _)) = best[i][width] {
                    better(&mut best[i][0], score - ROW_COST, Step::RowEnd);
                }
            }
        }
        if let Some((at_start, _)) = best[i][0] {
            if let Some(k) = section_at(&pieces[i..]) {
                better(
                    &mut best[i + k][0],
                    at_start + 1.0 - ROW_COST,
                    Step::Section { from: i },
                );
            }
        }
        for c in 0..width {
            let Some((score, _)) = best[i][c] else {
                continue;
            };
            for j in (i + 1)..=n.min(i + MAX_JOINED) {
                if let Some((_, s)) = cell_of(&pieces[i..j], &facts[i..j], roles[c]) {
                    better(&mut best[j][c + 1], score + s, Step::Cell { from: i });
                }
            }
        }
    }
    // Walk back from every piece read, at a row's end.
    best[n][0]?;
    let mut rows = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let (mut i, mut c) = (n, 0);
    let mut first_piece = n;
    while i > 0 || c > 0 {
        let (_, step) = best[i][c]?;
        match step {
            Step::RowEnd if c == 0 => {
                if !cells.is_empty() {
                    cells.reverse();
                    rows.push(ReadRow::Record(std::mem::take(&mut cells), first_piece));
                }
                c = width;
            }
            Step::RowEnd => return None,
            Step::Section { from } => {
                if !cells.is_empty() {
                    cells.reverse();
                    rows.push(ReadRow::Record(std::mem::take(&mut cells), first_piece));
                }
                rows.push(ReadRow::Section(
                    pieces[from..i].iter().map(|t| (*t).to_owned()).collect(),
                    from,
                ));
                i = from;
                c = 0;
            }
            Step::Cell { from } => {
                cells.push(cell_of(&pieces[from..i], &facts[from..i], roles[c - 1])?.0);
                first_piece = from;
                i = from;
                c -= 1;
            }
            Step::Empty => {
                cells.push(String::new());
                c -= 1;
            }
        }
    }
    if !cells.is_empty() {
        cells.reverse();
        rows.push(ReadRow::Record(cells, first_piece));
    }
    rows.reverse();
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: ColumnRole = ColumnRole::Measure;
    const LEAD: ColumnRole = ColumnRole::Units(Role::Lead);
    const SUPPORT: ColumnRole = ColumnRole::Units(Role::Support);
    const D: ColumnRole = ColumnRole::Deadline;

    fn records(rows: &[ReadRow]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| match r {
                ReadRow::Record(cells, _) => cells.iter().map(String::as_str).collect(),
                ReadRow::Section(pieces, _) => pieces.iter().map(String::as_str).collect(),
            })
            .collect()
    }

    #[test]
    fn rows_run_together_split_where_the_columns_start_again() {
        let pieces = [
            "加强质量品牌监督检查，及时通报结果",
            "市财政局",
            "市商务局、市税务局",
            "2024年6月底前",
            "深化消费维权领域改革",
            "市市场监管局",
            "长期坚持",
        ];
        let rows = rows_of_pieces(&pieces, &[M, LEAD, SUPPORT, D], &[false; 4]).expect("a reading");
        assert_eq!(
            records(&rows),
            vec![
                vec![
                    "加强质量品牌监督检查，及时通报结果",
                    "市财政局",
                    "市商务局、市税务局",
                    "2024年6月底前"
                ],
                vec!["深化消费维权领域改革", "市市场监管局", "", "长期坚持"],
            ]
        );
    }

    #[test]
    fn a_section_line_between_rows_is_a_row_of_its_own() {
        let pieces = [
            "一、加强组织领导",
            "1",
            "完善工作机制",
            "市财政局",
            "2",
            "加强督促检查",
            "市商务局",
        ];
        let rows =
            rows_of_pieces(&pieces, &[ColumnRole::Seq, M, LEAD], &[false; 3]).expect("a reading");
        assert_eq!(
            records(&rows),
            vec![
                vec!["一、加强组织领导"],
                vec!["1", "完善工作机制", "市财政局"],
                vec!["2", "加强督促检查", "市商务局"],
            ]
        );
        assert!(matches!(rows[0], ReadRow::Section(_, 0)));
    }

    #[test]
    fn a_cell_wrapped_at_a_narrow_width_is_one_cell() {
        let pieces = [
            "负责城区道路的清扫和冲洗保洁工作.",
            "县交通",
            "运输局",
            "7月底前制定",
            "扬尘治理方案",
            "负责查处违法排污行为.",
            "县公安局",
            "持续开展",
        ];
        let rows = rows_of_pieces(&pieces, &[M, LEAD, SUPPORT, D], &[false; 4]).expect("a reading");
        assert_eq!(
            records(&rows),
            vec![
                vec![
                    "负责城区道路的清扫和冲洗保洁工作.",
                    "县交通 运输局",
                    "",
                    "7月底前制定 扬尘治理方案"
                ],
                vec!["负责查处违法排污行为.", "县公安局", "", "持续开展"],
            ]
        );
    }

    #[test]
    fn pieces_no_column_takes_read_as_nothing() {
        assert_eq!(
            rows_of_pieces(&["市财政局", "市商务局"], &[M, D], &[false; 2]),
            None
        );
    }
}
