//! Which language the copy is in (`id` or `en`), by counting common function words.
//!
//! Function words ("yang", "dan", "di" against "the", "and", "of") are frequent in any
//! article and rare in the other language, so a count settles it for any length of text.

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

/// The language tag and how many function words of each language were seen.
pub fn detect(text: &str) -> Option<(&'static str, usize, usize)> {
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
    match (id, en) {
        (0, 0) => None,
        (i, e) if i >= e => Some(("id", i, e)),
        (i, e) => Some(("en", i, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_indonesian_from_english() {
        assert_eq!(
            detect(
                "Sekretaris Jenderal NATO mengundurkan diri pada hari Selasa dan menyerahkan tampuk"
            )
            .map(|d| d.0),
            Some("id")
        );
        assert_eq!(
            detect("The company said the warrants are exercisable for five years").map(|d| d.0),
            Some("en")
        );
        assert_eq!(detect("12345 !!"), None);
    }
}
