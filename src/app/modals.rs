//! The window's modal questions, all in one place: Save / Discard / Cancel before unsaved
//! changes would be lost, the recovery offer after a crash, "changed on disk", and "export
//! with errors?", and the in-window file chooser when the system's cannot be shown. Each
//! only draws and queues the [`Command`] for the answer.

use egui::Id;

use super::command::PromptAnswer;
use super::safety::{Conflict, Safety};
use super::{App, Command};

impl App {
    /// Draws whichever questions are open; answers go onto the queue.
    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        if let Some(pending) = &self.pending {
            unsaved_prompt(ctx, &self.doc.display_name(), pending, &mut self.queue);
        }
        offers_dialog(ctx, &self.safety, &mut self.queue);
        conflict_dialog(ctx, &self.safety, &self.doc.display_name(), &mut self.queue);
        export_dialog(ctx, &self.safety, &mut self.queue);
        super::desk_panel::confirm_ready_dialog(ctx, &self.desk, &mut self.queue);
        if let Some(chooser) = &mut self.chooser {
            chooser.show(ctx, &mut self.queue);
        }
        if let Some(prompt) = &mut self.link_prompt {
            link_dialog(ctx, prompt, &mut self.queue);
        }
    }
}

/// Format > Link…: the address to link the selection to (http, https or mailto).
fn link_dialog(ctx: &egui::Context, prompt: &mut super::LinkPrompt, queue: &mut Vec<Command>) {
    egui::Modal::new(Id::unique("link_prompt")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Link");
        let label = ui.label("Address (http, https or mailto)");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut prompt.address)
                    .hint_text("https://")
                    .desired_width(380.0),
            )
            .labelled_by(label.id);
        if !field.has_focus() && prompt.address.is_empty() {
            field.request_focus();
        }
        if let Some(e) = &prompt.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            if ui.button("Link").clicked() || enter {
                queue.push(Command::InsertLink(prompt.address.clone()));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                queue.push(Command::CancelLink);
            }
        });
    });
}

/// The Save / Discard / Cancel prompt for a command that would lose unsaved changes.
fn unsaved_prompt(ctx: &egui::Context, name: &str, pending: &Command, queue: &mut Vec<Command>) {
    egui::Modal::new(Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.set_max_width(380.0);
        ui.heading("Unsaved changes");
        ui.label(format!(
            "Save the changes to {name} before you {}?",
            match pending {
                Command::Quit => "close the window",
                Command::New => "start a new article",
                _ => "open another file",
            }
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let mut answer = None;
            if ui.button("Save").clicked() {
                answer = Some(PromptAnswer::Save);
            }
            if ui.button("Discard").clicked() {
                answer = Some(PromptAnswer::Discard);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                answer = Some(PromptAnswer::Cancel);
            }
            if let Some(answer) = answer {
                queue.push(Command::AnswerUnsaved(answer));
            }
        });
    });
}

/// The "Recover unsaved articles" dialog: one row per journal, Recover or Discard.
fn offers_dialog(ctx: &egui::Context, safety: &Safety, queue: &mut Vec<Command>) {
    if !safety.offering() {
        return;
    }
    egui::Modal::new(Id::unique("recover_articles")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Recover unsaved articles");
        ui.label("Newsdesk did not close normally. These articles had unsaved edits:");
        ui.add_space(6.0);
        for entry in &safety.offers {
            let name = entry
                .path
                .as_ref()
                .map_or_else(|| "Untitled".to_owned(), |p| p.display().to_string());
            let headline = entry.article.headline.trim();
            ui.label(format!(
                "{name} — {} — edited {}",
                if headline.is_empty() {
                    "(no headline)"
                } else {
                    headline
                },
                entry
                    .time
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
            ));
            ui.horizontal(|ui| {
                if ui.button(format!("Recover {name}")).clicked() {
                    queue.push(Command::Recover(entry.id.clone()));
                }
                if ui.button(format!("Discard {name}")).clicked() {
                    queue.push(Command::DiscardRecovery(entry.id.clone()));
                }
            });
            ui.separator();
        }
        for (id, problem) in &safety.unreadable {
            ui.colored_label(ui.visuals().error_fg_color, problem);
            if ui.button("Discard unreadable journal").clicked() {
                queue.push(Command::DiscardRecovery(id.clone()));
            }
            ui.separator();
        }
        if ui.button("Decide later").clicked() {
            queue.push(Command::DecideLater);
        }
    });
}

/// The "changed on disk" dialog.
fn conflict_dialog(ctx: &egui::Context, safety: &Safety, name: &str, queue: &mut Vec<Command>) {
    let Some(conflict) = safety.conflict else {
        return;
    };
    egui::Modal::new(Id::unique("changed_on_disk")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Changed on disk");
        ui.label(format!(
            "Another program changed {name} since Newsdesk opened or saved it. \
             Overwriting loses those changes; reloading loses yours."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let (keep, keep_command) = match conflict {
                Conflict::BeforeSave => ("Overwrite", Command::SaveOverwrite),
                Conflict::WhileEditing => ("Keep my version", Command::KeepMine),
            };
            let mut answer = None;
            if ui.button(keep).clicked() {
                answer = Some(keep_command);
            }
            if ui.button("Save As…").clicked() {
                answer = Some(Command::SaveAs);
            }
            if ui.button("Reload").clicked() {
                answer = Some(Command::Reload);
            }
            if let Some(answer) = answer {
                queue.push(Command::AnswerConflict(Box::new(answer)));
            }
        });
    });
}

/// "Export anyway?" when the checks find errors in an article being exported.
fn export_dialog(ctx: &egui::Context, safety: &Safety, queue: &mut Vec<Command>) {
    let Some((path, errors)) = &safety.confirm_export else {
        return;
    };
    let answer = errors_dialog(
        ctx,
        "confirm_export",
        "Export with errors?",
        "article",
        errors,
        "Export anyway",
    );
    match answer {
        Some(true) => queue.push(Command::ExportConfirmed(path.clone())),
        Some(false) => queue.push(Command::CancelExport),
        None => {}
    }
}

/// A question about going ahead although the checks found `errors` in the `thing` (the
/// article, the story): the list of them, `go_ahead` and Cancel. `Some(true)` when the user
/// chose to go ahead, `Some(false)` for Cancel, `None` while asking.
pub(super) fn errors_dialog(
    ctx: &egui::Context,
    id: &str,
    heading: &str,
    thing: &str,
    errors: &[String],
    go_ahead: &str,
) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(heading);
        ui.label(format!(
            "The checks found {} error{} in this {thing}:",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ));
        for e in errors {
            ui.label(format!("• {e}"));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(go_ahead).clicked() {
                answer = Some(true);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}
