//! The explainer's maps, native and tested: projections (`projection`), the antimeridian cut
//! (`clip`), label placement (`labels`), geometry assets (`geo`), views (`camera`), and the map
//! states of the story (`MapSpec` → `MapModel` → `Scene`, plus description, table, sources).

mod base;
pub mod camera;
pub mod clip;
mod content;
mod gazetteer;
pub mod geo;
mod inset;
mod inset_facts;
pub mod kinds;
pub mod labels;
pub mod lazy;
mod marks;
mod planes;
pub mod projection;
mod render;
mod segments;

pub use render::{region_colours, LaidOut, Layout, RegionColours};

pub use camera::{Camera, Kind, View};
pub use gazetteer::{cumulative_km, gazetteer, haversine_km, line_prefix, Gazetteer, Place, Region, Route};
pub use geo::{Geo, Provinces, Unit};
pub use inset_facts::Inset;
pub use kinds::{Passage, PlaceKind, RouteKind, RouteStatus, Side};

use crate::data::{Dataset, EventDate};
use crate::scene::table::Table;
use crate::scene::theme::Theme;
use crate::scene::{Scene, Size};
use crate::wire::Wire;
use serde::{Deserialize, Serialize};

/// Path of the base map the page fetches under dist/ (the site binary writes it from
/// assets/geo/base.json).
pub const GEO_FILE: &str = geo::BASE_BIN;

/// What a story step asks the map to show: the step's `[steps.view]` table with `form = "map"`.
/// Views, layers and insets are enums: an unknown spelling fails when the story is read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Wire)]
#[serde(deny_unknown_fields)]
pub struct MapSpec {
    /// A named view (`camera::View`): "border", "far-east", "pipes", "arctic", …
    pub view: View,
    /// Multiplies the view's zoom.
    #[serde(default)]
    pub zoom: Option<f64>,
    /// Overrides the view's centre, [lon, lat].
    #[serde(default)]
    pub center: Option<[f64; 2]>,
    /// Layers: "border", "rivers" (emphasised), "provinces" (faint outlines of every province
    /// and region in view).
    #[serde(default)]
    pub layers: Vec<Layer>,
    /// Place ids from assets/geo/gazetteer.json (marked and labelled).
    #[serde(default)]
    pub places: Vec<String>,
    /// Provinces and regions drawn as shapes, tinted, outlined and labelled with their figure
    /// where the dataset has one: ids of the gazetteer's `provinces` ("heilongjiang",
    /// "amur-oblast", …). Those also in `highlight` are emphasised.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Route ids (pipelines, sea routes).
    #[serde(default)]
    pub routes: Vec<String>,
    /// Ids among the above drawn stronger than the rest.
    #[serde(default)]
    pub highlight: Vec<String>,
    /// A route drawn progressively as the reader scrolls through the step.
    #[serde(default)]
    pub reveal: Option<String>,
    /// A small chart inside the map: "pos1-flows", "gas-vs-europe", "nsr-transit", "distances".
    #[serde(default)]
    pub inset: Option<Inset>,
    /// Events (by their date in events.csv) pinned to a place.
    #[serde(default)]
    pub events: Vec<EventPin>,
}

/// An event pinned to a place: a step's `events = [{ date = "2024-05", at = "beijing" }]`,
/// and the key of the pin in `MapModel::events`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Wire)]
#[serde(deny_unknown_fields)]
pub struct EventPin {
    /// The event's `date` in events.csv, e.g. "2024-05" (a malformed date fails when the
    /// story is read).
    pub date: EventDate,
    /// Place id the pin stands at.
    pub at: String,
}

/// A layer a step switches on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Wire)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// The China–Russia border emphasised (it is always drawn).
    Border,
    /// The border rivers (Amur, Argun, Songhua).
    Rivers,
    /// Faint outlines of every province and region in view.
    Provinces,
}

/// Something shown on the map, with its opacity (0..1, eased between steps) and emphasis: a
/// place, region or route by its gazetteer id, or an event pin.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown<K = String> {
    pub id: K,
    pub alpha: f64,
    pub emphasis: f64,
}

/// A map state with everything resolved to numbers, ready to tween and draw.
#[derive(Clone, Debug, PartialEq)]
pub struct MapModel {
    pub camera: Camera,
    /// Emphasis of the China–Russia border (it is always drawn).
    pub border: f64,
    /// Opacity of the border rivers (Amur, Argun, Songhua).
    pub rivers: f64,
    /// Opacity of the faint province/region outlines.
    pub outlines: f64,
    pub places: Vec<Shown>,
    /// Provinces and regions drawn as shapes (ids of `gazetteer().provinces`).
    pub regions: Vec<Shown>,
    pub routes: Vec<Shown>,
    /// Event pins.
    pub events: Vec<Shown<EventPin>>,
    pub reveal: Option<String>,
    pub inset: Option<(Inset, f64)>,
    /// A frame between two states (`lerp`): its labels keep off routes and boxes but not off
    /// outlines, which a moving map's labels cross for a moment at most. Testing every label
    /// box against every outline was a fifth of a border-map frame.
    pub moving: bool,
}

impl MapModel {
    /// This state's view with nothing on it but the land: the page's first map frame in smaller
    /// parts (web/page.rs `prepare_maps`).
    pub fn bare(&self) -> MapModel {
        MapModel {
            camera: self.camera,
            border: 0.0,
            rivers: 0.0,
            outlines: 0.0,
            places: Vec::new(),
            regions: Vec::new(),
            routes: Vec::new(),
            events: Vec::new(),
            reveal: None,
            inset: None,
            moving: true,
        }
    }
}

impl MapSpec {
    pub fn model(&self, data: &Dataset) -> Result<MapModel, String> {
        // Ids are checked against the gazetteer where it is compiled in: the build, which writes
        // the edition the page reads, and the tests. The page's gazetteer comes later, with the
        // base map (`gazetteer::gazetteer`).
        #[cfg(not(target_arch = "wasm32"))]
        self.check_ids()?;
        let camera = self.camera()?;
        let hl = |id: &str| if self.highlight.iter().any(|h| h == id) { 1.0 } else { 0.0 };
        let shown = |ids: &[String]| -> Vec<Shown> {
            ids.iter().map(|id| Shown { id: id.clone(), alpha: 1.0, emphasis: hl(id) }).collect()
        };
        let (places, regions, routes) = (shown(&self.places), shown(&self.regions), shown(&self.routes));
        self.check_references()?;
        let on = |l: Layer| self.layers.contains(&l);
        Ok(MapModel {
            camera,
            border: if on(Layer::Border) { 1.0 } else { 0.0 },
            rivers: if on(Layer::Rivers) { 1.0 } else { 0.0 },
            outlines: if on(Layer::Provinces) || !regions.is_empty() { 1.0 } else { 0.0 },
            places,
            regions,
            routes,
            events: self.event_pins(data)?,
            reveal: self.reveal.clone(),
            inset: self.inset(data)?.map(|i| (i, 1.0)),
            moving: false,
        })
    }

    /// Every place, region, route and event pin is one the gazetteer knows.
    #[cfg(not(target_arch = "wasm32"))]
    fn check_ids(&self) -> Result<(), String> {
        let g = gazetteer();
        let known = |ids: &[String], what: &str, known: &dyn Fn(&str) -> bool| -> Result<(), String> {
            match ids.iter().find(|id| !known(id)) {
                Some(id) => Err(format!("unknown {what} id “{id}”")),
                None => Ok(()),
            }
        };
        known(&self.places, "place", &|id| g.place(id).is_some())?;
        if let Some(id) = self.regions.iter().find(|id| g.province(id).is_none()) {
            return Err(format!(
                "unknown province or region id “{id}” in `regions` of [steps.view] (known: {})",
                g.provinces.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
        known(&self.routes, "route", &|id| g.route(id).is_some())?;
        match self.events.iter().find(|e| g.place(&e.at).is_none()) {
            Some(e) => Err(format!("unknown place id “{}”", e.at)),
            None => Ok(()),
        }
    }

    /// The named view, zoomed and re-centred as the step asks.
    fn camera(&self) -> Result<Camera, String> {
        let mut camera = Camera::of(self.view);
        if let Some(z) = self.zoom {
            if !(z > 0.0 && z.is_finite()) {
                return Err(format!("map zoom {} must be positive", crate::data::format::fixed(z, 2)));
            }
            camera.zoom *= z;
        }
        if let Some([lon, lat]) = self.center {
            camera.lon = lon;
            camera.lat = lat;
        }
        Ok(camera)
    }

    /// Highlighted and revealed ids must be among what the step shows.
    fn check_references(&self) -> Result<(), String> {
        for h in &self.highlight {
            let listed = [&self.places, &self.regions, &self.routes].iter().any(|l| l.contains(h))
                || (h == "border" && self.layers.contains(&Layer::Border));
            if !listed {
                return Err(format!("highlighted id “{h}” is not among the step's places, regions or routes"));
            }
        }
        if let Some(r) = &self.reveal {
            if !self.routes.contains(r) {
                return Err(format!("revealed route “{r}” must also be listed in routes"));
            }
        }
        Ok(())
    }

    /// Event pins, each event and place known.
    fn event_pins(&self, data: &Dataset) -> Result<Vec<Shown<EventPin>>, String> {
        let mut events = Vec::new();
        for e in &self.events {
            if data.event(&e.date).is_none() {
                return Err(format!("unknown event date “{}” (events.csv)", e.date));
            }
            events.push(Shown { id: e.clone(), alpha: 1.0, emphasis: 1.0 });
        }
        Ok(events)
    }

    /// The inset, once the data it draws is there.
    fn inset(&self, data: &Dataset) -> Result<Option<Inset>, String> {
        let Some(inset) = self.inset else { return Ok(None) };
        for f in content::inset_facts(inset).ids() {
            if data.fact(f).and_then(|f| f.value).is_none() {
                return Err(format!("unknown fact id “{f}” (or it has no value)"));
            }
        }
        if inset == Inset::NsrTransit && data.nsr.is_empty() {
            return Err("the NSR inset needs nsr.csv rows".into());
        }
        Ok(Some(inset))
    }
}

/// Union of two lists by id; what only one side has fades in or out.
fn lerp_shown<K: Clone + PartialEq>(a: &[Shown<K>], b: &[Shown<K>], t: f64) -> Vec<Shown<K>> {
    let lin = |x: f64, y: f64| x + (y - x) * t;
    let mut out: Vec<Shown<K>> = a
        .iter()
        .map(|s| match b.iter().find(|o| o.id == s.id) {
            Some(o) => Shown { id: s.id.clone(), alpha: lin(s.alpha, o.alpha), emphasis: lin(s.emphasis, o.emphasis) },
            None => Shown { id: s.id.clone(), alpha: s.alpha * (1.0 - t), emphasis: s.emphasis },
        })
        .collect();
    for o in b.iter().filter(|o| !a.iter().any(|s| s.id == o.id)) {
        out.push(Shown { id: o.id.clone(), alpha: o.alpha * t, emphasis: o.emphasis });
    }
    out.retain(|s| s.alpha > 0.001);
    out
}

impl MapModel {
    pub fn lerp(a: &MapModel, b: &MapModel, t: f64) -> Option<MapModel> {
        let t = t.clamp(0.0, 1.0);
        let camera = Camera::lerp(&a.camera, &b.camera, t)?;
        let lin = |x: f64, y: f64| x + (y - x) * t;
        let inset = match (a.inset, b.inset) {
            (Some((x, ax)), Some((y, by))) if x == y => Some((x, lin(ax, by))),
            (Some((x, ax)), _) if t < 0.5 => Some((x, ax * (1.0 - 2.0 * t))),
            (_, Some((y, by))) if t >= 0.5 => Some((y, by * (2.0 * t - 1.0))),
            _ => None,
        };
        Some(MapModel {
            camera,
            border: lin(a.border, b.border),
            rivers: lin(a.rivers, b.rivers),
            outlines: lin(a.outlines, b.outlines),
            places: lerp_shown(&a.places, &b.places, t),
            regions: lerp_shown(&a.regions, &b.regions, t),
            routes: lerp_shown(&a.routes, &b.routes, t),
            events: lerp_shown(&a.events, &b.events, t),
            reveal: if t < 0.5 { a.reveal.clone() } else { b.reveal.clone() },
            inset,
            moving: t > 0.0 && t < 1.0,
        })
    }

    /// Whether the scroll progress through the step changes the picture: a route drawn as the
    /// reader scrolls, or an inset's bars growing. Other map states ignore it, so the page need
    /// not repaint them on every scroll frame.
    pub fn uses_progress(&self) -> bool {
        self.reveal.is_some() || self.inset.is_some()
    }

    pub fn scene(&self, geo: Option<&Geo>, data: &Dataset, progress: f64, size: Size, theme: &Theme) -> Scene {
        render::scene(self, geo, data, progress, size, theme).0
    }

    /// Where the labels of `scene` went (the same placement), for the tests.
    pub fn layout(&self, geo: Option<&Geo>, data: &Dataset, progress: f64, size: Size, theme: &Theme) -> Layout {
        render::scene(self, geo, data, progress, size, theme).1
    }

    pub fn describe(&self, data: &Dataset) -> String {
        content::describe(self, data)
    }

    pub fn table(&self, data: &Dataset) -> Table {
        content::table(self, data)
    }

    pub fn sources(&self, data: &Dataset) -> Vec<String> {
        content::sources(self, data)
    }
}

/// Rotterdam–Shanghai by the Northern Sea Route (with the North Cape leg) and via Suez, km,
/// summed from the traced route geometry of each passage's legs (the gazetteer's `passage`).
pub fn sea_route_distances() -> (f64, f64) {
    let legs = |p: Passage| gazetteer().routes.iter().filter(|r| r.passage == Some(p)).map(Route::length_km).sum();
    (legs(Passage::Arctic), legs(Passage::Suez))
}
