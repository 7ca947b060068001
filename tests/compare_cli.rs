//! `newsdesk diff` and `newsdesk versions`, the real binary: exit codes as `diff(1)`,
//! word marks as `git diff --word-diff`, and the version store behind `convert
//! --keep-version`.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

use common::{assert_input_error, newsdesk, sample};

/// Runs `newsdesk` with its data folder (the version store) in `data`.
fn with_data(data: &Path, args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .env("NEWSDESK_DATA_DIR", data)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("newsdesk runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_raw_copy_against_the_structured_story_shows_the_headline_added_and_the_body_changes() {
    let out = newsdesk(&[
        "diff".as_ref(),
        sample("nato-rutte-liputan6.txt").as_os_str(),
        sample("nato-rutte.md").as_os_str(),
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("--- ") && lines[1].starts_with("+++ "),
        "{text}"
    );
    assert_eq!(
        lines[2],
        "headline: {+Jens Stoltenberg Mundur, Mark Rutte Resmi Pimpin NATO+}"
    );
    // The importer split the glued sentence into two paragraphs; the hand-made story
    // keeps it glued: one paragraph joined from two, marked word by word.
    assert!(
        text.contains("body ¶4 (joined from old ¶4–5): Serangkaian acara")
            && text.contains("[-menyatukan.\n\nKesinambungan-]{+menyatukan.Kesinambungan+}"),
        "{text}"
    );
    let summary = lines.last().unwrap();
    assert!(summary.starts_with("headline changed; body: "), "{summary}");
    assert!(summary.contains("1 paragraph joined"), "{summary}");
    assert!(out.stderr.is_empty(), "no import report on stderr");
}

#[test]
fn a_file_against_itself_is_equal_and_a_missing_file_is_an_error() {
    let md = sample("nato-rutte.md");
    let out = newsdesk(&["diff".as_ref(), md.as_os_str(), md.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).ends_with("no changes\n"), "{}", stdout(&out));
    // The same story in the other format is equal too.
    let ron = sample("nato-rutte.ron");
    let out = newsdesk(&["diff".as_ref(), ron.as_os_str(), md.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    let missing = Path::new("samples/no-such-story.md");
    let out = newsdesk(&["diff".as_ref(), md.as_os_str(), missing.as_os_str()]);
    assert_input_error(&out, "no-such-story.md: no such file");
    let out = newsdesk(&["diff".as_ref(), md.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "B, --version or --original is needed"
    );
}

#[test]
fn json_gives_each_field_its_runs() {
    let out = newsdesk(&[
        "diff".as_ref(),
        sample("nato-rutte-liputan6.txt").as_os_str(),
        sample("nato-rutte.md").as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["equal"], false);
    let fields = v["fields"].as_array().unwrap();
    let headline = fields.iter().find(|f| f["field"] == "headline").unwrap();
    assert_eq!(headline["changed"], true);
    assert_eq!(
        headline["runs"],
        serde_json::json!([{"op": "insert", "text": "Jens Stoltenberg Mundur, Mark Rutte Resmi Pimpin NATO"}])
    );
    let credit = fields.iter().find(|f| f["field"] == "credit").unwrap();
    assert_eq!(credit["changed"], false);
    assert_eq!(
        credit["runs"],
        serde_json::json!([{"op": "equal", "text": "AP"}])
    );
    let body = fields.iter().find(|f| f["field"] == "body").unwrap();
    let ops: Vec<&str> = body["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["op"].as_str().unwrap())
        .collect();
    assert!(ops.contains(&"insert") && ops.contains(&"delete") && ops.contains(&"equal"));
    assert!(
        body["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["shape"]["kind"] == "joined")
    );
}

#[test]
fn saved_versions_and_the_original_are_listed_shown_and_compared() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.md");
    let raw = sample("nato-rutte-liputan6.txt");
    let keep = |input: &Path| {
        let out = with_data(
            data.path(),
            &[
                "convert".as_ref(),
                input.as_os_str(),
                story.as_os_str(),
                "--keep-version".as_ref(),
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    // Imported: the file gets an id, the store the original and version 1.
    keep(&raw);
    let first = std::fs::read_to_string(&story).unwrap();
    assert!(first.starts_with("---\nid: "), "{first}");
    // An edit elsewhere, then saved again through the same path.
    let edited = dir.path().join("edited.md");
    std::fs::write(
        &edited,
        first.replace("lang: id\n", "title: Rutte Pimpin NATO\nlang: id\n"),
    )
    .unwrap();
    keep(&edited);
    keep(&edited); // unchanged: no new version
    let list = with_data(data.path(), &["versions".as_ref(), story.as_os_str()]);
    let listing = stdout(&list);
    assert_eq!(list.status.code(), Some(0), "{listing}");
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 3, "{listing}");
    assert!(
        lines[0].contains("original") && lines[0].contains("nato-rutte-liputan6.txt"),
        "{listing}"
    );
    assert!(lines[1].contains("version   1") && lines[1].ends_with("0 words changed"));
    assert!(lines[2].contains("version   2") && lines[2].ends_with("3 words changed"));

    let show = with_data(
        data.path(),
        &[
            "versions".as_ref(),
            story.as_os_str(),
            "--show".as_ref(),
            "1".as_ref(),
        ],
    );
    assert_eq!(stdout(&show), first);

    let against = |flag: &[&str]| {
        let mut args: Vec<&OsStr> = vec!["diff".as_ref(), story.as_os_str()];
        args.extend(flag.iter().map(OsStr::new));
        with_data(data.path(), &args)
    };
    let v1 = against(&["--version", "1"]);
    assert_eq!(v1.status.code(), Some(1));
    assert!(
        stdout(&v1).contains("headline: {+Rutte Pimpin NATO+}"),
        "{}",
        stdout(&v1)
    );
    assert_eq!(against(&["--version", "2"]).status.code(), Some(0));
    let original = against(&["--original"]);
    assert_eq!(original.status.code(), Some(1));
    assert!(stdout(&original).contains("(original: nato-rutte-liputan6.txt)"));
    assert_input_error(&against(&["--version", "9"]), "version 9 is not stored");

    // A file without an id has no versions: said on one line, exit 2.
    let out = with_data(
        data.path(),
        &["versions".as_ref(), sample("nato-rutte.md").as_os_str()],
    );
    assert_input_error(&out, "has no id yet");
}

#[test]
fn keep_version_needs_an_article_output_and_an_unwritable_store_only_warns() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("a.html");
    let out = newsdesk(&[
        "convert".as_ref(),
        sample("nato-rutte.md").as_os_str(),
        html.as_os_str(),
        "--keep-version".as_ref(),
    ]);
    assert_input_error(&out, "--keep-version applies only to .ron and .md output");
    assert!(!html.exists());

    // The data folder is a file: the article is saved all the same, with a warning.
    let blocked = dir.path().join("data");
    std::fs::write(&blocked, "in the way").unwrap();
    let md = dir.path().join("a.md");
    let out = with_data(
        &blocked,
        &[
            "convert".as_ref(),
            sample("nato-rutte.ron").as_os_str(),
            md.as_os_str(),
            "--keep-version".as_ref(),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("saved, but no version kept"), "{stderr}");
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("---\nid: ")
    );
}
