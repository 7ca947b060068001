//! The side panel beside the form: the import report (what opening raw copy changed, with
//! "Put back" for each removed line) and the editorial checks (findings by field, with
//! Fix, suggestions, Ignore, Add to dictionary and Fix all).
//!
//! The panel only draws and pushes [`PanelCommand`]s; [`App::perform_panel`] applies them,
//! each change as one undoable step (a history checkpoint before and after).
//!
//! Checks cost about 2 ms at 10,000 words, too much for every keystroke and, at 100,000
//! words, for any frame: they run on the [`checks::worker`] thread. An article is sent
//! there when its revision changed: right after a command (open, fix, undo, a date picked)
//! and, after typing, once it pauses for the history's one-second step. Until the findings
//! for the current revision are back, the old ones stay listed but their buttons are
//! disabled, since their byte ranges may no longer fit the text.

use std::path::PathBuf;
use std::sync::Arc;

use egui::Ui;

use super::{App, Command, editor};
use crate::article::Article;
use crate::checks::worker::Worker;
use crate::checks::{self, Finding, Severity, UserWords};
use crate::document::Document;
use crate::import::{Entry, Report};

/// Seconds without typing before the checks run again: the undo history's step.
const PAUSE_SECONDS: f32 = super::history::STABLE_SECONDS;

/// What the side panel asks for; indices point into the report's entries or the findings
/// as last shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelCommand {
    /// Show or hide the import report (View menu).
    ToggleImportReport,
    /// Put the removed line at this report entry back into the body.
    PutBack(usize),
    /// Focus the finding's field and select its text.
    GoTo(usize),
    Fix(usize),
    /// Replace the finding's text with this spelling suggestion.
    Suggest(usize, String),
    /// Ignore the flagged word in this article.
    Ignore(usize),
    /// Add the flagged word to the user's own dictionary.
    AddToDictionary(usize),
    FixAll,
}

impl PanelCommand {
    /// The text of its menu item or button.
    pub fn text(&self) -> String {
        match self {
            Self::ToggleImportReport => "Show Import Report".into(),
            Self::PutBack(_) => "Put back".into(),
            Self::GoTo(_) => "Go to".into(),
            Self::Fix(_) => "Fix".into(),
            Self::Suggest(_, s) => format!("Replace with {s}"),
            Self::Ignore(_) => "Ignore".into(),
            Self::AddToDictionary(_) => "Add to dictionary".into(),
            Self::FixAll => "Fix all".into(),
        }
    }
}

/// The side panel's state.
#[derive(Default)]
pub struct Panels {
    /// Whether the import report is shown (while the document has one).
    pub show_report: bool,
    /// The report as it was at each article state around a "Put back", so Undo and Redo
    /// bring the report back in step with the body.
    report_log: Vec<(Article, Report)>,
    findings: Vec<Finding>,
    /// The revision the findings were computed for.
    checked: Option<u64>,
    /// The revision last sent to the worker, and the ticket it went with.
    submitted: Option<(u64, u64)>,
    /// The ticket of the next submission: the options can change with the revision not.
    next_ticket: u64,
    /// When the form was last typed in, while the checks wait for a pause.
    typed_at: Option<f64>,
    options: Arc<checks::Options>,
    /// Started on the first refresh, when there is a context to wake.
    worker: Option<Worker>,
    /// The checks panicked on the last revision sent (a bug), for the message bar.
    failed: bool,
    /// The user's dictionary file; `None` (tests, no data folder) disables adding words.
    words_path: Option<PathBuf>,
}

impl Panels {
    /// A panel whose dictionary lives at `words_path`, loaded now.
    pub fn new(words_path: Option<PathBuf>) -> (Self, Option<String>) {
        let mut panels = Self::default();
        let error = panels.set_words_path(words_path);
        (panels, error)
    }

    /// Uses the dictionary at `path`; returns an error message when it cannot be read.
    pub fn set_words_path(&mut self, path: Option<PathBuf>) -> Option<String> {
        let mut error = None;
        Arc::make_mut(&mut self.options).user_words = match path.as_deref().map(UserWords::load) {
            Some(Ok(words)) => words,
            Some(Err(e)) => {
                error = Some(e.to_string());
                UserWords::default()
            }
            None => UserWords::default(),
        };
        self.words_path = path;
        self.recheck();
        error
    }

    /// The findings as last computed.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// A new document is open: show its import report, if it has one.
    pub fn document_replaced(&mut self, doc: &Document) {
        self.show_report = doc.import_report().is_some();
        self.report_log.clear();
    }

    /// The form changed at `now` (seconds): typing defers the checks until it pauses; a
    /// structural edit (a date picked) does not.
    pub fn typed(&mut self, now: f64, structural: bool) {
        self.typed_at = (!structural).then_some(now);
    }

    /// Brings the findings (and, after Undo or Redo, the report) up to date with the
    /// article at time `now`, unless typing has not paused yet; `wake` is what the worker
    /// calls when findings are ready. Returns `Ok(true)` when the findings changed,
    /// `Err(seconds)` when they should be brought up to date in that time.
    pub fn refresh(
        &mut self,
        revision: u64,
        doc: &mut Document,
        now: f64,
        wake: impl Fn() + Send + 'static,
    ) -> Result<bool, f64> {
        self.worker.get_or_insert_with(|| Worker::new(wake));
        let mut changed = self.collect(revision);
        if self.checked == Some(revision) || self.pending(revision) {
            return Ok(changed);
        }
        if let Some(t) = self.typed_at {
            let wait = f64::from(PAUSE_SECONDS) - (now - t);
            if wait > 0.0 {
                return Err(wait);
            }
        }
        self.typed_at = None;
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        self.submitted = Some((revision, ticket));
        if let Some(worker) = &mut self.worker {
            worker.submit(ticket, doc.article.clone(), Arc::clone(&self.options));
        }
        if let Some((_, report)) = self
            .report_log
            .iter()
            .rev()
            .find(|(a, _)| *a == doc.article)
            && doc.import_report() != Some(report)
        {
            doc.set_import_report(Some(report.clone()));
        }
        // An inline worker has the findings already.
        changed |= self.collect(revision);
        Ok(changed)
    }

    /// Takes the worker's findings for `revision`, if they are back; whether they were.
    fn collect(&mut self, revision: u64) -> bool {
        let mut changed = false;
        while let Some(done) = self.worker.as_mut().and_then(Worker::poll) {
            // Findings for an older revision would point at text that has moved, and for
            // older options (a word added since) would list what is no longer wrong.
            if self.submitted == Some((revision, done.ticket)) {
                self.findings = done.findings;
                self.failed = done.failed;
                self.checked = Some(revision);
                changed = true;
            }
        }
        changed
    }

    /// Whether findings for the current article are on their way from the worker.
    pub fn pending(&self, revision: u64) -> bool {
        self.submitted.is_some_and(|(r, _)| r == revision) && self.checked != Some(revision)
    }

    /// Checks the article again, as the options changed.
    fn recheck(&mut self) {
        self.checked = None;
        self.submitted = None;
    }

    /// How many findings point into a form field.
    pub fn issues(&self, field: editor::Field) -> usize {
        self.findings.iter().filter(|f| f.field == field).count()
    }

    fn fresh(&self, revision: u64) -> bool {
        self.checked == Some(revision)
    }
}

/// The user's dictionary in the platform's data folder, e.g. `~/.local/share/newsdesk/words.txt`.
pub fn default_words_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Newsdesk").map(|p| p.data_dir().join("words.txt"))
}

/// Gives a button an accessible name that tells it apart from its look-alikes ("Fix").
fn named(response: &egui::Response, name: &str) {
    response.clone().accessible_name(name);
}

/// Draws the panel's contents; pushes what the user asks for onto `queue`.
pub fn show(ui: &mut Ui, panels: &Panels, doc: &Document, revision: u64, queue: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .id_salt("side_panel_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if panels.show_report
                && let Some(report) = doc.import_report()
            {
                import_report(ui, report, queue);
                ui.separator();
            }
            checks_list(ui, panels, doc, revision, queue);
        });
}

fn import_report(ui: &mut Ui, report: &Report, queue: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading("Import report");
        let close = ui
            .small_button("×")
            .on_hover_text("Close the import report");
        named(&close, "Close the import report");
        if close.clicked() {
            queue.push(Command::Panel(PanelCommand::ToggleImportReport));
        }
    });
    if report.entries.is_empty() {
        ui.weak("The importer changed nothing.");
    }
    for (i, entry) in report.entries.iter().enumerate() {
        match entry {
            Entry::Removed(r) => {
                ui.horizontal_wrapped(|ui| {
                    let kind = if r.glued {
                        "Removed text"
                    } else {
                        "Removed line"
                    };
                    ui.weak(format!("{kind} ({})", r.rule));
                    ui.label(&r.text);
                    let button = ui
                        .small_button("Put back")
                        .on_hover_text("Put this line back into the body where it was");
                    named(&button, &format!("Put back {}", r.text));
                    if button.clicked() {
                        queue.push(Command::Panel(PanelCommand::PutBack(i)));
                    }
                });
            }
            Entry::Field {
                field,
                value,
                source,
            } => {
                ui.horizontal_wrapped(|ui| {
                    ui.weak(format!("Detected {field}"));
                    ui.label(value);
                    ui.weak(format!("from “{source}”"));
                });
            }
            Entry::Repair { repair, detail } => {
                ui.horizontal_wrapped(|ui| {
                    ui.weak("Repaired");
                    ui.label(format!("{repair}: {detail}"));
                });
            }
            Entry::Warning(w) => {
                ui.colored_label(ui.visuals().warn_fg_color, format!("Warning: {w}"));
            }
        }
    }
}

fn checks_list(
    ui: &mut Ui,
    panels: &Panels,
    doc: &Document,
    revision: u64,
    queue: &mut Vec<Command>,
) {
    let fresh = panels.fresh(revision);
    let findings = &panels.findings;
    ui.horizontal(|ui| {
        ui.heading(format!("Checks ({})", findings.len()));
        let fixable = findings.iter().filter(|f| f.fix.is_some()).count();
        let button = ui
            .add_enabled(fresh && fixable > 0, egui::Button::new("Fix all"))
            .on_hover_text("Apply every safe fix as one undoable edit");
        if button.clicked() {
            queue.push(Command::Panel(PanelCommand::FixAll));
        }
    });
    if panels.pending(revision) {
        ui.weak("Checking…");
    } else if !fresh {
        ui.weak("Checking when typing pauses…");
    }
    if findings.is_empty() {
        ui.weak("No findings.");
        return;
    }
    let mut field = None;
    for (i, f) in findings.iter().enumerate() {
        if field != Some(f.field) {
            field = Some(f.field);
            let n = findings.iter().filter(|g| g.field == f.field).count();
            ui.add_space(4.0);
            ui.strong(format!("{} ({n})", capitalised(f.field.label())));
        }
        finding_row(ui, i, f, doc, fresh, queue);
    }
}

fn finding_row(
    ui: &mut Ui,
    i: usize,
    f: &Finding,
    doc: &Document,
    fresh: bool,
    queue: &mut Vec<Command>,
) {
    let push = |queue: &mut Vec<Command>, c| queue.push(Command::Panel(c));
    ui.horizontal_wrapped(|ui| {
        let visuals = ui.visuals();
        let color = match f.severity {
            Severity::Error => visuals.error_fg_color,
            Severity::Warning => visuals.warn_fg_color,
            Severity::Info => visuals.weak_text_color(),
        };
        ui.colored_label(color, f.severity.as_str());
        let go = ui
            .add_enabled(fresh, egui::Button::new(&f.message).frame(false))
            .on_hover_text(format!("Select it in the {} ({})", f.field.label(), f.rule));
        if go.clicked() {
            push(queue, PanelCommand::GoTo(i));
        }
        ui.weak(f.rule);
        if let Some(fix) = &f.fix {
            let shown = if fix.replacement.trim().is_empty() {
                "Fix".to_owned()
            } else {
                // Quoted, so a fix that adds a space ("menyatukan. Kesinambungan") shows it.
                format!("Fix: “{}”", fix.replacement)
            };
            let button = ui.add_enabled(fresh, egui::Button::new(shown).small());
            named(&button, &format!("Fix: {}", f.message));
            if button.clicked() {
                push(queue, PanelCommand::Fix(i));
            }
        }
        for s in &f.suggestions {
            let button = ui.add_enabled(fresh, egui::Button::new(s).small());
            named(&button, &format!("Replace with {s}: {}", f.message));
            if button.clicked() {
                push(queue, PanelCommand::Suggest(i, s.clone()));
            }
        }
        if f.rule == "spelling" {
            let word = checks::field_text(&doc.article, f.field)
                .get(f.range.clone())
                .unwrap_or_default()
                .to_owned();
            let ignore = ui
                .add_enabled(fresh, egui::Button::new("Ignore").small())
                .on_hover_text(format!("Accept “{word}” in this article"));
            named(&ignore, &format!("Ignore: {}", f.message));
            if ignore.clicked() {
                push(queue, PanelCommand::Ignore(i));
            }
            let add = ui
                .add_enabled(fresh, egui::Button::new("Add to dictionary").small())
                .on_hover_text(format!("Accept “{word}” in every article"));
            named(&add, &format!("Add to dictionary: {}", f.message));
            if add.clicked() {
                push(queue, PanelCommand::AddToDictionary(i));
            }
        }
    });
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The form field a finding's text can be selected in; the date has no text to select.
fn form_field(field: checks::Field) -> Option<editor::Field> {
    (field != checks::Field::Date).then_some(field)
}

impl App {
    /// The import report and checks, as a panel at the right of the form.
    pub(super) fn side_panel(&mut self, ui: &mut Ui) {
        egui::Panel::right("side_panel")
            .resizable(true)
            .default_size(300.0)
            .size_range(200.0..=800.0)
            .show(ui, |ui| {
                show(ui, &self.panels, &self.doc, self.revision, &mut self.queue);
            });
    }

    /// Whether the checks thread is still working on the current article.
    pub fn checks_pending(&self) -> bool {
        self.panels.pending(self.revision)
    }

    /// Collects findings the checks thread sent back and, when the article changed and
    /// typing paused, sends it the article; at the start of a frame and, after the panel
    /// was `drawn`, at its end.
    pub(super) fn refresh_panels(&mut self, ctx: &egui::Context, drawn: bool) {
        let now = ctx.input(|i| i.time);
        let wake = ctx.clone();
        let wake = move || wake.request_repaint();
        match self.panels.refresh(self.revision, &mut self.doc, now, wake) {
            Ok(true) => {
                if self.panels.failed {
                    self.error(
                        "The checks stopped on this article (a bug in Newsdesk): the list may \
                         be incomplete."
                            .to_owned(),
                    );
                }
                if drawn {
                    // The panel was drawn with the old findings.
                    ctx.request_repaint();
                }
            }
            Ok(false) => {}
            Err(wait) => ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait)),
        }
    }

    /// Applies a side-panel command; every change to the article is one undo step.
    pub(super) fn perform_panel(&mut self, ctx: &egui::Context, command: PanelCommand) {
        let finding = |app: &Self, i: usize| {
            app.panels
                .fresh(app.revision)
                .then(|| app.panels.findings.get(i).cloned())
                .flatten()
        };
        match command {
            PanelCommand::ToggleImportReport => self.panels.show_report ^= true,
            PanelCommand::PutBack(index) => self.put_back(index),
            PanelCommand::GoTo(i) => {
                if let Some(f) = finding(self, i)
                    && let Some(field) = form_field(f.field)
                {
                    let text = checks::field_text(&self.doc.article, f.field);
                    editor::select(ctx, field, &text, f.range.clone());
                }
            }
            PanelCommand::Fix(i) => {
                if let Some(f) = finding(self, i) {
                    self.edit(|a| checks::apply_fix(a, &f).map_err(|e| e.to_string()));
                }
            }
            PanelCommand::Suggest(i, s) => {
                if let Some(f) = finding(self, i) {
                    self.edit(|a| checks::apply_replacement(a, &f, &s).map_err(|e| e.to_string()));
                }
            }
            PanelCommand::Ignore(i) => {
                if let Some(f) = finding(self, i) {
                    self.edit(|a| {
                        checks::ignore_word(a, &f);
                        Ok(())
                    });
                }
            }
            PanelCommand::AddToDictionary(i) => {
                if let Some(f) = finding(self, i) {
                    self.add_to_dictionary(&f);
                }
            }
            PanelCommand::FixAll => {
                if self.panels.fresh(self.revision) {
                    let findings = self.panels.findings.clone();
                    let mut n = 0;
                    self.edit(|a| {
                        n = checks::apply_all(a, &findings);
                        Ok(())
                    });
                    self.notice = Some(match n {
                        1 => "Fixed 1 finding".to_owned(),
                        n => format!("Fixed {n} findings"),
                    });
                }
            }
        }
    }

    /// Changes the article as one undo step; an error goes to the message bar.
    fn edit(&mut self, change: impl FnOnce(&mut Article) -> Result<(), String>) {
        self.history.checkpoint(&self.doc.article);
        let before = self.doc.article.clone();
        match change(&mut self.doc.article) {
            Ok(()) if self.doc.article != before => {
                self.history.checkpoint(&self.doc.article);
                self.touch();
            }
            Ok(()) => {}
            Err(e) => self.error(e),
        }
    }

    fn put_back(&mut self, index: usize) {
        let Some(before) = self.doc.import_report().cloned() else {
            return;
        };
        let mut after = before.clone();
        let Some(body) = after.restore(&self.doc.article.body, index) else {
            return;
        };
        self.history.checkpoint(&self.doc.article);
        self.panels
            .report_log
            .push((self.doc.article.clone(), before));
        self.doc.article.body = body;
        self.doc.set_import_report(Some(after.clone()));
        self.history.checkpoint(&self.doc.article);
        self.panels
            .report_log
            .push((self.doc.article.clone(), after));
        self.touch();
    }

    fn add_to_dictionary(&mut self, f: &Finding) {
        let word = checks::field_text(&self.doc.article, f.field)
            .get(f.range.clone())
            .unwrap_or_default()
            .to_owned();
        let Some(path) = self.panels.words_path.clone() else {
            self.error("There is no folder for the dictionary on this computer.".to_owned());
            return;
        };
        // The data folder does not exist until the first word is added.
        if let Some(parent) = path.parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            self.error(format!(
                "{}: cannot create the folder: {e}",
                parent.display()
            ));
            return;
        }
        match Arc::make_mut(&mut self.panels.options)
            .user_words
            .add(&path, &word)
        {
            Ok(()) => {
                self.notice = Some(format!("Added “{word}” to the dictionary"));
                self.panels.recheck();
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Uses the dictionary file at `path` (tests point it at a temporary folder).
    pub fn set_dictionary_path(&mut self, path: PathBuf) {
        if let Some(e) = self.panels.set_words_path(Some(path)) {
            self.error(e);
        }
    }

    /// The editorial findings as the side panel lists them.
    pub fn findings(&self) -> &[Finding] {
        self.panels.findings()
    }
}
