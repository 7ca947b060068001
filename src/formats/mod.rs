//! File formats: an [`Article`] to and from text, and the files that hold that text.
//!
//! Each format module is string in, string out ([`ron`], [`markdown`], [`ninjs`], and the
//! export-only [`html`]); this module adds
//! what every format shares: choosing a format by extension or name, typed errors that name
//! the file, and reading and writing through [`crate::storage::fsio`] so nothing is half-written.

pub mod feed;
pub mod html;
pub mod markdown;
pub mod ninjs;
pub mod ron;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::import;
use crate::storage::fsio::{self, ReadError};

/// A file format Newsdesk reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Newsdesk's own structured format (`.ron`).
    Ron,
    /// Markdown with YAML front matter (`.md`).
    #[value(alias = "markdown")]
    Md,
    /// Raw wire or scraped copy (`.txt`), opened through the importer.
    #[value(alias = "text")]
    Txt,
    /// A web page, or with `--fragment` just the `<article>` (`.html`); export only.
    #[value(alias = "htm")]
    Html,
    /// IPTC ninjs 3.1 news item (`.json`); opened as far as its fields map back.
    #[value(alias = "ninjs")]
    Json,
    /// An agency's XML (`.xml`, `.nitf`, `.newsml`): NewsML-G2, NITF or `NewsML` 1.2 items,
    /// recognised by their content; written as a NewsML-G2 2.35 `newsItem`.
    #[value(alias = "xml", alias = "nitf", alias = "newsml-g2")]
    Newsml,
}

impl Format {
    /// The format a path's extension names, case-insensitively.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "ron" => Some(Self::Ron),
            "md" | "markdown" => Some(Self::Md),
            "txt" | "text" => Some(Self::Txt),
            "html" | "htm" => Some(Self::Html),
            "json" => Some(Self::Json),
            "xml" | "nitf" | "newsml" => Some(Self::Newsml),
            _ => None,
        }
    }

    /// The extension Newsdesk gives files of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Ron => "ron",
            Self::Md => "md",
            Self::Txt => "txt",
            Self::Html => "html",
            Self::Json => "json",
            Self::Newsml => "xml",
        }
    }

    /// Formats for publishing (HTML, ninjs), which the checks must pass before export.
    pub fn is_publishing_export(self) -> bool {
        matches!(self, Self::Html | Self::Json | Self::Newsml)
    }

    /// Whether a file in this format is someone else's original that Save must never
    /// overwrite (raw copy, an agency's item): the import report refers to it.
    pub fn keeps_original(self) -> bool {
        matches!(self, Self::Txt | Self::Newsml)
    }

    /// Whether Newsdesk can save an article in this format. Raw copy is input only: saving
    /// over it would throw away the original the report refers to.
    pub fn is_writable(self) -> bool {
        !matches!(self, Self::Txt)
    }

    /// Whether Newsdesk can open an article from this format. HTML is an export: written
    /// for the next system, not read back.
    pub fn is_readable(self) -> bool {
        !matches!(self, Self::Html)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Ron => "RON",
            Self::Md => "Markdown",
            Self::Txt => "raw text",
            Self::Html => "HTML",
            Self::Json => "ninjs JSON",
            Self::Newsml => "NewsML-G2",
        })
    }
}

/// What is wrong with a file's content in a given format.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FormatError {
    #[error(transparent)]
    Ron(#[from] ron::RonError),
    #[error(transparent)]
    Markdown(#[from] markdown::MarkdownError),
    #[error(transparent)]
    Ninjs(#[from] ninjs::NinjsError),
    #[error(transparent)]
    Feed(#[from] feed::FeedError),
    /// The format exists but this direction does not (yet).
    #[error("{format} {direction} is not supported")]
    Unsupported {
        format: Format,
        direction: &'static str,
    },
}

/// A file that could not be opened, converted or saved: which file, and why.
#[derive(Debug, thiserror::Error)]
#[error("{}: {problem}", path.display())]
pub struct FileError {
    pub path: PathBuf,
    pub problem: Problem,
}

/// The problem with a file, for [`FileError`].
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Format(#[from] FormatError),
    #[error(
        "cannot tell the format from the extension; name it .ron, .md, .html or .json, or pass --from/--to"
    )]
    UnknownFormat,
    /// `--fragment` given for an output that is not HTML.
    #[error("--fragment applies only to HTML output")]
    FragmentNeedsHtml,
    /// `--keep-version` given for an output that is not an article file.
    #[error("--keep-version applies only to .ron and .md output")]
    KeepVersionNeedsArticle,
    /// `--mark-published` given for an output that is not an export for publishing.
    #[error("--mark-published applies only to an export for publishing (.html, .json, .xml)")]
    MarkPublishedNeedsExport,
    /// `--mark-published` given for an input that cannot be written back (raw copy, a feed).
    #[error(
        "--mark-published writes the state back into INPUT, which must be a .ron or .md article \
         (convert raw copy or an agency item to one first)"
    )]
    MarkPublishedNeedsArticle,
    #[error("cannot write: {0}")]
    Write(std::io::Error),
    /// The article has errors from the checks; exporting it for publishing needs `--force`.
    #[error("not exported: {0}; fix it or pass --force")]
    ExportBlocked(String),
}

impl FileError {
    pub fn new(path: &Path, problem: impl Into<Problem>) -> Self {
        Self {
            path: path.to_owned(),
            problem: problem.into(),
        }
    }
}

/// Parses text in a format into an article.
pub fn parse(text: &str, format: Format) -> Result<Article, FormatError> {
    match format {
        Format::Ron => Ok(ron::from_str(text)?),
        Format::Md => Ok(markdown::from_str(text)?),
        Format::Json => Ok(ninjs::from_str(text)?),
        Format::Txt => Ok(import::wire(text).article),
        Format::Newsml => {
            let feed = feed::read(text.as_bytes())?;
            Ok(feed
                .items
                .into_iter()
                .next()
                .map(|i| i.article)
                .unwrap_or_default())
        }
        Format::Html => Err(FormatError::Unsupported {
            format,
            direction: "import",
        }),
    }
}

/// Writes an article as text in a format.
pub fn serialize(article: &Article, format: Format) -> Result<String, FormatError> {
    serialize_with(article, format, html::HtmlOptions::default())
}

/// Writes an article as text in a format, with the HTML options for HTML output.
pub fn serialize_with(
    article: &Article,
    format: Format,
    html_options: html::HtmlOptions,
) -> Result<String, FormatError> {
    match format {
        Format::Ron => Ok(ron::to_string(article)?),
        Format::Md => Ok(markdown::to_string(article)?),
        Format::Html => Ok(html::to_string(article, html_options)),
        Format::Json => Ok(ninjs::to_string(article)),
        Format::Newsml => Ok(feed::newsml_g2::to_string(article)),
        Format::Txt => Err(FormatError::Unsupported {
            format,
            direction: "output",
        }),
    }
}

/// The format to use for `path`: the one given, else the extension's.
pub fn resolve(path: &Path, given: Option<Format>) -> Result<Format, FileError> {
    given
        .or_else(|| Format::from_path(path))
        .ok_or_else(|| FileError::new(path, Problem::UnknownFormat))
}

/// Reads and parses an article file; raw copy is imported (its report dropped — use
/// [`open`] to keep it).
pub fn read(path: &Path, format: Format) -> Result<Article, FileError> {
    if matches!(format, Format::Txt | Format::Newsml) {
        return open(path, format).map(|o| o.article);
    }
    let text = fsio::read_text(path).map_err(|e| FileError::new(path, e))?;
    if format == Format::Md {
        return markdown::from_string(text).map_err(|e| FileError::new(path, FormatError::from(e)));
    }
    parse(&text, format).map_err(|e| FileError::new(path, e))
}

/// An article opened from a file, with the importer's report when it was raw copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub article: Article,
    /// What the importer changed; `None` for structured formats, which are read as written.
    pub report: Option<import::Report>,
    /// The bytes an imported article was made from, as read (its original); `None` for
    /// structured formats.
    pub source: Option<Vec<u8>>,
    /// What the user should know about the file beyond the article: the other items of a
    /// `newsMessage` that holds several, parts that were skipped.
    pub note: Option<String>,
}

/// Opens an article file. Raw copy (`.txt`) goes through the importer, which never fails on
/// odd text; binary data (a NUL byte) is still refused, since it is not copy.
pub fn open(path: &Path, format: Format) -> Result<Opened, FileError> {
    if !matches!(format, Format::Txt | Format::Newsml) {
        return read(path, format).map(|article| Opened {
            article,
            report: None,
            source: None,
            note: None,
        });
    }
    let bytes = fsio::read_bytes(path).map_err(|e| FileError::new(path, e))?;
    if format == Format::Newsml || feed::is_xml(&bytes) {
        return open_feed(path, &bytes);
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(FileError::new(path, ReadError::Binary { offset }));
    }
    let imported = import::bytes(&bytes);
    Ok(Opened {
        article: imported.article,
        report: Some(imported.report),
        source: Some(bytes),
        note: None,
    })
}

/// The first item of an agency's file, with a note when there are more or parts were
/// skipped.
fn open_feed(path: &Path, bytes: &[u8]) -> Result<Opened, FileError> {
    let feed = feed::read(bytes).map_err(|e| FileError::new(path, FormatError::Feed(e)))?;
    let count = feed.items.len();
    let mut notes = feed.notes;
    if count > 1 {
        notes.insert(
            0,
            format!(
                "this {} holds {count} items; opened the first (`newsdesk import` writes them all)",
                feed.kind
            ),
        );
    }
    let first = feed
        .items
        .into_iter()
        .next()
        .unwrap_or_else(|| import::Imported {
            article: Article::default(),
            report: import::Report::default(),
        });
    Ok(Opened {
        article: first.article,
        report: Some(first.report),
        // The agency's file as read: the original the compare view and the version store
        // keep.
        source: Some(bytes.to_vec()),
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

/// Serialises an article and writes it atomically: the old file stays whole until the new
/// one is complete on disk.
pub fn write(path: &Path, article: &Article, format: Format) -> Result<(), FileError> {
    write_with(path, article, format, html::HtmlOptions::default())
}

/// [`write`] with the HTML options for HTML output.
pub fn write_with(
    path: &Path,
    article: &Article,
    format: Format,
    html_options: html::HtmlOptions,
) -> Result<(), FileError> {
    let text =
        serialize_with(article, format, html_options).map_err(|e| FileError::new(path, e))?;
    fsio::write_atomic(path, text.as_bytes()).map_err(|e| FileError::new(path, Problem::Write(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_extension_ignores_case() {
        assert_eq!(Format::from_path(Path::new("a/B.RON")), Some(Format::Ron));
        assert_eq!(Format::from_path(Path::new("x.Md")), Some(Format::Md));
        assert_eq!(Format::from_path(Path::new("copy.txt")), Some(Format::Txt));
        assert_eq!(Format::from_path(Path::new("a.HTM")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("a.html")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("a.json")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("noext")), None);
        assert_eq!(Format::from_path(Path::new("a.docx")), None);
    }

    #[test]
    fn raw_text_is_never_a_save_target() {
        assert!(!Format::Txt.is_writable());
        assert!(Format::Ron.is_writable() && Format::Md.is_writable());
    }

    #[test]
    fn html_is_written_not_read_and_ninjs_both() {
        assert!(Format::Html.is_writable() && !Format::Html.is_readable());
        assert!(matches!(
            parse("<p>x</p>", Format::Html),
            Err(FormatError::Unsupported {
                direction: "import",
                ..
            })
        ));
        assert!(Format::Json.is_writable() && Format::Json.is_readable());
        let text = serialize(&Article::default(), Format::Json).unwrap();
        assert_eq!(parse(&text, Format::Json), Ok(Article::default()));
        assert!(Format::Ron.is_readable() && Format::Txt.is_readable());
    }

    #[test]
    fn open_imports_raw_copy_with_a_report_and_reads_others_without() {
        let dir = tempfile::tempdir().unwrap();
        let txt = dir.path().join("copy.txt");
        std::fs::write(
            &txt,
            "Judul Berita Hari Ini\n\nJakarta - Isi berita.\nAdvertisement\n",
        )
        .unwrap();
        let opened = open(&txt, Format::Txt).unwrap();
        assert_eq!(opened.article.dateline.place, "Jakarta");
        assert_eq!(opened.article.body, "Isi berita.");
        let report = opened.report.unwrap();
        assert_eq!(report.removals().count(), 1);
        assert_eq!(read(&txt, Format::Txt).unwrap(), opened.article);

        let ron = dir.path().join("a.ron");
        write(&ron, &opened.article, Format::Ron).unwrap();
        let reopened = open(&ron, Format::Ron).unwrap();
        assert_eq!(reopened.article, opened.article);
        assert!(reopened.report.is_none());
    }

    #[test]
    fn file_error_names_path_then_problem() {
        let e = FileError::new(Path::new("dir/a.ron"), Problem::UnknownFormat);
        assert!(
            e.to_string()
                .starts_with("dir/a.ron: cannot tell the format"),
            "{e}"
        );
    }
}
