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
const ID: &[&str] = &[
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "tidak", "dalam",
    "akan", "adalah", "juga", "tersebut", "kata", "oleh", "sudah", "telah", "bahwa", "karena",
];
/// English function words.
const EN: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "said", "as", "by",
    "it", "at", "from", "be", "has", "have", "are", "will",
];

/// How many words are enough to tell the language.
const SAMPLE_WORDS: usize = 5000;

/// A language told from text, with the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub lang: Lang,
    /// Indonesian function words seen.
    pub id_words: usize,
    /// English function words seen.
    pub en_words: usize,
}

/// Indonesian or English by their function words; `None` when the text has neither.
pub fn detect(text: &str) -> Option<Detected> {
    let (mut id, mut en) = (0usize, 0usize);
    // A few thousand words settle it; reading a whole long file would only cost time.
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && w.len() <= 8)
        .take(SAMPLE_WORDS)
    {
        if ID.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            id += 1;
        } else if EN.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            en += 1;
        }
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
