//! Native tests of the province/region layer (issue 16): the ten border units are present and
//! closed, neighbours share their boundaries after simplification, the layer stays small, the
//! border chapter's steps emphasise the units their text is about, and the layer's colours keep
//! their contrast.

use explainer::data::Dataset;
use explainer::graphic::{Ctx, Model};
use explainer::maps::{gazetteer, region_colours, Geo, MapModel, MapSpec, Provinces, Side};
use explainer::scene::theme::Theme;
use explainer::scene::{Rgba, Shape, Size};
use explainer::story::{Step, Story};

const CHINA: [&str; 4] = ["heilongjiang", "jilin", "inner-mongolia", "xinjiang"];
const RUSSIA: [&str; 6] = ["primorye", "khabarovsk-krai", "jewish-ao", "amur-oblast", "zabaykalsky", "altai-republic"];
const NAMES: [&str; 10] = [
    "Heilongjiang",
    "Jilin",
    "Inner Mongolia",
    "Xinjiang",
    "Primorsky Krai",
    "Khabarovsk Krai",
    "Jewish Autonomous Oblast",
    "Amur Oblast",
    "Zabaykalsky Krai",
    "Altai Republic",
];
/// The largest drawing size the tests and the page use for a map.
const LARGE: Size = Size { width: 1100.0, height: 640.0 };

fn border_steps() -> Vec<Step> {
    let story = Story::bundled().unwrap();
    let chapter = story.chapters.into_iter().find(|c| c.graphic == "border-map").expect("the border chapter");
    chapter.steps
}

fn map_model(step: &Step, data: &Dataset) -> MapModel {
    match step.view.model(data).unwrap_or_else(|e| panic!("{}: {e}", step.id)) {
        Model::Map(m) => m,
        _ => panic!("{} is not a map", step.id),
    }
}

#[test]
fn every_border_unit_is_present_named_and_closed() {
    let (g, geo) = (gazetteer(), Geo::bundled());
    for (ids, country) in [(&CHINA[..], Side::China), (&RUSSIA[..], Side::Russia)] {
        for id in ids {
            let r = g.province(id).unwrap_or_else(|| panic!("{id} in the gazetteer"));
            assert!(r.border, "{id} borders the other country");
            assert_eq!(r.country, country, "{id}");
            assert!(NAMES.contains(&r.name.as_str()), "{id}: {}", r.name);
            assert!(!r.ru.is_empty() && !r.zh.is_empty() && !r.label.is_empty(), "{id}: names in three languages");
            let u = geo.provinces.unit(id).unwrap_or_else(|| panic!("{id} has a shape"));
            assert_eq!(u.country, country);
            assert!(!u.rings.is_empty(), "{id}");
            for ring in &u.rings {
                assert!(ring.len() >= 4, "{id}: a ring of {} points", ring.len());
                assert_eq!(ring.first(), ring.last(), "{id}: the ring is closed");
                // A real area, not a sliver folded on itself (shoelace, square degrees).
                let area: f64 = ring.windows(2).map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1).sum::<f64>() / 2.0;
                assert!(area.abs() > 0.01, "{id}: area {area}");
            }
            // The source's label point lies on the shape's box (labels themselves go where the
            // visible part is widest).
            let (lons, lats): (Vec<f64>, Vec<f64>) = u.rings.iter().flatten().copied().unzip();
            let within = |v: f64, xs: &[f64]| {
                v >= xs.iter().copied().fold(f64::MAX, f64::min) && v <= xs.iter().copied().fold(f64::MIN, f64::max)
            };
            let inside = within(r.lon, &lons) && within(r.lat, &lats);
            assert!(inside, "{id}: the label point is outside the shape");
        }
    }
    // Liaoning is drawn too (the story names it) but is not on the land border.
    assert!(!g.province("liaoning").unwrap().border);
}

/// Pixels per degree of latitude at the largest zoom any border step uses, at the largest size.
fn largest_px_per_degree(data: &Dataset) -> f64 {
    border_steps()
        .iter()
        .map(|s| {
            let m = map_model(s, data);
            let p = m.camera.projection(LARGE);
            let (a, b) = (p.forward(m.camera.lon, m.camera.lat), p.forward(m.camera.lon, m.camera.lat + 0.1));
            (a.0 - b.0).hypot(a.1 - b.1) * 10.0
        })
        .fold(0.0, f64::max)
}

fn dist_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let l = dx * dx + dy * dy;
    let t = if l > 0.0 { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / l).clamp(0.0, 1.0) } else { 0.0 };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// Local plane in pixels: degrees of longitude shrink with the cosine of the latitude.
fn px(p: (f64, f64), scale: f64) -> (f64, f64) {
    (p.0 * scale * p.1.to_radians().cos(), p.1 * scale)
}

#[test]
fn neighbours_share_their_border_without_slivers() {
    let (data, geo) = (Dataset::bundled(), Geo::bundled());
    let pv: &Provinces = &geo.provinces;
    let scale = largest_px_per_degree(&data);
    assert!(scale > 50.0, "the close-up is about 60–80 px a degree: {scale}");
    // Neighbours across the border and within each country.
    let pairs = [
        ("heilongjiang", "amur-oblast"),
        ("heilongjiang", "jewish-ao"),
        ("heilongjiang", "khabarovsk-krai"),
        ("heilongjiang", "primorye"),
        ("jilin", "primorye"),
        ("inner-mongolia", "zabaykalsky"),
        ("xinjiang", "altai-republic"),
        ("heilongjiang", "jilin"),
        ("heilongjiang", "inner-mongolia"),
        ("amur-oblast", "jewish-ao"),
        ("amur-oblast", "zabaykalsky"),
        ("khabarovsk-krai", "primorye"),
    ];
    for (a, b) in pairs {
        let (ua, ub) = (pv.unit(a).unwrap(), pv.unit(b).unwrap());
        let shared: Vec<usize> = ua.arcs.iter().copied().filter(|i| ub.arcs.contains(i)).collect();
        assert!(!shared.is_empty(), "{a} and {b} share no boundary arc");
        assert!(shared.iter().all(|&i| i < pv.inner), "{a}–{b}: a shared arc is an inner (outlined) arc");
    }
    // No sliver: wherever a unit's own boundary (an arc its neighbour does not share) runs
    // beside the neighbour's, more than a pixel apart at the largest zoom, the two would leave a
    // gap or an overlap. Points within a few pixels of an arc's ends (junctions) are skipped.
    let tripoints: Vec<(f64, f64)> =
        geo.borders.iter().filter(|b| b.china_russia).flat_map(|b| [b.line[0], *b.line.last().unwrap()]).collect();
    let units: Vec<&str> = CHINA.iter().chain(RUSSIA.iter()).copied().chain(["liaoning"]).collect();
    let mut slivers = Vec::new();
    for a in &units {
        for b in &units {
            if a == b {
                continue;
            }
            let (ua, ub) = (pv.unit(a).unwrap(), pv.unit(b).unwrap());
            let b_segments: Vec<((f64, f64), (f64, f64))> = ub
                .arcs
                .iter()
                .filter(|&&i| i >= pv.inner)
                .flat_map(|&i| pv.arcs[i].windows(2).map(|w| (px(w[0], scale), px(w[1], scale))).collect::<Vec<_>>())
                .collect();
            // Only boundaries no other unit shares: an arc shared with a third unit has that unit
            // between A and B (a wedge at a junction, not a gap).
            for &i in ua.arcs.iter().filter(|&&i| i >= pv.inner) {
                let arc: Vec<(f64, f64)> = pv.arcs[i].iter().map(|&p| px(p, scale)).collect();
                let (start, end) = (arc[0], *arc.last().unwrap());
                // Vertices and segment midpoints.
                let samples = arc
                    .iter()
                    .copied()
                    .chain(arc.windows(2).map(|w| ((w[0].0 + w[1].0) / 2.0, (w[0].1 + w[1].1) / 2.0)));
                for p in samples {
                    let near_end = (p.0 - start.0).hypot(p.1 - start.1).min((p.0 - end.0).hypot(p.1 - end.1)) < 8.0;
                    // Where the land border ends, a third country's wedge (North Korea, Mongolia,
                    // Kazakhstan) lies between the two.
                    let lat = p.1 / scale;
                    let lon = p.0 / scale / lat.to_radians().cos();
                    let near_tripoint = tripoints.iter().any(|t| (t.0 - lon).hypot(t.1 - lat) < 0.3);
                    if near_end || near_tripoint {
                        continue;
                    }
                    let d = b_segments.iter().map(|&(s, e)| dist_to_segment(p, s, e)).fold(f64::MAX, f64::min);
                    if d > 1.0 && d < 6.0 {
                        slivers.push(format!(
                            "{a}/{b}: {d:.1} px at {:.2},{lat:.2}",
                            p.0 / scale / lat.to_radians().cos()
                        ));
                    }
                }
            }
        }
    }
    assert!(slivers.is_empty(), "{} slivers:\n{}", slivers.len(), slivers.join("\n"));
}

#[test]
fn the_layer_stays_small() {
    // Brotli is measured in assets/geo/README.md (≈7 KB for the layer); raw JSON bounds it here.
    let base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("assets/geo/base.json").unwrap()).unwrap();
    let layer = serde_json::to_string(&base["provinces"]).unwrap();
    assert!(layer.len() < 26_000, "the province layer is {} bytes of JSON", layer.len());
    let geo = Geo::bundled();
    let points: usize = geo.provinces.arcs.iter().map(Vec::len).sum();
    assert!(points < 3_500, "{points} points");
    assert!(geo.provinces.inner > 100, "the faint outlines cover the provinces in view");
}

#[test]
fn a_step_about_a_province_emphasises_it() {
    let data = Dataset::bundled();
    let g = gazetteer();
    let geo = Geo::bundled();
    let expected: [(&str, &[&str]); 3] = [
        ("border-provinces", &["heilongjiang", "jilin"]),
        ("border-heihe", &["heilongjiang", "amur-oblast"]),
        ("border-crossings", &["inner-mongolia", "zabaykalsky"]),
    ];
    let steps = border_steps();
    for (id, units) in expected {
        let step = steps.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("step {id}"));
        let m = map_model(step, &data);
        for u in units {
            let shown = m.regions.iter().find(|r| r.id == *u).unwrap_or_else(|| panic!("{id}: {u} is shown"));
            assert_eq!((shown.alpha, shown.emphasis), (1.0, 1.0), "{id}: {u} is emphasised");
            // Drawn: its outline at the emphasised width in its country's colour, and its name.
            let theme = Theme::light();
            let c = region_colours(&theme).edge(g.province(u).unwrap().china());
            let scene = m.scene(Some(&geo), &data, 1.0, Size { width: 640.0, height: 560.0 }, &theme);
            let outlined = scene.shapes.iter().any(|s| {
                matches!(s, Shape::Line { color, width, .. } if *width > 1.7 && (color.0, color.1, color.2) == (c.0, c.1, c.2))
            });
            assert!(outlined, "{id}: {u} is outlined");
            let label = &g.province(u).unwrap().label;
            assert!(scene.texts().contains(&label.as_str()), "{id}: {u} is labelled: {:?}", scene.texts());
        }
    }
    // Every unit a border step's text names is drawn in that step.
    for step in &steps {
        let m = map_model(step, &data);
        for r in &g.provinces {
            if step.text.contains(&r.name) || step.text.contains(&r.label) {
                assert!(
                    m.regions.iter().any(|s| s.id == r.id),
                    "{}: the text names {} but the map does not draw it",
                    step.id,
                    r.name
                );
            }
        }
    }
}

#[test]
fn emphasis_is_tweened() {
    let data = Dataset::bundled();
    let steps = border_steps();
    let get = |id: &str| map_model(steps.iter().find(|s| s.id == id).unwrap(), &data);
    let (a, b) = (get("border-provinces"), get("border-heihe"));
    let mid = MapModel::lerp(&a, &b, 0.5).unwrap();
    let r = |id: &str| mid.regions.iter().find(|r| r.id == id).cloned();
    assert_eq!(r("heilongjiang").map(|r| (r.alpha, r.emphasis)), Some((1.0, 1.0)));
    let amur = r("amur-oblast").unwrap();
    assert!((amur.emphasis - 0.5).abs() < 1e-9, "Amur Oblast's emphasis eases in: {amur:?}");
    let jilin = r("jilin").unwrap();
    assert!((jilin.alpha - 0.5).abs() < 1e-9, "Jilin fades out: {jilin:?}");
}

#[test]
fn descriptions_and_tables_name_the_units_and_their_figures() {
    let data = Dataset::bundled();
    let g = gazetteer();
    let mut all_text = String::new();
    for step in border_steps() {
        let m = map_model(&step, &data);
        let (d, t) = (m.describe(&data), m.table(&data));
        for r in &m.regions {
            let name = &g.province(&r.id).unwrap().name;
            assert!(d.contains(name.as_str()), "{}: the description names {name}: {d}", step.id);
            assert!(t.rows.iter().any(|row| row[0].starts_with(name.as_str())), "{}: the table names {name}", step.id);
        }
        for row in &t.rows {
            assert!(!row[3].is_empty() && !row[4].is_empty(), "{}: {row:?}", step.id);
        }
        if m.regions.iter().any(|r| r.id == "heilongjiang") {
            assert!(d.contains("¥217.7bn") && d.contains("unverified"), "{}: {d}", step.id);
            assert!(t.rows.iter().any(|r| r[0].starts_with("Heilongjiang") && r[1].contains("217.7")));
        }
        if m.regions.iter().any(|r| r.id == "jilin") {
            assert!(d.contains("72%"), "{}: {d}", step.id);
        }
        // Units without a figure are said to have none, not given a zero.
        if m.regions.iter().any(|r| r.id == "amur-oblast") {
            assert!(t.rows.iter().any(|r| r[0].starts_with("Amur Oblast") && r[1] == "no figure in the dataset"));
        }
        all_text.push_str(&d);
        all_text.push_str(&step.text);
    }
    for name in NAMES {
        assert!(all_text.contains(name), "the border chapter never names {name}");
    }
}

#[test]
fn an_unknown_unit_is_named_with_its_field() {
    let data = Dataset::bundled();
    let spec: MapSpec =
        serde_json::from_str(r#"{"view":"border","regions":["heilongjiang","narnia-oblast"]}"#).unwrap();
    let e = spec.model(&data).unwrap_err();
    assert!(e.contains("narnia-oblast") && e.contains("`regions`"), "{e}");
    // The chapter file's own specs resolve; an unknown id there fails with the step named.
    let text = std::fs::read_to_string("assets/story/chapters/06-border.toml").unwrap();
    let broken = text.replacen("\"amur-oblast\"", "\"amur-oblastt\"", 1);
    let v: toml::Value = toml::from_str(&broken).unwrap();
    let steps = v["steps"].as_array().unwrap();
    let failures: Vec<String> = steps
        .iter()
        .filter_map(|s| {
            let mut view = serde_json::to_value(&s["view"]).unwrap();
            view.as_object_mut().unwrap().remove("form");
            let spec: MapSpec = serde_json::from_value(view).unwrap();
            spec.model(&data).err().map(|e| format!("step {}: {e}", s["id"].as_str().unwrap()))
        })
        .collect();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].contains("amur-oblastt") && failures[0].contains("regions"), "{}", failures[0]);
}

#[test]
fn outlines_and_labels_keep_their_contrast() {
    for theme in [Theme::light(), Theme::dark()] {
        let c = region_colours(&theme);
        let china_land = theme.land.mix(theme.china, 0.07);
        let russia_land = theme.land.mix(theme.russia, 0.07);
        // Everything a unit's boundary can lie on or next to: the countries' land, the other
        // countries', the sea, and the tints of a shown or emphasised unit on either side.
        let mut fills: Vec<(String, Rgba)> = vec![
            ("China's land".into(), china_land),
            ("Russia's land".into(), russia_land),
            ("other land".into(), theme.land_other),
            ("sea".into(), theme.water),
        ];
        for (china, land) in [(true, china_land), (false, russia_land)] {
            for e in [0.0, 1.0] {
                fills.push((format!("tint china={china} emphasis={e}"), c.fill(china, e).over(land)));
            }
        }
        for (name, bg) in &fills {
            let r = c.outline.contrast(*bg);
            assert!(r >= 3.0, "{:?}: faint outline {r:.2}:1 on {name}", theme.name);
            for china in [true, false] {
                let r = c.edge(china).contrast(*bg);
                assert!(r >= 3.0, "{:?}: outline of a shown unit (china={china}) {r:.2}:1 on {name}", theme.name);
                // Labels: the edge colour mixed with the ink, over its halo over the fill.
                let label = c.edge(china).mix(theme.ink, 0.3);
                let r = label.contrast(theme.background.alpha(0.85).over(*bg));
                assert!(r >= 4.5, "{:?}: a unit's label {r:.2}:1 on {name}", theme.name);
            }
        }
    }
}

#[test]
fn phone_labels_thin_out_without_overlap() {
    let (data, geo) = (Dataset::bundled(), Geo::bundled());
    let ctx = Ctx { data: &data, geo: Some(&geo) };
    for step in border_steps() {
        let model = step.view.model(&data).unwrap();
        for theme in [Theme::light(), Theme::dark()] {
            for size in [Size { width: 360.0, height: 300.0 }, Size { width: 390.0, height: 420.0 }, LARGE] {
                let scene = model.scene(ctx, 1.0, size, &theme);
                // Label boxes of the readable texts (halo copies share the box).
                let mut boxes: Vec<(f64, f64, f64, f64, String)> = Vec::new();
                for s in &scene.shapes {
                    let Shape::Text { at, text, size: fs, h, color, .. } = s else { continue };
                    if (color.0, color.1, color.2) == (theme.background.0, theme.background.1, theme.background.2) {
                        continue;
                    }
                    let w = explainer::scene::text::text_width(text, *fs);
                    let x0 = match h {
                        explainer::scene::HAnchor::Left => at.0,
                        explainer::scene::HAnchor::Center => at.0 - w / 2.0,
                        explainer::scene::HAnchor::Right => at.0 - w,
                    };
                    boxes.push((x0, at.1 - fs * 0.45, x0 + w, at.1 + fs * 0.45, text.clone()));
                }
                for (i, a) in boxes.iter().enumerate() {
                    for b in &boxes[i + 1..] {
                        let overlap = a.0 < b.2 - 1.0 && b.0 < a.2 - 1.0 && a.1 < b.3 - 1.0 && b.1 < a.3 - 1.0;
                        assert!(!overlap, "{} {size:?}: “{}” overlaps “{}”", step.id, a.4, b.4);
                    }
                }
                // The step's emphasised units keep their label even on a phone.
                if let Model::Map(m) = &model {
                    for r in m.regions.iter().filter(|r| r.emphasis > 0.5) {
                        let p = gazetteer().province(&r.id).unwrap();
                        let in_view = scene.texts().contains(&p.label.as_str());
                        if size.width >= 600.0 {
                            assert!(in_view, "{} {size:?}: {} is not labelled", step.id, p.label);
                        }
                    }
                }
            }
        }
    }
}
