//! The compare view (View > Compare): the article against its original as imported, the
//! copy last saved, or any stored version, field by field with the words marked.
//!
//! Unchanged fields and runs of unchanged paragraphs are collapsed; a changed field shows
//! its words marked: inserted words on a blue ground and underlined, deleted words orange
//! and struck through. Blue and orange tell apart for red-green colour-blind readers and
//! read on the dark theme too, and the underline and strike-through carry the meaning
//! without colour at all. Next and previous change step through the changes; Restore puts
//! back the whole version or one field, each one undo step (a [`Command`] that
//! `command_handling` runs through the document's `edit`).
//!
//! The diff is computed on the [`Worker`]'s thread whenever the article's revision (or the
//! version compared with) changes and typing has paused; the view shows the last result
//! until the new one is back, so the window never waits. The marked text is laid out into
//! [`LayoutJob`]s once per result, not per frame.

use std::sync::Arc;

use chrono::Local;
use egui::text::LayoutJob;
use egui::{Color32, FontId, Stroke, TextFormat, Ui};

use super::Command;
use crate::article::{Article, Field};
use crate::diff::{ArticleDiff, Op, Run, Shape};
use crate::document::Document;
use crate::document::compare::{Base, Reply, Worker};
use crate::storage::versions::{Store, VersionInfo};

/// What the article is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The article as imported from raw copy (this session's, or the store's by id).
    Original,
    /// The copy last saved or opened.
    LastSaved,
    /// A stored version.
    Version(u32),
}

/// What the compare view's buttons and menu ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareCommand {
    /// Open the view, or close it.
    Toggle,
    With(Target),
    NextChange,
    PreviousChange,
    /// Put the whole version compared with back, as one undo step.
    RestoreAll,
    /// Put this field of the version compared with back, as one undo step.
    RestoreField(Field),
}

impl CompareCommand {
    pub fn text(self) -> String {
        match self {
            Self::Toggle => "Compare…".into(),
            Self::With(Target::Original) => "Compare with the Original".into(),
            Self::With(Target::LastSaved) => "Compare with the Last Save".into(),
            Self::With(Target::Version(n)) => format!("Compare with Version {n}"),
            Self::NextChange => "Next Change".into(),
            Self::PreviousChange => "Previous Change".into(),
            Self::RestoreAll => "Restore This Version".into(),
            Self::RestoreField(f) => format!("Restore {}", f.label()),
        }
    }
}

type Key = (u64, Target);

/// A diff back from the worker, with its display prepared.
struct Shown {
    key: Key,
    base: Arc<Article>,
    diff: Arc<ArticleDiff>,
    rows: Vec<Row>,
    /// The theme the rows' colours were made for.
    dark: bool,
    /// Each row's height as last laid out, at `heights_width` (estimated until a row has
    /// been in view): only the rows in view are laid out each frame.
    heights: Vec<f32>,
    heights_width: f32,
}

/// One line of the view.
enum Row {
    /// A changed field's heading.
    Field { field: Field },
    /// An unchanged field's text, or a run of unchanged paragraphs, collapsed.
    Unchanged { title: String, text: String },
    /// A change, numbered for next/previous.
    Change {
        number: usize,
        label: String,
        job: LayoutJob,
    },
    /// Where a moved paragraph used to be.
    Note(String),
}

/// The compare view's state.
pub struct CompareView {
    pub open: bool,
    pub target: Target,
    store: Option<Store>,
    worker: Option<Worker>,
    next_ticket: u64,
    asked: Option<(u64, Key)>,
    shown: Option<Shown>,
    versions: Vec<VersionInfo>,
    /// The listing asked for: its ticket and the article id.
    listing: Option<(u64, String)>,
    listed_id: Option<String>,
    error: Option<String>,
    /// What the last diff that failed was for: not asked again until something changes.
    failed: Option<Key>,
    /// The change Next/Previous selected, and whether to scroll to it.
    current: Option<usize>,
    scroll: bool,
}

impl CompareView {
    /// A closed view; `store` is where stored versions are read (`None`: only the original
    /// in memory and the last save can be compared with).
    pub fn new(store: Option<Store>) -> Self {
        Self {
            open: false,
            target: Target::LastSaved,
            store,
            worker: None,
            next_ticket: 0,
            asked: None,
            shown: None,
            versions: Vec::new(),
            listing: None,
            listed_id: None,
            error: None,
            failed: None,
            current: None,
            scroll: false,
        }
    }

    /// Opens the view on the version that says most: the original of an imported
    /// article, else the last save.
    pub fn open_for(&mut self, doc: &Document) {
        self.open = true;
        self.target = if doc.original().is_some() {
            Target::Original
        } else {
            Target::LastSaved
        };
        self.listed_id = None;
    }

    /// A new document is open: what was compared is no longer it.
    pub fn document_replaced(&mut self, doc: &Document) {
        self.shown = None;
        self.asked = None;
        self.versions.clear();
        self.listed_id = None;
        self.error = None;
        self.current = None;
        if self.open {
            self.open_for(doc);
        }
    }

    /// The article was saved: there may be a new version to list.
    pub fn saved(&mut self) {
        self.listed_id = None;
    }

    /// The version compared with, once its diff is back (for Restore).
    pub fn base(&self) -> Option<&Arc<Article>> {
        self.shown.as_ref().map(|s| &s.base)
    }

    /// The diff on screen, if any.
    pub fn diff(&self) -> Option<&ArticleDiff> {
        self.shown.as_ref().map(|s| s.diff.as_ref())
    }

    /// Whether a diff for the article as it is now is still being computed.
    pub fn pending(&self) -> bool {
        self.open && self.asked.is_some()
    }

    /// The stored versions listed for the open article.
    pub fn versions(&self) -> &[VersionInfo] {
        &self.versions
    }

    fn changes(&self) -> usize {
        self.shown.as_ref().map_or(0, |s| {
            s.rows
                .iter()
                .filter(|r| matches!(r, Row::Change { .. }))
                .count()
        })
    }

    /// Selects the next (or previous) change, wrapping around.
    pub fn step(&mut self, forward: bool) {
        let n = self.changes();
        if n == 0 {
            return;
        }
        self.current = Some(match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        });
        self.scroll = true;
    }

    /// After the frame's commands: takes in what the worker finished, and asks for the diff
    /// of the article as it now is once typing has paused.
    pub fn follow(&mut self, doc: &mut Document, ctx: &egui::Context) {
        if !self.open {
            return;
        }
        self.collect(ctx);
        let id = doc.article().id.clone();
        if let Some(store) = self.store.clone()
            && !id.is_empty()
            && self.listed_id.as_deref() != Some(id.as_str())
        {
            let ticket = self.ticket();
            self.worker(ctx).list(ticket, store, id.clone());
            self.listing = Some((ticket, id.clone()));
            self.listed_id = Some(id.clone());
        }
        let key = (doc.revision(), self.target);
        let asked = self.asked.as_ref().is_some_and(|(_, k)| *k == key);
        let done = self.shown.as_ref().is_some_and(|s| s.key == key) || self.failed == Some(key);
        if doc.is_typing() || asked || done {
            return;
        }
        let base = match self.target {
            Target::LastSaved => Some(Base::Article(Arc::new(doc.saved_article().clone()))),
            Target::Original => doc
                .original()
                .map(|o| Base::Article(Arc::new(o.article.clone())))
                .or_else(|| {
                    let store = self.store.clone()?;
                    (!id.is_empty()).then(|| Base::Original {
                        store,
                        id: id.clone(),
                    })
                }),
            Target::Version(number) => self.store.clone().and_then(|store| {
                (!id.is_empty()).then(|| Base::Version {
                    store,
                    id: id.clone(),
                    number,
                })
            }),
        };
        let Some(base) = base else {
            self.shown = None;
            self.error = Some(match self.target {
                Target::Original => {
                    "This article was not imported from raw copy: it has no original.".into()
                }
                _ => "This article has no stored versions yet: Save keeps one.".into(),
            });
            return;
        };
        let ticket = self.ticket();
        let current = doc.snapshot();
        self.worker(ctx).diff(ticket, current, base);
        self.asked = Some((ticket, key));
        // An inline worker has answered already.
        self.collect(ctx);
    }

    fn ticket(&mut self) -> u64 {
        self.next_ticket += 1;
        self.next_ticket
    }

    fn worker(&mut self, ctx: &egui::Context) -> &mut Worker {
        self.worker.get_or_insert_with(|| {
            let ctx = ctx.clone();
            Worker::new(move || ctx.request_repaint())
        })
    }

    fn collect(&mut self, ctx: &egui::Context) {
        let Some(worker) = &mut self.worker else {
            return;
        };
        for reply in worker.poll() {
            match reply {
                Reply::Diff { ticket, base, diff } => {
                    if let Some((asked, key)) = self.asked
                        && asked == ticket
                    {
                        let dark = ctx.global_style().visuals.dark_mode;
                        let rows = rows(&diff, dark, &ctx.global_style());
                        self.shown = Some(Shown {
                            key,
                            base,
                            diff,
                            rows,
                            dark,
                            heights: Vec::new(),
                            heights_width: 0.0,
                        });
                        self.asked = None;
                        self.error = None;
                        if self.current.is_some_and(|c| c >= self.changes()) {
                            self.current = None;
                        }
                    }
                }
                Reply::Failed { ticket, error } => {
                    if let Some((asked, key)) = self.asked
                        && asked == ticket
                    {
                        self.failed = Some(key);
                        self.asked = None;
                        self.shown = None;
                        self.error = Some(error);
                    }
                }
                Reply::Versions { ticket, listing } => {
                    if self.listing.as_ref().is_some_and(|(t, _)| *t == ticket) {
                        self.listing = None;
                        match listing {
                            Ok(v) => self.versions = v,
                            Err(e) => self.error = Some(e),
                        }
                    }
                }
            }
        }
    }

    /// Draws the view; what the user asks for goes onto `queue`.
    pub fn show(&mut self, ui: &mut Ui, doc: &Document, queue: &mut Vec<Command>) {
        let dark = ui.visuals().dark_mode;
        if let Some(shown) = &mut self.shown
            && shown.dark != dark
        {
            shown.rows = rows(&shown.diff, dark, ui.style());
            shown.dark = dark;
        }
        self.header(ui, doc, queue);
        ui.separator();
        let Some(shown) = &mut self.shown else {
            return;
        };
        let (current, scroll) = (self.current, std::mem::take(&mut self.scroll));
        let estimate = 2.0 * (ui.spacing().interact_size.y + ui.spacing().item_spacing.y);
        // Laying out every changed paragraph's marks in the frame a new diff arrived took
        // 3.5 ms at 10,000 changed words: rows out of view are skipped, placed by the
        // heights they had when last drawn, as the checks list does.
        egui::ScrollArea::vertical()
            .id_salt("compare_scroll")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let width = ui.available_width();
                if shown.heights.len() != shown.rows.len()
                    || shown.heights_width.to_bits() != width.to_bits()
                {
                    shown.heights = vec![estimate; shown.rows.len()];
                    shown.heights_width = width;
                }
                ui.set_min_height(shown.heights.iter().sum());
                let origin = ui.min_rect().min;
                let mut y = 0.0;
                for (index, (row, height)) in
                    shown.rows.iter().zip(shown.heights.iter_mut()).enumerate()
                {
                    let wanted = scroll
                        && matches!(row, Row::Change { number, .. } if current == Some(*number));
                    let visible = y + *height >= viewport.min.y && y <= viewport.max.y;
                    if !visible && !wanted {
                        y += *height;
                        continue;
                    }
                    let mut child = ui.new_child(
                        egui::UiBuilder::new()
                            .max_rect(egui::Rect::from_min_size(
                                origin + egui::vec2(0.0, y),
                                egui::vec2(width, f32::INFINITY),
                            ))
                            .layout(egui::Layout::top_down(egui::Align::Min)),
                    );
                    draw_row(&mut child, index, row, current, scroll, queue);
                    *height = child.min_rect().height() + child.spacing().item_spacing.y;
                    y += *height;
                }
            });
    }

    fn header(&self, ui: &mut Ui, doc: &Document, queue: &mut Vec<Command>) {
        let mut push = |c: CompareCommand| queue.push(Command::Compare(c));
        ui.horizontal_wrapped(|ui| {
            ui.heading("Compare");
            let label = ui.label("with");
            let chosen = target_text(self.target, &self.versions);
            let combo = egui::ComboBox::from_id_salt("compare_with")
                .selected_text(chosen)
                .width(320.0)
                .show_ui(ui, |ui| {
                    let mut pick = |ui: &mut Ui, t: Target, enabled: bool| {
                        let text = target_text(t, &self.versions);
                        if ui
                            .add_enabled(enabled, egui::Button::selectable(self.target == t, text))
                            .clicked()
                        {
                            push(CompareCommand::With(t));
                        }
                    };
                    pick(
                        ui,
                        Target::Original,
                        doc.original().is_some() || self.store.is_some(),
                    );
                    pick(ui, Target::LastSaved, true);
                    for v in self.versions.iter().rev() {
                        pick(ui, Target::Version(v.number), true);
                    }
                });
            combo.response.labelled_by(label.id);
            let any = self.changes() > 0;
            for c in [CompareCommand::PreviousChange, CompareCommand::NextChange] {
                if ui.add_enabled(any, egui::Button::new(c.text())).clicked() {
                    push(c);
                }
            }
            let restore = ui
                .add_enabled(
                    self.shown.is_some() && any,
                    egui::Button::new(CompareCommand::RestoreAll.text()),
                )
                .on_hover_text("Put this whole version back, as one undoable edit");
            if restore.clicked() {
                push(CompareCommand::RestoreAll);
            }
            if ui.button("Close").clicked() {
                push(CompareCommand::Toggle);
            }
        });
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        } else if let Some(shown) = &self.shown {
            let mut summary = shown.diff.summary();
            if self.asked.is_some() {
                summary.push_str(" (updating…)");
            }
            ui.label(summary);
        } else {
            ui.weak("Comparing…");
        }
    }
}

fn target_text(target: Target, versions: &[VersionInfo]) -> String {
    match target {
        Target::Original => "the original as imported".into(),
        Target::LastSaved => "the last save".into(),
        Target::Version(n) => versions.iter().find(|v| v.number == n).map_or_else(
            || format!("version {n}"),
            |v| {
                format!(
                    "version {n} — {} — {} words changed",
                    v.time.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
                    v.words_changed
                )
            },
        ),
    }
}

/// The colours of inserted and deleted words: blue and orange, which red-green
/// colour-blind readers tell apart, in shades that read on either theme.
pub fn mark_colours(dark: bool) -> (Color32, Color32) {
    if dark {
        (
            Color32::from_rgb(0x1d, 0x3f, 0x6e),
            Color32::from_rgb(0xff, 0xa6, 0x57),
        )
    } else {
        (
            Color32::from_rgb(0xc8, 0xe1, 0xff),
            Color32::from_rgb(0xa3, 0x40, 0x00),
        )
    }
}

/// The marked text of some runs, laid out once.
fn job(runs: &[Run], dark: bool, style: &egui::Style) -> LayoutJob {
    let font: FontId = egui::TextStyle::Body.resolve(style);
    let text = style.visuals.text_color();
    let (inserted, deleted) = mark_colours(dark);
    let mut job = LayoutJob::default();
    for r in runs {
        let format = match r.op {
            Op::Equal => TextFormat::simple(font.clone(), text),
            Op::Insert => TextFormat {
                background: inserted,
                underline: Stroke::new(1.0, text),
                ..TextFormat::simple(font.clone(), text)
            },
            Op::Delete => TextFormat {
                strikethrough: Stroke::new(1.0, deleted),
                ..TextFormat::simple(font.clone(), deleted)
            },
        };
        let shown = if r.op == Op::Equal {
            r.text.clone()
        } else {
            // A paragraph break inserted or deleted shows as a pilcrow, not a blank.
            r.text.replace("\n\n", " ¶\n")
        };
        job.append(&shown, 0.0, format);
    }
    job.wrap.max_width = f32::INFINITY;
    job
}

/// The view's rows for a diff.
fn rows(diff: &ArticleDiff, dark: bool, style: &egui::Style) -> Vec<Row> {
    let mut out = Vec::new();
    let mut number = 0;
    for f in &diff.fields {
        if !f.is_changed() {
            // One collapsed row: the field's name, its text inside.
            let text: String = f.runs().into_iter().map(|r| r.text).collect();
            let name = capitalised(f.field.label());
            out.push(Row::Unchanged {
                title: if text.is_empty() {
                    format!("{name} — empty on both sides")
                } else {
                    format!("{name} — unchanged")
                },
                text,
            });
            continue;
        }
        out.push(Row::Field { field: f.field });
        let mut same: Vec<&str> = Vec::new();
        let flush = |out: &mut Vec<Row>, same: &mut Vec<&str>| {
            if !same.is_empty() {
                let n = same.len();
                out.push(Row::Unchanged {
                    title: if n == 1 {
                        "1 unchanged paragraph".into()
                    } else {
                        format!("{n} unchanged paragraphs")
                    },
                    text: same.join("\n\n"),
                });
                same.clear();
            }
        };
        for b in &f.blocks {
            let label = match b.shape {
                Shape::Same { .. } => {
                    same.extend(b.runs.iter().map(|r| r.text.as_str()));
                    continue;
                }
                Shape::MovedAway { old, new } => {
                    flush(&mut out, &mut same);
                    out.push(Row::Note(format!(
                        "¶{} was here: moved to ¶{}",
                        old + 1,
                        new + 1
                    )));
                    continue;
                }
                Shape::Changed { new, .. } if f.field == Field::Body => format!("¶{}", new + 1),
                Shape::Changed { .. } => String::new(),
                Shape::Inserted { new } => format!("¶{} inserted", new + 1),
                Shape::Deleted { old } => format!("old ¶{} deleted", old + 1),
                Shape::MovedHere { old, new } => format!("¶{}, moved from ¶{}", new + 1, old + 1),
                Shape::Split { old, new, count } => {
                    format!("¶{}–{}, split from ¶{}", new + 1, new + count, old + 1)
                }
                Shape::Joined { old, count, new } => {
                    format!("¶{}, joined from ¶{}–{}", new + 1, old + 1, old + count)
                }
            };
            flush(&mut out, &mut same);
            out.push(Row::Change {
                number,
                label,
                job: job(&b.runs, dark, style),
            });
            number += 1;
        }
        flush(&mut out, &mut same);
    }
    out
}

fn draw_row(
    ui: &mut Ui,
    index: usize,
    row: &Row,
    current: Option<usize>,
    scroll: bool,
    queue: &mut Vec<Command>,
) {
    match row {
        Row::Field { field } => {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.strong(format!("{} — changed", capitalised(field.label())));
                let restore = CompareCommand::RestoreField(*field);
                let button = ui
                    .small_button(restore.text())
                    .on_hover_text("Put this field back as it was, as one undoable edit");
                if button.clicked() {
                    queue.push(Command::Compare(restore));
                }
            });
        }
        Row::Unchanged { title, text } => {
            // By the row's place, not an automatic id: rows out of view are not drawn, so
            // automatic ids would move an open section's state to another row.
            egui::CollapsingHeader::new(egui::RichText::new(title).weak())
                .id_salt(("compare_unchanged", index))
                .default_open(false)
                .show(ui, |ui| {
                    ui.label(text);
                });
        }
        Row::Change { number, label, job } => {
            if !label.is_empty() {
                ui.weak(label);
            }
            let response = ui.add(egui::Label::new(job.clone()).wrap());
            if current == Some(*number) {
                let rect = response.rect.expand(3.0);
                ui.painter().rect_stroke(
                    rect,
                    2.0,
                    ui.visuals().selection.stroke,
                    egui::StrokeKind::Outside,
                );
                if scroll {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
            }
        }
        Row::Note(text) => {
            ui.weak(text);
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}
