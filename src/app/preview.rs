//! The live preview: the article as readers will see it, drawn from [`crate::render`].
//!
//! Rendering is cached per body chunk (see [`render::chunks`]): after a keystroke only the
//! chunks whose text changed are parsed again, found by matching unchanged chunks from
//! the start and the end. Each chunk also keeps its laid-out text (galleys) for the
//! current width and theme, and only the rows inside the visible part of the scroll area
//! are turned into widgets, so an idle frame does not grow with the article.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Galley, Rect, Stroke, Ui, Vec2};

use crate::article::Article;
use crate::language::Lang;
use crate::render::{self, Block, Rendered, Span};
use crate::stats::Counts;

/// The widest line the preview sets, as a newspaper column would.
const MAX_MEASURE: f32 = 680.0;

/// One top-level piece of the body and what was made from it.
struct Chunk {
    text: String,
    blocks: Vec<Block>,
    /// The chunk's share of the article's [`crate::stats`] counts.
    counts: Counts,
    /// Whether a block places a picture ([`Block::Picture`]): its layout then also depends
    /// on the article's pictures and the folder they are found in.
    pictured: bool,
    laid: Option<(LayoutKey, Vec<Row>)>,
}

/// Everything a chunk's layout depends on besides its own text.
#[derive(Clone, PartialEq)]
struct LayoutKey {
    width: f32,
    pixels_per_point: f32,
    dark: bool,
    /// The dateline lead-in, drawn inside the first chunk's first paragraph.
    lead_in: Option<String>,
}

/// A laid-out line of the preview: a paragraph, heading, list item or code block.
#[derive(Clone)]
struct Row {
    galley: Arc<Galley>,
    indent: f32,
    space_before: f32,
    /// Quote nesting depth, drawn as bars at the left.
    quote_depth: usize,
    rule: bool,
    /// A picture drawn in this row's space instead of text.
    picture: Option<Arc<PictureRow>>,
}

/// A picture in the preview: where its file is (if local) and the height it takes.
struct PictureRow {
    path: Option<std::path::PathBuf>,
    source: String,
    width: f32,
    height: f32,
}

impl Row {
    fn height(&self) -> f32 {
        self.space_before
            + if let Some(p) = &self.picture {
                p.height
            } else if self.rule {
                12.0
            } else {
                self.galley.size().y
            }
    }
}

/// The preview's cache of rendered chunks; [`Preview::update`] after each change.
#[derive(Default)]
pub struct Preview {
    header: Option<Rendered>,
    chunks: Vec<Chunk>,
    header_rows: Option<(LayoutKey, Vec<Row>)>,
    footer_rows: Option<(LayoutKey, Vec<Row>)>,
    /// How many chunks the last update parsed again (for tests and benchmarks).
    pub last_reparsed: usize,
    /// The article file's folder, where relative picture paths start.
    folder: Option<std::path::PathBuf>,
    /// The pictures after the lead that the body does not place: drawn after it.
    later: Vec<usize>,
}

impl Preview {
    /// Relative picture paths are shown from `folder` (the article file's).
    pub fn set_folder(&mut self, folder: Option<&std::path::Path>) {
        if self.folder.as_deref() != folder {
            self.folder = folder.map(ToOwned::to_owned);
            self.header_rows = None;
            self.footer_rows = None;
            self.forget_pictured();
        }
    }

    /// Brings the cache up to date with `article`, re-parsing only changed chunks.
    pub fn update(&mut self, article: &Article) {
        // The body's chunks are rendered below, each only when it changed.
        let header = render::header(article, Lang::of(article));
        if self.header.as_ref() != Some(&header) {
            if self
                .header
                .as_ref()
                .is_none_or(|h| h.figures != header.figures)
            {
                self.forget_pictured();
            }
            self.header_rows = None;
            self.footer_rows = None;
            self.header = Some(header);
        }

        let body = &article.body;
        let ranges = render::chunks(body);
        let text_of = |r: &Range<usize>| body.get(r.clone()).unwrap_or_default();
        let old = &self.chunks;
        let prefix = old
            .iter()
            .zip(&ranges)
            .take_while(|(c, r)| c.text == text_of(r))
            .count();
        let max_suffix = old.len().min(ranges.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(ranges.iter().rev())
            .take(max_suffix)
            .take_while(|(c, r)| c.text == text_of(r))
            .count();
        let mut old = std::mem::take(&mut self.chunks);
        let tail: Vec<Chunk> = old.drain(old.len() - suffix..).collect();
        old.truncate(prefix);
        let middle = &ranges[prefix..ranges.len() - suffix];
        self.last_reparsed = middle.len();
        if prefix == 0 {
            // The first paragraph decides whether the lead-in joins it or stands alone.
            self.header_rows = None;
        }
        old.extend(middle.iter().map(|r| Chunk::new(text_of(r))));
        old.extend(tail);
        self.chunks = old;

        let later = self.header.as_ref().map_or_else(Vec::new, |h| {
            let placing = self.chunks.iter().filter(|c| c.pictured);
            h.later_figures(placing.flat_map(|c| &c.blocks))
                .iter()
                .map(|f| f.index)
                .collect()
        });
        if later != self.later {
            self.later = later;
            self.footer_rows = None;
        }
    }

    /// Drops the layout of the chunks that place pictures, when the pictures changed.
    fn forget_pictured(&mut self) {
        for chunk in self.chunks.iter_mut().filter(|c| c.pictured) {
            chunk.laid = None;
        }
    }

    /// The body's counts ([`crate::stats`]), added up from the chunks.
    pub fn counts(&self) -> Counts {
        self.chunks.iter().map(|c| c.counts).sum()
    }

    /// The rendered headline, for tests.
    pub fn headline(&self) -> Option<&str> {
        self.header.as_ref().map(|h| h.headline.as_str())
    }

    /// Draws the preview, filling the available space.
    pub fn show(&mut self, ui: &mut Ui) {
        let Some(header) = self.header.as_ref() else {
            return;
        };
        let width = (ui.available_width() - 32.0).clamp(120.0, MAX_MEASURE);
        let key = |lead_in: Option<String>| LayoutKey {
            width,
            pixels_per_point: ui.ctx().pixels_per_point(),
            dark: ui.visuals().dark_mode,
            lead_in,
        };
        let plain_key = key(None);
        let first_key = key(header.lead_in.clone());
        let lead_joins = self
            .chunks
            .first()
            .is_some_and(|c| render::lead_in_joins_first_block(&c.blocks));

        if self
            .header_rows
            .as_ref()
            .is_none_or(|(k, _)| *k != plain_key)
        {
            let mut rows = header_rows(ui, header, width);
            if let Some(figure) = header.lead_figure() {
                rows.extend(figure_rows(ui, figure, self.folder.as_deref(), width));
            }
            if !lead_joins && let Some(lead) = &header.lead_in {
                rows.push(text_row(ui, plain_job(ui, lead, width, true), 0.0, 10.0, 0));
            }
            self.header_rows = Some((plain_key.clone(), rows));
        }
        if self
            .footer_rows
            .as_ref()
            .is_none_or(|(k, _)| *k != plain_key)
        {
            let rows = footer_rows(ui, header, &self.later, self.folder.as_deref(), width);
            self.footer_rows = Some((plain_key.clone(), rows));
        }
        for (i, chunk) in self.chunks.iter_mut().enumerate() {
            let k = if i == 0 && lead_joins {
                &first_key
            } else {
                &plain_key
            };
            if chunk.laid.as_ref().is_none_or(|(ck, _)| ck != k) {
                let mut layout = BlockLayout {
                    ui,
                    width,
                    lead_in: k.lead_in.as_deref(),
                    pictures: header,
                    folder: self.folder.as_deref(),
                    rows: Vec::new(),
                };
                for block in &chunk.blocks {
                    layout.block(block, Nesting::default());
                }
                chunk.laid = Some((k.clone(), layout.rows));
            }
        }

        let all_rows = || {
            let header = self.header_rows.iter().flat_map(|(_, r)| r);
            let body = self
                .chunks
                .iter()
                .flat_map(|c| c.laid.iter().flat_map(|(_, r)| r));
            let footer = self.footer_rows.iter().flat_map(|(_, r)| r);
            header.chain(body).chain(footer)
        };
        let total: f32 = all_rows().map(Row::height).sum::<f32>() + 32.0;

        egui::ScrollArea::vertical()
            .id_salt("preview_scroll")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                ui.set_min_height(total);
                let origin = ui.min_rect().min + Vec2::new(16.0, 16.0);
                let mut y = 0.0;
                for row in all_rows() {
                    let top = y + row.space_before;
                    let h = row.height() - row.space_before;
                    y += row.height();
                    if top + h < viewport.min.y || top > viewport.max.y {
                        continue;
                    }
                    let pos = origin + Vec2::new(row.indent, top);
                    draw_row(
                        ui,
                        row,
                        Rect::from_min_size(pos, Vec2::new(width - row.indent, h)),
                    );
                }
            });
    }
}

impl Chunk {
    fn new(text: &str) -> Self {
        let blocks = render::chunk_blocks(text);
        Self {
            text: text.to_owned(),
            counts: Counts::of_blocks(&blocks),
            pictured: blocks.iter().any(|b| matches!(b, Block::Picture { .. })),
            blocks,
            laid: None,
        }
    }
}

fn draw_row(ui: &mut Ui, row: &Row, rect: Rect) {
    let bar = ui.visuals().widgets.noninteractive.bg_stroke.color;
    for depth in 0..row.quote_depth {
        #[allow(clippy::cast_precision_loss)] // nesting depth is tiny
        let x = rect.min.x - row.indent + 4.0 + depth as f32 * 16.0;
        ui.painter().line_segment(
            [egui::pos2(x, rect.min.y), egui::pos2(x, rect.max.y)],
            Stroke::new(3.0, bar),
        );
    }
    if let Some(p) = &row.picture {
        let rect = Rect::from_min_size(rect.min, Vec2::new(p.width, p.height));
        ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
            super::pictures::show(ui, p.path.as_deref(), &p.source, p.width);
        });
    } else if row.rule {
        let y = rect.center().y;
        ui.painter().hline(rect.x_range(), y, Stroke::new(1.0, bar));
    } else {
        // `put` centres a widget in its rect: give the label exactly its galley's size.
        let text_rect = Rect::from_min_size(rect.min, row.galley.size());
        ui.put(
            text_rect,
            egui::Label::new(row.galley.clone()).selectable(false),
        );
    }
}

fn header_rows(ui: &Ui, header: &Rendered, width: f32) -> Vec<Row> {
    let mut rows = Vec::new();
    let strong = ui.visuals().strong_text_color();
    let headline = if header.headline.is_empty() {
        "Untitled"
    } else {
        header.headline.as_str()
    };
    let mut job = LayoutJob::single_section(
        headline.to_owned(),
        TextFormat::simple(FontId::proportional(28.0), strong),
    );
    job.wrap.max_width = width;
    rows.push(text_row(ui, job, 0.0, 0.0, 0));
    if let Some(byline) = &header.byline {
        rows.push(text_row(
            ui,
            plain_job(ui, byline, width, true),
            0.0,
            8.0,
            0,
        ));
    }
    rows
}

/// What follows the body: the pictures it does not place (`later`), then the credit line.
fn footer_rows(
    ui: &Ui,
    header: &Rendered,
    later: &[usize],
    folder: Option<&std::path::Path>,
    width: f32,
) -> Vec<Row> {
    let mut rows: Vec<Row> = header
        .figures
        .iter()
        .filter(|f| later.contains(&f.index))
        .flat_map(|f| figure_rows(ui, f, folder, width))
        .collect();
    rows.extend(
        header
            .credit_line
            .iter()
            .map(|c| text_row(ui, plain_job(ui, c, width, true), 0.0, 16.0, 0)),
    );
    rows
}

fn plain_job(ui: &Ui, text: &str, width: f32, weak: bool) -> LayoutJob {
    let color = if weak {
        ui.visuals().weak_text_color()
    } else {
        ui.visuals().text_color()
    };
    let mut job = LayoutJob::single_section(
        text.to_owned(),
        TextFormat::simple(FontId::proportional(14.0), color),
    );
    job.wrap.max_width = width;
    job
}

fn text_row(ui: &Ui, job: LayoutJob, indent: f32, space_before: f32, quote_depth: usize) -> Row {
    Row {
        galley: ui.painter().layout_job(job),
        indent,
        space_before,
        quote_depth,
        rule: false,
        picture: None,
    }
}

/// A figure's rows: the picture at the column's width (its height from its known size,
/// else a 3:2 frame), then its caption and credit.
fn figure_rows(
    ui: &Ui,
    figure: &render::Figure,
    folder: Option<&std::path::Path>,
    width: f32,
) -> Vec<Row> {
    let height = match (figure.width, figure.height) {
        #[allow(clippy::cast_precision_loss)] // pixel sizes are far below f32's limit
        (w, h) if w > 0 && h > 0 => width.min(w as f32) * h as f32 / w as f32,
        _ => width * 2.0 / 3.0,
    };
    let source = figure.url.clone();
    let path = crate::render::pictures::local_path(&source, folder);
    let mut rows = vec![Row {
        galley: ui.painter().layout_job(LayoutJob::default()),
        indent: 0.0,
        space_before: 16.0,
        quote_depth: 0,
        rule: false,
        picture: Some(Arc::new(PictureRow {
            path,
            source,
            width: width.min(if figure.width > 0 {
                #[allow(clippy::cast_precision_loss)]
                {
                    figure.width as f32
                }
            } else {
                width
            }),
            height,
        })),
    }];
    for (text, space) in [(&figure.caption, 4.0), (&figure.credit, 0.0)] {
        if !text.is_empty() {
            rows.push(text_row(
                ui,
                plain_job(ui, text, width, true),
                0.0,
                space,
                0,
            ));
        }
    }
    rows
}

/// Where a block sits: how far in, inside how many quotes, after which list marker.
#[derive(Clone, Copy, Default)]
struct Nesting<'m> {
    indent: f32,
    quote_depth: usize,
    marker: Option<&'m str>,
}

/// Lays out a chunk's blocks into rows for one width.
struct BlockLayout<'a, 'l> {
    ui: &'a Ui,
    width: f32,
    /// The dateline lead-in, taken by the first paragraph.
    lead_in: Option<&'l str>,
    /// The article's pictures ([`Rendered::figures`]), for the body's [`Block::Picture`]s.
    pictures: &'l Rendered,
    folder: Option<&'l std::path::Path>,
    rows: Vec<Row>,
}

impl BlockLayout<'_, '_> {
    fn push(&mut self, job: LayoutJob, at: Nesting<'_>, space_before: f32) {
        self.rows.push(text_row(
            self.ui,
            job,
            at.indent,
            space_before,
            at.quote_depth,
        ));
    }

    /// Lays out one block, recursively for quotes and lists.
    #[allow(clippy::too_many_lines)] // one arm per kind of block
    fn block(&mut self, block: &Block, at: Nesting<'_>) {
        const BODY_SIZE: f32 = 16.0;
        const SPACE: f32 = 12.0;
        let ui = self.ui;
        let max_width = self.width - at.indent;
        match block {
            Block::Paragraph(spans) => {
                let mut job = LayoutJob::default();
                if let Some(lead) = self.lead_in.take() {
                    let format = TextFormat::simple(
                        FontId::proportional(BODY_SIZE),
                        ui.visuals().strong_text_color(),
                    );
                    job.append(&format!("{lead} "), 0.0, format);
                }
                if let Some(m) = at.marker {
                    job.append(m, 0.0, span_format(ui, &Span::default(), BODY_SIZE));
                }
                append_spans(ui, &mut job, spans, BODY_SIZE);
                job.wrap.max_width = max_width;
                self.push(job, at, SPACE);
            }
            Block::Picture { source, alt } => {
                if let Some(figure) = self.pictures.figure_for(source) {
                    let rows = figure_rows(ui, figure, self.folder, max_width);
                    self.rows.extend(rows);
                } else {
                    // Not one of the article's pictures: its alt text, as HTML does.
                    self.block(&Block::Paragraph(alt.clone()), at);
                }
            }
            Block::Heading { level, spans } => {
                let size = match level {
                    1 => 24.0,
                    2 => 21.0,
                    3 => 19.0,
                    _ => 17.0,
                };
                let mut job = LayoutJob::default();
                for s in spans {
                    let mut f = span_format(ui, s, size);
                    f.color = ui.visuals().strong_text_color();
                    job.append(&s.text, 0.0, f);
                }
                job.wrap.max_width = max_width;
                self.push(job, at, SPACE + 6.0);
            }
            Block::Quote(blocks) => {
                let inner = Nesting {
                    indent: at.indent + 16.0,
                    quote_depth: at.quote_depth + 1,
                    marker: None,
                };
                for b in blocks {
                    self.block(b, inner);
                }
            }
            Block::List { start, items } => {
                for (n, item) in items.iter().enumerate() {
                    let mark = match start {
                        Some(s) => format!("{}. ", s + n as u64),
                        None => "• ".to_owned(),
                    };
                    let first_row = self.rows.len();
                    for (i, b) in item.iter().enumerate() {
                        let inner = Nesting {
                            indent: at.indent + 18.0,
                            quote_depth: at.quote_depth,
                            marker: (i == 0).then_some(mark.as_str()),
                        };
                        self.block(b, inner);
                    }
                    // Items of one list sit closer together than paragraphs.
                    if n > 0
                        && let Some(row) = self.rows.get_mut(first_row)
                    {
                        row.space_before = 4.0;
                    }
                }
            }
            Block::Code(code) => {
                let mut job = LayoutJob::single_section(
                    code.trim_end().to_owned(),
                    TextFormat {
                        font_id: FontId::monospace(13.0),
                        color: ui.visuals().text_color(),
                        background: ui.visuals().code_bg_color,
                        ..TextFormat::default()
                    },
                );
                job.wrap.max_width = max_width;
                self.push(job, at, SPACE);
            }
            Block::Table { head, rows } => {
                // One line a row, cells apart; the head row set strong.
                for (i, row) in rows.iter().enumerate() {
                    let mut job = LayoutJob::default();
                    for (c, cell) in row.iter().enumerate() {
                        if c > 0 {
                            let sep = TextFormat::simple(
                                FontId::proportional(BODY_SIZE),
                                ui.visuals().weak_text_color(),
                            );
                            job.append("   │   ", 0.0, sep);
                        }
                        for s in cell {
                            let mut f = span_format(ui, s, BODY_SIZE);
                            if i < *head {
                                f.color = ui.visuals().strong_text_color();
                            }
                            job.append(&s.text, 0.0, f);
                        }
                    }
                    job.wrap.max_width = max_width;
                    self.push(job, at, if i == 0 { SPACE } else { 2.0 });
                }
            }
            Block::Rule => self.rows.push(Row {
                galley: ui.painter().layout_job(LayoutJob::default()),
                indent: at.indent,
                space_before: SPACE,
                quote_depth: at.quote_depth,
                rule: true,
                picture: None,
            }),
        }
    }
}

fn append_spans(ui: &Ui, job: &mut LayoutJob, spans: &[Span], size: f32) {
    for s in spans {
        job.append(&s.text, 0.0, span_format(ui, s, size));
    }
}

fn span_format(ui: &Ui, span: &Span, size: f32) -> TextFormat {
    let v = ui.visuals();
    let mut f = TextFormat::simple(FontId::proportional(size), v.text_color());
    if span.style.strong {
        f.color = v.strong_text_color();
    }
    match super::fonts::family(ui.ctx(), span.style.strong, span.style.emphasis) {
        Some(family) => f.font_id.family = family,
        // Without the faces (a bare context): egui's slanted glyphs.
        None => f.italics = span.style.emphasis,
    }
    if span.style.code {
        f.font_id = FontId::monospace(size - 2.0);
        f.background = v.code_bg_color;
    }
    if span.style.strike {
        f.strikethrough = Stroke::new(1.0, f.color);
    }
    if span.link.is_some() {
        f.color = v.hyperlink_color;
        f.underline = Stroke::new(1.0, v.hyperlink_color);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str) -> Article {
        Article {
            headline: "H".into(),
            body: body.into(),
            ..Article::default()
        }
    }

    #[test]
    fn a_keystroke_reparses_only_the_changed_chunk() {
        let paras: Vec<String> = (0..50).map(|i| format!("Paragraph {i} *text*.")).collect();
        let mut a = article(&paras.join("\n\n"));
        let mut p = Preview::default();
        p.update(&a);
        assert_eq!(p.last_reparsed, 50);
        assert_eq!(p.counts().words, 150);
        a.body = a.body.replacen("Paragraph 20 ", "Paragraph 20 more ", 1);
        p.update(&a);
        assert_eq!(p.last_reparsed, 1);
        assert_eq!(p.counts().words, 151);
        p.update(&a);
        assert_eq!(p.last_reparsed, 0);
        // The cached blocks equal a fresh render of the whole body.
        let fresh = render::render(&a).blocks;
        let cached: Vec<Block> = p.chunks.iter().flat_map(|c| c.blocks.clone()).collect();
        assert_eq!(cached, fresh);
    }

    #[test]
    fn inserting_and_deleting_paragraphs_keeps_the_rest() {
        let mut a = article("one\n\ntwo\n\nthree");
        let mut p = Preview::default();
        p.update(&a);
        a.body = "one\n\ntwo\n\nnew\n\nthree".into();
        p.update(&a);
        assert_eq!(p.last_reparsed, 1);
        a.body = "one\n\nthree".into();
        p.update(&a);
        assert_eq!(p.last_reparsed, 0);
        assert_eq!(p.counts().words, 2);
    }
}
