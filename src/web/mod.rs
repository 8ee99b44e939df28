//! The page: wires the native core to the DOM the static site wrote, through Leptos's reactive
//! graph (the story page enhances that markup without a view layer; the embed page's frame and
//! controls are Leptos views). Nothing here decides what a chart looks like; it loads, listens,
//! tweens and paints.

mod canvas;
mod canvas_backend;
mod dom;
mod embed;
mod graphic;
mod load;
mod page;
mod painter;
mod queue;
mod react;
mod scroll;
mod tools;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// `body[data-ready]`: the page shows what it will show (the first chart is drawn, or a load
/// failed and says so). Tests and the report wait for it; set once, here only.
pub fn mark_ready() {
    if let Some(body) = document().body().filter(|b| !b.has_attribute("data-ready")) {
        let _ = body.set_attribute("data-ready", "true");
    }
}

/// One of the page's own words for what it says when its edition cannot be loaded
/// (`data-failed`, `data-failed-rest`, `data-graphic-failed` on the element the static site
/// writes them on): read from the HTML because the edition file that holds the words is what
/// failed. Empty where the page has none.
pub fn page_word(name: &str) -> String {
    let attr = format!("data-{name}");
    document()
        .query_selector(&format!("[{attr}]"))
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute(&attr))
        .unwrap_or_default()
}

/// The page's language, from `<html lang>` (the static site writes it per edition).
pub fn page_lang() -> crate::lang::Lang {
    document()
        .document_element()
        .and_then(|h| h.get_attribute("lang"))
        .and_then(|l| crate::lang::Lang::parse(&l))
        .unwrap_or_default()
}

/// Whether this page shows one graphic alone (see web/embed.rs), not the scrolling story:
/// embed.html, embed/<graphic>.html (body.embed-page), `?g=<graphic>` or `?present=1`.
fn wants_embed() -> bool {
    let loc = window().location();
    document().body().is_some_and(|b| b.class_list().contains("embed-page"))
        || crate::embed::EmbedQuery::wants_embed_page(
            &loc.search().unwrap_or_default(),
            &loc.pathname().unwrap_or_default(),
        )
}

/// The story page's binary (src/main.rs). An address that asks for one graphic alone (present
/// mode, an old `index.html?g=` link) loads the embed binary instead, which carries that page:
/// the reader of the story does not download it.
pub fn start_story() {
    console_error_panic_hook::set_once();
    if !wants_embed() {
        page::enhance();
        return;
    }
    let Ok(script) = document().create_element("script") else { return };
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute("src", crate::embed::EMBED_START);
    if let Some(head) = document().head() {
        let _ = head.append_child(&script);
    }
}

/// The embed binary (src/bin/embed.rs), for the embed pages, `embed.html` and present mode: one
/// graphic alone, which replaces the page's static stand-in.
pub fn start_embed() {
    console_error_panic_hook::set_once();
    if !wants_embed() {
        leptos::logging::warn!("the embed binary was loaded on a page that is not an embed");
        return;
    }
    let loc = window().location();
    // Present mode's captions are the story's own paragraphs, which only the story page holds:
    // elsewhere (an old `embed.html?present=1` link) it moves there, query and hash kept.
    let captions = std::sync::Arc::new(embed::captions_from_page());
    let query = crate::embed::EmbedQuery::parse(&loc.search().unwrap_or_default());
    if query.present && captions.is_empty() {
        let _ =
            loc.replace(&format!("index.html{}{}", loc.search().unwrap_or_default(), loc.hash().unwrap_or_default()));
        return;
    }
    // The static embed stays on screen until the edition is in; then the live graphic takes
    // its place.
    let lang = query.lang.unwrap_or_else(page_lang);
    leptos::__reexports::wasm_bindgen_futures::spawn_local(async move {
        let (edition, said) = futures::future::join(load::fetch_edition(lang), load::fetch_said(lang)).await;
        let (story, data) = match edition {
            load::Loaded::Ready(story, data) => (story, data),
            load::Loaded::Failed(msg) => return embed::say_failed(&msg),
            load::Loaded::Loading => return,
        };
        let said = match said {
            Ok(said) => std::sync::Arc::new(said),
            Err(msg) => return embed::say_failed(&msg),
        };
        embed::keep_static_picture();
        let app = move || view! { <embed::EmbedApp captions story said data /> };
        match document().get_element_by_id("app").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(root) => {
                root.replace_children_with_node_0();
                leptos::mount::mount_to(root, app).forget()
            }
            None => leptos::mount::mount_to_body(app),
        }
    });
}
