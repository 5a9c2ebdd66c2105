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
//! Script folding uses the `fast2s` crate's character table (from
//! simplet2s). It was chosen over OpenCC ports (`ferrous-opencc`, `hanconv`)
//! because it keeps the one-char-to-one-char property that offset mapping
//! needs (phrase-level conversion can change lengths) and is small. Calling
//! `fast2s::convert` on every short cell text dominated parse time, so the
//! table is read out of it once, for every CJK ideograph, into a flat array
//! ([`fold_char`] is then one index); `fast2s`'s few context rules (乾坤 vs
//! 乾燥) do not matter for matching.

use std::sync::LazyLock;

use crate::model::Script;

/// First and last code points of the folding table: CJK Extension A and
/// the basic CJK Unified Ideographs block (U+3400–U+9FFF).
const TABLE_FIRST: u32 = 0x3400;
const TABLE_LAST: u32 = 0x9FFF;

/// Simplified form of every char from [`TABLE_FIRST`] to [`TABLE_LAST`].
static SIMPLIFIED: LazyLock<Vec<char>> = LazyLock::new(|| {
    let chars: Vec<char> = (TABLE_FIRST..=TABLE_LAST)
        .map(|u| char::from_u32(u).unwrap_or(' '))
        .collect();
    // One fast2s call over all chars, each between line breaks so that no
    // context rule fires.
    let mut all = String::with_capacity(chars.len() * 4);
    for c in &chars {
        all.push(*c);
        all.push('\n');
    }
    let converted = fast2s::convert(&all);
    let out: Vec<char> = converted.chars().step_by(2).collect();
    if out.len() == chars.len() {
        out
    } else {
        chars
    }
});

/// Folds one char: traditional to simplified script, variant forms to the
/// standard ones, full-width ASCII to ASCII, U+3000 to a space.
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    if u < 0x80 {
        return c;
    }
    if (TABLE_FIRST..=TABLE_LAST).contains(&u) {
        let s = SIMPLIFIED
            .get((u - TABLE_FIRST) as usize)
            .copied()
            .unwrap_or(c);
        return fold_variant(s);
    }
    fold_width(c)
}

/// Folds one character's width: full-width ASCII (U+FF01–U+FF5E) to ASCII,
/// U+3000 to a space, the small form variants of punctuation (`﹒`, `﹑`, …)
/// to their plain forms. Other characters are returned unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        // Small form variants, as some offices' fonts print them (`1﹒`).
        '﹐' => ',',
        '﹑' => '、',
        '﹒' => '.',
        '﹔' => ';',
        '﹕' => ':',
        '﹙' => '(',
        '﹚' => ')',
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
    // Folded chars are never longer in UTF-8 than the originals.
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(fold_char));
    out
}

/// Folds and removes all white space: the form texts are compared in.
pub fn comparable(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// How many leading chars of a text [`detect_script`] looks at.
const SCRIPT_SAMPLE_CHARS: usize = 1500;

/// Guesses the script of `s` by comparing it with its simplified folding.
pub fn detect_script(s: &str) -> Script {
    // The first few thousand chars tell the script as well as the whole text.
    let mut han = 0usize;
    let mut changed = 0usize;
    for a in s.chars().take(SCRIPT_SAMPLE_CHARS) {
        if ('\u{4E00}'..='\u{9FFF}').contains(&a) {
            han += 1;
            if fold_char(a) != a {
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

/// [`detect_script`] over a document's blocks, sampling from its start.
pub fn detect_script_of(doc: &crate::document::Document) -> Script {
    use crate::document::Block;
    let mut sample = String::new();
    'blocks: for block in &doc.blocks {
        let texts: Box<dyn Iterator<Item = &str>> = match block {
            Block::Paragraph(p) => Box::new(std::iter::once(p.text.as_str())),
            Block::Table(t) => Box::new(
                t.rows
                    .iter()
                    .flat_map(|r| r.cells.iter().map(|c| c.text.as_str())),
            ),
        };
        for t in texts {
            sample.push_str(t);
            if sample.len() > SCRIPT_SAMPLE_CHARS * 3 {
                break 'blocks;
            }
        }
    }
    detect_script(&sample)
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
