//! Noticing that a file changed on disk behind the editor's back.
//!
//! When a file is opened or saved the window takes a [`DiskStamp`] of it: size, modification
//! time and a hash of the bytes. Before saving over the file, and now and then while it is
//! open, [`DiskStamp::check`] compares the file with the stamp, so another program's edits
//! are never silently overwritten. The hash settles what size and time cannot: a touched
//! but unchanged file is not a change, and an edit within the file system's timestamp
//! granularity that keeps the size still is.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Read};
use std::path::Path;
use std::time::SystemTime;

use crate::storage::fsio::MAX_FILE_BYTES;

/// A file as the editor last saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    /// `None` where the platform or file system keeps no modification time.
    pub modified: Option<SystemTime>,
    /// A hash of the content; stamps live only in memory, so the std hasher's lack of a
    /// stable algorithm across Rust versions does not matter.
    pub hash: u64,
}

/// How a file compares with its stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    /// Same content as when stamped (possibly touched).
    Unchanged,
    /// Different content: ask before overwriting, offer to reload.
    Modified,
    /// The file is gone (deleted or renamed away).
    Deleted,
}

/// How hard [`DiskStamp::check`] looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Metadata first; the content is read only when size or time moved. Cheap enough to
    /// poll every second or two while the window is open.
    Quick,
    /// Always compares the content too. Use it before saving over the file.
    Full,
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Reads at most one byte over the size limit: enough to know the file differs from any
/// stamp (stamped files are within the limit) without reading a huge file whole.
fn read_capped(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

impl DiskStamp {
    /// Stamps the file as it is now.
    pub fn read(path: &Path) -> io::Result<Self> {
        let meta = fs::metadata(path)?;
        let bytes = read_capped(path)?;
        Ok(Self {
            len: bytes.len() as u64,
            modified: meta.modified().ok(),
            hash: hash_bytes(&bytes),
        })
    }

    /// Stamps a file from bytes already in hand — those just read to open it, or just
    /// written to save it — without reading it again; only the metadata is fetched.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> io::Result<Self> {
        let meta = fs::metadata(path)?;
        Ok(Self {
            len: bytes.len() as u64,
            modified: meta.modified().ok(),
            hash: hash_bytes(bytes),
        })
    }

    /// Whether the file at `path` still matches this stamp.
    pub fn check(&self, path: &Path, depth: Depth) -> io::Result<DiskChange> {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(DiskChange::Deleted),
            Err(e) => return Err(e),
        };
        if meta.is_dir() {
            return Ok(DiskChange::Modified);
        }
        if meta.len() != self.len {
            return Ok(DiskChange::Modified);
        }
        let same_time = meta.modified().ok() == self.modified;
        if depth == Depth::Quick && same_time {
            return Ok(DiskChange::Unchanged);
        }
        let bytes = match read_capped(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(DiskChange::Deleted),
            Err(e) => return Err(e),
        };
        if bytes.len() as u64 == self.len && hash_bytes(&bytes) == self.hash {
            Ok(DiskChange::Unchanged)
        } else {
            Ok(DiskChange::Modified)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn set_mtime(path: &Path, time: SystemTime) {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(time)
            .unwrap();
    }

    #[test]
    fn unchanged_file_is_unchanged_at_both_depths() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, "hello").unwrap();
        let stamp = DiskStamp::read(&p).unwrap();
        assert_eq!(stamp, DiskStamp::from_bytes(&p, b"hello").unwrap());
        assert_eq!(
            stamp.check(&p, Depth::Quick).unwrap(),
            DiskChange::Unchanged
        );
        assert_eq!(stamp.check(&p, Depth::Full).unwrap(), DiskChange::Unchanged);
    }

    #[test]
    fn touched_but_same_content_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, "hello").unwrap();
        let stamp = DiskStamp::read(&p).unwrap();
        set_mtime(&p, SystemTime::now() + Duration::from_secs(5));
        assert_eq!(
            stamp.check(&p, Depth::Quick).unwrap(),
            DiskChange::Unchanged
        );
    }

    #[test]
    fn size_change_is_modified() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, "hello").unwrap();
        let stamp = DiskStamp::read(&p).unwrap();
        fs::write(&p, "hello, world").unwrap();
        assert_eq!(stamp.check(&p, Depth::Quick).unwrap(), DiskChange::Modified);
    }

    #[test]
    fn same_size_same_time_edit_is_caught_by_a_full_check_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, "hello").unwrap();
        let stamp = DiskStamp::read(&p).unwrap();
        let mtime = fs::metadata(&p).unwrap().modified().unwrap();
        fs::write(&p, "jello").unwrap();
        // As on a file system with coarse timestamps: the edit kept size and time.
        set_mtime(&p, mtime);
        assert_eq!(
            stamp.check(&p, Depth::Quick).unwrap(),
            DiskChange::Unchanged
        );
        assert_eq!(stamp.check(&p, Depth::Full).unwrap(), DiskChange::Modified);
    }

    #[test]
    fn same_size_new_time_edit_is_modified_quickly() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, "hello").unwrap();
        let stamp = DiskStamp::read(&p).unwrap();
        fs::write(&p, "jello").unwrap();
        set_mtime(&p, SystemTime::now() + Duration::from_secs(5));
        assert_eq!(stamp.check(&p, Depth::Quick).unwrap(), DiskChange::Modified);
    }

    #[test]
    fn deleted_or_replaced_by_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, "hello").unwrap();
        let stamp = DiskStamp::read(&p).unwrap();
        fs::remove_file(&p).unwrap();
        assert_eq!(stamp.check(&p, Depth::Full).unwrap(), DiskChange::Deleted);
        fs::create_dir(&p).unwrap();
        assert_eq!(stamp.check(&p, Depth::Quick).unwrap(), DiskChange::Modified);
    }

    #[test]
    fn an_atomic_save_by_us_restamped_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        fs::write(&p, "old").unwrap();
        crate::storage::fsio::write_atomic(&p, b"new text").unwrap();
        let stamp = DiskStamp::from_bytes(&p, b"new text").unwrap();
        assert_eq!(stamp.check(&p, Depth::Full).unwrap(), DiskChange::Unchanged);
    }
}
