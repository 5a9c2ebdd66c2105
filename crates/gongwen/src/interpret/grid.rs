//! Rows of a task table laid on the header's columns ("slots").
//!
//! Grid tables take their columns from the reader, each merge expanded over
//! the places it covers; rows flattened to text, which lost their merged
//! cells, are aligned by content (`align_by_content`). This module only
//! places cells: what a row is, is decided by [`super::segment`].

use crate::document::{Cell, Table};
use crate::grammar::label::{heading_label_alone, parse_label, LabelKind};
use crate::model::{Diagnostic, DiagnosticCode, Role};
use crate::normalize::fold_width;

use super::cell_text::{bare_year, is_running_number};
use super::columns::{is_short_phrase, is_short_word, ColumnRole, Header};
use super::memo::GrammarMemo;

/// What sits in one column of one row.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Slot<'a> {
    /// Nothing: an empty cell, or a cell a flattened row dropped.
    Empty,
    /// A cell that starts in this row.
    Own(&'a Cell),
    /// A cell merged down from an earlier row.
    Covered(&'a Cell),
}

impl<'a> Slot<'a> {
    pub(crate) fn own_text(&self) -> Option<&'a Cell> {
        match self {
            Slot::Own(c) if !c.text.trim().is_empty() => Some(c),
            _ => None,
        }
    }
}

/// Lays grid rows on their columns, expanding merges.
pub(crate) fn grid_slots(table: &Table, width: usize) -> Vec<Vec<Slot<'_>>> {
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

/// What a short padded row's cells at their own pieces' columns count for
/// against an alignment by content, in a table that keeps a piece for each
/// empty cell.
const KEPT_PIECES_BONUS: f32 = 2.5;

/// Lays flattened rows on the header's columns by content.
pub(crate) fn flattened_slots<'a>(
    table: &'a Table,
    header: &Header,
    memo: &mut GrammarMemo,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<Slot<'a>>> {
    let width = header.roles.len();
    let filled = |c: &Cell| !c.text.trim().is_empty();
    // How many pieces a row has when it has them all: as many as the
    // longest row (a 备注 last that no row fills may have lost its piece in
    // every row).
    let used_width = table
        .rows
        .iter()
        .skip(header.data_start)
        .map(|row| row.cells.len())
        .max()
        .map_or(width, |longest| longest.min(width))
        .max(1);
    // (Only remark columns may lose their pieces so, and a 配合 column
    // no row fills.)
    let used_width = if header.roles[used_width.min(width)..].iter().all(|r| {
        matches!(
            r,
            ColumnRole::Note | ColumnRole::Other | ColumnRole::Units(Role::Support)
        )
    }) {
        used_width
    } else {
        width
    };
    let kinds = evidence_by_column(table, header, used_width, memo);
    // A row of every piece with one empty between filled ones, in a column
    // other such rows fill (`…| 李明 | | 2024年6月`, not an empty 备注 no
    // row fills, not a section row's empty tail): this table
    // kept a piece for each empty or merged cell, so a shorter row most
    // likely lost only its trailing empty pieces.
    let full_rows: Vec<&crate::document::Row> = table
        .rows
        .iter()
        .skip(header.data_start)
        .filter(|row| (used_width..=width).contains(&row.cells.len()))
        .collect();
    let ever_filled: Vec<bool> = (0..width)
        .map(|c| {
            full_rows
                .iter()
                .any(|row| row.cells.get(c).is_some_and(filled))
        })
        .collect();
    let keeps_pieces = full_rows.iter().any(|row| {
        let last = row.cells.iter().rposition(filled).unwrap_or(0);
        row.cells[..last]
            .iter()
            .zip(&ever_filled)
            .skip(1)
            .any(|(c, &ever)| ever && !filled(c))
    });
    // The 序号 column numbers the rows that start a task (or every row):
    // every full row's 序号 cell is a number.
    let numbered_rows = header.roles.first() == Some(&ColumnRole::Seq)
        && header.roles.contains(&ColumnRole::Task)
        && !full_rows.is_empty()
        && full_rows.iter().all(|row| {
            row.cells
                .first()
                .is_some_and(|c| is_running_number(&c.text))
        });
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
            // its own column; a shorter one, unless its cells fit worse
            // there than aligned by content: trailing empty pieces may have
            // been cut, or only empty cells kept their pieces (an empty 备注)
            // and merged ones been left out.
            let last = row.cells.iter().rposition(filled).unwrap_or(0);
            let padded = row.cells[..last].iter().any(|c| !filled(c));
            let cells: Vec<&Cell> = row
                .cells
                .iter()
                .filter(|c| !c.text.trim().is_empty())
                .collect();
            if row.cells.len() <= width && padded {
                let literal: Vec<usize> = (0..row.cells.len())
                    .filter(|&i| filled(&row.cells[i]))
                    .collect();
                let in_place = row.cells.len() == width || {
                    let open = vec![false; width];
                    let aligned = align_by_content(&cells, &header.roles, &kinds, &open, memo);
                    let total = |cols: &[usize], memo: &mut GrammarMemo| -> f32 {
                        fits(&cells, cols, &header.roles, &kinds, memo).iter().sum()
                    };
                    // (Where the table keeps its pieces, they count for
                    // the row's own columns; content that fits far better
                    // elsewhere still moves them.)
                    let kept = if keeps_pieces { KEPT_PIECES_BONUS } else { 0.0 };
                    total(&literal, memo) + kept >= total(&aligned, memo)
                };
                if in_place {
                    for (slot, cell) in slots.iter_mut().zip(&row.cells) {
                        *slot = Slot::Own(cell);
                    }
                    return slots;
                }
            }
            // A section numbered in the 序号 column: its label, then its
            // title in the next cell (`二、 | 扎实推进数字政府`, whatever the
            // title's words look like), then what the row states of it (a
            // score), in order.
            let numbered = header.roles.first() == Some(&ColumnRole::Seq);
            if numbered
                && (2..=width).contains(&row.cells.len())
                && shape_of(&row.cells[0].text, memo) == CellShape::BareLabel
            {
                for (slot, cell) in slots.iter_mut().zip(&row.cells) {
                    *slot = Slot::Own(cell);
                }
                return slots;
            }
            let (placed, extra) = cells.split_at(cells.len().min(width));
            // In a table numbered in its 序号 column, a row with no number
            // continues the task above: its 序号 and task cells were merged
            // and left out, and none of its cells stands there.
            let continues_task = numbered_rows
                && r > header.data_start
                && !placed.iter().any(|c| {
                    matches!(
                        shape_of(&c.text, memo),
                        CellShape::Number | CellShape::BareLabel
                    )
                });
            let closed: Vec<bool> = header
                .roles
                .iter()
                .map(|role| continues_task && matches!(role, ColumnRole::Seq | ColumnRole::Task))
                .collect();
            for (cell, col) in placed.iter().zip(align_by_content(
                placed,
                &header.roles,
                &kinds,
                &closed,
                memo,
            )) {
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

/// How well each of `cells` fits the column it is placed in.
fn fits(
    cells: &[&Cell],
    cols: &[usize],
    roles: &[ColumnRole],
    kinds: &[ColumnEvidence],
    memo: &mut GrammarMemo,
) -> Vec<f32> {
    cells
        .iter()
        .zip(cols)
        .map(|(c, &j)| fit(shape_of(&c.text, memo), roles[j], &kinds[j]))
        .collect()
}

/// What the rows with every column filled (whose cells certainly sit at
/// their own columns) show of one column.
#[derive(Debug, Clone, Default)]
struct ColumnEvidence {
    /// The label forms seen.
    kinds: Vec<LabelKind>,
    /// Every cell is a short word ([`CellShape::Word`]: a person's name
    /// under 责任领导, not a sentence).
    words: bool,
    /// Every cell is a short word or phrase ([`CellShape::Phrase`]: a
    /// remark under 备注, `县民生实事`).
    phrases: bool,
    /// The header names a field of the row that is none of a measure's
    /// (进展情况, 完成情况: [`Header::row_facts`]): each row states its own,
    /// a word or a sentence, as it states its measure.
    own_text: bool,
}

fn evidence_by_column(
    table: &Table,
    header: &Header,
    used_width: usize,
    memo: &mut GrammarMemo,
) -> Vec<ColumnEvidence> {
    let width = header.roles.len();
    let mut out = vec![ColumnEvidence::default(); width];
    for (ev, &fact) in out.iter_mut().zip(&header.row_facts) {
        ev.own_text = fact;
    }
    let mut not_words = vec![false; width];
    let mut not_phrases = vec![false; width];
    for row in table.rows.iter().skip(header.data_start) {
        // A row of every cell (empty ones kept as pieces) or of every
        // column filled.
        let filled: Vec<&Cell> = row
            .cells
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        let cells: Vec<(usize, &Cell)> = if (used_width..=width).contains(&row.cells.len()) {
            row.cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.text.trim().is_empty())
                .collect()
        } else if filled.len() == width {
            filled.into_iter().enumerate().collect()
        } else {
            continue;
        };
        for (col, cell) in cells {
            if let Some(label) = parse_label(&cell.text) {
                if !out[col].kinds.contains(&label.kind) {
                    out[col].kinds.push(label.kind);
                }
            }
            // (The cheap tests first: most cells are no short word, and
            // short phrases count in remark columns only.)
            let phrase_col = header.roles.get(col) == Some(&ColumnRole::Note);
            let shape = if is_short_word(&cell.text) || (phrase_col && is_short_phrase(&cell.text))
            {
                shape_of(&cell.text, memo)
            } else {
                CellShape::Prose
            };
            if shape == CellShape::Word {
                out[col].words = true;
            } else {
                not_words[col] = true;
            }
            if matches!(shape, CellShape::Word | CellShape::Phrase) {
                out[col].phrases = true;
            } else {
                not_phrases[col] = true;
            }
        }
    }
    for ((ev, not), not_phrase) in out.iter_mut().zip(not_words).zip(not_phrases) {
        ev.words &= !not;
        ev.phrases &= !not_phrase;
    }
    out
}

/// What a cell's text looks like, for alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellShape {
    Labelled(LabelKind),
    /// A heading's label alone (`一、`, `（一）`): a number, as the 序号
    /// column prints a section's.
    BareLabel,
    Deadline,
    Units,
    Number,
    /// A short word of letters only (`王建国`).
    Word,
    /// A short phrase of letters and digits, no punctuation, longer than a
    /// word (`县民生实事`); elsewhere read as prose.
    Phrase,
    Prose,
}

fn shape_of(text: &str, memo: &mut GrammarMemo) -> CellShape {
    if heading_label_alone(text).is_some() {
        return CellShape::BareLabel;
    }
    if let Some(label) = parse_label(text) {
        return CellShape::Labelled(label.kind);
    }
    let t = text.trim();
    // (A year alone, `2024`, is a deadline column's: no running number
    // reaches it.)
    if bare_year(t).is_some() {
        CellShape::Deadline
    } else if !t.is_empty() && t.chars().all(|c| fold_width(c).is_ascii_digit()) {
        CellShape::Number
    } else if memo.looks_like_deadline(t) {
        CellShape::Deadline
    } else if memo.looks_like_units(t) {
        CellShape::Units
    } else if is_short_word(t) {
        CellShape::Word
    } else if is_short_phrase(t) {
        CellShape::Phrase
    } else {
        CellShape::Prose
    }
}

/// How well a cell of `shape` fits a column of `role` with the evidence
/// `column`.
fn fit(shape: CellShape, role: ColumnRole, column: &ColumnEvidence) -> f32 {
    use ColumnRole as R;
    let kinds = &column.kinds;
    match (shape, role) {
        // A remark column of short phrases takes short phrases.
        (CellShape::Word | CellShape::Phrase, R::Note) if column.phrases => 3.0,
        // A row states its own progress, as it states its own measure
        // (never merged away, unlike an official's cell): a word goes there
        // first.
        (CellShape::Word, R::Other) if column.own_text => 3.2,
        (CellShape::Prose | CellShape::Phrase | CellShape::Word, R::Other) if column.own_text => {
            1.5
        }
        // A column of words (names) takes words, not sentences; less surely
        // than a column the header names for them (officials, a row's own
        // progress), since a short row's words may have stood elsewhere.
        (CellShape::Word, R::Leader) => 3.0,
        (CellShape::Word, _) if column.words => 2.5,
        (CellShape::Prose | CellShape::Phrase, _) if column.words => -1.0,
        (CellShape::Labelled(k), R::Section | R::Task | R::Measure) => {
            if kinds.contains(&k) {
                3.0
            } else if kinds.is_empty() {
                // No evidence: deeper forms are measures, shallower ones
                // tasks, and only the shallowest (`一、`) sections.
                let deep = matches!(k, LabelKind::ArabicParen | LabelKind::Circled);
                let fits = match role {
                    R::Measure => deep,
                    R::Section => k == LabelKind::ChineseComma,
                    _ => !deep,
                };
                if fits {
                    1.5
                } else {
                    0.5
                }
            } else {
                0.5
            }
        }
        (CellShape::Labelled(_), _) => -3.0,
        (CellShape::Prose, R::Leader) => 0.0,
        (CellShape::Deadline, R::Deadline) => 3.0,
        (CellShape::Deadline, R::Note) => 0.5,
        (CellShape::Deadline, _) => -2.0,
        (CellShape::Units, R::Units(_)) => 3.0,
        (CellShape::Units, R::Section | R::Task | R::Measure | R::Note) => 0.0,
        (CellShape::Units, _) => -3.0,
        (CellShape::Number | CellShape::BareLabel, R::Seq) => 3.0,
        (CellShape::Number | CellShape::BareLabel, _) => -1.0,
        // A row has a measure of its own; its task may be merged away.
        (CellShape::Prose | CellShape::Phrase | CellShape::Word, R::Measure) => 1.5,
        (CellShape::Prose | CellShape::Phrase | CellShape::Word, R::Task) => 1.0,
        // A section groups tasks; merged over more rows than a task, it is
        // the cell a short row more likely left out.
        (CellShape::Prose | CellShape::Phrase | CellShape::Word, R::Section) => 0.7,
        (CellShape::Prose | CellShape::Phrase | CellShape::Word, R::Note | R::Other) => 0.5,
        (CellShape::Prose | CellShape::Phrase | CellShape::Word, R::Units(_)) => -0.5,
        (CellShape::Prose | CellShape::Phrase | CellShape::Word, _) => -2.0,
    }
}

/// The alignment labels alone decide: each labelled cell goes to the one
/// column where its label form was seen, and every stretch of unlabelled
/// cells between them either is empty or exactly fills the columns of its
/// stretch. `None` when contents must decide.
fn forced_alignment(cells: &[&Cell], kinds: &[ColumnEvidence]) -> Option<Vec<usize>> {
    let n = kinds.len();
    let mut anchors = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        if let Some(label) = parse_label(&cell.text) {
            let mut cols = (0..n).filter(|j| kinds[*j].kinds.contains(&label.kind));
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
/// cells at their own index when contents do not decide. No cell goes to a
/// `closed` column (merged from the row above), while the others leave
/// room for every cell.
fn align_by_content(
    cells: &[&Cell],
    roles: &[ColumnRole],
    kinds: &[ColumnEvidence],
    closed: &[bool],
    memo: &mut GrammarMemo,
) -> Vec<usize> {
    let k = cells.len();
    let n = roles.len();
    let closed = if closed.iter().filter(|c| !**c).count() >= k {
        closed
    } else {
        &[]
    };
    let is_closed = |j: usize| closed.get(j).copied().unwrap_or(false);
    // A full row (or an over-full one) has nothing to align.
    if k == 0 || k >= n {
        return (0..k).collect();
    }
    if let Some(cols) =
        forced_alignment(cells, kinds).filter(|cols| !cols.iter().any(|&j| is_closed(j)))
    {
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
            let take = if best[i + 1][j + 1] > neg && !is_closed(j) {
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
        let take = if best[i + 1][j + 1] > neg && !is_closed(j) {
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

#[cfg(test)]
mod tests {
    #[test]
    fn a_row_without_its_number_continues_the_task_above() {
        // Rows that leave their merged 序号, task and unit cells out; their
        // cells are a measure, its progress and an evaluation, not a task.
        let text = "序号 | 项目名称 | 项目内容 | 当前进展情况 | 进度评价 | 主办单位 |\n\
                    1 | 农村人居环境整治提升工程 | 推广治理新模式，实行网格化管理。 | 试点村达到100个。 | 已完成 | 县农业农村局 |\n\
                    新增国家卫生乡镇2个。 | 验收材料已准备完毕。 | 已完成 | |||\n\
                    建设四好农村路50公里。 | 完工建设50.52公里。 | 正常推进 | |||\n";
        let notice = crate::parse_str(text);
        let measures = notice.measures_with_path();
        let texts: Vec<(&str, &str)> = measures
            .iter()
            .map(|(path, m)| (path[0].title.as_str(), m.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    "农村人居环境整治提升工程",
                    "推广治理新模式，实行网格化管理。"
                ),
                ("农村人居环境整治提升工程", "新增国家卫生乡镇2个。"),
                ("农村人居环境整治提升工程", "建设四好农村路50公里。"),
            ]
        );
        assert!(measures.iter().all(|(_, m)| m
            .units
            .iter()
            .map(|u| u.name.as_str())
            .eq(["县农业农村局"])));
    }

    #[test]
    fn a_row_states_its_own_progress() {
        // The task cell merged and left out: the row's first text is its
        // measure, the next its progress (a field of the row's own, never
        // merged), not a task and its measure.
        let text = "重点任务 | 具体措施 | 进展情况 | 责任单位 | 完成时限\n\
                    筑牢安全底线 | 开展专项整治行动。 | 正常推进 | 市应急管理局 | 每年\n\
                    强化监督检查，及时通报结果。 | 已完成招标，正在组织施工。 | 市交通运输局 | 长期\n";
        let notice = crate::parse_str(text);
        let measures = notice.measures_with_path();
        let texts: Vec<(&str, &str)> = measures
            .iter()
            .map(|(path, m)| (path[0].title.as_str(), m.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                ("筑牢安全底线", "开展专项整治行动。"),
                ("筑牢安全底线", "强化监督检查，及时通报结果。"),
            ]
        );
    }
}
