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
    pub fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [(-dx, a.0 - self.x0), (dx, self.x1 - a.0), (-dy, a.1 - self.y0), (dy, self.y1 - a.1)] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
    /// Whether any segment of the polyline passes through the box.
    pub fn crossed_by_line(&self, points: &[(f64, f64)]) -> bool {
        match points {
            [p] => self.crossed_by(*p, *p),
            _ => points.windows(2).any(|w| self.crossed_by(w[0], w[1])),
        }
    }
}
