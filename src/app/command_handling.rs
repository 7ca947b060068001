//! The one place commands take effect: files are opened and saved, settings change,
//! history steps are taken. Everything that can fail reports in the window's message bar.

use std::path::Path;

use egui::ViewportCommand;

use super::safety::Conflict;
use super::{App, Command, PromptAnswer, editor, history::History, theme};
use crate::checks;
use crate::disk::{Depth, DiskChange};
use crate::document::Document;
use crate::find;
use crate::formats::{self, html};
use crate::recovery::DocId;

impl App {
    /// Runs a command; ones that would lose unsaved changes ask first.
    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        let discards = matches!(
            command,
            Command::New | Command::Open | Command::OpenPath(_) | Command::Quit
        );
        if discards && self.doc.is_modified() {
            self.pending = Some(command);
            return;
        }
        self.perform(ctx, command);
        // The frame was drawn before the command ran; show its effect.
        ctx.request_repaint();
    }

    pub(super) fn answer_prompt(
        &mut self,
        ctx: &egui::Context,
        pending: Command,
        answer: PromptAnswer,
    ) {
        match answer {
            PromptAnswer::Cancel => {}
            PromptAnswer::Discard => self.perform(ctx, pending),
            PromptAnswer::Save => {
                self.perform(ctx, Command::Save);
                // A cancelled Save-As dialog or a failed write leaves the changes unsaved:
                // then the command does not go ahead.
                if !self.doc.is_modified() {
                    self.perform(ctx, pending);
                }
            }
        }
        ctx.request_repaint();
    }

    fn perform(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.replace_document(Document::new()),
            Command::Open => {
                if let Some(path) = self.dialogs.pick_open() {
                    self.open_path(&path);
                }
            }
            Command::OpenPath(path) => self.open_path(&path),
            Command::Save => match self.doc.save_target() {
                Some(_) if self.doc.disk_change(Depth::Full) == Some(DiskChange::Modified) => {
                    self.safety.conflict = Some(Conflict::BeforeSave);
                }
                Some(_) => self.perform(ctx, Command::SaveOverwrite),
                None => self.perform(ctx, Command::SaveAs),
            },
            Command::SaveOverwrite => match self.doc.save() {
                Ok(()) => self.saved(),
                Err(e) => self.error(e.to_string()),
            },
            Command::KeepMine => self.doc.restamp(),
            Command::Reload => {
                if let Some(path) = self.doc.path().map(ToOwned::to_owned) {
                    self.open_path(&path);
                }
            }
            Command::SaveAs => {
                let name = self.doc.suggested_name();
                if let Some(path) = self.dialogs.pick_save(&name) {
                    self.save_to(&path);
                }
            }
            Command::SaveTo(path) => self.save_to(&path),
            Command::Export => {
                let stem = self.doc.suggested_name();
                let name = stem.trim_end_matches(".ron").to_owned() + ".html";
                if let Some(path) = self.dialogs.pick_export(&name) {
                    self.export_to(&path, false);
                }
            }
            Command::ExportTo(path) => self.export_to(&path, false),
            Command::ExportConfirmed(path) => self.export_to(&path, true),
            Command::CopyHtml => {
                let options = html::HtmlOptions { fragment: true };
                ctx.copy_text(html::to_string(&self.doc.article, options));
                self.notice = Some("Copied the article as HTML".to_owned());
            }
            Command::Recover(id) => self.recover(&id),
            Command::DiscardRecovery(id) => {
                let discarded = DocId::parse(&id)
                    .map_err(|e| e.to_string())
                    .and_then(|id| self.safety.discard_offer(&id));
                if let Err(e) = discarded {
                    self.error(e);
                }
            }
            Command::Quit => {
                // Only reached once unsaved edits were saved or the user discarded them.
                self.safety.document_closed(DocId::new());
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Command::Undo => {
                if self.history.undo(&mut self.doc.article) {
                    self.touch();
                }
            }
            Command::Redo => {
                if self.history.redo(&mut self.doc.article) {
                    self.touch();
                }
            }
            Command::FindNext => self.find_step(ctx, true),
            Command::FindPrevious => self.find_step(ctx, false),
            Command::Find | Command::Replace => {
                self.find.open = true;
                self.find.show_replace |= command == Command::Replace;
                self.find.focus_query = true;
            }
            Command::ZoomIn => self.zoom(ctx, 1.0),
            Command::ZoomOut => self.zoom(ctx, -1.0),
            Command::ZoomReset => {
                self.settings.zoom = 1.0;
                ctx.set_zoom_factor(1.0);
            }
            Command::TogglePreview => self.settings.show_preview ^= true,
            Command::SetTheme(t) => {
                self.settings.theme = t;
                t.apply(ctx);
            }
            Command::ClearRecent => self.settings.recent.clear(),
            Command::Panel(p) => self.perform_panel(ctx, p),
        }
    }

    fn zoom(&mut self, ctx: &egui::Context, steps: f32) {
        self.settings.zoom = theme::zoom_by(self.settings.zoom, steps);
        ctx.set_zoom_factor(self.settings.zoom);
    }

    fn open_path(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.settings.add_recent(path);
                self.notice = Some(format!("Opened {}", doc.display_name()));
                let imported = doc.import_report().map(|r| r.entries.len());
                let name = doc.display_name();
                self.replace_document(doc);
                if let Some(changes) = imported {
                    // The window may not import again for hours.
                    crate::import::release_patterns();
                    self.messages.push(super::Message {
                        text: format!(
                            "Imported {name} from raw copy ({changes} changes). \
                             Save asks for a .ron or .md name; the copy is never overwritten."
                        ),
                        is_error: false,
                    });
                }
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.safety.document_closed(DocId::new());
        self.history = History::new(&doc.article);
        self.doc = doc;
        self.panels.document_replaced(&self.doc);
        self.messages.clear();
        self.touch();
    }

    fn save_to(&mut self, path: &Path) {
        match self.doc.save_as(path) {
            Ok(()) => {
                self.settings.add_recent(path);
                self.saved();
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Opens a journal left by a crashed run as the document, keeping its journal id so the
    /// journal is replaced while editing and removed once saved or discarded.
    fn recover(&mut self, id: &str) {
        if self.doc.is_modified() {
            self.error("Save or discard the open article before recovering another.".to_owned());
            return;
        }
        let Some(entry) = self
            .safety
            .offers
            .iter()
            .find(|e| e.id.as_str() == id)
            .cloned()
        else {
            return;
        };
        let doc = Document::recovered(entry.article, entry.path, entry.format);
        let name = doc.display_name();
        self.replace_document(doc);
        self.safety.doc_id = entry.id.clone();
        self.safety.offers.retain(|e| e.id != entry.id);
        self.notice = Some(format!("Recovered {name}: unsaved until you save it"));
    }

    /// Looks at the open file on disk when the window regains focus: reloads it if another
    /// program changed it and there are no edits here, asks if there are.
    pub(super) fn check_disk(&mut self) {
        match self.doc.disk_change(Depth::Quick) {
            Some(DiskChange::Modified) if self.doc.is_modified() => {
                self.safety.conflict = Some(Conflict::WhileEditing);
            }
            Some(DiskChange::Modified) => {
                if let Some(path) = self.doc.path().map(ToOwned::to_owned) {
                    self.open_path(&path);
                    self.notice = Some(format!(
                        "Reloaded {}: changed on disk",
                        self.doc.display_name()
                    ));
                }
            }
            Some(DiskChange::Deleted) => {
                let name = self.doc.display_name();
                self.doc.restamp();
                self.error(format!(
                    "{name} was deleted or moved on disk; Save writes it again."
                ));
            }
            Some(DiskChange::Unchanged) | None => {}
        }
    }

    /// Writes a copy in the format the extension names; the document's own file, and its
    /// unsaved marker, are unchanged. Exports for publishing (HTML, ninjs) with errors
    /// from the checks ask first, unless `confirmed`.
    fn export_to(&mut self, path: &Path, confirmed: bool) {
        if !confirmed
            && formats::Format::from_path(path).is_some_and(formats::Format::is_publishing_export)
        {
            let blockers = checks::export_blockers(&self.doc.article);
            if !blockers.is_empty() {
                let errors = blockers.into_iter().map(|f| f.message).collect();
                self.safety.confirm_export = Some((path.to_owned(), errors));
                return;
            }
        }
        let written = formats::resolve(path, None).and_then(|format| {
            if format.is_writable() {
                formats::write(path, &self.doc.article, format)
            } else {
                Err(formats::FileError::new(
                    path,
                    formats::Problem::UnknownFormat,
                ))
            }
        });
        match written {
            Ok(()) => self.notice = Some(format!("Exported {}", path.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    fn saved(&mut self) {
        self.notice = Some(format!("Saved {}", self.doc.display_name()));
        // The title's unsaved marker depends on the saved copy, not only on edits.
        self.touch();
    }

    /// Selects the next (or previous) match of the find bar's query in its field; with no
    /// query yet, opens the find bar instead.
    fn find_step(&mut self, ctx: &egui::Context, forward: bool) {
        if !self.find.open || self.find.query.text.is_empty() {
            self.find.open = true;
            self.find.focus_query = true;
            return;
        }
        let matches = find::matches(&self.doc.article, &self.find.query);
        let Some(i) = self.find.step(matches.len(), forward, self.revision) else {
            self.notice = Some(format!("“{}” is not in the article", self.find.query.text));
            return;
        };
        let m = &matches[i];
        let text = checks::field_text(&self.doc.article, m.field);
        editor::select(ctx, m.field, &text, m.range.clone());
    }

    /// Replaces every match of the find bar's query as one undoable step.
    pub(super) fn replace_all(&mut self) {
        self.history.checkpoint(&self.doc.article);
        let n = find::replace_all(
            &mut self.doc.article,
            &self.find.query,
            &self.find.replacement,
        );
        if n > 0 {
            self.history.checkpoint(&self.doc.article);
            self.touch();
        }
        self.notice = Some(match n {
            1 => "Replaced 1 match".to_owned(),
            n => format!("Replaced {n} matches"),
        });
    }
}
