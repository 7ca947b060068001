//! Newsdesk's own file format: the article as pretty, diffable RON with a `version` field.
//!
//! Field order is fixed by the struct below, so writing is canonical. Reading is strict where
//! strictness protects the editor (an unknown field is a typo that would otherwise be dropped,
//! a newer version may hold fields this build would lose) and lenient where it cannot hurt
//! (a missing field takes its empty default).

use serde::{Deserialize, Serialize};

use crate::article::{Article, Dateline, ExtraFields, Picture, StoryState};

/// The format version this build writes and the newest it reads.
pub const VERSION: u32 = 1;

/// Why a RON article could not be read or written.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RonError {
    /// The text is not RON, or does not describe an article.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The file has no `version` field, so it may not be a Newsdesk article at all.
    #[error("no `version` field: not a Newsdesk article (expected `version: {VERSION}`)")]
    MissingVersion,
    /// Written by a newer Newsdesk; reading it could silently drop what this build lacks.
    #[error(
        "version {0} is not supported: this Newsdesk reads version {VERSION}; update Newsdesk to open it"
    )]
    UnsupportedVersion(u64),
    /// A front-matter key that shadows an article field would be ambiguous in Markdown.
    #[error("`extra` key `{0}` is an article field; rename or remove it")]
    ReservedExtraKey(String),
    /// Serialisation failed (only reachable through a serializer bug).
    #[error("cannot write RON: {0}")]
    Write(String),
}

/// On disk, in this order.
#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    // Omitted when empty so files written before ids keep their bytes.
    #[serde(skip_serializing_if = "str::is_empty")]
    id: &'a str,
    // After the id, where a reader looks first; omitted for the default (`draft`), so files
    // written before states keep their bytes.
    #[serde(skip_serializing_if = "StoryState::is_default")]
    state: StoryState,
    headline: &'a str,
    // The fields added for agency feeds are omitted when empty, so files written before
    // them keep their bytes.
    #[serde(skip_serializing_if = "str::is_empty")]
    slugline: &'a str,
    dateline: &'a Dateline,
    byline: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    body: &'a str,
    credit: &'a str,
    language: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    // Omitted when empty so files written before the spelling check keep their bytes.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    ignored_words: &'a [String],
    // Omitted when empty so files written before pictures keep their bytes.
    #[serde(skip_serializing_if = "<[Picture]>::is_empty")]
    pictures: &'a [Picture],
    #[serde(skip_serializing_if = "ExtraFields::is_empty")]
    extra: &'a ExtraFields,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    /// Already checked by [`VersionProbe`]; declared so the field is accepted.
    #[serde(rename = "version")]
    _version: u64,
    #[serde(default)]
    id: String,
    #[serde(default)]
    headline: String,
    #[serde(default)]
    slugline: String,
    #[serde(default)]
    dateline: Dateline,
    #[serde(default)]
    byline: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    credit: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    ignored_words: Vec<String>,
    #[serde(default)]
    pictures: Vec<Picture>,
    #[serde(default)]
    extra: ExtraFields,
    #[serde(default)]
    state: StoryState,
}

/// Only the version, read first: a newer file must be reported as newer, not as a file
/// with unknown fields.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default, deserialize_with = "present")]
    version: Option<u64>,
}

/// A plain `version: 1` read as present; RON would otherwise demand `Some(1)`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    u64::deserialize(d).map(Some)
}

fn options() -> ron::Options {
    ron::Options::default()
}

fn syntax(e: &ron::error::SpannedError) -> RonError {
    let message = match e.code {
        // RON's own text advises the programmer to raise the limit; the user needs to know
        // the file nests too deeply (no article nests more than a few levels).
        ron::Error::ExceededRecursionLimit => "nested more than 128 levels deep".to_owned(),
        ref code => code.to_string(),
    };
    RonError::Syntax {
        line: e.span.start.line,
        column: e.span.start.col,
        message,
    }
}

/// Reads an article from RON text.
pub fn from_str(text: &str) -> Result<Article, RonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let probe: VersionProbe = options().from_str(text).map_err(|e| syntax(&e))?;
    match probe.version {
        None => return Err(RonError::MissingVersion),
        Some(v) if v != u64::from(VERSION) => return Err(RonError::UnsupportedVersion(v)),
        Some(_) => {}
    }
    let file: FileIn = options().from_str(text).map_err(|e| syntax(&e))?;
    if let Some(key) = crate::formats::markdown::reserved_key_in(&file.extra) {
        return Err(RonError::ReservedExtraKey(key));
    }
    Ok(Article {
        id: file.id,
        headline: file.headline,
        slugline: file.slugline,
        dateline: file.dateline,
        byline: file.byline,
        summary: file.summary,
        body: file.body,
        credit: file.credit,
        language: file.language,
        keywords: file.keywords,
        ignored_words: file.ignored_words,
        pictures: file.pictures,
        extra: file.extra,
        state: file.state,
    })
}

/// Writes an article as canonical RON: same article, same bytes, on every platform.
pub fn to_string(article: &Article) -> Result<String, RonError> {
    let out = FileOut {
        version: VERSION,
        id: &article.id,
        headline: &article.headline,
        slugline: &article.slugline,
        dateline: &article.dateline,
        byline: &article.byline,
        summary: &article.summary,
        body: &article.body,
        credit: &article.credit,
        language: &article.language,
        keywords: &article.keywords,
        ignored_words: &article.ignored_words,
        pictures: &article.pictures,
        extra: &article.extra,
        state: article.state,
    };
    // "\n" everywhere (RON's default is "\r\n" on Windows) so files diff the same on every OS;
    // unescaped strings keep a long body readable line by line in a diff.
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .escape_strings(false);
    let mut text = options()
        .to_string_pretty(&out, config)
        .map_err(|e| RonError::Write(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn sample() -> Article {
        Article {
            id: String::new(),
            headline: "Rutte \"takes\" over: NATO".into(),
            dateline: Dateline {
                place: "Brussels".into(),
                date: NaiveDate::from_ymd_opt(2024, 10, 1),
                outlet: "Liputan6.com".into(),
            },
            byline: String::new(),
            summary: String::new(),
            slugline: String::new(),
            keywords: Vec::new(),
            body: "First paragraph.\n\nSecond \\ paragraph with \"quotes\" and r#\"raw\"#.\n"
                .into(),
            credit: "AP".into(),
            language: "id".into(),
            ignored_words: Vec::new(),
            pictures: Vec::new(),
            extra: ExtraFields::new(),
            state: StoryState::Draft,
        }
    }

    #[test]
    fn writes_version_first_and_fields_in_fixed_order() {
        let text = to_string(&sample()).unwrap();
        let order: Vec<usize> = [
            "version: 1",
            "headline:",
            "dateline:",
            "place:",
            "date: \"2024-10-01\"",
            "outlet:",
            "byline:",
            "body:",
            "credit:",
            "language:",
        ]
        .iter()
        .map(|k| {
            text.find(k)
                .unwrap_or_else(|| panic!("{k} missing in\n{text}"))
        })
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(!text.contains("extra"), "empty extra is omitted:\n{text}");
        assert!(!text.contains('\r'));
    }

    #[test]
    fn the_state_follows_the_id_and_a_draft_is_not_written() {
        let mut a = sample();
        a.state = StoryState::Wire;
        let text = to_string(&a).unwrap();
        assert!(text.contains("    state: wire,\n    headline:"), "{text}");
        a.state = StoryState::Draft;
        assert!(!to_string(&a).unwrap().contains("state"));
        let old = "(version: 1, headline: \"Ferry\")";
        assert_eq!(from_str(old).unwrap().state, StoryState::Draft);
        let ready = from_str("(version: 1, state: ready)").unwrap();
        assert_eq!(ready.state, StoryState::Ready);
        let err = from_str("(version: 1, state: rejected)").unwrap_err();
        assert!(err.to_string().contains("rejected"), "{err}");
    }

    #[test]
    fn reads_back_what_it_wrote() {
        let a = sample();
        assert_eq!(from_str(&to_string(&a).unwrap()).unwrap(), a);
    }

    #[test]
    fn ignored_words_are_written_only_when_present() {
        let mut a = sample();
        assert!(!to_string(&a).unwrap().contains("ignored_words"));
        a.ignored_words = vec!["Rutte".into(), "liputan".into()];
        let text = to_string(&a).unwrap();
        assert!(text.contains("ignored_words: ["), "{text}");
        assert!(
            text.find("language:").unwrap() < text.find("ignored_words:").unwrap(),
            "{text}"
        );
        assert_eq!(from_str(&text).unwrap(), a);
    }

    #[test]
    fn the_id_follows_the_version_and_is_omitted_when_empty() {
        let mut a = sample();
        assert!(!to_string(&a).unwrap().contains("id:"));
        a.id = "5f0c2a9e-0d7b-4c1e-9a61-3c2f1b7d8e90".into();
        let text = to_string(&a).unwrap();
        assert!(
            text.starts_with("(\n    version: 1,\n    id: \"5f0c2a9e-0d7b-4c1e-9a61-3c2f1b7d8e90\",\n    headline:"),
            "{text}"
        );
    }

    #[test]
    fn feed_fields_are_written_in_place_only_when_present() {
        let mut a = sample();
        let plain = to_string(&a).unwrap();
        assert!(
            !plain.contains("slugline")
                && !plain.contains("summary")
                && !plain.contains("keywords")
        );
        a.slugline = "US-Finance-Fed".into();
        a.summary = "The Fed stops buying bonds.".into();
        a.keywords = vec!["central bank".into(), "economy".into()];
        let text = to_string(&a).unwrap();
        let at = |k: &str| text.find(k).unwrap_or_else(|| panic!("{k} in {text}"));
        assert!(at("headline:") < at("slugline:") && at("slugline:") < at("dateline:"));
        assert!(at("byline:") < at("summary:") && at("summary:") < at("body:"));
        assert!(at("language:") < at("keywords:"));
        assert_eq!(from_str(&text).unwrap(), a);
    }

    #[test]
    fn missing_fields_take_defaults() {
        let a = from_str("(version: 1, headline: \"Only this\")").unwrap();
        assert_eq!(a.headline, "Only this");
        assert_eq!(a.dateline, Dateline::default());
        assert!(a.body.is_empty());
    }

    #[test]
    fn unknown_field_is_named_in_the_error() {
        let err = from_str("(version: 1, headlin: \"typo\")").unwrap_err();
        assert!(err.to_string().contains("headlin"), "{err}");
        assert!(matches!(err, RonError::Syntax { line: 1, .. }), "{err:?}");
    }

    #[test]
    fn newer_version_is_named_even_with_new_fields() {
        let err = from_str("(version: 2, subtitle: \"new in v2\")").unwrap_err();
        assert_eq!(err, RonError::UnsupportedVersion(2));
        assert!(err.to_string().contains("version 2"));
    }

    #[test]
    fn missing_version_is_an_error() {
        assert_eq!(
            from_str("(headline: \"x\")").unwrap_err(),
            RonError::MissingVersion
        );
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = from_str("(\n    version: 1,\n    headline: \"unterminated,\n)").unwrap_err();
        let RonError::Syntax { line, column, .. } = err else {
            panic!("expected a syntax error, got {err:?}");
        };
        assert!(line >= 3, "line {line}");
        assert!(column >= 1);
    }

    #[test]
    fn deep_nesting_is_reported_in_plain_words() {
        let err = from_str(&format!("(version: 1, extra: {})", "[".repeat(10_000))).unwrap_err();
        assert!(
            err.to_string().contains("nested more than 128 levels deep"),
            "{err}"
        );
    }

    #[test]
    fn bad_date_is_reported() {
        let err = from_str("(version: 1, dateline: (date: \"1/10/2024\"))").unwrap_err();
        assert!(err.to_string().contains("1/10/2024"), "{err}");
    }

    #[test]
    fn extra_keys_that_shadow_fields_are_refused() {
        let err = from_str("(version: 1, extra: {\"title\": \"x\"})").unwrap_err();
        assert_eq!(err, RonError::ReservedExtraKey("title".into()));
    }

    #[test]
    fn pictures_are_written_after_the_ignore_list_and_read_back() {
        let mut a = sample();
        a.pictures = vec![
            Picture {
                source: "pictures/lead.jpg".into(),
                caption: "A \"quoted\" caption".into(),
                credit: "AP".into(),
                alt: "Rutte".into(),
                width: 640,
                height: 427,
            },
            Picture::new("second.png"),
        ];
        let text = to_string(&a).unwrap();
        assert!(text.contains("pictures: ["), "{text}");
        assert!(text.contains("source: \"second.png\""), "{text}");
        assert!(
            !text.contains("width: 0"),
            "unknown sizes are left out:\n{text}"
        );
        assert_eq!(from_str(&text).unwrap(), a);
        assert!(!to_string(&sample()).unwrap().contains("pictures"));
        let err =
            from_str("(version: 1, pictures: [(source: \"a.jpg\", alt_text: \"x\")])").unwrap_err();
        assert!(err.to_string().contains("alt_text"), "{err}");
    }
}
