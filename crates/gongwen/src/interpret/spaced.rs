//! Task tables pasted one row per line, cells between spaces.
//!
//! A table copied out of a web page as rows often arrives with its cells
//! run together on one line, separated by spaces (ASCII or full-width):
//! `序号 工作任务 责任单位`, `1 地区生产总值增长6%左右。 市发展改革委`. Merged and
//! empty cells are simply absent. This pass finds such runs of paragraphs
//! and turns them back into a [`TableLayout::Flattened`] table, which the
//! table interpreter reads as it reads any flattened table (aligning short
//! rows by content).
//!
//! A run is such a table when
//! - a paragraph ends with two to eight header words between spaces (see
//!   [`role_of_header`]; a short word the lexicon does not know, `民生实事`,
//!   among them, first only where the rows read so) that with the rows under
//!   them make a task-table header ([`find_header`]);
//!   text before them on the same line (the table's title, the notice's
//!   closing lines when a page was pasted as one paragraph) stays a
//!   paragraph of its own;
//! - with a `序号` column, each row starts with the next running number (or
//!   the same one, printed again on each row of a task) and has at most as
//!   many cells as the header; a row of a numbered task may follow without
//!   its number (its 序号 and task cells merged over it): a text cell, then
//!   only unit and deadline cells, or the text cell alone where the table
//!   goes on after it;
//! - without one, each row has a cell for every column (a trailing 备注
//!   may be left out), each fitting its column, at least three columns;
//! - a short `一、` line between rows is a section row;
//! - a column of sections may stand before the 序号 (`分类 序号 …`): a row
//!   then starts with its section cell and its number, or, the section
//!   merged from above, with its number alone (an empty cell in its place).
//!
//! A line with more pieces than the header has words holds cells wrapped
//! over lines (a narrow column copied, a space where each line broke:
//! `加强水资源保 护`): pieces join into one text cell only where they have the
//! shape of one (every line as long as the first, the last no longer, none
//! a unit list, deadline or number of its own), and the row is read the way
//! that joins least with every cell fitting its column (see `wrapped_row`);
//! where the header's words stand one blank apart, two blanks leave an
//! empty (merged) cell. A line no such reading fits ends the table: it is
//! left as a paragraph rather than cut at a guess.
//!
//! A numbered row may go on over the lines after it, up to the next row: a
//! cell of several paragraphs copied one per line (`34 推进… 区科技局` /
//! `区商务局` / `区发改委、区经信局。 2023年12月底`). Pieces on a line are
//! cells side by side; a cell joins pieces only over line breaks and ends
//! at a line's end (see `continued_row`).
//!
//! The table ends at the first paragraph that fits none of this; blank
//! paragraphs between rows are part of it. Cells keep their paragraphs'
//! positions (lines). Nothing else is changed.

use crate::document::{Block, Cell, Document, Paragraph, Row, Table, TableLayout};
use crate::grammar::label::{heading_label_alone, parse_label};
use crate::grammar::lexicon::{exact_field, header_field, Field};
use crate::model::Role;

use super::cell_text::is_furniture;
use super::cell_text::{bare_year, row_number, running_number};
use super::columns::{
    cells_a_row_needs, could_head_task_table, find_header, first_column_may_number, fits_column,
    is_header_word, is_short_word, measures_beside_tasks, role_of_header, tasks_grouped_by,
    ColumnRole, HEADER_CHARS_PER_WORD_CHAR,
};
use super::meta::{classify, looks_like_issuer};
use super::prose::opening_label_word;
use super::run_together::{
    has_wrapped_lengths, may_stay_empty, rows_of_pieces, section_at, ReadRow,
};
use super::vertical::{
    ends_sentence, is_section, is_signature, rebuild_runs, same_or_next, MAX_COLUMNS,
    MAX_HEADER_CHARS,
};
use crate::normalize::fold;

/// How many pieces may stand before a first row's number (a section's
/// cell, wrapped over lines).
const MAX_PIECES_BEFORE_NUMBER: usize = 3;

/// How many section lines may stand between a header and its first row
/// (a section and a sub-section).
const MAX_SECTIONS_OVER_ROWS: usize = 2;

/// Rebuilds space-separated tables; `None` when the document has none.
pub fn fold_spaced_tables(doc: &Document) -> Option<Document> {
    rebuild_runs(doc, |blocks, index| {
        let found = table_at(blocks, index)?;
        let mut rebuilt: Vec<Block> = found.before.map(Block::Paragraph).into_iter().collect();
        rebuilt.push(Block::Table(found.table));
        rebuilt.extend(found.after.map(Block::Paragraph));
        Some((rebuilt, found.used))
    })
}

/// A table found at the start of some blocks.
struct Found {
    /// Text before the header on its line, a paragraph of its own.
    before: Option<Paragraph>,
    table: Table,
    /// Text after its last row on that row's line: a row the input cuts
    /// short, a paragraph of its own.
    after: Option<Paragraph>,
    /// How many blocks the table used.
    used: usize,
}

/// The cells of a line: its pieces between whitespace.
fn cells_of(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// The header at the end of a paragraph: the byte offset where it starts,
/// its roles and which of its words the lexicon does not know. With
/// `leading_unknown` the header may start with such words (`民生实事 责任单位
/// 完成时限`); else it starts at a word the lexicon knows.
fn header_at_end(text: &str, leading_unknown: bool) -> Option<(usize, Vec<ColumnRole>, Vec<bool>)> {
    let trimmed = text.trim_end();
    if !trimmed.trim_start().contains(char::is_whitespace) {
        return None;
    }
    let pieces = cells_of(trimmed);
    let mut start = pieces.len();
    let mut roles: Vec<ColumnRole> = Vec::new();
    let mut unknown: Vec<bool> = Vec::new();
    while start > 0 && roles.len() < MAX_COLUMNS {
        let piece = pieces[start - 1];
        let chars = piece.chars().count();
        // A word the lexicon does not know (`名称`) may name a column
        // when it is as short as a header word.
        let word_chars = match header_field(piece) {
            Some((_, n)) => n,
            None if is_short_word(piece) => chars,
            None => break,
        };
        let mut role = role_of_header(piece);
        // (Tasks named twice, then measures, `重点工作 重点任务 具体措施`:
        // the first names the sections.)
        if role == ColumnRole::Task && tasks_grouped_by(&roles) {
            role = ColumnRole::Section;
        }
        // (Tasks named twice side by side, `工作任务 具体要求`, name the
        // tasks and, right of them, their measures.)
        let task_over_task = measures_beside_tasks(roles.first(), &roles, role);
        if chars > MAX_HEADER_CHARS
            || chars > word_chars * HEADER_CHARS_PER_WORD_CHAR
            || (role != ColumnRole::Other && roles.contains(&role) && !task_over_task)
            || parse_label(piece).is_some()
        {
            break;
        }
        if task_over_task {
            roles[0] = ColumnRole::Measure;
        }
        roles.insert(0, role);
        unknown.insert(0, header_field(piece).is_none());
        start -= 1;
        // 序号 stands first, or after a column of sections (`分类 序号 …`).
        if role == ColumnRole::Seq {
            if let Some(before) = start.checked_sub(1).map(|k| pieces[k]) {
                if heads_sections_before_numbers(before, &roles) {
                    roles.insert(0, ColumnRole::Section);
                    unknown.insert(0, false);
                    start -= 1;
                }
            }
            break;
        }
    }
    while !leading_unknown && unknown.first() == Some(&true) {
        roles.remove(0);
        unknown.remove(0);
        start += 1;
    }
    // The header starts at a column the lexicon names (a field or none).
    while roles.first() == Some(&ColumnRole::Other) && unknown.first() == Some(&false) {
        roles.remove(0);
        unknown.remove(0);
        start += 1;
    }
    let known = roles
        .iter()
        .filter(|r| !matches!(r, ColumnRole::Other | ColumnRole::Leader))
        .count();
    if roles.len() < 2 || known < 2 {
        return None;
    }
    let offset = pieces[start].as_ptr() as usize - trimmed.as_ptr() as usize;
    Some((offset, roles, unknown))
}

/// The non-blank paragraphs at the start of `blocks`, with their indices.
fn paragraphs(blocks: &[Block]) -> impl Iterator<Item = (usize, &Paragraph)> + Clone {
    blocks
        .iter()
        .enumerate()
        .map_while(|(k, b)| match b {
            Block::Paragraph(p) => Some((k, p)),
            _ => None,
        })
        .filter(|(_, p)| !p.text.trim().is_empty())
}

/// A row of one cell per piece, at the paragraph's position.
fn row_of(pieces: &[&str], p: &Paragraph) -> Row {
    Row {
        pos: p.pos.clone(),
        cells: pieces
            .iter()
            .enumerate()
            .map(|(c, t)| Cell::new(*t, c as u32, p.pos.clone()))
            .collect(),
    }
}

/// Most pieces before a header that its rows follow on its line (a
/// table's title, `附件`).
const MAX_PIECES_BEFORE_HEADER: usize = 8;

/// Most blocks after a line whose header its rows follow that the table
/// is looked for in.
const MAX_BLOCKS_AFTER_HEADER: usize = 64;

/// Where a header stands that rows run on after on its line (`… 具体措施 责任单位
/// 完成时限 加强…`): the byte offset after its last word, where that word
/// is one of the first pieces and one the lexicon knows, and the piece
/// after it is no header word; and, where the words the lexicon knows make
/// the header alone, the offset of its first (a short word before them,
/// `分工表`, is the title's).
fn header_end_inside(text: &str) -> Option<(Option<usize>, usize)> {
    let pieces = cells_of(text);
    (1..pieces.len().min(MAX_PIECES_BEFORE_HEADER + MAX_COLUMNS)).find_map(|k| {
        let (word, next) = (pieces[k - 1], pieces[k]);
        // (A row's short text may hold a header's word, `完善工作机制`: a
        // header word is mostly its lexicon word.)
        let mostly_word =
            |t: &str| header_field(t).is_some_and(|(_, n)| 2 * n >= t.trim().chars().count());
        let next_is_word =
            (mostly_word(next) || is_short_word(next)) && parse_label(next).is_none();
        // (It ends at a word the lexicon knows: short words after header
        // words, `的要求 认真填报`, are a sentence's.)
        if !is_header_word(word) || next_is_word {
            return None;
        }
        let end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
        let qualifies = |roles: &[ColumnRole]| {
            let known = roles
                .iter()
                .filter(|r| !matches!(r, ColumnRole::Other | ColumnRole::Leader))
                .count();
            known >= 2 && roles.len() >= 3
        };
        // Words the lexicon knows make the header where they name a text
        // column; else a first word it does not know (`民生实事`) heads it.
        if let Some((start, roles, _)) = header_at_end(&text[..end], false) {
            let text_column = roles
                .iter()
                .any(|r| matches!(r, ColumnRole::Task | ColumnRole::Measure));
            // (A header word right before it, `任务项` before `类别 重点任务`,
            // is the header's own: its rows say what it heads.)
            // (Nor is a short word before it where the rows start with
            // their numbers and no word heads them: `项目`, the 序号's.)
            // (Past the section rows over the first row.)
            let numbers_unheaded = !roles.contains(&ColumnRole::Seq) && {
                let rest = cells_of(&text[end..]);
                let mut at = 0;
                while at <= MAX_PIECES_BEFORE_NUMBER {
                    let Some(k) = section_at(&rest[at.min(rest.len())..]) else {
                        break;
                    };
                    at += k;
                }
                rest.get(at).is_some_and(|p| row_number(p).is_some())
            };
            let word_before = cells_of(&text[..start])
                .last()
                .is_some_and(|w| is_header_word(w) || (numbers_unheaded && is_short_word(w)));
            if qualifies(&roles) && text_column && !word_before {
                return Some((Some(start), end));
            }
        }
        let (_, roles, _) = header_at_end(&text[..end], true)?;
        qualifies(&roles).then_some((None, end))
    })
}

/// A table rebuilt from the paragraphs at the start of `blocks`: under a
/// header that ends its first line, or, where none does, one inside it
/// that rows follow on the line (read as a line of the header and a line
/// of what follows it).
fn table_at(blocks: &[Block], index: u32) -> Option<Found> {
    let Some(Block::Paragraph(first)) = blocks.first() else {
        return None;
    };
    table_under_header_at_end(blocks, index).or_else(|| {
        let (start, end) = header_end_inside(&first.text)?;
        // (Without the short words before it where their rows read so;
        // else with them.)
        start
            .and_then(|start| table_under_header_inside(blocks, index, first, start, end))
            .or_else(|| table_under_header_inside(blocks, index, first, 0, end))
    })
}

/// The table under the header at `start..end` inside the first line of
/// `blocks`, rows after it on the line: read as a line of the header and a
/// line of what follows it; the text before the header a paragraph of its
/// own.
fn table_under_header_inside(
    blocks: &[Block],
    index: u32,
    first: &Paragraph,
    start: usize,
    end: usize,
) -> Option<Found> {
    let split = |text: &str| Paragraph {
        text: text.to_owned(),
        pos: first.pos.clone(),
    };
    let mut lines = vec![
        Block::Paragraph(split(&first.text[start..end])),
        Block::Paragraph(split(first.text[end..].trim_start())),
    ];
    lines.extend(blocks.iter().skip(1).take(MAX_BLOCKS_AFTER_HEADER).cloned());
    let found = table_under_header_at_end(&lines, index)?;
    // (The two lines were one block.)
    let title = first.text[..start].trim();
    (found.used >= 2).then(|| Found {
        used: found.used - 1,
        before: if title.is_empty() {
            found.before
        } else {
            Some(split(title))
        },
        ..found
    })
}

/// A table under a header that ends the first line of `blocks`.
fn table_under_header_at_end(blocks: &[Block], index: u32) -> Option<Found> {
    let Some(Block::Paragraph(first)) = blocks.first() else {
        return None;
    };
    // Words the lexicon does not know at the header's start are its own
    // when the rows under them say so, else the text before it.
    let with_unknown = header_at_end(&first.text, true);
    let without = match &with_unknown {
        Some((_, _, unknown)) if unknown.first() == Some(&true) => {
            header_at_end(&first.text, false)
        }
        // The same header: read once.
        _ => None,
    };
    // A first column of running numbers under a text column's word
    // (`任务项 重点任务 …` over `1 …`) is the 序号: tried first.
    // (Sections may stand over the first row.)
    let by_rows = paragraphs(blocks)
        .skip(1)
        .map(|(_, p)| cells_of(&p.text))
        .take(MAX_SECTIONS_OVER_ROWS + 1)
        .find(|pieces| !is_section_line(pieces))
        // (After a section's cell where a column of sections stands first,
        // maybe wrapped.)
        .and_then(|pieces| {
            pieces
                .iter()
                .take(MAX_PIECES_BEFORE_NUMBER + 1)
                .find_map(|p| row_number(p))
        })
        .and(with_unknown.as_ref())
        .map(|(offset, roles, unknown)| numbers_first(&first.text, *offset, roles, unknown))
        .unwrap_or_default();
    by_rows
        .into_iter()
        .chain([with_unknown, without].into_iter().flatten())
        .find_map(|(offset, roles, unknown)| {
            let found = table_under(blocks, index, first, offset, &roles, &unknown)?;
            // Columns the header left unknown are read from their cells.
            find_header(&found.table)?;
            Some(found)
        })
}

/// A header found in a line: the byte offset where it starts, its roles,
/// which of its words the lexicon does not know.
type HeaderAt = (usize, Vec<ColumnRole>, Vec<bool>);

/// The header at `offset` in `text` read with a 序号 first, its word a text
/// column's or one the lexicon does not know (`项目`): the word before it
/// (`任务项` where `重点任务` follows, a role given once), then its own first
/// word, each where another column holds the text (or may: a word the
/// lexicon does not know).
fn numbers_first(
    text: &str,
    offset: usize,
    roles: &[ColumnRole],
    unknown: &[bool],
) -> Vec<HeaderAt> {
    let mut out = Vec::new();
    if roles.first() == Some(&ColumnRole::Seq) || roles.is_empty() {
        return out;
    }
    let trimmed = text.trim_end();
    let words = cells_of(&trimmed[offset..]);
    // (The word before, a text column's whose role the header gives again.)
    if let Some(word) = cells_of(&trimmed[..offset]).pop().filter(|w| {
        let mut with = vec![*w];
        with.extend_from_slice(&words);
        roles.len() < MAX_COLUMNS
            && is_short_word(w)
            && matches!(role_of_header(w), ColumnRole::Task | ColumnRole::Measure)
            && first_column_may_number(&with)
    }) {
        let start = word.as_ptr() as usize - trimmed.as_ptr() as usize;
        let mut with_seq = vec![ColumnRole::Seq];
        with_seq.extend_from_slice(roles);
        let mut unknown_with = vec![false];
        unknown_with.extend_from_slice(unknown);
        out.push(section_before(trimmed, (start, with_seq, unknown_with)));
    }
    // (Its own first word; or, after a column of sections, its second. A
    // text column's word read as the sections' for the tasks right beside
    // it, `任务项 重点任务 具体措施`, is its own first word; not before
    // another word, `主要工作 项目 主要任务`.)
    let tasks_beside = roles.get(1) == Some(&ColumnRole::Task)
        && words
            .first()
            .is_some_and(|w| role_of_header(w) == ColumnRole::Task);
    let first = usize::from(roles[0] == ColumnRole::Section && !tasks_beside);
    if words.len() > first && first_column_may_number(&words[first..]) {
        let mut roles = roles.to_vec();
        roles[first] = ColumnRole::Seq;
        let mut unknown = unknown.to_vec();
        unknown[first] = false;
        out.push(section_before(trimmed, (offset, roles, unknown)));
    }
    out
}

/// Whether a header word is a column of sections' own (`分类`, `类别`),
/// not a title that ends in one (`垃圾分类`).
fn is_section_word(word: &str) -> bool {
    exact_field(word) == Some(Field::Section)
}

/// Whether the word before a 序号 (whose header's roles, 序号 first, are
/// `roles`) heads a column of sections: a section's word, or one for tasks
/// where tasks and measures follow (`重点工作 序号 重点任务 具体措施`).
fn heads_sections_before_numbers(word: &str, roles: &[ColumnRole]) -> bool {
    is_section_word(word)
        || (role_of_header(word) == ColumnRole::Task
            && is_header_word(word)
            && tasks_grouped_by(roles.get(1..).unwrap_or_default()))
}

/// A header whose 序号 stands first, with the column of sections before
/// it where the word before is a section's (`分类 任务项 …`).
fn section_before(text: &str, (start, mut roles, mut unknown): HeaderAt) -> HeaderAt {
    match cells_of(&text[..start]).pop() {
        Some(word) if heads_sections_before_numbers(word, &roles) => {
            roles.insert(0, ColumnRole::Section);
            unknown.insert(0, false);
            (
                word.as_ptr() as usize - text.as_ptr() as usize,
                roles,
                unknown,
            )
        }
        _ => (start, roles, unknown),
    }
}

/// The table under a header that starts at `offset` in `first`.
fn table_under(
    blocks: &[Block],
    index: u32,
    first: &Paragraph,
    offset: usize,
    roles: &[ColumnRole],
    unknown: &[bool],
) -> Option<Found> {
    let width = roles.len();
    let header_text = &first.text.trim_end()[offset..];
    let header_words = cells_of(header_text);
    let header = row_of(&header_words, first);
    if !could_head_task_table(&header) {
        return None;
    }
    // (A column of sections may stand before the 序号: a row's section
    // cell, where its merge does not leave it out, before its number.)
    let section_first = roles[0] == ColumnRole::Section && roles.get(1) == Some(&ColumnRole::Seq);
    let numbered = roles[0] == ColumnRole::Seq || section_first;
    // Where the header's words stand a single blank apart, two blanks in a
    // row leave an empty (merged) cell between them.
    let blank_is_cell = !header_text
        .chars()
        .zip(header_text.chars().skip(1))
        .any(|(a, b)| a.is_whitespace() && b.is_whitespace());
    let needed = cells_a_row_needs(roles, unknown);
    if !numbered && needed < 3 {
        return None;
    }
    // Read lazily: a header line over no rows costs one paragraph.
    let mut paras = paragraphs(blocks).skip(1).peekable();
    let mut rows = vec![header];
    // The block each row stands in.
    let mut row_blocks = vec![0];
    let mut last_number: Option<u32> = None;
    let mut record_rows = 0;
    // The last row, where it is numbered: its pieces and its line.
    let mut last_numbered_row: Option<(Vec<String>, &Paragraph)> = None;
    let mut after: Option<Paragraph> = None;
    while let Some(&(k, p)) = paras.peek() {
        let text = p.text.trim();
        let pieces = cells_of(text);
        let section_title = wrapped_section(&pieces);
        let pieces: Vec<&str> = match &section_title {
            Some(cells) => cells.iter().map(String::as_str).collect(),
            None => pieces,
        };
        if is_section_line(&pieces) {
            rows.push(row_of(&pieces, p));
            row_blocks.push(k);
            paras.next();
            continue;
        }
        // More pieces than columns: a cell wrapped over lines (`加强水资源保
        // 护`), read by the shape of its pieces, or no row.
        // (Or as many pieces as columns, or fewer, that do not fit them in
        // order where a wrapped cell would.)
        let wrapped_cells;
        // (The cells after a merged section cell, one of them wrapped.)
        let unmerged_cells;
        // (Empty cells, where blanks show them, in their places.)
        let blanks_misplace_cells = || {
            let tokens: Vec<&str> = text.split(char::is_whitespace).collect();
            tokens.len() > width
                || (tokens.len() == width
                    && !tokens
                        .iter()
                        .zip(roles)
                        .all(|(t, r)| t.is_empty() || fits_column(t, *r)))
        };
        let wrapped = if pieces.len() > width || (blank_is_cell && blanks_misplace_cells()) {
            wrapped_row(text, roles, blank_is_cell)
        } else {
            None
        };
        // (The header again, maybe rows after it on its line: the next
        // table's.)
        let header_again = pieces.len() >= width && pieces[..width] == header_words[..];
        if header_again {
            break;
        }
        // (A section's line runs on into a row: `一、加强… 1 推进…`.)
        let section_then_row = pieces.len() > 1 && is_section(pieces[0]);
        let unread = wrapped.is_none()
            && (pieces.len() > width || (!numbered && !fits_row(&pieces, roles, needed)));
        // Rows run together on the line (and maybe over the next, where a
        // row goes on there), or, in a table without running numbers, a
        // row with an empty cell. (A section line wrapped, `一、加强组织
        // 领导`, is none: read as before.)
        let together = (unread || section_then_row)
            .then(|| rows_run_together(&pieces, paras.clone().skip(1), roles, unknown))
            .flatten();
        if unread && together.is_none() {
            break;
        }
        if let Some((mut read, lines, cut_last)) = together {
            paras.next();
            let mut line_paras = vec![(k, p)];
            line_paras.extend(paras.by_ref().take(lines));
            // (A last row the input cuts short is no row: a paragraph
            // after the table.)
            if cut_last {
                if let Some((ReadRow::Record(cells, _), line)) = read.pop() {
                    let cells: Vec<String> = cells.into_iter().filter(|c| !c.is_empty()).collect();
                    after = Some(Paragraph {
                        text: cells.join(" "),
                        pos: line_paras[line].1.pos.clone(),
                    });
                }
            }
            for (row, line) in read {
                let (k2, p2) = line_paras[line];
                match row {
                    ReadRow::Section(pieces, _) => {
                        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
                        rows.push(row_of(&pieces, p2));
                    }
                    ReadRow::Record(cells, _) => {
                        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                        rows.push(row_of(&cells, p2));
                        record_rows += 1;
                    }
                }
                row_blocks.push(k2);
            }
            if let Some(&(k2, _)) = line_paras.last() {
                *row_blocks.last_mut().expect("a row was read") = k2;
            }
            if after.is_some() {
                break;
            }
            continue;
        }
        let pieces = match wrapped {
            Some(cells) => {
                wrapped_cells = cells;
                wrapped_cells.iter().map(String::as_str).collect()
            }
            None => pieces,
        };
        // (A row's section cell, then its number; or its number alone, the
        // section cell merged from above: an empty cell in its place.)
        let (pieces, number) = match pieces.as_slice() {
            [first, ..] if section_first && running_number(first).is_some() => {
                // (As many pieces as columns, a text cell wrapped among
                // them: read as the columns after the section's.)
                let number = running_number(first);
                let own: Vec<&str> = if pieces.len() >= width {
                    let Some(cells) = wrapped_row(text, &roles[1..], blank_is_cell) else {
                        break;
                    };
                    unmerged_cells = cells;
                    unmerged_cells.iter().map(String::as_str).collect()
                } else {
                    pieces
                };
                let mut with = vec![""];
                with.extend(own);
                (with, number)
            }
            // (A year, `2024`, is a deadline's cell, no row's number.)
            [_, second, ..]
                if section_first
                    && running_number(second).is_some()
                    && bare_year(second).is_none() =>
            {
                let number = running_number(second);
                (pieces, number)
            }
            _ if section_first => (pieces, None),
            _ => {
                let number = running_number(pieces[0]);
                (pieces, number)
            }
        };
        let under_section = rows.last().is_some_and(is_section_row);
        if numbered {
            if let Some(n) = number {
                if pieces.len() < 2 || last_number.is_some_and(|l| !same_or_next(n, l)) {
                    break;
                }
                last_number = Some(n);
            } else {
                // Rows of a numbered task without its number.
                let Some(n) = last_number.filter(|_| !under_section) else {
                    break;
                };
                let run = unnumbered_run(
                    paras.clone(),
                    width,
                    n,
                    roles.contains(&ColumnRole::Leader),
                    section_first,
                );
                if run == 0 {
                    // The numbered row above goes on over these lines, its
                    // cells of several paragraphs one per line.
                    // (Its line's pieces as they stand, or with a text
                    // cell wrapped there: `1 加强标准体系 建设 推进… 市税务局`.)
                    let continued = last_numbered_row.take().and_then(|(first, p0)| {
                        let go_on = |first: &[String]| {
                            continued_row(first, paras.clone(), roles, unknown, n, section_first)
                        };
                        go_on(&first)
                            .or_else(|| {
                                let wrapped = wrapped_row(&p0.text, roles, blank_is_cell)?;
                                let wrapped: Vec<String> =
                                    wrapped.into_iter().filter(|c| !c.is_empty()).collect();
                                go_on(&wrapped)
                            })
                            .map(|r| (r, p0))
                    });
                    let Some(((cells, lines), p0)) = continued else {
                        break;
                    };
                    // (A cell left empty is absent, as on the other rows.)
                    let cells: Vec<&str> = cells
                        .iter()
                        .map(String::as_str)
                        .filter(|c| !c.is_empty())
                        .collect();
                    rows.pop();
                    rows.push(row_of(&cells, p0));
                    for (k2, _) in paras.by_ref().take(lines) {
                        *row_blocks.last_mut().expect("the numbered row's block") = k2;
                    }
                    continue;
                }
                for (k2, p2) in paras.by_ref().take(run) {
                    rows.push(row_of(&cells_of(p2.text.trim()), p2));
                    row_blocks.push(k2);
                    record_rows += 1;
                }
                continue;
            }
        } else if !fits_row(&pieces, roles, needed) {
            break;
        }
        // (A numbered row may go on over the next lines: its last cell's
        // paragraphs, or cells after it.)
        last_numbered_row = (numbered && number.is_some())
            .then(|| (pieces.iter().map(|t| (*t).to_owned()).collect(), p));
        rows.push(row_of(&pieces, p));
        row_blocks.push(k);
        record_rows += 1;
        paras.next();
    }
    // Section rows after the last row belong to what follows.
    while rows.len() > 1 && rows.last().is_some_and(is_section_row) {
        rows.pop();
        row_blocks.pop();
    }
    let used = row_blocks.last().map_or(1, |k| k + 1);
    if record_rows == 0 {
        return None;
    }
    let before = first.text.trim_end()[..offset].trim_end();
    Some(Found {
        before: (!before.trim().is_empty()).then(|| Paragraph {
            text: before.to_owned(),
            pos: first.pos.clone(),
        }),
        table: Table {
            index,
            layout: TableLayout::Flattened,
            rows,
        },
        after,
        used,
    })
}

/// The cells of the numbered row `first` (its line's pieces) going on
/// over the lines of `paras` up to the next row
/// (the number after `n`, or a section line) or the end: a page's cells of
/// several paragraphs, each paragraph on a line of its own
/// (`34 推进… 区科技局` / `区商务局` / `区药投公司` / `区发改委、区经信局。 2023年12月底`).
/// Pieces on one line are cells side by side; a cell joins pieces only
/// over line breaks and ends at the end of a line (its last paragraph's
/// break), and every cell fits its column; the reading of the most lines
/// (at most [`MAX_CONTINUED_LINES`]) that joins least. After the table's
/// last row, a sentence or a date line ends the row (the notice's closing
/// lines; an issuer alone would read as a unit's name). Returns the cells
/// and how many lines were read; `None` where no reading fits.
fn continued_row<'a>(
    first: &[String],
    paras: impl Iterator<Item = (usize, &'a Paragraph)>,
    roles: &[ColumnRole],
    unknown: &[bool],
    n: u32,
    section_first: bool,
) -> Option<(Vec<String>, usize)> {
    // The lines after the row's first, up to the next row.
    let mut lines: Vec<(Vec<&str>, &str)> = Vec::new();
    let mut next_row = false;
    for (_, p) in paras {
        let text = p.text.trim();
        let pieces = cells_of(text);
        if starts_next_row(&pieces, n, section_first) {
            next_row = true;
            break;
        }
        // (Nor a page's lines after a last row.)
        if lines.len() == MAX_CONTINUED_LINES || is_furniture(text) {
            break;
        }
        lines.push((pieces, text));
    }
    // After the last row, the notice's closing lines (a sentence, the
    // issuer and a date) are not its: the row goes on only up to them.
    if !next_row {
        if let Some(at) = lines
            .iter()
            .position(|(_, text)| ends_sentence(text) || classify(text).is_some())
        {
            lines.truncate(at);
        }
    }
    // The most lines that read as the row's cells (a closing sentence
    // after a last row is not its).
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    (1..=lines.len()).rev().find_map(|k| {
        let mut tokens: Vec<(&str, bool)> = Vec::new();
        for line in std::iter::once(&first).chain(lines[..k].iter().map(|(p, _)| p)) {
            for (i, t) in line.iter().enumerate() {
                tokens.push((t, i + 1 == line.len()));
            }
        }
        paragraphed_cells(&tokens, roles, unknown).map(|cells| (cells, k))
    })
}

/// The cells of a row whose pieces (each with whether a line ends after
/// it) stand side by side on a line and may join over line breaks, a
/// joined cell ending at a line's end; every column filled, every cell
/// fitting its column; the reading that joins least. See
/// [`continued_row`].
fn paragraphed_cells(
    tokens: &[(&str, bool)],
    roles: &[ColumnRole],
    unknown: &[bool],
) -> Option<Vec<String>> {
    let width = roles.len();
    let count = tokens.len();
    // (A column a row may leave empty, `备注`, may have no piece; not one
    // headed by a word the lexicon does not know, whose cells say what it
    // is.)
    let optional = |c: usize| {
        matches!(roles[c], ColumnRole::Note | ColumnRole::Other)
            && !unknown.get(c).copied().unwrap_or(false)
    };
    // A run of pieces as one cell: one piece, or paragraphs one per line.
    let cell_of = |i: usize, j: usize, c: usize| -> Option<(String, f32)> {
        let role = roles[c];
        let run = &tokens[i..j];
        let over_lines = run[..run.len() - 1].iter().all(|(_, ends)| *ends);
        let ends_line = run[run.len() - 1].1 || j == count;
        if run.len() > 1 && !(over_lines && ends_line) {
            return None;
        }
        let joined = run.iter().map(|(t, _)| *t).collect::<Vec<_>>().join("\n");
        fits_column(&joined, role).then(|| {
            let mut score = evidence(&joined, role) - JOIN_COST * (run.len() - 1) as f32;
            // (Cells of one paragraph stand a blank apart: a line break
            // after one, inside the row, is a break inside a cell.)
            if run.len() == 1 && run[0].1 && j < count {
                score -= LINE_BREAK_COST;
            }
            // (What a column a row may leave empty holds counts for less
            // than a cell of the columns every row fills.)
            if optional(c) {
                score /= 2.0;
            }
            (joined, score)
        })
    };
    let longest = |i: usize| (count - i).min(MAX_CONTINUED_LINES + 1);
    let best = best_readings(count, width, longest, &cell_of, optional);
    // Every piece read, every column filled but those left empty.
    reading_cells(&best, count, width, &cell_of)
}

/// The best readings of `count` pieces into cells of `width` columns, left
/// to right: column `c` takes the pieces `i..j` that `cell_of(i, j, c)`
/// accepts (giving the cell's text and score), at most `longest(i)` of
/// them, or none where `skips(c)`. `best[j][c]` holds the best score of
/// pieces `..j` in columns `..c`, and where the last cell started.
fn best_readings<F>(
    count: usize,
    width: usize,
    longest: impl Fn(usize) -> usize,
    cell_of: &F,
    skips: impl Fn(usize) -> bool,
) -> Vec<Vec<Option<(f32, usize)>>>
where
    F: Fn(usize, usize, usize) -> Option<(String, f32)>,
{
    let mut best: Vec<Vec<Option<(f32, usize)>>> = vec![vec![None; width + 1]; count + 1];
    best[0][0] = Some((0.0, 0));
    for c in 0..width {
        for i in 0..=count {
            let Some((score, _)) = best[i][c] else {
                continue;
            };
            if skips(c) && best[i][c + 1].is_none_or(|(b, _)| score > b) {
                best[i][c + 1] = Some((score, i));
            }
            if i == count {
                continue;
            }
            for (j, slot) in best.iter_mut().enumerate().skip(i + 1).take(longest(i)) {
                if let Some((_, s)) = cell_of(i, j, c) {
                    let total = score + s;
                    if slot[c + 1].is_none_or(|(b, _)| total > b) {
                        slot[c + 1] = Some((total, i));
                    }
                }
            }
        }
    }
    best
}

/// The cells of the best reading of all `count` pieces into the first
/// `columns` columns ([`best_readings`]); a skipped column's cell empty.
fn reading_cells<F>(
    best: &[Vec<Option<(f32, usize)>>],
    count: usize,
    columns: usize,
    cell_of: &F,
) -> Option<Vec<String>>
where
    F: Fn(usize, usize, usize) -> Option<(String, f32)>,
{
    let mut cells = Vec::with_capacity(columns);
    let mut j = count;
    for c in (0..columns).rev() {
        let (_, i) = best[j][c + 1]?;
        cells.push(if i == j {
            String::new()
        } else {
            cell_of(i, j, c)?.0
        });
        j = i;
    }
    cells.reverse();
    Some(cells)
}

/// Most lines a numbered row is read as going on over (see
/// [`continued_row`]).
const MAX_CONTINUED_LINES: usize = 8;

/// Most lines a cell is read as wrapped over (a longer run is no cell:
/// the reading stays linear in the line's length).
const MAX_WRAPPED_LINES: usize = 8;

/// How much a cell of one piece followed by a line break inside its row
/// costs (see [`paragraphed_cells`]): more than a join and than a cell in
/// a column a row may leave empty gains.
const LINE_BREAK_COST: f32 = 1.0;

/// How much a join of two pieces into one cell costs against a cell that
/// fits its column.
const JOIN_COST: f32 = 0.1;

/// The cells of a row with more pieces than `roles` has columns, where
/// some cells were wrapped over lines (a page's narrow column copied: a
/// space where each line broke, `严守用水 效率控制 红线`): pieces join into
/// one text cell where they have the shape of a wrapped cell (every line as
/// long as the first, the last no longer), and the row is read the way
/// that joins least with every cell fitting its column
/// ([`fits_column`]); trailing columns may be left out (merged). Tried
/// where a row has more pieces than columns, or (with `blank_is_cell`)
/// as many pieces and empty cells as columns that do not fit in order. With
/// `blank_is_cell`, a blank between two blanks is an empty cell. `None`
/// where no reading fits.
fn wrapped_row(text: &str, roles: &[ColumnRole], blank_is_cell: bool) -> Option<Vec<String>> {
    let tokens: Vec<&str> = if blank_is_cell {
        text.trim().split(char::is_whitespace).collect()
    } else {
        cells_of(text)
    };
    let width = roles.len();
    let n = tokens.len();
    // A run of pieces as one cell: one piece, or a wrapped text cell.
    let cell_of = |i: usize, j: usize, role: ColumnRole| -> Option<(String, f32)> {
        let run = &tokens[i..j];
        if run.len() == 1 {
            let t = run[0];
            return match (t.is_empty(), fits_column(t, role)) {
                (true, _) => Some((String::new(), 0.0)),
                (false, true) => Some((t.to_owned(), evidence(t, role))),
                (false, false) => None,
            };
        }
        let shaped = wrap_shaped(run);
        let text_column = matches!(
            role,
            ColumnRole::Section | ColumnRole::Task | ColumnRole::Measure | ColumnRole::Other
        );
        let joined = run.join(" ");
        // (A wrapped cell is text: in a column of no known role it counts
        // as no unit list or deadline, whatever its words.)
        let sure = if matches!(role, ColumnRole::Task | ColumnRole::Measure) {
            1.0
        } else {
            0.5
        };
        let score = sure - JOIN_COST * (run.len() - 1) as f32;
        (shaped && text_column && fits_column(&joined, role)).then_some((joined, score))
    };
    // best[i][c]: the best score reading tokens[..i] into columns[..c], and
    // where the last cell started.
    // (Only text pieces join: an empty piece is a cell alone.)
    let longest = |i: usize| {
        if tokens[i].is_empty() {
            1
        } else {
            (n - i).min(MAX_WRAPPED_LINES)
        }
    };
    let cell_in = |i: usize, j: usize, c: usize| cell_of(i, j, roles[c]);
    let best = best_readings(n, width, longest, &cell_in, |_| false);
    // Every piece read; the columns after the last may be left out.
    let used = (1..=width)
        .filter_map(|c| best[n][c].map(|(s, _)| (c, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?
        .0;
    let cells = reading_cells(&best, n, used, &cell_in)?;
    // (A reading that joins nothing is the pieces' own.)
    let pieces = tokens.iter().filter(|t| !t.is_empty()).count();
    let filled = cells.iter().filter(|c| !c.is_empty()).count();
    (filled < pieces).then_some(cells)
}

/// How surely a cell that fits its column belongs there: fully in a
/// column the header names (序号, text, units, deadline); in a column of
/// sections, remarks or a word the lexicon does not know (anything fits),
/// fully only for what a detail column holds (units, a deadline), else
/// half.
fn evidence(text: &str, role: ColumnRole) -> f32 {
    match role {
        ColumnRole::Seq
        | ColumnRole::Task
        | ColumnRole::Measure
        | ColumnRole::Units(_)
        | ColumnRole::Deadline => 1.0,
        _ if fits_column(text, ColumnRole::Units(Role::Responsible))
            || fits_column(text, ColumnRole::Deadline) =>
        {
            1.0
        }
        _ => 0.5,
    }
}

/// Whether pieces have the shape of one text cell wrapped over lines:
/// every line as long as the first (two chars at least), the last no
/// longer, none a running number, deadline or list of units of its own
/// (cells side by side, not one wrapped; a line may end like a unit's
/// name, `优化数字政府` / `服务`).
fn wrap_shaped(run: &[&str]) -> bool {
    has_wrapped_lengths(run)
        && run.iter().all(|t| {
            running_number(t).is_none()
                && !fits_column(t, ColumnRole::Deadline)
                && !(t.contains('、') && fits_column(t, ColumnRole::Units(Role::Responsible)))
        })
}

/// A section line whose title was wrapped (`一、 信用监管提升 行动`): its
/// label and its title's pieces joined by a space.
fn wrapped_section(pieces: &[&str]) -> Option<Vec<String>> {
    match pieces {
        [label, title @ ..] if title.len() >= 2 => (heading_label_alone(label).is_some()
            && wrap_shaped(title))
        .then(|| vec![(*label).to_owned(), title.join(" ")]),
        _ => None,
    }
}

/// Whether a line's pieces are a section row: a short `一、` line, or a
/// label alone (the 序号 cell) and its title (maybe wrapped).
fn is_section_line(pieces: &[&str]) -> bool {
    match pieces {
        [one] => is_section(one),
        [label, title] => {
            heading_label_alone(label).is_some()
                && running_number(title).is_none()
                && !is_section(title)
        }
        // (Its title wrapped: `一、 信用监管提升 行动`.)
        pieces => wrapped_section(pieces).is_some(),
    }
}

fn is_section_row(row: &Row) -> bool {
    let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
    is_section_line(&texts)
}

/// Whether a line's pieces start the table's next row after row `n`: a
/// section line, or the same or the next number first (after a section's
/// cell, with `section_first`).
fn starts_next_row(pieces: &[&str], n: u32, section_first: bool) -> bool {
    let numbered = |t: Option<&&str>| {
        t.and_then(|t| running_number(t))
            .is_some_and(|m| same_or_next(m, n))
    };
    // (After a column of sections, its cell may be wrapped over pieces:
    // `扎实推进城市 更新 6 …`, pieces of a wrapped cell's shape, no clause:
    // `建成 两处 3 个示范点` goes on a row's text.)
    let section_words = |before: &[&str]| {
        (before.len() == 1 || wrap_shaped(before))
            && before
                .iter()
                .all(|t| !t.contains(['，', ',', '；', ';', '。']))
    };
    is_section_line(pieces)
        || numbered(pieces.first())
        || (section_first
            && (1..=MAX_PIECES_BEFORE_NUMBER.min(pieces.len().saturating_sub(1)))
                .any(|k| numbered(pieces.get(k)) && section_words(&pieces[..k])))
}

/// Whether the pieces of a line without running numbers make a row: a
/// cell for every column (or for every column but those a row may leave
/// empty), each fitting its column.
fn fits_row(pieces: &[&str], roles: &[ColumnRole], needed: usize) -> bool {
    let filled: Vec<ColumnRole> = if pieces.len() == roles.len() {
        roles.to_vec()
    } else if pieces.len() == needed {
        roles
            .iter()
            .copied()
            .filter(|r| !matches!(r, ColumnRole::Note | ColumnRole::Other | ColumnRole::Leader))
            .collect()
    } else {
        return false;
    };
    pieces
        .iter()
        .zip(filled)
        .all(|(t, role)| fits_column(t, role))
}

/// Rows read together: each with the line it starts on (0: the first),
/// how many lines after the first were read, and whether the last row is
/// cut short (see [`rows_run_together`]).
type RowsRead = (Vec<(ReadRow, usize)>, usize, bool);

/// Most lines after the first that rows run together over (a page's
/// paragraph breaks inside cells).
const MAX_RUN_TOGETHER_LINES: usize = 4;

/// The rows of a line whose pieces do not make one row of `roles` (see
/// [`rows_of_pieces`]): rows run together on it, or a row that leaves a
/// cell empty. Where its last row is short of a cell a row must fill, the
/// line goes on over the next lines (a paragraph break inside a cell, at
/// most [`MAX_RUN_TOGETHER_LINES`]), up to a page's furniture or a closing
/// line. Returns each row with the line it starts on (0: the first), how
/// many lines after the first were read, and whether the last row is cut
/// short by the end of the input (the caller keeps it as a paragraph);
/// `None` where a row before the last is short, the last is short before
/// the input ends, no row is a record, or a record is the notice's closing
/// lines (a sentence, the issuer, the date) or a labelled line (`联系人：…`).
fn rows_run_together<'a>(
    first: &[&str],
    paras: impl Iterator<Item = (usize, &'a Paragraph)>,
    roles: &[ColumnRole],
    unknown: &[bool],
) -> Option<RowsRead> {
    let mut pieces: Vec<&str> = first.to_vec();
    // The first piece of each line.
    let mut starts = vec![0];
    let mut paras = paras.peekable();
    loop {
        let rows = rows_of_pieces(&pieces, roles, unknown)?;
        let complete: Vec<bool> = rows
            .iter()
            .map(|r| row_complete(r, roles, unknown))
            .collect();
        let last_short = complete.last() == Some(&false);
        // (A line that opens with header words starts a table of its own.)
        let next = paras.peek().filter(|(_, p)| {
            let text = p.text.trim();
            let header_words = cells_of(text)
                .iter()
                .take(MAX_PIECES_BEFORE_HEADER + 2)
                .filter(|w| is_header_word(w))
                .count();
            !is_furniture(text) && classify(text).is_none() && header_words < 2
        });
        if last_short && next.is_some() && starts.len() <= MAX_RUN_TOGETHER_LINES {
            let (_, p) = paras.next().expect("peeked");
            starts.push(pieces.len());
            pieces.extend(cells_of(p.text.trim()));
            continue;
        }
        // Every row complete but the input's last, cut short.
        let cut_last = last_short && paras.peek().is_none();
        let records = rows
            .iter()
            .filter(|r| matches!(r, ReadRow::Record(..)))
            .count();
        // (The notice's closing lines fit a row's columns too: `特此通知。
        // 市人民政府办公室 2024年3月1日`, `联系人：张三 …`.)
        let closing = rows.iter().any(|r| match r {
            ReadRow::Record(cells, _) => {
                let filled: Vec<&str> = cells
                    .iter()
                    .map(String::as_str)
                    .filter(|c| !c.is_empty())
                    .collect();
                is_signature(&filled)
                    || filled
                        .first()
                        .is_some_and(|t| opening_label_word(&fold(t)).is_some())
            }
            ReadRow::Section(..) => false,
        });
        if complete[..complete.len().saturating_sub(1)].contains(&false)
            || (last_short && !cut_last)
            || records == 0
            || closing
        {
            return None;
        }
        let line_of = |piece: usize| starts.iter().rposition(|&s| s <= piece).unwrap_or(0);
        let read = rows
            .into_iter()
            .map(|row| {
                let line = match &row {
                    ReadRow::Record(_, first) | ReadRow::Section(_, first) => line_of(*first),
                };
                (row, line)
            })
            .collect();
        return Some((read, starts.len() - 1, cut_last));
    }
}

/// Whether a row read by [`rows_of_pieces`] has every cell a row must
/// fill: all but those of columns rows may leave empty (`备注`, an
/// official's, a 配合 column's).
fn row_complete(row: &ReadRow, roles: &[ColumnRole], unknown: &[bool]) -> bool {
    match row {
        ReadRow::Section(..) => true,
        ReadRow::Record(cells, _) => cells
            .iter()
            .zip(roles)
            .zip(unknown)
            .all(|((c, r), u)| !c.is_empty() || may_stay_empty(*r, *u)),
    }
}

/// How many of `paras` are rows of the numbered task `n` printed without
/// its number: each a text cell, then only unit and deadline cells; a line
/// (or, under 责任领导, an official's name); a line
/// of the text cell alone only where the table goes on after the run (the
/// next number, or a section row) or ends the input without ending a
/// sentence (a closing line does).
fn unnumbered_run<'a>(
    paras: impl Iterator<Item = (usize, &'a Paragraph)>,
    width: usize,
    n: u32,
    has_leader: bool,
    section_first: bool,
) -> usize {
    let mut run = 0;
    let mut lone_since: Option<usize> = None;
    let mut stopped = false;
    let mut last_text = "";
    for (_, p) in paras {
        let text = p.text.trim();
        let pieces = cells_of(text);
        let goes_on = starts_next_row(&pieces, n, section_first);
        if goes_on {
            return run;
        }
        let row = pieces.len() < width
            && fits_column(pieces[0], ColumnRole::Measure)
            && !is_furniture(text)
            && pieces[1..].iter().all(|t| {
                fits_column(t, ColumnRole::Units(Role::Responsible))
                    || fits_column(t, ColumnRole::Deadline)
                    // An official's name, under 责任领导.
                    || (has_leader && is_short_word(t))
            });
        if !row {
            // A note under the table, or a page's lines, follow its last
            // row.
            stopped = !is_furniture(text);
            break;
        }
        if pieces.len() == 1 {
            lone_since.get_or_insert(run);
        } else {
            lone_since = None;
        }
        last_text = text;
        run += 1;
    }
    // The table does not go on: lone text lines at the end are prose, where
    // the last one closes the notice (a sentence, an issuer, a date, a
    // publication note).
    let closes = stopped
        || ends_sentence(last_text)
        || classify(last_text).is_some()
        || looks_like_issuer(last_text);
    match lone_since {
        Some(since) if closes => since,
        _ => run,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::read_text;

    fn rebuilt(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let doc = read_text(text);
        let Some(doc) = fold_spaced_tables(&doc) else {
            return (Vec::new(), Vec::new());
        };
        let mut paras = Vec::new();
        let mut rows = Vec::new();
        for b in &doc.blocks {
            match b {
                Block::Paragraph(p) => paras.push(p.text.clone()),
                Block::Table(t) => rows.extend(
                    t.rows
                        .iter()
                        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect()),
                ),
            }
        }
        (paras, rows)
    }

    #[test]
    fn rows_run_together_after_a_header_inside_a_line_are_rows() {
        let (paras, rows) = rebuilt(
            "附件 某县职责清单 工作任务 责任单位 配合单位 完成时间 负责宣传报道工作.\n\n\
             县委宣传部 持续开展 负责督导检查考核工作. 县政府办 7月底前 负责查处违法行为 县公",
        );
        assert_eq!(paras, vec!["附件 某县职责清单", "负责查处违法行为 县公"]);
        assert_eq!(
            rows,
            vec![
                vec!["工作任务", "责任单位", "配合单位", "完成时间"],
                vec!["负责宣传报道工作.", "县委宣传部", "", "持续开展"],
                vec!["负责督导检查考核工作.", "县政府办", "", "7月底前"],
            ]
        );
    }

    #[test]
    fn a_row_going_on_over_the_next_line_leaves_the_lines_after_it_rows() {
        let (paras, rows) = rebuilt(
            "具体措施 牵头单位 配合单位 完成时限\n\
             加强质量监督检查 市财政局 市商务局 2024年6月底前 深化消费维权领域改革 市商务局\n\
             市税务局 长期坚持\n\
             推进营商环境优化 市发展改革委 市工信局 2024年底前\n\
             特此通知。 市人民政府办公室 2024年3月1日\n",
        );
        assert_eq!(
            rows[1..],
            [
                vec!["加强质量监督检查", "市财政局", "市商务局", "2024年6月底前"],
                vec!["深化消费维权领域改革", "市商务局", "市税务局", "长期坚持"],
                vec!["推进营商环境优化", "市发展改革委", "市工信局", "2024年底前"],
            ]
        );
        // The closing lines fit the columns but are none of the table's.
        assert_eq!(paras, vec!["特此通知。 市人民政府办公室 2024年3月1日"]);
    }

    #[test]
    fn a_section_line_run_into_numbered_rows_is_a_row_of_its_own() {
        let (_, rows) = rebuilt(
            "统计表 序号 重点工作 完成状态 牵头单位 一、稳定增长 1 生产总值增长6%。 序时推进 市发展改革委 \
             2 消费增长8%。 已完成 市商务局",
        );
        assert_eq!(
            rows,
            vec![
                vec!["序号", "重点工作", "完成状态", "牵头单位"],
                vec!["一、稳定增长"],
                vec!["1", "生产总值增长6%。", "序时推进", "市发展改革委"],
                vec!["2", "消费增长8%。", "已完成", "市商务局"],
            ]
        );
    }

    #[test]
    fn a_row_line_with_an_empty_support_cell_is_a_row() {
        let (_, rows) = rebuilt(
            "具体措施 牵头单位 配合单位 完成时限\n\
             加强质量监督检查，及时通报结果 市财政局 2024年6月底前\n\
             深化消费维权领域改革 市商务局 市税务局 长期坚持\n",
        );
        assert_eq!(
            rows[1..],
            [
                vec![
                    "加强质量监督检查，及时通报结果",
                    "市财政局",
                    "",
                    "2024年6月底前"
                ],
                vec!["深化消费维权领域改革", "市商务局", "市税务局", "长期坚持"],
            ]
        );
    }

    #[test]
    fn after_a_column_of_sections_a_wrapped_section_cell_starts_a_row() {
        // The section cell wrapped over two pieces before the number.
        assert!(starts_next_row(
            &["扎实推进城市", "更新", "3", "深化改革", "市财政局"],
            2,
            true
        ));
        // A row's text going on with a count in it does not: pieces not of
        // one wrapped cell's shape, or holding a clause.
        assert!(!starts_next_row(
            &["建成", "两处示范点", "3", "个"],
            2,
            true
        ));
        assert!(!starts_next_row(
            &["新建，改造", "两处", "3", "个"],
            2,
            true
        ));
    }

    #[test]
    fn rebuilds_a_numbered_table_whose_header_ends_a_line() {
        // The header ends the line of the table's title; a short word the
        // lexicon does not know (`类别`) stands between known ones.
        let (paras, rows) = rebuilt(
            "附件：重点工作任务清单 序号 类别 工作任务 责任单位\n\
             一、优化营商环境\n\n\
             1 推进政务服务事项网上办理。 市数据局\n\n\
             2 开展涉企收费专项检查。 市市场监管局、市财政局\n\
             请认真贯彻落实。\n",
        );
        assert_eq!(paras, vec!["附件：重点工作任务清单", "请认真贯彻落实。"]);
        assert_eq!(
            rows,
            vec![
                vec!["序号", "类别", "工作任务", "责任单位"],
                vec!["一、优化营商环境"],
                vec!["1", "推进政务服务事项网上办理。", "市数据局"],
                vec!["2", "开展涉企收费专项检查。", "市市场监管局、市财政局"],
            ]
        );
    }

    #[test]
    fn cells_wrapped_over_lines_are_read_by_their_shape() {
        // `加强水资源保 护` and `严守用水 效率控制 红线` are cells wrapped at a
        // narrow column's width; two blanks leave the merged 类别 empty.
        let (_, rows) = rebuilt(
            "序号 类别 主要任务 细化措施 牵头单位 责任单位
             1 加强水资源保 护 严守控制红线 实施双控行动。 市水利局 各县(市、区)人民政府
             2  严守用水 效率控制 红线 落实评估体系。 市水利局 各县(市、区)人民政府
",
        );
        assert_eq!(
            rows[1],
            [
                "1",
                "加强水资源保 护",
                "严守控制红线",
                "实施双控行动。",
                "市水利局",
                "各县(市、区)人民政府"
            ]
        );
        assert_eq!(
            rows[2],
            [
                "2",
                "",
                "严守用水 效率控制 红线",
                "落实评估体系。",
                "市水利局",
                "各县(市、区)人民政府"
            ]
        );
        // Pieces side by side are no wrapped cell: a unit list or a
        // deadline is a cell of its own.
        assert!(!wrap_shaped(&[
            "开展专项整治行动",
            "市公安局、市应急管理局"
        ]));
        assert!(!wrap_shaped(&["市公安局、市应急局", "2025年7月底前"]));
        assert!(wrap_shaped(&["优化数字政府", "服务"]));
    }

    #[test]
    fn a_row_goes_on_over_lines_one_paragraph_of_a_cell_per_line() {
        // The lead cell's paragraphs one per line; the cell ends at a line's
        // end, so the support cell starts the last line (not after the
        // lead's first name); a unit list may close with a stop.
        let (_, rows) = rebuilt(
            "序号 重点工作任务 主要责任单位 协同配合单位 完成期限
             1 推进甲项目建设。 区科技局 区经信局、区商务局。 2023年12月底
             2 推进乙项目建设。 区科技局
             区商务局
             区药投公司
             区发改委、区经信局,区农投公司。 2023年12月底
             3 推进丙项目建设。 区科技局 区经信局。 2023年12月底
",
        );
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(
            rows[2],
            [
                "2",
                "推进乙项目建设。",
                "区科技局\n区商务局\n区药投公司",
                "区发改委、区经信局,区农投公司。",
                "2023年12月底"
            ]
        );
        assert_eq!(rows[3][0], "3");
        // Lines that fit no reading end the table: the row stays short,
        // and what follows is left as paragraphs.
        let (_, rows) = rebuilt(
            "序号 重点工作任务 主要责任单位 协同配合单位 完成期限
             1 推进甲项目建设。 区科技局 区经信局。 2023年12月底
             2 推进乙项目建设。 区科技局
             请各单位认真落实。
",
        );
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[2], ["2", "推进乙项目建设。", "区科技局"]);
        // The most lines that read as the row's: a sentence and a page's
        // lines after the last row are not its.
        let (_, rows) = rebuilt(
            "序号 重点工作任务 主要责任单位 协同配合单位 完成期限
             1 推进甲项目建设。 区科技局 区经信局。 2023年12月底
             2 推进乙项目建设。 区科技局
             区商务局
             区经信局、区发改委。 2024年1月8日
             请各单位认真落实。
             【打印本页】【关闭窗口】
",
        );
        assert_eq!(
            rows[2],
            [
                "2",
                "推进乙项目建设。",
                "区科技局\n区商务局",
                "区经信局、区发改委。",
                "2024年1月8日"
            ]
        );
    }

    #[test]
    fn rows_of_a_task_without_their_number_and_full_width_spaces() {
        let (_, rows) = rebuilt(
            "序号　重点任务　具体措施　责任单位　完成时限\n\
             1　加强建设　制定方案。　市财政局　2025年6月底前\n\
             组织实施。\n\
             开展评估。　市教育局\n\
             2　提升水平　完善制度。　市商务局　2025年底前\n\
             各单位要抓好落实。\n",
        );
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[2], vec!["组织实施。"]);
        assert_eq!(rows[3], vec!["开展评估。", "市教育局"]);
    }

    #[test]
    fn a_lone_text_line_after_the_last_row_is_prose() {
        let (paras, rows) = rebuilt(
            "序号 工作任务 责任单位 完成时限\n\
             1 制定方案。 市财政局 2025年6月底前\n\
             各单位要抓好落实。\n",
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(paras, vec!["各单位要抓好落实。"]);
    }

    #[test]
    fn a_table_without_running_numbers_is_read_while_rows_fit() {
        let (paras, rows) = rebuilt(
            "工作任务 责任单位 完成时限\n\
             制定方案。 市财政局 2025年6月底前\n\
             组织实施。 市教育局 长期坚持\n\
             某某市人民政府办公室 2025年1月2日\n",
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(paras, vec!["某某市人民政府办公室 2025年1月2日"]);
    }

    #[test]
    fn leaves_prose_with_spaces_alone() {
        let (paras, rows) = rebuilt("一、总体要求 工作任务 \n要加强领导。\n");
        assert!(paras.is_empty() && rows.is_empty());
        // A title that names the field is no header word.
        let doc = read_text("某某重点工作任务分工方案 附件\n");
        assert!(fold_spaced_tables(&doc).is_none());
    }
}
