//! HTML export for publishing: a standalone page, or just the `<article>` to paste into a CMS.
//!
//! Built from [`crate::render::render`], the same rendering the live preview draws, so the
//! export shows exactly the text the editor saw: headline, byline, the dateline lead-in in
//! house style, the body blocks and the credit line. Every string is escaped with
//! pulldown-cmark's own escaping; raw HTML in the body arrives here as text (see
//! [`crate::render::chunk_blocks`]) and stays text. Links keep their target only for safe
//! schemes (http, https, mailto, or relative), so `javascript:` in a body cannot run.
//!
//! The page carries schema.org `NewsArticle` JSON-LD for search engines and aggregators, made
//! safe inside its `<script>` element by escaping `<`, `>` and `&` as JSON `\u` escapes.

use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};
use serde_json::{Map, Value, json};

use crate::article::Article;
use crate::language::Lang;
use crate::render::{self, Block, Figure, Rendered, Span, Style};

/// How to write the HTML.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Only the `<article>` element (with its JSON-LD), for pasting into a CMS page; otherwise a
    /// whole page with `<!DOCTYPE html>`, `<head>` and a small readable style sheet.
    pub fragment: bool,
}

/// A small style sheet: a readable column, the dateline in bold, quiet byline and credit.
const CSS: &str = "body{margin:0;padding:2rem 1rem;background:#fff;color:#1a1a1a}\
article{max-width:40rem;margin:0 auto;font:1.125rem/1.6 Georgia,'Times New Roman',serif}\
h1{font-size:2rem;line-height:1.2;margin:0 0 .5rem}\
.byline,.credit{font-family:system-ui,sans-serif;font-size:.9rem;color:#555}\
.dateline{font-weight:bold}\
blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid #ccc;color:#333}\
table{border-collapse:collapse;margin:1rem 0}th,td{padding:.25rem .75rem;border-bottom:1px solid #ddd;text-align:left}\
pre{overflow-x:auto;padding:.75rem;background:#f4f4f4}\
footer{margin-top:2rem;border-top:1px solid #ddd}\
figure{margin:1.5rem 0}img{max-width:100%;height:auto}\
figcaption{font-family:system-ui,sans-serif;font-size:.9rem;color:#333}\
.photo-credit{display:block;color:#666;font-size:.8rem}";

/// Writes the article as HTML.
pub fn to_string(article: &Article, options: HtmlOptions) -> String {
    let r = render::render(article);
    let mut out = String::new();
    if options.fragment {
        write_article(&mut out, article, &r);
        return out;
    }
    out.push_str("<!DOCTYPE html>\n<html");
    lang_attr(&mut out, &r.language);
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let summary = article.summary.trim();
    if !summary.is_empty() {
        out.push_str("<meta name=\"description\" content=\"");
        text(&mut out, summary);
        out.push_str("\">\n");
    }
    if !article.keywords.is_empty() {
        out.push_str("<meta name=\"keywords\" content=\"");
        text(&mut out, &crate::article::keywords_line(&article.keywords));
        out.push_str("\">\n");
    }
    out.push_str("<title>");
    // A page title may not be empty; an untitled draft still gets one.
    if r.headline.is_empty() {
        out.push_str(if r.lang == Lang::Id {
            "Tanpa judul"
        } else {
            "Untitled"
        });
    } else {
        text(&mut out, &r.headline);
    }
    out.push_str("</title>\n<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    write_article(&mut out, article, &r);
    out.push_str("</body>\n</html>\n");
    out
}

fn lang_attr(out: &mut String, language: &str) {
    if !language.is_empty() {
        out.push_str(" lang=\"");
        text(out, language);
        out.push('"');
    }
}

fn write_article(out: &mut String, article: &Article, r: &Rendered) {
    out.push_str("<article");
    lang_attr(out, &r.language);
    out.push_str(">\n");
    if !r.headline.is_empty() || r.byline.is_some() {
        out.push_str("<header>\n");
        if !r.headline.is_empty() {
            out.push_str("<h1>");
            text(out, &r.headline);
            out.push_str("</h1>\n");
        }
        if let Some(byline) = &r.byline {
            out.push_str("<p class=\"byline\">");
            text(out, byline);
            out.push_str("</p>\n");
        }
        out.push_str("</header>\n");
    }
    if let Some(lead) = r.lead_figure() {
        write_figure(out, lead);
    }
    write_body(out, r);
    for figure in r.later_figures(&r.blocks) {
        write_figure(out, figure);
    }
    if let Some(credit) = &r.credit_line {
        out.push_str("<footer>\n<p class=\"credit\">");
        text(out, credit);
        out.push_str("</p>\n</footer>\n");
    }
    out.push_str("<script type=\"application/ld+json\">");
    out.push_str(&script_safe_json(&json_ld(article, r)));
    out.push_str("</script>\n</article>\n");
}

/// A picture as `<figure>`: the image, then the caption and the credit, each escaped.
fn write_figure(out: &mut String, f: &Figure) {
    out.push_str("<figure>\n<img src=\"");
    href(out, &f.url);
    out.push_str("\" alt=\"");
    text(out, &f.alt);
    out.push('"');
    if f.width > 0 && f.height > 0 {
        let _ = write!(out, " width=\"{}\" height=\"{}\"", f.width, f.height);
    }
    out.push_str(" loading=\"lazy\">\n");
    if !f.caption.is_empty() || !f.credit.is_empty() {
        out.push_str("<figcaption>");
        text(out, &f.caption);
        if !f.credit.is_empty() {
            // A space, so text-only readers do not run caption and credit together.
            if !f.caption.is_empty() {
                out.push(' ');
            }
            out.push_str("<span class=\"photo-credit\">");
            text(out, &f.credit);
            out.push_str("</span>");
        }
        out.push_str("</figcaption>\n");
    }
    out.push_str("</figure>\n");
}

/// The body as HTML: the dateline lead-in and the blocks, without headline, byline or credit
/// (ninjs carries those in fields of their own).
pub fn body_html(r: &Rendered) -> String {
    let mut out = String::new();
    write_body(&mut out, r);
    out
}

fn write_body(out: &mut String, r: &Rendered) {
    let mut blocks = r.blocks.as_slice();
    if let Some(lead) = &r.lead_in {
        // Exactly as the preview: inside the first paragraph when there is one, else alone.
        if render::lead_in_joins_first_block(blocks)
            && let Some((Block::Paragraph(spans), rest)) = blocks.split_first()
        {
            out.push_str("<p><span class=\"dateline\">");
            text(out, lead);
            out.push_str("</span> ");
            write_spans(out, spans);
            out.push_str("</p>\n");
            blocks = rest;
        } else {
            out.push_str("<p class=\"dateline\">");
            text(out, lead);
            out.push_str("</p>\n");
        }
    }
    for block in blocks {
        write_block(out, r, block);
    }
}

fn write_block(out: &mut String, r: &Rendered, block: &Block) {
    match block {
        Block::Paragraph(spans) => {
            out.push_str("<p>");
            write_spans(out, spans);
            out.push_str("</p>\n");
        }
        Block::Picture { source, alt } => {
            if let Some(figure) = r.figure_for(source) {
                write_figure(out, figure);
            } else {
                // Not one of the article's pictures (or the lead, drawn above): its alt text.
                out.push_str("<p>");
                write_spans(out, alt);
                out.push_str("</p>\n");
            }
        }
        Block::Heading { level, spans } => {
            // The headline is the page's only <h1>: a body `#` heading becomes <h2>, beside
            // the usual `##` subheads, rather than shifting every level and skipping <h2>.
            let level = (*level).clamp(2, 6);
            let _ = write!(out, "<h{level}>");
            write_spans(out, spans);
            let _ = writeln!(out, "</h{level}>");
        }
        Block::Quote(blocks) => {
            out.push_str("<blockquote>\n");
            for b in blocks {
                write_block(out, r, b);
            }
            out.push_str("</blockquote>\n");
        }
        Block::List { start, items } => {
            let tag = match start {
                Some(1) => {
                    out.push_str("<ol>\n");
                    "ol"
                }
                Some(n) => {
                    let _ = writeln!(out, "<ol start=\"{n}\">");
                    "ol"
                }
                None => {
                    out.push_str("<ul>\n");
                    "ul"
                }
            };
            for item in items {
                out.push_str("<li>");
                // A one-paragraph item (a tight list) is drawn without paragraph spacing.
                if let [Block::Paragraph(spans)] = item.as_slice() {
                    write_spans(out, spans);
                } else {
                    for b in item {
                        write_block(out, r, b);
                    }
                }
                out.push_str("</li>\n");
            }
            let _ = writeln!(out, "</{tag}>");
        }
        Block::Code(code) => {
            out.push_str("<pre><code>");
            text(out, code);
            out.push_str("</code></pre>\n");
        }
        Block::Rule => out.push_str("<hr>\n"),
        Block::Table { head, rows } => {
            out.push_str("<table>\n");
            for (i, row) in rows.iter().enumerate() {
                if i == 0 && *head > 0 {
                    out.push_str("<thead>\n");
                }
                if i == *head {
                    out.push_str("<tbody>\n");
                }
                out.push_str("<tr>");
                let cell = if i < *head { "th" } else { "td" };
                for spans in row {
                    let _ = write!(out, "<{cell}>");
                    write_spans(out, spans);
                    let _ = write!(out, "</{cell}>");
                }
                out.push_str("</tr>\n");
                if i + 1 == *head {
                    out.push_str("</thead>\n");
                }
            }
            if rows.len() > *head {
                out.push_str("</tbody>\n");
            }
            out.push_str("</table>\n");
        }
    }
}

/// Writes inline spans; consecutive spans sharing a link target become one `<a>`.
fn write_spans(out: &mut String, spans: &[Span]) {
    let mut rest = spans;
    while let Some(first) = rest.first() {
        let run = rest.iter().take_while(|s| s.link == first.link).count();
        let (group, tail) = rest.split_at(run);
        match first.link.as_deref().filter(|url| is_safe_url(url)) {
            Some(url) => {
                out.push_str("<a href=\"");
                href(out, url);
                out.push_str("\">");
                for s in group {
                    write_span(out, s);
                }
                out.push_str("</a>");
            }
            // An unsafe target is dropped; the link text stays, as plain text.
            None => {
                for s in group {
                    write_span(out, s);
                }
            }
        }
        rest = tail;
    }
}

fn write_span(out: &mut String, span: &Span) {
    let Style {
        strong,
        emphasis,
        code,
        strike,
    } = span.style;
    let tags = [
        (strong, "strong"),
        (emphasis, "em"),
        (strike, "s"),
        (code, "code"),
    ];
    for (on, tag) in tags {
        if on {
            let _ = write!(out, "<{tag}>");
        }
    }
    // A hard line break in Markdown arrives as "\n" in the text.
    for (i, line) in span.text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>\n");
        }
        text(out, line);
    }
    for (on, tag) in tags.iter().rev() {
        if *on {
            let _ = write!(out, "</{tag}>");
        }
    }
}

/// Whether a link target may be kept: http, https, mailto, or a relative URL. Browsers ignore
/// tabs and newlines in URLs and trim spaces and control characters around them, so the scheme
/// is read the same way; anything else (`javascript:`, `data:`, `vbscript:`, …) is refused.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(colon) = cleaned.find(':') else {
        return true;
    };
    let scheme = &cleaned[..colon];
    // A colon after a path, query or fragment start is not a scheme: "a/b:c" is relative.
    if scheme.contains(['/', '?', '#']) {
        return true;
    }
    ["http", "https", "mailto"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s))
}

/// Escapes text for an element or a double-quoted attribute. Control characters an HTML
/// parser rejects (NUL, other C0 and C1 controls, DEL) become U+FFFD, so the page stays valid.
fn text(out: &mut String, s: &str) {
    let cleaned;
    let s = if s.chars().any(is_forbidden_char) {
        cleaned = s
            .chars()
            .map(|c| if is_forbidden_char(c) { '\u{FFFD}' } else { c })
            .collect::<String>();
        &cleaned
    } else {
        s
    };
    escape_html(&mut *out, s).expect("writing to a String cannot fail");
}

fn is_forbidden_char(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')
}

fn href(out: &mut String, url: &str) {
    let url: String = url.chars().filter(|c| !is_forbidden_char(*c)).collect();
    escape_href(&mut *out, &url).expect("writing to a String cannot fail");
}

/// schema.org `NewsArticle` for the article; empty fields are left out.
pub fn json_ld(article: &Article, r: &Rendered) -> Value {
    let mut map = Map::new();
    map.insert("@context".into(), json!("https://schema.org"));
    map.insert("@type".into(), json!("NewsArticle"));
    let mut put = |key: &str, value: Value| {
        map.insert(key.into(), value);
    };
    if !r.headline.is_empty() {
        put("headline", json!(r.headline));
    }
    if let Some(date) = article.dateline.date {
        put("datePublished", json!(date.format("%Y-%m-%d").to_string()));
    }
    if let Some(lead) = &r.lead_in {
        // The dateline as printed, without the dash that joins it to the text.
        let dateline = lead.trim_end_matches(['—', '–']).trim_end();
        put("dateline", json!(dateline));
    }
    let author = article.byline.trim();
    if !author.is_empty() {
        put("author", json!({"@type": "Person", "name": author}));
    }
    let credit = article.credit.trim();
    if !credit.is_empty() {
        put(
            "sourceOrganization",
            json!({"@type": "Organization", "name": credit}),
        );
    }
    let outlet = article.dateline.outlet.trim();
    if !outlet.is_empty() {
        put(
            "publisher",
            json!({"@type": "Organization", "name": outlet}),
        );
    }
    if !r.language.is_empty() {
        put("inLanguage", json!(r.language));
    }
    let summary = article.summary.trim();
    if !summary.is_empty() {
        put("description", json!(summary));
    }
    if !article.keywords.is_empty() {
        put("keywords", json!(article.keywords));
    }
    if !r.figures.is_empty() {
        let images: Vec<Value> = r.figures.iter().map(image_object).collect();
        put("image", Value::Array(images));
    }
    Value::Object(map)
}

/// schema.org `ImageObject` for a picture; empty words left out.
fn image_object(f: &Figure) -> Value {
    let mut map = Map::new();
    map.insert("@type".into(), json!("ImageObject"));
    map.insert("url".into(), json!(f.url));
    for (key, value) in [
        ("caption", &f.caption),
        ("creditText", &f.credit),
        ("description", &f.alt),
    ] {
        if !value.is_empty() {
            map.insert(key.into(), json!(value));
        }
    }
    if f.width > 0 && f.height > 0 {
        map.insert("width".into(), json!(f.width));
        map.insert("height".into(), json!(f.height));
    }
    Value::Object(map)
}

/// JSON that cannot end or confuse its `<script>` element: `<`, `>` and `&` only occur inside
/// JSON strings, where their `\u` escapes mean the same characters.
fn script_safe_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::article::Dateline;

    fn article() -> Article {
        Article {
            byline: "Nama Penulis".into(),
            body: "First *para*.

Second [link](https://x.org/?a=1&b=2).
"
            .into(),
            ..crate::article::fixture()
        }
    }

    #[test]
    fn page_has_semantic_structure_and_lead_in_in_first_paragraph() {
        let html = to_string(&article(), HtmlOptions::default());
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"),
            "{html}"
        );
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("<title>Rutte takes over</title>"));
        assert!(html.contains("<article lang=\"id\">"));
        assert!(html.contains("<h1>Rutte takes over</h1>"));
        assert!(html.contains("<p class=\"byline\">Oleh Nama Penulis</p>"));
        assert!(html.contains(
            "<p><span class=\"dateline\">BRUSSELS, 1 Oktober 2024 (Liputan6.com) –</span> First <em>para</em>.</p>"
        ), "{html}");
        assert!(
            html.contains("<a href=\"https://x.org/?a=1&amp;b=2\">link</a>"),
            "{html}"
        );
        assert!(html.contains("<p class=\"credit\">Sumber: AP</p>"));
    }

    #[test]
    fn a_picture_placed_in_the_body_is_its_figure_there() {
        let mut a = article();
        a.body = "One.\n\n![old alt](crew.png)\n\nTwo.\n\n![x](nowhere.png)".into();
        a.pictures = ["lead.jpg", "crew.png", "dock.png"]
            .map(|s| crate::article::Picture {
                caption: format!("{s} caption"),
                alt: format!("{s} alt"),
                ..crate::article::Picture::new(s)
            })
            .to_vec();
        let html = to_string(&a, HtmlOptions { fragment: true });
        let at = |needle: &str| {
            html.find(needle)
                .unwrap_or_else(|| panic!("{needle}: {html}"))
        };
        assert!(at("src=\"lead.jpg\"") < at("One.</p>"));
        assert!(at("One.</p>") < at("<img src=\"crew.png\" alt=\"crew.png alt\""));
        assert!(at("crew.png caption") < at("<p>Two.</p>"));
        // A source that is not one of the pictures is an image like any other in a
        // paragraph: its alt text, linked to it.
        let unknown = "<p><a href=\"nowhere.png\">x</a></p>";
        assert!(at("<p>Two.</p>") < at(unknown));
        assert!(
            at(unknown) < at("src=\"dock.png\""),
            "the rest after the body"
        );
        assert_eq!(html.matches("<figure>").count(), 3, "{html}");
    }

    #[test]
    fn fragment_is_only_the_article() {
        let html = to_string(&article(), HtmlOptions { fragment: true });
        assert!(html.starts_with("<article lang=\"id\">"), "{html}");
        assert!(html.trim_end().ends_with("</article>"), "{html}");
        assert!(!html.contains("<html") && !html.contains("<title>"));
    }

    #[test]
    fn lead_in_stands_alone_before_a_heading() {
        let mut a = article();
        a.body = "# Sub\n\nText.".into();
        let html = to_string(&a, HtmlOptions { fragment: true });
        assert!(
            html.contains(
                "<p class=\"dateline\">BRUSSELS, 1 Oktober 2024 (Liputan6.com) –</p>\n<h2>Sub</h2>"
            ),
            "{html}"
        );
    }

    #[test]
    fn blocks_become_their_elements() {
        let mut a = article();
        a.body = "> quote\n\n3. three\n4. four\n\n- a\n\n```\n<b>x</b>\n```\n\n---\n\n**b** ~~s~~ `c`  \nnext\n\n| A | B |\n| - | - |\n| 1 | <2> |\n".into();
        let html = to_string(&a, HtmlOptions { fragment: true });
        for part in [
            "<blockquote>\n<p>quote</p>\n</blockquote>",
            "<ol start=\"3\">\n<li>three</li>",
            "<ul>\n<li>a</li>\n</ul>",
            "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>",
            "<hr>",
            "<strong>b</strong> <s>s</s> <code>c</code><br>\nnext",
            "<table>\n<thead>\n<tr><th>A</th><th>B</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td><td>&lt;2&gt;</td></tr>\n</tbody>\n</table>",
        ] {
            assert!(html.contains(part), "{part:?} not in {html}");
        }
    }

    #[test]
    fn only_safe_link_schemes_keep_their_target() {
        for ok in [
            "https://a.b",
            "HTTP://a.b",
            "mailto:x@y.z",
            "/rel/path",
            "page.html",
            "a/b:c",
            "#top",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:x",
            "data:text/html,<script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn hostile_strings_in_every_field_stay_text() {
        let evil = "<script>alert(1)</script>\" onmouseover=\"alert(2)";
        let a = Article {
            headline: evil.into(),
            dateline: Dateline {
                place: evil.into(),
                date: None,
                outlet: evil.into(),
            },
            byline: evil.into(),
            body: format!(
                "{evil}\n\n[click](javascript:alert(3)) [data](data:text/html,x) [e](\"onmouseover=alert(4))\n\n<img src=x onerror=alert(5)>\n"
            ),
            credit: evil.into(),
            language: evil.into(),
            ..Article::default()
        };
        for options in [HtmlOptions::default(), HtmlOptions { fragment: true }] {
            let html = to_string(&a, options);
            // Exactly one <script> element, the JSON-LD; nothing else opens a tag from input.
            assert_eq!(html.matches("<script").count(), 1, "{html}");
            assert_eq!(html.matches("</script>").count(), 1, "{html}");
            // The JSON-LD still parses and holds the hostile headline intact.
            let start = html.find("application/ld+json\">").unwrap() + 21;
            let end = html[start..].find("</script>").unwrap() + start;
            let markup = format!("{}{}", &html[..start], &html[end..]);
            assert!(!markup.contains("<img"), "{html}");
            assert!(!markup.contains("javascript:"), "{html}");
            assert!(!markup.contains("data:text"), "{html}");
            assert!(!markup.contains("\" onmouseover"), "{html}");
            assert!(markup.contains("click"), "link text kept: {html}");
            let value: Value = serde_json::from_str(&html[start..end]).unwrap();
            assert_eq!(value["headline"], json!(evil));
            assert_eq!(value["sourceOrganization"]["name"], json!(evil));
        }
    }

    #[test]
    fn json_ld_describes_the_news_article() {
        let a = article();
        let value = json_ld(&a, &render::render(&a));
        assert_eq!(
            value,
            json!({
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": "Rutte takes over",
                "datePublished": "2024-10-01",
                "dateline": "BRUSSELS, 1 Oktober 2024 (Liputan6.com)",
                "author": {"@type": "Person", "name": "Nama Penulis"},
                "sourceOrganization": {"@type": "Organization", "name": "AP"},
                "publisher": {"@type": "Organization", "name": "Liputan6.com"},
                "inLanguage": "id",
            })
        );
        let empty = json_ld(&Article::default(), &render::render(&Article::default()));
        assert_eq!(empty.as_object().map(Map::len), Some(2), "{empty}");
    }

    #[test]
    fn control_characters_are_replaced_so_the_page_stays_valid() {
        let a = Article {
            headline: "a\u{0}b\u{1b}c\u{85}d".into(),
            ..Article::default()
        };
        let html = to_string(&a, HtmlOptions::default());
        assert!(
            html.contains("<h1>a\u{FFFD}b\u{FFFD}c\u{FFFD}d</h1>"),
            "{html}"
        );
    }

    #[test]
    fn summary_and_keywords_go_into_meta_and_json_ld() {
        let a = Article {
            summary: "Rutte \"leads\" <NATO>.".into(),
            keywords: vec!["NATO".into(), "Brussels".into()],
            ..article()
        };
        let html = to_string(&a, HtmlOptions::default());
        assert!(
            html.contains(
                "<meta name=\"description\" content=\"Rutte &quot;leads&quot; &lt;NATO&gt;.\">"
            ),
            "{html}"
        );
        assert!(
            html.contains("<meta name=\"keywords\" content=\"NATO, Brussels\">"),
            "{html}"
        );
        let ld = json_ld(&a, &render::render(&a));
        assert_eq!(ld["description"], "Rutte \"leads\" <NATO>.");
        assert_eq!(ld["keywords"], json!(["NATO", "Brussels"]));
    }

    #[test]
    fn untitled_page_still_has_a_title() {
        let html = to_string(&Article::default(), HtmlOptions::default());
        assert!(html.contains("<title>Untitled</title>"), "{html}");
        assert!(!html.contains("<h1>"));
    }
}
