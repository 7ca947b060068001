//! The import report and checks panel beside the form, driven headless like a user would.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose
#![cfg(feature = "gui")]

mod common;

use common::sample;
use common::window::{Settle, harness, selection};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use newsdesk::app::{App, Command, editor};
use newsdesk::checks;
use newsdesk::import::Entry;

fn body(h: &Harness<'_, App>) -> String {
    h.state().document().article().body.clone()
}

/// The sample's "Ketika" finding (a capitalised conjunction).
fn ketika(h: &Harness<'_, App>) -> checks::Finding {
    h.state()
        .findings()
        .iter()
        .find(|f| f.rule == "capitalised-conjunction")
        .expect("the sample's Ketika is found")
        .clone()
}

fn undo(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.settle();
}

#[test]
fn opening_raw_copy_shows_the_import_report() {
    let mut h = harness(Some(sample("nato-rutte-liputan6.txt")));
    let report = h.state().document().import_report().unwrap().clone();
    assert!(!report.entries.is_empty());
    for text in ["Baca Juga", "Advertisement"] {
        assert!(
            report.removals().any(|r| r.text == text),
            "{text} removed: {report:#?}"
        );
        assert!(h.query_by_label(text).is_some(), "{text} listed");
        assert!(
            h.query_by_label(&format!("Put back {text}")).is_some(),
            "Put back for {text}"
        );
    }
    // Detected fields name the text they came from.
    let (outlet, _) = report
        .field(newsdesk::import::Field::Outlet)
        .expect("outlet detected");
    assert!(h.query_by_label(outlet).is_some(), "outlet {outlet} listed");

    // Closed, it stays closed until View reopens it.
    h.get_by_label("Close the import report").click();
    h.settle();
    assert!(h.query_by_label("Put back Advertisement").is_none());
    h.state_mut().queue(Command::ToggleImportReport);
    h.settle();
    assert!(h.query_by_label("Put back Advertisement").is_some());
}

#[test]
fn put_back_restores_the_line_as_one_undoable_edit() {
    let mut h = harness(Some(sample("nato-rutte-liputan6.txt")));
    let before = body(&h);
    assert!(!before.contains("Advertisement"));
    let report = h.state().document().import_report().unwrap().clone();
    let index = report
        .entries
        .iter()
        .position(|e| matches!(e, Entry::Removed(r) if r.text == "Advertisement"))
        .unwrap();
    let mut expected_report = report.clone();
    let expected = expected_report.restore(&before, index).unwrap();

    h.get_by_label("Put back Advertisement").click();
    h.settle();
    assert_eq!(body(&h), expected);
    assert!(body(&h).contains("Advertisement\n\n"));
    assert_eq!(
        h.state().document().import_report(),
        Some(&expected_report),
        "the entry leaves the report, later positions shifted"
    );
    assert!(h.query_by_label("Put back Advertisement").is_none());
    assert!(h.query_by_label("Put back Baca Juga").is_some());

    undo(&mut h);
    assert_eq!(body(&h), before);
    assert_eq!(h.state().document().import_report(), Some(&report));
    assert!(
        h.query_by_label("Put back Advertisement").is_some(),
        "undo brings the entry back"
    );

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.settle();
    assert_eq!(body(&h), expected);
    assert!(h.query_by_label("Put back Advertisement").is_none());
}

const KETIKA: &str = "`Ketika` is not capitalised inside a sentence";

#[test]
fn opening_an_article_lists_its_findings() {
    let h = harness(Some(sample("nato-rutte.ron")));
    let expected = checks::run(h.state().document().article());
    assert_eq!(h.state().findings(), expected.as_slice());
    assert!(h.query_by_label(KETIKA).is_some());
    assert!(
        h.query_by_label("no space after the end of a sentence")
            .is_some()
    );
    assert!(h.query_by_label("Body (2)").is_some(), "grouped by field");
    assert!(
        h.query_by_label("2 issues").is_some(),
        "count beside the Body label"
    );
    assert!(
        h.query_by_label("1 issue").is_none(),
        "no other field has findings"
    );
}

#[test]
fn fix_is_one_undoable_edit_and_fix_all_leaves_nothing_to_fix() {
    let mut h = harness(Some(sample("nato-rutte.ron")));
    let original = body(&h);
    let finding = ketika(&h);
    assert_eq!(&original[finding.range.clone()], "Ketika");

    h.get_by_label(&format!("Fix: {KETIKA}")).click();
    h.settle();
    let fixed = body(&h);
    assert_eq!(&fixed[finding.range.clone()], "ketika");
    assert_eq!(fixed.len(), original.len());
    assert!(h.query_by_label(KETIKA).is_none(), "checks ran again");

    undo(&mut h);
    assert_eq!(body(&h), original);
    assert!(h.query_by_label(KETIKA).is_some());

    h.get_by_label("Fix all").click();
    h.settle();
    let article = h.state().document().article().clone();
    assert!(checks::run(&article).iter().all(|f| f.fix.is_none()));
    assert!(h.state().findings().iter().all(|f| f.fix.is_none()));
    assert!(body(&h).contains("ketika"));
    undo(&mut h);
    assert_eq!(body(&h), original, "fix all is one step");
}

#[test]
fn clicking_a_finding_selects_its_text_in_the_field() {
    let mut h = harness(Some(sample("nato-rutte.ron")));
    let finding = ketika(&h);
    h.get_by_label(KETIKA).click();
    h.settle();
    let text = body(&h);
    let start = text[..finding.range.start].chars().count();
    assert_eq!(
        selection(&h, editor::Field::Body),
        Some(start..start + "Ketika".len())
    );
    let id = editor::field_id(editor::Field::Body);
    assert!(h.ctx.memory(|m| m.has_focus(id)), "the body has focus");
}

fn misspelt() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spell.ron");
    let article = newsdesk::Article {
        headline: "Kapal kembali".into(),
        body: "Kapal itu beroprasi lagi pagi ini.".into(),
        language: "id".into(),
        ..newsdesk::Article::default()
    };
    newsdesk::formats::write(&path, &article, newsdesk::formats::Format::Ron)
        .expect("write the article");
    (dir, path)
}

fn spelling_message(h: &Harness<'_, App>) -> Option<String> {
    h.state()
        .findings()
        .iter()
        .find(|f| f.rule == "spelling")
        .map(|f| f.message.clone())
}

#[test]
fn ignore_is_undoable_and_add_to_dictionary_writes_the_user_list() {
    let (dir, path) = misspelt();
    let mut h = harness(Some(path));
    let message = spelling_message(&h).expect("beroprasi flagged");

    h.get_by_label(&format!("Ignore: {message}")).click();
    h.settle();
    assert_eq!(h.state().document().article().ignored_words, ["beroprasi"]);
    assert!(spelling_message(&h).is_none());
    undo(&mut h);
    assert!(h.state().document().article().ignored_words.is_empty());
    assert!(spelling_message(&h).is_some());

    let words = dir.path().join("data").join("words.txt");
    h.state_mut().set_dictionary_path(words.clone());
    h.settle();
    h.get_by_label(&format!("Add to dictionary: {message}"))
        .click();
    h.settle();
    let saved = std::fs::read_to_string(&words).unwrap();
    assert_eq!(saved.lines().collect::<Vec<_>>(), ["beroprasi"]);
    assert!(spelling_message(&h).is_none());
    assert!(h.state().document().article().ignored_words.is_empty());
}

#[test]
fn a_suggestion_replaces_the_word() {
    let (_dir, path) = misspelt();
    let mut h = harness(Some(path));
    let f = h
        .state()
        .findings()
        .iter()
        .find(|f| f.rule == "spelling")
        .unwrap()
        .clone();
    let Some(s) = f.suggestions.first() else {
        panic!("no suggestion for {f:#?}");
    };
    h.get_by_label(&format!("Replace with {s}: {}", f.message))
        .click();
    h.settle();
    assert_eq!(body(&h), format!("Kapal itu {s} lagi pagi ini."));
    assert!(
        spelling_message(&h).is_none(),
        "the suggestion is a known word"
    );
    undo(&mut h);
    assert_eq!(body(&h), "Kapal itu beroprasi lagi pagi ini.");
}

#[test]
fn checks_wait_for_typing_to_pause() {
    let mut h = harness(Some(sample("nato-rutte.ron")));
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .focus();
    h.settle();
    h.get_by_role_and_label(Role::MultilineTextInput, "Headline")
        .type_text("  kata");
    h.settle();
    assert!(h.state().document().article().headline.contains("  kata"));
    // While typing, the old findings stay listed but cannot be applied.
    assert!(h.query_by_label("Checking when typing pauses…").is_some());
    assert!(
        h.get_by_label(&format!("Fix: {KETIKA}"))
            .accesskit_node()
            .is_disabled()
    );
    let typed = checks::run(h.state().document().article());
    assert!(typed.iter().any(|f| f.rule == "double-space"), "{typed:#?}");
    assert_ne!(h.state().findings(), typed.as_slice(), "not re-run yet");

    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + 1.5);
    h.settle();
    assert!(h.query_by_label("Checking when typing pauses…").is_none());
    assert_eq!(h.state().findings(), typed.as_slice());
    assert!(
        !h.get_by_label(&format!("Fix: {KETIKA}"))
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_finding_far_down_the_body_is_scrolled_into_view() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ron");
    let mut text = "Kapal itu kembali ke pelabuhan pagi ini.\n\n".repeat(300);
    text.push_str("Mereka datang Ketika hujan turun.");
    let article = newsdesk::Article {
        headline: "Kapal kembali".into(),
        body: text,
        language: "id".into(),
        ..newsdesk::Article::default()
    };
    newsdesk::formats::write(&path, &article, newsdesk::formats::Format::Ron).unwrap();
    let mut h = harness(Some(path));
    let top = |h: &Harness<'_, App>| {
        h.get_by_role_and_label(Role::MultilineTextInput, "Body")
            .rect()
            .top()
    };
    let before = top(&h);
    h.get_by_label(KETIKA).click();
    h.settle();
    let after = top(&h);
    assert!(
        after < before - 1000.0,
        "the body scrolled up from {before} to {after}"
    );
}
