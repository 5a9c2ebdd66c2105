//! Which encoding a web page's bytes are in, and decoding them.
//!
//! The order, first match wins:
//!
//! 1. a byte order mark: UTF-8, UTF-16LE or UTF-16BE (the mark is removed);
//! 2. a declaration in the first [`PRESCAN_BYTES`] bytes: `<meta charset=…>`
//!    or `<meta http-equiv="Content-Type" content="…; charset=…">`, found
//!    by a simplified form of the WHATWG *prescan* (comments and other tags
//!    are skipped, attributes may be quoted or not) and mapped to an
//!    encoding with [`Encoding::for_label`], so `gb2312`, `gbk` and `x-gbk`
//!    all give GBK (decoded as by browsers: GBK's decoder accepts all of
//!    GB18030). As in browsers, a declared UTF-16 means UTF-8 and
//!    `x-user-defined` means windows-1252. **One exception:** when the
//!    declared encoding is not UTF-8 but the bytes are valid UTF-8 and hold
//!    non-ASCII characters, the page is read as UTF-8. Pages saved again by
//!    crawlers and editors keep their old `charset=gb2312` while their bytes
//!    became UTF-8; valid UTF-8 of more than a few Chinese characters is
//!    practically never GBK text;
//! 3. UTF-8, when the bytes are valid UTF-8 (pure ASCII included);
//! 4. otherwise a guess by `chardetng` (the detector Firefox uses for
//!    unlabelled legacy pages) over the first [`GUESS_BYTES`] bytes. It
//!    tells GBK from Big5 (traditional-script pages) reliably, even on a
//!    line of text; a fixed GB18030 default would turn every Big5 page into
//!    mojibake. No top-level-domain hint is given: the `.cn` hint makes it
//!    answer GBK for Big5 bytes too. Because gongwen reads Chinese notices,
//!    a guess other than GBK, GB18030 or Big5 (a few characters of GBK can
//!    look like windows-1252 or EUC-KR to the detector) is replaced by GBK,
//!    or else Big5, when the sample decodes without error in it.
//!
//! Malformed byte sequences become U+FFFD (encoding_rs does that); they are
//! not an error. The reported name is the encoding's WHATWG name
//! (`"UTF-8"`, `"GBK"`, `"gb18030"`, `"Big5"`, `"UTF-16LE"` …).
//!
//! Not done: HTTP `Content-Type` headers (there are none for a file),
//! `<?xml encoding=…?>` declarations, and changing the encoding when a
//! declaration turns up after the first [`PRESCAN_BYTES`] bytes.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// How many leading bytes are searched for a `<meta>` charset declaration.
pub const PRESCAN_BYTES: usize = 4096;

/// How many leading bytes the encoding guesser looks at.
pub use crate::read::decode::GUESS_BYTES;

/// Decodes a page: the text (without a byte order mark) and the encoding
/// used. See the [module documentation](self) for the rules.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static Encoding) {
    let (encoding, skip) = sniff(bytes);
    let body = bytes.get(skip..).unwrap_or_default();
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    (text, encoding)
}

/// The encoding of `bytes` and the length of its byte order mark (0 when
/// it has none).
pub fn sniff(bytes: &[u8]) -> (&'static Encoding, usize) {
    if let Some((encoding, len)) = Encoding::for_bom(bytes) {
        return (encoding, len);
    }
    let utf8 = || std::str::from_utf8(bytes).is_ok();
    let head = bytes.get(..PRESCAN_BYTES).unwrap_or(bytes);
    if let Some(declared) = prescan(head) {
        if declared != encoding_rs::UTF_8 && !bytes.is_ascii() && utf8() {
            return (encoding_rs::UTF_8, 0);
        }
        return (declared, 0);
    }
    if utf8() {
        return (encoding_rs::UTF_8, 0);
    }
    (crate::read::decode::guess_legacy(bytes), 0)
}

/// The encoding declared by the first `<meta>` tag of `head` that declares
/// a known one, as the WHATWG prescan would find it.
pub fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i = find(head, i + 4, b"-->").map_or(head.len(), |end| end + 3);
            continue;
        }
        if rest.first() != Some(&b'<') {
            i += 1;
            continue;
        }
        let next = rest.get(1).copied().unwrap_or(b' ');
        if starts_with_ignore_case(&rest[1..], b"meta")
            && rest
                .get(5)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            i += 5;
            if let Some(encoding) = meta_encoding(head, &mut i) {
                return Some(encoding);
            }
        } else if next.is_ascii_alphabetic()
            || (next == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic))
        {
            // Another tag: skip its name and attributes (an attribute value
            // may hold a `>`).
            i += 1;
            while i < head.len() && !head[i].is_ascii_whitespace() && head[i] != b'>' {
                i += 1;
            }
            while attribute(head, &mut i).is_some() {}
        } else if matches!(next, b'!' | b'/' | b'?') {
            i = find(head, i + 1, b">").map_or(head.len(), |end| end + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// Reads the attributes of a `<meta>` tag starting at `*i` (just after
/// `<meta`) and returns the encoding it declares, if any.
fn meta_encoding(head: &[u8], i: &mut usize) -> Option<&'static Encoding> {
    let mut charset: Option<Vec<u8>> = None;
    let mut content: Option<Vec<u8>> = None;
    let mut content_type = false;
    while let Some((name, value)) = attribute(head, i) {
        match name.as_slice() {
            b"charset" if charset.is_none() => charset = Some(value),
            b"content" if content.is_none() => content = Some(value),
            b"http-equiv" => content_type |= value.eq_ignore_ascii_case(b"content-type"),
            _ => {}
        }
    }
    let label = match charset {
        Some(label) => label,
        None if content_type => charset_from_content(&content?)?,
        None => return None,
    };
    let encoding = Encoding::for_label(&label)?;
    Some(
        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else if encoding == encoding_rs::X_USER_DEFINED {
            encoding_rs::WINDOWS_1252
        } else {
            encoding
        },
    )
}

/// The WHATWG "get an attribute" step of the prescan: the next attribute's
/// lower-cased name and value, or `None` at the tag's end (then `*i` is
/// past the `>`).
fn attribute(head: &[u8], i: &mut usize) -> Option<(Vec<u8>, Vec<u8>)> {
    let at = |k: usize| head.get(k).copied();
    while at(*i).is_some_and(|b| b.is_ascii_whitespace() || b == b'/') {
        *i += 1;
    }
    match at(*i) {
        None => return None,
        Some(b'>') => {
            *i += 1;
            return None;
        }
        _ => {}
    }
    let mut name = Vec::new();
    while let Some(b) = at(*i) {
        if (b == b'=' && !name.is_empty()) || b.is_ascii_whitespace() || b == b'/' || b == b'>' {
            break;
        }
        name.push(b.to_ascii_lowercase());
        *i += 1;
    }
    while at(*i).is_some_and(|b| b.is_ascii_whitespace()) {
        *i += 1;
    }
    if at(*i) != Some(b'=') {
        return Some((name, Vec::new()));
    }
    *i += 1;
    while at(*i).is_some_and(|b| b.is_ascii_whitespace()) {
        *i += 1;
    }
    let mut value = Vec::new();
    match at(*i) {
        Some(q @ (b'"' | b'\'')) => {
            *i += 1;
            while let Some(b) = at(*i) {
                *i += 1;
                if b == q {
                    break;
                }
                value.push(b.to_ascii_lowercase());
            }
        }
        Some(b'>') | None => {}
        Some(_) => {
            while let Some(b) = at(*i) {
                if b.is_ascii_whitespace() || b == b'>' {
                    break;
                }
                value.push(b.to_ascii_lowercase());
                *i += 1;
            }
        }
    }
    Some((name, value))
}

/// The WHATWG "extract a character encoding from a meta element" algorithm
/// on a `content` attribute such as `text/html; charset=gb2312`.
fn charset_from_content(content: &[u8]) -> Option<Vec<u8>> {
    let mut from = 0;
    loop {
        let at = find_ignore_case(content, from, b"charset")? + 7;
        let mut k = at;
        while content.get(k).is_some_and(u8::is_ascii_whitespace) {
            k += 1;
        }
        if content.get(k) != Some(&b'=') {
            from = at;
            continue;
        }
        k += 1;
        while content.get(k).is_some_and(u8::is_ascii_whitespace) {
            k += 1;
        }
        let rest = content.get(k..).unwrap_or_default();
        return match rest.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let end = rest[1..].iter().position(|&b| b == q)?;
                Some(rest[1..1 + end].to_vec())
            }
            Some(_) => {
                let end = rest
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b';')
                    .unwrap_or(rest.len());
                Some(rest[..end].to_vec())
            }
            None => None,
        };
    }
}

/// Where `needle` first occurs in `hay` at or after `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Where `needle` (lower-case) first occurs in `hay` at or after `from`,
/// ignoring ASCII case.
fn find_ignore_case(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Whether `hay` starts with `prefix` (lower-case), ignoring ASCII case.
fn starts_with_ignore_case(hay: &[u8], prefix: &[u8]) -> bool {
    hay.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}
