//! The pictures' words and files: what a desk must not publish a picture without (alt text
//! for readers who cannot see it, a caption and a credit), and pictures that will not show.
//!
//! Every finding names the picture's position ("picture 2") and points at that picture's
//! line in [`Field::Pictures`]'s text ([`crate::article::pictures_text`]). The file checks
//! read the first bytes of local files: the one place the checks touch the disk besides
//! the user's word list, because a story whose lead picture is missing cannot go out.

use std::io::Read as _;
use std::ops::Range;
use std::path::Path;

use super::{Field, Finding, Severity};
use crate::article::{Article, Picture};
use crate::render::pictures::{Source, classify, local_path};

/// Openings of alt text that say what screen readers already announce ("image").
const REDUNDANT_OPENINGS: [&str; 8] = [
    "image of",
    "picture of",
    "photo of",
    "photograph of",
    "gambar",
    "foto",
    "ilustrasi",
    "potret",
];

/// What a picture file's first bytes may be: JPEG, PNG or WebP, the formats Newsdesk shows.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("JPEG")
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("PNG")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("WebP")
    } else {
        None
    }
}

pub fn check(article: &Article, folder: Option<&Path>, out: &mut Vec<Finding>) {
    let mut at = 0;
    for (i, p) in article.pictures.iter().enumerate() {
        // The picture's line in `pictures_text`: "N. source; caption: …".
        let line = crate::article::pictures_text(std::slice::from_ref(p));
        let len = line.len() + (i + 1).to_string().len() - 1;
        let range = at..at + len;
        at += len + 1;
        check_one(i + 1, p, range, folder, out);
    }
}

fn check_one(
    n: usize,
    p: &Picture,
    range: Range<usize>,
    folder: Option<&Path>,
    out: &mut Vec<Finding>,
) {
    let mut say = |severity, rule, message: String| {
        out.push(Finding::new(
            Field::Pictures,
            range.clone(),
            severity,
            rule,
            format!("picture {n}: {message}"),
        ));
    };
    let alt = p.alt.trim();
    let caption = p.caption.trim();
    if alt.is_empty() {
        say(
            Severity::Error,
            "picture-no-alt",
            "no alt text (what a reader who cannot see it is told)".to_owned(),
        );
    } else if !caption.is_empty() && same_words(alt, caption) {
        say(
            Severity::Warning,
            "picture-alt-is-caption",
            "the alt text repeats the caption; describe what the picture shows".to_owned(),
        );
    } else {
        let lower = alt.to_lowercase();
        if let Some(opening) = REDUNDANT_OPENINGS.iter().find(|o| {
            lower.starts_with(*o)
                && lower[o.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        }) {
            say(
                Severity::Warning,
                "picture-alt-says-image",
                format!(
                    "the alt text starts with “{opening}”; screen readers already say it is a picture"
                ),
            );
        }
    }
    if caption.is_empty() {
        say(
            Severity::Warning,
            "picture-no-caption",
            "no caption".to_owned(),
        );
    }
    if p.credit.trim().is_empty() {
        say(
            Severity::Warning,
            "picture-no-credit",
            "no credit (photographer or agency)".to_owned(),
        );
    }
    match classify(&p.source) {
        Source::Empty => say(
            Severity::Error,
            "picture-no-source",
            "no file or address".to_owned(),
        ),
        Source::Refused(scheme) => say(
            Severity::Warning,
            "picture-unsafe-source",
            format!(
                "`{scheme}:` addresses are left out of exports (use https, a relative path or a file)"
            ),
        ),
        Source::Https(_) => {}
        // An unsaved article has no folder: where a relative path points is not known yet.
        Source::Relative(_) if folder.is_none() => {}
        Source::Relative(_) | Source::Absolute(_) | Source::File(_) => {
            if let Some(path) = local_path(&p.source, folder)
                && let Err(problem) = readable_image(&path)
            {
                say(Severity::Error, "picture-file", problem);
            }
        }
    }
}

/// Whether `path` is a JPEG, PNG or WebP file, by its first bytes; otherwise what is wrong.
pub fn readable_image(path: &Path) -> Result<&'static str, String> {
    let shown = path.display();
    let mut head = [0u8; 12];
    let mut file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{shown} does not exist"),
        _ => format!("{shown} cannot be read: {e}"),
    })?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(format!("{shown} is a folder, not a picture"));
    }
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) => return Err(format!("{shown} cannot be read: {e}")),
        }
    }
    sniff(&head[..got]).ok_or_else(|| format!("{shown} is not a JPEG, PNG or WebP image"))
}

/// The same words, ignoring case, spacing and punctuation.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(pictures: Vec<Picture>, folder: Option<&Path>) -> Vec<Finding> {
        let article = Article {
            pictures,
            ..Article::default()
        };
        let mut out = Vec::new();
        check(&article, folder, &mut out);
        out
    }

    fn rules(found: &[Finding]) -> Vec<(&'static str, Severity)> {
        found.iter().map(|f| (f.rule, f.severity)).collect()
    }

    fn worded(source: &str, caption: &str, credit: &str, alt: &str) -> Picture {
        Picture {
            caption: caption.into(),
            credit: credit.into(),
            alt: alt.into(),
            ..Picture::new(source)
        }
    }

    #[test]
    fn missing_words_are_an_error_for_alt_and_warnings_otherwise_naming_the_position() {
        let found = findings(
            vec![
                worded("https://x.test/a.jpg", "Cap", "AP", "Rutte at a lectern"),
                Picture::new("https://x.test/b.jpg"),
            ],
            None,
        );
        assert_eq!(
            rules(&found),
            [
                ("picture-no-alt", Severity::Error),
                ("picture-no-caption", Severity::Warning),
                ("picture-no-credit", Severity::Warning),
            ]
        );
        assert!(
            found.iter().all(|f| f.message.starts_with("picture 2: ")),
            "{found:?}"
        );
        let text = crate::article::pictures_text(&[
            worded("https://x.test/a.jpg", "Cap", "AP", "Rutte at a lectern"),
            Picture::new("https://x.test/b.jpg"),
        ]);
        assert_eq!(&text[found[0].range.clone()], "2. https://x.test/b.jpg");
    }

    #[test]
    fn alt_text_that_repeats_the_caption_or_says_image_is_a_warning() {
        for alt in [
            "Image of Rutte",
            "picture of a ferry",
            "Foto: Rutte",
            "gambar kapal",
        ] {
            let found = findings(vec![worded("https://x.test/a.jpg", "Cap", "AP", alt)], None);
            assert_eq!(
                rules(&found),
                [("picture-alt-says-image", Severity::Warning)],
                "{alt}"
            );
        }
        let found = findings(
            vec![worded(
                "https://x.test/a.jpg",
                "Rutte arrives.",
                "AP",
                "rutte  ARRIVES",
            )],
            None,
        );
        assert_eq!(
            rules(&found),
            [("picture-alt-is-caption", Severity::Warning)]
        );
        // "Fotografer" is not "foto", "Imagery" not "image of".
        let found = findings(
            vec![worded(
                "https://x.test/a.jpg",
                "Cap",
                "AP",
                "Fotografer di pelabuhan",
            )],
            None,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn missing_or_non_image_files_are_errors_and_unsafe_addresses_warnings() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
        std::fs::write(dir.path().join("notes.jpg"), b"just text").unwrap();
        let ok = |s: &str| worded(s, "Cap", "AP", "Alt");
        let found = findings(
            vec![
                ok("real.png"),
                ok("gone.jpg"),
                ok("notes.jpg"),
                ok("http://x.test/a.jpg"),
                ok(""),
            ],
            Some(dir.path()),
        );
        let got: Vec<(&str, &str)> = found.iter().map(|f| (f.rule, f.message.as_str())).collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(
            got[0].1.starts_with("picture 2: ") && got[0].1.ends_with("gone.jpg does not exist"),
            "{got:?}"
        );
        assert!(
            got[1]
                .1
                .ends_with("notes.jpg is not a JPEG, PNG or WebP image"),
            "{got:?}"
        );
        assert_eq!(got[2].0, "picture-unsafe-source");
        assert_eq!(got[3].0, "picture-no-source");
        // Without a folder (an unsaved article) relative paths are not judged.
        assert!(findings(vec![ok("gone.jpg")], None).is_empty());
    }

    #[test]
    fn sniffs_the_three_formats() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("JPEG"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("WebP"));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b""), None);
    }
}
