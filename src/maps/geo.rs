//! The map's geometry: the base map (`assets/geo/base.json`, fetched: land, borders, rivers and
//! the province/region outlines as shared arcs) and the gazetteer of named places, the border
//! provinces and regions (names, label points) and routes (`assets/geo/gazetteer.json`, compiled
//! in so story specs can be checked and route lengths computed without the base map).
//!
//! Both files store coordinates as integers of 1/q degree, each line or ring a flat array
//! `[lon0, lat0, dlon1, dlat1, …]` delta-encoded (see tools/geo-derive).

use crate::data::DataError;
use serde::Deserialize;
use std::sync::OnceLock;

pub type Line = Vec<(f64, f64)>;

pub const BASE_FILE: &str = "geo/base.json";
const GAZETTEER_FILE: &str = "geo/gazetteer.json";

fn decode(q: f64, flat: &[i64]) -> Result<Line, String> {
    if !flat.len().is_multiple_of(2) || flat.is_empty() {
        return Err(format!("a coordinate array has {} numbers: expected an even, non-zero count", flat.len()));
    }
    let (mut x, mut y) = (0i64, 0i64);
    Ok(flat
        .chunks_exact(2)
        .map(|c| {
            x += c[0];
            y += c[1];
            (x as f64 / q, y as f64 / q)
        })
        .collect())
}

#[derive(Deserialize)]
struct RawBase {
    q: f64,
    land: Vec<Vec<i64>>,
    lakes: Vec<Vec<i64>>,
    countries: Vec<RawCountry>,
    borders: Vec<RawBorder>,
    rivers: Vec<RawRiver>,
    #[serde(default)]
    provinces: RawProvinces,
}
#[derive(Deserialize, Default)]
struct RawProvinces {
    inner: usize,
    arcs: Vec<Vec<i64>>,
    units: Vec<RawUnit>,
}
#[derive(Deserialize)]
struct RawUnit {
    id: String,
    country: String,
    /// Arc references: `i`, or `!i` (−i−1) for arc i reversed, as TopoJSON writes them.
    rings: Vec<Vec<i64>>,
}
#[derive(Deserialize)]
struct RawCountry {
    id: String,
    name: String,
    rings: Vec<Vec<i64>>,
}
#[derive(Deserialize)]
struct RawBorder {
    kind: String,
    line: Vec<i64>,
}
#[derive(Deserialize)]
struct RawRiver {
    id: String,
    line: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166 alpha-3 as Natural Earth writes it: "CHN", "RUS", "MNG".
    pub id: String,
    pub name: String,
    pub rings: Vec<Line>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Border {
    /// The China–Russia border (1:10m) rather than a neighbour's.
    pub china_russia: bool,
    pub line: Line,
}

#[derive(Clone, Debug, PartialEq)]
pub struct River {
    pub id: String,
    pub line: Line,
}

/// A province or region with its outline (rings joined from the shared arcs).
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// The gazetteer's id: "heilongjiang", "amur-oblast", …
    pub id: String,
    /// "CHN" or "RUS".
    pub country: String,
    /// Closed rings (last point = first).
    pub rings: Vec<Line>,
    /// Indices into `Provinces::arcs` of the arcs its rings are made of.
    pub arcs: Vec<usize>,
}

/// The province/region layer: every boundary simplified once and shared by both neighbours.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Provinces {
    /// Boundaries between two units (drawn as the faint outlines) come first, `inner` of them;
    /// then the coasts and foreign borders of the units in `units`.
    pub arcs: Vec<Line>,
    pub inner: usize,
    /// The units a step can emphasise (the border provinces and regions, and Liaoning).
    pub units: Vec<Unit>,
}

impl Provinces {
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }
    /// The faint outlines: every boundary between two provinces or regions.
    pub fn inner_arcs(&self) -> &[Line] {
        &self.arcs[..self.inner]
    }
}

/// Parsed assets/geo/base.json. `Geo::default()` is a map with no geometry: what a map draws
/// (its routes and places, without land) when base.json cannot be had.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Geo {
    pub land: Vec<Line>,
    pub lakes: Vec<Line>,
    pub countries: Vec<Country>,
    pub borders: Vec<Border>,
    pub rivers: Vec<River>,
    pub provinces: Provinces,
}

fn err(file: &str, field: &str, msg: impl Into<String>) -> DataError {
    DataError::new(file, None, Some(field), msg)
}

fn rings(file: &str, field: &str, q: f64, raw: &[Vec<i64>]) -> Result<Vec<Line>, DataError> {
    raw.iter().map(|r| decode(q, r).map_err(|m| err(file, field, m))).collect()
}

impl Geo {
    pub fn parse(json: &str) -> Result<Geo, DataError> {
        let f = BASE_FILE;
        let raw: RawBase = serde_json::from_str(json).map_err(|e| err(f, field_of(&e), e.to_string()))?;
        let q = raw.q;
        if q.is_nan() || q <= 0.0 {
            return Err(err(f, "q", "the quantisation step must be positive"));
        }
        let geo = Geo {
            land: rings(f, "land", q, &raw.land)?,
            lakes: rings(f, "lakes", q, &raw.lakes)?,
            countries: raw
                .countries
                .into_iter()
                .map(|c| Ok(Country { rings: rings(f, "countries", q, &c.rings)?, id: c.id, name: c.name }))
                .collect::<Result<_, DataError>>()?,
            borders: raw
                .borders
                .into_iter()
                .map(|b| {
                    Ok(Border {
                        china_russia: b.kind == "cn-ru",
                        line: decode(q, &b.line).map_err(|m| err(f, "borders", m))?,
                    })
                })
                .collect::<Result<_, DataError>>()?,
            rivers: raw
                .rivers
                .into_iter()
                .map(|r| Ok(River { line: decode(q, &r.line).map_err(|m| err(f, "rivers", m))?, id: r.id }))
                .collect::<Result<_, DataError>>()?,
            provinces: provinces(q, raw.provinces).map_err(|m| err(f, "provinces", m))?,
        };
        if geo.land.is_empty() || !geo.borders.iter().any(|b| b.china_russia) {
            return Err(err(f, "land", "the base map has no land or no China–Russia border"));
        }
        Ok(geo)
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled() -> Geo {
        Geo::parse(include_str!("../../assets/geo/base.json")).expect("assets/geo/base.json is valid")
    }
}

/// Decodes the arcs and joins each unit's rings from them.
fn provinces(q: f64, raw: RawProvinces) -> Result<Provinces, String> {
    let arcs: Vec<Line> = raw.arcs.iter().map(|a| decode(q, a)).collect::<Result<_, _>>()?;
    if raw.inner > arcs.len() {
        return Err(format!("inner = {} but there are {} arcs", raw.inner, arcs.len()));
    }
    let mut units = Vec::with_capacity(raw.units.len());
    for u in raw.units {
        let mut rings = Vec::new();
        let mut used = Vec::new();
        for refs in &u.rings {
            let mut ring: Line = Vec::new();
            for &r in refs {
                let i = if r < 0 { !r } else { r } as usize;
                let arc = arcs.get(i).ok_or_else(|| format!("{}: arc {i} of {}", u.id, arcs.len()))?;
                used.push(i);
                // Consecutive arcs share their end point.
                let skip = usize::from(!ring.is_empty());
                if r < 0 {
                    ring.extend(arc.iter().rev().skip(skip));
                } else {
                    ring.extend(arc.iter().skip(skip));
                }
            }
            if ring.len() >= 4 {
                rings.push(ring);
            }
        }
        used.sort_unstable();
        used.dedup();
        units.push(Unit { id: u.id, country: u.country, rings, arcs: used });
    }
    Ok(Provinces { arcs, inner: raw.inner, units })
}

/// The top-level field a serde error is about, when its message names one.
fn field_of(e: &serde_json::Error) -> &'static str {
    let m = e.to_string();
    for f in ["land", "lakes", "countries", "borders", "rivers", "provinces", "q"] {
        if m.contains(&format!("`{f}`")) {
            return f;
        }
    }
    "json"
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct RawPoint {
    id: String,
    name: String,
    #[serde(default)]
    ru: String,
    #[serde(default)]
    zh: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    country: Option<String>,
    at: Vec<i64>,
}
#[derive(Clone, Debug, PartialEq, Deserialize)]
struct RawRoute {
    id: String,
    name: String,
    #[serde(default)]
    ru: String,
    #[serde(default)]
    zh: String,
    kind: String,
    status: String,
    capacity: Option<f64>,
    unit: Option<String>,
    line: Vec<i64>,
}
#[derive(Clone, Debug, PartialEq, Deserialize)]
struct RawRegion {
    id: String,
    name: String,
    label: String,
    ru: String,
    zh: String,
    country: String,
    border: bool,
    at: Vec<i64>,
}
#[derive(Deserialize)]
struct RawGazetteer {
    q: f64,
    provinces: Vec<RawRegion>,
    places: Vec<RawPoint>,
    routes: Vec<RawRoute>,
}

/// A named point: a city, crossing, port, strait, field, terminal, or a province's label point.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: String,
    pub name: String,
    /// The name in Russian and Chinese (empty where the gazetteer has none).
    pub ru: String,
    pub zh: String,
    /// "city", "border_crossing", "port", "strait", "gas_field", "terminal"; "CHN"/"RUS" for provinces.
    pub kind: String,
    pub lon: f64,
    pub lat: f64,
}

/// A province of China or a region of Russia the story names, with its names in three languages
/// (from Natural Earth via the shared data) and a label point.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub id: String,
    /// Full English name: "Primorsky Krai", "Jewish Autonomous Oblast".
    pub name: String,
    /// The map label in English (may be shorter).
    pub label: String,
    pub ru: String,
    pub zh: String,
    /// "CHN" or "RUS".
    pub country: String,
    /// On the China–Russia land border.
    pub border: bool,
    pub lon: f64,
    pub lat: f64,
}

impl Region {
    /// The name in a language, for map labels.
    pub fn name_in(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::En => &self.label,
            crate::lang::Lang::Ru => &self.ru,
            crate::lang::Lang::Zh => &self.zh,
        }
    }
    pub fn china(&self) -> bool {
        self.country == "CHN"
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub id: String,
    /// The full name in English, Russian and Chinese (ru/zh empty where the gazetteer has none).
    pub name: String,
    pub ru: String,
    pub zh: String,
    /// "gas_pipeline", "oil_pipeline", "shipping_route".
    pub kind: String,
    /// "operating", "under_construction", "planned".
    pub status: String,
    pub capacity: Option<f64>,
    pub unit: Option<String>,
    pub line: Line,
    /// Cumulative great-circle length at each vertex, km (last = total).
    pub cumulative_km: Vec<f64>,
}

/// A name in `lang` out of its three spellings; English where the other is missing.
fn pick<'a>(lang: crate::lang::Lang, en: &'a str, ru: &'a str, zh: &'a str) -> &'a str {
    let name = match lang {
        crate::lang::Lang::En => en,
        crate::lang::Lang::Ru => ru,
        crate::lang::Lang::Zh => zh,
    };
    if name.is_empty() {
        en
    } else {
        name
    }
}

impl Place {
    /// The place's name in a language (English where the gazetteer has no other).
    pub fn name_in(&self, lang: crate::lang::Lang) -> &str {
        pick(lang, &self.name, &self.ru, &self.zh)
    }
}

impl Route {
    /// The route's full name in a language (English where the gazetteer has no other).
    pub fn name_in(&self, lang: crate::lang::Lang) -> &str {
        pick(lang, &self.name, &self.ru, &self.zh)
    }
    pub fn length_km(&self) -> f64 {
        *self.cumulative_km.last().unwrap_or(&0.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Gazetteer {
    pub provinces: Vec<Region>,
    pub places: Vec<Place>,
    pub routes: Vec<Route>,
}

impl Gazetteer {
    pub fn parse(json: &str) -> Result<Gazetteer, DataError> {
        let f = GAZETTEER_FILE;
        let raw: RawGazetteer = serde_json::from_str(json).map_err(|e| err(f, "json", e.to_string()))?;
        let q = raw.q;
        let point = |p: RawPoint, field: &str| -> Result<Place, DataError> {
            let at = decode(q, &p.at).map_err(|m| err(f, field, m))?;
            Ok(Place {
                id: p.id,
                name: p.name,
                ru: p.ru,
                zh: p.zh,
                kind: p.kind.or(p.country).unwrap_or_default(),
                lon: at[0].0,
                lat: at[0].1,
            })
        };
        Ok(Gazetteer {
            provinces: raw
                .provinces
                .into_iter()
                .map(|p| {
                    let at = decode(q, &p.at).map_err(|m| err(f, "provinces", m))?;
                    Ok(Region {
                        id: p.id,
                        name: p.name,
                        label: p.label,
                        ru: p.ru,
                        zh: p.zh,
                        country: p.country,
                        border: p.border,
                        lon: at[0].0,
                        lat: at[0].1,
                    })
                })
                .collect::<Result<_, DataError>>()?,
            places: raw.places.into_iter().map(|p| point(p, "places")).collect::<Result<_, _>>()?,
            routes: raw
                .routes
                .into_iter()
                .map(|r| {
                    let line = decode(q, &r.line).map_err(|m| err(f, "routes", m))?;
                    let cumulative_km = cumulative_km(&line);
                    Ok(Route {
                        id: r.id,
                        name: r.name,
                        ru: r.ru,
                        zh: r.zh,
                        kind: r.kind,
                        status: r.status,
                        capacity: r.capacity,
                        unit: r.unit,
                        line,
                        cumulative_km,
                    })
                })
                .collect::<Result<_, DataError>>()?,
        })
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }
    pub fn province(&self, id: &str) -> Option<&Region> {
        self.provinces.iter().find(|p| p.id == id)
    }
    pub fn route(&self, id: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.id == id)
    }
}

/// The gazetteer compiled into the app (all targets).
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        Gazetteer::parse(include_str!("../../assets/geo/gazetteer.json")).expect("assets/geo/gazetteer.json is valid")
    })
}

/// Mean Earth radius (IUGG), km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance by the haversine formula, km.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = std::f64::consts::PI / 180.0;
    let (p1, p2) = (a.1 * r, b.1 * r);
    let (dp, dl) = ((b.1 - a.1) * r, (b.0 - a.0) * r);
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Cumulative haversine length along a line, km, starting at 0.
pub fn cumulative_km(line: &[(f64, f64)]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut out = Vec::with_capacity(line.len());
    for (i, &p) in line.iter().enumerate() {
        if i > 0 {
            acc += haversine_km(line[i - 1], p);
        }
        out.push(acc);
    }
    out
}

/// The part of a line up to `fraction` (0..1) of its length, interpolating the last segment
/// (linearly in lon/lat, unwrapping across ±180°; fine for segments of a few hundred km).
pub fn line_prefix(line: &[(f64, f64)], cumulative: &[f64], fraction: f64) -> Line {
    let total = *cumulative.last().unwrap_or(&0.0);
    let target = total * fraction.clamp(0.0, 1.0);
    let mut out = Vec::with_capacity(line.len());
    for (i, &p) in line.iter().enumerate() {
        if cumulative[i] <= target {
            out.push(p);
            continue;
        }
        if i > 0 {
            let a = line[i - 1];
            let seg = cumulative[i] - cumulative[i - 1];
            let t = if seg > 0.0 { (target - cumulative[i - 1]) / seg } else { 0.0 };
            let mut dl = p.0 - a.0;
            if dl > 180.0 {
                dl -= 360.0;
            } else if dl < -180.0 {
                dl += 360.0;
            }
            out.push((super::projection::wrap_lon(a.0 + t * dl), a.1 + t * (p.1 - a.1)));
        }
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_delta_arrays() {
        assert_eq!(
            decode(100.0, &[12750, 5024, 4, 3, -1, 0]).unwrap(),
            vec![(127.5, 50.24), (127.54, 50.27), (127.53, 50.27)]
        );
        assert!(decode(100.0, &[1, 2, 3]).is_err());
    }

    #[test]
    fn haversine_known_distance() {
        // One degree of latitude ≈ 111.2 km; Beijing–Moscow ≈ 5,800 km.
        assert!((haversine_km((0.0, 0.0), (0.0, 1.0)) - 111.195).abs() < 0.01);
        let d = haversine_km((116.4, 39.9), (37.62, 55.75));
        assert!((5750.0..5850.0).contains(&d), "{d}");
        // Across the antimeridian the short way.
        assert!(haversine_km((179.5, 65.0), (-179.5, 65.0)) < 50.0);
    }

    #[test]
    fn prefix_of_a_line() {
        let line = vec![(0.0, 0.0), (0.0, 1.0), (0.0, 2.0)];
        let c = cumulative_km(&line);
        let half = line_prefix(&line, &c, 0.5);
        assert!((half.last().unwrap().1 - 1.0).abs() < 1e-9);
        let q = line_prefix(&line, &c, 0.75);
        assert!((q[2].1 - 1.5).abs() < 1e-9);
        assert_eq!(line_prefix(&line, &c, 1.0), line);
    }
}
