//! Line segments bucketed in a uniform grid, so that label placement asks "does this box cross a
//! route?" or "how many outline segments does it cross?" of the few segments near the box, not of
//! every province edge on the map (thousands, for each of a label's dozens of candidate boxes).

use super::labels::{crosses, Rect, Segment};

/// The cell size, px: about a label's height, so a query looks at a handful of cells.
const CELL: f64 = 24.0;
/// At most this many cells a side, whatever the segments' extent.
const MAX_CELLS: usize = 128;

#[derive(Clone, Debug, Default)]
pub struct Segments {
    segs: Vec<Segment>,
    x0: f64,
    y0: f64,
    cell: f64,
    cols: usize,
    rows: usize,
    /// Segment indices by cell, row-major.
    cells: Vec<Vec<u32>>,
    /// For `count_until`: the last query that saw each segment, and the query count.
    seen: std::cell::RefCell<Vec<u32>>,
    query: std::cell::Cell<u32>,
}

impl Segments {
    pub fn new(segs: &[Segment]) -> Segments {
        let finite = |((a, b), (c, d)): &Segment| [a, b, c, d].iter().all(|v| v.is_finite());
        let segs: Vec<Segment> = segs.iter().copied().filter(finite).collect();
        if segs.is_empty() {
            return Segments::default();
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for ((a, b), (c, d)) in &segs {
            (x0, y0, x1, y1) = (x0.min(a.min(*c)), y0.min(b.min(*d)), x1.max(a.max(*c)), y1.max(b.max(*d)));
        }
        let cell = CELL.max((x1 - x0).max(y1 - y0) / MAX_CELLS as f64);
        let cols = (((x1 - x0) / cell).floor() as usize + 1).min(MAX_CELLS);
        let rows = (((y1 - y0) / cell).floor() as usize + 1).min(MAX_CELLS);
        let mut index = Segments {
            segs: Vec::new(),
            x0,
            y0,
            cell,
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
            ..Default::default()
        };
        for (i, ((a, b), (c, d))) in segs.iter().enumerate() {
            let r = Rect { x0: a.min(*c), y0: b.min(*d), x1: a.max(*c), y1: b.max(*d) };
            let (c0, c1, r0, r1) = index.span(&r);
            for row in r0..=r1 {
                for col in c0..=c1 {
                    index.cells[row * cols + col].push(i as u32);
                }
            }
        }
        index.segs = segs;
        index
    }

    /// The cells a box touches (clamped to the grid): columns c0..=c1, rows r0..=r1.
    fn span(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let at = |v: f64, o: f64, n: usize| (((v - o) / self.cell).floor().max(0.0) as usize).min(n - 1);
        (
            at(r.x0, self.x0, self.cols),
            at(r.x1, self.x0, self.cols),
            at(r.y0, self.y0, self.rows),
            at(r.y1, self.y0, self.rows),
        )
    }

    /// The indices of segments in the cells `r` touches (a segment in several cells comes
    /// once per cell).
    fn near<'a>(&'a self, r: &Rect) -> impl Iterator<Item = u32> + 'a {
        let (c0, c1, r0, r1) = if self.segs.is_empty() { (1, 0, 1, 0) } else { self.span(r) };
        (r0..=r1).flat_map(move |row| (c0..=c1).flat_map(move |col| self.cells[row * self.cols + col].iter().copied()))
    }

    /// Whether any segment passes through `r`.
    pub fn any(&self, r: &Rect) -> bool {
        self.near(r).any(|i| crosses(r, self.segs[i as usize]))
    }

    /// How many segments pass through `r`, counting no further than `limit` (a placer that
    /// already has a box crossing `limit` need not know how much worse this one is).
    pub fn count_until(&self, r: &Rect, limit: usize) -> usize {
        // Each segment once: marked with this query's number as it is seen.
        let query = self.query.get().wrapping_add(1);
        self.query.set(query);
        let mut seen = self.seen.borrow_mut();
        seen.resize(self.segs.len(), 0);
        let mut n = 0;
        for i in self.near(r) {
            if n >= limit {
                break;
            }
            let mark = &mut seen[i as usize];
            if *mark != query {
                *mark = query;
                if crosses(r, self.segs[i as usize]) {
                    n += 1;
                }
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scatter of short and long segments, some far outside any frame.
    fn segments() -> Vec<Segment> {
        let mut out = Vec::new();
        let mut s = 7u64;
        let mut next = || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 33) as f64 / (1u64 << 31) as f64
        };
        for i in 0..2000 {
            let (x, y) = (next() * 900.0 - 100.0, next() * 700.0 - 100.0);
            let len = if i % 50 == 0 { 600.0 } else { 30.0 };
            out.push(((x, y), (x + (next() - 0.5) * len, y + (next() - 0.5) * len)));
        }
        out
    }

    #[test]
    fn the_grid_answers_as_a_scan_of_every_segment_does() {
        let segs = segments();
        let index = Segments::new(&segs);
        for i in 0..400 {
            let (x, y) = ((i * 37 % 800) as f64 - 50.0, (i * 53 % 600) as f64 - 50.0);
            let r = Rect { x0: x, y0: y, x1: x + 10.0 + (i % 9) as f64 * 12.0, y1: y + 8.0 + (i % 4) as f64 * 10.0 };
            let scan = segs.iter().filter(|&&s| crosses(&r, s)).count();
            assert_eq!(index.count_until(&r, usize::MAX), scan, "{r:?}");
            assert_eq!(index.any(&r), scan > 0, "{r:?}");
            assert_eq!(index.count_until(&r, 2), scan.min(2), "{r:?}");
        }
        let r = Rect { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
        assert!(!Segments::new(&[]).any(&r));
        // A segment that projected to nowhere is left out rather than spoiling the grid.
        let mut with_nan = segs.clone();
        with_nan.push(((f64::NAN, 0.0), (1.0, 1.0)));
        assert_eq!(Segments::new(&with_nan).count_until(&r, usize::MAX), index.count_until(&r, usize::MAX));
    }
}
