//! Prose measures: paragraphs that end in a responsibility note.
//!
//! Many notices written as prose close each measure with a bracketed note
//! naming who answers for it: `（人力资源社会保障部、财政部负责）`,
//! `（国家发展改革委会同有关部门负责）`, `（牵头单位：X；配合单位：Y）`. Such a
//! paragraph is a measure; its text leaves out its label and the note, and
//! its units come from the note through [`parse_units`]. A labelled
//! paragraph without a note is not a measure (the interpreter makes it a
//! heading).
//!
//! A note may also state the notice-wide convention `列第一位者为牵头单位，下同`
//! (the first-listed unit leads, here and in every later note). This module
//! keeps that as state in [`ProseReader`]; it knows nothing of the outline.
//! So does the rule `无牵头单位的，责任单位即为牵头单位`, stated once anywhere in
//! the text (the cover, a 说明 paragraph): from then on, a measure with no
//! lead unit has its responsible units as leads.
//!
//! A note may also hold the measure's deadline as a clause of its own:
//! `（市发展改革委负责，6月底前完成）`, `（责任单位：市财政局；完成时限：2024年12月底前）`.
//! That clause is the measure's deadline (read by [`parse_deadline`] with
//! the notice's year) and no unit. Dates in the measure's own text are never
//! its deadline.
//!
//! Two more layouts give measures: an item followed by label lines
//! (`牵头单位：X`, `责任单位：Y`, `配合单位：Z`, `完成时限：…`, `牵头负责领导：…`; see
//! [`label_line`] and [`ProseReader::measure_with_lines`]), and items
//! followed by a paragraph that is only a note, which answers for each of
//! them ([`ProseReader::measure_for_item`]). The interpreter finds both.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::Position;
use crate::grammar::deadline::{is_deadline_sized, looks_like_deadline, parse_deadline};
use crate::grammar::label::Label;
use crate::grammar::lexicon::{self, Field};
use crate::grammar::units::{looks_like_units, parse_units};
use crate::model::{Deadline, Diagnostic, DiagnosticCode, Measure, Role, Unit};
use crate::normalize::{fold, fold_width};

use super::conventions::{
    find_default_units, first_leads_tail, split_convention, states_first_leads,
    states_responsible_leads,
};
use super::role_statement::role_statement;

/// A line such as `牵头单位：X` or `完成时限：2024年6月底前` after an item
/// (folded): a short field word, a colon, a value. Which field the word
/// names is the lexicon's business (see [`label_field`]).
static LABEL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\p{Han}{2,8})\s*:\s*\S").expect("valid regex"));

/// The label word that opens folded text (`牵头单位` of `牵头单位：X`): 2–8 Han
/// chars before a colon with a value after it.
pub(super) fn opening_label_word(folded: &str) -> Option<&str> {
    LABEL_LINE
        .captures(folded)
        .and_then(|c| c.get(1))
        .map(|w| w.as_str())
}

/// What a label line's word names: units with a role, a deadline, or a
/// leader (a person: `牵头负责领导`, `责任领导`); `None` for any other word.
fn label_field(word: &str) -> Option<Field> {
    if word.ends_with(lexicon::LEADER_WORD) {
        return Some(Field::Leader);
    }
    match lexicon::header_field(word)? {
        (f @ (Field::Units(_) | Field::Deadline | Field::Leader), _) => Some(f),
        _ => None,
    }
}

/// Whether folded text starts with a label line's word and colon.
pub fn starts_label_line(folded: &str) -> bool {
    opening_label_word(folded).is_some_and(|w| label_field(w).is_some())
}

/// Whether folded text after a comma starts a note without brackets: a
/// label word naming units and its colon (`…，牵头部门：A`; a time or place
/// after a comma, `，时间：…`, is the sentence's),
/// the word whole (`is_label_word`) or a units word with a qualifier
/// ([`lexicon::label_role`]: `牵头考核单位：`), not a unit's name with its
/// role (`市交通局牵头：`). (One naming the official first: see
/// [`starts_leader_note`].)
pub fn starts_note_label(folded: &str) -> bool {
    opening_label_word(folded).is_some_and(|w| {
        matches!(label_field(w), Some(Field::Units(_)))
            && (is_label_word(w) || lexicon::label_role(w).is_some())
    })
}

/// Whether a folded sentence after a comma is a note without brackets that
/// names the official in charge first (`…，责任领导：X；牵头单位：A。`): a
/// leader's label word, and a units label after it in the sentence.
pub fn starts_leader_note(sentence: &str) -> bool {
    starts_leader_label(sentence) && has_units_label(sentence)
}

/// Whether folded text starts with a whole label word naming the official
/// in charge and its colon (`责任领导：`). (A note's clause; it starts a
/// note only where units are named after it.)
fn starts_leader_label(folded: &str) -> bool {
    opening_label_word(folded)
        .is_some_and(|w| label_field(w) == Some(Field::Leader) && is_label_word(w))
}

/// Whether folded text after a separator inside a label line starts the
/// next label: a whole label word ([`is_label_word`]) or a units word with
/// a qualifier ([`lexicon::label_role`]: `牵头考核单位：`) and its colon, not a
/// unit named with its role (`，市交通运输局配合：` before a colon that
/// separates it from the next label).
fn starts_next_label(folded: &str) -> bool {
    opening_label_word(folded).is_some_and(|w| {
        (label_field(w).is_some() && is_label_word(w)) || lexicon::label_role(w).is_some()
    })
}

/// The field a label word opening a note's clause names (folded text, the
/// word 2–8 Han chars and a colon): units with their role (`牵头单位:`,
/// `牵头考核单位:`, see [`lexicon::label_role`]), a deadline (`完成时限:`), or
/// a remark that qualifies the measure (`适用范围:`, `备注:`); and the chars
/// up to and with the colon.
fn clause_label(clause: &str) -> Option<(Field, usize)> {
    let caps = LABEL_LINE.captures(clause)?;
    let word = caps.get(1)?.as_str();
    let upto = clause[..caps.get(1)?.end()].chars().count()
        + clause[caps.get(1)?.end()..]
            .chars()
            .position(|c| c == ':')?
        + 1;
    if let Some(role) = lexicon::label_role(word) {
        return Some((Field::Units(role), upto));
    }
    match lexicon::header_field(word)? {
        (f @ (Field::Deadline | Field::Note), _) => Some((f, upto)),
        _ => None,
    }
}

/// Whether folded text holds a units label anywhere (`…,牵头考核单位:X`): a
/// colon after a word whose tail is a units label word.
fn has_units_label(folded: &str) -> bool {
    let chars: Vec<char> = folded.chars().collect();
    chars.iter().enumerate().any(|(k, c)| {
        *c == ':' && {
            let run = chars[..k]
                .iter()
                .rev()
                .take(MAX_LABEL_WORD_CHARS)
                .take_while(|c| is_han(**c))
                .count();
            (2..=run).any(|len| {
                let word: String = chars[k - len..k].iter().collect();
                lexicon::label_role(&word).is_some()
            })
        }
    })
}

/// Longest label word of a note's clause, in chars.
const MAX_LABEL_WORD_CHARS: usize = 8;

/// A responsibility note found at the end of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Where the note's opening bracket stands, in chars of the paragraph.
    pub start: usize,
    /// The note's content without its brackets, as printed.
    pub raw: String,
    /// The units, roles as the note states them (`None` where it states none).
    pub units: Vec<Unit>,
    /// Whether the note states that the first-listed unit leads.
    pub first_leads: bool,
    /// Whether the note states that the units after the first support.
    pub others_support: bool,
    /// The deadline clause of the note (without a `完成时限：` label), as printed.
    pub deadline: Option<String>,
    /// A closing clause that qualifies the measure rather than naming units
    /// (`适用范围：浙江自贸试验区`), as printed.
    pub aside: Option<String>,
    /// The official in charge the note names (`责任领导：X`), as printed
    /// (the names of several such clauses joined by `、`): a person, never
    /// a unit.
    pub leader: Option<String>,
}

/// What the end of a paragraph holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteFind {
    /// No final bracket group that states a responsibility.
    None,
    /// A responsibility note.
    Found(Note),
    /// A final bracket group with a responsibility word whose units were not
    /// understood (its content).
    NotUnderstood(String),
}

/// A line after an item that states one of its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelLine {
    /// `牵头单位：X` (lead), `责任单位：X` (responsible), `配合单位：X`
    /// (support): the role and the units as printed.
    Units(Role, String),
    /// `完成时限：X`: the deadline as printed.
    Deadline(String),
    /// `牵头负责领导：X`: the leader as printed (a person, no unit).
    Leader(String),
    /// What a line says besides: the work after a statement of who answers
    /// for it (`由A牵头，B配合，尽快完成…`), as printed.
    Note(String),
}

/// Reads a label line that may hold several labels
/// (`牵头单位：X 配合单位：Y`, `责任单位：X；完成时限：Z`): one part per label, each
/// with its label word as printed (up to and with the colon). `None` when the
/// text does not start with a label. A label inside the value counts when
/// white space or `；，。` stands before it, or when it runs into the value
/// (maybe after a colon or other separator, `A：配合单位：B`)
/// before it (`A配合单位：B`) and the word before its colon is a whole label
/// word.
pub fn label_line_parts(text: &str) -> Option<Vec<(String, LabelLine)>> {
    label_line(text)?;
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = fold(text).chars().collect();
    // Where each label starts: the text's start, then each later label,
    // after a separator or run into the value before it
    // (`牵头单位：A配合单位：B完成时限：…`).
    let mut starts = vec![0];
    let mut k = 1;
    while k < folded.len() {
        if (folded[k - 1].is_whitespace() || matches!(folded[k - 1], ';' | ',' | '。'))
            && !folded[k].is_whitespace()
            && starts_next_label(&folded[k..].iter().take(16).collect::<String>())
        {
            starts.push(k);
        } else if folded[k - 1] == ':'
            && !is_own_colon(&folded, *starts.last().unwrap_or(&0), k - 1)
            && whole_label_word_at(&folded, k)
        {
            // A colon between a value and the next label (`A：配合单位：B`).
            starts.push(k);
        } else if folded[k] == ':' {
            let last = *starts.last().unwrap_or(&0);
            if let Some(start) = run_in_label(&folded, last, k) {
                starts.push(start);
            }
        }
        k += 1;
    }
    let mut parts = Vec::with_capacity(starts.len());
    for (n, &s) in starts.iter().enumerate() {
        let e = starts.get(n + 1).copied().unwrap_or(chars.len());
        let part: String = chars[s..e].iter().collect();
        // (What separates it from the next label: `；`, `，`, `：` …)
        let part =
            part.trim_end_matches(|c: char| c.is_whitespace() || ";；,，。:：、".contains(c));
        let line = label_line(part)?;
        let value = match &line {
            LabelLine::Units(_, v)
            | LabelLine::Deadline(v)
            | LabelLine::Leader(v)
            | LabelLine::Note(v) => v,
        };
        let word = part.trim().strip_suffix(value.as_str())?.to_owned();
        // (An official's name, then the deadline after a comma:
        // `责任领导：X，2024年底前完成`.)
        if let LabelLine::Leader(v) = &line {
            if let Some((name, when)) = v.split_once(['，', ',']) {
                if looks_like_deadline(when) {
                    parts.push((word, LabelLine::Leader(name.trim().to_owned())));
                    parts.push((String::new(), LabelLine::Deadline(when.trim().to_owned())));
                    continue;
                }
            }
        }
        parts.push((word, line));
    }
    Some(parts)
}

/// The lines under an item that state its attributes: label lines
/// ([`label_line_parts`]), or a paragraph opening with who answers for it
/// ([`role_statement`]: `由A牵头，B配合，…`).
pub fn item_lines(text: &str) -> Option<Vec<(String, LabelLine)>> {
    label_line_parts(text).or_else(|| role_statement(text))
}

/// Whether the colon at `colon` is the own colon of the label starting at
/// `start` (the first colon after its word).
fn is_own_colon(folded: &[char], start: usize, colon: usize) -> bool {
    folded[start..colon].iter().all(|c| *c != ':')
}

/// Whether a whole label word ([`is_label_word`]) and its colon start at
/// `k` (`配合单位：`, not the unit `市数据局完成时限：` run into one).
fn whole_label_word_at(folded: &[char], k: usize) -> bool {
    let word: String = folded[k..]
        .iter()
        .take(MAX_RUN_IN_LABEL_CHARS + 1)
        .take_while(|c| **c != ':')
        .collect();
    let len = word.chars().count();
    folded.get(k + len) == Some(&':')
        && len >= 2
        && word.chars().all(is_han)
        && label_field(&word).is_some()
        && is_label_word(&word)
}

/// Longest label word run into the value before it, in chars.
const MAX_RUN_IN_LABEL_CHARS: usize = 6;
/// How far after a label's start its colon may stand (its word and spaces).
const MAX_LABEL_WORD_SPAN: usize = 12;
/// Longest value a label may have before a label run into it, in chars.
const MAX_RUN_IN_VALUE_CHARS: usize = 400;

/// Whether a word is a whole label word, not a unit's tail run into one
/// (`局完成时限`) nor a role word run into another field's (`配合时间节点`): a
/// field word of the lexicon (units, deadline, or a leader's 领导) after at
/// most two qualifiers, each a modifier ([`lexicon::LABEL_MODIFIERS`]) or
/// a word of the same field (`配合` + `单位`, `牵头` + `负责` + `领导`).
fn is_label_word(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let same_kind = |a: Field, b: Field| std::mem::discriminant(&a) == std::mem::discriminant(&b);
    (0..chars.len().saturating_sub(1)).any(|j| {
        let head: String = chars[j..].iter().collect();
        let field = if head == lexicon::LEADER_WORD {
            None
        } else {
            match lexicon::exact_field(&head) {
                Some(f @ (Field::Units(_) | Field::Deadline)) => Some(f),
                _ => return false,
            }
        };
        let qualifier_ok = |q: &[char]| {
            let q: String = q.iter().collect();
            lexicon::LABEL_MODIFIERS.contains(&q.as_str())
                || lexicon::exact_field(&q).is_some_and(|f| match field {
                    Some(field) => same_kind(f, field),
                    // A leader is qualified by role words (`牵头负责领导`).
                    None => matches!(f, Field::Units(_)),
                })
        };
        match j {
            0 => true,
            2 => qualifier_ok(&chars[..2]),
            4 => qualifier_ok(&chars[..2]) && qualifier_ok(&chars[2..4]),
            _ => false,
        }
    })
}

/// Where a label word ending at the colon at `colon` starts when it runs
/// into the value of the label that starts at `last` (`A配合单位：`): the
/// longest word before the colon that names a field, where what stands
/// between the earlier label and it is a value of that label's field
/// (units, a deadline, a leader's name). `None` when the colon belongs to
/// the earlier value or is that label's own.
fn run_in_label(folded: &[char], last: usize, colon: usize) -> Option<usize> {
    // The earlier label's own colon, just after its word.
    let own = last
        + folded[last..colon.min(last + MAX_LABEL_WORD_SPAN)]
            .iter()
            .position(|c| *c == ':')?;
    // A value longer than any unit list or deadline is no label's value:
    // looking no further keeps a long line linear.
    if colon - own > MAX_RUN_IN_VALUE_CHARS {
        return None;
    }
    // A colon before a label (`…Y配合：时间节点：…`) separates the two; it is
    // no label's own.
    if whole_label_word_at(folded, colon + 1) {
        return None;
    }
    let earlier: String = folded[last..colon].iter().collect();
    let earlier = label_line(&earlier)?;
    for len in (2..=MAX_RUN_IN_LABEL_CHARS).rev() {
        let Some(start) = colon.checked_sub(len) else {
            continue;
        };
        let word: String = folded[start..colon].iter().collect();
        if start <= last || !word.chars().all(is_han) || label_field(&word).is_none() {
            continue;
        }
        if !is_label_word(&word) {
            continue;
        }
        // The earlier label's value: from after its colon to the word.
        if start <= own {
            continue;
        }
        // (A separator may end it: `牵头单位：A；配合单位：`, `…A：配合单位：`.)
        let value: String = folded[own + 1..start].iter().collect();
        let value = value
            .trim()
            .trim_end_matches([':', ';', ',', '、', '。', ' '])
            .trim();
        let fits = !value.is_empty()
            && match &earlier {
                LabelLine::Units(..) => looks_like_units(value),
                LabelLine::Deadline(_) => looks_like_deadline(value),
                LabelLine::Leader(_) | LabelLine::Note(_) => true,
            };
        if fits {
            return Some(start);
        }
    }
    None
}

/// Whether a char is a Han ideograph.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Reads a label line (`牵头单位：X`, `完成时限：X`, `牵头负责领导：X` …, full- or
/// half-width colon); `None` for any other text.
pub fn label_line(text: &str) -> Option<LabelLine> {
    let folded = fold(text);
    if folded.chars().count() != text.chars().count() {
        return None;
    }
    let caps = LABEL_LINE.captures(&folded)?;
    let label = caps.get(1)?.as_str();
    // The value starts at the match's last char (the first non-space one).
    let skip = folded[..caps.get(0)?.end()].chars().count() - 1;
    let value: String = text.chars().skip(skip).collect();
    let value = value.trim().to_owned();
    Some(match label_field(label)? {
        Field::Units(role) => LabelLine::Units(role, value),
        Field::Deadline => LabelLine::Deadline(value),
        Field::Leader => LabelLine::Leader(value),
        _ => return None,
    })
}

/// How far back (in chars) a note's opening bracket is looked for when a
/// deadline follows the note.
const MAX_NOTE_LOOKBACK: usize = 300;

/// Finds the responsibility note that ends `text`, if any.
pub fn find_note(text: &str) -> NoteFind {
    let orig: Vec<char> = text.chars().collect();
    let folded: Vec<char> = fold(text).chars().map(note_bracket).collect();
    if folded.len() != orig.len() {
        return NoteFind::None;
    }
    // The last bracket group, allowing white space and a full stop after it.
    let mut end = folded.len();
    while end > 0 && (folded[end - 1].is_whitespace() || folded[end - 1] == '。') {
        end -= 1;
    }
    if end == 0 {
        return NoteFind::None;
    }
    // A deadline printed after the note's closing bracket
    // (`（责任单位：X），2024年6月底前完成。`).
    let mut trailing_deadline = None;
    if folded[end - 1] != ')' {
        if let Some(close) = folded[..end].iter().rposition(|c| *c == ')') {
            let from = close
                + 1
                + folded[close + 1..end]
                    .iter()
                    .take_while(|c| c.is_whitespace() || matches!(c, ',' | ';'))
                    .count();
            let tail: String = folded[from..end].iter().collect();
            // Cheap tests first: a short tail after a bracket that names a
            // responsibility.
            let names_duty = || {
                matching_open(&folded, close, close.saturating_sub(MAX_NOTE_LOOKBACK)).is_some_and(
                    |open| {
                        let content: String = folded[open + 1..close].iter().collect();
                        lexicon::NOTE_MARKERS.iter().any(|w| content.contains(w))
                    },
                )
            };
            if from < end && is_deadline_sized(&tail) && names_duty() && looks_like_deadline(&tail)
            {
                let printed: String = orig[from..end].iter().collect();
                trailing_deadline = Some(printed.trim().to_owned());
                end = close + 1;
            }
        }
    }
    // `open` and `close` stand just outside the note's content: its brackets,
    // or, for a note without brackets (`…。责任单位：X`), the full stop before
    // it and the end of the text.
    let (open, close, note_start) = if folded[end - 1] == ')' {
        let close = end - 1;
        let Some(open) = matching_open(&folded, close, 0) else {
            return NoteFind::None;
        };
        (open, close, open)
    } else {
        match inline_note(&folded[..end]) {
            // (A comma before the note is no part of the text's end.)
            Some(stop) if folded[stop] == ',' => (stop, end, stop),
            Some(stop) => (stop, end, stop + 1),
            None => return NoteFind::None,
        }
    };
    let content: String = folded[open + 1..close].iter().collect();
    let raw: String = orig[open + 1..close].iter().collect();
    // The convention sentence, cut off the folded content at a char offset.
    let (mut units_len, first_leads, others_support) = match first_leads_tail(&content) {
        Some(f) => (content[..f.start].chars().count(), true, f.others_support),
        None => (close - open - 1, false, false),
    };
    // A default-units sentence closing the note (`，以下均需X落实，不再列出`) is
    // read by the interpreter for the whole notice, not as this note's units.
    let head: String = folded[open + 1..open + 1 + units_len].iter().collect();
    if let Some(d) = find_default_units(&head) {
        let tail_only = head[d.sentence.end..]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '。' | ',' | ';'));
        if tail_only {
            units_len = head[..d.sentence.start].chars().count();
        }
    }
    // Closing clauses that qualify the measure (`；适用范围：浙江自贸试验区`),
    // from the first such label on, name no unit: they are the measure's note.
    let mut aside = None;
    let head: Vec<char> = folded[open + 1..open + 1 + units_len].to_vec();
    let aside_at = (0..head.len()).find(|&sep| {
        matches!(head[sep], ';' | ',' | '。') && {
            let clause: String = head[sep + 1..].iter().take(16).collect();
            matches!(clause_label(&clause), Some((Field::Note, _)))
        }
    });
    if let Some(sep) = aside_at {
        {
            let text: String = orig[open + 1 + sep + 1..open + 1 + units_len]
                .iter()
                .collect();
            aside = Some(text.trim().trim_end_matches(['。', '；', ';']).to_owned());
            units_len = sep;
        }
    }
    let seg = open + 1..open + 1 + units_len;
    // Clauses naming the official in charge (`责任领导:X;`) name people,
    // not units: left out of the units, kept as the leader.
    let leader_cuts = leader_clauses(&folded[seg.clone()]);
    let leader = leader_cuts
        .iter()
        .map(|(_, names)| {
            let name: String = orig[seg.start + names.start..seg.start + names.end]
                .iter()
                .collect();
            name.trim().to_owned()
        })
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>();
    let leader = (!leader.is_empty()).then(|| leader.join("、"));
    let (cut, deadline) = match deadline_clause(&folded[seg.clone()]) {
        Some((cut, d)) => {
            let text: String = orig[seg.start + d.start..seg.start + d.end]
                .iter()
                .collect();
            let text = text.trim().trim_end_matches(['。', '，', ',', '；', ';']);
            (cut, Some(text.to_owned()))
        }
        None => (0..0, None),
    };
    let deadline = match (deadline, trailing_deadline) {
        (Some(_), Some(_)) => return NoteFind::None,
        (d, t) => d.or(t),
    };
    // The segment's chars without the deadline clause.
    let seg_start = seg.start;
    let mut left_out = vec![false; seg.len()];
    for (c, _) in &leader_cuts {
        left_out[c.clone()].iter_mut().for_each(|x| *x = true);
    }
    let keep = |k: &usize| {
        let at = k - seg_start;
        !cut.contains(&at) && !left_out[at]
    };
    let unit_folded: String = seg.clone().filter(keep).map(|k| folded[k]).collect();
    let unit_folded = unit_folded.trim_end_matches(['。', ',', ';', ' ']).trim();
    let has_verb = lexicon::NOTE_VERBS.iter().any(|v| unit_folded.ends_with(v))
        || has_units_label(unit_folded)
        || (unit_folded.contains("牵头") && unit_folded.contains(','));
    // A bracket of unit names alone after a sentence (`…。（省市场监管局、各设区市人民政府）`)
    // or standing alone after sub-items (`（科技教育司、质量安全监管司，2024年10月底前）`).
    let names_only = !has_verb
        && matches!(
            folded[..open].iter().rev().find(|c| !c.is_whitespace()),
            Some('。') | None
        )
        && looks_like_units(unit_folded);
    if !has_verb && !names_only {
        // (A note naming its official but no units it can read is said.)
        return if leader_cuts.is_empty() {
            NoteFind::None
        } else {
            NoteFind::NotUnderstood(raw)
        };
    }
    let unit_raw: String = seg.filter(keep).map(|k| orig[k]).collect();
    let unit_raw = unit_raw
        .trim()
        .trim_end_matches(['。', '，', ',', '；', ';']);
    let list = parse_units(unit_raw, None);
    let understood = !list.units.is_empty()
        && list.note.is_none()
        && list.units.iter().all(|u| looks_like_units(&u.name));
    if !understood {
        return NoteFind::NotUnderstood(raw);
    }
    NoteFind::Found(Note {
        start: note_start,
        raw,
        units: list.units,
        first_leads,
        others_support,
        deadline,
        aside,
        leader,
    })
}

/// The clauses of a note's content (folded chars) that name the official in
/// charge (`责任领导:杜新国、丁玲;牵头单位:X`): for each, the chars to leave
/// out of the units (the clause with one separator beside it) and the
/// names after its colon. A clause runs from its label word to the next
/// `;`, `,` or `。` (names within it are separated by `、`), or to the next
/// clause that opens with a field's label word.
fn leader_clauses(content: &[char]) -> Vec<(Range<usize>, Range<usize>)> {
    let is_sep = |c: char| matches!(c, ';' | ',' | '。') || c.is_whitespace();
    // Where a clause opens with a field's label word, which field, and
    // where its colon stands.
    let opens: Vec<(usize, Field, usize)> = (0..content.len())
        .filter(|&k| !content[k].is_whitespace() && (k == 0 || is_sep(content[k - 1])))
        .filter_map(|k| {
            let clause: String = content[k..].iter().take(MAX_LABEL_WORD_CHARS + 4).collect();
            let word = opening_label_word(&clause)?;
            let field = label_field(word).or_else(|| clause_label(&clause).map(|(f, _)| f))?;
            let colon = k + content[k..].iter().position(|c| *c == ':')?;
            Some((k, field, colon))
        })
        .collect();
    opens
        .iter()
        .enumerate()
        .filter(|(_, (_, field, _))| *field == Field::Leader)
        .map(|(i, &(start, _, colon))| {
            let next = opens.get(i + 1).map_or(content.len(), |o| o.0);
            let end = (colon + 1..next)
                .find(|&k| matches!(content[k], ';' | ',' | '。'))
                .unwrap_or(next);
            let names_end = (colon + 1..end)
                .rev()
                .find(|&k| !is_sep(content[k]))
                .map_or(colon + 1, |k| k + 1);
            // The clause and the separators after it; the last clause
            // takes the separators before it instead.
            let after = end + content[end..].iter().take_while(|c| is_sep(**c)).count();
            let cut = if after < content.len() || start == 0 {
                start..after
            } else {
                let before = content[..start]
                    .iter()
                    .rev()
                    .take_while(|c| is_sep(**c))
                    .count();
                start - before..after
            };
            (cut, colon + 1..names_end)
        })
        .collect()
}

/// Where the `(` that the `)` at `close` closes stands, searching back no
/// further than `floor`; `chars` folded or width-folded (half-width brackets).
pub fn matching_open(chars: &[char], close: usize, floor: usize) -> Option<usize> {
    let mut depth = 0usize;
    for k in (floor..close).rev() {
        match note_bracket(fold_width(chars[k])) {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(k),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A note's bracket as a round one: notes are printed in `（）`, `〔〕`,
/// `【】` or `［］` (`〔责任单位：X〕`).
pub fn note_bracket(c: char) -> char {
    match c {
        '〔' | '【' | '［' | '[' | '〖' => '(',
        '〕' | '】' | '］' | ']' | '〗' => ')',
        c => c,
    }
}

/// A note without brackets closing a paragraph: the last sentence starts
/// with a role label (`…。责任单位：市财政局、市税务局`, `…；牵头单位：X；配合单位：Y`),
/// or states who answers ([`statement_note`]). Returns where the stop
/// before it stands.
fn inline_note(folded: &[char]) -> Option<usize> {
    let labelled = |from: usize, to: usize| {
        let seg: String = folded[from..to].iter().collect();
        matches!(
            clause_label(&seg),
            Some((Field::Units(_) | Field::Deadline, _))
        ) || starts_leader_label(&seg)
    };
    let mut found = None;
    let mut to = folded.len();
    // Walk back over clauses while each starts with a label
    // (`…。责任单位：X。完成时限：Y` or `…。责任单位：X；完成时限：Y`).
    while let Some(stop) = folded[..to].iter().rposition(|c| matches!(c, '。' | ';')) {
        if stop == 0 || !labelled(stop + 1, to) {
            break;
        }
        found = Some(stop);
        to = stop;
    }
    let Some(mut stop) = found else {
        return statement_note(folded);
    };
    // (The official in charge named first after a comma, `…，责任领导：X；
    // 牵头单位：A`, opens the note.)
    if let Some(comma) = folded[..stop].iter().rposition(|c| *c == ',') {
        let clause: String = folded[comma + 1..stop].iter().collect();
        if starts_leader_label(&clause) {
            stop = comma;
        }
    }
    // At least one clause names units.
    let rest: String = folded[stop + 1..].iter().collect();
    has_units_label(&rest).then_some(stop)
}

/// A note without brackets closing a paragraph as a sentence stating who
/// answers (`…。由市财政局和市税务局负责，2024年6月底前完成`): the last
/// sentence opens with `由` and reads as a statement of who answers
/// ([`role_statement`]: names and a role word in its leading clauses).
/// Returns where the stop before it stands.
fn statement_note(folded: &[char]) -> Option<usize> {
    let stop = folded.iter().rposition(|c| *c == '。')?;
    let sentence = &folded[stop + 1..];
    if stop == 0 || sentence.first() != Some(&'由') {
        return None;
    }
    // (Read as a statement paragraph is: its leading clauses name units
    // and a role word.)
    role_statement(&sentence.iter().collect::<String>()).map(|_| stop)
}

/// The deadline clause of a note's unit text (folded chars), if any: the
/// chars to cut from the unit text (the clause and one separator next to it)
/// and where the deadline text stands. A clause is a deadline when it starts
/// with a deadline label or when [`parse_deadline`] understands all of it.
fn deadline_clause(folded: &[char]) -> Option<(Range<usize>, Range<usize>)> {
    // Clause boundaries: separators outside brackets.
    let mut seps = Vec::new();
    let mut depth = 0usize;
    for (k, c) in folded.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' | '。' if depth == 0 => seps.push(k),
            _ => {}
        }
    }
    let mut start = 0;
    for (n, end) in seps.iter().copied().chain([folded.len()]).enumerate() {
        let clause: String = folded[start..end].iter().collect();
        let lead = clause.len() - clause.trim_start().len();
        let lead = clause[..lead].chars().count();
        let body = clause.trim();
        let label = match clause_label(body) {
            Some((Field::Deadline, upto)) => Some(upto),
            _ => None,
        };
        let found = match label {
            Some(upto) => Some(start + lead + upto..end),
            None if looks_like_deadline(body) => Some(start + lead..end),
            // A later clause worded like a deadline the grammar does not know
            // (`2024年汛期前`): still the deadline, reported as not understood.
            None if n > 0 && worded_like_deadline(body) => Some(start + lead..end),
            None => None,
        };
        if let Some(d) = found {
            let cut = if n > 0 {
                seps[n - 1]..end
            } else {
                start..seps.first().map_or(end, |s| s + 1)
            };
            return Some((cut, d));
        }
        start = end + 1;
    }
    None
}

/// A unit line's deadline clause (`市委办，2024年底前完成`), cut off: the units
/// text without it and the clause as printed.
fn split_deadline_clause(raw: &str) -> (String, Option<String>) {
    let orig: Vec<char> = raw.chars().collect();
    let folded: Vec<char> = fold(raw).chars().collect();
    if folded.len() != orig.len() {
        return (raw.to_owned(), None);
    }
    let Some((cut, d)) = deadline_clause(&folded) else {
        return (raw.to_owned(), None);
    };
    let clause: String = orig[d].iter().collect();
    let rest: String = orig
        .iter()
        .enumerate()
        .filter(|(k, _)| !cut.contains(k))
        .map(|(_, c)| *c)
        .collect();
    let rest = rest.trim().trim_end_matches(['，', ',', '；', ';', '。']);
    if rest.is_empty() {
        return (raw.to_owned(), None);
    }
    let clause = clause.trim().trim_end_matches(['。', '，', ',', '；', ';']);
    (rest.to_owned(), Some(clause.to_owned()))
}

/// A measure's text in a paragraph: after its label, before its note (at
/// char `note_start`), trimmed.
pub(crate) fn measure_body(text: &str, label: Option<&Label>, note_start: usize) -> String {
    let skip = label.map_or(0, |l| l.len);
    text.chars()
        .take(note_start)
        .skip(skip)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Whether a note's clause is worded like a deadline the grammar may not
/// know (`2024年汛期前`, `明年春节前`): short, starting with a number or 每/年/明,
/// naming a time word, and no unit list.
fn worded_like_deadline(body: &str) -> bool {
    let Some(first) = body.chars().next() else {
        return false;
    };
    is_deadline_sized(body)
        && (first.is_ascii_digit() || "每年明今二〇".contains(first))
        && body.contains(['年', '月', '日', '季', '前', '底', '内'])
        && !looks_like_units(body)
}

/// Reads prose measures in document order, keeping notice-wide conventions.
#[derive(Debug, Default)]
pub struct ProseReader {
    /// Whether a note has said the first-listed unit leads (from then on).
    first_leads: bool,
    /// Whether the text has said the units after the first support.
    others_support: bool,
    /// The notice's year, for deadlines that name none (`6月底前`).
    notice_year: Option<i32>,
    /// Whether the text has said that, where no unit leads, the responsible
    /// units lead (from then on).
    responsible_leads: bool,
    /// Deadlines in notes or label lines that were not understood.
    pub diagnostics: Vec<Diagnostic>,
}

impl ProseReader {
    /// Whether the text has said so far that, where no unit leads, the
    /// responsible units lead.
    pub fn responsible_leads(&self) -> bool {
        self.responsible_leads
    }

    /// A reader for a notice written in `notice_year`.
    pub fn new(notice_year: Option<i32>) -> Self {
        ProseReader {
            notice_year,
            ..Self::default()
        }
    }

    /// Reads the notice-wide conventions a paragraph states (any paragraph,
    /// in document order, before it is interpreted).
    pub fn read_conventions(&mut self, text: &str) {
        if !text.contains("牵头") {
            return;
        }
        let folded = fold(text);
        if !self.responsible_leads && states_responsible_leads(&folded) {
            self.responsible_leads = true;
        }
        if let Some(others_support) = states_first_leads(&folded) {
            self.first_leads = true;
            self.others_support |= others_support;
        }
    }

    /// The deadline a note or a `完成时限：` line states.
    pub fn deadline(&mut self, raw: &str, position: &Position) -> Deadline {
        let term = parse_deadline(raw, self.notice_year);
        if term.is_none() {
            self.diagnostics.push(Diagnostic {
                code: DiagnosticCode::DeadlineNotUnderstood,
                message: format!("deadline not understood: {raw}"),
                position: Some(position.clone()),
                text: Some(raw.to_owned()),
            });
        }
        let term = term.unwrap_or_default();
        Deadline {
            raw: raw.to_owned(),
            due: term.due,
            precision: term.precision,
            ongoing: term.ongoing,
            recurrence: term.recurrence,
            event: term.event,
            inherited: false,
            position: Some(position.clone()),
        }
    }

    /// The measure a paragraph ending in `note` gives: its text after the
    /// label and before the note, its units with their roles.
    pub fn measure(
        &mut self,
        label: Option<&Label>,
        text: &str,
        note: Note,
        position: Position,
    ) -> Measure {
        let body = measure_body(text, label, note.start);
        let deadline = note
            .deadline
            .as_deref()
            .map(|d| self.deadline(d, &position));
        let units = self.units(note.units, note.first_leads, note.others_support);
        Measure {
            label: label.map(|l| l.text.clone()),
            ordinal: label.map(|l| l.ordinal),
            text: body,
            deadline,
            units,
            units_raw: Some(note.raw),
            units_inherited: false,
            note: note.aside,
            leader: note.leader,
            position: Some(position),
        }
    }

    /// The measure of an item whose note stands elsewhere (a note alone
    /// after it, the last item of its run-on enumeration, a heading that
    /// states units): the item's label and text, the note's units and
    /// deadline.
    pub fn measure_for_item(
        &mut self,
        label: &Label,
        text: String,
        position: Position,
        note: &Note,
        note_pos: &Position,
    ) -> Measure {
        let deadline = note.deadline.as_deref().map(|d| self.deadline(d, note_pos));
        let units = self.units(note.units.clone(), note.first_leads, note.others_support);
        Measure {
            label: Some(label.text.clone()),
            ordinal: Some(label.ordinal),
            text,
            deadline,
            units,
            units_raw: Some(note.raw.clone()),
            units_inherited: false,
            note: note.aside.clone(),
            leader: note.leader.clone(),
            position: Some(position),
        }
    }

    /// The measure an item paragraph followed by label lines gives: the
    /// units of its `牵头单位：` / `责任单位：` / `配合单位：` lines, the deadline of
    /// its `完成时限：` line, the leader of its `牵头负责领导：` line.
    pub fn measure_with_lines(
        &mut self,
        label: Option<&Label>,
        text: &str,
        lines: Vec<(LabelLine, Position)>,
        position: Position,
    ) -> Measure {
        let skip = label.map_or(0, |l| l.len);
        // (A comma stood before label lines run into the line:
        // `1.…，牵头部门：A`.)
        let body = text
            .chars()
            .skip(skip)
            .collect::<String>()
            .trim()
            .trim_end_matches([',', '，'])
            .to_owned();
        let mut units = Vec::new();
        let mut raws = Vec::new();
        let mut notes = Vec::new();
        let mut leaders = Vec::new();
        let mut deadline = None;
        for (line, pos) in lines {
            match line {
                LabelLine::Units(role, raw) => {
                    // `X，2024年底前完成`: the deadline clause is the item's.
                    let (units_part, clause) = split_deadline_clause(&raw);
                    if let Some(clause) = clause {
                        if deadline.is_none() {
                            deadline = Some(self.deadline(&clause, &pos));
                        } else {
                            notes.push(clause);
                        }
                    }
                    // `X、Y(列第一位为牵头单位,下同)`: the convention, then the units.
                    let (units_text, convention) = split_convention(&units_part);
                    if let Some(others_support) = convention {
                        self.first_leads = true;
                        self.others_support |= others_support;
                    }
                    let list = parse_units(units_text, Some(role));
                    units.extend(list.units);
                    notes.extend(list.note);
                    raws.push(raw);
                }
                LabelLine::Deadline(raw) => {
                    if deadline.is_none() {
                        deadline = Some(self.deadline(&raw, &pos));
                    } else {
                        // A measure has one deadline: keep a second one's text.
                        self.diagnostics.push(Diagnostic {
                            code: DiagnosticCode::TextNotPlaced,
                            message: "second deadline line of an item".to_owned(),
                            position: Some(pos),
                            text: Some(raw),
                        });
                    }
                }
                LabelLine::Leader(name) => leaders.push(name),
                LabelLine::Note(text) => notes.push(text),
            }
        }
        let units = self.units(units, false, false);
        Measure {
            label: label.map(|l| l.text.clone()),
            ordinal: label.map(|l| l.ordinal),
            text: body,
            deadline,
            units,
            units_raw: (!raws.is_empty()).then(|| raws.join("\n")),
            units_inherited: false,
            note: (!notes.is_empty()).then(|| notes.join("\n")),
            leader: (!leaders.is_empty()).then(|| leaders.join("、")),
            position: Some(position),
        }
    }

    /// Gives each unit its role: a stated lead, support or guide role makes
    /// the others responsible; otherwise the first-listed-leads convention
    /// (once stated, here or before) makes the first unit lead. Then, once
    /// the text has said so, responsible units lead where none does.
    fn units(&mut self, units: Vec<Unit>, first_leads: bool, others_support: bool) -> Vec<Unit> {
        self.others_support |= others_support;
        let mut units = self.stated_roles(units, first_leads);
        if self.responsible_leads && !units.iter().any(|u| u.role == Some(Role::Lead)) {
            for u in &mut units {
                if u.role == Some(Role::Responsible) {
                    u.role = Some(Role::Lead);
                }
            }
        }
        units
    }

    fn stated_roles(&mut self, units: Vec<Unit>, first_leads: bool) -> Vec<Unit> {
        self.first_leads |= first_leads;
        let stated = units
            .iter()
            .any(|u| matches!(u.role, Some(Role::Lead | Role::Support | Role::Guide)));
        units
            .into_iter()
            .enumerate()
            .map(|(k, u)| {
                let role = match u.role {
                    Some(r) if stated => r,
                    _ if stated => Role::Responsible,
                    _ if self.first_leads && k == 0 => Role::Lead,
                    _ if self.first_leads && self.others_support => Role::Support,
                    _ => Role::Responsible,
                };
                Unit {
                    role: Some(role),
                    ..u
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::label::parse_label;

    fn found(text: &str) -> Note {
        match find_note(text) {
            NoteFind::Found(n) => n,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn names(n: &Note) -> Vec<&str> {
        n.units.iter().map(|u| u.name.as_str()).collect()
    }

    fn roles(n: &Note) -> Vec<Option<Role>> {
        n.units.iter().map(|u| u.role).collect()
    }

    fn pos() -> Position {
        Position::Line { line: 1 }
    }

    #[test]
    fn fuze_note() {
        let n = found("提高贷款可获得性。（财政部、工业和信息化部、人民银行负责）");
        assert_eq!(names(&n), ["财政部", "工业和信息化部", "人民银行"]);
        assert_eq!(roles(&n), [None, None, None]);
        assert!(!n.first_leads);
        assert_eq!(n.start, 9);
        assert_eq!(n.raw, "财政部、工业和信息化部、人民银行负责");
    }

    #[test]
    fn first_listed_leads_note() {
        let n = found("上述资金由失业保险基金列支。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）");
        assert_eq!(names(&n), ["人力资源社会保障部", "财政部"]);
        assert!(n.first_leads);
        let n = found("做好工作。(省人社厅、省财政厅负责,列第一位者为牵头单位(下同))");
        assert_eq!(names(&n), ["省人社厅", "省财政厅"]);
        assert!(n.first_leads);
    }

    #[test]
    fn huitong_and_fenggong_notes() {
        let n = found("予以倾斜支持。（国家发展改革委、财政部会同有关部门负责）");
        assert_eq!(names(&n), ["国家发展改革委", "财政部", "有关部门"]);
        let n = found("提供经营场地。（人力资源社会保障部、科技部，各省级人民政府按职责分工负责）");
        assert_eq!(
            names(&n),
            ["人力资源社会保障部", "科技部", "各省级人民政府"]
        );
        let n = found("帮助解困。（民政部等有关部门和单位按职责分工负责）");
        assert_eq!(names(&n), ["民政部", "有关部门和单位"]);
    }

    #[test]
    fn aside_clauses_are_no_units() {
        let n = found("放宽限制。（负责部门：人力资源社会保障部、商务部；适用范围：所有自贸试验区，以下除标注外均同）");
        assert_eq!(names(&n), ["人力资源社会保障部", "商务部"]);
        assert_eq!(roles(&n), [Some(Role::Responsible); 2]);
        assert_eq!(
            n.aside.as_deref(),
            Some("适用范围：所有自贸试验区，以下除标注外均同")
        );
        let n = found("探索储备模式。（负责部门：发展改革委，适用范围：浙江自贸试验区）");
        assert_eq!(names(&n), ["发展改革委"]);
        assert_eq!(n.aside.as_deref(), Some("适用范围：浙江自贸试验区"));
    }

    #[test]
    fn leader_clauses_name_people_not_units() {
        // First, with names split by 、, or last.
        let n =
            found("地区生产总值增长8%以上。(责任领导:杜新国、丁玲;牵头单位:区发改局、区税务局)");
        assert_eq!(names(&n), ["区发改局", "区税务局"]);
        assert_eq!(roles(&n), [Some(Role::Lead); 2]);
        assert_eq!(n.leader.as_deref(), Some("杜新国、丁玲"));
        let n = found("推进改革。（牵头单位：市财政局；配合单位：市税务局；责任领导：张三）");
        assert_eq!(names(&n), ["市财政局", "市税务局"]);
        assert_eq!(roles(&n), [Some(Role::Lead), Some(Role::Support)]);
        assert_eq!(n.leader.as_deref(), Some("张三"));
        // Without one, no leader.
        assert_eq!(found("推进改革。（牵头单位：市财政局）").leader, None);
        // Blanks around clauses.
        for text in [
            "推进改革。（牵头单位：区财政局；　责任领导：张三）",
            "推进改革。(牵头单位:区财政局; 责任领导:张三)",
            "推进改革。( 责任领导:张三;牵头单位:区财政局)",
            "推进改革。(牵头单位:区财政局,  责任领导:张三)",
        ] {
            let n = found(text);
            assert_eq!(names(&n), ["区财政局"], "{text}");
            assert_eq!(n.leader.as_deref(), Some("张三"), "{text}");
        }
        // The clause ends at `;` or `。`: units and deadlines after it
        // are the note's.
        let n = found("推进改革。(牵头单位:区发改局;责任领导:杜新国;区税务局配合)");
        assert_eq!(names(&n), ["区发改局", "区税务局"]);
        assert_eq!(n.leader.as_deref(), Some("杜新国"));
        let n = found("推进改革。(牵头单位:县财政局;责任领导:张三、李四。2024年底前完成)");
        assert_eq!(names(&n), ["县财政局"]);
        assert_eq!(n.leader.as_deref(), Some("张三、李四"));
        assert_eq!(n.deadline.as_deref(), Some("2024年底前完成"));
        // A note naming its official and no units it reads is said.
        for text in [
            "推进改革。(责任领导:杜新国)",
            "推进改革。(责任领导:杜新国;2024年底前完成)",
        ] {
            assert!(
                matches!(find_note(text), NoteFind::NotUnderstood(_)),
                "{text}"
            );
        }
    }

    #[test]
    fn a_leader_label_after_a_comma_starts_a_note_only_before_units() {
        assert!(starts_leader_note("责任领导:张三;牵头单位:区发改局"));
        assert!(!starts_leader_note("责任领导:定期调度进展情况"));
        assert!(!starts_leader_note(
            "主要领导:亲自抓、负总责;分管领导:具体抓"
        ));
        // (Alone, a leader's label starts no note of units.)
        assert!(!starts_note_label("责任领导:张三;牵头单位:区发改局"));
    }

    #[test]
    fn a_note_of_many_leader_clauses_is_read() {
        // (Each char was tested against every clause: quadratic.)
        let text = format!(
            "推进改革。({}牵头单位:区发改局)",
            "责任领导:张三;".repeat(20_000)
        );
        let n = found(&text);
        assert_eq!(names(&n), ["区发改局"]);
    }

    #[test]
    fn labelled_role_notes() {
        let n = found("推进改革。（责任单位：市发展改革委、市财政局）");
        assert_eq!(names(&n), ["市发展改革委", "市财政局"]);
        assert_eq!(roles(&n), [Some(Role::Responsible); 2]);
        let n = found("推进改革。（牵头单位：市发展改革委；配合单位：市财政局、市税务局）");
        assert_eq!(names(&n), ["市发展改革委", "市财政局", "市税务局"]);
        assert_eq!(
            roles(&n),
            [Some(Role::Lead), Some(Role::Support), Some(Role::Support)]
        );
    }

    #[test]
    fn qiantou_canyu_and_zhidao_notes() {
        let n = found("推进改革。（市发展改革委牵头，市财政局、市税务局参与）");
        assert_eq!(names(&n), ["市发展改革委", "市财政局", "市税务局"]);
        assert_eq!(
            roles(&n),
            [Some(Role::Lead), Some(Role::Support), Some(Role::Support)]
        );
        let n = found("推进改革。（省教育厅指导）");
        assert_eq!(names(&n), ["省教育厅"]);
        assert_eq!(roles(&n), [Some(Role::Guide)]);
        let n = found("推进改革。（市发展改革委牵头）");
        assert_eq!(roles(&n), [Some(Role::Lead)]);
    }

    #[test]
    fn deadline_clauses_are_cut_from_the_units() {
        let n = found("推进改革。（市发展改革委负责，6月底前完成）");
        assert_eq!(names(&n), ["市发展改革委"]);
        assert_eq!(n.deadline.as_deref(), Some("6月底前完成"));
        let n = found("推进改革。（完成时限：2024年底；责任单位：市财政局、市税务局）");
        assert_eq!(names(&n), ["市财政局", "市税务局"]);
        assert_eq!(n.deadline.as_deref(), Some("2024年底"));
        let n = found("推进改革。（甲部、乙部负责）");
        assert_eq!(n.deadline, None);
    }

    #[test]
    fn label_lines() {
        assert_eq!(
            label_line("牵头单位：市政务服务局"),
            Some(LabelLine::Units(Role::Lead, "市政务服务局".to_owned()))
        );
        assert_eq!(
            label_line("配合单位: 各区人民政府"),
            Some(LabelLine::Units(Role::Support, "各区人民政府".to_owned()))
        );
        assert_eq!(
            label_line("完成时限：2024年6月底前"),
            Some(LabelLine::Deadline("2024年6月底前".to_owned()))
        );
        assert_eq!(
            label_line("牵头负责领导：张三"),
            Some(LabelLine::Leader("张三".to_owned()))
        );
        assert_eq!(
            label_line("时间节点：2024年底前"),
            Some(LabelLine::Deadline("2024年底前".to_owned()))
        );
        assert_eq!(
            label_line("责任主体：各县区政府"),
            Some(LabelLine::Units(Role::Responsible, "各县区政府".to_owned()))
        );
        assert_eq!(
            label_line("参与部门：市财政局"),
            Some(LabelLine::Units(Role::Support, "市财政局".to_owned()))
        );
        assert_eq!(label_line("责任单位："), None);
        assert_eq!(label_line("（1）开展检查。"), None);
    }

    #[test]
    fn label_lines_with_several_labels() {
        let parts = label_line_parts("牵头单位：市发改委 配合单位：市财政局；完成时限：2024年6月")
            .expect("a label line");
        assert_eq!(
            parts,
            [
                (
                    "牵头单位：".to_owned(),
                    LabelLine::Units(Role::Lead, "市发改委".to_owned())
                ),
                (
                    "配合单位：".to_owned(),
                    LabelLine::Units(Role::Support, "市财政局".to_owned())
                ),
                (
                    "完成时限：".to_owned(),
                    LabelLine::Deadline("2024年6月".to_owned())
                ),
            ]
        );
        // A colon between a value and the next label separates them.
        let parts = label_line_parts("牵头单位：市发改委：配合单位：市财政局：完成时限：2024年6月")
            .expect("a label line");
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert_eq!(
            parts[0].1,
            LabelLine::Units(Role::Lead, "市发改委".to_owned())
        );
        let parts = label_line_parts(
            "责任分工：市发展改革委牵头，市交通运输局配合：时间节点：2025年第二季度",
        )
        .expect("a label line");
        assert_eq!(parts.len(), 2, "{parts:?}");
        // Rectification words qualify a field word (`整改时限`).
        let parts =
            label_line_parts("问题整改责任单位:市科技馆 整改时限:3天").expect("a label line");
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert!(matches!(&parts[1].1, LabelLine::Deadline(d) if d == "3天"));
        // A label word inside a name is no label.
        let parts = label_line_parts("责任单位：市牵头单位：办").expect("a label line");
        assert_eq!(parts.len(), 1);
        assert_eq!(label_line_parts("加强领导。"), None);
        assert_eq!(
            split_deadline_clause("市委办，2024年底前完成"),
            ("市委办".to_owned(), Some("2024年底前完成".to_owned()))
        );
        assert_eq!(
            split_deadline_clause("市委办、市政府办"),
            ("市委办、市政府办".to_owned(), None)
        );
    }

    #[test]
    fn reader_makes_responsible_units_lead_once_told() {
        let mut r = ProseReader::default();
        let text = "（一）加强领导。（甲部、乙部负责）";
        let roles = |m: &Measure| m.units.iter().map(|u| u.role).collect::<Vec<_>>();
        let m = r.measure(parse_label(text).as_ref(), text, found(text), pos());
        assert_eq!(roles(&m), [Some(Role::Responsible); 2]);
        r.read_conventions("无牵头单位的，责任单位即为牵头单位。");
        let m = r.measure(parse_label(text).as_ref(), text, found(text), pos());
        assert_eq!(roles(&m), [Some(Role::Lead); 2]);
        let text = "（二）完善制度。（甲部指导，乙部负责）";
        let m = r.measure(parse_label(text).as_ref(), text, found(text), pos());
        assert_eq!(roles(&m), [Some(Role::Guide), Some(Role::Lead)]);
    }

    #[test]
    fn asides_and_non_notes() {
        // A bracket that states no responsibility is no note.
        assert_eq!(find_note("推进改革（含技工院校）"), NoteFind::None);
        assert_eq!(find_note("一、总体要求"), NoteFind::None);
        assert_eq!(find_note("（此件公开发布）"), NoteFind::None);
        // A bracket that is not last is no note.
        assert_eq!(
            find_note("由企业负责（地方负责）后报送备案。"),
            NoteFind::None
        );
        // A responsibility word with no units is not understood.
        assert!(matches!(
            find_note("做好工作。（按照有关规定认真组织落实）"),
            NoteFind::NotUnderstood(_)
        ));
    }

    #[test]
    fn a_closing_sentence_stating_who_answers_is_a_note() {
        let text =
            "加强督促检查，确保任务落实。由市委督查室和市政府督查室负责，2024年6月底前完成。";
        let NoteFind::Found(note) = find_note(text) else {
            panic!("no note in {text}");
        };
        let names: Vec<&str> = note.units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["市委督查室", "市政府督查室"]);
        assert_eq!(note.deadline.as_deref(), Some("2024年6月底前完成"));
        // A sentence that opens with 由 but names no units is none.
        assert_eq!(
            find_note("加强督促检查。由此形成工作合力，确保落实。"),
            NoteFind::None
        );
    }

    #[test]
    fn reader_applies_first_listed_leads_from_then_on() {
        let mut r = ProseReader::default();
        let text = "（一）加强领导。（甲部、乙部负责）";
        let label = parse_label(text);
        let m = r.measure(label.as_ref(), text, found(text), pos());
        assert_eq!(m.label.as_deref(), Some("（一）"));
        assert_eq!(m.ordinal, Some(1));
        assert_eq!(m.text, "加强领导。");
        assert_eq!(m.deadline, None);
        let roles = |m: &Measure| m.units.iter().map(|u| u.role).collect::<Vec<_>>();
        assert_eq!(roles(&m), [Some(Role::Responsible); 2]);
        let text = "（二）完善制度。（甲部、乙部负责。列第一位者为牵头单位，下同）";
        let m = r.measure(parse_label(text).as_ref(), text, found(text), pos());
        assert_eq!(m.text, "完善制度。");
        assert_eq!(roles(&m), [Some(Role::Lead), Some(Role::Responsible)]);
        let text = "（三）强化保障。（丙部负责）";
        let m = r.measure(parse_label(text).as_ref(), text, found(text), pos());
        assert_eq!(roles(&m), [Some(Role::Lead)]);
        // Stated roles win over the convention.
        let text = "（四）强化督查。（甲部牵头，乙部参与）";
        let m = r.measure(parse_label(text).as_ref(), text, found(text), pos());
        assert_eq!(roles(&m), [Some(Role::Lead), Some(Role::Support)]);
    }
}
