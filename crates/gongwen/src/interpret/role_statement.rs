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

use crate::grammar::deadline::looks_like_deadline;
use crate::grammar::lexicon;
use crate::grammar::units::looks_like_units;
use crate::model::Role;
use crate::normalize::fold;

use super::prose::{note_bracket, LabelLine};

/// Longest clause of a statement, in chars (a few names and a role word).
const MAX_CLAUSE_CHARS: usize = 60;

/// The parts of a paragraph that opens with who answers for its item, each
/// with the clause as printed: `None` where it does not open so (no unit
/// named in its leading clauses).
pub fn role_statement(text: &str) -> Option<Vec<(String, LabelLine)>> {
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
            match clause_of(clause.trim()) {
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
