//! MapModel → Scene in named passes, each in its own function: the base map (`base`), the
//! marks and their labels (`marks`: country names, routes, provinces, places, event pins), the
//! inset chart (`inset`), the credit, and last the placing and drawing of every label at once.
//! Geometry is streamed through rotation → antimeridian cut → projection.

use super::clip::{cut_line, cut_ring};
use super::geo::Geo;
use super::labels::{self, Label, Rect};
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
}

impl Stream {
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

pub(super) fn round_pts(pts: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    // Tenths of a pixel keep SVG output small without visible change.
    pts.into_iter().map(|(x, y)| ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)).collect()
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

/// The labels the passes collect, each with its colour and weight, and the boxes they avoid;
/// placed together at the end so that priority, not drawing order, decides who gets room.
#[derive(Default)]
pub(super) struct Labels {
    pub labels: Vec<Label>,
    styles: Vec<(Rgba, bool)>,
    obstacles: Vec<Rect>,
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

    /// Places every label once and draws the ones that fit; area labels (offset 0) are centred
    /// on their point.
    fn draw(mut self, s: &mut Scene, f: &Frame) {
        let frame = Rect { x0: 4.0, y0: 4.0, x1: f.w - 4.0, y1: f.h - 4.0 };
        for l in self.labels.iter_mut().filter(|l| l.offset == 0.0) {
            // Centre the name: shift the anchor so the first ("right") candidate is centred on it.
            l.anchor.0 -= labels::text_width(&l.lines[0], l.size) / 2.0;
        }
        let placed = labels::place(&self.labels, frame, &self.obstacles);
        for ((l, pl), (colour, bold)) in self.labels.iter().zip(placed).zip(self.styles) {
            let Some(pl) = pl else { continue };
            for (i, line) in l.lines.iter().enumerate() {
                let size = if i == 0 { l.size } else { f.small };
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
                .push_with_halo(s, f.theme.background);
            }
        }
    }
}

pub(super) fn scene(
    m: &MapModel,
    geo: Option<&Geo>,
    data: &Dataset,
    progress: f64,
    size: Size,
    theme: &Theme,
) -> Scene {
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
        return s;
    };
    let view = Rect { x0: 0.0, y0: 0.0, x1: w, y1: h };
    let st = Stream { p: m.camera.projection(size), cut: m.camera.kind == Kind::Conic, view };
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
        w,
        h,
        font,
        small: (font * 0.9).max(11.0),
        colours: region_colours(theme),
    };

    let shown = base::base_map(&mut s, &f);
    let mut labels = Labels::default();
    // Country names first in the list but placed last (lowest priority).
    marks::country_labels(&mut labels, &f);
    marks::routes(&mut s, &mut labels, &f);
    marks::region_labels(&mut labels, &f, &shown);
    marks::places(&mut s, &mut labels, &f);
    marks::event_pins(&mut s, &mut labels, &f);
    if let Some((which, a)) = m.inset {
        if a > 0.01 {
            labels.avoid(inset::draw_inset(&mut s, which, &f, a));
        }
    }
    credit(&mut s, &mut labels, &f);
    labels.draw(&mut s, &f);
    s
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
