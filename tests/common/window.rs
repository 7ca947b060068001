//! Builds the real editor window headless (`egui_kittest`, no GPU) for UI tests.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::rc::Rc;

use egui_kittest::Harness;
use newsdesk::app::{App, AppOptions, FileDialogs};

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
    h.run();
    h
}

/// File dialogs answered from a script: each `pick_save` takes the next path, and
/// records the name it was asked to suggest.
#[derive(Clone, Default)]
pub struct ScriptedDialogs {
    pub saves: Rc<RefCell<VecDeque<PathBuf>>>,
    pub asked: Rc<RefCell<Vec<String>>>,
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        None
    }

    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf> {
        self.asked.borrow_mut().push(suggested_name.to_owned());
        self.saves.borrow_mut().pop_front()
    }

    fn pick_export(&mut self, suggested_name: &str) -> Option<PathBuf> {
        self.pick_save(suggested_name)
    }
}
