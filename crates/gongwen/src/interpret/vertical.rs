//! Task tables pasted one cell per line.
//!
//! A table copied out of a web page often arrives as text with every cell on
//! a line of its own (sometimes each line ending in a border, `序号 |`, which
//! the text reader takes for a table of one column: its cells are read as
//! lines here): `序号` / `主要工作任务` / `责任单位` / `1` / `地区生产总值增长6%左右。`
//! / `市发展改革委` / `2` / …. This pass finds such runs of paragraphs and
//! turns them back into a [`TableLayout::Flattened`] table, so that the
//! table interpreter reads them as it reads any flattened table (aligning
//! short rows by content).
//!
//! A table whose first column is a running number (`序号`) is read row by
//! row from the numbers 1, 2, 3 …, which keep the rows in step even when a
//! merged cell left a row short. A run is such a table when
//! - two to eight consecutive short paragraphs are each a known header word
//!   (see [`role_of_header`]) or a short word the lexicon does not know
//!   (`民生实事`: not last unless the rows begin after it), the first one
//!   `序号`, and with the rows under them make a task-table header
//!   ([`find_header`], which reads an unknown word's column from its cells);
//!   where the short lines up to the first running number (or section row)
//!   name a text and a unit column, they are the header whatever they
//!   repeat or say (`主要任务` and `全年目标任务`, `1-10月推进情况`);
//! - a row of a numbered task may follow without its number (the 序号 and
//!   task cells merged over it): a text cell, then the unit and deadline
//!   cells it does not share with the row above;
//! - each row then starts with the next running number (or the same one,
//!   printed again on each row of a task) and holds at most as
//!   many cells as the header; a short paragraph with a `一、` label between
//!   rows is a section row, as is a label alone with its title on the next
//!   line (`（一）` / `加强…建设。`) and a short sentence right before such a
//!   section row (a section printed without its label) where the row
//!   before it is done or its next column takes no sentence; unit names
//!   after unit names are one cell
//!   broken over lines where the table has one unit column; once a row has
//!   a cell for every column a row
//!   may not leave empty (and has come to its unit cell: a progress cell
//!   before it completes nothing), a further text cell starts a row of its task
//!   without its number rather than filling a 备注 (a filled 备注 then reads
//!   as a row of its own: seen, not hidden in a note); a note under the
//!   table (`注：…`) ends it.
//!
//! A column of sections may stand before the 序号 (`分类` / `序号` / …): the
//! line before a row's number is then its section cell, merged over the
//! rows below it or repeated, and becomes a section row where it changes;
//! the column's header word stays a paragraph before the table.
//!
//! A table without running numbers is read strictly: rows of exactly as many
//! paragraphs as the header has cells (or one fewer, its 配合 cell left
//! empty, under a header of header words), each fitting its column (unit names
//! under 责任单位, a deadline the grammar understands under 完成时限, other text
//! under the task columns), at least three columns.
//!
//! The table ends at the first paragraph that fits none of this, or before
//! the notice's closing lines (a closing sentence, then the issuer and the
//! date of writing) where they would fit as rows. Cells keep
//! their paragraphs' positions (lines). Nothing else is changed.

use crate::document::{Block, Cell, Document, Paragraph, Row, Table, TableLayout};
use crate::grammar::label::{heading_label_alone, parse_label, LabelKind};
use crate::grammar::lexicon;
use crate::model::Role;
use crate::normalize::fold;

use super::cell_text::{is_furniture, row_number, running_number};
use super::columns::{
    cells_a_row_needs, could_head_task_table, find_header, first_column_may_number, fits_column,
    is_header_word, is_short_phrase, is_short_word, measures_beside_tasks, role_of_header,
    sections_of_tasks, tasks_grouped_by, ColumnRole,
};
use super::headerless::fold_headerless_tables;
use super::meta::{classify, looks_like_issuer, MetaLine};
use super::wrapped_header::group_lines;

/// Most header cells a rebuilt table may have.
pub(super) const MAX_COLUMNS: usize = 10;
/// Longest header cell naming a text column (or none) after the header has
/// named a text column and a unit or deadline column, in chars (a longer
/// one is a row's first cell: `全面加强食品安全工作`; unit and deadline
/// words may be longer: `省级配合责任单位`).
const MAX_LATER_HEADER_CHARS: usize = 6;
/// Longest header cell, in chars.
pub(super) const MAX_HEADER_CHARS: usize = 16;
/// Longest section row, in chars.
const MAX_SECTION_CHARS: usize = 60;

/// Rebuilds one-cell-per-line tables; `None` when the document has none.
pub fn fold_vertical_tables(doc: &Document) -> Option<Document> {
    let unfolded = one_column_tables_as_paragraphs(doc);
    let doc = unfolded.as_ref().unwrap_or(doc);
    let folded = fold_paragraphs(doc);
    let doc = folded.as_ref().unwrap_or(doc);
    fold_headerless_tables(doc).or(folded).or(unfolded)
}

/// A pasted table of one column (each cell's line ending in a separator:
/// `序号 |`, `1 |`, …) is a run of lines, one cell each, as far as a task
/// table goes: its cells become paragraphs. `None` when there is none.
fn one_column_tables_as_paragraphs(doc: &Document) -> Option<Document> {
    let one_column = |b: &Block| match b {
        Block::Table(t) => {
            t.layout != TableLayout::Grid
                && t.rows.iter().all(|r| {
                    r.cells.len() <= 2
                        && r.cells.iter().filter(|c| !c.text.trim().is_empty()).count() <= 1
                })
        }
        _ => false,
    };
    if !doc.blocks.iter().any(one_column) {
        return None;
    }
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    for b in &doc.blocks {
        match b {
            Block::Table(t) if one_column(b) => {
                for cell in t.rows.iter().flat_map(|r| &r.cells) {
                    if !cell.text.trim().is_empty() {
                        blocks.push(Block::Paragraph(Paragraph {
                            text: cell.text.trim().to_owned(),
                            pos: cell.pos.clone(),
                        }));
                    }
                }
            }
            _ => blocks.push(b.clone()),
        }
    }
    Some(Document { blocks })
}

/// Rebuilds the one-cell-per-line tables among a document's paragraphs.
fn fold_paragraphs(doc: &Document) -> Option<Document> {
    rebuild_runs(doc, |blocks, index| {
        table_at(blocks, index).map(|(before, table, used)| {
            let mut rebuilt: Vec<Block> =
                before.cloned().map(Block::Paragraph).into_iter().collect();
            rebuilt.push(Block::Table(table));
            (rebuilt, used)
        })
    })
}

/// A document with runs of blocks rebuilt: `at` is asked at each block
/// (with the index the next table will have) for the blocks that replace
/// the run starting there and how many blocks the run used. `None` when it
/// finds no run, before anything is copied.
pub(super) fn rebuild_runs(
    doc: &Document,
    at: impl Fn(&[Block], u32) -> Option<(Vec<Block>, usize)>,
) -> Option<Document> {
    let mut out: Option<Vec<Block>> = None;
    let mut tables = 0u32;
    let mut i = 0;
    while i < doc.blocks.len() {
        if let Some((rebuilt, used)) = at(&doc.blocks[i..], tables) {
            let out = out.get_or_insert_with(|| doc.blocks[..i].to_vec());
            tables += rebuilt
                .iter()
                .filter(|b| matches!(b, Block::Table(_)))
                .count() as u32;
            out.extend(rebuilt);
            i += used.max(1);
            continue;
        }
        if matches!(doc.blocks[i], Block::Table(_)) {
            tables += 1;
        }
        if let Some(out) = out.as_mut() {
            out.push(doc.blocks[i].clone());
        }
        i += 1;
    }
    out.map(|blocks| Document { blocks })
}

/// The non-blank paragraphs at the start of `blocks`, with their block
/// offsets, up to the first block that is not a paragraph.
pub(super) fn paragraphs(blocks: &[Block]) -> impl Iterator<Item = (usize, &Paragraph)> + Clone {
    blocks
        .iter()
        .enumerate()
        .map_while(|(k, b)| match b {
            Block::Paragraph(p) => Some((k, p)),
            _ => None,
        })
        // A line of nothing but a border (`|`) is an empty cell's.
        .filter(|(_, p)| {
            !p.text
                .trim_matches(|c: char| c.is_whitespace() || c == '|' || c == '｜')
                .is_empty()
        })
}

/// A table rebuilt from the paragraphs at the start of `blocks`, and how
/// many blocks it used. (With the header word of a column of sections
/// before the 序号, which the table leaves out: that paragraph, kept
/// before it.)
fn table_at(blocks: &[Block], index: u32) -> Option<(Option<&Paragraph>, Table, usize)> {
    let first = match blocks.first()? {
        Block::Paragraph(p) => p,
        _ => return None,
    };
    // A column of sections before the 序号 (`分类` / `序号` / …): the table
    // starts at the 序号, each row's section cell a section row.
    let text = first.text.trim();
    // (The column's own word, `分类`, not a title ending in it, `垃圾分类`;
    // or a short word for tasks where tasks and measures follow the 序号,
    // `重点工作` / `序号` / `重点任务` / `具体措施`.)
    let groups_tasks = || {
        // (Cheap test first: every paragraph is asked.)
        if role_of_header(text) != ColumnRole::Task || text.chars().count() > MAX_LATER_HEADER_CHARS
        {
            return false;
        }
        // (The first row starts with its section's cell: the line before
        // its number is none of the header's words, nor as short as one,
        // nor a labelled section row over the rows.)
        let lines: Vec<&str> = paragraphs(blocks)
            .map(|(_, p)| p.text.trim())
            .take(2 * MAX_COLUMNS + 2)
            .collect();
        let section_cell = lines
            .iter()
            .position(|t| running_number(t).is_some())
            .and_then(|n| n.checked_sub(1))
            .is_some_and(|k| {
                let t = lines[k];
                k > 1 && !is_header_word(t) && !is_short_word(t) && parse_label(t).is_none()
            });
        let mut rest = paragraphs(blocks).skip(1).map(|(_, p)| p.text.trim());
        section_cell
            && rest.next().is_some_and(|w| {
                // (The 序号's word, or one that may head running numbers:
                // `任务项`, the rows say.)
                let rest: Vec<&str> = std::iter::once(w).chain(rest.take(MAX_COLUMNS)).collect();
                let roles: Vec<ColumnRole> = rest.iter().map(|w| role_of_header(w)).collect();
                (roles[0] == ColumnRole::Seq || first_column_may_number(&rest))
                    && tasks_grouped_by(&roles[1..])
            })
    };
    if lexicon::exact_field(text) == Some(lexicon::Field::Section) || groups_tasks() {
        if let Some((k, _)) = paragraphs(blocks).nth(1) {
            if let Some((table, used)) = table_from(&blocks[k..], index, true) {
                return Some((Some(first), table, used + k));
            }
        }
    }
    table_from(blocks, index, false).map(|(table, used)| (None, table, used))
}

/// [`table_at`], the table's first column maybe standing after a column
/// of sections (`section_first`), left out of its header.
fn table_from(blocks: &[Block], index: u32, section_first: bool) -> Option<(Table, usize)> {
    let first = match blocks.first()? {
        Block::Paragraph(p) => p,
        _ => return None,
    };
    // Cheap tests first: every paragraph is asked.
    let short = |b: Option<&Block>| matches!(b, Some(Block::Paragraph(p)) if p.text.len() <= 4 * MAX_HEADER_CHARS);
    if !short(blocks.first()) || !short(blocks.get(1)) {
        return None;
    }
    let by_word = first.text.contains(['序', '编', '編']);
    let first_role = role_of_header(&first.text);
    if by_word && first_role != ColumnRole::Seq {
        return None;
    }
    // (Or by its rows: header words up to a first row's number (or a
    // section over it), whatever the first column's word, `任务项`, where
    // another column holds the text: the first then holds nothing but the
    // numbers.)
    // (Cheap test first: a number among the lines a header may take,
    // wrapped, and two sections over the first row.)
    let first_row_soon = || {
        paragraphs(blocks)
            .take(2 * MAX_COLUMNS + 4)
            .any(|(_, p)| row_number(p.text.trim()).is_some())
    };
    // (A header word is short; a title over the table is not.)
    let numbers_soon = !by_word
        && (matches!(first_role, ColumnRole::Task | ColumnRole::Measure)
            || !header_cell(&first.text).1)
        && first.text.trim().chars().count() <= MAX_LATER_HEADER_CHARS
        && first_row_soon();
    let before_rows = (by_word || numbers_soon)
        .then(|| header_before_rows(blocks, section_first))
        .flatten();
    let mut numbered = by_word
        || before_rows.is_some_and(|w| {
            let mut lines = paragraphs(blocks).map(|(_, p)| p.text.trim());
            let header: Vec<&str> = lines.by_ref().take(w).collect();
            // (Where a 序号 stands among them, the table starts there.)
            first_row_numbered(lines.skip(usize::from(section_first)))
                && header.iter().all(|t| role_of_header(t) != ColumnRole::Seq)
                && first_column_may_number(&header)
        });
    if (by_word || numbers_soon) && !section_first {
        if let Some(found) = wrapped_header_table(blocks, index, numbers_soon) {
            return Some(found);
        }
    }
    // The header: consecutive header words with distinct roles.
    let mut header: Vec<Cell> = Vec::new();
    let mut roles: Vec<ColumnRole> = Vec::new();
    // Columns headed by a word the lexicon does not know.
    let mut unknown: Vec<bool> = Vec::new();
    let mut words = paragraphs(blocks).peekable();
    // In a numbered table the rows begin at the first running number: the
    // short lines before it are the header, whatever they repeat or say
    // (`主要任务` and `全年目标任务`, `1-10月推进情况`).
    let before_rows = before_rows.filter(|_| numbered).unwrap_or(0);
    for _ in 0..before_rows {
        let Some((_, p)) = words.next() else { break };
        let text = p.text.trim();
        let (role, known) = header_cell(text);
        header.push(Cell::new(text, header.len() as u32, p.pos.clone()));
        roles.push(role);
        unknown.push(!known);
    }
    // (The column of running numbers is the 序号, whatever its word.)
    if numbered && !by_word {
        roles[0] = ColumnRole::Seq;
        unknown[0] = false;
    }
    sections_of_tasks(&mut roles);
    while let Some(&(_, p)) = words.peek().filter(|_| before_rows == 0) {
        let text = p.text.trim();
        let (mut role, known) = header_cell(text);
        // (Tasks named twice side by side, `工作任务` / `具体要求`: the
        // second names the measures.)
        // (Not the first column's word where it may head the running
        // numbers: `任务项` / `重点任务`.)
        let skip = usize::from(numbers_soon).min(roles.len());
        // (Tasks named twice, then measures, `重点工作` / `重点任务` /
        // `具体措施`: the first names the sections.)
        if role == ColumnRole::Task && roles[skip..].last() == Some(&ColumnRole::Task) {
            let mut right = vec![role];
            right.extend(
                words
                    .clone()
                    .nth(1)
                    .map(|(_, next)| header_cell(next.text.trim()).0),
            );
            if tasks_grouped_by(&right) && !roles.contains(&ColumnRole::Section) {
                if let Some(last) = roles.last_mut() {
                    *last = ColumnRole::Section;
                }
            }
        }
        if measures_beside_tasks(roles[skip..].last(), &roles[skip..], role) {
            role = ColumnRole::Measure;
        }
        // Once the header names a text column and a unit or deadline
        // column, what may follow are short words (`备注`) or unit and
        // deadline words, not a row's first cell that holds a field word
        // (`全面加强食品安全工作`).
        // (A word the lexicon does not know may name the text column.)
        let complete = (roles
            .iter()
            .any(|r| matches!(r, ColumnRole::Task | ColumnRole::Measure))
            || unknown.contains(&true))
            && roles
                .iter()
                .any(|r| matches!(r, ColumnRole::Deadline | ColumnRole::Units(_)));
        if header.len() == MAX_COLUMNS
            || text.chars().count() > MAX_HEADER_CHARS
            || (complete
                && text.chars().count() > MAX_LATER_HEADER_CHARS
                && matches!(
                    role,
                    ColumnRole::Task | ColumnRole::Measure | ColumnRole::Section | ColumnRole::Other
                ))
            // A word the lexicon names as no field (`责任领导`), or one it
            // does not know as short as header words are (`民生实事`), may
            // stand among the others; other text ends the header.
            || !(known || is_short_word(text))
            // (A first column's word that may head running numbers,
            // `任务项`, may be named again: `重点任务`.)
            || (role != ColumnRole::Other
                && roles.iter().skip(usize::from(numbers_soon)).any(|r| *r == role))
            // A labelled line (`一、全面加强…工作`) is a row, not a header.
            || parse_label(text).is_some()
        {
            break;
        }
        header.push(Cell::new(text, header.len() as u32, p.pos.clone()));
        roles.push(role);
        unknown.push(!known);
        words.next();
    }
    // (Read word by word, a header right over a row's number: numbered by
    // its rows, as above.)
    // (A column of running numbers is headed by a short word: a long line
    // over them is the title over the table, which starts below it.)
    let rows_numbered = words.peek().is_some_and(|&(k, _)| {
        first_row_numbered(
            paragraphs(&blocks[k..])
                .map(|(_, p)| p.text.trim())
                .skip(usize::from(section_first)),
        )
    });
    if rows_numbered
        && !by_word
        && header
            .first()
            .is_some_and(|h| h.text.chars().count() > MAX_LATER_HEADER_CHARS)
    {
        return None;
    }
    if !numbered
        && numbers_soon
        && header.len() >= 2
        && rows_numbered
        && !roles.contains(&ColumnRole::Seq)
        && first_column_may_number(&header.iter().map(|h| h.text.as_str()).collect::<Vec<_>>())
    {
        numbered = true;
        roles[0] = ColumnRole::Seq;
        unknown[0] = false;
    }
    if !numbered
        && roles.len() > 1
        && roles[0] != ColumnRole::Other
        && roles[1..].contains(&roles[0])
    {
        return None;
    }
    // A word the lexicon does not know ends the header only where the rows
    // begin (the first running number): else it is the first row's.
    // (Or the first section row over them: `一、…`.)
    // (Or the first row's section cell before its number, after a column of
    // sections.)
    let rows_begin = numbered
        && (words.peek().is_some_and(|(_, p)| {
            let t = p.text.trim();
            running_number(t).is_some() || is_section(t) || ends_sentence(t)
        }) || (section_first
            && words
                .clone()
                .nth(1)
                .is_some_and(|(_, p)| running_number(p.text.trim()).is_some())));
    while !rows_begin && unknown.last() == Some(&true) {
        header.pop();
        roles.pop();
        unknown.pop();
    }
    let width = header.len();
    // 序号 heads the first column: a line before it (the table's title,
    // `…任务分工方案`) is no header cell; the table starts at 序号.
    if width < 2 || roles[1..].contains(&ColumnRole::Seq) {
        return None;
    }
    let paras = paragraphs(blocks).skip(width).peekable();
    let rows = vec![Row {
        pos: first.pos.clone(),
        cells: header,
    }];
    if !could_head_task_table(&rows[0]) {
        return None;
    }
    let found = if numbered {
        numbered_rows(rows, &roles, &unknown, paras, index, section_first)
    } else if section_first {
        // (Sections are told from rows by the running numbers.)
        return None;
    } else {
        rows_in_step(rows, &roles, paras, index)
    }?;
    // Columns the header left unknown are read from their cells.
    find_header(&found.0)?;
    Some(found)
}

/// A header cell's role, and whether the lexicon knows its word (as a
/// field, or as none: `进展情况`).
fn header_cell(text: &str) -> (ColumnRole, bool) {
    let role = role_of_header(text);
    (
        role,
        role != ColumnRole::Other || lexicon::header_field(text).is_some(),
    )
}

/// How many lines stand before the first running number where each is a
/// header cell (short, no label, no sentence) and they name a text column
/// and a unit column: `None` where they do not. (With `section_first`,
/// the line right before the number is the first row's section cell.)
fn header_before_rows(blocks: &[Block], section_first: bool) -> Option<usize> {
    let lines: Vec<&str> = paragraphs(blocks)
        .map(|(_, p)| p.text.trim())
        .take(MAX_COLUMNS + 1)
        .collect();
    let mut width = lines
        .iter()
        .position(|t| running_number(t).is_some() || is_section(t) || ends_sentence(t))?;
    // (After a column of sections, the first row's section cell stands
    // before its number.)
    if section_first && running_number(lines[width]).is_some() {
        width = width.checked_sub(1)?;
    }
    let header = &lines[..width];
    let cell_like = |t: &&str| {
        t.chars().count() <= MAX_HEADER_CHARS && parse_label(t).is_none() && !ends_sentence(t)
    };
    let roles: Vec<ColumnRole> = header.iter().map(|t| role_of_header(t)).collect();
    (width >= 3
        && header.iter().all(cell_like)
        && roles
            .iter()
            .any(|r| matches!(r, ColumnRole::Task | ColumnRole::Measure))
        && roles.iter().any(|r| matches!(r, ColumnRole::Units(_))))
    .then_some(width)
}

/// How many rows are read for the width of a table whose header may wrap.
const WRAPPED_HEADER_ROWS: usize = 8;

/// A numbered table whose header has more lines than its first row has
/// cells: header cells wrapped over two lines ([`group_lines`]). `None`
/// where the header is one line per cell, or no such table stands here.
fn wrapped_header_table(
    blocks: &[Block],
    index: u32,
    numbers_first: bool,
) -> Option<(Table, usize)> {
    let lines: Vec<&Paragraph> = paragraphs(blocks)
        .map(|(_, p)| p)
        .take_while(|p| {
            let t = p.text.trim();
            running_number(t).is_none() && !is_section(t) && !ends_sentence(t)
        })
        .take(2 * MAX_COLUMNS + 1)
        .collect();
    let header_like = |p: &&Paragraph| {
        let t = p.text.trim();
        t.chars().count() <= MAX_HEADER_CHARS
            && parse_label(t).is_none()
            && (lexicon::header_field(t).is_some() || is_short_word(t))
    };
    if lines.len() > 2 * MAX_COLUMNS || !lines.iter().all(header_like) {
        return None;
    }
    // The widest of the first rows (a row may leave merged cells out,
    // never print more): its number and the lines up to the next number.
    let mut width = 0;
    let mut row: Option<(u32, usize)> = None;
    let limit = WRAPPED_HEADER_ROWS * (MAX_COLUMNS + 1);
    let mut read = 0;
    let after: Vec<&str> = paragraphs(blocks)
        .skip(lines.len())
        .map(|(_, p)| p.text.trim())
        .take(limit)
        .collect();
    // (The rows begin with a number or a section, labelled or not.)
    let begins = after
        .first()
        .is_some_and(|t| running_number(t).is_some() || starts_section(t, after.get(1).copied()));
    if !begins {
        return None;
    }
    for (k, &t) in after.iter().enumerate() {
        read += 1;
        // (A note under the table or a page's line ends it.)
        if is_furniture(t) {
            read = 0;
            break;
        }
        match (running_number(t), row) {
            // (A number printed again on each row of its task starts one.)
            (Some(m), Some((n, len))) if len > 1 && same_or_next(m, n) => {
                width = width.max(len);
                row = Some((m, 1));
            }
            (Some(m), None) => row = Some((m, 1)),
            // A section row ends the row before it.
            (_, Some((_, len))) if starts_section(t, after.get(k + 1).copied()) => {
                width = width.max(len);
                row = None;
            }
            (_, Some((n, len))) => row = Some((n, len + 1)),
            _ => {}
        }
    }
    // (The last row where no other row ended, and the text ends with it or
    // with a note: what follows a table could only make it longer.)
    if read < limit && width == 0 {
        if let Some((_, len)) = row {
            width = width.max(len);
        }
    }
    // (Rows that leave a 备注 out are as short: that explains them first.)
    let remarks = lines
        .iter()
        .filter(|p| role_of_header(&p.text) == ColumnRole::Note)
        .count();
    if width == 0 || lines.len() - remarks <= width || width > MAX_COLUMNS {
        return None;
    }
    let texts: Vec<&str> = lines.iter().map(|p| p.text.trim()).collect();
    // (A 备注 last that no row fills is never printed: the header has a
    // cell more than the widest row.)
    let remark_last = texts
        .last()
        .is_some_and(|t| role_of_header(t) == ColumnRole::Note);
    let sizes = group_lines(&texts, width).or_else(|| {
        remark_last
            .then(|| group_lines(&texts, width + 1))
            .flatten()
    })?;
    let width = sizes.len();
    let mut cells = Vec::with_capacity(width);
    let mut at = 0;
    for size in sizes {
        let text: String = texts[at..at + size].concat();
        cells.push(Cell::new(text, cells.len() as u32, lines[at].pos.clone()));
        at += size;
    }
    let mut roles: Vec<ColumnRole> = cells.iter().map(|c| role_of_header(&c.text)).collect();
    let mut unknown: Vec<bool> = cells
        .iter()
        .zip(&roles)
        .map(|(c, r)| *r == ColumnRole::Other && lexicon::header_field(&c.text).is_none())
        .collect();
    // (With `numbers_first`, the first column's word is a text column's:
    // the 序号 where another column holds the text, or may: a word the
    // lexicon does not know.)
    let words: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
    if numbers_first && first_column_may_number(&words) {
        roles[0] = ColumnRole::Seq;
        unknown[0] = false;
    }
    sections_of_tasks(&mut roles);
    if roles[0] != ColumnRole::Seq {
        return None;
    }
    let header = Row {
        pos: lines[0].pos.clone(),
        cells,
    };
    if !could_head_task_table(&header) {
        return None;
    }
    let paras = paragraphs(blocks).skip(lines.len()).peekable();
    let found = numbered_rows(vec![header], &roles, &unknown, paras, index, false)?;
    find_header(&found.0)?;
    Some(found)
}

/// The rows of a table whose first column is a running number, after its
/// header (`rows`): see the module page.
fn numbered_rows<'a>(
    mut rows: Vec<Row>,
    roles: &[ColumnRole],
    unknown: &[bool],
    mut paras: std::iter::Peekable<impl Iterator<Item = (usize, &'a Paragraph)> + Clone>,
    index: u32,
    section_first: bool,
) -> Option<(Table, usize)> {
    let width = roles.len();
    // A row is complete when it has every cell it needs.
    let needed = cells_a_row_needs(roles, unknown);
    let has_support = roles.contains(&ColumnRole::Units(Role::Support));
    // With a column of sections before the 序号, a row's section cell: a
    // line as short as a section's, right before a running number, no
    // unit's name or deadline (its merged cells leave it out of the rows
    // below it; repeated, it is the same section).
    // (Between rows, where the row above is done, whatever its words look
    // like, `扎实推进数字政府`, but a deadline.)
    // (No deadline: a row's last cell; no clauses: a row's text.)
    let between_rows = |t: &str, next: Option<&str>| {
        section_first
            && running_number(t).is_none()
            && t.chars().count() <= MAX_SECTION_CHARS
            && !t.contains(['，', ',', '；', ';'])
            && !is_furniture(t)
            && !fits_column(t, ColumnRole::Deadline)
            // (A row's number, not a year: `2023`, a deadline's cell.)
            && next.is_some_and(|n| row_number(n).is_some())
    };
    // (After a row short of cells, not a unit's name either: its own.)
    let section_cell = |t: &str, next: Option<&str>| {
        between_rows(t, next) && !fits_column(t, ColumnRole::Units(Role::Responsible))
    };
    let mut last_section: Option<&str> = None;
    // Whether a row's last cell fits a unit or deadline column after which
    // only unit and deadline columns stand: nothing of the row but their
    // cells can follow it (no section's title).
    let only_fields_left = |cells: &[Cell]| {
        let field = |r: &ColumnRole| matches!(r, ColumnRole::Units(_) | ColumnRole::Deadline);
        let Some(last) = cells.last() else {
            return false;
        };
        roles.iter().enumerate().skip(1).any(|(c, r)| {
            field(r) && fits_column(&last.text, *r) && roles[c + 1..].iter().all(field)
        })
    };
    // (Where no header word names units, one column under a word the
    // lexicon does not know may hold them: its cells will say.)
    let unit_columns = roles
        .iter()
        .filter(|r| matches!(r, ColumnRole::Units(_)))
        .count();
    let one_unit_column = unit_columns == 1 || (unit_columns == 0 && unknown.contains(&true));
    let has_leader = roles.contains(&ColumnRole::Leader);
    // A cell of units broken over lines (`县水务局` / `县住建局`) is one cell:
    // unit names after unit names join the row's last cell (`row` starts
    // with its number), where the table has one unit column (two could not
    // say where the first ends). The cell after the number is the row's
    // text where the second column holds text: unit names never join it,
    // whatever its last words look like (`…推进一网通办`).
    let text_second = matches!(roles.get(1), Some(ColumnRole::Task | ColumnRole::Measure));
    let units = ColumnRole::Units(Role::Responsible);
    let joins_units = |row: &[Cell], next: &str| {
        one_unit_column
            && row.len() > 1 + usize::from(text_second)
            && fits_column(next, units)
            && row.last().is_some_and(|c| fits_column(&c.text, units))
    };
    // An official's cell (a name: `王建国`) fills a column a row may leave
    // empty: with it, a row needs one cell more to be complete.
    let names_official = |cells: &[Cell]| {
        has_leader
            && cells.iter().skip(1).any(|c| {
                is_short_word(&c.text)
                    && !fits_column(&c.text, ColumnRole::Units(Role::Responsible))
                    && !fits_column(&c.text, ColumnRole::Deadline)
            })
    };
    // Whether a row's cells have come to its units (or, where the header
    // names none, its deadline): a cell that fits them at or past the
    // first place their column may stand in a row that leaves out what it
    // may (a section or task merged away, progress, a remark, an official).
    // (Only there: a section's or task's title may read as units,
    // `…数字政府`, or a progress cell as a deadline, `正常推进`.)
    let field = if unit_columns > 0 {
        Some(units)
    } else {
        roles
            .contains(&ColumnRole::Deadline)
            .then_some(ColumnRole::Deadline)
    };
    let earliest = field.and_then(|f| {
        let col = roles.iter().position(|r| match f {
            ColumnRole::Units(_) => matches!(r, ColumnRole::Units(_)),
            _ => *r == f,
        })?;
        // (A column under a word the lexicon does not know holds text.)
        let may_be_left_out = roles[..col]
            .iter()
            .zip(unknown)
            .filter(|(r, unknown)| {
                matches!(
                    r,
                    ColumnRole::Section | ColumnRole::Task | ColumnRole::Note | ColumnRole::Leader
                ) || (**r == ColumnRole::Other && !**unknown)
            })
            .count();
        Some(col - may_be_left_out)
    });
    let reached_fields = |cells: &[Cell]| match (field, earliest) {
        (Some(f), Some(from)) => cells
            .iter()
            .skip(from.max(1))
            .any(|c| fits_column(&c.text, f)),
        _ => true,
    };
    // Whether a column the lexicon knows as no field (progress) stands at
    // or after column `from`.
    let progress_to_come = |from: usize| {
        roles
            .iter()
            .zip(unknown)
            .skip(from)
            .any(|(r, u)| *r == ColumnRole::Other && !u)
    };
    // Blocks used up to the last numbered row.
    let mut used = 0;
    let mut last_number: Option<u32> = None;
    let mut complete_rows = 0;
    while let Some((k, p)) = paras.next() {
        let text = p.text.trim();
        if let Some(n) = running_number(text) {
            // A number repeated: the task's number printed again on each of
            // its rows (not merged).
            if last_number.is_some_and(|l| !same_or_next(n, l)) {
                break;
            }
            // A row: its number, then cells up to the next row.
            let mut cells = vec![Cell::new(text, 0, p.pos.clone())];
            let mut end = k;
            // Exactly a cell for every column up to the next number (or
            // section): one full row, whatever its cells look like.
            // (Unit names after unit names are one cell, as below.)
            let nexts = paras.clone().skip(1).map(Some).chain(std::iter::once(None));
            let lines: Vec<(usize, &Paragraph)> = paras
                .clone()
                .zip(nexts)
                .enumerate()
                .take_while(|(j, ((_, p2), next))| {
                    let t2 = p2.text.trim();
                    let t3 = next.map(|(_, p3)| p3.text.trim());
                    let ends_row = running_number(t2).is_some_and(|m| same_or_next(m, n))
                        || starts_section(t2, t3)
                        || is_furniture(t2)
                        || (1 + j >= needed && between_rows(t2, t3));
                    !ends_row
                })
                .map(|(_, (line, _))| line)
                .take(2 * width)
                .collect();
            let mut full: Vec<Cell> = vec![cells[0].clone()];
            for (_, p2) in &lines {
                let t2 = p2.text.trim();
                if joins_units(&full, t2) {
                    join_line(&mut full, t2);
                } else {
                    full.push(Cell::new(t2, full.len() as u32, p2.pos.clone()));
                }
            }
            let next_starts_row = paras.clone().nth(lines.len()).is_none_or(|(_, p2)| {
                let t2 = p2.text.trim();
                let t3 = paras
                    .clone()
                    .nth(lines.len() + 1)
                    .map(|(_, p3)| p3.text.trim());
                running_number(t2).is_some_and(|m| m != n && same_or_next(m, n))
                    || starts_section(t2, t3)
                    || section_cell(t2, t3)
            });
            // Each cell fits its column in order. (A sentence in a 备注's
            // place is a row of the task without its number, as below:
            // seen, not hidden in a remark; a short phrase, `县民生实事`, is
            // the remark.)
            let in_order = full[1..].iter().zip(&roles[1..]).all(|(c, role)| {
                let text = fits_column(&c.text, ColumnRole::Measure) && !is_short_phrase(&c.text);
                fits_column(&c.text, *role) && !(*role == ColumnRole::Note && text)
            });
            if full.len() == width
                && in_order
                && lines.len() < 2 * width
                && next_starts_row
                && last_number.is_none_or(|l| l != n)
            {
                cells = full;
                for (k2, _) in lines {
                    end = k2;
                    paras.next();
                }
            }
            while let Some(&(k2, p2)) = paras.peek() {
                let t2 = p2.text.trim();
                let number = running_number(t2);
                // (The section cell repeated before the next number is no
                // unit of a cell broken over lines, whatever its words.)
                let repeated_section = last_section == Some(t2)
                    && between_rows(t2, paras.clone().nth(1).map(|(_, p3)| p3.text.trim()));
                if number.is_none() && !repeated_section && joins_units(&cells, t2) {
                    join_line(&mut cells, t2);
                    end = k2;
                    paras.next();
                    continue;
                }
                // Past the cells a row needs, a text cell starts a row of
                // the task without its number (its units and deadline
                // merged with the row above) rather than filling a 备注:
                // one row, one record; a filled 备注 is then a record too,
                // seen, where the other reading would hide a measure in a
                // note.
                let t3 = paras.clone().nth(1).map(|(_, p3)| p3.text.trim());
                // (A sentence a progress column still to come takes is the
                // row's, section row or not after it; a 备注 holds short
                // phrases, and a column under a word the lexicon does not
                // know may be the units'.)
                let takes_sentence = progress_to_come(cells.len());
                if cells.len() == width
                    || number.is_some_and(|m| m != n && same_or_next(m, n))
                    || (number == Some(n) && cells.len() > 1)
                    || is_section(t2)
                    || (!takes_sentence && is_unlabelled_section(t2, t3))
                    // (Short of a cell, where the next column takes units
                    // or a deadline, not such a line: merged and left out.)
                    // (With every cell it needs, whatever the line's words
                    // look like: `扎实推进数字政府`.)
                    || (cells.len() >= needed && between_rows(t2, t3))
                    || (cells.len() >= 2
                        && (roles.get(cells.len()).is_some_and(|r| {
                            matches!(r, ColumnRole::Units(_) | ColumnRole::Deadline)
                        }) || only_fields_left(&cells))
                        && section_cell(t2, t3))
                    // A note under the table (`注：…`) ends it.
                    || is_furniture(t2)
                    || (cells.len() >= needed + usize::from(names_official(&cells))
                        && fits_column(t2, ColumnRole::Measure)
                        // (A column the lexicon knows as neither field nor
                        // remark, `进展情况`, still to come holds the row's
                        // sentences, empty cells before it left out.)
                        && !takes_sentence
                        // (Its progress counts no field: the row has come to
                        // its units or deadline.)
                        && reached_fields(&cells)
                        // (A short phrase in the last column's place, a
                        // 备注, is the remark: the row's last line, the next
                        // row's number, a section or the page's lines after
                        // it.)
                        && !(cells.len() + 1 == width
                            && roles.last() == Some(&ColumnRole::Note)
                            && is_short_phrase(t2)
                            && paras.clone().nth(1).is_none_or(|(_, p3)| {
                                let t3 = p3.text.trim();
                                let t4 = paras.clone().nth(2).map(|(_, p4)| p4.text.trim());
                                starts_section(t3, t4)
                                    || section_cell(t3, t4)
                                    || is_furniture(t3)
                                    || running_number(t3).is_some_and(|m| same_or_next(m, n))
                            })))
                {
                    break;
                }
                cells.push(Cell::new(t2, cells.len() as u32, p2.pos.clone()));
                end = k2;
                paras.next();
            }
            if cells.len() < 2 {
                break;
            }
            // (A row whose 配合 cell is empty, in a table whose 配合
            // column may be empty throughout, is complete without it where
            // it has its deadline: a row the input cuts short has not.)
            let support_left_empty = has_support
                && roles.contains(&ColumnRole::Deadline)
                && cells
                    .iter()
                    .skip(1)
                    .any(|c| fits_column(&c.text, ColumnRole::Deadline));
            complete_rows += usize::from(cells.len() + usize::from(support_left_empty) >= needed);
            rows.push(Row {
                pos: p.pos.clone(),
                cells: with_empty_support(cells, roles),
            });
            last_number = Some(n);
            used = end + 1;
        } else if between_rows(text, paras.peek().map(|(_, p2)| p2.text.trim())) {
            // (Repeated on each row, the same section.)
            if last_section != Some(text) {
                rows.push(section_row(p, None, roles).0);
                last_section = Some(text);
            }
        } else if starts_section(text, paras.peek().map(|(_, p2)| p2.text.trim())) {
            let title = paras.peek().map(|&(_, p2)| p2);
            let (row, took_title) = section_row(p, title, roles);
            if took_title {
                paras.next();
            }
            rows.push(row);
        } else if let Some(n) = last_number.filter(|_| {
            // Under a section row the next row has its number.
            !rows
                .last()
                .is_some_and(|r| r.cells.len() == 1 && is_section(&r.cells[0].text))
                && fits_column(text, ColumnRole::Measure)
                && !is_furniture(text)
        }) {
            // Rows of the numbered task without its number (merged, so
            // printed once): each a text cell, then the unit and deadline
            // cells it does not share with the row above; up to the next
            // number or section.
            let mut block: Vec<(usize, &Paragraph)> = vec![(k, p)];
            while let Some(&(k2, p2)) = paras.peek() {
                let t2 = p2.text.trim();
                let number = running_number(t2);
                let fits = (fits_column(t2, ColumnRole::Measure)
                    || fits_column(t2, ColumnRole::Units(Role::Responsible))
                    || fits_column(t2, ColumnRole::Deadline))
                    && !is_furniture(t2);
                let t3 = paras.clone().nth(1).map(|(_, p3)| p3.text.trim());
                if number.is_some_and(|m| same_or_next(m, n))
                    || starts_section(t2, t3)
                    || section_cell(t2, t3)
                    || !fits
                {
                    break;
                }
                block.push((k2, p2));
                paras.next();
            }
            let mut ahead = paras.clone();
            let t3 = ahead.nth(1).map(|(_, p3)| p3.text.trim());
            let goes_on = paras.peek().is_some_and(|(_, p2)| {
                let t2 = p2.text.trim();
                is_section(t2)
                    || section_cell(t2, t3)
                    || running_number(t2).is_some_and(|m| same_or_next(m, n))
            });
            let mut found = unnumbered_rows(&block, width, one_unit_column, has_leader);
            // Paragraphs left over end the table before them; where the
            // table does not go on, what closes the notice (a closing
            // sentence, the signature) is not a row.
            let covered: usize = found.iter().map(Vec::len).sum();
            let goes_on = goes_on && covered == block.len();
            let whole = found.len();
            if !goes_on {
                // The notice's closing lines and all after them.
                if let Some(s) = found.iter().position(|row| {
                    let texts: Vec<&str> = row.iter().map(|(_, p)| p.text.trim()).collect();
                    is_signature(&texts)
                }) {
                    found.truncate(s);
                }
                while found.last().is_some_and(|row| {
                    let texts: Vec<&str> = row.iter().map(|(_, p)| p.text.trim()).collect();
                    // (A note under the table, or a page's lines, follow
                    // its last row.)
                    texts.len() == 1
                        && (ends_sentence(texts[0])
                            || paras.peek().is_some_and(|(_, p)| !is_furniture(&p.text)))
                }) {
                    found.pop();
                }
            }
            for row in &found {
                rows.push(joined_row_of(row, one_unit_column));
                used = row[row.len() - 1].0 + 1;
            }
            if found.len() < whole || found.is_empty() || covered < block.len() {
                break;
            }
        } else {
            break;
        }
    }
    // Section rows after the last numbered row belong to what follows.
    while rows.len() > 1
        && rows.last().is_some_and(|r| {
            r.cells.len() == 1
                && (is_section(&r.cells[0].text) || (section_first && r.cells[0].col_span > 1))
        })
    {
        rows.pop();
    }
    if complete_rows == 0 {
        return None;
    }
    Some((
        Table {
            index,
            layout: TableLayout::Flattened,
            rows,
        },
        used,
    ))
}

/// Appends a line to the last cell of `row` (a cell broken over lines).
fn join_line(row: &mut [Cell], line: &str) {
    if let Some(last) = row.last_mut() {
        last.text.push('\n');
        last.text.push_str(line);
    }
}

/// The rows of a table without running numbers: `width` paragraphs each,
/// each cell fitting its column (units where units stand, a deadline the
/// grammar understands where deadlines stand, other text in text columns),
/// section rows between them. Stops at the first row that does not fit.
fn rows_in_step<'a>(
    mut rows: Vec<Row>,
    roles: &[ColumnRole],
    rest: impl Iterator<Item = (usize, &'a Paragraph)>,
    index: u32,
) -> Option<(Table, usize)> {
    let width = roles.len();
    if width < 3 {
        return None;
    }
    // Paragraphs are read only as far as rows need them (every paragraph
    // of a document may start a header: reading on to the end from each
    // would be quadratic).
    let mut source = rest.fuse();
    let mut rest: Vec<(usize, &Paragraph)> = Vec::new();
    let mut fill = |rest: &mut Vec<(usize, &'a Paragraph)>, len: usize| {
        while rest.len() < len {
            match source.next() {
                Some(x) => rest.push(x),
                None => break,
            }
        }
    };
    // (A 配合 column may be left empty: a row then has a cell fewer.)
    let support = roles
        .iter()
        .position(|r| *r == ColumnRole::Units(Role::Support));
    // (An official's cell names people, no units.)
    let in_step = |chunk: &[(usize, &Paragraph)], roles: &[ColumnRole]| {
        chunk.len() == roles.len()
            && chunk.iter().zip(roles).all(|((_, p), role)| {
                let t = p.text.trim();
                !is_section(t)
                    && fits_column(t, *role)
                    && !(*role == ColumnRole::Leader
                        && fits_column(t, ColumnRole::Units(Role::Responsible)))
            })
    };
    let without_support: Vec<ColumnRole> = roles
        .iter()
        .enumerate()
        .filter(|(c, _)| Some(*c) != support)
        .map(|(_, r)| *r)
        .collect();
    // How many paragraphs the row at `at` takes: one per column, or one
    // fewer where its 配合 cell is empty.
    // (Row by row, the full reading first. Only under a header of header
    // words: a title over it, `…工作任务分工方案`, is none.)
    let header_words = rows.first().is_some_and(|h| {
        h.cells
            .iter()
            .all(|c| is_header_word(&c.text) || is_short_word(&c.text))
    });
    let support = support.filter(|_| header_words);
    let row_len = |rest: &[(usize, &Paragraph)], at: usize| {
        let take = |n: usize| &rest[at.min(rest.len())..(at + n).min(rest.len())];
        let full = in_step(take(width), roles);
        let short = support.is_some() && in_step(take(width - 1), &without_support);
        if full {
            Some(width)
        } else if short {
            Some(width - 1)
        } else {
            None
        }
    };
    let mut used = 0;
    let mut complete_rows = 0;
    let mut at = 0;
    loop {
        fill(&mut rest, at + width);
        let Some(&(_, p)) = rest.get(at) else {
            break;
        };
        let text = p.text.trim();
        let next_text = rest.get(at + 1).map(|(_, p2)| p2.text.trim());
        if starts_section(text, next_text) {
            let (row, took_title) = section_row(p, rest.get(at + 1).map(|&(_, p2)| p2), roles);
            rows.push(row);
            at += 1 + usize::from(took_title);
            continue;
        }
        let Some(len) = row_len(&rest, at) else {
            break;
        };
        // A closing sentence, the issuer and the date of writing fit the
        // columns too: as the last rows-worth of paragraphs that fit, they
        // end the table.
        let mut next = at + len;
        loop {
            fill(&mut rest, next + width);
            let after = rest.get(next + 1).map(|&(_, p2)| p2);
            match rest.get(next) {
                Some(&(_, p)) if starts_section(p.text.trim(), after.map(|p2| p2.text.trim())) => {
                    let (_, took_title) = section_row(p, after, roles);
                    next += 1 + usize::from(took_title);
                }
                _ => break,
            }
        }
        let last = next >= rest.len() || row_len(&rest, next).is_none();
        let chunk = &rest[at..at + len];
        let texts: Vec<&str> = chunk.iter().map(|(_, p)| p.text.as_str()).collect();
        if last && is_signature(&texts) {
            break;
        }
        let mut row = row_of(chunk);
        if let Some(c) = support.filter(|_| len < width) {
            insert_empty_cell(&mut row.cells, c);
        }
        rows.push(row);
        complete_rows += 1;
        used = chunk[len - 1].0 + 1;
        at += len;
    }
    while rows.len() > 1 && rows.last().is_some_and(|r| r.cells.len() == 1) {
        rows.pop();
    }
    (complete_rows > 0).then_some((
        Table {
            index,
            layout: TableLayout::Flattened,
            rows,
        },
        used,
    ))
}

/// The cells of a numbered row one short of the header, where the cell
/// in the 配合 column's place fits the column after it and no unit list,
/// and no column before it may be left empty
/// (`1` / `…` / `市财政局` / `2024年6月底前` under `序号 … 牵头单位 配合单位
/// 完成时限`): the 配合 cell left empty, an empty cell in its place, so
/// that the cells after it stand in their columns. Other rows as they are.
fn with_empty_support(mut cells: Vec<Cell>, roles: &[ColumnRole]) -> Vec<Cell> {
    let Some(c) = roles
        .iter()
        .position(|r| *r == ColumnRole::Units(Role::Support))
    else {
        return cells;
    };
    // (Where a column a row may leave empty stands before it, the cell
    // missing may be that one's.)
    let short = cells.len() + 1 == roles.len()
        && !roles[..c]
            .iter()
            .any(|r| matches!(r, ColumnRole::Note | ColumnRole::Other | ColumnRole::Leader));
    let after_fits = cells.get(c).is_some_and(|cell| {
        let t = cell.text.trim();
        roles
            .get(c + 1)
            .is_some_and(|next| *next != ColumnRole::Other && fits_column(t, *next))
            && !fits_column(t, ColumnRole::Units(Role::Responsible))
    });
    if short && after_fits {
        insert_empty_cell(&mut cells, c);
    }
    cells
}

/// An empty cell put in column `c` of a row's cells (a 配合 cell left
/// empty), at the position of the cell it stands before, the cells after
/// it moved one column right.
fn insert_empty_cell(cells: &mut Vec<Cell>, c: usize) {
    let Some(pos) = cells
        .get(c.min(cells.len().saturating_sub(1)))
        .map(|cell| cell.pos.clone())
    else {
        return;
    };
    cells.insert(c.min(cells.len()), Cell::new("", c as u32, pos));
    for (k, cell) in cells.iter_mut().enumerate() {
        cell.col = k as u32;
    }
}

/// A row of one cell per paragraph, at the first paragraph's position.
fn row_of(paragraphs: &[(usize, &Paragraph)]) -> Row {
    Row {
        pos: paragraphs[0].1.pos.clone(),
        cells: paragraphs
            .iter()
            .enumerate()
            .map(|(c, (_, p))| Cell::new(p.text.trim(), c as u32, p.pos.clone()))
            .collect(),
    }
}

/// The cells of a row's paragraphs: one each, except that unit names
/// after unit names join their cell (a cell of units broken over lines)
/// when `join_units`.
fn cells_of_row(paragraphs: &[(usize, &Paragraph)], join_units: bool) -> Vec<Cell> {
    let units = ColumnRole::Units(Role::Responsible);
    let mut cells: Vec<Cell> = Vec::with_capacity(paragraphs.len());
    for (_, p) in paragraphs {
        let t = p.text.trim();
        match cells.last_mut() {
            Some(last) if join_units && fits_column(t, units) && fits_column(&last.text, units) => {
                last.text.push('\n');
                last.text.push_str(t);
            }
            _ => cells.push(Cell::new(t, cells.len() as u32, p.pos.clone())),
        }
    }
    cells
}

/// A row of [`cells_of_row`], at the first paragraph's position.
fn joined_row_of(paragraphs: &[(usize, &Paragraph)], join_units: bool) -> Row {
    Row {
        pos: paragraphs[0].1.pos.clone(),
        cells: cells_of_row(paragraphs, join_units),
    }
}

/// Whether running number `m` may follow `n`: the next number, or `n`
/// printed again on another row of its task.
pub(super) fn same_or_next(m: u32, n: u32) -> bool {
    m == n || Some(m) == n.checked_add(1)
}

/// Whether a paragraph ends as a sentence does (`。`, `！`).
pub(super) fn ends_sentence(text: &str) -> bool {
    fold(text.trim()).ends_with(['。', '!'])
}

/// Paragraphs of rows without their number split into rows: a row starts at
/// each paragraph that fits a text column and holds at most `width - 1`
/// cells (the number is never printed).
fn unnumbered_rows<'a>(
    block: &[(usize, &'a Paragraph)],
    width: usize,
    join_units: bool,
    has_leader: bool,
) -> Vec<Vec<(usize, &'a Paragraph)>> {
    let mut rows: Vec<Vec<(usize, &Paragraph)>> = Vec::new();
    let units = ColumnRole::Units(Role::Responsible);
    for &(k, p) in block {
        // Unit names after unit names continue their cell (see `row_of`).
        let continues_units = join_units
            && fits_column(p.text.trim(), units)
            && rows
                .last()
                .and_then(|row| row.last())
                .is_some_and(|(_, q)| fits_column(q.text.trim(), units));
        let cells = |row: &Vec<(usize, &Paragraph)>| cells_of_row(row, join_units).len();
        let room = rows.last().is_some_and(|row| cells(row) + 1 < width);
        // A short word where a row has room is an official's name (a
        // 责任领导 cell), not a row's text.
        let starts = fits_column(p.text.trim(), ColumnRole::Measure)
            && !(has_leader && room && is_short_word(&p.text));
        if continues_units {
            rows.last_mut().expect("a row").push((k, p));
        } else if starts || rows.is_empty() {
            rows.push(vec![(k, p)]);
        } else if room {
            rows.last_mut().expect("a row").push((k, p));
        } else {
            break;
        }
    }
    rows
}

/// Whether paragraphs that fit a row's columns are the notice's closing
/// lines instead: a sentence (`请认真贯彻落实。`), then only issuer names and
/// the date of writing, one of them a date.
pub(super) fn is_signature(texts: &[&str]) -> bool {
    let Some((first, rest)) = texts.split_first() else {
        return false;
    };
    ends_sentence(first)
        && rest
            .iter()
            .any(|t| matches!(classify(t), Some(MetaLine::Date(_))))
        && rest
            .iter()
            .all(|t| matches!(classify(t), Some(MetaLine::Date(_))) || looks_like_issuer(t))
}

/// How many lines past a header are read for its first row's number:
/// section rows over it (a label alone and its title, twice) first.
const FIRST_ROW_LINES: usize = 6;

/// Whether the first row under a header begins with its running number,
/// past the section rows over it (`一、…`, `（一）` then its title, a
/// section printed without its label): `lines` are the lines after the
/// header.
fn first_row_numbered<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let lines: Vec<&str> = lines.take(FIRST_ROW_LINES).collect();
    let mut k = 0;
    while let Some(&t) = lines.get(k) {
        if row_number(t).is_some() {
            return true;
        }
        if heading_label_alone(t).is_some() {
            k += 2;
        } else if starts_section(t, lines.get(k + 1).copied()) {
            k += 1;
        } else {
            return false;
        }
    }
    false
}

/// A section row between rows: a short `一、` line.
pub(super) fn is_section(text: &str) -> bool {
    text.chars().count() <= MAX_SECTION_CHARS
        && (parse_label(text).is_some_and(|l| l.kind == LabelKind::ChineseComma)
            || heading_label_alone(text).is_some())
}

/// The row of a section line: a label alone (`一、`, `（一）`, the 序号
/// cell) with its title from the next line (returns `true` when it took
/// it; in one cell where no 序号 column holds the label), or one cell
/// spanning the table (its label lost or not, it is no 序号 cell).
fn section_row(p: &Paragraph, next: Option<&Paragraph>, roles: &[ColumnRole]) -> (Row, bool) {
    let width = roles.len();
    let seq_first = roles.first() == Some(&ColumnRole::Seq);
    let text = p.text.trim();
    let mut cells = vec![Cell::new(text, 0, p.pos.clone())];
    let bare = heading_label_alone(text).is_some();
    // (Under a section the next row has its number: a line without one is
    // the title, whatever its words look like: `全面加强…工作`, `扎实推进数字政府`.)
    let title = next.filter(|p2| {
        let t2 = p2.text.trim();
        bare && running_number(t2).is_none()
            && !is_section(t2)
            && !is_furniture(t2)
            && t2.chars().count() <= MAX_SECTION_CHARS
    });
    match title {
        // (The label in the 序号 column, the title beside it.)
        Some(p2) if seq_first => cells.push(Cell::new(p2.text.trim(), 1, p2.pos.clone())),
        // (Without one, label and title are one cell.)
        Some(p2) => {
            cells[0].text.push_str(p2.text.trim());
            cells[0].col_span = width as u32;
        }
        None => cells[0].col_span = width as u32,
    }
    let took = title.is_some();
    (
        Row {
            pos: p.pos.clone(),
            cells,
        },
        took,
    )
}

/// Whether a line starts a section row: labelled (see [`is_section`]) or
/// printed without its label (see [`is_unlabelled_section`]).
fn starts_section(text: &str, next: Option<&str>) -> bool {
    is_section(text) || is_unlabelled_section(text, next)
}

/// Whether a line is a section row printed without its label: a sentence
/// short enough for a section, standing right before a section row
/// (`强化科技创新支撑能力。` then `（一）` / `加强战略科技力量建设。`).
fn is_unlabelled_section(text: &str, next: Option<&str>) -> bool {
    // (Cheap tests first: every line of a row is asked.)
    text.chars().count() <= MAX_SECTION_CHARS
        && next.is_some_and(is_section)
        && ends_sentence(text)
        && parse_label(text).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::read_text;

    fn rebuilt(text: &str) -> Vec<Vec<String>> {
        let doc = fold_vertical_tables(&read_text(text)).expect("a table");
        let tables: Vec<&Table> = doc.tables().collect();
        assert_eq!(tables.len(), 1);
        tables[0]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn rebuilds_a_table_pasted_one_cell_per_line() {
        let rows = rebuilt(
            "2023年重点工作责任分解\n序号\n主 要 工 作 任 务\n责任单位\n1\n地区生产总值增长6%左右。\n\
             市发展改革委\n2\n研发投入强度达到3.3%。\n市科技局\n一、扩大有效投资\n3\n完成投资。\n\
             市发展改革委、市财政局\n以上任务请认真落实。",
        );
        assert_eq!(
            rows,
            [
                vec!["序号", "主 要 工 作 任 务", "责任单位"],
                vec!["1", "地区生产总值增长6%左右。", "市发展改革委"],
                vec!["2", "研发投入强度达到3.3%。", "市科技局"],
                vec!["一、扩大有效投资"],
                vec!["3", "完成投资。", "市发展改革委、市财政局"],
            ]
        );
    }

    #[test]
    fn a_support_column_left_empty_leaves_a_row_a_cell_short() {
        // Without running numbers: the first row says the column is empty.
        let rows = rebuilt(
            "具体措施\n牵头单位\n配合单位\n完成时限\n开展专项整治行动\n市财政局\n2024年底前\n\
             加大政策支持力度\n市税务局\n每季度\n",
        );
        assert_eq!(rows[1], ["开展专项整治行动", "市财政局", "", "2024年底前"]);
        assert_eq!(rows[2], ["加大政策支持力度", "市税务局", "", "每季度"]);
        // Numbered: the cell after the units is the deadline's.
        let rows = rebuilt(
            "序号\n具体措施\n牵头单位\n配合单位\n完成时限\n1\n开展专项整治行动\n市财政局\n\
             2024年底前\n2\n加大政策支持力度\n市税务局\n每季度\n",
        );
        assert_eq!(
            rows[1],
            ["1", "开展专项整治行动", "市财政局", "", "2024年底前"]
        );
        // A row the input cuts short, before its deadline, is no row.
        assert_eq!(
            fold_vertical_tables(&read_text(
                "序号\n工作任务\n牵头单位\n配合单位\n完成时限\n1\n联动共建\n推动实验室落地，引进研发机构、中科"
            )),
            None
        );
    }

    #[test]
    fn rows_of_a_task_without_their_number() {
        let rows = rebuilt(
            "序号\n重点任务\n具体措施\n责任单位\n完成时限\n1\n提升服务水平\n开展专项整治行动\n市财政局\n2024年底前\n\
             加大政策支持力度\n市税务局\n推进平台建设\n2\n健全体系\n完善制度建设\n市商务局\n每季度\n\
             组织业务培训\n请各单位认真贯彻落实。",
        );
        assert_eq!(rows[2], ["加大政策支持力度", "市税务局"]);
        assert_eq!(rows[3], ["推进平台建设"]);
        assert_eq!(
            rows[4],
            ["2", "健全体系", "完善制度建设", "市商务局", "每季度"]
        );
        assert_eq!(rows[5], ["组织业务培训"]);
        assert_eq!(rows.len(), 6, "the closing sentence is no row");
    }

    #[test]
    fn closing_lines_after_rows_without_numbers_are_no_rows() {
        let rows = rebuilt(
            "序号\n重点任务\n具体措施\n责任单位\n完成时限\n1\n提升服务水平\n开展专项整治行动\n市财政局\n2024年底前\n\
             加大政策支持力度\n市税务局\n以上任务请认真落实。\n某市人民政府办公室\n2024年3月1日\n（此件公开发布）",
        );
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[2], ["加大政策支持力度", "市税务局"]);
        assert_eq!(running_number("4294967295"), Some(u32::MAX));
        rebuilt("序号\n工作任务\n责任单位\n4294967295\n甲\n市财政局\n乙\n市税务局");
    }

    #[test]
    fn a_number_printed_on_each_row_of_its_task() {
        let rows =
            rebuilt("序号\n工作任务\n责任单位\n1\n甲\n市财政局\n1\n乙\n市税务局\n2\n丙\n市商务局");
        assert_eq!(rows[2], ["1", "乙", "市税务局"]);
        assert_eq!(rows[3], ["2", "丙", "市商务局"]);
    }

    #[test]
    fn the_last_row_is_no_signature_unless_it_closes() {
        assert!(is_signature(&[
            "请认真贯彻落实。",
            "某市人民政府办公室",
            "2024年3月1日"
        ]));
        assert!(!is_signature(&[
            "开展专项整治",
            "市文化广电旅游局",
            "2023年7月17日"
        ]));
    }

    #[test]
    fn full_width_running_numbers() {
        assert_eq!(running_number("１２"), Some(12));
        assert_eq!(running_number("3."), Some(3));
        assert_eq!(running_number("一"), None);
    }

    #[test]
    fn a_short_row_keeps_the_rows_in_step() {
        let rows = rebuilt("序号\n工作任务\n完成时限\n责任单位\n1\n甲\n6月底前\n市财政局\n2\n乙\n市税务局\n3\n丙\n年底前\n市商务局");
        assert_eq!(rows[2], ["2", "乙", "市税务局"]);
        assert_eq!(rows[3], ["3", "丙", "年底前", "市商务局"]);
    }

    #[test]
    fn the_header_runs_to_the_first_running_number() {
        // Two task words, a long progress header with digits; rows of a
        // page that starts at 24, their progress sentences after the units.
        let rows = rebuilt(
            "序号\n主要任务\n全年目标任务\n牵头单位\n1-10月推进情况\n说明\n\
             24\n新建中转站8个。\n城管局\n已进场施工。\n\
             25\n新增达标小区210个。\n城管局\n已完成招标。\n滞后两个月。",
        );
        assert_eq!(rows[0].len(), 6);
        assert_eq!(rows[1], ["24", "新建中转站8个。", "城管局", "已进场施工。"]);
        assert_eq!(
            rows[2],
            [
                "25",
                "新增达标小区210个。",
                "城管局",
                "已完成招标。",
                "滞后两个月。"
            ]
        );
    }

    #[test]
    fn section_rows_of_two_levels_one_without_its_label() {
        // A wrapped header (市政府 / 分管领导), a section printed without
        // its label, a label alone then its title, numbered rows.
        let rows = rebuilt(
            "序号\n重点工作\n市政府\n分管领导\n牵头单位\n配合单位\n\
             强化科技创新支撑能力。\n（一）\n加强战略科技力量建设。\n\
             1\n建设科技创新轴。\n王东\n市科技局\n黄埔区政府\n\
             提升产业竞争力。\n（一）\n壮大新兴产业。\n\
             2\n建设国家实验室。\n王东\n市科技局\n市财政局",
        );
        assert_eq!(rows[0].len(), 5);
        assert_eq!(rows[1], ["强化科技创新支撑能力。"]);
        assert_eq!(rows[2], ["（一）", "加强战略科技力量建设。"]);
        assert_eq!(rows[3].len(), 5);
        assert_eq!(rows[4], ["提升产业竞争力。"]);
        assert_eq!(rows[5], ["（一）", "壮大新兴产业。"]);
        assert_eq!(rows[6][0], "2");
    }

    #[test]
    fn a_sentence_the_last_column_takes_before_a_section_is_the_rows() {
        let rows = rebuilt(
            "序号\n具体措施\n责任单位\n完成时限\n进展情况\n一、稳增长\n\
             1\n做甲工作。\n市财政局\n6月底前\n已完成。\n二、促消费\n\
             2\n做乙工作。\n市商务局\n年底前\n正在推进。",
        );
        assert_eq!(
            rows[2],
            ["1", "做甲工作。", "市财政局", "6月底前", "已完成。"]
        );
        assert_eq!(rows[3], ["二、促消费"]);
    }

    #[test]
    fn progress_before_the_units_does_not_complete_a_row() {
        let rows = rebuilt(
            "序号\n具体措施\n进展情况\n分管领导\n责任单位\n完成时间\n\
             1\n甲。\n正在推进。\n孙海\n市财政局\n6月底前\n\
             1\n乙。\n已完成。\n孙海\n市税务局\n年底前",
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[2],
            ["1", "乙。", "已完成。", "孙海", "市税务局", "年底前"]
        );
    }

    #[test]
    fn a_cell_of_units_broken_over_lines_is_one_cell() {
        let rows = rebuilt(
            "序号\n工作任务\n责任单位\n完成时限\n1\n推进甲工作。\n县水务局\n县住建局\n12月底前\n\
             推进乙工作。\n县交通局\n县财政局\n2\n推进丙工作。\n县教育局\n9月底前",
        );
        assert_eq!(
            rows[1],
            ["1", "推进甲工作。", "县水务局\n县住建局", "12月底前"]
        );
        assert_eq!(rows[2], ["推进乙工作。", "县交通局\n县财政局"]);
        assert_eq!(rows[3], ["2", "推进丙工作。", "县教育局", "9月底前"]);
        // Two unit columns cannot say where the first ends: no joining.
        let rows = rebuilt(
            "序号\n工作任务\n牵头单位\n配合单位\n1\n推进甲工作。\n县水务局\n县住建局\n2\n推进乙工作。\n县交通局\n县财政局",
        );
        assert_eq!(rows[1], ["1", "推进甲工作。", "县水务局", "县住建局"]);
    }

    #[test]
    fn rebuilds_a_table_without_running_numbers_while_rows_fit() {
        let rows = rebuilt(
            "重点任务\n责任单位\n完成时限\n推进一网通办。\n市政务服务中心\n2024年6月底前\n\
             一、优化市场环境\n清理妨碍统一市场的规定。\n市市场监管局、市发展改革委\n每季度\n\
             请各单位认真贯彻落实。\n某市人民政府办公室\n2024年3月1日",
        );
        assert_eq!(
            rows,
            [
                vec!["重点任务", "责任单位", "完成时限"],
                vec!["推进一网通办。", "市政务服务中心", "2024年6月底前"],
                vec!["一、优化市场环境"],
                vec![
                    "清理妨碍统一市场的规定。",
                    "市市场监管局、市发展改革委",
                    "每季度"
                ],
            ]
        );
    }

    #[test]
    fn running_numbers_under_a_text_word_are_the_sequence() {
        // `任务项` heads the numbers; the title over the header is no cell.
        let rows = rebuilt(
            "重点工作任务完成情况\n任务项\n重点工作内容\n牵头责任单位\n完成状况\n\
             1\n开展市容秩序专项整治行动。\n区城管大队\n已完成\n\
             2\n深入推进生活垃圾分类工作。\n区环卫所\n已完成",
        );
        assert_eq!(
            rows[0],
            ["任务项", "重点工作内容", "牵头责任单位", "完成状况"]
        );
        assert_eq!(
            rows[2],
            ["2", "深入推进生活垃圾分类工作。", "区环卫所", "已完成"]
        );
        // Where no other column holds the text, the numbers are no row's.
        let doc = read_text("工作任务\n牵头单位\n配合单位\n1\n联动共建科学城\n区科技局");
        assert!(fold_vertical_tables(&doc)
            .is_none_or(|d| d.tables().all(|t| t.rows[0].cells[0].text != "工作任务")));
    }

    #[test]
    fn a_column_of_sections_before_the_sequence_gives_section_rows() {
        // `分类` merged over rows 1-2, repeated over row 3 (the same
        // section), then a new one.
        let doc = read_text(
            "分类\n序号\n事项\n责任单位\n\
             发展目标\n1\n地区生产总值增长6.5%以上。\n区发改局\n\
             2\n农业增加值增长3.5%。\n区农业农村局\n\
             发展目标\n3\n服务业增加值增长6%。\n区发改局\n\
             激发市场活力\n4\n深化政务服务改革。\n区行政服务中心",
        );
        let folded = fold_vertical_tables(&doc).expect("a table");
        // (The column's header word is kept, a paragraph before the table.)
        assert!(matches!(&folded.blocks[0], Block::Paragraph(p) if p.text == "分类"));
        let table = folded.tables().next().expect("a table");
        let rows: Vec<Vec<&str>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["序号", "事项", "责任单位"],
                vec!["发展目标"],
                vec!["1", "地区生产总值增长6.5%以上。", "区发改局"],
                vec!["2", "农业增加值增长3.5%。", "区农业农村局"],
                vec!["3", "服务业增加值增长6%。", "区发改局"],
                vec!["激发市场活力"],
                vec!["4", "深化政务服务改革。", "区行政服务中心"],
            ]
        );
    }

    #[test]
    fn leaves_ordinary_paragraphs_alone() {
        for text in [
            "序号\n1\n2",
            "序号\n工作任务\n责任单位\n这不是一个编号。",
            "一、总体要求\n（一）加强领导。（办公室负责）",
            "序号\n工作任务\n责任单位\n1\n甲",
            "重点任务\n责任单位\n完成时限\n推进一网通办。\n加强领导。\n2024年6月底前",
            "工作任务\n责任单位\n市财政局\n市税务局",
        ] {
            assert!(fold_vertical_tables(&read_text(text)).is_none(), "{text}");
        }
    }
}
