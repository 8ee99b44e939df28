//! The static site (src/site): the article the build writes, its figures and embed pages.

use explainer::data::Dataset;
use explainer::maps::Geo;
use explainer::site::{
    allow_style, deferred_start, drop_wasm_preload, embed_start, externalise_start_script, fill, html::esc,
    inline_stylesheet, with_meta, Site,
};
use explainer::story::Story;

fn with_site(f: impl FnOnce(&Story, &Site)) {
    let story = Story::bundled().unwrap();
    let data = Dataset::bundled();
    let geo = Geo::parse(&std::fs::read_to_string("assets/geo/base.json").unwrap()).unwrap();
    let site = Site::new(&story, &data, Some(&geo)).unwrap();
    f(&story, &site);
}

#[test]
fn the_article_holds_every_heading_step_and_paragraph() {
    with_site(|story, site| {
        let html = site.article();
        assert!(html.contains(&format!("<h1>{}</h1>", esc(&story.meta.title))));
        for ch in &story.chapters {
            assert!(html.contains(&esc(&ch.title)), "chapter {}", ch.id);
            assert!(html.contains(&format!(r#"data-graphic="{}""#, ch.graphic)), "graphic {}", ch.graphic);
        }
        for (_, step) in story.steps() {
            assert_eq!(html.matches(&format!(r#"data-step="{}""#, step.id)).count(), 1, "step {}", step.id);
            for p in step.paragraphs() {
                assert!(html.contains(&format!("<p>{}</p>", esc(p))), "a paragraph of {}", step.id);
            }
            // Its own figure, lazy, with the description as alt text.
            assert!(html.contains(&format!(r#"<img src="figures/{}.svg" alt=""#, step.id)), "figure of {}", step.id);
        }
        // Only the first chapter's first figure is fetched eagerly.
        assert_eq!(html.matches("fetchpriority=\"high\"").count(), 1);
    });
}

#[test]
fn nothing_the_build_writes_needs_an_inline_script_or_style() {
    with_site(|story, site| {
        let mut pages = vec![site.article(), site.embed_index_body()];
        pages.extend((0..story.chapters.len()).map(|c| site.embed_body(c)));
        for page in pages {
            assert!(!page.contains("<script"), "a script in the static markup");
            assert!(!page.contains(" style="), "an inline style in the static markup");
            let handler = page.match_indices(" on").any(|(i, _)| {
                let rest = &page[i + 3..];
                let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase()).collect();
                !name.is_empty() && rest[name.len()..].starts_with('=')
            });
            assert!(!handler, "an event-handler attribute in the static markup");
        }
    });
}

#[test]
fn every_step_has_four_figures_drawn_by_the_chart_code() {
    with_site(|story, site| {
        let figures = site.figures();
        assert_eq!(figures.len(), story.steps().count() * 4);
        for (path, svg) in &figures {
            assert!(path.starts_with("figures/") && path.ends_with(".svg"), "{path}");
            assert!(svg.trim_start().starts_with("<svg") && svg.contains("</svg>"), "{path} is not an SVG document");
            assert!(svg.len() > 500 && svg.contains("<text"), "{path} is nearly empty");
        }
    });
}

#[test]
fn pages_are_assembled_from_the_built_template() {
    let built = r#"<html><head><script type="module">
import init from './x.js';
await init();
</script></head><body><div id="app"></div></body></html>"#;
    let (page, script) = externalise_start_script(built, "start.js").unwrap();
    assert!(page.contains(r#"<script type="module" src="start.js"></script>"#));
    assert!(script.starts_with("import init") && !page.contains("import init"));
    let page = fill(&page, "<main>hi</main>").unwrap();
    assert!(page.contains(r#"<div id="app"><main>hi</main></div>"#));
    assert!(fill("<body></body>", "x").is_err(), "a template without the slot is an error, not a blank page");
    assert!(externalise_start_script("<head></head>", "start.js").is_err());
    with_site(|_, site| {
        let page = with_meta(&page, &site.embed_meta(3)).unwrap();
        assert!(page.contains(r#"<meta property="og:image" content="previews/pipes.png">"#), "{page}");
    });
}

#[test]
fn neither_the_wasm_nor_its_glue_is_preloaded_ahead_of_the_article() {
    let head = r#"<link rel="modulepreload" href="./a.js"><link rel="preload" href="./a_bg.wasm" as="fetch" type="application/wasm"><link rel="preload" href="x.svg" as="image">"#;
    let out = drop_wasm_preload(head);
    assert!(!out.contains("a_bg.wasm") && !out.contains("a.js"), "neither the wasm nor its glue: {out}");
    assert!(out.contains("x.svg"), "other preloads stay: {out}");
}

#[test]
fn the_stylesheet_goes_inline_and_only_its_hash_is_let_in() {
    let page = r#"<head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'; img-src 'self'"><link rel="stylesheet" href="./main-abc.css" integrity="sha384-AbC+/9="/><link rel="stylesheet" href="linear.css" media="print"></head>"#;
    let (out, hash) = inline_stylesheet(page, |f| {
        assert_eq!(f, "main-abc.css");
        Ok("/* A note. */\nbody { color: red; } /* more */\na::after { content: \"/* kept */\"; }\n".into())
    })
    .unwrap();
    // The comments go; a string that looks like one stays.
    let css = "body { color: red; }\na::after { content: \"/* kept */\"; }\n";
    assert!(out.contains(&format!("<style>{css}</style>")), "{out}");
    // The hash is the inlined text's (`printf %s "$css" | openssl dgst -sha384 -binary | base64`).
    assert_eq!(hash, "'sha384-B27yHaj/sGILWnGOjZtx0yqRjMxsyLpgKbijczPUFcgD8oFq3loGHQX+eCwFmE+n'");
    assert!(!out.contains("main-abc.css"), "{out}");
    assert!(out.contains(r#"href="linear.css""#), "the print stylesheet stays a file: {out}");
    let out = allow_style(&out, &hash).unwrap();
    assert!(out.contains(&format!("style-src 'self' {hash}; img-src")), "{out}");
    // A stylesheet that would close the element early, or whose comment never ends, is refused.
    assert!(inline_stylesheet(page, |_| Ok("</style><script>".into())).is_err());
    assert!(inline_stylesheet(page, |_| Ok("a { color: red } /* open".into())).is_err());
    assert!(allow_style("default-src 'self'", "'sha384-x'").is_err());
}

#[test]
fn the_start_script_asks_for_nothing_before_the_first_frame() {
    let trunk = "import init, * as bindings from './explainer-1.js';\nconst wasm = await init({ module_or_path: './explainer-1_bg.wasm' });\nwindow.wasmBindings = bindings;\n";
    let out = deferred_start(trunk).unwrap();
    assert!(!out.contains("import init"), "a static import is fetched at once: {out}");
    let wait = out.find("requestAnimationFrame").unwrap();
    let import = out.find("await import('./explainer-1.js')").unwrap();
    let preload = out.find("dataset.edition").unwrap();
    assert!(wait < preload && preload < import, "{out}");
    assert!(out.find("await init(").unwrap() > import, "{out}");
    assert!(deferred_start("console.log(1)").is_err(), "another module shape must fail the build");
}

#[test]
fn the_embed_start_script_imports_its_glue_after_the_first_frame_then_starts_the_wasm() {
    let out = embed_start("./embed-1.js", "./embed-1_bg.wasm");
    let wait = out.find("requestAnimationFrame").unwrap();
    let preload = out.find("dataset.edition").unwrap();
    let glue = out.find(r#"await import("./embed-1.js")"#).unwrap();
    let start = out.find(r#"await bindings.default({ module_or_path: "./embed-1_bg.wasm" })"#).unwrap();
    assert!(wait < preload && preload < glue && glue < start, "{out}");
}

#[test]
fn every_edition_has_a_social_card_for_every_chapter_in_its_own_words() {
    use explainer::lang::Lang;
    use explainer::site::preview_path;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for lang in Lang::ALL {
        let story = explainer::story::Story::bundled_in(lang).unwrap();
        for ch in &story.chapters {
            let path = preview_path(lang, &ch.id);
            assert_eq!(path.contains(&format!("/{}/", lang.code())), lang != Lang::En, "{path}");
            let bytes = std::fs::read(root.join(&path))
                .unwrap_or_else(|e| panic!("{path}: {e} (cargo run --features previews --bin previews)"));
            assert!(bytes.starts_with(b"\x89PNG"), "{path} is not a PNG");
        }
    }
}

/// The other figures are a table per topic, headed in each edition's words (the page lays the
/// sources out a table per idle moment: one table of all of them was a long task on a phone).
#[test]
fn the_sources_give_every_figure_once_in_its_topics_table() {
    use explainer::lang::Lang;
    let data = Dataset::bundled();
    for lang in [Lang::En, Lang::Ru, Lang::Zh] {
        let story = Story::bundled_in(lang).unwrap();
        let topics = &story.meta.ui.fact_topics;
        for f in &data.facts {
            assert!(
                topics.iter().any(|t| t.topic == f.topic),
                "{lang:?}: no heading for the topic “{}” of {}",
                f.topic,
                f.id
            );
        }
    }
    with_site(|story, site| {
        let html = site.article();
        let sources = &html[html.find(r#"<section class="sources""#).expect("a sources section")..];
        let tables: Vec<&str> = sources.split("<caption>").skip(1).collect();
        // The trade table, then one per topic that has figures.
        let headed = story.meta.ui.fact_topics.iter().filter(|t| data.facts.iter().any(|f| f.topic == t.topic));
        assert_eq!(tables.len(), 1 + headed.clone().count());
        for (explainer::story::FactTopic { topic, heading }, table) in headed.zip(&tables[1..]) {
            assert!(table.starts_with(&format!("{}</caption>", esc(heading))), "{topic}: {}", &table[..40]);
            let rows = table.matches("<tr>").count() - 1;
            let expected = data.facts.iter().filter(|f| &f.topic == topic && f.value.is_some()).count();
            assert_eq!(rows, expected, "{topic}");
            assert!(rows <= 30, "{topic}: {rows} rows, one table to lay out at once");
        }
    });
}
