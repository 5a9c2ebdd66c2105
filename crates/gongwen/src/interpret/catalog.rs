//! Page catalogue tables: the metadata table a government site prints above
//! a notice (`索 引 号：| 000014349/2018-00212 | 主题分类：| … `, `标　　题：`,
//! `发文字号：`, `成文日期：`).
//!
//! Such a table is no task table. Its title, document number, issuing
//! authority and date of writing fill the notice's [`Meta`] where the
//! notice's own lines have not; every other entry (索引号, 主题分类, 发布日期 …)
//! is kept in [`Meta::catalog`]. The same metadata printed as one line of
//! a pasted page (`发布日期:2023-03-03 09:37 信息来源:市政府办公室 浏览次数:`) is read
//! by [`read_catalog_line`]. This module reads one table or line; the
//! interpreter decides when to ask.

use crate::document::{Position, Table};
use crate::model::{CatalogEntry, Meta};
use crate::normalize::fold;

use super::meta::parse_date_line;

/// Labels a catalogue table uses (spaces removed, folded).
const LABELS: [&str; 18] = [
    "索引号",
    "主题分类",
    "发文机关",
    "成文日期",
    "标题",
    "发文字号",
    "发布日期",
    "主题词",
    "文号",
    "发布机构",
    "生效日期",
    "有效性",
    "体裁分类",
    "组配分类",
    "名称",
    "公开方式",
    "信息来源",
    "废止日期",
];

/// Labels only a page line uses (a site's own chrome), besides [`LABELS`].
const LINE_LABELS: [&str; 9] = [
    "发布时间",
    "来源",
    "浏览次数",
    "点击数",
    "点击次数",
    "阅读次数",
    "访问量",
    "作者",
    "字号",
];

/// Reads a paragraph that is wholly page metadata — two or more `label:value`
/// pairs with known labels, separated by white space (`发布日期:2023-03-03
/// 09:37 信息来源:市政府办公室 浏览次数:`) — into `meta` as [`Meta::catalog`]
/// entries (and fields, as [`read_catalog`] does). Returns `false`, changing
/// nothing, for any other paragraph.
pub fn read_catalog_line(text: &str, pos: &Position, meta: &mut Meta) -> bool {
    // Cheap test first: every paragraph of the front matter is asked.
    if text.len() > 1200 || !text.contains([':', '：']) {
        return false;
    }
    let orig: Vec<char> = text.chars().collect();
    let folded: Vec<char> = fold(text).chars().collect();
    if folded.len() != orig.len() || orig.len() > 300 {
        return false;
    }
    // A known label followed by a colon at `i`: the label's length and
    // where its value starts.
    let label_at = |i: usize| -> Option<(&'static str, usize)> {
        let mut best: Option<(&'static str, usize)> = None;
        for l in LABELS.iter().chain(LINE_LABELS.iter()) {
            let n = l.chars().count();
            if i + n < folded.len()
                && folded[i..i + n].iter().copied().eq(l.chars())
                && folded[i + n] == ':'
                && best.is_none_or(|(b, _)| b.chars().count() < n)
            {
                best = Some((l, i + n + 1));
            }
        }
        best
    };
    let mut i = folded.iter().take_while(|c| c.is_whitespace()).count();
    let mut entries: Vec<(&'static str, String, String)> = Vec::new();
    while i < folded.len() {
        let Some((label, start)) = label_at(i) else {
            return false;
        };
        // The value runs to the next label after white space.
        let mut end = start;
        while end < folded.len() && !(folded[end - 1].is_whitespace() && label_at(end).is_some()) {
            end += 1;
        }
        let printed: String = orig[i..start].iter().collect();
        let value: String = orig[start..end].iter().collect();
        entries.push((label, printed, value.trim().to_owned()));
        i = end;
    }
    if entries.len() < 2 {
        return false;
    }
    for (label, printed, value) in entries {
        fill(meta, label, &value);
        meta.catalog.push(CatalogEntry {
            label: printed,
            value,
            position: Some(pos.clone()),
        });
    }
    true
}

/// Fills the field of `meta` an entry names, when it is still empty.
fn fill(meta: &mut Meta, label: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    match label {
        "标题" | "名称" if meta.title.is_none() => meta.title = Some(value.to_owned()),
        "发文字号" | "文号" if meta.doc_number.is_none() => {
            meta.doc_number = Some(value.to_owned());
        }
        "发文机关" | "发布机构" if meta.issuer.is_none() => {
            meta.issuer = Some(value.to_owned())
        }
        "成文日期" if meta.date.is_none() => meta.date = parse_date_line(&fold(value)),
        _ => {}
    }
}

/// The label a cell states (`标　　题：` → `标题`), if it is one of [`LABELS`].
fn label_of(text: &str) -> Option<&'static str> {
    let compact: String = fold(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    let name = compact.strip_suffix(':').unwrap_or(&compact);
    LABELS.iter().copied().find(|l| *l == name)
}

/// Reads `table` as a catalogue table into `meta`. Returns `false`, changing
/// nothing, when it is not one (fewer than two known labels, or a label cell
/// that is not followed by its value).
pub fn read_catalog(table: &Table, meta: &mut Meta) -> bool {
    let mut entries = Vec::new();
    let mut labels = 0;
    for row in &table.rows {
        let mut cells = row.cells.iter().peekable();
        while let Some(cell) = cells.next() {
            let Some(label) = label_of(&cell.text) else {
                if !cell.text.trim().is_empty() {
                    // A value with no label before it: not a catalogue.
                    return false;
                }
                continue;
            };
            labels += 1;
            let value = match cells.peek() {
                Some(next) if label_of(&next.text).is_none() => {
                    let v = next.text.trim().to_owned();
                    let pos = next.pos.clone();
                    cells.next();
                    (v, pos)
                }
                _ => (String::new(), cell.pos.clone()),
            };
            entries.push((label, cell.text.trim().to_owned(), value));
        }
    }
    if labels < 2 {
        return false;
    }
    for (label, printed, (value, pos)) in entries {
        if value.is_empty() {
            continue;
        }
        fill(meta, label, &value);
        // Every entry is kept as printed, the ones read into fields too.
        meta.catalog.push(CatalogEntry {
            label: printed,
            value,
            position: Some(pos),
        });
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Cell, Position, Row, TableLayout};

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            index: 0,
            layout: TableLayout::Grid,
            rows: rows
                .iter()
                .enumerate()
                .map(|(r, cells)| Row {
                    cells: cells
                        .iter()
                        .enumerate()
                        .map(|(c, t)| {
                            Cell::new(
                                *t,
                                c as u32,
                                Position::Line {
                                    line: (r * 10 + c) as u32,
                                },
                            )
                        })
                        .collect(),
                    pos: Position::Line { line: r as u32 },
                })
                .collect(),
        }
    }

    #[test]
    fn gov_cn_catalogue() {
        let t = table(&[
            &[
                "索 引 号：",
                "000014349/2018-00212",
                "主题分类：",
                "劳动、人事、监察",
            ],
            &["发文机关：", "国务院", "成文日期：", "2018年11月16日"],
            &[
                "标　　题：",
                "国务院关于做好当前和今后一个时期促进就业工作的若干意见",
            ],
            &[
                "发文字号：",
                "国发〔2018〕39号",
                "发布日期：",
                "2018年12月05日",
            ],
            &["主 题 词：", ""],
        ]);
        let mut meta = Meta::default();
        assert!(read_catalog(&t, &mut meta));
        assert_eq!(
            meta.title.as_deref(),
            Some("国务院关于做好当前和今后一个时期促进就业工作的若干意见")
        );
        assert_eq!(meta.doc_number.as_deref(), Some("国发〔2018〕39号"));
        assert_eq!(meta.issuer.as_deref(), Some("国务院"));
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2018-11-16")
        );
        let labels: Vec<&str> = meta.catalog.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "索 引 号：",
                "主题分类：",
                "发文机关：",
                "成文日期：",
                "标　　题：",
                "发文字号：",
                "发布日期："
            ]
        );
    }

    #[test]
    fn a_pasted_page_line() {
        let mut meta = Meta::default();
        let pos = Position::Line { line: 2 };
        assert!(read_catalog_line(
            "发布日期:2023-03-03 09:37 信息来源:市政府办公室 浏览次数:",
            &pos,
            &mut meta
        ));
        let entries: Vec<(&str, &str)> = meta
            .catalog
            .iter()
            .map(|e| (e.label.as_str(), e.value.as_str()))
            .collect();
        assert_eq!(
            entries,
            [
                ("发布日期:", "2023-03-03 09:37"),
                ("信息来源:", "市政府办公室"),
                ("浏览次数:", "")
            ]
        );
        assert!(read_catalog_line(
            "成文日期：2023年3月1日　发文字号：嘉政办发〔2023〕7号",
            &pos,
            &mut meta
        ));
        assert_eq!(meta.doc_number.as_deref(), Some("嘉政办发〔2023〕7号"));
    }

    #[test]
    fn other_lines_are_no_page_line() {
        let pos = Position::Line { line: 1 };
        for text in [
            "牵头单位：市财政局 责任单位：市税务局",
            "来源：新华社",
            "发布日期：2023-03-03 加强领导。",
            "一、发布日期:2023 来源:市政府",
        ] {
            let mut meta = Meta::default();
            assert!(!read_catalog_line(text, &pos, &mut meta), "{text}");
            assert!(meta.catalog.is_empty());
        }
    }

    #[test]
    fn task_tables_are_no_catalogue() {
        let mut meta = Meta::default();
        let t = table(&[
            &["序号", "工作任务", "责任单位"],
            &["1", "开展检查", "市应急局"],
        ]);
        assert!(!read_catalog(&t, &mut meta));
        let t = table(&[&["标题：", "某某"], &["备注", "另有说明"]]);
        assert!(!read_catalog(&t, &mut meta));
        assert!(meta.catalog.is_empty());
    }
}
