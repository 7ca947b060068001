//! Crash-recovery journals: unsaved edits kept on disk, so a crash or kill loses nothing.
//!
//! Every open document has a stable [`DocId`] and, while it has unsaved edits, one journal
//! file `<id>.ron` in the recovery folder ([`default_dir`]: `recovery` in the platform data
//! folder of [`super::dirs`], or the folder named by [`ENV_DIR`]). A journal holds the article
//! in Newsdesk's RON format — the same writer and reader as `.ron` files, so recovery restores
//! the exact text — plus the document's original path (none for an untitled article), its
//! format and the time of the last edit. Journals are written atomically through
//! [`super::fsio::write_atomic`], so a crash mid-journal leaves the previous journal whole.
//! The writing happens off the UI thread, in [`super::autosave`].
//!
//! On the next start, [`Journal::list`] shows what a crashed run left; each entry is
//! recovered or discarded by the user. A journal that cannot be read is reported, never
//! deleted behind the user's back.
//!
//! Two windows may run at once. While an autosaver keeps a journal it holds an exclusive
//! lock on `<id>.lock` beside it (the operating system releases it when the process ends,
//! crash or not), and [`Journal::list`] leaves out journals whose lock is held: another
//! window's live document is neither offered for recovery nor discarded from under it.
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::fsio;
use crate::article::Article;
use crate::formats::{self, Format};

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
    #[error(
        "no recovery folder: no home folder found; set {} or {ENV_DIR}",
        super::dirs::ENV_DATA_DIR
    )]
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
    pub(super) fn io(path: &Path, source: io::Error) -> Self {
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

/// The recovery folder: [`ENV_DIR`] when set, else `recovery` in the data folder
/// ([`super::dirs::data_dir`]). Local, not roaming: a journal belongs to the machine whose
/// run crashed.
pub fn default_dir() -> Result<PathBuf, RecoveryError> {
    if let Some(dir) = std::env::var_os(ENV_DIR).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    super::dirs::data_dir()
        .map(|d| d.join("recovery"))
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

/// An [`Entry`] to write, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct Written<'a> {
    pub id: &'a DocId,
    pub path: Option<&'a Path>,
    pub format: Option<Format>,
    pub time: DateTime<Utc>,
    pub article: &'a Article,
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
    // Every format a document can be opened from (an edited ninjs or agency item is
    // journaled with its original's format too).
    [
        Format::Ron,
        Format::Md,
        Format::Txt,
        Format::Json,
        Format::Newsml,
    ]
    .into_iter()
    .find(|f| f.extension() == name)
}

/// The journal text for an entry.
fn encode(entry: &Written<'_>) -> Result<String, String> {
    let file = JournalFile {
        journal: JOURNAL_VERSION,
        path: entry.path.map(|p| p.to_string_lossy().into_owned()),
        format: entry.format.map(|f| format_name(f).to_owned()),
        time: entry.time,
        article: formats::ron::to_string(entry.article).map_err(|e| e.to_string())?,
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
    pub(super) fn lock_file(&self, id: &DocId) -> PathBuf {
        self.dir.join(format!("{}.{LOCK_EXTENSION}", id.as_str()))
    }

    /// Takes the lock that marks `id`'s journal as kept by this process; held until the
    /// returned file is dropped or the process ends.
    pub(super) fn hold(&self, id: &DocId) -> Result<std::fs::File, RecoveryError> {
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
        self.write_borrowed(&Written {
            id: &entry.id,
            path: entry.path.as_deref(),
            format: entry.format,
            time: entry.time,
            article: &entry.article,
        })
    }

    /// [`Self::write`] from borrowed parts: the autosaver writes the window's shared
    /// snapshot without copying the article.
    pub fn write_borrowed(&self, entry: &Written<'_>) -> Result<(), RecoveryError> {
        let path = self.file(entry.id);
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
    fn edits_of_an_agency_item_or_ninjs_recover_with_their_format() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        for format in [Format::Newsml, Format::Json, Format::Txt] {
            let mut e = entry(tricky(), Some("/wire/item.xml"));
            e.format = Some(format);
            journal.write(&e).unwrap();
            assert_eq!(journal.recover(&e.id).unwrap().format, Some(format));
        }
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
}
