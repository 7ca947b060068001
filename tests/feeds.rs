//! Agency feeds: every sample in `../shared/feeds` opens with the fields its README implies,
//! no markup is left in any text, the NewsML-G2 export validates with `xmllint` and reads
//! back to the same article, and hostile XML is refused with a position.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use newsdesk::formats::feed::{self, FeedError, meta, newsml_g2, xml::XmlError};
use newsdesk::import::{Entry, Imported, Repair};

/// What a sample must give: headline, byline, place, date, credit, language, and how the
/// body starts.
struct Expect {
    file: &'static str,
    item: usize,
    headline: &'static str,
    byline: &'static str,
    place: &'static str,
    date: Option<(i32, u32, u32)>,
    credit: &'static str,
    language: &'static str,
    first_sentence: &'static str,
}

const EXPECTED: &[Expect] = &[
    Expect {
        file: "iptc/LISTING_1_A_NewsML-G2_News_Item.xml",
        item: 0,
        headline: "Fed to halt QE to avert \"bubble\"",
        byline: "Meredith Jameson",
        place: "Berlin",
        date: Some((2016, 10, 18)),
        credit: "REUTERS",
        language: "en-GB",
        first_sentence: "",
    },
    Expect {
        file: "iptc/LISTING_2_NewsML-G2_Text_Document.xml",
        item: 0,
        headline: "Fed to halt QE to avert \"bubble\"",
        byline: "Meredith Jameson",
        place: "New York, NY",
        date: Some((2016, 11, 21)),
        credit: "Associated Press",
        language: "en-US",
        first_sentence: "Et, sent luptat luptat, commy Nim zzriureet",
    },
    Expect {
        file: "iptc/LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml",
        item: 0,
        headline: "Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05p.m.",
        byline: "",
        place: "",
        date: None,
        credit: "",
        language: "en",
        first_sentence: "With the Philadelphia Phillies picking up momentum after their three-game sweep",
    },
    Expect {
        file: "iptc/LISTING_28_Illustrating_Located_Subject_and_Dateline.xml",
        item: 0,
        headline: "",
        byline: "Thomson Reuters",
        place: "Moscow",
        date: Some((2016, 2, 9)),
        credit: "Reuters",
        language: "en-US",
        first_sentence: "",
    },
    Expect {
        file: "superdesk/ansa-newsmlg2-text.xml",
        item: 0,
        headline: "Catalan independence declaration unacceptable - Alfano",
        byline: "VRG",
        place: "Rome",
        date: Some((2017, 10, 11)),
        credit: "ANSA",
        language: "it",
        first_sentence: "Italian Foreign Minister Angelino Alfano has said that the Catalan independence declaration is unacceptable.\n\n\"Unacceptable",
    },
    Expect {
        file: "superdesk/dpa.xml",
        item: 0,
        headline: "Eintracht in London: Hintereggers Tränen und Attacke auf Reporter",
        byline: "degenhardt.sandra",
        place: "London",
        date: Some((2022, 10, 11)),
        credit: "dpa",
        language: "de",
        first_sentence: "2019 gab es bittere Tränen in der Kurve,",
    },
    Expect {
        file: "superdesk/ap-nitf.xml",
        item: 0,
        headline: "Can trading pollution like stocks help fight climate change?",
        byline: "Bernard Condon",
        place: "New York",
        date: Some((2015, 12, 10)),
        credit: "The Associated Press",
        language: "en",
        first_sentence: "The gas produced by hog manure at farms across the U.S. punches holes",
    },
    Expect {
        file: "superdesk/efe_nitf.xml",
        item: 0,
        headline: "Honduran president announces Cabinet changes",
        byline: "gr/bp",
        place: "Tegucigalpa",
        date: Some((2017, 1, 2)),
        credit: "Agencia EFE",
        language: "en-US",
        first_sentence: "Test body.",
    },
    Expect {
        file: "superdesk/aap.xml",
        item: 0,
        headline: "The main stories on today's 1900 ABC TV news",
        byline: "John Doe",
        place: "Sydney",
        date: Some((2013, 10, 20)),
        credit: "Australian Associated Press",
        language: "en",
        first_sentence: "The main stories on ABC television's 1900 news:\n\n1A) More extreme weather forecast over the next few days the fire situation is likely",
    },
    Expect {
        file: "superdesk/afp20.xml",
        item: 0,
        headline: "Décès de Naomi Musenga: l'opératrice du Samu définitivement condamnée",
        byline: "",
        place: "Strasbourg",
        date: Some((2024, 7, 10)),
        credit: "AFP",
        language: "fr",
        first_sentence: "L'opératrice du Samu condamnée pour non-assistance à personne en danger",
    },
    Expect {
        file: "superdesk/ana1.xml",
        item: 0,
        headline: "Wage employment balance positive in Jan-March",
        byline: "",
        place: "Athens",
        date: Some((2018, 4, 4)),
        credit: "ΑΠΕ-ΜΠΕ",
        language: "en",
        first_sentence: "Wage employment in the private sector grew in March,",
    },
];

fn read(path: &Path) -> feed::Feed {
    let bytes = std::fs::read(path).expect("the sample reads");
    feed::read(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// No tag, entity or CDATA left in any text of the article.
fn assert_no_markup(name: &str, item: &Imported) {
    let a = &item.article;
    let texts = [
        &a.headline,
        &a.slugline,
        &a.dateline.place,
        &a.dateline.outlet,
        &a.byline,
        &a.summary,
        &a.body,
        &a.credit,
        &a.language,
    ];
    let markup = regex::Regex::new(r"</?[A-Za-z][\w.:-]*[\s/>]|&[#\w]+;|<!\[CDATA\[")
        .expect("the markup pattern is valid");
    for t in texts.into_iter().chain(&a.keywords) {
        assert!(!markup.is_match(t), "{name}: markup left in {t:?}");
    }
}

#[test]
fn every_sample_opens_with_the_fields_its_readme_implies() {
    let Some(dir) = common::shared("feeds") else {
        return;
    };
    for e in EXPECTED {
        let feed = read(&dir.join(e.file));
        let item = &feed.items[e.item];
        let a = &item.article;
        let name = e.file;
        assert_eq!(a.headline, e.headline, "{name}: headline");
        assert_eq!(a.byline, e.byline, "{name}: byline");
        assert_eq!(a.dateline.place, e.place, "{name}: place");
        assert_eq!(
            a.dateline.date,
            e.date
                .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            "{name}: date"
        );
        assert_eq!(a.credit, e.credit, "{name}: credit");
        assert_eq!(a.language, e.language, "{name}: language");
        assert!(
            a.body.starts_with(e.first_sentence),
            "{name}: body starts {:?}",
            a.body.get(..200.min(a.body.len()))
        );
        assert_no_markup(name, item);
    }
}

#[test]
fn every_file_in_the_feeds_folder_is_covered_and_markup_free() {
    let Some(dir) = common::shared("feeds") else {
        return;
    };
    let mut seen = 0;
    for sub in ["iptc", "superdesk"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let rel = format!("{sub}/{}", path.file_name().unwrap().to_string_lossy());
            let feed = read(&path);
            assert!(!feed.items.is_empty(), "{rel}");
            for item in &feed.items {
                assert_no_markup(&rel, item);
            }
            let multi = rel.contains("LISTING_24");
            assert!(
                multi || EXPECTED.iter().any(|e| e.file == rel),
                "{rel} has no expectations"
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 12);
}

#[test]
fn agency_specifics_are_read() {
    let Some(dir) = common::shared("feeds") else {
        return;
    };
    // Slugline, keywords and what a re-export needs.
    let fed = &read(&dir.join("iptc/LISTING_2_NewsML-G2_Text_Document.xml")).items[0];
    assert_eq!(fed.article.slugline, "US-Finance-Fed");
    assert_eq!(
        fed.article.keywords,
        [
            "economy, business and finance",
            "central bank",
            "money and monetary policy"
        ]
    );
    let extra = &fed.article.extra;
    assert_eq!(
        extra.get(meta::GUID).and_then(|v| v.as_str()),
        Some("urn:newsml:acmenews.com:20161121:US-FINANCE-FED")
    );
    assert_eq!(
        extra
            .get(meta::VERSION)
            .and_then(serde_norway::Value::as_u64),
        Some(11)
    );
    // The parenthesised dateline left the first paragraph.
    assert!(fed.report.entries.iter().any(|e| matches!(e,
        Entry::Field { source, .. } if source.starts_with("(New York, NY - October 21)"))));

    // A newsMessage with a package: four items, the package skipped with a note.
    let package =
        read(&dir.join("iptc/LISTING_24_News_Message_conveying_a_complete_News_Package.xml"));
    assert_eq!(package.items.len(), 4);
    assert!(
        package.notes[0].contains("packageItem"),
        "{:?}",
        package.notes
    );

    // ANSA: hard wraps re-joined, the dateline found in the text gives the outlet.
    let ansa = &read(&dir.join("superdesk/ansa-newsmlg2-text.xml")).items[0];
    assert_eq!(ansa.article.dateline.outlet, "ANSA");
    assert!(ansa.report.entries.iter().any(|e| matches!(
        e,
        Entry::Repair {
            repair: Repair::HardWrap,
            ..
        }
    )));
    assert_eq!(
        ansa.article
            .extra
            .get(meta::URGENCY)
            .and_then(serde_norway::Value::as_u64),
        Some(5)
    );
    assert_eq!(
        ansa.article.body.matches("\n\n").count(),
        3,
        "{}",
        ansa.article.body
    );

    // EFE: the abstract is the summary, the dateline left the text.
    let efe = &read(&dir.join("superdesk/efe_nitf.xml")).items[0];
    assert_eq!(efe.article.summary, "Test Abstract");
    assert_eq!(efe.article.dateline.outlet, "EFE");
    assert_eq!(efe.article.keywords, ["HONDURAS GOVERNMENT"]);

    // dpa: keywords and the editorial note kept.
    let dpa = &read(&dir.join("superdesk/dpa.xml")).items[0];
    for k in ["Champions League", "Frankfurt", "Fußball"] {
        assert!(dpa.article.keywords.iter().any(|x| x == k), "{k}");
    }
    assert!(dpa.article.extra.contains_key(meta::EDNOTE));

    // AFP: declared ISO-8859-1, really UTF-8: read right and reported.
    let afp = &read(&dir.join("superdesk/afp20.xml")).items[0];
    assert_eq!(afp.article.slugline, "procès-santé-secours");
    assert!(afp.report.entries.iter().any(|e| matches!(
        e,
        Entry::Repair {
            repair: Repair::Mislabelled,
            ..
        }
    )));

    // AP: the contact footer is boilerplate, as in raw copy, with Put back.
    let ap = &read(&dir.join("superdesk/ap-nitf.xml")).items[0];
    assert!(
        ap.report
            .removals()
            .any(|r| r.text.starts_with("Bernard Condon can be reached"))
    );
    assert_eq!(ap.article.dateline.outlet, "AP");
}

/// Exports every sample's articles, validates each with xmllint against the NewsML-G2 2.35
/// schema and reads it back.
#[test]
fn export_validates_with_xmllint_and_reads_back_for_every_sample() {
    let Some(dir) = common::shared("feeds") else {
        return;
    };
    let Some(schema) = common::shared("schemas/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd") else {
        return;
    };
    let xmllint = std::process::Command::new("xmllint")
        .arg("--version")
        .output();
    if xmllint.is_err() {
        common::skip("xmllint is not installed (Debian package libxml2-utils)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in ["iptc", "superdesk"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            for (i, item) in read(&path).items.into_iter().enumerate() {
                let text = newsml_g2::to_string(&item.article);
                let back = feed::read(text.as_bytes()).unwrap();
                assert_eq!(back.items.len(), 1);
                assert_eq!(
                    back.items[0].article,
                    item.article,
                    "{}:\n{text}",
                    path.display()
                );
                let out = tmp.path().join(format!(
                    "{}-{i}.xml",
                    path.file_stem().unwrap().to_string_lossy()
                ));
                std::fs::write(&out, text).unwrap();
                files.push(out);
            }
        }
    }
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(&schema)
        .args(&files)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches(" validates").count(),
        files.len(),
        "{stderr}"
    );
}

#[test]
fn entity_bombs_and_external_entities_are_refused_quickly() {
    let mut entities = String::new();
    for c in b'b'..=b'j' {
        let prev = char::from(c - 1);
        let value = format!("&{prev};").repeat(10);
        entities.push_str("<!ENTITY ");
        entities.push(char::from(c));
        entities.push_str(" \"");
        entities.push_str(&value);
        entities.push_str("\">\n");
    }
    let bomb = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE newsItem [\n<!ENTITY a \"{}\">\n{entities}]>\n<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><contentMeta><headline>&j;</headline></contentMeta></newsItem>",
        "lol".repeat(10),
    );
    let start = Instant::now();
    let err = feed::read(bomb.as_bytes()).unwrap_err();
    assert!(
        matches!(err, FeedError::Xml(XmlError::Entities { .. })),
        "{err}"
    );
    assert!(start.elapsed().as_secs() < 2);
    let external = "<?xml version=\"1.0\"?><!DOCTYPE nitf [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><nitf><body><body.content><p>&x;</p></body.content></body></nitf>";
    let err = feed::read(external.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("never processes a DTD"), "{err}");
    // Without a declaration the reference is left as written, never resolved.
    let loose = "<nitf><body><body.content><p>root:&x;</p></body.content></body></nitf>";
    let item = &feed::read(loose.as_bytes()).unwrap().items[0];
    assert!(!item.article.body.contains("root:x:0:0"));
}

#[test]
fn deep_nesting_malformed_and_truncated_xml_name_line_and_column() {
    let deep = format!("<nitf>\n{}", "<p>".repeat(50_000));
    let err = feed::read(deep.as_bytes()).unwrap_err();
    assert!(
        matches!(err, FeedError::Xml(XmlError::TooDeep { line: 2, .. })),
        "{err}"
    );
    let bad = "<?xml version=\"1.0\"?>\n<nitf>\n  <head></body>\n</nitf>";
    let err = feed::read(bad.as_bytes()).unwrap_err().to_string();
    assert!(err.starts_with("line 3, column "), "{err}");
    let cut = "<?xml version=\"1.0\"?>\n<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">\n<contentMeta><headline>Cut";
    let err = feed::read(cut.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("line 3") && err.contains("truncated"), "{err}");
}

#[test]
fn double_escaped_text_is_repaired_and_reported() {
    let item = "<nitf><body><body.head><hedline><hl1>It&amp;#39;s here</hl1></hedline></body.head><body.content><p>Rock &amp;amp; roll &amp;quot;live&amp;quot;.</p></body.content></body></nitf>";
    let item = &feed::read(item.as_bytes()).unwrap().items[0];
    assert_eq!(item.article.headline, "It's here");
    assert!(
        item.article.body.starts_with("Rock & roll \"live\"."),
        "{}",
        item.article.body
    );
    let repairs = item
        .report
        .entries
        .iter()
        .filter(|e| {
            matches!(
                e,
                Entry::Repair {
                    repair: Repair::DoubleEscaped,
                    ..
                }
            )
        })
        .count();
    assert_eq!(repairs, 2);
}

#[test]
fn well_formed_non_items_say_what_they_are() {
    for (xml, what) in [
        (
            "<rss version=\"2.0\"><channel><title>x</title></channel></rss>",
            "RSS feed: not an article",
        ),
        (
            "<conceptItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"/>",
            "NewsML-G2 conceptItem: not an article",
        ),
        (
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
            "Atom feed: not an article",
        ),
    ] {
        assert_eq!(feed::read(xml.as_bytes()).unwrap_err().to_string(), what);
    }
}

#[test]
fn body_markup_becomes_markdown_without_markup() {
    let xhtml = r#"<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>
<p>The <em>first</em> paragraph with <a href="https://example.org/a">a link</a> and <a href="javascript:x()">a bad one</a>.</p>
<h2>A heading</h2><ul><li>one</li><li>two</li></ul><blockquote><p>Quoted.</p></blockquote>
<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table><p>Line<br/>break</p></body></html></inlineXML></contentSet></newsItem>"#;
    let item = &feed::read(xhtml.as_bytes()).unwrap().items[0];
    assert_eq!(
        item.article.body,
        "The *first* paragraph with [a link](https://example.org/a) and a bad one.\n\n## A heading\n\n- one\n- two\n\n> Quoted.\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\nLine\n\nbreak"
    );
}

/// Agencies' pictures become the article's: NewsML-G2 `remoteContent` images (ANSA's real
/// item) and NITF `<media media-type="image">` with caption, producer and alt text.
#[test]
fn remote_content_and_nitf_media_images_become_pictures() {
    if let Some(ansa) = common::shared("feeds/superdesk/ansa-newsmlg2-text.xml") {
        let items = read(&ansa).items;
        assert_eq!(
            items[0].article.pictures,
            [newsdesk::article::Picture::new(
                "tag:ansa.it,2017-10-11:200400bfd17a98e68ea9597546e5ec93.jpg"
            )]
        );
    }
    let nitf = r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><title>Ferry back</title></head>
<body><body.head><hedline><hl1>Ferry back</hl1></hedline></body.head>
<body.content><p>The ferry is back in service.</p>
<media media-type="image">
  <media-reference source="photos/ferry.jpg" mime-type="image/jpeg" alternate-text="A white ferry   at the pier" width="640" height="427"/>
  <media-caption>The ferry at the
  pier.</media-caption>
  <media-producer>Jane Doe/AP</media-producer>
</media>
<media media-type="video"><media-reference source="clip.mp4"/></media>
<p>More text.</p></body.content></body></nitf>"#;
    let feed = feed::read(nitf.as_bytes()).unwrap();
    let a = &feed.items[0].article;
    assert_eq!(
        a.pictures,
        [newsdesk::article::Picture {
            source: "photos/ferry.jpg".into(),
            caption: "The ferry at the pier.".into(),
            credit: "Jane Doe/AP".into(),
            alt: "A white ferry at the pier".into(),
            width: 640,
            height: 427,
        }]
    );
    assert!(
        !a.body.contains("Jane Doe"),
        "the caption is not body text: {}",
        a.body
    );
}

/// The NewsML-G2 export references the pictures from `itemMeta` (the lead ranked 1), still
/// validates, and reads back their sources and captions.
#[test]
fn export_with_pictures_links_them_and_validates() {
    let Some(schema) = common::shared("schemas/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd") else {
        return;
    };
    let mut article = newsdesk::formats::read(
        &common::sample("harbor-ferry.ron"),
        newsdesk::formats::Format::Ron,
    )
    .unwrap();
    article.pictures = vec![
        newsdesk::article::Picture {
            caption: "The ferry & \"crew\" <at> the pier.".into(),
            credit: "Newsdesk".into(),
            alt: "A white ferry".into(),
            ..newsdesk::article::Picture::new("pictures/ferry.jpg")
        },
        newsdesk::article::Picture::new("https://example.org/crew.png"),
    ];
    // The second picture placed in the body, as the window's button writes it.
    article.body = article.body.trim_end().to_owned();
    article
        .body
        .push_str("\n\n![Two of the crew \\[left\\]](https://example.org/crew.png)");
    let text = newsml_g2::to_string(&article);
    assert!(
        text.contains(
            r#"<p><img src="https://example.org/crew.png" alt="Two of the crew [left]"/></p>"#
        ),
        "a placed picture is an image in the body, not a paragraph of its alt text: {text}"
    );
    assert!(
        text.contains(r#"<link rel="irel:seeAlso" rank="1" href="pictures/ferry.jpg" contenttype="image/jpeg" title="The ferry &amp; &quot;crew&quot; &lt;at&gt; the pier."/>"#),
        "{text}"
    );
    let back = feed::read(text.as_bytes()).unwrap();
    let pictures: Vec<(&str, &str)> = back.items[0]
        .article
        .pictures
        .iter()
        .map(|p| (p.source.as_str(), p.caption.as_str()))
        .collect();
    assert_eq!(
        pictures,
        [
            ("pictures/ferry.jpg", "The ferry & \"crew\" <at> the pier."),
            ("https://example.org/crew.png", "")
        ]
    );
    assert_eq!(
        back.items[0].article.body, article.body,
        "the placed picture reads back where it stood"
    );
    if std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_err()
    {
        common::skip("xmllint is not installed (Debian package libxml2-utils)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("pictures.xml");
    std::fs::write(&file, &text).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(&schema)
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.contains(" validates"),
        "{stderr}\n{text}"
    );
}
