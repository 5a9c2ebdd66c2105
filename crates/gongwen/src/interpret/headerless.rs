//! Task tables pasted one cell per line without their header row (a page's
//! excerpt that starts inside the table, a table continued on a page of its
//! own): `一、持续推进…` / `1.结合权责清单…` / `法规科牵头，相关科室配合。` /
//! `长期` / `2.规范使用…` / `办公室` / `长期` / ….
//!
//! With no header to say where a row starts, the labels do:
//! - a row starts at a labelled line (a task's `1.` line, then its
//!   measure's `（1）` line, or the measure's line alone where the task cell
//!   was merged away) and goes on over the lines after it that are a row's
//!   other cells — each a unit list or a deadline, short, unlabelled, no
//!   label line (`牵头单位：…`, the prose reader's), no colon — up to the
//!   next labelled line;
//! - a line labelled `一、` or `（一）` right before another labelled line is
//!   a section row (a task cell merged over the rows below reads alike);
//! - a row with no unit or deadline cell of its own (all merged from the
//!   row above) may stand before another row;
//! - the notice's closing lines (the issuer, then the date of writing,
//!   where no row follows) are no row's cells after a row's own unit or
//!   deadline cell, after the first row's text, or where no row above had
//!   two such cells (else they are the row's, as the rows above have them);
//! - a labelled line with no such cells after it ends the run (a heading,
//!   or a row the text ends inside: left to the prose reader, which says
//!   so), as does any other line.
//!
//! The run becomes a [`TableLayout::Flattened`] table where its cells say
//! its columns' roles ([`super::columns::header_by_content`]; else it stays
//! lines), and, for a run of one row, where that row has a unit cell and a
//! deadline cell.
//!
//! This pass only rebuilds tables; what their rows mean is the table
//! interpreter's business.

use crate::document::{Block, Cell, Document, Paragraph, Row, Table, TableLayout};
use crate::grammar::label::{parse_label, LabelKind};

use super::columns::{fits_column, header_by_content, ColumnRole};
use super::meta::{classify, MetaLine};
use super::prose::label_line;
use super::vertical::{paragraphs, rebuild_runs};
use crate::model::Role;

/// Most text cells a row starts with: a task's and its measure's.
const MAX_TEXT_CELLS: usize = 2;
/// Most unit and deadline cells a row has.
const MAX_FIELD_CELLS: usize = 3;
/// Longest unit or deadline cell, in chars.
const MAX_FIELD_CHARS: usize = 60;

/// Rebuilds headerless one-cell-per-line tables; `None` when there is none.
pub fn fold_headerless_tables(doc: &Document) -> Option<Document> {
    rebuild_runs(doc, |blocks, index| {
        table_at(blocks, index).map(|(table, used)| (vec![Block::Table(table)], used))
    })
}

/// What one line of a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// A labelled text: a task's or a measure's cell.
    Text(LabelKind),
    /// A unit list or a deadline.
    Field,
    /// Anything else: the run ends.
    Other,
}

fn is_heading_kind(kind: LabelKind) -> bool {
    matches!(kind, LabelKind::ChineseComma | LabelKind::ChineseParen)
}

fn line_of(text: &str) -> Line {
    let t = text.trim().trim_end_matches(['|', '｜']).trim();
    if let Some(label) = parse_label(t) {
        // (A label alone is a 序号's, not a text.)
        return if label.text_after(t).is_empty() {
            Line::Other
        } else {
            Line::Text(label.kind)
        };
    }
    // (A label line, `牵头单位：区发改局`, is the prose reader's; a line
    // of the notice's own, `抄送：…`, the front matter's: a cell says what it
    // holds without a word and a colon.)
    // (A date alone may be a deadline's cell.)
    let notice_line = classify(t).is_some_and(|m| !matches!(m, MetaLine::Date(_)));
    if label_line(t).is_some() || notice_line || t.contains([':', '：']) {
        return Line::Other;
    }
    let short = t.chars().count() <= MAX_FIELD_CHARS;
    let field = fits_column(t, ColumnRole::Units(Role::Responsible))
        || fits_column(t, ColumnRole::Deadline);
    if short && field {
        Line::Field
    } else {
        Line::Other
    }
}

/// Whether `lines` start with the notice's closing lines, where a row's
/// unit and deadline lines would stand: a line naming the issuer, then the
/// date of writing (`2024年3月1日`), then nothing a row starts with.
fn closing_lines(lines: &[(usize, &Paragraph, Line)]) -> bool {
    match lines {
        [(_, _, Line::Field), (_, date, _), rest @ ..] => {
            matches!(classify(date.text.trim()), Some(MetaLine::Date(_)))
                && !matches!(rest.first(), Some((_, _, Line::Text(_))))
        }
        _ => false,
    }
}

/// A run's lines, read as far as they are asked for (a run that ends at its
/// first row reads a few lines, not the rest of the document).
struct RunLines<'a, I: Iterator<Item = (usize, &'a Paragraph)>> {
    read: Vec<(usize, &'a Paragraph, Line)>,
    rest: I,
    /// Whether a line that ends every run (or the end) has been read.
    ended: bool,
}

impl<'a, I: Iterator<Item = (usize, &'a Paragraph)>> RunLines<'a, I> {
    /// Reads lines up to index `k` (or the run's end).
    fn fill(&mut self, k: usize) {
        while !self.ended && self.read.len() <= k {
            match self.rest.next() {
                Some((b, p)) => {
                    let line = line_of(&p.text);
                    self.ended = line == Line::Other;
                    self.read.push((b, p, line));
                }
                None => self.ended = true,
            }
        }
    }

    fn kind(&mut self, k: usize) -> Option<Line> {
        self.fill(k);
        self.read.get(k).map(|(_, _, l)| *l)
    }

    fn text_at(&mut self, k: usize) -> Option<LabelKind> {
        match self.kind(k) {
            Some(Line::Text(kind)) => Some(kind),
            _ => None,
        }
    }

    /// The lines `from..to` (read already) as a row of cells.
    fn row(&self, from: usize, to: usize) -> Row {
        let cells = self.read[from..to]
            .iter()
            .enumerate()
            .map(|(col, (_, p, _))| {
                let text = p.text.trim().trim_end_matches(['|', '｜']).trim();
                Cell::new(text, col as u32, p.pos.clone())
            })
            .collect();
        Row {
            pos: self.read[from].1.pos.clone(),
            cells,
        }
    }

    /// [`closing_lines`] at `k`.
    fn closing_at(&mut self, k: usize) -> bool {
        self.fill(k + 2);
        closing_lines(self.read.get(k..).unwrap_or(&[]))
    }
}

/// The table whose first row starts at the first paragraph of `blocks`, and
/// how many blocks it used.
fn table_at(blocks: &[Block], index: u32) -> Option<(Table, usize)> {
    // Cheap test first: every paragraph is asked.
    let Some(Block::Paragraph(first)) = blocks.first() else {
        return None;
    };
    let t = first.text.trim();
    if parse_label(t).is_none_or(|l| l.text_after(t).is_empty()) {
        return None;
    }
    let mut lines = RunLines {
        read: Vec::new(),
        rest: paragraphs(blocks),
        ended: false,
    };
    let mut rows: Vec<Row> = Vec::new();
    // The rows up to the last with unit or deadline cells, how many have
    // them, and the blocks those rows used.
    let (mut kept, mut complete, mut used) = (0, 0, 0);
    // The most unit and deadline cells a row has had.
    let mut widest_fields = 0;
    let mut at = 0;
    while lines.kind(at).is_some() {
        // A heading's line before another labelled line is a section row
        // (or the task cell merged over the rows below: read alike).
        while lines.text_at(at).is_some_and(is_heading_kind) && lines.text_at(at + 1).is_some() {
            rows.push(lines.row(at, at + 1));
            at += 1;
        }
        let start = at;
        let mut texts = Vec::new();
        while let Some(kind) = lines.text_at(at) {
            // (A task's line, then its measure's: labels of two forms.)
            if texts.len() == MAX_TEXT_CELLS || texts.contains(&kind) {
                break;
            }
            texts.push(kind);
            at += 1;
        }
        let fields_from = at;
        while at - fields_from < MAX_FIELD_CELLS
            && lines.kind(at) == Some(Line::Field)
            // (Closing lines after a row's own cells, or after a first
            // row's text: lines the other rows' cells have the shape of
            // are the row's.)
            && !((at > fields_from || complete == 0 || widest_fields < 2)
                && lines.closing_at(at))
        {
            at += 1;
        }
        // (A row whose unit and deadline cells were all merged from the
        // row above has none of its own: it stands before another row.)
        let merged_away = complete > 0 && at == fields_from && lines.text_at(at).is_some();
        if texts.is_empty() || (at == fields_from && !merged_away) {
            break;
        }
        rows.push(lines.row(start, at));
        if at > fields_from {
            widest_fields = widest_fields.max(at - fields_from);
            complete += 1;
            kept = rows.len();
            used = lines.read[at - 1].0 + 1;
        }
    }
    // (Rows after the last with unit or deadline cells are no table's: the
    // text may end inside one.)
    rows.truncate(kept);
    // (A table of one row states its units and its deadline: one line
    // after an item may be anything, an issuer.)
    let states_both = |r: &Row| {
        let states = |role| r.cells.iter().skip(1).any(|c| fits_column(&c.text, role));
        states(ColumnRole::Units(Role::Responsible)) && states(ColumnRole::Deadline)
    };
    let enough = complete > 1 || (complete == 1 && rows.iter().any(states_both));
    let table = Table {
        index,
        layout: TableLayout::Flattened,
        rows,
    };
    // (Rows whose cells say no roles, two unit lines in one row, stay
    // lines.)
    (enough && header_by_content(&table).is_some()).then_some((table, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lines: &[&str]) -> Document {
        use crate::document::Position;
        Document {
            blocks: lines
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    Block::Paragraph(Paragraph {
                        text: (*t).to_owned(),
                        pos: Position::Line { line: i as u32 + 1 },
                    })
                })
                .collect(),
        }
    }

    fn rows_of(doc: &Document) -> Vec<Vec<String>> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .flat_map(|t| &t.rows)
            .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn rows_start_at_labelled_lines() {
        let folded = fold_headerless_tables(&doc(&[
            "一、做好财政信息公开 |",
            "1.积极推进预算公开。 |",
            "财务科 |",
            "长期 |",
            "2.及时更新网站信息。 |",
            "办公室牵头，各科室配合。 |",
            "2024年6月底前 |",
            "二、加强政策解读 |",
            "3.做好政策解读。",
        ]))
        .expect("a table");
        assert_eq!(
            rows_of(&folded),
            [
                // (A heading's line before a row: a section row.)
                vec!["一、做好财政信息公开"],
                vec!["1.积极推进预算公开。", "财务科", "长期"],
                vec![
                    "2.及时更新网站信息。",
                    "办公室牵头，各科室配合。",
                    "2024年6月底前"
                ],
            ]
        );
        // The row the text ends inside stays lines.
        assert_eq!(folded.blocks.len(), 3);
    }

    #[test]
    fn one_item_and_a_signature_are_no_table() {
        assert!(fold_headerless_tables(&doc(&[
            "1.积极推进预算公开。",
            "市财政局",
            "2024年3月1日",
        ]))
        .is_none());
        // Nor a signature after items that had one unit line each.
        assert!(fold_headerless_tables(&doc(&[
            "1.加强隐患排查整治工作。",
            "县应急局",
            "2.严格落实安全生产责任制。",
            "县安全生产委员会",
            "2024年3月1日",
        ]))
        .is_none());
        // Nor a schedule: deadlines name no one.
        assert!(fold_headerless_tables(&doc(&[
            "（一）动员部署阶段。",
            "2024年3月10日前",
            "（二）组织实施阶段。",
            "2024年6月底前",
        ]))
        .is_none());
        // One item with its units and deadline is.
        let one = fold_headerless_tables(&doc(&[
            "（1）积极推进预算公开。",
            "市委宣传部、市财政局",
            "2026年底前",
            "市财政局",
            "2024年3月1日",
        ]))
        .expect("a table");
        assert_eq!(
            rows_of(&one),
            [vec![
                "（1）积极推进预算公开。",
                "市委宣传部、市财政局",
                "2026年底前"
            ]]
        );
        // Nor are items without unit or deadline lines.
        assert!(
            fold_headerless_tables(&doc(&["1.积极推进预算公开。", "2.及时更新网站信息。",]))
                .is_none()
        );
    }
}
