//! Native file dialogs behind a small trait, so tests never open one.

use std::path::PathBuf;

/// Asks the user for a file to open or a name to save under. `None` means cancelled.
pub trait FileDialogs {
    fn pick_open(&mut self) -> Option<PathBuf>;
    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf>;
    /// A name for an export; the format follows the extension chosen.
    fn pick_export(&mut self, suggested_name: &str) -> Option<PathBuf>;
}

/// The operating system's dialogs (rfd).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open article")
            .add_filter("Articles", &["ron", "md", "markdown", "txt", "json"])
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save article")
            .add_filter("Newsdesk RON", &["ron"])
            .add_filter("Markdown", &["md"])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn pick_export(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export article")
            .add_filter("Web page", &["html"])
            .add_filter("IPTC ninjs", &["json"])
            .add_filter("Markdown", &["md"])
            .add_filter("Newsdesk RON", &["ron"])
            .set_file_name(suggested_name)
            .save_file()
    }
}

/// Dialogs that are always cancelled: for tests and headless runs.
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        None
    }

    fn pick_save(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        None
    }

    fn pick_export(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        None
    }
}
