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
//! The table ends at the first paragraph that fits none of this; blank
//! paragraphs between rows are part of it. A line with more cells than the
//! header (a space inside a cell) ends the table: it is left as a
//! paragraph rather than cut at a guess. Cells keep their paragraphs'
//! positions (lines). Nothing else is changed.

use crate::document::{Block, Cell, Document, Paragraph, Row, Table, TableLayout};
use crate::grammar::label::{heading_label_alone, parse_label};
use crate::grammar::lexicon::header_field;
use crate::model::Role;

use super::cell_text::is_furniture;
use super::cell_text::{row_number, running_number};
use super::columns::{
    cells_a_row_needs, could_head_task_table, find_header, first_column_may_number, fits_column,
    is_short_word, role_of_header, ColumnRole,
};
use super::meta::{classify, looks_like_issuer};
use super::vertical::{
    ends_sentence, is_section, rebuild_runs, same_or_next, MAX_COLUMNS, MAX_HEADER_CHARS,
};

/// A header word may carry at most this many chars per char of the
/// lexicon word it is known by (`牵头责任单位` by `责任单位`, not a table's
/// title by the `工作任务` inside it).
const HEADER_CHARS_PER_WORD_CHAR: usize = 3;

/// How many section lines may stand between a header and its first row
/// (a section and a sub-section).
const MAX_SECTIONS_OVER_ROWS: usize = 2;

/// Rebuilds space-separated tables; `None` when the document has none.
pub fn fold_spaced_tables(doc: &Document) -> Option<Document> {
    rebuild_runs(doc, |blocks, index| {
        let found = table_at(blocks, index)?;
        let mut rebuilt: Vec<Block> = found.before.map(Block::Paragraph).into_iter().collect();
        rebuilt.push(Block::Table(found.table));
        Some((rebuilt, found.used))
    })
}

/// A table found at the start of some blocks.
struct Found {
    /// Text before the header on its line, a paragraph of its own.
    before: Option<Paragraph>,
    table: Table,
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
        let role = role_of_header(piece);
        if chars > MAX_HEADER_CHARS
            || chars > word_chars * HEADER_CHARS_PER_WORD_CHAR
            || (role != ColumnRole::Other && roles.contains(&role))
            || parse_label(piece).is_some()
        {
            break;
        }
        roles.insert(0, role);
        unknown.insert(0, header_field(piece).is_none());
        start -= 1;
        // 序号 stands first, or after a column of sections (`分类 序号 …`).
        if role == ColumnRole::Seq {
            if let Some(before) = start.checked_sub(1).map(|k| pieces[k]) {
                if role_of_header(before) == ColumnRole::Section && is_short_word(before) {
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

/// A table rebuilt from the paragraphs at the start of `blocks`.
fn table_at(blocks: &[Block], index: u32) -> Option<Found> {
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
        // (After a section's cell where a column of sections stands first.)
        .and_then(|pieces| pieces.iter().take(2).find_map(|p| row_number(p)))
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
    // (Its own first word; or, after a column of sections, its second.)
    let first = usize::from(roles[0] == ColumnRole::Section);
    if words.len() > first && first_column_may_number(&words[first..]) {
        let mut roles = roles.to_vec();
        roles[first] = ColumnRole::Seq;
        let mut unknown = unknown.to_vec();
        unknown[first] = false;
        out.push(section_before(trimmed, (offset, roles, unknown)));
    }
    out
}

/// A header whose 序号 stands first, with the column of sections before
/// it where the word before is a section's (`分类 任务项 …`).
fn section_before(text: &str, (start, mut roles, mut unknown): HeaderAt) -> HeaderAt {
    match cells_of(&text[..start]).pop() {
        Some(word) if is_short_word(word) && role_of_header(word) == ColumnRole::Section => {
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
    let header = row_of(&cells_of(header_text), first);
    if !could_head_task_table(&header) {
        return None;
    }
    // (A column of sections may stand before the 序号: a row's section
    // cell, where its merge does not leave it out, before its number.)
    let section_first = roles[0] == ColumnRole::Section && roles.get(1) == Some(&ColumnRole::Seq);
    let numbered = roles[0] == ColumnRole::Seq || section_first;
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
    while let Some(&(k, p)) = paras.peek() {
        let text = p.text.trim();
        let pieces = cells_of(text);
        if is_section_line(&pieces) {
            rows.push(row_of(&pieces, p));
            row_blocks.push(k);
            paras.next();
            continue;
        }
        if pieces.len() > width {
            break;
        }
        // (A row's section cell, then its number; or its number alone, the
        // section cell merged from above: an empty cell in its place.)
        let (pieces, number) = match pieces.as_slice() {
            [first, ..] if section_first && running_number(first).is_some() => {
                if pieces.len() >= width {
                    break;
                }
                let number = running_number(first);
                let mut with = vec![""];
                with.extend(pieces);
                (with, number)
            }
            [_, second, ..] if section_first && running_number(second).is_some() => {
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
                let run =
                    unnumbered_run(paras.clone(), width, n, roles.contains(&ColumnRole::Leader));
                if run == 0 {
                    break;
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
        used,
    })
}

/// Whether a line's pieces are a section row: a short `一、` line, or a
/// label alone (the 序号 cell) and its title.
fn is_section_line(pieces: &[&str]) -> bool {
    match pieces {
        [one] => is_section(one),
        [label, title] => {
            heading_label_alone(label).is_some()
                && running_number(title).is_none()
                && !is_section(title)
        }
        _ => false,
    }
}

fn is_section_row(row: &Row) -> bool {
    let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
    is_section_line(&texts)
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
) -> usize {
    let mut run = 0;
    let mut lone_since: Option<usize> = None;
    let mut stopped = false;
    let mut last_text = "";
    for (_, p) in paras {
        let text = p.text.trim();
        let pieces = cells_of(text);
        let goes_on = is_section_line(&pieces)
            || running_number(pieces[0]).is_some_and(|m| same_or_next(m, n));
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
