//! IPTC ninjs 3.1 ("News in JSON") export, the format news agencies and CMSs exchange items in.
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
//! - `slugline`: the headline in lower case, words joined by `-`, at most [`SLUG_MAX`] bytes.
//!
//! Empty fields are left out: the schema requires only `uri`.

use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::article::Article;
use crate::formats::html;
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
pub fn to_value(article: &Article) -> Value {
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
    let slug = slugline(&r.headline);
    if !slug.is_empty() {
        put("slugline", json!(slug));
    }
    Value::Object(map)
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
        ..r.clone()
    }
    .plain_text()
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
            headline: "Rutte takes over".into(),
            dateline: Dateline {
                place: "Brussels".into(),
                date: NaiveDate::from_ymd_opt(2024, 10, 1),
                outlet: "Liputan6.com".into(),
            },
            byline: "Nama Penulis".into(),
            body: "First *para*.\n\nSecond one.\n".into(),
            credit: "AP".into(),
            language: "id".into(),
            ..Article::default()
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
}
