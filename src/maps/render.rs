//! MapModel → Scene in named passes, each in its own function: the base map (`base`), the
//! marks and their labels (`marks`: country names, routes, provinces, places, event pins), the
//! inset chart (`inset`), the credit, and last the placing and drawing of every label at once.
//! Geometry is streamed through rotation → antimeridian cut → projection.

use super::clip::{cut_line, cut_ring};
use super::geo::Geo;
use super::labels::{self, Avoid, Label, Rect, Segment};
use super::planes::OnScreen;
use super::projection::Projection;
use super::{base, inset, marks, Kind, MapModel};
use crate::data::Dataset;
use crate::lang::Lang;
use crate::scene::theme::Theme;
use crate::scene::{HAnchor, Rgba, Scene, Shape, Size, VAnchor};

/// Projects lines and rings for one frame; culls what falls outside the view.
pub(super) struct Stream {
    pub p: Projection,
    cut: bool,
    view: Rect,
    screen: OnScreen,
}

impl Stream {
    pub fn new(p: Projection, cut: bool, view: Rect) -> Stream {
        Stream { p, cut, view, screen: OnScreen::of(p) }
    }

    /// `run` for a line of the base map `geo`: placed from its projection's plane, where it is
    /// kept (`planes`), unless it crosses the cut in this view.
    pub fn run_base(&self, geo: &Geo, line: &[(f64, f64)], ring: bool) -> Vec<Vec<(f64, f64)>> {
        self.screen.place(&geo.planes, line, ring, &self.view).unwrap_or_else(|| self.run(line, ring))
    }

    pub fn run(&self, line: &[(f64, f64)], ring: bool) -> Vec<Vec<(f64, f64)>> {
        let rotated: Vec<(f64, f64)> = line.iter().map(|&(lon, lat)| (self.p.rotate(lon), lat)).collect();
        let pieces = match (self.cut, ring) {
            (false, _) => vec![rotated],
            (true, true) => cut_ring(&rotated),
            (true, false) => cut_line(&rotated),
        };
        pieces
            .into_iter()
            .map(|piece| piece.into_iter().map(|(l, b)| self.p.project_rotated(l, b)).collect::<Vec<_>>())
            .filter(|pts| pts.len() > 1 && Rect::of_points(pts).is_some_and(|b| b.overlaps(&self.view)))
            .collect()
    }
}

pub(super) fn round_pts(pts: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    // Tenths of a pixel keep SVG output small without visible change; a point closer than
    // `THIN_PX` to the one kept before it adds no visible detail, only work: every later pass
    // (canvas paths, label placement's outline and inside tests) walks each point.
    let pts: Vec<(f64, f64)> =
        pts.into_iter().map(|(x, y)| ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)).collect();
    thin(&pts, THIN_PX)
}

/// How far apart (|dx| + |dy|, px) two points of a drawn outline or line must be to both stay.
const THIN_PX: f64 = 0.6;

/// How far outside the view (px) the base map's lines are kept: past the widest line's half.
const CLIP_MARGIN: f64 = 8.0;

/// How far apart (|dx| + |dy|, px) the points of an outline labels keep off (or sit inside)
/// must be: whether a label's box crosses an outline, or where a unit is widest, needs no finer
/// line, and each point more is indexed and tested against every candidate box of every label.
const OUTLINE_PX: f64 = 3.0;

/// A projected outline as label placement reads it (`OUTLINE_PX`).
pub(super) fn coarse(pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
    thin(pts, OUTLINE_PX)
}

/// `pts` without each point closer than `px` (|dx| + |dy|) to the one kept before it; the last
/// point always stays, so a line keeps its ends and a ring closes where it did.
fn thin(pts: &[(f64, f64)], px: f64) -> Vec<(f64, f64)> {
    let last = pts.len().saturating_sub(1);
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for (i, &p) in pts.iter().enumerate() {
        match out.last() {
            Some(&(x, y)) if i < last && (p.0 - x).abs() + (p.1 - y).abs() < px => {}
            _ => out.push(p),
        }
    }
    out
}

/// What every pass reads: the state, the dataset, the theme, the projection and the frame.
pub(super) struct Frame<'a> {
    pub m: &'a MapModel,
    pub geo: &'a Geo,
    pub data: &'a Dataset,
    pub theme: &'a Theme,
    pub progress: f64,
    pub size: Size,
    pub lang: Lang,
    pub st: Stream,
    /// The view and a margin wider than any line: what the base map keeps of its lines.
    pub clip: Rect,
    pub w: f64,
    pub h: f64,
    /// The label sizes: names of emphasised provinces, and everything else.
    pub font: f64,
    pub small: f64,
    pub colours: RegionColours,
}

impl Frame<'_> {
    /// Whether a projected point is inside the drawing.
    pub fn in_view(&self, (x, y): (f64, f64)) -> bool {
        x > 0.0 && x < self.w && y > 0.0 && y < self.h
    }
}

/// The labels the passes collect, each with its colour and weight, and what they avoid; placed
/// together at the end so that priority, not drawing order, decides who gets room.
#[derive(Default)]
pub(super) struct Labels {
    pub labels: Vec<Label>,
    styles: Vec<(Rgba, bool)>,
    obstacles: Vec<Rect>,
    /// Boxes drawn over the map (the inset): a marker under one is left out with its label.
    covers: Vec<Rect>,
    routes: Vec<Segment>,
    outlines: Vec<Segment>,
    /// A place's marker, drawn only when its label finds room: (label index, shape, box).
    markers: Vec<(usize, Shape, Rect)>,
}

fn segments(pts: &[(f64, f64)]) -> impl Iterator<Item = Segment> + '_ {
    pts.windows(2).map(|w| (w[0], w[1]))
}

impl Labels {
    pub fn push(&mut self, label: Label, colour: Rgba, bold: bool) {
        self.labels.push(label);
        self.styles.push((colour, bold));
    }
    /// A marker or box no label may cover.
    pub fn avoid(&mut self, r: Rect) {
        self.obstacles.push(r);
    }
    /// A box drawn over the map: no label covers it, and the places under it are left out.
    pub fn cover(&mut self, r: Rect) {
        self.obstacles.push(r);
        self.covers.push(r);
    }
    /// A drawn route: no label crosses it.
    pub fn route(&mut self, pts: &[(f64, f64)]) {
        self.routes.extend(segments(pts));
    }
    /// A drawn outline (a shown unit, the border): labels cross it only when nothing else fits.
    pub fn outline(&mut self, pts: &[(f64, f64)]) {
        self.outlines.extend(segments(&coarse(pts)));
    }
    /// A place's marker with its label (pushed next): the marker is drawn only if the label is.
    pub fn marker(&mut self, shape: Shape, r: Rect) {
        self.obstacles.push(r);
        self.markers.push((self.labels.len(), shape, r));
    }

    /// Places every label once and draws the ones that fit, and the markers whose label fits.
    fn draw(self, s: &mut Scene, f: &Frame) -> Layout {
        let frame = Rect { x0: 4.0, y0: 4.0, x1: f.w - 4.0, y1: f.h - 4.0 };
        let avoid = Avoid { boxes: &self.obstacles, routes: &self.routes, outlines: &self.outlines };
        let hidden: Vec<usize> =
            self.markers.iter().filter(|(_, _, r)| self.covers.iter().any(|c| c.overlaps(r))).map(|m| m.0).collect();
        let shown: Vec<Label> = (0..self.labels.len())
            .map(|i| if hidden.contains(&i) { Label::default() } else { self.labels[i].clone() })
            .collect();
        let mut placed = labels::place_avoiding(&shown, frame, avoid);
        for &i in &hidden {
            placed[i] = None;
        }
        let mut layout = Layout { frame, routes: self.routes.clone(), ..Layout::default() };
        for (i, shape, r) in self.markers {
            if placed.get(i).is_some_and(Option::is_some) {
                s.push(shape);
                layout.markers.push((r, i));
            }
        }
        for ((l, pl), (colour, bold)) in self.labels.iter().zip(placed).zip(self.styles) {
            layout.labels.push(LaidOut {
                text: l.lines.join(" "),
                priority: l.priority,
                rect: pl.as_ref().map(|p| p.rect),
                under_inset: hidden.contains(&layout.labels.len()),
            });
            let Some(pl) = pl else { continue };
            for (i, line) in pl.lines.iter().enumerate() {
                let size = if i < pl.first { l.size } else { f.small };
                // A halo in the background colour keeps the label legible over routes and borders.
                Shape::Text {
                    at: (pl.at.0, pl.at.1 + i as f64 * pl.line_height),
                    text: line.clone(),
                    size,
                    color: colour,
                    h: pl.h,
                    v: VAnchor::Middle,
                    bold: bold && i < pl.first,
                }
                .push_with_halo(s, f.theme.background);
            }
        }
        layout
    }
}

/// Where a map's labels went, for the tests: every label with its box (`None` when it was left
/// out for want of room, lowest priority first), the markers drawn with the label each belongs
/// to, the routes' segments, and the frame labels keep inside.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub frame: Rect,
    pub labels: Vec<LaidOut>,
    pub markers: Vec<(Rect, usize)>,
    pub routes: Vec<Segment>,
}

#[derive(Clone, Debug)]
pub struct LaidOut {
    pub text: String,
    pub priority: i32,
    pub rect: Option<Rect>,
    /// A place under the inset, left out with its marker.
    pub under_inset: bool,
}

pub(super) fn scene(
    m: &MapModel,
    geo: Option<&Geo>,
    data: &Dataset,
    progress: f64,
    size: Size,
    theme: &Theme,
) -> (Scene, Layout) {
    let mut s = Scene::default();
    let (w, h) = (size.width, size.height);
    s.push(Shape::Rect { x0: 0.0, y0: 0.0, x1: w, y1: h, fill: theme.water });
    let Some(geo) = geo else {
        s.push(Shape::Text {
            at: (w / 2.0, h / 2.0),
            text: data.words().map.loading.clone(),
            size: theme.font,
            color: theme.muted,
            h: HAnchor::Center,
            v: VAnchor::Middle,
            bold: false,
        });
        return (s, Layout::default());
    };
    let view = Rect { x0: 0.0, y0: 0.0, x1: w, y1: h };
    let st = Stream::new(m.camera.projection(size), m.camera.kind == Kind::Conic, view);
    let font = theme.font;
    let f = Frame {
        m,
        geo,
        data,
        theme,
        progress,
        size,
        lang: data.lang,
        st,
        clip: Rect { x0: -CLIP_MARGIN, y0: -CLIP_MARGIN, x1: w + CLIP_MARGIN, y1: h + CLIP_MARGIN },
        w,
        h,
        font,
        small: (font * 0.9).max(11.0),
        colours: region_colours(theme),
    };

    let shown = base::base_map(&mut s, &f);
    let mut labels = Labels::default();
    // Shown units' outlines, and the border when it is drawn: labels keep off them if they can
    // (a still map; see `MapModel::moving`).
    for (_, rings) in shown.iter().filter(|_| !m.moving) {
        for ring in rings {
            labels.outline(ring);
        }
    }
    if m.border > 0.3 && !m.moving {
        for b in geo.borders.iter().filter(|b| b.china_russia) {
            for pts in f.st.run_base(geo, &b.line, false) {
                labels.outline(&pts);
            }
        }
    }
    // Country names first in the list but placed last (lowest priority).
    marks::country_labels(&mut labels, &f);
    marks::routes(&mut s, &mut labels, &f);
    marks::region_labels(&mut labels, &f, &shown);
    marks::places(&mut labels, &f);
    marks::event_pins(&mut s, &mut labels, &f);
    if let Some((which, a)) = m.inset {
        if a > 0.01 {
            labels.cover(inset::draw_inset(&mut s, which, &f, a));
        }
    }
    credit(&mut s, &mut labels, &f);
    let layout = labels.draw(&mut s, &f);
    (s, layout)
}

/// The attribution in the bottom-right corner, kept clear of labels.
fn credit(s: &mut Scene, labels: &mut Labels, f: &Frame) {
    let credit = f.data.words().map.credit.as_str();
    let cw = labels::text_width(credit, 11.0);
    s.push(Shape::Text {
        at: (f.w - 6.0, f.h - 8.0),
        text: credit.into(),
        size: 11.0,
        color: f.theme.muted,
        h: HAnchor::Right,
        v: VAnchor::Middle,
        bold: false,
    });
    labels.avoid(Rect { x0: f.w - 6.0 - cw, y0: f.h - 16.0, x1: f.w, y1: f.h });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Thinning drops only points near the one kept before them, and keeps both ends.
    #[test]
    fn thinning_keeps_the_ends_and_the_shape() {
        let pts: Vec<(f64, f64)> = (0..=100).map(|i| (i as f64 * 0.25, (i as f64 * 0.1).sin() * 20.0)).collect();
        let kept = thin(&pts, 3.0);
        assert_eq!(kept.first(), pts.first());
        assert_eq!(kept.last(), pts.last());
        assert!(kept.len() < pts.len() / 2, "{} of {}", kept.len(), pts.len());
        for w in kept.windows(2).take(kept.len() - 2) {
            assert!((w[1].0 - w[0].0).abs() + (w[1].1 - w[0].1).abs() >= 3.0);
        }
        assert_eq!(thin(&[(1.0, 1.0)], 3.0), vec![(1.0, 1.0)]);
        assert!(thin(&[], 3.0).is_empty());
        // Points farther apart than the step all stay.
        let sparse = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(thin(&sparse, 3.0), sparse.to_vec());
    }
}
