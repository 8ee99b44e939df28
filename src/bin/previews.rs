//! Renders each chapter's first step, with its title and source, in each edition, to
//! `assets/previews/[<lang>/]<chapter>.png` (1200×630) for social-card (Open Graph) images:
//! `cargo run --features previews --bin previews`. The chart code draws the SVG, as it does
//! for the SVG download; resvg rasterises it with the machine's sans-serif font (DejaVu Sans
//! on Debian). Native only; in a wasm build `main` does nothing.
//!
//! `… --bin previews -- <step-id> <width>x<height> [dark] [ru|zh] [out.png]` renders one step at
//! one size instead (a quick look at a chart without a browser), in the given edition (Chinese
//! set in Noto Sans CJK SC where the machine has it).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use explainer::data::Dataset;
    use explainer::graphic::Ctx;
    use explainer::lang::Lang;
    use explainer::maps::Geo;
    use explainer::scene::theme::Theme;
    use explainer::scene::Size;
    use explainer::story::Story;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let geo = std::fs::read_to_string(root.join("assets").join(explainer::maps::geo::BASE_FILE))
        .ok()
        .and_then(|t| Geo::parse(&t).map_err(|e| eprintln!("map data: {e}")).ok());
    let edition = |lang: Lang| {
        let story = Story::bundled_in(lang).unwrap_or_else(|e| panic!("{e}"));
        let mut data = Dataset::bundled();
        if lang != Lang::En {
            let text = explainer::data::DataText::bundled(lang).unwrap_or_else(|e| panic!("{e}"));
            data.localize(lang, &text);
        }
        (story, data)
    };
    // resvg sets the text in the machine's sans-serif: DejaVu Sans (Latin and Cyrillic), Noto Sans
    // CJK SC for the Chinese edition.
    let fonts = |lang: Lang| {
        let mut fonts = resvg::usvg::fontdb::Database::new();
        fonts.load_system_fonts();
        fonts.set_sans_serif_family(if lang == Lang::Zh { "Noto Sans CJK SC" } else { "DejaVu Sans" });
        std::sync::Arc::new(fonts)
    };
    if let Some(id) = args.first() {
        // An edition for the one-step look: `ru` or `zh` among the arguments after the step id.
        let lang = args.iter().skip(1).find_map(|a| Lang::parse(a).filter(|_| a.len() == 2)).unwrap_or(Lang::En);
        let (story, data) = edition(lang);
        let ctx = Ctx { data: &data, geo: geo.as_ref() };
        let at = story.find_step(id).unwrap_or_else(|| panic!("no step {id}"));
        let chapter = &story.chapters[at.chapter];
        let (w, h) = args
            .get(1)
            .and_then(|s| s.split_once('x'))
            .map(|(w, h)| (w.parse().unwrap(), h.parse().unwrap()))
            .unwrap_or((800.0, 450.0));
        let theme = if args.iter().any(|a| a == "dark") { Theme::dark() } else { Theme::light() };
        let model = chapter.steps[at.step].view.model(&data).unwrap_or_else(|e| panic!("{e}"));
        let svg =
            explainer::embed::export_svg(&model, ctx, Size { width: w, height: h }, &theme, &chapter.graphic_title);
        let path = args.iter().find(|a| a.ends_with(".png")).cloned().unwrap_or_else(|| format!("/tmp/{id}.png"));
        std::fs::write(&path, rasterise(&svg, &fonts(lang))).unwrap_or_else(|e| panic!("{path}: {e}"));
        println!("{path}");
        return;
    }
    // 1200×630 is the usual social-card size: the chart plus title and source lines.
    let chart = Size { width: 1200.0, height: 630.0 - explainer::embed::HEADER - explainer::embed::FOOTER };
    for lang in Lang::ALL {
        let (story, data) = edition(lang);
        let ctx = Ctx { data: &data, geo: geo.as_ref() };
        let fonts = fonts(lang);
        for chapter in &story.chapters {
            let model = match chapter.steps[0].view.model(&data) {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("{}: {e}", chapter.id);
                    continue;
                }
            };
            let svg = explainer::embed::export_svg(&model, ctx, chart, &Theme::light(), &chapter.graphic_title);
            let path = root.join("assets").join(explainer::site::preview_path(lang, &chapter.id));
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            }
            std::fs::write(&path, rasterise(&svg, &fonts)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            println!("{}", path.display());
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn rasterise(svg: &str, fonts: &std::sync::Arc<resvg::usvg::fontdb::Database>) -> Vec<u8> {
    use resvg::{tiny_skia, usvg};
    let options = usvg::Options { fontdb: fonts.clone(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).unwrap_or_else(|e| panic!("our SVG does not parse: {e}"));
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).expect("non-empty image");
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().expect("PNG encoding")
}

#[cfg(target_arch = "wasm32")]
fn main() {}
