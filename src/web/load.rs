//! Fetches the dataset files and the map geometry that `dist/` serves next to the page.
//!
//! `start_*` issue the requests at once (window.fetch returns a promise synchronously), so the
//! network runs while the page is being built; the async halves wait for the answers and parse.

use crate::data::{DataError, DataText, Dataset, FILES};
use crate::graphic::Model;
use crate::lang::Lang;
use crate::maps::{Geo, GEO_FILE};
use crate::story::Story;
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
    async fn text(self) -> Result<String, DataError> {
        let err = |msg: String| DataError::new(&self.name, None, None, msg);
        let resp =
            JsFuture::from(self.promise).await.map_err(|e| err(format!("could not be fetched ({})", js_text(&e))))?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| err("could not be fetched".into()))?;
        if !resp.ok() {
            return Err(err(format!("the file is missing (HTTP {})", resp.status())));
        }
        let text = resp.text().map_err(|e| err(js_text(&e)))?;
        let text = JsFuture::from(text).await.map_err(|e| err(js_text(&e)))?;
        let text = text.as_string().ok_or_else(|| err("is not text".into()))?;
        // Our largest file is well under this; anything bigger is not ours and is not parsed.
        if text.len() > MAX_FILE_BYTES {
            return Err(err(format!("is too large ({} bytes, at most {MAX_FILE_BYTES})", text.len())));
        }
        Ok(text)
    }
}

fn js_text(v: &wasm_bindgen::JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "network error".into())
}

/// Starts fetching every dataset file.
pub fn start_dataset() -> Vec<Pending> {
    FILES.iter().map(|f| start(&format!("data/{f}"), f)).collect()
}

/// Waits for the dataset files and parses them; the first failure is reported.
pub async fn dataset(pending: Vec<Pending>, lang: Lang) -> Result<Dataset, DataError> {
    let texts = futures::future::join_all(pending.into_iter().map(Pending::text)).await;
    let mut files = Vec::new();
    for (name, text) in FILES.iter().zip(texts) {
        files.push((*name, text?));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let mut data = Dataset::parse(&refs)?;
    if lang != Lang::En {
        let text = DataText::bundled(lang).map_err(|e| DataError::new("data text", None, None, e))?;
        data.localize(lang, &text);
    }
    Ok(data)
}

pub fn start_geo() -> Pending {
    start(GEO_FILE, GEO_FILE)
}

pub async fn geo(pending: Pending) -> Result<Geo, DataError> {
    Geo::parse(&pending.text().await?)
}

/// Where the dataset load has got to; the story page and the embed page render from it.
#[derive(Clone)]
pub enum Loaded {
    Loading,
    /// The dataset and every step's model, by chapter.
    Ready(Arc<Dataset>, Arc<Vec<Vec<Model>>>),
    /// What went wrong, naming the file, row and field where there is one.
    Failed(String),
}

/// A performance mark for the report command (benches/report.mjs).
pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Requests the dataset (and the map geometry when `needs_geo`) at once, so the network runs
/// while the page is being built, and resolves the story's steps against the data. The map
/// geometry arrives on its own: charts do not wait for it, maps draw once it is in.
pub fn load(story: Arc<Story>, needs_geo: bool, lang: Lang) -> (RwSignal<Loaded>, GeoState) {
    let loaded = RwSignal::new(Loaded::Loading);
    let geo_signal: RwSignal<Option<Arc<Geo>>> = RwSignal::new(None);
    let geo_error: RwSignal<Option<String>> = RwSignal::new(None);
    let data_pending = start_dataset();
    if needs_geo {
        let pending = start_geo();
        leptos::task::spawn_local(async move {
            match geo(pending).await {
                Ok(g) => geo_signal.set(Some(Arc::new(g))),
                Err(e) => {
                    // Maps still draw their routes and places, on no land, and say why.
                    geo_signal.set(Some(Arc::new(Geo::default())));
                    geo_error.set(Some(e.to_string()));
                }
            }
        });
    }
    leptos::task::spawn_local(async move {
        let result = dataset(data_pending, lang).await;
        mark("data-parsed");
        let state = match result {
            Ok(data) => match story.models(&data) {
                Ok(models) => Loaded::Ready(Arc::new(data), Arc::new(models)),
                Err(e) => Loaded::Failed(format!("The story refers to data that is not there: {e}")),
            },
            Err(e) => Loaded::Failed(e.to_string()),
        };
        mark("models-built");
        loaded.set(state);
    });
    (loaded, GeoState { geo: geo_signal, error: geo_error })
}

/// The map geometry, once in, or why it is not (maps then draw their routes without land).
#[derive(Clone, Copy)]
pub struct GeoState {
    pub geo: RwSignal<Option<Arc<Geo>>>,
    pub error: RwSignal<Option<String>>,
}
