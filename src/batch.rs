//! `newsdesk import`: a day's wire in one command. Files and folders (recursive) of raw
//! copy, ninjs, RON, Markdown and agency XML become one article file each (a
//! `newsMessage` one per item), imported in parallel on all cores.
//!
//! Streaming: inputs are read, imported, written and forgotten one at a time per worker,
//! and the `--report` is written as each input finishes, so memory does not grow with the
//! number of items (only the list of input paths and of names taken does, a few dozen
//! bytes each). A file is checked whole before any of its items is written: malformed or
//! truncated XML writes nothing. Each output is written atomically under a fresh name made
//! from the slugline or headline; an existing file is never replaced without `--force`.
//! Durable and quick: workers write each article to a temporary file; one committer thread
//! takes them in groups, syncs a group's files together (on ext4 and most journaling file
//! systems one commit then serves the whole group, instead of one disk round trip per
//! file), and only then names each file, never over an existing one. The output folder is
//! synced once at the end, so the batch is on disk when the command returns, and a crash
//! at any moment leaves whole files or none.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::json;

use crate::article::Article;
use crate::formats::{self, Format, feed, ninjs};
use crate::import::{self, Entry, Imported};
use crate::storage::fsio;

/// What `newsdesk import` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder the articles go into (created if missing).
    pub out: PathBuf,
    /// RON or Markdown.
    pub to: Format,
    /// Worker threads; `None` for one per core.
    pub jobs: Option<usize>,
    /// Where the JSON report goes, if anywhere.
    pub report: Option<PathBuf>,
    /// Replace files of the same name from an earlier run.
    pub force: bool,
    /// Show a progress bar (only on a terminal).
    pub progress: bool,
}

/// What the batch did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Input files read.
    pub inputs: usize,
    /// Articles written.
    pub imported: usize,
    /// Inputs refused, each with its reason, in input order.
    pub refused: Vec<(PathBuf, String)>,
    /// Removals and repairs the importer made, over all articles.
    pub changes: usize,
}

/// Why the batch could not run at all (as opposed to an input being refused).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{}: cannot create the output folder: {error}", path.display())]
    OutFolder {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: cannot write the report: {error}", path.display())]
    Report {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("--to must be md or ron, not {0}")]
    Target(Format),
    #[error("cannot start {0} workers: {1}")]
    Workers(usize, String),
}

/// Imports every input into `options.out`.
pub fn run(inputs: &[PathBuf], options: &Options) -> Result<Summary, BatchError> {
    if !matches!(options.to, Format::Md | Format::Ron) {
        return Err(BatchError::Target(options.to));
    }
    std::fs::create_dir_all(&options.out).map_err(|error| BatchError::OutFolder {
        path: options.out.clone(),
        error,
    })?;
    fsio::remove_stale_temps(&options.out, fsio::STALE_TEMP_AGE);
    let out_real = std::fs::canonicalize(&options.out).unwrap_or_else(|_| options.out.clone());
    let mut refused = Vec::new();
    let files = collect(inputs, &out_real, &mut refused);
    let missing = refused.len();
    let report = match &options.report {
        Some(path) => Some(
            ReportWriter::create(path).map_err(|error| BatchError::Report {
                path: path.clone(),
                error,
            })?,
        ),
        None => None,
    };
    let bar = if options.progress && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files, {per_sec}, {eta} left",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let batch = Batch {
        options,
        names: HashSet::new(),
        imported: 0,
        changes: 0,
        refused: Vec::new(),
        report,
    };
    let jobs = options.jobs.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| BatchError::Workers(jobs, e.to_string()))?;
    // Bounded, so a slow disk holds back the workers instead of filling memory.
    let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Staging)>(GROUP * 2);
    let batch = std::thread::scope(|scope| {
        let committer = scope.spawn(move || {
            let mut batch = batch;
            batch.commit_all(&receive);
            batch
        });
        pool.install(|| {
            files
                .par_iter()
                .enumerate()
                .for_each_with(send, |send, (i, path)| {
                    let staged = stage(path, &options.out, options.to);
                    // The committer only stops when every sender is gone.
                    let _ = send.send((i, (path.clone(), staged)));
                    bar.inc(1);
                });
        });
        committer.join()
    })
    .map_err(|_| BatchError::Workers(1, "the committer thread failed".to_owned()))?;
    bar.finish_and_clear();
    fsio::sync_folder(&options.out);
    let Batch {
        imported,
        changes,
        refused: mut failures,
        report,
        ..
    } = batch;
    failures.sort_by_key(|(i, _, _)| *i);
    refused.extend(failures.into_iter().map(|(_, p, r)| (p, r)));
    if let Some(report) = report {
        let path = options.report.clone().unwrap_or_default();
        report
            .finish()
            .map_err(|error| BatchError::Report { path, error })?;
    }
    Ok(Summary {
        inputs: files.len() + missing,
        imported,
        refused,
        changes,
    })
}

/// Threads syncing a group's files at once: a journaling file system commits the syncs
/// that wait together in one go, so many waiting at once cost little more than one.
const SYNC_THREADS: usize = 16;

/// Syncs every staged file of a group, several at once; an input whose file cannot be
/// synced is refused.
fn sync_group(group: Vec<(usize, Staging)>) -> Vec<(usize, PathBuf, StagedItems)> {
    let sync = |(i, (path, staged)): (usize, Staging)| {
        let staged = staged.and_then(|items| {
            for (_, file, _) in &items {
                file.sync().map_err(|e| format!("cannot write: {e}"))?;
            }
            Ok(items)
        });
        (i, path, staged)
    };
    if group.len() == 1 {
        return group.into_iter().map(sync).collect();
    }
    let per_thread = group.len().div_ceil(SYNC_THREADS);
    let mut chunks: Vec<Vec<(usize, Staging)>> = Vec::new();
    let mut rest = group.into_iter().peekable();
    while rest.peek().is_some() {
        chunks.push(rest.by_ref().take(per_thread).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| scope.spawn(move || chunk.into_iter().map(sync).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// How many inputs' files the committer syncs together at most.
const GROUP: usize = 64;
/// How long the committer waits for a group to fill before syncing what it has.
const GROUP_WAIT: std::time::Duration = std::time::Duration::from_millis(20);

/// An input read and its articles written to temporary files, or why it was refused.
type Staging = (PathBuf, StagedItems);

/// An input's articles in temporary files, each with the name it should get; or why not.
type StagedItems = Result<Vec<(String, fsio::Staged, Imported)>, String>;

/// Reads an input and writes each of its articles to a temporary file in `out`, with the
/// name it should get.
fn stage(
    path: &Path,
    out: &Path,
    to: Format,
) -> Result<Vec<(String, fsio::Staged, Imported)>, String> {
    let items = read_items(path)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    items
        .into_iter()
        .map(|item| {
            let text = formats::serialize(&item.article, to)
                .map_err(|e| format!("cannot write the article: {e}"))?;
            let staged = fsio::Staged::write(out, text.as_bytes())
                .map_err(|e| format!("cannot write into {}: {e}", out.display()))?;
            Ok((base_name(&item.article, &stem), staged, item))
        })
        .collect()
}

/// The files to read: each file given, and every file under each folder given (recursively,
/// in name order, hidden ones and the output folder skipped). A path that does not exist is
/// refused.
fn collect(inputs: &[PathBuf], out: &Path, refused: &mut Vec<(PathBuf, String)>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, out, &mut files, refused);
        } else if input.exists() {
            files.push(input.clone());
        } else {
            refused.push((input.clone(), "no such file or folder".to_owned()));
        }
    }
    files
}

fn walk(dir: &Path, out: &Path, files: &mut Vec<PathBuf>, refused: &mut Vec<(PathBuf, String)>) {
    if std::fs::canonicalize(dir).is_ok_and(|d| d == out) {
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            refused.push((dir.to_owned(), format!("cannot read the folder: {e}")));
            return;
        }
    };
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, files, refused);
        } else {
            files.push(path);
        }
    }
}

/// Reads a file as articles: agency XML (by content, whatever the extension), ninjs,
/// RON, Markdown, or raw copy.
pub fn read_items(path: &Path) -> Result<Vec<Imported>, String> {
    let bytes = fsio::read_bytes(path).map_err(|e| e.to_string())?;
    let format = Format::from_path(path);
    if format == Some(Format::Newsml) || (format != Some(Format::Json) && feed::is_xml(&bytes)) {
        let feed = feed::read(&bytes).map_err(|e| e.to_string())?;
        return Ok(feed.items);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(fsio::ReadError::Binary { offset }.to_string());
    }
    match format {
        Some(Format::Txt) => Ok(vec![import::bytes(&bytes)]),
        Some(f @ (Format::Json | Format::Ron | Format::Md)) => {
            let text = std::str::from_utf8(&bytes).map_err(|_| "not UTF-8 text".to_owned())?;
            let mut article = formats::parse(text, f).map_err(|e| e.to_string())?;
            // Brought onto the desk: wire copy until an editor changes it.
            article.state = crate::article::StoryState::Wire;
            Ok(vec![Imported {
                article,
                report: import::Report::default(),
            }])
        }
        _ => Err(
            "not an article file Newsdesk reads (.txt, .xml, .nitf, .json, .md, .ron)".to_owned(),
        ),
    }
}

/// The committer's state: everything the workers hand over goes through it, so names,
/// counts and the report need no locks.
struct Batch<'a> {
    options: &'a Options,
    /// Output names taken in this run, so two items never share one.
    names: HashSet<String>,
    imported: usize,
    changes: usize,
    /// Inputs refused, with their place in the input list.
    refused: Vec<(usize, PathBuf, String)>,
    report: Option<ReportWriter>,
}

/// One input's outcome: the files written with their articles' reports, or the reason.
type Outcome = Result<Vec<(PathBuf, Imported)>, String>;

impl Batch<'_> {
    /// Takes staged inputs in groups until the workers are done.
    fn commit_all(&mut self, receive: &std::sync::mpsc::Receiver<(usize, Staging)>) {
        while let Ok(first) = receive.recv() {
            let started = std::time::Instant::now();
            let mut group = vec![first];
            while group.len() < GROUP {
                let left = GROUP_WAIT.saturating_sub(started.elapsed());
                match receive.recv_timeout(left) {
                    Ok(next) => group.push(next),
                    Err(_) => break,
                }
            }
            self.commit(group);
        }
    }

    /// Syncs a group's files, then names them and reports each input.
    fn commit(&mut self, group: Vec<(usize, Staging)>) {
        let synced = sync_group(group);
        for (i, path, staged) in synced {
            let outcome: Outcome = staged.and_then(|items| {
                items
                    .into_iter()
                    .map(|(base, file, item)| {
                        let out = self.publish(&base, file).map_err(|e| {
                            format!("cannot write into {}: {e}", self.options.out.display())
                        })?;
                        Ok((out, item))
                    })
                    .collect()
            });
            match &outcome {
                Ok(items) => {
                    self.imported += items.len();
                    self.changes += items
                        .iter()
                        .flat_map(|(_, item)| &item.report.entries)
                        .filter(|e| matches!(e, Entry::Removed(_) | Entry::Repair { .. }))
                        .count();
                }
                Err(reason) => self.refused.push((i, path.clone(), reason.clone())),
            }
            if let Some(report) = &mut self.report {
                report.entry(&path, &outcome);
            }
        }
    }

    /// Names a synced file `base` or the first free `base-N`.
    fn publish(&mut self, base: &str, mut file: fsio::Staged) -> std::io::Result<PathBuf> {
        let ext = self.options.to.extension();
        for n in 1.. {
            let name = if n == 1 {
                format!("{base}.{ext}")
            } else {
                format!("{base}-{n}.{ext}")
            };
            if !self.names.insert(name.clone()) {
                continue;
            }
            let path = self.options.out.join(&name);
            if self.options.force {
                file.publish_replace(&path)?;
                return Ok(path);
            }
            match file.publish_new(&path)? {
                Ok(()) => return Ok(path),
                Err(back) => file = back,
            }
        }
        unreachable!("the loop only ends by returning")
    }
}

/// A file name from the slugline, else the headline, else the input's name.
fn base_name(article: &Article, stem: &str) -> String {
    [article.slugline.as_str(), article.headline.as_str(), stem]
        .iter()
        .map(|s| ninjs::slugline(s))
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "article".to_owned())
}

/// The `--report` file: a JSON array written as inputs finish, made whole by renaming it
/// into place at the end.
struct ReportWriter {
    out: fsio::StreamedFile,
    first: bool,
}

impl ReportWriter {
    fn create(path: &Path) -> std::io::Result<Self> {
        let mut out = fsio::StreamedFile::create(path)?;
        out.write_all(b"[")?;
        Ok(Self { out, first: true })
    }

    fn entry(&mut self, input: &Path, outcome: &Outcome) {
        let value = match outcome {
            Ok(items) => {
                let items: Vec<_> = items
                    .iter()
                    .map(|(out, item)| {
                        let fields: serde_json::Map<String, serde_json::Value> = item
                            .report
                            .entries
                            .iter()
                            .filter_map(|e| match e {
                                Entry::Field { field, value, .. } => {
                                    Some((field.key().to_owned(), json!(value)))
                                }
                                _ => None,
                            })
                            .collect();
                        let changes: Vec<String> =
                            item.report.entries.iter().map(ToString::to_string).collect();
                        json!({"output": out.display().to_string(), "fields": fields, "changes": changes})
                    })
                    .collect();
                json!({"input": input.display().to_string(), "items": items})
            }
            Err(reason) => json!({"input": input.display().to_string(), "error": reason}),
        };
        let sep: &[u8] = if self.first { b"\n" } else { b",\n" };
        self.first = false;
        // A failed write shows when the report is finished.
        let _ = self
            .out
            .write_all(sep)
            .and_then(|()| self.out.write_all(value.to_string().as_bytes()));
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.out.write_all(b"\n]\n")?;
        self.out.finish()
    }
}
