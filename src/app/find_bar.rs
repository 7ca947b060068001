//! The find and replace bar under the menu: query, match count, case sensitivity, and
//! Replace All. The matching itself is [`crate::find`]; this only draws and queues.

use egui::{Key, TextEdit, Ui};

use crate::article::Article;
use crate::find::{self, Query};

#[derive(Debug, Default)]
pub struct FindBar {
    pub open: bool,
    pub show_replace: bool,
    pub query: Query,
    pub replacement: String,
    /// Ask the query field for focus on the next frame (after Ctrl+F).
    pub focus_query: bool,
    /// Matches for `query` at `revision`, so the count is not recomputed every frame.
    count: Option<(u64, Query, usize)>,
}

/// What the user asked the bar to do this frame.
#[derive(Debug, PartialEq, Eq)]
pub enum FindAction {
    None,
    ReplaceAll,
    Close,
}

impl FindBar {
    pub fn show(&mut self, ui: &mut Ui, article: &Article, revision: u64) -> FindAction {
        let mut action = FindAction::None;
        let count = match &self.count {
            Some((r, q, n)) if *r == revision && *q == self.query => *n,
            _ => {
                let n = find::count(article, &self.query);
                self.count = Some((revision, self.query.clone(), n));
                n
            }
        };
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let response = ui
                .add(
                    TextEdit::singleline(&mut self.query.text)
                        .hint_text("text in any field")
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_query) {
                response.request_focus();
            }
            if response.has_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
                action = FindAction::Close;
            }
            ui.checkbox(&mut self.query.case_sensitive, "Match case");
            let matches = match count {
                1 => "1 match".to_owned(),
                n => format!("{n} matches"),
            };
            ui.label(matches);
            if self.show_replace {
                ui.separator();
                let label = ui.label("Replace with");
                ui.add(TextEdit::singleline(&mut self.replacement).desired_width(180.0))
                    .labelled_by(label.id);
                if ui
                    .add_enabled(count > 0, egui::Button::new("Replace All"))
                    .clicked()
                {
                    action = FindAction::ReplaceAll;
                }
            } else if ui.small_button("Replace…").clicked() {
                self.show_replace = true;
            }
            if ui.small_button("×").on_hover_text("Close (Esc)").clicked() {
                action = FindAction::Close;
            }
        });
        action
    }
}
