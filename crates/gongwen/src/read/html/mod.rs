//! The HTML reader: a web page (a notice as published on gov.cn or a
//! provincial site, a whole stored page, or a fragment of one) to a
//! [`Document`] of paragraphs and tables.
//!
//! It knows nothing of notices: it finds the page's encoding, the text a
//! browser would show and the page's tables. Three steps, one module each:
//! [`charset`] (bytes to text), [`tree`] (text to a small element tree)
//! and [`blocks`] (tree to blocks).
//!
//! # The parser: html5gum, with a small tree builder of our own
//!
//! Tokens come from [`html5gum`], a WHATWG-conformant tokenizer (it passes
//! html5lib's tokenizer tests): entities (`&nbsp;`, `&lt;`, `&#20320;`,
//! legacy ones without `;`), upper-case tags, unquoted and duplicate
//! attributes, comments, and raw-text elements (`<script>`, `<style>`) are
//! read exactly as browsers read them. It is one crate with no
//! dependencies, compiles in about a second, and has no `unsafe` code.
//! The tree is built by [`tree`], a compact version of the HTML
//! tree-construction rules for what matters here (implied end tags of
//! `<p>`, `<li>`, `<td>`, `<tr>`; foster parenting out of tables; stray
//! end tags), with an explicit, bounded stack of open elements.
//!
//! The alternatives: `html5ever` (and `scraper` on top of it) builds the
//! exact browser tree, but pulls in about 30 crates (`scraper` about 55,
//! with CSS selectors this reader does not need) and, above all, has no
//! nesting limit while its scope checks walk the whole stack of open
//! elements: 80 000 nested `<div>`s (400 KB) took 15.6 s to parse with
//! `scraper` 0.29 in release, four times longer for each doubling, so a
//! hostile 10 MB page would take hours. `tl` (0.7.8) is fast and lenient
//! but is not an HTML parser in the WHATWG sense: it has no implied end
//! tags (an unclosed `<td>` or `<p>` swallows the next one), no raw-text
//! elements (a `<` inside `<script>` starts a tag) and leaves entities
//! undecoded.
//!
//! # Encoding
//!
//! A byte order mark, else a `<meta>` declaration in the first 4 KB (a
//! declared legacy encoding is overruled only by bytes that are valid,
//! non-ASCII UTF-8), else UTF-8 if the bytes are valid UTF-8, else a guess
//! by `chardetng` that falls back to GBK. Malformed bytes become U+FFFD.
//! The name returned is the encoding's WHATWG name (`"UTF-8"`, `"GBK"` …).
//! See [`charset`].
//!
//! # What is read
//!
//! **Dropped** with all their content: `<head>` (and `<title>`),
//! `<script>`, `<style>`, `<noscript>`, `<template>`, comments, `<nav>`,
//! `<select>`, `<button>`, `<textarea>`, `<iframe>`, `<object>`, `<svg>`,
//! `<math>`, media, a `<dialog>` without `open`, and any element with the
//! `hidden` attribute or `display:none` in its inline style (a hidden cell
//! or row leaves the table grid, as in a browser). `<header>` and
//! `<footer>` are dropped as site banners, except inside an `<article>` or
//! `<main>`, where they are the text's own (its title, its signature). A
//! `<form>` is dropped when it shows at most
//! [`blocks::FORM_MAX_WIDGET_CHARS`] characters (a search box); a larger
//! one wraps the whole page, as ASP.NET pages do, and is read.
//!
//! **Paragraphs**: each line of visible text outside data tables is one
//! [`Paragraph`](crate::document::Paragraph). Lines end at block
//! boundaries (`<p>`, `<div>`, `<h1>`–`<h6>`, `<li>`, `<center>`,
//! `<blockquote>`, `<tr>`, `<td>` of a layout table …), at `<br>` and
//! `<hr>`, and inside `<pre>` at line breaks. White space collapses as in
//! a browser: a run of ASCII white space is one space; `&nbsp;` is a
//! space that does not collapse; U+3000 is kept; each line is then trimmed
//! (so a line of only `&nbsp;` is blank) and blank lines give nothing.
//! Zero-width spaces, U+FEFF and soft hyphens are dropped. Inline markup
//! (`<span>`, `<font>`, `<a>`, `<b>`, Word's `<o:p>` …) only carries text.
//! A paragraph's position is [`Position::Line`](crate::document::Position)
//! with the 1-based line of the decoded source where its first visible
//! character stands.
//!
//! **Tables**: a table holding data becomes a
//! [`Table`](crate::document::Table) with
//! [`TableLayout::Grid`](crate::document::TableLayout): `<thead>`,
//! `<tbody>` and `<tfoot>` are transparent (rows keep document order),
//! `<th>` is a cell like `<td>`, and cells sit at their true grid column,
//! found as a browser finds it (the first column of the row not covered by
//! a `rowspan` from above); covered slots are not repeated; `row_span` and
//! `col_span` are set. Spans are clamped like a browser's (`colspan` 0 is
//! 1, at most 1000; `rowspan` 0 reaches the end of the row group, at most
//! 65534) and then to the table's real extent: a `rowspan` stops at the
//! end of its row group, a `colspan` at the last column where some cell
//! starts (so `colspan="100"` on a title row spans the table's width).
//! Rows after the last row with text are dropped. A cell's text is its
//! visible text, with paragraphs, blocks and `<br>` inside as `\n` (each
//! line trimmed, blank lines dropped). A table inside a data table's cell is
//! text of that cell: one line per row, cells separated by a space. A
//! table's `<caption>` gives paragraphs just before it. Cells carry
//! [`Position::Cell`](crate::document::Position) with the table's index
//! (0-based, counting only the tables emitted), the grid row and column,
//! and the source line of the cell's first visible character (or of its
//! start tag when it is empty); rows carry the line of their `<tr>`.
//!
//! **Layout tables** (old government pages put the whole page in nested
//! tables) are not tables of the document: their content is read as
//! blocks in document order, each cell a block, and tables inside them are
//! judged in turn. A table is a layout table when
//! 1. at most one of its cells has visible text; or
//! 2. one cell holds more than half of the table's visible characters, has
//!    block structure (at least two paragraphs, blocks or line breaks, or a
//!    table), and is the only cell with text in its row, or the table has
//!    at most one row with two or more cells with text (a toolbar row, the
//!    notice in one cell, a date row; a navigation column beside the text);
//!    or
//! 3. the cells that hold tables (with text) hold more than half of its
//!    visible characters.
//!
//! A task table exported from Word, where every cell holds a `<p>` and
//! many hold several, is thus still a data table, even with a single data
//! row whose measure cell holds most of the text: that cell has neighbours
//! with text, and the header row is a second row of several cells. The
//! rule cannot tell such a table from a page laid out as a banner row over
//! a navigation cell beside the text, with no nested tables; that page
//! becomes a table of a few cells.
//!
//! # Limits
//!
//! At most `limits.max_depth` elements (never more than
//! [`tree::HARD_MAX_DEPTH`]) are open at once; deeper content is
//! *flattened* into the deepest open element rather than refused (its text
//! is kept, its block tags still break lines, a table there reads as text,
//! a hidden element there is skipped), so nesting never causes an error,
//! recursion or quadratic time. Only inline and transparent tags do not
//! count (`<span>`, `<font>`, `<tbody>` …). Table cells count toward
//! `limits.max_cells`, a data table's cells once per grid slot they cover;
//! going over is an [`Error::Limit`](crate::Error::Limit). Every step is
//! linear in the input.
//!
//! # What it does not do
//!
//! No CSS beyond an inline `display:none` (class-based hiding, `float`,
//! `visibility` and generated content are ignored), no scripts, no frames
//! (an `<iframe>`'s page is not fetched), no images' `alt` text, no
//! `<ruby>` handling beyond reading its text, and no reordering of
//! `<tfoot>` to the end of its table. Adjacent CJK characters on either
//! side of a source line break get a space between them (a run of ASCII
//! white space is one space), as in most browsers. Line numbers count
//! `\n`, `\r\n` and lone `\r`; a `&#10;` in text shifts the numbers of that
//! text's later lines by one.

pub mod blocks;
pub mod charset;
pub mod tree;

use std::path::Path;

use super::Limits;
use crate::document::Document;
use crate::error::Result;

/// Reads a web page; returns the document and the name of the encoding
/// used (`"UTF-8"`, `"GBK"` …). See the [module documentation](self).
///
/// Errors: [`Error::Limit`](crate::Error::Limit) when the page has more
/// table cells than `limits.max_cells`. Broken markup and malformed
/// bytes are read as a browser reads them, never an error.
pub fn read_html(bytes: &[u8], path: &Path, limits: &Limits) -> Result<(Document, String)> {
    let (text, encoding) = charset::decode(bytes);
    let tree = tree::build(&text, limits, path)?;
    let metrics = blocks::Metrics::of(&tree);
    let blocks = blocks::read_blocks(&blocks::Context {
        tree: &tree,
        metrics: &metrics,
        limits,
        path,
    })?;
    Ok((Document { blocks }, encoding.name().to_owned()))
}

#[cfg(test)]
mod tests;
