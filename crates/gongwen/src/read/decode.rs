//! Bytes to text: BOM removal, UTF-8 validation and binary detection, with
//! typed errors that name the file and byte offset.
//!
//! Does not guess legacy encodings (GBK and friends).

use std::path::Path;

use crate::error::{Error, Result};

/// Decodes `bytes` as UTF-8 text (a UTF-8 BOM is removed). Binary data (NUL
/// bytes, ZIP or OLE2 signatures) and invalid UTF-8 give typed errors.
pub fn decode_text<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
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
                offset: 0,
            });
        }
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_owned(),
            what: "a NUL byte".to_owned(),
            offset,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::InvalidEncoding {
            path: path.to_owned(),
            offset,
            line,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_rejects_binary() {
        let p = Path::new("x.txt");
        assert_eq!(decode_text(b"\xEF\xBB\xBFabc", p).ok(), Some("abc"));
        assert!(matches!(
            decode_text(b"ab\0c", p),
            Err(Error::Binary { offset: 2, .. })
        ));
        assert!(matches!(
            decode_text(b"PK\x03\x04rest", p),
            Err(Error::Binary { offset: 0, .. })
        ));
        assert!(matches!(
            decode_text(b"a\nb\xFFc", p),
            Err(Error::InvalidEncoding {
                offset: 3,
                line: 2,
                ..
            })
        ));
    }
}
