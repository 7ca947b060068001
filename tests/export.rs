//! Export for publishing, checked by other tools: an HTML5 parser (and `tidy` when installed)
//! reads the HTML without errors and sees the same text as the preview; the official IPTC
//! schema accepts every ninjs export; the real binary writes both from `convert`.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use common::{assert_input_error, newsdesk, sample};
use newsdesk::article::Picture;
use newsdesk::formats::html::{self, HtmlOptions};
use newsdesk::formats::{self, Format, ninjs};
use newsdesk::render;
use newsdesk::{Article, Dateline};
use proptest::prelude::*;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

fn samples() -> Vec<Article> {
    [
        "nato-rutte.ron",
        "harbor-ferry.ron",
        "harbor-ferry-pictures.ron",
    ]
    .iter()
    .map(|name| formats::read(&sample(name), Format::Ron).expect("sample reads"))
    .collect()
}

const EVIL: &str = "<script>alert(1)</script>\" onmouseover=\"alert(2)' x='</script>";

/// An article with a hostile string in every field and hostile Markdown in the body.
fn hostile() -> Article {
    Article {
        headline: EVIL.into(),
        dateline: Dateline {
            place: EVIL.into(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 10, 1),
            outlet: EVIL.into(),
        },
        byline: EVIL.into(),
        body: format!(
            "{EVIL}\n\n[js](javascript:alert(3)) [js2](JaVaScRiPt&#58;alert(4)) \
             [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:x) \
             [ok](https://example.org/?q=\"x\"&y=<z>)\n\n\
             <iframe src=\"javascript:alert(5)\"></iframe>\n\n> {EVIL}\n\n- `{EVIL}`\n"
        ),
        credit: EVIL.into(),
        language: "id\" onload=\"x".into(),
        slugline: EVIL.into(),
        summary: EVIL.into(),
        keywords: vec![EVIL.into(), "</title>".into()],
        pictures: vec![
            Picture {
                source: format!("pictures/{EVIL}.jpg"),
                caption: EVIL.into(),
                credit: EVIL.into(),
                alt: EVIL.into(),
                width: 640,
                height: 427,
            },
            Picture {
                alt: EVIL.into(),
                ..Picture::new("javascript:alert(6)")
            },
            Picture::new("https://example.org/a.jpg?x=\"y\"&z=<w>"),
        ],
        ..Article::default()
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

/// The text a reader sees in an element: text nodes outside `<script>`, `<br>` as a newline.
fn visible_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            Node::Element(e) if e.name() == "script" || e.name() == "style" => {}
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    visible_text(child, out);
                }
            }
            _ => {}
        }
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses a page, asserting the HTML5 parser met no error, and returns it.
fn parse_page(html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(
        doc.errors.is_empty(),
        "parse errors {:?} in\n{html}",
        doc.errors
    );
    // The doctype puts browsers in standards mode (the type is html5ever's, not re-exported).
    assert_eq!(format!("{:?}", doc.quirks_mode), "NoQuirks");
    doc
}

/// The HTML's visible article text equals the preview's plain text, whitespace aside.
fn assert_same_text_as_preview(article: &Article) {
    let expected = normalise(&render::render(article).plain_text());
    let page = html::to_string(article, HtmlOptions::default());
    let doc = parse_page(&page);
    let node = doc.select(&sel("article")).next().expect("an <article>");
    let mut seen = String::new();
    visible_text(node, &mut seen);
    assert_eq!(normalise(&seen), expected, "{page}");

    let fragment = html::to_string(article, HtmlOptions { fragment: true });
    let doc = Html::parse_fragment(&fragment);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let node = doc.select(&sel("article")).next().expect("an <article>");
    let mut seen = String::new();
    visible_text(node, &mut seen);
    assert_eq!(normalise(&seen), expected, "{fragment}");
}

#[test]
fn samples_parse_as_html5_with_the_expected_structure() {
    for article in samples() {
        let page = html::to_string(&article, HtmlOptions::default());
        let doc = parse_page(&page);
        let one = |s: &str| doc.select(&sel(s)).count();
        assert_eq!(one("html[lang] > head > meta[charset=\"utf-8\"]"), 1);
        assert_eq!(one("head > title"), 1);
        assert_eq!(one("body > article[lang] > header > h1"), 1);
        assert_eq!(
            one("article > p:first-of-type > span.dateline"),
            1,
            "{page}"
        );
        assert_eq!(one("article > footer > p.credit"), 1);
        assert_eq!(one("article > script[type=\"application/ld+json\"]"), 1);
        assert!(one("article > p") > 3);
        let title: String = doc.select(&sel("title")).next().unwrap().text().collect();
        assert_eq!(title, article.headline);
        let script: String = doc.select(&sel("script")).next().unwrap().text().collect();
        let ld: Value = serde_json::from_str(&script).unwrap();
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], article.headline.as_str());
        assert_eq!(ld["inLanguage"], article.language.as_str());
    }
}

#[test]
fn hostile_article_gives_valid_html_with_no_active_content() {
    let article = hostile();
    for options in [HtmlOptions::default(), HtmlOptions { fragment: true }] {
        let text = html::to_string(&article, options);
        let doc = if options.fragment {
            let doc = Html::parse_fragment(&text);
            assert!(doc.errors.is_empty(), "{:?}", doc.errors);
            doc
        } else {
            parse_page(&text)
        };
        // The only script is the JSON-LD; no element gained an event handler or a frame.
        let scripts: Vec<ElementRef> = doc.select(&sel("script")).collect();
        assert_eq!(scripts.len(), 1, "{text}");
        assert_eq!(scripts[0].attr("type"), Some("application/ld+json"));
        assert_eq!(doc.select(&sel("iframe")).count(), 0);
        for el in doc
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            for (name, _) in el.value().attrs() {
                assert!(!name.starts_with("on"), "{name} on <{}>", el.value().name());
            }
        }
        let links: Vec<&str> = doc
            .select(&sel("a"))
            .filter_map(|a| a.attr("href"))
            .collect();
        assert_eq!(links.len(), 1, "only the https link: {links:?}");
        assert!(links[0].starts_with("https://example.org/?q="), "{links:?}");
        // The JSON-LD survived `</script>` in its strings and holds them intact.
        let script: String = scripts[0].text().collect();
        let ld: Value = serde_json::from_str(&script).unwrap();
        assert_eq!(ld["headline"], EVIL);
        assert_eq!(ld["author"]["name"], EVIL);
        assert_eq!(ld["sourceOrganization"]["name"], EVIL);
        // Every hostile string is shown to the reader as text.
        let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
        assert_eq!(h1, EVIL);
        // The pictures: the lead before the body, the `javascript:` one left out, every
        // word an attribute value or text, never markup.
        let imgs: Vec<ElementRef> = doc.select(&sel("figure > img")).collect();
        assert_eq!(imgs.len(), 2, "{text}");
        assert_eq!(imgs[0].attr("alt"), Some(EVIL));
        assert_eq!(imgs[0].attr("loading"), Some("lazy"));
        assert_eq!(imgs[0].attr("width"), Some("640"));
        assert!(imgs[0].attr("src").unwrap().starts_with("pictures/"));
        assert!(
            imgs[1]
                .attr("src")
                .unwrap()
                .starts_with("https://example.org/a.jpg?x=")
        );
        assert_eq!(imgs[1].attr("alt"), Some(""));
        let caption: String = doc
            .select(&sel("figcaption"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert_eq!(caption, format!("{EVIL} {EVIL}"));
        let credit: String = doc
            .select(&sel("figcaption .photo-credit"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert_eq!(credit, EVIL);
        assert!(!text.contains("alert(6)"), "{text}");
        let first_figure = text.find("<figure>").unwrap();
        assert!(
            first_figure < text.find("<blockquote>").unwrap(),
            "the lead comes before the body"
        );
        assert_eq!(ld["image"][0]["@type"], "ImageObject");
        assert_eq!(ld["image"][0]["caption"], EVIL);
        assert_eq!(ld["image"][0]["creditText"], EVIL);
        assert_eq!(ld["image"].as_array().map(Vec::len), Some(2));
    }
    assert_same_text_as_preview(&article);
}

#[test]
fn html_text_matches_the_preview_for_the_samples() {
    for article in samples() {
        assert_same_text_as_preview(&article);
    }
    let mut lone = samples().remove(0);
    lone.body = format!("## Heading first\n\n{}", lone.body);
    assert_same_text_as_preview(&lone);
}

/// `tidy` (HTML Tidy 5, Debian package `tidy`) finds neither errors nor warnings in the page.
/// CI installs it.
#[test]
fn tidy_finds_no_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages = samples();
    pages.push(hostile());
    for (i, article) in pages.iter().enumerate() {
        let path = dir.path().join(format!("{i}.html"));
        std::fs::write(&path, html::to_string(article, HtmlOptions::default())).unwrap();
        let Ok(run) = Command::new("tidy")
            .args(["-errors", "-quiet"])
            .arg(&path)
            .output()
        else {
            common::skip("tidy is not installed");
            return;
        };
        // Exit 0: not even a warning (1 is warnings, 2 errors). The one exception: Tidy 5.6
        // (Debian's) predates the HTML standard's `loading` attribute of `<img>` and calls
        // it proprietary; the HTML5 parser tests accept it.
        let stderr = String::from_utf8_lossy(&run.stderr);
        let other: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.ends_with("Warning: <img> proprietary attribute \"loading\""))
            .collect();
        assert!(other.is_empty(), "{stderr}");
        let only_loading = run.status.code() == Some(1) && !stderr.is_empty();
        assert!(
            run.status.success() || only_loading,
            "{:?}: {stderr}",
            run.status,
        );
    }
}

/// The ninjs schema refers to the `GeoJSON` schema for `places[].geoJSON`, which our exports
/// never write (asserted in [`assert_valid_ninjs`]). Tests stay offline: that one reference is
/// answered with "any object", every other external reference fails the build of the validator.
struct OfflineGeoJson;

impl jsonschema::Retrieve for OfflineGeoJson {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str().trim_end_matches('#') == "https://geojson.org/schema/GeoJSON.json" {
            Ok(serde_json::json!({"type": "object"}))
        } else {
            Err(format!(
                "tests resolve no external schema but GeoJSON: {}",
                uri.as_str()
            )
            .into())
        }
    }
}

/// The official ninjs 3.1 schema from `../shared/schemas`; `None` (skipped) without it.
fn ninjs_validator() -> Option<jsonschema::Validator> {
    let path = common::shared("schemas/ninjs-schema_3.1.json")?;
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("schema file"))
        .expect("schema is JSON");
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .with_retriever(OfflineGeoJson)
        .build(&schema)
        .expect("the official schema compiles");
    Some(validator)
}

fn assert_valid_ninjs(validator: &jsonschema::Validator, article: &Article) -> Value {
    let value: Value = serde_json::from_str(&ninjs::to_string(article)).expect("export is JSON");
    assert!(
        value.get("places").is_none(),
        "GeoJSON is not checked offline"
    );
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{value:#}");
    value
}

#[test]
fn ninjs_exports_validate_against_the_official_schema() {
    let Some(validator) = ninjs_validator() else {
        return;
    };
    for article in samples() {
        let v = assert_valid_ninjs(&validator, &article);
        assert_eq!(v["headlines"][0]["value"], article.headline.as_str());
        assert_eq!(v["standard"]["schema"], ninjs::SCHEMA_URI);
    }
    let v = assert_valid_ninjs(&validator, &hostile());
    // The pictures are associations: caption as headline and description, credit as `by`,
    // alt text as a description with role `alt`; the `javascript:` one is left out.
    let pictures = v["associations"].as_array().expect("associations");
    assert_eq!(pictures.len(), 2, "{v:#}");
    assert_eq!(pictures[0]["type"], "picture");
    assert_eq!(pictures[0]["name"], "featureimage");
    assert_eq!(pictures[0]["headlines"][0]["value"], EVIL);
    assert_eq!(pictures[0]["by"], EVIL);
    assert_eq!(pictures[0]["descriptions"][1]["role"], "alt");
    assert_eq!(pictures[0]["descriptions"][1]["value"], EVIL);
    assert_eq!(pictures[0]["renditions"][0]["width"], 640);
    // And they come back as pictures when the export is opened.
    let back = ninjs::from_str(&ninjs::to_string(&hostile())).unwrap();
    assert_eq!(back.pictures[0], hostile().pictures[0]);
    assert_valid_ninjs(&validator, &Article::default());
    // The validator is not a rubber stamp: a wrong shape is refused.
    let mut bad: Value = serde_json::from_str(&ninjs::to_string(&samples()[0])).unwrap();
    bad["headlines"] = Value::String("not an array".into());
    assert!(!validator.is_valid(&bad));
    let mut bad: Value = serde_json::from_str(&ninjs::to_string(&samples()[0])).unwrap();
    bad["contentCreated"] = Value::String("2024-10-01".into());
    assert!(!validator.is_valid(&bad), "formats are checked");
}

/// Agency items carry slugline, summary, keywords, urgency, an editorial note, version and
/// copyright: their ninjs still validates, with those in the schema's properties.
#[test]
fn ninjs_exports_of_agency_items_validate_with_their_feed_fields() {
    let Some(validator) = ninjs_validator() else {
        return;
    };
    let Some(feeds) = common::shared("feeds") else {
        return;
    };
    let mut seen = 0;
    for sub in ["iptc", "superdesk"] {
        for entry in std::fs::read_dir(feeds.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let feed = newsdesk::formats::feed::read(&std::fs::read(&path).unwrap()).unwrap();
            for item in feed.items {
                let v = assert_valid_ninjs(&validator, &item.article);
                seen += 1;
                if path.ends_with("dpa.xml") {
                    assert_eq!(v["urgency"], 4);
                    assert_eq!(v["version"], "1");
                    assert!(v["edNote"].as_str().unwrap().contains("Bild"));
                    assert!(
                        v["subjects"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|s| s["name"] == "Champions League")
                    );
                }
                if path.ends_with("efe_nitf.xml") {
                    assert_eq!(v["descriptions"][0]["value"], "Test Abstract");
                }
                if path.ends_with("LISTING_2_NewsML-G2_Text_Document.xml") {
                    assert_eq!(v["slugline"], "US-Finance-Fed");
                    assert!(v["copyrightNotice"].as_str().unwrap().contains("Acme"));
                }
            }
        }
    }
    assert!(seen >= 14, "{seen}");
}

fn any_article() -> impl Strategy<Value = Article> {
    (
        "\\PC{0,40}",
        "\\PC{0,20}",
        proptest::option::of((1900i32..2100, 1u32..13, 1u32..29)),
        "\\PC{0,20}",
        "\\PC{0,20}",
        "[-a-zA-Z0-9 \n*_#>`\\[\\]()<>&\"':/.]{0,300}",
        "\\PC{0,10}",
        prop_oneof![Just("id".to_owned()), Just("en".to_owned()), "\\PC{0,6}"],
        "\\PC{0,20}",
        "\\PC{0,40}",
        proptest::collection::vec("\\PC{0,12}", 0..3),
        proptest::collection::vec(
            (
                prop_oneof![
                    Just("pictures/lead.jpg".to_owned()),
                    Just("https://example.org/a.jpg".to_owned()),
                    "\\PC{0,16}",
                ],
                "\\PC{0,20}",
                "\\PC{0,12}",
                "\\PC{0,20}",
            ),
            0..3,
        ),
    )
        .prop_map(
            |(
                headline,
                place,
                date,
                outlet,
                byline,
                body,
                credit,
                language,
                slugline,
                summary,
                keywords,
                pictures,
            )| Article {
                headline,
                dateline: Dateline {
                    place,
                    date: date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
                    outlet,
                },
                byline,
                body,
                credit,
                language,
                slugline,
                summary,
                keywords,
                pictures: pictures
                    .into_iter()
                    .map(|(source, caption, credit, alt)| Picture {
                        source,
                        caption,
                        credit,
                        alt,
                        width: 0,
                        height: 0,
                    })
                    .collect(),
                ..Article::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_article_exports_the_preview_text_as_valid_html(article in any_article()) {
        assert_same_text_as_preview(&article);
    }

    #[test]
    fn any_article_exports_valid_ninjs(article in any_article()) {
        thread_local! {
            static VALIDATOR: Option<jsonschema::Validator> = ninjs_validator();
        }
        VALIDATOR.with(|v| {
            if let Some(v) = v {
                assert_valid_ninjs(v, &article);
            }
        });
    }
}

fn os(s: &Path) -> &OsStr {
    s.as_os_str()
}

#[test]
fn convert_writes_html_page_fragment_and_ninjs() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample("nato-rutte.ron");
    let page = dir.path().join("a.html");
    let out = newsdesk(&[OsStr::new("convert"), os(&input), os(&page)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(text.starts_with("<!DOCTYPE html>"), "{text}");
    assert!(
        text.contains("<span class=\"dateline\">BRUSSELS, 1 Oktober 2024 (Liputan6.com) –</span>")
    );

    let frag = dir.path().join("b.htm");
    let out = newsdesk(&[
        OsStr::new("convert"),
        os(&input),
        os(&frag),
        OsStr::new("--fragment"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&frag).unwrap();
    assert!(text.starts_with("<article lang=\"id\">"), "{text}");

    let json = dir.path().join("a.json");
    let out = newsdesk(&[OsStr::new("convert"), os(&input), os(&json)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["type"], "text");
    assert_eq!(value["located"], "Brussels");
    assert_eq!(value["infoSources"][0]["name"], "AP");
    if let Some(validator) = ninjs_validator() {
        assert!(validator.is_valid(&value));
    }

    // --to overrides the extension, as for the other formats.
    let named = dir.path().join("out.txt");
    let out = newsdesk(&[
        OsStr::new("convert"),
        os(&input),
        os(&named),
        OsStr::new("--to"),
        OsStr::new("ninjs"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&named).unwrap(),
        std::fs::read_to_string(&json).unwrap()
    );
}

#[test]
fn convert_refuses_fragment_for_other_formats_and_reading_exports() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample("nato-rutte.ron");
    let json = dir.path().join("a.json");
    let out = newsdesk(&[
        OsStr::new("convert"),
        os(&input),
        os(&json),
        OsStr::new("--fragment"),
    ]);
    assert_input_error(&out, "--fragment applies only to HTML output");
    assert!(!json.exists(), "nothing written");

    let page = dir.path().join("a.html");
    std::fs::write(&page, "<p>x</p>").unwrap();
    let out = newsdesk(&[
        OsStr::new("convert"),
        os(&page),
        os(&dir.path().join("b.ron")),
    ]);
    let err = assert_input_error(&out, "HTML import is not supported");
    assert!(err.contains("a.html"), "{err}");
}

/// A throwaway Hugo site builds a page from our exported Markdown as is: the headline as
/// the title, the dateline date as the page date, and the body. CI installs `hugo`.
#[test]
fn hugo_builds_a_page_from_exported_markdown() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::create_dir_all(root.join("content/news")).unwrap();
    std::fs::create_dir_all(root.join("layouts/_default")).unwrap();
    std::fs::write(
        root.join("config.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"Desk\"\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
         # Straight quotes stay straight, so the body can be compared exactly.\n\
         [markup.goldmark.extensions]\ntypographer = false\n",
    )
    .unwrap();
    std::fs::write(
        root.join("layouts/_default/single.html"),
        "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>\
         <h1>{{ .Title }}</h1><time>{{ .Date.Format \"2006-01-02\" }}</time>\
         <p class=\"by\">{{ .Params.author }}</p>{{ .Content }}</body></html>\n",
    )
    .unwrap();
    std::fs::write(
        root.join("layouts/_default/list.html"),
        "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body></body></html>\n",
    )
    .unwrap();
    let mut article = formats::read(&sample("nato-rutte.ron"), Format::Ron).unwrap();
    article.byline = "Nama Penulis".into();
    let ron = root.join("rutte.ron");
    formats::write(&ron, &article, Format::Ron).unwrap();
    let md = root.join("content/news/rutte.md");
    // Through the real binary, as a newsroom pipeline would.
    let out = newsdesk(&[OsStr::new("convert"), os(&ron), os(&md)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let run = Command::new("hugo")
        .arg("--source")
        .arg(root)
        .args(["--destination", "public", "--quiet"])
        .output();
    let Ok(run) = run else {
        common::skip("hugo is not installed");
        return;
    };
    assert!(
        run.status.success(),
        "hugo failed: {}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let page = std::fs::read_to_string(root.join("public/news/rutte/index.html")).unwrap();
    let doc = Html::parse_document(&page);
    let text = |s: &str| -> String { doc.select(&sel(s)).next().unwrap().text().collect() };
    assert_eq!(text("title"), article.headline);
    assert_eq!(text("h1"), article.headline);
    assert_eq!(text("time"), "2024-10-01");
    assert_eq!(text("p.by"), "Nama Penulis");
    let paragraphs: Vec<String> = doc
        .select(&sel("body > p:not(.by)"))
        .map(|p| p.text().collect())
        .collect();
    let body: Vec<&str> = article
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    assert_eq!(paragraphs, body);
}

/// A ninjs export opens again (through the real binary) with the same fields and the same
/// preview text; only Markdown styling is lost, as plain text has none.
#[test]
fn ninjs_exports_reopen_with_the_same_preview_text() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["nato-rutte.ron", "harbor-ferry.ron"] {
        let original = formats::read(&sample(name), Format::Ron).unwrap();
        let json = dir.path().join("a.json");
        let back = dir.path().join("b.ron");
        for (from, to) in [(sample(name), &json), (json.clone(), &back)] {
            let out = newsdesk(&[OsStr::new("convert"), os(&from), os(to)]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let reopened = formats::read(&back, Format::Ron).unwrap();
        assert_eq!(reopened.headline, original.headline);
        assert_eq!(reopened.dateline, original.dateline);
        assert_eq!(reopened.credit, original.credit);
        assert_eq!(reopened.language, original.language);
        assert_eq!(
            normalise(&render::render(&reopened).plain_text()),
            normalise(&render::render(&original).plain_text()),
            "{name}"
        );
    }
    let not_ninjs = dir.path().join("package.json");
    std::fs::write(&not_ninjs, "{\"name\": \"x\"}").unwrap();
    let out = newsdesk(&[
        OsStr::new("convert"),
        os(&not_ninjs),
        os(&dir.path().join("c.ron")),
    ]);
    let err = assert_input_error(&out, "not a ninjs news item");
    assert!(err.contains("package.json"), "{err}");
}

#[test]
fn export_with_check_errors_needs_force_and_writes_nothing_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("no-headline.md");
    std::fs::write(&input, "---\nlang: en\n---\n\nA body without a headline.\n").unwrap();
    for ext in ["html", "json"] {
        let output = dir.path().join(format!("out.{ext}"));
        let args = ["convert".as_ref(), input.as_os_str(), output.as_os_str()];
        let out = common::newsdesk(&args);
        let stderr = common::assert_input_error(&out, "no-headline.md");
        assert!(
            stderr.contains("--force") && stderr.contains("missing-headline"),
            "{stderr}"
        );
        assert!(!output.exists(), "{ext} written despite errors");
        let forced = common::newsdesk(&[args[0], args[1], args[2], "--force".as_ref()]);
        assert_eq!(
            forced.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&forced.stderr)
        );
        assert!(output.exists());
    }
    // Saving in an editing format is not an export: no checks block it.
    let md = dir.path().join("copy.md");
    let out = common::newsdesk(&["convert".as_ref(), input.as_os_str(), md.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
}

/// The picture sample's Markdown export, as a Hugo page bundle with its picture files
/// beside it: a layout reading `images` as themes do finds each file as a page resource
/// (Hugo decodes it for its size), and Newsdesk's `pictures` give alt text and caption.
#[test]
#[allow(clippy::too_many_lines)] // one site set up, built and read, step after step
fn hugo_finds_the_pictures_of_the_exported_markdown() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let bundle = root.join("content/news/ferry");
    std::fs::create_dir_all(bundle.join("pictures")).unwrap();
    std::fs::create_dir_all(root.join("layouts/_default")).unwrap();
    std::fs::write(
        root.join("config.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"Desk\"\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("layouts/_default/single.html"),
        "<!DOCTYPE html><html><head><title>{{ .Title }}</title>\
         {{ template \"_internal/opengraph.html\" . }}</head><body>\
         {{ range .Params.images }}{{ with $.Resources.GetMatch . }}\
         <img class=\"found\" src=\"{{ .RelPermalink }}\" width=\"{{ .Width }}\" height=\"{{ .Height }}\">\
         {{ end }}{{ end }}\
         {{ range .Params.pictures }}<figure><img src=\"{{ .source }}\" alt=\"{{ .alt }}\">\
         <figcaption>{{ .caption }} <span>{{ .credit }}</span></figcaption></figure>{{ end }}\
         {{ .Content }}</body></html>\n",
    )
    .unwrap();
    std::fs::write(
        root.join("layouts/_default/list.html"),
        "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body></body></html>\n",
    )
    .unwrap();
    for name in ["ferry-lead.jpg", "ferry-crew.png"] {
        std::fs::copy(
            sample(&format!("pictures/{name}")),
            bundle.join("pictures").join(name),
        )
        .unwrap();
    }
    let md = bundle.join("index.md");
    let out = newsdesk(&[
        OsStr::new("convert"),
        os(&sample("harbor-ferry-pictures.ron")),
        os(&md),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = Command::new("hugo")
        .arg("--source")
        .arg(root)
        .args(["--destination", "public", "--quiet"])
        .output();
    let Ok(run) = run else {
        common::skip("hugo is not installed");
        return;
    };
    assert!(
        run.status.success(),
        "hugo failed: {}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let public = root.join("public/news/ferry");
    let page = std::fs::read_to_string(public.join("index.html")).unwrap();
    let doc = Html::parse_document(&page);
    let found: Vec<(String, String, String)> = doc
        .select(&sel("img.found"))
        .map(|i| {
            let a = |n: &str| i.attr(n).unwrap_or_default().to_owned();
            (a("src"), a("width"), a("height"))
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "/news/ferry/pictures/ferry-lead.jpg".into(),
                "640".into(),
                "400".into()
            ),
            (
                "/news/ferry/pictures/ferry-crew.png".into(),
                "320".into(),
                "240".into()
            ),
        ],
        "{page}"
    );
    // Hugo published the files beside the page, and the social card names the lead.
    assert!(public.join("pictures/ferry-lead.jpg").is_file());
    let og: Vec<&str> = doc
        .select(&sel("meta[property='og:image']"))
        .filter_map(|m| m.attr("content"))
        .collect();
    assert!(
        og.first()
            .is_some_and(|u| u.ends_with("pictures/ferry-lead.jpg")),
        "{page}"
    );
    let alt: Vec<&str> = doc
        .select(&sel("figure img"))
        .filter_map(|i| i.attr("alt"))
        .collect();
    assert_eq!(
        alt,
        [
            "A white ferry with a red cabin on blue water under a pale sky",
            "Two round figures, one blue and one red, on a sand-coloured background"
        ]
    );
}
