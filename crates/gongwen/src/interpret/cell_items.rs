//! A measure cell that holds a list: `（1）…⏎（2）…` or `△…⏎△…`, one item per
//! line, each a measure of the row.
//!
//! Splits the text of a measure cell whose first item's mark (a numbering
//! label or a bullet) was read from the cell itself into items: a line that
//! starts with the next mark of the same style (the next number of the same
//! label kind, or the same bullet) starts an item; any other line goes on
//! with the item before it. It does not decide what the cell is (a measure,
//! a task), and never splits a cell whose first line has no mark.

use crate::grammar::label::{bullet, parse_label, Label};

/// How an item is marked.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A numbering label (`（2）`).
    Label(Label),
    /// A bullet (`△`).
    Bullet(char),
}

/// One item of a cell: its mark and its text (without the mark).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub mark: Mark,
    pub text: String,
}

/// Splits `text`, the cell's text after its first item's mark `first`, into
/// items. One item (the whole text) when no line starts the next item.
pub fn split_items(first: Mark, text: &str) -> Vec<Item> {
    let mut items = vec![Item {
        mark: first,
        text: String::new(),
    }];
    for (k, line) in text.split('\n').enumerate() {
        let prev = &items[items.len() - 1].mark;
        let next = if k == 0 { None } else { next_mark(prev, line) };
        match next {
            Some((mark, rest)) => items.push(Item {
                mark,
                text: rest.to_owned(),
            }),
            None => {
                if let Some(item) = items.last_mut() {
                    if !item.text.is_empty() {
                        item.text.push('\n');
                    }
                    item.text.push_str(line.trim());
                }
            }
        }
    }
    items
}

/// The mark `line` starts with when it is the one after `prev`, and the
/// line's text after it.
fn next_mark<'a>(prev: &Mark, line: &'a str) -> Option<(Mark, &'a str)> {
    match prev {
        Mark::Bullet(c) => {
            let b = bullet(line).filter(|b| b == c)?;
            let rest = line.trim_start().strip_prefix(b)?.trim();
            Some((Mark::Bullet(b), rest))
        }
        Mark::Label(p) => {
            let l = parse_label(line).filter(|l| l.kind == p.kind && l.ordinal == p.ordinal + 1)?;
            let rest = l.text_after(line);
            (!rest.is_empty()).then_some((Mark::Label(l), rest))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(items: &[Item]) -> Vec<&str> {
        items.iter().map(|i| i.text.as_str()).collect()
    }

    #[test]
    fn numbered_lines_in_order_are_items() {
        let first = parse_label("（1）甲").expect("a label");
        let items = split_items(Mark::Label(first), "甲\n（2）乙\n续乙\n（3）丙");
        assert_eq!(texts(&items), ["甲", "乙\n续乙", "丙"]);
        assert!(matches!(&items[2].mark, Mark::Label(l) if l.ordinal == 3));
    }

    #[test]
    fn bullets_are_items() {
        let items = split_items(Mark::Bullet('△'), "甲\n△乙\n△丙");
        assert_eq!(texts(&items), ["甲", "乙", "丙"]);
        assert!(items.iter().all(|i| i.mark == Mark::Bullet('△')));
    }

    #[test]
    fn out_of_order_or_other_marks_continue_the_item() {
        let first = parse_label("1.甲").expect("a label");
        // A sub-list (（1）), a number out of order (3.) and another bullet
        // stay inside the item.
        let items = split_items(Mark::Label(first), "甲\n（1）子\n3.跳\n△点");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].text, "甲\n（1）子\n3.跳\n△点");
        let items = split_items(Mark::Bullet('●'), "甲\n△乙");
        assert_eq!(items.len(), 1);
    }
}
