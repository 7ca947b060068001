//! The desk in the window: a folder's story list beside the form, driven headless.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose
#![cfg(feature = "gui")]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::window::{Dropped, Settle, harness};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newsdesk::app::{App, Command, DeskCommand};
use newsdesk::article::{Article, Dateline, StoryState};
use newsdesk::formats::{self, Format};

fn story(dir: &Path, name: &str, headline: &str, body: &str) {
    let a = Article {
        headline: headline.into(),
        dateline: Dateline {
            place: "Jakarta".into(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 10, 1),
            outlet: "Newsdesk".into(),
        },
        body: body.into(),
        credit: "ANTARA".into(),
        language: "id".into(),
        state: StoryState::Wire,
        ..Article::default()
    };
    formats::write(&dir.join(name), &a, Format::Ron).expect("the story is written");
}

/// Frames until `done` holds, for at most 10 s (the desk reads on its own threads).
fn settle_until(h: &mut Harness<'_, App>, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    loop {
        h.settle();
        if done(h.state()) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn open_path(h: &Harness<'_, App>) -> String {
    h.state()
        .document()
        .path()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn a_folder_lists_its_stories_filters_opens_and_follows_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    story(
        dir.path(),
        "a-banjir.ron",
        "Banjir di Jakarta",
        "Hujan deras sejak pagi.",
    );
    story(
        dir.path(),
        "b-rutte.ron",
        "Rutte pimpin NATO",
        "Di Brussel.",
    );
    story(
        dir.path(),
        "c-feri.ron",
        "Kapal feri berlayar lagi",
        "Pelabuhan dibuka.",
    );

    // `newsdesk DIR`: the folder opens as a desk, no dialog.
    let mut h = harness(Some(dir.path().to_owned()));
    settle_until(&mut h, "the list", |app| {
        app.desk().is_some_and(|d| d.is_listed() && d.len() == 3)
    });
    for headline in [
        "Banjir di Jakarta",
        "Rutte pimpin NATO",
        "Kapal feri berlayar lagi",
    ] {
        assert!(
            h.query_by_label_contains(headline).is_some(),
            "{headline} row"
        );
    }

    // The filter matches body words.
    h.get_by_role_and_label(Role::TextInput, "Filter").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Filter")
        .type_text("pelabuhan");
    h.settle();
    assert_eq!(h.state().desk().unwrap().len(), 1);
    assert!(h.query_by_label_contains("Rutte pimpin NATO").is_none());
    assert!(h.query_by_label_contains("Kapal feri").is_some());

    // Enter opens the story under the cursor.
    h.key_press(Key::Enter);
    h.settle();
    h.key_press(Key::Enter);
    h.settle();
    assert_eq!(open_path(&h), "c-feri.ron");

    // Back to the whole list, sorted by headline; the open story is still there.
    h.state_mut()
        .queue(Command::Desk(DeskCommand::Filter(String::new())));
    h.state_mut().queue(Command::Desk(DeskCommand::Sort(
        newsdesk::desk::Sort::Headline,
    )));
    h.settle();
    assert_eq!(h.state().desk().unwrap().len(), 3);

    // An edit makes the wire copy a draft; Next story asks about the unsaved change.
    h.get_by_role_and_label(Role::TextInput, "Byline").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Byline")
        .type_text("Rina");
    h.settle();
    assert_eq!(h.state().document().article().state, StoryState::Draft);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.settle();
    assert!(h.state().is_prompting(), "Next story asks first");
    for button in ["Save", "Discard", "Cancel"] {
        assert!(h.query_by_label(button).is_some(), "{button} button");
    }
    h.get_by_label("Cancel").click();
    h.settle();
    assert_eq!(open_path(&h), "c-feri.ron");
    assert!(h.state().document().is_modified(), "cancel keeps the edit");
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.settle();
    h.get_by_label("Discard").click();
    h.settle();
    // Sorted by headline: Banjir, Kapal, Rutte.
    assert_eq!(open_path(&h), "b-rutte.ron");
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.settle();
    assert_eq!(
        open_path(&h),
        "c-feri.ron",
        "previous story, nothing unsaved"
    );

    // A file written into the folder by another program appears.
    story(
        dir.path(),
        "d-baru.ron",
        "Berita baru dari luar",
        "Tulisan lain.",
    );
    settle_until(&mut h, "the new file's row", |app| {
        app.desk().unwrap().len() == 4
    });
    h.settle();
    assert!(h.query_by_label_contains("Berita baru dari luar").is_some());
    // And one removed goes.
    std::fs::remove_file(dir.path().join("a-banjir.ron")).unwrap();
    settle_until(&mut h, "the removed file's row", |app| {
        app.desk().unwrap().len() == 3
    });
}

#[test]
fn marking_a_story_with_errors_ready_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    // No headline: an error from the checks.
    story(dir.path(), "bad.ron", "", "Isi berita.");
    let mut h = harness(Some(dir.path().join("bad.ron")));
    h.state_mut()
        .queue(Command::Desk(DeskCommand::SetState(StoryState::Ready)));
    h.settle();
    assert!(h.query_by_label("Mark ready with errors?").is_some());
    h.get_by_label("Cancel").click();
    h.settle();
    assert_eq!(h.state().document().article().state, StoryState::Wire);
    h.state_mut()
        .queue(Command::Desk(DeskCommand::SetState(StoryState::Ready)));
    h.settle();
    h.get_by_label("Mark ready anyway").click();
    h.settle();
    assert_eq!(h.state().document().article().state, StoryState::Ready);
    assert!(h.state().document().is_modified());
    // The form's drop-down shows it and has an accessible label.
    assert!(h.query_by_label("State").is_some());
}

#[test]
fn exporting_for_publishing_marks_the_story_published_once_written() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path(), "s.ron", "Rutte tiba di Brussels", "Isi berita.");
    let mut h = harness(Some(dir.path().join("s.ron")));
    let state = |h: &Harness<'_, App>| h.state().document().article().state;

    // A failed export publishes nothing.
    let nowhere = dir.path().join("missing-folder").join("s.html");
    h.state_mut().queue(Command::ExportTo(nowhere.clone()));
    h.settle();
    assert!(!nowhere.exists());
    assert_eq!(state(&h), StoryState::Wire);

    // Markdown is a copy, not publishing: the state stays.
    h.state_mut()
        .queue(Command::ExportTo(dir.path().join("copy.md")));
    h.settle();
    assert_eq!(state(&h), StoryState::Wire);

    let page = dir.path().join("s.html");
    h.state_mut().queue(Command::ExportTo(page.clone()));
    h.settle();
    assert!(page.exists(), "the page is written");
    assert_eq!(state(&h), StoryState::Published);
    assert!(
        h.state().document().is_modified(),
        "the state is an edit to save"
    );
    h.state_mut().queue(Command::Undo);
    h.settle();
    assert_eq!(state(&h), StoryState::Wire, "one undo step gives it back");

    // Switched off in the File menu, exporting leaves the state alone.
    h.state_mut().queue(Command::TogglePublishOnExport);
    h.state_mut()
        .queue(Command::ExportTo(dir.path().join("s.json")));
    h.settle();
    assert!(dir.path().join("s.json").exists());
    assert_eq!(state(&h), StoryState::Wire);
}

#[test]
fn dropping_a_folder_onto_the_window_opens_it_as_a_desk() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path(), "a.ron", "Banjir di Jakarta", "Isi berita.");
    story(dir.path(), "b.ron", "Gempa di Cianjur", "Isi berita.");
    let mut h = harness(None);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(dir.path().to_owned())));
    settle_until(&mut h, "the dropped folder listed", |app| {
        app.desk().is_some_and(|d| d.is_listed() && d.len() == 2)
    });
    assert_eq!(
        h.state().desk().map(newsdesk::desk::Desk::dir),
        Some(dir.path())
    );
    assert!(h.query_by_label_contains("Gempa di Cianjur").is_some());
    assert!(
        h.state().document().path().is_none(),
        "a folder is not opened as a file"
    );
}
