//! The antimeridian cut, as its own stage between rotation and projection (as in d3-geo).
//!
//! Input points are (rotated longitude, latitude) in degrees, longitudes in −180..180. A segment
//! whose longitude jumps by more than 180° crosses the cut: drawn naively it would run across the
//! whole map, so lines are split there and polygons are clipped into pieces on either side.

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
        let piece = clip_half(&clip_half(&shifted, 180.0, true), -180.0, false);
        if piece.len() >= 3 {
            out.push(piece);
        }
    }
    out
}

/// Sutherland–Hodgman against one vertical line: keeps x ≤ edge (`below`) or x ≥ edge.
fn clip_half(ring: &[(f64, f64)], edge: f64, below: bool) -> Vec<(f64, f64)> {
    let inside = |p: (f64, f64)| if below { p.0 <= edge } else { p.0 >= edge };
    let mut out = Vec::with_capacity(ring.len() + 4);
    for i in 0..ring.len() {
        let (a, b) = (ring[(i + ring.len() - 1) % ring.len()], ring[i]);
        let cross = |a: (f64, f64), b: (f64, f64)| {
            let t = (edge - a.0) / (b.0 - a.0);
            (edge, a.1 + t * (b.1 - a.1))
        };
        match (inside(a), inside(b)) {
            (true, true) => out.push(b),
            (true, false) => out.push(cross(a, b)),
            (false, true) => {
                out.push(cross(a, b));
                out.push(b);
            }
            (false, false) => {}
        }
    }
    out
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
