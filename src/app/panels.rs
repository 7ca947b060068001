//! The side panel beside the form: the import report (what opening raw copy changed, with
//! "Put back" for each removed line) and the editorial checks (findings by field, with
//! Fix, suggestions, Ignore, Add to dictionary and Fix all).
//!
//! The panel only draws and pushes [`Command`]s; `command_handling` applies them, each
//! change to the article as one undo step of the document.
//!
//! Checks cost about 2 ms at 10,000 words, too much for every keystroke and, at 100,000
//! words, for any frame: they run on the [`checks::worker`] thread. The window submits the
//! article's shared snapshot when its revision changed and typing is not still merging into
//! an undo step: right after a command (open, fix, undo, a date picked) and, after typing,
//! once it pauses. Until the findings for the current revision are back, the old ones stay
//! listed but their buttons are disabled, since their byte ranges may no longer fit the text.

use std::path::PathBuf;
use std::sync::Arc;

use egui::Ui;

use super::Command;
use super::command::Found;
use super::marks::{self, Mark};
use crate::article::{Article, Field};
use crate::checks::worker::Worker;
use crate::checks::{self, Finding, Severity, UserWords};
use crate::document::Document;
use crate::import::{Entry, Report};

/// The side panel's state.
#[derive(Default)]
pub struct Panels {
    /// Whether the import report is shown (while the document has one).
    pub show_report: bool,
    findings: Vec<Finding>,
    /// The revision the findings were computed for.
    checked: Option<u64>,
    /// The revision last sent to the worker, and the ticket it went with.
    submitted: Option<(u64, u64)>,
    /// The ticket of the next submission: the options can change with the revision not.
    next_ticket: u64,
    options: Arc<checks::Options>,
    /// Started on the first submission, when there is a context to wake.
    worker: Option<Worker>,
    /// The checks panicked on the last revision sent (a bug), for the message bar.
    failed: bool,
    /// The user's dictionary file; `None` (tests, no data folder) disables adding words.
    words_path: Option<PathBuf>,
    /// The checks list's layout, kept between frames.
    row_heights: RowHeights,
    /// The findings placed on the text as it is at a revision (the marks in the fields).
    placed: Option<(u64, Vec<Mark>)>,
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

    /// Adds a word to the user's dictionary file, and checks again.
    pub fn add_word(&mut self, word: &str) -> Result<(), String> {
        let Some(path) = self.words_path.clone() else {
            return Err("There is no folder for the dictionary on this computer.".to_owned());
        };
        Arc::make_mut(&mut self.options)
            .user_words
            .add(&path, word)
            .map_err(|e| e.to_string())?;
        self.recheck();
        Ok(())
    }

    /// The findings as last computed.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// A new document is open: show its import report, if it has one.
    pub fn document_replaced(&mut self, doc: &Document) {
        self.show_report = doc.import_report().is_some();
        self.follow_folder(doc);
    }

    /// Relative picture paths are checked from the document's folder; call when its file
    /// may have moved (opened, saved under a new name).
    pub fn follow_folder(&mut self, doc: &Document) {
        let folder = doc.path().and_then(std::path::Path::parent).map(Into::into);
        if self.options.folder != folder {
            Arc::make_mut(&mut self.options).folder = folder;
            self.recheck();
        }
    }

    /// Whether the findings are not for `revision` and none are on their way: the article
    /// should be sent.
    pub fn wants(&self, revision: u64) -> bool {
        self.checked != Some(revision) && !self.pending(revision)
    }

    /// Sends the article at `revision` to the checks thread; `wake` is what the thread calls
    /// when the findings are ready.
    pub fn submit(
        &mut self,
        revision: u64,
        article: Arc<Article>,
        wake: impl Fn() + Send + 'static,
    ) {
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        self.submitted = Some((revision, ticket));
        self.worker
            // At 100,000 words a check's work left 13 MB of freed pages resident after a
            // burst of typing; once typing pauses they go back (not while it goes on:
            // trimming holds malloc's lock, and the typing echo doubled).
            .get_or_insert_with(|| Worker::with_idle(wake, super::allocator::give_back))
            .submit(ticket, article, Arc::clone(&self.options));
    }

    /// Takes the worker's findings for `revision`, if they are back; whether they were, and
    /// whether the checks failed on them.
    pub fn collect(&mut self, revision: u64) -> Option<bool> {
        let mut got = None;
        while let Some(done) = self.worker.as_mut().and_then(Worker::poll) {
            // Findings for an older revision would point at text that has moved, and for
            // older options (a word added since) would list what is no longer wrong.
            if self.submitted == Some((revision, done.ticket)) {
                self.findings = done.findings;
                self.placed = None;
                self.failed = done.failed;
                self.checked = Some(revision);
                got = Some(done.failed);
            }
        }
        got
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
    pub fn issues(&self, field: Field) -> usize {
        self.findings.iter().filter(|f| f.field == field).count()
    }

    /// The findings placed on `doc`'s text as it is now: carried from the last placement
    /// through the document's moves since (a keystroke maps the marks through one move),
    /// or placed afresh from the revision they were found at.
    pub fn marks(&mut self, doc: &Document) -> &[Mark] {
        let revision = doc.revision();
        let followed = match self.placed.take() {
            Some((r, marks)) if r == revision => Some(marks),
            Some((r, mut marks)) => doc.moves_since(r).map(|moves| {
                marks::follow(&mut marks, &moves);
                marks
            }),
            None => None,
        };
        let marks = followed.unwrap_or_else(|| {
            self.checked
                .and_then(|c| doc.moves_since(c))
                .map(|moves| marks::place(&self.findings, &moves))
                .unwrap_or_default()
        });
        &self.placed.insert((revision, marks)).1
    }

    /// The marks as last placed by [`Self::marks`].
    pub fn placed_marks(&self) -> &[Mark] {
        self.placed.as_ref().map_or(&[], |(_, m)| m.as_slice())
    }

    /// A mark's finding, placed on the text at `revision`, for a command on it.
    pub fn found(&self, mark: &Mark, revision: u64) -> Option<Found> {
        let mut finding = self.findings.get(mark.index)?.clone();
        finding.range = mark.range.clone();
        Some(Found { finding, revision })
    }

    fn fresh(&self, revision: u64) -> bool {
        self.checked == Some(revision)
    }
}

/// Gives a button an accessible name that tells it apart from its look-alikes ("Fix").
fn named(response: &egui::Response, name: &str) {
    response.clone().accessible_name(name);
}

/// Draws the panel's contents; pushes what the user asks for onto `queue`.
pub fn show(ui: &mut Ui, panels: &mut Panels, doc: &Document, queue: &mut Vec<Command>) {
    if panels.show_report
        && let Some(report) = doc.import_report()
    {
        egui::ScrollArea::vertical()
            .id_salt("import_report_scroll")
            .max_height(ui.available_height() * 0.45)
            .auto_shrink([false, true])
            .show(ui, |ui| import_report(ui, report, queue));
        ui.separator();
    }
    checks_list(ui, panels, doc, queue);
}

fn import_report(ui: &mut Ui, report: &Report, queue: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading("Import report");
        let close = ui
            .small_button("×")
            .on_hover_text("Close the import report");
        named(&close, "Close the import report");
        if close.clicked() {
            queue.push(Command::ToggleImportReport);
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
                        queue.push(Command::PutBack(i));
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

/// A line of the checks list: a field's heading or one finding.
#[derive(Clone, Copy)]
enum Item {
    Heading(Field, usize),
    Finding(usize),
}

/// The heights of the checks list's rows as last laid out, so a long list lays out only
/// the rows in view: for the findings of one check at one panel width.
#[derive(Default)]
pub struct RowHeights {
    key: Option<(Option<u64>, u32)>,
    heights: Vec<f32>,
}

impl RowHeights {
    /// The heights for `n` rows of the findings checked at `checked`, at `width`: kept
    /// from earlier frames while those stay the same, else all `estimate`.
    fn for_list(
        &mut self,
        checked: Option<u64>,
        width: f32,
        n: usize,
        estimate: f32,
    ) -> &mut [f32] {
        let key = (checked, width.to_bits());
        if self.key != Some(key) || self.heights.len() != n {
            self.key = Some(key);
            self.heights = vec![estimate; n];
        }
        &mut self.heights
    }
}

/// The checks list. A long article can have thousands of findings (6,000 at 100,000
/// words of one repeated sentence), and making a widget of each every frame took most of
/// a frame: only the rows in view are laid out, placed by the heights they had when last
/// laid out (estimated until then).
fn checks_list(ui: &mut Ui, panels: &mut Panels, doc: &Document, queue: &mut Vec<Command>) {
    let revision = doc.revision();
    let fresh = panels.fresh(revision).then_some(revision);
    let findings = &panels.findings;
    ui.horizontal(|ui| {
        ui.heading(format!("Checks ({})", findings.len()));
        let fixable = findings.iter().any(|f| f.fix.is_some());
        let button = ui
            .add_enabled(fresh.is_some() && fixable, egui::Button::new("Fix all"))
            .on_hover_text("Apply every safe fix as one undoable edit");
        if button.clicked() {
            queue.push(Command::FixAll(findings.clone(), revision));
        }
    });
    if panels.pending(revision) {
        ui.weak("Checking…");
    } else if fresh.is_none() {
        ui.weak("Checking when typing pauses…");
    }
    if findings.is_empty() {
        ui.weak("No findings.");
        return;
    }
    let mut items = Vec::with_capacity(findings.len() + Field::ALL.len());
    for (i, f) in findings.iter().enumerate() {
        if i == 0 || findings[i - 1].field != f.field {
            let n = findings[i..]
                .iter()
                .take_while(|g| g.field == f.field)
                .count();
            items.push(Item::Heading(f.field, n));
        }
        items.push(Item::Finding(i));
    }
    let estimate = 2.0 * (ui.spacing().interact_size.y + ui.spacing().item_spacing.y);
    let checked = panels.checked;
    egui::ScrollArea::vertical()
        .id_salt("checks_scroll")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let width = ui.available_width();
            let heights = panels
                .row_heights
                .for_list(checked, width, items.len(), estimate);
            ui.set_min_height(heights.iter().sum());
            let origin = ui.min_rect().min;
            let mut y = 0.0;
            for (item, height) in items.iter().zip(heights.iter_mut()) {
                if y + *height < viewport.min.y {
                    y += *height;
                    continue;
                }
                if y > viewport.max.y {
                    break;
                }
                let top = origin + egui::vec2(0.0, y);
                let mut row = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(egui::Rect::from_min_size(
                            top,
                            egui::vec2(width, f32::INFINITY),
                        ))
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                );
                match *item {
                    Item::Heading(field, n) => {
                        row.add_space(4.0);
                        row.strong(format!("{} ({n})", capitalised(field.label())));
                    }
                    Item::Finding(i) => {
                        finding_row(&mut row, &panels.findings[i], fresh, doc, queue);
                    }
                }
                *height = row.min_rect().height() + row.spacing().item_spacing.y;
                y += *height;
            }
        });
}

/// One finding with its buttons; `fresh` is the revision the findings are for, `None`
/// while they are stale, which disables the buttons.
fn finding_row(
    ui: &mut Ui,
    f: &Finding,
    fresh: Option<u64>,
    doc: &Document,
    queue: &mut Vec<Command>,
) {
    let enabled = fresh.is_some();
    let mut push = |make: &dyn Fn(Found) -> Command| {
        if let Some(revision) = fresh {
            queue.push(make(Found {
                finding: f.clone(),
                revision,
            }));
        }
    };
    ui.horizontal_wrapped(|ui| {
        let visuals = ui.visuals();
        let color = match f.severity {
            Severity::Error => visuals.error_fg_color,
            Severity::Warning => visuals.warn_fg_color,
            Severity::Info => visuals.weak_text_color(),
        };
        ui.colored_label(color, f.severity.as_str());
        let go = ui
            .add_enabled(enabled, egui::Button::new(&f.message).frame(false))
            .on_hover_text(format!("Select it in the {} ({})", f.field.label(), f.rule));
        if go.clicked() {
            push(&Command::GoTo);
        }
        ui.weak(f.rule);
        if let Some(fix) = &f.fix {
            let shown = if fix.replacement.trim().is_empty() {
                "Fix".to_owned()
            } else {
                // Quoted, so a fix that adds a space ("menyatukan. Kesinambungan") shows it.
                format!("Fix: “{}”", fix.replacement)
            };
            let button = ui.add_enabled(enabled, egui::Button::new(shown).small());
            named(&button, &format!("Fix: {}", f.message));
            if button.clicked() {
                push(&Command::Fix);
            }
        }
        for s in &f.suggestions {
            let button = ui.add_enabled(enabled, egui::Button::new(s).small());
            named(&button, &format!("Replace with {s}: {}", f.message));
            if button.clicked() {
                push(&|found| Command::Suggest(found, s.clone()));
            }
        }
        if f.is_spelling() {
            let word = f.text_in(doc.article()).unwrap_or_default();
            let ignore = ui
                .add_enabled(enabled, egui::Button::new("Ignore").small())
                .on_hover_text(format!("Accept “{word}” in this article"));
            named(&ignore, &format!("Ignore: {}", f.message));
            if ignore.clicked() {
                push(&Command::Ignore);
            }
            let add = ui
                .add_enabled(enabled, egui::Button::new("Add to dictionary").small())
                .on_hover_text(format!("Accept “{word}” in every article"));
            named(&add, &format!("Add to dictionary: {}", f.message));
            if add.clicked() {
                push(&Command::AddToDictionary);
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

/// The body's galley as last drawn, its top-left corner, and each mark's box with its
/// finding.
pub type BodyMarks = (
    std::sync::Arc<egui::Galley>,
    egui::Pos2,
    Vec<(egui::Rect, Finding)>,
);

impl super::App {
    /// The import report and checks, as a panel at the right of the form.
    pub(super) fn side_panel(&mut self, ui: &mut Ui) {
        egui::Panel::right("side_panel")
            .resizable(true)
            .default_size(300.0)
            .size_range(200.0..=800.0)
            .show(ui, |ui| {
                show(ui, &mut self.panels, &self.doc, &mut self.queue);
            });
    }

    /// Whether the checks thread is still working on the current article.
    pub fn checks_pending(&self) -> bool {
        self.panels.pending(self.doc.revision())
    }

    /// Uses the dictionary file at `path` (tests point it at a temporary folder).
    pub fn set_dictionary_path(&mut self, path: PathBuf) {
        if let Some(e) = self.panels.set_words_path(Some(path)) {
            self.error(e);
        }
    }

    /// The body's marks as last drawn: each underline's box on screen and its finding,
    /// and the body's galley they were found in, drawn at its top-left corner.
    pub fn body_marks(&self) -> Option<BodyMarks> {
        let (galley, segments) = self.body_layout.shown()?;
        let origin = self.body_layout.origin;
        let marks = segments
            .iter()
            .filter_map(|s| {
                let f = self.panels.findings().get(s.index)?;
                Some((s.rect.translate(origin.to_vec2()), f.clone()))
            })
            .collect();
        Some((std::sync::Arc::clone(galley), origin, marks))
    }

    /// The editorial findings as the side panel lists them.
    pub fn findings(&self) -> &[Finding] {
        self.panels.findings()
    }
}
