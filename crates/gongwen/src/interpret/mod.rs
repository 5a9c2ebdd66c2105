//! The interpreter: turns a [`Document`] into a [`Notice`], in passes.
//!
//! 1. **Rebuild** what pasting flattened: task tables pasted one cell per
//!    line ([`vertical`]) or between runs of spaces ([`spaced`]), paragraphs
//!    that ran several numbered items together ([`runon`]), a numbered
//!    title line and the one noted paragraph under it (`title_lines`).
//! 2. **Front matter**: addressees, title, issuer, date, annotation among
//!    the paragraphs (`front`), and in a web page's catalogue table or
//!    metadata line ([`catalog`]).
//! 3. **Segment**: each table row is classified from its grid (`segment`:
//!    header, section, record, note …; columns from the header and, where
//!    it is unknown, from the cells: [`columns`]), each paragraph given its
//!    shape (`segment_prose`: label, note, label lines under it, a plan's
//!    start, a heading that states units).
//! 4. **Resolve** what depends on neighbours (`resolve`): which note answers
//!    for which paragraph (a note alone for the items before it, a run-on
//!    enumeration's last note, a heading that states units for its leaves),
//!    and which noted item is a heading over the unlabelled measures after
//!    it.
//! 5. **Build**, in document order: task tables into headings and measures
//!    ([`table`]), nested under the prose heading they stand in; prose items
//!    into measures ([`prose`]) and headings ([`outline`]), each once,
//!    following the decisions above; notice-wide conventions
//!    (first-listed leads, default units: [`conventions`]) kept as they are
//!    met; a cover notice's own numbered instructions moved to its body once
//!    the plan it sends starts ([`cover`]); anything not understood recorded
//!    as a diagnostic with its position.
//!
//! It does not read bytes (see [`crate::read`]) and leaves the parsing of
//! single values to [`crate::grammar`].

pub mod catalog;
mod cell_items;
pub mod cell_text;
pub mod columns;
pub mod conventions;
pub mod cover;
mod front;
mod grid;
mod headerless;
pub mod memo;
pub mod meta;
pub mod outline;
pub mod prose;
pub mod records;
mod resolve;
mod role_statement;
mod run_together;
pub mod runon;
mod segment;
mod segment_prose;
pub mod spaced;
mod stray_notes;
pub mod table;
mod title_lines;
mod truncated;
pub mod vertical;
mod wrapped_header;

use chrono::Datelike;

use crate::document::{Block, Document, Paragraph};
use crate::grammar::label::LabelKind;
use crate::grammar::units::parse_units;
use crate::model::{
    DefaultUnits, Diagnostic, DiagnosticCode, Measure, Meta, Notice, Position, SourceInfo,
    SCHEMA_ID,
};

use columns::find_header;
use front::{find_title, read_meta_lines};
use outline::OutlineBuilder;
use prose::{item_lines, Note, NoteFind, ProseReader};
use resolve::{resolve, split_first_sentence, Cover};
use segment_prose::{segment_paragraphs, Item, Shape};
use table::{interpret_table, TableContext};

/// What a paragraph turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Unknown,
    Title,
    Meta,
    Issuer,
}

/// The one year a title names (`2025年开发区重点工作及责任清单`), which
/// stands for the notice's year where the notice states no date; `None`
/// for a title naming none, several, or a span (`2021—2023年`).
fn year_of_title(title: &str) -> Option<i32> {
    let folded = crate::normalize::fold(title);
    let chars: Vec<char> = folded.chars().collect();
    let mut years = Vec::new();
    for (i, w) in chars.windows(5).enumerate() {
        let digits = w[..4].iter().all(char::is_ascii_digit);
        let before = i.checked_sub(1).map(|k| chars[k]);
        if digits && w[4] == '年' && !before.is_some_and(|c| c.is_ascii_digit()) {
            // A span's end (`2021-2023年`) or start (`2021年-2023年`).
            let spans = before.is_some_and(|c| "-—–~至到".contains(c))
                || chars.get(i + 5).is_some_and(|c| "-—–~至到".contains(*c));
            if spans {
                return None;
            }
            years.push(w[..4].iter().collect::<String>().parse::<i32>().ok()?);
        }
    }
    years.dedup();
    match years[..] {
        [year] => Some(year),
        _ => None,
    }
}

/// Interprets a document as a notice.
pub fn interpret(doc: &Document, source: SourceInfo) -> Notice {
    let spaced = spaced::fold_spaced_tables(doc);
    let doc = spaced.as_ref().unwrap_or(doc);
    let records = records::fold_records(doc);
    let doc = records.as_ref().unwrap_or(doc);
    let rebuilt = vertical::fold_vertical_tables(doc);
    let doc = rebuilt.as_ref().unwrap_or(doc);
    let lifted = lift_title_rows(doc);
    let doc = lifted.as_ref().unwrap_or(doc);
    let rejoined = stray_notes::rejoin_stray_notes(doc);
    let doc = rejoined.as_ref().unwrap_or(doc);
    let split = runon::split_run_on(doc);
    let doc = split.as_ref().unwrap_or(doc);
    let cut = truncated::cut_tail(doc);
    let (doc, cut_diagnostics, cut_item) = match &cut {
        Some(c) => (&c.doc, c.diagnostics.clone(), c.item),
        None => (doc, Vec::new(), None),
    };
    let titled = title_lines::join_title_lines(doc);
    let doc = titled.as_ref().unwrap_or(doc);
    let paragraphs: Vec<(usize, &Paragraph)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) if !p.text.trim().is_empty() => Some((i, p)),
            _ => None,
        })
        .collect();

    let mut meta = Meta::default();
    let mut roles = vec![Role::Unknown; doc.blocks.len()];
    read_meta_lines(&paragraphs, &mut meta, &mut roles);
    // A web page's catalogue table (索引号 | … | 标题 | …) is front matter.
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::Table(t) = block {
            if find_header(t).is_none() && catalog::read_catalog(t, &mut meta) {
                roles[i] = Role::Meta;
            }
        }
    }
    let first_table = doc
        .blocks
        .iter()
        .enumerate()
        .position(|(i, b)| matches!(b, Block::Table(_)) && roles[i] == Role::Unknown);
    find_title(&paragraphs, first_table, &mut meta, &mut roles);

    let reads: Vec<bool> = roles.iter().map(|r| *r == Role::Unknown).collect();
    let shapes = segment_paragraphs(doc, &reads, meta.title.as_deref());
    let covers = resolve(doc, &shapes, cut_item);

    let ctx = TableContext {
        notice_year: meta
            .date
            .map(|d| d.year())
            .or_else(|| meta.title.as_deref().and_then(year_of_title)),
        responsible_leads: false,
        adjacent: false,
    };
    let mut diagnostics = cut_diagnostics;
    let mut out = OutlineBuilder::default();
    let mut prose_levels: Vec<LabelKind> = Vec::new();
    let mut prose = ProseReader::new(ctx.notice_year);
    // Whether a plan has started (its attachment line or title).
    let mut plan_started = false;
    // The header of the last table read, for a table continuing it.
    let mut last_header = None;
    // Whether only section lines stand since the last table.
    let mut adjacent = true;
    // Whether only lines like rows of it stand since the last table read.
    let mut rows_follow_table = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::Paragraph(p) = block {
            adjacent &= table::keeps_tables_adjacent(&p.text);
            if rows_follow_table {
                rows_follow_table = p.text.trim().is_empty() || looks_like_pasted_row(&p.text);
            }
        }
        match block {
            Block::Table(_) if roles[i] == Role::Meta => {}
            Block::Table(t) => {
                let read = interpret_table(
                    t,
                    TableContext {
                        responsible_leads: prose.responsible_leads(),
                        adjacent,
                        ..ctx
                    },
                    last_header.as_ref(),
                    table::next_adjacent_table(&doc.blocks[i + 1..]),
                    &mut out,
                    &mut diagnostics,
                );
                adjacent = true;
                rows_follow_table = read.is_some();
                if read.is_some() {
                    last_header = read;
                } else {
                    last_header = None;
                    for cell in t.rows.iter().flat_map(|r| r.cells.iter()) {
                        if !cell.text.trim().is_empty() {
                            diagnostics.push(Diagnostic {
                                code: DiagnosticCode::TextNotPlaced,
                                message: "table without a task-table header".to_owned(),
                                position: Some(cell.pos.clone()),
                                text: Some(cell.text.clone()),
                            });
                        }
                    }
                }
            }
            Block::Paragraph(p) if roles[i] == Role::Unknown && !p.text.trim().is_empty() => {
                // The plan a cover notice sends starts here: the cover's own
                // numbered instructions go to its body.
                let start = match &shapes[i] {
                    // (A label line is read with the item above it.)
                    Shape::Skip | Shape::LabelLine | Shape::ItemBody => continue,
                    Shape::PlanStart(start) => Some(start.clone()),
                    _ => None,
                };
                if let Some(start) = start {
                    // Only the first plan follows the cover: what stands
                    // before a second plan (a notice sending two) is the
                    // first plan, even when it has no measures.
                    let (headings, loose) = out.take_all();
                    if !plan_started && cover::is_cover(&headings, &loose) {
                        cover::cover_paragraphs(&headings, &mut meta.body);
                    } else {
                        out.restore(headings, loose);
                    }
                    plan_started = true;
                    prose_levels.clear();
                    match start {
                        cover::PlanStart::Attachment(title) => {
                            // The line stays in the body, as printed.
                            meta.body.push(p.text.trim().to_owned());
                            if title.is_some() && meta.plan_title.is_none() {
                                meta.plan_title = title;
                            }
                        }
                        cover::PlanStart::Title(title) => {
                            if meta.plan_title.is_none() {
                                meta.plan_title = Some(title);
                            } else {
                                meta.body.push(title);
                            }
                        }
                    }
                    continue;
                }
                prose.read_conventions(&p.text);
                if default_units(&p.text, &p.pos, &mut meta) {
                    continue;
                }
                // Whatever else stands here is running text.
                let running;
                let item = match &shapes[i] {
                    Shape::Item(item) => item,
                    _ => {
                        running = Item::running();
                        &running
                    }
                };
                let label = item.label.as_ref();
                // An item label lines after a later sibling answer for.
                if let Some(Cover::ItemOfLines { last, body }) = &covers[i] {
                    let lines = label_lines_after(doc, &shapes, *last);
                    if let Some(label) = label.filter(|_| !lines.is_empty()) {
                        let mut text = p.text.clone();
                        for &b in body {
                            if let Block::Paragraph(b) = &doc.blocks[b] {
                                text.push('\n');
                                text.push_str(b.text.trim());
                            }
                        }
                        if let Some(l) = prose_levels.iter().position(|k| *k == label.kind) {
                            out.close_to(l);
                        }
                        let m = prose.measure_with_lines(Some(label), &text, lines, p.pos.clone());
                        out.push_measure(m, Some(label));
                        continue;
                    }
                    // (Its running text was read with it: reported, not
                    // dropped.)
                    for &b in body {
                        if let Block::Paragraph(b) = &doc.blocks[b] {
                            diagnostics.push(Diagnostic {
                                code: DiagnosticCode::TextNotPlaced,
                                message:
                                    "running text of an item its label lines were not found for"
                                        .to_owned(),
                                position: Some(b.pos.clone()),
                                text: Some(b.text.clone()),
                            });
                        }
                    }
                }
                // An item a note after it answers for, with its running text.
                let noted_by = match &covers[i] {
                    Some(Cover::Consumed) => continue,
                    Some(Cover::ItemOfLines { .. }) => None,
                    Some(Cover::ItemOfNote { note, body }) => Some((*note, body.as_slice())),
                    Some(Cover::RunOnItem { note }) => Some((*note, &[][..])),
                    Some(Cover::HeadingOverRest | Cover::HeadingOverItems) | None => None,
                };
                // (Resolve covers labelled items only, with a note at `note`:
                // what does not hold is reported, never dropped.)
                let unplaced = |diagnostics: &mut Vec<Diagnostic>| {
                    diagnostics.push(Diagnostic {
                        code: DiagnosticCode::TextNotPlaced,
                        message: "item its note was not found for".to_owned(),
                        position: Some(p.pos.clone()),
                        text: Some(p.text.clone()),
                    })
                };
                if let Some((note, body)) = noted_by {
                    let Some(label) = label else {
                        unplaced(&mut diagnostics);
                        continue;
                    };
                    let mut text = label.text_after(&p.text).to_owned();
                    for &b in body {
                        if let Block::Paragraph(b) = &doc.blocks[b] {
                            text.push('\n');
                            text.push_str(b.text.trim());
                        }
                    }
                    let level = prose_level(&mut prose_levels, label.kind, out.depth());
                    out.close_to(level.saturating_sub(1) as usize);
                    match note_at(doc, &shapes, note) {
                        Some((n, pos)) => {
                            let m = prose.measure_for_item(label, text, p.pos.clone(), n, pos);
                            out.push_measure(m, Some(label));
                        }
                        None => unplaced(&mut diagnostics),
                    }
                    continue;
                }
                match &item.note {
                    NoteFind::Found(note) => {
                        // A measure sits under the innermost open heading,
                        // closing a heading of its own label form.
                        if let Some(l) = label
                            .and_then(|label| prose_levels.iter().position(|k| *k == label.kind))
                        {
                            out.close_to(l);
                        }
                        let m = prose.measure(label, &p.text, note.clone(), p.pos.clone());
                        push_covered(
                            &mut out,
                            &mut prose_levels,
                            m,
                            label,
                            covers[i].as_ref(),
                            &p.pos,
                        );
                        continue;
                    }
                    NoteFind::NotUnderstood(raw) => diagnostics.push(Diagnostic {
                        code: DiagnosticCode::TextNotPlaced,
                        message: "responsibility note not understood".to_owned(),
                        position: Some(p.pos.clone()),
                        text: Some(raw.clone()),
                    }),
                    NoteFind::None => {}
                }
                if let Some(label) = label.filter(|_| item.label_lines_follow) {
                    let lines = label_lines_after(doc, &shapes, i);
                    if !lines.is_empty() {
                        if let Some(l) = prose_levels.iter().position(|k| *k == label.kind) {
                            out.close_to(l);
                        }
                        let text = with_body(doc, &shapes, i, &p.text);
                        let m = prose.measure_with_lines(Some(label), &text, lines, p.pos.clone());
                        let cover = covers[i].as_ref();
                        push_covered(&mut out, &mut prose_levels, m, Some(label), cover, &p.pos);
                        continue;
                    }
                }
                if let Some(label) = label {
                    let level = prose_level(&mut prose_levels, label.kind, out.depth());
                    let text = label.text_after(&p.text);
                    out.open_heading(level, label, text, p.pos.clone());
                } else if rows_follow_table {
                    // (A line the table above could not take: said, and
                    // kept as text.)
                    diagnostics.push(Diagnostic {
                        code: DiagnosticCode::TextNotPlaced,
                        message: "line like a row of the table above, not read as one".to_owned(),
                        position: Some(p.pos.clone()),
                        text: Some(p.text.clone()),
                    });
                    if !out.push_body(&p.text, p.pos.clone()) {
                        meta.body.push(p.text.trim().to_owned());
                    }
                } else if !out.push_body(&p.text, p.pos.clone()) {
                    // Under no heading: the cover's text, or closing
                    // paragraphs after a list of measures.
                    meta.body.push(p.text.trim().to_owned());
                }
            }
            _ => {}
        }
    }
    let (outline, measures, numbering) = out.finish();
    // Label lines answering for several items are read for each: what they
    // could not read is said once.
    prose.diagnostics.dedup();
    diagnostics.append(&mut prose.diagnostics);
    diagnostics.extend(numbering);
    if outline.is_empty() && measures.is_empty() {
        diagnostics.push(Diagnostic {
            code: DiagnosticCode::NoStructure,
            message: "no task table or numbered items found".to_owned(),
            position: None,
            text: None,
        });
    }
    Notice {
        schema: SCHEMA_ID.to_owned(),
        meta,
        outline,
        measures,
        diagnostics,
        source,
    }
}

/// Pushes an item's measure `m` as its cover says: a heading (its label
/// and first sentence) over the rest, which is an unlabelled measure
/// ([`Cover::HeadingOverRest`]; with [`Cover::HeadingOverItems`], a
/// one-sentence text both heads its items and is the measure), or the
/// measure as it is.
fn push_covered(
    out: &mut OutlineBuilder,
    prose_levels: &mut Vec<LabelKind>,
    m: Measure,
    label: Option<&crate::grammar::label::Label>,
    cover: Option<&Cover>,
    pos: &Position,
) {
    let split = match (label, cover) {
        (Some(label), Some(Cover::HeadingOverRest)) => {
            split_first_sentence(&m.text).map(|(h, r)| (label, h.to_owned(), r.to_owned()))
        }
        (Some(label), Some(Cover::HeadingOverItems)) => Some(match split_first_sentence(&m.text) {
            Some((h, r)) => (label, h.to_owned(), r.to_owned()),
            None => (label, m.text.clone(), m.text.clone()),
        }),
        _ => None,
    };
    match split {
        Some((label, head, rest)) => {
            let rest = Measure {
                label: None,
                ordinal: None,
                text: rest,
                ..m
            };
            let level = prose_level(prose_levels, label.kind, out.depth());
            out.open_heading(level, label, &head, pos.clone());
            out.push_measure(rest, None);
        }
        None => out.push_measure(m, label),
    }
}

/// Fewest pieces between blanks a line like a pasted row has (its number
/// and two cells).
const MIN_PASTED_ROW_PIECES: usize = 3;

/// Whether a paragraph reads like a table row pasted with blanks between
/// its cells: a row's number (not a year), then at least two more pieces.
fn looks_like_pasted_row(text: &str) -> bool {
    let mut pieces = text.split_whitespace();
    pieces.next().and_then(cell_text::row_number).is_some()
        && pieces.count() + 1 >= MIN_PASTED_ROW_PIECES
}

/// The note of the paragraph at block `i`, and where it stands.
fn note_at<'d>(
    doc: &'d Document,
    shapes: &'d [Shape],
    i: usize,
) -> Option<(&'d Note, &'d Position)> {
    let (Shape::Item(item), Block::Paragraph(p)) = (&shapes[i], &doc.blocks[i]) else {
        return None;
    };
    match (&item.note, &item.heading_note) {
        (NoteFind::Found(note), _) => Some((note, &p.pos)),
        (_, Some(note)) => Some((note, &p.pos)),
        _ => None,
    }
}

/// The outline level of a prose heading of label form `kind`, given the
/// forms met so far, outermost first (`levels`), and the depth of the
/// innermost open heading.
///
/// A form keeps the level it was first met at. A new form goes below the
/// forms met so far, as the document nests it, except that it goes above a
/// form it usually contains (一、 > （一） > 1. > （1） > ①) when no heading
/// of that form is open: a notice whose first section has only `1.` items
/// and whose second has `（一）` groups of them (numbered on from the first
/// section) nests `2.` under `（一）`, not beside it.
fn prose_level(levels: &mut Vec<LabelKind>, kind: LabelKind, depth: u8) -> u8 {
    if let Some(p) = levels.iter().position(|k| *k == kind) {
        return (p + 1) as u8;
    }
    let above = levels
        .iter()
        .enumerate()
        .position(|(p, k)| *k > kind && p >= depth as usize);
    match above {
        Some(p) => {
            levels.insert(p, kind);
            (p + 1) as u8
        }
        None => {
            levels.push(kind);
            levels.len() as u8
        }
    }
}

/// Reads a default-units sentence (`以下均需X落实，不再列出`) in a paragraph into
/// `meta` (the first one only). Returns `true` when the paragraph is only
/// that sentence, so nothing else is left to read in it.
fn default_units(text: &str, pos: &Position, meta: &mut Meta) -> bool {
    let Some((folded, found)) = conventions::default_units_of(text) else {
        return false;
    };
    let chars = |b: usize| folded[..b].chars().count();
    let slice = |r: std::ops::Range<usize>| -> String {
        text.chars()
            .skip(chars(r.start))
            .take(chars(r.end) - chars(r.start))
            .collect()
    };
    if meta.default_units.is_none() {
        let units = parse_units(&slice(found.units.clone()), None).units;
        meta.default_units = Some(DefaultUnits {
            raw: slice(found.sentence.clone()),
            units,
            position: Some(pos.clone()),
        });
    }
    conventions::only_the_sentence(&folded, &found)
}

/// The text of the item at block `i` with the description paragraphs
/// between it and its label lines, a line each.
fn with_body(doc: &Document, shapes: &[Shape], i: usize, text: &str) -> String {
    let mut out = text.to_owned();
    for (j, block) in doc.blocks.iter().enumerate().skip(i + 1) {
        let Block::Paragraph(p) = block else { break };
        match shapes[j] {
            Shape::Skip if p.text.trim().is_empty() => {}
            Shape::ItemBody => {
                out.push('\n');
                out.push_str(p.text.trim());
            }
            _ => break,
        }
    }
    out
}

/// The label lines (`牵头单位：X`, `完成时限：X` …) standing right after the
/// paragraph at block `i`, marked as consumed.
fn label_lines_after(
    doc: &Document,
    shapes: &[Shape],
    i: usize,
) -> Vec<(prose::LabelLine, crate::document::Position)> {
    let mut lines = Vec::new();
    for (j, block) in doc.blocks.iter().enumerate().skip(i + 1) {
        let Block::Paragraph(p) = block else {
            break;
        };
        if p.text.trim().is_empty() {
            continue;
        }
        match shapes[j] {
            Shape::LabelLine => {}
            Shape::ItemBody => continue,
            _ => break,
        }
        if let Some(parts) = item_lines(&p.text) {
            lines.extend(parts.into_iter().map(|(_, line)| (line, p.pos.clone())));
        }
    }
    lines
}

/// Rows above a task table's header (a spreadsheet's title, issuer and date
/// rows, copied along with the table) become paragraphs before the table,
/// so front matter is found in them. Returns `None` when no table has such
/// rows.
pub fn lift_title_rows(doc: &Document) -> Option<Document> {
    let needs = doc.blocks.iter().any(|b| match b {
        Block::Table(t) => find_header(t).is_some_and(|h| h.row > 0),
        _ => false,
    });
    if !needs {
        return None;
    }
    let mut blocks = Vec::with_capacity(doc.blocks.len() + 8);
    for block in &doc.blocks {
        let Block::Table(t) = block else {
            blocks.push(block.clone());
            continue;
        };
        let Some(h) = find_header(t).filter(|h| h.row > 0) else {
            blocks.push(block.clone());
            continue;
        };
        for row in &t.rows[..h.row] {
            for cell in row.cells.iter().filter(|c| !c.text.trim().is_empty()) {
                blocks.push(Block::Paragraph(Paragraph {
                    text: cell.text.trim().to_owned(),
                    pos: cell.pos.clone(),
                }));
            }
        }
        let mut rest = t.clone();
        rest.rows.drain(..h.row);
        blocks.push(Block::Table(rest));
    }
    Some(Document { blocks })
}

#[cfg(test)]
mod tests {
    use super::year_of_title;

    #[test]
    fn the_one_year_a_title_names() {
        assert_eq!(year_of_title("2025年开发区重点工作及责任清单"), Some(2025));
        assert_eq!(year_of_title("关于印发2024年工作要点的通知"), Some(2024));
        assert_eq!(year_of_title("行动计划（2021—2023年）"), None);
        assert_eq!(year_of_title("2021年至2023年行动方案"), None);
        assert_eq!(year_of_title("2023年和2024年工作要点"), None);
        assert_eq!(year_of_title("重点工作任务分工"), None);
    }

    #[test]
    fn a_title_line_opening_with_the_attachment_word_names_the_plan_after_it() {
        let notice = crate::parse_str(
            "附件 某县2018年空气质量整治职责清单\n具体措施 | 责任单位 | 完成时限\n\
             开展扬尘专项整治行动 | 县城管局 | 2018年7月底前\n",
        );
        assert_eq!(
            notice.meta.title.as_deref(),
            Some("某县2018年空气质量整治职责清单")
        );
    }
}
