//! A small greedy label placer: labels in priority order, each tries candidate positions around
//! its point (right, left, above, below, then the diagonals, then farther out and at other points
//! of its route) and takes the first that stays inside the frame, overlaps nothing placed before,
//! and crosses no route (and, if it can, no outline); a label with no free position is skipped.
//!
//! Text is measured with an estimate (no font metrics natively): average glyph width ≈ 0.56 em.

use super::segments::Segments;
use crate::scene::{HAnchor, VAnchor};

pub use crate::scene::rect::Rect;

/// Estimated width of a line of text in px.
/// The same estimate the charts use, so map and chart labels are measured alike.
pub use crate::scene::text::text_width;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Label {
    /// The point labelled, in px.
    pub anchor: (f64, f64),
    /// Lines of text, top to bottom.
    pub lines: Vec<String>,
    pub size: f64,
    /// Lower numbers are placed first.
    pub priority: i32,
    /// Clearance between the point and the text (the marker's radius plus a gap); 0 for an area's
    /// name, which is centred on its point.
    pub offset: f64,
    /// Further points the label may stand by when there is no room at `anchor` (other vertices
    /// of a route), best first.
    pub alternatives: Vec<(f64, f64)>,
    /// For a unit's name, the unit's visible rings: the box's centre stays on the unit.
    pub area: Vec<Vec<(f64, f64)>>,
    /// A note (a unit's figure) set beside another label, by its index: placed around that
    /// label's box once it is placed, or left out with it.
    pub follows: Option<usize>,
}

/// Where a label went: the anchor point and alignment of its first line, its box, and its lines
/// (a long first line may have been wrapped onto two to find room).
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub at: (f64, f64),
    pub h: HAnchor,
    pub line_height: f64,
    pub rect: Rect,
    pub lines: Vec<String>,
    /// How many of `lines` the label's first line (its name) takes.
    pub first: usize,
}

pub fn line_height(size: f64) -> f64 {
    size * 1.2
}

/// A straight piece of a drawn line, in px.
pub type Segment = ((f64, f64), (f64, f64));

/// What labels keep clear of besides each other: boxes (markers, insets, the credit) and routes,
/// which no label may cross, and outlines (shown provinces, the border), which a label crosses
/// only when every free position does.
#[derive(Clone, Copy, Debug, Default)]
pub struct Avoid<'a> {
    pub boxes: &'a [Rect],
    pub routes: &'a [Segment],
    pub outlines: &'a [Segment],
}

/// Room kept between two labels, px.
pub const GAP: f64 = 2.0;
/// How far a label box may reach over a route line (its halo covers that much), px.
pub const ROUTE_TOLERANCE: f64 = 1.0;

/// The box around every point of `rings`; `None` when there are none.
fn bounds(rings: &[Vec<(f64, f64)>]) -> Option<Rect> {
    Rect::of_points(rings.iter().flatten())
}

/// Whether the segment passes through the rectangle; an empty rectangle is crossed by nothing.
pub fn crosses(r: &Rect, (a, b): Segment) -> bool {
    r.x0 < r.x1 && r.y0 < r.y1 && r.crossed_by(a, b)
}

/// The boxes a note may take beside the label it follows (box `r`): under it, over it, then
/// beside it, aligned with its middle or its edges.
fn beside(r: Rect, w: f64, h: f64, out: &mut Vec<(f64, f64, HAnchor)>) {
    let cx = (r.x0 + r.x1) / 2.0;
    for top in [r.y1, r.y0 - h] {
        out.push((cx - w / 2.0, top, HAnchor::Center));
        out.push((r.x0, top, HAnchor::Left));
        out.push((r.x1 - w, top, HAnchor::Right));
    }
    for top in [r.y0, r.y1 - h, (r.y0 + r.y1 - h) / 2.0] {
        out.push((r.x1 + 4.0, top, HAnchor::Left));
        out.push((r.x0 - 4.0 - w, top, HAnchor::Right));
    }
}

/// Whether a point is inside the rings (even–odd). Label placement asks `AreaIndex`, which
/// answers the same from fewer edges.
pub fn inside_rings(rings: &[Vec<(f64, f64)>], p: (f64, f64)) -> bool {
    ring_edges(rings).filter(|&e| crossing_x(p.1, e).is_some_and(|x| p.0 < x)).count() % 2 == 1
}

/// Every edge of the rings: each vertex with the one before it (the first with the last).
pub(super) fn ring_edges(rings: &[Vec<(f64, f64)>]) -> impl Iterator<Item = Segment> + '_ {
    rings.iter().flat_map(|pts| pts.last().copied().into_iter().chain(pts.iter().copied()).zip(pts.iter().copied()))
}

/// Where edge (a, b) crosses the horizontal line at `y`, if it does (half-open at its ends, so
/// the even–odd rule counts a vertex on the line once).
pub(super) fn crossing_x(y: f64, (a, b): Segment) -> Option<f64> {
    ((a.1 > y) != (b.1 > y)).then(|| (b.0 - a.0) * (y - a.1) / (b.1 - a.1) + a.0)
}

/// An area's edges filed by height, so that "is this point inside?" walks only the edges whose
/// span reaches the point's row, not the whole outline: label placement asks it of every
/// candidate box of an area's name, and a province has hundreds of edges.
struct AreaIndex {
    y0: f64,
    row: f64,
    rows: Vec<Vec<Segment>>,
}

impl AreaIndex {
    /// At most this many rows, whatever the area's height.
    const ROWS: usize = 48;

    fn new(rings: &[Vec<(f64, f64)>]) -> Option<AreaIndex> {
        let b = Rect::of_points(rings.iter().flatten())?;
        let row = ((b.y1 - b.y0) / Self::ROWS as f64).max(1.0);
        let n = ((b.y1 - b.y0) / row) as usize + 1;
        let mut index = AreaIndex { y0: b.y0, row, rows: vec![Vec::new(); n] };
        for (a, b) in ring_edges(rings) {
            let (lo, hi) = if a.1 < b.1 { (a.1, b.1) } else { (b.1, a.1) };
            for r in index.row_of(lo)..=index.row_of(hi) {
                index.rows[r].push((a, b));
            }
        }
        Some(index)
    }

    fn row_of(&self, y: f64) -> usize {
        (((y - self.y0) / self.row).max(0.0) as usize).min(self.rows.len() - 1)
    }

    /// `inside_rings` for a point, from its row's edges only (an edge crossing the point's
    /// height spans its row, so none is missed).
    fn contains(&self, p: (f64, f64)) -> bool {
        if !p.1.is_finite() || p.1 < self.y0 || p.1 > self.y0 + self.row * self.rows.len() as f64 {
            return false;
        }
        let row = &self.rows[self.row_of(p.1)];
        row.iter().filter(|&&e| crossing_x(p.1, e).is_some_and(|x| p.0 < x)).count() % 2 == 1
    }
}

/// The boxes a label may take around one point at one distance (`ring` 0 nearest, up to 3),
/// best first, as (left, top, alignment).
fn candidates(l: &Label, at: (f64, f64), ring: usize, w: f64, h: f64, out: &mut Vec<(f64, f64, HAnchor)>) {
    let (x, y) = at;
    if l.offset == 0.0 {
        if ring > 0 {
            return;
        }
        if l.alternatives.is_empty() {
            // A country's or sea's name: centred on its point, else moved a little way off it.
            out.push((x - w / 2.0, y - h / 2.0, HAnchor::Center));
            for r in [0.5, 1.0, 1.6, 2.4] {
                let (rx, ry) = (r * h * 1.5, r * h);
                for (cx, cy) in [
                    (0.0, -1.0),
                    (0.0, 1.0),
                    (1.0, 0.0),
                    (-1.0, 0.0),
                    (0.7, -0.7),
                    (-0.7, -0.7),
                    (0.7, 0.7),
                    (-0.7, 0.7),
                ] {
                    out.push((x + cx * rx - w / 2.0, y + cy * ry - h / 2.0, HAnchor::Center));
                }
            }
            return;
        }
        // A unit's name and figure, at one of the unit's inner points: centred on it, else slid
        // so that the point stays in the box or just by it (the name stays on its unit).
        let (sx, sy) = (w / 2.0 + 6.0, h / 2.0 + 4.0);
        let mut slides: Vec<(f64, f64)> = Vec::new();
        for kx in [0.0, -0.5, 0.5, -1.0, 1.0] {
            for ky in [0.0, -0.5, 0.5, -1.0, 1.0] {
                slides.push((kx, ky));
            }
        }
        crate::sort::by_key(&mut slides, |s| s.0 * s.0 + s.1 * s.1);
        for (kx, ky) in slides {
            out.push((x + kx * sx - w / 2.0, y + ky * sy - h / 2.0, HAnchor::Center));
        }
        return;
    }
    // A place's name stays by its marker; a route's may stand farther off its line.
    let rings = if l.alternatives.is_empty() { 3 } else { 4 };
    if ring >= rings {
        return;
    }
    if let Some((n, d)) = [l.offset, l.offset + 5.0, l.offset + 10.0, l.offset + 24.0].into_iter().enumerate().nth(ring)
    {
        let dd = d * 0.7;
        out.extend([
            (x + d, y - h / 2.0, HAnchor::Left),
            (x - d - w, y - h / 2.0, HAnchor::Right),
            (x - w / 2.0, y - d - h, HAnchor::Center),
            (x - w / 2.0, y + d, HAnchor::Center),
            (x + dd, y - dd - h, HAnchor::Left),
            (x + dd, y + dd, HAnchor::Left),
            (x - dd - w, y - dd - h, HAnchor::Right),
            (x - dd - w, y + dd, HAnchor::Right),
        ]);
        if n < 3 && l.alternatives.is_empty() {
            // Above and below, slid sideways (still clear of the point).
            for k in [0.35, 0.65, 0.2, 0.8, 0.05, 0.95] {
                out.push((x - w * k, y - d - h, HAnchor::Left));
                out.push((x - w * k, y + d, HAnchor::Left));
            }
        }
    }
}

/// The ways a label's lines may be set: as given, then with a long first line on two lines.
/// The ways a label's lines may be set, each with how many lines its first line became: as given,
/// then with a long first line on two lines, then (an area's) with every line narrower.
fn variants(l: &Label) -> Vec<(Vec<String>, usize)> {
    let mut out = vec![(l.lines.clone(), 1)];
    if let Some((a, b)) = l.lines.first().and_then(|first| split_in_two(first, l.size)) {
        out.push(([a, b].into_iter().chain(l.lines[1..].iter().cloned()).collect(), 2));
    }
    if l.offset == 0.0 && l.lines.len() > 1 {
        let w = l.lines.iter().map(|s| text_width(s, l.size)).fold(0.0, f64::max);
        let narrow = (w * 0.6).max(90.0);
        let first = wrap_lines(vec![l.lines[0].clone()], narrow, l.size);
        let n = first.len();
        let rest = wrap_lines(l.lines[1..].to_vec(), narrow, l.size);
        out.push((first.into_iter().chain(rest).collect(), n));
    }
    out
}

/// A name on two lines, broken where it may break (a space, after a hyphen or after Chinese
/// punctuation) nearest its middle; `None` when it has no such place.
fn split_in_two(s: &str, size: f64) -> Option<(String, String)> {
    let mut best: Option<(f64, String, String)> = None;
    for (i, c) in s.char_indices() {
        let next = i + c.len_utf8();
        let (a, b) = match c {
            ' ' => (&s[..i], &s[next..]),
            '-' | '，' | '、' | '；' | '：' | '”' | '）' => (&s[..next], &s[next..]),
            _ => continue,
        };
        if a.trim().is_empty() || b.trim().is_empty() {
            continue;
        }
        let w = text_width(a, size).max(text_width(b, size));
        if best.as_ref().is_none_or(|(bw, ..)| w < *bw) {
            best = Some((w, a.trim_end().to_string(), b.trim_start().to_string()));
        }
    }
    best.map(|(_, a, b)| (a, b))
}

/// Places labels greedily. `obstacles` (markers, insets) are avoided too. Returns one entry per
/// label, in input order: `None` for a label that did not fit.
pub fn place(labels: &[Label], frame: Rect, obstacles: &[Rect]) -> Vec<Option<Placed>> {
    place_avoiding(labels, frame, Avoid { boxes: obstacles, ..Avoid::default() })
}

/// Places labels greedily in priority order. Each tries, at its anchor and then at its
/// alternatives, the positions around the point (right, left, above, below, the diagonals, then
/// the same a little farther out), then the same with its first line wrapped. A position must
/// stay inside the frame, keep `GAP` from the labels placed before, cover no box and cross no
/// route; of those, the first that crosses no outline wins, else the one crossing fewest. A
/// label with no position at all is left out (`None`), so priority decides who gets room.
pub fn place_avoiding(labels: &[Label], frame: Rect, avoid: Avoid) -> Vec<Option<Placed>> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    crate::sort::by_key(&mut order, |&i| labels[i].priority);
    let mut taken: Vec<(usize, Rect)> = Vec::new();
    let mut out = vec![None; labels.len()];
    let mut cands = Vec::new();
    // Indexed once per placing: each candidate box then looks only at the segments near it.
    let (routes, outlines) = (Segments::new(avoid.routes), Segments::new(avoid.outlines));
    for i in order {
        let l = &labels[i];
        if l.lines.is_empty() {
            continue;
        }
        let lh = line_height(l.size);
        let mut best: Option<(usize, Placed)> = None;
        // The area's bounding box: most candidates outside it need no point-in-area test.
        let area_box = bounds(&l.area);
        let area = AreaIndex::new(&l.area);
        'variants: for (lines, first) in variants(l) {
            let w = lines.iter().map(|s| text_width(s, l.size)).fold(0.0, f64::max);
            let h = lh * lines.len() as f64;
            cands.clear();
            // Near each point first, then farther out: a route's name stays by its line.
            if let Some(j) = l.follows {
                let Some(r) = out.get(j).and_then(|p: &Option<Placed>| p.as_ref()).map(|p| p.rect) else { continue };
                beside(r, w, h, &mut cands);
            } else {
                for ring in 0..4 {
                    for &at in std::iter::once(&l.anchor).chain(&l.alternatives) {
                        candidates(l, at, ring, w, h, &mut cands);
                    }
                }
            }
            for &(left, top, anchor) in &cands {
                let rect = Rect { x0: left, y0: top, x1: left + w, y1: top + h };
                let padded = Rect { x0: left - GAP, y0: top - GAP, x1: left + w + GAP, y1: top + h + GAP };
                let t = ROUTE_TOLERANCE;
                let inner = Rect { x0: left + t, y0: top + t, x1: left + w - t, y1: top + h - t };
                let centre = ((rect.x0 + rect.x1) / 2.0, (rect.y0 + rect.y1) / 2.0);
                // Cheapest first: the point-in-area test walks the area's whole outline.
                if !rect.inside(&frame)
                    || taken.iter().any(|&(j, r)| r.overlaps(if Some(j) == l.follows { &rect } else { &padded }))
                    || avoid.boxes.iter().any(|r| r.overlaps(&rect))
                    || !area_box.as_ref().is_none_or(|b| b.contains(centre))
                    || routes.any(&inner)
                    || area.as_ref().is_some_and(|a| !a.contains(centre))
                {
                    continue;
                }
                // Outlines weigh only on an area's name; a place's name stays by its marker.
                let cost = if l.offset == 0.0 || l.follows.is_some() {
                    // No further than the best so far: a box that crosses as many loses anyway.
                    outlines.count_until(&rect, best.as_ref().map_or(usize::MAX, |(c, _)| *c))
                } else {
                    0
                };
                if best.as_ref().is_some_and(|(c, _)| *c <= cost) {
                    continue;
                }
                let ax = match anchor {
                    HAnchor::Left => left,
                    HAnchor::Right => left + w,
                    HAnchor::Center => left + w / 2.0,
                };
                let placed =
                    Placed { at: (ax, top + lh / 2.0), h: anchor, line_height: lh, rect, lines: lines.clone(), first };
                best = Some((cost, placed));
                if cost == 0 {
                    break 'variants;
                }
            }
        }
        if let Some((_, p)) = best {
            taken.push((i, p.rect));
            out[i] = Some(p);
        }
    }
    out
}

/// Greedy word wrap to a pixel width with the placer's text estimate: at spaces, and Chinese
/// after punctuation and spaces (`wrap_wide`). Only plain spaces break a line, so a Russian number's
/// narrow no-break space stays.
pub fn wrap_lines(lines: Vec<String>, max: f64, size: f64) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        if line.chars().any(crate::scene::text::is_wide) {
            out.extend(wrap_wide(&line, max, size));
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

/// Chinese text wrapped after its punctuation (，、；：。 and closing quotes and brackets) and
/// spaces, so that a number stays with its unit (“…供气量，” / “亿立方米”); only a run longer
/// than the width is broken between characters (`scene::text::wrap`).
fn wrap_wide(line: &str, max: f64, size: f64) -> Vec<String> {
    const BREAK_AFTER: &[char] = &['，', '、', '；', '：', '。', '”', '’', '）', '」', ' ', ',', ';'];
    let mut chunks: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in line.chars() {
        cur.push(c);
        if BREAK_AFTER.contains(&c) {
            chunks.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        chunks.push(cur);
    }
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for chunk in chunks {
        let cand = format!("{cur}{chunk}");
        if text_width(cand.trim_end(), size) <= max || cur.is_empty() {
            cur = cand;
        } else {
            out.push(std::mem::replace(&mut cur, chunk));
        }
        if text_width(cur.trim_end(), size) > max {
            // One run longer than the width: broken between characters.
            let mut pieces = crate::scene::text::wrap(cur.trim_end(), size, max);
            cur = pieces.pop().unwrap_or_default();
            out.extend(pieces);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out.into_iter().map(|l| l.trim_end().to_string()).collect()
}

/// Vertical anchor used for every placed line (the placer computes line centres).
pub const V: VAnchor = VAnchor::Middle;

#[cfg(test)]
mod tests {
    use super::*;

    fn label(x: f64, y: f64, text: &str, priority: i32) -> Label {
        Label { anchor: (x, y), lines: vec![text.into()], size: 12.0, priority, offset: 5.0, ..Label::default() }
    }
    const FRAME: Rect = Rect { x0: 0.0, y0: 0.0, x1: 400.0, y1: 300.0 };

    /// The filed edges answer as the whole outline does, for a jagged ring with a hole, at
    /// points inside, outside, on vertex heights and beyond the rows.
    #[test]
    fn area_index_agrees_with_the_whole_outline() {
        let star: Vec<(f64, f64)> = (0..40)
            .map(|i| {
                let a = i as f64 * std::f64::consts::TAU / 40.0;
                let r = if i % 2 == 0 { 90.0 } else { 35.0 + (i % 7) as f64 * 5.0 };
                (200.0 + r * a.cos(), 150.0 + r * a.sin())
            })
            .collect();
        let hole = vec![(190.0, 140.0), (210.0, 140.0), (210.0, 160.0), (190.0, 160.0)];
        let rings = vec![star, hole];
        let index = AreaIndex::new(&rings).unwrap();
        let mut inside = 0;
        for i in 0..=80 {
            for j in -2..=62 {
                let p = (i as f64 * 5.0 + 0.3, j as f64 * 5.0);
                assert_eq!(index.contains(p), inside_rings(&rings, p), "at {p:?}");
                inside += usize::from(inside_rings(&rings, p));
            }
        }
        assert!(inside > 100, "the test's points should reach inside the ring ({inside})");
        assert!(AreaIndex::new(&[]).is_none());
    }

    #[test]
    fn chinese_wraps_at_punctuation_not_inside_a_unit() {
        let title = "“西伯利亚力量”管道供气量，亿立方米";
        let w = text_width("“西伯利亚力量”管道供气量，亿立", 11.0);
        let lines = wrap_lines(vec![title.into()], w, 11.0);
        assert_eq!(lines, vec!["“西伯利亚力量”管道供气量，", "亿立方米"]);
        // A run with no break in it is still broken to fit.
        let lines = wrap_lines(vec!["哈巴罗夫斯克边疆区哈巴罗夫斯克边疆区".into()], 60.0, 11.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| text_width(l, 11.0) <= 60.0 + 1.0), "{lines:?}");
    }

    #[test]
    fn labels_keep_off_routes_and_try_other_points() {
        // A vertical route through the label's first choices: it moves along to a free point.
        let route: Vec<Segment> = vec![((100.0, 0.0), (100.0, 300.0))];
        let mut l = label(100.0, 100.0, "Power of Siberia", 0);
        let p = place_avoiding(&[l.clone()], FRAME, Avoid { routes: &route, ..Avoid::default() });
        let p = p[0].clone().unwrap();
        assert!(!route.iter().any(|&s| crosses(&p.rect, s)), "{p:?}");
        // Boxed in on every side at its anchor, it takes an alternative point.
        let boxes = [Rect::around((100.0, 100.0), 60.0)];
        l.alternatives = vec![(300.0, 250.0)];
        let p = place_avoiding(&[l], FRAME, Avoid { boxes: &boxes, routes: &route, outlines: &[] });
        let r = p[0].as_ref().unwrap().rect;
        assert!(!r.overlaps(&boxes[0]) && (r.y0 > 230.0 && r.y1 < 270.0 || r.x0 > 280.0), "{p:?}");
    }

    #[test]
    fn first_choice_is_to_the_right() {
        let p = place(&[label(100.0, 100.0, "Heihe", 0)], FRAME, &[]);
        let p = p[0].clone().unwrap();
        assert_eq!(p.h, HAnchor::Left);
        assert_eq!(p.at, (105.0, 100.0));
    }

    #[test]
    fn no_two_labels_overlap_and_priority_wins() {
        // Heihe and Blagoveshchensk sit 3 px apart: both are placed, on different sides.
        let ls = [label(100.0, 100.0, "Heihe", 1), label(103.0, 98.0, "Blagoveshchensk", 0)];
        let p = place(&ls, FRAME, &[]);
        let (a, b) = (p[0].clone().unwrap(), p[1].clone().unwrap());
        assert!(!a.rect.overlaps(&b.rect));
        assert_eq!(b.h, HAnchor::Left, "the higher-priority label keeps the first choice");
    }

    #[test]
    fn labels_that_cannot_fit_are_skipped() {
        // Ten labels on one point: only as many as there are free candidates fit.
        let ls: Vec<Label> = (0..10).map(|i| label(200.0, 150.0, "Suifenhe", i)).collect();
        let p = place(&ls, FRAME, &[]);
        let placed: Vec<Placed> = p.iter().flatten().cloned().collect();
        assert!(placed.len() < 10 && placed.len() >= 2);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect));
            }
        }
        // Outside the frame or under an obstacle: skipped or moved.
        let p = place(&[label(398.0, 2.0, "Edge of the map", 0)], FRAME, &[]);
        assert!(p[0].as_ref().is_none_or(|p| p.rect.inside(&FRAME)));
        let obstacle = Rect { x0: 0.0, y0: 0.0, x1: 400.0, y1: 300.0 };
        assert_eq!(place(&[label(100.0, 100.0, "Hidden", 0)], FRAME, &[obstacle]), vec![None]);
    }
}
