//! Pictures for the form's thumbnails and the preview: decoded on a worker thread, scaled
//! down to the size they are shown at, and kept as textures by path and size.
//!
//! The UI thread never decodes: [`picture`] answers at once with what is known (loading,
//! ready, or the problem, which the caller shows as a placeholder naming it) and asks the
//! worker for the rest; the worker wakes the window when a picture is ready. The full
//! decoded image lives only on the worker, for as long as scaling it down takes. Only
//! JPEG, PNG and WebP are decoded (the `image` crate is built with those codecs alone).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use egui::{ColorImage, Context, Id, TextureHandle, TextureOptions};

/// Largest decoded allocation a picture may ask for (a 24-megapixel RGBA image is 96 MB).
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// What is known of a picture at one size.
#[derive(Clone)]
pub enum Slot {
    Loading,
    /// The texture, scaled to the size asked for.
    Ready(TextureHandle),
    /// Why it cannot be shown ("… does not exist", "… is not a JPEG, PNG or WebP image").
    Failed(String),
}

type Key = (PathBuf, u32);

struct Done {
    key: Key,
    result: Result<ColorImage, String>,
}

#[derive(Default)]
struct Loader {
    slots: HashMap<Key, Slot>,
    jobs: Option<Sender<Key>>,
    done: Option<Receiver<Done>>,
}

fn loader(ctx: &Context) -> Arc<Mutex<Loader>> {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Arc<Mutex<Loader>>>(Id::unique("newsdesk_pictures"))
            .clone()
    })
}

/// The picture at `path` scaled to fit `max_px` pixels on its longer side.
pub fn picture(ctx: &Context, path: &Path, max_px: u32) -> Slot {
    let loader = loader(ctx);
    let mut l = loader
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(done) = &l.done {
        let finished: Vec<Done> = done.try_iter().collect();
        for d in finished {
            let slot = match d.result {
                Ok(image) => {
                    let name = d.key.0.display().to_string();
                    Slot::Ready(ctx.load_texture(name, image, TextureOptions::LINEAR))
                }
                Err(e) => Slot::Failed(e),
            };
            l.slots.insert(d.key, slot);
        }
    }
    let key = (path.to_owned(), max_px);
    if let Some(slot) = l.slots.get(&key) {
        return slot.clone();
    }
    if l.jobs.is_none() {
        let (jobs, rx) = channel::<Key>();
        let (tx, done) = channel();
        let wake = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("pictures".into())
            .spawn(move || {
                for key in rx {
                    let result = decode(&key.0, key.1);
                    if tx.send(Done { key, result }).is_err() {
                        break;
                    }
                    wake.request_repaint();
                }
            });
        if let Err(e) = spawned {
            return Slot::Failed(format!("cannot start loading pictures: {e}"));
        }
        l.jobs = Some(jobs);
        l.done = Some(done);
    }
    if l.jobs.as_ref().is_some_and(|j| j.send(key.clone()).is_ok()) {
        l.slots.insert(key, Slot::Loading);
    }
    Slot::Loading
}

/// Decodes `path` and scales it to fit `max_px`; the file's problem in words otherwise.
fn decode(path: &Path, max_px: u32) -> Result<ColorImage, String> {
    crate::checks::pictures::readable_image(path)?;
    let shown = path.display();
    let mut reader = image::ImageReader::open(path)
        .map_err(|e| format!("{shown} cannot be read: {e}"))?
        .with_guessed_format()
        .map_err(|e| format!("{shown} cannot be read: {e}"))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let full = reader
        .decode()
        .map_err(|e| format!("{shown} cannot be shown: {e}"))?;
    let small = if full.width().max(full.height()) > max_px {
        full.thumbnail(max_px, max_px)
    } else {
        full
    };
    let rgba = small.to_rgba8();
    let image = ColorImage::from_rgba_unmultiplied(
        [rgba.width() as usize, rgba.height() as usize],
        rgba.as_raw(),
    );
    Ok(image)
}

/// Shows a picture scaled to `width` points, or a placeholder of that width saying why not.
pub fn show(ui: &mut egui::Ui, path: Option<&Path>, source: &str, width: f32) -> egui::Response {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a few hundred pixels
    let max_px = (width * ui.ctx().pixels_per_point()).ceil().max(1.0) as u32;
    let slot = match path {
        Some(p) => picture(ui.ctx(), p, max_px),
        None => Slot::Failed(format!("{source} is not a local file (not shown here)")),
    };
    match slot {
        Slot::Ready(texture) => {
            let size = texture.size_vec2();
            let scale = (width / size.x.max(1.0)).min(1.0);
            ui.add(egui::Image::new((texture.id(), size * scale)).alt_text(source.to_owned()))
        }
        Slot::Loading => placeholder(ui, width, "Loading picture…"),
        Slot::Failed(why) => placeholder(ui, width, &format!("Picture not shown: {why}")),
    }
}

fn placeholder(ui: &mut egui::Ui, width: f32, text: &str) -> egui::Response {
    egui::Frame::group(ui.style())
        .show(ui, |ui| {
            ui.set_width(width - 12.0);
            ui.add(egui::Label::new(egui::RichText::new(text).weak()).wrap());
        })
        .response
}
