//! The importer end to end: the seed copy, reports, restoring, encodings.

use super::*;
use chrono::NaiveDate;

const SEED: &str = include_str!("../../samples/nato-rutte-liputan6.txt");

#[test]
fn seed_imports_as_the_issue_requires() {
    let Imported { article, report } = wire(SEED);
    assert_eq!(article.headline, "");
    assert_eq!(article.dateline.place, "Brussels");
    assert_eq!(article.dateline.outlet, "Liputan6.com");
    assert_eq!(article.dateline.date, NaiveDate::from_ymd_opt(2024, 10, 1));
    assert_eq!(article.credit, "AP");
    assert_eq!(article.language, "id");
    let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
    assert!(!paragraphs.contains(&"Baca Juga"), "{paragraphs:#?}");
    assert!(!paragraphs.contains(&"Advertisement"), "{paragraphs:#?}");
    assert!(
        paragraphs
            .iter()
            .any(|p| p.ends_with("dengan satu suara yang menyatukan.")),
        "{paragraphs:#?}"
    );
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("Kesinambungan biasanya")),
        "{paragraphs:#?}"
    );
    assert!(article.body.starts_with("Sekretaris Jenderal NATO"));
    // Every other sentence of the copy, word for word.
    let removed: Vec<&str> = report.removals().map(|r| r.text.as_str()).collect();
    assert_eq!(removed, ["Baca Juga", "Advertisement"]);
    for line in SEED.lines() {
        let line = line.trim();
        if line.is_empty() || removed.contains(&line) {
            continue;
        }
        let line = line
            .strip_prefix("Liputan6.com, Brussels - ")
            .unwrap_or(line);
        for sentence in line.split_inclusive(". ").flat_map(|s| s.split(".K")) {
            let sentence = sentence.trim();
            assert!(article.body.contains(sentence), "lost: {sentence}");
        }
    }
    assert!(report.entries.iter().any(|e| matches!(
        e,
        Entry::Repair { repair: Repair::GluedSentence, detail } if detail.contains("menyatukan.Kesinambungan")
    )));
    assert_eq!(report.field(Field::Credit).map(|f| f.0), Some("AP"));
    assert!(
        report
            .field(Field::Credit)
            .unwrap()
            .1
            .contains("dilansir kantor berita AP")
    );
}

#[test]
fn removed_lines_go_back_where_they_were() {
    let Imported {
        article,
        mut report,
    } = wire(SEED);
    let index = report
        .entries
        .iter()
        .position(|e| matches!(e, Entry::Removed(r) if r.text == "Advertisement"))
        .unwrap();
    let body = report.restore(&article.body, index).unwrap();
    assert!(
        body.contains("bertugas di NATO.\n\nAdvertisement\n\nSerangkaian acara"),
        "{body}"
    );
    // The other removal still points at its place in the new body.
    let index = report
        .entries
        .iter()
        .position(|e| matches!(e, Entry::Removed(_)))
        .unwrap();
    let body = report.restore(&body, index).unwrap();
    assert!(
        body.contains("selama masa jabatannya.\n\nBaca Juga\n\nMasa jabatannya"),
        "{body}"
    );
    assert_eq!(report.removals().count(), 0);
    assert_eq!(report.restore(&body, 0), None);
}

#[test]
fn restore_appends_what_came_last() {
    let imported = wire("Judul Berita Hari Ini\n\nJakarta - Isi berita di sini.\nReuter\n");
    let r = imported.report.removals().next().unwrap().clone();
    assert_eq!(r.at, imported.article.body.len());
    assert_eq!(
        restore(&imported.article.body, &r),
        "Isi berita di sini.\n\nReuter"
    );
}

#[test]
fn restore_only_ever_grows_an_edited_body() {
    let r = Removal {
        text: "Baca Juga".to_owned(),
        rule: "read-also-heading",
        at: 999,
        glued: false,
    };
    assert_eq!(restore("", &r), "Baca Juga");
    assert_eq!(restore("Isi.\n\n\n\n", &r), "Isi.\n\n\n\nBaca Juga");
    assert_eq!(restore("Isi.\n", &r), "Isi.\n\nBaca Juga");
    // A position inside a character (the body was edited since) is moved back, not a panic.
    let r = Removal { at: 1, ..r };
    assert_eq!(restore("é", &r), "Baca Juga\n\né");
}

#[test]
fn report_entries_display_one_line_each() {
    let imported = wire(SEED);
    for e in &imported.report.entries {
        let s = e.to_string();
        assert!(!s.contains('\n'), "{s}");
    }
    let lines: Vec<String> = imported
        .report
        .entries
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("removed line \"Baca Juga\" (rule read-also-heading")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("place: \"Brussels\" from \"Liputan6.com, Brussels - \"")),
        "{lines:#?}"
    );
}

#[test]
fn bytes_strip_bom_normalise_crlf_and_decode_windows_1252() {
    let imported =
        bytes(b"\xEF\xBB\xBFJudul Besar Hari Ini\r\n\r\nJakarta - Kata dia caf\xE9 itu.  \r\n");
    // Not UTF-8 because of \xE9: decoded as Windows-1252, where the BOM bytes are text.
    assert!(
        imported
            .report
            .entries
            .iter()
            .any(|e| matches!(e, Entry::Warning(_)))
    );
    assert!(
        imported.article.body.contains("café"),
        "{}",
        imported.article.body
    );

    let imported =
        bytes("\u{feff}Judul Besar Hari Ini\r\n\r\nJakarta - Kata dia kafe itu.  \r\n".as_bytes());
    let repairs: Vec<Repair> = imported
        .report
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Repair { repair, .. } => Some(*repair),
            _ => None,
        })
        .collect();
    assert_eq!(
        repairs,
        [Repair::Bom, Repair::LineEndings, Repair::TrailingSpaces]
    );
    assert_eq!(imported.article.headline, "Judul Besar Hari Ini");
    assert_eq!(imported.article.dateline.place, "Jakarta");
    assert_eq!(imported.article.body, "Kata dia kafe itu.");
}

#[test]
fn hard_wrapped_wire_copy_becomes_paragraphs_with_the_signoff_removed() {
    let copy = [
        "COMPUTER TERMINAL SYSTEMS <CPML> COMPLETES SALE",
        "",
        "COMMACK, N.Y., Feb 26 - Computer Terminal Systems Inc said",
        "it has completed the sale of 200,000 shares of its common",
        "stock, and warrants to acquire an additional one mln shares.",
        "    The company said the warrants are exercisable for five",
        "years at a purchase price of .125 dlrs per share.",
        " Reuter",
    ]
    .join("\n");
    let Imported { article, report } = wire(&copy);
    assert_eq!(
        article.headline,
        "COMPUTER TERMINAL SYSTEMS <CPML> COMPLETES SALE"
    );
    assert_eq!(article.dateline.place, "Commack, N.Y.");
    assert_eq!(article.dateline.date, None);
    assert_eq!(article.credit, "Reuters");
    assert_eq!(article.language, "en");
    assert_eq!(
        article.body,
        "Computer Terminal Systems Inc said it has completed the sale of 200,000 shares of its common stock, and warrants to acquire an additional one mln shares.\n\n\
The company said the warrants are exercisable for five years at a purchase price of .125 dlrs per share."
    );
    assert_eq!(
        report.removals().map(|r| r.rule).collect::<Vec<_>>(),
        ["wire-signoff"]
    );
}

#[test]
fn glued_read_also_leaves_and_the_text_around_it_stays() {
    let copy = "Judul Berita Tangsel\n\nTANGERANG SELATAN, KOMPAS.com - Kasus naik, Sabtu (6/6/2020).Baca juga: Pilkada Tangsel Memanas dengan SekdaTulus menjelaskan data itu.";
    let Imported { article, report } = wire(copy);
    assert_eq!(article.dateline.place, "Tangerang Selatan");
    assert_eq!(article.dateline.outlet, "Kompas.com");
    assert_eq!(article.dateline.date, NaiveDate::from_ymd_opt(2020, 6, 6));
    assert_eq!(
        article.body,
        "Kasus naik, Sabtu (6/6/2020).\n\nTulus menjelaskan data itu."
    );
    let r = report.removals().next().unwrap();
    assert_eq!(r.text, "Baca juga: Pilkada Tangsel Memanas dengan Sekda");
    assert!(r.glued);
}

#[test]
fn bylines_leave_the_body() {
    let Imported { article, report } =
        wire("Judul Yang Cukup Panjang\n\nOleh: Budi Santoso\n\nJakarta - Isi berita.\n");
    assert_eq!(article.byline, "Budi Santoso");
    assert_eq!(article.body, "Isi berita.");
    assert_eq!(report.removals().next().unwrap().rule, "byline");
}

#[test]
fn odd_input_gives_an_article_not_an_error() {
    for text in [
        "",
        "\n\n\n",
        "-",
        " - ",
        "Baca Juga",
        "(",
        "1/1",
        "\u{feff}",
        "a.B",
        "Reuter",
    ] {
        let imported = wire(text);
        assert!(!imported.article.body.contains("Baca Juga"), "{text:?}");
    }
    assert_eq!(
        wire("").article,
        Article {
            state: crate::article::StoryState::Wire,
            ..Article::default()
        },
        "imported copy is wire copy"
    );
}

#[test]
fn importing_after_the_patterns_were_released_gives_the_same_article() {
    let before = wire(SEED);
    release_patterns();
    assert_eq!(wire(SEED), before);
    release_patterns();
    let copy = "Liputan6.com, Jakarta - Presiden bertemu, Kamis (3/10/2024).\n\nOleh: Nama Penulis";
    let again = wire(copy);
    release_patterns();
    assert_eq!(wire(copy), again);
    assert_eq!(again.article.dateline.place, "Jakarta");
}

#[test]
fn structured_bodies_keep_given_fields_and_verbatim_blocks_and_restore_in_place() {
    let given = Article {
        headline: "Results".into(),
        credit: "Agencia EFE".into(),
        language: "es".into(),
        ..Article::default()
    };
    let sources = [Given {
        field: Field::Headline,
        source: "hl1".into(),
    }];
    let blocks = [
        Block::prose("Tegucigalpa, Jan 2 (EFE).- The league ended.".into()),
        Block::verbatim("| Team | Pts |\n| --- | --- |\n| A | 3 |".into()),
        Block::prose("Advertisement".into()),
        Block::prose("More text follows here.".into()),
    ];
    let mut imported = structured(given, &sources, &blocks);
    let a = &imported.article;
    assert_eq!(a.headline, "Results");
    assert_eq!(a.dateline.place, "Tegucigalpa");
    assert_eq!(a.dateline.outlet, "EFE");
    assert_eq!(a.credit, "Agencia EFE", "the item's credit is kept");
    assert_eq!(a.language, "es");
    assert_eq!(
        a.body,
        "The league ended.\n\n| Team | Pts |\n| --- | --- |\n| A | 3 |\n\nMore text follows here."
    );
    assert_eq!(
        imported.report.field(Field::Headline),
        Some(("Results", "hl1"))
    );
    let index = imported
        .report
        .entries
        .iter()
        .position(|e| matches!(e, Entry::Removed(r) if r.text == "Advertisement"))
        .unwrap();
    let body = imported.report.restore(&a.body.clone(), index).unwrap();
    assert_eq!(
        body,
        "The league ended.\n\n| Team | Pts |\n| --- | --- |\n| A | 3 |\n\nAdvertisement\n\nMore text follows here."
    );
}

#[test]
fn a_given_language_skips_only_the_language_count() {
    // Skipping the function-word count when the item names its language must change
    // nothing else: the same import without the tag, given the tag afterwards, is equal.
    let blocks = [
        Block::prose("LONDON, July 8 (Reuters) - The bank said it would raise rates.".into()),
        Block::prose("By Jane Doe".into()),
        Block::prose("It is the first rise in a year, and the market had expected it.".into()),
        Block::prose("Advertisement".into()),
        Block::prose("Reporting by Jane Doe; Editing by John Smith".into()),
    ];
    let sources = [Given {
        field: Field::Headline,
        source: "hl1".into(),
    }];
    let tagged = Article {
        headline: "Bank raises rates".into(),
        language: "en-GB".into(),
        ..Article::default()
    };
    let untagged = Article {
        language: String::new(),
        ..tagged.clone()
    };
    let with_tag = structured(tagged, &sources, &blocks);
    let mut without = structured(untagged, &sources, &blocks);
    assert_eq!(
        without.article.language, "en",
        "the count ran and found English"
    );
    without.article.language = "en-GB".into();
    without.report.entries.retain(|e| {
        !matches!(
            e,
            Entry::Field {
                field: Field::Language,
                ..
            }
        )
    });
    assert_eq!(with_tag, without);
}

proptest::proptest! {
    #[test]
    fn split_lines_is_splitting_at_line_feeds(text in "[a\n\r é]{0,12}") {
        proptest::prop_assert_eq!(
            split_lines(&text).collect::<Vec<_>>(),
            text.split('\n').collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_dated_dateline_gives_its_date_only_with_a_year() {
    // The dateline's date is the filing date: with a year it is the article's date...
    let with_year = wire(
        "Bank raises rates\n\nLONDON, July 8, 2024 (Reuters) - The bank said on Monday, July 1, 2024 it would raise rates.\n",
    );
    assert_eq!(
        with_year.article.dateline.date,
        NaiveDate::from_ymd_opt(2024, 7, 8)
    );
    // ...and without one the date stays open: not the lead's event date, nor a guess.
    let without = wire(
        "Bank raises rates\n\nLONDON, July 8 (Reuters) - The bank said on Monday, July 1, 2024 it would raise rates.\n",
    );
    assert_eq!(without.article.dateline.place, "London");
    assert_eq!(without.article.dateline.date, None);
}
