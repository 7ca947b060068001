//! The real `newsdesk` binary on the command line: conversions and every input error.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::fs;
use std::path::Path;

use common::{assert_input_error, newsdesk, sample};

fn convert(input: &Path, output: &Path) -> std::process::Output {
    newsdesk(&["convert".as_ref(), input.as_os_str(), output.as_os_str()])
}

/// Files in `dir`, to prove a failed conversion left nothing behind.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("folder is listable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn samples_convert_between_formats_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    for stem in ["nato-rutte", "harbor-ferry"] {
        let ron = dir.path().join(format!("{stem}.ron"));
        let md = dir.path().join(format!("{stem}.md"));
        let out = convert(&sample(&format!("{stem}.md")), &ron);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            fs::read_to_string(&ron).unwrap(),
            fs::read_to_string(sample(&format!("{stem}.ron"))).unwrap()
        );
        let out = convert(&ron, &md);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            fs::read_to_string(&md).unwrap(),
            fs::read_to_string(sample(&format!("{stem}.md"))).unwrap()
        );
    }
}

#[test]
fn from_and_to_override_extensions() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("article.out");
    let out = newsdesk(&[
        "convert".as_ref(),
        sample("nato-rutte.ron").as_os_str(),
        out_path.as_os_str(),
        "--to".as_ref(),
        "markdown".as_ref(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fs::read_to_string(&out_path)
            .unwrap()
            .starts_with("---\ntitle: ")
    );
}

#[test]
fn replaces_an_existing_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("a.md");
    fs::write(&out_path, "old content that is much longer than nothing").unwrap();
    let out = convert(&sample("harbor-ferry.ron"), &out_path);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(&out_path).unwrap(),
        fs::read_to_string(sample("harbor-ferry.md")).unwrap()
    );
    assert_eq!(entries(dir.path()), ["a.md"]);
}

/// Each bad input: exit 2, one line naming the file and the problem, no output written.
#[test]
fn bad_inputs_exit_2_with_one_line_and_leave_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: Vec<(&str, &[u8], &str)> = vec![
        (
            "malformed.ron",
            b"(version: 1, headline: \"open",
            "line 1, column",
        ),
        ("typo.ron", b"(version: 1, hedline: \"x\")", "hedline"),
        ("newer.ron", b"(version: 7, headline: \"x\")", "version 7"),
        (
            "bad-yaml.md",
            b"---\ntitle: [unclosed\n---\nbody\n",
            "front matter, line",
        ),
        ("unclosed.md", b"---\ntitle: x\nbody\n", "never closed"),
        ("latin1.md", b"---\ntitle: caf\xe9\n---\n", "not UTF-8"),
        ("binary.ron", b"(version: 1)\0\0\x01", "binary data"),
        ("empty.md", b"", "empty"),
        ("notes.docx", b"whatever", "cannot tell the format"),
    ];
    for (name, bytes, problem) in cases {
        let input = d.join(name);
        fs::write(&input, bytes).unwrap();
        let output = d.join("out").join(format!("{name}.ron"));
        fs::create_dir_all(output.parent().unwrap()).unwrap();
        let stderr = assert_input_error(&convert(&input, &output), problem);
        assert!(stderr.contains(name), "{name}: file not named in {stderr}");
        assert!(
            entries(&d.join("out")).is_empty(),
            "{name} left output behind"
        );
    }
}

#[test]
fn missing_file_and_folder_inputs_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o.md");
    assert_input_error(&convert(&dir.path().join("nope.ron"), &out), "no such file");
    let folder = dir.path().join("folder.ron");
    fs::create_dir(&folder).unwrap();
    assert_input_error(&convert(&folder, &out), "is a folder");
    assert!(!out.exists());
}

#[test]
fn unwritable_output_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "not a folder").unwrap();
    // A path "under" a regular file cannot be created, even by root.
    let under_file = blocker.join("out.md");
    let stderr = assert_input_error(
        &convert(&sample("nato-rutte.ron"), &under_file),
        "cannot write",
    );
    assert!(stderr.contains("out.md"));
    let missing_dir = dir.path().join("no-such-folder").join("out.md");
    assert_input_error(
        &convert(&sample("nato-rutte.ron"), &missing_dir),
        "cannot write",
    );
    let onto_folder = dir.path().join("sub.md");
    fs::create_dir(&onto_folder).unwrap();
    assert_input_error(&convert(&sample("nato-rutte.ron"), &onto_folder), "folder");
    assert_eq!(entries(dir.path()), ["file", "sub.md"]);
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "not a folder");
}

#[cfg(unix)]
#[test]
fn read_only_output_folder_exits_2_and_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let input = dir.path().join("in.ron");
    fs::copy(sample("nato-rutte.ron"), &input).unwrap();
    let output = ro.join("a.md");
    let run = common::newsdesk_with_file_modes(
        &["convert".as_ref(), input.as_os_str(), output.as_os_str()],
        &[dir.path()],
    );
    assert_input_error(&run, "cannot write");
    assert!(entries(&ro).is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let out = newsdesk(&["convert".as_ref(), "only-one-arg.ron".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    let out = newsdesk(&[
        "convert".as_ref(),
        "a.ron".as_ref(),
        "b.md".as_ref(),
        "--to".as_ref(),
        "pdf".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pdf"));
}

#[test]
fn raw_text_is_not_an_output_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = convert(&sample("nato-rutte.ron"), &dir.path().join("x.txt"));
    assert_input_error(&out, "x.txt");
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn raw_copy_converts_with_the_report_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("nato.md");
    let out = convert(&sample("nato-rutte-liputan6.txt"), &md);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report: Vec<&str> = stderr.lines().collect();
    assert!(
        report
            .iter()
            .all(|l| l.contains("nato-rutte-liputan6.txt: ")),
        "{stderr}"
    );
    assert!(
        report
            .iter()
            .any(|l| l.contains("removed line \"Baca Juga\" (rule read-also-heading")),
        "{stderr}"
    );
    assert!(
        report
            .iter()
            .any(|l| l.contains("removed line \"Advertisement\"")),
        "{stderr}"
    );
    assert!(
        report.iter().any(|l| l.contains("place: \"Brussels\"")),
        "{stderr}"
    );
    assert!(
        report.iter().any(|l| l.contains("split glued sentence")),
        "{stderr}"
    );
    let written = fs::read_to_string(&md).unwrap();
    assert!(written.contains("dateline: Brussels"), "{written}");
    assert!(written.contains("outlet: Liputan6.com"), "{written}");
    assert!(written.contains("date: 2024-10-01"), "{written}");
    assert!(written.contains("credit: AP"), "{written}");
    assert!(written.contains("lang: id"), "{written}");
    assert!(!written.contains("Baca Juga"), "{written}");
    assert!(
        written.contains("yang menyatukan.\n\nKesinambungan biasanya"),
        "{written}"
    );
}

#[test]
fn raw_copy_in_windows_1252_converts_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("latin.txt");
    fs::write(
        &txt,
        b"Judul Berita Hari Ini\r\n\r\nJakarta - Kafe caf\xe9 dibuka kembali.\r\n",
    )
    .unwrap();
    let md = dir.path().join("latin.md");
    let out = convert(&txt, &md);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: the file is not UTF-8"),
        "{stderr}"
    );
    assert!(stderr.contains("line ends made LF"), "{stderr}");
    let written = fs::read_to_string(&md).unwrap();
    assert!(
        written.contains("title: Judul Berita Hari Ini"),
        "{written}"
    );
    assert!(written.contains("Kafe café dibuka kembali."), "{written}");
}

#[test]
fn binary_data_named_txt_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("image.txt");
    fs::write(&txt, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let md = dir.path().join("out.md");
    let out = convert(&txt, &md);
    assert_input_error(&out, "image.txt: binary data");
    assert!(!md.exists());
}
