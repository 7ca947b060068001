//! The article form: every field with a visible, accessible label.
//!
//! Each input is `labelled_by` its label, so screen readers (and the UI tests, which find
//! widgets by role and label) know what it is. The body is a wrapped, proportional-font
//! text area filling the rest of the panel.

use chrono::{Datelike, NaiveDate};
use egui::text::{CCursor, CCursorRange};
use egui::{Id, TextEdit, Ui};

use crate::article::Article;

/// The form's fields are the article's fields, as the checks name them.
pub use crate::checks::Field;

/// What happened in the form this frame.
#[derive(Debug, Default)]
pub struct EditorOutput {
    /// Text typed, deleted or a date picked.
    pub changed: bool,
    /// A discrete edit (a date picked or cleared) that is its own undo step.
    pub structural: bool,
    /// The field that has keyboard focus.
    pub focused: Option<Field>,
}

/// Shows the form for `article` and reports what changed. `issues` gives the number of
/// check findings in a field, shown beside its label.
pub fn show(ui: &mut Ui, article: &mut Article, issues: &dyn Fn(Field) -> usize) -> EditorOutput {
    let mut out = EditorOutput::default();
    // The panel's width this frame bounds everything (see `form` for the grid).
    ui.set_max_width(ui.available_width());
    form(ui, &mut out, article, issues);
    body(ui, &mut out, &mut article.body, issues(Field::Body));
    out
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
fn row<R>(ui: &mut Ui, label: impl FnOnce(&mut Ui) -> R, fields: impl FnOnce(&mut Ui, R)) {
    let total = ui.available_width();
    ui.horizontal_top(|ui| {
        let label_layout = egui::Layout::left_to_right(egui::Align::Center);
        let r = ui
            .allocate_ui_with_layout(egui::vec2(LABEL_WIDTH, 0.0), label_layout, |ui| {
                ui.set_min_width(LABEL_WIDTH);
                label(ui)
            })
            .inner;
        let width = (total - LABEL_WIDTH - ui.spacing().item_spacing.x).max(120.0);
        let field_layout = egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true);
        ui.allocate_ui_with_layout(egui::vec2(width, 0.0), field_layout, |ui| {
            ui.set_max_width(width);
            fields(ui, r);
        });
    });
    ui.add_space(4.0);
}

/// A label and its field as one unit of known width, so a wrapping row can move it to the
/// next line whole (egui wraps only what it can measure before placing it).
fn pair(ui: &mut Ui, field_width: f32, issues: usize, contents: impl FnOnce(&mut Ui)) {
    let label_width = 70.0 + if issues > 0 { 50.0 } else { 0.0 };
    let size = egui::vec2(label_width + field_width, ui.spacing().interact_size.y);
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(size, layout, contents);
}

/// The one-line fields, a row each.
fn form(
    ui: &mut Ui,
    out: &mut EditorOutput,
    article: &mut Article,
    issues: &dyn Fn(Field) -> usize,
) {
    row(
        ui,
        |ui| field_label(ui, "Headline", issues(Field::Headline)),
        |ui, label| {
            // Wrapped over as many lines as it needs, so the whole headline is in view
            // (a one-line field would scroll it); Enter does not break it.
            text_field(
                ui,
                out,
                Field::Headline,
                label.id,
                TextEdit::multiline(&mut article.headline)
                    .hint_text("What happened, in one line")
                    .desired_width(ui.available_width())
                    .desired_rows(1)
                    .return_key(None)
                    .font(egui::TextStyle::Heading),
            );
            // A pasted line break would make a headline no page can show.
            if article.headline.contains(['\n', '\r']) {
                article.headline = article
                    .headline
                    .replace("\r\n", " ")
                    .replace(['\n', '\r'], " ");
            }
            let count = article.headline.chars().count();
            ui.weak(format!("{count} characters"));
        },
    );
    row(
        ui,
        |ui| ui.label("Dateline"),
        |ui, _| {
            // Each label stays beside its field when the row wraps.
            pair(ui, 150.0, issues(Field::Place), |ui| {
                let place = field_label(ui, "Place", issues(Field::Place));
                text_field(
                    ui,
                    out,
                    Field::Place,
                    place.id,
                    TextEdit::singleline(&mut article.dateline.place)
                        .hint_text("Brussels")
                        .desired_width(150.0),
                );
            });
            pair(ui, 130.0, issues(Field::Outlet), |ui| {
                let outlet = field_label(ui, "Outlet", issues(Field::Outlet));
                text_field(
                    ui,
                    out,
                    Field::Outlet,
                    outlet.id,
                    TextEdit::singleline(&mut article.dateline.outlet)
                        .hint_text("Liputan6.com")
                        .desired_width(130.0),
                );
            });
            pair(ui, 150.0, issues(Field::Date), |ui| {
                field_label(ui, "Date", issues(Field::Date));
                date_field(ui, out, &mut article.dateline.date);
            });
        },
    );
    row(
        ui,
        |ui| field_label(ui, "Byline", issues(Field::Byline)),
        |ui, byline| {
            text_field(
                ui,
                out,
                Field::Byline,
                byline.id,
                TextEdit::singleline(&mut article.byline)
                    .hint_text("Jane Doe")
                    .desired_width(180.0),
            );
            pair(ui, 130.0, issues(Field::Credit), |ui| {
                let credit = field_label(ui, "Credit", issues(Field::Credit));
                text_field(
                    ui,
                    out,
                    Field::Credit,
                    credit.id,
                    TextEdit::singleline(&mut article.credit)
                        .hint_text("AP")
                        .desired_width(130.0),
                );
            });
            pair(ui, 60.0, issues(Field::Language), |ui| {
                let language = field_label(ui, "Language", issues(Field::Language));
                text_field(
                    ui,
                    out,
                    Field::Language,
                    language.id,
                    TextEdit::singleline(&mut article.language)
                        .hint_text("id")
                        .desired_width(40.0),
                );
            });
        },
    );
}

/// The body: wrapped, proportional, filling the rest of the panel.
fn body(ui: &mut Ui, out: &mut EditorOutput, body: &mut String, issues: usize) {
    ui.add_space(4.0);
    let body_label = ui.horizontal(|ui| field_label(ui, "Body", issues)).inner;
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
            text_field(
                ui,
                out,
                Field::Body,
                body_label.id,
                TextEdit::multiline(body)
                    .hint_text("The story. Blank lines separate paragraphs; Markdown for *emphasis*, **bold**, > quotes, - lists, ## subheadings.")
                    .desired_width(f32::INFINITY)
                    .desired_rows(rows)
                    .lock_focus(true),
            );
        });
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

/// Asks `field` to scroll its cursor into view on the next frame (after a selection made
/// by [`select`]: egui scrolls only for selections it made itself).
fn request_scroll(ctx: &egui::Context, field: Field) {
    ctx.data_mut(|d| d.insert_temp(scroll_request(field), true));
}

fn scroll_request(field: Field) -> Id {
    Id::unique(("scroll_to_cursor", field))
}

fn text_field(ui: &mut Ui, out: &mut EditorOutput, field: Field, label: Id, edit: TextEdit<'_>) {
    let output = edit.id(field_id(field)).show(ui);
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
    }
}

fn date_field(ui: &mut Ui, out: &mut EditorOutput, date: &mut Option<NaiveDate>) {
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
                *date = from_jiff(picked);
                out.changed = true;
                out.structural = true;
            }
            if ui
                .small_button("×")
                .on_hover_text("Remove the date")
                .clicked()
            {
                *date = None;
                out.changed = true;
                out.structural = true;
            }
        }
        None => {
            if ui.button("Add date").clicked() {
                *date = Some(chrono::Local::now().date_naive());
                out.changed = true;
                out.structural = true;
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
