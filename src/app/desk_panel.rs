//! The story list beside the form (File > Open Folder…): a filter box, the sort, and one
//! row per story of [`crate::desk::Desk`], drawn as a virtual list (`ScrollArea::show_rows`)
//! that lays out only the rows in view, so 10,000 stories cost what 30 do.
//!
//! Up/Down move the list's cursor while the filter box (or nothing) has the keyboard, and
//! Enter opens the story under it; a click opens a story too. Opening is an
//! [`Command::OpenPath`], so unsaved changes are asked about as for File > Open.

use std::path::Path;

use egui::{Key, Ui};

use super::command::{Command, DeskCommand};
use crate::desk::{Desk, Row, Sort};

/// Height of one row of the list: two lines of text.
const ROW_HEIGHT: f32 = 38.0;

/// The desk as the window shows it.
#[derive(Default)]
pub struct DeskPanel {
    pub desk: Option<Desk>,
    /// The filter box's text (applied as a [`DeskCommand::Filter`]).
    pub filter: String,
    /// The row Up/Down have moved to.
    pub cursor: usize,
    /// "Mark ready with errors?": the errors, while asking.
    pub confirm_ready: Option<Vec<String>>,
}

impl DeskPanel {
    /// Takes the rows the workers sent; true when the list changed.
    pub fn poll(&mut self) -> bool {
        self.desk.as_mut().is_some_and(Desk::poll)
    }

    /// The list, on the left of the window, when a folder is open.
    pub fn show(&mut self, ui: &mut Ui, current: Option<&Path>, queue: &mut Vec<Command>) {
        let Self {
            desk,
            filter: filter_text,
            cursor: cursor_at,
            ..
        } = self;
        let Some(desk) = desk.as_ref() else {
            return;
        };
        egui::Panel::left("desk")
            .resizable(true)
            .default_size(320.0)
            .size_range(220.0..=900.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let name = desk.dir().file_name().map_or_else(
                        || desk.dir().display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    ui.strong(name);
                    let count = if desk.is_listed() {
                        format!("{} stories", desk.len())
                    } else {
                        format!("{} stories, reading…", desk.len())
                    };
                    ui.weak(count);
                    if ui.small_button("×").on_hover_text("Close Folder").clicked() {
                        queue.push(Command::Desk(DeskCommand::CloseFolder));
                    }
                });
                if let Some(why) = desk.failure() {
                    ui.colored_label(ui.visuals().error_fg_color, why);
                }
                let label = ui.label("Filter");
                let filter = ui
                    .add(
                        egui::TextEdit::singleline(filter_text)
                            .hint_text("headline, slugline or body words")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if filter.changed() {
                    queue.push(Command::Desk(DeskCommand::Filter(filter_text.clone())));
                    *cursor_at = 0;
                }
                ui.horizontal(|ui| {
                    ui.label("Sort by");
                    for (sort, text) in [
                        (Sort::Time, "Time"),
                        (Sort::Headline, "Headline"),
                        (Sort::State, "State"),
                    ] {
                        if ui.radio(desk.sort() == sort, text).clicked() {
                            queue.push(Command::Desk(DeskCommand::Sort(sort)));
                        }
                    }
                });
                ui.separator();
                let keys = filter.has_focus() || ui.memory(|m| m.focused().is_none());
                let moved = keys && keyboard(ui, cursor_at, desk, queue);
                *cursor_at = (*cursor_at).min(desk.len().saturating_sub(1));
                let cursor = *cursor_at;
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show_rows(ui, ROW_HEIGHT, desk.len(), |ui, range| {
                        for i in range {
                            let Some(row) = desk.row(i) else { continue };
                            let open = current.is_some_and(|p| p == row.path);
                            let response = row_ui(ui, row, open, i == cursor);
                            if response.clicked() {
                                queue.push(Command::OpenPath(row.path.clone()));
                            }
                            if moved && i == cursor {
                                response.scroll_to_me(None);
                            }
                        }
                    });
            });
    }
}

/// Up/Down move the cursor, Enter opens its story; true when the cursor moved.
fn keyboard(ui: &Ui, at: &mut usize, desk: &Desk, queue: &mut Vec<Command>) -> bool {
    {
        let (down, up, enter) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, Key::Enter),
            )
        });
        if down && *at + 1 < desk.len() {
            *at += 1;
        }
        if up {
            *at = at.saturating_sub(1);
        }
        if enter && let Some(row) = desk.row(*at) {
            queue.push(Command::OpenPath(row.path.clone()));
        }
        down || up
    }
}

/// One story: headline (or file name) and state, then slugline, place, date, words,
/// counts and file name. The open story is selected; the cursor's row is highlighted.
fn row_ui(ui: &mut Ui, row: &Row, open: bool, cursor: bool) -> egui::Response {
    let mut first = format!("{}  ·  {}", row.title(), row.state);
    if cursor {
        first.insert_str(0, "> ");
    }
    let second = if let Some(why) = &row.problem {
        format!("{}: {why}", row.name)
    } else {
        let mut parts: Vec<String> = Vec::new();
        for text in [&row.slugline, &row.place] {
            if !text.is_empty() {
                parts.push(text.clone());
            }
        }
        if let Some(d) = row.date {
            parts.push(d.to_string());
        }
        parts.push(format!("{} words", row.words));
        parts.push(match row.counts {
            Some(c) => format!("{} errors, {} warnings", c.errors, c.warnings),
            None => "checking…".to_owned(),
        });
        parts.push(row.name.clone());
        parts.join(" · ")
    };
    let text = egui::RichText::new(format!("{first}\n{second}"));
    let text = if row.problem.is_some() {
        text.color(ui.visuals().error_fg_color)
    } else {
        text
    };
    let button = egui::Button::selectable(open, text)
        .wrap_mode(egui::TextWrapMode::Truncate)
        .min_size(egui::vec2(ui.available_width(), ROW_HEIGHT - 4.0));
    let response = ui.add(button);
    if cursor {
        response.clone().highlight();
    }
    response
}

/// "Mark ready with errors?" while the checks find errors in a story being marked ready.
pub fn confirm_ready_dialog(ctx: &egui::Context, panel: &DeskPanel, queue: &mut Vec<Command>) {
    let Some(errors) = &panel.confirm_ready else {
        return;
    };
    egui::Modal::new(egui::Id::unique("confirm_ready")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Mark ready with errors?");
        ui.label(format!(
            "The checks found {} error{} in this story:",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ));
        for e in errors {
            ui.label(format!("• {e}"));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Mark ready anyway").clicked() {
                queue.push(Command::Desk(DeskCommand::ConfirmReady));
            }
            if ui.button("Cancel").clicked() {
                queue.push(Command::Desk(DeskCommand::CancelReady));
            }
        });
    });
}
