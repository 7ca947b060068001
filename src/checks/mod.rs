//! Editorial checks: the slips a desk's copy editor looks for, found in an [`Article`] and,
//! where the correction is unambiguous, fixed with one click.
//!
//! [`run`] returns [`Finding`]s, each pointing at a byte range in one field's text. The
//! window lists them and applies a [`Fix`] with [`apply_fix`] (or every safe fix with
//! [`apply_all`]) as one undoable edit; `newsdesk check` prints them. Each family of rules
//! lives in its own submodule; this module holds the shared types and the order of play.
//!
//! Pure core: string in, findings out, no egui and no I/O except [`user_words`], which
//! reads and writes the user's own word list at a path the caller chooses, and
//! [`pictures`], which looks at the first bytes of the pictures' local files.

mod boilerplate;
mod dates;
mod indonesian;
pub mod locate;
pub mod pictures;
mod required;
mod spelling;
mod text;
mod typography;
pub mod user_words;
pub mod worker;

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

use crate::article::Article;
pub use crate::article::Field;
pub use crate::language::Lang;

pub use crate::stats::{Stats, stats};
pub use user_words::UserWords;

/// How much a finding matters: errors block publication (`check` exits 1), warnings are
/// very likely slips, infos are worth a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// A safe correction: the finding's range replaced by this text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub replacement: String,
}

/// One slip found in one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub field: Field,
    /// Byte range in the field's text ([`field_text`]); empty for a missing value.
    pub range: Range<usize>,
    pub severity: Severity,
    /// Stable rule id ("weekday-date", "spelling", …) for filtering and scripts.
    pub rule: &'static str,
    pub message: String,
    /// The one-click correction, only where it cannot be wrong; [`apply_all`] applies these.
    pub fix: Option<Fix>,
    /// Candidate replacements the editor chooses between (spelling), applied one at a time
    /// with [`apply_replacement`]; never applied by [`apply_all`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
}

/// The spelling rule's id.
pub const SPELLING: &str = spelling::RULE;

impl Finding {
    /// Whether this is a spelling finding (the ones Ignore and Add to dictionary apply to).
    pub fn is_spelling(&self) -> bool {
        self.rule == SPELLING
    }

    /// The text the finding points at in `article`, if its range still fits.
    pub fn text_in<'a>(&self, article: &'a Article) -> Option<&'a str> {
        article.text_str(self.field)?.get(self.range.clone())
    }

    fn new(
        field: Field,
        range: Range<usize>,
        severity: Severity,
        rule: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field,
            range,
            severity,
            rule,
            message: message.into(),
            fix: None,
            suggestions: Vec::new(),
        }
    }

    fn with_fix(mut self, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            replacement: replacement.into(),
        });
        self
    }
}

/// What the checks take into account beyond the article itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The user's own dictionary ("Add to dictionary"), accepted in every article.
    pub user_words: UserWords,
    /// The folder of the article's file, which relative picture paths start from; `None`
    /// for an unsaved article, whose relative picture paths are then not checked.
    pub folder: Option<std::path::PathBuf>,
}

/// The error findings that should stop an export for publishing (HTML, ninjs) unless the
/// editor confirms, in the window, or passes `--force` on the command line.
/// `folder` is the article file's folder (see [`Options::folder`]).
pub fn export_blockers(article: &Article, folder: Option<&std::path::Path>) -> Vec<Finding> {
    let options = Options {
        folder: folder.map(std::path::Path::to_path_buf),
        ..Options::default()
    };
    let mut found = run_with(article, &options);
    found.retain(|f| f.severity == Severity::Error);
    found
}

/// All checks with default options: no user words.
pub fn run(article: &Article) -> Vec<Finding> {
    run_with(article, &Options::default())
}

/// All checks, findings sorted by field, then position, then rule.
pub fn run_with(article: &Article, options: &Options) -> Vec<Finding> {
    let lang = Lang::of(article);
    let mut out = Vec::new();
    required::check(article, &mut out);
    dates::check(article, lang, &mut out);
    for field in [Field::Headline, Field::Body, Field::Byline, Field::Place] {
        let text = field_text(article, field);
        typography::check(field, &text, lang, &mut out);
    }
    if lang == Lang::Id {
        indonesian::check(&article.body, &mut out);
    }
    boilerplate::check(&article.body, &mut out);
    spelling::check(article, lang, &options.user_words, &mut out);
    pictures::check(article, options.folder.as_deref(), &mut out);
    out.sort_by(|a, b| {
        (a.field, a.range.start, a.range.end, a.rule).cmp(&(
            b.field,
            b.range.start,
            b.range.end,
            b.rule,
        ))
    });
    out
}

/// The text a finding's range points into. The date is its `YYYY-MM-DD` form.
pub fn field_text(article: &Article, field: Field) -> Cow<'_, str> {
    article.text(field)
}

/// Why a fix could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    #[error("this finding has no fix")]
    NoFix,
    #[error("the {0} has changed since it was checked; check again")]
    Stale(&'static str),
    #[error("the {0} cannot be edited as text")]
    NotText(&'static str),
}

/// Applies a finding's safe fix. Refuses, leaving the article untouched, when the range no
/// longer fits the field (the text changed since the check ran).
pub fn apply_fix(article: &mut Article, finding: &Finding) -> Result<(), FixError> {
    let fix = finding.fix.as_ref().ok_or(FixError::NoFix)?;
    apply_replacement(article, finding, &fix.replacement)
}

/// Replaces a finding's range with `replacement` (a spelling suggestion, or the fix).
pub fn apply_replacement(
    article: &mut Article,
    finding: &Finding,
    replacement: &str,
) -> Result<(), FixError> {
    let label = finding.field.label();
    let text = article
        .text_mut(finding.field)
        .ok_or(FixError::NotText(label))?;
    let r = &finding.range;
    if r.start > r.end
        || r.end > text.len()
        || !text.is_char_boundary(r.start)
        || !text.is_char_boundary(r.end)
    {
        return Err(FixError::Stale(label));
    }
    text.replace_range(r.clone(), replacement);
    Ok(())
}

/// "Ignore" on a spelling finding: adds the flagged word to the article's own ignore list
/// (saved with the article). Returns false, changing nothing, for other findings, a stale
/// range, or a word already listed.
pub fn ignore_word(article: &mut Article, finding: &Finding) -> bool {
    if !finding.is_spelling() {
        return false;
    }
    let Some(word) = finding.text_in(article).map(str::to_owned) else {
        return false;
    };
    if word.is_empty() || article.ignored_words.contains(&word) {
        return false;
    }
    article.ignored_words.push(word);
    true
}

/// Applies every safe fix in `findings` (from one check of this article), back to front in
/// each field so earlier ranges stay valid; of overlapping fixes only the first is applied.
/// Returns how many were applied.
pub fn apply_all(article: &mut Article, findings: &[Finding]) -> usize {
    let mut fixable: Vec<&Finding> = findings.iter().filter(|f| f.fix.is_some()).collect();
    fixable.sort_by(|a, b| {
        (a.field, a.range.start, a.range.end).cmp(&(b.field, b.range.start, b.range.end))
    });
    let mut chosen: Vec<&Finding> = Vec::new();
    for f in fixable {
        let overlaps = chosen.last().is_some_and(|prev| {
            prev.field == f.field
                && (f.range.start < prev.range.end
                    || (f.range.start == prev.range.start && prev.range.is_empty()))
        });
        if !overlaps {
            chosen.push(f);
        }
    }
    chosen
        .iter()
        .rev()
        .filter(|f| apply_fix(article, f).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str, lang: &str) -> Article {
        Article {
            headline: "Judul".into(),
            body: body.into(),
            language: lang.into(),
            ..Article::default()
        }
    }

    #[test]
    fn findings_are_sorted_by_field_then_position() {
        let a = article("Ini  kata kata.Lalu selesai", "id");
        let found = run(&a);
        let keys: Vec<_> = found.iter().map(|f| (f.field, f.range.start)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(found.len() >= 3, "{found:#?}");
    }

    #[test]
    fn apply_all_fixes_every_safe_finding_and_leaves_the_rest() {
        let mut a = article(
            "Ini  kata kata yang menyatukan.Kesinambungan tahun Ketika itu.",
            "id",
        );
        let found = run(&a);
        let applied = apply_all(&mut a, &found);
        assert_eq!(applied, found.iter().filter(|f| f.fix.is_some()).count());
        assert_eq!(
            a.body,
            "Ini kata yang menyatukan. Kesinambungan tahun ketika itu."
        );
        let again = run(&a);
        assert!(again.iter().all(|f| f.fix.is_none()), "{again:#?}");
    }

    #[test]
    fn a_stale_fix_is_refused_without_touching_the_text() {
        let mut a = article("kata kata", "id");
        let found = run(&a);
        let f = found
            .iter()
            .find(|f| f.rule == "repeated-word")
            .expect("repeated word found");
        a.body = "kata".into();
        assert_eq!(apply_fix(&mut a, f), Err(FixError::Stale("body")));
        assert_eq!(a.body, "kata");
    }

    #[test]
    fn ignoring_a_spelling_finding_silences_it_in_this_article() {
        let mut a = article("kapal itu beroprasi lagi", "id");
        let found = run(&a);
        let spelling = found
            .iter()
            .find(|f| f.rule == "spelling")
            .expect("flagged");
        assert!(ignore_word(&mut a, spelling));
        assert_eq!(a.ignored_words, ["beroprasi"]);
        assert!(!ignore_word(&mut a, spelling), "already listed");
        assert!(run(&a).iter().all(|f| f.rule != "spelling"));
        let other = Finding::new(Field::Body, 0..5, Severity::Warning, "double-space", "m");
        assert!(!ignore_word(&mut a, &other));
    }

    #[test]
    fn the_date_is_not_editable_text() {
        let mut a = Article::default();
        let f = Finding::new(Field::Date, 0..0, Severity::Warning, "x", "m").with_fix("2024");
        assert_eq!(apply_fix(&mut a, &f), Err(FixError::NotText("date")));
    }
}
