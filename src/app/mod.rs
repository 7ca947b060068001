//! The editor window (egui/eframe). The only module that imports egui.
//!
//! [`App::ui`] runs each frame in a fixed order: consume shortcuts (so egui's per-widget
//! undo never sees Ctrl+Z), the top bar (menus, find bar, messages), the status bar, the
//! preview, the form last in the central panel, then the queued [`Command`]s, which
//! [`command_handling`] applies. Panels never change files or settings themselves.
//!
//! Nothing repaints without input: egui repaints on events, the only timed repaint is one
//! frame a second after typing stops, so the undo history records the step and the checks
//! start, and the checks thread asks for one frame when their findings are back.

pub mod command;
mod command_handling;
pub mod dialogs;
pub mod editor;
mod find_bar;
mod history;
pub mod panels;
pub mod preview;
mod safety;
pub mod settings;
mod status_bar;
pub mod theme;

use std::path::PathBuf;
use std::process::ExitCode;

use egui::{Id, ViewportCommand};

pub use command::Command;
pub use dialogs::{FileDialogs, NativeDialogs, NoDialogs};

use crate::document::Document;
use editor::Field;
use find_bar::{FindAction, FindBar};
use history::History;
use panels::Panels;
use preview::Preview;
use safety::Safety;
use settings::Settings;
use status_bar::Counts;

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
}

impl AppOptions {
    /// Options for tests and benchmarks: no persistence, dialogs always cancelled.
    pub fn headless(file: Option<PathBuf>) -> Self {
        Self {
            file,
            persist: false,
            dialogs: Box::new(NoDialogs),
            recovery_dir: None,
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
    history: History,
    settings: Settings,
    persist: bool,
    dialogs: Box<dyn FileDialogs>,
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
    counts: Counts,
    /// Bumped on every change to the article; caches compare against it.
    revision: u64,
    /// The revision the caches (preview, counts, title) were built for.
    cached_revision: Option<u64>,
    /// The import report and checks beside the form.
    panels: Panels,
    focused: Option<Field>,
    title_sent: String,
    /// Whether the context has been given the settings (on the first frame).
    configured: bool,
    /// Autosave and crash recovery, files changed on disk, export confirmation.
    safety: Safety,
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
        let doc = Document::new();
        // Tests and benchmarks never touch the user's dictionary.
        let words = options.persist.then(panels::default_words_path).flatten();
        let (panels, words_error) = Panels::new(words);
        let (safety, safety_errors) = Safety::start(options.recovery_dir);
        let mut app = Self {
            safety,
            history: History::new(&doc.article),
            doc,
            settings,
            persist: options.persist,
            dialogs: options.dialogs,
            queue: Vec::new(),
            messages: Vec::new(),
            notice: None,
            pending: None,
            allow_close: false,
            find: FindBar::default(),
            preview: Preview::default(),
            counts: Counts::default(),
            revision: 0,
            cached_revision: None,
            panels,
            focused: None,
            title_sent: String::new(),
            configured: false,
        };
        if let Some(e) = words_error {
            app.error(e);
        }
        for e in safety_errors {
            app.error(e);
        }
        if let Some(file) = options.file {
            app.queue.push(Command::OpenPath(file));
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
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// The headline as the preview shows it.
    pub fn preview_headline(&self) -> Option<&str> {
        self.preview.headline()
    }

    /// True while the Save / Discard / Cancel prompt is open.
    pub fn is_prompting(&self) -> bool {
        self.pending.is_some()
    }

    /// Journals from a run that did not finish, still offered for recovery.
    pub fn recovery_offers(&self) -> usize {
        self.safety.offers.len()
    }

    /// Writes pending autosave journals now (tests; the autosaver otherwise writes within
    /// two seconds of the last change).
    pub fn flush_autosave(&self) {
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

    /// Marks the article changed, so caches rebuild and the title updates.
    fn touch(&mut self) {
        self.revision += 1;
    }

    fn refresh_caches(&mut self, ctx: &egui::Context) {
        if self.cached_revision == Some(self.revision) {
            return;
        }
        self.cached_revision = Some(self.revision);
        self.safety.article_changed(&self.doc);
        self.preview.update(&self.doc.article);
        self.counts = Counts {
            words: self.preview.words(),
            characters: self.doc.article.body.chars().count(),
        };
        let title = self.doc.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let q = &mut self.queue;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                Command::New.menu_item(ui, q);
                Command::Open.menu_item(ui, q);
                ui.menu_button("Open Recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak("No recent files");
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
                Command::CopyHtml.menu_item(ui, q);
                ui.separator();
                Command::Quit.menu_item(ui, q);
            });
            ui.menu_button("Edit", |ui| {
                let a = &self.doc.article;
                Command::Undo.menu_item_enabled(ui, q, self.history.can_undo(a));
                Command::Redo.menu_item_enabled(ui, q, self.history.can_redo(a));
                ui.separator();
                Command::Find.menu_item(ui, q);
                Command::FindNext.menu_item(ui, q);
                Command::FindPrevious.menu_item(ui, q);
                Command::Replace.menu_item(ui, q);
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
                let toggle_report = Command::Panel(panels::PanelCommand::ToggleImportReport);
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
        let mut dismiss = None;
        for (i, m) in self.messages.iter().enumerate() {
            ui.horizontal(|ui| {
                let color = if m.is_error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                    dismiss = Some(i);
                }
                ui.colored_label(color, &m.text);
            });
        }
        if let Some(i) = dismiss {
            self.messages.remove(i);
        }
    }

    /// The Save / Discard / Cancel prompt for a command that would lose unsaved changes.
    fn unsaved_prompt(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.pending.clone() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(Id::unique("unsaved_changes")).show(ctx, |ui| {
            ui.set_max_width(380.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "Save the changes to {} before you {}?",
                self.doc.display_name(),
                match pending {
                    Command::Quit => "close the window",
                    Command::New => "start a new article",
                    _ => "open another file",
                }
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some(PromptAnswer::Save);
                }
                if ui.button("Discard").clicked() {
                    answer = Some(PromptAnswer::Discard);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(PromptAnswer::Cancel);
                }
            });
        });
        if let Some(answer) = answer {
            self.pending = None;
            self.answer_prompt(ctx, pending, answer);
        }
    }
}

/// The user's answer to the unsaved-changes prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PromptAnswer {
    Save,
    Discard,
    Cancel,
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
    fn form(&mut self, ui: &mut egui::Ui) -> editor::EditorOutput {
        let issues = |field| self.panels.issues(field);
        egui::CentralPanel::default()
            .show(ui, |ui| editor::show(ui, &mut self.doc.article, &issues))
            .inner
    }

    /// Menus, the find bar and messages, at the top of the window.
    fn top_bar(&mut self, ui: &mut egui::Ui) {
        let revision = self.revision;
        let mut find_action = FindAction::None;
        egui::Panel::top("top_bar").show(ui, |ui| {
            self.menu_bar(ui);
            if self.find.open {
                ui.separator();
                find_action = self.find.show(ui, &self.doc.article, revision);
            }
            self.message_bar(ui);
        });
        match find_action {
            FindAction::None => {}
            FindAction::Close => self.find.open = false,
            FindAction::ReplaceAll => self.replace_all(),
            FindAction::Next => self.queue.push(Command::FindNext),
            FindAction::Previous => self.queue.push(Command::FindPrevious),
        }
    }

    /// One frame of the window, in the order the module documentation gives.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.configured {
            self.configured = true;
            // Zoom is a command with a persisted setting, not egui's built-in shortcut.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            self.settings.theme.apply(&ctx);
            ctx.set_zoom_factor(self.settings.zoom);
        }

        // 1. The window's close button: ask first when there are unsaved changes.
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
            self.check_disk();
        }
        self.safety.was_focused = focused;
        for e in self.safety.take_errors() {
            self.error(e);
        }

        // 2. Shortcuts, before any widget sees them; the most specific first.
        if self.pending.is_none() && !self.safety.is_asking() {
            let table = Command::shortcut_table(ctx.os());
            ctx.input_mut(|input| {
                for (shortcut, command) in &table {
                    while input.consume_shortcut(shortcut) {
                        self.queue.push(command.clone());
                    }
                }
            });
        }
        // Files dropped onto the window open like File > Open.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.queue.push(Command::OpenPath(path));
        }

        // Findings that came back from the checks thread since the last frame.
        self.refresh_panels(&ctx, false);

        // 3. Top bar: menus, find bar, messages.
        self.top_bar(ui);

        // 4. Status bar.
        self.refresh_caches(&ctx);
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::show(ui, self.counts, self.notice.as_deref());
        });

        // 5. Preview beside the form.
        if self.settings.show_preview {
            let response = egui::Panel::right("preview")
                .resizable(true)
                .default_size(self.settings.preview_width)
                .size_range(240.0..=2000.0)
                .frame(egui::Frame::new().fill(ui.visuals().extreme_bg_color))
                .show(ui, |ui| self.preview.show(ui));
            self.settings.preview_width = response.response.rect.width();
        }

        // 5b. The import report and checks, between the preview and the form.
        self.side_panel(ui);

        // 6. The form, last, in the remaining space.
        let out = self.form(ui);
        if out.focused != self.focused && out.focused.is_some() {
            // Moving to another field ends the undo step of the previous one.
            self.history.checkpoint(&self.doc.article);
        }
        self.focused = out.focused;
        if out.changed {
            self.touch();
            self.panels.typed(ctx.input(|i| i.time), out.structural);
            if out.structural {
                self.history.checkpoint(&self.doc.article);
            }
        }
        self.history.feed(ctx.input(|i| i.time), &self.doc.article);

        self.unsaved_prompt(&ctx);
        let name = self.doc.display_name();
        self.safety.offers_dialog(&ctx, &mut self.queue);
        self.safety.conflict_dialog(&ctx, &name, &mut self.queue);
        self.safety.export_dialog(&ctx, &mut self.queue);

        // 7. Commands queued by shortcuts, menus and panels.
        for command in std::mem::take(&mut self.queue) {
            self.run_command(&ctx, command);
        }
        self.refresh_caches(&ctx);
        self.refresh_panels(&ctx, true);
        if self.history.is_in_flux() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f32(
                history::STABLE_SECONDS + 0.05,
            ));
        }
    }
}

/// Newsdesk's own icon, 64 px: eframe's default is egui's logo, decoded at 256 px (1 MB).
fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok()
}

/// Opens the editor window, on `file` if given; returns when the window closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
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
                    dialogs: Box::new(NativeDialogs),
                    recovery_dir: crate::recovery::default_dir().ok(),
                },
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsdesk: error: cannot open the window: {e}");
            ExitCode::from(crate::cli::EXIT_ERROR)
        }
    }
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
