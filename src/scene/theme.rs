//! Colours and type sizes for light and dark pages. The palette is Okabe–Ito, chosen
//! because it stays distinguishable under the common colour-vision deficiencies.

use super::Rgba;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Light,
    Dark,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    pub background: Rgba,
    pub ink: Rgba,
    pub muted: Rgba,
    pub grid: Rgba,
    /// China and flows out of China (China's exports to Russia).
    pub china: Rgba,
    /// Russia and flows out of Russia (China's imports from Russia).
    pub russia: Rgba,
    pub total: Rgba,
    pub accent: Rgba,
    /// One colour per category of the timeline and other nominal scales.
    pub categorical: [Rgba; 7],
    pub land: Rgba,
    pub land_other: Rgba,
    pub water: Rgba,
    pub font: f64,
}

impl Theme {
    pub fn light() -> Self {
        Theme {
            name: ThemeName::Light,
            background: Rgba::hex(0xfbfaf7),
            ink: Rgba::hex(0x1d1d1b),
            // 5.4:1 or more on the page and on every map fill (0x66645e was 4.8:1 on water).
            muted: Rgba::hex(0x5a5852),
            grid: Rgba::hex(0xdedbd3),
            china: Rgba::hex(0xc74a00),
            russia: Rgba::hex(0x0068a8),
            total: Rgba::hex(0x1d1d1b),
            accent: Rgba::hex(0x8a5a00),
            categorical: [
                // Okabe–Ito hues, darkened until every one is 3:1 on the page and on every map
                // fill (bluish green, reddish purple and sky blue were 1.9–2.9:1), and chosen
                // to stay apart under protanopia, deuteranopia and tritanopia (see the tests).
                Rgba::hex(0x0068a8),
                Rgba::hex(0xc74a00),
                Rgba::hex(0x008e68),
                Rgba::hex(0xad678e),
                Rgba::hex(0x735000),
                Rgba::hex(0x4087af),
                Rgba::hex(0x6b6b6b),
            ],
            land: Rgba::hex(0xeeebe3),
            land_other: Rgba::hex(0xf5f3ee),
            water: Rgba::hex(0xdfe9f0),
            font: 13.0,
        }
    }

    pub fn dark() -> Self {
        Theme {
            name: ThemeName::Dark,
            background: Rgba::hex(0x15171a),
            ink: Rgba::hex(0xeceae4),
            muted: Rgba::hex(0xb3b0a8),
            grid: Rgba::hex(0x34373c),
            china: Rgba::hex(0xf0883e),
            russia: Rgba::hex(0x58b4f0),
            total: Rgba::hex(0xeceae4),
            accent: Rgba::hex(0xe6c35c),
            categorical: [
                Rgba::hex(0x58b4f0),
                Rgba::hex(0xf0883e),
                Rgba::hex(0x2fc79a),
                Rgba::hex(0xe08fc0),
                Rgba::hex(0xe6c35c),
                Rgba::hex(0x9fd8f7),
                Rgba::hex(0xb0b0b0),
            ],
            land: Rgba::hex(0x2a2d31),
            land_other: Rgba::hex(0x2b2d32),
            water: Rgba::hex(0x121c25),
            font: 13.0,
        }
    }

    pub fn named(name: ThemeName) -> Self {
        match name {
            ThemeName::Light => Self::light(),
            ThemeName::Dark => Self::dark(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything the charts and maps fill under their marks and unhaloed labels.
    fn fills(t: &Theme) -> Vec<(&'static str, Rgba)> {
        vec![
            ("background", t.background),
            ("land", t.land),
            ("land_other", t.land_other),
            ("water", t.water),
            ("China's land", t.land.mix(t.china, 0.07)),
            ("Russia's land", t.land.mix(t.russia, 0.07)),
        ]
    }

    fn both() -> [Theme; 2] {
        [Theme::light(), Theme::dark()]
    }

    #[test]
    fn contrast_ratio_matches_wcag() {
        assert!((Rgba::hex(0x000000).contrast(Rgba::hex(0xffffff)) - 21.0).abs() < 1e-9);
        assert!((Rgba::hex(0x777777).contrast(Rgba::hex(0xffffff)) - 4.48).abs() < 0.01);
        // The failing pair: dimmed step text on the light page.
        assert!((Rgba::hex(0x81807e).contrast(Rgba::hex(0xfbfaf7)) - 3.78).abs() < 0.01);
        // Symmetric, and translucency is blended first.
        let (a, b) = (Rgba::hex(0x0068a8), Rgba::hex(0xfbfaf7));
        assert_eq!(a.contrast(b), b.contrast(a));
        assert!(a.alpha(0.5).contrast(b) < a.contrast(b));
    }

    #[test]
    fn text_colours_read_at_4_5_to_1() {
        for t in both() {
            let text = [("ink", t.ink), ("muted", t.muted), ("china", t.china), ("russia", t.russia)];
            let text = text.into_iter().chain([("total", t.total), ("accent", t.accent)]);
            for (name, c) in text {
                let r = c.contrast(t.background);
                assert!(r >= 4.5, "{:?}: {name} text is {r:.2}:1 on the background", t.name);
            }
            // Timeline lane names: the category colour mixed with the ink.
            for (i, c) in t.categorical.iter().enumerate() {
                let r = c.mix(t.ink, 0.35).contrast(t.background);
                assert!(r >= 4.5, "{:?}: lane name {i} is {r:.2}:1", t.name);
            }
            // Map labels without a halo (ink, muted) on every land and water fill.
            for (fill, bg) in fills(&t) {
                for (name, c) in [("ink", t.ink), ("muted", t.muted)] {
                    let r = c.contrast(bg);
                    assert!(r >= 4.5, "{:?}: {name} text is {r:.2}:1 on {fill}", t.name);
                }
            }
        }
    }

    #[test]
    fn text_with_a_halo_reads_at_4_5_to_1_over_anything() {
        // A halo is the background at 85% under the glyphs: the worst case is one copy over
        // the darkest (light theme) or lightest (dark theme) mark colour.
        for t in both() {
            let halo = t.background.alpha(0.85);
            let marks = [t.ink, t.china, t.russia, t.accent].into_iter().chain(t.categorical);
            for under in marks {
                let behind = halo.over(under);
                for (name, c) in [("ink", t.ink), ("muted", t.muted)] {
                    let r = c.contrast(behind);
                    assert!(r >= 4.5, "{:?}: {name} over a halo over {} is {r:.2}:1", t.name, under.css());
                }
            }
        }
    }

    #[test]
    fn lines_and_marks_reach_3_to_1_on_every_fill() {
        for t in both() {
            let named = [("china", t.china), ("russia", t.russia), ("total", t.total), ("accent", t.accent)];
            let marks = named.into_iter().chain(t.categorical.iter().map(|c| ("categorical", *c)));
            for (name, c) in marks {
                for (fill, bg) in fills(&t) {
                    let r = c.contrast(bg);
                    assert!(r >= 3.0, "{:?}: {name} {} is {r:.2}:1 on {fill}", t.name, c.css());
                }
            }
            // The zero line of an axis is drawn in muted.
            assert!(t.muted.contrast(t.background) >= 3.0);
        }
    }

    /// CIE L*a*b* of a linear-light RGB triple (D65).
    fn lab(l: [f64; 3]) -> [f64; 3] {
        let l = l.map(|v| v.clamp(0.0, 1.0));
        let x = (0.4124 * l[0] + 0.3576 * l[1] + 0.1805 * l[2]) / 0.95047;
        let y = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
        let z = (0.0193 * l[0] + 0.1192 * l[1] + 0.9505 * l[2]) / 1.08883;
        let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
        [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
    }

    fn linear(c: Rgba) -> [f64; 3] {
        let lin = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        [lin(c.0), lin(c.1), lin(c.2)]
    }

    #[test]
    fn categories_stay_apart_under_colour_blindness() {
        // Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
        let sims: [(&str, [[f64; 3]; 3]); 4] = [
            ("normal", [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
            (
                "protanopia",
                [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
            ),
            (
                "deuteranopia",
                [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
            ),
            (
                "tritanopia",
                [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
            ),
        ];
        for t in both() {
            for (name, m) in sims {
                let seen = |c: Rgba| {
                    let l = linear(c);
                    lab([0, 1, 2].map(|i| m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]))
                };
                let de = |a: Rgba, b: Rgba| {
                    let (p, q) = (seen(a), seen(b));
                    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
                };
                for (i, a) in t.categorical.iter().enumerate() {
                    for b in &t.categorical[i + 1..] {
                        let d = de(*a, *b);
                        assert!(d >= 8.0, "{:?} {name}: {} and {} are ΔE {d:.1} apart", t.name, a.css(), b.css());
                    }
                }
                let d = de(t.china, t.russia);
                assert!(d >= 25.0, "{:?} {name}: China and Russia are ΔE {d:.1} apart", t.name);
            }
        }
    }
}
