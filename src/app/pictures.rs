//! Pictures for the form's thumbnails and the preview: decoded on a worker thread, scaled
//! down to the size they are shown at, and kept as textures by path and size.
//!
//! The UI thread never decodes: [`picture`] answers at once with what is known (loading,
//! ready, or the problem, which the caller shows as a placeholder naming it) and asks the
//! worker for the rest; the worker wakes the window when a picture is ready. A JPEG is
//! decoded at the smallest scale its DCT allows that still covers the size shown; other
//! pictures are decoded whole, on the worker only, for as long as scaling down takes. Only
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
    let full = if let Some(scaled) = jpeg_scaled(path, max_px) {
        scaled
    } else {
        let mut reader = image::ImageReader::open(path)
            .map_err(|e| format!("{shown} cannot be read: {e}"))?
            .with_guessed_format()
            .map_err(|e| format!("{shown} cannot be read: {e}"))?;
        let mut limits = image::Limits::default();
        limits.max_alloc = Some(MAX_ALLOC);
        reader.limits(limits);
        reader
            .decode()
            .map_err(|e| format!("{shown} cannot be shown: {e}"))?
    };
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

/// A JPEG decoded at the smallest scale its DCT offers (1/8, 1/4, 1/2 or whole) that still
/// covers `max_px` on the longer side, so a 24-megapixel picture shown a few hundred pixels
/// wide is never held whole (72 MB of pixels for a moment, and the window's peak with it).
/// `None` for anything else, or a JPEG this decoder cannot read (CMYK, 16-bit, damaged):
/// the `image` crate then decodes it at full size and names its problem.
fn jpeg_scaled(path: &Path, max_px: u32) -> Option<image::DynamicImage> {
    use std::io::{BufReader, Read as _};
    let mut file = BufReader::new(std::fs::File::open(path).ok()?);
    let mut magic = [0u8; 3];
    file.read_exact(&mut magic).ok()?;
    if magic != [0xff, 0xd8, 0xff] {
        return None;
    }
    let file = std::io::Read::chain(&magic[..], file);
    let mut decoder = jpeg_decoder::Decoder::new(file);
    decoder.set_max_decoding_buffer_size(usize::try_from(MAX_ALLOC).unwrap_or(usize::MAX));
    decoder.read_info().ok()?;
    let info = decoder.info()?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let long = w.max(h).max(1);
    let fit = |side: u32| u16::try_from((side * max_px).div_ceil(long).max(1)).unwrap_or(u16::MAX);
    let (w, h) = if long > max_px {
        decoder.scale(fit(w), fit(h)).ok()?
    } else {
        (info.width, info.height)
    };
    let pixels = decoder.decode().ok()?;
    let (w, h) = (u32::from(w), u32::from(h));
    match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => {
            image::RgbImage::from_raw(w, h, pixels).map(image::DynamicImage::ImageRgb8)
        }
        jpeg_decoder::PixelFormat::L8 => {
            image::GrayImage::from_raw(w, h, pixels).map(image::DynamicImage::ImageLuma8)
        }
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(dir: &Path, name: &str, w: u32, h: u32) -> PathBuf {
        let path = dir.join(name);
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([x.to_le_bytes()[0], y.to_le_bytes()[0], 90])
        });
        img.save(&path).unwrap();
        path
    }

    #[test]
    fn a_large_jpeg_is_decoded_at_the_scale_that_covers_the_size_shown() {
        let dir = tempfile::tempdir().unwrap();
        let big = jpeg(dir.path(), "big.jpg", 1600, 1200);
        let scaled = jpeg_scaled(&big, 160).expect("decoded by jpeg-decoder");
        assert_eq!(
            (scaled.width(), scaled.height()),
            (200, 150),
            "1/8 of 1600 x 1200"
        );
        let shown = decode(&big, 160).unwrap();
        assert_eq!(shown.size, [160, 120]);
        let half = jpeg_scaled(&big, 700).unwrap();
        assert_eq!((half.width(), half.height()), (800, 600), "1/2 covers 700");
    }

    #[test]
    fn small_pictures_other_formats_and_damaged_jpegs_go_the_whole_way() {
        let dir = tempfile::tempdir().unwrap();
        let small = jpeg(dir.path(), "small.jpg", 120, 80);
        let whole = jpeg_scaled(&small, 300).unwrap();
        assert_eq!((whole.width(), whole.height()), (120, 80));
        let png = dir.path().join("p.png");
        image::RgbImage::new(40, 20).save(&png).unwrap();
        assert!(jpeg_scaled(&png, 300).is_none());
        assert_eq!(decode(&png, 300).unwrap().size, [40, 20]);
        let broken = dir.path().join("broken.jpg");
        std::fs::write(
            &broken,
            [0xff, 0xd8, 0xff, 0xe0, 0, 16, b'J', b'F', 1, 2, 3],
        )
        .unwrap();
        assert!(jpeg_scaled(&broken, 300).is_none());
        let e = decode(&broken, 300).unwrap_err();
        assert!(e.contains("broken.jpg"), "{e}");
    }
}
