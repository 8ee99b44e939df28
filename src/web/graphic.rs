//! One chapter's sticky graphic: the static site's figure (`crate::site::Site::static_graphic`:
//! title, takeaway, the first step's picture, every step's words, the data table), enhanced in
//! place. The picture makes way for a canvas with one owner, the painter (`super::painter`),
//! which tweens from whatever is on screen to the state of the step the reader is at; the words
//! under it follow the step, the tools row (`super::tools`) is filled in, and the table is made
//! for the step while it is open. No view layer: the markup is already there.

use super::load::{CodeState, GeoState};
use super::painter::{use_painter, Canvas};
use super::{dom, react};
use crate::data::Dataset;
use crate::graphic::Model;
use crate::scene::theme::Theme;
use crate::scene::Size;
use crate::story::{Chapter, StepSaid, Ui};
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

/// What a graphic shows and draws from.
pub struct GraphicData {
    pub chapter: Chapter,
    /// Each step's state, once the drawing code has built them (`CodeState`).
    pub models: Signal<Option<Arc<Vec<Model>>>>,
    pub data: Arc<Dataset>,
    pub geo: GeoState,
    /// The drawing code's state (`graphic::lazy`).
    pub code: CodeState,
    /// What the graphic says under it at each step (`said_in` reads the static figure's).
    pub said: Vec<StepSaid>,
    /// The page's words (the story's `[ui]`).
    pub ui: Arc<Ui>,
}

/// Each step's description and source line as the static figure holds them (its hidden
/// sizers, one per step, in order).
pub fn said_in(figure: &web_sys::Element) -> Vec<StepSaid> {
    let Ok(sizers) = figure.query_selector_all(".graphic-sizer") else { return Vec::new() };
    let text = |e: &web_sys::Element, s: &str| dom::find(e, s).and_then(|p| p.text_content()).unwrap_or_default();
    (0..sizers.length())
        .filter_map(|i| sizers.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|e| StepSaid { description: text(&e, ".graphic-description"), sources: text(&e, ".graphic-source") })
        .collect()
}

/// The static figure's markup as `Site::static_graphic` writes it, without the picture and the
/// table, which `enhance` replaces anyway: the embed binary's graphic, on pages that may hold no
/// figure (`embed.html?g=`) or another chapter's (present mode). `top_level`: the graphic is the
/// page, its title the page's `h1`.
pub fn skeleton(chapter: &Chapter, said: &[StepSaid], ui: &Ui, top_level: bool) -> web_sys::HtmlElement {
    let figure = dom::el("figure", "graphic");
    let title_id = format!("{}-title", chapter.graphic);
    dom::attr(&figure, "data-graphic", &chapter.graphic);
    dom::attr(&figure, "aria-labelledby", &title_id);
    let caption = dom::el("figcaption", "");
    let title = dom::text(if top_level { "h1" } else { "h3" }, "graphic-title", &chapter.graphic_title);
    title.set_id(&title_id);
    dom::append(&caption, &title);
    dom::append(&caption, &dom::text("p", "graphic-takeaway", &chapter.takeaway));
    dom::append(&figure, &caption);
    dom::append(&figure, &dom::el("div", "graphic-canvas"));
    let words = dom::el("div", "graphic-words");
    let words_box = |class: &str, s: &StepSaid| {
        let box_ = dom::el("div", class);
        dom::append(&box_, &dom::text("p", "graphic-description", &s.description));
        dom::append(&box_, &dom::text("p", "graphic-source", &s.sources));
        box_
    };
    dom::append(&words, &words_box("graphic-said", &said.first().cloned().unwrap_or_default()));
    for step in said {
        let sizer = words_box("graphic-sizer", step);
        dom::attr(&sizer, "aria-hidden", "true");
        dom::append(&words, &sizer);
    }
    dom::append(&figure, &words);
    dom::append(&figure, &dom::el("div", "graphic-tools"));
    let details = dom::el("details", "graphic-data");
    dom::append(&details, &dom::text("summary", "", &ui.show_data));
    dom::append(&figure, &details);
    figure
}

/// Makes the static figure live: a canvas in place of its picture, the words and the table
/// following the step, the tools row filled in.
///
/// The picture (the first step's static figure) stays under the canvas until the canvas first
/// paints: what it shows is what the canvas would draw. When the canvas cannot paint the
/// reader's step in time (its drawing code or a map's land still on the way, or either failed),
/// that step's static figure stands in: not sooner than half a second after the graphic may
/// paint, so a reader whose code comes in time downloads no figure. If either cannot be
/// loaded, the message says why above the figure, and the canvas stays clear.
pub fn enhance(figure: &web_sys::HtmlElement, g: GraphicData, inputs: GraphicInputs) {
    let GraphicData { chapter, models, data, geo, code, said, ui } = g;
    let GeoState { geo, error: geo_error, .. } = geo;
    let _ = figure.class_list().remove_1("graphic-static");
    let (Some(holder), Some(tools), Some(details)) =
        (dom::find(figure, ".graphic-canvas"), dom::find(figure, ".graphic-tools"), dom::find(figure, ".graphic-data"))
    else {
        leptos::logging::warn!("a graphic's figure lacks its canvas box, tools row or table");
        return;
    };
    let is_map = chapter.has_map();
    // The picture stays if the reader may already see it: the first chapter's (loaded with the
    // page) or one the browser has fetched; one still to come is not fetched for a moment.
    let picture = dom::find(&holder, "picture").filter(|p| {
        dom::find(p, "img")
            .and_then(|i| i.dyn_into::<web_sys::HtmlImageElement>().ok())
            .is_some_and(|i| i.complete() || i.get_attribute("loading").as_deref() != Some("lazy"))
    });
    let has_picture = picture.is_some();
    holder.replace_children_with_node_0();
    let canvas: web_sys::HtmlCanvasElement = dom::el("canvas", "").unchecked_into();
    dom::attr(&canvas, "role", "img");
    if let Some(picture) = &picture {
        // Until the canvas paints, the picture is the graphic a reader and a screen reader meet.
        dom::append(&holder, picture);
        dom::attr(&canvas, "aria-hidden", "true");
    }
    dom::append(&holder, &canvas);
    let (size, dpr) = use_canvas_size(&holder);
    let theme = Memo::new(move |_| if inputs.dark.get() { Theme::dark() } else { Theme::light() });
    let painted = RwSignal::new(false);
    use_painter(
        Canvas { canvas: canvas.clone(), size, dpr, theme, geo, geo_error, painted, code, models, is_map },
        data.clone(),
        inputs,
    );
    {
        let canvas = canvas.clone();
        react::effect(move || {
            if painted.get() {
                if let Some(picture) = &picture {
                    picture.remove();
                    let _ = canvas.remove_attribute("aria-hidden");
                }
            }
        });
    }
    // Why the graphic cannot be drawn, if it cannot: its drawing code, or a map's land.
    let (chart_failed, map_failed) = (ui.chart_failed.clone(), ui.map_failed.clone());
    let failed = Memo::new(move |_| {
        code.failed()
            .map(|e| (chart_failed.clone(), e))
            .or_else(|| geo_error.get().filter(|_| is_map).map(|e| (map_failed.clone(), e)))
    });
    {
        // Said once above the graphic.
        let holder = holder.clone();
        let mut said_failed = false;
        react::effect(move || {
            let Some((why, e)) = failed.get() else { return };
            if !std::mem::replace(&mut said_failed, true) {
                let p = dom::text("p", "graphic-error", &format!("{why} ({e})"));
                dom::attr(&p, "role", "alert");
                let _ = holder.prepend_with_node_1(&p);
            }
        });
    }
    let ready = Memo::new(move |_| models.with(Option::is_some) && (!is_map || geo.with(Option::is_some)));
    let late = RwSignal::new(false);
    react::effect(move || {
        let asked = code.asked();
        if inputs.may_paint.get() && asked && !ready.get_untracked() {
            set_timeout(
                move || {
                    if ready.try_get_untracked() == Some(false) {
                        late.try_set(true);
                    }
                },
                std::time::Duration::from_millis(500),
            );
        }
    });
    let ids: Vec<String> = chapter.steps.iter().map(|s| s.id.clone()).collect();
    let (lang, shown_by_canvas) = (data.lang, canvas.clone());
    let shown: Rc<RefCell<Option<web_sys::HtmlElement>>> = Rc::default();
    react::effect(move || {
        let step = inputs.step.get().min(ids.len() - 1);
        // The picture, where it stayed, shows the first step already.
        let wanted = (late.get() || failed.with(Option::is_some)) && !painted.get() && (step > 0 || !has_picture);
        let mut shown = shown.borrow_mut();
        if !wanted {
            if let Some(img) = shown.take() {
                img.remove();
            }
            return;
        }
        // The variant the static page's <picture> picks (site::picture): phone width, theme.
        let narrow = window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w < f64::from(crate::graphic::NARROW_BELOW_PX));
        let src = crate::graphic::figure_path(lang, &ids[step], narrow, inputs.dark.get());
        let img = shown.get_or_insert_with(|| {
            let img = dom::el("img", "graphic-fallback");
            dom::attr(&img, "alt", "");
            let _ = shown_by_canvas.before_with_node_1(&img);
            img
        });
        dom::attr(img, "src", &src);
    });

    // The words follow the picture in a task of their own: a step change paints first, and
    // writing the description, source line and canvas label does not lengthen that frame.
    let text_step = after_this_task(inputs.step);
    // Every step's description and source line, as the build made them (the figure's sizers,
    // which keep the canvas's box one height; for the embed, its `Said` file).
    if let (Some(description), Some(source)) =
        (dom::find(figure, ".graphic-said .graphic-description"), dom::find(figure, ".graphic-said .graphic-source"))
    {
        let (canvas, live_region) = (canvas.clone(), description.clone());
        react::effect(move || {
            let Some(now) = said.get(text_step.get()).or(said.last()) else { return };
            description.set_text_content(Some(&now.description));
            source.set_text_content(Some(&now.sources));
            dom::attr(&canvas, "aria-label", &now.description);
        });
        react::effect(move || dom::attr(&live_region, "aria-live", if inputs.live.get() { "polite" } else { "off" }));
    }
    super::tools::enhance(
        &tools,
        &chapter,
        inputs.step,
        StepModels { code, models },
        data.clone(),
        geo,
        size.into(),
        theme.into(),
        ui.clone(),
    );
    data_table(details, StepModels { code, models }, data, geo, text_step, ui.table_failed.clone());
}

/// A graphic's states, for what a reader asks for under it (a download, the data table): built
/// with the drawing code, which the asking fetches if it is not here yet.
#[derive(Clone, Copy)]
pub struct StepModels {
    pub code: CodeState,
    pub models: Signal<Option<Arc<Vec<Model>>>>,
}

impl StepModels {
    /// The state of `step`, once the drawing code has built it; `None` if it cannot.
    pub async fn at(self, step: usize) -> Option<Model> {
        self.code.here().await?;
        self.models.try_get_untracked().flatten().map(|m| Model::at(&m, step).clone())
    }
}

/// The data table under the graphic: made for the step only while the reader has it open (a
/// step change then does not rebuild a table nobody sees), and again when the gazetteer's
/// places come with the base map (a map's table names them). Its code comes the first time
/// (`embed::lazy`, with the downloads'), so it is made in a task.
fn data_table(
    details: web_sys::HtmlElement,
    models: StepModels,
    data: Arc<Dataset>,
    geo: RwSignal<Option<Arc<crate::maps::Geo>>>,
    text_step: ReadSignal<usize>,
    failed: String,
) {
    // What the static figure holds is the first step's: it goes, and each opening makes the
    // step's own.
    let clear = {
        let details = details.clone();
        move || {
            while let Some(last) = details.last_element_child().filter(|e| e.tag_name() != "SUMMARY") {
                last.remove();
            }
        }
    };
    clear();
    let open = RwSignal::new(false);
    {
        let d = details.clone();
        react::on(&details, "toggle", move |_: web_sys::Event| open.set(d.has_attribute("open")));
    }
    react::effect(move || {
        geo.track();
        if !open.get() {
            clear();
            return;
        }
        let step = text_step.get();
        let (data, details, failed, clear) = (data.clone(), details.clone(), failed.clone(), clear.clone());
        leptos::task::spawn_local(async move {
            let made = match models.at(step).await {
                Some(m) => crate::embed::lazy::table(&m, &data).await.ok(),
                None => None,
            };
            // A later step's (or a closed table) may have come first.
            if !open.get_untracked() || text_step.try_get_untracked() != Some(step) {
                return;
            }
            clear();
            let shown = match made {
                Some(t) => table(&t),
                None => {
                    let p = dom::text("p", "graphic-error", &failed);
                    dom::attr(&p, "role", "alert");
                    p
                }
            };
            dom::append(&details, &shown);
        });
    });
}

/// A table as the static site writes it (`site::html::table`).
fn table(t: &crate::scene::table::Table) -> web_sys::HtmlElement {
    let table = dom::el("table", "");
    dom::append(&table, &dom::text("caption", "", &t.caption));
    let head = dom::el("tr", "");
    for c in &t.columns {
        let th = dom::text("th", "", c);
        dom::attr(&th, "scope", "col");
        dom::append(&head, &th);
    }
    let thead = dom::el("thead", "");
    dom::append(&thead, &head);
    dom::append(&table, &thead);
    let body = dom::el("tbody", "");
    for r in &t.rows {
        let tr = dom::el("tr", "");
        for c in r {
            dom::append(&tr, &dom::text("td", "", c));
        }
        dom::append(&body, &tr);
    }
    dom::append(&table, &body);
    table
}

/// The canvas holder's CSS size (ResizeObserver) and the device pixel ratio: browser zoom or a
/// move to another screen changes the ratio, not always the CSS size.
fn use_canvas_size(holder: &web_sys::HtmlElement) -> (RwSignal<Size>, RwSignal<f64>) {
    let size = RwSignal::new(Size { width: 0.0, height: 0.0 });
    let target: web_sys::Element = holder.clone().into();
    let _ = use_resize_observer(target, move |entries, _| {
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
    react::on(&window(), "resize", move |_: web_sys::Event| {
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
    react::effect(move || {
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
