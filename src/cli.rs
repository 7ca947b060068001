//! The command line: `newsdesk [FILE]`, `newsdesk convert`, `newsdesk check`, over the same
//! core as the window.
//!
//! Every outcome is an exit code, never a panic: 0 success, 1 findings (for `check`),
//! 2 a usage or input error, reported as one line naming the file and the problem.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::checks::{self, locate::locate};
use crate::formats::html::HtmlOptions;
use crate::formats::{self, FileError, Format, Problem};
use crate::fsio;

/// Exit code for a usage or input error.
pub const EXIT_ERROR: u8 = 2;

/// Newsdesk: an editor for news articles.
#[derive(Debug, Parser)]
#[command(
    name = "newsdesk",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// An article to open in the editor window (.ron, .md or raw .txt copy).
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert an article between formats; formats follow the extensions unless given.
    Convert(ConvertArgs),
    /// Run the editorial checks; exit 1 if any finding is an error.
    Check(CheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The articles to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Format of the files, instead of their extensions.
    #[arg(long, value_enum)]
    pub from: Option<Format>,
    /// `text`: one `FILE:LINE:COL: severity: message [rule]` line per finding; `json` for tools.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    /// Also print words, characters and reading time.
    #[arg(long)]
    pub stats: bool,
    /// The user's word list ("Add to dictionary"), one word a line.
    #[arg(long, value_name = "FILE")]
    pub words: Option<PathBuf>,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The article to read.
    pub input: PathBuf,
    /// Where to write it; replaced atomically, never half-written.
    pub output: PathBuf,
    /// Format of INPUT, instead of its extension.
    #[arg(long, value_enum)]
    pub from: Option<Format>,
    /// Format of OUTPUT, instead of its extension.
    #[arg(long, value_enum)]
    pub to: Option<Format>,
    /// HTML output: only the `<article>` element, for pasting into a CMS page.
    #[arg(long)]
    pub fragment: bool,
    /// Export to HTML or ninjs even when the checks find errors (e.g. no headline).
    #[arg(long)]
    pub force: bool,
}

/// What `main` should do after the command line is handled.
#[derive(Debug)]
pub enum Action {
    /// Open the editor window, on a file or a new article.
    OpenWindow(Option<PathBuf>),
    /// Exit with this code; any output has already been printed.
    Exit(u8),
}

/// Runs a parsed command line. Headless commands run here; the window is left to `main`.
pub fn run(cli: Cli) -> Action {
    match cli.command {
        None => Action::OpenWindow(cli.file),
        Some(Command::Convert(args)) => Action::Exit(report(convert(&args))),
        Some(Command::Check(args)) => Action::Exit(check(&args)),
    }
}

/// Prints an error as one line on stderr and turns it into an exit code.
fn report(result: Result<(), FileError>) -> u8 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("newsdesk: error: {e}");
            EXIT_ERROR
        }
    }
}

/// `newsdesk convert INPUT OUTPUT`.
pub fn convert(args: &ConvertArgs) -> Result<(), FileError> {
    let from = formats::resolve(&args.input, args.from)?;
    let to = formats::resolve(&args.output, args.to)?;
    if args.fragment && to != Format::Html {
        return Err(FileError::new(&args.output, Problem::FragmentNeedsHtml));
    }
    let opened = formats::open(&args.input, from)?;
    // Raw copy: every change the importer made, one line each, so nothing is lost silently.
    for entry in opened.report.iter().flat_map(|r| &r.entries) {
        eprintln!("{}: {entry}", args.input.display());
    }
    if to.is_publishing_export() && !args.force {
        let blockers = checks::export_blockers(&opened.article);
        if !blockers.is_empty() {
            let list: Vec<String> = blockers
                .iter()
                .map(|f| format!("{} [{}]", f.message, f.rule))
                .collect();
            let problem = Problem::ExportBlocked(format!(
                "{} error{}: {}",
                list.len(),
                if list.len() == 1 { "" } else { "s" },
                list.join("; ")
            ));
            return Err(FileError::new(&args.input, problem));
        }
    }
    let html = HtmlOptions {
        fragment: args.fragment,
    };
    formats::write_with(&args.output, &opened.article, to, html)
}

/// Until the window exists, says what to run instead.
pub fn window_unavailable(file: Option<&Path>) -> ExitCode {
    let input = file.map_or_else(|| "INPUT".to_owned(), |f| f.display().to_string());
    eprintln!(
        "newsdesk: error: the editor window is not in this build yet; \
         convert the article instead: `newsdesk convert {input} OUTPUT.md`"
    );
    ExitCode::from(EXIT_ERROR)
}

/// `newsdesk check FILE...`: findings on stdout, unreadable files on stderr. Exit 2 if any
/// file could not be read, else 1 if any finding is an error, else 0.
pub fn check(args: &CheckArgs) -> u8 {
    let mut options = checks::Options::default();
    if let Some(path) = &args.words {
        match checks::UserWords::load(path) {
            Ok(words) => options.user_words = words,
            Err(e) => {
                eprintln!("newsdesk: error: {e}");
                return EXIT_ERROR;
            }
        }
    }
    let mut unreadable = false;
    let mut any_error = false;
    let mut json = Vec::new();
    for path in &args.files {
        let read = formats::resolve(path, args.from).and_then(|format| {
            let text = fsio::read_text(path).map_err(|e| FileError::new(path, e))?;
            let article = formats::parse(&text, format).map_err(|e| FileError::new(path, e))?;
            Ok((format, text, article))
        });
        let (format, text, article) = match read {
            Ok(read) => read,
            Err(e) => {
                eprintln!("newsdesk: error: {e}");
                unreadable = true;
                continue;
            }
        };
        let findings = checks::run_with(&article, &options);
        any_error |= findings
            .iter()
            .any(|f| f.severity == checks::Severity::Error);
        let name = path.display().to_string();
        let located = findings.iter().map(|f| {
            let at = locate(&text, format, &article, f.field, &f.range);
            (f, at)
        });
        let stats = args.stats.then(|| checks::stats(&article));
        match args.format {
            OutputFormat::Text => {
                for (f, at) in located {
                    println!(
                        "{name}:{}:{}: {}: {} [{}]",
                        at.line,
                        at.column,
                        f.severity.as_str(),
                        f.message,
                        f.rule
                    );
                }
                if let Some(s) = stats {
                    println!(
                        "{name}: {} words, {} characters ({} without spaces), reading time {} min",
                        s.words,
                        s.characters,
                        s.characters_without_spaces,
                        s.reading_minutes()
                    );
                }
            }
            OutputFormat::Json => {
                let findings: Vec<_> = located
                    .map(|(f, at)| {
                        serde_json::json!({
                            "line": at.line,
                            "column": at.column,
                            "field": f.field,
                            "start": f.range.start,
                            "end": f.range.end,
                            "severity": f.severity,
                            "rule": f.rule,
                            "message": f.message,
                            "fix": f.fix.as_ref().map(|x| &x.replacement),
                            "suggestions": f.suggestions,
                        })
                    })
                    .collect();
                let mut entry = serde_json::json!({ "file": name, "findings": findings });
                if let Some(s) = stats {
                    entry["stats"] = serde_json::json!({
                        "words": s.words,
                        "characters": s.characters,
                        "characters_without_spaces": s.characters_without_spaces,
                        "reading_seconds": s.reading_seconds,
                    });
                }
                json.push(entry);
            }
        }
    }
    if args.format == OutputFormat::Json {
        println!("{}", serde_json::Value::Array(json));
    }
    if unreadable {
        EXIT_ERROR
    } else {
        u8::from(any_error)
    }
}
