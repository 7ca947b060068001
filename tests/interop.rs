//! Other tools read our Markdown: an independent YAML parser, and Pandoc when installed.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::process::Command;

use common::sample;
use newsdesk::formats::markdown;
use yaml_rust2::{Yaml, YamlLoader};

fn front_matter(text: &str) -> &str {
    let rest = text.strip_prefix("---\n").expect("opens with ---");
    &rest[..=rest.find("\n---\n").expect("closes with ---")]
}

#[test]
fn an_independent_yaml_parser_reads_our_front_matter_keys() {
    let mut article =
        markdown::from_str(&std::fs::read_to_string(sample("nato-rutte.md")).unwrap()).unwrap();
    // Values that need quoting in YAML, to prove the writer quotes them.
    article.headline = "Rutte: \"NATO\" # 1 — yes".into();
    article.byline = "- no, @someone's: [x]".into();
    let text = markdown::to_string(&article).unwrap();
    let docs = YamlLoader::load_from_str(front_matter(&text)).unwrap();
    let Yaml::Hash(map) = &docs[0] else {
        panic!("front matter is a mapping");
    };
    let get = |k: &str| {
        map.get(&Yaml::String(k.into()))
            .and_then(Yaml::as_str)
            .map(str::to_owned)
    };
    let keys: Vec<&str> = map.keys().filter_map(Yaml::as_str).collect();
    assert_eq!(
        keys,
        [
            "title", "dateline", "outlet", "date", "author", "credit", "lang"
        ]
    );
    assert_eq!(get("title").as_deref(), Some("Rutte: \"NATO\" # 1 — yes"));
    assert_eq!(get("author").as_deref(), Some("- no, @someone's: [x]"));
    assert_eq!(get("dateline").as_deref(), Some("Brussels"));
    assert_eq!(get("outlet").as_deref(), Some("Liputan6.com"));
    assert_eq!(get("date").as_deref(), Some("2024-10-01"));
    assert_eq!(get("credit").as_deref(), Some("AP"));
    assert_eq!(get("lang").as_deref(), Some("id"));
}

/// Pandoc reads the sample's front matter as document metadata. CI installs Pandoc; a
/// machine without it skips loudly.
#[test]
fn pandoc_reads_the_sample_title() {
    let out_dir = tempfile::tempdir().unwrap();
    let html = out_dir.path().join("x.html");
    let run = Command::new("pandoc")
        .arg(sample("nato-rutte.md"))
        .args(["-s", "-o"])
        .arg(&html)
        .output();
    let Ok(run) = run else {
        common::skip("pandoc is not installed");
        return;
    };
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("<title>Jens Stoltenberg Mundur, Mark Rutte Resmi Pimpin NATO</title>"),
        "{page}"
    );
    assert!(page.contains("Kesinambungan"));
}
