//! Newsdesk: a desktop editor for news articles.
//!
//! Crate map, inner layers first:
//! - [`article`]: the model — headline, dateline, byline, body, credit, language.
//! - [`formats`]: an article to and from RON and Markdown text, with typed errors.
//! - [`fsio`]: safe reading (size, binary and encoding guards) and atomic writing.
//! - [`disk`]: stamps of files as opened or saved, to notice changes made by other programs.
//! - [`recovery`]: unsaved edits journaled off the UI thread, and recovered after a crash.
//! - [`cli`]: the headless command line (`convert`) over the same core.
//!
//! Dependency rule: `cli -> formats -> article`, each layer using only those below it.
//! Nothing outside the window layer imports egui, so the core is testable string in,
//! string out and runs in publishing pipelines without a display.

pub mod article;
pub mod cli;
pub mod disk;
pub mod formats;
pub mod fsio;
pub mod recovery;

pub use article::{Article, Dateline};
