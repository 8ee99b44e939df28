//! The base map pass: land, the two countries' tint, the provinces and regions a step shows,
//! lakes, outlines, neighbours' borders, rivers and last the China–Russia border, in that order
//! (each layer over the one before).

use super::clip::{clip_line_to, clip_ring_to};
use super::gazetteer::gazetteer;
use super::geo::Line;
use super::kinds::Side;
use super::render::{coarse, round_pts, Frame};
use crate::scene::{Scene, Shape};

/// The projected rings of each shown province or region, by id, coarse (`render::coarse`): for
/// placing its label where its visible part is widest.
pub(super) type Shown<'a> = Vec<(&'a str, Vec<Line>)>;

/// Draws the base map; returns the shown units' projected rings.
pub(super) fn base_map<'a>(s: &mut Scene, f: &Frame<'a>) -> Shown<'a> {
    land(s, f);
    let shown = region_fills(s, f);
    for lake in &f.geo.lakes {
        polygons(s, f, lake, f.theme.water);
    }
    outlines(s, f);
    region_edges(s, f);
    rivers(s, f);
    china_russia_border(s, f);
    // The water and the base map are the ground: what of it stays the same from frame to frame
    // (all of it, while the view and the layers do) a canvas keeps painted (web/canvas.rs).
    s.ground = s.shapes.len();
    shown
}

/// A ring of the base map as drawn: projected, clipped to the view (`Frame::clip`), rounded.
fn rings<'a>(f: &'a Frame, ring: &[(f64, f64)]) -> impl Iterator<Item = Vec<(f64, f64)>> + 'a {
    f.st.run_base(f.geo, ring, true)
        .into_iter()
        .map(|pts| clip_ring_to(pts, &f.clip))
        .filter(|pts| !pts.is_empty())
        .map(round_pts)
}

fn polygons(s: &mut Scene, f: &Frame, ring: &[(f64, f64)], fill: crate::scene::Rgba) {
    for points in rings(f, ring) {
        s.push(Shape::Polygon { points, fill });
    }
}

fn lines(s: &mut Scene, f: &Frame, line: &[(f64, f64)], color: crate::scene::Rgba, width: f64) {
    for pts in f.st.run_base(f.geo, line, false) {
        for piece in clip_line_to(pts, &f.clip) {
            s.push(Shape::Line { points: round_pts(piece), color, width, dashed: false });
        }
    }
}

/// All land in the neutral colour, then China and Russia tinted with their colours.
fn land(s: &mut Scene, f: &Frame) {
    let theme = f.theme;
    for ring in &f.geo.land {
        polygons(s, f, ring, theme.land_other);
    }
    for c in &f.geo.countries {
        let fill = match c.side {
            Some(Side::China) => theme.land.mix(theme.china, 0.07),
            Some(Side::Russia) => theme.land.mix(theme.russia, 0.07),
            None => continue,
        };
        for ring in &c.rings {
            polygons(s, f, ring, fill);
        }
    }
}

/// Provinces and regions a step shows: a tint of their country's colour (never a value).
fn region_fills<'a>(s: &mut Scene, f: &Frame<'a>) -> Shown<'a> {
    let g = gazetteer();
    let mut shown = Vec::new();
    for r in &f.m.regions {
        let (Some(unit), Some(region)) = (f.geo.provinces.unit(&r.id), g.province(&r.id)) else { continue };
        let fill = f.colours.fill(region.china(), r.emphasis).alpha(r.alpha);
        let mut px = Vec::new();
        for ring in &unit.rings {
            for pts in rings(f, ring) {
                px.push(coarse(&pts));
                s.push(Shape::Polygon { points: pts, fill });
            }
        }
        shown.push((r.id.as_str(), px));
    }
    shown
}

/// Faint outlines of every province and region in view (each shared boundary drawn once), and
/// the borders between other countries.
fn outlines(s: &mut Scene, f: &Frame) {
    if f.m.outlines > 0.01 {
        for arc in f.geo.provinces.inner_arcs() {
            lines(s, f, arc, f.colours.outline.alpha(f.m.outlines), 0.6);
        }
    }
    for b in f.geo.borders.iter().filter(|b| !b.china_russia) {
        lines(s, f, &b.line, f.theme.muted.alpha(0.45), 0.7);
    }
}

/// The shown units' own outlines, in their country's colour, over the faint ones.
fn region_edges(s: &mut Scene, f: &Frame) {
    let g = gazetteer();
    for r in &f.m.regions {
        let (Some(unit), Some(region)) = (f.geo.provinces.unit(&r.id), g.province(&r.id)) else { continue };
        let color = f.colours.edge(region.china()).alpha(r.alpha);
        for ring in &unit.rings {
            lines(s, f, ring, color, 0.9 + 0.9 * r.emphasis);
        }
    }
}

fn rivers(s: &mut Scene, f: &Frame) {
    let m = f.m;
    if m.rivers > 0.01 {
        let river = f.theme.categorical[5];
        for r in &f.geo.rivers {
            lines(s, f, &r.line, river.alpha(m.rivers), 1.0 + m.rivers);
        }
    }
}

fn china_russia_border(s: &mut Scene, f: &Frame) {
    let colour = f.theme.muted.mix(f.theme.accent, f.m.border);
    for b in f.geo.borders.iter().filter(|b| b.china_russia) {
        lines(s, f, &b.line, colour, 1.0 + 1.6 * f.m.border);
    }
}
