//! What a cell's or a line's text is by its own shape, before any table is
//! read: a running number (`1`, `２.`), or what a page or sheet adds under or
//! among a table's rows (`分享到：`, `【打印本页】`, a note `注：…`).
//!
//! A leaf: it knows no column, row or table, so that the modules that find
//! tables (`columns`, `vertical`, `spaced`) and read them (`segment`,
//! `table`) all ask it without depending on one another.

use crate::grammar::label::parse_label;
use crate::grammar::lexicon;
use crate::grammar::numeral::parse_number;
use crate::normalize::fold_width;

/// Whether a cell of the sequence number column holds only a running
/// number (digits of any width, maybe followed by `.` or `、`), which the
/// model does not keep.
pub fn is_running_number(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_suffix(['.', '．', '、']).unwrap_or(t);
    !t.is_empty() && t.chars().all(|c| fold_width(c).is_ascii_digit())
}

/// The value of a running-number paragraph (`1`, `２`, `3.`).
pub fn running_number(text: &str) -> Option<u32> {
    if !is_running_number(text) {
        return None;
    }
    // (Full-width digits, `１２`, are digits.)
    let digits: String = text
        .trim()
        .trim_end_matches(['.', '．', '、'])
        .chars()
        .map(fold_width)
        .collect();
    parse_number(&digits)
}

/// A row's running number (`1`, `23.`), not a year (`2024`: a deadline's
/// cell).
pub fn row_number(text: &str) -> Option<u32> {
    running_number(text).filter(|_| bare_year(text).is_none())
}

/// A cell that is only a year (`2024`, `２０２４`, 1900 to 2100): its digits.
/// In a deadline column it names that year; elsewhere it may be any number.
pub fn bare_year(text: &str) -> Option<String> {
    let digits: String = text.trim().chars().map(fold_width).collect();
    (digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y)))
    .then_some(digits)
}

/// Longest word before the colon of a page's line (`联系电话：`), in chars.
const MAX_TRAILER_WORD_CHARS: usize = 6;

/// Whether a line under or among a table's rows is no cell's content but
/// what a page or sheet adds: a short word ending in a colon that
/// introduces what follows (`分享到：`, `填表人：`; not a cell that introduces
/// its own list, `完善以下三项制度：`, nor a labelled section `一、建设：`), or
/// nothing but bracketed links (`【打印本页】【关闭窗口】`).
pub fn is_trailer_line(text: &str) -> bool {
    let t = text.trim();
    if let Some(word) = t.strip_suffix([':', '：']) {
        // (What it asks for may stand in brackets: `填报单位（盖章）：`.)
        let word = match word.find(['（', '(']) {
            Some(open) if word.ends_with(['）', ')']) => &word[..open],
            _ => word,
        };
        return (1..=MAX_TRAILER_WORD_CHARS).contains(&word.chars().count())
            && word.chars().all(char::is_alphabetic)
            && parse_label(t).is_none();
    }
    let mut depth = 0usize;
    let mut links = 0usize;
    for c in t.chars() {
        match c {
            '【' | '[' | '［' => {
                depth += 1;
                links += 1;
            }
            '】' | ']' | '］' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() => return false,
            _ => {}
        }
    }
    links > 0
}

/// Whether a line is no row of the table it stands in or under: a note
/// under the table (`注：…`, [`lexicon::is_table_note`]) or a page's line
/// ([`is_trailer_line`]).
pub fn is_furniture(text: &str) -> bool {
    lexicon::is_table_note(text) || is_trailer_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_alone_is_a_year() {
        assert_eq!(bare_year("2024"), Some("2024".to_owned()));
        assert_eq!(bare_year(" ２０２４ "), Some("2024".to_owned()));
        for t in ["24", "300", "1360", "12345", "2024年", "3000"] {
            assert_eq!(bare_year(t), None, "{t}");
        }
    }

    #[test]
    fn trailer_lines_are_a_page_s_not_a_cell_s() {
        for t in [
            "分享到：",
            "填表人:",
            "联系电话：",
            "【打印本页】【关闭窗口】",
            "[关闭]",
        ] {
            assert!(is_trailer_line(t), "{t}");
        }
        for t in [
            "开展专项整治",
            "【重点】开展专项整治",
            "市财政局",
            "",
            "完善以下三项制度：",
            "一、基础设施建设：",
            "1.制度：",
        ] {
            assert!(!is_trailer_line(t), "{t}");
        }
    }

    #[test]
    fn running_numbers() {
        assert!(is_running_number("12"));
        assert!(is_running_number("２."));
        assert!(!is_running_number("1.5倍"));
        assert!(!is_running_number(""));
    }
}
