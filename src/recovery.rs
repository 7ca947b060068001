//! Crash recovery: unsaved edits journaled to disk, so a crash or kill loses nothing.
//!
//! Every open document has a stable [`DocId`] and, while it has unsaved edits, one journal
//! file `<id>.ron` in the recovery folder ([`default_dir`]: the platform data directory, or
//! the folder named by [`ENV_DIR`]). A journal holds the article in Newsdesk's RON format —
//! the same writer and reader as `.ron` files, so recovery restores the exact text — plus the
//! document's original path (none for an untitled article), its format and the time of the
//! last edit. Journals are written atomically through [`crate::fsio::write_atomic`], so a
//! crash mid-journal leaves the previous journal whole.
//!
//! [`Autosaver`] does the writing on its own thread: the window hands it a cheap snapshot on
//! every change and it writes once the edits pause (and at least every two seconds while
//! typing continues), never on the UI thread. On the next start, [`Journal::list`] shows
//! what a crashed run left; each entry is recovered or discarded by the user. A journal that
//! cannot be read is reported, never deleted behind the user's back.
//!
//! Two windows may run at once. While an autosaver keeps a journal it holds an exclusive
//! lock on `<id>.lock` beside it (the operating system releases it when the process ends,
//! crash or not), and [`Journal::list`] leaves out journals whose lock is held: another
//! window's live document is neither offered for recovery nor discarded from under it.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::formats::{self, Format};
use crate::fsio;

/// Environment variable naming the recovery folder, overriding the platform default (for
/// tests, portable installs and the crash test).
pub const ENV_DIR: &str = "NEWSDESK_RECOVERY_DIR";

/// The journal layout this build writes and the newest it reads.
pub const JOURNAL_VERSION: u32 = 1;

/// Extension of journal files in the recovery folder.
const EXTENSION: &str = "ron";

/// Extension of the lock file a running autosaver holds beside each of its journals.
const LOCK_EXTENSION: &str = "lock";

/// Why a journal could not be written, read or removed.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// Neither [`ENV_DIR`] nor a home folder tells where the recovery folder is.
    #[error("no recovery folder: no home folder found; set {ENV_DIR}")]
    NoDataDir,
    /// The file system refused (full disk, permissions, …).
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// The file is not a journal this build can read: damaged, or from a newer Newsdesk.
    #[error("{}: unreadable recovery journal: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },
    /// An id that could not have come from [`DocId::new`] (it would name another file).
    #[error("`{0}` is not a recovery journal id")]
    BadId(String),
}

impl RecoveryError {
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

/// The recovery folder: [`ENV_DIR`] when set, else `recovery` in the platform's local data
/// folder — `~/.local/share/newsdesk/recovery` on Linux (`$XDG_DATA_HOME` respected),
/// `~/Library/Application Support/Newsdesk/recovery` on macOS,
/// `%LOCALAPPDATA%\Newsdesk\data\recovery` on Windows. Local, not roaming: a journal
/// belongs to the machine whose run crashed.
pub fn default_dir() -> Result<PathBuf, RecoveryError> {
    if let Some(dir) = std::env::var_os(ENV_DIR).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "Newsdesk")
        .map(|p| p.data_local_dir().join("recovery"))
        .ok_or(RecoveryError::NoDataDir)
}

/// A stable name for one open document, fixed for as long as the document is open (and
/// kept when it is recovered), so its journal is overwritten rather than duplicated.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(String);

impl DocId {
    /// A new id, unique across processes: start time, process id and a counter.
    pub fn new() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        Self(format!("{nanos:x}-{:x}-{n:x}", std::process::id()))
    }

    /// Parses an id, accepting only what could be a file name of ours: ASCII letters,
    /// digits and `-`, so no id can point outside the recovery folder.
    pub fn parse(text: &str) -> Result<Self, RecoveryError> {
        let valid = !text.is_empty()
            && text.len() <= 64
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if valid {
            Ok(Self(text.to_owned()))
        } else {
            Err(RecoveryError::BadId(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for DocId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One journaled document: what recovery offers and restores.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: DocId,
    /// The file the article was opened from or last saved to; `None` for an untitled one.
    pub path: Option<PathBuf>,
    /// The format of that file, so recovery can save back to it.
    pub format: Option<Format>,
    /// When the journaled edit was made.
    pub time: DateTime<Utc>,
    pub article: Article,
}

/// On disk. The article is kept as the text of a `.ron` file, so its exactness rests on the
/// one RON reader and writer the rest of Newsdesk uses.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JournalFile {
    journal: u32,
    /// Lossy for a path that is not Unicode: the article matters more than the path, and a
    /// recovered article can always be saved somewhere new.
    path: Option<String>,
    format: Option<String>,
    time: DateTime<Utc>,
    article: String,
}

/// Only the version, read first, so a newer journal is named as newer, not as damaged.
#[derive(Deserialize)]
struct VersionProbe {
    journal: u32,
}

fn format_name(format: Format) -> &'static str {
    format.extension()
}

fn format_from_name(name: &str) -> Option<Format> {
    [Format::Ron, Format::Md, Format::Txt]
        .into_iter()
        .find(|f| f.extension() == name)
}

/// The journal text for an entry.
fn encode(entry: &Entry) -> Result<String, String> {
    let file = JournalFile {
        journal: JOURNAL_VERSION,
        path: entry
            .path
            .as_ref()
            .map(|p| p.to_string_lossy().into_owned()),
        format: entry.format.map(|f| format_name(f).to_owned()),
        time: entry.time,
        article: formats::ron::to_string(&entry.article).map_err(|e| e.to_string())?,
    };
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .escape_strings(false);
    ron::ser::to_string_pretty(&file, config).map_err(|e| e.to_string())
}

/// Reads journal text; `path` is only for messages.
fn decode(id: DocId, text: &str, path: &Path) -> Result<Entry, RecoveryError> {
    let probe: VersionProbe = ron::from_str(text).map_err(|e| RecoveryError::corrupt(path, e))?;
    if probe.journal != JOURNAL_VERSION {
        return Err(RecoveryError::corrupt(
            path,
            format_args!(
                "journal version {} (this Newsdesk reads {JOURNAL_VERSION}); open it with a newer Newsdesk",
                probe.journal
            ),
        ));
    }
    let file: JournalFile = ron::from_str(text).map_err(|e| RecoveryError::corrupt(path, e))?;
    let article = formats::ron::from_str(&file.article)
        .map_err(|e| RecoveryError::corrupt(path, format_args!("article: {e}")))?;
    let format = match file.format.as_deref() {
        None => None,
        Some(name) => Some(format_from_name(name).ok_or_else(|| {
            RecoveryError::corrupt(path, format_args!("unknown format `{name}`"))
        })?),
    };
    Ok(Entry {
        id,
        path: file.path.map(PathBuf::from),
        format,
        time: file.time,
        article,
    })
}

/// What a recovery folder holds: journals that read, and those that did not.
#[derive(Debug, Default)]
pub struct Listing {
    /// Readable journals, oldest edit first.
    pub entries: Vec<Entry>,
    /// Journals that could not be read, each with its id so the user may discard it
    /// explicitly; they are left on disk until then.
    pub unreadable: Vec<(DocId, RecoveryError)>,
}

/// The recovery folder: writes, lists, reads and removes journals.
#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
}

impl Journal {
    /// The journal in `dir`, creating the folder if needed.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, RecoveryError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|e| RecoveryError::io(&dir, e))?;
        Ok(Self { dir })
    }

    /// The journal in [`default_dir`].
    pub fn open_default() -> Result<Self, RecoveryError> {
        Self::open(default_dir()?)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file holding `id`'s journal.
    pub fn file(&self, id: &DocId) -> PathBuf {
        self.dir.join(format!("{}.{EXTENSION}", id.as_str()))
    }

    /// The lock file beside `id`'s journal.
    fn lock_file(&self, id: &DocId) -> PathBuf {
        self.dir.join(format!("{}.{LOCK_EXTENSION}", id.as_str()))
    }

    /// Takes the lock that marks `id`'s journal as kept by this process; held until the
    /// returned file is dropped or the process ends.
    fn hold(&self, id: &DocId) -> Result<std::fs::File, RecoveryError> {
        let path = self.lock_file(id);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| RecoveryError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => Err(RecoveryError::io(
                &path,
                io::Error::new(io::ErrorKind::WouldBlock, "held by another Newsdesk"),
            )),
            Err(std::fs::TryLockError::Error(e)) => Err(RecoveryError::io(&path, e)),
        }
    }

    /// Whether another running autosaver (in this process or another) holds `id`'s lock.
    pub fn is_held(&self, id: &DocId) -> bool {
        std::fs::File::open(self.lock_file(id))
            .is_ok_and(|f| matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)))
    }

    /// Writes (or replaces) the journal for `entry.id`, atomically.
    pub fn write(&self, entry: &Entry) -> Result<(), RecoveryError> {
        let path = self.file(&entry.id);
        let text = encode(entry).map_err(|m| RecoveryError::corrupt(&path, m))?;
        fsio::write_atomic(&path, text.as_bytes()).map_err(|e| RecoveryError::io(&path, e))
    }

    /// Reads one journal, to restore it.
    pub fn recover(&self, id: &DocId) -> Result<Entry, RecoveryError> {
        let path = self.file(id);
        let text = fsio::read_text(&path).map_err(|e| RecoveryError::corrupt(&path, e))?;
        decode(id.clone(), &text, &path)
    }

    /// Removes one journal: the article was saved, or the user discarded it. Removing a
    /// journal that is not there is not an error (it was never written, or already gone).
    pub fn discard(&self, id: &DocId) -> Result<(), RecoveryError> {
        let path = self.file(id);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(RecoveryError::io(&path, e)),
            _ => {
                // Without its journal the lock file means nothing; where the system will
                // not remove it yet (Windows, while held), it is harmless.
                let _ = std::fs::remove_file(self.lock_file(id));
                Ok(())
            }
        }
    }

    /// Every journal in the folder that no running autosaver holds: those a run that did
    /// not finish left behind. Files that are not journals (other names, temporary files)
    /// are ignored.
    pub fn list(&self) -> Result<Listing, RecoveryError> {
        let entries = std::fs::read_dir(&self.dir).map_err(|e| RecoveryError::io(&self.dir, e))?;
        let mut listing = Listing::default();
        for dir_entry in entries {
            let dir_entry = dir_entry.map_err(|e| RecoveryError::io(&self.dir, e))?;
            let path = dir_entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
                continue;
            }
            let Some(id) = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| DocId::parse(s).ok())
            else {
                continue;
            };
            if self.is_held(&id) {
                continue;
            }
            match self.recover(&id) {
                Ok(entry) => listing.entries.push(entry),
                Err(e) => listing.unreadable.push((id, e)),
            }
        }
        listing
            .entries
            .sort_by(|a, b| a.time.cmp(&b.time).then_with(|| a.id.cmp(&b.id)));
        listing.unreadable.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(listing)
    }
}

/// What the window hands the [`Autosaver`] on every change: cheap to make, since the
/// article is shared, not copied.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub id: DocId,
    pub article: Arc<Article>,
    pub path: Option<PathBuf>,
    pub format: Option<Format>,
}

/// When the [`Autosaver`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Write once the edits have paused this long.
    pub quiet: Duration,
    /// But never leave an edit unjournaled longer than this, however fast the typing.
    pub max_wait: Duration,
}

impl Default for Timing {
    /// Within two seconds of any edit, and after a short pause sooner: a crash loses at most
    /// the last two seconds of typing, and steady typing costs one small write per two
    /// seconds.
    fn default() -> Self {
        Self {
            quiet: Duration::from_millis(750),
            max_wait: Duration::from_secs(2),
        }
    }
}

enum Message {
    Changed(Snapshot, DateTime<Utc>),
    Forget(DocId),
    Flush(mpsc::Sender<()>),
}

/// Journals unsaved edits on a background thread.
///
/// Dropping it writes whatever is pending and stops the thread; a journal is removed only
/// by [`Autosaver::saved`] or [`Autosaver::discarded`], so quitting with unsaved edits
/// (without discarding them) leaves them recoverable.
pub struct Autosaver {
    sender: Option<mpsc::Sender<Message>>,
    errors: mpsc::Receiver<RecoveryError>,
    thread: Option<JoinHandle<()>>,
}

impl Autosaver {
    /// Starts the autosave thread writing to `journal` with the [`Timing::default`].
    pub fn start(journal: Journal) -> Result<Self, RecoveryError> {
        Self::with_timing(journal, Timing::default())
    }

    pub fn with_timing(journal: Journal, timing: Timing) -> Result<Self, RecoveryError> {
        let (sender, receiver) = mpsc::channel();
        let (error_sender, errors) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("newsdesk-autosave".into())
            .spawn(move || Worker::new(journal, timing, error_sender).run(&receiver))
            .map_err(|e| RecoveryError::io(Path::new("autosave thread"), e))?;
        Ok(Self {
            sender: Some(sender),
            errors,
            thread: Some(thread),
        })
    }

    fn send(&self, message: Message) {
        if let Some(sender) = &self.sender {
            // Fails only if the thread is gone, which only a bug in it can cause; the
            // window keeps working, it only loses autosave.
            let _ = sender.send(message);
        }
    }

    /// The document changed: journal this snapshot once the edits pause.
    pub fn changed(&self, snapshot: Snapshot) {
        self.send(Message::Changed(snapshot, Utc::now()));
    }

    /// The document was saved: its journal is no longer needed.
    pub fn saved(&self, id: &DocId) {
        self.send(Message::Forget(id.clone()));
    }

    /// The user discarded the document's unsaved edits: remove its journal.
    pub fn discarded(&self, id: &DocId) {
        self.send(Message::Forget(id.clone()));
    }

    /// Writes everything pending now and waits until it is on disk (for tests, and before
    /// anything that may not return, such as a risky external call).
    pub fn flush(&self) {
        let (ack, done) = mpsc::channel();
        self.send(Message::Flush(ack));
        let _ = done.recv();
    }

    /// Failures since the last call (a full disk, a read-only recovery folder), for the
    /// window to show once each.
    pub fn take_errors(&self) -> Vec<RecoveryError> {
        self.errors.try_iter().collect()
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        // Closing the channel tells the thread to write what is pending and stop.
        self.sender = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A change not yet journaled.
struct Pending {
    snapshot: Snapshot,
    time: DateTime<Utc>,
    first: Instant,
    last: Instant,
}

struct Worker {
    journal: Journal,
    timing: Timing,
    errors: mpsc::Sender<RecoveryError>,
    pending: HashMap<DocId, Pending>,
    /// The lock files of the journals this worker keeps, held until they are forgotten.
    locks: HashMap<DocId, std::fs::File>,
}

impl Worker {
    fn new(journal: Journal, timing: Timing, errors: mpsc::Sender<RecoveryError>) -> Self {
        Self {
            journal,
            timing,
            errors,
            pending: HashMap::new(),
            locks: HashMap::new(),
        }
    }

    fn deadline(&self, p: &Pending) -> Instant {
        (p.last + self.timing.quiet).min(p.first + self.timing.max_wait)
    }

    fn run(mut self, receiver: &mpsc::Receiver<Message>) {
        loop {
            let next = self.pending.values().map(|p| self.deadline(p)).min();
            let message = match next {
                None => receiver.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(at) => receiver.recv_timeout(at.saturating_duration_since(Instant::now())),
            };
            match message {
                Ok(Message::Changed(snapshot, time)) => {
                    let now = Instant::now();
                    let first = self.pending.get(&snapshot.id).map_or(now, |p| p.first);
                    self.pending.insert(
                        snapshot.id.clone(),
                        Pending {
                            snapshot,
                            time,
                            first,
                            last: now,
                        },
                    );
                }
                Ok(Message::Forget(id)) => {
                    self.pending.remove(&id);
                    if let Err(e) = self.journal.discard(&id) {
                        self.report(e);
                    }
                    self.locks.remove(&id);
                }
                Ok(Message::Flush(ack)) => {
                    self.write_due(None);
                    let _ = ack.send(());
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    self.write_due(None);
                    return;
                }
            }
            self.write_due(Some(Instant::now()));
        }
    }

    /// Writes the pending changes due by `now`, or all of them for `None`.
    fn write_due(&mut self, now: Option<Instant>) {
        let due: Vec<DocId> = self
            .pending
            .iter()
            .filter(|(_, p)| now.is_none_or(|now| self.deadline(p) <= now))
            .map(|(id, _)| id.clone())
            .collect();
        for id in due {
            let Some(p) = self.pending.remove(&id) else {
                continue;
            };
            let entry = Entry {
                id: id.clone(),
                path: p.snapshot.path.clone(),
                format: p.snapshot.format,
                time: p.time,
                article: Article::clone(&p.snapshot.article),
            };
            if !self.locks.contains_key(&id) {
                // Best effort: without the lock the journal is still written, and another
                // window would merely offer it too. A failure here is reported by the write.
                if let Ok(lock) = self.journal.hold(&id) {
                    self.locks.insert(id.clone(), lock);
                }
            }
            if let Err(e) = self.journal.write(&entry) {
                self.report(e);
                // Keep it and try again after another full wait, rather than lose it or
                // retry in a tight loop against a full disk.
                let now = Instant::now();
                self.pending.insert(
                    id,
                    Pending {
                        first: now,
                        last: now,
                        ..p
                    },
                );
            }
        }
    }

    fn report(&self, error: RecoveryError) {
        let _ = self.errors.send(error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn tricky() -> Article {
        let mut a = Article {
            headline: "Quotes \"a\" and r#\"raw\"# and \\ backslash".into(),
            byline: "Nama Penulis".into(),
            body: "Line one\r\nLine two\n\n---\n\ttab, emoji 📰, RTL שלום, NUL-free \u{7}\n".into(),
            credit: "ANTARA".into(),
            language: "id".into(),
            ..Article::default()
        };
        a.dateline.place = "Tangerang Selatan".into();
        a.dateline.date = NaiveDate::from_ymd_opt(2024, 10, 1);
        a.extra.insert("tags".into(), vec!["a", "b"].into());
        a
    }

    fn entry(article: Article, path: Option<&str>) -> Entry {
        Entry {
            id: DocId::new(),
            path: path.map(PathBuf::from),
            format: path.map(|_| Format::Md),
            time: Utc::now(),
            article,
        }
    }

    fn snapshot(id: &DocId, headline: &str) -> Snapshot {
        Snapshot {
            id: id.clone(),
            article: Arc::new(Article {
                headline: headline.into(),
                ..Article::default()
            }),
            path: None,
            format: None,
        }
    }

    #[test]
    fn a_journal_restores_the_exact_article_path_format_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        let e = entry(tricky(), Some("/news/café story.md"));
        journal.write(&e).unwrap();
        assert_eq!(journal.recover(&e.id).unwrap(), e);
        let untitled = entry(Article::default(), None);
        journal.write(&untitled).unwrap();
        let listing = journal.list().unwrap();
        assert_eq!(listing.entries.len(), 2);
        assert!(listing.unreadable.is_empty());
        assert!(listing.entries.contains(&untitled));
    }

    #[test]
    fn corrupt_and_newer_journals_are_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        let good = entry(tricky(), None);
        journal.write(&good).unwrap();
        let broken = dir.path().join("abc-1.ron");
        std::fs::write(&broken, "(journal: 1, path: None, arti").unwrap();
        let newer = dir.path().join("abc-2.ron");
        std::fs::write(&newer, "(journal: 9, hologram: true)").unwrap();
        let binary = dir.path().join("abc-3.ron");
        std::fs::write(&binary, b"\0\x01\x02").unwrap();
        // Not ours: ignored, neither listed nor reported.
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();

        let listing = journal.list().unwrap();
        assert_eq!(listing.entries, vec![good]);
        let ids: Vec<&str> = listing
            .unreadable
            .iter()
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(ids, ["abc-1", "abc-2", "abc-3"]);
        let newer_msg = listing.unreadable[1].1.to_string();
        assert!(newer_msg.contains("journal version 9"), "{newer_msg}");
        assert!(newer_msg.contains("abc-2.ron"), "{newer_msg}");
        for p in [&broken, &newer, &binary] {
            assert!(p.exists(), "{} was deleted", p.display());
        }
        journal.discard(&DocId::parse("abc-1").unwrap()).unwrap();
        assert!(!broken.exists());
    }

    #[test]
    fn ids_cannot_name_files_outside_the_folder() {
        for bad in ["", "../x", "a/b", "a.b", "a\\b", &"x".repeat(65)] {
            assert!(DocId::parse(bad).is_err(), "{bad:?} accepted");
        }
        let id = DocId::new();
        assert_eq!(DocId::parse(id.as_str()).unwrap(), id);
        assert_ne!(DocId::new(), DocId::new());
    }

    #[test]
    fn autosaver_writes_the_latest_snapshot_after_a_pause_and_forgets_on_save() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        let timing = Timing {
            quiet: Duration::from_millis(50),
            max_wait: Duration::from_mins(1),
        };
        let saver = Autosaver::with_timing(journal.clone(), timing).unwrap();
        let id = DocId::new();
        saver.changed(snapshot(&id, "first"));
        saver.changed(snapshot(&id, "second"));
        // The worker writes on its own after the pause; poll rather than assume a speed.
        let start = Instant::now();
        while !journal.file(&id).exists() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(journal.recover(&id).unwrap().article.headline, "second");
        saver.saved(&id);
        saver.flush();
        assert!(!journal.file(&id).exists(), "journal kept after save");
        assert!(saver.take_errors().is_empty());
    }

    #[test]
    fn steady_typing_is_journaled_by_the_max_wait() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        let timing = Timing {
            quiet: Duration::from_hours(1),
            max_wait: Duration::from_millis(100),
        };
        let saver = Autosaver::with_timing(journal.clone(), timing).unwrap();
        let id = DocId::new();
        let start = Instant::now();
        let mut n = 0;
        // Changes every 10 ms never pause for the hour-long quiet time.
        while !journal.file(&id).exists() && start.elapsed() < Duration::from_secs(10) {
            saver.changed(snapshot(&id, &format!("v{n}")));
            n += 1;
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(journal.file(&id).exists(), "never written while typing");
        drop(saver);
        // On drop the last snapshot is written, so the journal holds the newest text.
        assert_eq!(
            journal.recover(&id).unwrap().article.headline,
            format!("v{}", n - 1)
        );
    }

    #[test]
    fn discarded_documents_are_not_written_later() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        let saver = Autosaver::start(journal.clone()).unwrap();
        let kept = DocId::new();
        let gone = DocId::new();
        saver.changed(snapshot(&kept, "keep"));
        saver.changed(snapshot(&gone, "drop"));
        saver.discarded(&gone);
        drop(saver);
        assert!(journal.file(&kept).exists());
        assert!(!journal.file(&gone).exists());
    }

    #[test]
    fn a_running_autosavers_journals_are_not_listed_until_it_stops() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        let live = Autosaver::start(journal.clone()).unwrap();
        let id = DocId::new();
        live.changed(snapshot(&id, "still being edited"));
        live.flush();
        assert!(journal.file(&id).exists());
        assert!(journal.is_held(&id));
        // Another window starting now sees nothing to recover.
        let listing = journal.list().unwrap();
        assert!(listing.entries.is_empty(), "{:?}", listing.entries);

        // Its process ends with the edits unsaved (here: the autosaver stops): offered.
        drop(live);
        assert!(!journal.is_held(&id));
        let listing = journal.list().unwrap();
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.entries[0].article.headline, "still being edited");

        // Discarding removes the journal and its lock file.
        journal.discard(&id).unwrap();
        assert!(!journal.file(&id).exists());
        assert!(!journal.lock_file(&id).exists());
    }

    #[test]
    fn a_saved_document_leaves_no_lock_file() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        let saver = Autosaver::start(journal.clone()).unwrap();
        let id = DocId::new();
        saver.changed(snapshot(&id, "x"));
        saver.flush();
        assert!(journal.lock_file(&id).exists());
        saver.saved(&id);
        saver.flush();
        assert!(!journal.file(&id).exists());
        assert!(!journal.lock_file(&id).exists());
        assert!(saver.take_errors().is_empty());
    }

    #[test]
    fn write_failures_are_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path().join("recovery")).unwrap();
        // Replace the folder by a file: every write now fails, for root too.
        std::fs::remove_dir(journal.dir()).unwrap();
        std::fs::write(journal.dir(), "in the way").unwrap();
        let saver = Autosaver::start(journal.clone()).unwrap();
        saver.changed(snapshot(&DocId::new(), "x"));
        saver.flush();
        let errors = saver.take_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].to_string().contains("recovery"), "{}", errors[0]);
    }
}
