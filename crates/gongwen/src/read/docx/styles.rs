//! The numbering of paragraph styles, from `word/styles.xml`.
//!
//! Only four things are read: each `w:style`'s `w:styleId`, its
//! `w:basedOn`, and the `w:numId` and `w:ilvl` of its `w:numPr`. The part is
//! streamed from the ZIP member (under the same limits as every part) through
//! a small *tag scanner* rather than quick-xml: styles parts are large and
//! almost all of their markup is irrelevant (python-docx and LibreOffice
//! write some 350 KB and 12 000 elements), and the scanner finds the few
//! tags needed about four times faster than reading every event with
//! quick-xml, which dominated the reading time of a whole document.
//!
//! The scanner is not a validating parser. It finds tags by their `<`
//! (which XML allows nowhere else but in comments, CDATA sections,
//! processing instructions and DOCTYPEs, which it skips whole), reads the
//! attributes of the tags it needs (quoted values, predefined entities and
//! character references resolved), and ignores everything else. Malformed
//! markup it does not need is not reported; a part that ends inside a tag
//! or comment is [`Error::Corrupt`](crate::Error::Corrupt). Numbering in
//! tracked property changes (`w:pPrChange`) and in `mc:Choice` is ignored.

use std::collections::HashMap;
use std::io::{self, Read};
use std::ops::Range;

use super::{Member, Prefixes};
use crate::error::Result;

/// Most `w:basedOn` hops followed when looking for a style's numbering.
const MAX_STYLE_CHAIN: usize = 16;

/// First size of the scanner's buffer (it grows for longer tags).
const SCAN_BUFFER: usize = 32 << 10;

/// The numbering of the styles of `word/styles.xml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Styles {
    /// Styles by `w:styleId` (only those with a base or a numbering).
    pub(crate) map: HashMap<String, StyleNumbering>,
}

/// A style's own numbering properties and its base style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct StyleNumbering {
    /// `w:basedOn`.
    pub(crate) based_on: Option<String>,
    /// `w:pPr/w:numPr/w:numId`.
    pub(crate) num_id: Option<u32>,
    /// `w:pPr/w:numPr/w:ilvl`.
    pub(crate) ilvl: Option<u32>,
}

impl Styles {
    /// The numId and ilvl a style gives its paragraphs, following
    /// `w:basedOn` (a bounded number of hops; loops end there).
    pub(crate) fn numbering_of(&self, style: &str) -> (Option<u32>, Option<u32>) {
        let (mut num_id, mut ilvl) = (None, None);
        let mut id = style;
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(s) = self.map.get(id) else { break };
            num_id = num_id.or(s.num_id);
            ilvl = ilvl.or(s.ilvl);
            match &s.based_on {
                Some(base) if num_id.is_none() || ilvl.is_none() => id = base,
                _ => break,
            }
        }
        (num_id, ilvl)
    }
}

/// The tags the styles reader acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `w:style`.
    Style,
    /// `w:basedOn`.
    BasedOn,
    /// `w:numId`.
    NumId,
    /// `w:ilvl`.
    Ilvl,
    /// `w:pPrChange` and `mc:Choice`: subtrees ignored.
    Ignored,
}

/// The document's prefixes, as the scanner compares them.
struct Names {
    /// `w:` (empty for the default namespace).
    w: Vec<u8>,
    /// `mc:`.
    mc: Vec<u8>,
    /// `w:styleId` (the attribute).
    style_id: Vec<u8>,
    /// `w:val` (the attribute).
    val: Vec<u8>,
}

impl Names {
    /// The names under the given prefixes.
    fn new(p: &Prefixes) -> Self {
        let prefix = |p: &str| {
            if p.is_empty() {
                Vec::new()
            } else {
                format!("{p}:").into_bytes()
            }
        };
        let w = prefix(&p.w);
        Names {
            style_id: [w.as_slice(), b"styleId"].concat(),
            val: [w.as_slice(), b"val"].concat(),
            mc: prefix(&p.mc),
            w,
        }
    }

    /// What a tag name is to the reader.
    fn kind(&self, name: &[u8]) -> Option<Kind> {
        if let Some(local) = name.strip_prefix(self.w.as_slice()) {
            let kind = match local {
                b"style" => Kind::Style,
                b"basedOn" => Kind::BasedOn,
                b"numId" => Kind::NumId,
                b"ilvl" => Kind::Ilvl,
                b"pPrChange" => Kind::Ignored,
                _ => return None,
            };
            return Some(kind);
        }
        match name.strip_prefix(self.mc.as_slice()) {
            Some(b"Choice") => Some(Kind::Ignored),
            _ => None,
        }
    }
}

/// Reads the style numbering of `word/styles.xml`.
pub(crate) fn read_styles(member: Member<'_, '_>) -> Result<Styles> {
    let mut scan = Scanner::new(member);
    let mut styles = Styles::default();
    // The root element binds the prefixes.
    let names = loop {
        match scan.next(|_| true)? {
            Some(Tag::Start { attrs, .. }) => {
                let decls = attributes(&scan.buf[attrs]);
                let prefixes = Prefixes::from_declarations(decls.filter_map(|(k, v)| {
                    Some((std::str::from_utf8(k).ok()?, std::str::from_utf8(v).ok()?))
                }));
                break Names::new(&prefixes);
            }
            Some(_) => {}
            None => return Ok(styles),
        }
    };
    let mut current: Option<(String, StyleNumbering)> = None;
    // Depth inside ignored subtrees.
    let mut ignored = 0usize;
    while let Some(tag) = scan.next(|name| names.kind(name).is_some())? {
        let (name, attrs, opens, is_end) = match tag {
            Tag::Start { name, attrs, empty } => (name, attrs, !empty, false),
            Tag::End { name } => (name, 0..0, false, true),
            Tag::Unwanted => continue,
        };
        let Some(kind) = names.kind(&scan.buf[name]) else {
            continue;
        };
        let attrs = &scan.buf[attrs];
        match kind {
            Kind::Ignored if opens => ignored += 1,
            Kind::Ignored if is_end => ignored = ignored.saturating_sub(1),
            Kind::Ignored => {}
            Kind::Style => {
                if !is_end {
                    let id = attribute(attrs, &names.style_id);
                    current = Some((id.unwrap_or_default(), StyleNumbering::default()));
                }
                if !opens {
                    if let Some((id, s)) = current.take() {
                        let useful = s.based_on.is_some() || s.num_id.is_some() || s.ilvl.is_some();
                        if useful && !id.is_empty() {
                            styles.map.insert(id, s);
                        }
                    }
                }
            }
            _ if is_end || ignored > 0 => {}
            Kind::BasedOn | Kind::NumId | Kind::Ilvl => {
                let Some((_, s)) = current.as_mut() else {
                    continue;
                };
                let val = attribute(attrs, &names.val);
                let number = || val.as_deref().and_then(|v| v.trim().parse().ok());
                match kind {
                    Kind::NumId => s.num_id = number(),
                    Kind::Ilvl => s.ilvl = number(),
                    _ => s.based_on = val,
                }
            }
        }
    }
    Ok(styles)
}

/// One tag found by the [`Scanner`]; ranges index [`Scanner::buf`] and stay
/// valid until the next call.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tag {
    /// A start tag (`empty` for `<x/>`) with its attribute text.
    Start {
        /// The tag's name.
        name: Range<usize>,
        /// The text between the name and `>` (or `/>`).
        attrs: Range<usize>,
        /// Whether the tag closes itself.
        empty: bool,
    },
    /// An end tag.
    End {
        /// The tag's name.
        name: Range<usize>,
    },
    /// A tag the caller does not want (its attributes are not read).
    Unwanted,
}

/// A streaming scanner of XML tags over a ZIP member (see the module
/// documentation).
struct Scanner<'z, 'a> {
    /// The member.
    src: Member<'z, 'a>,
    /// Buffered bytes; `buf[pos..end]` is not scanned yet.
    buf: Vec<u8>,
    /// Next byte to scan.
    pos: usize,
    /// End of the buffered bytes.
    end: usize,
    /// Offset in the part of `buf[0]`, for errors.
    offset: u64,
    /// Whether the member is exhausted.
    eof: bool,
}

impl<'z, 'a> Scanner<'z, 'a> {
    /// A scanner at the start of `src`.
    fn new(src: Member<'z, 'a>) -> Self {
        Scanner {
            src,
            buf: vec![0; SCAN_BUFFER],
            pos: 0,
            end: 0,
            offset: 0,
            eof: false,
        }
    }

    /// Drops the bytes before `keep` and reads more; `false` at the end of
    /// the member. The buffer grows when a single construct fills it (its
    /// size stays bounded by the member's limits).
    fn fill(&mut self, keep: usize) -> Result<bool> {
        self.buf.copy_within(keep..self.end, 0);
        self.offset += keep as u64;
        self.end -= keep;
        self.pos = self.pos.saturating_sub(keep);
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.src.error(&e)),
            }
        }
    }

    /// The next tag, or `None` at the end of the part. `wanted` tells from
    /// a start tag's name whether its attributes are needed.
    fn next(&mut self, wanted: impl Fn(&[u8]) -> bool) -> Result<Option<Tag>> {
        loop {
            let Some(lt) = find(&self.buf[self.pos..self.end], b'<').map(|i| self.pos + i) else {
                self.pos = self.end;
                if !self.fill(self.end)? {
                    return Ok(None);
                }
                continue;
            };
            match self.markup(lt, &wanted) {
                Some((tag, next)) => {
                    self.pos = next;
                    match tag {
                        Some(tag) => return Ok(Some(tag)),
                        None => continue,
                    }
                }
                None if self.eof => {
                    let at = self.offset + lt as u64;
                    return Err(self
                        .src
                        .corrupt_at(at, "the part ends inside a tag; the file may be truncated"));
                }
                None => {
                    // Incomplete: keep it and read more.
                    self.fill(lt)?;
                }
            }
        }
    }

    /// Reads the markup at `buf[lt] == b'<'`: the tag (`None` for comments,
    /// CDATA, processing instructions and declarations) and where scanning
    /// goes on; `None` when the markup is not complete in the buffer.
    fn markup(&self, lt: usize, wanted: &impl Fn(&[u8]) -> bool) -> Option<(Option<Tag>, usize)> {
        let s = &self.buf[lt..self.end];
        let after = |pattern: &[u8], from: usize| {
            s.get(from..)?
                .windows(pattern.len())
                .position(|w| w == pattern)
                .map(|i| lt + from + i + pattern.len())
        };
        match *s.get(1)? {
            b'!' => {
                if s.len() < 9 && !self.eof {
                    return None;
                }
                let next = if s.starts_with(b"<!--") {
                    after(b"-->", 4)?
                } else if s.starts_with(b"<![CDATA[") {
                    after(b"]]>", 9)?
                } else {
                    // A declaration: `>` outside brackets and quotes.
                    lt + declaration_end(s)? + 1
                };
                Some((None, next))
            }
            b'?' => Some((None, after(b"?>", 2)?)),
            b'/' => {
                let gt = lt + find(s, b'>')?;
                let name = trim_range(&self.buf, lt + 2..gt);
                if !wanted(&self.buf[name.clone()]) {
                    return Some((Some(Tag::Unwanted), gt + 1));
                }
                Some((Some(Tag::End { name }), gt + 1))
            }
            _ => {
                let name_len = s[1..]
                    .iter()
                    .position(|&c| c == b'>' || c == b'/' || c.is_ascii_whitespace())?;
                let name = lt + 1..lt + 1 + name_len;
                if !wanted(&self.buf[name.clone()]) {
                    return Some((Some(Tag::Unwanted), name.end));
                }
                let gt = name.end + tag_end(&self.buf[name.end..self.end])?;
                let empty = gt > name.end && self.buf[gt - 1] == b'/';
                let attrs = name.end..if empty { gt - 1 } else { gt };
                Some((Some(Tag::Start { name, attrs, empty }), gt + 1))
            }
        }
    }
}

/// The first index of `byte` in `s`, eight bytes at a time.
fn find(s: &[u8], byte: u8) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pattern = LO * u64::from(byte);
    let mut chunks = s.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        let word = u64::from_le_bytes(bytes) ^ pattern;
        // The lowest byte of `word` that is zero sets the lowest high bit.
        let zero = word.wrapping_sub(LO) & !word & HI;
        if zero != 0 {
            return Some(base + (zero.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| c == byte)
        .map(|i| base + i)
}

/// `range` without surrounding ASCII white space.
fn trim_range(buf: &[u8], range: Range<usize>) -> Range<usize> {
    let s = &buf[range.clone()];
    let start = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let end = s.len()
        - s.iter()
            .rev()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
    range.start + start..range.start + end.max(start)
}

/// The index of the `>` ending a start tag's attributes (quotes respected).
fn tag_end(s: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &c) in s.iter().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The index of the `>` ending a `<!…>` declaration (brackets and quotes
/// respected).
fn declaration_end(s: &[u8]) -> Option<usize> {
    let mut quote = None;
    let mut depth = 0usize;
    for (i, &c) in s.iter().enumerate().skip(2) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'[') => depth += 1,
            (None, b']') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// The `name="value"` pairs of a tag's attribute text (raw values).
fn attributes(s: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let start = rest.iter().position(|c| !c.is_ascii_whitespace())?;
        rest = &rest[start..];
        let eq = find(rest, b'=')?;
        let key = &rest[..eq];
        let key = &key[..key.len()
            - key
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_whitespace())
                .count()];
        rest = &rest[eq + 1..];
        let q = rest.iter().position(|c| !c.is_ascii_whitespace())?;
        let quote = rest[q];
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        rest = &rest[q + 1..];
        let close = find(rest, quote)?;
        let value = &rest[..close];
        rest = &rest[close + 1..];
        Some((key, value))
    })
}

/// The value of the attribute `name` (or of its unprefixed local name),
/// with entities resolved; kept raw when an entity is unknown.
fn attribute(attrs: &[u8], name: &[u8]) -> Option<String> {
    let local = name
        .iter()
        .position(|&c| c == b':')
        .map_or(name, |i| &name[i + 1..]);
    let (_, raw) = attributes(attrs).find(|(k, _)| *k == name || *k == local)?;
    let raw = std::str::from_utf8(raw).ok()?;
    Some(match quick_xml::escape::unescape(raw) {
        Ok(v) => v.into_owned(),
        Err(_) => raw.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::tests::zip_of;
    use crate::read::docx::{Package, STYLES_PART};
    use crate::read::Limits;
    use std::cell::Cell as Counter;
    use std::path::Path;

    fn styles_of(xml: &str, limits: &Limits) -> Result<Styles> {
        let bytes = zip_of(&[(STYLES_PART, xml)]);
        let total = Counter::new(0);
        let mut package = Package::open(&bytes, Path::new("s.docx"), limits, &total)?;
        let member = package.member(STYLES_PART)?.expect("styles part");
        read_styles(member)
    }

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment with <w:style w:styleId="Fake"> inside -->
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">"#;

    #[test]
    fn reads_ids_bases_and_numbering() {
        let xml = format!(
            r#"{HEAD}
<w:docDefaults><w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="a &gt; b"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val=" 3 "/></w:numPr>
  <w:pPrChange w:id="1"><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:pPrChange></w:pPr>
</w:style>
<w:style w:styleId='Heading2' w:type="paragraph"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="A&amp;B"><w:basedOn w:val="Normal"/>
  <mc:AlternateContent><mc:Choice Requires="w14"><w:numPr><w:numId w:val="8"/></w:numPr></mc:Choice><mc:Fallback/></mc:AlternateContent></w:style>
<w:style w:type="character" w:styleId="Empty"/>
<![CDATA[ <w:style w:styleId="Cdata"><w:numId w:val="1"/></w:style> ]]>
</w:styles>"#
        );
        let s = styles_of(&xml, &Limits::default()).unwrap_or_default();
        assert_eq!(s.numbering_of("Heading1"), (Some(3), Some(0)));
        assert_eq!(s.numbering_of("Heading2"), (Some(3), Some(1)));
        assert_eq!(s.numbering_of("Normal"), (None, None));
        assert_eq!(s.numbering_of("A&B"), (None, None));
        assert!(s.map.contains_key("A&B"));
        assert!(!s.map.contains_key("Fake"));
        assert!(!s.map.contains_key("Cdata"));
        assert_eq!(s.map.len(), 3);
    }

    #[test]
    fn long_parts_cross_buffer_boundaries() {
        // Enough styles to refill the buffer many times, with a tag whose
        // attributes alone are larger than the first buffer.
        let mut xml = String::from(HEAD);
        let big = "x".repeat(SCAN_BUFFER * 3);
        xml.push_str(&format!(
            r#"<w:style w:styleId="Big" w:note="{big}"><w:basedOn w:val="S0"/></w:style>"#
        ));
        for i in 0..3000 {
            xml.push_str(&format!(
                r#"<w:style w:type="paragraph" w:styleId="S{i}"><w:rPr><w:sz w:val="24"/></w:rPr><w:pPr><w:numPr><w:numId w:val="{i}"/></w:numPr></w:pPr></w:style>"#
            ));
        }
        xml.push_str("</w:styles>");
        let s = styles_of(&xml, &Limits::default()).unwrap_or_default();
        assert_eq!(s.map.len(), 3001);
        assert_eq!(s.numbering_of("S2999"), (Some(2999), None));
        assert_eq!(s.numbering_of("Big"), (Some(0), None));
    }

    #[test]
    fn truncated_tag_is_corrupt_and_limits_hold() {
        let xml = format!(r#"{HEAD}<w:style w:styleId="X"><w:basedOn w:val="Y""#);
        let err = styles_of(&xml, &Limits::default()).err();
        assert!(
            matches!(&err, Some(crate::Error::Corrupt { part, .. }) if part.starts_with("word/styles.xml at byte")),
            "{err:?}"
        );
        let limits = Limits {
            max_part_size: 100,
            ..Limits::default()
        };
        let xml = format!("{HEAD}{}</w:styles>", " ".repeat(1000));
        assert!(matches!(
            styles_of(&xml, &limits),
            Err(crate::Error::Limit { .. })
        ));
    }

    #[test]
    fn attribute_text_is_split_into_pairs() {
        let pairs: Vec<(&[u8], &[u8])> = attributes(b" a=\"1\"  b = 'x>y' c=\"\"").collect();
        assert_eq!(
            pairs,
            vec![
                (&b"a"[..], &b"1"[..]),
                (&b"b"[..], &b"x>y"[..]),
                (&b"c"[..], &b""[..])
            ]
        );
        assert_eq!(
            attribute(b" w:val=\"&#x4E00;&lt;\"", b"w:val").as_deref(),
            Some("一<")
        );
        assert_eq!(
            attribute(b" w:val=\"&foo;\"", b"w:val").as_deref(),
            Some("&foo;")
        );
        assert_eq!(attributes(b" broken").count(), 0);
        assert_eq!(tag_end(b" a=\"x>\" b>rest"), Some(9));
        for i in 0..40 {
            let mut s = vec![b'a'; 40];
            s[i] = b'<';
            s[39] = b'<';
            assert_eq!(find(&s, b'<'), Some(i));
            assert_eq!(find(&s[..i], b'<'), None);
        }
        assert_eq!(find(&[0x80, 0xBC, 0x3C], b'<'), Some(2));
        assert_eq!(
            declaration_end(b"<!DOCTYPE x [ <!ENTITY e \">\"> ]>tail"),
            Some(31)
        );
    }
}
