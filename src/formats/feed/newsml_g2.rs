//! IPTC NewsML-G2: reading `newsItem`s (alone, in a `newsMessage`, or the `contentMeta` /
//! `contentSet` fragments IPTC's examples show) and writing an article as a 2.35 `newsItem`.
//!
//! Reading maps: headline (`contentMeta/headline` without a role, else the first),
//! slugline, byline (`by`, else the `creator`s), place (`located`, else the place of
//! `dateline`), outlet (from `dateline`, "London (dpa)"), date (`contentCreated`, else
//! `firstCreated`, `versionCreated`, in the item's own offset), credit (`infoSource`, else
//! `creditline`, else the provider), language (`language/@tag`, else `xml:lang`), summary
//! (`description`), keywords (`keyword`s and named `subject`s), and into
//! [`Article::extra`](crate::Article::extra) guid, version, urgency, `edNote`, copyright
//! and a sub-headline. The body is the first `inlineXML` (XHTML or NITF) or `inlineData`
//! (`text/plain`, which may really be HTML in CDATA, as ANSA sends it).
//!
//! Writing ([`to_string`]) gives a `newsItem` that validates against the NewsML-G2 2.35
//! schema: `itemMeta` (class, provider, version time, status, generator), `contentMeta`
//! (created date, located, creator, infoSource for credit and outlet, language, subjects
//! as keywords, slugline, headline, dateline, description) and the body as XHTML in
//! `inlineXML`. An item Newsdesk wrote is read back without the raw-copy rules: it is an
//! edited article, not copy, so it reads back to the same article.

use std::io::Cursor;

use pulldown_cmark::{Event as Md, HeadingLevel, Options, Parser, Tag, TagEnd};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde_norway::Value;

use super::body::{self, Space};
use super::xml::{self, Element};
use super::{Feed, FeedError, Parsed, clean_byline, concept_name, finish, meta, nitf};
use crate::article::{Article, Field};
use crate::import::{Imported, Report};

/// The NewsML-G2 namespace.
pub const NS: &str = "http://iptc.org/std/nar/2006-10-01/";
/// XHTML's namespace, for the exported body.
const XHTML: &str = "http://www.w3.org/1999/xhtml";
/// The relation of the lead picture's `itemMeta/link` to the item.
const PICTURE_REL: &str = "irel:seeAlso";
/// What `itemMeta/generator` says in an item Newsdesk wrote.
const GENERATOR: &str = "Newsdesk";
/// The `infoSource` role for the outlet that filed the story (the credit has none).
const OUTLET_ROLE: &str = "isrol:outlet";

pub(super) fn read(root: Element<'_>) -> Result<Feed, FeedError> {
    match root.name() {
        "newsItem" => Ok(Feed {
            kind: "NewsML-G2 newsItem",
            items: vec![item(root)],
            notes: Vec::new(),
        }),
        "newsMessage" => {
            let mut items = Vec::new();
            let mut notes = Vec::new();
            for set in root.children_named("itemSet") {
                for e in set.elements() {
                    match e.name() {
                        "newsItem" => items.push(item(e)),
                        other => notes.push(format!(
                            "skipped a {other}{}: not an article",
                            if other == "packageItem" {
                                " (a package of other items)"
                            } else {
                                ""
                            }
                        )),
                    }
                }
            }
            if items.is_empty() {
                return Err(FeedError::NoItems("NewsML-G2 newsMessage".to_owned()));
            }
            Ok(Feed {
                kind: "NewsML-G2 newsMessage",
                items,
                notes,
            })
        }
        "contentSet" | "contentMeta" => {
            // A fragment, as in IPTC's examples: read as an item holding only it, which the
            // document node is (it has no name or attributes of its own).
            Ok(Feed {
                kind: "NewsML-G2 fragment",
                items: vec![item(root.top())],
                notes: vec![format!(
                    "a NewsML-G2 {} fragment, not a whole item",
                    root.name()
                )],
            })
        }
        other => Err(FeedError::NotAnArticle(format!("NewsML-G2 {other}"))),
    }
}

/// One `newsItem` as an article.
#[allow(clippy::too_many_lines)] // one field after another, in the schema's order
fn item(e: Element<'_>) -> Imported {
    let mut p = Parsed::default();
    let cm = e.child("contentMeta");
    let im = e.child("itemMeta");
    let ours = im
        .and_then(|im| im.child("generator"))
        .is_some_and(|g| g.text().trim() == GENERATOR);
    if let Some(cm) = cm.map(ContentMeta::of) {
        let headline = cm
            .headlines
            .iter()
            .find(|h| h.attr("role").is_none_or(|r| r.ends_with(":main")))
            .or_else(|| cm.headlines.first());
        if let Some(h) = headline {
            p.set(Field::Headline, &h.text_collapsed(), "contentMeta/headline");
        }
        if let Some(sub) = cm.headlines.iter().find(|h| {
            h.attr("role")
                .is_some_and(|r| r.to_ascii_lowercase().contains("sub"))
        }) {
            p.keep_text(meta::SUBHEADLINE, &sub.text());
        }
        if let Some(s) = cm.slugline {
            p.set(Field::Slugline, &s.text_collapsed(), "contentMeta/slugline");
        }
        if let Some(by) = cm.by {
            p.set(Field::Byline, &clean_byline(&by.text()), "contentMeta/by");
        }
        let creators: Vec<String> = cm
            .creators
            .iter()
            .copied()
            .map(concept_name)
            .filter(|n| !n.is_empty())
            .collect();
        p.set(Field::Byline, &creators.join(", "), "contentMeta/creator");
        if let Some(located) = cm.located {
            p.set(Field::Place, &concept_name(located), "contentMeta/located");
        }
        for &source in &cm.info_sources {
            let name = concept_name(source);
            if source.attr("role") == Some(OUTLET_ROLE) {
                p.set(Field::Outlet, &name, "contentMeta/infoSource (outlet)");
            } else {
                p.set(Field::Credit, &name, "contentMeta/infoSource");
            }
        }
        if let Some(c) = cm.creditline {
            p.set(Field::Credit, &c.text_collapsed(), "contentMeta/creditline");
        }
        // The dateline Newsdesk writes is the lead-in as printed; its fields have elements
        // of their own.
        if let Some(d) = cm.dateline.filter(|_| !ours) {
            let text = d.text_collapsed();
            let (place, outlet) = dateline_parts(&text);
            p.set(Field::Place, &place, "contentMeta/dateline");
            p.set(Field::Outlet, &outlet, "contentMeta/dateline");
        }
        if let Some(tag) = cm.language.and_then(|l| l.attr("tag")) {
            p.set(Field::Language, tag, "contentMeta/language");
        }
        if let Some(d) = cm
            .descriptions
            .iter()
            .find(|d| d.attr("role").is_none_or(|r| r.contains("summary")))
        {
            p.set(
                Field::Summary,
                &d.text_collapsed(),
                "contentMeta/description",
            );
        }
        for &k in &cm.terms {
            match k.name() {
                "keyword" => p.keyword(&k.text()),
                _ if k.attr("type") != Some("cpnat:poi") => {
                    if let Some(name) = subject_name(k) {
                        p.keyword(&name);
                    }
                }
                _ => {}
            }
        }
        if let Some(u) = cm.urgency {
            p.keep_number(meta::URGENCY, &u.text());
        }
        if let Some(c) = cm.content_created {
            p.set_date(&c.text(), "contentMeta/contentCreated");
        }
    }
    if let Some(im) = im {
        // When Newsdesk wrote the item, `versionCreated` is when it was exported.
        let dates: &[&str] = if ours {
            &[]
        } else {
            &["firstCreated", "versionCreated"]
        };
        for name in dates {
            if let Some(c) = im.child(name) {
                p.set_date(&c.text(), &format!("itemMeta/{name}"));
            }
        }
        let notes: Vec<String> = im
            .children_named("edNote")
            .filter(|n| n.elements().next().is_none())
            .map(Element::text_collapsed)
            .filter(|n| !n.is_empty())
            .collect();
        if notes.is_empty() {
            if let Some(n) = im.child("edNote") {
                p.keep_text(meta::EDNOTE, &n.text());
            }
        } else {
            p.keep(meta::EDNOTE, Value::from(notes.join("\n")));
        }
    }
    if let Some(lang) = e.attr("xml:lang") {
        p.set(Field::Language, lang, "newsItem/@xml:lang");
    }
    if let Some(guid) = e.attr("guid") {
        p.keep_text(meta::GUID, guid);
    }
    if let Some(version) = e.attr("version") {
        p.keep_number(meta::VERSION, version);
    }
    if let Some(rights) = e.child("rightsInfo") {
        let notice = rights
            .child("copyrightNotice")
            .map(Element::text_collapsed)
            .filter(|n| !n.is_empty())
            .or_else(|| rights.child("copyrightHolder").map(concept_name));
        if let Some(notice) = notice {
            p.keep_text(meta::COPYRIGHT, &notice);
        }
    }
    for link in im.iter().flat_map(|im| im.children_named("link")) {
        let image = link
            .attr("contenttype")
            .is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("image/"));
        if let Some(href) = link
            .attr("href")
            .map(str::trim)
            .filter(|h| image && !h.is_empty())
        {
            p.article.pictures.push(crate::article::Picture {
                caption: link.attr("title").map(xml::collapse).unwrap_or_default(),
                ..crate::article::Picture::new(href)
            });
        }
    }
    if let Some(set) = e.child("contentSet") {
        content(&mut p, set);
    }
    if let Some(provider) = im.and_then(|im| im.child("provider")) {
        p.last_resort_credit = Some((concept_name(provider), "itemMeta/provider".to_owned()));
    }
    if ours {
        // An edited article as Newsdesk wrote it: read as written.
        let mut article = std::mem::take(&mut p.article);
        if article.credit.is_empty()
            && let Some((credit, _)) = p.last_resort_credit.take()
            && credit != GENERATOR
        {
            article.credit = credit;
        }
        let paragraphs: Vec<String> = std::mem::take(&mut p.blocks)
            .into_iter()
            .map(|b| b.text)
            .collect();
        article.body = paragraphs.join("\n\n");
        let made_up = crate::formats::ninjs::uri(&article);
        if article.extra.get(meta::GUID).and_then(Value::as_str) == Some(made_up.as_str()) {
            // The identity the export made up for an article without one.
            article.extra.remove(meta::GUID);
        }
        return Imported {
            article,
            report: Report::default(),
        };
    }
    finish(p)
}

/// The children of `contentMeta` an item is read from, found in one pass over them: a
/// search of its children for each (a dpa item's holds some forty, most of them subjects)
/// was a twentieth of reading the item. Each single one is the first of its name, as the
/// schema allows one; the lists are in document order.
#[derive(Default)]
struct ContentMeta<'d> {
    headlines: Vec<Element<'d>>,
    creators: Vec<Element<'d>>,
    info_sources: Vec<Element<'d>>,
    descriptions: Vec<Element<'d>>,
    /// `keyword`s and `subject`s, as they come.
    terms: Vec<Element<'d>>,
    slugline: Option<Element<'d>>,
    by: Option<Element<'d>>,
    located: Option<Element<'d>>,
    creditline: Option<Element<'d>>,
    dateline: Option<Element<'d>>,
    language: Option<Element<'d>>,
    urgency: Option<Element<'d>>,
    content_created: Option<Element<'d>>,
}

impl<'d> ContentMeta<'d> {
    fn of(cm: Element<'d>) -> Self {
        let mut m = Self::default();
        for e in cm.elements() {
            match e.name() {
                "headline" => m.headlines.push(e),
                "creator" => m.creators.push(e),
                "infoSource" => m.info_sources.push(e),
                "description" => m.descriptions.push(e),
                "keyword" | "subject" => m.terms.push(e),
                name => {
                    if let Some(first) = m.single(name) {
                        first.get_or_insert(e);
                    }
                }
            }
        }
        m
    }

    /// The place for the one child named `name`, if the reader takes one.
    fn single(&mut self, name: &str) -> Option<&mut Option<Element<'d>>> {
        Some(match name {
            "slugline" => &mut self.slugline,
            "by" => &mut self.by,
            "located" => &mut self.located,
            "creditline" => &mut self.creditline,
            "dateline" => &mut self.dateline,
            "language" => &mut self.language,
            "urgency" => &mut self.urgency,
            "contentCreated" => &mut self.content_created,
            _ => return None,
        })
    }
}

/// A subject's name in the item's terms: a `name` without a role or with a display or
/// full role; codes alone are not keywords.
fn subject_name(s: Element<'_>) -> Option<String> {
    let names: Vec<Element> = s.children_named("name").collect();
    let name = names
        .iter()
        .find(|n| {
            n.attr("role")
                .is_none_or(|r| r.ends_with(":display") || r.ends_with(":full"))
        })
        .or_else(|| names.first())?;
    let text = name.text_collapsed();
    (!text.is_empty()).then_some(text)
}

/// The body: the first `inlineXML` or `inlineData` in the content set. A `remoteContent`
/// with an image content type is a picture (ANSA sends its photo so).
fn content(p: &mut Parsed, set: Element<'_>) {
    for c in set.children_named("remoteContent") {
        let image = c
            .attr("contenttype")
            .is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("image/"));
        let href = c.attr("href").map(str::trim).unwrap_or_default();
        if image && !href.is_empty() && !p.article.pictures.iter().any(|q| q.source == href) {
            let px = |name: &str| {
                c.attr(name)
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(0)
            };
            p.article.pictures.push(crate::article::Picture {
                width: px("width"),
                height: px("height"),
                ..crate::article::Picture::new(href)
            });
        }
    }
    for c in set.elements() {
        let kind = c
            .attr("contenttype")
            .unwrap_or_default()
            .to_ascii_lowercase();
        match c.name() {
            "inlineXML" => {
                if let Some(nitf) = c.find("nitf").or_else(|| (c.name() == "nitf").then_some(c)) {
                    nitf::fill(p, nitf, "contentSet/inlineXML/nitf");
                } else if kind.contains("nitf") {
                    // NITF content without the root element.
                    p.body(body::convert(c, Space::Collapse));
                } else {
                    let root = c.find("body").unwrap_or(c);
                    let blocks = body::convert_placing(root, Space::Collapse, &p.article.pictures);
                    p.body(blocks);
                }
                return;
            }
            "inlineData" => {
                let text = c.text();
                let space = if kind.contains("html") {
                    Space::Collapse
                } else {
                    Space::Preserve
                };
                p.body(super::text_body(&text, space));
                return;
            }
            _ => {}
        }
    }
}

/// "London (dpa) - " → ("London", "dpa"); "MOSCOW, Monday (Reuters)" → ("Moscow",
/// "Reuters"). A part with a digit is a date, not a place.
pub fn dateline_parts(text: &str) -> (String, String) {
    let text = text.trim().trim_end_matches(['-', '–', '—', ' ']);
    let (before, outlet) = match (text.find('('), text.rfind(')')) {
        (Some(open), Some(close)) if open < close => {
            (&text[..open], text[open + 1..close].trim().to_owned())
        }
        _ => (text, String::new()),
    };
    let place = before.split(',').next().unwrap_or_default().trim();
    let place = if place.chars().any(|c| c.is_ascii_digit()) {
        ""
    } else {
        place
    };
    let place = if place.chars().any(char::is_lowercase) {
        place.to_owned()
    } else {
        crate::import::dateline::normal_case(place)
    };
    (place, outlet)
}

/// The article as a NewsML-G2 2.35 `newsItem`.
pub fn to_string(article: &Article) -> String {
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
    // Writing to memory cannot fail; `write` below keeps the calls short.
    let _ = write_item(&mut w, article);
    let mut text = String::from_utf8(w.into_inner().into_inner()).unwrap_or_default();
    text.push('\n');
    text
}

type W = Writer<Cursor<Vec<u8>>>;

fn text_el(w: &mut W, name: &str, attrs: &[(&str, &str)], text: &str) -> std::io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

fn named(w: &mut W, name: &str, attrs: &[(&str, &str)], text: &str) -> std::io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_inner_content(|w| {
            w.create_element("name")
                .write_text_content(BytesText::new(text))?;
            Ok(())
        })?;
    Ok(())
}

fn extra_text(article: &Article, key: &str) -> Option<String> {
    match article.extra.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[allow(clippy::too_many_lines)] // one element after another, in the schema's order
fn write_item(w: &mut W, a: &Article) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let guid = extra_text(a, meta::GUID).unwrap_or_else(|| crate::formats::ninjs::uri(a));
    let version = extra_text(a, meta::VERSION).filter(|v| v.parse::<u64>().is_ok_and(|n| n > 0));
    let mut start = BytesStart::new("newsItem");
    start.push_attribute(("xmlns", NS));
    start.push_attribute(("guid", guid.as_str()));
    if let Some(version) = &version {
        start.push_attribute(("version", version.as_str()));
    }
    start.push_attribute(("standard", "NewsML-G2"));
    start.push_attribute(("standardversion", "2.35"));
    start.push_attribute(("conformance", "power"));
    let lang = a.language.trim();
    if !lang.is_empty() {
        start.push_attribute(("xml:lang", lang));
    }
    w.write_event(Event::Start(start))?;
    w.create_element("catalogRef")
        .with_attribute((
            "href",
            "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml",
        ))
        .write_empty()?;
    if let Some(c) = extra_text(a, meta::COPYRIGHT) {
        w.create_element("rightsInfo")
            .write_inner_content(|w| text_el(w, "copyrightNotice", &[], &c))?;
    }
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    w.create_element("itemMeta").write_inner_content(|w| {
        w.create_element("itemClass")
            .with_attribute(("qcode", "ninat:text"))
            .write_empty()?;
        let provider = if a.credit.trim().is_empty() {
            "Newsdesk"
        } else {
            a.credit.trim()
        };
        w.create_element("provider")
            .with_attribute(("literal", provider))
            .write_empty()?;
        text_el(w, "versionCreated", &[], &now)?;
        w.create_element("pubStatus")
            .with_attribute(("qcode", "stat:usable"))
            .write_empty()?;
        text_el(w, "generator", &[], GENERATOR)?;
        if let Some(n) = extra_text(a, meta::EDNOTE) {
            // One line a note: a reader collapses the white space inside each.
            for line in n.lines().filter(|l| !l.trim().is_empty()) {
                text_el(w, "edNote", &[], line.trim())?;
            }
        }
        // The pictures, referenced from the item (a package would carry each as an item of
        // its own), the lead ranked 1: `link` is the last child `itemMeta` may have. Only
        // the source and the caption (as `title`) have a place here.
        for (i, picture) in a.pictures.iter().enumerate() {
            let source = picture.source.trim();
            if source.is_empty() {
                continue;
            }
            let rank = (i + 1).to_string();
            let kind = crate::formats::ninjs::media_type(source).unwrap_or("image/*");
            let mut link = w
                .create_element("link")
                .with_attribute(("rel", PICTURE_REL))
                .with_attribute(("rank", rank.as_str()))
                .with_attribute(("href", source))
                .with_attribute(("contenttype", kind));
            let caption = picture.caption.trim();
            if !caption.is_empty() {
                link = link.with_attribute(("title", caption));
            }
            link.write_empty()?;
        }
        Ok(())
    })?;
    w.create_element("contentMeta").write_inner_content(|w| {
        if let Some(u) = extra_text(a, meta::URGENCY).filter(|u| u.parse::<u8>().is_ok()) {
            text_el(w, "urgency", &[], &u)?;
        }
        if let Some(d) = a.dateline.date {
            text_el(w, "contentCreated", &[], &d.format("%Y-%m-%d").to_string())?;
        }
        let place = a.dateline.place.trim();
        if !place.is_empty() {
            named(w, "located", &[], place)?;
        }
        let byline = a.byline.trim();
        if !byline.is_empty() {
            named(w, "creator", &[], byline)?;
        }
        let credit = a.credit.trim();
        if !credit.is_empty() {
            named(w, "infoSource", &[], credit)?;
        }
        let outlet = a.dateline.outlet.trim();
        if !outlet.is_empty() {
            named(w, "infoSource", &[("role", OUTLET_ROLE)], outlet)?;
        }
        if !lang.is_empty() {
            w.create_element("language")
                .with_attribute(("tag", lang))
                .write_empty()?;
        }
        for k in &a.keywords {
            text_el(w, "keyword", &[], k)?;
        }
        let slug = a.slugline.trim();
        if !slug.is_empty() {
            text_el(w, "slugline", &[], slug)?;
        }
        let headline = a.headline.trim();
        if !headline.is_empty() {
            text_el(w, "headline", &[], headline)?;
        }
        if let Some(sub) = extra_text(a, meta::SUBHEADLINE) {
            text_el(w, "headline", &[("role", "hld:subHeadline")], &sub)?;
        }
        if let Some(lead) = crate::render::lead_in(a, crate::Lang::of(a)) {
            let lead = lead.trim_end_matches(['—', '–', '-']).trim_end();
            text_el(w, "dateline", &[], lead)?;
        }
        let summary = a.summary.trim();
        if !summary.is_empty() {
            text_el(w, "description", &[("role", "drol:summary")], summary)?;
        }
        Ok(())
    })?;
    let body = xhtml_body(&a.body);
    w.create_element("contentSet").write_inner_content(|w| {
        w.create_element("inlineXML")
            .with_attribute(("contenttype", "application/xhtml+xml"))
            .write_inner_content(|w| {
                let mut html = BytesStart::new("html");
                html.push_attribute(("xmlns", XHTML));
                w.write_event(Event::Start(html))?;
                w.create_element("head")
                    .write_inner_content(|w| text_el(w, "title", &[], a.headline.trim()))?;
                w.write_event(Event::Text(BytesText::from_escaped(body.as_str())))?;
                w.write_event(Event::End(BytesEnd::new("html")))?;
                Ok(())
            })?;
        Ok(())
    })?;
    w.write_event(Event::End(BytesEnd::new("newsItem")))?;
    Ok(())
}

/// The Markdown body as an XHTML `<body>`, written without indentation (white space inside
/// mixed content is text).
fn xhtml_body(markdown: &str) -> String {
    let mut w = Writer::new(Cursor::new(Vec::new()));
    let _ = write_body(&mut w, markdown);
    String::from_utf8(w.into_inner().into_inner()).unwrap_or_default()
}

fn write_body(w: &mut W, markdown: &str) -> std::io::Result<()> {
    let start = |w: &mut W, name: &str| w.write_event(Event::Start(BytesStart::new(name)));
    let end = |w: &mut W, name: &str| w.write_event(Event::End(BytesEnd::new(name)));
    start(w, "body")?;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // Closing names, pushed as elements open: pulldown-cmark's end tags do not all say
    // which element they close (a table cell in the head row is a `th`).
    let mut open: Vec<&'static str> = Vec::new();
    let mut in_head = false;
    // An image being read: its source, its alt text so far (the text events inside it) and
    // how many images deep the reader is (alt text may hold one). It is written as one
    // `<img>` at its end, so a placed picture stays a picture and does not become a
    // paragraph of its alt text.
    let mut image: Option<(String, String, usize)> = None;
    for event in Parser::new_ext(markdown, options) {
        if let Some((source, alt, depth)) = &mut image {
            match event {
                Md::Start(Tag::Image { .. }) => *depth += 1,
                Md::End(TagEnd::Image) if *depth > 0 => *depth -= 1,
                Md::End(TagEnd::Image) => {
                    let mut img = BytesStart::new("img");
                    if crate::formats::html::is_safe_url(source) {
                        img.push_attribute(("src", source.as_str()));
                    }
                    img.push_attribute(("alt", alt.as_str()));
                    w.write_event(Event::Empty(img))?;
                    image = None;
                }
                Md::Text(t) | Md::Code(t) | Md::Html(t) | Md::InlineHtml(t) => alt.push_str(&t),
                Md::SoftBreak | Md::HardBreak => alt.push(' '),
                _ => {}
            }
            continue;
        }
        match event {
            Md::Start(Tag::Image { dest_url, .. }) => {
                image = Some((dest_url.into_string(), String::new(), 0));
            }
            Md::Start(tag) => {
                let name: &'static str = match &tag {
                    Tag::Paragraph => "p",
                    Tag::Heading { level, .. } => match level {
                        HeadingLevel::H1 | HeadingLevel::H2 => "h2",
                        HeadingLevel::H3 => "h3",
                        HeadingLevel::H4 => "h4",
                        HeadingLevel::H5 => "h5",
                        HeadingLevel::H6 => "h6",
                    },
                    Tag::BlockQuote(_) => "blockquote",
                    Tag::CodeBlock(_) => "pre",
                    Tag::List(Some(_)) => "ol",
                    Tag::List(None) => "ul",
                    Tag::Item => "li",
                    Tag::Table(_) => "table",
                    Tag::TableHead => {
                        in_head = true;
                        "tr"
                    }
                    Tag::TableRow => "tr",
                    Tag::TableCell => {
                        if in_head {
                            "th"
                        } else {
                            "td"
                        }
                    }
                    Tag::Emphasis => "em",
                    Tag::Strong => "strong",
                    Tag::Strikethrough => "del",
                    Tag::Link { dest_url, .. } => {
                        let mut a = BytesStart::new("a");
                        if crate::formats::html::is_safe_url(dest_url) {
                            a.push_attribute(("href", dest_url.as_ref()));
                        }
                        w.write_event(Event::Start(a))?;
                        open.push("a");
                        continue;
                    }
                    _ => "span",
                };
                start(w, name)?;
                open.push(name);
            }
            Md::End(tag) => {
                if matches!(tag, TagEnd::TableHead) {
                    in_head = false;
                }
                if let Some(name) = open.pop() {
                    end(w, name)?;
                }
            }
            Md::Text(t) | Md::Code(t) | Md::Html(t) | Md::InlineHtml(t) => {
                w.write_event(Event::Text(BytesText::new(&t)))?;
            }
            Md::Rule => {
                w.write_event(Event::Empty(BytesStart::new("hr")))?;
            }
            Md::SoftBreak | Md::HardBreak => {
                w.write_event(Event::Empty(BytesStart::new("br")))?;
            }
            _ => {}
        }
    }
    end(w, "body")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_parts_split_place_and_outlet() {
        assert_eq!(
            dateline_parts("London (dpa) - "),
            ("London".into(), "dpa".into())
        );
        assert_eq!(
            dateline_parts("MOSCOW, Monday (Reuters)"),
            ("Moscow".into(), "Reuters".into())
        );
        assert_eq!(
            dateline_parts("Strasbourg, 10 juil 2024 (AFP)"),
            ("Strasbourg".into(), "AFP".into())
        );
        assert_eq!(dateline_parts("4/4/2018"), (String::new(), String::new()));
    }

    #[test]
    fn images_are_written_as_img_and_only_placed_pictures_read_back() {
        let mut a = crate::article::fixture();
        a.pictures = vec![crate::article::Picture::new("crew one.png")];
        a.body = "Before ![an ![inner](x.png) icon](icon.png) after.\n\n![The *crew*](<crew one.png>)\n\n![Not ours](javascript:alert(1))".into();
        let text = to_string(&a);
        assert!(
            text.contains(r#"<p>Before <img src="icon.png" alt="an inner icon"/> after.</p>"#),
            "{text}"
        );
        assert!(
            text.contains(r#"<p><img src="crew one.png" alt="The crew"/></p>"#),
            "{text}"
        );
        assert!(text.contains(r#"<p><img alt="Not ours"/></p>"#), "{text}");
        let back = super::super::read(text.as_bytes()).unwrap();
        // Only the lone image of one of the item's pictures is story text; the alt text
        // keeps no emphasis (the export wrote it as plain text).
        assert_eq!(
            back.items[0].article.body,
            "Before after.\n\n![The crew](<crew one.png>)"
        );
    }

    #[test]
    fn export_reads_back_to_the_same_article() {
        let mut a = crate::article::fixture();
        a.slugline = "NATO-Rutte".into();
        a.summary = "Rutte takes over & more.".into();
        a.keywords = vec!["NATO".into(), "Brussels".into()];
        a.byline = "Jane Doe".into();
        // A feed item reads back as wire copy.
        a.state = crate::article::StoryState::Wire;
        a.body = "First *para* with a [link](https://x.org).\n\n## Sub\n\n- one\n- two\n\n> Quoted.\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\nLast\nline.".into();
        a.extra.insert(Value::from(meta::URGENCY), Value::from(3));
        a.extra
            .insert(Value::from(meta::GUID), Value::from("urn:x:1"));
        let text = to_string(&a);
        let feed = super::super::read(text.as_bytes()).unwrap();
        assert_eq!(feed.items.len(), 1);
        assert_eq!(feed.items[0].article, a, "{text}");
    }
}
