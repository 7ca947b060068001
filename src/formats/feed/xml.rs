//! The guarded XML reader every feed format shares: a file's bytes decoded by what it
//! declares, then read into a small element tree with quick-xml.
//!
//! XML is a classic attack surface, so the reader is defensive by construction:
//! - **No DTD processing.** quick-xml never reads a DTD or expands a declared entity; a
//!   document whose `DOCTYPE` declares entities (a "billion laughs" bomb, an external
//!   `SYSTEM "file:///etc/passwd"` entity) is refused outright, since an item that needs
//!   them cannot be read faithfully without them. A `DOCTYPE` that only names a DTD (NITF's
//!   `<!DOCTYPE nitf SYSTEM "nitf.dtd">`) is ignored: nothing is fetched. A reference to an
//!   undeclared entity stays in the text as written (`&foo;`).
//! - **Bounded nesting**: more than [`MAX_DEPTH`] open elements is refused (a tree walk
//!   could otherwise exhaust the stack).
//! - **Errors with a position**: malformed or truncated XML names the line and column.
//!
//! The file size limit is [`crate::storage::fsio`]'s, checked before any byte is read here.
//!
//! The tree borrows from the decoded text: names, attribute values and text without
//! references are slices of it, not copies (allocating each one cost several times the
//! whole quick-xml pass; README, Agency feeds), and a namespace is shared by the elements
//! in it.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::Arc;

use quick_xml::XmlVersion;
use quick_xml::escape::{resolve_html5_entity, resolve_predefined_entity};
use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use crate::import::Repair;

/// Deepest nesting of elements read; no news item needs more than a few dozen.
pub const MAX_DEPTH: usize = 256;

/// An element: its local name, namespace, attributes and content, borrowed from the
/// text it was read from where they stand in it as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element<'a> {
    /// The local name as written (`newsItem`, `NewsLines`, `p`); lower case in HTML.
    pub name: Cow<'a, str>,
    /// The namespace URI, or empty.
    pub ns: Arc<str>,
    pub attrs: Attrs<'a>,
    pub children: Vec<Node<'a>>,
}

/// An element's attributes, read from its start tag the first time one is asked for: the
/// mapping reads the attributes of a few elements only, and reading them all into a list
/// of their own for every element was a fifth of the element tree's cost (README, Agency
/// feeds).
#[derive(Clone, Default)]
pub struct Attrs<'a> {
    /// The start tag's content between `<` and `>` (or `/>`).
    tag: &'a str,
    /// How many bytes of `tag` the element's name takes.
    name_len: usize,
    html: bool,
    /// By their name as written (`xml:lang`, `qcode`), values unescaped.
    read: OnceCell<Vec<(Cow<'a, str>, Cow<'a, str>)>>,
}

impl<'a> Attrs<'a> {
    /// Attributes already read (an element made by hand, or from a tag the text does not
    /// hold as it is).
    pub fn from_list(list: Vec<(Cow<'a, str>, Cow<'a, str>)>) -> Self {
        Self {
            read: OnceCell::from(list),
            ..Self::default()
        }
    }

    /// Every attribute, in the order written.
    pub fn all(&self) -> &[(Cow<'a, str>, Cow<'a, str>)] {
        self.read
            .get_or_init(|| read_attributes(self.tag, self.name_len, self.html))
    }
}

impl PartialEq for Attrs<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.all() == other.all()
    }
}

impl Eq for Attrs<'_> {}

impl std::fmt::Debug for Attrs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.all()).finish()
    }
}

/// Content of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node<'a> {
    Element(Element<'a>),
    /// Text and CDATA, references resolved.
    Text(Cow<'a, str>),
}

impl<'a> Element<'a> {
    /// An attribute's value by its name as written, or by its local name (`lang` finds
    /// `xml:lang` only when asked as `xml:lang`; `href` finds `xlink:href`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        let attrs = self.attrs.all();
        attrs
            .iter()
            .find(|(k, _)| k == name)
            .or_else(|| {
                attrs
                    .iter()
                    .find(|(k, _)| k.rsplit_once(':').is_some_and(|(_, local)| local == name))
            })
            .map(|(_, v)| v.as_ref())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element<'a>> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The child elements of this local name.
    pub fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element<'a>> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first child element of this local name.
    pub fn child(&self, name: &str) -> Option<&Element<'a>> {
        self.elements().find(|e| e.name == name)
    }

    /// The element at a path of child names (`["contentMeta", "headline"]`).
    pub fn path(&self, names: &[&str]) -> Option<&Element<'a>> {
        names.iter().try_fold(self, |e, n| e.child(n))
    }

    /// The first descendant (depth first, this element excluded) of this local name.
    pub fn find(&self, name: &str) -> Option<&Element<'a>> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(found) = e.find(name) {
                return Some(found);
            }
        }
        None
    }

    /// All descendants of this local name, in document order.
    pub fn find_all<'s>(&'s self, name: &str, out: &mut Vec<&'s Element<'a>>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.find_all(name, out);
        }
    }

    /// All the text inside, as written.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    fn push_text(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.push_text(out),
            }
        }
    }

    /// All the text inside with runs of white space made one space, trimmed.
    pub fn text_collapsed(&self) -> String {
        collapse(&self.text())
    }
}

/// Runs of white space made one space, trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
    let utf8 = std::str::from_utf8(bytes).ok();
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

/// Reads an XML document into its root element.
pub fn parse(text: &str) -> Result<Element<'_>, XmlError> {
    let mut root = build(text, false)?;
    let mut elements = root.children.drain(..).filter_map(|n| match n {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    });
    elements.next().ok_or(XmlError::NoElement)
}

/// Reads HTML as agencies put it inside CDATA (`<P>`, `<br>`, `&nbsp;`, unclosed tags) into
/// an element holding it, leniently: tag names in lower case, void elements closed, a
/// stray end tag ignored. `None` when even that fails (then the text is not markup).
pub fn parse_html(text: &str) -> Option<Element<'_>> {
    let root = build(text, true).ok()?;
    Some(Element {
        name: Cow::Borrowed("div"),
        ..root
    })
}

fn pos(text: &str, at: u64) -> (usize, usize) {
    line_column(text, usize::try_from(at).unwrap_or(usize::MAX))
}

/// HTML elements that never have content, so their start tag closes them.
const VOID: [&str; 8] = ["br", "hr", "img", "meta", "link", "input", "col", "wbr"];

fn build(text: &str, html: bool) -> Result<Element<'_>, XmlError> {
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
                let (element, outside) = tree.element(&start);
                if html && VOID.contains(&element.name.as_ref()) {
                    tree.nodes.push(Node::Element(element));
                    continue;
                }
                if tree.open.len() > MAX_DEPTH {
                    let (line, column) = pos(text, reader.buffer_position());
                    return Err(XmlError::TooDeep { line, column });
                }
                tree.open(element, outside);
            }
            Event::Empty(start) => {
                let (element, outside) = tree.element(&start);
                // What an empty element declares is bound for itself only.
                tree.namespaces.close(outside);
                tree.nodes.push(Node::Element(element));
            }
            Event::End(end) => {
                if html {
                    // Close up to the matching open element; a stray end tag closes nothing.
                    let name = String::from_utf8_lossy(end.local_name().as_ref()).to_lowercase();
                    if let Some(at) = tree.open.iter().rposition(|o| o.element.name == name)
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
                .map(|o| o.element.name.clone().into_owned())
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

/// The tree being read. The content of every open element waits in one list, `nodes`, and
/// each element takes its own when it closes, in a list of exactly its size: growing a list
/// per element as its children came was a fifth of the tree's cost (README, Agency feeds).
struct Tree<'a> {
    text: &'a str,
    html: bool,
    /// The document itself (holding the root element), then the open elements.
    open: Vec<Open<'a>>,
    nodes: Vec<Node<'a>>,
    namespaces: Namespaces,
}

struct Open<'a> {
    element: Element<'a>,
    /// Where its content starts in [`Tree::nodes`].
    first: usize,
    /// How many namespace bindings were in scope outside it.
    bindings: usize,
}

impl<'a> Tree<'a> {
    fn new(text: &'a str, html: bool) -> Self {
        Self {
            text,
            html,
            open: vec![Open {
                element: Element::default(),
                first: 0,
                bindings: 0,
            }],
            nodes: Vec::new(),
            namespaces: Namespaces::default(),
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
            Some(s) if memchr::memchr(b'\r', s.as_bytes()).is_none() => Cow::Borrowed(s),
            _ => normalized().unwrap_or(Cow::Borrowed("")),
        }
    }

    /// An element from its start tag, in the namespaces its tag declares (which stay bound
    /// until [`Namespaces::close`]), and how many bindings were in scope outside it.
    fn element(&mut self, start: &BytesStart<'_>) -> (Element<'a>, usize) {
        let name_len = start.name().as_ref().len();
        let mut element = match within(self.text, start) {
            Some(tag) => element_in(tag, name_len, self.html),
            None => owned(&String::from_utf8_lossy(start), name_len, self.html),
        };
        let outside = self.namespaces.bindings.len();
        if !self.html {
            element.ns = self.namespaces.resolve(&element);
        }
        (element, outside)
    }

    fn open(&mut self, element: Element<'a>, bindings: usize) {
        self.open.push(Open {
            element,
            first: self.nodes.len(),
            bindings,
        });
    }

    fn close(&mut self) {
        if self.open.len() > 1
            && let Some(Open {
                mut element,
                first,
                bindings,
            }) = self.open.pop()
        {
            // One copy of the whole run, into a list of exactly its size.
            element.children = self.nodes.split_off(first);
            self.namespaces.close(bindings);
            self.nodes.push(Node::Element(element));
        }
    }

    fn text(&mut self, text: Cow<'a, str>) {
        if text.is_empty() {
            return;
        }
        let first = self.open.last().map_or(0, |o| o.first);
        let inside = self.nodes.len() > first;
        match self.nodes.last_mut() {
            // Text split by a reference is joined; only then is it copied.
            Some(Node::Text(last)) if inside => last.to_mut().push_str(&text),
            _ => self.nodes.push(Node::Text(text)),
        }
    }

    fn finish(mut self) -> Element<'a> {
        let mut root = self.open.pop().map(|o| o.element).unwrap_or_default();
        root.children = std::mem::take(&mut self.nodes);
        root
    }
}

/// The namespace bindings in scope, innermost last, and the namespaces met so far, each
/// kept once and shared by its elements. Resolved here rather than by quick-xml's
/// `NsReader`, which looked through every start tag's attributes for declarations: only
/// a tag that holds `xmlns` is read for them.
#[derive(Default)]
struct Namespaces {
    /// Prefix (empty for the default namespace) and URI (empty when unbound); a document
    /// declares only a few.
    bindings: Vec<(String, Arc<str>)>,
    empty: Arc<str>,
    seen: Vec<Arc<str>>,
}

/// The namespace the `xml` prefix is bound to by definition.
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// Whether a start tag's attributes hold `xmlns`: found by its `x`, as few tags have one
/// (a substring search set itself up for every tag).
fn declares_namespace(attributes: &str) -> bool {
    let bytes = attributes.as_bytes();
    memchr::memchr_iter(b'x', bytes).any(|at| bytes[at..].starts_with(b"xmlns"))
}

impl Namespaces {
    /// Binds what the element's tag declares, then resolves its name's prefix.
    fn resolve(&mut self, element: &Element<'_>) -> Arc<str> {
        let tag = element.attrs.tag;
        if tag
            .get(element.attrs.name_len..)
            .is_some_and(declares_namespace)
        {
            for (key, value) in element.attrs.all() {
                let prefix = match key.as_ref() {
                    "xmlns" => "",
                    k => match k.strip_prefix("xmlns:") {
                        Some(prefix) => prefix,
                        None => continue,
                    },
                };
                let prefix = prefix.to_owned();
                let uri = self.intern(value);
                self.bindings.push((prefix, uri));
            }
        }
        let qname = tag.get(..element.attrs.name_len).unwrap_or_default();
        let prefix = qname.split_once(':').map_or("", |(p, _)| p);
        if prefix == "xml" {
            return self.intern(XML_NAMESPACE);
        }
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map_or_else(|| Arc::clone(&self.empty), |(_, uri)| Arc::clone(uri))
    }

    /// Drops the bindings of the elements closed, keeping the first `in_scope`.
    fn close(&mut self, in_scope: usize) {
        self.bindings.truncate(in_scope);
    }

    fn intern(&mut self, uri: &str) -> Arc<str> {
        if uri.is_empty() {
            return Arc::clone(&self.empty);
        }
        if let Some(known) = self.seen.iter().find(|s| s.as_ref() == uri) {
            return Arc::clone(known);
        }
        let new: Arc<str> = Arc::from(uri);
        self.seen.push(Arc::clone(&new));
        new
    }
}

/// An element read from a start tag the text does not hold as it is (never the case for a
/// reader over a `&str`; kept so no input can fail here).
fn owned<'a>(tag: &str, name_len: usize, html: bool) -> Element<'a> {
    Element {
        name: Cow::Owned(lower(local_name(tag, name_len), html).into_owned()),
        ns: Arc::default(),
        attrs: Attrs::from_list(
            read_attributes(tag, name_len, html)
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), Cow::Owned(v.into_owned())))
                .collect(),
        ),
        children: Vec::new(),
    }
}

/// Lower case for HTML names, borrowing when they are already.
fn lower(name: &str, html: bool) -> Cow<'_, str> {
    if html && name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// `tag` is the start tag's content between `<` and `>` (or `/>`), its name the first
/// `name_len` bytes.
fn element_in(tag: &str, name_len: usize, html: bool) -> Element<'_> {
    Element {
        name: lower(local_name(tag, name_len), html),
        ns: Arc::default(),
        attrs: Attrs {
            tag,
            name_len,
            html,
            read: OnceCell::new(),
        },
        children: Vec::new(),
    }
}

/// The element's name in its start tag without the prefix, as quick-xml's `local_name`.
fn local_name(tag: &str, name_len: usize) -> &str {
    let qname = tag.get(..name_len).unwrap_or(tag);
    qname.split_once(':').map_or(qname, |(_, local)| local)
}

/// The attributes of a start tag (see [`element_in`]). Malformed ones are skipped: agencies'
/// HTML has them, and the item's text matters more than a broken attribute.
fn read_attributes(tag: &str, name_len: usize, html: bool) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    if tag.len() <= name_len {
        return Vec::new();
    }
    let mut attributes = if html {
        Attributes::html(tag, name_len)
    } else {
        Attributes::new(tag, name_len)
    };
    attributes.with_checks(false);
    attributes
        .filter_map(Result::ok)
        .map(|a| {
            let key = match within(tag, a.key.into_inner()) {
                Some(key) => lower(key, html),
                None => Cow::Owned(String::from_utf8_lossy(a.key.into_inner()).into_owned()),
            };
            // A value with no reference and no white space to normalise is itself.
            if let Cow::Borrowed(bytes) = a.value
                && !bytes
                    .iter()
                    .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
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
    let at = (bytes.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    text.get(at..at.saturating_add(bytes.len()))
        .filter(|s| s.as_ptr() == bytes.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_namespaces_attributes_and_text() {
        let root = parse(
            "<?xml version=\"1.0\"?>\n<a xmlns=\"urn:x\" xml:lang=\"de\"><b k=\"1 &amp; 2\">x &lt; y &#39;z&#x27;</b><c/><![CDATA[<p>raw</p>]]></a>",
        )
        .unwrap();
        assert_eq!((root.name.as_ref(), root.ns.as_ref()), ("a", "urn:x"));
        assert_eq!(root.attr("xml:lang"), Some("de"));
        let b = root.child("b").unwrap();
        assert_eq!(b.attr("k"), Some("1 & 2"));
        assert_eq!(b.text(), "x < y 'z'");
        assert!(root.child("c").is_some());
        assert_eq!(root.text(), "x < y 'z'<p>raw</p>");
    }

    #[test]
    fn attribute_values_are_normalised_or_borrowed_as_they_stand() {
        let text = "<a plain=\"urn:x:1\" spaced=\"one\ttwo\nthree\" referenced=\"x&#10;y &lt;\"/>";
        let root = parse(text).unwrap();
        assert_eq!(root.attr("spaced"), Some("one two three"));
        assert_eq!(root.attr("referenced"), Some("x\ny <"));
        let plain = root.attr("plain").unwrap();
        assert_eq!(plain, "urn:x:1");
        assert!(text.as_bytes().as_ptr_range().contains(&plain.as_ptr()));
    }

    #[test]
    fn namespaces_are_scoped_to_the_element_declaring_them() {
        let root = parse(concat!(
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
        let ns = |names: &[&str]| root.path(names).map(|e| e.ns.to_string());
        assert_eq!((root.name.as_ref(), root.ns.as_ref()), ("a", "urn:n"));
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
        assert!(Arc::ptr_eq(&b.ns, &f.ns));
    }

    #[test]
    fn entity_declarations_are_refused_and_undeclared_references_stay_text() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n<lolz>&lol2;</lolz>";
        assert!(matches!(parse(bomb), Err(XmlError::Entities { .. })));
        let external = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        assert!(matches!(parse(external), Err(XmlError::Entities { .. })));
        let named = parse("<!DOCTYPE nitf SYSTEM \"nitf.dtd\"><nitf>&e;</nitf>").unwrap();
        assert_eq!(named.text(), "&e;");
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
        assert_eq!(parse("  "), Err(XmlError::NoElement));
    }

    #[test]
    fn lenient_html_closes_void_and_unclosed_elements() {
        let div = parse_html("<P>One<br>two &nbsp;&amp; <b>bold</P><p>Three").unwrap();
        let ps: Vec<String> = div.children_named("p").map(Element::text).collect();
        assert_eq!(ps, ["Onetwo \u{a0}& bold", "Three"]);
        assert!(div.child("p").unwrap().child("br").is_some());
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

    #[test]
    fn positions_count_characters() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("x", 99), (1, 2));
    }
}
