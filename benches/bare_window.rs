//! The floor the editor window is measured against (README, Speed and memory): a bare
//! eframe window with the same build features, holding a text in one `TextEdit` and a label
//! per paragraph beside it as a preview. `benches/window.py` types into it and into
//! Newsdesk under Xvfb and compares memory and typing echo.
//!
//! `cargo build --release --example bare_window`, then `bare_window FILE`.

use std::path::PathBuf;

struct Bare {
    text: String,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::right("preview")
            .default_size(520.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for paragraph in self.text.split("\n\n") {
                        ui.label(paragraph);
                    }
                });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                let label = ui.label("Body");
                ui.add(
                    egui::TextEdit::multiline(&mut self.text)
                        .desired_width(f32::INFINITY)
                        .desired_rows(30),
                )
                .labelled_by(label.id);
            });
        });
    }
}

fn main() -> eframe::Result {
    let path: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    eframe::run_native(
        "Bare window",
        eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title("Bare window")
                .with_inner_size([1280.0, 800.0]),
            ..Default::default()
        },
        Box::new(|_| Ok(Box::new(Bare { text }))),
    )
}
