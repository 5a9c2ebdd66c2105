//! Segmenting prose: what each paragraph is by its own shape — its label
//! (`一、` `（一）` `1.` …), the responsibility note at its end, whether label
//! lines (`牵头单位：X`, `完成时限：…`) follow it — before anything is
//! resolved or built.
//!
//! Paragraphs that ran several numbered items together were split apart
//! before (by [`super::runon`]); each item is a paragraph here. What depends
//! on a paragraph's neighbours is left to [`super::resolve`], but for what
//! the paragraph's own shape needs: the label lines under it, the next line
//! of a plan title wrapped over two, the paragraphs read before (a cover
//! naming its plan in 《…》, the last `1.` label for `11.121人才梯队项目`).
//! The build loop in [`super`] builds.

use crate::document::{Block, Document};
use crate::grammar::label::{parse_label, Label, LabelKind};
use crate::grammar::lexicon;
use crate::grammar::numeral::is_numeral_char;
use crate::normalize::{fold, fold_width};

use super::conventions::{default_units_of, only_the_sentence};
use super::cover::{plan_named_in_body, plan_start, PlanStart};
use super::meta::{looks_like_issuer, parse_date_line};
use super::prose::{find_note, item_lines, Note, NoteFind};

/// What a block is to the prose reader.
#[derive(Debug, Clone)]
pub(crate) enum Shape {
    /// Nothing the prose reader reads: a blank paragraph, one the front
    /// matter took.
    Skip,
    /// A table.
    Table,
    /// A paragraph that states only the notice's default units: it stands
    /// between items.
    Boundary,
    /// A paragraph that starts a plan (an attachment line, a plan title,
    /// maybe wrapped over this paragraph and the next, which is then
    /// [`Shape::Skip`]): it stands between items.
    PlanStart(PlanStart),
    /// A label line read with the labelled item above it.
    LabelLine,
    /// A paragraph of running text between an item and its label lines
    /// (the item's description), read with the item.
    ItemBody,
    /// An item or a paragraph of running text.
    Item(Item),
}

/// A paragraph read as an item (or running text when it has no label and no
/// note).
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// Its label.
    pub label: Option<Label>,
    /// The note at its end.
    pub note: NoteFind,
    /// Whether label lines follow it (then it is a measure of its own).
    pub label_lines_follow: bool,
    /// A labelled item without a note whose whole text states who answers
    /// for the items under it (`一、县A局牵头工作（8项）`): that statement, read
    /// as a note.
    pub heading_note: Option<Box<Note>>,
}

impl Item {
    /// A paragraph of running text.
    pub fn running() -> Item {
        Item {
            label: None,
            note: NoteFind::None,
            label_lines_follow: false,
            heading_note: None,
        }
    }

    /// Whether it is only running text: no label, no note (not even one
    /// that was not understood, which is reported where it stands).
    pub fn is_body(&self) -> bool {
        self.label.is_none() && matches!(self.note, NoteFind::None)
    }

    /// Whether it is a labelled item without a note (understood or not) or
    /// label lines (a heading, unless a note after it answers for it).
    pub fn is_bare_labelled(&self) -> bool {
        self.label.is_some() && matches!(self.note, NoteFind::None) && !self.label_lines_follow
    }

    /// Whether it is only a note (nothing but white space before it).
    pub fn is_note_alone(&self, text: &str) -> bool {
        match &self.note {
            NoteFind::Found(note) => {
                self.label.is_none() && text.chars().take(note.start).all(char::is_whitespace)
            }
            _ => false,
        }
    }
}

/// The shape of each block of `doc`. `reads` says which blocks are left to
/// the prose reader (not front matter); `cover_title` is the notice's
/// title, for telling a plan's title line.
pub(crate) fn segment_paragraphs(
    doc: &Document,
    reads: &[bool],
    cover_title: Option<&str>,
) -> Vec<Shape> {
    let mut shapes = Vec::with_capacity(doc.blocks.len());
    // The number of the last `1.` label met, for `11.121人才梯队项目`.
    let mut last_arabic: Option<u32> = None;
    // Whether label lines read with the item above may follow.
    let mut in_lines = false;
    // How many paragraphs of the item above's description stand before its
    // label lines.
    let mut body_left = 0;
    // The label forms met so far (a form not met yet is a deeper one).
    let mut seen_kinds: Vec<LabelKind> = Vec::new();
    // Whether the paragraph before was an attachment line naming no title
    // (a title line may follow it).
    let mut after_attachment = false;
    // Whether a cover's closing stood just before: its issuer, then a
    // date line alone (`国务院办公厅` / `2016年4月6日`), with nothing read
    // since but notes on publication.
    let mut after_date = false;
    // The last non-blank paragraph, read or not.
    let mut last_text: &str = "";
    // Whether an item answered for by a note or label lines was read: then
    // what stands before is a plan, not a cover.
    let mut answered_seen = false;
    // The cover's paragraphs before its first numbered one, where it names
    // its plans in 《…》.
    let mut read_so_far: Vec<String> = Vec::new();
    let mut cover_read = false;
    // The second line of a plan title wrapped over two.
    let mut wrapped: Option<usize> = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        if wrapped == Some(i) {
            shapes.push(Shape::Skip);
            continue;
        }
        let p = match block {
            Block::Table(_) => {
                in_lines = false;
                shapes.push(Shape::Table);
                continue;
            }
            Block::Paragraph(p) if p.text.trim().is_empty() => {
                shapes.push(Shape::Skip);
                continue;
            }
            Block::Paragraph(p) if reads[i] => p,
            Block::Paragraph(p) => {
                in_lines = false;
                after_date |= is_date_line(&p.text) && looks_like_issuer(last_text.trim());
                last_text = &p.text;
                shapes.push(Shape::Skip);
                continue;
            }
        };
        // A title line after the issuer and date that close a cover letter
        // (its numbered instructions or its sentences read, no item
        // answered for) starts the plan.
        let after_cover = after_date
            && !answered_seen
            && (cover_read || read_so_far.iter().any(|r| fold(r).contains('。')));
        after_date = is_date_line(&p.text) && looks_like_issuer(last_text.trim());
        last_text = &p.text;
        if body_left > 0 {
            body_left -= 1;
            shapes.push(Shape::ItemBody);
            continue;
        }
        if in_lines && item_lines(&p.text).is_some() {
            shapes.push(Shape::LabelLine);
            continue;
        }
        in_lines = false;
        if let Some((start, two_lines)) = plan_start_at(
            doc,
            reads,
            i,
            cover_title,
            after_attachment || after_cover,
            &read_so_far,
        ) {
            after_attachment = matches!(start, PlanStart::Attachment(None));
            if let Some(j) = two_lines {
                wrapped = Some(j);
            }
            shapes.push(Shape::PlanStart(start));
            continue;
        }
        after_attachment = false;
        // A cover names its plan before its first numbered paragraph.
        if parse_label(&p.text).is_some() {
            cover_read = true;
        }
        if !cover_read && read_so_far.len() < MAX_READ_SO_FAR {
            read_so_far.push(p.text.trim().to_owned());
        }
        if is_default_units_only(&p.text) {
            shapes.push(Shape::Boundary);
            continue;
        }
        let label = parse_label(&p.text).or_else(|| arabic_in_sequence(&p.text, last_arabic));
        if let Some(l) = label.as_ref().filter(|l| l.kind == LabelKind::ArabicDot) {
            last_arabic = Some(l.ordinal);
        }
        let note = find_note(&p.text);
        let body = label
            .as_ref()
            .filter(|_| !matches!(note, NoteFind::Found(_)))
            .and_then(|l| label_lines_after_body(doc, reads, i, l.kind, &seen_kinds));
        if let Some(l) = label.as_ref().filter(|l| !seen_kinds.contains(&l.kind)) {
            seen_kinds.push(l.kind);
        }
        let label_lines_follow = body.is_some();
        in_lines = label_lines_follow;
        body_left = body.unwrap_or(0);
        let heading_note = match (&label, &note) {
            (Some(l), NoteFind::None) if !label_lines_follow => {
                heading_note(&p.text.chars().skip(l.len).collect::<String>())
            }
            _ => None,
        };
        answered_seen |= matches!(note, NoteFind::Found(_)) || label_lines_follow;
        shapes.push(Shape::Item(Item {
            label,
            note,
            label_lines_follow,
            heading_note,
        }));
    }
    shapes
}

/// A heading's text read as the note of the items under it: units and a
/// role word, maybe the work's noun and a count (`县A局牵头工作（8项）`,
/// `市B局、市C局负责的任务`, `市D局牵头（共5项）`); `None` for any other text.
fn heading_note(text: &str) -> Option<Box<Note>> {
    let mut t = text.trim().trim_end_matches(['。', '：', ':']).trim_end();
    // A count in brackets closing it (`（8项）`, `(共12项)`).
    let mut counted = false;
    if let Some(open) = t.rfind(['（', '(']) {
        let inside = t[open..].trim_start_matches(['（', '(']);
        let inside = inside.trim_end_matches(['）', ')']).trim();
        let number = inside
            .strip_prefix(lexicon::COUNT_PREFIX)
            .unwrap_or(inside)
            .strip_suffix(lexicon::COUNT_NOUN);
        if t.ends_with(['）', ')'])
            && number.is_some_and(|n| {
                !n.is_empty()
                    && n.chars()
                        .all(|c| fold_width(c).is_ascii_digit() || is_numeral_char(c))
            })
        {
            t = t[..open].trim_end();
            counted = true;
        }
    }
    let mut named = false;
    if let Some(noun) = lexicon::WORK_NOUNS.iter().find(|n| t.ends_with(*n)) {
        t = t[..t.len() - noun.len()].trim_end_matches('的');
        named = true;
    }
    // A heading whose topic ends in a role word (`强化部门指导`) names no
    // work a unit answers for: the work's noun or a count must say so.
    if !(counted || named) || !lexicon::NOTE_VERBS.iter().any(|v| t.ends_with(v)) {
        return None;
    }
    match find_note(&format!("（{t}）")) {
        NoteFind::Found(note) if note.start == 0 => Some(Box::new(note)),
        _ => None,
    }
}

/// Longest line that may be a date alone, in bytes (`二〇二四年十二月三十一日`
/// with blanks around it).
const MAX_DATE_LINE_BYTES: usize = 64;

/// Whether a paragraph is a date alone (`2016年4月6日`), looked at only
/// when short.
fn is_date_line(text: &str) -> bool {
    let text = text.trim();
    text.len() <= MAX_DATE_LINE_BYTES && parse_date_line(&fold(text)).is_some()
}

/// How many of the cover's paragraphs are kept for its 《…》 names (as many
/// as [`plan_named_in_body`] searches).
const MAX_READ_SO_FAR: usize = 20;

/// Whether the paragraph at block `i` starts a plan: an attachment line, a
/// title line that repeats the cover title's 《…》 name or follows an
/// attachment line, or one that a paragraph read before names in 《…》 —
/// alone, or wrapped over it and the next paragraph (then that
/// paragraph's block is given too).
fn plan_start_at(
    doc: &Document,
    reads: &[bool],
    i: usize,
    cover_title: Option<&str>,
    after_attachment: bool,
    read_so_far: &[String],
) -> Option<(PlanStart, Option<usize>)> {
    let Block::Paragraph(p) = &doc.blocks[i] else {
        return None;
    };
    if let Some(start) = plan_start(&p.text, cover_title, after_attachment)
        .or_else(|| plan_named_in_body(&p.text, read_so_far))
    {
        return Some((start, None));
    }
    // A plan title wrapped over two lines.
    if parse_label(&p.text).is_some() {
        return None;
    }
    let (j, next) = doc
        .blocks
        .iter()
        .enumerate()
        .skip(i + 1)
        .find_map(|(j, b)| match b {
            Block::Paragraph(n) if n.text.trim().is_empty() => None,
            Block::Paragraph(n) => Some(Some((j, n))),
            Block::Table(_) => Some(None),
        })??;
    if !reads[j] || parse_label(&next.text).is_some() {
        return None;
    }
    let joined = format!("{}{}", p.text.trim(), next.text.trim());
    match plan_start(&joined, cover_title, false)
        .or_else(|| plan_named_in_body(&joined, read_so_far))?
    {
        start @ PlanStart::Title(_) => Some((start, Some(j))),
        PlanStart::Attachment(_) => None,
    }
}

/// How many paragraphs of an item's description may stand between it and
/// its label lines.
const MAX_ITEM_BODY: usize = 3;

/// Whether label lines left to the prose reader follow the item at block
/// `i` (of label form `kind`, after items of the forms `seen`): right after
/// it, or after a few paragraphs of its description (running text: no
/// label, no note; `建设…管道。` then `责任单位：X`), where the next labelled
/// item is no deeper (a heading's introduction and the lines under it,
/// items of a form not met yet following, are the heading's). Returns how
/// many such paragraphs stand before the label lines.
fn label_lines_after_body(
    doc: &Document,
    reads: &[bool],
    i: usize,
    kind: LabelKind,
    seen: &[LabelKind],
) -> Option<usize> {
    let mut body = 0;
    for (j, block) in doc.blocks.iter().enumerate().skip(i + 1) {
        let Block::Paragraph(p) = block else {
            return None;
        };
        if p.text.trim().is_empty() {
            continue;
        }
        if !reads[j] {
            return None;
        }
        if item_lines(&p.text).is_some() {
            let deeper_next = || {
                doc.blocks
                    .iter()
                    .skip(j + 1)
                    .find_map(|b| match b {
                        Block::Paragraph(q) => parse_label(&q.text),
                        Block::Table(_) => None,
                    })
                    .is_some_and(|l| l.kind != kind && !seen.contains(&l.kind))
            };
            return (body == 0 || !deeper_next()).then_some(body);
        }
        if body == MAX_ITEM_BODY
            || parse_label(&p.text).is_some()
            || !matches!(find_note(&p.text), NoteFind::None)
        {
            return None;
        }
        body += 1;
    }
    None
}

/// Whether a paragraph states only the notice's default units
/// (`以下均需X落实，不再列出`).
pub(crate) fn is_default_units_only(text: &str) -> bool {
    default_units_of(text).is_some_and(|(folded, found)| only_the_sentence(&folded, &found))
}

/// A `1.` label whose text starts with a digit (`11.121人才梯队项目`), which
/// [`parse_label`] leaves alone as a decimal number (`1.5倍`): a label when
/// its number is the next after the last `1.` label met (`last`).
fn arabic_in_sequence(text: &str, last: Option<u32>) -> Option<Label> {
    let next = last? + 1;
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let mut after = rest[digits..].chars();
    let dot = after.next()?;
    if !matches!(dot, '.' | '．') || !after.next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    (rest[..digits].parse::<u32>().ok()? == next).then(|| Label {
        kind: LabelKind::ArabicDot,
        ordinal: next,
        text: rest[..digits + dot.len_utf8()].to_owned(),
        len: text[..lead].chars().count() + digits + 1,
    })
}
