//! One undo/redo history over the whole article, across all fields.
//!
//! egui's `Undoer` merges rapid typing into one step (a step ends after a second without
//! change) and takes the time as a parameter, so tests are deterministic. On top of that,
//! moving to another field and every structural edit (replace all, a date pick) end the
//! step explicitly, so Undo never undoes two fields at once.

use egui::util::undoer::{Settings, Undoer};

use crate::article::Article;

/// Seconds without change after which typing becomes its own undo step.
pub const STABLE_SECONDS: f32 = 1.0;

pub struct History {
    undoer: Undoer<Article>,
}

impl History {
    /// A history whose first state is `article`.
    pub fn new(article: &Article) -> Self {
        let mut undoer = Undoer::with_settings(Settings {
            max_undos: 200,
            stable_time: STABLE_SECONDS,
            auto_save_interval: 10.0,
        });
        undoer.add_undo(article);
        Self { undoer }
    }

    /// Tells the history the article's state at time `now` (seconds); call every frame.
    pub fn feed(&mut self, now: f64, article: &Article) {
        self.undoer.feed_state(now, article);
    }

    /// Ends the current step: the next change starts a new one.
    pub fn checkpoint(&mut self, article: &Article) {
        self.undoer.add_undo(article);
    }

    /// True while typing has not yet settled into a step; the window then asks for one
    /// more frame after [`STABLE_SECONDS`] so the step is recorded without further input.
    pub fn is_in_flux(&self) -> bool {
        self.undoer.is_in_flux()
    }

    pub fn can_undo(&self, article: &Article) -> bool {
        self.undoer.has_undo(article)
    }

    pub fn can_redo(&self, article: &Article) -> bool {
        self.undoer.has_redo(article)
    }

    /// Steps back; returns whether the article changed.
    pub fn undo(&mut self, article: &mut Article) -> bool {
        match self.undoer.undo(article) {
            Some(state) => {
                article.clone_from(state);
                true
            }
            None => false,
        }
    }

    /// Steps forward again; returns whether the article changed.
    pub fn redo(&mut self, article: &mut Article) -> bool {
        match self.undoer.redo(article) {
            Some(state) => {
                article.clone_from(state);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_merges_until_it_settles_and_checkpoints_split_fields() {
        let mut a = Article::default();
        let mut h = History::new(&a);
        for (t, c) in [(0.0, 'a'), (0.1, 'b'), (0.2, 'c')] {
            a.headline.push(c);
            h.feed(t, &a);
        }
        h.checkpoint(&a);
        a.byline.push_str("Jane");
        h.feed(0.3, &a);
        assert!(h.undo(&mut a));
        assert_eq!((a.headline.as_str(), a.byline.as_str()), ("abc", ""));
        assert!(h.undo(&mut a));
        assert_eq!(a.headline, "");
        assert!(!h.undo(&mut a));
        assert!(h.redo(&mut a));
        assert_eq!(a.headline, "abc");
        assert!(h.redo(&mut a));
        assert_eq!(a.byline, "Jane");
    }

    #[test]
    fn a_pause_makes_a_step() {
        let mut a = Article::default();
        let mut h = History::new(&a);
        a.body.push_str("one");
        h.feed(0.0, &a);
        h.feed(2.0, &a);
        a.body.push_str(" two");
        h.feed(2.1, &a);
        assert!(h.undo(&mut a));
        assert_eq!(a.body, "one");
    }
}
