//! `newsdesk check` on the real binary: output lines that point into the saved file, JSON
//! for tools, counts, and the exit codes scripts rely on.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use common::{assert_input_error, newsdesk, sample};

fn check(args: &[&OsStr]) -> (Option<i32>, String) {
    let mut all: Vec<&OsStr> = vec!["check".as_ref()];
    all.extend_from_slice(args);
    let out = newsdesk(&all);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The text at a 1-based line and character column of a file.
fn at(path: &Path, line: usize, column: usize) -> String {
    let text = fs::read_to_string(path).expect("the file reads");
    let line = text.lines().nth(line - 1).expect("the line exists");
    line.chars().skip(column - 1).collect()
}

fn parse_location(line: &str, file: &str) -> (usize, usize) {
    let rest = line
        .strip_prefix(&format!("{file}:"))
        .expect("the line starts with the file name");
    let mut parts = rest.splitn(3, ':').map(|p| p.parse().expect("a number"));
    (
        parts.next().expect("a line"),
        parts.next().expect("a column"),
    )
}

#[test]
fn seed_findings_point_at_the_slips_in_both_formats() {
    for name in ["nato-rutte.ron", "nato-rutte.md"] {
        let path = sample(name);
        let file = path.display().to_string();
        let (code, stdout) = check(&[path.as_os_str()]);
        assert_eq!(code, Some(0), "warnings only: {stdout}");
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{stdout}");
        assert!(
            lines[0].ends_with(
                "warning: `Ketika` is not capitalised inside a sentence [capitalised-conjunction]"
            ),
            "{stdout}"
        );
        assert!(lines[1].ends_with("[missing-space]"), "{stdout}");
        let (l, c) = parse_location(lines[0], &file);
        assert!(
            at(&path, l, c).starts_with("Ketika pasukan"),
            "{name} {l}:{c}"
        );
        let (l, c) = parse_location(lines[1], &file);
        assert!(
            at(&path, l, c).starts_with(".Kesinambungan"),
            "{name} {l}:{c}"
        );
    }
}

#[test]
fn an_error_finding_exits_1_and_points_at_the_headline_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("untitled.ron");
    fs::write(
        &path,
        "(\n    version: 1,\n    headline: \"\",\n    body: \"Kata.\",\n    language: \"id\",\n)\n",
    )
    .unwrap();
    let (code, stdout) = check(&[path.as_os_str()]);
    assert_eq!(code, Some(1), "{stdout}");
    let first = stdout.lines().next().unwrap();
    assert!(
        first.ends_with(":3:5: error: the article has no headline [missing-headline]"),
        "{stdout}"
    );
}

#[test]
fn json_output_and_stats_for_tools() {
    let path = sample("nato-rutte.ron");
    let (code, stdout) = check(&[
        path.as_os_str(),
        sample("harbor-ferry.md").as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--stats".as_ref(),
    ]);
    assert_eq!(code, Some(0));
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let files = value.as_array().unwrap();
    assert_eq!(files.len(), 2);
    let findings = files[0]["findings"].as_array().unwrap();
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["capitalised-conjunction", "missing-space"]);
    assert_eq!(findings[0]["fix"], "ketika");
    assert_eq!(findings[0]["field"], "body");
    assert_eq!(findings[0]["severity"], "warning");
    assert_eq!(findings[0]["line"], 12);
    assert_eq!(files[0]["stats"]["words"], 316);
    assert!(files[1]["findings"].as_array().unwrap().is_empty());
    assert!(files[1]["stats"]["reading_seconds"].as_u64().unwrap() > 0);
}

#[test]
fn stats_line_in_text_mode() {
    let path = sample("harbor-ferry.ron");
    let (code, stdout) = check(&[path.as_os_str(), "--stats".as_ref()]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout.trim_end(),
        format!(
            "{}: 161 words, 939 characters (793 without spaces), reading time 1 min",
            path.display()
        )
    );
}

#[test]
fn user_words_silence_the_spelling_check() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.md");
    fs::write(
        &article,
        "---\ntitle: T\ndateline: X\ndate: 2024-10-01\nlang: en\n---\n\nThe ferry is zorbly.\n",
    )
    .unwrap();
    let (_, stdout) = check(&[article.as_os_str()]);
    assert!(
        stdout.contains("`zorbly` is not in the English dictionary [spelling]"),
        "{stdout}"
    );
    let words = dir.path().join("words.txt");
    fs::write(&words, "zorbly\n").unwrap();
    let (code, stdout) = check(&[article.as_os_str(), "--words".as_ref(), words.as_os_str()]);
    assert_eq!(code, Some(0));
    assert!(stdout.is_empty(), "{stdout}");
    fs::write(&article, "---\ntitle: T\ndateline: X\ndate: 2024-10-01\nlang: en\nspellcheck_ignore: [zorbly]\n---\n\nThe ferry is zorbly.\n").unwrap();
    let (_, stdout) = check(&[article.as_os_str()]);
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn unreadable_input_exits_2_with_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    let out = newsdesk(&["check".as_ref(), missing.as_os_str()]);
    assert_input_error(&out, "missing.ron");
    let bad = dir.path().join("bad.ron");
    fs::write(&bad, "(version: 1, headlin: \"typo\")").unwrap();
    let out = newsdesk(&["check".as_ref(), bad.as_os_str()]);
    assert_input_error(&out, "bad.ron");
    // The readable file is still checked and reported.
    let out = newsdesk(&[
        "check".as_ref(),
        sample("nato-rutte.ron").as_os_str(),
        bad.as_os_str(),
    ]);
    assert_input_error(&out, "headlin");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

/// A picture without alt text is an error naming its position, and blocks an HTML export
/// until `--force`; a picture file that is gone is an error too.
#[test]
fn a_picture_without_alt_text_is_an_error_and_blocks_export_without_force() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("pictures")).unwrap();
    fs::write(
        dir.path().join("pictures/lead.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    let input = dir.path().join("story.md");
    fs::write(
        &input,
        "---\ntitle: Ferry back\ndateline: Harbor\ndate: 2024-10-01\nlang: en\n\
         pictures:\n- source: pictures/lead.png\n  caption: The ferry.\n  credit: Newsdesk\n  alt: A white ferry at a pier\n\
         - source: pictures/second.jpg\n  caption: Crew.\n  credit: Newsdesk\n---\n\nThe ferry is back.\n",
    )
    .unwrap();
    let (code, stdout) = check(&[input.as_os_str()]);
    assert_eq!(code, Some(1), "errors: {stdout}");
    let errors: Vec<&str> = stdout.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 2, "{stdout}");
    assert!(
        errors[1].ends_with("error: picture 2: no alt text (what a reader who cannot see it is told) [picture-no-alt]"),
        "{stdout}"
    );
    assert!(
        errors[0].contains("picture 2: ")
            && errors[0].contains("second.jpg does not exist [picture-file]"),
        "{stdout}"
    );
    // The finding points at the file's `pictures` key.
    let (l, c) = parse_location(errors[0], &input.display().to_string());
    assert!(
        at(&input, l, c).starts_with("pictures"),
        "{}",
        at(&input, l, c)
    );

    let html = dir.path().join("story.html");
    let args = ["convert".as_ref(), input.as_os_str(), html.as_os_str()];
    let out = newsdesk(&args);
    let stderr = assert_input_error(&out, "story.md");
    assert!(
        stderr.contains("picture-no-alt") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(!html.exists());
    let forced = newsdesk(&[args[0], args[1], args[2], "--force".as_ref()]);
    assert_eq!(
        forced.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    let page = fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("<img src=\"pictures/lead.png\" alt=\"A white ferry at a pier\""),
        "{page}"
    );
}

/// The picture sample is the same story in both formats, and its pictures pass the checks
/// (files found beside it, alt text, caption and credit present).
#[test]
fn the_picture_sample_is_clean_in_both_formats() {
    let ron = sample("harbor-ferry-pictures.ron");
    let md = sample("harbor-ferry-pictures.md");
    let a = newsdesk::formats::read(&ron, newsdesk::formats::Format::Ron).unwrap();
    let b = newsdesk::formats::read(&md, newsdesk::formats::Format::Md).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.pictures.len(), 2);
    assert_eq!(
        fs::read_to_string(&md).unwrap(),
        newsdesk::formats::markdown::to_string(&a).unwrap(),
        "the .md sample is the canonical export of the .ron"
    );
    let (code, stdout) = check(&[ron.as_os_str(), md.as_os_str()]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(!stdout.contains("picture"), "{stdout}");
}
