//! House style: how the dateline lead-in, the byline and the credit line read in each
//! language ("BRUSSELS, 1 Oktober 2024 (Liputan6.com) –", "Oleh …", "Sumber: AP" in
//! Indonesian; AP style in English and, for want of a house style, other languages).

use chrono::{Datelike, NaiveDate};

use crate::article::Article;
use crate::language::Lang;

/// The dateline lead-in in the article language's house style:
/// `BRUSSELS, 1 Oktober 2024 (Liputan6.com) –` or `BRUSSELS, Oct. 1, 2024 (AP) —`.
pub fn lead_in(article: &Article, lang: Lang) -> Option<String> {
    let id = lang == Lang::Id;
    let d = &article.dateline;
    let place = d.place.trim().to_uppercase();
    let date = d
        .date
        .map(|date| if id { date_id(date) } else { date_ap(date) });
    let outlet = [d.outlet.trim(), article.credit.trim()]
        .into_iter()
        .find(|s| !s.is_empty());
    let mut out = [Some(place).filter(|p| !p.is_empty()), date]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(outlet) = outlet {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('(');
        out.push_str(outlet);
        out.push(')');
    }
    if out.is_empty() {
        return None;
    }
    out.push_str(if id { " –" } else { " —" });
    Some(out)
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Associated Press style: months of five letters or fewer are spelled out.
const MONTHS_AP: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

fn date_id(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_ID[date.month0() as usize],
        date.year()
    )
}

fn date_ap(date: NaiveDate) -> String {
    format!(
        "{} {}, {}",
        MONTHS_AP[date.month0() as usize],
        date.day(),
        date.year()
    )
}

pub(super) fn byline(article: &Article, lang: Lang) -> Option<String> {
    let name = article.byline.trim();
    if name.is_empty() {
        return None;
    }
    let lower = name.to_lowercase();
    if [
        "by ",
        "oleh ",
        "oleh:",
        "penulis",
        "pewarta",
        "reporting by",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return Some(name.to_owned());
    }
    let word = if lang == Lang::Id { "Oleh" } else { "By" };
    Some(format!("{word} {name}"))
}

pub(super) fn credit_line(article: &Article, lang: Lang) -> Option<String> {
    let credit = article.credit.trim();
    if credit.is_empty() {
        return None;
    }
    let word = if lang == Lang::Id { "Sumber" } else { "Source" };
    Some(format!("{word}: {credit}"))
}
