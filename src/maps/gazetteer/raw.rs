//! The gazetteer as `assets/geo/gazetteer.json` writes it, before its kinds and coordinates are
//! read (`Gazetteer::from_raw`). build.rs includes this file as it is: it reads the JSON into
//! these types (a malformed file fails the build, naming it) and compiles them in as postcard
//! (`wire::read_compiled`), so the page needs no JSON parser for them.

use serde::{Deserialize, Serialize};

/// The compiled gazetteer's first bytes (build.rs, `gazetteer::gazetteer`); native only: the page
/// reads the gazetteer from the base map file.
#[cfg(not(target_arch = "wasm32"))]
pub const MAGIC: &[u8; 4] = b"GZT1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, crate::wire::Wire)]
pub struct RawPoint {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub ru: String,
    #[serde(default)]
    pub zh: String,
    pub kind: String,
    pub at: Vec<i64>,
}
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, crate::wire::Wire)]
pub struct RawRoute {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub ru: String,
    #[serde(default)]
    pub zh: String,
    pub kind: String,
    pub status: String,
    pub capacity: Option<f64>,
    pub unit: Option<String>,
    #[serde(default)]
    pub passage: Option<String>,
    pub line: Vec<i64>,
}
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, crate::wire::Wire)]
pub struct RawRegion {
    pub id: String,
    pub name: String,
    pub label: String,
    pub ru: String,
    pub zh: String,
    pub country: String,
    pub border: bool,
    pub at: Vec<i64>,
}
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, crate::wire::Wire)]
pub struct RawGazetteer {
    pub q: f64,
    pub source: String,
    pub provinces: Vec<RawRegion>,
    pub places: Vec<RawPoint>,
    pub routes: Vec<RawRoute>,
}
