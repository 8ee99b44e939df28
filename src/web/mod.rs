//! The page: Leptos components that wire the native core to the DOM. Nothing here
//! decides what a chart looks like; it loads, listens, tweens and paints.

mod canvas;
mod graphic;
mod load;
mod page;
mod scroll;

use leptos::prelude::*;

pub fn start() {
    console_error_panic_hook::set_once();
    // The no-WASM message in index.html is for browsers that never get here.
    if let Some(el) = document().get_element_by_id("nowasm") {
        el.remove();
    }
    let root = document().get_element_by_id("app").and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    match root {
        Some(root) => leptos::mount::mount_to(root, page::App).forget(),
        None => leptos::mount::mount_to_body(page::App),
    }
}
