//! The compare view in the real window, headless: the raw seed edited, compared with its
//! original as imported, and restored.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose
#![cfg(feature = "gui")]

mod common;

use common::sample;
use common::window::{Settle, harness, harness_with};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use newsdesk::Field;
use newsdesk::app::compare::{CompareCommand, Target};
use newsdesk::app::{AppOptions, Command};
use newsdesk::diff::{Op, Run, Shape};

fn type_into(
    h: &mut egui_kittest::Harness<'_, newsdesk::app::App>,
    role: Role,
    label: &str,
    text: &str,
) {
    h.get_by_role_and_label(role, label).focus();
    h.settle();
    h.get_by_role_and_label(role, label).type_text(text);
    h.settle();
}

#[test]
fn compare_with_the_original_marks_exactly_the_edits_and_restore_brings_the_body_back() {
    let mut h = harness(Some(sample("nato-rutte-liputan6.txt")));
    let imported = h.state().document().article().clone();
    assert_eq!(imported.headline, "", "the raw seed has no headline line");

    // The headline, typed; one sentence, through Find and Replace.
    type_into(
        &mut h,
        Role::MultilineTextInput,
        "Headline",
        "Rutte Pimpin NATO",
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::H);
    h.settle();
    type_into(&mut h, Role::TextInput, "Find", "wilayah Kursk");
    type_into(&mut h, Role::TextInput, "Replace with", "wilayah Kharkiv");
    h.get_by_label("Replace All").click();
    h.settle();

    // View > Compare's shortcut opens it on the original as imported.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.settle();
    let compare = h.state().compare();
    assert!(compare.open);
    assert_eq!(compare.target, Target::Original);
    let diff = compare.diff().expect("the diff is back").clone();
    let changed_fields: Vec<Field> = diff
        .fields
        .iter()
        .filter(|f| f.is_changed())
        .map(|f| f.field)
        .collect();
    assert_eq!(
        changed_fields,
        [Field::Headline, Field::Body],
        "{}",
        diff.summary()
    );
    assert_eq!(
        diff.field(Field::Headline).unwrap().runs(),
        [Run {
            op: Op::Insert,
            text: "Rutte Pimpin NATO".into()
        }]
    );
    let body = diff.field(Field::Body).unwrap();
    let changes: Vec<_> = body.blocks.iter().filter(|b| b.is_change()).collect();
    assert_eq!(changes.len(), 1, "one paragraph changed");
    assert!(matches!(changes[0].shape, Shape::Changed { .. }));
    let marked: Vec<&Run> = changes[0]
        .runs
        .iter()
        .filter(|r| r.op != Op::Equal)
        .collect();
    assert_eq!(
        marked,
        [
            &Run {
                op: Op::Delete,
                text: "Kursk".into()
            },
            &Run {
                op: Op::Insert,
                text: "Kharkiv".into()
            }
        ]
    );
    assert!(
        diff.summary()
            .starts_with("headline changed; body: 1 word inserted, 1 deleted")
    );
    // On screen: the two changed fields, each with its Restore, the rest collapsed.
    assert!(h.query_by_label("Headline — changed").is_some());
    assert!(h.query_by_label("Body — changed").is_some());
    assert!(h.query_by_label("Restore byline").is_none());
    assert!(
        h.query_by_label(&diff.summary()).is_some(),
        "the summary line"
    );

    // Restore of the body brings back the imported body, as one undo step.
    h.get_by_label("Restore body").click();
    h.settle();
    let a = h.state().document().article().clone();
    assert_eq!(a.body, imported.body);
    assert_eq!(a.headline, "Rutte Pimpin NATO", "only the body restored");
    let diff = h.state().compare().diff().unwrap().clone();
    assert!(
        !diff.field(Field::Body).unwrap().is_changed(),
        "the view follows"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.settle();
    assert!(
        h.state()
            .document()
            .article()
            .body
            .contains("wilayah Kharkiv")
    );

    // Next change selects a change; Close returns to the form.
    h.get_by_label("Next Change").click();
    h.settle();
    h.get_by_label("Close").click();
    h.settle();
    assert!(!h.state().compare().open);
    assert!(h.query_by_label("Headline — changed").is_none());
}

#[test]
fn an_untitled_article_compares_with_its_last_save_and_versions_are_listed() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_with(AppOptions {
        versions_dir: Some(data.path().to_owned()),
        ..AppOptions::headless(None)
    });
    type_into(
        &mut h,
        Role::MultilineTextInput,
        "Headline",
        "Feri kembali berlayar",
    );
    // Untitled, never saved: compared with the empty article it started as.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.settle();
    assert_eq!(h.state().compare().target, Target::LastSaved);
    let diff = h.state().compare().diff().unwrap().clone();
    assert!(diff.field(Field::Headline).unwrap().is_changed());
    assert!(
        h.query_by_label("This article was not imported from raw copy: it has no original.")
            .is_none()
    );
    // Saved twice with an edit between: two versions, listed for the view.
    let path = dir.path().join("feri.ron");
    h.state_mut().queue(Command::SaveTo(path.clone()));
    h.settle();
    h.state_mut()
        .queue(Command::Compare(CompareCommand::Toggle));
    h.settle();
    type_into(&mut h, Role::MultilineTextInput, "Headline", " lagi");
    h.state_mut().queue(Command::Save);
    h.settle();
    h.state().flush_versions();
    h.state_mut()
        .queue(Command::Compare(CompareCommand::With(Target::Version(1))));
    h.settle();
    let compare = h.state().compare();
    assert_eq!(compare.versions().len(), 2, "{:?}", compare.versions());
    let diff = compare.diff().unwrap();
    assert_eq!(
        newsdesk::diff::marked(&diff.field(Field::Headline).unwrap().runs()),
        "Feri kembali berlayar{+ lagi+}"
    );
    // Restoring the whole version is one undo step; the article keeps its id.
    let id = h.state().document().article().id.clone();
    h.state_mut()
        .queue(Command::Compare(CompareCommand::RestoreAll));
    h.settle();
    assert_eq!(
        h.state().document().article().headline,
        "Feri kembali berlayar"
    );
    assert_eq!(h.state().document().article().id, id);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.settle();
    assert_eq!(
        h.state().document().article().headline,
        "Feri kembali berlayar lagi"
    );
    // A version that is not stored is reported, not a crash.
    h.state_mut()
        .queue(Command::Compare(CompareCommand::With(Target::Version(9))));
    h.settle();
    assert!(
        h.query_by_label("version 9 is not stored for this article")
            .is_some()
    );
    assert!(
        h.state().messages().is_empty(),
        "{:?}",
        h.state().messages()
    );
}

#[test]
fn an_unwritable_store_never_fails_the_save_and_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("versions");
    std::fs::write(&blocked, "in the way").unwrap();
    let mut h = harness_with(AppOptions {
        versions_dir: Some(blocked),
        ..AppOptions::headless(None)
    });
    let path = dir.path().join("a.md");
    for text in ["Satu", " dua", " tiga"] {
        type_into(&mut h, Role::MultilineTextInput, "Headline", text);
        h.state_mut().queue(Command::SaveTo(path.clone()));
        h.settle();
        h.state().flush_versions();
        h.settle();
    }
    assert!(!h.state().document().is_modified(), "saved");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Satu dua tiga")
    );
    let errors: Vec<_> = h.state().messages().iter().filter(|m| m.is_error).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].text.contains("version store failed"),
        "{}",
        errors[0].text
    );
}
