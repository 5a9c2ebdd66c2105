//! Automatic numbering: the label Word shows before a numbered paragraph
//! (`一、`, `（1）`, `1.`, `①`), computed from `word/numbering.xml` and, for
//! numbering attached to paragraph styles, `word/styles.xml`.
//!
//! # How a label is found
//!
//! A paragraph is numbered by its own `w:numPr` (`w:numId`, `w:ilvl`) or by
//! the `w:numPr` of its paragraph style, following `w:basedOn` (the
//! paragraph's own values win, field by field). `w:numId` 0 means "not
//! numbered", also against a style. The `w:num` gives the abstract numbering
//! (`w:abstractNumId`, followed through one `w:numStyleLink`); the level is
//! the paragraph's `w:ilvl`, else the level whose `w:pStyle` is the
//! paragraph's style, else 0. The level definition (`w:start`, `w:numFmt`,
//! `w:lvlText`, `w:lvlRestart`, `w:isLgl`, `w:suff`) comes from the num's
//! `w:lvlOverride/w:lvl` if it has one, else from the abstract numbering.
//!
//! Counters are kept per abstract numbering and level, in document order
//! (cells and text boxes included), so two `w:num`s sharing an abstract
//! numbering continue one list — except a `w:num` with a `w:lvlOverride`
//! (`w:startOverride` or a whole `w:lvl`), which keeps its own counters,
//! starting at the override (Word's "restart numbering"). When a level advances, deeper
//! levels restart, unless their `w:lvlRestart` says otherwise (0: never;
//! `n`: only when a level up to `n`, 1-based, advances). `%1`…`%9` in
//! `w:lvlText` are replaced by the counters of those levels, each in its own
//! level's format (in decimal under `w:isLgl`); a level not used yet shows
//! its start value.
//!
//! Formats: `decimal`, `decimalZero`, `decimalFullWidth`,
//! `chineseCounting` (一 … 十 十一 … 九十九, digit by digit from 100:
//! 一〇〇), `chineseCountingThousand` (一百零一, 一千, 一万),
//! `chineseLegalSimplified` (壹贰叁), `ideographLegalTraditional`,
//! `ideographDigital` (一〇), `taiwaneseCounting`,
//! `taiwaneseCountingThousand`, `japaneseCounting`, `ideographTraditional`
//! (甲 … 癸), `ideographZodiac` (子 … 亥), `decimalEnclosedCircle` and
//! `decimalEnclosedCircleChinese` (① … ㊿), `decimalEnclosedParen` (⑴),
//! `decimalEnclosedFullstop` (⒈), `upperLetter`/`lowerLetter` (A … Z, AA),
//! `upperRoman`/`lowerRoman`. A `bullet` level gives no label; a `none`
//! level's number is empty (the rest of its `w:lvlText` stays). Numbers a
//! format cannot write (⑴ past 20, 甲 past 10, Roman past 3999) and unknown
//! formats are written in decimal.
//!
//! The label is joined to the paragraph's text directly (`一、全面提升`,
//! `（1）加强`, `①`), with one space when the level has a tab or space
//! suffix and the label ends in a letter, an ideograph or an ASCII digit
//! (`第一章 总则`, `Article 1 Scope`), where Word's tab would otherwise be
//! the only separator.
//!
//! # What it does not do
//!
//! No picture bullets, no `w:legacy` numbering, no numbering from the
//! default paragraph style of paragraphs without a `w:pStyle`, no list
//! numbering changed by tracked revisions, and no `custom` formats (they are
//! written in decimal). Parts are read lazily: `word/numbering.xml` on the
//! first paragraph with a `w:numPr` or a style, `word/styles.xml` on the
//! first paragraph whose numbering depends on a style.

use std::collections::HashMap;

use super::styles::{read_styles, Styles};
use super::{Ns, Package, Tok, Vocabulary, XmlPart, NUMBERING_PART, STYLES_PART};
use crate::error::Result;

/// Levels of a numbering definition (`w:ilvl` 0 to 8).
const LEVELS: usize = 9;

/// A paragraph's numbering properties, as written on the paragraph.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ParaNumbering<'s> {
    /// The paragraph style (`w:pStyle`).
    pub(crate) style: Option<&'s str>,
    /// `w:numPr/w:numId`.
    pub(crate) num_id: Option<u32>,
    /// `w:numPr/w:ilvl`.
    pub(crate) ilvl: Option<u32>,
}

/// The numbering definitions of a document and the running counters.
pub(crate) struct Numbering<'a> {
    /// The package the parts are read from, when first needed.
    package: Package<'a>,
    /// `word/numbering.xml`, once read (empty when the part is missing).
    defs: Option<Defs>,
    /// `word/styles.xml`, once read (empty when the part is missing).
    styles: Option<Styles>,
    /// Counters per list: abstract numbering id, and the num id for nums
    /// with a start override.
    lists: HashMap<(u32, Option<u32>), [Option<u32>; LEVELS]>,
}

impl<'a> Numbering<'a> {
    /// Numbering for a package; nothing is read yet.
    pub(crate) fn new(package: Package<'a>) -> Self {
        Numbering {
            package,
            defs: None,
            styles: None,
            lists: HashMap::new(),
        }
    }

    /// Numbering from already parsed definitions (for tests).
    #[cfg(test)]
    fn from_parts(package: Package<'a>, defs: Defs, styles: Styles) -> Self {
        Numbering {
            package,
            defs: Some(defs),
            styles: Some(styles),
            lists: HashMap::new(),
        }
    }

    /// Advances the counters for a paragraph and returns the text to put
    /// before it (the label and its separator), or `None` when the
    /// paragraph is not numbered or its level shows no label.
    pub(crate) fn label(&mut self, p: ParaNumbering<'_>) -> Result<Option<String>> {
        if p.num_id == Some(0) || (p.num_id.is_none() && p.style.is_none()) {
            return Ok(None);
        }
        if self.defs.is_none() {
            self.defs = Some(self.load_defs()?);
        }
        if self.defs.as_ref().is_none_or(|d| d.nums.is_empty()) {
            return Ok(None);
        }
        let (mut num_id, mut ilvl) = (p.num_id, p.ilvl);
        if let Some(style) = p.style {
            if num_id.is_none() || ilvl.is_none() {
                let (sn, si) = self.styles()?.numbering_of(style);
                num_id = num_id.or(sn);
                ilvl = ilvl.or(si);
            }
        }
        let Some(num_id) = num_id.filter(|&n| n != 0) else {
            return Ok(None);
        };
        // A numStyleLink needs the styles too.
        let link = {
            let Some(defs) = self.defs.as_ref() else {
                return Ok(None);
            };
            let Some(num) = defs.nums.get(&num_id) else {
                return Ok(None);
            };
            defs.abstracts
                .get(&num.abstract_id)
                .and_then(|a| a.num_style_link.clone())
        };
        let linked_num = match link {
            Some(style) => self.styles()?.numbering_of(&style).0,
            None => None,
        };
        let Some(defs) = self.defs.as_ref() else {
            return Ok(None);
        };
        let Some(num) = defs.nums.get(&num_id) else {
            return Ok(None);
        };
        let abstract_id = linked_num
            .and_then(|n| defs.nums.get(&n))
            .map_or(num.abstract_id, |n| n.abstract_id);
        let Some(abs) = defs.abstracts.get(&abstract_id) else {
            return Ok(None);
        };
        let level = match ilvl {
            Some(l) => l as usize,
            None => p
                .style
                .and_then(|s| {
                    abs.levels
                        .iter()
                        .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(s))
                })
                .unwrap_or(0),
        };
        if level >= LEVELS {
            return Ok(None);
        }
        let def = |l: usize| num.levels[l].as_ref().or(abs.levels[l].as_ref());
        let start = |l: usize| num.starts[l].or(def(l).map(|d| d.start)).unwrap_or(0);
        let Some(lvl) = def(level) else {
            return Ok(None);
        };
        let own = num.starts.iter().any(Option::is_some) || num.levels.iter().any(Option::is_some);
        let counters = self
            .lists
            .entry((abstract_id, own.then_some(num_id)))
            .or_insert([None; LEVELS]);
        counters[level] = Some(match counters[level] {
            None => start(level),
            Some(v) => v.saturating_add(1),
        });
        for (deeper, counter) in counters.iter_mut().enumerate().skip(level + 1) {
            let restart = def(deeper).and_then(|d| d.restart).unwrap_or(deeper as u32);
            if restart != 0 && (level as u32) < restart {
                *counter = None;
            }
        }
        if lvl.fmt == NumFmt::Bullet {
            return Ok(None);
        }
        let Some(template) = lvl.text.as_deref() else {
            return Ok(None);
        };
        let mut label = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            let placeholder = match (c, chars.peek()) {
                ('%', Some(&d @ '1'..='9')) => Some(d as usize - '1' as usize),
                _ => None,
            };
            let Some(l) = placeholder else {
                label.push(c);
                continue;
            };
            chars.next();
            let value = counters[l].unwrap_or_else(|| start(l));
            let fmt = if lvl.legal && l < level {
                NumFmt::Decimal
            } else {
                def(l).map_or(NumFmt::Decimal, |d| d.fmt)
            };
            format_number(&mut label, value, fmt);
        }
        if label.trim().is_empty() {
            return Ok(None);
        }
        let spaced = lvl.suffix != Suffix::Nothing
            && label
                .chars()
                .last()
                .is_some_and(|c| c.is_alphabetic() || c.is_ascii_digit());
        if spaced {
            label.push(' ');
        }
        Ok(Some(label))
    }

    /// The styles, read on first use.
    fn styles(&mut self) -> Result<&Styles> {
        if self.styles.is_none() {
            let styles = match self.package.member(STYLES_PART)? {
                Some(member) => read_styles(member)?,
                None => Styles::default(),
            };
            self.styles = Some(styles);
        }
        Ok(self.styles.get_or_insert_with(Styles::default))
    }

    /// Reads `word/numbering.xml` (empty definitions when it is missing).
    fn load_defs(&mut self) -> Result<Defs> {
        match self.package.part(NUMBERING_PART)? {
            Some(mut part) => parse_numbering(&mut part),
            None => Ok(Defs::default()),
        }
    }
}

/// The definitions of `word/numbering.xml`.
#[derive(Debug, Clone, Default, PartialEq)]
struct Defs {
    /// `w:abstractNum` by `w:abstractNumId`.
    abstracts: HashMap<u32, Abstract>,
    /// `w:num` by `w:numId`.
    nums: HashMap<u32, Num>,
}

/// An abstract numbering (`w:abstractNum`).
#[derive(Debug, Clone, Default, PartialEq)]
struct Abstract {
    /// Level definitions by `w:ilvl`.
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the numbering style that holds the real definition.
    num_style_link: Option<String>,
}

/// A numbering instance (`w:num`).
#[derive(Debug, Clone, Default, PartialEq)]
struct Num {
    /// `w:abstractNumId`.
    abstract_id: u32,
    /// `w:lvlOverride/w:startOverride` by level.
    starts: [Option<u32>; LEVELS],
    /// `w:lvlOverride/w:lvl` by level.
    levels: [Option<Level>; LEVELS],
}

/// A level definition (`w:lvl`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Level {
    /// `w:start` (0 when absent, as the standard says).
    start: u32,
    /// `w:numFmt`.
    fmt: NumFmt,
    /// `w:lvlText`; `None` when absent (no label).
    text: Option<String>,
    /// `w:lvlRestart`.
    restart: Option<u32>,
    /// `w:isLgl`: other levels' numbers in decimal.
    legal: bool,
    /// `w:suff`.
    suffix: Suffix,
    /// `w:pStyle`: the paragraph style linked to this level.
    style: Option<String>,
}

/// What follows a label (`w:suff`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Suffix {
    /// A tab (the default).
    #[default]
    Tab,
    /// A space.
    Space,
    /// Nothing.
    Nothing,
}

/// A number format (`w:numFmt`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum NumFmt {
    /// 1, 2, 3 (also the fallback for unknown formats).
    #[default]
    Decimal,
    /// 01, 02 … 10.
    DecimalZero,
    /// Full-width digits: １, ２.
    DecimalFullWidth,
    /// 一 … 十, 十一 … 九十九; digit by digit from 100.
    ChineseCounting,
    /// 一 … 十, 一百零一, 一千, 一万.
    ChineseCountingThousand,
    /// 壹, 贰, 壹拾.
    ChineseLegalSimplified,
    /// 壹, 貳, 壹拾 (traditional).
    IdeographLegalTraditional,
    /// Digit by digit: 一〇.
    IdeographDigital,
    /// 甲, 乙, 丙 … 癸.
    IdeographTraditional,
    /// 子, 丑, 寅 … 亥.
    IdeographZodiac,
    /// ①, ②.
    EnclosedCircle,
    /// ⑴, ⑵.
    EnclosedParen,
    /// ⒈, ⒉.
    EnclosedFullstop,
    /// A, B … Z, AA.
    UpperLetter,
    /// a, b … z, aa.
    LowerLetter,
    /// I, II, III.
    UpperRoman,
    /// i, ii, iii.
    LowerRoman,
    /// A bullet: no label.
    Bullet,
    /// No number.
    None,
}

impl NumFmt {
    /// The format named by a `w:numFmt` value.
    fn parse(name: &str) -> Self {
        match name {
            "decimal" | "decimalHalfWidth" | "ordinal" | "cardinalText" | "ordinalText" => {
                NumFmt::Decimal
            }
            "decimalZero" => NumFmt::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => NumFmt::DecimalFullWidth,
            "chineseCounting" | "taiwaneseCounting" => NumFmt::ChineseCounting,
            "chineseCountingThousand" | "taiwaneseCountingThousand" | "japaneseCounting" => {
                NumFmt::ChineseCountingThousand
            }
            "chineseLegalSimplified" => NumFmt::ChineseLegalSimplified,
            "ideographLegalTraditional" => NumFmt::IdeographLegalTraditional,
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
                NumFmt::IdeographDigital
            }
            "ideographTraditional" => NumFmt::IdeographTraditional,
            "ideographZodiac" => NumFmt::IdeographZodiac,
            "decimalEnclosedCircle"
            | "decimalEnclosedCircleChinese"
            | "ideographEnclosedCircle" => NumFmt::EnclosedCircle,
            "decimalEnclosedParen" => NumFmt::EnclosedParen,
            "decimalEnclosedFullstop" => NumFmt::EnclosedFullstop,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            _ => NumFmt::Decimal,
        }
    }
}

/// Chinese digits 〇 to 九.
const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// Financial (legal) digits, simplified.
const CN_LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/// Financial (legal) digits, traditional.
const TW_LEGAL_DIGITS: [char; 10] = ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'];
/// Heavenly stems.
const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
/// Earthly branches.
const BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// How a Chinese number with units is written.
struct CnStyle {
    /// Digits 0 to 9 (index 0 unused inside numbers).
    digits: [char; 10],
    /// 十, 百, 千.
    units: [char; 3],
    /// 万, 亿.
    big: [char; 2],
    /// The zero written between non-zero digits.
    zero: char,
    /// Whether 一十 at the start is shortened to 十.
    short_ten: bool,
}

/// 一百零一, 十五.
const CN_COUNTING: CnStyle = CnStyle {
    digits: CN_DIGITS,
    units: ['十', '百', '千'],
    big: ['万', '亿'],
    zero: '零',
    short_ten: true,
};
/// 壹佰零壹, 壹拾伍.
const CN_LEGAL: CnStyle = CnStyle {
    digits: CN_LEGAL_DIGITS,
    units: ['拾', '佰', '仟'],
    big: ['万', '亿'],
    zero: '零',
    short_ten: false,
};
/// 壹佰零壹 (traditional).
const TW_LEGAL: CnStyle = CnStyle {
    digits: TW_LEGAL_DIGITS,
    units: ['拾', '佰', '仟'],
    big: ['萬', '億'],
    zero: '零',
    short_ten: false,
};

/// Appends `n` written in `fmt` to `out`.
fn format_number(out: &mut String, n: u32, fmt: NumFmt) {
    let nth = |table: &[char]| {
        n.checked_sub(1)
            .and_then(|i| table.get(i as usize))
            .copied()
    };
    let offset = |first: u32, last: u32, base: u32| {
        (first..=last)
            .contains(&n)
            .then(|| char::from_u32(base + n - first))
            .flatten()
    };
    match fmt {
        NumFmt::Decimal => push_decimal(out, n),
        NumFmt::DecimalZero => {
            if n < 10 {
                out.push('0');
            }
            push_decimal(out, n);
        }
        NumFmt::DecimalFullWidth => {
            for d in n.to_string().bytes() {
                out.push(char::from_u32(0xFF10 + u32::from(d - b'0')).unwrap_or('０'));
            }
        }
        NumFmt::ChineseCounting if n >= 100 => push_digits(out, n, &CN_DIGITS),
        NumFmt::ChineseCounting | NumFmt::ChineseCountingThousand => {
            push_chinese(out, n, &CN_COUNTING)
        }
        NumFmt::ChineseLegalSimplified => push_chinese(out, n, &CN_LEGAL),
        NumFmt::IdeographLegalTraditional => push_chinese(out, n, &TW_LEGAL),
        NumFmt::IdeographDigital => push_digits(out, n, &CN_DIGITS),
        NumFmt::IdeographTraditional => match nth(&STEMS) {
            Some(c) => out.push(c),
            None => push_decimal(out, n),
        },
        NumFmt::IdeographZodiac => match nth(&BRANCHES) {
            Some(c) => out.push(c),
            None => push_decimal(out, n),
        },
        NumFmt::EnclosedCircle => {
            let c = offset(1, 20, 0x2460)
                .or_else(|| offset(21, 35, 0x3251))
                .or_else(|| offset(36, 50, 0x32B1));
            match c {
                Some(c) => out.push(c),
                None => push_decimal(out, n),
            }
        }
        NumFmt::EnclosedParen => match offset(1, 20, 0x2474) {
            Some(c) => out.push(c),
            None => {
                out.push('(');
                push_decimal(out, n);
                out.push(')');
            }
        },
        NumFmt::EnclosedFullstop => match offset(1, 20, 0x2488) {
            Some(c) => out.push(c),
            None => {
                push_decimal(out, n);
                out.push('.');
            }
        },
        NumFmt::UpperLetter | NumFmt::LowerLetter => {
            if n == 0 {
                return push_decimal(out, n);
            }
            let base = if fmt == NumFmt::UpperLetter {
                b'A'
            } else {
                b'a'
            };
            let letter = char::from(base + ((n - 1) % 26) as u8);
            // Word repeats the letter: Z, AA, BB … ZZ, AAA. Bounded by the
            // counter (a label of more than a few letters is pathological).
            let times = ((n - 1) / 26 + 1).min(64);
            for _ in 0..times {
                out.push(letter);
            }
        }
        NumFmt::UpperRoman | NumFmt::LowerRoman => {
            if n == 0 || n > 3999 {
                return push_decimal(out, n);
            }
            push_roman(out, n, fmt == NumFmt::LowerRoman);
        }
        NumFmt::Bullet | NumFmt::None => {}
    }
}

/// Appends `n` in ASCII digits.
fn push_decimal(out: &mut String, n: u32) {
    use std::fmt::Write;
    let _ = write!(out, "{n}");
}

/// Appends `n` digit by digit with `digits` (一〇〇).
fn push_digits(out: &mut String, n: u32, digits: &[char; 10]) {
    for d in n.to_string().bytes() {
        out.push(digits[usize::from(d - b'0')]);
    }
}

/// Appends `n` as a Chinese number with units (一百零一, 一万零五百).
fn push_chinese(out: &mut String, n: u32, style: &CnStyle) {
    if n == 0 {
        out.push(style.digits[0]);
        return;
    }
    let start = out.len();
    let groups = [n / 100_000_000, n / 10_000 % 10_000, n % 10_000];
    let big = [Some(style.big[1]), Some(style.big[0]), None];
    let mut written = false;
    // Whether a zero is owed before the next non-zero group.
    let mut gap = false;
    for (group, unit) in groups.into_iter().zip(big) {
        if group == 0 {
            gap |= written;
            continue;
        }
        if written && (gap || group < 1000) {
            out.push(style.zero);
        }
        push_chinese_group(out, group, style);
        if let Some(u) = unit {
            out.push(u);
        }
        written = true;
        gap = false;
    }
    if style.short_ten {
        let one_ten: String = [style.digits[1], style.units[0]].iter().collect();
        if out[start..].starts_with(&one_ten) {
            out.replace_range(start..start + style.digits[1].len_utf8(), "");
        }
    }
}

/// Appends `n` (1 to 9999) with 千, 百, 十 and inner zeros.
fn push_chinese_group(out: &mut String, n: u32, style: &CnStyle) {
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = [
        Some(style.units[2]),
        Some(style.units[1]),
        Some(style.units[0]),
        None,
    ];
    let mut started = false;
    let mut zero = false;
    for (d, unit) in digits.into_iter().zip(units) {
        if d == 0 {
            zero |= started;
            continue;
        }
        if zero {
            out.push(style.zero);
            zero = false;
        }
        out.push(style.digits[d as usize]);
        if let Some(u) = unit {
            out.push(u);
        }
        started = true;
    }
}

/// Appends `n` (1 to 3999) in Roman numerals.
fn push_roman(out: &mut String, mut n: u32, lower: bool) {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    for (value, symbol) in TABLE {
        while n >= value {
            if lower {
                out.push_str(&symbol.to_ascii_lowercase());
            } else {
                out.push_str(symbol);
            }
            n -= value;
        }
    }
}

/// The elements of `word/numbering.xml` that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// `w:abstractNum` (attribute `w:abstractNumId`).
    AbstractNum,
    /// `w:lvl` (attribute `w:ilvl`).
    Lvl,
    /// `w:start`.
    Start,
    /// `w:numFmt`.
    NumFmt,
    /// `w:lvlText`.
    LvlText,
    /// `w:lvlRestart`.
    LvlRestart,
    /// `w:isLgl`.
    IsLgl,
    /// `w:suff`.
    Suff,
    /// `w:pStyle`.
    PStyle,
    /// `w:numStyleLink`.
    NumStyleLink,
    /// `w:num` (attribute `w:numId`).
    Num,
    /// `w:abstractNumId`.
    AbstractNumId,
    /// `w:lvlOverride` (attribute `w:ilvl`).
    LvlOverride,
    /// `w:startOverride`.
    StartOverride,
    /// Subtrees never read: run properties of levels, tracked property
    /// changes, picture bullets, and `mc:Choice` (the `mc:Fallback` is read
    /// instead).
    Skipped,
    /// Anything else (descended into).
    Other,
}

impl Vocabulary for Tag {
    fn classify(ns: Ns, local: &str) -> Self {
        match ns {
            Ns::W => match local {
                "abstractNum" => Tag::AbstractNum,
                "lvl" => Tag::Lvl,
                "start" => Tag::Start,
                "numFmt" => Tag::NumFmt,
                "lvlText" => Tag::LvlText,
                "lvlRestart" => Tag::LvlRestart,
                "isLgl" => Tag::IsLgl,
                "suff" => Tag::Suff,
                "pStyle" => Tag::PStyle,
                "numStyleLink" => Tag::NumStyleLink,
                "num" => Tag::Num,
                "abstractNumId" => Tag::AbstractNumId,
                "lvlOverride" => Tag::LvlOverride,
                "startOverride" => Tag::StartOverride,
                "rPr" | "pPrChange" | "rPrChange" | "numPicBullet" => Tag::Skipped,
                _ => Tag::Other,
            },
            Ns::Mc if local == "Choice" => Tag::Skipped,
            _ => Tag::Other,
        }
    }

    fn attribute(self) -> Option<&'static str> {
        match self {
            Tag::AbstractNum => Some("abstractNumId"),
            Tag::Lvl | Tag::LvlOverride => Some("ilvl"),
            Tag::Num => Some("numId"),
            Tag::Start
            | Tag::NumFmt
            | Tag::LvlText
            | Tag::LvlRestart
            | Tag::IsLgl
            | Tag::Suff
            | Tag::PStyle
            | Tag::NumStyleLink
            | Tag::AbstractNumId
            | Tag::StartOverride => Some("val"),
            Tag::Skipped | Tag::Other => None,
        }
    }
}

/// One tag inside an element being read: its kind and whether it opened a
/// subtree. `None` when the element ended.
fn child(part: &mut XmlPart<'_, '_>, depth: &mut usize, what: &str) -> Result<Option<(Tag, bool)>> {
    loop {
        match part.next::<Tag>()? {
            Tok::Start(Tag::Skipped) => part.skip()?,
            Tok::Start(t) => {
                *depth += 1;
                return Ok(Some((t, true)));
            }
            Tok::Empty(t) => return Ok(Some((t, false))),
            Tok::End(_) if *depth == 0 => return Ok(None),
            Tok::End(_) => *depth -= 1,
            Tok::Eof => return Err(part.truncated(what)),
            Tok::Other => {}
        }
    }
}

/// Reads `word/numbering.xml`.
fn parse_numbering(part: &mut XmlPart<'_, '_>) -> Result<Defs> {
    let mut defs = Defs::default();
    loop {
        match part.next::<Tag>()? {
            Tok::Start(Tag::AbstractNum) => {
                let id = part.val_u32();
                let abs = parse_abstract(part)?;
                if let Some(id) = id {
                    defs.abstracts.insert(id, abs);
                }
            }
            Tok::Start(Tag::Num) => {
                let id = part.val_u32();
                let num = parse_num(part)?;
                if let Some(id) = id {
                    defs.nums.insert(id, num);
                }
            }
            Tok::Start(Tag::Skipped) => part.skip()?,
            Tok::Eof => return Ok(defs),
            _ => {}
        }
    }
}

/// Reads a `w:abstractNum` after its start tag.
fn parse_abstract(part: &mut XmlPart<'_, '_>) -> Result<Abstract> {
    let mut abs = Abstract::default();
    let mut depth = 0;
    while let Some((tag, opened)) = child(part, &mut depth, "<w:abstractNum>")? {
        match tag {
            Tag::Lvl if opened => {
                let ilvl = part.val_u32();
                depth -= 1;
                let level = parse_level(part)?;
                if let Some(slot) = ilvl.and_then(|l| abs.levels.get_mut(l as usize)) {
                    *slot = Some(level);
                }
            }
            Tag::NumStyleLink => abs.num_style_link = part.val().map(str::to_owned),
            _ => {}
        }
    }
    Ok(abs)
}

/// Reads a `w:lvl` after its start tag.
fn parse_level(part: &mut XmlPart<'_, '_>) -> Result<Level> {
    let mut level = Level::default();
    let mut depth = 0;
    while let Some((tag, _)) = child(part, &mut depth, "<w:lvl>")? {
        match tag {
            Tag::Start => level.start = part.val_u32().unwrap_or(0),
            Tag::NumFmt => level.fmt = NumFmt::parse(part.val().unwrap_or("decimal")),
            Tag::LvlText => level.text = part.val().map(|_| part.val.clone()),
            Tag::LvlRestart => level.restart = part.val_u32(),
            Tag::IsLgl => level.legal = !matches!(part.val(), Some("0" | "false" | "off")),
            Tag::Suff => {
                level.suffix = match part.val() {
                    Some("space") => Suffix::Space,
                    Some("nothing") => Suffix::Nothing,
                    _ => Suffix::Tab,
                }
            }
            Tag::PStyle => level.style = part.val().map(str::to_owned),
            _ => {}
        }
    }
    Ok(level)
}

/// Reads a `w:num` after its start tag.
fn parse_num(part: &mut XmlPart<'_, '_>) -> Result<Num> {
    let mut num = Num::default();
    let mut depth = 0;
    // The level of the `w:lvlOverride` being read, with its depth.
    let mut over: Option<(usize, usize)> = None;
    while let Some((tag, opened)) = child(part, &mut depth, "<w:num>")? {
        if over.is_some_and(|(_, d)| depth < d) {
            over = None;
        }
        match tag {
            Tag::AbstractNumId => num.abstract_id = part.val_u32().unwrap_or(u32::MAX),
            Tag::LvlOverride if opened => {
                over = part
                    .val_u32()
                    .map(|l| l as usize)
                    .filter(|&l| l < LEVELS)
                    .map(|l| (l, depth));
            }
            Tag::StartOverride => {
                if let Some((l, _)) = over {
                    num.starts[l] = part.val_u32();
                }
            }
            Tag::Lvl if opened => {
                depth -= 1;
                let level = parse_level(part)?;
                if let Some((l, _)) = over {
                    num.levels[l] = Some(level);
                }
            }
            _ => {}
        }
    }
    Ok(num)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::styles::StyleNumbering;

    fn fmt(n: u32, f: NumFmt) -> String {
        let mut s = String::new();
        format_number(&mut s, n, f);
        s
    }

    #[test]
    fn chinese_counting() {
        let f = NumFmt::ChineseCounting;
        let got: Vec<String> = [1, 2, 9, 10, 11, 19, 20, 24, 99]
            .iter()
            .map(|&n| fmt(n, f))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "二",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十四",
                "九十九"
            ]
        );
        assert_eq!(fmt(100, f), "一〇〇");
        assert_eq!(fmt(0, f), "〇");
    }

    #[test]
    fn chinese_counting_thousand() {
        let f = NumFmt::ChineseCountingThousand;
        let cases = [
            (1, "一"),
            (10, "十"),
            (15, "十五"),
            (24, "二十四"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (999, "九百九十九"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (10_000, "一万"),
            (10_001, "一万零一"),
            (100_000, "十万"),
            (101_000, "十万一千"),
            (1_000_000, "一百万"),
            (100_000_001, "一亿零一"),
            (100_010_000, "一亿零一万"),
        ];
        for (n, want) in cases {
            assert_eq!(fmt(n, f), want, "{n}");
        }
        assert_eq!(fmt(15, NumFmt::ChineseLegalSimplified), "壹拾伍");
        assert_eq!(fmt(203, NumFmt::IdeographLegalTraditional), "貳佰零參");
        assert_eq!(fmt(10, NumFmt::IdeographDigital), "一〇");
    }

    #[test]
    fn other_formats() {
        assert_eq!(fmt(1, NumFmt::IdeographTraditional), "甲");
        assert_eq!(fmt(10, NumFmt::IdeographTraditional), "癸");
        assert_eq!(fmt(11, NumFmt::IdeographTraditional), "11");
        assert_eq!(fmt(12, NumFmt::IdeographZodiac), "亥");
        assert_eq!(fmt(1, NumFmt::EnclosedCircle), "①");
        assert_eq!(fmt(20, NumFmt::EnclosedCircle), "⑳");
        assert_eq!(fmt(21, NumFmt::EnclosedCircle), "㉑");
        assert_eq!(fmt(50, NumFmt::EnclosedCircle), "㊿");
        assert_eq!(fmt(51, NumFmt::EnclosedCircle), "51");
        assert_eq!(fmt(3, NumFmt::EnclosedParen), "⑶");
        assert_eq!(fmt(21, NumFmt::EnclosedParen), "(21)");
        assert_eq!(fmt(3, NumFmt::EnclosedFullstop), "⒊");
        assert_eq!(fmt(1, NumFmt::UpperLetter), "A");
        assert_eq!(fmt(26, NumFmt::LowerLetter), "z");
        assert_eq!(fmt(28, NumFmt::UpperLetter), "BB");
        assert_eq!(fmt(1994, NumFmt::UpperRoman), "MCMXCIV");
        assert_eq!(fmt(4, NumFmt::LowerRoman), "iv");
        assert_eq!(fmt(4000, NumFmt::LowerRoman), "4000");
        assert_eq!(fmt(7, NumFmt::DecimalZero), "07");
        assert_eq!(fmt(12, NumFmt::DecimalFullWidth), "１２");
        assert_eq!(fmt(u32::MAX, NumFmt::UpperLetter).len(), 64);
        assert_eq!(fmt(3, NumFmt::None), "");
        assert_eq!(NumFmt::parse("somethingNew"), NumFmt::Decimal);
        assert_eq!(NumFmt::parse("bullet"), NumFmt::Bullet);
    }

    /// Counters, restarts, overrides and the numStyleLink hop, on
    /// definitions built by hand.
    #[test]
    fn counters_restart_and_overrides() {
        let level = |fmt: NumFmt, text: &str| Level {
            start: 1,
            fmt,
            text: Some(text.to_owned()),
            ..Default::default()
        };
        let mut abs = Abstract::default();
        abs.levels[0] = Some(level(NumFmt::ChineseCounting, "%1、"));
        abs.levels[1] = Some(level(NumFmt::Decimal, "（%2）"));
        abs.levels[2] = Some(Level {
            restart: Some(0),
            legal: true,
            ..level(NumFmt::Decimal, "%1.%2.%3")
        });
        abs.levels[3] = Some(level(NumFmt::Decimal, "%1.%2.%4"));
        let mut defs = Defs::default();
        defs.abstracts.insert(5, abs);
        defs.nums.insert(
            1,
            Num {
                abstract_id: 5,
                ..Default::default()
            },
        );
        defs.nums.insert(
            2,
            Num {
                abstract_id: 5,
                ..Default::default()
            },
        );
        let mut restarted = Num {
            abstract_id: 5,
            ..Default::default()
        };
        restarted.starts[0] = Some(7);
        defs.nums.insert(3, restarted);
        let mut styles = Styles::default();
        styles.map.insert(
            "Heading1".to_owned(),
            StyleNumbering {
                num_id: Some(1),
                ilvl: Some(0),
                based_on: None,
            },
        );
        let bytes = crate::read::docx::tests::zip_of(&[("x", "")]);
        let limits = crate::read::Limits::default();
        let total = std::cell::Cell::new(0);
        let path = std::path::Path::new("t.docx");
        let Ok(package) = Package::open(&bytes, path, &limits, &total) else {
            panic!("zip opens");
        };
        let mut n = Numbering::from_parts(package, defs, styles);
        let mut label = |style: Option<&str>, num_id: Option<u32>, ilvl: Option<u32>| {
            n.label(ParaNumbering {
                style,
                num_id,
                ilvl,
            })
            .ok()
            .flatten()
            .unwrap_or_default()
        };
        assert_eq!(label(None, Some(1), Some(0)), "一、");
        assert_eq!(label(None, Some(1), Some(1)), "（1）");
        // isLgl writes every level in decimal; without it %1 takes level 0's
        // format. A tab suffix after a digit becomes a space.
        assert_eq!(label(None, Some(1), Some(2)), "1.1.1 ");
        assert_eq!(label(None, Some(1), Some(3)), "一.1.1 ");
        // num 2 shares abstract 5: the list goes on.
        assert_eq!(label(None, Some(2), Some(1)), "（2）");
        // From the style.
        assert_eq!(label(Some("Heading1"), None, None), "二、");
        assert_eq!(label(None, Some(1), Some(1)), "（1）");
        // Level 2 never restarts (lvlRestart 0).
        assert_eq!(label(None, Some(1), Some(2)), "2.1.2 ");
        // numId 0 switches numbering off, also against a style.
        assert_eq!(label(Some("Heading1"), Some(0), None), "");
        // A num with a start override keeps its own counters.
        assert_eq!(label(None, Some(3), Some(0)), "七、");
        assert_eq!(label(None, Some(1), Some(0)), "三、");
        // Unknown num, unknown level.
        assert_eq!(label(None, Some(99), Some(0)), "");
        assert_eq!(label(None, Some(1), Some(12)), "");
    }
}
