//! The field words of the genre, once: what a table header, a label line
//! (`牵头单位：…`) or a note under a table names. Table headers and label
//! lines are read through this one list.
//!
//! Words only: no place, unit or phrase of one notice belongs here. Which
//! column or line a word applies to is the interpreter's business.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::Role;
use crate::normalize::comparable;

/// What a header cell or a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Field {
    /// A running number (序号).
    Seq,
    /// Sections: what tasks are grouped under, as a column of their own
    /// (类别, 领域).
    Section,
    /// Tasks: what measures are grouped under (重点任务, 存在问题).
    Task,
    /// Measures (具体措施, 整改措施).
    Measure,
    /// Deadlines (完成时限, 时间节点).
    Deadline,
    /// Units, with the role the word gives them.
    Units(Role),
    /// Remarks (备注, 推广范围).
    Note,
    /// The officials in charge (责任领导, 牵头领导): people, never units.
    Leader,
    /// A field that is none of the above and must not be taken for one:
    /// when a matter was inspected or found, where it came from, its
    /// progress (检查时间, 问题来源, 进展情况).
    Other,
}

/// Header and label words, each with its field. A header takes the field
/// of its longest word (ties: the first listed), so `主要责任单位` (lead)
/// beats `责任单位`, and `工作措施` (measure) beats `工作` (task).
const WORDS: &[(&str, Field)] = &[
    // Not fields, whatever else the header says.
    ("检查", Field::Other),
    ("巡查", Field::Other),
    ("发现", Field::Other),
    ("来源", Field::Other),
    ("出处", Field::Other),
    ("依据", Field::Other),
    ("进展", Field::Other),
    ("完成情况", Field::Other),
    ("落实情况", Field::Other),
    ("整改情况", Field::Other),
    ("进度情况", Field::Other),
    ("推进情况", Field::Other),
    // A yes-or-no status (是否完成, 是否达序, 是否销号).
    ("是否", Field::Other),
    // How far the work has got, not when it is due (时间进度, 进度要求,
    // 进度安排, 进度时限 are deadlines).
    ("当前进度", Field::Other),
    ("完成进度", Field::Other),
    ("目前进度", Field::Other),
    ("联系人", Field::Other),
    ("联系电话", Field::Other),
    // A person answering for the work (责任领导, 牵头领导), not a unit.
    ("领导", Field::Leader),
    ("序号", Field::Seq),
    ("编号", Field::Seq),
    ("举措", Field::Measure),
    ("措施", Field::Measure),
    ("工作措施", Field::Measure),
    ("具体工作", Field::Measure),
    ("工作内容", Field::Measure),
    ("项目内容", Field::Measure),
    ("建设内容", Field::Measure),
    ("具体任务", Field::Measure),
    ("落实措施", Field::Measure),
    ("时限", Field::Deadline),
    ("时间", Field::Deadline),
    ("时间节点", Field::Deadline),
    ("完成节点", Field::Deadline),
    ("期限", Field::Deadline),
    ("进度安排", Field::Deadline),
    ("时间进度", Field::Deadline),
    ("进度要求", Field::Deadline),
    ("完成日期", Field::Deadline),
    ("时限要求", Field::Deadline),
    ("时间要求", Field::Deadline),
    ("牵头", Field::Units(Role::Lead)),
    ("主要责任单位", Field::Units(Role::Lead)),
    ("主责单位", Field::Units(Role::Lead)),
    ("主责", Field::Units(Role::Lead)),
    ("主要责任", Field::Units(Role::Lead)),
    ("牵头责任单位", Field::Units(Role::Lead)),
    ("配合", Field::Units(Role::Support)),
    ("协同", Field::Units(Role::Support)),
    ("协办", Field::Units(Role::Support)),
    ("参与", Field::Units(Role::Support)),
    ("协同配合单位", Field::Units(Role::Support)),
    ("协同责任单位", Field::Units(Role::Support)),
    ("配合责任单位", Field::Units(Role::Support)),
    ("协办单位", Field::Units(Role::Support)),
    ("主办单位", Field::Units(Role::Lead)),
    ("协助", Field::Units(Role::Support)),
    ("指导", Field::Units(Role::Guide)),
    ("指导单位", Field::Units(Role::Guide)),
    ("指导部门", Field::Units(Role::Guide)),
    ("单位", Field::Units(Role::Responsible)),
    ("部门", Field::Units(Role::Responsible)),
    ("责任单位", Field::Units(Role::Responsible)),
    ("责任处室", Field::Units(Role::Responsible)),
    ("科室", Field::Units(Role::Responsible)),
    ("责任主体", Field::Units(Role::Responsible)),
    ("负责", Field::Units(Role::Responsible)),
    ("承办", Field::Units(Role::Responsible)),
    ("主办", Field::Units(Role::Lead)),
    ("落实单位", Field::Units(Role::Responsible)),
    // `责任分工：X负责，Y配合`: the value states its roles itself.
    ("责任分工", Field::Units(Role::Responsible)),
    ("职责分工", Field::Units(Role::Responsible)),
    ("任务", Field::Task),
    ("事项", Field::Task),
    ("工作", Field::Task),
    ("目标", Field::Task),
    ("内容", Field::Task),
    ("项目名称", Field::Task),
    ("要求", Field::Task),
    ("问题", Field::Task),
    ("重点任务", Field::Task),
    ("重点工作", Field::Task),
    ("工作任务", Field::Task),
    // After the task words: of equals, a header naming both (`领域及任务`)
    // heads tasks.
    ("类别", Field::Section),
    ("分类", Field::Section),
    ("领域", Field::Section),
    ("板块", Field::Section),
    // How an assessment table scores each item (评分标准, 各项分值): the
    // item's detail.
    ("评分", Field::Note),
    ("计分", Field::Note),
    ("分值", Field::Note),
    ("考核标准", Field::Note),
    ("备注", Field::Note),
    ("说明", Field::Note),
    ("范围", Field::Note),
];

/// The indices of [`WORDS`] by each word's first char.
static WORDS_BY_FIRST_CHAR: LazyLock<HashMap<char, Vec<usize>>> = LazyLock::new(|| {
    let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
    for (k, (word, _)) in WORDS.iter().enumerate() {
        if let Some(c) = word.chars().next() {
            by_first.entry(c).or_default().push(k);
        }
    }
    by_first
});

/// The word a label line's word ends in when it names a person, not units
/// (`牵头负责领导：`, `责任领导：`).
pub const LEADER_WORD: &str = "领导";

/// Words that qualify a field word in a label line's word without naming a
/// field themselves (`完成时限`, `责任部门`, `主要责任单位`, `整改时限`).
pub const LABEL_MODIFIERS: [&str; 6] = ["完成", "责任", "主要", "具体", "整改", "办结"];

/// Nouns a units label ends in (`牵头单位`, `配合部门`, `责任处室`).
pub(crate) const UNIT_NOUNS: [&str; 5] = ["单位", "部门", "处室", "科室", "机构"];

/// The role a units label word states: `牵头单位` and `牵头负责` (lead),
/// `配合部门` and `协同配合` (support), `指导` (guide), `责任单位` (responsible),
/// and with one qualifier the lexicon does not know before a unit noun
/// (`牵头考核单位`, `配合整改单位`, `落实考核单位`). The word is read in two-char
/// pieces, each a units word of the lexicon (alone or with the noun) or a
/// modifier ([`LABEL_MODIFIERS`]); a role
/// other than responsible wins over responsible (`牵头负责`), two different
/// ones state none. `None` for a bare noun (`单位`), a unit's name (`牵头办`)
/// or any other word.
pub fn label_role(word: &str) -> Option<Role> {
    let units_role = |w: &str| match exact_field(w) {
        Some(Field::Units(r)) => Some(r),
        _ => None,
    };
    let (stem, noun) = match UNIT_NOUNS
        .iter()
        .find_map(|n| word.strip_suffix(n).map(|s| (s, *n)))
    {
        Some((stem, noun)) => (stem, Some(noun)),
        None => (word, None),
    };
    if stem.is_empty() {
        return None;
    }
    if let Some(r) = units_role(word).or_else(|| units_role(stem)) {
        return Some(r);
    }
    let chars: Vec<char> = stem.chars().collect();
    if chars.is_empty() || !chars.len().is_multiple_of(2) || chars.len() > MAX_ROLE_STEM_CHARS {
        return None;
    }
    let mut role: Option<Role> = None;
    let mut unknown = 0;
    for piece in chars.chunks(2) {
        let piece: String = piece.iter().collect();
        // (A piece may be a units word only with the noun: `落实` of
        // `落实单位` in `落实考核单位`.)
        let with_noun = || noun.and_then(|n| units_role(&format!("{piece}{n}")));
        match units_role(&piece).or_else(with_noun) {
            Some(r) => {
                role = match role {
                    None | Some(Role::Responsible) => Some(r),
                    Some(old) if r == Role::Responsible || r == old => Some(old),
                    Some(_) => return None,
                }
            }
            None if LABEL_MODIFIERS.contains(&piece.as_str()) => {
                if piece == "责任" {
                    role.get_or_insert(Role::Responsible);
                }
            }
            None => unknown += 1,
        }
    }
    // Only a label ending in a unit noun may carry a qualifier of its own.
    if unknown > usize::from(noun.is_some()) {
        return None;
    }
    role
}

/// Longest stem of a units label word before its noun, in chars
/// (`牵头考核` in `牵头考核单位`).
const MAX_ROLE_STEM_CHARS: usize = 6;

/// Whether `text` is the start of a label word cut short (`牵头责` of
/// `牵头责任单位`, `完成时` of `完成时限`, `配合`): modifiers and units words
/// of two chars, then the start of a units, deadline or leader word (or
/// nothing more).
pub fn starts_label_word(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() || chars.len() > 8 {
        return false;
    }
    let field_word = |f: &Field| matches!(f, Field::Units(_) | Field::Deadline | Field::Leader);
    let mut at = 0;
    loop {
        let rest: String = chars[at..].iter().collect();
        if rest.is_empty() {
            return at > 0;
        }
        let starts_word = WORDS
            .iter()
            .any(|(w, f)| field_word(f) && w.len() > rest.len() && w.starts_with(&rest))
            || LEADER_WORD.len() > rest.len() && LEADER_WORD.starts_with(&rest);
        if starts_word {
            return true;
        }
        if chars.len() < at + 2 {
            return false;
        }
        let piece: String = chars[at..at + 2].iter().collect();
        let qualifier = LABEL_MODIFIERS.contains(&piece.as_str())
            || exact_field(&piece).is_some_and(|f| field_word(&f));
        if !qualifier {
            return false;
        }
        at += 2;
    }
}

/// The field a word names when it is exactly one of the lexicon's words.
pub fn exact_field(word: &str) -> Option<Field> {
    WORDS.iter().find(|(w, _)| *w == word).map(|(_, f)| *f)
}

/// The longest header a [`header_field`] match is tried on, in chars: a
/// longer cell is data, not a header.
pub const MAX_HEADER_CHARS: usize = 24;

/// Whether a cell reads as a sentence: a comma, full stop or semicolon
/// outside brackets (`明确职责分工，…`). A header names a field; what it
/// explains stands in brackets (`责任单位（排第一位的为牵头单位，…）`).
/// `folded` has half-width punctuation (see [`comparable`]).
fn reads_as_sentence(folded: &str) -> bool {
    let mut depth = 0usize;
    for c in folded.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            ',' | '。' | ';' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// The field a table header cell names, by its most specific word, and how
/// specific that word is (its length in chars); `None` when it names none.
pub fn header_field(text: &str) -> Option<(Field, usize)> {
    let h = comparable(text);
    if h.is_empty() || h.chars().count() > MAX_HEADER_CHARS || reads_as_sentence(&h) {
        return None;
    }
    // Which words the header holds: each of its chars is asked for the
    // words starting with it (a header is short; there are many words).
    let mut held = [false; WORDS.len()];
    for (at, c) in h.char_indices() {
        if let Some(words) = WORDS_BY_FIRST_CHAR.get(&c) {
            for &k in words {
                held[k] |= h[at..].starts_with(WORDS[k].0);
            }
        }
    }
    let mut best: Option<(Field, usize)> = None;
    for (k, (word, field)) in WORDS.iter().enumerate() {
        if !held[k] {
            continue;
        }
        let len = word.chars().count();
        // Words that say "not a field", or "not units" (领导 in 牵头领导),
        // win whatever their length, unless they are part of a longer word
        // the header holds (进度 in 进度安排).
        if matches!(field, Field::Other | Field::Leader) {
            let inside_longer = WORDS
                .iter()
                .zip(&held)
                .any(|((w, _), &h)| h && w.len() > word.len() && w.contains(word));
            if !inside_longer {
                return Some((*field, len));
            }
            continue;
        }
        if best.is_none_or(|(_, l)| len > l) {
            best = Some((*field, len));
        }
    }
    // 序号 and 编号 name a column only as the whole header.
    match best {
        Some((Field::Seq, _)) if h.chars().count() > 4 => None,
        other => other,
    }
}

/// Words after which a responsibility note's last clause states who
/// answers (`（X负责）`, `（X、Y指导）`, `（Z牵头）`).
pub const NOTE_VERBS: [&str; 11] = [
    "负责", "牵头", "指导", "参与", "配合", "协助", "协同", "落实", "承担", "主办", "协办",
];

/// The note verbs that name a role (not `落实`, `承担`, the work's): a clause
/// of a statement of who answers ends in one (`由A牵头，B配合，…`).
pub const STATEMENT_VERBS: [&str; 9] = [
    "负责", "牵头", "指导", "参与", "配合", "协助", "协同", "主办", "协办",
];

/// Titles of officials: a name ending in one is a person (`王某副市长`), no
/// unit; so is one where a person's name follows it (`常务副区长王某`).
pub const OFFICIAL_TITLES: [&str; 14] = [
    "市长",
    "县长",
    "区长",
    "省长",
    "州长",
    "镇长",
    "乡长",
    "局长",
    "厅长",
    "部长",
    "书记",
    "秘书长",
    "主任",
    "主席",
];

/// Longest personal name after an official's title, in chars.
const MAX_PERSON_NAME_CHARS: usize = 3;

/// Whether a name is an official's: it ends in one of [`OFFICIAL_TITLES`],
/// or in one and a person's name (two or three chars: `常务副区长王某`; not
/// a unit's, `市长江航道局`).
pub fn names_official(name: &str) -> bool {
    OFFICIAL_TITLES.iter().any(|t| {
        name.ends_with(t)
            || name.rfind(t).is_some_and(|at| {
                let rest = name[at + t.len()..].chars().count();
                (2..=MAX_PERSON_NAME_CHARS).contains(&rest)
            })
    })
}

/// Words one of which a responsibility note holds, for a quick test.
pub const NOTE_MARKERS: [&str; 10] = [
    "负责", "牵头", "单位", "部门", "配合", "参与", "指导", "协同", "主办", "协办",
];

/// Words a heading that states who answers for the items under it calls
/// them after its units and role word (`一、X牵头工作（8项）`, `X负责的任务`),
/// longer words first.
pub const WORK_NOUNS: [&str; 6] = ["重点工作", "工作任务", "重点任务", "工作", "任务", "事项"];

/// The words of a count closing such a heading (`（共8项）`).
pub const COUNT_PREFIX: char = '共';
/// See [`COUNT_PREFIX`].
pub const COUNT_NOUN: char = '项';

/// Words that open a note printed under a table (`注：`, `填表说明：`).
const NOTE_OPENERS: &[&str] = &[
    "注:",
    "注：",
    "备注:",
    "说明:",
    "填表说明",
    "填报说明",
    "附注",
];

/// Whether a row's only text is a note under the table (`注：1.此表…`).
pub fn is_table_note(text: &str) -> bool {
    // Only the opening words matter: fold no more of a long cell.
    let head: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(NOTE_OPENER_MAX_CHARS)
        .collect();
    let t = comparable(&head);
    NOTE_OPENERS.iter().any(|w| t.starts_with(&comparable(w)))
}

/// Longest word of [`NOTE_OPENERS`], in chars.
const NOTE_OPENER_MAX_CHARS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_word_wins() {
        assert_eq!(
            header_field("主要责任单位").map(|f| f.0),
            Some(Field::Units(Role::Lead))
        );
        assert_eq!(header_field("工作措施").map(|f| f.0), Some(Field::Measure));
        assert_eq!(
            header_field("整改责任单位").map(|f| f.0),
            Some(Field::Units(Role::Responsible))
        );
        assert_eq!(header_field("检查时间").map(|f| f.0), Some(Field::Other));
        for cut in [
            "牵头责",
            "完成时",
            "配合",
            "牵头负责领",
            "责任单",
            "主要责任",
        ] {
            assert!(starts_label_word(cut), "{cut}");
        }
        for whole in ["", "省财政厅", "加强", "牵头单位负责同志名单", "县财"] {
            assert!(!starts_label_word(whole), "{whole}");
        }
        assert_eq!(header_field("当前进度").map(|f| f.0), Some(Field::Other));
        assert_eq!(header_field("进度安排").map(|f| f.0), Some(Field::Deadline));
        assert_eq!(header_field("时间进度").map(|f| f.0), Some(Field::Deadline));
        assert_eq!(header_field("进度时限").map(|f| f.0), Some(Field::Deadline));
        assert_eq!(header_field("问题来源").map(|f| f.0), Some(Field::Other));
        assert_eq!(header_field("存在问题").map(|f| f.0), Some(Field::Task));
        assert_eq!(header_field("序号"), Some((Field::Seq, 2)));
        assert_eq!(header_field("领域及任务").map(|f| f.0), Some(Field::Task));
        assert_eq!(header_field("类别").map(|f| f.0), Some(Field::Section));
        assert_eq!(header_field(""), None);
    }

    #[test]
    fn label_roles() {
        for (w, r) in [
            ("牵头单位", Some(Role::Lead)),
            ("牵头", Some(Role::Lead)),
            ("牵头负责", Some(Role::Lead)),
            ("牵头责任单位", Some(Role::Lead)),
            ("主要责任单位", Some(Role::Lead)),
            ("主要责任", Some(Role::Lead)),
            ("主责", Some(Role::Lead)),
            ("牵头考核单位", Some(Role::Lead)),
            ("落实考核单位", Some(Role::Responsible)),
            ("落实考核", None),
            ("配合部门", Some(Role::Support)),
            ("协同配合", Some(Role::Support)),
            ("配合责任单位", Some(Role::Support)),
            ("协助", Some(Role::Support)),
            ("指导", Some(Role::Guide)),
            ("责任单位", Some(Role::Responsible)),
            ("责任部门", Some(Role::Responsible)),
            ("责任", Some(Role::Responsible)),
            ("负责", Some(Role::Responsible)),
            ("单位", None),
            ("部门", None),
            ("牵头办", None),
            ("检查单位", None),
            ("有关部门", None),
            ("牵头配合", None),
        ] {
            assert_eq!(label_role(w), r, "{w}");
        }
    }

    #[test]
    fn a_units_header_naming_two_kinds_of_unit_is_responsible() {
        let role = |h: &str| header_field(h).map(|f| f.0);
        // (It names responsible and cooperating units in one column.)
        assert_eq!(
            role("责任主体与协同单位"),
            Some(Field::Units(Role::Responsible))
        );
        assert_eq!(
            role("责任单位及配合单位"),
            Some(Field::Units(Role::Responsible))
        );
        assert_eq!(role("责任单位"), Some(Field::Units(Role::Responsible)));
        assert_eq!(
            role("责任单位（第一位为牵头单位，其余为配合单位）"),
            Some(Field::Units(Role::Responsible))
        );
        assert_eq!(role("1-10月推进情况"), Some(Field::Other));
        assert_eq!(role("是否达序"), Some(Field::Other));
    }

    #[test]
    fn a_sentence_is_not_a_header() {
        assert_eq!(header_field("建立健全工作机制，明确职责分工"), None);
        assert_eq!(header_field("压实责任。"), None);
        assert_eq!(
            header_field("责任单位（排第一位的为牵头单位，其余为配合单位）").map(|f| f.0),
            Some(Field::Units(Role::Responsible))
        );
    }

    #[test]
    fn notes_under_tables() {
        assert!(is_table_note("注：1.此表由各单位填写"));
        assert!(is_table_note("填表说明：完成时限请写到月"));
        assert!(!is_table_note("注重实效，加强监管"));
    }
}
