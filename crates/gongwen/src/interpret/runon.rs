//! Headings that lost their line breaks: `…提出以下意见：一、总体要求（一）指导思想。…（二）基本原则。…`.
//!
//! Text copied from a web page or a PDF sometimes runs several headings and
//! items into one paragraph. This pass splits such a paragraph before each
//! label that continues the document's numbering, so the interpreter sees
//! one paragraph per item, as in a well-formed notice. A split piece keeps
//! the paragraph's position.
//!
//! A responsibility note followed by more text ends a piece
//! (`…（X负责）各地区要…`, `…（X、Y指导）以…为重点…`), unless that text is a deadline (`…（X负责）2024年底前完成。`). A label inside a paragraph starts a new piece only when
//! - it follows a sentence end or colon (`。；：！？`), a closing bracket,
//!   the title of a heading that itself started a piece (`一、总体要求（一）…`)
//!   or, in label lines run into an item's line, a space (`…配合单位：B 2.…`);
//! - and it continues the numbering: the next number of a label form seen
//!   before (at a paragraph start or at an earlier split), or number 1 of a
//!   form (new, or restarting under a new item) when number 2 of that form
//!   follows later in the paragraph after a stop or a space, or right after
//!   a heading title (①, ⑴, ⒈ only after a space: titles cite them,
//!   `落实①号文件`), or
//!   when its title runs into number 1 of another form (`一、总体要求
//!   （一）…`, even where `二、` never follows: a page cut short), or ends
//!   in its first full stop just before number 1 of another form
//!   (`（一）降低企业税收负担。1.…`), or when a stop and a space stand before
//!   it (a line break lost).
//!
//! Labels are any [`parse_label`] reads: `一、`, `（一）`, `1.`, `（1）`, ①…⑳,
//! ⑴…⒇, ⒈…⒛.
//!
//! Label lines run into an item's line start a piece of their own after
//! the item's last sentence (`1.…。 牵头单位：A 配合单位：B`, `1.…。牵头单位：A`,
//! and a line naming the work and who does it, `1.…。整改措施：由X负责…`),
//! or after a comma where a units label word follows (`1.…，牵头部门：A。`);
//! a sentence after them that states no deadline starts the next piece
//! (`…牵头部门：A。进展较慢。`), as does one after a note closed by a stop
//! (`…（X负责）。进展较慢。`).
//!
//! So inline references (`按照第（三）项`) and lone enumerations stay whole,
//! as does a line of several numbered works under a label naming them
//! (`整改措施：(1)由X负责…。(2)由Y负责…`: its numbers are the works').
//! It does not decide what a piece is; the interpreter does.

use std::collections::HashMap;

use crate::document::{Block, Document, Paragraph};
use crate::grammar::deadline::{looks_like_deadline, CELL_MAX_CHARS};
use crate::grammar::label::{parse_label, LabelKind};
use crate::grammar::lexicon;
use crate::grammar::numeral::is_numeral_char;
use crate::normalize::{fold, fold_width};

use super::conventions::first_leads_tail;
use super::prose::{
    find_note, matching_open, note_bracket, starts_label_line, starts_leader_note,
    starts_note_label, NoteFind,
};
use super::role_statement::{is_work_statement, starts_work_statement};

/// A paragraph shorter than this (in chars) is never split: a run-on
/// paragraph holds at least two items.
const MIN_RUN_ON_CHARS: usize = 6;

/// Splits run-on paragraphs; `None` when no paragraph needs it.
pub fn split_run_on(doc: &Document) -> Option<Document> {
    let mut seen: HashMap<LabelKind, u32> = HashMap::new();
    let mut changed = false;
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        let Block::Paragraph(p) = block else {
            blocks.push(block.clone());
            continue;
        };
        // (A line of works under a label, `整改措施：(1)由X…。(2)由Y…`, is
        // one line of its item: its labels number the works.)
        if is_work_statement(&p.text) {
            blocks.push(block.clone());
            continue;
        }
        let chars: Vec<char> = p.text.chars().collect();
        let cuts = cut_points(&chars, &mut seen);
        if cuts.is_empty() {
            blocks.push(block.clone());
            continue;
        }
        changed = true;
        let mut start = 0;
        for end in cuts.into_iter().chain([chars.len()]) {
            let piece: String = chars[start..end].iter().collect();
            if !piece.trim().is_empty() {
                blocks.push(Block::Paragraph(Paragraph {
                    text: piece.trim().to_owned(),
                    pos: p.pos.clone(),
                }));
            }
            start = end;
        }
    }
    changed.then_some(Document { blocks })
}

/// Where a paragraph splits (char offsets), updating the numbering seen.
/// One pass over the chars: each look-back or look-ahead is bounded or
/// cached, so a long paragraph costs linear time.
fn cut_points(chars: &[char], seen: &mut HashMap<LabelKind, u32>) -> Vec<usize> {
    let mut cuts = Vec::new();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    // The label at the paragraph's start, if any, sets the numbering.
    let mut piece_is_heading = false;
    let mut piece_start = lead;
    if let Some(l) = label_at(chars, lead) {
        seen.insert(l.kind, l.ordinal);
        piece_is_heading = true;
        piece_start = lead + l.len;
    }
    if chars.len() < MIN_RUN_ON_CHARS {
        return cuts;
    }
    // Whether a sentence stop has been passed since the piece started.
    let mut stop_in_piece = false;
    // The label form of the heading the piece starts with.
    let mut piece_kind: Option<LabelKind> = None;
    // Whether the piece is label lines.
    let mut in_label_line = false;
    // The last non-space char before `i`.
    let mut prev: Option<char> = chars[..piece_start]
        .iter()
        .rev()
        .map(|&c| fold_width(c))
        .find(|c| !c.is_whitespace());
    // Where number 2 of each label form first follows a stop (cached).
    let mut second_at: HashMap<LabelKind, Option<usize>> = HashMap::new();
    let mut i = piece_start.max(1);
    while i < chars.len() {
        let c = note_bracket(fold_width(chars[i]));
        let mut cut = None;
        if let Some(at) = (c == ')')
            .then(|| ends_note(chars, cuts.last().copied().unwrap_or(0), i))
            .flatten()
        {
            cut = Some((at, Piece::AfterNote));
        } else if prev == Some('。') && !c.is_whitespace() && {
            let head = label_head(chars, i);
            starts_label_line(&head) || starts_work_statement(&head)
        } {
            // Label lines run into their item's line (`1.…。 牵头单位：A`).
            cut = Some((i, Piece::LabelLine));
        } else if prev == Some(',')
            && !in_label_line
            && (starts_note_label(&label_head(chars, i))
                || starts_leader_note(&sentence_at(chars, i)))
            && !inside_brackets(&chars[piece_start.min(i).max(i.saturating_sub(MAX_NOTE_CHARS))..i])
        {
            // A note without brackets run in after a comma
            // (`1.…，牵头部门：A。`): label lines.
            cut = Some((i, Piece::LabelLine));
        } else if in_label_line
            && prev == Some('。')
            && !c.is_whitespace()
            && !deadline_sentence(&chars[i..])
        {
            // A sentence after label lines run into a line is not theirs
            // (`1.…，牵头部门：A。目前进展顺利。`).
            cut = Some((i, Piece::AfterNote));
        } else if c == '('
            || c.is_ascii_digit()
            || is_numeral_char(c)
            || matches!(c, '①'..='⑳' | '⑴'..='⒛')
        {
            let after_stop = prev.is_some_and(|p| "。;:!?)”".contains(p));
            // A heading's title runs up to the next label with no full stop
            // (it may end in a bracket: `…工作（第二批） （一）…`).
            let title_run = piece_is_heading
                // ①, ⑴ and ⒈ stand inside titles as references (`落实①号文件`);
                // after a space they start a line whose break was lost.
                && (!matches!(c, '①'..='⑳' | '⑴'..='⒛') || chars[i - 1].is_whitespace())
                && i >= piece_start + 2
                && prev.is_some_and(|p| p.is_alphanumeric() || p == ')')
                && !stop_in_piece;
            let after_number = prev.is_some_and(|p| p.is_ascii_digit() || p == '.');
            // After label lines, a lost line break shows as a space.
            let after_label_line = in_label_line && i > 0 && chars[i - 1].is_whitespace();
            if (after_stop || title_run || after_label_line) && !after_number {
                if let Some(l) = label_at(chars, i) {
                    let next = seen.get(&l.kind).is_some_and(|&n| l.ordinal == n + 1);
                    // Number 1 starts a list (again, under a new item) when
                    // number 2 follows.
                    let first = l.ordinal == 1
                        && (title_run
                            || next_second(&mut second_at, chars, i + l.len, l.kind)
                            || heads_a_list(chars, i + l.len, l.kind)
                            // A stop, then a space: a line break lost.
                            || (after_stop && chars[i - 1].is_whitespace())
                            // A heading's title of one sentence, then number
                            // 1 of another form (`（一）降低企业税收负担。1.…`).
                            || (piece_is_heading
                                && prev == Some('。')
                                && piece_kind.is_some_and(|k| k != l.kind)
                                && i - piece_start <= MAX_TITLE_CHARS
                                && chars[piece_start..i]
                                    .iter()
                                    .filter(|&&c| matches!(fold_width(c), '。' | ';' | ':'))
                                    .count()
                                    == 1));
                    if next || first {
                        cut = Some((i, Piece::Labelled(l)));
                    }
                }
            }
        }
        match cut {
            Some((at, piece)) => {
                cuts.push(at);
                stop_in_piece = false;
                in_label_line = matches!(piece, Piece::LabelLine);
                match piece {
                    Piece::Labelled(l) => {
                        seen.insert(l.kind, l.ordinal);
                        piece_is_heading = true;
                        piece_kind = Some(l.kind);
                        piece_start = at + l.len;
                        prev = chars[at..piece_start]
                            .iter()
                            .rev()
                            .map(|&c| fold_width(c))
                            .next();
                    }
                    Piece::AfterNote => {
                        piece_is_heading = false;
                        piece_start = at;
                        prev = chars[..at]
                            .iter()
                            .rev()
                            .map(|&c| note_bracket(fold_width(c)))
                            .find(|c| !c.is_whitespace());
                    }
                    Piece::LabelLine => {
                        piece_is_heading = false;
                        piece_start = at + 1;
                        prev = Some(fold_width(chars[at]));
                    }
                }
                i = piece_start;
            }
            None => {
                if !c.is_whitespace() {
                    prev = Some(c);
                }
                stop_in_piece |= matches!(c, '。' | ';' | ':');
                i += 1;
            }
        }
    }
    cuts
}

/// Most chars a label word and its colon take, looked at from a cut.
const LABEL_HEAD_CHARS: usize = 16;

/// The folded text at char `i` where a label word may start.
fn label_head(chars: &[char], i: usize) -> String {
    fold(
        &chars[i..chars.len().min(i + LABEL_HEAD_CHARS)]
            .iter()
            .collect::<String>(),
    )
}

/// The folded sentence at char `i` (up to its full stop, as long as a
/// note may be).
fn sentence_at(chars: &[char], i: usize) -> String {
    let end = chars.len().min(i + MAX_NOTE_CHARS);
    let end = chars[i..end]
        .iter()
        .position(|c| *c == '。')
        .map_or(end, |p| i + p);
    fold(&chars[i..end].iter().collect::<String>())
}

/// Whether the sentence at the start of `chars` states a deadline (the
/// item's, after its label lines: `…。2024年底前完成。`).
fn deadline_sentence(chars: &[char]) -> bool {
    let sentence: String = chars
        .iter()
        .take_while(|&&c| fold_width(c) != '。')
        .take(CELL_MAX_CHARS + 1)
        .collect();
    looks_like_deadline(sentence.trim())
}

/// Whether the text ends inside brackets (more open than closed), looked
/// at over a note's longest stretch.
fn inside_brackets(chars: &[char]) -> bool {
    let mut depth = 0i32;
    for &c in chars {
        match note_bracket(fold_width(c)) {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// What starts a piece.
enum Piece {
    /// A label continuing the numbering.
    Labelled(crate::grammar::label::Label),
    /// Text after a responsibility note, or after label lines run into a
    /// line.
    AfterNote,
    /// Label lines after the item's last sentence.
    LabelLine,
}

/// Longest responsibility note looked back over, in chars.
const MAX_NOTE_CHARS: usize = 300;

/// Where the piece after a responsibility note starts, when the bracket
/// closing at char `close` ends one
/// (`（X负责）`) opened after `from` and more text follows it.
fn ends_note(chars: &[char], from: usize, close: usize) -> Option<usize> {
    let next = |from: usize| (from..chars.len()).find(|&j| !chars[j].is_whitespace());
    // The piece after the note starts right after it, or after a stop that
    // closes it (`…（X负责）。目前进展顺利。`) where no label follows.
    let after = match next(close + 1).map(|j| (j, fold_width(chars[j]))) {
        Some((_, ',' | ';' | ')')) | None => return None,
        // (`；` joins clauses of one sentence, `（X负责）；推进…（Y负责）`: above.)
        Some((j, '。')) => next(j + 1)?,
        Some((j, _)) => j,
    };
    if close < 3 {
        return None;
    }
    // The note's opening bracket, not too far back.
    let floor = from.max(close.saturating_sub(MAX_NOTE_CHARS));
    let open = matching_open(chars, close, floor)?;
    let content = &chars[open + 1..close];
    let content = fold(&content.iter().collect::<String>());
    // The convention may close the note (`（X负责。列第一位者为牵头单位，下同）`),
    // and a deadline (`（X负责，2024年底前）`).
    let content = match first_leads_tail(&content) {
        Some(f) => &content[..f.start],
        None => content.as_str(),
    };
    let content = content.trim_end_matches(['。', ',', ';', ' ']);
    let content = match content.rsplit_once([',', ';']) {
        Some((head, last)) if looks_like_deadline(last.trim()) => head,
        _ => content,
    };
    let labelled = content.contains(':');
    if !labelled && !lexicon::NOTE_VERBS.iter().any(|v| content.ends_with(v)) {
        return None;
    }
    let note: String = chars[open..=close].iter().collect();
    if !matches!(find_note(&note), NoteFind::Found(_)) {
        return None;
    }
    // A deadline after the note is the note's (`（X负责）2024年底前完成。`).
    let sentence: String = chars[after..]
        .iter()
        .take_while(|&&c| fold_width(c) != '。')
        .take(CELL_MAX_CHARS + 1)
        .collect();
    let sentence = sentence.trim_start_matches(|c: char| c.is_whitespace() || ",;，；".contains(c));
    (!looks_like_deadline(sentence)).then_some(after)
}

/// Whether number 2 of `kind` stands after a stop or a space from char
/// `from` on, the answer cached until that number 2 is passed (a list
/// restarting under each item has a number 2 of its own).
fn next_second(
    cache: &mut HashMap<LabelKind, Option<usize>>,
    chars: &[char],
    from: usize,
    kind: LabelKind,
) -> bool {
    let at = match cache.get(&kind) {
        // No number 2 after an earlier char: none after this one.
        Some(None) => None,
        Some(Some(j)) if *j >= from => Some(*j),
        _ => {
            let j = second_after_stop(chars, from, kind);
            cache.insert(kind, j);
            j
        }
    };
    at.is_some()
}

/// Where number 2 of `kind` first stands right after a stop or a space (a
/// line break lost), from char `from` on.
fn second_after_stop(chars: &[char], from: usize, kind: LabelKind) -> Option<usize> {
    (from.max(1)..chars.len()).find(|&j| {
        // (A note's closing bracket of any kind, `】`, `]`, is a stop.)
        let before = note_bracket(fold_width(chars[j - 1]));
        ("。;)".contains(before) || before.is_whitespace())
            && label_at(chars, j).is_some_and(|l| l.kind == kind && l.ordinal == 2)
    })
}

/// Longest heading title looked over for the list under it, in chars.
const MAX_TITLE_CHARS: usize = 60;

/// Whether the label ending at char `from` heads a list: its title (no
/// full stop) runs into number 1 of another label form (`一、总体要求
/// （一）指导思想`), which says a line break was lost there even where
/// number 2 of the heading's own form never follows (a page cut short).
fn heads_a_list(chars: &[char], from: usize, kind: LabelKind) -> bool {
    let end = chars.len().min(from + MAX_TITLE_CHARS);
    for j in from + 1..end {
        let c = fold_width(chars[j]);
        if matches!(c, '。' | ';' | '!' | '?') {
            return false;
        }
        let prev = fold_width(chars[j - 1]);
        if (prev.is_whitespace() || prev.is_alphanumeric() || prev == ')')
            && label_at(chars, j).is_some_and(|l| l.kind != kind && l.ordinal == 1)
        {
            return true;
        }
    }
    false
}

/// The label at char `i`, if any.
fn label_at(chars: &[char], i: usize) -> Option<crate::grammar::label::Label> {
    let head: String = chars[i..chars.len().min(i + 12)].iter().collect();
    parse_label(&head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Position;

    fn pieces(texts: &[&str]) -> Vec<String> {
        let doc = Document {
            blocks: texts
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    Block::Paragraph(Paragraph {
                        text: (*t).to_owned(),
                        pos: Position::Line { line: k as u32 + 1 },
                    })
                })
                .collect(),
        };
        let doc = split_run_on(&doc).unwrap_or(doc);
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn splits_a_notice_that_lost_its_line_breaks() {
        let got = pieces(&["现提出以下意见：一、总体要求（一）指导思想。坚持稳中求进。（二）基本原则。坚持问题导向。二、重点任务（三）推进改革。加快推进。（市发展改革委负责）"]);
        assert_eq!(
            got,
            [
                "现提出以下意见：",
                "一、总体要求",
                "（一）指导思想。坚持稳中求进。",
                "（二）基本原则。坚持问题导向。",
                "二、重点任务",
                "（三）推进改革。加快推进。（市发展改革委负责）",
            ]
        );
    }

    #[test]
    fn a_note_of_any_role_verb_ends_its_piece() {
        let got = pieces(&["推行绿色设计。（甲部、乙部指导）以电池为重点，建成回收体系。（丙委牵头，丁局参与）加强监管。（戊局负责）"]);
        assert_eq!(
            got,
            [
                "推行绿色设计。（甲部、乙部指导）",
                "以电池为重点，建成回收体系。（丙委牵头，丁局参与）",
                "加强监管。（戊局负责）",
            ]
        );
        // A bracket that names no one stays inside its sentence.
        let got = pieces(&["开展试点（含县级）工作，逐步推广。（甲部负责）"]);
        assert_eq!(got, ["开展试点（含县级）工作，逐步推广。（甲部负责）"]);
    }

    #[test]
    fn a_note_closed_by_a_stop_ends_its_piece() {
        let got = pieces(&["1、道路工程（牵头单位：甲局）。进度较慢。"]);
        assert_eq!(got, ["1、道路工程（牵头单位：甲局）。", "进度较慢。"]);
        // (A deadline after the stop stays the note's.)
        let got = pieces(&["1、道路工程（甲局负责）。2024年底前完成。"]);
        assert_eq!(got, ["1、道路工程（甲局负责）。2024年底前完成。"]);
    }

    #[test]
    fn a_note_run_in_after_a_comma_is_label_lines_and_ends_at_its_stop() {
        let got = pieces(&["1、道路工程，牵头部门：甲局。进度较慢。"]);
        assert_eq!(got, ["1、道路工程，", "牵头部门：甲局。", "进度较慢。"]);
        // A qualified label word too; not a unit's name with its role, and
        // not inside brackets.
        let got = pieces(&["1、道路工程，牵头考核单位：甲局。"]);
        assert_eq!(got, ["1、道路工程，", "牵头考核单位：甲局。"]);
        let got = pieces(&["1、道路工程，甲局牵头：负责协调。"]);
        assert_eq!(got, ["1、道路工程，甲局牵头：负责协调。"]);
        let got = pieces(&["1、道路工程。（2024年底前，牵头单位：甲局）"]);
        assert_eq!(got, ["1、道路工程。（2024年底前，牵头单位：甲局）"]);
    }

    #[test]
    fn a_list_restarting_under_each_item_is_cut_each_time() {
        let got =
            pieces(&["（一）甲（乙局负责）1.子一。2.子二。（二）丙（丁局负责）1.子三。2.子四。"]);
        assert_eq!(
            got,
            [
                "（一）甲（乙局负责）",
                "1.子一。",
                "2.子二。",
                "（二）丙（丁局负责）",
                "1.子三。",
                "2.子四。"
            ]
        );
    }

    #[test]
    fn continues_numbering_from_earlier_lines() {
        let got = pieces(&["一、总体要求", "内容。二、重点任务", "1.第一项。2.第二项。"]);
        assert_eq!(
            got,
            [
                "一、总体要求",
                "内容。",
                "二、重点任务",
                "1.第一项。",
                "2.第二项。"
            ]
        );
    }

    #[test]
    fn leaves_references_and_lone_items_whole() {
        for text in [
            "按照本意见第（三）项的要求，做好相关工作，确保取得实效。",
            "（一）加强领导。要求如下：1.建立机制，完善制度。",
            "全年增长2.5%，其中一季度增长1.2%，二季度增长1.3%。",
            "一、二、三产业协调发展。一、二产业融合。",
        ] {
            assert_eq!(pieces(&[text]), [text], "{text}");
        }
    }
}
