//! Builds the outline tree from a stream of "heading opened" and "measure
//! found" events, and checks label numbering on the way.
//!
//! It does not decide what is a heading or a measure: the table and prose
//! interpreters do, and feed this builder in document order.

use std::collections::HashMap;

use crate::document::Position;
use crate::grammar::label::{parse_label, Label, LabelKind};
use crate::model::{Diagnostic, DiagnosticCode, Heading, Measure, Passage};

/// Accumulates headings and measures into a tree.
#[derive(Debug, Default)]
pub struct OutlineBuilder {
    /// Open headings, outermost first.
    stack: Vec<Heading>,
    /// Finished top-level headings.
    roots: Vec<Heading>,
    /// Measures under no heading.
    loose: Vec<Measure>,
    /// Numbering checks.
    numbering: Numbering,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
}

impl OutlineBuilder {
    /// Opens a heading at `level` (1 = outermost), closing any open heading
    /// at the same or a deeper level.
    pub fn open_heading(&mut self, level: u8, label: &Label, text: &str, position: Position) {
        self.close_to(level.saturating_sub(1) as usize);
        let parent = self.stack.len();
        self.numbering
            .check(parent, label, &position, &mut self.diagnostics);
        self.push_heading(label.text.clone(), label.ordinal, text, position);
    }

    /// Opens a heading printed without a label (a task table's task cell
    /// with no number of its own): its `label` is empty and its `ordinal`
    /// 0, and it takes no part in the numbering checks, but numbering under
    /// it starts again (a section given as a table column, each numbering
    /// its tasks from 1).
    pub fn open_unlabelled_heading(&mut self, level: u8, text: &str, position: Position) {
        self.close_to(level.saturating_sub(1) as usize);
        let parent = self.stack.len();
        self.numbering.local.retain(|(d, _), _| *d <= parent);
        self.push_heading(String::new(), 0, text, position);
    }

    /// Pushes a heading one level below the innermost open one.
    fn push_heading(&mut self, label: String, ordinal: u32, text: &str, position: Position) {
        let text = text.trim().to_owned();
        self.stack.push(Heading {
            level: (self.stack.len() + 1) as u8,
            label,
            ordinal,
            title: title_of(&text),
            text,
            children: Vec::new(),
            measures: Vec::new(),
            body: Vec::new(),
            position: Some(position),
        });
    }

    /// Keeps a paragraph of running text under the innermost open heading.
    /// Returns `false` when no heading is open.
    pub fn push_body(&mut self, text: &str, position: Position) -> bool {
        let Some(h) = self.stack.last_mut() else {
            return false;
        };
        h.body.push(Passage {
            text: text.trim().to_owned(),
            position: Some(position),
        });
        true
    }

    /// Closes every heading and takes the finished top-level headings and
    /// loose measures out of the builder (a cover notice's own numbered
    /// instructions, once the plan it sends starts).
    pub fn take_all(&mut self) -> (Vec<Heading>, Vec<Measure>) {
        self.close_to(0);
        self.numbering = Numbering::default();
        (
            std::mem::take(&mut self.roots),
            std::mem::take(&mut self.loose),
        )
    }
    /// Appends text to the innermost open heading at `level` or deeper.
    /// Returns `false` when no heading is open there.
    pub fn continue_heading(&mut self, level: u8, text: &str) -> bool {
        let Some(h) = self.stack.last_mut() else {
            return false;
        };
        if h.level < level {
            return false;
        }
        h.text.push_str(text.trim());
        h.title = title_of(&h.text);
        true
    }

    /// The level of the innermost open heading labelled in the form `kind`
    /// (a table's `二、` row is a sibling of the prose `一、` it stands under).
    pub fn open_level_of(&self, kind: LabelKind) -> Option<u8> {
        self.stack
            .iter()
            .rposition(|h| parse_label(&h.label).is_some_and(|l| l.kind == kind))
            .map(|i| (i + 1) as u8)
    }

    /// The level of the innermost open heading (0 when none is open).
    pub fn depth(&self) -> u8 {
        self.stack.len() as u8
    }

    /// Closes headings deeper than `level` (0 closes all).
    pub fn close_to(&mut self, level: usize) {
        while self.stack.len() > level {
            if let Some(h) = self.stack.pop() {
                match self.stack.last_mut() {
                    Some(parent) => parent.children.push(h),
                    None => self.roots.push(h),
                }
            }
        }
    }

    /// Adds a measure under the innermost open heading.
    pub fn push_measure(&mut self, measure: Measure, label: Option<&Label>) {
        if let (Some(label), Some(pos)) = (label, measure.position.as_ref()) {
            let parent = self.stack.len();
            self.numbering
                .check(parent, label, pos, &mut self.diagnostics);
        }
        match self.stack.last_mut() {
            Some(h) => h.measures.push(measure),
            None => self.loose.push(measure),
        }
    }

    /// Puts back what [`OutlineBuilder::take_all`] took.
    pub fn restore(&mut self, headings: Vec<Heading>, loose: Vec<Measure>) {
        self.roots = headings;
        self.loose = loose;
    }

    /// Closes everything and returns the outline and the loose measures.
    pub fn finish(mut self) -> (Vec<Heading>, Vec<Measure>, Vec<Diagnostic>) {
        self.close_to(0);
        (self.roots, self.loose, self.diagnostics)
    }
}

/// A heading's title: its text up to the first full stop.
pub fn title_of(text: &str) -> String {
    let end = text.find(['。', '．']).unwrap_or(text.len());
    let mut title = text[..end]
        .trim()
        .trim_end_matches([';', '；', ',', '，', ':', '：']);
    // A convention stated in brackets after the title
    // (`夯实基础（列第一位的为牵头单位，下同）`) is not part of it.
    if let Some(open) = title.rfind(['（', '(']) {
        let tail = &title[open..];
        if tail.ends_with(['）', ')']) && tail.contains("下同") && open > 0 {
            title = title[..open].trim_end();
        }
    }
    title.to_owned()
}

/// Tracks the last number seen for each label form, both under the current
/// parent and in the whole document (many notices number tasks and measures
/// straight through, not per parent).
#[derive(Debug, Default)]
struct Numbering {
    /// Last ordinal per label kind in the whole document.
    global: HashMap<LabelKind, u32>,
    /// Last ordinal per (depth of parent, label kind) since that parent opened.
    local: HashMap<(usize, LabelKind), u32>,
}

impl Numbering {
    fn check(
        &mut self,
        parent_depth: usize,
        label: &Label,
        pos: &Position,
        diags: &mut Vec<Diagnostic>,
    ) {
        // Entering a new parent restarts local numbering below it.
        self.local.retain(|(d, _), _| *d <= parent_depth);
        let n = label.ordinal;
        let local = self.local.get(&(parent_depth, label.kind)).copied();
        let global = self.global.get(&label.kind).copied();
        let mut expected = vec![local.map_or(1, |l| l + 1)];
        if local.is_none() {
            if let Some(g) = global {
                expected.push(g + 1);
            }
        }
        if !expected.contains(&n) {
            let max = expected.iter().copied().max().unwrap_or(1);
            let (code, what) = if n > max {
                (DiagnosticCode::NumberingGap, "skips")
            } else {
                (DiagnosticCode::NumberingRepeat, "repeats or goes back from")
            };
            let want = expected
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join(" or ");
            diags.push(Diagnostic {
                code,
                message: format!("label {} {what} the expected number {want}", label.text),
                position: Some(pos.clone()),
                text: None,
            });
        }
        self.local.insert((parent_depth, label.kind), n);
        self.global.insert(label.kind, n);
        // Deeper numbering restarts under this item.
        self.local.retain(|(d, _), _| *d <= parent_depth);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32) -> Position {
        Position::Line { line }
    }

    #[test]
    fn builds_tree_and_flags_gaps() {
        let mut b = OutlineBuilder::default();
        let l = |s: &str| parse_label(s).expect("label");
        b.open_heading(1, &l("一、"), "总体要求", pos(1));
        b.open_heading(2, &l("1."), "加强领导。要求如下", pos(2));
        b.open_heading(1, &l("二、"), "主要任务", pos(3));
        b.open_heading(2, &l("2."), "推进改革", pos(4));
        b.open_heading(2, &l("4."), "完善制度", pos(5));
        b.open_heading(1, &l("二、"), "again", pos(6));
        let (roots, loose, diags) = b.finish();
        assert_eq!(roots.len(), 3);
        assert_eq!(roots[0].children[0].title, "加强领导");
        assert_eq!(roots[1].children.len(), 2);
        assert!(loose.is_empty());
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            vec![
                DiagnosticCode::NumberingGap,
                DiagnosticCode::NumberingRepeat
            ]
        );
        assert_eq!(diags[0].position, Some(pos(5)));
    }

    #[test]
    fn numbering_starts_again_under_an_unlabelled_heading() {
        let mut b = OutlineBuilder::default();
        let l = |s: &str| parse_label(s).expect("label");
        b.open_unlabelled_heading(1, "信用监管提升行动", pos(1));
        b.open_heading(2, &l("1."), "甲", pos(2));
        b.open_heading(2, &l("2."), "乙", pos(3));
        b.open_unlabelled_heading(1, "质量品牌提升行动", pos(4));
        b.open_heading(2, &l("1."), "丙", pos(5));
        b.open_heading(2, &l("1."), "丁", pos(6));
        let (_, _, diags) = b.finish();
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.position.clone())).collect();
        assert_eq!(codes, vec![(DiagnosticCode::NumberingRepeat, Some(pos(6)))]);
    }

    #[test]
    fn title_stops_at_full_stop() {
        assert_eq!(title_of("抓实政治能力建设。把加强"), "抓实政治能力建设");
        assert_eq!(title_of("全面提升能力素质"), "全面提升能力素质");
    }
}
