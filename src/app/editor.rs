//! The article form: every field with a visible, accessible label, laid out from one table
//! (`FORM`).
//!
//! Each input is `labelled_by` its label, so screen readers (and the UI tests, which find
//! widgets by role and label) know what it is. The body is a wrapped, proportional-font
//! text area filling the rest of the panel.
//!
//! Typing goes straight into the [`Document`] through [`FieldBuffer`], egui's text buffer
//! over one field: each insertion and deletion egui makes becomes a [`Document::type_text`]
//! call, so the document's history records exactly what was typed and nothing else can
//! change the article behind it. A date picked is a [`Command::SetDate`], one undo step.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use egui::text::{CCursor, CCursorRange, CharIndex};
use egui::{Id, TextBuffer, TextEdit, Ui};

use super::body_layout::{BodyLayouter, BodyMark};
use super::command::{Command, DeskCommand, Found};
use super::marks::{self, Mark, Segment};
use crate::article::PicturePart;
use crate::checks::Finding;
use crate::document::Document;

/// The form's fields are the article's fields.
pub use crate::article::Field;

/// What happened in the form this frame.
#[derive(Debug, Default)]
pub struct EditorOutput {
    /// Text typed or deleted.
    pub changed: bool,
    /// The field that has keyboard focus.
    pub focused: Option<Field>,
}

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Input {
    /// Wrapped over the row's width in the heading font; never takes a line break.
    Headline,
    /// Wrapped over the row's width in the body font; never takes a line break.
    Wrapped,
    /// One line of this width.
    Line(f32),
    /// The date picker.
    Date,
    /// The keywords, one line split on commas, applied when the line loses focus.
    Keywords(f32),
}

/// One field of the form.
#[derive(Debug, Clone, Copy)]
struct Spec {
    /// The article field, or `None` for the keywords (a list, not text).
    field: Option<Field>,
    label: &'static str,
    hint: &'static str,
    input: Input,
}

/// A row of the form: its title in the label column (or, without one, the first field's
/// label), then its fields.
struct Row {
    title: Option<&'static str>,
    fields: &'static [Spec],
}

const fn spec(field: Field, label: &'static str, hint: &'static str, input: Input) -> Spec {
    Spec {
        field: Some(field),
        label,
        hint,
        input,
    }
}

/// The keywords line's row entry.
const KEYWORDS: Spec = Spec {
    field: None,
    label: "Keywords",
    hint: "economy, central bank",
    input: Input::Keywords(260.0),
};

/// The one-line fields above the body, in rows.
const FORM: [Row; 5] = [
    Row {
        title: None,
        fields: &[spec(
            Field::Headline,
            "Headline",
            "What happened, in one line",
            Input::Headline,
        )],
    },
    Row {
        title: Some("Dateline"),
        fields: &[
            spec(Field::Place, "Place", "Brussels", Input::Line(150.0)),
            spec(Field::Outlet, "Outlet", "Liputan6.com", Input::Line(130.0)),
            spec(Field::Date, "Date", "", Input::Date),
        ],
    },
    Row {
        title: None,
        fields: &[
            spec(Field::Byline, "Byline", "Jane Doe", Input::Line(180.0)),
            spec(Field::Credit, "Credit", "AP", Input::Line(130.0)),
            spec(Field::Language, "Language", "id", Input::Line(40.0)),
        ],
    },
    Row {
        title: None,
        fields: &[
            spec(
                Field::Slugline,
                "Slugline",
                "US-Finance-Fed",
                Input::Line(180.0),
            ),
            KEYWORDS,
        ],
    },
    Row {
        title: None,
        fields: &[spec(
            Field::Summary,
            "Summary",
            "What the story is about, in a sentence or two",
            Input::Wrapped,
        )],
    },
];

/// What the form needs besides the document.
pub struct FormContext<'a> {
    /// The number of check findings in a field, shown beside its label.
    pub issues: &'a dyn Fn(Field) -> usize,
    /// The time of this frame, for the undo history's typing steps.
    pub now: f64,
    /// Where a date picked goes.
    pub queue: &'a mut Vec<Command>,
    /// The body's line-by-line layout cache.
    pub layouter: &'a mut BodyLayouter,
    /// The check findings, and those placed on the text as it is now (the marks).
    pub findings: &'a [Finding],
    pub marks: &'a [Mark],
    /// The revision the marks are placed at.
    pub marks_revision: u64,
}

/// The marks of `field` on its text as it is now: typing in this frame has moved them
/// since the frame placed them.
fn marks_now(doc: &Document, cx: &FormContext<'_>, field: Field) -> Vec<Mark> {
    let mut mine: Vec<Mark> = cx
        .marks
        .iter()
        .filter(|m| m.field == field)
        .cloned()
        .collect();
    if doc.revision() != cx.marks_revision {
        match doc.moves_since(cx.marks_revision) {
            Some(moves) => marks::follow(&mut mine, &moves),
            None => mine.clear(),
        }
    }
    mine
}

/// Shows the form for `doc` and reports what changed.
pub fn show(ui: &mut Ui, doc: &mut Document, cx: &mut FormContext<'_>) -> EditorOutput {
    let mut out = EditorOutput::default();
    // The panel's width this frame bounds everything (see `row` for the grid).
    ui.set_max_width(ui.available_width());
    state_row(ui, doc.article().state, cx.queue);
    for row in &FORM {
        form_row(ui, row, doc, cx, &mut out);
    }
    pictures(ui, doc, cx, &mut out);
    body(ui, doc, cx, &mut out);
    out
}

/// Points wide a thumbnail in the form.
const THUMBNAIL: f32 = 96.0;

/// The Pictures section: each picture with its thumbnail, caption, credit and alt text
/// (typed into the document like any field, see [`PictureBuffer`]), Move up / Move down
/// (the first is the lead) and Remove, then Add picture. Every change is a command or
/// typing, one undo step each.
fn pictures(ui: &mut Ui, doc: &mut Document, cx: &mut FormContext<'_>, out: &mut EditorOutput) {
    let count = doc.article().pictures.len();
    let issues = (cx.issues)(Field::Pictures);
    let title = match (count, issues) {
        (0, _) => "Pictures".to_owned(),
        (n, 0) => format!("Pictures ({n})"),
        (n, i) => format!("Pictures ({n}) · {i} to check"),
    };
    let folder = doc
        .path()
        .and_then(std::path::Path::parent)
        .map(ToOwned::to_owned);
    egui::CollapsingHeader::new(title)
        .id_salt("pictures_section")
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("pictures_scroll")
                .max_height(300.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for index in 0..count {
                        picture_row(ui, doc, cx, out, index, folder.as_deref());
                        ui.separator();
                    }
                });
            if ui
                .button("Add picture…")
                .on_hover_text("A JPEG, PNG or WebP file; or drop one onto the window")
                .clicked()
            {
                cx.queue.push(Command::AddPicture);
            }
        });
}

fn picture_row(
    ui: &mut Ui,
    doc: &mut Document,
    cx: &mut FormContext<'_>,
    out: &mut EditorOutput,
    index: usize,
    folder: Option<&std::path::Path>,
) {
    let n = index + 1;
    let count = doc.article().pictures.len();
    let source = doc.article().pictures[index].source.clone();
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(THUMBNAIL);
            let path = crate::render::pictures::local_path(&source, folder);
            super::pictures::show(ui, path.as_deref(), &source, THUMBNAIL);
        });
        ui.vertical(|ui| {
            let lead = if index == 0 { " (lead)" } else { "" };
            ui.label(egui::RichText::new(format!("Picture {n}{lead}: {source}")).strong());
            for part in PicturePart::ALL {
                ui.horizontal(|ui| {
                    let label = ui.label(format!("Picture {n} {}", part.label()));
                    let mut buffer = PictureBuffer {
                        doc: &mut *doc,
                        index,
                        part,
                        now: cx.now,
                    };
                    let id = picture_field_id(index, part);
                    let output = TextEdit::singleline(&mut buffer)
                        .id(id)
                        .desired_width((ui.available_width() - 90.0).max(120.0))
                        .show(ui);
                    let response = output.response.response.labelled_by(label.id);
                    out.changed |= response.changed();
                    if response.has_focus() {
                        out.focused = Some(Field::Pictures);
                        let mut state = output.state;
                        state.clear_undoer();
                        state.store(ui.ctx(), id);
                    }
                    if part == PicturePart::Alt {
                        let chars = doc.article().pictures[index].alt.chars().count();
                        ui.label(format!("{chars} characters"));
                    }
                });
            }
            // Wrapped: four buttons are wider than the section in a narrow form.
            ui.horizontal_wrapped(|ui| {
                let up =
                    ui.add_enabled(index > 0, egui::Button::new(format!("Move picture {n} up")));
                if up.clicked() {
                    cx.queue.push(Command::MovePicture { index, up: true });
                }
                let down = ui.add_enabled(
                    index + 1 < count,
                    egui::Button::new(format!("Move picture {n} down")),
                );
                if down.clicked() {
                    cx.queue.push(Command::MovePicture { index, up: false });
                }
                if ui.button(format!("Remove picture {n}")).clicked() {
                    cx.queue.push(Command::RemovePicture(index));
                }
                // The lead is always drawn above the body; the others can stand in it.
                if index > 0 {
                    let place = Command::PlacePicture(index);
                    let button = ui
                        .button(place.text())
                        .on_hover_text("After the paragraph the caret is in");
                    if button.clicked() {
                        cx.queue.push(place);
                    }
                }
            });
        });
    });
}

/// The id of a picture's text input.
pub fn picture_field_id(index: usize, part: PicturePart) -> Id {
    Id::unique(("picture_field", index, part))
}

/// egui's text buffer over one text of one picture: typed through
/// [`Document::type_picture`], merged into undo steps as the article's fields are.
struct PictureBuffer<'a> {
    doc: &'a mut Document,
    index: usize,
    part: PicturePart,
    now: f64,
}

impl TextBuffer for PictureBuffer<'_> {
    fn is_mutable(&self) -> bool {
        true
    }

    fn as_str(&self) -> &str {
        self.doc
            .article()
            .pictures
            .get(self.index)
            .map_or("", |p| p.part(self.part))
    }

    fn insert_text(&mut self, text: &str, char_index: CharIndex) -> usize {
        // One line each: a caption, credit or alt text with a line break shows badly.
        let text = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
        let at = self.byte_index_from_char_index(char_index).0;
        self.doc
            .type_picture(self.index, self.part, at..at, &text, self.now);
        text.chars().count()
    }

    fn delete_char_range(&mut self, char_range: Range<CharIndex>) {
        let start = self.byte_index_from_char_index(char_range.start).0;
        let end = self.byte_index_from_char_index(char_range.end).0;
        self.doc
            .type_picture(self.index, self.part, start..end, "", self.now);
    }

    fn type_id(&self) -> std::any::TypeId {
        std::any::TypeId::of::<PictureBuffer<'static>>()
    }
}

/// The story's state: a drop-down whose choice is a [`DeskCommand::SetState`] (one undo
/// step; `ready` with errors asks first).
fn state_row(ui: &mut Ui, state: crate::article::StoryState, queue: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui
            .allocate_ui_with_layout(
                egui::vec2(LABEL_WIDTH, 0.0),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_width(LABEL_WIDTH);
                    ui.label("State")
                },
            )
            .inner;
        egui::ComboBox::from_id_salt("story_state")
            .selected_text(state.key())
            .show_ui(ui, |ui| {
                for s in crate::article::StoryState::ALL {
                    if ui.selectable_label(s == state, s.key()).clicked() && s != state {
                        queue.push(Command::Desk(DeskCommand::SetState(s)));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.add_space(4.0);
}

/// A field's label, with the number of check findings in it beside it when there are any.
fn field_label(ui: &mut Ui, text: &str, issues: usize) -> egui::Response {
    let label = ui.label(text);
    if issues > 0 {
        let color = ui.visuals().warn_fg_color;
        let n = if issues == 1 {
            "1 issue".to_owned()
        } else {
            format!("{issues} issues")
        };
        ui.label(egui::RichText::new(n).small().color(color))
            .on_hover_text("Check findings in this field; see the Checks panel");
    }
    label
}

/// Width of the form's label column ("Headline 1 issue").
const LABEL_WIDTH: f32 = 90.0;

/// One row of the form: a label column of fixed width, then the fields, wrapped to this
/// frame's panel width. Not an `egui::Grid`: a grid sizes cells from last frame's column
/// widths, so a form laid out before a side panel opened would stay that wide and run
/// under the panel.
fn form_row(
    ui: &mut Ui,
    row: &Row,
    doc: &mut Document,
    cx: &mut FormContext<'_>,
    out: &mut EditorOutput,
) {
    let total = ui.available_width();
    ui.horizontal_top(|ui| {
        let label_layout = egui::Layout::left_to_right(egui::Align::Center);
        let (first, rest) = match (row.title, row.fields.split_first()) {
            (None, Some((first, rest))) => (Some(first), rest),
            _ => (None, row.fields),
        };
        let label = ui
            .allocate_ui_with_layout(egui::vec2(LABEL_WIDTH, 0.0), label_layout, |ui| {
                ui.set_min_width(LABEL_WIDTH);
                match first {
                    Some(spec) => field_label(ui, spec.label, spec.field.map_or(0, cx.issues)),
                    None => ui.label(row.title.unwrap_or_default()),
                }
            })
            .inner;
        let width = (total - LABEL_WIDTH - ui.spacing().item_spacing.x).max(120.0);
        let field_layout = egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true);
        ui.allocate_ui_with_layout(egui::vec2(width, 0.0), field_layout, |ui| {
            ui.set_max_width(width);
            if let Some(spec) = first {
                input(ui, spec, label.id, doc, cx, out);
            }
            for spec in rest {
                pair(ui, spec, doc, cx, out);
            }
        });
    });
    ui.add_space(4.0);
}

/// A label and its field as one unit of known width, so a wrapping row can move it to the
/// next line whole (egui wraps only what it can measure before placing it).
fn pair(
    ui: &mut Ui,
    spec: &Spec,
    doc: &mut Document,
    cx: &mut FormContext<'_>,
    out: &mut EditorOutput,
) {
    let issues = spec.field.map_or(0, cx.issues);
    let field_width = match spec.input {
        Input::Line(w) | Input::Keywords(w) => w.max(60.0),
        Input::Date | Input::Headline | Input::Wrapped => 150.0,
    };
    let label_width = 70.0 + if issues > 0 { 50.0 } else { 0.0 };
    let size = egui::vec2(label_width + field_width, ui.spacing().interact_size.y);
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        let label = field_label(ui, spec.label, issues);
        input(ui, spec, label.id, doc, cx, out);
    });
}

/// The input for one field, labelled by `label`.
fn input(
    ui: &mut Ui,
    spec: &Spec,
    label: Id,
    doc: &mut Document,
    cx: &mut FormContext<'_>,
    out: &mut EditorOutput,
) {
    let Some(field) = spec.field else {
        keywords_field(ui, spec, label, doc, cx, out);
        return;
    };
    match spec.input {
        Input::Headline => {
            let mut buffer = FieldBuffer::new(doc, field, cx.now);
            // Wrapped over as many lines as it needs, so the whole headline is in view
            // (a one-line field would scroll it); Enter does not break it.
            let edit = TextEdit::multiline(&mut buffer)
                .hint_text(spec.hint)
                .desired_width(ui.available_width())
                .desired_rows(1)
                .return_key(None)
                .font(egui::TextStyle::Heading);
            let shown = text_field(ui, out, field, label, edit);
            short_marks(ui, doc, cx, field, &shown);
            let count = doc.article().headline.chars().count();
            ui.weak(format!("{count} characters"));
        }
        Input::Wrapped => {
            let mut buffer = FieldBuffer::new(doc, field, cx.now);
            let edit = TextEdit::multiline(&mut buffer)
                .hint_text(spec.hint)
                .desired_width(ui.available_width())
                .desired_rows(1)
                .return_key(None);
            let shown = text_field(ui, out, field, label, edit);
            short_marks(ui, doc, cx, field, &shown);
        }
        Input::Line(width) | Input::Keywords(width) => {
            let mut buffer = FieldBuffer::new(doc, field, cx.now);
            let edit = TextEdit::singleline(&mut buffer)
                .hint_text(spec.hint)
                .desired_width(width);
            let shown = text_field(ui, out, field, label, edit);
            short_marks(ui, doc, cx, field, &shown);
        }
        Input::Date => date_field(ui, out, doc.article().dateline.date, cx.queue),
    }
}

/// The id of the keywords line's text input.
pub fn keywords_id() -> Id {
    Id::unique("article_keywords")
}

/// The keywords as one line: edited as text while it has focus, then split on commas and
/// applied as one [`Command::SetKeywords`] when it loses focus (Enter, Tab, a click away).
fn keywords_field(
    ui: &mut Ui,
    spec: &Spec,
    label: Id,
    doc: &Document,
    cx: &mut FormContext<'_>,
    out: &mut EditorOutput,
) {
    let id = keywords_id();
    let draft_id = id.with("draft");
    let width = match spec.input {
        Input::Keywords(w) => w,
        _ => 200.0,
    };
    // While the line is edited its text is a draft, kept until it is applied.
    let draft = ui.data(|d| d.get_temp::<String>(draft_id));
    let editing = draft.is_some();
    let mut text = draft.unwrap_or_else(|| crate::article::keywords_line(&doc.article().keywords));
    let response = TextEdit::singleline(&mut text)
        .id(id)
        .hint_text(spec.hint)
        .desired_width(width)
        .show(ui)
        .response
        .response
        .labelled_by(label);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(draft_id, text.clone()));
    } else if editing || response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(draft_id));
        let keywords = crate::article::parse_keywords(&text);
        if keywords != doc.article().keywords {
            cx.queue.push(Command::SetKeywords(keywords));
        }
    }
    out.changed |= response.changed();
}

/// The body: wrapped, proportional, filling the rest of the panel.
fn body(ui: &mut Ui, doc: &mut Document, cx: &mut FormContext<'_>, out: &mut EditorOutput) {
    ui.add_space(4.0);
    let body_label = ui
        .horizontal(|ui| {
            let label = field_label(ui, "Body", (cx.issues)(Field::Body));
            ui.separator();
            toolbar(ui, cx.queue);
            label
        })
        .inner;
    egui::ScrollArea::vertical()
        .id_salt("body_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let rows = (ui.available_height() / ui.text_style_height(&egui::TextStyle::Body))
                .floor()
                .max(4.0);
            // Float rows to whole lines; the count is small and positive.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let rows = rows as usize;
            let mut buffer = FieldBuffer::new(doc, Field::Body, cx.now);
            let layouter = &mut *cx.layouter;
            let mut layout = |ui: &Ui, text: &dyn TextBuffer, width: f32| {
                layouter.layout(ui, text.as_str(), width)
            };
            let edit = TextEdit::multiline(&mut buffer)
                .layouter(&mut layout)
                .hint_text("The story. Blank lines separate paragraphs; Markdown for *emphasis*, **bold**, > quotes, - lists, ## subheadings.")
                .desired_width(f32::INFINITY)
                .desired_rows(rows)
                .lock_focus(true);
            let shown = text_field(ui, out, Field::Body, body_label.id, edit);
            let body_marks: Vec<BodyMark> = marks_now(doc, cx, Field::Body)
                .into_iter()
                .map(|m| (m.range, m.kind, m.index))
                .collect();
            cx.layouter.origin = shown.galley_pos;
            let segments = cx.layouter.segments(&shown.galley, &body_marks).to_vec();
            field_marks(ui, doc, cx, Field::Body, &shown, &segments);
        });
}

/// The marks of a one-line or short field, found in its galley every frame (its text is
/// short).
fn short_marks(ui: &Ui, doc: &Document, cx: &mut FormContext<'_>, field: Field, shown: &Shown) {
    let mut segments = Vec::new();
    let mine = marks_now(doc, cx, field)
        .into_iter()
        .map(|m| (m.range, m.kind, m.index));
    marks::segments(&shown.galley, mine, &mut segments);
    field_marks(ui, doc, cx, field, shown, &segments);
}

/// Paints a field's marks, shows the message and rule of the one under the pointer, and
/// the field's context menu: the mark's suggestions, Fix, Ignore and Add to dictionary on a
/// marked word, Cut, Copy, Paste and Select All elsewhere. Each entry is a [`Command`].
fn field_marks(
    ui: &Ui,
    doc: &Document,
    cx: &mut FormContext<'_>,
    field: Field,
    shown: &Shown,
    segments: &[Segment],
) {
    marks::paint(ui, shown.galley_pos, segments);
    let under = |p: egui::Pos2| marks::at(segments, shown.galley_pos, p);
    let hovered = shown
        .response
        .hover_pos()
        .and_then(under)
        .and_then(|i| cx.findings.get(i));
    if let Some(f) = hovered {
        let kind = marks::Kind::of(f);
        shown.response.clone().on_hover_ui_at_pointer(|ui| {
            ui.label(&f.message);
            ui.weak(format!("{} · {}", kind.name(), f.rule));
        });
    }
    let menu_id = field_id(field).with("context_menu");
    if shown.response.secondary_clicked() {
        // What the menu is about is fixed when it opens: the pointer moves on to it.
        let found = shown
            .response
            .interact_pointer_pos()
            .and_then(under)
            .and_then(|i| {
                let text = doc.article().text_str(field)?;
                let mark = marks_now(doc, cx, field)
                    .into_iter()
                    .find(|m| m.index == i)?;
                let mut finding = cx.findings.get(i)?.clone();
                text.get(mark.range.clone())?;
                finding.range = mark.range;
                Some(Found {
                    finding,
                    revision: doc.revision(),
                })
            });
        // In bytes of the field's text; found only now, as it walks the text.
        let selection = shown
            .cursor
            .map(|r| {
                let text = shown.galley.text();
                let byte = |c: CCursor| {
                    text.char_indices()
                        .nth(c.index.0)
                        .map_or(text.len(), |(b, _)| b)
                };
                let [a, b] = r.sorted_cursors();
                byte(a)..byte(b)
            })
            .unwrap_or_default();
        ui.data_mut(|d| d.insert_temp(menu_id, (found, selection)));
    }
    let queue = &mut *cx.queue;
    shown.response.context_menu(|ui| {
        let (found, selection) = ui
            .data(|d| d.get_temp::<(Option<Found>, Range<usize>)>(menu_id))
            .unwrap_or_default();
        let mut push = |ui: &mut Ui, command: Command| {
            queue.push(command);
            ui.close();
        };
        if let Some(found) = found {
            let f = &found.finding;
            ui.weak(&f.message);
            ui.separator();
            for s in f.suggestions.iter().take(5) {
                if ui.button(s).clicked() {
                    push(ui, Command::Suggest(found.clone(), s.clone()));
                }
            }
            if let Some(fix) = &f.fix
                && ui.button(format!("Fix: “{}”", fix.replacement)).clicked()
            {
                push(ui, Command::Fix(found.clone()));
            }
            if f.is_spelling() {
                ui.separator();
                if ui.button("Ignore in this article").clicked() {
                    push(ui, Command::Ignore(found.clone()));
                }
                if ui.button("Add to dictionary").clicked() {
                    push(ui, Command::AddToDictionary(found.clone()));
                }
            }
        } else {
            let selected = !selection.is_empty();
            if ui.add_enabled(selected, egui::Button::new("Cut")).clicked() {
                push(ui, Command::Cut(field, selection.clone()));
            }
            if ui
                .add_enabled(selected, egui::Button::new("Copy"))
                .clicked()
            {
                push(ui, Command::Copy(field, selection.clone()));
            }
            if ui.button("Paste").clicked() {
                push(ui, Command::Paste(field));
            }
            if ui.button("Select All").clicked() {
                push(ui, Command::SelectAll(field));
            }
        }
    });
}

/// What a text field showed this frame: where its galley is, for its marks.
struct Shown {
    response: egui::Response,
    cursor: Option<CCursorRange>,
    galley: std::sync::Arc<egui::Galley>,
    galley_pos: egui::Pos2,
}

/// The formatting buttons above the body, each named for screen readers and tests.
fn toolbar(ui: &mut Ui, queue: &mut Vec<Command>) {
    use crate::markup::Format;
    for (format, shown) in [
        (Format::Bold, egui::RichText::new("B").strong()),
        (Format::Italic, egui::RichText::new("I").italics()),
        (Format::Link, egui::RichText::new("Link")),
        (Format::Heading, egui::RichText::new("H")),
        (Format::Quote, egui::RichText::new("Quote")),
        (Format::Bulleted, egui::RichText::new("• List")),
        (Format::Numbered, egui::RichText::new("1. List")),
    ] {
        let command = Command::Format(format);
        let hint = command.shortcuts(ui.ctx().os()).first().map_or_else(
            || format.label().to_owned(),
            |s| format!("{} ({})", format.label(), ui.ctx().format_shortcut(s)),
        );
        let button = ui.small_button(shown).on_hover_text(hint);
        button.clone().accessible_name(format.label());
        if button.clicked() {
            queue.push(command);
        }
    }
}

/// egui's text buffer over one field of a document: what egui inserts and deletes is
/// typed into the document, so it lands in the document's undo history.
pub struct FieldBuffer<'a> {
    doc: &'a mut Document,
    field: Field,
    now: f64,
}

impl<'a> FieldBuffer<'a> {
    pub fn new(doc: &'a mut Document, field: Field, now: f64) -> Self {
        Self { doc, field, now }
    }
}

impl TextBuffer for FieldBuffer<'_> {
    fn is_mutable(&self) -> bool {
        self.field != Field::Date
    }

    fn as_str(&self) -> &str {
        self.doc.article().text_str(self.field).unwrap_or_default()
    }

    fn insert_text(&mut self, text: &str, char_index: CharIndex) -> usize {
        // Only the body holds paragraphs; a pasted line break in any other field would make
        // a headline or byline no page can show.
        let text = if self.field == Field::Body {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(text.replace("\r\n", " ").replace(['\n', '\r'], " "))
        };
        let at = self.byte_index_from_char_index(char_index).0;
        self.doc.type_text(self.field, at..at, &text, self.now);
        text.chars().count()
    }

    fn delete_char_range(&mut self, char_range: Range<CharIndex>) {
        let start = self.byte_index_from_char_index(char_range.start).0;
        let end = self.byte_index_from_char_index(char_range.end).0;
        self.doc.type_text(self.field, start..end, "", self.now);
    }

    fn type_id(&self) -> std::any::TypeId {
        std::any::TypeId::of::<FieldBuffer<'static>>()
    }
}

/// The id of a field's text input, so the checks panel can focus it and select text.
pub fn field_id(field: Field) -> Id {
    Id::unique(("article_field", field))
}

/// Focuses `field`, selects the byte range `range` of its `text` and scrolls it into view
/// (a finding's or a find match's text).
pub fn select(ctx: &egui::Context, field: Field, text: &str, range: std::ops::Range<usize>) {
    let id = field_id(field);
    let char_at = |byte: usize| text.get(..byte).map_or(0, |t| t.chars().count());
    let mut state = TextEdit::load_state(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(char_at(range.start)),
        CCursor::new(char_at(range.end)),
    )));
    TextEdit::store_state(ctx, id, state);
    ctx.memory_mut(|m| m.request_focus(id));
    request_scroll(ctx, field);
}

/// The selection of `field`'s text input, in bytes of its `text` (empty at the caret).
pub fn selection_bytes(ctx: &egui::Context, field: Field, text: &str) -> Range<usize> {
    let Some(range) =
        TextEdit::load_state(ctx, field_id(field)).and_then(|s| s.cursor.char_range())
    else {
        return text.len()..text.len();
    };
    let byte = |c: CCursor| {
        text.char_indices()
            .nth(c.index.0)
            .map_or(text.len(), |(b, _)| b)
    };
    let [a, b] = range.sorted_cursors();
    byte(a)..byte(b)
}

/// Asks `field` to scroll its cursor into view on the next frame (after a selection made
/// by [`select`]: egui scrolls only for selections it made itself).
fn request_scroll(ctx: &egui::Context, field: Field) {
    ctx.data_mut(|d| d.insert_temp(scroll_request(field), true));
}

fn scroll_request(field: Field) -> Id {
    Id::unique(("scroll_to_cursor", field))
}

fn text_field(
    ui: &mut Ui,
    out: &mut EditorOutput,
    field: Field,
    label: Id,
    edit: TextEdit<'_>,
) -> Shown {
    let id = field_id(field);
    let output = edit.id(id).show(ui);
    if ui
        .data_mut(|d| d.remove_temp::<bool>(scroll_request(field)))
        .unwrap_or(false)
        && let Some(range) = output.cursor_range
    {
        let cursor = output
            .galley
            .pos_from_cursor(range.primary)
            .translate(output.galley_pos.to_vec2());
        ui.scroll_to_rect(cursor, Some(egui::Align::Center));
    }
    let response = output.response.response.labelled_by(label);
    out.changed |= response.changed();
    if response.has_focus() {
        out.focused = Some(field);
        // egui keeps its own undo states per text field, whole copies of the text; the
        // document's history is the one undo, so they are dropped every frame.
        let mut state = output.state;
        state.clear_undoer();
        state.store(ui.ctx(), id);
    }
    Shown {
        response,
        cursor: output.cursor_range,
        galley: output.galley,
        galley_pos: output.galley_pos,
    }
}

fn date_field(
    ui: &mut Ui,
    out: &mut EditorOutput,
    date: Option<NaiveDate>,
    queue: &mut Vec<Command>,
) {
    match date.and_then(to_jiff) {
        Some(mut picked) => {
            let before = picked;
            let response = ui.add(
                egui_extras::DatePickerButton::new(&mut picked)
                    .id_salt("dateline_date")
                    .format("%Y-%m-%d")
                    .calendar_week(false)
                    .show_icon(false),
            );
            if response.has_focus() {
                out.focused = Some(Field::Date);
            }
            if picked != before {
                queue.push(Command::SetDate(from_jiff(picked)));
            }
            if ui
                .small_button("×")
                .on_hover_text("Remove the date")
                .clicked()
            {
                queue.push(Command::SetDate(None));
            }
        }
        None => {
            if ui.button("Add date").clicked() {
                queue.push(Command::SetDate(Some(chrono::Local::now().date_naive())));
            }
        }
    }
}

/// chrono to the date picker's jiff date; `None` outside jiff's range (years ±9999).
pub fn to_jiff(d: NaiveDate) -> Option<jiff::civil::Date> {
    let year = i16::try_from(d.year()).ok()?;
    let month = i8::try_from(d.month()).ok()?;
    let day = i8::try_from(d.day()).ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

/// The picker's jiff date back to chrono.
pub fn from_jiff(d: jiff::civil::Date) -> Option<NaiveDate> {
    let month = u32::try_from(d.month()).ok()?;
    let day = u32::try_from(d.day()).ok()?;
    NaiveDate::from_ymd_opt(i32::from(d.year()), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_between_chrono_and_jiff() {
        for (y, m, d) in [(2024, 10, 1), (2024, 2, 29), (1999, 12, 31)] {
            let c = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let j = to_jiff(c).unwrap();
            assert_eq!(
                (j.year(), j.month(), j.day()),
                (
                    i16::try_from(y).unwrap(),
                    i8::try_from(m).unwrap(),
                    i8::try_from(d).unwrap()
                )
            );
            assert_eq!(from_jiff(j), Some(c));
        }
        assert_eq!(
            to_jiff(NaiveDate::from_ymd_opt(20_000, 1, 1).unwrap()),
            None
        );
    }
}
