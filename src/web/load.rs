//! Fetches the page's edition (the story's views and the dataset, in one language) and the map
//! geometry that `dist/` serves next to the page.
//!
//! The requests go out at once (window.fetch returns a promise synchronously), so the network
//! runs while the page is being built; the async halves wait for the answers and parse.

use crate::data::{DataError, Dataset, Words};
use crate::graphic::Model;
use crate::lang::Lang;
use crate::maps::{Geo, GEO_FILE};
use crate::story::{Edition, Said, Story};
use leptos::__reexports::wasm_bindgen_futures::JsFuture;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The most a data or geometry file may weigh before the page refuses to parse it.
pub const MAX_FILE_BYTES: usize = 4_000_000;

/// A request in flight: the file's name (as errors name it) and the fetch promise.
pub struct Pending {
    name: String,
    promise: js_sys::Promise,
}

fn start(path: &str, name: &str) -> Pending {
    Pending { name: name.to_string(), promise: window().fetch_with_str(path) }
}

impl Pending {
    /// The file's bytes, or why there are none.
    async fn bytes(self) -> Result<Vec<u8>, DataError> {
        let err = |msg: String| DataError::new(&self.name, None, None, msg);
        let unreachable = || file_word("unreachable", "", "could not be fetched");
        let resp =
            JsFuture::from(self.promise).await.map_err(|e| err(format!("{} ({})", unreachable(), js_text(&e))))?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| err(unreachable()))?;
        if !resp.ok() {
            return Err(err(file_word("missing", &resp.status().to_string(), "the file is missing (HTTP {})")));
        }
        let buffer = resp.array_buffer().map_err(|e| err(js_text(&e)))?;
        let buffer = JsFuture::from(buffer).await.map_err(|e| err(js_text(&e)))?;
        let array = js_sys::Uint8Array::new(&buffer);
        // Our largest file is well under this; anything bigger is not ours and is not copied in.
        let len = array.length() as usize;
        if len > MAX_FILE_BYTES {
            return Err(err(file_word("too-large", &len.to_string(), "is too large ({} bytes)")));
        }
        Ok(array.to_vec())
    }
}

/// What is wrong with a fetched file, in the page's language (`data-file-<name>` words, the
/// static page's: the edition that holds the words may be what failed), `{}` filled with `arg`;
/// `english` where the page has no such word.
fn file_word(name: &str, arg: &str, english: &str) -> String {
    let word = super::page_word(&format!("file-{name}"));
    if word.is_empty() { english } else { &word }.replace("{}", arg)
}

/// An error in the page's language where it is one a reader may meet: a fetched file that
/// cannot be read (`wire::Unreadable`); the others name what is wrong for whoever fixes the site.
fn said(e: DataError) -> DataError {
    use crate::wire::Unreadable;
    let Some(why) = e.unreadable else { return e };
    let english = why.to_string();
    let message = match why {
        Unreadable::Foreign { magic, .. } => file_word("foreign", &String::from_utf8_lossy(&magic), &english),
        Unreadable::OtherBuild => file_word("other-build", "", &english),
        Unreadable::CutShort => file_word("cut-short", "", &english),
        Unreadable::Damaged(_) => file_word("damaged", "", &english),
    };
    DataError { message, ..e }
}

fn js_text(v: &wasm_bindgen::JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "network error".into())
}

/// Waits for the edition file and reads it; an error names the file.
async fn edition(pending: Pending) -> Result<Edition, DataError> {
    let name = pending.name.clone();
    let bytes = pending.bytes().await?;
    Edition::parse(&name, &bytes).map_err(said)
}

/// Fetches `lang`'s `Said` (each step's description and source line), for the embed binary.
pub async fn fetch_said(lang: Lang) -> Result<Said, String> {
    let path = Said::path(lang);
    let bytes = start(&path, &path).bytes().await.map_err(|e| e.to_string())?;
    Said::parse(&path, &bytes).map_err(|e| said(e).to_string())
}

pub fn start_geo() -> Pending {
    start(GEO_FILE, GEO_FILE)
}

/// The base map, read with the maps' code (a chunk of the story's wasm), which downloads beside it.
pub async fn geo(pending: Pending) -> Result<Geo, DataError> {
    let (bytes, code) = futures::future::join(pending.bytes(), crate::maps::lazy::load()).await;
    let bytes = bytes?;
    // The maps' code fails to load only when it cannot be fetched.
    code.map_err(|e| DataError { message: file_word("unreachable", "", &e.message), ..e })?;
    next_task().await;
    crate::maps::lazy::read_geo(&bytes).await.map_err(said)
}

/// Where the edition's load has got to; the story page and the embed page render from it.
#[derive(Clone)]
pub enum Loaded {
    Loading,
    /// The story and the dataset (the steps' states are built with the drawing code, `CodeState`).
    Ready(Arc<Story>, Arc<Dataset>),
    /// What went wrong, naming the file, row and field where there is one.
    Failed(String),
}

/// A performance mark for the report command (benches/report.mjs).
pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// A `performance.measure` of `duration` ms from `start`, with a `detail` (the report reads
/// "redraw" ones): the time of work that may span two tasks, without the gap between them.
pub fn measure(name: &str, start: f64, duration: f64, detail: &str) {
    let Some(p) = window().performance() else { return };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&opts, &"duration".into(), &duration.into());
    let _ = js_sys::Reflect::set(&opts, &"detail".into(), &detail.into());
    if let Ok(f) = js_sys::Reflect::get(&p, &"measure".into()) {
        let _ = f.unchecked_into::<js_sys::Function>().call2(&p, &name.into(), &opts);
    }
}

/// A future that resolves in a later task: start-up work split there is not one long task.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Fetches `lang`'s edition: reading the file and what the caller does with it each in a task of
/// its own.
pub async fn fetch_edition(lang: Lang) -> Loaded {
    let pending = start(&Edition::path(lang), &Edition::path(lang));
    let result = edition(pending).await;
    mark("data-parsed");
    let Edition { story, words, data } = match result {
        Ok(e) => e,
        Err(e) => return Loaded::Failed(e.to_string()),
    };
    if let Err(e) = Words::install(lang, words) {
        return Loaded::Failed(e);
    }
    next_task().await;
    Loaded::Ready(Arc::new(story), Arc::new(data))
}

/// `fetch_edition` as a signal, for a component that renders while it loads.
pub fn load_edition(lang: Lang) -> RwSignal<Loaded> {
    let loaded = RwSignal::new(Loaded::Loading);
    leptos::task::spawn_local(async move { loaded.set(fetch_edition(lang).await) });
    loaded
}

/// The map geometry (with the gazetteer), once in, or why it is not.
#[derive(Clone, Copy)]
pub struct GeoState {
    pub geo: RwSignal<Option<Arc<Geo>>>,
    pub error: RwSignal<Option<String>>,
    requested: StoredValue<bool>,
}

impl GeoState {
    /// Nothing requested yet (`request`): the story page asks for the geometry when the reader
    /// comes near a map, a map's embed with its drawing code. It arrives on its own: charts do
    /// not wait for it, maps draw once it is in, or draw what needs none of it and say why.
    pub fn none() -> GeoState {
        GeoState { geo: RwSignal::new(None), error: RwSignal::new(None), requested: StoredValue::new(false) }
    }

    /// Fetches the geometry, the first time it is called.
    pub fn request(self) {
        if self.requested.get_value() {
            return;
        }
        self.requested.set_value(true);
        let pending = start_geo();
        // Reading the file (the base map and the gazetteer) and what the maps then do with it
        // (repaint, remake a table) run in tasks of their own: they come while the reader
        // scrolls, and together they were close to a phone's 50 ms.
        leptos::task::spawn_local(async move {
            let read = geo(pending).await;
            next_task().await;
            match read {
                Ok(g) => self.geo.set(Some(Arc::new(g))),
                Err(e) => {
                    self.geo.set(Some(Arc::new(Geo::default())));
                    self.error.set(Some(e.to_string()));
                }
            }
        });
    }
}

/// The graphics' drawing code (`graphic::lazy`, a part of the page's wasm) and every step's
/// state it builds: where they have got to. The story page asks for them when the reader first
/// moves (until then its first step's static figure is what a canvas would draw); the embed
/// page at once.
#[derive(Clone)]
pub enum Code {
    /// Not asked for yet.
    Deferred,
    /// On its way (the part, or the states built with it).
    Loading,
    /// Every step's state, by chapter.
    Here(Arc<Vec<Vec<Model>>>),
    /// Why it could not be fetched, or the states not built.
    Failed(String),
}

/// The drawing code's state, shared by a page's graphics.
#[derive(Clone, Copy)]
pub struct CodeState {
    pub code: RwSignal<Code>,
    /// The story and its data, once the edition is in: the states are built from them.
    edition: StoredValue<Option<(Arc<Story>, Arc<Dataset>)>>,
}

impl CodeState {
    /// Nothing asked for yet (`request`); the states are built once the code and the edition
    /// (`edition_in`) are both here.
    pub fn deferred() -> CodeState {
        CodeState { code: RwSignal::new(Code::Deferred), edition: StoredValue::new(None) }
    }

    /// The edition is in.
    pub fn edition_in(self, story: Arc<Story>, data: Arc<Dataset>) {
        self.edition.set_value(Some((story, data)));
    }

    /// Asks for the code when the reader first moves: scrolls (the page, or a box it is in),
    /// wheels, touches, points, presses a key or tabs in. Until then each graphic shows its
    /// first step's static figure, which is what its canvas would draw, so a reader who only
    /// reads the opening fetches no drawing code. Each listener runs once.
    pub fn request_on_first_move(self) {
        let opts = web_sys::AddEventListenerOptions::new();
        opts.set_capture(true);
        opts.set_passive(true);
        opts.set_once(true);
        let request = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || self.request()).into_js_value();
        for event in ["scroll", "wheel", "touchstart", "pointerdown", "pointermove", "keydown", "focusin"] {
            let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
                event,
                request.unchecked_ref(),
                &opts,
            );
        }
    }

    /// Fetches the code and builds the states, the first time it is called.
    pub fn request(self) {
        if !self.code.with_untracked(|c| matches!(c, Code::Deferred)) {
            return;
        }
        self.code.set(Code::Loading);
        leptos::task::spawn_local(async move {
            // One part, three split points (the states, drawing a scene, painting it), each with
            // its own flag.
            let (drawing, painting) = futures::future::join(crate::graphic::lazy::load(), super::canvas::load()).await;
            let here = drawing.and_then(|()| painting.map_err(|()| crate::graphic::lazy::unreachable()));
            if let Err(e) = here {
                // Said in the page's language.
                return self.fail(DataError { message: file_word("unreachable", "", &e.message), ..e });
            }
            // The states need the edition, which may still be on its way.
            let Some((story, data)) = until(move || self.edition.try_get_value().flatten()).await else { return };
            next_task().await;
            match crate::graphic::lazy::models(&story, &data).await {
                Ok(models) => {
                    next_task().await;
                    warm(&models, &data).await;
                    // What the graphics then do (their first paints) in a task of its own.
                    self.code.try_set(Code::Here(Arc::new(models)));
                }
                Err(e) => self.fail(e),
            }
        });
    }

    fn fail(self, e: DataError) {
        self.code.try_set(Code::Failed(e.to_string()));
    }

    /// Every step's state once the code has built them (tracked).
    pub fn models(self) -> Option<Arc<Vec<Vec<Model>>>> {
        self.code.with(|c| if let Code::Here(m) = c { Some(m.clone()) } else { None })
    }

    /// Chapter `c`'s states once the code has built them: a graphic hears only of their coming.
    pub fn chapter(self, c: usize) -> Signal<Option<Arc<Vec<Model>>>> {
        Memo::new(move |_| self.models().map(|m| Arc::new(m[c].clone()))).into()
    }

    /// Whether the code has been asked for (tracked).
    pub fn asked(self) -> bool {
        self.code.with(|c| !matches!(c, Code::Deferred))
    }

    /// Whether the code is on its way (asked for, neither here nor failed).
    pub fn loading(self) -> bool {
        self.code.try_with_untracked(|c| matches!(c, Code::Loading)).unwrap_or(false)
    }

    /// Why the code or the states are not here, if they cannot be (tracked).
    pub fn failed(self) -> Option<String> {
        self.code.with(|c| if let Code::Failed(e) = c { Some(e.clone()) } else { None })
    }

    /// Every step's state, asked for now and waited for; `None` if they cannot be had.
    pub async fn here(self) -> Option<Arc<Vec<Vec<Model>>>> {
        self.request();
        until(move || {
            self.code.try_with_untracked(|c| match c {
                Code::Here(m) => Some(Some(m.clone())),
                Code::Failed(_) => Some(None),
                _ => None,
            })?
        })
        .await
        .flatten()
    }
}

/// Builds a frame of the first chart's tween and paints it small, where nobody sees it, each in
/// a task of its own. V8 compiles each wasm function on its first call: without this, the
/// reader's first frame compiled the charts' and the painting code inside the tasks that build
/// and paint it, as the reader scrolls (on a slow phone, past 50 ms).
///
/// The paint goes in `WARM_PAINTS` parts, a task each: a canvas's first text is its dearest
/// (the fonts looked up, the glyphs rasterised), and the whole frame was a 58 ms task at 4× on
/// a phone. Nobody sees this canvas, so the order the parts land in does not matter.
async fn warm(models: &[Vec<Model>], data: &Dataset) {
    use crate::scene::{theme::Theme, Size};
    const WARM_PAINTS: usize = 3;
    let Some(first) = models.first().and_then(|c| c.first()).filter(|m| !matches!(m, Model::Map(_))) else {
        return;
    };
    let (size, theme) = (Size { width: 200.0, height: 150.0 }, Theme::light());
    let ctx = crate::graphic::Ctx { data, geo: None };
    let (scene, _) = crate::graphic::lazy::draw(Some(first), first, 0.5, ctx, 0.0, size, &theme);
    next_task().await;
    let Some(canvas) = document().create_element("canvas").ok().and_then(|e| e.dyn_into().ok()) else { return };
    let (n, step) = (scene.shapes.len(), scene.shapes.len().div_ceil(WARM_PAINTS).max(1));
    for from in (0..n).step_by(step) {
        super::canvas::paint(&canvas, &scene, size, theme.background, from..(from + step).min(n));
        next_task().await;
    }
}

/// Waits, a few tasks at a time, until `f` gives something; `None` once the page is gone (its
/// signals disposed, which `f` reports as `None` too: it is asked again at most for 30 s).
async fn until<T>(f: impl Fn() -> Option<T>) -> Option<T> {
    for _ in 0..1000 {
        if let Some(t) = f() {
            return Some(t);
        }
        sleep_ms(30).await;
    }
    None
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}
