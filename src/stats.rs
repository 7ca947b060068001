//! The article's counts, one definition for the window's status bar and
//! `newsdesk check --stats`: words, characters with and without spaces, and reading time at
//! the language's reading speed.
//!
//! Counts are of the text as readers see it ([`crate::render`]: Markdown marks such as
//! `##`, `*` and link addresses are not text), made per body chunk ([`render::chunks`]) and
//! added up, so the window can keep each chunk's counts in its preview cache and recount
//! only the chunk a keystroke changed.

use std::ops::{Add, AddAssign, Range};

use serde::Serialize;

use crate::article::Article;
use crate::language::Lang;
use crate::render::{self, Block};

/// Words a minute an adult reads silently: about 238 in English (Brysbaert, 2019). Indonesian
/// words are longer, built from affixes ("memperjuangkan"), so fewer go by in a minute.
/// Other languages are read at the English rate, for want of a better figure.
const WORDS_PER_MINUTE_EN: usize = 238;
const WORDS_PER_MINUTE_ID: usize = 180;

/// Counts of some visible text; counts of consecutive pieces add up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub words: usize,
    /// Characters, spaces included, line breaks not (as word processors count).
    pub characters: usize,
    pub characters_without_spaces: usize,
}

impl Counts {
    /// Counts plain text.
    pub fn of_text(text: &str) -> Self {
        Self {
            words: words(text).count(),
            characters: text.chars().filter(|c| !matches!(c, '\n' | '\r')).count(),
            characters_without_spaces: text.chars().filter(|c| !c.is_whitespace()).count(),
        }
    }

    /// Counts rendered blocks (one chunk of the body). A paragraph that is one picture
    /// (`![alt](source)`, [`Block::Picture`]) is not copy: its alt text is read out in place
    /// of the picture, and *Place picture* copies the picture's alt text into it.
    pub fn of_blocks(blocks: &[Block]) -> Self {
        let mut plain = String::new();
        for b in blocks {
            if !matches!(b, Block::Picture { .. }) {
                b.plain_text(&mut plain);
            }
        }
        Self::of_text(&plain)
    }
}

impl Add for Counts {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        Self {
            words: self.words + other.words,
            characters: self.characters + other.characters,
            characters_without_spaces: self.characters_without_spaces
                + other.characters_without_spaces,
        }
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Self) {
        *self = *self + other;
    }
}

impl std::iter::Sum for Counts {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), Add::add)
    }
}

/// The size of a story's body, the part a reader reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub words: usize,
    /// Characters, spaces included, line breaks not.
    pub characters: usize,
    pub characters_without_spaces: usize,
    /// Reading time in whole seconds, rounded up.
    pub reading_seconds: usize,
}

impl Stats {
    /// The statistics of a body with these counts, in this language.
    pub fn new(counts: Counts, lang: Lang) -> Self {
        let rate = match lang {
            Lang::Id => WORDS_PER_MINUTE_ID,
            Lang::En | Lang::Other => WORDS_PER_MINUTE_EN,
        };
        Self {
            words: counts.words,
            characters: counts.characters,
            characters_without_spaces: counts.characters_without_spaces,
            reading_seconds: (counts.words * 60).div_ceil(rate),
        }
    }

    /// Reading time as a desk states it: "1 min" at least, whole minutes rounded up.
    pub fn reading_minutes(&self) -> usize {
        self.reading_seconds.div_ceil(60)
    }
}

/// Counts the body as readers see it.
pub fn stats(article: &Article) -> Stats {
    let body = &article.body;
    let counts = render::chunks(body)
        .into_iter()
        .map(|r| Counts::of_blocks(&render::chunk_blocks(&body[r])))
        .sum();
    Stats::new(counts, Lang::of(article))
}

/// A word: letters and digits, with apostrophes and hyphens kept when they join two of
/// them ("city's", "anak-anak", "ke-13").
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                chars.next();
                continue;
            }
            if matches!(c, '\'' | '’' | '-') {
                let joined = text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if joined {
                    chars.next();
                    continue;
                }
            }
            end = i;
            break;
        }
        Some(start..end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_readers_see() {
        let a = Article {
            body: "## Judul\n\nSatu dua, *anak-anak* ke-13 [tautan](https://x.org).\n- tiga\n"
                .into(),
            language: "id".into(),
            ..Article::default()
        };
        let s = stats(&a);
        assert_eq!(s.words, 7, "{s:?}");
        let seen = "JudulSatu dua, anak-anak ke-13 tautan.tiga";
        assert_eq!(s.characters, seen.chars().count());
        assert_eq!(s.characters_without_spaces, seen.replace(' ', "").len());
        assert_eq!(s.reading_seconds, 3);
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

    #[test]
    fn a_placed_picture_is_not_counted_as_words() {
        let counts = Counts::of_blocks(&render::chunk_blocks(
            "One two.\n\n![Three four five](pictures/crew.png)\n\nSix ![seven](x.png).",
        ));
        assert_eq!(
            counts.words, 4,
            "an image inside a sentence still counts: {counts:?}"
        );
    }

    #[test]
    fn chunk_counts_add_up_to_the_whole() {
        let body = "Para *one*.\n\n   \n\n## Head\n\n1. x\n2. y\n\n> quote\n> more\n\nLast.";
        let whole = Counts::of_blocks(
            &render::render(&Article {
                body: body.into(),
                ..Article::default()
            })
            .blocks,
        );
        assert_eq!(
            stats(&Article {
                body: body.into(),
                ..Article::default()
            })
            .words,
            whole.words
        );
    }

    #[test]
    fn words_keep_joined_hyphens_and_apostrophes() {
        let text = "city's anak-anak ke-13 -- 'quoted' x";
        let got: Vec<&str> = words(text).map(|r| &text[r]).collect();
        assert_eq!(got, ["city's", "anak-anak", "ke-13", "quoted", "x"]);
    }
}
