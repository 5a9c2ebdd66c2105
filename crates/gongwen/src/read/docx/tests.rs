//! Unit tests of the DOCX reader on packages written by hand (raw XML
//! zipped in memory), for markup docx-rs cannot produce: WPS merges, field
//! nesting, tracked changes, alternate content, entities, style-linked
//! numbering, broken parts.
#![allow(clippy::unwrap_used)]

use std::io::{Cursor, Write};
use std::path::Path;

use super::{read_docx, DOCUMENT_PART, NUMBERING_PART, STYLES_PART};
use crate::document::{Block, Cell, Document, Position, Table, TableLayout};
use crate::error::{Error, Result};
use crate::read::Limits;

/// A ZIP archive of `(name, content)` members, stored uncompressed.
pub(crate) fn zip_of(members: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;

/// A `word/document.xml` with `body` inside `w:body`.
fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr><w:pgSz w:w="11906"/></w:sectPr></w:body></w:document>"#
    )
}

/// Reads a package of `document(body)` and extra parts.
fn read_with(body: &str, extra: &[(&str, &str)]) -> Result<Document> {
    let doc = document(body);
    let mut members = vec![(DOCUMENT_PART, doc.as_str())];
    members.extend_from_slice(extra);
    read_docx(&zip_of(&members), Path::new("t.docx"), &Limits::default())
}

/// Reads a package whose body is `body`; panics on error.
fn read(body: &str) -> Document {
    match read_with(body, &[]) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    }
}

/// The paragraphs' texts.
fn texts(doc: &Document) -> Vec<&str> {
    doc.paragraphs().map(|p| p.text.as_str()).collect()
}

/// The tables.
fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

use crate::test_util::cell_spans as grid;

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn tc(props: &str, content: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

#[test]
fn paragraphs_keep_body_indexes_and_skip_empty_ones() {
    let body = format!(
        "{}<w:p/><w:p><w:r><w:t xml:space=\"preserve\">  </w:t></w:r></w:p>{}<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>{}",
        p("一"),
        p("　二　"),
        p("三"),
        p("四")
    );
    let doc = read(&body);
    let got: Vec<(&str, Position)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.text.as_str(), p.pos.clone())),
            _ => None,
        })
        .collect();
    let idx = |index| Position::Paragraph { index };
    assert_eq!(
        got,
        vec![
            ("一", idx(0)),
            ("二", idx(3)),
            ("三", idx(4)),
            ("四", idx(5))
        ]
    );
}

#[test]
fn run_text_tabs_breaks_and_wrappers() {
    let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr>
<w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t></w:r>
<w:hyperlink r:id="rId1" xmlns:r="urn:r"><w:r><w:t>[link]</w:t></w:r></w:hyperlink>
<w:smartTag w:uri="u" w:element="place"><w:smartTagPr/><w:r><w:t>[smart]</w:t></w:r></w:smartTag>
<w:customXml w:element="x"><w:customXmlPr/><w:r><w:t>[custom]</w:t></w:r></w:customXml>
<w:sdt><w:sdtPr><w:placeholder><w:docPart w:val="p"/></w:placeholder></w:sdtPr><w:sdtContent><w:r><w:t>[sdt]</w:t></w:r></w:sdtContent></w:sdt>
<w:ins w:id="1" w:author="a"><w:r><w:t>[ins]</w:t></w:r></w:ins>
<w:del w:id="2" w:author="a"><w:r><w:delText>[del]</w:delText></w:r></w:del>
<w:moveFrom w:id="3"><w:r><w:t>[movedaway]</w:t></w:r></w:moveFrom>
<w:moveTo w:id="4"><w:r><w:t>[moved]</w:t></w:r></w:moveTo>
<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>pin</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>拼</w:t></w:r></w:rubyBase></w:ruby></w:r>
<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:footnoteReference w:id="1"/></w:r>
</w:p>"#;
    assert_eq!(
        texts(&read(body)),
        ["a\tb\nc\nd-e[link][smart][custom][sdt][ins][moved]拼"]
    );
}

#[test]
fn complex_fields_keep_results_only() {
    let run = |inner: &str| format!("<w:r>{inner}</w:r>");
    let fld = |t: &str| run(&format!("<w:fldChar w:fldCharType=\"{t}\"/>"));
    let instr = |t: &str| {
        run(&format!(
            "<w:instrText xml:space=\"preserve\">{t}</w:instrText>"
        ))
    };
    let text = |t: &str| run(&format!("<w:t>{t}</w:t>"));
    // A REF field whose instruction holds a nested field, then its result.
    let body = format!(
        "<w:p>{}{}{}{}{}{}{}{}{}{}{}</w:p>",
        text("见"),
        fld("begin"),
        instr(" REF "),
        fld("begin"),
        instr(" QUOTE x "),
        fld("separate"),
        text("NESTED-RESULT-IN-INSTRUCTION"),
        fld("end"),
        fld("separate"),
        text("第三条"),
        fld("end"),
    ) + &format!(
        "<w:p><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p><w:p>{}{}</w:p>{}",
        fld("begin"),
        instr("BROKEN NO SEPARATE"),
        p("后文")
    );
    assert_eq!(texts(&read(&body)), ["见第三条", "7", "后文"]);
}

#[test]
fn field_results_may_span_paragraphs() {
    let body = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \o</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>目录一</w:t></w:r></w:p>
<w:p><w:r><w:t>目录二</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p><w:p><w:r><w:t>正文</w:t></w:r></w:p>"#;
    assert_eq!(texts(&read(body)), ["目录一", "目录二", "正文"]);
}

#[test]
fn alternate_content_reads_the_fallback_and_text_boxes_join_their_anchor() {
    let textbox =
        |t: &str| format!("<w:txbxContent><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:txbxContent>");
    let body = format!(
        r#"<w:p><w:r><w:t>锚</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wps:txbx>{}</wps:txbx></w:drawing></w:r></w:p>"#,
        textbox("文本框"),
        textbox("文本框"),
        textbox("只有图形")
    );
    assert_eq!(texts(&read(&body)), ["锚后\n文本框", "只有图形"]);
}

#[test]
fn entities_are_resolved_or_kept_literally() {
    let body =
        "<w:p><w:r><w:t>&lt;a&gt; &amp; &quot;&apos; &#x4E00;&#20108; &foo; &#0;</w:t></w:r></w:p>";
    assert_eq!(texts(&read(body)), ["<a> & \"' 一二 &foo; &#0;"]);
    // A DTD declaring an entity: nothing is expanded.
    let doc = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY boom "BOOM">]><w:document {NS}><w:body><w:p><w:r><w:t>&boom;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let bytes = zip_of(&[(DOCUMENT_PART, &doc)]);
    let d = read_docx(&bytes, Path::new("t.docx"), &Limits::default()).unwrap();
    assert_eq!(texts(&d), ["&boom;"]);
}

#[test]
fn grid_spans_merges_and_wps_hmerge() {
    let row = |cells: &[String], tr_pr: &str| {
        format!("<w:tr><w:trPr>{tr_pr}</w:trPr>{}</w:tr>", cells.concat())
    };
    let body = format!(
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{}{}{}{}{}{}</w:tbl>",
        row(&[tc("<w:gridSpan w:val=\"2\"/>", &p("ab")), tc("", &p("c")), tc("", &p("d"))], ""),
        row(&[tc("<w:vMerge w:val=\"restart\"/>", &p("v")), tc("<w:hMerge w:val=\"restart\"/>", &p("h")), tc("<w:hMerge/>", "<w:p/>"), tc("", &p("x"))], ""),
        row(&[tc("<w:vMerge/>", "<w:p/>"), tc("<w:gridSpan w:val=\"3\"/>", &p("wide"))], ""),
        row(&[tc("<w:vMerge w:val=\"continue\"/>", &p("more")), tc("", &p("y"))], "<w:gridAfter w:val=\"2\"/>"),
        row(&[tc("", &p("after-before"))], "<w:gridBefore w:val=\"3\"/>"),
        row(&[tc("<w:vMerge/>", &p("orphan"))], "<w:del w:id=\"9\" w:author=\"a\"/>"),
    );
    let doc = read(&body);
    let t = tables(&doc)[0];
    assert_eq!(t.layout, TableLayout::Grid);
    assert_eq!(t.width(), 4);
    assert_eq!(
        grid(t),
        vec![
            vec![("ab", 0, 1, 2), ("c", 2, 1, 1), ("d", 3, 1, 1)],
            vec![("v\nmore", 0, 3, 1), ("h", 1, 1, 2), ("x", 3, 1, 1)],
            vec![("wide", 1, 1, 3)],
            vec![("y", 1, 1, 1)],
            vec![("after-before", 3, 1, 1)],
        ]
    );
    let c = &t.rows[1].cells[2];
    assert_eq!(
        c.pos,
        Position::Cell {
            table: 0,
            row: 1,
            col: 3,
            line: None
        }
    );
}

#[test]
fn a_continue_without_a_start_is_an_ordinary_cell() {
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc("<w:vMerge/>", &p("a")),
        tc("", &p("b")),
        tc("<w:vMerge/>", &p("c")),
        tc("<w:vMerge/>", &p("d")),
    );
    let doc = read(&body);
    // `a` starts a merge `c` continues; `d` has nothing to continue above
    // it (`b` is not merged), so it stands alone.
    assert_eq!(
        grid(tables(&doc)[0]),
        vec![
            vec![("a\nc", 0, 2, 1), ("b", 1, 1, 1)],
            vec![("d", 1, 1, 1)]
        ]
    );
}

#[test]
fn rows_and_cells_inside_content_controls() {
    let body = format!(
        "<w:tbl><w:sdt><w:sdtPr/><w:sdtContent><w:tr><w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt><w:customXml>{}</w:customXml></w:tr></w:sdtContent></w:sdt></w:tbl>",
        tc("", &p("a")),
        tc("", &p("b"))
    );
    assert_eq!(
        grid(tables(&read(&body))[0]),
        vec![vec![("a", 0, 1, 1), ("b", 1, 1, 1)]]
    );
}

#[test]
fn hostile_spans_do_not_overflow() {
    let body = format!(
        "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"4294967295\"/></w:trPr>{}{}{}</w:tr></w:tbl>",
        tc("<w:gridSpan w:val=\"4294967295\"/>", &p("a")),
        tc("<w:gridSpan w:val=\"-3\"/>", &p("b")),
        tc("<w:gridSpan w:val=\"0\"/>", &p("c")),
    );
    let doc = read(&body);
    let t = tables(&doc)[0];
    assert_eq!(
        grid(t),
        vec![vec![
            ("a", 4096, 1, 4096),
            ("b", 8192, 1, 1),
            ("c", 8193, 1, 1)
        ]]
    );
    assert_eq!(t.width(), 8194);
}

#[test]
fn nested_tables_join_the_cell_text() {
    let inner = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc("", &p("甲")),
        tc("", "<w:p/>"),
        tc("", &p("丙")),
        tc("", &p("丁"))
    );
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>{}",
        tc("", &format!("{}{inner}{}", p("前"), p("后"))),
        tc("", &p("右")),
        p("表后")
    );
    let doc = read(&body);
    assert_eq!(tables(&doc).len(), 1);
    assert_eq!(
        grid(tables(&doc)[0]),
        vec![vec![("前\n甲\n丙 丁\n后", 0, 1, 1), ("右", 1, 1, 1)]]
    );
    assert_eq!(texts(&doc), ["表后"]);
}

#[test]
fn nesting_and_cell_limits_are_typed_errors() {
    let mut body = p("最里");
    for _ in 0..5 {
        body = format!("<w:tbl><w:tr>{}</w:tr></w:tbl><w:p/>", tc("", &body));
    }
    let bytes = zip_of(&[(DOCUMENT_PART, &document(&body))]);
    let path = Path::new("t.docx");
    let limits = |max_depth, max_cells| Limits {
        max_depth,
        max_cells,
        ..Limits::default()
    };
    let ok = read_docx(&bytes, path, &limits(5, 5)).unwrap();
    assert_eq!(tables(&ok)[0].rows[0].cells[0].text, "最里");
    let deep = read_docx(&bytes, path, &limits(4, 100));
    assert!(
        matches!(&deep, Err(Error::Limit { what, limit: 4, .. }) if what.contains("nesting")),
        "{deep:?}"
    );
    let many = read_docx(&bytes, path, &limits(32, 4));
    assert!(
        matches!(&many, Err(Error::Limit { what, limit: 4, .. }) if what.contains("cells")),
        "{many:?}"
    );
    // Text boxes in text boxes count as nesting too.
    let mut para = p("框");
    for _ in 0..40 {
        para = format!("<w:p><w:r><w:pict><v:textbox><w:txbxContent>{para}</w:txbxContent></v:textbox></w:pict></w:r></w:p>");
    }
    let bytes = zip_of(&[(DOCUMENT_PART, &document(&para))]);
    assert!(matches!(
        read_docx(&bytes, path, &Limits::default()),
        Err(Error::Limit { .. })
    ));
}

#[test]
fn broken_parts_are_corrupt() {
    let path = Path::new("t.docx");
    let limits = Limits::default();
    let corrupt_part = |bytes: &[u8]| match read_docx(bytes, path, &limits) {
        Err(Error::Corrupt { part, .. }) => part,
        other => panic!("{other:?}"),
    };
    // Mismatched end tag.
    let bad = document("<w:p><w:r><w:t>x</w:r></w:p>");
    let part = corrupt_part(&zip_of(&[(DOCUMENT_PART, &bad)]));
    let at: usize = part
        .strip_prefix("word/document.xml at byte ")
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(bad[at..].starts_with("</w:r>"), "{part}: {}", &bad[at..]);
    // The part ends inside a paragraph.
    let cut = &document(&p("x"))[..300];
    assert!(corrupt_part(&zip_of(&[(DOCUMENT_PART, cut)])).starts_with("word/document.xml at byte"));
    // No body; no document part; not a ZIP at all.
    let no_body = format!("<w:document {NS}/>");
    assert!(corrupt_part(&zip_of(&[(DOCUMENT_PART, &no_body)])).starts_with("word/document.xml"));
    assert_eq!(
        corrupt_part(&zip_of(&[("word/other.xml", "<x/>")])),
        DOCUMENT_PART
    );
    assert_eq!(corrupt_part(b"PK\x03\x04 not really"), "ZIP archive");
    // Malformed numbering is corrupt too (only read when a paragraph needs it).
    let numbered = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>";
    let err = read_with(
        numbered,
        &[(NUMBERING_PART, "<w:numbering><w:num></w:numbering>")],
    );
    assert!(
        matches!(&err, Err(Error::Corrupt { part, .. }) if part.starts_with("word/numbering.xml at byte")),
        "{err:?}"
    );
    // An empty body is an empty document.
    let empty = format!("<w:document {NS}><w:body/></w:document>");
    let d = read_docx(&zip_of(&[(DOCUMENT_PART, &empty)]), path, &limits).unwrap();
    assert!(d.blocks.is_empty());
}

#[test]
fn default_namespace_prefix_is_followed() {
    let doc = r#"<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><body><p><r><t>无前缀</t></r></p><tbl><tr><tc><p><r><t>格</t></r></p></tc></tr></tbl></body></document>"#;
    let d = read_docx(
        &zip_of(&[(DOCUMENT_PART, doc)]),
        Path::new("t.docx"),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(texts(&d), ["无前缀"]);
    assert_eq!(grid(tables(&d)[0]), vec![vec![("格", 0, 1, 1)]]);
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="multilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/><w:pStyle w:val="Heading1"/><w:suff w:val="nothing"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="0"/></w:tabs></w:pPr></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:pStyle w:val="Heading2"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/>
   <mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimalEnclosedCircle"/></mc:Fallback></mc:AlternateContent>
   <w:lvlText w:val="%3"/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%4条"/></w:lvl>
 <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%5"/><w:isLgl/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="11"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="12"><w:numStyleLink w:val="OutlineList"/></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="12"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:lvlOverride></w:num>
</w:numbering>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="numbering" w:styleId="OutlineList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"#;

/// A paragraph with a style and numbering properties.
fn np(style: &str, num: Option<(u32, u32)>, text: &str) -> String {
    let style = if style.is_empty() {
        String::new()
    } else {
        format!("<w:pStyle w:val=\"{style}\"/>")
    };
    let num = num.map_or(String::new(), |(id, lvl)| {
        format!("<w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>")
    });
    format!("<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn numbering_from_paragraphs_and_styles() {
    let body = [
        np("Heading1", None, "总体要求"),
        np("Heading2", None, "指导思想"),
        np("", Some((1, 2)), "圆圈"),
        np("", Some((1, 2)), "圆圈二"),
        np("", Some((1, 3)), "条款"),
        np("", Some((1, 4)), "法定"),
        np("MyHeading", None, "基于样式"),
        np("Heading1", None, "重点任务"),
        np("Heading2", Some((0, 0)), "不编号"),
        np("Heading2", None, "重新开始"),
        np("", Some((2, 0)), "项目符号"),
        np("", Some((3, 0)), "重新编号"),
        np("", Some((3, 0)), "继续"),
        np("", Some((4, 1)), "链接样式"),
        np("", Some((5, 0)), "覆盖级别"),
        np("", Some((99, 0)), "未知编号"),
        np("Heading1", None, ""),
        np("Heading1", None, "空段也计数"),
        format!(
            "<w:tbl><w:tr>{}</w:tr></w:tbl>",
            tc("", &np("Heading2", None, "格内"))
        ),
    ]
    .concat();
    let doc = read_with(&body, &[(NUMBERING_PART, NUMBERING), (STYLES_PART, STYLES)]).unwrap();
    assert_eq!(
        texts(&doc),
        [
            "一、总体要求",
            "（一）指导思想",
            "①圆圈",
            "②圆圈二",
            "第1条 条款",
            "1.1.1 法定",
            "（二）基于样式",
            "二、重点任务",
            "不编号",
            "（一）重新开始",
            "项目符号",
            "五、重新编号",
            "六、继续",
            "（二）链接样式",
            "I.覆盖级别",
            "未知编号",
            "四、空段也计数",
        ]
    );
    assert_eq!(tables(&doc)[0].rows[0].cells[0].text, "（一）格内");
}

#[test]
fn numbering_without_parts_is_ignored() {
    let body = np("Heading1", Some((1, 0)), "无定义");
    assert_eq!(texts(&read(&body)), ["无定义"]);
    let only_numbering = read_with(&body, &[(NUMBERING_PART, NUMBERING)]).unwrap();
    assert_eq!(texts(&only_numbering), ["一、无定义"]);
}

#[test]
fn encrypted_members_and_limits() {
    let doc = document(&p("x"));
    let mut bytes = zip_of(&[(DOCUMENT_PART, &doc)]);
    // Set the encryption flag (bit 0) in the local and central headers.
    for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let at = bytes.windows(4).position(|w| w == sig).unwrap();
        let flags = at + if sig[2] == 3 { 6 } else { 8 };
        bytes[flags] |= 1;
    }
    let path = Path::new("t.docx");
    assert!(matches!(
        read_docx(&bytes, path, &Limits::default()),
        Err(Error::Encrypted { .. })
    ));
    let bytes = zip_of(&[(DOCUMENT_PART, &doc)]);
    let small = |max_part_size, max_total_size| Limits {
        max_part_size,
        max_total_size,
        ..Limits::default()
    };
    assert!(matches!(
        read_docx(&bytes, path, &small(100, 1 << 20)),
        Err(Error::Limit { limit: 100, .. })
    ));
    assert!(matches!(
        read_docx(&bytes, path, &small(1 << 20, 100)),
        Err(Error::Limit { limit: 100, .. })
    ));
    assert!(read_docx(&bytes, path, &small(1 << 20, 1 << 20)).is_ok());
}

#[test]
fn cells_are_positioned_on_the_grid() {
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl><w:tbl><w:tr>{}</w:tr></w:tbl>",
        tc("<w:gridSpan w:val=\"2\"/>", &p("a")),
        tc("", &format!("{}{}{}", p("1"), "<w:p/>", p("2"))),
        tc("", &p("b"))
    );
    let doc = read(&body);
    let t = tables(&doc);
    assert_eq!(t[1].index, 1);
    assert_eq!(
        t[0].rows[0].cells[1],
        Cell {
            text: "1\n2".to_owned(),
            col: 2,
            row_span: 1,
            col_span: 1,
            pos: Position::Cell {
                table: 0,
                row: 0,
                col: 2,
                line: None
            }
        }
    );
}
