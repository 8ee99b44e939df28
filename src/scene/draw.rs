//! Renders a `Scene` to any plotters backend. The canvas in the page, SVG downloads and
//! native tests all go through this one function.
//!
//! Scenes are in CSS pixels; `scale` maps them to backend pixels (devicePixelRatio on a
//! canvas, 2 for a PNG at 2x). plotters-canvas ignores devicePixelRatio itself, so
//! widths, radii and font sizes are scaled here, once.

use super::{HAnchor, Rgba, Scene, Shape, VAnchor};
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendCoord, BackendTextStyle, DrawingErrorKind};

fn color(c: Rgba) -> RGBAColor {
    RGBAColor(c.0, c.1, c.2, c.3)
}

fn px(p: (f64, f64), s: f64) -> (i32, i32) {
    ((p.0 * s).round() as i32, (p.1 * s).round() as i32)
}

/// Dashes as short polylines, because plotters has no dashed-path primitive that all
/// backends share.
fn dash_segments(points: &[(f64, f64)], on: f64, off: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    let (mut drawing, mut left) = (true, on);
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut pos = 0.0;
        if drawing && cur.is_empty() {
            cur.push(a);
        }
        while len - pos > left {
            pos += left;
            let t = pos / len;
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if drawing {
                cur.push(p);
                out.push(std::mem::take(&mut cur));
            } else {
                cur.push(p);
            }
            drawing = !drawing;
            left = if drawing { on } else { off };
        }
        left -= len - pos;
        if drawing {
            cur.push(b);
        }
    }
    if cur.len() > 1 {
        out.push(cur);
    }
    out
}

/// A backend that can draw a text's halo itself (the canvas strokes the glyphs once: one call
/// instead of eight). The default draws it as eight copies of the text offset by a pixel in
/// every direction, which any backend can (SVG through plotters has no stroked text).
pub trait HaloText: DrawingBackend {
    /// Strokes `text` `width` backend pixels wide in the style's colour; false when this
    /// backend cannot, and the copies are drawn instead.
    fn stroke_text<S: BackendTextStyle>(
        &mut self,
        _text: &str,
        _style: &S,
        _pos: BackendCoord,
        _width: f64,
    ) -> Result<bool, DrawingErrorKind<Self::ErrorType>> {
        Ok(false)
    }
}

impl HaloText for SVGBackend<'_> {}

/// The halo of a text, as a plotters element: `Shape::Halo` drawn through `HaloText`.
struct Halo<'a> {
    text: &'a str,
    /// Where the text is, in CSS pixels and in backend pixels.
    css: (f64, f64),
    at: BackendCoord,
    style: TextStyle<'a>,
    /// Backend pixels per CSS pixel.
    scale: f64,
}

impl<'a> PointCollection<'a, BackendCoord> for &'a Halo<'_> {
    type Point = &'a BackendCoord;
    type IntoIter = std::iter::Once<&'a BackendCoord>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: HaloText> Drawable<DB> for Halo<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut pos: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let Some(at) = pos.next() else { return Ok(()) };
        // One pixel each side of the glyphs' outline.
        if backend.stroke_text(self.text, &self.style, at, 2.0 * self.scale)? {
            return Ok(());
        }
        // The copies overlap, so each is a little transparent (0.85) for about the same band.
        let c = self.style.color;
        let mut style = self.style.clone();
        style.color = plotters_backend::BackendColor { alpha: c.alpha * 0.85, rgb: c.rgb };
        let shift = (at.0 - px(self.css, self.scale).0, at.1 - px(self.css, self.scale).1);
        for (dx, dy) in
            [(-1.0, 0.0), (1.0, 0.0), (0.0, -1.0), (0.0, 1.0), (-0.7, -0.7), (0.7, 0.7), (-0.7, 0.7), (0.7, -0.7)]
        {
            let p = px((self.css.0 + dx, self.css.1 + dy), self.scale);
            backend.draw_text(self.text, &style, (p.0 + shift.0, p.1 + shift.1))?;
        }
        Ok(())
    }
}

/// A text's style: its font at `scale`, colour and anchor.
fn text_style(size: f64, c: Rgba, h: HAnchor, v: VAnchor, bold: bool, scale: f64) -> TextStyle<'static> {
    let pos = Pos::new(
        match h {
            HAnchor::Left => HPos::Left,
            HAnchor::Center => HPos::Center,
            HAnchor::Right => HPos::Right,
        },
        match v {
            VAnchor::Top => VPos::Top,
            VAnchor::Middle => VPos::Center,
            VAnchor::Bottom => VPos::Bottom,
        },
    );
    let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
    let font = FontDesc::new(FontFamily::SansSerif, size * scale, style);
    let mut ts = TextStyle::from(font).pos(pos);
    ts.color = color(c).to_backend_color();
    ts
}

/// The order `draw` paints shapes in: the scene's, except that within each run of texts and
/// halos the halos come first and then the texts, each grouped by font. A canvas then sets its
/// font a few times a frame instead of at nearly every label (the font setter is the dearest
/// call a label-heavy frame makes), and no halo covers a neighbouring label's letters. The texts
/// of a run are labels placed apart from one another, so nothing else changes.
pub fn drawing_order(shapes: &[Shape]) -> Vec<&Shape> {
    let font = |s: &Shape| match s {
        Shape::Halo { size, bold, .. } => (0, size.to_bits(), *bold),
        Shape::Text { size, bold, .. } => (1, size.to_bits(), *bold),
        _ => unreachable!("only texts and halos are in a run"),
    };
    let mut out = Vec::with_capacity(shapes.len());
    let mut run: Vec<&Shape> = Vec::new();
    for s in shapes {
        if matches!(s, Shape::Text { .. } | Shape::Halo { .. }) {
            run.push(s);
            continue;
        }
        crate::sort::by_key(&mut run, |s| font(s));
        out.append(&mut run);
        out.push(s);
    }
    crate::sort::by_key(&mut run, |s| font(s));
    out.append(&mut run);
    out
}

pub fn draw<DB: HaloText>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    background: Rgba,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_part(area, scene, background, scale, scene.whole())
}

/// Draws the shapes `part` of `scene` over what the area shows, and first the background when
/// the part is the scene's start: the parts of a scene drawn in order draw the scene. Cut where
/// `Scene::halfway` cuts (never inside a run of labels, which `drawing_order` sorts whole).
pub fn draw_part<DB: HaloText>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    background: Rgba,
    scale: f64,
    part: std::ops::Range<usize>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    // A scene that starts with an opaque rectangle over the whole area (a map's water) paints
    // every pixel itself: filling the background first would paint them all twice.
    let (w, h) = area.dim_in_pixel();
    let covered = matches!(scene.shapes.first(), Some(&Shape::Rect { x0, y0, x1, y1, fill })
        if fill.3 >= 1.0 && x0 <= 0.0 && y0 <= 0.0 && x1 * scale >= f64::from(w) && y1 * scale >= f64::from(h));
    if part.start == 0 && !covered {
        area.fill(&color(background))?;
    }
    for shape in drawing_order(scene.shapes.get(part).unwrap_or_default()) {
        match shape {
            Shape::Line { points, color: c, width, dashed } => {
                if c.3 <= 0.0 || points.len() < 2 {
                    continue;
                }
                let style = color(*c).stroke_width(((width * scale).round() as u32).max(1));
                if *dashed {
                    for seg in dash_segments(points, 5.0, 4.0) {
                        area.draw(&PathElement::new(seg.iter().map(|p| px(*p, scale)).collect::<Vec<_>>(), style))?;
                    }
                } else {
                    area.draw(&PathElement::new(points.iter().map(|p| px(*p, scale)).collect::<Vec<_>>(), style))?;
                }
            }
            Shape::Polygon { points, fill } => {
                if fill.3 > 0.0 && points.len() > 2 {
                    area.draw(&Polygon::new(
                        points.iter().map(|p| px(*p, scale)).collect::<Vec<_>>(),
                        color(*fill).filled(),
                    ))?;
                }
            }
            Shape::Rect { x0, y0, x1, y1, fill } => {
                if fill.3 > 0.0 {
                    area.draw(&Rectangle::new([px((*x0, *y0), scale), px((*x1, *y1), scale)], color(*fill).filled()))?;
                }
            }
            Shape::Circle { center, radius, fill, stroke } => {
                let r = ((radius * scale).round() as i32).max(1);
                if fill.3 > 0.0 {
                    area.draw(&Circle::new(px(*center, scale), r, color(*fill).filled()))?;
                }
                if let Some(s) = stroke.filter(|s| s.3 > 0.0) {
                    area.draw(&Circle::new(
                        px(*center, scale),
                        r,
                        color(s).stroke_width(scale.round().max(1.0) as u32),
                    ))?;
                }
            }
            Shape::Text { at, text, size, color: c, h, v, bold } => {
                if c.3 <= 0.0 || text.is_empty() {
                    continue;
                }
                let ts = text_style(*size, *c, *h, *v, *bold, scale);
                area.draw(&Text::new(text.as_str(), px(*at, scale), ts))?;
            }
            Shape::Halo { at, text, size, color: c, h, v, bold } => {
                if c.3 <= 0.0 || text.is_empty() {
                    continue;
                }
                let style = text_style(*size, *c, *h, *v, *bold, scale);
                area.draw(&Halo { text, css: *at, at: px(*at, scale), style, scale })?;
            }
        }
    }
    Ok(())
}

/// The scene as an SVG document, drawn by the same code as the canvas.
pub fn to_svg(scene: &Scene, width: u32, height: u32, background: Rgba) -> String {
    let mut out = String::new();
    {
        let backend = SVGBackend::with_string(&mut out, (width, height));
        let area = backend.into_drawing_area();
        // Writing to a String cannot fail; a failure here would be a plotters bug.
        let _ = draw(&area, scene, background, 1.0);
        let _ = area.present();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_cover_the_line_in_pieces() {
        let segs = dash_segments(&[(0.0, 0.0), (100.0, 0.0)], 5.0, 4.0);
        assert_eq!(segs.len(), 12);
        assert!(segs.iter().all(|s| s.len() >= 2));
        assert_eq!(segs[0][0], (0.0, 0.0));
    }

    #[test]
    fn runs_of_labels_draw_halos_first_then_texts_by_font() {
        let text = |x: f64, size: f64, bold: bool| Shape::Text {
            at: (x, 0.0),
            text: "a".into(),
            size,
            color: Rgba(0, 0, 0, 1.0),
            h: HAnchor::Left,
            v: VAnchor::Middle,
            bold,
        };
        let bg = Rgba(255, 255, 255, 1.0);
        let mut scene = Scene::default();
        for (x, size, bold) in [(1.0, 12.0, true), (2.0, 11.0, false), (3.0, 12.0, true), (4.0, 11.0, false)] {
            text(x, size, bold).push_with_halo(&mut scene, bg);
        }
        let rect = Shape::Rect { x0: 0.0, y0: 0.0, x1: 1.0, y1: 1.0, fill: bg };
        scene.push(rect.clone());
        scene.push(text(5.0, 12.0, true));
        let order = drawing_order(&scene.shapes);
        let kinds: Vec<(char, f64)> = order
            .iter()
            .map(|s| match s {
                Shape::Halo { at, .. } => ('h', at.0),
                Shape::Text { at, .. } => ('t', at.0),
                _ => ('r', 0.0),
            })
            .collect();
        // Halos first, then texts; 11 px before 12 px, and within a font the scene's order.
        let want = [('h', 2.0), ('h', 4.0), ('h', 1.0), ('h', 3.0), ('t', 2.0), ('t', 4.0), ('t', 1.0), ('t', 3.0)];
        assert_eq!(kinds[..8], want);
        // A shape that is not text ends the run: what follows it stays after it.
        assert_eq!(kinds[8..], [('r', 0.0), ('t', 5.0)]);
        assert_eq!(order.len(), scene.shapes.len());
    }

    #[test]
    fn a_scene_drawn_in_its_two_halves_is_the_scene_drawn_whole() {
        let bg = Rgba::hex(0xffffff);
        let mut scene = Scene::default();
        let square = |scene: &mut Scene, i: u32| {
            let x = f64::from(i) * 10.0;
            let points = vec![(x, 0.0), (x + 8.0, 0.0), (x + 8.0, 8.0), (x, 8.0)];
            scene.push(Shape::Polygon { points, fill: Rgba::hex(0x336699) });
        };
        (0..6).for_each(|i| square(&mut scene, i));
        // A run of labels in the middle of the scene's work: halos first, then texts by font.
        for i in 0..4 {
            let label = Shape::text((f64::from(i) * 12.0, 20.0), "Heihe", 11.0 + f64::from(i % 2), Rgba::hex(0x000000));
            label.push_with_halo(&mut scene, bg);
        }
        (0..6).for_each(|i| square(&mut scene, i));
        let svg = |parts: &[std::ops::Range<usize>]| {
            let mut out = String::new();
            {
                let area = SVGBackend::with_string(&mut out, (80, 40)).into_drawing_area();
                for part in parts {
                    draw_part(&area, &scene, bg, 1.0, part.clone()).unwrap();
                }
                area.present().unwrap();
            }
            out
        };
        let whole = svg(&[scene.whole()]);
        let k = scene.halfway().expect("the scene has a cut between its squares");
        assert!(!(scene.shapes[k - 1].is_label() && scene.shapes[k].is_label()), "cut at {k}, inside the labels");
        assert_eq!(scene.halves(), [0..k, k..scene.shapes.len()]);
        assert_eq!(svg(&scene.halves()), whole);
        // Cut inside the run of labels, the halves would draw the second halo over the first text.
        assert_ne!(svg(&[0..8, 8..scene.shapes.len()]), whole);
        assert_eq!(Scene { shapes: scene.shapes[..1].to_vec(), ground: 0 }.halfway(), None);
    }

    #[test]
    fn svg_contains_text_and_shapes() {
        let mut s = Scene::default();
        s.push(Shape::text((10.0, 10.0), "Trade, $bn", 12.0, Rgba::hex(0x000000)));
        s.push(Shape::Rect { x0: 0.0, y0: 0.0, x1: 5.0, y1: 5.0, fill: Rgba::hex(0xff0000) });
        let svg = to_svg(&s, 100, 50, Rgba::hex(0xffffff));
        assert!(svg.contains("Trade, $bn"));
        assert!(svg.starts_with("<svg"));
    }
}
