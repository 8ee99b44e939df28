//! A box in CSS pixels, the one both chart and map labels are placed with: overlap, containment
//! and whether a segment or a polyline passes through it.

use super::{HAnchor, VAnchor};

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The square of half-side `r` around `c`.
    pub fn around(c: (f64, f64), r: f64) -> Rect {
        Rect { x0: c.0 - r, y0: c.1 - r, x1: c.0 + r, y1: c.1 + r }
    }
    /// The box of a text of `width` × `height` drawn at `at` with these anchors.
    pub fn of_text(at: (f64, f64), width: f64, height: f64, h: HAnchor, v: VAnchor) -> Rect {
        let x0 = match h {
            HAnchor::Left => at.0,
            HAnchor::Center => at.0 - width / 2.0,
            HAnchor::Right => at.0 - width,
        };
        let y0 = match v {
            VAnchor::Top => at.1,
            VAnchor::Middle => at.1 - height / 2.0,
            VAnchor::Bottom => at.1 - height,
        };
        Rect { x0, y0, x1: x0 + width, y1: y0 + height }
    }
    /// The box around `points`; `None` when there are none. Compares rather than calls
    /// `f64::min`/`max` (which must handle NaN, and are calls of their own in wasm): map passes
    /// ask this of every projected outline.
    pub fn of_points<'a>(points: impl IntoIterator<Item = &'a (f64, f64)>) -> Option<Rect> {
        let mut points = points.into_iter();
        let &(x, y) = points.next()?;
        let mut r = Rect { x0: x, y0: y, x1: x, y1: y };
        for &(x, y) in points {
            if x < r.x0 {
                r.x0 = x;
            } else if x > r.x1 {
                r.x1 = x;
            }
            if y < r.y0 {
                r.y0 = y;
            } else if y > r.y1 {
                r.y1 = y;
            }
        }
        Some(r)
    }
    /// The box grown by `m` on every side.
    pub fn grown(self, m: f64) -> Rect {
        Rect { x0: self.x0 - m, y0: self.y0 - m, x1: self.x1 + m, y1: self.y1 + m }
    }
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    pub fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }
    /// Whether the point lies in the box, edges included.
    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
    /// Whether the segment a–b passes through the box (Liang–Barsky clipping).
    /// Label placement asks this of thousands of segments a frame, most of them nowhere near:
    /// those whose bounding box misses the box are answered first, and the rest compare rather
    /// than call `f64::max` (which must handle NaN).
    pub fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (lo_x, hi_x) = if a.0 < b.0 { (a.0, b.0) } else { (b.0, a.0) };
        let (lo_y, hi_y) = if a.1 < b.1 { (a.1, b.1) } else { (b.1, a.1) };
        if hi_x < self.x0 || lo_x > self.x1 || hi_y < self.y0 || lo_y > self.y1 {
            return false;
        }
        self.clip_segment(a, b).is_some()
    }
    /// The part of the segment a–b inside the box, as the range t0..=t1 of a + t·(b − a)
    /// (Liang–Barsky), or `None` when it misses the box.
    pub fn clip_segment(&self, a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [(-dx, a.0 - self.x0), (dx, self.x1 - a.0), (-dy, a.1 - self.y0), (dy, self.y1 - a.1)] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    if r > t0 {
                        t0 = r;
                    }
                } else if r < t1 {
                    t1 = r;
                }
                if t0 > t1 {
                    return None;
                }
            }
        }
        Some((t0, t1))
    }
    /// Whether any segment of the polyline passes through the box.
    pub fn crossed_by_line(&self, points: &[(f64, f64)]) -> bool {
        match points {
            [p] => self.crossed_by(*p, *p),
            _ => points.windows(2).any(|w| self.crossed_by(w[0], w[1])),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Liang–Barsky as written first, without the bounding-box shortcut.
    fn plain(r: &Rect, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [(-dx, a.0 - r.x0), (dx, r.x1 - a.0), (-dy, a.1 - r.y0), (dy, r.y1 - a.1)] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let v = q / p;
                if p < 0.0 {
                    t0 = t0.max(v);
                } else {
                    t1 = t1.min(v);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }

    #[test]
    fn the_shortcut_answers_as_liang_barsky_does() {
        let r = Rect { x0: 10.0, y0: 20.0, x1: 30.0, y1: 35.0 };
        // On a 5 px lattice, so segments touch and run along the box's edges and corners.
        let coords: Vec<f64> = (0..11).map(|i| i as f64 * 5.0).collect();
        let mut n = 0;
        for &ax in &coords {
            for &ay in &coords {
                for &bx in &coords {
                    for &by in coords.iter().step_by(2) {
                        let (a, b) = ((ax, ay), (bx, by));
                        assert_eq!(r.crossed_by(a, b), plain(&r, a, b), "{a:?}–{b:?}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 7000);
        for bad in [(f64::NAN, 25.0), (f64::INFINITY, 25.0)] {
            assert_eq!(r.crossed_by(bad, (20.0, 25.0)), plain(&r, bad, (20.0, 25.0)), "{bad:?}");
        }
    }
}
