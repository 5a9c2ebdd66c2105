//! Unit tests of the HTML reader's parts: charset sniffing, the tree
//! builder's tag-soup rules and bounds, white-space collapsing and the
//! layout-table rule. The whole reader is tested on pages in
//! `tests/html.rs`.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use super::blocks::{is_layout, Metrics};
use super::charset::{prescan, sniff};
use super::tree::{build, Kind, NodeId, Tag, Tree, ROOT};
use super::*;
use crate::document::Block;

/// The paragraphs and tables (as rows of cell texts) of a page.
fn blocks_of(html: &str, limits: &Limits) -> Vec<String> {
    let (doc, _) = read_html(html.as_bytes(), Path::new("t.html"), limits).unwrap();
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.clone(),
            Block::Table(t) => {
                let rows: Vec<String> = t
                    .rows
                    .iter()
                    .map(|r| {
                        r.cells
                            .iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .collect();
                format!("[{}]", rows.join(" / "))
            }
        })
        .collect()
}

/// [`blocks_of`] with the default limits.
fn blocks(html: &str) -> Vec<String> {
    blocks_of(html, &Limits::default())
}

/// The tree of `html` with the default limits.
fn tree(html: &str) -> Tree {
    build(html, &Limits::default(), Path::new("t.html")).unwrap()
}

/// The tree as an outline: elements by tag, text in quotes, breaks as `/`.
fn outline(t: &Tree, id: NodeId) -> String {
    let mut out = String::new();
    for c in t.children(id) {
        match &t.nodes[c].kind {
            Kind::Element(e) => {
                out.push_str(&format!("{:?}(", e.tag).to_lowercase());
                out.push_str(&outline(t, c));
                out.push(')');
            }
            Kind::Text { text, .. } => out.push_str(&format!("{text:?}")),
            Kind::Break => out.push('/'),
            Kind::CellSep => out.push('|'),
            Kind::Root => {}
        }
    }
    out
}

// --- charset ---------------------------------------------------------

/// The prescan: both forms of declaration, quoting, comments, other tags,
/// unknown labels and the browsers' remappings.
#[test]
fn prescan_finds_declarations_as_browsers_do() {
    let gbk = Some(encoding_rs::GBK);
    assert_eq!(prescan(b"<meta charset=gb2312>"), gbk);
    assert_eq!(prescan(b"<META CHARSET='GBK'/>"), gbk);
    assert_eq!(
        prescan(b"<meta content=\"text/html; charset=x-gbk\" http-equiv=\"Content-Type\">"),
        gbk
    );
    assert_eq!(
        prescan(b"<meta http-equiv=Content-Type content='text/html;charset = \"gb2312\"'>"),
        gbk
    );
    // A `>` inside another tag's attribute and a meta inside a comment.
    assert_eq!(
        prescan(
            b"<a title='x > <meta charset=big5>'><!-- <meta charset=big5> --><meta charset=gbk>"
        ),
        gbk
    );
    // `content` without `http-equiv` declares nothing; unknown labels are skipped.
    assert_eq!(prescan(b"<meta content='text/html; charset=gbk'>"), None);
    assert_eq!(prescan(b"<meta charset=klingon><meta charset=gbk>"), gbk);
    assert_eq!(prescan(b"<metadata charset=gbk>"), None);
    // As in browsers: UTF-16 in a meta means UTF-8; x-user-defined windows-1252.
    assert_eq!(
        prescan(b"<meta charset=utf-16le>"),
        Some(encoding_rs::UTF_8)
    );
    assert_eq!(
        prescan(b"<meta charset=x-user-defined>"),
        Some(encoding_rs::WINDOWS_1252)
    );
    assert_eq!(prescan(b"<meta charset="), None);
    assert_eq!(
        prescan(b"<meta http-equiv=content-type content='charset"),
        None
    );
}

/// BOM, declaration, UTF-8, then the guess, which prefers a Chinese
/// encoding the bytes are valid in.
#[test]
fn sniffing_order_and_the_guess() {
    assert_eq!(sniff(b"\xEF\xBB\xBF<p>x"), (encoding_rs::UTF_8, 3));
    assert_eq!(sniff(b"\xFF\xFE<\0"), (encoding_rs::UTF_16LE, 2));
    assert_eq!(sniff(b"plain ascii"), (encoding_rs::UTF_8, 0));
    assert_eq!(
        sniff(b"<meta charset=gbk>plain ascii"),
        (encoding_rs::GBK, 0),
        "a declaration counts when the bytes are ASCII"
    );
    // A character or two of GBK look like EUC-KR or windows-1252 to
    // chardetng; the reader prefers a Chinese encoding the bytes are valid
    // in. (Some are valid UTF-8: 通知 is CD A8 D6 AA.)
    for short in ["<title>附件</title>", "<p>的</p>"] {
        let (bytes, _, _) = encoding_rs::GBK.encode(short);
        assert_eq!(sniff(&bytes).0, encoding_rs::GBK, "{short}");
    }
    // Bytes that are not GBK keep the guess.
    assert_eq!(
        sniff("<p>caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e</p>".as_bytes()).0,
        encoding_rs::UTF_8
    );
    let (latin, _, _) =
        encoding_rs::WINDOWS_1252.encode("<p>Caf\u{e9} cr\u{e8}me, d\u{e9}j\u{e0} vu.</p>");
    assert_eq!(sniff(&latin).0, encoding_rs::WINDOWS_1252);
}

// --- tree ------------------------------------------------------------

/// `rowspan`/`colspan` parsing and `display:none` detection.
#[test]
fn span_attributes_and_inline_styles() {
    use super::tree::Tag as T;
    let t = tree(
        "<table><tr><td rowspan=' 3x' colspan=+2>a<td rowspan=abc colspan=99999999999>b</table>",
    );
    let spans: Vec<(Option<u32>, Option<u32>)> = t
        .nodes
        .iter()
        .filter_map(|n| match &n.kind {
            Kind::Element(e) if e.tag == T::Td => Some((e.rowspan, e.colspan)),
            _ => None,
        })
        .collect();
    assert_eq!(spans, vec![(Some(3), Some(2)), (None, Some(u32::MAX))]);
    assert_eq!(
        blocks("<p>a<span style='color:red; Display : NONE !important'>b</span>c<span style='display:block'>d</span></p>"),
        vec!["acd"]
    );
}

/// `<p>`, `<li>`, `<dt>`/`<dd>` and headings close as in browsers.
#[test]
fn implied_end_tags() {
    let t = tree("<p>a<p>b<div>c</div><ul><li>d<li>e</ul><h2>f<h3>g</h3><dl><dt>h<dd>i</dl>");
    assert_eq!(
        outline(&t, ROOT),
        r#"p("a")p("b")div("c")ul(li("d")li("e"))h(2)("f")h(3)("g")dl(dt("h")dd("i"))"#
    );
    // A `<p>` is not closed through a table cell.
    let t = tree("<p>a<table><tr><td><p>b<div>c</div></table>d");
    assert_eq!(
        outline(&t, ROOT),
        r#"p("a")table(tr(td(p("b")div("c"))))"d""#
    );
}

/// Implied rows, cells closing cells, foster parenting, tables in tables,
/// end tags stopped by cells, row groups.
#[test]
fn table_soup() {
    // Cells without rows, unclosed cells and rows, a cell closing a cell.
    let t = tree("<table><td>a<td>b<tr><th>c</table>");
    assert_eq!(outline(&t, ROOT), r#"table(tr(td("a")td("b"))tr(th("c")))"#);
    // Foster parenting: text and elements in a table outside cells go
    // before the table; white space there is dropped.
    let t = tree("<div><table> x <tr> <b>y</b><td>z</td> <span>w</span></tr></table></div>");
    assert_eq!(outline(&t, ROOT), r#"div(" x yw"table(tr(td("z"))))"#);
    // `<table>` directly in a table ends it; in a cell it nests.
    let t = tree("<table><tr><table><tr><td>a</table><table><tr><td><table><tr><td>b</table>");
    assert_eq!(
        outline(&t, ROOT),
        r#"table(tr())table(tr(td("a")))table(tr(td(table(tr(td("b"))))))"#
    );
    // An end tag does not reach through a cell; a stray one is ignored.
    let t = tree("<div><table><tr><td>a</div>b</td></tr></table>c</div>d</span>");
    assert_eq!(outline(&t, ROOT), r#"div(table(tr(td("ab")))"c")"d""#);
    // Row groups number the rows.
    let t = tree("<table><tr><td>a<tbody><tr><td>b<tr><td>c<tfoot><tr><td>d</table>");
    let groups: Vec<u32> = t
        .nodes
        .iter()
        .filter_map(|n| match &n.kind {
            Kind::Element(e) if e.tag == Tag::Tr => Some(e.group),
            _ => None,
        })
        .collect();
    assert_eq!(groups, vec![0, 1, 1, 2]);
}

/// Inline tags only carry text, unless hidden; `</p>` and `</br>` alone
/// are breaks.
#[test]
fn inline_tags_leave_no_nodes_unless_hidden() {
    let t = tree("<p><b>a<i>b</b>c</i><span hidden>d<span>e</span>f</span>g</p>");
    assert_eq!(outline(&t, ROOT), r#"p("abc"span("d"span("e")"f")"g")"#);
    // `</p>` without `<p>` is a break; `</br>` is `<br>`.
    let t = tree("a</p>b</br>c<br/>d");
    assert_eq!(outline(&t, ROOT), r#""a"/"b"/"c"/"d""#);
}

/// Text nodes know their source lines, also across a multi-line inline tag.
#[test]
fn text_lines_count_every_kind_of_line_break() {
    let t = tree("\n<p>a</p>\r\n<p>b</p>\r<p>c<span\nclass=x>d</span></p>");
    let lines: Vec<String> = t
        .nodes
        .iter()
        .filter_map(|n| match &n.kind {
            Kind::Text { text, line, marks } if !text.trim().is_empty() => {
                Some(format!("{text} {line} {marks:?}"))
            }
            _ => None,
        })
        .collect();
    assert_eq!(lines, vec!["a 2 []", "b 3 []", "cd 4 [(1, 5)]"]);
}

/// Beyond `max_depth` elements are flattened: blocks become breaks,
/// tables text, hidden elements are skipped.
#[test]
fn nesting_beyond_the_depth_is_flattened() {
    let limits = Limits {
        max_depth: 3,
        ..Limits::default()
    };
    let build3 = |html: &str| build(html, &limits, Path::new("t.html")).unwrap();
    // Blocks beyond the depth are breaks; their end tags do not close the
    // open elements.
    let t = build3("<div><div><div><div>a<div>b</div>c</div>d</div>e</div>f</div>g");
    assert_eq!(
        outline(&t, ROOT),
        r#"div(div(div(/"a"/"b"/"c"/"d")"e")"f")"g""#
    );
    // A table beyond the depth is text: rows are breaks, cells separators.
    let t = build3("<div><table><tr><td>a<td>b<tr><td>c</table>d</div>e");
    assert_eq!(outline(&t, ROOT), r#"div(//|"a"|"b"/|"c"/"d")"e""#);
    assert_eq!(
        blocks_of(
            "<div><table><tr><td>a<td>b<tr><td>c</table>d</div>e",
            &limits
        ),
        vec!["a b", "c", "d", "e"]
    );
    // A hidden element beyond the depth is skipped to its end tag, or to
    // the end tag of an open element.
    let html = "<div><div><div><script>x</script><span hidden>y<span>z</span>w</span>v</div>u\
                <div style=display:none>t</div>s";
    let t = build3(html);
    // (The last hidden div is within the depth: it is a node, hidden.)
    assert_eq!(outline(&t, ROOT), r#"div(div(div("v")"u"div("t")"s"))"#);
    assert_eq!(blocks_of(html, &limits), vec!["v", "us"]);
    let t = build3("<div><div><div><nav>hidden<p>more</div>after");
    assert_eq!(outline(&t, ROOT), r#"div(div(div()"after"))"#);
}

/// Every cell of a table counts; span slots count in data tables.
#[test]
fn cells_are_counted_toward_the_limit() {
    let limits = Limits {
        max_cells: 3,
        ..Limits::default()
    };
    let path = Path::new("t.html");
    assert!(build("<table><tr><td><td><td></table>", &limits, path).is_ok());
    assert!(matches!(
        build("<table><tr><td><td><td><td></table>", &limits, path),
        Err(crate::Error::Limit { limit: 3, .. })
    ));
    // Cells outside any table are not cells.
    assert!(build(&"<td>x".repeat(10), &limits, path).is_ok());
    // Grid slots covered by spans count in data tables.
    let spans = "<table><tr><td colspan=2>a</td><td>b</td></tr></table>";
    assert!(read_html(spans.as_bytes(), path, &limits).is_ok());
    let spans =
        "<table><tr><td colspan=2 rowspan=2>a</td><td>b</td></tr><tr><td>c</td></tr></table>";
    assert!(matches!(
        read_html(spans.as_bytes(), path, &limits),
        Err(crate::Error::Limit { .. })
    ));
}

// --- blocks ----------------------------------------------------------

/// `&nbsp;` does not collapse, U+3000 stays inside a line, everything is
/// trimmed at line ends; invisible characters go.
#[test]
fn white_space_rules() {
    assert_eq!(
        blocks("<p> \t a \n b&nbsp;&nbsp;c &nbsp; d\u{3000}e\u{3000} </p><p>&nbsp; &nbsp;</p><p>\u{3000}\u{3000}f</p>"),
        vec!["a b  c   d\u{3000}e", "f"]
    );
    assert_eq!(
        blocks("<pre>\n  a  b\n\n c</pre><p>x<b> </b> <i> y</i></p>"),
        vec!["a  b", "c", "x y"]
    );
    assert_eq!(blocks("<p>a\u{AD}b\u{200B}c\u{FEFF}d</p>"), vec!["abcd"]);
}

/// The three layout rules and the cases that stay data.
#[test]
fn layout_rule() {
    let layout_of = |html: &str| -> Vec<bool> {
        let t = tree(html);
        let m = Metrics::of(&t);
        (0..t.nodes.len())
            .filter(|&id| t.element(id).is_some_and(|e| e.tag == Tag::Table))
            .map(|id| is_layout(&t, &m, id))
            .collect()
    };
    // 1. One cell with text (or none).
    assert_eq!(
        layout_of("<table><tr><td>a</td><td> </td></tr></table>"),
        vec![true]
    );
    assert_eq!(layout_of("<table><tr><td></td></tr></table>"), vec![true]);
    // 2. A dominant cell with paragraphs, alone in its row…
    let page = "<table><tr><td>a</td><td>b</td></tr>\
                <tr><td colspan=2><p>一段很长的文字</p><p>又一段很长的文字</p></td></tr></table>";
    assert_eq!(layout_of(page), vec![true]);
    // …or in a table with a single row of several cells.
    let columns = "<table><tr><td>首页 政策</td><td><p>一段很长的文字</p><p>又一段很长的文字</p></td></tr></table>";
    assert_eq!(layout_of(columns), vec![true]);
    // But a dominant multi-paragraph cell among a grid of cells is data.
    let data = "<table><tr><td>任务</td><td>举措</td><td>单位</td></tr>\
                <tr><td>1.甲</td><td><p>一段很长的文字</p><p>又一段很长的文字</p></td><td>乙</td></tr></table>";
    assert_eq!(layout_of(data), vec![false]);
    // A dominant cell without paragraphs is data.
    let long = "<table><tr><td>标题</td><td>一段很长很长很长很长的文字</td></tr></table>";
    assert_eq!(layout_of(long), vec![false]);
    // 3. Cells holding tables hold most of the text.
    let nested = "<table><tr><td>甲</td><td><table><tr><td>一段很长的文字</td><td>又一段</td></tr></table></td></tr></table>";
    assert_eq!(layout_of(nested), vec![true, false]);
    let small = "<table><tr><td>一段很长的文字</td><td>又一段很长的文字</td></tr>\
                 <tr><td>丙</td><td><table><tr><td>甲</td><td>乙</td></tr></table></td></tr></table>";
    assert_eq!(layout_of(small), vec![false, false]);
    // Hidden cells do not count.
    let hidden = "<table><tr><td>甲</td><td style=display:none>乙</td></tr></table>";
    assert_eq!(layout_of(hidden), vec![true]);
}

/// Widget forms go, page forms stay; headers and footers stay only inside
/// `<main>`/`<article>`.
#[test]
fn forms_headers_and_footers() {
    let long = "很长的正文。".repeat(40);
    assert_eq!(
        blocks(&format!(
            "<form>搜索<input></form><form><p>{long}</p><button>提交</button></form>"
        )),
        vec![long.clone()]
    );
    assert_eq!(
        blocks("<header>站点</header><main><header>标题</header><p>正文</p><footer>落款</footer></main><footer>版权</footer>"),
        vec!["标题", "正文", "落款"]
    );
}
