//! Storage owns the disk: every byte Newsdesk reads from or writes to a file goes through
//! here.
//!
//! - [`fsio`]: guarded reading (size, folder, binary, encoding) and atomic writing.
//! - [`disk`]: stamps of files as opened or saved, to notice changes by other programs.
//! - [`journal`]: crash-recovery journals of unsaved edits, and what a crashed run left.
//! - [`autosave`]: the thread that writes journals while the user types.
//! - [`dirs`]: the platform data folder, found in one place.

pub mod autosave;
pub mod dirs;
pub mod disk;
pub mod fsio;
pub mod journal;
pub mod versions;
