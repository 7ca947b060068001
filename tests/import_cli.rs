//! `newsdesk import`: a folder of mixed inputs imports the good ones, names the bad ones
//! (exit 2), writes nothing for a broken file and never overwrites without `--force`.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::ffi::OsStr;
use std::path::Path;

const NITF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><title>Ferry resumes</title><docdata><date.issue norm="20241001T080000+0700"/></docdata></head>
<body><body.head><hedline><hl1>Ferry service resumes after storm</hl1></hedline><byline>By Jane Doe</byline>
<distributor>ANTARA</distributor></body.head>
<body.content><p>MERAK (ANTARA) - The ferry service between Merak and Bakauheni resumed on Tuesday.</p></body.content></body></nitf>"#;

const MESSAGE: &str = r#"<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
<newsItem guid="a1"><contentMeta><slugline>First-Story</slugline><headline>First story</headline></contentMeta>
<contentSet><inlineData contenttype="text/plain">One.</inlineData></contentSet></newsItem>
<newsItem guid="a2"><contentMeta><headline>Second story</headline></contentMeta>
<contentSet><inlineData contenttype="text/plain">Two.</inlineData></contentSet></newsItem>
</itemSet></newsMessage>"#;

fn run(args: &[&OsStr]) -> std::process::Output {
    common::newsdesk(args)
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .expect("the output folder exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn a_mixed_folder_imports_the_good_items_and_names_the_bad_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let wire = tmp.path().join("wire");
    std::fs::create_dir_all(wire.join("sub")).unwrap();
    std::fs::write(wire.join("ferry.nitf"), NITF).unwrap();
    std::fs::write(wire.join("sub/message.xml"), MESSAGE).unwrap();
    std::fs::copy(
        common::sample("nato-rutte-liputan6.txt"),
        wire.join("copy.txt"),
    )
    .unwrap();
    std::fs::write(wire.join("cut.xml"), &NITF[..NITF.len() / 2]).unwrap();
    std::fs::write(wire.join("photo.jpg"), b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01").unwrap();
    let out = tmp.path().join("out");
    let report = tmp.path().join("report.json");
    let o = run(&[
        OsStr::new("import"),
        wire.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
        OsStr::new("--report"),
        report.as_os_str(),
        OsStr::new("--jobs"),
        OsStr::new("2"),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let errors: Vec<&str> = stderr.lines().collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(
        errors
            .iter()
            .any(|l| l.contains("cut.xml") && l.contains("truncated") && l.contains("line ")),
        "{stderr}"
    );
    assert!(
        errors
            .iter()
            .any(|l| l.contains("photo.jpg") && l.contains("binary")),
        "{stderr}"
    );
    assert!(
        stdout.contains("imported 4 articles from 5 inputs"),
        "{stdout}"
    );
    assert!(stdout.contains("refused 2"), "{stdout}");
    assert_eq!(
        names(&out),
        [
            // The raw copy has no headline line: named after its file.
            "copy.md",
            "ferry-service-resumes-after-storm.md",
            "first-story.md",
            "second-story.md",
        ]
    );
    let ferry = std::fs::read_to_string(out.join("ferry-service-resumes-after-storm.md")).unwrap();
    assert!(ferry.contains("dateline: Merak\n"), "{ferry}");
    assert!(ferry.contains("author: Jane Doe\n"), "{ferry}");
    assert!(
        ferry.ends_with("The ferry service between Merak and Bakauheni resumed on Tuesday."),
        "{ferry}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let entries = report.as_array().unwrap();
    assert_eq!(entries.len(), 5);
    let cut = entries
        .iter()
        .find(|e| e["input"].as_str().unwrap().ends_with("cut.xml"))
        .unwrap();
    assert!(cut["error"].as_str().unwrap().contains("truncated"));
    let message = entries
        .iter()
        .find(|e| e["input"].as_str().unwrap().ends_with("message.xml"))
        .unwrap();
    assert_eq!(message["items"].as_array().unwrap().len(), 2);
    assert_eq!(message["items"][0]["fields"]["slugline"], "First-Story");

    // Again: nothing is overwritten, new names are chosen; with --force the same names.
    let again = run(&[
        OsStr::new("import"),
        wire.join("ferry.nitf").as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ]);
    assert_eq!(again.status.code(), Some(0));
    assert!(out.join("ferry-service-resumes-after-storm-2.md").exists());
    let forced = run(&[
        OsStr::new("import"),
        wire.join("ferry.nitf").as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
        OsStr::new("--force"),
        OsStr::new("--to"),
        OsStr::new("md"),
    ]);
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(names(&out).len(), 5, "{:?}", names(&out));
    assert!(names(&out).iter().all(|n| !n.starts_with(".newsdesk-")));
}

#[test]
fn convert_reads_agency_xml_and_writes_newsml() {
    let tmp = tempfile::tempdir().unwrap();
    let nitf = tmp.path().join("ferry.txt");
    // A .txt that is really XML is read as XML.
    std::fs::write(&nitf, NITF).unwrap();
    let xml = tmp.path().join("ferry.xml");
    let o = run(&[OsStr::new("convert"), nitf.as_os_str(), xml.as_os_str()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(
        text.contains("<headline>Ferry service resumes after storm</headline>"),
        "{text}"
    );
    let back = tmp.path().join("back.ron");
    let o = run(&[OsStr::new("convert"), xml.as_os_str(), back.as_os_str()]);
    assert_eq!(o.status.code(), Some(0));
    let ron = std::fs::read_to_string(&back).unwrap();
    assert!(ron.contains("place: \"Merak\""), "{ron}");

    let broken = tmp.path().join("broken.xml");
    std::fs::write(&broken, "<nitf>\n<body></nitf>").unwrap();
    let o = run(&[OsStr::new("convert"), broken.as_os_str(), back.as_os_str()]);
    common::assert_input_error(&o, "broken.xml: line 2, column");
}

#[test]
fn an_agency_file_over_50_mb_is_refused_naming_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("huge.xml");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(50 * 1024 * 1024 + 1).unwrap();
    let out = tmp.path().join("out");
    let o = run(&[
        OsStr::new("import"),
        big.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("huge.xml") && stderr.contains("over the 50 MB limit"),
        "{stderr}"
    );
    assert!(names(&out).is_empty());
    let md = tmp.path().join("huge.md");
    let o = run(&[OsStr::new("convert"), big.as_os_str(), md.as_os_str()]);
    common::assert_input_error(&o, "over the 50 MB limit");
}

#[test]
fn raw_copy_opening_with_ticker_tags_is_not_taken_for_xml() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("reuters.txt");
    std::fs::write(
        &copy,
        "<NOVA> WINS GOVERNMENT OKAY FOR HUSKY <HYO> DEAL\n\nCALGARY, Alberta, Feb 26 - \
         Nova said it received government approval for the deal.\n",
    )
    .unwrap();
    let out = tmp.path().join("reuters.md");
    let o = run(&[OsStr::new("convert"), copy.as_os_str(), out.as_os_str()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("CALGARY") || text.contains("Calgary"),
        "{text}"
    );
    assert!(text.contains("Nova said it received"), "{text}");
}
