//! Spelling against the hunspell dictionaries shipped in `assets/dictionaries/` (Debian's
//! hunspell-id and hunspell-en-us), read by `spellbook`.
//!
//! A copy editor dismisses a flagged name at once, so the check stays quiet where it cannot
//! tell a name from a slip: capitalised words inside a sentence, acronyms, words with digits,
//! addresses, code. A capitalised word at a sentence start is checked unless the article
//! also uses it capitalised inside a sentence (then it is a name too). Indonesian copy
//! borrows English terms freely, so an Indonesian word the English dictionary knows passes.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{LazyLock, Mutex, PoisonError};

use pulldown_cmark::{Event, Parser};
use spellbook::Dictionary;

use super::text::{chunk, is_address, is_capitalised, starts_sentence, words};
use super::{Field, Finding, Lang, Severity, UserWords};
use crate::article::Article;

/// The rule id of spelling findings.
pub const RULE: &str = "spelling";

/// How many suggestions a finding offers.
pub const MAX_SUGGESTIONS: usize = 5;

/// Past this many cached words the cache starts afresh, so a long session stays small.
const CACHE_LIMIT: usize = 100_000;

// Parsed once, on first use: about 0.1 s for both, too slow to repeat per check.
static INDONESIAN: LazyLock<Option<Dictionary>> = LazyLock::new(|| {
    let mut dictionary = Dictionary::new(
        include_str!("../../assets/dictionaries/id_ID.aff"),
        include_str!("../../assets/dictionaries/id_ID.dic"),
    )
    .ok()?;
    for word in supplement_words(include_str!("../../assets/dictionaries/id_newsdesk.txt")) {
        // A bare word has no flags, so it cannot fail to parse.
        let _ = dictionary.add(word);
    }
    Some(dictionary)
});

/// Words of a supplement list: one a line, `#` comments and blank lines skipped.
fn supplement_words(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static ENGLISH: LazyLock<Option<Dictionary>> = LazyLock::new(|| {
    Dictionary::new(
        include_str!("../../assets/dictionaries/en_US.aff"),
        include_str!("../../assets/dictionaries/en_US.dic"),
    )
    .ok()
});

/// What a dictionary said about a word, remembered across checks: the window re-checks the
/// whole article after each edit, and almost every word is one it has seen.
#[derive(Clone)]
enum Verdict {
    Known,
    Unknown(Vec<String>),
}

/// One map per language, looked up by `&str` so a cached word costs no allocation.
#[derive(Default)]
struct Cache {
    indonesian: HashMap<String, Verdict>,
    english: HashMap<String, Verdict>,
}

impl Cache {
    fn for_lang(&mut self, lang: Lang) -> &mut HashMap<String, Verdict> {
        match lang {
            Lang::Id => &mut self.indonesian,
            Lang::En | Lang::Other => &mut self.english,
        }
    }
}

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| Mutex::new(Cache::default()));

fn dictionary(lang: Lang) -> Option<&'static Dictionary> {
    match lang {
        Lang::Id => INDONESIAN.as_ref(),
        Lang::En => ENGLISH.as_ref(),
        Lang::Other => None,
    }
}

/// Bound prefixes written with a hyphen ("pasca-badai", "pra-industri", "non-tunai").
const BOUND: [&str; 14] = [
    "pra", "pasca", "non", "anti", "pro", "ber", "se", "eks", "multi", "sub", "antar", "pre",
    "post", "co",
];

/// Whether the dictionaries for `lang` accept a word: as a whole, or each part of a
/// hyphenated word ("anak-anak", "well-known").
fn known(lang: Lang, word: &str) -> bool {
    let accepts = |w: &str| {
        dictionary(lang).is_none_or(|d| d.check(w))
            || (lang == Lang::Id && ENGLISH.as_ref().is_some_and(|d| d.check(w)))
    };
    accepts(word)
        || (word.contains('-')
            && word.split('-').all(|part| {
                part.is_empty()
                    || part.chars().any(char::is_numeric)
                    || BOUND.contains(&part.to_lowercase().as_str())
                    || accepts(part)
            }))
}

/// Indonesian builds words from affixes the dictionary lists only in part: a clitic
/// ("bergabungnya"), a suffix ("daftarkan", "hadiri", "dugaan"), a prefix with its sound
/// change ("dilansir", "menepis" from "tepis", "mempopulerkan"), a "ke-…-an" noun
/// ("ketidakpastian"). A word whose stem the dictionary knows is not a slip; "ber-" is left
/// out because "berkerja" for "bekerja" is a slip worth flagging.
fn known_with_affixes(lang: Lang, word: &str) -> bool {
    if known(lang, word) {
        return true;
    }
    if lang != Lang::Id {
        return false;
    }
    let lower = word.to_lowercase();
    let mut forms = vec![lower.as_str()];
    forms.extend(
        ["nya", "lah", "kah", "pun", "ku", "mu"]
            .iter()
            .filter_map(|c| lower.strip_suffix(c)),
    );
    let mut stems = forms.clone();
    for form in &forms {
        stems.extend(
            ["kan", "an", "i"]
                .iter()
                .filter_map(|s| form.strip_suffix(s)),
        );
    }
    let stem_known = |stem: &str| stem.chars().count() >= 3 && known(lang, stem);
    stems.iter().any(|&stem| {
        (stem != lower && stem_known(stem)) || unprefixed(stem).iter().any(|s| stem_known(s))
    })
}

/// The stems a prefixed Indonesian word may come from, undoing the nasal sound change of
/// "me-"/"pe-" ("menepis" ← "tepis", "penyusun" ← "susun", "memukul" ← "pukul").
fn unprefixed(word: &str) -> Vec<String> {
    const PLAIN: [&str; 9] = [
        "memper", "diper", "ketidak", "keber", "keter", "per", "ter", "di", "ke",
    ];
    let mut out: Vec<String> = PLAIN
        .iter()
        .filter_map(|p| word.strip_prefix(p))
        .map(str::to_owned)
        .collect();
    for (me, pe, restored) in [
        ("meny", "peny", "s"),
        ("meng", "peng", "k"),
        ("mem", "pem", "p"),
        ("men", "pen", "t"),
        ("me", "pe", ""),
    ] {
        if let Some(rest) = word.strip_prefix(me).or_else(|| word.strip_prefix(pe)) {
            out.push(rest.to_owned());
            if !restored.is_empty() {
                out.push(format!("{restored}{rest}"));
            }
        }
    }
    out
}

fn suggestions(lang: Lang, word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = dictionary(lang) {
        d.suggest(word, &mut out);
    }
    out.truncate(MAX_SUGGESTIONS);
    out
}

/// Whether a dictionary is worth asking about this word at all.
fn is_checkable(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    // One letter ("a", "di-" prefixes cut off), digits ("ke-13", "6PM"), acronyms ("NATO",
    // "AS") and inner capitals ("iPhone", "McDonald") are not the dictionary's business.
    // The dictionaries are for Latin script; "µm" or a Cyrillic name is not theirs to judge.
    let latin = |c: char| {
        c.is_ascii_alphabetic() || (('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic())
    };
    chars.next().is_some()
        && word.chars().all(|c| latin(c) || c == '\'' || c == '-')
        && !word.chars().skip(1).any(char::is_uppercase)
        && first.is_alphabetic()
}

/// Byte ranges of prose in Markdown: text, not code, link targets or markup.
fn prose_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new(body).into_offset_iter() {
        if let Event::Text(_) = event {
            match ranges.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => ranges.push(range),
            }
        }
    }
    ranges
}

/// A word to check and where it is in its field.
type Candidate<'t> = (Range<usize>, &'t str);

/// Words to check in one field, in order.
fn candidates(text: &str, markdown: bool) -> Vec<Candidate<'_>> {
    let prose = if markdown {
        prose_ranges(text)
    } else {
        std::iter::once(0..text.len()).collect()
    };
    let mut next_prose = prose.iter().peekable();
    let mut out = Vec::new();
    for range in words(text) {
        while next_prose.peek().is_some_and(|p| p.end < range.end) {
            next_prose.next();
        }
        let in_prose = next_prose
            .peek()
            .is_some_and(|p| p.start <= range.start && range.end <= p.end);
        if in_prose && !is_address(&text[chunk(text, &range)]) {
            out.push((range.clone(), &text[range]));
        }
    }
    out
}

/// "Bloomberg's" is the name "Bloomberg".
fn stem_of_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Like [`starts_sentence`], but an opening bracket does not start one.
fn starts_sentence_outside_brackets(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
    if before.ends_with(['(', '[']) {
        return false;
    }
    starts_sentence(text, pos)
}

pub fn check(article: &Article, lang: Lang, user: &UserWords, out: &mut Vec<Finding>) {
    // No dictionary for the language: every word would be flagged.
    if lang == Lang::Other {
        return;
    }
    let fields = [
        (Field::Headline, &article.headline, false),
        (Field::Body, &article.body, true),
    ];
    let words: Vec<(Field, &str, Vec<Candidate<'_>>)> = fields
        .iter()
        .map(|(f, t, md)| (*f, t.as_str(), candidates(t, *md)))
        .collect();
    // Capitalised inside a sentence anywhere in the article: a name wherever it appears.
    // A word in brackets counts as inside ("Pertamina (Persero)").
    let names: HashSet<&str> = words
        .iter()
        .flat_map(|(_, text, ws)| {
            ws.iter()
                .filter(|(r, w)| {
                    is_capitalised(w) && !starts_sentence_outside_brackets(text, r.start)
                })
                .map(|(_, w)| stem_of_possessive(w))
        })
        .collect();
    let ignored: HashSet<&str> = article.ignored_words.iter().map(String::as_str).collect();
    let mut guard = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    let cache = guard.for_lang(lang);
    if cache.len() > CACHE_LIMIT {
        cache.clear();
    }
    for (field, _, ws) in &words {
        for (range, word) in ws {
            let normal: Cow<'_, str> = if word.contains('’') {
                Cow::Owned(word.replace('’', "'"))
            } else {
                Cow::Borrowed(word)
            };
            let word = normal.trim_end_matches('\'');
            if !is_checkable(word) || names.contains(stem_of_possessive(word)) {
                continue;
            }
            let ignore = !ignored.is_empty()
                && (ignored.contains(word) || ignored.contains(word.to_lowercase().as_str()));
            if ignore || (!user.is_empty() && user.contains(word)) {
                continue;
            }
            let verdict = if let Some(v) = cache.get(word) {
                v.clone()
            } else {
                let v = if known_with_affixes(lang, word) {
                    Verdict::Known
                } else {
                    Verdict::Unknown(suggestions(lang, word))
                };
                cache.insert(word.to_owned(), v.clone());
                v
            };
            if let Verdict::Unknown(suggestions) = verdict {
                let dictionary = match lang {
                    Lang::Id => "Indonesian",
                    Lang::En | Lang::Other => "English",
                };
                let mut finding = Finding::new(
                    *field,
                    range.clone(),
                    Severity::Warning,
                    RULE,
                    format!("`{word}` is not in the {dictionary} dictionary"),
                );
                finding.suggestions = suggestions;
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(body: &str, lang: &str) -> Vec<String> {
        let a = Article {
            body: body.into(),
            language: lang.into(),
            ..Article::default()
        };
        let mut out = Vec::new();
        check(&a, Lang::of(&a), &UserWords::default(), &mut out);
        out.iter()
            .map(|f| body[f.range.clone()].to_owned())
            .collect()
    }

    #[test]
    fn both_dictionaries_load() {
        assert!(INDONESIAN.is_some());
        assert!(ENGLISH.is_some());
    }

    #[test]
    fn misspellings_are_flagged_with_suggestions() {
        let a = Article {
            body: "Kapal itu kembali beroprasi pada hari ini.".into(),
            language: "id".into(),
            ..Article::default()
        };
        let mut out = Vec::new();
        check(&a, Lang::Id, &UserWords::default(), &mut out);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(&a.body[out[0].range.clone()], "beroprasi");
        assert!(
            out[0].suggestions.iter().any(|s| s == "beroperasi"),
            "{out:#?}"
        );
        assert!(out[0].suggestions.len() <= MAX_SUGGESTIONS);
        assert_eq!(
            flagged("The ferry returnd to the harbor.", "en"),
            ["returnd"]
        );
    }

    #[test]
    fn names_numbers_addresses_and_code_are_not_flagged() {
        let body = "Menurut Stoltenberg, pasukan ke-13 tiba 3.412 orang di Liputan6.com \
                    atau https://contoh.org/berkass dan `kodee` anak-anak NATO iPhone.\n\n\
                    Stoltenberg hadir.";
        assert!(flagged(body, "id").is_empty(), "{:?}", flagged(body, "id"));
    }

    #[test]
    fn a_capitalised_sentence_start_is_checked_unless_it_is_a_name() {
        assert_eq!(flagged("Beroprasi lagi. Kapal itu.", "id"), ["Beroprasi"]);
        assert!(flagged("Kursk diserang. Wilayah Kursk jatuh.", "id").is_empty());
    }

    #[test]
    fn ignored_and_user_words_pass() {
        let mut a = Article {
            body: "kata beroprasi dan ngabuburit".into(),
            language: "id".into(),
            ignored_words: vec!["beroprasi".into()],
            ..Article::default()
        };
        let mut user = UserWords::default();
        user.insert("ngabuburit");
        let mut out = Vec::new();
        check(&a, Lang::Id, &user, &mut out);
        assert!(out.is_empty(), "{out:#?}");
        a.ignored_words.clear();
        check(&a, Lang::Id, &UserWords::default(), &mut out);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn indonesian_affixes_on_known_stems_pass() {
        assert!(
            flagged(
                "sudah dilansir; bergabungnya, dialah. Ketidakpastian naik.",
                "id"
            )
            .is_empty()
        );
        assert!(
            flagged(
                "Daftarkan dulu. Dugaan dan hadiri, mempopulerkan, menepiskannya",
                "id"
            )
            .is_empty()
        );
        assert_eq!(
            flagged("dilansirr dan bergabugnya, membuktikkan berkerja", "id"),
            ["dilansirr", "bergabugnya", "membuktikkan", "berkerja"]
        );
    }

    #[test]
    fn the_supplement_extends_indonesian_but_keeps_non_standard_spellings_out() {
        assert!(flagged("tapi dulu sepekan pemilu (Persero) dan µm", "id").is_empty());
        assert_eq!(flagged("sekedar kerjasama", "id"), ["sekedar", "kerjasama"]);
        assert_eq!(
            supplement_words("# c\n\n a \nb\n").collect::<Vec<_>>(),
            ["a", "b"]
        );
    }

    #[test]
    fn possessive_names_are_names() {
        assert!(flagged("Chandor’s film. The film by Chandor won.", "en").is_empty());
    }

    #[test]
    fn indonesian_copy_may_borrow_english_words() {
        assert!(flagged("sebuah startup dan podcast", "id").is_empty());
        assert!(flagged("masa pasca-badai dan pra-industri", "id").is_empty());
    }
}
