//! Counts for the status bar and `newsdesk check --stats`: words, characters with and
//! without spaces, and reading time at the article language's reading speed.

use serde::Serialize;

use super::Lang;
use super::text::words;
use crate::article::Article;

/// Words a minute an adult reads silently: about 238 in English (Brysbaert, 2019). Indonesian
/// words are longer, built from affixes ("memperjuangkan"), so fewer go by in a minute.
const WORDS_PER_MINUTE_EN: usize = 238;
const WORDS_PER_MINUTE_ID: usize = 180;

/// The size of a story's body, the part a reader reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub words: usize,
    /// Characters, spaces included, line breaks not (as word processors count).
    pub characters: usize,
    pub characters_without_spaces: usize,
    /// Reading time in whole seconds, rounded up.
    pub reading_seconds: usize,
}

impl Stats {
    /// Reading time as a desk states it: "1 min" at least, whole minutes rounded up.
    pub fn reading_minutes(&self) -> usize {
        self.reading_seconds.div_ceil(60)
    }
}

/// Counts the body. Markdown marks ("## ", "- ", "*") are not words; the characters are the
/// text as typed.
pub fn stats(article: &Article) -> Stats {
    let body = &article.body;
    let words = words(body).count();
    let characters = body.chars().filter(|c| !matches!(c, '\n' | '\r')).count();
    let characters_without_spaces = body.chars().filter(|c| !c.is_whitespace()).count();
    let rate = match Lang::of(article) {
        Lang::Id => WORDS_PER_MINUTE_ID,
        Lang::En => WORDS_PER_MINUTE_EN,
    };
    Stats {
        words,
        characters,
        characters_without_spaces,
        reading_seconds: (words * 60).div_ceil(rate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_characters_and_reading_time() {
        let a = Article {
            body: "## Judul\n\nSatu dua, anak-anak ke-13.\n- tiga\n".into(),
            language: "id".into(),
            ..Article::default()
        };
        let s = stats(&a);
        assert_eq!(s.words, 6);
        assert_eq!(
            s.characters,
            "## JudulSatu dua, anak-anak ke-13.- tiga".chars().count()
        );
        assert_eq!(
            s.characters_without_spaces,
            "##JudulSatudua,anak-anakke-13.-tiga".len()
        );
        assert_eq!(s.reading_seconds, 2);
        assert_eq!(s.reading_minutes(), 1);
    }

    #[test]
    fn reading_rate_follows_the_language() {
        let mut a = Article {
            body: "kata ".repeat(720),
            language: "id".into(),
            ..Article::default()
        };
        assert_eq!(stats(&a).reading_minutes(), 4);
        a.language = "en".into();
        assert_eq!(stats(&a).reading_seconds, (720 * 60usize).div_ceil(238));
        assert_eq!(stats(&Article::default()).reading_minutes(), 0);
    }
}
