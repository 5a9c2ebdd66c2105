//! Helpers the crate's unit tests share: documents written by hand and
//! tables seen as their cells. Test builds only.

use crate::document::{Block, Document, Paragraph, Position, Table};

/// A document of one paragraph a line, numbered from line 1.
pub(crate) fn doc_of_lines(lines: &[&str]) -> Document {
    Document {
        blocks: lines
            .iter()
            .zip(1..)
            .map(|(t, line)| {
                Block::Paragraph(Paragraph {
                    text: (*t).to_owned(),
                    pos: Position::Line { line },
                })
            })
            .collect(),
    }
}

/// `(text, col, row_span, col_span)` of each row's cells.
pub(crate) fn cell_spans(t: &Table) -> Vec<Vec<(&str, u32, u32, u32)>> {
    t.rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| (c.text.as_str(), c.col, c.row_span, c.col_span))
                .collect()
        })
        .collect()
}
