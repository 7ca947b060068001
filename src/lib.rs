//! Newsdesk: a desktop editor for news articles.
//!
//! Crate map, inner layers first:
//! - [`article`]: the model — headline, dateline, byline, body, credit, language.
//! - [`formats`]: an article to and from RON and Markdown text, with typed errors.
//! - [`checks`]: editorial checks and spelling, with one-click fixes, and the article counts.
//! - [`fsio`]: safe reading (size, binary and encoding guards) and atomic writing.
//! - [`render`]: the article as readers see it, shared by the preview and HTML export.
//! - [`document`]: an open article — its file, format, last-saved copy, unsaved changes.
//! - [`find`]: find and replace across an article's text fields.
//! - [`import`]: raw wire copy → an article plus a report of every change.
//! - [`disk`]: stamps of files as opened or saved, to notice changes made by other programs.
//! - [`recovery`]: unsaved edits journaled off the UI thread, and recovered after a crash.
//! - [`cli`]: the headless command line (`convert`, `check`) over the same core.
//! - `app` (feature `gui`): the egui editor window; the only module that imports egui.
//!
//! Dependency rule: `app -> document, find, recovery, disk -> cli, checks -> formats ->
//! import, render -> article`, each layer using only those below it.
//! Nothing outside the window layer imports egui, so the core is testable string in,
//! string out and runs in publishing pipelines without a display.

#[cfg(feature = "gui")]
pub mod app;
pub mod article;
pub mod checks;
pub mod cli;
pub mod disk;
pub mod document;
pub mod find;
pub mod formats;
pub mod fsio;
pub mod import;
mod latin;
pub mod recovery;
pub mod render;

pub use article::{Article, Dateline};
