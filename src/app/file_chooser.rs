//! Newsdesk's own file chooser, drawn in the window, for when the system's cannot be shown
//! (Linux without an xdg-desktop-portal file chooser and without zenity, or a native dialog
//! that failed): a file-name field with keyboard focus that takes a name or a whole typed
//! path and confirms with Enter, the folder's files under the same filters as the native
//! dialog ([`Purpose::filters`]), and the folders to move through.
//!
//! No crate fitted: `egui-file-dialog` is not released for egui 0.37, and `egui_file`'s
//! fields have no accessible labels, cannot be given focus, and its buttons rename files
//! and make folders from inside a dialog. This one only reads folder listings; its answer
//! is a [`Command`] ([`Purpose::command`]: `OpenPath`, `SaveTo`, `ExportTo`) queued like any
//! other, so saving and opening still happen in `command_handling` alone.

use std::path::{Path, PathBuf};

use egui::text::{CCursor, CCursorRange};
use egui::{Id, Key, TextEdit};

use super::Command;
use super::dialogs::Purpose;

/// One listed folder entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// The open chooser's state.
#[derive(Debug)]
pub struct FileChooser {
    purpose: Purpose,
    folder: PathBuf,
    /// The file-name field: a name in `folder`, or a path typed whole.
    pub name: String,
    /// Index into the purpose's filters.
    filter: usize,
    /// The folder's entries, folders first, or why it could not be read.
    listing: Result<Vec<Entry>, String>,
    /// Give the file-name field focus (and select its text) on the next frame.
    focus_name: bool,
    /// What was wrong with the last Enter ("no such file"), shown above the buttons.
    problem: Option<String>,
    /// A file that exists, confirmed once: confirming it again replaces it.
    replace: Option<PathBuf>,
    /// What runs once the save succeeds (Save from the unsaved-changes prompt).
    pub then: Option<Command>,
}

/// The file-name field's id, for focus and tests.
pub fn name_field_id() -> Id {
    Id::unique("file_chooser_name")
}

impl FileChooser {
    /// A chooser for `purpose` showing `folder`, the name field holding `suggested_name`.
    pub fn new(purpose: Purpose, folder: PathBuf, suggested_name: &str) -> Self {
        let mut chooser = Self {
            purpose,
            folder: PathBuf::new(),
            name: suggested_name.to_owned(),
            filter: 0,
            listing: Ok(Vec::new()),
            focus_name: true,
            problem: None,
            replace: None,
            then: None,
        };
        chooser.enter(folder);
        chooser
    }

    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    fn enter(&mut self, folder: PathBuf) {
        self.listing = list(&folder);
        self.folder = folder;
        self.replace = None;
    }

    fn shown(&self) -> impl Iterator<Item = &Entry> {
        let filter = self.purpose.filters()[self.filter];
        self.listing
            .iter()
            .flatten()
            .filter(move |e| e.is_dir || filter.matches(&e.name))
    }

    /// The path the name field names: a typed absolute path as it is, `~/…` under the
    /// home folder, anything else in the folder shown; saving adds the chosen type's
    /// extension to a name without one.
    fn target(&self) -> Option<PathBuf> {
        let typed = self.name.trim();
        if typed.is_empty() {
            return None;
        }
        let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_owned());
        let mut path = match typed
            .strip_prefix("~/")
            .or_else(|| typed.strip_prefix("~\\"))
        {
            Some(rest) => home().map_or_else(|| self.folder.join(typed), |h| h.join(rest)),
            None => self.folder.join(typed),
        };
        if !matches!(self.purpose, Purpose::Open | Purpose::Picture)
            && path.extension().is_none()
            && !path.is_dir()
            && let Some(ext) = self.purpose.filters()[self.filter].default_extension()
        {
            path.set_extension(ext);
        }
        Some(path)
    }

    /// Enter or the confirm button: a folder is entered; a file becomes the command.
    fn confirm(&mut self, queue: &mut Vec<Command>) {
        self.focus_name = true;
        let Some(path) = self.target() else {
            self.problem = Some("Type a file name or a path.".to_owned());
            return;
        };
        if path.is_dir() {
            self.enter(path);
            self.name.clear();
            self.problem = None;
            return;
        }
        if matches!(self.purpose, Purpose::Open | Purpose::Picture) {
            if !path.is_file() {
                self.problem = Some(format!("{} does not exist.", path.display()));
                return;
            }
        } else {
            if !path.parent().is_some_and(Path::is_dir) {
                self.problem = Some(format!(
                    "The folder {} does not exist.",
                    path.parent().unwrap_or(&path).display()
                ));
                return;
            }
            if path.exists() && self.replace.as_ref() != Some(&path) {
                self.problem = Some(format!(
                    "{} already exists. Press Enter again to replace it.",
                    path.display()
                ));
                self.replace = Some(path);
                return;
            }
        }
        queue.push(Command::CloseChooser);
        queue.push(self.purpose.command(path));
        if let Some(then) = self.then.take() {
            queue.push(Command::IfSaved(Box::new(then)));
        }
    }

    /// Draws the chooser as a modal window; its answer goes onto `queue`.
    pub fn show(&mut self, ctx: &egui::Context, queue: &mut Vec<Command>) {
        egui::Modal::new(Id::unique("file_chooser")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(self.purpose.title());
            self.folder_row(ui);
            ui.separator();
            self.entries(ui, queue);
            ui.separator();
            self.name_row(ui, queue);
            self.type_row(ui);
            if let Some(problem) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                if ui.button(self.purpose.verb()).clicked() {
                    self.confirm(queue);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    queue.push(Command::CloseChooser);
                }
            });
        });
    }

    fn folder_row(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let parent = self.folder.parent().map(Path::to_owned);
            let up = ui
                .add_enabled(parent.is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder above");
            if up.clicked()
                && let Some(parent) = parent
            {
                self.enter(parent);
            }
            ui.label(format!("Folder: {}", self.folder.display()));
        });
    }

    fn entries(&mut self, ui: &mut egui::Ui, queue: &mut Vec<Command>) {
        let mut clicked = None;
        egui::ScrollArea::vertical()
            .max_height(280.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if let Err(e) = &self.listing {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                    return;
                }
                let mut any = false;
                for entry in self.shown() {
                    any = true;
                    let text = if entry.is_dir {
                        format!("{}/", entry.name)
                    } else {
                        entry.name.clone()
                    };
                    let selected = !entry.is_dir && entry.name == self.name;
                    let response = ui.selectable_label(selected, text);
                    if response.clicked() || response.double_clicked() {
                        clicked = Some((entry.clone(), response.double_clicked()));
                    }
                }
                if !any {
                    ui.weak("No files of this type here");
                }
            });
        match clicked {
            Some((entry, _)) if entry.is_dir => {
                let folder = self.folder.join(&entry.name);
                self.enter(folder);
            }
            Some((entry, double)) => {
                self.name = entry.name;
                self.focus_name = true;
                self.problem = None;
                if double {
                    self.confirm(queue);
                }
            }
            None => {}
        }
    }

    /// The file-name field: focused (its text selected) when the chooser opens, so a
    /// typed name or path replaces the suggestion; Enter confirms.
    fn name_row(&mut self, ui: &mut egui::Ui, queue: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let label = ui.label("File name");
            let id = name_field_id();
            if self.focus_name {
                let mut state = TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
                state.cursor.set_char_range(Some(CCursorRange::two(
                    CCursor::new(0),
                    CCursor::new(self.name.chars().count()),
                )));
                TextEdit::store_state(ui.ctx(), id, state);
            }
            let response = ui
                .add(
                    TextEdit::singleline(&mut self.name)
                        .id(id)
                        .hint_text("a name, or a whole path")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            // Asked until given: the modal's first frame only measures its contents.
            if self.focus_name {
                if response.has_focus() {
                    self.focus_name = false;
                } else {
                    response.request_focus();
                }
            }
            if response.changed() {
                self.problem = None;
                self.replace = None;
            }
            // A single-line field gives up focus on Enter.
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                self.confirm(queue);
            }
        });
    }

    fn type_row(&mut self, ui: &mut egui::Ui) {
        let filters = self.purpose.filters();
        ui.horizontal(|ui| {
            let label = ui.label("Type");
            let before = self.filter;
            egui::ComboBox::from_id_salt("file_chooser_type")
                .selected_text(filters[self.filter].label())
                .width(320.0)
                .show_ui(ui, |ui| {
                    for (i, f) in filters.iter().enumerate() {
                        ui.selectable_value(&mut self.filter, i, f.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if self.filter != before {
                self.retype(before);
            }
        });
    }

    /// A new type chosen: a name that had the old type's extension gets the new one's.
    fn retype(&mut self, before: usize) {
        let filters = self.purpose.filters();
        if matches!(self.purpose, Purpose::Open | Purpose::Picture) {
            return;
        }
        let path = Path::new(&self.name);
        let had_old = filters[before].matches(&self.name);
        if let (true, Some(ext)) = (had_old, filters[self.filter].default_extension()) {
            self.name = path.with_extension(ext).to_string_lossy().into_owned();
        }
        self.focus_name = true;
    }
}

/// The folder's entries without hidden ones (Newsdesk's own temporary files among them),
/// folders first, each group by name ignoring case.
fn list(folder: &Path) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut entries: Vec<Entry> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if name.starts_with('.') {
                return None;
            }
            // Follows symbolic links, as opening the entry would.
            let is_dir = e.path().is_dir();
            Some(Entry { name, is_dir })
        })
        .collect();
    entries.sort_by_cached_key(|e| (!e.is_dir, e.name.to_lowercase()));
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.ron", "A.md", "notes.txt", ".newsdesk-x.tmp"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("zfolder")).unwrap();
        dir
    }

    fn names(c: &FileChooser) -> Vec<&str> {
        c.shown().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn lists_folders_first_and_only_files_of_the_chosen_type() {
        let dir = folder();
        let mut c = FileChooser::new(Purpose::Save, dir.path().to_owned(), "story.ron");
        assert_eq!(names(&c), ["zfolder", "b.ron"]);
        c.filter = 1;
        assert_eq!(names(&c), ["zfolder", "A.md"]);
        let c = FileChooser::new(Purpose::Open, dir.path().to_owned(), "");
        assert_eq!(names(&c), ["zfolder", "A.md", "b.ron", "notes.txt"]);
    }

    #[test]
    fn a_typed_path_or_name_becomes_the_command() {
        let dir = folder();
        let mut c = FileChooser::new(Purpose::Save, dir.path().to_owned(), "story");
        c.then = Some(Command::Quit);
        let mut queue = Vec::new();
        c.confirm(&mut queue);
        assert_eq!(
            queue,
            [
                Command::CloseChooser,
                Command::SaveTo(dir.path().join("story.ron")),
                Command::IfSaved(Box::new(Command::Quit)),
            ]
        );

        let other = tempfile::tempdir().unwrap();
        let typed = other.path().join("elsewhere.md");
        let mut c = FileChooser::new(Purpose::Save, dir.path().to_owned(), "");
        c.name = typed.display().to_string();
        let mut queue = Vec::new();
        c.confirm(&mut queue);
        assert_eq!(queue, [Command::CloseChooser, Command::SaveTo(typed)]);
    }

    #[test]
    fn replacing_a_file_takes_a_second_enter() {
        let dir = folder();
        let mut c = FileChooser::new(Purpose::Save, dir.path().to_owned(), "b.ron");
        let mut queue = Vec::new();
        c.confirm(&mut queue);
        assert!(queue.is_empty());
        assert!(c.problem.as_deref().unwrap().contains("already exists"));
        c.confirm(&mut queue);
        assert_eq!(queue[1], Command::SaveTo(dir.path().join("b.ron")));
    }

    #[test]
    fn a_folder_is_entered_and_a_missing_file_is_said() {
        let dir = folder();
        let mut c = FileChooser::new(Purpose::Open, dir.path().to_owned(), "zfolder");
        let mut queue = Vec::new();
        c.confirm(&mut queue);
        assert!(queue.is_empty());
        assert_eq!(c.folder(), dir.path().join("zfolder"));
        assert!(c.name.is_empty());
        c.name = "missing.ron".into();
        c.confirm(&mut queue);
        assert!(queue.is_empty());
        assert!(c.problem.as_deref().unwrap().contains("does not exist"));
        let mut c = FileChooser::new(Purpose::Save, dir.path().join("nowhere"), "x.ron");
        assert!(c.listing.is_err());
        c.confirm(&mut queue);
        assert!(queue.is_empty(), "no folder to save in");
    }

    #[test]
    fn changing_the_type_changes_the_extension() {
        let dir = folder();
        let mut c = FileChooser::new(Purpose::Save, dir.path().to_owned(), "story.ron");
        c.filter = 1;
        c.retype(0);
        assert_eq!(c.name, "story.md");
    }
}
