//! Markdown with YAML front matter: the article as static-site generators, Pandoc and
//! Obsidian read it.
//!
//! The front matter is written and read by a YAML library (`serde_norway`), never by string
//! formatting, so any headline survives however it must be quoted. Keys Newsdesk does not
//! model (Hugo's `tags`, Jekyll's `layout`, …) are kept in [`Article::extra`] and written
//! back after the known keys. The body follows the front matter byte for byte.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde_norway::{Mapping, Value};

use crate::article::{Article, Picture, StoryState, date_text};

/// Front-matter keys Newsdesk maps to article fields, in the order they are written.
/// `slugline` is Newsdesk's own key (Hugo's `slug` is a URL part, not a slugline: it stays an
/// extra key); `description` is the summary, as Hugo and Jekyll name it.
pub const KNOWN_KEYS: [&str; 9] = [
    "title",
    "slugline",
    "dateline",
    "outlet",
    "date",
    "author",
    "description",
    "credit",
    "lang",
];

/// The front-matter key holding [`Article::id`], written first: the article's identity, not
/// one of its fields.
pub const ID_KEY: &str = "id";
/// The front-matter key holding [`Article::state`], written after the id; left out for
/// the default (`draft`). Hugo's own `draft: true` is a different key and stays an extra.
pub const STATE_KEY: &str = "state";

/// The front-matter key holding [`Article::keywords`]: a YAML list (Hugo's and Jekyll's
/// `keywords`), written after [`KNOWN_KEYS`]; a comma-separated line reads too.
pub const KEYWORDS_KEY: &str = "keywords";

/// The front-matter key holding [`Article::ignored_words`]: a YAML list, not text, so it is
/// kept apart from [`KNOWN_KEYS`] and written after them.
pub const IGNORE_KEY: &str = "spellcheck_ignore";

/// The front-matter key listing the pictures' paths, as Hugo's and Jekyll's themes read
/// it (`images: [lead.jpg, …]`), written from [`Article::pictures`].
pub const IMAGES_KEY: &str = "images";

/// The front-matter key holding [`Article::pictures`] in full: a list of maps with
/// `source`, `caption`, `credit`, `alt`, `width`, `height` (empty ones left out).
///
/// Both keys are written. On reading, `pictures` is the record and `images` must list the
/// same sources in the same order, or the file is refused naming the first difference
/// (a hand edit changed one and not the other); a file with only `images` (from another
/// tool) reads as pictures with no words yet.
pub const PICTURES_KEY: &str = "pictures";

/// Whether a front-matter key is one Newsdesk maps to a field (so it may not be an extra).
pub fn is_field_key(key: &str) -> bool {
    KNOWN_KEYS.contains(&key)
        || [
            IGNORE_KEY,
            KEYWORDS_KEY,
            IMAGES_KEY,
            PICTURES_KEY,
            STATE_KEY,
        ]
        .contains(&key)
}

/// Why a Markdown article could not be read or written.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum MarkdownError {
    /// The file opens a front matter block with `---` that no later `---` line closes.
    #[error("front matter opened on line 1 is never closed with a `---` line")]
    UnclosedFrontMatter,
    /// The front matter is not valid YAML; the position is in the file, not the block.
    #[error("front matter, line {line}, column {column}: {message}")]
    Yaml {
        line: usize,
        column: usize,
        message: String,
    },
    /// Lists or mappings nested deeper than [`MAX_FLOW_DEPTH`]: no article needs that, and
    /// the YAML parser's time grows with the square of the depth.
    #[error("front matter nests `[` or `{{` more than {MAX_FLOW_DEPTH} deep")]
    TooDeep,
    /// YAML the library reads but cannot write back (a tagged or mapping key, such as
    /// `!x a: b`): refused on reading, so an opened article can always be saved.
    #[error("front matter cannot be written back ({0}); use plain `key: value` lines")]
    Unwritable(String),
    /// The front matter is YAML but not a `key: value` mapping.
    #[error("front matter is not a list of `key: value` lines")]
    NotAMapping,
    /// An article field's key holds a list or mapping where text was expected.
    #[error("front matter `{0}` must be text, not a list or mapping")]
    NotText(String),
    /// The spelling ignore list is not a list of words.
    #[error("front matter `{IGNORE_KEY}` must be a list of words")]
    NotAList,
    /// `images` or `pictures` is not shaped as Newsdesk writes it.
    #[error("front matter `{key}`: {problem}")]
    BadPictures { key: &'static str, problem: String },
    /// `images` and `pictures` name different files (one was edited by hand).
    #[error(
        "front matter `images` and `pictures` disagree: {0}; make them list the same files in the same order (or delete `images`, which Newsdesk writes from `pictures`)"
    )]
    PicturesDisagree(String),
    /// The `state` key is not one of the story states.
    #[error("front matter `state`: `{0}` is not a state (wire, draft, ready or published)")]
    BadState(String),
    /// The `date` key is not a calendar date.
    #[error("front matter `date`: {0}")]
    BadDate(String),
    /// Serialisation failed (only reachable through a serializer bug).
    #[error("cannot write front matter: {0}")]
    Write(String),
}

/// The first extra key that would collide with an article field, if any.
pub fn reserved_key_in(extra: &Mapping) -> Option<String> {
    extra.keys().find_map(|k| match k {
        Value::String(s) if is_field_key(s) || s == ID_KEY => Some(s.clone()),
        _ => None,
    })
}

/// Writes an article as front matter plus body. The front matter is always present, even
/// when empty, so a body that starts with `---` or `# Heading` reads back as body.
pub fn to_string(article: &Article) -> Result<String, MarkdownError> {
    let a = article;
    let date = a
        .dateline
        .date
        .map(|d| d.format(date_text::FORMAT).to_string())
        .unwrap_or_default();
    let known = [
        &a.headline,
        &a.slugline,
        &a.dateline.place,
        &a.dateline.outlet,
        &date,
        &a.byline,
        &a.summary,
        &a.credit,
        &a.language,
    ];
    let mut map = Mapping::new();
    if !a.id.is_empty() {
        map.insert(Value::from(ID_KEY), Value::from(a.id.as_str()));
    }
    if !a.state.is_default() {
        map.insert(Value::from(STATE_KEY), Value::from(a.state.key()));
    }
    for (key, value) in KNOWN_KEYS.iter().zip(known) {
        if !value.is_empty() {
            map.insert(Value::from(*key), Value::from(value.as_str()));
        }
    }
    if !a.keywords.is_empty() {
        let words = a.keywords.iter().map(|w| Value::from(w.as_str()));
        map.insert(Value::from(KEYWORDS_KEY), Value::Sequence(words.collect()));
    }
    if !a.pictures.is_empty() {
        let paths = a.pictures.iter().map(|p| Value::from(p.source.as_str()));
        map.insert(Value::from(IMAGES_KEY), Value::Sequence(paths.collect()));
        let records = a.pictures.iter().map(picture_value);
        map.insert(
            Value::from(PICTURES_KEY),
            Value::Sequence(records.collect()),
        );
    }
    if !a.ignored_words.is_empty() {
        let words = a.ignored_words.iter().map(|w| Value::from(w.as_str()));
        map.insert(Value::from(IGNORE_KEY), Value::Sequence(words.collect()));
    }
    for (key, value) in &a.extra {
        map.insert(key.clone(), value.clone());
    }
    let mut out = String::from("---\n");
    if !map.is_empty() {
        let yaml =
            serde_norway::to_string(&map).map_err(|e| MarkdownError::Write(e.to_string()))?;
        out.push_str(&yaml);
        if !yaml.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str("---\n");
    if !a.body.is_empty() {
        out.push('\n');
        out.push_str(&a.body);
    }
    Ok(out)
}

/// [`from_str`] of text the caller gives up: the body is the text's own tail, moved to its
/// start, not a copy (an article file's body is nearly all of it).
pub fn from_string(mut text: String) -> Result<Article, MarkdownError> {
    let body_len = {
        let stripped = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match split_front_matter(stripped)? {
            Some((yaml, body)) => Some((fields_from_yaml(yaml)?, body.len())),
            None => None,
        }
    };
    match body_len {
        Some((mut article, len)) => {
            // The body runs to the end of the text.
            text.drain(..text.len() - len);
            article.body = text;
            Ok(article)
        }
        None => from_str(&text),
    }
}

/// Reads an article from Markdown, with or without front matter.
pub fn from_str(text: &str) -> Result<Article, MarkdownError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match split_front_matter(text)? {
        Some((yaml, body)) => {
            let mut article = fields_from_yaml(yaml)?;
            body.clone_into(&mut article.body);
            Ok(article)
        }
        None => Ok(from_plain_markdown(text)),
    }
}

/// Splits `---\n<yaml>---\n\n<body>` into YAML and body; `None` when there is no front matter.
fn split_front_matter(text: &str) -> Result<Option<(&str, &str)>, MarkdownError> {
    let Some(first_end) = text.find('\n') else {
        return Ok(None);
    };
    if text[..first_end].trim_end() != "---" {
        return Ok(None);
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            let rest = &text[(line_end + 1).min(text.len())..];
            let body = rest
                .strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\n'))
                .unwrap_or(rest);
            return Ok(Some((&text[yaml_start..pos], body)));
        }
        pos = line_end + 1;
    }
    Err(MarkdownError::UnclosedFrontMatter)
}

/// Deepest `[`/`{` nesting accepted in front matter: the YAML deserializer refuses more
/// than 128 levels anyway, but only after scanning the whole block, in time that grows with
/// the square of the depth (100,000 `[` took 46 s). Checking first keeps refusal instant.
pub const MAX_FLOW_DEPTH: usize = 128;

/// The deepest `[`/`{` nesting in YAML text, skipping quoted strings and comments. Brackets
/// inside plain (unquoted) text count too, so only over 128 unmatched brackets in plain
/// text, which no article has, would be refused wrongly.
fn flow_depth(yaml: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut chars = yaml.chars().peekable();
    let mut prev = '\n';
    while let Some(c) = chars.next() {
        match c {
            '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            // A quote opens a string only where a value starts, as in `key: 'x'` or `[ "a"`;
            // in `Rutte's` it is text.
            '"' if starts_value(prev) => {
                while let Some(q) = chars.next() {
                    match q {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            // In single quotes `''` is an escaped quote: closing and reopening skips it too.
            '\'' if starts_value(prev) => {
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                }
            }
            '#' if prev.is_whitespace() => {
                for q in chars.by_ref() {
                    if q == '\n' {
                        break;
                    }
                }
            }
            _ => {}
        }
        prev = c;
    }
    deepest
}

fn starts_value(prev: char) -> bool {
    prev.is_whitespace() || matches!(prev, '[' | '{' | ',' | ':' | '-' | '?')
}

fn fields_from_yaml(yaml: &str) -> Result<Article, MarkdownError> {
    if flow_depth(yaml) > MAX_FLOW_DEPTH {
        return Err(MarkdownError::TooDeep);
    }
    let value: Value = if yaml.trim().is_empty() {
        Value::Null
    } else {
        serde_norway::from_str(yaml).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            MarkdownError::Yaml {
                // The YAML block starts on the file's second line.
                line: line + 1,
                column,
                message: e.to_string(),
            }
        })?
    };
    let map = match value {
        Value::Null => Mapping::new(),
        Value::Mapping(m) => m,
        _ => return Err(MarkdownError::NotAMapping),
    };
    let mut article = Article::default();
    let (mut images, mut pictures) = (None, None);
    for (key, value) in map {
        let name = match &key {
            Value::String(s) if s == IMAGES_KEY => {
                images = Some(image_list(value)?);
                continue;
            }
            Value::String(s) if s == PICTURES_KEY => {
                pictures = Some(picture_list(value)?);
                continue;
            }
            Value::String(s) if s == IGNORE_KEY => {
                article.ignored_words = word_list(value)?;
                continue;
            }
            Value::String(s) if s == ID_KEY => {
                article.id = scalar_text(ID_KEY, value)?;
                continue;
            }
            Value::String(s) if s == STATE_KEY => {
                let text = scalar_text(STATE_KEY, value)?;
                article.state = if text.trim().is_empty() {
                    StoryState::default()
                } else {
                    StoryState::parse(&text)
                        .ok_or_else(|| MarkdownError::BadState(text.trim().to_owned()))?
                };
                continue;
            }
            Value::String(s) if s == KEYWORDS_KEY => {
                article.keywords = keyword_list(value)?;
                continue;
            }
            Value::String(s) if KNOWN_KEYS.contains(&s.as_str()) => s.clone(),
            _ => {
                article.extra.insert(key, value);
                continue;
            }
        };
        let text = scalar_text(&name, value)?;
        match name.as_str() {
            "title" => article.headline = text,
            "slugline" => article.slugline = text,
            "description" => article.summary = text,
            "dateline" => article.dateline.place = text,
            "outlet" => article.dateline.outlet = text,
            "date" => {
                article.dateline.date = date_text::parse(&text).map_err(MarkdownError::BadDate)?;
            }
            "author" => article.byline = text,
            "credit" => article.credit = text,
            _ => article.language = text,
        }
    }
    article.pictures = merge_pictures(images, pictures)?;
    if !article.extra.is_empty() {
        // Found by fuzzing: some keys read but do not write. Better to say so on opening
        // than to fail on every save.
        serde_norway::to_string(&article.extra)
            .map_err(|e| MarkdownError::Unwritable(e.to_string()))?;
    }
    Ok(article)
}

/// The ignore list: a YAML list of scalars (`[Rutte, Luns]`); an empty value is no words.
fn word_list(value: Value) -> Result<Vec<String>, MarkdownError> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Tagged(t) => word_list(t.value),
        Value::Sequence(items) => items
            .into_iter()
            .map(|item| scalar_text(IGNORE_KEY, item).map_err(|_| MarkdownError::NotAList))
            .collect(),
        _ => Err(MarkdownError::NotAList),
    }
}

/// One picture as its front-matter map; empty parts and unknown sizes left out.
fn picture_value(p: &Picture) -> Value {
    let mut m = Mapping::new();
    m.insert(Value::from("source"), Value::from(p.source.as_str()));
    for part in [
        ("caption", &p.caption),
        ("credit", &p.credit),
        ("alt", &p.alt),
    ] {
        if !part.1.is_empty() {
            m.insert(Value::from(part.0), Value::from(part.1.as_str()));
        }
    }
    for size in [("width", p.width), ("height", p.height)] {
        if size.1 > 0 {
            m.insert(Value::from(size.0), Value::from(size.1));
        }
    }
    Value::Mapping(m)
}

fn bad_pictures(key: &'static str, problem: impl Into<String>) -> MarkdownError {
    MarkdownError::BadPictures {
        key,
        problem: problem.into(),
    }
}

/// `images`: a list of paths, or one path (as some themes write `images: lead.jpg`).
fn image_list(value: Value) -> Result<Vec<String>, MarkdownError> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Tagged(t) => image_list(t.value),
        Value::Sequence(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                scalar_text(IMAGES_KEY, item)
                    .map_err(|_| bad_pictures(IMAGES_KEY, format!("item {} must be a path", i + 1)))
            })
            .collect(),
        other => Ok(vec![scalar_text(IMAGES_KEY, other)?]),
    }
}

/// `pictures`: a list of maps with Newsdesk's picture keys and nothing else.
fn picture_list(value: Value) -> Result<Vec<Picture>, MarkdownError> {
    let items = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Tagged(t) => return picture_list(t.value),
        Value::Sequence(items) => items,
        _ => return Err(bad_pictures(PICTURES_KEY, "must be a list")),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let n = i + 1;
        let Value::Mapping(m) = item else {
            return Err(bad_pictures(
                PICTURES_KEY,
                format!("picture {n} must be a map of `source`, `caption`, `credit`, `alt`"),
            ));
        };
        let mut p = Picture::default();
        for (key, value) in m {
            let key = match key {
                Value::String(k) => k,
                other => format!("{other:?}"),
            };
            let not_text =
                || bad_pictures(PICTURES_KEY, format!("picture {n}: `{key}` must be text"));
            match key.as_str() {
                "source" => {
                    p.source = scalar_text(PICTURES_KEY, value).map_err(|_| not_text())?;
                }
                "caption" => {
                    p.caption = scalar_text(PICTURES_KEY, value).map_err(|_| not_text())?;
                }
                "credit" => {
                    p.credit = scalar_text(PICTURES_KEY, value).map_err(|_| not_text())?;
                }
                "alt" => {
                    p.alt = scalar_text(PICTURES_KEY, value).map_err(|_| not_text())?;
                }
                "width" | "height" => {
                    let px = match &value {
                        Value::Null => Some(0),
                        Value::Number(v) => v.as_u64().and_then(|v| u32::try_from(v).ok()),
                        _ => None,
                    }
                    .ok_or_else(|| {
                        bad_pictures(
                            PICTURES_KEY,
                            format!("picture {n}: `{key}` must be a whole number of pixels"),
                        )
                    })?;
                    if key == "width" {
                        p.width = px;
                    } else {
                        p.height = px;
                    }
                }
                _ => {
                    return Err(bad_pictures(
                        PICTURES_KEY,
                        format!(
                            "picture {n}: unknown key `{key}` (expected source, caption, credit, alt, width, height)"
                        ),
                    ));
                }
            }
        }
        out.push(p);
    }
    Ok(out)
}

/// The pictures from `images` and `pictures` (see [`PICTURES_KEY`] for the rule).
fn merge_pictures(
    images: Option<Vec<String>>,
    pictures: Option<Vec<Picture>>,
) -> Result<Vec<Picture>, MarkdownError> {
    match (images, pictures) {
        (None, None) => Ok(Vec::new()),
        (Some(paths), None) => Ok(paths.into_iter().map(Picture::new).collect()),
        (None, Some(pictures)) => Ok(pictures),
        (Some(paths), Some(pictures)) => {
            for i in 0..paths.len().max(pictures.len()) {
                let (a, b) = (paths.get(i), pictures.get(i).map(|p| &p.source));
                if a != b {
                    let say =
                        |s: Option<&String>| s.map_or("nothing".to_owned(), |s| format!("`{s}`"));
                    return Err(MarkdownError::PicturesDisagree(format!(
                        "image {} is {} in `images` but {} in `pictures`",
                        i + 1,
                        say(a),
                        say(b)
                    )));
                }
            }
            Ok(pictures)
        }
    }
}

/// Keywords: a YAML list of scalars, or one line of them split on commas (as some sites
/// write `keywords: a, b`).
fn keyword_list(value: Value) -> Result<Vec<String>, MarkdownError> {
    match value {
        Value::Tagged(t) => keyword_list(t.value),
        Value::Sequence(items) => items
            .into_iter()
            .map(|item| {
                scalar_text(KEYWORDS_KEY, item)
                    .map_err(|_| MarkdownError::NotText(KEYWORDS_KEY.to_owned()))
            })
            .collect(),
        other => Ok(crate::article::parse_keywords(&scalar_text(
            KEYWORDS_KEY,
            other,
        )?)),
    }
}

/// Text of a scalar; numbers and booleans are taken as written (`title: 1984`).
fn scalar_text(key: &str, value: Value) -> Result<String, MarkdownError> {
    match value {
        Value::Null => Ok(String::new()),
        Value::String(s) => Ok(s),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Tagged(t) => scalar_text(key, t.value),
        Value::Sequence(_) | Value::Mapping(_) => Err(MarkdownError::NotText(key.to_owned())),
    }
}

/// Markdown without front matter: the body, with a leading level-1 heading as headline.
fn from_plain_markdown(text: &str) -> Article {
    let mut events = Parser::new(text).into_offset_iter();
    if let Some((
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        }),
        _,
    )) = events.next()
    {
        let mut headline = String::new();
        for (event, range) in events {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    return Article {
                        headline: headline.trim().to_owned(),
                        body: text[range.end..]
                            .trim_start_matches(['\r', '\n'])
                            .to_owned(),
                        ..Article::default()
                    };
                }
                Event::Text(t) | Event::Code(t) => headline.push_str(&t),
                Event::SoftBreak | Event::HardBreak => headline.push(' '),
                _ => {}
            }
        }
    }
    Article {
        body: text.to_owned(),
        ..Article::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn seedlike() -> Article {
        let mut a = Article {
            headline: "Rutte: \"NATO\" --- # not a heading".into(),
            slugline: "NATO-Rutte".into(),
            byline: "Jane Doe".into(),
            summary: "Rutte takes over: NATO's new chief.".into(),
            body: "Para one.\n\n---\n\nPara two.\n".into(),
            credit: "AP".into(),
            language: "id".into(),
            ..Article::default()
        };
        a.dateline.place = "Brussels".into();
        a.dateline.outlet = "Liputan6.com".into();
        a.dateline.date = NaiveDate::from_ymd_opt(2024, 10, 1);
        a
    }

    #[test]
    fn the_state_is_front_matter_after_the_id_and_draft_is_left_out() {
        let a = Article {
            id: "x1".into(),
            headline: "Ferry".into(),
            state: StoryState::Ready,
            ..Article::default()
        };
        let text = to_string(&a).unwrap();
        assert!(
            text.starts_with("---\nid: x1\nstate: ready\ntitle: Ferry\n"),
            "{text}"
        );
        assert_eq!(from_str(&text).unwrap(), a);
        let draft = Article {
            state: StoryState::Draft,
            ..a.clone()
        };
        assert!(!to_string(&draft).unwrap().contains("state"));
        assert_eq!(
            from_str("---\ntitle: x\n---\n").unwrap().state,
            StoryState::Draft
        );
        assert_eq!(
            from_str("---\nstate: WIRE\n---\n").unwrap().state,
            StoryState::Wire
        );
        let err = from_str("---\nstate: rejected\n---\n").unwrap_err();
        assert!(err.to_string().contains("`rejected`"), "{err}");
    }

    #[test]
    fn writes_known_keys_in_order_then_body_after_a_blank_line() {
        let text = to_string(&seedlike()).unwrap();
        let keys: Vec<&str> = text
            .lines()
            .skip(1)
            .take_while(|l| *l != "---")
            .filter_map(|l| l.split(':').next())
            .collect();
        assert_eq!(keys, KNOWN_KEYS);
        assert!(text.contains("\n---\n\nPara one.\n"), "{text}");
        assert!(
            text.contains("date: 2024-10-01\n"),
            "dates stay unquoted for Hugo: {text}"
        );
    }

    #[test]
    fn empty_fields_are_omitted() {
        let a = Article {
            headline: "Only a headline".into(),
            ..Article::default()
        };
        assert_eq!(to_string(&a).unwrap(), "---\ntitle: Only a headline\n---\n");
    }

    #[test]
    fn round_trips_and_writes_canonically() {
        let a = seedlike();
        let text = to_string(&a).unwrap();
        let back = from_str(&text).unwrap();
        assert_eq!(back, a);
        assert_eq!(to_string(&back).unwrap(), text);
    }

    #[test]
    fn unknown_keys_are_kept_in_order() {
        let text = "---\ntitle: T\ntags: [a, b]\ndraft: true\nslug: t\n---\n\nBody\n";
        let a = from_str(text).unwrap();
        let keys: Vec<_> = a.extra.keys().filter_map(Value::as_str).collect();
        assert_eq!(keys, ["tags", "draft", "slug"]);
        let again = to_string(&a).unwrap();
        assert!(
            again.contains("tags:\n- a\n- b\ndraft: true\nslug: t\n"),
            "{again}"
        );
    }

    #[test]
    fn without_front_matter_a_leading_heading_becomes_the_headline() {
        let a = from_str("\n# Big *news* today\n\nFirst para.\n").unwrap();
        assert_eq!(a.headline, "Big news today");
        assert_eq!(a.body, "First para.\n");
        let b = from_str("Just text.\n# Later heading\n").unwrap();
        assert_eq!(b.headline, "");
        assert_eq!(b.body, "Just text.\n# Later heading\n");
    }

    #[test]
    fn crlf_front_matter_reads() {
        let a = from_str("---\r\ntitle: T\r\nlang: en\r\n---\r\n\r\nBody\r\n").unwrap();
        assert_eq!(a.headline, "T");
        assert_eq!(a.language, "en");
        assert_eq!(a.body, "Body\r\n");
    }

    #[test]
    fn malformed_yaml_reports_a_file_line() {
        let err = from_str("---\ntitle: ok\nauthor: [unclosed\n---\nbody").unwrap_err();
        let MarkdownError::Yaml { line, .. } = err else {
            panic!("expected YAML error, got {err:?}");
        };
        assert!((3..=5).contains(&line), "line {line}");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert_eq!(
            from_str("---\ntitle: x\n\nbody").unwrap_err(),
            MarkdownError::UnclosedFrontMatter
        );
    }

    #[test]
    fn non_text_field_and_bad_date_are_errors() {
        assert_eq!(
            from_str("---\nauthor: [a, b]\n---\n").unwrap_err(),
            MarkdownError::NotText("author".into())
        );
        assert!(matches!(
            from_str("---\ndate: next tuesday\n---\n").unwrap_err(),
            MarkdownError::BadDate(_)
        ));
        assert_eq!(
            from_str("---\n- a\n- b\n---\n").unwrap_err(),
            MarkdownError::NotAMapping
        );
    }

    #[test]
    fn ignore_list_is_a_yaml_list_after_the_known_keys() {
        let mut a = seedlike();
        a.ignored_words = vec!["Rutte".into(), "ke-13: yes".into()];
        a.extra
            .insert(Value::from("tags"), Value::Sequence(vec![Value::from("x")]));
        let text = to_string(&a).unwrap();
        assert!(
            text.contains("lang: id\nspellcheck_ignore:\n- Rutte\n- 'ke-13: yes'\ntags:\n"),
            "{text}"
        );
        let back = from_str(&text).unwrap();
        assert_eq!(back, a);
        assert_eq!(to_string(&back).unwrap(), text);
        assert_eq!(
            from_str("---\nspellcheck_ignore: [a, 12]\n---\n")
                .unwrap()
                .ignored_words,
            ["a", "12"]
        );
        assert_eq!(
            from_str("---\nspellcheck_ignore: word\n---\n").unwrap_err(),
            MarkdownError::NotAList
        );
        assert_eq!(
            from_str("---\nspellcheck_ignore: [[a]]\n---\n").unwrap_err(),
            MarkdownError::NotAList
        );
    }

    #[test]
    fn deeply_nested_front_matter_is_refused_quickly_but_quoted_brackets_are_text() {
        let deep = format!("---\ntitle: {}\n---\n", "[".repeat(100_000));
        assert_eq!(from_str(&deep).unwrap_err(), MarkdownError::TooDeep);
        let nested = format!("---\ntags: {}x{}\n---\n", "[".repeat(100), "]".repeat(100));
        assert!(from_str(&nested).is_ok());
        let quoted = format!(
            "---\ntitle: \"{0}\"\nauthor: '{0}'\n# {0}\n---\n",
            "[".repeat(500)
        );
        assert_eq!(from_str(&quoted).unwrap().headline, "[".repeat(500));
        let apostrophe = "---\ntitle: Rutte's [AP] story\nauthor: '[it''s]'\n---\n";
        assert_eq!(from_str(apostrophe).unwrap().byline, "[it's]");
    }

    #[test]
    fn keys_that_cannot_be_written_back_are_refused_on_reading() {
        for text in ["---\n!x a: b\n---\n", "---\n{a: 1}: x\n---\n"] {
            assert!(
                matches!(from_str(text), Err(MarkdownError::Unwritable(_))),
                "{text:?}"
            );
        }
        let odd_but_fine = "---\n1: x\n? [a, b]\n: c\nk: !x v\n---\n";
        let a = from_str(odd_but_fine).unwrap();
        assert_eq!(from_str(&to_string(&a).unwrap()).unwrap(), a);
    }

    #[test]
    fn the_id_is_written_first_and_any_scalar_id_is_kept() {
        let mut a = seedlike();
        a.id = "5f0c2a9e-0d7b-4c1e-9a61-3c2f1b7d8e90".into();
        let text = to_string(&a).unwrap();
        assert!(
            text.starts_with("---\nid: 5f0c2a9e-0d7b-4c1e-9a61-3c2f1b7d8e90\ntitle: "),
            "{text}"
        );
        assert_eq!(from_str(&text).unwrap(), a);
        // Another tool's id (a Zettelkasten time stamp) is the article's id, as written.
        let theirs = from_str("---\nid: 20240101123000\ntitle: T\n---\n").unwrap();
        assert_eq!(theirs.id, "20240101123000");
        assert_eq!(from_str(&to_string(&theirs).unwrap()).unwrap(), theirs);
        assert_eq!(
            from_str("---\nid: [a]\n---\n").unwrap_err(),
            MarkdownError::NotText("id".into())
        );
    }

    #[test]
    fn keywords_are_a_list_after_the_known_keys_and_a_comma_line_reads() {
        let mut a = seedlike();
        a.keywords = vec!["NATO".into(), "Brussels, Belgium".into()];
        let text = to_string(&a).unwrap();
        assert!(
            text.contains("lang: id\nkeywords:\n- NATO\n- Brussels, Belgium\n"),
            "{text}"
        );
        assert!(text.contains("description: "), "{text}");
        assert_eq!(from_str(&text).unwrap(), a);
        let line = from_str("---\nkeywords: a, b ,c\nslug: url-part\n---\n").unwrap();
        assert_eq!(line.keywords, ["a", "b", "c"]);
        assert_eq!(line.slugline, "", "Hugo's slug is not a slugline");
        assert!(line.extra.contains_key("slug"));
    }

    #[test]
    fn numeric_title_is_taken_as_text() {
        assert_eq!(
            from_str("---\ntitle: 1984\n---\n").unwrap().headline,
            "1984"
        );
    }

    #[test]
    fn pictures_write_images_for_themes_and_the_full_record_and_read_back() {
        let mut a = seedlike();
        a.pictures = vec![
            Picture {
                source: "pictures/lead.jpg".into(),
                caption: "Rutte: \"ready\"".into(),
                credit: "AP Photo/Virginia Mayo".into(),
                alt: "Mark Rutte at a lectern".into(),
                width: 640,
                height: 427,
            },
            Picture::new("https://example.test/second.png"),
        ];
        let text = to_string(&a).unwrap();
        assert!(
            text.contains("images:\n- pictures/lead.jpg\n- https://example.test/second.png\npictures:\n- source: pictures/lead.jpg\n"),
            "{text}"
        );
        assert!(text.contains("  width: 640\n  height: 427\n"), "{text}");
        assert_eq!(from_str(&text).unwrap(), a);
    }

    #[test]
    fn images_alone_become_pictures_and_a_disagreement_is_refused() {
        let a = from_str("---\ntitle: T\nimages: [a.jpg, b.png]\n---\n").unwrap();
        let sources: Vec<_> = a.pictures.iter().map(|p| p.source.as_str()).collect();
        assert_eq!(sources, ["a.jpg", "b.png"]);
        let one = from_str("---\nimages: a.jpg\n---\n").unwrap();
        assert_eq!(one.pictures, [Picture::new("a.jpg")]);

        let err = from_str(
            "---\nimages: [a.jpg, c.jpg]\npictures:\n- source: a.jpg\n- source: b.jpg\n  alt: B\n---\n",
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(matches!(err, MarkdownError::PicturesDisagree(_)));
        assert!(
            message.contains("image 2 is `c.jpg` in `images` but `b.jpg`"),
            "{message}"
        );
        let err = from_str("---\nimages: [a.jpg]\npictures: []\n---\n").unwrap_err();
        assert!(
            err.to_string().contains("`a.jpg` in `images` but nothing"),
            "{err}"
        );
    }

    #[test]
    fn a_picture_with_an_unknown_key_or_bad_size_is_refused_by_position() {
        let err =
            from_str("---\npictures:\n- source: a.jpg\n- source: b.jpg\n  alt_text: x\n---\n")
                .unwrap_err()
                .to_string();
        assert!(err.contains("picture 2: unknown key `alt_text`"), "{err}");
        let err = from_str("---\npictures:\n- source: a.jpg\n  width: -3\n---\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("picture 1: `width` must be a whole number"),
            "{err}"
        );
        let err = from_str("---\npictures: [a.jpg]\n---\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("picture 1 must be a map"), "{err}");
    }
}
