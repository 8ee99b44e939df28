//! The inset pass: a small bar chart in a corner of the map (pipeline flows, gas against
//! Europe, Arctic transit cargo, sea distances), drawn from `content::inset_data`.

use super::content::inset_data;
use super::labels::{text_width, wrap_lines, Rect};
use super::render::Frame;
use super::{Inset, Kind};
use crate::scene::{HAnchor, Rgba, Scene, Shape, VAnchor};

/// A left-aligned or right-aligned line of inset text.
fn text(s: &mut Scene, at: (f64, f64), text: &str, size: f64, color: Rgba, h: HAnchor, bold: bool) {
    s.push(Shape::Text { at, text: text.to_string(), size, color, h, v: VAnchor::Middle, bold });
}

/// Draws an inset bar chart in a corner at opacity `a`; returns its box.
pub(super) fn draw_inset(s: &mut Scene, inset: Inset, f: &Frame, a: f64) -> Rect {
    let (size, theme) = (f.size, f.theme);
    let d = inset_data(f.data.lang, inset, f.data);
    let small = (theme.font * 0.9).max(11.0);
    let ink = theme.ink.alpha(a);
    let row_h = small * 1.5;
    let longest = d.bars.iter().map(|b| text_width(&b.label, small)).fold(0.0, f64::max);
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
    let (x0, y0) = match f.m.camera.kind {
        Kind::Conic => (8.0, size.height - bh - 24.0),
        Kind::Polar => (8.0, 8.0),
    };
    let rect = Rect { x0, y0, x1: x0 + bw, y1: y0 + bh };
    s.push(Shape::Rect { x0, y0, x1: rect.x1, y1: rect.y1, fill: theme.background.alpha(0.92 * a) });
    let mut y = y0 + 10.0 + small * 0.6;
    for t in &title_lines {
        text(s, (x0 + 8.0, y), t, small, ink, HAnchor::Left, true);
        y += small * 1.3;
    }
    let max = d
        .bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.0).sum::<f64>())
        .chain(d.reference.iter().map(|r| r.0))
        .fold(0.0, f64::max)
        .max(1e-9);
    let value_w = d.bars.iter().map(|b| text_width(&b.value_text, small)).fold(0.0, f64::max) + 6.0;
    let bar_x0 = if stacked { x0 + 8.0 } else { x0 + 8.0 + label_w + 6.0 };
    let bar_w = (rect.x1 - 8.0 - value_w - bar_x0).max(20.0);
    // Bars grow with the step's progress unless a route is already being drawn with it.
    let grow = if f.m.reveal.is_some() { 1.0 } else { (f.progress * 1.6).clamp(0.15, 1.0) };
    let scale = |v: f64| v / max * bar_w * grow;
    for b in &d.bars {
        let cy = if stacked {
            text(s, (x0 + 8.0, y), &b.label, small, ink, HAnchor::Left, false);
            y + row_h * 0.9
        } else {
            text(s, (bar_x0 - 6.0, y), &b.label, small, ink, HAnchor::Right, false);
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
        text(s, (x + 4.0, cy), &b.value_text, small, ink, HAnchor::Left, false);
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
        text(s, (x, y), label, small, theme.muted.alpha(a), HAnchor::Right, false);
    }
    rect
}
