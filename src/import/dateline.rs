//! Datelines at the start of a lead: "Liputan6.com, Brussels - ", "JAKARTA, KOMPAS.com - ",
//! "BRUSSELS (AP) — ", "LONDON, July 8 (Reuters) - ", "Bandung - ", and their place and outlet.
//!
//! Each shape is one regular expression; the first that matches wins. A match is only taken
//! when the lead goes on with a capitalised word, so "Presiden Prabowo - dalam pidatonya - …"
//! is not mistaken for a dateline.

use regex::{Regex, RegexSet};

use super::on_demand::OnDemand;

/// A dateline found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The place in normal case ("Brussels", "Tangerang Selatan", "Commack, N.Y."); may be
    /// empty ("(CNN) -- ", "KOMPAS.com - ").
    pub place: String,
    /// The outlet ("Liputan6.com", "Kompas.com", "AP"); may be empty ("Bandung - ").
    pub outlet: String,
    /// The dateline exactly as in the copy, separator included.
    pub source: String,
    /// Where the lead's own text begins, in bytes.
    pub end: usize,
}

/// A place: capitalised words ("New York", "TANGERANG SELATAN", "Rio de Janeiro", "St
/// Louis"), optionally followed by a state or country ("N.Y.", "Wis.", "Amerika Serikat",
/// "Indonesia/JAKARTA").
const PLACE: &str = r"(?:[\p{Lu}][\p{L}.'’]*(?:(?:[ /-]|\s(?:de|da|di|del|do|la|el|al)\s)[\p{Lu}][\p{L}.'’]*){0,3})(?:,\s?[\p{Lu}][\p{L}.'’]*(?:[ /][\p{Lu}][\p{L}.'’]*){0,2})?";
/// An outlet named like a web address: "Liputan6.com", "KOMPAS.com", "TEMPO.CO", "KONTAN.CO.ID".
const DOMAIN: &str = r"[A-Za-z][A-Za-z0-9]*(?:\.(?i:com|co|id|net|org|tv|news)){1,2}";
/// News organisations that file under their plain name.
const NAMED: &str = r"CNN Indonesia|CNBC Indonesia|detik(?:com|\.com)?|ANTARA|Antara|AP|Reuters|AFP|Bloomberg|Xinhua|Bernama|Kyodo|Yonhap|UPI|dpa|BBC|CNN|VOA|ANSA|EFE|AAP|BusinessDesk";
/// Any name in brackets opening a lead, as agencies write their own: "(Sports Network) - ".
const BRACKETED: &str = r"[\p{Lu}][\p{L}0-9&.']*(?: [\p{Lu}][\p{L}0-9&.']*){0,3}";
/// A month and day, with an optional year: "October 11", "Jan. 2, 2017".
const MONTH_DAY_YEAR: &str = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?\s*\d{1,2}(?:,?\s*\d{4})?";
/// The separator between a dateline and the lead.
/// A hyphen only counts with a space on one side: "BRAZIL ANTI-INFLATION" has none. EFE
/// writes a full stop before it: "(EFE).- ".
const DASH: &str = r"(?:\s*(?:--|–|—)\s*|\s+-\s*|-\s+|\.-\s+)";
/// English month names and abbreviations, for "LONDON, July 8 - " datelines.
const MONTH: &str = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?";

/// The shapes, most specific first (the constants below name the loose ones by index),
/// and all of them as one set.
struct Shapes {
    each: Vec<Regex>,
    /// Which shapes match a line at all, found in one pass: trying each of the thirteen
    /// with captures cost a sixth of importing an AFP item, where most of them fail.
    any: RegexSet,
}

static SHAPES: OnDemand<Shapes> = OnDemand::new(|| {
    let patterns: Vec<String> = [
        // Agencies' own forms first. "(ANSA) - Rome, October 11 - "
        format!(r"^\((?P<outlet>{NAMED})\){DASH}(?P<place>{PLACE}),\s*{MONTH_DAY_YEAR}{DASH}"),
        // "Tegucigalpa, Jan 2 (EFE).- "
        format!(r"^(?P<place>{PLACE}),\s*{MONTH_DAY_YEAR}\s*\((?P<outlet>{NAMED})\){DASH}"),
        // "Jan. 12 (BusinessDesk) - "
        format!(r"^{MONTH_DAY_YEAR}\s*\((?P<outlet>{NAMED})\){DASH}"),
        // "(New York, NY - October 21) "
        format!(r"^\((?P<place>{PLACE})\s*(?:-|–|—)\s*{MONTH_DAY_YEAR}\)\s+"),
        // "KONTAN.CO.ID - JAKARTA. ": outlet, dash, place, full stop.
        format!(r"^(?P<outlet>{DOMAIN})\s*(?:--|–|—|-)\s*(?P<place>{PLACE})\.\s+"),
        // "LONDON, July 8 (Reuters) - ", "COMMACK, N.Y., Feb 26 - "
        format!(
            r"^(?P<place>{PLACE}),\s*{MONTH}\s*\d{{1,2}}(?:,?\s*\d{{4}})?(?:\s*\((?P<outlet>{NAMED})\))?{DASH}"
        ),
        // "Liputan6.com, Brussels - ", "TEMPO.CO, Jakarta - "
        format!(r"^(?P<outlet>{DOMAIN}|{NAMED}),\s*(?P<place>{PLACE}){DASH}"),
        // "JAKARTA, KOMPAS.com - ", "Jakarta, CNN Indonesia -- "
        format!(r"^(?P<place>{PLACE}),\s*(?P<outlet>{DOMAIN}|{NAMED}){DASH}"),
        // "BRUSSELS (AP) — ", "Surabaya (ANTARA) - ", "(CNN) -- "
        format!(r"^(?:(?P<place>{PLACE})\s*)?\((?P<outlet>{NAMED})\){DASH}"),
        // "(Sports Network) - ": any bracketed name opening the lead.
        format!(r"^\((?P<outlet>{BRACKETED})\){DASH}"),
        // "KOMPAS.com - ", "AP - "
        format!(r"^(?P<outlet>{DOMAIN}|{NAMED}){DASH}"),
        // "Bandung - ", "NEW ORLEANS -", "GREEN BAY, Wis. --"
        format!(r"^(?P<place>{PLACE}){DASH}"),
        // "Liputan6.com, Jakarta " with no dash: the place is settled by `place_without_dash`.
        format!(r"^(?P<outlet>{DOMAIN}),\s+"),
    ]
    .iter()
    .map(|p| crate::latin::cut(p))
    .collect();
    Shapes {
        each: patterns
            .iter()
            .map(|p| Regex::new(p).expect("dateline patterns are valid"))
            .collect(),
        any: RegexSet::new(&patterns).expect("dateline patterns are valid"),
    }
});

/// Index of the outlet-only shape, the first of the loose ones.
const OUTLET_ONLY: usize = 9;
/// Index of the place-only shape, which needs the extra guard against dashes in prose.
const PLACE_ONLY: usize = 11;
/// Index of the shape with no dash after the place.
const NO_DASH: usize = 12;

/// First words of two-word places, so "Liputan6.com, New York Wallace …" keeps "New York".
const PLACE_STARTS: &[&str] = &[
    "New", "Los", "Las", "San", "Santa", "Hong", "Kuala", "Rio", "Buenos", "Addis", "Tel", "Abu",
    "Sri", "St", "Saint", "Port", "Cape", "Ho", "Kota", "Tanjung", "Bandar", "Pulau", "Hang",
];
/// Second words that belong to a place: "Jakarta Selatan", "Tangerang Selatan".
const PLACE_ENDS: &[&str] = &[
    "Selatan", "Utara", "Barat", "Timur", "Pusat", "Tengah", "City", "Raya",
];
/// Countries and regions written after a place: "New York, Amerika Serikat".
const COUNTRIES: &[&str] = &[
    "Amerika Serikat",
    "Indonesia",
    "Inggris",
    "Australia",
    "Jepang",
    "China",
    "Tiongkok",
    "Rusia",
    "Prancis",
    "Jerman",
    "Belgia",
    "Belanda",
    "Malaysia",
    "Singapura",
    "Korea Selatan",
    "Korea Utara",
    "India",
    "Arab Saudi",
    "USA",
    "UK",
];

/// Finds a dateline at the start of `line`.
pub fn find(line: &str) -> Option<Found> {
    let lead = line.trim_start();
    let offset = line.len() - lead.len();
    let shapes = SHAPES.get();
    for i in &shapes.any.matches(lead) {
        let Some(caps) = shapes.each.get(i).and_then(|shape| shape.captures(lead)) else {
            continue;
        };
        let whole = caps.get(0)?;
        let mut end = whole.end();
        let mut place = caps.name("place").map_or("", |m| m.as_str()).to_owned();
        let outlet = caps.name("outlet").map_or("", |m| m.as_str());
        if i == NO_DASH {
            let (p, len) = place_without_dash(&lead[end..])?;
            place = p;
            end += len;
        }
        let rest = &lead[end..];
        // Shapes with a month or an outlet in brackets are unmistakable; the loose ones need
        // the lead to go on like a sentence.
        if i >= OUTLET_ONLY && !starts_sentence(rest) {
            continue;
        }
        if i == PLACE_ONLY && !plausible_place_only(&place, rest) {
            continue;
        }
        return Some(Found {
            place: normal_case(place.trim().trim_end_matches(',')),
            outlet: normal_outlet(outlet),
            source: lead[..end].to_owned(),
            end: offset + end,
        });
    }
    None
}

static MONTH_DAY: OnDemand<Regex> = OnDemand::new(|| {
    Regex::new(&format!(r",\s*{MONTH}\s*\d{{1,2}}(?-u:\b)")).expect("month-day pattern is valid")
});

/// Whether a dateline carries a date ("LONDON, July 8 (Reuters) - ").
pub fn has_month_day(source: &str) -> bool {
    MONTH_DAY.get().is_match(source)
}

/// The lead after a dateline begins like a sentence: a capital, a digit or a quote.
fn starts_sentence(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“'‘(".contains(c))
}

/// "Bandung - " is a dateline but "Presiden Prabowo - dalam pidatonya - …" is not: a
/// place-only dateline is all capitals or at most three words, and the sentence after it
/// holds no second dash (which would make the pair a parenthesis).
fn plausible_place_only(place: &str, rest: &str) -> bool {
    let words = place.split_whitespace().count();
    let all_caps = !place.chars().any(char::is_lowercase);
    if !(all_caps || words <= 3) {
        return false;
    }
    let sentence_end = rest.find(". ").unwrap_or(rest.len());
    !rest[..sentence_end].contains(" - ")
}

/// After "Liputan6.com, " with no dash: the place's words, and the bytes they take
/// (including the space after them).
fn place_without_dash(text: &str) -> Option<(String, usize)> {
    let mut words = text.split(' ');
    let first = words.next()?;
    if !first.chars().next().is_some_and(char::is_uppercase) || first.ends_with('.') {
        return None;
    }
    let first = first.trim_end_matches(',');
    let mut place = first.to_owned();
    let mut used = first.len();
    let rest = &text[used..];
    if let Some(second) = rest.strip_prefix(' ').and_then(|r| r.split(' ').next()) {
        let second = second.trim_end_matches(',');
        if PLACE_STARTS.contains(&first) || PLACE_ENDS.contains(&second) {
            place.push(' ');
            place.push_str(second);
            used += 1 + second.len();
        }
    }
    if let Some(after) = text[used..].strip_prefix(", ")
        && let Some(country) = COUNTRIES.iter().find(|c| after.starts_with(*c))
    {
        place.push_str(", ");
        place.push_str(country);
        used += 2 + country.len();
    }
    let tail = &text[used..];
    let spaces = tail.len() - tail.trim_start().len();
    (spaces > 0).then_some((place, used + spaces))
}

/// Words written in capitals become normal case ("TANGERANG SELATAN" → "Tangerang
/// Selatan", "RIO DE JANEIRO" → "Rio de Janeiro"); abbreviations with full stops ("N.Y.",
/// "D.C") stay as written.
pub fn normal_case(place: &str) -> String {
    // Written in normal case already ("New York, NY"): a short capital word is an
    // abbreviation, not shouting.
    if place.split_whitespace().any(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
    }) && place.split_whitespace().all(|w| {
        w.chars().any(char::is_lowercase)
            || w.trim_matches(|c: char| !c.is_alphabetic()).chars().count() <= 2
    }) {
        return place.to_owned();
    }
    let mut out = String::with_capacity(place.len());
    let mut word = String::new();
    let mut first = true;
    for c in place.chars() {
        if c.is_alphabetic() || c == '.' || c == '\'' || c == '’' {
            word.push(c);
        } else {
            flush_word(&mut out, &mut word, &mut first);
            out.push(c);
        }
    }
    flush_word(&mut out, &mut word, &mut first);
    out
}

fn flush_word(out: &mut String, word: &mut String, first: &mut bool) {
    if word.is_empty() {
        return;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = !word.chars().any(char::is_lowercase);
    if all_caps && letters > 1 && !word.contains('.') {
        let lower = word.to_lowercase();
        if !*first
            && ["de", "da", "di", "del", "do", "la", "el", "al", "of"].contains(&lower.as_str())
        {
            out.push_str(&lower);
        } else {
            let mut chars = lower.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
        }
    } else {
        out.push_str(word);
    }
    word.clear();
    *first = false;
}

/// "KOMPAS.com" → "Kompas.com", "KONTAN.CO.ID" → "Kontan.co.id": a web address's name part
/// written in capitals for emphasis becomes normal case; plain names ("AP", "CNN
/// Indonesia") stay as written.
pub fn normal_outlet(outlet: &str) -> String {
    let outlet = outlet.trim();
    let Some((name, tld)) = outlet.split_once('.') else {
        return outlet.to_owned();
    };
    let name_caps = name.chars().filter(char::is_ascii_alphabetic).count() >= 3
        && !name.chars().any(char::is_lowercase);
    if name_caps {
        let lower = name.to_lowercase();
        let mut chars = lower.chars();
        let mut out = String::new();
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
        out.push('.');
        out.push_str(&tld.to_lowercase());
        out
    } else {
        outlet.to_owned()
    }
}

/// Drops the compiled dateline patterns (see [`OnDemand`]).
pub(super) fn release() {
    SHAPES.release();
    MONTH_DAY.release();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &str) -> Option<(String, String, String)> {
        find(line).map(|f| (f.place, f.outlet, line[f.end..].to_owned()))
    }

    fn check(line: &str, place: &str, outlet: &str) {
        let (p, o, rest) = parts(line).unwrap_or_else(|| panic!("no dateline in {line:?}"));
        assert_eq!((p.as_str(), o.as_str()), (place, outlet), "{line}");
        assert!(rest.starts_with("Lead"), "{line}: rest {rest:?}");
    }

    #[test]
    fn agency_dateline_shapes() {
        check("(ANSA) - Rome, October 11 - Lead", "Rome", "ANSA");
        check("Tegucigalpa, Jan 2 (EFE).- Lead", "Tegucigalpa", "EFE");
        check("Jan. 12 (BusinessDesk) - Lead", "", "BusinessDesk");
        check("(New York, NY - October 21) Lead", "New York, NY", "");
        check("(Sports Network) - Lead", "", "Sports Network");
        assert!(find("(Note: this is - a parenthesis) Lead").is_none());
        assert!(find("U.S.-China talks resume").is_none());
    }

    #[test]
    fn issue_dateline_shapes() {
        check("Liputan6.com, Brussels - Lead", "Brussels", "Liputan6.com");
        check("JAKARTA, KOMPAS.com - Lead", "Jakarta", "Kompas.com");
        check("TEMPO.CO, Jakarta - Lead", "Jakarta", "Tempo.co");
        check("Bisnis.com, JAKARTA — Lead", "Jakarta", "Bisnis.com");
        check("KONTAN.CO.ID - JAKARTA. Lead", "Jakarta", "Kontan.co.id");
        check("KONTAN.CO.ID -JAKARTA. Lead", "Jakarta", "Kontan.co.id");
        check("Jakarta, CNN Indonesia -- Lead", "Jakarta", "CNN Indonesia");
        check("Surabaya (ANTARA) - Lead", "Surabaya", "ANTARA");
        check("BRUSSELS (AP) — Lead", "Brussels", "AP");
        check("LONDON, July 8 (Reuters) - Lead", "London", "Reuters");
        check("COMMACK, N.Y., Feb 26 - Lead", "Commack, N.Y.", "");
        check("(CNN) -- Lead", "", "CNN");
        check("Bandung - Lead", "Bandung", "");
        check("Liputan6.com, Jakarta Lead", "Jakarta", "Liputan6.com");
        check(
            "TANGERANG SELATAN, KOMPAS.com - Lead",
            "Tangerang Selatan",
            "Kompas.com",
        );
        check("RIO DE JANEIRO, Feb 26 - Lead", "Rio de Janeiro", "");
        check("GREEN BAY, Wis. -- Lead", "Green Bay, Wis.", "");
        check("Caracas, feb 26 - Lead", "Caracas", "");
        check(
            "Liputan6.com, New York, Amerika Serikat Lead",
            "New York, Amerika Serikat",
            "Liputan6.com",
        );
    }

    #[test]
    fn dashes_in_prose_are_not_datelines() {
        assert_eq!(
            parts("Presiden Prabowo - dalam pidatonya - menyebut angka itu."),
            None
        );
        assert_eq!(parts("Harga naik - kata dia."), None);
        assert_eq!(parts("The minister said - again - no."), None);
        assert_eq!(parts("Sekretaris Jenderal NATO mundur."), None);
        assert_eq!(
            parts("BRAZIL ANTI-INFLATION PLAN LIMPS TO ANNIVERSARY"),
            None
        );
        assert_eq!(parts("UPDATE Covid-19 6 Juni: 271 Positif"), None);
    }
}
