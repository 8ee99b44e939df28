//! Native tests of the maps: assets, projections, antimeridian, labels, distances, and every map
//! state the story's chapters use (read from the bundled story, as the page and the static site
//! read them); and that a typo in map content fails with the file and field named.

use explainer::data::Dataset;
use explainer::graphic::Spec;
use explainer::lang::Lang;
use explainer::maps::camera::{Camera, Kind};
use explainer::maps::labels::text_width;
use explainer::maps::{
    gazetteer, haversine_km, sea_route_distances, Gazetteer, Geo, Inset, MapModel, MapSpec, RouteKind, RouteStatus,
};
use explainer::scene::theme::Theme;
use explainer::scene::{Scene, Shape, Size};
use explainer::story::{story_json, Story};

/// The map steps of the story (chapters pipes, border and arctic), in reading order: (step id, spec).
fn chapter_specs() -> Vec<(String, MapSpec)> {
    let story = Story::bundled().expect("the bundled story parses");
    story
        .steps()
        .filter_map(|(_, step)| match &step.view {
            Spec::Map(spec) => Some((step.id.clone(), spec.clone())),
            _ => None,
        })
        .collect()
}

/// One step's map spec by id.
fn spec(id: &str) -> MapSpec {
    chapter_specs().into_iter().find(|(i, _)| i == id).unwrap_or_else(|| panic!("no map step {id}")).1
}

const SIZES: [Size; 2] = [Size { width: 360.0, height: 560.0 }, Size { width: 640.0, height: 600.0 }];

fn models() -> Vec<(String, MapModel)> {
    let data = Dataset::bundled();
    chapter_specs()
        .into_iter()
        .map(|(id, s)| {
            let m = s.model(&data).unwrap_or_else(|e| panic!("{id}: {e}"));
            (id, m)
        })
        .collect()
}

#[test]
fn base_map_and_gazetteer_load() {
    let geo = Geo::bundled();
    assert!(geo.land.len() > 20);
    assert!(geo.borders.iter().any(|b| b.china_russia));
    assert!(["amur", "argun", "songhua"].iter().all(|r| geo.rivers.iter().any(|x| x.id == *r)));
    // Crimea (about 34°E, 45°N) is not drawn as Russian.
    let rus = geo.countries.iter().find(|c| c.id == "RUS").unwrap();
    assert!(!rus.rings.iter().flatten().any(|&(lon, lat)| (33.0..36.0).contains(&lon) && (44.5..45.8).contains(&lat)));
    let g = gazetteer();
    for id in [
        "heihe",
        "blagoveshchensk",
        "manzhouli",
        "zabaykalsk",
        "suifenhe",
        "tongjiang",
        "hunchun",
        "bering-strait",
        "kara-gates",
        "vilkitsky-strait",
    ] {
        assert!(g.place(id).is_some(), "{id}");
    }
    for id in [
        "power-of-siberia-1",
        "power-of-siberia-2",
        "far-eastern-route",
        "espo",
        "espo-china-spur",
        "northern-sea-route",
        "suez-route",
    ] {
        assert!(g.route(id).is_some(), "{id}");
    }
    // Assets stay small.
    let base = std::fs::metadata("assets/geo/base.json").unwrap().len();
    let gaz = std::fs::metadata("assets/geo/gazetteer.json").unwrap().len();
    assert!(base + gaz < 110_000, "{base} + {gaz} bytes");
}

#[test]
fn parse_errors_name_the_file_and_field() {
    let e = Geo::parse(r#"{"q":100,"land":[[1,2,3]],"lakes":[],"countries":[],"borders":[],"rivers":[]}"#).unwrap_err();
    assert_eq!(e.file, "geo/base.json");
    assert_eq!(e.field.as_deref(), Some("land"));
    assert!(Geo::parse("{}").is_err());
}

#[test]
fn the_pages_base_map_file_reads_back_as_the_base_map() {
    let json = std::fs::read_to_string("assets/geo/base.json").unwrap();
    let file = Geo::file(&json).unwrap();
    assert_eq!(Geo::read(&file).unwrap(), Geo::parse(&json).unwrap());
    assert!(file.len() * 2 < json.len(), "{} bytes against {} of JSON", file.len(), json.len());
    // Cut short, foreign (the JSON itself) or damaged: refused, naming the file the page fetched.
    for (bytes, says) in [(&file[..file.len() / 2], "cut short"), (json.as_bytes(), "not a map geometry file")] {
        let e = Geo::read(bytes).unwrap_err();
        assert_eq!(e.file, "geo/base.bin");
        assert!(e.message.contains(says), "{e}");
    }
    assert!(Geo::file("{}").is_err(), "a base map that does not read is not written");
}

#[test]
fn sea_routes_compare_as_published() {
    let (nsr, suez) = sea_route_distances();
    assert!((14_500.0..16_000.0).contains(&nsr), "NSR + North Cape {nsr}");
    assert!((19_000.0..20_000.0).contains(&suez), "Suez {suez}");
    // Shanghai–Rotterdam great circle is far shorter than either.
    let g = gazetteer();
    let (s, r) = (g.place("shanghai").unwrap(), g.place("rotterdam").unwrap());
    assert!(haversine_km((s.lon, s.lat), (r.lon, r.lat)) < nsr);
}

#[test]
fn every_chapter_spec_resolves_and_bad_ids_are_named() {
    // The pipes, border and arctic chapters: five, four and five map steps.
    let ids: Vec<String> = models().into_iter().map(|(id, _)| id).collect();
    let prefix = |p: &str| ids.iter().filter(|id| id.starts_with(p)).count();
    assert_eq!((ids.len(), prefix("pipes-"), prefix("border-"), prefix("arctic-")), (14, 5, 4, 5), "{ids:?}");
    let data = Dataset::bundled();
    let mut s = spec("border-crossings");
    s.places.push("atlantis".into());
    assert!(s.model(&data).unwrap_err().contains("atlantis"));
    let mut s = spec("pipes-pos1");
    s.routes.push("power-of-narnia".into());
    assert!(s.model(&data).unwrap_err().contains("power-of-narnia"));
    let bad = serde_json::from_str::<Spec>(r#"{"form":"map","view":"border","colour":"red"}"#);
    assert!(bad.unwrap_err().to_string().contains("colour"), "unknown fields are rejected");
}

/// The compiled English story with one spelling replaced (the first occurrence).
fn story_with(from: &str, to: &str) -> Result<Story, String> {
    let json = story_json(Lang::En);
    assert!(json.contains(from), "the story has no {from}");
    Story::parse(&json.replacen(from, to, 1))
}

#[test]
fn a_typo_in_a_steps_map_fails_to_load_and_names_what_is_known() {
    // A view, layer or inset the maps do not know stops the story from loading (serde names
    // the typo and the known spellings), rather than drawing another view or nothing.
    for (from, to, known) in [
        (r#""view":"far-east""#, r#""view":"far-eats""#, "arctic-shanghai"),
        (r#""layers":["border","rivers""#, r#""layers":["border","river""#, "provinces"),
        (r#""inset":"pos1-flows""#, r#""inset":"pos-1-flows""#, "gas-vs-europe"),
    ] {
        let e = story_with(from, to).unwrap_err();
        let typo = to.split('"').rev().nth(1).unwrap();
        assert!(e.contains(typo) && e.contains(known), "{to}: {e}");
    }
    // In the chapter file an editor works on: which step, and the field's own message.
    let file = "assets/story/chapters/06-border.toml";
    let text = std::fs::read_to_string(file).unwrap();
    let broken: toml::Value =
        toml::from_str(&text.replacen(r#"view = "far-east""#, r#"view = "far-eats""#, 1)).unwrap();
    let failures: Vec<String> = broken["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| {
            let view = serde_json::to_value(&s["view"]).unwrap();
            serde_json::from_value::<Spec>(view)
                .err()
                .map(|e| format!("{file}, step {}: {e}", s["id"].as_str().unwrap()))
        })
        .collect();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].contains("border-crossings") && failures[0].contains("far-eats"), "{}", failures[0]);
}

#[test]
fn a_typo_in_the_gazetteer_names_the_file_field_and_entry() {
    let json = std::fs::read_to_string("assets/geo/gazetteer.json").unwrap();
    // The page's copy, compiled in as postcard by build.rs, is the file.
    assert_eq!(&Gazetteer::parse(&json).unwrap(), gazetteer());
    for (from, to, field, entry) in [
        (r#""kind":"gas_pipeline""#, r#""kind":"gas_pipline""#, "routes.kind", "power-of-siberia-1"),
        (r#""status":"under_construction""#, r#""status":"under_constuction""#, "routes.status", "far-eastern-route"),
        (r#""kind":"border_crossing""#, r#""kind":"border-crossing""#, "places.kind", "heihe"),
        (r#""country":"RUS""#, r#""country":"RU""#, "provinces.country", "amur-oblast"),
        (r#""passage":"suez""#, r#""passage":"sues""#, "routes.passage", "suez-route"),
    ] {
        assert!(json.contains(from), "{from}");
        let e = Gazetteer::parse(&json.replacen(from, to, 1)).unwrap_err();
        assert_eq!((e.file.as_str(), e.field.as_deref()), ("geo/gazetteer.json", Some(field)), "{e}");
        let typo = to.split('"').rev().nth(1).unwrap();
        assert!(e.message.contains(entry) && e.message.contains(typo), "{e}");
    }
    // The base map: a border's kind, and China and Russia must be there to be tinted.
    let base = std::fs::read_to_string("assets/geo/base.json").unwrap();
    let e = Geo::parse(&base.replacen(r#""kind":"cn-ru""#, r#""kind":"cn_ru""#, 1)).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("borders.kind"), "{e}");
    let e = Geo::parse(&base.replacen(r#""id":"RUS""#, r#""id":"RUSS""#, 1)).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("countries"), "{e}");
    assert!(e.message.contains("RUS"), "{e}");
}

#[test]
fn pipeline_statuses_are_typed_in_both_spellings() {
    // pipelines.csv writes "under construction", the gazetteer "under_construction": one status,
    // typed when each file is read (tests/data.rs has the typo in pipelines.csv).
    let data = Dataset::bundled();
    let far_east = data.pipeline_on_map("far-eastern-route").unwrap();
    assert_eq!(far_east.status, RouteStatus::UnderConstruction);
    assert_eq!(gazetteer().route("far-eastern-route").unwrap().status, RouteStatus::UnderConstruction);
}

#[test]
fn the_data_names_map_places_and_routes_the_gazetteer_has() {
    // border_provinces.csv `map_ids` and pipelines.csv `map_route` join the data to the map.
    let (data, g) = (Dataset::bundled(), gazetteer());
    for b in &data.border {
        for id in b.map_ids() {
            let known = id == "border" || g.place(id).is_some() || g.province(id).is_some();
            assert!(known, "border_provinces.csv, {}: map id “{id}” is not in the gazetteer", b.place);
        }
    }
    for p in &data.pipelines {
        if let Some(r) = &p.map_route {
            assert!(g.route(r).is_some(), "pipelines.csv, {}: map_route “{r}” is not in the gazetteer", p.id);
        }
    }
    // Every pipeline the gazetteer draws, but the Chinese section of the East Route (no row).
    let drawn: Vec<&str> = g
        .routes
        .iter()
        .filter(|r| r.kind != RouteKind::ShippingRoute && data.pipeline_on_map(&r.id).is_none())
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(drawn, ["china-east-route"]);
}

fn segments_are_short(scene: &Scene, size: Size) -> bool {
    scene.shapes.iter().all(|s| match s {
        Shape::Line { points, .. } | Shape::Polygon { points, .. } => {
            // A segment touching the view must not run across it (off-screen edges of large
            // polygons may be long: they are outside the frame).
            let inside = |p: (f64, f64)| p.0 >= 0.0 && p.0 <= size.width && p.1 >= 0.0 && p.1 <= size.height;
            points.windows(2).all(|w| {
                let ok = !(inside(w[0]) || inside(w[1]))
                    || (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1) < size.width.max(size.height) * 0.6;
                if !ok {
                    eprintln!("long segment {:?} -> {:?}", w[0], w[1]);
                }
                ok
            })
        }
        _ => true,
    })
}

#[test]
fn scenes_for_every_step_and_size() {
    let (data, geo) = (Dataset::bundled(), Geo::bundled());
    for theme in [Theme::light(), Theme::dark()] {
        for (id, m) in models() {
            for size in SIZES {
                let s = m.scene(Some(&geo), &data, 1.0, size, &theme);
                assert!(s.shapes.len() > 10, "{id}: {}", s.shapes.len());
                assert!(segments_are_short(&s, size), "{id}: a segment jumps across the map");
                // Text stays inside and readable; placed labels do not overlap (their halos, copies
                // in the background colour, are left out).
                let mut boxes = Vec::new();
                for sh in &s.shapes {
                    if let Shape::Text { at, text, size: fs, h, color, .. } = sh {
                        if (color.0, color.1, color.2) == (theme.background.0, theme.background.1, theme.background.2) {
                            continue;
                        }
                        assert!(*fs >= 11.0, "{id}: {text} at {fs}px");
                        let w = text_width(text, *fs);
                        let x0 = match h {
                            explainer::scene::HAnchor::Left => at.0,
                            explainer::scene::HAnchor::Center => at.0 - w / 2.0,
                            explainer::scene::HAnchor::Right => at.0 - w,
                        };
                        assert!(
                            x0 >= -0.5 && x0 + w <= size.width + 0.5 && at.1 > 0.0 && at.1 < size.height,
                            "{id} {size:?}: “{text}” leaves the frame"
                        );
                        boxes.push((x0, at.1 - fs * 0.5, x0 + w, at.1 + fs * 0.5, text.clone()));
                    }
                }
                for (i, a) in boxes.iter().enumerate() {
                    for b in &boxes[i + 1..] {
                        let overlap = a.0 < b.2 - 1.0 && b.0 < a.2 - 1.0 && a.1 < b.3 - 1.0 && b.1 < a.3 - 1.0;
                        assert!(!overlap, "{id} {size:?}: “{}” overlaps “{}”", a.4, b.4);
                    }
                }
                let texts = s.texts();
                if id == "border-crossings" {
                    assert!(texts.contains(&"Heihe") || texts.contains(&"Blagoveshchensk"), "{id} {size:?}: {texts:?}");
                }
                if id == "arctic-distance" {
                    assert!(texts.iter().any(|t| t.contains("km")), "{id}: distances are labelled");
                }
            }
        }
    }
}

#[test]
fn chukotka_and_alaska_draw_as_one_coast() {
    // Centred on the Bering Strait in both projections: nothing spans the map.
    let (data, geo) = (Dataset::bundled(), Geo::bundled());
    let size = Size { width: 640.0, height: 600.0 };
    for kind in [Kind::Conic, Kind::Polar] {
        let cam = Camera { kind, lon: -175.0, lat: 64.0, zoom: 2.0, rotate: 170.0 };
        let mut m = spec("arctic-bering").model(&data).unwrap();
        m.camera = cam;
        let s = m.scene(Some(&geo), &data, 1.0, size, &Theme::light());
        assert!(segments_are_short(&s, size), "{kind:?}");
        let p = cam.projection(size);
        let (a, b) = (p.forward(179.9, 66.0), p.forward(-179.9, 66.0));
        assert!((a.0 - b.0).hypot(a.1 - b.1) < 5.0, "{kind:?}: 0.2° apart stays close on screen");
    }
}

#[test]
fn pipeline_is_drawn_progressively() {
    let (data, geo) = (Dataset::bundled(), Geo::bundled());
    let m = models().into_iter().find(|(id, _)| *id == "pipes-pos1").unwrap().1;
    let size = SIZES[1];
    let len = |progress: f64| -> f64 {
        let s = m.scene(Some(&geo), &data, progress, size, &Theme::light());
        let green = Theme::light().categorical[2];
        s.shapes
            .iter()
            .filter_map(|sh| match sh {
                Shape::Line { points, color, .. } if (color.0, color.1, color.2) == (green.0, green.1, green.2) => {
                    Some(points.windows(2).map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1)).sum::<f64>())
                }
                _ => None,
            })
            .sum()
    };
    let (a, b, c) = (len(0.1), len(0.5), len(1.0));
    assert!(a < b && b < c, "{a} {b} {c}");
}

#[test]
fn lerp_eases_the_camera_and_fades_layers() {
    let ms = models();
    let get = |id: &str| ms.iter().find(|(i, _)| *i == id).unwrap().1.clone();
    let (a, b) = (get("border-line"), get("border-crossings"));
    let mid = MapModel::lerp(&a, &b, 0.5).unwrap();
    assert!((mid.camera.zoom - (a.camera.zoom * b.camera.zoom).sqrt()).abs() < 1e-9);
    // border-line marks no place; border-crossings' places are half faded in.
    assert!(a.places.is_empty() && mid.places.len() == b.places.len(), "{:?}", mid.places);
    assert!(mid.places.iter().all(|p| (p.alpha - 0.5).abs() < 1e-9));
    assert_eq!(MapModel::lerp(&a, &b, 0.0).unwrap(), a);
    assert_eq!(MapModel::lerp(&a, &b, 1.0).unwrap().places, b.places);
    // Conic to polar cannot be interpolated: the page crossfades.
    assert!(MapModel::lerp(&get("pipes-compare"), &get("arctic-route"), 0.5).is_none());
    // Between insets, one fades out before the other fades in: never both at once.
    let (from, to) = (get("arctic-distance"), get("arctic-cargo"));
    assert_eq!((from.inset, to.inset), (Some((Inset::Distances, 1.0)), Some((Inset::NsrTransit, 1.0))));
    let inset = |t: f64| MapModel::lerp(&from, &to, t).expect("both polar").inset;
    assert_eq!(inset(0.25), Some((Inset::Distances, 0.5)), "the first inset is half gone");
    assert_eq!(inset(0.5), Some((Inset::NsrTransit, 0.0)), "at the middle neither shows");
    assert_eq!(inset(0.75), Some((Inset::NsrTransit, 0.5)), "the second is half in");
    for i in 0..=20 {
        let t = i as f64 / 20.0;
        let Some((which, a)) = inset(t) else { panic!("t = {t}: the inset disappears") };
        let expected = if t < 0.5 { Inset::Distances } else { Inset::NsrTransit };
        assert_eq!(which, expected, "t = {t}");
        assert!((0.0..=1.0).contains(&a), "t = {t}: {a}");
    }
    // An inset fades out alone when the next step has none.
    let alone = MapModel::lerp(&to, &get("arctic-commission"), 0.25).unwrap().inset;
    assert_eq!(alone, Some((Inset::NsrTransit, 0.5)));
}

#[test]
fn descriptions_tables_and_sources() {
    let data = Dataset::bundled();
    for (id, m) in models() {
        let d = m.describe(&data);
        assert!(d.len() > 60, "{id}: {d}");
        let t = m.table(&data);
        assert_eq!(t.columns, vec!["Shown", "Figure", "Period", "Source", "Status"]);
        for r in &t.rows {
            assert!(!r[3].is_empty() && !r[4].is_empty(), "{id}: every figure has a source and status: {r:?}");
        }
        for s in m.sources(&data) {
            assert!(data.source(&s).is_some(), "{id}: {s}");
        }
    }
    let get = |id: &str| models().into_iter().find(|(i, _)| *i == id).unwrap().1;
    let border = get("border-provinces");
    assert!(border.describe(&data).contains("¥217.7bn"));
    assert!(border.sources(&data).contains(&"provincial-stats".to_string()));
    let pipes = get("pipes-compare").table(&data);
    assert!(pipes.rows.iter().any(|r| r[1].contains("145")), "{pipes:?}");
    let pos1 = get("pipes-pos1");
    assert!(pos1.table(&data).rows.iter().any(|r| r[2] == "2023" && r[1] == "22.7"));
    let arctic = get("arctic-bering");
    assert!(arctic.sources(&data).contains(&"threat-2025".to_string()));
    assert!(get("arctic-distance").describe(&data).contains("km"));
    assert!(get("arctic-cargo").table(&data).rows.iter().any(|r| r[1] == "3.07"));
}

#[test]
fn loading_text_without_geo() {
    let (id, m) = models().remove(0);
    let s = m.scene(None, &Dataset::bundled(), 0.0, SIZES[0], &Theme::light());
    assert_eq!(s.texts(), vec!["Loading the map…"], "{id}");
}

/// Writes SVG previews to target/map-previews when MAP_PREVIEWS is set (for looking at them).
#[test]
fn previews() {
    let Ok(dir) = std::env::var("MAP_PREVIEWS") else { return };
    let (data, geo) = (Dataset::bundled(), Geo::bundled());
    std::fs::create_dir_all(&dir).unwrap();
    for (id, m) in models() {
        for size in SIZES {
            let s = m.scene(Some(&geo), &data, 0.7, size, &Theme::light());
            let mut svg =
                format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}">"#, size.width, size.height);
            for sh in &s.shapes {
                svg.push_str(&match sh {
                    Shape::Polygon { points, fill } => format!(r#"<path d="M{}Z" fill="{}"/>"#, pts(points), fill.css()),
                    Shape::Line { points, color, width, dashed } => format!(r#"<path d="M{}" fill="none" stroke="{}" stroke-width="{width}"{}/>"#, pts(points), color.css(), if *dashed { r#" stroke-dasharray="5 3""# } else { "" }),
                    Shape::Rect { x0, y0, x1, y1, fill } => format!(r#"<rect x="{x0}" y="{y0}" width="{}" height="{}" fill="{}"/>"#, x1 - x0, y1 - y0, fill.css()),
                    Shape::Circle { center, radius, fill, stroke } => format!(r#"<circle cx="{}" cy="{}" r="{radius}" fill="{}" stroke="{}"/>"#, center.0, center.1, fill.css(), stroke.map(|s| s.css()).unwrap_or("none".into())),
                    Shape::Halo { at, text, size, color, h, bold, .. } | Shape::Text { at, text, size, color, h, bold, .. } => format!(r#"<text x="{}" y="{}" font-size="{size}" font-family="sans-serif" fill="{}" text-anchor="{}" dominant-baseline="middle"{}>{}</text>"#, at.0, at.1, color.css(), match h { explainer::scene::HAnchor::Left => "start", explainer::scene::HAnchor::Center => "middle", _ => "end" }, if *bold { r#" font-weight="bold""# } else { "" }, text.replace('&', "&amp;").replace('<', "&lt;")),
                });
            }
            svg.push_str("</svg>");
            std::fs::write(format!("{dir}/{id}-{}.svg", size.width), svg).unwrap();
        }
    }
    fn pts(p: &[(f64, f64)]) -> String {
        p.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join("L")
    }
}

#[test]
fn russia_keeps_chukotka_past_the_antimeridian_and_not_kaliningrad() {
    let geo = Geo::bundled();
    let rus = geo.countries.iter().find(|c| c.id == "RUS").expect("Russia in the base map");
    // Cape Dezhnev (−169.7°) and the rest of eastern Chukotka are at negative longitudes.
    let east_of_180 = rus.rings.iter().flatten().any(|&(lon, lat)| lon < -170.0 && lat > 64.0);
    assert!(east_of_180, "Russia's rings stop at 180°: eastern Chukotka would be drawn as another country");
    // Kaliningrad (~20.5°E, 54.7°N) is outside every view and left out.
    let kaliningrad =
        rus.rings.iter().flatten().any(|&(lon, lat)| (19.0..23.0).contains(&lon) && (54.0..55.5).contains(&lat));
    assert!(!kaliningrad, "Kaliningrad is in the derived base map");
}

/// A canvas keeps the part of a map's ground (water and base map) that stays the same from
/// frame to frame painted (web/canvas.rs `Kept`): in a tween between two steps with the same
/// view and layers (the pipes map: only the routes and the inset change) that is all of it, in
/// one whose view moves it is none, and labels and marks are never ground.
#[test]
fn a_maps_ground_stays_the_same_through_a_tween_that_keeps_the_view() {
    let (data, geo, theme, size) = (Dataset::bundled(), Geo::bundled(), Theme::light(), SIZES[1]);
    let model = |id: &str| spec(id).model(&data).unwrap_or_else(|e| panic!("{id}: {e}"));
    let frame = |a: &MapModel, b: &MapModel, t: f64| {
        MapModel::lerp(a, b, t).expect("two maps tween").scene(Some(&geo), &data, 1.0, size, &theme)
    };
    let ground = |s: &Scene| s.shapes[..s.ground].to_vec();

    let (oil, far_east) = (model("pipes-oil"), model("pipes-far-east"));
    let (a, b) = (frame(&oil, &far_east, 0.3), frame(&oil, &far_east, 0.7));
    assert!(a.ground > 10 && a.ground < a.shapes.len(), "{} of {}", a.ground, a.shapes.len());
    assert_eq!(ground(&a), ground(&b), "the pipes map's ground changed within a tween");
    assert!(a.shapes[..a.ground].iter().all(|s| !matches!(s, Shape::Text { .. })), "a label in the ground");
    assert!(matches!(a.shapes[0], Shape::Rect { .. }), "the ground starts with the water");

    let (provinces, crossings) = (model("border-provinces"), model("border-crossings"));
    let (a, b) = (frame(&provinces, &crossings, 0.3), frame(&provinces, &crossings, 0.7));
    let same = a.shapes[..a.ground].iter().zip(&b.shapes[..b.ground]).take_while(|(x, y)| x == y).count();
    assert!(same <= 1, "a moving view kept {same} shapes of its ground (only the water may stay)");
}
