//! MapModel → Scene: geometry streamed through rotation → antimeridian cut → projection, then
//! markers, routes, an optional inset chart and labels placed once per scene.

use super::clip::{cut_line, cut_ring};
use super::content::{self, border_figure, figure_line, inset_data, region_figure, route_label};
use super::geo::{gazetteer, line_prefix, Geo, Line};
use super::labels::{self, Label, Rect};
use super::projection::Projection;
use super::{Kind, MapModel};
use crate::data::{Dataset, Status};
use crate::scene::theme::Theme;
use crate::scene::{HAnchor, Rgba, Scene, Shape, Size, VAnchor};

/// Projects lines and rings for one frame; culls what falls outside the view.
struct Stream<'a> {
    p: &'a Projection,
    cut: bool,
    view: Rect,
}

impl Stream<'_> {
    fn run(&self, line: &[(f64, f64)], ring: bool) -> Vec<Vec<(f64, f64)>> {
        let rotated: Vec<(f64, f64)> = line.iter().map(|&(lon, lat)| (self.p.rotate(lon), lat)).collect();
        let pieces = match (self.cut, ring) {
            (false, _) => vec![rotated],
            (true, true) => cut_ring(&rotated),
            (true, false) => cut_line(&rotated),
        };
        pieces
            .into_iter()
            .map(|piece| piece.into_iter().map(|(l, b)| self.p.project_rotated(l, b)).collect::<Vec<_>>())
            .filter(|pts| {
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for &(x, y) in pts {
                    (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
                }
                pts.len() > 1 && Rect { x0, y0, x1, y1 }.overlaps(&self.view)
            })
            .collect()
    }
}

fn round_pts(pts: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    // Tenths of a pixel keep SVG output small without visible change.
    pts.into_iter().map(|(x, y)| ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)).collect()
}

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

pub(super) fn scene(
    m: &MapModel,
    geo: Option<&Geo>,
    data: &Dataset,
    progress: f64,
    size: Size,
    theme: &Theme,
) -> Scene {
    let mut s = Scene::default();
    let lang = data.lang;
    let words = &data.words().map;
    let (w, h) = (size.width, size.height);
    s.push(Shape::Rect { x0: 0.0, y0: 0.0, x1: w, y1: h, fill: theme.water });
    let Some(geo) = geo else {
        s.push(Shape::Text {
            at: (w / 2.0, h / 2.0),
            text: words.loading.clone(),
            size: theme.font,
            color: theme.muted,
            h: HAnchor::Center,
            v: VAnchor::Middle,
            bold: false,
        });
        return s;
    };
    let p = m.camera.projection(size);
    let view = Rect { x0: 0.0, y0: 0.0, x1: w, y1: h };
    let st = Stream { p: &p, cut: m.camera.kind == Kind::Conic, view };
    let g = gazetteer();
    let font = theme.font;
    let small = (font * 0.9).max(11.0);

    // Base map.
    for ring in &geo.land {
        for pts in st.run(ring, true) {
            s.push(Shape::Polygon { points: round_pts(pts), fill: theme.land_other });
        }
    }
    for c in &geo.countries {
        let fill = match c.id.as_str() {
            "CHN" => theme.land.mix(theme.china, 0.07),
            "RUS" => theme.land.mix(theme.russia, 0.07),
            _ => continue,
        };
        for ring in &c.rings {
            for pts in st.run(ring, true) {
                s.push(Shape::Polygon { points: round_pts(pts), fill });
            }
        }
    }
    // Provinces and regions a step shows: a tint of their country's colour (never a value).
    let colours = region_colours(theme);
    // Projected rings per shown unit, kept for placing labels whose label point is out of view.
    let mut region_px: Vec<(&str, Vec<Line>)> = Vec::new();
    for r in &m.regions {
        let (Some(unit), Some(region)) = (geo.provinces.unit(&r.id), g.province(&r.id)) else { continue };
        let fill = colours.fill(region.china(), r.emphasis).alpha(r.alpha);
        let mut px = Vec::new();
        for ring in &unit.rings {
            for pts in st.run(ring, true) {
                let pts = round_pts(pts);
                px.push(pts.clone());
                s.push(Shape::Polygon { points: pts, fill });
            }
        }
        region_px.push((r.id.as_str(), px));
    }
    for lake in &geo.lakes {
        for pts in st.run(lake, true) {
            s.push(Shape::Polygon { points: round_pts(pts), fill: theme.water });
        }
    }
    // Faint outlines of every province and region in view: each shared boundary drawn once.
    if m.outlines > 0.01 {
        for arc in geo.provinces.inner_arcs() {
            for pts in st.run(arc, false) {
                s.push(Shape::Line {
                    points: round_pts(pts),
                    color: colours.outline.alpha(m.outlines),
                    width: 0.6,
                    dashed: false,
                });
            }
        }
    }
    for b in geo.borders.iter().filter(|b| !b.china_russia) {
        for pts in st.run(&b.line, false) {
            s.push(Shape::Line { points: round_pts(pts), color: theme.muted.alpha(0.45), width: 0.7, dashed: false });
        }
    }
    // The shown units' own outlines, in their country's colour, over the faint ones.
    for r in &m.regions {
        let (Some(unit), Some(region)) = (geo.provinces.unit(&r.id), g.province(&r.id)) else { continue };
        let color = colours.edge(region.china()).alpha(r.alpha);
        for ring in &unit.rings {
            for pts in st.run(ring, false) {
                s.push(Shape::Line { points: round_pts(pts), color, width: 0.9 + 0.9 * r.emphasis, dashed: false });
            }
        }
    }
    let river = theme.categorical[5];
    if m.rivers > 0.01 {
        for r in &geo.rivers {
            for pts in st.run(&r.line, false) {
                s.push(Shape::Line {
                    points: round_pts(pts),
                    color: river.alpha(m.rivers),
                    width: 1.0 + m.rivers,
                    dashed: false,
                });
            }
        }
    }
    let border_colour = theme.muted.mix(theme.accent, m.border);
    for b in geo.borders.iter().filter(|b| b.china_russia) {
        for pts in st.run(&b.line, false) {
            s.push(Shape::Line {
                points: round_pts(pts),
                color: border_colour,
                width: 1.0 + 1.6 * m.border,
                dashed: false,
            });
        }
    }

    let mut labels: Vec<Label> = Vec::new();
    let mut label_colour: Vec<(Rgba, bool)> = Vec::new();
    let mut obstacles: Vec<Rect> = Vec::new();
    let push_label = |labels: &mut Vec<Label>, colours: &mut Vec<(Rgba, bool)>, l: Label, c: Rgba, bold: bool| {
        labels.push(l);
        colours.push((c, bold));
    };

    // Country names first in the list but placed last (lowest priority).
    for (id, lon, lat) in COUNTRY_LABELS {
        let name = words.country(id);
        let (x, y) = p.forward(lon, lat);
        if x > 0.0 && x < w && y > 0.0 && y < h && !labels.iter().any(|l| l.lines[0] == name) {
            let l = Label { anchor: (x, y), lines: vec![name.into()], size: small, priority: 50, offset: 0.0 };
            push_label(&mut labels, &mut label_colour, l, theme.muted, false);
        }
    }

    // Routes.
    let any_emph = m.routes.iter().any(|r| r.emphasis > 0.5);
    for r in &m.routes {
        let Some(route) = g.route(&r.id) else { continue };
        let colour = match (route.kind.as_str(), route.id.as_str()) {
            ("gas_pipeline", _) => theme.categorical[2],
            ("oil_pipeline", _) => theme.categorical[4],
            (_, "suez-route") => theme.categorical[1],
            _ => theme.categorical[0],
        };
        let strength = if any_emph { 0.35 + 0.65 * r.emphasis } else { 1.0 };
        let alpha = r.alpha * strength;
        let width = 1.6 + 1.4 * r.emphasis + if route.kind == "shipping_route" { 0.0 } else { 0.4 };
        let dashed = route.status != "operating";
        let revealing = m.reveal.as_deref() == Some(route.id.as_str());
        let line = if revealing && progress < 1.0 {
            line_prefix(&route.line, &route.cumulative_km, progress.max(0.0))
        } else {
            route.line.clone()
        };
        let mut last = None;
        let mut mid = None;
        for pts in st.run(&line, false) {
            last = pts.last().copied();
            // Label anchor: a vertex near the middle of the longest visible piece.
            let inside: Vec<(f64, f64)> =
                pts.iter().copied().filter(|&(x, y)| x > 20.0 && x < w - 20.0 && y > 20.0 && y < h - 20.0).collect();
            if !inside.is_empty() && mid.is_none_or(|(n, _)| inside.len() > n) {
                mid = Some((inside.len(), inside[inside.len() / 2]));
            }
            s.push(Shape::Line { points: round_pts(pts), color: colour.alpha(alpha), width, dashed });
        }
        if revealing && progress < 1.0 {
            if let Some(end) = last {
                s.push(Shape::Circle {
                    center: end,
                    radius: 4.5,
                    fill: colour.alpha(r.alpha),
                    stroke: Some(theme.background),
                });
            }
        }
        if let Some((_, at)) = mid {
            if alpha > 0.3 {
                let l = Label {
                    anchor: at,
                    lines: route_label(lang, data, &route.id),
                    size: small,
                    priority: 10 - (r.emphasis * 5.0) as i32,
                    offset: 6.0,
                };
                push_label(
                    &mut labels,
                    &mut label_colour,
                    l,
                    colour.mix(theme.ink, 0.45).alpha(r.alpha),
                    r.emphasis > 0.5,
                );
            }
        }
    }

    // Provinces and regions: their name at the label point, the figure, source and status where
    // the dataset has one. Emphasised units are placed before the other places' names, the rest
    // after them; on a phone what does not fit is left out rather than overlapping.
    let narrow = w < 480.0;
    for r in &m.regions {
        let Some(region) = g.province(&r.id) else { continue };
        // The label goes where the visible part of the shape is widest (the source's label point
        // may sit at the capital, on a border town, or out of view in a close-up).
        let rings = region_px.iter().find(|(id, _)| *id == r.id).map(|(_, px)| px.as_slice()).unwrap_or(&[]);
        let frame = Rect { x0: 30.0, y0: 20.0, x1: w - 30.0, y1: h - 20.0 };
        let Some((x, y)) = visible_interior(rings, frame) else { continue };
        if r.alpha < 0.05 {
            continue;
        }
        let emph = r.emphasis > 0.5;
        let size = if emph { font } else { small };
        let mut lines = wrap_lines(vec![region.name_in(data.lang).to_string()], (w * 0.4).max(110.0), size);
        if let Some((figure, source)) = region_figure(lang, data, &r.id) {
            let status = border_figure(data, &r.id).map(|b| data.words().status(b.status)).unwrap_or_default();
            if narrow {
                // A phone gets the figure and, when it is unverified, that word; the source is in
                // the table and under the graphic.
                let unverified = border_figure(data, &r.id).is_some_and(|b| b.status == Status::Unverified);
                let figure = if unverified {
                    words.figure_status.replace("{figure}", &figure).replace("{status}", status)
                } else {
                    figure
                };
                lines.extend(wrap_lines(vec![figure], (w * 0.45).max(140.0), small));
            } else {
                lines.extend(wrap_lines(vec![figure], (w * 0.45).max(140.0), small));
                lines.push(source);
            }
        }
        let l = Label { anchor: (x, y), lines, size, priority: if emph { 2 } else { 7 }, offset: 0.0 };
        let colour = colours.edge(region.china()).mix(theme.ink, 0.3).alpha(r.alpha);
        push_label(&mut labels, &mut label_colour, l, colour, emph);
    }

    // Places.
    for pl in &m.places {
        let Some(place) = g.place(&pl.id) else { continue };
        let (x, y) = p.forward(place.lon, place.lat);
        if !(x > 0.0 && x < w && y > 0.0 && y < h) {
            continue;
        }
        let r = if place.kind == "border_crossing" { 3.5 } else { 3.0 } + 1.0 * pl.emphasis;
        let (fill, stroke) = match place.kind.as_str() {
            "strait" => (theme.background.alpha(pl.alpha), Some(theme.ink.alpha(pl.alpha))),
            "border_crossing" => (theme.accent.alpha(pl.alpha), Some(theme.background.alpha(pl.alpha))),
            _ => (theme.ink.alpha(pl.alpha), Some(theme.background.alpha(pl.alpha))),
        };
        s.push(Shape::Circle { center: (x, y), radius: r, fill, stroke });
        obstacles.push(Rect::around((x, y), r));
        let mut lines = vec![place.name_in(lang).to_string()];
        if pl.emphasis > 0.5 {
            lines.extend(border_figure(data, &pl.id).and_then(|b| figure_line(lang, b)));
        }
        // Clear of an event pin's ring (radius 7) if one stands at the same place.
        let l = Label {
            anchor: (x, y),
            lines,
            size: small,
            priority: 6 - (pl.emphasis * 5.0) as i32,
            offset: (r + 3.0).max(8.5),
        };
        push_label(&mut labels, &mut label_colour, l, theme.ink.alpha(pl.alpha), pl.emphasis > 0.5);
    }

    // Event pins.
    for e in &m.events {
        let Some(at) = e.id.split_once('@').and_then(|(_, at)| g.place(at)) else { continue };
        let (x, y) = p.forward(at.lon, at.lat);
        if !(x > 0.0 && x < w && y > 0.0 && y < h) {
            continue;
        }
        s.push(Shape::Circle {
            center: (x, y),
            radius: 7.0,
            fill: theme.accent.alpha(0.2 * e.alpha),
            stroke: Some(theme.accent.alpha(e.alpha)),
        });
        obstacles.push(Rect::around((x, y), 7.0));
        let lines = wrap_lines(content::event_lines(data, &e.id), (w * 0.45).max(140.0), small);
        let l = Label { anchor: (x, y), lines, size: small, priority: -1, offset: 10.0 };
        push_label(&mut labels, &mut label_colour, l, theme.ink.alpha(e.alpha), true);
    }

    // Inset chart.
    if let Some((inset, a)) = m.inset {
        if a > 0.01 {
            let r = draw_inset(&mut s, inset, data, size, theme, a, m.camera.kind, progress, m.reveal.is_some());
            obstacles.push(r);
        }
    }

    // Attribution.
    let credit = words.credit.as_str();
    let cw = labels::text_width(credit, 11.0);
    s.push(Shape::Text {
        at: (w - 6.0, h - 8.0),
        text: credit.into(),
        size: 11.0,
        color: theme.muted,
        h: HAnchor::Right,
        v: VAnchor::Middle,
        bold: false,
    });
    obstacles.push(Rect { x0: w - 6.0 - cw, y0: h - 16.0, x1: w, y1: h });

    // Labels, once per scene; area labels (offset 0) are centred on their point.
    let frame = Rect { x0: 4.0, y0: 4.0, x1: w - 4.0, y1: h - 4.0 };
    for l in labels.iter_mut().filter(|l| l.offset == 0.0) {
        // Centre the name: shift the anchor so the first ("right") candidate is centred on it.
        l.anchor.0 -= labels::text_width(&l.lines[0], l.size) / 2.0;
    }
    let placed = labels::place(&labels, frame, &obstacles);
    for ((l, pl), (colour, bold)) in labels.iter().zip(placed).zip(label_colour) {
        let Some(pl) = pl else { continue };
        for (i, line) in l.lines.iter().enumerate() {
            let size = if i == 0 { l.size } else { small };
            // A halo in the background colour keeps the label legible over routes and borders.
            Shape::Text {
                at: (pl.at.0, pl.at.1 + i as f64 * pl.line_height),
                text: line.clone(),
                size,
                color: colour,
                h: pl.h,
                v: VAnchor::Middle,
                bold: bold && i == 0,
            }
            .push_with_halo(&mut s, theme.background);
        }
    }
    s
}

/// Colours of the province/region layer (also checked for contrast by the tests).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionColours {
    /// The faint boundaries between all units.
    pub outline: Rgba,
    pub china: Rgba,
    pub russia: Rgba,
    /// Tint of a shown unit (alpha), and how much more an emphasised one gets.
    pub tint: f64,
    pub tint_emphasis: f64,
}

impl RegionColours {
    /// The fill laid over the country's land for a shown unit.
    pub fn fill(&self, china: bool, emphasis: f64) -> Rgba {
        self.edge(china).alpha(self.tint + self.tint_emphasis * emphasis)
    }
    /// A shown unit's outline (and, mixed with the ink, its label).
    pub fn edge(&self, china: bool) -> Rgba {
        if china {
            self.china
        } else {
            self.russia
        }
    }
}

pub fn region_colours(theme: &Theme) -> RegionColours {
    RegionColours {
        outline: theme.muted.alpha(0.85),
        china: theme.china,
        russia: theme.russia,
        tint: 0.07,
        tint_emphasis: 0.06,
    }
}

fn inside(rings: &[Vec<(f64, f64)>], p: (f64, f64)) -> bool {
    let mut odd = false;
    for pts in rings {
        let n = pts.len();
        for i in 0..n {
            let (a, b) = (pts[i], pts[(i + n - 1) % n]);
            if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 {
                odd = !odd;
            }
        }
    }
    odd
}

/// A point well inside the part of a shape that is in `frame`: on a grid over that part, the
/// inside point farthest from the shape's vertices and the frame's edges (an estimate of the
/// pole of inaccessibility, enough for a label).
fn visible_interior(rings: &[Vec<(f64, f64)>], frame: Rect) -> Option<(f64, f64)> {
    // Search the part of the frame the shape's box covers.
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in rings.iter().flatten() {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let b = Rect { x0: x0.max(frame.x0), y0: y0.max(frame.y0), x1: x1.min(frame.x1), y1: y1.min(frame.y1) };
    if b.x0 >= b.x1 || b.y0 >= b.y1 {
        return None;
    }
    let (mut best, mut best_d) = (None, 0.0);
    const N: usize = 10;
    for i in 0..=N {
        for j in 0..=N {
            let q = (b.x0 + (b.x1 - b.x0) * i as f64 / N as f64, b.y0 + (b.y1 - b.y0) * j as f64 / N as f64);
            if !inside(rings, q) {
                continue;
            }
            let edge = (q.0 - frame.x0).min(frame.x1 - q.0).min(q.1 - frame.y0).min(frame.y1 - q.1);
            let d = rings.iter().flatten().map(|v| (v.0 - q.0).hypot(v.1 - q.1)).fold(edge * 2.0, f64::min);
            if d > best_d {
                (best, best_d) = (Some(q), d);
            }
        }
    }
    best
}

/// Greedy word wrap to a pixel width with the placer's text estimate: at spaces, and Chinese
/// between characters (`scene::text::wrap`). Only plain spaces break a line, so a Russian number's
/// narrow no-break space stays.
fn wrap_lines(lines: Vec<String>, max: f64, size: f64) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        if line.chars().any(crate::scene::text::is_wide) {
            out.extend(crate::scene::text::wrap(&line, size, max));
            continue;
        }
        let mut cur = String::new();
        for word in line.split(' ') {
            let cand = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
            if labels::text_width(&cand, size) > max && !cur.is_empty() {
                out.push(std::mem::replace(&mut cur, word.to_string()));
            } else {
                cur = cand;
            }
        }
        out.push(cur);
    }
    out
}

/// Draws an inset bar chart in a corner; returns its box.
#[allow(clippy::too_many_arguments)]
fn draw_inset(
    s: &mut Scene,
    inset: super::Inset,
    data: &Dataset,
    size: Size,
    theme: &Theme,
    a: f64,
    kind: Kind,
    progress: f64,
    progress_used: bool,
) -> Rect {
    let d = inset_data(data.lang, inset, data);
    let small = (theme.font * 0.9).max(11.0);
    let row_h = small * 1.5;
    let longest = d.bars.iter().map(|b| labels::text_width(&b.label, small)).fold(0.0, f64::max);
    // Long labels go above their bar, and the box widens for them where the map has room.
    let bw = (size.width * 0.5).clamp(170.0, 250.0);
    let stacked = longest > bw * 0.3;
    let bw = if stacked { bw.max((longest + 16.0).min(size.width * 0.8)) } else { bw };
    let label_w = longest.min(bw * 0.45);
    let per_row = if stacked { row_h * 1.9 } else { row_h };
    let title_lines = wrap_lines(vec![d.title.clone()], bw - 16.0, small);
    let bh = 10.0
        + title_lines.len() as f64 * small * 1.3
        + d.bars.len() as f64 * per_row
        + 8.0
        + if d.reference.is_some() { small } else { 0.0 };
    // Bottom-left on conic maps (the sea and Mongolia are quieter there), top-left on polar ones.
    let (x0, y0) = match kind {
        Kind::Conic => (8.0, size.height - bh - 24.0),
        Kind::Polar => (8.0, 8.0),
    };
    let rect = Rect { x0, y0, x1: x0 + bw, y1: y0 + bh };
    s.push(Shape::Rect { x0, y0, x1: rect.x1, y1: rect.y1, fill: theme.background.alpha(0.92 * a) });
    let mut y = y0 + 10.0 + small * 0.6;
    for t in &title_lines {
        s.push(Shape::Text {
            at: (x0 + 8.0, y),
            text: t.clone(),
            size: small,
            color: theme.ink.alpha(a),
            h: HAnchor::Left,
            v: VAnchor::Middle,
            bold: true,
        });
        y += small * 1.3;
    }
    let max = d
        .bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.0).sum::<f64>())
        .chain(d.reference.iter().map(|r| r.0))
        .fold(0.0, f64::max)
        .max(1e-9);
    let value_w = d.bars.iter().map(|b| labels::text_width(&b.value_text, small)).fold(0.0, f64::max) + 6.0;
    let bar_x0 = if stacked { x0 + 8.0 } else { x0 + 8.0 + label_w + 6.0 };
    let bar_w = (rect.x1 - 8.0 - value_w - bar_x0).max(20.0);
    // Bars grow with the step's progress unless a route is already being drawn with it.
    let grow = if progress_used { 1.0 } else { (progress * 1.6).clamp(0.15, 1.0) };
    let scale = |v: f64| v / max * bar_w * grow;
    for b in &d.bars {
        let cy = if stacked {
            s.push(Shape::Text {
                at: (x0 + 8.0, y),
                text: b.label.clone(),
                size: small,
                color: theme.ink.alpha(a),
                h: HAnchor::Left,
                v: VAnchor::Middle,
                bold: false,
            });
            y + row_h * 0.9
        } else {
            s.push(Shape::Text {
                at: (bar_x0 - 6.0, y),
                text: b.label.clone(),
                size: small,
                color: theme.ink.alpha(a),
                h: HAnchor::Right,
                v: VAnchor::Middle,
                bold: false,
            });
            y
        };
        let mut x = bar_x0;
        for &(v, c) in &b.segments {
            let wv = scale(v);
            s.push(Shape::Rect {
                x0: x,
                y0: cy - row_h * 0.3,
                x1: x + wv,
                y1: cy + row_h * 0.3,
                fill: theme.categorical[c].alpha(a),
            });
            x += wv;
        }
        s.push(Shape::Text {
            at: (x + 4.0, cy),
            text: b.value_text.clone(),
            size: small,
            color: theme.ink.alpha(a),
            h: HAnchor::Left,
            v: VAnchor::Middle,
            bold: false,
        });
        y += per_row;
    }
    if let Some((v, label)) = &d.reference {
        let x = bar_x0 + v / max * bar_w;
        let top = y0 + 10.0 + title_lines.len() as f64 * small * 1.3;
        s.push(Shape::Line {
            points: vec![(x, top), (x, y - row_h * 0.4)],
            color: theme.ink.alpha(0.7 * a),
            width: 1.0,
            dashed: true,
        });
        s.push(Shape::Text {
            at: (x, y),
            text: label.clone(),
            size: small,
            color: theme.muted.alpha(a),
            h: HAnchor::Right,
            v: VAnchor::Middle,
            bold: false,
        });
    }
    rect
}
