//! `newsdesk check --state`: the desk chief's last look, on the real binary.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::ffi::OsStr;
use std::path::Path;

use common::newsdesk;
use newsdesk::article::{Article, Dateline, StoryState};
use newsdesk::formats::{self, Format};

fn write(dir: &Path, name: &str, headline: &str, state: StoryState) {
    let a = Article {
        headline: headline.into(),
        dateline: Dateline {
            place: "Jakarta".into(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 10, 1),
            outlet: "Newsdesk".into(),
        },
        body: "Hujan deras turun di Jakarta pada Selasa.".into(),
        credit: "ANTARA".into(),
        language: "id".into(),
        state,
        ..Article::default()
    };
    let path = dir.join(name);
    let format = Format::from_path(&path).expect("an article extension");
    formats::write(&path, &a, format).expect("the story is written");
}

fn check_state(args: &[&OsStr]) -> (Option<i32>, String, String) {
    let mut all: Vec<&OsStr> = vec!["check".as_ref(), "--state".as_ref(), "ready".as_ref()];
    all.extend_from_slice(args);
    let out = newsdesk(&all);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_state_ready_names_each_ready_story_with_errors_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    // No headline: an error.
    write(dir.path(), "ready-bad.ron", "", StoryState::Ready);
    write(dir.path(), "ready-bad.md", "", StoryState::Ready);
    write(
        dir.path(),
        "ready-ok.ron",
        "Banjir di Jakarta",
        StoryState::Ready,
    );
    // Errors, but not marked ready: not this look's business.
    write(dir.path(), "draft-bad.ron", "", StoryState::Draft);
    let (code, stdout, stderr) = check_state(&[dir.path().as_os_str()]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(
        stderr.contains("2 stories marked ready with errors"),
        "{stderr}"
    );
    for name in ["ready-bad.ron", "ready-bad.md"] {
        assert!(stderr.contains(name), "{stderr}");
        assert!(stdout.contains(name), "{stdout}");
    }
    assert!(!stdout.contains("draft-bad") && !stderr.contains("draft-bad"));
    assert!(!stdout.contains("ready-ok") && !stderr.contains("ready-ok"));
    assert!(stdout.contains("missing-headline"), "{stdout}");

    // Files named one by one work the same.
    let ok = dir.path().join("ready-ok.ron");
    let draft = dir.path().join("draft-bad.ron");
    let (code, stdout, stderr) = check_state(&[ok.as_os_str(), draft.as_os_str()]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (Some(0), "", ""));
}

#[test]
fn check_state_refuses_an_unknown_state() {
    let out = newsdesk(&[
        "check".as_ref(),
        "--state".as_ref(),
        "rejected".as_ref(),
        ".".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("rejected"));
}

#[test]
fn newsdesk_import_writes_wire_copy() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("copy.txt");
    std::fs::write(&input, "Judul Berita\n\nJakarta - Isi berita pertama.\n").unwrap();
    let out = dir.path().join("desk");
    let run = newsdesk(&[
        "import".as_ref(),
        input.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let files = newsdesk::desk::article_files(&out).unwrap();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("state: wire\n"), "{text}");
}

#[test]
fn convert_mark_published_sets_the_state_once_the_export_is_written() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "s.md", "Banjir di Jakarta", StoryState::Ready);
    let story = dir.path().join("s.md");
    let state = || formats::open(&story, Format::Md).unwrap().article.state;
    let convert = |out: &Path| {
        newsdesk(&[
            "convert".as_ref(),
            story.as_os_str(),
            out.as_os_str(),
            "--mark-published".as_ref(),
        ])
    };

    // Not an export for publishing: refused before anything is written.
    let copy = dir.path().join("copy.ron");
    let run = convert(&copy);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--mark-published"));
    assert!(!copy.exists());
    // An export that cannot be written publishes nothing.
    let run = convert(&dir.path().join("no-such-folder").join("s.html"));
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(state(), StoryState::Ready);

    let page = dir.path().join("s.html");
    let run = convert(&page);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    assert!(page.exists());
    assert_eq!(state(), StoryState::Published);
    let text = std::fs::read_to_string(&story).unwrap();
    assert!(text.contains("state: published\n"), "{text}");

    // Raw copy cannot take the state back.
    let raw = dir.path().join("copy.txt");
    std::fs::write(&raw, "Judul Berita\n\nJakarta - Isi berita pertama.\n").unwrap();
    let run = newsdesk(&[
        "convert".as_ref(),
        raw.as_os_str(),
        dir.path().join("raw.html").as_os_str(),
        "--mark-published".as_ref(),
        "--force".as_ref(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains(".ron or .md"));
    assert!(!dir.path().join("raw.html").exists());
}
