//! `NewsML` 1.x, the envelope AFP and ANA still send: a `NewsML` document of `NewsItem`s.
//!
//! Maps: headline (`NewsLines/HeadLine`), slugline (`SlugLine`), byline (`ByLine`), place
//! and outlet (`DateLine`, "Strasbourg, 10 juil 2024 (AFP)"; else the `City` property),
//! date (`FirstCreated`, else `ThisRevisionCreated`), credit (`CreditLine`, else the
//! provider's or source's party), language (`Language/@FormalName`), keywords (the
//! topics' names in the item's language), and into the extras `PublicIdentifier`, the
//! revision, `CopyrightLine` and `SubHeadLine`. The body is the text `ContentItem`'s
//! `DataContent`: XML markup, or HTML or plain text in CDATA.

use super::body::{self, Space};
use super::newsml_g2::dateline_parts;
use super::xml::Element;
use super::{Feed, FeedError, Parsed, clean_byline, finish, meta};
use crate::article::Field;

pub(super) fn read(root: Element<'_>) -> Result<Feed, FeedError> {
    let items: Vec<_> = root
        .children_named("NewsItem")
        .map(|i| finish(item(i)))
        .collect();
    if items.is_empty() {
        return Err(FeedError::NoItems("NewsML 1.x document".to_owned()));
    }
    Ok(Feed {
        kind: "NewsML 1.x",
        items,
        notes: Vec::new(),
    })
}

fn item(item: Element<'_>) -> Parsed {
    let mut p = Parsed::default();
    let ident = item.path(&["Identification", "NewsIdentifier"]);
    if let Some(id) = ident.and_then(|i| i.child("PublicIdentifier")) {
        p.keep_text(meta::GUID, &id.text());
    }
    if let Some(rev) = ident.and_then(|i| i.child("RevisionId")) {
        p.keep_number(meta::VERSION, &rev.text());
    }
    if let Some(lines) = item.find("NewsLines") {
        if let Some(h) = lines.child("HeadLine") {
            p.set(Field::Headline, &h.text_collapsed(), "NewsLines/HeadLine");
        }
        if let Some(s) = lines.child("SlugLine") {
            p.set(Field::Slugline, &s.text_collapsed(), "NewsLines/SlugLine");
        }
        if let Some(b) = lines.child("ByLine") {
            p.set(Field::Byline, &clean_byline(&b.text()), "NewsLines/ByLine");
        }
        if let Some(d) = lines.child("DateLine") {
            let (place, outlet) = dateline_parts(&d.text_collapsed());
            p.set(Field::Place, &place, "NewsLines/DateLine");
            p.set(Field::Outlet, &outlet, "NewsLines/DateLine");
        }
        if let Some(c) = lines.child("CreditLine") {
            p.set(Field::Credit, &c.text_collapsed(), "NewsLines/CreditLine");
        }
        if let Some(c) = lines.child("CopyrightLine") {
            p.keep_text(meta::COPYRIGHT, &c.text());
        }
        if let Some(s) = lines.child("SubHeadLine") {
            p.keep_text(meta::SUBHEADLINE, &s.text());
        }
    }
    let mut props = Vec::new();
    item.find_all("Property", &mut props);
    if let Some(city) = props
        .iter()
        .find(|e| e.attr("FormalName") == Some("City"))
        .and_then(|e| e.attr("Value"))
    {
        p.set(Field::Place, city, "Property City");
    }
    for name in ["FirstCreated", "ThisRevisionCreated"] {
        if let Some(d) = item.find(name) {
            p.set_date(&d.text(), &format!("NewsManagement/{name}"));
        }
    }
    for who in ["Provider", "Source"] {
        if let Some(party) = item.find(who).and_then(|e| e.child("Party")) {
            p.set(
                Field::Credit,
                party.attr("FormalName").unwrap_or_default(),
                &format!("{who}/Party"),
            );
        }
    }
    if let Some(lang) = item.find("Language").and_then(|l| l.attr("FormalName")) {
        p.set(
            Field::Language,
            &lang.to_ascii_lowercase(),
            "DescriptiveMetadata/Language",
        );
    }
    let language = p.article.language.clone();
    let mut topics = Vec::new();
    item.find_all("Topic", &mut topics);
    for t in topics {
        let names: Vec<Element> = t
            .children_named("Description")
            .filter(|d| d.attr("Variant") == Some("Name"))
            .collect();
        let name = names
            .iter()
            .find(|d| {
                d.attr("xml:lang")
                    .is_some_and(|l| l.eq_ignore_ascii_case(&language))
            })
            .or_else(|| names.iter().find(|d| d.attr("xml:lang") == Some("en")))
            .or_else(|| names.first());
        if let Some(n) = name {
            p.keyword(&n.text());
        }
    }
    let mut contents = Vec::new();
    item.find_all("ContentItem", &mut contents);
    let text_item = contents.into_iter().find(|c| {
        c.child("MediaType")
            .and_then(|m| m.attr("FormalName"))
            .is_none_or(|m| m.eq_ignore_ascii_case("text"))
            && c.child("DataContent").is_some()
    });
    if let Some(data) = text_item.and_then(|c| c.child("DataContent")) {
        if data.elements().next().is_some() {
            p.body(body::convert(data, Space::Collapse));
        } else {
            p.body(super::text_body(&data.text(), Space::Collapse));
        }
    }
    p
}
