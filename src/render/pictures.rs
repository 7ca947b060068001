//! The article's pictures as a page shows them: which source may be written as an image
//! address, and the figure's words, shared by the HTML export and the preview.
//!
//! Only `https` URLs, relative paths and local files (an absolute path becomes a `file:`
//! URL) are written: an `http` picture would be mixed content on an `https` page, and any
//! other scheme (`javascript:`, `data:`) could run or smuggle content.

use std::path::Path;

use crate::article::{Article, Picture};

/// A picture ready to draw or write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Its position in the article, from 0 (the lead).
    pub index: usize,
    /// The source as the article has it (trimmed): what a body's `![alt](source)` names to
    /// show the picture there.
    pub source: String,
    /// The address written into `src`: the relative path or `https` URL as written, or a
    /// `file:` URL for an absolute path.
    pub url: String,
    pub caption: String,
    pub credit: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

/// What kind of place a picture's source names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source<'a> {
    /// A path relative to the article's folder.
    Relative(&'a str),
    /// An absolute local path.
    Absolute(&'a str),
    /// A `file:` URL.
    File(&'a str),
    /// An `https` URL.
    Https(&'a str),
    /// Anything else (`http:`, `data:`, `javascript:`, …), with its scheme; never written.
    Refused(String),
    /// An empty source.
    Empty,
}

/// Sorts a source into what it names. A Windows drive path (`C:\x.jpg`) is absolute, not
/// a URL with scheme `c`.
pub fn classify(source: &str) -> Source<'_> {
    let s = source.trim();
    if s.is_empty() {
        return Source::Empty;
    }
    let drive = s.len() > 2
        && s.as_bytes()[0].is_ascii_alphabetic()
        && s.as_bytes()[1] == b':'
        && matches!(s.as_bytes()[2], b'\\' | b'/');
    if drive || s.starts_with('/') || s.starts_with('\\') || Path::new(s).is_absolute() {
        return Source::Absolute(s);
    }
    let scheme_end = s.find(':').filter(|&i| {
        let scheme = &s[..i];
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    match scheme_end {
        None => Source::Relative(s),
        Some(i) if s[..i].eq_ignore_ascii_case("https") => Source::Https(s),
        Some(i) if s[..i].eq_ignore_ascii_case("file") => Source::File(s),
        Some(i) => Source::Refused(s[..i].to_ascii_lowercase()),
    }
}

/// The address a page may use for `source`, or why it may not.
pub fn url(source: &str) -> Result<String, String> {
    match classify(source) {
        Source::Relative(s) => Ok(s.replace('\\', "/")),
        Source::Https(s) | Source::File(s) => Ok(s.to_owned()),
        Source::Absolute(s) => {
            let path = s.replace('\\', "/");
            let path = path.trim_start_matches('/');
            Ok(format!("file:///{path}"))
        }
        Source::Refused(scheme) => Err(format!(
            "`{scheme}:` sources are not written (only https, relative paths and files)"
        )),
        Source::Empty => Err("it has no source".to_owned()),
    }
}

/// The file a local source names, resolved against the article's folder; `None` for URLs
/// other than `file:` (and for an empty source).
pub fn local_path(source: &str, folder: Option<&Path>) -> Option<std::path::PathBuf> {
    match classify(source) {
        Source::Relative(s) => Some(match folder {
            Some(dir) => dir.join(s),
            None => Path::new(s).to_path_buf(),
        }),
        Source::Absolute(s) => Some(Path::new(s).to_path_buf()),
        Source::File(s) => {
            let rest = &s["file:".len()..];
            let rest = rest.strip_prefix("//localhost").unwrap_or(rest);
            let rest = rest.strip_prefix("//").unwrap_or(rest);
            let decoded = percent_decode(rest);
            // `file:///C:/x.jpg` on Windows: the drive follows the third slash.
            let trimmed = decoded.trim_start_matches('/');
            let drive = trimmed.len() > 1 && trimmed.as_bytes()[1] == b':';
            Some(if drive {
                Path::new(trimmed).to_path_buf()
            } else {
                Path::new(&format!("/{trimmed}")).to_path_buf()
            })
        }
        Source::Https(_) | Source::Refused(_) | Source::Empty => None,
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The article's pictures that may be written, and a note for each that may not
/// ("picture 2: `data:` sources are not written …").
pub fn figures(article: &Article) -> (Vec<Figure>, Vec<String>) {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for (index, p) in article.pictures.iter().enumerate() {
        match url(&p.source) {
            Ok(url) => out.push(figure(index, url, p)),
            Err(why) => notes.push(format!("picture {} left out: {why}", index + 1)),
        }
    }
    (out, notes)
}

impl Figure {
    /// The words a reader sees under the picture: the caption, then the credit, a line each.
    pub fn plain_text(&self, out: &mut String) {
        for line in [&self.caption, &self.credit] {
            if !line.is_empty() {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
}

fn figure(index: usize, url: String, p: &Picture) -> Figure {
    Figure {
        index,
        source: p.source.trim().to_owned(),
        url,
        caption: p.caption.trim().to_owned(),
        credit: p.credit.trim().to_owned(),
        alt: p.alt.trim().to_owned(),
        width: p.width,
        height: p.height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_sorted_and_only_safe_ones_get_an_address() {
        assert_eq!(url("pictures/lead.jpg").as_deref(), Ok("pictures/lead.jpg"));
        assert_eq!(
            url("https://x.test/a.jpg").as_deref(),
            Ok("https://x.test/a.jpg")
        );
        assert_eq!(url("/srv/a.jpg").as_deref(), Ok("file:///srv/a.jpg"));
        assert_eq!(
            url(r"C:\pics\a.jpg").as_deref(),
            Ok("file:///C:/pics/a.jpg")
        );
        assert_eq!(url("file:///srv/a.jpg").as_deref(), Ok("file:///srv/a.jpg"));
        for bad in [
            "http://x.test/a.jpg",
            "javascript:alert(1)",
            "data:image/png;base64,AA",
            "",
        ] {
            assert!(url(bad).is_err(), "{bad}");
        }
        // A colon later in a relative path is not a scheme.
        assert_eq!(classify("a/b:c.jpg"), Source::Relative("a/b:c.jpg"));
    }

    #[test]
    fn local_paths_resolve_against_the_folder() {
        let dir = Path::new("/news/today");
        assert_eq!(
            local_path("pics/a.jpg", Some(dir)),
            Some(dir.join("pics/a.jpg"))
        );
        assert_eq!(
            local_path("file:///srv/a%20b.jpg", None),
            Some(Path::new("/srv/a b.jpg").to_path_buf())
        );
        assert_eq!(local_path("https://x.test/a.jpg", Some(dir)), None);
    }
}
