//! The body's Markdown as blocks of styled text, and its split into independent chunks the
//! preview caches one by one.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Containers (quotes, lists) nested deeper than this are flattened into their parent, so
/// hostile input like 100,000 nested `>` cannot overflow the stack of whoever walks the tree.
pub const MAX_DEPTH: usize = 24;

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Span>),
    /// A subheading; level 1–6 as in Markdown.
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    Quote(Vec<Block>),
    /// A list; `start` is the first number of an ordered list, `None` for bullets.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Code(String),
    Rule,
    /// A top-level paragraph that is one image and nothing else (`![alt](source)`): where
    /// the body places one of the article's pictures. Drawn as that picture's figure when
    /// `source` is one of them (see [`crate::render::Rendered::figure_for`]), else as a
    /// paragraph of its alt text, as any other image.
    Picture {
        source: String,
        alt: Vec<Span>,
    },
    /// A GFM pipe table: rows of cells, the first `head` rows its header.
    Table {
        head: usize,
        rows: Vec<Row>,
    },
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    pub text: String,
    pub style: Style,
    /// The target when the span is (part of) a link.
    pub link: Option<String>,
}

/// Inline styles; several may apply at once.
#[allow(clippy::struct_excessive_bools)] // four independent flags, exactly as Markdown has them
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub strong: bool,
    pub emphasis: bool,
    pub code: bool,
    pub strike: bool,
}

/// Splits a body into independent top-level pieces at blank lines, keeping together what
/// Markdown joins across them: fenced code, indented continuations, and consecutive list
/// items or quote paragraphs. Ranges exclude the blank lines between chunks.
pub fn chunks(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize, &str)> = None; // start, end, first line
    let mut fence: Option<(u8, usize)> = None;
    let mut blank_before = false;
    let mut pos = 0;
    while pos < body.len() {
        let end = body[pos..].find('\n').map_or(body.len(), |i| pos + i + 1);
        let line = &body[pos..end];
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some((ch, len)) = fence {
            if closes_fence(content, ch, len) {
                fence = None;
            }
            if let Some(c) = current.as_mut() {
                c.1 = end;
            }
        } else if content.trim().is_empty() {
            blank_before = current.is_some();
        } else {
            let continues = current.is_some_and(|(_, _, first)| {
                !blank_before || continues_after_blank(first, content)
            });
            if !continues {
                if let Some((s, e, _)) = current.take() {
                    out.push(s..e);
                }
                current = Some((pos, end, content));
            } else if let Some(c) = current.as_mut() {
                c.1 = end;
            }
            blank_before = false;
            fence = opens_fence(content);
        }
        pos = end;
    }
    if let Some((s, e, _)) = current {
        out.push(s..e);
    }
    out
}

fn continues_after_blank(first: &str, line: &str) -> bool {
    line.starts_with([' ', '\t'])
        || (is_list_item(first) && is_list_item(line))
        || (first.trim_start().starts_with('>') && line.trim_start().starts_with('>'))
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        return rest.is_empty() || rest.starts_with([' ', '\t']);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=9).contains(&digits)
        && t[digits..]
            .strip_prefix(['.', ')'])
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

fn opens_fence(line: &str) -> Option<(u8, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = &line[indent..];
    let ch = *t.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = t.bytes().take_while(|&b| b == ch).count();
    // A backtick fence's info string may not contain backticks.
    (len >= 3 && !(ch == b'`' && t[len..].contains('`'))).then_some((ch, len))
}

fn closes_fence(line: &str, ch: u8, len: usize) -> bool {
    let t = line.trim();
    t.len() >= len && t.bytes().all(|b| b == ch) && line.len() - line.trim_start().len() <= 3
}

/// Renders one chunk (or any Markdown) to blocks. Raw HTML is shown as text, never passed
/// through: a body cannot inject markup into the preview or the export.
pub fn chunk_blocks(markdown: &str) -> Vec<Block> {
    let mut b = Builder::default();
    // Tables: agencies send them (results, standings), and the feed reader writes them as
    // GFM pipe tables.
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    for event in Parser::new_ext(markdown, options) {
        b.event(event);
    }
    b.finish()
}

/// An open container while building.
enum Open {
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    /// A container past [`MAX_DEPTH`]: its content goes to the parent.
    Flattened,
}

#[derive(Default)]
struct Builder {
    done: Vec<Block>,
    stack: Vec<Open>,
    /// Inline content being collected for the current paragraph, heading or code block.
    spans: Vec<Span>,
    heading: Option<u8>,
    code: Option<String>,
    style: Style,
    links: Vec<String>,
    real_depth: usize,
    /// The table being built: its rows, the row being built, and how many rows are head.
    table: Option<(Vec<Row>, Row, usize)>,
    /// How far the current paragraph is from being one lone image.
    pictured: Pictured,
}

/// Whether the paragraph being built is a lone image, so far.
#[derive(Default)]
enum Pictured {
    /// Not a top-level paragraph, or it has something besides one image.
    #[default]
    No,
    /// A top-level paragraph with nothing in it yet.
    Empty,
    /// Inside its image, whose address this is.
    Open(String),
    /// Its image has ended; nothing may follow.
    Closed(String),
}

/// A table row: its cells, each a run of spans.
type Row = Vec<Vec<Span>>;

impl Builder {
    fn push_block(&mut self, block: Block) {
        for open in self.stack.iter_mut().rev() {
            match open {
                Open::Quote(blocks) | Open::Item(blocks) => {
                    blocks.push(block);
                    return;
                }
                // Content directly in a list (outside an item) cannot happen in CommonMark,
                // but keep it rather than lose it.
                Open::List { items, .. } => {
                    items.push(vec![block]);
                    return;
                }
                Open::Flattened => {}
            }
        }
        self.done.push(block);
    }

    fn flush_inline(&mut self) {
        if !self.spans.is_empty() {
            let spans = std::mem::take(&mut self.spans);
            self.push_block(Block::Paragraph(spans));
        }
    }

    fn text(&mut self, text: &str) {
        if !matches!(self.pictured, Pictured::Open(_)) && !text.trim().is_empty() {
            self.pictured = Pictured::No;
        }
        if let Some(code) = self.code.as_mut() {
            code.push_str(text);
            return;
        }
        let link = self.links.last().cloned();
        if let Some(last) = self.spans.last_mut()
            && last.style == self.style
            && last.link == link
        {
            last.text.push_str(text);
            return;
        }
        self.spans.push(Span {
            text: text.to_owned(),
            style: self.style,
            link,
        });
    }

    fn open(&mut self, open: Open) {
        self.flush_inline();
        self.real_depth += 1;
        let depth = self
            .stack
            .iter()
            .filter(|o| !matches!(o, Open::Flattened))
            .count();
        self.stack.push(if depth >= MAX_DEPTH {
            Open::Flattened
        } else {
            open
        });
    }

    fn close(&mut self) {
        self.flush_inline();
        self.real_depth = self.real_depth.saturating_sub(1);
        match self.stack.pop() {
            Some(Open::Quote(blocks)) => self.push_block(Block::Quote(blocks)),
            Some(Open::List { start, items }) => self.push_block(Block::List { start, items }),
            Some(Open::Item(blocks)) => {
                if let Some(Open::List { items, .. }) = self.stack.last_mut() {
                    items.push(blocks);
                } else {
                    for block in blocks {
                        self.push_block(block);
                    }
                }
            }
            Some(Open::Flattened) | None => {}
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let saved = self.style;
                self.style.code = true;
                self.text(&t);
                self.style = saved;
            }
            // Shown literally: the body is text, never markup.
            Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => {
                self.text(&t);
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::Rule => {
                self.flush_inline();
                self.push_block(Block::Rule);
            }
            Event::FootnoteReference(t) => self.text(&format!("[^{t}]")),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.flush_inline();
                self.pictured = if self.stack.is_empty() && self.table.is_none() {
                    Pictured::Empty
                } else {
                    Pictured::No
                };
            }
            Tag::Image { dest_url, .. } => {
                self.pictured = match self.pictured {
                    Pictured::Empty => Pictured::Open(dest_url.to_string()),
                    _ => Pictured::No,
                };
                self.links.push(dest_url.into_string());
            }
            Tag::Heading { level, .. } => {
                self.flush_inline();
                self.heading = Some(heading_level(level));
            }
            Tag::BlockQuote(_) => self.open(Open::Quote(Vec::new())),
            Tag::List(start) => self.open(Open::List {
                start,
                items: Vec::new(),
            }),
            Tag::Item => self.open(Open::Item(Vec::new())),
            Tag::CodeBlock(_) => {
                self.flush_inline();
                self.code = Some(String::new());
            }
            Tag::Table(_) => {
                self.flush_inline();
                self.table = Some((Vec::new(), Vec::new(), 0));
            }
            Tag::TableCell => self.spans.clear(),
            Tag::Emphasis => {
                self.inline_tag();
                self.style.emphasis = true;
            }
            Tag::Strong => {
                self.inline_tag();
                self.style.strong = true;
            }
            Tag::Strikethrough => {
                self.inline_tag();
                self.style.strike = true;
            }
            Tag::Link { dest_url, .. } => {
                self.inline_tag();
                self.links.push(dest_url.into_string());
            }
            _ => {}
        }
    }

    /// An inline tag: inside an image's alt text it is part of it, anywhere else it makes
    /// the paragraph more than a lone image.
    fn inline_tag(&mut self) {
        if !matches!(self.pictured, Pictured::Open(_)) {
            self.pictured = Pictured::No;
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if let Pictured::Closed(source) = std::mem::take(&mut self.pictured) {
                    let alt = std::mem::take(&mut self.spans);
                    self.push_block(Block::Picture { source, alt });
                } else {
                    self.flush_inline();
                }
            }
            TagEnd::Heading(_) => {
                let spans = std::mem::take(&mut self.spans);
                let level = self.heading.take().unwrap_or(2);
                self.push_block(Block::Heading { level, spans });
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => self.close(),
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.push_block(Block::Code(code));
            }
            TagEnd::TableCell => {
                let spans = std::mem::take(&mut self.spans);
                if let Some((_, row, _)) = self.table.as_mut() {
                    row.push(spans);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some((rows, row, head)) = self.table.as_mut() {
                    rows.push(std::mem::take(row));
                    if matches!(tag, TagEnd::TableHead) {
                        *head = rows.len();
                    }
                }
            }
            TagEnd::Table => {
                if let Some((rows, _, head)) = self.table.take() {
                    self.push_block(Block::Table { head, rows });
                }
            }
            TagEnd::Emphasis => self.style.emphasis = false,
            TagEnd::Strong => self.style.strong = false,
            TagEnd::Strikethrough => self.style.strike = false,
            TagEnd::Link => {
                self.links.pop();
            }
            TagEnd::Image => {
                self.links.pop();
                if let Pictured::Open(source) = std::mem::take(&mut self.pictured) {
                    self.pictured = Pictured::Closed(source);
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Vec<Block> {
        while !self.stack.is_empty() {
            self.close();
        }
        self.flush_inline();
        self.done
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

impl Block {
    /// The block's text as a reader sees it, for counts, tests and plain-text export.
    pub fn plain_text(&self, out: &mut String) {
        match self {
            Block::Paragraph(spans)
            | Block::Heading { spans, .. }
            | Block::Picture { alt: spans, .. } => {
                for s in spans {
                    out.push_str(&s.text);
                }
                out.push('\n');
            }
            Block::Quote(blocks) => blocks.iter().for_each(|b| b.plain_text(out)),
            Block::List { items, .. } => items.iter().flatten().for_each(|b| b.plain_text(out)),
            Block::Code(code) => {
                out.push_str(code);
                if !code.ends_with('\n') {
                    out.push('\n');
                }
            }
            Block::Rule => {}
            Block::Table { rows, .. } => {
                for row in rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|cell| cell.iter().map(|s| s.text.as_str()).collect())
                        .collect();
                    out.push_str(&cells.join("\t"));
                    out.push('\n');
                }
            }
        }
    }
}
