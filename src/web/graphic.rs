//! One chapter's sticky graphic: canvas, title, takeaway, live description, source
//! line and data table. A single Effect owns the canvas: it tweens from whatever is on
//! screen to the state of the step the reader is at, and repaints on resize or theme.

use super::canvas::paint;
use super::load::GeoState;
use crate::data::Dataset;
use crate::graphic::{frame, Ctx, Model};
use crate::scene::theme::Theme;
use crate::scene::tween::Tween;
use crate::scene::Size;
use crate::story::{engine, Chapter, Ui};
use leptos::html;
use leptos::prelude::*;
use leptos_use_resize_observer::use_resize_observer;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The graphic's inputs, as signals owned by the page.
#[derive(Clone, Copy)]
pub struct GraphicInputs {
    /// Which step of this chapter the graphic shows.
    pub step: Signal<usize>,
    /// Progress through that step, 0..1 (maps draw routes with it).
    pub progress: Signal<f64>,
    /// Whether the change to `step` must not animate.
    pub jump: Signal<bool>,
    /// True while this chapter holds the reading line (its description is announced).
    pub live: Signal<bool>,
    /// Whether the canvas may paint: at once in the reader's chapter; elsewhere once the page
    /// has been still (until then the graphic waits, blank and unseen).
    pub may_paint: Signal<bool>,
    pub dark: Signal<bool>,
    pub reduced_motion: Signal<bool>,
}

struct Painter {
    shown: Option<Model>,
    tween: Option<Tween<Model>>,
    running: bool,
    /// Whether the canvas has been painted once (it then carries `data-painted`).
    painted: bool,
}

#[component]
pub fn Graphic(
    chapter: Chapter,
    models: Arc<Vec<Model>>,
    data: Arc<Dataset>,
    geo: GeoState,
    inputs: GraphicInputs,
    /// The page's words (the story's `[ui]`).
    ui: Arc<Ui>,
    /// The graphic is the whole page (an embed): its title is the page's `h1`.
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    let GeoState { geo, error: geo_error, .. } = geo;
    let is_map = Model::any_map(&models);
    let ui_map = ui.clone();
    let map_message = move || {
        geo_error.get().filter(|_| is_map).map(|e| {
            view! { <p class="graphic-error" role="alert">{format!("{} ({e})", ui_map.map_failed)}</p> }
        })
    };
    let canvas = NodeRef::<html::Canvas>::new();
    let holder = NodeRef::<html::Div>::new();
    let (size, dpr) = use_canvas_size(holder);
    let theme = Memo::new(move |_| if inputs.dark.get() { Theme::dark() } else { Theme::light() });
    let painted = RwSignal::new(false);
    use_painter(Canvas { canvas, size, dpr, theme, geo, geo_error, painted }, models.clone(), data.clone(), inputs);
    // A map waits for its land (geo/base.bin, fetched near a map). If the land is still out
    // half a second after the map may paint (a contents jump on a slow network), the step's
    // static figure shows under the blank canvas until it paints, and follows the reader's
    // steps: the figure is a fifth of the base map's bytes. Not sooner: a reader whose land
    // comes in time downloads no figure. If the land cannot be loaded, the static figure stays
    // (the whole map as the build drew it) and the canvas stays clear, with the message above.
    let land_late = RwSignal::new(false);
    if is_map {
        Effect::new(move |_| {
            if inputs.may_paint.get() && geo.get_untracked().is_none() {
                set_timeout(
                    move || {
                        if geo.try_get_untracked().flatten().is_none() {
                            land_late.try_set(true);
                        }
                    },
                    std::time::Duration::from_millis(500),
                );
            }
        });
    }
    let fallback = {
        let (ids, lang) = (chapter.steps.iter().map(|s| s.id.clone()).collect::<Vec<_>>(), data.lang);
        move || {
            ((land_late.get() || (is_map && geo_error.with(Option::is_some))) && !painted.get()).then(|| {
                let id = &ids[inputs.step.get().min(ids.len() - 1)];
                // The variant the static page's <picture> picks (site::picture): phone width, theme.
                let narrow = window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w < 900.0);
                let src = crate::graphic::figure_path(lang, id, narrow, inputs.dark.get());
                view! { <img class="graphic-fallback" src=src alt="" /> }
            })
        }
    };

    // The words follow the picture in a task of their own: a step change paints first, and
    // writing the description, source line and canvas label does not lengthen that frame.
    let text_step = after_this_task(inputs.step);
    // Every step's description and source line, as the build made them (the edition): the
    // current step's is shown, and all of them sit hidden under it (the sizers below).
    let words: Arc<Vec<(String, String)>> =
        Arc::new(chapter.steps.iter().map(|step| (step.said.clone(), step.sources.clone())).collect());
    let step_text = {
        let words = words.clone();
        Memo::new(move |_| words[text_step.get().min(words.len() - 1)].clone())
    };
    // The data table is built only while the reader has it open: a step change then does not
    // rebuild a table nobody sees.
    let table_open = RwSignal::new(false);
    // A map's table names the gazetteer's places, which come with the base map: made again when
    // it arrives.
    let table = {
        let (models, data) = (models.clone(), data.clone());
        Memo::new(move |_| {
            geo.track();
            table_open.get().then(|| models[text_step.get().min(models.len() - 1)].table(&data))
        })
    };
    let sizers = words
        .iter()
        .map(|(text, sources)| {
            view! {
                <div class="graphic-sizer" aria-hidden="true">
                    <p class="graphic-description">{text.clone()}</p>
                    <p class="graphic-source">{sources.clone()}</p>
                </div>
            }
        })
        .collect_view();
    let description = move || step_text.with(|t| t.0.clone());
    let source_line = move || step_text.with(|t| t.1.clone());

    view! {
        <figure class="graphic" data-graphic=chapter.graphic.clone() aria-labelledby=format!("{}-title", chapter.graphic)>
            <figcaption>
                {
                    let (id, title) = (format!("{}-title", chapter.graphic), chapter.graphic_title.clone());
                    if top_level {
                        view! { <h1 class="graphic-title" id=id>{title}</h1> }.into_any()
                    } else {
                        view! { <h3 class="graphic-title" id=id>{title}</h3> }.into_any()
                    }
                }
                <p class="graphic-takeaway">{chapter.takeaway.clone()}</p>
            </figcaption>
            <div class="graphic-canvas" node_ref=holder>
                {map_message}
                {fallback}
                <canvas node_ref=canvas role="img" aria-label=description></canvas>
            </div>
            // Every step's words, hidden, under the step's own: the box is as tall as the longest,
            // so the canvas keeps its size from step to step (site/mod.rs writes the same).
            <div class="graphic-words">
                <div class="graphic-said">
                    <p class="graphic-description" aria-live=move || if inputs.live.get() { "polite" } else { "off" }>{description}</p>
                    <p class="graphic-source">{source_line}</p>
                </div>
                {sizers}
            </div>
            <super::tools::GraphicTools chapter=chapter.clone() step=inputs.step models=models.clone() data=data.clone() geo=geo size=size.into() theme=theme.into() ui=ui.clone() />
            <details class="graphic-data" on:toggle=move |ev| {
                let open = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                table_open.set(open);
            }>
                <summary>{ui.show_data.clone()}</summary>
                {move || {
                    let t = table.get()?;
                    Some(view! {
                        <table>
                            <caption>{t.caption.clone()}</caption>
                            <thead><tr>{t.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {t.rows.iter().map(|r| view! { <tr>{r.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr> }).collect_view()}
                            </tbody>
                        </table>
                    })
                }}
            </details>
        </figure>
    }
}

/// The canvas holder's CSS size (ResizeObserver) and the device pixel ratio: browser zoom or a
/// move to another screen changes the ratio, not always the CSS size.
fn use_canvas_size(holder: NodeRef<html::Div>) -> (RwSignal<Size>, RwSignal<f64>) {
    let size = RwSignal::new(Size { width: 0.0, height: 0.0 });
    let _ = use_resize_observer(holder, move |entries, _| {
        if let Some(e) = entries.first() {
            let r = e.content_rect();
            let next = Size { width: r.width(), height: r.height() };
            if size.get_untracked() != next {
                size.set(next);
            }
        }
    });

    // Browser zoom or a move to another screen changes the ratio, not always the CSS size.
    let dpr = RwSignal::new(super::canvas::dpr());
    let _ = leptos_use_event_listener::use_event_listener(window(), leptos::ev::resize, move |_| {
        let d = super::canvas::dpr();
        if d != dpr.get_untracked() {
            dpr.set(d);
        }
    });
    (size, dpr)
}

/// What a painter paints on: the canvas and the signals that make it repaint.
#[derive(Clone, Copy)]
struct Canvas {
    canvas: NodeRef<html::Canvas>,
    size: RwSignal<Size>,
    dpr: RwSignal<f64>,
    theme: Memo<Theme>,
    geo: RwSignal<Option<Arc<crate::maps::Geo>>>,
    /// Why the map geometry could not be loaded, if it could not.
    geo_error: RwSignal<Option<String>>,
    /// Set once the canvas has painted.
    painted: RwSignal<bool>,
}

/// The canvas's one owner: tweens from whatever is on screen to the step's state, and repaints
/// in place on resize, pixel ratio, theme, progress (maps) and the map geometry arriving.
fn use_painter(on: Canvas, models: Arc<Vec<Model>>, data: Arc<Dataset>, inputs: GraphicInputs) {
    let Canvas { canvas, size, dpr, theme, geo, geo_error, painted } = on;
    let painter = Rc::new(RefCell::new(Painter { shown: None, tween: None, running: false, painted: false }));
    let is_map = Model::any_map(&models);

    // Builds the current frame's scene and paints it; returns whether a tween still runs and,
    // when building took a good part of a phone's frame, the paint, to run as a task of its own.
    let paint_frame = {
        let (painter, models, data) = (painter.clone(), models.clone(), data.clone());
        move || -> Frame {
            // The frame runs a task after it was asked for: the graphic may be gone by then (a
            // present-mode slide changed), and then there is nothing to paint.
            let Some((el, sz, th, geo, progress, step)) = (|| {
                Some((
                    canvas.try_get_untracked()??,
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
            // A map waits for its land (it arrives with a repaint); if the geometry failed to
            // load, the step's static figure stands in for it (see `Graphic`) and the canvas
            // stays clear.
            if is_map && (geo.is_none() || geo_error.try_with_untracked(Option::is_some).unwrap_or(false)) {
                return Frame::DONE;
            }
            // A redraw, for the report (benches/report.mjs): building the frame's scene (tween,
            // layout, projection, labels) and painting it, read from the performance timeline.
            let perf = window().performance();
            let start = perf.as_ref().map_or(0.0, |p| p.now());
            let ctx = Ctx { data: &data, geo: geo.as_deref() };
            let mut p = painter.borrow_mut();
            let step = step.min(models.len() - 1);
            let target = &models[step];
            let (scene, running) = match &p.tween {
                Some(tw) if !tw.done(start) => {
                    let t = tw.at(start);
                    let state = Model::lerp(&tw.from, &tw.to, t);
                    let scene = frame(&tw.from, &tw.to, t, ctx, progress, sz, &th);
                    // Remember where the graphic is, so an interruption starts from here.
                    p.shown = state.or_else(|| Some(tw.to.clone()));
                    (scene, true)
                }
                _ => {
                    p.tween = None;
                    p.shown = Some(target.clone());
                    (target.scene(ctx, progress, sz, &th), false)
                }
            };
            let first = !std::mem::replace(&mut p.painted, true);
            drop(p);
            let built = perf.as_ref().map_or(0.0, |p| p.now()) - start;
            let put = move || {
                let perf = window().performance();
                let t0 = perf.as_ref().map_or(0.0, |p| p.now());
                paint(&el, &scene, sz, th.background);
                // Tests and the report wait for every graphic's first paint before timing step
                // changes.
                if first {
                    let _ = el.set_attribute("data-painted", "");
                    painted.try_set(true);
                }
                if let Some(p) = perf {
                    // A canvas's first frame, a frame of a tween, or a still one (a tween's
                    // last, a repaint): the report's budget is for tween frames.
                    let kind = if first {
                        "first"
                    } else if running {
                        "tween"
                    } else {
                        "still"
                    };
                    super::load::measure("redraw", start, built + p.now() - t0, kind);
                }
                // The first chart on screen marks the page ready (tests and the report read this).
                if document().body().is_some_and(|b| !b.has_attribute("data-ready")) {
                    super::load::mark("first-chart");
                    super::mark_ready();
                }
            };
            if built > SPLIT_MS {
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
        let (painter, paint_frame, models) = (painter.clone(), paint_frame.clone(), models.clone());
        Effect::new(move |prev: Option<usize>| {
            let step = inputs.step.get().min(models.len() - 1);
            let jump = inputs.jump.get_untracked() || prev.is_none();
            let ms = engine::transition_ms(inputs.reduced_motion.get_untracked(), jump);
            let now = window().performance().map(|p| p.now()).unwrap_or(0.0);
            let tweening = {
                let mut p = painter.borrow_mut();
                // A graphic that may not paint yet has nothing on screen to tween from.
                let from = if inputs.may_paint.get_untracked() { p.shown.clone() } else { None };
                p.tween = match from {
                    Some(from) if ms > 0.0 && from != models[step] => {
                        Some(Tween::new(from, models[step].clone(), now, ms))
                    }
                    _ => None,
                };
                p.tween.is_some()
            };
            run(painter.clone(), paint_frame.clone(), tweening);
            step
        });
    }
    // The progress as the picture sees it: only a step whose state draws with it (a route being
    // drawn, an inset's bars) repaints on a scroll frame; the others ignore it.
    let drawn_progress = Memo::new(move |_| {
        let step = inputs.step.get().min(models.len() - 1);
        models[step].uses_progress().then(|| inputs.progress.get())
    });
    // A new size or pixel ratio repaints in the frame that brought it (a ResizeObserver callback
    // or a resize event), so the reader never sees the old picture stretched to the new box. The
    // first size (the canvas is blank: nothing to stretch) paints in a task of its own, so the
    // page's first frame and its first chart are two tasks, not one long one.
    {
        let (painter, paint_frame) = (painter.clone(), paint_frame.clone());
        Effect::new(move |_| {
            size.track();
            dpr.track();
            if !painter.borrow().painted {
                run(painter.clone(), paint_frame.clone(), false);
            } else if let Some(put) = paint_frame().paint_later {
                put();
            }
        });
    }
    // Theme, drawn progress and the map geometry arriving repaint in place, in a task of their own.
    {
        let (painter, paint_frame) = (painter.clone(), paint_frame.clone());
        Effect::new(move |_| {
            theme.track();
            geo.track();
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
    if painter.borrow().running {
        return;
    }
    painter.borrow_mut().running = true;
    fn tick(painter: Rc<RefCell<Painter>>, paint_frame: Rc<dyn Fn() -> Frame>) {
        let Frame { running, paint_later } = paint_frame();
        set_animating(running);
        let go_on = move || {
            if running {
                request_animation_frame(move || in_own_task(painter, paint_frame));
            } else {
                painter.borrow_mut().running = false;
            }
        };
        match paint_later {
            Some(put) => set_timeout(
                move || {
                    put();
                    go_on();
                },
                std::time::Duration::ZERO,
            ),
            None => go_on(),
        }
    }
    fn in_own_task(painter: Rc<RefCell<Painter>>, paint_frame: Rc<dyn Fn() -> Frame>) {
        set_timeout(move || tick(painter, paint_frame), std::time::Duration::ZERO);
    }
    if next_frame {
        set_animating(true);
        request_animation_frame(move || in_own_task(painter, paint_frame));
    } else {
        in_own_task(painter, paint_frame);
    }
}

/// `source`, followed a task later: changes within one task (a burst of step changes) come
/// through once, as the last value.
fn after_this_task(source: Signal<usize>) -> ReadSignal<usize> {
    let (out, set) = signal(source.get_untracked());
    let pending = Rc::new(std::cell::Cell::new(false));
    Effect::new(move |_| {
        source.track();
        if pending.replace(true) {
            return;
        }
        let pending = pending.clone();
        set_timeout(
            move || {
                pending.set(false);
                // The graphic may be gone by then (its owner disposed): nothing to do.
                let Some(v) = source.try_get_untracked() else { return };
                if out.try_get_untracked().is_some_and(|o| o != v) {
                    set.try_set(v);
                }
            },
            std::time::Duration::ZERO,
        );
    });
    out
}

thread_local! {
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
