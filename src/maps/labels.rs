//! A small greedy label placer: labels in priority order, each tries candidate positions around
//! its point (right, left, above, below, then the diagonals) and takes the first that stays inside
//! the frame and overlaps nothing placed before; a label with no free position is skipped.
//!
//! Text is measured with an estimate (no font metrics natively): average glyph width ≈ 0.56 em.

use crate::scene::{HAnchor, VAnchor};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn around(c: (f64, f64), r: f64) -> Rect {
        Rect { x0: c.0 - r, y0: c.1 - r, x1: c.0 + r, y1: c.1 + r }
    }
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    pub fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }
}

/// Estimated width of a line of text in px.
/// The same estimate the charts use, so map and chart labels are measured alike.
pub use crate::scene::text::text_width;

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The point labelled, in px.
    pub anchor: (f64, f64),
    /// Lines of text, top to bottom.
    pub lines: Vec<String>,
    pub size: f64,
    /// Lower numbers are placed first.
    pub priority: i32,
    /// Clearance between the point and the text (the marker's radius plus a gap).
    pub offset: f64,
}

/// Where a label went: the anchor point and alignment of its first line, and its box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub at: (f64, f64),
    pub h: HAnchor,
    pub line_height: f64,
    pub rect: Rect,
}

pub fn line_height(size: f64) -> f64 {
    size * 1.2
}

/// Places labels greedily. `obstacles` (markers, insets) are avoided too. Returns one entry per
/// label, in input order: `None` for a label that did not fit.
pub fn place(labels: &[Label], frame: Rect, obstacles: &[Rect]) -> Vec<Option<Placed>> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by_key(|&i| labels[i].priority);
    let mut taken: Vec<Rect> = obstacles.to_vec();
    let mut out = vec![None; labels.len()];
    for i in order {
        let l = &labels[i];
        let lh = line_height(l.size);
        let w = l.lines.iter().map(|s| text_width(s, l.size)).fold(0.0, f64::max);
        let h = lh * l.lines.len() as f64;
        let (x, y) = l.anchor;
        let d = l.offset;
        let dd = d * 0.7;
        // (left edge, top edge, alignment) for each candidate.
        let candidates = [
            (x + d, y - h / 2.0, HAnchor::Left),
            (x - d - w, y - h / 2.0, HAnchor::Right),
            (x - w / 2.0, y - d - h, HAnchor::Center),
            (x - w / 2.0, y + d, HAnchor::Center),
            (x + dd, y - dd - h, HAnchor::Left),
            (x + dd, y + dd, HAnchor::Left),
            (x - dd - w, y - dd - h, HAnchor::Right),
            (x - dd - w, y + dd, HAnchor::Right),
        ];
        for (left, top, anchor) in candidates {
            let rect = Rect { x0: left, y0: top, x1: left + w, y1: top + h };
            if !rect.inside(&frame) || taken.iter().any(|t| t.overlaps(&rect)) {
                continue;
            }
            let ax = match anchor {
                HAnchor::Left => left,
                HAnchor::Right => left + w,
                HAnchor::Center => left + w / 2.0,
            };
            taken.push(rect);
            out[i] = Some(Placed { at: (ax, top + lh / 2.0), h: anchor, line_height: lh, rect });
            break;
        }
    }
    out
}

/// Greedy word wrap to a pixel width with the placer's text estimate: at spaces, and Chinese
/// between characters (`scene::text::wrap`). Only plain spaces break a line, so a Russian number's
/// narrow no-break space stays.
pub fn wrap_lines(lines: Vec<String>, max: f64, size: f64) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        if line.chars().any(crate::scene::text::is_wide) {
            out.extend(crate::scene::text::wrap(&line, size, max));
            continue;
        }
        let mut cur = String::new();
        for word in line.split(' ') {
            let cand = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
            if text_width(&cand, size) > max && !cur.is_empty() {
                out.push(std::mem::replace(&mut cur, word.to_string()));
            } else {
                cur = cand;
            }
        }
        out.push(cur);
    }
    out
}

/// Vertical anchor used for every placed line (the placer computes line centres).
pub const V: VAnchor = VAnchor::Middle;

#[cfg(test)]
mod tests {
    use super::*;

    fn label(x: f64, y: f64, text: &str, priority: i32) -> Label {
        Label { anchor: (x, y), lines: vec![text.into()], size: 12.0, priority, offset: 5.0 }
    }
    const FRAME: Rect = Rect { x0: 0.0, y0: 0.0, x1: 400.0, y1: 300.0 };

    #[test]
    fn first_choice_is_to_the_right() {
        let p = place(&[label(100.0, 100.0, "Heihe", 0)], FRAME, &[]);
        let p = p[0].unwrap();
        assert_eq!(p.h, HAnchor::Left);
        assert_eq!(p.at, (105.0, 100.0));
    }

    #[test]
    fn no_two_labels_overlap_and_priority_wins() {
        // Heihe and Blagoveshchensk sit 3 px apart: both are placed, on different sides.
        let ls = [label(100.0, 100.0, "Heihe", 1), label(103.0, 98.0, "Blagoveshchensk", 0)];
        let p = place(&ls, FRAME, &[]);
        let (a, b) = (p[0].unwrap(), p[1].unwrap());
        assert!(!a.rect.overlaps(&b.rect));
        assert_eq!(b.h, HAnchor::Left, "the higher-priority label keeps the first choice");
    }

    #[test]
    fn labels_that_cannot_fit_are_skipped() {
        // Ten labels on one point: only as many as there are free candidates fit.
        let ls: Vec<Label> = (0..10).map(|i| label(200.0, 150.0, "Suifenhe", i)).collect();
        let p = place(&ls, FRAME, &[]);
        let placed: Vec<Placed> = p.iter().flatten().copied().collect();
        assert!(placed.len() < 10 && placed.len() >= 2);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect));
            }
        }
        // Outside the frame or under an obstacle: skipped or moved.
        let p = place(&[label(398.0, 2.0, "Edge of the map", 0)], FRAME, &[]);
        assert!(p[0].is_none_or(|p| p.rect.inside(&FRAME)));
        let obstacle = Rect { x0: 0.0, y0: 0.0, x1: 400.0, y1: 300.0 };
        assert_eq!(place(&[label(100.0, 100.0, "Hidden", 0)], FRAME, &[obstacle]), vec![None]);
    }
}
