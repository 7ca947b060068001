//! Raw wire or scraped copy → a structured [`Article`], with a [`Report`] of every change.
//!
//! String in, [`Imported`] out: [`wire`] for text, [`bytes`] for a file's bytes (UTF-8, else
//! Windows-1252). Importing never fails and never panics; odd text gives a thinner article
//! and a longer report. Nothing is lost silently: each removed line or glued snippet is in
//! the report with the rule that removed it and where it was, so [`restore`] can put it back;
//! each detected field names the text it came from; each repair is listed.
//!
//! The steps, in order: decode and normalise line ends and trailing spaces; re-join
//! hard-wrapped wire lines; take the headline; find the dateline (place, outlet); walk the
//! lines removing boilerplate ([`boilerplate`]) and splitting glued sentences ([`repair`]);
//! then read the date, credit, byline and language from what is left.

pub mod boilerplate;
pub mod credit;
pub mod date;
pub mod dateline;
mod on_demand;
pub mod repair;

use std::borrow::Cow;
use std::fmt;

pub use crate::article::Field;
use crate::article::{Article, Dateline};
use crate::language;

/// Drops the importer's own compiled patterns (about 2.5 MB); the next import compiles
/// them again, in a few milliseconds. For a long-running caller that imports now and then,
/// like the window; the boilerplate line rules stay, as the checks use them.
pub fn release_patterns() {
    boilerplate::release();
    credit::release();
    date::release();
    dateline::release();
}

/// The result of importing copy: the article and what was done to get it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub article: Article,
    pub report: Report,
}

/// Every change the importer made, in the order it made them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub entries: Vec<Entry>,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Text taken out of the body.
    Removed(Removal),
    /// A field filled from the copy.
    Field {
        field: Field,
        value: String,
        /// The copy's text it was read from.
        source: String,
    },
    /// A repair to the text's shape or encoding.
    Repair { repair: Repair, detail: String },
    /// Something the editor should know, such as a guessed encoding.
    Warning(String),
}

/// A line or glued snippet taken out of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// Exactly the text removed (trimmed).
    pub text: String,
    /// The id of the rule that removed it ([`boilerplate::RULES`], or a structural rule such
    /// as `byline` or `caption-before-dateline`).
    pub rule: &'static str,
    /// Byte offset in the resulting body where it was: the start of the paragraph it stood
    /// before, or the body's length when it came last.
    pub at: usize,
    /// Whether it was glued inside a line of article text rather than a line of its own.
    pub glued: bool,
}

/// A kind of repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    /// Bytes that were not UTF-8, decoded as Windows-1252.
    Encoding,
    /// A file whose bytes are not in the encoding it declares (XML declaring ISO-8859-1
    /// but written in UTF-8), read in the one they are in.
    Mislabelled,
    /// A byte-order mark removed.
    Bom,
    /// CRLF or CR line ends made LF.
    LineEndings,
    /// Spaces at line ends removed.
    TrailingSpaces,
    /// Hard-wrapped lines joined into paragraphs.
    HardWrap,
    /// A sentence glued to the next split at a lost paragraph break.
    GluedSentence,
    /// Character references escaped twice (`&amp;#39;`), read as the characters they mean.
    DoubleEscaped,
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Encoding => "decoded as Windows-1252",
            Self::Mislabelled => "read in the encoding the bytes are in",
            Self::Bom => "removed byte-order mark",
            Self::LineEndings => "line ends made LF",
            Self::TrailingSpaces => "removed trailing spaces",
            Self::HardWrap => "re-joined hard-wrapped lines",
            Self::GluedSentence => "split glued sentence",
            Self::DoubleEscaped => "unescaped text escaped twice",
        })
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Removed(r) => write!(
                f,
                "removed {} {:?} (rule {}, body byte {})",
                if r.glued { "glued text" } else { "line" },
                r.text,
                r.rule,
                r.at
            ),
            Self::Field {
                field,
                value,
                source,
            } => write!(f, "{field}: {value:?} from {source:?}"),
            Self::Repair { repair, detail } => write!(f, "repair: {repair}: {detail}"),
            Self::Warning(w) => write!(f, "warning: {w}"),
        }
    }
}

impl Report {
    /// The removals, in order.
    pub fn removals(&self) -> impl Iterator<Item = &Removal> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Removed(r) => Some(r),
            _ => None,
        })
    }

    /// The entry that filled `field`, if any.
    pub fn field(&self, field: Field) -> Option<(&str, &str)> {
        self.entries.iter().find_map(|e| match e {
            Entry::Field {
                field: f,
                value,
                source,
            } if *f == field => Some((value.as_str(), source.as_str())),
            _ => None,
        })
    }

    /// Puts the removal at `index` (into [`Report::entries`]) back into `body`, drops it from
    /// the report and shifts the positions of the removals after it. Returns the new body,
    /// or `None` when the entry is not a removal.
    pub fn restore(&mut self, body: &str, index: usize) -> Option<String> {
        let Some(Entry::Removed(removal)) = self.entries.get(index) else {
            return None;
        };
        let removal = removal.clone();
        let new_body = restore(body, &removal);
        let grown = new_body.len().saturating_sub(body.len());
        let at = removal.at.min(body.len());
        self.entries.remove(index);
        for (i, e) in self.entries.iter_mut().enumerate() {
            if let Entry::Removed(r) = e
                && (r.at > at || (r.at == at && i >= index))
            {
                r.at += grown;
            }
        }
        Some(new_body)
    }
}

/// `body` with a removed line or snippet put back as its own paragraph where it was.
pub fn restore(body: &str, removal: &Removal) -> String {
    let mut at = removal.at.min(body.len());
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    let text = removal.text.trim();
    let mut out = String::with_capacity(body.len() + text.len() + 2);
    if at >= body.len() {
        // Appended as the last paragraph; the body only ever grows, so positions after it
        // shift by the inserted length.
        out.push_str(body);
        if !body.is_empty() && !body.ends_with("\n\n") {
            out.push_str(if body.ends_with('\n') { "\n" } else { "\n\n" });
        }
        out.push_str(text);
    } else {
        out.push_str(&body[..at]);
        out.push_str(text);
        out.push_str("\n\n");
        out.push_str(&body[at..]);
    }
    out
}

/// Imports a file's bytes: UTF-8, else Windows-1252 with a warning; a byte-order mark is
/// dropped.
pub fn bytes(data: &[u8]) -> Imported {
    let mut pre = Vec::new();
    let data = match data.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            pre.push(Entry::Repair {
                repair: Repair::Bom,
                detail: "UTF-8 byte-order mark".to_owned(),
            });
            rest
        }
        None => data,
    };
    let text = if let Ok(text) = std::str::from_utf8(data) {
        std::borrow::Cow::Borrowed(text)
    } else {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(data);
        pre.push(Entry::Repair {
            repair: Repair::Encoding,
            detail: "the file is not UTF-8".to_owned(),
        });
        pre.push(Entry::Warning(
            "the file is not UTF-8; it was read as Windows-1252, check accented letters and quotes"
                .to_owned(),
        ));
        text
    };
    let mut imported = wire(&text);
    pre.append(&mut imported.report.entries);
    imported.report.entries = pre;
    imported
}

/// Imports raw copy.
pub fn wire(text: &str) -> Imported {
    Importer::default().run(text)
}

/// A block of an already structured article's body (an agency item's converted markup),
/// for [`structured`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Markdown text; a prose block may hold line breaks (hard wraps, `br`).
    pub text: String,
    /// Kept exactly as it is (a list, table, quote, heading or code block): the line rules
    /// would break it apart. Prose blocks go through them.
    pub verbatim: bool,
}

impl Block {
    pub fn prose(text: String) -> Self {
        Self {
            text,
            verbatim: false,
        }
    }

    pub fn verbatim(text: String) -> Self {
        Self {
            text,
            verbatim: true,
        }
    }
}

/// A field a structured source gave, with where in the source it was, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub field: Field,
    /// The source's element, as "contentMeta/headline".
    pub source: String,
}

/// Stands for a verbatim block while the line rules run: a private-use character no copy
/// contains, so no rule matches it or splits it.
const PLACEHOLDER: char = '\u{E000}';

/// Imports an article whose fields a structured source (an agency feed) already gave: the
/// raw-copy rules run over the body blocks only, so a dateline, byline or credit inside the
/// text, boilerplate and hard wraps are found there as in raw copy, but a field the source
/// gave is never replaced by what the text suggests (a disagreement is a warning in the
/// report). The report lists the given fields first, then every change the rules made.
pub fn structured(given: Article, sources: &[Given], blocks: &[Block]) -> Imported {
    let mut text = String::with_capacity(blocks.iter().map(|b| b.text.len() + 8).sum());
    let mut verbatim = Vec::new();
    for b in blocks {
        if b.verbatim {
            text.push(PLACEHOLDER);
            text.push_str(&verbatim.len().to_string());
            verbatim.push(b.text.as_str());
        } else {
            text.push_str(&b.text);
        }
        text.push_str("\n\n");
    }
    let mut imported = Importer {
        structured: true,
        // The item's own tag always wins over the function-word count (below), so the count
        // would be thrown away: on an AP item it was a fifth of the whole read.
        language_given: !given.language.trim().is_empty(),
        ..Importer::default()
    }
    .run(&text);
    restore_verbatim(&mut imported, &verbatim);

    let found = imported.article;
    let mut article = given;
    let mut entries: Vec<Entry> = sources
        .iter()
        .filter_map(|g| {
            let value = article.text(g.field);
            (!value.is_empty()).then(|| Entry::Field {
                field: g.field,
                value: value.into_owned(),
                source: g.source.clone(),
            })
        })
        .collect();
    for entry in imported.report.entries {
        let Entry::Field {
            field,
            value,
            source,
        } = entry
        else {
            entries.push(entry);
            continue;
        };
        let kept = article.text(field);
        if kept.is_empty() {
            entries.push(Entry::Field {
                field,
                value,
                source,
            });
        } else if field == Field::Language || kept.eq_ignore_ascii_case(&value) {
            // The importer knows Indonesian and English only; the item's tag is better.
            if field != Field::Language {
                entries.push(Entry::Field {
                    field,
                    value,
                    source,
                });
            }
        } else {
            entries.push(Entry::Warning(format!(
                "the text gives the {} {value:?} (from {source:?}); the item's {kept:?} was kept",
                field.label()
            )));
        }
    }
    fill(&mut article.headline, found.headline);
    fill(&mut article.dateline.place, found.dateline.place);
    fill(&mut article.dateline.outlet, found.dateline.outlet);
    if article.dateline.date.is_none() {
        article.dateline.date = found.dateline.date;
    }
    fill(&mut article.byline, found.byline);
    fill(&mut article.credit, found.credit);
    fill(&mut article.language, found.language);
    article.body = found.body;
    article.state = crate::article::StoryState::Wire;
    Imported {
        article,
        report: Report { entries },
    }
}

fn fill(field: &mut String, found: String) {
    if field.trim().is_empty() {
        *field = found;
    }
}

/// Puts the verbatim blocks back where their placeholders are, moving the removals after
/// each by the length it added.
fn restore_verbatim(imported: &mut Imported, verbatim: &[&str]) {
    if verbatim.is_empty() {
        return;
    }
    let body = std::mem::take(&mut imported.article.body);
    let mut out = String::with_capacity(body.len());
    let mut shifts: Vec<(usize, isize)> = Vec::new();
    let mut rest = body.as_str();
    while let Some(at) = rest.find(PLACEHOLDER) {
        out.push_str(&rest[..at]);
        let after = &rest[at + PLACEHOLDER.len_utf8()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let index: Option<usize> = after[..digits].parse().ok();
        match index.and_then(|i| verbatim.get(i)) {
            Some(block) => {
                let placeholder_len = PLACEHOLDER.len_utf8() + digits;
                let original_at = body.len() - rest.len() + at;
                #[allow(clippy::cast_possible_wrap)] // both lengths are far below isize::MAX
                shifts.push((original_at, block.len() as isize - placeholder_len as isize));
                out.push_str(block);
            }
            None => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    for e in &mut imported.report.entries {
        if let Entry::Removed(r) = e {
            let shift: isize = shifts
                .iter()
                .filter(|(p, _)| *p < r.at)
                .map(|(_, d)| d)
                .sum();
            r.at = r.at.saturating_add_signed(shift);
        }
    }
    imported.article.body = out;
}

/// The importer's working state.
#[derive(Default)]
struct Importer {
    report: Report,
    article: Article,
    paragraphs: Paragraphs,
    /// Removals with the paragraph index they stood before, resolved to byte offsets last.
    removals: Vec<(usize, Removal)>,
    /// How many paragraphs the lead has: those before the first boilerplate after text.
    lead_end: Option<usize>,
    /// The text is an already structured article's body: it has no headline line.
    structured: bool,
    /// The structured source gave the language: the text's is not looked for.
    language_given: bool,
}

impl Importer {
    fn field(&mut self, field: Field, value: &str, source: &str) {
        self.report.entries.push(Entry::Field {
            field,
            value: value.to_owned(),
            source: source.to_owned(),
        });
    }

    fn repair(&mut self, repair: Repair, detail: String) {
        self.report.entries.push(Entry::Repair { repair, detail });
    }

    fn remove(&mut self, text: &str, rule: &'static str, glued: bool) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let before = self.paragraphs.len();
        if before > 0 && self.lead_end.is_none() {
            self.lead_end = Some(before);
        }
        self.removals.push((
            before,
            Removal {
                text: text.to_owned(),
                rule,
                at: 0,
                glued,
            },
        ));
        // A placeholder keeps the report in the order the changes were made.
        self.report.entries.push(Entry::Removed(Removal {
            text: String::new(),
            rule,
            at: usize::MAX,
            glued,
        }));
    }

    fn run(mut self, text: &str) -> Imported {
        let text = self.normalise(text);
        let lines = self.trim_lines(&text);
        let lines = self.unwrap(lines);
        let joined = lines.join("\n");
        let start = if self.structured {
            0
        } else {
            self.headline(&lines)
        };
        // Which lines a glued or line-with rule may match in, by one search of the copy.
        let check = boilerplate::lines_to_check(&joined);
        let dateline = Self::dateline(&lines, &check, start);
        self.body(&lines, &check, start, dateline.as_ref());
        self.finish(&joined, dateline.as_ref());
        // Imported copy is wire copy until an editor changes it.
        self.article.state = crate::article::StoryState::Wire;
        Imported {
            article: self.article,
            report: self.report,
        }
    }

    /// BOM and line ends.
    fn normalise<'t>(&mut self, text: &'t str) -> Cow<'t, str> {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => {
                self.repair(Repair::Bom, "byte-order mark".to_owned());
                rest
            }
            None => text,
        };
        if memchr::memchr(b'\r', text.as_bytes()).is_none() {
            return Cow::Borrowed(text);
        }
        let crlf = text.matches("\r\n").count();
        let cr = text.matches('\r').count() - crlf;
        self.repair(
            Repair::LineEndings,
            format!("{crlf} CRLF and {cr} CR line ends"),
        );
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    }

    /// The lines, trailing spaces cut (borrowed from the text: copying every line was a
    /// good part of an import's memory traffic).
    fn trim_lines<'t>(&mut self, text: &'t str) -> Vec<&'t str> {
        let mut trimmed = 0;
        let lines: Vec<&str> = split_lines(text)
            .map(|l| {
                let t = l.trim_end();
                if t.len() != l.len() && !t.is_empty() {
                    trimmed += 1;
                }
                t
            })
            .collect();
        if trimmed > 0 {
            self.repair(
                Repair::TrailingSpaces,
                format!("on {trimmed} line{}", if trimmed == 1 { "" } else { "s" }),
            );
        }
        lines
    }

    fn unwrap<'t>(&mut self, lines: Vec<&'t str>) -> Vec<Cow<'t, str>> {
        // The headline (first line) never counts towards the wrap width.
        let body_lines = lines.get(1..).unwrap_or_default();
        if !repair::is_hard_wrapped(body_lines) {
            return lines.into_iter().map(Cow::Borrowed).collect();
        }
        // The lines no glued or line-with rule can match in are found by one search of
        // the whole copy (as for the body): classifying every line in full was a quarter
        // of importing a hard-wrapped ANSA item.
        let check = boilerplate::lines_to_check(&lines.join("\n"));
        let (out, joins) = repair::unwrap(&lines, |i, l| {
            boilerplate::classify_line_with(l, check.get(i).copied().unwrap_or(true)).is_some()
        });
        if joins > 0 {
            self.repair(
                Repair::HardWrap,
                format!("{joins} line break{} inside paragraphs", plural(joins)),
            );
        }
        out
    }

    /// Takes the headline, if the copy opens with one; returns the index of the next line.
    /// A headline is a short first line without closing punctuation, followed by a blank
    /// line. Boilerplate before it is removed.
    fn headline(&mut self, lines: &[Cow<'_, str>]) -> usize {
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].trim();
            if line.is_empty() {
                i += 1;
                continue;
            }
            if let Some(rule) = boilerplate::classify_line(line) {
                self.remove(line, rule, false);
                i += 1;
                continue;
            }
            break;
        }
        let Some(line) = lines.get(i).map(|l| l.trim()) else {
            return i;
        };
        let next_blank = lines.get(i + 1).is_some_and(|l| l.trim().is_empty());
        let words = line.split_whitespace().count();
        let closing = line.ends_with(['.', ',', ';', ':']) && !line.ends_with("...");
        let more = lines[i + 1..].iter().any(|l| !l.trim().is_empty());
        if next_blank
            && more
            && (2..=25).contains(&words)
            && line.chars().count() <= 200
            && !closing
            && dateline::find(line).is_none()
        {
            line.clone_into(&mut self.article.headline);
            self.field(Field::Headline, line, line);
            return i + 1;
        }
        i
    }

    /// Finds the dateline in one of the first few lines after the headline. Captions and
    /// widgets above it (sentences, as a caption is) are removed.
    fn dateline(
        lines: &[Cow<'_, str>],
        check: &[bool],
        start: usize,
    ) -> Option<(usize, dateline::Found)> {
        let candidates: Vec<usize> = (start..lines.len())
            .filter(|&i| {
                let l = lines[i].trim();
                let maybe_within = check.get(i).copied().unwrap_or(true);
                !l.is_empty()
                    && boilerplate::classify_line_with(l, maybe_within).is_none()
                    && !is_byline(l)
            })
            .take(4)
            .collect();
        for (n, &i) in candidates.iter().enumerate() {
            let Some(found) = dateline::find(&lines[i]) else {
                continue;
            };
            // Below other text only an unmistakable dateline counts: one naming an outlet
            // or written in capitals, not "Bandung - " in a later paragraph.
            let strong = !found.outlet.is_empty() || !found.source.chars().any(char::is_lowercase);
            if n > 0 && !strong {
                return None;
            }
            return Some((i, found));
        }
        None
    }

    /// Walks the lines after the headline into paragraphs, removing boilerplate.
    fn body(
        &mut self,
        lines: &[Cow<'_, str>],
        check: &[bool],
        start: usize,
        dateline: Option<&(usize, dateline::Found)>,
    ) {
        let mut related = Related::No;
        let dateline_line = dateline.map(|(i, _)| *i);
        for (i, line) in lines.iter().enumerate().skip(start) {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                // Blank lines may sit between the heading and its titles, not among them.
                if related == Related::Titles {
                    related = Related::No;
                }
                continue;
            }
            let maybe_within = check.get(i).copied().unwrap_or(true);
            let rule = boilerplate::line_rule_with(trimmed, maybe_within);
            if dateline_line.is_some_and(|d| i < d)
                && rule.is_none()
                && !is_byline(trimmed)
                && is_caption(trimmed)
            {
                // Above the dateline: captions and widgets (see `dateline`).
                self.remove(trimmed, "caption-before-dateline", false);
                continue;
            }
            if related != Related::No && rule.is_none() && boilerplate::is_related_title(trimmed) {
                self.remove(trimmed, "read-also", false);
                related = Related::Titles;
                continue;
            }
            related = Related::No;
            if let Some(rule) = rule {
                self.remove(trimmed, rule, false);
                if rule == "read-also-heading" {
                    related = Related::Heading;
                }
                continue;
            }
            if is_byline(trimmed) {
                self.remove(trimmed, "byline", false);
                continue;
            }
            let text = match dateline {
                Some((d, found)) if *d == i => &line[found.end.min(line.len())..],
                _ => trimmed,
            };
            if maybe_within {
                self.article_line(text);
            } else {
                self.article_text(text);
            }
        }
    }

    /// One line of article text: glued boilerplate cut out, glued sentences split.
    fn article_line(&mut self, text: &str) {
        let glued = boilerplate::find_glued(text);
        if let [g] = glued.as_slice()
            && g.range.start == 0
            && text[g.range.end..].trim().is_empty()
        {
            // The whole line is one stretch of boilerplate: a line of its own.
            self.remove(text, g.rule, false);
            return;
        }
        let mut cuts: Vec<(std::ops::Range<usize>, &'static str)> = Vec::new();
        for g in glued {
            let end = g.range.end;
            cuts.push((g.range, g.rule));
            if g.rule == "page-join"
                && let Some(caption) = boilerplate::page_join_caption(text, end)
            {
                cuts.push((caption, "page-join-caption"));
            }
        }
        cuts.sort_by_key(|(r, _)| r.start);
        let mut pos = 0;
        for (range, rule) in cuts {
            if range.start < pos {
                continue;
            }
            self.article_text(&text[pos..range.start]);
            self.remove(&text[range.clone()], rule, true);
            pos = range.end;
        }
        self.article_text(&text[pos..]);
    }

    fn article_text(&mut self, text: &str) {
        let (pieces, glued) = repair::split_sentences(text);
        for g in glued {
            self.repair(Repair::GluedSentence, g);
        }
        for piece in pieces {
            self.paragraphs.push(piece);
        }
    }

    /// Resolves removal positions and reads the fields from what is left.
    /// The body and the fields read from what is left once the lines are walked: each a
    /// step of its own, in the order they depend on each other.
    fn finish(&mut self, original: &str, dateline: Option<&(usize, dateline::Found)>) {
        self.place_removals();
        let outlet = self.take_dateline(dateline.map(|(_, f)| f));
        self.find_date(dateline.map(|(_, f)| f));
        self.find_credit(original, &outlet);
        self.find_byline();
        let body = std::mem::take(&mut self.paragraphs.text);
        self.find_language(&body);
        self.article.body = body;
    }

    /// Turns each removal's paragraph index into its byte offset in the joined body.
    fn place_removals(&mut self) {
        let starts = &self.paragraphs.starts;
        let body_len = self.paragraphs.text.len();
        let mut resolved = std::mem::take(&mut self.removals).into_iter();
        for e in &mut self.report.entries {
            if let Entry::Removed(slot) = e
                && slot.at == usize::MAX
                && let Some((para, mut r)) = resolved.next()
            {
                r.at = starts.get(para).copied().unwrap_or(body_len);
                *slot = r;
            }
        }
    }

    /// The dateline's place and outlet as fields; returns the outlet (the credit rules
    /// must not mistake it for the source).
    fn take_dateline(&mut self, found: Option<&dateline::Found>) -> String {
        let Some(found) = found else {
            return String::new();
        };
        if !found.place.is_empty() {
            self.field(Field::Place, &found.place, &found.source);
        }
        if !found.outlet.is_empty() {
            self.field(Field::Outlet, &found.outlet, &found.source);
        }
        self.article.dateline = Dateline {
            place: found.place.clone(),
            date: None,
            outlet: found.outlet.clone(),
        };
        found.outlet.clone()
    }

    /// The date: the dateline's own, else the lead's.
    fn find_date(&mut self, dateline: Option<&dateline::Found>) {
        let lead_paras = self.lead_end.unwrap_or(self.paragraphs.len()).min(6);
        let lead = self.paragraphs.first(lead_paras);
        // A dateline that carries a date ("LONDON, July 8 (Reuters) -") is the filing date:
        // without a year it leaves the date open rather than taking an event date from the
        // lead.
        let hit = match dateline {
            // Only a date with a year is kept, and one needs five digits: a dateline with
            // fewer ("ROME, OCT 11") is not searched (8 % of reading an ANSA item).
            Some(f) if dateline::has_month_day(&f.source) => (digits(&f.source) >= 5)
                .then(|| {
                    date::find_all(&f.source, "")
                        .into_iter()
                        .find(|h| digits(&h.source) >= 5)
                })
                .flatten(),
            _ => date::lead_date(lead),
        };
        if let Some(hit) = hit {
            self.article.dateline.date = Some(hit.date);
            self.field(Field::Date, &hit.date.to_string(), &hit.source);
        }
    }

    /// The credit, from the whole copy: footers and sign-offs were removed from the body.
    fn find_credit(&mut self, original: &str, outlet: &str) {
        if let Some(c) = credit::find(original, outlet) {
            self.article.credit.clone_from(&c.name);
            self.field(Field::Credit, &c.name, &c.source);
        }
    }

    /// The byline, from the lines removed as bylines, credits and footers.
    fn find_byline(&mut self) {
        let byline = self
            .report
            .removals()
            .find_map(|r| credit::byline(&r.text).map(|b| (b, r.text.clone())));
        if let Some((name, source)) = byline {
            self.article.byline.clone_from(&name);
            self.field(Field::Byline, &name, &source);
        }
    }

    /// The language, from the headline and the body as imported.
    fn find_language(&mut self, body: &str) {
        if self.language_given {
            return;
        }
        let detected = language::detect_in(&[&self.article.headline, "\n", body]);
        if let Some(d) = detected
            && let Some(tag) = d.lang.tag()
        {
            tag.clone_into(&mut self.article.language);
            self.field(
                Field::Language,
                tag,
                &format!(
                    "{} Indonesian and {} English function words",
                    d.id_words, d.en_words
                ),
            );
        }
    }
}

/// How many ASCII digits a text holds.
fn digits(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}

/// The body's paragraphs as the walk finds them, already joined by blank lines: one text
/// that grows, where a list of paragraphs was joined at the end (and the lead again), each
/// paragraph copied twice.
#[derive(Default)]
struct Paragraphs {
    /// The paragraphs, a blank line between each two.
    text: String,
    /// Where each paragraph starts in `text`.
    starts: Vec<usize>,
}

impl Paragraphs {
    fn push(&mut self, paragraph: &str) {
        if !self.starts.is_empty() {
            self.text.push_str("\n\n");
        }
        self.starts.push(self.text.len());
        self.text.push_str(paragraph);
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    /// The first `n` paragraphs, a blank line between each two.
    fn first(&self, n: usize) -> &str {
        match self.starts.get(n) {
            Some(&next) => self.text.get(..next.saturating_sub(2)).unwrap_or_default(),
            None => &self.text,
        }
    }
}

/// Where the walk is relative to a "Baca Juga" list of related headlines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Related {
    No,
    /// Just after the heading: blank lines may follow before the titles.
    Heading,
    /// Among the titles: a blank line ends them.
    Titles,
}

/// A caption or widget line above the dateline: a sentence of a few words. A bare heading
/// ("GRANTS/DONATIONS") is kept as content.
fn is_caption(line: &str) -> bool {
    line.split_whitespace().count() >= 4
        && (line.ends_with(['.', '!', '?', ',']) || line.ends_with(".\""))
}

/// A byline line on its own ("By Jane Doe", "Oleh: Nama"): short, no sentence, and a name.
fn is_byline(line: &str) -> bool {
    // Cheapest first: every paragraph of a story is asked.
    line.len() <= 160
        && !line.ends_with('.')
        && line.split_whitespace().nth(10).is_none()
        && credit::byline(line).is_some()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `text.split('\n')`, the line ends found by the memchr crate's vector search (the
/// standard library's went a word at a time, and every line of every import is split).
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(Some)
        .chain([None])
        .map(move |end| {
            let end = end.unwrap_or(text.len());
            let line = text.get(start..end).unwrap_or_default();
            start = end + 1;
            line
        })
}

#[cfg(test)]
mod tests;
