//! Typing slips in running text: a sentence glued to the next ("menyatukan.Kesinambungan"),
//! double spaces, a space before punctuation, a repeated word, unbalanced quotes and brackets.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{chunk, is_address, words};
use super::{Field, Finding, Lang, Severity};

/// A sentence end glued to a capitalised word. Before the stop, a lower-case letter or a
/// closing mark: a capital or digit there ("U.S.", "Liputan6.com", "No.1") is not a sentence
/// end, except a digit or an acronym before a capitalised word ("III/2018.Dalam",
/// "BBM.Upaya"; initials are single letters: "J.K.Rowling", "U.S.Navy"). Between stop and word,
/// at most a quote ("listrik.”Perlu", "2050.\"Dari"). After it a capital and a letter ("OJK",
/// "Senior"); a lower-case letter ("detik.com", "3.412") is no sentence start.
static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&crate::latin::cut(concat!(
        r#"[\p{Ll}\)"”’](?P<a>[.!?])\p{Lu}[\p{Ll}\p{Lu}]"#,
        r"|[0-9](?P<c>[.!?])\p{Lu}\p{Ll}",
        r"|(?-u:\b)\p{Lu}{2,}(?P<d>[.!?])\p{Lu}\p{Ll}",
        r#"|[\p{L}0-9\)](?P<b>[.!?])(?P<q>["“”])\p{Lu}[\p{Ll}\p{Lu}]"#,
    )))
    .expect("the glued-sentence pattern is valid")
});

/// Spaces before a comma, stop, colon or the like that ends a word.
static SPACE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[^\s]( +)[,.;:!?](?:\s|$)").expect("the space-before pattern is valid")
});

/// Words a writer legitimately doubles ("he had had enough", "said that that plan").
const DOUBLES_OK: [&str; 2] = ["had", "that"];

pub fn check(field: Field, text: &str, lang: Lang, out: &mut Vec<Finding>) {
    glued_sentences(field, text, out);
    double_spaces(field, text, out);
    space_before_punctuation(field, text, out);
    repeated_words(field, text, lang, out);
    balance(field, text, out);
}

fn glued_sentences(field: Field, text: &str, out: &mut Vec<Finding>) {
    for c in GLUED.captures_iter(text) {
        let Some(stop) = c
            .name("a")
            .or_else(|| c.name("b"))
            .or_else(|| c.name("c"))
            .or_else(|| c.name("d"))
        else {
            continue;
        };
        if is_address(&text[chunk(text, &stop.range())]) {
            continue;
        }
        // The space goes after a closing quote and before an opening one. A straight quote
        // closes when an odd number of them precede it in the paragraph.
        let range = match c.name("q") {
            Some(q)
                if q.as_str() == "”"
                    || (q.as_str() == "\"" && closes_quotation(text, q.start())) =>
            {
                stop.start()..q.end()
            }
            _ => stop.range(),
        };
        out.push(
            Finding::new(
                field,
                range.clone(),
                Severity::Warning,
                "missing-space",
                "no space after the end of a sentence",
            )
            .with_fix(format!("{} ", &text[range])),
        );
    }
}

/// Whether the straight quote at `at` closes a quotation opened earlier in its paragraph.
fn closes_quotation(text: &str, at: usize) -> bool {
    let para_start = text[..at].rfind("\n\n").map_or(0, |i| i + 2);
    text[para_start..at].matches('"').count() % 2 == 1
}

fn double_spaces(field: Field, text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        // Leading spaces indent Markdown and trailing ones make a line break; only a run
        // between two characters of one line is a slip.
        let inside = start > 0
            && !matches!(bytes[start - 1], b'\n' | b'\r' | b'\t')
            && i < bytes.len()
            && !matches!(bytes[i], b'\n' | b'\r' | b'\t');
        if inside && i - start >= 2 {
            out.push(
                Finding::new(
                    field,
                    start..i,
                    Severity::Warning,
                    "double-space",
                    "more than one space between words",
                )
                .with_fix(" "),
            );
        }
    }
}

fn space_before_punctuation(field: Field, text: &str, out: &mut Vec<Finding>) {
    for c in SPACE_BEFORE.captures_iter(text) {
        let Some(spaces) = c.get(1) else { continue };
        let mark = &text[spaces.end()..=spaces.end()];
        // " ..." is an ellipsis, spaced on purpose.
        if text[spaces.end()..].starts_with("..") {
            continue;
        }
        out.push(
            Finding::new(
                field,
                spaces.range(),
                Severity::Warning,
                "space-before-punctuation",
                format!("a space before `{mark}`"),
            )
            .with_fix(""),
        );
    }
}

fn repeated_words(field: Field, text: &str, lang: Lang, out: &mut Vec<Finding>) {
    let mut prev: Option<std::ops::Range<usize>> = None;
    for range in words(text) {
        if let Some(p) = prev.take() {
            let gap = &text[p.end..range.start];
            let first = &text[p.clone()];
            let second = &text[range.clone()];
            let only_space = !gap.is_empty()
                && gap.chars().all(char::is_whitespace)
                && gap.matches('\n').count() < 2;
            // Cheap tests first: this runs for every pair of words.
            if only_space
                && first.len() == second.len()
                && first.chars().all(char::is_alphabetic)
                && (first.eq_ignore_ascii_case(second)
                    || first.to_lowercase() == second.to_lowercase())
                && !(lang == Lang::En && DOUBLES_OK.iter().any(|w| w.eq_ignore_ascii_case(first)))
            {
                out.push(
                    Finding::new(
                        field,
                        p.end..range.end,
                        Severity::Warning,
                        "repeated-word",
                        format!("`{second}` is repeated"),
                    )
                    .with_fix(""),
                );
                continue;
            }
        }
        prev = Some(range);
    }
}

/// Quotes and brackets per paragraph: a quotation never spans a blank line in news copy,
/// except a quote that runs on into the next paragraph, which reopens with a quote mark.
fn balance(field: Field, text: &str, out: &mut Vec<Finding>) {
    let mut offset = 0;
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    for (n, para) in paragraphs.iter().enumerate() {
        let next_opens = paragraphs
            .get(n + 1)
            .is_some_and(|p| p.trim_start().starts_with(['"', '“']));
        balance_paragraph(field, para, offset, next_opens, out);
        offset += para.len() + 2;
    }
}

fn balance_paragraph(
    field: Field,
    para: &str,
    offset: usize,
    runs_on: bool,
    out: &mut Vec<Finding>,
) {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut straight: Vec<usize> = Vec::new();
    let mut curly: Vec<usize> = Vec::new();
    let mut unmatched = |at: usize, c: char, what: &str| {
        out.push(Finding::new(
            field,
            offset + at..offset + at + c.len_utf8(),
            Severity::Warning,
            "unbalanced",
            format!("`{c}` {what}"),
        ));
    };
    for (i, c) in para.char_indices() {
        match c {
            '(' | '[' => stack.push((c, i)),
            ')' | ']' => {
                let open = if c == ')' { '(' } else { '[' };
                if stack.last().is_some_and(|(o, _)| *o == open) {
                    stack.pop();
                } else if !is_list_number(para, i) {
                    unmatched(i, c, "closes nothing");
                }
            }
            '"' => straight.push(i),
            '“' => curly.push(i),
            '”' if curly.pop().is_none() => unmatched(i, c, "closes no quotation"),
            _ => {}
        }
    }
    for (c, i) in stack {
        unmatched(i, c, "is never closed");
    }
    if !runs_on {
        if straight.len() % 2 == 1
            && let Some(&i) = straight.last()
        {
            unmatched(i, '"', "has no partner");
        }
        for i in curly {
            unmatched(i, '“', "is never closed");
        }
    }
}

/// "1)" or "a)" at a line start numbers a list item; its bracket has no opener.
fn is_list_number(para: &str, close: usize) -> bool {
    let line_start = para[..close].rfind('\n').map_or(0, |i| i + 1);
    let label = para[line_start..close].trim_start();
    !label.is_empty() && label.len() <= 3 && label.chars().all(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, lang: Lang) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        check(Field::Body, text, lang, &mut out);
        out.iter()
            .map(|f| (f.rule, text[f.range.clone()].to_owned()))
            .collect()
    }

    #[test]
    fn glued_sentences_but_not_domains_numbers_or_initials() {
        assert_eq!(
            found("suara yang menyatukan.Kesinambungan biasanya", Lang::Id),
            [("missing-space", ".".to_owned())]
        );
        for ok in [
            "Liputan6.com melaporkan",
            "sebanyak 3.412 orang",
            "the U.S. Army",
            "detik.com menulis",
            "lihat https://example.com/Berita.Baru sekarang",
            "J.K. Rowling",
            "pukul 6.15 pagi",
            "nilai 1,5 persen",
            "Kompas.id dan",
        ] {
            assert!(
                found(ok, Lang::Id).is_empty(),
                "{ok}: {:?}",
                found(ok, Lang::Id)
            );
        }
        assert_eq!(found("selesai?Lalu pergi", Lang::Id).len(), 1);
        assert_eq!(found("sektor pariwisata.OJK akan", Lang::Id).len(), 1);
        assert!(found("No.1 dan pukul 6.30", Lang::Id).is_empty());
    }

    #[test]
    fn a_glued_quote_gets_its_space_on_the_right_side() {
        let fixed = |text: &str| {
            let mut out = Vec::new();
            glued_sentences(Field::Body, text, &mut out);
            assert_eq!(out.len(), 1, "{text}");
            let mut t = text.to_owned();
            t.replace_range(
                out[0].range.clone(),
                &out[0].fix.as_ref().unwrap().replacement,
            );
            t
        };
        assert_eq!(fixed("listrik.”Perlu"), "listrik.” Perlu");
        assert_eq!(fixed("terkait.“Sebelum"), "terkait. “Sebelum");
        assert_eq!(fixed("kuartal III/2018.Dalam"), "kuartal III/2018. Dalam");
        assert_eq!(fixed("bakar BBM.Upaya"), "bakar BBM. Upaya");
        assert!(found("J.K.Rowling and the U.S.Navy", Lang::En).is_empty());
        assert_eq!(fixed("\"hingga 2050.\"Dari"), "\"hingga 2050.\" Dari");
        assert_eq!(
            fixed("listrik.\"Pemerintah kata\""),
            "listrik. \"Pemerintah kata\""
        );
    }

    #[test]
    fn double_spaces_between_words_only() {
        assert_eq!(found("a  b", Lang::En), [("double-space", "  ".to_owned())]);
        assert!(found("    indented code\nline end  \nnext", Lang::En).is_empty());
    }

    #[test]
    fn space_before_punctuation_but_not_ellipsis_or_domains() {
        assert_eq!(
            found("kata , lalu kata .", Lang::Id),
            [
                ("space-before-punctuation", " ".to_owned()),
                ("space-before-punctuation", " ".to_owned())
            ]
        );
        assert!(found("wait ... what .NET and 6:15", Lang::En).is_empty());
    }

    #[test]
    fn repeated_words_with_english_exceptions() {
        assert_eq!(
            found("the the ferry yang  yang", Lang::En)
                .iter()
                .filter(|(r, _)| *r == "repeated-word")
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>(),
            [" the", "  yang"]
        );
        assert!(found("he had had enough; anak-anak; 10 10", Lang::En).is_empty());
        assert!(found("akhir kata.\n\nKata baru", Lang::Id).is_empty());
        assert!(found("kata, kata", Lang::Id).is_empty());
    }

    #[test]
    fn unbalanced_quotes_and_brackets() {
        assert_eq!(
            found("dia (berkata \"ya.", Lang::Id),
            [
                ("unbalanced", "(".to_owned()),
                ("unbalanced", "\"".to_owned())
            ]
        );
        assert_eq!(
            found("oops) “a”", Lang::En),
            [("unbalanced", ")".to_owned())]
        );
        assert!(found("\"ketua dewan\" [link](https://x.org) (a [b])", Lang::Id).is_empty());
        assert!(found("1) satu\n2) dua", Lang::Id).is_empty());
        assert!(
            found(
                "\"We know it is long.\n\n\"We would rather wait,\" she said.",
                Lang::En
            )
            .is_empty()
        );
    }
}
