//! NITF 3.x documents, alone (AP, EFE, AAP) or inside a NewsML-G2 `inlineXML`.
//!
//! Maps: headline (`hedline/hl1`, else `head/title`), byline (`byline` without "By" and its
//! `byttl` title), place (`dateline` location or city, else `docdata/evloc/@city`), date
//! (`docdata/date.issue/@norm`, else `story.date/@norm`, `pubdata/@date.publication`),
//! credit (`distributor`, else the `doc.copyright` holder), language (`@baselang`,
//! `xml:lang`), summary (`abstract`), keywords (`key-list/keyword/@key`), slugline
//! (`du-key/@key`, else the ANPA keyword in `meta`); into the extras the `doc-id`,
//! urgency, `ed-msg` and copyright. The body is `body.content`, with `hl2` sub-heads as
//! headings.

use super::body::{self, Space};
use super::xml::Element;
use super::{Parsed, clean_byline, meta};
use crate::article::Field;

/// A whole NITF document as an item.
/// NITF `<media media-type="image">` in the body: the `media-reference`'s `source` (its
/// `alternate-text` as alt text, its size), `media-caption` and `media-producer` (the
/// credit) become pictures, in document order, after any the envelope gave.
fn pictures(p: &mut Parsed, body: Element<'_>) {
    let mut media = Vec::new();
    body.find_all("media", &mut media);
    for m in media {
        if !m
            .attr("media-type")
            .is_some_and(|t| t.eq_ignore_ascii_case("image"))
        {
            continue;
        }
        let Some(reference) = m
            .children_named("media-reference")
            .find(|r| r.attr("source").is_some_and(|s| !s.trim().is_empty()))
        else {
            continue;
        };
        let px = |name: &str| {
            reference
                .attr(name)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .unwrap_or(0)
        };
        let text = |name: &str| {
            m.child(name)
                .map(Element::text_collapsed)
                .unwrap_or_default()
        };
        let source = reference
            .attr("source")
            .unwrap_or_default()
            .trim()
            .to_owned();
        if p.article.pictures.iter().any(|q| q.source == source) {
            continue;
        }
        p.article.pictures.push(crate::article::Picture {
            source,
            caption: text("media-caption"),
            credit: text("media-producer"),
            alt: reference
                .attr("alternate-text")
                .map(super::xml::collapse)
                .unwrap_or_default(),
            width: px("width"),
            height: px("height"),
        });
    }
}

pub(super) fn read(nitf: Element<'_>) -> Parsed {
    let mut p = Parsed::default();
    fill(&mut p, nitf, "nitf");
    p
}

/// Fills what is still empty in `p` from a NITF document (the NewsML-G2 envelope's fields
/// come first when it is inside one); `at` names where it is, for the report.
#[allow(clippy::too_many_lines)] // one field after another
pub(super) fn fill(p: &mut Parsed, nitf: Element<'_>, at: &str) {
    let head = nitf.child("head");
    let body = nitf.child("body");
    if let Some(body) = body {
        pictures(p, body);
    }
    let bhead = body.and_then(|b| b.child("body.head"));
    let docdata = head.and_then(|h| h.child("docdata"));
    if let Some(h) = bhead.and_then(|b| b.path(&["hedline", "hl1"])) {
        p.set(
            Field::Headline,
            &h.text_collapsed(),
            &format!("{at}/hedline/hl1"),
        );
    }
    if let Some(t) = head.and_then(|h| h.child("title")) {
        p.set(
            Field::Headline,
            &t.text_collapsed(),
            &format!("{at}/head/title"),
        );
    }
    if let Some(hedline) = bhead.and_then(|b| b.child("hedline")) {
        let hl1 = hedline.child("hl1").map(Element::text_collapsed);
        if let Some(hl2) = hedline
            .children_named("hl2")
            .map(Element::text_collapsed)
            .find(|t| !t.is_empty() && Some(t) != hl1.as_ref())
        {
            p.keep_text(meta::SUBHEADLINE, &hl2);
        }
    }
    if let Some(by) = bhead.and_then(|b| b.child("byline")) {
        let mut name = String::new();
        for n in by.children() {
            match n {
                super::xml::Node::Text(t) => name.push_str(t),
                super::xml::Node::Element(e) if e.name() != "byttl" => name.push_str(&e.text()),
                super::xml::Node::Element(_) => name.push(' '),
            }
        }
        p.set(Field::Byline, &clean_byline(&name), &format!("{at}/byline"));
    }
    if let Some(d) = bhead.and_then(|b| b.child("dateline")) {
        let place = d
            .find("city")
            .or_else(|| d.child("location"))
            .map(Element::text_collapsed)
            .unwrap_or_default();
        let place = if place.chars().any(char::is_lowercase) {
            place
        } else {
            crate::import::dateline::normal_case(&place)
        };
        p.set(Field::Place, &place, &format!("{at}/dateline"));
        if let Some(norm) = d.child("story.date").and_then(|s| s.attr("norm")) {
            p.set_date(norm, &format!("{at}/dateline/story.date"));
        }
    }
    if let Some(docdata) = docdata {
        if let Some(city) = docdata.child("evloc").and_then(|e| e.attr("city")) {
            p.set(Field::Place, city, &format!("{at}/docdata/evloc"));
        }
        if let Some(norm) = docdata.child("date.issue").and_then(|d| d.attr("norm")) {
            p.set_date(norm, &format!("{at}/docdata/date.issue"));
        }
        if let Some(id) = docdata.child("doc-id").and_then(|d| d.attr("id-string")) {
            p.keep_text(meta::GUID, id);
        }
        if let Some(u) = docdata.child("urgency").and_then(|u| u.attr("ed-urg")) {
            p.keep_number(meta::URGENCY, u);
        }
        if let Some(m) = docdata.child("ed-msg").and_then(|m| m.attr("info")) {
            p.keep_text(meta::EDNOTE, m);
        }
        if let Some(c) = docdata.child("doc.copyright") {
            let holder = c.attr("holder").unwrap_or_default().trim();
            let year = c.attr("year").unwrap_or_default().trim();
            if !holder.is_empty() {
                p.keep_text(meta::COPYRIGHT, &format!("Copyright {year} {holder}"));
            }
        }
        if let Some(key) = docdata.child("du-key").and_then(|k| k.attr("key")) {
            p.set(Field::Slugline, key, &format!("{at}/docdata/du-key"));
        }
        if let Some(list) = docdata.child("key-list") {
            for k in list.children_named("keyword") {
                p.keyword(k.attr("key").unwrap_or_default());
            }
        }
    }
    if let Some(head) = head {
        for m in head.children_named("meta") {
            if m.attr("name") == Some("anpa-keyword") {
                p.set(
                    Field::Slugline,
                    m.attr("content").unwrap_or_default(),
                    &format!("{at}/meta anpa-keyword"),
                );
            }
        }
        if let Some(norm) = head
            .child("pubdata")
            .and_then(|d| d.attr("date.publication"))
        {
            p.set_date(norm, &format!("{at}/pubdata"));
        }
    }
    if let Some(d) = bhead.and_then(|b| b.child("distributor")) {
        p.set(
            Field::Credit,
            &d.text_collapsed(),
            &format!("{at}/distributor"),
        );
    }
    if let Some(c) = docdata
        .and_then(|d| d.child("doc.copyright"))
        .and_then(|c| c.attr("holder"))
    {
        p.set(Field::Credit, c, &format!("{at}/docdata/doc.copyright"));
    }
    for lang in [
        nitf.attr("baselang"),
        nitf.attr("xml:lang"),
        body.and_then(|b| b.attr("xml:lang")),
    ] {
        p.set(
            Field::Language,
            lang.unwrap_or_default(),
            &format!("{at}/@baselang"),
        );
    }
    if let Some(a) = bhead.and_then(|b| b.child("abstract")) {
        p.set(
            Field::Summary,
            &a.text_collapsed(),
            &format!("{at}/abstract"),
        );
    }
    if let Some(content) = body.and_then(|b| b.child("body.content")) {
        p.body(body::convert(content, Space::Collapse));
    }
}
