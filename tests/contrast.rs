//! Contrast of what the graphics draw (WCAG 2.2 AA, 1.4.3 and 1.4.11), on the scenes
//! themselves: every step of the bundled story, phone and desktop size, light and dark. Each
//! label is measured against what is actually under it (the page, a land or water fill, a
//! panel), through its halo where it has one: text ≥ 4.5:1. The theme's own pairs (marks
//! ≥ 3:1) are checked in `src/scene/theme.rs`.

use explainer::data::Dataset;
use explainer::graphic::{Ctx, Model};
use explainer::maps::Geo;
use explainer::scene::text::text_width;
use explainer::scene::theme::Theme;
use explainer::scene::{HAnchor, Rgba, Scene, Shape, Size, VAnchor};
use explainer::story::Story;

const SIZES: [Size; 2] = [Size { width: 390.0, height: 420.0 }, Size { width: 1100.0, height: 640.0 }];

fn inside(points: &[(f64, f64)], p: (f64, f64)) -> bool {
    let mut odd = false;
    let n = points.len();
    for i in 0..n {
        let (a, b) = (points[i], points[(i + n - 1) % n]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 {
            odd = !odd;
        }
    }
    odd
}

/// The colour under point `p` after the first `upto` shapes: the page, then every fill
/// (rect, polygon) and halo that covers it, blended in drawing order.
fn backdrop(scene: &Scene, upto: usize, p: (f64, f64), page: Rgba) -> Rgba {
    let mut under = page;
    for s in &scene.shapes[..upto] {
        match s {
            Shape::Rect { x0, y0, x1, y1, fill } if p.0 >= *x0 && p.0 <= *x1 && p.1 >= *y0 && p.1 <= *y1 => {
                under = fill.over(under)
            }
            Shape::Polygon { points, fill } if inside(points, p) => under = fill.over(under),
            _ => {}
        }
    }
    under
}

/// Points across a label's box (left, middle, right of its middle line).
fn samples(at: (f64, f64), text: &str, size: f64, h: HAnchor, v: VAnchor) -> Vec<(f64, f64)> {
    let w = text_width(text, size);
    let x0 = match h {
        HAnchor::Left => at.0,
        HAnchor::Center => at.0 - w / 2.0,
        HAnchor::Right => at.0 - w,
    };
    let y = match v {
        VAnchor::Top => at.1 + size / 2.0,
        VAnchor::Middle => at.1,
        VAnchor::Bottom => at.1 - size / 2.0,
    };
    (0..5).map(|i| (x0 + w * i as f64 / 4.0, y)).collect()
}

/// Every readable label of the scene whose contrast is under 4.5:1: (text, ratio, colour, under).
fn low_contrast(scene: &Scene, theme: &Theme) -> Vec<(String, f64, Rgba, Rgba)> {
    let mut out = Vec::new();
    for (i, s) in scene.shapes.iter().enumerate() {
        let Shape::Text { at, text, size, color, h, v, .. } = s else { continue };
        // Halo copies are drawn in the background colour; they are not labels themselves.
        if (color.0, color.1, color.2) == (theme.background.0, theme.background.1, theme.background.2) {
            continue;
        }
        // Fading in or out mid-tween is not a resting state; steps rest at full alpha.
        if color.3 < 0.5 || text.trim().is_empty() {
            continue;
        }
        for p in samples(*at, text, *size, *h, *v) {
            // A halo (copies of the text just before it in background colour) lies under the
            // glyphs: blend one copy, the least it does, over what is under.
            let under = backdrop(scene, i, p, theme.background);
            let haloed = i > 0
                && matches!(&scene.shapes[i - 1], Shape::Text { text: t, color: c, .. }
                    if t == text && (c.0, c.1, c.2) == (theme.background.0, theme.background.1, theme.background.2));
            let under = if haloed {
                if let Shape::Text { color: halo, .. } = &scene.shapes[i - 1] {
                    halo.over(under)
                } else {
                    under
                }
            } else {
                under
            };
            let ratio = color.contrast(under);
            if ratio < 4.5 {
                out.push((text.clone(), ratio, *color, under));
                break;
            }
        }
    }
    out
}

/// Labels under 4.5:1 in every step whose graphic is (`maps`) or is not a map.
fn failures(maps: bool) -> (usize, Vec<String>) {
    let story = Story::bundled().unwrap();
    let data = Dataset::bundled();
    let geo = Geo::bundled();
    let ctx = Ctx { data: &data, geo: Some(&geo) };
    let mut failures = Vec::new();
    let mut labels = 0;
    for theme in [Theme::light(), Theme::dark()] {
        for chapter in &story.chapters {
            for step in &chapter.steps {
                let model = step.view.model(&data).unwrap_or_else(|e| panic!("{}: {e}", step.id));
                if matches!(model, Model::Map(_)) != maps {
                    continue;
                }
                for size in SIZES {
                    let scene = model.scene(ctx, 1.0, size, &theme);
                    labels += scene.texts().len();
                    for (text, ratio, fg, bg) in low_contrast(&scene, &theme) {
                        failures.push(format!(
                            "{:?} {} {}x{}: “{text}” {ratio:.2}:1 ({} on {})",
                            theme.name,
                            step.id,
                            size.width,
                            size.height,
                            fg.css(),
                            bg.css()
                        ));
                    }
                }
            }
        }
    }
    (labels, failures)
}

#[test]
fn every_chart_label_of_every_step_reads_at_4_5_to_1() {
    let (labels, failures) = failures(false);
    assert!(labels > 1000, "only {labels} labels checked");
    assert!(failures.is_empty(), "{} labels under 4.5:1:\n{}", failures.len(), failures.join("\n"));
}

/// Country names and the credit line were once drawn in `muted` at 80% (3.75–4.15:1); this
/// keeps every map label at 4.5:1 over whatever lies under it.
#[test]
fn every_map_label_of_every_step_reads_at_4_5_to_1() {
    let (labels, failures) = failures(true);
    assert!(labels > 500, "only {labels} labels checked");
    assert!(failures.is_empty(), "{} labels under 4.5:1:\n{}", failures.len(), failures.join("\n"));
}
