//! Helpers shared by the integration tests: run the real `newsdesk` binary.

#![allow(dead_code)] // each test file uses its own subset

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Says that part of a test cannot run here: a loud SKIPPED line, so a fresh clone still
/// passes; under `CI` it fails instead, so CI always runs everything.
///
/// The line is written to the process's standard error itself, not through `eprintln!`:
/// the test harness captures `eprintln!` and shows it only for a failing test, so a passing
/// `cargo test` on a clone without `../shared` said nothing of what it skipped.
pub fn skip(what: &str) {
    use std::io::Write as _;
    assert!(
        std::env::var_os("CI").is_none(),
        "{what}: required under CI, where every test must run"
    );
    let _ = writeln!(
        std::io::stderr().lock(),
        "!!!!!!!! SKIPPED: {what} !!!!!!!!"
    );
}

/// `../shared/<name>` beside the checkout (the corpus, agency feeds, IPTC schemas), when it
/// is there; otherwise [`skip`]s and gives `None`.
pub fn shared(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(name);
    if path.exists() {
        Some(path)
    } else {
        skip(&format!("{} is not beside this checkout", path.display()));
        None
    }
}

/// The project's `samples/` folder.
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

/// Runs `newsdesk` with arguments, no stdin.
pub fn newsdesk(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("newsdesk runs")
}

/// Whether this process ignores file modes (root, as in CI): probed by reading a file
/// nobody may read.
#[cfg(unix)]
pub fn ignores_file_modes() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temporary folder");
    let probe = dir.path().join("probe");
    std::fs::write(&probe, "x").expect("probe file");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    std::fs::read(&probe).is_ok()
}

/// Runs `newsdesk` so that file modes apply: as it is, or, when the tests run as root (as
/// CI does, where a permission test would otherwise test nothing), as the unprivileged user
/// `nobody` through util-linux's `setpriv`. `dirs` are opened to that user (mode 0755) so it
/// can reach the files inside.
#[cfg(unix)]
pub fn newsdesk_with_file_modes(args: &[&OsStr], dirs: &[&Path]) -> Output {
    use std::os::unix::fs::PermissionsExt;
    if !ignores_file_modes() {
        return newsdesk(args);
    }
    for dir in dirs {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("setpriv (util-linux) runs newsdesk as nobody")
}

/// Asserts a usage or input error: exit 2, one line on stderr naming `needle`, no panic.
pub fn assert_input_error(out: &Output, needle: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(needle), "{needle:?} not in: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[cfg(feature = "gui")]
pub mod window;
