//! The one converter from an item's body markup (XHTML, NITF `body.content`, the HTML
//! agencies put in CDATA) to Markdown blocks, for the importer's rules to run over.
//!
//! Paragraphs stay paragraphs; `h1`–`h6` and NITF `hl2` become `##`… headings; `ul`/`ol`
//! lists, `blockquote`/NITF `bq` quotes, `pre` code and tables (GFM pipe tables) are kept
//! whole as [`Block::verbatim`] so the importer's line rules do not break them up; `em`,
//! `strong`, links with a safe scheme ([`crate::formats::html::is_safe_url`]) and `br`
//! keep their meaning. Every other element (`person`, `org`, `location`, `chron`, `span`,
//! unknown ones) keeps its text, so no markup is left. What is not story text is skipped:
//! `head`, the XHTML `header` (a repeat of the headline and metadata), NITF `body.head`
//! and `body.end`, media, scripts.
//!
//! Text is escaped only where Markdown would read it as syntax (`*`, `` ` ``, `[`, `<`,
//! `\`, and a `#`, `>`, `-`, `+` or `1.` opening a line).

use std::borrow::Cow;
use std::sync::LazyLock;

use super::xml::{Element, Node};
use crate::article::Picture;
use crate::formats::html::is_safe_url;
use crate::import::Block;

/// How white space in text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Space {
    /// As XML markup: runs of white space are one space (the source's line breaks mean
    /// nothing).
    Collapse,
    /// As plain text that happens to sit in markup (ANSA's `text/plain` body wrapped in
    /// `<p>`): line breaks and indents are kept for the importer's hard-wrap rule.
    Preserve,
}

/// Elements whose content is not story text.
const SKIPPED: [&str; 17] = [
    "head",
    "title",
    "script",
    "style",
    "header",
    "body.head",
    "body.end",
    "media",
    "img",
    "figure",
    "iframe",
    "object",
    "nav",
    "meta",
    "link",
    "hr",
    "video",
];

/// Block-level containers: their children are blocks.
const CONTAINERS: [&str; 12] = [
    "html",
    "body",
    "body.content",
    "block",
    "div",
    "section",
    "article",
    "main",
    "footer",
    "inlineXML",
    "nitf",
    "aside",
];

/// The Markdown blocks of the body markup in `container`.
pub fn convert(container: Element<'_>, space: Space) -> Vec<Block> {
    convert_placing(container, space, &[])
}

/// [`convert`], with a paragraph that is one `<img>` of one of the item's `pictures` read
/// as the line that places that picture (`![alt](source)`, [`crate::markup`]), as
/// Newsdesk's NewsML-G2 export writes a placed picture. Any other image is not story text.
pub fn convert_placing(container: Element<'_>, space: Space, pictures: &[Picture]) -> Vec<Block> {
    let mut c = Converter {
        space,
        blocks: Vec::new(),
        inline: String::new(),
        pictures,
    };
    c.children(container, 0);
    c.flush();
    c.blocks
}

/// Plain text paragraphs (`NewsML` 1.2 and `text/plain` bodies without markup): a blank line
/// separates paragraphs; line breaks inside are kept for the hard-wrap rule.
pub fn plain(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for para in text.replace("\r\n", "\n").split("\n\n") {
        let escaped: Vec<_> = para.lines().map(escape_line).collect();
        let joined = escaped.join("\n");
        if !joined.trim().is_empty() {
            blocks.push(Block::prose(joined.trim_matches('\n').to_owned()));
        }
    }
    blocks
}

struct Converter<'p> {
    space: Space,
    blocks: Vec<Block>,
    /// Inline text of the paragraph being built.
    inline: String,
    /// The item's pictures, for [`convert_placing`].
    pictures: &'p [Picture],
}

impl Converter<'_> {
    /// The line placing a picture, when `p` holds nothing but one `<img>` of the item's
    /// pictures.
    fn placed_picture(&self, p: Element<'_>) -> Option<String> {
        if self.pictures.is_empty() {
            return None;
        }
        let mut images = p.children().filter(|n| match n {
            Node::Text(t) => !t.trim().is_empty(),
            Node::Element(_) => true,
        });
        let (Some(Node::Element(img)), None) = (images.next(), images.next()) else {
            return None;
        };
        let source = img.attr("src").map(str::trim)?;
        (img.name() == "img" && self.pictures.iter().any(|q| q.source.trim() == source))
            .then(|| crate::markup::picture_line(source, img.attr("alt").unwrap_or_default()))
    }

    fn flush(&mut self) {
        let mut text = std::mem::take(&mut self.inline);
        if text.trim().is_empty() {
            // The buffer is kept for the next paragraph.
            text.clear();
            self.inline = text;
            return;
        }
        let text = match self.space {
            Space::Collapse => tidy_lines(text),
            Space::Preserve => text
                .trim_matches(|c: char| c == '\n' || c == '\r')
                .to_owned(),
        };
        let text = if memchr::memchr(b'\n', text.as_bytes()).is_some() {
            let lines: Vec<_> = text.lines().map(escape_line).collect();
            lines.join("\n")
        } else {
            // Most paragraphs are one line, which is moved on rather than copied.
            match escape_line(&text) {
                Cow::Borrowed(_) => text,
                Cow::Owned(escaped) => escaped,
            }
        };
        self.blocks.push(Block::prose(text));
    }

    fn children(&mut self, e: Element<'_>, depth: usize) {
        for n in e.children() {
            match n {
                Node::Text(t) => self.text(t),
                Node::Element(child) => self.element(child, depth + 1),
            }
        }
    }

    fn text(&mut self, t: &str) {
        match self.space {
            Space::Collapse => push_collapsed(&mut self.inline, t),
            Space::Preserve => self.inline.push_str(t),
        }
    }

    fn element(&mut self, e: Element<'_>, depth: usize) {
        let name = e.name();
        if SKIPPED.contains(&name) {
            return;
        }
        if CONTAINERS.contains(&name) {
            self.flush();
            self.children(e, depth);
            self.flush();
            return;
        }
        match name {
            "p" | "dd" | "dt" => {
                self.flush();
                if let Some(line) = self.placed_picture(e) {
                    self.blocks.push(Block::verbatim(line));
                    return;
                }
                self.inline_children(e);
                self.flush();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "hl2" => {
                self.flush();
                let level = name[1..].parse::<usize>().unwrap_or(2).clamp(2, 6);
                let text = tidy_lines(inline_of(e, self.space)).replace('\n', " ");
                if !text.is_empty() {
                    let hashes = "#".repeat(level);
                    self.blocks
                        .push(Block::verbatim(format!("{hashes} {text}")));
                }
            }
            "ul" | "ol" | "dl" => {
                self.flush();
                let list = list(e, 0, self.space);
                if !list.is_empty() {
                    self.blocks.push(Block::verbatim(list));
                }
            }
            "blockquote" | "bq" => {
                self.flush();
                let inner = convert(e, self.space);
                let quoted: Vec<String> = inner
                    .iter()
                    .map(|b| {
                        b.text
                            .lines()
                            .map(|l| {
                                if l.is_empty() {
                                    ">".to_owned()
                                } else {
                                    format!("> {}", l.trim_start())
                                }
                            })
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .collect();
                if !quoted.is_empty() {
                    self.blocks.push(Block::verbatim(quoted.join("\n>\n")));
                }
            }
            "hr" => {
                self.flush();
                self.blocks.push(Block::verbatim("---".to_owned()));
            }
            "pre" => {
                self.flush();
                let text = e.text();
                let text = text.trim_matches('\n');
                if !text.trim().is_empty() {
                    let fence = if text.contains("```") { "~~~~" } else { "```" };
                    self.blocks
                        .push(Block::verbatim(format!("{fence}\n{text}\n{fence}")));
                }
            }
            "table" | "nitf-table" => {
                self.flush();
                if let Some(t) = table(e, self.space) {
                    self.blocks.push(Block::verbatim(t));
                }
            }
            _ if depth > 0 && has_block_children(e) => {
                // An unknown element holding paragraphs is a container.
                self.flush();
                self.children(e, depth);
                self.flush();
            }
            _ => inline_element(&mut self.inline, e, self.space),
        }
    }

    fn inline_children(&mut self, e: Element<'_>) {
        for n in e.children() {
            match n {
                Node::Text(t) => self.text(t),
                Node::Element(child) => inline_element(&mut self.inline, child, self.space),
            }
        }
    }
}

fn has_block_children(e: Element<'_>) -> bool {
    e.elements().any(|c| {
        matches!(
            c.name(),
            "p" | "ul" | "ol" | "table" | "blockquote" | "pre" | "h2" | "h3" | "div" | "block"
        )
    })
}

/// The inline Markdown of an element's content.
fn inline_of(e: Element<'_>, space: Space) -> String {
    let mut out = String::new();
    for n in e.children() {
        match n {
            Node::Text(t) => match space {
                Space::Collapse => push_collapsed(&mut out, t),
                Space::Preserve => out.push_str(t),
            },
            Node::Element(child) => inline_element(&mut out, child, space),
        }
    }
    out
}

fn inline_element(out: &mut String, e: Element<'_>, space: Space) {
    let name = e.name();
    if SKIPPED.contains(&name) {
        return;
    }
    match name {
        "br" => {
            trim_end_spaces(out);
            out.push('\n');
        }
        "em" | "i" | "cite" | "dfn" => wrap(out, &inline_of(e, space), "*"),
        "strong" | "b" => wrap(out, &inline_of(e, space), "**"),
        "code" | "kbd" | "samp" => {
            let text = e.text_collapsed();
            if !text.is_empty() {
                let tick = if text.contains('`') { "`` " } else { "`" };
                let close = if text.contains('`') { " ``" } else { "`" };
                out.push_str(tick);
                out.push_str(&text);
                out.push_str(close);
            }
        }
        "a" => {
            let text = inline_of(e, space);
            let href = e.attr("href").map(str::trim).unwrap_or_default();
            if text.trim().is_empty() {
                return;
            }
            if !href.is_empty() && is_safe_url(href) && !href.starts_with('#') {
                let target = if href.contains([' ', '(', ')', '<', '>']) {
                    format!("<{}>", href.replace(['<', '>'], ""))
                } else {
                    href.to_owned()
                };
                let (lead, core, trail) = split_spaces(&text);
                out.push_str(lead);
                out.push('[');
                out.push_str(core);
                out.push_str("](");
                out.push_str(&target);
                out.push(')');
                out.push_str(trail);
            } else {
                out.push_str(&text);
            }
        }
        "q" => {
            out.push('“');
            out.push_str(inline_of(e, space).trim());
            out.push('”');
        }
        // NITF, XHTML and unknown inline elements: their text.
        _ => out.push_str(&inline_of(e, space)),
    }
}

/// `text` inside emphasis markers, with the spaces around it kept outside (`* x*` is not
/// emphasis in Markdown).
fn wrap(out: &mut String, text: &str, marker: &str) {
    let (lead, core, trail) = split_spaces(text);
    out.push_str(lead);
    if !core.is_empty() {
        out.push_str(marker);
        out.push_str(core);
        out.push_str(marker);
    }
    out.push_str(trail);
}

fn split_spaces(text: &str) -> (&str, &str, &str) {
    let core = text.trim();
    if core.is_empty() {
        return (text, "", "");
    }
    let start = text.find(core).unwrap_or(0);
    (&text[..start], core, &text[start + core.len()..])
}

/// Appends text with runs of white space as one space (line breaks from `br` are kept),
/// escaping what Markdown would read as inline syntax.
///
/// Every body's text passes through here, so it copies what needs nothing whole and decodes
/// only where something may: white space other than one space after a plain character,
/// inline syntax, and the lead bytes of the multi-byte characters that may be white space.
/// Those are found by vector searches ([`Stops`]); a byte at a time cost about 8
/// instructions a byte, an eighth of importing an AP item, and splitting on
/// `char::is_whitespace` and escaping word by word about 50.
fn push_collapsed(out: &mut String, text: &str) {
    out.reserve(text.len());
    let bytes = text.as_bytes();
    if bytes.len() < 128 {
        // Six searches cost more than they spare on a short text (the white space between
        // an item's paragraphs, a phrase between two tags).
        push_collapsed_bytewise(out, text);
        return;
    }
    let mut stops = Stops::new(bytes);
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        // A space where a run of copied text starts may follow white space already written.
        if i > run || bytes[i] != b' ' {
            i = stops.next(bytes, i);
            if i >= bytes.len() {
                break;
            }
        }
        out.push_str(&text[run..i]);
        i = write_stop(out, text, i);
        run = i;
    }
    out.push_str(&text[run..]);
}

/// [`push_collapsed`] a byte at a time, for short texts.
fn push_collapsed_bytewise(out: &mut String, text: &str) {
    let plain = |b: u8| PLAIN[usize::from(b)];
    let bytes = text.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        // One space after a plain byte stays one space: the run goes on.
        if plain(b) || (b == b' ' && i > run && bytes[i - 1] != b' ') {
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        i = write_stop(out, text, i);
        run = i;
    }
    out.push_str(&text[run..]);
}

/// What [`push_collapsed`] writes for the text at `i`, where something may need doing: a run
/// of white space as one space (none after white space already written), or one character,
/// escaped when it is inline syntax. Where the text after it starts.
fn write_stop(out: &mut String, text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(i).copied().is_some_and(is_ascii_space) {
        // A run of white space at once (an item's indentation between paragraphs).
        while i < bytes.len() && is_ascii_space(bytes[i]) {
            i += 1;
        }
        if !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        return i;
    }
    let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
        return bytes.len();
    };
    if c.is_whitespace() {
        if !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
    } else {
        if u8::try_from(c).is_ok_and(is_special) {
            out.push('\\');
        }
        out.push(c);
    }
    i + c.len_utf8()
}

/// The bytes [`push_collapsed_bytewise`] copies as they are: printable ASCII but the space
/// and inline syntax (control characters, white space and all of UTF-8's multi-byte
/// characters go the slow way).
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = b'!';
    while b <= b'~' {
        table[b as usize] = !is_special(b);
        b += 1;
    }
    table
};

/// Where [`push_collapsed`] must look at a byte: ASCII white space but a single space,
/// inline syntax, the second of two spaces, and the lead bytes of the multi-byte characters
/// `char::is_whitespace` takes (U+0085 and U+00A0 start with `C2`, U+1680 `E1`, U+2000 to
/// U+205F `E2`, U+3000 `E3`; a lead byte is never inside another character, so each stop
/// starts a character). Each kind is searched for with memchr's vector searches and its
/// next place kept, so every kind is searched once over the text however many stops the
/// others make.
struct Stops {
    /// For each kind, where it is next at or after the last place asked (`usize::MAX`:
    /// nowhere after it).
    next: [usize; 6],
}

impl Stops {
    fn new(bytes: &[u8]) -> Self {
        let mut next = [0; 6];
        for (kind, next) in next.iter_mut().enumerate() {
            *next = Self::search(kind, bytes, 0);
        }
        Self { next }
    }

    /// The first stop at or after `from`, or the length of `bytes`.
    fn next(&mut self, bytes: &[u8], from: usize) -> usize {
        let mut first = usize::MAX;
        for (kind, next) in self.next.iter_mut().enumerate() {
            if *next < from {
                *next = Self::search(kind, bytes, from);
            }
            first = first.min(*next);
        }
        first.min(bytes.len())
    }

    fn search(kind: usize, bytes: &[u8], from: usize) -> usize {
        let rest = bytes.get(from..).unwrap_or_default();
        match kind {
            0 => memchr::memchr3(b'\t', b'\n', b'\r', rest),
            1 => memchr::memchr3(b'\\', b'*', b'`', rest),
            2 => memchr::memchr3(b'[', b']', b'<', rest),
            3 => memchr::memchr3(b'\x0B', b'\x0C', 0xC2, rest),
            4 => memchr::memchr3(0xE1, 0xE2, 0xE3, rest),
            // The second space of two.
            _ => DOUBLE_SPACE.find(rest).map(|at| at + 1),
        }
        .map_or(usize::MAX, |at| from + at)
    }
}

/// The ASCII characters `char::is_whitespace` takes.
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// What Markdown would read as inline syntax.
const fn is_special(b: u8) -> bool {
    matches!(b, b'\\' | b'*' | b'`' | b'[' | b']' | b'<')
}

fn trim_end_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// A searcher for two spaces, built once: building one per paragraph cost more than the
/// search.
static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// Lines with runs of spaces made one and trimmed, blank ones dropped (a collapsed
/// paragraph's only line breaks are `br`s).
fn tidy_lines(mut text: String) -> String {
    if memchr::memchr(b'\n', text.as_bytes()).is_none()
        && DOUBLE_SPACE.find(text.as_bytes()).is_none()
    {
        // Trimmed where it stands: a paragraph is seldom padded, and never copied for it.
        let start = text.len() - text.trim_start().len();
        text.truncate(text.trim_end().len());
        text.drain(..start);
        return text;
    }
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes what Markdown would read as a block marker at the start of a line.
fn escape_line(line: &str) -> Cow<'_, str> {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    // "___", "* * *": a thematic break (which starts with its marker: looking at the first
    // character spares counting the characters of every paragraph).
    let rule = trimmed.starts_with(['-', '_', '*'])
        && trimmed.chars().filter(|c| !c.is_whitespace()).count() >= 3
        && ['-', '_', '*']
            .iter()
            .any(|m| trimmed.chars().all(|c| c == *m || c == ' '));
    let marker = rule
        || trimmed.starts_with(['#', '>', '=', '|'])
        || (trimmed.starts_with("- ") || trimmed.starts_with("+ ") || trimmed == "-")
        || (digits > 0
            && digits <= 9
            && trimmed[digits..].starts_with(['.', ')'])
            && trimmed[digits + 1..].starts_with(' '));
    if !marker {
        return Cow::Borrowed(line);
    }
    Cow::Owned(if digits > 0 {
        format!("{indent}{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        format!("{indent}\\{trimmed}")
    })
}

/// A list as Markdown; nested lists indented under their item.
fn list(e: Element<'_>, indent: usize, space: Space) -> String {
    let ordered = e.name() == "ol";
    let mut lines = Vec::new();
    let mut n = 0;
    for item in e.elements() {
        if !matches!(item.name(), "li" | "dt" | "dd") {
            continue;
        }
        n += 1;
        let marker = if ordered {
            format!("{n}.")
        } else {
            "-".to_owned()
        };
        let mut text = String::new();
        let mut nested = Vec::new();
        for child in item.children() {
            match child {
                Node::Element(sub) if matches!(sub.name(), "ul" | "ol") => {
                    nested.push(list(sub, indent + marker.len() + 1, space));
                }
                Node::Element(sub) if sub.name() == "p" => {
                    if !text.trim().is_empty() {
                        text.push(' ');
                    }
                    text.push_str(&inline_of(sub, space));
                }
                Node::Element(sub) => inline_element(&mut text, sub, space),
                Node::Text(t) => push_collapsed(&mut text, t),
            }
        }
        let text = xml_collapse_keep_breaks(&text);
        let pad = " ".repeat(indent);
        let cont = " ".repeat(indent + marker.len() + 1);
        let body = text.replace('\n', &format!("\n{cont}"));
        lines.push(format!("{pad}{marker} {body}").trim_end().to_owned());
        lines.extend(nested.into_iter().filter(|s| !s.is_empty()));
    }
    lines.join("\n")
}

fn xml_collapse_keep_breaks(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A GFM pipe table: the first row is the header (a table without rows is dropped).
fn table(e: Element<'_>, space: Space) -> Option<String> {
    let mut rows: Vec<Element> = Vec::new();
    e.find_all("tr", &mut rows);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|tr| {
            tr.elements()
                .filter(|c| matches!(c.name(), "td" | "th"))
                .map(|c| {
                    xml_collapse_keep_breaks(&inline_of(c, space))
                        .replace('\n', " ")
                        .replace('|', "\\|")
                })
                .collect()
        })
        .filter(|r: &Vec<String>| !r.is_empty())
        .collect();
    let columns = cells.iter().map(Vec::len).max()?;
    let line = |row: &[String]| {
        let mut s = String::from("|");
        for i in 0..columns {
            s.push(' ');
            s.push_str(row.get(i).map_or("", String::as_str));
            s.push_str(" |");
        }
        s
    };
    let mut out = vec![line(&cells[0])];
    out.push(format!("|{}", " --- |".repeat(columns)));
    out.extend(cells[1..].iter().map(|r| line(r)));
    Some(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::feed::xml;
    use proptest::prelude::*;

    /// The version before: appends text, escaping what Markdown would read as inline syntax.
    fn push_escaped(out: &mut String, word: &str) {
        let special = |c: char| matches!(c, '\\' | '*' | '`' | '[' | ']' | '<');
        if !word.contains(special) {
            out.push_str(word);
            return;
        }
        for c in word.chars() {
            if special(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }

    proptest! {
        /// The byte-run version writes what splitting on white space and escaping word by
        /// word wrote (the version it replaced).
        #[test]
        fn collapsing_writes_what_splitting_did(
            before in "[ a\n]{0,2}",
            text in "[a-zé \t\n\r\u{0b}\u{0c}\u{a0}\u{2003}\u{1}*`\\\\<>\\[\\]]{0,40}",
        ) {
            let mut split = before.clone();
            for (i, word) in text.split(char::is_whitespace).enumerate() {
                if i > 0 && !split.ends_with([' ', '\n']) {
                    split.push(' ');
                }
                push_escaped(&mut split, word);
            }
            let mut runs = before;
            push_collapsed(&mut runs, &text);
            prop_assert_eq!(runs, split);
        }

        /// On text long enough for the vector searches, they stop where a byte at a time
        /// does: words of plain letters between white space of every kind, syntax, and the
        /// multi-byte characters whose lead bytes are stops (a dash, guillemets).
        #[test]
        fn searching_for_stops_writes_what_a_byte_at_a_time_does(
            before in "[ a\n]{0,2}",
            text in "([a-zé]{1,9}|[ \t\n\r\u{0b}\u{0c}\u{85}\u{a0}\u{1680}\u{2003}\u{2028}\u{3000}\u{1}«—*`\\\\<>\\[\\]]){0,150}",
        ) {
            let mut bytewise = before.clone();
            push_collapsed_bytewise(&mut bytewise, &text);
            let mut searched = before;
            push_collapsed(&mut searched, &text);
            prop_assert_eq!(searched, bytewise);
        }
    }

    fn md(markup: &str) -> String {
        let doc = xml::parse(markup).unwrap();
        convert(doc.root(), Space::Collapse)
            .into_iter()
            .map(|b| b.text)
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn paragraphs_headings_emphasis_and_semantic_tags() {
        let out = md(
            "<body><header><h1>Headline again</h1></header><p>The <person>Fed</person>   said\n <em>on Monday</em> it would <strong>stop</strong>.</p><hl2>Markets</hl2><h3>Sub <b>head</b></h3><p>Two<br/>lines</p></body>",
        );
        assert_eq!(
            out,
            "The Fed said *on Monday* it would **stop**.\n\n## Markets\n\n### Sub **head**\n\nTwo\nlines"
        );
    }

    #[test]
    fn lists_quotes_code_and_tables() {
        let out = md(
            "<div><ul><li>one <i>a</i></li><li><p>two</p><ol><li>inner</li></ol></li></ul><blockquote><p>Said.</p><p>More.</p></blockquote><pre>let x = 1;\n  y</pre><table><tr><th>Team</th><th>Pts</th></tr><tr><td>A|B</td><td>3</td></tr><tr><td>C</td></tr></table></div>",
        );
        assert_eq!(
            out,
            "- one *a*\n- two\n  1. inner\n\n> Said.\n>\n> More.\n\n```\nlet x = 1;\n  y\n```\n\n| Team | Pts |\n| --- | --- |\n| A\\|B | 3 |\n| C |  |"
        );
    }

    #[test]
    fn only_safe_links_keep_their_target() {
        let out = md(
            "<p><a href=\"https://x.org/a b\">site</a>, <a href=\"javascript:alert(1)\">bad</a>, <a href=\"mailto:a@b.c\"> mail </a></p>",
        );
        assert_eq!(
            out,
            "[site](<https://x.org/a b>), bad, [mail](mailto:a@b.c)"
        );
    }

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        let out = md(
            "<div><p># not a heading *or* [link] &lt;b&gt;</p><p>2. Not a list</p><p>- nor this</p></div>",
        );
        assert_eq!(
            out,
            "\\# not a heading \\*or\\* \\[link\\] \\<b>\n\n2\\. Not a list\n\n\\- nor this"
        );
        let rendered = crate::render::render(&crate::Article {
            body: out,
            ..crate::Article::default()
        })
        .plain_text();
        assert!(
            rendered.contains("# not a heading *or* [link] <b>"),
            "{rendered}"
        );
        assert!(rendered.contains("2. Not a list"), "{rendered}");
    }

    #[test]
    fn preserved_space_keeps_line_breaks_and_indents() {
        let doc = xml::parse_html("<p>\n   (ANSA) - Rome - One\ntwo.\n   Three\n</p>").unwrap();
        let blocks = convert(doc.top(), Space::Preserve);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, "   (ANSA) - Rome - One\ntwo.\n   Three");
    }

    #[test]
    fn plain_text_splits_on_blank_lines() {
        let blocks = plain("One\nwrapped\n\n\n# Two\n\n___\n");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["One\nwrapped", "\\# Two", "\\___"]);
    }
}
