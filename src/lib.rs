//! Newsdesk: a desktop editor for news articles.
//!
//! Crate map, inner layers first:
//! - [`article`]: the model — headline, dateline, byline, body, credit, language — and
//!   [`Field`], the one name for its fields.
//! - [`language`]: the one decision of an article's language, for every rule that needs it.
//! - [`render`]: the article as readers see it, shared by the preview and HTML export.
//! - [`stats`]: words, characters and reading time, for the status bar and `check --stats`.
//! - [`import`]: raw wire copy → an article plus a report of every change.
//! - [`storage`]: everything that touches the disk — guarded reads, atomic writes, disk
//!   stamps, recovery journals and their autosaver, the data folder.
//! - [`formats`]: an article to and from RON, Markdown, ninjs and NewsML-G2 text, and the
//!   agencies' XML (`formats::feed`: NewsML-G2, NITF, `NewsML` 1.2), with typed errors.
//! - [`checks`]: editorial checks and spelling, with one-click fixes.
//! - [`find`]: find and replace across an article's text fields.
//! - [`diff`]: two articles compared field by field, paragraphs aligned, then words.
//! - [`document`]: an open article — the only way to change it, its undo history and
//!   revision, its file, format and last-saved copy.
//! - [`batch`]: `newsdesk import`, many inputs to article files in parallel.
//! - [`desk`]: a folder's story list, read on a worker thread, sorted and filtered.
//! - [`cli`]: the headless command line (`convert`, `check`, `import`, `diff`, `versions`)
//!   over the same core.
//! - `app` (feature `gui`): the egui editor window; the only module that imports egui.
//!
//! Dependency rule: `app, cli -> document, find -> checks -> formats, storage -> import,
//! stats -> render -> language -> article`; the window and the command line are peers and
//! never import each other. Nothing outside the window layer imports egui, so the core is
//! testable string in, string out and runs in publishing pipelines without a display.

#![cfg_attr(test, allow(clippy::unwrap_used))] // unit tests fail loudly, on purpose

#[cfg(feature = "gui")]
pub mod app;
pub mod article;
pub mod batch;
pub mod checks;
pub mod cli;
pub mod desk;
pub mod diff;
pub mod document;
pub mod find;
pub mod formats;
pub mod import;
pub mod language;
mod latin;
pub mod markup;
pub mod render;
pub mod stats;
pub mod storage;

pub use article::{Article, Dateline, Field, StoryState};
pub use language::Lang;
