//! One chapter's sticky graphic: canvas, title, takeaway, live description, source
//! line and data table. Its canvas has one owner, the painter (`super::painter`), which tweens
//! from whatever is on screen to the state of the step the reader is at.

use super::load::GeoState;
use super::painter::{use_painter, Canvas};
use crate::data::Dataset;
use crate::graphic::Model;
use crate::scene::theme::Theme;
use crate::scene::Size;
use crate::story::{Chapter, Ui};
use leptos::html;
use leptos::prelude::*;
use leptos_use_resize_observer::use_resize_observer;
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
                let narrow = window()
                    .inner_width()
                    .ok()
                    .and_then(|w| w.as_f64())
                    .is_some_and(|w| w < f64::from(crate::graphic::NARROW_BELOW_PX));
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
    // Its code comes the first time (`embed::lazy`, with the downloads'), so it is made in a task.
    let table = RwSignal::new(None::<Result<crate::scene::table::Table, ()>>);
    {
        let (models, data) = (models.clone(), data.clone());
        Effect::new(move |_| {
            geo.track();
            // A closed table follows nothing: a step change then does no work here.
            if !table_open.get() {
                if table.with_untracked(Option::is_some) {
                    table.set(None);
                }
                return;
            }
            let step = text_step.get();
            let (models, data) = (models.clone(), data.clone());
            leptos::task::spawn_local(async move {
                let made = crate::embed::lazy::table(&models[step.min(models.len() - 1)], &data).await;
                // A later step's (or a closed table) may have come first.
                if table_open.get_untracked() && text_step.get_untracked() == step {
                    table.set(Some(made.map_err(|_| ())));
                }
            });
        });
    }
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
    let table_failed = ui.table_failed.clone();
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
                    let Ok(t) = table.get()? else {
                        return Some(view! { <p class="graphic-error" role="alert">{table_failed.clone()}</p> }.into_any());
                    };
                    Some(view! {
                        <table>
                            <caption>{t.caption.clone()}</caption>
                            <thead><tr>{t.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {t.rows.iter().map(|r| view! { <tr>{r.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any())
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
