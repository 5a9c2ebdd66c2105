//! Writes a generated notice in a layout: first as blocks of paragraphs and
//! grids (each grid position holding the start of a cell, or a place a
//! merge covers), then as DOCX (docx-rs), XLSX (rust_xlsxwriter) or text.

use chrono::{Datelike, NaiveDate};

use super::{
    chinese, BlankCol, Format, GenMeasure, GenNotice, Items, Layout, Sections, Seq, UnknownDetail,
    UnknownText, GROUP_WORDS, PROGRESS, PROGRESS_WORDS, REMARKS, SCORE_WORDS, SECTION_TASK_WORDS,
    SEQ_TEXT_WORDS, TASK_WORD_MEASURE_WORDS, UNKNOWN_DEADLINE_WORDS, UNKNOWN_TEXT_WORDS,
    UNKNOWN_UNITS_WORDS, WRAPPED_WORDS,
};

/// One grid position.
#[derive(Debug, Clone, PartialEq)]
enum Slot {
    /// A cell starts here, spanning `rows` down and `cols` across.
    Start {
        text: String,
        rows: usize,
        cols: usize,
        date: Option<NaiveDate>,
    },
    /// Covered by a cell from above.
    Below,
    /// Covered by a cell from the left.
    Right,
}

fn start(text: impl Into<String>) -> Slot {
    Slot::Start {
        text: text.into(),
        rows: 1,
        cols: 1,
        date: None,
    }
}

enum Block {
    Paragraph(String),
    Table(Vec<Vec<Slot>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Seq,
    /// The section ([`Sections::Column`]).
    Section,
    Task,
    Measure,
    Deadline,
    Units,
    Lead,
    Support,
    /// The officials in charge (people, not units).
    Leader,
    /// A column no row fills.
    Blank,
    /// Each row's score ([`Layout::score_col`]).
    Score,
    /// Each row's progress ([`Layout::progress_col`]).
    Progress,
}

impl Col {
    fn header(self, layout: &Layout) -> &'static str {
        let words = layout.words;
        let unknown = matches!(
            (self, layout.unknown_text),
            (Col::Task, UnknownText::Task) | (Col::Measure, UnknownText::Measure)
        );
        if unknown {
            return UNKNOWN_TEXT_WORDS[words % UNKNOWN_TEXT_WORDS.len()];
        }
        match (self, layout.unknown_detail) {
            (Col::Units, UnknownDetail::Units) => {
                return UNKNOWN_UNITS_WORDS[words % UNKNOWN_UNITS_WORDS.len()];
            }
            (Col::Deadline, UnknownDetail::Deadline) => {
                return UNKNOWN_DEADLINE_WORDS[words % UNKNOWN_DEADLINE_WORDS.len()];
            }
            _ => {}
        }
        if self == Col::Seq && layout.seq_word {
            return SEQ_TEXT_WORDS[words % SEQ_TEXT_WORDS.len()];
        }
        if self == Col::Measure && layout.task_word_measures {
            return TASK_WORD_MEASURE_WORDS[words % TASK_WORD_MEASURE_WORDS.len()];
        }
        if self == Col::Section && layout.section_task_word {
            return SECTION_TASK_WORDS[words % SECTION_TASK_WORDS.len()];
        }
        if self == Col::Score {
            return SCORE_WORDS[words % SCORE_WORDS.len()];
        }
        if self == Col::Progress {
            return PROGRESS_WORDS[words % PROGRESS_WORDS.len()];
        }
        let w: [&str; 3] = match self {
            Col::Seq => ["序号", "序号", "编号"],
            Col::Section => ["类别", "领域", "板块"],
            Col::Task => ["重点任务", "工作任务", "主要任务"],
            Col::Measure => ["具体措施", "工作措施", "具体举措"],
            Col::Deadline => ["完成时限", "完成时间", "时间节点"],
            Col::Units => ["责任单位", "责任部门", "责任单位"],
            Col::Lead => ["牵头单位", "牵头单位", "牵头部门"],
            Col::Support => ["配合单位", "协同单位", "配合部门"],
            Col::Leader => ["责任领导", "分管领导", "牵头领导"],
            Col::Blank | Col::Score | Col::Progress => ["备注", "备注", "备注"],
        };
        w[words % 3]
    }
}

fn columns(layout: &Layout) -> Vec<Col> {
    let mut cols = Vec::new();
    if layout.section_first {
        cols.push(Col::Section);
    }
    if layout.seq != Seq::None {
        cols.push(Col::Seq);
    }
    if layout.sections == Sections::Column && !layout.section_first {
        cols.push(Col::Section);
    }
    if layout.grouped_header {
        cols.push(Col::Units);
    }
    if layout.task_col {
        cols.push(Col::Task);
    }
    cols.push(Col::Measure);
    if layout.progress_col && !layout.progress_last {
        cols.push(Col::Progress);
    }
    if layout.score_col {
        cols.push(Col::Score);
    }
    if layout.leader_col {
        cols.push(Col::Leader);
    }
    if layout.blank_col == BlankCol::AfterMeasure {
        cols.push(Col::Blank);
    }
    let units: &[Col] = if layout.notes_in_cells {
        &[]
    } else if layout.roles {
        &[Col::Lead, Col::Support]
    } else if layout.lead_listed {
        &[Col::Units, Col::Lead]
    } else if layout.grouped_header {
        &[]
    } else {
        &[Col::Units]
    };
    if layout.notes_in_cells {
        // (Units and deadline stand in a note in the measure cell.)
    } else if layout.deadline_first {
        cols.push(Col::Deadline);
        cols.extend_from_slice(units);
    } else {
        cols.extend_from_slice(units);
        cols.push(Col::Deadline);
    }
    if layout.progress_col && layout.progress_last {
        cols.push(Col::Progress);
    }
    if layout.blank_col == BlankCol::Last {
        cols.push(Col::Blank);
    }
    cols
}

/// The score of the `n`th measure row (neighbours differ, so never merge).
fn score(n: usize) -> usize {
    5 + n % 7
}

/// The text (and date) a measure row holds in a column.
fn value(col: Col, m: &GenMeasure, layout: &Layout) -> (String, Option<NaiveDate>) {
    match col {
        Col::Deadline => match &m.deadline {
            Some(d) => (
                match d.raw.strip_suffix("年底前") {
                    Some(year) if layout.bare_years && year.len() == 4 => year.to_owned(),
                    _ => d.raw.clone(),
                },
                d.day
                    .filter(|_| layout.date_cells && layout.format == Format::Xlsx),
            ),
            None => (String::new(), None),
        },
        Col::Leader => (m.leader.to_owned(), None),
        Col::Units if layout.units_lines => (marked(&m.lead, layout).join("\n"), None),
        Col::Units => (listed(&marked(&m.lead, layout), layout), None),
        Col::Lead if layout.lead_listed => (m.lead[0].to_owned(), None),
        Col::Lead if layout.units_lines => (marked(&m.lead, layout).join("\n"), None),
        Col::Lead => (listed(&marked(&m.lead, layout), layout), None),
        Col::Support => (listed(&marked(&m.support, layout), layout), None),
        Col::Blank if layout.remarks => (
            REMARKS[m.text.chars().count() % REMARKS.len()].to_owned(),
            None,
        ),
        _ => (String::new(), None),
    }
}

/// The note that ends a measure cell with [`Layout::notes_in_cells`]:
/// its units, and its deadline where it has one.
fn cell_note(m: &GenMeasure, layout: &Layout) -> String {
    let units = listed(
        &marked(
            &m.lead,
            &Layout {
                marked_units: false,
                ..*layout
            },
        ),
        layout,
    );
    match &m.deadline {
        Some(d) => format!("（责任单位：{units}；完成时限：{}）", d.raw),
        None => format!("（责任单位：{units}）"),
    }
}

/// A cell's list of units: between `、`, the last two joined by `和` with
/// [`Layout::and_units`] where both name their level (`市财政局和市商务局`).
/// TODO(issue 12): a group before `和` (`相关街道和市商务局`) stays one name.
fn listed(units: &[String], layout: &Layout) -> String {
    match units {
        [rest @ .., before, last]
            if layout.and_units
                && [before, last]
                    .iter()
                    .all(|u| u.starts_with(['省', '市', '县', '区'])) =>
        {
            let mut head: Vec<&str> = rest.iter().map(String::as_str).collect();
            let pair = format!("{before}和{last}");
            head.push(&pair);
            head.join("、")
        }
        _ => units.join("、"),
    }
}

/// A cell's units, the first marked with [`Layout::marked_units`].
fn marked(units: &[&str], layout: &Layout) -> Vec<String> {
    units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            if layout.marked_units && i == 0 {
                format!("{u}*")
            } else {
                (*u).to_owned()
            }
        })
        .collect()
}

fn blocks(notice: &GenNotice, layout: &Layout) -> Vec<Block> {
    let cols = columns(layout);
    let width = cols.len();
    let grid_format = !layout.format.is_text();
    let header: Vec<Vec<Slot>> = if layout.sub_header {
        let top = cols
            .iter()
            .map(|c| match c {
                Col::Lead => Slot::Start {
                    text: "责任单位".to_owned(),
                    rows: 1,
                    cols: 2,
                    date: None,
                },
                Col::Support => Slot::Right,
                c => Slot::Start {
                    text: c.header(layout).to_owned(),
                    rows: 2,
                    cols: 1,
                    date: None,
                },
            })
            .collect();
        let under = cols
            .iter()
            .map(|c| match c {
                Col::Lead | Col::Support => start(c.header(layout)),
                _ => Slot::Below,
            })
            .collect();
        vec![top, under]
    } else if layout.grouped_header {
        let word = GROUP_WORDS[layout.words % GROUP_WORDS.len()];
        vec![cols
            .iter()
            .map(|c| match c {
                Col::Section => Slot::Start {
                    text: word.to_owned(),
                    rows: 1,
                    cols: 2,
                    date: None,
                },
                Col::Units => Slot::Right,
                c => start(c.header(layout)),
            })
            .collect()]
    } else if layout.wrapped_header {
        let wrapped = |word: &str| {
            WRAPPED_WORDS
                .iter()
                .find(|(w, _)| *w == word)
                .map_or(word.to_owned(), |(_, lines)| (*lines).to_owned())
        };
        vec![cols
            .iter()
            .map(|c| start(wrapped(c.header(layout))))
            .collect()]
    } else {
        vec![cols.iter().map(|c| start(c.header(layout))).collect()]
    };
    let header = if layout.no_header { Vec::new() } else { header };
    let spanning = |text: String| -> Vec<Slot> {
        let mut row = vec![Slot::Right; width];
        row[0] = Slot::Start {
            text,
            rows: 1,
            cols: width,
            date: None,
        };
        row
    };
    let mut out = Vec::new();
    let mut table: Vec<Vec<Slot>> = Vec::new();
    if layout.title_row && grid_format {
        table.push(spanning(notice.title.clone()));
    } else {
        out.push(Block::Paragraph(notice.title.clone()));
    }
    let mut task_no = layout.number_from;
    let mut measure_no = layout.number_from;
    for (si, s) in notice.sections.iter().enumerate() {
        let section = if layout.bare_sections {
            format!("{}。", s.title)
        } else {
            format!("{}、{}", chinese(si + 1), s.title)
        };
        match layout.sections {
            Sections::None | Sections::Column => {
                if table.len() <= usize::from(layout.title_row && grid_format) {
                    table.extend(header.iter().cloned());
                }
            }
            Sections::MergedRow => {
                if si == 0 {
                    table.extend(header.iter().cloned());
                }
                if matches!(layout.format, Format::Pipes | Format::Tabs) && !layout.padded {
                    // A section line between the rows of a pasted table.
                    out.push(Block::Table(std::mem::take(&mut table)));
                    out.push(Block::Paragraph(section));
                } else {
                    table.push(spanning(section));
                }
            }
            Sections::SeqRow => {
                if si == 0 {
                    table.extend(header.iter().cloned());
                }
                let total: usize = s
                    .tasks
                    .iter()
                    .flat_map(|t| &t.measures)
                    .enumerate()
                    .map(|(k, _)| score(measure_no + k + 1))
                    .sum();
                let row = cols
                    .iter()
                    .enumerate()
                    .map(|(c, col)| match (c, col) {
                        (0, _) => start(format!("{}、", chinese(si + 1))),
                        (1, _) => start(s.title.clone()),
                        (_, Col::Score) => start(total.to_string()),
                        // (Pasted one cell per line or between spaces, an
                        // empty cell is absent.)
                        _ if matches!(layout.format, Format::CellLines | Format::Spaces) => {
                            Slot::Right
                        }
                        _ => start(""),
                    })
                    .collect();
                table.push(row);
            }
            Sections::Paragraphs => {
                if !table.is_empty() {
                    out.push(Block::Table(std::mem::take(&mut table)));
                }
                out.push(Block::Paragraph(section));
                table.extend(header.iter().cloned());
            }
        }
        let section_row = table.len();
        for (ti, t) in s.tasks.iter().enumerate() {
            task_no += 1;
            if layout.task_rows {
                let label = format!("（{}）", chinese(ti + 1));
                table.push(if layout.format == Format::CellLines {
                    // (Pasted one cell per line, the label alone, as a
                    // 序号 cell, then the title.)
                    let mut row = vec![Slot::Right; width];
                    row[0] = start(label);
                    row[1] = start(t.title.clone());
                    row
                } else {
                    spanning(format!("{label}{}", t.title))
                });
            }
            let first_row = table.len();
            for (mi, m) in t.measures.iter().enumerate() {
                measure_no += 1;
                // Measures listed in one cell: the task's one row.
                if layout.items != Items::Rows && mi > 0 {
                    continue;
                }
                let mut row = Vec::with_capacity(width);
                for (c, col) in cols.iter().enumerate() {
                    let (text, date) = match col {
                        Col::Seq => match layout.seq {
                            Seq::Tasks => (task_no.to_string(), None),
                            _ => (measure_no.to_string(), None),
                        },
                        Col::Task if layout.task_labels => {
                            (format!("{}.{}", ti + 1, t.title), None)
                        }
                        Col::Task => (t.title.clone(), None),
                        Col::Measure if layout.items != Items::Rows => {
                            let lines: Vec<String> = t
                                .measures
                                .iter()
                                .enumerate()
                                .map(|(k, m)| match layout.items {
                                    Items::Bullets => format!("△{}", m.text),
                                    _ => format!("({}){}", k + 1, m.text),
                                })
                                .collect();
                            (lines.join("\n"), None)
                        }
                        Col::Measure if layout.notes_in_cells => {
                            let label = if layout.measure_labels {
                                format!("({})", mi + 1)
                            } else {
                                String::new()
                            };
                            (format!("{label}{}{}", m.text, cell_note(m, layout)), None)
                        }
                        Col::Measure if layout.measure_labels => {
                            (format!("({}){}", mi + 1, m.text), None)
                        }
                        Col::Measure => (m.text.clone(), None),
                        Col::Section => (s.title.clone(), None),
                        Col::Score => (score(measure_no).to_string(), None),
                        // (Words or sentences, one or the other in a
                        // notice, or both.)
                        Col::Progress => (
                            match layout.words {
                                2 => PROGRESS[measure_no % PROGRESS.len()],
                                w => PROGRESS[measure_no % 2 + 2 * (w % 2)],
                            }
                            .to_owned(),
                            None,
                        ),
                        _ => value(*col, m, layout),
                    };
                    // Merge into the cell above when it holds the same value
                    // in the same task (task and task number cells always).
                    let whole_task =
                        matches!(col, Col::Task) || *col == Col::Seq && layout.seq == Seq::Tasks;
                    let same_above = mi > 0
                        && *col != Col::Blank
                        && !text.is_empty()
                        && (whole_task
                            || (!matches!(col, Col::Seq | Col::Measure | Col::Progress)
                                && value(*col, &t.measures[mi - 1], layout).0 == text))
                        // Text cannot show a 配合 cell merged under a 牵头
                        // cell of its own: it is merged with its lead.
                        && (*col != Col::Support
                            || !layout.format.is_text()
                            || t.measures[mi - 1].lead == m.lead);
                    // A section cell merges over its section's rows.
                    let (same_above, first_row) = if *col == Col::Section {
                        (ti > 0 || mi > 0, section_row)
                    } else {
                        (same_above, first_row)
                    };
                    if layout.merge && same_above {
                        // Find the start above and grow it.
                        let mut r = table.len() - 1;
                        while r > first_row && table[r][c] == Slot::Below {
                            r -= 1;
                        }
                        if let Slot::Start { rows, .. } = &mut table[r][c] {
                            *rows += 1;
                        }
                        row.push(Slot::Below);
                    } else {
                        row.push(Slot::Start {
                            text,
                            rows: 1,
                            cols: 1,
                            date,
                        });
                    }
                }
                table.push(row);
            }
        }
    }
    if layout.note_row {
        let note = "注：此表由各责任单位按季度报送进展情况。".to_owned();
        if matches!(
            layout.format,
            Format::Spaces | Format::CellLines | Format::Records
        ) {
            if !table.is_empty() {
                out.push(Block::Table(std::mem::take(&mut table)));
            }
            out.push(Block::Paragraph(note));
        } else {
            table.push(spanning(note));
        }
    }
    if !table.is_empty() {
        out.push(Block::Table(table));
    }
    if layout.trailer {
        out.push(Block::Paragraph("分享到：".to_owned()));
        out.push(Block::Paragraph("【打印本页】【关闭窗口】".to_owned()));
    }
    out
}

/// The notice written in `layout`: its bytes and a file name to parse it as.
pub fn render(notice: &GenNotice, layout: &Layout) -> (Vec<u8>, &'static str) {
    let blocks = blocks(notice, layout);
    match layout.format {
        Format::Pipes => (
            text(&blocks, " | ", layout.padded, layout.pad_at_end).into_bytes(),
            "notice.txt",
        ),
        Format::Tabs => (
            text(&blocks, "\t", layout.padded, layout.pad_at_end).into_bytes(),
            "notice.txt",
        ),
        Format::CellLines => (
            cell_lines(&blocks, layout.padded, layout.cell_pipes).into_bytes(),
            "notice.txt",
        ),
        Format::Spaces => (
            spaces(
                &blocks,
                if layout.padded { "　" } else { " " },
                layout.title_row,
                layout.wrapped_cells.then(|| columns(layout)).as_deref(),
                layout.run_on,
            )
            .into_bytes(),
            "notice.txt",
        ),
        Format::Boxed => (boxed(&blocks, layout.padded).into_bytes(), "notice.txt"),
        Format::Records => (
            records(&blocks, layout.padded, layout.field_rows).into_bytes(),
            "notice.txt",
        ),
        Format::Docx => (docx(&blocks), "notice.docx"),
        Format::Xlsx => (xlsx(&blocks), "notice.xlsx"),
    }
}

/// Rows one per line, cells between `sep`: merged cells as empty pieces
/// when `padded`, else absent (with `pad_at_end`, as empty pieces at the
/// row's end, each row ending in a separator).
fn text(blocks: &[Block], sep: &str, padded: bool, pad_at_end: bool) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                out.push_str(p);
                out.push('\n');
            }
            Block::Table(rows) => {
                for row in rows {
                    let mut cells: Vec<&str> = row
                        .iter()
                        .filter_map(|s| match s {
                            Slot::Start { text, .. } => Some(text.as_str()),
                            _ if padded => Some(""),
                            _ => None,
                        })
                        .collect();
                    if pad_at_end && cells.len() > 1 {
                        let left_out = row.iter().filter(|s| **s == Slot::Below).count();
                        cells.extend(std::iter::repeat_n("", left_out));
                        out.push_str(cells.join(sep).trim_end_matches(' '));
                        out.push_str(sep.trim_end_matches(' '));
                        out.push('\n');
                        continue;
                    }
                    // A line of one cell would be a paragraph: the row
                    // keeps a separator after its cell (`…开展专项整治 |`).
                    // TODO(issue 12): rows flattened to one bare cell.
                    if cells.len() == 1 {
                        out.push_str(cells[0]);
                        out.push_str(sep.trim_end_matches(' '));
                    } else {
                        out.push_str(cells.join(sep).trim_end_matches(' '));
                    }
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// One line per cell that is written (merged-over cells are absent), a
/// blank line after each when `blank`, ending in ` |` when `pipes`.
fn cell_lines(blocks: &[Block], blank: bool, pipes: bool) -> String {
    let mut out = String::new();
    let mut line = |t: &str| {
        out.push_str(t);
        out.push('\n');
        if blank {
            out.push('\n');
        }
    };
    for b in blocks {
        match b {
            Block::Paragraph(p) => line(p),
            Block::Table(rows) => {
                for s in rows.iter().flatten() {
                    if let Slot::Start { text, .. } = s {
                        // A cell broken over lines is as many lines.
                        for part in text.split('\n') {
                            if pipes {
                                line(&format!("{part} |"));
                            } else {
                                line(part);
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Each row a record: for each cell, a line of its column's header word
/// and a line of its text; an empty cell leaves its word alone when
/// `padded`, else nothing. A row of one cell (a section) is a line.
fn records(blocks: &[Block], padded: bool, field_rows: bool) -> String {
    let mut out = String::new();
    let mut line = |t: &str| {
        out.push_str(t);
        out.push('\n');
    };
    for b in blocks {
        match b {
            Block::Paragraph(p) => line(p),
            Block::Table(rows) => {
                let Some((header, rows)) = rows.split_first() else {
                    continue;
                };
                let words: Vec<&str> = header
                    .iter()
                    .map(|s| match s {
                        Slot::Start { text, .. } => text.as_str(),
                        _ => "",
                    })
                    .collect();
                for row in rows {
                    let cells: Vec<(usize, &str)> = row
                        .iter()
                        .enumerate()
                        .filter_map(|(c, s)| match s {
                            Slot::Start { text, .. } => Some((c, text.as_str())),
                            _ => None,
                        })
                        .collect();
                    if let [(_, section)] = cells[..] {
                        line(section);
                        continue;
                    }
                    for (c, text) in cells {
                        if field_rows && (padded || !text.is_empty()) {
                            line(&format!("{}： | {text} |", words[c]));
                        } else if !text.is_empty() {
                            line(words[c]);
                            line(text);
                        } else if padded {
                            line(words[c]);
                        }
                    }
                }
            }
        }
    }
    out
}

/// How many chars a wrapped section or task cell shows per line
/// ([`Layout::wrapped_cells`]).
const WRAP_CHARS: usize = 6;

/// A cell's text broken with a space every [`WRAP_CHARS`] chars.
fn wrapped(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(WRAP_CHARS)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line per row, its written cells between `sep` (merged-over and
/// empty cells are absent); with `title_on_header` a paragraph just before
/// a table shares the line of its header. With `wrap` (the columns), section
/// and task cells are [`wrapped`] and a merged cell inside a row is an
/// empty piece. With `run_on`, a table's rows follow its header on its
/// line, each after the last.
fn spaces(
    blocks: &[Block],
    sep: &str,
    title_on_header: bool,
    wrap: Option<&[Col]>,
    run_on: bool,
) -> String {
    let mut out = String::new();
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Paragraph(p) => {
                out.push_str(p);
                let joined =
                    title_on_header && i == 0 && matches!(blocks.get(1), Some(Block::Table(_)));
                out.push_str(if joined { sep } else { "\n" });
            }
            Block::Table(rows) => {
                for (r, row) in rows.iter().enumerate() {
                    let mut cells: Vec<String> = match wrap {
                        // (The header row's words are short: never wrapped.)
                        Some(cols) if r > 0 => row
                            .iter()
                            .zip(cols)
                            .filter_map(|(s, col)| match s {
                                Slot::Start { text, .. }
                                    if matches!(col, Col::Section | Col::Task) =>
                                {
                                    Some(wrapped(text))
                                }
                                Slot::Start { text, .. } => Some(text.clone()),
                                Slot::Below => Some(String::new()),
                                Slot::Right => None,
                            })
                            .collect(),
                        _ => row
                            .iter()
                            .filter_map(|s| match s {
                                Slot::Start { text, .. } if !text.is_empty() => Some(text.clone()),
                                _ => None,
                            })
                            .collect(),
                    };
                    while cells.last().is_some_and(|c| c.is_empty()) {
                        cells.pop();
                    }
                    // TODO(issue 12): the text's last row, its lead cell
                    // one unit per line, then its deadline alone on a
                    // line: a date there reads as the notice's closing
                    // date. Its units are written on one line.
                    let last_table = blocks.iter().rposition(|b| matches!(b, Block::Table(_)));
                    if last_table == Some(i) && r + 1 == rows.len() {
                        for cell in &mut cells {
                            *cell = cell.replace('\n', "、");
                        }
                    }
                    // (A cell of several paragraphs, one per line, ends
                    // with its last paragraph's line break.)
                    for (c, cell) in cells.iter().enumerate() {
                        out.push_str(cell);
                        let last = c + 1 == cells.len();
                        let row_goes_on = run_on && r + 1 < rows.len();
                        out.push_str(if (last && !row_goes_on) || cell.contains('\n') {
                            "\n"
                        } else {
                            sep
                        });
                    }
                }
            }
        }
    }
    out
}

fn docx(blocks: &[Block]) -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};
    let para = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let mut doc = Docx::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => doc = doc.add_paragraph(para(p)),
            Block::Table(rows) => {
                let rows = rows
                    .iter()
                    .map(|row| {
                        let cells = row
                            .iter()
                            .filter_map(|s| match s {
                                Slot::Start {
                                    text, rows, cols, ..
                                } => {
                                    // A paragraph a line.
                                    let mut c = text
                                        .split('\n')
                                        .fold(TableCell::new(), |c, l| c.add_paragraph(para(l)));
                                    if *cols > 1 {
                                        c = c.grid_span(*cols);
                                    }
                                    if *rows > 1 {
                                        c = c.vertical_merge(VMergeType::Restart);
                                    }
                                    Some(c)
                                }
                                Slot::Below => Some(
                                    TableCell::new()
                                        .add_paragraph(Paragraph::new())
                                        .vertical_merge(VMergeType::Continue),
                                ),
                                Slot::Right => None,
                            })
                            .collect();
                        TableRow::new(cells)
                    })
                    .collect();
                doc = doc.add_table(Table::new(rows));
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .expect("docx-rs packs the document");
    out.into_inner()
}

fn xlsx(blocks: &[Block]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = CellFormat::new();
    let date_format = CellFormat::new().set_num_format("yyyy/m/d");
    let mut r: u32 = 0;
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                sheet.write_string(r, 0, p).expect("cell written");
                r += 1;
            }
            Block::Table(rows) => {
                for row in rows {
                    for (c, s) in row.iter().enumerate() {
                        let Slot::Start {
                            text,
                            rows,
                            cols,
                            date,
                        } = s
                        else {
                            continue;
                        };
                        let c = c as u16;
                        if *rows > 1 || *cols > 1 {
                            sheet
                                .merge_range(
                                    r,
                                    c,
                                    r + *rows as u32 - 1,
                                    c + *cols as u16 - 1,
                                    text,
                                    &plain,
                                )
                                .expect("range merged");
                        }
                        match date {
                            Some(d) => {
                                let when = ExcelDateTime::from_ymd(
                                    d.year() as u16,
                                    d.month() as u8,
                                    d.day() as u8,
                                )
                                .expect("a valid date");
                                sheet
                                    .write_datetime_with_format(r, c, &when, &date_format)
                                    .expect("date written");
                            }
                            None if *rows == 1 && *cols == 1 => {
                                sheet.write_string(r, c, text).expect("cell written");
                            }
                            None => {}
                        }
                    }
                    r += 1;
                }
            }
        }
    }
    book.save_to_buffer().expect("workbook written")
}

/// Text with tables drawn in box characters (`┌─┬─┐ │ ├─┼─┤ └─┴─┘`), as a
/// law database writes a word processor's table: cell texts wrapped at the
/// column's width, merges shown by the rules and strokes left out, a
/// merged cell's text running on over the rules of its neighbours. With
/// `padded` every piece is filled to its width with `　`; without, the
/// blanks are collapsed (an empty piece is one space).
fn boxed(blocks: &[Block], padded: bool) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                out.push_str(p);
                out.push('\n');
            }
            Block::Table(rows) => box_table(rows, padded, &mut out),
        }
    }
    out
}

fn box_table(grid: &[Vec<Slot>], padded: bool, out: &mut String) {
    let n_rows = grid.len();
    let n_cols = grid.iter().map(Vec::len).max().unwrap_or(0);
    if n_rows == 0 || n_cols == 0 {
        return;
    }
    // The cell (its start) covering each position.
    let mut owner = vec![vec![(usize::MAX, usize::MAX); n_cols]; n_rows];
    for (r, row) in grid.iter().enumerate() {
        for (c, s) in row.iter().enumerate() {
            if let Slot::Start { rows, cols, .. } = s {
                for line in owner.iter_mut().skip(r).take(*rows) {
                    for o in line.iter_mut().skip(c).take(*cols) {
                        *o = (r, c);
                    }
                }
            }
        }
    }
    // Column widths in chars (a stroke between two columns is one more).
    let widths: Vec<usize> = (0..n_cols)
        .map(|c| {
            let longest = grid
                .iter()
                .filter_map(|row| match row.get(c) {
                    Some(Slot::Start { text, cols: 1, .. }) => {
                        text.split('\n').map(|l| l.chars().count()).max()
                    }
                    _ => None,
                })
                .max()
                .unwrap_or(2);
            longest.clamp(2, 6 + 2 * (c % 3))
        })
        .collect();
    let span_width = |c: usize, cols: usize| widths[c..c + cols].iter().sum::<usize>() + cols - 1;
    // Each cell's wrapped lines.
    let mut lines: std::collections::HashMap<(usize, usize), Vec<String>> = Default::default();
    for (r, row) in grid.iter().enumerate() {
        for (c, s) in row.iter().enumerate() {
            if let Slot::Start { text, cols, .. } = s {
                let w = span_width(c, (*cols).min(n_cols - c));
                let wrapped = text
                    .split('\n')
                    .filter(|l| !l.is_empty())
                    .flat_map(|l| {
                        let chars: Vec<char> = l.chars().collect();
                        chars
                            .chunks(w)
                            .map(|ch| ch.iter().collect::<String>())
                            .collect::<Vec<_>>()
                    })
                    .collect();
                lines.insert((r, c), wrapped);
            }
        }
    }
    // Band heights: one-row cells fit in their band; a cell over several
    // rows fits in its bands and the rules between them.
    let mut heights = vec![1usize; n_rows];
    for (r, row) in grid.iter().enumerate() {
        for (c, s) in row.iter().enumerate() {
            if let Slot::Start { rows: 1, .. } = s {
                heights[r] = heights[r].max(lines[&(r, c)].len());
            }
        }
    }
    for (r, row) in grid.iter().enumerate() {
        for (c, s) in row.iter().enumerate() {
            if let Slot::Start { rows, .. } = s {
                let last = (r + rows).min(n_rows) - 1;
                let room: usize = heights[r..=last].iter().sum::<usize>() + (last - r);
                let need = lines[&(r, c)].len();
                if need > room {
                    heights[last] += need - room;
                }
            }
        }
    }
    // The first physical line of each band (line 0 is the top border).
    let mut band_start = vec![0usize; n_rows];
    let mut at = 1;
    for r in 0..n_rows {
        if r > 0 {
            at += 1; // the rule above band r
        }
        band_start[r] = at;
        at += heights[r];
    }
    let piece = |(r, c): (usize, usize), line: usize, w: usize| -> String {
        let k = line - band_start[r];
        let text = lines[&(r, c)].get(k).cloned().unwrap_or_default();
        let len = text.chars().count();
        if padded {
            format!("{text}{}", "　".repeat(w - len))
        } else if text.is_empty() {
            " ".to_owned()
        } else {
            text
        }
    };
    let stroke = |up: bool, down: bool, left: bool, right: bool| match (up, down, left, right) {
        (true, true, true, true) => '┼',
        (true, true, false, true) => '├',
        (true, true, true, false) => '┤',
        (false, true, true, true) => '┬',
        (true, false, true, true) => '┴',
        (false, true, false, true) => '┌',
        (false, true, true, false) => '┐',
        (true, false, false, true) => '└',
        (true, false, true, false) => '┘',
        (_, _, true, _) | (_, _, _, true) => '─',
        _ => '│',
    };
    // Whether a stroke stands at boundary `b` in band `r`.
    let split = |r: usize, b: usize| b == 0 || b == n_cols || owner[r][b - 1] != owner[r][b];
    // A rule line above band `r` (`None`: the top border, `Some(n_rows)`:
    // the bottom one).
    let rule_line = |above: Option<usize>, below: Option<usize>, line: usize| -> String {
        let mut s = String::new();
        let ruled = |c: usize| match (above, below) {
            (Some(a), Some(b)) => owner[a][c] != owner[b][c],
            _ => true,
        };
        let mut c = 0;
        while c <= n_cols {
            let up = above.is_some_and(|a| split(a, c));
            let down = below.is_some_and(|b| split(b, c));
            let left = c > 0 && ruled(c - 1);
            let right = c < n_cols && ruled(c);
            if c == n_cols {
                s.push(stroke(up, down, left, right));
                break;
            }
            if right {
                s.push(stroke(up, down, left, right));
                s.push_str(&"─".repeat(widths[c]));
                c += 1;
            } else {
                // A cell going on through this rule.
                let b = below.expect("a rule between bands");
                let o = owner[b][c];
                let end = (c..n_cols).find(|&e| owner[b][e] != o).unwrap_or(n_cols);
                if up || down || left {
                    s.push(stroke(up, down, left, right));
                }
                s.push_str(&piece(o, line, span_width(c, end - c)));
                c = end;
            }
        }
        s
    };
    out.push_str(&rule_line(None, Some(0), 0));
    out.push('\n');
    for r in 0..n_rows {
        if r > 0 {
            out.push_str(&rule_line(Some(r - 1), Some(r), band_start[r] - 1));
            out.push('\n');
        }
        for line in band_start[r]..band_start[r] + heights[r] {
            let mut s = String::new();
            let mut c = 0;
            while c < n_cols {
                let o = owner[r][c];
                let end = (c..n_cols).find(|&e| owner[r][e] != o).unwrap_or(n_cols);
                s.push('│');
                s.push_str(&piece(o, line, span_width(c, end - c)));
                c = end;
            }
            s.push('│');
            out.push_str(&s);
            out.push('\n');
        }
    }
    out.push_str(&rule_line(Some(n_rows - 1), None, 0));
    out.push('\n');
}
