//! The window and agency feeds: a newsMessage opens on its first item and says so; the
//! slugline, summary and keywords are edited in the form, keywords as one undo step.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose
#![cfg(feature = "gui")]

mod common;

use common::window::{Settle, harness};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

const MESSAGE: &str = r#"<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
<newsItem guid="a1"><contentMeta><slugline>First-Story</slugline><headline>First story</headline>
<keyword>ferry</keyword></contentMeta>
<contentSet><inlineData contenttype="text/plain">One.</inlineData></contentSet></newsItem>
<newsItem guid="a2"><contentMeta><headline>Second story</headline></contentMeta></newsItem>
</itemSet></newsMessage>"#;

#[test]
fn a_news_message_opens_its_first_item_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wire.xml");
    std::fs::write(&path, MESSAGE).unwrap();
    let mut h = harness(Some(path));
    h.settle();
    let a = h.state().document().article();
    assert_eq!(a.headline, "First story");
    assert_eq!(a.slugline, "First-Story");
    assert_eq!(a.keywords, ["ferry"]);
    assert!(
        h.query_by_label_contains("holds 2 items; opened the first")
            .is_some(),
        "the message bar says there are more items"
    );
    // The agency's file is never a save target.
    assert!(h.state().document().save_target().is_none());
}

#[test]
fn slugline_summary_and_keywords_are_edited_in_the_form() {
    let mut h = harness(None);
    h.get_by_role_and_label(Role::TextInput, "Slugline").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Slugline")
        .type_text("Ferry-Merak");
    h.settle();
    h.get_by_role_and_label(Role::MultilineTextInput, "Summary")
        .focus();
    h.settle();
    h.get_by_role_and_label(Role::MultilineTextInput, "Summary")
        .type_text("Ferries run again.");
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Keywords").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "Keywords")
        .type_text("ferry, Merak, , storm");
    h.settle();
    // Typing does not change the article until the line is left.
    assert!(h.state().document().article().keywords.is_empty());
    h.get_by_role_and_label(Role::TextInput, "Byline").focus();
    h.settle();
    let a = h.state().document().article();
    assert_eq!(a.slugline, "Ferry-Merak");
    assert_eq!(a.summary, "Ferries run again.");
    assert_eq!(a.keywords, ["ferry", "Merak", "storm"]);
    // One undo step takes the keywords back, and only them.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.settle();
    let a = h.state().document().article();
    assert!(a.keywords.is_empty());
    assert_eq!(a.summary, "Ferries run again.");
}
