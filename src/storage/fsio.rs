//! Reading and writing article files safely.
//!
//! Reading refuses what is not an article before any parser sees it: directories, huge files,
//! binary data and invalid UTF-8 each get their own message. Writing is atomic: the text goes
//! to a temporary file in the target's folder, is flushed to disk, and is renamed over the
//! target, so a crash, kill or full disk leaves the old file whole.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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
    let path = &*on_disk(path);
    let meta = fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { size: meta.len() });
    }
    // Room for the whole file and one byte more, so the read ends without growing the
    // buffer; the limit also guards files that grow between the size check and the read.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).map_or(0, |n| n + 1));
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
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(ReadError::Binary { offset });
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Temporary files are named `.newsdesk-XXXXXX.tmp`: hidden, recognisable as ours, and never
/// mistaken for an article by extension.
pub const TEMP_PREFIX: &str = ".newsdesk-";
/// See [`TEMP_PREFIX`].
pub const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file this old was left by a process killed mid-save (a kill cannot run the
/// clean-up), not by a save still in progress: no save takes minutes.
pub const STALE_TEMP_AGE: Duration = Duration::from_mins(15);

/// Writes `bytes` to `path` atomically.
///
/// The text goes to a temporary file in the target's folder (a rename is only atomic within
/// one file system), is synced to disk, and is renamed over the target; then the folder is
/// synced so the rename itself survives a power cut. Any failure before the rename — a full
/// disk, a kill, a permission error — leaves the old file untouched; the temporary file is
/// removed on error, and one left by a kill is removed by a later save in the same folder
/// once it is [`STALE_TEMP_AGE`] old.
///
/// An existing target keeps its permissions; a new one gets the usual permissions for new
/// files (the umask applies), not the owner-only mode of temporary files. A symbolic link is
/// followed, so the file it points to is replaced and the link stays a link. A read-only
/// target is refused rather than silently replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    #[cfg(windows)]
    if let Some(device) = windows_device_name(path) {
        // Writing would go to the device (or, made verbatim, leave a file Explorer cannot
        // delete): refuse the name instead.
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{device}` is a device name on Windows, not a file name"),
        ));
    }
    let target = resolve_link(path)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a folder, not a file",
            ));
        }
        if meta.permissions().readonly() {
            // A rename would replace it on Unix and fail on Windows; the user marked it
            // read-only, so neither platform overwrites it.
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only",
            ));
        }
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Kept permissions for an existing file; for a new one 0o666 narrowed by the umask,
        // as any editor creates files.
        let mode = existing
            .as_ref()
            .map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    // Through the plain file: the wrapper would name the temporary file in the error, a
    // path the user never chose and that is gone by the time they read it.
    tmp.as_file_mut().write_all(bytes)?;
    #[cfg(unix)]
    if let Some(meta) = &existing {
        // The umask may have narrowed the mode asked for at creation; restore it exactly.
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    // On error the temporary file is deleted when it drops, so nothing is left behind.
    persist(tmp, &target)?;
    sync_dir(&dir);
    remove_stale_temps(&dir, STALE_TEMP_AGE);
    Ok(())
}

/// The Windows device a file name stands for, if any: Win32 opens the device `NUL` for
/// `nul.md`, `NUL .txt` or `nul.tar.gz` (the name up to its first dot, trailing spaces
/// dropped, any case), and likewise CON, PRN, AUX, COM1–9, LPT1–9, CONIN$ and CONOUT$.
/// Checked on every platform, so the rule is tested everywhere; only Windows acts on it.
pub fn windows_device_name(path: &Path) -> Option<&str> {
    const DEVICES: [&str; 6] = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];
    let name = path.file_name()?.to_str()?;
    let base = name.split('.').next()?.trim_end_matches([' ', ':']);
    let upper = base.to_ascii_uppercase();
    let numbered = |prefix: &str| {
        upper
            .strip_prefix(prefix)
            .is_some_and(|n| matches!(n.as_bytes(), [b'1'..=b'9']) || matches!(n, "¹" | "²" | "³"))
    };
    (DEVICES.contains(&upper.as_str()) || numbered("COM") || numbered("LPT")).then_some(base)
}

/// The path to open for `path`. On Windows a file whose name is a device name (see
/// [`windows_device_name`]) is reached through its verbatim path (`\\?\C:\…\nul.md`),
/// which Win32 takes literally, so such a file reads as on any other system instead of
/// failing with "Invalid parameter" (os error 87) from the device.
#[cfg(windows)]
fn on_disk(path: &Path) -> std::borrow::Cow<'_, Path> {
    use std::borrow::Cow;
    use std::path::{Component, Prefix};
    if windows_device_name(path).is_none() {
        return Cow::Borrowed(path);
    }
    let Ok(cwd) = std::env::current_dir() else {
        return Cow::Borrowed(path);
    };
    let full = cwd.join(path);
    let mut verbatim = std::ffi::OsString::new();
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in full.components() {
        match component {
            Component::Prefix(prefix) => match prefix.kind() {
                Prefix::Disk(drive) => verbatim.push(format!(r"\\?\{}:", char::from(drive))),
                Prefix::UNC(server, share) => {
                    verbatim.push(r"\\?\UNC\");
                    verbatim.push(server);
                    verbatim.push(r"\");
                    verbatim.push(share);
                }
                // Already verbatim, or a device path: taken as given.
                _ => return Cow::Borrowed(path),
            },
            Component::RootDir | Component::CurDir => {}
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(part) => parts.push(part),
        }
    }
    if verbatim.is_empty() {
        return Cow::Borrowed(path);
    }
    for part in parts {
        verbatim.push(r"\");
        verbatim.push(part);
    }
    Cow::Owned(PathBuf::from(verbatim))
}

#[cfg(not(windows))]
fn on_disk(path: &Path) -> std::borrow::Cow<'_, Path> {
    std::borrow::Cow::Borrowed(path)
}

/// A new file's bytes in a temporary file beside where it will go, not yet synced or
/// named: for a batch that writes many files, syncs them together (one journal commit on
/// most file systems serves them all) and then names each ([`Staged::publish_new`]).
/// Dropped unpublished, the temporary file is removed.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
}

impl Staged {
    /// Writes `bytes` to a temporary file in `dir`.
    pub fn write(dir: &Path, bytes: &[u8]) -> io::Result<Self> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // 0o666 narrowed by the umask, as any editor creates files.
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let mut tmp = builder.tempfile_in(dir)?;
        tmp.as_file_mut().write_all(bytes)?;
        Ok(Self { tmp })
    }

    /// Syncs the bytes to disk; call before publishing.
    pub fn sync(&self) -> io::Result<()> {
        self.tmp.as_file().sync_all()
    }

    /// Names the file `path` only if no file has that name (checked and done in one step by
    /// the operating system, so racing writers cannot both get it); gives the file back
    /// when the name is taken. The folder is not synced: see [`sync_folder`].
    pub fn publish_new(self, path: &Path) -> io::Result<Result<(), Self>> {
        match self.tmp.persist_noclobber(path) {
            Ok(_) => Ok(Ok(())),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
                Ok(Err(Self { tmp: e.file }))
            }
            Err(e) => Err(e.error),
        }
    }

    /// Renames the file over `path`, replacing what is there.
    pub fn publish_replace(self, path: &Path) -> io::Result<()> {
        persist(self.tmp, path)
    }
}

/// A file written in pieces (a report written as a batch goes) and put in place atomically
/// by [`StreamedFile::finish`]: until then the target is untouched; dropped unfinished, the
/// temporary file is removed.
pub struct StreamedFile {
    tmp: io::BufWriter<tempfile::NamedTempFile>,
    target: PathBuf,
}

impl StreamedFile {
    pub fn create(path: &Path) -> io::Result<Self> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
        Ok(Self {
            tmp: io::BufWriter::new(builder.tempfile_in(&dir)?),
            target: resolve_link(path)?,
        })
    }

    /// Syncs the file and renames it over the target.
    pub fn finish(self) -> io::Result<()> {
        let tmp = self
            .tmp
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        tmp.as_file().sync_all()?;
        persist(tmp, &self.target)?;
        if let Some(dir) = self.target.parent() {
            sync_dir(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            });
        }
        Ok(())
    }
}

impl Write for StreamedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// Syncs a folder's entries to disk, so the files renamed into it survive a power cut
/// (Unix; elsewhere the rename is already durable).
pub fn sync_folder(dir: &Path) {
    sync_dir(dir);
}

/// The file a path names, following symbolic links, so saving through a link replaces the
/// linked file instead of turning the link into a copy.
fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(real) => Ok(real),
            // A dangling link: write where it points, creating the file.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let link = fs::read_link(path)?;
                Ok(match path.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                })
            }
            Err(e) => Err(e),
        },
        _ => Ok(path.to_owned()),
    }
}

#[cfg(not(windows))]
fn persist(tmp: tempfile::NamedTempFile, target: &Path) -> io::Result<()> {
    tmp.persist(target).map(drop).map_err(|e| e.error)
}

/// On Windows a virus scanner or search indexer may hold the target open for a moment,
/// making the replace fail with a sharing violation or access denied; retry briefly before
/// reporting it.
#[cfg(windows)]
fn persist(mut tmp: tempfile::NamedTempFile, target: &Path) -> io::Result<()> {
    const SHARING_VIOLATION: i32 = 32;
    let mut delay = Duration::from_millis(10);
    for _ in 0..6 {
        match tmp.persist(target) {
            Ok(_) => return Ok(()),
            Err(e) => {
                let transient = e.error.kind() == io::ErrorKind::PermissionDenied
                    || e.error.raw_os_error() == Some(SHARING_VIOLATION);
                if !transient {
                    return Err(e.error);
                }
                tmp = e.file;
                std::thread::sleep(delay);
                delay *= 2;
            }
        }
    }
    tmp.persist(target).map(drop).map_err(|e| e.error)
}

/// Removes temporary files of ours older than `age` from `dir`: each is what a save killed
/// before its rename left behind. Best effort; the target was never touched by them.
pub fn remove_stale_temps(dir: &Path, age: Duration) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old_enough = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|d| d >= age);
        if old_enough && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
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
    fn windows_device_names_are_recognised_by_the_win32_rule() {
        for (name, device) in [
            ("nul.md", "nul"),
            ("NUL", "NUL"),
            ("Nul .txt", "Nul"),
            ("nul.tar.gz", "nul"),
            ("con.ron", "con"),
            ("COM1.md", "COM1"),
            ("lpt9", "lpt9"),
            ("CONOUT$.txt", "CONOUT$"),
        ] {
            let path = Path::new("stories").join(name);
            assert_eq!(windows_device_name(&path), Some(device), "{name}");
        }
        for name in [
            "nul-byte.md",
            "null.md",
            "com10.md",
            "COM0.txt",
            "console.ron",
            "a.nul",
        ] {
            assert_eq!(windows_device_name(Path::new(name)), None, "{name}");
        }
    }

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

    #[test]
    fn stale_temporary_files_are_removed_by_the_next_save_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".newsdesk-abc123.tmp");
        let fresh = dir.path().join(".newsdesk-def456.tmp");
        let other = dir.path().join("notes.tmp");
        for p in [&stale, &fresh, &other] {
            fs::write(p, "half").unwrap();
        }
        let old = SystemTime::now() - STALE_TEMP_AGE - Duration::from_mins(1);
        fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        fs::File::options()
            .write(true)
            .open(&other)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_atomic(&dir.path().join("a.md"), b"x").unwrap();
        assert!(!stale.exists(), "a stale temporary file survived a save");
        assert!(fresh.exists(), "a save in progress elsewhere lost its file");
        assert!(other.exists(), "a file that is not ours was removed");
    }

    #[test]
    fn read_only_target_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.md");
        fs::write(&target, "keep me").unwrap();
        let mut perms = fs::metadata(&target).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&target, perms).unwrap();
        let err = write_atomic(&target, b"new").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(fs::read(&target).unwrap(), b"keep me");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_new_files_are_not_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.md");
        write_atomic(&new, b"x").unwrap();
        let mode = fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        // Linux reports the umask in /proc; elsewhere only the kept-mode half is checked.
        let umask = fs::read_to_string("/proc/self/status").ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        });
        if let Some(umask) = umask {
            assert_eq!(
                mode,
                0o666 & !umask,
                "new file mode {mode:o}, umask {umask:o}"
            );
        }
        let kept = dir.path().join("kept.md");
        fs::write(&kept, "x").unwrap();
        fs::set_permissions(&kept, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&kept, b"y").unwrap();
        assert_eq!(
            fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_symlink_replaces_the_linked_file_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }
}
