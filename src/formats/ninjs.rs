//! IPTC ninjs 3.1 ("News in JSON"), the format news agencies and CMSs exchange items in:
//! export, and opening an item as an article.
//!
//! Field mapping (schema: `tests/schemas/ninjs-schema_3.1.json`, IPTC, MIT licence):
//! - `uri`: `urn:uuid:` with a name-based (v5, SHA-1) UUID of the headline and the dateline
//!   date. Stable: exporting the same story again gives the same identifier, wherever the file
//!   lives, so a receiving system updates the item instead of duplicating it. The file path
//!   was rejected because moving or renaming a file would change the item's identity.
//! - `type: "text"`, `standard` (name, version, the official schema URI).
//! - `headlines`: one, role `main`. `located`: the dateline place. `by`: the byline as printed.
//! - `bodies`: the body as readers see it (dateline lead-in and body, from
//!   [`crate::render`]), as `text/plain` and `text/html`, each with `wordCount` and
//!   `charCount` of the text a reader sees (markup not counted).
//! - `language`; `contentCreated` from the dateline date at 00:00 UTC, since the article keeps
//!   only a date and the schema wants a date-time.
//! - `infoSources`: the credit (role `source`) and the filing outlet (role `outlet`).
//! - `slugline`: the article's slugline; without one, the headline in lower case, words
//!   joined by `-`, at most [`SLUG_MAX`] bytes (read back as no slugline).
//! - `descriptions`: the summary (role `summary`); `subjects`: the keywords, by name
//!   (ninjs 3.1 has no `keywords`).
//! - From an agency item's extras: `edNote`, `urgency`, `version`, `copyrightNotice`.
//! - `associations`: the pictures that may be written ([`crate::render::pictures`]), each
//!   `type: picture` with the caption as headline and description, the credit as `by` and
//!   the alt text as a description with role `alt`.
//!
//! Empty fields are left out: the schema requires only `uri`.
//!
//! Reading ([`from_str`]) opens any ninjs item, ours or an agency's, as far as the fields
//! map back: the main `text/plain` body becomes the body, one paragraph per line, without the
//! dateline lead-in when it is ours; the `By`/`Oleh` the export added to the byline is
//! removed. Markdown styling does not survive the trip (plain text has none), so an export
//! re-opened shows the same text in the preview, not the same Markdown.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::article::{Article, Dateline};
use crate::formats::html;
use crate::language::Lang;
use crate::render::{self, Rendered};

/// The schema every export claims, as IPTC publishes it.
pub const SCHEMA_URI: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#";

/// Longest slugline, in bytes; cut at a word boundary.
pub const SLUG_MAX: usize = 60;

/// Writes the article as pretty-printed ninjs JSON.
pub fn to_string(article: &Article) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(article))
        .expect("a serde_json Value always serialises");
    text.push('\n');
    text
}

/// The article as a ninjs object.
#[allow(clippy::too_many_lines)] // one property after another
pub fn to_value(article: &Article) -> Value {
    use crate::formats::feed::meta;
    let r = render::render(article);
    let mut map = Map::new();
    map.insert("uri".into(), json!(uri(article)));
    map.insert("type".into(), json!("text"));
    map.insert(
        "standard".into(),
        json!({"name": "ninjs", "version": "3.1", "schema": SCHEMA_URI}),
    );
    let mut put = |key: &str, value: Value| {
        map.insert(key.into(), value);
    };
    if !r.headline.is_empty() {
        put("headlines", json!([{"role": "main", "value": r.headline}]));
    }
    let place = article.dateline.place.trim();
    if !place.is_empty() {
        put("located", json!(place));
    }
    if let Some(by) = &r.byline {
        put("by", json!(by));
    }
    let plain = body_plain_text(&r);
    if !plain.trim().is_empty() {
        // A lone dash or bullet is not a word.
        let words = plain
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        let chars = plain.trim().chars().count();
        put(
            "bodies",
            json!([
                {"role": "main", "contentType": "text/plain", "value": plain,
                 "wordCount": words, "charCount": chars},
                {"role": "main", "contentType": "text/html", "value": html::body_html(&r),
                 "wordCount": words, "charCount": chars},
            ]),
        );
    }
    if !r.language.is_empty() {
        put("language", json!(r.language));
    }
    if let Some(date) = article.dateline.date {
        put(
            "contentCreated",
            json!(format!("{}T00:00:00Z", date.format("%Y-%m-%d"))),
        );
    }
    let sources: Vec<Value> = [
        (article.credit.trim(), "source"),
        (article.dateline.outlet.trim(), "outlet"),
    ]
    .into_iter()
    .filter(|(name, _)| !name.is_empty())
    .map(|(name, role)| json!({"name": name, "role": role}))
    .collect();
    if !sources.is_empty() {
        put("infoSources", Value::Array(sources));
    }
    let slug = if article.slugline.trim().is_empty() {
        slugline(&r.headline)
    } else {
        article.slugline.trim().to_owned()
    };
    if !slug.is_empty() {
        put("slugline", json!(slug));
    }
    let summary = article.summary.trim();
    if !summary.is_empty() {
        put(
            "descriptions",
            json!([{"role": "summary", "value": summary}]),
        );
    }
    if !article.keywords.is_empty() {
        let subjects: Vec<Value> = article
            .keywords
            .iter()
            .map(|k| json!({"name": k}))
            .collect();
        put("subjects", Value::Array(subjects));
    }
    let extra = |key: &str| match article.extra.get(key) {
        Some(serde_norway::Value::String(s)) => Some(s.clone()),
        Some(serde_norway::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    if let Some(note) = extra(meta::EDNOTE) {
        put("edNote", json!(note));
    }
    if let Some(u) = extra(meta::URGENCY)
        .and_then(|u| u.parse::<u8>().ok())
        .filter(|u| (1..=9).contains(u))
    {
        put("urgency", json!(u));
    }
    if let Some(v) = extra(meta::VERSION) {
        put("version", json!(v));
    }
    if let Some(c) = extra(meta::COPYRIGHT) {
        put("copyrightNotice", json!(c));
    }
    if !r.figures.is_empty() {
        let item = uri(article);
        let pictures = r.figures.iter().map(|f| association(&item, f)).collect();
        put("associations", Value::Array(pictures));
    }
    Value::Object(map)
}

/// A picture as an associated ninjs object: `type: picture`, the caption as headline and
/// description, the credit as `by`, the alt text as a description with role `alt`, and the
/// file as its `original` rendition (a relative path, which `href` may not hold, as an
/// `altIds` entry with role `relative-path`). The lead is named `featureimage` (the name IPTC's
/// examples use), the others `picture2`, `picture3`, ….
fn association(item: &str, f: &render::Figure) -> Value {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, item.as_bytes());
    let uri = if f.url.starts_with("https:") {
        uri_escape(&f.url)
    } else {
        let name = format!("{}\n{}", f.index, f.url);
        format!(
            "urn:uuid:{}",
            Uuid::new_v5(&namespace, name.as_bytes()).hyphenated()
        )
    };
    let name = if f.index == 0 {
        "featureimage".to_owned()
    } else {
        format!("picture{}", f.index + 1)
    };
    let mut map = Map::new();
    map.insert("name".into(), json!(name));
    map.insert("uri".into(), json!(uri));
    map.insert("type".into(), json!("picture"));
    if !f.caption.is_empty() {
        map.insert(
            "headlines".into(),
            json!([{"role": "main", "value": f.caption}]),
        );
    }
    let descriptions: Vec<Value> = [("caption", &f.caption), ("alt", &f.alt)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(role, value)| json!({"role": role, "value": value}))
        .collect();
    if !descriptions.is_empty() {
        map.insert("descriptions".into(), Value::Array(descriptions));
    }
    if !f.credit.is_empty() {
        map.insert("by".into(), json!(f.credit));
    }
    let mut rendition = Map::new();
    rendition.insert("name".into(), json!("original"));
    // `href` must be an absolute URI; a path relative to the article goes in `altIds`.
    if f.url.starts_with("https:") || f.url.starts_with("file:") {
        rendition.insert("href".into(), json!(uri_escape(&f.url)));
    } else {
        map.insert(
            "altIds".into(),
            json!([{"role": "relative-path", "value": f.url}]),
        );
    }
    if let Some(kind) = media_type(&f.url) {
        rendition.insert("contentType".into(), json!(kind));
    }
    if f.width > 0 && f.height > 0 {
        rendition.insert("width".into(), json!(f.width));
        rendition.insert("height".into(), json!(f.height));
    }
    map.insert("renditions".into(), json!([rendition]));
    Value::Object(map)
}

/// A URL as a valid URI: bytes a URI may not hold (spaces, quotes, `<`, non-ASCII, …)
/// percent-encoded, everything else (and existing `%xx` escapes) kept.
fn uri_escape(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let bytes = url.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let escape = b == b'%'
            && bytes.len() > i + 2
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit();
        let keep = escape || b.is_ascii_alphanumeric() || b"-._~:/?#@!$&'()*+,;=".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The media type a picture's file name says, for the formats Newsdesk shows.
pub fn media_type(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let ext = path.rsplit('.').next()?.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some("image/jpeg"),
        "png" => Some("image/png"),
        "webp" => Some("image/webp"),
        _ => None,
    }
}

/// The item's stable identifier; see the module documentation.
pub fn uri(article: &Article) -> String {
    // The namespace is itself name-based, so it is fixed without a magic constant.
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:newsdesk:article");
    let date = article
        .dateline
        .date
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let name = format!("{}\n{date}", article.headline.trim());
    format!(
        "urn:uuid:{}",
        Uuid::new_v5(&namespace, name.as_bytes()).hyphenated()
    )
}

/// The body as plain text, as the preview shows it: lead-in with the first paragraph, blocks.
fn body_plain_text(r: &Rendered) -> String {
    Rendered {
        headline: String::new(),
        byline: None,
        credit_line: None,
        // Pictures travel as associations, not in the body.
        figures: Vec::new(),
        ..r.clone()
    }
    .plain_text()
}

/// Why a ninjs file could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum NinjsError {
    /// Not JSON, or a field of the wrong shape (a headline that is not a list, …).
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON without the one property every ninjs item has.
    #[error("no `uri`: this JSON is not a ninjs news item")]
    NotNinjs,
    /// `contentCreated` is not an RFC 3339 date-time.
    #[error("`contentCreated` is not a date-time: `{0}`")]
    BadDate(String),
}

/// The fields read back; others (`uri` aside) are ignored.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Item {
    uri: Option<String>,
    headlines: Vec<Text>,
    located: String,
    by: String,
    bodies: Vec<Text>,
    language: String,
    content_created: Option<String>,
    info_sources: Vec<Source>,
    slugline: String,
    descriptions: Vec<Text>,
    subjects: Vec<Source>,
    associations: Vec<Association>,
}

/// An associated object; only pictures are read back.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Association {
    #[serde(rename = "type")]
    kind: String,
    headlines: Vec<Text>,
    descriptions: Vec<Text>,
    by: String,
    alt_ids: Vec<Text>,
    renditions: Vec<Rendition>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Rendition {
    href: String,
    width: Option<u64>,
    height: Option<u64>,
}

impl Association {
    /// The picture this association describes, if it is one with a file or address.
    fn picture(&self) -> Option<crate::article::Picture> {
        if self.kind != "picture" {
            return None;
        }
        let described = |role: &str| {
            self.descriptions
                .iter()
                .find(|d| d.role.as_deref() == Some(role))
                .map(|d| d.value.trim().to_owned())
        };
        let rendition = self.renditions.first();
        let source = self
            .alt_ids
            .iter()
            .find(|a| a.role.as_deref() == Some("relative-path"))
            .map(|a| a.value.clone())
            .or_else(|| rendition.map(|r| r.href.clone()))
            .filter(|s| !s.is_empty())?;
        let px = |n: Option<u64>| n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
        Some(crate::article::Picture {
            source,
            caption: described("caption")
                .or_else(|| self.headlines.first().map(|h| h.value.trim().to_owned()))
                .unwrap_or_default(),
            credit: self.by.trim().to_owned(),
            alt: described("alt").unwrap_or_default(),
            width: px(rendition.and_then(|r| r.width)),
            height: px(rendition.and_then(|r| r.height)),
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Text {
    role: Option<String>,
    content_type: Option<String>,
    value: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Source {
    name: String,
    role: Option<String>,
}

/// Reads a ninjs item into an article; see the module documentation for what maps back.
pub fn from_str(text: &str) -> Result<Article, NinjsError> {
    let item: Item = serde_json::from_str(text).map_err(|e| NinjsError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    if item.uri.is_none() {
        return Err(NinjsError::NotNinjs);
    }
    let date = match item.content_created.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(stamp) => Some(parse_date(stamp)?),
    };
    let source = |role: &str| {
        item.info_sources
            .iter()
            .find(|s| s.role.as_deref() == Some(role))
            .map(|s| s.name.trim().to_owned())
            .unwrap_or_default()
    };
    let headline = item
        .headlines
        .iter()
        .find(|h| h.role.as_deref() == Some("main"))
        .or_else(|| item.headlines.first())
        .map(|h| h.value.trim().to_owned())
        .unwrap_or_default();
    let mut article = Article {
        headline,
        dateline: Dateline {
            place: item.located.trim().to_owned(),
            date,
            outlet: source("outlet"),
        },
        byline: strip_by(item.by.trim()).to_owned(),
        credit: source("source"),
        language: item.language.trim().to_owned(),
        ..Article::default()
    };
    let plain = item
        .bodies
        .iter()
        .filter(|b| b.content_type.as_deref() == Some("text/plain"))
        .min_by_key(|b| b.role.as_deref() != Some("main"))
        .or_else(|| item.bodies.iter().find(|b| b.content_type.is_none()))
        .map(|b| b.value.as_str())
        .unwrap_or_default();
    article.body = body_from_plain_text(
        plain,
        render::lead_in(&article, Lang::of_text(&article.language, plain)).as_deref(),
    );
    let slug = item.slugline.trim();
    if slug != slugline(&article.headline) {
        // A slugline the export made up from the headline is not the article's own.
        slug.clone_into(&mut article.slugline);
    }
    if let Some(d) = item
        .descriptions
        .iter()
        .find(|d| d.role.as_deref().is_none_or(|r| r.contains("summary")))
    {
        d.value.trim().clone_into(&mut article.summary);
    }
    for s in &item.subjects {
        let name = s.name.trim();
        if !name.is_empty() && !article.keywords.iter().any(|k| k == name) {
            article.keywords.push(name.to_owned());
        }
    }
    article.pictures = item
        .associations
        .iter()
        .filter_map(Association::picture)
        .collect();
    Ok(article)
}

fn parse_date(stamp: &str) -> Result<NaiveDate, NinjsError> {
    // The date where the item was made (its own offset), as a dateline prints it.
    DateTime::parse_from_rfc3339(stamp)
        .map(|d| d.date_naive())
        .map_err(|_| NinjsError::BadDate(stamp.to_owned()))
}

/// Removes the word the export put before a byline ("By", "Oleh").
fn strip_by(by: &str) -> &str {
    for prefix in ["by ", "oleh "] {
        if by.len() > prefix.len()
            && by.is_char_boundary(prefix.len())
            && by[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            return by[prefix.len()..].trim_start();
        }
    }
    by
}

/// One paragraph per non-empty line; the lead-in our export put before the first one is
/// dropped, since the dateline fields hold it.
fn body_from_plain_text(plain: &str, lead_in: Option<&str>) -> String {
    let mut lines = plain.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut paragraphs = Vec::new();
    if let Some(first) = lines.next() {
        let first = match lead_in {
            Some(lead) if first == lead => None,
            Some(lead) => Some(
                first
                    .strip_prefix(lead)
                    .and_then(|rest| rest.strip_prefix(' '))
                    .unwrap_or(first),
            ),
            None => Some(first),
        };
        paragraphs.extend(first);
    }
    paragraphs.extend(lines);
    paragraphs.join("\n\n")
}

/// "Jens Stoltenberg Mundur, Mark Rutte" → "jens-stoltenberg-mundur-mark-rutte".
pub fn slugline(headline: &str) -> String {
    let mut slug = String::new();
    for word in headline
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        let extra = word.len() + usize::from(!slug.is_empty());
        if slug.len() + extra > SLUG_MAX {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    slug
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::article::Dateline;

    fn article() -> Article {
        Article {
            byline: "Nama Penulis".into(),
            body: "First *para*.

Second one.
"
            .into(),
            ..crate::article::fixture()
        }
    }

    #[test]
    fn maps_every_field() {
        let v = to_value(&article());
        assert_eq!(v["type"], "text");
        assert_eq!(v["standard"]["version"], "3.1");
        assert_eq!(v["headlines"][0]["value"], "Rutte takes over");
        assert_eq!(v["located"], "Brussels");
        assert_eq!(v["by"], "Oleh Nama Penulis");
        assert_eq!(v["language"], "id");
        assert_eq!(v["contentCreated"], "2024-10-01T00:00:00Z");
        assert_eq!(v["slugline"], "rutte-takes-over");
        assert_eq!(
            v["infoSources"],
            json!([{"name": "AP", "role": "source"}, {"name": "Liputan6.com", "role": "outlet"}])
        );
        let plain = &v["bodies"][0];
        assert_eq!(plain["contentType"], "text/plain");
        assert_eq!(
            plain["value"],
            "BRUSSELS, 1 Oktober 2024 (Liputan6.com) – First para.\nSecond one.\n"
        );
        // BRUSSELS, 1 Oktober 2024 (Liputan6.com) – First para. Second one.
        assert_eq!(plain["wordCount"], 9);
        assert_eq!(plain["charCount"], 65);
        let html = &v["bodies"][1];
        assert_eq!(html["contentType"], "text/html");
        assert!(
            html["value"]
                .as_str()
                .unwrap()
                .starts_with("<p><span class=\"dateline\">"),
            "{html}"
        );
        assert_eq!(html["wordCount"], 9);
    }

    #[test]
    fn uri_is_stable_and_depends_on_headline_and_date() {
        let a = article();
        let u = uri(&a);
        assert!(u.starts_with("urn:uuid:") && u.len() == 9 + 36, "{u}");
        assert_eq!(u, uri(&a.clone()));
        let mut edited = a.clone();
        edited.body.push_str("\nMore.");
        assert_eq!(uri(&edited), u, "body edits keep the identity");
        edited.headline.push('!');
        assert_ne!(uri(&edited), u);
        let mut redated = a;
        redated.dateline.date = NaiveDate::from_ymd_opt(2024, 10, 2);
        assert_ne!(uri(&redated), u);
    }

    #[test]
    fn feed_fields_map_to_slugline_descriptions_and_subjects() {
        let mut a = article();
        a.slugline = "NATO-Rutte".into();
        a.summary = "Rutte leads NATO.".into();
        a.keywords = vec!["NATO".into(), "Brussels".into()];
        let v = to_value(&a);
        assert_eq!(v["slugline"], "NATO-Rutte");
        assert_eq!(
            v["descriptions"],
            json!([{"role": "summary", "value": "Rutte leads NATO."}])
        );
        assert_eq!(
            v["subjects"],
            json!([{"name": "NATO"}, {"name": "Brussels"}])
        );
        let back = from_str(&to_string(&a)).unwrap();
        assert_eq!(
            (back.slugline, back.summary, back.keywords),
            (a.slugline, a.summary, a.keywords)
        );
    }

    #[test]
    fn empty_article_has_only_the_identity() {
        let v = to_value(&Article::default());
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["standard", "type", "uri"]);
    }

    #[test]
    fn slugline_is_short_and_clean() {
        assert_eq!(
            slugline("Jens Stoltenberg Mundur, Mark Rutte Resmi Pimpin NATO"),
            "jens-stoltenberg-mundur-mark-rutte-resmi-pimpin-nato"
        );
        assert_eq!(slugline("  «Ünïcode» ok?! "), "ünïcode-ok");
        let long = slugline(&"word ".repeat(40));
        assert!(long.len() <= SLUG_MAX && long.ends_with("word"), "{long}");
    }

    #[test]
    fn reading_an_export_gives_back_the_fields() {
        let a = article();
        let back = from_str(&to_string(&a)).unwrap();
        assert_eq!(back.headline, a.headline);
        assert_eq!(back.dateline, a.dateline);
        assert_eq!(back.byline, a.byline);
        assert_eq!(back.credit, a.credit);
        assert_eq!(back.language, a.language);
        // Styling is gone, the text is not.
        assert_eq!(back.body, "First para.\n\nSecond one.");
        assert_eq!(
            render::render(&back).plain_text(),
            render::render(&a).plain_text()
        );
    }

    #[test]
    fn reading_refuses_what_is_not_ninjs_with_a_position() {
        assert_eq!(from_str("{\"name\": \"pkg\"}"), Err(NinjsError::NotNinjs));
        let err = from_str("{\"uri\": \"x\",\n \"headlines\": \"flat\"}").unwrap_err();
        assert!(matches!(err, NinjsError::Syntax { line: 2, .. }), "{err}");
        assert!(matches!(
            from_str("not json"),
            Err(NinjsError::Syntax { line: 1, .. })
        ));
        assert_eq!(
            from_str("{\"uri\": \"x\", \"contentCreated\": \"1/10/2024\"}"),
            Err(NinjsError::BadDate("1/10/2024".into()))
        );
    }

    #[test]
    fn reading_a_foreign_item_takes_its_main_plain_body_and_local_date() {
        let text = r#"{"uri": "urn:x", "headlines": [{"value": "Sub", "role": "sub"}, {"value": "Main", "role": "main"}],
            "by": "By Jane Doe", "contentCreated": "2024-10-01T23:30:00-05:00",
            "bodies": [{"contentType": "text/html", "value": "<p>x</p>"},
                       {"contentType": "text/plain", "role": "summary", "value": "Short."},
                       {"contentType": "text/plain", "role": "main", "value": "One.\n\n  Two.  \n"}],
            "someOtherField": [1, 2]}"#;
        let a = from_str(text).unwrap();
        assert_eq!(a.headline, "Main");
        assert_eq!(a.byline, "Jane Doe");
        assert_eq!(a.dateline.date, NaiveDate::from_ymd_opt(2024, 10, 1));
        assert_eq!(a.body, "One.\n\nTwo.");
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,200}") {
            let _ = from_str(&text);
            let _ = from_str(&format!("{{\"uri\": \"u\", \"by\": {text:?}, \"bodies\": [{{\"contentType\": \"text/plain\", \"value\": {text:?}}}]}}"));
        }

        /// Prose (no Markdown syntax) survives export and re-opening exactly.
        #[test]
        fn prose_articles_round_trip(
            headline in "[A-Za-z][A-Za-z0-9 ,]{0,30}",
            place in "[A-Za-z ]{0,12}",
            day in proptest::option::of(1u32..28),
            // Not "By …" or "Oleh …", which read back without the word.
            byline in "[C-N][a-z]{1,8}( [A-Z][a-z]{1,8})?",
            paragraphs in proptest::collection::vec("[A-Za-z][A-Za-z0-9 ,.]{0,60}[a-z.]", 0..4),
            credit in "[A-Z]{0,4}",
            language in "(id|en)",
        ) {
            let a = Article {
                headline: headline.trim().to_owned(),
                dateline: Dateline {
                    place: place.trim().to_owned(),
                    date: day.and_then(|d| NaiveDate::from_ymd_opt(2024, 10, d)),
                    outlet: String::new(),
                },
                byline,
                body: paragraphs.iter().map(|p| p.trim()).collect::<Vec<_>>().join("\n\n"),
                credit,
                language,
                ..Article::default()
            };
            proptest::prop_assert_eq!(from_str(&to_string(&a)).unwrap(), a);
        }
    }
}
