//! The base map's lines put once on their projection's plane (`projection::Plane`) and kept
//! with the geometry: between two views of one projection only a similarity of that plane
//! changes, so each frame of a map moving between views places a point in four
//! multiplications instead of a rotation, a sine, a cosine and a table read, and leaves a line
//! out of view without placing its points.

use super::labels::Rect;
use super::projection::{Plane, Projection, Similarity};
use std::sync::{Arc, Mutex};

/// The rotation the lines are kept in: the border view's (`camera::View::Border`), so that
/// only lines across the Americas, where its cut is, cross it.
const PLANE_LON: f64 = 112.0;

/// One line on a plane: its points, the span of their rotated longitudes, and their box.
struct OnPlane {
    pts: Vec<(f64, f64)>,
    lons: (f64, f64),
    bbox: Rect,
}

/// The lines of a `Geo` on each plane a map has drawn them on, by the line's address: a `Geo`
/// is not changed once read, so an address names one line for as long as the `Geo` lives (a
/// clone starts empty). A line the conic cannot keep (one across the cut) is kept as `None`.
/// Kept in order of key (a sorted list: a few hundred lines, each found by bisection).
#[derive(Default)]
pub struct Planes(Mutex<Vec<(Key, Option<Arc<OnPlane>>)>>);

/// A line's address and length, and the plane's `id`.
type Key = (usize, usize, u64);

impl Clone for Planes {
    fn clone(&self) -> Self {
        Planes::default()
    }
}

impl PartialEq for Planes {
    fn eq(&self, _: &Planes) -> bool {
        true
    }
}

impl std::fmt::Debug for Planes {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("Planes")
    }
}

/// Where a frame's projection takes the kept lines, and the view it culls to.
pub(super) struct OnScreen {
    plane: Plane,
    sim: Similarity,
    p: Projection,
}

impl OnScreen {
    pub fn of(p: Projection) -> OnScreen {
        let plane = Plane::of(&p, PLANE_LON);
        OnScreen { plane, sim: p.of_plane(&plane), p }
    }

    /// `line` (of `planes`' `Geo`) on screen as one piece, or nothing when it is out of `view`:
    /// what `render::Stream::run` makes of a line that does not cross the cut. `None` when the
    /// line crosses the cut in this view (or is too short to draw): the caller projects it.
    pub fn place(&self, planes: &Planes, line: &[(f64, f64)], ring: bool, view: &Rect) -> Option<Vec<Vec<(f64, f64)>>> {
        if line.len() < if ring { 3 } else { 2 } {
            return None;
        }
        let on = planes.get(&self.plane, line)?;
        if !self.plane.fits(&self.p, on.lons) {
            return None;
        }
        let b = &on.bbox;
        let corners = [(b.x0, b.y0), (b.x1, b.y0), (b.x0, b.y1), (b.x1, b.y1)].map(|c| self.sim.apply(c));
        if !Rect::of_points(&corners).is_some_and(|r| r.overlaps(view)) {
            return Some(Vec::new());
        }
        let pts: Vec<(f64, f64)> = on.pts.iter().map(|&u| self.sim.apply(u)).collect();
        let seen = Rect::of_points(&pts).is_some_and(|r| r.overlaps(view));
        Some(if seen { vec![pts] } else { Vec::new() })
    }
}

impl Planes {
    fn get(&self, plane: &Plane, line: &[(f64, f64)]) -> Option<Arc<OnPlane>> {
        let key = (line.as_ptr() as usize, line.len(), plane.id());
        let mut kept = self.0.lock().ok()?;
        match kept.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => kept[i].1.clone(),
            Err(i) => {
                let on = put(plane, line).map(Arc::new);
                kept.insert(i, (key, on.clone()));
                on
            }
        }
    }
}

fn put(plane: &Plane, line: &[(f64, f64)]) -> Option<OnPlane> {
    let mut pts = Vec::with_capacity(line.len());
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut last: Option<f64> = None;
    for &(lon, lat) in line {
        let (u, rlon) = plane.point(lon, lat);
        // Across the cut the conic draws the line in pieces: not kept.
        if last.is_some_and(|l| (rlon - l).abs() > 180.0) && plane.has_cut() {
            return None;
        }
        last = Some(rlon);
        (lo, hi) = (lo.min(rlon), hi.max(rlon));
        pts.push(u);
    }
    let bbox = Rect::of_points(&pts)?;
    Some(OnPlane { pts, lons: (lo, hi), bbox })
}

#[cfg(test)]
mod tests {
    use super::super::camera::{Camera, View};
    use super::super::geo::Geo;
    use super::super::render::Stream;
    use super::*;
    use crate::scene::Size;

    /// Where every line of `geo`, placed from its plane in each of `cameras`, lands: as where
    /// projecting it directly puts it (or left out with it), at a phone's and a desktop's size.
    /// Returns how many points were compared.
    fn placed_as_projected(geo: &Geo, cameras: &[Camera]) -> usize {
        let rings: Vec<&[(f64, f64)]> = geo
            .land
            .iter()
            .chain(&geo.lakes)
            .chain(geo.countries.iter().flat_map(|c| &c.rings))
            .chain(geo.provinces.units.iter().flat_map(|u| &u.rings))
            .map(Vec::as_slice)
            .collect();
        let lines: Vec<&[(f64, f64)]> = geo
            .borders
            .iter()
            .map(|b| b.line.as_slice())
            .chain(geo.rivers.iter().map(|r| r.line.as_slice()))
            .chain(geo.provinces.arcs.iter().map(Vec::as_slice))
            .collect();
        let mut placed = 0;
        for &camera in cameras {
            for size in [Size { width: 360.0, height: 560.0 }, Size { width: 640.0, height: 600.0 }] {
                let frame = Rect { x0: 0.0, y0: 0.0, x1: size.width, y1: size.height };
                let st = Stream::new(camera.projection(size), camera.kind == super::super::Kind::Conic, frame);
                for (line, ring) in rings.iter().map(|l| (l, true)).chain(lines.iter().map(|l| (l, false))) {
                    let (kept, direct) = (st.run_base(geo, line, ring), st.run(line, ring));
                    assert_eq!(
                        kept.len(),
                        direct.len(),
                        "{camera:?} {size:?}: pieces of a line of {} points",
                        line.len()
                    );
                    for (a, b) in kept.iter().zip(&direct) {
                        assert_eq!(a.len(), b.len());
                        let off =
                            a.iter().zip(b).map(|(p, q)| (p.0 - q.0).abs().max((p.1 - q.1).abs())).fold(0.0, f64::max);
                        assert!(off < 1e-6, "{camera:?} {size:?}: a point is {off} px from where projecting puts it");
                        placed += a.len();
                    }
                }
            }
        }
        placed
    }

    #[test]
    fn placing_from_the_plane_draws_what_projecting_draws() {
        let placed = placed_as_projected(&Geo::bundled(), &View::ALL.map(Camera::of));
        assert!(placed > 100_000, "only {placed} points placed");
    }

    /// A ring across the conic's cut (the Americas, 180° from the plane's rotation) is not kept
    /// on the plane: a view of it cuts it in pieces, and so does the page.
    #[test]
    fn a_ring_across_the_cut_is_projected_in_pieces() {
        let ring = vec![(-60.0, 50.0), (-80.0, 50.0), (-80.0, 60.0), (-60.0, 60.0), (-60.0, 50.0)];
        let geo = Geo { land: vec![ring], ..Geo::default() };
        let across = Camera { lon: -70.0, lat: 55.0, zoom: 2.0, ..Camera::of(View::Border) };
        assert!(placed_as_projected(&geo, &[across]) > 0, "the ring is in view");
    }
}
