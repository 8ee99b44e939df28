//! Renders each chapter's first step, with its title and source, to
//! `assets/previews/<chapter>.svg` for social-card (Open Graph) images:
//! `cargo run --bin previews`. Native only; in a wasm build `main` does nothing.
//!
//! These are SVG because the project has no rasteriser; most social sites want PNG or
//! JPEG for og:image, so a PNG step (e.g. `rsvg-convert`) is still needed before
//! linking them from index.html.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use explainer::charts::scene::Size;
    use explainer::charts::theme::Theme;
    use explainer::charts::Ctx;
    use explainer::data::Dataset;
    use explainer::maps::Geo;
    use explainer::story::Story;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let story = Story::bundled().unwrap_or_else(|e| panic!("{e}"));
    let data = Dataset::bundled();
    let geo = std::fs::read_to_string(root.join("assets").join(explainer::maps::GEO_FILE))
        .ok()
        .and_then(|t| Geo::parse(&t).map_err(|e| eprintln!("map data: {e}")).ok());
    let ctx = Ctx { data: &data, geo: geo.as_ref() };
    let theme = Theme::light();
    // 1200×630 is the usual social-card size: the chart plus title and source lines.
    let chart = Size { width: 1200.0, height: 630.0 - explainer::embed::HEADER - explainer::embed::FOOTER };
    let out = root.join("assets/previews");
    std::fs::create_dir_all(&out).expect("create assets/previews");
    for chapter in &story.chapters {
        let model = match chapter.steps[0].view.model(&data) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{}: {e}", chapter.id);
                continue;
            }
        };
        let svg = explainer::embed::export_svg(&model, ctx, chart, &theme, &chapter.graphic_title);
        let path = out.join(format!("{}.svg", chapter.id));
        std::fs::write(&path, svg).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("{}", path.display());
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
