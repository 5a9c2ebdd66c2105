//! The intermediate document every reader produces: a flat sequence of
//! [`Block`]s (paragraphs and tables) with the source position of each piece.
//!
//! This module only describes layout. It knows nothing of notices, headings,
//! measures or deadlines: that is the interpreter's job
//! ([`crate::interpret`]). Readers ([`crate::read`]) build a [`Document`];
//! the interpreter consumes it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a piece of text came from in the input.
///
/// Lines and columns are 1-based; table, row and column indexes in
/// [`Position::Cell`] are 0-based grid coordinates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Position {
    /// A line of a text input (1-based).
    Line {
        /// 1-based line number.
        line: u32,
    },
    /// A cell of a table: the table's index among the document's tables and
    /// the cell's grid row and column (all 0-based). `line` is the 1-based
    /// text line where the cell starts, when the input is text.
    Cell {
        /// 0-based index of the table in the document.
        table: u32,
        /// 0-based grid row.
        row: u32,
        /// 0-based grid column.
        col: u32,
        /// 1-based text line where the cell starts, for text inputs.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<u32>,
    },
    /// A paragraph of a word-processor document (0-based body index).
    Paragraph {
        /// 0-based paragraph index in the document body.
        index: u32,
    },
    /// A cell of a spreadsheet, by sheet name and A1 reference.
    SheetCell {
        /// Sheet name.
        sheet: String,
        /// A1-style cell reference such as `B12`.
        cell: String,
    },
}

impl Position {
    /// The 1-based text line this position points at, if it has one.
    pub fn line(&self) -> Option<u32> {
        match self {
            Position::Line { line } => Some(*line),
            Position::Cell { line, .. } => *line,
            _ => None,
        }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Position::Line { line } => write!(f, "line {line}"),
            Position::Cell {
                table,
                row,
                col,
                line,
            } => {
                write!(f, "table {} row {} column {}", table + 1, row + 1, col + 1)?;
                if let Some(line) = line {
                    write!(f, " (line {line})")?;
                }
                Ok(())
            }
            Position::Paragraph { index } => write!(f, "paragraph {}", index + 1),
            Position::SheetCell { sheet, cell } => write!(f, "sheet {sheet} cell {cell}"),
        }
    }
}

/// A document as a sequence of blocks in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Paragraphs and tables in reading order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The paragraphs, in reading order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
    }

    /// The tables, in reading order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Block {
    /// A paragraph of running text (one line of a text input).
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// A paragraph of text with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The paragraph's text as it stands in the input (no trailing newline).
    pub text: String,
    /// Where the paragraph starts.
    pub pos: Position,
}

/// How faithfully a table's cells keep their grid columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TableLayout {
    /// Every cell sits at its true grid column and spans are known
    /// (word-processor and spreadsheet tables, web pages): an empty cell is
    /// empty, a merge is stated.
    Grid,
    /// Cells as the text wrote them, merges not shown (tab-separated and
    /// Markdown text): a cell covered by a merge is an empty cell, and a row
    /// as long as the header has each cell at its true column. A shorter row
    /// may have left cells out anywhere.
    TextGrid,
    /// Rows were flattened to text: cells covered by a merge were dropped and
    /// the remaining ones shifted left, so a cell's index in its row is not
    /// its column. The interpreter aligns such rows by content.
    Flattened,
}

/// A table: rows of cells on a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// 0-based index of this table among the document's tables.
    pub index: u32,
    /// How the cells map to grid columns.
    pub layout: TableLayout,
    /// The rows in order.
    pub rows: Vec<Row>,
}

impl Table {
    /// The number of grid columns: the largest `col + col_span` of any cell.
    pub fn width(&self) -> u32 {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .map(|c| c.col + c.col_span.max(1))
            .max()
            .unwrap_or(0)
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The cells that start in this row, left to right. Cells covered by a
    /// merge that started in an earlier row are not repeated here.
    pub cells: Vec<Cell>,
    /// Where the row starts.
    pub pos: Position,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The cell's text; several paragraphs in one cell are joined with `\n`.
    pub text: String,
    /// 0-based grid column where the cell starts. In a
    /// [`TableLayout::Flattened`] table this is only the cell's index in its row.
    pub col: u32,
    /// Number of grid rows the cell covers (1 for an ordinary cell).
    pub row_span: u32,
    /// Number of grid columns the cell covers (1 for an ordinary cell).
    pub col_span: u32,
    /// Where the cell's text came from.
    pub pos: Position,
}

impl Cell {
    /// An ordinary 1×1 cell.
    pub fn new(text: impl Into<String>, col: u32, pos: Position) -> Self {
        Cell {
            text: text.into(),
            col,
            row_span: 1,
            col_span: 1,
            pos,
        }
    }
}
