//! The page's effects and event listeners, each through one instance of Leptos's `Effect` and
//! leptos-use's `use_event_listener`: both are generic over the closure they run, and each
//! instance (with its task, subscriptions and clean-up) cost about a kilobyte of wasm. Boxed
//! here, the page's twenty effects and dozen listeners share one copy each.

use leptos::prelude::*;
use leptos_use_event_listener::{use_event_listener_with_options, UseEventListenerOptions};
use wasm_bindgen::JsCast;

/// Runs `f` (in a task of its own, as Leptos's effects do) and again whenever a signal it read
/// changes, while the current owner lives. State it keeps between runs lives in the closure.
pub fn effect(f: impl FnMut() + 'static) {
    effect_boxed(Box::new(f));
}

#[inline(never)]
fn effect_boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}

/// Listens for `event` on `target` while the current owner lives (leptos-use's
/// `use_event_listener`, which removes the listener when the owner is disposed).
pub fn on<E: JsCast>(target: &impl AsRef<web_sys::EventTarget>, event: &'static str, mut f: impl FnMut(E) + 'static) {
    let f = Box::new(move |e: web_sys::Event| f(e.unchecked_into()));
    on_boxed(target.as_ref().clone(), event, f, UseEventListenerOptions::default());
}

/// `on`, as a passive listener (it never cancels the event, so scrolling never waits for it).
pub fn on_passive(
    target: &impl AsRef<web_sys::EventTarget>,
    event: &'static str,
    f: impl FnMut(web_sys::Event) + 'static,
) {
    on_boxed(target.as_ref().clone(), event, Box::new(f), UseEventListenerOptions::default().passive(true));
}

#[inline(never)]
fn on_boxed(
    target: web_sys::EventTarget,
    event: &'static str,
    f: Box<dyn FnMut(web_sys::Event)>,
    options: UseEventListenerOptions,
) {
    let _ = use_event_listener_with_options(target, leptos::ev::Custom::<web_sys::Event>::new(event), f, options);
}
