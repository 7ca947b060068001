//! Light, dark or follow-the-system appearance, and the zoom limits.

use serde::{Deserialize, Serialize};

/// The user's theme choice, persisted in [`super::settings::Settings`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemePref {
    /// Follow the operating system's light or dark setting.
    #[default]
    System,
    Light,
    Dark,
}

impl ThemePref {
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    /// The menu text.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow System",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    /// Applies the choice to the egui context.
    pub fn apply(self, ctx: &egui::Context) {
        ctx.set_theme(match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        });
    }
}

/// Zoom steps and bounds: small enough steps to fine-tune, bounds that keep the form usable.
pub const ZOOM_STEP: f32 = 0.1;
pub const ZOOM_MIN: f32 = 0.5;
pub const ZOOM_MAX: f32 = 3.0;

/// A zoom factor moved by `steps`, rounded to the step grid and kept within bounds.
pub fn zoom_by(zoom: f32, steps: f32) -> f32 {
    (((zoom + steps * ZOOM_STEP) / ZOOM_STEP).round() * ZOOM_STEP).clamp(ZOOM_MIN, ZOOM_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_stays_on_grid_and_in_bounds() {
        assert!((zoom_by(1.0, 1.0) - 1.1).abs() < 1e-6);
        assert!((zoom_by(1.0, -1.0) - 0.9).abs() < 1e-6);
        assert!((zoom_by(ZOOM_MAX, 1.0) - ZOOM_MAX).abs() < 1e-6);
        assert!((zoom_by(ZOOM_MIN, -3.0) - ZOOM_MIN).abs() < 1e-6);
    }
}
