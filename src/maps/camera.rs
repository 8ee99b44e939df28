//! Where the map looks: a projection kind, a centre, a zoom and a rotation, with named views
//! for the story and interpolation between them (zoom in log space, longitude the short way).

use super::projection::{wrap_lon, Projection, Raw};
use crate::scene::Size;
use crate::wire::Wire;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Lambert conformal conic, standard parallels 40°N and 62°N: the Far East and north China.
    Conic,
    /// North-polar azimuthal equidistant: the Arctic.
    Polar,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub kind: Kind,
    /// The point at the centre of the view, degrees.
    pub lon: f64,
    pub lat: f64,
    /// 1 = 30° of arc from the centre to the nearer edge of the view.
    pub zoom: f64,
    /// Central meridian (points straight down the page), degrees.
    pub rotate: f64,
}

/// The named views story steps can ask for (`view = "far-east"` in a step's `[steps.view]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Wire)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    Border,
    FarEast,
    BorderWest,
    Pipes,
    PipesWide,
    Arctic,
    ArcticShanghai,
    Hemisphere,
    Bering,
}

impl View {
    pub const ALL: [View; 9] = [
        View::Border,
        View::FarEast,
        View::BorderWest,
        View::Pipes,
        View::PipesWide,
        View::Arctic,
        View::ArcticShanghai,
        View::Hemisphere,
        View::Bering,
    ];
}

impl Camera {
    pub fn of(view: View) -> Camera {
        use Kind::*;
        let c = |kind, lon, lat, zoom, rotate| Camera { kind, lon, lat, zoom, rotate };
        match view {
            View::Border => c(Conic, 112.0, 48.0, 1.75, 112.0),
            View::FarEast => c(Conic, 126.5, 47.3, 3.4, 126.5),
            View::BorderWest => c(Conic, 86.0, 47.0, 2.6, 100.0),
            View::Pipes => c(Conic, 124.0, 45.0, 1.9, 124.0),
            View::PipesWide => c(Conic, 108.0, 50.0, 1.2, 108.0),
            View::Arctic => c(Polar, 110.0, 72.0, 1.35, 110.0),
            View::ArcticShanghai => c(Polar, 110.0, 58.0, 0.95, 110.0),
            View::Hemisphere => c(Polar, 62.0, 42.0, 0.56, 80.0),
            View::Bering => c(Polar, -172.0, 64.5, 3.6, 170.0),
        }
    }

    /// The camera of a view by its story spelling ("far-east"); `None` for an unknown one.
    pub fn view(name: &str) -> Option<Camera> {
        super::kinds::parse::<View>(name).ok().map(Camera::of)
    }

    /// Eases from `a` to `b`; `None` when the projections differ (the page crossfades instead).
    pub fn lerp(a: &Camera, b: &Camera, t: f64) -> Option<Camera> {
        if a.kind != b.kind {
            return None;
        }
        let lin = |x: f64, y: f64| x + (y - x) * t;
        let ang = |x: f64, y: f64| wrap_lon(x + wrap_lon(y - x) * t);
        Some(Camera {
            kind: a.kind,
            lon: ang(a.lon, b.lon),
            lat: lin(a.lat, b.lat),
            zoom: (lin(a.zoom.ln(), b.zoom.ln())).exp(),
            rotate: ang(a.rotate, b.rotate),
        })
    }

    /// The projection for a viewport: the centre at the middle, the zoom's arc fitting the
    /// shorter side (so phones and desktops show the same area around the centre).
    pub fn projection(&self, size: Size) -> Projection {
        let raw = match self.kind {
            Kind::Conic => Raw::conic(self.lat, 40.0, 62.0),
            Kind::Polar => Raw::Polar,
        };
        let radius_px = size.width.min(size.height) / 2.0 * 0.94;
        Projection::new(raw, self.rotate).centred(
            self.lon,
            self.lat,
            30.0 / self.zoom.max(0.05),
            radius_px.max(1.0),
            (size.width / 2.0, size.height / 2.0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_exists_and_lerps() {
        for v in View::ALL {
            let name = serde_json::to_value(v).unwrap();
            assert_eq!(Camera::view(name.as_str().unwrap()), Some(Camera::of(v)), "{v:?}");
        }
        assert_eq!(Camera::view("arctic-shanghai"), Some(Camera::of(View::ArcticShanghai)));
        assert_eq!(Camera::view("far east"), None);
        let (a, b) = (Camera::view("border").unwrap(), Camera::view("far-east").unwrap());
        let m = Camera::lerp(&a, &b, 0.5).unwrap();
        assert!((m.zoom - (a.zoom * b.zoom).sqrt()).abs() < 1e-9, "zoom is interpolated in log space");
        assert_eq!(Camera::lerp(&a, &b, 0.0), Some(a));
        assert_eq!(Camera::lerp(&a, &b, 1.0).map(|c| (c.lon * 1e9).round()), Some((b.lon * 1e9).round()));
        assert!(Camera::lerp(&a, &Camera::view("arctic").unwrap(), 0.5).is_none());
        // Rotation takes the short way across ±180°.
        let bering = Camera::view("bering").unwrap();
        let m = Camera::lerp(&Camera::view("arctic").unwrap(), &bering, 0.5).unwrap();
        assert!((m.rotate - 140.0).abs() < 1e-9);
    }
}
