//! Bytes to text for text inputs: the encoding is told from a byte order
//! mark (UTF-8, UTF-16LE/BE), else UTF-8 when the bytes are UTF-8 (also
//! when a few stray bytes are not: then they are replaced and reported),
//! else a legacy Chinese encoding guessed by `chardetng` (GBK/GB18030 or
//! Big5; see [`guess_legacy`]). Binary data (NUL bytes outside UTF-16, ZIP,
//! OLE2 or PDF signatures) is a typed error naming the file and offset.
//!
//! Undecodable bytes are never a failure: they become U+FFFD and the caller
//! gets [`Decoded::replaced`] to report. This module does not read HTML
//! declarations (see `read::html`).

use std::borrow::Cow;
use std::path::Path;

use encoding_rs::Encoding;

use crate::error::{Error, Result};

/// How many leading bytes the legacy-encoding guesser looks at.
pub const GUESS_BYTES: usize = 1 << 20;

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, without a byte order mark.
    pub text: Cow<'a, str>,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// Undecodable byte sequences replaced by U+FFFD: how many, and the
    /// byte offset of the first. `None` when the bytes decoded cleanly.
    pub replaced: Option<(usize, usize)>,
}

/// Decodes a text input; see the module documentation for the rules.
pub fn decode_text<'a>(bytes: &'a [u8], path: &Path) -> Result<Decoded<'a>> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if encoding == encoding_rs::UTF_8 {
            reject_binary(body, path, bom)?;
        }
        return Ok(decode_with(body, encoding, bom));
    }
    reject_binary(bytes, path, 0)?;
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: encoding_rs::UTF_8,
            replaced: None,
        });
    }
    if mostly_utf8(bytes) {
        return Ok(decode_with(bytes, encoding_rs::UTF_8, 0));
    }
    Ok(decode_with(bytes, guess_legacy(bytes), 0))
}

/// Binary signatures and NUL bytes are not text.
fn reject_binary(bytes: &[u8], path: &Path, base: usize) -> Result<()> {
    for (magic, what) in [
        (&b"PK\x03\x04"[..], "a ZIP archive"),
        (
            &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..],
            "an OLE2 compound file (.doc/.xls)",
        ),
        (&b"%PDF"[..], "a PDF file"),
    ] {
        if bytes.starts_with(magic) {
            return Err(Error::Binary {
                path: path.to_owned(),
                what: what.to_owned(),
                offset: base,
            });
        }
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_owned(),
            what: "a NUL byte".to_owned(),
            offset: base + offset,
        });
    }
    Ok(())
}

/// Decodes `body` (which starts `base` bytes into the input) with
/// `encoding`, recording replaced sequences.
fn decode_with<'a>(body: &'a [u8], encoding: &'static Encoding, base: usize) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let replaced = had_errors.then(|| {
        let count = text.matches('\u{FFFD}').count() - encoded_replacement_chars(encoding, body);
        (count.max(1), base + first_error(body, encoding))
    });
    Decoded {
        text,
        encoding,
        replaced,
    }
}

/// U+FFFD characters that were in the input itself (encoded, not replaced):
/// only UTF-8 and UTF-16 can carry one.
fn encoded_replacement_chars(encoding: &'static Encoding, body: &[u8]) -> usize {
    if encoding == encoding_rs::UTF_8 {
        body.windows(3).filter(|w| *w == b"\xEF\xBF\xBD").count()
    } else {
        0
    }
}

/// Byte offset of the first sequence `encoding` cannot decode.
fn first_error(body: &[u8], encoding: &'static Encoding) -> usize {
    if encoding == encoding_rs::UTF_8 {
        return std::str::from_utf8(body)
            .err()
            .map_or(0, |e| e.valid_up_to());
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(body.len())
            .unwrap_or(body.len() * 3),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(len, extra) => {
            read.saturating_sub(usize::from(len) + usize::from(extra))
        }
        _ => 0,
    }
}

/// Whether invalid UTF-8 is really UTF-8 with a few stray bytes: at most
/// one undecodable sequence per 20 decoded non-ASCII characters (and at
/// least 10 of those).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut bad = 0usize;
    let mut wide = 0usize;
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    wide >= 10 && bad * 20 <= wide
}

/// Guesses the legacy encoding of bytes that are not UTF-8: `chardetng`'s
/// guess (the detector Firefox uses) over the first [`GUESS_BYTES`] bytes,
/// without a top-level-domain hint (the `.cn` hint answers GBK for Big5
/// bytes too). Because gongwen reads Chinese notices, a guess other than
/// GBK, GB18030 or Big5 (a few characters of GBK can look like
/// windows-1252 or EUC-KR to the detector) is replaced by GBK, or else
/// Big5, when the sample decodes without error in it.
pub fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let sample = bytes.get(..GUESS_BYTES).unwrap_or(bytes);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let chinese = [encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5];
    if chinese.contains(&guess) {
        return guess;
    }
    let clean = |e: &'static Encoding| {
        e.decode_without_bom_handling_and_without_replacement(sample)
            .is_some()
    };
    [encoding_rs::GBK, encoding_rs::BIG5]
        .into_iter()
        .find(|&e| clean(e))
        .unwrap_or(guess)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_LINE: &str = "省局机关各处(室、局)、省市场监管质量安全检查中心:";

    fn decode(bytes: &[u8]) -> Decoded<'_> {
        decode_text(bytes, Path::new("x.txt")).expect("decodes")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(b"\xEF\xBB\xBFabc");
        assert_eq!((d.text.as_ref(), d.encoding.name()), ("abc", "UTF-8"));
        assert_eq!(d.replaced, None);
        assert_eq!(decode(SEED_LINE.as_bytes()).text, SEED_LINE);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(SEED_LINE.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le);
        assert_eq!(
            (d.text.as_ref(), d.encoding.name()),
            (SEED_LINE, "UTF-16LE")
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend(SEED_LINE.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).text, SEED_LINE);
    }

    #[test]
    fn gbk_and_big5_are_guessed() {
        let text = "江西省市场监管局关于印发任务分工的通知。各设区市市场监管局：现印发给你们，请遵照执行。";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let d = decode(&gbk);
        assert_eq!(d.text, text);
        assert!(
            ["GBK", "gb18030"].contains(&d.encoding.name()),
            "{}",
            d.encoding.name()
        );
        let hant = "江西省市場監管局關於印發任務分工的通知。各設區市市場監管局：現印發給你們，請遵照執行。";
        let (big5, _, _) = encoding_rs::BIG5.encode(hant);
        let d = decode(&big5);
        assert_eq!((d.text.as_ref(), d.encoding.name()), (hant, "Big5"));
    }

    #[test]
    fn stray_bytes_in_utf8_are_replaced_and_reported() {
        let mut bytes = SEED_LINE.repeat(3).into_bytes();
        bytes.insert(12, 0xFF);
        let d = decode(&bytes);
        assert_eq!(d.encoding.name(), "UTF-8");
        assert_eq!(d.replaced, Some((1, 12)));
        assert_eq!(d.text.chars().filter(|&c| c == '\u{FFFD}').count(), 1);
    }

    #[test]
    fn binary_is_rejected_with_its_offset() {
        let p = Path::new("x.txt");
        assert!(matches!(
            decode_text(b"ab\0c", p),
            Err(Error::Binary { offset: 2, .. })
        ));
        assert!(matches!(
            decode_text(b"\xEF\xBB\xBFab\0", p),
            Err(Error::Binary { offset: 5, .. })
        ));
        assert!(matches!(
            decode_text(b"PK\x03\x04rest", p),
            Err(Error::Binary { offset: 0, .. })
        ));
    }
}
