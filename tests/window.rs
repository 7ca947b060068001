//! The editor window, driven headless through its accessibility tree like a user would.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose
#![cfg(feature = "gui")]

mod common;

use std::path::Path;

use common::sample;
use common::window::{Dropped, ScriptedDialogs, Settle, harness, harness_with, selection};
use egui::accesskit::Role;
use egui::{Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newsdesk::app::{App, AppOptions, editor};
use newsdesk::formats::{self, Format};

fn request_close(h: &mut egui_kittest::Harness<'_, newsdesk::app::App>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
}

fn sent(h: &egui_kittest::Harness<'_, newsdesk::app::App>, wanted: &ViewportCommand) -> bool {
    h.output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(wanted))
}

#[test]
fn typing_in_the_headline_updates_the_preview_and_the_unsaved_marker() {
    let mut h = harness(Some(sample("nato-rutte.ron")));
    assert_eq!(h.state().title(), "nato-rutte.ron — Newsdesk");
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .focus();
    h.settle();
    h.key_press(Key::End);
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .type_text(" Hari Ini");
    h.settle();
    let expected = "Jens Stoltenberg Mundur, Mark Rutte Resmi Pimpin NATO Hari Ini";
    assert_eq!(h.state().document().article().headline, expected);
    assert_eq!(h.state().preview_headline(), Some(expected));
    // The preview draws it as a label a reader (and a screen reader) sees.
    assert!(
        h.query_by_label(expected).is_some(),
        "preview shows the new headline"
    );
    assert_eq!(h.state().title(), "● nato-rutte.ron — Newsdesk");
    let count = format!("{} characters", expected.chars().count());
    assert!(h.query_by_label(&count).is_some(), "live count {count}");
}

#[test]
fn undo_and_redo_step_across_two_fields() {
    let mut h = harness(None);
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .focus();
    h.settle();
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .type_text("Alpha");
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Byline").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Byline")
        .type_text("Beta");
    h.settle();
    let fields = |h: &egui_kittest::Harness<'_, newsdesk::app::App>| {
        let a = &h.state().document().article();
        (a.headline.clone(), a.byline.clone())
    };
    assert_eq!(fields(&h), ("Alpha".into(), "Beta".into()));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.settle();
    assert_eq!(fields(&h), ("Alpha".into(), String::new()));
    // The field shows the restored text, not egui's own undo state.
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Byline").value(),
        Some(String::new())
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.settle();
    assert_eq!(fields(&h), (String::new(), String::new()));
    assert!(!h.state().document().is_modified());

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.settle();
    assert_eq!(fields(&h), ("Alpha".into(), String::new()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.settle();
    assert_eq!(fields(&h), ("Alpha".into(), "Beta".into()));
}

#[test]
fn find_counts_matches_and_replace_all_is_one_undo_step() {
    let mut h = harness(Some(sample("nato-rutte.ron")));
    let original = h.state().document().article().clone();
    let q = find_rutte(&mut h, Key::H);
    let n = newsdesk::find::count(&original, &q);
    assert!(n >= 3, "sample mentions Rutte several times: {n}");
    assert!(h.query_by_label(&format!("{n} matches")).is_some());

    h.get_by_label("Match case").click();
    h.settle();
    assert!(
        h.query_by_label("0 matches").is_some(),
        "no lower-case rutte"
    );
    h.get_by_label("Match case").click();
    h.settle();

    h.get_by_role_and_label(Role::TextInput, "Replace with")
        .focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Replace with")
        .type_text("Mark R.");
    h.settle();
    h.get_by_label("Replace All").click();
    h.settle();
    let a = &h.state().document().article();
    assert!(!a.headline.contains("Rutte") && !a.body.contains("Rutte"));
    assert!(a.headline.contains("Mark Mark R."), "{}", a.headline);
    assert!(h.query_by_label("0 matches").is_some());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.settle();
    assert_eq!(h.state().document().article(), &original);
}

/// Opens the find bar with Ctrl+`key` and looks for "rutte", case-insensitively.
fn find_rutte(h: &mut Harness<'_, App>, key: Key) -> newsdesk::find::Query {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Find")
        .type_text("rutte");
    h.settle();
    newsdesk::find::Query {
        text: "rutte".into(),
        case_sensitive: false,
    }
}

#[test]
fn find_next_and_previous_select_each_match_in_form_order() {
    let mut h = harness(Some(sample("nato-rutte.ron")));
    let article = h.state().document().article().clone();
    let q = find_rutte(&mut h, Key::F);
    let all = newsdesk::find::matches(&article, &q);
    assert!(all.len() >= 3, "{all:?}");
    // The selection is in characters; the sample's text before Rutte is ASCII.
    let expect = |h: &Harness<'_, App>, i: usize| {
        let m = &all[i];
        let text = newsdesk::checks::field_text(&article, m.field);
        let chars = |b: usize| text[..b].chars().count();
        assert_eq!(
            selection(h, m.field),
            Some(chars(m.range.start)..chars(m.range.end)),
            "match {i}: {m:?}"
        );
        assert!(h.ctx.memory(|mem| mem.has_focus(editor::field_id(m.field))));
        assert!(
            h.query_by_label(&format!("{} of {}", i + 1, all.len()))
                .is_some()
        );
    };

    // Enter in the find field goes to the first match, F3 and Ctrl+G to the next ones.
    h.key_press(Key::Enter);
    h.settle();
    expect(&h, 0);
    h.key_press(Key::F3);
    h.settle();
    expect(&h, 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.settle();
    expect(&h, 2);
    // Back, and around the ends.
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.settle();
    expect(&h, 1);
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
        h.settle();
    }
    expect(&h, all.len() - 1);
    h.get_by_label("Next").click();
    h.settle();
    expect(&h, 0);
    assert_eq!(
        h.state().document().article(),
        &article,
        "finding edits nothing"
    );

    // A query with no match says so.
    h.get_by_role_and_label(Role::TextInput, "Find").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Find")
        .type_text("zzz");
    h.settle();
    h.key_press(Key::F3);
    h.settle();
    assert!(h.query_by_label("0 matches").is_some());
    assert_eq!(h.state().notice(), Some("“ruttezzz” is not in the article"));
}

#[test]
fn closing_with_unsaved_changes_asks_save_discard_cancel() {
    let mut h = harness(Some(sample("harbor-ferry.ron")));
    // Unmodified: closing is not interrupted.
    request_close(&mut h);
    h.step();
    assert!(!sent(&h, &ViewportCommand::CancelClose));
    assert!(!h.state().is_prompting());

    h.get_by_role_and_label(Role::TextInput, "Byline").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Byline")
        .type_text("x");
    h.settle();
    request_close(&mut h);
    h.step();
    assert!(sent(&h, &ViewportCommand::CancelClose));
    h.settle();
    assert!(h.state().is_prompting());
    for button in ["Save", "Discard", "Cancel"] {
        assert!(h.query_by_label(button).is_some(), "{button} button");
    }
    h.get_by_label("Cancel").click();
    h.settle();
    assert!(!h.state().is_prompting());
    assert!(h.state().document().is_modified(), "cancel keeps the edit");

    request_close(&mut h);
    h.settle();
    h.get_by_label("Discard").click();
    h.step();
    assert!(
        sent(&h, &ViewportCommand::Close),
        "discard closes the window"
    );
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut h = harness(Some(sample("harbor-ferry.md")));
    h.get_by_role_and_label(Role::TextInput, "Credit").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Credit")
        .type_text("!");
    h.settle();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.settle();
    assert!(h.state().is_prompting());
    assert!(!h.state().document().article().headline.is_empty());
    h.get_by_label("Discard").click();
    h.settle();
    assert!(h.state().document().article().is_empty());
    assert_eq!(h.state().title(), "Untitled — Newsdesk");
}

#[test]
fn save_writes_the_file_and_clears_the_marker() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("story.md");
    let dialogs = ScriptedDialogs::default();
    dialogs.saves.borrow_mut().push_back(target.clone());
    let mut h = harness_with(AppOptions {
        dialogs: Box::new(dialogs.clone()),
        ..AppOptions::headless(None)
    });
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .focus();
    h.settle();
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .type_text("Ferry resumes");
    h.settle();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.settle();
    assert_eq!(dialogs.asked.borrow().as_slice(), ["article.ron"]);
    let saved = formats::read(&target, Format::Md).unwrap();
    assert_eq!(saved.headline, "Ferry resumes");
    assert_eq!(h.state().title(), "story.md — Newsdesk");

    // Saving again goes to the same file without asking.
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .type_text(" at dawn");
    h.settle();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.settle();
    assert_eq!(dialogs.asked.borrow().len(), 1);
    let saved = formats::read(&target, Format::Md).unwrap();
    assert_eq!(saved.headline, "Ferry resumes at dawn");
    assert_eq!(h.state().settings().recent.first(), Some(&target));
}

#[test]
fn export_writes_a_copy_and_keeps_the_document_file() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let dialogs = ScriptedDialogs::default();
    dialogs.saves.borrow_mut().push_back(page.clone());
    let mut h = harness_with(AppOptions {
        dialogs: Box::new(dialogs.clone()),
        ..AppOptions::headless(Some(sample("harbor-ferry.ron")))
    });
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.settle();
    assert_eq!(dialogs.asked.borrow().as_slice(), ["harbor-ferry.html"]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Harbor ferry returns to service"), "{html}");
    // The document keeps its own file; its only change is the state the export set
    // (File > Mark Published on Export), unsaved, so the sample on disk is untouched.
    assert_eq!(
        h.state().document().path(),
        Some(sample("harbor-ferry.ron").as_path())
    );
    assert_eq!(
        h.state().document().article().state,
        newsdesk::article::StoryState::Published
    );
    assert!(h.state().title().ends_with("harbor-ferry.ron — Newsdesk"));
    assert_eq!(
        formats::read(&sample("harbor-ferry.ron"), Format::Ron)
            .unwrap()
            .state,
        newsdesk::article::StoryState::default()
    );
}

#[test]
fn dropping_a_file_onto_the_window_opens_it() {
    let mut h = harness(None);
    let path = sample("harbor-ferry.md");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.settle();
    assert_eq!(h.state().document().path(), Some(path.as_path()));
    assert_eq!(h.state().title(), "harbor-ferry.md — Newsdesk");
    assert_eq!(h.state().settings().recent.first(), Some(&path));
}

#[test]
fn a_file_that_will_not_open_is_reported_in_the_window() {
    let missing = Path::new("no/such/story.ron").to_owned();
    let h = harness(Some(missing));
    let errors: Vec<_> = h.state().messages().iter().filter(|m| m.is_error).collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].text.contains("story.ron"), "{}", errors[0].text);
    assert!(
        h.query_by_label(&errors[0].text).is_some(),
        "shown, not only logged"
    );
}

#[test]
fn raw_copy_opens_through_the_importer_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("wire.txt");
    std::fs::copy(sample("nato-rutte-liputan6.txt"), &copy).unwrap();
    let original = std::fs::read(&copy).unwrap();
    let expected = formats::open(&copy, Format::Txt).unwrap();
    let report = expected.report.unwrap();
    let mut h = harness(Some(copy.clone()));
    assert_eq!(
        h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
            .value(),
        Some(expected.article.headline.clone())
    );
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Place").value(),
        Some(expected.article.dateline.place.clone())
    );
    assert!(!expected.article.body.is_empty() && !expected.article.dateline.place.is_empty());
    let note = format!("({} changes)", report.entries.len());
    assert!(
        h.state().messages().iter().any(|m| m.text.contains(&note)),
        "{:?}",
        h.state().messages()
    );
    assert_eq!(h.state().document().import_report(), Some(&report));

    h.get_by_role_and_label(Role::TextInput, "Byline").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Byline")
        .type_text("Desk");
    h.settle();
    // Save must ask for a new name; the dialog is cancelled, so nothing is written.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.settle();
    assert_eq!(std::fs::read(&copy).unwrap(), original);
    assert!(h.state().document().is_modified());
}

#[test]
fn the_headline_wraps_but_never_takes_a_line_break() {
    let mut h = harness(None);
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .focus();
    h.settle();
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .type_text("Rutte takes over");
    h.key_press(Key::Enter);
    h.settle();
    h.event(egui::Event::Paste(
        " at NATO\nas Stoltenberg\r\nleaves".into(),
    ));
    h.settle();
    assert_eq!(
        h.state().document().article().headline,
        "Rutte takes over at NATO as Stoltenberg leaves"
    );
}

#[test]
fn opening_each_sample_shows_its_fields() {
    let mut seen = 0;
    for entry in std::fs::read_dir(sample("")).unwrap() {
        let path = entry.unwrap().path();
        let Some(format @ (Format::Ron | Format::Md)) = Format::from_path(&path) else {
            continue;
        };
        let article = formats::read(&path, format).unwrap();
        let h = harness(Some(path.clone()));
        assert!(h.state().messages().is_empty(), "{path:?}");
        let value = |label: &str| h.get_by_role_and_label(Role::TextInput, label).value();
        assert_eq!(
            h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
                .value(),
            Some(article.headline.clone()),
            "{path:?}"
        );
        assert_eq!(value("Place"), Some(article.dateline.place.clone()));
        assert_eq!(value("Outlet"), Some(article.dateline.outlet.clone()));
        assert_eq!(value("Credit"), Some(article.credit.clone()));
        assert_eq!(
            h.get_by_role_and_label(Role::MultilineTextInput, "Body")
                .value(),
            Some(article.body.clone())
        );
        assert!(
            h.query_by_label(&article.headline).is_some(),
            "preview headline"
        );
        assert!(!h.state().document().is_modified());
        seen += 1;
    }
    assert!(seen >= 4, "samples found: {seen}");
}

/// The window's crash recovery: edits journaled by one run that never shut down are
/// offered by the next, and recovering restores the exact text.
#[test]
fn unsaved_edits_survive_a_crash_and_are_recovered_exactly() {
    let journal = tempfile::tempdir().unwrap();
    let options = || AppOptions {
        recovery_dir: Some(journal.path().to_owned()),
        ..AppOptions::headless(Some(sample("harbor-ferry.ron")))
    };
    let mut first = harness_with(options());
    first
        .get_by_role_and_label(Role::TextInput, "Byline")
        .focus();
    first.run();
    first
        .get_by_role_and_label(Role::TextInput, "Byline")
        .type_text(" & Ana Ruiz — “ünïcode”");
    first.run();
    first.state_mut().flush_autosave();
    let edited = first.state().document().article().clone();
    assert_ne!(edited.byline, "Dana Whitfield");
    // The run ends with no save and no discard, as in a crash: its journal stays and the
    // system lets go of its lock.
    drop(first);

    let mut second = once_offering(|| harness_with(options()));
    assert_eq!(second.state().recovery_offers(), 1);
    let button = format!("Recover {}", sample("harbor-ferry.ron").display());
    second.get_by_label(&button).click();
    // The recovered article goes to the checks thread, whose answer may come mid-run.
    second.settle();
    let doc = second.state().document();
    assert_eq!(doc.article(), &edited, "recovered text differs");
    assert!(doc.is_modified(), "recovered edits are unsaved");
    assert_eq!(doc.path(), Some(sample("harbor-ferry.ron").as_path()));
    assert_eq!(second.state().recovery_offers(), 0);
}

/// The window `open` makes, opened again (for up to ten seconds) until it offers a journal.
///
/// Dropping a window joins its autosaver, which lets go of the journal's lock at once; but
/// other tests in this binary run `newsdesk` as a child process, and a child forked in that
/// moment holds a copy of every open descriptor, the lock's among them, until it execs.
/// (CI once saw exactly that: the status-bar test's `newsdesk check` beside this one.) A
/// real window never forks, and a crash releases the lock with the process.
fn once_offering(open: impl Fn() -> Harness<'static, App>) -> Harness<'static, App> {
    let started = std::time::Instant::now();
    let mut window = open();
    while window.state().recovery_offers() == 0 && started.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        window = open();
    }
    window
}

/// A new-article window journaling into `journal`.
fn journaling_window(journal: &Path) -> Harness<'static, App> {
    harness_with(AppOptions {
        recovery_dir: Some(journal.to_owned()),
        ..AppOptions::headless(None)
    })
}

/// A new-article window with `headline` typed and journaled, not saved.
fn window_with_unsaved_headline(journal: &Path, headline: &str) -> Harness<'static, App> {
    let mut h = journaling_window(journal);
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .type_text(headline);
    h.run();
    h.state_mut().flush_autosave();
    h
}

#[test]
fn discarding_a_recovered_journal_deletes_it() {
    let journal = tempfile::tempdir().unwrap();
    drop(window_with_unsaved_headline(
        journal.path(),
        "Untitled draft",
    ));
    let journals = || {
        std::fs::read_dir(journal.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension() == Some("ron".as_ref()))
            .count()
    };
    assert_eq!(journals(), 1);

    let mut second = once_offering(|| journaling_window(journal.path()));
    second.get_by_label("Discard Untitled").click();
    second.run();
    assert_eq!(second.state().recovery_offers(), 0);
    assert_eq!(journals(), 0);
    assert_eq!(
        std::fs::read_dir(journal.path()).unwrap().count(),
        0,
        "no lock file left either"
    );
}

#[test]
fn a_second_window_does_not_offer_the_first_windows_live_article() {
    let journal = tempfile::tempdir().unwrap();
    let first = window_with_unsaved_headline(journal.path(), "Still being written");

    let second = journaling_window(journal.path());
    assert_eq!(
        second.state().recovery_offers(),
        0,
        "the first window is live"
    );
    drop(second);
    assert_eq!(
        first.state().document().article().headline,
        "Still being written"
    );
    // Once the first window is gone with the edits unsaved, the next one offers them.
    drop(first);
    let third = once_offering(|| journaling_window(journal.path()));
    assert_eq!(third.state().recovery_offers(), 1);
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.md");
    std::fs::copy(sample("harbor-ferry.md"), &path).unwrap();
    let mut h = harness(Some(path.clone()));
    h.get_by_role_and_label(Role::TextInput, "Credit").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Credit")
        .type_text(" and AP");
    h.settle();
    let theirs = "---\ntitle: Changed elsewhere\n---\n\nAnother program wrote this.\n";
    std::fs::write(&path, theirs).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.settle();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "overwritten without asking"
    );
    h.get_by_label("Overwrite").click();
    h.settle();
    let saved = formats::read(&path, Format::Md).unwrap();
    assert!(saved.credit.ends_with(" and AP"), "{saved:?}");
    assert!(!h.state().document().is_modified());
}

#[test]
fn exporting_an_article_with_errors_asks_to_confirm() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let dialogs = ScriptedDialogs::default();
    dialogs.saves.borrow_mut().push_back(page.clone());
    let mut h = harness_with(AppOptions {
        dialogs: Box::new(dialogs.clone()),
        ..AppOptions::headless(None)
    });
    h.get_by_role_and_label(Role::TextInput, "Byline").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Byline")
        .type_text("Nobody");
    h.settle();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.settle();
    assert!(!page.exists(), "exported without confirmation");
    h.get_by_label("Export anyway").click();
    h.settle();
    assert!(page.exists());
}

/// The seed story without a language tag: only its text says it is Indonesian.
fn untagged_indonesian(dir: &Path) -> std::path::PathBuf {
    let mut article =
        formats::read(&sample("nato-rutte.ron"), Format::Ron).expect("the sample reads");
    article.language.clear();
    let path = dir.join("untagged.ron");
    formats::write(&path, &article, Format::Ron).expect("write the article");
    path
}

#[test]
fn an_untagged_indonesian_article_reads_indonesian_in_preview_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = untagged_indonesian(dir.path());
    let h = harness(Some(path.clone()));
    // Indonesian house style: "1 Oktober 2024" and an en dash, not "Oct. 1, 2024 —".
    let lead = "BRUSSELS, 1 Oktober 2024 (Liputan6.com) –";
    assert!(
        h.query_by_label_contains(lead).is_some(),
        "the preview opens with {lead:?}"
    );
    let html = dir.path().join("untagged.html");
    let out = common::newsdesk(&["convert".as_ref(), path.as_os_str(), html.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains(lead), "{page}");
    assert!(page.contains("Sumber: AP"));
}

#[test]
fn the_status_bar_counts_as_check_stats_does() {
    for name in [
        "nato-rutte.ron",
        "harbor-ferry.md",
        "nato-rutte-liputan6.txt",
    ] {
        let path = sample(name);
        let h = harness(Some(path.clone()));
        let stats = h.state().stats();
        let out = common::newsdesk(&["check".as_ref(), path.as_os_str(), "--stats".as_ref()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let line = format!(
            "{}: {} words, {} characters ({} without spaces), reading time {} min",
            path.display(),
            stats.words,
            stats.characters,
            stats.characters_without_spaces,
            stats.reading_minutes()
        );
        assert!(stdout.contains(&line), "{name}: {line:?} not in {stdout}");
        let shown = format!("{} words", stats.words);
        assert!(
            h.query_by_label(&shown).is_some(),
            "status bar shows {shown}"
        );
        let minutes = format!("{} min read", stats.reading_minutes());
        assert!(
            h.query_by_label(&minutes).is_some(),
            "status bar shows {minutes}"
        );
    }
}
