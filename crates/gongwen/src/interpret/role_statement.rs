//! A paragraph under an item that opens by saying who answers for it, in
//! clauses of its own rather than label lines: `由A牵头，B、C配合，尽快完成…`,
//! `由王某副市长负责，D牵头，…`.
//!
//! Each leading clause is a name and a role word of the lexicon's
//! ([`lexicon::STATEMENT_VERBS`]), maybe after `由`; a name that ends in an
//! official's title ([`lexicon::names_official`]) is the item's leader, a
//! person, not a unit (its clause kept as a note too). What follows the
//! clauses is the work itself, kept as a note (a time first in it, the
//! deadline). This module reads
//! one paragraph; whether it stands where an item's label lines would is
//! [`super::segment_prose`]'s business.
//!
//! A line whose label names the work (`整改措施：`, `整改要求：`: a label word
//! of the lexicon's measure or task field) and whose value opens with `由`
//! states who answers in its value: there a clause `由X` may run on into
//! the work without a role word (`由X对…进行…`, `由X负责修缮…`: X, the
//! names up to the first role word or the longest run of names with no
//! preposition in it), several works may be numbered (`(1)由X…。(2)由Y…`,
//! bracketed or circled numbers, `1)` too), a time anywhere in a work is
//! its deadline, and the whole line is the item's note. Such a line of
//! several works is never split as run-on items ([`is_work_statement`]).

use crate::grammar::deadline::looks_like_deadline;
use crate::grammar::label::{parse_label, LabelKind};
use crate::grammar::lexicon;
use crate::grammar::units::looks_like_units;
use crate::model::Role;
use crate::normalize::fold;

use super::prose::{note_bracket, opening_label_word, LabelLine};

/// Longest clause of a statement, in chars (a few names and a role word).
const MAX_CLAUSE_CHARS: usize = 60;

/// The parts of a paragraph that opens with who answers for its item, each
/// with the clause as printed: `None` where it does not open so (no unit
/// named in its leading clauses).
pub fn role_statement(text: &str) -> Option<Vec<(String, LabelLine)>> {
    // (After a label naming the work, `整改措施：由X负责…`: the statement is
    // its value, and the whole line, label and all, the item's note.)
    if let Some(value) = work_label_value(text) {
        // (Several works, each labelled, `(1)由X负责…。(2)由Y负责…`: each
        // its statement.)
        let mut parts = Vec::new();
        for work in labelled_works(value) {
            let mut work_parts = statement(work, true)?;
            // (A time anywhere in the work is its deadline: `由X对…进行清理，
            // 2024年6月底前完成`.)
            if !work_parts
                .iter()
                .any(|(_, l)| matches!(l, LabelLine::Deadline(_)))
            {
                let when = work
                    .split(['，', ',', '；', ';', '。'])
                    .map(str::trim)
                    .find(|c| !c.is_empty() && looks_like_deadline(c));
                if let Some(when) = when {
                    work_parts.push((when.to_owned(), LabelLine::Deadline(when.to_owned())));
                }
            }
            parts.extend(work_parts);
        }
        parts.retain(|(_, line)| !matches!(line, LabelLine::Note(_)));
        let whole = text.trim().to_owned();
        parts.push((whole.clone(), LabelLine::Note(whole)));
        return Some(parts);
    }
    statement(text, false)
}

/// [`role_statement`] of a paragraph or a work, where `in_work` (the value
/// of a label naming the work) lets a clause `由X` run on into the work.
fn statement(text: &str, in_work: bool) -> Option<Vec<(String, LabelLine)>> {
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = fold(text).chars().map(note_bracket).collect();
    // (A paragraph in brackets is a note: `〔A牵头，B配合〕`.)
    if folded.len() != chars.len() || folded.iter().find(|c| !c.is_whitespace()) == Some(&'(') {
        return None;
    }
    let mut parts = Vec::new();
    let mut units = 0;
    let mut start = 0;
    let mut depth = 0i32;
    let mut k = 0;
    let mut rest = chars.len();
    while k <= chars.len() {
        let at_end = k == chars.len();
        if !at_end {
            match folded[k] {
                '(' | '[' | '《' | '“' => depth += 1,
                ')' | ']' | '》' | '”' => depth -= 1,
                _ => {}
            }
        }
        if at_end || (depth <= 0 && matches!(folded[k], ',' | ';' | '。')) {
            let clause: String = chars[start..k].iter().collect();
            let line = clause_of(clause.trim());
            // (A clause may run on into the work: `由X对…进行…`,
            // `由X负责修缮…`.)
            if line.is_none() {
                if let Some((units_clause, work)) = units_before_work(&clause, in_work) {
                    parts.push((
                        units_clause.clone(),
                        LabelLine::Units(Role::Responsible, units_clause),
                    ));
                    units += 1;
                    rest = start + work;
                    break;
                }
            }
            match line {
                Some(line) => {
                    units += usize::from(matches!(line, LabelLine::Units(..)));
                    // (An official's clause is the leader's, and, as
                    // printed, a note: nothing of it is lost.)
                    if matches!(line, LabelLine::Leader(_)) {
                        let clause = clause.trim().to_owned();
                        parts.push((clause.clone(), LabelLine::Note(clause)));
                    }
                    parts.push((clause.trim().to_owned(), line));
                    rest = (k + 1).min(chars.len());
                    start = k + 1;
                }
                None => break,
            }
        }
        k += 1;
    }
    if units == 0 {
        return None;
    }
    let after: String = chars[rest..].iter().collect();
    let mut after = after.trim().trim_end_matches(['。', '；', ';']).trim();
    // (A time right after it is the deadline: `…配合，2024年底前完成，…`.)
    let first_clause = after.split(['，', ',', '；', ';']).next().unwrap_or("");
    if !first_clause.is_empty() && looks_like_deadline(first_clause) {
        parts.push((
            first_clause.to_owned(),
            LabelLine::Deadline(first_clause.trim().to_owned()),
        ));
        after = after[first_clause.len()..]
            .trim_start_matches(['，', ',', '；', ';'])
            .trim();
    }
    if !after.is_empty() {
        parts.push((after.to_owned(), LabelLine::Note(after.to_owned())));
    }
    Some(parts)
}

/// Whether a line is a statement of several numbered works under a label
/// naming them (`整改措施：(1)由X负责…。(2)由Y负责…`): one line of its item,
/// its labels the works', not the document's.
pub fn is_work_statement(text: &str) -> bool {
    work_label_value(text).is_some_and(|v| labelled_works(v).len() > 1)
        && role_statement(text).is_some()
}

/// Whether (folded) text starts with a label naming the work and a value
/// that opens with `由` (`整改措施：由X负责…`): a line of its item run into
/// the item's line.
pub fn starts_work_statement(head: &str) -> bool {
    work_label_value(head).is_some()
}

/// The value of a line whose label names the work (`整改措施：`,
/// `整改要求：`: a label word of the lexicon's measure or task field).
fn work_label_value(text: &str) -> Option<&str> {
    // (Cheap test first: the run-on pass asks every paragraph.)
    if !text.contains([':', '：']) {
        return None;
    }
    let folded = fold(text);
    let label = opening_label_word(&folded)?;
    if !matches!(
        lexicon::header_field(label),
        Some((lexicon::Field::Measure | lexicon::Field::Task, _))
    ) {
        return None;
    }
    // (Folding keeps one char per char: the colon stands at the same place.)
    let colon = folded.chars().position(|c| c == ':')?;
    let (at, c) = text.char_indices().nth(colon)?;
    let value = text[at + c.len_utf8()..].trim_start();
    labelled_works(value)
        .iter()
        .all(|w| w.starts_with('由'))
        .then_some(value)
}

/// The works a label's value lists, each after its own label where the
/// value opens with one (`(1)由X…。(2)由Y…`: each label at the start or
/// after a full stop or semicolon, counting on); else the value whole.
fn labelled_works(value: &str) -> Vec<&str> {
    let Some((1, first)) = work_number(value) else {
        return vec![value];
    };
    let mut works = Vec::new();
    let mut start = first;
    let mut next = 2;
    let mut k = start;
    while k < value.len() {
        let c = value[k..].chars().next().unwrap_or(' ');
        k += c.len_utf8();
        if !matches!(c, '。' | '；' | ';') {
            continue;
        }
        let rest = value[k..].trim_start();
        // (Of any form of numbers: pages mix `1)` and `(2)`.)
        if let Some((_, len)) = work_number(rest).filter(|&(n, _)| n == next) {
            works.push(value[start..k].trim());
            start = value.len() - rest.len() + len;
            k = start;
            next += 1;
        }
    }
    works.push(value[start..].trim());
    works
}

/// The number of a work at the start of `text` and its length in bytes: a
/// label ([`parse_label`]), or digits and a closing bracket alone (`1)`, a
/// page's half of `(1)`).
fn work_number(text: &str) -> Option<(u32, usize)> {
    // (Bracketed or circled numbers: `1.` numbers the document's items.)
    if let Some(label) =
        parse_label(text).filter(|l| matches!(l.kind, LabelKind::ArabicParen | LabelKind::Circled))
    {
        let len = text.chars().take(label.len).map(char::len_utf8).sum();
        return Some((label.ordinal, len));
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let close = text[digits..]
        .chars()
        .next()
        .filter(|c| matches!(c, ')' | '）'))?;
    let n = text[..digits]
        .parse()
        .ok()
        .filter(|_| digits > 0 && digits <= 2)?;
    Some((n, digits + close.len_utf8()))
}

/// Longest name a `由X…` clause's units may take, in chars.
const MAX_NAME_CHARS: usize = 30;

/// A clause opening with `由` and units, then running on into the work
/// without a role word at its end (`由县住建局负责修缮排污设施`,
/// `由包片单位联通公司对废旧物品进行告知`): the clause up to the names and
/// the role word after them, or, `in_work` (the value of a label naming the
/// work), the end of the longest run of names after `由`; and the char
/// offset where the work starts. (`由于`, `由此` open no names.)
fn units_before_work(clause: &str, in_work: bool) -> Option<(String, usize)> {
    let lead = clause.len() - clause.trim_start().len();
    let chars: Vec<char> = clause.trim_start().chars().collect();
    if chars.first() != Some(&'由') || matches!(chars.get(1), Some('于' | '此')) {
        return None;
    }
    let last = chars.len().saturating_sub(1).min(MAX_NAME_CHARS + 1);
    let names = |e: usize| {
        let name: String = chars[1..e].iter().collect();
        looks_like_units(&name) && !lexicon::names_official(&fold(&name))
    };
    // (Of the longest run, a preposition or particle inside is the work's:
    // `县住建局对…物业公司`, `市到县`.)
    let run_of_names = |e: usize| {
        !chars[1..e]
            .iter()
            .any(|c| matches!(c, '对' | '的' | '经' | '到'))
            && names(e)
    };
    // Names up to the first role word after them (`由X负责督促发布单位…`:
    // X, then its role); else the longest run of names.
    let folded: Vec<char> = fold(&chars.iter().collect::<String>()).chars().collect();
    let at_verb = (3..=last).find_map(|e| {
        let verb = lexicon::STATEMENT_VERBS.iter().find(|v| {
            let v: Vec<char> = v.chars().collect();
            folded.get(e..e + v.len()) == Some(&v[..])
        })?;
        names(e).then(|| e + verb.chars().count())
    });
    // (Outside a label naming the work, only names a role word follows:
    // `由市到县逐级压实…` is prose.)
    let end = at_verb.filter(|&e| e < chars.len()).or_else(|| {
        in_work
            .then(|| (3..=last).rev().find(|&e| run_of_names(e)))
            .flatten()
    })?;
    let units_clause: String = chars[..end].iter().collect();
    let lead_chars = clause[..lead].chars().count();
    Some((units_clause, lead_chars + end))
}

/// One clause of a statement: units with a role word (as printed, the role
/// word kept: the unit grammar reads it), or an official's name.
fn clause_of(clause: &str) -> Option<LabelLine> {
    if clause.is_empty() || clause.chars().count() > MAX_CLAUSE_CHARS {
        return None;
    }
    let named = clause.strip_prefix('由').unwrap_or(clause).trim();
    let f = fold(named);
    let verb = lexicon::STATEMENT_VERBS
        .iter()
        .find(|v| f.ends_with(*v) && f.len() > v.len())?;
    let name: String = named
        .chars()
        .take(named.chars().count() - verb.chars().count())
        .collect();
    let name = name.trim();
    if lexicon::names_official(&fold(name)) {
        return Some(LabelLine::Leader(name.to_owned()));
    }
    looks_like_units(name).then(|| LabelLine::Units(Role::Responsible, clause.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_who_answers_then_the_work() {
        let parts = role_statement("由王某副市长负责,市发改委牵头,相关部门配合,尽快完成实施方案。")
            .expect("a statement");
        let lines: Vec<&LabelLine> = parts.iter().map(|(_, l)| l).collect();
        assert_eq!(
            lines,
            [
                &LabelLine::Note("由王某副市长负责".to_owned()),
                &LabelLine::Leader("王某副市长".to_owned()),
                &LabelLine::Units(Role::Responsible, "市发改委牵头".to_owned()),
                &LabelLine::Units(Role::Responsible, "相关部门配合".to_owned()),
                &LabelLine::Note("尽快完成实施方案".to_owned()),
            ]
        );
        // A time after the statement is its deadline.
        let parts = role_statement("由市财政局负责，2024年底前完成。").expect("a statement");
        assert_eq!(
            parts[0].1,
            LabelLine::Units(Role::Responsible, "由市财政局负责".to_owned())
        );
        assert_eq!(parts[1].1, LabelLine::Deadline("2024年底前完成".to_owned()));
    }

    #[test]
    fn an_official_and_groups_of_villages_answer_too() {
        let parts = role_statement("由镇长负责，各村配合，3月10日前完成。").expect("a statement");
        let lines: Vec<&LabelLine> = parts.iter().map(|(_, l)| l).collect();
        assert_eq!(
            lines,
            [
                &LabelLine::Note("由镇长负责".to_owned()),
                &LabelLine::Leader("镇长".to_owned()),
                &LabelLine::Units(Role::Responsible, "各村配合".to_owned()),
                &LabelLine::Deadline("3月10日前完成".to_owned()),
            ]
        );
    }

    #[test]
    fn an_official_named_after_the_title_is_the_leader() {
        let parts = role_statement("由区委常委、常务副区长王某负责，区财政局牵头，抓好落实。")
            .expect("a statement");
        assert!(matches!(&parts[1].1, LabelLine::Leader(n) if n == "区委常委、常务副区长王某"));
        // A unit whose name holds a title's chars is a unit.
        let parts = role_statement("由市长江航道局牵头，抓好落实。").expect("a statement");
        assert!(matches!(&parts[0].1, LabelLine::Units(..)));
    }

    #[test]
    fn units_run_into_the_work_under_a_label_naming_it() {
        let units = |text: &str| -> Vec<String> {
            role_statement(text)
                .expect("a statement")
                .into_iter()
                .filter_map(|(_, l)| match l {
                    LabelLine::Units(_, raw) => Some(raw),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            units("由县住建局负责修缮排污设施，清理积水。"),
            ["由县住建局负责"]
        );
        assert_eq!(
            units("整改措施：由联通公司对废旧物品进行清理。"),
            ["由联通公司"]
        );
        assert_eq!(
            units("整改措施：（1）由县环卫站负责更换垃圾桶。（2）由县幼儿园负责督促商户。"),
            ["由县环卫站负责", "由县幼儿园负责"]
        );
        // Numbers as pages print them, `1)` and `(2)`, a semicolon between.
        assert_eq!(
            units("整改措施:1)由执法组负责规范;(2)由县交通局负责督促。"),
            ["由执法组负责", "由县交通局负责"]
        );
        // A town answers too.
        assert_eq!(units("整改要求：由城关镇负责调查摸底。"), ["由城关镇负责"]);
        // The whole line, label and all, is the item's note.
        let parts = role_statement("整改措施：由县住建局负责修缮。").expect("a statement");
        assert!(
            matches!(&parts.last().expect("parts").1, LabelLine::Note(n) if n == "整改措施：由县住建局负责修缮。")
        );
        // `由于` opens a reason, not names; a label naming no work opens
        // no statement.
        assert_eq!(role_statement("由于市财政局资金不足，暂缓实施。"), None);
        assert_eq!(role_statement("备注：由县住建局负责修缮。"), None);
        // Outside a work label, `由X` running on into the work with no role
        // word after the names is prose.
        assert_eq!(role_statement("由市到县逐级压实责任，形成工作合力。"), None);
        assert_eq!(
            role_statement("由各县区上报的项目经市发改委审核后纳入。"),
            None
        );
        // A preposition or verb inside ends the names.
        assert_eq!(
            units("整改措施：由县住建局对城区各小区物业公司进行约谈。"),
            ["由县住建局"]
        );
        // A time anywhere in the work is its deadline.
        let parts = role_statement("整改措施：由联通公司对废旧物品进行清理，2024年6月底前完成。")
            .expect("a statement");
        assert!(parts
            .iter()
            .any(|(_, l)| matches!(l, LabelLine::Deadline(d) if d == "2024年6月底前完成")));
        // `1.` numbers the document's items, not works.
        assert_eq!(
            role_statement("主要任务：1.由市发改委牵头推进。2.由市财政局负责保障。"),
            None
        );
    }

    #[test]
    fn running_text_is_no_statement() {
        assert_eq!(role_statement("加强组织领导，明确责任分工。"), None);
        // A note in brackets is no statement.
        assert_eq!(role_statement("〔市数据局牵头，相关街道配合〕"), None);
        // An official alone names no unit.
        assert_eq!(role_statement("由王某副市长负责，抓好落实。"), None);
        // The role words inside a sentence are the work's.
        assert_eq!(role_statement("各部门要切实负起责任，抓好落实。"), None);
    }
}
