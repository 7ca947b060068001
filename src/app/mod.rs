//! The editor window (egui/eframe). The only module that imports egui.
//!
//! [`App::show`] runs each frame in a fixed order: window events (close, focus, dropped
//! files), shortcuts consumed before any widget sees them (so egui's per-widget undo never
//! sees Ctrl+Z), the top bar (menus, find bar, messages), the status bar, the preview, the
//! side panel, the form last in the central panel, the modal questions, then the queued
//! [`Command`]s, which `command_handling` applies. Last, the window follows the document's
//! revision: preview, counts and title are brought up to date, the autosaver and the checks
//! thread get the shared snapshot once typing pauses. Panels only draw and queue commands;
//! typing goes straight into the [`Document`], whose history owns every change.
//!
//! Nothing repaints without input: egui repaints on events, the only timed repaints are one
//! frame a second after typing stops, so the undo step ends and the checks start, and the
//! checks thread asks for one frame when their findings are back.

mod allocator;
mod body_layout;
pub mod command;
mod command_handling;
pub mod compare;
mod desk_panel;
pub mod dialogs;
pub mod editor;
pub mod file_chooser;
mod find_bar;
pub mod fonts;
pub mod marks;
mod modals;
pub mod panels;
mod pictures;
pub mod preview;
mod safety;
pub mod settings;
mod status_bar;
pub mod theme;

use std::path::PathBuf;
use std::time::Duration;

use egui::ViewportCommand;

pub use command::{Command, DeskCommand};
pub use dialogs::{Choice, FileDialogs, NativeDialogs, NoDialogs, Purpose};

use crate::document::Document;
use crate::language::Lang;
use crate::stats::Stats;
use crate::storage::versions::{Keeper, Store};
use compare::CompareView;
use editor::Field;
use file_chooser::FileChooser;
use find_bar::FindBar;
use panels::Panels;
use preview::Preview;
use safety::Safety;
use settings::Settings;

/// How the window is started.
pub struct AppOptions {
    /// A file to open at start.
    pub file: Option<PathBuf>,
    /// Load and save preferences in eframe's storage. Off in tests, so they never touch
    /// the user's settings.
    pub persist: bool,
    pub dialogs: Box<dyn FileDialogs>,
    /// Where unsaved edits are journaled for crash recovery; `None` turns autosave off
    /// (tests that are not about recovery).
    pub recovery_dir: Option<PathBuf>,
    /// The version store's folder; `None` keeps no versions (tests not about them).
    pub versions_dir: Option<PathBuf>,
}

impl AppOptions {
    /// Options for tests and benchmarks: no persistence, dialogs always cancelled.
    pub fn headless(file: Option<PathBuf>) -> Self {
        Self {
            file,
            persist: false,
            dialogs: Box::new(NoDialogs),
            recovery_dir: None,
            versions_dir: None,
        }
    }
}

/// A message shown in the window's message bar until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

/// The editor window's state.
pub struct App {
    doc: Document,
    settings: Settings,
    persist: bool,
    dialogs: Box<dyn FileDialogs>,
    /// Newsdesk's own file chooser, open while the system's dialogs cannot be shown.
    chooser: Option<FileChooser>,
    /// Why the system's file dialog could not be shown, once the message bar said it.
    no_native_dialog: Option<String>,
    queue: Vec<Command>,
    messages: Vec<Message>,
    /// A short notice in the status bar ("Saved story.ron").
    notice: Option<String>,
    /// A command waiting for the Save / Discard / Cancel answer.
    pending: Option<Command>,
    /// Set once the user chose to close despite unsaved changes.
    allow_close: bool,
    find: FindBar,
    preview: Preview,
    stats: Stats,
    /// The document revision the preview, counts and title were built for.
    cached_revision: Option<u64>,
    /// The import report and checks beside the form.
    panels: Panels,
    focused: Option<Field>,
    title_sent: String,
    /// Whether the context has been given the settings (on the first frame).
    configured: bool,
    /// Autosave and crash recovery, files changed on disk, export confirmation.
    safety: Safety,
    /// The body's layout, kept line by line across frames.
    body_layout: body_layout::BodyLayouter,
    /// Keeps every save as a version, on its own thread; `None` without a store.
    versions: Option<Keeper>,
    /// View > Compare.
    compare: CompareView,
    /// The story list of an open folder (File > Open Folder…).
    desk: desk_panel::DeskPanel,
    /// Format > Link… asking for the address.
    link_prompt: Option<LinkPrompt>,
}

/// The link prompt: the body's selection when it opened, the address typed so far, and why
/// the last one was refused.
pub(crate) struct LinkPrompt {
    pub selection: std::ops::Range<usize>,
    pub address: String,
    pub error: Option<String>,
}

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        Self::with_storage(cc.storage, options)
    }

    /// [`Self::new`] without eframe's creation context, for tests and benchmarks that run
    /// [`Self::show`] in a bare `egui::Context`.
    pub fn with_storage(storage: Option<&dyn eframe::Storage>, options: AppOptions) -> Self {
        let settings = if options.persist {
            storage
                .and_then(|s| eframe::get_value::<Settings>(s, settings::STORAGE_KEY))
                .unwrap_or_default()
        } else {
            Settings::default()
        };
        let mut doc = Document::new();
        let mut versions_error = None;
        let store = options.versions_dir.map(Store::open);
        let versions = store.clone().and_then(|s| {
            Keeper::start(s)
                .map_err(|e| versions_error = Some(format!("Versions are not kept: {e}")))
                .ok()
        });
        doc.keep_versions(versions.as_ref().map(Keeper::sink));
        // Tests and benchmarks never touch the user's dictionary.
        let words = options
            .persist
            .then(crate::storage::dirs::words_path)
            .flatten();
        let (panels, words_error) = Panels::new(words);
        let (safety, safety_errors) = Safety::start(options.recovery_dir);
        let mut app = Self {
            safety,
            doc,
            settings,
            persist: options.persist,
            dialogs: options.dialogs,
            chooser: None,
            no_native_dialog: None,
            queue: Vec::new(),
            messages: Vec::new(),
            notice: None,
            pending: None,
            allow_close: false,
            find: FindBar::default(),
            preview: Preview::default(),
            stats: Stats::new(crate::stats::Counts::default(), Lang::Id),
            cached_revision: None,
            panels,
            focused: None,
            title_sent: String::new(),
            configured: false,
            body_layout: body_layout::BodyLayouter::default(),
            versions,
            compare: CompareView::new(store),
            desk: desk_panel::DeskPanel::default(),
            link_prompt: None,
        };
        if let Some(e) = versions_error {
            app.error(e);
        }
        if let Some(e) = words_error {
            app.error(e);
        }
        for e in safety_errors {
            app.error(e);
        }
        if let Some(file) = options.file {
            app.queue.push(if file.is_dir() {
                Command::Desk(DeskCommand::OpenFolderPath(file))
            } else {
                Command::OpenPath(file)
            });
        }
        app
    }

    /// The status bar's notice (the last command's outcome), if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The preferences as they would be saved.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The window title as last sent to the window.
    pub fn title(&self) -> &str {
        &self.title_sent
    }

    /// Messages currently shown in the message bar.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// The status bar's counts.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// The headline as the preview shows it.
    pub fn preview_headline(&self) -> Option<&str> {
        self.preview.headline()
    }

    /// True while the Save / Discard / Cancel prompt is open.
    pub fn is_prompting(&self) -> bool {
        self.pending.is_some()
    }

    /// The in-window file chooser, while it is open.
    pub fn file_chooser(&self) -> Option<&FileChooser> {
        self.chooser.as_ref()
    }

    /// The story list of the open folder, if any (tests).
    pub fn desk(&self) -> Option<&crate::desk::Desk> {
        self.desk.desk.as_ref()
    }

    /// The compare view's state (tests).
    pub fn compare(&self) -> &CompareView {
        &self.compare
    }

    /// Waits until the version store has written every save so far (tests).
    pub fn flush_versions(&self) {
        if let Some(k) = &self.versions {
            k.flush();
        }
    }

    /// Journals from a run that did not finish, still offered for recovery.
    pub fn recovery_offers(&self) -> usize {
        self.safety.offers.len()
    }

    /// Journals the article now and waits until it is written (tests; the window
    /// otherwise hands it over when typing pauses, and the autosaver writes it within two
    /// seconds of the last change).
    pub fn flush_autosave(&mut self) {
        self.safety.journal_now(&mut self.doc);
        if let Some(a) = &self.safety.autosaver {
            a.flush();
        }
    }

    /// Queues a command to run at the end of the next frame (menus, tests).
    pub fn queue(&mut self, command: Command) {
        self.queue.push(command);
    }

    fn error(&mut self, text: String) {
        self.messages.push(Message {
            text,
            is_error: true,
        });
    }

    /// Brings what shows the document (preview, counts, title) up to its revision.
    fn refresh_views(&mut self, ctx: &egui::Context) {
        let revision = self.doc.revision();
        if self.cached_revision == Some(revision) {
            return;
        }
        self.cached_revision = Some(revision);
        let article = self.doc.article();
        // A save under a new name moves where relative picture paths start.
        self.preview
            .set_folder(self.doc.path().and_then(std::path::Path::parent));
        self.panels.follow_folder(&self.doc);
        self.preview.update(article);
        self.stats = Stats::new(self.preview.counts(), Lang::of(article));
        let title = self.doc.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// What follows from the document after the frame's commands: the undo step ends when
    /// typing pauses, then the autosaver and the checks thread get the article's shared
    /// snapshot; timed repaints bring the pause and the findings.
    fn follow_document(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let typing = self.doc.settle(now);
        let autosave = self.safety.follow(&mut self.doc, now);
        let revision = self.doc.revision();
        if !self.doc.is_typing() && self.panels.wants(revision) {
            let wake = ctx.clone();
            let snapshot = self.doc.snapshot();
            self.panels
                .submit(revision, snapshot, move || wake.request_repaint());
        }
        // An inline worker (no thread) has the findings already.
        self.collect_findings(ctx);
        self.compare.follow(&mut self.doc, ctx);
        for wait in [typing, autosave].into_iter().flatten() {
            ctx.request_repaint_after(Duration::from_secs_f64(wait + 0.05));
        }
    }

    /// Findings back from the checks thread; the frame that shows them is asked for.
    fn collect_findings(&mut self, ctx: &egui::Context) {
        if let Some(failed) = self.panels.collect(self.doc.revision()) {
            if failed {
                self.error(
                    "The checks stopped on this article (a bug in Newsdesk): the list may be \
                     incomplete."
                        .to_owned(),
                );
            }
            ctx.request_repaint();
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let q = &mut self.queue;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                Command::New.menu_item(ui, q);
                Command::Open.menu_item(ui, q);
                Command::Desk(DeskCommand::OpenFolder).menu_item(ui, q);
                ui.menu_button("Open Recent", |ui| {
                    if self.settings.recent.is_empty() && self.settings.recent_folders.is_empty() {
                        ui.weak("No recent files");
                    }
                    for dir in &self.settings.recent_folders {
                        if ui.button(format!("{} (folder)", dir.display())).clicked() {
                            q.push(Command::Desk(DeskCommand::OpenFolderPath(dir.clone())));
                            ui.close();
                        }
                    }
                    for path in &self.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            q.push(Command::OpenPath(path.clone()));
                            ui.close();
                        }
                    }
                    ui.separator();
                    Command::ClearRecent.menu_item(ui, q);
                });
                ui.separator();
                Command::Save.menu_item(ui, q);
                Command::SaveAs.menu_item(ui, q);
                Command::Export.menu_item(ui, q);
                let mut publish = self.settings.publish_on_export;
                if ui
                    .checkbox(&mut publish, Command::TogglePublishOnExport.text())
                    .on_hover_text("Exporting HTML, ninjs or NewsML-G2 sets the state to published")
                    .clicked()
                {
                    q.push(Command::TogglePublishOnExport);
                    ui.close();
                }
                Command::CopyHtml.menu_item(ui, q);
                ui.separator();
                let has_desk = self.desk.desk.is_some();
                Command::Desk(DeskCommand::NextStory).menu_item_enabled(ui, q, has_desk);
                Command::Desk(DeskCommand::PreviousStory).menu_item_enabled(ui, q, has_desk);
                ui.separator();
                Command::Quit.menu_item(ui, q);
            });
            ui.menu_button("Edit", |ui| {
                Command::Undo.menu_item_enabled(ui, q, self.doc.can_undo());
                Command::Redo.menu_item_enabled(ui, q, self.doc.can_redo());
                ui.separator();
                Command::Find.menu_item(ui, q);
                Command::FindNext.menu_item(ui, q);
                Command::FindPrevious.menu_item(ui, q);
                Command::Replace.menu_item(ui, q);
            });
            ui.menu_button("Format", |ui| {
                for f in crate::markup::Format::ALL {
                    Command::Format(f).menu_item(ui, q);
                }
            });
            ui.menu_button("View", |ui| {
                let mut show = self.settings.show_preview;
                if ui
                    .checkbox(&mut show, Command::TogglePreview.text())
                    .clicked()
                {
                    q.push(Command::TogglePreview);
                    ui.close();
                }
                let toggle_report = Command::ToggleImportReport;
                let mut report = self.panels.show_report;
                if ui
                    .add_enabled(
                        self.doc.import_report().is_some(),
                        egui::Checkbox::new(&mut report, toggle_report.text()),
                    )
                    .clicked()
                {
                    q.push(toggle_report);
                    ui.close();
                }
                Command::Compare(compare::CompareCommand::Toggle).menu_item(ui, q);
                ui.separator();
                Command::ZoomIn.menu_item(ui, q);
                Command::ZoomOut.menu_item(ui, q);
                Command::ZoomReset.menu_item(ui, q);
                ui.separator();
                for t in theme::ThemePref::ALL {
                    if ui.radio(self.settings.theme == t, t.label()).clicked() {
                        q.push(Command::SetTheme(t));
                        ui.close();
                    }
                }
            });
        });
    }

    fn message_bar(&mut self, ui: &mut egui::Ui) {
        for (i, m) in self.messages.iter().enumerate() {
            ui.horizontal(|ui| {
                let color = if m.is_error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                    self.queue.push(Command::DismissMessage(i));
                }
                // Wrapped: a long reason (the file chooser's, a path) must stay readable
                // in a narrow window rather than run off its edge.
                ui.add(egui::Label::new(egui::RichText::new(&m.text).color(color)).wrap());
            });
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.persist {
            eframe::set_value(storage, settings::STORAGE_KEY, &self.settings);
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.persist
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        raw_input.max_texture_side = raw_input
            .max_texture_side
            .map(|side| side.min(MAX_TEXTURE_SIDE));
    }
}

/// The widest texture egui may make. egui makes its glyph atlas as wide as the GPU allows
/// (16,384 px under Mesa), so each 32 px band of it costs 2 MB, twice (the image and its GL
/// texture). Newsdesk shows no pictures; a 2,048 px atlas holds its glyphs at an eighth of
/// that.
pub const MAX_TEXTURE_SIDE: usize = 2048;

impl App {
    /// The form, in the central panel, with each field's count of check findings.
    fn form(&mut self, ui: &mut egui::Ui) {
        if self.compare.open {
            egui::CentralPanel::default().show(ui, |ui| {
                self.compare.show(ui, &self.doc, &mut self.queue);
            });
            return;
        }
        let now = ui.input(|i| i.time);
        self.panels.marks(&self.doc);
        let panels = &self.panels;
        let issues = |field| panels.issues(field);
        let mut cx = editor::FormContext {
            issues: &issues,
            now,
            queue: &mut self.queue,
            layouter: &mut self.body_layout,
            findings: panels.findings(),
            marks: panels.placed_marks(),
            marks_revision: self.doc.revision(),
        };
        let out = egui::CentralPanel::default()
            .show(ui, |ui| editor::show(ui, &mut self.doc, &mut cx))
            .inner;
        if out.focused != self.focused && out.focused.is_some() {
            // Moving to another field ends the undo step of the previous one.
            self.doc.end_typing();
        }
        self.focused = out.focused;
    }

    /// Menus, the find bar and messages, at the top of the window.
    fn top_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("top_bar").show(ui, |ui| {
            self.menu_bar(ui);
            if self.find.open {
                ui.separator();
                self.find
                    .show(ui, self.doc.article(), self.doc.revision(), &mut self.queue);
            }
            self.message_bar(ui);
        });
    }

    /// Settings the context needs, once.
    fn configure(&mut self, ctx: &egui::Context) {
        if self.configured {
            return;
        }
        self.configured = true;
        // Zoom is a command with a persisted setting, not egui's built-in shortcut.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        self.settings.theme.apply(ctx);
        ctx.set_zoom_factor(self.settings.zoom);
        // Measuring what the faces cost (README): NEWSDESK_NO_FACES=1 leaves them out.
        if std::env::var_os("NEWSDESK_NO_FACES").is_none() {
            fonts::install(ctx);
        }
    }

    /// The window's own events: the close button, focus regained, files dropped, autosave
    /// failures.
    fn window_events(&mut self, ctx: &egui::Context) {
        // The close button asks first when there are unsaved changes.
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_modified()
            && !self.allow_close
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.pending = Some(Command::Quit);
        }
        // Another program may have changed the file while the window was in the background.
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        if focused && !self.safety.was_focused {
            self.queue.push(Command::CheckDisk);
        }
        self.safety.was_focused = focused;
        // Pictures dropped onto the window are added to the article; an article file
        // dropped opens like File > Open (the first one, if several are dropped).
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        let (pictures, articles): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| dialogs::is_picture_name(p));
        for path in pictures {
            self.queue.push(Command::AddPicturePath(path));
        }
        if let Some(path) = articles.into_iter().next() {
            // A folder dropped opens as a desk.
            self.queue.push(if path.is_dir() {
                Command::Desk(DeskCommand::OpenFolderPath(path))
            } else {
                Command::OpenPath(path)
            });
        }
        if self.desk.poll() {
            ctx.request_repaint();
        }
        for e in self.safety.take_errors() {
            self.error(e);
        }
        let stored = self.versions.as_ref().map(Keeper::take_errors);
        for e in stored.into_iter().flatten() {
            // The save itself stood; say once that its version was not kept.
            self.error(format!("Saved, but the version store failed: {e}"));
        }
    }

    /// Shortcuts, before any widget sees them; the most specific first. None while a
    /// question is open.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.pending.is_some()
            || self.chooser.is_some()
            || self.safety.is_asking()
            || self.desk.confirm_ready.is_some()
            || self.link_prompt.is_some()
        {
            return;
        }
        let table = Command::shortcut_table(ctx.os());
        ctx.input_mut(|input| {
            for (shortcut, command) in &table {
                while input.consume_shortcut(shortcut) {
                    self.queue.push(command.clone());
                }
            }
        });
    }

    /// One frame of the window, in the order the module documentation gives.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.configure(&ctx);
        self.window_events(&ctx);
        self.shortcuts(&ctx);
        self.collect_findings(&ctx);

        self.top_bar(ui);
        self.refresh_views(&ctx);
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::show(ui, self.stats, self.notice.as_deref());
        });
        if self.settings.show_preview {
            let response = egui::Panel::right("preview")
                .resizable(true)
                .default_size(self.settings.preview_width)
                .size_range(240.0..=2000.0)
                .frame(egui::Frame::new().fill(ui.visuals().extreme_bg_color))
                .show(ui, |ui| self.preview.show(ui));
            self.settings.preview_width = response.response.rect.width();
        }
        self.side_panel(ui);
        self.desk.show(ui, self.doc.path(), &mut self.queue);
        self.form(ui);
        self.modals(&ctx);

        for command in std::mem::take(&mut self.queue) {
            self.run_command(&ctx, command);
        }
        self.refresh_views(&ctx);
        self.follow_document(&ctx);
    }
}

/// Newsdesk's own icon, 64 px: eframe's default is egui's logo, decoded at 256 px (1 MB).
fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok()
}

/// Opens the editor window, on `file` if given; returns when the window closes, or why it
/// could not open.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    allocator::share_one_arena();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Newsdesk")
        .with_app_id("newsdesk")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Newsdesk",
        options,
        Box::new(|cc| {
            Ok(Box::new(App::new(
                cc,
                AppOptions {
                    file,
                    persist: true,
                    dialogs: Box::new(NativeDialogs::new()),
                    recovery_dir: crate::storage::journal::default_dir().ok(),
                    versions_dir: Store::open_default().ok().map(|s| s.dir().to_owned()),
                },
            )))
        }),
    );
    result.map_err(|e| format!("cannot open the window: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textures_are_capped_below_what_the_gpu_allows() {
        let mut app = App::with_storage(None, AppOptions::headless(None));
        let ctx = egui::Context::default();
        for (gpu, capped) in [(16_384, 2048), (2048, 2048), (1024, 1024)] {
            let mut input = egui::RawInput {
                max_texture_side: Some(gpu),
                ..Default::default()
            };
            eframe::App::raw_input_hook(&mut app, &ctx, &mut input);
            assert_eq!(input.max_texture_side, Some(capped));
        }
    }

    #[test]
    fn the_window_icon_decodes() {
        let icon = super::icon().expect("assets/icon.png decodes");
        assert_eq!((icon.width, icon.height), (64, 64));
        assert_eq!(icon.rgba.len(), 64 * 64 * 4);
    }
}
