//! Reading prose for the checks: words with their byte ranges, and whether a position
//! starts a sentence (where a capital letter is expected rather than a sign of a name).

use std::ops::Range;

pub use crate::stats::words;

/// The whitespace-delimited chunk around `range` (`https://x.org/a`, "Liputan6.com,"),
/// to tell a word in running text from part of an address or a number.
pub fn chunk(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let end = text[range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| range.end + i);
    start..end
}

/// Whether a chunk is an address rather than prose: a URL, an email, a domain.
pub fn is_address(chunk: &str) -> bool {
    chunk.contains("://") || chunk.contains('@') || chunk.starts_with("www.") || {
        // "detik.com", "Liputan6.com": a dot between a letter or digit and a lower-case letter
        // (a glued sentence has a capital after its stop).
        let b = chunk.as_bytes();
        (1..b.len().saturating_sub(1)).any(|i| {
            b[i] == b'.' && b[i - 1].is_ascii_alphanumeric() && b[i + 1].is_ascii_lowercase()
        })
    }
}

/// Opening marks that may stand between a sentence end and its first word.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '‘' | '\'' | '(' | '[' | '*' | '_' | '#' | '>' | '-' | '–' | '—'
    )
}

/// Whether the word at `pos` starts a sentence, a line, or a quotation: a capital there says
/// nothing about whether the word is a name.
pub fn starts_sentence(text: &str, pos: usize) -> bool {
    for c in text[..pos].chars().rev() {
        match c {
            '\n' | '.' | '!' | '?' | ':' | '"' | '“' | '(' | '[' => return true,
            c if c.is_whitespace() || is_opening(c) => {}
            _ => return false,
        }
    }
    true
}

/// Whether a word starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Vec<&str> {
        words(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn words_keep_joining_apostrophes_and_hyphens() {
        assert_eq!(
            list("The city's anak-anak, ke-13 — 'quoted' end- -x Ü."),
            [
                "The",
                "city's",
                "anak-anak",
                "ke-13",
                "quoted",
                "end",
                "x",
                "Ü"
            ]
        );
        assert_eq!(list(""), Vec::<&str>::new());
        assert_eq!(list("...!"), Vec::<&str>::new());
    }

    #[test]
    fn chunks_and_addresses() {
        let t = "lihat Liputan6.com, atau https://x.org/a ya";
        let r = t.find("Liputan6").unwrap();
        let c = chunk(t, &(r..r + 8));
        assert_eq!(&t[c.clone()], "Liputan6.com,");
        assert!(is_address(&t[c]));
        assert!(is_address("https://example.org/ferry"));
        assert!(is_address("a@b"));
        assert!(!is_address("kata."));
        assert!(!is_address("3.412"));
    }

    #[test]
    fn sentence_starts() {
        let t = "Satu. \"Dua tiga\n\n(Empat lima: Enam";
        for (w, expected) in [
            ("Satu", true),
            ("Dua", true),
            ("tiga", false),
            ("Empat", true),
            ("lima", false),
            ("Enam", true),
        ] {
            assert_eq!(starts_sentence(t, t.find(w).unwrap()), expected, "{w}");
        }
    }
}
