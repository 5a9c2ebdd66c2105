//! The DOCX reader: a Word document's body as paragraphs and tables.
//!
//! The package is opened with the `zip` crate and `word/document.xml` is
//! *streamed* through quick-xml (`Reader::from_reader` over the
//! decompressing member reader), so the part is never held in memory as a
//! whole and no DOM is built. `word/numbering.xml` (quick-xml) and
//! `word/styles.xml` (a small streaming tag scanner that only picks out
//! style ids, bases and numbering, about four times faster than quick-xml
//! on the 350 KB styles parts python-docx and LibreOffice write) are
//! streamed too, lazily: `word/numbering.xml` on the first paragraph with
//! numbering properties or a style, `word/styles.xml` on the first
//! paragraph whose numbering depends on its style. On the seed document
//! (51 KB body, 349 KB styles) a whole read takes about 0.6 ms in release.
//!
//! # Paragraphs
//!
//! One [`Block::Paragraph`](crate::document::Block::Paragraph) per non-empty
//! body paragraph, with [`Position::Paragraph`] holding the 0-based index of
//! the paragraph among the body's paragraphs. Empty paragraphs are skipped
//! but still counted, so the index is the paragraph's place in the body as
//! Word (or python-docx's `Document.paragraphs`) counts it; paragraphs in
//! block-level content controls (`w:sdt`) and custom XML count as body
//! paragraphs, paragraphs in tables and text boxes do not.
//!
//! A paragraph's text is what Word shows, trimmed of surrounding white space
//! (U+3000 included):
//!
//! - run text (`w:t`), with `w:tab`/`w:ptab` as `\t`, `w:br` (any type) and
//!   `w:cr` as `\n`, `w:noBreakHyphen` as `-`;
//! - read through `w:hyperlink`, `w:fldSimple`, `w:sdt`/`w:sdtContent`,
//!   `w:ins`, `w:moveTo`, `w:smartTag`, `w:customXml`, `w:dir`, `w:bdo`;
//! - tracked changes accepted: `w:del`/`w:delText` and `w:moveFrom` are
//!   dropped, as are rows deleted as a tracked change;
//! - complex fields (`w:fldChar` begin … separate … end) give their result
//!   only, never the instruction (`w:instrText`, with any field nested in
//!   it). A result may span paragraphs (a table of contents); a field still
//!   in its instruction when its paragraph ends is closed there, so a field
//!   without `separate` cannot hide the rest of the document;
//! - of an `mc:AlternateContent` only the `mc:Fallback` is read, so a text
//!   box Word writes twice (DrawingML and VML) counts once (an
//!   `mc:AlternateContent` without a fallback gives nothing);
//! - text boxes (`w:txbxContent`) are not blocks: their paragraphs are
//!   appended to the anchoring paragraph, each on its own line;
//! - ruby text (`w:rt`) is dropped and its base kept; `w:sym` glyphs,
//!   footnote and comment references give nothing;
//! - an automatic numbering label, as Word shows it (`一、`, `（1）`, `①`),
//!   is prepended: from the paragraph's `w:numPr` or its style's (following
//!   `w:basedOn`), through `w:num`, `w:abstractNum`, `w:lvlOverride`,
//!   `w:numStyleLink`, with counters per list and level in document order,
//!   deeper levels restarting as `w:lvlRestart` says, in the level's
//!   `w:numFmt` (decimal, Chinese counting 一 … 二十四 and with thousands,
//!   legal 壹贰叁, 甲乙丙, 子丑寅, ①, ⑴, ⒈, letters, Roman; bullets give no
//!   label). The label is joined directly (`一、全面提升`), with a space only
//!   after a label ending in a letter, ideograph or digit (`第一章 总则`).
//!   A numbered paragraph with no text still advances its list.
//!
//! # Tables
//!
//! One [`Block::Table`](crate::document::Block::Table) per top-level table,
//! numbered from 0 in document order, on its grid
//! ([`TableLayout::Grid`](crate::document::TableLayout::Grid)): a row starts
//! at grid column `w:gridBefore`, a cell covers `w:gridSpan` columns (WPS's
//! `w:hMerge` continue widens the cell to its left the same way), so a
//! cell's `col` is its true grid column. `w:vMerge` restart starts a
//! vertical merge and `w:vMerge` continue (or no value) continues it: the
//! continuing cells are not emitted, the starting cell's `row_span` counts
//! them (any text they hold is appended to it); a continuing cell with
//! nothing to continue is an ordinary cell. Rows whose cells all continue
//! merges are kept, empty, so row indexes stay grid rows. A cell's non-empty
//! paragraphs are joined with `\n`. A table inside a cell is not a block:
//! its text joins the cell's text in its place (rows on separate lines, the
//! non-empty cells of a row separated by a space).
//!
//! # Limits and errors
//!
//! Before a part is read its declared uncompressed size is checked against
//! [`Limits::max_part_size`] and [`Limits::max_total_size`], and its
//! compression ratio against [`Limits::max_ratio`] (parts under 1 MiB are not
//! ratio-checked); while it is read, the bytes actually produced are counted
//! through `Read::take(limit + 1)` and checked against the same limits (the
//! zip crate also refuses to inflate a member past its declared size: a
//! header that lies is [`Error::Corrupt`]). Every table cell (nested ones
//! included) counts against [`Limits::max_cells`], and nesting of tables and
//! text boxes against [`Limits::max_depth`]: exceeding either is an
//! [`Error::Limit`], never a silently cut result.
//!
//! A truncated or unreadable ZIP, a missing `word/document.xml`, malformed
//! XML (`word/document.xml at byte N`, N pointing at the offending markup)
//! or a part that ends early are [`Error::Corrupt`]; a ZIP member with its
//! encryption flag set is [`Error::Encrypted`]. The reader never panics on
//! hostile input.
//!
//! Entities: quick-xml does not read DTDs, so no custom entity is ever
//! expanded. The five predefined entities and numeric character references
//! are resolved; any other reference (`&foo;`) is kept literally.
//!
//! # What it does not do
//!
//! It reads the main body only: no headers, footers, footnotes, endnotes,
//! comments, or text in charts and SmartArt (DrawingML `a:t`), and no math
//! (`m:t`). It does not follow `_rels` to find the main part (the part must
//! be `word/document.xml`, as detection requires), does not apply hidden-text
//! formatting (`w:vanish` text is kept), and does not number paragraphs
//! from the default paragraph style when they name no style. Unknown
//! elements between blocks are skipped; inside a paragraph they are looked
//! into for runs.

mod body;
mod numbering;
mod styles;
#[cfg(test)]
mod tests;

use std::cell::Cell as Counter;
use std::io::{self, BufReader, Cursor, Read, Take};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;
use zip::read::ZipFile;
use zip::result::ZipError;
use zip::ZipArchive;

use super::Limits;
use crate::document::Document;
use crate::error::{Error, Result};

#[cfg(doc)]
use crate::document::Position;

/// The main document part.
pub(crate) const DOCUMENT_PART: &str = "word/document.xml";
/// The numbering definitions part.
pub(crate) const NUMBERING_PART: &str = "word/numbering.xml";
/// The styles part (for numbering attached to paragraph styles).
pub(crate) const STYLES_PART: &str = "word/styles.xml";

/// Parts smaller than this are not ratio-checked: small XML compresses well.
const RATIO_FLOOR: u64 = 1 << 20;

/// Buffer size of the decompressing reader under quick-xml.
const READ_BUFFER: usize = 32 << 10;

/// The WordprocessingML namespace (transitional and strict).
const W_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// The markup-compatibility namespace (`mc:AlternateContent`).
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Reads a Word document's body into blocks. See the
/// [module documentation](self) for what is read and what is not.
pub fn read_docx(bytes: &[u8], path: &Path, limits: &Limits) -> Result<Document> {
    let total = Counter::new(0);
    let mut package = Package::open(bytes, path, limits, &total)?;
    let numbering = numbering::Numbering::new(package.clone());
    let Some(part) = package.part(DOCUMENT_PART)? else {
        return Err(Error::Corrupt {
            path: path.to_owned(),
            part: DOCUMENT_PART.to_owned(),
            message: "the package has no main document part; it is not a Word document".to_owned(),
        });
    };
    body::read_body(part, numbering, limits)
}

/// An opened ZIP package and the limits its parts are read under. Cheap to
/// clone: clones share the archive directory and the count of bytes read.
#[derive(Clone)]
pub(crate) struct Package<'a> {
    /// The archive over the input bytes.
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// The file, for errors.
    path: &'a Path,
    /// The limits.
    limits: &'a Limits,
    /// Uncompressed bytes read from all parts so far.
    total: &'a Counter<u64>,
}

impl<'a> Package<'a> {
    /// Reads the archive directory. A truncated or damaged archive is
    /// [`Error::Corrupt`].
    fn open(
        bytes: &'a [u8],
        path: &'a Path,
        limits: &'a Limits,
        total: &'a Counter<u64>,
    ) -> Result<Self> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::Corrupt {
            path: path.to_owned(),
            part: "ZIP archive".to_owned(),
            message: format!("cannot read the archive directory ({e}); the file may be truncated"),
        })?;
        Ok(Package {
            archive,
            path,
            limits,
            total,
        })
    }

    /// Opens the XML part `name` for streaming with quick-xml (see
    /// [`Package::member`]). `None` when the package has no such member.
    pub(crate) fn part(&mut self, name: &'static str) -> Result<Option<XmlPart<'_, 'a>>> {
        Ok(self.member(name)?.map(XmlPart::new))
    }

    /// Opens the member `name` for streaming, after checking its encryption
    /// flag, declared size and compression ratio. `None` when the package
    /// has no such member.
    pub(crate) fn member(&mut self, name: &'static str) -> Result<Option<Member<'_, 'a>>> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let path = self.path;
        let limits = self.limits;
        let corrupt = |e: ZipError| Error::Corrupt {
            path: path.to_owned(),
            part: name.to_owned(),
            message: format!("cannot read the ZIP member ({e})"),
        };
        let entry = self.archive.by_index_data(index).map_err(corrupt)?;
        if entry.encrypted() {
            return Err(Error::Encrypted {
                path: path.to_owned(),
            });
        }
        let size = entry.size();
        let compressed = entry.compressed_size();
        drop(entry);
        let limit_error = |what: String, limit: u64| Error::Limit {
            path: path.to_owned(),
            what,
            limit,
        };
        if size > limits.max_part_size {
            return Err(limit_error(
                format!("uncompressed size of {name} ({size} bytes)"),
                limits.max_part_size,
            ));
        }
        let used = self.total.get();
        if used.saturating_add(size) > limits.max_total_size {
            return Err(limit_error(
                format!(
                    "total uncompressed size of the parts read ({} bytes)",
                    used.saturating_add(size)
                ),
                limits.max_total_size,
            ));
        }
        let ratio_cap = compressed.saturating_mul(limits.max_ratio).max(RATIO_FLOOR);
        if size > ratio_cap {
            return Err(limit_error(
                format!(
                    "compression ratio of {name} ({}:1)",
                    size / compressed.max(1)
                ),
                limits.max_ratio,
            ));
        }
        let file = self.archive.by_index(index).map_err(|e| match e {
            ZipError::InvalidPassword => Error::Encrypted {
                path: path.to_owned(),
            },
            ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => {
                Error::Encrypted {
                    path: path.to_owned(),
                }
            }
            e => corrupt(e),
        })?;
        Ok(Some(Member {
            inner: file.take(limits.max_part_size.saturating_add(1)),
            name,
            path,
            read: 0,
            compressed,
            ratio_cap,
            limits,
            total: self.total,
            exceeded: None,
        }))
    }
}

/// Which limit a member overran while it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overrun {
    /// [`Limits::max_part_size`].
    PartSize,
    /// [`Limits::max_total_size`].
    TotalSize,
    /// [`Limits::max_ratio`].
    Ratio,
}

/// A decompressing ZIP member that counts what it produces and fails (with
/// the overrun recorded) as soon as a limit is passed, whatever the ZIP
/// headers said.
pub(crate) struct Member<'z, 'a> {
    /// The member, cut at `max_part_size + 1` bytes.
    inner: Take<ZipFile<'z, Cursor<&'a [u8]>>>,
    /// The member's name, for errors.
    name: &'static str,
    /// The file, for errors.
    path: &'a Path,
    /// Uncompressed bytes produced so far.
    read: u64,
    /// The member's compressed size, for the ratio.
    compressed: u64,
    /// Most bytes the ratio limit allows.
    ratio_cap: u64,
    /// The limits.
    limits: &'a Limits,
    /// Bytes read from all parts of the package.
    total: &'a Counter<u64>,
    /// The limit passed, if any.
    exceeded: Option<Overrun>,
}

impl Read for Member<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.exceeded.is_some() {
            return Err(io::Error::other("resource limit exceeded"));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.total.set(self.total.get().saturating_add(n as u64));
        self.exceeded = if self.read > self.limits.max_part_size {
            Some(Overrun::PartSize)
        } else if self.read > self.ratio_cap {
            Some(Overrun::Ratio)
        } else if self.total.get() > self.limits.max_total_size {
            Some(Overrun::TotalSize)
        } else {
            None
        };
        match self.exceeded {
            Some(_) => Err(io::Error::other("resource limit exceeded")),
            None => Ok(n),
        }
    }
}

/// The namespace of an element, as far as the readers care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML (`w:`).
    W,
    /// Markup compatibility (`mc:`).
    Mc,
    /// Anything else.
    Other,
}

/// The prefixes the part's root element binds to the namespaces the
/// readers know. Declarations on inner elements are not followed (no Word
/// producer rebinds them).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Prefixes {
    /// Prefix of WordprocessingML (`""` for the default namespace).
    w: String,
    /// Prefix of markup compatibility.
    mc: String,
}

impl Default for Prefixes {
    fn default() -> Self {
        Prefixes {
            w: "w".to_owned(),
            mc: "mc".to_owned(),
        }
    }
}

impl Prefixes {
    /// Reads the namespace declarations of the root element.
    fn from_root(root: &BytesStart<'_>) -> Self {
        let attrs: Vec<_> = root.attributes().with_checks(false).flatten().collect();
        Prefixes::from_declarations(attrs.iter().map(|a| (a.key.into_inner(), &*a.value)))
    }

    /// The prefixes bound by `(attribute name, value)` pairs such as
    /// `("xmlns:w", "http://…/wordprocessingml/2006/main")`.
    fn from_declarations<'s>(attrs: impl Iterator<Item = (&'s str, &'s str)>) -> Self {
        let mut p = Prefixes::default();
        for (key, value) in attrs {
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(rest) = key.strip_prefix("xmlns:") {
                rest
            } else {
                continue;
            };
            if W_NS.contains(&value) {
                p.w = prefix.to_owned();
            } else if value == MC_NS {
                p.mc = prefix.to_owned();
            }
        }
        p
    }

    /// The namespace of `name` and its local name.
    fn split<'n>(&self, name: QName<'n>) -> (Ns, &'n str) {
        let (local, prefix) = name.decompose();
        let prefix = prefix.map_or("", |p| p.into_inner());
        let ns = if prefix == self.w {
            Ns::W
        } else if prefix == self.mc {
            Ns::Mc
        } else {
            Ns::Other
        };
        (ns, local.into_inner())
    }
}

/// The elements one reader distinguishes: a closed set of tags, everything
/// else being "other".
pub(crate) trait Vocabulary: Copy + PartialEq {
    /// The tag of an element by namespace and local name.
    fn classify(ns: Ns, local: &str) -> Self;
    /// The local name of the one attribute of this element the reader needs
    /// (in the WordprocessingML namespace or unprefixed), if any.
    fn attribute(self) -> Option<&'static str>;
}

/// One XML event, reduced to what the readers act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok<T> {
    /// A start tag.
    Start(T),
    /// A self-closing tag.
    Empty(T),
    /// An end tag.
    End(T),
    /// The end of the part.
    Eof,
    /// Text, references, comments, processing instructions, declarations.
    Other,
}

/// A streamed XML part: quick-xml over a [`Member`], with the state the
/// readers share (the needed attribute of the last tag, captured text).
pub(crate) struct XmlPart<'z, 'a> {
    /// The XML reader.
    reader: Reader<BufReader<Member<'z, 'a>>>,
    /// quick-xml's event buffer, cleared before each event.
    buf: Vec<u8>,
    /// The part name, for errors.
    name: &'static str,
    /// The file, for errors.
    path: &'a Path,
    /// Namespace prefixes bound by the root element.
    prefixes: Prefixes,
    /// Whether the root element was read (and `prefixes` bound).
    root_seen: bool,
    /// The value of the last tag's [`Vocabulary::attribute`].
    pub(crate) val: String,
    /// Whether the last tag had that attribute.
    pub(crate) has_val: bool,
    /// Captured character data (see [`XmlPart::capture`]).
    pub(crate) text: String,
    /// While true, character data and resolved references are appended to
    /// [`XmlPart::text`].
    pub(crate) capture: bool,
}

impl<'z, 'a> XmlPart<'z, 'a> {
    /// Wraps a member in a quick-xml reader.
    fn new(member: Member<'z, 'a>) -> Self {
        let name = member.name;
        let path = member.path;
        let mut reader = Reader::from_reader(BufReader::with_capacity(READ_BUFFER, member));
        // Mismatched end tags are malformed XML: keep quick-xml's check.
        reader.config_mut().check_end_names = true;
        XmlPart {
            reader,
            buf: Vec::with_capacity(1024),
            name,
            path,
            prefixes: Prefixes::default(),
            root_seen: false,
            val: String::new(),
            has_val: false,
            text: String::new(),
            capture: false,
        }
    }

    /// Reads the next event, classifying tags with `T`. The root element's
    /// namespace declarations are read on the way.
    pub(crate) fn next<T: Vocabulary>(&mut self) -> Result<Tok<T>> {
        self.buf.clear();
        let event = match self.reader.read_event_into(&mut self.buf) {
            Ok(e) => e,
            Err(e) => return Err(xml_error(&self.reader, e)),
        };
        let tok = match event {
            Event::Start(e) => {
                if !self.root_seen {
                    self.root_seen = true;
                    self.prefixes = Prefixes::from_root(&e);
                }
                Tok::Start(classify_tag(
                    &self.prefixes,
                    &mut self.val,
                    &mut self.has_val,
                    &e,
                ))
            }
            Event::Empty(e) => {
                self.root_seen = true;
                Tok::Empty(classify_tag(
                    &self.prefixes,
                    &mut self.val,
                    &mut self.has_val,
                    &e,
                ))
            }
            Event::End(e) => {
                let (ns, local) = self.prefixes.split(e.name());
                Tok::End(T::classify(ns, local))
            }
            Event::Text(t) => {
                if self.capture {
                    self.text.push_str(&t.xml10_content());
                }
                Tok::Other
            }
            Event::CData(t) => {
                if self.capture {
                    self.text.push_str(&t.xml10_content());
                }
                Tok::Other
            }
            Event::GeneralRef(r) => {
                if self.capture {
                    push_reference(&mut self.text, &r);
                }
                Tok::Other
            }
            Event::Eof => Tok::Eof,
            _ => Tok::Other,
        };
        Ok(tok)
    }

    /// The needed attribute of the last tag, trimmed, if it had one.
    pub(crate) fn val(&self) -> Option<&str> {
        self.has_val.then(|| self.val.trim())
    }

    /// The needed attribute of the last tag as a number (`None` when absent
    /// or not a non-negative integer).
    pub(crate) fn val_u32(&self) -> Option<u32> {
        self.val()?.parse().ok()
    }

    /// Skips the rest of the element whose start tag was just read,
    /// without recursion.
    pub(crate) fn skip(&mut self) -> Result<()> {
        let capture = std::mem::replace(&mut self.capture, false);
        let mut depth = 0usize;
        loop {
            self.buf.clear();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(e) => e,
                Err(e) => return Err(xml_error(&self.reader, e)),
            };
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(self.truncated("an element")),
                _ => {}
            }
        }
        self.capture = capture;
        Ok(())
    }

    /// The error for a part that ends inside `what`: a limit overrun if the
    /// member was cut by one, otherwise [`Error::Corrupt`].
    pub(crate) fn truncated(&self, what: &str) -> Error {
        if let Some(e) = self.reader.get_ref().get_ref().overrun_error() {
            return e;
        }
        Error::Corrupt {
            path: self.path.to_owned(),
            part: format!("{} at byte {}", self.name, self.reader.buffer_position()),
            message: format!("the part ends inside {what}; the file may be truncated"),
        }
    }

    /// An [`Error::Corrupt`] about this part, at the current position.
    pub(crate) fn corrupt(&self, message: &str) -> Error {
        Error::Corrupt {
            path: self.path.to_owned(),
            part: format!("{} at byte {}", self.name, self.reader.buffer_position()),
            message: message.to_owned(),
        }
    }

    /// An [`Error::Limit`] about this part.
    pub(crate) fn limit(&self, what: String, limit: u64) -> Error {
        Error::Limit {
            path: self.path.to_owned(),
            what: format!("{what} in {}", self.name),
            limit,
        }
    }
}

/// Classifies a start or empty tag and keeps its needed attribute, if it
/// has it, in `val` (entities in it resolved; kept raw if one is unknown).
fn classify_tag<T: Vocabulary>(
    prefixes: &Prefixes,
    val: &mut String,
    has_val: &mut bool,
    e: &BytesStart<'_>,
) -> T {
    let (ns, local) = prefixes.split(e.name());
    let tag = T::classify(ns, local);
    *has_val = false;
    if let Some(wanted) = tag.attribute() {
        for attr in e.attributes().with_checks(false).flatten() {
            let (attr_ns, attr_local) = prefixes.split(attr.key);
            let unprefixed = attr.key.prefix().is_none();
            if attr_local == wanted && (attr_ns == Ns::W || unprefixed) {
                val.clear();
                match quick_xml::escape::unescape(&attr.value) {
                    Ok(v) => val.push_str(&v),
                    Err(_) => val.push_str(&attr.value),
                }
                *has_val = true;
                break;
            }
        }
    }
    tag
}

/// Appends a resolved entity or character reference to `out`. Predefined
/// entities and valid character references are resolved; anything else
/// (custom entities, which are never expanded, or invalid character
/// references) is kept literally as `&name;`.
fn push_reference(out: &mut String, r: &quick_xml::events::BytesRef<'_>) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(r) {
        out.push_str(s);
    } else {
        out.push('&');
        out.push_str(r);
        out.push(';');
    }
}

impl Member<'_, '_> {
    /// The limit error of a member that was cut off by a limit, if it was.
    fn overrun_error(&self) -> Option<Error> {
        let limits = self.limits;
        let name = self.name;
        let (what, limit) = match self.exceeded? {
            Overrun::PartSize => (
                format!(
                    "uncompressed size of {name} (more than {} bytes)",
                    limits.max_part_size
                ),
                limits.max_part_size,
            ),
            Overrun::TotalSize => (
                format!(
                    "total uncompressed size of the parts read (more than {} bytes)",
                    limits.max_total_size
                ),
                limits.max_total_size,
            ),
            Overrun::Ratio => (
                format!(
                    "compression ratio of {name} (more than {}:1 after {} bytes)",
                    self.read / self.compressed.max(1),
                    self.read
                ),
                limits.max_ratio,
            ),
        };
        Some(Error::Limit {
            path: self.path.to_owned(),
            what,
            limit,
        })
    }

    /// Maps an error of reading the member: a limit overrun, or a
    /// decompression error ([`Error::Corrupt`]).
    pub(crate) fn error(&self, e: &io::Error) -> Error {
        self.overrun_error().unwrap_or_else(|| Error::Corrupt {
            path: self.path.to_owned(),
            part: self.name.to_owned(),
            message: format!("cannot decompress the ZIP member ({e})"),
        })
    }

    /// An [`Error::Corrupt`] at byte `at` of the member.
    pub(crate) fn corrupt_at(&self, at: u64, message: &str) -> Error {
        Error::Corrupt {
            path: self.path.to_owned(),
            part: format!("{} at byte {at}", self.name),
            message: message.to_owned(),
        }
    }
}

/// Maps a quick-xml error: a limit overrun of the member, a decompression
/// error (`word/document.xml`), or malformed XML
/// (`word/document.xml at byte N`).
fn xml_error(reader: &Reader<BufReader<Member<'_, '_>>>, e: quick_xml::Error) -> Error {
    let member = reader.get_ref().get_ref();
    match e {
        quick_xml::Error::Io(io) => member.error(&io),
        e => {
            if let Some(limit) = member.overrun_error() {
                return limit;
            }
            // error_position() points at the start of the bad markup;
            // buffer_position() is where reading stopped.
            let at = match reader.error_position() {
                0 => reader.buffer_position(),
                n => n,
            };
            member.corrupt_at(at, &format!("malformed XML: {e}"))
        }
    }
}
