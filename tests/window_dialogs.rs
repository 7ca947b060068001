//! File dialogs that never fail silently: when the system's dialog cannot be shown, the
//! window says why and opens its own chooser, driven here by keyboard like a user would.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose
#![cfg(feature = "gui")]

mod common;

use std::path::{Path, PathBuf};

use common::sample;
use common::window::{ScriptedDialogs, Settle, harness_with};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newsdesk::app::{App, AppOptions, Purpose};
use newsdesk::formats::{self, Format};

const REASON: &str =
    "there is no xdg-desktop-portal on the session bus, and zenity is not installed";

/// A window whose file dialogs report that they cannot be shown, on `file`.
fn without_native_dialogs(file: Option<PathBuf>) -> Harness<'static, App> {
    harness_with(AppOptions {
        dialogs: Box::new(ScriptedDialogs {
            unavailable: Some(REASON.to_owned()),
            ..ScriptedDialogs::default()
        }),
        ..AppOptions::headless(file)
    })
}

/// The raw seed copied into a fresh folder (the chooser starts in the file's folder).
fn seed_in(dir: &Path) -> PathBuf {
    let path = dir.join("nato-rutte-liputan6.txt");
    std::fs::copy(sample("nato-rutte-liputan6.txt"), &path).expect("the seed copies");
    path
}

fn press(h: &mut Harness<'_, App>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.settle();
}

/// Types into whatever has keyboard focus, as xdotool would.
fn type_into_focus(h: &mut Harness<'_, App>, text: &str) {
    h.get_by_role_and_label(Role::TextInput, "File name")
        .type_text(text);
    h.settle();
}

fn chooser_purpose(h: &Harness<'_, App>) -> Option<Purpose> {
    h.state()
        .file_chooser()
        .map(newsdesk::app::file_chooser::FileChooser::purpose)
}

/// The chooser's "Type" list, as shown.
fn file_type(h: &Harness<'_, App>) -> Option<String> {
    h.get_by_role_and_label(Role::ComboBox, "Type").value()
}

/// An edit, so the imported copy has unsaved changes.
fn edit(h: &mut Harness<'_, App>) {
    h.get_by_role_and_label(Role::TextInput, "Byline").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Byline")
        .type_text("Tim");
    h.settle();
}

fn messages_naming_the_reason(h: &Harness<'_, App>) -> usize {
    h.state()
        .messages()
        .iter()
        .filter(|m| m.text.contains(REASON))
        .count()
}

#[test]
fn an_unavailable_dialog_opens_the_chooser_and_says_why_once() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_in(dir.path());
    std::fs::write(dir.path().join("older.ron"), "(version: 1)").unwrap();
    let mut h = without_native_dialogs(Some(seed));
    let title = h.state().title().to_owned();
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(
        chooser_purpose(&h),
        Some(Purpose::Save),
        "not a silent cancel"
    );
    assert_eq!(messages_naming_the_reason(&h), 1);
    // The file-name field has keyboard focus and offers a name Save can write.
    let field = h.get_by_role_and_label(Role::TextInput, "File name");
    assert!(field.is_focused(), "the file name field has focus");
    assert_eq!(field.value().as_deref(), Some("nato-rutte-liputan6.ron"));
    // The folder's files of the chosen type are listed: RON first, the raw copy not.
    assert!(h.query_by_label("older.ron").is_some());
    assert!(h.query_by_label("nato-rutte-liputan6.txt").is_none());
    assert_eq!(file_type(&h).as_deref(), Some("Newsdesk RON (*.ron)"));

    // Escape closes it like Cancel; nothing was saved and the edits are still there.
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(chooser_purpose(&h), None);
    assert!(!dir.path().join("nato-rutte-liputan6.ron").exists());
    assert_eq!(h.state().title(), title);

    // Asking again opens it again, and says nothing more.
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    assert_eq!(chooser_purpose(&h), Some(Purpose::Save));
    assert_eq!(messages_naming_the_reason(&h), 1);
}

#[test]
fn typing_a_path_and_enter_saves_there() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_in(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("rutte story.md");
    let mut h = without_native_dialogs(Some(seed.clone()));
    let imported = h.state().document().article().clone();
    press(&mut h, Modifiers::COMMAND, Key::S);
    // The suggested name is selected: what is typed replaces it.
    type_into_focus(&mut h, &target.display().to_string());
    press(&mut h, Modifiers::NONE, Key::Enter);

    assert_eq!(chooser_purpose(&h), None);
    let saved = formats::read(&target, Format::Md).unwrap();
    assert_eq!(saved, imported);
    assert_eq!(h.state().document().path(), Some(target.as_path()));
    assert!(!h.state().document().is_modified());
    assert_eq!(h.state().title(), "rutte story.md — Newsdesk");
    // The raw copy is untouched.
    assert_eq!(
        std::fs::read(&seed).unwrap(),
        std::fs::read(sample("nato-rutte-liputan6.txt")).unwrap()
    );
}

#[test]
fn a_name_without_extension_gets_the_chosen_type_and_replacing_asks_twice() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_in(dir.path());
    let existing = dir.path().join("story.ron");
    std::fs::write(&existing, "(version: 1)").unwrap();
    let mut h = without_native_dialogs(Some(seed));
    press(&mut h, Modifiers::COMMAND, Key::S);
    type_into_focus(&mut h, "story");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.query_by_label_contains("already exists").is_some());
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "(version: 1)");
    // The field keeps focus: a second Enter replaces.
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(chooser_purpose(&h), None);
    let saved = formats::read(&existing, Format::Ron).unwrap();
    assert!(saved.body.contains("Rutte"), "{saved:?}");
}

#[test]
fn save_from_the_unsaved_changes_prompt_goes_through_the_chooser() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_in(dir.path());
    let target = dir.path().join("kept.ron");
    let mut h = without_native_dialogs(Some(seed));
    edit(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::N);
    assert!(h.state().is_prompting());
    h.get_by_label("Save").click();
    h.settle();
    assert_eq!(chooser_purpose(&h), Some(Purpose::Save));
    assert!(!h.state().is_prompting());
    type_into_focus(&mut h, &target.display().to_string());
    press(&mut h, Modifiers::NONE, Key::Enter);

    let saved = formats::read(&target, Format::Ron).unwrap();
    assert_eq!(saved.byline, "Tim");
    // Then New went ahead, as it would after a native Save.
    assert!(h.state().document().article().is_empty());
    assert_eq!(h.state().title(), "Untitled — Newsdesk");
}

#[test]
fn cancelling_the_chooser_after_the_prompt_keeps_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = without_native_dialogs(Some(seed_in(dir.path())));
    edit(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("Save").click();
    h.settle();
    h.get_by_label("Cancel").click();
    h.settle();
    assert_eq!(chooser_purpose(&h), None);
    assert!(h.state().document().is_modified(), "New did not go ahead");
    assert!(!h.state().document().article().is_empty());
}

#[test]
fn open_and_export_go_through_the_chooser_too() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("ferry.md");
    std::fs::copy(sample("harbor-ferry.md"), &story).unwrap();
    let mut h = without_native_dialogs(None);
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert_eq!(chooser_purpose(&h), Some(Purpose::Open));
    assert_eq!(
        file_type(&h).as_deref(),
        Some("Articles (*.ron *.md *.markdown *.txt *.json *.xml *.nitf *.newsml)")
    );
    type_into_focus(&mut h, &story.display().to_string());
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(h.state().document().path(), Some(story.as_path()));

    // Export starts in the open file's folder; a bare name gets the type's extension.
    press(&mut h, Modifiers::COMMAND, Key::E);
    assert_eq!(chooser_purpose(&h), Some(Purpose::Export));
    assert_eq!(h.state().file_chooser().unwrap().folder(), dir.path());
    assert!(
        h.query_by_label("ferry.md").is_none(),
        "only web pages are listed"
    );
    type_into_focus(&mut h, "page");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let html = std::fs::read_to_string(dir.path().join("page.html")).unwrap();
    assert!(html.contains("Harbor ferry returns to service"));
    assert_eq!(h.state().document().path(), Some(story.as_path()));
}

#[test]
fn opening_from_the_chooser_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("ferry.ron");
    std::fs::copy(sample("harbor-ferry.ron"), &other).unwrap();
    let mut h = without_native_dialogs(Some(seed_in(dir.path())));
    edit(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::O);
    type_into_focus(&mut h, &other.display().to_string());
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().is_prompting(), "the edit is unsaved");
    h.get_by_label("Discard").click();
    h.settle();
    assert_eq!(h.state().document().path(), Some(other.as_path()));
}
