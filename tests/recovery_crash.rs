//! Crash recovery through a real kill -9: a child process autosaves two documents while
//! "typing", is killed without warning, and a fresh start finds both journals with their
//! paths and the exact text. (The window's own crash test drives the same core.)

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsdesk::Article;
use newsdesk::formats::Format;
use newsdesk::storage::autosave::{Autosaver, Snapshot, Timing};
use newsdesk::storage::journal::{self, DocId, Journal};

const CHILD_ENV: &str = "NEWSDESK_TEST_CRASH_CHILD";

/// The text typed into both documents: every kind of character a journal must keep.
fn body(n: u64) -> String {
    format!(
        "Draft {n}.\r\n\"Quotes\", r#\"raw\"#, \\backslash, tab\there, emoji 📰, RTL שלום.\n\n---\n"
    )
}

/// Not a test on its own: the process the real test starts and kills. It returns at once
/// unless started by that test.
#[test]
#[ignore = "run by killed_autosaver_leaves_recoverable_journals"]
fn crash_child() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    // Finds the folder through NEWSDESK_RECOVERY_DIR, as the window will.
    let journal = Journal::open_default().unwrap();
    let timing = Timing {
        quiet: Duration::from_millis(20),
        max_wait: Duration::from_millis(100),
    };
    let saver = Autosaver::with_timing(journal, timing).unwrap();
    let untitled = DocId::parse("untitled-1").unwrap();
    let titled = DocId::parse("titled-1").unwrap();
    for n in 0.. {
        for (id, path) in [(&untitled, None), (&titled, Some("/desk/story.md"))] {
            saver.changed(Snapshot {
                id: id.clone(),
                article: Arc::new(Article {
                    headline: format!("{id}"),
                    body: body(n),
                    ..Article::default()
                }),
                path: path.map(PathBuf::from),
                format: path.map(|_| Format::Md),
            });
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn journals(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
            .count()
    })
}

#[test]
fn killed_autosaver_leaves_recoverable_journals() {
    let dir = tempfile::tempdir().unwrap();
    let recovery_dir = dir.path().join("recovery");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--ignored", "--test-threads=1"])
        .env(CHILD_ENV, "1")
        .env(journal::ENV_DIR, &recovery_dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while journals(&recovery_dir) < 2 && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let it keep typing and rewriting the journals, so the kill lands mid-stream.
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();

    let journal = Journal::open(&recovery_dir).unwrap();
    let listing = journal.list().unwrap();
    assert!(listing.unreadable.is_empty(), "{:?}", listing.unreadable);
    assert_eq!(listing.entries.len(), 2, "{:?}", listing.entries);
    for entry in &listing.entries {
        let n: u64 = entry
            .article
            .body
            .strip_prefix("Draft ")
            .and_then(|rest| rest.split('.').next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert_eq!(entry.article.body, body(n), "text not exact");
        assert!(n > 0, "only the first keystroke was journaled");
        match entry.id.as_str() {
            "untitled-1" => {
                assert_eq!(entry.path, None);
                assert_eq!(entry.format, None);
            }
            "titled-1" => {
                assert_eq!(entry.path.as_deref(), Some(Path::new("/desk/story.md")));
                assert_eq!(entry.format, Some(Format::Md));
            }
            other => panic!("unexpected journal {other}"),
        }
        assert_eq!(journal.recover(&entry.id).unwrap(), *entry);
        journal.discard(&entry.id).unwrap();
    }
    assert!(journal.list().unwrap().entries.is_empty());
}
