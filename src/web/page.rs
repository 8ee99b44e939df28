//! The story page's enhancement. The article is already in the HTML (written at build time by
//! `crate::site`); this mounts the interactive graphic into each chapter's `.graphic-slot`
//! once the data is in, and keeps the active step, contents and reading progress in the DOM.
//! It never re-renders the prose, so the reader's scroll position and selection stay put.

use super::graphic::{GraphicData, GraphicInputs};
use super::load::{self, mark, Loaded};
use super::scroll::use_active_step;
use super::{dom, react};
use crate::data::Dataset;
use crate::graphic::Model;
use crate::story::{engine, Chapter, StepRef, Story};
use leptos::prelude::*;
use leptos_use_preferences::{use_preferred_dark, use_prefers_reduced_motion};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Starts the page: the active-step engine, the data load, and the graphics once it is in.
/// Nothing is rendered: the article is the static site's, and the page only enhances it, under
/// one reactive owner that lives as long as the page.
pub fn enhance() {
    let Some(status) = document().get_element_by_id("load-status") else {
        leptos::logging::warn!("the page has no #load-status: not the story page");
        return;
    };
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.with(|| start(status));
    std::mem::forget(owner);
}

/// Requests the edition at once, and takes the page over once it is in. Until then, or if it
/// fails, the static article stands. The map geometry is asked for at once only by an address
/// that names a step (a link to a step, a reload): it may be a map's; otherwise when the reader
/// comes near a map (`prepare_maps`), so a reader of the first chapters never downloads it.
fn start(status: web_sys::Element) {
    mark("app-start");
    let loaded = load::load_edition(super::page_lang());
    let geo = load::GeoState::none();
    let code = load::CodeState::deferred();
    if engine::hash_step_id(&window().location().hash().unwrap_or_default()).is_some() {
        geo.request();
        code.request();
    }
    code.request_on_first_move();
    // What the page builds belongs to the page's owner, not to the effect below, which would
    // dispose it if it ran again.
    let page = Owner::current();
    let mut done = false;
    react::effect(move || {
        if done {
            return;
        }
        done = match loaded.get() {
            Loaded::Loading => false,
            Loaded::Ready(story, data) => {
                code.edition_in(story.clone(), data.clone());
                // In a task of its own: the edition's last step (reading it) ran in this one, and
                // together they were a long task on a phone.
                let page = page.clone();
                set_timeout(
                    move || within(&page, move || untrack(|| explainer(story, data, geo, code))),
                    std::time::Duration::ZERO,
                );
                true
            }
            Loaded::Failed(msg) => {
                failed(&status, &msg);
                true
            }
        }
    });
}

/// A failed load keeps the static figures and says why: above the contents, and on each
/// graphic, in the static page's own words (`super::page_word`), since the edition that holds
/// them in this language is what failed.
fn failed(status: &web_sys::Element, msg: &str) {
    let graphic_failed = super::page_word("graphic-failed");
    for canvas in elements(".graphic-slot .graphic-canvas") {
        let p = dom::text("p", "graphic-error", &format!("{graphic_failed} ({msg})"));
        dom::attr(&p, "role", "status");
        dom::append(&canvas, &p);
    }
    mark_ready();
    let alert = dom::el("div", "data-error");
    dom::attr(&alert, "role", "alert");
    dom::append(&alert, &dom::text("strong", "", &format!("{} ", super::page_word("failed"))));
    dom::append(&alert, &document().create_text_node(&format!("{msg}. {}", super::page_word("failed-rest"))));
    dom::append(status, &alert);
}

/// Runs `f` under `owner` (what it builds then lives as long as the owner), or as it is.
fn within(owner: &Option<Owner>, f: impl FnOnce()) {
    match owner {
        Some(owner) => owner.with(f),
        None => f(),
    }
}

/// Marks the page ready once what was just rendered is painted.
fn mark_ready() {
    request_animation_frame(super::mark_ready);
}

fn elements(selector: &str) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = document().query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok()).collect()
}

fn set_flag(el: &web_sys::Element, class: &str, aria_current: &str, on: bool) {
    let _ = if on { el.class_list().add_1(class) } else { el.class_list().remove_1(class) };
    let _ = if on { el.set_attribute("aria-current", aria_current) } else { el.remove_attribute("aria-current") };
}

/// Scrolls the contents row sideways (never the page) so the current chapter's link is in
/// view: on a phone the row is wider than the screen.
fn show_in_row(link: &web_sys::HtmlElement) {
    let Some(row) = link.closest("ol").ok().flatten() else { return };
    let (l, r) = (link.get_bounding_client_rect(), row.get_bounding_client_rect());
    if l.left() < r.left() || l.right() > r.right() {
        let centre = l.left() - r.left() - (r.width() - l.width()) / 2.0;
        row.set_scroll_left(row.scroll_left() + centre.round() as i32);
    }
}

/// Where a chapter is relative to the reader's (the reader's own chapter paints regardless).
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// Beside it, and the reader is at the step whose scrolling brings its graphic into view.
    ComingIntoView,
    Beside,
    Far,
}

/// Runs `f` once the page is still: no scroll for `STILL_MS` and no graphic tweening. What waits
/// runs together, in the order it came, from one timer: each graphic the reader leaves waits,
/// and a timer each, polling until the scroll stops, made thirty at a time during a long scroll
/// (nine in ten of the JS functions the page made while scrolling).
fn when_still(scrolled_at: StoredValue<f64>, f: impl FnOnce() + 'static) {
    const STILL_MS: f64 = 200.0;
    thread_local! {
        static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    }
    fn poll(scrolled_at: StoredValue<f64>) {
        set_timeout(
            move || {
                let now = window().performance().map(|p| p.now()).unwrap_or(0.0);
                let since = now - scrolled_at.try_get_value().unwrap_or(0.0);
                if since >= STILL_MS && !super::painter::animating() {
                    for f in WAITING.take() {
                        f();
                    }
                } else {
                    poll(scrolled_at);
                }
            },
            std::time::Duration::from_millis(STILL_MS as u64),
        );
    }
    let first = WAITING.with_borrow_mut(|w| {
        w.push(Box::new(f));
        w.len() == 1
    });
    if first {
        poll(scrolled_at);
    }
}

type Mount = Rc<dyn Fn(usize, Arc<Dataset>)>;

/// Mounts the graphics not yet mounted, one per idle moment (a timeout where the browser has
/// no requestIdleCallback), so start-up is not one long task; then lays the sources out.
fn mount_when_idle(mount: Mount, mounted: Rc<RefCell<Vec<bool>>>, data: Arc<Dataset>) {
    let Some(next) = mounted.borrow().iter().position(|m| !m) else {
        return when_idle(lay_out_sources);
    };
    when_idle(move || {
        mount(next, data.clone());
        mount_when_idle(mount, mounted, data);
    });
}

/// Asks for the map geometry once the reader's chapter is a map's or beside one (the chapters
/// whose graphics may paint), and warms the maps' code up.
///
/// Warming: builds the next map chapter's first scene, small and in parts (`warm`), while the
/// reader is in the chapter before it. A map's first frame was its slowest, three times its
/// later ones: V8 runs wasm (and the JS glue) first from a quick baseline compile and optimises
/// a function only once it has run hot, and the projection's table and the lines on its plane
/// (`maps::planes`) are made on first use. The first map warmed also warms the maps' code (the
/// land alone first) and paints where nobody sees it; each later one builds its moving and
/// still frames only, for what it draws that the others did not (the border's provinces and
/// their labels: building its first frame took 12 ms at 1× without, 7-8 ms with). Warmed here, the first frame a
/// reader sees costs what the others do; not at start-up, where it would lengthen the tasks
/// that make the first chapter ready.
fn prepare_maps(
    active: Memo<StepRef>,
    geo: load::GeoState,
    code: load::CodeState,
    data: Arc<Dataset>,
    story: &Story,
    warming: RwSignal<Option<usize>>,
) {
    let maps: Vec<bool> = story.chapters.iter().map(Chapter::has_map).collect();
    let is_map = |c: usize| maps.get(c).copied().unwrap_or(false);
    let map_near: Vec<bool> =
        (0..maps.len()).map(|c| c.checked_sub(1).is_some_and(is_map) || is_map(c) || is_map(c + 1)).collect();
    let next_is_map: Vec<bool> = (0..maps.len()).map(|c| is_map(c + 1)).collect();
    let warmed = Rc::new(RefCell::new(vec![false; maps.len()]));
    react::effect(move || {
        let a = active.get().chapter;
        if map_near.get(a).copied().unwrap_or(false) {
            // In a task of its own: this effect runs inside the scroll frame that changed the
            // chapter, and starting the two fetches and the maps' part made that frame long.
            set_timeout(move || geo.request(), std::time::Duration::ZERO);
        }
        let Some(g) = geo.geo.get() else { return };
        let Some(models) = code.models() else { return };
        if !next_is_map.get(a).copied().unwrap_or(false) {
            return;
        }
        let code_warm = warmed.borrow().contains(&true);
        if std::mem::replace(&mut warmed.borrow_mut()[a + 1], true) {
            return;
        }
        let (data, first) = (data.clone(), models[a + 1][0].clone());
        let Model::Map(map) = &first else { return };
        // The first frame in parts, each in an idle moment of its own, so none is a long task:
        // V8 compiles each wasm function on its first call (here on a single ring of land,
        // so compiling is most of that moment), then runs it unoptimised until it has run
        // hot. The land alone, a moving frame (provinces, routes, marks), a still one (label
        // placement), then its paint.
        let bare = Model::Map(map.bare());
        // The map beside the reader waits for this to finish before its first paint (`warming`):
        // painting first would pay all of it in one task, cold.
        warming.set(Some(a + 1));
        let done = Box::new(move || {
            if warming.try_get_untracked() == Some(Some(a + 1)) {
                warming.try_set(None);
            }
        });
        // A moving frame is the way from the first state to itself, half done.
        let (moving, still) = ((Some(first.clone()), first.clone()), (None, first));
        if code_warm {
            return warm(vec![(moving, g.clone()), (still, g)], data, false, done);
        }
        let one_ring =
            Arc::new(crate::maps::Geo { land: g.land.iter().take(1).cloned().collect(), ..Default::default() });
        let bare = (None, bare);
        warm(vec![(bare.clone(), one_ring), (bare, g.clone()), (moving, g.clone()), (still, g)], data, true, done);
    });
}

/// A frame to warm: the state a tween comes from (none for a still frame) and the state it
/// goes to.
type Warm = (Option<Model>, Model);

/// Builds each scene of `parts` (a frame and the geometry to draw it on), small, one per idle
/// moment, and, with `paint`, paints the last where nobody sees it (drawing a map runs paths the
/// charts do not).
fn warm(mut parts: Vec<(Warm, Arc<crate::maps::Geo>)>, data: Arc<Dataset>, paint: bool, done: Box<dyn FnOnce()>) {
    when_idle(move || {
        let size = crate::scene::Size { width: 200.0, height: 200.0 };
        let theme = crate::scene::theme::Theme::light();
        let ((from, to), geo) = parts.remove(0);
        let ctx = crate::graphic::Ctx { data: &data, geo: Some(&geo) };
        let (scene, _) = crate::graphic::lazy::draw(from.as_ref(), &to, 0.5, ctx, 0.0, size, &theme);
        if !parts.is_empty() {
            return warm(parts, data, paint, done);
        }
        if !paint {
            return done();
        }
        // In two halves, an idle moment each, as a canvas's first paint is (web/painter.rs):
        // the first glyphs a map draws are rasterised here, cold.
        let Some(canvas) =
            document().create_element("canvas").ok().and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return done();
        };
        let [part, rest] = scene.halves();
        when_idle(move || {
            super::canvas::paint(&canvas, &scene, size, theme.background, part);
            when_idle(move || {
                super::canvas::paint(&canvas, &scene, size, theme.background, rest);
                done();
            });
        });
    });
}

/// Lays the sources' tables out now, one per idle moment. The static page leaves them to the
/// browser until the reader comes near (`content-visibility: auto` in main.css: they were a
/// third of laying out the page at start-up), and the browser would then lay them out in the
/// frame of a step change near the end of the story: a 13–20 ms task at 1× here.
/// Once all are laid out, the section is too (`.sources.laid-out`): the browser then skips it
/// while it is off screen, keeping the layout it has.
fn lay_out_sources() {
    match elements(".sources .table-wrap:not(.laid-out)").into_iter().next() {
        Some(table) => {
            let _ = table.class_list().add_1("laid-out");
            when_idle(lay_out_sources);
        }
        // After a frame, so the height the browser keeps for it is the laid-out one.
        None => request_animation_frame(|| {
            when_idle(|| {
                if let Some(sources) = elements(".sources").first() {
                    let _ = sources.class_list().add_1("laid-out");
                }
            })
        }),
    }
}

/// Runs `f` in the browser's next idle moment (a timeout where it has no requestIdleCallback).
fn when_idle(f: impl FnOnce() + 'static) {
    let then = Closure::once_into_js(f);
    let f: &js_sys::Function = then.unchecked_ref();
    if window().request_idle_callback(f).is_err() {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(f, 50);
    }
}

/// Keeps the static markup in step with the active step: `.step.is-active`, the contents'
/// current chapter, the reading-progress bar (through CSSOM, which a strict CSP allows) and
/// `#story[data-active-step]`.
fn reflect_active(active_ref: Memo<StepRef>, index: RwSignal<usize>, progress: RwSignal<f64>, ids: Arc<Vec<String>>) {
    let steps = elements(".step[data-step]");
    let toc = elements(".toc ol a");
    let bar = elements(".progress-bar").into_iter().next();
    let story_el = document().get_element_by_id("story");
    let language_links = elements("a[data-lang-page]");
    let total = ids.len().max(1) as f64;
    let mut prev: Option<(usize, usize)> = None;
    react::effect(move || {
        let i = index.get();
        let chapter = active_ref.get().chapter;
        if let Some((pi, pc)) = prev {
            if let Some(el) = steps.get(pi) {
                set_flag(el, "is-active", "step", false);
            }
            if let Some(el) = toc.get(pc) {
                set_flag(el, "is-current", "true", false);
            }
        }
        if let Some(el) = steps.get(i) {
            set_flag(el, "is-active", "step", true);
        }
        if let Some(el) = toc.get(chapter) {
            set_flag(el, "is-current", "true", true);
            if prev.is_none_or(|(_, pc)| pc != chapter) {
                // Read the row's layout after this frame has laid it out, not here, just after
                // the flags above changed it (a forced layout in the step change's frame).
                let el = el.clone();
                set_timeout(move || show_in_row(&el), std::time::Duration::ZERO);
            }
        }
        if let (Some(el), Some(id)) = (&story_el, ids.get(i)) {
            let _ = el.set_attribute("data-active-step", id);
            // The other editions open at the reader's step.
            for a in &language_links {
                if let Some(page) = a.get_attribute("data-lang-page") {
                    let _ = a.set_attribute("href", &format!("{page}#{id}"));
                }
            }
        }
        prev = Some((i, chapter));
    });
    react::effect(move || {
        let share = (index.get() as f64 + progress.get()) / total;
        if let Some(bar) = &bar {
            let _ = bar.style().set_property("transform", &format!("scaleX({})", crate::data::format::fixed(share, 4)));
        }
    });
}

fn explainer(story: Arc<Story>, data: Arc<Dataset>, geo: load::GeoState, code: load::CodeState) {
    let dark = use_preferred_dark();
    let reduced_motion = use_prefers_reduced_motion();
    let refs: Arc<Vec<StepRef>> = Arc::new(story.steps().map(|(r, _)| r).collect());
    let ids: Arc<Vec<String>> = Arc::new(story.steps().map(|(_, s)| s.id.clone()).collect());
    let active = use_active_step(Rc::new(ids.to_vec()), reduced_motion);
    let active_ref =
        Memo::new(move |_| refs.get(active.index.get()).copied().unwrap_or(StepRef { chapter: 0, step: 0 }));
    reflect_active(active_ref, active.index, active.progress, ids);

    // The graphics take over their slots once the data is in, nearest the reader first: the
    // active chapter and its neighbours at once, the rest one per idle moment. Until then (or
    // if the data fails) each slot keeps its static figure.
    // The map chapter whose first frame the maps' warm-up is building, if any (`prepare_maps`).
    let warming = RwSignal::new(None::<usize>);
    let ui = Arc::new(story.meta.ui.clone());
    let mounted: Rc<RefCell<Vec<bool>>> = Rc::new(RefCell::new(vec![false; story.chapters.len()]));
    let step_counts: Arc<Vec<usize>> = Arc::new(story.chapters.iter().map(|c| c.steps.len()).collect());
    let mount = {
        let (story, mounted, ui) = (story.clone(), mounted.clone(), ui.clone());
        Rc::new(move |c: usize, data: Arc<Dataset>| {
            if std::mem::replace(&mut mounted.borrow_mut()[c], true) {
                return;
            }
            let Some(slot) = elements(&format!(".graphic-slot[data-chapter=\"{c}\"]")).into_iter().next() else {
                return;
            };
            let chapter = story.chapters[c].clone();
            let n = chapter.steps.len();
            // Memos, not derived signals: a graphic hears only of changes to its own step and
            // progress, so a step change elsewhere (or a scroll tick in another chapter) does
            // not make all nine graphics repaint and re-describe themselves.
            let step = Memo::new(move |_| {
                let a = active_ref.get();
                engine::chapter_step(c, a.chapter, a.step, n)
            });
            let live = Memo::new(move |_| active_ref.get().chapter == c);
            // The reader's chapter paints at once; the chapters beside it once the page is still,
            // so their first paint (the dearest frame a graphic draws) lands while the reader
            // reads, not while the page moves, or a task after the reader reaches the step whose
            // scrolling brings their graphic into view (the last step before the chapter, the
            // first after it); the others wait until the reader comes near (no start-up work, and
            // no canvas memory, for graphics the reader may never reach).
            let beside = RwSignal::new(false);
            let scrolled_at = active.scrolled_at;
            let steps_in = step_counts.clone();
            // Only a change of place reruns the effect below, not every step change.
            let place = Memo::new(move |_| {
                let a = active_ref.get();
                if (a.chapter + 1 == c && a.step + 1 == steps_in[a.chapter]) || (a.chapter == c + 1 && a.step == 0) {
                    Place::ComingIntoView
                } else if a.chapter.abs_diff(c) <= 1 {
                    Place::Beside
                } else {
                    Place::Far
                }
            });
            react::effect(move || match place.get() {
                Place::ComingIntoView => set_timeout(
                    move || {
                        let _ = beside.try_set(true);
                    },
                    std::time::Duration::ZERO,
                ),
                // Read again when the page is still: the reader may have moved on by then.
                Place::Beside => when_still(scrolled_at, move || {
                    let _ = beside.try_set(active_ref.get_untracked().chapter.abs_diff(c) <= 1);
                }),
                Place::Far => beside.set(false),
            });
            // A map beside the reader's chapter waits while the maps' warm-up builds its first
            // frame (`prepare_maps`); the reader's own chapter never waits.
            let may_paint = Memo::new(move |_| live.get() || (beside.get() && warming.get() != Some(c)));
            // The progress the graphic draws: its chapter's while the reader is in it, done (1)
            // behind the reader and not begun (0) ahead. A graphic the reader has just left
            // takes that state once the page is still, not in the scroll frame that left it:
            // that repaint (a map's whole frame, the longest task of a phone's scroll at 4×)
            // changes a few hundredths of a step the reader, moving on, no longer watches.
            let behind = Memo::new(move |_| active_ref.get().chapter > c);
            let done = move || if behind.get_untracked() { 1.0 } else { 0.0 };
            // None: the graphic keeps the progress it has (the reader has just left).
            let settled = RwSignal::new((!live.get_untracked()).then(done));
            react::effect(move || {
                if !live.get() {
                    behind.track();
                    settled.set(None);
                    when_still(scrolled_at, move || {
                        if live.try_get_untracked() == Some(false) {
                            let _ = settled.try_set(Some(done()));
                        }
                    });
                }
            });
            let progress = Memo::new(move |kept: Option<&f64>| match (live.get(), settled.get()) {
                (true, _) => active.progress.get(),
                (false, Some(p)) => p,
                (false, None) => kept.copied().unwrap_or_else(done),
            });
            let inputs = GraphicInputs {
                step: step.into(),
                progress: progress.into(),
                jump: active.jump.into(),
                live: live.into(),
                may_paint: may_paint.into(),
                dark,
                reduced_motion,
            };
            let Some(figure) = dom::find(&slot, "figure.graphic") else { return };
            // The chapter's states, once the drawing code has built them.
            let models = code.chapter(c);
            let mut said = super::graphic::said_in(&figure);
            said.resize(n, Default::default());
            super::graphic::enhance(
                &figure,
                GraphicData { chapter, models, data, geo, code, said, ui: ui.clone() },
                inputs,
            );
        })
    };
    prepare_maps(active_ref, geo, code, data.clone(), &story, warming);
    // A reader who is not at the first step (the browser put the page back where it was) needs
    // the drawing code now.
    react::effect(move || {
        if active.index.get() > 0 {
            code.request();
        }
    });
    let chapters = story.chapters.len();
    let idle_started = StoredValue::new(false);
    // Graphics belong to the page, not to the effect below: an effect disposes what it created
    // when it runs again, and this one runs on every chapter change.
    let page_owner = Owner::current();
    // The reader's chapter at once (at the start, in the next task: setting the page up took
    // this one); its neighbours each in a task of its own, so a chapter change (or the start)
    // is not one long task of three first paints.
    react::effect(move || {
        let a = active_ref.get().chapter;
        let starting = !idle_started.get_value();
        let neighbours = [a.checked_sub(1), Some(a + 1).filter(|&n| n < chapters)];
        for (c, now) in std::iter::once((a, true)).chain(neighbours.into_iter().flatten().map(|c| (c, false))) {
            let (mount, data, owner) = (mount.clone(), data.clone(), page_owner.clone());
            let run = move || within(&owner, move || mount(c, data));
            if now && !starting {
                run();
            } else if now {
                set_timeout(
                    move || {
                        run();
                        // The page shows what it will until the reader moves: the static
                        // figure, as the canvas would draw it (the painter marks it ready
                        // otherwise, at its first paint).
                        if !code.asked() {
                            mark_ready();
                        }
                    },
                    std::time::Duration::ZERO,
                );
            } else {
                set_timeout(run, std::time::Duration::ZERO);
            }
        }
        if starting {
            idle_started.set_value(true);
            mount_when_idle(mount.clone(), mounted.clone(), data.clone());
        }
    });
}
