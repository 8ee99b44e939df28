//! Label placement the chart forms share: measured boxes, fitting a label to a width in a few
//! lines, and keeping a label off lines and other labels. Widths come from
//! `scene::text::text_width` (per script), so what fits here fits in Russian and Chinese too.

use crate::scene::text::{is_wide, text_width};
use crate::scene::{HAnchor, VAnchor};

/// Bold text is set about 6% wider than the regular weight `text_width` measures.
pub const BOLD: f64 = 1.06;

/// A label's box in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The box of a text of `width` × `height` drawn at `at` with these anchors.
    pub fn of_text(at: (f64, f64), width: f64, height: f64, h: HAnchor, v: VAnchor) -> Rect {
        let x0 = match h {
            HAnchor::Left => at.0,
            HAnchor::Center => at.0 - width / 2.0,
            HAnchor::Right => at.0 - width,
        };
        let y0 = match v {
            VAnchor::Top => at.1,
            VAnchor::Middle => at.1 - height / 2.0,
            VAnchor::Bottom => at.1 - height,
        };
        Rect { x0, y0, x1: x0 + width, y1: y0 + height }
    }
    /// The box grown by `m` on every side.
    pub fn grown(self, m: f64) -> Rect {
        Rect { x0: self.x0 - m, y0: self.y0 - m, x1: self.x1 + m, y1: self.y1 + m }
    }
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    /// Whether the segment a–b passes through the box (Liang–Barsky clipping).
    pub fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [(-dx, a.0 - self.x0), (dx, self.x1 - a.0), (-dy, a.1 - self.y0), (dy, self.y1 - a.1)] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        t0 <= t1
    }
    /// Whether any segment of the polyline passes through the box.
    pub fn crossed_by_line(&self, points: &[(f64, f64)]) -> bool {
        match points {
            [p] => self.crossed_by(*p, *p),
            _ => points.windows(2).any(|w| self.crossed_by(w[0], w[1])),
        }
    }
}

/// The widest of some lines at `size` (bold: `BOLD` wider).
pub fn widest(lines: &[String], size: f64, bold: bool) -> f64 {
    let k = if bold { BOLD } else { 1.0 };
    lines.iter().map(|l| text_width(l, size) * k).fold(0.0, f64::max)
}

/// A label on one line when it fits `width`; otherwise on two, broken where the wider line is
/// narrowest: at a space, or after a CJK character (never inside a number, never before
/// closing punctuation), so “76,9 млрд долл.” becomes “76,9 млрд” / “долл.” and
/// “2024年1月至4月” becomes “2024年” / “1月至4月”. A label with no break point stays whole.
pub fn fit(text: &str, size: f64, width: f64, max_lines: usize, bold: bool) -> Vec<String> {
    let k = if bold { BOLD } else { 1.0 };
    let w = |t: &str| text_width(t.trim(), size) * k;
    if w(text) <= width || max_lines < 2 {
        return vec![text.to_string()];
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut best: Option<(f64, String, String)> = None;
    for (n, &(i, c)) in chars.iter().enumerate().skip(1) {
        let prev = chars[n - 1].1;
        let closes = matches!(c, '，' | '。' | '、' | '：' | '；' | '）' | '”' | '’' | '！' | '？' | '.' | ',');
        let at_space = c == ' ';
        let after_wide = is_wide(prev) && !closes && prev != '“' && prev != '‘';
        if !(at_space || after_wide) {
            continue;
        }
        let (a, b) = (text[..i].trim().to_string(), text[i..].trim().to_string());
        if a.is_empty() || b.is_empty() {
            continue;
        }
        let m = w(&a).max(w(&b));
        if best.as_ref().is_none_or(|(bm, _, _)| m < *bm) {
            best = Some((m, a, b));
        }
    }
    match best {
        Some((_, a, b)) => vec![a, b],
        None => vec![text.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_in_as_few_lines_as_asked() {
        assert_eq!(fit("$76.9bn", 11.0, 60.0, 2, false), vec!["$76.9bn"]);
        let ru = fit("76,9 млрд долл.", 11.0, 50.0, 2, false);
        assert_eq!(ru, vec!["76,9 млрд", "долл."]);
        assert_eq!(fit("2024年1月至4月", 10.0, 60.0, 2, false), vec!["2024年", "1月至4月"]);
        assert_eq!(fit("769亿美元", 11.0, 40.0, 2, false), vec!["769亿", "美元"]);
        assert_eq!(fit("Jan–Apr 2024", 10.0, 60.0, 2, false), vec!["Jan–Apr", "2024"]);
    }

    #[test]
    fn boxes_and_segments() {
        let r = Rect::of_text((100.0, 50.0), 40.0, 10.0, HAnchor::Center, VAnchor::Bottom);
        assert_eq!(r, Rect { x0: 80.0, y0: 40.0, x1: 120.0, y1: 50.0 });
        assert!(r.crossed_by((70.0, 45.0), (130.0, 45.0)));
        assert!(!r.crossed_by((70.0, 35.0), (130.0, 35.0)));
        assert!(r.crossed_by_line(&[(60.0, 60.0), (100.0, 45.0), (140.0, 60.0)]));
        assert!(!r.overlaps(&Rect { x0: 120.0, y0: 40.0, x1: 130.0, y1: 50.0 }));
    }
}
