//! The page: Leptos components that wire the native core to the DOM. Nothing here
//! decides what a chart looks like; it loads, listens, tweens and paints.

mod canvas;
mod embed;
mod graphic;
mod load;
mod page;
mod scroll;
mod tools;

use leptos::prelude::*;

pub fn start() {
    console_error_panic_hook::set_once();
    // The no-WASM message in index.html is for browsers that never get here.
    if let Some(el) = document().get_element_by_id("nowasm") {
        el.remove();
    }
    let root = document()
        .get_element_by_id("app")
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    // embed.html, `?g=<graphic>` or `?present=1`: one graphic alone (see web/embed.rs).
    let loc = window().location();
    let wants_embed = crate::embed::EmbedQuery::wants_embed_page(
        &loc.search().unwrap_or_default(),
        &loc.pathname().unwrap_or_default(),
    );
    match (root, wants_embed) {
        (Some(root), true) => leptos::mount::mount_to(root, embed::EmbedApp).forget(),
        (None, true) => leptos::mount::mount_to_body(embed::EmbedApp),
        (Some(root), false) => leptos::mount::mount_to(root, page::App).forget(),
        (None, false) => leptos::mount::mount_to_body(page::App),
    }
}
