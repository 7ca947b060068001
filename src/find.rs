//! Find and replace across an article's text fields.
//!
//! The window's find bar counts matches in every field an editor writes (headline,
//! dateline place and outlet, byline, body, credit), steps through them in the form's order
//! and replaces them all at once. The
//! search is literal text, never a pattern; matching without case sensitivity uses full
//! Unicode case folding ("İ", "ß"), which the `regex` crate implements correctly.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use crate::article::Article;
use crate::article::Field;

/// What to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The literal text to find.
    pub text: String,
    /// Whether "nato" should miss "NATO".
    pub case_sensitive: bool,
}

impl Query {
    /// The matcher for this query; `None` for an empty query, which matches nothing.
    fn matcher(&self) -> Option<Regex> {
        if self.text.is_empty() {
            return None;
        }
        // An escaped literal always compiles; the size limit is the only possible failure,
        // and a query that long matches nothing an editor typed.
        RegexBuilder::new(&regex::escape(&self.text))
            .case_insensitive(!self.case_sensitive)
            .build()
            .ok()
    }
}

/// The text fields find and replace visit, in form order.
fn fields_mut(article: &mut Article) -> [&mut String; 8] {
    [
        &mut article.headline,
        &mut article.slugline,
        &mut article.summary,
        &mut article.dateline.place,
        &mut article.dateline.outlet,
        &mut article.byline,
        &mut article.body,
        &mut article.credit,
    ]
}

fn fields(article: &Article) -> [&String; 8] {
    [
        &article.headline,
        &article.slugline,
        &article.summary,
        &article.dateline.place,
        &article.dateline.outlet,
        &article.byline,
        &article.body,
        &article.credit,
    ]
}

/// One occurrence of the query: its field and its byte range there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub field: Field,
    pub range: Range<usize>,
}

/// Every occurrence, in the order of the window's form: headline, slugline, place, outlet,
/// byline, credit, summary, body.
pub fn matches(article: &Article, query: &Query) -> Vec<Match> {
    let Some(re) = query.matcher() else {
        return Vec::new();
    };
    [
        (Field::Headline, &article.headline),
        (Field::Slugline, &article.slugline),
        (Field::Place, &article.dateline.place),
        (Field::Outlet, &article.dateline.outlet),
        (Field::Byline, &article.byline),
        (Field::Credit, &article.credit),
        (Field::Summary, &article.summary),
        (Field::Body, &article.body),
    ]
    .into_iter()
    .flat_map(|(field, text)| {
        re.find_iter(text).map(move |m| Match {
            field,
            range: m.range(),
        })
    })
    .collect()
}

/// How many times the query occurs across the article's text fields.
pub fn count(article: &Article, query: &Query) -> usize {
    query.matcher().map_or(0, |re| {
        fields(article)
            .iter()
            .map(|f| re.find_iter(f).count())
            .sum()
    })
}

/// Replaces every occurrence in every text field; returns how many were replaced.
pub fn replace_all(article: &mut Article, query: &Query, replacement: &str) -> usize {
    let Some(re) = query.matcher() else {
        return 0;
    };
    let mut replaced = 0;
    for field in fields_mut(article) {
        let n = re.find_iter(field).count();
        if n > 0 {
            // `NoExpand`: a replacement such as "$5" is text, not a capture reference.
            *field = re
                .replace_all(field, regex::NoExpand(replacement))
                .into_owned();
            replaced += n;
        }
    }
    replaced
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        let mut a = Article {
            headline: "NATO names Rutte".into(),
            body: "Rutte leads nato. The $5 fee (a.b) stays.".into(),
            credit: "AP".into(),
            ..Article::default()
        };
        a.dateline.place = "Brussels".into();
        a
    }

    #[test]
    fn counts_across_fields_with_and_without_case() {
        let a = article();
        let mut q = Query {
            text: "nato".into(),
            case_sensitive: false,
        };
        assert_eq!(count(&a, &q), 2);
        q.case_sensitive = true;
        assert_eq!(count(&a, &q), 1);
        q.text = "Rutte".into();
        assert_eq!(count(&a, &q), 2);
        q.text = String::new();
        assert_eq!(count(&a, &q), 0);
    }

    #[test]
    fn matches_come_in_form_order_with_their_ranges() {
        let a = article();
        let q = Query {
            text: "rutte".into(),
            case_sensitive: false,
        };
        let found = matches(&a, &q);
        assert_eq!(
            found,
            [
                Match {
                    field: Field::Headline,
                    range: 11..16
                },
                Match {
                    field: Field::Body,
                    range: 0..5
                },
            ]
        );
        assert_eq!(found.len(), count(&a, &q));
        let mut credited = a.clone();
        credited.credit = "Rutte".into();
        let fields: Vec<Field> = matches(&credited, &q).iter().map(|m| m.field).collect();
        assert_eq!(fields, [Field::Headline, Field::Credit, Field::Body]);
        assert!(matches(&a, &Query::default()).is_empty());
    }

    #[test]
    fn query_is_literal_text_not_a_pattern() {
        let mut a = article();
        let q = Query {
            text: "(a.b)".into(),
            case_sensitive: true,
        };
        assert_eq!(count(&a, &q), 1);
        assert_eq!(replace_all(&mut a, &q, "$5"), 1);
        assert!(a.body.contains("fee $5 stays"), "{}", a.body);
    }

    #[test]
    fn replace_all_touches_every_field() {
        let mut a = article();
        let q = Query {
            text: "rutte".into(),
            case_sensitive: false,
        };
        assert_eq!(replace_all(&mut a, &q, "Stoltenberg"), 2);
        assert_eq!(a.headline, "NATO names Stoltenberg");
        assert!(a.body.starts_with("Stoltenberg leads"));
        assert_eq!(count(&a, &q), 0);
    }

    #[test]
    fn unicode_case_folding() {
        let mut a = Article {
            body: "STRASSE und Straße".into(),
            ..Article::default()
        };
        let q = Query {
            text: "straße".into(),
            case_sensitive: false,
        };
        assert_eq!(count(&a, &q), 1, "simple folding, as editors expect");
        a.body = "ÉCOLE école".into();
        let q = Query {
            text: "école".into(),
            case_sensitive: false,
        };
        assert_eq!(count(&a, &q), 2);
    }
}
