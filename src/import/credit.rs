//! Who the copy comes from (the source credit) and who wrote it (the byline).
//!
//! A credit is read from attribution phrases ("Demikian seperti dilansir kantor berita AP",
//! "dikutip dari laman VOA Indonesia", "Dilansir Agence France-Presse (AFP)"), wire tags
//! ("(Reuters)", a closing "Reuter"), and source lines ("Source: Reuters"). The sentence
//! stays in the body; only the name is taken. A byline is read from "By NAME",
//! "Oleh: NAME", "Reporting by NAME" lines and from footers such as "NAME may be reached at".

use regex::Regex;

use super::on_demand::OnDemand;

/// A name in an attribution: capitalised words or web addresses ("The Guardian", "VOA
/// Indonesia", "Time.com", "`EurekAlert`!"), with "of"/"de" inside.
/// A name never runs over a line break.
const NAME: &str = r"(?P<name>[\p{Lu}\d@][\p{L}\d.!&'’@-]*(?:[^\S\n]+(?:(?:of|de|the|for)[^\S\n]+)?[\p{Lu}\d@][\p{L}\d.!&'’@-]*){0,5})(?:[^\S\n]*\((?P<acronym>[\p{Lu}]{2,8})\))?";

/// Attribution verbs, Indonesian and English, then the words that may sit between the verb
/// and the name ("dari", "laman", "kantor berita").
const VERB: &str = r"(?-u:\b)(?:[Dd]ilansir|[Dd]ikutip|[Mm]elansir|[Mm]engutip|[Dd]ilaporkan|[Mm]erujuk|[Bb]ersumber)\s+(?:(?:oleh|dari|pada|di|laman|situs|kantor berita|media|portal|harian|majalah|stasiun televisi|televisi|jaringan)\s+){0,3}";

struct Patterns {
    /// "Demikian (seperti) dilansir X": the wrap-up of the opening section names the source.
    wrap_up: Regex,
    /// Any attribution phrase.
    attribution: Regex,
    /// "kepada CNN yang dikutip": the source is before the verb.
    told: Regex,
    /// "Source: Reuters", "This story was provided by `SpaceNews`", syndication footers.
    footer: Regex,
    /// Wire tags and sign-offs.
    wire: Regex,
}

static PATTERNS: OnDemand<Patterns> = OnDemand::new(|| {
    let re = |p: &str| Regex::new(&crate::latin::cut(p)).expect("credit patterns are valid");
    Patterns {
        // Sentence-initial only: a mid-sentence "demikian" closes a quote, not the section.
        wrap_up: re(&format!(
            r"(?-u:\b)Demikian(?-u:\b)[^.]{{0,40}}?{VERB}{NAME}"
        )),
        attribution: re(&format!("{VERB}{NAME}")),
        told: re(&format!(
            r"(?-u:\b)kepada\s+{NAME},?\s+(?:yang\s+)?(?:dikutip|dilansir)"
        )),
        footer: re(&format!(
            r"(?m)(?:^(?:Source|Sumber|SOURCE|SUMBER)\s*:\s*|(?-u:\b)(?:was|is) (?:provided|originally published) by\s+|Artikel ini telah tayang di\s+){NAME}"
        )),
        wire: re(
            r"\((?P<tag>AP|Reuters|AFP|ANTARA|Antara|Bloomberg|Xinhua|Bernama|ANSA|EFE|AAP|BusinessDesk)\)|(?m)(?:^\s*|\s{2,})(?P<signoff>Reuter|REUTER)\s*$",
        ),
    }
});

/// News agencies whose name in a dateline is also the credit ("BRUSSELS (AP) —"); a
/// broadcaster's or paper's own dateline ("(CNN) --") is its own reporting.
pub const AGENCIES: &[&str] = &[
    "AP",
    "Reuters",
    "AFP",
    "ANTARA",
    "Antara",
    "Bloomberg",
    "Xinhua",
    "Bernama",
    "Kyodo",
    "Yonhap",
    "UPI",
    "dpa",
    "ANSA",
    "EFE",
    "AAP",
    "BusinessDesk",
];

/// Words that look like names after an attribution verb but are not sources.
const NOT_SOURCES: &[&str] = &[
    "Senin",
    "Selasa",
    "Rabu",
    "Kamis",
    "Jumat",
    "Sabtu",
    "Minggu",
    "Pada",
    "Dari",
    "Menurut",
    "Ia",
    "Dia",
    "Mereka",
    "The",
    "Hal",
    "Dalam",
    "Sebelumnya",
    "Selain",
];

/// A credit and the phrase it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    pub name: String,
    pub source: String,
}

fn clean_name(caps: &regex::Captures<'_>) -> Option<String> {
    if let Some(a) = caps.name("acronym") {
        return Some(a.as_str().to_owned());
    }
    let name = caps.name("name")?.as_str();
    // The name ends with the sentence: at the first word that ends in a full stop.
    let name = match name.split_whitespace().position(|w| w.ends_with('.')) {
        Some(i) => {
            let words: Vec<&str> = name.split_whitespace().take(i + 1).collect();
            words.join(" ")
        }
        None => name.to_owned(),
    };
    let name = name.as_str();
    // A full stop that ends the sentence is not part of the name; one inside an address is.
    let name = name.trim_end_matches([',', ';', ':']);
    let name = if name.ends_with('.') && !name[..name.len() - 1].contains('.') {
        &name[..name.len() - 1]
    } else {
        name
    };
    let first = name.split_whitespace().next()?;
    if NOT_SOURCES.contains(&first) && name.split_whitespace().count() == 1 {
        return None;
    }
    // A following weekday or date is not part of the name ("Aljazeera Selasa").
    let words: Vec<&str> = name
        .split_whitespace()
        .take_while(|w| !NOT_SOURCES[..7].contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The source credit of a text: a wrap-up attribution first, then the earliest
/// attribution, footer or wire tag. `dateline_outlet` is the dateline's outlet, a credit
/// when it is a news agency.
pub fn find(text: &str, dateline_outlet: &str) -> Option<Credit> {
    let p = &*PATTERNS.get();
    if let Some(c) = p
        .wrap_up
        .captures_iter(text)
        .find_map(|c| clean_name(&c).map(|n| (n, c)))
    {
        return Some(Credit {
            name: c.0,
            source: c.1[0].to_owned(),
        });
    }
    if AGENCIES.contains(&dateline_outlet) {
        return Some(Credit {
            name: dateline_outlet.to_owned(),
            source: dateline_outlet.to_owned(),
        });
    }
    // The earliest candidate wins, so each search stops where the best so far starts.
    let mut candidates: Vec<(usize, Credit)> = Vec::new();
    let mut best = text.len();
    for re in [&p.attribution, &p.told, &p.footer] {
        let found = re
            .captures_iter(text)
            .take_while(|c| c.get(0).is_some_and(|m| m.start() < best))
            .find_map(|c| {
                let m = c.get(0)?;
                clean_name(&c).map(|n| (m.start(), n, m.as_str().to_owned()))
            });
        if let Some((start, name, source)) = found {
            best = start;
            candidates.push((start, Credit { name, source }));
        }
    }
    let wire = p
        .wire
        .captures_iter(text)
        .take_while(|c| c.get(0).is_some_and(|m| m.start() < best))
        .next();
    if let Some(c) = wire {
        let m = c.get(0)?;
        let name = match (c.name("tag"), c.name("signoff")) {
            (Some(t), _) => t.as_str().to_owned(),
            (None, Some(_)) => "Reuters".to_owned(),
            _ => return None,
        };
        candidates.push((
            m.start(),
            Credit {
                name,
                source: m.as_str().trim().to_owned(),
            },
        ));
    }
    candidates.sort_by_key(|(start, _)| *start);
    candidates.into_iter().next().map(|(_, c)| c)
}

/// A word every byline pattern needs, to rule out the many lines that hold none with one
/// fast literal search before the (slower) name patterns run.
static BYLINE_WORD: OnDemand<Regex> = OnDemand::new(|| {
    Regex::new(r"(?i:by|oleh|penulis|pewarta|reporter|laporan|reached at|follow)|^\(")
        .expect("byline keyword pattern is valid")
});

static BYLINE: OnDemand<Vec<Regex>> = OnDemand::new(|| {
    // A name, optionally "in PLACE" (dropped later), and a second one after "and".
    let one = r"[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,4}(?:\s+in\s+[\p{Lu}][\p{L}]*(?:\s[\p{Lu}][\p{L}]*)?)?";
    let person = format!(r"(?P<name>{one}(?:\s+and\s+{one})?)");
    [
        // "(… Writing by Dean Yates; Editing by …)": the writer, before the reporters.
        format!(r"(?-u:\b)[Ww]riting by {person}"),
        format!(r"(?:^|\(|; )[Rr]eporting by {person}"),
        format!(
            r"^(?:By|BY|Oleh|OLEH|Penulis|Pewarta|Reporter|Laporan|Written by)\s*:?\s+{person}"
        ),
        format!(r"^[-—–]+\s*(?i:compiled|written|reported) by {person}"),
        format!(r"^{person} (?:may|can) be reached at"),
        format!(r"^(?i:follow) {person} on (?i:twitter|facebook|instagram|x)(?-u:\b)"),
        format!(r"(?:Reporter|Penulis|Pewarta)\s*:\s*{person}"),
        // A closing author tag: "(Ardhianto Wahyu Indraputra)".
        r"^\((?P<name>[\p{Lu}][\p{L}]+(?:\s[\p{Lu}][\p{L}]+){1,3})\)$".to_owned(),
    ]
    .iter()
    .map(|p| Regex::new(&crate::latin::cut(p)).expect("byline patterns are valid"))
    .collect()
});

/// The byline in a line ("By Jane Doe", "Oleh: Nama", "(Reporting by A in London and B in
/// Bengaluru; …)" → "A and B"), if the line is one.
pub fn byline(line: &str) -> Option<String> {
    let line = line.trim();
    if !BYLINE_WORD.get().is_match(line) {
        return None;
    }
    for re in BYLINE.get().iter() {
        if let Some(c) = re.captures(line) {
            let name = c.name("name")?.as_str();
            let cleaned = clean_person(name, &line[c.get(0)?.end()..]);
            if !cleaned.is_empty() && cleaned != "Us" {
                return Some(cleaned);
            }
        }
    }
    None
}

/// "Andy Bruce in London and Ankur Banerjee" → "Andy Bruce and Ankur Banerjee"; a name glued
/// to what follows ("Sibuea4 dari") loses the tail.
fn clean_person(name: &str, _after: &str) -> String {
    let name: String = name.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let parts: Vec<String> = name
        .split(" and ")
        .map(|p| {
            p.split(" in ")
                .next()
                .unwrap_or(p)
                .trim()
                .trim_end_matches(['.', ',', ';'])
                .to_owned()
        })
        .filter(|p| !p.is_empty() && p != "us" && p != "Us")
        .collect();
    parts.join(" and ")
}

/// Drops the compiled credit and byline patterns (see [`OnDemand`]).
pub(super) fn release() {
    PATTERNS.release();
    BYLINE_WORD.release();
    BYLINE.release();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(text: &str) -> Option<String> {
        find(text, "").map(|c| c.name)
    }

    #[test]
    fn issue_credit_phrases() {
        assert_eq!(
            credit("Demikian seperti dilansir kantor berita AP."),
            Some("AP".into())
        );
        assert_eq!(
            credit("kata dia seperti dilansir dari Reuters, Senin."),
            Some("Reuters".into())
        );
        assert_eq!(
            credit("Dikutip dari laman VOA Indonesia, Minggu (23/6/2019)."),
            Some("VOA Indonesia".into())
        );
        assert_eq!(credit("Ia melansir BBC."), Some("BBC".into()));
        assert_eq!(
            credit("Dilansir Agence France-Presse (AFP), kata dia."),
            Some("AFP".into())
        );
        assert_eq!(credit("WASHINGTON (AP) — Lead."), Some("AP".into()));
        assert_eq!(credit("last line.\n Reuter\n"), Some("Reuters".into()));
        assert_eq!(
            credit("Sumber: Kementerian Kesehatan"),
            Some("Kementerian Kesehatan".into())
        );
        assert_eq!(credit("Source: Reuters"), Some("Reuters".into()));
        assert_eq!(
            credit("seperti dikutip dari The Guardian, Rabu (5/6/2019)."),
            Some("The Guardian".into())
        );
        assert_eq!(credit("Kata dia kepada wartawan."), None);
    }

    #[test]
    fn a_wrap_up_attribution_beats_an_earlier_one() {
        let text =
            "Dilansir ABC News, kata dia. Lalu... Demikian dilansir Agence France-Presse (AFP).";
        assert_eq!(credit(text), Some("AFP".into()));
    }

    #[test]
    fn agency_datelines_credit_the_agency_but_outlets_do_not() {
        assert_eq!(find("text", "AP").map(|c| c.name), Some("AP".into()));
        assert_eq!(find("text", "CNN"), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("By Jane Doe"), Some("Jane Doe".into()));
        assert_eq!(byline("Oleh: Nama Penulis"), Some("Nama Penulis".into()));
        assert_eq!(byline("Pewarta: Budi Santoso"), Some("Budi Santoso".into()));
        assert_eq!(
            byline(
                "(Reporting by Andy Bruce in London and Ankur Banerjee in Bengaluru; Editing by Joyjeet Das)"
            ),
            Some("Andy Bruce and Ankur Banerjee".into())
        );
        assert_eq!(
            byline("(Additional reporting by A B; Writing by Dean Yates; Editing by C D)"),
            Some("Dean Yates".into())
        );
        assert_eq!(byline("Follow us on Twitter & Instagram"), None);
        assert_eq!(
            byline("Reporter: Deslita Krissanta Sibuea4 dari 4 halaman"),
            Some("Deslita Krissanta Sibuea".into())
        );
        assert_eq!(byline("By the way, this is prose."), None);
    }
}
