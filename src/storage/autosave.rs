//! The autosaver: unsaved edits journaled on a background thread, never on the UI thread.
//!
//! The window hands [`Autosaver::changed`] a [`Snapshot`] (the article behind an `Arc`, the
//! same one the checks thread gets) when typing pauses, after each command, and at least every
//! two seconds while typing goes on; the autosaver writes it through [`Journal::write`] once
//! the edits pause ([`Timing`]). It keeps only the newest snapshot per document, so a slow
//! disk never queues copies of the article.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::journal::{DocId, Journal, RecoveryError, Written};
use crate::article::Article;
use crate::formats::Format;

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
            let entry = Written {
                id: &id,
                path: p.snapshot.path.as_deref(),
                format: p.snapshot.format,
                time: p.time,
                article: &p.snapshot.article,
            };
            if !self.locks.contains_key(&id) {
                // Best effort: without the lock the journal is still written, and another
                // window would merely offer it too. A failure here is reported by the write.
                if let Ok(lock) = self.journal.hold(&id) {
                    self.locks.insert(id.clone(), lock);
                }
            }
            if let Err(e) = self.journal.write_borrowed(&entry) {
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
