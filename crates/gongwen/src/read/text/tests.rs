//! Tests of the text reader.

use std::time::{Duration, Instant};

use super::*;

/// The seed notice in simplified script (LF line breaks, no final newline).
const SEED_HANS: &str = include_str!("../../../../../fixtures/seed/seed-hans.txt");
/// The seed notice in traditional script.
const SEED_HANT: &str = include_str!("../../../../../fixtures/seed/seed-hant.txt");

/// The number of cells in each row of the seed table, one digit a row.
const SEED_ROW_WIDTHS: &str =
    "414114234433433143214334243333343344144441144144334343314414343414434";

/// The document's tables.
fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

/// The document's paragraphs as (text, line).
fn paragraphs(doc: &Document) -> Vec<(&str, u32)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.text.as_str(), p.pos.line().unwrap_or(0))),
            _ => None,
        })
        .collect()
}

/// A row's cell texts.
fn texts(row: &Row) -> Vec<&str> {
    row.cells.iter().map(|c| c.text.as_str()).collect()
}

/// All rows of a table as cell texts.
fn grid(table: &Table) -> Vec<Vec<&str>> {
    table.rows.iter().map(texts).collect()
}

/// The kinds of the blocks: `P` for a paragraph, `T` for a table.
fn shape(doc: &Document) -> String {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(_) => 'P',
            Block::Table(_) => 'T',
        })
        .collect()
}

/// The number of lines the reader sees in `text`.
fn line_count(text: &str) -> u32 {
    to_u32(split_lines(text.strip_prefix('\u{FEFF}').unwrap_or(text)).len())
}

/// Checks the invariants every document must keep: tables numbered from 0,
/// cell positions matching their table, row and column, 1×1 cells, lines in
/// range and in reading order, paragraphs non-empty and trimmed.
fn check_invariants(doc: &Document, text: &str) {
    let lines = line_count(text);
    let mut next_table = 0;
    let mut last_line = 0;
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => {
                assert!(!p.text.is_empty());
                assert_eq!(p.text.trim(), p.text);
                let Position::Line { line } = p.pos else {
                    panic!("paragraph position {:?}", p.pos);
                };
                assert!(line > last_line && line <= lines, "line {line}");
                last_line = line;
            }
            Block::Table(t) => {
                assert_eq!(t.index, next_table);
                next_table += 1;
                assert!(!t.rows.is_empty());
                assert!(t
                    .rows
                    .iter()
                    .any(|r| r.cells.iter().any(|c| !c.text.is_empty())));
                for (r, row) in t.rows.iter().enumerate() {
                    let Position::Line { line: row_line } = row.pos else {
                        panic!("row position {:?}", row.pos);
                    };
                    assert!(row_line > last_line && row_line <= lines);
                    last_line = row_line;
                    for (c, cell) in row.cells.iter().enumerate() {
                        assert_eq!(cell.col, to_u32(c));
                        assert_eq!((cell.row_span, cell.col_span), (1, 1));
                        assert_eq!(cell.text.trim(), cell.text);
                        let Position::Cell {
                            table,
                            row,
                            col,
                            line: Some(line),
                        } = cell.pos
                        else {
                            panic!("cell position {:?}", cell.pos);
                        };
                        assert_eq!((table, row, col), (t.index, to_u32(r), cell.col));
                        assert!(line >= row_line && line <= lines);
                        last_line = last_line.max(line);
                    }
                }
            }
        }
    }
}

/// Checks the seed's structure, whichever its script and line breaks.
fn check_seed(doc: &Document, text: &str) {
    check_invariants(doc, text);
    assert_eq!(shape(doc), "PPPPPPT");
    let paras = paragraphs(doc);
    assert_eq!(
        paras.iter().map(|p| p.1).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    let tables = tables(doc);
    let table = tables[0];
    assert_eq!(table.index, 0);
    assert_eq!(table.layout, TableLayout::Flattened);
    // 1 header row and 68 body rows, on lines 7 to 75.
    assert_eq!(table.rows.len(), 69);
    let widths: String = table
        .rows
        .iter()
        .map(|r| char::from_digit(to_u32(r.cells.len()), 10).unwrap_or('?'))
        .collect();
    assert_eq!(widths, SEED_ROW_WIDTHS);
    for (r, row) in table.rows.iter().enumerate() {
        assert_eq!(
            row.pos,
            Position::Line {
                line: to_u32(r) + 7
            }
        );
        for cell in &row.cells {
            assert!(!cell.text.is_empty(), "the seed has no inner empty cell");
            assert!(!cell.text.contains(is_sep));
        }
    }
    assert_eq!(table.width(), 4);
}

#[test]
fn seed_hans() {
    let doc = read_text(SEED_HANS);
    check_seed(&doc, SEED_HANS);
    let paras = paragraphs(&doc);
    assert_eq!(
        paras[0].0,
        "省局机关各处(室、局)、省市场监管质量安全检查中心:"
    );
    assert_eq!(paras[5].0.chars().last(), Some('工'));
    let table = tables(&doc)[0];
    assert_eq!(
        texts(&table.rows[0]),
        [
            "方案分解的工作任务与责任",
            "省局贯彻落实具体举措",
            "完成时限",
            "责任单位"
        ]
    );
    assert_eq!(texts(&table.rows[1]), ["一、全面提升行政执法人员能力素质"]);
    let row = &table.rows[2];
    assert!(row.cells[0].text.starts_with("1.抓实政治能力建设。"));
    assert!(row.cells[0].text.ends_with("行政执法队伍。"));
    assert_eq!(
        row.cells[1].text,
        "(1)深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育。"
    );
    assert_eq!(row.cells[2].text, "与主题教育时间同步并长期坚持");
    assert_eq!(
        row.cells[3].pos,
        Position::Cell {
            table: 0,
            row: 2,
            col: 3,
            line: Some(9)
        }
    );
    // Line 13: a merged deadline and unit, padded with `||`.
    let row = &table.rows[6];
    assert_eq!(row.cells.len(), 2);
    assert!(row.cells[0].text.starts_with("(5)开展业务知识"));
    assert_eq!(row.cells[1].text, "每年12月");
    assert_eq!(
        row.cells[1].pos,
        Position::Cell {
            table: 0,
            row: 6,
            col: 1,
            line: Some(13)
        }
    );
    // Line 14: three cells.
    let row = &table.rows[7];
    assert_eq!(row.cells[1].text, "每年12月");
    assert!(row.cells[2].text.starts_with("法规处、省局机关各处"));
    // The last row, line 75.
    let row = &table.rows[68];
    assert!(row.cells[0].text.starts_with("28.加强宣传引导。"));
    assert_eq!(row.cells[2].text, "长期坚持");
    assert_eq!(row.pos, Position::Line { line: 75 });
}

#[test]
fn seed_hant() {
    let doc = read_text(SEED_HANT);
    check_seed(&doc, SEED_HANT);
    let table = tables(&doc)[0];
    assert_eq!(
        texts(&table.rows[0]),
        [
            "方案分解的工作任務與責任",
            "省局貫徹落實具體舉措",
            "完成時限",
            "責任單位"
        ]
    );
    assert_eq!(texts(&table.rows[1]), ["一、全面提升行政執法人員能力素質"]);
    assert_eq!(table.rows[68].cells[2].text, "長期堅持");
    // Same shape as the simplified text.
    let hans = read_text(SEED_HANS);
    let hans = tables(&hans)[0];
    for (a, b) in table.rows.iter().zip(&hans.rows) {
        assert_eq!(a.pos, b.pos);
        let pos = |r: &Row| r.cells.iter().map(|c| c.pos.clone()).collect::<Vec<_>>();
        assert_eq!(pos(a), pos(b));
    }
}

#[test]
fn seed_line_breaks_and_bom() {
    let lf = read_text(SEED_HANS);
    for text in [
        SEED_HANS.replace('\n', "\r\n"),
        SEED_HANS.replace('\n', "\r"),
        format!("{}\n", SEED_HANS),
        format!("{}\r\n", SEED_HANS.replace('\n', "\r\n")),
        format!("\u{FEFF}{}", SEED_HANS),
        format!("\u{FEFF}{}\r", SEED_HANS.replace('\n', "\r")),
    ] {
        let doc = read_text(&text);
        check_seed(&doc, &text);
        assert_eq!(doc, lf);
    }
}

#[test]
fn full_width_separator() {
    let text = "标题\n任务｜措施｜时限｜\n一、总体要求｜｜｜\n(一)加强领导｜办公室 | 长期坚持｜\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(shape(&doc), "PT");
    let table = tables(&doc)[0];
    assert_eq!(table.layout, TableLayout::Flattened);
    assert_eq!(
        grid(table),
        [
            vec!["任务", "措施", "时限"],
            vec!["一、总体要求"],
            vec!["(一)加强领导", "办公室", "长期坚持"],
        ]
    );
}

#[test]
fn flattened_inner_empty_cells_and_empty_rows() {
    let text = "a |  | c |\n | b |\n| | |\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    let table = tables(&doc)[0];
    assert_eq!(grid(table), [vec!["a", "", "c"], vec!["", "b"], vec![]]);
}

#[test]
fn flattened_bordered_rows_drop_the_leading_separator() {
    let text = "| 任务 | 单位 |\n| 甲 | 乙 |\n";
    let doc = read_text(text);
    let table = tables(&doc)[0];
    assert_eq!(table.layout, TableLayout::Flattened);
    assert_eq!(grid(table), [vec!["任务", "单位"], vec!["甲", "乙"]]);
    // Not every line starts with a separator: the empty first cell stays.
    let text = "| 甲 | 乙 |\n丙 | 丁 |\n";
    let doc = read_text(text);
    assert_eq!(
        grid(tables(&doc)[0]),
        [vec!["", "甲", "乙"], vec!["丙", "丁"]]
    );
}

#[test]
fn lone_pipe_lines() {
    // One separator inside prose: a paragraph.
    let text = "参见 A|B 两种方案。\n";
    let doc = read_text(text);
    assert_eq!(paragraphs(&doc), [("参见 A|B 两种方案。", 1)]);
    // One separator at the end: a one-cell table row.
    let doc = read_text("一、总体要求 |\n");
    assert_eq!(grid(tables(&doc)[0]), [vec!["一、总体要求"]]);
    // Two separators: a table.
    let doc = read_text("甲 | 乙 | 丙\n");
    assert_eq!(grid(tables(&doc)[0]), [vec!["甲", "乙", "丙"]]);
    // Two adjacent lines with one separator each: a table.
    let text = "前言\n甲 | 乙\n丙 | 丁\n后记\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(shape(&doc), "PTP");
    assert_eq!(grid(tables(&doc)[0]), [vec!["甲", "乙"], vec!["丙", "丁"]]);
    // Lines of bare separators hold no text: paragraphs, not a table.
    let text = "|||\n｜\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(paragraphs(&doc), [("|||", 1), ("｜", 2)]);
}

#[test]
fn tables_separated_by_a_paragraph_or_a_blank_line() {
    let text = "a | b |\nc | d |\n说明文字\ne | f |\n\n\ng | h |\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(shape(&doc), "TPTT");
    let tables = tables(&doc);
    assert_eq!(
        tables.iter().map(|t| t.index).collect::<Vec<_>>(),
        [0, 1, 2]
    );
    assert_eq!(grid(tables[0]), [vec!["a", "b"], vec!["c", "d"]]);
    assert_eq!(grid(tables[1]), [vec!["e", "f"]]);
    assert_eq!(grid(tables[2]), [vec!["g", "h"]]);
    assert_eq!(
        tables[2].rows[0].cells[1].pos,
        Position::Cell {
            table: 2,
            row: 0,
            col: 1,
            line: Some(7)
        }
    );
    assert_eq!(paragraphs(&doc), [("说明文字", 3)]);
}

#[test]
fn tsv_excel_clipboard_with_quoted_cells() {
    // As Excel puts a selection on the clipboard: CRLF between rows, LF
    // inside cells, quoted cells with doubled quotes, trailing empty cells.
    let text = "序号\t任务\t责任单位\r\n\
                1\t\"第一行\n第二行\n\n第四行\"\t办公室\r\n\
                2\t\"他说\"\"好\"\"\"\t\r\n\
                3\t\"含\t制表符\"\t\"单位\"\r\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(shape(&doc), "T");
    let table = tables(&doc)[0];
    assert_eq!(table.layout, TableLayout::TextGrid);
    assert_eq!(
        grid(table),
        [
            vec!["序号", "任务", "责任单位"],
            vec!["1", "第一行\n第二行\n\n第四行", "办公室"],
            vec!["2", "他说\"好\"", ""],
            vec!["3", "含\t制表符", "单位"],
        ]
    );
    let lines = |r: &Row| {
        r.cells
            .iter()
            .map(|c| c.pos.line().unwrap_or(0))
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(&table.rows[1]), [2, 2, 5]);
    assert_eq!(table.rows[2].pos, Position::Line { line: 6 });
    assert_eq!(table.rows[3].pos, Position::Line { line: 7 });
    assert_eq!(
        table.rows[2].cells[2].pos,
        Position::Cell {
            table: 0,
            row: 2,
            col: 2,
            line: Some(6)
        }
    );
}

#[test]
fn tsv_record_starting_with_a_multi_line_quoted_cell() {
    // The first physical line has no tab: the tab follows the closing quote.
    let text = "标题\n\"甲\n乙\"\t丙\n丁\t戊\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(shape(&doc), "PT");
    let table = tables(&doc)[0];
    assert_eq!(grid(table), [vec!["甲\n乙", "丙"], vec!["丁", "戊"]]);
    assert_eq!(table.rows[0].cells[1].pos.line(), Some(3));
    assert_eq!(table.rows[1].pos, Position::Line { line: 4 });
}

#[test]
fn tsv_empty_cells_keep_true_columns() {
    // Merged cells come out of a spreadsheet as empty cells.
    let text = "一、总体要求\t\t\t\n\t(一)加强领导\t2024年\t\n\t\t\t办公室\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    let table = tables(&doc)[0];
    assert_eq!(table.layout, TableLayout::TextGrid);
    assert_eq!(
        grid(table),
        [
            vec!["一、总体要求", "", "", ""],
            vec!["", "(一)加强领导", "2024年", ""],
            vec!["", "", "", "办公室"],
        ]
    );
    let cell = &table.rows[2].cells[3];
    assert_eq!(cell.col, 3);
    assert_eq!(
        cell.pos,
        Position::Cell {
            table: 0,
            row: 2,
            col: 3,
            line: Some(3)
        }
    );
    assert_eq!(table.width(), 4);
}

#[test]
fn tsv_empty_rows_inside_and_at_the_end() {
    let text = "a\tb\n\t\n\t c\n\t\t\n \t\n\n段落\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(shape(&doc), "TP");
    // The empty row inside the table is kept; the trailing ones are blank.
    assert_eq!(
        grid(tables(&doc)[0]),
        [vec!["a", "b"], vec!["", ""], vec!["", "c"]]
    );
    assert_eq!(paragraphs(&doc), [("段落", 7)]);
}

#[test]
fn tsv_stray_tabs_stay_prose() {
    let text = "\t一、总体要求\n(一)加强领导。\t\n正文\t\t\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(
        paragraphs(&doc),
        [("一、总体要求", 1), ("(一)加强领导。", 2), ("正文", 3)]
    );
    // Two non-empty cells make even a single line a table.
    let doc = read_text("附件\t任务分工表\n");
    assert_eq!(grid(tables(&doc)[0]), [vec!["附件", "任务分工表"]]);
    // A stray-tab line with pipes falls back to the pipe rules.
    let text = "\t甲 | 乙 | 丙 |\n";
    let doc = read_text(text);
    let table = tables(&doc)[0];
    assert_eq!(table.layout, TableLayout::Flattened);
    assert_eq!(grid(table), [vec!["甲", "乙", "丙"]]);
}

#[test]
fn tsv_tabs_win_over_pipes_on_the_first_line() {
    let text = "a|b\tc\nd\te|f\n";
    let doc = read_text(text);
    let table = tables(&doc)[0];
    assert_eq!(table.layout, TableLayout::TextGrid);
    assert_eq!(grid(table), [vec!["a|b", "c"], vec!["d", "e|f"]]);
}

#[test]
fn tsv_quotes_inside_cells_and_chinese_quotes_are_text() {
    let text = "他说\"好\"\t“放管服”改革\n\"放管服\"改革\t\"a\" \n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(
        grid(tables(&doc)[0]),
        [
            vec!["他说\"好\"", "“放管服”改革"],
            vec!["\"放管服\"改革", "\"a\""]
        ]
    );
}

#[test]
fn tsv_unterminated_quote_is_literal() {
    let text = "任务\t\"未闭合\n甲\t乙\n\n后面的段落\n“还有”一段\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(shape(&doc), "TPP");
    assert_eq!(
        grid(tables(&doc)[0]),
        [vec!["任务", "\"未闭合"], vec!["甲", "乙"]]
    );
    assert_eq!(paragraphs(&doc), [("后面的段落", 4), ("“还有”一段", 5)]);
    // A quote at the very end of the input.
    let doc = read_text("a\t\"");
    assert_eq!(grid(tables(&doc)[0]), [vec!["a", "\""]]);
    // A closing quote followed by text is not a closing quote.
    let text = "a\t\"b\nc\"d\te\n";
    let doc = read_text(text);
    assert_eq!(grid(tables(&doc)[0]), [vec!["a", "\"b"], vec!["c\"d", "e"]]);
}

#[test]
fn tsv_quote_open_too_long_is_literal() {
    let mut text = String::from("a\t\"b\n");
    for k in 0..MAX_QUOTED_LINES + 5 {
        text.push_str(&format!("第{k}行\n"));
    }
    text.push_str("尾\"\tc\n");
    let doc = read_text(&text);
    check_invariants(&doc, &text);
    let kinds = shape(&doc);
    assert!(kinds.starts_with("TP"), "{kinds}");
    assert_eq!(grid(tables(&doc)[0]), [vec!["a", "\"b"]]);
    // Within the limit the quoted cell spans the lines.
    let mut text = String::from("a\t\"b\n");
    for k in 0..MAX_QUOTED_LINES - 2 {
        text.push_str(&format!("{k}\n"));
    }
    text.push_str("尾\"\tc\n");
    let doc = read_text(&text);
    assert_eq!(shape(&doc), "T");
    let table = tables(&doc)[0];
    assert_eq!(table.rows.len(), 1);
    assert_eq!(
        table.rows[0].cells[1].text.lines().count(),
        MAX_QUOTED_LINES
    );
}

#[test]
fn tsv_prose_run_lines_are_read_again() {
    // A run of stray-tab lines is prose; a quoted "cell" in it does not
    // hide the lines it covered.
    let text = "\"甲\n乙\"\t\n丙\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(paragraphs(&doc), [("\"甲", 1), ("乙\"", 2), ("丙", 3)]);
}

#[test]
fn markdown_table_with_alignment_row_and_escaped_pipe() {
    let text = "任务分工\n\
                | 任务 | 时限 | 单位 |\n\
                |:---|:---:|---:|\n\
                | 甲\\|乙 | 2024年 | 办公室 |\n\
                | 丙 |  | |\n\
                \n\
                结尾\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(shape(&doc), "PTP");
    let table = tables(&doc)[0];
    assert_eq!(table.layout, TableLayout::TextGrid);
    assert_eq!(
        grid(table),
        [
            vec!["任务", "时限", "单位"],
            vec!["甲|乙", "2024年", "办公室"],
            vec!["丙", "", ""],
        ]
    );
    assert_eq!(table.rows[1].pos, Position::Line { line: 4 });
    assert_eq!(
        table.rows[2].cells[2].pos,
        Position::Cell {
            table: 0,
            row: 2,
            col: 2,
            line: Some(5)
        }
    );
}

#[test]
fn markdown_without_borders_and_header_only() {
    let text = "a | b\n--- | :-:\nc | d \\| e\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    let table = tables(&doc)[0];
    assert_eq!(table.layout, TableLayout::TextGrid);
    assert_eq!(grid(table), [vec!["a", "b"], vec!["c", "d | e"]]);
    // A header with no body, then a second table right after a header.
    let text = "|x|\n|-|\n\n|p|q|\n|--|--|\n|1|2|\n|r|s|\n|--|--|\n|3|4|\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    let tables = tables(&doc);
    assert_eq!(tables.len(), 3);
    assert_eq!(grid(tables[0]), [vec!["x"]]);
    assert_eq!(grid(tables[1]), [vec!["p", "q"], vec!["1", "2"]]);
    assert_eq!(grid(tables[2]), [vec!["r", "s"], vec!["3", "4"]]);
}

#[test]
fn delimiter_rows() {
    for row in ["|---|", "|:--|--:|", "--- | ---", "|-|-", " | :-: | "] {
        assert!(is_delimiter_row(row), "{row}");
    }
    for row in [
        "---",
        "|",
        "| |",
        "|::|",
        "|-a-|",
        "| -- - |",
        "甲 | 乙 |",
        "|--|x|",
    ] {
        assert!(!is_delimiter_row(row), "{row}");
    }
}

#[test]
fn paragraphs_are_trimmed_including_ideographic_space() {
    let text = "\u{3000}\u{3000}各有关单位:\r\n   \r\n\t正文。 \u{3000}\r\n";
    let doc = read_text(text);
    check_invariants(&doc, text);
    assert_eq!(paragraphs(&doc), [("各有关单位:", 1), ("正文。", 3)]);
}

#[test]
fn empty_and_blank_inputs() {
    assert_eq!(read_text(""), Document::default());
    assert_eq!(read_text("\u{FEFF}"), Document::default());
    assert_eq!(
        read_text("\n\r\n\r \u{3000}\n\t\t\n\u{3000}\r"),
        Document::default()
    );
}

#[test]
fn line_splitting() {
    assert_eq!(split_lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
    assert_eq!(split_lines("a\n"), ["a"]);
    assert_eq!(split_lines("\n\n"), ["", ""]);
    assert_eq!(split_lines("\r\r\n\n"), ["", "", ""]);
    assert!(split_lines("").is_empty());
    assert_eq!(split_lines("\r"), [""]);
    assert_eq!(split_lines("a\n\r"), ["a", ""]);
    assert_eq!(split_lines("a\r\r\nb\n\r\n"), ["a", "", "b", ""]);
    let doc = read_text("甲\r\r乙");
    assert_eq!(paragraphs(&doc), [("甲", 1), ("乙", 3)]);
}

/// A small deterministic pseudo-random generator (xorshift64).
struct Rng(u64);

impl Rng {
    /// The next pseudo-random number.
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A pseudo-random index below `n` (which must not be 0).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).unwrap_or(1)).unwrap_or(0)
    }
}

#[test]
fn garbage_never_panics() {
    let pieces = [
        "\0", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\t", "\n", "\r", "\r\n", " ",
        "\u{3000}", "\u{FEFF}", "|", "｜", "\\", "\"", "\"\"", "-", ":", "---", "a", "甲", "“",
        "”", "\u{200B}", "\u{2028}", "🙂",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(60);
        let text: String = (0..len).map(|_| pieces[rng.below(pieces.len())]).collect();
        let doc = read_text(&text);
        check_invariants(&doc, &text);
    }
    // Every byte below 0x80, one line each and all on one line.
    let all: String = (0u8..0x80).map(char::from).collect();
    check_invariants(&read_text(&all), &all);
}

#[test]
fn one_megabyte_single_lines_are_fast() {
    // A guard against quadratic blow-ups (a hang), not a speed target:
    // speed is measured by the criterion benchmark.
    let limit = Duration::from_secs(30);
    let mb = 1 << 20;
    let patterns = [
        "字", "甲 | ", "|", "\t", "\"", "a\t\"", "\"\"\t", "\\|", "-|", "a\tb", "\"a\t",
    ];
    for pattern in patterns {
        let text = pattern.repeat(mb / pattern.len());
        let start = Instant::now();
        let doc = read_text(&text);
        let elapsed = start.elapsed();
        check_invariants(&doc, &text);
        assert!(elapsed < limit, "{pattern:?}: {elapsed:?}");
    }
}

#[test]
fn many_short_lines_with_quotes_are_fast() {
    // Every line opens a quote that never closes properly.
    // A guard against quadratic blow-ups (a hang), not a speed target:
    // speed is measured by the criterion benchmark.
    let limit = Duration::from_secs(30);
    for pattern in ["\"a\tb\n", "x\t\"a\n", "\"\"\"a\n", "a\t\"\"\"\"\n"] {
        let text = pattern.repeat((1 << 20) / pattern.len());
        let start = Instant::now();
        let doc = read_text(&text);
        let elapsed = start.elapsed();
        check_invariants(&doc, &text);
        assert!(elapsed < limit, "{pattern:?}: {elapsed:?}");
    }
}

#[test]
fn markdown_line_break_tags_become_newlines() {
    let doc = read_text("| a | b |\n|---|---|\n| x<br>y | p<BR />q<b>r</b> |\n");
    let Some(Block::Table(t)) = doc.blocks.first() else {
        panic!("expected a table: {doc:?}");
    };
    assert_eq!(t.rows[1].cells[0].text, "x\ny");
    assert_eq!(t.rows[1].cells[1].text, "p\nq<b>r</b>");
}

use crate::test_util::cell_spans as spans;

#[test]
fn box_drawn_table_with_merges_and_collapsed_blanks() {
    // A law database's rendering: blanks collapsed, a header cell wrapped,
    // a leader and a deadline merged down to the end, a rule over one
    // column only, bullets starting lines inside a cell.
    let text = "\
┌──────────┬───┬──────┬────┐
│ 工 作 任 务 │分管领│牵头单位│完成时限│
│ │ 导 │ │ │
├──────────┼───┼──────┼────┤
│抓好财税工作 │张三│市财政局、│年内见成│
├──────────┤ │市税务局 │ 效 │
│△调整支出结构,加大│ │ │ │
│投入 │ ├──────┤ │
│△加强财政监督 │ │市教育局 │ │
└──────────┴───┴──────┴────┘
说明";
    let doc = read_text(text);
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].layout, TableLayout::Grid);
    assert_eq!(
        spans(t[0]),
        vec![
            vec![
                ("工 作 任 务", 0, 1, 1),
                ("分管领导", 1, 1, 1),
                ("牵头单位", 2, 1, 1),
                ("完成时限", 3, 1, 1)
            ],
            vec![
                ("抓好财税工作", 0, 1, 1),
                ("张三", 1, 3, 1),
                ("市财政局、市税务局", 2, 2, 1),
                ("年内见成效", 3, 3, 1)
            ],
            vec![("△调整支出结构,加大投入\n△加强财政监督", 0, 2, 1)],
            vec![("市教育局", 2, 1, 1)],
        ]
    );
    assert_eq!(paragraphs(&doc), vec![("说明", 11)]);
    // Rows carry the line they start on; cells their first text line.
    assert_eq!(t[0].rows[2].pos.line(), Some(7));
    assert_eq!(t[0].rows[1].cells[2].pos.line(), Some(5));
}

#[test]
fn box_drawn_table_with_a_row_across_and_heavy_strokes() {
    let text = "\
┏━━━━━━━━━┓
┃标题跨两列┃
┣━━━━┳━━━━┫
┃甲  ┃乙  ┃
┣━━━━┻━━━━┫
┃一、跨两列┃
┗━━━━━━━━━┛";
    let doc = read_text(text);
    let t = tables(&doc);
    assert_eq!(
        spans(t[0]),
        vec![
            vec![("标题跨两列", 0, 1, 2)],
            vec![("甲", 0, 1, 1), ("乙", 1, 1, 1)],
            vec![("一、跨两列", 0, 1, 2)],
        ]
    );
}

#[test]
fn a_box_line_that_breaks_the_strokes_ends_the_table_and_is_kept() {
    // An excerpt cut inside a row: the cut line is a paragraph.
    let text = "\
┌──┬──┐
│甲│乙│
├──┼──┤
│丙│丁";
    let doc = read_text(text);
    let t = tables(&doc);
    assert_eq!(grid(t[0]), vec![vec!["甲", "乙"], vec![""; 2]]);
    assert_eq!(paragraphs(&doc), vec![("│丙│丁", 4)]);
    // Box chars that are no table stay text.
    let doc = read_text("──────\n│ 注：无 │");
    assert!(tables(&doc).is_empty());
    assert_eq!(paragraphs(&doc).len(), 2);
}

#[test]
fn a_box_line_of_more_strokes_than_a_table_has_columns_is_text() {
    let wide = format!("┌{}─┐", "─┬".repeat(1_000));
    let row = format!("│{}│", "甲│".repeat(1_000));
    let text = format!("{wide}\n{}", format!("{row}\n").repeat(50));
    let doc = read_text(&text);
    assert!(tables(&doc).is_empty());
    assert_eq!(paragraphs(&doc).len(), 51);
}

#[test]
fn an_indent_written_as_question_marks_is_dropped() {
    let doc = read_text("??一、总体要求\n????为深入贯彻。\n?? 1.甲\n???????乙\n??abc\n?");
    assert_eq!(
        paragraphs(&doc),
        vec![
            ("一、总体要求", 1),
            ("为深入贯彻。", 2),
            ("1.甲", 3),
            // (Too many to be an indent; ASCII after them; a lone mark.)
            ("???????乙", 4),
            ("??abc", 5),
            ("?", 6),
        ]
    );
}

#[test]
fn text_outside_a_box_tables_strokes_is_kept_and_rules_alone_are_text() {
    let doc = read_text("┌──┬──┐\n│甲│乙│\n└──┴──┘ 注：表中单位为牵头单位");
    assert_eq!(grid(tables(&doc)[0]), vec![vec!["甲", "乙"]]);
    assert_eq!(
        paragraphs(&doc),
        vec![("└──┴──┘ 注：表中单位为牵头单位", 3)]
    );
    let doc = read_text("┌──┬──┐\n│1│推进项目建设。│（2024年底前完成）");
    assert!(tables(&doc).is_empty());
    assert_eq!(paragraphs(&doc).len(), 2);
    // Rules alone, however many, are text read once.
    let rules = format!("┌──┬──┐\n{}", "├──┼──┤\n".repeat(2_000));
    let doc = read_text(&rules);
    assert!(tables(&doc).is_empty());
    assert_eq!(paragraphs(&doc).len(), 2_001);
}
