//! The document's undo history: steps that store what changed, not copies of the article.
//!
//! A step is a list of [`Change`]s: a [`Splice`] of one text field (bytes `at..` that were
//! `removed` and are now `inserted`), the small non-text rest of the article kept whole
//! before and after (the date, ignored words, unknown front-matter keys), or the import
//! report before and after. Undo applies a step's inverse, redo the step again, so a step
//! costs what it changed: typing 200 characters into a 100,000-word body costs 200 bytes,
//! not 200 copies of the body, as a snapshot history (egui's `Undoer`) would. This is
//! Helix's `Transaction` idea cut to an article's fields; written here rather than kept
//! behind egui's undoer because that one can only store whole states.
//!
//! Typing merges into the open step until it pauses for [`STABLE_SECONDS`], moves to
//! another field, or anything else changes the article; times are passed in, so tests are
//! deterministic.

use std::ops::Range;

use crate::article::{Article, Field, PicturePart};
use crate::import::Report;

/// Seconds without typing after which typing becomes its own undo step.
pub const STABLE_SECONDS: f64 = 1.0;

/// How many steps Undo can go back.
pub const MAX_STEPS: usize = 500;

/// One text field's bytes `at..at + removed.len()` replaced by `inserted`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub field: Field,
    pub at: usize,
    pub removed: String,
    pub inserted: String,
}

impl Splice {
    /// The smallest splice that turns `before` into `after` (common start and end kept).
    pub fn between(field: Field, before: &str, after: &str) -> Option<Self> {
        if before == after {
            return None;
        }
        let mut start = before
            .bytes()
            .zip(after.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !before.is_char_boundary(start) || !after.is_char_boundary(start) {
            start -= 1;
        }
        let max_end = before.len().min(after.len()) - start;
        let mut end = before
            .bytes()
            .rev()
            .zip(after.bytes().rev())
            .take(max_end)
            .take_while(|(a, b)| a == b)
            .count();
        while !before.is_char_boundary(before.len() - end)
            || !after.is_char_boundary(after.len() - end)
        {
            end -= 1;
        }
        Some(Self {
            field,
            at: start,
            removed: before[start..before.len() - end].to_owned(),
            inserted: after[start..after.len() - end].to_owned(),
        })
    }

    /// The bytes the splice's new text occupies now.
    fn span(&self) -> Range<usize> {
        self.at..self.at + self.inserted.len()
    }

    /// Folds a further edit (`range` of the current `text` replaced by `new`) into this
    /// splice when it touches the text this splice inserted; false when it is elsewhere.
    fn absorb(&mut self, text: &str, range: &Range<usize>, new: &str) -> bool {
        let span = self.span();
        if range.start > span.end || range.end < span.start {
            return false;
        }
        let mut removed = String::new();
        if range.start < span.start {
            removed.push_str(&text[range.start..span.start]);
        }
        removed.push_str(&self.removed);
        if range.end > span.end {
            removed.push_str(&text[span.end..range.end]);
        }
        let keep_head = range
            .start
            .saturating_sub(span.start)
            .min(self.inserted.len());
        let keep_tail = range
            .end
            .saturating_sub(span.start)
            .min(self.inserted.len());
        let mut inserted = String::with_capacity(self.inserted.len() + new.len());
        inserted.push_str(&self.inserted[..keep_head]);
        inserted.push_str(new);
        inserted.push_str(&self.inserted[keep_tail..]);
        self.at = self.at.min(range.start);
        self.removed = removed;
        self.inserted = inserted;
        true
    }
}

/// One part of an undo step.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Text(Splice),
    /// The article without its text fields ([`Article::rest`]), before and after.
    Rest {
        before: Box<Article>,
        after: Box<Article>,
    },
    /// The import report before and after (Put back changes it with the body).
    Report {
        before: Option<Report>,
        after: Option<Report>,
    },
}

/// What an undo step changes in.
#[derive(Debug)]
pub struct State<'a> {
    pub article: &'a mut Article,
    pub report: &'a mut Option<Report>,
}

impl Change {
    /// Applies the change forward (`redo`) or backward; false when it does not fit the
    /// state (a bug elsewhere), changing nothing.
    fn apply(&self, state: &mut State<'_>, forward: bool) -> bool {
        match self {
            Self::Text(s) => {
                let Some(text) = state.article.text_mut(s.field) else {
                    return false;
                };
                let (old, new) = if forward {
                    (&s.removed, &s.inserted)
                } else {
                    (&s.inserted, &s.removed)
                };
                let range = s.at..s.at + old.len();
                if text.get(range.clone()) != Some(old.as_str()) {
                    return false;
                }
                text.replace_range(range, new);
                true
            }
            Self::Rest { before, after } => {
                let rest = if forward { after } else { before };
                state.article.set_rest(Article::clone(rest));
                true
            }
            Self::Report { before, after } => {
                state
                    .report
                    .clone_from(if forward { after } else { before });
                true
            }
        }
    }

    /// Bytes this change keeps, for the history's memory bound and tests.
    fn size(&self) -> usize {
        match self {
            Self::Text(s) => s.removed.len() + s.inserted.len(),
            Self::Rest { .. } => std::mem::size_of::<Article>() * 2,
            Self::Report { before, after } => [before, after]
                .iter()
                .filter_map(|r| r.as_ref())
                .map(|r| r.entries.len() * 64)
                .sum(),
        }
    }
}

/// The changes `edit` made going from `before` to `after`, field by field.
pub fn changes(
    before: &Article,
    after: &Article,
    report_before: &Option<Report>,
    report_after: &Option<Report>,
) -> Vec<Change> {
    let mut out: Vec<Change> = Field::ALL
        .iter()
        .filter_map(|&f| Splice::between(f, before.text_str(f)?, after.text_str(f)?))
        .map(Change::Text)
        .collect();
    let (rest_before, rest_after) = (before.rest(), after.rest());
    if rest_before != rest_after {
        out.push(Change::Rest {
            before: Box::new(rest_before),
            after: Box::new(rest_after),
        });
    }
    if report_before != report_after {
        out.push(Change::Report {
            before: report_before.clone(),
            after: report_after.clone(),
        });
    }
    out
}

/// What is being typed into: an article text field, or a text of one picture (kept whole
/// in the article's rest, so its typing merges rest changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    Text(Field),
    Picture(usize, PicturePart),
}

#[derive(Debug)]
struct Step {
    changes: Vec<Change>,
    /// While typing merges into this step: what is typed into and the time of the last
    /// keystroke.
    typing: Option<(Typing, f64)>,
}

/// Undo and redo over an article and its import report.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records a finished step (an edit that is not typing); clears what could be redone.
    pub fn record(&mut self, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        self.close();
        self.push(Step {
            changes,
            typing: None,
        });
    }

    fn push(&mut self, step: Step) {
        self.redo.clear();
        self.undo.push(step);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// Records typing: `range` of `field`'s current `text` about to be replaced by `new`,
    /// at time `now`. Merges into the open typing step of the same field when it has not
    /// paused; call before changing the text.
    pub fn typed(&mut self, field: Field, text: &str, range: Range<usize>, new: &str, now: f64) {
        if let Some(step) = self.undo.last_mut()
            && let Some((f, last)) = step.typing
            && f == Typing::Text(field)
            && now - last < STABLE_SECONDS
        {
            step.typing = Some((Typing::Text(field), now));
            let merged = match step.changes.last_mut() {
                Some(Change::Text(s)) => s.absorb(text, &range, new),
                _ => false,
            };
            if !merged {
                step.changes.push(Change::Text(Splice {
                    field,
                    at: range.start,
                    removed: text[range].to_owned(),
                    inserted: new.to_owned(),
                }));
            }
            self.redo.clear();
            return;
        }
        self.close();
        self.push(Step {
            changes: vec![Change::Text(Splice {
                field,
                at: range.start,
                removed: text[range].to_owned(),
                inserted: new.to_owned(),
            })],
            typing: Some((Typing::Text(field), now)),
        });
    }

    /// Records typing into a picture's text: the article's rest `before` and `after` the
    /// keystroke. Merges into the open typing step of the same picture text (its first
    /// `before` kept, its `after` replaced) when it has not paused, as [`Self::typed`] does.
    pub fn typed_rest(&mut self, key: Typing, before: Article, after: Article, now: f64) {
        if let Some(step) = self.undo.last_mut()
            && let Some((k, last)) = step.typing
            && k == key
            && now - last < STABLE_SECONDS
            && let Some(Change::Rest { after: open, .. }) = step.changes.last_mut()
        {
            **open = after;
            step.typing = Some((key, now));
            self.redo.clear();
            return;
        }
        self.close();
        self.push(Step {
            changes: vec![Change::Rest {
                before: Box::new(before),
                after: Box::new(after),
            }],
            typing: Some((key, now)),
        });
    }

    /// Adds `change` to the step just recorded or typed, so one undo takes both back (the
    /// state a first keystroke changes with the text).
    pub fn amend(&mut self, change: Change) {
        if let Some(step) = self.undo.last_mut() {
            // First, so typing keeps merging into the text splice at the end.
            step.changes.insert(0, change);
        }
    }

    /// Ends the open typing step, so the next keystroke starts a new one.
    pub fn close(&mut self) {
        if let Some(step) = self.undo.last_mut() {
            step.typing = None;
        }
    }

    /// Ends the open typing step if typing paused by `now`; returns the seconds until it
    /// will have, while it has not.
    pub fn settle(&mut self, now: f64) -> Option<f64> {
        let step = self.undo.last_mut()?;
        let (_, last) = step.typing?;
        let left = STABLE_SECONDS - (now - last);
        if left <= 0.0 {
            step.typing = None;
            None
        } else {
            Some(left)
        }
    }

    /// Whether typing is still merging into a step.
    pub fn is_typing(&self) -> bool {
        self.undo.last().is_some_and(|s| s.typing.is_some())
    }

    /// The changes Undo would take back, in the order they were made.
    pub fn next_undo(&self) -> Option<&[Change]> {
        self.undo.last().map(|s| s.changes.as_slice())
    }

    /// The changes Redo would make again.
    pub fn next_redo(&self) -> Option<&[Change]> {
        self.redo.last().map(|s| s.changes.as_slice())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Steps back; false when there is nothing to undo. A step that does not fit (a bug)
    /// empties the history rather than corrupt the article.
    pub fn undo(&mut self, state: &mut State<'_>) -> bool {
        let Some(mut step) = self.undo.pop() else {
            return false;
        };
        step.typing = None;
        if step.changes.iter().rev().all(|c| c.apply(state, false)) {
            self.redo.push(step);
            true
        } else {
            self.undo.clear();
            self.redo.clear();
            false
        }
    }

    /// Steps forward again; false when there is nothing to redo.
    pub fn redo(&mut self, state: &mut State<'_>) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        if step.changes.iter().all(|c| c.apply(state, true)) {
            self.undo.push(step);
            true
        } else {
            self.undo.clear();
            self.redo.clear();
            false
        }
    }

    /// Bytes of text the history keeps (what changed, not copies of the article).
    pub fn size(&self) -> usize {
        self.undo
            .iter()
            .chain(&self.redo)
            .flat_map(|s| &s.changes)
            .map(Change::size)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn state<'a>(article: &'a mut Article, report: &'a mut Option<Report>) -> State<'a> {
        State { article, report }
    }

    /// Types `text` into `field` at its end, one character at a time, `dt` seconds apart.
    fn type_at_end(h: &mut History, a: &mut Article, field: Field, text: &str, t0: f64, dt: f64) {
        for (i, c) in text.chars().enumerate() {
            let s = a.text_mut(field).unwrap();
            let end = s.len();
            #[allow(clippy::cast_precision_loss)]
            h.typed(field, s, end..end, &c.to_string(), t0 + dt * i as f64);
            s.push(c);
        }
    }

    #[test]
    fn splice_between_keeps_the_common_start_and_end() {
        let s = Splice::between(Field::Body, "abcXdef", "abcYYdef").unwrap();
        assert_eq!(
            (s.at, s.removed.as_str(), s.inserted.as_str()),
            (3, "X", "YY")
        );
        let s = Splice::between(Field::Body, "aaa", "aaaa").unwrap();
        assert_eq!((s.removed.as_str(), s.inserted.as_str()), ("", "a"));
        // Never splits a character.
        let s = Splice::between(Field::Body, "ké", "kè").unwrap();
        assert_eq!(
            (s.at, s.removed.as_str(), s.inserted.as_str()),
            (1, "é", "è")
        );
        assert!(Splice::between(Field::Body, "x", "x").is_none());
    }

    #[test]
    fn typing_merges_until_a_pause_and_costs_what_was_typed() {
        let mut a = Article {
            body: "word ".repeat(100_000),
            ..Article::default()
        };
        let original = a.clone();
        let mut h = History::default();
        type_at_end(&mut h, &mut a, Field::Body, "two hundred", 0.0, 0.05);
        assert!(h.is_typing());
        assert_eq!(h.settle(0.6).map(|s| s > 0.0), Some(true));
        assert_eq!(h.settle(5.0), None);
        assert!(!h.is_typing());
        type_at_end(&mut h, &mut a, Field::Body, " more", 6.0, 0.05);
        assert!(h.size() < 100, "the history keeps {} bytes", h.size());
        let mut report = None;
        assert!(h.undo(&mut state(&mut a, &mut report)));
        assert!(a.body.ends_with("two hundred"));
        assert!(h.undo(&mut state(&mut a, &mut report)));
        assert_eq!(a, original);
        assert!(!h.undo(&mut state(&mut a, &mut report)));
        assert!(h.redo(&mut state(&mut a, &mut report)));
        assert!(h.redo(&mut state(&mut a, &mut report)));
        assert!(a.body.ends_with("two hundred more"));
    }

    #[test]
    fn backspace_and_typing_elsewhere_in_the_field_merge_exactly() {
        let mut a = Article {
            headline: "Ferry".into(),
            ..Article::default()
        };
        let mut h = History::default();
        let edit = |h: &mut History, a: &mut Article, r: Range<usize>, new: &str, t| {
            h.typed(Field::Headline, &a.headline, r.clone(), new, t);
            a.headline.replace_range(r, new);
        };
        edit(&mut h, &mut a, 5..5, "s", 0.0); // Ferrys
        edit(&mut h, &mut a, 5..6, "", 0.1); // Ferry
        edit(&mut h, &mut a, 4..5, "", 0.2); // Ferr (before the typed text)
        edit(&mut h, &mut a, 0..0, "The ", 0.3); // elsewhere
        edit(&mut h, &mut a, 8..8, "y back", 0.4);
        assert_eq!(a.headline, "The Ferry back");
        let mut report = None;
        assert!(h.undo(&mut state(&mut a, &mut report)));
        assert_eq!(a.headline, "Ferry", "one step");
        assert!(h.redo(&mut state(&mut a, &mut report)));
        assert_eq!(a.headline, "The Ferry back");
    }

    #[test]
    fn another_field_starts_a_new_step() {
        let mut a = Article::default();
        let mut h = History::default();
        type_at_end(&mut h, &mut a, Field::Headline, "abc", 0.0, 0.1);
        type_at_end(&mut h, &mut a, Field::Byline, "Jane", 0.3, 0.1);
        let mut report = None;
        assert!(h.undo(&mut state(&mut a, &mut report)));
        assert_eq!((a.headline.as_str(), a.byline.as_str()), ("abc", ""));
        assert!(h.undo(&mut state(&mut a, &mut report)));
        assert_eq!(a.headline, "");
    }

    #[test]
    fn an_edit_of_text_rest_and_report_is_one_step_both_ways() {
        let mut a = Article {
            body: "one\n\nthree".into(),
            ..Article::default()
        };
        let mut report = Some(Report::default());
        let before = (a.clone(), report.clone());
        let mut after = a.clone();
        after.body = "one\n\ntwo\n\nthree".into();
        after.dateline.date = chrono::NaiveDate::from_ymd_opt(2024, 10, 1);
        after.ignored_words.push("Rutte".into());
        let report_after = None;
        let mut h = History::default();
        let changes = changes(&a, &after, &report, &report_after);
        assert_eq!(changes.len(), 3, "{changes:?}");
        h.record(changes);
        a = after.clone();
        report.clone_from(&report_after);
        assert!(h.undo(&mut state(&mut a, &mut report)));
        assert_eq!((a.clone(), report.clone()), before);
        assert!(h.redo(&mut state(&mut a, &mut report)));
        assert_eq!((a, report), (after, report_after));
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut a = Article::default();
        let mut h = History::default();
        type_at_end(&mut h, &mut a, Field::Credit, "AP", 0.0, 0.1);
        let mut report = None;
        assert!(h.undo(&mut state(&mut a, &mut report)));
        assert!(h.can_redo());
        type_at_end(&mut h, &mut a, Field::Credit, "X", 5.0, 0.1);
        assert!(!h.can_redo());
    }

    #[test]
    fn the_history_is_bounded() {
        let mut a = Article::default();
        let mut h = History::default();
        for i in 0..MAX_STEPS + 20 {
            #[allow(clippy::cast_precision_loss)]
            type_at_end(&mut h, &mut a, Field::Body, "x", i as f64 * 10.0, 0.1);
        }
        let mut report = None;
        let mut n = 0;
        while h.undo(&mut state(&mut a, &mut report)) {
            n += 1;
        }
        assert_eq!(n, MAX_STEPS);
        assert_eq!(a.body.len(), 20);
    }

    proptest! {
        /// Any sequence of typing edits, with pauses, undoes back to the start and redoes
        /// to the end, exactly.
        #[test]
        fn undo_and_redo_are_exact(
            start in "\\PC{0,40}",
            edits in proptest::collection::vec((any::<usize>(), 0usize..4, "\\PC{0,3}", any::<bool>()), 0..40),
        ) {
            let mut a = Article { body: start, ..Article::default() };
            let original = a.clone();
            let mut h = History::default();
            let mut t = 0.0;
            for (pos, len, new, pause) in edits {
                t += if pause { 2.0 } else { 0.1 };
                let text = &a.body;
                let mut s = pos % (text.len() + 1);
                while !text.is_char_boundary(s) { s -= 1; }
                let mut e = (s + len).min(text.len());
                while !text.is_char_boundary(e) { e += 1; }
                h.typed(Field::Body, text, s..e, &new, t);
                a.body.replace_range(s..e, &new);
            }
            let end = a.clone();
            let mut report = None;
            while h.undo(&mut state(&mut a, &mut report)) {}
            prop_assert_eq!(&a, &original);
            while h.redo(&mut state(&mut a, &mut report)) {}
            prop_assert_eq!(&a, &end);
        }
    }
}
