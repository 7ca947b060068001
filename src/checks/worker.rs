//! The checks on a thread of their own, so the window never waits for them: at 10,000
//! words they take about 2 ms, at 100,000 words over 20 ms, longer than a frame.
//!
//! The window submits the article with a ticket of its choosing and goes on drawing; the
//! worker runs the newest article it has been given (older ones still queued are skipped,
//! since only the newest can be shown), hands back the findings with the ticket and calls
//! `notify`, which the window uses to ask for a repaint. Findings for an old ticket are for
//! the caller to drop. Where no thread can be started, the checks run on the caller's thread instead.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread;
use std::time::Duration;

use super::{Finding, Options, run_with};
use crate::article::Article;

/// Findings for one submission.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    /// The ticket submitted with the article.
    pub ticket: u64,
    pub findings: Vec<Finding>,
    /// The checks panicked on this article (a bug): `findings` is empty.
    pub failed: bool,
}

struct Job {
    ticket: u64,
    /// Shared with the window (and the autosaver): a queued job holds no copy of its own.
    article: Arc<Article>,
    options: Arc<Options>,
}

/// A checks thread, stopped when the worker is dropped.
pub struct Worker {
    /// `None` when no thread could be started: jobs then run in `submit`.
    jobs: Option<Sender<Job>>,
    results: Option<Receiver<Done>>,
    /// A result computed on the caller's thread, waiting for `poll`.
    ready: Option<Done>,
}

/// How long no new article must come after a result before the worker calls `idle`.
pub const IDLE: Duration = Duration::from_secs(1);

impl Worker {
    /// Starts the thread; `notify` runs on it after each result, so must be cheap.
    pub fn new(notify: impl Fn() + Send + 'static) -> Self {
        Self::with_idle(notify, || {})
    }

    /// [`Worker::new`], also calling `idle` on the thread once no new article has come for
    /// [`IDLE`] after a result: typing has paused, so work that would hold up the window
    /// while it types (the window gives freed memory back to the system) can run then.
    pub fn with_idle(notify: impl Fn() + Send + 'static, idle: impl Fn() + Send + 'static) -> Self {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, results) = mpsc::channel();
        let spawned = thread::Builder::new()
            .name("newsdesk-checks".into())
            .spawn(move || {
                let mut next = None;
                loop {
                    let Ok(mut job) = next.take().map_or_else(|| inbox.recv(), Ok) else {
                        break;
                    };
                    while let Ok(newer) = inbox.try_recv() {
                        job = newer;
                    }
                    if outbox.send(check(&job)).is_err() {
                        break;
                    }
                    drop(job);
                    notify();
                    match inbox.recv_timeout(IDLE) {
                        Ok(job) => next = Some(job),
                        Err(RecvTimeoutError::Timeout) => idle(),
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                }
            });
        match spawned {
            Ok(_) => Self {
                jobs: Some(jobs),
                results: Some(results),
                ready: None,
            },
            Err(_) => Self::inline(),
        }
    }

    /// A worker without a thread: each submission is checked at once, on the caller's
    /// thread.
    pub fn inline() -> Self {
        Self {
            jobs: None,
            results: None,
            ready: None,
        }
    }

    /// Asks for the findings of `article`, to come back with `ticket`.
    pub fn submit(&mut self, ticket: u64, article: Arc<Article>, options: Arc<Options>) {
        let job = Job {
            ticket,
            article,
            options,
        };
        let job = match &self.jobs {
            Some(jobs) => match jobs.send(job) {
                Ok(()) => return,
                // The thread is gone; from now on the checks run here.
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        self.jobs = None;
        self.results = None;
        self.ready = Some(check(&job));
    }

    /// The newest result finished since the last call, if any.
    pub fn poll(&mut self) -> Option<Done> {
        let mut newest = self.ready.take();
        if let Some(results) = &self.results {
            loop {
                match results.try_recv() {
                    Ok(done) => newest = Some(done),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.jobs = None;
                        self.results = None;
                        break;
                    }
                }
            }
        }
        newest
    }
}

/// Runs the checks; a panic (a bug in a rule) becomes a failed result, not a dead window.
fn check(job: &Job) -> Done {
    let found = panic::catch_unwind(AssertUnwindSafe(|| run_with(&job.article, &job.options)));
    Done {
        ticket: job.ticket,
        failed: found.is_err(),
        findings: found.unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    use super::*;
    use crate::article::fixture;

    fn wait(worker: &mut Worker) -> Done {
        let start = Instant::now();
        loop {
            if let Some(done) = worker.poll() {
                return done;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "no result");
            thread::sleep(Duration::from_millis(1));
        }
    }

    fn misspelt(revision: u64) -> Article {
        let mut a = fixture();
        a.body = format!("Kapal itu beroprasi lagi pagi ini, kali ke-{revision}.");
        a
    }

    #[test]
    fn findings_come_back_with_their_ticket_and_notify() {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&calls);
        let mut worker = Worker::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let article = misspelt(7);
        let options = Arc::new(Options::default());
        worker.submit(7, Arc::new(article.clone()), Arc::clone(&options));
        let done = wait(&mut worker);
        assert_eq!(done.ticket, 7);
        assert!(!done.failed);
        assert_eq!(done.findings, run_with(&article, &options));
        assert!(done.findings.iter().any(Finding::is_spelling));
        assert!(calls.load(Ordering::SeqCst) >= 1);
    }

    #[test]
    fn the_newest_submission_is_the_last_result() {
        let mut worker = Worker::new(|| {});
        let options = Arc::new(Options::default());
        for revision in 1..=20 {
            worker.submit(revision, Arc::new(misspelt(revision)), Arc::clone(&options));
        }
        let mut last = wait(&mut worker);
        while last.ticket != 20 {
            last = wait(&mut worker);
        }
        assert_eq!(last.findings, run_with(&misspelt(20), &options));
        assert_eq!(worker.poll(), None, "nothing after the newest");
    }

    #[test]
    fn idle_runs_once_typing_pauses_and_not_while_it_goes_on() {
        let idles = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&idles);
        let mut worker = Worker::with_idle(
            || {},
            move || {
                counter.fetch_add(1, Ordering::SeqCst);
            },
        );
        let options = Arc::new(Options::default());
        // A new article every 50 ms, a twentieth of the pause that counts as idle.
        for revision in 1..=20 {
            worker.submit(revision, Arc::new(misspelt(revision)), Arc::clone(&options));
            thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(idles.load(Ordering::SeqCst), 0, "idle while typing went on");
        let mut last = wait(&mut worker);
        while last.ticket != 20 {
            last = wait(&mut worker);
        }
        let start = Instant::now();
        while idles.load(Ordering::SeqCst) == 0 {
            assert!(
                start.elapsed() < IDLE * 10,
                "never idle after typing paused"
            );
            thread::sleep(Duration::from_millis(10));
        }
        thread::sleep(IDLE * 2);
        assert_eq!(
            idles.load(Ordering::SeqCst),
            1,
            "idle once per pause, not every second"
        );
        worker.submit(21, Arc::new(misspelt(21)), Arc::clone(&options));
        assert_eq!(wait(&mut worker).ticket, 21, "still checking after idle");
    }

    #[test]
    fn inline_worker_checks_at_once() {
        let mut worker = Worker::inline();
        let options = Arc::new(Options::default());
        worker.submit(3, Arc::new(misspelt(3)), Arc::clone(&options));
        let done = worker.poll().expect("checked in submit");
        assert_eq!(done.ticket, 3);
        assert_eq!(done.findings, run_with(&misspelt(3), &options));
        assert_eq!(worker.poll(), None);
    }
}
