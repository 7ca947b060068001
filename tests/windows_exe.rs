//! The command line's core cases against another build of `newsdesk`: the Windows `.exe`
//! under Wine (`.ci/wine` sets this up) or on a real Windows machine. Where the output should
//! not depend on the platform it is compared byte for byte with this test's own binary.
//!
//! `NEWSDESK_EXE` names the binary; `NEWSDESK_RUNNER` a program to run it with (`wine`), empty
//! on Windows itself. Without `NEWSDESK_EXE` every case prints a loud SKIPPED (and fails
//! under `CI`, which always runs them through Wine).

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test and how to run it.
struct Exe {
    program: PathBuf,
    runner: Option<OsString>,
}

fn exe() -> Option<Exe> {
    let Some(program) = std::env::var_os("NEWSDESK_EXE").filter(|p| !p.is_empty()) else {
        common::skip("NEWSDESK_EXE is not set (run .ci/wine, or point it at a newsdesk.exe)");
        return None;
    };
    let runner = std::env::var_os("NEWSDESK_RUNNER").filter(|r| !r.is_empty());
    Some(Exe {
        program: PathBuf::from(program),
        runner,
    })
}

impl Exe {
    fn under_wine(&self) -> bool {
        self.runner
            .as_deref()
            .and_then(|r| Path::new(r).file_name())
            .is_some_and(|n| n.to_string_lossy().contains("wine"))
    }

    /// `path` as the Windows program names it: under Wine the Unix root is drive `Z:`, so
    /// `/tmp/a b/x.ron` is `Z:\tmp\a b\x.ron`; on Windows it already is such a path.
    fn path(&self, path: &Path) -> OsString {
        if self.under_wine() {
            let unix = path.to_str().expect("test paths are UTF-8");
            OsString::from(format!("Z:{}", unix.replace('/', "\\")))
        } else {
            path.as_os_str().to_owned()
        }
    }

    /// Runs it in `dir` with `args`, no stdin.
    fn run(&self, dir: &Path, args: &[&OsStr]) -> Output {
        let mut command = match &self.runner {
            Some(runner) => {
                let mut c = Command::new(runner);
                c.arg(&self.program);
                c
            }
            None => Command::new(&self.program),
        };
        command
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
            .expect("the Windows binary runs")
    }
}

/// This platform's binary, the reference.
fn native(dir: &Path, args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("newsdesk runs")
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh folder holding copies of the samples.
fn samples_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in [
        "nato-rutte.ron",
        "nato-rutte.md",
        "harbor-ferry.ron",
        "harbor-ferry.md",
        "nato-rutte-liputan6.txt",
    ] {
        fs::copy(common::sample(name), dir.path().join(name)).expect("samples copy");
    }
    dir
}

/// Converts `input` to `output` (names in `dir`) with both binaries, the Windows one given
/// whole Windows paths; asserts both succeed with the same bytes and stderr, and returns
/// the Windows program's output file.
fn convert_both(exe: &Exe, dir: &Path, input: &str, output: &str, extra: &[&str]) -> Vec<u8> {
    let theirs = dir.join(format!("win-{output}"));
    let ours = dir.join(format!("linux-{output}"));
    let mut args = vec![exe.path(&dir.join(input)), exe.path(&theirs)];
    args.extend(extra.iter().map(OsString::from));
    let args: Vec<&OsStr> = args.iter().map(OsString::as_os_str).collect();
    let out = exe.run(dir, &[&[os("convert")], &args[..]].concat());
    assert_eq!(out.status.code(), Some(0), "{input}: {}", stderr(&out));
    let mut native_args = vec![os("convert"), os(input), ours.as_os_str()];
    native_args.extend(extra.iter().map(|s| os(s)));
    let reference = native(dir, &native_args);
    assert_eq!(reference.status.code(), Some(0), "{}", stderr(&reference));
    let (a, b) = (
        fs::read(&theirs).unwrap_or_default(),
        fs::read(&ours).unwrap_or_default(),
    );
    assert!(
        a == b,
        "{input} -> {output} differs from this platform's:\n{}\n---\n{}",
        String::from_utf8_lossy(&a),
        String::from_utf8_lossy(&b)
    );
    a
}

#[test]
fn prints_the_same_version() {
    let Some(exe) = exe() else { return };
    let dir = tempfile::tempdir().unwrap();
    let theirs = exe.run(dir.path(), &[os("--version")]);
    let ours = native(dir.path(), &[os("--version")]);
    assert_eq!(theirs.status.code(), Some(0), "{}", stderr(&theirs));
    assert_eq!(theirs.stdout, ours.stdout);
}

#[test]
fn converts_ron_and_markdown_byte_stable_like_this_platform() {
    let Some(exe) = exe() else { return };
    let dir = samples_dir();
    let d = dir.path();
    for stem in ["nato-rutte", "harbor-ferry"] {
        let md = convert_both(&exe, d, &format!("{stem}.ron"), &format!("{stem}.md"), &[]);
        let ron = convert_both(&exe, d, &format!("{stem}.md"), &format!("{stem}.ron"), &[]);
        // Back again: the Windows program's own output converts to the same bytes.
        fs::write(d.join("again.md"), &md).unwrap();
        let again = convert_both(&exe, d, "again.md", "again.ron", &[]);
        assert_eq!(again, fs::read(d.join(format!("win-{stem}.ron"))).unwrap());
        assert!(!ron.is_empty());
    }
}

#[test]
fn imports_raw_copy_like_this_platform() {
    let Some(exe) = exe() else { return };
    let dir = samples_dir();
    let d = dir.path();
    convert_both(&exe, d, "nato-rutte-liputan6.txt", "seed.md", &[]);
    // The import report, one line per change on stderr, names the file as given.
    let theirs = exe.run(
        d,
        &[os("convert"), os("nato-rutte-liputan6.txt"), os("a.ron")],
    );
    let ours = native(
        d,
        &[os("convert"), os("nato-rutte-liputan6.txt"), os("b.ron")],
    );
    assert_eq!(stderr(&theirs), stderr(&ours));
    assert!(stderr(&theirs).contains("removed line \"Baca Juga\""));
    assert_eq!(
        fs::read(d.join("a.ron")).unwrap(),
        fs::read(d.join("b.ron")).unwrap()
    );
}

#[test]
fn exports_html_and_ninjs_like_this_platform() {
    let Some(exe) = exe() else { return };
    let dir = samples_dir();
    let d = dir.path();
    let html = convert_both(&exe, d, "harbor-ferry.ron", "page.html", &[]);
    assert!(String::from_utf8_lossy(&html).starts_with("<!DOCTYPE html>"));
    convert_both(&exe, d, "nato-rutte.md", "fragment.html", &["--fragment"]);
    let ninjs = convert_both(&exe, d, "nato-rutte.ron", "story.json", &[]);
    assert!(String::from_utf8_lossy(&ninjs).contains("\"version\": \"3.1\""));
}

#[test]
fn check_exit_codes_and_output_match_this_platform() {
    let Some(exe) = exe() else { return };
    let dir = samples_dir();
    let d = dir.path();
    fs::write(
        d.join("no-headline.md"),
        "---\ndateline: Jakarta\n---\n\nBody.\n",
    )
    .unwrap();
    for (args, code) in [
        (vec!["check", "harbor-ferry.ron"], 0),
        (vec!["check", "nato-rutte.md", "--stats"], 0),
        (vec!["check", "no-headline.md"], 1),
        (vec!["check", "--format", "json", "no-headline.md"], 1),
        (vec!["check", "missing.ron", "harbor-ferry.ron"], 2),
    ] {
        let args: Vec<&OsStr> = args.into_iter().map(os).collect();
        let theirs = exe.run(d, &args);
        let ours = native(d, &args);
        assert_eq!(
            theirs.status.code(),
            Some(code),
            "{args:?}: {}",
            stderr(&theirs)
        );
        assert_eq!(ours.status.code(), Some(code), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&theirs.stdout),
            String::from_utf8_lossy(&ours.stdout),
            "{args:?}"
        );
        assert_eq!(stderr(&theirs), stderr(&ours), "{args:?}");
    }
}

/// Each hostile input: exit 2, one line on stderr naming the file and the problem, the
/// same as this platform's, and no output written.
#[test]
fn hostile_inputs_are_refused_like_this_platform_and_nothing_is_written() {
    let Some(exe) = exe() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: [(&str, &[u8], &str); 6] = [
        (
            "nul-byte.md",
            b"---\ntitle: a\0b\n---\n",
            "binary data (NUL byte at offset 12)",
        ),
        (
            "nul-copy.txt",
            b"Headline\n\nBody \0 text.\n",
            "binary data (NUL byte at offset 15)",
        ),
        (
            "cp1252.ron",
            b"(version: 1, headline: \"Caf\xe9\")",
            "not UTF-8 text",
        ),
        ("empty.ron", b"", "file is empty"),
        ("newer.ron", b"(version: 99)", "newer"),
        ("typo.ron", b"(version: 1, hedline: \"x\")", "hedline"),
    ];
    for (name, bytes, needle) in cases {
        fs::write(d.join(name), bytes).unwrap();
        refused_alike(&exe, d, name, needle);
    }
    fs::create_dir(d.join("folder.md")).unwrap();
    refused_alike(&exe, d, "folder.md", "is a folder");
    refused_alike(&exe, d, "missing.md", "no such file");
    let leftovers: Vec<_> = fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("out") || n.starts_with(".newsdesk-"))
        .collect();
    assert!(leftovers.is_empty(), "written: {leftovers:?}");
}

fn refused_alike(exe: &Exe, dir: &Path, name: &str, needle: &str) {
    let args = [os("convert"), os(name), os("out.md")];
    let theirs = exe.run(dir, &args);
    let message = stderr(&theirs);
    assert_eq!(theirs.status.code(), Some(2), "{name}: {message}");
    assert_eq!(
        message.trim_end().lines().count(),
        1,
        "{name}: one line: {message}"
    );
    assert!(
        message.contains(name) && message.contains(needle),
        "{name}: {message}"
    );
    assert!(!message.contains("panicked"), "{message}");
    let ours = native(dir, &args);
    assert_eq!(
        message,
        stderr(&ours),
        "{name}: not the message this platform gives"
    );
}

#[test]
fn saves_over_an_existing_file_and_refuses_a_read_only_one() {
    let Some(exe) = exe() else { return };
    let dir = samples_dir();
    let d = dir.path();
    let target = d.join("existing.md");
    fs::write(&target, "old").unwrap();
    let out = exe.run(
        d,
        &[
            os("convert"),
            &exe.path(&d.join("harbor-ferry.ron")),
            &exe.path(&target),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read(&target).unwrap(),
        fs::read(d.join("harbor-ferry.md")).unwrap()
    );

    let locked = d.join("locked.md");
    fs::write(&locked, "keep me").unwrap();
    let mut permissions = fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&locked, permissions).unwrap();
    let out = exe.run(d, &[os("convert"), os("harbor-ferry.ron"), os("locked.md")]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{message}");
    assert!(
        message.contains("locked.md") && message.contains("read-only"),
        "{message}"
    );
    assert_eq!(fs::read_to_string(&locked).unwrap(), "keep me");
}

#[test]
fn a_windows_device_name_is_refused_as_output_and_read_as_input() {
    let Some(exe) = exe() else { return };
    let dir = samples_dir();
    let d = dir.path();
    let out = exe.run(d, &[os("convert"), os("harbor-ferry.ron"), os("con.md")]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{message}");
    assert!(
        message.contains("con.md") && message.contains("device name"),
        "{message}"
    );
    // A real file of that name (made here, on the host) converts like any other.
    fs::copy(d.join("harbor-ferry.ron"), d.join("aux.ron")).unwrap();
    convert_both(&exe, d, "aux.ron", "aux.md", &[]);
}

#[test]
fn paths_with_backslashes_drive_letters_and_spaces() {
    let Some(exe) = exe() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let folder = d.join("my stories");
    fs::create_dir(&folder).unwrap();
    fs::copy(
        common::sample("nato-rutte.ron"),
        folder.join("nato rutte.ron"),
    )
    .unwrap();
    // A whole path with a drive letter.
    let whole = exe.path(&folder.join("nato rutte.ron"));
    let out = exe.run(
        d,
        &[os("convert"), &whole, &exe.path(&folder.join("out one.md"))],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A relative path with a backslash, from the current folder.
    let out = exe.run(
        d,
        &[
            os("convert"),
            os("my stories\\nato rutte.ron"),
            os("my stories\\out two.md"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let one = fs::read(folder.join("out one.md")).unwrap();
    assert_eq!(one, fs::read(folder.join("out two.md")).unwrap());
    assert_eq!(one, fs::read(common::sample("nato-rutte.md")).unwrap());
    // Errors name the path as it was given.
    let out = exe.run(d, &[os("check"), os("my stories\\missing one.ron")]);
    assert!(
        stderr(&out).contains("my stories\\missing one.ron"),
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn crlf_input_reads_like_this_platform() {
    let Some(exe) = exe() else { return };
    let dir = samples_dir();
    let d = dir.path();
    for (name, ext) in [
        ("nato-rutte.md", "ron"),
        ("harbor-ferry.ron", "md"),
        ("nato-rutte-liputan6.txt", "ron"),
    ] {
        let lf = fs::read_to_string(d.join(name)).unwrap();
        let crlf = lf.replace('\n', "\r\n");
        let crlf_name = format!("crlf-{name}");
        fs::write(d.join(&crlf_name), crlf).unwrap();
        convert_both(&exe, d, &crlf_name, &format!("{crlf_name}.{ext}"), &[]);
    }
}

/// The paths the cases give are the ones the program reports: a sanity check of the
/// helper, runnable anywhere.
#[test]
fn wine_paths_use_drive_z_and_backslashes() {
    let exe = Exe {
        program: PathBuf::from("newsdesk.exe"),
        runner: Some(OsString::from("/usr/bin/wine")),
    };
    assert_eq!(
        exe.path(Path::new("/tmp/a b/x.ron")),
        OsString::from("Z:\\tmp\\a b\\x.ron")
    );
}
