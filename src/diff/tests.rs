use super::*;
use proptest::prelude::*;

fn article(headline: &str, body: &str) -> Article {
    Article {
        headline: headline.into(),
        body: body.into(),
        ..Article::default()
    }
}

fn body_of(d: &ArticleDiff) -> &FieldDiff {
    d.field(Field::Body).unwrap()
}

fn shapes(d: &ArticleDiff) -> Vec<Shape> {
    body_of(d).blocks.iter().map(|b| b.shape).collect()
}

const A: &str = "Sekretaris Jenderal NATO Jens Stoltenberg mengundurkan diri pada hari Selasa.";
const B: &str = "Stoltenberg mengambil alih kursi kepemimpinan aliansi tersebut pada 2014.";
const C: &str = "Masa jabatannya hanya dilampaui oleh diplomat Belanda Joseph Luns.";
const D: &str = "Rutte menjadi pejabat sipil tertinggi NATO saat invasi Rusia ke Ukraina.";

#[test]
fn tokens_keep_indonesian_and_english_words_whole() {
    let text = "hari ke-1.000, Selasa (1/10/2024) di Liputan6.com: Rutte's \"NATO\" — 3,5 persen.";
    let words: Vec<&str> = tokens(text)
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .collect();
    assert_eq!(
        words,
        [
            "hari",
            "ke-1.000",
            ",",
            "Selasa",
            "(",
            "1/10/2024",
            ")",
            "di",
            "Liputan6.com",
            ":",
            "Rutte's",
            "\"",
            "NATO",
            "\"",
            "—",
            "3,5",
            "persen",
            "."
        ]
    );
    assert_eq!(tokens(text).concat(), text, "tokens give the text back");
    assert_eq!(tokens("U.S."), ["U.S", "."]);
    assert_eq!(
        tokens("e\u{301}te"),
        ["e\u{301}te"],
        "a combining accent stays"
    );
}

#[test]
fn a_changed_headline_is_marked_word_by_word() {
    let d = diff(
        &article("Rutte takes over NATO", "x"),
        &article("Rutte officially takes over at NATO", "x"),
    );
    let headline = d.field(Field::Headline).unwrap();
    assert!(headline.is_changed());
    assert_eq!(
        marked(&headline.runs()),
        "Rutte {+officially +}takes over {+at +}NATO"
    );
    assert!(!body_of(&d).is_changed());
    assert_eq!(
        d.summary(),
        "headline changed; slugline, dateline place, outlet, date, byline, credit, language, summary, keywords, body unchanged"
    );
    assert_eq!(d.words_changed(), 2);
}

#[test]
fn replaced_words_read_as_one_deletion_and_one_insertion() {
    let runs = words("the old two words here", "the three new words here");
    assert_eq!(marked(&runs), "the [-old two-]{+three new+} words here");
    let runs = words("a b c", "a b c d");
    assert_eq!(marked(&runs), "a b c{+ d+}");
    // Whitespace alone is not a change.
    assert_eq!(marked(&words("a  b", "a b")), "a b");
}

#[test]
fn indonesian_numbers_and_dates_change_as_whole_words() {
    let old = "Invasi mendekati hari ke-1.000, kata pejabat pada Selasa (1/10/2024).";
    let new = "Invasi melewati hari ke-1.001, kata pejabat pada Rabu (2/10/2024).";
    let runs = words(old, new);
    assert_eq!(
        marked(&runs),
        "Invasi [-mendekati-]{+melewati+} hari [-ke-1.000-]{+ke-1.001+}, kata pejabat pada \
         [-Selasa-]{+Rabu+} ([-1/10/2024-]{+2/10/2024+})."
    );
    let d = diff(&article("", old), &article("", new));
    let t = body_of(&d).tally();
    // Counted as the status bar counts words: "ke-1.000" is two (ke-1, 000), the date three.
    assert_eq!((t.words_inserted, t.words_deleted), (7, 7));
    assert_eq!(t.changed, 1);
}

#[test]
fn a_moved_paragraph_reads_as_moved() {
    let old = [A, B, C, D].join("\n\n");
    let new = [A, C, D, B].join("\n\n");
    let d = diff(&article("", &old), &article("", &new));
    assert_eq!(
        shapes(&d),
        [
            Shape::Same { old: 0, new: 0 },
            Shape::MovedAway { old: 1, new: 3 },
            Shape::Same { old: 2, new: 1 },
            Shape::Same { old: 3, new: 2 },
            Shape::MovedHere { old: 1, new: 3 },
        ]
    );
    let moved = &body_of(&d).blocks[4];
    assert_eq!(moved.runs, [Run::new(Op::Equal, B)]);
    let t = body_of(&d).tally();
    assert_eq!((t.moved, t.words_inserted, t.words_deleted), (1, 0, 0));
    assert!(
        d.summary()
            .starts_with("body: 0 words inserted, 0 deleted, 1 paragraph moved")
    );
}

#[test]
fn a_moved_and_edited_paragraph_shows_its_edits_where_it_landed() {
    let edited = B.replace("2014", "2015");
    let old = [A, B, C, D].join("\n\n");
    let new = [edited.as_str(), A, C, D].join("\n\n");
    let d = diff(&article("", &old), &article("", &new));
    let blocks = &body_of(&d).blocks;
    let here = blocks
        .iter()
        .find(|b| matches!(b.shape, Shape::MovedHere { .. }))
        .expect("a move");
    assert_eq!(here.shape, Shape::MovedHere { old: 1, new: 0 });
    assert!(
        marked(&here.runs).contains("pada [-2014-]{+2015+}."),
        "{:?}",
        here.runs
    );
}

#[test]
fn a_split_paragraph_reads_as_split() {
    let both = format!("{B} {C}");
    let old = [A, both.as_str(), D].join("\n\n");
    let new = [A, B, C, D].join("\n\n");
    let d = diff(&article("", &old), &article("", &new));
    assert_eq!(
        shapes(&d),
        [
            Shape::Same { old: 0, new: 0 },
            Shape::Split {
                old: 1,
                new: 1,
                count: 2
            },
            Shape::Same { old: 2, new: 3 },
        ]
    );
    let split = &body_of(&d).blocks[1];
    assert_eq!(marked(&split.runs), format!("{B}[- -]{{+\n\n+}}{C}"));
    assert_eq!(
        d.summary(),
        "body: 0 words inserted, 0 deleted, 1 paragraph split; headline, slugline, dateline \
         place, outlet, date, byline, credit, language, summary, keywords unchanged"
    );
    // The other way round it is a join.
    let d = diff(&article("", &new), &article("", &old));
    assert_eq!(
        shapes(&d)[1],
        Shape::Joined {
            old: 1,
            count: 2,
            new: 1
        }
    );
}

#[test]
fn a_split_sentence_is_marked_inside_its_paragraph() {
    let old = "Rutte, yang memimpin Belanda selama 14 tahun, kini memimpin NATO.";
    let new = "Rutte memimpin Belanda selama 14 tahun. Kini ia memimpin NATO.";
    let d = diff(
        &article("", &[A, old].join("\n\n")),
        &article("", &[A, new].join("\n\n")),
    );
    assert_eq!(shapes(&d)[1], Shape::Changed { old: 1, new: 1 });
    assert_eq!(
        marked(&body_of(&d).blocks[1].runs),
        "Rutte[-, yang-] memimpin Belanda selama 14 tahun[-, kini-]{+. Kini ia+} memimpin NATO."
    );
}

#[test]
fn inserted_and_deleted_paragraphs_and_every_paragraph_edited() {
    let old = [A, B, C].join("\n\n");
    let new = [A, "Paragraf baru sama sekali tentang hal lain.", C].join("\n\n");
    let d = diff(&article("", &old), &article("", &new));
    assert_eq!(
        shapes(&d),
        [
            Shape::Same { old: 0, new: 0 },
            Shape::Deleted { old: 1 },
            Shape::Inserted { new: 1 },
            Shape::Same { old: 2, new: 2 },
        ]
    );
    // Each paragraph edited a little: each paired with its own, in order.
    let old = [A, B, C, D].join("\n\n");
    let new: Vec<String> = [A, B, C, D]
        .iter()
        .map(|p| p.replacen(' ', " baru ", 1))
        .collect();
    let d = diff(&article("", &old), &article("", &new.join("\n\n")));
    assert_eq!(
        shapes(&d),
        (0..4)
            .map(|i| Shape::Changed { old: i, new: i })
            .collect::<Vec<_>>()
    );
}

#[test]
fn equal_articles_have_no_changes_and_blank_lines_do_not_count() {
    let a = article("T", "one\n\ntwo\n");
    let b = article("T", "one\n\n\n\ntwo");
    let d = diff(&a, &b);
    assert!(d.is_equal());
    assert_eq!(d.summary(), "no changes");
    assert_eq!(d.words_changed(), 0);
    assert_eq!(
        paragraphs("\n\n a\nb \n\n\n c\r\n\r\nd"),
        [" a\nb ", " c", "d"]
    );
}

#[test]
fn restore_copies_one_field() {
    let mut now = article("New", "new body");
    now.dateline.date = chrono::NaiveDate::from_ymd_opt(2024, 10, 2);
    let mut then = article("Old", "old body");
    then.dateline.date = chrono::NaiveDate::from_ymd_opt(2024, 10, 1);
    restore(&mut now, &then, Field::Headline);
    assert_eq!(
        (now.headline.as_str(), now.body.as_str()),
        ("Old", "new body")
    );
    restore(&mut now, &then, Field::Date);
    assert_eq!(now.dateline.date, then.dateline.date);
}

#[test]
fn a_long_body_diffed_on_several_threads_gives_what_one_thread_gives() {
    let old: Vec<String> = (0..400).map(|i| format!("{A} Paragraf {i}. {C}")).collect();
    let new: Vec<String> = old
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i % 3 == 0 {
                p.replace("hari", "malam")
            } else {
                p.clone()
            }
        })
        .collect();
    let (old, new) = (old.join("\n\n"), new.join("\n\n"));
    let (po, pn) = (paragraphs(&old), paragraphs(&new));
    let items: Vec<Item> = (0..po.len()).map(|i| Item::Pair(i, i)).collect();
    let empty: Tokens<'_> = Vec::new();
    let sides = Sides {
        po: &po,
        pn: &pn,
        toks_old: &empty,
        toks_new: &empty,
    };
    let one = blocks_on(&items, &sides, 1);
    assert_eq!(blocks_on(&items, &sides, 3), one);
    assert_eq!(one.iter().filter(|b| b.is_change()).count(), 134);
    assert_eq!(body(&old, &new), one);
}

proptest! {
    /// Whatever the texts, the runs give back both: equal and deleted runs the old text,
    /// equal and inserted the new (whitespace as compared: by kind).
    #[test]
    fn runs_rebuild_both_sides(old in "[a-c .,\n-]{0,40}", new in "[a-c .,\n-]{0,40}") {
        let runs = words(&old, &new);
        let side = |skip: Op| runs.iter().filter(|r| r.op != skip).map(|r| r.text.as_str()).collect::<String>();
        let norm = |s: &str| tokens(s).into_iter().map(key).collect::<String>();
        prop_assert_eq!(norm(&side(Op::Insert)), norm(&old));
        prop_assert_eq!(side(Op::Delete), new);
    }

    /// The body diff of any two bodies never panics and is empty only for equal bodies.
    #[test]
    fn body_diffs_are_total(old in "([a-d ]{0,12}\n{0,2}){0,8}", new in "([a-d ]{0,12}\n{0,2}){0,8}") {
        let d = diff(&article("", &old), &article("", &new));
        let same = paragraphs(&old).iter().map(|p| tokens(p).into_iter().map(key).collect::<String>()).collect::<Vec<_>>()
            == paragraphs(&new).iter().map(|p| tokens(p).into_iter().map(key).collect::<String>()).collect::<Vec<_>>();
        prop_assert_eq!(d.is_equal(), same);
    }
}

#[test]
fn pictures_are_compared_only_when_either_side_has_some() {
    let old = crate::article::fixture();
    let mut new = old.clone();
    assert!(
        diff(&old, &new)
            .fields
            .iter()
            .all(|f| f.field != Field::Pictures)
    );
    new.pictures.push(crate::article::Picture {
        alt: "Rutte at a lectern".into(),
        ..crate::article::Picture::new("lead.jpg")
    });
    let changed = diff(&old, &new);
    let pictures = changed
        .fields
        .iter()
        .find(|f| f.field == Field::Pictures)
        .unwrap();
    assert_ne!(
        pictures.blocks,
        diff(&new, &new)
            .fields
            .iter()
            .find(|f| f.field == Field::Pictures)
            .unwrap()
            .blocks
    );
    let mut restored = old.clone();
    restore(&mut restored, &new, Field::Pictures);
    assert_eq!(restored.pictures, new.pictures);
}
