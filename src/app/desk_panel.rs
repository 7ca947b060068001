//! The story list beside the form (File > Open Folder…): a filter box, the sort, and one
//! row per story of [`crate::desk::Desk`], drawn as a virtual list (`ScrollArea::show_rows`)
//! that lays out only the rows in view, so 10,000 stories cost what 30 do.
//!
//! Up/Down move the list's cursor while the filter box (or nothing) has the keyboard, and
//! Enter opens the story under it; a click opens a story too. Opening is an
//! [`Command::OpenPath`], so unsaved changes are asked about as for File > Open.

use std::path::Path;
use std::sync::Arc;

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
        let Some(desk) = self.desk.as_mut() else {
            return false;
        };
        let reading = !desk.is_counted();
        let changed = desk.poll();
        if reading && desk.is_counted() {
            // The reading is over: what its threads freed between the rows goes back.
            super::allocator::give_back();
        }
        changed
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
            .default_size(280.0)
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

/// One story: headline (or file name), then state, slugline, place, date, words, counts
/// and file name (the state first, so a long headline cannot cut it off), each line cut to the list's width. The open story is selected;
/// the cursor's row is highlighted. Drawn by hand: a button truncates its text to one
/// line, which hid the second.
fn row_ui(ui: &mut Ui, row: &Row, open: bool, cursor: bool) -> egui::Response {
    let first = row.title().to_owned();
    let second = if let Some(why) = &row.problem {
        format!("{}: {why}", row.name)
    } else {
        let mut parts: Vec<String> = vec![row.state.to_string()];
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
    let size = egui::vec2(ui.available_width(), ROW_HEIGHT - 2.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    let label = format!("{first}\n{second}");
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), open, &label)
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let fill = if open {
        Some(visuals.selection.bg_fill)
    } else if cursor || response.hovered() {
        Some(visuals.widgets.hovered.weak_bg_fill)
    } else {
        None
    };
    if let Some(fill) = fill {
        ui.painter().rect_filled(rect, 3.0, fill);
    }
    if cursor {
        let stroke = visuals.widgets.hovered.bg_stroke;
        ui.painter()
            .rect_stroke(rect.shrink(0.5), 3.0, stroke, egui::StrokeKind::Inside);
    }
    let (strong, weak) = if row.problem.is_some() {
        (visuals.error_fg_color, visuals.error_fg_color)
    } else if open {
        (
            visuals.selection.stroke.color,
            visuals.selection.stroke.color,
        )
    } else {
        (visuals.strong_text_color(), visuals.weak_text_color())
    };
    let inner = rect.shrink2(egui::vec2(6.0, 2.0));
    let line = |text: String, style: egui::TextStyle| {
        egui::WidgetText::from(text).into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            inner.width(),
            style,
        )
    };
    let top = line(first, egui::TextStyle::Body);
    let bottom = line(second, egui::TextStyle::Small);
    let painter = ui.painter();
    painter.galley(inner.left_top(), Arc::clone(&top), strong);
    painter.galley(
        egui::pos2(inner.left(), inner.top() + top.size().y + 1.0),
        bottom,
        weak,
    );
    response.on_hover_cursor(egui::CursorIcon::PointingHand)
}

/// "Mark ready with errors?" while the checks find errors in a story being marked ready.
pub fn confirm_ready_dialog(ctx: &egui::Context, panel: &DeskPanel, queue: &mut Vec<Command>) {
    let Some(errors) = &panel.confirm_ready else {
        return;
    };
    let answer = super::modals::errors_dialog(
        ctx,
        "confirm_ready",
        "Mark ready with errors?",
        "story",
        errors,
        "Mark ready anyway",
    );
    match answer {
        Some(true) => queue.push(Command::Desk(DeskCommand::ConfirmReady)),
        Some(false) => queue.push(Command::Desk(DeskCommand::CancelReady)),
        None => {}
    }
}
