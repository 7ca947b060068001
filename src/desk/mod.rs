//! The desk: the story list of a folder, without egui.
//!
//! [`Desk::open`] lists a folder's article files on a worker thread that sends one [`Row`]
//! over a channel per file as it is read, so the window shows rows as they come and never
//! waits on the disk. A row keeps only what the list shows (headline or file name,
//! slugline, place, date, words, state, file name) and a compact filter index; bodies are
//! dropped as soon as their words are counted. A file that cannot be read is a row with the
//! reason, never a dialog. The checks are slower than reading, so they run in a second
//! pass of the same worker and fill the error and warning counts in afterwards.
//!
//! The list follows the folder through the operating system's file notifications
//! (`notify`: inotify, `FSEvents`, `ReadDirectoryChangesW`), not polling: a file that appears,
//! changes or goes away is read again after the notifications about it have been quiet for
//! [`DEBOUNCE`] (a save is several events: a temporary file, a rename), so its row is new
//! well within a second, and an idle desk costs no CPU.
//!
//! The filter matches headline, slugline and body text. Rather than keep 10,000 bodies, or
//! read 10,000 files again for every letter typed, each row keeps the set of its distinct
//! lower-case words, as numbers in the desk's one [`vocabulary::Vocabulary`]: about two
//! hundred bytes a story, searched in memory. Every word of the query must occur in the
//! story (as part of a word), so "rutte nato" finds a story naming both; a phrase is not
//! matched as a phrase.

mod vocabulary;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use chrono::NaiveDate;

use crate::article::StoryState;
use crate::checks::{self, Severity};
use crate::formats::{self, Format};
use crate::storage::fsio::{TEMP_PREFIX, TEMP_SUFFIX};
pub use vocabulary::Vocabulary;
use vocabulary::WordSet;

/// One story of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub path: PathBuf,
    /// The file's name, shown in its own column and as the headline when there is none.
    pub name: String,
    pub headline: String,
    pub slugline: String,
    pub place: String,
    pub date: Option<NaiveDate>,
    /// When the file was last changed (the time of a story with no dateline date).
    pub modified: Option<SystemTime>,
    pub words: usize,
    /// `None` until the checks have run on the story.
    pub counts: Option<Counts>,
    pub state: StoryState,
    /// Why the file could not be read; the other fields are then empty.
    pub problem: Option<String>,
    /// Distinct lower-case words of headline, slugline and body.
    index: WordSet,
}

/// Errors and warnings from the checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
}

impl Row {
    /// The headline, or the file name for a story without one.
    pub fn title(&self) -> &str {
        if self.headline.trim().is_empty() {
            &self.name
        } else {
            &self.headline
        }
    }
}

/// The desk's words, shared by the list and the threads that read its rows.
pub type Words = Arc<Mutex<Vocabulary>>;

/// Whether a file is one the desk lists: an article format Newsdesk reads, not hidden
/// (Newsdesk's own temporary files during a save are hidden).
pub fn is_story_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with('.') || (name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
        return false;
    }
    Format::from_path(path).is_some_and(Format::is_readable)
}

/// The article files directly in `dir`, in name order.
pub fn article_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| is_story_file(p))
        .collect();
    files.sort();
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads the row of one file (without the checks' counts), numbering its words in `words`.
pub fn read_row(path: &Path, words: &Mutex<Vocabulary>) -> Row {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let mut row = Row {
        path: path.to_owned(),
        name: file_name(path),
        headline: String::new(),
        slugline: String::new(),
        place: String::new(),
        date: None,
        modified,
        words: 0,
        counts: None,
        state: StoryState::default(),
        problem: None,
        index: WordSet::default(),
    };
    let opened = formats::resolve(path, None).and_then(|f| formats::open(path, f));
    let article = match opened {
        Ok(opened) => opened.article,
        Err(e) => {
            row.problem = Some(e.problem.to_string());
            return row;
        }
    };
    let mut distinct = BTreeSet::new();
    for text in [&article.headline, &article.slugline, &article.body] {
        for range in crate::stats::words(text) {
            distinct.insert(text[range].to_lowercase());
        }
    }
    row.index = words
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .word_set(distinct.iter().map(String::as_str));
    row.words = crate::stats::stats(&article).words;
    row.headline = article.headline;
    row.slugline = article.slugline;
    row.place = article.dateline.place;
    row.date = article.dateline.date;
    row.state = article.state;
    row
}

/// The checks' counts for one file; `None` when it cannot be read.
pub fn check_counts(path: &Path) -> Option<Counts> {
    let format = formats::resolve(path, None).ok()?;
    let article = formats::open(path, format).ok()?.article;
    let mut counts = Counts::default();
    for f in checks::run(&article) {
        match f.severity {
            Severity::Error => counts.errors += 1,
            _ => counts.warnings += 1,
        }
    }
    Some(counts)
}

/// What the worker tells the list.
#[derive(Debug)]
pub enum Event {
    /// A story read, new or changed.
    Row(Row),
    /// The checks' counts of a story read earlier.
    Counts(PathBuf, Counts),
    /// A file that is gone (or no longer a story file).
    Gone(PathBuf),
    /// The first listing is complete (every file has its row).
    Listed,
    /// The checks' counts of the first listing are all in.
    Counted,
    /// The folder itself cannot be read.
    Failed(String),
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Newest first: dateline date, then file time.
    #[default]
    Time,
    Headline,
    /// Workflow order (wire first), then headline.
    State,
}

/// How long the notifications about a file must be quiet before it is read again.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// Called from the workers when there is something to [`Desk::poll`] (the window asks for
/// a repaint).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// A folder's story list.
pub struct Desk {
    dir: PathBuf,
    rows: Vec<Row>,
    /// Where each path's row is in `rows`: 10,000 rows arrive one by one, and a search
    /// through them for each would cost 50 million path comparisons.
    at: HashMap<PathBuf, usize>,
    /// Indexes into `rows` of the rows the filter shows, in sort order.
    shown: Vec<usize>,
    sort: Sort,
    filter: String,
    terms: Vec<String>,
    events: Receiver<Event>,
    /// For more work on single files (a file that changed).
    reader: Reader,
    listed: bool,
    counted: bool,
    failed: Option<String>,
    /// Kept for as long as the desk follows its folder; `None` when the OS refused.
    watcher: Option<notify::RecommendedWatcher>,
    /// Why the folder is not followed, when it is not.
    unwatched: Option<String>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("dir", &self.dir)
            .field("rows", &self.rows.len())
            .field("shown", &self.shown.len())
            .finish_non_exhaustive()
    }
}

impl Desk {
    /// Starts listing `dir` on a worker thread; rows arrive through [`Desk::poll`].
    pub fn open(dir: &Path) -> Self {
        Self::open_with(dir, Arc::new(|| {}))
    }

    /// [`Desk::open`], calling `wake` whenever rows arrive, and following the folder.
    pub fn open_with(dir: &Path, wake: Wake) -> Self {
        let (out, events) = mpsc::channel();
        let reader = Reader {
            out,
            wake,
            words: Words::default(),
        };
        let (folder, worker) = (dir.to_owned(), reader.clone());
        std::thread::Builder::new()
            .name("desk-scan".into())
            .spawn(move || scan(&folder, &worker))
            .ok();
        let (watcher, unwatched) = match watch(dir, reader.clone()) {
            Ok(w) => (Some(w), None),
            Err(e) => (None, Some(e.to_string())),
        };
        Self {
            reader,
            watcher,
            unwatched,
            dir: dir.to_owned(),
            rows: Vec::new(),
            at: HashMap::new(),
            shown: Vec::new(),
            sort: Sort::default(),
            filter: String::new(),
            terms: Vec::new(),
            events,
            listed: false,
            counted: false,
            failed: None,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether every file of the first listing has its row.
    pub fn is_listed(&self) -> bool {
        self.listed
    }

    /// Whether the checks' counts of the first listing are all in: the reading is over.
    pub fn is_counted(&self) -> bool {
        self.counted
    }

    /// Why the folder is not followed (the OS refused to watch it), when it is not.
    pub fn unwatched(&self) -> Option<&str> {
        self.unwatched.as_deref()
    }

    /// Whether the list follows changes to the folder.
    pub fn is_watched(&self) -> bool {
        self.watcher.is_some()
    }

    /// Why the folder could not be listed.
    pub fn failure(&self) -> Option<&str> {
        self.failed.as_deref()
    }

    /// Reads `path` again on a worker thread (it appeared, changed or went away).
    pub fn refresh(&self, path: &Path) {
        let (path, reader) = (path.to_owned(), self.reader.clone());
        std::thread::Builder::new()
            .name("desk-file".into())
            .spawn(move || reread(&path, &reader))
            .ok();
    }

    /// Takes what the workers sent; true when the list changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Ok(event) = self.events.try_recv() {
            changed = true;
            self.apply(event);
        }
        if changed {
            self.reorder();
        }
        changed
    }

    /// Applies one event, without reordering.
    fn apply(&mut self, event: Event) {
        match event {
            Event::Row(row) => {
                if let Some(&i) = self.at.get(&row.path) {
                    self.rows[i] = row;
                } else {
                    self.at.insert(row.path.clone(), self.rows.len());
                    self.rows.push(row);
                }
            }
            Event::Counts(path, counts) => {
                if let Some(&i) = self.at.get(&path) {
                    self.rows[i].counts = Some(counts);
                }
            }
            Event::Gone(path) => {
                if let Some(i) = self.at.remove(&path) {
                    self.rows.swap_remove(i);
                    if let Some(moved) = self.rows.get(i) {
                        self.at.insert(moved.path.clone(), i);
                    }
                }
            }
            Event::Listed => {
                self.listed = true;
                // Rows arrived one by one, doubling the vector: up to half of it is slack.
                self.rows.shrink_to_fit();
                self.at.shrink_to_fit();
            }
            Event::Counted => self.counted = true,
            Event::Failed(why) => {
                self.failed = Some(why);
                self.listed = true;
                self.counted = true;
            }
        }
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    pub fn set_sort(&mut self, sort: Sort) {
        self.sort = sort;
        self.reorder();
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// Shows only the rows whose headline, slugline or body hold every word of `filter`.
    pub fn set_filter(&mut self, filter: &str) {
        filter.clone_into(&mut self.filter);
        self.terms = filter.split_whitespace().map(str::to_lowercase).collect();
        self.reorder();
    }

    fn reorder(&mut self) {
        let rows = &self.rows;
        let filter = self
            .reader
            .words
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .filter(&self.terms);
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| filter.matches(&rows[i].index))
            .collect();
        let by_title = |a: &Row, b: &Row| {
            a.title()
                .to_lowercase()
                .cmp(&b.title().to_lowercase())
                .then_with(|| a.name.cmp(&b.name))
        };
        match self.sort {
            Sort::Time => shown.sort_by(|&a, &b| {
                let (a, b) = (&rows[a], &rows[b]);
                (b.date, b.modified)
                    .cmp(&(a.date, a.modified))
                    .then_with(|| a.name.cmp(&b.name))
            }),
            Sort::Headline => shown.sort_by(|&a, &b| by_title(&rows[a], &rows[b])),
            Sort::State => shown.sort_by(|&a, &b| {
                let (a, b) = (&rows[a], &rows[b]);
                a.state.cmp(&b.state).then_with(|| by_title(a, b))
            }),
        }
        self.shown = shown;
    }

    /// Every row read, in no particular order.
    pub fn all_rows(&self) -> &[Row] {
        &self.rows
    }

    /// How many rows the filter shows.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The `i`-th row shown, in sort order.
    pub fn row(&self, i: usize) -> Option<&Row> {
        self.shown.get(i).map(|&r| &self.rows[r])
    }

    /// Where the story at `path` is among the rows shown.
    pub fn position(&self, path: &Path) -> Option<usize> {
        let row = *self.at.get(path)?;
        self.shown.iter().position(|&r| r == row)
    }

    /// The story after (`step` 1) or before (`step` -1) `current` among the rows shown; the
    /// first or last when `current` is not shown.
    pub fn neighbour(&self, current: Option<&Path>, step: isize) -> Option<&Path> {
        let len = self.len();
        if len == 0 {
            return None;
        }
        let at = match current.and_then(|p| self.position(p)) {
            Some(i) => i.checked_add_signed(step).filter(|&i| i < len)?,
            None if step < 0 => len - 1,
            None => 0,
        };
        self.row(at).map(|r| r.path.as_path())
    }
}

/// What a thread reading rows needs: where to send them, whom to wake, the desk's words.
#[derive(Clone)]
struct Reader {
    out: Sender<Event>,
    wake: Wake,
    words: Words,
}

impl Reader {
    /// Sends `event` and wakes the window; false when the list was closed.
    fn send(&self, event: Event) -> bool {
        let sent = self.out.send(event).is_ok();
        (self.wake)();
        sent
    }

    fn row(&self, path: &Path) -> Row {
        read_row(path, &self.words)
    }
}

/// Reads one file again: its row and counts, or that it is gone.
fn reread(path: &Path, reader: &Reader) {
    if path.is_file() && is_story_file(path) {
        let row = reader.row(path);
        let readable = row.problem.is_none();
        reader.send(Event::Row(row));
        if readable && let Some(c) = check_counts(path) {
            reader.send(Event::Counts(path.to_owned(), c));
        }
        crate::import::release_patterns();
    } else {
        reader.send(Event::Gone(path.to_owned()));
    }
}

/// Follows `dir`: notifications go to a thread that waits for them to be quiet for
/// [`DEBOUNCE`], then reads each file they named again.
fn watch(dir: &Path, reader: Reader) -> notify::Result<notify::RecommendedWatcher> {
    use notify::Watcher as _;
    let (paths_in, paths) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for path in event.paths {
                let _ = paths_in.send(path);
            }
        }
    })?;
    watcher.watch(dir, notify::RecursiveMode::NonRecursive)?;
    let folder = dir.to_owned();
    std::thread::Builder::new()
        .name("desk-watch".into())
        .spawn(move || {
            let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
            let mut last = Instant::now();
            loop {
                let event = if pending.is_empty() {
                    paths
                        .recv()
                        .map_err(|_| mpsc::RecvTimeoutError::Disconnected)
                } else {
                    paths.recv_timeout(DEBOUNCE.saturating_sub(last.elapsed()))
                };
                match event {
                    Ok(path) => {
                        // Only the folder's own files (not the folder, not a subfolder's).
                        if path.parent() == Some(folder.as_path()) {
                            pending.insert(path);
                        }
                        last = Instant::now();
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        for path in std::mem::take(&mut pending) {
                            reread(&path, &reader);
                        }
                    }
                    // The desk was closed (its watcher dropped).
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
        })
        .map_err(notify::Error::io)?;
    Ok(watcher)
}

/// The worker: every file's row, then every file's counts.
fn scan(dir: &Path, reader: &Reader) {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    let files = match article_files(dir) {
        Ok(files) => files,
        Err(e) => {
            reader.send(Event::Failed(format!("{}: {e}", dir.display())));
            return;
        }
    };
    // Rows are read on every core (rayon's pool): reading and parsing is most of the
    // listing's time, and the list sorts rows itself, so their order of arrival is free.
    let closed = AtomicBool::new(false);
    let send = |event: Event| {
        if !reader.send(event) {
            closed.store(true, Ordering::Relaxed); // the list was closed: stop reading
        }
    };
    let readable: Vec<PathBuf> = files
        .into_par_iter()
        .filter_map(|path| {
            if closed.load(Ordering::Relaxed) {
                return None;
            }
            let row = reader.row(&path);
            let ok = row.problem.is_none();
            send(Event::Row(row));
            ok.then_some(path)
        })
        .collect();
    if !closed.load(Ordering::Relaxed) {
        send(Event::Listed);
        readable.into_par_iter().for_each(|path| {
            if closed.load(Ordering::Relaxed) {
                return;
            }
            if let Some(c) = check_counts(&path) {
                send(Event::Counts(path, c));
            }
        });
    }
    // Every reader thread grew its own caches in each of the importer's patterns while
    // raw copy was read (about 9 MB for a folder of 10,000 stories); the window keeps
    // running for hours, so they go, as they do after the window imports one story, and
    // before the list hears that the reading is over.
    crate::import::release_patterns();
    if !closed.load(Ordering::Relaxed) {
        send(Event::Counted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use std::time::{Duration, Instant};

    fn story(dir: &Path, name: &str, headline: &str, body: &str, state: StoryState) -> PathBuf {
        let path = dir.join(name);
        let a = Article {
            headline: headline.into(),
            slugline: format!("slug-{name}"),
            body: body.into(),
            state,
            dateline: crate::article::Dateline {
                place: "Jakarta".into(),
                date: NaiveDate::from_ymd_opt(2024, 10, 1),
                outlet: String::new(),
            },
            ..Article::default()
        };
        let format = Format::from_path(&path).unwrap();
        formats::write(&path, &a, format).unwrap();
        path
    }

    /// Polls until `done` holds, for at most 10 s.
    fn settle(desk: &mut Desk, done: impl Fn(&Desk) -> bool) {
        let start = Instant::now();
        while !done(desk) {
            assert!(start.elapsed() < Duration::from_secs(10), "timed out");
            desk.poll();
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn titles(desk: &Desk) -> Vec<&str> {
        (0..desk.len())
            .map(|i| desk.row(i).unwrap().title())
            .collect()
    }

    #[test]
    fn a_folder_lists_its_stories_with_a_reason_for_each_unreadable_file() {
        let dir = tempfile::tempdir().unwrap();
        story(
            dir.path(),
            "b.ron",
            "Banjir di Jakarta",
            "Air naik.",
            StoryState::Ready,
        );
        story(dir.path(), "a.md", "", "Kata kata.", StoryState::Wire);
        std::fs::write(dir.path().join("c.ron"), "(version: 9)").unwrap();
        std::fs::write(dir.path().join("notes.pdf"), "x").unwrap();
        std::fs::write(dir.path().join(".newsdesk-abc123.tmp"), "x").unwrap();
        let mut desk = Desk::open(dir.path());
        settle(&mut desk, |d| {
            d.is_listed() && d.all_rows().iter().filter(|r| r.counts.is_some()).count() == 2
        });
        assert_eq!(desk.len(), 3);
        desk.set_sort(Sort::Headline);
        assert_eq!(titles(&desk), ["a.md", "Banjir di Jakarta", "c.ron"]);
        let bad = desk.row(2).unwrap();
        assert!(
            bad.problem.as_deref().unwrap().contains("version 9"),
            "{bad:?}"
        );
        let b = desk.row(1).unwrap();
        assert_eq!(
            (b.slugline.as_str(), b.place.as_str(), b.words),
            ("slug-b.ron", "Jakarta", 2)
        );
        assert_eq!(b.state, StoryState::Ready);
        let a = desk.row(0).unwrap();
        assert!(
            a.counts.unwrap().warnings + a.counts.unwrap().errors > 0,
            "kata kata"
        );
        desk.set_sort(Sort::State);
        assert_eq!(
            titles(&desk)[..2],
            ["a.md", "c.ron"],
            "wire, then draft (the default)"
        );
    }

    #[test]
    fn the_filter_matches_headline_slugline_and_body_words() {
        let dir = tempfile::tempdir().unwrap();
        story(
            dir.path(),
            "1.ron",
            "Rutte pimpin NATO",
            "Di Brussel.",
            StoryState::Draft,
        );
        story(
            dir.path(),
            "2.ron",
            "Banjir",
            "Hujan deras di Jakarta.",
            StoryState::Draft,
        );
        let mut desk = Desk::open(dir.path());
        settle(&mut desk, Desk::is_listed);
        desk.set_filter("JAKARTA hujan");
        assert_eq!(titles(&desk), ["Banjir"]);
        desk.set_filter("nato");
        assert_eq!(titles(&desk), ["Rutte pimpin NATO"]);
        desk.set_filter("slug-2");
        assert_eq!(titles(&desk), ["Banjir"]);
        desk.set_filter("brus");
        assert_eq!(titles(&desk), ["Rutte pimpin NATO"], "part of a word");
        desk.set_filter("nothing");
        assert!(desk.is_empty());
        desk.set_filter("");
        assert_eq!(desk.len(), 2);
    }

    #[test]
    fn next_and_previous_follow_the_order_shown() {
        let dir = tempfile::tempdir().unwrap();
        let a = story(dir.path(), "a.ron", "A", "x", StoryState::Draft);
        let b = story(dir.path(), "b.ron", "B", "x", StoryState::Draft);
        let mut desk = Desk::open(dir.path());
        settle(&mut desk, Desk::is_listed);
        desk.set_sort(Sort::Headline);
        assert_eq!(desk.neighbour(None, 1), Some(a.as_path()));
        assert_eq!(desk.neighbour(Some(&a), 1), Some(b.as_path()));
        assert_eq!(desk.neighbour(Some(&b), 1), None);
        assert_eq!(desk.neighbour(Some(&b), -1), Some(a.as_path()));
        assert_eq!(desk.neighbour(None, -1), Some(b.as_path()));
    }

    #[test]
    fn a_refreshed_file_updates_or_removes_its_row() {
        let dir = tempfile::tempdir().unwrap();
        let a = story(dir.path(), "a.ron", "Old", "x", StoryState::Draft);
        let mut desk = Desk::open(dir.path());
        settle(&mut desk, |d| d.len() == 1);
        story(dir.path(), "a.ron", "New", "x", StoryState::Ready);
        desk.refresh(&a);
        settle(&mut desk, |d| d.row(0).is_some_and(|r| r.headline == "New"));
        std::fs::remove_file(&a).unwrap();
        desk.refresh(&a);
        settle(&mut desk, Desk::is_empty);
    }

    #[test]
    fn the_list_follows_files_that_appear_change_and_go_away() {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::open(dir.path());
        settle(&mut desk, Desk::is_listed);
        assert!(desk.is_watched(), "{:?}", desk.unwatched());
        let start = Instant::now();
        let a = story(dir.path(), "a.ron", "Appeared", "x", StoryState::Draft);
        settle(&mut desk, |d| d.len() == 1);
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
        story(dir.path(), "a.ron", "Changed", "x", StoryState::Ready);
        settle(&mut desk, |d| {
            d.row(0).is_some_and(|r| r.headline == "Changed")
        });
        std::fs::remove_file(&a).unwrap();
        settle(&mut desk, Desk::is_empty);
    }

    #[test]
    fn a_folder_that_cannot_be_read_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::open(&dir.path().join("missing"));
        settle(&mut desk, Desk::is_listed);
        assert!(desk.failure().unwrap().contains("missing"));
    }
}
