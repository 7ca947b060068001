//! The article as readers see it: headline, byline, the dateline lead-in in house style,
//! the body's Markdown as blocks of styled text, and the credit line.
//!
//! The live preview and the HTML export both draw from this module, so they cannot drift
//! apart. The body is split into independent top-level [`chunks`] so the preview can cache
//! the blocks of each chunk and re-render only the one a keystroke changed; [`render`] is
//! exactly the concatenation of the chunks' blocks, so cached and fresh output agree.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::article::Article;

/// Containers (quotes, lists) nested deeper than this are flattened into their parent, so
/// hostile input like 100,000 nested `>` cannot overflow the stack of whoever walks the tree.
pub const MAX_DEPTH: usize = 24;

/// The whole article, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// BCP 47 tag for the page, `""` when unknown.
    pub language: String,
    pub headline: String,
    /// "By Dana Whitfield" / "Oleh Dana Whitfield".
    pub byline: Option<String>,
    /// "BRUSSELS, 1 Oktober 2024 (Liputan6.com) –": drawn at the start of the first paragraph
    /// (see [`lead_in_joins_first_block`]), otherwise as a paragraph of its own.
    pub lead_in: Option<String>,
    pub blocks: Vec<Block>,
    /// "Sumber: AP" / "Source: AP".
    pub credit_line: Option<String>,
}

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

/// Renders the whole article.
pub fn render(article: &Article) -> Rendered {
    let body = &article.body;
    let blocks = chunks(body)
        .into_iter()
        .flat_map(|r| chunk_blocks(&body[r]))
        .collect();
    Rendered {
        language: article.language.trim().to_owned(),
        headline: article.headline.trim().to_owned(),
        byline: byline(article),
        lead_in: lead_in(article),
        blocks,
        credit_line: credit_line(article),
    }
}

/// Whether the lead-in is drawn inside the first block (a paragraph) rather than alone.
pub fn lead_in_joins_first_block(blocks: &[Block]) -> bool {
    matches!(blocks.first(), Some(Block::Paragraph(_)))
}

/// True for Indonesian articles; everything else follows English house style.
fn is_indonesian(article: &Article) -> bool {
    let lang = article.language.trim().to_ascii_lowercase();
    lang == "id" || lang.starts_with("id-") || lang == "ind"
}

/// The dateline lead-in in the article language's house style:
/// `BRUSSELS, 1 Oktober 2024 (Liputan6.com) –` or `BRUSSELS, Oct. 1, 2024 (AP) —`.
pub fn lead_in(article: &Article) -> Option<String> {
    let id = is_indonesian(article);
    let d = &article.dateline;
    let place = d.place.trim().to_uppercase();
    let date = d
        .date
        .map(|date| if id { date_id(date) } else { date_ap(date) });
    let outlet = [d.outlet.trim(), article.credit.trim()]
        .into_iter()
        .find(|s| !s.is_empty());
    let mut out = [Some(place).filter(|p| !p.is_empty()), date]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(outlet) = outlet {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('(');
        out.push_str(outlet);
        out.push(')');
    }
    if out.is_empty() {
        return None;
    }
    out.push_str(if id { " –" } else { " —" });
    Some(out)
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Associated Press style: months of five letters or fewer are spelled out.
const MONTHS_AP: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

fn date_id(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_ID[date.month0() as usize],
        date.year()
    )
}

fn date_ap(date: NaiveDate) -> String {
    format!(
        "{} {}, {}",
        MONTHS_AP[date.month0() as usize],
        date.day(),
        date.year()
    )
}

fn byline(article: &Article) -> Option<String> {
    let name = article.byline.trim();
    if name.is_empty() {
        return None;
    }
    let lower = name.to_lowercase();
    if [
        "by ",
        "oleh ",
        "oleh:",
        "penulis",
        "pewarta",
        "reporting by",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return Some(name.to_owned());
    }
    let word = if is_indonesian(article) { "Oleh" } else { "By" };
    Some(format!("{word} {name}"))
}

fn credit_line(article: &Article) -> Option<String> {
    let credit = article.credit.trim();
    if credit.is_empty() {
        return None;
    }
    let word = if is_indonesian(article) {
        "Sumber"
    } else {
        "Source"
    };
    Some(format!("{word}: {credit}"))
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
    let options = Options::ENABLE_STRIKETHROUGH;
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
}

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
            Tag::Paragraph => self.flush_inline(),
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
            Tag::Emphasis => self.style.emphasis = true,
            Tag::Strong => self.style.strong = true,
            Tag::Strikethrough => self.style.strike = true,
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.links.push(dest_url.into_string());
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush_inline(),
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
            TagEnd::Emphasis => self.style.emphasis = false,
            TagEnd::Strong => self.style.strong = false,
            TagEnd::Strikethrough => self.style.strike = false,
            TagEnd::Link | TagEnd::Image => {
                self.links.pop();
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
            Block::Paragraph(spans) | Block::Heading { spans, .. } => {
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
        }
    }
}

impl Rendered {
    /// Everything a reader sees, one block per line: headline, byline, lead-in with the
    /// first paragraph, the body, the credit line.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for line in [&Some(self.headline.clone()), &self.byline]
            .into_iter()
            .flatten()
            .filter(|l| !l.is_empty())
        {
            out.push_str(line);
            out.push('\n');
        }
        let joins = lead_in_joins_first_block(&self.blocks);
        if let Some(lead) = &self.lead_in {
            out.push_str(lead);
            out.push(if joins { ' ' } else { '\n' });
        }
        for block in &self.blocks {
            block.plain_text(&mut out);
        }
        if let Some(credit) = &self.credit_line {
            out.push_str(credit);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(lang: &str) -> Article {
        Article {
            language: lang.into(),
            ..crate::article::fixture()
        }
    }

    #[test]
    fn lead_in_follows_house_style_per_language() {
        assert_eq!(
            lead_in(&article("id")).as_deref(),
            Some("BRUSSELS, 1 Oktober 2024 (Liputan6.com) –")
        );
        let mut en = article("en");
        en.dateline.outlet = String::new();
        assert_eq!(
            lead_in(&en).as_deref(),
            Some("BRUSSELS, Oct. 1, 2024 (AP) —")
        );
        en.dateline.date = NaiveDate::from_ymd_opt(2026, 6, 30);
        assert_eq!(
            lead_in(&en).as_deref(),
            Some("BRUSSELS, June 30, 2026 (AP) —")
        );
        en.dateline.date = NaiveDate::from_ymd_opt(2026, 9, 3);
        assert_eq!(
            lead_in(&en).as_deref(),
            Some("BRUSSELS, Sept. 3, 2026 (AP) —")
        );
    }

    #[test]
    fn lead_in_drops_missing_parts() {
        let mut a = article("en");
        a.dateline.place = String::new();
        a.dateline.date = None;
        assert_eq!(lead_in(&a).as_deref(), Some("(Liputan6.com) —"));
        a.dateline.outlet = String::new();
        a.credit = String::new();
        assert_eq!(lead_in(&a), None);
        a.dateline.place = "Tangerang Selatan".into();
        assert_eq!(lead_in(&a).as_deref(), Some("TANGERANG SELATAN —"));
    }

    #[test]
    fn byline_and_credit_lines_per_language() {
        let mut a = article("id");
        a.byline = "Nama Penulis".into();
        let r = render(&a);
        assert_eq!(r.byline.as_deref(), Some("Oleh Nama Penulis"));
        assert_eq!(r.credit_line.as_deref(), Some("Sumber: AP"));
        a.language = "en".into();
        a.byline = "By Jane Doe".into();
        let r = render(&a);
        assert_eq!(r.byline.as_deref(), Some("By Jane Doe"));
        assert_eq!(r.credit_line.as_deref(), Some("Source: AP"));
    }

    #[test]
    fn markdown_becomes_styled_blocks() {
        let blocks = chunk_blocks(
            "## Sub\n\nSome **bold** and [a link](https://x.org).\n\n> quoted\n\n- one\n- two\n\n---\n",
        );
        assert_eq!(blocks.len(), 5, "{blocks:#?}");
        assert!(matches!(&blocks[0], Block::Heading { level: 2, spans } if spans[0].text == "Sub"));
        let Block::Paragraph(spans) = &blocks[1] else {
            panic!("{blocks:#?}")
        };
        assert!(spans.iter().any(|s| s.text == "bold" && s.style.strong));
        assert!(
            spans
                .iter()
                .any(|s| s.text == "a link" && s.link.as_deref() == Some("https://x.org"))
        );
        assert!(matches!(&blocks[2], Block::Quote(q) if q.len() == 1));
        assert!(matches!(&blocks[3], Block::List { start: None, items } if items.len() == 2));
        assert_eq!(blocks[4], Block::Rule);
    }

    #[test]
    fn raw_html_is_text_not_markup() {
        let blocks = chunk_blocks("Hi <script>alert(1)</script> there\n\n<div onclick=x>y</div>\n");
        let mut text = String::new();
        for b in &blocks {
            b.plain_text(&mut text);
        }
        assert!(text.contains("<script>alert(1)</script>"), "{text}");
        assert!(text.contains("<div onclick=x>"), "{text}");
    }

    #[test]
    fn chunks_split_at_blank_lines_but_keep_fences_lists_and_quotes_whole() {
        let body = "\nPara one\nstill one.\n\n\nPara two.\n\n```\ncode\n\nmore code\n```\n\n- a\n\n- b\n\n> q1\n\n> q2\n\nEnd.";
        let parts: Vec<&str> = chunks(body).into_iter().map(|r| &body[r]).collect();
        assert_eq!(
            parts,
            [
                "Para one\nstill one.\n",
                "Para two.\n",
                "```\ncode\n\nmore code\n```\n",
                "- a\n\n- b\n",
                "> q1\n\n> q2\n",
                "End."
            ]
        );
    }

    #[test]
    fn chunked_render_equals_whole_document_render_for_ordinary_bodies() {
        let body = "Para *one*.\n\n## Head\n\n1. x\n2. y\n\n> quote\n> more\n\n```\nfn x() {}\n\n}\n```\n\nLast [link](u).\n";
        let whole = chunk_blocks(body);
        let a = Article {
            body: body.into(),
            ..Article::default()
        };
        assert_eq!(render(&a).blocks, whole);
    }

    fn depth(b: &Block) -> usize {
        match b {
            Block::Quote(inner) => 1 + inner.iter().map(depth).max().unwrap_or(0),
            Block::List { items, .. } => 1 + items.iter().flatten().map(depth).max().unwrap_or(0),
            _ => 0,
        }
    }

    #[test]
    fn deep_nesting_is_capped() {
        let body = ">".repeat(10_000) + " deep";
        let blocks = chunk_blocks(&body);
        assert!(blocks.iter().map(depth).max().unwrap_or(0) <= MAX_DEPTH);
        let mut text = String::new();
        for b in &blocks {
            b.plain_text(&mut text);
        }
        assert!(text.contains("deep"), "content kept: {text}");
    }

    #[test]
    fn plain_text_puts_the_lead_in_before_the_first_paragraph() {
        let text = render(&article("id")).plain_text();
        assert_eq!(
            text,
            "Rutte takes over\nBRUSSELS, 1 Oktober 2024 (Liputan6.com) – First para.\nSecond.\nSumber: AP\n"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_body_renders_without_panic(body in "\\PC{0,300}") {
            let a = Article { body, ..Article::default() };
            let _ = render(&a).plain_text();
        }

        /// Markup that only styles text (no links or reference definitions, which move
        /// text into URLs) never hides a word.
        #[test]
        fn styling_markup_keeps_every_word(body in "[a-zA-Z0-9 \n*_#>-]{0,200}") {
            let a = Article { body: body.clone(), ..Article::default() };
            let text = render(&a).plain_text();
            // Every run of letters survives rendering (markup characters may not).
            for word in body.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 1) {
                proptest::prop_assert!(text.contains(word), "{word:?} lost from {body:?}: {text:?}");
            }
        }
    }
}
