//! Text measuring and wrapping for layout, the same for chart and map labels.

/// Whether a character is set full-width (CJK ideographs, kana, full-width forms and
/// punctuation): about one em wide, and a line may break before or after it.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Text width estimate for layout: Latin sans-serif averages ~0.56 em per character,
/// Cyrillic ~0.62, CJK a full em. Measuring in the browser forces a page layout per label; an
/// estimate per script is enough to keep labels apart in all three editions.
pub fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            c if is_wide(c) => 1.0,
            '\u{0400}'..='\u{04FF}' => 0.62,
            _ => 0.56,
        })
        .sum();
    ems * size
}

/// Greedy wrap of a label to lines no wider than `width`: at spaces, and between full-width
/// characters (Chinese has no spaces).
pub fn wrap(text: &str, size: f64, width: f64) -> Vec<String> {
    // Breakable pieces, each with whether a space joins it to the one before.
    let mut pieces: Vec<(bool, String)> = Vec::new();
    for word in text.split_whitespace() {
        let mut spaced = true;
        let mut run = String::new();
        for c in word.chars() {
            // Closing punctuation stays with what it closes.
            let closes = matches!(c, '，' | '。' | '、' | '：' | '；' | '）' | '”' | '！' | '？');
            if is_wide(c) && !closes && !run.is_empty() {
                pieces.push((spaced, std::mem::take(&mut run)));
                spaced = false;
            }
            run.push(c);
        }
        if !run.is_empty() {
            pieces.push((spaced, run));
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (spaced, piece) in pieces {
        let joint = if cur.is_empty() || !spaced { "" } else { " " };
        let candidate = format!("{cur}{joint}{piece}");
        if text_width(&candidate, size) > width && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            cur = piece;
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_short() {
        let lines = wrap("Russia’s sales to China and China’s sales to Russia", 12.0, 120.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 12.0) <= 120.0 || !l.contains(' ')));
    }

    #[test]
    fn chinese_wraps_between_characters_and_measures_wide() {
        let lines = wrap("俄罗斯入侵乌克兰后，中国成为俄罗斯最大的贸易伙伴", 12.0, 100.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 12.0) <= 100.0), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with('，')), "a line starts with a comma: {lines:?}");
        assert_eq!(lines.concat(), "俄罗斯入侵乌克兰后，中国成为俄罗斯最大的贸易伙伴");
        assert!(text_width("中国", 10.0) > text_width("China", 10.0) * 0.65);
        assert!(text_width("Китай", 10.0) > text_width("China", 10.0));
    }
}
