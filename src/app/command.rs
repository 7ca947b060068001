//! Every command the window offers, with its menu text and keyboard shortcuts.
//!
//! Menus, shortcut handling and the shortcut hints beside menu items all read this one
//! table, so a shortcut cannot be shown in a menu and do something else, and a test fails
//! if two commands would answer the same keys. Panels, dialogs and menus only push
//! [`Command`]s, each carrying typed data (a [`DocId`], a [`Found`] finding with the revision
//! it was found in); they run in `command_handling`.

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::os::OperatingSystem;
use egui::{Key, KeyboardShortcut, Modifiers};

use super::compare::CompareCommand;
use super::theme::ThemePref;
use crate::article::{Field, StoryState};
use crate::checks::Finding;
use crate::find::Query;
use crate::markup::Format;
use crate::storage::journal::DocId;

/// A check finding as the side panel showed it, with the revision it was found in: a
/// command on it applies only while the article is still at that revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub finding: Finding,
    pub revision: u64,
}

/// The user's answer to the unsaved-changes prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptAnswer {
    Save,
    Discard,
    Cancel,
}

/// Something the user asked the window to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    New,
    Open,
    /// Open this file (from the command line, recent files, drag-and-drop or a test).
    OpenPath(PathBuf),
    Save,
    SaveAs,
    /// Save to this path (after Save As asked for it, or from a test).
    SaveTo(PathBuf),
    /// Export a copy for publishing (HTML page, ninjs JSON, Markdown, RON); the document
    /// keeps its own file.
    Export,
    /// Export to this path, the format following its extension.
    ExportTo(PathBuf),
    /// Export to this path although the checks found errors (the user confirmed).
    ExportConfirmed(PathBuf),
    /// Close the in-window file chooser (its answer, if any, is queued after this).
    CloseChooser,
    /// Run this command if the article has no unsaved changes left: queued after a
    /// `SaveTo` from the file chooser when Save was the answer to the unsaved-changes prompt.
    IfSaved(Box<Command>),
    /// Close the "export with errors?" question without exporting.
    CancelExport,
    Quit,
    /// The answer to the Save / Discard / Cancel prompt for the command waiting on it.
    AnswerUnsaved(PromptAnswer),
    Undo,
    Redo,
    Find,
    Replace,
    /// Select the next match of the find bar's query (from the first, after a change).
    FindNext,
    FindPrevious,
    CloseFind,
    /// Replace every match of the query, as one undo step.
    ReplaceAll {
        query: Query,
        replacement: String,
    },
    ZoomIn,
    ZoomOut,
    ZoomReset,
    TogglePreview,
    /// Whether exporting for publishing marks the story `published` (File menu).
    TogglePublishOnExport,
    SetTheme(ThemePref),
    ClearRecent,
    /// Copy the article as an HTML `<article>` fragment, for pasting into a CMS.
    CopyHtml,
    /// Dismiss the message bar's message at this index.
    DismissMessage(usize),
    /// Recover the journal with this id, left by a run that did not finish.
    Recover(DocId),
    /// Delete the journal with this id without recovering it.
    DiscardRecovery(DocId),
    /// Close the recovery offer until the next start.
    DecideLater,
    /// The answer to "changed on disk": closes the question, then runs the command.
    AnswerConflict(Box<Command>),
    /// Save over a file another program changed (the user confirmed).
    SaveOverwrite,
    /// Keep editing this version of a file another program changed.
    KeepMine,
    /// Read the file again from disk, dropping the edits in the window.
    Reload,
    /// Look whether another program changed the file (the window regained focus).
    CheckDisk,
    /// Set or clear the dateline date (the form's date picker), as one undo step.
    SetDate(Option<NaiveDate>),
    /// Set the keywords (the form's keywords line, split on commas), as one undo step.
    SetKeywords(Vec<String>),
    /// Show or hide the import report (View menu).
    ToggleImportReport,
    /// Put the removed line at this report entry back into the body.
    PutBack(usize),
    /// Focus the finding's field and select its text.
    GoTo(Found),
    /// Apply the finding's safe fix.
    Fix(Found),
    /// Replace the finding's text with this spelling suggestion.
    Suggest(Found, String),
    /// Accept the flagged word in this article.
    Ignore(Found),
    /// Add the flagged word to the user's own dictionary.
    AddToDictionary(Found),
    /// Copy these bytes of a field, then delete them as one undo step (the context menu).
    Cut(Field, std::ops::Range<usize>),
    /// Copy these bytes of a field.
    Copy(Field, std::ops::Range<usize>),
    /// Paste the clipboard into the field, at its cursor.
    Paste(Field),
    /// Select all of a field's text.
    SelectAll(Field),
    /// Apply every safe fix among these findings, as one undo step.
    FixAll(Vec<Finding>, u64),
    /// The compare view: open or close it, choose the version, step, restore.
    Compare(CompareCommand),
    /// Choose a picture file to add (the file dialog).
    AddPicture,
    /// Add this picture file after the others, as one undo step (from the dialog, a
    /// dropped image or a test).
    AddPicturePath(PathBuf),
    /// Move the picture at this position one place up (towards the lead) or down.
    MovePicture {
        index: usize,
        up: bool,
    },
    /// Remove the picture at this position, as one undo step.
    RemovePicture(usize),
    /// Place the picture at this position in the body, after the paragraph the caret is
    /// in (`![alt](source)`), as one undo step: the preview and exports draw it there.
    PlacePicture(usize),
    /// Format the body's selection or paragraph (Bold, Italic, …); Link asks for the address.
    Format(Format),
    /// Link the body's selection to this address (the link prompt's answer).
    InsertLink(String),
    /// Close the link prompt without linking.
    CancelLink,
    /// The desk: choose a folder, open one, move through its stories, filter and sort.
    Desk(DeskCommand),
}

/// The desk's commands ([`crate::desk`]).
#[derive(Debug, Clone, PartialEq)]
pub enum DeskCommand {
    /// File > Open Folder…: asks for a folder.
    OpenFolder,
    /// List this folder beside the form (command line, a dropped folder, recent folders).
    OpenFolderPath(PathBuf),
    /// Open the next or previous story of the list (asks about unsaved changes first).
    NextStory,
    PreviousStory,
    Filter(String),
    Sort(crate::desk::Sort),
    /// Set the story's state (the form's drop-down); `ready` with errors asks first.
    SetState(StoryState),
    /// Mark the story ready although the checks found errors (the user confirmed).
    ConfirmReady,
    CancelReady,
    /// Close the story list.
    CloseFolder,
}

impl DeskCommand {
    pub fn text(&self) -> String {
        match self {
            Self::OpenFolder => "Open Folder…".into(),
            Self::OpenFolderPath(p) => format!("Open folder {}", p.display()),
            Self::NextStory => "Next Story".into(),
            Self::PreviousStory => "Previous Story".into(),
            Self::Filter(_) => "Filter Stories".into(),
            Self::Sort(_) => "Sort Stories".into(),
            Self::SetState(s) => format!("Mark {s}"),
            Self::ConfirmReady => "Mark ready anyway".into(),
            Self::CancelReady => "Cancel".into(),
            Self::CloseFolder => "Close Folder".into(),
        }
    }
}

impl Command {
    /// The commands that have a fixed place in menus or a shortcut (the parameterless ones).
    pub const ALL: [Self; 31] = [
        Self::New,
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::Export,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Find,
        Self::Replace,
        Self::FindNext,
        Self::FindPrevious,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::TogglePreview,
        Self::TogglePublishOnExport,
        Self::ClearRecent,
        Self::SetTheme(ThemePref::System),
        Self::CopyHtml,
        Self::Compare(CompareCommand::Toggle),
        Self::Desk(DeskCommand::OpenFolder),
        Self::Desk(DeskCommand::NextStory),
        Self::Desk(DeskCommand::PreviousStory),
        Self::Format(Format::Bold),
        Self::Format(Format::Italic),
        Self::Format(Format::Link),
        Self::Format(Format::Heading),
        Self::Format(Format::Quote),
        Self::Format(Format::Bulleted),
        Self::Format(Format::Numbered),
    ];

    /// The text of the command's menu item.
    pub fn text(&self) -> String {
        match self {
            Self::New => "New".into(),
            Self::Open => "Open…".into(),
            Self::OpenPath(p) => format!("Open {}", p.display()),
            Self::Save => "Save".into(),
            Self::SaveAs => "Save As…".into(),
            Self::SaveTo(p) => format!("Save to {}", p.display()),
            Self::Export => "Export…".into(),
            Self::ExportTo(p) => format!("Export to {}", p.display()),
            Self::Quit => "Quit".into(),
            Self::Undo => "Undo".into(),
            Self::Redo => "Redo".into(),
            Self::Find => "Find…".into(),
            Self::Replace => "Find and Replace…".into(),
            Self::FindNext => "Find Next".into(),
            Self::FindPrevious => "Find Previous".into(),
            Self::ZoomIn => "Zoom In".into(),
            Self::ZoomOut => "Zoom Out".into(),
            Self::ZoomReset => "Actual Size".into(),
            Self::TogglePreview => "Show Preview".into(),
            Self::TogglePublishOnExport => "Mark Published on Export".into(),
            Self::SetTheme(t) => t.label().into(),
            Self::ClearRecent => "Clear Recent Files".into(),
            Self::CopyHtml => "Copy as HTML".into(),
            Self::ExportConfirmed(p) => format!("Export to {} anyway", p.display()),
            Self::CancelExport => "Cancel Export".into(),
            Self::CloseChooser | Self::CancelLink => "Cancel".into(),
            Self::AnswerUnsaved(a) => format!("{a:?}"),
            Self::CloseFind => "Close Find".into(),
            Self::ReplaceAll { .. } => "Replace All".into(),
            Self::DismissMessage(_) => "Dismiss".into(),
            Self::Recover(id) => format!("Recover {id}"),
            Self::DiscardRecovery(id) => format!("Discard recovered {id}"),
            Self::DecideLater => "Decide Later".into(),
            Self::AnswerConflict(c) | Self::IfSaved(c) => c.text(),
            Self::SaveOverwrite => "Overwrite".into(),
            Self::KeepMine => "Keep My Version".into(),
            Self::Reload => "Reload from Disk".into(),
            Self::CheckDisk => "Check the File on Disk".into(),
            Self::SetDate(_) => "Set Date".into(),
            Self::SetKeywords(_) => "Set Keywords".into(),
            Self::ToggleImportReport => "Show Import Report".into(),
            Self::PutBack(_) => "Put back".into(),
            Self::GoTo(_) => "Go to".into(),
            Self::Fix(_) => "Fix".into(),
            Self::Suggest(_, s) => format!("Replace with {s}"),
            Self::Ignore(_) => "Ignore".into(),
            Self::AddToDictionary(_) => "Add to dictionary".into(),
            Self::FixAll(..) => "Fix all".into(),
            Self::Cut(..) => "Cut".into(),
            Self::Copy(..) => "Copy".into(),
            Self::Paste(_) => "Paste".into(),
            Self::SelectAll(_) => "Select All".into(),
            Self::Compare(c) => c.text(),
            Self::AddPicture => "Add Picture…".into(),
            Self::AddPicturePath(p) => format!("Add picture {}", p.display()),
            Self::MovePicture { index, up: true } => format!("Move picture {} up", index + 1),
            Self::MovePicture { index, up: false } => format!("Move picture {} down", index + 1),
            Self::RemovePicture(index) => format!("Remove picture {}", index + 1),
            Self::PlacePicture(index) => format!("Place picture {} in the body", index + 1),
            Self::Desk(c) => c.text(),
            Self::Format(f) => f.label().into(),
            Self::InsertLink(_) => "Link".into(),
        }
    }

    /// The shortcuts that run this command on `os`; the first is shown in menus.
    /// `Modifiers::COMMAND` is Cmd on macOS and Ctrl elsewhere.
    pub fn shortcuts(&self, os: OperatingSystem) -> Vec<KeyboardShortcut> {
        let cmd = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let cmd_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
        let key = |key| KeyboardShortcut::new(Modifiers::NONE, key);
        let mac = os == OperatingSystem::Mac;
        match self {
            Self::New => vec![cmd(Key::N)],
            Self::Open => vec![cmd(Key::O)],
            Self::Save => vec![cmd(Key::S)],
            Self::SaveAs => vec![cmd_shift(Key::S)],
            Self::Export => vec![cmd(Key::E)],
            Self::Quit => vec![cmd(Key::Q)],
            Self::Undo => vec![cmd(Key::Z)],
            Self::Redo if mac => vec![cmd_shift(Key::Z)],
            Self::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            Self::Find => vec![cmd(Key::F)],
            // Cmd+H hides the application on macOS; Mac editors use Cmd+Option+F.
            Self::Replace if mac => vec![KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::ALT,
                Key::F,
            )],
            Self::Replace => vec![cmd(Key::H)],
            Self::FindNext if mac => vec![cmd(Key::G)],
            Self::FindNext => vec![key(Key::F3), cmd(Key::G)],
            Self::FindPrevious if mac => vec![cmd_shift(Key::G)],
            Self::FindPrevious => vec![
                KeyboardShortcut::new(Modifiers::SHIFT, Key::F3),
                cmd_shift(Key::G),
            ],
            Self::ZoomIn => vec![cmd(Key::Plus), cmd(Key::Equals)],
            Self::ZoomOut => vec![cmd(Key::Minus)],
            Self::ZoomReset => vec![cmd(Key::Num0)],
            Self::TogglePreview => vec![cmd(Key::Backslash)],
            // D for diff; Cmd+Shift+C is taken by browsers' and terminals' copy.
            Self::Compare(CompareCommand::Toggle) => vec![cmd_shift(Key::D)],
            Self::Desk(DeskCommand::OpenFolder) => vec![cmd_shift(Key::O)],
            // As browsers and editors move between tabs: Cmd+Option+arrows on macOS,
            // Ctrl+Page Down / Page Up elsewhere (Ctrl+Alt+arrows switch workspaces there).
            Self::Desk(DeskCommand::NextStory) if mac => vec![KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::ALT,
                Key::ArrowDown,
            )],
            Self::Desk(DeskCommand::NextStory) => vec![cmd(Key::PageDown)],
            Self::Desk(DeskCommand::PreviousStory) if mac => vec![KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::ALT,
                Key::ArrowUp,
            )],
            Self::Desk(DeskCommand::PreviousStory) => vec![cmd(Key::PageUp)],
            // As word processors have them; lists and quote as Google Docs does.
            Self::Format(Format::Bold) => vec![cmd(Key::B)],
            Self::Format(Format::Italic) => vec![cmd(Key::I)],
            Self::Format(Format::Link) => vec![cmd(Key::K)],
            Self::Format(Format::Heading) => vec![KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::ALT,
                Key::Num2,
            )],
            Self::Format(Format::Quote) => vec![cmd_shift(Key::Num9)],
            Self::Format(Format::Bulleted) => vec![cmd_shift(Key::Num8)],
            Self::Format(Format::Numbered) => vec![cmd_shift(Key::Num7)],
            Self::AddPicture
            | Self::AddPicturePath(_)
            | Self::MovePicture { .. }
            | Self::RemovePicture(_)
            | Self::PlacePicture(_)
            | Self::OpenPath(_)
            | Self::SaveTo(_)
            | Self::ExportTo(_)
            | Self::SetTheme(_)
            | Self::TogglePublishOnExport
            | Self::ClearRecent
            | Self::CopyHtml
            | Self::ExportConfirmed(_)
            | Self::CancelExport
            | Self::CloseChooser
            | Self::IfSaved(_)
            | Self::AnswerUnsaved(_)
            | Self::CloseFind
            | Self::ReplaceAll { .. }
            | Self::DismissMessage(_)
            | Self::Recover(_)
            | Self::DiscardRecovery(_)
            | Self::DecideLater
            | Self::AnswerConflict(_)
            | Self::SaveOverwrite
            | Self::KeepMine
            | Self::Reload
            | Self::CheckDisk
            | Self::SetDate(_)
            | Self::SetKeywords(_)
            | Self::ToggleImportReport
            | Self::PutBack(_)
            | Self::GoTo(_)
            | Self::Fix(_)
            | Self::Suggest(..)
            | Self::Ignore(_)
            | Self::AddToDictionary(_)
            | Self::FixAll(..)
            | Self::Desk(_)
            | Self::Cut(..)
            | Self::Copy(..)
            | Self::Paste(_)
            | Self::SelectAll(_)
            | Self::InsertLink(_)
            | Self::CancelLink
            | Self::Compare(_) => vec![],
        }
    }

    /// Every (shortcut, command) pair for `os`, the most specific shortcuts first, because
    /// egui matches shortcuts logically: Cmd+Z would also match Cmd+Shift+Z.
    pub fn shortcut_table(os: OperatingSystem) -> Vec<(KeyboardShortcut, Self)> {
        let mut table: Vec<_> = Self::ALL
            .iter()
            .flat_map(|c| c.shortcuts(os).into_iter().map(move |s| (s, c.clone())))
            .collect();
        table.sort_by_key(|(s, _)| {
            let m = s.modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command))
        });
        table
    }

    /// A menu item for this command, with its shortcut hint; a click queues the command.
    pub fn menu_item(self, ui: &mut egui::Ui, queue: &mut Vec<Self>) {
        self.menu_item_enabled(ui, queue, true);
    }

    /// [`Self::menu_item`], greyed out unless `enabled`.
    pub fn menu_item_enabled(self, ui: &mut egui::Ui, queue: &mut Vec<Self>, enabled: bool) {
        let os = ui.ctx().os();
        let hint = self
            .shortcuts(os)
            .first()
            .map(|s| ui.ctx().format_shortcut(s))
            .unwrap_or_default();
        let button = egui::Button::new(self.text()).shortcut_text(hint);
        if ui.add_enabled(enabled, button).clicked() {
            queue.push(self);
            ui.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OSES: [OperatingSystem; 3] = [
        OperatingSystem::Mac,
        OperatingSystem::Windows,
        OperatingSystem::Nix,
    ];

    #[test]
    fn no_two_commands_share_a_shortcut() {
        for os in OSES {
            let table = Command::shortcut_table(os);
            for (i, (a, ca)) in table.iter().enumerate() {
                for (b, cb) in &table[i + 1..] {
                    assert!(
                        a != b,
                        "{os:?}: {ca:?} and {cb:?} share {}",
                        a.format(&egui::ModifierNames::NAMES, os == OperatingSystem::Mac)
                    );
                }
            }
        }
    }

    #[test]
    fn a_shortcut_is_never_shadowed_by_a_less_specific_one() {
        // Logical matching means an earlier entry whose modifiers are a subset of a later
        // entry's, on the same key, would swallow it.
        for os in OSES {
            let table = Command::shortcut_table(os);
            for (i, (later, cl)) in table.iter().enumerate() {
                for (earlier, ce) in &table[..i] {
                    let shadows = earlier.logical_key == later.logical_key
                        && later.modifiers.matches_logically(earlier.modifiers);
                    assert!(!shadows, "{os:?}: {ce:?} shadows {cl:?}");
                }
            }
        }
    }

    #[test]
    fn standard_commands_have_shortcuts_on_every_os() {
        for os in OSES {
            for c in [
                Command::New,
                Command::Open,
                Command::Save,
                Command::SaveAs,
                Command::Quit,
                Command::Undo,
                Command::Redo,
                Command::Find,
                Command::Replace,
                Command::FindNext,
                Command::FindPrevious,
                Command::ZoomIn,
                Command::ZoomOut,
                Command::Compare(CompareCommand::Toggle),
                Command::Desk(DeskCommand::OpenFolder),
                Command::Desk(DeskCommand::NextStory),
                Command::Desk(DeskCommand::PreviousStory),
                Command::Format(Format::Bold),
                Command::Format(Format::Italic),
                Command::Format(Format::Link),
                Command::Format(Format::Heading),
                Command::Format(Format::Quote),
                Command::Format(Format::Bulleted),
                Command::Format(Format::Numbered),
            ] {
                assert!(!c.shortcuts(os).is_empty(), "{c:?} on {os:?}");
            }
        }
    }

    /// The menu hint of `command`'s first shortcut as macOS shows it ("⌘S").
    fn mac_hint(command: &Command) -> String {
        command.shortcuts(OperatingSystem::Mac)[0].format(&egui::ModifierNames::SYMBOLS, true)
    }

    #[test]
    fn macos_shortcuts_use_cmd_and_the_mac_conventions() {
        let mac = OperatingSystem::Mac;
        // Every shortcut is a Cmd shortcut: Ctrl means something else to Mac text fields
        // (Ctrl+A, Ctrl+E move the cursor) and bare function keys are taken by the system.
        for (shortcut, command) in Command::shortcut_table(mac) {
            assert!(
                shortcut.modifiers.command && !shortcut.modifiers.ctrl,
                "{command:?}: {}",
                shortcut.format(&egui::ModifierNames::SYMBOLS, true)
            );
        }
        for (command, hint) in [
            (Command::New, "⌘N"),
            (Command::Open, "⌘O"),
            (Command::Save, "⌘S"),
            (Command::SaveAs, "⇧⌘S"),
            (Command::Export, "⌘E"),
            (Command::Quit, "⌘Q"),
            (Command::Undo, "⌘Z"),
            (Command::Redo, "⇧⌘Z"),
            (Command::Find, "⌘F"),
            // Cmd+H hides the application on macOS.
            (Command::Replace, "⌥⌘F"),
            (Command::FindNext, "⌘G"),
            (Command::FindPrevious, "⇧⌘G"),
            (Command::ZoomReset, "⌘0"),
            (Command::TogglePreview, "⌘\\"),
            (Command::Format(Format::Bold), "⌘B"),
            (Command::Format(Format::Italic), "⌘I"),
            (Command::Format(Format::Link), "⌘K"),
        ] {
            assert_eq!(mac_hint(&command), hint, "{command:?}");
        }
        // One shortcut each where macOS has one convention: no Cmd+Y, no F3.
        assert_eq!(Command::Redo.shortcuts(mac).len(), 1);
        assert_eq!(Command::FindNext.shortcuts(mac).len(), 1);
        // Keys macOS keeps for itself: hide (H), minimise (M), hide others (Option+H).
        for (shortcut, command) in Command::shortcut_table(mac) {
            assert!(
                !matches!(shortcut.logical_key, Key::H | Key::M),
                "{command:?} takes a key macOS uses"
            );
        }
    }
}
