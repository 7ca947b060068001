//! The article model: what a news story is, independent of any file format or window.
//!
//! An [`Article`] is plain data (`Clone`, `PartialEq`, serde). Every string may be empty and
//! may hold anything — quotes, colons, `---` lines, emoji, right-to-left text, CRLF — so the
//! formats, not the model, are responsible for escaping.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Front-matter keys a Markdown file carried that Newsdesk does not model (Hugo's `tags`,
/// `slug`, `draft`, …). Kept in file order and written back, so no user data is dropped.
pub type ExtraFields = serde_norway::Mapping;

/// A news article as an editor revises it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Article {
    /// The headline, one line of text.
    pub headline: String,
    /// Where, when and by which outlet the story was filed.
    pub dateline: Dateline,
    /// Who wrote it ("Nama Penulis", "By Jane Doe" without the "By").
    pub byline: String,
    /// The story itself: `CommonMark`, paragraphs separated by a blank line.
    pub body: String,
    /// Who the copy comes from: "AP", "Reuters", "ANTARA".
    pub credit: String,
    /// BCP 47 language tag: "id", "en".
    pub language: String,
    /// Words the spelling check accepts in this article only ("Ignore" in the checks panel),
    /// kept in the file so every editor of the story sees the same findings.
    pub ignored_words: Vec<String>,
    /// Front-matter keys from a Markdown file that Newsdesk does not know; never dropped.
    pub extra: ExtraFields,
}

/// The dateline: the place and date a story was filed, and the outlet that filed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Dateline {
    /// "Brussels", "Tangerang Selatan", "Commack, N.Y.".
    pub place: String,
    /// The filing date, when the copy gives one.
    #[serde(with = "date_text")]
    pub date: Option<NaiveDate>,
    /// "Liputan6.com", "KOMPAS.com", "Reuters".
    pub outlet: String,
}

impl Article {
    /// True when no field holds anything: a fresh, untitled article.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Serialises an optional date as `"YYYY-MM-DD"`, or `""` for none, so hand-edited RON
/// reads naturally instead of `Some("…")`.
pub mod date_text {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    /// The one date format Newsdesk writes.
    pub const FORMAT: &str = "%Y-%m-%d";

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.collect_str(&d.format(FORMAT)),
            None => s.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    /// Parses `YYYY-MM-DD` (surrounding spaces allowed); empty text is no date.
    pub fn parse(text: &str) -> Result<Option<NaiveDate>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(text, FORMAT)
            .map(Some)
            .map_err(|_| format!("`{text}` is not a date (expected YYYY-MM-DD)"))
    }
}

/// The seed story's fields, shared by the unit tests of the formats and the renderer.
#[cfg(test)]
pub(crate) fn fixture() -> Article {
    Article {
        headline: "Rutte takes over".into(),
        dateline: Dateline {
            place: "Brussels".into(),
            date: NaiveDate::from_ymd_opt(2024, 10, 1),
            outlet: "Liputan6.com".into(),
        },
        body: "First *para*.\n\nSecond.\n".into(),
        credit: "AP".into(),
        language: "id".into(),
        ..Article::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_article_is_empty_until_a_field_is_set() {
        let mut a = Article::default();
        assert!(a.is_empty());
        a.dateline.date = NaiveDate::from_ymd_opt(2024, 10, 1);
        assert!(!a.is_empty());
    }

    #[test]
    fn date_text_accepts_iso_and_empty_and_rejects_other_text() {
        assert_eq!(date_text::parse(""), Ok(None));
        assert_eq!(
            date_text::parse(" 2024-10-01 "),
            Ok(NaiveDate::from_ymd_opt(2024, 10, 1))
        );
        let err = date_text::parse("1/10/2024").unwrap_err();
        assert!(err.contains("1/10/2024"), "{err}");
        assert!(date_text::parse("2024-02-30").is_err());
    }
}
