//! The command line: `newsdesk [FILE]`, `newsdesk convert`, `newsdesk check`, `newsdesk
//! import`, `newsdesk diff` and `newsdesk versions` ([`compare`]), over the same core as the
//! window.
//!
//! Every outcome is an exit code, never a panic: 0 success, 1 findings (for `check`),
//! 2 a usage or input error, reported as one line naming the file and the problem.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::article::StoryState;
use crate::checks::{
    self,
    locate::{self, locate},
};
use crate::formats::html::HtmlOptions;
use crate::formats::{self, FileError, Format, Problem};
use crate::stats::Stats;
use crate::storage::fsio;

pub mod compare;

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
    /// An article to open in the editor window (.ron, .md or raw .txt copy), or a folder to
    /// list as a desk beside the form.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert an article between formats; formats follow the extensions unless given.
    Convert(ConvertArgs),
    /// Run the editorial checks; exit 1 if any finding is an error.
    Check(CheckArgs),
    /// Compare two articles field by field; exit 0 if equal, 1 if different, 2 on an error.
    Diff(compare::DiffArgs),
    /// List an article's stored versions (from the window's saves), or print one.
    Versions(compare::VersionsArgs),
    /// Import files and folders of copy and agency items (NewsML-G2, NITF, `NewsML` 1.2,
    /// ninjs, raw text) into one article file each, in parallel.
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Files and folders (read recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The folder the articles are written into (created if missing).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// The articles' format.
    #[arg(long, value_enum, default_value = "md")]
    pub to: Format,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Write a JSON report: per input, each output with its fields and changes, or the error.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
    /// Replace files of the same name (from an earlier run) instead of choosing a new name.
    #[arg(long)]
    pub force: bool,
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
    /// Only the stories in this state (`wire`, `draft`, `ready`, `published`), and only
    /// those with errors: `--state ready DIR` is the last look before publication.
    #[arg(long, value_parser = parse_state)]
    pub state: Option<StoryState>,
}

fn parse_state(text: &str) -> Result<StoryState, String> {
    StoryState::parse(text)
        .ok_or_else(|| format!("`{text}` is not a state (wire, draft, ready or published)"))
}

/// The files to check: each FILE as given, each DIR's article files (not recursive), in
/// name order.
fn check_inputs(paths: &[PathBuf]) -> Vec<Result<PathBuf, FileError>> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(Ok(path.clone()));
            continue;
        }
        match crate::desk::article_files(path) {
            Ok(files) => out.extend(files.into_iter().map(Ok)),
            Err(e) => out.push(Err(FileError::new(path, fsio::ReadError::from(e)))),
        }
    }
    out
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
#[allow(clippy::struct_excessive_bools)] // independent flags, one per command-line switch
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
    /// Also keep OUTPUT as a version in the version store, as the window's Save does (an
    /// article without an id gets one; raw copy keeps its original). RON or Markdown only.
    #[arg(long)]
    pub keep_version: bool,
    /// Exports for publishing: once OUTPUT is written, set INPUT's state to `published`
    /// (INPUT must be a RON or Markdown article; it is rewritten atomically).
    #[arg(long)]
    pub mark_published: bool,
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
        Some(Command::Diff(args)) => Action::Exit(compare::diff(&args)),
        Some(Command::Versions(args)) => Action::Exit(compare::versions(&args)),
        Some(Command::Import(args)) => Action::Exit(import(&args)),
    }
}

/// `newsdesk import INPUT...`: refused inputs on stderr, one line each, then the summary
/// on stdout. Exit 2 if any input was refused (after importing all the others), else 0.
pub fn import(args: &ImportArgs) -> u8 {
    let options = crate::batch::Options {
        out: args.out.clone(),
        to: args.to,
        jobs: args.jobs,
        report: args.report.clone(),
        force: args.force,
        progress: true,
    };
    let summary = match crate::batch::run(&args.inputs, &options) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("newsdesk: error: {e}");
            return EXIT_ERROR;
        }
    };
    for (path, reason) in &summary.refused {
        eprintln!("newsdesk: error: {}: {reason}", path.display());
    }
    println!(
        "imported {} article{} from {} input{} into {}; refused {}; {} change{} made",
        summary.imported,
        plural(summary.imported),
        summary.inputs,
        plural(summary.inputs),
        args.out.display(),
        summary.refused.len(),
        summary.changes,
        plural(summary.changes),
    );
    if summary.refused.is_empty() {
        0
    } else {
        EXIT_ERROR
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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
    if args.keep_version && !matches!(to, Format::Ron | Format::Md) {
        return Err(FileError::new(
            &args.output,
            Problem::KeepVersionNeedsArticle,
        ));
    }
    if args.mark_published {
        if !to.is_publishing_export() {
            return Err(FileError::new(
                &args.output,
                Problem::MarkPublishedNeedsExport,
            ));
        }
        if !matches!(from, Format::Ron | Format::Md) {
            return Err(FileError::new(
                &args.input,
                Problem::MarkPublishedNeedsArticle,
            ));
        }
    }
    let mut opened = formats::open(&args.input, from)?;
    // Raw copy: every change the importer made, one line each, so nothing is lost silently.
    for entry in opened.report.iter().flat_map(|r| &r.entries) {
        eprintln!("{}: {entry}", args.input.display());
    }
    if let Some(note) = &opened.note {
        eprintln!("{}: {note}", args.input.display());
    }
    if to.is_publishing_export() && !args.force {
        let blockers = checks::export_blockers(&opened.article, args.input.parent());
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
    if args.mark_published {
        opened.article.state = crate::article::StoryState::Published;
        formats::write_with(&args.output, &opened.article, to, html)?;
        // Only after the export is written: a failed export publishes nothing.
        return formats::write(&args.input, &opened.article, from);
    }
    if !args.keep_version {
        return formats::write_with(&args.output, &opened.article, to, html);
    }
    if opened.article.id.is_empty() {
        opened.article.id = crate::article::new_id();
    }
    formats::write_with(&args.output, &opened.article, to, html)?;
    keep_version(args, from, &opened);
    Ok(())
}

/// `convert --keep-version`: best effort, as for the window's Save. The article is written;
/// a store that fails only warns.
fn keep_version(args: &ConvertArgs, from: Format, opened: &formats::Opened) {
    use crate::storage::versions::{Original, Store};
    let now = chrono::Utc::now();
    let kept = Store::open_default().and_then(|store| {
        if let Some(source) = &opened.source {
            let original = Original {
                source: source.clone(),
                source_name: args
                    .input
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                format: from,
                time: now,
                article: opened.article.clone(),
            };
            store.keep_original(&opened.article.id, &original)?;
        }
        store.record(&opened.article, now, None)
    });
    match kept {
        Ok((_, skipped)) => {
            for e in skipped {
                eprintln!("newsdesk: warning: {e}");
            }
        }
        Err(e) => eprintln!(
            "newsdesk: warning: {}: saved, but no version kept: {e}",
            args.output.display()
        ),
    }
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
    let options = match check_options(args) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("newsdesk: error: {e}");
            return EXIT_ERROR;
        }
    };
    let mut unreadable = false;
    let mut any_error = false;
    let mut json = Vec::new();
    let mut flagged = Vec::new();
    for path in check_inputs(&args.files) {
        let checked = match path.and_then(|path| check_file(&path, args, &options)) {
            Ok(checked) => checked,
            Err(e) => {
                eprintln!("newsdesk: error: {e}");
                unreadable = true;
                continue;
            }
        };
        if let Some(state) = args.state {
            if checked.state != state || !checked.has_errors() {
                continue;
            }
            flagged.push(checked.name.clone());
        }
        any_error |= checked.has_errors();
        match args.format {
            OutputFormat::Text => print!("{}", checked.text()),
            OutputFormat::Json => json.push(checked.json()),
        }
    }
    if args.format == OutputFormat::Json {
        println!("{}", serde_json::Value::Array(json));
    }
    if let Some(state) = args.state
        && !flagged.is_empty()
    {
        eprintln!(
            "newsdesk: {} marked {state} with errors: {}",
            plural_stories(flagged.len()),
            flagged.join(", ")
        );
    }
    if unreadable {
        EXIT_ERROR
    } else {
        u8::from(any_error)
    }
}

fn plural_stories(n: usize) -> String {
    if n == 1 {
        "1 story".to_owned()
    } else {
        format!("{n} stories")
    }
}

/// The checks' options from the command line: the user's word list, when given.
fn check_options(args: &CheckArgs) -> Result<checks::Options, checks::user_words::UserWordsError> {
    let mut options = checks::Options::default();
    if let Some(path) = &args.words {
        options.user_words = checks::UserWords::load(path)?;
    }
    Ok(options)
}

/// One file's findings, each with its line and column in the file as saved.
struct Checked {
    name: String,
    findings: Vec<(checks::Finding, locate::Position)>,
    stats: Option<Stats>,
    state: StoryState,
}

/// Reads and checks one file.
fn check_file(
    path: &Path,
    args: &CheckArgs,
    options: &checks::Options,
) -> Result<Checked, FileError> {
    let format = formats::resolve(path, args.from)?;
    let text = fsio::read_text(path).map_err(|e| FileError::new(path, e))?;
    let article = formats::parse(&text, format).map_err(|e| FileError::new(path, e))?;
    let options = checks::Options {
        folder: path.parent().map(Path::to_path_buf),
        ..options.clone()
    };
    let findings = checks::run_with(&article, &options)
        .into_iter()
        .map(|f| {
            let at = locate(&text, format, &article, f.field, &f.range);
            (f, at)
        })
        .collect();
    Ok(Checked {
        name: path.display().to_string(),
        findings,
        stats: args.stats.then(|| crate::stats::stats(&article)),
        state: article.state,
    })
}

impl Checked {
    fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|(f, _)| f.severity == checks::Severity::Error)
    }

    /// `FILE:LINE:COL: severity: message [rule]` lines, then the counts when asked for.
    fn text(&self) -> String {
        let name = &self.name;
        let mut out = String::new();
        for (f, at) in &self.findings {
            let _ = writeln!(
                out,
                "{name}:{}:{}: {}: {} [{}]",
                at.line,
                at.column,
                f.severity.as_str(),
                f.message,
                f.rule
            );
        }
        if let Some(s) = &self.stats {
            let _ = writeln!(
                out,
                "{name}: {} words, {} characters ({} without spaces), reading time {} min",
                s.words,
                s.characters,
                s.characters_without_spaces,
                s.reading_minutes()
            );
        }
        out
    }

    /// `{file, findings, stats}` for tools.
    fn json(&self) -> serde_json::Value {
        let findings: Vec<_> = self
            .findings
            .iter()
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
        let mut entry = serde_json::json!({
            "file": self.name,
            "state": self.state,
            "findings": findings,
        });
        if let Some(s) = &self.stats {
            entry["stats"] = serde_json::json!({
                "words": s.words,
                "characters": s.characters,
                "characters_without_spaces": s.characters_without_spaces,
                "reading_seconds": s.reading_seconds,
            });
        }
        entry
    }
}
