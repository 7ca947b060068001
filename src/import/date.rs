//! Dates in Indonesian and English copy: "Selasa (1/10/2024)", "Jumat 21 Juni 2019",
//! "Rabu, 21 Mei 2025", "1 Oktober 2024", "Oct. 1, 2024", "June 30, 2026", "2024-10-01".
//!
//! Month and weekday names (full and abbreviated) come from tables, so the patterns stay
//! readable. Slash dates are day/month, the Indonesian order, and are only read in
//! parentheses or with a year, where they cannot be a fraction or a ratio. A date without a
//! year is dated only when it names its weekday and a year near it makes that weekday true
//! ("Senin 29 Juli … (30/7/2019)" → 2019-07-29).

use chrono::{Datelike, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::on_demand::OnDemand;

/// Month names and abbreviations, Indonesian and English, lower case.
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("february", 2),
    ("pebruari", 2),
    ("feb", 2),
    ("maret", 3),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("agustus", 8),
    ("august", 8),
    ("agu", 8),
    ("agt", 8),
    ("ags", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nopember", 11),
    ("nov", 11),
    ("desember", 12),
    ("december", 12),
    ("des", 12),
    ("dec", 12),
];

/// Weekday names and abbreviations, Indonesian and English, lower case.
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("senin", Weekday::Mon),
    ("selasa", Weekday::Tue),
    ("rabu", Weekday::Wed),
    ("kamis", Weekday::Thu),
    ("jumat", Weekday::Fri),
    ("jum'at", Weekday::Fri),
    ("sabtu", Weekday::Sat),
    ("minggu", Weekday::Sun),
    ("ahad", Weekday::Sun),
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("mon", Weekday::Mon),
    ("tues", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thurs", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

/// An alternation of table names, longest first so "juni" wins over "jun".
fn alternation<T>(table: &[(&str, T)]) -> String {
    let mut names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

static PATTERN: OnDemand<Regex> = OnDemand::new(|| {
    let month = alternation(MONTHS);
    let weekday = alternation(WEEKDAYS);
    // Group names must be unique across the alternation, hence one per alternative.
    let wd = |n: u8| format!(r"(?:(?-u:\b)(?P<wd{n}>(?i:{weekday}))\.?,?\s*)?");
    let (wd1, wd2, wd3, wd4) = (wd(1), wd(2), wd(3), wd(4));
    let p = [
        r"(?-u:\b)(?P<iy>[0-9]{4})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})(?-u:\b)".to_string(),
        format!(
            r"{wd1}\((?P<sd>[0-9]{{1,2}})/(?P<sm>[0-9]{{1,2}})(?:/(?P<sy>[0-9]{{4}}))?\)"
        ),
        format!(r"{wd2}(?-u:\b)(?P<td>[0-9]{{1,2}})/(?P<tm>[0-9]{{1,2}})/(?P<ty>[0-9]{{4}})(?-u:\b)"),
        format!(
            r"{wd3}(?-u:\b)(?P<dd>[0-9]{{1,2}})\s+(?P<dm>(?i:{month}))(?-u:\b)\.?(?:,?\s+(?P<dy>[0-9]{{4}})(?-u:\b))?"
        ),
        format!(
            r"{wd4}(?-u:\b)(?P<mm>(?i:{month}))(?-u:\b)\.?\s+(?P<md>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<my>[0-9]{{4}})(?-u:\b))?"
        ),
    ]
    .join("|");
    Regex::new(&p).expect("date pattern is valid")
});

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub date: NaiveDate,
    /// The text it was read from, e.g. "Selasa (1/10/2024)".
    pub source: String,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// Whether the text named the weekday, the mark of a news date ("Senin (21/1/2019)").
    pub weekday: bool,
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

fn weekday_of(name: &str) -> Option<Weekday> {
    let name = name.to_lowercase();
    WEEKDAYS.iter().find(|(n, _)| *n == name).map(|(_, w)| *w)
}

/// Every date in `text`, in order. Years for weekday-named dates without one are taken from
/// the years written in `context`.
pub fn find_all(text: &str, context: &str) -> Vec<Hit> {
    let pattern = PATTERN.get();
    let found: Vec<Captures<'_>> = pattern.captures_iter(text).collect();
    // Years of the full dates nearby, not any number that looks like a year. The context
    // is most often the text itself, then searched once.
    let in_context: Vec<Captures<'_>>;
    let context_found = if std::ptr::eq(text, context) {
        &found
    } else {
        in_context = pattern.captures_iter(context).collect();
        &in_context
    };
    let years: Vec<i32> = context_found
        .iter()
        .filter_map(|c| hit(c, &[]))
        .map(|h| h.date.year())
        .collect();
    found.iter().filter_map(|c| hit(c, &years)).collect()
}

fn num<T: std::str::FromStr>(c: &Captures<'_>, name: &str) -> Option<T> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn hit(c: &Captures<'_>, years: &[i32]) -> Option<Hit> {
    let whole = c.get(0)?;
    let weekday = ["wd1", "wd2", "wd3", "wd4"]
        .iter()
        .find_map(|n| c.name(n))
        .and_then(|m| weekday_of(m.as_str()));
    // A month name must be written as a name ("Juni", "FEb"), not a lower-case verb ("may").
    let month_word = c.name("dm").or_else(|| c.name("mm"));
    if month_word.is_some_and(|m| !m.as_str().starts_with(char::is_uppercase)) {
        return None;
    }
    let (year, month, day): (Option<i32>, Option<u32>, Option<u32>) = if c.name("iy").is_some() {
        (num(c, "iy"), num(c, "im"), num(c, "id"))
    } else if c.name("sd").is_some() {
        (num(c, "sy"), num(c, "sm"), num(c, "sd"))
    } else if c.name("td").is_some() {
        (num(c, "ty"), num(c, "tm"), num(c, "td"))
    } else if let Some(m) = c.name("dm") {
        (num(c, "dy"), month_number(m.as_str()), num(c, "dd"))
    } else if let Some(m) = c.name("mm") {
        (num(c, "my"), month_number(m.as_str()), num(c, "md"))
    } else {
        return None;
    };
    let (month, day) = (month?, day?);
    let date = if let Some(y) = year {
        NaiveDate::from_ymd_opt(y, month, day)?
    } else {
        let wd = weekday?;
        years
            .iter()
            .filter_map(|&y| NaiveDate::from_ymd_opt(y, month, day))
            .find(|d| d.weekday() == wd)?
    };
    Some(Hit {
        date,
        source: whole.as_str().to_owned(),
        start: whole.start(),
        end: whole.end(),
        weekday: weekday.is_some(),
    })
}

/// The article's date from its lead: the first date that names its weekday (how news copy
/// dates an event or statement), else the first date with a year. Dates marked as past
/// ("… lalu", "… ago") are background, not the news.
pub fn lead_date(lead: &str) -> Option<Hit> {
    let hits: Vec<Hit> = find_all(lead, lead)
        .into_iter()
        .filter(|h| {
            let after = lead[h.end..].trim_start().to_lowercase();
            !(after.starts_with("lalu") || after.starts_with("ago"))
        })
        .collect();
    hits.iter()
        .find(|h| h.weekday)
        .or_else(|| hits.first())
        .cloned()
}

/// Drops the compiled date pattern (see [`OnDemand`]).
pub(super) fn release() {
    PATTERN.release();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<NaiveDate> {
        find_all(text, text).first().map(|h| h.date)
    }

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn issue_date_forms() {
        assert_eq!(first("pada hari Selasa (1/10/2024) dan"), ymd(2024, 10, 1));
        assert_eq!(first("Jumat 21 Juni 2019"), ymd(2019, 6, 21));
        assert_eq!(first("Rabu, 21 Mei 2025"), ymd(2025, 5, 21));
        assert_eq!(first("sejak 1 Oktober 2024."), ymd(2024, 10, 1));
        assert_eq!(first("on Oct. 1, 2024, the"), ymd(2024, 10, 1));
        assert_eq!(first("June 30, 2026"), ymd(2026, 6, 30));
        assert_eq!(first("filed 2024-10-01"), ymd(2024, 10, 1));
        assert_eq!(first("Kamis, 1 Okt 2024"), ymd(2024, 10, 1));
        assert_eq!(first("Sept 3, 2023"), ymd(2023, 9, 3));
    }

    #[test]
    fn dates_without_a_year_need_a_weekday_and_a_year_that_fits() {
        assert_eq!(first("pada Kamis (7/6) pukul 03.30"), None);
        assert_eq!(first("Senin 29 Juli, lalu (30/7/2019)"), ymd(2019, 7, 29));
        assert_eq!(first("Sabtu 4 Januari ini"), None);
        assert_eq!(first("they may 5 times"), None);
        assert_eq!(first("rasio 3/4 dari"), None);
        assert_eq!(first("(31/2/2024)"), None);
    }

    #[test]
    fn lead_date_prefers_named_weekdays_and_skips_past_ones() {
        let lead = "Forum 28 Januari hingga 1 Februari 2019. Kata dia, Senin (21/1/2019).";
        assert_eq!(lead_date(lead).map(|h| h.date), ymd(2019, 1, 21));
        let lead = "Diambil Senin (1/6/2020) lalu. Hasilnya keluar Sabtu (6/6/2020).";
        assert_eq!(lead_date(lead).map(|h| h.date), ymd(2020, 6, 6));
    }
}
