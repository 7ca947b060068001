//! The Pictures section of the form and the pictures in the preview, driven headless.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose
#![cfg(feature = "gui")]

mod common;

use std::path::PathBuf;

use common::sample;
use common::window::{Dropped, Settle, harness};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use newsdesk::app::{App, Command};

/// The harbor ferry story saved in a fresh folder with the two sample pictures beside it
/// (in `pictures/`), so relative paths resolve there.
fn story_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("pictures")).expect("a pictures folder");
    for name in ["ferry-lead.jpg", "ferry-crew.png"] {
        std::fs::copy(
            sample(&format!("pictures/{name}")),
            dir.path().join("pictures").join(name),
        )
        .expect("the sample picture copies");
    }
    let story = dir.path().join("story.ron");
    std::fs::copy(sample("harbor-ferry.ron"), &story).expect("the sample copies");
    (dir, story)
}

fn pictures(h: &egui_kittest::Harness<'_, App>) -> Vec<newsdesk::article::Picture> {
    h.state().document().article().pictures.clone()
}

#[test]
fn a_picture_added_by_path_is_relative_sized_edited_undone_and_previewed() {
    let (dir, story) = story_folder();
    let mut h = harness(Some(story));
    h.state_mut().queue(Command::AddPicturePath(
        dir.path().join("pictures/ferry-lead.jpg"),
    ));
    h.settle();
    let added = pictures(&h);
    assert_eq!(added.len(), 1);
    assert_eq!(
        added[0].source, "pictures/ferry-lead.jpg",
        "relative to the story"
    );
    assert_eq!(
        (added[0].width, added[0].height),
        (640, 400),
        "size from the header"
    );
    assert!(
        h.query_by_label("Picture 1 (lead): pictures/ferry-lead.jpg")
            .is_some()
    );

    // Alt text typed into its labelled field, with a live count.
    h.get_by_role_and_label(Role::TextInput, "Picture 1 alt text")
        .focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Picture 1 alt text")
        .type_text("A white ferry");
    h.settle();
    assert_eq!(pictures(&h)[0].alt, "A white ferry");
    assert!(h.query_by_label("13 characters").is_some());

    // The caption shows in the preview, under the lead picture.
    h.get_by_role_and_label(Role::TextInput, "Picture 1 caption")
        .focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Picture 1 caption")
        .type_text("The Belle at the pier");
    h.settle();
    assert!(
        h.query_by_label("The Belle at the pier").is_some(),
        "the preview shows the caption"
    );

    // Undo: the caption typed, then the alt text typed (each one step), then the picture.
    h.state_mut().queue(Command::Undo);
    h.settle();
    assert_eq!(pictures(&h)[0].caption, "");
    assert_eq!(pictures(&h)[0].alt, "A white ferry");
    h.state_mut().queue(Command::Undo);
    h.settle();
    assert_eq!(pictures(&h)[0].alt, "");
    h.state_mut().queue(Command::Undo);
    h.settle();
    assert!(pictures(&h).is_empty());
    h.state_mut().queue(Command::Redo);
    h.settle();
    assert_eq!(pictures(&h).len(), 1);
}

#[test]
fn pictures_move_and_are_removed_one_undo_step_each() {
    let (dir, story) = story_folder();
    let mut h = harness(Some(story));
    for name in ["ferry-lead.jpg", "ferry-crew.png"] {
        h.state_mut().queue(Command::AddPicturePath(
            dir.path().join("pictures").join(name),
        ));
    }
    h.settle();
    h.get_by_label("Move picture 2 up").click();
    h.settle();
    let sources: Vec<String> = pictures(&h).into_iter().map(|p| p.source).collect();
    assert_eq!(
        sources,
        ["pictures/ferry-crew.png", "pictures/ferry-lead.jpg"]
    );
    h.get_by_label("Remove picture 1").click();
    h.settle();
    assert_eq!(pictures(&h).len(), 1);
    assert_eq!(pictures(&h)[0].source, "pictures/ferry-lead.jpg");
    h.state_mut().queue(Command::Undo);
    h.settle();
    assert_eq!(pictures(&h)[0].source, "pictures/ferry-crew.png");
    h.state_mut().queue(Command::Undo);
    h.settle();
    assert_eq!(pictures(&h)[0].source, "pictures/ferry-lead.jpg");
}

#[test]
fn a_file_that_is_not_a_picture_is_refused_with_a_message() {
    let (dir, story) = story_folder();
    let fake = dir.path().join("notes.jpg");
    std::fs::write(&fake, "not a picture").unwrap();
    let mut h = harness(Some(story));
    h.state_mut().queue(Command::AddPicturePath(fake));
    h.settle();
    assert!(pictures(&h).is_empty());
    let errors: Vec<_> = h.state().messages().iter().filter(|m| m.is_error).collect();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].text.contains("is not a JPEG, PNG or WebP image"),
        "{}",
        errors[0].text
    );
}

#[test]
fn a_missing_picture_shows_a_placeholder_naming_the_problem() {
    let (dir, story) = story_folder();
    let mut article = newsdesk::formats::read(&story, newsdesk::formats::Format::Ron).unwrap();
    article.pictures = vec![newsdesk::article::Picture::new("pictures/gone.jpg")];
    let path = dir.path().join("with-gone.ron");
    newsdesk::formats::write(&path, &article, newsdesk::formats::Format::Ron).unwrap();
    let mut h = harness(Some(path));
    wait_for(&mut h, |h| {
        h.query_all_by_label_contains("gone.jpg does not exist")
            .next()
            .is_some()
    });
    assert!(
        h.query_all_by_label_contains("Picture not shown:").count() >= 2,
        "the form's thumbnail and the preview both say so"
    );
}

#[test]
fn a_picture_loads_off_the_ui_thread_and_shows() {
    let (dir, story) = story_folder();
    let mut h = harness(Some(story));
    h.state_mut().queue(Command::AddPicturePath(
        dir.path().join("pictures/ferry-lead.jpg"),
    ));
    h.settle();
    // The thumbnail and the preview's picture, each an image named by its source.
    wait_for(&mut h, |h| {
        h.query_all_by_label("pictures/ferry-lead.jpg").count() >= 2
    });
    assert!(
        h.query_all_by_label_contains("Loading picture")
            .next()
            .is_none()
    );
}

#[test]
fn dropping_an_image_adds_it_and_dropping_an_article_still_opens_it() {
    let (dir, story) = story_folder();
    let mut h = harness(Some(story));
    let picture = dir.path().join("pictures/ferry-crew.png");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(picture)));
    h.settle();
    assert_eq!(pictures(&h).len(), 1);
    assert_eq!(pictures(&h)[0].source, "pictures/ferry-crew.png");
    assert_eq!((pictures(&h)[0].width, pictures(&h)[0].height), (320, 240));

    // An article dropped opens (after the unsaved-changes question, answered Discard).
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(sample("nato-rutte.md"))));
    h.settle();
    h.get_by_label("Discard").click();
    h.settle();
    assert_eq!(
        h.state().document().path(),
        Some(sample("nato-rutte.md").as_path())
    );
}

/// Runs frames until `done` holds (the picture worker answers between frames).
fn wait_for(
    h: &mut egui_kittest::Harness<'_, App>,
    done: impl Fn(&egui_kittest::Harness<'_, App>) -> bool,
) {
    let start = std::time::Instant::now();
    while !done(h) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "never happened"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.run();
    }
}

/// Add picture… asks the file dialog for a picture (the picture filter), and the file
/// chosen is added.
#[test]
fn add_picture_goes_through_the_file_dialog_with_the_picture_filters() {
    use common::window::{ScriptedDialogs, harness_with};
    let (dir, story) = story_folder();
    let dialogs = ScriptedDialogs::default();
    dialogs
        .saves
        .borrow_mut()
        .push_back(dir.path().join("pictures/ferry-lead.jpg"));
    let mut h = harness_with(newsdesk::app::AppOptions {
        dialogs: Box::new(dialogs),
        ..newsdesk::app::AppOptions::headless(Some(story))
    });
    h.get_by_label("Add picture…").click();
    h.settle();
    assert_eq!(pictures(&h).len(), 1);
    assert_eq!(pictures(&h)[0].source, "pictures/ferry-lead.jpg");
    let filters = newsdesk::app::Purpose::Picture.filters();
    assert_eq!(filters[0].extensions, ["jpg", "jpeg", "png", "webp"]);
}

/// A story with two pictures (the lead drawn small, so the body stays in view) and a body
/// of two paragraphs.
const PLACED: &str = "---
title: Ferry back in service
lang: en
pictures:
- source: pictures/ferry-lead.jpg
  alt: The ferry at the pier
  width: 64
  height: 40
- source: pictures/ferry-crew.png
  caption: The crew under the picture
  alt: Two of the crew
  width: 32
  height: 24
---

First paragraph of the story.

Second paragraph of the story.
";

#[test]
fn a_picture_placed_in_the_body_stands_there_in_the_preview_as_one_undo_step() {
    let (dir, _) = story_folder();
    let story = dir.path().join("placed.md");
    std::fs::write(&story, PLACED).unwrap();
    let mut h = harness(Some(story));
    let top = |h: &egui_kittest::Harness<'_, App>, label: &str| {
        h.get_by_label_contains(label).rect().min.y
    };
    let body = |h: &egui_kittest::Harness<'_, App>| h.state().document().article().body.clone();
    let original = body(&h);
    // Not placed: the second picture comes after the body.
    assert!(top(&h, "The crew under") > top(&h, "Second paragraph"));
    assert!(
        h.query_by_label("Place picture 1 in the body").is_none(),
        "the lead stays above the body"
    );

    // The caret at the end of the first paragraph, as a click there would leave it.
    let caret = "First paragraph of the story.".chars().count();
    let id = newsdesk::app::editor::field_id(newsdesk::app::editor::Field::Body);
    let mut state = egui::TextEdit::load_state(&h.ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::one(
            egui::text::CCursor::new(caret),
        )));
    egui::TextEdit::store_state(&h.ctx, id, state);
    h.get_by_label("Place picture 2 in the body").click();
    h.settle();
    assert_eq!(
        body(&h),
        "First paragraph of the story.\n\n![Two of the crew](pictures/ferry-crew.png)\n\n\
         Second paragraph of the story.\n"
    );
    let caption = top(&h, "The crew under");
    assert!(
        top(&h, "First paragraph") < caption && caption < top(&h, "Second paragraph"),
        "the picture stands between the paragraphs"
    );
    assert_eq!(
        h.get_all_by_label("The crew under the picture").count(),
        1,
        "drawn once, not again after the body"
    );

    h.state_mut().queue(Command::Undo);
    h.settle();
    assert_eq!(body(&h), original, "one undo step");
    assert!(top(&h, "The crew under") > top(&h, "Second paragraph"));
}
