//! The body's text layout: one cached galley per line, joined into the galley egui's
//! `TextEdit` draws and places the cursor in.
//!
//! egui lays a text field out again after every key event, so a burst of keys read in one
//! frame lays it out once per key. Its own layouter splits long text into lines and caches
//! them too, but keeps every whole-text galley (and a copy of the whole text in each) until
//! the next frame: 200 keys into a 100,000-word body held about 150 MB at once, which the
//! allocator then kept. This layouter keeps the lines in a cache of its own, across frames,
//! and builds the joined galley outside egui's cache, so the one for the previous key is
//! freed as soon as egui replaces it: memory holds one body's layout, whatever the burst.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{ByteIndex, LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Ui};

use super::marks::{self, Kind, Segment};

/// A mark in the body: bytes of the body's text, how it is drawn, its finding's index.
pub type BodyMark = (std::ops::Range<usize>, Kind, usize);

/// A line's galley in the last layout and where it stood among code blocks.
type LaidLine = (Arc<Galley>, Blocks);

/// Lines laid out for the body, by line text and style.
#[derive(Default)]
pub struct BodyLayouter {
    lines: HashMap<u64, Line>,
    /// The frame the cache was last pruned in.
    frame: u64,
    /// The last layout: its style, its lines' galleys in order, and the joined galley
    /// (which holds the text). A keystroke changes a line or two: the lines before and
    /// after the change are taken from here without even hashing them.
    /// With each line's galley, where it stood among code blocks.
    last: Option<(Style, Vec<LaidLine>, Arc<Galley>)>,
    /// Each marked line's underlines, by its galley and its marks (line-relative, the
    /// finding index replaced by the mark's place in the line): kept across frames like
    /// the lines, so a keystroke finds the underlines of the lines it changed only.
    line_marks: HashMap<u64, LineMarks>,
    /// The underlines of the last joined galley, for the marks they were found for.
    painted: Option<(Arc<Galley>, u64, Vec<Segment>)>,
    /// Where the body's galley was last drawn, on screen.
    pub origin: egui::Pos2,
}

struct LineMarks {
    /// Held so the galley's address, part of the key, cannot be reused by another.
    galley: Arc<Galley>,
    segments: Vec<Segment>,
    used: u64,
}

struct Line {
    galley: Arc<Galley>,
    /// The last frame this line was used in.
    used: u64,
}

/// What a line's layout depends on besides its text.
#[derive(Clone, PartialEq)]
struct Style {
    font_id: FontId,
    color: Color32,
    line_height: f32,
    wrap_width: f32,
    /// Markdown's syntax characters, and link text.
    muted: Color32,
    link: Color32,
    /// The bold, italic and bold italic families, when the window has them.
    faces: [Option<egui::FontFamily>; 3],
}

impl std::hash::Hash for Style {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.font_id.hash(state);
        self.color.hash(state);
        self.line_height.to_bits().hash(state);
        self.wrap_width.to_bits().hash(state);
        self.muted.hash(state);
        self.link.hash(state);
        self.faces.hash(state);
    }
}

/// How a piece of a Markdown line looks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Look {
    Plain,
    /// Syntax characters: visible, muted.
    Syntax,
    Bold,
    Italic,
    Code,
    /// Code's fences and backticks: monospace and muted.
    CodeSyntax,
    Link,
}

/// Where a line stands among code blocks, from the lines before it: the one thing a
/// line's look depends on besides its own text, so it is part of the line's cache key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Blocks {
    /// Inside a fenced block (a line of three backticks or tildes opened it).
    fenced: bool,
    /// The line before was blank or indented code (or there was none): a line indented
    /// by four spaces or a tab here is indented code, as in `CommonMark`.
    may_indent: bool,
}

impl Default for Blocks {
    fn default() -> Self {
        Self {
            fenced: false,
            may_indent: true,
        }
    }
}

/// How a whole line is laid out, as far as code blocks go.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LineBlock {
    Text,
    /// A fence line: three backticks or tildes and the info string.
    Fence,
    /// A line of a fenced or indented code block.
    Code,
}

impl Blocks {
    /// What `line` (without its line break) is, and the state for the line after it.
    fn next(self, line: &str) -> (LineBlock, Self) {
        let fence = {
            let t = line.trim_start_matches(' ');
            line.len() - t.len() < 4 && (t.starts_with("```") || t.starts_with("~~~"))
        };
        if self.fenced {
            let block = if fence {
                LineBlock::Fence
            } else {
                LineBlock::Code
            };
            let after = Self {
                fenced: !fence,
                may_indent: fence,
            };
            return (block, after);
        }
        if fence {
            return (
                LineBlock::Fence,
                Self {
                    fenced: true,
                    may_indent: false,
                },
            );
        }
        let blank = line.trim().is_empty();
        let indented =
            !blank && self.may_indent && (line.starts_with("    ") || line.starts_with('\t'));
        let block = if indented {
            LineBlock::Code
        } else {
            LineBlock::Text
        };
        (
            block,
            Self {
                fenced: false,
                may_indent: blank || indented,
            },
        )
    }
}

impl Style {
    fn new(ui: &Ui, wrap_width: f32) -> Self {
        let font_id = egui::TextStyle::Body.resolve(ui.style());
        let row_height = ui.fonts_mut(|f| f.row_height(&font_id));
        let visuals = ui.visuals();
        let ctx = ui.ctx();
        Self {
            color: visuals
                .override_text_color
                .unwrap_or_else(|| visuals.widgets.inactive.text_color()),
            line_height: row_height + ui.spacing().extra_text_line_spacing,
            // egui rounds the wrap width before laying out; so does the key.
            wrap_width: wrap_width.round(),
            font_id,
            muted: visuals.weak_text_color(),
            link: visuals.hyperlink_color,
            faces: [
                super::fonts::family(ctx, true, false),
                super::fonts::family(ctx, false, true),
                super::fonts::family(ctx, true, true),
            ],
        }
    }

    /// The text laid out as Markdown source, line by line: headings larger and bold,
    /// emphasis in its faces, code monospace, links coloured, quotes and list items set
    /// in, syntax characters muted. A line's look depends on that line alone, so the
    /// per-line cache holds.
    fn job(&self, text: String) -> LayoutJob {
        self.job_from(text, Blocks::default())
    }

    /// [`Self::job`] for text whose first line stands at `blocks` (a line of the body
    /// laid out alone).
    fn job_from(&self, text: String, mut blocks: Blocks) -> LayoutJob {
        let mut sections = Vec::new();
        let mut start = 0;
        while start < text.len() || sections.is_empty() {
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let first = sections.len();
            let (block, after) = blocks.next(&text[start..end]);
            blocks = after;
            self.line(&text, start, end, block, &mut sections);
            // The line break goes with the line's last piece (or a piece of its own).
            let stop = (end + 1).min(text.len());
            match sections.get_mut(first..).and_then(<[_]>::last_mut) {
                Some(last) => last.byte_range.end = ByteIndex(stop),
                None => sections.push(egui::text::LayoutSection {
                    leading_space: 0.0,
                    byte_range: ByteIndex(start)..ByteIndex(stop),
                    format: self.format(Look::Plain, 1.0),
                }),
            }
            start = end + 1;
            if start > text.len() {
                break;
            }
        }
        self.finish(text, sections)
    }

    /// The job of `text` in these pieces, wrapped at the body's width.
    fn finish(&self, text: String, sections: Vec<egui::text::LayoutSection>) -> LayoutJob {
        let mut job = LayoutJob {
            text,
            sections,
            ..LayoutJob::default()
        };
        job.wrap.max_width = self.wrap_width;
        // As egui's text field does: trailing spaces stay visible while typing.
        job.keep_trailing_whitespace = true;
        job
    }

    /// [`Self::job`] of the whole `text`, put together from its lines' galleys (each laid
    /// out from its own job) instead of styling every line again: a keystroke in a long
    /// body then styles only the line it changed. Each line's pieces, moved to where the
    /// line starts, with the line break after it given to its last piece, as `job` does.
    fn joined(&self, text: String, lines: &[Arc<Galley>]) -> LayoutJob {
        let mut sections = Vec::with_capacity(lines.iter().map(|g| g.job.sections.len()).sum());
        let mut start = 0;
        for (i, line) in lines.iter().enumerate() {
            let first = sections.len();
            sections.extend(line.job.sections.iter().map(|s| egui::text::LayoutSection {
                leading_space: s.leading_space,
                byte_range: ByteIndex(s.byte_range.start.0 + start)
                    ..ByteIndex(s.byte_range.end.0 + start),
                format: s.format.clone(),
            }));
            let end = start + line.job.text.len();
            if i + 1 < lines.len() {
                if let Some(last) = sections[first..].last_mut() {
                    last.byte_range.end = ByteIndex(end + 1);
                }
                start = end + 1;
            }
        }
        self.finish(text, sections)
    }

    fn format(&self, look: Look, scale: f32) -> TextFormat {
        let mut font_id = self.font_id.clone();
        font_id.size *= scale;
        let mut f = TextFormat::simple(font_id, self.color);
        f.line_height = Some(self.line_height * scale);
        let face = |i: usize, f: &mut TextFormat| match &self.faces[i] {
            Some(family) => f.font_id.family = family.clone(),
            None => f.italics = i > 0,
        };
        match look {
            Look::Plain => {}
            Look::Syntax => f.color = self.muted,
            Look::Bold => face(0, &mut f),
            Look::Italic => face(1, &mut f),
            Look::Code => f.font_id.family = egui::FontFamily::Monospace,
            Look::CodeSyntax => {
                f.font_id.family = egui::FontFamily::Monospace;
                f.color = self.muted;
            }
            Look::Link => f.color = self.link,
        }
        f
    }

    /// The pieces of the line at bytes `start..end` of `text`.
    fn line(
        &self,
        text: &str,
        start: usize,
        end: usize,
        block: LineBlock,
        out: &mut Vec<egui::text::LayoutSection>,
    ) {
        let line = &text[start..end];
        let mut push = |range: std::ops::Range<usize>, look: Look, scale: f32, lead: f32| {
            if !range.is_empty() {
                out.push(egui::text::LayoutSection {
                    leading_space: lead,
                    byte_range: ByteIndex(start + range.start)..ByteIndex(start + range.end),
                    format: self.format(look, scale),
                });
            }
        };
        match block {
            LineBlock::Fence => return push(0..line.len(), Look::CodeSyntax, 1.0, 0.0),
            LineBlock::Code => return push(0..line.len(), Look::Code, 1.0, 0.0),
            LineBlock::Text => {}
        }
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            let scale = [1.6, 1.4, 1.25, 1.15, 1.05, 1.0][hashes - 1];
            push(0..hashes + 1, Look::Syntax, scale, 0.0);
            push(hashes + 1..line.len(), Look::Bold, scale, 0.0);
            return;
        }
        let size = self.font_id.size;
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let marker = if ["> ", "- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
            Some((2, size * 1.2))
        } else if digits > 0 && digits < 4 && line[digits..].starts_with(". ") {
            // Numbers right-aligned on three digits, so the items' text lines up.
            #[allow(clippy::cast_precision_loss)] // at most 3
            let pad = (3 - digits) as f32 * size * 0.55;
            Some((digits + 2, pad))
        } else {
            None
        };
        let from = match marker {
            Some((len, lead)) => {
                push(0..len, Look::Syntax, 1.0, lead);
                len
            }
            None => 0,
        };
        inline(line, from, &mut |r, look| push(r, look, 1.0, 0.0));
    }
}

/// The inline Markdown of `line` from byte `from`: code, bold, italic, links; each piece
/// with its look, in order, covering the rest of the line.
fn inline(line: &str, from: usize, push: &mut dyn FnMut(std::ops::Range<usize>, Look)) {
    let bytes = line.as_bytes();
    let mut plain = from;
    let mut i = from;
    while i < bytes.len() {
        let rest = &line[i..];
        // (marker length, inner end, closing marker length, look)
        let span: Option<(usize, usize, usize, Look)> = if let Some(after) = rest.strip_prefix('`')
        {
            after.find('`').map(|j| (1, i + 1 + j, 1, Look::Code))
        } else if let Some(after) = rest.strip_prefix("**") {
            after
                .find("**")
                .filter(|&j| j > 0)
                .map(|j| (2, i + 2 + j, 2, Look::Bold))
        } else if rest.starts_with('*') || rest.starts_with('_') {
            let c = &rest[..1];
            rest[1..]
                .find(c)
                .filter(|&j| j > 0 && !rest[1..].starts_with(' '))
                .map(|j| (1, i + 1 + j, 1, Look::Italic))
        } else if rest.starts_with('[') {
            rest.find("](").and_then(|j| {
                rest[j + 2..]
                    .find(')')
                    .map(|k| (1, i + j, k + 3, Look::Link))
            })
        } else {
            None
        };
        match span {
            Some((open, inner_end, close, look)) => {
                let syntax = if look == Look::Code {
                    Look::CodeSyntax
                } else {
                    Look::Syntax
                };
                push(plain..i, Look::Plain);
                push(i..i + open, syntax);
                push(i + open..inner_end, look);
                push(inner_end..inner_end + close, syntax);
                i = inner_end + close;
                plain = i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    push(plain..bytes.len(), Look::Plain);
}

impl BodyLayouter {
    /// Lays out `text` wrapped at `wrap_width` in the body's font, as a text field's
    /// layouter.
    pub fn layout(&mut self, ui: &Ui, text: &str, wrap_width: f32) -> Arc<Galley> {
        let style = Style::new(ui, wrap_width);
        if !text.contains('\n') {
            self.last = None;
            return ui.fonts_mut(|f| f.layout_job(style.job(text.to_owned())));
        }
        let last = self.last.take().filter(|(s, _, _)| *s == style);
        if let Some((_, _, joined)) = &last
            && joined.text() == text
        {
            // Nothing changed since the last frame (an idle frame, a cursor move).
            let joined = Arc::clone(joined);
            self.last = last;
            return joined;
        }
        self.prune(ui.ctx().cumulative_frame_nr());
        let style_key = egui::util::hash(&style);
        let reuse = last
            .as_ref()
            .map(|(_, lines, joined)| Reuse::new(joined.text(), text, lines));
        let new_count = lines(text).count();
        let mut galleys: Vec<(Arc<Galley>, Blocks)> = Vec::with_capacity(new_count);
        let mut start = 0;
        let mut blocks = Blocks::default();
        for (j, line) in lines(text).enumerate() {
            // A kept line must also stand where it stood (a ``` typed above it changes it).
            let kept = reuse
                .as_ref()
                .and_then(|r| r.line(j, start, start + line.len(), new_count))
                .filter(|(_, b)| *b == blocks)
                .map(|(g, _)| g);
            let galley = kept.unwrap_or_else(|| self.line(ui, &style, style_key, line, blocks));
            galleys.push((galley, blocks));
            blocks = blocks.next(line.strip_suffix('\n').unwrap_or(line)).1;
            start += line.len() + 1;
        }
        let only: Vec<Arc<Galley>> = galleys.iter().map(|(g, _)| Arc::clone(g)).collect();
        let job = Arc::new(style.joined(text.to_owned(), &only));
        let joined = Arc::new(Galley::concat(job, &only, ui.ctx().pixels_per_point()));
        self.last = Some((style, galleys, Arc::clone(&joined)));
        joined
    }

    fn line(
        &mut self,
        ui: &Ui,
        style: &Style,
        style_key: u64,
        line: &str,
        blocks: Blocks,
    ) -> Arc<Galley> {
        let frame = self.frame;
        let key = egui::util::hash((style_key, blocks, line));
        let entry = self.lines.entry(key).or_insert_with(|| Line {
            galley: ui.fonts_mut(|f| f.layout_job(style.job_from(line.to_owned(), blocks))),
            used: frame,
        });
        entry.used = frame;
        Arc::clone(&entry.galley)
    }

    /// Drops lines not used in this frame or the last, once a frame: edited lines go, the
    /// rest of a long body stays laid out.
    fn prune(&mut self, frame: u64) {
        if frame != self.frame {
            self.lines.retain(|_, l| l.used + 1 >= frame);
            self.line_marks.retain(|_, l| l.used + 1 >= frame);
            self.frame = frame;
        }
    }

    /// The underlines of `marks` (sorted by start) in `galley`, the body's last layout, in
    /// the galley's coordinates. Found line by line and cached with the line, so an idle
    /// frame finds none and a keystroke those of the line it changed.
    pub fn segments(&mut self, galley: &Arc<Galley>, marks: &[BodyMark]) -> &[Segment] {
        let key = egui::util::hash(marks);
        let fresh = self
            .painted
            .as_ref()
            .is_some_and(|(g, k, _)| Arc::ptr_eq(g, galley) && *k == key);
        if !fresh {
            let segments = self.find_segments(galley, marks);
            self.painted = Some((Arc::clone(galley), key, segments));
        }
        self.painted.as_ref().map_or(&[], |(_, _, s)| s.as_slice())
    }

    /// The last joined galley and the underlines found in it (tests, benchmarks).
    pub fn shown(&self) -> Option<(&Arc<Galley>, &[Segment])> {
        self.painted.as_ref().map(|(g, _, s)| (g, s.as_slice()))
    }

    fn find_segments(&mut self, galley: &Arc<Galley>, marks: &[BodyMark]) -> Vec<Segment> {
        let lines = match &self.last {
            Some((_, lines, joined)) if Arc::ptr_eq(joined, galley) => {
                lines.iter().map(|(g, _)| Arc::clone(g)).collect()
            }
            _ => vec![Arc::clone(galley)],
        };
        let frame = self.frame;
        let mut out = Vec::new();
        let (mut start, mut first_row, mut lo) = (0, 0, 0);
        for line in &lines {
            let end = start + line.text().len();
            while lo < marks.len() && marks[lo].0.end <= start {
                lo += 1;
            }
            let mine: Vec<(usize, BodyMark)> = marks[lo..]
                .iter()
                .take_while(|m| m.0.start < end)
                .filter(|m| m.0.end > start)
                .map(|(r, kind, index)| {
                    let r = r.start.max(start) - start..r.end.min(end) - start;
                    (*index, (r, *kind, 0))
                })
                .collect();
            if !mine.is_empty() {
                let relative: Vec<BodyMark> = mine
                    .iter()
                    .enumerate()
                    .map(|(k, (_, (r, kind, _)))| (r.clone(), *kind, k))
                    .collect();
                let key = egui::util::hash((Arc::as_ptr(line) as usize, &relative));
                let entry = self.line_marks.entry(key).or_insert_with(|| {
                    let mut segments = Vec::new();
                    marks::segments(line, relative, &mut segments);
                    LineMarks {
                        galley: Arc::clone(line),
                        segments,
                        used: frame,
                    }
                });
                entry.used = frame;
                debug_assert!(Arc::ptr_eq(&entry.galley, line));
                let offset = match (galley.rows.get(first_row), line.rows.first()) {
                    (Some(joined), Some(own)) => joined.pos - own.pos,
                    _ => egui::Vec2::ZERO,
                };
                out.extend(entry.segments.iter().map(|s| Segment {
                    rect: s.rect.translate(offset),
                    kind: s.kind,
                    index: mine[s.index].0,
                }));
            }
            first_row += line.rows.len();
            start = end + 1;
        }
        out
    }
}

/// Which lines of the last layout a new text keeps: those wholly inside the part both
/// texts start with, and those wholly inside the part both end with (found by comparing
/// bytes, far cheaper than hashing every line).
struct Reuse<'a> {
    prefix: usize,
    suffix: usize,
    new_len: usize,
    old: &'a [(Arc<Galley>, Blocks)],
}

impl<'a> Reuse<'a> {
    fn new(old: &str, new: &str, old_lines: &'a [(Arc<Galley>, Blocks)]) -> Self {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let room = a.len().min(b.len()) - prefix;
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(room)
            .take_while(|(x, y)| x == y)
            .count();
        Self {
            prefix,
            suffix,
            new_len: b.len(),
            old: old_lines,
        }
    }

    /// The old galley for new line `j` of `count`, at bytes `start..end`, when it is kept.
    fn line(
        &self,
        j: usize,
        start: usize,
        end: usize,
        count: usize,
    ) -> Option<(Arc<Galley>, Blocks)> {
        // Before the change: the line and the line break after it are unchanged, and that
        // break is not the text's last character (a final line break belongs to its line).
        if end + 1 < self.prefix {
            return self.old.get(j).cloned();
        }
        // After it: the line and the line break before it are unchanged, so it is the same
        // line counted from the end.
        let suffix_start = self.new_len - self.suffix;
        if start > suffix_start {
            let from_end = count - j;
            return self
                .old
                .len()
                .checked_sub(from_end)
                .and_then(|i| self.old.get(i))
                .cloned();
        }
        None
    }
}

/// The text split as egui's galley cache splits it, so the joined galley equals the one
/// egui would make: at each `\n` (dropped; `Galley::concat` puts the line breaks back),
/// except that a final `\n` stays with the last line.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if end == text.len() - 1 && text.ends_with('\n') {
            end += 1;
        }
        let line = &text[start..end];
        start = end + 1;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_as_egui_splits() {
        let got: Vec<&str> = lines("a\n\nb\nc\n").collect();
        assert_eq!(got, ["a", "", "b", "c\n"]);
        let got: Vec<&str> = lines("a\nb").collect();
        assert_eq!(got, ["a", "b"]);
        assert_eq!(lines("").count(), 0);
    }

    #[test]
    fn the_joined_galley_is_the_one_egui_makes() {
        let ctx = egui::Context::default();
        let text = "Paragraf pertama yang cukup panjang untuk dibungkus.\n\nKedua.\nKetiga\n";
        let mut layouter = BodyLayouter::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let ours = layouter.layout(ui, text, 120.0);
            let style = Style::new(ui, 120.0);
            let egui_own = ui.fonts_mut(|f| f.layout_job(style.job(text.to_owned())));
            assert_eq!(ours.text(), egui_own.text());
            assert_eq!(ours.job.sections, egui_own.job.sections);
            assert_eq!(ours.rows.len(), egui_own.rows.len());
            for (a, b) in ours.rows.iter().zip(&egui_own.rows) {
                assert_eq!(a.pos, b.pos);
                assert_eq!(a.ends_with_newline, b.ends_with_newline);
                assert_eq!(a.row.glyphs.len(), b.row.glyphs.len());
            }
            assert_eq!(ours.size(), egui_own.size());
            // Laid out again, unchanged lines come from the cache.
            let again = layouter.layout(ui, text, 120.0);
            assert!(
                Arc::ptr_eq(&again, &ours),
                "unchanged text, the same galley"
            );
            // An edit in the middle keeps the lines around it, and equals a fresh layout.
            let edited = "Paragraf pertama yang cukup panjang untuk dibungkus.\n\nKedua!\nKetiga\n";
            let incremental = layouter.layout(ui, edited, 120.0);
            assert!(Arc::ptr_eq(&incremental.rows[0].row, &ours.rows[0].row));
            let fresh = BodyLayouter::default().layout(ui, edited, 120.0);
            assert_eq!(incremental.text(), fresh.text());
            assert_eq!(incremental.rows.len(), fresh.rows.len());
            for (a, b) in incremental.rows.iter().zip(&fresh.rows) {
                assert_eq!((a.pos, a.ends_with_newline), (b.pos, b.ends_with_newline));
                assert_eq!(a.row.glyphs.len(), b.row.glyphs.len());
            }
        });
        output.textures_delta.clear();
    }

    #[test]
    fn markdown_is_shown_in_the_source() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let style = Style::new(ui, 400.0);
            let job = style.job("## Judul\nTeks **tebal** dan `kode` [x](https://a.b)".into());
            let look = |needle: &str| {
                let at = job.text.find(needle).unwrap();
                let s = job
                    .sections
                    .iter()
                    .find(|s| s.byte_range.start.0 <= at && at < s.byte_range.end.0)
                    .unwrap();
                s.format.clone()
            };
            let body = look("Teks");
            assert!(look("Judul").font_id.size > body.font_id.size * 1.3);
            assert_eq!(look("## ").color, style.muted);
            assert_eq!(look("**").color, style.muted);
            assert_eq!(look("kode").font_id.family, egui::FontFamily::Monospace);
            assert_eq!(look("x]").color, style.link);
            assert_eq!(look("(https").color, style.muted);
            // Every byte is in exactly one piece, in order.
            let mut at = 0;
            for s in &job.sections {
                assert_eq!(s.byte_range.start.0, at);
                at = s.byte_range.end.0;
            }
            assert_eq!(at, job.text.len());
        });
        output.textures_delta.clear();
    }

    /// Rows of two galleys, by what a text field uses: position, line breaks, glyphs.
    fn rows(g: &Galley) -> Vec<(egui::Pos2, bool, usize)> {
        g.rows
            .iter()
            .map(|r| (r.pos, r.ends_with_newline, r.row.glyphs.len()))
            .collect()
    }

    /// An edit of `before` (`cut` bytes at `at` replaced by `insert`) lays out as a fresh
    /// layout of the new text would.
    fn edit_lays_out_as_fresh(before: &str, at: usize, cut: usize, insert: &str) {
        let at = at.min(before.len());
        let end = (at + cut).min(before.len());
        let mut after = before.to_owned();
        after.replace_range(at..end, insert);
        let ctx = egui::Context::default();
        let mut layouter = BodyLayouter::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let _ = layouter.layout(ui, before, 90.0);
            let incremental = layouter.layout(ui, &after, 90.0);
            let fresh = BodyLayouter::default().layout(ui, &after, 90.0);
            assert_eq!(incremental.text(), after);
            let styled = Style::new(ui, 90.0).job(after.clone());
            assert_eq!(
                &incremental.job.sections, &styled.sections,
                "{before:?} -> {after:?}"
            );
            assert_eq!(rows(&incremental), rows(&fresh), "{before:?} -> {after:?}");
        });
        output.textures_delta.clear();
    }

    /// A case proptest once found (a line break typed after a blank line).
    #[test]
    fn a_line_break_after_a_blank_line_lays_out_as_fresh() {
        edit_lays_out_as_fresh("\n", 1, 0, "\n");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Any edit of a laid-out text lays out as a fresh layout of the new text would.
        #[test]
        fn incremental_layout_equals_a_fresh_one(
            before in "[a-z #*>`~_\\[\\]()1.\n-]{0,80}",
            at in 0usize..80,
            cut in 0usize..6,
            insert in "[a-z #*\n-]{0,6}",
        ) {
            edit_lays_out_as_fresh(&before, at, cut, &insert);
        }
    }
}
