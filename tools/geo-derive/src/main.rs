//! Derives `assets/geo/base.json` (base map) and `assets/geo/gazetteer.json` (places, province
//! label points, routes) from the Natural Earth subsets and hand-traced places and
//! routes in `../shared/geo`.
//!
//! Usage (from the repository root):
//!   cargo run --release --manifest-path tools/geo-derive/Cargo.toml -- ../shared/geo assets/geo
//!
//! Output format (read by `src/maps/geo.rs`): coordinates are integers of 0.01°, each line or ring
//! a flat array `[lon0, lat0, dlon1, dlat1, …]` delta-encoded from the previous point. Longitudes
//! stay in −180..180 as in the source; the map code cuts at the (rotated) antimeridian.

use geo::{Coord, LineString, Simplify};
use serde_json::{json, Value};
use std::{env, fs, path::Path};

mod provinces;

/// Quantisation step: 0.01° (about 1 km), ample for a 640 px map.
const Q: f64 = 100.0;

fn read(dir: &Path, name: &str) -> Vec<Value> {
    let text = fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    v["features"].as_array().expect("a FeatureCollection").clone()
}

fn coords(v: &Value) -> Vec<Coord<f64>> {
    v.as_array().unwrap().iter().map(|p| Coord { x: p[0].as_f64().unwrap(), y: p[1].as_f64().unwrap() }).collect()
}

/// Lines of any (Multi)LineString, rings of any (Multi)Polygon: (outer?, coords).
fn parts(geom: &Value) -> Vec<(bool, Vec<Coord<f64>>)> {
    let c = &geom["coordinates"];
    match geom["type"].as_str().unwrap() {
        "LineString" => vec![(true, coords(c))],
        "MultiLineString" => c.as_array().unwrap().iter().map(|l| (true, coords(l))).collect(),
        "Polygon" => c.as_array().unwrap().iter().enumerate().map(|(i, r)| (i == 0, coords(r))).collect(),
        "MultiPolygon" => c
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p.as_array().unwrap().iter().enumerate().map(|(i, r)| (i == 0, coords(r))))
            .collect(),
        other => panic!("unexpected geometry {other}"),
    }
}

fn simplify(pts: &[Coord<f64>], eps: f64) -> Vec<Coord<f64>> {
    if eps <= 0.0 {
        return pts.to_vec();
    }
    LineString::from(pts.to_vec()).simplify(&eps).0
}

/// Quantised, delta-encoded flat array; consecutive duplicates dropped.
fn encode(pts: &[Coord<f64>]) -> Vec<i64> {
    encode_ints(&pts.iter().map(|p| ((p.x * Q).round() as i64, (p.y * Q).round() as i64)).collect::<Vec<_>>())
}

/// Delta-encoded flat array of points already on the grid; consecutive duplicates dropped.
fn encode_ints(pts: &[(i64, i64)]) -> Vec<i64> {
    let mut out = Vec::with_capacity(pts.len() * 2);
    let (mut px, mut py) = (i64::MIN, i64::MIN);
    for &(x, y) in pts {
        if (x, y) == (px, py) {
            continue;
        }
        if out.is_empty() {
            out.extend([x, y]);
        } else {
            out.extend([x - px, y - py]);
        }
        (px, py) = (x, y);
    }
    out
}

fn bbox(pts: &[Coord<f64>]) -> (f64, f64, f64, f64) {
    pts.iter().fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |(a, b, c, d), p| {
        (a.min(p.x), b.min(p.y), c.max(p.x), d.max(p.y))
    })
}

fn centroid(pts: &[Coord<f64>]) -> (f64, f64) {
    let n = pts.len() as f64;
    (pts.iter().map(|p| p.x).sum::<f64>() / n, pts.iter().map(|p| p.y).sum::<f64>() / n)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for ch in s.to_lowercase().chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Drawn land: rings big enough to see at the scales of the maps.
fn land(dir: &Path) -> (Vec<Value>, Vec<Value>) {
    let (mut rings, mut holes) = (Vec::new(), Vec::new());
    for f in read(dir, "land.geojson") {
        for (outer, r) in parts(&f["geometry"]) {
            let (x0, y0, x1, y1) = bbox(&r);
            let span = (x1 - x0).max(y1 - y0);
            // Keep small islands only near the region (Sakhalin, Kurils, Japan, Arctic islands).
            let near = (x0 > 100.0 || x1 < -120.0 || y1 > 65.0) && y1 > 30.0;
            if span < if near { 0.6 } else { 2.0 } {
                continue;
            }
            let s = simplify(&r, if near { 0.08 } else { 0.2 });
            if s.len() < 4 {
                continue;
            }
            if outer {
                rings.push(json!(encode(&s)))
            } else {
                holes.push(json!(encode(&s)))
            }
        }
    }
    (rings, holes)
}

fn countries(dir: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for f in read(dir, "countries.geojson") {
        let id = f["properties"]["adm0_a3"].as_str().unwrap().to_string();
        if !["CHN", "RUS", "MNG"].contains(&id.as_str()) {
            continue;
        }
        let mut rings = Vec::new();
        for (outer, r) in parts(&f["geometry"]) {
            if !outer {
                continue;
            }
            let (cx, cy) = centroid(&r);
            // Crimea is not drawn as Russian; Kaliningrad and European islands are outside every
            // view. (Only east of 0°: Chukotka's tip lies past the antimeridian, at negative longitudes.)
            if id == "RUS" && ((32.0..37.0).contains(&cx) && (44.0..46.3).contains(&cy) || (0.0..25.0).contains(&cx)) {
                continue;
            }
            let (x0, y0, x1, y1) = bbox(&r);
            if (x1 - x0).max(y1 - y0) < 0.6 {
                continue;
            }
            let s = simplify(&r, if cx > 90.0 || cx < -160.0 { 0.05 } else { 0.12 });
            if s.len() >= 4 {
                rings.push(json!(encode(&s)));
            }
        }
        let name = f["properties"]["name_en"].as_str().unwrap_or(&id).to_string();
        out.push(json!({"id": id, "name": name, "rings": rings}));
    }
    out
}

fn borders(dir: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    let keep = ["Russia", "China", "Mongolia", "Kazakhstan", "North Korea"];
    for f in read(dir, "borders_10m.geojson") {
        let l = f["properties"]["left"].as_str().unwrap_or("");
        let r = f["properties"]["right"].as_str().unwrap_or("");
        let cn_ru = (l == "Russia" && r == "China") || (l == "China" && r == "Russia");
        if !cn_ru && !(keep.contains(&l) && keep.contains(&r) && (l != r)) {
            continue;
        }
        if !cn_ru && !(keep[..3].contains(&l) || keep[..3].contains(&r)) {
            continue;
        }
        let kind = if cn_ru { "cn-ru" } else { "other" };
        let lines: Vec<Vec<Coord<f64>>> = parts(&f["geometry"]).into_iter().map(|p| p.1).collect();
        for line in chain(lines) {
            let s = simplify(&line, if cn_ru { 0.015 } else { 0.06 });
            if s.len() >= 2 {
                out.push(json!({"kind": kind, "line": encode(&s)}));
            }
        }
    }
    out
}

/// Joins line pieces that continue one another (Natural Earth cuts borders into many short
/// pieces); without this each piece would carry its own absolute start point.
fn chain(mut pieces: Vec<Vec<Coord<f64>>>) -> Vec<Vec<Coord<f64>>> {
    let same = |a: Coord<f64>, b: Coord<f64>| (a.x - b.x).abs() < 1e-6 && (a.y - b.y).abs() < 1e-6;
    let mut out: Vec<Vec<Coord<f64>>> = Vec::new();
    while let Some(mut cur) = pieces.pop() {
        loop {
            let (first, last) = (cur[0], *cur.last().unwrap());
            let Some(i) = pieces.iter().position(|p| {
                let (f, l) = (p[0], *p.last().unwrap());
                same(last, f) || same(last, l) || same(first, l) || same(first, f)
            }) else {
                break;
            };
            let mut p = pieces.swap_remove(i);
            if same(last, p[0]) {
                cur.extend(p.into_iter().skip(1));
            } else if same(last, *p.last().unwrap()) {
                p.reverse();
                cur.extend(p.into_iter().skip(1));
            } else if same(first, *p.last().unwrap()) {
                p.extend(cur.into_iter().skip(1));
                cur = p;
            } else {
                p.reverse();
                p.extend(cur.into_iter().skip(1));
                cur = p;
            }
        }
        out.push(cur);
    }
    out
}

fn rivers(dir: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for f in read(dir, "rivers.geojson") {
        let name = f["properties"]["name"].as_str().unwrap_or("");
        let id = match name {
            "Amur" | "Heilong Jiang" => "amur",
            "Argun’" => "argun",
            "Songhua" => "songhua",
            _ => continue,
        };
        for (_, line) in parts(&f["geometry"]) {
            let s = simplify(&line, 0.03);
            if s.len() >= 2 {
                out.push(json!({"id": id, "line": encode(&s)}));
            }
        }
    }
    out
}

fn lakes(dir: &Path, holes: Vec<Value>) -> Vec<Value> {
    let mut out = holes;
    for f in read(dir, "lakes.geojson") {
        let name = f["properties"]["name"].as_str().unwrap_or("");
        if !["Lake Baikal", "Lake Khanka", "Hulun Nur", "Lake Balkhash", "Lake Ladoga", "Lake Onega"].contains(&name) {
            continue;
        }
        for (outer, r) in parts(&f["geometry"]) {
            if outer {
                out.push(json!(encode(&simplify(&r, 0.04))));
            }
        }
    }
    out
}

/// Names the shared data writes otherwise than `../shared/i18n/GLOSSARY.md`: (id, language, the
/// source's name, the glossary's). The glossary wins; a source that changes is reported.
const GLOSSARY: [(&str, &str, &str, &str); 4] = [
    ("power-of-siberia-1", "ru", "Сила Сибири", "«Сила Сибири»"),
    ("power-of-siberia-1", "zh", "“西伯利亚力量”天然气管道", "“西伯利亚力量”管道"),
    ("power-of-siberia-2", "ru", "Сила Сибири — 2 (через Монголию)", "«Сила Сибири — 2» (через Монголию)"),
    ("power-of-siberia-2", "zh", "“西伯利亚力量-2”天然气管道（经蒙古国）", "“西伯利亚力量-2”管道（经蒙古国）"),
];

/// A place's or route's name in `lang` ("ru", "zh") from `name_<lang>`, as the glossary writes it.
fn name_in(id: &str, p: &Value, lang: &str) -> String {
    let source = p[format!("name_{lang}")].as_str().unwrap_or_else(|| panic!("{id}: no name_{lang}")).trim();
    assert!(!source.is_empty(), "{id}: empty name_{lang}");
    match GLOSSARY.iter().find(|(i, l, _, _)| *i == id && *l == lang) {
        Some((_, _, from, to)) => {
            if source != *from && source != *to {
                eprintln!("{id}: name_{lang} is now “{source}”; the glossary's “{to}” is used (check GLOSSARY)");
            }
            to.to_string()
        }
        None => source.to_string(),
    }
}

fn places(dir: &Path) -> Vec<Value> {
    read(dir, "places.geojson")
        .iter()
        .map(|f| {
            let p = &f["properties"];
            let name = p["name_en"].as_str().unwrap();
            let c = coords(&json!([f["geometry"]["coordinates"]]));
            let id = slug(name);
            let (ru, zh) = (name_in(&id, p, "ru"), name_in(&id, p, "zh"));
            json!({"id": id, "name": name, "ru": ru, "zh": zh, "kind": p["kind"], "at": encode(&c)})
        })
        .collect()
}

/// The sea routes of the Rotterdam–Shanghai comparison, by the passage each is a leg of (the
/// maps sum the legs' lengths and colour the Suez route apart). The shared data does not say.
const PASSAGES: [(&str, &str); 3] =
    [("northern-sea-route", "arctic"), ("nsr-murmansk-rotterdam", "arctic"), ("suez-route", "suez")];

fn routes(dir: &Path) -> Vec<Value> {
    let routes = read(dir, "routes.geojson");
    for (id, _) in PASSAGES {
        assert!(routes.iter().any(|f| f["properties"]["id"] == id), "PASSAGES names {id}, which routes.geojson lacks");
    }
    routes
        .iter()
        .map(|f| {
            let p = &f["properties"];
            let line = parts(&f["geometry"]).remove(0).1;
            let id = p["id"].as_str().unwrap();
            let mut route = json!({
                "id": id, "name": p["name_en"], "ru": name_in(id, p, "ru"), "zh": name_in(id, p, "zh"), "kind": p["kind"], "status": p["status"],
                "capacity": p["capacity"], "unit": p["capacity_unit"], "line": encode(&line),
            });
            if let Some((_, passage)) = PASSAGES.iter().find(|(i, _)| *i == id) {
                route["passage"] = json!(passage);
            }
            route
        })
        .collect()
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let dir = Path::new(args.get(1).map(String::as_str).unwrap_or("../shared/geo"));
    let out_dir = Path::new(args.get(2).map(String::as_str).unwrap_or("assets/geo"));
    let (land, holes) = land(dir);
    let (province_points, province_shapes) = provinces::provinces(dir);
    let about = "Derived by tools/geo-derive from Natural Earth (public domain) and hand-traced places/routes; see assets/geo/README.md";
    // The base map: fetched by the page when the first map comes near.
    let base = json!({
        "about": about, "q": Q,
        "land": land,
        "lakes": lakes(dir, holes),
        "countries": countries(dir),
        "borders": borders(dir),
        "rivers": rivers(dir),
        "provinces": province_shapes,
    });
    // Named things the story refers to: small, compiled into the app (ids are validated and route
    // lengths computed without waiting for the base map).
    let gazetteer = json!({
        "about": about, "q": Q,
        // The source (assets/data/sources.csv) every map names for the base map and the traces.
        "source": "map-traced",
        "provinces": province_points,
        "places": places(dir),
        "routes": routes(dir),
    });
    for (name, doc) in [("base.json", base), ("gazetteer.json", gazetteer)] {
        let path = out_dir.join(name);
        let text = serde_json::to_string(&doc).unwrap();
        fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        eprintln!("wrote {}: {} bytes", path.display(), text.len());
    }
}
