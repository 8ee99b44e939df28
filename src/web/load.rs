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
    /// The story, the dataset and every step's model, by chapter.
    Ready(Arc<Story>, Arc<Dataset>, Arc<Vec<Vec<Model>>>),
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

/// Fetches `lang`'s edition and resolves every step's graphic state against its data: reading
/// the file, building the models and what the caller does with them each in a task of its own.
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
    let state = match story.models(&data) {
        Ok(models) => Loaded::Ready(Arc::new(story), Arc::new(data), Arc::new(models)),
        Err(e) => Loaded::Failed(format!("The story refers to data that is not there: {e}")),
    };
    mark("models-built");
    next_task().await;
    state
}

/// `fetch_edition` as a signal, for a component that renders while it loads.
pub fn load_edition(lang: Lang) -> RwSignal<Loaded> {
    let loaded = RwSignal::new(Loaded::Loading);
    leptos::task::spawn_local(async move { loaded.set(fetch_edition(lang).await) });
    loaded
}

/// Requests the map geometry at once (an embed of a map). It arrives on its own: charts do not
/// wait for it, maps draw once it is in, or draw what needs none of it and say why.
pub fn load_geo() -> GeoState {
    let state = GeoState::none();
    state.request();
    state
}

/// The map geometry (with the gazetteer), once in, or why it is not.
#[derive(Clone, Copy)]
pub struct GeoState {
    pub geo: RwSignal<Option<Arc<Geo>>>,
    pub error: RwSignal<Option<String>>,
    requested: StoredValue<bool>,
}

impl GeoState {
    /// Nothing requested yet: for graphics that draw no map, and for the story page, which asks
    /// for the geometry only when the reader comes near a map (`request`).
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

/// The graphics' drawing code (`graphic::lazy`, a part of the page's wasm): where its fetch
/// has got to. The story page asks for it when the reader first moves (until then its first
/// step's static figure is what a canvas would draw); the embed page at once.
#[derive(Clone, PartialEq)]
pub enum Code {
    /// Not asked for yet.
    Deferred,
    Loading,
    Here,
    /// Why it could not be fetched.
    Failed(String),
}

/// The drawing code's state, shared by a page's graphics.
#[derive(Clone, Copy)]
pub struct CodeState(pub RwSignal<Code>);

impl CodeState {
    pub fn deferred() -> CodeState {
        CodeState(RwSignal::new(Code::Deferred))
    }

    /// Fetches the code, the first time it is called.
    pub fn request(self) {
        if self.0.get_untracked() != Code::Deferred {
            return;
        }
        self.0.set(Code::Loading);
        leptos::task::spawn_local(async move {
            // One part, two split points (drawing a scene, painting it), each with its own flag.
            let (loaded, painting) = futures::future::join(crate::graphic::lazy::load(), super::canvas::load()).await;
            let loaded = loaded.and_then(|()| painting.map_err(|()| crate::graphic::lazy::unreachable()));
            // What the graphics then do (their first paints) in a task of its own.
            next_task().await;
            self.0.set(match loaded {
                Ok(()) => Code::Here,
                Err(e) => {
                    Code::Failed(DataError { message: file_word("unreachable", "", &e.message), ..e }.to_string())
                }
            });
        });
    }

    /// Whether the code is here (tracked).
    pub fn here(self) -> bool {
        self.0.with(|c| *c == Code::Here)
    }
}
