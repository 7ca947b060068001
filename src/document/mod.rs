//! An open article: the text being edited, its undo history, the file it came from, and
//! what was last saved.
//!
//! The window holds one [`Document`], and the document is the only way to change its
//! article: [`Document::edit`] for a change that is one undo step, [`Document::type_text`]
//! for typing (merged into a step until it pauses), [`Document::undo`] and
//! [`Document::redo`]. Every change bumps [`Document::revision`]; the window's preview,
//! checks, counts, title and autosave follow the revision, so no change can leave them stale.
//! The history ([`history`]) stores what changed, so memory grows with the edits, not with
//! the article times the edits; [`Document::snapshot`] shares one copy of the article per
//! revision with the threads that need one (autosave, checks).
//!
//! It knows where Save goes (the file's own format, or nowhere for raw `.txt` copy, which is
//! never overwritten) and whether there are unsaved changes: modified means the article
//! differs from the last saved or opened copy, so typing a letter and deleting it again
//! leaves the document unmodified.
//!
//! Identity: a new article gets an id ([`crate::article::new_id`]) when it is created or
//! imported, a file without one on its first save; the id is set on both the article and
//! the saved copy, outside the undo history (no undo takes it away). Every save hands the
//! article to the version store's [`Sink`], when the window gave the document one, with
//! the [`Original`] of an imported article, so the store keeps both.

pub mod compare;
pub mod history;
pub mod moves;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::Utc;

use crate::article::{self, Article, Field, PicturePart, StoryState};
use crate::formats::{self, FileError, Format, FormatError, Problem};
use crate::import::Report;
use crate::storage::disk::{Depth, DiskChange, DiskStamp};
use crate::storage::versions::{Original, Sink};
use history::{Change, History, State};
use moves::Moved;

/// An article open in the editor.
#[derive(Debug)]
pub struct Document {
    article: Article,
    /// What the importer changed, when the article was opened from raw copy; part of the
    /// undo history, since Put back changes it with the body.
    report: Option<Report>,
    /// What the user should know about the file opened (a `newsMessage`'s other items).
    note: Option<String>,
    history: History,
    /// Bumped on every change to the article or report, and on save.
    revision: u64,
    /// The article shared with other threads, made once per revision when asked for.
    snapshot: Option<(u64, Arc<Article>)>,
    path: Option<PathBuf>,
    format: Option<Format>,
    saved: Article,
    /// The file as last opened or saved, to notice another program changing it.
    stamp: Option<DiskStamp>,
    /// What an article imported in this session came from; the store keeps it on save.
    original: Option<Arc<Original>>,
    /// Where each save is kept as a version; `None` keeps none (tests, the command line).
    versions: Option<Sink>,
    /// The text moves of each revision since `moves_base`, oldest first (a revision that
    /// moved nothing has a `None` entry), so findings of an older revision can be placed.
    moves: Vec<(u64, Option<Moved>)>,
    moves_base: u64,
}

/// How many moves the document remembers: far more than are typed between two check runs.
const MAX_MOVES: usize = 10_000;

/// A revision number no document has had yet in this process.
fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// How a step's changes move text, applied `forward` (redo, a new edit) or backward (undo).
fn moves_of(changes: &[Change], forward: bool) -> Vec<Moved> {
    let one = |c: &Change| match c {
        Change::Text(s) => {
            let (old, new) = if forward {
                (&s.removed, &s.inserted)
            } else {
                (&s.inserted, &s.removed)
            };
            Some(Moved {
                field: s.field,
                range: s.at..s.at + old.len(),
                len: new.len(),
            })
        }
        // The date is the only text-like part of the rest.
        Change::Rest { .. } => Some(Moved::whole(Field::Date)),
        Change::Report { .. } => None,
    };
    if forward {
        changes.iter().filter_map(one).collect()
    } else {
        changes.iter().rev().filter_map(one).collect()
    }
}

impl Default for Document {
    fn default() -> Self {
        let revision = next_revision();
        Self {
            article: Article::default(),
            report: None,
            note: None,
            history: History::default(),
            revision,
            moves: Vec::new(),
            moves_base: revision,
            snapshot: None,
            path: None,
            format: None,
            saved: Article::default(),
            stamp: None,
            original: None,
            versions: None,
        }
    }
}

impl Document {
    /// A new, untitled, empty article, with an id of its own.
    pub fn new() -> Self {
        let mut doc = Self::default();
        doc.set_id(article::new_id());
        doc
    }

    /// Gives the article its identity, outside the undo history.
    fn set_id(&mut self, id: String) {
        self.saved.id.clone_from(&id);
        self.article.id = id;
        self.changed();
    }

    /// An article read from `path` in `format`, unmodified.
    pub fn from_file(article: Article, path: PathBuf, format: Format) -> Self {
        let stamp = DiskStamp::read(&path).ok();
        Self {
            saved: article.clone(),
            article,
            path: Some(path),
            format: Some(format),
            stamp,
            ..Self::default()
        }
    }

    /// Edits recovered after a crash: the article as journaled, for the file it belonged to
    /// (if any), and unsaved. The file on disk, if it exists, is what was last saved, and the
    /// recovered edits are one undo step on top of it.
    pub fn recovered(article: Article, path: Option<PathBuf>, format: Option<Format>) -> Self {
        let on_disk = match (&path, format) {
            (Some(p), Some(f)) if f.is_writable() && !f.keeps_original() => {
                formats::read(p, f).ok()
            }
            _ => None,
        }
        .unwrap_or_default();
        let mut doc = Self {
            stamp: path.as_deref().and_then(|p| DiskStamp::read(p).ok()),
            saved: on_disk.clone(),
            article: on_disk,
            path,
            format,
            ..Self::default()
        };
        // The journal knows the id of an article never saved with one (untitled, imported).
        let id = if doc.article.id.is_empty() {
            article.id.clone()
        } else {
            doc.article.id.clone()
        };
        doc.edit(|a| *a = article);
        if !id.is_empty() {
            doc.set_id(id);
        }
        doc
    }

    /// Opens an article file, choosing the format by its extension. Raw copy goes through
    /// the importer, whose report the document keeps.
    pub fn open(path: &Path) -> Result<Self, FileError> {
        let format = formats::resolve(path, None)?;
        let opened = formats::open(path, format)?;
        let mut doc = Self::from_file(opened.article, path.to_owned(), format);
        doc.report = opened.report;
        doc.note = opened.note;
        if let Some(source) = opened.source {
            // Imported: a new article, whose original is the copy as read.
            doc.set_id(article::new_id());
            doc.original = Some(Arc::new(Original {
                source,
                source_name: doc.display_name(),
                format,
                time: Utc::now(),
                article: doc.article.clone(),
            }));
        }
        Ok(doc)
    }

    /// What the user should know about the file as opened, beyond the article.
    pub fn open_note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// What this article was imported from in this session, if it was.
    pub fn original(&self) -> Option<&Arc<Original>> {
        self.original.as_ref()
    }

    /// The article as last opened or saved (what "unsaved changes" are measured against).
    pub fn saved_article(&self) -> &Article {
        &self.saved
    }

    /// Keeps a version of the article in `sink` at every save from now on.
    pub fn keep_versions(&mut self, sink: Option<Sink>) {
        self.versions = sink;
    }

    /// The article as currently edited.
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// What the importer changed, when the article was opened from raw copy.
    pub fn import_report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// Changes with every change to the article, its report, and its saved state. Unique
    /// across documents, so what was computed for one document's revision (findings,
    /// caches) can never pass for another's.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn changed(&mut self) {
        self.changed_by(std::iter::empty());
    }

    /// A new revision, whose text moved by `moves`.
    fn changed_by(&mut self, moves: impl IntoIterator<Item = Moved>) {
        self.revision = next_revision();
        if self.moves.len() >= MAX_MOVES {
            self.moves.clear();
            self.moves_base = self.revision;
            return;
        }
        let before = self.moves.len();
        let revision = self.revision;
        self.moves
            .extend(moves.into_iter().map(|m| (revision, Some(m))));
        if self.moves.len() == before {
            self.moves.push((revision, None));
        }
    }

    /// How the text moved from `revision` to now, in order; `None` when `revision` is not
    /// one this document remembers (another document's, or too long ago).
    pub fn moves_since(&self, revision: u64) -> Option<Vec<Moved>> {
        let from = if revision == self.moves_base {
            0
        } else {
            // Revisions only grow: the entries after the last one of `revision`.
            let last = self.moves.iter().rposition(|(r, _)| *r == revision)?;
            last + 1
        };
        Some(
            self.moves[from..]
                .iter()
                .filter_map(|(_, m)| m.clone())
                .collect(),
        )
    }

    /// The article as of this revision, shared: the first call after a change copies it
    /// once, later calls share that copy.
    pub fn snapshot(&mut self) -> Arc<Article> {
        match &self.snapshot {
            Some((r, a)) if *r == self.revision => Arc::clone(a),
            _ => {
                let a = Arc::new(self.article.clone());
                self.snapshot = Some((self.revision, Arc::clone(&a)));
                a
            }
        }
    }

    /// Changes the article as one undo step; returns whether anything changed.
    pub fn edit(&mut self, change: impl FnOnce(&mut Article)) -> bool {
        self.try_edit(|a| {
            change(a);
            Ok::<(), std::convert::Infallible>(())
        })
        .unwrap_or(false)
    }

    /// [`Self::edit`] with a change that may refuse; on an error nothing changes.
    pub fn try_edit<E>(
        &mut self,
        change: impl FnOnce(&mut Article) -> Result<(), E>,
    ) -> Result<bool, E> {
        let mut after = self.article.clone();
        change(&mut after)?;
        after.mark_edited(&self.article);
        // The id is identity, not content: no edit changes it (restoring another version
        // keeps this article's id).
        after.id.clone_from(&self.article.id);
        let changes = history::changes(&self.article, &after, &self.report, &self.report);
        if changes.is_empty() {
            return Ok(false);
        }
        let moves = moves_of(&changes, true);
        self.history.record(changes);
        self.article = after;
        self.changed_by(moves);
        Ok(true)
    }

    /// Puts the removed line at `index` of the import report back into the body; the body
    /// and the report change as one undo step. False when there is no such removal.
    pub fn put_back(&mut self, index: usize) -> bool {
        let Some(mut report) = self.report.clone() else {
            return false;
        };
        let Some(body) = report.restore(&self.article.body, index) else {
            return false;
        };
        let mut after = self.article.clone();
        after.body = body;
        after.mark_edited(&self.article);
        let report = Some(report);
        let changes = history::changes(&self.article, &after, &self.report, &report);
        let moves = moves_of(&changes, true);
        self.history.record(changes);
        self.article = after;
        self.report = report;
        self.changed_by(moves);
        true
    }

    /// Typing: replaces the byte `range` of a text field with `text` at time `now`
    /// (seconds), merged into the undo step being typed until typing pauses or moves to
    /// another field. A range that does not fit the field changes nothing.
    pub fn type_text(&mut self, field: Field, range: Range<usize>, text: &str, now: f64) {
        let Some(current) = self.article.text_str(field) else {
            return;
        };
        let fits = range.start <= range.end
            && current.is_char_boundary(range.start)
            && current.is_char_boundary(range.end);
        if !fits || (range.is_empty() && text.is_empty()) {
            return;
        }
        let first_edit = self.article.state == StoryState::Wire && current[range.clone()] != *text;
        self.history.typed(field, current, range.clone(), text, now);
        if let Some(t) = self.article.text_mut(field) {
            t.replace_range(range.clone(), text);
        }
        if first_edit {
            // Wire copy becomes a draft in the keystroke's own undo step.
            let before = self.article.rest();
            self.article.state = StoryState::Draft;
            self.history.amend(history::Change::Rest {
                before: Box::new(before),
                after: Box::new(self.article.rest()),
            });
        }
        self.changed_by([Moved {
            field,
            range,
            len: text.len(),
        }]);
    }

    /// Typing into a text of picture `index` (its caption, credit or alt text): replaces
    /// the byte `range` with `text` at time `now`, merged into one undo step like
    /// [`Self::type_text`]. No such picture, or a range that does not fit, changes nothing.
    pub fn type_picture(
        &mut self,
        index: usize,
        part: PicturePart,
        range: Range<usize>,
        text: &str,
        now: f64,
    ) {
        let Some(current) = self.article.pictures.get(index).map(|p| p.part(part)) else {
            return;
        };
        let fits = range.start <= range.end
            && current.is_char_boundary(range.start)
            && current.is_char_boundary(range.end);
        if !fits || (range.is_empty() && text.is_empty()) {
            return;
        }
        let before = self.article.rest();
        self.article.pictures[index]
            .part_mut(part)
            .replace_range(range, text);
        let after = self.article.rest();
        self.history
            .typed_rest(history::Typing::Picture(index, part), before, after, now);
        self.changed();
    }

    /// Ends the step being typed (the caret moved to another field).
    pub fn end_typing(&mut self) {
        self.history.close();
    }

    /// Ends the step being typed if typing paused by `now`; while it has not, the seconds
    /// until it will have.
    pub fn settle(&mut self, now: f64) -> Option<f64> {
        self.history.settle(now)
    }

    /// Whether typing is still merging into an undo step (the checks wait for the pause).
    pub fn is_typing(&self) -> bool {
        self.history.is_typing()
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Steps back; returns whether the article changed.
    pub fn undo(&mut self) -> bool {
        self.step(false)
    }

    /// Steps forward again; returns whether the article changed.
    pub fn redo(&mut self) -> bool {
        self.step(true)
    }

    /// One step of the history, back or forward, with the text moves it makes reported so
    /// marks follow undo and redo as they follow typing.
    fn step(&mut self, forward: bool) -> bool {
        let next = if forward {
            self.history.next_redo()
        } else {
            self.history.next_undo()
        };
        let moves = next.map(|c| moves_of(c, forward)).unwrap_or_default();
        let mut state = State {
            article: &mut self.article,
            report: &mut self.report,
        };
        let stepped = if forward {
            self.history.redo(&mut state)
        } else {
            self.history.undo(&mut state)
        };
        if stepped {
            self.changed_by(moves);
        }
        stepped
    }

    /// Bytes the undo history keeps (tests and the memory benchmark).
    pub fn history_size(&self) -> usize {
        self.history.size()
    }

    /// Whether another program changed or removed the file since it was opened or saved.
    /// `None` when there is no file or it cannot be checked.
    pub fn disk_change(&self, depth: Depth) -> Option<DiskChange> {
        let (path, stamp) = (self.path.as_deref()?, self.stamp.as_ref()?);
        stamp.check(path, depth).ok()
    }

    /// Accepts the file as it now is on disk as the known state (after the user chose to
    /// overwrite it anyway, or to keep editing).
    pub fn restamp(&mut self) {
        self.stamp = self.path.as_deref().and_then(|p| DiskStamp::read(p).ok());
    }

    /// The file this article was opened from or last saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The format of [`Self::path`].
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// True when the article differs from the copy last opened or saved.
    pub fn is_modified(&self) -> bool {
        self.article != self.saved
    }

    /// The file name shown in the title bar: the file's name, or "Untitled".
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The window title: file name, an unsaved marker, and the program.
    pub fn title(&self) -> String {
        let marker = if self.is_modified() { "● " } else { "" };
        format!("{marker}{} — Newsdesk", self.display_name())
    }

    /// Where Save writes without asking: the file's own path, when its format can be
    /// written. `None` means Save must ask for a name (untitled, or raw copy).
    pub fn save_target(&self) -> Option<(&Path, Format)> {
        match (&self.path, self.format) {
            (Some(p), Some(f)) if f.is_writable() && !f.keeps_original() => Some((p, f)),
            _ => None,
        }
    }

    /// A file name to suggest when Save must ask: the current name as `.ron`.
    pub fn suggested_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_stem).map_or_else(
            || "article".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        ) + ".ron"
    }

    /// Saves to the file's own path; fails when Save must ask for a name.
    pub fn save(&mut self) -> Result<(), FileError> {
        let Some((path, format)) = self.save_target() else {
            let path = self.path.clone().unwrap_or_default();
            return Err(FileError::new(
                &path,
                FormatError::Unsupported {
                    format: self.format.unwrap_or(Format::Txt),
                    direction: "output",
                },
            ));
        };
        let path = path.to_owned();
        self.write(&path, format)?;
        self.saved_as(path, format);
        Ok(())
    }

    /// Saves to a new path in the format its extension names (RON or Markdown), and makes
    /// that the document's file. Exports (HTML, ninjs) are not documents to go on editing.
    pub fn save_as(&mut self, path: &Path) -> Result<(), FileError> {
        let format = formats::resolve(path, None)?;
        if !matches!(format, Format::Ron | Format::Md) {
            return Err(FileError::new(path, Problem::UnknownFormat));
        }
        self.write(path, format)?;
        self.saved_as(path.to_owned(), format);
        Ok(())
    }

    /// Writes the article, giving it an id first if it has none (a file from before ids):
    /// kept only if the write succeeds.
    fn write(&mut self, path: &Path, format: Format) -> Result<(), FileError> {
        let assigned = self.article.id.is_empty();
        if assigned {
            self.article.id = article::new_id();
        }
        let written = formats::write(path, &self.article, format);
        if written.is_err() && assigned {
            self.article.id.clear();
        }
        written
    }

    fn saved_as(&mut self, path: PathBuf, format: Format) {
        self.stamp = DiskStamp::read(&path).ok();
        self.path = Some(path);
        self.format = Some(format);
        self.saved.clone_from(&self.article);
        self.history.close();
        self.changed();
        if let Some(sink) = self.versions.clone() {
            let article = self.snapshot();
            sink.saved(article, Utc::now(), self.original.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wire copy opened from raw text, as the importer makes it.
    fn wire_copy() -> (tempfile::TempDir, Document) {
        let (dir, doc) = imported();
        assert_eq!(doc.article().state, StoryState::Wire);
        (dir, doc)
    }

    #[test]
    fn the_first_keystroke_makes_wire_copy_a_draft_in_its_own_undo_step() {
        let (_dir, mut doc) = wire_copy();
        let headline = doc.article().headline.clone();
        doc.type_text(Field::Headline, 0..0, "A", 0.0);
        assert_eq!(doc.article().state, StoryState::Draft);
        doc.type_text(Field::Headline, 1..1, "B", 0.1);
        assert!(
            doc.is_typing(),
            "the state change does not break the typing step"
        );
        assert!(doc.undo());
        assert_eq!(doc.article().headline, headline);
        assert_eq!(
            doc.article().state,
            StoryState::Wire,
            "one undo takes both back"
        );
        assert!(!doc.is_modified());
        assert!(doc.redo());
        assert_eq!(doc.article().state, StoryState::Draft);
        assert_eq!(doc.article().headline, format!("AB{headline}"));
    }

    #[test]
    fn every_edit_path_makes_wire_copy_a_draft_and_undo_makes_it_wire_again() {
        // A fix or replace all (`edit`).
        let (_dir, mut doc) = wire_copy();
        let query = crate::find::Query {
            text: "berita".into(),
            case_sensitive: false,
        };
        assert!(doc.edit(|a| {
            crate::find::replace_all(a, &query, "kabar");
        }));
        assert_eq!(doc.article().state, StoryState::Draft);
        assert!(doc.undo());
        assert_eq!(doc.article().state, StoryState::Wire);
        // Put back.
        let index = doc
            .import_report()
            .unwrap()
            .entries
            .iter()
            .position(|e| matches!(e, crate::import::Entry::Removed(_)))
            .unwrap();
        assert!(doc.put_back(index));
        assert_eq!(doc.article().state, StoryState::Draft);
        assert!(doc.undo());
        assert_eq!(doc.article().state, StoryState::Wire);
        // Ignoring a word is not an edit of the story.
        assert!(doc.edit(|a| a.ignored_words.push("Judul".into())));
        assert_eq!(doc.article().state, StoryState::Wire);
        // Setting the state is its own step.
        assert!(doc.edit(|a| a.state = StoryState::Ready));
        assert!(doc.undo());
        assert_eq!(doc.article().state, StoryState::Wire);
    }

    #[test]
    fn typing_a_picture_text_merges_into_one_undo_step_per_pause_and_part() {
        let mut doc = Document::new();
        doc.edit(|a| a.pictures.push(article::Picture::new("lead.jpg")));
        for (c, t) in "Rutte".chars().zip([0.0, 0.1, 0.2, 0.3, 0.4]) {
            let at = doc.article().pictures[0].alt.len();
            doc.type_picture(0, PicturePart::Alt, at..at, &c.to_string(), t);
        }
        assert_eq!(doc.article().pictures[0].alt, "Rutte");
        // Another part is another step; a range that does not fit changes nothing.
        doc.type_picture(0, PicturePart::Caption, 0..0, "NATO", 0.6);
        doc.type_picture(0, PicturePart::Caption, 3..9, "x", 0.7);
        doc.type_picture(5, PicturePart::Caption, 0..0, "x", 0.7);
        assert_eq!(doc.article().pictures[0].caption, "NATO");
        assert!(doc.undo());
        assert_eq!(doc.article().pictures[0].caption, "");
        assert_eq!(doc.article().pictures[0].alt, "Rutte");
        assert!(doc.undo());
        assert_eq!(
            doc.article().pictures[0].alt,
            "",
            "the typed word is one step"
        );
        assert!(doc.undo());
        assert!(doc.article().pictures.is_empty());
        assert!(doc.redo() && doc.redo());
        assert_eq!(doc.article().pictures[0].alt, "Rutte");
        // After a pause, typing starts a new step.
        doc.type_picture(0, PicturePart::Alt, 5..5, "!", 5.0);
        assert!(doc.undo());
        assert_eq!(doc.article().pictures[0].alt, "Rutte");
    }

    #[test]
    fn modified_follows_content_not_keystrokes() {
        let mut doc = Document::new();
        assert!(!doc.is_modified());
        assert_eq!(doc.title(), "Untitled — Newsdesk");
        doc.type_text(Field::Headline, 0..0, "x", 0.0);
        assert!(doc.is_modified());
        assert!(doc.title().starts_with("● Untitled"));
        doc.type_text(Field::Headline, 0..1, "", 0.1);
        assert!(!doc.is_modified());
    }

    #[test]
    fn save_as_writes_the_extension_format_and_clears_the_marker() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = Document::new();
        doc.edit(|a| a.headline = "Ferry resumes".into());
        assert!(doc.save().is_err(), "untitled has no save target");
        let path = dir.path().join("story.md");
        doc.save_as(&path).unwrap();
        assert!(!doc.is_modified());
        assert_eq!(doc.format(), Some(Format::Md));
        let reopened = Document::open(&path).unwrap();
        assert_eq!(reopened.article().headline, "Ferry resumes");
        assert_eq!(reopened.display_name(), "story.md");
    }

    #[test]
    fn raw_copy_is_never_a_save_target() {
        let doc = Document::from_file(Article::default(), "wire.txt".into(), Format::Txt);
        assert!(doc.save_target().is_none());
        assert_eq!(doc.suggested_name(), "wire.ron");
        let mut doc = doc;
        let dir = tempfile::tempdir().unwrap();
        assert!(doc.save_as(&dir.path().join("x.txt")).is_err());
        assert!(doc.save_as(&dir.path().join("x.html")).is_err());
        assert!(!dir.path().join("x.html").exists());
    }

    /// The seed copy opened raw: an article with an import report to put lines back from.
    fn imported() -> (tempfile::TempDir, Document) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.txt");
        std::fs::write(
            &path,
            "Judul Berita Hari Ini\n\nJakarta - Isi berita pertama.\nAdvertisement\n\nKata kata kedua.\n",
        )
        .unwrap();
        let doc = Document::open(&path).unwrap();
        (dir, doc)
    }

    #[test]
    fn typing_merges_into_one_step_until_a_pause() {
        let mut doc = Document::new();
        let r0 = doc.revision();
        for (i, c) in "Ferry".chars().enumerate() {
            let at = doc.article().headline.len();
            #[allow(clippy::cast_precision_loss)]
            doc.type_text(Field::Headline, at..at, &c.to_string(), i as f64 * 0.2);
        }
        assert!(doc.revision() > r0);
        assert!(doc.is_typing());
        assert!(doc.settle(0.9).is_some(), "typing has not paused yet");
        assert_eq!(doc.settle(2.0), None);
        assert!(!doc.is_typing());
        doc.type_text(Field::Headline, 5..5, " back", 2.5);
        assert!(doc.undo());
        assert_eq!(doc.article().headline, "Ferry");
        assert!(doc.undo());
        assert_eq!(doc.article().headline, "");
        assert!(!doc.undo());
        assert!(doc.redo() && doc.redo());
        assert_eq!(doc.article().headline, "Ferry back");
    }

    #[test]
    fn a_field_change_ends_the_step() {
        let mut doc = Document::new();
        doc.type_text(Field::Headline, 0..0, "Ferry", 0.0);
        doc.end_typing();
        doc.type_text(Field::Headline, 5..5, "!", 0.1);
        doc.type_text(Field::Byline, 0..0, "Jane", 0.2);
        assert!(doc.undo());
        assert_eq!(
            (
                doc.article().headline.as_str(),
                doc.article().byline.as_str()
            ),
            ("Ferry!", "")
        );
        assert!(doc.undo());
        assert_eq!(doc.article().headline, "Ferry");
    }

    #[test]
    fn a_fix_and_replace_all_are_one_step_each() {
        let mut doc = Document::new();
        doc.edit(|a| a.body = "kata kata dan Rutte, Rutte.".into());
        let found = crate::checks::run(doc.article());
        let repeated = found
            .iter()
            .find(|f| f.rule == "repeated-word")
            .expect("repeated word found");
        assert!(
            doc.try_edit(|a| crate::checks::apply_fix(a, repeated))
                .unwrap()
        );
        assert_eq!(doc.article().body, "kata dan Rutte, Rutte.");
        let query = crate::find::Query {
            text: "Rutte".into(),
            case_sensitive: true,
        };
        assert!(doc.edit(|a| {
            crate::find::replace_all(a, &query, "NATO");
        }));
        assert_eq!(doc.article().body, "kata dan NATO, NATO.");
        assert!(doc.undo());
        assert_eq!(doc.article().body, "kata dan Rutte, Rutte.");
        assert!(doc.undo());
        assert_eq!(doc.article().body, "kata kata dan Rutte, Rutte.");
        // An edit that changes nothing is no step.
        assert!(!doc.edit(|_| {}));
        assert!(doc.try_edit(|_| Err::<(), _>("refused")).is_err());
    }

    #[test]
    fn put_back_restores_the_line_and_the_report_follows_undo_and_redo() {
        let (_dir, mut doc) = imported();
        let report = doc.import_report().cloned().unwrap();
        let index = report
            .entries
            .iter()
            .position(|e| matches!(e, crate::import::Entry::Removed(_)))
            .expect("the advertisement line was removed");
        let body = doc.article().body.clone();
        assert!(!body.contains("Advertisement"));
        assert!(doc.put_back(index));
        assert!(doc.article().body.contains("Advertisement"));
        assert_eq!(doc.import_report().unwrap().removals().count(), 0);
        assert!(doc.is_modified());
        assert!(doc.undo());
        assert_eq!(doc.article().body, body);
        assert_eq!(doc.import_report(), Some(&report));
        assert!(doc.redo());
        assert!(doc.article().body.contains("Advertisement"));
        assert_eq!(doc.import_report().unwrap().removals().count(), 0);
        assert!(!doc.put_back(99), "no such entry");
    }

    #[test]
    fn recovered_edits_are_one_step_on_top_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        let on_disk = Article {
            headline: "On disk".into(),
            ..Article::default()
        };
        formats::write(&path, &on_disk, Format::Ron).unwrap();
        let journaled = Article {
            headline: "Journaled".into(),
            body: "Edits made before the crash.".into(),
            ..Article::default()
        };
        let mut doc = Document::recovered(journaled.clone(), Some(path), Some(Format::Ron));
        assert_eq!(doc.article(), &journaled);
        assert!(doc.is_modified());
        assert!(doc.undo());
        assert_eq!(doc.article(), &on_disk);
        assert!(!doc.is_modified());
        assert!(doc.redo());
        assert_eq!(doc.article(), &journaled);
    }

    #[test]
    fn the_snapshot_is_shared_until_the_next_change() {
        let mut doc = Document::new();
        doc.type_text(Field::Body, 0..0, "one", 0.0);
        let a = doc.snapshot();
        let b = doc.snapshot();
        assert!(Arc::ptr_eq(&a, &b), "one copy per revision");
        doc.type_text(Field::Body, 3..3, " two", 0.1);
        let c = doc.snapshot();
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(c.body, "one two");
        assert_eq!(a.body, "one");
    }

    #[test]
    fn revisions_never_repeat_across_documents() {
        let a = Document::new();
        let b = Document::new();
        assert_ne!(a.revision(), b.revision());
        let mut c = Document::new();
        let before = c.revision();
        c.edit(|a| a.credit = "AP".into());
        assert!(c.revision() > before);
    }

    #[test]
    fn a_range_that_does_not_fit_changes_nothing() {
        let mut doc = Document::new();
        doc.type_text(Field::Headline, 0..0, "é", 0.0);
        let r = doc.revision();
        doc.type_text(Field::Headline, 1..1, "x", 0.1); // inside "é"
        doc.type_text(Field::Headline, 0..9, "", 0.1); // past the end
        doc.type_text(Field::Date, 0..0, "2024", 0.1); // not text
        assert_eq!(doc.article().headline, "é");
        assert_eq!(doc.revision(), r);
    }

    #[test]
    fn ids_are_made_on_creation_and_import_and_on_the_first_save_outside_the_history() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = Document::new();
        assert_eq!(fresh.article().id.len(), 36);
        assert!(!fresh.is_modified() && fresh.article().is_empty());
        assert_ne!(Document::new().article().id, fresh.article().id);

        // A file from before ids: none until it is saved.
        let old = dir.path().join("old.ron");
        std::fs::write(&old, "(version: 1, headline: \"Ferry\")").unwrap();
        let mut doc = Document::open(&old).unwrap();
        assert_eq!(doc.article().id, "");
        doc.edit(|a| a.headline = "Ferry resumes".into());
        doc.save().unwrap();
        let id = doc.article().id.clone();
        assert_eq!(id.len(), 36);
        assert!(!doc.is_modified());
        assert!(std::fs::read_to_string(&old).unwrap().contains(&id));
        // Undoing the edit made before the id does not take the id away.
        assert!(doc.undo());
        assert_eq!(doc.article().headline, "Ferry");
        assert_eq!(doc.article().id, id);
        // Nor does an edit that sets another article's id (restoring another version).
        doc.edit(|a| *a = Article::default());
        assert_eq!(doc.article().id, id);
        assert_eq!(
            Document::open(&old).unwrap().article().id,
            id,
            "kept on reopening"
        );

        // A save that fails gives no id.
        let blocked = dir.path().join("ro.ron");
        std::fs::write(&blocked, "(version: 1)").unwrap();
        let mut doc = Document::open(&blocked).unwrap();
        let mut perms = std::fs::metadata(&blocked).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&blocked, perms).unwrap();
        assert!(doc.save().is_err());
        assert_eq!(doc.article().id, "");
        assert!(!doc.is_modified());
    }

    #[test]
    fn imported_copy_has_an_id_and_its_original() {
        let dir = tempfile::tempdir().unwrap();
        let txt = dir.path().join("wire.txt");
        std::fs::write(
            &txt,
            b"Judul Berita\n\nJakarta - Isi berita.\nAdvertisement\n",
        )
        .unwrap();
        let doc = Document::open(&txt).unwrap();
        assert_eq!(doc.article().id.len(), 36);
        assert!(!doc.is_modified());
        let original = doc.original().unwrap();
        assert_eq!(original.source, std::fs::read(&txt).unwrap());
        assert_eq!(original.source_name, "wire.txt");
        assert_eq!(&original.article, doc.article());
        assert!(Document::open(&dir.path().join("none.txt")).is_err());
    }

    #[test]
    fn restoring_a_field_is_one_undo_step() {
        let mut doc = Document::new();
        doc.type_text(Field::Headline, 0..0, "Old headline", 0.0);
        doc.type_text(Field::Body, 0..0, "Old body.", 5.0);
        let then = doc.article().clone();
        doc.type_text(Field::Headline, 0..3, "New", 10.0);
        doc.type_text(Field::Body, 0..3, "New", 20.0);
        assert!(doc.edit(|a| crate::diff::restore(a, &then, Field::Body)));
        assert_eq!(doc.article().body, "Old body.");
        assert_eq!(doc.article().headline, "New headline");
        assert!(doc.undo());
        assert_eq!(doc.article().body, "New body.");
        assert!(doc.redo());
        assert_eq!(doc.article().body, "Old body.");
    }

    #[test]
    fn every_save_keeps_a_version_with_the_imported_original() {
        use crate::storage::versions::{Keeper, Store};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("versions"));
        let keeper = Keeper::start(store.clone()).unwrap();
        let txt = dir.path().join("wire.txt");
        std::fs::write(&txt, b"Judul Berita\n\nJakarta - Isi berita.\n").unwrap();
        let mut doc = Document::open(&txt).unwrap();
        doc.keep_versions(Some(keeper.sink()));
        let id = doc.article().id.clone();
        doc.edit(|a| a.headline = "Judul Baru".into());
        doc.save_as(&dir.path().join("story.md")).unwrap();
        doc.save().unwrap();
        doc.edit(|a| a.body.push_str(" Tambahan."));
        doc.save().unwrap();
        keeper.flush();
        let listing = store.list(&id).unwrap();
        assert_eq!(
            listing.versions.len(),
            2,
            "the unchanged save added nothing"
        );
        assert_eq!(listing.versions[0].words_changed, 2, "against the original");
        assert_eq!(listing.versions[1].words_changed, 1);
        let original = store.original(&id).unwrap();
        assert_eq!(original.source, std::fs::read(&txt).unwrap());
        assert_eq!(original.article.headline, "Judul Berita");
        // Opened again later, the saved article finds its original through its id.
        let reopened = Document::open(&dir.path().join("story.md")).unwrap();
        assert!(reopened.original().is_none());
        assert_eq!(
            store
                .original(&reopened.article().id)
                .unwrap()
                .article
                .headline,
            "Judul Berita"
        );
        assert!(keeper.take_errors().is_empty());
    }

    #[test]
    fn findings_of_an_older_revision_follow_typing_undo_and_edits() {
        let mut doc = Document::new();
        doc.edit(|a| a.body = "kapal beroprasi lagi".into());
        let checked = doc.revision();
        let word = 6..15;
        let at = |doc: &Document| {
            let moves = doc.moves_since(checked).expect("remembered");
            moves::map_range(Field::Body, word.clone(), &moves)
        };
        assert_eq!(at(&doc), Some(word.clone()));
        doc.type_text(Field::Body, 0..0, "Si ", 0.0);
        assert_eq!(at(&doc), Some(9..18));
        doc.type_text(Field::Body, 18..18, "x", 0.1);
        assert_eq!(at(&doc), None, "typed at the word's end");
        doc.undo();
        assert_eq!(doc.article().body, "kapal beroprasi lagi");
        // Undone: the word is back where it was, but it was touched on the way.
        assert_eq!(at(&doc), None);
        // From a revision after the undo, an edit elsewhere moves it.
        let checked = doc.revision();
        doc.edit(|a| a.body.insert_str(0, "Lalu "));
        let moves = doc.moves_since(checked).unwrap();
        assert_eq!(moves::map_range(Field::Body, word, &moves), Some(11..20));
        assert_eq!(doc.moves_since(0), None, "not this document's revision");
    }
}
