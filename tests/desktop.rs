//! The files that make Newsdesk a desktop program on Linux: the freedesktop entry, the MIME
//! types it declares and the icons, checked with the freedesktop tools when installed
//! (`desktop-file-validate` from desktop-file-utils, `update-mime-database` from
//! shared-mime-info; CI installs both), and what `cargo deb` packs from `Cargo.toml`.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(asset(name)).expect("the asset is there")
}

fn tool(name: &str) -> bool {
    let found = Command::new(name).arg("--help").output().is_ok();
    if !found {
        common::skip(&format!("{name} is not installed"));
    }
    found
}

/// The types the desktop entry says Newsdesk opens.
fn opened_types() -> Vec<String> {
    read("newsdesk.desktop")
        .lines()
        .find_map(|l| l.strip_prefix("MimeType="))
        .expect("the entry lists MIME types")
        .split(';')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_desktop_entry_is_valid() {
    let entry = read("newsdesk.desktop");
    assert!(entry.contains("\nExec=newsdesk %f\n"), "{entry}");
    assert!(entry.contains("\nIcon=newsdesk\n"), "{entry}");
    // The window's Wayland app id and X11 class, so docks match the window to the entry.
    assert!(entry.contains("\nStartupWMClass=newsdesk\n"));
    if !tool("desktop-file-validate") {
        return;
    }
    let out = Command::new("desktop-file-validate")
        .arg(asset("newsdesk.desktop"))
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.trim().is_empty(), "{said}");
}

#[test]
fn ron_markdown_and_agency_xml_are_offered() {
    let types = opened_types();
    for wanted in [
        "text/x-newsdesk-ron",
        "text/markdown",
        "application/vnd.iptc.g2.newsitem+xml",
        "application/x-nitf+xml",
        // GLib picks a type for a `.xml` by its name alone, so GNOME's file manager calls
        // every agency file application/xml.
        "application/xml",
    ] {
        assert!(types.iter().any(|t| t == wanted), "{wanted} in {types:?}");
    }
    // Each type is either declared by Newsdesk or one shared-mime-info knows already.
    let declared = read("newsdesk-mime.xml");
    for t in &types {
        let known = ["text/markdown", "text/x-markdown", "application/xml"].contains(&t.as_str());
        assert!(
            known || declared.contains(&format!("type=\"{t}\"")),
            "{t} is declared"
        );
    }
}

#[test]
fn the_mime_types_build_a_mime_database() {
    if !tool("update-mime-database") {
        return;
    }
    let db = tempfile::tempdir().unwrap();
    let packages = db.path().join("packages");
    std::fs::create_dir(&packages).unwrap();
    std::fs::copy(asset("newsdesk-mime.xml"), packages.join("newsdesk.xml")).unwrap();
    let out = Command::new("update-mime-database")
        .arg(db.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let globs = std::fs::read_to_string(db.path().join("globs2")).unwrap();
    assert!(globs.contains("text/x-newsdesk-ron:*.ron"), "{globs}");
    let namespaces = std::fs::read_to_string(db.path().join("XMLnamespaces")).unwrap();
    assert!(
        namespaces.contains(
            "http://iptc.org/std/nar/2006-10-01/ newsItem application/vnd.iptc.g2.newsitem+xml"
        ),
        "{namespaces}"
    );
    assert!(
        namespaces.contains(" nitf application/x-nitf+xml"),
        "{namespaces}"
    );
}

/// Width and height from a PNG's header.
fn png_size(name: &str) -> (u32, u32) {
    let bytes = std::fs::read(asset(name)).expect("the icon is there");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{name} is a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("a PNG header"));
    (be(16), be(20))
}

#[test]
fn icons_come_in_the_sizes_a_desktop_asks_for() {
    assert_eq!(png_size("icon.png"), (64, 64));
    assert_eq!(png_size("icons/newsdesk-128.png"), (128, 128));
    assert_eq!(png_size("icons/newsdesk-256.png"), (256, 256));
    let svg = read("icons/newsdesk.svg");
    assert!(svg.contains("viewBox=\"0 0 64 64\""), "{svg}");
}

#[test]
fn the_debian_package_installs_the_binary_entry_types_and_icons() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let deb = &manifest[manifest
        .find("[package.metadata.deb]")
        .expect("cargo-deb metadata")..];
    for (source, target) in [
        ("target/release/newsdesk", "usr/bin/"),
        ("assets/newsdesk.desktop", "usr/share/applications/"),
        (
            "assets/newsdesk-mime.xml",
            "usr/share/mime/packages/newsdesk.xml",
        ),
        (
            "assets/icon.png",
            "usr/share/icons/hicolor/64x64/apps/newsdesk.png",
        ),
        (
            "assets/icons/newsdesk-128.png",
            "usr/share/icons/hicolor/128x128/apps/newsdesk.png",
        ),
        (
            "assets/icons/newsdesk-256.png",
            "usr/share/icons/hicolor/256x256/apps/newsdesk.png",
        ),
        (
            "assets/icons/newsdesk.svg",
            "usr/share/icons/hicolor/scalable/apps/newsdesk.svg",
        ),
    ] {
        assert!(
            deb.contains(&format!("[\"{source}\", \"{target}\"")),
            "{source} -> {target}"
        );
        if !source.starts_with("target/") {
            assert!(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(source).is_file(),
                "{source}"
            );
        }
    }
}
