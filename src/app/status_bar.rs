//! The status bar: words, characters and reading time, plus the last short notice.

use egui::Ui;

use super::preview::reading_minutes;

/// Counts shown in the status bar, computed only when the article changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub words: usize,
    pub characters: usize,
}

pub fn show(ui: &mut Ui, counts: Counts, notice: Option<&str>) {
    ui.horizontal(|ui| {
        ui.label(format!("{} words", counts.words));
        ui.separator();
        ui.label(format!("{} characters", counts.characters));
        ui.separator();
        ui.label(format!("{} min read", reading_minutes(counts.words)));
        if let Some(n) = notice {
            ui.separator();
            ui.weak(n);
        }
    });
}
