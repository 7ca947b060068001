//! The article model: what a news story is, independent of any file format or window.
//!
//! An [`Article`] is plain data (`Clone`, `PartialEq`, serde). Every string may be empty and
//! may hold anything — quotes, colons, `---` lines, emoji, right-to-left text, CRLF — so the
//! formats, not the model, are responsible for escaping.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Front-matter keys a Markdown file carried that Newsdesk does not model (Hugo's `tags`,
/// `slug`, `draft`, …). Kept in file order and written back, so no user data is dropped.
pub type ExtraFields = serde_norway::Mapping;

/// A news article as an editor revises it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Article {
    /// The article's identity: a UUID made when it is created or imported ([`new_id`]), or
    /// the id a file already carried, kept as written. Its stored versions and its original
    /// follow it when the file is renamed or moved. Empty until the article is first saved
    /// (a file from before ids, or from another tool). Not content: no edit or undo changes
    /// it (see [`Article::rest`]), and the diff leaves it out.
    pub id: String,
    /// The headline, one line of text.
    pub headline: String,
    /// The desk's or agency's short working name for the story ("US-Finance-Fed"), one line.
    /// Not Hugo's `slug`, which is a URL part.
    pub slugline: String,
    /// Where, when and by which outlet the story was filed.
    pub dateline: Dateline,
    /// Who wrote it ("Nama Penulis", "By Jane Doe" without the "By").
    pub byline: String,
    /// A sentence or two on what the story is about (an agency's abstract, a page's
    /// `description`), one paragraph of plain text.
    pub summary: String,
    /// The story itself: `CommonMark`, paragraphs separated by a blank line.
    pub body: String,
    /// Who the copy comes from: "AP", "Reuters", "ANTARA".
    pub credit: String,
    /// BCP 47 language tag: "id", "en".
    pub language: String,
    /// Keywords and subjects ("Champions League", "labour market"), in the order given.
    pub keywords: Vec<String>,
    /// Words the spelling check accepts in this article only ("Ignore" in the checks panel),
    /// kept in the file so every editor of the story sees the same findings.
    pub ignored_words: Vec<String>,
    /// The story's pictures in reading order; the first is the lead picture.
    pub pictures: Vec<Picture>,
    /// Front-matter keys from a Markdown file that Newsdesk does not know; never dropped.
    pub extra: ExtraFields,
    /// Where the story is on the desk: wire copy, draft, ready, published.
    pub state: StoryState,
}

/// Where a story is in the desk's workflow ([`Article::state`]).
///
/// The default is [`StoryState::Draft`]: a file with no state (saved before states, or
/// written by another tool) has been through somebody's hands, so calling it `wire`
/// ("as imported, untouched") would be false and its first edit would flip it silently;
/// `ready` or `published` would claim a decision nobody made. Only the importer makes
/// `wire` copy.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum StoryState {
    /// As imported from raw copy or a feed, not yet edited.
    Wire,
    /// Being edited.
    #[default]
    Draft,
    /// An editor marked it ready for publishing.
    Ready,
    /// Exported for publishing.
    Published,
}

impl StoryState {
    /// Every state, in workflow order (the drop-down's order).
    pub const ALL: [Self; 4] = [Self::Wire, Self::Draft, Self::Ready, Self::Published];

    /// The state's name as written in files and shown: `wire`, `draft`, …
    pub fn key(self) -> &'static str {
        match self {
            Self::Wire => "wire",
            Self::Draft => "draft",
            Self::Ready => "ready",
            Self::Published => "published",
        }
    }

    /// Reads a state's name (any case, surrounding spaces allowed).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(text))
    }

    /// Whether this is the default state, which files leave out.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

impl std::fmt::Display for StoryState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// One picture of a story: where the file is and the words the desk writes for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Picture {
    /// A path relative to the article's file, an absolute path, or an `https` URL, as
    /// written (never rewritten, so a file keeps its bytes).
    pub source: String,
    /// What the picture shows, for readers ("Rutte arrives at NATO headquarters.").
    pub caption: String,
    /// Photographer and/or agency ("AP Photo/Virginia Mayo").
    pub credit: String,
    /// The text read out instead of the picture (screen readers, images turned off).
    pub alt: String,
    /// Width in pixels once known; 0 while unknown (and then not written).
    #[serde(skip_serializing_if = "is_zero")]
    pub width: u32,
    /// Height in pixels once known; 0 while unknown (and then not written).
    #[serde(skip_serializing_if = "is_zero")]
    pub height: u32,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A picture's text fields, as the form and the typing history name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PicturePart {
    Caption,
    Credit,
    Alt,
}

impl PicturePart {
    /// Every part, in the form's order.
    pub const ALL: [Self; 3] = [Self::Caption, Self::Credit, Self::Alt];

    /// The part's name as labels and messages say it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Caption => "caption",
            Self::Credit => "credit",
            Self::Alt => "alt text",
        }
    }
}

impl Picture {
    /// A picture of `source` with no words yet and its size unknown.
    pub fn new(source: impl Into<String>) -> Self {
        Self {
            source: source.into(),
            ..Self::default()
        }
    }

    /// The text of one of its parts.
    pub fn part(&self, part: PicturePart) -> &str {
        match part {
            PicturePart::Caption => &self.caption,
            PicturePart::Credit => &self.credit,
            PicturePart::Alt => &self.alt,
        }
    }

    /// The editable text of one of its parts.
    pub fn part_mut(&mut self, part: PicturePart) -> &mut String {
        match part {
            PicturePart::Caption => &mut self.caption,
            PicturePart::Credit => &mut self.credit,
            PicturePart::Alt => &mut self.alt,
        }
    }

    /// The pixel size, when both sides are known.
    pub fn size(&self) -> Option<(u32, u32)> {
        (self.width > 0 && self.height > 0).then_some((self.width, self.height))
    }
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

/// The pictures as text, one line each (`1. lead.jpg — caption: …; credit: …; alt: …`):
/// what the compare view and `newsdesk diff` show of them.
pub fn pictures_text(pictures: &[Picture]) -> String {
    let mut out = String::new();
    for (i, p) in pictures.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(out, "{}. {}", i + 1, p.source);
        for part in PicturePart::ALL {
            let text = p.part(part);
            if !text.is_empty() {
                let _ = write!(out, "; {}: {text}", part.label());
            }
        }
    }
    out
}

/// Keywords as one line of text, the way the form shows them: "a, b, c".
pub fn keywords_line(keywords: &[String]) -> String {
    keywords.join(", ")
}

/// Keywords from a line split on commas: each trimmed, empty ones and repeats dropped.
pub fn parse_keywords(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in line
        .split([',', '\n'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        if !out.iter().any(|o| o == k) {
            out.push(k.to_owned());
        }
    }
    out
}

impl Article {
    /// Whether `other` has the same content: everything but the id, the state and the
    /// spelling ignore list (what the editor decides about the story, not the story).
    /// Changing content makes `wire` copy a `draft` ([`Article::mark_edited`]).
    pub fn same_content(&self, other: &Self) -> bool {
        // Destructured without `..`, so a field added to the article is sorted here too.
        let Self {
            id: _,
            headline,
            slugline,
            dateline,
            byline,
            summary,
            body,
            credit,
            language,
            keywords,
            pictures,
            ignored_words: _,
            extra,
            state: _,
        } = self;
        *headline == other.headline
            && *slugline == other.slugline
            && *dateline == other.dateline
            && *byline == other.byline
            && *summary == other.summary
            && *body == other.body
            && *credit == other.credit
            && *language == other.language
            && *keywords == other.keywords
            && *pictures == other.pictures
            && *extra == other.extra
    }

    /// The state rule of an edit from `before` to `self`: the first content change of wire
    /// copy makes it a draft, unless the edit set the state itself.
    pub fn mark_edited(&mut self, before: &Self) {
        if before.state == StoryState::Wire
            && self.state == StoryState::Wire
            && !self.same_content(before)
        {
            self.state = StoryState::Draft;
        }
    }

    /// True when no field holds anything: a fresh, untitled article (an id is not content).
    pub fn is_empty(&self) -> bool {
        self.rest() == Self::default()
            && Field::ALL
                .iter()
                .all(|&f| self.text_str(f).is_none_or(str::is_empty))
    }
}

/// A new article id: a random (v4) UUID, lower-case and hyphenated.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string()
}

/// A field of the article, as the form, the checks, the importer's report and find name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Headline,
    Slugline,
    Place,
    Outlet,
    Date,
    Byline,
    Summary,
    Body,
    Credit,
    Language,
    /// A list, not free text: its text is the keywords joined by commas.
    Keywords,
    /// The pictures, a list of records: no text of its own (findings about a picture name
    /// its position in their message).
    Pictures,
}

impl Field {
    /// Every field, in the form's order (the order findings are sorted in).
    pub const ALL: [Self; 12] = [
        Self::Headline,
        Self::Slugline,
        Self::Place,
        Self::Outlet,
        Self::Date,
        Self::Byline,
        Self::Summary,
        Self::Body,
        Self::Credit,
        Self::Language,
        Self::Keywords,
        Self::Pictures,
    ];

    /// The field's name as the user reads it in a sentence ("no space in the dateline place").
    pub fn label(self) -> &'static str {
        match self {
            Self::Place => "dateline place",
            other => other.key(),
        }
    }

    /// The field's short name, as in reports and JSON (`place`, `credit`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Headline => "headline",
            Self::Slugline => "slugline",
            Self::Place => "place",
            Self::Outlet => "outlet",
            Self::Date => "date",
            Self::Byline => "byline",
            Self::Summary => "summary",
            Self::Body => "body",
            Self::Credit => "credit",
            Self::Language => "language",
            Self::Keywords => "keywords",
            Self::Pictures => "pictures",
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl Article {
    /// The text of a field. The date is its `YYYY-MM-DD` form (empty for none).
    pub fn text(&self, field: Field) -> Cow<'_, str> {
        match field {
            Field::Date => Cow::Owned(
                self.dateline
                    .date
                    .map(|d| d.format(date_text::FORMAT).to_string())
                    .unwrap_or_default(),
            ),
            Field::Headline => Cow::Borrowed(&self.headline),
            Field::Slugline => Cow::Borrowed(&self.slugline),
            Field::Summary => Cow::Borrowed(&self.summary),
            Field::Place => Cow::Borrowed(&self.dateline.place),
            Field::Outlet => Cow::Borrowed(&self.dateline.outlet),
            Field::Byline => Cow::Borrowed(&self.byline),
            Field::Body => Cow::Borrowed(&self.body),
            Field::Credit => Cow::Borrowed(&self.credit),
            Field::Language => Cow::Borrowed(&self.language),
            Field::Keywords => Cow::Owned(self.keywords.join(", ")),
            Field::Pictures => Cow::Owned(pictures_text(&self.pictures)),
        }
    }

    /// The editable text of a field; the date and the keywords are not free text, so they
    /// have none.
    pub fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Date | Field::Keywords | Field::Pictures => None,
            Field::Headline => Some(&mut self.headline),
            Field::Slugline => Some(&mut self.slugline),
            Field::Summary => Some(&mut self.summary),
            Field::Place => Some(&mut self.dateline.place),
            Field::Outlet => Some(&mut self.dateline.outlet),
            Field::Byline => Some(&mut self.byline),
            Field::Body => Some(&mut self.body),
            Field::Credit => Some(&mut self.credit),
            Field::Language => Some(&mut self.language),
        }
    }
}

impl Article {
    /// The text of a text field; `None` for the date and the keywords, which are not free
    /// text.
    pub fn text_str(&self, field: Field) -> Option<&str> {
        match field {
            Field::Date | Field::Keywords | Field::Pictures => None,
            Field::Headline => Some(&self.headline),
            Field::Slugline => Some(&self.slugline),
            Field::Summary => Some(&self.summary),
            Field::Place => Some(&self.dateline.place),
            Field::Outlet => Some(&self.dateline.outlet),
            Field::Byline => Some(&self.byline),
            Field::Body => Some(&self.body),
            Field::Credit => Some(&self.credit),
            Field::Language => Some(&self.language),
        }
    }

    /// Everything but the text fields (those [`Article::text_mut`] edits), which are left
    /// empty: what an undo step keeps whole when it changed, since it is small. The
    /// pictures are here whole: a few short texts and a path each.
    ///
    /// Destructured without `..`, so a field added to the article must be sorted here
    /// into text (diffed) or rest (kept whole).
    ///
    /// The id is neither: it is the article's identity, which the document assigns (on
    /// creation, import or first save) outside the undo history. The rest leaves it empty
    /// and [`Article::set_rest`] keeps the current one, so undoing a step recorded before
    /// the first save can never take the id away again.
    #[must_use]
    pub fn rest(&self) -> Self {
        let Self {
            id: _,
            headline: _,
            slugline: _,
            dateline:
                Dateline {
                    place: _,
                    date,
                    outlet: _,
                },
            byline: _,
            summary: _,
            body: _,
            credit: _,
            language: _,
            keywords,
            ignored_words,
            pictures,
            extra,
            state,
        } = self;
        Self {
            state: *state,
            dateline: Dateline {
                date: *date,
                ..Dateline::default()
            },
            keywords: keywords.clone(),
            ignored_words: ignored_words.clone(),
            pictures: pictures.clone(),
            extra: extra.clone(),
            ..Self::default()
        }
    }

    /// Sets everything but the text fields from `rest` (made by [`Article::rest`]).
    pub fn set_rest(&mut self, rest: Self) {
        let Self {
            id: _,
            headline: _,
            slugline: _,
            dateline:
                Dateline {
                    place: _,
                    date,
                    outlet: _,
                },
            byline: _,
            summary: _,
            body: _,
            credit: _,
            language: _,
            keywords,
            ignored_words,
            pictures,
            extra,
            state,
        } = rest;
        self.state = state;
        self.dateline.date = date;
        self.keywords = keywords;
        self.ignored_words = ignored_words;
        self.pictures = pictures;
        self.extra = extra;
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
    fn states_read_their_names_and_default_to_draft() {
        assert_eq!(StoryState::default(), StoryState::Draft);
        assert_eq!(Article::default().state, StoryState::Draft);
        for s in StoryState::ALL {
            assert_eq!(
                StoryState::parse(&format!(" {} ", s.key().to_uppercase())),
                Some(s)
            );
        }
        assert_eq!(StoryState::parse("rejected"), None);
    }

    #[test]
    fn a_content_change_makes_wire_copy_a_draft() {
        let wire = Article {
            state: StoryState::Wire,
            ..fixture()
        };
        let mut ignored = wire.clone();
        ignored.ignored_words.push("Rutte".into());
        ignored.mark_edited(&wire);
        assert_eq!(
            ignored.state,
            StoryState::Wire,
            "ignoring a word is no edit"
        );
        let mut edited = wire.clone();
        edited.body.push_str("More.");
        edited.mark_edited(&wire);
        assert_eq!(edited.state, StoryState::Draft);
        let mut marked = wire.clone();
        marked.body.push_str("More.");
        marked.state = StoryState::Ready;
        marked.mark_edited(&wire);
        assert_eq!(
            marked.state,
            StoryState::Ready,
            "an edit that sets the state keeps it"
        );
        let ready = Article {
            state: StoryState::Ready,
            ..fixture()
        };
        let mut after = ready.clone();
        after.body.push_str("More.");
        after.mark_edited(&ready);
        assert_eq!(after.state, StoryState::Ready, "only wire copy changes");
    }

    #[test]
    fn new_article_is_empty_until_a_field_is_set() {
        let mut a = Article::default();
        assert!(a.is_empty());
        a.dateline.date = NaiveDate::from_ymd_opt(2024, 10, 1);
        assert!(!a.is_empty());
    }

    #[test]
    fn keywords_split_on_commas_and_join_back() {
        let k = parse_keywords(" Champions League, Frankfurt,,London , Frankfurt ");
        assert_eq!(k, ["Champions League", "Frankfurt", "London"]);
        assert_eq!(keywords_line(&k), "Champions League, Frankfurt, London");
        assert!(parse_keywords(" , ").is_empty());
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
