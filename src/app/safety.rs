//! The window's side of "never lose an article": crash-recovery journals (offered at start,
//! written off the UI thread while editing), files changed on disk by another program, and
//! the confirmation before exporting an article the checks find errors in.
//!
//! The journaling and stamping themselves live in [`crate::storage`]; this module holds
//! the window's state for them and decides when the autosaver gets a snapshot. Its dialogs
//! are drawn in [`super::modals`].

use std::path::PathBuf;

use crate::document::Document;
use crate::storage::autosave::{Autosaver, Snapshot};
use crate::storage::journal::{DocId, Entry, Journal};

/// While typing goes on without a pause, the autosaver still gets the article this often,
/// so a crash loses at most this much typing (plus the autosaver's own short wait).
const MAX_UNJOURNALED_SECONDS: f64 = 1.0;

/// Recovery and on-disk state of the window.
pub(super) struct Safety {
    pub journal: Option<Journal>,
    pub autosaver: Option<Autosaver>,
    /// The open document's journal name; kept when a document is recovered.
    pub doc_id: DocId,
    /// Journals left by a run that did not finish, offered until recovered or discarded.
    pub offers: Vec<Entry>,
    /// Journals that could not be read: shown, never deleted without the user.
    pub unreadable: Vec<(DocId, String)>,
    pub show_offers: bool,
    /// Set when another program changed the open file: what to ask.
    pub conflict: Option<Conflict>,
    /// An export waiting for "export anyway": the path and the errors found.
    pub confirm_export: Option<(PathBuf, Vec<String>)>,
    /// Whether the window had focus last frame: regaining it is when we look at the disk.
    pub was_focused: bool,
    /// The revision the autosaver last heard about.
    journaled: Option<u64>,
    /// When the document first changed after that, while typing went on.
    unjournaled_since: Option<f64>,
}

/// Why the on-disk dialog is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Conflict {
    /// Save found the file changed since it was opened or saved.
    BeforeSave,
    /// Noticed when the window regained focus, with unsaved edits in the window.
    WhileEditing,
}

impl Safety {
    /// Opens the recovery folder and lists what a crashed run left, then starts
    /// autosaving. Problems are returned as messages; the window works without autosave.
    pub fn start(dir: Option<PathBuf>) -> (Self, Vec<String>) {
        let mut errors = Vec::new();
        let mut safety = Self {
            journal: None,
            autosaver: None,
            doc_id: DocId::new(),
            offers: Vec::new(),
            unreadable: Vec::new(),
            show_offers: false,
            conflict: None,
            confirm_export: None,
            was_focused: true,
            journaled: None,
            unjournaled_since: None,
        };
        let Some(dir) = dir else {
            return (safety, errors);
        };
        let journal = match Journal::open(dir) {
            Ok(j) => j,
            Err(e) => {
                errors.push(format!("Autosave is off: {e}"));
                return (safety, errors);
            }
        };
        // Listed before this run's autosaver writes anything: all of these are leftovers.
        match journal.list() {
            Ok(listing) => {
                safety.offers = listing.entries;
                safety.unreadable = listing
                    .unreadable
                    .into_iter()
                    .map(|(id, e)| (id, e.to_string()))
                    .collect();
                safety.show_offers = !safety.offers.is_empty() || !safety.unreadable.is_empty();
            }
            Err(e) => errors.push(format!("Cannot list recovered articles: {e}")),
        }
        match Autosaver::start(journal.clone()) {
            Ok(a) => safety.autosaver = Some(a),
            Err(e) => errors.push(format!("Autosave is off: {e}")),
        }
        safety.journal = Some(journal);
        (safety, errors)
    }

    /// Keeps the journal in step with the document at time `now`: while it has unsaved
    /// edits the autosaver gets the document's shared snapshot once typing pauses (or every
    /// [`MAX_UNJOURNALED_SECONDS`] while it goes on), never one copy per keystroke; once
    /// it has none, the journal is removed. Returns the seconds until it wants to be asked
    /// again, while typing holds a snapshot back.
    pub fn follow(&mut self, doc: &mut Document, now: f64) -> Option<f64> {
        if self.autosaver.is_none() || self.journaled == Some(doc.revision()) {
            return None;
        }
        if doc.is_modified() && doc.is_typing() {
            let since = *self.unjournaled_since.get_or_insert(now);
            let left = MAX_UNJOURNALED_SECONDS - (now - since);
            if left > 0.0 {
                return Some(left);
            }
        }
        self.journal_now(doc);
        None
    }

    /// Hands the autosaver the document as it is now: its snapshot while it has unsaved
    /// edits, else word that its journal can go.
    pub fn journal_now(&mut self, doc: &mut Document) {
        let Some(autosaver) = &self.autosaver else {
            return;
        };
        if doc.is_modified() {
            autosaver.changed(self.snapshot(doc));
        } else {
            autosaver.saved(&self.doc_id);
        }
        self.journaled = Some(doc.revision());
        self.unjournaled_since = None;
    }

    fn snapshot(&self, doc: &mut Document) -> Snapshot {
        Snapshot {
            id: self.doc_id.clone(),
            article: doc.snapshot(),
            path: doc.path().map(ToOwned::to_owned),
            format: doc.format(),
        }
    }

    /// The open document goes away (New, Open, Quit): its unsaved edits were saved or
    /// discarded by the user's answer, so its journal goes too.
    pub fn document_closed(&mut self, next_id: DocId) {
        if let Some(autosaver) = &self.autosaver {
            autosaver.discarded(&self.doc_id);
        }
        self.doc_id = next_id;
        self.journaled = None;
        self.unjournaled_since = None;
    }

    /// Autosave failures since last asked, for the message bar.
    pub fn take_errors(&self) -> Vec<String> {
        self.autosaver
            .as_ref()
            .map(|a| a.take_errors().iter().map(ToString::to_string).collect())
            .unwrap_or_default()
    }

    /// Removes an offered journal the user chose to discard.
    pub fn discard_offer(&mut self, id: &DocId) -> Result<(), String> {
        if let Some(journal) = &self.journal {
            journal.discard(id).map_err(|e| e.to_string())?;
        }
        self.offers.retain(|e| &e.id != id);
        self.unreadable.retain(|(u, _)| u != id);
        Ok(())
    }

    /// Whether the recovery offer is on screen.
    pub fn offering(&self) -> bool {
        self.show_offers && !(self.offers.is_empty() && self.unreadable.is_empty())
    }

    /// Whether a dialog of this module is open (shortcuts wait while one is).
    pub fn is_asking(&self) -> bool {
        self.offering() || self.conflict.is_some() || self.confirm_export.is_some()
    }
}
