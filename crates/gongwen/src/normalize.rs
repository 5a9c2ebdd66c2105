//! A normalized view of text for matching: traditional characters folded to
//! simplified, full-width ASCII forms folded to half-width, the ideographic
//! space to a plain space.
//!
//! Folding maps every `char` to exactly one `char`, so char offsets in the
//! folded view are char offsets in the original: a match found on the
//! folded text can always be cut out of the original text, which is what
//! the model keeps. This module does no matching itself and never changes
//! what the model outputs.
//!
//! Script folding uses the `fast2s` crate: a maintained character table
//! (from simplet2s) applied one character at a time with a few context
//! rules. It was chosen over OpenCC ports (`ferrous-opencc`, `hanconv`)
//! because it keeps the one-char-to-one-char property that offset mapping
//! needs (phrase-level conversion can change lengths) and is small and fast.

use crate::model::Script;

/// Folds one character's width: full-width ASCII (U+FF01–U+FF5E) to ASCII,
/// U+3000 to a space. Other characters are returned unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Folds the variant characters that `fast2s`'s table leaves alone
/// (e.g. 凈, common in Hong Kong and Taiwan texts, to 净).
pub fn fold_variant(c: char) -> char {
    match c {
        '凈' => '净',
        '爲' => '为',
        '衆' => '众',
        '綫' => '线',
        '羣' => '群',
        '峯' => '峰',
        '啓' => '启',
        '敎' => '教',
        '眞' => '真',
        '竝' | '幷' => '并',
        '鷄' => '鸡',
        _ => c,
    }
}

/// The folded view of `s`: simplified script, half-width punctuation.
/// Has exactly as many chars as `s`.
pub fn fold(s: &str) -> String {
    let simplified = if s.is_ascii() {
        s.to_owned()
    } else {
        fast2s::convert(s)
    };
    let folded: String = simplified
        .chars()
        .map(|c| fold_width(fold_variant(c)))
        .collect();
    debug_assert_eq!(folded.chars().count(), s.chars().count());
    folded
}

/// Folds and removes all white space: the form texts are compared in.
pub fn comparable(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Guesses the script of `s` by comparing it with its simplified folding.
pub fn detect_script(s: &str) -> Script {
    let mut han = 0usize;
    let mut changed = 0usize;
    for (a, b) in s.chars().zip(fast2s::convert(s).chars()) {
        if ('\u{4E00}'..='\u{9FFF}').contains(&a) {
            han += 1;
            if a != b {
                changed += 1;
            }
        }
    }
    if han == 0 {
        Script::Unknown
    } else if changed * 50 >= han {
        // More than 2% of Han characters differ: traditional text.
        Script::Traditional
    } else {
        Script::Simplified
    }
}

/// Converts a char offset into a byte offset of `s` (clamped to the end).
pub fn byte_offset(s: &str, char_offset: usize) -> usize {
    s.char_indices()
        .nth(char_offset)
        .map(|(b, _)| b)
        .unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_script_and_width_char_for_char() {
        assert_eq!(fold("長期堅持（一）：，"), "长期坚持(一):,");
        assert_eq!(fold("責任單位\u{3000}Ａ"), "责任单位 A");
        assert_eq!(fold("abc"), "abc");
        assert_eq!(fold("忠誠干凈"), "忠诚干净");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn comparable_drops_white_space() {
        assert_eq!(comparable(" 法規處 、\n人事處"), "法规处、人事处");
    }

    #[test]
    fn detects_script() {
        assert_eq!(detect_script("省局機關各處"), Script::Traditional);
        assert_eq!(detect_script("省局机关各处"), Script::Simplified);
        assert_eq!(detect_script("abc 123"), Script::Unknown);
    }

    #[test]
    fn byte_offsets() {
        assert_eq!(byte_offset("一二三", 1), 3);
        assert_eq!(byte_offset("一二三", 9), 9);
    }
}
