//! `newsdesk diff` and `newsdesk versions`: the diff core and the version store on the
//! command line.
//!
//! `diff` exits as `diff(1)` does, so scripts can use it: 0 when the articles are equal,
//! 1 when they differ, 2 on an error (one line on stderr naming the file).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};

use super::{EXIT_ERROR, OutputFormat};
use crate::article::Article;
use crate::diff::{self, ArticleDiff, Shape};
use crate::formats::{self, FileError, Format};
use crate::storage::versions::{Store, VersionError};

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier article; with --version or --original, the article to compare.
    pub old: PathBuf,
    /// The later article.
    #[arg(required_unless_present_any = ["version", "original"])]
    pub new: Option<PathBuf>,
    /// Compare the article with its stored version N (`newsdesk versions` lists them).
    #[arg(long, value_name = "N", conflicts_with_all = ["new", "original"])]
    pub version: Option<u32>,
    /// Compare the article with the original it was imported from.
    #[arg(long, conflicts_with = "new")]
    pub original: bool,
    /// `text`: changed fields with words marked `[-old-]{+new+}`; `json`: the runs.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

#[derive(Debug, clap::Args)]
pub struct VersionsArgs {
    /// The article whose stored versions to list.
    pub file: PathBuf,
    /// Print version N instead, in the file's format.
    #[arg(long, value_name = "N")]
    pub show: Option<u32>,
}

/// An error of these commands: a file, or the store.
enum Failure {
    File(FileError),
    Store(PathBuf, VersionError),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::File(e) => e.fmt(f),
            Self::Store(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

fn fail(e: &Failure) -> u8 {
    eprintln!("newsdesk: error: {e}");
    EXIT_ERROR
}

/// Reads an article in any format Newsdesk reads (raw copy through the importer).
fn read(path: &Path) -> Result<Article, Failure> {
    let format = formats::resolve(path, None).map_err(Failure::File)?;
    formats::open(path, format)
        .map(|o| o.article)
        .map_err(Failure::File)
}

fn store_for(path: &Path) -> Result<Store, Failure> {
    Store::open_default().map_err(|e| Failure::Store(path.to_owned(), e))
}

/// `newsdesk diff A B`, `newsdesk diff FILE --version N`, `newsdesk diff FILE --original`.
pub fn diff(args: &DiffArgs) -> u8 {
    let compared = (|| -> Result<(String, Article, String, Article), Failure> {
        let file = read(&args.old)?;
        let name = args.old.display().to_string();
        if let Some(new) = &args.new {
            return Ok((name, file, new.display().to_string(), read(new)?));
        }
        let store = store_for(&args.old)?;
        let stored = |e| Failure::Store(args.old.clone(), e);
        let (label, old) = if let Some(n) = args.version {
            let a = store.load_number(&file.id, n).map_err(stored)?;
            (format!("{name} (version {n})"), a)
        } else {
            let o = store.original(&file.id).map_err(stored)?;
            (format!("{name} (original: {})", o.source_name), o.article)
        };
        Ok((label, old, name, file))
    })();
    let (old_name, old, new_name, new) = match compared {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let d = diff::diff(&old, &new);
    match args.format {
        OutputFormat::Text => print!("{}", text(&d, &old_name, &new_name)),
        OutputFormat::Json => println!("{}", json(&d, &old_name, &new_name)),
    }
    u8::from(!d.is_equal())
}

/// The diff as text: a header, each changed field or paragraph with its words marked as
/// `git diff --word-diff=plain` marks them, and the summary line.
pub fn text(d: &ArticleDiff, old_name: &str, new_name: &str) -> String {
    use std::fmt::Write as _;
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    for f in d.fields.iter().filter(|f| f.is_changed()) {
        let key = f.field.key();
        for b in f.blocks.iter().filter(|b| b.is_change()) {
            let label = match b.shape {
                Shape::Same { .. } => continue,
                Shape::Changed { new, .. } if f.field == crate::Field::Body => {
                    format!("{key} ¶{}", new + 1)
                }
                Shape::Changed { .. } => key.to_owned(),
                Shape::Inserted { new } => format!("{key} ¶{} (inserted)", new + 1),
                Shape::Deleted { old } => format!("{key} old ¶{} (deleted)", old + 1),
                Shape::MovedHere { old, new } => {
                    format!("{key} ¶{} (moved from old ¶{})", new + 1, old + 1)
                }
                Shape::MovedAway { old, new } => {
                    let _ = writeln!(out, "{key} old ¶{}: moved to ¶{}", old + 1, new + 1);
                    continue;
                }
                Shape::Split { old, new, count } => format!(
                    "{key} ¶{}–{} (split from old ¶{})",
                    new + 1,
                    new + count,
                    old + 1
                ),
                Shape::Joined { old, count, new } => format!(
                    "{key} ¶{} (joined from old ¶{}–{})",
                    new + 1,
                    old + 1,
                    old + count
                ),
            };
            let _ = writeln!(out, "{label}: {}", diff::marked(&b.runs));
        }
    }
    let _ = writeln!(out, "{}", d.summary());
    out
}

/// The diff as JSON: per field whether it changed, its runs, and its blocks.
pub fn json(d: &ArticleDiff, old_name: &str, new_name: &str) -> serde_json::Value {
    let fields: Vec<_> = d
        .fields
        .iter()
        .map(|f| {
            serde_json::json!({
                "field": f.field,
                "changed": f.is_changed(),
                "runs": f.runs(),
                "blocks": f.blocks,
                "tally": f.tally(),
            })
        })
        .collect();
    serde_json::json!({
        "old": old_name,
        "new": new_name,
        "equal": d.is_equal(),
        "words_changed": d.words_changed(),
        "summary": d.summary(),
        "fields": fields,
    })
}

fn local(time: DateTime<Utc>) -> String {
    time.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// `newsdesk versions FILE [--show N]`.
pub fn versions(args: &VersionsArgs) -> u8 {
    let path = &args.file;
    let listed = (|| -> Result<(Article, Store), Failure> {
        let article = read(path)?;
        let store = store_for(path)?;
        Ok((article, store))
    })();
    let (article, store) = match listed {
        Ok(x) => x,
        Err(e) => return fail(&e),
    };
    if let Some(n) = args.show {
        let version = match store.load_number(&article.id, n) {
            Ok(v) => v,
            Err(e) => return fail(&Failure::Store(path.clone(), e)),
        };
        let format = formats::resolve(path, None)
            .ok()
            .filter(|f| matches!(f, Format::Ron | Format::Md))
            .unwrap_or(Format::Md);
        return match formats::serialize(&version, format) {
            Ok(text) => {
                print!("{text}");
                0
            }
            Err(e) => fail(&Failure::File(FileError::new(path, e))),
        };
    }
    let listing = match store.list(&article.id) {
        Ok(l) => l,
        Err(e) => return fail(&Failure::Store(path.clone(), e)),
    };
    for e in &listing.unreadable {
        eprintln!("newsdesk: warning: {e}");
    }
    let name = path.display();
    if let Some(o) = &listing.original {
        println!(
            "{name}: original  {}  imported from {} ({})",
            local(o.time),
            o.source_name,
            o.format
        );
    }
    for v in &listing.versions {
        let words = match v.words_changed {
            1 => "1 word changed".to_owned(),
            n => format!("{n} words changed"),
        };
        println!(
            "{name}: version {:>3}  {}  {words}",
            v.number,
            local(v.time)
        );
    }
    if listing.versions.is_empty() && listing.original.is_none() {
        println!("{name}: no stored versions");
    }
    0
}
