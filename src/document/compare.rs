//! The compare view's work, off the UI thread: reading the version to compare with (from
//! memory or the version store) and diffing it with the article, and listing the stored
//! versions. At 100,000 words a diff takes longer than a frame; the window submits and goes
//! on drawing, and shows the result when it is back.
//!
//! Like the checks worker, it runs only the newest request of each kind it has been given
//! and answers with the caller's ticket; a result for an old ticket is for the caller to
//! drop. Where no thread can be started, requests run on the caller's thread.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use crate::article::Article;
use crate::diff::{self, ArticleDiff};
use crate::storage::versions::{Store, VersionInfo};

/// What to compare the article with.
#[derive(Debug, Clone)]
pub enum Base {
    /// An article in hand: the copy last saved, an original imported this session.
    Article(Arc<Article>),
    /// Version `number` of the article `id` in the store.
    Version {
        store: Store,
        id: String,
        number: u32,
    },
    /// The original stored for the article `id`.
    Original { store: Store, id: String },
}

/// What the worker sends back.
#[derive(Debug, Clone)]
pub enum Reply {
    Diff {
        ticket: u64,
        /// The version compared with, for Restore.
        base: Arc<Article>,
        diff: Arc<ArticleDiff>,
    },
    /// The version could not be read (reported in the window, never a crash).
    Failed { ticket: u64, error: String },
    Versions {
        ticket: u64,
        listing: Result<Vec<VersionInfo>, String>,
    },
}

enum Job {
    Diff {
        ticket: u64,
        current: Arc<Article>,
        base: Base,
    },
    List {
        ticket: u64,
        store: Store,
        id: String,
    },
}

/// The compare thread, stopped when dropped.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    results: Option<Receiver<Reply>>,
    ready: Vec<Reply>,
}

impl Worker {
    /// Starts the thread; `notify` runs on it after each reply (the window's repaint).
    pub fn new(notify: impl Fn() + Send + 'static) -> Self {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, results) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("newsdesk-compare".into())
            .spawn(move || {
                while let Ok(first) = inbox.recv() {
                    // Only the newest of each kind matters.
                    let (mut diff_job, mut list_job) = (None, None);
                    for job in std::iter::once(first).chain(inbox.try_iter()) {
                        match job {
                            Job::Diff { .. } => diff_job = Some(job),
                            Job::List { .. } => list_job = Some(job),
                        }
                    }
                    for job in [list_job, diff_job].into_iter().flatten() {
                        if outbox.send(run(job)).is_err() {
                            return;
                        }
                        notify();
                    }
                }
            });
        match spawned {
            Ok(_) => Self {
                jobs: Some(jobs),
                results: Some(results),
                ready: Vec::new(),
            },
            Err(_) => Self {
                jobs: None,
                results: None,
                ready: Vec::new(),
            },
        }
    }

    fn send(&mut self, job: Job) {
        let job = match &self.jobs {
            Some(jobs) => match jobs.send(job) {
                Ok(()) => return,
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        self.jobs = None;
        self.results = None;
        self.ready.push(run(job));
    }

    /// Asks for the diff of `current` against `base`, to come back with `ticket`.
    pub fn diff(&mut self, ticket: u64, current: Arc<Article>, base: Base) {
        self.send(Job::Diff {
            ticket,
            current,
            base,
        });
    }

    /// Asks for the list of `id`'s stored versions.
    pub fn list(&mut self, ticket: u64, store: Store, id: String) {
        self.send(Job::List { ticket, store, id });
    }

    /// The replies finished since the last call, oldest first.
    pub fn poll(&mut self) -> Vec<Reply> {
        let mut out = std::mem::take(&mut self.ready);
        if let Some(results) = &self.results {
            loop {
                match results.try_recv() {
                    Ok(reply) => out.push(reply),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.jobs = None;
                        self.results = None;
                        break;
                    }
                }
            }
        }
        out
    }
}

fn run(job: Job) -> Reply {
    match job {
        Job::Diff {
            ticket,
            current,
            base,
        } => {
            let base = match base {
                Base::Article(a) => Ok(a),
                Base::Version { store, id, number } => store.load_number(&id, number).map(Arc::new),
                Base::Original { store, id } => store.original(&id).map(|o| Arc::new(o.article)),
            };
            match base {
                Ok(base) => {
                    let diff = Arc::new(diff::diff(&base, &current));
                    Reply::Diff { ticket, base, diff }
                }
                Err(e) => Reply::Failed {
                    ticket,
                    error: e.to_string(),
                },
            }
        }
        Job::List { ticket, store, id } => Reply::Versions {
            ticket,
            listing: store
                .list(&id)
                .map(|l| l.versions)
                .map_err(|e| e.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn wait(worker: &mut Worker) -> Reply {
        let start = Instant::now();
        loop {
            if let Some(r) = worker.poll().pop() {
                return r;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "no reply");
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn diffs_and_listings_come_back_with_their_ticket() {
        let mut worker = Worker::new(|| {});
        let old = Arc::new(Article {
            headline: "Old".into(),
            ..Article::default()
        });
        let new = Arc::new(Article {
            headline: "New".into(),
            ..Article::default()
        });
        worker.diff(7, Arc::clone(&new), Base::Article(Arc::clone(&old)));
        match wait(&mut worker) {
            Reply::Diff { ticket, base, diff } => {
                assert_eq!(ticket, 7);
                assert_eq!(base, old);
                assert_eq!(diff.summary().split(';').next(), Some("headline changed"));
            }
            other => panic!("{other:?}"),
        }
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path());
        let id = crate::article::new_id();
        worker.diff(
            8,
            new,
            Base::Version {
                store: store.clone(),
                id: id.clone(),
                number: 3,
            },
        );
        match wait(&mut worker) {
            Reply::Failed { ticket, error } => {
                assert_eq!(ticket, 8);
                assert!(error.contains("version 3 is not stored"), "{error}");
            }
            other => panic!("{other:?}"),
        }
        worker.list(9, store, id);
        match wait(&mut worker) {
            Reply::Versions { ticket, listing } => {
                assert_eq!(ticket, 9);
                assert_eq!(listing.unwrap(), Vec::new());
            }
            other => panic!("{other:?}"),
        }
    }
}
