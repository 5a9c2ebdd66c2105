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

use std::sync::LazyLock;

use regex::Regex;

use crate::document::Position;
use crate::grammar::label::Label;
use crate::grammar::units::{looks_like_units, parse_units};
use crate::model::{Measure, Role, Unit};
use crate::normalize::fold;

/// The convention `列第一位者为牵头单位，下同` at the end of a note (folded text).
static FIRST_LEADS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[。,;]?\s*列(?:在)?第一位(?:的)?(?:者|单位|部门)?为牵头(?:单位|部门)?\s*(?:[,(]?\s*下同\s*\)?)?\s*[。]?\s*$",
    )
    .expect("valid regex")
});

/// Words after which a note's last clause states a responsibility.
const VERBS: [&str; 9] = [
    "负责", "牵头", "指导", "参与", "配合", "协助", "协同", "落实", "承担",
];

/// Role labels that make a note a responsibility note wherever they stand.
const ROLE_LABELS: [&str; 6] = [
    "责任单位:",
    "责任部门:",
    "牵头单位:",
    "牵头部门:",
    "配合单位:",
    "主办单位:",
];

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

/// Finds the responsibility note that ends `text`, if any.
pub fn find_note(text: &str) -> NoteFind {
    let orig: Vec<char> = text.chars().collect();
    let folded: Vec<char> = fold(text).chars().collect();
    if folded.len() != orig.len() {
        return NoteFind::None;
    }
    // The last bracket group, allowing white space and a full stop after it.
    let mut end = folded.len();
    while end > 0 && (folded[end - 1].is_whitespace() || folded[end - 1] == '。') {
        end -= 1;
    }
    if end == 0 || folded[end - 1] != ')' {
        return NoteFind::None;
    }
    let close = end - 1;
    let mut depth = 0usize;
    let mut open = None;
    for i in (0..close).rev() {
        match folded[i] {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let Some(open) = open else {
        return NoteFind::None;
    };
    let content: String = folded[open + 1..close].iter().collect();
    let raw: String = orig[open + 1..close].iter().collect();
    // The convention sentence, cut off the folded content at a char offset.
    let (units_len, first_leads) = match FIRST_LEADS.find(&content) {
        Some(m) => (content[..m.start()].chars().count(), true),
        None => (close - open - 1, false),
    };
    let unit_folded: String = folded[open + 1..open + 1 + units_len].iter().collect();
    let unit_folded = unit_folded.trim_end_matches(['。', ',', ';', ' ']).trim();
    let has_verb = VERBS.iter().any(|v| unit_folded.ends_with(v))
        || ROLE_LABELS.iter().any(|l| unit_folded.contains(l))
        || (unit_folded.contains("牵头") && unit_folded.contains(','));
    if !has_verb {
        return NoteFind::None;
    }
    let unit_raw: String = orig[open + 1..open + 1 + units_len].iter().collect();
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
        start: open,
        raw,
        units: list.units,
        first_leads,
    })
}

/// Reads prose measures in document order, keeping notice-wide conventions.
#[derive(Debug, Default)]
pub struct ProseReader {
    /// Whether a note has said the first-listed unit leads (from then on).
    first_leads: bool,
}

impl ProseReader {
    /// The measure a paragraph ending in `note` gives: its text after the
    /// label and before the note, its units with their roles.
    pub fn measure(
        &mut self,
        label: Option<&Label>,
        text: &str,
        note: Note,
        position: Position,
    ) -> Measure {
        self.first_leads |= note.first_leads;
        let skip = label.map_or(0, |l| l.len);
        let body: String = text
            .chars()
            .take(note.start)
            .skip(skip)
            .collect::<String>()
            .trim()
            .to_owned();
        let stated = note
            .units
            .iter()
            .any(|u| matches!(u.role, Some(Role::Lead | Role::Support | Role::Guide)));
        let units = note
            .units
            .into_iter()
            .enumerate()
            .map(|(k, u)| {
                let role = match u.role {
                    Some(r) if stated => r,
                    _ if stated => Role::Responsible,
                    _ if self.first_leads && k == 0 => Role::Lead,
                    _ => Role::Responsible,
                };
                Unit {
                    role: Some(role),
                    ..u
                }
            })
            .collect();
        Measure {
            label: label.map(|l| l.text.clone()),
            ordinal: label.map(|l| l.ordinal),
            text: body,
            deadline: None,
            units,
            units_raw: Some(note.raw),
            units_inherited: false,
            note: None,
            position: Some(position),
        }
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
