//! The one place commands take effect: files are opened and saved, dialogs shown, the
//! document edited, settings changed, the user's dictionary written. Everything that can
//! fail reports in the window's message bar, naming the file.
//!
//! Panels, menus, modals and shortcuts only queue [`Command`]s; [`App::run_command`] runs
//! them after the frame. An edit goes through the [`Document`]'s API, so it is one undo
//! step and bumps the revision the preview, checks and autosave follow.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::ViewportCommand;

use super::command::{DeskCommand, Found, PromptAnswer};
use super::compare::{CompareCommand, Target};
use super::dialogs::{Choice, Purpose};
use super::file_chooser::FileChooser;
use super::safety::Conflict;
use super::{App, Command, editor, theme};
use crate::article::{Article, StoryState};
use crate::checks;
use crate::desk::Desk;
use crate::diff;
use crate::document::Document;
use crate::find;
use crate::formats::{self, html};
use crate::storage::disk::{Depth, DiskChange};
use crate::storage::journal::DocId;
use crate::storage::versions::Keeper;

impl App {
    /// Runs a command; ones that would lose unsaved changes ask first.
    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        // Open asks once the file is chosen (its `OpenPath`), so a cancelled dialog asks
        // nothing and the in-window chooser's answer is asked about like a dropped file.
        let discards = matches!(command, Command::New | Command::OpenPath(_) | Command::Quit);
        if discards && self.doc.is_modified() {
            self.pending = Some(command);
            return;
        }
        self.perform(ctx, command);
        // The frame was drawn before the command ran; show its effect.
        ctx.request_repaint();
    }

    fn answer_unsaved(&mut self, ctx: &egui::Context, answer: PromptAnswer) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        match answer {
            PromptAnswer::Cancel => {}
            PromptAnswer::Discard => self.perform(ctx, pending),
            PromptAnswer::Save => {
                self.perform(ctx, Command::Save);
                if let Some(chooser) = &mut self.chooser
                    && chooser.purpose() == Purpose::Save
                {
                    // The in-window chooser answers in a later frame: the command waits
                    // for that save (`IfSaved`).
                    chooser.then = Some(pending);
                } else if !self.doc.is_modified() {
                    // A cancelled Save-As dialog or a failed write leaves the changes
                    // unsaved: then the command does not go ahead.
                    self.perform(ctx, pending);
                }
            }
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per command, each short
    fn perform(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.replace_document(Document::new()),
            Command::Open => self.choose(ctx, Purpose::Open, ""),
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
            Command::AnswerConflict(answer) => {
                self.safety.conflict = None;
                self.perform(ctx, *answer);
            }
            Command::KeepMine => self.doc.restamp(),
            Command::Reload => {
                if let Some(path) = self.doc.path().map(ToOwned::to_owned) {
                    self.open_path(&path);
                }
            }
            Command::CheckDisk => self.check_disk(),
            Command::SaveAs => {
                let name = self.doc.suggested_name();
                self.choose(ctx, Purpose::Save, &name);
            }
            Command::SaveTo(path) => self.save_to(&path),
            Command::Export => {
                let stem = self.doc.suggested_name();
                let name = stem.trim_end_matches(".ron").to_owned() + ".html";
                self.choose(ctx, Purpose::Export, &name);
            }
            Command::CloseChooser => self.chooser = None,
            Command::IfSaved(next) => {
                if !self.doc.is_modified() {
                    self.perform(ctx, *next);
                }
            }
            Command::ExportTo(path) => self.export_to(&path, false),
            Command::ExportConfirmed(path) => {
                self.safety.confirm_export = None;
                self.export_to(&path, true);
            }
            Command::CancelExport => self.safety.confirm_export = None,
            Command::CopyHtml => {
                let options = html::HtmlOptions { fragment: true };
                ctx.copy_text(html::to_string(self.doc.article(), options));
                self.notice = Some("Copied the article as HTML".to_owned());
            }
            Command::Recover(id) => self.recover(&id),
            Command::DiscardRecovery(id) => {
                if let Err(e) = self.safety.discard_offer(&id) {
                    self.error(e);
                }
            }
            Command::DecideLater => self.safety.show_offers = false,
            Command::Quit => {
                // Only reached once unsaved edits were saved or the user discarded them.
                self.safety.document_closed(DocId::new());
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Command::AnswerUnsaved(answer) => self.answer_unsaved(ctx, answer),
            Command::AddPicture => self.choose(ctx, Purpose::Picture, ""),
            Command::AddPicturePath(path) => self.add_picture(&path),
            Command::MovePicture { index, up } => {
                let to = if up {
                    index.checked_sub(1)
                } else {
                    Some(index + 1)
                };
                self.doc.edit(|a| {
                    if let Some(to) = to.filter(|&t| t < a.pictures.len())
                        && index < a.pictures.len()
                    {
                        a.pictures.swap(index, to);
                    }
                });
            }
            Command::RemovePicture(index) => {
                self.doc.edit(|a| {
                    if index < a.pictures.len() {
                        a.pictures.remove(index);
                    }
                });
            }
            Command::PlacePicture(index) => {
                let article = self.doc.article();
                if let Some(p) = article.pictures.get(index) {
                    let body = &article.body;
                    let selection = editor::selection_bytes(ctx, crate::Field::Body, body);
                    let edit = crate::markup::place_picture(body, selection, &p.source, &p.alt);
                    self.format_body(ctx, &edit);
                }
            }
            Command::Undo => {
                self.doc.undo();
            }
            Command::Redo => {
                self.doc.redo();
            }
            Command::FindNext => self.find_step(ctx, true),
            Command::FindPrevious => self.find_step(ctx, false),
            Command::Find | Command::Replace => {
                self.find.open = true;
                self.find.show_replace |= command == Command::Replace;
                self.find.focus_query = true;
            }
            Command::CloseFind => self.find.open = false,
            Command::ReplaceAll { query, replacement } => {
                let mut n = 0;
                self.doc
                    .edit(|a| n = find::replace_all(a, &query, &replacement));
                self.notice = Some(match n {
                    1 => "Replaced 1 match".to_owned(),
                    n => format!("Replaced {n} matches"),
                });
            }
            Command::ZoomIn => self.zoom(ctx, 1.0),
            Command::ZoomOut => self.zoom(ctx, -1.0),
            Command::ZoomReset => {
                self.settings.zoom = 1.0;
                ctx.set_zoom_factor(1.0);
            }
            Command::TogglePreview => self.settings.show_preview ^= true,
            Command::TogglePublishOnExport => self.settings.publish_on_export ^= true,
            Command::SetTheme(t) => {
                self.settings.theme = t;
                t.apply(ctx);
            }
            Command::ClearRecent => self.settings.recent.clear(),
            Command::DismissMessage(i) => {
                if i < self.messages.len() {
                    self.messages.remove(i);
                }
            }
            Command::SetDate(date) => {
                self.doc.edit(|a| a.dateline.date = date);
            }
            Command::SetKeywords(keywords) => {
                self.doc.edit(|a| a.keywords = keywords);
            }
            Command::ToggleImportReport => self.panels.show_report ^= true,
            Command::PutBack(index) => {
                self.doc.put_back(index);
            }
            Command::GoTo(found) => {
                // The date has no text to select.
                if let Some(f) = self.current(found)
                    && f.field != crate::Field::Date
                {
                    let text = self.doc.article().text(f.field);
                    editor::select(ctx, f.field, &text, f.range.clone());
                }
            }
            Command::Fix(found) => {
                if let Some(f) = self.current(found) {
                    self.edit_or_report(|a| checks::apply_fix(a, &f));
                }
            }
            Command::Suggest(found, with) => {
                if let Some(f) = self.current(found) {
                    self.edit_or_report(|a| checks::apply_replacement(a, &f, &with));
                }
            }
            Command::Ignore(found) => {
                if let Some(f) = self.current(found) {
                    self.doc.edit(|a| {
                        checks::ignore_word(a, &f);
                    });
                }
            }
            Command::AddToDictionary(found) => {
                if let Some(f) = self.current(found) {
                    self.add_to_dictionary(&f);
                }
            }
            Command::FixAll(findings, revision) => {
                if revision == self.doc.revision() {
                    let mut n = 0;
                    self.doc.edit(|a| n = checks::apply_all(a, &findings));
                    self.notice = Some(match n {
                        1 => "Fixed 1 finding".to_owned(),
                        n => format!("Fixed {n} findings"),
                    });
                }
            }
            Command::Cut(field, range) => self.copy_text(ctx, field, range, true),
            Command::Copy(field, range) => self.copy_text(ctx, field, range, false),
            Command::Paste(field) => {
                ctx.memory_mut(|m| m.request_focus(editor::field_id(field)));
                ctx.send_viewport_cmd(ViewportCommand::RequestPaste);
            }
            Command::SelectAll(field) => {
                let text = self.doc.article().text(field);
                editor::select(ctx, field, &text, 0..text.len());
            }
            Command::Compare(c) => self.compare_command(c),
            Command::Desk(c) => self.desk_command(ctx, c),
            Command::Format(crate::markup::Format::Link) => {
                let selection =
                    editor::selection_bytes(ctx, crate::Field::Body, &self.doc.article().body);
                self.link_prompt = Some(super::LinkPrompt {
                    selection,
                    address: String::new(),
                    error: None,
                });
            }
            Command::Format(format) => {
                let body = &self.doc.article().body;
                let selection = editor::selection_bytes(ctx, crate::Field::Body, body);
                if let Some(edit) = crate::markup::apply(body, selection, format) {
                    self.format_body(ctx, &edit);
                }
            }
            Command::InsertLink(address) => {
                let Some(prompt) = self.link_prompt.take() else {
                    return;
                };
                match crate::markup::link(
                    &self.doc.article().body,
                    prompt.selection.clone(),
                    &address,
                ) {
                    Ok(edit) => self.format_body(ctx, &edit),
                    Err(e) => {
                        self.link_prompt = Some(super::LinkPrompt {
                            error: Some(e.to_string()),
                            address,
                            ..prompt
                        });
                    }
                }
            }
            Command::CancelLink => self.link_prompt = None,
        }
    }

    /// A formatting edit of the body, as one undo step, then its selection selected.
    fn format_body(&mut self, ctx: &egui::Context, edit: &crate::markup::Edit) {
        self.doc.edit(|a| a.body = edit.apply(&a.body));
        let body = &self.doc.article().body;
        editor::select(ctx, crate::Field::Body, body, edit.selection.clone());
    }

    /// Copies bytes `range` of `field`, and with `cut` deletes them as one undo step.
    fn copy_text(
        &mut self,
        ctx: &egui::Context,
        field: crate::Field,
        range: std::ops::Range<usize>,
        cut: bool,
    ) {
        let Some(text) = self
            .doc
            .article()
            .text_str(field)
            .and_then(|t| t.get(range.clone()))
        else {
            return;
        };
        ctx.copy_text(text.to_owned());
        if cut {
            self.doc.edit(|a| {
                if let Some(t) = a.text_mut(field) {
                    t.replace_range(range, "");
                }
            });
        }
    }

    /// The compare view's commands; a restore is one undo step of the document.
    fn compare_command(&mut self, command: CompareCommand) {
        match command {
            CompareCommand::Toggle if self.compare.open => self.compare.open = false,
            CompareCommand::Toggle => self.compare.open_for(&self.doc),
            CompareCommand::With(target) => {
                self.compare.open = true;
                self.compare.target = target;
            }
            CompareCommand::NextChange => self.compare.step(true),
            CompareCommand::PreviousChange => self.compare.step(false),
            CompareCommand::RestoreAll => {
                if let Some(base) = self.compare.base().cloned() {
                    self.doc.edit(|a| a.clone_from(&base));
                    self.notice = Some(format!(
                        "Restored {}",
                        match self.compare.target {
                            Target::Original => "the original".to_owned(),
                            Target::LastSaved => "the last save".to_owned(),
                            Target::Version(n) => format!("version {n}"),
                        }
                    ));
                }
            }
            CompareCommand::RestoreField(field) => {
                if let Some(base) = self.compare.base().cloned() {
                    self.doc.edit(|a| diff::restore(a, &base, field));
                    self.notice = Some(format!("Restored the {}", field.label()));
                }
            }
        }
    }

    /// Asks for a file: the system's dialog, whose answer runs now as its command
    /// (`OpenPath`, `SaveTo`, `ExportTo`), or, when it cannot be shown, Newsdesk's own
    /// chooser, whose answer is queued as that command in a later frame. Why the system's
    /// was not used is said once.
    /// Adds a picture file after the others: its path relative to the article's folder when
    /// it is inside it (so the story and its pictures move together), absolute otherwise,
    /// and its pixel size read from the file's header. A file that is not a JPEG, PNG or
    /// WebP picture is refused with a message.
    fn add_picture(&mut self, path: &Path) {
        if let Err(problem) = checks::pictures::readable_image(path) {
            self.error(format!("Cannot add the picture: {problem}"));
            return;
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let folder = self
            .doc
            .path()
            .and_then(|p| std::path::absolute(p).ok())
            .and_then(|p| p.parent().map(Path::to_owned));
        let source = match folder
            .as_deref()
            .and_then(|f| absolute.strip_prefix(f).ok())
        {
            Some(relative) => relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/"),
            None => absolute.to_string_lossy().into_owned(),
        };
        // Only the header is read here, so adding a large picture does not hold the frame.
        let (width, height) = image::image_dimensions(path).unwrap_or((0, 0));
        self.doc.edit(|a| {
            a.pictures.push(crate::article::Picture {
                width,
                height,
                ..crate::article::Picture::new(source)
            });
        });
    }

    fn choose(&mut self, ctx: &egui::Context, purpose: Purpose, suggested_name: &str) {
        match self.dialogs.pick(purpose, suggested_name) {
            Choice::Picked(path) => self.run_command(ctx, purpose.command(path)),
            Choice::Cancelled => {}
            Choice::Unavailable(reason) => {
                if self.no_native_dialog.is_none() {
                    self.messages.push(super::Message {
                        text: format!(
                            "Newsdesk uses its own file chooser: the system's file dialog \
                             cannot be shown here ({reason})."
                        ),
                        is_error: false,
                    });
                    self.no_native_dialog = Some(reason.clone());
                }
                if purpose == Purpose::Folder {
                    // The in-window chooser picks files; say how else to open a folder.
                    self.error(format!(
                        "The system's folder dialog cannot be shown here ({reason}): drop the \
                         folder onto the window, or start Newsdesk with `newsdesk FOLDER`."
                    ));
                    return;
                }
                let folder = self.chooser_folder();
                self.chooser = Some(FileChooser::new(purpose, folder, suggested_name));
            }
        }
    }

    /// Where the chooser starts: the open file's folder, else the last recent file's,
    /// else the current folder.
    fn chooser_folder(&self) -> PathBuf {
        let folder_of = |p: &Path| {
            std::path::absolute(p)
                .ok()
                .and_then(|p| p.parent().map(Path::to_owned))
                .filter(|p| p.is_dir())
        };
        self.doc
            .path()
            .and_then(folder_of)
            .or_else(|| self.settings.recent.first().and_then(|p| folder_of(p)))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default()
    }

    /// The finding, if the article has not changed since it was found (its range would
    /// point at other text); otherwise says so.
    fn current(&mut self, found: Found) -> Option<checks::Finding> {
        if found.revision == self.doc.revision() {
            Some(found.finding)
        } else {
            self.error(format!(
                "The {} changed since it was checked; the checks run again.",
                found.finding.field.label()
            ));
            None
        }
    }

    /// An edit that may refuse: one undo step, or the reason in the message bar.
    fn edit_or_report<E: std::fmt::Display>(
        &mut self,
        change: impl FnOnce(&mut crate::Article) -> Result<(), E>,
    ) {
        if let Err(e) = self.doc.try_edit(change) {
            self.error(e.to_string());
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
                let note = doc.open_note().map(str::to_owned);
                let from = if doc.format() == Some(formats::Format::Newsml) {
                    "an agency item"
                } else {
                    "raw copy"
                };
                self.replace_document(doc);
                if let Some(changes) = imported {
                    // The window may not import again for hours.
                    crate::import::release_patterns();
                    self.messages.push(super::Message {
                        text: format!(
                            "Imported {name} from {from} ({changes} changes). \
                             Save asks for a .ron or .md name; the original is never overwritten."
                        ),
                        is_error: false,
                    });
                }
                if let Some(note) = note {
                    self.messages.push(super::Message {
                        text: format!("{name}: {note}"),
                        is_error: false,
                    });
                }
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.safety.document_closed(DocId::new());
        self.doc = doc;
        self.doc
            .keep_versions(self.versions.as_ref().map(Keeper::sink));
        self.compare.document_replaced(&self.doc);
        self.panels.document_replaced(&self.doc);
        self.messages.clear();
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
    fn recover(&mut self, id: &DocId) {
        if self.doc.is_modified() {
            self.error("Save or discard the open article before recovering another.".to_owned());
            return;
        }
        let Some(entry) = self.safety.offers.iter().find(|e| &e.id == id).cloned() else {
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
    fn check_disk(&mut self) {
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
    /// unsaved marker, are unchanged. Exports for publishing (HTML, ninjs, NewsML-G2) with
    /// errors from the checks ask first, unless `confirmed`; with File > Mark Published on
    /// Export they carry, and then give the story, the state `published` (one undo step, and
    /// only once the export is written: a failed export publishes nothing).
    fn export_to(&mut self, path: &Path, confirmed: bool) {
        let publishing =
            formats::Format::from_path(path).is_some_and(formats::Format::is_publishing_export);
        let article = self.doc.article();
        if !confirmed && publishing {
            let folder = self.doc.path().and_then(Path::parent);
            let blockers = checks::export_blockers(article, folder);
            if !blockers.is_empty() {
                let errors = blockers.into_iter().map(|f| f.message).collect();
                self.safety.confirm_export = Some((path.to_owned(), errors));
                return;
            }
        }
        let publish =
            publishing && self.settings.publish_on_export && article.state != StoryState::Published;
        let published;
        let exported = if publish {
            published = Article {
                state: StoryState::Published,
                ..article.clone()
            };
            &published
        } else {
            article
        };
        let written = formats::resolve(path, None).and_then(|format| {
            if format.is_writable() {
                formats::write(path, exported, format)
            } else {
                Err(formats::FileError::new(
                    path,
                    formats::Problem::UnknownFormat,
                ))
            }
        });
        match written {
            Ok(()) if publish => {
                self.doc.edit(|a| a.state = StoryState::Published);
                self.notice = Some(format!(
                    "Exported {}; the story is now marked published",
                    path.display()
                ));
            }
            Ok(()) => self.notice = Some(format!("Exported {}", path.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// The desk's commands: folders, moving through the stories, the state.
    fn desk_command(&mut self, ctx: &egui::Context, command: DeskCommand) {
        match command {
            DeskCommand::OpenFolder => self.choose(ctx, Purpose::Folder, ""),
            DeskCommand::OpenFolderPath(dir) => {
                if !dir.is_dir() {
                    self.error(format!("{}: not a folder", dir.display()));
                    return;
                }
                self.settings.add_recent_folder(&dir);
                let wake = ctx.clone();
                let mut desk = Desk::open_with(&dir, Arc::new(move || wake.request_repaint()));
                if let Some(why) = desk.unwatched() {
                    self.error(format!(
                        "{}: the list will not follow changes to the folder ({why})",
                        dir.display()
                    ));
                }
                desk.set_filter(&self.desk.filter);
                self.desk.desk = Some(desk);
                self.desk.cursor = 0;
                self.notice = Some(format!("Opened folder {}", dir.display()));
            }
            DeskCommand::CloseFolder => self.desk.desk = None,
            DeskCommand::NextStory | DeskCommand::PreviousStory => {
                let step = if command == DeskCommand::NextStory {
                    1
                } else {
                    -1
                };
                let next = self
                    .desk
                    .desk
                    .as_ref()
                    .and_then(|d| d.neighbour(self.doc.path(), step))
                    .map(Path::to_owned);
                match next {
                    // Through `run_command`: unsaved changes are asked about first.
                    Some(path) => self.run_command(ctx, Command::OpenPath(path)),
                    None if self.desk.desk.is_none() => {
                        self.notice = Some("Open a folder first (File > Open Folder…)".into());
                    }
                    None => self.notice = Some("No more stories".into()),
                }
            }
            DeskCommand::Filter(text) => {
                if let Some(d) = &mut self.desk.desk {
                    d.set_filter(&text);
                }
                self.desk.filter = text;
            }
            DeskCommand::Sort(sort) => {
                if let Some(d) = &mut self.desk.desk {
                    d.set_sort(sort);
                }
            }
            DeskCommand::SetState(StoryState::Ready) => {
                let errors: Vec<String> = checks::export_blockers(
                    self.doc.article(),
                    self.doc.path().and_then(std::path::Path::parent),
                )
                .into_iter()
                .map(|f| f.message)
                .collect();
                if errors.is_empty() {
                    self.doc.edit(|a| a.state = StoryState::Ready);
                } else {
                    self.desk.confirm_ready = Some(errors);
                }
            }
            DeskCommand::SetState(state) => {
                self.doc.edit(|a| a.state = state);
            }
            DeskCommand::ConfirmReady => {
                self.desk.confirm_ready = None;
                self.doc.edit(|a| a.state = StoryState::Ready);
            }
            DeskCommand::CancelReady => self.desk.confirm_ready = None,
        }
    }

    fn saved(&mut self) {
        self.notice = Some(format!("Saved {}", self.doc.display_name()));
        self.compare.saved();
    }

    fn add_to_dictionary(&mut self, f: &checks::Finding) {
        let Some(word) = f.text_in(self.doc.article()).map(str::to_owned) else {
            return;
        };
        match self.panels.add_word(&word) {
            Ok(()) => self.notice = Some(format!("Added “{word}” to the dictionary")),
            Err(e) => self.error(e),
        }
    }

    /// Selects the next (or previous) match of the find bar's query in its field; with no
    /// query yet, opens the find bar instead.
    fn find_step(&mut self, ctx: &egui::Context, forward: bool) {
        if !self.find.open || self.find.query.text.is_empty() {
            self.find.open = true;
            self.find.focus_query = true;
            return;
        }
        let article = self.doc.article();
        let matches = find::matches(article, &self.find.query);
        let Some(i) = self.find.step(matches.len(), forward, self.doc.revision()) else {
            self.notice = Some(format!("“{}” is not in the article", self.find.query.text));
            return;
        };
        let m = &matches[i];
        let text = article.text(m.field);
        editor::select(ctx, m.field, &text, m.range.clone());
    }
}
