//! Tokens to a small element tree: html5gum's tokens go through a compact
//! version of the HTML tree-construction rules that keeps only what the
//! block reader needs.
//!
//! # What the tree holds
//!
//! Structural and block-level elements (`div`, `p`, headings, lists,
//! `table`/`tr`/`td`/`th`/`caption`, `pre` …), text (with the line where it
//! starts), line breaks (`<br>`, `<hr>`, a stray `</p>`) and the elements
//! whose content is not shown (`script`, `style`, `nav`, an element with
//! `hidden` or an inline `display:none` …). Inline elements (`span`,
//! `font`, `a`, `b`, Word's `o:p` …) leave no node of their own: their text
//! goes into the enclosing block, so misnested inline tags cannot split or
//! swallow paragraphs. (An inline element that is hidden, or any element
//! inside a hidden one, is kept so that its end tag is matched.) `html`,
//! `head`, `body`, `tbody`/`thead`/`tfoot`, `colgroup` and `col` leave no
//! node either; a row group only numbers its rows (for `rowspan=0`).
//!
//! # Tag soup, as browsers read it
//!
//! - A block-level start tag closes an open `<p>` (within the same cell);
//!   `<li>`, `<dt>`/`<dd>` close the previous item; a heading closes an open
//!   heading.
//! - `<td>`/`<th>` close the open cell, `<tr>` the open row; a cell without
//!   a row gets one; table tags outside any table are ignored (so a page
//!   fragment that starts with `<tbody><tr><td>` reads as plain content).
//!   `<table>` directly in a table (not in a cell) closes that table.
//! - Content that stands in a table outside any cell is put just before the
//!   table (*foster parenting*); white space there is dropped.
//! - An end tag closes the innermost open element of its name, and the ones
//!   opened inside it, but never reaches through a table cell or table; an
//!   end tag with no such element is ignored (`</p>` alone is a line break,
//!   `</br>` is `<br>`).
//!
//! # Bounds
//!
//! At most `Limits::max_depth` elements (and never more than
//! [`HARD_MAX_DEPTH`]) are open at once. Deeper elements are *flattened*:
//! they get no node, their text goes into the deepest open element, a
//! block-level tag there still breaks the line (a cell boundary becomes a
//! space), and a hidden element there is skipped up to its end tag (or the
//! end tag of an open element). Every scan of the open elements is thus
//! bounded, and building is linear in the input. Each `<td>`/`<th>` of a
//! table counts toward `Limits::max_cells`; going over is an
//! [`Error::Limit`].

use std::path::Path;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::error::{Error, Result};
use crate::read::Limits;

/// The most elements open at once, whatever `Limits::max_depth` says.
pub const HARD_MAX_DEPTH: usize = 512;

/// Index of a node in [`Tree::nodes`].
pub type NodeId = usize;

/// The root node's id.
pub const ROOT: NodeId = 0;

/// A parsed page: an arena of nodes, the root at index [`ROOT`].
#[derive(Debug, Default)]
pub struct Tree {
    /// All nodes; children are linked through [`Node::first`] and
    /// [`Node::next`].
    pub nodes: Vec<Node>,
    /// How many table cells were seen (toward `Limits::max_cells`).
    pub cells: u64,
}

/// One node and its links.
#[derive(Debug)]
pub struct Node {
    /// What the node is.
    pub kind: Kind,
    /// The parent (the root is its own parent).
    pub parent: NodeId,
    /// The first child.
    pub first: Option<NodeId>,
    /// The last child.
    pub last: Option<NodeId>,
    /// The previous sibling.
    pub prev: Option<NodeId>,
    /// The next sibling.
    pub next: Option<NodeId>,
}

/// What a node is.
#[derive(Debug)]
pub enum Kind {
    /// The document.
    Root,
    /// An element.
    Element(Element),
    /// Text as decoded (entities resolved, line breaks as `\n`).
    Text {
        /// The characters.
        text: String,
        /// The 1-based source line of the first character.
        line: u32,
        /// Where later pieces of the text start (byte offset in `text`, and
        /// source line): text on both sides of an inline tag is one node,
        /// and the tag may span lines.
        marks: Vec<(usize, u32)>,
    },
    /// A line break: `<br>`, `<hr>`, a `</p>` without an open `<p>`, or a
    /// block boundary in flattened content.
    Break,
    /// A cell boundary in flattened content (read as a space).
    CellSep,
}

/// An element kept in the tree.
#[derive(Debug, Clone, Copy)]
pub struct Element {
    /// Its tag.
    pub tag: Tag,
    /// The 1-based source line of its start tag.
    pub line: u32,
    /// Whether its content is not shown: a dropped tag, the `hidden`
    /// attribute, an inline `display:none`, a `<dialog>` without `open`.
    pub hidden: bool,
    /// `rowspan` as written (`None` when absent or not a number).
    pub rowspan: Option<u32>,
    /// `colspan` as written (`None` when absent or not a number).
    pub colspan: Option<u32>,
    /// For a `<tr>`: the 0-based row group (`tbody`, `thead`, `tfoot`) it
    /// is in. For a `<table>`: the number of row groups started so far.
    pub group: u32,
}

/// Declares [`Tag`] and its name table from `Variant = b"name"` pairs.
macro_rules! tags {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// The tags the tree builder knows; any other is [`Tag::Other`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Tag {
            $($variant,)*
            /// A heading `<h1>`–`<h6>` (the level).
            H(u8),
            /// Any other tag.
            Other,
        }

        impl Tag {
            /// The tag for a lower-case tag name.
            pub fn from_name(name: &[u8]) -> Tag {
                match name {
                    $($name => Tag::$variant,)*
                    [b'h', d @ b'1'..=b'6'] => Tag::H(d - b'0'),
                    _ => Tag::Other,
                }
            }
        }
    };
}

tags! {
    Html = b"html", Head = b"head", Body = b"body",
    Table = b"table", Caption = b"caption", Colgroup = b"colgroup", Col = b"col",
    Thead = b"thead", Tbody = b"tbody", Tfoot = b"tfoot", Tr = b"tr", Td = b"td", Th = b"th",
    P = b"p", Div = b"div", Li = b"li", Ul = b"ul", Ol = b"ol", Dl = b"dl", Dt = b"dt", Dd = b"dd",
    Pre = b"pre", Listing = b"listing", Xmp = b"xmp", Plaintext = b"plaintext",
    Center = b"center", Blockquote = b"blockquote", Section = b"section", Article = b"article",
    Main = b"main", Aside = b"aside", Header = b"header", Footer = b"footer", Nav = b"nav",
    Address = b"address", Figure = b"figure", Figcaption = b"figcaption", Details = b"details",
    Summary = b"summary", Hr = b"hr", Form = b"form", Fieldset = b"fieldset", Legend = b"legend",
    Menu = b"menu", Dir = b"dir", Hgroup = b"hgroup", Dialog = b"dialog", Search = b"search",
    Title = b"title", Script = b"script", Style = b"style", Noscript = b"noscript",
    Template = b"template", Select = b"select", Option = b"option", Optgroup = b"optgroup",
    Button = b"button", Iframe = b"iframe", Svg = b"svg", Math = b"math", Textarea = b"textarea",
    Object = b"object", Audio = b"audio", Video = b"video", Canvas = b"canvas",
    Datalist = b"datalist", Frameset = b"frameset", Noframes = b"noframes", Noembed = b"noembed",
    Map = b"map", Applet = b"applet", Marquee = b"marquee",
    Br = b"br", Img = b"img", Image = b"image", Input = b"input", Meta = b"meta", Link = b"link",
    Base = b"base", Area = b"area", Wbr = b"wbr", Source = b"source", Track = b"track",
    Param = b"param", Embed = b"embed", Keygen = b"keygen", Frame = b"frame",
    Basefont = b"basefont", Bgsound = b"bgsound",
    A = b"a", Abbr = b"abbr", B = b"b", Bdi = b"bdi", Bdo = b"bdo", Big = b"big", Cite = b"cite",
    Code = b"code", Data = b"data", Del = b"del", Dfn = b"dfn", Em = b"em", Font = b"font",
    I = b"i", Ins = b"ins", Kbd = b"kbd", Label = b"label", Mark = b"mark", Nobr = b"nobr",
    Q = b"q", Ruby = b"ruby", Rp = b"rp", Rt = b"rt", S = b"s", Samp = b"samp", Small = b"small",
    Span = b"span", Strike = b"strike", Strong = b"strong", Sub = b"sub", Sup = b"sup",
    Time = b"time", Tt = b"tt", U = b"u", Var = b"var",
}

impl Tag {
    /// Elements with no content and no end tag.
    pub fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Br | Img
                | Image
                | Input
                | Meta
                | Link
                | Base
                | Area
                | Wbr
                | Source
                | Track
                | Param
                | Embed
                | Keygen
                | Frame
                | Basefont
                | Bgsound
                | Hr
                | Col
        )
    }

    /// Elements whose content is never shown.
    pub fn is_dropped(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Head | Title
                | Script
                | Style
                | Noscript
                | Template
                | Select
                | Option
                | Optgroup
                | Button
                | Iframe
                | Svg
                | Math
                | Textarea
                | Object
                | Audio
                | Video
                | Canvas
                | Datalist
                | Frameset
                | Noframes
                | Noembed
                | Map
                | Applet
                | Nav
        )
    }

    /// Inline (phrasing) elements: no line break before or after.
    pub fn is_inline(self) -> bool {
        use Tag::*;
        matches!(
            self,
            A | Abbr
                | B
                | Bdi
                | Bdo
                | Big
                | Cite
                | Code
                | Data
                | Del
                | Dfn
                | Em
                | Font
                | I
                | Ins
                | Kbd
                | Label
                | Mark
                | Nobr
                | Q
                | Ruby
                | Rp
                | Rt
                | S
                | Samp
                | Small
                | Span
                | Strike
                | Strong
                | Sub
                | Sup
                | Time
                | Tt
                | U
                | Var
                | Other
        )
    }

    /// Block-level elements whose start tag closes an open `<p>`.
    fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            P | Div
                | H(_)
                | Li
                | Ul
                | Ol
                | Dl
                | Dt
                | Dd
                | Pre
                | Listing
                | Xmp
                | Plaintext
                | Center
                | Blockquote
                | Section
                | Article
                | Main
                | Aside
                | Header
                | Footer
                | Nav
                | Address
                | Figure
                | Figcaption
                | Details
                | Summary
                | Form
                | Fieldset
                | Menu
                | Dir
                | Hgroup
                | Dialog
                | Search
                | Table
        )
    }

    /// Table structure: what an end tag cannot reach through.
    fn is_table_part(self) -> bool {
        matches!(
            self,
            Tag::Table | Tag::Tr | Tag::Td | Tag::Th | Tag::Caption
        )
    }

    /// Whether whitespace in it is kept (`<pre>` and its kin).
    pub fn is_pre(self) -> bool {
        matches!(self, Tag::Pre | Tag::Listing | Tag::Xmp | Tag::Plaintext)
    }
}

/// Builds the tree of `text`, a whole decoded page.
pub fn build(text: &str, limits: &Limits, path: &Path) -> Result<Tree> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut b = Builder {
        tree: Tree {
            nodes: vec![Node {
                kind: Kind::Root,
                parent: ROOT,
                first: None,
                last: None,
                prev: None,
                next: None,
            }],
            cells: 0,
        },
        stack: Vec::new(),
        hidden_open: 0,
        flat: Vec::new(),
        flat_tables: 0,
        skip: None,
        max_depth: usize::try_from(limits.max_depth)
            .unwrap_or(usize::MAX)
            .min(HARD_MAX_DEPTH),
        max_cells: limits.max_cells,
        lines: LineCounter {
            src: text.as_bytes(),
            pos: 0,
            line: 1,
        },
        path,
    };
    for token in Tokenizer::new_with_emitter(text, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let line = b.lines.line_at(tag.span.start);
                let name = Tag::from_name(&tag.name);
                let attr = |n: &str| tag.attributes.get(n.as_bytes()).map(|v| &v.value.0[..]);
                let attrs = Attrs {
                    hidden: attr("hidden").is_some() || attr("style").is_some_and(display_none),
                    open: attr("open").is_some(),
                    rowspan: attr("rowspan").and_then(parse_span),
                    colspan: attr("colspan").and_then(parse_span),
                };
                b.start_tag(name, tag.self_closing, attrs, line)?;
            }
            Token::EndTag(tag) => b.end_tag(Tag::from_name(&tag.name)),
            Token::String(s) => {
                let line = b.lines.line_at(s.span.start);
                b.text(&String::from_utf8_lossy(&s.value), line);
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    Ok(b.tree)
}

/// The attributes the builder looks at.
struct Attrs {
    /// `hidden`, or an inline style with `display:none`.
    hidden: bool,
    /// `open` (for `<dialog>`).
    open: bool,
    /// `rowspan`, parsed.
    rowspan: Option<u32>,
    /// `colspan`, parsed.
    colspan: Option<u32>,
}

/// Whether an inline style hides the element (`display: none`).
fn display_none(style: &[u8]) -> bool {
    let compact: Vec<u8> = style
        .iter()
        .filter(|b| !b.is_ascii_whitespace())
        .map(u8::to_ascii_lowercase)
        .collect();
    compact
        .windows(b"display:none".len())
        .any(|w| w == b"display:none")
}

/// The HTML "rules for parsing non-negative integers": leading white
/// space, then digits (anything after them is ignored); `None` without
/// digits. Saturates instead of overflowing.
fn parse_span(value: &[u8]) -> Option<u32> {
    let digits: Vec<u8> = value
        .iter()
        .copied()
        .skip_while(u8::is_ascii_whitespace)
        .skip_while(|&b| b == b'+')
        .take_while(u8::is_ascii_digit)
        .collect();
    if digits.is_empty() {
        return None;
    }
    Some(digits.iter().fold(0u32, |n, &d| {
        n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
    }))
}

/// Turns byte offsets into 1-based line numbers; offsets must be asked in
/// increasing order (each byte is looked at once). A line break is `\n`,
/// `\r\n` or a lone `\r`.
struct LineCounter<'a> {
    /// The decoded page.
    src: &'a [u8],
    /// Bytes before this offset have been counted.
    pos: usize,
    /// The line at `pos`.
    line: u32,
}

impl LineCounter<'_> {
    /// The line of byte offset `offset` (or of the last offset asked, if
    /// `offset` is before it).
    fn line_at(&mut self, offset: usize) -> u32 {
        let end = offset.min(self.src.len());
        if end > self.pos {
            let chunk = &self.src[self.pos..end];
            let mut breaks = 0u32;
            for (k, &b) in chunk.iter().enumerate() {
                if b == b'\n' || (b == b'\r' && self.src.get(self.pos + k + 1) != Some(&b'\n')) {
                    breaks = breaks.saturating_add(1);
                }
            }
            self.line = self.line.saturating_add(breaks);
            self.pos = end;
        }
        self.line
    }
}

/// The tree builder's state.
struct Builder<'a> {
    /// The tree so far.
    tree: Tree,
    /// Open elements, innermost last (the root is not on it).
    stack: Vec<NodeId>,
    /// How many open elements are hidden.
    hidden_open: usize,
    /// Tags opened beyond the depth limit (flattened), innermost last.
    flat: Vec<Tag>,
    /// How many `<table>`s are in `flat`.
    flat_tables: usize,
    /// A hidden element opened beyond the depth limit being skipped: its
    /// tag and how many of that tag are open.
    skip: Option<(Tag, u32)>,
    /// The most elements open at once.
    max_depth: usize,
    /// The most table cells.
    max_cells: u64,
    /// Offsets to lines.
    lines: LineCounter<'a>,
    /// The file, for errors.
    path: &'a Path,
}

impl Builder<'_> {
    /// The element data of node `id`, if it is an element.
    fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.tree.nodes.get(id)?.kind {
            Kind::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The tag of node `id` (`Other` for non-elements).
    fn tag(&self, id: NodeId) -> Tag {
        self.element(id).map_or(Tag::Other, |e| e.tag)
    }

    /// The current node: the innermost open element, or the root.
    fn current(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(ROOT)
    }

    /// Stack index of the innermost open element with tag `tag`, searching
    /// from the top and giving up at an element for which `stop` holds.
    fn find_open(&self, tag: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) -> Option<usize> {
        for (k, &id) in self.stack.iter().enumerate().rev() {
            let t = self.tag(id);
            if tag(t) {
                return Some(k);
            }
            if stop(t) {
                return None;
            }
        }
        None
    }

    /// Stack index of the innermost open `<table>`.
    fn open_table(&self) -> Option<usize> {
        self.find_open(|t| t == Tag::Table, |_| false)
    }

    /// Closes the elements at stack index `k` and above.
    fn pop_to(&mut self, k: usize) {
        if k >= self.stack.len() {
            return;
        }
        let hidden = self.stack[k..]
            .iter()
            .filter(|&&id| self.element(id).is_some_and(|e| e.hidden))
            .count();
        self.hidden_open = self.hidden_open.saturating_sub(hidden);
        self.stack.truncate(k);
        self.flat.clear();
        self.flat_tables = 0;
    }

    /// Records a flattened open tag.
    fn flat_push(&mut self, tag: Tag) {
        if tag == Tag::Table {
            self.flat_tables += 1;
        }
        self.flat.push(tag);
    }

    /// Forgets the innermost flattened open tag.
    fn flat_pop(&mut self) -> Option<Tag> {
        let tag = self.flat.pop()?;
        if tag == Tag::Table {
            self.flat_tables = self.flat_tables.saturating_sub(1);
        }
        Some(tag)
    }

    /// Where new content goes: the parent and the sibling to insert before
    /// (`Some(table)` when content is fostered out of a table).
    fn insertion_point(&self) -> (NodeId, Option<NodeId>) {
        let current = self.current();
        if matches!(self.tag(current), Tag::Table | Tag::Tr) {
            if let Some(k) = self.open_table() {
                let table = self.stack[k];
                return (self.tree.nodes[table].parent, Some(table));
            }
        }
        (current, None)
    }

    /// Adds a node at the insertion point and returns it.
    fn insert(&mut self, kind: Kind) -> NodeId {
        let (parent, before) = self.insertion_point();
        self.insert_at(kind, parent, before)
    }

    /// Adds a node as a child of `parent`, before `before` or last.
    fn insert_at(&mut self, kind: Kind, parent: NodeId, before: Option<NodeId>) -> NodeId {
        let id = self.tree.nodes.len();
        let (prev, next) = match before {
            Some(b) => (self.tree.nodes[b].prev, Some(b)),
            None => (self.tree.nodes[parent].last, None),
        };
        self.tree.nodes.push(Node {
            kind,
            parent,
            first: None,
            last: None,
            prev,
            next,
        });
        match prev {
            Some(p) => self.tree.nodes[p].next = Some(id),
            None => self.tree.nodes[parent].first = Some(id),
        }
        match next {
            Some(n) => self.tree.nodes[n].prev = Some(id),
            None => self.tree.nodes[parent].last = Some(id),
        }
        id
    }

    /// Handles text.
    fn text(&mut self, text: &str, line: u32) {
        if self.skip.is_some() || text.is_empty() {
            return;
        }
        let (parent, before) = self.insertion_point();
        if before.is_some() && text.bytes().all(|b| b.is_ascii_whitespace()) {
            return;
        }
        let prev = match before {
            Some(b) => self.tree.nodes[b].prev,
            None => self.tree.nodes[parent].last,
        };
        if let Some(Kind::Text { text: t, marks, .. }) = prev.map(|p| &mut self.tree.nodes[p].kind)
        {
            marks.push((t.len(), line));
            t.push_str(text);
            return;
        }
        self.insert(Kind::Text {
            text: text.to_owned(),
            line,
            marks: Vec::new(),
        });
    }

    /// Opens an element (or flattens it beyond the depth limit).
    fn push(&mut self, tag: Tag, hidden: bool, attrs: &Attrs, line: u32) {
        // A table needs room for a row and a cell too.
        let room = if tag == Tag::Table { 3 } else { 1 };
        if self.stack.len() + room > self.max_depth {
            if hidden {
                self.skip = Some((tag, 1));
            } else if !tag.is_inline() {
                self.insert(Kind::Break);
                self.flat_push(tag);
            }
            return;
        }
        let group = if tag == Tag::Tr {
            self.open_table()
                .and_then(|k| self.element(self.stack[k]))
                .map_or(0, |t| t.group)
        } else {
            0
        };
        let element = Kind::Element(Element {
            tag,
            line,
            hidden,
            rowspan: attrs.rowspan,
            colspan: attrs.colspan,
            group,
        });
        // Rows, cells and captions go into their table; anything else in a
        // table outside a cell is fostered out of it.
        let id = if matches!(tag, Tag::Tr | Tag::Td | Tag::Th | Tag::Caption) {
            self.insert_at(element, self.current(), None)
        } else {
            self.insert(element)
        };
        self.stack.push(id);
        if hidden {
            self.hidden_open += 1;
        }
    }

    /// Closes an open `<p>` within the current cell.
    fn close_p(&mut self) {
        if let Some(k) = self.find_open(
            |t| t == Tag::P,
            |t| {
                t.is_table_part()
                    || matches!(
                        t,
                        Tag::Button | Tag::Applet | Tag::Marquee | Tag::Object | Tag::Template
                    )
            },
        ) {
            self.pop_to(k);
        }
    }

    /// Counts one table cell.
    fn count_cell(&mut self) -> Result<()> {
        self.tree.cells += 1;
        if self.tree.cells > self.max_cells {
            return Err(Error::Limit {
                path: self.path.to_owned(),
                what: format!("number of table cells (over {})", self.max_cells),
                limit: self.max_cells,
            });
        }
        Ok(())
    }

    /// Handles a start tag.
    fn start_tag(&mut self, tag: Tag, self_closing: bool, attrs: Attrs, line: u32) -> Result<()> {
        if let Some((skipped, open)) = &mut self.skip {
            if *skipped == tag && !self_closing {
                *open += 1;
            }
            return Ok(());
        }
        use Tag::*;
        match tag {
            Html | Head | Body | Colgroup | Col => {}
            Br | Hr => {
                self.insert(Kind::Break);
            }
            t if t.is_void() => {}
            Table => {
                // `<table>` in a table (outside a cell) ends that table.
                if self.flat_tables == 0 && matches!(self.tag(self.current()), Table | Tr) {
                    if let Some(k) = self.open_table() {
                        self.pop_to(k);
                    }
                }
                if self.flat_tables == 0 {
                    self.close_p();
                }
                self.push(Table, attrs.hidden, &attrs, line);
            }
            Caption | Thead | Tbody | Tfoot | Tr | Td | Th if self.flat_tables > 0 => {
                // A part of a flattened table: rows are lines, cells spaces.
                let closes = |t: Tag| match tag {
                    Td | Th => matches!(t, Td | Th),
                    Caption => false,
                    _ => matches!(t, Td | Th | Tr),
                };
                while self.flat.last().is_some_and(|&t| closes(t)) {
                    self.flat_pop();
                }
                match tag {
                    Td | Th => {
                        self.count_cell()?;
                        self.insert(Kind::CellSep);
                        self.flat_push(tag);
                    }
                    Tr | Caption => {
                        self.insert(Kind::Break);
                        self.flat_push(tag);
                    }
                    _ => {}
                }
            }
            Caption | Thead | Tbody | Tfoot | Tr | Td | Th => {
                let Some(k) = self.open_table() else {
                    return Ok(()); // Table parts outside a table are ignored.
                };
                let table = self.stack[k];
                match tag {
                    Caption => {
                        self.pop_to(k + 1);
                        self.push(Caption, attrs.hidden, &attrs, line);
                    }
                    Thead | Tbody | Tfoot => {
                        self.pop_to(k + 1);
                        if let Some(Kind::Element(e)) =
                            self.tree.nodes.get_mut(table).map(|n| &mut n.kind)
                        {
                            e.group = e.group.saturating_add(1);
                        }
                    }
                    Tr => {
                        self.pop_to(k + 1);
                        self.push(Tr, attrs.hidden, &attrs, line);
                    }
                    _ => {
                        self.count_cell()?;
                        match self.find_open(|t| t == Tr, |t| t == Table) {
                            Some(r) => self.pop_to(r + 1),
                            None => {
                                self.pop_to(k + 1);
                                let plain = Attrs {
                                    hidden: false,
                                    open: false,
                                    rowspan: None,
                                    colspan: None,
                                };
                                self.push(Tr, false, &plain, line);
                            }
                        }
                        self.push(tag, attrs.hidden, &attrs, line);
                    }
                }
            }
            Svg | Math if self_closing => {}
            _ => {
                // Implied end tags; not across a flattened table.
                let implied = if self.flat_tables == 0 { tag } else { Other };
                if implied.closes_p() {
                    self.close_p();
                }
                match implied {
                    H(_) => {
                        if matches!(self.tag(self.current()), H(_)) {
                            self.pop_to(self.stack.len() - 1);
                        }
                    }
                    Li => self.close_item(|t| t == Li),
                    Dt | Dd => self.close_item(|t| matches!(t, Dt | Dd)),
                    _ => {}
                }
                let hidden = attrs.hidden || tag.is_dropped() || (tag == Dialog && !attrs.open);
                if tag == Other || (tag.is_inline() && !hidden && self.hidden_open == 0) {
                    return Ok(());
                }
                self.push(tag, hidden, &attrs, line);
            }
        }
        Ok(())
    }

    /// Closes an open list item matching `item` (for `<li>`, `<dt>`, `<dd>`).
    fn close_item(&mut self, item: impl Fn(Tag) -> bool) {
        let stop = |t: Tag| {
            t.is_table_part() || matches!(t, Tag::Ul | Tag::Ol | Tag::Dl | Tag::Menu | Tag::Dir)
        };
        if let Some(k) = self.find_open(item, stop) {
            self.pop_to(k);
        }
    }

    /// Handles an end tag.
    fn end_tag(&mut self, tag: Tag) {
        if let Some((skipped, open)) = &mut self.skip {
            if *skipped == tag {
                *open -= 1;
                if *open == 0 {
                    self.skip = None;
                }
                return;
            }
            // The end tag of an open element ends the skipped one too.
            if tag == Tag::Other || self.find_open(|t| t == tag, |_| false).is_none() {
                return;
            }
            self.skip = None;
        }
        if !self.flat.is_empty() {
            // Items that end by themselves (`<p>`, `<li>`, cells …) are
            // closed by any end tag of an element opened before them.
            while self.flat.last().is_some_and(|&t| {
                t != tag
                    && matches!(
                        t,
                        Tag::P
                            | Tag::Li
                            | Tag::Dt
                            | Tag::Dd
                            | Tag::Td
                            | Tag::Th
                            | Tag::Tr
                            | Tag::Caption
                    )
                    && !(matches!(tag, Tag::Td | Tag::Th | Tag::Caption) && t == Tag::Tr)
            }) {
                self.flat_pop();
            }
            if self.flat.last() == Some(&tag) {
                self.flat_pop();
                self.insert(Kind::Break);
                return;
            }
            if tag == Tag::Table && self.flat_tables > 0 {
                while self.flat_pop().is_some_and(|t| t != Tag::Table) {}
                self.insert(Kind::Break);
                return;
            }
            if self.flat_tables > 0
                && matches!(
                    tag,
                    Tag::Tr
                        | Tag::Td
                        | Tag::Th
                        | Tag::Caption
                        | Tag::Thead
                        | Tag::Tbody
                        | Tag::Tfoot
                )
            {
                return;
            }
        }
        use Tag::*;
        let within_table = |t: Tag| t == Table;
        match tag {
            Html | Head | Body | Colgroup | Col | Other => {}
            Br => {
                self.insert(Kind::Break);
            }
            t if t.is_void() => {}
            P => match self.find_open(|t| t == P, |t| t.is_table_part() || t == Button) {
                Some(k) => self.pop_to(k),
                None => {
                    self.insert(Kind::Break);
                }
            },
            H(_) => {
                if let Some(k) = self.find_open(|t| matches!(t, H(_)), Tag::is_table_part) {
                    self.pop_to(k);
                }
            }
            Table => {
                if let Some(k) = self.open_table() {
                    self.pop_to(k);
                }
            }
            Tr | Td | Th | Caption => {
                if let Some(k) = self.find_open(|t| t == tag, within_table) {
                    self.pop_to(k);
                }
            }
            Thead | Tbody | Tfoot => {
                if let Some(k) = self.open_table() {
                    self.pop_to(k + 1);
                }
            }
            t if t.is_inline() => {
                // An inline end tag never closes a block.
                if let Some(k) = self.find_open(|x| x == t, |x| !x.is_inline()) {
                    self.pop_to(k);
                }
            }
            t => {
                if let Some(k) = self.find_open(|x| x == t, Tag::is_table_part) {
                    self.pop_to(k);
                }
            }
        }
    }
}

impl Tree {
    /// The children of `id`, first to last.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            tree: self,
            next: self.nodes.get(id).and_then(|n| n.first),
        }
    }

    /// The element data of node `id`, if it is an element.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes.get(id)?.kind {
            Kind::Element(e) => Some(e),
            _ => None,
        }
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    /// The tree.
    tree: &'a Tree,
    /// The next child to give.
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.tree.nodes.get(id).and_then(|n| n.next);
        Some(id)
    }
}
