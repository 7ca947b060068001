//! Dates in the copy: a weekday the calendar contradicts ("Kamis (3/12/2025)" — that day is
//! a Wednesday), and a date in the body later than the dateline's, worth a second look.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;

use super::{Field, Finding, Lang, Severity};
use crate::article::Article;

const MONTHS: &str = "Januari|January|Februari|February|Maret|March|April|Mei|May|Juni|June|\
     Juli|July|Agustus|August|September|Oktober|October|November|Desember|December|\
     Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Ags|Aug|Sept|Sep|Okt|Oct|Nov|Des|Dec";

/// A full date in any form a desk writes: "1/10/2024", "1 Oktober 2024", "Oct. 1, 2024".
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?-u:\b)(?P<a1>[0-9]{{1,2}})/(?P<b1>[0-9]{{1,2}})/(?P<y1>[0-9]{{4}})(?-u:\b)|(?-u:\b)(?P<d2>[0-9]{{1,2}})\s+(?P<m2>{MONTHS})(?-u:\b)\.?,?\s+(?P<y2>[0-9]{{4}})(?-u:\b)|(?-u:\b)(?P<m3>{MONTHS})(?-u:\b)\.?\s+(?P<d3>[0-9]{{1,2}})(?:st|nd|rd|th)?,\s*(?P<y3>[0-9]{{4}})(?-u:\b)"
    );
    Regex::new(&pattern).expect("the date pattern is valid")
});

const WEEKDAYS_ID: [(&str, Weekday); 9] = [
    ("Senin", Weekday::Mon),
    ("Selasa", Weekday::Tue),
    ("Rabu", Weekday::Wed),
    ("Kamis", Weekday::Thu),
    ("Jumat", Weekday::Fri),
    ("Jum'at", Weekday::Fri),
    ("Sabtu", Weekday::Sat),
    ("Minggu", Weekday::Sun),
    ("Ahad", Weekday::Sun),
];

const WEEKDAYS_EN: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

fn name(day: Weekday, lang: Lang) -> &'static str {
    let table: &[(&str, Weekday)] = match lang {
        Lang::Id => &WEEKDAYS_ID,
        Lang::En | Lang::Other => &WEEKDAYS_EN,
    };
    table.iter().find(|(_, d)| *d == day).map_or("", |(n, _)| n)
}

fn month_number(name: &str) -> Option<u32> {
    let key: String = name.chars().take(3).flat_map(char::to_lowercase).collect();
    Some(match key.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "mei" | "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "agu" | "agt" | "ags" | "aug" => 8,
        "sep" => 9,
        "okt" | "oct" => 10,
        "nov" => 11,
        "des" | "dec" => 12,
        _ => return None,
    })
}

/// Every full, real calendar date in `text` with its byte range. Slashed dates are day
/// first in Indonesian copy and month first in English (US) copy.
pub fn dates(text: &str, lang: Lang) -> Vec<(Range<usize>, NaiveDate)> {
    let num = |m: Option<regex::Match<'_>>| m.and_then(|m| m.as_str().parse::<u32>().ok());
    DATE.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let (day, month, year) = if let Some(y) = c.name("y1") {
                let (a, b) = (num(c.name("a1"))?, num(c.name("b1"))?);
                let (d, m) = if lang == Lang::En { (b, a) } else { (a, b) };
                (d, m, y)
            } else if let Some(y) = c.name("y2") {
                (num(c.name("d2"))?, month_number(c.name("m2")?.as_str())?, y)
            } else {
                let y = c.name("y3")?;
                (num(c.name("d3"))?, month_number(c.name("m3")?.as_str())?, y)
            };
            let year = year.as_str().parse().ok()?;
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            Some((whole.range(), date))
        })
        .collect()
}

/// The weekday named just before a date ("Selasa (", "Tuesday, "), as its range, the day it
/// names and its language.
fn weekday_before(text: &str, date_start: usize) -> Option<(Range<usize>, Weekday, Lang)> {
    let head =
        text[..date_start].trim_end_matches(|c: char| c.is_whitespace() || c == '(' || c == ',');
    let tables: [(&[(&str, Weekday)], Lang); 2] =
        [(&WEEKDAYS_ID, Lang::Id), (&WEEKDAYS_EN, Lang::En)];
    for (table, lang) in tables {
        for &(n, day) in table {
            let Some(rest) = head.strip_suffix(n) else {
                continue;
            };
            if rest.chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            return Some((rest.len()..head.len(), day, lang));
        }
    }
    None
}

pub fn check(article: &Article, lang: Lang, out: &mut Vec<Finding>) {
    for field in [Field::Headline, Field::Body] {
        let text = match field {
            Field::Headline => &article.headline,
            _ => &article.body,
        };
        for (range, date) in dates(text, lang) {
            if let Some((wrange, named, wlang)) = weekday_before(text, range.start) {
                let actual = date.weekday();
                if named != actual {
                    let written = &text[wrange.clone()];
                    let right = name(actual, wlang);
                    out.push(
                        Finding::new(
                            field,
                            wrange.clone(),
                            Severity::Warning,
                            "weekday-date",
                            format!("{} is a {right}, not {written}", &text[range.clone()]),
                        )
                        .with_fix(right),
                    );
                }
            }
            if field == Field::Body
                && let Some(filed) = article.dateline.date
                && date > filed
            {
                out.push(Finding::new(
                    field,
                    range.clone(),
                    Severity::Info,
                    "date-after-dateline",
                    format!(
                        "{} is later than the dateline date {}",
                        &text[range],
                        filed.format("%Y-%m-%d")
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(body: &str, lang: &str, filed: Option<NaiveDate>) -> Vec<Finding> {
        let mut a = Article {
            body: body.into(),
            language: lang.into(),
            ..Article::default()
        };
        a.dateline.date = filed;
        let mut out = Vec::new();
        check(&a, Lang::of(&a), &mut out);
        out
    }

    #[test]
    fn finds_dates_in_every_desk_form() {
        let t = "1/10/2024, 3 Desember 2025, Oct. 1, 2024, 12 Sept. 2024, 31/2/2024, Mei 5";
        let got: Vec<_> = dates(t, Lang::Id)
            .into_iter()
            .map(|(r, d)| (&t[r], d.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("1/10/2024", "2024-10-01".to_owned()),
                ("3 Desember 2025", "2025-12-03".to_owned()),
                ("Oct. 1, 2024", "2024-10-01".to_owned()),
                ("12 Sept. 2024", "2024-09-12".to_owned()),
            ]
        );
        assert_eq!(dates("10/1/2024", Lang::En)[0].1.to_string(), "2024-10-01");
    }

    #[test]
    fn a_wrong_indonesian_weekday_is_fixed() {
        let body = "Rapat digelar Kamis (3/12/2025) di Jakarta.";
        let found = findings(body, "id", None);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&body[found[0].range.clone()], "Kamis");
        assert_eq!(found[0].fix.as_ref().unwrap().replacement, "Rabu");
        assert_eq!(found[0].message, "3/12/2025 is a Rabu, not Kamis");
    }

    #[test]
    fn right_weekdays_pass_in_both_languages() {
        for (body, lang) in [
            ("pada hari Selasa (1/10/2024) dan", "id"),
            ("Selasa, 1 Oktober 2024", "id"),
            ("on Tuesday, Oct. 1, 2024, the", "en"),
            ("Tuesday (10/1/2024)", "en"),
            ("Tuesday, 1 October 2024", "en"),
        ] {
            assert!(findings(body, lang, None).is_empty(), "{body}");
        }
    }

    #[test]
    fn a_wrong_english_weekday_is_fixed_in_english() {
        let body = "The vote was held on Monday, Oct. 1, 2024.";
        let found = findings(body, "en", None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fix.as_ref().unwrap().replacement, "Tuesday");
        assert_eq!(&body[found[0].range.clone()], "Monday");
    }

    #[test]
    fn a_body_date_after_the_dateline_is_info() {
        let filed = NaiveDate::from_ymd_opt(2024, 10, 1);
        let found = findings(
            "Pemilu 5 November 2024, rapat 1/10/2024, lalu 30/9/2024.",
            "id",
            filed,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].rule, "date-after-dateline");
        assert_eq!(found[0].severity, Severity::Info);
        assert!(findings("Pemilu 5 November 2024.", "id", None).is_empty());
    }
}
