//! Check findings drawn where they stand: an underline under each finding's text in its
//! field, told apart by shape as well as colour (spelling wavy, errors straight, warnings
//! dotted, infos dashed), with the finding's message and rule on hover.
//!
//! The findings come from the checks thread for an older revision; [`place`] carries their
//! ranges through the document's moves since, so marks after the caret shift with the text
//! and a mark the typing touched is gone until the checks run again. The underlines are
//! found in a laid-out galley by [`segments`]; the body keeps them per line in its layout
//! cache (`body_layout`), the short fields find them every frame.

use std::ops::Range;

use egui::{Color32, Galley, Pos2, Rect, Shape, Stroke, Ui, Vec2};

use crate::article::Field;
use crate::checks::{Finding, Severity};
use crate::document::moves::{Moved, map_range};

/// How a mark is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Spelling: a wavy underline.
    Spelling,
    /// An error: a thick straight underline.
    Error,
    /// A warning: a dotted underline.
    Warning,
    /// Worth a look: a dashed underline.
    Info,
}

impl Kind {
    pub fn of(f: &Finding) -> Self {
        if f.is_spelling() {
            return Self::Spelling;
        }
        match f.severity {
            Severity::Error => Self::Error,
            Severity::Warning => Self::Warning,
            Severity::Info => Self::Info,
        }
    }

    /// The colour in these visuals (light or dark).
    pub fn color(self, visuals: &egui::Visuals) -> Color32 {
        match self {
            // Red in both themes, lighter on dark, as word processors mark spelling.
            Self::Spelling if visuals.dark_mode => Color32::from_rgb(255, 110, 110),
            Self::Spelling => Color32::from_rgb(200, 30, 30),
            Self::Error => visuals.error_fg_color,
            Self::Warning => visuals.warn_fg_color,
            Self::Info if visuals.dark_mode => Color32::from_rgb(110, 170, 255),
            Self::Info => Color32::from_rgb(30, 90, 200),
        }
    }

    /// What the shape says, for the hover text (not by colour alone).
    pub fn name(self) -> &'static str {
        match self {
            Self::Spelling => "spelling",
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// A finding placed on the field's text as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub field: Field,
    /// Bytes of the field's current text.
    pub range: Range<usize>,
    pub kind: Kind,
    /// The finding's index in the list it was placed from.
    pub index: usize,
}

/// Places `findings` (checked at a revision the moves start from) on the current text:
/// the ones with text to underline whose range no move touched.
pub fn place(findings: &[Finding], moves: &[Moved]) -> Vec<Mark> {
    findings
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.range.is_empty() && f.field != Field::Date)
        .filter_map(|(index, f)| {
            Some(Mark {
                field: f.field,
                range: map_range(f.field, f.range.clone(), moves)?,
                kind: Kind::of(f),
                index,
            })
        })
        .collect()
}

/// Carries marks placed at one revision on through further `moves`.
pub fn follow(marks: &mut Vec<Mark>, moves: &[Moved]) {
    marks.retain_mut(|m| match map_range(m.field, m.range.clone(), moves) {
        Some(r) => {
            m.range = r;
            true
        }
        None => false,
    });
}

/// One row's piece of a mark's underline, in the galley's coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// The marked glyphs' box on one row.
    pub rect: Rect,
    pub kind: Kind,
    /// The mark's finding index.
    pub index: usize,
}

/// The underline pieces of `marks` (byte ranges of the galley's text, kind, finding index)
/// in `galley`, appended to `out`.
pub fn segments(
    galley: &Galley,
    marks: impl IntoIterator<Item = (Range<usize>, Kind, usize)>,
    out: &mut Vec<Segment>,
) {
    // Each row's first byte: a glyph per character, and the line break after a row that
    // ends with one.
    let mut starts = Vec::with_capacity(galley.rows.len() + 1);
    let mut byte = 0;
    for row in &galley.rows {
        starts.push(byte);
        byte += row.glyphs.iter().map(|g| g.chr.len_utf8()).sum::<usize>();
        byte += usize::from(row.ends_with_newline);
    }
    starts.push(byte);
    for (range, kind, index) in marks {
        for (i, row) in galley.rows.iter().enumerate() {
            let (row_start, row_end) = (starts[i], starts[i + 1]);
            if row_end <= range.start || row_start >= range.end {
                continue;
            }
            let (mut x0, mut x1) = (None, None);
            let mut b = row_start;
            for g in &row.glyphs {
                let end = b + g.chr.len_utf8();
                if b < range.end && end > range.start {
                    x0.get_or_insert(g.pos.x);
                    x1 = Some(g.pos.x + g.advance_width);
                }
                b = end;
            }
            if let (Some(x0), Some(x1)) = (x0, x1) {
                let rect = Rect::from_min_max(
                    Pos2::new(row.pos.x + x0, row.min_y()),
                    Pos2::new(row.pos.x + x1, row.max_y()),
                );
                out.push(Segment { rect, kind, index });
            }
        }
    }
}

/// Paints `segments` of a galley drawn at `origin`, those in the clip rect.
pub fn paint(ui: &Ui, origin: Pos2, segments: &[Segment]) {
    let clip = ui.clip_rect();
    let painter = ui.painter();
    let visuals = ui.visuals();
    for s in segments {
        let rect = s.rect.translate(origin.to_vec2());
        if !clip.intersects(rect) {
            continue;
        }
        let color = s.kind.color(visuals);
        let y = rect.bottom() - 1.5;
        let (left, right) = (Pos2::new(rect.left(), y), Pos2::new(rect.right(), y));
        match s.kind {
            Kind::Spelling => painter.add(Shape::line(wave(left, right), Stroke::new(1.2, color))),
            Kind::Error => painter.add(Shape::line_segment([left, right], Stroke::new(2.0, color))),
            Kind::Warning => painter.add(Shape::dotted_line(&[left, right], color, 3.0, 0.9)),
            Kind::Info => painter.add(Shape::dashed_line(
                &[left, right],
                Stroke::new(1.2, color),
                5.0,
                3.0,
            )),
        };
    }
}

/// A wavy line from `left` to `right`, 2 px high, a wave every 4 px.
fn wave(left: Pos2, right: Pos2) -> Vec<Pos2> {
    let mut points = vec![left];
    let mut x = left.x;
    let mut up = true;
    while x < right.x {
        x = (x + 2.0).min(right.x);
        let dy = if up { -1.0 } else { 1.0 };
        points.push(Pos2::new(x, left.y + dy));
        up = !up;
    }
    points
}

/// The mark under `pointer` (screen coordinates) in a galley drawn at `origin`.
pub fn at(segments: &[Segment], origin: Pos2, pointer: Pos2) -> Option<usize> {
    let local = pointer - origin.to_vec2();
    segments
        .iter()
        .find(|s| s.rect.expand2(Vec2::new(0.0, 1.0)).contains(local))
        .map(|s| s.index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks;

    #[test]
    fn findings_are_placed_on_the_text_as_typed_since() {
        let article = crate::Article {
            headline: "Judul".into(),
            body: "kapal itu beroprasi lagi. Dia  pergi.".into(),
            language: "id".into(),
            ..crate::Article::default()
        };
        let found = checks::run(&article);
        let marks = place(&found, &[]);
        let spelling = marks.iter().find(|m| m.kind == Kind::Spelling).unwrap();
        assert_eq!(&article.body[spelling.range.clone()], "beroprasi");
        // Typing before the word shifts it; typing into it drops it.
        let mut shifted = marks.clone();
        let typed = Moved {
            field: Field::Body,
            range: 0..0,
            len: 3,
        };
        follow(&mut shifted, std::slice::from_ref(&typed));
        assert!(
            shifted
                .iter()
                .any(|m| m.kind == Kind::Spelling && m.range == (13..22))
        );
        let into = Moved {
            field: Field::Body,
            range: 15..16,
            len: 0,
        };
        follow(&mut shifted, &[into]);
        assert!(shifted.iter().all(|m| m.kind != Kind::Spelling));
    }

    #[test]
    // Exact: the segments are made from these same glyph positions, with no arithmetic
    // that could round differently.
    #[allow(clippy::float_cmp)]
    fn segments_cover_exactly_the_marked_glyphs() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let text = "ab kéta cd\nsecond line";
            let font = egui::FontId::proportional(14.0);
            let galley =
                ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE));
            let mut out = Vec::new();
            // "kéta", bytes 3..8 (é is two bytes), and "second" on the next row.
            segments(
                &galley,
                [(3..8, Kind::Spelling, 0), (12..18, Kind::Error, 1)],
                &mut out,
            );
            assert_eq!(out.len(), 2);
            let row = &galley.rows[0];
            assert_eq!(out[0].rect.left(), row.pos.x + row.glyphs[3].pos.x);
            let last = &row.glyphs[6];
            assert_eq!(
                out[0].rect.right(),
                row.pos.x + last.pos.x + last.advance_width
            );
            let second = &galley.rows[1];
            assert_eq!(out[1].rect.top(), second.min_y());
            assert_eq!(out[1].rect.left(), second.pos.x);
            assert_eq!(at(&out, Pos2::ZERO, out[1].rect.center()), Some(1));
        });
        output.textures_delta.clear();
    }
}
