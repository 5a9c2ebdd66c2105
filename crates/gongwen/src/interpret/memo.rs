//! Memoized grammar calls for one notice.
//!
//! Task tables repeat the same deadline and unit texts over and over
//! (长期坚持, 法规处 …), and flattened rows ask for each cell's shape before
//! its value is parsed. This cache keeps each distinct text's answer for the
//! length of one interpretation, so every grammar runs once per distinct
//! text. It adds no behaviour: answers are exactly the grammars'.

use std::collections::HashMap;

use crate::grammar::deadline::{is_deadline_sized, read_deadline, DeadlineTerm};
use crate::grammar::units::{looks_like_units, parse_units, UnitList};
use crate::model::Role;

/// Answers of the deadline and unit grammars, by text.
#[derive(Debug, Default)]
pub struct GrammarMemo {
    notice_year: Option<i32>,
    /// Each text's reading, and whether it needed scoped milestones.
    deadlines: HashMap<String, Option<(DeadlineTerm, bool)>>,
    unit_shapes: HashMap<String, bool>,
    /// Parsed lists, per default role.
    unit_lists: Vec<(Option<Role>, HashMap<String, UnitList>)>,
}

impl GrammarMemo {
    /// The year of the notice, for deadlines that name none.
    pub fn notice_year(&self) -> Option<i32> {
        self.notice_year
    }

    /// A cache for a notice whose date falls in `notice_year`.
    pub fn new(notice_year: Option<i32>) -> Self {
        GrammarMemo {
            notice_year,
            ..Default::default()
        }
    }

    /// [`parse_deadline`](crate::grammar::deadline::parse_deadline) with
    /// the notice's year.
    pub fn deadline(&mut self, raw: &str) -> Option<DeadlineTerm> {
        self.reading(raw).map(|(t, _)| t)
    }

    fn reading(&mut self, raw: &str) -> Option<(DeadlineTerm, bool)> {
        if let Some(t) = self.deadlines.get(raw) {
            return t.clone();
        }
        let t = read_deadline(raw, self.notice_year);
        self.deadlines.insert(raw.to_owned(), t.clone());
        t
    }

    /// [`looks_like_deadline`](crate::grammar::deadline::looks_like_deadline),
    /// sharing the parse with [`GrammarMemo::deadline`] (whether a text is
    /// understood does not depend on the year).
    pub fn looks_like_deadline(&mut self, text: &str) -> bool {
        is_deadline_sized(text) && self.reading(text).is_some_and(|(_, scoped)| !scoped)
    }

    /// [`looks_like_units`].
    pub fn looks_like_units(&mut self, text: &str) -> bool {
        memo_bool(&mut self.unit_shapes, text, looks_like_units)
    }

    /// [`parse_units`].
    pub fn units(&mut self, raw: &str, role: Option<Role>) -> UnitList {
        let i = match self.unit_lists.iter().position(|(r, _)| *r == role) {
            Some(i) => i,
            None => {
                self.unit_lists.push((role, HashMap::new()));
                self.unit_lists.len() - 1
            }
        };
        let map = &mut self.unit_lists[i].1;
        if let Some(l) = map.get(raw) {
            return l.clone();
        }
        let l = parse_units(raw, role);
        map.insert(raw.to_owned(), l.clone());
        l
    }
}

fn memo_bool(map: &mut HashMap<String, bool>, text: &str, f: fn(&str) -> bool) -> bool {
    if let Some(b) = map.get(text) {
        return *b;
    }
    let b = f(text);
    map.insert(text.to_owned(), b);
    b
}
