//! The user's own dictionary ("Add to dictionary"): a plain UTF-8 file, one word a line,
//! at a path the caller chooses (the window uses the platform's data folder).

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::storage::fsio::{self, ReadError};

/// Why the word list could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum UserWordsError {
    #[error("{}: {source}", path.display())]
    Read { path: PathBuf, source: ReadError },
    #[error("{}: cannot write: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("`{0}` is not a word: it is empty or holds a space or line break")]
    NotAWord(String),
}

/// Words the spelling check accepts in every article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserWords {
    words: BTreeSet<String>,
}

impl UserWords {
    /// Reads the list; a file that does not exist yet is an empty list.
    pub fn load(path: &Path) -> Result<Self, UserWordsError> {
        if !path.exists() {
            return Ok(Self::default());
        }
        let text = fsio::read_text(path).map_err(|source| UserWordsError::Read {
            path: path.to_owned(),
            source,
        })?;
        Ok(Self::from_text(&text))
    }

    /// Parses the file's text: one word a line, blank lines ignored.
    pub fn from_text(text: &str) -> Self {
        Self {
            words: text
                .lines()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Adds a word and saves the list atomically, so a crash never loses the older words.
    /// The folder is made when it does not exist yet (the data folder, before the first
    /// word).
    pub fn add(&mut self, path: &Path, word: &str) -> Result<(), UserWordsError> {
        let word = word.trim();
        if word.is_empty() || word.contains(char::is_whitespace) {
            return Err(UserWordsError::NotAWord(word.to_owned()));
        }
        let mut next = self.clone();
        if !next.words.insert(word.to_owned()) {
            return Ok(());
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| UserWordsError::Write {
                path: parent.to_owned(),
                source,
            })?;
        }
        fsio::write_atomic(path, next.to_text().as_bytes()).map_err(|source| {
            UserWordsError::Write {
                path: path.to_owned(),
                source,
            }
        })?;
        *self = next;
        Ok(())
    }

    /// The file's text, sorted so the list diffs and merges cleanly.
    pub fn to_text(&self) -> String {
        self.words.iter().flat_map(|w| [w.as_str(), "\n"]).collect()
    }

    /// Whether the list accepts `word`: as written, or a lower-case entry for a word
    /// capitalised at a sentence start (like a dictionary does).
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word) || self.words.contains(&word.to_lowercase())
    }

    pub fn insert(&mut self, word: &str) {
        self.words.insert(word.to_owned());
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_saves_and_load_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("words.txt");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut words = UserWords::load(&path).unwrap();
        assert!(words.is_empty());
        words.add(&path, " Rutte ").unwrap();
        words.add(&path, "ngabuburit").unwrap();
        words.add(&path, "Rutte").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "Rutte\nngabuburit\n"
        );
        let back = UserWords::load(&path).unwrap();
        assert_eq!(back, words);
        assert!(back.contains("Ngabuburit") && back.contains("Rutte"));
        assert!(!back.contains("rutte"));
        assert!(matches!(
            words.add(&path, "two words"),
            Err(UserWordsError::NotAWord(_))
        ));
    }

    #[test]
    fn unreadable_list_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.txt");
        std::fs::write(&path, [0xff, 0x00, 0xfe]).unwrap();
        let err = UserWords::load(&path).unwrap_err();
        assert!(err.to_string().contains("words.txt"), "{err}");
    }
}
