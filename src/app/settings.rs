//! Preferences that persist across runs in eframe's storage: theme, zoom, the preview
//! split and recent files. Never documents — articles are written only to real files.
//!
//! Every field has a default (`#[serde(default)]`), so settings saved by an older or
//! newer version still load instead of resetting everything. The window's size and
//! position are persisted by eframe itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::theme::ThemePref;

/// The storage key under which settings are saved.
pub const STORAGE_KEY: &str = "newsdesk.settings";

/// How many recent files the File menu lists.
pub const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemePref,
    /// egui zoom factor, 1.0 = actual size.
    pub zoom: f32,
    pub show_preview: bool,
    /// Width of the preview panel in points.
    pub preview_width: f32,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Folders opened as a desk, most recent first.
    pub recent_folders: Vec<PathBuf>,
    /// Exporting for publishing (HTML, ninjs, NewsML-G2) marks the story `published`.
    pub publish_on_export: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemePref::System,
            zoom: 1.0,
            show_preview: true,
            preview_width: 520.0,
            recent: Vec::new(),
            recent_folders: Vec::new(),
            publish_on_export: true,
        }
    }
}

impl Settings {
    /// Puts `path` at the top of the recent files, once, keeping at most [`MAX_RECENT`].
    pub fn add_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
    }

    /// [`Self::add_recent`] for a folder opened as a desk.
    pub fn add_recent_folder(&mut self, path: &Path) {
        self.recent_folders.retain(|p| p != path);
        self.recent_folders.insert(0, path.to_owned());
        self.recent_folders.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut s = Settings::default();
        for i in 0..15 {
            s.add_recent(Path::new(&format!("{i}.ron")));
        }
        s.add_recent(Path::new("10.ron"));
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], Path::new("10.ron"));
        assert_eq!(s.recent[1], Path::new("14.ron"));
    }

    #[test]
    fn old_or_partial_settings_still_load() {
        let s: Settings = ron::from_str("(zoom: 1.5)").unwrap();
        assert!((s.zoom - 1.5).abs() < f32::EPSILON);
        assert!(s.show_preview);
        let s: Settings = ron::from_str("(zoom: 1.2, unknown_future_field: 3)").unwrap();
        assert!((s.zoom - 1.2).abs() < f32::EPSILON);
    }
}
