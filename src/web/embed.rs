//! The embed page (`embed.html?g=<graphic>&step=<step>…`) and present mode
//! (`?present=1`): one chapter's graphic alone, driven by step controls and the keyboard
//! instead of scrolling, reporting its height to the host page.
//!
//! Query parsing, fallbacks and the message formats live in `crate::embed` (native,
//! tested); this file only wires them to the DOM.

use super::graphic::{self, GraphicData, GraphicInputs};
use super::load;
use crate::data::Dataset;
use crate::embed::{self as core, EmbedQuery, Target, ThemeChoice};
use crate::graphic::Spec;
use crate::story::{engine, Said, StepRef, Story, Ui};
use leptos::html;
use leptos::prelude::*;
use leptos_use_event_listener::use_event_listener;
use leptos_use_preferences::{use_preferred_dark, use_prefers_reduced_motion};
use leptos_use_resize_observer::use_resize_observer;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

/// Step id → its paragraphs.
pub type Captions = HashMap<String, Vec<String>>;

/// Every step's paragraphs as the static article has them (empty where the page has none).
pub fn captions_from_page() -> Captions {
    let mut out = Captions::new();
    let Ok(steps) = document().query_selector_all(".step[data-step]") else { return out };
    for i in 0..steps.length() {
        let Some(step) = steps.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let Some(id) = step.get_attribute("data-step") else { continue };
        let Ok(ps) = step.query_selector_all(".step-body p") else { continue };
        let texts = (0..ps.length()).filter_map(|j| ps.item(j)?.text_content()).collect();
        out.insert(id, texts);
    }
    out
}

/// The edition could not be loaded: the static figure stays, with the reason above it (set as
/// text, never as markup).
pub fn say_failed(msg: &str) {
    let doc = document();
    let Some(root) = doc.get_element_by_id("app").or_else(|| doc.body().map(Into::into)) else { return };
    if let Ok(p) = doc.create_element("p") {
        p.set_class_name("embed-message data-error");
        let _ = p.set_attribute("role", "alert");
        p.set_text_content(Some(&format!("{} ({msg})", super::page_word("failed"))));
        let _ = root.prepend_with_node_1(&p);
    }
    mark_ready();
}

thread_local! {
    /// The static embed page's picture of its graphic's first step and that graphic's id, until
    /// the live graphic takes it (`keep_static_picture`).
    static PICTURE: std::cell::RefCell<Option<(String, web_sys::Element)>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the static embed page's picture (of its graphic's first step) for the live graphic
/// that replaces the page, which shows it until its canvas paints.
pub fn keep_static_picture() {
    let doc = document();
    let graphic = doc.body().and_then(|b| b.get_attribute("data-graphic"));
    let picture = doc.query_selector("#embed .graphic-canvas picture").ok().flatten();
    if let (Some(g), Some(p)) = (graphic, picture) {
        PICTURE.with(|k| *k.borrow_mut() = Some((g, p)));
    }
}

/// The static page's picture, once, if it is `graphic`'s.
fn take_static_picture(graphic: &str) -> Option<web_sys::Element> {
    PICTURE.with(|k| k.borrow_mut().take()).filter(|(g, _)| g == graphic).map(|(_, p)| p)
}

/// Marks the page ready once what was just rendered is painted.
fn mark_ready() {
    request_animation_frame(super::mark_ready);
}

/// Posts the content height to the parent page in the formats hosts listen for.
fn post_height(graphic: &str, child_id: Option<&str>, height: f64) {
    let Ok(Some(parent)) = window().parent() else { return };
    // At the top level there is no host to tell.
    if JsValue::from(parent.clone()) == JsValue::from(window()) {
        return;
    }
    let px = core::height_px(height);
    let (pym, dw, ours) = core::height_messages(graphic, child_id, px);
    if let Some(m) = pym {
        let _ = parent.post_message(&JsValue::from_str(&m), "*");
    }
    // Datawrapper's and ours as objects: the browser's JSON.parse turns our JSON text into one.
    for json in [dw, ours] {
        if let Ok(obj) = js_sys::JSON::parse(&json) {
            let _ = parent.post_message(&obj, "*");
        }
    }
    // Flourish's shape, as JSON text like Flourish's own embeds post it.
    let src = window().location().href().unwrap_or_default();
    let _ = parent.post_message(&JsValue::from_str(&core::flourish_height(px, &src)), "*");
}

#[component]
pub fn EmbedApp(
    /// Each step's paragraphs, read from the static article before it made way (present mode's
    /// captions; the wasm carries no prose).
    captions: Arc<Captions>,
    story: Arc<Story>,
    /// Each step's description and source line (`data/said-<lang>.bin`).
    said: Arc<Said>,
    data: Arc<Dataset>,
) -> impl IntoView {
    let loc = window().location();
    let mut query = EmbedQuery::parse(&loc.search().unwrap_or_default());
    // embed/<graphic>.html names its graphic in the page; `g=` in the query still wins.
    if query.graphic.is_none() {
        query.graphic = document().body().and_then(|b| b.get_attribute("data-graphic"));
    }
    let hash = loc.hash().unwrap_or_default();
    let root_el = document().document_element();
    if let Some(html) = &root_el {
        let _ = html.class_list().add_1(if query.present { "present-mode" } else { "embed-mode" });
        if let Some(t) = query.theme.attr() {
            let _ = html.set_attribute("data-theme", t);
        }
    }
    // `lang=` picks the graphic's language; the page says so for screen readers and fonts.
    let lang = query.lang.unwrap_or_else(super::page_lang);
    if let Some(html) = &root_el {
        let _ = html.set_attribute("lang", lang.tag());
    }
    match core::resolve(&story, &query, engine::hash_step_id(&hash)) {
        Target::Graphic(at) => {
            view! { <EmbedGraphic story=story said=said data=data query=query at=at captions=captions /> }.into_any()
        }
        Target::Unknown { asked, valid } => {
            mark_ready();
            let root = NodeRef::<html::Main>::new();
            use_height_reports(root, Signal::stored("unknown".to_string()), query.child_id.clone());
            let shown: Option<String> = asked.map(|a| a.chars().take(60).collect());
            let ui = story.meta.ui.clone();
            view! {
                <main class="embed-root embed-unknown" id="embed" node_ref=root data-graphic="">
                    <p class="embed-message" role="alert">
                        {match shown {
                            Some(a) => view! { {ui.unknown_graphic.clone()}" "<code>{a}</code>". " }.into_any(),
                            None => view! { {ui.no_graphic.clone()}" " }.into_any(),
                        }}
                        {ui.use_ids.clone()}
                    </p>
                    <ul class="embed-valid-ids">
                        {valid.into_iter().map(|id| view! { <li><a href=format!("embed.html?g={id}")><code>{id.clone()}</code></a></li> }).collect_view()}
                    </ul>
                    <p><a href="index.html" target="_blank" rel="noopener">{ui.read_story.clone()}</a></p>
                </main>
            }
            .into_any()
        }
    }
}

/// Posts the root's height to the host page whenever its box changes (load, resize, step).
fn use_height_reports(root: NodeRef<html::Main>, graphic: Signal<String>, child: Option<String>) {
    let _ = use_resize_observer(root, move |_, _| {
        if let Some(el) = root.get_untracked() {
            post_height(&graphic.get_untracked(), child.as_deref(), el.get_bounding_client_rect().height());
        }
    });
}

/// Present mode keeps the address on the step, so a reload or a copied URL returns here.
fn use_step_in_hash(step_id: Memo<String>) {
    Effect::new(move |_| {
        let id = step_id.get();
        if let Ok(h) = window().history() {
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{id}")));
        }
    });
}

/// Where the embed is among its `count` steps; the controls, keys and clicks move it.
#[derive(Clone, Copy)]
struct Stepper {
    pos: RwSignal<usize>,
    /// The graphic's `jump`: it stays false, so every step change animates.
    jump: RwSignal<bool>,
    count: usize,
}

impl Stepper {
    fn go(self, i: isize) {
        let next = i.clamp(0, self.count as isize - 1) as usize;
        if next != self.pos.get_untracked() {
            self.jump.set(false);
            self.pos.set(next);
        }
    }

    fn step_by(self, d: isize) {
        self.go(self.pos.get_untracked() as isize + d)
    }

    /// In present mode a click on the graphic steps on (Shift: back), except on its controls.
    fn on_stage_click(self, present: bool, ev: &web_sys::MouseEvent) {
        if !present {
            return;
        }
        let interactive = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
            e.closest("button, a, summary, details, dialog, textarea, input").ok().flatten().is_some()
        });
        if !interactive {
            self.step_by(if ev.shift_key() { -1 } else { 1 });
        }
    }
}

/// The embed's keys (`engine::embed_key`), except in text fields, dialogs and summaries.
fn use_embed_keys(stepper: Stepper, present: bool) {
    let count = stepper.count as isize;
    let _ = use_event_listener(document(), leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.default_prevented() {
            return;
        }
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if target
            .as_ref()
            .is_some_and(|e| e.closest("textarea, input, select, dialog, summary").ok().flatten().is_some())
        {
            return;
        }
        let on_button = target.as_ref().is_some_and(|e| e.tag_name() == "BUTTON");
        if let Some(key) = engine::embed_key(&ev.key(), present, ev.shift_key(), on_button) {
            ev.prevent_default();
            stepper.step_by(match key {
                engine::Key::Next => 1,
                engine::Key::Previous => -1,
                engine::Key::First => -count,
                engine::Key::Last => count,
            });
        }
    });
}

/// The graphic, built again when the steps cross into another chapter; in present mode a click
/// on it steps.
#[component]
fn EmbedStage(
    story: Arc<Story>,
    said: Arc<Said>,
    data: Arc<Dataset>,
    refs: Arc<Vec<StepRef>>,
    stepper: Stepper,
    chapter_ix: Memo<usize>,
    geo: load::GeoState,
    code: load::CodeState,
    dark: Signal<bool>,
    reduced_motion: Signal<bool>,
    present: bool,
) -> impl IntoView {
    let Stepper { pos, jump, count } = stepper;
    let stage = NodeRef::<html::Div>::new();
    let ui = Arc::new(story.meta.ui.clone());
    // The chapter's figure, made and enhanced again when the steps cross into another chapter:
    // what the effect made before (the last chapter's graphic) is disposed as it runs again.
    Effect::new(move |_| {
        let c = chapter_ix.get();
        let Some(stage) = stage.get() else { return };
        let at_first = refs[pos.get_untracked().min(count - 1)].step == 0;
        let refs = refs.clone();
        let step = Signal::derive(move || refs[pos.get().min(count - 1)].step);
        let inputs = GraphicInputs {
            step,
            progress: Signal::derive(|| 1.0),
            jump: jump.into(),
            live: Signal::derive(|| true),
            may_paint: Signal::derive(|| true),
            dark,
            reduced_motion,
        };
        let chapter = story.chapters[c].clone();
        let said = said.chapter(c, chapter.steps.len());
        let figure = graphic::skeleton(&chapter, &said, &ui, true);
        // The static page's picture, where the graphic opens on it, shows until the canvas
        // paints; elsewhere the drawing code is asked for now.
        let picture = take_static_picture(&chapter.graphic).filter(|_| at_first);
        match (picture, super::dom::find(&figure, ".graphic-canvas")) {
            (Some(p), Some(holder)) => super::dom::append(&holder, &p),
            _ => code.request(),
        }
        stage.replace_children_with_node_1(&figure);
        let models = code.chapter(c);
        let g = GraphicData { chapter, models, data: data.clone(), geo, code, said, ui: ui.clone() };
        untrack(|| graphic::enhance(&figure, g, inputs));
    });
    view! { <div class="embed-stage" node_ref=stage on:click=move |ev| stepper.on_stage_click(present, &ev)></div> }
}

/// Present mode's caption: the step's paragraphs from the article.
#[component]
fn PresentCaption(story: Arc<Story>, current: Memo<StepRef>, captions: Arc<Captions>) -> impl IntoView {
    let caption = move || {
        let paragraphs: Vec<String> =
            story.step(current.get()).and_then(|s| captions.get(&s.id)).cloned().unwrap_or_default();
        paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()
    };
    view! { <div class="present-caption" aria-live="polite">{caption}</div> }
}

/// Previous / next buttons and the step counter ("n / count" in present mode).
#[component]
fn EmbedControls(stepper: Stepper, present: bool, ui: Ui) -> impl IntoView {
    let Stepper { pos, count, .. } = stepper;
    let step_of = ui.step_of.clone();
    let counter = move || {
        let n = pos.get() + 1;
        if present {
            format!("{n} / {count}")
        } else {
            step_of.replace("{n}", &n.to_string()).replace("{count}", &count.to_string())
        }
    };
    view! {
        <nav class="embed-controls" aria-label=ui.steps.clone()>
            <button type="button" class="embed-prev" on:click=move |_| stepper.step_by(-1) prop:disabled=move || { pos.get() == 0 } aria-label=ui.previous_step.clone()>{ui.previous.clone()}</button>
            <span class="embed-counter" aria-live="polite">{counter}</span>
            <button type="button" class="embed-next" on:click=move |_| stepper.step_by(1) prop:disabled=move || { pos.get() + 1 >= count } aria-label=ui.next_step.clone()>{ui.next.clone()}</button>
        </nav>
    }
}

/// One chapter's graphic (or, in present mode, the whole story) with its step controls.
#[component]
fn EmbedGraphic(
    story: Arc<Story>,
    said: Arc<Said>,
    data: Arc<Dataset>,
    query: EmbedQuery,
    at: StepRef,
    captions: Arc<Captions>,
) -> impl IntoView {
    let present = query.present;
    let (refs, start) = core::step_range(&story, at, present);
    let refs = Arc::new(refs);
    let count = refs.len();
    let stepper = Stepper { pos: RwSignal::new(start), jump: RwSignal::new(false), count };
    let pos = stepper.pos;
    let current = {
        let refs = refs.clone();
        Memo::new(move |_| refs[pos.get().min(count - 1)])
    };
    let chapter_ix = Memo::new(move |_| current.get().chapter);
    let step_id = {
        let story = story.clone();
        Memo::new(move |_| story.step(current.get()).map(|s| s.id.clone()).unwrap_or_default())
    };
    let graphic_id = {
        let story = story.clone();
        Memo::new(move |_| story.chapters[chapter_ix.get()].graphic.clone())
    };

    // The drawing code comes when the reader first moves, or at once when the graphic does not
    // open on the static page's picture (`EmbedStage`).
    let code = load::CodeState::deferred();
    code.edition_in(story.clone(), data.clone());
    code.request_on_first_move();
    // The map geometry, when a map is among the steps, with the drawing code: until then the
    // static picture is what the map would draw.
    let needs_geo = refs.iter().any(|r| story.step(*r).is_some_and(|s| matches!(s.view, Spec::Map(_))));
    let geo = load::GeoState::none();
    if needs_geo {
        super::react::effect(move || {
            if code.asked() {
                geo.request();
            }
        });
    }
    mark_ready();

    let dark = match query.theme {
        ThemeChoice::Light => Signal::derive(|| false),
        ThemeChoice::Dark => Signal::derive(|| true),
        ThemeChoice::Auto => use_preferred_dark(),
    };
    let reduced_motion = use_prefers_reduced_motion();

    if present {
        use_step_in_hash(step_id);
    }
    use_embed_keys(stepper, present);
    let root = NodeRef::<html::Main>::new();
    if !present {
        use_height_reports(root, graphic_id.into(), query.child_id.clone());
    }

    let ui = story.meta.ui.clone();
    let story_lang = query.lang.unwrap_or_else(super::page_lang);
    let story_link = move || core::story_path(story_lang, &step_id.get());
    let controls = query.controls || present;
    let stage_story = story.clone();

    view! {
        <main class=if present { "embed-root present-root" } else { "embed-root" } id="embed" node_ref=root data-graphic=move || graphic_id.get() data-step=move || step_id.get()>
            <EmbedStage story=stage_story said data refs stepper chapter_ix geo code dark reduced_motion present />
            {present.then(|| view! { <PresentCaption story current captions /> })}
            {controls.then(|| view! { <EmbedControls stepper present ui=ui.clone() /> })}
            <p class="embed-story-link"><a href=story_link target="_blank" rel="noopener">{ui.read_story.clone()}</a></p>
        </main>
    }
    .into_any()
}
