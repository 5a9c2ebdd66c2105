//! Generated task-table notices and the layouts they are written in (see
//! `tests/layouts.rs`).

use chrono::{Datelike, NaiveDate};
use gongwen::model::Role;
use gongwen::normalize::comparable;
use proptest::prelude::*;

mod render;

pub use render::render;

/// A measure as the test expects to read it back, in comparable form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// The headings above it: label and title.
    pub path: Vec<(String, String)>,
    pub label: Option<String>,
    pub text: String,
    pub due: Option<NaiveDate>,
    pub ongoing: bool,
    pub recurs: bool,
    pub units: Vec<(String, Role)>,
    /// The officials in charge ([`Layout::leader_col`]).
    pub leader: Option<String>,
}

/// How the notice is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Text, cells between ` | `.
    #[default]
    Pipes,
    /// Text, cells between tabs (a spreadsheet copied).
    Tabs,
    /// Text, one cell per line, as a web page's table copies: merged cells
    /// are absent; [`Layout::padded`] puts a blank line after every cell.
    CellLines,
    /// Text, one row per line, cells between spaces (a web page's table
    /// copied as rows): merged and empty cells are absent; with
    /// [`Layout::padded`] the spaces are full-width (`　`); with
    /// [`Layout::title_row`] the table's title and header share a line.
    Spaces,
    /// Text, tables drawn with box characters (`┌─┬─┐ │ ├─┼─┤`), as law
    /// databases write a word processor's table: merges shown; cells
    /// wrapped at their column's width; [`Layout::padded`] fills every piece
    /// with `　`, else blanks are collapsed.
    Boxed,
    /// Text, each row a record: a line of each column's header word, then
    /// a line of the row's cell (`具体措施` ⏎ `…` ⏎ `责任单位` ⏎ `…`), as a
    /// web page turns a row on its side; a section row is a line between
    /// records. Cells are repeated, never merged; with [`Layout::padded`]
    /// an empty cell leaves its word alone on its line, else it is absent.
    Records,
    Docx,
    Xlsx,
}

impl Format {
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Format::Pipes | Format::Tabs | Format::CellLines | Format::Spaces | Format::Records
        )
    }
}

/// What the 序号 column numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Seq {
    #[default]
    None,
    /// One number per task, merged over the task's measure rows (without
    /// a task column: the number of each of those rows).
    Tasks,
    /// One number per measure row.
    Measures,
}

/// How sections are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sections {
    /// No sections.
    None,
    /// A row merged across the whole table (text: a line with only the
    /// section, or padded with empty cells, see [`Layout::padded`]).
    #[default]
    MergedRow,
    /// A paragraph `一、…` before a table of the section's own.
    Paragraphs,
    /// A column of their own (`类别`), after the 序号 column, the section's
    /// title (unlabelled) merged down over its rows or repeated in each.
    Column,
    /// A row numbered in the 序号 column (`一、 | 加强组织领导 | | …`): the
    /// label in the 序号 cell, the title in the next, the rest empty (or,
    /// with [`Layout::score_col`], the section's total score).
    SeqRow,
}

/// One point of the layout space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub format: Format,
    pub seq: Seq,
    pub task_col: bool,
    /// `1.` printed in the task cell.
    pub task_labels: bool,
    /// `(1)` printed in the measure cell.
    pub measure_labels: bool,
    /// 牵头单位 + 配合单位 columns (else one 责任单位 column).
    pub roles: bool,
    /// The deadline column stands before the unit columns.
    pub deadline_first: bool,
    pub sections: Sections,
    /// Equal cells of consecutive rows of a task are merged (in text: left
    /// empty or absent); otherwise repeated in every row.
    pub merge: bool,
    /// In text, a merged cell leaves an empty piece between its pipes (else
    /// the cell is absent); section lines are padded to the table's width.
    pub padded: bool,
    /// A title row (or line) above the header.
    pub title_row: bool,
    /// Deadlines that are one day are written as date cells (XLSX).
    pub date_cells: bool,
    /// Which header words (an index into each synonym list).
    pub words: usize,
    /// A column no row fills (`备注`): none, last, or after the measure
    /// column.
    pub blank_col: BlankCol,
    /// A note under the table (`注：…`), as a row across it (or a line).
    pub note_row: bool,
    /// With [`Layout::roles`], a two-row header: `责任单位` across two
    /// columns over `牵头单位 | 配合单位`, the other header cells merged down.
    pub sub_header: bool,
    /// One cell per line: each cell's line ends in ` |` (a web page's table
    /// copied cell by cell with its borders).
    pub cell_pipes: bool,
    /// One cell per line: a cell of several units is written one unit per
    /// line (a cell broken over lines). Between spaces: the lead (or only)
    /// unit cell's units one per line, the row going on over the lines and
    /// the next cell starting a line (a web page's cell of several
    /// paragraphs copied).
    pub units_lines: bool,
    /// A text column headed by a word the lexicon does not know
    /// (`民生实事`): its role is read from its cells.
    pub unknown_text: UnknownText,
    /// A unit or deadline column headed by a word the lexicon does not know
    /// (`落实主体`, `时序`): its role is read from its cells.
    pub unknown_detail: UnknownDetail,
    /// A column of the officials in charge (`责任领导`: people, not units)
    /// after the measure column.
    pub leader_col: bool,
    /// A web page's lines after the table (`分享到：`, `【打印本页】【关闭窗口】`).
    pub trailer: bool,
    /// A column of scores (`分值`) after the measure column, as assessment
    /// tables have (in grids, and in pipes or tabs with padded rows).
    pub score_col: bool,
    /// With [`Sections::Column`], the section column and the unit column
    /// side by side under one header cell across both, a word the lexicon
    /// does not know (`考核项目`): their cells say which is which (grids).
    pub grouped_header: bool,
    /// One cell per line: header cells wrapped over two lines (`责任` /
    /// `单位`), as a web page's header cell with a line break copies.
    pub wrapped_header: bool,
    /// How a task's measures are written: a row each, or all in one cell
    /// of one row, one per line, sharing its units and deadline.
    pub items: Items,
    /// The [`Layout::blank_col`] column (`备注`) holds a short remark on
    /// each row (`县民生实事`), not read as a measure.
    pub remarks: bool,
    /// Pasted rows (pipes or tabs): the text ends inside the last row's
    /// list of units, after the first char of its second unit
    /// (`… | 市财政局、市`): that row is left out.
    pub cut_tail: bool,
    /// A column of each row's progress (`当前进展情况`: `已完成`, a
    /// sentence) after the measure column: no field of a measure (not in
    /// text one cell per line or between spaces).
    pub progress_col: bool,
    /// Without a task column, each task a row merged across the table
    /// under its section's (`（一）加强组织领导`): two levels of section rows.
    pub task_rows: bool,
    /// With [`Layout::task_rows`], section rows printed without their
    /// label, a sentence (`强化科技创新支撑能力。`).
    pub bare_sections: bool,
    /// The running numbers start past 1 (`24`, `25`, …): a page of a longer
    /// table.
    pub number_from: usize,
    /// With [`Layout::progress_col`], the progress column last, after the
    /// units and deadline (its sentence then stands before a section row).
    pub progress_last: bool,
    /// The 序号 column headed by a word of the text columns or none the
    /// lexicon knows (`任务项`, `事项`, `项目`): its cells, running numbers,
    /// say what it is.
    pub seq_word: bool,
    /// With [`Layout::cut_tail`], the cut falls inside the last row's
    /// measure text, after a clause (`…监督检查，`), before its units.
    pub cut_in_text: bool,
    /// Deadlines that are a whole year (`2024年底前`) written as the year
    /// alone (`2024`), as a 建设时间 column holds them.
    pub bare_years: bool,
    /// With [`Sections::Column`] and a 序号 column, the section column
    /// first, before the 序号 (`分类 | 序号 | 事项 | …`).
    pub section_first: bool,
    /// Without [`Layout::roles`], a 牵头单位 column after the 责任单位 column
    /// naming one of the units listed there (`区发改局、区经商局` | `区发改局`):
    /// that unit leads, listed once.
    pub lead_listed: bool,
    /// Between spaces, a section or task cell longer than a narrow column
    /// is broken with a space every few chars (`加强水资源保 护`), as a web
    /// page's wrapped cell copies, and a merged cell inside a row leaves an
    /// empty piece (two spaces).
    pub wrapped_cells: bool,
    /// The first unit of each unit cell carries a mark (`区财政局*`), with
    /// no legend: a mark, not part of the name.
    pub marked_units: bool,
    /// The measure column headed by a word the lexicon reads as a task's
    /// (`具体要求` beside `工作任务`): the task column's merged, repeated or
    /// differently labelled cells say which of the two groups the other.
    pub task_word_measures: bool,
    /// The section column under a word for tasks (`重点工作 | 主要任务 |
    /// 具体措施`): three levels of text, named left to right.
    pub section_task_word: bool,
    /// Pipes leaving merged cells out: each row ends in a
    /// separator, and a row keeps an empty piece at its end for each cell
    /// it left out at its start (`3.… | 各科室 | |`).
    pub pad_at_end: bool,
    /// One cell per line without the header row (a page's excerpt that
    /// starts inside the table): each row starts at its labelled line.
    pub no_header: bool,
    /// No unit or deadline column: each measure cell ends in a note naming
    /// its units and deadline (`…结果。（责任单位：市财政局；完成时限：2024年6月底前）`).
    pub notes_in_cells: bool,
    /// With [`Format::Records`], each field a row of a table of two
    /// columns, its name (with a colon) and its value (`重点工作： | 甲 |`).
    pub field_rows: bool,
    /// Between spaces, the rows run on: the header and every row of a
    /// table on one line, each row's cells after the last row's (a page's
    /// table flattened into running text), nothing merged.
    pub run_on: bool,
    /// With [`Layout::roles`], no measure names 配合 units: the 配合单位
    /// column empty in every row.
    pub no_support: bool,
    /// A unit list's last two names joined by `和` where the last names
    /// its level (`市财政局和市商务局`).
    pub and_units: bool,
}

/// Words for tasks heading a column of sections ([`Layout::section_task_word`]).
pub const SECTION_TASK_WORDS: &[&str] = &["重点工作", "工作重点", "主要工作"];

/// Header words of a measure column that the lexicon reads as a task's.
pub const TASK_WORD_MEASURE_WORDS: &[&str] = &["具体要求", "工作要求", "任务要求"];

/// Header words of a 序号 column that name no 序号 (a text word, a word
/// the lexicon does not know).
pub const SEQ_TEXT_WORDS: &[&str] = &["任务项", "事项", SEQ_UNKNOWN_WORD];

/// The word of [`SEQ_TEXT_WORDS`] the lexicon does not know.
pub const SEQ_UNKNOWN_WORD: &str = "项目";

/// Header words of a progress column (the lexicon's: no field).
/// (`1-6月推进情况`: a header longer than a text column's, with digits.)
pub const PROGRESS_WORDS: &[&str] = &["当前进展情况", "进展情况", "完成情况", "1-6月推进情况"];

/// What a progress cell says: two words, then two sentences (a notice
/// uses the one kind or the other).
/// TODO(issue 12): words and sentences in one progress column: a column
/// whose full rows hold words only reads as a column of names, and a
/// short row's sentence is pushed out of it.
pub const PROGRESS: &[&str] = &[
    "已完成",
    "正常推进",
    "已完成招标，正在组织施工。",
    "进度滞后，正在督促整改。",
];

/// Short remarks a 备注 cell holds.
pub const REMARKS: &[&str] = &[
    "市民生实事",
    "县民生实事",
    "新增项目",
    "续建项目",
    "省定任务",
];

/// How a task's measures are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Items {
    /// A row each.
    #[default]
    Rows,
    /// One cell, a numbered line each (`(1)…⏎(2)…`).
    Labels,
    /// One cell, a bulleted line each (`△…⏎△…`).
    Bullets,
}

/// Header words wrapped over two lines, and where they break.
pub const WRAPPED_WORDS: &[(&str, &str)] = &[
    ("具体措施", "具体\n措施"),
    ("具体举措", "具体\n举措"),
    ("责任单位", "责任\n单位"),
    ("责任部门", "责任\n部门"),
    ("完成时限", "完成\n时限"),
    ("完成时间", "完成\n时间"),
    ("重点任务", "重点\n任务"),
    ("主要任务", "主要\n任务"),
    // Broken by the writer after a qualifier: the second line is longer.
    ("分管领导", "市政府\n分管领导"),
];

/// Header words of a score column.
pub const SCORE_WORDS: &[&str] = &["分值", "各项分值", "计分"];

/// Header words the lexicon does not know, over a section column and a
/// unit column side by side.
pub const GROUP_WORDS: &[&str] = &["考核项目", "考核对象", "项目"];

/// Which text column is headed by a word outside the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownText {
    #[default]
    None,
    Task,
    Measure,
}

/// Header words of text columns that the lexicon does not know (at most
/// four chars, as short as header words are).
pub const UNKNOWN_TEXT_WORDS: &[&str] = &["民生实事", "民生工程", "名称", "实事"];

/// Which unit or deadline column is headed by a word outside the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownDetail {
    #[default]
    None,
    Units,
    Deadline,
}

/// Header words of unit columns that the lexicon does not know.
pub const UNKNOWN_UNITS_WORDS: &[&str] = &["落实主体", "归口", "实施主体"];

/// Header words of deadline columns that the lexicon does not know.
pub const UNKNOWN_DEADLINE_WORDS: &[&str] = &["时序", "截止", "节点"];

/// Where a column that no row fills stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlankCol {
    #[default]
    None,
    Last,
    AfterMeasure,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            format: Format::Pipes,
            seq: Seq::None,
            task_col: true,
            task_labels: true,
            measure_labels: true,
            roles: false,
            deadline_first: true,
            sections: Sections::MergedRow,
            merge: true,
            padded: true,
            title_row: true,
            date_cells: false,
            words: 0,
            blank_col: BlankCol::None,
            note_row: false,
            sub_header: false,
            cell_pipes: false,
            units_lines: false,
            unknown_text: UnknownText::None,
            unknown_detail: UnknownDetail::None,
            leader_col: false,
            trailer: false,
            score_col: false,
            grouped_header: false,
            wrapped_header: false,
            items: Items::Rows,
            remarks: false,
            cut_tail: false,
            progress_col: false,
            task_rows: false,
            bare_sections: false,
            number_from: 0,
            progress_last: false,
            seq_word: false,
            cut_in_text: false,
            bare_years: false,
            section_first: false,
            lead_listed: false,
            wrapped_cells: false,
            marked_units: false,
            task_word_measures: false,
            section_task_word: false,
            pad_at_end: false,
            no_header: false,
            notes_in_cells: false,
            field_rows: false,
            run_on: false,
            no_support: false,
            and_units: false,
        }
    }
}

pub fn layout() -> impl Strategy<Value = Layout> {
    let format = prop_oneof![
        Just(Format::Pipes),
        Just(Format::Tabs),
        Just(Format::CellLines),
        Just(Format::Spaces),
        Just(Format::Boxed),
        Just(Format::Records),
        Just(Format::Docx),
        Just(Format::Xlsx)
    ];
    let seq = prop_oneof![Just(Seq::None), Just(Seq::Tasks), Just(Seq::Measures)];
    let sections = prop_oneof![
        Just(Sections::None),
        Just(Sections::MergedRow),
        Just(Sections::Paragraphs),
        Just(Sections::Column),
        Just(Sections::SeqRow)
    ];
    let unknown_text = prop_oneof![
        2 => Just(UnknownText::None),
        1 => Just(UnknownText::Task),
        1 => Just(UnknownText::Measure)
    ];
    let unknown_detail = prop_oneof![
        4 => Just(UnknownDetail::None),
        1 => Just(UnknownDetail::Units),
        1 => Just(UnknownDetail::Deadline)
    ];
    let blank_col = prop_oneof![
        2 => Just(BlankCol::None),
        1 => Just(BlankCol::Last),
        1 => Just(BlankCol::AfterMeasure)
    ];
    (
        (format, seq, any::<bool>(), any::<bool>(), any::<bool>()),
        (any::<bool>(), any::<bool>(), sections, any::<bool>()),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            0..3usize,
            blank_col,
        ),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        (unknown_text, any::<bool>(), any::<bool>(), unknown_detail),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        prop_oneof![
            4 => Just(Items::Rows),
            1 => Just(Items::Labels),
            1 => Just(Items::Bullets)
        ],
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            any::<bool>(),
            prop_oneof![3 => Just(0usize), 1 => Just(23usize)],
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        (any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                (format, seq, task_col, task_labels, measure_labels),
                (roles, deadline_first, sections, merge),
                (padded, title_row, date_cells, words, blank_col),
                (note_row, sub_header, cell_pipes, units_lines),
                (unknown_text, leader_col, trailer, unknown_detail),
                (score_col, grouped_header, wrapped_header, no_header, notes_in_cells, field_rows),
                items,
                (remarks, cut_tail, progress_col, task_rows, section_task_word),
                (
                    bare_sections,
                    number_from,
                    progress_last,
                    seq_word,
                    cut_in_text,
                    bare_years,
                    section_first,
                    lead_listed,
                    wrapped_cells,
                    marked_units,
                    task_word_measures,
                    pad_at_end,
                ),
                (run_on, no_support, and_units),
            )| {
                let grid = matches!(format, Format::Docx | Format::Xlsx | Format::Boxed);
                // A cell listing several measures needs line breaks a grid
                // keeps; a row's 序号 or score would stand for them all.
                let items = if grid && seq == Seq::None && !score_col {
                    items
                } else {
                    Items::Rows
                };
                let measure_labels = measure_labels || items == Items::Labels;
                let measure_labels = measure_labels && items != Items::Bullets;
                // A section numbered in the 序号 column needs one.
                let sections = match sections {
                    Sections::SeqRow if seq == Seq::None => Sections::MergedRow,
                    s => s,
                };
                // A task number merged over its rows in a table without a
                // task column numbers each of those rows (their cells say
                // nothing of a task but the number).
                let measure_labels = measure_labels && (task_col || seq != Seq::Tasks);
                // Pasted rows that leave out merged cells cannot say which
                // of two unit columns (牵头, 配合) lost its cell: such text
                // pads them.
                let lead_listed = lead_listed && !roles;
                let padded = padded || ((roles || lead_listed) && format != Format::CellLines);
                // One cell per line or between spaces: rows are found by
                // their running numbers, or, without a 序号 column, by their
                // length (every cell written), and a lone 配合 cell could
                // belong to either unit column.
                let cells_absent = matches!(format, Format::CellLines | Format::Spaces);
                let merge = merge && !(cells_absent && (seq == Seq::None || roles || lead_listed));
                let blank_col = if cells_absent && seq == Seq::None {
                    BlankCol::None
                } else {
                    blank_col
                };
                running_on(with_notes_in_cells(without_header(for_records(Layout {
                    format,
                    seq,
                    task_col,
                    task_labels,
                    measure_labels,
                    roles,
                    deadline_first,
                    sections,
                    merge,
                    padded,
                    title_row,
                    date_cells: date_cells && format == Format::Xlsx,
                    words,
                    blank_col,
                    note_row,
                    // Text shows a header cell across two columns only by
                    // the empty pieces it leaves.
                    sub_header: sub_header
                        && roles
                        && match format {
                            Format::Docx | Format::Xlsx | Format::Boxed => true,
                            Format::Pipes | Format::Tabs => padded,
                            Format::CellLines | Format::Spaces | Format::Records => false,
                        },
                    cell_pipes: cell_pipes && format == Format::CellLines,
                    // Two unit columns one unit per line could not say
                    // where the 牵头 units end; without 序号 rows are found
                    // by their length.
                    // Between spaces, the lead (or only) unit cell one
                    // unit per line, the row going on over the lines: each
                    // row numbered, its cells repeated.
                    // TODO(issue 12): a task's rows without their number
                    // (merged), a 配合 cell over lines too.
                    units_lines: units_lines
                        && ((format == Format::CellLines && !roles && seq != Seq::None)
                            || (format == Format::Spaces && seq == Seq::Measures && !merge)),
                    unknown_text: if unknown_text == UnknownText::Task && !task_col {
                        UnknownText::Measure
                    } else {
                        unknown_text
                    },
                    // One column at most is headed by an unknown word
                    // (the unit column is the one of `Units`, not 牵头/配合).
                    // TODO(issue 12): pasted one cell per line or between
                    // spaces without 序号, where the rows begin after an
                    // unknown word is a guess.
                    unknown_detail: match unknown_detail {
                        _ if matches!(format, Format::CellLines | Format::Spaces)
                            && seq == Seq::None =>
                        {
                            UnknownDetail::None
                        }
                        _ if unknown_text != UnknownText::None => UnknownDetail::None,
                        // TODO(issue 12): between spaces, cells wrapped with
                        // blanks, an empty 备注 after the measure (two
                        // blanks): a unit column of a word the lexicon does
                        // not know is not found (found at 20k cases; the
                        // session's start build fails it too).
                        _ if format == Format::Spaces
                            && wrapped_cells
                            && blank_col == BlankCol::AfterMeasure =>
                        {
                            UnknownDetail::None
                        }
                        UnknownDetail::Units if roles || lead_listed => UnknownDetail::None,
                        // TODO(issue 12): one cell per line, merged cells
                        // left out, a deadline column of a word the lexicon
                        // does not know after an official's and an empty
                        // 备注: a row's recurring deadline (`每年`) is not
                        // read as its cell and the rows after it fall apart
                        // (found at 20k cases; the session's start build
                        // fails it too).
                        UnknownDetail::Deadline
                            if format == Format::CellLines
                                && merge
                                && leader_col
                                && blank_col == BlankCol::AfterMeasure =>
                        {
                            UnknownDetail::None
                        }
                        d => d,
                    },
                    leader_col,
                    trailer,
                    score_col: score_col
                        && (grid || (padded && matches!(format, Format::Pipes | Format::Tabs))),
                    // (A 序号 numbering tasks changes where the category
                    // does when each section holds one task: the category
                    // then reads as numbered tasks, a fair reading.)
                    grouped_header: grouped_header
                        && grid
                        && seq != Seq::Tasks
                        && merge
                        && sections == Sections::Column
                        && !roles
                        && !sub_header
                        && unknown_detail == UnknownDetail::None
                        // (Its section column is told by a category merged
                        // over rows: a row a measure.)
                        && items == Items::Rows,
                    // The rows say how many columns there are: every row
                    // full (nothing merged), numbered; a 备注 last that no
                    // row fills is never printed.
                    // TODO(issue 12): wrapped headers over rows that leave
                    // merged cells or a 备注 between columns out, and an
                    // unprinted 备注 beside a column of an unknown word.
                    wrapped_header: wrapped_header
                        && format == Format::CellLines
                        && seq != Seq::None
                        && !merge
                        && (blank_col == BlankCol::None
                            || (blank_col == BlankCol::Last
                                && !remarks
                                && unknown_detail == UnknownDetail::None
                                && unknown_text == UnknownText::None))
                        && !units_lines,
                    items,
                    // (Pasted rows that leave merged cells out cannot say
                    // whether a short word is a remark or an official.)
                    remarks: remarks
                        && blank_col != BlankCol::None
                        && (grid
                            || !merge
                            || (padded && matches!(format, Format::Pipes | Format::Tabs))),
                    // (Nothing may stand after the table.)
                    // TODO(issue 12): a per-section table left with its
                    // header alone, a word the lexicon does not know in it,
                    // reads as a row continuing the table before.
                    cut_tail: cut_tail
                        && (matches!(format, Format::Pipes | Format::Tabs)
                            || (format == Format::CellLines && seq != Seq::None))
                        && !note_row
                        && !trailer
                        && !(sections == Sections::Paragraphs
                            && (unknown_text != UnknownText::None
                                || unknown_detail != UnknownDetail::None))
                        // TODO(issue 12): one cell per line, a column of a
                        // word the lexicon does not know, the text cut in
                        // the only row: no row says what the column holds,
                        // and the cut row is read (found at 10k cases; the
                        // session's start build fails it too).
                        && !(format == Format::CellLines
                            && unknown_detail != UnknownDetail::None),
                    // TODO(issue 12): a progress column pasted one cell
                    // per line or between spaces: rows of a task without
                    // their number are not told from its progress words.
                    // TODO(issue 12): beside a column of officials, in
                    // pasted rows that leave merged cells out: a lone word
                    // may be the row's progress or its (unmerged) official.
                    progress_col: progress_col
                        && !(matches!(format, Format::CellLines) && (seq == Seq::None || merge))
                        && !matches!(format, Format::Spaces)
                        && !(leader_col
                            && merge
                            && matches!(format, Format::Pipes | Format::Tabs)
                            && !padded)
                        && items == Items::Rows
                        && !grouped_header,
                    // (Rows merged across the table: a grid's, one cell per
                    // line, or padded pasted rows.)
                    task_rows: task_rows
                        && !task_col
                        && sections == Sections::MergedRow
                        && seq != Seq::Tasks
                        && items == Items::Rows
                        && (grid
                            || format == Format::CellLines
                            || (padded && matches!(format, Format::Pipes | Format::Tabs))),
                    // (Pasted rows do not show a row spans the table: a
                    // sentence alone there is a record's.)
                    bare_sections: bare_sections
                        && task_rows
                        && !task_col
                        && sections == Sections::MergedRow
                        && seq != Seq::Tasks
                        && items == Items::Rows
                        && (grid || format == Format::CellLines)
                        // TODO(issue 12): one cell per line, a 备注 after the
                        // measure and progress last under sections printed
                        // without their label: a row's units are read from
                        // its deadline's line (found at 10k cases; the
                        // session's start build fails it too).
                        && !(format == Format::CellLines
                            && progress_col
                            && progress_last
                            && blank_col == BlankCol::AfterMeasure),
                    cut_in_text,
                    // (A year alone is a deadline under a header that names
                    // one: a column of an unknown word holding years may
                    // hold any numbers.)
                    bare_years: bare_years && unknown_detail != UnknownDetail::Deadline,
                    number_from: if seq == Seq::None { 0 } else { number_from },
                    progress_last,
                    // TODO(issue 12): one cell per line or between spaces,
                    // the 序号 and another column both under words the
                    // lexicon does not know (`项目`, `民生实事`, `节点`).
                    seq_word: seq_word
                        && seq != Seq::None
                        // TODO(issue 12): a wrapped header whose first
                        // word the lexicon does not know joins the next
                        // into a header word (`项目` / `板块`).
                        && !(cells_absent
                            && (unknown_text != UnknownText::None
                                || unknown_detail != UnknownDetail::None
                                || wrapped_header)
                            && SEQ_TEXT_WORDS[words % SEQ_TEXT_WORDS.len()] == SEQ_UNKNOWN_WORD),
                    // TODO(issue 12): a column of sections before the 序号
                    // under a header wrapped over lines.
                    // TODO(issue 12): beside a column of scores, a pasted
                    // row of its text and score alone (the rest merged) is
                    // aligned as a section and a running number.
                    section_first: section_first
                        && sections == Sections::Column
                        && seq != Seq::None
                        && !grouped_header
                        && !(wrapped_header && format == Format::CellLines)
                        && !score_col
                        // TODO(issue 12): between spaces, a unit column of a
                        // word the lexicon does not know beside an empty
                        // 备注 after the measure, rows under a column of
                        // sections: their units are not found.
                        && !(format == Format::Spaces
                            && unknown_detail != UnknownDetail::None
                            && blank_col == BlankCol::AfterMeasure)
                        // TODO(issue 12): one cell per line, officials'
                        // names merged away: a section cell after a row
                        // short of its official is read as the row's.
                        && !(format == Format::CellLines && merge && leader_col)
                        // TODO(issue 12): one cell per line, task numbers
                        // merged: a row of a task without its number, its
                        // other cells merged, right before the next number
                        // reads as a section cell.
                        && !(format == Format::CellLines && merge && seq == Seq::Tasks)
                        // TODO(issue 12): one cell per line, a short remark
                        // last in a row reads as the next row's section.
                        && !(format == Format::CellLines && remarks)
                        // TODO(issue 12): one cell per line, a row's units
                        // and deadline merged away, an empty 备注 after the
                        // measure: the next row's section cell is read as
                        // the row's 备注 (found at 20k cases; the session's
                        // start build fails it too).
                        && !(format == Format::CellLines
                            && merge
                            && blank_col == BlankCol::AfterMeasure)
                        // TODO(issue 12): one cell per line, a unit column
                        // of a word the lexicon does not know, a row's units
                        // and deadline merged away: the next row's section
                        // cell is read as its units (found at 20k cases; the
                        // session's start build fails it too).
                        && !(format == Format::CellLines
                            && merge
                            && unknown_detail != UnknownDetail::None)
                        // TODO(issue 12): between spaces, cells wrapped with
                        // blanks, merged cells left out: a task's rows
                        // without their number go on over lines of their
                        // own (found at 5k cases; the session's start build
                        // fails it too).
                        && !(format == Format::Spaces && wrapped_cells && merge)
                        // TODO(issue 12): between spaces, cells wrapped with
                        // blanks, a unit cell over lines under a 备注 no row
                        // fills: no table is found (found at 20k cases; the
                        // session's start build fails it too).
                        && !(format == Format::Spaces
                            && wrapped_cells
                            && units_lines
                            && blank_col != BlankCol::None),
                    lead_listed: lead_listed && !grouped_header && !units_lines,
                    // (Rows found by their running numbers, the pieces
                    // between single blanks.)
                    wrapped_cells: wrapped_cells
                        && format == Format::Spaces
                        && !padded
                        && seq != Seq::None,
                    marked_units,
                    // (With labels of one form in both columns, or none,
                    // and the task cells left out, nothing says which
                    // column groups the other.)
                    // TODO(issue 12): under a 序号 numbering every row,
                    // tasks of one measure each, nothing merged or
                    // labelled apart: each row reads as a record the task
                    // column names (`任务名称 | 指标要求`).
                    task_word_measures: task_word_measures
                        && task_col
                        && seq == Seq::None
                        && unknown_text == UnknownText::None
                        && (!merge || grid || (task_labels && measure_labels)),
                    // (A spreadsheet's rows copied with tabs keep each
                    // empty cell at its place.)
                    pad_at_end: pad_at_end && format == Format::Pipes && !padded,
                    section_task_word: section_task_word
                        && sections == Sections::Column
                        && task_col
                        && !task_word_measures
                        && unknown_text == UnknownText::None,
                    no_header,
                    notes_in_cells,
                    field_rows: field_rows && format == Format::Records,
                    run_on,
                    // (A mark after a name, `X*`, stands before a `、`.)
                    and_units: and_units && !marked_units,
                    // (Between spaces, a lead cell one unit per line
                    // beside an empty 配合 cell could be either; so could
                    // a remark after it, a short word.)
                    // (A header wrapped over lines is told by rows that
                    // fill every column.)
                    // TODO(issue 12): one cell per line, numbered, a text
                    // column under a word the lexicon does not know beside
                    // an empty 配合 column: the header is read a column
                    // short and the rows' cells shift.
                    no_support: no_support
                        && roles
                        && !(wrapped_header && format == Format::CellLines)
                        && !(format == Format::CellLines && unknown_text != UnknownText::None)
                        && !(format == Format::Spaces && units_lines)
                        && !(cells_absent && remarks)
                        // TODO(issue 12): a deadline column of a word the
                        // lexicon does not know beside an empty 配合 column:
                        // between spaces its deadlines are read as 配合
                        // units; pasted with pipes beside scores, as no
                        // column's (the session's start build fails it too).
                        && unknown_detail == UnknownDetail::None,
                }))))
            },
        )
}

/// A layout as [`Layout::run_on`] can write it (any other, with `run_on`
/// off): rows between spaces, every cell written (nothing merged, no cell
/// wrapped over lines), a row a measure.
fn running_on(layout: Layout) -> Layout {
    if !layout.run_on || layout.format != Format::Spaces {
        return Layout {
            run_on: false,
            ..layout
        };
    }
    Layout {
        merge: false,
        wrapped_cells: false,
        units_lines: false,
        items: Items::Rows,
        cut_tail: false,
        cut_in_text: false,
        // TODO(issue 12): a header inside a line with a unit or deadline
        // column under a word the lexicon does not know (`时序`, `落实主体`):
        // where the header ends is not told from a sentence's short words
        // after header words.
        unknown_detail: UnknownDetail::None,
        ..layout
    }
}

/// A layout as [`Layout::notes_in_cells`] can write it (any other, with
/// `notes_in_cells` off): a table pasted one row per line or a grid, rows a
/// measure each, under a header that names the text columns.
/// TODO(issue 12): one cell per line or between spaces, or a header line
/// alone before a section line (no header word names a unit or deadline
/// column, so no table is sought); 牵头 and 配合 in the note; officials and
/// scores beside it.
fn with_notes_in_cells(layout: Layout) -> Layout {
    let fits = matches!(
        layout.format,
        Format::Pipes | Format::Tabs | Format::Boxed | Format::Docx | Format::Xlsx
    );
    // (Pasted rows that print a section as a line of its own leave the
    // header a line alone, which names no unit or deadline column.)
    let header_alone = matches!(layout.format, Format::Pipes | Format::Tabs)
        && !layout.padded
        && layout.sections == Sections::MergedRow;
    // (Nor can a row left with its measure cell alone, its task cell
    // merged away, say which column it stands in: `…（责任单位：X）⏎`.)
    let cell_alone = matches!(layout.format, Format::Pipes | Format::Tabs)
        && !layout.padded
        && layout.merge
        && (layout.task_col || layout.seq == Seq::Tasks)
        && !layout.progress_col
        && layout.blank_col == BlankCol::None;
    if !layout.notes_in_cells || !fits || layout.no_header || header_alone || cell_alone {
        return Layout {
            notes_in_cells: false,
            ..layout
        };
    }
    Layout {
        // (A header of one word, where a title may stand, says nothing.)
        seq: if layout.seq == Seq::None && !layout.task_col {
            Seq::Measures
        } else {
            layout.seq
        },
        items: Items::Rows,
        roles: false,
        lead_listed: false,
        leader_col: false,
        score_col: false,
        units_lines: false,
        marked_units: false,
        unknown_text: UnknownText::None,
        unknown_detail: UnknownDetail::None,
        grouped_header: false,
        sub_header: false,
        wrapped_header: false,
        cut_tail: false,
        cut_in_text: false,
        bare_years: false,
        date_cells: false,
        ..layout
    }
}

/// A layout as [`Layout::no_header`] can write it (any other, with
/// `no_header` off): one cell per line, no 序号, rows found by their
/// labels — a labelled measure line (after its labelled task line), then
/// unit and deadline lines, nothing else.
/// TODO(issue 12): without a header, 牵头 and 配合 columns, officials,
/// progress, scores, remarks, a 序号, unlabelled text cells, sections in a
/// column or rows of tasks.
fn without_header(layout: Layout) -> Layout {
    if !layout.no_header || layout.format != Format::CellLines || layout.seq != Seq::None {
        return Layout {
            no_header: false,
            ..layout
        };
    }
    Layout {
        measure_labels: true,
        task_labels: true,
        items: Items::Rows,
        roles: false,
        lead_listed: false,
        leader_col: false,
        progress_col: false,
        score_col: false,
        blank_col: BlankCol::None,
        remarks: false,
        units_lines: false,
        wrapped_header: false,
        cut_tail: false,
        cut_in_text: false,
        task_rows: false,
        bare_sections: false,
        sections: match layout.sections {
            Sections::Column | Sections::SeqRow => Sections::MergedRow,
            s => s,
        },
        unknown_text: UnknownText::None,
        unknown_detail: UnknownDetail::None,
        grouped_header: false,
        section_first: false,
        sub_header: false,
        task_word_measures: false,
        section_task_word: false,
        ..layout
    }
}

/// A layout as [`Format::Records`] can write it (any other, unchanged):
/// each record prints every cell of its row, nothing merged; one header
/// row of words the lexicon knows (a record names its fields by them);
/// a section is a line between records.
fn for_records(layout: Layout) -> Layout {
    if layout.format != Format::Records {
        return layout;
    }
    Layout {
        merge: false,
        sections: match layout.sections {
            Sections::SeqRow => Sections::MergedRow,
            s => s,
        },
        sub_header: false,
        cell_pipes: false,
        units_lines: false,
        unknown_text: UnknownText::None,
        unknown_detail: UnknownDetail::None,
        score_col: false,
        grouped_header: false,
        wrapped_header: false,
        items: Items::Rows,
        cut_tail: false,
        date_cells: false,
        // (A record names its fields by words the lexicon knows.)
        seq_word: layout.seq_word
            && SEQ_TEXT_WORDS[layout.words % SEQ_TEXT_WORDS.len()] != SEQ_UNKNOWN_WORD,
        ..layout
    }
}

/// A deadline and what it means.
#[derive(Debug, Clone)]
pub struct GenDeadline {
    pub raw: String,
    pub due: Option<NaiveDate>,
    pub ongoing: bool,
    pub recurs: bool,
    /// A single day, which a spreadsheet may hold as a date cell.
    pub day: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct GenMeasure {
    pub text: String,
    pub deadline: Option<GenDeadline>,
    pub lead: Vec<&'static str>,
    pub support: Vec<&'static str>,
    /// The official in charge (a [`Layout::leader_col`] cell).
    pub leader: &'static str,
}

#[derive(Debug, Clone)]
pub struct GenTask {
    pub title: String,
    pub measures: Vec<GenMeasure>,
}

#[derive(Debug, Clone)]
pub struct GenSection {
    pub title: String,
    pub tasks: Vec<GenTask>,
}

/// A generated notice: its title and sections (one section, untitled, when
/// the layout has none).
#[derive(Debug, Clone)]
pub struct GenNotice {
    pub title: String,
    pub sections: Vec<GenSection>,
}

/// A small deterministic generator (SplitMix64), so that a failing case is
/// its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const UNITS: &[&str] = &[
    "市发展改革委",
    "市财政局",
    "市市场监管局",
    "市人力资源社会保障局",
    "市教育局",
    "市卫生健康委",
    "市生态环境局",
    "市住房城乡建设局",
    "市交通运输局",
    "市农业农村局",
    "市商务局",
    "市数据局",
    "各县（市、区）人民政府",
    "市委宣传部",
    "市公安局",
    "市税务局",
    "市科技局",
    "市自然资源和规划局",
    "市应急管理局",
    "市文化广电旅游局",
    // A group word and a region: a unit too.
    "相关街道",
];

/// Officials' names, as a 责任领导 column gives them.
const LEADERS: &[&str] = &[
    "王建国",
    "李明",
    "张卫东",
    "刘芳",
    "陈志强",
    "赵丽华",
    "孙海",
    "周文斌",
];

const TOPICS: &[&str] = &[
    "营商环境",
    "质量品牌",
    "食品安全",
    "数字政府",
    "信用监管",
    "知识产权",
    "普惠金融",
    "乡村振兴",
    "生态保护",
    "公共服务",
    "人才引进",
    "安全生产",
    "消费维权",
    "标准体系",
    "城市更新",
];

const ACTIONS: &[&str] = &[
    "建立健全{}工作机制，明确职责分工",
    "开展{}专项整治行动",
    "完善{}制度体系建设",
    "推进{}信息平台建设，实现数据共享",
    "加大{}政策支持力度",
    "组织{}业务培训，提升队伍能力",
    "深化{}领域改革，优化办事流程",
    "强化{}监督检查，及时通报结果",
    // Ends in the verb 办, like an office's name (`…推进一网通办`).
    "深化{}审批改革推进一网通办",
];

const TASKS: &[&str] = &[
    "加强{}建设",
    "提升{}水平",
    "优化{}服务",
    "筑牢{}底线",
    "健全{}体系",
];

const SECTIONS: &[&str] = &["{}提升行动", "持续优化{}", "全面加强{}工作", "扎实推进{}"];

fn fill(template: &str, topic: &str) -> String {
    template.replace("{}", topic)
}

fn last_day(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .expect("a valid month")
}

fn deadline(rng: &mut Rng) -> GenDeadline {
    let year = rng.range(2023, 2026) as i32;
    let month = rng.range(1, 12) as u32;
    let day_of = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).expect("a valid day");
    let plain = |raw: String, due: Option<NaiveDate>| GenDeadline {
        raw,
        due,
        ongoing: false,
        recurs: false,
        day: None,
    };
    match rng.below(11) {
        0 => plain(
            format!("{year}年{month}月底前"),
            Some(last_day(year, month)),
        ),
        1 => plain(format!("{year}年底前"), Some(last_day(year, 12))),
        2 => {
            let q = rng.range(1, 4) as u32;
            let name = ["一", "二", "三", "四"][q as usize - 1];
            plain(format!("{year}年第{name}季度"), Some(last_day(year, q * 3)))
        }
        3 => {
            let d = rng.range(1, 28) as u32;
            GenDeadline {
                day: Some(day_of(year, month, d)),
                ..plain(
                    format!("{year}年{month}月{d}日"),
                    Some(day_of(year, month, d)),
                )
            }
        }
        4 => GenDeadline {
            ongoing: true,
            ..plain(
                (*rng.pick(&["长期坚持", "持续推进", "长期", "持续优化"])).to_owned(),
                None,
            )
        },
        5 => GenDeadline {
            recurs: true,
            ..plain((*rng.pick(&["每季度", "每年", "每半年"])).to_owned(), None)
        },
        6 => GenDeadline {
            ongoing: true,
            ..plain(
                format!("{year}年{month}月前完成并长期坚持"),
                Some(last_day(year, month)),
            )
        },
        7 => plain(format!("{year}年{month}月"), Some(last_day(year, month))),
        // What is then due (`5月底取得明显成效`, `…并持续推进`), or work on
        // schedule with no date (`按进度推进`).
        9 if rng.chance(30) => plain("按进度推进".to_owned(), None),
        9 => {
            let ongoing = rng.chance(50);
            GenDeadline {
                ongoing,
                ..plain(
                    format!(
                        "{year}年{month}月底取得{}成效{}",
                        rng.pick(&["明显", "阶段性"]),
                        if ongoing { "并持续推进" } else { "" }
                    ),
                    Some(last_day(year, month)),
                )
            }
        }
        // A milestone after the date (`5月底前动工`).
        8 if rng.chance(50) => plain(
            format!(
                "{year}年{month}月底前{}",
                rng.pick(&["动工", "投入使用", "开工", "完工", "建成"])
            ),
            Some(last_day(year, month)),
        ),
        _ => plain(format!("{year}年{month}月底"), Some(last_day(year, month))),
    }
}

fn units(rng: &mut Rng, n: usize, avoid: &[&'static str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let mut tries = 0;
    while out.len() < n && tries < 100 {
        tries += 1;
        let u = *rng.pick(UNITS);
        if !out.contains(&u) && !avoid.contains(&u) {
            out.push(u);
        }
    }
    out
}

impl GenNotice {
    /// A notice for `layout` from `seed`: values the layout cannot state
    /// (an empty cell in text, which reads as merged) are not generated.
    pub fn generate(seed: u64, layout: &Layout) -> GenNotice {
        let mut rng = Rng(seed);
        let mut used = std::collections::HashSet::new();
        let mut unique = |rng: &mut Rng, templates: &[&'static str]| loop {
            let template: &str = templates[rng.below(templates.len())];
            let topic: &str = TOPICS[rng.below(TOPICS.len())];
            let t = fill(template, topic);
            let t = if used.contains(&t) {
                format!("{t}（第{}批）", used.len() + 1)
            } else {
                t
            };
            if used.insert(t.clone()) {
                return t;
            }
        };
        let n_sections = if layout.sections == Sections::None {
            1
        } else {
            rng.range(1, 3)
        };
        let text = layout.format.is_text();
        let sections = (0..n_sections)
            .map(|_| GenSection {
                title: unique(&mut rng, SECTIONS),
                tasks: (0..rng.range(1, 3))
                    .map(|_| GenTask {
                        title: unique(&mut rng, TASKS),
                        measures: (0..rng.range(1, 3))
                            .map(|_| {
                                let n = rng.range(1, 2);
                                let lead = units(&mut rng, n, &[]);
                                let support = if layout.roles && !layout.no_support {
                                    let n = rng.range(usize::from(text), 3);
                                    units(&mut rng, n, &lead)
                                } else {
                                    Vec::new()
                                };
                                // Text cannot leave a cell empty: it reads as merged.
                                let dl = if text || rng.chance(90) {
                                    Some(deadline(&mut rng))
                                } else {
                                    None
                                };
                                GenMeasure {
                                    text: unique(&mut rng, ACTIONS),
                                    deadline: dl,
                                    lead,
                                    support,
                                    leader: if layout.leader_col {
                                        LEADERS[rng.below(LEADERS.len())]
                                    } else {
                                        ""
                                    },
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let mut notice = GenNotice {
            title: format!("{}重点工作任务分工方案", rng.pick(TOPICS)),
            sections,
        };
        // Without a header, one measure whose units and day's date end the
        // text read as an item and the notice's issuer and date of
        // writing: its deadline is a month's.
        let measures: usize = notice
            .sections
            .iter()
            .flat_map(|s| &s.tasks)
            .map(|t| t.measures.len())
            .sum();
        if layout.no_header && measures == 1 {
            if let Some(d) = notice.sections[0].tasks[0].measures[0].deadline.as_mut() {
                if let Some(day) = d.day.take() {
                    d.raw = format!("{}年{}月底前", day.year(), day.month());
                    d.due = NaiveDate::from_ymd_opt(day.year(), day.month(), 1)
                        .and_then(|first| first.checked_add_months(chrono::Months::new(1)))
                        .and_then(|next| next.pred_opt());
                }
            }
        }
        // A category merged over rows is what tells a grouped header's
        // section column: some section has several rows.
        let rows = |s: &GenSection| s.tasks.iter().map(|t| t.measures.len()).sum::<usize>();
        if layout.grouped_header && notice.sections.iter().all(|s| rows(s) < 2) {
            let mut extra = notice.sections[0].tasks[0].measures[0].clone();
            extra.text = unique(&mut rng, ACTIONS);
            notice.sections[0].tasks[0].measures.push(extra);
        }
        // Neighbours that share values are what merges are made of.
        for s in &mut notice.sections {
            for t in &mut s.tasks {
                for i in 1..t.measures.len() {
                    if rng.chance(40) {
                        t.measures[i].deadline = t.measures[i - 1].deadline.clone();
                    }
                    if rng.chance(40) {
                        t.measures[i].lead = t.measures[i - 1].lead.clone();
                        t.measures[i].support = t.measures[i - 1].support.clone();
                    }
                    if layout.leader_col && rng.chance(60) {
                        t.measures[i].leader = t.measures[i - 1].leader;
                    }
                    // Measures listed in one cell share its row's values.
                    if layout.items != Items::Rows {
                        let first = t.measures[0].clone();
                        let m = &mut t.measures[i];
                        m.deadline = first.deadline;
                        m.lead = first.lead;
                        m.support = first.support;
                        m.leader = first.leader;
                    }
                }
            }
        }
        notice
    }

    /// With [`Layout::cut_tail`], `text` cut inside its last row's list of
    /// units, when that row lists the last measure's units (two or more)
    /// on its own line (or, with [`Layout::cut_in_text`], inside its text
    /// after its first clause); `None` when there is no such list to cut.
    pub fn cut_tail(&self, text: &str, layout: &Layout) -> Option<String> {
        if !layout.cut_tail {
            return None;
        }
        // TODO(issue 12): one cell per line, the only row of a table cut
        // inside its text: the header's words are read as a table of their
        // own from its second word on (found at 20k cases; the session's
        // start build fails it too).
        let rows: usize = self
            .sections
            .iter()
            .flat_map(|s| &s.tasks)
            .map(|t| t.measures.len())
            .sum();
        let only_row = rows == 1;
        if only_row && layout.format == Format::CellLines {
            return None;
        }
        let m = self.sections.last()?.tasks.last()?.measures.last()?;
        if layout.cut_in_text {
            let (clause, _) = m.text.split_once('，')?;
            let body = text.trim_end_matches('\n');
            let at = body.rfind(&m.text)?;
            return Some(body[..at + clause.len() + '，'.len_utf8()].to_owned());
        }
        let (first, second) = (m.lead.first()?, m.lead.get(1)?);
        let list = format!("{first}、{second}");
        let body = text.trim_end_matches('\n');
        let last_line = body.rsplit('\n').next()?;
        let at = body.len() - last_line.len() + last_line.rfind(&list)?;
        let keep = at + first.len() + "、".len() + second.chars().next()?.len_utf8();
        Some(body[..keep].to_owned())
    }

    /// The notice without its last measure (and the task and section it
    /// leaves empty): what a text cut inside that measure's row states.
    pub fn without_last_measure(&self) -> GenNotice {
        let mut n = self.clone();
        if let Some(s) = n.sections.last_mut() {
            if let Some(t) = s.tasks.last_mut() {
                t.measures.pop();
                if t.measures.is_empty() {
                    s.tasks.pop();
                }
            }
            if s.tasks.is_empty() {
                n.sections.pop();
            }
        }
        n
    }

    /// The measures as `layout` states them.
    pub fn expected(&self, layout: &Layout) -> Vec<Expected> {
        let mut out = Vec::new();
        let mut task_no = layout.number_from;
        let mut measure_no = layout.number_from;
        // The 序号 column numbers tasks only where some task of its table
        // has several measures (else each row is one measure, numbered).
        let per_section_tables = (layout.sections == Sections::Paragraphs
            && layout.format != Format::Xlsx)
            || (layout.sections == Sections::MergedRow
                && ((matches!(layout.format, Format::Pipes | Format::Tabs) && !layout.padded)
                    || layout.format == Format::Records));
        let several = |tasks: &[GenTask]| tasks.iter().any(|t| t.measures.len() > 1);
        let whole_notice_several = self.sections.iter().any(|s| several(&s.tasks));
        for (si, s) in self.sections.iter().enumerate() {
            let table_several = if per_section_tables {
                several(&s.tasks)
            } else {
                whole_notice_several
            };
            let seq = match layout.seq {
                Seq::Tasks if !table_several => Seq::Measures,
                seq => seq,
            };
            let mut path = Vec::new();
            match layout.sections {
                Sections::None => {}
                Sections::Column => path.push((String::new(), comparable(&s.title))),
                _ if layout.bare_sections => path.push((String::new(), comparable(&s.title))),
                _ => path.push((
                    comparable(&format!("{}、", chinese(si + 1))),
                    comparable(&s.title),
                )),
            }
            for (ti, t) in s.tasks.iter().enumerate() {
                task_no += 1;
                let mut path = path.clone();
                if layout.task_rows {
                    path.push((
                        comparable(&format!("（{}）", chinese(ti + 1))),
                        comparable(&t.title),
                    ));
                }
                if layout.task_col {
                    let label = if layout.task_labels {
                        format!("{}.", ti + 1)
                    } else if seq == Seq::Tasks {
                        task_no.to_string()
                    } else {
                        String::new()
                    };
                    path.push((comparable(&label), comparable(&t.title)));
                }
                for (mi, m) in t.measures.iter().enumerate() {
                    measure_no += 1;
                    let label = if layout.items == Items::Bullets {
                        Some("△".to_owned())
                    } else if layout.measure_labels {
                        Some(format!("({})", mi + 1))
                    } else if seq == Seq::Measures || (seq == Seq::Tasks && !layout.task_col) {
                        // The number printed: a task's, where the column
                        // numbers tasks each of one measure.
                        Some(
                            if layout.seq == Seq::Tasks {
                                task_no
                            } else {
                                measure_no
                            }
                            .to_string(),
                        )
                    } else {
                        None
                    };
                    let role = |lead: bool| match (layout.roles, lead) {
                        (false, _) => Role::Responsible,
                        (true, true) => Role::Lead,
                        (true, false) => Role::Support,
                    };
                    let units = m
                        .lead
                        .iter()
                        .enumerate()
                        .map(|(k, u)| {
                            let role = match layout.lead_listed {
                                true if k == 0 => Role::Lead,
                                _ => role(true),
                            };
                            (comparable(u), role)
                        })
                        .chain(m.support.iter().map(|u| (comparable(u), role(false))))
                        .collect();
                    let dl = m.deadline.as_ref();
                    out.push(Expected {
                        path: path.clone(),
                        label: label.as_deref().map(comparable),
                        text: comparable(&m.text),
                        due: dl.and_then(|d| d.due),
                        ongoing: dl.is_some_and(|d| d.ongoing),
                        recurs: dl.is_some_and(|d| d.recurs),
                        units,
                        leader: layout.leader_col.then(|| comparable(m.leader)),
                    });
                }
            }
        }
        out
    }
}

/// 1–99 in Chinese numerals.
pub fn chinese(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", D[n - 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}
