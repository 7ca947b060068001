//! File dialogs behind a small trait, so tests never open one, and so a dialog that cannot
//! be shown is told apart from one the user cancelled.
//!
//! The native dialogs are rfd's. On Linux rfd asks xdg-desktop-portal over the session bus
//! and falls back to running `zenity`; with neither it logs an error and returns "no file",
//! exactly what Cancel returns. So [`NativeDialogs`] first asks the session bus whether a
//! portal file chooser is there (or `zenity` is on `PATH`), and watches rfd's log while a
//! dialog is open: an error as rfd's last word means the dialog failed. Either way the
//! answer is [`Choice::Unavailable`] with the reason, and the window opens its own chooser
//! (`super::file_chooser`) instead. [`Purpose`] holds the titles and filters both use.

use std::path::PathBuf;

use super::Command;

/// What a file dialog gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// The user chose this file (to open) or name (to save or export under).
    Picked(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown, for this reason (said once in the message bar).
    Unavailable(String),
}

/// Which dialog: its title, button, filters and the command a chosen path becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Open,
    Save,
    Export,
    /// A picture to add to the article.
    Picture,
    /// A folder to list as a desk (File > Open Folder…).
    Folder,
}

/// A named set of file extensions ("Markdown": `md`); `*` matches every file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

impl Filter {
    /// Whether a file named `name` passes, by its extension, ignoring case.
    pub fn matches(&self, name: &str) -> bool {
        let ext = std::path::Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        self.extensions
            .iter()
            .any(|e| *e == "*" || e.eq_ignore_ascii_case(ext))
    }

    /// The extension a name typed without one gets (`None` for "All files").
    pub fn default_extension(&self) -> Option<&'static str> {
        self.extensions.first().copied().filter(|e| *e != "*")
    }

    /// "Markdown (*.md)", as dialogs show it.
    pub fn label(&self) -> String {
        let globs: Vec<String> = self.extensions.iter().map(|e| format!("*.{e}")).collect();
        let globs = globs.join(" ").replace("*.*", "*");
        format!("{} ({globs})", self.name)
    }
}

const OPEN_FILTERS: &[Filter] = &[
    Filter {
        name: "Articles",
        extensions: &[
            "ron", "md", "markdown", "txt", "json", "xml", "nitf", "newsml",
        ],
    },
    Filter {
        name: "All files",
        extensions: &["*"],
    },
];

const SAVE_FILTERS: &[Filter] = &[
    Filter {
        name: "Newsdesk RON",
        extensions: &["ron"],
    },
    Filter {
        name: "Markdown",
        extensions: &["md"],
    },
];

const EXPORT_FILTERS: &[Filter] = &[
    Filter {
        name: "Web page",
        extensions: &["html"],
    },
    Filter {
        name: "IPTC ninjs",
        extensions: &["json"],
    },
    Filter {
        name: "IPTC NewsML-G2",
        extensions: &["xml"],
    },
    Filter {
        name: "Markdown",
        extensions: &["md"],
    },
    Filter {
        name: "Newsdesk RON",
        extensions: &["ron"],
    },
];

/// The pictures Newsdesk shows and exports: the formats its `image` build decodes.
const PICTURE_FILTERS: &[Filter] = &[
    Filter {
        name: "Pictures",
        extensions: &["jpg", "jpeg", "png", "webp"],
    },
    Filter {
        name: "All files",
        extensions: &["*"],
    },
];

/// Whether a file's name says it is a picture Newsdesk takes (a dropped file: a picture is
/// added, anything else opens as an article).
pub fn is_picture_name(path: &std::path::Path) -> bool {
    PICTURE_FILTERS[0].matches(&path.to_string_lossy())
}

impl Purpose {
    pub fn title(self) -> &'static str {
        match self {
            Self::Open => "Open article",
            Self::Save => "Save article",
            Self::Export => "Export article",
            Self::Picture => "Add picture",
            Self::Folder => "Open folder",
        }
    }

    /// The confirming button's text.
    pub fn verb(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Save => "Save",
            Self::Export => "Export",
            Self::Picture => "Add",
            Self::Folder => "Open Folder",
        }
    }

    /// The file types offered, the first chosen at start.
    pub fn filters(self) -> &'static [Filter] {
        match self {
            Self::Open => OPEN_FILTERS,
            Self::Save => SAVE_FILTERS,
            Self::Export => EXPORT_FILTERS,
            Self::Picture => PICTURE_FILTERS,
            Self::Folder => &[],
        }
    }

    /// The command a chosen path becomes, queued like any other.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            Self::Open => Command::OpenPath(path),
            Self::Save => Command::SaveTo(path),
            Self::Export => Command::ExportTo(path),
            Self::Picture => Command::AddPicturePath(path),
            Self::Folder => Command::Desk(super::command::DeskCommand::OpenFolderPath(path)),
        }
    }
}

/// Asks the user for a file to open or a name to save or export under.
pub trait FileDialogs {
    /// Shows the dialog for `purpose`, offering `suggested_name` when saving.
    fn pick(&mut self, purpose: Purpose, suggested_name: &str) -> Choice;
}

/// The operating system's dialogs (rfd), or [`Choice::Unavailable`] when there are none.
#[derive(Default)]
pub struct NativeDialogs {
    /// Found out at the first dialog; once unavailable, the window stops trying them for
    /// the rest of the run.
    state: Native,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Native {
    #[default]
    Unknown,
    Available,
    Unavailable(String),
}

impl NativeDialogs {
    /// Native dialogs, with rfd's log watched for failures.
    pub fn new() -> Self {
        rfd_log::install();
        Self::default()
    }
}

impl FileDialogs for NativeDialogs {
    fn pick(&mut self, purpose: Purpose, suggested_name: &str) -> Choice {
        if self.state == Native::Unknown {
            self.state = probe().map_or(Native::Available, Native::Unavailable);
        }
        if let Native::Unavailable(reason) = &self.state {
            return Choice::Unavailable(reason.clone());
        }
        let (picked, records) = rfd_log::during(|| show_native(purpose, suggested_name));
        match picked {
            Some(path) => Choice::Picked(path),
            None => match failure(&records) {
                Some(error) => {
                    let reason = format!("the system's file dialog failed ({error})");
                    self.state = Native::Unavailable(reason.clone());
                    Choice::Unavailable(reason)
                }
                None => Choice::Cancelled,
            },
        }
    }
}

fn show_native(purpose: Purpose, suggested_name: &str) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
    if purpose == Purpose::Folder {
        return dialog.pick_folder();
    }
    for f in purpose.filters() {
        dialog = dialog.add_filter(f.name, f.extensions);
    }
    match purpose {
        Purpose::Open | Purpose::Picture => dialog.pick_file(),
        Purpose::Save | Purpose::Export => dialog.set_file_name(suggested_name).save_file(),
        Purpose::Folder => None,
    }
}

/// Whether rfd's log while a dialog was open says it failed: an error as its last word.
/// (On Linux a failed portal is logged as an error, then rfd warns that it falls back to
/// zenity, which either works or fails with an error of its own.)
fn failure(records: &[(log::Level, String)]) -> Option<String> {
    match records.last() {
        Some((log::Level::Error, message)) => Some(message.clone()),
        _ => None,
    }
}

/// Why no native dialog can be shown, or `None` if one can (as far as can be told before
/// trying: the dialog itself may still fail, which [`failure`] catches).
#[cfg(target_os = "linux")]
fn probe() -> Option<String> {
    if on_path("zenity") {
        return None;
    }
    portal::file_chooser()
        .err()
        .map(|why| format!("{why}, and zenity is not installed"))
}

#[cfg(not(target_os = "linux"))]
fn probe() -> Option<String> {
    None
}

/// Whether an executable named `program` is in a folder on `PATH`.
#[cfg(target_os = "linux")]
fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            std::fs::metadata(dir.join(program))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

/// xdg-desktop-portal's file chooser, asked about over the session bus (zbus).
#[cfg(target_os = "linux")]
mod portal {
    use std::time::Duration;

    use zbus::blocking::{Connection, connection, fdo::DBusProxy};
    use zbus::names::BusName;

    const PORTAL: &str = "org.freedesktop.portal.Desktop";
    /// Long enough for the bus to start the portal on demand, short enough that a portal
    /// that hangs is given up on (the first Save would otherwise wait rfd's whole timeout).
    const TIMEOUT: Duration = Duration::from_secs(5);

    /// `Ok` when a portal with a file chooser answers on the session bus (starting it if
    /// the bus can), else what is missing.
    pub fn file_chooser() -> Result<(), String> {
        let conn = connection::Builder::session()
            .map(|b| b.method_timeout(TIMEOUT))
            .and_then(connection::Builder::build)
            .map_err(|e| format!("there is no D-Bus session bus ({e})"))?;
        if !portal_on_bus(&conn) {
            return Err("there is no xdg-desktop-portal on the session bus".to_owned());
        }
        // The portal exports FileChooser only when one of its back ends implements it;
        // reading its version starts the portal if it is not running yet.
        conn.call_method(
            Some(PORTAL),
            "/org/freedesktop/portal/desktop",
            Some("org.freedesktop.DBus.Properties"),
            "Get",
            &("org.freedesktop.portal.FileChooser", "version"),
        )
        .map(drop)
        .map_err(|e| format!("xdg-desktop-portal offers no file chooser ({e})"))
    }

    /// Whether the portal runs or the bus can start it.
    fn portal_on_bus(conn: &Connection) -> bool {
        let Ok(bus) = DBusProxy::new(conn) else {
            return false;
        };
        let Ok(name) = BusName::try_from(PORTAL) else {
            return false;
        };
        bus.name_has_owner(name).unwrap_or(false)
            || bus
                .list_activatable_names()
                .is_ok_and(|names| names.iter().any(|n| n.as_str() == PORTAL))
    }
}

/// A logger that keeps what rfd logs (warnings and errors) while a dialog is open; the
/// rest of the program's logging is dropped as before (Newsdesk sets no other logger).
mod rfd_log {
    use std::sync::Mutex;

    use log::{Level, LevelFilter, Log, Metadata, Record};

    type Records = Vec<(Level, String)>;

    /// `Some` while a dialog is open. rfd may log from a thread of its own.
    static CAPTURE: Mutex<Option<Records>> = Mutex::new(None);
    static LOGGER: Capture = Capture;

    struct Capture;

    impl Log for Capture {
        fn enabled(&self, metadata: &Metadata<'_>) -> bool {
            metadata.level() <= Level::Warn && metadata.target().starts_with("rfd")
        }

        fn log(&self, record: &Record<'_>) {
            if self.enabled(record.metadata())
                && let Ok(mut capture) = CAPTURE.lock()
                && let Some(records) = capture.as_mut()
            {
                records.push((record.level(), record.args().to_string()));
            }
        }

        fn flush(&self) {}
    }

    /// Installs the logger, unless another one is (then failures look like Cancel, as
    /// before, but the probe still catches a missing portal).
    pub fn install() {
        if log::set_logger(&LOGGER).is_ok() {
            log::set_max_level(LevelFilter::Warn);
        }
    }

    /// Runs `dialog` and returns what rfd logged meanwhile.
    pub fn during<T>(dialog: impl FnOnce() -> T) -> (T, Records) {
        set(Some(Vec::new()));
        let value = dialog();
        (value, set(None).unwrap_or_default())
    }

    fn set(records: Option<Records>) -> Option<Records> {
        match CAPTURE.lock() {
            Ok(mut capture) => std::mem::replace(&mut *capture, records),
            Err(poisoned) => std::mem::replace(&mut *poisoned.into_inner(), records),
        }
    }
}

/// Dialogs that are always cancelled: for tests and headless runs.
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick(&mut self, _purpose: Purpose, _suggested_name: &str) -> Choice {
        Choice::Cancelled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use log::Level;

    #[test]
    fn an_error_as_rfds_last_word_is_a_failure_not_a_cancel() {
        let rec = |l, m: &str| (l, m.to_owned());
        // No portal, no zenity: both failed.
        let failed = [
            rec(Level::Error, "OpenFile failed: no portal"),
            rec(Level::Warn, "Using zenity fallback"),
            rec(
                Level::Error,
                "Failed to pick file with zenity: No such file",
            ),
        ];
        assert_eq!(
            failure(&failed).as_deref(),
            Some("Failed to pick file with zenity: No such file")
        );
        // The portal failed but zenity was shown and cancelled.
        assert_eq!(failure(&failed[..2]), None);
        // A plain cancel logs nothing.
        assert_eq!(failure(&[]), None);
    }

    #[test]
    fn filters_match_extensions_and_name_defaults() {
        let [ron, md] = SAVE_FILTERS else {
            panic!("two save filters")
        };
        assert!(ron.matches("story.RON") && !ron.matches("story.md"));
        assert!(md.matches("a.b.md") && !md.matches("md"));
        assert_eq!(md.default_extension(), Some("md"));
        let all = OPEN_FILTERS[1];
        assert!(all.matches("anything") && all.matches("x.xml"));
        assert_eq!(all.default_extension(), None);
        assert_eq!(all.label(), "All files (*)");
        assert_eq!(
            OPEN_FILTERS[0].label(),
            "Articles (*.ron *.md *.markdown *.txt *.json *.xml *.nitf *.newsml)"
        );
    }

    #[test]
    fn each_purpose_becomes_its_command() {
        let p = PathBuf::from("x.md");
        assert_eq!(
            Purpose::Open.command(p.clone()),
            Command::OpenPath(p.clone())
        );
        assert_eq!(Purpose::Save.command(p.clone()), Command::SaveTo(p.clone()));
        assert_eq!(Purpose::Export.command(p.clone()), Command::ExportTo(p));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_program_on_path_is_found() {
        assert!(on_path("sh"), "sh is on PATH");
        assert!(!on_path("newsdesk-no-such-program"));
    }
}
