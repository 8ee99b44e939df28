//! The page's animation frames and zero-delay tasks through one JS function each, made once.
//! Leptos's `request_animation_frame` and `set_timeout` make a new wasm-bindgen closure per call
//! (a JS function and a finalization-registry entry that only a full garbage collection frees);
//! a tween asks for a frame and a task every frame, and a scroll for a frame every event, which
//! was an eighth of what the page allocated in JS while scrolling. Here each call queues a Rust
//! closure and hands the browser the same function again.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

type Job = Box<dyn FnOnce()>;

thread_local! {
    /// What runs in the next animation frame, in the order asked for.
    static FRAME: RefCell<Vec<Job>> = const { RefCell::new(Vec::new()) };
    /// Whether the next animation frame has been asked for.
    static FRAME_ASKED: Cell<bool> = const { Cell::new(false) };
    /// Tasks queued, one per `setTimeout` posted, run first in first out (timers of equal delay
    /// fire in the order they were set).
    static TASKS: RefCell<VecDeque<Job>> = const { RefCell::new(VecDeque::new()) };
    /// The two functions the browser is given: made once, kept for the page's life.
    static FUNCTIONS: (js_sys::Function, js_sys::Function) = (
        Closure::<dyn FnMut()>::new(run_frame).into_js_value().unchecked_into(),
        Closure::<dyn FnMut()>::new(run_task).into_js_value().unchecked_into(),
    );
}

/// Runs `job` in the next animation frame (as `requestAnimationFrame`).
pub fn frame(job: impl FnOnce() + 'static) {
    FRAME.with_borrow_mut(|q| q.push(Box::new(job)));
    if !FRAME_ASKED.replace(true) {
        FUNCTIONS.with(|(f, _)| {
            let _ = leptos::prelude::window().request_animation_frame(f);
        });
    }
}

/// Runs `job` in a task of its own (as `setTimeout(job, 0)`).
pub fn task(job: impl FnOnce() + 'static) {
    TASKS.with_borrow_mut(|q| q.push_back(Box::new(job)));
    FUNCTIONS.with(|(_, f)| {
        let _ = leptos::prelude::window().set_timeout_with_callback(f);
    });
}

fn run_frame() {
    FRAME_ASKED.set(false);
    // Jobs asked for while these run go to the next frame.
    for job in FRAME.take() {
        job();
    }
}

fn run_task() {
    if let Some(job) = TASKS.with_borrow_mut(VecDeque::pop_front) {
        job();
    }
}
