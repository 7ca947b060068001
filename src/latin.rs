//! Letter classes cut to the Latin script, for the importer's and the checks' regular
//! expressions: every name in Indonesian and English copy is written in it.
//!
//! Why: each `\p{L}` or `\p{Lu}` compiles to an automaton of about 50 KB, and the dateline,
//! credit and byline patterns repeat them dozens of times (over 10 MB of the window's
//! memory in all). Cut to Basic Latin through Latin Extended-B and Latin Extended
//! Additional ("Đà Nẵng", "São Paulo", "Łódź", "Zürich"), the same patterns take a sixth of
//! that. Patterns keep the readable `\p{..}` and `\d` spelling and pass through [`cut`] before
//! they are compiled.

/// The Latin-script code points the classes are cut to.
const RANGE: &str = r"[\x00-\x{24F}\x{1E00}-\x{1EFF}]";

/// `pattern` with `\p{L}`, `\p{Lu}` and `\p{Ll}` standing for Latin letters only, and
/// `\d` for the ASCII digits copy is written with. Each becomes a bracketed class, which is
/// valid both alone and inside brackets. (Inside a negated class, `[^\p{L}]`, a cut class
/// would let non-Latin letters through; no pattern negates one.)
pub fn cut(pattern: &str) -> String {
    pattern
        .replace(r"\d", "[0-9]")
        .replace(r"\p{Lu}", &format!(r"[\p{{Lu}}&&{RANGE}]"))
        .replace(r"\p{Ll}", &format!(r"[\p{{Ll}}&&{RANGE}]"))
        .replace(r"\p{L}", &format!(r"[\p{{L}}&&{RANGE}]"))
}

#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::cut;

    fn whole(class: &str) -> Regex {
        Regex::new(&cut(&format!("^{class}+$"))).expect("valid class")
    }

    #[test]
    fn letters_of_latin_names_and_nothing_else() {
        let letter = whole(r"\p{L}");
        for name in [
            "Jakarta",
            "São",
            "Łódź",
            "Zürich",
            "Nẵng",
            "Đà",
            "Ærøskøbing",
        ] {
            assert!(letter.is_match(name), "{name}");
        }
        for not in ["Москва", "東京", "a1", "a.b", "a b", "-"] {
            assert!(!letter.is_match(not), "{not}");
        }
    }

    #[test]
    fn capitals_and_small_letters_apart() {
        let upper = whole(r"\p{Lu}");
        let lower = whole(r"\p{Ll}");
        for c in ["A", "Z", "É", "Ł", "Đ", "Ẵ", "Ø"] {
            assert!(upper.is_match(c) && !lower.is_match(c), "{c}");
        }
        for c in ["a", "z", "é", "ł", "đ", "ẵ", "ø", "ß"] {
            assert!(lower.is_match(c) && !upper.is_match(c), "{c}");
        }
    }

    #[test]
    fn a_cut_class_still_combines_inside_brackets() {
        let word = whole(r"[\p{L}.'’]");
        assert!(word.is_match("O’Brien."));
        assert!(!word.is_match("O Brien"));
        let name = whole(r"[\p{Lu}\d@]");
        assert!(name.is_match("A1@") && !name.is_match("a"));
        assert!(
            !name.is_match("١"),
            "an Arabic-Indic digit is not one of copy's digits"
        );
    }
}
