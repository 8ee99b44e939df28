//! The gazetteer (`assets/geo/gazetteer.json`, compiled in so story specs can be checked and
//! route lengths computed without the base map): named places, the border provinces and
//! regions (names in three languages, label points) and routes, with their kinds and statuses
//! parsed once into `kinds` enums; and the great-circle lengths along routes.

use super::geo::{decode, err, Line};
use super::kinds::{parse, Passage, PlaceKind, RouteKind, RouteStatus, Side};
use crate::data::DataError;
use crate::lang::Lang;
use std::sync::OnceLock;

mod raw;
pub(super) use raw::RawGazetteer;
use raw::{RawPoint, RawRegion, RawRoute};

const GAZETTEER_FILE: &str = "geo/gazetteer.json";

/// A named point: a city, crossing, port, strait, field or terminal.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: String,
    pub name: String,
    /// The name in Russian and Chinese (empty where the gazetteer has none).
    pub ru: String,
    pub zh: String,
    pub kind: PlaceKind,
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
    pub country: Side,
    /// On the China–Russia land border.
    pub border: bool,
    pub lon: f64,
    pub lat: f64,
}

impl Region {
    /// The name in a language, for map labels.
    pub fn name_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.label,
            Lang::Ru => &self.ru,
            Lang::Zh => &self.zh,
        }
    }
    pub fn china(&self) -> bool {
        self.country.china()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub id: String,
    /// The full name in English, Russian and Chinese (ru/zh empty where the gazetteer has none).
    pub name: String,
    pub ru: String,
    pub zh: String,
    pub kind: RouteKind,
    pub status: RouteStatus,
    pub capacity: Option<f64>,
    pub unit: Option<String>,
    /// For a sea route: which passage of the Rotterdam–Shanghai comparison it is a leg of.
    pub passage: Option<Passage>,
    pub line: Line,
    /// Cumulative great-circle length at each vertex, km (last = total).
    pub cumulative_km: Vec<f64>,
}

/// A name in `lang` out of its three spellings; English where the other is missing.
fn pick<'a>(lang: Lang, en: &'a str, ru: &'a str, zh: &'a str) -> &'a str {
    let name = match lang {
        Lang::En => en,
        Lang::Ru => ru,
        Lang::Zh => zh,
    };
    if name.is_empty() {
        en
    } else {
        name
    }
}

impl Place {
    /// The place's name in a language (English where the gazetteer has no other).
    pub fn name_in(&self, lang: Lang) -> &str {
        pick(lang, &self.name, &self.ru, &self.zh)
    }
}

impl Route {
    /// The route's full name in a language (English where the gazetteer has no other).
    pub fn name_in(&self, lang: Lang) -> &str {
        pick(lang, &self.name, &self.ru, &self.zh)
    }
    pub fn length_km(&self) -> f64 {
        *self.cumulative_km.last().unwrap_or(&0.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Gazetteer {
    /// The source id (sources.csv) of the base map and the hand-traced places and routes, which
    /// every map is drawn from.
    pub source: String,
    pub provinces: Vec<Region>,
    pub places: Vec<Place>,
    pub routes: Vec<Route>,
}

/// An enum field of one entry, or an error naming the file, the field and the entry.
fn field<T: serde::de::DeserializeOwned>(field: &str, id: &str, value: &str) -> Result<T, DataError> {
    parse(value).map_err(|e| err(GAZETTEER_FILE, field, format!("{id}: {e}")))
}

impl Gazetteer {
    /// Reads `assets/geo/gazetteer.json` as written (native: the tests; the page's copy is
    /// compiled in, see `gazetteer`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(json: &str) -> Result<Gazetteer, DataError> {
        let raw = serde_json::from_str(json).map_err(|e| err(GAZETTEER_FILE, "json", e.to_string()))?;
        Gazetteer::from_raw(raw)
    }

    /// The kinds read into enums and the coordinates decoded; an error names the file, the
    /// field and the entry.
    fn from_raw(raw: RawGazetteer) -> Result<Gazetteer, DataError> {
        let f = GAZETTEER_FILE;
        let q = raw.q;
        let point = |p: RawPoint| -> Result<Place, DataError> {
            let at = decode(q, &p.at).map_err(|m| err(f, "places", m))?;
            let kind = field("places.kind", &p.id, &p.kind)?;
            Ok(Place { id: p.id, name: p.name, ru: p.ru, zh: p.zh, kind, lon: at[0].0, lat: at[0].1 })
        };
        let region = |p: RawRegion| -> Result<Region, DataError> {
            let at = decode(q, &p.at).map_err(|m| err(f, "provinces", m))?;
            Ok(Region {
                country: field("provinces.country", &p.id, &p.country)?,
                id: p.id,
                name: p.name,
                label: p.label,
                ru: p.ru,
                zh: p.zh,
                border: p.border,
                lon: at[0].0,
                lat: at[0].1,
            })
        };
        let route = |r: RawRoute| -> Result<Route, DataError> {
            let line = decode(q, &r.line).map_err(|m| err(f, "routes", m))?;
            let cumulative_km = cumulative_km(&line);
            Ok(Route {
                kind: field("routes.kind", &r.id, &r.kind)?,
                status: field("routes.status", &r.id, &r.status)?,
                passage: r.passage.as_deref().map(|p| field("routes.passage", &r.id, p)).transpose()?,
                id: r.id,
                name: r.name,
                ru: r.ru,
                zh: r.zh,
                capacity: r.capacity,
                unit: r.unit,
                line,
                cumulative_km,
            })
        };
        Ok(Gazetteer {
            source: raw.source,
            provinces: raw.provinces.into_iter().map(region).collect::<Result<_, _>>()?,
            places: raw.places.into_iter().map(point).collect::<Result<_, _>>()?,
            routes: raw.routes.into_iter().map(route).collect::<Result<_, _>>()?,
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

/// The gazetteer. Natively it is compiled in (build.rs checks the JSON's shape and compiles it
/// in as postcard, `raw::MAGIC`; its kinds are read here, and the native tests fail on a wrong
/// one). The page gets it inside the base map (`geo/base.bin`, `Geo::read` installs it), which it
/// fetches only near a map: until then it is empty, and nothing that needs it runs there (a map
/// paints once the base map is in, and the story's ids were checked by the build that wrote the
/// edition; `MapSpec::model`).
pub fn gazetteer() -> &'static Gazetteer {
    #[cfg(not(target_arch = "wasm32"))]
    {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::from_raw(compiled()).unwrap_or_else(|e| panic!("{e} (the native tests check this)"))
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        static EMPTY: Gazetteer =
            Gazetteer { source: String::new(), provinces: Vec::new(), places: Vec::new(), routes: Vec::new() };
        INSTALLED.get().unwrap_or(&EMPTY)
    }
}

#[cfg(target_arch = "wasm32")]
static INSTALLED: OnceLock<Gazetteer> = OnceLock::new();

/// The gazetteer as compiled in (native), in the form the base map file carries it.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn compiled() -> RawGazetteer {
    let bytes = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));
    crate::wire::read_compiled(bytes, raw::MAGIC, "the compiled gazetteer")
        .unwrap_or_else(|e| panic!("assets/geo/gazetteer.json: {e}"))
}

/// Reads the gazetteer a base map file carries; the page keeps it as `gazetteer()` (natively
/// it must be the compiled-in one). Errors name `file`.
pub(super) fn install(raw: RawGazetteer, file: &str) -> Result<(), DataError> {
    #[cfg(not(target_arch = "wasm32"))]
    if raw != compiled() {
        return Err(err(file, "gazetteer", "the gazetteer in it is not this build's"));
    }
    let g = Gazetteer::from_raw(raw).map_err(|e| err(file, "gazetteer", e.to_string()))?;
    #[cfg(target_arch = "wasm32")]
    let _ = INSTALLED.set(g);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = g;
    Ok(())
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
