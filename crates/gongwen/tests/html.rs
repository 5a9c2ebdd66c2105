//! The HTML reader on real gov.cn pages and on small hand-built pages:
//! encodings, tag soup, tables on their grid, layout tables, what is
//! dropped, positions, limits, and a task-division notice read end to end.
//! Every expected value here is written by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use gongwen::document::{Block, Cell, Document, Position, Table, TableLayout};
use gongwen::model::Measure;
use gongwen::read::html::read_html;
use gongwen::read::Limits;

/// The path of a file under `fixtures/`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
}

/// The bytes of a file under `fixtures/`.
fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Reads `html` (UTF-8) with the default limits.
fn read(html: &str) -> Document {
    read_bytes(html.as_bytes()).0
}

/// Reads bytes with the default limits; the document and the encoding.
fn read_bytes(bytes: &[u8]) -> (Document, String) {
    read_html(bytes, Path::new("page.html"), &Limits::default()).expect("reads")
}

/// The texts of the paragraphs, in order.
fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.paragraphs().map(|p| p.text.as_str()).collect()
}

/// The tables, in order.
fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

/// The one table of `doc` (fails when there is not exactly one).
fn only_table(doc: &Document) -> &Table {
    let t = tables(doc);
    assert_eq!(t.len(), 1, "{doc:#?}");
    t[0]
}

/// Each row as `(col, row_span, col_span, text)` of its cells.
fn grid(table: &Table) -> Vec<Vec<(u32, u32, u32, &str)>> {
    table
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| (c.col, c.row_span, c.col_span, c.text.as_str()))
                .collect()
        })
        .collect()
}

/// The cell texts, row by row.
fn texts(table: &Table) -> Vec<Vec<&str>> {
    table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
        .collect()
}

/// The non-blank lines of `text`, trimmed.
fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// A date.
fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

// ---------------------------------------------------------------------
// Real pages
// ---------------------------------------------------------------------

/// The two real notices of `fixtures/real/`.
const REAL: [&str; 2] = ["govcn_guofa_2018_39_jiuye", "govcn_guobanfa_2018_117_jili"];

/// The notice's own HTML gives exactly the hand-made text, one paragraph
/// per line, and nothing else.
#[test]
fn real_notices_give_the_paragraphs_of_their_text() {
    for name in REAL {
        let (doc, encoding) = read_bytes(&read_fixture(&format!("real/{name}.html")));
        assert_eq!(encoding, "UTF-8");
        assert!(tables(&doc).is_empty(), "{name}: the fragment has no table");
        let want = std::fs::read_to_string(fixture(&format!("real/{name}.txt"))).unwrap();
        assert_eq!(paragraphs(&doc), lines(&want), "{name}");
    }
}

/// Reads a stored gov.cn page wrapped in `chrome` (the site's head and
/// navigation, as other stored pages have them) and checks what every such
/// page gives: the metadata table first, as a table on its grid (the title
/// and document number as in the gold file), the notice's paragraphs all
/// following in order, the wrapper's layout tables and the comments
/// leaving nothing, and the added navigation, scripts and styles dropped.
/// Returns the metadata table's rows.
fn check_stored_page(name: &str, chrome: bool) -> Vec<Vec<String>> {
    let page = std::fs::read_to_string(fixture(&format!("real/{name}.page.html"))).unwrap();
    let page = if chrome {
        format!(
            "<!DOCTYPE html><html><head><title>国务院关于……_政府信息公开专栏</title>\
             <script>var 导航 = '<p>脚本里的段落</p>';</script>\
             <style>.nav {{ content: '样式文字' }}</style></head><body>\
             <nav><ul><li><a href=/>首页</a></li><li>政策库栏目</li></ul></nav>\
             <header>中国政府网 站点页眉</header>\
             {page}\
             <footer>版权所有：中国政府网 站点页脚</footer>\
             <script src=x.js></script></body></html>"
        )
    } else {
        page
    };
    let (doc, encoding) = read_bytes(page.as_bytes());
    assert_eq!(encoding, "UTF-8");

    let Some(Block::Table(meta)) = doc.blocks.first() else {
        panic!("{name}: {:#?}", doc.blocks.first());
    };
    assert_eq!((meta.index, meta.layout), (0, TableLayout::Grid), "{name}");
    assert_eq!(
        tables(&doc).len(),
        1,
        "{name}: the wrapper tables are layout"
    );
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture(&format!("real/{name}.gold.json"))).unwrap(),
    )
    .unwrap();
    let rows = texts(meta);
    assert_eq!(rows[0][0], "索 引 号：", "{name}");
    assert_eq!(
        rows[2],
        vec![
            "标\u{3000}\u{3000}题：",
            gold["meta"]["title"].as_str().unwrap()
        ],
        "{name}"
    );
    assert_eq!(
        (meta.rows[2].cells[1].col, meta.rows[2].cells[1].col_span),
        (1, 3),
        "{name}: colspan=3"
    );
    assert_eq!(
        rows[3][..2],
        ["发文字号：", gold["meta"]["doc_number"].as_str().unwrap()],
        "{name}"
    );

    // The notice's paragraphs, in order, one after another.
    let want = std::fs::read_to_string(fixture(&format!("real/{name}.txt"))).unwrap();
    let want = lines(&want);
    let got = paragraphs(&doc);
    let start = got
        .iter()
        .position(|p| *p == want[0])
        .expect("the title is there");
    assert_eq!(got[start..start + want.len()], want[..], "{name}");

    let all = got.join("\n");
    for gone in [
        "脚本",
        "样式",
        "首页",
        "政策库栏目",
        "站点页眉",
        "站点页脚",
        "导航",
        "二维码",
        "de_banner",
        "政府信息公开专栏",
        "用来校验",
    ] {
        assert!(
            !all.contains(gone),
            "{name}: {gone} should be dropped:\n{all}"
        );
    }
    // What the page shows besides the notice.
    let rest: Vec<&str> = got
        .iter()
        .enumerate()
        .filter(|(k, _)| !(start..start + want.len()).contains(k))
        .map(|(_, p)| *p)
        .collect();
    assert_eq!(rest, vec!["主 题 词：", "扫一扫在手机打开当前页"], "{name}");
    rows.into_iter()
        .map(|r| r.into_iter().map(str::to_owned).collect())
        .collect()
}

/// Both stored pages, bare and with site chrome added; the first page's
/// metadata table cell by cell.
#[test]
fn stored_gov_cn_pages_give_metadata_table_and_notice() {
    for name in REAL {
        check_stored_page(name, false);
        check_stored_page(name, true);
    }
    assert_eq!(
        check_stored_page("govcn_guofa_2018_39_jiuye", true),
        vec![
            vec![
                "索 引 号：",
                "000014349/2018-00212",
                "主题分类：",
                "劳动、人事、监察\\\\劳动就业"
            ],
            vec!["发文机关：", "国务院", "成文日期：", "2018年11月16日"],
            vec![
                "标\u{3000}\u{3000}题：",
                "国务院关于做好当前和今后一个时期促进就业工作的若干意见"
            ],
            vec![
                "发文字号：",
                "国发〔2018〕39号",
                "发布日期：",
                "2018年12月05日"
            ],
        ]
    );
}

/// `parse_bytes` on the notices' HTML finds the document elements of the
/// hand-checked gold files.
#[test]
fn real_notices_meta_matches_gold() {
    for name in REAL {
        let path = fixture(&format!("real/{name}.html"));
        let notice = gongwen::parse_bytes(&std::fs::read(&path).unwrap(), &path).unwrap();
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(fixture(&format!("real/{name}.gold.json"))).unwrap(),
        )
        .unwrap();
        let meta = &gold["meta"];
        assert_eq!(notice.source.encoding.as_deref(), Some("UTF-8"));
        assert_eq!(
            notice.meta.title.as_deref(),
            meta["title"].as_str(),
            "{name}"
        );
        assert_eq!(
            notice.meta.doc_number.as_deref(),
            meta["doc_number"].as_str(),
            "{name}"
        );
        assert_eq!(
            notice.meta.date.map(|d| d.to_string()).as_deref(),
            meta["date"].as_str(),
            "{name}"
        );
        let addressees: Vec<&str> = meta["addressees"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a.as_str())
            .collect();
        assert_eq!(notice.meta.addressees, addressees, "{name}");
        assert_eq!(
            notice.meta.issuer.as_deref(),
            meta["issuer"].as_str(),
            "{name}"
        );
        assert_eq!(
            notice.meta.annotation.as_deref(),
            meta["annotation"].as_str(),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------

/// Notice text for the encoding tests.
const NOTICE_TEXT: &str = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\
就业是最大的民生，也是经济发展的重中之重。当前，我国就业局势保持总体稳定。";

/// `text` encoded as GBK.
fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// A GBK page with `<meta charset="gb2312">`, a paragraph and a table.
#[test]
fn gbk_page_declared_in_meta_charset() {
    let html = format!(
        "<html><head><meta charset=\"gb2312\"><title>通知</title></head>\
         <body><p>{NOTICE_TEXT}</p><table><tr><td>责任单位</td><td>完成时限</td></tr></table></body></html>"
    );
    let (doc, encoding) = read_bytes(&gbk(&html));
    assert_eq!(encoding, "GBK");
    assert_eq!(paragraphs(&doc), vec![NOTICE_TEXT]);
    assert_eq!(texts(only_table(&doc)), vec![vec!["责任单位", "完成时限"]]);
}

/// The `http-equiv` form of the declaration, in upper case and unquoted.
#[test]
fn gbk_page_declared_in_http_equiv_content_type() {
    // Upper-case tag and attribute names, a comment before the declaration
    // and a `<meta>` inside the comment that must not count.
    let html = format!(
        "<!-- <meta charset=\"big5\"> -->\n<HTML><HEAD>\n\
         <META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GB2312\">\n\
         </HEAD><BODY><P>{NOTICE_TEXT}</BODY></HTML>"
    );
    let (doc, encoding) = read_bytes(&gbk(&html));
    assert_eq!(encoding, "GBK");
    assert_eq!(paragraphs(&doc), vec![NOTICE_TEXT]);

    // An unquoted value, and GB18030 as its own encoding.
    let html =
        format!("<meta http-equiv=content-type content=text/html;charset=gb18030><p>{NOTICE_TEXT}");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&html);
    let (doc, encoding) = read_bytes(&bytes);
    assert_eq!(encoding, "gb18030");
    assert_eq!(paragraphs(&doc), vec![NOTICE_TEXT]);
}

/// GBK bytes without any declaration are guessed as GBK.
#[test]
fn gbk_page_without_a_declaration_is_guessed() {
    let html = format!(
        "<html><body><p>{NOTICE_TEXT}</p><p>（人力资源社会保障部、财政部负责）</p></body></html>"
    );
    let (doc, encoding) = read_bytes(&gbk(&html));
    assert_eq!(encoding, "GBK");
    assert_eq!(
        paragraphs(&doc),
        vec![NOTICE_TEXT, "（人力资源社会保障部、财政部负责）"]
    );
}

/// Big5 bytes (a traditional-script page) are guessed as Big5, not GBK.
#[test]
fn big5_page_without_a_declaration_is_guessed() {
    let text = "各省、自治區、直轄市人民政府，國務院各部委、各直屬機構：就業是最大的民生，也是經濟發展的重中之重。";
    let html = format!("<p>{text}</p>");
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&html);
    assert!(!unmappable);
    let (doc, encoding) = read_bytes(&bytes);
    assert_eq!(encoding, "Big5");
    assert_eq!(paragraphs(&doc), vec![text]);
}

/// UTF-16 pages are known by their byte order mark; a BOM wins over a
/// declaration.
#[test]
fn utf16_pages_with_a_byte_order_mark() {
    let html = format!("<html><body><p>{NOTICE_TEXT}</p><p>二、鼓励支持就业创业</p></body></html>");
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(html.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(html.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
        let (doc, encoding) = read_bytes(&bytes);
        assert_eq!(encoding, name);
        assert_eq!(paragraphs(&doc), vec![NOTICE_TEXT, "二、鼓励支持就业创业"]);
    }
    // A UTF-8 BOM wins over a declaration.
    let bom = format!("\u{FEFF}<meta charset=gbk><p>{NOTICE_TEXT}");
    let (doc, encoding) = read_bytes(bom.as_bytes());
    assert_eq!(encoding, "UTF-8");
    assert_eq!(paragraphs(&doc), vec![NOTICE_TEXT]);
}

/// A page saved again as UTF-8 that kept its old `charset=gb2312`.
#[test]
fn valid_utf8_overrules_a_declared_legacy_encoding() {
    let html = format!("<meta charset=gb2312><p>{NOTICE_TEXT}</p>");
    let (doc, encoding) = read_bytes(html.as_bytes());
    assert_eq!(encoding, "UTF-8");
    assert_eq!(paragraphs(&doc), vec![NOTICE_TEXT]);
}

/// Malformed bytes become U+FFFD; they are not an error.
#[test]
fn malformed_bytes_are_replaced() {
    let mut bytes = gbk(&format!("<meta charset=gbk><p>{NOTICE_TEXT}</p><p>第二段"));
    bytes.extend_from_slice(b"\x81\x20\xFF</p>");
    let (doc, encoding) = read_bytes(&bytes);
    assert_eq!(encoding, "GBK");
    let p = paragraphs(&doc);
    assert_eq!(p[0], NOTICE_TEXT);
    assert!(p[1].starts_with("第二段\u{FFFD}"), "{p:?}");
}

// ---------------------------------------------------------------------
// Tag soup, entities, white space
// ---------------------------------------------------------------------

/// Unclosed `<p>`, `<td>`, `<tr>`, upper-case tags, unquoted attributes,
/// named and numeric entities (with and without `;`).
#[test]
fn unclosed_tags_upper_case_unquoted_attributes_and_entities() {
    let doc = read(
        "<BODY><P ALIGN=center>第一段&nbsp;&nbsp;甲&lt;乙&gt;&amp;丙&#20320;&#x597D;&copy\n\
         <P>第二段<br>第三行<BR/>第四行\n\
         <TABLE BORDER=1><TR><TH>工作任务<TH>责任单位\n\
         <TR><TD>甲<TD>乙\n\
         <TR><TD>丙<td>丁\n\
         </TABLE><p>&nbsp;</p><p>表后</p>",
    );
    assert_eq!(
        paragraphs(&doc),
        vec![
            "第一段  甲<乙>&丙你好©",
            "第二段",
            "第三行",
            "第四行",
            "表后"
        ]
    );
    assert_eq!(
        texts(only_table(&doc)),
        vec![
            vec!["工作任务", "责任单位"],
            vec!["甲", "乙"],
            vec!["丙", "丁"]
        ]
    );
}

/// Runs of ASCII white space are one space; U+3000 indents are trimmed;
/// `<pre>` keeps its spaces and line breaks.
#[test]
fn white_space_collapses_like_a_browser() {
    let doc = read(
        "<div>  一、\t总体\n   要求  </div>\
         <div>\u{3000}\u{3000}（一）缩进的段落。\u{3000}</div>\
         <div>甲<span> </span>乙 <b> 丙</b>\u{200B}丁</div>\
         <pre>  保留  空格\n第二行</pre>",
    );
    assert_eq!(
        paragraphs(&doc),
        vec![
            "一、 总体 要求",
            "（一）缩进的段落。",
            "甲 乙 丙丁",
            "保留  空格",
            "第二行"
        ]
    );
}

/// Each line of visible text is a paragraph: block elements, `<br>`,
/// `<hr>` and a stray `</p>` end lines.
#[test]
fn block_elements_and_line_breaks_make_paragraphs() {
    let doc = read(
        "<center>关于做好就业工作的通知</center>\
         <h1>标题一</h1><h3>标题三</h3>\
         <ul><li>第一项<li>第二项<ol><li>嵌套</ol></ul>\
         <div>外层<div>内层</div>尾巴</div>\
         <blockquote>引文</blockquote>甲<hr>乙</p>丙",
    );
    assert_eq!(
        paragraphs(&doc),
        vec![
            "关于做好就业工作的通知",
            "标题一",
            "标题三",
            "第一项",
            "第二项",
            "嵌套",
            "外层",
            "内层",
            "尾巴",
            "引文",
            "甲",
            "乙",
            "丙"
        ]
    );
}

/// Misnested inline tags neither split nor swallow paragraphs.
#[test]
fn misnested_inline_tags() {
    let doc = read("<p><b>加粗<i>斜体</b>仍在段中</i></p><p><font><span>第二段</p></font>第三段");
    assert_eq!(
        paragraphs(&doc),
        vec!["加粗斜体仍在段中", "第二段", "第三段"]
    );
}

// ---------------------------------------------------------------------
// What is dropped
// ---------------------------------------------------------------------

/// What a browser does not show leaves nothing.
#[test]
fn scripts_styles_navigation_forms_and_hidden_elements_are_dropped() {
    let doc = read(
        "<html><head><title>标题栏</title><style>p { color: red }</style>\
         <script>document.write('<p>脚本</p>')</script></head><body>\
         <noscript>请启用脚本</noscript><template><p>模板</p></template>\
         <nav>导航</nav><header>网站页眉</header>\
         <form action=/search><input name=q>站内搜索<button>搜索</button>\
         <select><option>选项</option></select></form>\
         <p>正文<span style=\"DISPLAY: none\">隐藏</span>继续</p>\
         <div hidden>隐藏块</div><iframe src=x>框架</iframe>\
         <svg><text>图形</text></svg><svg/><p>图后</p>\
         <dialog>对话框</dialog><dialog open>打开的对话框</dialog>\
         <textarea>文本框</textarea><!-- 注释 -->\
         <footer>网站页脚</footer></body></html>",
    );
    assert_eq!(paragraphs(&doc), vec!["正文继续", "图后", "打开的对话框"]);
}

/// A `<header>`/`<footer>` inside `<article>` is the text's own; a form
/// that wraps the page (ASP.NET) is read.
#[test]
fn article_headers_and_page_wrapping_forms_are_kept() {
    let body = "国务院关于做好当前和今后一个时期促进就业工作的若干意见。".repeat(10);
    let doc = read(&format!(
        "<header>站点</header><form id=form1 runat=server><input type=hidden name=__VIEWSTATE>\
         <article><header><h1>通知标题</h1></header><p>{body}</p>\
         <footer>国务院<br>2018年11月16日</footer></article></form>"
    ));
    assert_eq!(
        paragraphs(&doc),
        vec!["通知标题", body.as_str(), "国务院", "2018年11月16日"]
    );
}

// ---------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------

/// Row and column spans on the true grid: a cell's column is the first one
/// not covered from above; covered slots are not repeated.
#[test]
fn rowspan_and_colspan_place_cells_on_the_grid() {
    let doc = read(
        "<table>\
         <thead><tr><th>工作任务</th><th>具体举措</th><th>完成时限</th><th>责任单位</th></tr></thead>\
         <tbody>\
         <tr><td colspan=\"4\">一、强化监管</td></tr>\
         <tr><td rowspan=3>1.加强抽检。</td><td>(1)制定计划。</td><td>2024年3月</td><td>抽检处</td></tr>\
         <tr><td>(2)组织抽检。</td><td rowspan='2'>2024年12月</td><td>抽检处、<br>各设区市局</td></tr>\
         <tr><td>(3)公布结果。</td><td>宣传处</td></tr>\
         <tr><td>2.其他。<td colspan=2>(4)跨两列。<td>办公室</tr>\
         </tbody></table>",
    );
    let t = only_table(&doc);
    assert_eq!(t.index, 0);
    assert_eq!(t.layout, TableLayout::Grid);
    assert_eq!(
        grid(t),
        vec![
            vec![
                (0, 1, 1, "工作任务"),
                (1, 1, 1, "具体举措"),
                (2, 1, 1, "完成时限"),
                (3, 1, 1, "责任单位")
            ],
            vec![(0, 1, 4, "一、强化监管")],
            vec![
                (0, 3, 1, "1.加强抽检。"),
                (1, 1, 1, "(1)制定计划。"),
                (2, 1, 1, "2024年3月"),
                (3, 1, 1, "抽检处")
            ],
            vec![
                (1, 1, 1, "(2)组织抽检。"),
                (2, 2, 1, "2024年12月"),
                (3, 1, 1, "抽检处、\n各设区市局")
            ],
            vec![(1, 1, 1, "(3)公布结果。"), (3, 1, 1, "宣传处")],
            vec![
                (0, 1, 1, "2.其他。"),
                (1, 1, 2, "(4)跨两列。"),
                (3, 1, 1, "办公室")
            ],
        ]
    );
    assert_eq!(t.width(), 4);
    // Positions carry the table, the grid row and column.
    let c = &t.rows[4].cells[1];
    assert!(
        matches!(
            c.pos,
            Position::Cell {
                table: 0,
                row: 4,
                col: 3,
                line: Some(1)
            }
        ),
        "{:?}",
        c.pos
    );
}

/// Absurd spans are clamped to the table's real extent: `rowspan=0` and
/// `rowspan=65535` to the end of the row group, `colspan=100` to the last
/// column where a cell starts, `colspan=0` and junk to 1.
#[test]
fn absurd_spans_are_clamped_to_the_real_extent() {
    let doc = read(
        "<table>\
         <tr><td colspan=100>标题行</td></tr>\
         <tr><td rowspan=0>甲</td><td>乙</td><td rowspan=65535>丙</td></tr>\
         <tr><td colspan=0>丁</td></tr>\
         <tr><td colspan=abc>戊</td></tr>\
         <tbody><tr><td>己</td><td>庚</td><td>辛</td></tr></tbody>\
         </table>",
    );
    assert_eq!(
        grid(only_table(&doc)),
        vec![
            vec![(0, 1, 3, "标题行")],
            vec![(0, 3, 1, "甲"), (1, 1, 1, "乙"), (2, 3, 1, "丙")],
            vec![(1, 1, 1, "丁")],
            vec![(1, 1, 1, "戊")],
            vec![(0, 1, 1, "己"), (1, 1, 1, "庚"), (2, 1, 1, "辛")],
        ]
    );
}

/// Cell text: `<br>`, paragraphs and blocks inside are line breaks; empty
/// cells are kept; trailing empty rows are dropped; hidden cells leave the
/// grid.
#[test]
fn cell_text_and_empty_cells() {
    let doc = read(
        "<table>\
         <tr><td><p>第一段</p><p>&nbsp;</p><p>第二段</p></td><td> 甲 <br> 乙 </td><td></td></tr>\
         <tr><td>丙</td><td style='display:none'>隐藏</td><td><div>丁</div><div>戊</div></td></tr>\
         <tr><td></td><td>&nbsp;</td></tr>\
         </table>",
    );
    assert_eq!(
        grid(only_table(&doc)),
        vec![
            vec![
                (0, 1, 1, "第一段\n第二段"),
                (1, 1, 1, "甲\n乙"),
                (2, 1, 1, "")
            ],
            vec![(0, 1, 1, "丙"), (1, 1, 1, "丁\n戊")],
        ]
    );
}

/// A small table inside a data table's cell is text of that cell: rows on
/// lines, cells separated by spaces.
#[test]
fn nested_table_in_a_data_cell_is_its_text() {
    let doc = read(
        "<table>\
         <tr><td>工作任务</td><td>具体举措</td><td>完成时限</td><td>责任单位</td></tr>\
         <tr><td>1.推进改革。</td><td>(1)制定方案。</td><td>2024年6月</td><td>发展改革委</td></tr>\
         <tr><td>2.加强保障。</td><td>(2)分季度推进：\
           <table><tr><td>一季度</td><td>调研</td></tr><tr><td>二季度</td><td>试点</td></tr></table>\
         </td><td>2024年12月</td><td>财政局</td></tr>\
         </table>",
    );
    let t = only_table(&doc);
    assert_eq!(t.rows.len(), 3);
    assert_eq!(
        t.rows[2].cells[1].text,
        "(2)分季度推进：\n一季度 调研\n二季度 试点"
    );
}

/// Word exports every cell as paragraphs; such a task table is still data.
#[test]
fn word_style_table_with_paragraphs_in_cells_is_data() {
    let p = |t: &str| format!("<p class=MsoNormal><span lang=ZH-CN>{t}<o:p></o:p></span></p>");
    let doc = read(&format!(
        "<table class=MsoTableGrid border=1>\
         <tr><td>{}</td><td>{}</td><td>{}</td></tr>\
         <tr><td rowspan=2>{}</td><td>{}{}{}</td><td>{}{}</td></tr>\
         <tr><td>{}{}</td><td>{}</td></tr>\
         </table>",
        p("工作任务"),
        p("具体举措"),
        p("责任单位"),
        p("1.加强领导。"),
        p("(1)成立领导小组。"),
        p("明确职责分工。"),
        p("定期召开会议。"),
        p("办公室"),
        p("人事处"),
        p("(2)建立工作机制。"),
        p("完善制度。"),
        p("各处室"),
    ));
    assert_eq!(
        grid(only_table(&doc)),
        vec![
            vec![
                (0, 1, 1, "工作任务"),
                (1, 1, 1, "具体举措"),
                (2, 1, 1, "责任单位")
            ],
            vec![
                (0, 2, 1, "1.加强领导。"),
                (1, 1, 1, "(1)成立领导小组。\n明确职责分工。\n定期召开会议。"),
                (2, 1, 1, "办公室\n人事处")
            ],
            vec![
                (1, 1, 1, "(2)建立工作机制。\n完善制度。"),
                (2, 1, 1, "各处室")
            ],
        ]
    );
}

/// Old pages wrap everything in tables: a wrapper's content is read as
/// blocks in order, and a data table inside it is still a table.
#[test]
fn layout_tables_do_not_swallow_the_notice() {
    let doc = read(
        "<table width=930><tr><td><img src=logo.gif></td><td>中国政府网</td></tr>\
         <tr><td colspan=2>\
           <table><tr><td>\
             <p>关于印发重点工作任务分工的通知</p>\
             <p>各县（市、区）人民政府：</p>\
             <p>现将任务分工印发给你们，请认真贯彻落实。</p>\
             <table border=1>\
               <tr><td>工作任务</td><td>责任单位</td></tr>\
               <tr><td>1.推进改革。</td><td>发展改革委</td></tr>\
             </table>\
             <p>某某市人民政府办公室</p>\
           </td></tr></table>\
         </td></tr>\
         <tr><td>发布日期：2025年1月10日</td><td>【打印】【关闭】</td></tr></table>",
    );
    let kinds: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.clone(),
            Block::Table(t) => format!("table {}: {:?}", t.index, texts(t)),
            _ => String::new(),
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            "中国政府网",
            "关于印发重点工作任务分工的通知",
            "各县（市、区）人民政府：",
            "现将任务分工印发给你们，请认真贯彻落实。",
            "table 0: [[\"工作任务\", \"责任单位\"], [\"1.推进改革。\", \"发展改革委\"]]",
            "某某市人民政府办公室",
            "发布日期：2025年1月10日",
            "【打印】【关闭】",
        ]
    );
}

/// A page whose notice is one cell of `<br>`-separated lines, between a
/// toolbar row and a date row.
#[test]
fn one_big_cell_of_lines_is_layout() {
    let doc = read(
        "<table><tr><td>【字体：大 中 小】</td><td>打印</td></tr>\
         <tr><td colspan=2>一、总体要求<br>（一）加强领导。成立领导小组，统筹推进各项工作。<br>\
         （二）明确责任。各单位要按照职责分工抓好落实。<br>二、保障措施</td></tr>\
         <tr><td>2025年1月10日</td><td>关闭</td></tr></table>",
    );
    assert!(tables(&doc).is_empty());
    assert_eq!(
        paragraphs(&doc),
        vec![
            "【字体：大 中 小】",
            "打印",
            "一、总体要求",
            "（一）加强领导。成立领导小组，统筹推进各项工作。",
            "（二）明确责任。各单位要按照职责分工抓好落实。",
            "二、保障措施",
            "2025年1月10日",
            "关闭"
        ]
    );
}

/// Text standing in a table outside any cell is put before the table, as
/// browsers do; table parts outside a table are ignored.
#[test]
fn stray_content_in_tables_and_table_parts_outside_tables() {
    let doc = read(
        "<table>表前文字<tr><td>甲</td><td>乙</td></tr><p>也在表前</p>\
         <tr><td>丙</td><td>丁</td></tr></table>\
         <tbody><tr><td>没有表格的单元格</td></tr></tbody>",
    );
    assert_eq!(
        paragraphs(&doc),
        vec!["表前文字", "也在表前", "没有表格的单元格"]
    );
    assert_eq!(
        texts(only_table(&doc)),
        vec![vec!["甲", "乙"], vec!["丙", "丁"]]
    );
}

/// Tables are numbered in document order, layout tables not counted; a
/// caption gives a paragraph before its table.
#[test]
fn tables_are_numbered_and_captions_precede_them() {
    let doc = read(
        "<table><tr><td>唯一的格子</td></tr></table>\
         <table><caption>表1 任务分工</caption><tr><td>甲</td><td>乙</td></tr></table>\
         <p>中间</p>\
         <table><tr><td>丙</td><td>丁</td></tr></table>",
    );
    let order: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.clone(),
            Block::Table(t) => format!("table {}", t.index),
            _ => String::new(),
        })
        .collect();
    assert_eq!(
        order,
        vec!["唯一的格子", "表1 任务分工", "table 0", "中间", "table 1"]
    );
    let second = tables(&doc)[1];
    assert!(matches!(
        second.rows[0].cells[1].pos,
        Position::Cell {
            table: 1,
            row: 0,
            col: 1,
            ..
        }
    ));
}

// ---------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------

/// Paragraphs and cells point at the source line of their first visible
/// character (empty cells at their tag), with `\n` and `\r\n` line
/// breaks, in UTF-8 and in GBK.
#[test]
fn positions_are_lines_of_the_decoded_source() {
    let html = "<html><body>\n\
                <p>第一段\n\
                继续</p>\n\
                <p>\n\
                \u{20}\u{20}\u{20}第二段</p><p><span\n\
                class=x>第三段</span></p>\n\
                <table>\n\
                <tr><td>甲</td><td>\n\
                乙</td></tr>\n\
                <tr><td>丙<td>丁\n\
                <td></td></table>\n";
    for bytes in [html.as_bytes().to_vec(), gbk(&html.replace('\n', "\r\n"))] {
        let (doc, _) = read_bytes(&bytes);
        let lines: Vec<(String, Option<u32>)> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => (p.text.clone(), p.pos.line()),
                _ => (String::new(), None),
            })
            .collect();
        assert_eq!(
            lines[..3],
            [
                ("第一段 继续".to_owned(), Some(2)),
                ("第二段".to_owned(), Some(5)),
                ("第三段".to_owned(), Some(6)),
            ]
        );
        let t = only_table(&doc);
        let cells: Vec<(&str, Option<u32>)> = t
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .map(|c: &Cell| (c.text.as_str(), c.pos.line()))
            .collect();
        assert_eq!(
            cells,
            vec![
                ("甲", Some(8)),
                ("乙", Some(9)),
                ("丙", Some(10)),
                ("丁", Some(10)),
                ("", Some(11))
            ]
        );
        assert_eq!(t.rows[1].pos, Position::Line { line: 10 });
    }
}

// ---------------------------------------------------------------------
// Limits and size
// ---------------------------------------------------------------------

/// Nesting deeper than `max_depth` keeps its text; hostile depth is
/// linear.
#[test]
fn deep_nesting_is_flattened_not_refused() {
    // 200 nested divs and 200 nested tables with the default limits.
    let divs = format!("{}深处的文字{}", "<div>".repeat(200), "</div>".repeat(200));
    let doc = read(&format!("{divs}<p>之后</p>"));
    assert_eq!(paragraphs(&doc), vec!["深处的文字", "之后"]);

    let tables = format!(
        "{}最深的格子{}",
        "<table><tr><td>格".repeat(200),
        "</td></tr></table>".repeat(200)
    );
    let doc = read(&format!("{tables}<p>之后</p>"));
    let all = paragraphs(&doc);
    assert_eq!(all.last(), Some(&"之后"));
    assert!(all.iter().any(|p| p.contains("最深的格子")), "{all:?}");

    // A small depth limit still keeps every piece of text.
    let limits = Limits {
        max_depth: 4,
        ..Limits::default()
    };
    let (doc, _) = read_html(
        b"<div><div><div><div><div><p>\xE7\x94\xB2</p><div>\xE4\xB9\x99</div></div></div></div></div></div>",
        Path::new("deep.html"),
        &limits,
    )
    .unwrap();
    assert_eq!(paragraphs(&doc), vec!["甲", "乙"]);

    // Very deep hostile nesting finishes (linear, no recursion).
    let hostile = format!("{}文字", "<div><table><tr><td><span>".repeat(50_000));
    let doc = read(&hostile);
    assert_eq!(paragraphs(&doc), vec!["文字"]);
}

/// More cells than `max_cells`, or spans covering more grid slots, is an
/// `Error::Limit`; a huge `rowspan` alone is clamped, not an error.
#[test]
fn too_many_cells_is_a_limit_error() {
    let limits = Limits {
        max_cells: 10,
        ..Limits::default()
    };
    let path = Path::new("cells.html");
    let small = "<table><tr><td>甲<td>乙</tr><tr><td>丙<td>丁</tr></table>";
    assert!(read_html(small.as_bytes(), path, &limits).is_ok());
    let many = format!("<table><tr>{}</tr></table>", "<td>格</td>".repeat(11));
    let err = read_html(many.as_bytes(), path, &limits).unwrap_err();
    assert!(
        matches!(err, gongwen::Error::Limit { limit: 10, .. }),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("cells.html: "), "{err}");
    // A span bomb: a cell that would cover 65534 × 1000 slots is clamped to
    // the rows there are, and each slot it covers counts.
    let bomb = |rows: usize| {
        format!(
            "<table><tr><td rowspan=65534 colspan=1000>甲</td><td>乙</td></tr>{}</table>",
            "<tr><td>丙</td></tr>".repeat(rows)
        )
    };
    let (doc, _) = read_html(bomb(300).as_bytes(), path, &Limits::default()).unwrap();
    let t = only_table(&doc);
    assert_eq!(t.rows.len(), 301);
    assert_eq!(grid(t)[0], vec![(0, 301, 1000, "甲"), (1000, 1, 1, "乙")]);
    assert_eq!(grid(t)[300], vec![(1000, 1, 1, "丙")]);
    let err = read_html(bomb(2100).as_bytes(), path, &Limits::default()).unwrap_err();
    assert!(
        matches!(
            err,
            gongwen::Error::Limit {
                limit: 2_000_000,
                ..
            }
        ),
        "{err:?}"
    );
}

/// A 5 MB page of paragraphs and tables is read whole.
#[test]
fn five_megabyte_page_is_read_whole() {
    let row =
        "<tr><td>1.推进改革。</td><td>(1)制定方案。</td><td>2024年6月</td><td>发展改革委</td></tr>";
    let para = "<p style=\"text-indent:2em\"><span>（一）加强领导。</span>成立领导小组，统筹推进各项工作。</p>\n";
    let mut html = String::from("<html><body>");
    let mut paras = 0;
    while html.len() < 5 << 20 {
        html.push_str(para);
        paras += 1;
        if paras % 100 == 0 {
            html.push_str("<table>");
            for _ in 0..20 {
                html.push_str(row);
            }
            html.push_str("</table>");
        }
    }
    let doc = read(&html);
    assert_eq!(paragraphs(&doc).len(), paras);
    let t = tables(&doc);
    assert_eq!(t.len(), paras / 100);
    assert!(t.iter().all(|t| t.rows.len() == 20 && t.width() == 4));
    assert_eq!(
        t.last().map(|t| t.index),
        u32::try_from(paras / 100).ok().map(|n| n - 1)
    );
}

/// Random tag soup never panics and never fails.
#[test]
fn random_tag_soup_never_panics() {
    let pieces = [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "<th rowspan=0>",
        "<td colspan=9999>",
        "</td>",
        "</tr>",
        "<tbody>",
        "<br>",
        "<span style=display:none>",
        "</span>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "&nbsp;",
        "&#x0;",
        "甲",
        "乙\n",
        " ",
        "<li>",
        "<pre>",
        "</pre>",
        "<caption>",
        "<form>",
        "</form>",
        "<svg/>",
        "<b>",
        "</i>",
        "<h2>",
        "</h4>",
        "<nav>",
        "<meta charset=gbk>",
        "\u{3000}",
        "<",
        ">",
        "&",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let limits = Limits {
        max_depth: 6,
        ..Limits::default()
    };
    let flat = Limits {
        max_depth: 0,
        ..Limits::default()
    };
    for _ in 0..1500 {
        let mut s = String::new();
        for _ in 0..(state % 80) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        for l in [&Limits::default(), &limits, &flat] {
            let (doc, _) = read_html(s.as_bytes(), Path::new("soup.html"), l).expect(&s);
            for t in tables(&doc) {
                for r in &t.rows {
                    let mut last = None;
                    for c in &r.cells {
                        assert!(c.row_span >= 1 && c.col_span >= 1, "{s}");
                        assert!(last.is_none_or(|l| c.col > l), "{s}");
                        last = Some(c.col);
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------
// End to end
// ---------------------------------------------------------------------

/// The names of a measure's units.
fn unit_names(m: &Measure) -> Vec<&str> {
    m.units.iter().map(|u| u.name.as_str()).collect()
}

/// A task-division notice as a web page: the interpreter gets the grid,
/// and cells covered by a `rowspan` are inherited.
#[test]
fn task_division_page_end_to_end() {
    let html = "<!DOCTYPE html>\n<html>\n<head>\n\
        <meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\n\
        <title>某某市人民政府办公室关于印发2025年重点工作任务分工的通知</title>\n\
        <script>var nav = '首页';</script>\n</head>\n<body>\n\
        <nav><a href=/>首页</a> &gt; <a href=/zc>政策文件</a></nav>\n\
        <p align=center>某某市人民政府办公室关于印发2025年重点工作任务分工的通知</p>\n\
        <p>某府办发〔2025〕3号</p>\n\
        <p>各县（市、区）人民政府，市直各单位：</p>\n\
        <p>　　现将《2025年重点工作任务分工》印发给你们，请认真贯彻落实。</p>\n\
        <p align=right>某某市人民政府办公室</p>\n\
        <p align=right>2025年1月10日</p>\n\
        <p>（此件公开发布）</p>\n\
        <table border=1 cellspacing=0>\n\
        <tr><th>工作任务<th>具体举措<th>完成时限<th>责任单位\n\
        <tr><td colspan=4>一、优化营商环境\n\
        <tr><td rowspan=2>1.推进政务服务改革。<td>（1）推行政务服务“一网通办”。\
            <td rowspan=2>2025年6月底前<td>市政务服务局\n\
        <tr><td>（2）压缩审批时限。<td>市政务服务局、市司法局\n\
        <tr><td>2.加强信用监管。<td>（3）完善信用监管制度。<td>长期坚持<td>市市场监管局\n\
        <tr><td colspan=4>二、强化要素保障\n\
        <tr><td>3.保障用地需求。<td>（4）编制年度供地计划。<td>2025年3月<td>市自然资源局\n\
        </table>\n</body>\n</html>\n";
    let bytes = gbk(html);
    let notice = gongwen::parse_bytes(&bytes, Path::new("分工.html")).unwrap();
    assert_eq!(notice.source.encoding.as_deref(), Some("GBK"));
    assert_eq!(
        notice.meta.title.as_deref(),
        Some("某某市人民政府办公室关于印发2025年重点工作任务分工的通知")
    );
    assert_eq!(
        notice.meta.doc_number.as_deref(),
        Some("某府办发〔2025〕3号")
    );
    assert_eq!(
        notice.meta.addressees,
        vec!["各县（市、区）人民政府", "市直各单位"]
    );
    assert_eq!(notice.meta.issuer.as_deref(), Some("某某市人民政府办公室"));
    assert_eq!(notice.meta.date, date(2025, 1, 10));
    assert_eq!(notice.meta.annotation.as_deref(), Some("此件公开发布"));

    let sections: Vec<(&str, &str)> = notice
        .outline
        .iter()
        .map(|h| (h.label.as_str(), h.title.as_str()))
        .collect();
    assert_eq!(
        sections,
        vec![("一、", "优化营商环境"), ("二、", "强化要素保障")]
    );
    let tasks: Vec<(u32, &str)> = notice
        .outline
        .iter()
        .flat_map(|h| h.children.iter())
        .map(|t| (t.ordinal, t.title.as_str()))
        .collect();
    assert_eq!(
        tasks,
        vec![
            (1, "推进政务服务改革"),
            (2, "加强信用监管"),
            (3, "保障用地需求")
        ]
    );

    let ms: Vec<&Measure> = notice
        .measures_with_path()
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    let labels: Vec<Option<&str>> = ms.iter().map(|m| m.label.as_deref()).collect();
    assert_eq!(
        labels,
        vec![Some("（1）"), Some("（2）"), Some("（3）"), Some("（4）")]
    );
    assert_eq!(ms[0].text, "推行政务服务“一网通办”。");
    assert_eq!(ms[1].text, "压缩审批时限。");

    let d: Vec<_> = ms.iter().map(|m| m.deadline.as_ref().unwrap()).collect();
    assert_eq!(
        (d[0].raw.as_str(), d[0].due, d[0].inherited),
        ("2025年6月底前", date(2025, 6, 30), false)
    );
    assert_eq!(
        (d[1].raw.as_str(), d[1].due, d[1].inherited),
        ("2025年6月底前", date(2025, 6, 30), true),
        "the deadline merged down two rows is inherited"
    );
    assert!(
        matches!(
            d[1].position,
            Some(Position::Cell {
                table: 0,
                row: 2,
                col: 2,
                ..
            })
        ),
        "an inherited deadline points at the merged cell: {:?}",
        d[1].position
    );
    assert!(d[2].ongoing && !d[2].inherited);
    assert_eq!((d[3].due, d[3].inherited), (date(2025, 3, 31), false));

    assert_eq!(unit_names(ms[0]), vec!["市政务服务局"]);
    assert_eq!(unit_names(ms[1]), vec!["市政务服务局", "市司法局"]);
    assert!(!ms[1].units_inherited);
    assert_eq!(unit_names(ms[2]), vec!["市市场监管局"]);
    assert_eq!(unit_names(ms[3]), vec!["市自然资源局"]);
    // The task cell merged over two rows is read once: both measures are
    // under task 1.
    assert_eq!(notice.outline[0].children[0].measures.len(), 2);
    let nav: Vec<_> = notice
        .meta
        .body
        .iter()
        .filter(|b| b.contains("首页"))
        .collect();
    assert!(nav.is_empty(), "{nav:?}");
}
