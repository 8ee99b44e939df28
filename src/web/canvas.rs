//! Paints a scene on a canvas, crisp at any devicePixelRatio: the backing store is the
//! CSS size × dpr and the scene is scaled once in `draw` (the backend knows no dpr).

use super::canvas_backend::CanvasBackend;
use crate::scene::draw::draw;
use crate::scene::{Rgba, Scene, Size};
use leptos::prelude::window;
use plotters::prelude::IntoDrawingArea;
use web_sys::HtmlCanvasElement;

/// The device pixel ratio, below 1 too (a zoomed-out page): the backing store then has
/// fewer pixels than CSS pixels, one per device pixel, so nothing is resampled.
pub fn dpr() -> f64 {
    let d = window().device_pixel_ratio();
    if d.is_finite() && d > 0.0 {
        d
    } else {
        1.0
    }
}

pub fn paint(canvas: &HtmlCanvasElement, scene: &Scene, size: Size, background: Rgba) {
    let ratio = dpr();
    let (w, h) = ((size.width * ratio).round() as u32, (size.height * ratio).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    if let Some(backend) = CanvasBackend::new(canvas) {
        let area = backend.into_drawing_area();
        if let Err(e) = draw(&area, scene, background, ratio) {
            leptos::logging::warn!("drawing failed: {e:?}");
        }
    }
}
