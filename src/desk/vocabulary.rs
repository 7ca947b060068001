//! The desk filter's words: every distinct lower-case word of a folder's stories, kept
//! once, with each row holding only its words' numbers.
//!
//! Each row used to keep its own distinct words as one string: 790 bytes a story, 7.9 MB
//! of the 17 MB a 10,000-story list held. A desk's stories share most of their words (the
//! language's common words, the day's names and places), so each word is kept once here
//! and a row keeps its words' numbers, ascending, each written as the difference from the
//! one before in LEB128 (one byte up to 127, two up to 16,383): one or two bytes a word.
//!
//! A filter term still matches part of a word, as it did in the string: each term is
//! looked for once in every distinct word, which gives each word a bit mask of the terms
//! it holds, and a row matches when the masks of its words cover every term.

use indexmap::IndexSet;

/// Every word the desk's rows were given, each once; its place is its number.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: IndexSet<Box<str>>,
}

/// A row's distinct words, as numbers in its desk's [`Vocabulary`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSet(Box<[u8]>);

/// Which words hold which of a filter's terms, for [`Filter::matches`].
#[derive(Debug)]
pub struct Filter {
    /// Per 64 terms: each word's mask of the terms it holds, and the mask of all of them.
    chunks: Vec<(Vec<u64>, u64)>,
}

impl Vocabulary {
    /// The set of `words` (lower-case), numbering the ones not seen before.
    pub fn word_set<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) -> WordSet {
        let mut ids: Vec<u32> = words.into_iter().map(|w| self.number(w)).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut bytes = Vec::with_capacity(ids.len() * 2);
        let mut last = 0;
        for id in ids {
            let mut gap = id - last;
            last = id;
            while gap >= 0x80 {
                bytes.push(0x80 | (gap.to_le_bytes()[0] & 0x7f));
                gap >>= 7;
            }
            bytes.push(gap.to_le_bytes()[0]);
        }
        WordSet(bytes.into_boxed_slice())
    }

    fn number(&mut self, word: &str) -> u32 {
        let at = match self.words.get_index_of(word) {
            Some(at) => at,
            None => self.words.insert_full(word.into()).0,
        };
        // Four billion distinct words do not fit in memory before they overflow this.
        u32::try_from(at).unwrap_or(u32::MAX)
    }

    /// How many distinct words there are.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The matcher for `terms` (lower-case, without whitespace); no terms match every row.
    pub fn filter(&self, terms: &[String]) -> Filter {
        let chunks = terms
            .chunks(64)
            .map(|chunk| {
                let masks = self
                    .words
                    .iter()
                    .map(|word| {
                        chunk
                            .iter()
                            .enumerate()
                            .filter(|(_, term)| word.contains(term.as_str()))
                            .fold(0u64, |mask, (k, _)| mask | 1 << k)
                    })
                    .collect();
                let all = u64::MAX >> (64 - chunk.len());
                (masks, all)
            })
            .collect();
        Filter { chunks }
    }
}

impl WordSet {
    /// The words' numbers, ascending.
    fn numbers(&self) -> impl Iterator<Item = usize> + '_ {
        let mut bytes = self.0.iter();
        let mut last = 0usize;
        std::iter::from_fn(move || {
            let mut gap = 0usize;
            let mut shift = 0;
            loop {
                let byte = *bytes.next()?;
                gap |= usize::from(byte & 0x7f) << shift;
                if byte & 0x80 == 0 {
                    break;
                }
                shift += 7;
            }
            last += gap;
            Some(last)
        })
    }

    /// How many bytes the set takes.
    pub fn bytes(&self) -> usize {
        self.0.len()
    }
}

impl Filter {
    /// Whether the row's words hold every term, each as (part of) one word.
    pub fn matches(&self, words: &WordSet) -> bool {
        self.chunks.iter().all(|(masks, all)| {
            let mut held = 0u64;
            for n in words.numbers() {
                held |= masks.get(n).copied().unwrap_or(0);
                if held == *all {
                    return true;
                }
            }
            false
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn terms(query: &str) -> Vec<String> {
        query.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn terms_match_part_of_a_word_and_all_must_be_held() {
        let mut v = Vocabulary::default();
        let a = v.word_set(["rutte", "pimpin", "nato", "di", "brussel"]);
        let b = v.word_set(["banjir", "di", "jakarta"]);
        let m = |q: &str, s: &WordSet| v.filter(&terms(q)).matches(s);
        assert!(m("brus", &a) && !m("brus", &b));
        assert!(m("nato rutte", &a), "order does not matter");
        assert!(!m("nato jakarta", &a) && !m("nato jakarta", &b));
        assert!(m("di", &a) && m("di", &b));
        assert!(
            m("", &a) && m("", &WordSet::default()),
            "no terms: every row"
        );
        assert!(!m("di", &WordSet::default()));
        assert_eq!(v.len(), 7, "\"di\" is kept once");
    }

    #[test]
    fn more_than_64_terms_are_all_required() {
        let mut v = Vocabulary::default();
        let words: Vec<String> = (0..100).map(|i| format!("w{i:03}")).collect();
        let all = v.word_set(words.iter().map(String::as_str));
        let most = v.word_set(words[..99].iter().map(String::as_str));
        let f = v.filter(&words);
        assert!(f.matches(&all));
        assert!(!f.matches(&most), "the 100th term is missing");
    }

    #[test]
    fn numbers_far_apart_take_more_than_one_byte_and_read_back() {
        let mut v = Vocabulary::default();
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
        v.word_set(words.iter().map(String::as_str));
        let set = v.word_set(["w0", "w200", "w19999"]);
        assert_eq!(set.numbers().collect::<Vec<_>>(), [0, 200, 19_999]);
        assert_eq!(set.bytes(), 1 + 2 + 3);
    }

    proptest! {
        /// The filter answers as the row's words joined in one string did.
        #[test]
        fn the_filter_answers_as_a_search_of_the_words_joined(
            rows in prop::collection::vec(prop::collection::vec("[a-dé]{1,4}", 0..8), 1..6),
            query in prop::collection::vec("[a-dé]{1,3}", 0..4),
        ) {
            let mut v = Vocabulary::default();
            let sets: Vec<WordSet> = rows
                .iter()
                .map(|words| v.word_set(words.iter().map(String::as_str)))
                .collect();
            let filter = v.filter(&query);
            for (words, set) in rows.iter().zip(&sets) {
                let joined = words.join(" ");
                let expected = query.iter().all(|t| joined.contains(t.as_str()));
                prop_assert_eq!(filter.matches(set), expected);
            }
        }
    }
}
