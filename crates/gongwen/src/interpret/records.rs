//! Task tables written as records: each row a run of field-name lines, each
//! followed by its value (`具体任务` ⏎ `全面落实…` ⏎ `责任单位` ⏎
//! `卫健局、文旅局` ⏎ `配合单位` ⏎ `各乡镇` ⏎ `完成时限` ⏎ `12月底前`), as a
//! web page shows a table's row turned on its side, or a form prints its
//! fields without colons.
//!
//! This pass finds such runs of paragraphs and turns them back into a
//! [`TableLayout::TextGrid`] table (a header row of the field names, one row
//! per record, an empty cell where a record leaves a field out), so that
//! the table interpreter reads them as any pasted table.
//!
//! - A field name is a line of a header word the lexicon knows (see
//!   [`lexicon::header_field`]: 具体任务, 责任单位, 完成时限, 序号, 备注,
//!   进展情况 …), letters only, perhaps ending in a colon.
//! - Its value is the next line. A field name followed at once by another
//!   that starts a record (the run's first field, or one the record has
//!   named) or has a value of its own (a line after it that is no field
//!   name and no heading) has an empty value; else the other is its value
//!   (a remark `省定任务` reads as a header word; a record's first value
//!   never does). A heading just before
//!   the run's first field is no value but a section. A record's first field
//!   has a value, and no two empty values stand in a row before the record
//!   holds a row's text and units (a header's words do, one a line: a
//!   table pasted one cell per line is [`super::vertical`]'s).
//! - A field named again starts the next record.
//! - A run is a table when its fields name a text column (task or measure)
//!   and a unit column, and every record fills a text field with more than
//!   a word and a unit field with unit names.
//!
//! The run ends after a value that no field name follows: what comes next
//! (a section line between records, a value's second line) stays a
//! paragraph. Cells keep their lines' positions. Nothing else is changed.

use crate::document::{Block, Cell, Document, Paragraph, Position, Row, Table, TableLayout};
use crate::grammar::label::{parse_label, LabelKind};
use crate::grammar::lexicon;

use crate::grammar::units::looks_like_units;

use super::cell_text::{is_furniture, is_running_number};
use super::columns::{is_short_word, role_of_header, ColumnRole};
use super::vertical::{paragraphs, rebuild_runs};

/// Longest field name, in chars.
const MAX_FIELD_CHARS: usize = 8;
/// Longest cell naming a field in a table of field rows, colon and all.
const MAX_NAMED_CELL_CHARS: usize = 20;
/// Most fields a record may have.
const MAX_FIELDS: usize = 12;

/// Rebuilds the record-written tables among a document's paragraphs;
/// `None` when it has none. (A record laid out as a table of field rows,
/// `重点工作： | 135.统筹… |` / `牵头单位： | 市城管局 |`, is read as its
/// lines first: see [`field_rows_as_lines`].)
pub fn fold_records(doc: &Document) -> Option<Document> {
    let lines = field_rows_as_lines(doc);
    let doc = lines.as_ref().unwrap_or(doc);
    rebuild_runs(doc, |blocks, index| {
        table_at(blocks, index).map(|(table, used)| (vec![Block::Table(table)], used))
    })
    .or(lines)
}

/// Tables whose rows each hold a field name and its value (`重点工作： |
/// 135.统筹… |`), or a field name alone with its value in the next row's
/// only cell: their cells as lines, one paragraph each at its cell's
/// position, for the record reader. `None` when there is no such table.
/// (Two field rows with values at least; every row one or two filled
/// cells, the first of two a field name.)
fn field_rows_as_lines(doc: &Document) -> Option<Document> {
    let mut changed = false;
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        let Block::Table(table) = block else {
            blocks.push(block.clone());
            continue;
        };
        let filled: Vec<Vec<&Cell>> = table
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .filter(|c| !c.text.trim().is_empty())
                    .collect()
            })
            .collect();
        // (A longer name ends in its colon: `年度阶段性工作目标：`.)
        let named = |text: &str| {
            let t = text.trim();
            is_field_name(t)
                || (t.ends_with([':', '：'])
                    && t.chars().count() <= MAX_NAMED_CELL_CHARS
                    && lexicon::header_field(field_key(t)).is_some())
        };
        let named_pairs = filled
            .iter()
            .filter(|cells| cells.len() == 2 && is_field_name(&cells[0].text))
            .count();
        let rows_fit = filled.iter().all(|cells| match cells[..] {
            [] | [_] => true,
            [name, _] => named(&name.text),
            _ => false,
        });
        if named_pairs < 2 || !rows_fit {
            blocks.push(block.clone());
            continue;
        }
        changed = true;
        for cell in filled.iter().flatten() {
            blocks.push(Block::Paragraph(Paragraph {
                text: cell.text.trim().to_owned(),
                pos: cell.pos.clone(),
            }));
        }
    }
    changed.then_some(Document { blocks })
}

/// Whether a line is a field name: a header word the lexicon knows (of any
/// field, 进展情况 too: such a line is never a value).
fn is_field_name(text: &str) -> bool {
    let name = field_key(text);
    let n = name.chars().count();
    n > 0
        && n <= MAX_FIELD_CHARS
        && name.chars().all(char::is_alphabetic)
        && lexicon::header_field(name).is_some()
}

/// A field name and its value's line.
struct Field<'a> {
    name: &'a Paragraph,
    value: Option<&'a Paragraph>,
    /// The block offset just past its last line.
    end: usize,
}

/// A table rebuilt from the records at the start of `blocks`, and how many
/// blocks it used.
fn table_at(blocks: &[Block], index: u32) -> Option<(Table, usize)> {
    // Cheap test first: every paragraph is asked.
    match blocks.first()? {
        Block::Paragraph(p) if is_field_name(&p.text) => {}
        _ => return None,
    }
    let mut ahead = paragraphs(blocks).peekable();
    // The field every record starts with.
    let first = field_key(&ahead.peek()?.1.text);
    // (Cheap test: a record's first value is no field name, so a run of
    // header words, one a line, is passed over at once.)
    if paragraphs(blocks)
        .nth(1)
        .is_none_or(|(_, p)| is_field_name(&p.text))
    {
        return None;
    }
    let mut records: Vec<Vec<Field>> = Vec::new();
    let mut record: Vec<Field> = Vec::new();
    while let Some(&(k, p)) = ahead.peek() {
        if !is_field_name(&p.text) {
            break;
        }
        ahead.next();
        let key = field_key(&p.text);
        if record.iter().any(|f| field_key(&f.name.text) == key) || record.len() == MAX_FIELDS {
            // (The run ends at a record that is no row: each start reads a
            // record at most beyond the run.)
            if !is_row(&record) {
                record.clear();
                break;
            }
            records.push(std::mem::take(&mut record));
        }
        // The value: the next line, unless it is a field name that starts a
        // record or has a value of its own (a line after it that is no
        // field name and no heading); else it is a value (a remark
        // `省定任务` reads as a header word). No two empty values stand in
        // a row: a header's words do.
        let mut probe = ahead.clone();
        let is_value = match probe.next() {
            Some((_, vp)) if is_field_name(&vp.text) => {
                let key = field_key(&vp.text);
                let starts = key == first || record.iter().any(|f| field_key(&f.name.text) == key);
                let own_value = probe
                    .next()
                    .is_some_and(|(_, np)| !is_field_name(&np.text) && !is_heading(&np.text));
                // (A unit field's value names units: `备注` after an empty
                // `配合单位` is the next field.)
                let fits = match role_of_header(field_key(&p.text)) {
                    ColumnRole::Units(_) => looks_like_units(&vp.text),
                    ColumnRole::Seq => is_running_number(&vp.text),
                    _ => true,
                };
                !starts && !own_value && fits
            }
            // (A heading just before the run's first field is a section
            // line between records.)
            Some((_, vp)) if is_heading(&vp.text) => !probe
                .next()
                .is_some_and(|(_, np)| is_field_name(&np.text) && field_key(&np.text) == first),
            // (Nor is a page's furniture after the last record, `分享到：`,
            // a value: its field was left empty.)
            Some((_, vp)) => !is_furniture(vp.text.trim()),
            None => false,
        };
        let value = if is_value { ahead.next() } else { None };
        let empty_before = record.last().is_some_and(|f| f.value.is_none());
        // (Once a record holds a row's text and units, its last fields
        // may be empty one after another: `配合单位` ⏎ `备注`.)
        if value.is_none() && (record.is_empty() || (empty_before && !is_row(&record))) {
            break;
        }
        let next_field = ahead.peek().is_some_and(|(_, np)| is_field_name(&np.text));
        record.push(Field {
            name: p,
            end: value.map_or(k, |(vk, _)| vk) + 1,
            value: value.map(|(_, vp)| vp),
        });
        if !next_field {
            break;
        }
    }
    if !record.is_empty() {
        records.push(record);
    }
    // The run ends before a record that is no row (see [`is_row`]).
    let whole = records.iter().take_while(|r| is_row(r)).count();
    records.truncate(whole);
    let used = records.last()?.last()?.end;
    // The header: each field once, in the order first named.
    let mut header: Vec<&Paragraph> = Vec::new();
    for f in records.iter().flatten() {
        if !header
            .iter()
            .any(|h| field_key(&h.text) == field_key(&f.name.text))
        {
            header.push(f.name);
        }
    }
    let roles: Vec<ColumnRole> = header
        .iter()
        .map(|h| role_of_header(field_key(&h.text)))
        .collect();
    let text = roles
        .iter()
        .any(|r| matches!(r, ColumnRole::Task | ColumnRole::Measure));
    let units = roles.iter().any(|r| matches!(r, ColumnRole::Units(_)));
    if !text || !units {
        return None;
    }
    let header_row = Row {
        cells: header
            .iter()
            .zip(0..)
            .map(|(h, col)| {
                Cell::new(
                    h.text.trim().trim_end_matches([':', '：']),
                    col,
                    h.pos.clone(),
                )
            })
            .collect(),
        pos: header[0].pos.clone(),
    };
    let mut rows = vec![header_row];
    for r in &records {
        let pos = r[0].name.pos.clone();
        let cells = header
            .iter()
            .zip(0..)
            .map(|(h, col)| {
                let key = field_key(&h.text);
                match r.iter().find(|f| field_key(&f.name.text) == key) {
                    Some(f) => {
                        let at: &Position = f.value.map_or(&f.name.pos, |p| &p.pos);
                        Cell::new(value_of(f), col, at.clone())
                    }
                    None => Cell::new("", col, pos.clone()),
                }
            })
            .collect();
        rows.push(Row { cells, pos });
    }
    Some((
        Table {
            index,
            layout: TableLayout::TextGrid,
            rows,
        },
        used,
    ))
}

/// Whether a record is a table's row: it fills a text field with more than
/// a word (a header's word wrapped over lines, `责任` ⏎ `领导`, is none; a
/// task may be a word, `安全生产`, beside its measure) and a unit field,
/// each unit field with unit names, a 序号 field with a running number.
fn is_row(record: &[Field]) -> bool {
    let filled = record.iter().filter(|f| f.value.is_some());
    let role = |f: &Field| role_of_header(field_key(&f.name.text));
    filled.clone().any(|f| {
        matches!(role(f), ColumnRole::Task | ColumnRole::Measure) && !is_short_word(value_of(f))
    }) && filled
        .clone()
        .any(|f| matches!(role(f), ColumnRole::Units(_)))
        && filled.clone().all(|f| match role(f) {
            ColumnRole::Units(_) => looks_like_units(value_of(f)),
            ColumnRole::Seq => is_running_number(value_of(f)),
            _ => true,
        })
}

/// A field name as compared (its colon and white space aside).
fn field_key(text: &str) -> &str {
    text.trim().trim_end_matches([':', '：'])
}

/// Whether a line starts with a heading's label (`三、`, `（二）`).
fn is_heading(text: &str) -> bool {
    parse_label(text)
        .is_some_and(|l| matches!(l.kind, LabelKind::ChineseComma | LabelKind::ChineseParen))
}

/// A field's value, trimmed (empty when it has none).
fn value_of<'a>(f: &Field<'a>) -> &'a str {
    f.value.map_or("", |p| p.text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{cell_spans, doc_of_lines};

    fn tables(doc: &Document) -> Vec<&Table> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_record_of_name_and_value_lines_is_a_row() {
        let doc = doc_of_lines(&[
            "具体任务",
            "全面落实疫情防控措施。",
            "责任单位",
            "卫健局、文旅局",
            "配合单位",
            "各乡镇",
            "完成时限",
            "12月底前",
        ]);
        let folded = fold_records(&doc).expect("a table");
        let t = tables(&folded);
        assert_eq!(t.len(), 1);
        let rows: Vec<Vec<&str>> = cell_spans(t[0])
            .into_iter()
            .map(|r| r.into_iter().map(|c| c.0).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["具体任务", "责任单位", "配合单位", "完成时限"],
                vec![
                    "全面落实疫情防控措施。",
                    "卫健局、文旅局",
                    "各乡镇",
                    "12月底前"
                ],
            ]
        );
        assert_eq!(folded.blocks.len(), 1);
    }

    #[test]
    fn a_field_named_again_starts_a_record_and_a_heading_ends_the_run() {
        let doc = doc_of_lines(&[
            "一、加强组织领导",
            "重点任务",
            "完善工作机制。",
            "责任单位：",
            "法规处",
            "重点任务",
            "推进平台建设。",
            "备注",
            "责任单位",
            "人事处",
            "信息中心",
            "二、强化保障",
            "其他工作。",
        ]);
        let folded = fold_records(&doc).expect("a table");
        assert_eq!(folded.blocks.len(), 5, "{folded:?}");
        let t = tables(&folded);
        let rows: Vec<Vec<&str>> = cell_spans(t[0])
            .into_iter()
            .map(|r| r.into_iter().map(|c| c.0).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["重点任务", "责任单位", "备注"],
                vec!["完善工作机制。", "法规处", ""],
                vec!["推进平台建设。", "人事处", ""],
            ]
        );
        // The last value is one line: what follows is no record's.
        assert!(matches!(&folded.blocks[2], Block::Paragraph(p) if p.text == "信息中心"));
    }

    #[test]
    fn a_task_of_one_word_stands_beside_its_measure() {
        let doc = doc_of_lines(&[
            "重点任务",
            "安全生产",
            "具体措施",
            "强化监督检查。",
            "责任单位",
            "市应急管理局",
            "重点任务",
            "招商引资",
            "具体措施",
            "开展招商活动。",
            "责任单位",
            "市商务局",
        ]);
        let folded = fold_records(&doc).expect("a table");
        let t = tables(&folded);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 3);
        assert_eq!(folded.blocks.len(), 1);
    }

    #[test]
    fn header_words_on_their_own_lines_are_no_records() {
        // A table pasted one cell per line: its header is no record.
        let doc = doc_of_lines(&[
            "序号",
            "重点任务",
            "责任单位",
            "完成时限",
            "1",
            "加强组织领导。",
            "法规处",
            "2024年底前",
        ]);
        assert!(fold_records(&doc).is_none());
        // Whatever line it starts at (`类别` / `重点任务` would read as a
        // field and its value).
        let doc = doc_of_lines(&[
            "序号",
            "类别",
            "重点任务",
            "具体措施",
            "责任领导",
            "时序",
            "责任单位",
            "备注",
            "1",
            "信用监管提升行动",
            "优化营商环境服务",
            "强化监督检查，及时通报结果。",
            "孙海",
            "2025年2月底",
            "市教育局",
        ]);
        assert!(fold_records(&doc).is_none());
        // Nor is prose with one label line.
        let doc = doc_of_lines(&["（一）加强组织领导。", "责任单位", "法规处"]);
        assert!(fold_records(&doc).is_none());
    }
}
