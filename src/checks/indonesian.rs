//! Indonesian: a conjunction or preposition capitalised inside a sentence ("tahun Ketika
//! pasukan" → "ketika"), a slip of copy typed in title case or pasted from a headline.

use super::text::{is_capitalised, starts_sentence, words};
use super::{Field, Finding, Severity};

/// Conjunctions and prepositions that are never capitalised inside a sentence.
const FUNCTION_WORDS: [&str; 40] = [
    "ketika", "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "atau", "tetapi",
    "namun", "karena", "sehingga", "bahwa", "oleh", "dalam", "bagi", "kepada", "sejak", "hingga",
    "sampai", "serta", "saat", "maupun", "agar", "supaya", "jika", "kalau", "meskipun", "walaupun",
    "sebelum", "setelah", "sesudah", "tentang", "terhadap", "antara", "sebagai", "seperti",
    "melalui",
];

/// Flags such a word only between two lower-case words: inside a name or title ("Menteri
/// Pendidikan Dan Kebudayaan", "novel Dan Brown") the capital may be the name's own.
pub fn check(body: &str, out: &mut Vec<Finding>) {
    let all: Vec<_> = words(body).collect();
    for (n, range) in all.iter().enumerate() {
        let word = &body[range.clone()];
        if !is_capitalised(word) || starts_sentence(body, range.start) {
            continue;
        }
        let lower = word.to_lowercase();
        if !FUNCTION_WORDS.contains(&lower.as_str()) || word.chars().skip(1).any(char::is_uppercase)
        {
            continue;
        }
        let lower_neighbour = |i: Option<usize>| {
            i.and_then(|i| all.get(i)).is_some_and(|r| {
                body[r.clone()]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            })
        };
        let prev_touches = n.checked_sub(1).and_then(|p| all.get(p)).is_some_and(|p| {
            body[p.end..range.start]
                .chars()
                .all(|c| c == ' ' || c == ',')
        });
        if prev_touches && lower_neighbour(n.checked_sub(1)) && lower_neighbour(Some(n + 1)) {
            out.push(
                Finding::new(
                    Field::Body,
                    range.clone(),
                    Severity::Warning,
                    "capitalised-conjunction",
                    format!("`{word}` is not capitalised inside a sentence"),
                )
                .with_fix(lower),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(body: &str) -> Vec<String> {
        let mut out = Vec::new();
        check(body, &mut out);
        out.iter()
            .map(|f| {
                assert_eq!(
                    f.fix.as_ref().unwrap().replacement,
                    body[f.range.clone()].to_lowercase()
                );
                body[f.range.clone()].to_owned()
            })
            .collect()
    }

    #[test]
    fn flags_a_capitalised_conjunction_inside_a_sentence() {
        assert_eq!(
            flagged("pada 2014, tahun Ketika pasukan Rusia menyusup, Dan juga itu"),
            ["Ketika", "Dan"]
        );
    }

    #[test]
    fn leaves_sentence_starts_quotes_and_names() {
        for ok in [
            "Ketika pasukan datang.",
            "selesai. Ketika pasukan datang",
            "katanya, \"Dengan senang hati\"",
            "Menteri Pendidikan Dan Kebudayaan hadir",
            "novel karya Dan Brown laris",
            "baris\nDi sana ramai",
            "(Di sana ramai)",
            "ini DAN itu",
        ] {
            assert!(flagged(ok).is_empty(), "{ok}");
        }
    }
}
