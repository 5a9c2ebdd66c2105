//! The text reader: pasted notices, with tables flattened to ` | `-separated
//! lines, tab-separated rows or Markdown pipe tables; every other line is a
//! paragraph.
//!
//! Knows nothing of notices: it only finds which lines form tables.

use crate::document::{Block, Cell, Document, Paragraph, Position, Row, Table, TableLayout};

/// Reads pasted text into blocks. Never fails: text with no table is a
/// document of paragraphs.
pub fn read_text(text: &str) -> Document {
    let mut blocks: Vec<Block> = Vec::new();
    let mut table: Option<Table> = None;
    let mut tables = 0u32;
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        if line.contains('|') {
            let t = table.get_or_insert_with(|| Table {
                index: tables,
                layout: TableLayout::Flattened,
                rows: Vec::new(),
            });
            let row = t.rows.len() as u32;
            let mut parts: Vec<&str> = line.split('|').collect();
            while parts.len() > 1 && parts.last().is_some_and(|p| p.trim().is_empty()) {
                parts.pop();
            }
            let cells = parts
                .iter()
                .enumerate()
                .map(|(c, p)| {
                    Cell::new(
                        p.trim(),
                        c as u32,
                        Position::Cell {
                            table: t.index,
                            row,
                            col: c as u32,
                            line: Some(line_no),
                        },
                    )
                })
                .collect();
            t.rows.push(Row {
                cells,
                pos: Position::Line { line: line_no },
            });
            continue;
        }
        if let Some(t) = table.take() {
            blocks.push(Block::Table(t));
            tables += 1;
        }
        if !line.trim().is_empty() {
            blocks.push(Block::Paragraph(Paragraph {
                text: line.to_owned(),
                pos: Position::Line { line: line_no },
            }));
        }
    }
    if let Some(t) = table.take() {
        blocks.push(Block::Table(t));
    }
    Document { blocks }
}
