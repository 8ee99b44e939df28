//! Paints a scene on a canvas, crisp at any devicePixelRatio: the backing store is the
//! CSS size × dpr and the scene is scaled once in `draw` (the backend knows no dpr).

use super::canvas_backend::CanvasBackend;
use crate::scene::draw::draw_part;
use crate::scene::{Rgba, Scene, Shape, Size};
use leptos::prelude::window;
use plotters::prelude::IntoDrawingArea;
use std::ops::Range;
use wasm_bindgen::JsCast;
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

/// A canvas's ground (`Scene::ground`: a map's base layers), its part that stays the same from
/// frame to frame kept painted on a canvas of its own and copied in under the rest. Without a
/// GPU the browser rasterises every path again at the end of each task that drew (a map's
/// frame at 4× was 20–35 ms of it); a copy is one blit. What stays is found, not declared: the
/// longest run of the ground's first shapes equal to the last frame's (a tween that keeps the
/// view keeps the land while the provinces fade; one that changes only the routes keeps it all;
/// a view that moves keeps nothing, and nothing is copied). The kept canvas is painted in a task
/// of its own (`keep`), so no frame pays for painting its ground twice.
#[derive(Default)]
pub struct Kept {
    /// The ground of the last frame painted, and its backing size, ratio and background.
    last: Vec<Shape>,
    key: (u32, u32, u64, (u8, u8, u8, u64)),
    /// How many of `last`'s first shapes were the same as the frame's before.
    same: usize,
    canvas: Option<HtmlCanvasElement>,
    /// How many of `last`'s first shapes `canvas` holds painted (0: none).
    holds: usize,
}

/// `paint` of the whole scene, over its ground's kept part (`Kept`) where there is one; true
/// when more of the ground came back than is kept (`keep` it, in a task of its own).
pub fn paint_keeping(canvas: &HtmlCanvasElement, scene: &Scene, size: Size, background: Rgba, kept: &mut Kept) -> bool {
    let ground = &scene.shapes[..scene.ground.min(scene.shapes.len())];
    let ratio = dpr();
    let (w, h) = ((size.width * ratio).round() as u32, (size.height * ratio).round() as u32);
    let key = (w, h, ratio.to_bits(), (background.0, background.1, background.2, background.3.to_bits()));
    kept.same = if kept.key == key { kept.last.iter().zip(ground).take_while(|(a, b)| a == b).count() } else { 0 };
    if kept.same < kept.holds {
        kept.holds = 0;
    }
    if kept.same != ground.len() || kept.last.len() != ground.len() {
        kept.last = ground.to_vec();
        kept.key = key;
    }
    let copied = kept.holds > 0
        && kept.canvas.as_ref().is_some_and(|store| {
            if canvas.width() != w || canvas.height() != h {
                canvas.set_width(w);
                canvas.set_height(h);
            }
            context(canvas).is_some_and(|c| c.draw_image_with_html_canvas_element(store, 0.0, 0.0).is_ok())
        });
    if copied {
        draw_on(canvas, scene, background, ratio, kept.holds..scene.shapes.len());
    } else {
        paint(canvas, scene, size, background, scene.whole());
    }
    kept.same > kept.holds
}

/// Paints on the kept canvas the part of the ground the last two frames shared (`Kept`).
pub fn keep(kept: &mut Kept, background: Rgba) {
    let n = kept.same;
    if n <= kept.holds {
        return;
    }
    if kept.canvas.is_none() {
        kept.canvas = leptos::prelude::document().create_element("canvas").ok().and_then(|e| e.dyn_into().ok());
    }
    let Some(store) = &kept.canvas else { return };
    let (w, h, ratio, _) = kept.key;
    if store.width() != w || store.height() != h {
        store.set_width(w);
        store.set_height(h);
    }
    let ground = Scene { shapes: std::mem::take(&mut kept.last), ground: 0 };
    kept.holds = if draw_on(store, &ground, background, f64::from_bits(ratio), 0..n) { n } else { 0 };
    kept.last = ground.shapes;
}

fn context(canvas: &HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
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
