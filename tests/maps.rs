//! Native tests of the maps: assets, projections, antimeridian, labels, distances, and every map
//! state the chapters 07–09 use (specs mirrored here until the compiled story is testable).

use explainer::data::Dataset;
use explainer::maps::camera::{Camera, Kind};
use explainer::maps::labels::text_width;
use explainer::maps::{gazetteer, haversine_km, sea_route_distances, Geo, MapModel, MapSpec};
use explainer::scene::theme::Theme;
use explainer::scene::{Scene, Shape, Size};
use serde::Deserialize;

/// How the page deserializes a step's view: `form` is serde's internal tag.
#[derive(Deserialize, Debug)]
#[serde(tag = "form", rename_all = "kebab-case")]
enum View {
    Map(MapSpec),
}

/// The `[steps.view]` tables of 07-border, 08-pipes and 09-arctic, as JSON (step id, view).
fn chapter_specs() -> Vec<(&'static str, MapSpec)> {
    let specs = [
        (
            "border-line",
            r#"{"form":"map","view":"border","zoom":0.8,"center":[106.0,46.0],"layers":["border","rivers","provinces"],"regions":["heilongjiang","jilin","inner-mongolia","xinjiang","primorye","khabarovsk-krai","jewish-ao","amur-oblast","zabaykalsky","altai-republic"],"highlight":["border","heilongjiang","xinjiang","altai-republic"]}"#,
        ),
        (
            "border-provinces",
            r#"{"form":"map","view":"border","zoom":0.8,"center":[106.0,45.5],"layers":["border","provinces"],"regions":["heilongjiang","jilin","inner-mongolia","liaoning","xinjiang","primorye","khabarovsk-krai","jewish-ao","amur-oblast","zabaykalsky","altai-republic"],"highlight":["heilongjiang","jilin"]}"#,
        ),
        (
            "border-crossings",
            r#"{"form":"map","view":"far-east","layers":["border","rivers","provinces"],"places":["manzhouli","zabaykalsk","heihe","blagoveshchensk","tongjiang","nizhneleninskoye","suifenhe","pogranichny","hunchun","harbin","vladivostok"],"regions":["inner-mongolia","zabaykalsky","heilongjiang","amur-oblast","jewish-ao","khabarovsk-krai","jilin","primorye"],"highlight":["manzhouli","blagoveshchensk","tongjiang","inner-mongolia","zabaykalsky"]}"#,
        ),
        (
            "border-heihe",
            r#"{"form":"map","view":"far-east","zoom":2.2,"center":[127.5,49.6],"layers":["border","rivers","provinces"],"places":["heihe","blagoveshchensk","harbin"],"regions":["heilongjiang","amur-oblast"],"highlight":["heihe","blagoveshchensk","heilongjiang","amur-oblast"]}"#,
        ),
        (
            "pipes-pos1",
            r#"{"form":"map","view":"pipes","routes":["power-of-siberia-1","china-east-route"],"reveal":"power-of-siberia-1","places":["chayanda-field","kovykta-field","blagoveshchensk","shanghai"],"highlight":["power-of-siberia-1"],"inset":"pos1-flows"}"#,
        ),
        (
            "pipes-oil",
            r#"{"form":"map","view":"pipes","routes":["espo","espo-china-spur","power-of-siberia-1"],"places":["taishet","skovorodino","mohe","daqing","kozmino"],"highlight":["espo-china-spur","espo"]}"#,
        ),
        (
            "pipes-far-east",
            r#"{"form":"map","view":"pipes","routes":["far-eastern-route","power-of-siberia-1","espo-china-spur"],"places":["yuzhno-sakhalinsk","khabarovsk","vladivostok"],"highlight":["far-eastern-route"]}"#,
        ),
        (
            "pipes-pos2",
            r#"{"form":"map","view":"pipes-wide","routes":["power-of-siberia-2","power-of-siberia-1","far-eastern-route"],"places":["ulaanbaatar","beijing"],"highlight":["power-of-siberia-2"]}"#,
        ),
        (
            "pipes-compare",
            r#"{"form":"map","view":"pipes-wide","routes":["power-of-siberia-1","far-eastern-route","power-of-siberia-2"],"inset":"gas-vs-europe"}"#,
        ),
        (
            "arctic-route",
            r#"{"form":"map","view":"arctic","routes":["northern-sea-route"],"reveal":"northern-sea-route","places":["murmansk","kara-gates","vilkitsky-strait","pevek","bering-strait"],"highlight":["kara-gates","vilkitsky-strait","bering-strait"]}"#,
        ),
        (
            "arctic-distance",
            r#"{"form":"map","view":"hemisphere","routes":["northern-sea-route","nsr-murmansk-rotterdam","suez-route"],"places":["shanghai","rotterdam","suez-canal","singapore"],"inset":"distances"}"#,
        ),
        (
            "arctic-cargo",
            r#"{"form":"map","view":"arctic-shanghai","routes":["northern-sea-route"],"places":["murmansk","bering-strait","shanghai"],"inset":"nsr-transit"}"#,
        ),
        (
            "arctic-commission",
            r#"{"form":"map","view":"arctic-shanghai","routes":["northern-sea-route"],"places":["murmansk","shanghai"],"events":[{"date":"2024-05","at":"beijing"}]}"#,
        ),
        (
            "arctic-bering",
            r#"{"form":"map","view":"bering","routes":["northern-sea-route"],"places":["bering-strait","pevek"],"events":[{"date":"2024","at":"bering-strait"}]}"#,
        ),
    ];
    specs
        .iter()
        .map(|(id, json)| {
            let View::Map(spec) = serde_json::from_str::<View>(json).unwrap_or_else(|e| panic!("{id}: {e}"));
            (*id, spec)
        })
        .collect()
}

const SIZES: [Size; 2] = [Size { width: 360.0, height: 560.0 }, Size { width: 640.0, height: 600.0 }];

fn models() -> Vec<(&'static str, MapModel)> {
    let data = Dataset::bundled();
    chapter_specs().into_iter().map(|(id, s)| (id, s.model(&data).unwrap_or_else(|e| panic!("{id}: {e}")))).collect()
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
    assert_eq!(models().len(), 14);
    let data = Dataset::bundled();
    let mut spec = chapter_specs().remove(2).1;
    spec.places.push("atlantis".into());
    assert!(spec.model(&data).unwrap_err().contains("atlantis"));
    let mut spec = chapter_specs().remove(4).1;
    spec.routes.push("power-of-narnia".into());
    assert!(spec.model(&data).unwrap_err().contains("power-of-narnia"));
    let bad: Result<serde_json::Value, _> =
        serde_json::from_str::<View>(r#"{"form":"map","view":"border","colour":"red"}"#)
            .map(|_| serde_json::Value::Null);
    assert!(bad.is_err(), "unknown fields are rejected");
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
                // Text stays inside and readable; placed labels do not overlap.
                let mut boxes = Vec::new();
                for sh in &s.shapes {
                    if let Shape::Text { at, text, size: fs, h, .. } = sh {
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
        let mut m = chapter_specs().remove(13).1.model(&data).unwrap();
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
    assert!(mid.places.iter().all(|p| (p.alpha - 0.5).abs() < 1e-9));
    assert_eq!(MapModel::lerp(&a, &b, 0.0).unwrap(), a);
    assert_eq!(MapModel::lerp(&a, &b, 1.0).unwrap().places, b.places);
    // Conic to polar cannot be interpolated: the page crossfades.
    assert!(MapModel::lerp(&get("pipes-compare"), &get("arctic-route"), 0.5).is_none());
    // Between insets, one fades out before the other fades in.
    let m = MapModel::lerp(&get("arctic-distance"), &get("arctic-cargo"), 0.25);
    assert!(m.is_some());
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
                    Shape::Text { at, text, size, color, h, bold, .. } => format!(r#"<text x="{}" y="{}" font-size="{size}" font-family="sans-serif" fill="{}" text-anchor="{}" dominant-baseline="middle"{}>{}</text>"#, at.0, at.1, color.css(), match h { explainer::scene::HAnchor::Left => "start", explainer::scene::HAnchor::Center => "middle", _ => "end" }, if *bold { r#" font-weight="bold""# } else { "" }, text.replace('&', "&amp;").replace('<', "&lt;")),
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
