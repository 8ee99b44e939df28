//! What every chart form shares: the plot area inside margins, axes with gridlines,
//! legends, and keyed interpolation of the marks between two states.

use super::scale::{ticks, Linear};
use crate::scene::text::text_width;
use crate::scene::theme::Theme;
use crate::scene::{HAnchor, Rgba, Scene, Shape, Size, VAnchor};

/// A mark's colour as chart content names it (`color = "china"`), parsed once: an unknown name
/// is an error naming the field, never a grey mark. Written as that name too (`into`), so every
/// format, the edition file's included, reads back what it wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, crate::wire::Wire, serde::Serialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Colour {
    China,
    Russia,
    Total,
    Accent,
    Muted,
    /// The theme's categorical palette, 0–6.
    Cat0,
    Cat1,
    Cat2,
    Cat3,
    Cat4,
    Cat5,
    Cat6,
}

impl Colour {
    const NAMES: [(&'static str, Colour); 12] = [
        ("china", Colour::China),
        ("russia", Colour::Russia),
        ("total", Colour::Total),
        ("accent", Colour::Accent),
        ("muted", Colour::Muted),
        ("cat0", Colour::Cat0),
        ("cat1", Colour::Cat1),
        ("cat2", Colour::Cat2),
        ("cat3", Colour::Cat3),
        ("cat4", Colour::Cat4),
        ("cat5", Colour::Cat5),
        ("cat6", Colour::Cat6),
    ];

    pub fn rgba(self, theme: &Theme) -> Rgba {
        match self {
            Colour::China => theme.china,
            Colour::Russia => theme.russia,
            Colour::Total => theme.total,
            Colour::Accent => theme.accent,
            Colour::Muted => theme.muted,
            Colour::Cat0 => theme.categorical[0],
            Colour::Cat1 => theme.categorical[1],
            Colour::Cat2 => theme.categorical[2],
            Colour::Cat3 => theme.categorical[3],
            Colour::Cat4 => theme.categorical[4],
            Colour::Cat5 => theme.categorical[5],
            Colour::Cat6 => theme.categorical[6],
        }
    }
}

impl From<Colour> for &'static str {
    /// The name content writes (`NAMES` lists every colour; tests/edition.rs reads each back).
    fn from(c: Colour) -> &'static str {
        Colour::NAMES.iter().find(|(_, n)| *n == c).map_or("muted", |(name, _)| name)
    }
}

impl TryFrom<String> for Colour {
    type Error = String;
    fn try_from(name: String) -> Result<Colour, String> {
        Colour::NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c).ok_or_else(|| {
            let known: Vec<&str> = Colour::NAMES.iter().map(|(n, _)| *n).collect();
            format!("color: unknown colour “{name}” (known: {})", known.join(", "))
        })
    }
}

/// The rectangle the data is drawn in, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plot {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Plot {
    /// Margins scale down on narrow screens so phones keep most of the width for data.
    pub fn inside(size: Size, left: f64, top: f64, right: f64, bottom: f64) -> Plot {
        let k = if size.width < 480.0 { 0.75 } else { 1.0 };
        // The left margin holds the y labels, which do not shrink with the screen.
        Plot {
            left,
            top,
            right: (size.width - right * k).max(left + 10.0),
            bottom: (size.height - bottom).max(top + 10.0),
        }
    }
    pub fn width(&self) -> f64 {
        self.right - self.left
    }
    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }
}

/// The room `y_axis` needs left of the plot for its labels (they differ by edition:
/// "$140bn", "140 млрд", "1400亿").
pub fn y_axis_room(domain: (f64, f64), count: usize, fmt: impl Fn(f64) -> String, theme: &Theme) -> f64 {
    let (lo, hi) = (domain.0.min(domain.1), domain.0.max(domain.1));
    ticks(lo, hi, count).into_iter().map(|v| text_width(&fmt(v), theme.font - 1.0)).fold(0.0, f64::max) + 10.0
}

/// Horizontal gridlines with labels on the left.
pub fn y_axis(scene: &mut Scene, plot: &Plot, y: &Linear, count: usize, fmt: impl Fn(f64) -> String, theme: &Theme) {
    let (lo, hi) = (y.domain.0.min(y.domain.1), y.domain.0.max(y.domain.1));
    for v in ticks(lo, hi, count) {
        let py = y.map(v);
        scene.push(Shape::line(
            vec![(plot.left, py), (plot.right, py)],
            if v == 0.0 { theme.muted } else { theme.grid },
            1.0,
        ));
        scene.push(Shape::Text {
            at: (plot.left - 6.0, py),
            text: fmt(v),
            size: theme.font - 1.0,
            color: theme.muted,
            h: HAnchor::Right,
            v: VAnchor::Middle,
            bold: false,
        });
    }
}

/// Year labels under the plot, thinned to fit the width.
pub fn x_axis_years(scene: &mut Scene, plot: &Plot, x: &Linear, theme: &Theme) {
    let (lo, hi) = (x.domain.0.min(x.domain.1), x.domain.0.max(x.domain.1));
    let fit = (plot.width() / 44.0).floor().max(2.0) as usize;
    let step = (((hi - lo) / fit as f64).ceil() as i64).max(1);
    let first = lo.ceil() as i64;
    // Keep the last year labelled: count steps back from it.
    let last = hi.floor() as i64;
    let mut year = last;
    while year >= first {
        let px = x.map(year as f64);
        scene.push(Shape::line(vec![(px, plot.bottom), (px, plot.bottom + 4.0)], theme.muted, 1.0));
        scene.push(Shape::Text {
            at: (px, plot.bottom + 7.0),
            text: year.to_string(),
            size: theme.font - 1.0,
            color: theme.muted,
            h: HAnchor::Center,
            v: VAnchor::Top,
            bold: false,
        });
        year -= step;
    }
}

/// A row of colour keys at the top left of the chart; returns the height used.
pub fn legend(scene: &mut Scene, at: (f64, f64), items: &[(String, Rgba)], max_width: f64, theme: &Theme) -> f64 {
    let (mut x, mut y) = at;
    let line_h = theme.font + 8.0;
    for (label, color) in items {
        if color.3 <= 0.01 {
            continue;
        }
        let w = 18.0 + text_width(label, theme.font - 1.0) + 14.0;
        if x + w > at.0 + max_width && x > at.0 {
            x = at.0;
            y += line_h;
        }
        scene.push(Shape::Rect { x0: x, y0: y - 5.0, x1: x + 12.0, y1: y + 5.0, fill: *color });
        scene.push(Shape::text((x + 17.0, y), label.clone(), theme.font - 1.0, theme.ink.alpha(color.3)));
        x += w;
    }
    y - at.1 + line_h
}

/// Marks that keep their identity between chart states: matched by key, interpolated,
/// faded in when new and out when gone.
pub trait Keyed: Clone {
    fn key(&self) -> &str;
    fn alpha(&mut self) -> &mut f64;
    fn lerp(a: &Self, b: &Self, t: f64) -> Self;
}

pub fn lerp_keyed<T: Keyed>(a: &[T], b: &[T], t: f64) -> Vec<T> {
    let mut out: Vec<T> = b
        .iter()
        .map(|bi| match a.iter().find(|ai| ai.key() == bi.key()) {
            Some(ai) => T::lerp(ai, bi, t),
            None => {
                let mut n = bi.clone();
                *n.alpha() *= t;
                n
            }
        })
        .collect();
    for ai in a.iter().filter(|ai| !b.iter().any(|bi| bi.key() == ai.key())) {
        let mut gone = ai.clone();
        *gone.alpha() *= 1.0 - t;
        out.push(gone);
    }
    out
}

/// Vertical placement of labels at the right end of lines so they do not overlap.
pub fn spread(mut ys: Vec<(usize, f64)>, gap: f64, min: f64, max: f64) -> Vec<(usize, f64)> {
    crate::sort::by_key(&mut ys, |y| y.1);
    for i in 1..ys.len() {
        if ys[i].1 - ys[i - 1].1 < gap {
            ys[i].1 = ys[i - 1].1 + gap;
        }
    }
    if let Some(last) = ys.last().map(|l| l.1) {
        let over = last - max;
        if over > 0.0 {
            for y in ys.iter_mut() {
                y.1 -= over;
            }
        }
    }
    for y in ys.iter_mut() {
        y.1 = y.1.max(min);
    }
    ys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct M(&'static str, f64, f64);
    impl Keyed for M {
        fn key(&self) -> &str {
            self.0
        }
        fn alpha(&mut self) -> &mut f64 {
            &mut self.2
        }
        fn lerp(a: &Self, b: &Self, t: f64) -> Self {
            M(b.0, a.1 + (b.1 - a.1) * t, a.2 + (b.2 - a.2) * t)
        }
    }

    #[test]
    fn keyed_marks_match_fade_in_and_out() {
        let a = [M("x", 0.0, 1.0), M("gone", 5.0, 1.0)];
        let b = [M("x", 10.0, 1.0), M("new", 3.0, 1.0)];
        let mid = lerp_keyed(&a, &b, 0.25);
        assert_eq!(mid[0], M("x", 2.5, 1.0));
        assert_eq!(mid[1], M("new", 3.0, 0.25));
        assert_eq!(mid[2], M("gone", 5.0, 0.75));
        assert_eq!(lerp_keyed(&a, &b, 1.0)[..2], b[..]);
    }

    #[test]
    fn spread_separates_close_labels() {
        let out = spread(vec![(0, 100.0), (1, 104.0), (2, 300.0)], 14.0, 0.0, 400.0);
        assert_eq!(out[1].1 - out[0].1, 14.0);
        assert_eq!(out[2].1, 300.0);
    }
}
