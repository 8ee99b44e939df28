//! A `Scene` is what a graphic looks like at one moment: plain shapes in CSS pixels.
//!
//! Every chart and map is a function that returns a `Scene`; one drawing function
//! (`draw.rs`) renders any scene to any plotters backend (canvas, SVG). Native tests
//! inspect scenes without a browser.

/// An sRGB colour with alpha in 0..=1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba(pub u8, pub u8, pub u8, pub f64);

impl Rgba {
    pub const fn hex(rgb: u32) -> Self {
        Rgba((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8, 1.0)
    }
    /// This colour moved a fraction `t` of the way towards `other` (text in a series colour
    /// that must stay readable: mix with the ink).
    pub fn mix(self, other: Rgba, t: f64) -> Rgba {
        let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
        Rgba(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2), self.3 + (other.3 - self.3) * t)
    }
    pub fn alpha(self, a: f64) -> Self {
        Rgba(self.0, self.1, self.2, (self.3 * a).clamp(0.0, 1.0))
    }
    /// This colour painted over an opaque `below` (source-over, as canvas and SVG blend).
    pub fn over(self, below: Rgba) -> Rgba {
        let a = self.3.clamp(0.0, 1.0);
        let m = |x: u8, y: u8| (x as f64 * a + y as f64 * (1.0 - a)).round() as u8;
        Rgba(m(self.0, below.0), m(self.1, below.1), m(self.2, below.2), 1.0)
    }
    /// WCAG 2 relative luminance of the colour's RGB (alpha ignored), 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }
    /// WCAG 2 contrast ratio (1 to 21) of this colour drawn over `background`; a translucent
    /// colour is first blended over it. Text needs 4.5:1 (AA), lines and marks 3:1.
    pub fn contrast(self, background: Rgba) -> f64 {
        let bg = background.over(Rgba(255, 255, 255, 1.0));
        let fg = self.over(bg);
        let (l1, l2) = (fg.luminance(), bg.luminance());
        (l1.max(l2) + 0.05) / (l1.min(l2) + 0.05)
    }
    pub fn css(self) -> String {
        format!("rgba({},{},{},{})", self.0, self.1, self.2, crate::data::format::fixed(self.3, 3))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HAnchor {
    Left,
    Center,
    Right,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VAnchor {
    Top,
    Middle,
    Bottom,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// An open polyline.
    Line {
        points: Vec<(f64, f64)>,
        color: Rgba,
        width: f64,
        dashed: bool,
    },
    /// A filled closed polygon.
    Polygon {
        points: Vec<(f64, f64)>,
        fill: Rgba,
    },
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Rgba,
    },
    Circle {
        center: (f64, f64),
        radius: f64,
        fill: Rgba,
        stroke: Option<Rgba>,
    },
    Text {
        at: (f64, f64),
        text: String,
        size: f64,
        color: Rgba,
        h: HAnchor,
        v: VAnchor,
        bold: bool,
    },
    /// The halo of the text pushed after it: a band of `color` around its glyphs, so the text
    /// stays legible over lines and routes (`push_with_halo`).
    Halo {
        at: (f64, f64),
        text: String,
        size: f64,
        color: Rgba,
        h: HAnchor,
        v: VAnchor,
        bold: bool,
    },
}

impl Shape {
    pub fn text(at: (f64, f64), text: impl Into<String>, size: f64, color: Rgba) -> Self {
        Shape::Text { at, text: text.into(), size, color, h: HAnchor::Left, v: VAnchor::Middle, bold: false }
    }
    /// Pushes a text with a halo in `background` under it, so it stays legible over lines and
    /// routes. Other shapes are pushed as they are.
    pub fn push_with_halo(self, scene: &mut Scene, background: Rgba) {
        if let Shape::Text { at, text, size, color, h, v, bold } = &self {
            let (at, text, size, h, v, bold) = (*at, text.clone(), *size, *h, *v, *bold);
            scene.push(Shape::Halo { at, text, size, color: background.alpha(color.3), h, v, bold });
        }
        scene.push(self);
    }
    pub fn line(points: Vec<(f64, f64)>, color: Rgba, width: f64) -> Self {
        Shape::Line { points, color, width, dashed: false }
    }

    /// Whether this is a label (a text or its halo): `draw::drawing_order` sorts each run of
    /// them whole.
    pub fn is_label(&self) -> bool {
        matches!(self, Shape::Text { .. } | Shape::Halo { .. })
    }

    /// About how much drawing this shape is, in a path's points: a glyph rasterised (filled, or
    /// stroked for a halo) took about as long as a dozen points of a map's outlines in
    /// Chromium's traces at 4×.
    fn work(&self) -> usize {
        match self {
            Shape::Line { points, .. } | Shape::Polygon { points, .. } => points.len(),
            Shape::Text { text, .. } | Shape::Halo { text, .. } => 12 * text.chars().count(),
            Shape::Rect { .. } | Shape::Circle { .. } => 1,
        }
    }

    /// The same shape with every colour's alpha multiplied by `a` (cross-fades).
    pub fn faded(mut self, a: f64) -> Self {
        match &mut self {
            Shape::Line { color, .. } | Shape::Text { color, .. } | Shape::Halo { color, .. } => {
                *color = color.alpha(a)
            }
            Shape::Polygon { fill, .. } | Shape::Rect { fill, .. } => *fill = fill.alpha(a),
            Shape::Circle { fill, stroke, .. } => {
                *fill = fill.alpha(a);
                *stroke = stroke.map(|s| s.alpha(a));
            }
        }
        self
    }
}

/// Width and height in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub shapes: Vec<Shape>,
    /// How many of the first shapes are the picture's ground (a map's water and base map, under
    /// its marks and labels): much of it stays the same from frame to frame, and a canvas may
    /// keep that painted and copy it in (web/canvas.rs `Kept`). 0 where there is none.
    pub ground: usize,
}

impl Scene {
    pub fn push(&mut self, s: Shape) {
        self.shapes.push(s);
    }
    /// Two scenes drawn over each other, the first fading out as the second fades in.
    pub fn crossfade(a: Scene, b: Scene, t: f64) -> Scene {
        let t = t.clamp(0.0, 1.0);
        let mut shapes: Vec<Shape> = a.shapes.into_iter().map(|s| s.faded(1.0 - t)).collect();
        shapes.extend(b.shapes.into_iter().map(|s| s.faded(t)));
        Scene { shapes, ground: 0 }
    }
    /// All the shapes, as a part to draw (`draw::draw_part`).
    pub fn whole(&self) -> std::ops::Range<usize> {
        0..self.shapes.len()
    }
    /// Where to cut the scene into two parts of about equal drawing work (`Shape::work`), to
    /// paint them a task each (`draw::draw_part`). Never inside a run of labels: their order is
    /// sorted over the whole run, so its two halves would draw in another order. `None` when no
    /// cut leaves a shape on each side.
    pub fn halfway(&self) -> Option<usize> {
        let work: Vec<usize> = self.shapes.iter().map(Shape::work).collect();
        let total: usize = work.iter().sum();
        let mut done = 0;
        let mut best: Option<(usize, usize)> = None;
        for k in 1..self.shapes.len() {
            done += work[k - 1];
            if self.shapes[k - 1].is_label() && self.shapes[k].is_label() {
                continue;
            }
            let off = done.abs_diff(total - done);
            if best.is_none_or(|(o, _)| off < o) {
                best = Some((off, k));
            }
        }
        best.map(|(_, k)| k)
    }
    /// The scene's two parts, cut `halfway` (the second is empty where there is no cut).
    pub fn halves(&self) -> [std::ops::Range<usize>; 2] {
        let n = self.shapes.len();
        let k = self.halfway().unwrap_or(n);
        [0..k, k..n]
    }
    /// All text in the scene, in drawing order (tests and descriptions use it).
    pub fn texts(&self) -> Vec<&str> {
        self.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}
