//! The article's language, decided in one place for the checks, the preview, the HTML and
//! ninjs exports, the dateline lead-in and the importer.
//!
//! The language tag wins when it names a language Newsdesk has house rules for
//! (Indonesian: `id`, the old code `in`, ISO 639-2 `ind`, any region such as `id-ID`;
//! English: `en`, `eng`, `en-GB`, …). Any other tag (`de`, `nb-NO`, `fi`) is
//! [`Lang::Other`]: no spelling or language rules, the lead-in in the international
//! (English) style. Without a tag, the body decides: function words ("yang", "dan", "di"
//! against "the", "and", "of") are frequent in any article and rare in the other language,
//! so a count settles it for any length of text.

use crate::article::Article;

/// The languages Newsdesk has house rules for, and everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Indonesian: Indonesian checks and dictionary, "Oleh", "Sumber", "1 Oktober 2024".
    Id,
    /// English: English checks and dictionary, "By", "Source", AP dates.
    En,
    /// Tagged with another language: no language-specific checks, English-style lead-in.
    Other,
}

impl Lang {
    /// The article's language: its tag, else a guess from its body; English, the
    /// international style, when the body tells nothing either (an empty article).
    pub fn of(article: &Article) -> Self {
        Self::of_text(&article.language, &article.body)
    }

    /// [`Self::of`] for a tag and a body not (yet) in an article.
    pub fn of_text(tag: &str, body: &str) -> Self {
        Self::from_tag(tag).unwrap_or_else(|| detect(body).map_or(Self::En, |d| d.lang))
    }

    /// The language a BCP 47 tag names; `None` for an empty tag.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "" => None,
            "id" | "in" | "ind" => Some(Self::Id),
            "en" | "eng" => Some(Self::En),
            _ => Some(Self::Other),
        }
    }

    /// The tag Newsdesk writes for a detected language.
    pub fn tag(self) -> Option<&'static str> {
        match self {
            Self::Id => Some("id"),
            Self::En => Some("en"),
            Self::Other => None,
        }
    }
}

/// Indonesian function words.
const ID: [&str; 22] = [
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "tidak", "dalam",
    "akan", "adalah", "juga", "tersebut", "kata", "oleh", "sudah", "telah", "bahwa", "karena",
];
/// English function words.
const EN: [&str; 22] = [
    "the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "said", "as", "by",
    "it", "at", "from", "be", "has", "have", "are", "will",
];

/// A function word as one number: its (at most eight) lower-case ASCII bytes, the first
/// in the lowest byte, so a word of the text is looked up as one integer built from its
/// bytes (splitting the text into words and comparing each with 44 strings took a fifth of
/// importing an agency item).
#[allow(clippy::cast_lossless)] // `u64::from` cannot be called in a `const fn`
const fn key(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < word.len() && i < 8 {
        key |= (word[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    key
}

/// Every function word's key with its language.
const KEYS: [(u64, Lang); ID.len() + EN.len()] = {
    let mut keys = [(0, Lang::Id); ID.len() + EN.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = if i < ID.len() {
            (key(ID[i].as_bytes()), Lang::Id)
        } else {
            (key(EN[i - ID.len()].as_bytes()), Lang::En)
        };
        i += 1;
    }
    keys
};

/// A key's slot in [`SLOTS`]: the top byte of the key times [`MULT`].
#[allow(clippy::cast_possible_truncation)] // the top 8 bits of a u64 fit any usize
const fn slot(key: u64, mult: u64) -> usize {
    (key.wrapping_mul(mult) >> 56) as usize
}

/// A multiplier that gives every function word a slot of its own (a perfect hash, found
/// when compiling): a word is then one multiplication and one comparison away from knowing
/// whether it is a function word, where a binary search of the 44 took six.
const MULT: u64 = {
    let mut mult: u64 = 0x9E37_79B9_7F4A_7C15;
    loop {
        let mut taken = [false; 256];
        let mut clash = false;
        let mut i = 0;
        while i < KEYS.len() && !clash {
            let s = slot(KEYS[i].0, mult);
            clash = taken[s];
            taken[s] = true;
            i += 1;
        }
        if !clash {
            break mult;
        }
        mult = mult
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407)
            | 1;
    }
};

/// The function words by slot; an empty slot holds key 0, which no word has.
static SLOTS: [(u64, Lang); 256] = {
    let mut slots = [(0, Lang::Other); 256];
    let mut i = 0;
    while i < KEYS.len() {
        slots[slot(KEYS[i].0, MULT)] = KEYS[i];
        i += 1;
    }
    slots
};

/// What each byte is to [`detect`]: not a letter, an ASCII letter, or part of a multi-byte
/// character (decoded to tell).
static CLASS: [Class; 256] = {
    let mut classes = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)] // b < 256
        let byte = b as u8;
        classes[b] = if byte >= 0x80 {
            Class::Wide
        } else if byte.is_ascii_alphabetic() {
            Class::Letter
        } else {
            Class::Other
        };
        b += 1;
    }
    classes
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Other,
    Letter,
    Wide,
}

/// How many words are enough to tell the language.
const SAMPLE_WORDS: usize = 5000;

/// A lead of one language's function words over the other's that settles the count: about
/// two hundred words in, as function words are a fifth of any news text and all but absent
/// from the other language's. Reading on only cost time: counting a whole AP story was an
/// eighth of importing it (README, Agency feeds).
const DECIDED: usize = 50;

/// A language told from text, with the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub lang: Lang,
    /// Indonesian function words seen.
    pub id_words: usize,
    /// English function words seen.
    pub en_words: usize,
}

/// Indonesian or English by their function words; `None` when the text has neither. The
/// count stops once one language leads by [`DECIDED`] words, or after [`SAMPLE_WORDS`].
///
/// The words are the runs of alphabetic characters (as `split(|c| !c.is_alphabetic())`
/// gives them) of at most eight bytes; a function word is ASCII, so a word with another
/// letter is counted but is none. ASCII bytes are told apart without decoding, by a table.
pub fn detect(text: &str) -> Option<Detected> {
    detect_in(&[text])
}

/// [`detect`] over texts one after the other, as if joined (a text ends a word), without
/// joining them: a body is not copied to count it with its headline.
pub fn detect_in(texts: &[&str]) -> Option<Detected> {
    let (mut id, mut en, mut words) = (0usize, 0usize, 0usize);
    for text in texts {
        count(text, &mut id, &mut en, &mut words);
    }
    let lang = match (id, en) {
        (0, 0) => return None,
        (i, e) if i >= e => Lang::Id,
        _ => Lang::En,
    };
    Some(Detected {
        lang,
        id_words: id,
        en_words: en,
    })
}

/// Counts the function words of `text` into `id` and `en`, and its words into `words`,
/// until the count is decided or has read enough words.
fn count(text: &str, id: &mut usize, en: &mut usize, words: &mut usize) {
    let bytes = text.as_bytes();
    let class = |at: usize| bytes.get(at).map(|&b| CLASS[usize::from(b)]);
    // Whether the multi-byte character at `at` is a letter, and its width.
    let wide = |at: usize| {
        text.get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or((false, 1), |c| (c.is_alphabetic(), c.len_utf8()))
    };
    let mut at = 0;
    // A few thousand words settle it; reading a whole long file would only cost time.
    while *words < SAMPLE_WORDS && id.abs_diff(*en) < DECIDED {
        let start = at;
        let mut ascii = true;
        match class(at) {
            None => break,
            Some(Class::Other) => {
                at += 1;
                continue;
            }
            Some(Class::Wide) => {
                let (letter, width) = wide(at);
                at += width;
                if !letter {
                    continue;
                }
                ascii = false;
            }
            Some(Class::Letter) => {}
        }
        // The rest of the word: ASCII letters in a tight loop, other letters decoded.
        loop {
            while class(at) == Some(Class::Letter) {
                at += 1;
            }
            if class(at) == Some(Class::Wide) {
                let (letter, width) = wide(at);
                if letter {
                    ascii = false;
                    at += width;
                    continue;
                }
            }
            break;
        }
        let len = at - start;
        if len > 8 {
            continue;
        }
        *words += 1;
        if !ascii {
            continue;
        }
        // The word's bytes as one integer, lower case (an ASCII letter's 0x20 bit set).
        let raw = match bytes
            .get(start..start + 8)
            .and_then(|e| <[u8; 8]>::try_from(e).ok())
        {
            Some(eight) => u64::from_le_bytes(eight),
            None => bytes[start..at]
                .iter()
                .rev()
                .fold(0, |k, &b| (k << 8) | u64::from(b)),
        };
        let mask = u64::MAX >> (64 - 8 * len);
        let key = (raw | 0x2020_2020_2020_2020) & mask;
        let (found, lang) = SLOTS[slot(key, MULT)];
        if found == key {
            match lang {
                Lang::Id => *id += 1,
                Lang::En => *en += 1,
                Lang::Other => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str, lang: &str) -> Article {
        Article {
            body: body.into(),
            language: lang.into(),
            ..Article::default()
        }
    }

    /// What `detect` computed before it read bytes: split, filter, compare.
    fn detect_by_splitting(text: &str) -> (usize, usize) {
        let (mut id, mut en) = (0usize, 0usize);
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty() && w.len() <= 8)
            .take(SAMPLE_WORDS)
        {
            if id.abs_diff(en) >= DECIDED {
                break;
            }
            if ID.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                id += 1;
            } else if EN.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                en += 1;
            }
        }
        (id, en)
    }

    proptest::proptest! {
        #[test]
        fn detect_counts_what_splitting_counted(
            text in "([a-zA-Z\u{e9}\u{3b1}1 ,.\u{2019}-]{0,6}|the|The|yang|DAN|di|tersebut|tersebuts){0,12}",
        ) {
            let counted = detect(&text).map_or((0, 0), |d| (d.id_words, d.en_words));
            proptest::prop_assert_eq!(counted, detect_by_splitting(&text));
        }
    }

    #[test]
    fn texts_in_turn_count_as_joined() {
        let parts = ["The yang", "\n", "dan the", " ", "di"];
        let joined = parts.concat();
        assert_eq!(detect_in(&parts), detect(&joined));
        // A text's end ends a word, as the joining line feed does.
        assert_eq!(detect_in(&["th", "e"]), None);
    }

    #[test]
    fn a_decided_count_stops() {
        let text = format!("{} yang yang", "the ".repeat(DECIDED + 10));
        assert_eq!(
            detect(&text).map(|d| (d.lang, d.id_words, d.en_words)),
            Some((Lang::En, 0, DECIDED))
        );
        // A lead that shrinks again goes on being counted.
        let text = format!(
            "{}{}",
            "the yang ".repeat(DECIDED),
            "the ".repeat(DECIDED - 1)
        );
        assert_eq!(
            detect(&text).map(|d| (d.id_words, d.en_words)),
            Some((DECIDED, 2 * DECIDED - 1))
        );
    }

    #[test]
    fn only_the_first_5000_words_are_read() {
        let text = format!("{} {}", "kucing ".repeat(SAMPLE_WORDS - 1), "the the yang");
        assert_eq!(
            detect(&text).map(|d| (d.id_words, d.en_words)),
            Some((0, 1))
        );
        assert_eq!(detect_by_splitting(&text), (0, 1));
    }

    #[test]
    fn every_function_word_is_found_in_any_case() {
        for w in ID.iter().chain(&EN) {
            assert!(w.len() <= 8, "{w} fits a key");
            for form in [w.to_string(), w.to_uppercase(), format!("({w})")] {
                assert_eq!(
                    detect(&form).map(|d| d.id_words + d.en_words),
                    Some(1),
                    "{form}"
                );
            }
        }
        for other in ["yan", "thee", "tersebu", "a", "inthe", "d\u{e9}n"] {
            assert_eq!(detect(other), None, "{other}");
        }
    }

    #[test]
    fn tells_indonesian_from_english() {
        let lang = |t| detect(t).map(|d| d.lang);
        assert_eq!(
            lang("Sekretaris Jenderal NATO mengundurkan diri pada hari Selasa dan menyerahkan"),
            Some(Lang::Id)
        );
        assert_eq!(
            lang("The company said the warrants are exercisable for five years"),
            Some(Lang::En)
        );
        assert_eq!(lang("12345 !!"), None);
    }

    #[test]
    fn the_tag_wins_else_the_body_decides() {
        for (tag, want) in [
            ("id", Lang::Id),
            ("id-ID", Lang::Id),
            ("in", Lang::Id),
            ("ind", Lang::Id),
            ("ID_id", Lang::Id),
            ("en", Lang::En),
            ("en-GB", Lang::En),
            ("eng", Lang::En),
            ("de", Lang::Other),
            ("nb-NO", Lang::Other),
            ("indonesian-ish", Lang::Other),
        ] {
            assert_eq!(Lang::of(&article("the the the", tag)), want, "{tag}");
        }
        assert_eq!(
            Lang::of(&article("The ferry is back and the riders are in.", "")),
            Lang::En
        );
        assert_eq!(
            Lang::of(&article("Kapal itu kembali dan penumpang yang lama.", " ")),
            Lang::Id
        );
        assert_eq!(Lang::of(&article("", "")), Lang::En);
    }
}
