//! Page catalogue tables: the metadata table a government site prints above
//! a notice (`索 引 号：| 000014349/2018-00212 | 主题分类：| … `, `标　　题：`,
//! `发文字号：`, `成文日期：`).
//!
//! Such a table is no task table. Its title, document number, issuing
//! authority and date of writing fill the notice's [`Meta`] where the
//! notice's own lines have not; every other entry (索引号, 主题分类, 发布日期 …)
//! is kept in [`Meta::catalog`]. This module reads one table; the
//! interpreter decides when to ask.

use crate::document::Table;
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
        match label {
            "标题" | "名称" if meta.title.is_none() => meta.title = Some(value.clone()),
            "发文字号" | "文号" if meta.doc_number.is_none() => {
                meta.doc_number = Some(value.clone());
            }
            "发文机关" | "发布机构" if meta.issuer.is_none() => {
                meta.issuer = Some(value.clone())
            }
            "成文日期" if meta.date.is_none() => meta.date = parse_date_line(&fold(&value)),
            _ => {}
        }
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
