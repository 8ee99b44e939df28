//! The canvas's one owner: builds each frame's scene (a tween between two steps' states, or one
//! state) and paints it, in tasks of their own so that neither a step change nor a tween frame
//! grows into a long task on a slow phone; repaints on resize, pixel ratio, theme, progress and
//! the map geometry arriving. `graphic::enhance` (web/graphic.rs) gives it its canvas and inputs.

use super::canvas::{keep, paint, paint_keeping, Kept};
use super::graphic::GraphicInputs;
use super::load::CodeState;
use super::queue;
use super::react;
use crate::data::Dataset;
use crate::graphic::{lazy, Ctx, Model};
use crate::scene::theme::Theme;
use crate::scene::tween::Tween;
use crate::scene::Size;
use crate::story::engine;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

#[derive(Default)]
struct Painter {
    shown: Option<Model>,
    tween: Option<Tween<Model>>,
    running: bool,
    /// A repaint was asked for while a frame was on its way (`run`): one more follows it.
    again: bool,
    /// Whether the canvas has been painted once (it then carries `data-painted`).
    painted: bool,
    /// How many scenes have been built: a paint left to a later task is dropped when a newer
    /// scene exists (a resize paints at once; the older scene, at the old size, must not follow).
    built: u64,
}

/// What a painter paints on: the canvas and the signals that make it repaint.
#[derive(Clone)]
pub struct Canvas {
    pub canvas: web_sys::HtmlCanvasElement,
    pub size: RwSignal<Size>,
    pub dpr: RwSignal<f64>,
    pub theme: Memo<Theme>,
    pub geo: RwSignal<Option<Arc<crate::maps::Geo>>>,
    /// Why the map geometry could not be loaded, if it could not.
    pub geo_error: RwSignal<Option<String>>,
    /// Set once the canvas has painted.
    pub painted: RwSignal<bool>,
    /// The drawing code (`graphic::lazy`): the canvas paints once it is here.
    pub code: CodeState,
    /// Each step's state, once the drawing code has built them.
    pub models: Signal<Option<Arc<Vec<Model>>>>,
    /// Whether any of the states is a map (it then waits for its land too).
    pub is_map: bool,
}

/// The canvas's one owner: tweens from whatever is on screen to the step's state, and repaints
/// in place on resize, pixel ratio, theme, progress (maps) and the map geometry arriving.
pub fn use_painter(on: Canvas, data: Arc<Dataset>, inputs: GraphicInputs) {
    let Canvas { canvas, size, dpr, theme, geo, geo_error, painted, code, models, is_map } = on;
    let painter = Rc::new(RefCell::new(Painter::default()));
    let kept = Rc::new(RefCell::new(Kept::default()));

    // Builds the current frame's scene and paints it; returns whether a tween still runs and,
    // when building took a good part of a phone's frame, the paint, to run as a task of its own.
    let paint_frame = {
        let (painter, data) = (painter.clone(), data.clone());
        move || -> Frame {
            let kept = kept.clone();
            let el = canvas.clone();
            // The frame runs a task after it was asked for: the graphic may be gone by then (a
            // present-mode slide changed), and then there is nothing to paint.
            let Some((sz, th, geo, progress, step)) = (|| {
                Some((
                    size.try_get_untracked()?,
                    theme.try_get_untracked()?,
                    geo.try_get_untracked()?,
                    inputs.progress.try_get_untracked()?,
                    inputs.step.try_get_untracked()?,
                ))
            })() else {
                return Frame::DONE;
            };
            if sz.width < 10.0 || sz.height < 10.0 || !inputs.may_paint.try_get_untracked().unwrap_or(false) {
                return Frame::DONE;
            }
            // The drawing code is fetched when the reader first moves; until then the static
            // figure stands (see `graphic::enhance`). While it is on its way the graphic counts
            // as changing (`data-animating`), and paints in the first frame after it is here.
            let Some(models) = models.try_get_untracked().flatten() else {
                return Frame { running: code.loading(), paint_later: None };
            };
            // A map waits for its land (it arrives with a repaint); if the geometry failed to
            // load, the step's static figure stands in for it (see `graphic::enhance`) and the canvas
            // stays clear.
            if is_map && (geo.is_none() || geo_error.try_with_untracked(Option::is_some).unwrap_or(false)) {
                return Frame::DONE;
            }
            // A redraw, for the report (benches/report.mjs): building the frame's scene (tween,
            // layout, projection, labels) and painting it, read from the performance timeline.
            let start = now();
            let ctx = Ctx { data: &data, geo: geo.as_deref() };
            let mut p = painter.borrow_mut();
            let target = Model::at(&models, step);
            let (scene, running) = match &p.tween {
                Some(tw) if !tw.done(start) => {
                    let (scene, state) = lazy::draw(Some(&tw.from), &tw.to, tw.at(start), ctx, progress, sz, &th);
                    // Remember where the graphic is, so an interruption starts from here.
                    p.shown = state.or_else(|| Some(tw.to.clone()));
                    (scene, true)
                }
                _ => {
                    p.tween = None;
                    p.shown = Some(target.clone());
                    (lazy::draw(None, target, 1.0, ctx, progress, sz, &th).0, false)
                }
            };
            let first = !std::mem::replace(&mut p.painted, true);
            p.built += 1;
            let this = p.built;
            drop(p);
            let built = now() - start;
            let painter = painter.clone();
            // Whether this scene is still the newest built (every scene built is painted, in
            // order of building, or dropped for a newer one).
            let newest = move || painter.borrow().built == this;
            let put = move || {
                if !newest() {
                    return;
                }
                let t0 = now();
                // A canvas's first paint rasterises every layer at once (without a GPU, in
                // the task that drew it: a border map's was a 50–80 ms task at 4×), so it is
                // painted in two halves, a task each. The canvas is transparent until then
                // (main.css: its static figure shows through); later frames are painted whole,
                // over their ground kept painted while it stays the same (`Kept`).
                let canvas = el.clone();
                let rest = if first {
                    let [part, rest] = scene.halves();
                    paint(&el, &scene, sz, th.background, part);
                    rest
                } else {
                    if paint_keeping(&el, &scene, sz, th.background, &mut kept.borrow_mut()) {
                        let (kept, background) = (kept.clone(), th.background);
                        queue::task(move || keep(&mut kept.borrow_mut(), background));
                    }
                    0..0
                };
                let first_half = now() - t0;
                let finish = move |painting: f64| {
                    // Tests and the report wait for every graphic's first paint before timing
                    // step changes (the first scene's paint may have been dropped for a newer
                    // one).
                    if !el.has_attribute("data-painted") {
                        let _ = el.set_attribute("data-painted", "");
                        painted.try_set(true);
                    }
                    // A canvas's first frame, a frame of a tween, or a still one (a tween's
                    // last, a repaint): the report's budget is for tween frames.
                    let kind = if first {
                        "first"
                    } else if running {
                        "tween"
                    } else {
                        "still"
                    };
                    super::load::measure("redraw", start, built + painting, kind);
                    // The page's first chart (the report times it); it marks the page ready if
                    // nothing did before (tests and the report read both).
                    if !FIRST_CHART.with(|f| f.replace(true)) {
                        super::load::mark("first-chart");
                    }
                    if document().body().is_some_and(|b| !b.has_attribute("data-ready")) {
                        super::mark_ready();
                    }
                };
                if rest.is_empty() {
                    return finish(first_half);
                }
                queue::task(move || {
                    if !newest() {
                        return;
                    }
                    let t1 = now();
                    paint(&canvas, &scene, sz, th.background, rest);
                    finish(first_half + now() - t1);
                });
            };
            // A canvas's first paint is its dearest (a map's was 10 ms at 1× here: a new
            // backing store, every layer), so it never shares a task with the build.
            if built > SPLIT_MS || first {
                Frame { running, paint_later: Some(Box::new(put)) }
            } else {
                put();
                Frame { running, paint_later: None }
            }
        }
    };
    let paint_frame = Rc::new(paint_frame);

    // Step changes start a tween from what is on screen (or jump, when asked).
    {
        let (painter, paint_frame) = (painter.clone(), paint_frame.clone());
        let mut first = true;
        react::effect(move || {
            let step = inputs.step.get();
            let jump = inputs.jump.get_untracked() || std::mem::replace(&mut first, false);
            let ms = engine::transition_ms(inputs.reduced_motion.get_untracked(), jump);
            let now = now();
            let tweening = {
                let mut p = painter.borrow_mut();
                // A graphic that may not paint yet has nothing on screen to tween from.
                let from = if inputs.may_paint.get_untracked() { p.shown.clone() } else { None };
                let to = models.get_untracked().map(|m| Model::at(&m, step).clone());
                p.tween = match (from, to) {
                    (Some(from), Some(to)) if ms > 0.0 && from != to => Some(Tween::new(from, to, now, ms)),
                    _ => None,
                };
                p.tween.is_some()
            };
            run(painter.clone(), paint_frame.clone(), tweening);
        });
    }
    // The progress as the picture sees it: only a step whose state draws with it (a route being
    // drawn, an inset's bars) repaints on a scroll frame; the others ignore it.
    let drawn_progress = Memo::new(move |_| {
        let step = inputs.step.get();
        let uses = models.with(|m| m.as_ref().is_some_and(|m| Model::at(m, step).uses_progress()));
        uses.then(|| inputs.progress.get())
    });
    // A new size or pixel ratio repaints in the frame that brought it (a ResizeObserver callback
    // or a resize event), so the reader never sees the old picture stretched to the new box. The
    // first size (the canvas is blank: nothing to stretch) paints in a task of its own, so the
    // page's first frame and its first chart are two tasks, not one long one.
    {
        let (painter, paint_frame) = (painter.clone(), paint_frame.clone());
        react::effect(move || {
            size.track();
            dpr.track();
            if !painter.borrow().painted {
                run(painter.clone(), paint_frame.clone(), false);
            } else if let Some(put) = paint_frame().paint_later {
                put();
            }
        });
    }
    // Theme, drawn progress, the map geometry and the drawing code arriving repaint in place, in
    // a task of their own.
    {
        let (painter, paint_frame) = (painter.clone(), paint_frame.clone());
        react::effect(move || {
            theme.track();
            geo.track();
            models.track();
            drawn_progress.track();
            inputs.may_paint.track();
            run(painter.clone(), paint_frame.clone(), false);
        });
    }
}

/// One frame of a painter: whether its tween still runs, and its paint when that is left to a
/// task of its own.
struct Frame {
    running: bool,
    paint_later: Option<Box<dyn FnOnce()>>,
}

impl Frame {
    const DONE: Frame = Frame { running: false, paint_later: None };
}

/// A scene that took longer than this to build (ms, on the reader's machine) is painted in the
/// next task: building the first view of a map (projection, label placement) and painting it
/// each fit in a slow phone's 50 ms task; together they may not.
const SPLIT_MS: f64 = 6.0;

/// Paints in a task of its own, and once a frame while a tween runs. The paint never shares a
/// task with the browser's rendering update (style, layout and, without a GPU, the canvas's
/// copy to the compositor), so on a slow phone neither grows into a long task: a tween frame
/// is asked for with `requestAnimationFrame` and painted in a task queued from there, and a
/// repaint asked for inside a frame (a scroll or resize event) is queued the same way.
/// `next_frame`: start on the next frame (a tween's first frame is what is on screen already,
/// so a step change does not also paint in the task that reacted to it).
fn run(painter: Rc<RefCell<Painter>>, paint_frame: Rc<dyn Fn() -> Frame>, next_frame: bool) {
    {
        let mut p = painter.borrow_mut();
        if p.running {
            // The frame on its way may have read its inputs already: paint once more after it.
            p.again = true;
            return;
        }
        p.running = true;
    }
    fn tick(painter: Rc<RefCell<Painter>>, paint_frame: Rc<dyn Fn() -> Frame>) {
        painter.borrow_mut().again = false;
        let Frame { running, paint_later } = paint_frame();
        set_animating(running);
        let go_on = move || {
            if running {
                queue::frame(move || in_own_task(painter, paint_frame));
            } else {
                let again = {
                    let mut p = painter.borrow_mut();
                    p.running = false;
                    std::mem::take(&mut p.again)
                };
                if again {
                    run(painter, paint_frame, false);
                }
            }
        };
        match paint_later {
            Some(put) => queue::task(move || {
                put();
                go_on();
            }),
            None => go_on(),
        }
    }
    fn in_own_task(painter: Rc<RefCell<Painter>>, paint_frame: Rc<dyn Fn() -> Frame>) {
        queue::task(move || tick(painter, paint_frame));
    }
    if next_frame {
        set_animating(true);
        queue::frame(move || in_own_task(painter, paint_frame));
    } else {
        in_own_task(painter, paint_frame);
    }
}

/// The page's clock, in ms.
fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

thread_local! {
    /// Whether a canvas of the page has painted.
    static FIRST_CHART: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Whether `data-animating` is on <body> now (see `set_animating`).
    static ANIMATING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `data-animating` on <body> while any graphic tweens (tests and the report read it); written
/// only when it changes, not on every frame.
fn set_animating(on: bool) {
    if ANIMATING.with(|a| a.replace(on)) == on {
        return;
    }
    if let Some(body) = document().body() {
        if on {
            let _ = body.set_attribute("data-animating", "true");
        } else {
            let _ = body.remove_attribute("data-animating");
        }
    }
}

/// Whether a graphic is tweening now.
pub fn animating() -> bool {
    ANIMATING.with(|a| a.get())
}
