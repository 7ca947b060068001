//! Reading and writing article files safely.
//!
//! Reading refuses what is not an article before any parser sees it: directories, huge files,
//! binary data and invalid UTF-8 each get their own message. Writing is atomic: the text goes
//! to a temporary file in the target's folder, is flushed to disk, and is renamed over the
//! target, so a crash, kill or full disk leaves the old file whole.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

/// Files larger than this are refused: no article is this long, and reading one whole would
/// stall the window.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Why a file's bytes could not be read as article text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    #[error("is a folder, not a file")]
    IsDirectory,
    #[error("permission denied")]
    PermissionDenied,
    #[error("file is empty")]
    Empty,
    #[error("file is {size} bytes, over the {} MB limit", MAX_FILE_BYTES / (1024 * 1024))]
    TooLarge { size: u64 },
    #[error("binary data (NUL byte at offset {offset}), not text")]
    Binary { offset: usize },
    #[error("not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8")]
    NotUtf8 { offset: usize },
    #[error("cannot read: {0}")]
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => Self::NotFound,
            io::ErrorKind::PermissionDenied => Self::PermissionDenied,
            io::ErrorKind::IsADirectory => Self::IsDirectory,
            _ => Self::Io(e),
        }
    }
}

/// Reads a file's bytes, refusing folders, empty files and files over [`MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let meta = fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { size: meta.len() });
    }
    let mut bytes = Vec::new();
    // The limit also guards files that grow between the size check and the read.
    fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(bytes)
}

/// Reads a file as UTF-8 text, refusing binary data.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let bytes = read_bytes(path)?;
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadError::Binary { offset });
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Writes `bytes` to `path` atomically; an existing file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a folder, not a file",
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".newsdesk-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Ok(meta) = fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    // On error the temporary file is deleted when `tmp` drops, so nothing is left behind.
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename itself durable. Only Unix lets a folder be opened and synced; on
/// Windows the rename is journaled by NTFS.
#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Best effort: the file is already complete; some file systems refuse to sync folders.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.md");
        write_atomic(&target, b"old").unwrap();
        write_atomic(&target, b"new text").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new text");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn writing_onto_a_folder_fails_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
        assert!(dir.path().is_dir());
    }

    #[test]
    fn read_refuses_folders_empty_binary_and_bad_utf8() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read_text(dir.path()), Err(ReadError::IsDirectory)));
        assert!(matches!(
            read_text(&dir.path().join("missing")),
            Err(ReadError::NotFound)
        ));
        let empty = dir.path().join("empty");
        fs::write(&empty, b"").unwrap();
        assert!(matches!(read_text(&empty), Err(ReadError::Empty)));
        let bin = dir.path().join("bin");
        fs::write(&bin, b"ab\0cd").unwrap();
        assert!(matches!(
            read_text(&bin),
            Err(ReadError::Binary { offset: 2 })
        ));
        let latin = dir.path().join("latin");
        fs::write(&latin, b"caf\xe9").unwrap();
        assert!(matches!(
            read_text(&latin),
            Err(ReadError::NotUtf8 { offset: 3 })
        ));
    }
}
