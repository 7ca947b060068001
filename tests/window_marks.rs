//! Findings marked where they stand in the fields, and the context menu on a marked word,
//! driven headless as a user would (right-click, click a suggestion, Ctrl+Z).

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose
#![cfg(feature = "gui")]

mod common;

use common::window::{Settle, harness};
use egui::accesskit::Role;
use egui::{Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newsdesk::app::App;

const BODY: &str = "Kapal itu beroprasi lagi pagi ini.";

fn misspelt() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spell.ron");
    let article = newsdesk::Article {
        headline: "Kapal kembali".into(),
        body: BODY.into(),
        language: "id".into(),
        ..newsdesk::Article::default()
    };
    newsdesk::formats::write(&path, &article, newsdesk::formats::Format::Ron)
        .expect("write the article");
    (dir, path)
}

fn body(h: &Harness<'_, App>) -> String {
    h.state().document().article().body.clone()
}

/// The spelling mark's box on screen.
fn spelling_mark(h: &Harness<'_, App>) -> egui::Rect {
    let (_, _, marks) = h.state().body_marks().expect("the body was laid out");
    let spelling: Vec<_> = marks.iter().filter(|(_, f)| f.rule == "spelling").collect();
    assert_eq!(spelling.len(), 1, "{marks:#?}");
    spelling[0].0
}

#[test]
fn a_misspelt_word_carries_a_wavy_mark_at_its_exact_range() {
    let (_dir, path) = misspelt();
    let mut h = harness(Some(path));
    h.settle();
    let rect = spelling_mark(&h);
    // The mark spans exactly the glyphs of "beroprasi" in the body's laid-out text.
    let (galley, origin, _) = h.state().body_marks().unwrap();
    let start = BODY.find("beroprasi").unwrap();
    let end = start + "beroprasi".len();
    let row = &galley.rows[0];
    let (first, last) = (&row.glyphs[start], &row.glyphs[end - 1]);
    assert_eq!(galley.text(), BODY);
    assert_eq!(first.chr, 'b');
    assert_eq!(last.chr, 'i');
    let left = origin.x + row.pos.x + first.pos.x;
    let right = origin.x + row.pos.x + last.pos.x + last.advance_width;
    assert!((rect.left() - left).abs() < 0.01, "{rect:?} vs {left}");
    assert!((rect.right() - right).abs() < 0.01, "{rect:?} vs {right}");
    // And it is painted: a wavy line (a path of many points) under those glyphs.
    let painted = h
        .output()
        .shapes
        .iter()
        .any(|clipped| match &clipped.shape {
            egui::Shape::Path(p) => {
                p.points.len() > 4
                    && (p.points[0].x - left).abs() < 0.01
                    && p.points.last().is_some_and(|q| (q.x - right).abs() < 0.01)
                    && p.points.iter().all(|q| (q.y - rect.bottom()).abs() < 3.0)
            }
            _ => false,
        });
    assert!(painted, "no wavy underline painted under the word");

    // Typed text moves the mark with the word, before the checks run again.
    h.get_by_role_and_label(Role::MultilineTextInput, "Body")
        .focus();
    h.settle();
    h.get_by_role_and_label(Role::MultilineTextInput, "Body")
        .type_text("Pagi ");
    h.settle();
    let now = body(&h);
    assert_ne!(now, BODY);
    let (galley, origin, _) = h.state().body_marks().unwrap();
    let start = now.find("beroprasi").unwrap();
    let row = &galley.rows[0];
    let left = origin.x + row.pos.x + row.glyphs[now[..start].chars().count()].pos.x;
    assert!((spelling_mark(&h).left() - left).abs() < 0.01);
}

#[test]
fn right_click_and_a_suggestion_replace_the_word_as_one_undo_step() {
    let (_dir, path) = misspelt();
    let mut h = harness(Some(path));
    h.settle();
    let f = h
        .state()
        .findings()
        .iter()
        .find(|f| f.rule == "spelling")
        .expect("beroprasi flagged")
        .clone();
    let suggestion = f.suggestions.first().expect("a suggestion").clone();
    let at = spelling_mark(&h).center();
    h.event(egui::Event::PointerMoved(at));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.settle();
    assert!(
        h.query_by_label("Ignore in this article").is_some(),
        "the menu is open"
    );
    assert!(h.query_by_label("Add to dictionary").is_some());
    assert!(h.query_by_label("Cut").is_none(), "a marked word's menu");
    h.get_by_label(&suggestion).click();
    h.settle();
    assert_eq!(body(&h), BODY.replace("beroprasi", &suggestion));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.settle();
    assert_eq!(body(&h), BODY);
}

#[test]
fn right_click_without_a_mark_offers_cut_copy_paste_select_all() {
    let (_dir, path) = misspelt();
    let mut h = harness(Some(path));
    h.settle();
    // Left of the first word: no mark there.
    let at = spelling_mark(&h).left_center() - egui::vec2(60.0, 0.0);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.settle();
    for item in ["Cut", "Copy", "Paste", "Select All"] {
        assert!(h.query_by_label(item).is_some(), "{item}");
    }
    assert!(h.query_by_label("Ignore in this article").is_none());
}

#[test]
fn ctrl_b_on_a_selection_makes_it_bold_and_ctrl_z_undoes_it() {
    let (_dir, path) = misspelt();
    let mut h = harness(Some(path));
    h.settle();
    newsdesk::app::editor::select(&h.ctx, newsdesk::Field::Body, BODY, 0..5);
    h.settle();
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.settle();
    assert_eq!(body(&h), format!("**Kapal**{}", &BODY[5..]));
    // The word stays selected, so Ctrl+B again takes the bold off.
    assert_eq!(
        common::window::selection(&h, newsdesk::Field::Body),
        Some(2..7)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.settle();
    assert_eq!(body(&h), BODY);
    // The toolbar's buttons are named: Heading makes the paragraph a heading.
    h.get_by_label("Heading").click();
    h.settle();
    assert_eq!(body(&h), format!("## {BODY}"));
}

#[test]
fn ctrl_k_links_only_web_and_mail_addresses() {
    let (_dir, path) = misspelt();
    let mut h = harness(Some(path));
    h.settle();
    newsdesk::app::editor::select(&h.ctx, newsdesk::Field::Body, BODY, 0..5);
    h.settle();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.settle();
    let address = "Address (http, https or mailto)";
    h.get_by_label(address).type_text("javascript:alert(1)");
    h.settle();
    h.get_by_role_and_label(Role::Button, "Link").click();
    h.settle();
    assert_eq!(body(&h), BODY, "refused");
    assert!(
        h.query_by_label("only http, https and mailto addresses can be linked")
            .is_some()
    );
    h.state_mut().queue(newsdesk::app::Command::InsertLink(
        "https://example.org".into(),
    ));
    h.settle();
    assert_eq!(
        body(&h),
        format!("[Kapal](https://example.org){}", &BODY[5..])
    );
}

/// A window on a saved article with this body (in Indonesian), settled.
fn window_with_body(dir: &std::path::Path, body: &str) -> Harness<'static, App> {
    let path = dir.join("body.ron");
    let article = newsdesk::Article {
        headline: "Kapal kembali".into(),
        body: body.into(),
        language: "id".into(),
        ..newsdesk::Article::default()
    };
    newsdesk::formats::write(&path, &article, newsdesk::formats::Format::Ron)
        .expect("the article is written");
    let mut h = harness(Some(path));
    h.settle();
    h
}

/// The text format the galley's job gives the first occurrence of `needle`.
fn format_at(galley: &egui::Galley, needle: &str) -> egui::TextFormat {
    let at = galley
        .text()
        .find(needle)
        .expect("the needle is in the body");
    galley
        .job
        .sections
        .iter()
        .find(|s| s.byte_range.start.0 <= at && at < s.byte_range.end.0)
        .map(|s| s.format.clone())
        .expect("every byte is in a section")
}

#[test]
fn a_heading_line_is_laid_out_larger_than_body_text_in_a_bold_face() {
    let dir = tempfile::tempdir().expect("temp dir");
    let h = window_with_body(
        dir.path(),
        "## Pelabuhan dibuka\n\nKapal itu **berlayar** lagi.",
    );
    let (galley, _, _) = h.state().body_marks().expect("the body was laid out");
    let heading = &galley.rows[0];
    let text = galley.rows.last().unwrap();
    assert!(
        heading.size.y > text.size.y * 1.2,
        "heading {} vs text {}",
        heading.size.y,
        text.size.y
    );
    let glyph_height = |row: &egui::epaint::text::PlacedRow, i: usize| row.glyphs[i].font_height;
    assert!(glyph_height(heading, 4) > glyph_height(text, 0) * 1.2);
    // Bold and heading text are set in the bold face, not egui's regular one.
    let family_at = |needle: &str| format_at(&galley, needle).font_id.family;
    assert!(matches!(family_at("Pelabuhan"), egui::FontFamily::Name(_)));
    assert!(matches!(family_at("berlayar"), egui::FontFamily::Name(_)));
    assert_eq!(family_at("Kapal"), egui::FontFamily::Proportional);
}

#[test]
fn inline_code_and_code_blocks_are_laid_out_monospace_with_muted_fences() {
    let dir = tempfile::tempdir().expect("temp dir");
    let h = window_with_body(
        dir.path(),
        "Teks `iii mmm` biasa.\n\n```sh\nfenced iii mmm\n```\n\n    indented iii mmm\n\nplain iii mmm",
    );
    let (galley, _, _) = h.state().body_marks().expect("the body was laid out");
    // In the laid-out rows: an 'i' as wide as an 'm' is the monospace font.
    let widths = |needle: &str| {
        let row = galley
            .rows
            .iter()
            .find(|r| {
                r.row
                    .glyphs
                    .iter()
                    .map(|g| g.chr)
                    .collect::<String>()
                    .contains(needle)
            })
            .unwrap_or_else(|| panic!("no row with {needle:?}"));
        // The first "iii" and "mmm" after the needle, by glyph (all one byte each).
        let chars: String = row.row.glyphs.iter().map(|g| g.chr).collect();
        let from = chars.find(needle).unwrap();
        let width = |word: &str| {
            let at = from + chars[from..].find(word).unwrap();
            row.row.glyphs[at].advance_width
        };
        (width("iii"), width("mmm"))
    };
    for code in ["Teks", "fenced", "indented"] {
        let (i, m) = widths(code);
        assert!((i - m).abs() < 0.01, "{code}: i {i} vs m {m}");
    }
    let (i, m) = widths("plain");
    assert!(i < m * 0.8, "plain text is proportional: i {i} vs m {m}");
    // Fences and backticks: monospace and muted.
    let plain = format_at(&galley, "plain");
    for fence in ["```sh", "`iii"] {
        let f = format_at(&galley, fence);
        assert_eq!(f.font_id.family, egui::FontFamily::Monospace, "{fence}");
        assert_ne!(f.color, plain.color, "{fence} is muted");
    }
}
