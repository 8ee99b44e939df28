//! The story content against the dataset: every step resolves, ids are unique and
//! URL-safe, every state shows sourced figures and has a description and a table.

use explainer::data::Dataset;
use explainer::graphic::{frame, Ctx};
use explainer::scene::{theme::Theme, Size};
use explainer::story::Story;

#[test]
fn every_step_resolves_against_the_dataset() {
    let data = Dataset::bundled();
    let story = Story::bundled().expect("story parses");
    let models = story.models(&data).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(models.len(), story.chapters.len());
    assert!(!story.chapters.is_empty());
}

#[test]
fn every_chapter_has_three_or_more_steps_that_each_change_the_graphic() {
    let data = Dataset::bundled();
    let story = Story::bundled().unwrap();
    let models = story.models(&data).unwrap();
    let ctx = Ctx { data: &data, geo: None };
    let size = Size { width: 640.0, height: 560.0 };
    for (c, chapter) in story.chapters.iter().enumerate() {
        assert!(chapter.steps.len() >= 3, "chapter {} has {} steps", chapter.id, chapter.steps.len());
        for s in 1..chapter.steps.len() {
            let (a, b) = (&models[c][s - 1], &models[c][s]);
            assert_ne!(a, b, "steps {} and {} show the same state", chapter.steps[s - 1].id, chapter.steps[s].id);
            let describe = |m: &explainer::graphic::Model| m.describe(&data);
            if !matches!(b, explainer::graphic::Model::Map(_)) {
                assert_ne!(
                    frame(a, a, 1.0, ctx, 0.5, size, &Theme::light()),
                    frame(a, b, 1.0, ctx, 0.5, size, &Theme::light()),
                    "step {} draws like the one before",
                    chapter.steps[s].id
                );
                assert_ne!(describe(a), describe(b), "step {} is described like the one before", chapter.steps[s].id);
            }
        }
    }
}

#[test]
fn every_state_has_text_a_table_and_sources() {
    let data = Dataset::bundled();
    let story = Story::bundled().unwrap();
    for (r, step) in story.steps() {
        let m = step.view.model(&data).unwrap();
        assert!(!m.describe(&data).is_empty(), "{} has no description", step.id);
        let t = m.table(&data);
        assert!(!t.rows.is_empty(), "{} has an empty data table", step.id);
        let sources = m.sources(&data);
        assert!(!sources.is_empty(), "{} shows figures without a source", step.id);
        for s in sources {
            assert!(data.source(&s).is_some(), "{}: unknown source {s}", step.id);
        }
        assert!(step.paragraphs().count() >= 1, "{} (chapter {}) has no text", step.id, r.chapter);
    }
}

#[test]
fn tweens_pass_through_sensible_states() {
    let data = Dataset::bundled();
    let story = Story::bundled().unwrap();
    let models = story.models(&data).unwrap();
    let ctx = Ctx { data: &data, geo: None };
    for chapter in &models {
        for w in chapter.windows(2) {
            for t in [0.0, 0.3, 0.7, 1.0] {
                let scene = frame(&w[0], &w[1], t, ctx, 0.0, Size { width: 360.0, height: 420.0 }, &Theme::dark());
                for shape in &scene.shapes {
                    let ok = match shape {
                        explainer::scene::Shape::Line { points, .. }
                        | explainer::scene::Shape::Polygon { points, .. } => {
                            points.iter().all(|p| p.0.is_finite() && p.1.is_finite())
                        }
                        explainer::scene::Shape::Text { at, .. } | explainer::scene::Shape::Halo { at, .. } => {
                            at.0.is_finite() && at.1.is_finite()
                        }
                        explainer::scene::Shape::Rect { x0, y0, x1, y1, .. } => {
                            [x0, y0, x1, y1].iter().all(|v| v.is_finite())
                        }
                        explainer::scene::Shape::Circle { center, radius, .. } => {
                            center.0.is_finite() && radius.is_finite()
                        }
                    };
                    assert!(ok, "non-finite geometry in a tween frame: {shape:?}");
                }
            }
        }
    }
}

/// The page's wasm carries no prose (build.rs strips it), so the content must be whole here:
/// a step without words would be a blank card in the static article.
#[test]
fn every_step_and_the_opening_have_words() {
    let story = explainer::story::Story::bundled().unwrap();
    assert!(!story.meta.dek.is_empty() && !story.meta.opening.is_empty() && !story.meta.headline_label.is_empty());
    for (_, step) in story.steps() {
        assert!(step.paragraphs().count() >= 1, "step {} has no text", step.id);
        assert!(step.paragraphs().all(|p| p.split_whitespace().count() >= 5), "step {} has a stub paragraph", step.id);
    }
}

#[test]
fn an_embed_leaves_vertical_keys_to_its_host_and_present_mode_takes_them() {
    use explainer::story::engine::{embed_key, Key};
    assert_eq!(embed_key("ArrowRight", false, false, false), Some(Key::Next));
    assert_eq!(embed_key("ArrowDown", false, false, false), None);
    assert_eq!(embed_key("End", false, false, false), None);
    assert_eq!(embed_key(" ", false, false, false), None);
    assert_eq!(embed_key("ArrowDown", true, false, false), Some(Key::Next));
    assert_eq!(embed_key("Home", true, false, false), Some(Key::First));
    assert_eq!(embed_key(" ", true, true, false), Some(Key::Previous));
    assert_eq!(embed_key(" ", true, false, true), None, "Space presses a focused button");
}

#[test]
fn a_typo_in_a_view_names_the_chapter_file_and_step() {
    use explainer::lang::Lang;
    use explainer::story::story_json;
    let json = story_json(Lang::En);
    // The map view of the Arctic chapter's first step, and a field of a chart's view.
    for (from, to, file, step, typo) in [
        (r#""view":"arctic""#, r#""view":"arctik""#, "assets/story/chapters/08-arctic.toml", "arctic-route", "arctik"),
        (r#""form":"map""#, r#""form":"mapp""#, "assets/story/chapters/04-pipes.toml", "pipes-pos1", "mapp"),
    ] {
        assert!(json.contains(from), "{from}");
        let e = Story::parse(&json.replacen(from, to, 1)).unwrap_err();
        assert!(e.starts_with(&format!("{file}, step {step}: ")) && e.contains(typo), "{e}");
    }
    // Chapter-level fields: the file without a step.
    let e = Story::parse(&json.replacen(r#""takeaway":"#, r#""takeway":"#, 1)).unwrap_err();
    assert!(e.starts_with("assets/story/chapters/01-boom.toml: ") && e.contains("takeway"), "{e}");
    let e = Story::parse(&json.replacen(r#""eyebrow":"#, r#""eyebrw":"#, 1)).unwrap_err();
    assert!(e.starts_with("assets/story/story.toml: "), "{e}");
}
