//! Where a finding is in the file as saved: line and column for `newsdesk check`, so an
//! editor or CI log can jump to it.
//!
//! The body is verbatim in both formats (after the Markdown front matter, inside the RON
//! raw string), so its findings map exactly. Another field maps exactly when its value is
//! written verbatim after its key; otherwise (escaped, quoted with escapes, or missing) the
//! finding points at the start of the key's line, or the top of the file.

use std::ops::Range;

use super::{Field, field_text};
use crate::article::Article;
use crate::formats::Format;

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

fn key(format: Format, field: Field) -> &'static str {
    match (format, field) {
        (Format::Md, Field::Headline) => "title",
        (Format::Md, Field::Place) => "dateline",
        (Format::Md, Field::Byline) => "author",
        (Format::Md, Field::Language) => "lang",
        (Format::Md, Field::Summary) => "description",
        (_, Field::Slugline) => "slugline",
        (_, Field::Summary) => "summary",
        (_, Field::Headline) => "headline",
        (_, Field::Place) => "place",
        (_, Field::Outlet) => "outlet",
        (_, Field::Date) => "date",
        (_, Field::Byline) => "byline",
        (_, Field::Body) => "body",
        (_, Field::Credit) => "credit",
        (_, Field::Language) => "language",
        (_, Field::Keywords) => "keywords",
        (_, Field::Pictures) => "pictures",
    }
}

/// Byte offset of the body's first byte in the saved text, when it is there verbatim.
fn body_start(text: &str, format: Format, body: &str) -> Option<usize> {
    if format == Format::Md {
        return text.ends_with(body).then(|| text.len() - body.len());
    }
    let line = key_line(text, "body", None)?;
    let after = text[line..].find(':')? + line + 1;
    literal_start(text, after, body)
}

/// Where a value starts when it follows `after` verbatim: bare, quoted, or in a RON raw
/// string (`r#"`).
fn literal_start(text: &str, after: usize, value: &str) -> Option<usize> {
    let rest = &text[after..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let mut start = after + spaces;
    let rest = &text[start..];
    if let Some(raw) = rest.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        if raw[hashes..].starts_with('"') {
            start += 1 + hashes + 1;
        }
    } else if rest.starts_with(['"', '\'']) {
        start += 1;
    }
    text[start..].starts_with(value).then_some(start)
}

/// Offset of the first line that starts (after indentation) with `key:`, outside `skip`.
fn key_line(text: &str, key: &str, skip: Option<&Range<usize>>) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        if skip.is_some_and(|s| s.contains(&here)) {
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
        {
            return Some(here + (line.len() - trimmed.len()));
        }
    }
    None
}

/// The position in `text` (the file as saved in `format`) of a finding's range start.
pub fn locate(
    text: &str,
    format: Format,
    article: &Article,
    field: Field,
    range: &Range<usize>,
) -> Position {
    let value = field_text(article, field);
    let body = body_start(text, format, &article.body).map(|s| s..s + article.body.len());
    let offset = if field == Field::Body {
        body.as_ref().map(|b| b.start + range.start)
    } else {
        // Markdown keys live in the front matter, before the body.
        let search = match (&body, format) {
            (Some(b), Format::Md) => &text[..b.start],
            _ => text,
        };
        key_line(search, key(format, field), body.as_ref()).map(|line| {
            let colon = search[line..].find(':').map_or(line, |c| line + c + 1);
            match literal_start(search, colon, &value) {
                Some(start) if !value.is_empty() => start + range.start,
                _ => line,
            }
        })
    };
    position(text, offset.unwrap_or(0))
}

fn position(text: &str, offset: usize) -> Position {
    let offset = (0..=offset.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    fn article() -> Article {
        let mut a = Article {
            headline: "Kapal \"Harbor\" kembali".into(),
            byline: "Dana".into(),
            body: "Baris satu.\n\nBaris é dua menyatukan.Kesinambungan\n".into(),
            credit: "AP".into(),
            language: "id".into(),
            ..Article::default()
        };
        a.dateline.place = "Brussels".into();
        a
    }

    fn at(text: &str, pos: Position) -> &str {
        let line = text.lines().nth(pos.line - 1).unwrap();
        let byte = line
            .char_indices()
            .nth(pos.column - 1)
            .map_or(line.len(), |(i, _)| i);
        &line[byte..]
    }

    #[test]
    fn body_and_verbatim_fields_map_exactly_in_both_formats() {
        let a = article();
        let glue = a.body.find(".Kes").unwrap();
        for format in [Format::Ron, Format::Md] {
            let text = formats::serialize(&a, format).unwrap();
            let pos = locate(&text, format, &a, Field::Body, &(glue..glue + 1));
            assert!(
                at(&text, pos).starts_with(".Kesinambungan"),
                "{format}: {pos:?}"
            );
            assert_eq!(pos.column, "Baris é dua menyatukan".chars().count() + 1);
            let pos = locate(&text, format, &a, Field::Place, &(0..0));
            assert!(at(&text, pos).starts_with("Brussels"), "{format}: {pos:?}");
            let pos = locate(&text, format, &a, Field::Credit, &(1..2));
            assert!(at(&text, pos).starts_with('P'), "{format}: {pos:?}");
        }
    }

    #[test]
    fn escaped_or_missing_fields_point_at_their_key_or_the_top() {
        let mut a = article();
        a.headline = "Kapal\tkembali\n".into();
        let text = formats::serialize(&a, Format::Md).unwrap();
        let pos = locate(&text, Format::Md, &a, Field::Headline, &(6..7));
        assert!(at(&text, pos).starts_with("title:"), "{pos:?}\n{text}");
        let pos = locate(&text, Format::Md, &a, Field::Date, &(0..0));
        assert_eq!(pos, Position { line: 1, column: 1 });
    }
}
