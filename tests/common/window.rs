//! Builds the real editor window headless (`egui_kittest`, no GPU) for UI tests.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use newsdesk::app::{App, AppOptions, Choice, FileDialogs, Purpose, editor};

/// The window with `file` open (or a new article), persistence off, dialogs cancelled.
pub fn harness(file: Option<PathBuf>) -> Harness<'static, App> {
    harness_with(AppOptions::headless(file))
}

/// The window with the given options.
pub fn harness_with(options: AppOptions) -> Harness<'static, App> {
    let app = App::with_storage(None, options);
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.settle();
    h
}

/// The selected character range of a form field's text input.
pub fn selection(h: &Harness<'_, App>, field: editor::Field) -> Option<std::ops::Range<usize>> {
    let state = egui::TextEdit::load_state(&h.ctx, editor::field_id(field))?;
    let range = state.cursor.char_range()?;
    let (a, b) = (range.primary.index.0, range.secondary.index.0);
    Some(a.min(b)..a.max(b))
}

/// Frames until the window is still, as a user would see it.
pub trait Settle {
    /// Runs frames until nothing asks for another and the checks and compare threads have
    /// answered.
    fn settle(&mut self);
}

impl Settle for Harness<'_, App> {
    fn settle(&mut self) {
        let start = Instant::now();
        // The checks thread may answer in the middle of a run and ask for more frames than
        // one run allows, so runs repeat until one ends still with the findings in.
        while self.try_run().is_err()
            || self.state().checks_pending()
            || self.state().compare().pending()
        {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the window never settled"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// File dialogs answered from a script: each save or export takes the next path, and
/// records the name it was asked to suggest; Open is cancelled. With `unavailable` set,
/// every dialog reports that it cannot be shown, as on a desktop without a portal or zenity.
#[derive(Clone, Default)]
pub struct ScriptedDialogs {
    pub saves: Rc<RefCell<VecDeque<PathBuf>>>,
    pub asked: Rc<RefCell<Vec<String>>>,
    pub unavailable: Option<String>,
}

impl FileDialogs for ScriptedDialogs {
    fn pick(&mut self, purpose: Purpose, suggested_name: &str) -> Choice {
        if let Some(reason) = &self.unavailable {
            return Choice::Unavailable(reason.clone());
        }
        if purpose == Purpose::Open {
            return Choice::Cancelled;
        }
        self.asked.borrow_mut().push(suggested_name.to_owned());
        self.saves
            .borrow_mut()
            .pop_front()
            .map_or(Choice::Cancelled, Choice::Picked)
    }
}

/// A file or folder dropped onto the window, as the platform layer reports it.
#[derive(Debug)]
pub struct Dropped(pub std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}
