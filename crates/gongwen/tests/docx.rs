//! The DOCX reader end to end: the seed document against its gold answer,
//! documents built with docx-rs (merged cells, fields, hyperlinks, nested
//! tables, automatic numbering, a small notice), and hostile packages
//! (truncated, incomplete, malformed, a zip bomb, deep nesting). Every
//! expected value is written by hand.
#![allow(clippy::unwrap_used)]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use docx_rs::{
    AbstractNumbering, Docx, FieldCharType, Hyperlink, HyperlinkType, IndentLevel, InstrText,
    Level, LevelJc, LevelText, NumberFormat, Numbering, NumberingId, Paragraph, Run, Start,
    Table as DocxTable, TableCell, TableRow, VMergeType,
};
use gongwen::document::{Block, Document, Position, Table};
use gongwen::model::{Measure, Notice};
use gongwen::normalize::comparable;
use gongwen::read::docx::read_docx;
use gongwen::read::Limits;
use gongwen::Error;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(rel)
}

fn seed() -> Vec<u8> {
    std::fs::read(fixture("seed/seed.docx")).unwrap()
}

fn read(bytes: &[u8]) -> Result<Document, Error> {
    read_docx(bytes, Path::new("test.docx"), &Limits::default())
}

/// Writes a docx-rs document to bytes.
fn pack(docx: Docx) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    docx.build().pack(&mut out).unwrap();
    out.into_inner()
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(para(text))
}

fn paragraphs(doc: &Document) -> Vec<(&str, u32)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => match p.pos {
                Position::Paragraph { index } => Some((p.text.as_str(), index)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

/// `(text, col, row_span, col_span)` of every cell, row by row.
fn grid(t: &Table) -> Vec<Vec<(&str, u32, u32, u32)>> {
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

/// A ZIP of `(name, content)` members, deflated, written with `ZipWriter`.
fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn all_measures(n: &Notice) -> Vec<&Measure> {
    n.measures_with_path().into_iter().map(|(_, m)| m).collect()
}

fn unit_names(m: &Measure) -> Vec<&str> {
    m.units.iter().map(|u| u.name.as_str()).collect()
}

// ---------------------------------------------------------------------------
// The seed document

/// The blocks of seed.docx: six paragraphs (addressees, body, issuer, date,
/// annotation, title), then one 4-column table whose task, deadline and
/// unit cells are merged vertically.
#[test]
fn seed_block_structure() {
    let doc = read(&seed()).unwrap();
    let paras = paragraphs(&doc);
    assert_eq!(paras.len(), 6);
    assert_eq!(
        paras.iter().map(|p| p.1).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4, 5]
    );
    assert_eq!(
        paras[0].0,
        "省局機關各處(室、局)、省市場監管質量安全檢查中心:"
    );
    assert_eq!(paras[3].0, "2024年3月7日");
    assert!(paras[5].0.starts_with("江西省市場監管局貫徹落實《"));
    assert!(matches!(doc.blocks[6], Block::Table(_)));
    assert_eq!(doc.blocks.len(), 7);

    let t = tables(&doc)[0];
    assert_eq!(t.index, 0);
    assert_eq!(t.width(), 4);
    assert_eq!(t.rows.len(), 67);
    let g = grid(t);
    // Header row, then the first section heading across the whole grid.
    assert_eq!(
        g[0].iter().map(|c| c.0).collect::<Vec<_>>(),
        [
            "方案分解的工作任務與責任",
            "省局貫徹落實具體舉措",
            "完成時限",
            "責任單位"
        ]
    );
    assert!(g[1][0].0.starts_with("一、全面提升"));
    assert_eq!((g[1][0].1, g[1][0].2, g[1][0].3), (0, 1, 4));
    // Task 1 spans measures (1)-(3): its task, deadline and unit cells are
    // merged over three rows; the rows below hold only the measure.
    assert!(g[2][0].0.starts_with("1.抓實政治能力建設"));
    let spans = |row: &[(&str, u32, u32, u32)]| -> Vec<(u32, u32)> {
        row.iter().map(|c| (c.1, c.2)).collect()
    };
    assert_eq!(spans(&g[2]), [(0, 3), (1, 1), (2, 3), (3, 3)]);
    assert_eq!(spans(&g[3]), [(1, 1)]);
    assert_eq!(spans(&g[4]), [(1, 1)]);
    assert!(g[3][0].0.starts_with("(2)"));
    // Task 2 spans (4)-(6); its unit cell covers (4) and (5) only.
    assert!(g[5][0].0.starts_with("2.開展制度化"));
    assert_eq!(spans(&g[5]), [(0, 3), (1, 1), (2, 1), (3, 2)]);
    assert_eq!(spans(&g[6]), [(1, 1), (2, 1)]);
    assert_eq!(spans(&g[7]), [(1, 1), (2, 1), (3, 1)]);
    // Task 6: a deadline merged over (16)-(17) and units over (15)-(17).
    assert!(g[16][0].0.starts_with("6."));
    assert_eq!(spans(&g[16]), [(0, 4), (1, 1), (2, 1), (3, 1)]);
    assert_eq!(spans(&g[17]), [(1, 1), (2, 1), (3, 3)]);
    assert_eq!(spans(&g[18]), [(1, 1), (2, 2)]);
    assert_eq!(spans(&g[19]), [(1, 1)]);
    // Measure 37: its unit cell holds three paragraphs.
    assert!(g[40][1].0.starts_with("(37)"));
    assert_eq!(
        g[40][3].0,
        "與集中行使劃轉行政審批職權的部門聯動:行政審批處,省局機關各有關執法處(室、局)\n\
         綜合行政執法市場監管部門與行業主管部門聯動:執法稽查局,\n\
         省局機關各有關執法處(室、局)"
    );
    assert_eq!(
        t.rows[40].cells[3].pos,
        Position::Cell {
            table: 0,
            row: 40,
            col: 3,
            line: None
        }
    );
}

/// Differences between a gold measure and ours, on the compared fields.
fn measure_diffs(at: &str, gold: &Value, ours: &Value, diffs: &mut Vec<String>) {
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(comparable);
    let mut check = |what: &str, g: Option<String>, o: Option<String>| {
        if g != o {
            diffs.push(format!("{at} {what}: ours {o:?}, gold {g:?}"));
        }
    };
    check("label", text(gold, "label"), text(ours, "label"));
    check(
        "ordinal",
        gold.get("ordinal").map(Value::to_string),
        ours.get("ordinal").map(Value::to_string),
    );
    check("text", text(gold, "text"), text(ours, "text"));
    let (gd, od) = (&gold["deadline"], &ours["deadline"]);
    check(
        "deadline",
        Some(gd.is_null().to_string()),
        Some(od.is_null().to_string()),
    );
    if !gd.is_null() && !od.is_null() {
        check("deadline.raw", text(gd, "raw"), text(od, "raw"));
        for k in ["due", "ongoing", "inherited"] {
            let flag = |d: &Value| match d.get(k) {
                None | Some(Value::Null) if k == "inherited" => "false".to_owned(),
                v => v.map(Value::to_string).unwrap_or_default(),
            };
            check(&format!("deadline.{k}"), Some(flag(gd)), Some(flag(od)));
        }
    }
    let units = |v: &Value| -> Vec<(String, Option<String>)> {
        v["units"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|u| (text(u, "name").unwrap_or_default(), text(u, "scope")))
            .collect()
    };
    check(
        "units",
        Some(format!("{:?}", units(gold))),
        Some(format!("{:?}", units(ours))),
    );
    check(
        "units_inherited",
        gold.get("units_inherited").map(Value::to_string),
        ours.get("units_inherited").map(Value::to_string),
    );
}

/// seed.docx parses to the gold answer: meta, 7 sections, 28 tasks and all
/// 59 measures (labels, texts, deadlines, units), compared after folding.
#[test]
fn seed_docx_matches_gold() {
    let notice = gongwen::parse_bytes(&seed(), &fixture("seed/seed.docx")).unwrap();
    let ours = serde_json::to_value(&notice).unwrap();
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("seed/seed.gold.json")).unwrap())
            .unwrap();
    let mut diffs = Vec::new();
    for k in ["title", "issuer", "date", "annotation"] {
        let f = |v: &Value| v["meta"][k].as_str().map(comparable);
        if f(&gold) != f(&ours) {
            diffs.push(format!(
                "meta.{k}: ours {:?}, gold {:?}",
                ours["meta"][k], gold["meta"][k]
            ));
        }
    }
    let addressees = |v: &Value| -> Vec<String> {
        v["meta"]["addressees"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(comparable)
            .collect()
    };
    if addressees(&gold) != addressees(&ours) {
        diffs.push(format!("meta.addressees: {:?}", ours["meta"]["addressees"]));
    }
    let list = |v: &Value, k: &str| {
        v.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let (gs, os) = (list(&gold, "outline"), list(&ours, "outline"));
    assert_eq!(os.len(), 7, "sections");
    assert_eq!(gs.len(), 7);
    let (mut tasks, mut measures) = (0, 0);
    for (i, (g, o)) in gs.iter().zip(&os).enumerate() {
        for k in ["label", "title"] {
            if g[k].as_str().map(comparable) != o[k].as_str().map(comparable) {
                diffs.push(format!("section {i} {k}: ours {}, gold {}", o[k], g[k]));
            }
        }
        let (gt, ot) = (list(g, "children"), list(o, "children"));
        if gt.len() != ot.len() {
            diffs.push(format!(
                "section {i}: {} tasks, gold {}",
                ot.len(),
                gt.len()
            ));
        }
        tasks += ot.len();
        for (gt, ot) in gt.iter().zip(&ot) {
            let at = format!("task {}", ot["label"]);
            if gt["label"].as_str().map(comparable) != ot["label"].as_str().map(comparable)
                || gt["ordinal"] != ot["ordinal"]
            {
                diffs.push(format!("{at}: gold label {}", gt["label"]));
            }
            let (gm, om) = (list(gt, "measures"), list(ot, "measures"));
            if gm.len() != om.len() {
                diffs.push(format!("{at}: {} measures, gold {}", om.len(), gm.len()));
            }
            measures += om.len();
            for (gm, om) in gm.iter().zip(&om) {
                measure_diffs(&format!("measure {}", om["ordinal"]), gm, om, &mut diffs);
            }
        }
    }
    assert_eq!(tasks, 28);
    assert_eq!(measures, 59);
    assert!(list(&ours, "measures").is_empty());
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert!(notice.diagnostics.is_empty(), "{:?}", notice.diagnostics);
}

// ---------------------------------------------------------------------------
// Documents built with docx-rs

#[test]
fn merged_cells_multi_paragraph_cells_links_fields_and_nested_tables() {
    let field = Paragraph::new()
        .add_run(Run::new().add_text("详见第"))
        .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(InstrText::Unsupported(" PAGEREF _Toc1 \\h ".into())))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("3"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
        .add_run(Run::new().add_text("页"));
    let link = Paragraph::new()
        .add_run(Run::new().add_text("登录"))
        .add_hyperlink(
            Hyperlink::new("https://www.gov.cn/", HyperlinkType::External)
                .add_run(Run::new().add_text("中国政府网")),
        )
        .add_run(Run::new().add_text("查询"));
    let nested = DocxTable::new(vec![
        TableRow::new(vec![cell("内一"), cell("内二")]),
        TableRow::new(vec![cell("内三"), cell("")]),
    ]);
    let table = DocxTable::new(vec![
        TableRow::new(vec![cell("合并两列").grid_span(2), cell("丙")]),
        TableRow::new(vec![
            cell("纵向开始").vertical_merge(VMergeType::Restart),
            TableCell::new()
                .add_paragraph(para("第一段"))
                .add_paragraph(para("第二段"))
                .add_paragraph(para("第三段")),
            cell("右").vertical_merge(VMergeType::Restart),
        ]),
        TableRow::new(vec![
            TableCell::new()
                .add_paragraph(Paragraph::new())
                .vertical_merge(VMergeType::Continue),
            TableCell::new()
                .add_paragraph(para("外层"))
                .add_table(nested)
                .add_paragraph(para("表后")),
            TableCell::new()
                .add_paragraph(Paragraph::new())
                .vertical_merge(VMergeType::Continue),
        ]),
        TableRow::new(vec![
            TableCell::new()
                .add_paragraph(Paragraph::new())
                .vertical_merge(VMergeType::Continue),
            cell("末行"),
            cell("独立"),
        ]),
    ])
    .set_grid(vec![2000, 2000, 2000]);
    let bytes = pack(
        Docx::new()
            .add_paragraph(field)
            .add_paragraph(Paragraph::new())
            .add_paragraph(link)
            .add_table(table)
            .add_paragraph(para("结尾")),
    );
    let doc = read(&bytes).unwrap();
    assert_eq!(
        paragraphs(&doc),
        [("详见第3页", 0), ("登录中国政府网查询", 2), ("结尾", 3)]
    );
    let t = tables(&doc);
    assert_eq!(t.len(), 1, "the nested table is not a block");
    assert_eq!(t[0].width(), 3);
    assert_eq!(
        grid(t[0]),
        vec![
            vec![("合并两列", 0, 1, 2), ("丙", 2, 1, 1)],
            vec![
                ("纵向开始", 0, 3, 1),
                ("第一段\n第二段\n第三段", 1, 1, 1),
                ("右", 2, 2, 1)
            ],
            vec![("外层\n内一 内二\n内三\n表后", 1, 1, 1)],
            vec![("末行", 1, 1, 1), ("独立", 2, 1, 1)],
        ]
    );
}

/// A two-level list: level 0 `chineseCounting` with `%1、`, level 1
/// `decimal` with `（%2）` (in Word `%n` is the counter of level n, so
/// level 1 shows its own number with `%2`).
fn two_level_numbering(docx: Docx) -> Docx {
    docx.add_abstract_numbering(
        AbstractNumbering::new(7)
            .add_level(Level::new(
                0,
                Start::new(1),
                NumberFormat::new("chineseCounting"),
                LevelText::new("%1、"),
                LevelJc::new("left"),
            ))
            .add_level(Level::new(
                1,
                Start::new(1),
                NumberFormat::new("decimal"),
                LevelText::new("（%2）"),
                LevelJc::new("left"),
            )),
    )
    .add_numbering(Numbering::new(7, 7))
}

fn numbered(text: &str, level: usize) -> Paragraph {
    para(text).numbering(NumberingId::new(7), IndentLevel::new(level))
}

#[test]
fn automatic_numbering_is_prepended() {
    let docx = two_level_numbering(Docx::new())
        .add_paragraph(numbered("总体要求", 0))
        .add_paragraph(numbered("指导思想", 1))
        .add_paragraph(numbered("基本原则", 1))
        .add_paragraph(para("不编号的段落"))
        .add_paragraph(numbered("重点任务", 0))
        .add_paragraph(numbered("优化营商环境", 1))
        .add_paragraph(numbered("加强信用监管", 1));
    let doc = read(&pack(docx)).unwrap();
    let texts: Vec<&str> = paragraphs(&doc).into_iter().map(|p| p.0).collect();
    assert_eq!(
        texts,
        [
            "一、总体要求",
            "（1）指导思想",
            "（2）基本原则",
            "不编号的段落",
            "二、重点任务",
            "（1）优化营商环境",
            "（2）加强信用监管",
        ]
    );
    // Twenty-four level-0 items: 一 … 十 十一 … 二十四.
    let mut docx = two_level_numbering(Docx::new());
    for i in 0..24 {
        docx = docx.add_paragraph(numbered(&format!("第{i}项"), 0));
    }
    let doc = read(&pack(docx)).unwrap();
    let labels: Vec<String> = paragraphs(&doc)
        .into_iter()
        .map(|p| p.0.split('、').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(labels[9], "十");
    assert_eq!(labels[10], "十一");
    assert_eq!(labels[19], "二十");
    assert_eq!(labels[23], "二十四");
}

/// A small notice laid out as Word users do: section rows numbered
/// automatically across the task table, tasks merged over their measures,
/// a merged deadline and unit cell.
#[test]
fn notice_round_trip_through_docx_rs() {
    let section = |title: &str| {
        TableRow::new(vec![TableCell::new()
            .add_paragraph(numbered(title, 0))
            .grid_span(4)])
    };
    let table = DocxTable::new(vec![
        TableRow::new(vec![
            cell("重点任务"),
            cell("具体措施"),
            cell("完成时限"),
            cell("责任单位"),
        ]),
        section("优化营商环境"),
        TableRow::new(vec![
            cell("1.推进政务服务一网通办。整合办事入口。").vertical_merge(VMergeType::Restart),
            cell("(1)建设统一受理平台。"),
            cell("2025年6月底前").vertical_merge(VMergeType::Restart),
            cell("市政务服务局、市大数据中心").vertical_merge(VMergeType::Restart),
        ]),
        TableRow::new(vec![
            TableCell::new()
                .add_paragraph(Paragraph::new())
                .vertical_merge(VMergeType::Continue),
            cell("(2)推行一件事一次办。"),
            TableCell::new()
                .add_paragraph(Paragraph::new())
                .vertical_merge(VMergeType::Continue),
            TableCell::new()
                .add_paragraph(Paragraph::new())
                .vertical_merge(VMergeType::Continue),
        ]),
        section("加强信用监管"),
        TableRow::new(vec![
            cell("2.完善信用监管制度。"),
            cell("(3)建立信用承诺制度。"),
            cell("长期坚持"),
            cell("市发展改革委"),
        ]),
    ])
    .set_grid(vec![2000, 3000, 1500, 2000]);
    let docx = two_level_numbering(Docx::new())
        .add_paragraph(para("关于印发2025年重点工作任务分工的通知"))
        .add_paragraph(para("各县（市、区）人民政府，市直各单位："))
        .add_paragraph(para(
            "现将《2025年重点工作任务分工》印发给你们，请认真贯彻落实。",
        ))
        .add_paragraph(para("某某市人民政府办公室"))
        .add_paragraph(para("2025年1月10日"))
        .add_paragraph(para("（此件公开发布）"))
        .add_table(table);
    let bytes = pack(docx);

    // The reader sees the numbering labels in the section rows.
    let doc = read(&bytes).unwrap();
    let g = grid(tables(&doc)[0]);
    assert_eq!(g[1], [("一、优化营商环境", 0, 1, 4)]);
    assert_eq!(g[4], [("二、加强信用监管", 0, 1, 4)]);

    let n = gongwen::parse_bytes(&bytes, Path::new("notice.docx")).unwrap();
    assert_eq!(
        n.meta.title.as_deref(),
        Some("关于印发2025年重点工作任务分工的通知")
    );
    assert_eq!(n.meta.addressees, ["各县（市、区）人民政府", "市直各单位"]);
    assert_eq!(n.meta.issuer.as_deref(), Some("某某市人民政府办公室"));
    assert_eq!(n.meta.date, date(2025, 1, 10));
    assert_eq!(n.meta.annotation.as_deref(), Some("此件公开发布"));

    let sections: Vec<(&str, u32, &str)> = n
        .outline
        .iter()
        .map(|h| (h.label.as_str(), h.ordinal, h.title.as_str()))
        .collect();
    assert_eq!(
        sections,
        [("一、", 1, "优化营商环境"), ("二、", 2, "加强信用监管")]
    );
    let tasks: Vec<(&str, u32, &str)> = n
        .outline
        .iter()
        .flat_map(|h| h.children.iter())
        .map(|t| (t.label.as_str(), t.ordinal, t.title.as_str()))
        .collect();
    assert_eq!(
        tasks,
        [
            ("1.", 1, "推进政务服务一网通办"),
            ("2.", 2, "完善信用监管制度")
        ]
    );
    let ms = all_measures(&n);
    let summary: Vec<(Option<&str>, Option<u32>, &str)> = ms
        .iter()
        .map(|m| (m.label.as_deref(), m.ordinal, m.text.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (Some("(1)"), Some(1), "建设统一受理平台。"),
            (Some("(2)"), Some(2), "推行一件事一次办。"),
            (Some("(3)"), Some(3), "建立信用承诺制度。"),
        ]
    );
    let d: Vec<_> = ms
        .iter()
        .map(|m| {
            let d = m.deadline.as_ref().unwrap();
            (d.raw.as_str(), d.due, d.ongoing, d.inherited)
        })
        .collect();
    assert_eq!(
        d,
        [
            ("2025年6月底前", date(2025, 6, 30), false, false),
            ("2025年6月底前", date(2025, 6, 30), false, true),
            ("长期坚持", None, true, false),
        ]
    );
    assert_eq!(unit_names(ms[0]), ["市政务服务局", "市大数据中心"]);
    assert_eq!(unit_names(ms[1]), ["市政务服务局", "市大数据中心"]);
    assert_eq!(unit_names(ms[2]), ["市发展改革委"]);
    assert_eq!(
        ms.iter().map(|m| m.units_inherited).collect::<Vec<_>>(),
        [false, true, false]
    );
    assert!(n.diagnostics.is_empty(), "{:?}", n.diagnostics);
}

// ---------------------------------------------------------------------------
// Hostile and broken packages

#[test]
fn truncated_seed_is_corrupt() {
    let bytes = seed();
    let cut = &bytes[..bytes.len() * 6 / 10];
    assert!(matches!(
        read(cut),
        Err(Error::Corrupt { part, .. }) if part == "ZIP archive"
    ));
    assert!(matches!(
        gongwen::parse_bytes(cut, Path::new("seed.docx")),
        Err(Error::Corrupt { .. })
    ));
}

#[test]
fn a_zip_without_the_document_part_is_corrupt() {
    let bytes = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/styles.xml", b"<w:styles/>"),
    ]);
    assert!(matches!(
        read(&bytes),
        Err(Error::Corrupt { part, .. }) if part == "word/document.xml"
    ));
}

#[test]
fn malformed_document_xml_is_corrupt_with_its_offset() {
    let xml = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x</w:t></w:p></w:body></w:document>"#;
    let bytes = zip_of(&[("word/document.xml", xml)]);
    match read(&bytes) {
        Err(Error::Corrupt { part, message, .. }) => {
            let at: usize = part
                .strip_prefix("word/document.xml at byte ")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{part}"));
            assert!(xml[at..].starts_with(b"</w:p>"), "{part}: {message}");
        }
        other => panic!("{other:?}"),
    }
}

/// Writes `value` as `count` bits, least significant first (deflate order).
struct Bits {
    out: Vec<u8>,
    acc: u64,
    len: u32,
}

impl Bits {
    fn put(&mut self, value: u64, count: u32) {
        self.acc |= value << self.len;
        self.len += count;
        while self.len >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.len -= 8;
        }
    }

    /// A Huffman code, most significant bit first.
    fn code(&mut self, code: u64, count: u32) {
        let reversed = (0..count).fold(0, |r, i| r | (((code >> i) & 1) << (count - 1 - i)));
        self.put(reversed, count);
    }
}

/// A raw deflate stream of `1 + 258 * copies` spaces: one dynamic-Huffman
/// block whose only symbols are a space, "copy 258 bytes from distance 1"
/// (two bits each) and the end of block — about 1030:1, the classic bomb.
/// Built directly, so a 300 MB bomb costs a few milliseconds.
fn deflate_spaces(copies: usize) -> Vec<u8> {
    let mut b = Bits {
        out: Vec::with_capacity(copies / 4 + 64),
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // last block
    b.put(2, 2); // dynamic Huffman
    b.put(286 - 257, 5); // literal/length codes 0..=285
    b.put(0, 5); // one distance code
    b.put(18 - 4, 4); // code length codes, in the permuted order below
    for sym in [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1] {
        b.put(if matches!(sym, 1 | 2 | 17 | 18) { 2 } else { 0 }, 3);
    }
    // Code length codes: 1 → 00, 2 → 01, 17 → 10, 18 → 11.
    let zeros = |b: &mut Bits, n: u64| {
        b.code(3, 2);
        b.put(n - 11, 7);
    };
    zeros(&mut b, 32); // literals 0..=31
    b.code(1, 2); // ' ' (32): length 2
    zeros(&mut b, 138); // 33..=170
    zeros(&mut b, 85); // 171..=255
    b.code(1, 2); // end of block (256): length 2
    zeros(&mut b, 28); // 257..=284
    b.code(0, 2); // 285 (length 258): length 1
    b.code(0, 2); // distance code 0: length 1
                  // Literal/length codes: 285 → 0, ' ' → 10, end → 11; distance 0 → 0.
    b.code(2, 2);
    for _ in 0..copies / 32 {
        b.put(0, 64); // 32 copies of (285, distance 0): all zero bits
    }
    for _ in 0..copies % 32 {
        b.put(0, 2);
    }
    b.code(3, 2);
    if b.len > 0 {
        b.out.push(b.acc as u8);
    }
    b.out
}

/// A one-member ZIP around raw deflate data, written by hand (`ZipWriter`
/// can only compress what it is given, which for 300 MB takes seconds in
/// a debug build). `size` is the declared uncompressed size; the CRC is
/// left 0 as the reader must stop long before it could check it.
fn zip_raw(name: &str, deflated: &[u8], size: u32, crc: u32) -> Vec<u8> {
    let n = name.len() as u16;
    let csize = deflated.len() as u32;
    let mut z = Vec::with_capacity(deflated.len() + 200);
    let common = |z: &mut Vec<u8>| {
        z.extend_from_slice(&20u16.to_le_bytes()); // version needed
        z.extend_from_slice(&0u16.to_le_bytes()); // flags
        z.extend_from_slice(&8u16.to_le_bytes()); // deflate
        z.extend_from_slice(&0u32.to_le_bytes()); // time, date
        z.extend_from_slice(&crc.to_le_bytes());
        z.extend_from_slice(&csize.to_le_bytes());
        z.extend_from_slice(&size.to_le_bytes());
        z.extend_from_slice(&n.to_le_bytes());
    };
    z.extend_from_slice(b"PK\x03\x04");
    common(&mut z);
    z.extend_from_slice(&0u16.to_le_bytes()); // extra
    z.extend_from_slice(name.as_bytes());
    z.extend_from_slice(deflated);
    let central = z.len() as u32;
    z.extend_from_slice(b"PK\x01\x02");
    z.extend_from_slice(&20u16.to_le_bytes()); // version made by
    common(&mut z);
    z.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
    z.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    z.extend_from_slice(name.as_bytes());
    let central_size = z.len() as u32 - central;
    z.extend_from_slice(b"PK\x05\x06");
    z.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    z.extend_from_slice(&central_size.to_le_bytes());
    z.extend_from_slice(&central.to_le_bytes());
    z.extend_from_slice(&0u16.to_le_bytes());
    z
}

fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, &b| {
        (0..8).fold(crc ^ u32::from(b), |c, _| {
            if c & 1 == 1 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            }
        })
    })
}

#[test]
fn the_hand_built_bomb_is_valid_deflate() {
    // A small one, read back through the zip crate with its checksum.
    let copies = 100;
    let size = 1 + 258 * copies;
    let spaces = vec![b' '; size];
    let bytes = zip_raw(
        "word/document.xml",
        &deflate_spaces(copies),
        size as u32,
        crc32(&spaces),
    );
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_index(0).unwrap(), &mut out).unwrap();
    assert_eq!(out, spaces);
    // Spaces alone are no Word document (but no limit is hit).
    assert!(matches!(read(&bytes), Err(Error::Corrupt { .. })));
}

/// A document.xml of 300 MB of spaces in a 290 KB ZIP: refused from its
/// header (size, then ratio) before anything is inflated; a header that
/// lies about the size is caught after its declared size.
#[test]
fn zip_bomb_is_a_limit() {
    let copies = 1_162_790; // 1 + 258 × copies ≈ 300 MB
    let size = (1 + 258 * copies) as u32;
    let deflated = deflate_spaces(copies);
    assert!(deflated.len() < 300_000);
    let bomb = zip_raw("word/document.xml", &deflated, size, 0);
    let path = Path::new("bomb.docx");

    // Declared size over max_part_size (256 MiB).
    let err = read_docx(&bomb, path, &Limits::default());
    assert!(
        matches!(&err, Err(Error::Limit { what, .. }) if what.contains("uncompressed size of word/document.xml")),
        "{err:?}"
    );
    assert!(matches!(
        gongwen::parse_bytes(&bomb, path),
        Err(Error::Limit { .. })
    ));
    // With room for the size, the ratio (about 1030:1) is refused.
    let roomy = Limits {
        max_part_size: 1 << 30,
        max_total_size: 1 << 30,
        ..Limits::default()
    };
    let err = read_docx(&bomb, path, &roomy);
    assert!(
        matches!(&err, Err(Error::Limit { what, limit: 200, .. }) if what.contains("compression ratio")),
        "{err:?}"
    );
    // A lying header (1 KB declared) passes the checks; decompression
    // stops just past the declared size (the zip crate's own check; the
    // reader's count through `take(limit + 1)` is the second guard) and the
    // member is corrupt.
    let liar = zip_raw("word/document.xml", &deflated, 1000, 0);
    let err = read_docx(&liar, path, &Limits::default());
    assert!(
        matches!(&err, Err(Error::Corrupt { part, message, .. })
            if part == "word/document.xml" && message.contains("declared")),
        "{err:?}"
    );
}

/// Tables nested 50 deep exceed `max_depth` (32): an error, not a cut.
#[test]
fn deeply_nested_tables_are_a_limit() {
    let nest = |depth: usize| {
        let mut t = DocxTable::new(vec![TableRow::new(vec![cell("最深处")])]);
        for _ in 1..depth {
            t = DocxTable::new(vec![TableRow::new(vec![TableCell::new().add_table(t)])]);
        }
        pack(Docx::new().add_table(t))
    };
    let err = read(&nest(50));
    assert!(
        matches!(&err, Err(Error::Limit { what, limit: 32, .. }) if what.contains("nesting")),
        "{err:?}"
    );
    let ok = read(&nest(32)).unwrap();
    assert_eq!(tables(&ok)[0].rows[0].cells[0].text, "最深处");
}
