//! Where Newsdesk keeps its own files: the one place the platform data folder is found.
//!
//! Recovery journals, the user's word list and (later) stored versions all live under
//! [`data_dir`], the platform's local data folder:
//!
//! | Platform | Data folder |
//! |----------|-------------|
//! | Linux    | `$XDG_DATA_HOME/newsdesk` (usually `~/.local/share/newsdesk`) |
//! | macOS    | `~/Library/Application Support/Newsdesk` |
//! | Windows  | `%LOCALAPPDATA%\Newsdesk\data` |
//!
//! [`ENV_DATA_DIR`] moves all of it (tests, portable installs). Local rather than roaming:
//! journals belong to the machine whose run crashed.

use std::path::PathBuf;

/// Environment variable naming the data folder, overriding the platform default.
pub const ENV_DATA_DIR: &str = "NEWSDESK_DATA_DIR";

/// Newsdesk's data folder: [`ENV_DATA_DIR`] when set, else the platform's (see the module
/// documentation); `None` when the platform gives none (no home folder).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(ENV_DATA_DIR).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "Newsdesk").map(|p| p.data_local_dir().to_owned())
}

/// The user's own dictionary ("Add to dictionary"), one word a line.
pub fn words_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join("words.txt"))
}
