//! The page shell: opening, chapter navigation with reading progress, the chapters
//! (steps beside a sticky graphic), and Sources & method generated from the dataset.

use super::graphic::{Graphic, GraphicInputs};
use super::load::{self, mark, Loaded};
use super::scroll::use_active_step;
use crate::data::{format, Dataset};
use crate::story::{engine, StepRef, Story};
use leptos::prelude::*;
use leptos_use_preferences::{use_preferred_dark, use_prefers_reduced_motion};
use std::rc::Rc;
use std::sync::Arc;

#[component]
pub fn App() -> impl IntoView {
    match Story::bundled() {
        Ok(story) => view! { <Explainer story=Arc::new(story) /> }.into_any(),
        Err(e) => {
            view! { <div class="data-error" role="alert"><strong>"The story could not be read. "</strong>{e}</div> }
                .into_any()
        }
    }
}

#[component]
fn Explainer(story: Arc<Story>) -> impl IntoView {
    mark("app-start");
    let needs_geo =
        story.chapters.iter().flat_map(|c| &c.steps).any(|s| matches!(s.view, crate::graphic::Spec::Map(_)));
    let (loaded, geo) = load::load(story.clone(), needs_geo);

    let dark = use_preferred_dark();
    let reduced_motion = use_prefers_reduced_motion();
    let refs: Arc<Vec<StepRef>> = Arc::new(story.steps().map(|(r, _)| r).collect());
    let ids: Arc<Vec<String>> = Arc::new(story.steps().map(|(_, s)| s.id.clone()).collect());
    let active = use_active_step(Rc::new(ids.to_vec()), reduced_motion);
    let active_ref = {
        let refs = refs.clone();
        Memo::new(move |_| refs.get(active.index.get()).copied().unwrap_or(StepRef { chapter: 0, step: 0 }))
    };
    let active_id = {
        let ids = ids.clone();
        move || ids.get(active.index.get()).cloned().unwrap_or_default()
    };
    let total = ids.len().max(1);
    let reading = move || format!("{:.1}%", (active.index.get() as f64 + active.progress.get()) / total as f64 * 100.0);

    // Sources & method (a long table, far below) is built two frames after the data, so the
    // first chart does not wait for it.
    let sources_due = RwSignal::new(false);
    Effect::new(move |_| {
        if matches!(loaded.get(), Loaded::Ready(..)) {
            request_animation_frame(move || request_animation_frame(move || sources_due.set(true)));
        }
    });

    // The first painted chart marks the page ready (graphic.rs); a failed load does it here.
    Effect::new(move |_| {
        if matches!(loaded.get(), Loaded::Failed(_)) {
            request_animation_frame(|| {
                if let Some(b) = document().body() {
                    let _ = b.set_attribute("data-ready", "true");
                }
            });
        }
    });

    let meta = story.meta.clone();
    let headline = move || match loaded.get() {
        Loaded::Ready(data, _) => data
            .fact(&meta.headline_fact)
            .and_then(|f| f.value.map(|v| (format::value(v, &f.unit), data.source_names(&f.source)))),
        _ => None,
    };
    let meta = story.meta.clone();

    let chapters = story.chapters.iter().enumerate().map(|(c, chapter)| {
        let n = chapter.steps.len();
        let step = Signal::derive(move || {
            let a = active_ref.get();
            engine::chapter_step(c, a.chapter, a.step, n)
        });
        let live = Signal::derive(move || active_ref.get().chapter == c);
        let progress = Signal::derive(move || if active_ref.get().chapter == c { active.progress.get() } else if active_ref.get().chapter > c { 1.0 } else { 0.0 });
        let inputs = GraphicInputs { step, progress, jump: active.jump.into(), live, dark, reduced_motion };
        let chapter = chapter.clone();
        let graphic_chapter = chapter.clone();
        view! {
            <section class="chapter" id=chapter.id.clone() aria-labelledby=format!("{}-h", chapter.id)>
                <h2 id=format!("{}-h", chapter.id)><span class="kicker">{format!("{}", c + 1)}</span>{chapter.title.clone()}</h2>
                <div class="scrolly">
                    <div class="graphic-slot">
                        {move || match loaded.get() {
                            Loaded::Ready(data, models) => view! {
                                <Graphic chapter=graphic_chapter.clone() models=Arc::new(models[c].clone()) data=data geo=geo inputs=inputs />
                            }.into_any(),
                            Loaded::Loading => view! { <div class="graphic graphic-loading" data-graphic=graphic_chapter.graphic.clone()><p>"Loading the data…"</p></div> }.into_any(),
                            Loaded::Failed(_) => view! { <div class="graphic graphic-failed" data-graphic=graphic_chapter.graphic.clone()><p>"This graphic needs the dataset, which could not be loaded (see the message above). The text still tells the story."</p></div> }.into_any(),
                        }}
                    </div>
                    <div class="steps">
                        {chapter.steps.iter().enumerate().map(|(s, st)| {
                            let is_active = move || { let a = active_ref.get(); a.chapter == c && a.step == s };
                            view! {
                                <div class="step" class:is-active=is_active id=st.id.clone() data-step=st.id.clone() aria-current=move || is_active().then_some("step")>
                                    <div class="step-body">
                                        {st.paragraphs().map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
                                        <a class="step-link" href=format!("#{}", st.id) aria-label=format!("Link to this step: {}", st.id)>"#"</a>
                                    </div>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </div>
            </section>
        }
    }).collect_view();

    let toc = story.chapters.iter().enumerate().map(|(c, ch)| {
        let href = format!("#{}", ch.steps[0].id);
        let current = move || (active_ref.get().chapter == c).then_some("true");
        view! { <li><a href=href aria-current=current class:is-current=move || active_ref.get().chapter == c>{ch.title.clone()}</a></li> }
    }).collect_view();

    view! {
        <header class="opening">
            <p class="eyebrow">"China × Russia, 2014–2025"</p>
            <h1>{meta.title.clone()}</h1>
            <p class="dek">{meta.dek.clone()}</p>
            <p class="question">{meta.opening.clone()}</p>
            <div class="headline" aria-live="polite">
                {move || headline().map(|(v, src)| view! {
                    <p class="headline-figure">{v}</p>
                    <p class="headline-label">{meta.headline_label.clone()}<span class="headline-source">{format!(" · {src}")}</span></p>
                })}
            </div>
            <p class="byline">{meta.byline.clone()}</p>
        </header>
        {move || match loaded.get() {
            Loaded::Failed(msg) => Some(view! { <div class="data-error" role="alert"><strong>"The figures could not be loaded. "</strong>{msg}". The rest of the story is readable below; the charts need this file to be fixed."</div> }),
            _ => None,
        }}
        <nav class="toc" aria-label="Chapters">
            <div class="progress" aria-hidden="true"><div class="progress-bar" style:width=reading></div></div>
            <ol>{toc}</ol>
        </nav>
        <main id="story" data-active-step=active_id>{chapters}</main>
        {move || match (loaded.get(), sources_due.get()) {
            (Loaded::Ready(data, _), true) => Some(view! { <SourcesAndMethod data=data /> }),
            _ => None,
        }}
    }
}

/// Every figure in the dataset with its source, period and status.
#[component]
fn SourcesAndMethod(data: Arc<Dataset>) -> impl IntoView {
    let sources = data
        .sources
        .iter()
        .map(|s| view! { <li><strong>{s.short.clone()}</strong>": "{s.citation.clone()}</li> })
        .collect_view();
    let trade = data.trade.iter().map(|r| view! {
        <tr><td>{r.period_label()}</td><td>{format::num(r.total, 1)}</td><td>{format::num(r.exports, 1)}</td><td>{format::num(r.imports, 1)}</td>
        <td>{data.source_names(&r.source)}</td><td class=format!("status status-{}", r.status.id())>{r.status.label()}</td><td>{r.note.clone()}</td></tr>
    }).collect_view();
    let facts = data.facts.iter().filter(|f| f.value.is_some()).map(|f| view! {
        <tr><td>{f.metric.clone()}</td><td>{crate::data::period_label(&f.period)}</td><td>{f.value.map(|v| format::value(v, &f.unit)).unwrap_or_default()}</td>
        <td>{data.source_names(&f.source)}</td><td class=format!("status status-{}", f.status.id())>{f.status.label()}</td><td>{f.note.clone()}</td></tr>
    }).collect_view();
    view! {
        <section class="sources" id="sources" aria-labelledby="sources-h">
            <h2 id="sources-h">"Sources & method"</h2>
            <p>"Every figure on this page comes from the dataset below. Each carries a status: “from the articles” (stated in one of the five source articles), “official, matches the articles” (a published statistic the articles confirm) or “unverified” (a well-known published figure not yet checked against its original). Where sources disagree, the note says so and the page shows the first."</p>
            <h3>"Sources"</h3>
            <ul>{sources}</ul>
            <h3>"Trade, US$ billion (China customs series)"</h3>
            <div class="table-wrap"><table>
                <thead><tr><th>"Period"</th><th>"Total"</th><th>"China’s exports"</th><th>"China’s imports"</th><th>"Source"</th><th>"Status"</th><th>"Note"</th></tr></thead>
                <tbody>{trade}</tbody>
            </table></div>
            <h3>"Other figures"</h3>
            <div class="table-wrap"><table>
                <thead><tr><th>"Figure"</th><th>"Period"</th><th>"Value"</th><th>"Source"</th><th>"Status"</th><th>"Note"</th></tr></thead>
                <tbody>{facts}</tbody>
            </table></div>
        </section>
    }
}
