//! `use_active_step`: the scroll engine's DOM side. It reads where the steps are and
//! asks `story::engine` which one is active, on every scroll frame, resize, layout
//! change, key press and hash change. See engine.rs for why this is position-based.

use super::react;
use crate::story::engine::{self, Key};
use leptos::prelude::*;
use leptos_use_resize_observer::use_resize_observer;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// The active step (index into the story's steps in reading order), the progress
/// through it, and whether the last change was a jump that must not animate.
#[derive(Clone, Copy)]
pub struct ActiveStep {
    pub index: RwSignal<usize>,
    pub progress: RwSignal<f64>,
    pub jump: RwSignal<bool>,
    /// When the page last scrolled (performance.now(), ms).
    pub scrolled_at: StoredValue<f64>,
}

fn step_elements() -> Vec<web_sys::HtmlElement> {
    let list = document().query_selector_all(".step[data-step]").ok();
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok()).collect()
}

fn viewport_height() -> f64 {
    window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0)
}

fn now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// How far the step's chapter graphic is below its sticky place (0 once stuck).
fn graphic_unstuck_by(step: &web_sys::HtmlElement) -> f64 {
    let Some(slot) =
        step.closest(".scrolly").ok().flatten().and_then(|s| s.query_selector(".graphic-slot").ok().flatten())
    else {
        return 0.0;
    };
    let sticky_top = window()
        .get_computed_style(&slot)
        .ok()
        .flatten()
        .and_then(|st| st.get_property_value("top").ok())
        // The browser's own parseFloat ("51.2px" is 51.2), not Rust's float parser (2.5 KB of wasm).
        .map(|v| js_sys::parse_float(&v))
        .filter(|v| v.is_finite())
        .unwrap_or(0.0);
    // The slot is its column's first child: the column's top is where the slot would be unstuck.
    let column_top = slot.parent_element().map(|p| p.get_bounding_client_rect().top()).unwrap_or(0.0);
    (column_top - sticky_top).max(0.0)
}

/// Scrolls step `i` to the reading line, with its chapter's graphic in place (see
/// `engine::jump_delta`).
fn scroll_to_step(el: &web_sys::HtmlElement, smooth: bool) {
    let r = el.get_bounding_client_rect();
    let delta =
        engine::jump_delta(r.top(), r.bottom(), engine::reading_line(viewport_height()), graphic_unstuck_by(el));
    let y = window().scroll_y().unwrap_or(0.0) + delta;
    let opts = web_sys::ScrollToOptions::new();
    opts.set_top(y.max(0.0));
    opts.set_behavior(if smooth { web_sys::ScrollBehavior::Smooth } else { web_sys::ScrollBehavior::Instant });
    window().scroll_to_with_scroll_to_options(&opts);
}

thread_local! {
    /// The step id `set_hash_soon` will write, while one is pending.
    static LATEST: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn set_hash(id: &str) {
    // A jump or key press writes at once; a pending scroll update must not overwrite it.
    LATEST.with(|l| l.take());
    if let Ok(history) = window().history() {
        // The path is spelled out: with a <base> (pages in other languages), "#id" alone would
        // resolve against the site root.
        let loc = window().location();
        let here = format!("{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default());
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{here}#{id}")));
    }
}

/// `set_hash` at most every 250 ms while the reader scrolls, with the latest step: the address
/// bar need not follow every step a fast scroll passes, and replaceState is not free on a phone.
fn set_hash_soon(id: &str) {
    let was_pending = LATEST.with(|l| l.replace(Some(id.to_string())).is_some());
    if !was_pending {
        set_timeout(
            || {
                if let Some(id) = LATEST.with(|l| l.take()) {
                    set_hash(&id);
                }
            },
            std::time::Duration::from_millis(250),
        );
    }
}

/// Where `pagehide` notes the active step of this page (sessionStorage, per path): a reload
/// within 250 ms of a scrolled step change would otherwise land on the step before.
fn left_key() -> String {
    format!("explainer-step:{}", window().location().pathname().unwrap_or_default())
}

/// Notes the active step when the page goes away (a reload, a link elsewhere, a closed tab).
fn note_step_on_pagehide(active: RwSignal<usize>, ids: Rc<Vec<String>>) {
    react::on(&window(), "pagehide", move |_: web_sys::Event| {
        let (Some(id), Ok(Some(store))) = (ids.get(active.get_untracked()), window().session_storage()) else {
            return;
        };
        // Only once the reader is in the story: the opening names no step.
        if window().location().hash().is_ok_and(|h| !h.is_empty()) || LATEST.with(|l| l.borrow().is_some()) {
            let _ = store.set_item(&left_key(), id);
        }
    });
}

/// The step `note_step_on_pagehide` noted, if this page load is a reload of it (the note is
/// read once and removed, so a later visit follows its address).
fn step_left_before_reload() -> Option<String> {
    let store = window().session_storage().ok().flatten()?;
    let noted = store.get_item(&left_key()).ok().flatten();
    let _ = store.remove_item(&left_key());
    let entries = window().performance()?.get_entries_by_type("navigation");
    let kind = js_sys::Reflect::get(&entries.get(0), &"type".into()).ok()?.as_string()?;
    noted.filter(|_| kind == "reload")
}

/// What the listeners share. `lock`: a key press scrolls smoothly to its target, and until the
/// scroll arrives the positions in between must not override it. `pin`: a deep link stays on its
/// step while the page is still settling. Both are (step, until).
#[derive(Clone)]
struct Engine {
    active: ActiveStep,
    ids: Rc<Vec<String>>,
    reduced_motion: Signal<bool>,
    lock: Rc<Cell<Option<(usize, f64)>>>,
    pin: Rc<Cell<Option<(usize, f64)>>>,
    frame_pending: Rc<Cell<bool>>,
    ready: Rc<Cell<bool>>,
    /// The steps' elements in reading order (see `steps`).
    steps: Rc<std::cell::RefCell<Rc<Vec<web_sys::HtmlElement>>>>,
}

impl Engine {
    /// Reads the steps' boxes and updates the active step, its progress and the hash.
    fn check(&self) {
        if !self.ready.get() {
            return;
        }
        let active = self.active;
        let els = self.steps();
        let read = |i: usize| {
            let r = els[i].get_bounding_client_rect();
            (r.top(), r.height())
        };
        let line = engine::reading_line(viewport_height());
        let Some((i, p)) = engine::active_step_near(els.len(), active.index.get_untracked(), read, line) else {
            return;
        };
        if let Some((target, until)) = self.lock.get() {
            if i != target && now() < until {
                return;
            }
            self.lock.set(None);
        }
        if active.index.get_untracked() != i {
            active.jump.set(false);
            active.index.set(i);
            // Before the first step the reader is still in the opening: no hash yet.
            let in_story = read(0).0 <= line;
            if let Some(id) = self.ids.get(i).filter(|_| in_story) {
                set_hash_soon(id);
            }
        }
        if (active.progress.get_untracked() - p).abs() > 0.001 {
            active.progress.set(p);
        }
    }

    /// The step elements, queried again only when the page has replaced one of them.
    fn steps(&self) -> Rc<Vec<web_sys::HtmlElement>> {
        let cached = self.steps.borrow().clone();
        let connected = |e: Option<&web_sys::HtmlElement>| e.is_some_and(|e| e.is_connected());
        if cached.len() == self.ids.len() && connected(cached.first()) && connected(cached.last()) {
            return cached;
        }
        let fresh = Rc::new(step_elements());
        *self.steps.borrow_mut() = fresh.clone();
        fresh
    }

    /// Coalesces bursts of scroll/resize events into one `check` per frame.
    fn schedule(&self) {
        if self.frame_pending.replace(true) {
            return;
        }
        let this = self.clone();
        super::queue::frame(move || {
            this.frame_pending.set(false);
            this.check();
        });
    }

    /// Makes step `i` active and scrolls to it; `jump` (Home/End, a hash) skips the animation.
    fn go_to(&self, i: usize, jump: bool) {
        let active = self.active;
        let els = self.steps();
        let Some(el) = els.get(i) else { return };
        let smooth = !jump && !self.reduced_motion.get_untracked();
        self.lock.set(Some((i, now() + if smooth { 1200.0 } else { 300.0 })));
        active.jump.set(jump || !smooth);
        active.index.set(i);
        active.progress.set(0.0);
        if let Some(id) = self.ids.get(i) {
            set_hash(id);
        }
        scroll_to_step(el, smooth);
    }

    /// The step the address's hash names, if it is one of ours.
    fn hash_step(&self) -> Option<usize> {
        let hash = window().location().hash().unwrap_or_default();
        engine::hash_step_id(&hash).and_then(|id| self.ids.iter().position(|s| s == id))
    }

    /// Arrow keys, Page Up/Down, Home and End move between steps.
    fn on_key(&self, ev: &web_sys::KeyboardEvent) {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.default_prevented() {
            return;
        }
        let typing = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON" | "SUMMARY" | "A")
                || e.closest("dialog, details[open] table").ok().flatten().is_some()
        });
        let Some(key) = Key::from_name(&ev.key()) else { return };
        // Space and arrows keep their usual meaning inside controls.
        if typing && !matches!(key, Key::First | Key::Last) && ev.key().starts_with("Arrow") {
            return;
        }
        ev.prevent_default();
        let target = engine::key_target(self.active.index.get_untracked(), self.ids.len(), key);
        self.go_to(target, matches!(key, Key::First | Key::Last));
    }

    /// A hash naming another step (a link in the article, Back) jumps there.
    fn on_hashchange(&self) {
        if let Some(i) = self.hash_step() {
            if i != self.active.index.get_untracked() {
                self.go_to(i, true);
            }
        }
    }

    /// Layout changes that are not window resizes (fonts arriving, zoom, images): a pinned deep
    /// link is scrolled back to its step, then the active step is checked.
    fn on_body_resize(&self) {
        let pinned = self.pin.get().filter(|&(_, until)| now() < until).map(|(i, _)| i);
        if let Some(el) = pinned.and_then(|i| self.steps().get(i).cloned().map(|e| (i, e))) {
            self.lock.set(Some((el.0, now() + 300.0)));
            scroll_to_step(&el.1, false);
        }
        self.schedule()
    }

    /// Once the steps are in the DOM: honour a deep link (pinned for 4 s), then follow the scroll.
    /// A reload lands on the step the reader left, which the address may not name yet (it
    /// follows a scroll 250 ms late, and a reload keeps the address it had when it began).
    fn start(&self) {
        let left = step_left_before_reload().and_then(|id| self.ids.iter().position(|s| *s == id));
        if let Some(i) = left.or_else(|| self.hash_step()) {
            self.go_to(i, true);
            self.pin.set(Some((i, now() + 4000.0)));
        }
        self.ready.set(true);
        self.check();
    }
}

/// Scroll and resize schedule a check; wheel, touch, mouse and keys release a deep-link pin
/// (the reader has taken over); body resizes re-pin and check.
fn listen_layout(e: &Engine) {
    let s = e.clone();
    react::on_passive(&window(), "scroll", move |_| {
        s.active.scrolled_at.set_value(now());
        s.schedule()
    });
    let s = e.clone();
    react::on_passive(&window(), "resize", move |_| s.schedule());
    for ev in ["wheel", "touchstart", "mousedown", "keydown"] {
        let pin = e.pin.clone();
        react::on_passive(&window(), ev, move |_| pin.set(None));
    }
    if let Some(body) = document().body() {
        let body: web_sys::Element = body.into();
        let s = e.clone();
        let _ = use_resize_observer(body, move |_, _| s.on_body_resize());
    }
}

/// The active step, following the scroll, the keys and the address's hash.
pub fn use_active_step(step_ids: Rc<Vec<String>>, reduced_motion: Signal<bool>) -> ActiveStep {
    let active = ActiveStep {
        index: RwSignal::new(0),
        progress: RwSignal::new(0.0),
        jump: RwSignal::new(true),
        scrolled_at: StoredValue::new(0.0),
    };
    let e = Engine {
        active,
        ids: step_ids,
        reduced_motion,
        lock: Rc::new(Cell::new(None)),
        pin: Rc::new(Cell::new(None)),
        frame_pending: Rc::new(Cell::new(false)),
        ready: Rc::new(Cell::new(false)),
        steps: Rc::default(),
    };
    listen_layout(&e);
    let s = e.clone();
    react::on(&document(), "keydown", move |ev: web_sys::KeyboardEvent| s.on_key(&ev));
    let s = e.clone();
    react::on(&window(), "hashchange", move |_: web_sys::Event| s.on_hashchange());
    note_step_on_pagehide(active.index, e.ids.clone());

    // The hash always names the active step, so a reload lands on it through the deep link;
    // the browser's own scroll restoration would land later, wherever the old layout had it.
    if let Ok(h) = window().history() {
        let _ = h.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    request_animation_frame(move || e.start());
    active
}
