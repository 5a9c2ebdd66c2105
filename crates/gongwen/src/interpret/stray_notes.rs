//! Notes pushed onto the next line: `…耕地保有量保持在…面积。⏎（市国土房管局牵头）主要
//! 污染物排放总量减少10%。（市环保局牵头）…`.
//!
//! A stray line break in pasted text can put a responsibility note at the
//! start of the line after the sentence it closes. This pass moves such a
//! note back to the end of the paragraph before it, when
//! - the paragraph starts with a bracketed responsibility note and has
//!   more text after it (a note alone on its line stands for the items
//!   above it, and is left alone);
//! - the paragraph before it ends with a sentence end (`。` `；` `！` `？`)
//!   and not with a note of its own.
//!
//! The moved note keeps nothing of its own position: the paragraph before
//! it takes it as it is; the rest of the line stays a paragraph at its own
//! position. It does not decide what either paragraph is.

use crate::document::{Block, Document, Paragraph};
use crate::normalize::fold_width;

use super::prose::{find_note, note_bracket, NoteFind};

/// Longest note moved, in chars.
const MAX_NOTE_CHARS: usize = 200;

/// Moves stray notes back; `None` when there is none.
pub fn rejoin_stray_notes(doc: &Document) -> Option<Document> {
    // (Most documents have none: look before copying. Moving a note away
    // from a paragraph's start leaves its end as it was, so the paragraphs
    // as read decide.)
    let any = doc.blocks.windows(2).any(|w| match (&w[0], &w[1]) {
        (Block::Paragraph(before), Block::Paragraph(p)) => stray_note(before, p).is_some(),
        _ => false,
    });
    if !any {
        return None;
    }
    let mut blocks: Vec<Block> = Vec::with_capacity(doc.blocks.len());
    let mut changed = false;
    for block in &doc.blocks {
        let moved = match (blocks.last_mut(), block) {
            (Some(Block::Paragraph(before)), Block::Paragraph(p)) => {
                stray_note(before, p).map(|(note, rest)| {
                    before.text = format!("{}{}", before.text.trim_end(), note);
                    Paragraph {
                        text: rest,
                        pos: p.pos.clone(),
                    }
                })
            }
            _ => None,
        };
        match moved {
            Some(rest) => {
                blocks.push(Block::Paragraph(rest));
                changed = true;
            }
            None => blocks.push(block.clone()),
        }
    }
    changed.then_some(Document { blocks })
}

/// The stray note at the start of `p` and the text after it, when the note
/// belongs to `before`.
fn stray_note(before: &Paragraph, p: &Paragraph) -> Option<(String, String)> {
    let text = p.text.trim_start();
    if text.chars().next().map(|c| note_bracket(fold_width(c))) != Some('(') {
        return None;
    }
    let chars: Vec<char> = text
        .chars()
        .take(MAX_NOTE_CHARS)
        .map(|c| note_bracket(fold_width(c)))
        .collect();
    let mut depth = 0usize;
    let close = chars.iter().position(|&c| {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0
    })?;
    let note: String = text.chars().take(close + 1).collect();
    let rest: String = text.chars().skip(close + 1).collect();
    let rest = rest.trim();
    if rest.is_empty() || !matches!(find_note(&note), NoteFind::Found(_)) {
        return None;
    }
    // (In a document that puts each note before its item, `（X牵头）甲。`,
    // the line before starts with its own note; and the line's rest must
    // go on in notes after items, as the line before does.)
    if starts_with_note(before.text.trim_start()) || !holds_note(rest) {
        return None;
    }
    let prev = before.text.trim_end();
    let ends_sentence = prev
        .chars()
        .last()
        .is_some_and(|c| matches!(fold_width(c), '。' | ';' | '；' | '!' | '?' | '！' | '？'));
    if !ends_sentence || !matches!(find_note(prev), NoteFind::None) {
        return None;
    }
    Some((note, rest.to_owned()))
}

/// Whether a text opens with a bracketed responsibility note.
fn starts_with_note(text: &str) -> bool {
    let chars: Vec<char> = text
        .chars()
        .take(MAX_NOTE_CHARS)
        .map(|c| note_bracket(fold_width(c)))
        .collect();
    if chars.first() != Some(&'(') {
        return false;
    }
    let Some(close) = chars.iter().position(|&c| c == ')') else {
        return false;
    };
    let note: String = chars[..=close].iter().collect();
    matches!(find_note(&note), NoteFind::Found(_))
}

/// Whether a text holds a responsibility note after some of its text
/// (`乙。（X牵头）丙…`).
fn holds_note(text: &str) -> bool {
    text.char_indices()
        .filter(|(_, c)| note_bracket(fold_width(*c)) == ')')
        .take(MAX_NOTES_LOOKED_AT)
        .any(|(b, c)| matches!(find_note(&text[..b + c.len_utf8()]), NoteFind::Found(_)))
}

/// How many closing brackets of a line are tried as a note's end.
const MAX_NOTES_LOOKED_AT: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Position;

    fn para(text: &str, line: u32) -> Block {
        Block::Paragraph(Paragraph {
            text: text.to_owned(),
            pos: Position::Line { line },
        })
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_note_starting_the_next_line_goes_back() {
        let doc = Document {
            blocks: vec![
                para("甲指标达到10%。（市经委牵头）乙指标保持稳定。", 1),
                para("（市国土局牵头）丙指标减少5%。（市环保局牵头）", 2),
            ],
        };
        let out = rejoin_stray_notes(&doc).expect("moved");
        assert_eq!(
            texts(&out),
            vec![
                "甲指标达到10%。（市经委牵头）乙指标保持稳定。（市国土局牵头）",
                "丙指标减少5%。（市环保局牵头）"
            ]
        );
        assert_eq!(out.blocks[1], para("丙指标减少5%。（市环保局牵头）", 2));
    }

    #[test]
    fn notes_standing_alone_or_after_notes_stay() {
        // A note alone on its line covers the items above it.
        let alone = Document {
            blocks: vec![para("（1）甲。", 1), para("（责任单位：市财政局）", 2)],
        };
        assert!(rejoin_stray_notes(&alone).is_none());
        // The line before ends with a note of its own; a bracket that is no
        // note; no sentence end before.
        for (before, after) in [
            ("甲。（市经委牵头）", "（市国土局牵头）乙。"),
            // Notes before their items: each line starts with its own.
            (
                "（市发改委牵头）加快项目建设。",
                "（市财政局牵头）加强资金保障。",
            ),
            ("甲。", "（以下简称《纲要》）乙。"),
            ("一、总体要求", "（市国土局牵头）乙。"),
        ] {
            let doc = Document {
                blocks: vec![para(before, 1), para(after, 2)],
            };
            assert!(rejoin_stray_notes(&doc).is_none(), "{before} / {after}");
        }
    }
}
