//! Property tests for the importer: no input panics it, and no word of ordinary prose is
//! lost — each ends up in the body, the headline, the copy text a field was read from, or
//! a reported removal that can be put back.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

use newsdesk::import::{self, Entry, boilerplate};
use proptest::prelude::*;

/// Words of ordinary prose, Indonesian and English, in any case, none of them boilerplate.
fn word() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "pemerintah",
        "Jakarta",
        "harga",
        "naik",
        "kata",
        "dia",
        "Senin",
        "the",
        "minister",
        "said",
        "on",
        "Tuesday",
        "BRUSSELS",
        "NATO",
        "Rutte",
        "Liputan6.com",
        "Reuters",
        "AP",
        "menyatukan",
        "Kesinambungan",
        "10",
        "2024",
        "(1/10/2024)",
        "Oct.",
        "yang",
        "dan",
        "di",
        "Presiden",
        "Prabowo",
        "pasar",
        "saham",
        "ditutup",
        "menguat",
        "company",
    ]);
    (words, 0..3u8).prop_map(|(w, case)| match case {
        0 => w.to_owned(),
        1 => w.to_uppercase(),
        _ => w.to_lowercase(),
    })
}

/// What goes between words: spaces, punctuation, dashes, line and paragraph breaks.
fn gap() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        " ", " ", " ", ", ", ". ", ".", " - ", " -- ", "\n", "\n\n", "  ", "\r\n", "? ",
    ])
}

fn prose() -> impl Strategy<Value = (String, Vec<String>)> {
    prop::collection::vec((word(), gap()), 1..80).prop_map(|parts| {
        let mut text = String::new();
        let mut words = Vec::new();
        for (w, g) in parts {
            text.push_str(&w);
            text.push_str(g);
            words.push(w);
        }
        (text, words)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let imported = import::wire(&text);
        for e in &imported.report.entries {
            let _ = e.to_string();
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let imported = import::bytes(&bytes);
        // Every removal can be put back without panicking.
        let mut report = imported.report.clone();
        let mut body = imported.article.body.clone();
        while let Some(i) = report.entries.iter().position(|e| matches!(e, Entry::Removed(_))) {
            body = report.restore(&body, i).expect("entry is a removal");
        }
    }

    #[test]
    fn no_word_of_prose_is_lost((text, words) in prose()) {
        let imported = import::wire(&text);
        let mut kept = format!("{}\n{}", imported.article.headline, imported.article.body);
        for e in &imported.report.entries {
            if let Entry::Field { source, .. } = e {
                kept.push('\n');
                kept.push_str(source);
            }
        }
        // Structural removals (a caption-like line above a dateline, a byline line) are
        // guesses prose can trigger; they are reported and can be put back, so their words
        // are not lost. The boilerplate table must never match ordinary prose.
        let table: Vec<&str> = boilerplate::RULES.iter().map(|r| r.id).collect();
        for r in imported.report.removals() {
            prop_assert!(!table.contains(&r.rule) || r.rule == "byline", "prose removed as boilerplate: {r:?}");
            kept.push('\n');
            kept.push_str(&r.text);
        }
        for w in &words {
            prop_assert!(
                kept.contains(w.as_str()),
                "lost {w:?} from {text:?}\nbody: {:?}",
                imported.article.body
            );
        }
    }
}
