//! Box-drawn tables: a word processor's table written out as text with the
//! box-drawing characters (`┌─┬─┐ │ ├─┼─┤ └─┴─┘`), as law databases and
//! "save as text" render them.
//!
//! # What it reads
//!
//! A run of consecutive lines whose first non-blank char is a box-drawing
//! char (U+2500–U+257F) and whose first line is a border with at least one
//! corner or junction. Each line is cut into *pieces* at its vertical
//! strokes: every box char with an arm going up or down (`│ ├ ┼ ┬ ┴ ╋ ║ ╬`
//! …, light, heavy and double). A piece made only of horizontal strokes
//! (`─ ━ ═ ┄` …) is a *rule*; any other piece is content (text or blank).
//!
//! Columns are told apart by the strokes, never by where text stands (the
//! runs of blanks that aligned a table are often collapsed when it is
//! copied): the vertical strokes going down from one line are, in order,
//! the ones the next line continues. Rule lines are made of box chars only,
//! so a stroke that starts below a rule (`┬`) is placed by its offset in
//! the rule from the stroke before it.
//!
//! A rule over part of the table ends the cells above it there and starts
//! new ones below; a cell with no rule under it goes on into the next row
//! of the grid (a vertical merge), and a cell with no stroke between two
//! columns covers both (a horizontal merge). Rows of the grid are the bands
//! between rule lines. A cell's text is its content lines, trimmed, joined
//! without a separator (the table wrapped them at the column's width), except
//! that a line starting with a list bullet (`△ ▲ ● ◆ ■ □ ★ ☆ ○ ◇ • ·`), or
//! with a numbering label (`1.` `（1）` `①` …) after a line ending a
//! sentence or as the next number of the cell's list, starts a new line of
//! the cell; ASCII
//! letters or digits on both sides of a wrap keep one blank between them.
//!
//! Positions: each row carries the line where it starts; each cell its
//! table, row and column and the line of its first content line.
//!
//! # What it does not do
//!
//! No ASCII-art tables (`+---+` with `|`: those are read as pipe tables),
//! no tables whose lines do not all start with a box char (an indent of
//! blanks is allowed). A line whose strokes do not continue the line above
//! (one stroke too many or too few, an excerpt cut inside a row), with text
//! before its first stroke or after its last (`└──┘ 注：…`), or with more
//! than 256 strokes (the work per line stays bounded) ends the table: it
//! and the lines after it are left to the rest of the text reader, so
//! nothing is lost. Lines drawn like a table whose cells hold no text are
//! text.

use crate::document::{Cell, Position, Row};
use crate::grammar::label::{bullet, parse_label, Label};

/// Which vertical arms a box-drawing char has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Arms {
    up: bool,
    down: bool,
}

/// The box chars by their vertical arms (light, heavy, double and mixed
/// forms). Chars of the block that are in none of these lists are
/// horizontal strokes or ornaments.
const UP_DOWN: &str = "│┃┆┇┊┋║╎╏├┝┞┟┠┡┢┣╞╟╠┤┥┦┧┨┩┪┫╡╢╣┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋╪╫╬";
const DOWN_ONLY: &str = "┌┍┎┏╒╓╔╭┐┑┒┓╕╖╗╮┬┭┮┯┰┱┲┳╤╥╦╷╻";
const UP_ONLY: &str = "└┕┖┗╘╙╚╰┘┙┚┛╛╜╝╯┴┵┶┷┸┹┺┻╧╨╩╵╹";

fn is_box(c: char) -> bool {
    ('\u{2500}'..='\u{257F}').contains(&c)
}

/// The vertical arms of `c`, or `None` when it has none.
fn vertical(c: char) -> Option<Arms> {
    if UP_DOWN.contains(c) {
        Some(Arms {
            up: true,
            down: true,
        })
    } else if DOWN_ONLY.contains(c) {
        Some(Arms {
            up: false,
            down: true,
        })
    } else if UP_ONLY.contains(c) {
        Some(Arms {
            up: true,
            down: false,
        })
    } else {
        None
    }
}

/// The most strokes a line of a table may have (a table of at most 255
/// columns); a line with more is text. Keeps the work per line bounded.
const MAX_STROKES: usize = 256;

/// Whether line `line` can belong to a box-drawn table.
pub(super) fn is_box_line(line: &str) -> bool {
    line.trim_start().chars().next().is_some_and(is_box)
}

/// One vertical stroke of a line: its char offset in the line (after the
/// indent) and its arms.
#[derive(Debug, Clone, Copy)]
struct Stroke {
    at: usize,
    arms: Arms,
}

/// A line cut at its strokes.
struct Cut<'a> {
    strokes: Vec<Stroke>,
    /// The pieces between consecutive strokes (`strokes.len() - 1` of them).
    pieces: Vec<&'a str>,
    /// Text stands before the first stroke or after the last.
    outside: bool,
}

fn cut(line: &str) -> Cut<'_> {
    let line = line.trim_start();
    let mut strokes = Vec::new();
    let mut bounds = Vec::new();
    for (k, (b, c)) in line.char_indices().enumerate() {
        if let Some(arms) = vertical(c) {
            strokes.push(Stroke { at: k, arms });
            bounds.push((b, b + c.len_utf8()));
        }
    }
    let pieces = bounds
        .windows(2)
        .map(|w| line.get(w[0].1..w[1].0).unwrap_or(""))
        .collect();
    let outside = match (bounds.first(), bounds.last()) {
        (Some(&(first, _)), Some(&(_, last))) => {
            !line[..first].trim().is_empty() || !line[last..].trim().is_empty()
        }
        _ => !line.trim().is_empty(),
    };
    Cut {
        strokes,
        pieces,
        outside,
    }
}

/// Whether a piece is a horizontal rule.
fn is_rule(piece: &str) -> bool {
    let t = piece.trim();
    !t.is_empty() && t.chars().all(|c| is_box(c) && vertical(c).is_none())
}

/// A cell being read: where it stands and its content lines.
struct OpenCell {
    /// Left and right stroke positions.
    from: usize,
    to: usize,
    /// First band (grid row) it covers.
    band: usize,
    /// 0-based index of its first content line, once it has one.
    first_line: Option<usize>,
    /// 0-based index of the line whose rule opened it.
    opened_at: usize,
    text: String,
    /// The label of the last item its lines started (`（2）`), if any.
    item: Option<Label>,
}

/// A finished cell, placed on bands and stroke positions.
struct Placed {
    from: usize,
    to: usize,
    bands: (usize, usize),
    line: usize,
    text: String,
}

/// What a run of box lines is.
pub(super) enum BoxRun {
    /// A table: its rows, and the index of the first line after it.
    Table(Vec<Row>, usize),
    /// Lines drawn like a table that hold no text in any cell (rules
    /// alone): text, up to this line index.
    Text(usize),
}

/// Reads the box-drawn table starting at line index `start` of `lines` as
/// table number `table`, or `None` when the lines there are no box-drawn
/// table.
pub(super) fn read_box(lines: &[&str], start: usize, table: u32) -> Option<BoxRun> {
    let first = cut(lines.get(start)?);
    if !(2..=MAX_STROKES).contains(&first.strokes.len())
        || first.outside
        || !first.pieces.iter().all(|p| is_rule(p))
    {
        return None;
    }
    // Strokes going down into the next line, by position.
    let mut active: Vec<usize> = Vec::new();
    let mut open: Vec<OpenCell> = Vec::new();
    let mut done: Vec<Placed> = Vec::new();
    let mut band = 0usize;
    open_below(&first, &[], start, 0, &mut active, &mut open);
    let mut end = start + 1;
    while end < lines.len() && !active.is_empty() && is_box_line(lines[end]) {
        let i = end;
        let line_cut = cut(lines[i]);
        // (Text outside the strokes, `└──┘ 注：…`, is no table's.)
        if line_cut.strokes.len() > MAX_STROKES || line_cut.outside {
            break;
        }
        // A line that does not continue the strokes above (one cut short at
        // the end of an excerpt, a stray line) ends the table; the reader
        // reads it as text.
        let Some(positions) = place(&line_cut, &active) else {
            break;
        };
        if !fits(&line_cut, &positions, &open) {
            break;
        }
        let mut ruled = false;
        // Where the run of rule pieces being read started.
        let mut run: Option<usize> = None;
        for (k, piece) in line_cut.pieces.iter().enumerate() {
            let (from, to) = (positions[k], positions[k + 1]);
            if is_rule(piece) {
                ruled = true;
                let run_from = *run.get_or_insert(from);
                // The cells above that the rules so far end (a cell wider
                // than one piece ends under a run of them).
                let (ended, kept): (Vec<OpenCell>, Vec<OpenCell>) = std::mem::take(&mut open)
                    .into_iter()
                    .partition(|c| c.from >= run_from && c.to <= to);
                open = kept;
                done.extend(ended.into_iter().map(|c| c.place(band)));
                continue;
            }
            run = None;
            if let Some(cell) = open.iter_mut().find(|c| c.from == from && c.to == to) {
                let text = piece.trim();
                if !text.is_empty() {
                    cell.first_line.get_or_insert(i);
                    push_wrapped(&mut cell.text, &mut cell.item, text);
                }
            }
        }
        if ruled {
            band += 1;
        }
        open_below(&line_cut, &positions, i, band, &mut active, &mut open);
        end = i + 1;
    }
    done.extend(open.into_iter().map(|c| c.place(band)));
    if done.iter().all(|c| c.text.is_empty()) {
        return Some(BoxRun::Text(end));
    }
    Some(BoxRun::Table(grid(done, table), end))
}

impl OpenCell {
    /// The cell, ended in band `last`.
    fn place(self, last: usize) -> Placed {
        Placed {
            from: self.from,
            to: self.to,
            bands: (self.band, last.max(self.band)),
            line: self.first_line.unwrap_or(self.opened_at + 1),
            text: self.text,
        }
    }
}

/// Whether every content piece of a line lies in one open cell.
fn fits(line: &Cut<'_>, positions: &[usize], open: &[OpenCell]) -> bool {
    line.pieces.iter().enumerate().all(|(k, piece)| {
        is_rule(piece)
            || open
                .iter()
                .any(|c| c.from == positions[k] && c.to == positions[k + 1])
    })
}

/// The positions of a line's strokes: those going up continue `active` in
/// order; those that start here (no arm up) lie inside a rule, placed by
/// their offset from the stroke before them. `None` when the strokes going
/// up are not as many as `active`.
fn place(line: &Cut<'_>, active: &[usize]) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(line.strokes.len());
    let mut up = active.iter();
    let mut last: Option<(usize, usize)> = None; // (position, offset in line)
    for s in &line.strokes {
        let pos = if s.arms.up {
            *up.next()?
        } else {
            let (p, at) = last?;
            p + (s.at - at)
        };
        if last.is_some_and(|(p, _)| pos <= p) {
            return None;
        }
        out.push(pos);
        last = Some((pos, s.at));
    }
    up.next().is_none().then_some(out)
}

/// After line `i`, records the strokes going down (`active`) and opens a
/// cell under every rule piece, between the strokes going down that bound
/// it. `positions` are the line's stroke positions (empty for the first
/// line, whose offsets are its positions).
fn open_below(
    line: &Cut<'_>,
    positions: &[usize],
    i: usize,
    band: usize,
    active: &mut Vec<usize>,
    open: &mut Vec<OpenCell>,
) {
    let pos = |k: usize| positions.get(k).copied().unwrap_or(line.strokes[k].at);
    active.clear();
    active.extend(
        line.strokes
            .iter()
            .enumerate()
            .filter(|(_, s)| s.arms.down)
            .map(|(k, _)| pos(k)),
    );
    // Runs of rule pieces, cut at strokes going down.
    let mut left: Option<usize> = None;
    for (k, piece) in line.pieces.iter().enumerate() {
        let rule = is_rule(piece);
        if rule && line.strokes[k].arms.down {
            left = Some(pos(k));
        }
        if !rule {
            left = None;
            continue;
        }
        if line.strokes[k + 1].arms.down {
            if let Some(l) = left {
                open.push(OpenCell {
                    from: l,
                    to: pos(k + 1),
                    band,
                    first_line: None,
                    opened_at: i,
                    text: String::new(),
                    item: None,
                });
            }
            left = Some(pos(k + 1));
        }
    }
    open.sort_by_key(|c| c.from);
}

/// Appends a wrapped line of a cell whose last item started with `item`.
fn push_wrapped(text: &mut String, item: &mut Option<Label>, line: &str) {
    let label = parse_label(line);
    if text.is_empty() {
        text.push_str(line);
        *item = label;
        return;
    }
    // (A number starts an item after a sentence's end, or as the next
    // number of the cell's list; a wrapped line may start with another:
    // `确保第` / `一、二季度完成`.)
    let after_stop = text.ends_with(['。', '；', ';', '：', ':', '！', '？']);
    let next = label.filter(|l| {
        after_stop
            || item
                .as_ref()
                .is_some_and(|p| p.kind == l.kind && l.ordinal == p.ordinal + 1)
    });
    let starts_item = bullet(line).is_some() || next.is_some();
    if next.is_some() {
        *item = next;
    }
    if starts_item {
        text.push('\n');
    } else if text.ends_with(|c: char| c.is_ascii_alphanumeric())
        && line.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        text.push(' ');
    }
    text.push_str(line);
}

/// Lays the placed cells on the grid: columns are the distinct stroke
/// positions, rows the bands where some cell starts.
fn grid(mut cells: Vec<Placed>, table: u32) -> Vec<Row> {
    let mut cols: Vec<usize> = cells.iter().flat_map(|c| [c.from, c.to]).collect();
    cols.sort_unstable();
    cols.dedup();
    let mut bands: Vec<usize> = cells.iter().map(|c| c.bands.0).collect();
    bands.sort_unstable();
    bands.dedup();
    cells.sort_by_key(|c| (c.bands.0, c.from));
    let col_of = |p: usize| cols.binary_search(&p).unwrap_or(0);
    let row_of = |b: usize| match bands.binary_search(&b) {
        Ok(r) => r,
        Err(r) => r.saturating_sub(1),
    };
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut rows: Vec<Row> = bands
        .iter()
        .map(|_| Row {
            cells: Vec::new(),
            pos: Position::Line { line: u32::MAX },
        })
        .collect();
    for c in cells {
        let r = row_of(c.bands.0);
        let last = row_of(c.bands.1);
        let col = to_u32(col_of(c.from));
        let line = to_u32(c.line + 1);
        let row = &mut rows[r];
        if let Position::Line { line: l } = &mut row.pos {
            *l = (*l).min(line);
        }
        row.cells.push(Cell {
            text: c.text,
            col,
            row_span: to_u32(last - r + 1),
            col_span: to_u32(col_of(c.to).saturating_sub(col_of(c.from)).max(1)),
            pos: Position::Cell {
                table,
                row: to_u32(r),
                col,
                line: Some(line),
            },
        });
    }
    rows
}
