//! The command line: `newsdesk [FILE]`, `newsdesk convert`, over the same core as the window.
//!
//! Every outcome is an exit code, never a panic: 0 success, 1 findings (for `check`),
//! 2 a usage or input error, reported as one line naming the file and the problem.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::formats::html::HtmlOptions;
use crate::formats::{self, FileError, Format, Problem};

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
    /// Export even when the article has errors. The checks arrive with the checks module;
    /// until then nothing blocks an export and this flag changes nothing.
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
