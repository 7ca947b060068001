//! What news agencies send: NewsML-G2 `newsItem` and `newsMessage` ([`newsml_g2`]), NITF
//! 3.x ([`nitf`]) and `NewsML` 1.2 ([`newsml1`]), each item read as an [`Article`] plus the
//! same import [`Report`](crate::import::Report) raw copy gets.
//!
//! A file is recognised by its content — the root element and its namespace — not by its
//! extension. Every format goes the same way: [`xml`] decodes the bytes and reads the tree
//! (never processing a DTD), the format module maps the item's metadata to fields and hands
//! its body markup to the one converter, [`body`], and [`crate::import::structured`] runs
//! the raw-copy rules over the converted text (datelines, bylines and credits inside the
//! text, hard wraps), keeping every field the item gave.
//!
//! What an item carries that the article has no field for but an editor may need back is
//! kept in [`Article::extra`] under [`meta`]'s keys (guid, version, urgency, editorial note,
//! copyright, sub-headline), so the NewsML-G2 export ([`newsml_g2::to_string`]) carries it.

pub mod body;
pub mod newsml1;
pub mod newsml_g2;
pub mod nitf;
pub mod xml;

use std::borrow::Cow;

use chrono::NaiveDate;
use serde_norway::Value;

use crate::article::{Article, Field};
use crate::import::{self, Block, Entry, Given, Imported, Repair};
use xml::{Element, XmlError};

/// Keys in [`Article::extra`] for what an item carries beyond the article's fields.
pub mod meta {
    /// The item's globally unique identifier (NewsML-G2 `guid`, NITF `doc-id`, `NewsML` 1.2
    /// `PublicIdentifier`).
    pub const GUID: &str = "guid";
    /// The item's version (a number), as the agency counts them.
    pub const VERSION: &str = "item_version";
    /// News urgency, 1 (most urgent) to 9.
    pub const URGENCY: &str = "urgency";
    /// A note to editors, not for publication.
    pub const EDNOTE: &str = "ednote";
    /// The copyright notice.
    pub const COPYRIGHT: &str = "copyright";
    /// A second headline under the first.
    pub const SUBHEADLINE: &str = "subheadline";
}

/// Why a feed file could not be opened as articles.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FeedError {
    #[error(transparent)]
    Xml(#[from] XmlError),
    /// Well-formed XML that is not a news item: says what it is instead.
    #[error("{0}: not an article")]
    NotAnArticle(String),
    /// A message or envelope without a single news item in it.
    #[error("{0} holds no news item")]
    NoItems(String),
}

/// The articles in a feed file, in file order, and notes on what was skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// What the file is ("NewsML-G2 newsMessage", "NITF").
    pub kind: &'static str,
    pub items: Vec<Imported>,
    /// Things skipped that the reader should know ("a packageItem was skipped").
    pub notes: Vec<String>,
}

/// Whether a file's bytes look like XML (after a byte-order mark and white space), so a
/// `.txt` that is really XML is read as XML: an XML declaration, a doctype or comment, or a
/// first element that is a root an agency sends (or one [`read`] names in its refusal).
/// Any other first tag is raw copy's: Reuters wire text opens with ticker tags, as in
/// "<NOVA> WINS GOVERNMENT OKAY FOR HUSKY <HYO> DEAL".
pub fn is_xml(bytes: &[u8]) -> bool {
    /// Feed roots, and documents `read` names ("RSS feed", "HTML page").
    const ROOTS: [&[u8]; 11] = [
        b"nitf",
        b"newsMessage",
        b"newsItem",
        b"NewsML",
        b"contentSet",
        b"contentMeta",
        b"rss",
        b"RDF",
        b"feed",
        b"html",
        b"svg",
    ];
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        // UTF-16 with a byte-order mark: only XML is sent that way.
        return true;
    }
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(rest) = start.map(|i| &bytes[i..]) else {
        return false;
    };
    let Some(tag) = rest.strip_prefix(b"<") else {
        return false;
    };
    if tag.starts_with(b"?xml") || tag.starts_with(b"!") {
        return true;
    }
    let name_end = tag
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.')))
        .unwrap_or(tag.len());
    let name = &tag[..name_end];
    // A namespace prefix (`<g2:newsItem`) names the same root.
    let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
    ROOTS.contains(&local)
}

/// Reads every item of a feed file.
pub fn read(bytes: &[u8]) -> Result<Feed, FeedError> {
    let decoded = xml::decode(bytes)?;
    let doc = xml::parse(&decoded.text)?;
    let root = doc.root();
    let mut feed = match (root.name(), root.ns()) {
        (_, newsml_g2::NS) | ("contentSet" | "contentMeta" | "newsItem" | "newsMessage", "") => {
            newsml_g2::read(root)?
        }
        ("nitf", _) => Feed {
            kind: "NITF",
            items: vec![finish(nitf::read(root))],
            notes: Vec::new(),
        },
        ("NewsML", _) => newsml1::read(root)?,
        (name, ns) => return Err(FeedError::NotAnArticle(what_it_is(name, ns))),
    };
    for item in &mut feed.items {
        // An agency's item is wire copy, whatever its body held.
        item.article.state = crate::article::StoryState::Wire;
        let mut pre: Vec<Entry> = decoded
            .repairs
            .iter()
            .map(|(repair, detail)| Entry::Repair {
                repair: *repair,
                detail: detail.clone(),
            })
            .chain(decoded.warnings.iter().cloned().map(Entry::Warning))
            .collect();
        pre.append(&mut item.report.entries);
        item.report.entries = pre;
    }
    Ok(feed)
}

/// What a well-formed document that is no news item is, for the error message.
fn what_it_is(name: &str, ns: &str) -> String {
    match name {
        "rss" | "RDF" => "RSS feed".to_owned(),
        "feed" if ns.contains("Atom") => "Atom feed".to_owned(),
        "html" => "HTML page".to_owned(),
        "svg" => "SVG image".to_owned(),
        _ => format!("XML document <{name}>"),
    }
}

/// An item as a format module read it, before the import rules run over its body.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub article: Article,
    pub given: Vec<Given>,
    pub blocks: Vec<Block>,
    /// Repairs made while reading (double escapes), for the report.
    pub repairs: Vec<(Repair, String)>,
    /// The credit to use when neither the item's credit fields nor its text give one
    /// (the provider), with its source.
    pub last_resort_credit: Option<(String, String)>,
}

impl Parsed {
    /// Sets a text field when it is still empty and `value` is not; records the source.
    pub fn set(&mut self, field: Field, value: &str, source: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let (value, fixed) = unescape_twice(value);
        let value = value.into_owned();
        if fixed > 0 {
            self.repairs.push((
                Repair::DoubleEscaped,
                format!("{field}: {fixed} reference{} escaped twice", plural(fixed)),
            ));
        }
        let slot = match field {
            Field::Date => return,
            Field::Place => &mut self.article.dateline.place,
            Field::Outlet => &mut self.article.dateline.outlet,
            other => match self.article.text_mut(other) {
                Some(slot) => slot,
                None => return,
            },
        };
        if slot.is_empty() {
            *slot = value;
            self.given.push(Given {
                field,
                source: source.to_owned(),
            });
        }
    }

    /// Sets the date when it is still unset and `stamp` holds one.
    pub fn set_date(&mut self, stamp: &str, source: &str) {
        if self.article.dateline.date.is_some() {
            return;
        }
        if let Some(date) = date_of(stamp) {
            self.article.dateline.date = Some(date);
            self.given.push(Given {
                field: Field::Date,
                source: format!("{source} {}", stamp.trim()),
            });
        }
    }

    /// Keeps an extra value under `key` (see [`meta`]) unless one is there.
    pub fn keep(&mut self, key: &str, value: Value) {
        let empty = match &value {
            Value::String(s) => s.trim().is_empty(),
            Value::Null => true,
            _ => false,
        };
        let key = Value::from(key);
        if !empty && !self.article.extra.contains_key(&key) {
            self.article.extra.insert(key, value);
        }
    }

    pub fn keep_text(&mut self, key: &str, value: &str) {
        self.keep(key, Value::from(xml::collapse(value)));
    }

    /// Keeps a number when `value` is one, else the text.
    pub fn keep_number(&mut self, key: &str, value: &str) {
        match value.trim().parse::<u64>() {
            Ok(n) => self.keep(key, Value::from(n)),
            Err(_) => self.keep_text(key, value),
        }
    }

    pub fn keyword(&mut self, word: &str) {
        let word = xml::collapse(word);
        if !word.is_empty() && !self.article.keywords.contains(&word) {
            self.article.keywords.push(word);
        }
    }

    /// The body's blocks, with text escaped twice repaired.
    pub fn body(&mut self, blocks: Vec<Block>) {
        let mut fixed = 0;
        for mut b in blocks {
            // Most blocks hold no reference: kept as they are, not copied.
            if let (Cow::Owned(text), n) = unescape_twice(&b.text) {
                fixed += n;
                b.text = text;
            }
            self.blocks.push(b);
        }
        if fixed > 0 {
            self.repairs.push((
                Repair::DoubleEscaped,
                format!("body: {fixed} reference{} escaped twice", plural(fixed)),
            ));
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The import rules over a parsed item's body, keeping its fields.
pub(crate) fn finish(parsed: Parsed) -> Imported {
    let Parsed {
        article,
        given,
        blocks,
        repairs,
        last_resort_credit,
    } = parsed;
    let mut imported = import::structured(article, &given, &blocks);
    let outlet = imported.article.dateline.outlet.trim().to_owned();
    let last_resort_credit = if import::credit::AGENCIES.contains(&outlet.as_str()) {
        // An agency filing under its own name is the credit, as in raw copy.
        Some((outlet, "the dateline's outlet, a news agency".to_owned()))
    } else {
        last_resort_credit
    };
    if let Some((credit, source)) = last_resort_credit
        && imported.article.credit.trim().is_empty()
        && !credit.trim().is_empty()
    {
        credit.trim().clone_into(&mut imported.article.credit);
        imported.report.entries.push(Entry::Field {
            field: Field::Credit,
            value: imported.article.credit.clone(),
            source,
        });
    }
    if !repairs.is_empty() {
        let mut entries: Vec<Entry> = repairs
            .into_iter()
            .map(|(repair, detail)| Entry::Repair { repair, detail })
            .collect();
        entries.append(&mut imported.report.entries);
        imported.report.entries = entries;
    }
    imported
}

/// Text whose character references were escaped twice (`&amp;#39;` arrives as `&#39;`
/// after the XML is read): the references resolved, and how many there were; the text as
/// it is when it holds no reference.
pub fn unescape_twice(text: &str) -> (Cow<'_, str>, usize) {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut fixed = 0;
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(10)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let resolved = end.and_then(|end| {
            let name = &after[..end];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                n.and_then(char::from_u32)
                    .filter(|c| *c != '\0')
                    .map(String::from)
            } else {
                match name {
                    "amp" | "lt" | "gt" | "quot" | "apos" | "nbsp" => {
                        quick_xml::escape::resolve_html5_entity(name).map(str::to_owned)
                    }
                    _ => None,
                }
            };
            c.map(|c| (c, end))
        });
        if let Some((c, end)) = resolved {
            out.push_str(&c);
            fixed += 1;
            rest = &after[end + 1..];
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    (Cow::Owned(out), fixed)
}

/// The date of a timestamp as the item wrote it, in its own offset: `2016-10-18T11:12:00-05:00`,
/// `20170102T222800+0000`, `2024-10-01`.
pub fn date_of(stamp: &str) -> Option<NaiveDate> {
    let stamp = stamp.trim();
    if let Some(d) = stamp
        .get(..10)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    stamp
        .get(..8)
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y%m%d").ok())
}

/// The readable name of a concept: its `name` child, its `literal`, else the code after
/// the scheme in its `qcode` ("city:Moscow" → "Moscow").
pub fn concept_name(e: Element<'_>) -> String {
    if let Some(name) = e.child("name") {
        let text = name.text_collapsed();
        if !text.is_empty() {
            return text;
        }
    }
    if let Some(literal) = e.attr("literal") {
        return xml::collapse(literal);
    }
    e.attr("qcode")
        .and_then(|q| q.split_once(':'))
        .map(|(_, code)| code.trim().to_owned())
        .unwrap_or_default()
}

/// A byline as printed without the word before it ("By", "Von", "Par", "Oleh") or a comma
/// at its end; a name in capitals is written in normal case.
pub fn clean_byline(text: &str) -> String {
    let text = xml::collapse(text);
    let mut name = text.as_str();
    for word in ["by ", "von ", "par ", "oleh ", "por "] {
        if name.len() > word.len()
            && name.is_char_boundary(word.len())
            && name[..word.len()].eq_ignore_ascii_case(word)
        {
            name = &name[word.len()..];
            break;
        }
    }
    let name = name.trim().trim_end_matches([',', ';', '-', '–']).trim();
    if name.chars().any(char::is_uppercase) && !name.chars().any(char::is_lowercase) {
        crate::import::dateline::normal_case(name)
    } else {
        name.to_owned()
    }
}

/// Whether text is HTML markup rather than plain text (ANSA's and ANA's CDATA).
pub fn looks_like_html(text: &str) -> bool {
    let lower = text
        .trim_start()
        .get(..200.min(text.trim_start().len()))
        .map(str::to_ascii_lowercase);
    let lower = lower.unwrap_or_else(|| text.to_ascii_lowercase());
    [
        "<p", "<br", "<div", "<h2", "<ul", "<table", "<span", "<b>", "<i>", "<em",
    ]
    .iter()
    .any(|t| lower.contains(t))
        || text.contains("</")
}

/// The blocks of a body given as text, which may really be HTML.
pub fn text_body(text: &str, space: body::Space) -> Vec<Block> {
    if looks_like_html(text)
        && let Some(doc) = xml::parse_html(text)
    {
        return body::convert(doc.top(), space);
    }
    body::plain(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_xml_by_content() {
        assert!(is_xml(b"\xEF\xBB\xBF  <?xml version=\"1.0\"?><a/>"));
        assert!(is_xml(b"\n<nitf>"));
        assert!(!is_xml(b"Judul Berita\n\nJakarta - <b>x</b>"));
        assert!(!is_xml(b"< not a tag"));
        assert!(is_xml(
            b"<g2:newsItem xmlns:g2=\"http://iptc.org/std/nar/2006-10-01/\">"
        ));
        assert!(is_xml(b"<NewsML Version=\"1.2\">"));
        assert!(is_xml(b"<!DOCTYPE nitf>"));
        assert!(is_xml(b"<html><body/></html>"));
        // Reuters wire copy opens with ticker tags: raw copy, not XML.
        assert!(!is_xml(
            b"<NOVA> WINS GOVERNMENT OKAY FOR HUSKY <HYO> DEAL\n\nCALGARY"
        ));
        assert!(!is_xml(b"<b>Jakarta</b> - Isi berita."));
        assert!(!is_xml(b""));
    }

    #[test]
    fn double_escapes_are_resolved_and_counted() {
        assert_eq!(
            unescape_twice("It&#39;s &amp; that&#x2019;s &foo; & fine"),
            ("It's & that\u{2019}s &foo; & fine".into(), 3)
        );
        assert_eq!(unescape_twice("no refs"), ("no refs".into(), 0));
        assert_eq!(unescape_twice("&#0; &#xD800;"), ("&#0; &#xD800;".into(), 0));
    }

    #[test]
    fn dates_are_read_in_the_items_own_offset() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(date_of("2016-10-18T23:12:00-05:00"), d(2016, 10, 18));
        assert_eq!(date_of(" 20170102T222800+0000"), d(2017, 1, 2));
        assert_eq!(date_of("20240710"), d(2024, 7, 10));
        assert_eq!(date_of("Monday"), None);
    }

    #[test]
    fn bylines_lose_the_word_before_them() {
        assert_eq!(clean_byline("By BERNARD CONDON"), "Bernard Condon");
        assert_eq!(clean_byline(" By Meredith Jameson, "), "Meredith Jameson");
        assert_eq!(clean_byline("gr/bp"), "gr/bp");
    }

    #[test]
    fn non_items_say_what_they_are() {
        let rss = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>";
        assert_eq!(
            read(rss).unwrap_err().to_string(),
            "RSS feed: not an article"
        );
        let concept = b"<conceptItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"/>";
        assert_eq!(
            read(concept).unwrap_err().to_string(),
            "NewsML-G2 conceptItem: not an article"
        );
    }
}
