//! The map's geometry: the base map (`assets/geo/base.json`: land, borders, rivers and the
//! province/region outlines as shared arcs; the page fetches it as `geo/base.bin`, the same
//! content in the binary format of `crate::wire`, written by the site binary). The gazetteer of
//! named places, provinces and routes is `gazetteer.rs`.
//!
//! Both files store coordinates as integers of 1/q degree, each line or ring a flat array
//! `[lon0, lat0, dlon1, dlat1, …]` delta-encoded (see tools/geo-derive); in `base.bin` each is
//! a zigzag varint, mostly one byte.

use super::kinds::{parse, BorderKind, Side};
use crate::data::DataError;
use serde::{Deserialize, Serialize};

pub type Line = Vec<(f64, f64)>;

/// The base map as committed, under `assets/` (native code reads it; its errors name it).
pub const BASE_FILE: &str = "geo/base.json";
/// The base map as the page fetches it from `dist/`: `BASE_FILE` in the binary format.
pub const BASE_BIN: &str = "geo/base.bin";
/// The first bytes of `BASE_BIN`: what it is, and the version of its layout.
const BASE_MAGIC: &[u8; 4] = b"CRG2";
pub(super) fn decode(q: f64, flat: &[i64]) -> Result<Line, String> {
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

/// `BASE_BIN`: the base map and the gazetteer, which the page needs only for its maps (see
/// `gazetteer::gazetteer`).
#[derive(crate::wire::Wire, Serialize)]
struct BaseFile {
    base: RawBase,
    gazetteer: super::gazetteer::RawGazetteer,
}

#[derive(Deserialize, crate::wire::Wire, Serialize)]
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
#[derive(Deserialize, crate::wire::Wire, Serialize, Default)]
struct RawProvinces {
    inner: usize,
    arcs: Vec<Vec<i64>>,
    units: Vec<RawUnit>,
}
#[derive(Deserialize, crate::wire::Wire, Serialize)]
struct RawUnit {
    id: String,
    country: String,
    /// Arc references: `i`, or `!i` (−i−1) for arc i reversed, as TopoJSON writes them.
    rings: Vec<Vec<i64>>,
}
#[derive(Deserialize, crate::wire::Wire, Serialize)]
struct RawCountry {
    id: String,
    name: String,
    rings: Vec<Vec<i64>>,
}
#[derive(Deserialize, crate::wire::Wire, Serialize)]
struct RawBorder {
    kind: String,
    line: Vec<i64>,
}
#[derive(Deserialize, crate::wire::Wire, Serialize)]
struct RawRiver {
    id: String,
    line: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166 alpha-3 as Natural Earth writes it: "CHN", "RUS", "MNG".
    pub id: String,
    /// China or Russia (tinted); `None` for a neighbour.
    pub side: Option<Side>,
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
    pub country: Side,
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
    /// Its lines as the maps have put them on their projections' planes (`planes`).
    pub planes: super::planes::Planes,
}

pub(super) fn err(file: &str, field: &str, msg: impl Into<String>) -> DataError {
    DataError::new(file, None, Some(field), msg)
}

fn rings(file: &str, field: &str, q: f64, raw: &[Vec<i64>]) -> Result<Vec<Line>, DataError> {
    raw.iter().map(|r| decode(q, r).map_err(|m| err(file, field, m))).collect()
}

impl Geo {
    /// Reads `assets/geo/base.json` (native: the site binary, tests, previews).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(json: &str) -> Result<Geo, DataError> {
        let raw: RawBase = serde_json::from_str(json).map_err(|e| err(BASE_FILE, field_of(&e), e.to_string()))?;
        Geo::from_raw(raw, BASE_FILE)
    }

    /// Reads the page's `geo/base.bin`, and keeps the gazetteer it carries as `gazetteer()`.
    pub fn read(bytes: &[u8]) -> Result<Geo, DataError> {
        let file: BaseFile = crate::wire::read(bytes, BASE_MAGIC, "a map geometry file")
            .map_err(|e| DataError::unreadable(BASE_BIN, e))?;
        let geo = Geo::from_raw(file.base, BASE_BIN)?;
        super::gazetteer::install(file.gazetteer, BASE_BIN)?;
        Ok(geo)
    }

    /// `geo/base.bin` from `assets/geo/base.json`, which must read as a base map, and the
    /// compiled-in gazetteer.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn file(json: &str) -> Result<Vec<u8>, DataError> {
        Geo::parse(json)?;
        let base: RawBase = serde_json::from_str(json).map_err(|e| err(BASE_FILE, field_of(&e), e.to_string()))?;
        let file = BaseFile { base, gazetteer: super::gazetteer::compiled() };
        crate::wire::write(&file, BASE_MAGIC).map_err(|m| DataError::new(BASE_BIN, None, None, m))
    }

    /// Checks a base map and decodes its coordinates; errors name `f`, the file it came from.
    fn from_raw(raw: RawBase, f: &str) -> Result<Geo, DataError> {
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
                .map(|c| {
                    let side = parse::<Side>(&c.id).ok();
                    Ok(Country { rings: rings(f, "countries", q, &c.rings)?, id: c.id, side, name: c.name })
                })
                .collect::<Result<_, DataError>>()?,
            borders: raw
                .borders
                .into_iter()
                .map(|b| {
                    let kind = parse::<BorderKind>(&b.kind).map_err(|m| err(f, "borders.kind", m))?;
                    Ok(Border {
                        china_russia: kind == BorderKind::ChinaRussia,
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
            planes: Default::default(),
        };
        if geo.land.is_empty() || !geo.borders.iter().any(|b| b.china_russia) {
            return Err(err(f, "land", "the base map has no land or no China–Russia border"));
        }
        // Neighbours may be any code; China and Russia must be there, each once, to be tinted.
        for side in [Side::China, Side::Russia] {
            if geo.countries.iter().filter(|c| c.side == Some(side)).count() != 1 {
                return Err(err(f, "countries", format!("the base map needs one country with id {}", side.code())));
            }
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
        let country = parse(&u.country).map_err(|e| format!("{}: country: {e}", u.id))?;
        units.push(Unit { id: u.id, country, rings, arcs: used });
    }
    Ok(Provinces { arcs, inner: raw.inner, units })
}

/// The top-level field a serde error is about, when its message names one.
#[cfg(not(target_arch = "wasm32"))]
fn field_of(e: &serde_json::Error) -> &'static str {
    let m = e.to_string();
    for f in ["land", "lakes", "countries", "borders", "rivers", "provinces", "q"] {
        if m.contains(&format!("`{f}`")) {
            return f;
        }
    }
    "json"
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
}
