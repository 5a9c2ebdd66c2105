//! The spreadsheet reader: the seed workbook (its grid, and the notice it
//! gives against the gold answer), and small XLSX, XLS and ODS files built
//! here part by part (calamine cannot write) to pin value display, merges,
//! hidden sheets, used ranges, errors and hostile sizes.
#![allow(clippy::unwrap_used)]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use gongwen::document::{Cell, Document, Position, Table, TableLayout};
use gongwen::model::Format;
use gongwen::normalize::comparable;
use gongwen::read::{read, Limits, ReadOptions};
use gongwen::Error;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers

/// `fixtures/seed/seed.xlsx`.
fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed/seed.xlsx")
}

/// The seed's gold answer.
fn gold() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed/seed.gold.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Default options with the format forced.
fn options(format: Format) -> ReadOptions {
    ReadOptions {
        format: Some(format),
        ..ReadOptions::default()
    }
}

/// Reads `bytes` as `format`.
fn read_as(bytes: &[u8], format: Format) -> Result<Document, Error> {
    read(bytes, Path::new("test"), &options(format)).map(|o| o.document)
}

/// Reads `bytes` with `options`.
fn read_with(bytes: &[u8], options: ReadOptions) -> Result<Document, Error> {
    read(bytes, Path::new("test"), &options).map(|o| o.document)
}

/// The tables of a document.
fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

/// The one block of a document, a table.
fn only_table(doc: &Document) -> &Table {
    let ts = tables(doc);
    assert_eq!(ts.len(), 1, "{doc:#?}");
    assert_eq!(doc.blocks.len(), 1);
    ts[0]
}

/// The cell of `t` starting at grid row `r`, column `c`.
fn cell(t: &Table, r: usize, c: u32) -> &Cell {
    t.rows[r]
        .cells
        .iter()
        .find(|x| x.col == c)
        .unwrap_or_else(|| panic!("no cell at row {r} column {c}: {:#?}", t.rows[r]))
}

/// Whether a cell starts at grid row `r`, column `c`.
fn has_cell(t: &Table, r: usize, c: u32) -> bool {
    t.rows[r].cells.iter().any(|x| x.col == c)
}

/// The sheet and A1 reference of a sheet position.
fn a1(p: &Position) -> (&str, &str) {
    match p {
        Position::SheetCell { sheet, cell } => (sheet.as_str(), cell.as_str()),
        other => panic!("not a sheet cell: {other:?}"),
    }
}

/// Every cell of `t` as `(row, col, text, row_span, col_span, A1)`.
fn grid(t: &Table) -> Vec<(usize, u32, String, u32, u32, String)> {
    t.rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.cells.iter().map(move |c| {
                (
                    r,
                    c.col,
                    c.text.clone(),
                    c.row_span,
                    c.col_span,
                    a1(&c.pos).1.to_owned(),
                )
            })
        })
        .collect()
}

/// One expected entry of [`grid`].
fn g(
    r: usize,
    c: u32,
    text: &str,
    rs: u32,
    cs: u32,
    at: &str,
) -> (usize, u32, String, u32, u32, String) {
    (r, c, text.to_owned(), rs, cs, at.to_owned())
}

// ---------------------------------------------------------------------------
// XLSX builder: the minimal OOXML parts, written with the zip crate.

/// One worksheet of a workbook under construction.
struct Sheet {
    name: &'static str,
    /// `hidden`, `veryHidden` or nothing.
    state: Option<&'static str>,
    /// `<dimension ref>`, if any.
    dimension: Option<&'static str>,
    /// The inside of `<sheetData>`.
    data: String,
    /// `<mergeCell ref>`s.
    merges: Vec<&'static str>,
}

/// A visible sheet with rows `data`.
fn sheet(name: &'static str, data: String) -> Sheet {
    Sheet {
        name,
        state: None,
        dimension: None,
        data,
        merges: Vec::new(),
    }
}

/// XML-escapes text (line breaks as character references).
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\r', "&#13;")
        .replace('\n', "&#10;")
}

/// A row `r` (1-based) of cells.
fn row(r: u32, cells: &[String]) -> String {
    format!("<row r=\"{r}\">{}</row>", cells.concat())
}

/// An inline string cell.
fn s(at: &str, text: &str) -> String {
    format!(
        "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
        esc(text)
    )
}

/// A shared string cell (index into [`SHARED`]).
fn ss(at: &str, index: usize) -> String {
    format!("<c r=\"{at}\" t=\"s\"><v>{index}</v></c>")
}

/// A number cell as written (`<v>` text), with an optional style index.
fn n(at: &str, v: &str, style: Option<u32>) -> String {
    match style {
        Some(st) => format!("<c r=\"{at}\" s=\"{st}\"><v>{v}</v></c>"),
        None => format!("<c r=\"{at}\"><v>{v}</v></c>"),
    }
}

/// A typed cell (`b`, `e`, `str` …).
fn typed(at: &str, t: &str, v: &str) -> String {
    format!("<c r=\"{at}\" t=\"{t}\"><v>{}</v></c>", esc(v))
}

/// Style index in [`STYLES`]: the built-in date format 14 (`m/d/yyyy`).
const DATE: u32 = 1;
/// Style index: a custom `yyyy年m月d日` format.
const CN_DATE: u32 = 2;
/// Style index: the built-in `m/d/yy h:mm` format.
const DATE_TIME: u32 = 3;
/// Style index: the built-in `[h]:mm:ss` format.
const DURATION: u32 = 4;
/// Style index: the built-in `0.00` format.
const TWO_DECIMALS: u32 = 5;

/// `xl/styles.xml` with the style indexes above.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="46" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

/// Shared strings: a plain one, a rich-text one in three runs (with a
/// phonetic run that is not text) and one with a line break.
const SHARED: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>共享文本</t></si><si><r><rPr><b/></rPr><t>省</t></r><r><t xml:space="preserve">市场</t></r><r><rPr><i/></rPr><t>监管局</t></r><rPh sb="0" eb="1"><t>ショウ</t></rPh></si><si><t xml:space="preserve">第一行&#13;&#10;第二行</t></si></sst>"#;

/// An XLSX package with `sheets`, [`STYLES`] and [`SHARED`].
fn xlsx(sheets: &[Sheet]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#,
    );
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#,
    );
    for (i, sh) in sheets.iter().enumerate() {
        let k = i + 1;
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        let state = sh
            .state
            .map(|s| format!(" state=\"{s}\""))
            .unwrap_or_default();
        book.push_str(&format!(
            r#"<sheet name="{}" sheetId="{k}"{state} r:id="rId{k}"/>"#,
            esc(sh.name)
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{k}.xml"/>"#
        ));
        let dimension = sh
            .dimension
            .map(|d| format!("<dimension ref=\"{d}\"/>"))
            .unwrap_or_default();
        let merges = if sh.merges.is_empty() {
            String::new()
        } else {
            let list: String = sh
                .merges
                .iter()
                .map(|m| format!("<mergeCell ref=\"{m}\"/>"))
                .collect();
            format!(
                "<mergeCells count=\"{}\">{list}</mergeCells>",
                sh.merges.len()
            )
        };
        put(
            &format!("xl/worksheets/sheet{k}.xml"),
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>{}</sheetData>{merges}</worksheet>"#,
                sh.data
            ),
        );
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    put("[Content_Types].xml", &types);
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    put("xl/workbook.xml", &book);
    put("xl/_rels/workbook.xml.rels", &rels);
    put("xl/styles.xml", STYLES);
    put("xl/sharedStrings.xml", SHARED);
    zip.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------
// The seed workbook

/// The seed workbook's grid: title rows merged across, the header, merged task, deadline and unit cells, absolute A1 positions.
#[test]
fn seed_xlsx_grid() {
    let bytes = std::fs::read(seed_path()).unwrap();
    let doc = read(&bytes, &seed_path(), &ReadOptions::default()).unwrap();
    assert_eq!(doc.format, Format::Xlsx);
    let t = only_table(&doc.document);
    assert_eq!(t.index, 0);
    assert_eq!(t.layout, TableLayout::Grid);
    assert_eq!(t.rows.len(), 73, "used range A1:D73");
    assert_eq!(t.width(), 4);
    // Six front-matter rows, each one cell merged across A:D.
    let fronts = [
        "省局機關各處(室、局)、省市場監管質量安全檢查中心:",
        "",
        "江西省市場監管局",
        "2024年3月7日",
        "(此件公開發布)",
        "江西省市場監管局貫徹落實《江西省提升行政執法質量三年行動計劃實施方案(2023-2025年)》任務分工",
    ];
    for (r, want) in fronts.iter().enumerate() {
        let row = &t.rows[r];
        assert_eq!(row.cells.len(), 1, "row {}", r + 1);
        let c = &row.cells[0];
        assert_eq!((c.col, c.row_span, c.col_span), (0, 1, 4), "row {}", r + 1);
        assert_eq!(a1(&c.pos), ("任務分工", format!("A{}", r + 1).as_str()));
        if !want.is_empty() {
            assert_eq!(c.text, *want);
        }
        assert_eq!(a1(&row.pos).1, format!("A{}", r + 1));
    }
    assert!(t.rows[1].cells[0]
        .text
        .starts_with("《江西省市場監管局貫徹落實"));
    // Header row 7.
    let header: Vec<&str> = t.rows[6].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        header,
        [
            "方案分解的工作任務與責任",
            "省局貫徹落實具體舉措",
            "完成時限",
            "責任單位"
        ]
    );
    // Row 8: a section heading merged across.
    let c = cell(t, 7, 0);
    assert_eq!((c.row_span, c.col_span), (1, 4));
    assert!(c.text.starts_with("一、"));
    // Task A9:A11, deadline C9:C11 and units D9:D11 merged down.
    for (col, at) in [(0, "A9"), (2, "C9"), (3, "D9")] {
        let c = cell(t, 8, col);
        assert_eq!((c.row_span, c.col_span), (3, 1), "{at}");
        assert_eq!(a1(&c.pos).1, at);
    }
    for r in [9, 10] {
        let cols: Vec<u32> = t.rows[r].cells.iter().map(|c| c.col).collect();
        assert_eq!(
            cols,
            [1],
            "row {}: only the measure column is its own",
            r + 1
        );
    }
    assert_eq!(cell(t, 8, 2).text, "與主題教育時間同步并長期堅持");
    // A12:A14 merged down.
    let c = cell(t, 11, 0);
    assert_eq!((c.row_span, c.col_span), (3, 1));
    assert_eq!(a1(&c.pos).1, "A12");
    assert!(!has_cell(t, 12, 0) && !has_cell(t, 13, 0));
    // Cells carry their absolute A1 reference.
    let c = cell(t, 46, 1);
    assert_eq!(a1(&c.pos), ("任務分工", "B47"));
    for (r, row) in t.rows.iter().enumerate() {
        for c in &row.cells {
            let at = a1(&c.pos).1.to_owned();
            let letter = char::from(b'A' + c.col as u8);
            assert_eq!(at, format!("{letter}{}", r + 1));
        }
    }
}

/// The measures of a notice JSON (or of the gold), depth first.
fn measures(v: &Value) -> Vec<&Value> {
    fn walk<'a>(h: &'a Value, out: &mut Vec<&'a Value>) {
        out.extend(h["measures"].as_array().into_iter().flatten());
        for c in h["children"].as_array().into_iter().flatten() {
            walk(c, out);
        }
    }
    let mut out: Vec<&Value> = v["measures"].as_array().into_iter().flatten().collect();
    for h in v["outline"].as_array().into_iter().flatten() {
        walk(h, &mut out);
    }
    out
}

/// Differences between two JSON values after folding strings.
fn same(ours: &Value, gold: &Value, path: &str, diffs: &mut Vec<String>) {
    let equal = match (ours, gold) {
        (Value::String(a), Value::String(b)) => comparable(a) == comparable(b),
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                diffs.push(format!("{path}: {} items, gold {}", a.len(), b.len()));
                return;
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same(x, y, &format!("{path}[{i}]"), diffs);
            }
            true
        }
        (a, b) => a == b,
    };
    if !equal {
        diffs.push(format!("{path}: ours {ours}, gold {gold}"));
    }
}

/// Parses `path` and compares it with the seed's gold answer on the
/// fields this reader feeds: front matter, the outline's shape and every
/// measure's text, deadline and units.
fn assert_seed_gold(path: &Path, format: Format) {
    let bytes = std::fs::read(path).unwrap();
    let notice = gongwen::parse_bytes(&bytes, path).unwrap();
    let ours = serde_json::to_value(&notice).unwrap();
    let gold = gold();
    let mut diffs = Vec::new();
    for key in ["title", "issuer", "date", "addressees", "annotation"] {
        same(
            &ours["meta"][key],
            &gold["meta"][key],
            &format!("meta.{key}"),
            &mut diffs,
        );
    }
    let sections = |v: &Value| v["outline"].as_array().map_or(0, Vec::len);
    let tasks = |v: &Value| {
        v["outline"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| s["children"].as_array().map_or(0, Vec::len))
            .sum::<usize>()
    };
    assert_eq!(
        (sections(&gold), tasks(&gold), measures(&gold).len()),
        (7, 28, 59)
    );
    same(&sections(&ours).into(), &7.into(), "sections", &mut diffs);
    same(&tasks(&ours).into(), &28.into(), "tasks", &mut diffs);
    let (ms, gs) = (measures(&ours), measures(&gold));
    same(&ms.len().into(), &gs.len().into(), "measures", &mut diffs);
    for (i, (m, gm)) in ms.iter().zip(&gs).enumerate() {
        let p = format!("measure {}", i + 1);
        for key in ["label", "ordinal", "text", "units_inherited"] {
            same(&m[key], &gm[key], &format!("{p}.{key}"), &mut diffs);
        }
        for key in ["raw", "due", "ongoing", "inherited"] {
            same(
                &m["deadline"][key],
                &gm["deadline"][key],
                &format!("{p}.deadline.{key}"),
                &mut diffs,
            );
        }
        let units = |v: &Value| -> Vec<Value> {
            v["units"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|u| serde_json::json!([u["name"], u["scope"]]))
                .collect()
        };
        same(
            &units(m).into(),
            &units(gm).into(),
            &format!("{p}.units"),
            &mut diffs,
        );
    }
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert_eq!(notice.source.format, format);
}

/// The seed workbook gives the gold notice.
#[test]
fn seed_xlsx_matches_gold() {
    assert_seed_gold(&seed_path(), Format::Xlsx);
}

/// The seed saved by LibreOffice as XLS (BIFF8) and ODS (renderings made
/// with `scripts/make_office_renderings.sh`).
#[test]
fn seed_xls_and_ods_renderings_match_gold() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed/renderings");
    assert_seed_gold(&dir.join("seed.xls"), Format::Xls);
    assert_seed_gold(&dir.join("seed.ods"), Format::Ods);
    assert_seed_gold(&dir.join("seed-lo.xlsx"), Format::Xlsx);
}

// ---------------------------------------------------------------------------
// Values

/// Date-typed cells become Chinese dates the front matter and the deadline grammar read.
#[test]
fn date_typed_deadline_column_reaches_the_deadline_grammar() {
    let data = [
        row(1, &[s("A1", "关于印发重点任务分工的通知")]),
        row(2, &[s("A2", "某某市人民政府办公室")]),
        row(3, &[n("A3", "45362", Some(CN_DATE))]),
        row(
            4,
            &[
                s("A4", "重点任务"),
                s("B4", "完成时限"),
                s("C4", "责任单位"),
            ],
        ),
        row(
            5,
            &[
                s("A5", "推进政务服务。"),
                n("B5", "45473", Some(DATE)),
                s("C5", "市政务服务局"),
            ],
        ),
        row(
            6,
            &[
                s("A6", "开展营商环境评价。"),
                n("B6", "45657.375", Some(DATE_TIME)),
                s("C6", "市发展改革委"),
            ],
        ),
    ]
    .concat();
    let bytes = xlsx(&[sheet("任务", data)]);
    let doc = read_as(&bytes, Format::Xlsx).unwrap();
    let t = only_table(&doc);
    assert_eq!(cell(t, 2, 0).text, "2024年3月11日");
    assert_eq!(cell(t, 4, 1).text, "2024年6月30日");
    assert_eq!(cell(t, 5, 1).text, "2024年12月31日 09:00");

    let notice = gongwen::parse_bytes(&bytes, Path::new("dates.xlsx")).unwrap();
    assert_eq!(
        notice.meta.date,
        chrono::NaiveDate::from_ymd_opt(2024, 3, 11)
    );
    let ms: Vec<_> = notice
        .measures_with_path()
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    assert_eq!(ms.len(), 2, "{notice:#?}");
    let d0 = ms[0].deadline.as_ref().unwrap();
    assert_eq!(d0.raw, "2024年6月30日");
    assert_eq!(d0.due, chrono::NaiveDate::from_ymd_opt(2024, 6, 30));
    // A date with a time of day reaches the grammar as written; the
    // deadline grammar does not read the time (see the report).
    let d1 = ms[1].deadline.as_ref().unwrap();
    assert_eq!(d1.raw, "2024年12月31日 09:00");
}

/// Numbers, booleans, errors, formula results, durations and strings (inline, shared, rich, with line breaks) as displayed.
#[test]
fn numbers_booleans_errors_and_strings_as_displayed() {
    let data = [
        row(
            1,
            &[
                n("A1", "2024", None),
                n("B1", "2024.0", None),
                n("C1", "3.14", None),
                n("D1", "0.30000000000000004", None),
                n("E1", "1E+21", None),
                n("F1", "-7", None),
                n("G1", "3.5", Some(TWO_DECIMALS)),
                "<c r=\"H1\"><f>SUM(1,1)</f><v>2</v></c>".to_owned(),
            ],
        ),
        row(
            2,
            &[
                typed("A2", "b", "1"),
                typed("B2", "b", "0"),
                typed("C2", "e", "#N/A"),
                typed("D2", "e", "#DIV/0!"),
                typed("E2", "str", "公式结果"),
                n("F2", "1.5", Some(DURATION)),
            ],
        ),
        row(
            3,
            &[
                s("A3", "第一行\n第二行"),
                s("B3", "甲\r\n乙\r丙"),
                ss("C3", 0),
                ss("D3", 1),
                ss("E3", 2),
            ],
        ),
    ]
    .concat();
    let doc = read_as(&xlsx(&[sheet("值", data)]), Format::Xlsx).unwrap();
    let t = only_table(&doc);
    let texts: Vec<Vec<&str>> = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(
        texts,
        [
            vec![
                "2024",
                "2024",
                "3.14",
                "0.30000000000000004",
                "1000000000000000000000",
                "-7",
                "3.5",
                "2"
            ],
            vec!["TRUE", "FALSE", "#N/A", "#DIV/0!", "公式结果", "36:00:00"],
            vec![
                "第一行\n第二行",
                "甲\n乙\n丙",
                "共享文本",
                "省市场监管局",
                "第一行\n第二行"
            ],
        ]
    );
}

// ---------------------------------------------------------------------------
// Sheets, used ranges and merges

/// Hidden and very hidden sheets are read only with `hidden_sheets`; an empty sheet gives no table.
#[test]
fn hidden_sheets_are_skipped_unless_asked_for() {
    let one = |at: &str, text: &str| row(1, &[s(at, text)]);
    let sheets = [
        sheet("可见", one("A1", "甲")),
        Sheet {
            state: Some("hidden"),
            ..sheet("隐藏", one("A1", "乙"))
        },
        sheet("空白", String::new()),
        Sheet {
            state: Some("veryHidden"),
            ..sheet("深藏", one("A1", "丙"))
        },
        sheet("又一", one("B2", "丁")),
    ];
    let bytes = xlsx(&sheets);
    let names = |doc: &Document| -> Vec<(u32, String)> {
        tables(doc)
            .iter()
            .map(|t| (t.index, a1(&t.rows[0].cells[0].pos).0.to_owned()))
            .collect()
    };
    let doc = read_as(&bytes, Format::Xlsx).unwrap();
    assert_eq!(
        names(&doc),
        [(0, "可见".to_owned()), (1, "又一".to_owned())]
    );
    let all = read_with(
        &bytes,
        ReadOptions {
            hidden_sheets: true,
            ..options(Format::Xlsx)
        },
    )
    .unwrap();
    assert_eq!(
        names(&all),
        [
            (0, "可见".to_owned()),
            (1, "隐藏".to_owned()),
            (2, "深藏".to_owned()),
            (3, "又一".to_owned())
        ],
        "the empty sheet gives nothing, and does not use up an index"
    );
}

/// Grid coordinates are relative to the used range, positions absolute.
#[test]
fn used_range_starting_at_c3_keeps_absolute_references() {
    let data = [
        row(3, &[s("C3", "左上"), s("E3", "右上")]),
        row(5, &[s("D5", "中下")]),
    ]
    .concat();
    let doc = read_as(&xlsx(&[sheet("偏移", data)]), Format::Xlsx).unwrap();
    let t = only_table(&doc);
    assert_eq!(t.rows.len(), 3, "rows 3 to 5, the empty row 4 included");
    assert_eq!(t.width(), 3);
    assert_eq!(
        grid(t),
        [
            g(0, 0, "左上", 1, 1, "C3"),
            g(0, 2, "右上", 1, 1, "E3"),
            g(2, 1, "中下", 1, 1, "D5"),
        ]
    );
    assert!(t.rows[1].cells.is_empty());
    assert_eq!(a1(&t.rows[1].pos), ("偏移", "C4"));
}

/// A merge over the whole sheet spans the used range only.
#[test]
fn merge_over_the_whole_sheet_is_clamped_to_the_used_range() {
    let data = [
        row(1, &[s("A1", "标题")]),
        row(2, &[s("B2", "被覆盖")]),
        row(3, &[s("C3", "也被覆盖")]),
    ]
    .concat();
    let sh = Sheet {
        merges: vec!["A1:XFD1048576"],
        ..sheet("全表", data)
    };
    let doc = read_as(&xlsx(&[sh]), Format::Xlsx).unwrap();
    let t = only_table(&doc);
    assert_eq!(t.rows.len(), 3);
    assert_eq!(grid(t), [g(0, 0, "标题", 3, 3, "A1")]);
}

/// Of overlapping merges the first in the file wins; clamped and empty merges are kept.
#[test]
fn overlapping_merges_first_one_wins() {
    let data = [
        row(1, &[s("A1", "一"), s("D1", "四")]),
        row(2, &[s("B2", "二")]),
        row(4, &[s("D4", "末")]),
        row(5, &[s("A5", "底"), s("B5", "空并")]),
    ]
    .concat();
    let sh = Sheet {
        // A1:C3 first; B2:D4 overlaps it and is ignored; B2:B3 lies inside
        // it and is ignored; C5:E9 is clamped to C5:D5 and kept (empty);
        // D1:D2 is kept.
        merges: vec!["A1:C3", "B2:D4", "B2:B3", "C5:E9", "D1:D2"],
        ..sheet("重叠", data)
    };
    let doc = read_as(&xlsx(&[sh]), Format::Xlsx).unwrap();
    let t = only_table(&doc);
    assert_eq!(
        grid(t),
        [
            g(0, 0, "一", 3, 3, "A1"),
            g(0, 3, "四", 2, 1, "D1"),
            g(3, 3, "末", 1, 1, "D4"),
            g(4, 0, "底", 1, 1, "A5"),
            g(4, 1, "空并", 1, 1, "B5"),
            g(4, 2, "", 1, 2, "C5"),
        ]
    );
}

/// Cells merged down are spans the interpreter inherits from.
#[test]
fn merged_cells_become_spans_the_interpreter_inherits_from() {
    // A deadline merged down over two measures is inherited by the second.
    let data = [
        row(
            1,
            &[
                s("A1", "重点任务"),
                s("B1", "完成时限"),
                s("C1", "责任单位"),
            ],
        ),
        row(
            2,
            &[
                s("A2", "(1)甲。"),
                s("B2", "2024年6月底前"),
                s("C2", "市财政局"),
            ],
        ),
        row(3, &[s("A3", "(2)乙。")]),
    ]
    .concat();
    let sh = Sheet {
        merges: vec!["B2:B3", "C2:C3"],
        ..sheet("继承", data)
    };
    let bytes = xlsx(&[sh]);
    let notice = gongwen::parse_bytes(&bytes, Path::new("merge.xlsx")).unwrap();
    let ms: Vec<_> = notice
        .measures_with_path()
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    assert_eq!(ms.len(), 2, "{notice:#?}");
    let d = ms[1].deadline.as_ref().unwrap();
    assert!(d.inherited);
    assert_eq!(d.due, chrono::NaiveDate::from_ymd_opt(2024, 6, 30));
    assert!(ms[1].units_inherited);
}

// ---------------------------------------------------------------------------
// Hostile sizes and errors

/// A `<dimension>` declaring the whole sheet over three cells costs three cells.
#[test]
fn hostile_dimension_with_few_cells_is_read_small() {
    let data = [
        row(1, &[s("A1", "甲")]),
        row(2, &[s("B2", "乙")]),
        row(3, &[n("C3", "3", None)]),
    ]
    .concat();
    let sh = Sheet {
        dimension: Some("A1:XFD1048576"),
        ..sheet("声明", data)
    };
    let doc = read_as(&xlsx(&[sh]), Format::Xlsx).unwrap();
    let t = only_table(&doc);
    assert_eq!((t.rows.len(), t.width()), (3, 3));
    assert_eq!(grid(t).len(), 3);
}

/// Two cells at opposite corners of the sheet are a limit error, not 17 billion cells.
#[test]
fn real_huge_extent_is_a_limit_error() {
    let data = [
        row(1, &[s("A1", "甲")]),
        row(1_048_576, &[s("XFD1048576", "乙")]),
    ]
    .concat();
    let bytes = xlsx(&[sheet("巨大", data)]);
    match read_as(&bytes, Format::Xlsx) {
        Err(Error::Limit { what, limit, .. }) => {
            assert_eq!(limit, Limits::default().max_cells);
            assert!(what.contains("A1:XFD1048576"), "{what}");
        }
        other => panic!("expected a limit error, got {other:?}"),
    }
}

/// `max_cells` bounds the used ranges of all sheets together.
#[test]
fn max_cells_counts_every_sheet() {
    let block = |r0: u32| {
        (r0..r0 + 10)
            .map(|r| row(r, &[s(&format!("A{r}"), "x"), s(&format!("J{r}"), "y")]))
            .collect::<String>()
    };
    let bytes = xlsx(&[sheet("一", block(1)), sheet("二", block(1))]);
    let with = |max_cells| ReadOptions {
        limits: Limits {
            max_cells,
            ..Limits::default()
        },
        ..options(Format::Xlsx)
    };
    // Each sheet's used range is 10 × 10.
    assert!(read_with(&bytes, with(200)).is_ok());
    assert!(matches!(
        read_with(&bytes, with(199)),
        Err(Error::Limit { .. })
    ));
    // More stored cells than the limit fail while streaming.
    assert!(matches!(
        read_with(&bytes, with(20)),
        Err(Error::Limit { .. })
    ));
}

/// One huge shared string used by many cells is refused before it is copied.
#[test]
fn huge_shared_string_repeated_is_a_limit_error() {
    let big = "大".repeat(1 << 20);
    let mut bytes = Vec::new();
    {
        // A workbook whose one shared string is 3 MiB, used by 200 cells.
        let data: String = (1..=200)
            .map(|r| row(r, &[ss(&format!("A{r}"), 0)]))
            .collect();
        let plain = xlsx(&[sheet("大", data)]);
        let mut src = zip::ZipArchive::new(Cursor::new(plain)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(&mut bytes));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let name = f.name().unwrap().into_owned();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).unwrap();
            if name == "xl/sharedStrings.xml" {
                text = text.replace("共享文本", &big);
            }
            out.start_file(name, opts).unwrap();
            out.write_all(text.as_bytes()).unwrap();
        }
        out.finish().unwrap();
    }
    let opts = ReadOptions {
        limits: Limits {
            max_total_size: 64 << 20,
            max_ratio: u64::MAX,
            ..Limits::default()
        },
        ..options(Format::Xlsx)
    };
    match read_with(&bytes, opts) {
        Err(Error::Limit { what, .. }) => assert!(what.contains("text"), "{what}"),
        other => panic!("expected a limit error, got {:?}", other.map(|_| ())),
    }
}

/// Truncated, foreign and malformed inputs are `Corrupt` errors naming the part.
#[test]
fn broken_and_foreign_inputs_are_typed_errors() {
    let seed = std::fs::read(seed_path()).unwrap();
    let truncated = &seed[..seed.len() * 6 / 10];
    assert!(matches!(
        read_as(truncated, Format::Xlsx),
        Err(Error::Corrupt { .. })
    ));
    assert!(matches!(
        read_as(b"not a workbook at all", Format::Xlsx),
        Err(Error::Corrupt { .. })
    ));
    assert!(matches!(
        read_as(b"not a workbook at all", Format::Xls),
        Err(Error::Corrupt { .. })
    ));
    assert!(matches!(
        read_as(b"not a workbook at all", Format::Ods),
        Err(Error::Corrupt { .. })
    ));
    // An OLE2 file that is no encrypted package, read as XLSX (calamine is
    // not asked: its compound-file reader panics on malformed ones).
    let mut ole = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    ole.create_stream("/Workbook")
        .unwrap()
        .write_all(&[0; 64])
        .unwrap();
    ole.flush().unwrap();
    let bytes = ole.into_inner().into_inner();
    match read_as(&bytes, Format::Xlsx) {
        Err(Error::Corrupt { part, .. }) => assert_eq!(part, "ZIP archive"),
        other => panic!("{:?}", other.map(|_| ())),
    }
    // A ZIP without a workbook.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hello").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    match read_as(&bytes, Format::Xlsx) {
        Err(Error::Corrupt { part, .. }) => assert_eq!(part, "workbook"),
        other => panic!("{other:?}"),
    }
    // A worksheet part that is not XML.
    let mut sh = sheet("坏", row(1, &[s("A1", "甲")]));
    sh.data
        .push_str("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>乙</is></c></row>");
    let bytes = xlsx(&[sh]);
    match read_as(&bytes, Format::Xlsx) {
        Err(Error::Corrupt { part, .. }) => assert_eq!(part, "坏"),
        other => panic!("{other:?}"),
    }
}

/// Encrypted OOXML packages and RC4-encrypted XLS workbooks are `Encrypted` errors.
#[test]
fn encrypted_workbooks_are_encrypted_errors() {
    // An encrypted OOXML package is an OLE2 file with an EncryptedPackage.
    let mut ole = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    ole.create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .unwrap();
    ole.create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0; 64])
        .unwrap();
    ole.flush().unwrap();
    let bytes = ole.into_inner().into_inner();
    assert!(matches!(
        read_as(&bytes, Format::Xlsx),
        Err(Error::Encrypted { .. })
    ));
    assert!(matches!(
        read_as(&bytes, Format::Xls),
        Err(Error::Encrypted { .. })
    ));
    // An XLS workbook with a FilePass record (RC4).
    let mut globals = biff_globals(&[("表", 0)]);
    globals.insert(1, record(0x002F, &[1, 0, 1, 0, 1, 0]));
    let bytes = xls_file(globals, &[xls_sheet(&[label(0, 0, "甲")])]);
    assert!(matches!(
        read_as(&bytes, Format::Xls),
        Err(Error::Encrypted { .. })
    ));
}

// ---------------------------------------------------------------------------
// XLS builder: BIFF8 records in a compound file written with the cfb crate.

/// A BIFF record.
fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = Vec::with_capacity(data.len() + 4);
    r.extend_from_slice(&typ.to_le_bytes());
    r.extend_from_slice(&(data.len() as u16).to_le_bytes());
    r.extend_from_slice(data);
    r
}

/// A BIFF8 BOF record of substream type `dt`.
fn bof(dt: u16) -> Vec<u8> {
    let mut d = vec![0x00, 0x06];
    d.extend_from_slice(&dt.to_le_bytes());
    d.extend_from_slice(&[0; 12]);
    record(0x0809, &d)
}

/// An EOF record.
fn eof() -> Vec<u8> {
    record(0x000A, &[])
}

/// UTF-16 string data: `flags` byte 1 then the code units.
fn utf16(text: &str) -> Vec<u8> {
    let mut d = vec![1u8];
    for u in text.encode_utf16() {
        d.extend_from_slice(&u.to_le_bytes());
    }
    d
}

/// Globals records (without the BoundSheet8 offsets filled in): BOF,
/// CODEPAGE, one BoundSheet8 per `(name, hidden state)`, EOF.
fn biff_globals(sheets: &[(&str, u8)]) -> Vec<Vec<u8>> {
    let mut out = vec![bof(0x0005), record(0x0042, &1200u16.to_le_bytes())];
    for (name, state) in sheets {
        let mut d = vec![0, 0, 0, 0, *state, 0];
        d.push(name.encode_utf16().count() as u8);
        d.extend(utf16(name));
        out.push(record(0x0085, &d));
    }
    out.push(eof());
    out
}

/// A LABEL record (a string cell).
fn label(r: u16, c: u16, text: &str) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend_from_slice(&r.to_le_bytes());
    d.extend_from_slice(&c.to_le_bytes());
    d.extend_from_slice(&0u16.to_le_bytes());
    d.extend_from_slice(&(text.encode_utf16().count() as u16).to_le_bytes());
    d.extend(utf16(text));
    record(0x0204, &d)
}

/// A NUMBER record with XF 0.
fn number(r: u16, c: u16, v: f64) -> Vec<u8> {
    styled_number(r, c, v, 0)
}

/// A NUMBER record with XF index `xf`.
fn styled_number(r: u16, c: u16, v: f64, xf: u16) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend_from_slice(&r.to_le_bytes());
    d.extend_from_slice(&c.to_le_bytes());
    d.extend_from_slice(&xf.to_le_bytes());
    d.extend_from_slice(&v.to_le_bytes());
    record(0x0203, &d)
}

/// An XF record with number format `ifmt` (14 is a date).
fn xf(ifmt: u16) -> Vec<u8> {
    let mut d = vec![0u8; 20];
    d[2..4].copy_from_slice(&ifmt.to_le_bytes());
    record(0x00E0, &d)
}

/// A MERGECELLS record of `(first row, last row, first col, last col)`.
fn merge_cells(regions: &[(u16, u16, u16, u16)]) -> Vec<u8> {
    let mut d = (regions.len() as u16).to_le_bytes().to_vec();
    for (r0, r1, c0, c1) in regions {
        for v in [r0, r1, c0, c1] {
            d.extend_from_slice(&v.to_le_bytes());
        }
    }
    record(0x00E5, &d)
}

/// A BIFF8 DIMENSIONS record (end row and column exclusive).
fn dimensions(r0: u32, r1_excl: u32, c0: u16, c1_excl: u16) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend_from_slice(&r0.to_le_bytes());
    d.extend_from_slice(&r1_excl.to_le_bytes());
    d.extend_from_slice(&c0.to_le_bytes());
    d.extend_from_slice(&c1_excl.to_le_bytes());
    d.extend_from_slice(&[0, 0]);
    record(0x0200, &d)
}

/// A sheet substream around `records`.
fn xls_sheet(records: &[Vec<u8>]) -> Vec<u8> {
    let mut s = bof(0x0010);
    for r in records {
        s.extend_from_slice(r);
    }
    s.extend(eof());
    s
}

/// A workbook stream: the globals with each BoundSheet8 pointing at its
/// sheet substream, in a compound file.
fn xls_file(globals: Vec<Vec<u8>>, sheets: &[Vec<u8>]) -> Vec<u8> {
    let globals_len: usize = globals.iter().map(Vec::len).sum();
    let mut offset = globals_len;
    let mut stream = Vec::new();
    let mut k = 0;
    for mut r in globals {
        if r[..2] == 0x0085u16.to_le_bytes() && k < sheets.len() {
            r[4..8].copy_from_slice(&(offset as u32).to_le_bytes());
            offset += sheets[k].len();
            k += 1;
        }
        stream.extend(r);
    }
    for s in sheets {
        stream.extend_from_slice(s);
    }
    ole_workbook(&stream)
}

/// A version 3 compound file (as Excel writes) holding `stream` as
/// `Workbook`.
fn ole_workbook(stream: &[u8]) -> Vec<u8> {
    let mut ole =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    ole.create_stream("/Workbook")
        .unwrap()
        .write_all(stream)
        .unwrap();
    ole.flush().unwrap();
    ole.into_inner().into_inner()
}

/// XLS: values, dates, merges, positions and hidden sheets.
#[test]
fn xls_values_merges_and_hidden_sheets() {
    let first = xls_sheet(&[
        dimensions(2, 5, 1, 4),
        label(2, 1, "标题"),
        label(3, 1, "任务"),
        number(3, 2, 2024.0),
        number(3, 3, 2.5),
        label(4, 2, "第一行\r\n第二行"),
        merge_cells(&[(2, 2, 1, 3), (3, 4, 1, 1)]),
    ]);
    let hidden = xls_sheet(&[label(0, 0, "隐藏")]);
    let mut globals = biff_globals(&[("一", 0), ("二", 1), ("三", 2)]);
    let dated = xls_sheet(&[
        styled_number(0, 0, 45473.0, 1),
        styled_number(0, 1, 45473.5, 1),
    ]);
    // XF 0: general; XF 1: the built-in date format 14.
    globals.insert(2, xf(0));
    globals.insert(3, xf(14));
    let bytes = xls_file(globals, &[first, hidden, dated]);
    let doc = read_as(&bytes, Format::Xls).unwrap();
    let t = only_table(&doc);
    assert_eq!(t.rows.len(), 3);
    assert_eq!(
        grid(t),
        [
            g(0, 0, "标题", 1, 3, "B3"),
            g(1, 0, "任务", 2, 1, "B4"),
            g(1, 1, "2024", 1, 1, "C4"),
            g(1, 2, "2.5", 1, 1, "D4"),
            g(2, 1, "第一行\n第二行", 1, 1, "C5"),
        ]
    );
    assert_eq!(a1(&t.rows[0].cells[0].pos).0, "一");
    let all = read_with(
        &bytes,
        ReadOptions {
            hidden_sheets: true,
            ..options(Format::Xls)
        },
    )
    .unwrap();
    assert_eq!(tables(&all).len(), 3);
    assert_eq!(tables(&all)[1].index, 1);
    let dated = tables(&all)[2];
    assert_eq!(
        grid(dated),
        [
            g(0, 0, "2024年6月30日", 1, 1, "A1"),
            g(0, 1, "2024年6月30日 12:00", 1, 1, "B1")
        ]
    );
}

/// XLS: a workbook stream stored in regular sectors.
#[test]
fn xls_stream_larger_than_the_mini_stream() {
    // Over 4 KiB, the stream lives in regular sectors of the container.
    let labels: Vec<Vec<u8>> = (0..400).map(|r| label(r, 0, &format!("第{r}行"))).collect();
    let bytes = xls_file(biff_globals(&[("长", 0)]), &[xls_sheet(&labels)]);
    let doc = read_as(&bytes, Format::Xls).unwrap();
    let t = only_table(&doc);
    assert_eq!(t.rows.len(), 400);
    assert_eq!(cell(t, 399, 0).text, "第399行");
    assert_eq!(a1(&cell(t, 399, 0).pos), ("长", "A400"));
}

/// XLS: far-apart cells and impossible dimensions are refused before calamine allocates.
#[test]
fn xls_hostile_extents_are_refused_before_calamine_allocates() {
    // Real cells at (0, 0) and (65535, 65535): 4 billion cells densely.
    let far = xls_sheet(&[label(0, 0, "甲"), number(65535, 65535, 1.0)]);
    let bytes = xls_file(biff_globals(&[("远", 0)]), &[far]);
    assert!(matches!(
        read_as(&bytes, Format::Xls),
        Err(Error::Limit { .. })
    ));
    // Even in a hidden sheet: calamine builds every sheet.
    let far = xls_sheet(&[label(0, 0, "甲"), number(65535, 255, 1.0)]);
    let near = xls_sheet(&[label(0, 0, "乙")]);
    let bytes = xls_file(biff_globals(&[("近", 0), ("远", 1)]), &[near, far]);
    assert!(matches!(
        read_as(&bytes, Format::Xls),
        Err(Error::Limit { .. })
    ));
    // A Dimensions record whose end precedes its start.
    let bad = xls_sheet(&[dimensions(10, 3, 0, 1), label(0, 0, "甲")]);
    let bytes = xls_file(biff_globals(&[("坏", 0)]), &[bad]);
    let err = read_as(&bytes, Format::Xls).unwrap_err();
    assert!(
        matches!(err, Error::Limit { .. } | Error::Corrupt { .. }),
        "{err:?}"
    );
}

/// XLS: records calamine panics on are `Corrupt` errors.
#[test]
fn xls_records_that_make_calamine_panic_are_corrupt() {
    // A BoundSheet8 offset past the end of the stream.
    let mut globals = biff_globals(&[("表", 0)]);
    globals[2][4..8].copy_from_slice(&1_000_000u32.to_le_bytes());
    let mut stream: Vec<u8> = globals.concat();
    stream.extend(xls_sheet(&[label(0, 0, "甲")]));
    let bytes = ole_workbook(&stream);
    assert!(matches!(
        read_as(&bytes, Format::Xls),
        Err(Error::Corrupt { .. })
    ));
    // A MergeCells record that claims more regions than it holds.
    let mut merge = merge_cells(&[(0, 1, 0, 0)]);
    merge[4] = 200;
    let sheet = xls_sheet(&[label(0, 0, "甲"), merge]);
    let bytes = xls_file(biff_globals(&[("表", 0)]), &[sheet]);
    assert!(matches!(
        read_as(&bytes, Format::Xls),
        Err(Error::Corrupt { .. })
    ));
}

/// Reversed ranges in `<dimension>` and `<mergeCell>` never panic.
#[test]
fn reversed_references_never_panic() {
    // calamine subtracts the corners of `B2:A1` (a panic in builds with
    // overflow checks, garbage without): either way a typed result.
    for (dimension, merges) in [(Some("B2:A1"), vec![]), (None, vec!["B2:A1"])] {
        let sh = Sheet {
            dimension,
            merges,
            ..sheet("反", row(1, &[s("A1", "甲")]))
        };
        match read_as(&xlsx(&[sh]), Format::Xlsx) {
            Ok(doc) => assert_eq!(grid(only_table(&doc)), [g(0, 0, "甲", 1, 1, "A1")]),
            Err(Error::Corrupt { .. }) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------
// ODS builder: mimetype, manifest and content.xml.

/// `META-INF/manifest.xml` of an unencrypted package.
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// An ODS package with `content_body` inside `office:spreadsheet`.
fn ods(content_body: &str, automatic_styles: &str) -> Vec<u8> {
    ods_with_manifest(content_body, automatic_styles, MANIFEST)
}

/// [`ods`] with another manifest.
fn ods_with_manifest(content_body: &str, automatic_styles: &str, manifest: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2"><office:automatic-styles>{automatic_styles}</office:automatic-styles><office:body><office:spreadsheet>{content_body}</office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

/// A string cell, one `text:p` per line.
fn ods_text(text: &str, attrs: &str) -> String {
    let paras: String = text
        .split('\n')
        .map(|p| format!("<text:p>{}</text:p>", esc(p)))
        .collect();
    format!(r#"<table:table-cell office:value-type="string"{attrs}>{paras}</table:table-cell>"#)
}

/// A table style that hides the table (`ta2`).
const HIDDEN_TABLE_STYLE: &str = r#"<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>"#;

/// ODS: values, repeated rows and columns, spans from `number-*-spanned`, hidden tables.
#[test]
fn ods_values_spans_repeats_and_hidden_tables() {
    let body = format!(
        r#"<table:table table:name="表一"><table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row><table:table-row><table:table-cell/>{title}<table:covered-table-cell table:number-columns-repeated="2"/></table:table-row><table:table-row><table:table-cell/>{task}<table:table-cell office:value-type="float" office:value="2024"/><table:table-cell office:value-type="date" office:date-value="2024-06-30"/></table:table-row><table:table-row><table:table-cell/><table:covered-table-cell/>{two}<table:table-cell office:value-type="boolean" office:boolean-value="true"/></table:table-row></table:table><table:table table:name="隐" table:style-name="ta2"><table:table-row>{hidden}</table:table-row></table:table>"#,
        title = ods_text("标题", r#" table:number-columns-spanned="3""#),
        task = ods_text("任务", r#" table:number-rows-spanned="2""#),
        two = ods_text("第一行\n第二行", ""),
        hidden = ods_text("隐藏", ""),
    );
    let bytes = ods(&body, HIDDEN_TABLE_STYLE);
    let doc = read_as(&bytes, Format::Ods).unwrap();
    let t = only_table(&doc);
    assert_eq!(
        grid(t),
        [
            g(0, 0, "标题", 1, 3, "B3"),
            g(1, 0, "任务", 2, 1, "B4"),
            g(1, 1, "2024", 1, 1, "C4"),
            g(1, 2, "2024年6月30日", 1, 1, "D4"),
            g(2, 1, "第一行\n第二行", 1, 1, "C5"),
            g(2, 2, "TRUE", 1, 1, "D5"),
        ]
    );
    assert_eq!(a1(&t.rows[0].pos), ("表一", "B3"));
    let all = read_with(
        &bytes,
        ReadOptions {
            hidden_sheets: true,
            ..options(Format::Ods)
        },
    )
    .unwrap();
    assert_eq!(tables(&all).len(), 2);
}

/// ODS: repeats and space runs that would expand to gigabytes are limit errors.
#[test]
fn ods_repeat_bombs_are_limit_errors() {
    // One cell repeated over 16 384 columns and a million rows.
    let body = r#"<table:table table:name="炸"><table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row></table:table>"#;
    assert!(matches!(
        read_as(&ods(body, ""), Format::Ods),
        Err(Error::Limit { .. })
    ));
    // A few spaces asked for a billion times.
    let body = r#"<table:table table:name="空"><table:table-row><table:table-cell office:value-type="string"><text:p>甲<text:s text:c="1000000000"/></text:p></table:table-cell></table:table-row></table:table>"#;
    assert!(matches!(
        read_as(&ods(body, ""), Format::Ods),
        Err(Error::Limit { .. })
    ));
    // Far-apart values in long empty rows.
    let mut rows = String::new();
    for _ in 0..200 {
        rows.push_str(r#"<table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#);
    }
    let body = format!(r#"<table:table table:name="宽">{rows}</table:table>"#);
    let small = ReadOptions {
        limits: Limits {
            max_cells: 1_000_000,
            ..Limits::default()
        },
        ..options(Format::Ods)
    };
    assert!(matches!(
        read_with(&ods(&body, ""), small),
        Err(Error::Limit { .. })
    ));
}

/// ODS: an encrypted package is an `Encrypted` error.
#[test]
fn ods_encrypted_package_is_an_encrypted_error() {
    let manifest = MANIFEST.replace(
        r#"manifest:media-type="text/xml"/>"#,
        r#"manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry>"#,
    );
    // The content is ciphertext, not XML.
    let bytes = ods_with_manifest("\u{1}\u{2}<<&&", "", &manifest);
    assert!(matches!(
        read_as(&bytes, Format::Ods),
        Err(Error::Encrypted { .. })
    ));
}
