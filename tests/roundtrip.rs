//! Property tests: every article survives RON and Markdown, and writing is canonical; the
//! feed fields (slugline, summary, keywords) included, and the NewsML-G2 export reads back.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

use chrono::NaiveDate;
use newsdesk::article::{Article, Dateline, ExtraFields, Picture, StoryState};
use newsdesk::formats::{markdown, ron};
use proptest::prelude::*;
use serde_norway::Value;

/// Any string, plus strings built from the pieces that break naive writers.
fn text() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        "---",
        "...",
        "\n",
        "\r\n",
        "\r",
        ":",
        ": ",
        "\"",
        "'",
        "#",
        "# ",
        "- ",
        "|",
        ">",
        "&a",
        "*b",
        "!tag",
        "%",
        "@",
        "`",
        "{",
        "}",
        "[",
        "]",
        ",",
        "\\",
        "\t",
        " ",
        "  ",
        "\u{feff}",
        "\0",
        "null",
        "~",
        "yes",
        "no",
        "true",
        "1.5",
        "0x1F",
        "2024-10-01",
        "😀",
        "مرحبا",
        "\u{202e}",
        "r#\"",
        "\"#",
        "Liputan6.com",
        "Baca Juga",
    ]);
    prop_oneof![
        any::<String>(),
        prop::collection::vec(tricky, 0..12).prop_map(|v| v.concat()),
        prop::collection::vec(
            prop_oneof![any::<String>(), "[a-z ]{0,8}".prop_map(String::from)],
            0..4
        )
        .prop_map(|v| v.join("\n")),
    ]
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of(
        (1i32..=9999, 1u32..=366)
            .prop_filter_map("valid day", |(y, d)| NaiveDate::from_yo_opt(y, d)),
    )
}

fn yaml_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Sequence),
            prop::collection::vec(("[a-z]{1,6}", inner), 0..4).prop_map(|kv| {
                Value::Mapping(kv.into_iter().map(|(k, v)| (Value::String(k), v)).collect())
            }),
        ]
    })
}

fn extra() -> impl Strategy<Value = ExtraFields> {
    prop::collection::vec((text(), yaml_value()), 0..4).prop_map(|kv| {
        kv.into_iter()
            .filter(|(k, _)| !markdown::is_field_key(k) && k != markdown::ID_KEY)
            .map(|(k, v)| (Value::String(k), v))
            .collect()
    })
}

/// No id (files from before ids), one Newsdesk makes, or any text another tool wrote.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(()).prop_map(|()| newsdesk::article::new_id()),
        text(),
    ]
}

/// A picture: any text in every part (sources included: the formats keep what was
/// written), sizes unknown or any.
fn picture() -> impl Strategy<Value = Picture> {
    (
        prop_oneof![
            text(),
            Just("pictures/lead.jpg".to_owned()),
            Just("https://example.test/a b.jpg".to_owned()),
        ],
        (text(), text(), text()),
        prop_oneof![Just((0u32, 0u32)), (any::<u32>(), any::<u32>())],
    )
        .prop_map(
            |(source, (caption, credit, alt), (width, height))| Picture {
                source,
                caption,
                credit,
                alt,
                width,
                height,
            },
        )
}

fn article() -> impl Strategy<Value = Article> {
    (
        prop::collection::vec(picture(), 0..3),
        id(),
        (text(), text(), date(), text()),
        (text(), text(), text(), text()),
        (text(), text(), prop::collection::vec(text(), 0..4)),
        extra(),
        prop::collection::vec(text(), 0..4),
        prop::sample::select(StoryState::ALL.to_vec()),
    )
        .prop_map(
            |(
                pictures,
                id,
                (headline, place, date, outlet),
                (byline, body, credit, language),
                (slugline, summary, keywords),
                extra,
                ignored_words,
                state,
            )| Article {
                id,
                headline,
                slugline,
                dateline: Dateline {
                    place,
                    date,
                    outlet,
                },
                byline,
                summary,
                body,
                credit,
                language,
                keywords,
                ignored_words,
                pictures,
                extra,
                state,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ron_round_trips_and_is_canonical(a in article()) {
        let text = ron::to_string(&a).unwrap();
        let back = ron::from_str(&text).unwrap();
        prop_assert_eq!(&back, &a, "RON text:\n{}", text);
        prop_assert_eq!(ron::to_string(&back).unwrap(), text);
    }

    #[test]
    fn markdown_round_trips_and_is_canonical(a in article()) {
        let text = markdown::to_string(&a).unwrap();
        let back = markdown::from_str(&text).unwrap();
        prop_assert_eq!(&back, &a, "Markdown text:\n{}", text);
        prop_assert_eq!(markdown::to_string(&back).unwrap(), text);
    }

    #[test]
    fn ron_to_markdown_to_ron_gives_the_same_bytes(a in article()) {
        let first = ron::to_string(&a).unwrap();
        let via_md = markdown::from_str(&markdown::to_string(&ron::from_str(&first).unwrap()).unwrap()).unwrap();
        prop_assert_eq!(&via_md, &a);
        prop_assert_eq!(ron::to_string(&via_md).unwrap(), first);
    }

    /// The NewsML-G2 export reads back to the same article, for articles XML can hold:
    /// text without control characters, prose bodies, extras only of the item's own keys.
    #[test]
    fn newsml_export_reads_back(
        headline in "[A-Za-z][A-Za-z0-9,'\"&<>]{0,8}( [A-Za-z0-9,'\"&<>]{1,8}){0,3}",
        slugline in "([A-Z][A-Za-z-]{0,12})?",
        place in "([A-Z][a-z]{1,10})?",
        date in date(),
        byline in "([A-Z][a-z]{1,8} [A-Z][a-z]{1,8})?",
        summary in "([A-Z][a-z]{0,8}( [a-z,&<>]{1,8}){0,4}\\.)?",
        // Prose as the reader writes it: single spaces (XML white space is collapsed), no
        // `<` (it would come back escaped, `\<`).
        // `&` alone: `&in;` would be a character reference in Markdown.
        paragraphs in prop::collection::vec("[A-Z][a-z]{0,8}( [a-z,;:'\"]{0,7}[a-z]| &){0,6}\\.", 0..4),
        credit in "([A-Z]{2,5})?",
        language in "(id|en|de-DE|fr)",
        keywords in prop::collection::vec("[A-Z][a-z]{1,8}( [a-z]{1,6})?", 0..4),
    ) {
        let mut keywords = keywords;
        keywords.dedup();
        let a = Article {
            headline: headline.trim().to_owned(),
            slugline,
            dateline: Dateline { place, date, outlet: String::new() },
            byline,
            summary,
            body: paragraphs.join("\n\n"),
            credit,
            language,
            keywords,
            ..Article::default()
        };
        let text = newsdesk::formats::feed::newsml_g2::to_string(&a);
        let back = newsdesk::formats::feed::read(text.as_bytes()).unwrap();
        // Read from an agency's feed, it is wire copy.
        let a = Article { state: StoryState::Wire, ..a };
        prop_assert_eq!(&back.items[0].article, &a, "{}", text);
    }

    #[test]
    fn readers_never_panic_on_any_text(s in any::<String>()) {
        let _ = ron::from_str(&s);
        let _ = markdown::from_str(&s);
        let _ = markdown::from_str(&format!("---\n{s}\n---\n"));
    }
}
