//! Writes a [`Notice`] as a clean Word document: the front matter as
//! paragraphs, then one task table — a row spanning the table for each
//! top-level heading, the task (deeper heading) in the first column merged
//! down over its measures, one row per measure with its deadline and units.
//!
//! The output is meant to be read back by gongwen and give the same notice
//! (headings, measures, deadlines, units, scopes); a value that the source
//! inherited from a merged cell is written as a merged cell again. What a
//! table cannot hold is left out: headings deeper than the second level
//! become tasks of their own (their nesting is lost) and diagnostics are
//! not written. Building the file is docx-rs's job; this module only lays
//! out the table.

use std::io::Cursor;

use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType, WidthType};

use crate::model::{Heading, Measure, Meta, Notice, Role, Unit};

/// Why a notice could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// docx-rs could not pack the document.
    #[error("cannot write the DOCX package: {0}")]
    Pack(String),
}

/// The table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Task,
    Measure,
    Deadline,
    Units,
    Lead,
    Support,
    Note,
}

impl Column {
    fn header(self) -> &'static str {
        match self {
            Column::Task => "工作任务",
            Column::Measure => "具体举措",
            Column::Deadline => "完成时限",
            Column::Units => "责任单位",
            Column::Lead => "牵头单位",
            Column::Support => "配合单位",
            Column::Note => "备注",
        }
    }

    /// Relative width of the column.
    fn weight(self) -> usize {
        match self {
            Column::Task | Column::Measure => 6,
            Column::Deadline => 3,
            Column::Units | Column::Lead | Column::Support => 4,
            Column::Note => 3,
        }
    }
}

/// The width of A4 paper less 2.5 cm margins, in twentieths of a point: the
/// table is spread over it.
const TEXT_WIDTH: usize = 9000;

/// Column widths (twentieths of a point) filling [`TEXT_WIDTH`].
fn widths(columns: &[Column]) -> Vec<usize> {
    let total: usize = columns.iter().map(|c| c.weight()).sum::<usize>().max(1);
    columns
        .iter()
        .map(|c| TEXT_WIDTH * c.weight() / total)
        .collect()
}

/// One measure row before merging: each cell's text, and whether the value
/// was inherited from the row above (then it is written merged).
struct MeasureRow {
    task: Option<String>,
    cells: Vec<(String, bool)>,
}

/// Writes `notice` as a DOCX file.
pub fn notice_to_docx(notice: &Notice) -> Result<Vec<u8>, WriteError> {
    let columns = columns_for(notice);
    let mut doc = Docx::new();
    for text in front_matter(&notice.meta) {
        doc = doc.add_paragraph(paragraph(&text));
    }
    let widths = widths(&columns);
    let mut rows = vec![TableRow::new(
        columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| cell(c.header()).width(*w, WidthType::Dxa))
            .collect(),
    )];
    rows.extend(measure_rows(&columns, None, &notice.measures));
    for h in &notice.outline {
        rows.push(TableRow::new(vec![
            cell(&labelled(&h.label, &h.text)).grid_span(columns.len())
        ]));
        rows.extend(measure_rows(&columns, None, &h.measures));
        for task in flatten(&h.children) {
            let text = labelled(&task.label, &task.text);
            if task.measures.is_empty() {
                let mut cells = vec![cell(&text)];
                cells.extend(columns[1..].iter().map(|_| cell("")));
                rows.push(TableRow::new(cells));
            } else {
                rows.extend(measure_rows(&columns, Some(&text), &task.measures));
            }
        }
    }
    let table = Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa);
    doc = doc.add_table(table);
    if !notice.meta.cc.is_empty() {
        doc = doc.add_paragraph(paragraph(&format!("抄送：{}。", notice.meta.cc.join("，"))));
    }
    let mut out = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| WriteError::Pack(e.to_string()))?;
    Ok(out.into_inner())
}

/// The columns the notice needs: separate lead/support columns when any
/// unit has one of those roles, a remarks column when any measure has a note.
fn columns_for(notice: &Notice) -> Vec<Column> {
    let measures: Vec<&Measure> = notice
        .measures_with_path()
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    let split_roles = measures
        .iter()
        .flat_map(|m| &m.units)
        .any(|u| matches!(u.role, Some(Role::Lead | Role::Support)));
    let mut cols = vec![Column::Task, Column::Measure, Column::Deadline];
    if split_roles {
        cols.extend([Column::Lead, Column::Support]);
    } else {
        cols.push(Column::Units);
    }
    if measures.iter().any(|m| m.note.is_some()) {
        cols.push(Column::Note);
    }
    cols
}

/// Front matter in the order the interpreter finds it: title, document
/// number, addressees, body, issuer, date, annotation.
fn front_matter(meta: &Meta) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(meta.title.clone());
    out.extend(meta.doc_number.clone());
    if !meta.addressees.is_empty() {
        out.push(format!("{}：", meta.addressees.join("，")));
    }
    out.extend(meta.body.iter().cloned());
    out.extend(meta.issuer.clone());
    if let Some(d) = meta.date {
        out.push(d.format("%Y年%-m月%-d日").to_string());
    }
    if let Some(a) = &meta.annotation {
        out.push(format!("（{a}）"));
    }
    out
}

/// Headings below the top level, depth first: each becomes a task.
fn flatten(children: &[Heading]) -> Vec<&Heading> {
    let mut out = Vec::new();
    for c in children {
        out.push(c);
        out.extend(flatten(&c.children));
    }
    out
}

fn labelled(label: &str, text: &str) -> String {
    format!("{label}{text}")
}

/// Rows for a run of measures under one task (`task` = its cell text, or
/// `None` for measures with no task), with merged cells where values were
/// inherited.
fn measure_rows(columns: &[Column], task: Option<&str>, measures: &[Measure]) -> Vec<TableRow> {
    let plan: Vec<MeasureRow> = measures
        .iter()
        .map(|m| MeasureRow {
            task: task.map(str::to_owned),
            cells: columns[1..].iter().map(|c| value(*c, m)).collect(),
        })
        .collect();
    let mut rows = Vec::with_capacity(plan.len());
    for (i, row) in plan.iter().enumerate() {
        let mut cells = Vec::with_capacity(columns.len());
        let task_cell = match (&row.task, i) {
            (Some(t), 0) if plan.len() > 1 => cell(t).vertical_merge(VMergeType::Restart),
            (Some(t), 0) => cell(t),
            (Some(_), _) => cell("").vertical_merge(VMergeType::Continue),
            (None, _) => cell(""),
        };
        cells.push(task_cell);
        for (k, (text, inherited)) in row.cells.iter().enumerate() {
            let continues_above = *inherited && i > 0;
            let continued_below = plan.get(i + 1).is_some_and(|next| next.cells[k].1);
            let c = if continues_above {
                cell("").vertical_merge(VMergeType::Continue)
            } else if continued_below {
                cell(text).vertical_merge(VMergeType::Restart)
            } else {
                cell(text)
            };
            cells.push(c);
        }
        rows.push(TableRow::new(cells));
    }
    rows
}

/// A measure's text for one column, and whether it was inherited.
fn value(column: Column, m: &Measure) -> (String, bool) {
    match column {
        Column::Task => (String::new(), false),
        Column::Measure => (labelled(m.label.as_deref().unwrap_or(""), &m.text), false),
        Column::Deadline => m
            .deadline
            .as_ref()
            .map(|d| (d.raw.clone(), d.inherited))
            .unwrap_or_default(),
        Column::Units => (unit_text(&m.units), m.units_inherited),
        Column::Lead => (
            unit_text(&filter(&m.units, |r| r != Some(Role::Support))),
            m.units_inherited,
        ),
        Column::Support => (
            unit_text(&filter(&m.units, |r| r == Some(Role::Support))),
            m.units_inherited,
        ),
        Column::Note => (m.note.clone().unwrap_or_default(), false),
    }
}

fn filter(units: &[Unit], keep: impl Fn(Option<Role>) -> bool) -> Vec<Unit> {
    units.iter().filter(|u| keep(u.role)).cloned().collect()
}

/// Units as a cell: runs of units with one scope as `scope：A、B`, runs
/// separated by `，`; units without a scope come after the scoped ones so
/// that they read back without one.
fn unit_text(units: &[Unit]) -> String {
    let mut groups: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
    let scoped = units.iter().filter(|u| u.scope.is_some());
    let plain = units.iter().filter(|u| u.scope.is_none());
    for u in scoped.chain(plain) {
        match groups.last_mut() {
            Some((scope, names)) if *scope == u.scope.as_deref() => names.push(&u.name),
            _ => groups.push((u.scope.as_deref(), vec![&u.name])),
        }
    }
    groups
        .iter()
        .map(|(scope, names)| match scope {
            Some(s) => format!("{s}：{}", names.join("、")),
            None => names.join("、"),
        })
        .collect::<Vec<_>>()
        .join("，")
}

fn paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// A cell with one paragraph per line of `text`.
fn cell(text: &str) -> TableCell {
    let mut c = TableCell::new();
    for line in text.split('\n') {
        c = c.add_paragraph(paragraph(line));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, scope: Option<&str>) -> Unit {
        Unit {
            name: name.to_owned(),
            role: None,
            scope: scope.map(str::to_owned),
        }
    }

    #[test]
    fn scoped_units_are_grouped_with_plain_ones_last() {
        let units = vec![
            unit("信用监管处", Some("双随机执法检查")),
            unit("省局机关各有关执法处(室、局)", None),
            unit("执法稽查局", Some("案管系统数据推送")),
        ];
        assert_eq!(
            unit_text(&units),
            "双随机执法检查：信用监管处，案管系统数据推送：执法稽查局，省局机关各有关执法处(室、局)"
        );
        assert_eq!(
            unit_text(&[unit("法规处", None), unit("人事处", None)]),
            "法规处、人事处"
        );
        assert_eq!(unit_text(&[]), "");
    }
}
