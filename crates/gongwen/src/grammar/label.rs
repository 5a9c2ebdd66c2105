//! Numbering labels at the start of a text: `一、`, `（一）`, `1.`, `（1）`, `①`
//! (a `一、` numeral's chars may each carry a pinyin gloss, `一(yī)、`, as
//! pages printed with ruby text give them).
//!
//! Recognizes the label and its number; says nothing of what the labelled
//! text is (heading, task or measure): the interpreter decides that from the
//! label's [`LabelKind`] and the document's structure.

use super::numeral::{is_numeral_char, parse_number};
use crate::normalize::{byte_offset, fold_width};

/// The printed form of a label. Forms nest in this order in most notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LabelKind {
    /// `一、`: a Chinese numeral and an enumeration comma.
    ChineseComma,
    /// `（一）` or `(一)`: a Chinese numeral in brackets.
    ChineseParen,
    /// `1.`, `1．`, `1、` or `⒈`: Arabic digits and a dot or comma.
    ArabicDot,
    /// `（1）`, `(1)` or `⑴`: Arabic digits in brackets.
    ArabicParen,
    /// `①` … `⑳`: a circled number.
    Circled,
}

/// A label found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label's form.
    pub kind: LabelKind,
    /// Its number.
    pub ordinal: u32,
    /// The label as printed in the original text (e.g. `（一）`).
    pub text: String,
    /// The label's length in chars; the labelled text starts after it.
    pub len: usize,
}

impl Label {
    /// The labelled text: what follows the label in `text` (the text the
    /// label was read from), trimmed.
    pub fn text_after<'t>(&self, text: &'t str) -> &'t str {
        text[byte_offset(text, self.len)..].trim()
    }
}

/// A heading's label standing alone (`一、`, `（一）`, nothing after it): how
/// a 序号 cell prints a section's number. `None` for other texts and for
/// running numbers (`1.`, `（1）`).
pub fn heading_label_alone(text: &str) -> Option<Label> {
    parse_label(text)
        .filter(|l| matches!(l.kind, LabelKind::ChineseComma | LabelKind::ChineseParen))
        .filter(|l| l.text_after(text).is_empty())
}

/// Bullets that mark the items of a list (`△进一步调整…`): a mark, no
/// number.
pub const BULLETS: &str = "△▲●◆■□★☆○◇•·▪▶►◎";

/// The bullet a text starts with (leading white space skipped), when text
/// follows it.
pub fn bullet(text: &str) -> Option<char> {
    let mut chars = text.trim_start().chars();
    let c = chars.next().filter(|c| BULLETS.contains(*c))?;
    (!chars.as_str().trim().is_empty()).then_some(c)
}

/// How many leading chars of a text are looked at for a label: leading
/// white space plus the longest label (`（一百二十三）`) fit well inside.
const LABEL_HEAD_CHARS: usize = 32;

/// Finds a label at the start of `text` (leading white space is skipped and
/// counted in [`Label::len`]). Returns `None` when the text has no label.
pub fn parse_label(text: &str) -> Option<Label> {
    // Most texts start with a char no label starts with: answer at once.
    let first = text.trim_start().chars().next().map(fold_width)?;
    if !(first == '('
        || first.is_ascii_digit()
        || is_numeral_char(first)
        || circled(first).is_some()
        || bracketed_or_dotted(first).is_some())
    {
        return None;
    }
    // A label is a few chars long and made of digits, numerals and
    // punctuation, which need width folding only (the numeral table knows
    // traditional forms such as 兩 and 陸).
    let mut head = ['\0'; LABEL_HEAD_CHARS];
    let mut n = 0;
    for (slot, c) in head.iter_mut().zip(text.chars()) {
        *slot = fold_width(c);
        n += 1;
    }
    let folded = &head[..n];
    let lead = folded.iter().take_while(|c| c.is_whitespace()).count();
    let s = &folded[lead..];
    let (kind, ordinal, len) = match_label(s)?;
    let original: String = text.chars().skip(lead).take(len).collect();
    Some(Label {
        kind,
        ordinal,
        text: original,
        len: lead + len,
    })
}

fn match_label(s: &[char]) -> Option<(LabelKind, u32, usize)> {
    let first = *s.first()?;
    if let Some(n) = circled(first) {
        return Some((LabelKind::Circled, n, 1));
    }
    if let Some((kind, n)) = bracketed_or_dotted(first) {
        return Some((kind, n, 1));
    }
    if first == '(' {
        let digits: usize = s[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && digits <= 3 && s.get(1 + digits) == Some(&')') {
            let n = parse_number(&s[1..1 + digits].iter().collect::<String>())?;
            return Some((LabelKind::ArabicParen, n, digits + 2));
        }
        let han: usize = s[1..].iter().take_while(|c| is_numeral_char(**c)).count();
        if han > 0 && han <= 4 && s.get(1 + han) == Some(&')') {
            let n = parse_number(&s[1..1 + han].iter().collect::<String>())?;
            return Some((LabelKind::ChineseParen, n, han + 2));
        }
        return None;
    }
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 3 {
        let sep = *s.get(digits)?;
        let next = s.get(digits + 1);
        // `1.5倍` is a number, not a label.
        let next_is_digit = next.is_some_and(|c| c.is_ascii_digit());
        // (`1。`: a number closed by a full stop, as some offices type it.)
        if matches!(sep, '.' | '、' | '．' | '。') && !next_is_digit {
            let n = parse_number(&s[..digits].iter().collect::<String>())?;
            return Some((LabelKind::ArabicDot, n, digits + 1));
        }
        return None;
    }
    // The numeral's chars, each maybe glossed in pinyin (a page printed
    // with ruby text: `一(yī)、`, `十(shí)二(èr)、`).
    let mut numeral = String::new();
    let mut at = 0;
    while numeral.chars().count() < 4 && s.get(at).is_some_and(|c| is_numeral_char(*c)) {
        numeral.push(s[at]);
        at += 1 + pinyin_gloss_len(&s[at + 1..]);
    }
    if !numeral.is_empty() && s.get(at) == Some(&'、') {
        let n = parse_number(&numeral)?;
        return Some((LabelKind::ChineseComma, n, at + 1));
    }
    None
}

/// Longest pinyin syllable of a gloss, in chars (`zhuang`).
const MAX_GLOSS_CHARS: usize = 6;

/// The length of a pinyin gloss in brackets at the start of `s` (width
/// folded): `(yī)`, a syllable of lower-case letters with its tone mark (a
/// numeral's syllables all carry one), as pages printed with ruby text give
/// it after a character; 0 if none.
fn pinyin_gloss_len(s: &[char]) -> usize {
    const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
    if s.first() != Some(&'(') {
        return 0;
    }
    let syllable = &s[1..];
    let letters = syllable
        .iter()
        .take_while(|c| c.is_ascii_lowercase() || TONED.contains(**c))
        .count();
    let toned = syllable[..letters].iter().any(|c| TONED.contains(*c));
    if toned && (1..=MAX_GLOSS_CHARS).contains(&letters) && s.get(1 + letters) == Some(&')') {
        letters + 2
    } else {
        0
    }
}

/// The one-char forms of `(1)` (`⑴` … `⒇`) and `1.` (`⒈` … `⒛`).
fn bracketed_or_dotted(c: char) -> Option<(LabelKind, u32)> {
    match c {
        '⑴'..='⒇' => Some((LabelKind::ArabicParen, c as u32 - '⑴' as u32 + 1)),
        '⒈'..='⒛' => Some((LabelKind::ArabicDot, c as u32 - '⒈' as u32 + 1)),
        _ => None,
    }
}

fn circled(c: char) -> Option<u32> {
    match c {
        '①'..='⑳' => Some(c as u32 - '①' as u32 + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(s: &str) -> Option<(LabelKind, u32, String, usize)> {
        parse_label(s).map(|l| (l.kind, l.ordinal, l.text, l.len))
    }

    #[test]
    fn pinyin_glosses_after_the_numeral() {
        assert_eq!(
            lab("一(yī)、實施創新驅動發展戰略"),
            Some((LabelKind::ChineseComma, 1, "一(yī)、".to_owned(), 6))
        );
        // Each char of a numeral glossed.
        assert_eq!(
            lab("十(shí)二（èr）、加强"),
            Some((
                LabelKind::ChineseComma,
                12,
                "十(shí)二（èr）、".to_owned(),
                12
            ))
        );
        // Not a gloss: upper case, no tone mark, too long, or no comma
        // after it.
        assert_eq!(lab("一(YI)、加强"), None);
        assert_eq!(lab("三(a)、加强"), None);
        assert_eq!(lab("一(yīīīīīī)、加强"), None);
        assert_eq!(lab("一(yī)加强"), None);
    }

    #[test]
    fn small_form_dots() {
        let l = parse_label("1﹒推进工业互联网").expect("a label");
        assert_eq!((l.kind, l.ordinal, l.len), (LabelKind::ArabicDot, 1, 2));
    }

    #[test]
    fn recognizes_each_form() {
        use LabelKind::*;
        assert_eq!(lab("一、全面"), Some((ChineseComma, 1, "一、".into(), 2)));
        assert_eq!(
            lab("二十四、某"),
            Some((ChineseComma, 24, "二十四、".into(), 4))
        );
        assert_eq!(
            lab("（一）加大"),
            Some((ChineseParen, 1, "（一）".into(), 3))
        );
        assert_eq!(
            lab("(十五)某"),
            Some((ChineseParen, 15, "(十五)".into(), 4))
        );
        assert_eq!(lab("1.抓实"), Some((ArabicDot, 1, "1.".into(), 2)));
        assert_eq!(lab("12．某"), Some((ArabicDot, 12, "12．".into(), 3)));
        assert_eq!(lab("3、某"), Some((ArabicDot, 3, "3、".into(), 2)));
        assert_eq!(lab("1。在某"), Some((ArabicDot, 1, "1。".into(), 2)));
        assert_eq!(lab("(37)按照"), Some((ArabicParen, 37, "(37)".into(), 4)));
        assert_eq!(lab("（５）某"), Some((ArabicParen, 5, "（５）".into(), 3)));
        assert_eq!(lab("②某"), Some((Circled, 2, "②".into(), 1)));
        assert_eq!(lab("⑴某"), Some((ArabicParen, 1, "⑴".into(), 1)));
        assert_eq!(lab("⒇某"), Some((ArabicParen, 20, "⒇".into(), 1)));
        assert_eq!(lab("⒉某"), Some((ArabicDot, 2, "⒉".into(), 1)));
        assert_eq!(lab("  一、x"), Some((ChineseComma, 1, "一、".into(), 4)));
    }

    #[test]
    fn rejects_non_labels() {
        for s in [
            "",
            "2024年6月",
            "1.5倍",
            "一是加强",
            "(此件公开发布)",
            "(室、局)",
            "省局机关",
            "(2023-2025年)",
        ] {
            assert_eq!(lab(s), None, "{s}");
        }
    }
}
