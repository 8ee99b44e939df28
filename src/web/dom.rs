//! The few DOM calls the enhancement makes, without a view layer: the page's markup is the
//! static site's (`crate::site`), and the wasm only finds it, adds a canvas and a few controls,
//! and keeps text and attributes in step. Text goes in as text, never as markup.

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// A new element of `tag` with `class` (none when empty).
pub fn el(tag: &str, class: &str) -> web_sys::HtmlElement {
    // Only an invalid tag name makes this fail; ours are literals.
    let e: web_sys::HtmlElement = document()
        .create_element(tag)
        .map(JsCast::unchecked_into)
        .unwrap_or_else(|_| unreachable!("a literal tag name"));
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// A new element of `tag` with `class` and `text` as its text.
pub fn text(tag: &str, class: &str, text: &str) -> web_sys::HtmlElement {
    let e = el(tag, class);
    e.set_text_content(Some(text));
    e
}

/// The first element under `root` that `selector` matches.
pub fn find(root: &web_sys::Element, selector: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into().ok())
}

/// Sets an attribute (one the element may carry; a failure leaves the element as it was).
pub fn attr(e: &web_sys::Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

/// Appends `child` to `parent`.
pub fn append(parent: &web_sys::Node, child: &web_sys::Node) {
    let _ = parent.append_child(child);
}
