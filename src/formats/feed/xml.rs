//! The guarded XML reader every feed format shares: a file's bytes decoded by what it
//! declares, then read with quick-xml into a [`Document`], one list of nodes.
//!
//! XML is a classic attack surface, so the reader is defensive by construction:
//! - **No DTD processing.** quick-xml never reads a DTD or expands a declared entity; a
//!   document whose `DOCTYPE` declares entities (a "billion laughs" bomb, an external
//!   `SYSTEM "file:///etc/passwd"` entity) is refused outright, since an item that needs
//!   them cannot be read faithfully without them. A `DOCTYPE` that only names a DTD (NITF's
//!   `<!DOCTYPE nitf SYSTEM "nitf.dtd">`) is ignored: nothing is fetched. A reference to an
//!   undeclared entity stays in the text as written (`&foo;`).
//! - **Bounded nesting**: more than [`MAX_DEPTH`] open elements is refused.
//! - **Errors with a position**: malformed or truncated XML names the line and column.
//!
//! The file size limit is [`crate::storage::fsio`]'s, checked before any byte is read here.
//!
//! The nodes sit in one list in document order, each knowing where its subtree ends (as
//! roxmltree keeps a document): an element's children follow it, and a child's end is its
//! next sibling. Reading a document is then one growing list, not a list per element, and
//! an element is a number into it ([`Element`], a copyable handle). Names, attribute values
//! and text without references are slices of the decoded text, not copies. A tree of
//! elements each owning its children cost as much again as quick-xml's own pass (README,
//! Agency feeds).

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::escape::{resolve_html5_entity, resolve_predefined_entity};
use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use crate::import::Repair;

/// Deepest nesting of elements read; no news item needs more than a few dozen.
pub const MAX_DEPTH: usize = 256;

/// A document read whole: its nodes in document order. Node 0 is the document itself,
/// holding the root element (and, for HTML, whatever the fragment holds).
#[derive(Debug)]
pub struct Document<'a> {
    nodes: Vec<Data<'a>>,
    /// The attributes of start tags whose values hold a reference or white space to
    /// normalise, read once when the tag was; every other tag's values are themselves.
    normalized: Vec<Vec<(Cow<'a, str>, Cow<'a, str>)>>,
    /// The root element (the first element in the document), or 0 for none.
    root: u32,
    html: bool,
}

/// One node: an element or a run of text.
#[derive(Debug)]
struct Data<'a> {
    /// An element's local name as written (lower case in HTML); a text node's text, its
    /// references resolved.
    text: Cow<'a, str>,
    /// An element's start tag between `<` and `>` (or `/>`); empty for text.
    tag: &'a str,
    /// The number just past this node's subtree: its next sibling's, when it has one.
    end: u32,
    /// How many bytes of `tag` the qualified name takes.
    name_len: u32,
    /// One more than the number of its list in [`Document::normalized`]; 0 when its
    /// attributes are read from `tag` as they stand.
    normalized: u32,
    element: bool,
}

impl<'a> Document<'a> {
    /// The root element.
    pub fn root(&self) -> Element<'_> {
        Element {
            doc: self,
            id: self.root,
        }
    }

    /// The document itself as an element with no name and no attributes (for HTML, named
    /// `div`): its children are the root element, or every node of an HTML fragment.
    pub fn top(&self) -> Element<'_> {
        Element { doc: self, id: 0 }
    }

    fn data(&self, id: u32) -> &Data<'a> {
        &self.nodes[id as usize]
    }
}

/// An element of a [`Document`]: a number into its list of nodes, so it is copied, not
/// borrowed, and costs nothing to hand around.
#[derive(Clone, Copy)]
pub struct Element<'d> {
    doc: &'d Document<'d>,
    id: u32,
}

impl std::fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}>", self.name())
    }
}

/// Content of an element.
#[derive(Debug, Clone, Copy)]
pub enum Node<'d> {
    Element(Element<'d>),
    /// Text and CDATA, references resolved; text split by a reference is one node.
    Text(&'d str),
}

/// The nodes directly inside an element, in order.
pub struct Children<'d> {
    doc: &'d Document<'d>,
    next: u32,
    end: u32,
}

impl<'d> Iterator for Children<'d> {
    type Item = Node<'d>;

    fn next(&mut self) -> Option<Node<'d>> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        let data = self.doc.data(id);
        self.next = data.end;
        Some(if data.element {
            Node::Element(Element { doc: self.doc, id })
        } else {
            Node::Text(&data.text)
        })
    }
}

impl<'d> Element<'d> {
    fn data(self) -> &'d Data<'d> {
        self.doc.data(self.id)
    }

    /// The local name as written (`newsItem`, `NewsLines`, `p`); lower case in HTML.
    pub fn name(self) -> &'d str {
        &self.data().text
    }

    /// The namespace URI, or empty (always in HTML).
    ///
    /// Worked out when asked, from the declarations on the way down from the root: the
    /// readers ask it of the root element alone, so resolving every element's namespace
    /// while reading was work for nothing.
    pub fn ns(self) -> &'d str {
        if self.doc.html {
            return "";
        }
        let mut bindings: Vec<(&str, &str)> = Vec::new();
        let mut at = self.top();
        loop {
            for (key, value) in at.attributes() {
                if key == "xmlns" {
                    bindings.push(("", value));
                } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                    bindings.push((prefix, value));
                }
            }
            if at.id == self.id {
                break;
            }
            // The child whose subtree holds this element.
            match at
                .elements()
                .find(|c| c.id <= self.id && self.id < c.data().end)
            {
                Some(child) => at = child,
                None => return "",
            }
        }
        let data = self.data();
        let qname = data.tag.get(..data.name_len as usize).unwrap_or_default();
        let prefix = qname.split_once(':').map_or("", |(p, _)| p);
        if prefix == "xml" {
            return XML_NAMESPACE;
        }
        bindings
            .iter()
            .rev()
            .find(|(p, _)| *p == prefix)
            .map_or("", |(_, uri)| uri)
    }

    /// Every attribute, in the order written, by its name as written (lower case in
    /// HTML), values normalised.
    pub fn attributes(self) -> impl Iterator<Item = (&'d str, &'d str)> {
        let data = self.data();
        let listed = (data.normalized > 0)
            .then(|| self.doc.normalized.get(data.normalized as usize - 1))
            .flatten();
        let plain = listed
            .is_none()
            .then(|| plain_attributes(data.tag, data.name_len as usize, self.doc.html));
        listed
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.as_ref(), v.as_ref()))
            .chain(plain.into_iter().flatten())
    }

    /// An attribute's value by its name as written, else by its local name (`href` finds
    /// `xlink:href` when there is no `href`; `lang` finds `xml:lang`).
    pub fn attr(self, name: &str) -> Option<&'d str> {
        let data = self.data();
        if data.normalized == 0 {
            // The pairs in the simple form read where they stand: the readers ask a few
            // dozen attributes of an item, and going through [`Element::attributes`]'s
            // chain of iterators cost as much again as reading the pairs.
            let simple = Simple {
                rest: data.tag.get(data.name_len as usize..).unwrap_or_default(),
            };
            if let Ok(found) = self.attr_among(name, simple) {
                return found;
            }
            // Not all in the simple form: all of them again, the general way.
        }
        self.attr_among(name, self.attributes().map(Ok))
            .ok()
            .flatten()
    }

    /// [`Element::attr`] among `pairs`; `Err` at the first that could not be read.
    fn attr_among<'v>(
        self,
        name: &str,
        pairs: impl Iterator<Item = Result<(&'v str, &'v str), ()>>,
    ) -> Result<Option<&'v str>, ()> {
        let mut by_local = None;
        for pair in pairs {
            let (key, value) = pair?;
            match self.key_is(key, name) {
                Some(true) => return Ok(Some(value)),
                Some(false) if by_local.is_none() => by_local = Some(value),
                _ => {}
            }
        }
        Ok(by_local)
    }

    /// Whether attribute `key` is `name`: `Some(true)` as written, `Some(false)` by its
    /// local name only (`xlink:href` for `href`), `None` not at all. Any case in HTML.
    fn key_is(self, key: &str, name: &str) -> Option<bool> {
        let same = |a: &str| {
            if self.doc.html {
                a.eq_ignore_ascii_case(name)
            } else {
                a == name
            }
        };
        if same(key) {
            return Some(true);
        }
        // Keys are a few bytes: a plain loop rather than a vector search.
        let colon = key.bytes().rposition(|b| b == b':')?;
        same(&key[colon + 1..]).then_some(false)
    }

    /// The document this element is in, as [`Document::top`].
    #[must_use]
    pub fn top(self) -> Element<'d> {
        Element {
            doc: self.doc,
            id: 0,
        }
    }

    /// The nodes directly inside, in order.
    pub fn children(self) -> Children<'d> {
        Children {
            doc: self.doc,
            next: self.id + 1,
            end: self.data().end,
        }
    }

    /// The child elements.
    pub fn elements(self) -> impl Iterator<Item = Element<'d>> {
        self.children().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The child elements of this local name.
    pub fn children_named(self, name: &str) -> impl Iterator<Item = Element<'d>> {
        self.elements().filter(move |e| e.name() == name)
    }

    /// The first child element of this local name.
    pub fn child(self, name: &str) -> Option<Element<'d>> {
        self.elements().find(|e| e.name() == name)
    }

    /// The element at a path of child names (`["contentMeta", "headline"]`).
    pub fn path(self, names: &[&str]) -> Option<Element<'d>> {
        names.iter().try_fold(self, |e, n| e.child(n))
    }

    /// Every element inside, at any depth, in document order.
    fn descendants(self) -> impl Iterator<Item = Element<'d>> {
        let doc = self.doc;
        (self.id + 1..self.data().end)
            .filter(move |&id| doc.data(id).element)
            .map(move |id| Element { doc, id })
    }

    /// The first descendant (in document order, this element excluded) of this local name.
    pub fn find(self, name: &str) -> Option<Element<'d>> {
        self.descendants().find(|e| e.name() == name)
    }

    /// All descendants of this local name, in document order.
    pub fn find_all(self, name: &str, out: &mut Vec<Element<'d>>) {
        out.extend(self.descendants().filter(|e| e.name() == name));
    }

    /// All the text inside, as written.
    pub fn text(self) -> String {
        let doc = self.doc;
        let mut out = String::new();
        for id in self.id + 1..self.data().end {
            let data = doc.data(id);
            if !data.element {
                out.push_str(&data.text);
            }
        }
        out
    }

    /// All the text inside with runs of white space made one space, trimmed.
    pub fn text_collapsed(self) -> String {
        let mut texts = (self.id + 1..self.data().end)
            .map(|id| self.doc.data(id))
            .filter(|d| !d.element);
        match (texts.next(), texts.next()) {
            // Most metadata is one run of text: collapsed without joining it first.
            (None, _) => String::new(),
            (Some(only), None) => collapse(&only.text),
            _ => collapse(&self.text()),
        }
    }
}

/// Runs of white space made one space, trimmed.
pub fn collapse(text: &str) -> String {
    let bytes = text.as_bytes();
    // Most values (a name, a code, a date) are collapsed already: one plain space between
    // words and none at either end; those are copied as they stand.
    // One loop with the byte before, where pairing each byte with the next cost three times
    // as much. A space first (after the made-up one before the start), two in a row or one
    // last is not plain; nor is other white space or anything beyond ASCII.
    let mut before = b' ';
    let plain = bytes.iter().all(|&b| {
        let ok = if b == b' ' {
            before != b' '
        } else {
            b > b' ' && b < 0x80
        };
        before = b;
        ok
    }) && (bytes.is_empty() || before != b' ');
    if plain {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Why a document could not be read as XML.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum XmlError {
    #[error("line {line}, column {column}: malformed XML: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "line {line}, column {column}: truncated XML: the file ends before `<{open}>` is closed"
    )]
    Truncated {
        line: usize,
        column: usize,
        open: String,
    },
    #[error(
        "line {line}, column {column}: the DOCTYPE declares entities; Newsdesk never processes a DTD or expands entities (an entity bomb or an external file), so it does not read this file"
    )]
    Entities { line: usize, column: usize },
    #[error("line {line}, column {column}: elements nested more than {MAX_DEPTH} deep")]
    TooDeep { line: usize, column: usize },
    #[error("the file declares encoding `{0}`, which Newsdesk does not know")]
    UnknownEncoding(String),
    #[error("no XML element in the file")]
    NoElement,
}

/// Text decoded from a file's bytes (borrowing them when they are UTF-8 already), with
/// what decoding had to repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// Repairs for the import report (a byte-order mark, a mislabelled encoding).
    pub repairs: Vec<(Repair, String)>,
    /// Warnings for the import report.
    pub warnings: Vec<String>,
}

/// Decodes an XML file's bytes: a byte-order mark (UTF-8 or UTF-16) wins, then the
/// encoding the declaration names (UTF-8 if none). A file that declares ISO-8859-1 or
/// Windows-1252 but whose bytes are valid, non-ASCII UTF-8 was mislabelled (Latin-1 text
/// with accents is almost never valid UTF-8): it is read as UTF-8 and the repair reported.
/// A file that should be UTF-8 but is not is read as Windows-1252 with a warning, as raw
/// copy is.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, XmlError> {
    let mut repairs = Vec::new();
    let mut warnings = Vec::new();
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        repairs.push((Repair::Bom, format!("{} byte-order mark", encoding.name())));
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(Decoded {
            text: Cow::Owned(text.into_owned()),
            repairs,
            warnings,
        });
    }
    let declared = declared_encoding(bytes);
    let encoding = match &declared {
        None => encoding_rs::UTF_8,
        Some(label) => encoding_rs::Encoding::for_label(label.as_bytes())
            .ok_or_else(|| XmlError::UnknownEncoding(label.clone()))?,
    };
    let utf8 = simdutf8::basic::from_utf8(bytes).ok();
    let text = if encoding == encoding_rs::UTF_8 {
        if let Some(text) = utf8 {
            Cow::Borrowed(text)
        } else {
            repairs.push((Repair::Encoding, "the file is not UTF-8".to_owned()));
            warnings.push(
                "the file is not UTF-8 as it declares; it was read as Windows-1252, check accented letters and quotes"
                    .to_owned(),
            );
            Cow::Owned(
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned(),
            )
        }
    } else if let Some(text) = utf8.filter(|_| !bytes.is_ascii() && encoding.is_ascii_compatible())
    {
        repairs.push((
            Repair::Mislabelled,
            format!(
                "declared {} but the bytes are UTF-8; read as UTF-8",
                declared.as_deref().unwrap_or_default()
            ),
        ));
        Cow::Borrowed(text)
    } else {
        Cow::Owned(encoding.decode_without_bom_handling(bytes).0.into_owned())
    };
    Ok(Decoded {
        text,
        repairs,
        warnings,
    })
}

/// The `encoding` of the XML declaration, if the file starts with one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    // The declaration is ASCII in every ASCII-compatible encoding; it is short.
    let head = &bytes[..bytes.len().min(512)];
    let mut reader = quick_xml::Reader::from_reader(head);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Decl(d)) => {
                return d
                    .encoding()
                    .and_then(Result::ok)
                    .map(|e| String::from_utf8_lossy(&e).trim().to_owned());
            }
            Ok(Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => buf.clear(),
            _ => return None,
        }
    }
}

/// Line and column (1-based, the column in characters) of byte `at` in `text`.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Reads an XML document.
pub fn parse(text: &str) -> Result<Document<'_>, XmlError> {
    let doc = build(text, false)?;
    if doc.root == 0 {
        return Err(XmlError::NoElement);
    }
    Ok(doc)
}

/// Reads HTML as agencies put it inside CDATA (`<P>`, `<br>`, `&nbsp;`, unclosed tags),
/// leniently: tag names in lower case, void elements closed, a stray end tag ignored; its
/// [`Document::top`] is a `div` holding it. `None` when even that fails (then the text is
/// not markup).
pub fn parse_html(text: &str) -> Option<Document<'_>> {
    build(text, true).ok()
}

fn pos(text: &str, at: u64) -> (usize, usize) {
    line_column(text, usize::try_from(at).unwrap_or(usize::MAX))
}

/// HTML elements that never have content, so their start tag closes them.
const VOID: [&str; 8] = ["br", "hr", "img", "meta", "link", "input", "col", "wbr"];

fn build(text: &str, html: bool) -> Result<Document<'_>, XmlError> {
    let mut reader = Reader::from_str(text);
    {
        let config = reader.config_mut();
        config.check_end_names = !html;
        config.allow_unmatched_ends = html;
        config.allow_dangling_amp = html;
    }
    let mut tree = Tree::new(text, html);
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let (line, column) = pos(text, reader.error_position());
                return Err(XmlError::Syntax {
                    line,
                    column,
                    message: e.to_string(),
                });
            }
        };
        match event {
            Event::Start(start) => {
                if tree.open.len() > MAX_DEPTH {
                    let (line, column) = pos(text, reader.buffer_position());
                    return Err(XmlError::TooDeep { line, column });
                }
                tree.element(&start);
                let id = tree.doc.nodes.len() - 1;
                if html && VOID.contains(&tree.doc.nodes[id].text.as_ref()) {
                    tree.end_here(id);
                    continue;
                }
                tree.open.push(Open {
                    id,
                    text_last: false,
                });
            }
            Event::Empty(start) => {
                tree.element(&start);
                tree.end_here(tree.doc.nodes.len() - 1);
            }
            Event::End(end) => {
                if html {
                    // Close up to the matching open element; a stray end tag closes nothing.
                    let name = end.local_name();
                    let name = name.as_ref();
                    let nodes = &tree.doc.nodes;
                    if let Some(at) = tree
                        .open
                        .iter()
                        .rposition(|o| nodes[o.id].text.as_bytes().eq_ignore_ascii_case(name))
                        && at > 0
                    {
                        while tree.open.len() > at {
                            tree.close();
                        }
                    }
                } else {
                    // quick-xml has checked the name matches.
                    tree.close();
                }
            }
            Event::Text(t) => {
                let s = tree.content(&t, || t.xml10_content());
                tree.text(s);
            }
            Event::CData(c) => {
                let s = tree.content(&c, || c.xml10_content());
                tree.text(s);
            }
            Event::GeneralRef(r) => tree.text(reference(&r, html)),
            Event::DocType(d) if !html && d.windows(8).any(|w| w == b"<!ENTITY") => {
                let (line, column) = pos(text, reader.buffer_position());
                return Err(XmlError::Entities { line, column });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if tree.open.len() > 1 {
        if !html {
            let (line, column) = line_column(text, text.len());
            let open = tree
                .open
                .last()
                .map(|o| tree.doc.nodes[o.id].text.clone().into_owned())
                .unwrap_or_default();
            return Err(XmlError::Truncated { line, column, open });
        }
        while tree.open.len() > 1 {
            tree.close();
        }
    }
    Ok(tree.finish())
}

/// A character or entity reference's text. Never expanded from a DTD: an undeclared
/// entity stays as written.
fn reference(r: &BytesRef<'_>, html: bool) -> Cow<'static, str> {
    let name = r.decode().unwrap_or_default();
    let resolved = match r.resolve_char_ref() {
        Ok(Some(c)) => Some(Cow::Owned(c.to_string())),
        _ => resolve_predefined_entity(&name)
            .or_else(|| {
                if html {
                    resolve_html5_entity(&name)
                } else {
                    None
                }
            })
            .map(Cow::Borrowed),
    };
    resolved.unwrap_or_else(|| Cow::Owned(format!("&{name};")))
}

/// The document being read, and where it is in it.
struct Tree<'a> {
    text: &'a str,
    html: bool,
    /// Whether the text holds a carriage return anywhere: most have none, and then no
    /// run of text need be searched for one (one search of the whole text, with SIMD, is
    /// cheaper than a search of each of its runs).
    has_cr: bool,
    doc: Document<'a>,
    /// The document node, then the open elements.
    open: Vec<Open>,
}

struct Open {
    /// The element's number.
    id: usize,
    /// Whether its last node so far is text (a reference's text joins it).
    text_last: bool,
}

impl<'a> Tree<'a> {
    fn new(text: &'a str, html: bool) -> Self {
        // A news item has a node every 16 to 80 bytes (an indented tag and its text), so
        // this spares growing the list (and moving what it holds) without counting them.
        let mut nodes = Vec::with_capacity(text.len() / 16 + 2);
        nodes.push(Data {
            text: Cow::Borrowed(if html { "div" } else { "" }),
            tag: "",
            end: 0,
            name_len: 0,
            normalized: 0,
            element: true,
        });
        Self {
            text,
            html,
            has_cr: memchr::memchr(b'\r', text.as_bytes()).is_some(),
            doc: Document {
                nodes,
                normalized: Vec::new(),
                root: 0,
                html,
            },
            open: vec![Open {
                id: 0,
                text_last: false,
            }],
        }
    }

    /// Text or CDATA as the text holds it, unless its line ends must be made `\n` (or it is
    /// not a slice of the text; never the case for a reader over a `&str`).
    fn content<E>(
        &self,
        bytes: &[u8],
        normalized: impl FnOnce() -> Result<Cow<'a, str>, E>,
    ) -> Cow<'a, str> {
        match within(self.text, bytes) {
            Some(s) if !self.has_cr || memchr::memchr(b'\r', s.as_bytes()).is_none() => {
                Cow::Borrowed(s)
            }
            _ => normalized().unwrap_or(Cow::Borrowed("")),
        }
    }

    /// Adds an element from its start tag.
    fn element(&mut self, start: &BytesStart<'_>) {
        let name_len = start.name().as_ref().len();
        let html = self.html;
        let (tag, name) = if let Some(tag) = within(self.text, start) {
            (tag, lower(local_name(tag, name_len), html))
        } else {
            // Never the case for a reader over a `&str`; kept so no input can fail here.
            let owned = String::from_utf8_lossy(start).into_owned();
            let name = lower(local_name(&owned, name_len), html).into_owned();
            ("", Cow::Owned(name))
        };
        let attributes = tag.get(name_len..).unwrap_or_default().as_bytes();
        let normalized = if needs_normalising(attributes, self.has_cr) {
            self.doc
                .normalized
                .push(read_attributes(tag, name_len, html));
            u32::try_from(self.doc.normalized.len()).unwrap_or(0)
        } else {
            0
        };
        if let Some(open) = self.open.last_mut() {
            open.text_last = false;
        }
        self.doc.nodes.push(Data {
            text: name,
            tag,
            end: 0,
            name_len: u32::try_from(name_len).unwrap_or(0),
            normalized,
            element: true,
        });
        if self.doc.root == 0 && self.open.len() == 1 {
            self.doc.root = number(self.doc.nodes.len() - 1);
        }
    }

    /// Ends the subtree of node `id` here, after the last node added.
    fn end_here(&mut self, id: usize) {
        let end = number(self.doc.nodes.len());
        if let Some(data) = self.doc.nodes.get_mut(id) {
            data.end = end;
        }
    }

    fn close(&mut self) {
        if self.open.len() > 1
            && let Some(Open { id, .. }) = self.open.pop()
        {
            self.end_here(id);
        }
    }

    fn text(&mut self, text: Cow<'a, str>) {
        if text.is_empty() {
            return;
        }
        let Some(open) = self.open.last_mut() else {
            return;
        };
        if open.text_last
            && let Some(last) = self.doc.nodes.last_mut()
        {
            // Text split by a reference is joined; only then is it copied.
            last.text.to_mut().push_str(&text);
            return;
        }
        open.text_last = true;
        let id = number(self.doc.nodes.len());
        self.doc.nodes.push(Data {
            text,
            tag: "",
            end: id + 1,
            name_len: 0,
            normalized: 0,
            element: false,
        });
    }

    fn finish(mut self) -> Document<'a> {
        self.end_here(0);
        self.doc
    }
}

/// A node's number. A document of more than `u32::MAX` nodes would need a file far over
/// the size limit.
fn number(id: usize) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}

/// The namespace the `xml` prefix is bound to by definition.
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// Lower case for HTML names, borrowing when they are already.
#[inline]
fn lower(name: &str, html: bool) -> Cow<'_, str> {
    if html && name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// The element's name in its start tag without the prefix, as quick-xml's `local_name`.
fn local_name(tag: &str, name_len: usize) -> &str {
    let qname = tag.get(..name_len).unwrap_or(tag);
    // A name is a few bytes: a plain loop, where `split_once` set up a vector search.
    match qname.bytes().position(|b| b == b':') {
        Some(colon) => qname.get(colon + 1..).unwrap_or_default(),
        None => qname,
    }
}

/// The attributes of a start tag whose values need no normalising, as they stand in it.
/// Malformed ones are skipped: agencies' HTML has them, and the item's text matters more
/// than a broken attribute.
fn plain_attributes(tag: &str, name_len: usize, html: bool) -> PlainAttributes<'_> {
    PlainAttributes::Simple {
        simple: Simple {
            rest: tag.get(name_len..).unwrap_or_default(),
        },
        tag,
        name_len,
        html,
        read: 0,
    }
}

/// [`plain_attributes`]: read the simple way until a pair is not in the simple form, then
/// by quick-xml from the start, past the pairs already given (which it reads the same).
enum PlainAttributes<'a> {
    Simple {
        simple: Simple<'a>,
        tag: &'a str,
        name_len: usize,
        html: bool,
        read: usize,
    },
    Quick(QuickAttributes<'a>),
}

impl<'a> Iterator for PlainAttributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Self::Simple {
                simple,
                tag,
                name_len,
                html,
                read,
            } => {
                if let Ok(pair) = simple.next()? {
                    *read += 1;
                    return Some(pair);
                }
                let mut quick = QuickAttributes::new(tag, *name_len, *html);
                for _ in 0..*read {
                    quick.next();
                }
                *self = Self::Quick(quick);
                self.next()
            }
            Self::Quick(quick) => quick.next(),
        }
    }
}

/// The attributes of a start tag as quick-xml's reader gives them, values as they stand.
struct QuickAttributes<'a> {
    attributes: Attributes<'a>,
    tag: &'a str,
}

impl<'a> QuickAttributes<'a> {
    fn new(tag: &'a str, name_len: usize, html: bool) -> Self {
        Self {
            attributes: quick_xml_attributes(tag, name_len, html),
            tag,
        }
    }
}

/// quick-xml's reader of the attributes after a start tag's name: lenient (unquoted values,
/// names without one) for HTML, and without its duplicate check, since a broken attribute
/// is skipped rather than failing the item.
fn quick_xml_attributes(tag: &str, name_len: usize, html: bool) -> Attributes<'_> {
    let mut attributes = if tag.len() <= name_len {
        Attributes::new("", 0)
    } else if html {
        Attributes::html(tag, name_len)
    } else {
        Attributes::new(tag, name_len)
    };
    attributes.with_checks(false);
    attributes
}

/// Whether attribute text holds what normalising a value changes: a reference, or white
/// space other than a space. `cr` says whether a carriage return can be there at all (a
/// document without one spares the search).
fn needs_normalising(bytes: &[u8], cr: bool) -> bool {
    // Most tags hold a few bytes of attributes or none (`<p>`), tested a byte at a time;
    // the long ones (a dpa item's `newsItem`, `subject`s with codes) in one vector search,
    // where the byte-at-a-time test of all four was a twentieth of reading their tags.
    if bytes.len() < 16 {
        return bytes
            .iter()
            .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'));
    }
    memchr::memchr3(b'&', b'\n', b'\t', bytes).is_some()
        || cr && memchr::memchr(b'\r', bytes).is_some()
}

impl<'a> Iterator for QuickAttributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Ok(a) = self.attributes.next()? else {
                continue;
            };
            let Some(key) = within(self.tag, a.key.into_inner()) else {
                continue;
            };
            let value = match a.value {
                Cow::Borrowed(bytes) => within(self.tag, bytes),
                Cow::Owned(_) => None,
            };
            if let Some(value) = value {
                return Some((key, value));
            }
        }
    }
}

/// The attributes after a start tag's name in the one form XML is written in,
/// `name="value"` (or `'value'`) with spaces between, each read with one search for its
/// closing quote. quick-xml's general reader, which gives the same pairs (a proptest
/// holds them to it), took a sixteenth of reading a dpa item (README, Agency feeds);
/// anything else (an unquoted value, a space around `=`, a stray character) is left to it.
struct Simple<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Simple<'a> {
    /// A pair, or `Err` where the form is not the simple one.
    type Item = Result<(&'a str, &'a str), ()>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest.trim_start_matches(' ');
        if rest.is_empty() {
            self.rest = rest;
            return None;
        }
        // Stop after an error: the pairs after it are not read.
        self.rest = "";
        let bytes = rest.as_bytes();
        let Some(eq) = bytes
            .iter()
            .position(|b| matches!(b, b'=' | b' ' | b'"' | b'\''))
            .filter(|&eq| eq > 0 && bytes[eq] == b'=')
        else {
            return Some(Err(()));
        };
        let Some(&quote @ (b'"' | b'\'')) = bytes.get(eq + 1) else {
            return Some(Err(()));
        };
        let Some(len) = memchr::memchr(quote, &bytes[eq + 2..]) else {
            return Some(Err(()));
        };
        let end = eq + 2 + len;
        if bytes.get(end + 1).is_some_and(|&b| b != b' ') {
            return Some(Err(()));
        }
        self.rest = &rest[end + 1..];
        Some(Ok((&rest[..eq], &rest[eq + 2..end])))
    }
}

/// The attributes of a start tag, values normalised (see [`plain_attributes`]).
fn read_attributes(tag: &str, name_len: usize, html: bool) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    quick_xml_attributes(tag, name_len, html)
        .filter_map(Result::ok)
        .map(|a| {
            let key = match within(tag, a.key.into_inner()) {
                Some(key) => lower(key, html),
                None => Cow::Owned(String::from_utf8_lossy(a.key.into_inner()).into_owned()),
            };
            // A value with no reference and no white space to normalise is itself.
            if let Cow::Borrowed(bytes) = a.value
                && !needs_normalising(bytes, true)
                && let Some(value) = within(tag, bytes)
            {
                return (key, Cow::Borrowed(value));
            }
            let value = a
                .normalized_value_with(XmlVersion::Implicit1_0, 1, |e| {
                    resolve_predefined_entity(e)
                        .or_else(|| if html { resolve_html5_entity(e) } else { None })
                })
                .unwrap_or_else(|_| match &a.value {
                    Cow::Borrowed(b) => String::from_utf8_lossy(b),
                    Cow::Owned(b) => Cow::Owned(String::from_utf8_lossy(b).into_owned()),
                });
            (key, value)
        })
        .collect()
}

/// The part of `text` that `bytes` are, when they are a slice of it (as what quick-xml
/// reads from a `&str` is): no copy and no second UTF-8 check.
fn within<'a>(text: &'a str, bytes: &[u8]) -> Option<&'a str> {
    // A slice from before the text wraps round to an offset past its end, so `get` refuses
    // it as it refuses one after.
    let at = (bytes.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    text.get(at..at.checked_add(bytes.len())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_namespaces_attributes_and_text() {
        let doc = parse(
            "<?xml version=\"1.0\"?>\n<a xmlns=\"urn:x\" xml:lang=\"de\"><b k=\"1 &amp; 2\">x &lt; y &#39;z&#x27;</b><c/><![CDATA[<p>raw</p>]]></a>",
        )
        .unwrap();
        let root = doc.root();
        assert_eq!((root.name(), root.ns()), ("a", "urn:x"));
        assert_eq!(root.attr("xml:lang"), Some("de"));
        let b = root.child("b").unwrap();
        assert_eq!(b.attr("k"), Some("1 & 2"));
        assert_eq!(b.text(), "x < y 'z'");
        assert!(root.child("c").is_some());
        assert_eq!(root.text(), "x < y 'z'<p>raw</p>");
    }

    #[test]
    fn nodes_keep_document_order_siblings_and_split_text() {
        let doc = parse(concat!(
            "<r>a &amp; b<x><y>1</y><y>2<z/></y></x>&lt;c<x/>",
            "<y>3</y>tail</r>",
        ))
        .unwrap();
        let r = doc.root();
        let kinds: Vec<String> = r
            .children()
            .map(|n| match n {
                Node::Element(e) => format!("<{}>", e.name()),
                Node::Text(t) => t.to_owned(),
            })
            .collect();
        // A reference joins the text around it, but not across an element.
        assert_eq!(kinds, ["a & b", "<x>", "<c", "<x>", "<y>", "tail"]);
        let mut ys = Vec::new();
        r.find_all("y", &mut ys);
        let texts: Vec<String> = ys.iter().map(|y| y.text()).collect();
        assert_eq!(texts, ["1", "2", "3"]);
        assert_eq!(r.find("z").map(Element::name), Some("z"));
        assert_eq!(r.child("y").map(Element::text).as_deref(), Some("3"));
        assert_eq!(r.children_named("x").count(), 2);
        assert_eq!(r.path(&["x", "y"]).map(Element::text).as_deref(), Some("1"));
        assert_eq!(r.text(), "a & b12<c3tail");
        let first_x = r.child("x").unwrap();
        assert_eq!(first_x.elements().count(), 2);
        assert!(first_x.children_named("z").next().is_none());
        // The document node holds the root alone.
        assert_eq!(
            doc.top().elements().map(Element::name).collect::<Vec<_>>(),
            ["r"]
        );
    }

    #[test]
    fn attribute_values_are_normalised_or_borrowed_as_they_stand() {
        let text = "<a plain=\"urn:x:1\" spaced=\"one\ttwo\nthree\" referenced=\"x&#10;y &lt;\"/>";
        let doc = parse(text).unwrap();
        let root = doc.root();
        assert_eq!(root.attr("spaced"), Some("one two three"));
        assert_eq!(root.attr("referenced"), Some("x\ny <"));
        let plain = root.attr("plain").unwrap();
        assert_eq!(plain, "urn:x:1");
        assert!(text.as_bytes().as_ptr_range().contains(&plain.as_ptr()));
    }

    #[test]
    fn namespaces_are_scoped_to_the_element_declaring_them() {
        let doc = parse(concat!(
            "<n:a xmlns:n=\"urn:n\" xmlns=\"urn:d\">",
            "<b/>",
            "<c xmlns=\"urn:c\"><d/></c>",
            "<e xmlns=\"urn:e\"/>",
            "<f/>",
            "<g xmlns=\"\"><n:h/></g>",
            "<x:i/>",
            "</n:a>",
        ))
        .unwrap();
        let root = doc.root();
        let ns = |names: &[&str]| root.path(names).map(|e| e.ns().to_owned());
        assert_eq!((root.name(), root.ns()), ("a", "urn:n"));
        assert_eq!(ns(&["b"]).as_deref(), Some("urn:d"));
        assert_eq!(ns(&["c", "d"]).as_deref(), Some("urn:c"));
        assert_eq!(ns(&["e"]).as_deref(), Some("urn:e"));
        // An empty element's declaration binds nothing after it.
        assert_eq!(ns(&["f"]).as_deref(), Some("urn:d"));
        assert_eq!(ns(&["g"]).as_deref(), Some(""));
        assert_eq!(ns(&["g", "h"]).as_deref(), Some("urn:n"));
        // An unbound prefix is no namespace, as quick-xml's reader left it.
        assert_eq!(ns(&["i"]).as_deref(), Some(""));
        // The same URI is one shared string.
        let b = root.child("b").unwrap();
        let f = root.child("f").unwrap();
        assert!(std::ptr::eq(b.ns(), f.ns()));
    }

    #[test]
    fn entity_declarations_are_refused_and_undeclared_references_stay_text() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n<lolz>&lol2;</lolz>";
        assert!(matches!(parse(bomb), Err(XmlError::Entities { .. })));
        let external = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        assert!(matches!(parse(external), Err(XmlError::Entities { .. })));
        let named = parse("<!DOCTYPE nitf SYSTEM \"nitf.dtd\"><nitf>&e;</nitf>").unwrap();
        assert_eq!(named.root().text(), "&e;");
    }

    #[test]
    fn malformed_truncated_and_deep_documents_name_a_position() {
        let err = parse("<a>\n  <b></c>\n</a>").unwrap_err();
        assert!(matches!(err, XmlError::Syntax { line: 2, .. }), "{err}");
        let err = parse("<a>\n<b>text</b>\n<c>cut").unwrap_err();
        assert!(
            matches!(err, XmlError::Truncated { line: 3, ref open, .. } if open == "c"),
            "{err}"
        );
        let deep = "<a>".repeat(100_000);
        assert!(matches!(
            parse(&deep),
            Err(XmlError::TooDeep { line: 1, .. })
        ));
        assert!(matches!(parse("  "), Err(XmlError::NoElement)));
    }

    #[test]
    fn lenient_html_closes_void_and_unclosed_elements() {
        let doc = parse_html("<P>One<br>two &nbsp;&amp; <b>bold</P><p>Three").unwrap();
        let div = doc.top();
        assert_eq!(div.name(), "div");
        let ps: Vec<String> = div.children_named("p").map(Element::text).collect();
        assert_eq!(ps, ["Onetwo \u{a0}& bold", "Three"]);
        assert!(div.child("p").unwrap().child("br").is_some());
        let doc = parse_html("<A HREF=\"u\" Title='t &amp; s'>x</A>").unwrap();
        let a = doc.top().child("a").unwrap();
        assert_eq!(
            (a.attr("href"), a.attr("title")),
            (Some("u"), Some("t & s"))
        );
    }

    #[test]
    fn attributes_are_found_by_name_then_by_local_name() {
        let doc = parse("<a xlink:href=\"l\" href=\"h\" xml:lang=\"de\"/>").unwrap();
        let a = doc.root();
        assert_eq!(a.attr("href"), Some("h"));
        assert_eq!(a.attr("xlink:href"), Some("l"));
        assert_eq!(a.attr("lang"), Some("de"));
        assert_eq!(a.attr("nope"), None);
        let keys: Vec<&str> = a.attributes().map(|(k, _)| k).collect();
        assert_eq!(keys, ["xlink:href", "href", "xml:lang"]);
    }

    #[test]
    fn decoding_follows_the_declaration_and_catches_mislabelled_utf8() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>";
        let d = decode(latin1).unwrap();
        assert!(d.text.ends_with("<a>caf\u{e9}</a>") && d.repairs.is_empty());
        let mislabelled = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>café</a>";
        let d = decode(mislabelled.as_bytes()).unwrap();
        assert_eq!(d.text, mislabelled);
        assert_eq!(d.repairs[0].0, Repair::Mislabelled);
        let cp1252 = b"<?xml version='1.0' encoding='windows-1252'?><a>\x93q\x94</a>";
        assert!(decode(cp1252).unwrap().text.contains("\u{201c}q\u{201d}"));
        let bom = b"\xEF\xBB\xBF<a>x</a>";
        let d = decode(bom).unwrap();
        assert_eq!((d.text.as_ref(), d.repairs[0].0), ("<a>x</a>", Repair::Bom));
        let not_utf8 = b"<a>caf\xe9</a>";
        let d = decode(not_utf8).unwrap();
        assert_eq!(d.text, "<a>caf\u{e9}</a>");
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(
            decode(b"<?xml version=\"1.0\" encoding=\"klingon\"?><a/>"),
            Err(XmlError::UnknownEncoding("klingon".into()))
        );
    }

    fn read_by_quick_xml(tag: &str, name_len: usize, html: bool) -> Vec<(&str, &str)> {
        QuickAttributes::new(tag, name_len, html).collect()
    }

    proptest::proptest! {
        /// The simple reading gives what quick-xml gives, on tags written as XML is and on
        /// malformed ones.
        #[test]
        fn attributes_are_what_quick_xml_reads(
            attributes in "( |a|b:c|=|\"|'|x y|<|>){0,14}",
            html: bool,
        ) {
            let tag = format!("el{attributes}");
            proptest::prop_assert_eq!(
                plain_attributes(&tag, 2, html).collect::<Vec<_>>(),
                read_by_quick_xml(&tag, 2, html)
            );
        }

        #[test]
        fn well_formed_attributes_are_what_quick_xml_reads(
            pairs in proptest::collection::vec(("[a-z:]{1,4}", "[a-z <>=']{0,5}", 1..3usize), 0..5),
            html: bool,
        ) {
            let tag = pairs.iter().fold("el".to_owned(), |tag, (k, v, spaces)| {
                format!("{tag}{}{k}=\"{v}\"", " ".repeat(*spaces))
            });
            let simple = Simple { rest: &tag[2..] };
            proptest::prop_assert!(simple.into_iter().all(|p| p.is_ok()), "{}", tag);
            proptest::prop_assert_eq!(
                plain_attributes(&tag, 2, html).collect::<Vec<_>>(),
                read_by_quick_xml(&tag, 2, html)
            );
        }

        /// An attribute asked by name is the first written so, else the first of that local
        /// name, among every attribute read ([`Element::attributes`]), whichever way it is
        /// read.
        #[test]
        fn an_attribute_by_name_is_the_first_of_the_pairs(
            pairs in proptest::collection::vec(
                ("( |  |\n)", "(a|A|b:a|c:a|b:c|x)", "(v|&amp;| |'){0,3}"),
                0..6,
            ),
            junk in "(|=|\"| x|a='1')",
            name in "(a|c|b:c|x)",
            html: bool,
        ) {
            let attributes = pairs.iter().fold(String::new(), |out, (space, key, value)| {
                format!("{out}{space}{key}=\"{value}\"")
            });
            let text = format!("<el{attributes}{junk}/>");
            let doc = if html { parse_html(&text).ok_or(()) } else { parse(&text).map_err(|_| ()) };
            if let Ok(doc) = doc
                && let Some(el) = doc.top().elements().next()
            {
                let pairs: Vec<_> = el.attributes().collect();
                let same = |k: &str| if html { k.eq_ignore_ascii_case(&name) } else { k == name };
                let expected = pairs
                    .iter()
                    .find(|(k, _)| same(k))
                    .or_else(|| {
                        pairs
                            .iter()
                            .find(|(k, _)| k.rsplit_once(':').is_some_and(|(_, l)| same(l)))
                    })
                    .map(|(_, v)| *v);
                proptest::prop_assert_eq!(el.attr(&name), expected, "{}", text);
            }
        }

        /// The test for what normalising changes is the byte-at-a-time one, on tags short
        /// and long.
        #[test]
        fn normalising_is_needed_for_a_reference_or_white_space_not_a_space(
            bytes in proptest::collection::vec(proptest::sample::select(
                b"ab =\"&\t\n\r".to_vec()), 0..40),
        ) {
            let expected = bytes.iter().any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'));
            proptest::prop_assert_eq!(needs_normalising(&bytes, true), expected);
            if !bytes.contains(&b'\r') {
                proptest::prop_assert_eq!(needs_normalising(&bytes, false), expected);
            }
        }

        #[test]
        fn collapsing_is_splitting_on_white_space_and_joining(
            text in "[a-z \t\n\r\u{a0}\u{2003}\u{7f}\u{1}é]{0,16}",
        ) {
            proptest::prop_assert_eq!(
                collapse(&text),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn collapsed_text_joins_an_elements_text_runs() {
        let doc = parse("<a> one <b>two </b>\n three &amp; <c/> </a>").unwrap();
        assert_eq!(doc.root().text_collapsed(), "one two three &");
        let doc = parse("<a><b>  x  y </b><c/></a>").unwrap();
        assert_eq!(doc.root().child("b").unwrap().text_collapsed(), "x y");
        assert_eq!(doc.root().child("c").unwrap().text_collapsed(), "");
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("x", 99), (1, 2));
    }
}
