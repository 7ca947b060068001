//! Required fields and the headline's shape: what a story cannot go out without, and the
//! headline slips search results and front pages punish.

use super::text::words;
use super::{Field, Finding, Severity};
use crate::article::Article;

/// Over this many characters a headline is cut off in search results.
pub const HEADLINE_WARN: usize = 70;
/// Over this many it no longer reads as a headline.
pub const HEADLINE_MAX: usize = 100;

/// Wire agencies whose copy must be credited, as they are named in running text, with the
/// credit each takes.
const AGENCIES: [(&str, &str); 12] = [
    ("AP", "AP"),
    ("Associated Press", "AP"),
    ("Reuters", "Reuters"),
    ("AFP", "AFP"),
    ("Agence France-Presse", "AFP"),
    ("ANTARA", "ANTARA"),
    ("Antara", "ANTARA"),
    ("Xinhua", "Xinhua"),
    ("Kyodo", "Kyodo"),
    ("Bernama", "Bernama"),
    ("Yonhap", "Yonhap"),
    ("dpa", "dpa"),
];

pub fn check(article: &Article, out: &mut Vec<Finding>) {
    let headline = article.headline.trim();
    if headline.is_empty() {
        out.push(Finding::new(
            Field::Headline,
            0..article.headline.len(),
            Severity::Error,
            "missing-headline",
            "the article has no headline",
        ));
    } else {
        check_headline(&article.headline, out);
    }
    if article.dateline.place.trim().is_empty() {
        out.push(Finding::new(
            Field::Place,
            0..article.dateline.place.len(),
            Severity::Warning,
            "missing-place",
            "the dateline has no place",
        ));
    }
    if article.dateline.date.is_none() {
        out.push(Finding::new(
            Field::Date,
            0..0,
            Severity::Warning,
            "missing-date",
            "the dateline has no date",
        ));
    }
    if article.credit.trim().is_empty() {
        let named = agencies_named(&article.body);
        if let Some(first) = named.first() {
            let mut finding = Finding::new(
                Field::Credit,
                0..article.credit.len(),
                Severity::Warning,
                "missing-credit",
                format!(
                    "the copy names {} but the story has no credit",
                    named.join(", ")
                ),
            );
            // One agency named: crediting it is the only reading; several need a person.
            if named.len() == 1 {
                finding = finding.with_fix(*first);
            }
            out.push(finding);
        }
    }
}

/// The credits of the wire agencies the text names as whole words, in first-seen order.
fn agencies_named(body: &str) -> Vec<&'static str> {
    let mut named: Vec<(usize, &'static str)> = Vec::new();
    for (name, credit) in AGENCIES {
        let found = body.match_indices(name).find(|(i, _)| {
            let before = body[..*i].chars().next_back();
            let after = body[i + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        if let Some((i, _)) = found {
            match named.iter_mut().find(|(_, c)| *c == credit) {
                Some(entry) => entry.0 = entry.0.min(i),
                None => named.push((i, credit)),
            }
        }
    }
    named.sort_unstable();
    named.into_iter().map(|(_, c)| c).collect()
}

fn check_headline(headline: &str, out: &mut Vec<Finding>) {
    let trimmed = headline.trim_end();
    let chars = trimmed.chars().count();
    if chars > HEADLINE_WARN {
        // Point at the part that would be cut off.
        let cut = trimmed
            .char_indices()
            .nth(HEADLINE_WARN)
            .map_or(trimmed.len(), |(i, _)| i);
        let (severity, limit) = if chars > HEADLINE_MAX {
            (Severity::Error, HEADLINE_MAX)
        } else {
            (Severity::Warning, HEADLINE_WARN)
        };
        out.push(Finding::new(
            Field::Headline,
            cut..trimmed.len(),
            severity,
            "headline-length",
            format!("the headline has {chars} characters; keep it under {limit}"),
        ));
    }
    if let Some(stop) = trimmed.strip_suffix('.') {
        // "..." is an ellipsis and "U.S." an abbreviation, both allowed to end a headline.
        let last = stop.rsplit(char::is_whitespace).next().unwrap_or(stop);
        if !stop.ends_with('.') && !last.contains('.') {
            out.push(
                Finding::new(
                    Field::Headline,
                    stop.len()..trimmed.len(),
                    Severity::Warning,
                    "headline-full-stop",
                    "a headline does not end with a full stop",
                )
                .with_fix(""),
            );
        }
    }
    let lettered: Vec<&str> = words(trimmed)
        .map(|r| &trimmed[r])
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let letters = lettered
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic());
    // Two short acronyms ("NATO, UE") are not shouting; a sentence in capitals is.
    if lettered.len() >= 3 && letters.clone().all(char::is_uppercase) && letters.count() >= 12 {
        out.push(Finding::new(
            Field::Headline,
            0..trimmed.len(),
            Severity::Warning,
            "headline-all-caps",
            "the headline is in capitals; write it in sentence or title case",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn rules(a: &Article) -> Vec<&'static str> {
        let mut out = Vec::new();
        check(a, &mut out);
        out.iter().map(|f| f.rule).collect()
    }

    fn complete() -> Article {
        let mut a = Article {
            headline: "Rutte resmi pimpin NATO".into(),
            body: "Demikian dilansir kantor berita AP.".into(),
            credit: "AP".into(),
            ..Article::default()
        };
        a.dateline.place = "Brussels".into();
        a.dateline.date = NaiveDate::from_ymd_opt(2024, 10, 1);
        a
    }

    #[test]
    fn a_complete_article_has_no_required_findings() {
        assert!(rules(&complete()).is_empty());
    }

    #[test]
    fn missing_fields_are_reported_with_their_severity() {
        let a = Article {
            headline: "  ".into(),
            body: "Kata Reuters dan AP.".into(),
            ..Article::default()
        };
        let mut out = Vec::new();
        check(&a, &mut out);
        let got: Vec<_> = out.iter().map(|f| (f.rule, f.severity)).collect();
        assert_eq!(
            got,
            [
                ("missing-headline", Severity::Error),
                ("missing-place", Severity::Warning),
                ("missing-date", Severity::Warning),
                ("missing-credit", Severity::Warning),
            ]
        );
        assert!(out[3].message.contains("Reuters, AP"), "{}", out[3].message);
        assert_eq!(out[3].fix, None, "two agencies: no one-click credit");
    }

    #[test]
    fn credit_is_needed_only_when_an_agency_is_named_as_a_word() {
        let mut a = complete();
        a.credit.clear();
        let mut out = Vec::new();
        check(&a, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].fix.as_ref().unwrap().replacement, "AP");
        a.body = "Kapal APBN dan MAPI tidak disebut; apa kabar.".into();
        assert!(rules(&a).is_empty());
        a.body = "(ANTARA) - Kata Antara.".into();
        assert_eq!(rules(&a), ["missing-credit"]);
    }

    #[test]
    fn headline_length_by_characters() {
        let mut a = complete();
        a.headline = "é".repeat(70);
        assert!(rules(&a).is_empty(), "70 characters (140 bytes) is fine");
        a.headline = "é".repeat(71);
        let mut out = Vec::new();
        check(&a, &mut out);
        assert_eq!(out[0].severity, Severity::Warning);
        assert_eq!(out[0].range, 140..142);
        a.headline = "a".repeat(101);
        out.clear();
        check(&a, &mut out);
        assert_eq!(out[0].severity, Severity::Error);
    }

    #[test]
    fn headline_full_stop_but_not_ellipsis_or_abbreviation() {
        let mut a = complete();
        a.headline = "Rutte pimpin NATO.".into();
        let mut out = Vec::new();
        check(&a, &mut out);
        assert_eq!(out[0].rule, "headline-full-stop");
        assert_eq!(&a.headline[out[0].range.clone()], ".");
        for ok in [
            "Rutte pimpin NATO...",
            "Troops return to the U.S.",
            "Rutte pimpin NATO",
        ] {
            a.headline = ok.into();
            assert!(rules(&a).is_empty(), "{ok}");
        }
    }

    #[test]
    fn all_caps_headline() {
        let mut a = complete();
        a.headline = "RUTTE RESMI PIMPIN NATO".into();
        assert_eq!(rules(&a), ["headline-all-caps"]);
        a.headline = "NATO, UE".into();
        assert!(rules(&a).is_empty());
        a.headline = "Rutte Resmi Pimpin NATO".into();
        assert!(rules(&a).is_empty());
    }
}
