//! The marks drawn over the base map and the labels they bring: country and sea names, routes,
//! the shown provinces' names and figures, places, and event pins. Each pass draws its shapes
//! and hands its labels to `Labels`, which places them all at once.

use super::base::Shown;
use super::content::{self, figure_line, region_figure, route_label};
use super::gazetteer::{gazetteer, line_prefix};
use super::kinds::{Passage, PlaceKind, RouteKind, RouteStatus};
use super::labels::{self, wrap_lines, Label, Rect};
use super::render::{round_pts, Frame, Labels};
use crate::data::Status;
use crate::scene::{Scene, Shape};

/// Country and sea labels: (id in the words' `[map.countries]`, lon, lat).
const COUNTRY_LABELS: [(&str, f64, f64); 8] = [
    ("RUS", 118.0, 59.0),
    ("CHN", 112.0, 38.0),
    ("MNG", 103.0, 46.5),
    ("KAZ", 70.0, 48.5),
    ("ALASKA", -153.0, 65.0),
    ("JPN", 140.5, 38.5),
    ("CHN", 84.0, 41.5),
    ("ARCTIC", 0.0, 88.0),
];

/// Country and sea names in view, each once.
pub(super) fn country_labels(labels: &mut Labels, f: &Frame) {
    let words = &f.data.words().map;
    for (id, lon, lat) in COUNTRY_LABELS {
        let name = words.country(id);
        let at = f.st.p.forward(lon, lat);
        if f.in_view(at) && !labels.labels.iter().any(|l| l.lines[0] == name) {
            let l = Label { anchor: at, lines: vec![name.into()], size: f.small, priority: 50, ..Label::default() };
            labels.push(l, f.theme.muted, false);
        }
    }
}

/// Pipelines and sea routes: coloured by kind, dashed unless operating, the revealed one drawn
/// up to the step's progress with a dot at its head; labelled near the middle of what is visible.
pub(super) fn routes(s: &mut Scene, labels: &mut Labels, f: &Frame) {
    let (m, theme, g) = (f.m, f.theme, gazetteer());
    let (w, h) = (f.w, f.h);
    let any_emph = m.routes.iter().any(|r| r.emphasis > 0.5);
    for r in &m.routes {
        let Some(route) = g.route(&r.id) else { continue };
        let colour = match route.kind {
            RouteKind::GasPipeline => theme.categorical[2],
            RouteKind::OilPipeline => theme.categorical[4],
            // The route the Arctic one is compared with.
            RouteKind::ShippingRoute if route.passage == Some(Passage::Suez) => theme.categorical[1],
            RouteKind::ShippingRoute => theme.categorical[0],
        };
        let strength = if any_emph { 0.35 + 0.65 * r.emphasis } else { 1.0 };
        let alpha = r.alpha * strength;
        let width = 1.6 + 1.4 * r.emphasis + if route.kind == RouteKind::ShippingRoute { 0.0 } else { 0.4 };
        let dashed = route.status != RouteStatus::Operating;
        let revealing = m.reveal.as_deref() == Some(route.id.as_str()) && f.progress < 1.0;
        let line = if revealing {
            line_prefix(&route.line, &route.cumulative_km, f.progress.max(0.0))
        } else {
            route.line.clone()
        };
        let mut last = None;
        // Label points: the vertices of the visible pieces well inside the frame.
        let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
        for pts in f.st.run(&line, false) {
            last = pts.last().copied();
            pieces.push(
                pts.iter().copied().filter(|&(x, y)| x > 20.0 && x < w - 20.0 && y > 20.0 && y < h - 20.0).collect(),
            );
            if alpha > 0.05 {
                labels.route(&pts);
            }
            s.push(Shape::Line { points: round_pts(pts), color: colour.alpha(alpha), width, dashed });
        }
        if let (true, Some(end)) = (revealing, last) {
            s.push(Shape::Circle {
                center: end,
                radius: 4.5,
                fill: colour.alpha(r.alpha),
                stroke: Some(theme.background),
            });
        }
        // First choice: a vertex near the middle of the longest visible piece; then others
        // spread along every piece, nearest that middle first.
        let longest = pieces.iter().filter(|p| !p.is_empty()).max_by_key(|p| p.len());
        if let (Some(piece), true) = (longest, alpha > 0.3) {
            let at = piece[piece.len() / 2];
            let mut alternatives: Vec<(f64, f64)> = Vec::new();
            for p in &pieces {
                let step = (p.len() / 12).max(1);
                alternatives.extend(p.iter().step_by(step).copied());
            }
            crate::sort::by_key(&mut alternatives, |q| (q.0 - at.0).hypot(q.1 - at.1));
            alternatives.retain(|&q| q != at);
            let l = Label {
                anchor: at,
                lines: route_label(f.lang, f.data, &route.id),
                size: f.small,
                priority: 10 - (r.emphasis * 5.0) as i32,
                offset: 6.0,
                alternatives,
                ..Label::default()
            };
            labels.push(l, colour.mix(theme.ink, 0.45).alpha(r.alpha), r.emphasis > 0.5);
        }
    }
}

/// Provinces and regions: their name at the label point, the figure, source and status where
/// the dataset has one. Emphasised units are placed before the other places' names, the rest
/// after them; on a phone what does not fit is left out rather than overlapping.
pub(super) fn region_labels(labels: &mut Labels, f: &Frame, shown: &Shown) {
    let (data, lang, w, h) = (f.data, f.lang, f.w, f.h);
    let words = &data.words().map;
    let narrow = w < 480.0;
    for r in &f.m.regions {
        let Some(region) = gazetteer().province(&r.id) else { continue };
        // The label goes where the visible part of the shape is widest (the source's label point
        // may sit at the capital, on a border town, or out of view in a close-up).
        let rings = shown.iter().find(|(id, _)| *id == r.id).map(|(_, px)| px.as_slice()).unwrap_or(&[]);
        let frame = Rect { x0: 30.0, y0: 20.0, x1: w - 30.0, y1: h - 20.0 };
        let points = visible_interior(rings, frame);
        let Some((&at, alternatives)) = points.split_first() else { continue };
        if r.alpha < 0.05 {
            continue;
        }
        let emph = r.emphasis > 0.5;
        let size = if emph { f.font } else { f.small };
        let lines = wrap_lines(vec![region.name_in(lang).to_string()], (w * 0.4).max(110.0), size);
        let mut note = Vec::new();
        if let Some((figure, source)) = region_figure(lang, data, &r.id) {
            let status = data.border_figure(&r.id).map(|b| data.words().status(b.status)).unwrap_or_default();
            if narrow {
                // A phone gets the figure and, when it is unverified, that word; the source is in
                // the table and under the graphic.
                let unverified = data.border_figure(&r.id).is_some_and(|b| b.status == Status::Unverified);
                let figure = if unverified {
                    words.figure_status.replace("{figure}", &figure).replace("{status}", status)
                } else {
                    figure
                };
                note.extend(wrap_lines(vec![figure], (w * 0.45).max(140.0), f.small));
            } else {
                note.extend(wrap_lines(vec![figure], (w * 0.45).max(140.0), f.small));
                note.push(source);
            }
        }
        let alternatives = alternatives.to_vec();
        let area = rings.to_vec();
        let priority = if emph { 2 } else { 7 };
        let colour = f.colours.edge(region.china()).mix(f.theme.ink, 0.3).alpha(r.alpha);
        // The name on its unit; the figure as a note beside the name, placed once every name of
        // its rank has room, where it crosses the fewest outlines.
        let name = labels.labels.len();
        labels.push(
            Label { anchor: at, lines, size, priority, offset: 0.0, alternatives, area, ..Label::default() },
            colour,
            emph,
        );
        if !note.is_empty() {
            let l =
                Label { lines: note, size: f.small, priority: priority + 1, follows: Some(name), ..Label::default() };
            labels.push(l, colour, false);
        }
    }
}

/// Places: a dot (a ring for straits, the accent for border crossings) and the name, with the
/// crossing's figure when emphasised.
pub(super) fn places(labels: &mut Labels, f: &Frame) {
    let theme = f.theme;
    for pl in &f.m.places {
        let Some(place) = gazetteer().place(&pl.id) else { continue };
        let (x, y) = f.st.p.forward(place.lon, place.lat);
        if !f.in_view((x, y)) {
            continue;
        }
        let crossing = place.kind == PlaceKind::BorderCrossing;
        let r = if crossing { 3.5 } else { 3.0 } + 1.0 * pl.emphasis;
        // A marker at the very edge is moved in so that it is drawn whole.
        let m = r + 2.0;
        let (x, y) = (x.clamp(m, f.w - m), y.clamp(m, f.h - m));
        let (a, bg) = (pl.alpha, theme.background.alpha(pl.alpha));
        let (fill, stroke) = match place.kind {
            PlaceKind::Strait => (bg, Some(theme.ink.alpha(a))),
            PlaceKind::BorderCrossing => (theme.accent.alpha(a), Some(bg)),
            PlaceKind::City | PlaceKind::Port | PlaceKind::GasField | PlaceKind::Terminal => {
                (theme.ink.alpha(a), Some(bg))
            }
        };
        labels.marker(Shape::Circle { center: (x, y), radius: r, fill, stroke }, Rect::around((x, y), r + 1.0));
        let mut lines = vec![place.name_in(f.lang).to_string()];
        if pl.emphasis > 0.5 {
            lines.extend(f.data.border_figure(&pl.id).and_then(|b| figure_line(f.lang, b)));
        }
        // Clear of an event pin's ring (radius 7) if one stands at the same place.
        let l = Label {
            anchor: (x, y),
            lines,
            size: f.small,
            priority: 6 - (pl.emphasis * 5.0) as i32,
            offset: (r + 3.0).max(8.5),
            ..Label::default()
        };
        labels.push(l, theme.ink.alpha(pl.alpha), pl.emphasis > 0.5);
    }
}

/// Event pins: a ring at the place with the event's date and title beside it, placed first.
pub(super) fn event_pins(s: &mut Scene, labels: &mut Labels, f: &Frame) {
    let theme = f.theme;
    for e in &f.m.events {
        let Some(at) = gazetteer().place(&e.id.at) else { continue };
        let (x, y) = f.st.p.forward(at.lon, at.lat);
        if !f.in_view((x, y)) {
            continue;
        }
        s.push(Shape::Circle {
            center: (x, y),
            radius: 7.0,
            fill: theme.accent.alpha(0.2 * e.alpha),
            stroke: Some(theme.accent.alpha(e.alpha)),
        });
        labels.avoid(Rect::around((x, y), 7.0));
        let lines = wrap_lines(content::event_lines(f.data, &e.id), (f.w * 0.45).max(140.0), f.small);
        let l = Label { anchor: (x, y), lines, size: f.small, priority: -1, offset: 10.0, ..Label::default() };
        labels.push(l, theme.ink.alpha(e.alpha), true);
    }
}

/// Where the rings' edges cross the line at height `y`, by the even–odd rule of `inside_rings`.
fn crossings(rings: &[Vec<(f64, f64)>], y: f64) -> Vec<f64> {
    labels::ring_edges(rings).filter_map(|e| labels::crossing_x(y, e)).collect()
}

/// A shape's vertices filed by column, so that the nearest to a point is found by looking at
/// the columns outward from the point's own until no nearer one can be in them.
struct Columns {
    x0: f64,
    width: f64,
    columns: Vec<Vec<(f64, f64)>>,
}

impl Columns {
    /// `rings`' vertices; `bbox` is their box.
    fn of(rings: &[Vec<(f64, f64)>], bbox: Rect) -> Columns {
        const COLUMNS: usize = 16;
        let width = ((bbox.x1 - bbox.x0) / COLUMNS as f64).max(1e-9);
        let mut columns = vec![Vec::new(); COLUMNS];
        for &v in rings.iter().flatten() {
            columns[(((v.0 - bbox.x0) / width) as usize).min(COLUMNS - 1)].push(v);
        }
        Columns { x0: bbox.x0, width, columns }
    }

    /// The squared distance from `q` to the nearest vertex (`f64::MAX` when there is none): the
    /// minimum over every vertex, found without looking at the columns too far off to hold it.
    fn nearest_sq(&self, q: (f64, f64)) -> f64 {
        let n = self.columns.len() as isize;
        let own = (((q.0 - self.x0) / self.width).floor() as isize).clamp(0, n - 1);
        let mut near = f64::MAX;
        let look = |c: isize, near: &mut f64| {
            // Compared, not `f64::min`: a call of its own in wasm, for every vertex.
            for v in &self.columns[c as usize] {
                let d = (v.0 - q.0) * (v.0 - q.0) + (v.1 - q.1) * (v.1 - q.1);
                if d < *near {
                    *near = d;
                }
            }
        };
        look(own, &mut near);
        // A column whose nearer edge is `gap` away holds no vertex nearer than `gap` (less a
        // hair for the rounding that filed it); columns further out are further still.
        let may_hold = |gap: f64, near: f64| gap <= 0.0 || (gap - 1e-6) * (gap - 1e-6) < near;
        for k in 1..n {
            let (right, left) = (own + k, own - k);
            let mut looked = false;
            if right < n && may_hold(self.x0 + right as f64 * self.width - q.0, near) {
                look(right, &mut near);
                looked = true;
            }
            if left >= 0 && may_hold(q.0 - (self.x0 + (left + 1) as f64 * self.width), near) {
                look(left, &mut near);
                looked = true;
            }
            if !looked {
                break;
            }
        }
        near
    }
}

/// Points well inside the part of a shape that is in `frame`, best first: on a grid over that
/// part, the inside points farthest from the shape's vertices and the frame's edges (the first
/// an estimate of the pole of inaccessibility), up to eight, each at least half as far in as the
/// best.
fn visible_interior(rings: &[Vec<(f64, f64)>], frame: Rect) -> Vec<(f64, f64)> {
    // Search the part of the frame the shape's box covers.
    let Some(r) = Rect::of_points(rings.iter().flatten()) else { return Vec::new() };
    let b = Rect { x0: r.x0.max(frame.x0), y0: r.y0.max(frame.y0), x1: r.x1.min(frame.x1), y1: r.y1.min(frame.y1) };
    if b.x0 >= b.x1 || b.y0 >= b.y1 {
        return Vec::new();
    }
    let mut found: Vec<(f64, (f64, f64))> = Vec::new();
    const N: usize = 10;
    let row_y = |j: usize| b.y0 + (b.y1 - b.y0) * j as f64 / N as f64;
    // Each grid row's even–odd crossings, found once (as `inside_rings` finds them per point).
    let rows: Vec<Vec<f64>> = (0..=N).map(|j| crossings(rings, row_y(j))).collect();
    let vertices = Columns::of(rings, r);
    for i in 0..=N {
        for (j, xs) in rows.iter().enumerate() {
            let q = (b.x0 + (b.x1 - b.x0) * i as f64 / N as f64, row_y(j));
            if xs.iter().filter(|&&x| q.0 < x).count() % 2 == 0 {
                continue;
            }
            let edge = (q.0 - frame.x0).min(frame.x1 - q.0).min(q.1 - frame.y0).min(frame.y1 - q.1);
            let d = vertices.nearest_sq(q).sqrt().min(edge * 2.0);
            if d > 0.0 {
                found.push((d, q));
            }
        }
    }
    crate::sort::by_key(&mut found, |f| -f.0);
    let best = found.first().map_or(0.0, |f| f.0);
    found.into_iter().take_while(|f| f.0 >= best * 0.5).take(8).map(|f| f.1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_columns_find_the_nearest_vertex_as_a_search_of_all_does() {
        let mut seed = 11u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for count in [1, 3, 40, 700] {
            let ring: Vec<(f64, f64)> = (0..count).map(|_| (50.0 + 300.0 * next(), 20.0 + 200.0 * next())).collect();
            let rings = vec![ring];
            let columns = Columns::of(&rings, Rect::of_points(rings.iter().flatten()).unwrap());
            for _ in 0..200 {
                let q = (500.0 * next() - 50.0, 300.0 * next() - 20.0);
                let all = rings[0]
                    .iter()
                    .map(|v| (v.0 - q.0) * (v.0 - q.0) + (v.1 - q.1) * (v.1 - q.1))
                    .fold(f64::MAX, f64::min);
                assert_eq!(columns.nearest_sq(q), all, "{count} vertices, {q:?}");
            }
        }
    }
}
