//! Label placement the chart forms share: measured boxes, fitting a label to a width in a few
//! lines, and keeping a label off lines and other labels. Widths come from
//! `scene::text::text_width` (per script), so what fits here fits in Russian and Chinese too.

use crate::scene::text::{is_wide, text_width};

/// Bold text is set about 6% wider than the regular weight `text_width` measures.
pub const BOLD: f64 = 1.06;

pub use crate::scene::rect::Rect;

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
    use crate::scene::{HAnchor, VAnchor};

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
