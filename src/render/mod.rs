//! The article as readers see it: headline, byline, the dateline lead-in in house style,
//! the body's Markdown as blocks of styled text, and the credit line.
//!
//! The live preview and the HTML export both draw from this module, so they cannot drift
//! apart. The body is split into independent top-level [`chunks`] so the preview can cache
//! the blocks of each chunk and re-render only the one a keystroke changed; [`render`] is
//! exactly the concatenation of the chunks' blocks, so cached and fresh output agree.

mod blocks;
mod house_style;
pub mod pictures;

pub use blocks::{Block, MAX_DEPTH, Span, Style, chunk_blocks, chunks};
pub use house_style::lead_in;
use house_style::{byline, credit_line};
pub use pictures::Figure;

use crate::article::Article;
use crate::language::Lang;

/// The whole article, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// BCP 47 tag for the page, `""` when unknown.
    pub language: String,
    /// The language its house style follows ([`Lang::of`]).
    pub lang: Lang,
    pub headline: String,
    /// "By Dana Whitfield" / "Oleh Dana Whitfield".
    pub byline: Option<String>,
    /// "BRUSSELS, 1 Oktober 2024 (Liputan6.com) –": drawn at the start of the first paragraph
    /// (see [`lead_in_joins_first_block`]), otherwise as a paragraph of its own.
    pub lead_in: Option<String>,
    pub blocks: Vec<Block>,
    /// "Sumber: AP" / "Source: AP".
    pub credit_line: Option<String>,
    /// The pictures that may be shown, in order; the one with `index` 0 is the lead,
    /// drawn before the body, the others where the body places them ([`Block::Picture`]) or
    /// after it.
    pub figures: Vec<Figure>,
    /// Why a picture was left out ("picture 2 left out: `http:` sources …").
    pub picture_notes: Vec<String>,
}

/// Renders the whole article.
pub fn render(article: &Article) -> Rendered {
    let body = &article.body;
    let mut rendered = header(article, Lang::of(article));
    rendered.blocks = chunks(body)
        .into_iter()
        .flat_map(|r| chunk_blocks(&body[r]))
        .collect();
    rendered
}

/// Everything but the body's blocks (which the preview renders chunk by chunk), in the
/// house style of `lang` — the article's [`Lang::of`], which may need the body to decide.
pub fn header(article: &Article, lang: Lang) -> Rendered {
    Rendered {
        language: article.language.trim().to_owned(),
        lang,
        headline: article.headline.trim().to_owned(),
        byline: byline(article, lang),
        lead_in: lead_in(article, lang),
        blocks: Vec::new(),
        credit_line: credit_line(article, lang),
        figures: Vec::new(),
        picture_notes: Vec::new(),
    }
    .with_pictures(article)
}

/// Whether the lead-in is drawn inside the first block (a paragraph) rather than alone.
pub fn lead_in_joins_first_block(blocks: &[Block]) -> bool {
    matches!(blocks.first(), Some(Block::Paragraph(_)))
}

impl Rendered {
    fn with_pictures(mut self, article: &Article) -> Self {
        (self.figures, self.picture_notes) = pictures::figures(article);
        self
    }

    /// The lead picture (drawn above the body), if the article's first picture may be shown.
    pub fn lead_figure(&self) -> Option<&Figure> {
        self.figures.first().filter(|f| f.index == 0)
    }

    /// The figure a body's lone image `![alt](source)` ([`Block::Picture`]) shows where it
    /// stands: the first of the article's pictures after the lead with that source. The lead
    /// is always drawn above the body, so naming it (or anything else) in the body shows only
    /// the alt text, as any other image.
    pub fn figure_for(&self, source: &str) -> Option<&Figure> {
        let source = source.trim();
        self.figures
            .iter()
            .find(|f| f.index > 0 && !source.is_empty() && f.source == source)
    }

    /// The pictures drawn after the body: all but the lead and those the body's `blocks`
    /// place where they stand.
    pub fn later_figures<'a>(
        &'a self,
        blocks: impl IntoIterator<Item = &'a Block>,
    ) -> Vec<&'a Figure> {
        let placed: Vec<usize> = blocks
            .into_iter()
            .filter_map(|b| match b {
                Block::Picture { source, .. } => self.figure_for(source).map(|f| f.index),
                _ => None,
            })
            .collect();
        self.figures
            .iter()
            .filter(|f| f.index > 0 && !placed.contains(&f.index))
            .collect()
    }

    /// Everything a reader sees, one block per line: headline, byline, the lead picture's
    /// caption and credit, lead-in with the first paragraph, the body, the other pictures'
    /// captions and credits, the credit line.
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
        if let Some(lead) = self.lead_figure() {
            lead.plain_text(&mut out);
        }
        let joins = lead_in_joins_first_block(&self.blocks);
        if let Some(lead) = &self.lead_in {
            out.push_str(lead);
            out.push(if joins { ' ' } else { '\n' });
        }
        for block in &self.blocks {
            match block {
                Block::Picture { source, .. } if let Some(f) = self.figure_for(source) => {
                    f.plain_text(&mut out);
                }
                _ => block.plain_text(&mut out),
            }
        }
        for figure in self.later_figures(&self.blocks) {
            figure.plain_text(&mut out);
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
    use chrono::NaiveDate;

    fn article(lang: &str) -> Article {
        Article {
            language: lang.into(),
            ..crate::article::fixture()
        }
    }

    #[test]
    fn lead_in_follows_house_style_per_language() {
        assert_eq!(
            lead_in(&article("id"), Lang::Id).as_deref(),
            Some("BRUSSELS, 1 Oktober 2024 (Liputan6.com) –")
        );
        let mut en = article("en");
        en.dateline.outlet = String::new();
        assert_eq!(
            lead_in(&en, Lang::of(&en)).as_deref(),
            Some("BRUSSELS, Oct. 1, 2024 (AP) —")
        );
        en.dateline.date = NaiveDate::from_ymd_opt(2026, 6, 30);
        assert_eq!(
            lead_in(&en, Lang::of(&en)).as_deref(),
            Some("BRUSSELS, June 30, 2026 (AP) —")
        );
        en.dateline.date = NaiveDate::from_ymd_opt(2026, 9, 3);
        assert_eq!(
            lead_in(&en, Lang::of(&en)).as_deref(),
            Some("BRUSSELS, Sept. 3, 2026 (AP) —")
        );
    }

    #[test]
    fn lead_in_drops_missing_parts() {
        let mut a = article("en");
        a.dateline.place = String::new();
        a.dateline.date = None;
        assert_eq!(
            lead_in(&a, Lang::of(&a)).as_deref(),
            Some("(Liputan6.com) —")
        );
        a.dateline.outlet = String::new();
        a.credit = String::new();
        assert_eq!(lead_in(&a, Lang::of(&a)), None);
        a.dateline.place = "Tangerang Selatan".into();
        assert_eq!(
            lead_in(&a, Lang::of(&a)).as_deref(),
            Some("TANGERANG SELATAN —")
        );
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
    fn pipe_tables_are_tables() {
        let blocks = chunk_blocks("| Team | Pts |\n| --- | --- |\n| **A** | 3 |\n| B |  |\n");
        let [Block::Table { head, rows }] = blocks.as_slice() else {
            panic!("{blocks:#?}")
        };
        assert_eq!(*head, 1);
        assert_eq!(rows.len(), 3);
        assert!(rows[1][0][0].style.strong);
        let mut text = String::new();
        blocks[0].plain_text(&mut text);
        assert_eq!(text, "Team\tPts\nA\t3\nB\t\n");
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

    fn pictured(body: &str) -> Article {
        let picture = |source: &str, caption: &str| crate::article::Picture {
            caption: caption.into(),
            alt: format!("{caption} alt"),
            ..crate::article::Picture::new(source)
        };
        Article {
            body: body.into(),
            pictures: vec![
                picture("lead.jpg", "Lead caption"),
                picture("crew.png", "Crew caption"),
                picture("dock.webp", "Dock caption"),
            ],
            credit: String::new(),
            ..article("en")
        }
    }

    #[test]
    fn a_paragraph_that_is_one_image_places_a_picture() {
        let blocks = |body: &str| render(&pictured(body)).blocks;
        let lone = blocks("![The *crew*](crew.png)");
        let [Block::Picture { source, alt }] = lone.as_slice() else {
            panic!("{lone:?}");
        };
        assert_eq!(source, "crew.png");
        assert_eq!(
            alt.iter().map(|s| s.text.as_str()).collect::<String>(),
            "The crew"
        );
        // Anything beside the image makes it a paragraph with an image in it, as before.
        for body in [
            "See ![x](crew.png)",
            "![x](crew.png) here",
            "*![x](crew.png)*",
            "[![x](crew.png)](https://x.org)",
            "![x](crew.png)![y](dock.webp)",
            "> ![x](crew.png)",
            "- ![x](crew.png)",
        ] {
            assert!(
                !blocks(body)
                    .iter()
                    .any(|b| matches!(b, Block::Picture { .. })),
                "{body:?}: {:?}",
                blocks(body)
            );
        }
    }

    #[test]
    fn a_placed_picture_stands_where_the_body_puts_it_and_not_after() {
        let r = render(&pictured("One.\n\n![crew](crew.png)\n\nTwo."));
        let placed: Vec<usize> = r.later_figures(&r.blocks).iter().map(|f| f.index).collect();
        assert_eq!(
            placed,
            [2],
            "only the dock picture is left for after the body"
        );
        let text = r.plain_text();
        let lines: Vec<&str> = text.lines().collect();
        let at = |line: &str| {
            let found = lines.iter().position(|l| l.ends_with(line));
            found.unwrap_or_else(|| panic!("{line:?} not in {text}"))
        };
        assert!(at("Lead caption") < at("One."), "{text}");
        assert_eq!(at("One.") + 1, at("Crew caption"), "{text}");
        assert_eq!(at("Crew caption") + 1, at("Two."), "{text}");
        assert_eq!(at("Two.") + 1, at("Dock caption"), "{text}");
        assert_eq!(text.matches("Crew caption").count(), 1, "{text}");
        // The lead is drawn above the body whatever the body says; a source that is not
        // one of the pictures is an image like any other: its alt text.
        let r = render(&pictured("![lead](lead.jpg)\n\n![gone](gone.jpg)"));
        assert!(r.figure_for("lead.jpg").is_none() && r.figure_for("gone.jpg").is_none());
        assert_eq!(r.later_figures(&r.blocks).len(), 2);
        assert!(
            r.plain_text().contains("\nlead\ngone\n"),
            "{}",
            r.plain_text()
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
