//! The status bar: words, characters and reading time ([`crate::stats`], as
//! `newsdesk check --stats` counts them), plus the last short notice.

use egui::Ui;

use crate::stats::Stats;

pub fn show(ui: &mut Ui, stats: Stats, notice: Option<&str>) {
    ui.horizontal(|ui| {
        ui.label(format!("{} words", stats.words));
        ui.separator();
        ui.label(format!("{} characters", stats.characters));
        ui.separator();
        ui.label(format!("{} min read", stats.reading_minutes()));
        if let Some(n) = notice {
            ui.separator();
            ui.weak(n);
        }
    });
}
