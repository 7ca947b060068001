//! Helpers shared by the integration tests: run the real `newsdesk` binary.

#![allow(dead_code)] // each test file uses its own subset

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
