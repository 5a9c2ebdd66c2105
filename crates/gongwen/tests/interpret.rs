//! The interpreter on small hand-written notices: table layouts other than
//! the seed's, merge inheritance on grid tables, diagnostics, and inputs
//! with no structure at all. Every expected value here is written by hand.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use chrono::NaiveDate;
use gongwen::document::{Block, Cell, Document, Paragraph, Position, Row, Table, TableLayout};
use gongwen::model::{
    DiagnosticCode, Format, Frequency, Measure, Notice, Role, Script, SourceInfo,
};

fn codes(n: &Notice) -> Vec<DiagnosticCode> {
    n.diagnostics.iter().map(|d| d.code).collect()
}

fn all_measures(n: &Notice) -> Vec<&Measure> {
    n.measures_with_path().into_iter().map(|(_, m)| m).collect()
}

fn unit_names(m: &Measure) -> Vec<&str> {
    m.units.iter().map(|u| u.name.as_str()).collect()
}

/// Each measure's text and unit names, owned (to compare with literals).
fn texts_and_units(n: &Notice) -> Vec<(String, Vec<String>)> {
    all_measures(n)
        .into_iter()
        .map(|m| {
            let units = unit_names(m).into_iter().map(str::to_owned).collect();
            (m.text.clone(), units)
        })
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn markdown_table_with_seq_lead_and_support_columns() {
    let text = "\
关于印发2025年重点工作任务分工的通知
各县（市、区）人民政府，市直各单位：
现将任务分工印发给你们，请认真贯彻落实。
某某市人民政府办公室
2025年1月10日
（此件公开发布）

| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 推进政务服务“一网通办”。 | 市政务服务局 | 市大数据中心、市财政局 | 6月底前 |
| 2 | 开展营商环境评价。 | 市发展改革委 | 各县（市、区）人民政府 | 每季度 |
| 3 | 完善信用监管制度。 | 市市场监管局 |  | 持续推进 |
";
    let n = gongwen::parse_str(text);
    assert_eq!(
        n.meta.title.as_deref(),
        Some("关于印发2025年重点工作任务分工的通知")
    );
    assert_eq!(
        n.meta.addressees,
        vec!["各县（市、区）人民政府", "市直各单位"]
    );
    assert_eq!(n.meta.issuer.as_deref(), Some("某某市人民政府办公室"));
    assert_eq!(n.meta.date, date(2025, 1, 10));
    assert_eq!(n.meta.annotation.as_deref(), Some("此件公开发布"));
    // No measure column: the task column holds the measures, numbered by
    // the 序号 column.
    assert!(n.outline.is_empty());
    let ms = &n.measures;
    assert_eq!(ms.len(), 3);
    assert_eq!(ms[0].text, "推进政务服务“一网通办”。");
    assert_eq!(ms[0].label.as_deref(), Some("1"));
    assert_eq!(ms[2].ordinal, Some(3));
    assert_eq!(
        unit_names(&ms[0]),
        vec!["市政务服务局", "市大数据中心", "市财政局"]
    );
    let roles: Vec<_> = ms[0].units.iter().map(|u| u.role).collect();
    assert_eq!(
        roles,
        vec![Some(Role::Lead), Some(Role::Support), Some(Role::Support)]
    );
    let d0 = ms[0].deadline.as_ref().unwrap();
    assert_eq!(d0.due, date(2025, 6, 30), "6月底前 takes the notice's year");
    assert!(!d0.inherited);
    let d1 = ms[1].deadline.as_ref().unwrap();
    assert_eq!(
        d1.recurrence.as_ref().map(|r| r.freq),
        Some(Frequency::Quarterly)
    );
    assert_eq!(
        unit_names(&ms[1]),
        vec!["市发展改革委", "各县（市、区）人民政府"]
    );
    // An empty support cell beside a lead cell of its own names no unit:
    // it does not inherit the one above.
    assert_eq!(unit_names(&ms[2]), vec!["市市场监管局"]);
    assert!(ms[2].deadline.as_ref().unwrap().ongoing);
    assert!(codes(&n).is_empty(), "{:?}", n.diagnostics);
}

fn cell(text: &str, row: u32, col: u32, rows: u32, cols: u32) -> Cell {
    Cell {
        text: text.to_owned(),
        col,
        row_span: rows,
        col_span: cols,
        pos: Position::Cell {
            table: 0,
            row,
            col,
            line: None,
        },
    }
}

fn row(cells: Vec<Cell>, r: u32) -> Row {
    Row {
        cells,
        pos: Position::Cell {
            table: 0,
            row: r,
            col: 0,
            line: None,
        },
    }
}

fn source() -> SourceInfo {
    SourceInfo {
        format: Format::Text,
        script: Script::Simplified,
        encoding: None,
        path: None,
    }
}

/// A grid table as a word processor has it: a section row spanning all
/// columns, a task cell merged down three rows, a deadline merged down two.
#[test]
fn grid_table_with_row_and_column_spans() {
    let table = Table {
        index: 0,
        layout: TableLayout::Grid,
        rows: vec![
            row(
                vec![
                    cell("工作任务", 0, 0, 1, 1),
                    cell("具体措施", 0, 1, 1, 1),
                    cell("完成时间", 0, 2, 1, 1),
                    cell("责任单位", 0, 3, 1, 1),
                ],
                0,
            ),
            row(vec![cell("一、强化监管", 1, 0, 1, 4)], 1),
            row(
                vec![
                    cell("1.加强抽检。", 2, 0, 3, 1),
                    cell("(1)制定抽检计划。", 2, 1, 1, 1),
                    cell("2024年第一季度", 2, 2, 1, 1),
                    cell("食品抽检处", 2, 3, 1, 1),
                ],
                2,
            ),
            row(
                vec![
                    cell("(2)组织开展抽检。", 3, 1, 1, 1),
                    cell("2024年12月", 3, 2, 2, 1),
                    cell("食品抽检处、\n各设区市局", 3, 3, 1, 1),
                ],
                3,
            ),
            row(
                vec![
                    cell("(3)公布抽检结果。", 4, 1, 1, 1),
                    cell("新闻宣传处", 4, 3, 1, 1),
                ],
                4,
            ),
        ],
    };
    let doc = Document {
        blocks: vec![
            Block::Paragraph(Paragraph {
                text: "2024年1月5日".to_owned(),
                pos: Position::Paragraph { index: 0 },
            }),
            Block::Table(table),
        ],
    };
    let n = gongwen::interpret::interpret(&doc, source());
    assert_eq!(n.outline.len(), 1);
    let section = &n.outline[0];
    assert_eq!(
        (section.label.as_str(), section.title.as_str()),
        ("一、", "强化监管")
    );
    assert_eq!(section.children.len(), 1);
    let task = &section.children[0];
    assert_eq!(
        (task.level, task.ordinal, task.title.as_str()),
        (2, 1, "加强抽检")
    );
    assert_eq!(task.text, "加强抽检。", "a merged task cell is read once");
    let ms = &task.measures;
    assert_eq!(ms.len(), 3);
    let q = ms[0].deadline.as_ref().unwrap();
    assert_eq!((q.due, q.inherited), (date(2024, 3, 31), false));
    assert_eq!(unit_names(&ms[1]), vec!["食品抽检处", "各设区市局"]);
    let d2 = ms[2].deadline.as_ref().unwrap();
    assert_eq!((d2.raw.as_str(), d2.inherited), ("2024年12月", true));
    assert_eq!(
        d2.position,
        Some(Position::Cell {
            table: 0,
            row: 3,
            col: 2,
            line: None
        }),
        "an inherited deadline points at the merged cell"
    );
    assert!(!ms[2].units_inherited);
    assert_eq!(unit_names(&ms[2]), vec!["新闻宣传处"]);
    assert!(codes(&n).is_empty(), "{:?}", n.diagnostics);
}

#[test]
fn diagnostics_for_gaps_unknown_deadlines_and_missing_units() {
    let text = "\
工作任务 | 具体举措 | 完成时限 | 责任单位 |
一、总体要求 | |||
1.加强领导。 | (1)成立领导小组。 | 视情况而定 | 办公室 |
(3)建立工作机制。 | 2024年6月 | ||
";
    let n = gongwen::parse_str(text);
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 2);
    let d = ms[0].deadline.as_ref().unwrap();
    assert_eq!(
        (d.raw.as_str(), d.due, d.ongoing),
        ("视情况而定", None, false)
    );
    let c = codes(&n);
    assert!(c.contains(&DiagnosticCode::DeadlineNotUnderstood), "{c:?}");
    assert!(c.contains(&DiagnosticCode::NumberingGap), "{c:?}");
    // The second measure inherits 办公室 from the row above: it has units.
    assert!(!c.contains(&DiagnosticCode::MeasureWithoutUnits), "{c:?}");
    assert!(ms[1].units_inherited);

    let bare = "工作任务 | 具体举措 | 完成时限 | 责任单位 |\n1.加强领导。 | (1)成立领导小组。 | 2024年3月 | |\n";
    let n = gongwen::parse_str(bare);
    assert_eq!(codes(&n), vec![DiagnosticCode::MeasureWithoutUnits]);
}

#[test]
fn extra_cells_and_header_less_tables_are_reported_not_dropped() {
    let text = "\
索引号 | 000014349/2024-00001 | 发布机构 | 某某局 |
工作任务 | 具体举措 | 完成时限 | 责任单位 |
1.加强领导。 | (1)成立领导小组。 | 2024年3月 | 办公室 | 多出的格子 | 又一个 |
";
    let n = gongwen::parse_str(text);
    let not_placed: Vec<&str> = n
        .diagnostics
        .iter()
        .filter(|d| d.code == DiagnosticCode::TextNotPlaced)
        .filter_map(|d| d.text.as_deref())
        .collect();
    // The layout row above the header is lifted out as paragraphs; its
    // cells end in the body, so nothing is lost.
    assert!(
        n.meta.body.iter().any(|p| p == "000014349/2024-00001"),
        "{:?}",
        n.meta.body
    );
    assert_eq!(not_placed, vec!["多出的格子", "又一个"]);
    assert_eq!(all_measures(&n).len(), 1);
}

#[test]
fn lines_like_rows_a_pasted_table_could_not_take_are_reported() {
    // Row 2 has cells no reading fits: the table ends before it, and it
    // and the row after it are said, not read in silence as text.
    let text = "\
某区重点工作任务分解表
序号 重点工作任务 责任单位 完成期限
1 推进甲项目建设。 区科技局 2023年12月底
2 推进乙项目建设。 区科技局 2023年12月底 区发改委 2024年 区财政局 2025年
3 推进丙项目建设。 区科技局 2023年12月底
";
    let n = gongwen::parse_str(text);
    assert_eq!(all_measures(&n).len(), 1);
    let reported: Vec<&str> = n
        .diagnostics
        .iter()
        .filter(|d| d.code == DiagnosticCode::TextNotPlaced)
        .filter_map(|d| d.text.as_deref())
        .collect();
    assert_eq!(reported.len(), 2, "{reported:?}");
    assert!(reported[1].starts_with("3 推进丙项目建设。"));
    // A sentence after a table is no row.
    let n = gongwen::parse_str(
        "序号 重点工作任务 责任单位 完成期限\n1 推进甲项目建设。 区科技局 2023年12月底\n请各单位认真落实。\n",
    );
    assert!(
        !codes(&n).contains(&DiagnosticCode::TextNotPlaced),
        "{:?}",
        n.diagnostics
    );
    // Nor are numbers in sentences under a later heading.
    let n = gongwen::parse_str(
        "序号 重点工作任务 责任单位 完成期限\n1 推进甲项目建设。 区科技局 2023年12月底\n二、工作要求\n10 个 重点项目 均要按期完成。\n2024 年 全区 要完成 以上 任务。\n",
    );
    assert!(
        !codes(&n).contains(&DiagnosticCode::TextNotPlaced),
        "{:?}",
        n.diagnostics
    );
}

#[test]
fn text_with_no_table_is_paragraphs_and_labelled_headings() {
    let n = gongwen::parse_str("总体要求\n一、提高认识\n二、加强领导\n");
    assert_eq!(n.outline.len(), 2);
    assert_eq!(n.outline[1].title, "加强领导");
    assert_eq!(n.meta.body, vec!["总体要求"]);

    let n = gongwen::parse_str("这是一段没有任何结构的文字。\n第二段。");
    assert!(n.outline.is_empty() && n.measures.is_empty());
    assert_eq!(n.meta.body.len(), 2);
    assert_eq!(codes(&n), vec![DiagnosticCode::NoStructure]);
}

#[test]
fn empty_and_blank_inputs_give_an_empty_notice_with_a_diagnostic() {
    for text in ["", "\n\n  \n", "\u{FEFF}", "|||\n| |"] {
        let n = gongwen::parse_str(text);
        assert_eq!(n.measure_count(), 0, "{text:?}");
        assert_eq!(codes(&n), vec![DiagnosticCode::NoStructure], "{text:?}");
    }
}

#[test]
fn binary_input_is_a_typed_error_naming_the_file() {
    let path = Path::new("archive/notice.txt");
    let err = gongwen::parse_bytes(b"\x00\x01\x02garbage", path).unwrap_err();
    assert!(
        matches!(err, gongwen::Error::Binary { offset: 0, .. }),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("archive/notice.txt: "), "{err}");

    // GBK text is decoded, not refused.
    let (gbk, _, _) = encoding_rs::GBK.encode("一、总体要求\n二、主要任务\n三、保障措施");
    let n = gongwen::parse_bytes(&gbk, path).unwrap();
    assert_eq!(n.outline.len(), 3);
    assert_eq!(n.outline[1].title, "主要任务");
    assert!(["GBK", "gb18030"].contains(&n.source.encoding.as_deref().unwrap_or("")));
    let err = gongwen::parse_path(Path::new("/no/such/file.txt")).unwrap_err();
    assert!(matches!(err, gongwen::Error::Io { .. }), "{err:?}");
}

#[test]
fn random_text_never_panics() {
    // A small deterministic generator over the characters that matter to
    // the grammars: labels, separators, brackets, digits and dates.
    let alphabet: Vec<char> =
        "一二十、.()（）|｜\t\n\"年月日每季度长期坚持处局、,，:：;；《》〔〕0123456789负责牵头配合 "
            .chars()
            .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..2000 {
        let len = (state % 120) as usize;
        let mut s = String::new();
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let n = gongwen::parse_str(&s);
        assert_eq!(n.schema, gongwen::model::SCHEMA_ID);
    }
}

/// Text that lands in the sequence number column and is no running number
/// is reported; running numbers there are dropped silently.
#[test]
fn text_in_the_sequence_column_is_reported() {
    let n =
        gongwen::parse_str("序号|完成时限|工作任务\n一、||---|\n2 | 2024年6月底前 | 加强领导 |\n");
    let placed: Vec<_> = n
        .diagnostics
        .iter()
        .filter(|d| d.code == DiagnosticCode::TextNotPlaced)
        .map(|d| d.text.as_deref())
        .collect();
    assert_eq!(placed, [Some("一、")]);
    assert!(gongwen::interpret::cell_text::is_running_number(" １２ "));
    assert!(gongwen::interpret::cell_text::is_running_number("3."));
    assert!(!gongwen::interpret::cell_text::is_running_number("一、"));
    assert!(!gongwen::interpret::cell_text::is_running_number(""));
}

/// A full-width number cell in a flattened row is aligned as its ASCII form is.
#[test]
fn full_width_number_cells_align_like_ascii_ones() {
    let ascii = gongwen::parse_str("工作任务 | 具体举措 | 完成时限 | 责任单位 |\n一|:|1\n");
    let wide = gongwen::parse_str("工作任务 | 具体举措 | 完成时限 | 责任单位 |\n一｜：｜１\n");
    let codes = |n: &gongwen::Notice| n.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
    assert_eq!(codes(&ascii), codes(&wide));
    assert_eq!(ascii.measure_count(), wide.measure_count());
    let deadlines = |n: &gongwen::Notice| {
        n.measures_with_path()
            .iter()
            .map(|(_, m)| m.deadline.is_some())
            .collect::<Vec<_>>()
    };
    assert_eq!(deadlines(&ascii), deadlines(&wide));
    assert_eq!(ascii.measure_count(), 1);
}

/// A cover sending two plans: the cover's own instructions go to the body;
/// the first plan keeps its headings even though it states no measure.
#[test]
fn a_second_plan_does_not_make_the_first_a_cover() {
    let n = gongwen::parse_str(
        "某市人民政府关于印发两个工作方案的通知\n各区人民政府：\n\
         现将《某市优化营商环境工作方案》《某市稳就业行动方案》印发给你们。\n一、高度重视。\n二、抓好落实。\n\
         某市人民政府\n2024年3月1日\n附件1\n某市优化营商环境工作方案\n一、总体要求\n坚持稳中求进。\n\
         附件2\n某市稳就业行动方案\n一、重点任务\n（一）推进改革。（市发展改革委负责）\n",
    );
    let top: Vec<(&str, &str)> = n
        .outline
        .iter()
        .map(|h| (h.label.as_str(), h.title.as_str()))
        .collect();
    assert_eq!(top, [("一、", "总体要求"), ("一、", "重点任务")]);
    assert!(
        n.meta.body.iter().any(|p| p == "一、高度重视。"),
        "{:?}",
        n.meta.body
    );
    assert_eq!(n.measure_count(), 1);
    assert_eq!(
        n.meta.plan_title.as_deref(),
        Some("某市优化营商环境工作方案")
    );
}

#[test]
fn a_row_holding_only_the_task_cell_above_again_is_a_record_not_a_repeat() {
    // A task cell repeated on each row of its task (not merged) is the same
    // task only where the row has a measure, deadline or unit of its own; a
    // row that is nothing but the task above again is a second record, so
    // its text is neither dropped nor merged.
    let text = "\
工作任务 | 具体举措 | 完成时限 | 责任单位 |
7.开展专项检查。 |  |  |  |
7.开展专项检查。 |  |  |  |
";
    let n = gongwen::parse_str(text);
    let titles: Vec<&str> = n.outline.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, vec!["开展专项检查", "开展专项检查"]);
    assert!(codes(&n).contains(&DiagnosticCode::NumberingRepeat));
    // Repeated on a row with units but no measure cell, it is a task of its
    // own whose row is its measure.
    let text = "\
工作任务 | 具体举措 | 完成时限 | 责任单位 |
1.推进执法规范化建设。 |  |  |  |
1.推进执法规范化建设。 |  |  | 法规处 |
";
    let n = gongwen::parse_str(text);
    assert_eq!(n.outline.len(), 2);
    assert_eq!(unit_names(&n.outline[1].measures[0]), vec!["法规处"]);
    // Repeated on a row with a measure of its own, it is the same task.
    let text = "\
工作任务 | 具体举措 | 完成时限 | 责任单位 |
7.开展专项检查。 | 制定方案。 | 6月底前 | 市局 |
7.开展专项检查。 | 组织实施。 | 9月底前 | 市局 |
";
    let n = gongwen::parse_str(text);
    assert_eq!(n.outline.len(), 1);
    assert_eq!(n.outline[0].measures.len(), 2);
}

#[test]
fn text_tables_with_a_second_header_row_and_a_note_line_under_them() {
    // `责任单位` spans two columns, shown in text only by the empty piece
    // after it; the row under it names them. A one-cell `注：` line after
    // the last row is a note under the table, not part of that row.
    let text = "\
具体措施 | 责任单位 |  | 完成时限
 | 牵头单位 | 配合单位 |
组织业务培训。 | 市财政局 | 市教育局、市商务局 | 2026年6月
完善制度建设。 | 市数据局 | 市科技局 | 2023年5月底
注：此表由各责任单位按季度报送进展情况。 |
";
    let n = gongwen::parse_str(text);
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 2);
    let roles: Vec<(&str, Option<Role>)> = ms[0]
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.role))
        .collect();
    assert_eq!(
        roles,
        vec![
            ("市财政局", Some(Role::Lead)),
            ("市教育局", Some(Role::Support)),
            ("市商务局", Some(Role::Support)),
        ]
    );
    assert_eq!(ms[1].text, "完善制度建设。");
    assert!(n
        .diagnostics
        .iter()
        .any(|d| d.text.as_deref() == Some("注：此表由各责任单位按季度报送进展情况。")));
}

/// An unlabelled measure cell in a table of labelled measures is a record
/// of its own where its row holds its own unit and deadline cells (one row,
/// one record), and continues the measure above where it holds neither.
#[test]
fn an_unlabelled_row_with_its_own_units_is_a_record() {
    let n = gongwen::parse_str(
        "具体措施 | 责任单位 | 完成时限\n（1）加强监管 | 市市场监管局 | 2024年6月底前\n开展专项检查 | 市公安局 | 2024年9月底前\n（2）完善制度 | 市司法局 | 2024年12月底前\n并报送结果 | | \n",
    );
    let measures = texts_and_units(&n);
    assert_eq!(
        measures,
        [
            ("加强监管".to_owned(), vec!["市市场监管局".to_owned()]),
            ("开展专项检查".to_owned(), vec!["市公安局".to_owned()]),
            ("完善制度并报送结果".to_owned(), vec!["市司法局".to_owned()]),
        ]
    );
}

/// A web page saved as text: the title stands after the page's own lines
/// (breadcrumb, tags, index line) and is found there; a page's tag lines
/// and a title printed twice are no part of it; a title wrapped inside an
/// open 《 does not end there.
#[test]
fn a_title_after_a_pages_lines_is_found() {
    let n = gongwen::parse_str(
        "当前位置:首页 > 信息公开\n索引号: 330522/2023-01775 发文时间: 2023-02-24\n某县人民政府办公室关于印发重点工作责任分解的通知\n\n各乡镇人民政府,县政府直属各单位:\n一、重点工作\n1.推进项目建设。\n责任单位:县财政局。\n",
    );
    assert_eq!(
        n.meta.title.as_deref(),
        Some("某县人民政府办公室关于印发重点工作责任分解的通知")
    );
    let n = gongwen::parse_str(
        "【法宝引证码】CLI.1.304262\n【时效性】尚未施行\n某市人民政府办公厅关于印发某规划责任分解的通知\n某市人民政府办公厅关于印发某规划责任分解的通知\n各县(市、区)人民政府:\n一、重点工作\n1.推进项目建设。(县财政局负责)\n",
    );
    assert_eq!(
        n.meta.title.as_deref(),
        Some("某市人民政府办公厅关于印发某规划责任分解的通知")
    );
    let n = gongwen::parse_str(
        "鞍政发〔2024〕1号\n某市人民政府关于印发\n《2024年任务分解\n和责任分工方案》的通知\n\n各县(市)区人民政府:\n一、重点工作\n1.推进项目建设。(县财政局负责)\n",
    );
    assert_eq!(
        n.meta.title.as_deref(),
        Some("某市人民政府关于印发《2024年任务分解和责任分工方案》的通知")
    );
}

/// Found by a review: a row numbered `4.` that left a merged cell out is
/// aligned by content (only a heading's label alone, `一、`, lines up in
/// order); rows numbered `一、 二、` whose units a merge covers, or that
/// state their own units, are records, not sections; a line citing a
/// document is no title.
#[test]
fn rows_numbered_like_headings_stay_records() {
    let n = gongwen::parse_str(
        "序号|重点任务|具体措施|责任单位|完成时限\n1.|推进项目建设|开工建设重点项目|市发改委|2025年6月底前\n2.|优化营商环境|深化审批制度改革|市政务服务局|2025年12月底前\n3.|扩大有效投资|争取专项债券资金支持|市财政局|2025年9月底前\n4.|争取中央预算内投资项目|市财政局|2025年12月底前\n",
    );
    let last = n.measures_with_path().pop().map(|(_, m)| m.clone());
    let last = last.expect("measures");
    assert_eq!(last.text, "争取中央预算内投资项目");
    assert_eq!(
        last.units.first().map(|u| u.name.as_str()),
        Some("市财政局")
    );

    let html = "<table><tr><td>序号</td><td>重点任务</td><td>责任单位</td><td>完成时限</td></tr>\
<tr><td>一、</td><td>开工建设重点项目十个以上</td><td rowspan=\"3\">市发改委</td><td rowspan=\"3\">2025年6月底前</td></tr>\
<tr><td>二、</td><td>深化审批制度改革推进一网通办</td></tr>\
<tr><td>三、</td><td>争取专项债券资金支持重点项目</td></tr>\
<tr><td>四、</td><td>争取中央预算内投资项目</td><td>市财政局</td><td>2025年12月底前</td></tr></table>";
    let n = gongwen::parse_bytes(html.as_bytes(), std::path::Path::new("t.html")).expect("parses");
    let measures = n.measures_with_path();
    assert_eq!(measures.len(), 4);
    assert!(measures.iter().all(|(_, m)| !m.units.is_empty()));

    let n = gongwen::parse_str(
        "索引号：11330100/2025-00123\n发布日期：2025-03-01\n关于加快推进改革的若干措施\n根据《关于推进改革的实施方案》\n一、加强组织领导\n各单位要高度重视。\n",
    );
    assert_ne!(
        n.meta.title.as_deref(),
        Some("根据《关于推进改革的实施方案》")
    );
}

/// One cell per line: a measure whose last words read like a unit's name
/// (`…一网通办`) is the row's text; the unit on the next line is a cell of
/// its own, not joined to it.
#[test]
fn a_measure_ending_like_a_unit_keeps_its_row() {
    let n = gongwen::parse_str(
        "序号\n工作任务\n责任单位\n完成时限\n1\n推进项目建设开工重点项目十个\n县发改局\n6月底前\n2\n深化审批制度改革推进一网通办\n县政务服务局\n年底前\n3\n优化营商环境推进改革\n县商务局\n9月底前\n",
    );
    let got = texts_and_units(&n);
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[1],
        (
            "深化审批制度改革推进一网通办".to_owned(),
            vec!["县政务服务局".to_owned()]
        )
    );
}

#[test]
fn box_drawn_table_with_a_group_row_over_bulleted_items() {
    // A group row with no mark whose unit, leader and deadline cells run
    // down over the rows below heads their items; a cell listing items one
    // a line (`△…`) gives a measure per item, each with the row's units.
    let text = "\
┌──────────┬───┬──────┬────┐
│ 工 作 任 务 │分管领│牵头单位│完成时限│
│ │ 导 │ │ │
├──────────┼───┼──────┼────┤
│抓好财税工作 │张三│市财政局、│2024年│
├──────────┤ │市税务局 │6月底 │
│△调整支出结构,加大│ │ │ │
│投入 │ │ │ │
│△加强财政监督 │ │ │ │
├──────────┤ ├──────┤ │
│推进教育发展 │ │市教育局 │ │
├──────────┤ │ │ │
│△安排教育经费 │ │ │ │
└──────────┴───┴──────┴────┘";
    let n = gongwen::parse_str(text);
    let titles: Vec<&str> = n.outline.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, vec!["抓好财税工作", "推进教育发展"]);
    assert!(n.outline.iter().all(|h| h.level == 1 && h.label.is_empty()));
    assert_eq!(
        texts_and_units(&n),
        vec![
            (
                "调整支出结构,加大投入".to_owned(),
                vec!["市财政局".to_owned(), "市税务局".to_owned()]
            ),
            (
                "加强财政监督".to_owned(),
                vec!["市财政局".to_owned(), "市税务局".to_owned()]
            ),
            ("安排教育经费".to_owned(), vec!["市教育局".to_owned()]),
        ]
    );
    let ms = all_measures(&n);
    assert!(ms.iter().all(|m| m.label.as_deref() == Some("△")));
    assert!(ms.iter().all(|m| m.ordinal.is_none()));
    assert!(ms
        .iter()
        .all(|m| m.deadline.as_ref().unwrap().due == date(2024, 6, 30)));
    assert!(ms.iter().all(|m| m.leader.as_deref() == Some("张三")));
}

#[test]
fn a_plain_row_after_a_groups_items_is_no_item_of_it() {
    let text = "\
┌──────────┬──────┬────┐
│工作任务│牵头单位│完成时限│
├──────────┼──────┼────┤
│抓好财税工作 │市财政局│2024年│
├──────────┤ │6月底 │
│△加强财政监督 │ │ │
├──────────┼──────┼────┤
│做好春耕备耕。 │市农业农村局│2024年│
└──────────┴──────┴────┘";
    let n = gongwen::parse_str(text);
    let titles: Vec<&str> = n.outline.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, vec!["抓好财税工作"]);
    assert_eq!(n.outline[0].measures.len(), 1);
    assert_eq!(
        n.measures
            .iter()
            .map(|m| m.text.as_str())
            .collect::<Vec<_>>(),
        vec!["做好春耕备耕。"]
    );
}

#[test]
fn a_grid_cell_numbering_its_items_gives_a_measure_each() {
    let doc = Document {
        blocks: vec![Block::Table(Table {
            index: 0,
            layout: TableLayout::Grid,
            rows: vec![
                row(
                    vec![
                        cell("重点任务", 0, 0, 1, 1),
                        cell("具体措施", 0, 1, 1, 1),
                        cell("责任单位", 0, 2, 1, 1),
                        cell("完成时限", 0, 3, 1, 1),
                    ],
                    0,
                ),
                row(
                    vec![
                        cell("1.优化营商环境", 1, 0, 1, 1),
                        // Items in order, a line each; a line that is no
                        // next item goes on with the one before it.
                        cell(
                            "（1）精简审批事项\n（2）压缩办理时限\n其中企业开办1天办结\n（4）跳号不是新项",
                            1,
                            1,
                            1,
                            1,
                        ),
                        cell("市政务服务局", 1, 2, 1, 1),
                        cell("2025年底前", 1, 3, 1, 1),
                    ],
                    1,
                ),
            ],
        })],
    };
    let n = gongwen::interpret::interpret(&doc, source());
    let ms = all_measures(&n);
    let got: Vec<(Option<&str>, &str)> = ms
        .iter()
        .map(|m| (m.label.as_deref(), m.text.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("（1）"), "精简审批事项"),
            (
                Some("（2）"),
                "压缩办理时限\n其中企业开办1天办结\n（4）跳号不是新项"
            ),
        ]
    );
    assert!(ms.iter().all(|m| unit_names(m) == vec!["市政务服务局"]));
    assert!(ms
        .iter()
        .all(|m| m.deadline.as_ref().unwrap().due == date(2025, 12, 31)));
}
