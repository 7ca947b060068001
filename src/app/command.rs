//! Every command the window offers, with its menu text and keyboard shortcuts.
//!
//! Menus, shortcut handling and the shortcut hints beside menu items all read this one
//! table, so a shortcut cannot be shown in a menu and do something else, and a test fails
//! if two commands would answer the same keys. Panels only push [`Command`]s; they run in
//! [`super::command_handling`].

use std::path::PathBuf;

use egui::os::OperatingSystem;
use egui::{Key, KeyboardShortcut, Modifiers};

use super::panels::PanelCommand;
use super::theme::ThemePref;

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
    Quit,
    Undo,
    Redo,
    Find,
    Replace,
    /// Select the next match of the find bar's query (from the first, after a change).
    FindNext,
    FindPrevious,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    TogglePreview,
    SetTheme(ThemePref),
    ClearRecent,
    /// Copy the article as an HTML `<article>` fragment, for pasting into a CMS.
    CopyHtml,
    /// Export to this path although the checks found errors (the user confirmed).
    ExportConfirmed(PathBuf),
    /// Recover the journal with this id, left by a run that did not finish.
    Recover(String),
    /// Delete the journal with this id without recovering it.
    DiscardRecovery(String),
    /// Save over a file another program changed (the user confirmed).
    SaveOverwrite,
    /// Keep editing this version of a file another program changed.
    KeepMine,
    /// Read the file again from disk, dropping the edits in the window.
    Reload,
    /// Something asked for in the import report or checks panel.
    Panel(PanelCommand),
}

impl Command {
    /// The commands that have a fixed place in menus or a shortcut (the parameterless ones).
    pub const ALL: [Self; 19] = [
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
        Self::ClearRecent,
        Self::SetTheme(ThemePref::System),
        Self::CopyHtml,
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
            Self::SetTheme(t) => t.label().into(),
            Self::ClearRecent => "Clear Recent Files".into(),
            Self::CopyHtml => "Copy as HTML".into(),
            Self::ExportConfirmed(p) => format!("Export to {} anyway", p.display()),
            Self::Recover(id) => format!("Recover {id}"),
            Self::DiscardRecovery(id) => format!("Discard recovered {id}"),
            Self::SaveOverwrite => "Overwrite".into(),
            Self::KeepMine => "Keep My Version".into(),
            Self::Reload => "Reload from Disk".into(),
            Self::Panel(p) => p.text(),
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
            Self::OpenPath(_)
            | Self::SaveTo(_)
            | Self::ExportTo(_)
            | Self::SetTheme(_)
            | Self::ClearRecent
            | Self::Panel(_)
            | Self::CopyHtml
            | Self::ExportConfirmed(_)
            | Self::Recover(_)
            | Self::DiscardRecovery(_)
            | Self::SaveOverwrite
            | Self::KeepMine
            | Self::Reload => {
                vec![]
            }
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
            ] {
                assert!(!c.shortcuts(os).is_empty(), "{c:?} on {os:?}");
            }
        }
    }
}
