//! Honest scales: wherever a chart has a time axis, the distance between two years is
//! proportional to the years between them. Checked on every step of the bundled story, at
//! phone and desktop size, in its own state and half-way through the tween from the step
//! before, on the scene the page, the static figures and the exports all draw.

use explainer::data::Dataset;
use explainer::graphic::{self, Ctx, Model};
use explainer::maps::Geo;
use explainer::scene::theme::Theme;
use explainer::scene::{HAnchor, Scene, Shape, Size, VAnchor};
use explainer::story::Story;

const SIZES: [Size; 3] =
    [Size { width: 390.0, height: 420.0 }, Size { width: 640.0, height: 480.0 }, Size { width: 1100.0, height: 640.0 }];

/// Year labels of a time axis: centred, hanging below the plot, text a year, all on one
/// baseline (the row with most of them; a side panel's own year captions sit lower).
fn axis_years(scene: &Scene) -> Vec<(f64, f64)> {
    let labels: Vec<(f64, f64, f64)> = scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { at, text, h: HAnchor::Center, v: VAnchor::Top, color, .. } if color.3 > 0.5 => {
                let year: f64 = text.parse().ok().filter(|y| (1990.0..2100.0).contains(y))?;
                Some((year, at.0, at.1))
            }
            _ => None,
        })
        .collect();
    let on_row = |y: f64| labels.iter().filter(|l| (l.2 - y).abs() < 0.5).count();
    let row = labels.iter().map(|l| l.2).max_by_key(|&y| on_row(y)).unwrap_or(0.0);
    let mut out: Vec<(f64, f64)> = labels.iter().filter(|l| (l.2 - row).abs() < 0.5).map(|l| (l.0, l.1)).collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Asserts that pixel x is an affine, increasing function of the year for every label.
fn assert_proportional(what: &str, years: &[(f64, f64)]) {
    assert!(years.len() >= 2, "{what}: a time axis needs two labelled years, found {years:?}");
    let (first, last) = (years[0], years[years.len() - 1]);
    let px_per_year = (last.1 - first.1) / (last.0 - first.0);
    assert!(px_per_year > 0.0, "{what}: time must run left to right: {years:?}");
    for w in years.windows(2) {
        let (a, b) = (w[0], w[1]);
        let expected = (b.0 - a.0) * px_per_year;
        let got = b.1 - a.1;
        assert!(
            (got - expected).abs() < 0.5,
            "{what}: {} → {} is {got:.1}px, but {} years at {px_per_year:.1}px a year is {expected:.1}px ({years:?})",
            a.0,
            b.0,
            b.0 - a.0
        );
    }
}

/// Marks (circles) of annual values sit at whole years on the same proportional scale as
/// the axis labels, not in equally spaced slots.
fn assert_marks_on_axis(what: &str, scene: &Scene, years: &[(f64, f64)]) {
    let (first, last) = (years[0], years[years.len() - 1]);
    let px_per_year = (last.1 - first.1) / (last.0 - first.0);
    for s in &scene.shapes {
        if let Shape::Circle { center, stroke, fill, .. } = s {
            if fill.3 < 0.5 && stroke.is_none_or(|c| c.3 < 0.5) {
                continue;
            }
            let year = first.0 + (center.0 - first.1) / px_per_year;
            let off = (year - year.round()).abs() * px_per_year;
            assert!(off < 0.5, "{what}: a mark at x={:.1} is {off:.1}px off the year {}", center.0, year.round());
        }
    }
}

#[test]
fn every_time_axis_is_proportional_to_time() {
    let story = Story::bundled().unwrap();
    let data = Dataset::bundled();
    let geo = Geo::bundled();
    let ctx = Ctx { data: &data, geo: Some(&geo) };
    let theme = Theme::light();
    let mut checked = std::collections::BTreeMap::<&str, usize>::new();
    for chapter in &story.chapters {
        let mut before: Option<Model> = None;
        for step in &chapter.steps {
            let model = step.view.model(&data).unwrap_or_else(|e| panic!("{}: {e}", step.id));
            let form = match &model {
                Model::Trade(_) => "trade",
                Model::Slope(_) => "slope",
                Model::Timeline(_) => "timeline",
                // Bars, waffles and maps have no time axis.
                _ => {
                    before = Some(model);
                    continue;
                }
            };
            for size in SIZES {
                let mut states = vec![("", model.scene(ctx, 1.0, size, &theme))];
                if let Some(b) = &before {
                    states.push((" (mid-tween)", graphic::frame(b, &model, 0.5, ctx, 1.0, size, &theme)));
                }
                for (when, scene) in states {
                    let what = format!("{} at {}x{}{when}", step.id, size.width, size.height);
                    let years = axis_years(&scene);
                    assert_proportional(&what, &years);
                    if form != "timeline" && when.is_empty() {
                        assert_marks_on_axis(&what, &scene, &years);
                    }
                }
            }
            *checked.entry(form).or_default() += 1;
            before = Some(model);
        }
    }
    for form in ["trade", "slope", "timeline"] {
        assert!(checked.get(form).copied().unwrap_or(0) > 0, "no {form} step checked: {checked:?}");
    }
}

#[test]
fn the_shares_chart_spaces_2021_2023_2024_by_time() {
    let story = Story::bundled().unwrap();
    let data = Dataset::bundled();
    let step = story.chapters.iter().flat_map(|c| &c.steps).find(|s| s.id == "lopsided-gap").unwrap();
    let model = step.view.model(&data).unwrap();
    let scene = model.scene(Ctx { data: &data, geo: None }, 1.0, Size { width: 800.0, height: 500.0 }, &Theme::light());
    let years = axis_years(&scene);
    assert_eq!(years.iter().map(|y| y.0).collect::<Vec<_>>(), vec![2021.0, 2023.0, 2024.0]);
    let two = years[1].1 - years[0].1;
    let one = years[2].1 - years[1].1;
    assert!((two - 2.0 * one).abs() < 0.5, "2021→2023 is {two:.1}px, 2023→2024 is {one:.1}px");
}
