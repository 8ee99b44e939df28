//! The static site: the whole article as HTML and every step's figure as SVG, written at build
//! time (`src/bin/site.rs`, run by Trunk's post_build hook) with the same story, data and
//! graphic code the page runs. The wasm only enhances this HTML: it mounts the interactive
//! graphics into the `.graphic-slot`s and observes the `.step`s; it never renders the prose.
//!
//! Readers without JavaScript or WebAssembly, printers and crawlers get the linear reading
//! (`assets/style/linear.css`): each step's text with its own figure, description and table.

pub mod html;
pub mod imports;
mod template;

pub use template::{
    allow_style, deferred_start, drop_wasm_preload, embed_start, externalise_start_script, fill, inline_stylesheet,
    with_meta, PageMeta,
};

use crate::data::{format, Dataset};
use crate::graphic::{description, figure_path, Ctx, Model};
use crate::lang::Lang;
use crate::maps::Geo;
use crate::scene::draw::to_svg;
use crate::scene::theme::Theme;
use crate::scene::Size;
use crate::story::{Chapter, Step, Story};
use html::esc;
use std::fmt::Write;

/// The size figures are drawn at: wide for desktop, print and the linear reading; narrow
/// for phones (the sticky graphic's box there is about this shape).
pub const WIDE: Size = Size { width: 720.0, height: 480.0 };
pub const NARROW: Size = Size { width: 390.0, height: 380.0 };

/// Everything the static pages are written from.
pub struct Site<'a> {
    pub story: &'a Story,
    pub data: &'a Dataset,
    pub geo: Option<&'a Geo>,
    /// Every step's model, by chapter (as `Story::models` resolves them).
    pub models: Vec<Vec<Model>>,
}

/// A step's static figure as a `<picture>`'s sources, each with its media query: phone-width
/// and dark variants first, the wide light one (`None`, the `<img>`) last. The live page picks
/// the same variant by hand while a map waits for its land (web/graphic.rs).
fn figure_sources(lang: Lang, step: &str) -> [(Option<String>, String); 4] {
    let phone = format!("screen and (max-width: {}px)", crate::graphic::NARROW_BELOW_PX - 1);
    [
        (Some(format!("{phone} and (prefers-color-scheme: dark)")), figure_path(lang, step, true, true)),
        (Some(phone), figure_path(lang, step, true, false)),
        (Some("screen and (prefers-color-scheme: dark)".into()), figure_path(lang, step, false, true)),
        (None, figure_path(lang, step, false, false)),
    ]
}

impl<'a> Site<'a> {
    pub fn new(story: &'a Story, data: &'a Dataset, geo: Option<&'a Geo>) -> Result<Self, String> {
        Ok(Site { story, data, geo, models: story.models(data)? })
    }

    /// A link to a step of this page. Pages of other languages sit one folder down with a
    /// `<base>` at the root, so their in-page links name the page.
    fn anchor(&self, id: &str) -> String {
        match self.data.lang {
            Lang::En => format!("#{}", esc(id)),
            lang => format!("{}#{}", lang.page(), esc(id)),
        }
    }

    /// Links to the story in the other languages (the page keeps them pointing at the
    /// reader's step once it runs).
    fn languages(&self, out: &mut String) {
        let _ = write!(out, r#"<nav class="languages" aria-label="{}"><ul>"#, esc(&self.story.meta.ui.languages));
        for lang in Lang::ALL {
            if lang == self.data.lang {
                let _ = write!(
                    out,
                    r#"<li><span aria-current="page" lang="{}" title="{}">{}</span></li>"#,
                    lang.tag(),
                    lang.own_name(),
                    lang.short_name()
                );
            } else {
                let _ = write!(
                    out,
                    r#"<li><a href="{}" hreflang="{}" lang="{}" data-lang-page="{}" aria-label="{}">{}</a></li>"#,
                    lang.page(),
                    lang.tag(),
                    lang.tag(),
                    lang.page(),
                    lang.accessible_name(),
                    lang.short_name()
                );
            }
        }
        out.push_str("</ul></nav>");
    }

    fn ctx(&self) -> Ctx<'a> {
        Ctx { data: self.data, geo: self.geo }
    }

    /// Every step's figure, in both sizes and both themes: (path, SVG document).
    pub fn figures(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (c, chapter) in self.story.chapters.iter().enumerate() {
            for (s, step) in chapter.steps.iter().enumerate() {
                for narrow in [false, true] {
                    for dark in [false, true] {
                        let size = if narrow { NARROW } else { WIDE };
                        let theme = if dark { Theme::dark() } else { Theme::light() };
                        let scene = self.models[c][s].scene(self.ctx(), 1.0, size, &theme);
                        let svg = to_svg(&scene, size.width as u32, size.height as u32, theme.background);
                        out.push((figure_path(self.data.lang, &step.id, narrow, dark), svg));
                    }
                }
            }
        }
        out
    }

    /// A step's figure as a `<picture>`: the narrow drawing on phones, the dark one in a dark
    /// scheme on screen; `lazy` unless it is the first thing a reader sees.
    fn picture(&self, out: &mut String, step: &Step, alt: &str, eager: bool) {
        out.push_str("<picture>");
        for (media, path) in figure_sources(self.data.lang, &step.id) {
            match media {
                Some(media) => _ = write!(out, r#"<source media="{media}" srcset="{path}">"#),
                None => _ = write!(out, r#"<img src="{path}" "#),
            }
        }
        let _ = write!(
            out,
            r#"alt="{}" width="{}" height="{}" {}></picture>"#,
            esc(alt),
            WIDE.width,
            WIDE.height,
            if eager { r#"fetchpriority="high""# } else { r#"loading="lazy" decoding="async""# },
        );
    }

    fn describe(&self, c: usize, s: usize) -> String {
        let step = &self.story.chapters[c].steps[s];
        description(&step.alt, &self.models[c][s], self.data)
    }

    fn source_line(&self, c: usize, s: usize) -> String {
        crate::graphic::source_line(&self.models[c][s], self.data)
    }

    fn data_table(&self, out: &mut String, c: usize, s: usize, class: &str) {
        let t = self.models[c][s].table(self.data);
        let _ = write!(out, r#"<details class="{class}"><summary>{}</summary>"#, esc(&self.story.meta.ui.show_data));
        html::table(out, &t.caption, &t.columns, &t.rows);
        out.push_str("</details>");
    }

    /// The chapter's graphic as it stands before the wasm takes over: title, takeaway, the
    /// first step's figure, its description, source and data. The page enhances it in place
    /// (web/graphic.rs: a canvas for the picture, the words and table following the step, the
    /// tools row filled in); the linear reading keeps only its title and takeaway.
    /// `top`: the graphic is the page (an embed page), so its title is the page's `h1`.
    pub fn static_graphic(&self, out: &mut String, c: usize, eager: bool, top: bool) {
        let h = if top { "h1" } else { "h3" };
        let ch = &self.story.chapters[c];
        let g = esc(&ch.graphic);
        let desc = self.describe(c, 0);
        let _ = write!(
            out,
            r#"<figure class="graphic graphic-static" data-graphic="{g}" aria-labelledby="{g}-title"><figcaption><{h} class="graphic-title" id="{g}-title">{}</{h}><p class="graphic-takeaway">{}</p></figcaption><div class="graphic-canvas">"#,
            esc(&ch.graphic_title),
            esc(&ch.takeaway)
        );
        self.picture(out, &ch.steps[0], &desc, eager);
        out.push_str("</div>");
        self.graphic_words(out, c, &desc);
        // Where the live graphic's tools row goes: its height is kept so nothing below moves.
        out.push_str(r#"<div class="graphic-tools" aria-hidden="true"></div>"#);
        self.data_table(out, c, 0, "graphic-data");
        out.push_str("</figure>");
    }

    /// The words under a graphic: the first step's description and source, over a hidden copy
    /// of every step's (`graphic-sizer`), so the box is as tall as the chapter's longest words
    /// and the canvas above keeps its size from step to step (web/graphic.rs `skeleton` writes the same for embeds).
    fn graphic_words(&self, out: &mut String, c: usize, first: &str) {
        let said = |out: &mut String, attrs: &str, desc: &str, source: &str| {
            let _ = write!(
                out,
                r#"<div {attrs}><p class="graphic-description">{}</p><p class="graphic-source">{}</p></div>"#,
                esc(desc),
                esc(source)
            );
        };
        out.push_str(r#"<div class="graphic-words">"#);
        said(out, r#"class="graphic-said""#, first, &self.source_line(c, 0));
        for s in 0..self.story.chapters[c].steps.len() {
            said(out, r#"class="graphic-sizer" aria-hidden="true""#, &self.describe(c, s), &self.source_line(c, s));
        }
        out.push_str("</div>");
    }

    fn step(&self, out: &mut String, c: usize, s: usize) {
        let step = &self.story.chapters[c].steps[s];
        let id = esc(&step.id);
        let _ = write!(out, r#"<div class="step" id="{id}" data-step="{id}"><div class="step-body">"#);
        for p in step.paragraphs() {
            let _ = write!(out, "<p>{}</p>", esc(p));
        }
        let _ = write!(
            out,
            r##"<a class="step-link" href="{}" aria-label="{}: {id}">#</a></div><figure class="step-figure" aria-label="{}">"##,
            self.anchor(&step.id),
            esc(&self.story.meta.ui.step_link),
            esc(&self.story.meta.ui.figure_of),
        );
        let desc = self.describe(c, s);
        self.picture(out, step, &desc, false);
        let _ = write!(
            out,
            r#"<figcaption><span class="step-description">{}</span> <span class="graphic-source">{}</span>"#,
            esc(&desc),
            esc(&self.source_line(c, s))
        );
        self.data_table(out, c, s, "step-data");
        out.push_str("</figcaption></figure></div>");
    }

    fn chapter(&self, out: &mut String, c: usize, ch: &Chapter) {
        let id = esc(&ch.id);
        let _ = write!(
            out,
            r#"<section class="chapter" id="{id}" aria-labelledby="{id}-h"><h2 id="{id}-h"><span class="kicker">{}</span>{}</h2><div class="scrolly"><div class="graphic-slot" data-chapter="{c}">"#,
            c + 1,
            esc(&ch.title)
        );
        self.static_graphic(out, c, c == 0, false);
        out.push_str(r#"</div><div class="steps">"#);
        for s in 0..ch.steps.len() {
            self.step(out, c, s);
        }
        out.push_str("</div></div></section>");
    }

    fn opening(&self, out: &mut String) {
        let m = &self.story.meta;
        out.push_str(r#"<header class="opening">"#);
        let _ = write!(
            out,
            r#"<p class="eyebrow">{}</p><h1>{}</h1><p class="dek">{}</p><p class="question">{}</p><div class="headline">"#,
            esc(&m.eyebrow),
            esc(&m.title),
            esc(&m.dek),
            esc(&m.opening)
        );
        if let Some(f) = self.data.fact(&m.headline_fact) {
            if let Some(v) = f.value {
                let _ = write!(
                    out,
                    r#"<p class="headline-figure">{}</p><p class="headline-label">{}<span class="headline-source"> · {}</span></p>"#,
                    esc(&format::value_in(self.data.lang, v, &f.unit)),
                    esc(&m.headline_label),
                    esc(&self.data.source_names(&f.source))
                );
            }
        }
        let _ = write!(out, r#"</div><p class="byline">{}</p></header>"#, esc(&m.byline));
    }

    /// Shown in the linear reading when the interactive page cannot run (linear.css shows it).
    fn no_wasm(&self, out: &mut String) {
        let ui = &self.story.meta.ui;
        let _ = write!(
            out,
            r#"<div class="nowasm-message" id="nowasm"><p>{}</p><p>{}: "#,
            esc(&ui.no_wasm),
            esc(&ui.data_files)
        );
        for (i, (href, text)) in ui.data_links.iter().enumerate() {
            let _ = write!(out, r#"{}<a href="{}">{}</a>"#, if i > 0 { ", " } else { "" }, esc(href), esc(text));
        }
        out.push_str(".</p></div>");
    }

    fn toc(&self, out: &mut String) {
        let _ = write!(
            out,
            r#"<nav class="toc" aria-label="{}"><div class="progress" aria-hidden="true"><div class="progress-bar"></div></div><ol>"#,
            esc(&self.story.meta.ui.contents)
        );
        for ch in &self.story.chapters {
            let _ = write!(out, r#"<li><a href="{}">{}</a></li>"#, self.anchor(&ch.steps[0].id), esc(&ch.title));
        }
        out.push_str("</ol>");
        // In the sticky bar, so a reader switches language where they are, without scrolling
        // up (which would move the active step, and the links with it).
        self.languages(out);
        out.push_str("</nav>");
    }

    fn sources(&self, out: &mut String) {
        let ui = &self.story.meta.ui;
        let _ = write!(
            out,
            r#"<section class="sources" id="sources" aria-labelledby="sources-h"><h2 id="sources-h">{}</h2><p>{}</p><h3>{}</h3><ul>"#,
            esc(&ui.sources_title),
            esc(&ui.sources_intro),
            esc(&ui.sources_list)
        );
        for s in &self.data.sources {
            let _ = write!(out, "<li><strong>{}</strong>: {}</li>", esc(&s.short), esc(&s.citation));
        }
        out.push_str("</ul>");
        let d = self.data;
        let trade: Vec<Vec<String>> = d
            .trade
            .iter()
            .map(|r| {
                vec![
                    r.period_label(),
                    format::num(r.total, 1),
                    format::num(r.exports, 1),
                    format::num(r.imports, 1),
                    d.source_names(&r.source),
                    self.data.words().status(r.status).to_string(),
                    r.note.clone(),
                ]
            })
            .collect();
        let _ = write!(out, "<h3>{}</h3>", esc(&ui.trade_table));
        html::table(out, &ui.trade_table, &ui.trade_columns, &trade);
        // A table per topic: easier to scan, and each is laid out on its own (the page lays the
        // sources out one table per idle moment; the 77 rows as one table were a long task at
        // 4× on a phone).
        let _ = write!(out, "<h3>{}</h3>", esc(&ui.facts_table));
        let named = |topic: &str| ui.fact_topics.iter().any(|t| t.topic == topic);
        let groups = ui
            .fact_topics
            .iter()
            .map(|t| (&t.heading, d.facts.iter().filter(|f| f.topic == t.topic).collect::<Vec<_>>()));
        let rest = (&ui.facts_table, d.facts.iter().filter(|f| !named(&f.topic)).collect());
        for (heading, facts) in groups.chain(std::iter::once(rest)) {
            let rows: Vec<Vec<String>> = facts
                .into_iter()
                .filter_map(|f| {
                    let v = f.value?;
                    Some(vec![
                        f.metric.clone(),
                        self.data.period(&f.period),
                        format::value_in(self.data.lang, v, &f.unit),
                        d.source_names(&f.source),
                        self.data.words().status(f.status).to_string(),
                        f.note.clone(),
                    ])
                })
                .collect();
            if !rows.is_empty() {
                html::table(out, heading, &ui.facts_columns, &rows);
            }
        }
        out.push_str("</section>");
    }

    /// The story page's body: opening, contents, chapters, sources.
    /// The words for what is wrong with a fetched file, as attributes (`web::load` reads them).
    fn file_words(&self) -> String {
        let ui = &self.story.meta.ui;
        [
            ("unreachable", &ui.file_unreachable),
            ("missing", &ui.file_missing),
            ("too-large", &ui.file_too_large),
            ("other-build", &ui.file_other_build),
            ("foreign", &ui.file_foreign),
            ("cut-short", &ui.file_cut_short),
            ("damaged", &ui.file_damaged),
        ]
        .iter()
        .map(|(name, word)| format!(r#" data-file-{name}="{}""#, esc(word)))
        .collect()
    }

    pub fn article(&self) -> String {
        let mut out = String::with_capacity(200_000);
        self.no_wasm(&mut out);
        self.opening(&mut out);
        // Where the wasm says a failed load; it carries the words to say it in, since the
        // edition file that holds them for the wasm is what may have failed.
        let ui = &self.story.meta.ui;
        out.push_str(&format!(
            r#"<div id="load-status" data-failed="{}" data-failed-rest="{}" data-graphic-failed="{}"{}></div>"#,
            esc(&ui.data_failed),
            esc(&ui.data_failed_rest),
            esc(&ui.graphic_failed),
            self.file_words()
        ));
        self.toc(&mut out);
        out.push_str(r#"<main id="story">"#);
        for (c, ch) in self.story.chapters.iter().enumerate() {
            self.chapter(&mut out, c, ch);
        }
        self.sources(&mut out);
        out.push_str("</main>");
        out
    }

    /// One graphic's embed page body (`embed/<graphic>.html`): its title, takeaway, first
    /// step's figure, description, source and data, and a link to the story.
    pub fn embed_body(&self, c: usize) -> String {
        let mut out = String::new();
        // The live embed's own frame (web/embed.rs), so the graphic it mounts in its place moves
        // nothing: same root, stage, canvas box and story link.
        // The words the live embed says a failed load with (`web::page_word`).
        let _ = write!(
            out,
            r#"<main class="embed-root embed-static" id="embed" data-failed="{}"{}><div class="embed-stage">"#,
            esc(&self.story.meta.ui.data_failed),
            self.file_words()
        );
        self.static_graphic(&mut out, c, true, true);
        // The step controls' place (buttons need the wasm; `controls=0` drops them there).
        let _ = write!(
            out,
            r##"</div><div class="embed-controls embed-controls-slot" aria-hidden="true"></div><p class="embed-story-link"><a href="{}#{}" target="_top">{}</a></p></main>"##,
            self.data.lang.page(),
            esc(&self.story.chapters[c].steps[0].id),
            esc(&self.story.meta.ui.read_story)
        );
        out
    }

    /// `embed.html` without script: the list of graphics, each linking to its own page.
    pub fn embed_index_body(&self) -> String {
        let ui = &self.story.meta.ui;
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<main class="embed-static"><h1>{}</h1><p>{}</p><ul>"#,
            esc(&ui.embeds_title),
            esc(&ui.embeds_intro)
        );
        for ch in &self.story.chapters {
            let _ = write!(out, r#"<li><a href="embed/{}.html">{}</a></li>"#, esc(&ch.graphic), esc(&ch.graphic_title));
        }
        let _ = write!(out, r#"</ul><p><a href="index.html">{}</a></p></main>"#, esc(&ui.read_story));
        out
    }
}

/// A chapter's social-card image (`src/bin/previews.rs` renders them), in the edition's words:
/// `previews/<chapter>.png`, `previews/ru/<chapter>.png`, `previews/zh/<chapter>.png`.
pub fn preview_path(lang: Lang, chapter: &str) -> String {
    let dir = if lang == Lang::En { String::new() } else { format!("{}/", lang.code()) };
    format!("previews/{dir}{chapter}.png")
}

impl Site<'_> {
    /// The story page's card: the first chapter's preview.
    pub fn story_meta(&self) -> PageMeta<'_> {
        let m = &self.story.meta;
        PageMeta {
            alternates: true,
            title: &m.title,
            description: &m.summary,
            image: preview_path(self.data.lang, &self.story.chapters[0].id),
            image_alt: self.describe(0, 0),
        }
    }

    /// A graphic's embed page: its own title, takeaway and preview.
    pub fn embed_meta(&self, c: usize) -> PageMeta<'_> {
        let ch = &self.story.chapters[c];
        PageMeta {
            alternates: false,
            title: &ch.graphic_title,
            description: &ch.takeaway,
            image: preview_path(self.data.lang, &ch.id),
            image_alt: self.describe(c, 0),
        }
    }

    /// `embed.html`, the list of graphics.
    pub fn embed_index_meta(&self) -> PageMeta<'_> {
        PageMeta { alternates: false, ..self.story_meta() }
    }
}
