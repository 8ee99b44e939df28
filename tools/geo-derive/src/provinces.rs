//! Province and region outlines (admin-1) for the border map, simplified with their topology kept.
//!
//! 1. Units whose box meets the border map's region are read from `provinces.geojson`.
//! 2. China's and Russia's outlines come from two different sources, so along the land border
//!    their vertices differ. Every run of a border unit's ring that lies within `SNAP` of the
//!    China–Russia border line (Natural Earth 1:10m) is replaced by that line's own vertices,
//!    from the nearest vertex to the run's start to the nearest vertex to its end: both sides of
//!    the river then carry the same points.
//! 3. On a 0.01° grid, rings are cut into arcs at junctions (where the neighbours on either side
//!    change), as TopoJSON does; an arc shared by two units is stored once, so simplifying it
//!    once keeps the neighbours meeting without gaps or overlaps.
//! 4. Arcs are simplified (Ramer–Douglas–Peucker, ends fixed) and written as delta arrays:
//!    first the `inner` arcs between two units (drawn as faint outlines), then the edges (coast,
//!    other countries) that only the named units' rings need.

use crate::{chain, encode_ints, parts, read, simplify, slug, Q};
use geo::Coord;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::Path;

/// Units whose bounding box meets this lon/lat box are kept: the border chapter's views
/// (Xinjiang and the Altai in the west to Primorye and Khabarovsk Krai in the east).
const REGION: (f64, f64, f64, f64) = (72.0, 34.0, 142.0, 60.0);
/// Rings smaller than this (degrees, longest side of the box) are dropped: islands and
/// river islands invisible at the maps' scales.
const MIN_RING: f64 = 0.3;
/// A ring vertex this close to the China–Russia border line (degrees) is on the border.
const SNAP: f64 = 0.25;
/// Simplification tolerances, degrees: arcs between two units, and edges (coasts, borders
/// with other countries) that only the emphasised units' fills use; finer where the border
/// chapter zooms in (`CLOSE`: the Amur, Ussuri and Primorye at up to ~75 px a degree), coarser
/// elsewhere (~15–30 px a degree).
const EPS_INNER: (f64, f64) = (0.025, 0.07);
const EPS_EDGE: (f64, f64) = (0.04, 0.09);
const CLOSE: (f64, f64, f64, f64) = (119.0, 41.0, 136.0, 54.0);

/// (Natural Earth name in provinces.geojson, its label point's name, our id, short map label):
/// the ten units on the China–Russia land border and Liaoning (the story's north-east outlet to
/// the sea), with rings and names in three languages; the other units are outlines only.
const NAMED: [(&str, &str, &str, &str); 11] = [
    ("Heilongjiang", "Heilongjiang", "heilongjiang", "Heilongjiang"),
    ("Jilin", "Jilin", "jilin", "Jilin"),
    ("Inner Mongol", "Nei Mongol", "inner-mongolia", "Inner Mongolia"),
    ("Liaoning", "Liaoning", "liaoning", "Liaoning"),
    ("Xinjiang", "Xinjiang Uygur", "xinjiang", "Xinjiang"),
    ("Amur", "Amur", "amur-oblast", "Amur Oblast"),
    ("Yevrey", "Yevrey", "jewish-ao", "Jewish AO"),
    ("Khabarovsk", "Khabarovsk", "khabarovsk-krai", "Khabarovsk Krai"),
    ("Primor'ye", "Primor'ye", "primorye", "Primorsky Krai"),
    ("Chita", "Chita", "zabaykalsky", "Zabaykalsky Krai"),
    ("Gorno-Altay", "Gorno-Altay", "altai-republic", "Altai Republic"),
];

type P = (i64, i64);

struct Unit {
    id: String,
    country: String,
    named: bool,
    rings: Vec<Vec<P>>,
}

fn dist_seg(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> (f64, f64) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let l = dx * dx + dy * dy;
    let t = if l > 0.0 { (((p.x - a.x) * dx + (p.y - a.y) * dy) / l).clamp(0.0, 1.0) } else { 0.0 };
    ((p.x - a.x - t * dx).hypot(p.y - a.y - t * dy), t)
}

/// Nearest point of the border lines: (distance, line, index of the nearest vertex).
fn nearest(lines: &[Vec<Coord<f64>>], p: Coord<f64>) -> (f64, usize, usize) {
    let mut best = (f64::MAX, 0, 0);
    for (li, l) in lines.iter().enumerate() {
        for (i, w) in l.windows(2).enumerate() {
            let (d, t) = dist_seg(p, w[0], w[1]);
            if d < best.0 {
                best = (d, li, if t < 0.5 { i } else { i + 1 });
            }
        }
    }
    best
}

/// Replaces the runs of an open ring that follow the border with the border line's vertices.
fn snap(ring: Vec<Coord<f64>>, lines: &[Vec<Coord<f64>>]) -> Vec<Coord<f64>> {
    let near: Vec<(f64, usize, usize)> = ring.iter().map(|&p| nearest(lines, p)).collect();
    let on = |i: usize| near[i].0 < SNAP;
    let n = ring.len();
    let Some(start) = (0..n).find(|&i| !on(i)) else { return ring };
    if (0..n).all(|i| !on(i)) {
        return ring;
    }
    let mut out = Vec::with_capacity(n);
    let mut k = 0;
    while k < n {
        let i = (start + k) % n;
        if !on(i) {
            out.push(ring[i]);
            k += 1;
            continue;
        }
        let mut e = k;
        while e + 1 < n && on((start + e + 1) % n) {
            e += 1;
        }
        let (a, b) = (near[i], near[(start + e) % n]);
        if a.1 == b.1 {
            let line = &lines[a.1];
            if a.2 <= b.2 {
                out.extend_from_slice(&line[a.2..=b.2]);
            } else {
                out.extend(line[b.2..=a.2].iter().rev());
            }
        } else {
            // A run across two separate pieces of the border line: keep it as it is.
            out.extend((k..=e).map(|j| ring[(start + j) % n]));
        }
        k = e + 1;
    }
    out
}

fn quantise(ring: &[Coord<f64>]) -> Vec<P> {
    let mut out: Vec<P> = Vec::with_capacity(ring.len());
    for p in ring {
        let q = ((p.x * Q).round() as i64, (p.y * Q).round() as i64);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

fn bbox(pts: &[Coord<f64>]) -> (f64, f64, f64, f64) {
    pts.iter().fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |(a, b, c, d), p| {
        (a.min(p.x), b.min(p.y), c.max(p.x), d.max(p.y))
    })
}

/// The China–Russia border as continuous lines (1:10m, unsimplified).
fn border_lines(dir: &Path) -> Vec<Vec<Coord<f64>>> {
    let mut pieces = Vec::new();
    for f in read(dir, "borders_10m.geojson") {
        let l = f["properties"]["left"].as_str().unwrap_or("");
        let r = f["properties"]["right"].as_str().unwrap_or("");
        if (l == "Russia" && r == "China") || (l == "China" && r == "Russia") {
            pieces.extend(parts(&f["geometry"]).into_iter().map(|p| p.1));
        }
    }
    chain(pieces)
}

/// Arc references as TopoJSON writes them: `i`, or `!i` (= −i−1) for arc i reversed.
struct Topology {
    arcs: Vec<Vec<P>>,
    /// Per unit, per ring: arc references.
    rings: Vec<Vec<Vec<i64>>>,
}

fn topology(units: &[Unit]) -> Topology {
    // Where each point occurs: the unordered pair of its neighbours.
    let mut seen: HashMap<P, Vec<(P, P)>> = HashMap::new();
    for u in units {
        for r in &u.rings {
            let n = r.len();
            for i in 0..n {
                let (a, b) = (r[(i + n - 1) % n], r[(i + 1) % n]);
                seen.entry(r[i]).or_default().push(if a < b { (a, b) } else { (b, a) });
            }
        }
    }
    let junction = |p: &P| seen[p].iter().any(|x| *x != seen[p][0]);
    let mut arcs: Vec<Vec<P>> = Vec::new();
    let mut index: HashMap<Vec<P>, i64> = HashMap::new();
    let mut add = |arc: Vec<P>| -> i64 {
        if let Some(&i) = index.get(&arc) {
            return i;
        }
        let rev: Vec<P> = arc.iter().rev().copied().collect();
        if let Some(&i) = index.get(&rev) {
            return !i;
        }
        let i = arcs.len() as i64;
        index.insert(arc.clone(), i);
        arcs.push(arc);
        i
    };
    let mut rings = Vec::new();
    for u in units {
        let mut unit_rings = Vec::new();
        for r in &u.rings {
            let n = r.len();
            let refs = match (0..n).find(|&i| junction(&r[i])) {
                None => {
                    // No junction (an island, an enclave): one closed arc from its least point, in
                    // the orientation whose second point is the lesser, so both sides agree.
                    let m = (0..n).min_by_key(|&i| r[i]).unwrap();
                    let mut arc: Vec<P> = (0..=n).map(|k| r[(m + k) % n]).collect();
                    let forward = arc[1] < arc[n - 1];
                    if !forward {
                        arc.reverse();
                    }
                    let i = add(arc);
                    vec![if forward { i } else { !i }]
                }
                Some(s) => {
                    let mut refs = Vec::new();
                    let mut cur = vec![r[s]];
                    for k in 1..=n {
                        let p = r[(s + k) % n];
                        cur.push(p);
                        if junction(&p) {
                            refs.push(add(std::mem::replace(&mut cur, vec![p])));
                        }
                    }
                    refs
                }
            };
            unit_rings.push(refs);
        }
        rings.push(unit_rings);
    }
    Topology { arcs, rings }
}

fn arc_index(r: i64) -> usize {
    if r < 0 {
        !r as usize
    } else {
        r as usize
    }
}

/// (gazetteer entries for the named units, the `provinces` layer for base.json)
pub fn provinces(dir: &Path) -> (Vec<Value>, Value) {
    let lines = border_lines(dir);
    let features = read(dir, "provinces.geojson");
    let mut units = Vec::new();
    let mut named_props = Vec::new();
    for f in &features {
        let p = &f["properties"];
        let ne = p["name"].as_str().unwrap();
        let rings = parts(&f["geometry"]);
        let all: Vec<Coord<f64>> = rings.iter().flat_map(|r| r.1.iter().copied()).collect();
        let (x0, y0, x1, y1) = bbox(&all);
        if x1 < REGION.0 || x0 > REGION.2 || y1 < REGION.1 || y0 > REGION.3 {
            continue;
        }
        // Only the units a step can emphasise (those the story names) carry rings and names.
        let named = NAMED.iter().find(|n| n.0 == ne);
        let border = p["borders_other"].as_bool().unwrap_or(false);
        let mut qr = Vec::new();
        for (_, r) in rings {
            let (a, b, c, d) = bbox(&r);
            if (c - a).max(d - b) < MIN_RING {
                continue;
            }
            let mut open = r;
            open.pop();
            let open = if border { snap(open, &lines) } else { open };
            let q = quantise(&open);
            if q.len() >= 3 {
                qr.push(q);
            }
        }
        let id = named.map(|n| n.2.to_string()).unwrap_or_else(|| slug(ne));
        if let Some(n) = named {
            named_props.push((n, p.clone()));
        }
        let country = p["adm0_a3"].as_str().unwrap().to_string();
        units.push(Unit { id, country, named: named.is_some(), rings: qr });
    }
    let topo = topology(&units);
    // Which units use each arc.
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); topo.arcs.len()];
    for (u, rings) in topo.rings.iter().enumerate() {
        for &r in rings.iter().flatten() {
            let a = arc_index(r);
            if !users[a].contains(&u) {
                users[a].push(u);
            }
        }
    }
    let inner = |a: usize| users[a].len() > 1;
    let needed = |a: usize| inner(a) || users[a].iter().any(|&u| units[u].named);
    // Simplify each arc once; new order: inner arcs, then edges of named units.
    let mut order: Vec<usize> = (0..topo.arcs.len()).filter(|&a| inner(a)).collect();
    let n_inner = order.len();
    order.extend((0..topo.arcs.len()).filter(|&a| !inner(a) && needed(a)));
    let mut new_index = vec![usize::MAX; topo.arcs.len()];
    let mut arcs_out = Vec::new();
    for (k, &a) in order.iter().enumerate() {
        new_index[a] = k;
        let pts: Vec<Coord<f64>> = topo.arcs[a].iter().map(|&(x, y)| Coord { x: x as f64, y: y as f64 }).collect();
        let (x0, y0, x1, y1) = bbox(&pts);
        let close = x1 / Q > CLOSE.0 && x0 / Q < CLOSE.2 && y1 / Q > CLOSE.1 && y0 / Q < CLOSE.3;
        let (fine, coarse) = if inner(a) { EPS_INNER } else { EPS_EDGE };
        let eps = if close { fine } else { coarse } * Q;
        let s = simplify(&pts, eps);
        arcs_out.push(json!(encode_ints(&s.iter().map(|c| (c.x as i64, c.y as i64)).collect::<Vec<_>>())));
    }
    let mut units_out = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        if !unit.named {
            continue;
        }
        let rings: Vec<Vec<i64>> = topo.rings[u]
            .iter()
            .map(|r| {
                r.iter()
                    .map(|&x| {
                        let k = new_index[arc_index(x)] as i64;
                        if x < 0 {
                            !k
                        } else {
                            k
                        }
                    })
                    .collect()
            })
            .collect();
        units_out.push(json!({"id": unit.id, "country": unit.country, "rings": rings}));
    }
    let labels: HashMap<String, Value> = read(dir, "province_label_points.geojson")
        .into_iter()
        .map(|f| (f["properties"]["name"].as_str().unwrap_or("").to_string(), f["geometry"]["coordinates"].clone()))
        .collect();
    let mut gazetteer = Vec::new();
    for (n, p) in named_props {
        let at = &labels[n.1];
        let at = encode_ints(&[(
            (at[0].as_f64().unwrap() * Q).round() as i64,
            (at[1].as_f64().unwrap() * Q).round() as i64,
        )]);
        gazetteer.push(json!({
            "id": n.2, "name": p["name_en"], "label": n.3, "ru": p["name_ru"], "zh": p["name_zh"],
            "country": p["adm0_a3"], "border": p["borders_other"], "at": at,
        }));
    }
    gazetteer.sort_by_key(|g| NAMED.iter().position(|n| g["id"] == n.2));
    eprintln!(
        "provinces: {} units ({} named), {} arcs ({} inner), {} points",
        units.len(),
        units_out.len(),
        arcs_out.len(),
        n_inner,
        arcs_out.iter().map(|a| a.as_array().unwrap().len() / 2).sum::<usize>()
    );
    (gazetteer, json!({"inner": n_inner, "arcs": arcs_out, "units": units_out}))
}
