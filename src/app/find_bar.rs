//! The find and replace bar under the menu: query, match count, case sensitivity, Previous
//! and Next, and Replace All. The matching itself is [`crate::find`]; this only draws,
//! remembers which match was selected, and queues [`Command`]s.

use egui::{Key, TextEdit, Ui};

use super::Command;
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
    /// The match last selected, by index in form order, for `query` at `revision`: an edit
    /// or a new query starts again from the first.
    current: Option<(u64, Query, usize)>,
}

impl FindBar {
    /// The index of the match to select next among `n` matches at `revision`, going
    /// `forward` or back, wrapping around; remembered as the current one.
    pub fn step(&mut self, n: usize, forward: bool, revision: u64) -> Option<usize> {
        if n == 0 {
            self.current = None;
            return None;
        }
        let next = match self.current_index(revision) {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None if forward => 0,
            None => n - 1,
        };
        self.current = Some((revision, self.query.clone(), next));
        Some(next)
    }

    fn current_index(&self, revision: u64) -> Option<usize> {
        match &self.current {
            Some((r, q, i)) if *r == revision && *q == self.query => Some(*i),
            _ => None,
        }
    }

    /// Draws the bar; what the user asks for goes onto `queue`.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        article: &Article,
        revision: u64,
        queue: &mut Vec<Command>,
    ) {
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
                queue.push(Command::CloseFind);
            }
            // A single-line field gives up focus on Enter: go to the match (Shift: back).
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                queue.push(if ui.input(|i| i.modifiers.shift) {
                    Command::FindPrevious
                } else {
                    Command::FindNext
                });
            }
            ui.checkbox(&mut self.query.case_sensitive, "Match case");
            let matches = match (self.current_index(revision), count) {
                (Some(i), n) if i < n => format!("{} of {n}", i + 1),
                (_, 1) => "1 match".to_owned(),
                (_, n) => format!("{n} matches"),
            };
            ui.label(matches);
            let previous = ui
                .add_enabled(count > 0, egui::Button::new("Previous").small())
                .on_hover_text("Previous match (Shift+Enter)");
            if previous.clicked() {
                queue.push(Command::FindPrevious);
            }
            let next = ui
                .add_enabled(count > 0, egui::Button::new("Next").small())
                .on_hover_text("Next match (Enter)");
            if next.clicked() {
                queue.push(Command::FindNext);
            }
            if self.show_replace {
                ui.separator();
                let label = ui.label("Replace with");
                ui.add(TextEdit::singleline(&mut self.replacement).desired_width(180.0))
                    .labelled_by(label.id);
                if ui
                    .add_enabled(count > 0, egui::Button::new("Replace All"))
                    .clicked()
                {
                    queue.push(Command::ReplaceAll {
                        query: self.query.clone(),
                        replacement: self.replacement.clone(),
                    });
                }
            } else if ui.small_button("Replace…").clicked() {
                self.show_replace = true;
            }
            if ui.small_button("×").on_hover_text("Close (Esc)").clicked() {
                queue.push(Command::CloseFind);
            }
        });
    }
}
