//! Bold, italic and bold italic faces for the body's Markdown and the preview: egui's
//! bundled fonts have one weight and no italic. `DejaVu Sans` (Bitstream Vera licence, in
//! `assets/fonts/`), registered as egui `FontFamily::Name`s with the proportional fonts
//! as fallbacks for what they lack.
//!
//! The faces are compiled in (about 2 MB of static data, mapped rather than copied, read
//! in as glyphs are drawn).

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

const BOLD: &str = "newsdesk-bold";
const ITALIC: &str = "newsdesk-italic";
const BOLD_ITALIC: &str = "newsdesk-bold-italic";

const FACES: [(&str, &[u8]); 3] = [
    (
        BOLD,
        include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
    ),
    (
        ITALIC,
        include_bytes!("../../assets/fonts/DejaVuSans-Oblique.ttf"),
    ),
    (
        BOLD_ITALIC,
        include_bytes!("../../assets/fonts/DejaVuSans-BoldOblique.ttf"),
    ),
];

/// Adds the faces to the context's fonts.
pub fn install(ctx: &egui::Context) {
    let mut defs = FontDefinitions::default();
    let fallbacks = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for (name, bytes) in FACES {
        defs.font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        let mut family = vec![name.to_owned()];
        family.extend(fallbacks.iter().cloned());
        defs.families.insert(FontFamily::Name(name.into()), family);
    }
    ctx.set_fonts(defs);
}

/// The family for bold and/or italic text, when the faces are installed in `ctx` (a bare
/// context, in unit tests, has only egui's own); `None` for regular text or without them.
pub fn family(ctx: &egui::Context, bold: bool, italic: bool) -> Option<FontFamily> {
    let name = match (bold, italic) {
        (false, false) => return None,
        (true, false) => BOLD,
        (false, true) => ITALIC,
        (true, true) => BOLD_ITALIC,
    };
    let family = FontFamily::Name(name.into());
    ctx.fonts(|f| f.definitions().families.contains_key(&family))
        .then_some(family)
}
