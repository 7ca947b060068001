//! An open article: the text being edited, the file it came from, and what was last saved.
//!
//! The window holds one [`Document`]. It knows where Save goes (the file's own format, or
//! nowhere for raw `.txt` copy, which is never overwritten) and whether there are unsaved
//! changes: modified means the article differs from the last saved or opened copy, so
//! typing a letter and deleting it again leaves the document unmodified.

use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::disk::{Depth, DiskChange, DiskStamp};
use crate::formats::{self, FileError, Format, FormatError, Problem};
use crate::import::Report;

/// An article open in the editor.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The article as currently edited.
    pub article: Article,
    path: Option<PathBuf>,
    format: Option<Format>,
    saved: Article,
    report: Option<Report>,
    /// The file as last opened or saved, to notice another program changing it.
    stamp: Option<DiskStamp>,
}

impl Document {
    /// A new, untitled, empty article.
    pub fn new() -> Self {
        Self::default()
    }

    /// An article read from `path` in `format`, unmodified.
    pub fn from_file(article: Article, path: PathBuf, format: Format) -> Self {
        let stamp = DiskStamp::read(&path).ok();
        Self {
            saved: article.clone(),
            article,
            path: Some(path),
            format: Some(format),
            report: None,
            stamp,
        }
    }

    /// Edits recovered after a crash: the article as journaled, for the file it belonged to
    /// (if any), and unsaved — the file on disk, if it exists, is what was last saved.
    pub fn recovered(article: Article, path: Option<PathBuf>, format: Option<Format>) -> Self {
        let on_disk = match (&path, format) {
            (Some(p), Some(f)) if f.is_writable() => formats::read(p, f).ok(),
            _ => None,
        };
        Self {
            stamp: path.as_deref().and_then(|p| DiskStamp::read(p).ok()),
            saved: on_disk.unwrap_or_default(),
            article,
            path,
            format,
            report: None,
        }
    }

    /// Whether another program changed or removed the file since it was opened or saved.
    /// `None` when there is no file or it cannot be checked.
    pub fn disk_change(&self, depth: Depth) -> Option<DiskChange> {
        let (path, stamp) = (self.path.as_deref()?, self.stamp.as_ref()?);
        stamp.check(path, depth).ok()
    }

    /// Accepts the file as it now is on disk as the known state (after the user chose to
    /// overwrite it anyway, or to keep editing).
    pub fn restamp(&mut self) {
        self.stamp = self.path.as_deref().and_then(|p| DiskStamp::read(p).ok());
    }

    /// Opens an article file, choosing the format by its extension. Raw copy goes through
    /// the importer, whose report the document keeps.
    pub fn open(path: &Path) -> Result<Self, FileError> {
        let format = formats::resolve(path, None)?;
        let opened = formats::open(path, format)?;
        let mut doc = Self::from_file(opened.article, path.to_owned(), format);
        doc.report = opened.report;
        Ok(doc)
    }

    /// What the importer changed, when the article was opened from raw copy.
    pub fn import_report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// Replaces the import report (after a removed line is put back, or Undo brings one back).
    pub fn set_import_report(&mut self, report: Option<Report>) {
        self.report = report;
    }

    /// The file this article was opened from or last saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The format of [`Self::path`].
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// True when the article differs from the copy last opened or saved.
    pub fn is_modified(&self) -> bool {
        self.article != self.saved
    }

    /// The file name shown in the title bar: the file's name, or "Untitled".
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The window title: file name, an unsaved marker, and the program.
    pub fn title(&self) -> String {
        let marker = if self.is_modified() { "● " } else { "" };
        format!("{marker}{} — Newsdesk", self.display_name())
    }

    /// Where Save writes without asking: the file's own path, when its format can be
    /// written. `None` means Save must ask for a name (untitled, or raw copy).
    pub fn save_target(&self) -> Option<(&Path, Format)> {
        match (&self.path, self.format) {
            (Some(p), Some(f)) if f.is_writable() => Some((p, f)),
            _ => None,
        }
    }

    /// A file name to suggest when Save must ask: the current name as `.ron`.
    pub fn suggested_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_stem).map_or_else(
            || "article".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        ) + ".ron"
    }

    /// Saves to the file's own path; fails when Save must ask for a name.
    pub fn save(&mut self) -> Result<(), FileError> {
        let Some((path, format)) = self.save_target() else {
            let path = self.path.clone().unwrap_or_default();
            return Err(FileError::new(
                &path,
                FormatError::Unsupported {
                    format: self.format.unwrap_or(Format::Txt),
                    direction: "output",
                },
            ));
        };
        let path = path.to_owned();
        formats::write(&path, &self.article, format)?;
        self.saved = self.article.clone();
        self.stamp = DiskStamp::read(&path).ok();
        Ok(())
    }

    /// Saves to a new path in the format its extension names (RON or Markdown), and makes
    /// that the document's file. Exports (HTML, ninjs) are not documents to go on editing.
    pub fn save_as(&mut self, path: &Path) -> Result<(), FileError> {
        let format = formats::resolve(path, None)?;
        if !matches!(format, Format::Ron | Format::Md) {
            return Err(FileError::new(path, Problem::UnknownFormat));
        }
        formats::write(path, &self.article, format)?;
        self.path = Some(path.to_owned());
        self.format = Some(format);
        self.saved = self.article.clone();
        self.stamp = DiskStamp::read(path).ok();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modified_follows_content_not_keystrokes() {
        let mut doc = Document::new();
        assert!(!doc.is_modified());
        assert_eq!(doc.title(), "Untitled — Newsdesk");
        doc.article.headline.push('x');
        assert!(doc.is_modified());
        assert!(doc.title().starts_with("● Untitled"));
        doc.article.headline.pop();
        assert!(!doc.is_modified());
    }

    #[test]
    fn save_as_writes_the_extension_format_and_clears_the_marker() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = Document::new();
        doc.article.headline = "Ferry resumes".into();
        assert!(doc.save().is_err(), "untitled has no save target");
        let path = dir.path().join("story.md");
        doc.save_as(&path).unwrap();
        assert!(!doc.is_modified());
        assert_eq!(doc.format(), Some(Format::Md));
        let reopened = Document::open(&path).unwrap();
        assert_eq!(reopened.article.headline, "Ferry resumes");
        assert_eq!(reopened.display_name(), "story.md");
    }

    #[test]
    fn raw_copy_is_never_a_save_target() {
        let doc = Document::from_file(Article::default(), "wire.txt".into(), Format::Txt);
        assert!(doc.save_target().is_none());
        assert_eq!(doc.suggested_name(), "wire.ron");
        let mut doc = doc;
        let dir = tempfile::tempdir().unwrap();
        assert!(doc.save_as(&dir.path().join("x.txt")).is_err());
        assert!(doc.save_as(&dir.path().join("x.html")).is_err());
        assert!(!dir.path().join("x.html").exists());
    }
}
