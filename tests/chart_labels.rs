//! Chart labels in every edition: on every trade and timeline step, in English, Russian and
//! Chinese, at phone and desktop sizes, each label's measured box lies inside the figure, no two
//! labels overlap, value labels keep clear of the data lines and a timeline's stems run past no
//! other event's title. Text is measured per script (`scene::text::text_width`), as the charts
//! measure it, so a label that fits here fits in the static figures and on the page.
//!
//! `CHART_LABELS_DUMP=/some/dir cargo test --test chart_labels` also writes each checked scene
//! as `<lang>-<step>-<width>.svg` there, to look at.

use explainer::data::{DataText, Dataset};
use explainer::graphic::{Ctx, Model};
use explainer::lang::Lang;
use explainer::scene::text::text_width;
use explainer::scene::theme::Theme;
use explainer::scene::{HAnchor, Scene, Shape, Size, VAnchor};
use explainer::story::Story;

/// Phone (the static figures' narrow size and a taller phone), the static figures' wide size and
/// a desktop page.
const SIZES: [Size; 5] = [
    Size { width: 360.0, height: 380.0 },
    Size { width: 390.0, height: 380.0 },
    Size { width: 390.0, height: 420.0 },
    Size { width: 720.0, height: 480.0 },
    Size { width: 1100.0, height: 640.0 },
];

fn dataset(lang: Lang) -> Dataset {
    let mut data = Dataset::bundled();
    if lang != Lang::En {
        let unknown = data.localize(lang, &DataText::bundled(lang).unwrap());
        assert!(unknown.is_empty(), "{lang:?}: {unknown:?}");
    }
    data
}

/// A text's measured box (x0, y0, x1, y1) and the text.
#[derive(Clone, Debug)]
struct Label {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

impl Label {
    fn overlaps(&self, o: &Label) -> bool {
        // Half a pixel of tolerance: boxes that only touch do not collide.
        self.x0 < o.x1 - 0.5 && o.x0 < self.x1 - 0.5 && self.y0 < o.y1 - 0.5 && o.y0 < self.y1 - 0.5
    }
    /// Whether the segment a–b passes through the box (shrunk by a pixel).
    fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (x0, y0, x1, y1) = (self.x0 + 1.0, self.y0 + 1.0, self.x1 - 1.0, self.y1 - 1.0);
        explainer::scene::rect::Rect { x0, y0, x1, y1 }.crossed_by(a, b)
    }
}

/// The readable texts of a scene (not their halo copies, not faded-out ones) with their boxes.
fn labels(scene: &Scene, theme: &Theme) -> Vec<Label> {
    let bg = theme.background;
    let mut out = Vec::new();
    for s in &scene.shapes {
        let Shape::Text { at, text, size, h, v, color, .. } = s else { continue };
        if (color.0, color.1, color.2) == (bg.0, bg.1, bg.2) || color.3 < 0.5 {
            continue;
        }
        let w = text_width(text, *size);
        let x0 = match h {
            HAnchor::Left => at.0,
            HAnchor::Center => at.0 - w / 2.0,
            HAnchor::Right => at.0 - w,
        };
        // The glyphs' box: about 0.9 em tall around the anchor.
        let (y0, y1) = match v {
            VAnchor::Top => (at.1, at.1 + size * 0.9),
            VAnchor::Middle => (at.1 - size * 0.45, at.1 + size * 0.45),
            VAnchor::Bottom => (at.1 - size * 0.9, at.1),
        };
        out.push(Label { x0, y0, x1: x0 + w, y1, text: text.clone() });
    }
    out
}

/// Every trade, timeline, bars and waffle step of the story in `lang`: (step id, model).
fn steps(lang: Lang, data: &Dataset) -> Vec<(String, Model)> {
    let story = Story::bundled_in(lang).unwrap();
    let mut out = Vec::new();
    for (_, step) in story.steps() {
        let model = step.view.model(data).unwrap_or_else(|e| panic!("{}: {e}", step.id));
        if matches!(model, Model::Trade(_) | Model::Timeline(_) | Model::Waffle(_) | Model::Bars(_)) {
            out.push((step.id.clone(), model));
        }
    }
    out
}

fn dump(lang: Lang, id: &str, size: Size, scene: &Scene, theme: &Theme) {
    if let Ok(dir) = std::env::var("CHART_LABELS_DUMP") {
        let svg = explainer::scene::draw::to_svg(scene, size.width as u32, size.height as u32, theme.background);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(format!("{dir}/{}-{id}-{}x{}.svg", lang.code(), size.width, size.height), svg).unwrap();
    }
}

/// Each (lang, step, size) scene of the trade, timeline, bars and waffle charts.
fn each_scene(mut f: impl FnMut(&str, &Model, &Scene, Size, &Theme)) {
    let theme = Theme::light();
    let mut count = 0;
    for lang in Lang::ALL {
        let data = dataset(lang);
        let ctx = Ctx { data: &data, geo: None };
        for (id, model) in steps(lang, &data) {
            for size in SIZES {
                let scene = model.scene(ctx, 1.0, size, &theme);
                dump(lang, &id, size, &scene, &theme);
                let what = format!("{} {id} at {}x{}", lang.code(), size.width, size.height);
                f(&what, &model, &scene, size, &theme);
                count += 1;
            }
        }
    }
    assert!(count >= 3 * 8 * SIZES.len(), "only {count} scenes checked");
}

#[test]
fn every_label_lies_inside_the_figure() {
    let mut wrong = Vec::new();
    each_scene(|what, _, scene, size, theme| {
        for l in labels(scene, theme) {
            if l.x0 < -0.5 || l.x1 > size.width + 0.5 || l.y0 < -0.5 || l.y1 > size.height + 0.5 {
                wrong.push(format!("{what}: “{}” at x {:.1}–{:.1}, y {:.1}–{:.1}", l.text, l.x0, l.x1, l.y0, l.y1));
            }
        }
    });
    assert!(wrong.is_empty(), "{} labels cut at the edge:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn no_two_labels_overlap() {
    let mut wrong = Vec::new();
    each_scene(|what, _, scene, _, theme| {
        let ls = labels(scene, theme);
        for (i, a) in ls.iter().enumerate() {
            for b in &ls[i + 1..] {
                if a.overlaps(b) {
                    wrong.push(format!("{what}: “{}” and “{}”", a.text, b.text));
                }
            }
        }
    });
    assert!(wrong.is_empty(), "{} overlapping labels:\n{}", wrong.len(), wrong.join("\n"));
}

/// The data lines of a trade chart: solid polylines at least 2 px wide.
fn data_lines(scene: &Scene) -> Vec<&[(f64, f64)]> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Line { points, width, dashed: false, color, .. } if *width >= 2.0 && color.3 > 0.5 => {
                Some(points.as_slice())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn trade_labels_keep_clear_of_the_lines() {
    let mut wrong = Vec::new();
    each_scene(|what, model, scene, _, theme| {
        if !matches!(model, Model::Trade(_)) {
            return;
        }
        let lines = data_lines(scene);
        for l in labels(scene, theme) {
            for line in &lines {
                if line.windows(2).any(|w| l.crossed_by(w[0], w[1])) {
                    wrong.push(format!("{what}: “{}” lies on a line", l.text));
                    break;
                }
            }
        }
    });
    assert!(wrong.is_empty(), "{} labels on a data line:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn timeline_stems_cross_no_title() {
    let mut wrong = Vec::new();
    each_scene(|what, model, scene, _, theme| {
        if !matches!(model, Model::Timeline(_)) {
            return;
        }
        let ls = labels(scene, theme);
        // Stems: vertical 1 px lines above the lanes (lane rules are horizontal).
        for s in &scene.shapes {
            let Shape::Line { points, width, color, .. } = s else { continue };
            if *width > 1.0 || color.3 < 0.5 || points.len() != 2 || points[0].0 != points[1].0 {
                continue;
            }
            for l in &ls {
                if l.crossed_by(points[0], points[1]) {
                    wrong.push(format!("{what}: a stem at x {:.1} runs through “{}”", points[0].0, l.text));
                }
            }
        }
    });
    assert!(wrong.is_empty(), "{} stems through titles:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn timeline_titles_cover_no_dot() {
    let mut wrong = Vec::new();
    each_scene(|what, model, scene, _, theme| {
        if !matches!(model, Model::Timeline(_)) {
            return;
        }
        let ls = labels(scene, theme);
        for s in &scene.shapes {
            let Shape::Circle { center: (x, y), radius, fill, .. } = s else { continue };
            if fill.3 < 0.05 {
                continue;
            }
            let dot = Label { x0: x - radius, y0: y - radius, x1: x + radius, y1: y + radius, text: String::new() };
            for l in ls.iter().filter(|l| l.overlaps(&dot)) {
                wrong.push(format!("{what}: “{}” covers a dot at ({x:.0}, {y:.0})", l.text));
            }
        }
    });
    assert!(wrong.is_empty(), "{} titles over dots:\n{}", wrong.len(), wrong.join("\n"));
}
