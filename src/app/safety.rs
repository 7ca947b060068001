//! The window's side of "never lose an article": crash-recovery journals (offered at start,
//! written off the UI thread while editing), files changed on disk by another program, and
//! the confirmation before exporting an article the checks find errors in.
//!
//! The journaling and stamping themselves live in the core ([`crate::recovery`],
//! [`crate::disk`]); this module decides when to call them and draws the dialogs. Dialog
//! buttons only queue [`Command`]s, which `command_handling` applies.

use std::path::PathBuf;
use std::sync::Arc;

use egui::Id;

use super::Command;
use crate::document::Document;
use crate::recovery::{Autosaver, DocId, Entry, Journal, Snapshot};

/// Recovery and on-disk state of the window.
pub(super) struct Safety {
    pub journal: Option<Journal>,
    pub autosaver: Option<Autosaver>,
    /// The open document's journal name; kept when a document is recovered.
    pub doc_id: DocId,
    /// Journals left by a run that did not finish, offered until recovered or discarded.
    pub offers: Vec<Entry>,
    /// Journals that could not be read: shown, never deleted without the user.
    pub unreadable: Vec<(DocId, String)>,
    pub show_offers: bool,
    /// Set when another program changed the open file: what to ask.
    pub conflict: Option<Conflict>,
    /// An export waiting for "export anyway": the path and the errors found.
    pub confirm_export: Option<(PathBuf, Vec<String>)>,
    /// Whether the window had focus last frame: regaining it is when we look at the disk.
    pub was_focused: bool,
}

/// Why the on-disk dialog is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Conflict {
    /// Save found the file changed since it was opened or saved.
    BeforeSave,
    /// Noticed when the window regained focus, with unsaved edits in the window.
    WhileEditing,
}

impl Safety {
    /// Opens the recovery folder and lists what a crashed run left, then starts
    /// autosaving. Problems are returned as messages; the window works without autosave.
    pub fn start(dir: Option<PathBuf>) -> (Self, Vec<String>) {
        let mut errors = Vec::new();
        let mut safety = Self {
            journal: None,
            autosaver: None,
            doc_id: DocId::new(),
            offers: Vec::new(),
            unreadable: Vec::new(),
            show_offers: false,
            conflict: None,
            confirm_export: None,
            was_focused: true,
        };
        let Some(dir) = dir else {
            return (safety, errors);
        };
        let journal = match Journal::open(dir) {
            Ok(j) => j,
            Err(e) => {
                errors.push(format!("Autosave is off: {e}"));
                return (safety, errors);
            }
        };
        // Listed before this run's autosaver writes anything: all of these are leftovers.
        match journal.list() {
            Ok(listing) => {
                safety.offers = listing.entries;
                safety.unreadable = listing
                    .unreadable
                    .into_iter()
                    .map(|(id, e)| (id, e.to_string()))
                    .collect();
                safety.show_offers = !safety.offers.is_empty() || !safety.unreadable.is_empty();
            }
            Err(e) => errors.push(format!("Cannot list recovered articles: {e}")),
        }
        match Autosaver::start(journal.clone()) {
            Ok(a) => safety.autosaver = Some(a),
            Err(e) => errors.push(format!("Autosave is off: {e}")),
        }
        safety.journal = Some(journal);
        (safety, errors)
    }

    /// The article changed (or was saved): journal it while it has unsaved edits, remove
    /// the journal once it has none.
    pub fn article_changed(&self, doc: &Document) {
        let Some(autosaver) = &self.autosaver else {
            return;
        };
        if doc.is_modified() {
            autosaver.changed(Snapshot {
                id: self.doc_id.clone(),
                article: Arc::new(doc.article.clone()),
                path: doc.path().map(ToOwned::to_owned),
                format: doc.format(),
            });
        } else {
            autosaver.saved(&self.doc_id);
        }
    }

    /// The open document goes away (New, Open, Quit): its unsaved edits were saved or
    /// discarded by the user's answer, so its journal goes too.
    pub fn document_closed(&mut self, next_id: DocId) {
        if let Some(autosaver) = &self.autosaver {
            autosaver.discarded(&self.doc_id);
        }
        self.doc_id = next_id;
    }

    /// Autosave failures since last asked, for the message bar.
    pub fn take_errors(&self) -> Vec<String> {
        self.autosaver
            .as_ref()
            .map(|a| a.take_errors().iter().map(ToString::to_string).collect())
            .unwrap_or_default()
    }

    /// Removes an offered journal the user chose to discard.
    pub fn discard_offer(&mut self, id: &DocId) -> Result<(), String> {
        if let Some(journal) = &self.journal {
            journal.discard(id).map_err(|e| e.to_string())?;
        }
        self.offers.retain(|e| &e.id != id);
        self.unreadable.retain(|(u, _)| u != id);
        Ok(())
    }

    /// The "Recover unsaved articles" dialog: one row per journal, Recover or Discard.
    pub fn offers_dialog(&mut self, ctx: &egui::Context, queue: &mut Vec<Command>) {
        if !self.show_offers {
            return;
        }
        if self.offers.is_empty() && self.unreadable.is_empty() {
            self.show_offers = false;
            return;
        }
        let mut close = false;
        egui::Modal::new(Id::unique("recover_articles")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Recover unsaved articles");
            ui.label("Newsdesk did not close normally. These articles had unsaved edits:");
            ui.add_space(6.0);
            for entry in &self.offers {
                let name = entry
                    .path
                    .as_ref()
                    .map_or_else(|| "Untitled".to_owned(), |p| p.display().to_string());
                let headline = entry.article.headline.trim();
                ui.horizontal(|ui| {
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
                });
                ui.horizontal(|ui| {
                    if ui.button(format!("Recover {name}")).clicked() {
                        queue.push(Command::Recover(entry.id.as_str().to_owned()));
                    }
                    if ui.button(format!("Discard {name}")).clicked() {
                        queue.push(Command::DiscardRecovery(entry.id.as_str().to_owned()));
                    }
                });
                ui.separator();
            }
            for (id, problem) in &self.unreadable {
                ui.colored_label(ui.visuals().error_fg_color, problem);
                if ui.button("Discard unreadable journal").clicked() {
                    queue.push(Command::DiscardRecovery(id.as_str().to_owned()));
                }
                ui.separator();
            }
            if ui.button("Decide later").clicked() {
                close = true;
            }
        });
        if close {
            self.show_offers = false;
        }
    }

    /// The "changed on disk" dialog.
    pub fn conflict_dialog(&mut self, ctx: &egui::Context, name: &str, queue: &mut Vec<Command>) {
        let Some(conflict) = self.conflict else {
            return;
        };
        let mut answered = false;
        egui::Modal::new(Id::unique("changed_on_disk")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Changed on disk");
            ui.label(format!(
                "Another program changed {name} since Newsdesk opened or saved it. \
                 Overwriting loses those changes; reloading loses yours."
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let keep = match conflict {
                    Conflict::BeforeSave => "Overwrite",
                    Conflict::WhileEditing => "Keep my version",
                };
                if ui.button(keep).clicked() {
                    queue.push(match conflict {
                        Conflict::BeforeSave => Command::SaveOverwrite,
                        Conflict::WhileEditing => Command::KeepMine,
                    });
                    answered = true;
                }
                if ui.button("Save As…").clicked() {
                    queue.push(Command::SaveAs);
                    answered = true;
                }
                if ui.button("Reload").clicked() {
                    queue.push(Command::Reload);
                    answered = true;
                }
            });
        });
        if answered {
            self.conflict = None;
        }
    }

    /// "Export anyway?" when the checks find errors in an article being exported.
    pub fn export_dialog(&mut self, ctx: &egui::Context, queue: &mut Vec<Command>) {
        let Some((path, errors)) = self.confirm_export.clone() else {
            return;
        };
        let mut answered = false;
        egui::Modal::new(Id::unique("confirm_export")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Export with errors?");
            ui.label(format!(
                "The checks found {} error{} in this article:",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            ));
            for e in &errors {
                ui.label(format!("• {e}"));
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Export anyway").clicked() {
                    queue.push(Command::ExportConfirmed(path.clone()));
                    answered = true;
                }
                if ui.button("Cancel").clicked() {
                    answered = true;
                }
            });
        });
        if answered {
            self.confirm_export = None;
        }
    }

    /// Whether a dialog of this module is open (shortcuts wait while one is).
    pub fn is_asking(&self) -> bool {
        (self.show_offers && !(self.offers.is_empty() && self.unreadable.is_empty()))
            || self.conflict.is_some()
            || self.confirm_export.is_some()
    }
}
