//! Map projections as small values, after d3-geo: raw spherical math (Lambert conformal conic,
//! polar azimuthal equidistant) plus rotation (central meridian), scale and translate.
//! Screen coordinates are CSS pixels with y down.

use std::f64::consts::{FRAC_PI_2, FRAC_PI_4};

const RAD: f64 = std::f64::consts::PI / 180.0;

/// Wraps degrees into −180..=180.
pub fn wrap_lon(lon: f64) -> f64 {
    let l = (lon + 180.0).rem_euclid(360.0) - 180.0;
    if l == -180.0 && lon > 0.0 {
        180.0
    } else {
        l
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Raw {
    /// Lambert conformal conic on the unit sphere: cone constant `n`, `f`, and ρ at the origin parallel.
    Conic { n: f64, f: f64, rho0: f64 },
    /// North-polar azimuthal equidistant: distance from the pole is true to scale.
    Polar,
}

impl Raw {
    /// Lambert conformal conic with standard parallels `phi1`, `phi2` and origin parallel `phi0` (degrees).
    pub fn conic(phi0: f64, phi1: f64, phi2: f64) -> Raw {
        let (p0, p1, p2) = (phi0 * RAD, phi1 * RAD, phi2 * RAD);
        let t = |p: f64| (FRAC_PI_4 + p / 2.0).tan();
        let n = if (p1 - p2).abs() < 1e-9 { p1.sin() } else { (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln() };
        let f = p1.cos() * t(p1).powf(n) / n;
        Raw::Conic { n, f, rho0: f / t(p0).powf(n) }
    }

    /// (λ, φ) in radians, λ already rotated → unit-sphere plane (x right, y up).
    pub fn forward(&self, lam: f64, phi: f64) -> (f64, f64) {
        match *self {
            Raw::Conic { n, f, rho0 } => {
                // Clamp near the south pole where ρ diverges (never inside our views).
                let phi = phi.max(-FRAC_PI_2 + 1e-6);
                let rho = f * cone_factor(n, phi);
                (rho * (n * lam).sin(), rho0 - rho * (n * lam).cos())
            }
            Raw::Polar => {
                let rho = FRAC_PI_2 - phi;
                (rho * lam.sin(), -rho * lam.cos())
            }
        }
    }

    pub fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        match *self {
            Raw::Conic { n, f, rho0 } => {
                let dy = rho0 - y;
                let rho = n.signum() * (x * x + dy * dy).sqrt();
                let theta = (x * n.signum()).atan2(dy * n.signum());
                let phi =
                    if rho == 0.0 { FRAC_PI_2 * n.signum() } else { 2.0 * (f / rho).powf(1.0 / n).atan() - FRAC_PI_2 };
                (theta / n, phi)
            }
            Raw::Polar => {
                let rho = x.hypot(y);
                (x.atan2(-y), FRAC_PI_2 - rho)
            }
        }
    }
}

/// The latitudes (degrees) `cone_factor` reads from its table, every 1/`STEPS` degree: all
/// that a conic view of the region shows. Outside them it computes.
const TABLE_LATS: (f64, f64) = (-30.0, 85.0);
const STEPS: f64 = 64.0;

thread_local! {
    /// `cone_factor` on the table's latitudes, for the cone constant it was built for.
    static CONE_TABLE: std::cell::RefCell<(f64, Vec<f64>)> = const { std::cell::RefCell::new((f64::NAN, Vec::new())) };
}

/// tan(π/4 + φ/2)^−n, the conic's ρ / f at latitude φ (radians). Every vertex of every frame
/// of a conic map needs one, and a `tan` and a `pow` are the map's largest cost in the wasm, so
/// it is read from a table with linear interpolation (filled as read, once per cone constant; at 1/64°
/// the error stays below 1e-6 of ρ, a thousandth of a pixel on the closest view).
fn cone_factor(n: f64, phi: f64) -> f64 {
    let exact = |phi: f64| (FRAC_PI_4 + phi / 2.0).tan().powf(-n);
    let at = (phi / RAD - TABLE_LATS.0) * STEPS;
    let len = ((TABLE_LATS.1 - TABLE_LATS.0) * STEPS) as usize + 1;
    if !(at >= 0.0 && at < (len - 1) as f64) {
        return exact(phi);
    }
    CONE_TABLE.with(|table| {
        let mut table = table.borrow_mut();
        if table.0 != n {
            *table = (n, vec![f64::NAN; len]);
        }
        let (i, frac) = (at as usize, at.fract());
        // Each entry is computed when first read: a map's first frame then pays only for the
        // latitudes it shows (a `tan` and a `pow` each, slow in a wasm not yet optimised).
        let mut entry = |i: usize| {
            let v = &mut table.1[i];
            if v.is_nan() {
                *v = exact((TABLE_LATS.0 + i as f64 / STEPS) * RAD);
            }
            *v
        };
        let (a, b) = (entry(i), entry(i + 1));
        a + (b - a) * frac
    })
}

/// A complete projection: raw math, central meridian, scale (px per unit-sphere unit), translate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    pub raw: Raw,
    /// Central meridian in degrees: the map is rotated so it points straight down the page.
    pub lon0: f64,
    pub scale: f64,
    pub translate: (f64, f64),
}

impl Projection {
    pub fn new(raw: Raw, lon0: f64) -> Self {
        Projection { raw, lon0, scale: 1.0, translate: (0.0, 0.0) }
    }

    /// Longitude in the rotated frame, −180..180 (the cut is at ±180).
    pub fn rotate(&self, lon: f64) -> f64 {
        wrap_lon(lon - self.lon0)
    }

    /// Rotated (lon, lat) in degrees → screen pixels.
    pub fn project_rotated(&self, rlon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.raw.forward(rlon * RAD, lat * RAD);
        (self.translate.0 + self.scale * x, self.translate.1 - self.scale * y)
    }

    /// (lon, lat) in degrees → screen pixels.
    pub fn forward(&self, lon: f64, lat: f64) -> (f64, f64) {
        self.project_rotated(self.rotate(lon), lat)
    }

    /// Screen pixels → (lon, lat) in degrees.
    pub fn inverse(&self, px: f64, py: f64) -> (f64, f64) {
        let (x, y) = ((px - self.translate.0) / self.scale, (self.translate.1 - py) / self.scale);
        let (lam, phi) = self.raw.inverse(x, y);
        (wrap_lon(lam / RAD + self.lon0), phi / RAD)
    }

    /// Where the projection's plane before rotation, scale and shift (`Plane`) lands on screen.
    /// Rotating the globe about the pole by δ turns that plane about the cone's apex by n·δ (by
    /// δ about the pole on the polar one), so the screen is a similarity of the plane: a point
    /// put there once (`Plane::point`) is on screen in four multiplications, in any view of the
    /// same raw projection whose rotation keeps it off the cut (`Plane::fits`).
    pub fn of_plane(&self, plane: &Plane) -> Similarity {
        let (n, rho0) = match self.raw {
            Raw::Conic { n, rho0, .. } => (n, rho0),
            Raw::Polar => (1.0, 0.0),
        };
        let turn = n * wrap_lon(self.lon0 - plane.lon0) * RAD;
        let (a, b) = (self.scale * turn.cos(), self.scale * turn.sin());
        Similarity { a, b, c: self.translate.0, d: self.translate.1 - self.scale * rho0 }
    }

    /// Sets scale and translate so the points fit the extent ((x0, y0), (x1, y1)), centred, as
    /// d3's `fitExtent` does.
    pub fn fit_extent(mut self, points: &[(f64, f64)], extent: ((f64, f64), (f64, f64))) -> Self {
        self.scale = 1.0;
        self.translate = (0.0, 0.0);
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(lon, lat) in points {
            let (x, y) = self.forward(lon, lat);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        let ((ex0, ey0), (ex1, ey1)) = extent;
        let k = ((ex1 - ex0) / (x1 - x0).max(1e-12)).min((ey1 - ey0) / (y1 - y0).max(1e-12));
        self.scale = k;
        self.translate = ((ex0 + ex1) / 2.0 - k * (x0 + x1) / 2.0, (ey0 + ey1) / 2.0 - k * (y0 + y1) / 2.0);
        self
    }

    /// Scale so that `radius_deg` of arc around (lon, lat) spans `radius_px`, with that point at `at`.
    pub fn centred(mut self, lon: f64, lat: f64, radius_deg: f64, radius_px: f64, at: (f64, f64)) -> Self {
        self.scale = radius_px / (radius_deg * RAD);
        self.translate = (0.0, 0.0);
        let (x, y) = self.forward(lon, lat);
        self.translate = (at.0 - x, at.1 - y);
        self
    }
}

/// A raw projection's plane with the globe rotated by `lon0` and nothing else: the cone's apex
/// (or the pole) at the origin, y towards it. See `Projection::of_plane`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plane {
    raw: Raw,
    pub lon0: f64,
}

impl Plane {
    /// The plane of `p`'s raw projection (whatever its origin parallel), rotated by `lon0`.
    pub fn of(p: &Projection, lon0: f64) -> Plane {
        let raw = match p.raw {
            Raw::Conic { n, f, .. } => Raw::Conic { n, f, rho0: 0.0 },
            Raw::Polar => Raw::Polar,
        };
        Plane { raw, lon0 }
    }

    /// Which raw projection the plane is of (the cone constant's bits; 0 for the polar one).
    pub fn id(&self) -> u64 {
        match self.raw {
            Raw::Conic { n, .. } => n.to_bits(),
            Raw::Polar => 0,
        }
    }

    /// Whether the projection cuts the globe at its rotation's antimeridian (the conic does).
    pub fn has_cut(&self) -> bool {
        matches!(self.raw, Raw::Conic { .. })
    }

    /// (lon, lat) in degrees on the plane, and its rotated longitude.
    pub fn point(&self, lon: f64, lat: f64) -> ((f64, f64), f64) {
        let rlon = wrap_lon(lon - self.lon0);
        let (x, y) = self.raw.forward(rlon * RAD, lat * RAD);
        ((x, -y), rlon)
    }

    /// Whether points whose rotated longitudes on this plane span `lons` (and do not cross the
    /// cut) stay off the cut in `p`'s rotation, so `p.of_plane` places them as `p` would. The
    /// polar projection has no cut.
    pub fn fits(&self, p: &Projection, lons: (f64, f64)) -> bool {
        let shift = wrap_lon(p.lon0 - self.lon0);
        matches!(self.raw, Raw::Polar) || (lons.0 - shift > -180.0 && lons.1 - shift < 180.0)
    }
}

/// A plane-to-screen map: (x, y) → (c + a·x − b·y, d + b·x + a·y).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Similarity {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
}

impl Similarity {
    pub fn apply(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (self.c + self.a * x - self.b * y, self.d + self.b * x + self.a * y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() < eps
    }

    #[test]
    fn conic_matches_snyder() {
        // Snyder, Map Projections: A Working Manual, p. 296 (sphere, R = 1).
        let raw = Raw::conic(23.0, 33.0, 45.0);
        let Raw::Conic { n, f, rho0 } = raw else { unreachable!() };
        assert!(close(n, 0.6304777, 1e-6) && close(f, 1.9550002, 1e-6) && close(rho0, 1.5071429, 1e-6));
        let p = Projection::new(raw, -96.0);
        let (x, y) = p.forward(-75.0, 35.0);
        assert!(close(x, 0.2966785, 1e-6), "{x}");
        assert!(close(y, -0.2462112, 1e-6), "{y}"); // y is down on screen
    }

    #[test]
    fn the_cone_table_reads_as_the_formula_does() {
        let Raw::Conic { n, .. } = Raw::conic(48.0, 40.0, 62.0) else { unreachable!() };
        for i in 0..=20_000 {
            let deg = -40.0 + i as f64 * 0.00649;
            let phi = deg * RAD;
            let exact = (FRAC_PI_4 + phi / 2.0).tan().powf(-n);
            assert!((cone_factor(n, phi) - exact).abs() < 1e-6 * exact, "{deg}°");
        }
        // Another cone constant rebuilds the table rather than reading the first one's.
        let Raw::Conic { n: m, .. } = Raw::conic(23.0, 33.0, 45.0) else { unreachable!() };
        let phi = 35.0 * RAD;
        assert!((cone_factor(m, phi) - (FRAC_PI_4 + phi / 2.0).tan().powf(-m)).abs() < 1e-9);
    }

    #[test]
    fn a_view_is_a_similarity_of_the_plane() {
        use crate::maps::camera::{Camera, View};
        let size = crate::scene::Size { width: 640.0, height: 600.0 };
        for (view, plane_lon) in
            [(View::Border, 112.0), (View::FarEast, 112.0), (View::Arctic, 0.0), (View::Bering, 112.0)]
        {
            let p = Camera::of(view).projection(size);
            let plane = Plane::of(&p, plane_lon);
            let sim = p.of_plane(&plane);
            for (lon, lat) in [(127.5, 50.25), (87.6, 43.8), (140.0, 60.0), (-170.0, 65.0), (30.0, 70.0)] {
                let ((u, rlon), exact) = (plane.point(lon, lat), p.forward(lon, lat));
                if !plane.fits(&p, (rlon, rlon)) {
                    continue;
                }
                let (x, y) = sim.apply(u);
                assert!(
                    close(x, exact.0, 1e-6) && close(y, exact.1, 1e-6),
                    "{view:?} ({lon}, {lat}): {:?} vs {exact:?}",
                    (x, y)
                );
            }
        }
        let (conic, polar) = (Camera::of(View::Border).projection(size), Camera::of(View::Arctic).projection(size));
        assert_ne!(Plane::of(&conic, 112.0).id(), Plane::of(&polar, 112.0).id());
        // A point just short of the cut in the plane's rotation is past it in a view rotated
        // further: the view must cut there, and the plane says it cannot serve.
        assert!(!Plane::of(&conic, 112.0).fits(&Camera::of(View::FarEast).projection(size), (-175.0, -170.0)));
    }

    #[test]
    fn polar_equidistant_known_points() {
        let p = Projection::new(Raw::Polar, 100.0);
        let (x, y) = p.forward(123.0, 90.0);
        assert!(close(x, 0.0, 1e-12) && close(y, 0.0, 1e-12));
        // On the central meridian, 30° from the pole lies straight down.
        let (x, y) = p.forward(100.0, 60.0);
        assert!(close(x, 0.0, 1e-12) && close(y, 30.0 * RAD, 1e-12));
        // 90° east of it lies to the right.
        let (x, y) = p.forward(-170.0, 60.0);
        assert!(close(x, 30.0 * RAD, 1e-12) && close(y, 0.0, 1e-12));
    }

    #[test]
    fn round_trips() {
        let conic =
            Projection::new(Raw::conic(48.0, 40.0, 62.0), 127.0).centred(127.0, 48.0, 10.0, 300.0, (320.0, 300.0));
        let polar = Projection::new(Raw::Polar, 100.0).centred(105.0, 62.0, 30.0, 300.0, (320.0, 300.0));
        for p in [conic, polar] {
            for &(lon, lat) in
                &[(127.5, 50.3), (-168.9, 65.8), (33.1, 69.0), (179.9, 66.0), (-179.9, 66.0), (121.5, 31.2)]
            {
                let (x, y) = p.forward(lon, lat);
                let (l2, p2) = p.inverse(x, y);
                // 1e-6° (a tenth of a metre): the conic's forward reads a table (`cone_factor`).
                assert!(close(wrap_lon(l2 - lon), 0.0, 1e-7) && close(p2, lat, 1e-6), "{lon},{lat} -> {l2},{p2}");
            }
        }
        // The centre lands where asked.
        let (x, y) = conic.forward(127.0, 48.0);
        assert!(close(x, 320.0, 1e-9) && close(y, 300.0, 1e-9));
    }

    #[test]
    fn fit_extent_fills_the_box() {
        let pts = [(115.0, 42.0), (135.0, 42.0), (135.0, 54.0), (115.0, 54.0)];
        let p = Projection::new(Raw::conic(48.0, 40.0, 62.0), 125.0).fit_extent(&pts, ((10.0, 10.0), (350.0, 490.0)));
        let xs: Vec<(f64, f64)> = pts.iter().map(|&(a, b)| p.forward(a, b)).collect();
        let (x0, x1) = xs.iter().fold((f64::MAX, f64::MIN), |(a, b), q| (a.min(q.0), b.max(q.0)));
        let (y0, y1) = xs.iter().fold((f64::MAX, f64::MIN), |(a, b), q| (a.min(q.1), b.max(q.1)));
        assert!(x0 >= 9.999 && x1 <= 350.001 && y0 >= 9.999 && y1 <= 490.001);
        assert!(close(x0, 10.0, 1e-6) && close(x1, 350.0, 1e-6), "the binding side fills the extent");
    }

    #[test]
    fn rotation_moves_the_cut_away_from_the_far_east() {
        let p = Projection::new(Raw::conic(60.0, 40.0, 62.0), 127.0);
        // Chukotka (177°E) and Alaska (−170°) stay adjacent in the rotated frame.
        assert!((p.rotate(177.0) - p.rotate(-170.0)).abs() < 20.0);
        assert_eq!(wrap_lon(190.0), -170.0);
        assert_eq!(wrap_lon(180.0), 180.0);
    }
}
