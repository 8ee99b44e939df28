//! Paints a scene on a canvas, crisp at any devicePixelRatio: the backing store is the
//! CSS size × dpr and the scene is scaled once in `draw` (the backend knows no dpr).

use super::canvas_backend::CanvasBackend;
use crate::scene::draw::draw_part;
use crate::scene::{Rgba, Scene, Size};
use leptos::prelude::window;
use plotters::prelude::IntoDrawingArea;
use std::ops::Range;
use web_sys::HtmlCanvasElement;

/// The most backing pixels per CSS pixel a canvas gets. A phone's third device pixel per CSS
/// pixel is barely seen at reading distance but is 2.25 times the pixels to draw and, without a
/// GPU, to copy to the compositor on every frame of a tween; two keeps lines and text crisp.
pub const MAX_DPR: f64 = 2.0;

/// The canvas's pixels per CSS pixel: the device's, at most `MAX_DPR`, and below 1 too (a
/// zoomed-out page: the backing store then has one pixel per device pixel, nothing resampled).
pub fn dpr() -> f64 {
    let d = window().device_pixel_ratio();
    if d.is_finite() && d > 0.0 {
        d.min(MAX_DPR)
    } else {
        1.0
    }
}

/// Paints the shapes `part` of the scene (`Scene::whole`, or its parts in order, a task each) on
/// the canvas, its backing store sized to `size` at the device's pixel ratio first.
pub fn paint(canvas: &HtmlCanvasElement, scene: &Scene, size: Size, background: Rgba, part: Range<usize>) {
    let ratio = dpr();
    let (w, h) = ((size.width * ratio).round() as u32, (size.height * ratio).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    draw_on(canvas, scene, background, ratio, part);
}

/// Draws the shapes `part` of `scene` (see `draw::draw_part`) on the canvas's backing store as
/// it is, `ratio` backing pixels per scene unit; false if drawing failed. The painting code goes
/// with the drawing code (`graphic::lazy`): a split point of its part where the build splits,
/// here once `load` is done (nothing is drawn before).
pub fn draw_on(canvas: &HtmlCanvasElement, scene: &Scene, background: Rgba, ratio: f64, part: Range<usize>) -> bool {
    #[cfg(feature = "split")]
    {
        use futures::FutureExt;
        split::draw_on(canvas, scene, background, ratio, part).now_or_never().and_then(Result::ok).unwrap_or(false)
    }
    #[cfg(not(feature = "split"))]
    drawn_on(canvas, scene, background, ratio, part)
}

/// Fetches the painting code where it is split (with `graphic::lazy::load`: one part).
pub async fn load() -> Result<(), ()> {
    #[cfg(feature = "split")]
    return split::draw_on_loaded().await.map_err(|_| ());
    #[cfg(not(feature = "split"))]
    Ok(())
}

fn drawn_on(canvas: &HtmlCanvasElement, scene: &Scene, background: Rgba, ratio: f64, part: Range<usize>) -> bool {
    let Some(backend) = CanvasBackend::new(canvas) else { return false };
    let area = backend.into_drawing_area();
    match draw_part(&area, scene, background, ratio, part) {
        Ok(()) => true,
        Err(e) => {
            leptos::logging::warn!("drawing failed: {e:?}");
            false
        }
    }
}

#[cfg(feature = "split")]
mod split {
    use super::*;
    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    #[wasm_split(charts, fallible, preload(draw_on_loaded))]
    pub fn draw_on(
        canvas: &HtmlCanvasElement,
        scene: &Scene,
        background: Rgba,
        ratio: f64,
        part: Range<usize>,
    ) -> Result<bool, SplitLoaderError> {
        Ok(drawn_on(canvas, scene, background, ratio, part))
    }
}
