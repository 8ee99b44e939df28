//! The antimeridian cut, as its own stage between rotation and projection (as in d3-geo), and
//! the view clip after projection.
//!
//! Input points of the cut are (rotated longitude, latitude) in degrees, longitudes in
//! −180..180. A segment whose longitude jumps by more than 180° crosses the cut: drawn naively it
//! would run across the whole map, so lines are split there and polygons are clipped into pieces
//! on either side.
//!
//! The view clip keeps of a projected ring or line only what is in a box around the view: a
//! close-up of the border would otherwise stroke and fill every point of Russia's coast, off
//! screen, in every frame.

use crate::scene::rect::Rect;

/// Splits a polyline where it crosses ±180°, adding the crossing point to both pieces.
pub fn cut_line(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        if i > 0 {
            let a = points[i - 1];
            if (p.0 - a.0).abs() > 180.0 {
                let edge = if a.0 > 0.0 { 180.0 } else { -180.0 };
                let lat = crossing_lat(a, p, edge);
                cur.push((edge, lat));
                out.push(std::mem::take(&mut cur));
                cur.push((-edge, lat));
            }
        }
        cur.push(p);
    }
    if cur.len() > 1 {
        out.push(cur);
    }
    out.retain(|l| l.len() > 1);
    out
}

/// Latitude where the segment a→b crosses the meridian `edge` (±180), going the short way.
fn crossing_lat(a: (f64, f64), b: (f64, f64), edge: f64) -> f64 {
    let bx = if edge > 0.0 { b.0 + 360.0 } else { b.0 - 360.0 };
    let t = if (bx - a.0).abs() < 1e-12 { 0.5 } else { (edge - a.0) / (bx - a.0) };
    a.1 + t * (b.1 - a.1)
}

/// Cuts a closed ring (first point need not repeat) at ±180°: returns the ring unchanged if it
/// does not cross, otherwise one clipped ring per side.
pub fn cut_ring(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    if points.len() < 3 {
        return Vec::new();
    }
    // Unwrap longitudes so the ring is continuous, then clip copies shifted by −360, 0, +360.
    let mut unwrapped = Vec::with_capacity(points.len());
    let mut prev = points[0].0;
    let mut acc = points[0].0;
    let (mut lo, mut hi) = (acc, acc);
    for (i, &(lon, lat)) in points.iter().enumerate() {
        if i > 0 {
            let mut d = lon - prev;
            if d > 180.0 {
                d -= 360.0;
            } else if d < -180.0 {
                d += 360.0;
            }
            acc += d;
            prev = lon;
        }
        lo = lo.min(acc);
        hi = hi.max(acc);
        unwrapped.push((acc, lat));
    }
    if lo >= -180.0 && hi <= 180.0 {
        return vec![points.to_vec()];
    }
    let mut out = Vec::new();
    for shift in [-360.0, 0.0, 360.0] {
        if hi + shift <= -180.0 || lo + shift >= 180.0 {
            continue;
        }
        let shifted: Vec<(f64, f64)> = unwrapped.iter().map(|&(x, y)| (x + shift, y)).collect();
        let piece = clip_half(&clip_half(&shifted, X, 180.0, true), X, -180.0, false);
        if piece.len() >= 3 {
            out.push(piece);
        }
    }
    out
}

/// A coordinate of a point: `X` or `Y`.
type Axis = usize;
const X: Axis = 0;
const Y: Axis = 1;

fn coord(p: (f64, f64), axis: Axis) -> f64 {
    if axis == X {
        p.0
    } else {
        p.1
    }
}

/// Where the segment a→b meets the line `axis` = `edge`.
fn meet(a: (f64, f64), b: (f64, f64), axis: Axis, edge: f64) -> (f64, f64) {
    let t = (edge - coord(a, axis)) / (coord(b, axis) - coord(a, axis));
    let (x, y) = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
    if axis == X {
        (edge, y)
    } else {
        (x, edge)
    }
}

/// Sutherland–Hodgman against one axis-parallel line: keeps `axis` ≤ edge (`below`) or ≥ edge.
fn clip_half(ring: &[(f64, f64)], axis: Axis, edge: f64, below: bool) -> Vec<(f64, f64)> {
    let inside = |p: (f64, f64)| if below { coord(p, axis) <= edge } else { coord(p, axis) >= edge };
    let mut out = Vec::with_capacity(ring.len() + 4);
    for i in 0..ring.len() {
        let (a, b) = (ring[(i + ring.len() - 1) % ring.len()], ring[i]);
        match (inside(a), inside(b)) {
            (true, true) => out.push(b),
            (true, false) => out.push(meet(a, b, axis, edge)),
            (false, true) => {
                out.push(meet(a, b, axis, edge));
                out.push(b);
            }
            (false, false) => {}
        }
    }
    out
}

/// The part of a projected ring inside `view` (one ring; where the ring leaves the box and comes
/// back, along the box's edge). A ring wholly inside comes back as it is.
pub fn clip_ring_to(ring: Vec<(f64, f64)>, view: &Rect) -> Vec<(f64, f64)> {
    let Some(b) = Rect::of_points(&ring) else { return ring };
    // Only the box's edges the ring crosses cut it: most rings cross one or none.
    let (mut ring, mut cut) = (ring, false);
    for (axis, edge, below, crossed) in [
        (X, view.x0, false, b.x0 < view.x0),
        (X, view.x1, true, b.x1 > view.x1),
        (Y, view.y0, false, b.y0 < view.y0),
        (Y, view.y1, true, b.y1 > view.y1),
    ] {
        if crossed {
            ring = clip_half(&ring, axis, edge, below);
            cut = true;
        }
    }
    if cut && ring.len() < 3 {
        Vec::new()
    } else {
        ring
    }
}

/// The pieces of a projected line inside `view`: each run of segments that crosses the box,
/// cut where it enters and leaves.
pub fn clip_line_to(line: Vec<(f64, f64)>, view: &Rect) -> Vec<Vec<(f64, f64)>> {
    let inside = |p: (f64, f64)| p.0 >= view.x0 && p.0 <= view.x1 && p.1 >= view.y0 && p.1 <= view.y1;
    if line.iter().all(|&p| inside(p)) {
        return vec![line];
    }
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for w in line.windows(2) {
        match segment_in(w[0], w[1], view) {
            Some((a, b)) => {
                if cur.last() != Some(&a) {
                    if cur.len() > 1 {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur.clear();
                    cur.push(a);
                }
                cur.push(b);
            }
            None => {
                if cur.len() > 1 {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
        }
    }
    if cur.len() > 1 {
        out.push(cur);
    }
    out
}

/// The part of the segment a→b inside `r`, if any.
fn segment_in(a: (f64, f64), b: (f64, f64), r: &Rect) -> Option<((f64, f64), (f64, f64))> {
    let (t0, t1) = r.clip_segment(a, b)?;
    let at = |t: f64| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            b
        } else {
            (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
        }
    };
    Some((at(t0), at(t1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_across_the_cut_becomes_two() {
        let parts = cut_line(&[(170.0, 60.0), (178.0, 62.0), (-178.0, 64.0), (-170.0, 66.0)]);
        assert_eq!(parts.len(), 2);
        assert_eq!(*parts[0].last().unwrap(), (180.0, 63.0));
        assert_eq!(parts[1][0], (-180.0, 63.0));
        for p in &parts {
            for w in p.windows(2) {
                assert!((w[1].0 - w[0].0).abs() <= 180.0);
            }
        }
    }

    #[test]
    fn a_line_that_does_not_cross_is_untouched() {
        let l = vec![(10.0, 1.0), (20.0, 2.0), (-30.0, 3.0)];
        assert_eq!(cut_line(&l), vec![l]);
    }

    const VIEW: Rect = Rect { x0: 0.0, y0: 0.0, x1: 100.0, y1: 100.0 };

    /// Twice the signed area of a ring (shoelace).
    fn area2(ring: &[(f64, f64)]) -> f64 {
        (0..ring.len())
            .map(|i| {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum()
    }

    #[test]
    fn a_ring_keeps_what_is_in_the_view() {
        // Half of this square is in view: the clipped ring is that half, on the view's edge.
        let ring = vec![(50.0, 20.0), (150.0, 20.0), (150.0, 80.0), (50.0, 80.0)];
        let kept = clip_ring_to(ring, &VIEW);
        assert!((area2(&kept).abs() / 2.0 - 50.0 * 60.0).abs() < 1e-9, "{kept:?}");
        assert!(kept.iter().all(|p| p.0 <= 100.0));
        // Wholly inside: untouched; wholly outside: nothing.
        let inside = vec![(10.0, 10.0), (20.0, 10.0), (20.0, 20.0)];
        assert_eq!(clip_ring_to(inside.clone(), &VIEW), inside);
        assert!(clip_ring_to(vec![(200.0, 10.0), (300.0, 10.0), (300.0, 90.0)], &VIEW).is_empty());
        // Across a corner: cut by the two edges it crosses.
        let corner = vec![(50.0, 50.0), (150.0, 50.0), (150.0, 150.0), (50.0, 150.0)];
        assert!((area2(&clip_ring_to(corner, &VIEW)).abs() / 2.0 - 50.0 * 50.0).abs() < 1e-9);
        // A ring around the whole view becomes the view.
        let around = vec![(-50.0, -50.0), (150.0, -50.0), (150.0, 150.0), (-50.0, 150.0)];
        assert!((area2(&clip_ring_to(around, &VIEW)).abs() / 2.0 - 100.0 * 100.0).abs() < 1e-9);
    }

    #[test]
    fn a_line_is_cut_where_it_leaves_and_enters_the_view() {
        // In, out past the right edge, back in, and out past the bottom.
        let line = vec![(10.0, 10.0), (90.0, 10.0), (190.0, 10.0), (190.0, 50.0), (50.0, 50.0), (50.0, 300.0)];
        let parts = clip_line_to(line, &VIEW);
        assert_eq!(
            parts,
            vec![vec![(10.0, 10.0), (90.0, 10.0), (100.0, 10.0)], vec![(100.0, 50.0), (50.0, 50.0), (50.0, 100.0)]]
        );
        let inside = vec![(1.0, 1.0), (2.0, 2.0)];
        assert_eq!(clip_line_to(inside.clone(), &VIEW), vec![inside]);
        assert!(clip_line_to(vec![(-5.0, -5.0), (-1.0, 200.0)], &VIEW).is_empty());
    }

    #[test]
    fn a_ring_across_the_cut_is_clipped_on_both_sides() {
        let ring = [(170.0, 60.0), (-170.0, 60.0), (-170.0, 70.0), (170.0, 70.0)];
        let parts = cut_ring(&ring);
        assert_eq!(parts.len(), 2);
        for p in &parts {
            let (lo, hi) = p.iter().fold((f64::MAX, f64::MIN), |(a, b), q| (a.min(q.0), b.max(q.0)));
            assert!(hi - lo <= 10.0 + 1e-9, "{p:?}");
            assert!(p.iter().any(|q| q.0.abs() == 180.0));
        }
    }
}
