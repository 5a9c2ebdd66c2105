//! Resolving prose: which note answers for which paragraph, decided over
//! the whole run of paragraphs (looking both ways) before anything is
//! built.
//!
//! A paragraph's shape ([`super::segment_prose`]) says what it is alone;
//! three cases depend on its neighbours, and are decided here:
//! - a paragraph that is only a note answers for the labelled items just
//!   before it that have no note (the last one, and, where they stand under
//!   a labelled item of another form, those of the same label form before
//!   it, each with the running text under it): they are measures, not
//!   headings;
//! - the items of a run-on enumeration split apart
//!   (`（1）…；（2）…；（3）…。（X负责）`) take the note of the last one;
//! - label lines after an item answer for its siblings before it that
//!   have neither note nor label lines, under a parent of another form
//!   (`1. 市科技馆` / `（1）…` / `（2）…` / `责任单位：X 整改时限：3天`);
//! - a heading that states who answers for the items under it
//!   (`一、县A局牵头工作（8项）`) answers for the labelled items of its scope
//!   that have no note and nothing under them (its leaves), each with its
//!   running text;
//! - a labelled item with a note whose text runs on past its first sentence,
//!   followed by an unlabelled item with a note, is a heading (its label and
//!   first sentence) over a measure (the rest), and the unlabelled item goes
//!   under it (`（一）强化顶层设计。建立指标体系。（X负责）` then `优化体制机制。（Y负责）`);
//! - a labelled item with a note whose next labelled item is of a deeper
//!   form and answers for itself (a note or label lines of its own) is a
//!   heading over a measure too: its items stand under it, and its own
//!   note answers for its text (`一、做甲。（X负责）` then `1.做甲一。（Y负责）`).
//!
//! It builds nothing and reads no unit or deadline: the build loop in
//! [`super`] builds each heading and measure once from these decisions.

use crate::document::{Block, Document};
use crate::grammar::label::{Label, LabelKind};

use super::prose::{measure_body, NoteFind};
use super::segment_prose::Shape;

/// What a paragraph's neighbours make of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cover {
    /// An item the note at block `note` answers for (a paragraph that is
    /// only a note, or a heading that states units); the paragraphs at
    /// `body` are its running text.
    ItemOfNote {
        /// The block of the note.
        note: usize,
        /// The blocks of its running text.
        body: Vec<usize>,
    },
    /// An item of a run-on enumeration; the paragraph at block `note` (its
    /// last item) holds the note.
    RunOnItem {
        /// The block of the last item.
        note: usize,
    },
    /// A measure that an unlabelled one after it makes a heading over its
    /// text after the first sentence.
    HeadingOverRest,
    /// A measure (its note or its label lines its own) whose labelled
    /// items after it (of a deeper form) answer for themselves: a heading
    /// (its label and first sentence) over a measure (the rest, or its
    /// whole text when it is one sentence).
    HeadingOverItems,
    /// An item the label lines after a later sibling answer for (its
    /// siblings before it have neither note nor label lines); the
    /// paragraphs at `body` are its running text.
    ItemOfLines {
        /// The block of the sibling the label lines follow.
        last: usize,
        /// The blocks of its running text.
        body: Vec<usize>,
    },
    /// Read with an item before it: its running text, or the note given to
    /// the items before it.
    Consumed,
}

/// The cover of each block (`None`: the paragraph is what its shape says).
/// `cut_item` is the label form of an item a cut text took out after the
/// last paragraph (it answered for itself: its note or label lines were
/// cut), which still stands under the items before it.
pub(crate) fn resolve(
    doc: &Document,
    shapes: &[Shape],
    cut_item: Option<LabelKind>,
) -> Vec<Option<Cover>> {
    let mut covers: Vec<Option<Cover>> = vec![None; shapes.len()];
    for (j, shape) in shapes.iter().enumerate() {
        let Shape::Item(item) = shape else {
            continue;
        };
        if let Some(label) = item.label.as_ref().filter(|_| item.label_lines_follow) {
            items_of_lines(shapes, &mut covers, j, label.kind);
        }
        if !matches!(item.note, NoteFind::Found(_)) {
            continue;
        }
        if item.is_note_alone(text_of(doc, j)) && items_of_note(shapes, &mut covers, j) {
            continue;
        }
        match &item.label {
            Some(label) => run_on_items(doc, shapes, &mut covers, j, label),
            None => heading_over_rest(doc, shapes, &mut covers, j),
        }
    }
    // The label forms open above each item (its ancestors' forms, outermost
    // first), kept as the paragraphs go; the headings that state units are
    // read last first, so that an inner one answers for its own leaves.
    let mut open: Vec<LabelKind> = Vec::new();
    let mut unit_headings: Vec<(usize, LabelKind, Vec<LabelKind>)> = Vec::new();
    for (j, shape) in shapes.iter().enumerate() {
        let item = match shape {
            Shape::Boundary | Shape::PlanStart(_) => {
                open.clear();
                continue;
            }
            Shape::Item(item) => item,
            _ => continue,
        };
        let Some(label) = &item.label else {
            continue;
        };
        if let Some(at) = open.iter().position(|k| *k == label.kind) {
            open.truncate(at);
        }
        if item.heading_note.is_some() {
            unit_headings.push((j, label.kind, open.clone()));
        }
        if (matches!(item.note, NoteFind::Found(_)) || item.label_lines_follow)
            && covers[j].is_none()
            && answering_items_follow(shapes, j, label.kind, &open, cut_item)
        {
            covers[j] = Some(Cover::HeadingOverItems);
        }
        open.push(label.kind);
    }
    for (j, kind, outer) in unit_headings.into_iter().rev() {
        items_of_heading(shapes, &mut covers, j, kind, &outer);
    }
    covers
}

/// The leaves of the heading at `j` that states units (of label form
/// `kind`, under headings of the forms `outer`): the labelled items after
/// it, up to the next item of its own form or an outer one, that have no
/// note and no
/// labelled item under them, each with the running text under it. An item
/// is a leaf when the next labelled item's form is its own or one met
/// before it (a sibling or a higher level), or when the scope ends.
fn items_of_heading(
    shapes: &[Shape],
    covers: &mut [Option<Cover>],
    j: usize,
    kind: LabelKind,
    outer: &[LabelKind],
) {
    let mut forms: Vec<LabelKind> = Vec::new();
    let mut pending: Option<(usize, Vec<usize>)> = None;
    let mut leaves = Vec::new();
    for (i, shape) in shapes.iter().enumerate().skip(j + 1) {
        let item = match shape {
            Shape::Skip | Shape::LabelLine | Shape::ItemBody => continue,
            Shape::Boundary | Shape::PlanStart(_) | Shape::Table => break,
            Shape::Item(item) => item,
        };
        let Some(label) = &item.label else {
            if let Some((_, body)) = pending.as_mut().filter(|_| item.is_body()) {
                body.push(i);
            }
            continue;
        };
        if label.kind == kind || outer.contains(&label.kind) {
            break;
        }
        match forms.iter().position(|k| *k == label.kind) {
            Some(at) => {
                leaves.extend(pending.take());
                forms.truncate(at + 1);
            }
            // The pending item has this one under it: a heading.
            None => forms.push(label.kind),
        }
        // (An inner heading that states units answered for its own leaves.)
        pending = (covers[i].is_none() && item.is_bare_labelled() && item.heading_note.is_none())
            .then(|| (i, Vec::new()));
    }
    leaves.extend(pending);
    for (i, body) in leaves {
        for &b in &body {
            covers[b] = Some(Cover::Consumed);
        }
        covers[i] = Some(Cover::ItemOfNote { note: j, body });
    }
}

/// Whether the next labelled item after the item at `j` (of label form
/// `kind`, under headings of the forms `outer`) is of a deeper form and
/// answers for itself, with a note or label lines of its own (or is the
/// item of form `cut_item` a cut took out after the last paragraph).
fn answering_items_follow(
    shapes: &[Shape],
    j: usize,
    kind: LabelKind,
    outer: &[LabelKind],
    cut_item: Option<LabelKind>,
) -> bool {
    let deeper = |k: LabelKind| k != kind && !outer.contains(&k);
    for shape in &shapes[j + 1..] {
        match shape {
            Shape::Item(item) => match &item.label {
                Some(label) => {
                    return deeper(label.kind)
                        && (matches!(item.note, NoteFind::Found(_)) || item.label_lines_follow)
                }
                None => continue,
            },
            Shape::Boundary | Shape::PlanStart(_) | Shape::Table => return false,
            Shape::Skip | Shape::LabelLine | Shape::ItemBody => continue,
        }
    }
    cut_item.is_some_and(deeper)
}

/// The labelled items without a note just before the note-only paragraph
/// at `j`, with their running text: covered by it. Returns `false`,
/// covering nothing, when no such item stands right before it.
fn items_of_note(shapes: &[Shape], covers: &mut [Option<Cover>], j: usize) -> bool {
    let mut items: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut body = Vec::new();
    let mut kind = None;
    // Whether the run stands under a labelled item of another form (its
    // parent): only then are the items before the last its siblings, not
    // sections of their own (`一、…` / `二、…` / a note).
    let mut parent = false;
    for i in (0..j).rev() {
        match &shapes[i] {
            Shape::Skip => {}
            Shape::Item(_) if covers[i].is_some() => break,
            Shape::Item(item) if item.is_body() => body.push(i),
            Shape::Item(item) if item.is_bare_labelled() => {
                let Some(label) = &item.label else { break };
                if kind.is_some_and(|k| k != label.kind) {
                    parent = true;
                    break;
                }
                kind = Some(label.kind);
                body.reverse();
                items.push((i, std::mem::take(&mut body)));
            }
            _ => break,
        }
    }
    // (A sibling with a note of its own stops the walk; the parent may
    // stand above it.)
    if !parent {
        if let Some(kind) = kind {
            parent = has_parent(shapes, items.last().map_or(j, |(i, _)| *i), kind);
        }
    }
    if !parent {
        items.truncate(1);
    }
    if items.is_empty() {
        return false;
    }
    for (i, body) in items {
        for &b in &body {
            covers[b] = Some(Cover::Consumed);
        }
        covers[i] = Some(Cover::ItemOfNote { note: j, body });
    }
    covers[j] = Some(Cover::Consumed);
    true
}

/// The siblings (of label form `kind`, under a parent of another form)
/// just before the item at `j` that label lines follow, with neither note
/// nor label lines of their own, each with its running text: the label
/// lines answer for them too, as a note standing alone after sub-items
/// does (`（1）…` / `（2）…` / `责任单位：X 整改时限：3天`).
fn items_of_lines(shapes: &[Shape], covers: &mut [Option<Cover>], j: usize, kind: LabelKind) {
    let mut items: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut body = Vec::new();
    // The walk ends at the parent: a heading of another form (an item with
    // no note nor label lines), or at anything else, which is no parent.
    let mut parent = false;
    for i in (0..j).rev() {
        match &shapes[i] {
            Shape::Skip => {}
            Shape::Item(_) if covers[i].is_some() => break,
            Shape::Item(item) if item.is_body() => body.push(i),
            Shape::Item(item) if item.is_bare_labelled() => {
                if item.label.as_ref().is_none_or(|l| l.kind != kind) {
                    parent = item.heading_note.is_none();
                    break;
                }
                body.reverse();
                items.push((i, std::mem::take(&mut body)));
            }
            _ => break,
        }
    }
    if items.is_empty() || !parent {
        return;
    }
    for (i, body) in items {
        for &b in &body {
            covers[b] = Some(Cover::Consumed);
        }
        covers[i] = Some(Cover::ItemOfLines { last: j, body });
    }
}

/// How far back a run's parent is looked for past its siblings.
const MAX_PARENT_LOOKBACK: usize = 64;

/// Whether a labelled item of another form than `kind` stands before block
/// `from`, past items of `kind` (with or without notes) and running text:
/// the parent of a run of `kind` items.
fn has_parent(shapes: &[Shape], from: usize, kind: LabelKind) -> bool {
    for i in (from.saturating_sub(MAX_PARENT_LOOKBACK)..from).rev() {
        match &shapes[i] {
            Shape::Skip | Shape::LabelLine | Shape::ItemBody => {}
            Shape::Item(item) => match &item.label {
                Some(l) if l.kind != kind => return true,
                _ => {}
            },
            _ => return false,
        }
    }
    false
}

/// The items of the same label form as `label` right before the item at
/// `j`, split from the same paragraph, without a note: covered by its note.
fn run_on_items(
    doc: &Document,
    shapes: &[Shape],
    covers: &mut [Option<Cover>],
    j: usize,
    label: &Label,
) {
    let Some(pos) = position_of(doc, j) else {
        return;
    };
    for i in (0..j).rev() {
        let same = match &shapes[i] {
            Shape::Item(item) => {
                covers[i].is_none()
                    && item.is_bare_labelled()
                    && item.label.as_ref().is_some_and(|l| l.kind == label.kind)
                    && position_of(doc, i) == Some(pos)
            }
            _ => false,
        };
        if !same {
            break;
        }
        covers[i] = Some(Cover::RunOnItem { note: j });
    }
}

/// The labelled item with a note right before the unlabelled one at `j`
/// (nothing but blank or front-matter paragraphs between): a heading over
/// its text after the first sentence, when it has such text.
fn heading_over_rest(doc: &Document, shapes: &[Shape], covers: &mut [Option<Cover>], j: usize) {
    let Some(i) = (0..j).rev().find(|&i| !matches!(shapes[i], Shape::Skip)) else {
        return;
    };
    let Shape::Item(item) = &shapes[i] else {
        return;
    };
    let (Some(label), NoteFind::Found(note)) = (&item.label, &item.note) else {
        return;
    };
    if covers[i].is_some() {
        return;
    }
    let body = measure_body(text_of(doc, i), Some(label), note.start);
    if split_first_sentence(&body).is_some() {
        covers[i] = Some(Cover::HeadingOverRest);
    }
}

/// A text's first sentence (with its full stop) and the rest, when text
/// follows the first full stop.
pub(crate) fn split_first_sentence(text: &str) -> Option<(&str, &str)> {
    let stop = text.find(['。', '．'])?;
    let end = stop + text[stop..].chars().next().map_or(0, char::len_utf8);
    let rest = text[end..].trim();
    (!rest.is_empty()).then(|| (&text[..end], rest))
}

fn text_of(doc: &Document, i: usize) -> &str {
    match &doc.blocks[i] {
        Block::Paragraph(p) => &p.text,
        Block::Table(_) => "",
    }
}

fn position_of(doc: &Document, i: usize) -> Option<&crate::document::Position> {
    match &doc.blocks[i] {
        Block::Paragraph(p) => Some(&p.pos),
        Block::Table(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::segment_prose::segment_paragraphs;
    use crate::read::text::read_text;

    fn covers(lines: &[&str]) -> Vec<Option<Cover>> {
        let d = read_text(&lines.join("\n"));
        assert_eq!(d.blocks.len(), lines.len(), "one paragraph per line");
        let shapes = segment_paragraphs(&d, &vec![true; lines.len()], None);
        resolve(&d, &shapes, None)
    }

    #[test]
    fn a_note_alone_answers_for_the_items_before_it_with_their_text() {
        let c = covers(&[
            "1.加强监管。",
            "（1）甲。",
            "续写。",
            "（2）乙。",
            "（市场监管局负责）",
        ]);
        assert_eq!(c[0], None);
        assert_eq!(
            c[1],
            Some(Cover::ItemOfNote {
                note: 4,
                body: vec![2]
            })
        );
        assert_eq!(c[2], Some(Cover::Consumed));
        assert_eq!(
            c[3],
            Some(Cover::ItemOfNote {
                note: 4,
                body: vec![]
            })
        );
        assert_eq!(c[4], Some(Cover::Consumed));
    }

    #[test]
    fn a_heading_that_states_units_answers_for_its_leaves() {
        let c = covers(&[
            "一、县甲局牵头工作（3项）",
            "（一）分组",
            "1.甲。",
            "续写。",
            "2.乙。（县丙局负责）",
            "（二）丙。",
            "二、县乙局牵头（1项）",
            "1.丁。",
            "三、其他",
            "1.戊。",
        ]);
        let of = |note, body: &[usize]| {
            Some(Cover::ItemOfNote {
                note,
                body: body.to_vec(),
            })
        };
        assert_eq!(c[0], None);
        assert_eq!(c[1], None, "（一） has items under it: a heading");
        assert_eq!(c[2], of(0, &[3]));
        assert_eq!(c[3], Some(Cover::Consumed));
        assert_eq!(c[4], None, "its own note");
        assert_eq!(c[5], of(0, &[]));
        assert_eq!(c[7], of(6, &[]));
        assert_eq!(c[9], None, "三、 states no units");
    }

    #[test]
    fn a_note_alone_after_top_level_items_answers_for_the_last_only() {
        let c = covers(&[
            "一、加强组织领导。",
            "各部门要高度重视。",
            "二、强化资金保障。",
            "（市财政局负责）",
        ]);
        assert_eq!(c[0], None);
        assert_eq!(c[1], None);
        assert_eq!(
            c[2],
            Some(Cover::ItemOfNote {
                note: 3,
                body: vec![]
            })
        );
    }

    #[test]
    fn label_lines_answer_for_the_siblings_under_their_heading() {
        let c = covers(&[
            "1. 市科技馆",
            "(1)院内电动车未按指定区域停放;",
            "(2)灭火器过期未更换;",
            "(3)意见簿记录不规范。",
            "问题整改责任单位:市科技馆 整改时限:3天",
        ]);
        assert_eq!(c[0], None);
        for cover in &c[1..=2] {
            assert_eq!(
                cover,
                &Some(Cover::ItemOfLines {
                    last: 3,
                    body: vec![]
                })
            );
        }
        // The last item reads its label lines itself.
        assert_eq!(c[3], None);
        // Top-level items under no heading: the lines are the last one's.
        let c = covers(&[
            "一、加强组织领导",
            "（一）完善机制。（责任单位：市委办）",
            "二、完善工作机制。",
            "三、推进平台建设。",
            "责任单位：市财政局",
        ]);
        assert_eq!(c[2], None);
    }

    #[test]
    fn a_note_alone_answers_for_siblings_under_a_parent_past_a_noted_one() {
        let c = covers(&[
            "一、加强监管",
            "（一）甲项工作。（市A局负责）",
            "（二）乙项工作。",
            "（三）丙项工作。",
            "（市B局负责）",
        ]);
        assert_eq!(c[1], None);
        assert!(matches!(c[2], Some(Cover::ItemOfNote { note: 4, .. })));
        assert!(matches!(c[3], Some(Cover::ItemOfNote { note: 4, .. })));
    }

    #[test]
    fn a_heading_that_states_units_inside_another_answers_for_its_own() {
        let c = covers(&[
            "八、县A局牵头工作（2项）",
            "（一）县B局负责的任务",
            "1.甲项工作。",
            "（二）其他",
            "1.乙项工作。",
        ]);
        assert!(matches!(c[2], Some(Cover::ItemOfNote { note: 1, .. })));
        assert!(matches!(c[4], Some(Cover::ItemOfNote { note: 0, .. })));
        assert_eq!(c[3], None);
    }

    #[test]
    fn a_note_not_understood_ends_the_run_a_later_note_answers_for() {
        let c = covers(&[
            "一、加强监管。",
            "（一）甲。",
            "做好工作。（按照有关规定认真组织落实）",
            "（二）乙。",
            "（市场监管局负责）",
        ]);
        assert_eq!(c[1], None);
        assert_eq!(c[2], None);
        assert_eq!(
            c[3],
            Some(Cover::ItemOfNote {
                note: 4,
                body: vec![]
            })
        );
    }

    #[test]
    fn an_item_with_a_note_over_items_with_notes_is_a_heading() {
        let c = covers(&[
            "一、做甲。（市A局负责）",
            "进展：已完成。",
            "1.做甲一（市B局负责）",
            "2.做甲二。（市C局负责）",
            "二、做乙。（市D局负责）",
            "三、做丙。（市E局负责）",
            "1.做丙一。",
            "（一）做丁。（市F局负责）",
            "（1）做丁一。",
            "牵头单位：市G局",
        ]);
        assert_eq!(c[0], Some(Cover::HeadingOverItems));
        // Its items, a sibling and an item whose next is bare: measures.
        assert_eq!(c[2], None);
        assert_eq!(c[4], None);
        assert_eq!(c[5], None);
        // Label lines answer for an item too.
        assert_eq!(c[7], Some(Cover::HeadingOverItems));
    }

    #[test]
    fn an_unlabelled_measure_makes_the_labelled_one_before_it_a_heading() {
        let c = covers(&[
            "（一）强化顶层设计。建立指标体系。（市发改委负责）",
            "优化体制机制。（市编办负责）",
        ]);
        assert_eq!(c, vec![Some(Cover::HeadingOverRest), None]);
        // One sentence only: nothing to head.
        let c = covers(&[
            "（一）强化顶层设计。（市发改委负责）",
            "优化体制机制。（市编办负责）",
        ]);
        assert_eq!(c, vec![None, None]);
    }
}
