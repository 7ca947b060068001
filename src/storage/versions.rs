//! The version store: every saved article's earlier versions, and an imported article's
//! original, kept by the article's [`id`](Article::id) so they follow it when the file is
//! renamed or moved.
//!
//! Layout, under `versions/` in the data folder ([`super::dirs::data_dir`]):
//!
//! ```text
//! versions/<key>/000012-1733110512345-14.ron   version 12, saved at that Unix time (ms),
//!                                              14 words changed from version 11
//! versions/<key>/original.ron                  the article as first imported
//! versions/<key>/original-source.txt           the bytes it was imported from, as read
//! versions/<key>/original-meta.ron             their file name, format and time
//! ```
//!
//! `<key>` is the id when it is a UUID (as Newsdesk makes them), else a name-based UUID of
//! it, so no id can name a path outside the store. Each version is a plain Newsdesk RON
//! article, which `newsdesk convert` or the window can open. What a listing shows (number,
//! time, words changed) is in the file name, so listing reads no file, and every version
//! is one atomic write ([`fsio::write_atomic`]): a kill leaves it whole or absent, never
//! half there. The original is written source first and `original.ron` last, so a kill
//! before the end leaves no original, which the next save writes again.
//!
//! The rule that bounds it ([`KEEP_NEWEST`], [`KEEP_DAYS`], [`MAX_VERSIONS`]): a version is
//! kept while it is one of the article's 200 newest or is less than 90 days old, and never
//! more than 1,000 per article (the oldest go first). The original is never pruned.
//! Saving an unchanged article adds nothing.
//!
//! The store is best effort for the save: [`Keeper`] writes on its own thread, so Save
//! neither waits for it nor fails with it; failures come back through
//! [`Keeper::take_errors`], once per run of failures.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::fsio;
use crate::article::Article;
use crate::diff;
use crate::formats::{self, Format};

/// A version is kept while it is one of this many newest of its article…
pub const KEEP_NEWEST: usize = 200;
/// …or younger than this many days…
pub const KEEP_DAYS: i64 = 90;
/// …but an article never keeps more than this many (a script saving in a loop).
pub const MAX_VERSIONS: usize = 1000;

/// Why the store could not keep or give back a version.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    #[error("there is no data folder for stored versions on this computer")]
    NoDataDir,
    #[error("the article has no id yet, so it has no stored versions (Save gives it one)")]
    NoId,
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// A snapshot that does not read: reported and skipped, never fatal.
    #[error("{}: unreadable stored version: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },
    #[error("version {0} is not stored for this article")]
    NoSuchVersion(u32),
    #[error("no original is stored for this article (it was not imported from raw copy)")]
    NoOriginal,
}

impl VersionError {
    fn io(path: &Path, source: io::Error) -> Self {
        Self::Io {
            path: path.to_owned(),
            source,
        }
    }

    fn corrupt(path: &Path, message: impl fmt::Display) -> Self {
        Self::Corrupt {
            path: path.to_owned(),
            message: message.to_string(),
        }
    }
}

/// What an imported article came from: the copy's bytes as read, and the article the
/// importer made of them, before any edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Original {
    pub source: Vec<u8>,
    /// The copy's file name ("nato-rutte-liputan6.txt").
    pub source_name: String,
    pub format: Format,
    /// When it was imported.
    pub time: DateTime<Utc>,
    pub article: Article,
}

/// One stored version, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    /// 1 for the first version of the article, counting up.
    pub number: u32,
    pub time: DateTime<Utc>,
    /// Words inserted plus words deleted since the version before (or the original).
    pub words_changed: usize,
    path: PathBuf,
}

/// The stored original, as listed (its article is read by [`Store::original`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginalInfo {
    pub source_name: String,
    pub format: String,
    pub time: DateTime<Utc>,
}

/// What the store holds for one article.
#[derive(Debug, Default)]
pub struct Listing {
    /// Oldest first.
    pub versions: Vec<VersionInfo>,
    pub original: Option<OriginalInfo>,
    /// Files that look like ours but do not read; left in place.
    pub unreadable: Vec<VersionError>,
}

impl Listing {
    pub fn get(&self, number: u32) -> Option<&VersionInfo> {
        self.versions.iter().find(|v| v.number == number)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OriginalMeta {
    source_name: String,
    format: String,
    time: DateTime<Utc>,
}

const ORIGINAL: &str = "original.ron";
const ORIGINAL_META: &str = "original-meta.ron";
const ORIGINAL_SOURCE: &str = "original-source";

/// Reads `NNNNNN-MILLIS-WORDS.ron`.
fn parse_name(name: &str) -> Option<(u32, DateTime<Utc>, usize)> {
    let stem = name.strip_suffix(".ron")?;
    let mut parts = stem.split('-');
    let number = parts.next()?.parse().ok()?;
    let time = DateTime::from_timestamp_millis(parts.next()?.parse().ok()?)?;
    let words = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((number, time, words))
}

/// The store's folder for an id: the id itself when it is a canonical UUID, else a
/// name-based UUID of it (any text, no path in it).
pub fn key(id: &str) -> String {
    match uuid::Uuid::try_parse(id) {
        Ok(u) if u.hyphenated().to_string() == id => id.to_owned(),
        _ => {
            let namespace = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"urn:newsdesk:id");
            uuid::Uuid::new_v5(&namespace, id.as_bytes())
                .hyphenated()
                .to_string()
        }
    }
}

/// How many versions an article keeps: see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    pub keep_newest: usize,
    pub keep_days: i64,
    pub max_versions: usize,
}

impl Default for Bound {
    fn default() -> Self {
        Self {
            keep_newest: KEEP_NEWEST,
            keep_days: KEEP_DAYS,
            max_versions: MAX_VERSIONS,
        }
    }
}

/// The newest readable version, if any, and the newer snapshots that did not read.
pub type Latest = (Option<(VersionInfo, Article)>, Vec<VersionError>);

/// The version store in one folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    bound: Bound,
}

impl Store {
    /// The store in `dir`; nothing is created until something is kept.
    pub fn open(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            bound: Bound::default(),
        }
    }

    /// The same store with another bound (tests).
    #[must_use]
    pub fn with_bound(self, bound: Bound) -> Self {
        Self { bound, ..self }
    }

    /// The store in the data folder: `versions/` under [`super::dirs::data_dir`].
    pub fn open_default() -> Result<Self, VersionError> {
        super::dirs::data_dir()
            .map(|d| Self::open(d.join("versions")))
            .ok_or(VersionError::NoDataDir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn folder(&self, id: &str) -> Result<PathBuf, VersionError> {
        if id.is_empty() {
            return Err(VersionError::NoId);
        }
        Ok(self.dir.join(key(id)))
    }

    /// The versions and original stored for `id`; an article never saved has none.
    pub fn list(&self, id: &str) -> Result<Listing, VersionError> {
        let folder = self.folder(id)?;
        let mut listing = Listing::default();
        let entries = match std::fs::read_dir(&folder) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(listing),
            Err(e) => return Err(VersionError::io(&folder, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| VersionError::io(&folder, e))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if let Some((number, time, words_changed)) = parse_name(name) {
                listing.versions.push(VersionInfo {
                    number,
                    time,
                    words_changed,
                    path: entry.path(),
                });
            }
        }
        listing
            .versions
            .sort_by_key(|v| (v.number, v.time, v.path.clone()));
        if folder.join(ORIGINAL).exists() {
            match read_meta(&folder.join(ORIGINAL_META)) {
                Ok(meta) => {
                    listing.original = Some(OriginalInfo {
                        source_name: meta.source_name,
                        format: meta.format,
                        time: meta.time,
                    });
                }
                Err(e) => listing.unreadable.push(e),
            }
        }
        Ok(listing)
    }

    /// Reads one listed version.
    pub fn load(&self, version: &VersionInfo) -> Result<Article, VersionError> {
        read_article(&version.path)
    }

    /// Reads version `number` of `id`.
    pub fn load_number(&self, id: &str, number: u32) -> Result<Article, VersionError> {
        let listing = self.list(id)?;
        let version = listing
            .get(number)
            .ok_or(VersionError::NoSuchVersion(number))?;
        self.load(version)
    }

    /// The newest version that reads, with the errors of newer ones that did not.
    pub fn latest(&self, id: &str) -> Result<Latest, VersionError> {
        let listing = self.list(id)?;
        let mut errors = listing.unreadable;
        for v in listing.versions.iter().rev() {
            match self.load(v) {
                Ok(a) => return Ok((Some((v.clone(), a)), errors)),
                Err(e) => errors.push(e),
            }
        }
        Ok((None, errors))
    }

    /// Keeps `article` (which must have an id) as its newest version, saved at `time`,
    /// unless it equals the newest stored one; `previous` is that newest one when the
    /// caller knows it (saves reading it back). Returns the version kept, if any, and the
    /// unreadable snapshots it skipped.
    pub fn record(
        &self,
        article: &Article,
        time: DateTime<Utc>,
        previous: Option<&Article>,
    ) -> Result<(Option<VersionInfo>, Vec<VersionError>), VersionError> {
        let folder = self.folder(&article.id)?;
        let listing = self.list(&article.id)?;
        let mut skipped = Vec::new();
        let loaded;
        let previous = if let Some(p) = previous {
            Some(p)
        } else {
            let (latest, errors) = self.latest(&article.id)?;
            skipped = errors;
            loaded = latest.map(|(_, a)| a);
            loaded.as_ref()
        };
        if previous == Some(article) {
            return Ok((None, skipped));
        }
        let original = if previous.is_none() && listing.original.is_some() {
            self.original(&article.id).ok().map(|o| o.article)
        } else {
            None
        };
        let base = previous.or(original.as_ref());
        let empty = Article::default();
        let words_changed = diff::diff(base.unwrap_or(&empty), article).words_changed();
        let number = listing.versions.iter().map(|v| v.number).max().unwrap_or(0) + 1;
        let path = folder.join(format!(
            "{number:06}-{}-{words_changed}.ron",
            time.timestamp_millis()
        ));
        let text = formats::ron::to_string(article).map_err(|e| VersionError::corrupt(&path, e))?;
        std::fs::create_dir_all(&folder).map_err(|e| VersionError::io(&folder, e))?;
        fsio::write_atomic(&path, text.as_bytes()).map_err(|e| VersionError::io(&path, e))?;
        let mut versions = listing.versions;
        let info = VersionInfo {
            number,
            time,
            words_changed,
            path,
        };
        versions.push(info.clone());
        prune(&versions, Utc::now().max(time), self.bound);
        Ok((Some(info), skipped))
    }

    /// Keeps an imported article's original under `id`, unless one is already stored
    /// (the first import is the original). Returns whether it wrote it.
    pub fn keep_original(&self, id: &str, original: &Original) -> Result<bool, VersionError> {
        let folder = self.folder(id)?;
        if folder.join(ORIGINAL).exists() {
            return Ok(false);
        }
        std::fs::create_dir_all(&folder).map_err(|e| VersionError::io(&folder, e))?;
        let ext = original.format.extension();
        let source = folder.join(format!("{ORIGINAL_SOURCE}.{ext}"));
        fsio::write_atomic(&source, &original.source).map_err(|e| VersionError::io(&source, e))?;
        let meta_path = folder.join(ORIGINAL_META);
        let meta = OriginalMeta {
            source_name: original.source_name.clone(),
            format: ext.to_owned(),
            time: original.time,
        };
        let config = ron::ser::PrettyConfig::new().new_line("\n");
        let meta_text = ron::ser::to_string_pretty(&meta, config)
            .map_err(|e| VersionError::corrupt(&meta_path, e))?;
        fsio::write_atomic(&meta_path, meta_text.as_bytes())
            .map_err(|e| VersionError::io(&meta_path, e))?;
        let article_path = folder.join(ORIGINAL);
        let text = formats::ron::to_string(&original.article)
            .map_err(|e| VersionError::corrupt(&article_path, e))?;
        fsio::write_atomic(&article_path, text.as_bytes())
            .map_err(|e| VersionError::io(&article_path, e))?;
        Ok(true)
    }

    /// The original stored for `id`.
    pub fn original(&self, id: &str) -> Result<Original, VersionError> {
        let folder = self.folder(id)?;
        let article_path = folder.join(ORIGINAL);
        if !article_path.exists() {
            return Err(VersionError::NoOriginal);
        }
        let article = read_article(&article_path)?;
        let meta = read_meta(&folder.join(ORIGINAL_META))?;
        let format = Format::from_path(Path::new(&format!("x.{}", meta.format)))
            .ok_or_else(|| VersionError::corrupt(&folder.join(ORIGINAL_META), "unknown format"))?;
        let source_path = folder.join(format!("{ORIGINAL_SOURCE}.{}", meta.format));
        let source =
            fsio::read_bytes(&source_path).map_err(|e| VersionError::corrupt(&source_path, e))?;
        Ok(Original {
            source,
            source_name: meta.source_name,
            format,
            time: meta.time,
            article,
        })
    }
}

fn read_article(path: &Path) -> Result<Article, VersionError> {
    let text = fsio::read_text(path).map_err(|e| VersionError::corrupt(path, e))?;
    formats::ron::from_str(&text).map_err(|e| VersionError::corrupt(path, e))
}

fn read_meta(path: &Path) -> Result<OriginalMeta, VersionError> {
    let text = fsio::read_text(path).map_err(|e| VersionError::corrupt(path, e))?;
    ron::from_str(&text).map_err(|e| VersionError::corrupt(path, e))
}

/// Removes the versions the bound no longer keeps (`versions` oldest first). Best effort:
/// a version that cannot be removed now is removed by a later save.
fn prune(versions: &[VersionInfo], now: DateTime<Utc>, bound: Bound) {
    let n = versions.len();
    let young = now - TimeDelta::days(bound.keep_days);
    for (i, v) in versions.iter().enumerate() {
        let newer = n - 1 - i;
        let kept = newer < bound.max_versions && (newer < bound.keep_newest || v.time > young);
        if !kept {
            let _ = std::fs::remove_file(&v.path);
        }
    }
}

/// What the [`Keeper`]'s thread is asked to do.
enum Job {
    Saved {
        article: Arc<Article>,
        time: DateTime<Utc>,
        original: Option<Arc<Original>>,
    },
    Flush(mpsc::Sender<()>),
    Stop,
}

/// Where a document sends what it saved: a cheap handle to the [`Keeper`]'s thread.
#[derive(Debug, Clone)]
pub struct Sink {
    sender: mpsc::Sender<Job>,
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Saved { .. } => "Saved",
            Self::Flush(_) => "Flush",
            Self::Stop => "Stop",
        })
    }
}

impl Sink {
    /// The article was just saved at `time`: keep it as a version (and `original`, the
    /// copy it was imported from, if the store has none for it yet).
    pub fn saved(
        &self,
        article: Arc<Article>,
        time: DateTime<Utc>,
        original: Option<Arc<Original>>,
    ) {
        // Fails only when the thread is gone (the window is closing): the save stands.
        let _ = self.sender.send(Job::Saved {
            article,
            time,
            original,
        });
    }
}

/// Keeps versions on a thread of its own, so Save never waits for the store.
///
/// Dropping it writes what is pending and stops the thread.
pub struct Keeper {
    sink: Sink,
    errors: mpsc::Receiver<VersionError>,
    thread: Option<JoinHandle<()>>,
}

impl Keeper {
    /// Starts the thread writing to `store`.
    pub fn start(store: Store) -> Result<Self, VersionError> {
        let (sender, receiver) = mpsc::channel();
        let (error_sender, errors) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("newsdesk-versions".into())
            .spawn(move || keep(&store, &receiver, &error_sender))
            .map_err(|e| VersionError::io(Path::new("version store thread"), e))?;
        Ok(Self {
            sink: Sink { sender },
            errors,
            thread: Some(thread),
        })
    }

    /// A handle for a document to send its saves to.
    pub fn sink(&self) -> Sink {
        self.sink.clone()
    }

    /// Waits until everything sent so far is written (tests, benchmarks, the command line).
    pub fn flush(&self) {
        let (ack, done) = mpsc::channel();
        if self.sink.sender.send(Job::Flush(ack)).is_ok() {
            let _ = done.recv();
        }
    }

    /// Failures since last asked: the first of each run of failures only, so a full disk
    /// is reported once, not at every save.
    pub fn take_errors(&self) -> Vec<VersionError> {
        self.errors.try_iter().collect()
    }
}

impl Drop for Keeper {
    fn drop(&mut self) {
        let _ = self.sink.sender.send(Job::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The keeper's thread: one job at a time, remembering each article's newest version so
/// an unchanged save is noticed without reading the store.
fn keep(store: &Store, jobs: &mpsc::Receiver<Job>, errors: &mpsc::Sender<VersionError>) {
    let mut newest: HashMap<String, Arc<Article>> = HashMap::new();
    let mut failing = false;
    let mut report = |result: Result<Vec<VersionError>, VersionError>| match result {
        Ok(skipped) => {
            failing = false;
            for e in skipped {
                let _ = errors.send(e);
            }
        }
        Err(e) => {
            if !failing {
                let _ = errors.send(e);
            }
            failing = true;
        }
    };
    while let Ok(first) = jobs.recv() {
        if matches!(first, Job::Saved { .. }) {
            // Start after the window has drawn the frame of its save: woken at once, this
            // thread's diff and disk syncs took the core from the window on a busy
            // machine, making Save itself several milliseconds slower.
            std::thread::sleep(START_DELAY);
        }
        let batch: Vec<Job> = std::iter::once(first).chain(jobs.try_iter()).collect();
        for job in batch {
            match job {
                Job::Saved {
                    article,
                    time,
                    original,
                } => {
                    if let Some(original) = original {
                        let kept = store
                            .keep_original(&article.id, &original)
                            .map(|_| Vec::new());
                        let failed = kept.is_err();
                        report(kept);
                        if failed {
                            continue;
                        }
                    }
                    let previous = newest.get(&article.id).cloned();
                    match store.record(&article, time, previous.as_deref()) {
                        Ok((_, skipped)) => {
                            newest.insert(article.id.clone(), Arc::clone(&article));
                            report(Ok(skipped));
                        }
                        Err(e) => report(Err(e)),
                    }
                }
                Job::Flush(ack) => {
                    let _ = ack.send(());
                }
                Job::Stop => return,
            }
        }
    }
}

/// How long the keeper waits after a save before writing its version.
const START_DELAY: std::time::Duration = std::time::Duration::from_millis(50);

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            headline: "Ferry resumes".into(),
            body: body.into(),
            ..Article::default()
        }
    }

    fn at(days_ago: i64, now: DateTime<Utc>) -> DateTime<Utc> {
        now - TimeDelta::days(days_ago)
    }

    #[test]
    fn saves_are_versions_and_an_unchanged_save_adds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path());
        let id = crate::article::new_id();
        let now = Utc::now();
        let (v1, _) = store.record(&article(&id, "one two"), now, None).unwrap();
        assert_eq!(v1.unwrap().words_changed, 4, "headline and body words");
        let (same, _) = store.record(&article(&id, "one two"), now, None).unwrap();
        assert!(same.is_none(), "unchanged save kept");
        let (v2, _) = store.record(&article(&id, "one three"), now, None).unwrap();
        let v2 = v2.unwrap();
        assert_eq!((v2.number, v2.words_changed), (2, 2));
        let listing = store.list(&id).unwrap();
        assert_eq!(listing.versions.len(), 2);
        assert_eq!(store.load_number(&id, 1).unwrap().body, "one two");
        assert!(matches!(
            store.load_number(&id, 9),
            Err(VersionError::NoSuchVersion(9))
        ));
        assert!(matches!(store.list(""), Err(VersionError::NoId)));
    }

    #[test]
    fn the_bound_keeps_the_newest_or_the_young_and_never_over_the_cap() {
        // The real rule is 200 newest or 90 days, at most 1,000; scaled down here to 20 and
        // 50 so the test writes a few hundred files, not thousands. Same code.
        let dir = tempfile::tempdir().unwrap();
        let bound = Bound {
            keep_newest: 20,
            keep_days: KEEP_DAYS,
            max_versions: 50,
        };
        let store = Store::open(dir.path()).with_bound(bound);
        let id = crate::article::new_id();
        let now = Utc::now();
        // 25 versions a year old: the 20 newest stay.
        for i in 0..25 {
            let a = article(&id, &format!("old {i}"));
            store.record(&a, at(365, now), None).unwrap();
        }
        assert_eq!(store.list(&id).unwrap().versions.len(), 20);
        // Young versions are all kept, beyond 20, and push out old ones only past 20.
        for i in 0..30 {
            let a = article(&id, &format!("new {i}"));
            store.record(&a, at(1, now), None).unwrap();
        }
        let listing = store.list(&id).unwrap();
        assert_eq!(
            listing.versions.len(),
            30,
            "all young, the old beyond 20 gone"
        );
        assert!(listing.versions.iter().all(|v| v.time > at(KEEP_DAYS, now)));
        assert_eq!(listing.versions.last().unwrap().number, 55);
        // The cap, oldest first.
        let first_young = listing.versions[0].path.clone();
        for i in 0..25 {
            store
                .record(&article(&id, &format!("more {i}")), now, None)
                .unwrap();
        }
        assert_eq!(store.list(&id).unwrap().versions.len(), 50);
        assert!(!first_young.exists());
        assert_eq!(Bound::default().keep_newest, 200);
        assert_eq!(
            (Bound::default().keep_days, Bound::default().max_versions),
            (90, 1000)
        );
    }

    #[test]
    fn the_original_is_kept_once_and_read_back_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path());
        let id = crate::article::new_id();
        let original = Original {
            source: b"Caf\xe9 copy\r\n".to_vec(),
            source_name: "wire.txt".into(),
            format: Format::Txt,
            time: Utc::now(),
            article: article(&id, "as imported"),
        };
        assert!(store.keep_original(&id, &original).unwrap());
        let later = Original {
            source: b"other".to_vec(),
            ..original.clone()
        };
        assert!(
            !store.keep_original(&id, &later).unwrap(),
            "first import stays"
        );
        let back = store.original(&id).unwrap();
        assert_eq!(back.source, original.source);
        assert_eq!(back.article, original.article);
        assert_eq!(back.source_name, "wire.txt");
        assert_eq!(back.format, Format::Txt);
        assert_eq!(
            store.list(&id).unwrap().original.unwrap().source_name,
            "wire.txt"
        );
        // The first version counts its words against the original.
        let (v1, _) = store
            .record(&article(&id, "as edited"), Utc::now(), None)
            .unwrap();
        assert_eq!(v1.unwrap().words_changed, 2);
        let other = crate::article::new_id();
        assert!(matches!(
            store.original(&other),
            Err(VersionError::NoOriginal)
        ));
    }

    #[test]
    fn a_corrupt_snapshot_is_reported_and_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path());
        let id = crate::article::new_id();
        let now = Utc::now();
        store.record(&article(&id, "good"), now, None).unwrap();
        let (v2, _) = store.record(&article(&id, "newer"), now, None).unwrap();
        std::fs::write(&v2.unwrap().path, "(version: 1, body: \"trunc").unwrap();
        let (latest, errors) = store.latest(&id).unwrap();
        assert_eq!(latest.unwrap().1.body, "good");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().contains("unreadable stored version"));
        // Saving again still works and counts from the version that reads.
        let (v3, skipped) = store.record(&article(&id, "good"), now, None).unwrap();
        assert!(v3.is_none(), "equal to the newest readable version");
        assert_eq!(skipped.len(), 1);
        // Files that are not ours are ignored.
        std::fs::write(dir.path().join(key(&id)).join("notes.txt"), "x").unwrap();
        assert_eq!(store.list(&id).unwrap().versions.len(), 2);
    }

    #[test]
    fn ids_that_are_not_uuids_get_a_safe_folder() {
        let id = crate::article::new_id();
        assert_eq!(key(&id), id);
        for odd in ["../../etc", "a/b", "20240101123000", "C:\\x", "ÄBC"] {
            let k = key(odd);
            assert!(uuid::Uuid::try_parse(&k).is_ok(), "{odd} -> {k}");
            assert_eq!(key(odd), k, "stable");
        }
        assert_ne!(key("a"), key("b"));
        assert_ne!(key(&id.to_uppercase()), id.to_uppercase());
    }

    #[test]
    fn the_keeper_writes_off_thread_and_reports_a_failure_once() {
        let dir = tempfile::tempdir().unwrap();
        let keeper = Keeper::start(Store::open(dir.path().join("store"))).unwrap();
        let sink = keeper.sink();
        let id = crate::article::new_id();
        sink.saved(Arc::new(article(&id, "one")), Utc::now(), None);
        sink.saved(Arc::new(article(&id, "one")), Utc::now(), None);
        sink.saved(Arc::new(article(&id, "two")), Utc::now(), None);
        keeper.flush();
        let store = Store::open(dir.path().join("store"));
        assert_eq!(store.list(&id).unwrap().versions.len(), 2);
        assert!(keeper.take_errors().is_empty());

        // A file where the store's folder should be: every save fails, reported once.
        let blocked = dir.path().join("blocked");
        std::fs::write(&blocked, "in the way").unwrap();
        let keeper = Keeper::start(Store::open(&blocked)).unwrap();
        for i in 0..3 {
            keeper
                .sink()
                .saved(Arc::new(article(&id, &format!("v{i}"))), Utc::now(), None);
        }
        keeper.flush();
        let errors = keeper.take_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].to_string().contains("blocked"), "{}", errors[0]);
    }
}
