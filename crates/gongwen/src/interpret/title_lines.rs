//! Numbered title lines over a single noted paragraph:
//! `1.加快网络建设，夯实数字底座` / `推进……部署。（责任单位：市A局）`.
//!
//! Offices often print a measure as a short numbered title on a line of its
//! own and the measure's body, ending in its responsibility note, as the
//! next paragraph. This pass joins such a title line and its body into one
//! paragraph (title, a line break, body), so the interpreter reads one
//! numbered measure rather than a heading over one unnumbered measure.
//!
//! A title line and its body are joined when, from structure alone:
//! - the title line is labelled, short, has no note, no sentence stop
//!   before its end, and is not a label line (`牵头单位：…`);
//! - the next paragraph is its only body: unlabelled, ending in a
//!   responsibility note, and followed by the end, a table, a paragraph
//!   without a note, or a label of the title's form or a shallower one;
//! - the title's label form is not the document's outermost (sections
//!   `一、` stay headings) unless it is the only form, and no item of that
//!   form anywhere has two or more noted paragraphs under it (then the form
//!   is a heading form, and every item of it stays a heading).
//!
//! It does not read notes or units (see [`super::prose`]); the joined
//! paragraph keeps the title line's position.

use std::collections::HashSet;

use crate::document::{Block, Document, Paragraph};
use crate::grammar::label::{parse_label, LabelKind};

use super::prose::{find_note, label_line, NoteFind};

/// Longest title (in chars, after the label) read as a measure's title.
const MAX_TITLE_CHARS: usize = 50;

/// What a non-empty paragraph is, for this pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// Labelled, with the label's form; `title` when it reads as a title.
    Labelled { kind: LabelKind, title: bool },
    /// Unlabelled, with text before the responsibility note it ends in.
    Noted,
    /// Anything else (a table counts as this too).
    Other,
}

fn classify(text: &str) -> Line {
    if label_line(text).is_some() {
        return Line::Other;
    }
    match parse_label(text) {
        Some(l) => {
            let rest: String = text.chars().skip(l.len).collect();
            let rest = rest.trim().trim_end_matches(['。', '：', ':']);
            let title = !rest.is_empty()
                && rest.chars().count() <= MAX_TITLE_CHARS
                && !rest.contains(['。', '；', ';', '！', '？', '：', ':'])
                && matches!(find_note(text), NoteFind::None);
            Line::Labelled {
                kind: l.kind,
                title,
            }
        }
        // A paragraph that is only a note is not a body.
        None => match find_note(text) {
            NoteFind::Found(n) if text.chars().take(n.start).any(|c| !c.is_whitespace()) => {
                Line::Noted
            }
            _ => Line::Other,
        },
    }
}

/// Joins title lines to their body; `None` when there is none to join.
pub fn join_title_lines(doc: &Document) -> Option<Document> {
    // Non-empty paragraphs and tables, in order, with their block index.
    let lines: Vec<(usize, Line)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) if p.text.trim().is_empty() => None,
            Block::Paragraph(p) => Some((i, classify(&p.text))),
            Block::Table(_) => Some((i, Line::Other)),
        })
        .collect();
    // Label forms in the order first seen: earlier is shallower.
    let mut order: Vec<LabelKind> = Vec::new();
    for (_, l) in &lines {
        if let Line::Labelled { kind, .. } = l {
            if !order.contains(kind) {
                order.push(*kind);
            }
        }
    }
    let depth = |k: LabelKind| order.iter().position(|o| *o == k);
    // Forms with an item holding several noted paragraphs are heading forms.
    let mut heading_forms: HashSet<LabelKind> = HashSet::new();
    for (n, (_, l)) in lines.iter().enumerate() {
        if let Line::Labelled { kind, .. } = l {
            let noted = lines[n + 1..]
                .iter()
                .take_while(|(_, l)| *l == Line::Noted)
                .count();
            if noted >= 2 {
                heading_forms.insert(*kind);
            }
        }
    }
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for (n, (i, l)) in lines.iter().enumerate() {
        let Line::Labelled { kind, title: true } = *l else {
            continue;
        };
        if heading_forms.contains(&kind) || (order.len() > 1 && depth(kind) == Some(0)) {
            continue;
        }
        let Some(&(j, Line::Noted)) = lines.get(n + 1) else {
            continue;
        };
        let after_ok = match lines.get(n + 2) {
            None | Some((_, Line::Other)) => true,
            Some((_, Line::Noted)) => false,
            Some((_, Line::Labelled { kind: next, .. })) => depth(*next) <= depth(kind),
        };
        if after_ok {
            joins.push((*i, j));
        }
    }
    if joins.is_empty() {
        return None;
    }
    let mut blocks = doc.blocks.clone();
    for &(i, j) in joins.iter().rev() {
        let body = match &blocks[j] {
            Block::Paragraph(p) => p.text.trim().to_owned(),
            Block::Table(_) => continue,
        };
        if let Block::Paragraph(title) = &blocks[i] {
            let text = format!("{}\n{}", title.text.trim(), body);
            blocks[i] = Block::Paragraph(Paragraph {
                text,
                pos: title.pos.clone(),
            });
            blocks.remove(j);
        }
    }
    Some(Document { blocks })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lines: &[&str]) -> Document {
        crate::test_util::doc_of_lines(lines)
    }

    fn texts(d: &Document) -> Vec<String> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.clone()),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_title_line_and_its_noted_body_are_joined() {
        let d = doc(&[
            "一、数字经济",
            "1.加快网络建设，夯实数字底座",
            "推进千兆光网部署。（责任单位：市A局、各区政府）",
            "2.培育产业集群",
            "建设产业园区。（市B局负责）",
        ]);
        let got = texts(&join_title_lines(&d).expect("joined"));
        assert_eq!(
            got,
            vec![
                "一、数字经济",
                "1.加快网络建设，夯实数字底座\n推进千兆光网部署。（责任单位：市A局、各区政府）",
                "2.培育产业集群\n建设产业园区。（市B局负责）",
            ]
        );
    }

    #[test]
    fn an_item_with_several_noted_paragraphs_stays_a_heading_form() {
        let d = doc(&[
            "一、数字经济",
            "1.加快网络建设",
            "推进千兆光网部署。（市A局负责）",
            "推进5G部署。（市C局负责）",
            "2.培育产业集群",
            "建设产业园区。（市B局负责）",
        ]);
        assert!(join_title_lines(&d).is_none());
    }

    #[test]
    fn sections_and_long_or_noted_lines_are_not_titles() {
        let d = doc(&[
            "一、数字经济",
            "推进千兆光网部署。（市A局负责）",
            "二、产业集群",
            "1.培育产业集群。各区要加强统筹",
            "建设产业园区。（市B局负责）",
            "2.完善政策（市C局负责）",
            "落实政策。（市D局负责）",
        ]);
        assert!(join_title_lines(&d).is_none());
    }

    #[test]
    fn a_note_standing_alone_is_not_a_body() {
        let d = doc(&[
            "1.开展汽车促消费活动。",
            "（1）组织车展",
            "（2）完善充电网络",
            "（市A局牵头，市B局配合）",
        ]);
        assert!(join_title_lines(&d).is_none());
    }

    #[test]
    fn a_body_followed_by_deeper_items_is_not_joined() {
        let d = doc(&[
            "一、数字经济",
            "1.加快网络建设",
            "推进千兆光网部署。（市A局负责）",
            "（1）建设基站。（市C局负责）",
        ]);
        assert!(join_title_lines(&d).is_none());
    }
}
