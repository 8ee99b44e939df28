//! Text measuring and wrapping for layout, the same for chart and map labels.

/// Whether a character is set full-width (CJK ideographs, kana, full-width forms and
/// punctuation): about one em wide, and a line may break before or after it.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Curly quotes (“ ” ‘ ’): narrow in a Latin font, but a CJK font (the Chinese edition's first
/// font) sets them a full em wide, as in “西伯利亚力量”管道.
pub fn is_curly_quote(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
}

/// Text width estimate for layout: Latin sans-serif averages ~0.56 em per character,
/// Cyrillic ~0.62, CJK a full em. Measuring in the browser forces a page layout per label; an
/// estimate per script is enough to keep labels apart in all three editions.
///
/// Curly quotes count a full em in text that has CJK characters (where the edition's CJK font
/// draws them) and Latin width elsewhere (English “pivot”, Russia’s). The text itself decides,
/// not the edition: every caller measures plain strings, and a Chinese label without a CJK
/// character is rare; measuring a quote too wide only leaves a label some room.
pub fn text_width(text: &str, size: f64) -> f64 {
    let (mut ems, mut quotes, mut cjk) = (0.0, 0.0, false);
    for c in text.chars() {
        match c {
            c if is_wide(c) => {
                ems += 1.0;
                cjk = true;
            }
            c if is_curly_quote(c) => quotes += 1.0,
            '\u{0400}'..='\u{04FF}' => ems += 0.62,
            _ => ems += 0.56,
        }
    }
    (ems + quotes * if cjk { 1.0 } else { 0.56 }) * size
}

/// Greedy wrap of a label to lines no wider than `width`: at spaces, and between full-width
/// characters (Chinese has no spaces).
pub fn wrap(text: &str, size: f64, width: f64) -> Vec<String> {
    let cjk = text.chars().any(is_wide);
    // Breakable pieces, each with whether a space joins it to the one before.
    let mut pieces: Vec<(bool, String)> = Vec::new();
    for word in text.split_whitespace() {
        let mut spaced = true;
        let mut run = String::new();
        for c in word.chars() {
            // Closing punctuation stays with what it closes; in Chinese an opening quote starts
            // a piece and stays with what it opens.
            let closes = matches!(c, '，' | '。' | '、' | '：' | '；' | '）' | '”' | '’' | '！' | '？');
            let opens = cjk && matches!(c, '“' | '‘');
            let opened = cjk && run.ends_with(['“', '‘']);
            // A number keeps the character after it (its unit: 2024年, 1月, 2400亿), and a
            // number after Chinese text starts a piece: "2024年1月" breaks as 2024年 | 1月.
            let last = run.chars().last();
            let unit = last.is_some_and(|p| p.is_ascii_digit());
            let number = cjk && c.is_ascii_digit() && last.is_some_and(is_wide) && !opened;
            if ((is_wide(c) || opens) && !closes && !opened && !unit || number) && !run.is_empty() {
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
    fn chinese_numbers_keep_their_units() {
        let lines = wrap("2024年1月至4月", 12.0, 30.0);
        assert_eq!(lines.concat(), "2024年1月至4月");
        for l in &lines {
            assert!(!l.starts_with(['年', '月', '亿']), "a unit torn from its number: {lines:?}");
            assert!(!l.ends_with(|c: char| c.is_ascii_digit()), "a number torn from its unit: {lines:?}");
        }
        assert_eq!(wrap("2400亿美元", 12.0, 40.0)[0], "2400亿");
    }

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

    #[test]
    fn curly_quotes_are_wide_in_chinese_and_narrow_elsewhere() {
        // Eight characters and two quotes: ten ems in a CJK font.
        assert_eq!(text_width("“西伯利亚力量”管道", 10.0), 100.0);
        assert_eq!(text_width("‘北’", 10.0), 30.0);
        // English and Russian keep Latin widths for the same characters.
        assert!((text_width("“pivot”", 10.0) - 7.0 * 5.6).abs() < 1e-9);
        assert!((text_width("Russia’s", 10.0) - 8.0 * 5.6).abs() < 1e-9);
        assert!((text_width("«Сила Сибири»", 10.0) - (2.0 * 5.6 + 4.0 * 6.2 + 5.6 + 6.0 * 6.2)).abs() < 1e-9);
        // Wrapped, an opening quote stays with what it opens and a closing one with what it closes.
        for width in [30.0, 40.0, 50.0, 60.0, 70.0] {
            let lines = wrap("中俄“西伯利亚力量”管道和‘远东线’", 10.0, width);
            assert_eq!(lines.concat(), "中俄“西伯利亚力量”管道和‘远东线’");
            for l in &lines {
                assert!(!l.ends_with(['“', '‘']) && !l.starts_with(['”', '’']), "{width}: {lines:?}");
                assert!(text_width(l, 10.0) <= width || l.chars().count() <= 2, "{width}: {lines:?}");
            }
        }
    }
}
