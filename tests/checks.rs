//! The editorial checks on the samples: the seed's real slips are found, and the words a
//! copy editor would dismiss at a glance are not flagged.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use common::sample;
use newsdesk::Article;
use newsdesk::checks::{self, Field, Finding, Severity};
use newsdesk::formats::{self, Format};

fn read(name: &str) -> Article {
    let path = sample(name);
    let format = Format::from_path(&path).expect("samples have a known extension");
    formats::read(&path, format).expect("samples read")
}

fn flagged<'a>(article: &'a Article, findings: &[Finding]) -> Vec<(&'static str, &'a str)> {
    findings
        .iter()
        .map(|f| {
            let text = match f.field {
                Field::Body => article.body.as_str(),
                Field::Headline => article.headline.as_str(),
                _ => "",
            };
            (f.rule, text.get(f.range.clone()).unwrap_or(""))
        })
        .collect()
}

/// Words in the seed a copy editor would dismiss if flagged: names, places, numbers,
/// the outlet, the agency, and correct Indonesian built with affixes.
const NOT_SLIPS: [&str; 30] = [
    "Stoltenberg",
    "Rutte",
    "Luns",
    "Kursk",
    "Krimea",
    "Jens",
    "Mark",
    "Joseph",
    "NATO",
    "Brussels",
    "Belgia",
    "Finlandia",
    "Swedia",
    "Trump",
    "AP",
    "AS",
    "Pilpres",
    "ke-13",
    "ke-1.000",
    "1.000",
    "2014",
    "1/10/2024",
    "Liputan6.com",
    "Selasa",
    "dilansir",
    "Ketidakpastian",
    "pemilu",
    "bergabungnya",
    "eksistensial",
    "\"ketua dewan\"",
];

fn assert_seed_findings(article: &Article) {
    let findings = checks::run(article);
    let got = flagged(article, &findings);
    assert!(
        got.contains(&("missing-space", ".")),
        "the glued sentence is flagged: {got:?}"
    );
    let glue = findings
        .iter()
        .find(|f| f.rule == "missing-space")
        .expect("checked above");
    assert_eq!(
        &article.body[glue.range.start - 10..glue.range.end + 3],
        "menyatukan.Kes"
    );
    assert!(
        got.contains(&("capitalised-conjunction", "Ketika")),
        "Ketika is flagged: {got:?}"
    );
    for word in NOT_SLIPS {
        // Flagged words, not the single stop of the glued sentence.
        let overlaps = |text: &&str| text.len() > 1 && (text.contains(word) || word.contains(text));
        assert!(
            !got.iter().map(|(_, t)| t).any(overlaps),
            "{word} must not be flagged: {got:?}"
        );
    }
    assert!(
        findings.iter().all(|f| f.severity != Severity::Error),
        "{got:?}"
    );
}

#[test]
fn seed_flags_the_glued_sentence_and_ketika_and_no_false_alarm() {
    let article = read("nato-rutte.ron");
    assert_seed_findings(&article);
    let findings = checks::run(&article);
    // Exactly the two slips the seed holds; anything more is a false alarm to review.
    assert_eq!(findings.len(), 2, "{:#?}", flagged(&article, &findings));
}

#[test]
fn seed_raw_copy_gets_the_same_findings() {
    let raw = std::fs::read_to_string(sample("nato-rutte-liputan6.txt")).unwrap();
    let article = Article {
        headline: "Jens Stoltenberg Mundur, Mark Rutte Resmi Pimpin NATO".into(),
        body: raw,
        language: "id".into(),
        ..Article::default()
    };
    assert_seed_findings(&article);
}

#[test]
fn fixing_the_seed_leaves_nothing_to_fix() {
    let mut article = read("nato-rutte.ron");
    let findings = checks::run(&article);
    assert_eq!(checks::apply_all(&mut article, &findings), 2);
    assert!(article.body.contains("menyatukan. Kesinambungan"));
    assert!(article.body.contains("tahun ketika pasukan"));
    assert!(checks::run(&article).is_empty());
}

#[test]
fn english_sample_has_no_false_alarms() {
    let article = read("harbor-ferry.ron");
    let findings = checks::run(&article);
    assert!(findings.is_empty(), "{:#?}", flagged(&article, &findings));
}

#[test]
fn english_slips_are_found_in_the_english_sample() {
    let mut article = read("harbor-ferry.ron");
    article.body = article
        .body
        .replace("returned to service", "returnd to  service")
        .replace("on Thursday, two", "on the the Thursday, two");
    article.headline.push('.');
    let findings = checks::run(&article);
    let got = flagged(&article, &findings);
    for expected in [
        ("headline-full-stop", "."),
        ("spelling", "returnd"),
        ("double-space", "  "),
        ("repeated-word", " the"),
    ] {
        assert!(got.contains(&expected), "{expected:?} in {got:?}");
    }
}

#[test]
fn glued_sentences_in_the_corpus_match_the_gold_where_counted() {
    // gold.json counts the sentence ends that lack a space in each raw file. The rule must
    // find at least that many in files without glued boilerplate (which the importer owns).
    let Some(root) = common::shared("corpus") else {
        return;
    };
    let gold = std::fs::read_to_string(root.join("gold.json")).expect("corpus gold.json");
    let gold: serde_json::Value = serde_json::from_str(&gold).unwrap();
    let mut compared = 0;
    for (file, entry) in gold.as_object().unwrap() {
        let expected = entry["glued_sentences"].as_u64().unwrap_or(0);
        let glued_boilerplate = entry["glued_boilerplate"]
            .as_array()
            .is_some_and(|a| !a.is_empty());
        if glued_boilerplate {
            continue;
        }
        let body = std::fs::read_to_string(root.join(file)).unwrap();
        let article = Article {
            body,
            language: entry["language"].as_str().unwrap_or("").into(),
            ..Article::default()
        };
        let found = checks::run(&article)
            .iter()
            .filter(|f| f.rule == "missing-space")
            .count();
        assert!(
            found as u64 >= expected,
            "{file}: gold {expected}, found {found}"
        );
        compared += 1;
    }
    assert!(compared > 20, "only {compared} files compared");
}

/// Prose built from the pieces the rules look at, so the property test reaches them.
fn prose() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pieces = prop::sample::select(vec![
        " ",
        "  ",
        ".",
        "..",
        ",",
        " ,",
        "\"",
        "“",
        "”",
        "(",
        ")",
        "[",
        "]",
        "\n",
        "\n\n",
        "’",
        "'",
        "-",
        "Kamis (3/12/2025)",
        "Tuesday, Oct. 1, 2024",
        "31/2/2024",
        "yang yang",
        "menyatukan.Kesinambungan",
        "tahun Ketika pasukan",
        "Liputan6.com",
        "U.S.",
        "3.412",
        "beroprasi",
        "Stoltenberg",
        "é",
        "😀",
        "\u{202e}",
        "https://x.org/A.B",
        "AP",
        "dilansir",
        "2050.\"Dari",
        "BBM.Upaya",
        "ke-13",
        "anak-anak",
        "# ",
        "- ",
        "`code`",
    ]);
    prop_oneof![
        any::<String>(),
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat()),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn checks_never_panic_and_fixes_stay_in_bounds(
        headline in prose(),
        body in prose(),
        id in proptest::bool::ANY,
    ) {
        let mut article = Article {
            headline,
            body,
            language: if id { "id" } else { "en" }.into(),
            ..Article::default()
        };
        let findings = checks::run(&article);
        for f in &findings {
            let text = checks::field_text(&article, f.field);
            proptest::prop_assert!(text.get(f.range.clone()).is_some(), "{f:?} in {text:?}");
        }
        for format in [Format::Ron, Format::Md] {
            let saved = formats::serialize(&article, format).unwrap();
            for f in &findings {
                let at = checks::locate::locate(&saved, format, &article, f.field, &f.range);
                proptest::prop_assert!(at.line >= 1 && at.column >= 1);
            }
        }
        let fixable = findings.iter().filter(|f| f.fix.is_some()).count();
        let applied = checks::apply_all(&mut article, &findings);
        proptest::prop_assert!(applied <= fixable);
        let _ = checks::run(&article);
    }
}
